/* grades: the ranking order and ranks (ASSESSMENT.md section 6), caps,
 * quotas and grade assignment (section 7). */
#include <stdlib.h>
#include <string.h>

#include "core/assess/assess_int.h"

struct assess_order_ctx {
	const struct assess_input *in;
	const struct assess_result *r;
};

static int assess_order_cmp(const void *pa, const void *pb, void *vctx)
{
	const struct assess_order_ctx *c = vctx;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const struct assess_result *r = c->r;
	if (r->totals[a] != r->totals[b])
		return r->totals[a] > r->totals[b] ? -1 : 1;
	const double *sa = r->scores + (size_t)a * r->ncomponents;
	const double *sb = r->scores + (size_t)b * r->ncomponents;
	for (uint32_t k = 0; k < r->ncomponents; k++)
		if (sa[k] != sb[k])
			return sa[k] > sb[k] ? -1 : 1;
	return strcmp(c->in->subjects[a].id, c->in->subjects[b].id);
}

/* Sorts each run of equal totals in order[from, to) by the full
 * comparison; runs never cross a piece's bounds. */
struct assess_ties {
	struct assess_order_ctx ctx;
	const struct standing_pair *p; /* radix-sorted by total */
	uint32_t *order;
	uint32_t bound[ASSESS_THREADS_MAX + 1]; /* piece k: [bound[k], bound[k+1]) */
};

static void assess_ties_range(void *vctx, uint32_t from, uint32_t to,
			      unsigned worker)
{
	struct assess_ties *t = vctx;
	(void)worker;
	for (uint32_t k = from; k < to; k++)
		for (uint32_t i = t->bound[k]; i < t->bound[k + 1];) {
			uint32_t j = i + 1;
			while (j < t->bound[k + 1] && t->p[j].key == t->p[i].key)
				j++;
			if (j - i > 1)
				qsort_r(t->order + i, j - i, sizeof *t->order,
					assess_order_cmp, &t->ctx);
			i = j;
		}
}

/* By total first (a radix sort: totals descending), then each run of
 * equal totals by the full comparison, in `threads` pieces cut between
 * runs. */
void assess_order(const struct assess_input *in, struct assess_result *r,
		  unsigned threads)
{
	uint32_t n = in->nsubjects;
	struct standing_pair *p = malloc((n ? n : 1) * sizeof *p);
	if (!p)
		abort();
	for (uint32_t s = 0; s < n; s++)
		p[s] = (struct standing_pair){ ~assess_sort_key(r->totals[s]), s };
	assess_sort_pairs(p, n);
	for (uint32_t i = 0; i < n; i++)
		r->order[i] = (uint32_t)p[i].slot;
	struct assess_ties t = { { in, r }, p, r->order, { 0 } };
	if (threads > ASSESS_THREADS_MAX)
		threads = ASSESS_THREADS_MAX;
	if (threads < 1 || n < ASSESS_PARALLEL_MIN)
		threads = 1;
	for (unsigned k = 1; k < threads; k++) {
		uint32_t i = (uint32_t)((uint64_t)n * k / threads);
		if (i < t.bound[k - 1])
			i = t.bound[k - 1];
		while (i > 0 && i < n && p[i].key == p[i - 1].key)
			i++;
		t.bound[k] = i;
	}
	t.bound[threads] = n;
	assess_parallel(threads, threads, assess_ties_range, &t);
	free(p);
}

/* Competition ranks (1, 2, 2, 4) by total, overall and per pool. */
void assess_ranks(const struct assess_input *in, struct assess_result *r)
{
	uint32_t *seen = calloc(in->npools ? in->npools : 1, sizeof *seen);
	uint32_t *last_rank = calloc(in->npools ? in->npools : 1,
				     sizeof *last_rank);
	double *last_total = calloc(in->npools ? in->npools : 1,
				    sizeof *last_total);
	if (!seen || !last_rank || !last_total)
		abort();
	for (uint32_t i = 0; i < in->nsubjects; i++) {
		uint32_t s = r->order[i], p = in->subjects[s].pool;
		uint32_t prev = i ? r->order[i - 1] : s;
		r->rank[s] = i && r->totals[prev] == r->totals[s]
				     ? r->rank[prev] : i + 1;
		seen[p]++;
		if (seen[p] == 1 || last_total[p] != r->totals[s])
			last_rank[p] = seen[p];
		last_total[p] = r->totals[s];
		r->pool_rank[s] = last_rank[p];
	}
	free(seen);
	free(last_rank);
	free(last_total);
}

static void assess_cap_to(struct assess_result *r, uint32_t s, uint32_t g,
			  enum assess_cap_source src)
{
	if (r->cap[s] == ASSESS_NONE || g > r->cap[s])
		r->cap[s] = g;
	r->cap_sources[s] |= (uint8_t)src;
}

/* The worst of vetoes, red lines, routine caps and caps.csv rows.
 * red_triggered: per component, whether its red line triggered. */
void assess_caps(const struct assess_input *in, struct assess_result *r,
		 uint32_t s, const uint8_t *red_triggered)
{
	const struct assess_scheme *sc = assess_scheme_of(in, s);
	r->cap[s] = ASSESS_NONE;
	r->cap_sources[s] = 0;
	for (uint32_t j = 0; j < sc->nadjustments; j++) {
		const struct assess_adjustment *adj = &sc->adjustments[j];
		double a = in->values[assess_slot(in, s, sc->nleaves + j)];
		if (adj->kind == ASSESS_VETO && a == a && a != 0)
			assess_cap_to(r, s, adj->cap, ASSESS_CAP_VETO);
	}
	for (uint32_t c = 0; c < in->ncomponents; c++)
		if (red_triggered[c])
			assess_cap_to(r, s, in->components[c].red_cap,
				      ASSESS_CAP_RED_LINE);
	for (uint32_t k = 0; k < in->nroutine_caps; k++) {
		const struct assess_routine_cap *rc = &in->routine_caps[k];
		if (assess_routine_count(in, s, rc->at_or_below, true) >= rc->count)
			assess_cap_to(r, s, rc->cap, ASSESS_CAP_ROUTINE);
	}
	for (uint32_t k = r->cap_start[s]; k < r->cap_start[s + 1]; k++)
		assess_cap_to(r, s, in->caps[r->cap_rows[k]].grade,
			      ASSESS_CAP_LISTED);
}

uint32_t assess_routine_count(const struct assess_input *in, uint32_t s,
			      enum assess_routine level, bool at_or_below)
{
	if (!in->routine)
		return 0;
	const uint32_t *rt = in->routine + (size_t)s * ASSESS_ROUTINE_LEVELS;
	uint32_t n = 0;
	for (int lv = 0; lv < ASSESS_ROUTINE_LEVELS; lv++)
		if (at_or_below ? lv >= (int)level : lv <= (int)level)
			n += rt[lv];
	return n;
}

uint32_t assess_quota_places(const struct assess_input *in,
			     const struct assess_result *r, uint32_t g,
			     uint32_t s, uint32_t *pool_size)
{
	const struct assess_grade *gr = &in->grades[g];
	if (!gr->has_quota)
		return ASSESS_NONE;
	const struct assess_subject *sub = &in->subjects[s];
	double share = gr->share;
	if (gr->by_unit_grade) {
		*pool_size = r->unit_size[sub->unit];
		int ug = in->unit_grades ? in->unit_grades[sub->unit] : -1;
		if (ug >= 0 && gr->has_unit_share[ug])
			share = gr->unit_share[ug];
	} else {
		*pool_size = r->pool_size[sub->pool];
	}
	return assess_places(share, *pool_size, gr->rounding);
}

/* Places left per grade with a quota, per pool (or unit). */
struct assess_quota {
	uint32_t **left;      /* [grade][pool or unit]; NULL: no quota */
};

static void assess_quota_init(const struct assess_input *in,
			      const struct assess_result *r,
			      struct assess_quota *q)
{
	q->left = calloc(in->ngrades ? in->ngrades : 1, sizeof *q->left);
	if (!q->left)
		abort();
	for (uint32_t g = 0; g < in->ngrades; g++) {
		const struct assess_grade *gr = &in->grades[g];
		if (!gr->has_quota)
			continue;
		uint32_t n = gr->by_unit_grade ? in->nunits : in->npools;
		q->left[g] = calloc(n ? n : 1, sizeof *q->left[g]);
		if (!q->left[g])
			abort();
		for (uint32_t k = 0; k < n; k++) {
			double share = gr->share;
			int ug = gr->by_unit_grade && in->unit_grades
					 ? in->unit_grades[k] : -1;
			if (ug >= 0 && gr->has_unit_share[ug])
				share = gr->unit_share[ug];
			q->left[g][k] = assess_places(share, gr->by_unit_grade
						      ? r->unit_size[k]
						      : r->pool_size[k],
						      gr->rounding);
		}
	}
}

static void assess_quota_free(const struct assess_input *in,
			      struct assess_quota *q)
{
	for (uint32_t g = 0; g < in->ngrades; g++)
		free(q->left[g]);
	free(q->left);
}

/* The worst grade some routine requirement of subject s fails, or -1:
 * a failed row bars its grade and every better one. */
static int64_t assess_requires_fail(const struct assess_input *in,
				    uint32_t s)
{
	int64_t worst = -1;
	for (uint32_t k = 0; k < in->nroutine_requires; k++) {
		const struct assess_routine_require *q = &in->routine_requires[k];
		if ((int64_t)q->grade > worst &&
		    assess_routine_count(in, s, q->at_or_above, false) < q->count)
			worst = q->grade;
	}
	return worst;
}

/* Why grade g cannot go to subject s, quotas aside, or ASSESS_PASS_NONE.
 * fail: assess_requires_fail of s, or -2 until it is needed. */
static enum assess_pass_reason assess_why_not(const struct assess_input *in,
					      const struct assess_result *r,
					      uint32_t g, uint32_t s,
					      int64_t *fail)
{
	const struct assess_grade *gr = &in->grades[g];
	if (r->cap[s] != ASSESS_NONE && g < r->cap[s])
		return ASSESS_PASS_CAPPED;
	if (gr->has_min && r->totals[s] < gr->min)
		return ASSESS_PASS_BELOW_MIN;
	if (*fail == -2)
		*fail = assess_requires_fail(in, s);
	if ((int64_t)g <= *fail)
		return ASSESS_PASS_ROUTINE;
	return ASSESS_PASS_NONE;
}

#define ASSESS_GRADE_WAITING (UINT32_C(1) << 31) /* in r->grade: for a quota */

/* Walks the grades from g on for subject s, recording why each is passed
 * over, and returns the first s may have. Without q, it stops at the
 * first grade only a quota could refuse and returns it marked waiting. */
static uint32_t assess_walk(const struct assess_input *in,
			    struct assess_result *r,
			    const struct assess_quota *q, uint32_t s, uint32_t g)
{
	uint8_t *why = r->passed_over + (size_t)s * in->ngrades;
	int64_t fail = -2;
	for (; g + 1 < in->ngrades; g++) {
		const struct assess_grade *gr = &in->grades[g];
		enum assess_pass_reason w = assess_why_not(in, r, g, s, &fail);
		if (w == ASSESS_PASS_NONE) {
			if (!gr->has_quota)
				break;
			if (!q)
				return g | ASSESS_GRADE_WAITING;
			uint32_t *left = &q->left[g][gr->by_unit_grade
							     ? in->subjects[s].unit
							     : in->subjects[s].pool];
			if (*left) {
				(*left)--;
				break;
			}
			w = ASSESS_PASS_QUOTA_FULL;
		}
		why[g] = (uint8_t)w;
	}
	if (g + 1 < in->ngrades)
		why[g] = ASSESS_PASS_NONE;
	return g;
}

void assess_grade_early(const struct assess_input *in,
			struct assess_result *r, uint32_t s)
{
	r->grade[s] = assess_walk(in, r, NULL, s, 0);
}

/* Takes the subjects waiting for a quota in ranking order and gives each
 * the best grade it may have (section 7), counting quota places per pool
 * (or per unit). */
void assess_assign(const struct assess_input *in, struct assess_result *r)
{
	struct assess_quota q;
	assess_quota_init(in, r, &q);
	for (uint32_t i = 0; i < in->nsubjects; i++) {
		uint32_t s = r->order[i];
		if (r->grade[s] & ASSESS_GRADE_WAITING)
			r->grade[s] = assess_walk(in, r, &q, s, r->grade[s] &
						  ~ASSESS_GRADE_WAITING);
	}
	assess_quota_free(in, &q);
}
