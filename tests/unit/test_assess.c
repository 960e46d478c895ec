/* test_assess: the engine on inputs built in C, with every expected
 * number worked out by hand in the comments (ASSESSMENT.md sections 4-8).
 * The workbook loader is not involved: tests/golden covers the whole path. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/assess/assess.h"
#include "core/assess/assess_int.h"

/* cmocka's float assertion works in float; these numbers need double. */
#define assert_near(a, b, eps) \
	assert_true(fabs((double)(a) - (double)(b)) <= (double)(eps))

static struct assess_rule rule(enum assess_rule_kind k)
{
	return (struct assess_rule){ .kind = k, .cap = 1.0, .at_target = 1.0,
				     .min = 0.6 };
}

static double eval(const struct assess_rule *r, double a, double t,
		   const struct assess_standing *st)
{
	struct assess_leaf_trace tr = { 0 };
	assess_leaf_eval(r, a, t, st, &tr);
	return tr.s;
}

static void test_ratio(void **state)
{
	(void)state;
	struct assess_rule r = rule(ASSESS_RATIO);
	assert_near(eval(&r, 3.5, 7, NULL), 0.5, 1e-12);
	assert_near(eval(&r, 7.7, 7, NULL), 1.0, 1e-12); /* cap 1 */
	r.cap = 1.2;
	assert_near(eval(&r, 7.7, 7, NULL), 1.1, 1e-12);
	assert_near(eval(&r, -1, 7, NULL), 0.0, 1e-12); /* clamp 0 */
	r.lower_better = true;                      /* t / a */
	assert_near(eval(&r, 8, 4, NULL), 0.5, 1e-12);
	assert_near(eval(&r, 0, 4, NULL), 1.2, 1e-12); /* a <= 0: cap */
}

static void test_linear_step_threshold_score(void **state)
{
	(void)state;
	struct assess_rule r = rule(ASSESS_LINEAR);
	r.floor = 30; /* (36 - 30) / (45 - 30) = 0.4 */
	assert_near(eval(&r, 36, 45, NULL), 0.4, 1e-12);
	assert_near(eval(&r, 20, 45, NULL), 0.0, 1e-12);
	r.floor = 10; /* lower: floor above target: (7 - 10) / (4 - 10) = 0.5 */
	r.lower_better = true;
	assert_near(eval(&r, 7, 4, NULL), 0.5, 1e-12);

	r = rule(ASSESS_STEP);
	r.per_unit = 0.1; /* 1 + (3 - 5) x 0.1 = 0.8 */
	assert_near(eval(&r, 3, 5, NULL), 0.8, 1e-12);
	r.at_target = 0.9;
	r.per_unit = -0.05; /* lower: 0.9 + (7 - 5) x -0.05 = 0.8 */
	assert_near(eval(&r, 7, 5, NULL), 0.8, 1e-12);

	r = rule(ASSESS_THRESHOLD);
	assert_near(eval(&r, 5, 5, NULL), 1.0, 0);
	assert_near(eval(&r, 4.99, 5, NULL), 0.0, 0);
	r.lower_better = true;
	assert_near(eval(&r, 5, 5, NULL), 1.0, 0);
	assert_near(eval(&r, 6, 5, NULL), 0.0, 0);

	r = rule(ASSESS_SCORE);
	assert_near(eval(&r, 87, NAN, NULL), 0.87, 1e-12);
	assert_near(eval(&r, 120, NAN, NULL), 1.0, 0);
}

static void test_rank_relative(void **state)
{
	(void)state;
	struct assess_rule r = rule(ASSESS_RANK);
	struct assess_leaf_trace tr = { 0 };
	/* Rank 2 of 4 without a step: 1 - (2 - 1) / (4 - 1) x (1 - 0.6). */
	struct assess_standing second = { 2, 4, NAN };
	assess_leaf_eval(&r, 2, NAN, &second, &tr);
	assert_int_equal(tr.rank, 2);
	assert_int_equal(tr.of, 4);
	assert_near(tr.s, 1 - 0.4 / 3, 1e-12);
	struct assess_standing last = { 4, 4, NAN }; /* the last: min 0.6 */
	assert_near(eval(&r, 1, NAN, &last), 0.6, 1e-12);
	r.has_step = true; /* max(0, 1 - (4 - 1) x 0.3) = 0.1 */
	r.step = 0.3;
	r.min = 0;
	assert_near(eval(&r, 1, NAN, &last), 0.1, 1e-12);
	r.step = 0.5; /* 1 - 3 x 0.5 < 0: the min, 0 */
	assert_near(eval(&r, 1, NAN, &last), 0.0, 1e-12);
	struct assess_standing alone = { 1, 1, NAN };
	r = rule(ASSESS_RANK); /* n = 1: s = 1 */
	assert_near(eval(&r, 5, NAN, &alone), 1.0, 0);

	r = rule(ASSESS_RELATIVE); /* 2 / best 4 = 0.5 */
	struct assess_standing best4 = { 0, 4, 4 };
	assert_near(eval(&r, 2, NAN, &best4), 0.5, 1e-12);
	r.lower_better = true;     /* best (min) 1 / 2 = 0.5 */
	struct assess_standing best1 = { 0, 4, 1 };
	assert_near(eval(&r, 2, NAN, &best1), 0.5, 1e-12);
	struct assess_standing nonpos = { 0, 2, 0 };
	r.lower_better = false;    /* best <= 0: 0 for all */
	assert_near(eval(&r, 0, NAN, &nonpos), 0.0, 0);
}

static void test_rounding(void **state)
{
	(void)state;
	assert_near(assess_round4(87.12345678), 87.1235, 1e-12);
	assert_near(assess_round4(0.00004), 0.0, 0);
	assert_near(assess_round4(-1.23456), -1.2346, 1e-12);
	/* 0.29 x 100 is 28.999999999999996 in binary: the nudge makes 29. */
	assert_int_equal(assess_places(0.29, 100, ASSESS_FLOOR), 29);
	/* 0.7 x 10 is 7.000000000000001: ceil with the nudge is 7. */
	assert_int_equal(assess_places(0.7, 10, ASSESS_CEIL), 7);
	assert_int_equal(assess_places(0.25, 10, ASSESS_ROUND), 3); /* 2.5 up */
	assert_int_equal(assess_places(0.24, 10, ASSESS_ROUND), 2);
	assert_int_equal(assess_places(0.2, 7, ASSESS_FLOOR), 1);   /* 1.4 */
	assert_int_equal(assess_places(0.2, 7, ASSESS_CEIL), 2);
}

/* A cycle of one scheme (A: 60 points, ratio, target 10; B: 40 points,
 * threshold, target 1), one component (performance, 100), grades
 * excellent (min 90, quota 0.34 floor) / competent (70) / basic (60) /
 * incompetent, and a pool bonus of coefficients 1.5 / 1 / 0.5 / 0.
 *   S1: A 10, B 1 -> 60 + 40 = 100
 *   S2: A 9,  B 1 -> 54 + 40 = 94
 *   S4: A 9,  B 1 -> 94 (tie with S2: broken by id, S2 first)
 *   S3: A 5,  B 0 -> 30
 * Ranks 1, 2, 2, 4. Excellent places: floor(0.34 x 4 = 1.36) = 1, so S1
 * is excellent, S2 and S4 competent (quota_full), S3 incompetent
 * (below_min for excellent, competent and basic).
 * Pool of 1000 fen, C = 15000, 10000, 10000, 0 (sum 35000):
 *   S1 15,000,000 / 35000 = 428 r 20000; S2, S4 285 r 25000; S3 0.
 *   998 paid, 2 left: to S2 and S4 (largest remainders): 428, 286, 286, 0. */
struct fixture {
	struct assess_node nodes[2];
	struct assess_leaf leaves[2];
	struct assess_scheme scheme;
	struct assess_component comp;
	struct assess_grade grades[4];
	int64_t coef[4];
	const char *indicators[2], *names[1];
	struct assess_subject subjects[4];
	uint64_t offsets[5];
	double values[8];
	int64_t amounts[1];
	struct assess_ratings ratings[1];
	struct assess_input in;
};

static void fixture_init(struct fixture *f)
{
	memset(f, 0, sizeof *f);
	f->nodes[0] = (struct assess_node){ "a", "A", 60, ASSESS_NONE, 0 };
	f->nodes[1] = (struct assess_node){ "b", "B", 40, ASSESS_NONE, 1 };
	f->leaves[0] = (struct assess_leaf){ "a", "A", NULL, 0, 0, 60,
					     rule(ASSESS_RATIO) };
	f->leaves[0].rule.has_target = true;
	f->leaves[0].rule.target = 10;
	f->leaves[1] = (struct assess_leaf){ "b", "B", NULL, 1, 1, 40,
					     rule(ASSESS_THRESHOLD) };
	f->leaves[1].rule.has_target = true;
	f->leaves[1].rule.target = 1;
	f->scheme = (struct assess_scheme){ "s", "S", f->nodes, 2, f->leaves,
					    2, NULL, 0 };
	f->comp = (struct assess_component){ .id = "performance",
					     .name = "实绩", .weight = 100,
					     .kind = ASSESS_COMP_SCHEME };
	f->grades[0] = (struct assess_grade){ .id = "excellent", .name = "优秀",
					      .has_min = true, .min = 90,
					      .has_quota = true, .share = 0.34 };
	f->grades[1] = (struct assess_grade){ .id = "competent", .name = "称职",
					      .has_min = true, .min = 70 };
	f->grades[2] = (struct assess_grade){ .id = "basic", .name = "基本称职",
					      .has_min = true, .min = 60 };
	f->grades[3] = (struct assess_grade){ .id = "incompetent",
					      .name = "不称职" };
	int64_t coef[4] = { 15000, 10000, 5000, 0 };
	memcpy(f->coef, coef, sizeof coef);
	f->indicators[0] = "a";
	f->indicators[1] = "b";
	f->names[0] = "c";
	static const char *const ids[4] = { "S1", "S2", "S3", "S4" };
	double vals[8] = { 10, 1, 9, 1, 5, 0, 9, 1 };
	for (uint32_t s = 0; s < 4; s++) {
		f->subjects[s] = (struct assess_subject){ ids[s], ids[s], 0, 0,
							  0, 0 };
		f->offsets[s + 1] = 2 * (s + 1);
	}
	memcpy(f->values, vals, sizeof vals);
	f->amounts[0] = 1000;
	f->in = (struct assess_input){
		.components = &f->comp, .ncomponents = 1,
		.grades = f->grades, .ngrades = 4,
		.bonus = { ASSESS_BONUS_POOL, 0, f->coef },
		.schemes = &f->scheme, .nschemes = 1,
		.indicators = f->indicators, .nindicators = 2,
		.subjects = f->subjects, .nsubjects = 4,
		.categories = f->names, .units = f->names, .pools = f->names,
		.ncategories = 1, .nunits = 1, .npools = 1,
		.value_offset = f->offsets, .values = f->values,
		.ratings = f->ratings, .pool_amounts = f->amounts,
	};
}

static void test_compute(void **state)
{
	(void)state;
	struct fixture f;
	struct assess_result *r = NULL;
	struct err e = ERR_INIT;
	fixture_init(&f);
	assert_int_equal(assess_compute(&f.in, 2, &r, &e), 0);
	const uint32_t order[4] = { 0, 1, 3, 2 };   /* S1 S2 S4 S3 */
	const double total[4] = { 100, 94, 30, 94 };
	const uint32_t rank[4] = { 1, 2, 4, 2 }, grade[4] = { 0, 1, 3, 1 };
	const int64_t bonus[4] = { 428, 286, 0, 286 };
	for (uint32_t i = 0; i < 4; i++) {
		assert_int_equal(r->order[i], order[i]);
		assert_near(r->totals[i], total[i], 1e-9);
		assert_int_equal(r->rank[i], rank[i]);
		assert_int_equal(r->pool_rank[i], rank[i]);
		assert_int_equal(r->grade[i], grade[i]);
		assert_int_equal(r->bonus[i], bonus[i]);
		assert_int_equal(r->cap[i], ASSESS_NONE);
	}
	assert_int_equal(r->passed_over[1 * 4 + 0], ASSESS_PASS_QUOTA_FULL);
	assert_int_equal(r->passed_over[2 * 4 + 0], ASSESS_PASS_BELOW_MIN);
	assert_int_equal(r->passed_over[2 * 4 + 2], ASSESS_PASS_BELOW_MIN);

	struct arena a = ARENA_INIT;
	struct assess_trace t;
	assess_explain(&f.in, r, 1, &a, &t); /* S2: A = 9: s 0.9, 54 points */
	assert_near(t.leaves[0].s, 0.9, 1e-12);
	assert_near(t.leaves[0].points, 54, 1e-9);
	assert_int_equal(t.quota_places[0], 1);
	assert_int_equal(t.quota_pool_size[0], 4);
	assert_int_equal(t.quota_places[1], ASSESS_NONE);
	arena_free(&a);
	assess_result_free(r);
}

/* The fixture's first-level indicators are its two leaves, A (60) and
 * B (40). S2 earned 54 of 60 on A (90%) and 40 of 40 on B (100%). The
 * category's mean shares: A (100 + 90 + 50 + 90) / 4 = 82.5%, B (100 +
 * 100 + 0 + 100) / 4 = 75%. */
static void test_profile(void **state)
{
	(void)state;
	struct fixture f;
	struct assess_result *r = NULL;
	struct err e = ERR_INIT;
	struct arena a = ARENA_INIT;
	struct assess_profile_item *items;
	fixture_init(&f);
	assert_int_equal(assess_compute(&f.in, 1, &r, &e), 0);
	assert_int_equal(assess_profile(&f.in, r, 1, &a, &items), 2);
	assert_string_equal(items[0].id, "a");
	assert_near(items[0].points, 54, 1e-9);
	assert_near(items[0].max, 60, 1e-9);
	assert_near(items[0].rate, 90, 1e-9);
	assert_near(items[0].mean_rate, 82.5, 1e-9);
	assert_int_equal(items[0].of, 4);
	assert_near(items[1].rate, 100, 1e-9);
	assert_near(items[1].mean_rate, 75, 1e-9);
	arena_free(&a);
	assess_result_free(r);
}

static void test_strict_and_caps(void **state)
{
	(void)state;
	struct fixture f;
	struct assess_result *r = NULL;
	struct err e = ERR_INIT;
	fixture_init(&f);
	f.values[5] = NAN; /* S3 has no value for b */
	f.in.strict = true;
	assert_int_equal(assess_compute(&f.in, 1, &r, &e), -1);
	assert_non_null(strstr(e.msg, "'S3'"));
	assert_non_null(strstr(e.msg, "'b'"));
	/* Without --strict: s = 0 and a warning; S3's total is still 30. */
	f.in.strict = false;
	struct assess_cap_row cap = { 0, 1, "诫勉谈话" }; /* S1 at most competent */
	f.in.caps = &cap;
	f.in.ncaps = 1;
	assert_int_equal(assess_compute(&f.in, 1, &r, &e), 0);
	assert_true(r->warnings[2] & ASSESS_WARN_MISSING_VALUE);
	assert_near(r->totals[2], 30, 1e-9);
	/* S1 is capped at competent, so the one excellent place goes to S2
	 * (94 >= 90) and S4 is passed over for quota. */
	assert_int_equal(r->cap[0], 1);
	assert_int_equal(r->cap_sources[0], ASSESS_CAP_LISTED);
	assert_int_equal(r->grade[0], 1);
	assert_int_equal(r->passed_over[0], ASSESS_PASS_CAPPED);
	assert_int_equal(r->grade[1], 0);
	assert_int_equal(r->grade[3], 1);
	assess_result_free(r);
}

/* Leaf A as a rank rule: values 10, 9, 5, 9 (S1, S2, S3, S4) sorted
 * 5, 9, 9, 10. Higher is better: S1 r 1, S2 and S4 r 2 (one better), S3
 * r 4. Lower is better: S3 r 1, S2 and S4 r 2, S1 r 4. */
static void test_standings(void **state)
{
	(void)state;
	struct fixture f;
	struct assess_result *r = NULL;
	struct err e = ERR_INIT;
	fixture_init(&f);
	f.leaves[0].rule = rule(ASSESS_RANK);
	assert_int_equal(assess_compute(&f.in, 1, &r, &e), 0);
	const uint32_t higher[4] = { 1, 2, 4, 2 };
	for (uint32_t s = 0; s < 4; s++)
		assert_int_equal(assess_leaf_rank(r, f.in.subjects[s].scheme, s, 0), higher[s]);
	assert_int_equal(r->ranksets[r->rankslot[0]].n, 4);
	assert_near(r->ranksets[r->rankslot[0]].min, 5, 0);
	assert_near(r->ranksets[r->rankslot[0]].max, 10, 0);
	/* S2: 60 x (1 - 1/3 x 0.4) + 40 = 92 (rounded to 4 decimals). */
	assert_near(r->totals[1], assess_round4(60 * (1 - 0.4 / 3) + 40), 1e-9);
	assess_result_free(r);
	f.leaves[0].rule.lower_better = true;
	assert_int_equal(assess_compute(&f.in, 1, &r, &e), 0);
	const uint32_t lower[4] = { 4, 2, 1, 2 };
	for (uint32_t s = 0; s < 4; s++)
		assert_int_equal(assess_leaf_rank(r, f.in.subjects[s].scheme, s, 0), lower[s]);
	assess_result_free(r);
}

/* n subjects S00000 ... for the fixture's scheme (both leaves), their
 * values to be filled in: subject s's are values[2 s] and [2 s + 1]. */
struct many {
	struct assess_subject *subs;
	uint64_t *offs;
	double *vals;
	char (*ids)[16];
};

static void many_init(struct many *m, struct fixture *f, uint32_t n)
{
	m->subs = calloc(n, sizeof *m->subs);
	m->offs = calloc(n + 1, sizeof *m->offs);
	m->vals = calloc(2 * (size_t)n, sizeof *m->vals);
	m->ids = calloc(n, sizeof *m->ids);
	assert_true(m->subs && m->offs && m->vals && m->ids);
	for (uint32_t s = 0; s < n; s++) {
		snprintf(m->ids[s], sizeof *m->ids, "S%05u", s);
		m->subs[s] = (struct assess_subject){ m->ids[s], m->ids[s],
						      0, 0, 0, 0 };
		m->offs[s + 1] = 2 * (s + 1);
	}
	f->in.subjects = m->subs;
	f->in.nsubjects = n;
	f->in.value_offset = m->offs;
	f->in.values = m->vals;
	f->in.bonus.mode = ASSESS_BONUS_NONE;
}

static void many_free(struct many *m)
{
	free(m->subs);
	free(m->offs);
	free(m->vals);
	free(m->ids);
}

/* Large enough for the radix sort (2048 values and more): 5000 subjects
 * with values from -50 to 50 in steps of 0.5 (many ties, negatives, and
 * both zeros), each rank checked against its definition: 1 + the number
 * of values strictly better. */
static void test_standings_large(void **state)
{
	(void)state;
	enum { N = 5000 };
	struct fixture f;
	struct assess_result *r = NULL;
	struct err e = ERR_INIT;
	fixture_init(&f);
	f.leaves[0].rule = rule(ASSESS_RANK);
	struct many m;
	many_init(&m, &f, N);
	double *vals = m.vals;
	uint32_t x = 12345;
	for (uint32_t s = 0; s < N; s++) {
		x = x * 1103515245u + 12345u;
		vals[2 * s] = ((double)((x >> 8) % 201) - 100) / 2;
		if (vals[2 * s] == 0 && s % 2)
			vals[2 * s] = -0.0;
		vals[2 * s + 1] = 1;
	}
	assert_int_equal(assess_compute(&f.in, 2, &r, &e), 0);
	for (uint32_t s = 0; s < N; s++) {
		uint32_t better = 0;
		for (uint32_t o = 0; o < N; o++)
			better += vals[2 * o] > vals[2 * s];
		if (assess_leaf_rank(r, 0, s, 0) != better + 1)
			fail_msg("subject %u value %g: rank %u, expected %u", s,
				 vals[2 * s], assess_leaf_rank(r, 0, s, 0), better + 1);
	}
	/* The ranking order (radix by total, then ties by id): totals never
	 * rise, and equal totals come in ascending id order. */
	for (uint32_t i = 1; i < N; i++) {
		uint32_t a = r->order[i - 1], b = r->order[i];
		assert_true(r->totals[a] >= r->totals[b]);
		if (r->totals[a] == r->totals[b])
			assert_true(strcmp(m.ids[a], m.ids[b]) < 0);
	}
	assess_result_free(r);
	many_free(&m);
}

/* A set that only relative rules look at is not sorted: its size and
 * extremes come from the counting pass of two workers. 3000 subjects
 * (more than one thread's share), both leaves relative rules; subject
 * s's values, with h = s % 101 / 2 and k = s % 51 / 2:
 *   A: none for every 7th subject; -1 - h (-1 ... -51) in the first
 *      half, -k (0 ... -25, both zeros among them) in the second;
 *   B: 1 + h (1 ... 51) in the first half, k (0 ... 25) in the second.
 * A: n 3000 - 429 (the multiples of 7 below 3000: 0, 7, ..., 2996), min
 * -51 (first half), max 0 (second half), +0 (the order of values does
 * not tell -0 from +0); B: n 3000, min 0 (second half), max 51 (first
 * half). So each worker gives each set one of its extremes. */
static void test_standings_relative(void **state)
{
	(void)state;
	enum { N = 3000 };
	struct fixture f;
	struct assess_result *r = NULL;
	struct err e = ERR_INIT;
	fixture_init(&f);
	f.leaves[0].rule = rule(ASSESS_RELATIVE);
	f.leaves[1].rule = rule(ASSESS_RELATIVE);
	struct many m;
	many_init(&m, &f, N);
	double *vals = m.vals;
	for (uint32_t s = 0; s < N; s++) {
		double h = (double)(s % 101) / 2, k = (double)(s % 51) / 2;
		if (s % 7 == 0)
			vals[2 * s] = NAN;
		else if (s < N / 2)
			vals[2 * s] = -1 - h;
		else
			vals[2 * s] = k == 0 && s % 2 ? -0.0 : -k;
		vals[2 * s + 1] = s < N / 2 ? 1 + h : k;
	}
	assert_int_equal(assess_compute(&f.in, 2, &r, &e), 0);
	const struct assess_rankset *a = &r->ranksets[r->rankslot[0]];
	assert_int_equal(a->n, N - 429);
	assert_true(a->min == -51);
	assert_true(a->max == 0 && !signbit(a->max));
	const struct assess_rankset *b = &r->ranksets[r->rankslot[1]];
	assert_int_equal(b->n, N);
	assert_true(b->min == 0 && b->max == 51);
	assess_result_free(r);
	many_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ratio),
		cmocka_unit_test(test_linear_step_threshold_score),
		cmocka_unit_test(test_rank_relative),
		cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_compute),
		cmocka_unit_test(test_profile),
		cmocka_unit_test(test_strict_and_caps),
		cmocka_unit_test(test_standings),
		cmocka_unit_test(test_standings_large),
		cmocka_unit_test(test_standings_relative),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
