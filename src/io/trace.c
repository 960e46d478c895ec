/* trace: the lines of trace.jsonl, written straight as text. */
#include "trace.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/numtext.h"
#include "base/xmalloc.h"
#include "io/jsonw.h"
#include "io/results.h"

/* A piece of trace_text's text. */
struct trace_frag {
	uint32_t at, len;
};

struct trace_scheme_text {
	struct trace_frag id;     /* ,"scheme":"…" */
	struct trace_frag *leaf;  /* per leaf: its id as a JSON string, and
				       its rule's own target as a number */
	struct trace_frag *adj;   /* per adjustment: what comes before its
				       value, between value and points (or
				       triggered), and after */
};

struct trace_component_text {
	struct trace_frag head;   /* {"id":…,"weight":…,"raw": */
	struct trace_frag *group; /* {"id":…,"weight":…,"counted": */
};

/* Text made once for a whole trace: every id, name and fixed number that
 * a million lines repeat, escaped and with its key, so that a line is
 * mostly copies and the subject's own numbers. */
struct trace_text {
	struct buf text;
	struct trace_scheme_text *schemes;
	struct trace_component_text *components;
	struct trace_frag *categories, *units, *pools, *grades;
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

static void put_frag(struct buf *b, const struct trace_text *tx,
		     struct trace_frag f)
{
	buf_append(b, tx->text.data + f.at, f.len);
}

/* Starts a fragment at the end of the text; frag_end closes it. */
static struct trace_frag frag_begin(const struct buf *t)
{
	return (struct trace_frag){ (uint32_t)t->len, 0 };
}

static void frag_end(const struct buf *t, struct trace_frag *f)
{
	assert(t->len <= UINT32_MAX); /* names are limited far below */
	f->len = (uint32_t)(t->len - f->at);
}

/* Each name in a JSON string of its own. */
static struct trace_frag *frag_strings(struct buf *t, const char **names,
					 uint32_t n)
{
	struct trace_frag *f = xcalloc((size_t)n + 1, sizeof *f);
	for (uint32_t k = 0; k < n; k++) {
		f[k] = frag_begin(t);
		put_string(t, names[k]);
		frag_end(t, &f[k]);
	}
	return f;
}

static void trace_scheme_text(struct buf *t, const struct assess_input *in,
				const struct assess_scheme *sc,
				struct trace_scheme_text *st)
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
		struct trace_frag *f = &st->adj[3 * j];
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

static void trace_component_text(struct buf *t,
				   const struct assess_component *c,
				   struct trace_component_text *ct)
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

struct trace_text *trace_text_make(const struct assess_input *in)
{
	struct trace_text *tx = xcalloc(1, sizeof *tx);
	struct buf *t = &tx->text;
	*t = (struct buf)BUF_INIT;
	tx->schemes = xcalloc((size_t)in->nschemes + 1, sizeof *tx->schemes);
	for (uint32_t k = 0; k < in->nschemes; k++)
		trace_scheme_text(t, in, &in->schemes[k], &tx->schemes[k]);
	tx->components = xcalloc((size_t)in->ncomponents + 1,
				 sizeof *tx->components);
	for (uint32_t c = 0; c < in->ncomponents; c++)
		trace_component_text(t, &in->components[c],
				       &tx->components[c]);
	tx->categories = frag_strings(t, in->categories, in->ncategories);
	tx->units = frag_strings(t, in->units, in->nunits);
	tx->pools = frag_strings(t, in->pools, in->npools);
	const char **grades = xcalloc((size_t)in->ngrades + 1, sizeof *grades);
	for (uint32_t g = 0; g < in->ngrades; g++)
		grades[g] = in->grades[g].id;
	tx->grades = frag_strings(t, grades, in->ngrades);
	free(grades);
	return tx;
}

void trace_text_free(struct trace_text *tx, const struct assess_input *in)
{
	if (!tx)
		return;
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
	free(tx);
}

static char *trace_number(char *p, double v)
{
	*p++ = ',';
	return p + jsonw_number(p, v);
}

static char *trace_copy(char *p, const struct trace_text *tx,
			  struct trace_frag f)
{
	memcpy(p, tx->text.data + f.at, f.len);
	return p + f.len;
}

/* One indicator's row, at p (room enough reserved); returns its end.
 * leaf points at the leaf's two fragments, id and its rule's target. */
static char *trace_leaf_row(char *p, const struct trace_text *tx,
			      const struct trace_frag *frag,
			      const struct assess_leaf *leaf,
			      const struct assess_leaf_trace *lt)
{
	double own = leaf->rule.has_target ? leaf->rule.target : NAN;
	*p++ = '[';
	p = trace_copy(p, tx, frag[0]);
	p = trace_number(p, lt->has_value ? lt->value : NAN);
	if (memcmp(&lt->target, &own, sizeof own) == 0) {
		*p++ = ',';
		p = trace_copy(p, tx, frag[1]);
	} else {
		p = trace_number(p, lt->target);
	}
	p = trace_number(p, lt->s);
	p = trace_number(p, lt->points);
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
static void trace_leaves(struct buf *b, const struct trace_text *tx,
			   const struct assess_scheme *sc, uint32_t scheme,
			   const struct assess_trace *t)
{
	PUT(b, ",\"indicator_columns\":[\"id\",\"value\",\"target\",\"s\","
	       "\"points\",\"detail\"],\"indicators\":[");
	const struct trace_frag *frag = tx->schemes[scheme].leaf;
	for (uint32_t i = 0; i < sc->nleaves; i++) {
		size_t room = frag[2 * i].len + frag[2 * i + 1].len +
			      8 * JSONW_NUMBER_MAX;
		char *p = buf_reserve(b, room);
		char *start = p;
		if (i)
			*p++ = ',';
		p = trace_leaf_row(p, tx, &frag[2 * i], &sc->leaves[i],
				     &t->leaves[i]);
		buf_advance(b, (size_t)(p - start));
	}
	PUT(b, "]");
}

static void trace_adjustments(struct buf *b, const struct trace_text *tx,
				const struct assess_scheme *sc, uint32_t scheme,
				const struct assess_trace *t)
{
	const struct trace_frag *frag = tx->schemes[scheme].adj;
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

static void trace_groups(struct buf *b, const struct trace_text *tx,
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

static void trace_components(struct buf *b, const struct trace_text *tx,
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
			trace_groups(b, tx, c, comp, ct);
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
static void trace_cap_source(struct buf *b, const struct trace_text *tx,
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

static void trace_cap(struct buf *b, const struct trace_text *tx,
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
			trace_cap_source(b, tx, first, "veto", "adjustment",
					   sc->adjustments[j].id,
					   sc->adjustments[j].cap);
			first = false;
		}
	for (uint32_t c = 0; c < in->ncomponents; c++)
		if (t->components[c].red_triggered) {
			trace_cap_source(b, tx, first, "red_line",
					   "component", in->components[c].id,
					   in->components[c].red_cap);
			first = false;
		}
	for (uint32_t k = 0; k < in->nroutine_caps; k++) {
		const struct assess_routine_cap *rc = &in->routine_caps[k];
		if (assess_routine_count(in, t->subject, rc->at_or_below,
					 true) >= rc->count) {
			trace_cap_source(b, tx, first, "routine",
					   "at_or_below",
					   results_routine_name(rc->at_or_below),
					   rc->cap);
			first = false;
		}
	}
	for (uint32_t k = 0; k < t->ncap_rows; k++) {
		const struct assess_cap_row *row = &in->caps[t->cap_rows[k]];
		trace_cap_source(b, tx, first, "listed", "reason",
				   row->reason, row->grade);
		first = false;
	}
	PUT(b, "]}");
}

static void trace_passed(struct buf *b, const struct trace_text *tx,
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
static void trace_warning(struct buf *b, bool first, const char *code,
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

static void trace_warnings(struct buf *b, const struct assess_input *in,
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
		trace_warning(b, first, "missing_value", "indicator",
				sc->leaves[i].id);
		first = false;
	}
	for (uint32_t c = 0; c < in->ncomponents; c++) {
		if (!t->components[c].missing)
			continue;
		trace_warning(b, first, "missing_component", "component",
				in->components[c].id);
		first = false;
	}
	for (size_t k = 0; k < 2; k++) {
		if (!(t->warnings & pool_w[k].bit))
			continue;
		trace_warning(b, first, pool_w[k].code, "pool",
				in->pools[sub->pool]);
		first = false;
	}
	PUT(b, "]");
}

static void trace_bonus(struct buf *b, const struct assess_input *in,
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

void trace_line(const struct assess_input *in, const struct assess_result *r,
		const struct trace_text *tx, uint32_t s, struct arena *arena,
		struct buf *b)
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
	trace_leaves(b, tx, sc, sub->scheme, &t);
	trace_adjustments(b, tx, sc, sub->scheme, &t);
	trace_components(b, tx, in, &t);
	PUT(b, ",\"total\":");
	put_number(b, t.total);
	PUT(b, ",\"rank\":");
	put_int(b, t.rank);
	PUT(b, ",\"pool_rank\":");
	put_int(b, t.pool_rank);
	trace_cap(b, tx, in, &t);
	PUT(b, ",\"grade\":");
	put_frag(b, tx, tx->grades[t.grade]);
	trace_passed(b, tx, in, &t);
	trace_bonus(b, in, &t);
	trace_warnings(b, in, &t);
	PUT(b, "}");
}
