/* plan: names, transitions and the checks of a decision. */
#include "plan.h"

#include <string.h>

#include "core/day.h"
#include "core/org.h"

static const struct { const char *id, *zh; } plan_routes[PLAN_ROUTE_COUNT] = {
	{ "secondment", "挂职" },
	{ "frontline", "招商一线" },
	{ "grassroots", "下沉基层" },
	{ "stay", "留任" },
};

static const struct { const char *id, *zh; } plan_states[PLAN_STATE_COUNT] = {
	{ "draft", "草拟" },
	{ "in_progress", "实施中" },
	{ "closed", "已完成" },
};

const char *plan_route_name(enum plan_route r)
{
	return (unsigned)r < PLAN_ROUTE_COUNT ? plan_routes[r].id : NULL;
}

const char *plan_route_name_zh(enum plan_route r)
{
	return (unsigned)r < PLAN_ROUTE_COUNT ? plan_routes[r].zh : NULL;
}

const char *plan_state_name(enum plan_state s)
{
	return (unsigned)s < PLAN_STATE_COUNT ? plan_states[s].id : NULL;
}

const char *plan_state_name_zh(enum plan_state s)
{
	return (unsigned)s < PLAN_STATE_COUNT ? plan_states[s].zh : NULL;
}

int plan_route_parse(const char *s, enum plan_route *out)
{
	for (int i = 0; s && i < PLAN_ROUTE_COUNT; i++)
		if (!strcmp(s, plan_routes[i].id) ||
		    !strcmp(s, plan_routes[i].zh)) {
			*out = (enum plan_route)i;
			return 0;
		}
	return -1;
}

int plan_state_parse(const char *s, enum plan_state *out)
{
	for (int i = 0; s && i < PLAN_STATE_COUNT; i++)
		if (!strcmp(s, plan_states[i].id)) {
			*out = (enum plan_state)i;
			return 0;
		}
	return -1;
}

int plan_route_kind(enum plan_route r, enum deploy_kind *out)
{
	switch (r) {
	case PLAN_SECONDMENT: *out = DEPLOY_SECONDMENT; return 0;
	case PLAN_FRONTLINE: *out = DEPLOY_FRONTLINE; return 0;
	case PLAN_GRASSROOTS: *out = DEPLOY_GRASSROOTS; return 0;
	case PLAN_STAY: break;
	}
	return -1;
}

static int plan_transition(enum plan_state from, enum plan_state to,
			   struct err *e)
{
	return err_set(e, ERR_CONFLICT, "invalid_transition", "the plan is %s: "
		       "it cannot become %s (draft, then in_progress, then "
		       "closed)", plan_state_name(from), plan_state_name(to));
}

int plan_start_check(enum plan_state from, bool has_document, struct err *e)
{
	if (from != PLAN_DRAFT)
		return plan_transition(from, PLAN_IN_PROGRESS, e);
	if (!has_document)
		return err_set_at(e, ERR_INVALID, "document_required",
				  "document", "a plan is carried out under its "
				  "document: give the document number");
	return 0;
}

int plan_close_check(enum plan_state from, int64_t pending, struct err *e)
{
	if (from != PLAN_IN_PROGRESS)
		return plan_transition(from, PLAN_CLOSED, e);
	if (pending > 0)
		return err_set(e, ERR_CONFLICT, "entries_pending", "%lld "
			       "%s still pending: decide or remove %s "
			       "before closing the plan", (long long)pending,
			       pending == 1 ? "entry is" : "entries are",
			       pending == 1 ? "it" : "them");
	return 0;
}

int plan_check_editable(enum plan_state s, struct err *e)
{
	if (s == PLAN_CLOSED)
		return err_set(e, ERR_CONFLICT, "plan_closed", "the plan is "
			       "closed: its entries no longer change");
	return 0;
}

int plan_check_decidable(enum plan_state s, struct err *e)
{
	if (s == PLAN_DRAFT)
		return err_set(e, ERR_CONFLICT, "plan_draft", "the plan is a "
			       "draft: start it (under its document) before "
			       "deciding");
	return plan_check_editable(s, e);
}

int plan_decision_check(const struct plan_decision *d, struct err *e)
{
	if (!d->has_document)
		return err_set_at(e, ERR_INVALID, "document_required",
				  "document", "a decision is made by a "
				  "document: give its number");
	if (!day_valid(d->decided_on))
		return err_set_at(e, ERR_INVALID, "invalid_date", "decided_on",
				  "the decision date is a real date written "
				  "yyyy-mm-dd");
	if (d->route == PLAN_STAY) {
		if (d->receiving_unit)
			return err_set_at(e, ERR_INVALID, "invalid_field",
					  "receiving_unit_id", "a cadre who "
					  "stays has no receiving unit");
		return 0;
	}
	if (!d->receiving_unit)
		return err_set_at(e, ERR_INVALID, "receiving_unit_required",
				  "receiving_unit_id", "a %s needs the unit "
				  "that receives the cadre",
				  plan_route_name(d->route));
	if (d->receiving_unit == d->home_unit)
		return err_set_at(e, ERR_INVALID, "same_unit",
				  "receiving_unit_id", "the receiving unit is "
				  "the cadre's home unit: a %s sends a cadre "
				  "elsewhere", plan_route_name(d->route));
	if (!day_valid(d->start))
		return err_set_at(e, ERR_INVALID, "invalid_date", "start_date",
				  "the start date is a real date written "
				  "yyyy-mm-dd");
	if (!day_valid(d->end) || d->end < d->start)
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "the planned end is a real date written "
				  "yyyy-mm-dd, not before the start");
	return 0;
}

int64_t plan_places_free(const struct plan_places *p)
{
	int64_t n = p->quota - p->filled - p->in;
	return n > 0 ? n : 0;
}

static bool plan_blank(const char *s)
{
	return !s || strspn(s, " \t\r\n") == strlen(s);
}

int plan_places_check(const char *name, const char *line,
		      const struct plan_places *p, bool allow_over,
		      const char *reason, bool *over, struct err *e)
{
	*over = false;
	if (plan_places_free(p) >= 1)
		return 0;
	if (!allow_over)
		return err_set_at(e, ERR_CONFLICT, "quota_exceeded",
				  "receiving_unit_id", "%s has no free place "
				  "on its %s: %lld approved, %lld filled, "
				  "%lld in on assignment; send beyond it only "
				  "with allow_over and a reason", name, line,
				  (long long)p->quota, (long long)p->filled,
				  (long long)p->in);
	if (plan_blank(reason))
		return err_set_at(e, ERR_INVALID, "reason_required", "reason",
				  "%s has no free place on its %s: sending "
				  "beyond it needs a reason", name, line);
	if (strlen(reason) > ORG_REASON_MAX)
		return err_set_at(e, ERR_INVALID, "reason_too_long", "reason",
				  "the reason is longer than %d bytes",
				  ORG_REASON_MAX);
	*over = true;
	return 0;
}
