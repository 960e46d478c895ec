/* incentives: assessment results linked to the next year (S12). A
 * dispatched employee whose confirmed annual results since his or her
 * current pay assignment began are competent or better in two cycles is
 * due a pay-grade step — one grade up within the position's range — for
 * the organisation department to approve. "Competent or better": the
 * cycle's grade `competent`, or better in cycle.json's order (the second
 * grade when a cycle has none of that id). Cycle subjects are linked to
 * people with incentives_subject_person. Must not know about HTTP or the
 * terminal. */
#ifndef KAOHE_INCENTIVES_H
#define KAOHE_INCENTIVES_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

#define INCENTIVES_YEARS 2 /* qualifying annual results for a step */

/* Links subject of cycle id to a person on record (0: none). Audited
 * (cycle.subject_person). */
int incentives_subject_person(struct app *a, const struct actor *who,
			      int64_t id, const char *subject, int64_t person,
			      struct err *e);

/* The dispatched employees due a step today: {"items": [{"person_id",
 * "name", "employment_id", "assignment_id", "position", "pay_grade",
 * "next_grade", "max_grade", "qualifying": [{"cycle", "grade"}]}]};
 * next_grade is null at the top of the position's range (listed, not
 * due). */
int incentives_steps_due(struct app *a, json_t **out, struct err *e);

/* Approves the step of an employment from start_date by document: a new
 * pay assignment one grade up (app/pay's rules; the previous one ends the
 * day before). ERR_CONFLICT "not_due" when it is not due. */
int incentives_step(struct app *a, const struct actor *who,
		    int64_t employment, const char *start_date,
		    const char *document, json_t **out, struct err *e);

#endif
