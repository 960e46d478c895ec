/* results: results.csv and trace.jsonl. */
#include "results.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/jsonw.h"

const char *results_rule_name(enum assess_rule_kind k)
{
	static const char *const names[] = { "ratio", "linear", "step",
					     "threshold", "rank", "relative",
					     "score" };
	return names[k];
}

const char *results_pass_name(enum assess_pass_reason p)
{
	static const char *const names[] = { "", "below_min", "quota_full",
					     "capped", "routine_requirement" };
	return names[p];
}

const char *results_routine_name(enum assess_routine r)
{
	static const char *const names[] = { "good", "fair", "average",
					     "poor" };
	return names[r];
}

/* The indicators carry only their numbers: names, paths, weights and
 * rules are in the subject's scheme (named by "scheme"), and repeating
 * them would make the trace of a large cycle several times larger. */
static void results_leaves(struct jsonw *w, const struct assess_scheme *sc,
			   const struct assess_trace *t)
{
	jsonw_key(w, "indicators");
	jsonw_array(w);
	for (uint32_t i = 0; i < sc->nleaves; i++) {
		const struct assess_leaf *leaf = &sc->leaves[i];
		const struct assess_leaf_trace *lt = &t->leaves[i];
		jsonw_object(w);
		jsonw_kstring(w, "id", leaf->id);
		jsonw_kdouble(w, "value", lt->has_value ? lt->value : NAN);
		if (!isnan(lt->target)) {
			jsonw_kdouble(w, "target", lt->target);
		}
		jsonw_kdouble(w, "s", lt->s);
		jsonw_kdouble(w, "points", lt->points);
		if (lt->has_value && leaf->rule.kind == ASSESS_RANK) {
			jsonw_kint(w, "rank", lt->rank);
			jsonw_kint(w, "of", lt->of);
		}
		if (lt->has_value && leaf->rule.kind == ASSESS_RELATIVE) {
			jsonw_kdouble(w, "best", lt->best);
		}
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

static void results_adjustments(struct jsonw *w,
				const struct assess_input *in,
				const struct assess_scheme *sc,
				const struct assess_trace *t)
{
	static const char *const kinds[] = { "bonus", "deduction", "veto" };
	jsonw_key(w, "adjustments");
	jsonw_array(w);
	for (uint32_t j = 0; j < sc->nadjustments; j++) {
		const struct assess_adjustment *adj = &sc->adjustments[j];
		const struct assess_adjustment_trace *at = &t->adjustments[j];
		jsonw_object(w);
		jsonw_kstring(w, "id", adj->id);
		jsonw_kstring(w, "name", adj->name);
		jsonw_kstring(w, "kind", kinds[adj->kind]);
		jsonw_kdouble(w, "value", at->has_value ? at->value : NAN);
		if (adj->kind == ASSESS_VETO) {
			jsonw_kbool(w, "triggered", at->triggered);
			jsonw_kstring(w, "cap", in->grades[adj->cap].id);
		} else {
			jsonw_kdouble(w, "max", adj->max);
			jsonw_kdouble(w, "points", at->points);
		}
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

static void results_groups(struct jsonw *w, const struct assess_component *c,
			   const struct assess_component_trace *ct)
{
	jsonw_key(w, "groups");
	jsonw_array(w);
	for (uint32_t g = 0; g < c->ngroups; g++) {
		const struct assess_group_trace *gt = &ct->groups[g];
		jsonw_object(w);
		jsonw_kstring(w, "id", c->groups[g].id);
		jsonw_kdouble(w, "weight", c->groups[g].weight);
		jsonw_kint(w, "counted", gt->counted);
		jsonw_kint(w, "dropped", gt->dropped);
		jsonw_kint(w, "abstained", gt->abstained);
		jsonw_kdouble(w, "mean", gt->counted ? gt->mean : NAN);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
	if (c->has_red_line) {
		jsonw_key(w, "red_line");
		jsonw_object(w);
		jsonw_kint(w, "count", ct->red_count);
		jsonw_kint(w, "of", ct->red_of);
		jsonw_kbool(w, "triggered", ct->red_triggered);
		jsonw_end_object(w);
	}
}

static void results_component(struct jsonw *w, const struct assess_input *in,
			      uint32_t c, const struct assess_trace *t)
{
	static const char *const kinds[] = { "scheme", "ratings", "routine" };
	const struct assess_component *comp = &in->components[c];
	const struct assess_component_trace *ct = &t->components[c];
	jsonw_object(w);
	jsonw_kstring(w, "id", comp->id);
	jsonw_kstring(w, "name", comp->name);
	jsonw_kstring(w, "kind", kinds[comp->kind]);
	jsonw_kdouble(w, "weight", comp->weight);
	jsonw_kdouble(w, "raw", ct->raw);
	jsonw_kdouble(w, "score", ct->score);
	if (comp->kind == ASSESS_COMP_SCHEME) {
		jsonw_kdouble(w, "leaves", t->leaf_sum);
		jsonw_kdouble(w, "bonus", t->bonus_points);
		jsonw_kdouble(w, "deduction", t->deduction_points);
	} else if (comp->kind == ASSESS_COMP_RATINGS) {
		results_groups(w, comp, ct);
	} else {
		jsonw_key(w, "routine");
		jsonw_object(w);
		for (int k = 0; k < ASSESS_ROUTINE_LEVELS; k++) {
			jsonw_kint(w, results_routine_name((enum assess_routine)k),
				      ct->routine[k]);
		}
		jsonw_end_object(w);
	}
	jsonw_end_object(w);
}

static void results_cap_source(struct jsonw *w, const char *source,
			       const char *key, const char *value,
			       const char *cap)
{
	jsonw_object(w);
	jsonw_kstring(w, "source", source);
	if (key) {
		jsonw_kstring(w, key, value);
	}
	jsonw_kstring(w, "cap", cap);
	jsonw_end_object(w);
}

static void results_cap(struct jsonw *w, const struct assess_input *in,
			const struct assess_trace *t)
{
	const struct assess_scheme *sc =
		&in->schemes[in->subjects[t->subject].scheme];
	jsonw_key(w, "cap");
	if (t->cap == ASSESS_NONE) {
		jsonw_null(w);
		return;
	}
	jsonw_object(w);
	jsonw_kstring(w, "grade", in->grades[t->cap].id);
	jsonw_key(w, "sources");
	jsonw_array(w);
	for (uint32_t j = 0; j < sc->nadjustments; j++)
		if (t->adjustments[j].triggered)
			results_cap_source(w, "veto", "adjustment",
					   sc->adjustments[j].id,
					   in->grades[sc->adjustments[j].cap].id);
	for (uint32_t c = 0; c < in->ncomponents; c++)
		if (t->components[c].red_triggered)
			results_cap_source(w, "red_line", "component",
					   in->components[c].id,
					   in->grades[in->components[c].red_cap].id);
	for (uint32_t k = 0; k < in->nroutine_caps; k++) {
		const struct assess_routine_cap *rc = &in->routine_caps[k];
		if (assess_routine_count(in, t->subject, rc->at_or_below, true) >=
		    rc->count)
			results_cap_source(w, "routine", "at_or_below",
					   results_routine_name(rc->at_or_below),
					   in->grades[rc->cap].id);
	}
	for (uint32_t k = 0; k < t->ncap_rows; k++) {
		const struct assess_cap_row *row = &in->caps[t->cap_rows[k]];
		results_cap_source(w, "listed", "reason", row->reason,
				   in->grades[row->grade].id);
	}
	jsonw_end_array(w);
	jsonw_end_object(w);
}

static void results_passed(struct jsonw *w, const struct assess_input *in,
			   const struct assess_trace *t)
{
	jsonw_key(w, "passed_over");
	jsonw_array(w);
	for (uint32_t g = 0; g < t->grade; g++) {
		const struct assess_grade *gr = &in->grades[g];
		enum assess_pass_reason why = t->passed_over[g];
		jsonw_object(w);
		jsonw_kstring(w, "grade", gr->id);
		jsonw_kstring(w, "reason", results_pass_name(why));
		if (why == ASSESS_PASS_BELOW_MIN) {
			jsonw_kdouble(w, "min", gr->min);
		} else if (why == ASSESS_PASS_QUOTA_FULL) {
			jsonw_kint(w, "places", t->quota_places[g]);
			jsonw_kint(w, "pool_size", t->quota_pool_size[g]);
		}
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

static void results_warnings(struct jsonw *w, const struct assess_input *in,
			     const struct assess_trace *t)
{
	const struct assess_scheme *sc =
		&in->schemes[in->subjects[t->subject].scheme];
	jsonw_key(w, "warnings");
	jsonw_array(w);
	for (uint32_t i = 0; t->warnings & ASSESS_WARN_MISSING_VALUE &&
			     i < sc->nleaves; i++) {
		if (t->leaves[i].has_value)
			continue;
		jsonw_object(w);
		jsonw_kstring(w, "code", "missing_value");
		jsonw_kstring(w, "indicator", sc->leaves[i].id);
		jsonw_end_object(w);
	}
	for (uint32_t c = 0; c < in->ncomponents; c++) {
		if (!t->components[c].missing)
			continue;
		jsonw_object(w);
		jsonw_kstring(w, "code", "missing_component");
		jsonw_kstring(w, "component", in->components[c].id);
		jsonw_end_object(w);
	}
	static const struct { uint8_t bit; const char *code; } pool_w[] = {
		{ ASSESS_WARN_NO_POOL_AMOUNT, "no_pool_amount" },
		{ ASSESS_WARN_POOL_NOTHING_TO_SHARE, "pool_nothing_to_share" },
	};
	for (size_t k = 0; k < 2; k++) {
		if (!(t->warnings & pool_w[k].bit))
			continue;
		jsonw_object(w);
		jsonw_kstring(w, "code", pool_w[k].code);
		jsonw_kstring(w, "pool",
			      in->pools[in->subjects[t->subject].pool]);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

static void results_head(struct jsonw *w, const struct assess_input *in,
			 uint32_t s)
{
	const struct assess_subject *sub = &in->subjects[s];
	static const char *const keys[] = { "subject", "name", "category",
					    "unit", "pool", "scheme" };
	const char *values[] = {
		sub->id, sub->name, in->categories[sub->category],
		in->units[sub->unit], in->pools[sub->pool],
		in->schemes[sub->scheme].id,
	};
	for (size_t k = 0; k < 6; k++) {
		jsonw_kstring(w, keys[k], values[k]);
	}
}

static void results_tail(struct jsonw *w, const struct assess_input *in,
			 const struct assess_trace *t)
{
	jsonw_kdouble(w, "total", t->total);
	jsonw_kint(w, "rank", t->rank);
	jsonw_kint(w, "pool_rank", t->pool_rank);
	results_cap(w, in, t);
	jsonw_kstring(w, "grade", in->grades[t->grade].id);
	results_passed(w, in, t);
	jsonw_key(w, "bonus");
	if (in->bonus.mode == ASSESS_BONUS_NONE) {
		jsonw_null(w);
	} else {
		jsonw_object(w);
		jsonw_kstring(w, "mode",
			      in->bonus.mode == ASSESS_BONUS_BASE ? "base"
								    : "pool");
		jsonw_kdouble(w, "coefficient",
			      (double)t->coefficient / 10000.0);
		jsonw_kint(w, "amount", t->bonus);
		jsonw_end_object(w);
	}
	results_warnings(w, in, t);
}

void results_trace(const struct assess_input *in,
		   const struct assess_result *r, uint32_t s,
		   struct buf *out)
{
	struct arena arena = ARENA_INIT;
	struct assess_trace t;
	struct jsonw w;
	const struct assess_scheme *sc = &in->schemes[in->subjects[s].scheme];
	assess_explain(in, r, s, &arena, &t);
	jsonw_init(&w, out);
	jsonw_object(&w);
	results_head(&w, in, s);
	results_leaves(&w, sc, &t);
	results_adjustments(&w, in, sc, &t);
	jsonw_key(&w, "components");
	jsonw_array(&w);
	for (uint32_t c = 0; c < in->ncomponents; c++)
		results_component(&w, in, c, &t);
	jsonw_end_array(&w);
	results_tail(&w, in, &t);
	jsonw_end_object(&w);
	arena_free(&arena);
}

/* A CSV cell, quoted when it holds a comma, quote or line break. */
static void results_cell(struct buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

static void results_row(struct buf *b, const struct assess_input *in,
			const struct assess_result *r, uint32_t s)
{
	const struct assess_subject *sub = &in->subjects[s];
	results_cell(b, sub->id);
	buf_putc(b, ',');
	results_cell(b, sub->name);
	buf_putc(b, ',');
	results_cell(b, in->categories[sub->category]);
	buf_putc(b, ',');
	results_cell(b, in->pools[sub->pool]);
	for (uint32_t c = 0; c < in->ncomponents; c++)
		buf_printf(b, ",%.4f", r->scores[(size_t)s * in->ncomponents + c]);
	buf_printf(b, ",%.4f,%u,%u,", r->totals[s], r->rank[s], r->pool_rank[s]);
	results_cell(b, in->grades[r->grade[s]].id);
	buf_putc(b, ',');
	if (r->cap[s] != ASSESS_NONE)
		results_cell(b, in->grades[r->cap[s]].id);
	buf_putc(b, ',');
	if (r->bonus[s] >= 0)
		buf_printf(b, "%lld", (long long)r->bonus[s]);
	buf_putc(b, '\n');
}

static int results_flush(FILE *f, struct buf *b, const char *path,
			 struct err *e)
{
	if (b->len && fwrite(b->data, 1, b->len, f) != b->len)
		return err_set_at(e, ERR_INTERNAL, "write_failed", path,
				  "cannot write %s: %s", path, strerror(errno));
	buf_reset(b);
	return 0;
}

static int results_csv(const struct assess_input *in,
		       const struct assess_result *r, FILE *f,
		       const char *path, struct err *e)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "subject,name,category,pool");
	for (uint32_t c = 0; c < in->ncomponents; c++) {
		buf_putc(&b, ',');
		results_cell(&b, in->components[c].id);
	}
	buf_puts(&b, ",total,rank,pool_rank,grade,cap,bonus\n");
	int rc = 0;
	for (uint32_t i = 0; rc == 0 && i < in->nsubjects; i++) {
		results_row(&b, in, r, r->order[i]);
		if (b.len > (1u << 20))
			rc = results_flush(f, &b, path, e);
	}
	if (rc == 0)
		rc = results_flush(f, &b, path, e);
	buf_free(&b);
	return rc;
}

/* The trace in batches. In each batch, `threads` threads make the lines
 * of their share of subjects, then write them at their offsets in the
 * file at the same time (pwrite), so that neither the formatting nor the
 * kernel's copying runs on one core alone. */
#define RESULTS_BATCH 16384
#define RESULTS_THREADS_MAX 8

struct results_part {
	const struct assess_input *in;
	const struct assess_result *r;
	uint32_t from, to; /* positions in ranking order */
	struct buf out;
	int fd;
	off_t offset;
	int error;         /* errno of a failed write */
};

static void *results_part_format(void *arg)
{
	struct results_part *p = arg;
	buf_reset(&p->out);
	for (uint32_t i = p->from; i < p->to; i++) {
		results_trace(p->in, p->r, p->r->order[i], &p->out);
		buf_putc(&p->out, '\n');
	}
	return NULL;
}

static void *results_part_write(void *arg)
{
	struct results_part *p = arg;
	size_t done = 0;
	while (done < p->out.len) {
		ssize_t w = pwrite(p->fd, p->out.data + done, p->out.len - done,
				   p->offset + (off_t)done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			p->error = w < 0 ? errno : EIO;
			break;
		}
		done += (size_t)w;
	}
	return NULL;
}

/* Runs fn on every part, parts 1.. in threads of their own. */
static void results_parts_run(struct results_part *parts, unsigned n,
			      void *(*fn)(void *))
{
	pthread_t tid[RESULTS_THREADS_MAX];
	bool started[RESULTS_THREADS_MAX];
	for (unsigned t = 1; t < n; t++)
		started[t] = pthread_create(&tid[t], NULL, fn, &parts[t]) == 0;
	fn(&parts[0]);
	for (unsigned t = 1; t < n; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			fn(&parts[t]);
	}
}

static int results_jsonl(const struct assess_input *in,
			 const struct assess_result *r, FILE *f,
			 const char *path, unsigned threads, struct err *e)
{
	struct results_part parts[RESULTS_THREADS_MAX];
	unsigned n = threads < 1 ? 1 : threads > RESULTS_THREADS_MAX
					       ? RESULTS_THREADS_MAX : threads;
	memset(parts, 0, sizeof parts);
	off_t offset = 0;
	int error = 0;
	for (uint32_t at = 0; !error && at < in->nsubjects; at += RESULTS_BATCH) {
		uint32_t end = at + RESULTS_BATCH < in->nsubjects
				       ? at + RESULTS_BATCH : in->nsubjects;
		for (unsigned t = 0; t < n; t++) {
			parts[t].in = in;
			parts[t].r = r;
			parts[t].fd = fileno(f);
			parts[t].from = at + (uint32_t)((uint64_t)(end - at) * t / n);
			parts[t].to = at + (uint32_t)((uint64_t)(end - at) * (t + 1) / n);
		}
		results_parts_run(parts, n, results_part_format);
		for (unsigned t = 0; t < n; t++) {
			parts[t].offset = offset;
			offset += (off_t)parts[t].out.len;
		}
		results_parts_run(parts, n, results_part_write);
		for (unsigned t = 0; t < n && !error; t++)
			error = parts[t].error;
	}
	for (unsigned t = 0; t < n; t++)
		buf_free(&parts[t].out);
	if (error)
		return err_set_at(e, ERR_INTERNAL, "write_failed", path,
				  "cannot write %s: %s", path, strerror(error));
	return 0;
}

typedef int (*results_writer)(const struct assess_input *,
			      const struct assess_result *, FILE *,
			      const char *, unsigned, struct err *);

static int results_csv_writer(const struct assess_input *in,
			      const struct assess_result *r, FILE *f,
			      const char *path, unsigned threads, struct err *e)
{
	(void)threads;
	return results_csv(in, r, f, path, e);
}

/* Writes one file under a temporary name; the caller renames it. */
static int results_file(const char *tmp, results_writer fn,
			const struct assess_input *in,
			const struct assess_result *r, unsigned threads,
			struct err *e)
{
	FILE *f = fopen(tmp, "wb");
	if (!f)
		return err_set_at(e, ERR_INVALID, "write_failed", tmp,
				  "cannot create %s: %s", tmp, strerror(errno));
	int rc = fn(in, r, f, tmp, threads, e);
	if (fclose(f) != 0 && rc == 0)
		rc = err_set_at(e, ERR_INTERNAL, "write_failed", tmp,
				"cannot write %s: %s", tmp, strerror(errno));
	if (rc != 0)
		remove(tmp);
	return rc;
}

int results_write(const struct assess_input *in,
		  const struct assess_result *r, const char *dir,
		  unsigned threads, struct err *e)
{
	struct buf p[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	buf_printf(&p[0], "%s/results.csv.tmp", dir);
	buf_printf(&p[1], "%s/results.csv", dir);
	buf_printf(&p[2], "%s/trace.jsonl.tmp", dir);
	buf_printf(&p[3], "%s/trace.jsonl", dir);
	int rc = results_file(p[0].data, results_csv_writer, in, r, threads, e);
	if (rc == 0) {
		rc = results_file(p[2].data, results_jsonl, in, r, threads, e);
		if (rc != 0)
			remove(p[0].data);
	}
	if (rc == 0 && (rename(p[0].data, p[1].data) != 0 ||
			rename(p[2].data, p[3].data) != 0))
		rc = err_set_at(e, ERR_INTERNAL, "write_failed", dir,
				"cannot move the results into %s: %s", dir,
				strerror(errno));
	for (int k = 0; k < 4; k++)
		buf_free(&p[k]);
	return rc;
}
