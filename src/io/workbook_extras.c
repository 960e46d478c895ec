/* workbook_extras: the smaller data files: routine.csv (routine results,
 * counted per subject and rating), units.csv (the unit teams' own
 * grades), caps.csv (grades a subject may not exceed) and pools.csv
 * (bonus money per pool). Each refuses unknown ids and duplicate rows,
 * naming the line of the first. All are read by the first thread, after
 * values.csv, and allocate from the main arena.
 * Must not read other files. */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "io/cycle.h"
#include "io/workbook_int.h"

/* Keys seen in a file, with the line of each: duplicate rows. */
struct linemap {
	uint64_t *keys;         /* key + 1, or 0 for an empty slot */
	uint32_t *lines;
	uint32_t n, mask;
};

/* Keys are a subject (or unit, pool) in the high bits and a small
 * number in the low 20; files are mostly grouped by subject, so keys of
 * neighbouring subjects go to neighbouring slots rather than be scattered
 * (one cache miss a row less). */
static uint32_t linemap_slot(const struct linemap *m, uint64_t key)
{
	uint32_t i = (uint32_t)((key >> 20) * 8 + (key & 0xFFFFF)) & m->mask;
	while (m->keys[i] && m->keys[i] != key + 1)
		i = (i + 1) & m->mask;
	return i;
}

/* The line key was first seen on, or 0 after recording it as new. */
static uint32_t linemap_put(struct linemap *m, uint64_t key, uint32_t line)
{
	if (!m->keys || m->n >= (m->mask + 1) / 2) {
		struct linemap old = *m;
		uint32_t size = m->keys ? (m->mask + 1) * 2 : 64;
		m->keys = xcalloc(size, sizeof *m->keys);
		m->lines = xcalloc(size, sizeof *m->lines);
		m->mask = size - 1;
		for (uint32_t k = 0; old.keys && k <= old.mask; k++)
			if (old.keys[k]) {
				uint32_t i = linemap_slot(m, old.keys[k] - 1);
				m->keys[i] = old.keys[k];
				m->lines[i] = old.lines[k];
			}
		free(old.keys);
		free(old.lines);
	}
	uint32_t i = linemap_slot(m, key);
	if (m->keys[i])
		return m->lines[i];
	m->keys[i] = key + 1;
	m->lines[i] = line;
	m->n++;
	return 0;
}

static void linemap_free(struct linemap *m)
{
	free(m->keys);
	free(m->lines);
}

struct extras {
	struct workbook_load *ld;
	struct workbook_cache subject;
	struct linemap seen;
	int shape;              /* routine periods: -1 none yet, 0 quarter,
				   1 month */
	struct assess_cap_row *caps;
	uint32_t ncaps, cap;
};

static int extras_read(struct workbook_load *ld, struct err_list *errs,
		       struct workbook_csv *c, struct extras *st)
{
	c->ld = ld;
	c->errs = errs;
	c->ctx = st;
	int rc = workbook_csv_read(c);
	linemap_free(&st->seen);
	return rc < 0 ? -1 : 0;
}

/* --- routine.csv -------------------------------------------------------- */

enum { ROU_SUBJECT, ROU_PERIOD, ROU_RATING, ROU_NCOLS };

static bool extras_digits(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (s[k] < '0' || s[k] > '9')
			return false;
	return true;
}

/* A period: 2026Q1 (shape 0) or 2026-01 (shape 1), as a number that
 * fits in 20 bits; -1 for anything else. */
static int32_t extras_period(const struct csv_cell *v, int *shape)
{
	const char *s = v->s;
	if (v->len < 6 || !extras_digits(s, 4))
		return -1;
	int32_t year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		       (s[2] - '0') * 10 + (s[3] - '0');
	if (v->len == 6 && s[4] == 'Q' && s[5] >= '1' && s[5] <= '4') {
		*shape = 0;
		return year * 100 + 20 + (s[5] - '0');
	}
	if (v->len == 7 && s[4] == '-' && extras_digits(s + 5, 2)) {
		int32_t month = (s[5] - '0') * 10 + (s[6] - '0');
		*shape = 1;
		return month >= 1 && month <= 12 ? year * 100 + month : -1;
	}
	return -1;
}

static void routine_row(struct workbook_csv *c, const struct csv_row *row)
{
	static const char *const shapes[] = { "quarters (2026Q1)",
					      "months (2026-01)" };
	struct extras *st = c->ctx;
	struct assess_input *in = st->ld->in;
	const struct csv_cell *p = csv_get(&c->h, row, ROU_PERIOD),
			      *r = csv_get(&c->h, row, ROU_RATING);
	int shape = 0;
	uint32_t s = workbook_subject_cell(c, row, c->h.at[ROU_SUBJECT],
					   &st->subject);
	int32_t period = extras_period(p, &shape);
	int rating = cycle_routine_level(r->s, r->len);
	if (period < 0) {
		csv_error_at(c->errs, row, c->h.at[ROU_PERIOD], "bad_period",
			     "period '%.32s' is neither a quarter (2026Q1) nor "
			     "a month (2026-01)", p->s);
	} else if (st->shape >= 0 && shape != st->shape) {
		csv_error_at(c->errs, row, c->h.at[ROU_PERIOD], "bad_period",
			     "period '%s' is not in %s, as the rows above",
			     p->s, shapes[st->shape]);
		period = -1;
	}
	if (rating < 0)
		csv_error_at(c->errs, row, c->h.at[ROU_RATING], "unknown_level",
			     "'%.32s' is not good, fair, average or poor",
			     r->s);
	if (s == ASSESS_NONE || period < 0 || rating < 0)
		return;
	st->shape = shape;
	uint32_t first = linemap_put(&st->seen, (uint64_t)s << 20 |
				     (uint32_t)period, row->line);
	if (first) {
		csv_error_at(c->errs, row, c->h.at[ROU_PERIOD], "duplicate_row",
			     "subject '%s' has a result for %s already (line "
			     "%u)", in->subjects[s].id, p->s, first);
		return;
	}
	in->routine[(size_t)s * ASSESS_ROUTINE_LEVELS + (uint32_t)rating]++;
}

int workbook_read_routine(struct workbook_load *ld, struct err_list *errs)
{
	static const struct csv_column cols[ROU_NCOLS] = {
		[ROU_SUBJECT] = { "subject", true },
		[ROU_PERIOD] = { "period", true },
		[ROU_RATING] = { "rating", true },
	};
	struct assess_input *in = ld->in;
	bool needed = in->nroutine_caps + in->nroutine_requires > 0;
	for (uint32_t k = 0; k < in->ncomponents; k++)
		needed |= in->components[k].kind == ASSESS_COMP_ROUTINE;
	in->routine = arena_zalloc(&ld->wb->arena, ((size_t)in->nsubjects + 1) *
				   ASSESS_ROUTINE_LEVELS * sizeof *in->routine);
	struct extras st = { .ld = ld, .shape = -1 };
	struct workbook_csv c = { .name = "routine.csv", .cols = cols,
				  .ncols = ROU_NCOLS, .required = needed,
				  .row = routine_row };
	return extras_read(ld, errs, &c, &st);
}

/* --- units.csv and pools.csv: one row per unit or pool ------------------ */

enum { ONE_KEY, ONE_VALUE, ONE_NCOLS };

/* The unit or pool of the row's first cell (named by subjects.csv), or
 * ASSESS_NONE after an error; a repeated one is an error too. */
static uint32_t extras_keyed(struct workbook_csv *c, const struct csv_row *row,
			     const struct intern *names, const char *what)
{
	struct extras *st = c->ctx;
	const struct csv_cell *v = csv_get(&c->h, row, ONE_KEY);
	uint32_t k = intern_find(names, v->s, v->len);
	if (k == INTERN_NONE) {
		csv_error_at(c->errs, row, c->h.at[ONE_KEY], "unknown_id",
			     "unknown %s '%.128s': no subject in subjects.csv "
			     "is in it", what, v->s);
		return ASSESS_NONE;
	}
	uint32_t first = linemap_put(&st->seen, k, row->line);
	if (first) {
		csv_error_at(c->errs, row, c->h.at[ONE_KEY], "duplicate_row",
			     "%s '%s' appears twice (first on line %u)", what,
			     v->s, first);
		return ASSESS_NONE;
	}
	return k;
}

static void units_row(struct workbook_csv *c, const struct csv_row *row)
{
	struct extras *st = c->ctx;
	const struct csv_cell *g = csv_get(&c->h, row, ONE_VALUE);
	uint32_t u = extras_keyed(c, row, &st->ld->wb->units, "unit");
	int grade = cycle_routine_level(g->s, g->len);
	if (grade < 0)
		csv_error_at(c->errs, row, c->h.at[ONE_VALUE], "unknown_level",
			     "'%.32s' is not a unit grade: good, fair, average "
			     "or poor", g->s);
	if (u != ASSESS_NONE && grade >= 0)
		st->ld->in->unit_grades[u] = (int8_t)grade;
}

int workbook_read_units(struct workbook_load *ld, struct err_list *errs)
{
	static const struct csv_column cols[ONE_NCOLS] = {
		[ONE_KEY] = { "unit", true },
		[ONE_VALUE] = { "grade", true },
	};
	struct assess_input *in = ld->in;
	in->unit_grades = arena_alloc(&ld->wb->arena, (size_t)in->nunits + 1);
	memset(in->unit_grades, -1, (size_t)in->nunits + 1);
	struct extras st = { .ld = ld };
	struct workbook_csv c = { .name = "units.csv", .cols = cols,
				  .ncols = ONE_NCOLS, .row = units_row };
	return extras_read(ld, errs, &c, &st);
}

static void pools_row(struct workbook_csv *c, const struct csv_row *row)
{
	struct extras *st = c->ctx;
	const struct csv_cell *a = csv_get(&c->h, row, ONE_VALUE);
	uint32_t p = extras_keyed(c, row, &st->ld->wb->pools, "pool");
	int64_t amount = -1;
	if (csv_int64(a, &amount) != 0 || amount < 0) {
		csv_error_at(c->errs, row, c->h.at[ONE_VALUE], "bad_number",
			     "amount '%.32s' is not a whole number of fen >= 0",
			     a->s);
		return;
	}
	if (p != ASSESS_NONE)
		st->ld->in->pool_amounts[p] = amount;
}

int workbook_read_pools(struct workbook_load *ld, struct err_list *errs)
{
	static const struct csv_column cols[ONE_NCOLS] = {
		[ONE_KEY] = { "pool", true },
		[ONE_VALUE] = { "amount", true },
	};
	struct assess_input *in = ld->in;
	in->pool_amounts = arena_alloc(&ld->wb->arena, ((size_t)in->npools + 1)
				       * sizeof *in->pool_amounts);
	for (uint32_t p = 0; p <= in->npools; p++)
		in->pool_amounts[p] = -1;
	struct extras st = { .ld = ld };
	bool needed = ld->cycle_ok && in->bonus.mode == ASSESS_BONUS_POOL;
	struct workbook_csv c = { .name = "pools.csv", .cols = cols,
				  .ncols = ONE_NCOLS, .row = pools_row,
				  .required = needed };
	return extras_read(ld, errs, &c, &st);
}

/* --- caps.csv ------------------------------------------------------------ */

enum { CAP_SUBJECT, CAP_GRADE, CAP_REASON, CAP_NCOLS };

static void caps_row(struct workbook_csv *c, const struct csv_row *row)
{
	struct extras *st = c->ctx;
	const struct assess_input *in = st->ld->in;
	const struct csv_cell *gc = csv_get(&c->h, row, CAP_GRADE);
	uint32_t s = workbook_subject_cell(c, row, c->h.at[CAP_SUBJECT],
					   &st->subject);
	uint32_t g = cycle_grade(in, gc->s);
	if (g == ASSESS_NONE)
		csv_error_at(c->errs, row, c->h.at[CAP_GRADE], "unknown_grade",
			     "unknown grade '%.64s'", gc->s);
	if (s == ASSESS_NONE || g == ASSESS_NONE)
		return;
	uint32_t first = linemap_put(&st->seen, (uint64_t)s * in->ngrades + g,
				     row->line);
	if (first) {
		csv_error_at(c->errs, row, c->h.at[CAP_GRADE], "duplicate_row",
			     "subject '%s' is capped at '%s' already (line %u)",
			     in->subjects[s].id, gc->s, first);
		return;
	}
	if (st->ncaps == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 64;
		st->caps = xrealloc(st->caps, st->cap * sizeof *st->caps);
	}
	st->caps[st->ncaps++] = (struct assess_cap_row){
		s, g, workbook_strdup(st->ld, csv_get(&c->h, row, CAP_REASON)),
	};
}

int workbook_read_caps(struct workbook_load *ld, struct err_list *errs)
{
	static const struct csv_column cols[CAP_NCOLS] = {
		[CAP_SUBJECT] = { "subject", true },
		[CAP_GRADE] = { "grade", true },
		[CAP_REASON] = { "reason", true },
	};
	struct assess_input *in = ld->in;
	if (!ld->cycle_ok)
		return 0; /* no grade can be checked */
	struct extras st = { .ld = ld };
	struct workbook_csv c = { .name = "caps.csv", .cols = cols,
				  .ncols = CAP_NCOLS, .row = caps_row };
	int rc = extras_read(ld, errs, &c, &st);
	in->ncaps = st.ncaps;
	in->caps = arena_alloc(&ld->wb->arena,
			       (st.ncaps + 1) * sizeof *in->caps);
	if (st.ncaps)
		memcpy(in->caps, st.caps, st.ncaps * sizeof *st.caps);
	free(st.caps);
	return rc;
}
