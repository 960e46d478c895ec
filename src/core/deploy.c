/* deploy: names and checks of assignments. */
#include "deploy.h"

#include <string.h>

#include "core/day.h"

static const struct { const char *id, *zh; } deploy_kinds[DEPLOY_KIND_COUNT] = {
	{ "secondment", "挂职" },
	{ "frontline", "招商一线" },
	{ "grassroots", "下沉基层" },
	{ "commissioner", "服务专员" },
};

const char *deploy_kind_name(enum deploy_kind k)
{
	return (unsigned)k < DEPLOY_KIND_COUNT ? deploy_kinds[k].id : NULL;
}

const char *deploy_kind_name_zh(enum deploy_kind k)
{
	return (unsigned)k < DEPLOY_KIND_COUNT ? deploy_kinds[k].zh : NULL;
}

int deploy_kind_parse(const char *s, enum deploy_kind *out)
{
	for (int i = 0; s && i < DEPLOY_KIND_COUNT; i++)
		if (!strcmp(s, deploy_kinds[i].id) ||
		    !strcmp(s, deploy_kinds[i].zh)) {
			*out = (enum deploy_kind)i;
			return 0;
		}
	return -1;
}

int deploy_check(const struct deploy_assignment *a, struct err *e)
{
	if (!day_valid(a->start))
		return err_set_at(e, ERR_INVALID, "invalid_date", "start_date",
				  "the start date is a real date written "
				  "yyyy-mm-dd");
	if (!day_valid(a->end))
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "an assignment has a planned end: a real date "
				  "written yyyy-mm-dd");
	if (a->end < a->start)
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "the end date is before the start date");
	if (a->home_unit == a->working_unit)
		return err_set_at(e, ERR_INVALID, "same_unit",
				  "working_unit_id", "the working unit is the "
				  "home unit: an assignment sends a cadre "
				  "elsewhere");
	return 0;
}

enum deploy_state deploy_state_on(int start, int end, int ended_on, int day)
{
	if (ended_on)
		return DEPLOY_ENDED;
	if (day < start)
		return DEPLOY_PLANNED;
	if (day > end)
		return DEPLOY_OVERDUE;
	if (day_add(day, DEPLOY_SOON_DAYS) >= end)
		return DEPLOY_ENDING_SOON;
	return DEPLOY_CURRENT;
}

static const struct { const char *id, *zh; }
	deploy_states[DEPLOY_STATE_COUNT] = {
	{ "planned", "未开始" },
	{ "current", "在岗" },
	{ "ending_soon", "即将到期" },
	{ "overdue", "逾期未结束" },
	{ "ended", "已结束" },
};

const char *deploy_state_name(enum deploy_state s)
{
	return (unsigned)s < DEPLOY_STATE_COUNT ? deploy_states[s].id : NULL;
}

const char *deploy_state_name_zh(enum deploy_state s)
{
	return (unsigned)s < DEPLOY_STATE_COUNT ? deploy_states[s].zh : NULL;
}

int deploy_state_parse(const char *s, enum deploy_state *out)
{
	for (int i = 0; s && i < DEPLOY_STATE_COUNT; i++)
		if (!strcmp(s, deploy_states[i].id)) {
			*out = (enum deploy_state)i;
			return 0;
		}
	return -1;
}
