/* assignments: frontline assignments (S5) in the database: who is out
 * (from a home unit) and who is in (at a working unit), ending soon and
 * overdue, and the end of one. An assignment may not overlap another of
 * the same person (refused naming it). The rules of one assignment are
 * core/deploy's. Every write is audited (assignment.add,
 * assignment.end). Scope as app/units: a reporter reads the assignments
 * of its units (home or working) and below. Must not know about HTTP or
 * the terminal. */
#ifndef KAOHE_ASSIGNMENTS_H
#define KAOHE_ASSIGNMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

struct assignments_input {
	int64_t person_id;
	const char *kind;          /* secondment, frontline, grassroots,
				      commissioner (or 中文) */
	int64_t home_unit_id;      /* 0: the person's current unit */
	int64_t working_unit_id;
	const char *start_date, *end_date; /* yyyy-mm-dd; end planned */
	const char *purpose;       /* 1..DEPLOY_PURPOSE_MAX characters */
	bool assessed_by_home;     /* else the working unit assesses */
	const char *document;
};

struct assignments_query {
	int64_t person_id;
	int64_t unit_id;      /* with direction: in (working), out (home) */
	const char *direction; /* "in", "out"; NULL: either */
	const char *state;    /* planned, current, ending_soon, overdue,
				 ended; NULL: any */
	const char *kind;     /* secondment, frontline, grassroots,
				 commissioner (or 中文); NULL: any */
};

int assignments_add(struct app *a, const struct actor *who,
		    const struct assignments_input *in, json_t **out,
		    struct err *e);
/* The same in the caller's transaction on s (a plan's decision makes its
 * assignment with its own record); *id is the new assignment's.
 * Audited (assignment.add). */
int assignments_add_in(struct store *s, const struct actor *who,
		       const struct assignments_input *in, int64_t *id,
		       struct err *e);
/* Ends assignment id on ended_on (its actual last day, not before its
 * start); ERR_CONFLICT "already_ended". */
int assignments_end(struct app *a, const struct actor *who, int64_t id,
		    const char *ended_on, json_t **out, struct err *e);
/* {"items": [...]}, each with its "state" today; newest start first.
 * ERR_INVALID "invalid_query" naming direction, state or kind when one is
 * not a known value. */
int assignments_list(struct app *a, int64_t scope,
		     const struct assignments_query *q, json_t **out,
		     struct err *e);

#endif
