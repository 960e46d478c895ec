/* compute: assess_compute, the whole cycle in phases: the category
 * rankings that rank and relative rules need, every subject's component
 * scores and total (in parallel over subjects), caps, the ranking order
 * and ranks, grades under quotas, and bonuses. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "core/assess/assess_int.h"

struct assess_job {
	assess_range_fn fn;
	void *ctx;
	uint32_t from, to;
	unsigned worker;
};

static void *assess_job_run(void *arg)
{
	struct assess_job *j = arg;
	j->fn(j->ctx, j->from, j->to, j->worker);
	return NULL;
}

void assess_parallel(unsigned threads, uint32_t n, assess_range_fn fn,
		     void *ctx)
{
	struct assess_job jobs[ASSESS_THREADS_MAX];
	pthread_t tid[ASSESS_THREADS_MAX];
	bool started[ASSESS_THREADS_MAX] = { false };
	if (threads > ASSESS_THREADS_MAX)
		threads = ASSESS_THREADS_MAX;
	if (threads < 2 || n < 2) {
		fn(ctx, 0, n, 0);
		return;
	}
	for (unsigned t = 0; t < threads; t++) {
		jobs[t] = (struct assess_job){
			fn, ctx, (uint32_t)((uint64_t)n * t / threads),
			(uint32_t)((uint64_t)n * (t + 1) / threads), t,
		};
		started[t] = t > 0 && pthread_create(&tid[t], NULL,
						      assess_job_run, &jobs[t]) == 0;
	}
	for (unsigned t = 0; t < threads; t++)
		if (!started[t])
			assess_job_run(&jobs[t]); /* the caller's share, or a fallback */
	for (unsigned t = 1; t < threads; t++)
		if (started[t])
			pthread_join(tid[t], NULL);
}

static void *assess_array(struct assess_result *r, size_t n, size_t size)
{
	return arena_zalloc(&r->arena, (n ? n : 1) * size);
}

static void *assess_array_raw(struct assess_result *r, size_t n, size_t size)
{
	return arena_alloc(&r->arena, (n ? n : 1) * size);
}

/* Subjects per pool and unit; caps.csv rows grouped by subject. */
static void assess_index(const struct assess_input *in, struct assess_result *r)
{
	r->pool_size = assess_array(r, in->npools, sizeof *r->pool_size);
	r->unit_size = assess_array(r, in->nunits, sizeof *r->unit_size);
	r->cap_start = assess_array(r, (size_t)in->nsubjects + 1,
				    sizeof *r->cap_start);
	r->cap_rows = assess_array(r, in->ncaps, sizeof *r->cap_rows);
	for (uint32_t s = 0; s < in->nsubjects; s++) {
		r->pool_size[in->subjects[s].pool]++;
		r->unit_size[in->subjects[s].unit]++;
	}
	for (uint32_t k = 0; k < in->ncaps; k++)
		r->cap_start[in->caps[k].subject + 1]++;
	for (uint32_t s = 0; s < in->nsubjects; s++)
		r->cap_start[s + 1] += r->cap_start[s];
	uint32_t *fill = xcalloc(in->nsubjects ? in->nsubjects : 1, sizeof *fill);
	for (uint32_t k = 0; k < in->ncaps; k++) {
		uint32_t s = in->caps[k].subject;
		r->cap_rows[r->cap_start[s] + fill[s]++] = k;
	}
	free(fill);
}

struct assess_scoring {
	const struct assess_input *in;
	struct assess_result *r;
	/* The first subject (lowest index) missing a value, per worker. */
	uint32_t missing_subject[ASSESS_THREADS_MAX];
};

static double assess_component(const struct assess_input *in,
			       const struct assess_result *r, uint32_t c,
			       uint32_t s, uint8_t *red, bool *missing_value)
{
	bool missing = false, trip = false;
	double x = 0;
	switch (in->components[c].kind) {
	case ASSESS_COMP_SCHEME:
		x = assess_performance(in, r, s, NULL, missing_value);
		break;
	case ASSESS_COMP_RATINGS:
		x = assess_ratings_score(in, c, s, NULL, &trip, &missing);
		break;
	case ASSESS_COMP_ROUTINE:
		x = assess_routine_score(in, c, s, NULL, &missing);
		break;
	}
	red[c] = trip;
	if (missing)
		r->warnings[s] |= ASSESS_WARN_MISSING_COMPONENT;
	return assess_round4(x);
}

static void assess_score_range(void *vctx, uint32_t from, uint32_t to,
			       unsigned worker)
{
	struct assess_scoring *sc = vctx;
	const struct assess_input *in = sc->in;
	struct assess_result *r = sc->r;
	uint8_t *red = xcalloc(in->ncomponents ? in->ncomponents : 1, 1);
	for (uint32_t s = from; s < to; s++) {
		double *scores = r->scores + (size_t)s * in->ncomponents;
		double total = 0;
		bool missing_value = false;
		for (uint32_t c = 0; c < in->ncomponents; c++) {
			scores[c] = assess_component(in, r, c, s, red,
						     &missing_value);
			total += in->components[c].weight * scores[c] / 100.0;
		}
		r->totals[s] = assess_round4(total);
		if (missing_value) {
			r->warnings[s] |= ASSESS_WARN_MISSING_VALUE;
			if (sc->missing_subject[worker] == ASSESS_NONE)
				sc->missing_subject[worker] = s;
		}
		assess_caps(in, r, s, red);
		assess_grade_early(in, r, s);
	}
	free(red);
}

static void assess_allocate(const struct assess_input *in,
			    struct assess_result *r)
{
	uint32_t n = in->nsubjects;
	r->nsubjects = n;
	r->ncomponents = in->ncomponents;
	r->ngrades = in->ngrades;
	/* Written whole by the phases (the scoring workers first touch
	 * their own subjects'), so not zeroed here. */
	r->scores = assess_array_raw(r, (size_t)n * in->ncomponents,
				     sizeof(double));
	r->totals = assess_array_raw(r, n, sizeof *r->totals);
	r->order = assess_array_raw(r, n, sizeof *r->order);
	r->rank = assess_array_raw(r, n, sizeof *r->rank);
	r->pool_rank = assess_array_raw(r, n, sizeof *r->pool_rank);
	r->grade = assess_array_raw(r, n, sizeof *r->grade);
	r->cap = assess_array_raw(r, n, sizeof *r->cap);
	r->cap_sources = assess_array_raw(r, n, 1);
	r->bonus = assess_array_raw(r, n, sizeof *r->bonus);
	/* Written in part. */
	r->passed_over = assess_array(r, (size_t)n * in->ngrades, 1);
	r->warnings = assess_array(r, n, 1);
}

/* Ranks and quota assignment both follow the ranking order and touch
 * different fields, so they run side by side. */
static void assess_rank_assign(void *vctx, uint32_t from, uint32_t to,
			       unsigned worker)
{
	struct assess_scoring *sc = vctx;
	(void)worker;
	for (uint32_t k = from; k < to; k++) {
		if (k == 0)
			assess_ranks(sc->in, sc->r);
		else
			assess_assign(sc->in, sc->r);
	}
}

/* Names the first subject and indicator without a value (--strict). */
static int assess_strict(const struct assess_input *in,
			 const struct assess_scoring *sc, unsigned threads,
			 struct err *e)
{
	uint32_t s = ASSESS_NONE;
	for (unsigned t = 0; t < threads && t < ASSESS_THREADS_MAX; t++)
		if (sc->missing_subject[t] < s)
			s = sc->missing_subject[t];
	if (s == ASSESS_NONE)
		return 0;
	const struct assess_scheme *scheme = assess_scheme_of(in, s);
	for (uint32_t i = 0; i < scheme->nleaves; i++)
		if (isnan(in->values[assess_slot(in, s, i)]))
			return err_set(e, ERR_INVALID, "missing_value",
				       "subject '%s' has no value for indicator "
				       "'%s' (--strict)", in->subjects[s].id,
				       scheme->leaves[i].id);
	return 0;
}

int assess_compute(const struct assess_input *in, unsigned threads,
		   struct assess_result **out, struct err *e)
{
	if (assess_validate(in, e) != 0)
		return -1;
	if (threads < 1)
		threads = 1;
	struct assess_result *r = xcalloc(1, sizeof *r);
	assess_allocate(in, r);
	assess_index(in, r);
	assess_standings(in, r, threads);
	struct assess_scoring sc = { in, r, { 0 } };
	for (unsigned t = 0; t < ASSESS_THREADS_MAX; t++)
		sc.missing_subject[t] = ASSESS_NONE;
	assess_parallel(in->nsubjects >= ASSESS_PARALLEL_MIN ? threads : 1,
			in->nsubjects, assess_score_range, &sc);
	if (in->strict && assess_strict(in, &sc, threads, e) != 0) {
		assess_result_free(r);
		return -1;
	}
	assess_order(in, r, threads);
	assess_parallel(threads, 2, assess_rank_assign, &sc);
	assess_bonus(in, r, threads);
	*out = r;
	return 0;
}

void assess_result_free(struct assess_result *r)
{
	if (!r)
		return;
	arena_free(&r->arena);
	free(r);
}
