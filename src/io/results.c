/* results: results.csv and trace.jsonl. */
#include "results.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fdio.h"
#include "base/numtext.h"
#include "base/xmalloc.h"
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

/* Every scheme's leaf ids as JSON strings, made once for a whole trace:
 * the rows of a million subjects name the same few hundred ids. */
struct results_ids {
	struct buf text;
	size_t **at;       /* [scheme][leaf]: offset in text; [nleaves]: end */
};

static void results_ids_make(struct results_ids *ids,
			     const struct assess_input *in)
{
	ids->text = (struct buf)BUF_INIT;
	ids->at = xcalloc(in->nschemes + 1, sizeof *ids->at);
	for (uint32_t k = 0; k < in->nschemes; k++) {
		const struct assess_scheme *sc = &in->schemes[k];
		ids->at[k] = xmalloc((sc->nleaves + 1) * sizeof **ids->at);
		for (uint32_t i = 0; i < sc->nleaves; i++) {
			ids->at[k][i] = ids->text.len;
			jsonw_text(&ids->text, sc->leaves[i].id);
		}
		ids->at[k][sc->nleaves] = ids->text.len;
	}
}

static void results_ids_free(struct results_ids *ids, uint32_t nschemes)
{
	for (uint32_t k = 0; ids->at && k < nschemes; k++)
		free(ids->at[k]);
	free(ids->at);
	buf_free(&ids->text);
}

static char *results_number(char *p, double v)
{
	*p++ = ',';
	return p + jsonw_number(p, v);
}

/* One indicator's row, at p (room enough reserved); returns its end. */
static char *results_leaf_row(char *p, const char *id, size_t idlen,
			      const struct assess_leaf *leaf,
			      const struct assess_leaf_trace *lt)
{
	*p++ = '[';
	memcpy(p, id, idlen);
	p += idlen;
	p = results_number(p, lt->has_value ? lt->value : NAN);
	p = results_number(p, lt->target);
	p = results_number(p, lt->s);
	p = results_number(p, lt->points);
	if (lt->has_value && leaf->rule.kind == ASSESS_RANK) {
		memcpy(p, ",{\"rank\":", 9);
		p += 9;
		p += numtext_u64(p, lt->rank);
		memcpy(p, ",\"of\":", 6);
		p += 6;
		p += numtext_u64(p, lt->of);
		*p++ = '}';
	} else if (lt->has_value && leaf->rule.kind == ASSESS_RELATIVE) {
		memcpy(p, ",{\"best\":", 9);
		p += 9;
		p += jsonw_number(p, lt->best);
		*p++ = '}';
	}
	*p++ = ']';
	return p;
}

/* The indicators as rows of numbers, in the order of the scheme's leaves:
 * [id, value, target, s, points] and, for a rank or relative rule, a
 * sixth cell {"rank", "of"} or {"best"}; "indicator_columns" names them
 * on every line. Names, paths, weights and rules are in the subject's
 * scheme (named by "scheme"), not repeated here, which would make the
 * trace of a large cycle several times larger; rows rather than objects
 * save the keys' room too, a quarter of it (docs/assessment.md). */
static void results_leaves(struct jsonw *w, const struct assess_scheme *sc,
			   const struct results_ids *ids, uint32_t scheme,
			   const struct assess_trace *t)
{
	static const char columns[] =
		"[\"id\",\"value\",\"target\",\"s\",\"points\",\"detail\"]";
	jsonw_key(w, "indicator_columns");
	jsonw_raw(w);
	buf_append(w->out, columns, sizeof columns - 1);
	jsonw_key(w, "indicators");
	jsonw_raw(w);
	buf_putc(w->out, '[');
	const size_t *at = ids->at[scheme];
	for (uint32_t i = 0; i < sc->nleaves; i++) {
		size_t idlen = at[i + 1] - at[i];
		char *p = buf_reserve(w->out, idlen + 8 * JSONW_NUMBER_MAX);
		char *start = p;
		if (i)
			*p++ = ',';
		p = results_leaf_row(p, ids->text.data + at[i], idlen,
				     &sc->leaves[i], &t->leaves[i]);
		buf_advance(w->out, (size_t)(p - start));
	}
	buf_putc(w->out, ']');
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

/* Appends subject s's trace object (no newline) to out. */
static void results_trace(const struct assess_input *in,
			  const struct assess_result *r,
			  const struct results_ids *ids, uint32_t s,
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
	results_leaves(&w, sc, ids, in->subjects[s].scheme, &t);
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
	const char *p = s;
	while (*p && *p != ',' && *p != '"' && *p != '\r' && *p != '\n')
		p++;
	if (!*p) {
		buf_append(b, s, (size_t)(p - s));
		return;
	}
	buf_putc(b, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/* A score or total: 4 decimals, as "%.4f" writes it. */
static void results_score(struct buf *b, double v)
{
	char tmp[NUMTEXT_MAX + 1];
	tmp[0] = ',';
	buf_append(b, tmp, 1 + numtext_fixed(tmp + 1, v, 4, false));
}

static void results_int(struct buf *b, int64_t v)
{
	char tmp[NUMTEXT_MAX + 1];
	tmp[0] = ',';
	buf_append(b, tmp, 1 + numtext_i64(tmp + 1, v));
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
		results_score(b, r->scores[(size_t)s * in->ncomponents + c]);
	results_score(b, r->totals[s]);
	results_int(b, r->rank[s]);
	results_int(b, r->pool_rank[s]);
	buf_putc(b, ',');
	results_cell(b, in->grades[r->grade[s]].id);
	buf_putc(b, ',');
	if (r->cap[s] != ASSESS_NONE)
		results_cell(b, in->grades[r->cap[s]].id);
	buf_putc(b, ',');
	if (r->bonus[s] >= 0) {
		char tmp[NUMTEXT_MAX];
		buf_append(b, tmp, numtext_i64(tmp, r->bonus[s]));
	}
	buf_putc(b, '\n');
}

/* Both files in batches of subjects in ranking order. `threads` threads
 * take the next batch each and make its rows and trace lines into one of
 * a ring of slots; one more thread writes the slots in batch order, so
 * the formatting goes on while the disk (or the kernel's copying into the
 * page cache) takes what is ready. Batch b uses slot b % nslots, free once
 * batch b - nslots is written. Batches are taken in order, so the lowest
 * one not yet written is always being made or waiting: the work ends
 * however the threads are scheduled. */
#define RESULTS_BATCH 4096
#define RESULTS_THREADS_MAX 8

struct results_slot {
	struct buf csv, trace;
	bool ready;           /* made, not yet written */
};

struct results_files {
	const struct assess_input *in;
	const struct assess_result *r;
	struct results_ids ids;
	struct fd_sink csv, trace;
	uint32_t nbatches;
	struct results_slot *slots;
	uint32_t nslots;
	pthread_mutex_t mu;
	pthread_cond_t changed;
	uint32_t next_take;   /* the batch to be made next */
	uint32_t next_write;  /* the batch to be written next */
	int error;            /* errno of the first failed write */
	bool trace_failed;    /* that write was trace.jsonl's */
};

static void results_batch(const struct results_files *rf, uint32_t batch,
			  struct results_slot *slot)
{
	uint32_t from = batch * RESULTS_BATCH, to = from + RESULTS_BATCH;
	if (to > rf->in->nsubjects)
		to = rf->in->nsubjects;
	buf_reset(&slot->csv);
	buf_reset(&slot->trace);
	for (uint32_t i = from; i < to; i++) {
		uint32_t s = rf->r->order[i];
		results_row(&slot->csv, rf->in, rf->r, s);
		results_trace(rf->in, rf->r, &rf->ids, s, &slot->trace);
		buf_putc(&slot->trace, '\n');
	}
}

static void *results_make(void *arg)
{
	struct results_files *rf = arg;
	pthread_mutex_lock(&rf->mu);
	while (!rf->error && rf->next_take < rf->nbatches) {
		uint32_t b = rf->next_take++;
		while (!rf->error && b - rf->next_write >= rf->nslots)
			pthread_cond_wait(&rf->changed, &rf->mu);
		if (rf->error)
			break;
		struct results_slot *slot = &rf->slots[b % rf->nslots];
		pthread_mutex_unlock(&rf->mu);
		results_batch(rf, b, slot);
		pthread_mutex_lock(&rf->mu);
		slot->ready = true;
		pthread_cond_broadcast(&rf->changed);
	}
	pthread_mutex_unlock(&rf->mu);
	return NULL;
}

/* Writes a made batch; returns 0 or the errno of the failure, and says
 * which file failed. */
static int results_put(struct results_files *rf,
		       const struct results_slot *slot, bool *trace)
{
	*trace = false;
	int error = fd_sink_write(&rf->csv, slot->csv.data, slot->csv.len);
	if (error)
		return error;
	*trace = true;
	return fd_sink_write(&rf->trace, slot->trace.data, slot->trace.len);
}

/* The writing thread: each batch in order, as soon as it is made. */
static void results_put_all(struct results_files *rf)
{
	pthread_mutex_lock(&rf->mu);
	while (!rf->error && rf->next_write < rf->nbatches) {
		struct results_slot *slot =
			&rf->slots[rf->next_write % rf->nslots];
		while (!slot->ready)
			pthread_cond_wait(&rf->changed, &rf->mu);
		pthread_mutex_unlock(&rf->mu);
		bool trace;
		int error = results_put(rf, slot, &trace);
		pthread_mutex_lock(&rf->mu);
		if (error) {
			rf->error = error;
			rf->trace_failed = trace;
		}
		slot->ready = false;
		rf->next_write++;
		pthread_cond_broadcast(&rf->changed);
	}
	pthread_mutex_unlock(&rf->mu);
}

/* The formatting threads, the calling thread writing. Without threads
 * (pthread_create failing) the batches are made and written in turn. */
static void results_run(struct results_files *rf, unsigned threads)
{
	pthread_t tid[RESULTS_THREADS_MAX];
	unsigned n = threads < 1 ? 1 : threads > RESULTS_THREADS_MAX
					       ? RESULTS_THREADS_MAX : threads;
	rf->nslots = 2 * n;
	rf->slots = xcalloc(rf->nslots, sizeof *rf->slots);
	unsigned started = 0;
	while (started < n &&
	       pthread_create(&tid[started], NULL, results_make, rf) == 0)
		started++;
	if (started > 0)
		results_put_all(rf);
	for (uint32_t b = 0; started == 0 && b < rf->nbatches; b++) {
		results_batch(rf, b, &rf->slots[0]);
		rf->error = results_put(rf, &rf->slots[0], &rf->trace_failed);
		if (rf->error)
			break;
	}
	for (unsigned t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	for (uint32_t k = 0; k < 2 * n; k++) {
		buf_free(&rf->slots[k].csv);
		buf_free(&rf->slots[k].trace);
	}
	free(rf->slots);
}

/* The files' buffers: a few batches' worth, so that a direct write is
 * large enough to keep the disk busy. */
#define RESULTS_SINK_BLOCK (8u << 20)

static int results_open(struct fd_sink *k, const char *path, struct err *e)
{
	int error = fd_sink_open(k, path, RESULTS_SINK_BLOCK);
	if (error)
		return err_set_at(e, ERR_INVALID, "write_failed", path,
				  "cannot create %s: %s", path,
				  strerror(error));
	return 0;
}

/* results.csv's header row. */
static int results_header(const struct assess_input *in, struct fd_sink *k)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "subject,name,category,pool");
	for (uint32_t c = 0; c < in->ncomponents; c++) {
		buf_putc(&b, ',');
		results_cell(&b, in->components[c].id);
	}
	buf_puts(&b, ",total,rank,pool_rank,grade,cap,bonus\n");
	int error = fd_sink_write(k, b.data, b.len);
	buf_free(&b);
	return error;
}

/* Writes both files under their temporary names (paths 0 and 2); removes
 * them on failure. */
static int results_files_write(const struct assess_input *in,
			       const struct assess_result *r,
			       const struct buf *p, unsigned threads,
			       struct err *e)
{
	struct results_files rf = {
		.in = in, .r = r,
		.nbatches = (in->nsubjects + RESULTS_BATCH - 1) / RESULTS_BATCH,
		.mu = PTHREAD_MUTEX_INITIALIZER,
		.changed = PTHREAD_COND_INITIALIZER,
	};
	const char *failed = p[0].data;
	if (results_open(&rf.csv, p[0].data, e) != 0)
		return -1;
	if (results_open(&rf.trace, p[2].data, e) != 0) {
		fd_sink_close(&rf.csv);
		remove(p[0].data);
		return -1;
	}
	rf.error = results_header(in, &rf.csv);
	results_ids_make(&rf.ids, in);
	if (!rf.error)
		results_run(&rf, threads);
	results_ids_free(&rf.ids, in->nschemes);
	if (rf.trace_failed)
		failed = p[2].data;
	int error = fd_sink_close(&rf.csv);
	if (error && !rf.error)
		rf.error = error;
	error = fd_sink_close(&rf.trace);
	if (error && !rf.error) {
		rf.error = error;
		failed = p[2].data;
	}
	pthread_mutex_destroy(&rf.mu);
	pthread_cond_destroy(&rf.changed);
	if (!rf.error)
		return 0;
	remove(p[0].data);
	remove(p[2].data);
	return err_set_at(e, ERR_INTERNAL, "write_failed", failed,
			  "cannot write %s: %s", failed, strerror(rf.error));
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
	int rc = results_files_write(in, r, p, threads, e);
	if (rc == 0 && (rename(p[0].data, p[1].data) != 0 ||
			rename(p[2].data, p[3].data) != 0))
		rc = err_set_at(e, ERR_INTERNAL, "write_failed", dir,
				"cannot move the results into %s: %s", dir,
				strerror(errno));
	for (int k = 0; k < 4; k++)
		buf_free(&p[k]);
	return rc;
}
