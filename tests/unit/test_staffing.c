/* test_staffing: dates (core/day) and the rules of employments and
 * service contracts (core/staffing). Expected values are worked out by
 * hand in the comments. No I/O. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/day.h"
#include "core/staffing.h"

static void test_day_parse(void **state)
{
	(void)state;
	int d = 0;
	assert_int_equal(day_parse("2024-02-29", &d), 0);
	assert_int_equal(d, 20240229);
	/* 2025 is not a leap year; 1900 is not (divisible by 100 not 400);
	 * 2000 is. */
	assert_int_equal(day_parse("2025-02-29", &d), -1);
	assert_int_equal(day_parse("1900-02-29", &d), -1);
	assert_int_equal(day_parse("2000-02-29", &d), 0);
	assert_int_equal(day_parse("2024-04-31", &d), -1);
	assert_int_equal(day_parse("2024-13-01", &d), -1);
	assert_int_equal(day_parse("2024-00-10", &d), -1);
	assert_int_equal(day_parse("2024-1-01", &d), -1);
	assert_int_equal(day_parse("2024-01-01 ", &d), -1);
	assert_int_equal(day_parse("2024/01/01", &d), -1);
	assert_int_equal(day_parse("", &d), -1);
	assert_int_equal(day_parse(NULL, &d), -1);
	char out[DAY_TEXT_LEN + 1];
	day_format(20260301, out);
	assert_string_equal(out, "2026-03-01");
	day_format(10000101, out);
	assert_string_equal(out, "1000-01-01");
}

static void test_day_arithmetic(void **state)
{
	(void)state;
	/* Across a month, a leap day, a year, and back. */
	assert_int_equal(day_add(20260131, 1), 20260201);
	assert_int_equal(day_add(20240228, 1), 20240229);
	assert_int_equal(day_add(20240229, 1), 20240301);
	assert_int_equal(day_add(20230228, 1), 20230301);
	assert_int_equal(day_add(20251231, 1), 20260101);
	assert_int_equal(day_add(20260101, -1), 20251231);
	/* 2024 has 366 days. */
	assert_int_equal(day_add(20240101, 366), 20250101);
	/* 1970-01-01 + 20000 days: 54 years (1970..2023) hold 13 leap days
	 * (1972..2020), 54 * 365 + 13 = 19723 days to 2024-01-01; 277 more:
	 * Jan 31, Feb 29 (60), Mar 31 (91), Apr 30 (121), May 31 (152),
	 * Jun 30 (182), Jul 31 (213), Aug 31 (244), Sep 30 (274) → day 278
	 * of 2024 is 2024-10-04. */
	assert_int_equal(day_add(19700101, 20000), 20241004);
	assert_int_equal(day_diff(19700101, 20241004), 20000);
	assert_int_equal(day_diff(20240301, 20240228), -2); /* leap day */
	/* Ages: the birthday itself counts, the day before does not. */
	assert_int_equal(day_years(19900307, 20260307), 36);
	assert_int_equal(day_years(19900307, 20260306), 35);
	assert_int_equal(day_years(20000229, 20260228), 25);
	assert_int_equal(day_years(20000229, 20260301), 26);
}

static void test_names(void **state)
{
	(void)state;
	enum staffing_rank r;
	assert_string_equal(staffing_rank_name(STAFFING_RANK_PRINCIPAL_4),
			    "principal_4");
	assert_string_equal(staffing_rank_name_zh(STAFFING_RANK_PRINCIPAL_4),
			    "四级主任科员");
	assert_null(staffing_rank_name(STAFFING_RANK_NONE));
	assert_int_equal(staffing_rank_parse("一级科员", &r), 0);
	assert_int_equal(r, STAFFING_RANK_CLERK_1);
	assert_int_equal(staffing_rank_parse("clerk_3", &r), -1);
	enum staffing_agency_kind k;
	assert_int_equal(staffing_agency_kind_parse("社会服务中心", &k), 0);
	assert_int_equal(k, STAFFING_AGENCY_CENTRE);
	assert_true(staffing_purchased(ORG_STAFF_DISPATCHED));
	assert_true(staffing_purchased(ORG_STAFF_SOCIAL_WORKER));
	assert_false(staffing_purchased(ORG_STAFF_SELF_SET));
	assert_false(staffing_purchased(ORG_STAFF_SECONDED));
}

static void test_periods(void **state)
{
	(void)state;
	/* Both ends count. */
	assert_true(staffing_active(20240101, 20241231, 20241231));
	assert_false(staffing_active(20240101, 20241231, 20250101));
	assert_true(staffing_active(20240101, 0, 20990101));
	assert_false(staffing_active(20240101, 0, 20231231));
	/* Touching on one day overlaps; the next day does not. */
	assert_true(staffing_overlap(20240101, 20240630, 20240630, 0));
	assert_false(staffing_overlap(20240101, 20240630, 20240701, 0));
	assert_true(staffing_overlap(20240101, 0, 20300101, 20300102));
	assert_false(staffing_overlap(20250101, 0, 20240101, 20241231));
}

static struct staffing_employment job(enum org_staff_type t)
{
	return (struct staffing_employment){
		.staff_type = t, .rank = STAFFING_RANK_NONE,
		.monthly_pay_fen = -1, .start = 20240101 };
}

static void check_bad(const struct staffing_employment *m, const char *id,
		      const char *where)
{
	struct err e = ERR_INIT;
	assert_int_equal(staffing_employment_check(m, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.id, id);
	assert_string_equal(e.where, where);
}

static void test_employment_check(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	struct staffing_employment m = job(ORG_STAFF_CIVIL_SERVANT);
	m.rank = STAFFING_RANK_CLERK_1;
	m.monthly_pay_fen = 650000;
	assert_int_equal(staffing_employment_check(&m, &e), 0);
	m.end = 20231231;
	check_bad(&m, "invalid_date", "end_date");
	m.end = 20240230;
	check_bad(&m, "invalid_date", "end_date");
	m.end = 20240101; /* one day in post */
	assert_int_equal(staffing_employment_check(&m, &e), 0);
	m.has_contract = true;
	check_bad(&m, "invalid_field", "contract_id");
	m = job(ORG_STAFF_SELF_SET);
	m.concurrent = true; /* a role with no leader post: allowed */
	assert_int_equal(staffing_employment_check(&m, &e), 0);
	m.has_post = true;
	m.post_level = ORG_LEVEL_SECTION_CHIEF;
	assert_int_equal(staffing_employment_check(&m, &e), 0);
	m = job(ORG_STAFF_PUBLIC_INSTITUTION);
	m.monthly_pay_fen = STAFFING_PAY_MAX + 1;
	check_bad(&m, "invalid_field", "monthly_pay_fen");

	m = job(ORG_STAFF_DISPATCHED);
	check_bad(&m, "contract_required", "contract_id");
	m.has_contract = true;
	assert_int_equal(staffing_employment_check(&m, &e), 0);
	m.rank = STAFFING_RANK_CLERK_2;
	check_bad(&m, "invalid_field", "rank");
	m.rank = STAFFING_RANK_NONE;
	m.monthly_pay_fen = 500000;
	check_bad(&m, "invalid_field", "monthly_pay_fen");
}

static void test_lines(void **state)
{
	(void)state;
	struct org_line l[2];
	struct staffing_employment m = job(ORG_STAFF_CIVIL_SERVANT);
	assert_int_equal(staffing_lines(&m, l), 1);
	assert_int_equal(l[0].kind, ORG_LINE_STAFF);
	m.has_post = true;
	m.post_level = ORG_LEVEL_DIVISION_DEPUTY;
	assert_int_equal(staffing_lines(&m, l), 2);
	assert_int_equal(l[1].kind, ORG_LINE_POST);
	assert_int_equal(l[1].level, ORG_LEVEL_DIVISION_DEPUTY);
	m.concurrent = true; /* the post only */
	assert_int_equal(staffing_lines(&m, l), 1);
	assert_int_equal(l[0].kind, ORG_LINE_POST);
	m.has_post = false; /* a concurrent role holds no place */
	assert_int_equal(staffing_lines(&m, l), 0);
}

static void test_contracts(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	struct staffing_contract c = { ORG_STAFF_SOCIAL_WORKER, 72, 0,
				       20260101, 20261231 };
	assert_int_equal(staffing_contract_check(&c, &e), 0);
	c.headcount = 0;
	assert_int_equal(staffing_contract_check(&c, &e), -1);
	assert_string_equal(e.where, "headcount");
	c.headcount = 72;
	c.staff_type = ORG_STAFF_CIVIL_SERVANT;
	assert_int_equal(staffing_contract_check(&c, &e), -1);
	assert_string_equal(e.where, "staff_type");
	c.staff_type = ORG_STAFF_DISPATCHED;
	c.end = 0;
	assert_int_equal(staffing_contract_check(&c, &e), -1);
	assert_string_equal(e.where, "end_date");
	c.end = 20261231;
	c.price_fen = -1;
	assert_int_equal(staffing_contract_check(&c, &e), -1);
	assert_string_equal(e.where, "price_fen");
	c.price_fen = 0;
	/* Fits: within the period, 71 taken of 72. */
	assert_int_equal(staffing_contract_fits(&c, "K-1", 20260101, 20261231,
						71, &e), 0);
	assert_int_equal(staffing_contract_fits(&c, "K-1", 20260101, 20261231,
						72, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.id, "contract_full");
	assert_int_equal(staffing_contract_fits(&c, "K-1", 20251231, 20261231,
						0, &e), -1);
	assert_string_equal(e.where, "start_date");
	assert_int_equal(staffing_contract_fits(&c, "K-1", 20260101, 0, 0, &e),
			 -1);
	assert_string_equal(e.id, "outside_contract");
	assert_string_equal(e.where, "end_date");
	assert_non_null(strstr(e.msg, "2026-01-01 to 2026-12-31"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_parse),
		cmocka_unit_test(test_day_arithmetic),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_employment_check),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_contracts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
