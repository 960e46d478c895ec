/* workbook_ratings: ratings.csv, one ballot or response a row, counted
 * as it is read into struct assess_ratings (per subject and group: counts
 * per scale level, or the numbers themselves when the component has no
 * scale), so that tens of millions of rows are never kept. Runs beside
 * the other readers in its own thread: it allocates only from the side
 * arena, and only reads what subjects.csv and cycle.json built.
 * Must not read other files. */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "io/workbook_int.h"

enum { RAT_COMPONENT, RAT_SUBJECT, RAT_GROUP, RAT_LEVEL, RAT_NCOLS };

/* The numbers of one component without a scale, until they are laid out
 * by subject and group. */
struct numbers {
	uint64_t *keys;         /* subject * ngroups + group */
	double *vals;
	size_t n, cap;
};

struct ratings {
	struct workbook_load *ld;
	struct assess_ratings *out;   /* per component */
	struct numbers *nums;         /* per component */
	struct workbook_cache subject;
	uint32_t last;                /* the last row's component */
};

/* id == v's text; most ids differ in their first byte. */
static bool ratings_is(const char *id, const struct csv_cell *v)
{
	return id[0] == v->s[0] && strcmp(id, v->s) == 0;
}

static uint32_t ratings_component(struct workbook_csv *c,
				  const struct csv_row *row)
{
	struct ratings *st = c->ctx;
	const struct assess_input *in = st->ld->in;
	const struct csv_cell *v = csv_get(&c->h, row, RAT_COMPONENT);
	uint32_t k = st->last;
	if (k >= in->ncomponents || !ratings_is(in->components[k].id, v))
		for (k = 0; k < in->ncomponents; k++)
			if (ratings_is(in->components[k].id, v))
				break;
	if (k == in->ncomponents) {
		csv_error_at(c->errs, row, c->h.at[RAT_COMPONENT],
			     "unknown_component", "unknown component '%.128s'",
			     v->s);
		return ASSESS_NONE;
	}
	if (in->components[k].kind != ASSESS_COMP_RATINGS) {
		csv_error_at(c->errs, row, c->h.at[RAT_COMPONENT],
			     "unknown_component", "component '%s' is not of "
			     "kind ratings", v->s);
		return ASSESS_NONE;
	}
	st->last = k;
	return k;
}

static uint32_t ratings_group(struct workbook_csv *c, const struct csv_row *row,
			      const struct assess_component *comp)
{
	const struct csv_cell *v = csv_get(&c->h, row, RAT_GROUP);
	for (uint32_t g = 0; g < comp->ngroups; g++)
		if (ratings_is(comp->groups[g].id, v))
			return g;
	csv_error_at(c->errs, row, c->h.at[RAT_GROUP], "unknown_group",
		     "unknown group '%.128s' of component '%s'", v->s,
		     comp->id);
	return ASSESS_NONE;
}

/* The row's level: *level a scale level or comp->nscale for an
 * abstention; without a scale *abstain, or the number in *number. False
 * after an error. */
static bool ratings_level(struct workbook_csv *c, const struct csv_row *row,
			  const struct assess_component *comp,
			  uint32_t *level, bool *abstain, double *number)
{
	const struct csv_cell *v = csv_get(&c->h, row, RAT_LEVEL);
	*abstain = ratings_is("abstain", v);
	*level = comp->nscale;
	if (*abstain)
		return true;
	if (comp->scale) {
		for (uint32_t l = 0; l < comp->nscale; l++)
			if (ratings_is(comp->scale[l].id, v)) {
				*level = l;
				return true;
			}
		csv_error_at(c->errs, row, c->h.at[RAT_LEVEL], "unknown_level",
			     "'%.64s' is not a level of the scale of '%s', nor "
			     "abstain", v->s, comp->id);
		return false;
	}
	if (csv_double(v, number) != 0 || *number < 0 || *number > 100) {
		csv_error_at(c->errs, row, c->h.at[RAT_LEVEL], "bad_number",
			     "'%.64s' is not a number in [0, 100], nor abstain "
			     "(component '%s' has no scale)", v->s, comp->id);
		return false;
	}
	return true;
}

static void ratings_push(struct numbers *nums, uint64_t key, double v)
{
	if (nums->n == nums->cap) {
		nums->cap = nums->cap ? nums->cap * 2 : 1024;
		nums->keys = xrealloc(nums->keys,
				      nums->cap * sizeof *nums->keys);
		nums->vals = xrealloc(nums->vals,
				      nums->cap * sizeof *nums->vals);
	}
	nums->keys[nums->n] = key;
	nums->vals[nums->n++] = v;
}

static void ratings_row(struct workbook_csv *c, const struct csv_row *row)
{
	struct ratings *st = c->ctx;
	const struct assess_input *in = st->ld->in;
	double number = 0;
	uint32_t level = 0;
	bool abstain = false;
	uint32_t ci = ratings_component(c, row);
	if (ci == ASSESS_NONE)
		return;
	const struct assess_component *comp = &in->components[ci];
	uint32_t s = workbook_subject_cell(c, row, c->h.at[RAT_SUBJECT],
					   &st->subject);
	uint32_t g = s == ASSESS_NONE ? ASSESS_NONE
				      : ratings_group(c, row, comp);
	if (g == ASSESS_NONE ||
	    !ratings_level(c, row, comp, &level, &abstain, &number))
		return;
	uint64_t k = (uint64_t)s * comp->ngroups + g;
	struct assess_ratings *out = &st->out[ci];
	if (comp->scale)
		out->counts[k * (comp->nscale + 1) + level]++;
	else if (abstain)
		out->abstains[k]++;
	else
		ratings_push(&st->nums[ci], k, number);
}

/* Counters for every ratings component, or -1 when they would be too
 * many. */
static int ratings_prepare(struct ratings *st, struct err_list *errs)
{
	const struct assess_input *in = st->ld->in;
	struct arena *a = &st->ld->wb->side;
	uint64_t total = 0;
	for (uint32_t ci = 0; ci < in->ncomponents; ci++) {
		const struct assess_component *comp = &in->components[ci];
		if (comp->kind == ASSESS_COMP_RATINGS)
			total += (uint64_t)in->nsubjects * comp->ngroups *
				 (comp->nscale + 1);
	}
	if (total > WORKBOOK_MAX_COUNTS)
		return err_list_set_at(errs, ERR_TOO_LARGE, "too_large",
				       "cycle.json", "subjects x groups x "
				       "levels is %llu; the limit is %llu",
				       (unsigned long long)total,
				       (unsigned long long)WORKBOOK_MAX_COUNTS);
	for (uint32_t ci = 0; ci < in->ncomponents; ci++) {
		const struct assess_component *comp = &in->components[ci];
		size_t cells = (size_t)in->nsubjects * comp->ngroups;
		if (comp->kind != ASSESS_COMP_RATINGS)
			continue;
		if (comp->scale)
			st->out[ci].counts = arena_zalloc(a, (cells *
				(comp->nscale + 1) + 1) * sizeof(uint32_t));
		else
			st->out[ci].abstains = arena_zalloc(a, (cells + 1) *
							    sizeof(uint32_t));
	}
	return 0;
}

/* Lays out one component's numbers by subject and group. */
static void ratings_lay_numbers(struct ratings *st, uint32_t ci)
{
	const struct assess_input *in = st->ld->in;
	struct arena *a = &st->ld->wb->side;
	struct numbers *nums = &st->nums[ci];
	struct assess_ratings *out = &st->out[ci];
	size_t cells = (size_t)in->nsubjects * in->components[ci].ngroups;
	out->offsets = arena_zalloc(a, (cells + 1) * sizeof *out->offsets);
	out->values = arena_alloc(a, (nums->n + 1) * sizeof *out->values);
	for (size_t i = 0; i < nums->n; i++)
		out->offsets[nums->keys[i] + 1]++;
	for (size_t k = 0; k < cells; k++)
		out->offsets[k + 1] += out->offsets[k];
	uint64_t *fill = xmalloc((cells + 1) * sizeof *fill);
	memcpy(fill, out->offsets, (cells + 1) * sizeof *fill);
	for (size_t i = 0; i < nums->n; i++)
		out->values[fill[nums->keys[i]]++] = nums->vals[i];
	free(fill);
	free(nums->keys);
	free(nums->vals);
}

int workbook_read_ratings(struct workbook_load *ld, struct err_list *errs)
{
	static const struct csv_column cols[RAT_NCOLS] = {
		[RAT_COMPONENT] = { "component", true },
		[RAT_SUBJECT] = { "subject", true },
		[RAT_GROUP] = { "group", true },
		[RAT_LEVEL] = { "level", true },
	};
	struct assess_input *in = ld->in;
	bool needed = false;
	if (!ld->cycle_ok)
		return 0; /* no component can be checked */
	for (uint32_t k = 0; k < in->ncomponents; k++)
		needed |= in->components[k].kind == ASSESS_COMP_RATINGS;
	struct ratings st = { .ld = ld, .last = ASSESS_NONE };
	st.out = arena_zalloc(&ld->wb->side, (in->ncomponents + 1) *
					     sizeof *st.out);
	st.nums = xcalloc(in->ncomponents + 1, sizeof *st.nums);
	in->ratings = st.out;
	int rc = ratings_prepare(&st, errs);
	struct workbook_csv c = { "ratings.csv", cols, RAT_NCOLS, needed,
				  ratings_row, NULL, &st, ld, errs, { 0 },
				  false };
	if (rc == 0)
		rc = workbook_csv_read(&c) < 0 ? -1 : 0;
	for (uint32_t ci = 0; ci < in->ncomponents; ci++)
		if (in->components[ci].kind == ASSESS_COMP_RATINGS &&
		    !in->components[ci].scale)
			ratings_lay_numbers(&st, ci);
	free(st.nums);
	return rc;
}
