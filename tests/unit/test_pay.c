/* test_pay: the rules of the parallel pay scale (core/pay): sequence
 * names, grades, positions, assignments' pay and periods, and the
 * report's figures. Expected values are worked out by hand in the
 * comments. No I/O. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/pay.h"

static void check_err(int rc, const struct err *e, enum err_code code,
		      const char *id, const char *where)
{
	assert_int_equal(rc, -1);
	assert_int_equal(e->code, code);
	assert_string_equal(e->id, id);
	assert_string_equal(e->where, where);
}

static void test_names(void **state)
{
	(void)state;
	enum pay_sequence s;
	assert_string_equal(pay_sequence_name(PAY_SEQUENCE_CIVILIAN), "civilian");
	assert_string_equal(pay_sequence_name_zh(PAY_SEQUENCE_TECHNICAL), "技术");
	assert_string_equal(pay_sequence_name_zh(PAY_SEQUENCE_OTHER), "其它");
	assert_null(pay_sequence_name((enum pay_sequence)PAY_SEQUENCE_COUNT));
	assert_int_equal(pay_sequence_parse("文职", &s), 0);
	assert_int_equal(s, PAY_SEQUENCE_CIVILIAN);
	assert_int_equal(pay_sequence_parse("other", &s), 0);
	assert_int_equal(s, PAY_SEQUENCE_OTHER);
	assert_int_equal(pay_sequence_parse("其他", &s), -1); /* 它, not 他 */
	assert_int_equal(pay_sequence_parse(NULL, &s), -1);
}

static void test_grades(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	/* The "other" sequence of the seed: 1,950 to 5,100 yuan in 8 grades
	 * (the middle ones evenly spaced by 450 yuan, rounded to 100). */
	struct pay_grade g[8] = {
		{ 1, 195000 }, { 2, 240000 }, { 3, 290000 }, { 4, 330000 },
		{ 5, 380000 }, { 6, 420000 }, { 7, 470000 }, { 8, 510000 } };
	assert_int_equal(pay_check_grades(g, 8, &e), 0);
	assert_int_equal(pay_check_grades(g, 1, &e), 0);
	check_err(pay_check_grades(g, 0, &e), &e, ERR_INVALID, "invalid_field",
		  "grades");
	/* Equal to the grade below: not rising, at the 4th entry. */
	g[3].monthly_fen = 290000;
	check_err(pay_check_grades(g, 8, &e), &e, ERR_INVALID,
		  "grades_not_rising", "grades[3].monthly_fen");
	g[3].monthly_fen = 280000; /* falling */
	check_err(pay_check_grades(g, 8, &e), &e, ERR_INVALID,
		  "grades_not_rising", "grades[3].monthly_fen");
	g[3].monthly_fen = 330000;
	/* Grades 1..n in order: a gap, a repeat, a start at 0. */
	g[5].grade = 7;
	check_err(pay_check_grades(g, 8, &e), &e, ERR_INVALID, "invalid_field",
		  "grades[5].grade");
	g[5].grade = 6;
	g[0].grade = 0;
	check_err(pay_check_grades(g, 8, &e), &e, ERR_INVALID, "invalid_field",
		  "grades[0].grade");
	g[0].grade = 1;
	g[0].monthly_fen = 0;
	check_err(pay_check_grades(g, 8, &e), &e, ERR_INVALID, "invalid_field",
		  "grades[0].monthly_fen");
	g[0].monthly_fen = PAY_MONTHLY_MAX + 1;
	check_err(pay_check_grades(g, 1, &e), &e, ERR_INVALID, "invalid_field",
		  "grades[0].monthly_fen");
	/* Two-digit indexes are written whole. */
	struct pay_grade many[PAY_GRADES_MAX + 1];
	for (int i = 0; i <= PAY_GRADES_MAX; i++)
		many[i] = (struct pay_grade){ i + 1, 100000 + i * 1000 };
	assert_int_equal(pay_check_grades(many, PAY_GRADES_MAX, &e), 0);
	check_err(pay_check_grades(many, PAY_GRADES_MAX + 1, &e), &e,
		  ERR_INVALID, "invalid_field", "grades");
	many[12].monthly_fen = 1;
	check_err(pay_check_grades(many, 20, &e), &e, ERR_INVALID,
		  "grades_not_rising", "grades[12].monthly_fen");
}

static void test_positions(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	/* A civilian position over grades 4..8 of 11. */
	struct pay_position p = { "行政主管", 4, false, 4, 8, true };
	assert_int_equal(pay_check_position(&p, 11, &e), 0);
	/* One grade wide is a range too. */
	p.max_grade = 4;
	assert_int_equal(pay_check_position(&p, 11, &e), 0);
	p.max_grade = 3; /* below its lowest */
	check_err(pay_check_position(&p, 11, &e), &e, ERR_INVALID,
		  "invalid_field", "max_grade");
	p.max_grade = 12; /* beyond the sequence's 11 */
	check_err(pay_check_position(&p, 11, &e), &e, ERR_INVALID,
		  "invalid_field", "max_grade");
	assert_non_null(strstr(e.msg, "to 11"));
	p.max_grade = 8;
	p.min_grade = 0;
	check_err(pay_check_position(&p, 11, &e), &e, ERR_INVALID,
		  "invalid_field", "min_grade");
	p.min_grade = 4;
	check_err(pay_check_position(&p, 0, &e), &e, ERR_INVALID, "no_grades",
		  "sequence_id");
	p.level = 0;
	check_err(pay_check_position(&p, 11, &e), &e, ERR_INVALID,
		  "invalid_field", "level");
	/* The special administrative commissioner: negotiated, no range, no
	 * rank, even in a sequence without grades. */
	struct pay_position s = { "特级行政专员", 8, true, 0, 0, false };
	assert_int_equal(pay_check_position(&s, 11, &e), 0);
	assert_int_equal(pay_check_position(&s, 0, &e), 0);
	s.max_grade = 11;
	check_err(pay_check_position(&s, 11, &e), &e, ERR_INVALID,
		  "invalid_field", "max_grade");
	s.max_grade = 0;
	s.has_rank = true;
	check_err(pay_check_position(&s, 11, &e), &e, ERR_INVALID,
		  "invalid_field", "comparable_rank");
}

static void test_amounts(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	struct pay_position p = { "行政主管", 4, false, 4, 8, true };
	struct pay_amount a = { 4, 0 };
	/* Both ends of the range are in it. */
	assert_int_equal(pay_check_amount(&p, &a, &e), 0);
	a.grade = 8;
	assert_int_equal(pay_check_amount(&p, &a, &e), 0);
	a.grade = 9;
	check_err(pay_check_amount(&p, &a, &e), &e, ERR_INVALID,
		  "grade_out_of_range", "pay_grade");
	assert_non_null(strstr(e.msg, "行政主管 has grades 4 to 8"));
	a.grade = 3;
	check_err(pay_check_amount(&p, &a, &e), &e, ERR_INVALID,
		  "grade_out_of_range", "pay_grade");
	a.grade = 0;
	check_err(pay_check_amount(&p, &a, &e), &e, ERR_INVALID,
		  "missing_field", "pay_grade");
	/* Negotiated pay on a graded position, with or without a grade. */
	a.negotiated_fen = 2000000;
	check_err(pay_check_amount(&p, &a, &e), &e, ERR_INVALID,
		  "negotiated_not_allowed", "negotiated_fen");
	a.grade = 5;
	check_err(pay_check_amount(&p, &a, &e), &e, ERR_INVALID,
		  "negotiated_not_allowed", "negotiated_fen");

	struct pay_position s = { "特级技术顾问", 8, true, 0, 0, false };
	check_err(pay_check_amount(&s, &a, &e), &e, ERR_INVALID,
		  "grade_not_allowed", "pay_grade");
	a.grade = 0;
	assert_int_equal(pay_check_amount(&s, &a, &e), 0);
	a.negotiated_fen = 0;
	check_err(pay_check_amount(&s, &a, &e), &e, ERR_INVALID,
		  "missing_field", "negotiated_fen");
	a.negotiated_fen = -1;
	check_err(pay_check_amount(&s, &a, &e), &e, ERR_INVALID,
		  "invalid_field", "negotiated_fen");
	a.negotiated_fen = PAY_MONTHLY_MAX;
	assert_int_equal(pay_check_amount(&s, &a, &e), 0);
	a.negotiated_fen = PAY_MONTHLY_MAX + 1;
	check_err(pay_check_amount(&s, &a, &e), &e, ERR_INVALID,
		  "invalid_field", "negotiated_fen");
}

static void test_periods(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	assert_int_equal(pay_check_period(20260101, 0, &e), 0);
	/* One day: the start is the end. */
	assert_int_equal(pay_check_period(20260101, 20260101, &e), 0);
	check_err(pay_check_period(20260101, 20251231, &e), &e, ERR_INVALID,
		  "invalid_date", "end_date");
	check_err(pay_check_period(20250229, 0, &e), &e, ERR_INVALID,
		  "invalid_date", "start_date");
	check_err(pay_check_period(20260101, 20260230, &e), &e, ERR_INVALID,
		  "invalid_date", "end_date");
}

static void test_stats(void **state)
{
	(void)state;
	struct pay_stats st;
	/* None: all zero, the caller shows null. */
	pay_stats(NULL, 0, &st);
	assert_int_equal(st.count, 0);
	assert_int_equal(st.median, 0);
	/* One value is min, median and max. */
	int64_t one[] = { 860000 };
	pay_stats(one, 1, &st);
	assert_int_equal(st.count, 1);
	assert_int_equal(st.min, 860000);
	assert_int_equal(st.median, 860000);
	assert_int_equal(st.max, 860000);
	/* Three civil servants, unsorted: 10,500, 8,000 and 9,000 yuan;
	 * sorted 8,000 9,000 10,500: the median is the middle, 9,000. */
	int64_t three[] = { 1050000, 800000, 900000 };
	pay_stats(three, 3, &st);
	assert_int_equal(st.count, 3);
	assert_int_equal(st.min, 800000);
	assert_int_equal(st.median, 900000);
	assert_int_equal(st.max, 1050000);
	assert_int_equal(three[0], 800000); /* sorted in place */
	/* Even count: (810,000 + 920,000) / 2 = 865,000 exactly. */
	int64_t two[] = { 920000, 810000 };
	pay_stats(two, 2, &st);
	assert_int_equal(st.median, 865000);
	/* Half a fen rounds up: (100 + 101) / 2 = 100.5 → 101; of four
	 * values 1, 100, 101, 5000 the middle two are 100 and 101. */
	int64_t four[] = { 5000, 101, 1, 100 };
	pay_stats(four, 4, &st);
	assert_int_equal(st.min, 1);
	assert_int_equal(st.median, 101);
	assert_int_equal(st.max, 5000);
	/* Up, not away from zero: (-101 + -100) / 2 = -100.5 → -100
	 * (differences can be negative). */
	int64_t neg[] = { -100, -101 };
	pay_stats(neg, 2, &st);
	assert_int_equal(st.median, -100);
	/* Equal values; and the largest pays without overflow:
	 * (PAY_MONTHLY_MAX - 1 + PAY_MONTHLY_MAX) / 2 = 99,999,999.5
	 * → 100,000,000. */
	int64_t same[] = { 7, 7, 7, 7 };
	pay_stats(same, 4, &st);
	assert_int_equal(st.median, 7);
	int64_t big[] = { PAY_MONTHLY_MAX, PAY_MONTHLY_MAX - 1 };
	pay_stats(big, 2, &st);
	assert_int_equal(st.median, PAY_MONTHLY_MAX);
	int64_t huge[] = { INT64_MAX - 2, INT64_MAX - 1 };
	pay_stats(huge, 2, &st);
	assert_true(st.median == INT64_MAX - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_grades),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_stats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
