/* units: the tree of units (S1), the government functions each carries,
 * and its approved establishment (编制) and leader-post (职数) quotas, with
 * the figures of core/org (quota, filled, vacant, over; own and rolled up).
 * The rules (which kind sits under which, no cycles, a quota's document
 * and date) are core/org's; this module loads the tree, applies them
 * inside the write transaction and records every change in the audit log
 * in the same transaction (actions unit.add, unit.update, unit.functions,
 * unit.quota, unit.delete; object "unit:<id>").
 * Permission (which role may call which service) is the caller's; the
 * scope of a reader (a reporter sees its own unit and its descendants) is
 * passed in as a unit id. Must not know about HTTP or the terminal. */
#ifndef KAOHE_UNITS_H
#define KAOHE_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "base/buf.h"
#include "core/org.h"

#define UNITS_NAME_MAX 100     /* characters of a unit's or function's name */
#define UNITS_FUNCTIONS_MAX 20 /* functions of one unit */

/* What a reader may see: UNITS_SCOPE_ALL, a unit id (that unit and its
 * descendants), or UNITS_SCOPE_NONE. */
#define UNITS_SCOPE_ALL 0
#define UNITS_SCOPE_NONE (-1)

/* The scope of who: everything for the organisation department
 * (assessor), a reporter's unit and below, else nothing. */
int64_t units_scope_of(const struct actor *who);

/* The units within scope in pre-order (a unit before its descendants),
 * each with its depth, functions, quota lines and figures, paged:
 * {"items", "total", "offset", "limit"}. Returns a new object. */
int units_list(struct app *a, int64_t scope, int64_t offset, int64_t limit,
	       json_t **out, struct err *e);
/* One unit as in the list; ERR_NOT_FOUND when there is none or it is
 * outside scope. Returns a new object. */
int units_get(struct app *a, int64_t scope, int64_t id, json_t **out,
	      struct err *e);

/* The ids of the units within scope (a unit id: that unit and its
 * descendants), ascending, read on s (a borrowed connection), for other
 * modules that show records by unit (app/people). Not for
 * UNITS_SCOPE_ALL or UNITS_SCOPE_NONE, which need no list. *out is a new
 * array (free with free), NULL when *n is 0. */
int units_scope_ids(struct store *s, int64_t scope, int64_t **out,
		    size_t *n, struct err *e);

/* The unit a spreadsheet names in text: its id (digits), its path of
 * names from the root ("珠海横琴新区管委会/商务局"), or a name only one unit
 * has. ERR_INVALID "unknown_unit" or "ambiguous_unit" (naming how many
 * units have that name) otherwise; where is field. */
int units_find(struct store *s, const char *text, const char *field,
	       int64_t *out, struct err *e);

/* Appends " AND <column> IN (...)" limiting a query to scope (nothing
 * for UNITS_SCOPE_ALL, " AND 1 = 0" for UNITS_SCOPE_NONE). The ids are
 * the database's, written as integer literals. */
int units_scope_sql(struct store *s, int64_t scope, const char *column,
		    struct buf *sql, struct err *e);
/* Whether unit is within scope (for a unit id: it or below it; unit 0,
 * none, is within UNITS_SCOPE_ALL only). */
int units_in_scope(struct store *s, int64_t scope, int64_t unit, bool *out,
		   struct err *e);

/* The ids of a quota line as stored and answered: ("staff",
 * "civil_servant") or ("post", "division_chief"). Static strings. */
void units_line_ids(struct org_line l, const char **kind, const char **line);

/* A new unit, or the change of one. Strings are borrowed. */
struct units_input {
	const char *name;  /* 1..UNITS_NAME_MAX characters; NULL: keep */
	const char *kind;  /* an org unit kind id or Chinese name; NULL: keep */
	bool move;         /* on a change: parent_id is given */
	int64_t parent_id; /* 0: at the root */
};

/* Adds a unit (name and kind required). *out is the new unit (as
 * units_get), a new object. */
int units_add(struct app *a, const struct actor *who,
	      const struct units_input *in, json_t **out, struct err *e);
/* Renames, re-kinds or moves unit id; the whole tree is checked again in
 * the transaction, so no cycle and no bad parent can be made. */
int units_update(struct app *a, const struct actor *who, int64_t id,
		 const struct units_input *in, json_t **out, struct err *e);
/* Replaces the unit's functions with names[0..n) (n at most
 * UNITS_FUNCTIONS_MAX; names borrowed). */
int units_set_functions(struct app *a, const struct actor *who, int64_t id,
			const char *const *names, size_t n, json_t **out,
			struct err *e);

/* One approved quota line. Strings are borrowed. */
struct units_quota {
	const char *line_kind;   /* "staff" or "post" */
	const char *line;        /* a staff type or level id (or Chinese name) */
	int64_t count;
	const char *document;    /* the approving document's number */
	const char *approved_on; /* yyyy-mm-dd, not after today */
};

/* Sets (or replaces) a quota line of unit id. */
int units_set_quota(struct app *a, const struct actor *who, int64_t id,
		    const struct units_quota *q, json_t **out, struct err *e);
/* Deletes a unit that has no sub-units, no quota lines and no reporter
 * accounts; ERR_CONFLICT otherwise. */
int units_delete(struct app *a, const struct actor *who, int64_t id,
		 struct err *e);

#endif
