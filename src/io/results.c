/* results: results.csv and trace.jsonl. */
#include "results.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* --- the trace ----------------------------------------------------------- */

/* A piece of results_text's text. */
struct results_frag {
	uint32_t at, len;
};

struct results_scheme_text {
	struct results_frag id;     /* ,"scheme":"…" */
	struct results_frag *leaf;  /* per leaf: its id as a JSON string, and
				       its rule's own target as a number */
	struct results_frag *adj;   /* per adjustment: what comes before its
				       value, between value and points (or
				       triggered), and after */
};

struct results_component_text {
	struct results_frag head;   /* {"id":…,"weight":…,"raw": */
	struct results_frag *group; /* {"id":…,"weight":…,"counted": */
};

/* Text made once for a whole trace: every id, name and fixed number that
 * a million lines repeat, escaped and with its key, so that a line is
 * mostly copies and the subject's own numbers. */
struct results_text {
	struct buf text;
	struct results_scheme_text *schemes;
	struct results_component_text *components;
	struct results_frag *categories, *units, *pools, *grades;
};

#define PUT(b, lit) buf_append((b), (lit), sizeof(lit) - 1)

static void put_string(struct buf *b, const char *s)
{
	if (s)
		jsonw_text(b, s);
	else
		PUT(b, "null");
}

static void put_number(struct buf *b, double v)
{
	buf_advance(b, jsonw_number(buf_reserve(b, JSONW_NUMBER_MAX), v));
}

static void put_int(struct buf *b, int64_t v)
{
	buf_advance(b, numtext_i64(buf_reserve(b, NUMTEXT_MAX), v));
}

static void put_bool(struct buf *b, bool v)
{
	if (v)
		PUT(b, "true");
	else
		PUT(b, "false");
}

static void put_frag(struct buf *b, const struct results_text *tx,
		     struct results_frag f)
{
	buf_append(b, tx->text.data + f.at, f.len);
}

/* Starts a fragment at the end of the text; frag_end closes it. */
static struct results_frag frag_begin(const struct buf *t)
{
	return (struct results_frag){ (uint32_t)t->len, 0 };
}

static void frag_end(const struct buf *t, struct results_frag *f)
{
	f->len = (uint32_t)(t->len - f->at);
}

/* Each name in a JSON string of its own. */
static struct results_frag *frag_strings(struct buf *t, const char **names,
					 uint32_t n)
{
	struct results_frag *f = xcalloc((size_t)n + 1, sizeof *f);
	for (uint32_t k = 0; k < n; k++) {
		f[k] = frag_begin(t);
		put_string(t, names[k]);
		frag_end(t, &f[k]);
	}
	return f;
}

static void results_scheme_text(struct buf *t, const struct assess_input *in,
				const struct assess_scheme *sc,
				struct results_scheme_text *st)
{
	static const char *const kinds[] = { "bonus", "deduction", "veto" };
	st->id = frag_begin(t);
	PUT(t, ",\"scheme\":");
	put_string(t, sc->id);
	frag_end(t, &st->id);
	st->leaf = xcalloc(2 * (size_t)sc->nleaves + 1, sizeof *st->leaf);
	for (uint32_t i = 0; i < sc->nleaves; i++) {
		const struct assess_rule *rule = &sc->leaves[i].rule;
		st->leaf[2 * i] = frag_begin(t);
		put_string(t, sc->leaves[i].id);
		frag_end(t, &st->leaf[2 * i]);
		st->leaf[2 * i + 1] = frag_begin(t);
		put_number(t, rule->has_target ? rule->target : NAN);
		frag_end(t, &st->leaf[2 * i + 1]);
	}
	st->adj = xcalloc(3 * (size_t)sc->nadjustments + 1, sizeof *st->adj);
	for (uint32_t j = 0; j < sc->nadjustments; j++) {
		const struct assess_adjustment *adj = &sc->adjustments[j];
		struct results_frag *f = &st->adj[3 * j];
		f[0] = frag_begin(t);
		PUT(t, "{\"id\":");
		put_string(t, adj->id);
		PUT(t, ",\"name\":");
		put_string(t, adj->name);
		PUT(t, ",\"kind\":");
		put_string(t, kinds[adj->kind]);
		PUT(t, ",\"value\":");
		frag_end(t, &f[0]);
		f[1] = frag_begin(t);
		if (adj->kind == ASSESS_VETO) {
			PUT(t, ",\"triggered\":");
		} else {
			PUT(t, ",\"max\":");
			put_number(t, adj->max);
			PUT(t, ",\"points\":");
		}
		frag_end(t, &f[1]);
		f[2] = frag_begin(t);
		if (adj->kind == ASSESS_VETO) {
			PUT(t, ",\"cap\":");
			put_string(t, in->grades[adj->cap].id);
		}
		PUT(t, "}");
		frag_end(t, &f[2]);
	}
}

static void results_component_text(struct buf *t,
				   const struct assess_component *c,
				   struct results_component_text *ct)
{
	static const char *const kinds[] = { "scheme", "ratings", "routine" };
	ct->head = frag_begin(t);
	PUT(t, "{\"id\":");
	put_string(t, c->id);
	PUT(t, ",\"name\":");
	put_string(t, c->name);
	PUT(t, ",\"kind\":");
	put_string(t, kinds[c->kind]);
	PUT(t, ",\"weight\":");
	put_number(t, c->weight);
	PUT(t, ",\"raw\":");
	frag_end(t, &ct->head);
	ct->group = xcalloc((size_t)c->ngroups + 1, sizeof *ct->group);
	for (uint32_t g = 0; g < c->ngroups; g++) {
		ct->group[g] = frag_begin(t);
		PUT(t, "{\"id\":");
		put_string(t, c->groups[g].id);
		PUT(t, ",\"weight\":");
		put_number(t, c->groups[g].weight);
		PUT(t, ",\"counted\":");
		frag_end(t, &ct->group[g]);
	}
}

static void results_text_make(struct results_text *tx,
			      const struct assess_input *in)
{
	struct buf *t = &tx->text;
	*t = (struct buf)BUF_INIT;
	tx->schemes = xcalloc((size_t)in->nschemes + 1, sizeof *tx->schemes);
	for (uint32_t k = 0; k < in->nschemes; k++)
		results_scheme_text(t, in, &in->schemes[k], &tx->schemes[k]);
	tx->components = xcalloc((size_t)in->ncomponents + 1,
				 sizeof *tx->components);
	for (uint32_t c = 0; c < in->ncomponents; c++)
		results_component_text(t, &in->components[c],
				       &tx->components[c]);
	tx->categories = frag_strings(t, in->categories, in->ncategories);
	tx->units = frag_strings(t, in->units, in->nunits);
	tx->pools = frag_strings(t, in->pools, in->npools);
	const char **grades = xcalloc((size_t)in->ngrades + 1, sizeof *grades);
	for (uint32_t g = 0; g < in->ngrades; g++)
		grades[g] = in->grades[g].id;
	tx->grades = frag_strings(t, grades, in->ngrades);
	free(grades);
}

static void results_text_free(struct results_text *tx,
			      const struct assess_input *in)
{
	for (uint32_t k = 0; tx->schemes && k < in->nschemes; k++) {
		free(tx->schemes[k].leaf);
		free(tx->schemes[k].adj);
	}
	for (uint32_t c = 0; tx->components && c < in->ncomponents; c++)
		free(tx->components[c].group);
	free(tx->schemes);
	free(tx->components);
	free(tx->categories);
	free(tx->units);
	free(tx->pools);
	free(tx->grades);
	buf_free(&tx->text);
}

static char *results_number(char *p, double v)
{
	*p++ = ',';
	return p + jsonw_number(p, v);
}

static char *results_copy(char *p, const struct results_text *tx,
			  struct results_frag f)
{
	memcpy(p, tx->text.data + f.at, f.len);
	return p + f.len;
}

/* One indicator's row, at p (room enough reserved); returns its end.
 * leaf points at the leaf's two fragments, id and its rule's target. */
static char *results_leaf_row(char *p, const struct results_text *tx,
			      const struct results_frag *frag,
			      const struct assess_leaf *leaf,
			      const struct assess_leaf_trace *lt)
{
	double own = leaf->rule.has_target ? leaf->rule.target : NAN;
	*p++ = '[';
	p = results_copy(p, tx, frag[0]);
	p = results_number(p, lt->has_value ? lt->value : NAN);
	if (memcmp(&lt->target, &own, sizeof own) == 0) {
		*p++ = ',';
		p = results_copy(p, tx, frag[1]);
	} else {
		p = results_number(p, lt->target);
	}
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
static void results_leaves(struct buf *b, const struct results_text *tx,
			   const struct assess_scheme *sc, uint32_t scheme,
			   const struct assess_trace *t)
{
	PUT(b, ",\"indicator_columns\":[\"id\",\"value\",\"target\",\"s\","
	       "\"points\",\"detail\"],\"indicators\":[");
	const struct results_frag *frag = tx->schemes[scheme].leaf;
	for (uint32_t i = 0; i < sc->nleaves; i++) {
		size_t room = frag[2 * i].len + frag[2 * i + 1].len +
			      8 * JSONW_NUMBER_MAX;
		char *p = buf_reserve(b, room);
		char *start = p;
		if (i)
			*p++ = ',';
		p = results_leaf_row(p, tx, &frag[2 * i], &sc->leaves[i],
				     &t->leaves[i]);
		buf_advance(b, (size_t)(p - start));
	}
	PUT(b, "]");
}

static void results_adjustments(struct buf *b, const struct results_text *tx,
				const struct assess_scheme *sc, uint32_t scheme,
				const struct assess_trace *t)
{
	const struct results_frag *frag = tx->schemes[scheme].adj;
	PUT(b, ",\"adjustments\":[");
	for (uint32_t j = 0; j < sc->nadjustments; j++) {
		const struct assess_adjustment_trace *at = &t->adjustments[j];
		if (j)
			PUT(b, ",");
		put_frag(b, tx, frag[3 * j]);
		put_number(b, at->has_value ? at->value : NAN);
		put_frag(b, tx, frag[3 * j + 1]);
		if (sc->adjustments[j].kind == ASSESS_VETO)
			put_bool(b, at->triggered);
		else
			put_number(b, at->points);
		put_frag(b, tx, frag[3 * j + 2]);
	}
	PUT(b, "]");
}

static void results_groups(struct buf *b, const struct results_text *tx,
			   uint32_t c, const struct assess_component *comp,
			   const struct assess_component_trace *ct)
{
	PUT(b, ",\"groups\":[");
	for (uint32_t g = 0; g < comp->ngroups; g++) {
		const struct assess_group_trace *gt = &ct->groups[g];
		if (g)
			PUT(b, ",");
		put_frag(b, tx, tx->components[c].group[g]);
		put_int(b, gt->counted);
		PUT(b, ",\"dropped\":");
		put_int(b, gt->dropped);
		PUT(b, ",\"abstained\":");
		put_int(b, gt->abstained);
		PUT(b, ",\"mean\":");
		put_number(b, gt->counted ? gt->mean : NAN);
		PUT(b, "}");
	}
	PUT(b, "]");
	if (comp->has_red_line) {
		PUT(b, ",\"red_line\":{\"count\":");
		put_int(b, ct->red_count);
		PUT(b, ",\"of\":");
		put_int(b, ct->red_of);
		PUT(b, ",\"triggered\":");
		put_bool(b, ct->red_triggered);
		PUT(b, "}");
	}
}

static void results_components(struct buf *b, const struct results_text *tx,
			       const struct assess_input *in,
			       const struct assess_trace *t)
{
	PUT(b, ",\"components\":[");
	for (uint32_t c = 0; c < in->ncomponents; c++) {
		const struct assess_component *comp = &in->components[c];
		const struct assess_component_trace *ct = &t->components[c];
		if (c)
			PUT(b, ",");
		put_frag(b, tx, tx->components[c].head);
		put_number(b, ct->raw);
		PUT(b, ",\"score\":");
		put_number(b, ct->score);
		if (comp->kind == ASSESS_COMP_SCHEME) {
			PUT(b, ",\"leaves\":");
			put_number(b, t->leaf_sum);
			PUT(b, ",\"bonus\":");
			put_number(b, t->bonus_points);
			PUT(b, ",\"deduction\":");
			put_number(b, t->deduction_points);
		} else if (comp->kind == ASSESS_COMP_RATINGS) {
			results_groups(b, tx, c, comp, ct);
		} else {
			PUT(b, ",\"routine\":{");
			for (int k = 0; k < ASSESS_ROUTINE_LEVELS; k++) {
				if (k)
					PUT(b, ",");
				jsonw_text(b, results_routine_name(
						      (enum assess_routine)k));
				PUT(b, ":");
				put_int(b, ct->routine[k]);
			}
			PUT(b, "}");
		}
		PUT(b, "}");
	}
	PUT(b, "]");
}

/* One of the reasons for a cap: {"source", key: value, "cap"}. */
static void results_cap_source(struct buf *b, const struct results_text *tx,
			       bool first, const char *source,
			       const char *key, const char *value,
			       uint32_t cap)
{
	if (!first)
		PUT(b, ",");
	PUT(b, "{\"source\":");
	put_string(b, source);
	PUT(b, ",");
	jsonw_text(b, key);
	PUT(b, ":");
	put_string(b, value);
	PUT(b, ",\"cap\":");
	put_frag(b, tx, tx->grades[cap]);
	PUT(b, "}");
}

static void results_cap(struct buf *b, const struct results_text *tx,
			const struct assess_input *in,
			const struct assess_trace *t)
{
	const struct assess_scheme *sc =
		&in->schemes[in->subjects[t->subject].scheme];
	bool first = true;
	PUT(b, ",\"cap\":");
	if (t->cap == ASSESS_NONE) {
		PUT(b, "null");
		return;
	}
	PUT(b, "{\"grade\":");
	put_frag(b, tx, tx->grades[t->cap]);
	PUT(b, ",\"sources\":[");
	for (uint32_t j = 0; j < sc->nadjustments; j++)
		if (t->adjustments[j].triggered) {
			results_cap_source(b, tx, first, "veto", "adjustment",
					   sc->adjustments[j].id,
					   sc->adjustments[j].cap);
			first = false;
		}
	for (uint32_t c = 0; c < in->ncomponents; c++)
		if (t->components[c].red_triggered) {
			results_cap_source(b, tx, first, "red_line",
					   "component", in->components[c].id,
					   in->components[c].red_cap);
			first = false;
		}
	for (uint32_t k = 0; k < in->nroutine_caps; k++) {
		const struct assess_routine_cap *rc = &in->routine_caps[k];
		if (assess_routine_count(in, t->subject, rc->at_or_below,
					 true) >= rc->count) {
			results_cap_source(b, tx, first, "routine",
					   "at_or_below",
					   results_routine_name(rc->at_or_below),
					   rc->cap);
			first = false;
		}
	}
	for (uint32_t k = 0; k < t->ncap_rows; k++) {
		const struct assess_cap_row *row = &in->caps[t->cap_rows[k]];
		results_cap_source(b, tx, first, "listed", "reason",
				   row->reason, row->grade);
		first = false;
	}
	PUT(b, "]}");
}

static void results_passed(struct buf *b, const struct results_text *tx,
			   const struct assess_input *in,
			   const struct assess_trace *t)
{
	PUT(b, ",\"passed_over\":[");
	for (uint32_t g = 0; g < t->grade; g++) {
		enum assess_pass_reason why = t->passed_over[g];
		if (g)
			PUT(b, ",");
		PUT(b, "{\"grade\":");
		put_frag(b, tx, tx->grades[g]);
		PUT(b, ",\"reason\":");
		put_string(b, results_pass_name(why));
		if (why == ASSESS_PASS_BELOW_MIN) {
			PUT(b, ",\"min\":");
			put_number(b, in->grades[g].min);
		} else if (why == ASSESS_PASS_QUOTA_FULL) {
			PUT(b, ",\"places\":");
			put_int(b, t->quota_places[g]);
			PUT(b, ",\"pool_size\":");
			put_int(b, t->quota_pool_size[g]);
		}
		PUT(b, "}");
	}
	PUT(b, "]");
}

/* One warning: {"code", key: value}. */
static void results_warning(struct buf *b, bool first, const char *code,
			    const char *key, const char *value)
{
	if (!first)
		PUT(b, ",");
	PUT(b, "{\"code\":");
	put_string(b, code);
	PUT(b, ",");
	jsonw_text(b, key);
	PUT(b, ":");
	put_string(b, value);
	PUT(b, "}");
}

static void results_warnings(struct buf *b, const struct assess_input *in,
			     const struct assess_trace *t)
{
	static const struct { uint8_t bit; const char *code; } pool_w[] = {
		{ ASSESS_WARN_NO_POOL_AMOUNT, "no_pool_amount" },
		{ ASSESS_WARN_POOL_NOTHING_TO_SHARE, "pool_nothing_to_share" },
	};
	const struct assess_subject *sub = &in->subjects[t->subject];
	const struct assess_scheme *sc = &in->schemes[sub->scheme];
	bool first = true;
	PUT(b, ",\"warnings\":[");
	for (uint32_t i = 0; t->warnings & ASSESS_WARN_MISSING_VALUE &&
			     i < sc->nleaves; i++) {
		if (t->leaves[i].has_value)
			continue;
		results_warning(b, first, "missing_value", "indicator",
				sc->leaves[i].id);
		first = false;
	}
	for (uint32_t c = 0; c < in->ncomponents; c++) {
		if (!t->components[c].missing)
			continue;
		results_warning(b, first, "missing_component", "component",
				in->components[c].id);
		first = false;
	}
	for (size_t k = 0; k < 2; k++) {
		if (!(t->warnings & pool_w[k].bit))
			continue;
		results_warning(b, first, pool_w[k].code, "pool",
				in->pools[sub->pool]);
		first = false;
	}
	PUT(b, "]");
}

static void results_bonus(struct buf *b, const struct assess_input *in,
			  const struct assess_trace *t)
{
	PUT(b, ",\"bonus\":");
	if (in->bonus.mode == ASSESS_BONUS_NONE) {
		PUT(b, "null");
		return;
	}
	if (in->bonus.mode == ASSESS_BONUS_BASE)
		PUT(b, "{\"mode\":\"base\",\"coefficient\":");
	else
		PUT(b, "{\"mode\":\"pool\",\"coefficient\":");
	put_number(b, (double)t->coefficient / 10000.0);
	PUT(b, ",\"amount\":");
	put_int(b, t->bonus);
	PUT(b, "}");
}

/* Appends subject s's trace object (no newline) to out; arena holds the
 * subject's numbers meanwhile. */
static void results_trace(const struct assess_input *in,
			  const struct assess_result *r,
			  const struct results_text *tx, uint32_t s,
			  struct arena *arena, struct buf *b)
{
	const struct assess_subject *sub = &in->subjects[s];
	const struct assess_scheme *sc = &in->schemes[sub->scheme];
	struct assess_trace t;
	assess_explain(in, r, s, arena, &t);
	PUT(b, "{\"subject\":");
	put_string(b, sub->id);
	PUT(b, ",\"name\":");
	put_string(b, sub->name);
	PUT(b, ",\"category\":");
	put_frag(b, tx, tx->categories[sub->category]);
	PUT(b, ",\"unit\":");
	put_frag(b, tx, tx->units[sub->unit]);
	PUT(b, ",\"pool\":");
	put_frag(b, tx, tx->pools[sub->pool]);
	put_frag(b, tx, tx->schemes[sub->scheme].id);
	results_leaves(b, tx, sc, sub->scheme, &t);
	results_adjustments(b, tx, sc, sub->scheme, &t);
	results_components(b, tx, in, &t);
	PUT(b, ",\"total\":");
	put_number(b, t.total);
	PUT(b, ",\"rank\":");
	put_int(b, t.rank);
	PUT(b, ",\"pool_rank\":");
	put_int(b, t.pool_rank);
	results_cap(b, tx, in, &t);
	PUT(b, ",\"grade\":");
	put_frag(b, tx, tx->grades[t.grade]);
	results_passed(b, tx, in, &t);
	results_bonus(b, in, &t);
	results_warnings(b, in, &t);
	PUT(b, "}");
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
	struct results_text text;
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

/* Subjects come in ranking order, at random places of the input and the
 * result: what a subject's row and trace read is asked for from memory
 * two subjects ahead, so that the waits overlap. */
static void results_prefetch(const struct assess_input *in,
			     const struct assess_result *r, uint32_t s)
{
	uint64_t from = in->value_offset[s], to = in->value_offset[s + 1];
	for (uint64_t k = from; k < to; k += 8)
		__builtin_prefetch(&in->values[k]);
	if (in->target_start)
		__builtin_prefetch(&in->target_start[s]);
	if (r->rank_stride)
		__builtin_prefetch(&r->leaf_rank[(size_t)s * r->rank_stride]);
	for (uint32_t c = 0; in->ratings && c < in->ncomponents; c++) {
		const struct assess_component *comp = &in->components[c];
		if (in->ratings[c].counts)
			__builtin_prefetch(&in->ratings[c].counts[
				(size_t)s * comp->ngroups * (comp->nscale + 1)]);
	}
	__builtin_prefetch(&in->subjects[s]);
	if (in->routine)
		__builtin_prefetch(&in->routine[(size_t)s *
						ASSESS_ROUTINE_LEVELS]);
	__builtin_prefetch(&r->scores[(size_t)s * in->ncomponents]);
	__builtin_prefetch(&r->totals[s]);
	__builtin_prefetch(&r->rank[s]);
	__builtin_prefetch(&r->pool_rank[s]);
	__builtin_prefetch(&r->grade[s]);
	__builtin_prefetch(&r->cap[s]);
	__builtin_prefetch(&r->bonus[s]);
	__builtin_prefetch(&r->passed_over[(size_t)s * in->ngrades]);
	__builtin_prefetch(&r->warnings[s]);
}

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
		if (i + 2 < to)
			results_prefetch(rf->in, rf->r, rf->r->order[i + 2]);
		results_row(&slot->csv, rf->in, rf->r, s);
		struct arena arena = ARENA_INIT;
		results_trace(rf->in, rf->r, &rf->text, s, &arena,
			      &slot->trace);
		arena_free(&arena);
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

/* Each file's buffer: direct writes of 8 MiB keep the disk busy with few
 * system calls (a batch's trace lines are about as much again). */
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
	results_text_make(&rf.text, in);
	if (!rf.error)
		results_run(&rf, threads);
	results_text_free(&rf.text, in);
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
