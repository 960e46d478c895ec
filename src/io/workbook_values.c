/* workbook_values: the value slots of every subject (one per leaf of its
 * scheme, then one per adjustment) and values.csv, which fills them: an
 * actual value and, for rules that take one, an optional target. Each
 * row is checked against its subject's scheme (the indicator is in it,
 * the target suits the rule) as it is read. Must not read other files. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "io/workbook_int.h"

enum { VAL_SUBJECT, VAL_INDICATOR, VAL_ACTUAL, VAL_TARGET, VAL_NCOLS };

static const char *const values_rule_names[] = {
	[ASSESS_RATIO] = "ratio",   [ASSESS_LINEAR] = "linear",
	[ASSESS_STEP] = "step",     [ASSESS_THRESHOLD] = "threshold",
	[ASSESS_RANK] = "rank",     [ASSESS_RELATIVE] = "relative",
	[ASSESS_SCORE] = "score",
};

static uint32_t values_hash(uint32_t indicator)
{
	return (uint32_t)(((uint64_t)indicator * UINT64_C(0x9E3779B97F4A7C15))
			  >> 32);
}

static void values_slots_of(struct arena *a, const struct assess_scheme *s,
			    struct workbook_slots *out)
{
	uint32_t n = s->nleaves + s->nadjustments, size = 8;
	while (size < 2 * n)
		size *= 2;
	out->table = arena_zalloc(a, size * sizeof *out->table);
	out->mask = size - 1;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t ind = k < s->nleaves ? s->leaves[k].indicator
			     : s->adjustments[k - s->nleaves].indicator;
		uint32_t i = values_hash(ind) & out->mask;
		while (out->table[i])
			i = (i + 1) & out->mask;
		out->table[i] = (uint64_t)(ind + 1) << 32 | k;
	}
}

static uint32_t values_slot(const struct workbook_slots *sl, uint32_t ind)
{
	uint32_t mask = sl->mask;
	for (uint32_t i = values_hash(ind) & mask;; i = (i + 1) & mask) {
		uint64_t e = sl->table[i];
		if (e == 0)
			return ASSESS_NONE;
		if (e >> 32 == (uint64_t)ind + 1)
			return (uint32_t)e;
	}
}

int workbook_layout_values(struct workbook_load *ld)
{
	struct assess_input *in = ld->in;
	struct arena *a = &ld->wb->arena;
	uint64_t total = 0;
	in->value_offset = arena_alloc(a, ((size_t)in->nsubjects + 1) *
					      sizeof *in->value_offset);
	for (uint32_t s = 0; s < in->nsubjects; s++) {
		uint32_t sc = in->subjects[s].scheme;
		in->value_offset[s] = total;
		if (sc < in->nschemes)
			total += in->schemes[sc].nleaves +
				 in->schemes[sc].nadjustments;
	}
	in->value_offset[in->nsubjects] = total;
	if (total > WORKBOOK_MAX_SLOTS)
		return err_list_set_at(ld->errs, ERR_TOO_LARGE, "too_large",
				       "subjects.csv", "the subjects' schemes "
				       "have %llu indicators in all; the limit "
				       "is %llu", (unsigned long long)total,
				       (unsigned long long)WORKBOOK_MAX_SLOTS);
	/* made "no value" by workbook_read_values, beside ratings.csv's
	 * reading */
	in->values = arena_alloc(a, (size_t)(total + 1) * sizeof *in->values);
	ld->slots = arena_zalloc(a, (in->nschemes + 1) * sizeof *ld->slots);
	for (uint32_t sc = 0; sc < in->nschemes; sc++)
		values_slots_of(a, &in->schemes[sc], &ld->slots[sc]);
	return 0;
}

/* --- values.csv ----------------------------------------------------------- */

/* A target given in a row, until they are laid out by subject. */
struct values_own {
	uint32_t subject, k;    /* k: the slot's place in the subject's */
	double target;
};

struct values {
	struct workbook_load *ld;
	struct workbook_cache subject, indicator;
	uint32_t last_subject, last_k; /* the previous row's slot */
	uint8_t *seen;          /* a bit per slot */
	struct values_own *own; /* the rows' own targets, in file order */
	size_t nown, capown;
};

static const char *values_id(const struct assess_scheme *sc, uint32_t k)
{
	return k < sc->nleaves ? sc->leaves[k].id
			       : sc->adjustments[k - sc->nleaves].id;
}

/* Rows usually follow the scheme's order, subject by subject: the slot
 * after the previous row's is tried before any lookup. */
static uint32_t values_next(struct values *st, uint32_t s,
			    const struct csv_cell *v)
{
	const struct assess_input *in = st->ld->in;
	const struct assess_scheme *sc = &in->schemes[in->subjects[s].scheme];
	uint32_t k = s == st->last_subject ? st->last_k + 1 : 0;
	if (k >= sc->nleaves + sc->nadjustments)
		return ASSESS_NONE;
	const char *id = values_id(sc, k);
	if (strncmp(id, v->s, v->len) != 0 || id[v->len] != '\0')
		return ASSESS_NONE;
	return k;
}

static uint32_t values_indicator(struct workbook_csv *c,
				 const struct csv_row *row)
{
	struct values *st = c->ctx;
	struct workbook_cache *cache = &st->indicator;
	const struct csv_cell *v = csv_get(&c->h, row, VAL_INDICATOR);
	if (cache->len && v->len == cache->len &&
	    memcmp(cache->id, v->s, v->len) == 0)
		return cache->index;
	uint32_t i = intern_find(&st->ld->wb->indicators, v->s, v->len);
	if (i == INTERN_NONE) {
		csv_error_at(c->errs, row, c->h.at[VAL_INDICATOR],
			     "unknown_indicator", "unknown indicator '%.128s': "
			     "no scheme has it", v->s);
		return ASSESS_NONE;
	}
	if (v->len < sizeof cache->id) {
		memcpy(cache->id, v->s, v->len);
		cache->len = v->len;
		cache->index = i;
	}
	return i;
}

static void values_target(struct workbook_csv *c, const struct csv_row *row,
			  const struct assess_leaf *leaf, uint32_t s,
			  uint64_t slot)
{
	struct values *st = c->ctx;
	const struct csv_cell *t = csv_get(&c->h, row, VAL_TARGET);
	const char *kind = values_rule_names[leaf->rule.kind], *why;
	uint32_t at = c->h.at[t ? VAL_TARGET : VAL_INDICATOR];
	double v;
	if (!scheme_rule_takes_target(leaf->rule.kind)) {
		if (t && t->len)
			csv_error_at(c->errs, row, at, "bad_target",
				     "indicator '%s' (%s rule) takes no "
				     "target", leaf->id, kind);
		return;
	}
	if (!t || t->len == 0) {
		if (!leaf->rule.has_target)
			csv_error_at(c->errs, row, at, "missing_target",
				     "indicator '%s' (%s rule) needs a target: "
				     "its scheme gives none, and this row has "
				     "none", leaf->id, kind);
		return;
	}
	if (csv_double(t, &v) != 0) {
		csv_error_at(c->errs, row, at, "bad_number",
			     "target '%.64s' is not a number", t->s);
		return;
	}
	if (scheme_check_target(&leaf->rule, v, &why) != 0) {
		csv_error_at(c->errs, row, at, "bad_target", "%s (target %g)",
			     why, v);
		return;
	}
	if (st->nown == st->capown) {
		st->capown = st->capown ? 2 * st->capown : 256;
		st->own = xrealloc(st->own, st->capown * sizeof *st->own);
	}
	st->own[st->nown++] = (struct values_own){
		s, (uint32_t)(slot - st->ld->in->value_offset[s]), v };
}

/* Lays the rows' own targets out by subject (counting, then placing), in
 * the arena, each subject's by slot (slots are unique: a second row for a
 * slot is refused before its target is kept). */
static void values_lay_targets(struct values *st)
{
	struct assess_input *in = st->ld->in;
	struct arena *a = &st->ld->wb->arena;
	if (st->nown == 0)
		return;
	uint64_t *start = arena_zalloc(a, ((size_t)in->nsubjects + 1) *
						  sizeof *start);
	for (size_t k = 0; k < st->nown; k++)
		start[st->own[k].subject + 1]++;
	for (uint32_t s = 0; s < in->nsubjects; s++)
		start[s + 1] += start[s];
	struct assess_own_target *t = arena_alloc(a, st->nown * sizeof *t);
	uint64_t *fill = xmalloc(((size_t)in->nsubjects + 1) * sizeof *fill);
	memcpy(fill, start, ((size_t)in->nsubjects + 1) * sizeof *fill);
	for (size_t k = 0; k < st->nown; k++) {
		const struct values_own *o = &st->own[k];
		t[fill[o->subject]++] = (struct assess_own_target){
			in->value_offset[o->subject] + o->k, o->target };
	}
	free(fill);
	for (uint32_t s = 0; s < in->nsubjects; s++)
		for (uint64_t i = start[s] + 1; i < start[s + 1]; i++)
			for (uint64_t j = i; j > start[s] &&
					     t[j - 1].slot > t[j].slot; j--) {
				struct assess_own_target x = t[j];
				t[j] = t[j - 1];
				t[j - 1] = x;
			}
	in->targets = t;
	in->target_start = start;
}

static void values_adjustment(struct workbook_csv *c,
			      const struct csv_row *row,
			      const struct assess_adjustment *adj, double a)
{
	const struct csv_cell *t = csv_get(&c->h, row, VAL_TARGET);
	if (t && t->len)
		csv_error_at(c->errs, row, c->h.at[VAL_TARGET], "bad_target",
			     "adjustment '%s' takes no target", adj->id);
	if (adj->kind != ASSESS_VETO && a < 0)
		csv_error_at(c->errs, row, c->h.at[VAL_ACTUAL], "bad_value",
			     "the value of %s '%s' must be >= 0",
			     adj->kind == ASSESS_BONUS ? "bonus" : "deduction",
			     adj->id);
}

/* The slot of subject s's indicator named by the row, by lookup, or
 * ASSESS_NONE after an error. */
static uint32_t values_lookup(struct workbook_csv *c, const struct csv_row *row,
			      uint32_t s)
{
	struct values *st = c->ctx;
	const struct assess_input *in = st->ld->in;
	uint32_t sc = in->subjects[s].scheme;
	uint32_t i = values_indicator(c, row);
	if (i == ASSESS_NONE)
		return ASSESS_NONE;
	if (sc == ASSESS_NONE) {
		csv_error_at(c->errs, row, c->h.at[VAL_SUBJECT], "no_scheme",
			     "subject '%s' has no scheme, so it takes no "
			     "values", in->subjects[s].id);
		return ASSESS_NONE;
	}
	uint32_t k = values_slot(&st->ld->slots[sc], i);
	if (k == ASSESS_NONE)
		csv_error_at(c->errs, row, c->h.at[VAL_INDICATOR],
			     "unknown_indicator", "indicator '%s' is not in "
			     "scheme '%s' of subject '%s'", in->indicators[i],
			     in->schemes[sc].id, in->subjects[s].id);
	return k;
}

/* The slot of the row's subject and indicator, or ASSESS_NONE (after an
 * error, or silently for a subject whose scheme was refused). */
static uint32_t values_find(struct workbook_csv *c, const struct csv_row *row,
			    uint32_t *subject)
{
	struct values *st = c->ctx;
	const struct assess_input *in = st->ld->in;
	uint32_t s = workbook_subject_cell(c, row, c->h.at[VAL_SUBJECT],
					   &st->subject);
	if (s == ASSESS_NONE || in->subjects[s].scheme == WORKBOOK_SCHEME_SKIP)
		return ASSESS_NONE;
	uint32_t k = ASSESS_NONE;
	if (in->subjects[s].scheme != ASSESS_NONE)
		k = values_next(st, s, csv_get(&c->h, row, VAL_INDICATOR));
	if (k == ASSESS_NONE)
		k = values_lookup(c, row, s);
	if (k != ASSESS_NONE) {
		st->last_subject = s;
		st->last_k = k;
	}
	*subject = s;
	return k;
}

static void values_row(struct workbook_csv *c, const struct csv_row *row)
{
	struct values *st = c->ctx;
	struct assess_input *in = st->ld->in;
	uint32_t s = 0, k = values_find(c, row, &s);
	if (k == ASSESS_NONE)
		return;
	const struct assess_scheme *sc = &in->schemes[in->subjects[s].scheme];
	uint64_t slot = in->value_offset[s] + k;
	uint8_t bit = (uint8_t)(1u << (slot & 7));
	if (st->seen[slot >> 3] & bit) {
		const char *id = values_id(sc, k);
		csv_error_at(c->errs, row, c->h.at[VAL_INDICATOR],
			     "duplicate_row", "subject '%s' has a value for "
			     "'%s' already", in->subjects[s].id, id);
		return;
	}
	st->seen[slot >> 3] |= bit;
	double a;
	const struct csv_cell *actual = csv_get(&c->h, row, VAL_ACTUAL);
	if (csv_double(actual, &a) != 0) {
		csv_error_at(c->errs, row, c->h.at[VAL_ACTUAL], "bad_number",
			     "'%.64s' is not a number", actual->s);
		return;
	}
	if (k < sc->nleaves)
		values_target(c, row, &sc->leaves[k], s, slot);
	else
		values_adjustment(c, row, &sc->adjustments[k - sc->nleaves], a);
	in->values[slot] = a;
}

int workbook_read_values(struct workbook_load *ld, struct err_list *errs)
{
	static const struct csv_column cols[VAL_NCOLS] = {
		[VAL_SUBJECT] = { "subject", true },
		[VAL_INDICATOR] = { "indicator", true },
		[VAL_ACTUAL] = { "actual", true },
		[VAL_TARGET] = { "target", false },
	};
	bool needed = false;
	for (uint32_t k = 0; k < ld->in->ncomponents; k++)
		needed |= ld->in->components[k].kind == ASSESS_COMP_SCHEME;
	uint64_t slots = ld->in->value_offset[ld->in->nsubjects];
	for (uint64_t k = 0; k < slots; k++)
		ld->in->values[k] = NAN;
	struct values st = { .ld = ld, .last_subject = ASSESS_NONE };
	st.seen = xcalloc((size_t)(slots / 8 + 1), 1);
	struct workbook_csv c = { "values.csv", cols, VAL_NCOLS, needed,
				  values_row, NULL, &st, ld, errs, { 0 },
				  false };
	int rc = workbook_csv_read(&c);
	if (rc >= 0)
		values_lay_targets(&st);
	free(st.own);
	free(st.seen);
	return rc < 0 ? -1 : 0;
}
