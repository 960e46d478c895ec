/* workbook_subjects: subjects.csv, who is assessed: each subject's id,
 * name, category, unit, pool (its category unless given) and scheme.
 * Every other file names subjects by these ids. Must not read any other
 * file. */
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "io/workbook_int.h"

enum { SUB_ID, SUB_NAME, SUB_CATEGORY, SUB_UNIT, SUB_SCHEME, SUB_POOL,
       SUB_NCOLS };

struct subjects {
	struct workbook_load *ld;
	struct assess_subject *list;
	uint32_t cap;
	bool schemes_needed;    /* the cycle has a scheme component */
};

/* A new subject id gets the next index; NONE for a repeated id (after an
 * error) or too many subjects. */
static uint32_t subjects_add(struct workbook_csv *c, const struct csv_row *row)
{
	struct subjects *st = c->ctx;
	struct workbook *wb = st->ld->wb;
	const struct csv_cell *id = csv_get(&c->h, row, SUB_ID);
	bool added = false;
	if (!id || id->len == 0)
		return ASSESS_NONE;
	if (wb->subjects.n >= WORKBOOK_MAX_SUBJECTS) {
		csv_error_at(c->errs, row, CSV_ABSENT, "too_many",
			     "more than %u subjects", WORKBOOK_MAX_SUBJECTS);
		return ASSESS_NONE;
	}
	uint32_t s = intern_add(&wb->subjects, id->s, id->len, &added);
	if (!added) {
		csv_error_at(c->errs, row, c->h.at[SUB_ID], "duplicate_row",
			     "subject '%.128s' appears twice (first on line "
			     "%u)", id->s, st->ld->subject_line[s]);
		return ASSESS_NONE;
	}
	if (s == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 1024;
		st->list = xrealloc(st->list, st->cap * sizeof *st->list);
		st->ld->subject_line = xrealloc(st->ld->subject_line,
					st->cap * sizeof *st->ld->subject_line);
	}
	st->ld->subject_line[s] = row->line;
	st->list[s] = (struct assess_subject){
		wb->subjects.names[s], "", 0, 0, 0, WORKBOOK_SCHEME_SKIP,
	};
	return s;
}

static uint32_t subjects_scheme(struct workbook_csv *c,
				const struct csv_row *row)
{
	struct subjects *st = c->ctx;
	const struct csv_cell *v = csv_get(&c->h, row, SUB_SCHEME);
	if (!v || v->len == 0)
		return ASSESS_NONE; /* allowed: no scheme component */
	uint32_t k = scheme_set_find(st->ld->schemes, v->s, v->len);
	if (k == ASSESS_NONE) {
		csv_error_at(c->errs, row, c->h.at[SUB_SCHEME],
			     "unknown_scheme", "unknown scheme '%.128s': no "
			     "file in schemes/ has this id", v->s);
		return WORKBOOK_SCHEME_SKIP;
	}
	return scheme_set_failed(st->ld->schemes, k) ? WORKBOOK_SCHEME_SKIP
						     : k;
}

static void subjects_row(struct workbook_csv *c, const struct csv_row *row)
{
	struct subjects *st = c->ctx;
	struct workbook *wb = st->ld->wb;
	uint32_t s = subjects_add(c, row);
	if (s == ASSESS_NONE)
		return;
	const struct csv_cell *cat = csv_get(&c->h, row, SUB_CATEGORY),
			      *unit = csv_get(&c->h, row, SUB_UNIT),
			      *pool = csv_get(&c->h, row, SUB_POOL);
	if (!pool || pool->len == 0)
		pool = cat; /* a quota counts in the category by default */
	struct assess_subject *sub = &st->list[s];
	sub->name = workbook_strdup(st->ld, csv_get(&c->h, row, SUB_NAME));
	sub->category = intern_add(&wb->categories, cat->s, cat->len, NULL);
	sub->unit = intern_add(&wb->units, unit->s, unit->len, NULL);
	sub->pool = intern_add(&wb->pools, pool->s, pool->len, NULL);
	sub->scheme = subjects_scheme(c, row);
}

/* A row with errors still names its subject, so that the other files do
 * not report it as unknown on every row. */
static void subjects_bad_row(struct workbook_csv *c, const struct csv_row *row)
{
	if (row->ncells > c->h.at[SUB_ID])
		subjects_add(c, row);
}

int workbook_read_subjects(struct workbook_load *ld)
{
	struct subjects st = { ld, NULL, 0, false };
	for (uint32_t k = 0; k < ld->in->ncomponents; k++)
		if (ld->in->components[k].kind == ASSESS_COMP_SCHEME)
			st.schemes_needed = true;
	const struct csv_column cols[SUB_NCOLS] = {
		[SUB_ID] = { "id", true },
		[SUB_NAME] = { "name", true },
		[SUB_CATEGORY] = { "category", true },
		[SUB_UNIT] = { "unit", true },
		[SUB_SCHEME] = { "scheme", st.schemes_needed },
		[SUB_POOL] = { "pool", false },
	};
	struct workbook_csv c = { "subjects.csv", cols, SUB_NCOLS, true,
				  subjects_row, subjects_bad_row, &st, ld,
				  ld->errs, { 0 }, false };
	int rc = workbook_csv_read(&c);
	uint32_t n = ld->wb->subjects.n;
	struct assess_input *in = ld->in;
	in->nsubjects = n;
	in->subjects = arena_alloc(&ld->wb->arena,
				   (n + 1) * sizeof *in->subjects);
	if (n)
		memcpy(in->subjects, st.list, n * sizeof *st.list);
	free(st.list);
	return rc == 0 ? 0 : -1;
}
