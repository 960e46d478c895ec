/* selections: open selection and recruitment campaigns (S5) in the
 * database: posts with eligibility rules, applications checked against
 * them when made (core/select), the written exam, the shortlist for
 * interviews at the campaign's ratio, the interview, the ranking by the
 * assessment engine, and the appointment of the chosen in ranking order,
 * which ends the person's present post and starts the new one
 * (app/employments, with its quota check). The organisation department
 * (assessor) runs campaigns; every write is audited.
 *
 * A campaign moves open → written → interview → ranked: applications
 * and posts while open; written scores while open or written (the first
 * closes the applications); the shortlist from written to interview;
 * interview scores in interview; the ranking from interview (or from
 * written when the written exam weighs 100%) and again until the first
 * appointment; appointments once ranked. */
#ifndef KAOHE_APP_SELECTIONS_H
#define KAOHE_APP_SELECTIONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"

struct selections_input {
	const char *name, *kind;    /* kind: selection or recruitment */
	const char *as_of;          /* yyyy-mm-dd */
	int64_t written_weight;     /* percent, 1-100 */
	int64_t ratio;              /* interviews a place, 1-10 */
	const char *document;
};

struct selections_post_input {
	int64_t unit_id;
	const char *title, *staff_type, *post_level, *rank;
	int64_t places;
	const json_t *rules;        /* an object (docs/deployment.md); NULL */
};

struct selections_appoint_input {
	const char *start_date, *document;
	bool allow_over;
	const char *reason;
};

/* *out {"items": [campaign...]} with counts. */
int selections_list(struct app *a, json_t **out, struct err *e);
/* *out {"selection", "posts", "applications"}. */
int selections_get(struct app *a, int64_t id, json_t **out, struct err *e);
int selections_add(struct app *a, const struct actor *who,
		   const struct selections_input *in, json_t **out,
		   struct err *e);
int selections_add_post(struct app *a, const struct actor *who, int64_t id,
			const struct selections_post_input *in, json_t **out,
			struct err *e);
/* Records the application eligible or not; *out the application with
 * its reasons. ERR_CONFLICT "already_applied" for a second of a person. */
int selections_apply(struct app *a, const struct actor *who, int64_t id,
		     int64_t post_id, int64_t person_id, json_t **out,
		     struct err *e);
/* The same in the caller's transaction on s (an import of a sheet of
 * applications); *application is the new application's id. */
int selections_apply_in(struct store *s, const struct actor *who, int64_t id,
			int64_t post_id, int64_t person_id,
			int64_t *application, struct err *e);
/* stage "written" or "interview"; scores [{application_id, score}]. */
int selections_scores(struct app *a, const struct actor *who, int64_t id,
		      const char *stage, const json_t *scores, json_t **out,
		      struct err *e);
int selections_shortlist(struct app *a, const struct actor *who, int64_t id,
			 json_t **out, struct err *e);
int selections_rank(struct app *a, const struct actor *who, int64_t id,
		    json_t **out, struct err *e);
int selections_withdraw(struct app *a, const struct actor *who, int64_t id,
			int64_t application, json_t **out, struct err *e);
int selections_appoint(struct app *a, const struct actor *who, int64_t id,
		       int64_t application,
		       const struct selections_appoint_input *in,
		       json_t **out, struct err *e);

#endif
