/* plan: the rules of redeployment plans (S5, Binhai's restructuring of
 * 2,000+ county/division-level cadres): a plan lists the cadres a
 * restructuring touches; each entry gets a route — secondment (挂职),
 * the investment frontline (招商一线), a grassroots posting (下沉基层) or
 * stay (留任) — first proposed, then decided by a document. The first
 * three are core/deploy's assignment kinds; stay sends nobody anywhere.
 * Here: the names, the plan's states and their transitions, what a
 * decision needs, and whether a receiving unit has a free place.
 * Pure: no I/O, no clock; dates are yyyymmdd (core/day). */
#ifndef KAOHE_PLAN_H
#define KAOHE_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "core/deploy.h"

enum plan_route {
	PLAN_SECONDMENT, /* secondment, 挂职 */
	PLAN_FRONTLINE,  /* frontline, 招商一线 */
	PLAN_GRASSROOTS, /* grassroots, 下沉基层 */
	PLAN_STAY,       /* stay, 留任: no assignment */
};
#define PLAN_ROUTE_COUNT 4

enum plan_state {
	PLAN_DRAFT,       /* draft: entries and proposals, no decision */
	PLAN_IN_PROGRESS, /* in_progress: decisions are made */
	PLAN_CLOSED,      /* closed: nothing changes any more */
};
#define PLAN_STATE_COUNT 3

#define PLAN_NAME_MAX 100      /* characters of a plan's name */
#define PLAN_ENTRIES_MAX 20000 /* cadres in one plan */

/* Static strings; NULL for a value outside the enum. */
const char *plan_route_name(enum plan_route r);
const char *plan_route_name_zh(enum plan_route r);
const char *plan_state_name(enum plan_state s);
const char *plan_state_name_zh(enum plan_state s);
/* The value whose id (or, for a route, Chinese name) is s; -1 when
 * there is none (out is then untouched). */
int plan_route_parse(const char *s, enum plan_route *out);
int plan_state_parse(const char *s, enum plan_state *out);
/* The assignment kind a route makes; -1 for stay, which makes none. */
int plan_route_kind(enum plan_route r, enum deploy_kind *out);

/* The transitions: draft -> in_progress (start, which needs the plan's
 * document), in_progress -> closed (close, when no entry is pending).
 * ERR_CONFLICT "invalid_transition" naming both states,
 * "document_required" (where "document") or "entries_pending" naming
 * how many. */
int plan_start_check(enum plan_state from, bool has_document,
		     struct err *e);
int plan_close_check(enum plan_state from, int64_t pending, struct err *e);
/* Entries are added, proposed and removed while the plan is a draft or
 * in progress; decided only in progress. ERR_CONFLICT "plan_draft" or
 * "plan_closed" saying what the plan's state allows. */
int plan_check_editable(enum plan_state s, struct err *e);
int plan_check_decidable(enum plan_state s, struct err *e);

/* A decision on one entry. */
struct plan_decision {
	enum plan_route route;
	int64_t home_unit;
	int64_t receiving_unit; /* 0: none */
	bool has_document;      /* the decision's document number given */
	int decided_on;         /* yyyymmdd */
	int start, end;         /* yyyymmdd, the assignment's; not for stay */
};

/* What a decision needs: a document number; a real decision date; for
 * every route but stay a receiving unit other than the home unit and a
 * real period (end not before start); for stay no receiving unit.
 * ERR_INVALID naming document, decided_on, receiving_unit_id,
 * start_date or end_date. */
int plan_decision_check(const struct plan_decision *d, struct err *e);

/* The places of a receiving unit on one establishment line during an
 * assignment's period: the approved quota, the main employments that
 * fill it, and the people already in on assignment. */
struct plan_places {
	int64_t quota, filled, in;
};

/* Free places: quota - filled - in, never below zero. */
int64_t plan_places_free(const struct plan_places *p);

/* Whether one more person may be sent into unit (named name, its line
 * named by line, "civil servant"): with a free place, 0 and *over false;
 * without, ERR_CONFLICT "quota_exceeded" (where "receiving_unit_id")
 * giving the figures, unless allow_over with a reason (not blank, at
 * most ORG_REASON_MAX bytes): 0 and *over true, the caller records the
 * reason. allow_over with a blank reason: ERR_INVALID "reason_required"
 * (where "reason"). */
int plan_places_check(const char *name, const char *line,
		      const struct plan_places *p, bool allow_over,
		      const char *reason, bool *over, struct err *e);

#endif
