/* routine: routine assessment (平时考核, S10) within a cycle. Each quarter
 * a cadre writes work notes (工作纪实) and a short self-summary; the
 * supervisor — the organisation department, or a reporter of the
 * subject's unit — rates the quarter good, fair, average or poor, with no
 * more `good` among a unit's subjects in a period than the cycle's share
 * allows (40% unless set). Rated quarters become the cycle's routine.csv
 * rows, which the engine's routine components and rules read.
 * A subject may be linked to the account of the cadre it is: that account
 * writes its notes and reads its result, nobody else's (app/cycles).
 * Every write is audited (routine.write, routine.rate, cycle.subject_account,
 * cycle.routine_share). Must not know about HTTP or the terminal. */
#ifndef KAOHE_ROUTINE_H
#define KAOHE_ROUTINE_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "base/buf.h"

#define ROUTINE_NOTES_MAX 5000   /* characters of work notes */
#define ROUTINE_SUMMARY_MAX 500  /* characters of a self-summary */
#define ROUTINE_GOOD_SHARE 0.4   /* the default cap on the share of good */

struct routine_record {
	const char *subject, *period; /* period: 2026Q1 .. 2026Q4 */
	const char *notes, *summary;  /* borrowed */
};

/* Links subject to a cadre's account (0: none). Assessor. */
int routine_subject_account(struct app *a, const struct actor *who,
			    int64_t id, const char *subject, int64_t account,
			    struct err *e);
/* The cap on the share of good, 0..1. Assessor. */
int routine_set_share(struct app *a, const struct actor *who, int64_t id,
		      double share, struct err *e);
/* Writes (replaces) the notes and summary of a quarter: the subject's own
 * cadre or the organisation department; not once rated. */
int routine_write(struct app *a, const struct actor *who, int64_t id,
		  const struct routine_record *in, json_t **out,
		  struct err *e);
/* Rates a written quarter. ERR_CONFLICT "good_share_exceeded" naming the
 * numbers when one more good would pass the unit's share. */
int routine_rate(struct app *a, const struct actor *who, int64_t id,
		 const char *subject, const char *period, const char *rating,
		 json_t **out, struct err *e);
/* The records who may read (all; a reporter's subjects; a cadre's own),
 * of one period or all: {"items": [...]}. */
int routine_list(struct app *a, const struct actor *who, int64_t id,
		 const char *period, json_t **out, struct err *e);
/* The rated quarters as routine.csv rows ("subject,period,rating"). */
int routine_csv_rows(struct store *s, int64_t id, struct buf *out,
		     struct err *e);
/* Whether who is the cadre of subject in cycle id. */
int routine_is_mine(struct app *a, const struct actor *who, int64_t id,
		    const char *subject, bool *out, struct err *e);
/* A cadre's own subjects across cycles, with their results if computed:
 * {"items": [{"cycle_id","code","name","status","subject","position",
 * "row"}]}. */
int routine_mine(struct app *a, const struct actor *who, json_t **out,
		 struct err *e);

#endif
