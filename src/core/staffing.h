/* staffing: the rules of employments (S2, S4): who holds which place in
 * which unit, of which staff type, on what rank, from when to when, and
 * for purchased staff under which service contract with an agency.
 *   - civil-servant ranks (职级, the 2019 parallel post and rank rules):
 *     ids, Chinese names, English nouns, an order for comparing levels;
 *   - agency kinds: staffing company, social service centre;
 *   - which staff types are bought as a service (dispatched staff and
 *     social workers: they need a contract and have no rank);
 *   - the check of one employment and of one service contract;
 *   - periods: dates are yyyymmdd (core/day) and both ends count (the end
 *     is the last day in post); 0 as an end is "open".
 * Pure: no I/O, no clock; the caller passes dates and counts. Quotas are
 * core/org's; this module says what an employment counts against. */
#ifndef KAOHE_STAFFING_H
#define KAOHE_STAFFING_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "core/org.h"

/* Civil-servant ranks (职级), highest first. */
enum staffing_rank {
	STAFFING_RANK_INSPECTOR_1,  /* inspector_1, 一级巡视员 */
	STAFFING_RANK_INSPECTOR_2,  /* inspector_2, 二级巡视员 */
	STAFFING_RANK_RESEARCHER_1, /* researcher_1, 一级调研员 */
	STAFFING_RANK_RESEARCHER_2, /* researcher_2, 二级调研员 */
	STAFFING_RANK_RESEARCHER_3, /* researcher_3, 三级调研员 */
	STAFFING_RANK_RESEARCHER_4, /* researcher_4, 四级调研员 */
	STAFFING_RANK_PRINCIPAL_1,  /* principal_1, 一级主任科员 */
	STAFFING_RANK_PRINCIPAL_2,  /* principal_2, 二级主任科员 */
	STAFFING_RANK_PRINCIPAL_3,  /* principal_3, 三级主任科员 */
	STAFFING_RANK_PRINCIPAL_4,  /* principal_4, 四级主任科员 */
	STAFFING_RANK_CLERK_1,      /* clerk_1, 一级科员 */
	STAFFING_RANK_CLERK_2,      /* clerk_2, 二级科员 */
	STAFFING_RANK_NONE,         /* not a rank: "no rank" */
};
#define STAFFING_RANK_COUNT 12

enum staffing_agency_kind {
	STAFFING_AGENCY_COMPANY, /* staffing_company, 人才派遣公司 */
	STAFFING_AGENCY_CENTRE,  /* social_service_centre, 社会服务中心 */
};
#define STAFFING_AGENCY_KIND_COUNT 2

#define STAFFING_TITLE_MAX 60     /* characters of a post's title */
#define STAFFING_PRICE_MAX 100000000000000LL /* fen: a trillion yuan */
#define STAFFING_PAY_MAX 100000000LL /* fen a month: a million yuan */

/* The id, the Chinese name and the English noun of a value; NULL for a
 * value outside the enum (the _NONE value included). */
const char *staffing_rank_name(enum staffing_rank r);
const char *staffing_rank_name_zh(enum staffing_rank r);
const char *staffing_rank_noun(enum staffing_rank r);
const char *staffing_agency_kind_name(enum staffing_agency_kind k);
const char *staffing_agency_kind_name_zh(enum staffing_agency_kind k);
/* The value whose id is s; -1 when there is none. */
int staffing_rank_parse(const char *s, enum staffing_rank *out);
int staffing_agency_kind_parse(const char *s, enum staffing_agency_kind *out);

/* Dispatched staff and social workers are bought as a service. */
bool staffing_purchased(enum org_staff_type t);

/* Whether a period [start, end] (end 0: open) includes day. */
bool staffing_active(int start, int end, int day);
/* Whether two periods share a day. */
bool staffing_overlap(int start1, int end1, int start2, int end2);

/* One employment as given. */
struct staffing_employment {
	enum org_staff_type staff_type;
	bool has_post;            /* a leader post on a level */
	enum org_level post_level; /* when has_post */
	enum staffing_rank rank;  /* STAFFING_RANK_NONE: none */
	bool concurrent;          /* 兼任: takes no place on the staff line */
	bool has_contract;        /* under a service contract */
	int64_t monthly_pay_fen;  /* in-system pay for the pay-parity report;
				     -1: not recorded */
	int start, end;           /* yyyymmdd; end 0: open */
};

/* Checks what belongs together in one employment: real dates with end
 * not before start; purchased staff under a contract, with no rank and
 * no recorded in-system pay, and nobody else under one; pay in
 * 0..STAFFING_PAY_MAX. A concurrent employment (兼任) without a leader
 * post is a role that holds no place at all (an elected community
 * director). ERR_INVALID naming the field (start_date, end_date,
 * contract_id, rank, monthly_pay_fen). */
int staffing_employment_check(const struct staffing_employment *m,
			      struct err *e);

/* The lines of core/org an employment counts against: its staff type's
 * line unless it is concurrent, and its leader post's line if any. Fills
 * lines (at most 2) and returns how many (0 for a concurrent role with
 * no leader post). */
int staffing_lines(const struct staffing_employment *m,
		   struct org_line lines[2]);

/* One service contract: an agency provides `headcount` people of a
 * purchased staff type to a unit from start to end (both days in) for
 * price_fen in all. */
struct staffing_contract {
	enum org_staff_type staff_type;
	int64_t headcount;
	int64_t price_fen;
	int start, end;
};

/* Headcount 1..ORG_COUNT_MAX, a purchased staff type, real dates with end
 * not before start, price 0..STAFFING_PRICE_MAX. ERR_INVALID naming the
 * field. */
int staffing_contract_check(const struct staffing_contract *c,
			    struct err *e);

/* Whether an employment from start to end fits a contract: the period
 * within the contract's, and fewer than headcount others on it at start
 * (filled, counted by the caller). ERR_CONFLICT "contract_full" or
 * ERR_INVALID "outside_contract" naming the contract's document. */
int staffing_contract_fits(const struct staffing_contract *c,
			   const char *document, int start, int end,
			   int64_t filled, struct err *e);

#endif
