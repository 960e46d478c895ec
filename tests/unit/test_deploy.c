/* test_deploy: frontline assignments' rules (core/deploy): names, the
 * check of one assignment, and its state on a day. Worked by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/deploy.h"

static void test_names(void **state)
{
	(void)state;
	enum deploy_kind k;
	assert_int_equal(deploy_kind_parse("招商一线", &k), 0);
	assert_int_equal(k, DEPLOY_FRONTLINE);
	assert_string_equal(deploy_kind_name(DEPLOY_COMMISSIONER), "commissioner");
	assert_string_equal(deploy_kind_name_zh(DEPLOY_SECONDMENT), "挂职");
	assert_int_equal(deploy_kind_parse("holiday", &k), -1);
}

static void test_check(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	struct deploy_assignment a = { DEPLOY_GRASSROOTS, 1, 2, 20260101,
				       20261231, false };
	assert_int_equal(deploy_check(&a, &e), 0);
	a.end = 20260101; /* one day */
	assert_int_equal(deploy_check(&a, &e), 0);
	a.end = 20251231;
	assert_int_equal(deploy_check(&a, &e), -1);
	assert_string_equal(e.where, "end_date");
	a.end = 20260230;
	assert_int_equal(deploy_check(&a, &e), -1);
	a.end = 20261231;
	a.working_unit = 1;
	assert_int_equal(deploy_check(&a, &e), -1);
	assert_string_equal(e.id, "same_unit");
}

static void test_states(void **state)
{
	(void)state;
	/* 2026-12-31 ends; on 2026-12-01 it is 30 days away: ending soon;
	 * on 2026-11-30, 31 days: current. */
	assert_int_equal(deploy_state_on(20260101, 20261231, 0, 20261201),
			 DEPLOY_ENDING_SOON);
	assert_int_equal(deploy_state_on(20260101, 20261231, 0, 20261130),
			 DEPLOY_CURRENT);
	assert_int_equal(deploy_state_on(20260101, 20261231, 0, 20261231),
			 DEPLOY_ENDING_SOON);
	assert_int_equal(deploy_state_on(20260101, 20261231, 0, 20270101),
			 DEPLOY_OVERDUE);
	assert_int_equal(deploy_state_on(20260101, 20261231, 0, 20251231),
			 DEPLOY_PLANNED);
	assert_int_equal(deploy_state_on(20260101, 20261231, 20260601,
					 20270101), DEPLOY_ENDED);
	assert_string_equal(deploy_state_name(DEPLOY_OVERDUE), "overdue");
	assert_string_equal(deploy_state_name_zh(DEPLOY_OVERDUE),
			    "逾期未结束");
	enum deploy_state st = DEPLOY_PLANNED;
	assert_int_equal(deploy_state_parse("ending_soon", &st), 0);
	assert_int_equal(st, DEPLOY_ENDING_SOON);
	assert_int_equal(deploy_state_parse("late", &st), -1);
	assert_int_equal(deploy_state_parse(NULL, &st), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_states),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
