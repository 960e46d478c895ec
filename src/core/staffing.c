/* staffing: name tables and the checks of employments and contracts.
 * Must not count people or read a clock: the caller passes both. */
#include "staffing.h"

#include <string.h>

#include "core/day.h"

struct staffing_names {
	const char *id, *zh, *noun;
};

static const struct staffing_names staffing_ranks[STAFFING_RANK_COUNT] = {
	{ "inspector_1", "一级巡视员", "first-grade inspector" },
	{ "inspector_2", "二级巡视员", "second-grade inspector" },
	{ "researcher_1", "一级调研员", "first-grade researcher" },
	{ "researcher_2", "二级调研员", "second-grade researcher" },
	{ "researcher_3", "三级调研员", "third-grade researcher" },
	{ "researcher_4", "四级调研员", "fourth-grade researcher" },
	{ "principal_1", "一级主任科员", "first-grade principal staff member" },
	{ "principal_2", "二级主任科员", "second-grade principal staff member" },
	{ "principal_3", "三级主任科员", "third-grade principal staff member" },
	{ "principal_4", "四级主任科员", "fourth-grade principal staff member" },
	{ "clerk_1", "一级科员", "first-grade staff member" },
	{ "clerk_2", "二级科员", "second-grade staff member" },
};

static const struct staffing_names
	staffing_agencies[STAFFING_AGENCY_KIND_COUNT] = {
	{ "staffing_company", "人才派遣公司", "staffing company" },
	{ "social_service_centre", "社会服务中心", "social service centre" },
};

static const struct staffing_names *staffing_rank_at(enum staffing_rank r)
{
	return (unsigned)r < STAFFING_RANK_COUNT ? &staffing_ranks[r] : NULL;
}

static const struct staffing_names *
staffing_agency_at(enum staffing_agency_kind k)
{
	return (unsigned)k < STAFFING_AGENCY_KIND_COUNT ? &staffing_agencies[k]
							: NULL;
}

#define STAFFING_FIELD(p, f) ((p) ? (p)->f : NULL)

const char *staffing_rank_name(enum staffing_rank r)
{
	return STAFFING_FIELD(staffing_rank_at(r), id);
}

const char *staffing_rank_name_zh(enum staffing_rank r)
{
	return STAFFING_FIELD(staffing_rank_at(r), zh);
}

const char *staffing_rank_noun(enum staffing_rank r)
{
	return STAFFING_FIELD(staffing_rank_at(r), noun);
}

const char *staffing_agency_kind_name(enum staffing_agency_kind k)
{
	return STAFFING_FIELD(staffing_agency_at(k), id);
}

const char *staffing_agency_kind_name_zh(enum staffing_agency_kind k)
{
	return STAFFING_FIELD(staffing_agency_at(k), zh);
}

/* The index of the entry whose id or Chinese name is s; -1 if none. */
static int staffing_find(const struct staffing_names *t, int n, const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(s, t[i].id) == 0 || strcmp(s, t[i].zh) == 0)
			return i;
	return -1;
}

int staffing_rank_parse(const char *s, enum staffing_rank *out)
{
	int i = staffing_find(staffing_ranks, STAFFING_RANK_COUNT, s);
	if (i < 0)
		return -1;
	*out = (enum staffing_rank)i;
	return 0;
}

int staffing_agency_kind_parse(const char *s, enum staffing_agency_kind *out)
{
	int i = staffing_find(staffing_agencies, STAFFING_AGENCY_KIND_COUNT, s);
	if (i < 0)
		return -1;
	*out = (enum staffing_agency_kind)i;
	return 0;
}

bool staffing_purchased(enum org_staff_type t)
{
	return t == ORG_STAFF_DISPATCHED || t == ORG_STAFF_SOCIAL_WORKER;
}

bool staffing_active(int start, int end, int day)
{
	return start <= day && (end == 0 || day <= end);
}

bool staffing_overlap(int start1, int end1, int start2, int end2)
{
	return (end2 == 0 || start1 <= end2) && (end1 == 0 || start2 <= end1);
}

/* start a real date, end 0 or a real date not before it. */
static int staffing_period_check(int start, int end, struct err *e)
{
	if (!day_valid(start))
		return err_set_at(e, ERR_INVALID, "invalid_date", "start_date",
				  "the start date is written yyyy-mm-dd, e.g. "
				  "2024-03-01");
	if (end != 0 && !day_valid(end))
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "the end date is written yyyy-mm-dd, e.g. "
				  "2026-12-31");
	if (end != 0 && end < start)
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "the end date is before the start date");
	return 0;
}

static int staffing_purchase_check(const struct staffing_employment *m,
				   struct err *e)
{
	const char *noun = org_staff_type_noun(m->staff_type);
	if (!m->has_contract)
		return err_set_at(e, ERR_INVALID, "contract_required",
				  "contract_id", "%s are bought as a service: "
				  "name the service contract they work under",
				  noun);
	if (m->rank != STAFFING_RANK_NONE)
		return err_set_at(e, ERR_INVALID, "invalid_field", "rank",
				  "%s have no civil-servant rank (their level "
				  "is a position on the pay scale)", noun);
	if (m->monthly_pay_fen >= 0)
		return err_set_at(e, ERR_INVALID, "invalid_field",
				  "monthly_pay_fen", "the pay of %s comes from "
				  "the pay scale, not from the employment",
				  noun);
	return 0;
}

int staffing_employment_check(const struct staffing_employment *m,
			      struct err *e)
{
	if (staffing_period_check(m->start, m->end, e) != 0)
		return -1;
	if (staffing_purchased(m->staff_type))
		return staffing_purchase_check(m, e);
	if (m->has_contract)
		return err_set_at(e, ERR_INVALID, "invalid_field",
				  "contract_id", "only dispatched staff and "
				  "social workers work under a service "
				  "contract, not %s",
				  org_staff_type_noun(m->staff_type));
	if (m->monthly_pay_fen > STAFFING_PAY_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field",
				  "monthly_pay_fen", "the monthly pay is more "
				  "than %lld fen", STAFFING_PAY_MAX);
	return 0;
}

int staffing_lines(const struct staffing_employment *m,
		   struct org_line lines[2])
{
	int n = 0;
	if (!m->concurrent)
		lines[n++] = org_staff_line(m->staff_type);
	if (m->has_post)
		lines[n++] = org_post_line(m->post_level);
	return n;
}

int staffing_contract_check(const struct staffing_contract *c,
			    struct err *e)
{
	if (!staffing_purchased(c->staff_type))
		return err_set_at(e, ERR_INVALID, "invalid_field", "staff_type",
				  "a service contract buys dispatched staff or "
				  "social workers, not %s",
				  org_staff_type_noun(c->staff_type));
	if (c->headcount < 1 || c->headcount > ORG_COUNT_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "headcount",
				  "the headcount is 1 to %d", ORG_COUNT_MAX);
	if (c->price_fen < 0 || c->price_fen > STAFFING_PRICE_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "price_fen",
				  "the price is 0 to %lld fen",
				  STAFFING_PRICE_MAX);
	if (c->end == 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "a service contract has an end date");
	return staffing_period_check(c->start, c->end, e);
}

int staffing_contract_fits(const struct staffing_contract *c,
			   const char *document, int start, int end,
			   int64_t filled, struct err *e)
{
	if (start < c->start || end == 0 || end > c->end) {
		char from[DAY_TEXT_LEN + 1], to[DAY_TEXT_LEN + 1];
		day_format(c->start, from);
		day_format(c->end, to);
		return err_set_at(e, ERR_INVALID, "outside_contract",
				  start < c->start ? "start_date" : "end_date",
				  "the service contract %s runs from %s to %s: "
				  "the employment must start and end within it",
				  document, from, to);
	}
	if (filled >= c->headcount)
		return err_set_at(e, ERR_CONFLICT, "contract_full",
				  "contract_id", "the service contract %s buys "
				  "%lld %s and all are taken on the start date",
				  document, (long long)c->headcount,
				  org_staff_type_noun(c->staff_type));
	return 0;
}
