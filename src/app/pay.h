/* pay (app): the parallel pay scale of dispatched staff (S3) and the
 * equal-pay report (同工同酬, pay_parity). The scale is sequences (文职,
 * 技术, 其它) with their salary grades and positions; a dispatched
 * employment's pay assignments are its position and grade (or negotiated
 * pay) through time. The rules of one grade list, position or amount are
 * core/pay's; this module adds what needs the database, in the write's
 * transaction:
 *   - an assignment only for an employment of a dispatched person, within
 *     the employment's period, starting after the employment's latest
 *     assignment, which it ends on the day before it starts;
 *   - a change of grades or of a position may not leave a position's range
 *     outside its sequence's grades, or an existing assignment outside its
 *     position's range (the position or assignment is named);
 *   - a position's level is unique in its sequence, and one with
 *     negotiated pay sits above every position paid by grade.
 * Every write is audited in its transaction (pay.sequence_add,
 * pay.grades_set, pay.position_add, pay.position_update, pay.assign).
 * Permission is the caller's. Must not know about HTTP or the terminal. */
#ifndef KAOHE_APP_PAY_H
#define KAOHE_APP_PAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/pay.h"

/* A new sequence. Strings are borrowed. */
struct pay_sequence_input {
	const char *code; /* civilian, technical, other (or 文职, 技术, 其它) */
	const char *name; /* shown; NULL: the code's Chinese name */
};

/* The whole list of a sequence's grades, replacing the old one. */
struct pay_grades_input {
	int64_t sequence_id;
	const struct pay_grade *grades; /* borrowed */
	size_t n;
};

/* A position, new (sequence_id) or replacing position id's fields (the
 * sequence stays). Strings are borrowed; NULL: none. */
struct pay_position_input {
	int64_t id;                  /* update only */
	int64_t sequence_id;         /* add only */
	int64_t level;
	const char *name;
	bool negotiated;
	int64_t min_grade, max_grade; /* 0: none (negotiated) */
	const char *comparable_rank;  /* a staffing rank id or 中文 */
};

/* A new pay assignment. Strings are borrowed. */
struct pay_assign_input {
	int64_t employment_id, position_id;
	int64_t pay_grade;        /* 0: none */
	int64_t negotiated_fen;   /* 0: none */
	const char *start_date;   /* yyyy-mm-dd */
	const char *end_date;     /* the last day; NULL: open */
	const char *document;     /* the decision's number */
};

/* What a list of assignments asks for; 0: any. */
struct pay_assignments_query {
	int64_t employment_id, person_id;
	int64_t offset, limit;
};

/* The scale: {"sequences": [...]} in order, each with its grades and its
 * positions by level. Returns a new object. */
int pay_scale_get(struct app *a, json_t **out, struct err *e);

/* Each write's *out is the object after it (a sequence with grades and
 * positions; a position), a new object. */
/* ERR_CONFLICT "duplicate_sequence" when the code is there already. */
int pay_sequence_add(struct app *a, const struct actor *who,
		     const struct pay_sequence_input *in, json_t **out,
		     struct err *e);
/* ERR_NOT_FOUND for an unknown sequence; ERR_CONFLICT
 * "position_out_of_range" when a position's grades are not all in the
 * new list. */
int pay_grades_set(struct app *a, const struct actor *who,
		   const struct pay_grades_input *in, json_t **out,
		   struct err *e);
/* ERR_INVALID "unknown_sequence"; ERR_CONFLICT "duplicate_level",
 * "level_order" (negotiated pay below a graded position, or above). */
int pay_position_add(struct app *a, const struct actor *who,
		     const struct pay_position_input *in, json_t **out,
		     struct err *e);
/* As pay_position_add, and ERR_CONFLICT "assignment_out_of_range" naming
 * an assignment of the position the change would leave outside it. */
int pay_position_update(struct app *a, const struct actor *who,
			const struct pay_position_input *in, json_t **out,
			struct err *e);

/* The position named by a spreadsheet: its sequence (code or Chinese
 * name) and the position's name or level. ERR_INVALID "unknown_position"
 * where field otherwise. */
int pay_position_find(struct store *s, const char *sequence,
		      const char *position, const char *field, int64_t *out,
		      struct err *e);
/* Makes an assignment in the caller's transaction on s (for imports
 * that add many in one); *id is the new assignment's. ERR_INVALID
 * "unknown_employment", "not_dispatched", "outside_employment",
 * "unknown_position" and core/pay's; ERR_CONFLICT "not_after_latest".
 * Audited. */
int pay_assign_in(struct store *s, const struct actor *who,
		  const struct pay_assign_input *in, int64_t *id,
		  struct err *e);
/* The same in a transaction of its own; *out is the new assignment. */
int pay_assign(struct app *a, const struct actor *who,
	       const struct pay_assign_input *in, json_t **out,
	       struct err *e);
/* Assignments matching q, newest start first, paged. Returns a new
 * object. */
int pay_assignments_list(struct app *a, const struct pay_assignments_query *q,
			 json_t **out, struct err *e);

/* The pay-parity report on date (yyyy-mm-dd; NULL: today): a row per
 * rank some graded position compares with, highest rank first, setting
 * the in-system employments of that rank (civil servants, public-
 * institution and self-set staff with a recorded monthly pay; main posts
 * only) beside the dispatched staff on those positions (their grade's
 * monthly pay), and a row per position with negotiated pay. Returns a
 * new object; docs/pay.md describes it. */
int pay_parity(struct app *a, const char *date, json_t **out, struct err *e);

#endif
