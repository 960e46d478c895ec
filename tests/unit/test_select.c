/* test_select: open selection's rules (core/select): education levels,
 * eligibility with every reason, ranking through the engine with its ties,
 * and the shortlist with ties at the cut. Expected values worked by hand
 * in the comments. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/select.h"

static void test_education(void **state)
{
	(void)state;
	enum select_edu l;
	assert_int_equal(select_edu_of("11"), SELECT_EDU_DOCTOR);
	assert_int_equal(select_edu_of("14"), SELECT_EDU_MASTER);
	/* 硕士研究生结业: no master's degree, admitted with a bachelor's */
	assert_int_equal(select_edu_of("15"), SELECT_EDU_BACHELOR);
	assert_int_equal(select_edu_of("21"), SELECT_EDU_BACHELOR);
	assert_int_equal(select_edu_of("23"), SELECT_EDU_OTHER);
	assert_int_equal(select_edu_of("31"), SELECT_EDU_COLLEGE);
	assert_int_equal(select_edu_of(NULL), SELECT_EDU_OTHER);
	assert_int_equal(select_edu_parse("硕士研究生", &l), 0);
	assert_int_equal(l, SELECT_EDU_MASTER);
	assert_int_equal(select_edu_parse("phd", &l), -1);
}

static void test_rules_check(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	struct select_rules r;
	select_rules_none(&r);
	assert_int_equal(select_rules_check(&r, &e), 0);
	r.age_min = 30;
	r.age_max = 25;
	assert_int_equal(select_rules_check(&r, &e), -1);
	assert_string_equal(e.where, "age_max");
	select_rules_none(&r);
	/* principal_4 or above, but at most principal_1: fine; at most
	 * principal_4 and at least principal_1: the highest is below. */
	r.rank_lowest = STAFFING_RANK_PRINCIPAL_4;
	r.rank_highest = STAFFING_RANK_PRINCIPAL_1;
	assert_int_equal(select_rules_check(&r, &e), 0);
	r.rank_lowest = STAFFING_RANK_PRINCIPAL_1;
	r.rank_highest = STAFFING_RANK_PRINCIPAL_4;
	assert_int_equal(select_rules_check(&r, &e), -1);
	assert_string_equal(e.where, "rank_highest");
	err_clear(&e);
}

static void test_eligibility(void **state)
{
	(void)state;
	struct select_rules r;
	struct select_facts f;
	select_rules_none(&r);
	/* Hengqin's post: at most 35 on 2026-12-01, principal_4 to
	 * principal_1 for two full years, a bachelor's degree, civil
	 * servants only. */
	r.age_max = 35;
	r.rank_lowest = STAFFING_RANK_PRINCIPAL_4;
	r.rank_highest = STAFFING_RANK_PRINCIPAL_1;
	r.years_min = 2;
	r.education = SELECT_EDU_BACHELOR;
	r.staff_types = 1u << ORG_STAFF_CIVIL_SERVANT;
	struct select_applicant a = {
		.birth = 19911201, .rank = STAFFING_RANK_PRINCIPAL_3,
		.rank_since = 20241201, .education = "21",
		.has_staff_type = true, .staff_type = ORG_STAFF_CIVIL_SERVANT };
	/* Born 1991-12-01: 35 on 2026-12-01 exactly; two years on the
	 * rank exactly. */
	assert_int_equal(select_check(&r, &a, 20261201, &f), 0);
	assert_int_equal(f.age, 35);
	assert_int_equal(f.years, 2);
	/* Born a day earlier: 36 on 2026-12-01 (turned 36 that day). */
	a.birth = 19901201;
	assert_int_equal(select_check(&r, &a, 20261201, &f),
			 1u << SELECT_TOO_OLD);
	a.birth = 19911202; /* 34 */
	a.rank_since = 20241202; /* one year and 364 days */
	assert_int_equal(select_check(&r, &a, 20261201, &f),
			 1u << SELECT_YEARS_SHORT);
	assert_int_equal(f.years, 1);
	a.rank_since = 20200101;
	a.rank = STAFFING_RANK_CLERK_1;
	assert_int_equal(select_check(&r, &a, 20261201, &f),
			 1u << SELECT_RANK_LOW);
	a.rank = STAFFING_RANK_RESEARCHER_4;
	assert_int_equal(select_check(&r, &a, 20261201, &f),
			 1u << SELECT_RANK_HIGH);
	/* No rank: no_rank, and the years are not known either. */
	a.rank = STAFFING_RANK_NONE;
	a.education = "31";
	a.staff_type = ORG_STAFF_DISPATCHED;
	assert_int_equal(select_check(&r, &a, 20261201, &f),
			 1u << SELECT_NO_RANK | 1u << SELECT_YEARS_SHORT |
				 1u << SELECT_EDUCATION |
				 1u << SELECT_STAFF_TYPE);
	assert_int_equal(f.years, -1);

	/* TEDA's graduates: a master's from a 211 school, 30 or under. */
	select_rules_none(&r);
	r.age_max = 30;
	r.education = SELECT_EDU_MASTER;
	r.tier = SELECT_TIER_211;
	struct select_applicant g = { .birth = 20000301, .rank =
					      STAFFING_RANK_NONE,
				      .education = "14", .school_tier = "985" };
	assert_int_equal(select_check(&r, &g, 20261201, &f), 0);
	g.school_tier = "211";
	assert_int_equal(select_check(&r, &g, 20261201, &f), 0);
	g.school_tier = "other";
	assert_int_equal(select_check(&r, &g, 20261201, &f),
			 1u << SELECT_SCHOOL_TIER);
	r.tier = SELECT_TIER_985;
	g.school_tier = "211";
	g.education = "21";
	assert_int_equal(select_check(&r, &g, 20261201, &f),
			 1u << SELECT_EDUCATION | 1u << SELECT_SCHOOL_TIER);
	g.school_tier = NULL;
	assert_int_equal(select_check(&r, &g, 20261201, &f),
			 1u << SELECT_EDUCATION | 1u << SELECT_SCHOOL_TIER);
}

static void test_rank(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	/* Post 0, written 40%, interview 60%:
	 *   a: 80, 90 -> 32 + 54 = 86
	 *   b: 90, 83.3333 -> 36 + 50 = 86 (interview rounded to 83.3333:
	 *      0.6 x 83.3333 = 49.99998, total 85.99998 -> 86.0000)
	 *   c: 90, 83.3333 -> 86, the same as b: the application id decides
	 *   d: 70, none -> 28 (a missing interview counts 0)
	 * Order: b and c tie on total and written and interview, b before c
	 * by id; both before a (86 too, but written 80 < 90); then d.
	 * Competition ranks 1, 1, 1, 4. Post 1: e alone. */
	struct select_entry v[] = {
		{ "a", 0, 80, true, 90 },
		{ "c", 0, 90, true, 83.33333 },
		{ "b", 0, 90, true, 83.33333 },
		{ "d", 0, 70, false, 0 },
		{ "e", 1, 50, true, 50 },
	};
	struct select_standing s[5];
	assert_int_equal(select_rank(v, 5, 2, 40, s, &e), 0);
	assert_true(fabs(s[0].total - 86) < 1e-9);
	assert_true(fabs(s[2].interview - 83.3333) < 1e-9);
	assert_int_equal(s[2].place, 1); /* b */
	assert_int_equal(s[1].place, 2); /* c */
	assert_int_equal(s[0].place, 3); /* a */
	assert_int_equal(s[3].place, 4); /* d */
	assert_int_equal(s[0].rank, 1);
	assert_int_equal(s[1].rank, 1);
	assert_int_equal(s[3].rank, 4);
	assert_true(fabs(s[3].total - 28) < 1e-9);
	assert_true(s[3].missing_interview);
	assert_int_equal(s[4].place, 1);
	assert_int_equal(s[4].rank, 1);
	assert_true(fabs(s[4].total - 50) < 1e-9);

	/* The written exam alone: b, c (90), a (80), d (70). */
	assert_int_equal(select_rank(v, 5, 2, 100, s, &e), 0);
	assert_int_equal(s[2].place, 1);
	assert_int_equal(s[1].place, 2);
	assert_int_equal(s[1].rank, 1);
	assert_int_equal(s[0].place, 3);
	assert_int_equal(s[0].rank, 3);

	/* A score out of range is refused, naming the application. */
	v[3].written = 101;
	assert_int_equal(select_rank(v, 5, 2, 40, s, &e), -1);
	assert_string_equal(e.where, "d");
	err_clear(&e);
	v[3].written = 70;
	assert_int_equal(select_rank(v, 5, 2, 0, s, &e), -1);
	err_clear(&e);
}

static void test_shortlist(void **state)
{
	(void)state;
	/* One place at 1:3: places 1-3 go through; the 4th with the total
	 * of the 3rd goes too, the 5th below it does not. */
	struct select_standing s = { .total = 80, .place = 3 };
	assert_true(select_shortlisted(&s, 1, 3, 80));
	s.place = 4;
	assert_true(select_shortlisted(&s, 1, 3, 80));
	s.total = 79.9999;
	s.place = 5;
	assert_false(select_shortlisted(&s, 1, 3, 80));
	/* Fewer applicants than places x ratio: everyone. */
	assert_true(select_shortlisted(&s, 2, 3, NAN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_education),
		cmocka_unit_test(test_rules_check),
		cmocka_unit_test(test_eligibility),
		cmocka_unit_test(test_rank),
		cmocka_unit_test(test_shortlist),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
