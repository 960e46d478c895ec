/* plans: redeployment plans (S5) in the database. A plan lists the
 * cadres a restructuring touches (one by one, or all those of a unit
 * matching a filter of post levels, ranks and staff type), each with its
 * home unit when added; a route is proposed for each, then decided by a
 * document. A decision on secondment, frontline or grassroots makes the
 * frontline assignment through app/assignments in the same transaction
 * (its rules, the refusal of an overlap among them, are that module's);
 * stay makes nothing. A decision that sends someone into a receiving
 * unit without a free place on the cadre's establishment line (approved
 * quota, less main employments, less people in on assignment during the
 * period) is refused unless allowed with a reason, which is kept with
 * the entry. The rules are core/plan's. Counts by state, route, home
 * and receiving unit follow the plan. Every write is audited (plan.add,
 * plan.start, plan.close, plan.add_entry, plan.add_entries,
 * plan.propose, plan.decide, plan.remove_entry). Scope as
 * app/assignments: a reporter reads the entries of its units (home or
 * receiving) and below, and the plans that have some. Must not know
 * about HTTP or the terminal. */
#ifndef KAOHE_PLANS_H
#define KAOHE_PLANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

/* A new plan. Strings are borrowed; NULL: none. */
struct plans_input {
	const char *name;     /* 1..PLAN_NAME_MAX characters */
	const char *document; /* the plan's document; needed to start */
	const char *due_on;   /* yyyy-mm-dd: decisions aimed by then */
};

/* Who of a unit to add at once. Strings are borrowed. A person matches
 * when his current unit is unit_id (or below it, with below), his
 * current staff type is staff_type (when given), and, when levels or
 * ranks are given, he holds a main post of one of the levels today or
 * one of the ranks (either will do). */
struct plans_filter {
	int64_t unit_id;
	bool below;
	const char *staff_type;    /* NULL: any */
	const char *const *levels; /* org level ids */
	size_t nlevels;
	const char *const *ranks;  /* staffing rank ids */
	size_t nranks;
};
#define PLANS_FILTER_ITEMS_MAX 20 /* levels or ranks in one filter */

struct plans_proposal {
	const char *route;         /* a plan route id or its 中文 */
	int64_t receiving_unit_id; /* 0: none (yet); none for stay */
};

/* A decision. Strings are borrowed; NULL: the default said. */
struct plans_decision {
	const char *route;         /* NULL: the proposed one */
	int64_t receiving_unit_id; /* 0: the proposed one (none for stay) */
	const char *document;      /* the decision's document number */
	const char *decided_on;    /* NULL: today */
	const char *start_date, *end_date; /* the assignment's; not stay */
	const char *purpose;       /* the assignment's; NULL: plan's name */
	bool allow_over;           /* beyond the free places, for reason */
	const char *reason;
};

/* What a list of entries asks for; NULL or 0: any. */
struct plans_query {
	const char *decision;      /* pending, decided */
	const char *route;
	int64_t home_unit_id, receiving_unit_id;
	int64_t offset, limit;
};

/* Each *out is a new object. A plan answers its fields, its state and,
 * over the entries within scope, its counts: {"total", "pending",
 * "decided", "unproposed", "by_route", "by_home_unit",
 * "by_receiving_unit"} (docs/api.md). */
int plans_add(struct app *a, const struct actor *who,
	      const struct plans_input *in, json_t **out, struct err *e);
/* {"items": [...]}, newest first, each with total, pending, decided. */
int plans_list(struct app *a, int64_t scope, json_t **out, struct err *e);
int plans_get(struct app *a, int64_t scope, int64_t id, json_t **out,
	      struct err *e);
/* draft -> in_progress; document (NULL: the plan's own) is kept. */
int plans_start(struct app *a, const struct actor *who, int64_t id,
		const char *document, json_t **out, struct err *e);
/* in_progress -> closed, when no entry is pending. */
int plans_close(struct app *a, const struct actor *who, int64_t id,
		json_t **out, struct err *e);

/* The entries within scope matching q, by home unit then pinyin, paged.
 * ERR_NOT_FOUND when there is no plan id. */
int plans_entries(struct app *a, int64_t scope, int64_t id,
		  const struct plans_query *q, json_t **out, struct err *e);
/* Adds person to plan id with his current unit as home unit; *out is
 * the entry. ERR_CONFLICT "already_in_plan". */
int plans_entry_add(struct app *a, const struct actor *who, int64_t id,
		    int64_t person, json_t **out, struct err *e);
/* The same in the caller's transaction on s (an import adds many in
 * one); *entry is the new entry's id. */
int plans_entry_add_in(struct store *s, const struct actor *who, int64_t id,
		       int64_t person, int64_t *entry, struct err *e);
/* Adds everyone f matches who is not in the plan yet, in one
 * transaction: {"added", "already"} (how many were in already). */
int plans_entries_add(struct app *a, const struct actor *who, int64_t id,
		      const struct plans_filter *f, json_t **out,
		      struct err *e);
/* Proposes a route (and a receiving unit) for a pending entry. */
int plans_propose(struct app *a, const struct actor *who, int64_t id,
		  int64_t entry, const struct plans_proposal *p, json_t **out,
		  struct err *e);
/* The same in the caller's transaction on s. */
int plans_propose_in(struct store *s, const struct actor *who, int64_t id,
		     int64_t entry, const struct plans_proposal *p,
		     struct err *e);
/* Decides a pending entry of a plan in progress; ERR_CONFLICT
 * "already_decided". *out is the entry with its assignment_id. */
int plans_decide(struct app *a, const struct actor *who, int64_t id,
		 int64_t entry, const struct plans_decision *d, json_t **out,
		 struct err *e);
/* Removes a pending entry from a plan not closed. */
int plans_entry_remove(struct app *a, const struct actor *who, int64_t id,
		       int64_t entry, struct err *e);

#endif
