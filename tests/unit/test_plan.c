/* test_plan: redeployment plans' rules (core/plan): names and the
 * routes' assignment kinds, the plan's transitions, what a decision
 * needs, and a receiving unit's free places. Worked by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/plan.h"

static void test_names(void **state)
{
	(void)state;
	enum plan_route r;
	enum deploy_kind k;
	assert_int_equal(plan_route_parse("留任", &r), 0);
	assert_int_equal(r, PLAN_STAY);
	assert_int_equal(plan_route_kind(r, &k), -1);
	assert_int_equal(plan_route_parse("frontline", &r), 0);
	assert_int_equal(plan_route_kind(r, &k), 0);
	assert_int_equal(k, DEPLOY_FRONTLINE);
	assert_int_equal(plan_route_kind(PLAN_GRASSROOTS, &k), 0);
	assert_int_equal(k, DEPLOY_GRASSROOTS);
	assert_int_equal(plan_route_parse("commissioner", &r), -1);
	assert_string_equal(plan_route_name_zh(PLAN_SECONDMENT), "挂职");
	assert_null(plan_route_name((enum plan_route)7));
	enum plan_state s;
	assert_int_equal(plan_state_parse("in_progress", &s), 0);
	assert_int_equal(s, PLAN_IN_PROGRESS);
	assert_int_equal(plan_state_parse("open", &s), -1);
}

static void test_transitions(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	assert_int_equal(plan_start_check(PLAN_DRAFT, true, &e), 0);
	assert_int_equal(plan_start_check(PLAN_DRAFT, false, &e), -1);
	assert_string_equal(e.id, "document_required");
	assert_int_equal(plan_start_check(PLAN_IN_PROGRESS, true, &e), -1);
	assert_string_equal(e.id, "invalid_transition");
	assert_int_equal(plan_close_check(PLAN_IN_PROGRESS, 0, &e), 0);
	assert_int_equal(plan_close_check(PLAN_IN_PROGRESS, 3, &e), -1);
	assert_string_equal(e.id, "entries_pending");
	assert_int_equal(plan_close_check(PLAN_DRAFT, 0, &e), -1);
	assert_string_equal(e.id, "invalid_transition");
	assert_int_equal(plan_check_editable(PLAN_DRAFT, &e), 0);
	assert_int_equal(plan_check_editable(PLAN_CLOSED, &e), -1);
	assert_int_equal(plan_check_decidable(PLAN_IN_PROGRESS, &e), 0);
	assert_int_equal(plan_check_decidable(PLAN_DRAFT, &e), -1);
	assert_string_equal(e.id, "plan_draft");
	assert_int_equal(plan_check_decidable(PLAN_CLOSED, &e), -1);
	assert_string_equal(e.id, "plan_closed");
}

static void test_decision(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	struct plan_decision d = { PLAN_FRONTLINE, 1, 2, true, 20260301,
				   20260315, 20270314 };
	assert_int_equal(plan_decision_check(&d, &e), 0);
	d.has_document = false;
	assert_int_equal(plan_decision_check(&d, &e), -1);
	assert_string_equal(e.where, "document");
	d.has_document = true;
	d.receiving_unit = 0;
	assert_int_equal(plan_decision_check(&d, &e), -1);
	assert_string_equal(e.id, "receiving_unit_required");
	d.receiving_unit = 1;
	assert_int_equal(plan_decision_check(&d, &e), -1);
	assert_string_equal(e.id, "same_unit");
	d.receiving_unit = 2;
	d.end = 20260314; /* the day before the start */
	assert_int_equal(plan_decision_check(&d, &e), -1);
	assert_string_equal(e.where, "end_date");
	d.end = 20260315; /* one day */
	assert_int_equal(plan_decision_check(&d, &e), 0);
	d.decided_on = 20260230;
	assert_int_equal(plan_decision_check(&d, &e), -1);
	assert_string_equal(e.where, "decided_on");
	/* Stay: no receiving unit, no period. */
	struct plan_decision stay = { PLAN_STAY, 1, 0, true, 20260301, 0, 0 };
	assert_int_equal(plan_decision_check(&stay, &e), 0);
	stay.receiving_unit = 2;
	assert_int_equal(plan_decision_check(&stay, &e), -1);
	assert_string_equal(e.where, "receiving_unit_id");
}

static void test_places(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	bool over = true;
	/* 10 approved, 7 filled, 2 in on assignment: 1 free. */
	struct plan_places p = { 10, 7, 2 };
	assert_int_equal(plan_places_free(&p), 1);
	assert_int_equal(plan_places_check("园区", "civil servant quota", &p,
					   false, NULL, &over, &e), 0);
	assert_false(over);
	p.in = 3; /* none free */
	assert_int_equal(plan_places_free(&p), 0);
	assert_int_equal(plan_places_check("园区", "civil servant quota", &p,
					   false, NULL, &over, &e), -1);
	assert_string_equal(e.id, "quota_exceeded");
	assert_string_equal(e.where, "receiving_unit_id");
	assert_int_equal(plan_places_check("园区", "civil servant quota", &p,
					   true, "  ", &over, &e), -1);
	assert_string_equal(e.id, "reason_required");
	assert_int_equal(plan_places_check("园区", "civil servant quota", &p,
					   true, "招商攻坚急需", &over, &e), 0);
	assert_true(over);
	p.in = 9; /* already 6 beyond: still never below zero */
	assert_int_equal(plan_places_free(&p), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_decision),
		cmocka_unit_test(test_places),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
