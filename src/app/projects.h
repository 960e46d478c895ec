/* projects: investment projects and their service commissioners (S5):
 * a signed project, the cadre who follows its approvals, the approval
 * steps (from a template: project filing, land, planning permit,
 * environmental assessment, construction permit) with authority, due
 * date and completion, overdue steps, the start of construction, and the
 * days from signing to start per project and per commissioner — figures
 * that a cycle can take as the commissioner's indicator values. Writes
 * are audited (project.add, project.step, project.start). Must not know
 * about HTTP or the terminal. */
#ifndef KAOHE_PROJECTS_H
#define KAOHE_PROJECTS_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

#define PROJECTS_STEPS_MAX 20

struct projects_step {
	const char *name, *authority; /* borrowed */
	const char *due_on;           /* yyyy-mm-dd */
};

struct projects_new {
	const char *name, *investor, *industry; /* borrowed */
	int64_t amount_fen, unit_id, commissioner_id; /* commissioner 0: none */
	const char *signed_on, *target_start;
	const struct projects_step *steps; /* NULL: the template */
	size_t nsteps;
};

/* Adds a project with its approval steps; *out is the project (as
 * projects_get), a new object. Audited (project.add). */
int projects_add(struct app *a, const struct actor *who,
		 const struct projects_new *in, json_t **out, struct err *e);
/* The same in the caller's transaction on s (an import adds many in
 * one); *id is the new project's. */
int projects_add_in(struct store *s, const struct actor *who,
		    const struct projects_new *in, int64_t *id, struct err *e);
/* Every project with its progress today: {"items": [...]}. */
int projects_list(struct app *a, json_t **out, struct err *e);
/* One project with its steps (each with its state: done, pending,
 * overdue). */
int projects_get(struct app *a, int64_t id, json_t **out, struct err *e);
/* Marks step done on done_on (not before signing). */
int projects_step_done(struct app *a, const struct actor *who, int64_t id,
		       int64_t step, const char *done_on, json_t **out,
		       struct err *e);
/* Records the start of construction; ERR_CONFLICT "steps_pending" while
 * a step is not done. */
int projects_start(struct app *a, const struct actor *who, int64_t id,
		   const char *started_on, json_t **out, struct err *e);
/* Per commissioner: projects, started, mean days from signing to start,
 * overdue steps today: {"items": [...]}. */
int projects_commissioners(struct app *a, json_t **out, struct err *e);
/* The enterprise's rating (0-100) of its commissioner's service on a
 * project, given on rated_on (not before the signing); a new rating
 * replaces the last. Audited (project.rating). */
int projects_rate(struct app *a, const struct actor *who, int64_t id,
		  int64_t rating, const char *rated_on, json_t **out,
		  struct err *e);
/* Enters each commissioner's figures (projects, started,
 * mean_days_to_start, steps_overdue, mean_rating) as the values of the
 * indicators named in indicators ({figure: indicator id}) for the cycle's
 * subjects that are that commissioner (the subject's person), in one
 * transaction, under the cycle's own rules for values (not once
 * confirmed); a figure the commissioner lacks (no start, no rating) is
 * left out. *out {"subjects": [{subject, person_id, values}]}. */
int projects_pull(struct app *a, const struct actor *who, int64_t cycle,
		  const json_t *indicators, json_t **out, struct err *e);

#endif
