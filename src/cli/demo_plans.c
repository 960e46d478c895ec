/* demo_plans: a redeployment plan of the demo (S5: Binhai's restructuring
 * redeployed its county- and division-level cadres by secondment, to the
 * investment frontline or down to the grassroots), made through the
 * services (units_set_quota, plans_add, plans_start, plans_entries_add,
 * plans_propose, plans_decide) as the CLI actor, so that every rule and
 * audit record is the real one. Dates count from the day `kaohe demo`
 * runs, as demo_deploy's do, so that the assignments the decisions make
 * are current.
 *
 * What it adds:
 * - 20 civil-servant places of 泰达社区管理区 (the restructuring moves
 *   establishment down to the grassroots), so that grassroots postings
 *   there stay within its quota;
 * - the plan 滨海新区功能区体制机制改革干部调整安置方案, in progress, with
 *   the 42 division-level cadres (正处, 副处) of seven TEDA departments
 *   added in bulk, department by department; 36 proposed, 22 of them
 *   decided (6 frontline, 5 secondment, 7 grassroots, 4 stay), every
 *   receiving unit within its free places. The departments are none of
 *   those whose deputies demo_deploy posts, so no decision overlaps an
 *   assignment of theirs. */
#include "cli/demo.h"

#include <stdio.h>
#include <string.h>

#include "app/plans.h"
#include "app/units.h"
#include "base/wallclock.h"
#include "core/day.h"

#define DEMO_TEDA "天津经济技术开发区管委会"
#define DEMO_ZONE "泰达社区管理区"
#define DEMO_N(t) (sizeof (t) / sizeof (t)[0])
#define DEMO_PLAN_NAME "滨海新区功能区体制机制改革干部调整安置方案"
#define DEMO_CADRES 6 /* a department's chief and five deputies */

/* What becomes of each of a department's six cadres, in the order the
 * plan lists them (pinyin): a route's letter, F frontline, S secondment,
 * G grassroots, T stay; capital when decided, small when only proposed;
 * '-' not proposed yet. */
static const struct demo_fates {
	const char *dept, *fates;
} demo_fates[] = {
	{ "建设和交通局", "FFSGTs" },
	{ "规划和国土资源局", "FSGGTf" },
	{ "环境保护局", "SGGFfs" },
	{ "城市管理局", "GGTFsg" },
	{ "社会发展局", "FSTgft" },
	{ "安全生产监督管理局", "Sgfsgt" },
	{ "统计局", "------" },
};

/* Receiving units by route, taken in turn; each within its free
 * civil-servant places with every proposal decided (投资促进局 20 - 6,
 * 商务局 12 - 6, 行政审批局 18 - 6, 市场监督管理局 16 - 6, 泰达社区管理区 20). */
static const char *const demo_frontline[] = { "投资促进局", "投资促进局",
					      "商务局" };
static const char *const demo_secondment[] = { "行政审批局",
					       "市场监督管理局" };

struct demo_plan {
	struct app *a;
	int today;
	int64_t plan, zone;
	int64_t frontline[DEMO_N(demo_frontline)];
	int64_t secondment[DEMO_N(demo_secondment)];
	size_t next_frontline, next_secondment;
	char doc[64];
};

/* Today plus days as yyyy-mm-dd. */
static const char *demo_day(const struct demo_plan *d, int days,
			    char out[DAY_TEXT_LEN + 1])
{
	day_format(day_add(d->today, days), out);
	return out;
}

/* The id of the unit name under the unit parent. */
static int demo_unit(struct demo_plan *d, const char *parent,
		     const char *name, int64_t *out, struct err *e)
{
	struct store_value v[] = { STORE_T(name), STORE_T(parent) };
	struct store *s = app_acquire(d->a);
	int rc = store_int(s, "SELECT u.id FROM unit u JOIN unit p ON p.id = "
			      "u.parent_id WHERE u.name = ? AND p.name = ?",
			   v, 2, out, e);
	app_release(d->a, s);
	if (rc != 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", "demo: no %s",
			       name);
	return 0;
}

static int demo_units(struct demo_plan *d, struct err *e)
{
	if (demo_unit(d, DEMO_TEDA, DEMO_ZONE, &d->zone, e) != 0)
		return -1;
	for (size_t i = 0; i < DEMO_N(demo_frontline); i++)
		if (demo_unit(d, DEMO_TEDA, demo_frontline[i],
			      &d->frontline[i], e) != 0)
			return -1;
	for (size_t i = 0; i < DEMO_N(demo_secondment); i++)
		if (demo_unit(d, DEMO_TEDA, demo_secondment[i],
			      &d->secondment[i], e) != 0)
			return -1;
	return 0;
}

/* The zone's civil-servant places and the plan, started. */
static int demo_plan_make(struct demo_plan *d, struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	char approved[DAY_TEXT_LEN + 1], due[DAY_TEXT_LEN + 1], doc[64];
	int year = day_add(d->today, -30) / 10000;
	struct units_quota q = { .line_kind = "staff", .line = "civil_servant",
				 .count = 20, .document = doc,
				 .approved_on = demo_day(d, -30, approved) };
	struct plans_input in = { .name = DEMO_PLAN_NAME,
				  .due_on = demo_day(d, 60, due) };
	json_t *out = NULL;
	snprintf(doc, sizeof doc, "津开机改〔%d〕2号", year);
	if (units_set_quota(d->a, &cli, d->zone, &q, &out, e) != 0)
		return -1;
	json_decref(out);
	if (plans_add(d->a, &cli, &in, &out, e) != 0)
		return -1;
	d->plan = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	snprintf(doc, sizeof doc, "津开党〔%d〕27号", year);
	if (plans_start(d->a, &cli, d->plan, doc, &out, e) != 0)
		return -1;
	json_decref(out);
	snprintf(d->doc, sizeof d->doc, "津开组干〔%d〕31号",
		 day_add(d->today, -20) / 10000);
	return 0;
}

/* The route of a letter and its receiving unit, taken in turn. */
static const char *demo_route(struct demo_plan *d, char c, int64_t *unit)
{
	*unit = 0;
	switch (c) {
	case 'f':
		*unit = d->frontline[d->next_frontline++ %
				     DEMO_N(demo_frontline)];
		return "frontline";
	case 's':
		*unit = d->secondment[d->next_secondment++ %
				      DEMO_N(demo_secondment)];
		return "secondment";
	case 'g':
		*unit = d->zone;
		return "grassroots";
	default:
		return "stay";
	}
}

/* Proposes, and when c is a capital decides, entry as c says. */
static int demo_fate(struct demo_plan *d, int64_t entry, char c,
		     struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	char on[DAY_TEXT_LEN + 1], start[DAY_TEXT_LEN + 1],
	     end[DAY_TEXT_LEN + 1];
	bool decide = c >= 'A' && c <= 'Z';
	struct plans_proposal p = { 0 };
	json_t *out = NULL;
	if (c == '-')
		return 0;
	p.route = demo_route(d, (char)(decide ? c - 'A' + 'a' : c),
			     &p.receiving_unit_id);
	if (plans_propose(d->a, &cli, d->plan, entry, &p, &out, e) != 0)
		return -1;
	json_decref(out);
	if (!decide)
		return 0;
	struct plans_decision dd = { .document = d->doc,
				     .decided_on = demo_day(d, -20, on) };
	if (strcmp(p.route, "stay") != 0) {
		dd.start_date = demo_day(d, -14, start);
		dd.end_date = demo_day(d, 351, end);
	}
	if (plans_decide(d->a, &cli, d->plan, entry, &dd, &out, e) != 0) {
		fprintf(stderr, "kaohe: demo: deciding plan entry %lld:\n",
			(long long)entry);
		return -1;
	}
	json_decref(out);
	return 0;
}

/* A department's cadres added in bulk, then their fates. */
static int demo_dept(struct demo_plan *d, const struct demo_fates *f,
		     struct err *e)
{
	static const char *const levels[] = { "division_chief",
					      "division_deputy" };
	struct actor cli = APP_CLI_ACTOR;
	struct plans_filter filter = { .staff_type = "civil_servant",
				       .levels = levels,
				       .nlevels = DEMO_N(levels) };
	struct plans_query q = { .limit = 2 * DEMO_CADRES };
	json_t *out = NULL;
	if (demo_unit(d, DEMO_TEDA, f->dept, &filter.unit_id, e) != 0 ||
	    plans_entries_add(d->a, &cli, d->plan, &filter, &out, e) != 0)
		return -1;
	json_decref(out);
	q.home_unit_id = filter.unit_id;
	if (plans_entries(d->a, UNITS_SCOPE_ALL, d->plan, &q, &out, e) != 0)
		return -1;
	json_t *items = json_object_get(out, "items");
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < json_array_size(items) &&
			   i < strlen(f->fates); i++)
		rc = demo_fate(d, json_integer_value(json_object_get(
					  json_array_get(items, i), "id")),
			       f->fates[i], e);
	json_decref(out);
	return rc;
}

int demo_plans(struct app *a, struct err *e)
{
	struct demo_plan d = { .a = a, .today = wallclock_today() };
	if (demo_units(&d, e) != 0 || demo_plan_make(&d, e) != 0)
		return -1;
	for (size_t i = 0; i < DEMO_N(demo_fates); i++)
		if (demo_dept(&d, &demo_fates[i], e) != 0)
			return -1;
	return 0;
}
