/* employments: who holds which place (S2, S4). An employment is a person
 * in a unit, of a staff type, with a post's title, its leader-post level
 * and rank, from a start (任, with its document) to an end (免, with its
 * document); a person's employments are the history of posts and ranks.
 * Purchased staff (dispatched, social workers) work under a service
 * contract of an agency (app/agencies).
 * Starting an employment checks, in its transaction: core/staffing's
 * rules, that the person and unit exist, that a person's main (not
 * concurrent) employments do not overlap, the contract (its staff type,
 * that the unit is its buyer or below, its period and headcount), and
 * the unit's quotas on the start date through core/org's appointment
 * rule: beyond a quota only with allow_over and a reason, which is
 * stored with the employment and in the audit record. Every write keeps
 * the person's current unit, staff type and rank (what lists show and
 * filter by) and is audited (employment.add, employment.end).
 * Permission is the caller's; a reader's scope is passed as in
 * app/units. Must not know about HTTP or the terminal. */
#ifndef KAOHE_EMPLOYMENTS_H
#define KAOHE_EMPLOYMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

/* A new employment. Strings are borrowed; NULL: none. */
struct employments_input {
	int64_t person_id, unit_id;
	const char *staff_type;     /* an org staff type id (or its 中文) */
	const char *title;          /* the post: "综合科科长", "科员" */
	const char *post_level;     /* an org level id; NULL: no leader post */
	const char *rank;           /* a staffing rank id; NULL: none */
	bool concurrent;            /* 兼任 */
	int64_t contract_id;        /* 0: none */
	int64_t monthly_pay_fen;    /* -1: not recorded */
	const char *start_date;     /* yyyy-mm-dd */
	const char *start_document; /* the appointment's document number */
	const char *end_date;       /* yyyy-mm-dd, the last day; NULL: open */
	bool allow_over;            /* appoint beyond a quota, for reason */
	const char *reason;
};

/* What a list asks for; 0: any. */
struct employments_query {
	int64_t person_id, unit_id, contract_id;
	bool current;               /* only those active today */
	int64_t offset, limit;
};

/* Employments within scope (those in the scope's units) matching q,
 * newest start first, paged. Returns a new object. */
int employments_list(struct app *a, int64_t scope,
		     const struct employments_query *q, json_t **out,
		     struct err *e);
int employments_get(struct app *a, int64_t scope, int64_t id, json_t **out,
		    struct err *e);

/* Starts an employment in the caller's transaction on s (for imports
 * that add many in one); *id is the new employment's. Audited. */
int employments_add_in(struct store *s, const struct actor *who,
		       const struct employments_input *in, int64_t *id,
		       struct err *e);
/* The same in a transaction of its own; *out as employments_get. */
int employments_add(struct app *a, const struct actor *who,
		    const struct employments_input *in, json_t **out,
		    struct err *e);

/* The latest main employment of person of staff type (an id) into *out;
 * ERR_INVALID "unknown_employment" where field when there is none. */
int employments_find(struct store *s, int64_t person, const char *staff_type,
		     const char *field, int64_t *out, struct err *e);

/* Ends employment id on end_date (the last day in post, not before its
 * start) by end_document (the removal's document). An open employment,
 * or one whose end is later, may be ended; ERR_CONFLICT "already_ended"
 * when it ends on or before end_date already (an end is never moved
 * later: that is a new employment). */
/* The same in the caller's transaction on s. */
int employments_end_in(struct store *s, const struct actor *who, int64_t id,
		       const char *end_date, const char *end_document,
		       struct err *e);
int employments_end(struct app *a, const struct actor *who, int64_t id,
		    const char *end_date, const char *end_document,
		    json_t **out, struct err *e);

#endif
