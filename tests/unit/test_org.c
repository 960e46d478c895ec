/* test_org: the unit tree and its establishment figures (S1): names, the
 * parent table, cycle and bad-parent detection, the pre-order and children
 * index, quota and leader-post figures rolled up a small tree modelled on
 * the seed (a TEDA-like committee, a district with two communities and
 * their social work stations), and the appointment rule. Every expected
 * figure is worked out by hand in the comments. No I/O. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/org.h"

#define NONE ORG_NO_PARENT
#define TODAY 20250615

/* --- helpers ------------------------------------------------------------- */

static void tree_bad(const struct org_unit *u, size_t n, const char *id,
		     const char *msg)
{
	struct err e = ERR_INIT;
	assert_int_equal(org_tree_check(u, n, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.id, id);
	assert_string_equal(e.msg, msg);
	/* build refuses the same, and leaves an empty tree behind */
	struct org_tree t;
	struct err e2 = ERR_INIT;
	assert_int_equal(org_tree_build(u, n, &t, &e2), -1);
	assert_string_equal(e2.msg, msg);
	assert_null(t.order);
	org_tree_free(&t);
}

static void figure_is(const struct org_figure *f, int64_t quota,
		      int64_t filled, int64_t vacant, int64_t over,
		      int64_t net_vacant, int64_t net_over)
{
	assert_int_equal(f->quota, quota);
	assert_int_equal(f->filled, filled);
	assert_int_equal(f->vacant, vacant);
	assert_int_equal(f->over, over);
	assert_int_equal(f->net_vacant, net_vacant);
	assert_int_equal(f->net_over, net_over);
	/* the identity of org.h */
	assert_int_equal(f->vacant - f->over, f->quota - f->filled);
	assert_int_equal(f->net_vacant - f->net_over, f->quota - f->filled);
}

/* --- names --------------------------------------------------------------- */

static void test_names(void **state)
{
	(void)state;
	enum org_unit_kind k;
	for (int i = 0; i < ORG_UNIT_KIND_COUNT; i++) {
		enum org_unit_kind want = (enum org_unit_kind)i;
		assert_int_equal(org_unit_kind_parse(org_unit_kind_name(want), &k), 0);
		assert_int_equal(k, want);
		assert_int_equal(org_unit_kind_parse(org_unit_kind_name_zh(want), &k), 0);
		assert_int_equal(k, want);
	}
	assert_string_equal(org_unit_kind_name(ORG_KIND_AFFILIATE), "affiliate");
	assert_string_equal(org_unit_kind_name_zh(ORG_KIND_STATION), "社工站");
	assert_string_equal(org_unit_kind_noun(ORG_KIND_ZONE), "functional zone");
	assert_null(org_unit_kind_name(ORG_KIND_NONE));
	assert_int_equal(org_unit_kind_parse("Committee", &k), -1);
	assert_int_equal(org_unit_kind_parse("", &k), -1);

	enum org_staff_type t;
	for (int i = 0; i < ORG_STAFF_TYPE_COUNT; i++) {
		enum org_staff_type want = (enum org_staff_type)i;
		assert_int_equal(org_staff_type_parse(org_staff_type_name(want), &t), 0);
		assert_int_equal(t, want);
		assert_int_equal(org_staff_type_parse(org_staff_type_name_zh(want), &t), 0);
		assert_int_equal(t, want);
	}
	assert_int_equal(org_staff_type_parse("借调人员", &t), 0);
	assert_int_equal(t, ORG_STAFF_SECONDED);
	assert_string_equal(org_staff_type_name(ORG_STAFF_SELF_SET), "self_set");
	assert_string_equal(org_staff_type_name_zh(ORG_STAFF_CIVIL_SERVANT), "公务员");
	assert_null(org_staff_type_name((enum org_staff_type)ORG_STAFF_TYPE_COUNT));

	enum org_level l;
	for (int i = 0; i < ORG_LEVEL_COUNT; i++) {
		enum org_level want = (enum org_level)i;
		assert_int_equal(org_level_parse(org_level_name(want), &l), 0);
		assert_int_equal(l, want);
		assert_int_equal(org_level_parse(org_level_name_zh(want), &l), 0);
		assert_int_equal(l, want);
	}
	assert_string_equal(org_level_name(ORG_LEVEL_DIVISION_DEPUTY), "division_deputy");
	assert_string_equal(org_level_name_zh(ORG_LEVEL_DIVISION_DEPUTY), "副处级");
	assert_string_equal(org_line_noun(org_post_line(ORG_LEVEL_SECTION_CHIEF)),
			    "section-level chief post quota");
	assert_string_equal(org_line_noun(org_staff_line(ORG_STAFF_DISPATCHED)),
			    "dispatched staff quota");
}

/* --- parent rules ---------------------------------------------------------- */

static void test_parent_table(void **state)
{
	(void)state;
	/* The whole table, child by parent (N: none, at the root). Columns:
	 * committee department affiliate zone park district community
	 * station N. */
	static const char *const table[ORG_UNIT_KIND_COUNT] = {
		"........Y", /* committee: root only */
		"Y..YYY...", /* department */
		"Y..Y.Y...", /* affiliate */
		"Y........", /* zone */
		"Y..Y.....", /* park */
		"Y........", /* district */
		"...YYY...", /* community */
		"......Y..", /* station */
	};
	for (int c = 0; c < ORG_UNIT_KIND_COUNT; c++)
		for (int p = 0; p <= ORG_KIND_NONE; p++) {
			struct err e = ERR_INIT;
			int rc = org_check_parent((enum org_unit_kind)c,
						  (enum org_unit_kind)p, &e);
			if ((table[c][p] == 'Y') != (rc == 0))
				fail_msg("child %d parent %d: rc %d", c, p, rc);
			if (rc)
				assert_string_equal(e.id, "bad_parent");
		}
}

static void test_parent_messages(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	assert_int_equal(org_check_parent(ORG_KIND_COMMUNITY, ORG_KIND_COMMITTEE, &e), -1);
	assert_string_equal(e.where, "parent_id");
	assert_string_equal(e.msg,
			    "a community cannot sit under a management committee; "
			    "a community sits under an administrative district, "
			    "functional zone or park");
	assert_int_equal(org_check_parent(ORG_KIND_DEPARTMENT, ORG_KIND_NONE, &e), -1);
	assert_string_equal(e.msg,
			    "a department cannot be at the root; a department "
			    "sits under a management committee, functional zone, "
			    "park or administrative district");
	assert_int_equal(org_check_parent(ORG_KIND_COMMITTEE, ORG_KIND_DISTRICT, &e), -1);
	assert_string_equal(e.msg,
			    "a management committee cannot sit under an "
			    "administrative district; a management committee "
			    "sits only at the root");
}

/* --- tree check ------------------------------------------------------------ */

static void test_tree_bad_parents(void **state)
{
	(void)state;
	const struct org_unit root_dept[] = {
		{ 1, "管委会", NONE, ORG_KIND_COMMITTEE },
		{ 2, "组织部", NONE, ORG_KIND_DEPARTMENT },
	};
	tree_bad(root_dept, 2, "bad_parent",
		 "'组织部' (id 2, a department) has no parent; only a management "
		 "committee sits at the root, and a department sits under a "
		 "management committee, functional zone, park or administrative "
		 "district");
	const struct org_unit station_under_district[] = {
		{ 1, "管委会", NONE, ORG_KIND_COMMITTEE },
		{ 5, "第一社工站", 2, ORG_KIND_STATION },
		{ 7, "泰达行政区", 0, ORG_KIND_DISTRICT },
	};
	tree_bad(station_under_district, 3, "bad_parent",
		 "'第一社工站' (id 5, a social work station) cannot sit under "
		 "'泰达行政区' (id 7, an administrative district); a social work "
		 "station sits under a community");
	const struct org_unit unknown[] = {
		{ 1, "管委会", NONE, ORG_KIND_COMMITTEE },
		{ 2, "组织部", 9, ORG_KIND_DEPARTMENT },
	};
	tree_bad(unknown, 2, "unknown_parent",
		 "the parent of '组织部' (id 2) is not among the units");
	const struct org_unit bad_kind[] = {
		{ 1, "管委会", NONE, (enum org_unit_kind)ORG_KIND_NONE },
	};
	tree_bad(bad_kind, 1, "unknown_kind", "'管委会' (id 1) has no valid unit kind");
}

static void test_tree_cycles(void **state)
{
	(void)state;
	const struct org_unit self[] = {
		{ 1, "管委会", NONE, ORG_KIND_COMMITTEE },
		{ 2, "组织部", 1, ORG_KIND_DEPARTMENT },
	};
	tree_bad(self, 2, "parent_cycle", "'组织部' (id 2) is its own parent");
	/* ids 2 -> 3 -> 4 -> 2, hanging below nothing. The kinds are wrong
	 * too (a committee under a park), but the cycle is what is reported.
	 * The walk from index 1 goes round and comes back to 甲. */
	const struct org_unit three[] = {
		{ 1, "管委会", NONE, ORG_KIND_COMMITTEE },
		{ 2, "甲", 2, ORG_KIND_PARK },
		{ 3, "乙", 3, ORG_KIND_ZONE },
		{ 4, "丙", 1, ORG_KIND_COMMITTEE },
	};
	tree_bad(three, 4, "parent_cycle",
		 "'甲' (id 2) is its own ancestor: its parent '乙' (id 3) lies "
		 "below it; a unit cannot sit under its own descendant");
	/* A tail leading into a cycle: the walk from the tail (index 0)
	 * reaches the cycle 1 -> 2 -> 1 and reports where it closes. */
	const struct org_unit tail[] = {
		{ 10, "尾", 1, ORG_KIND_STATION },
		{ 11, "甲", 2, ORG_KIND_COMMUNITY },
		{ 12, "乙", 1, ORG_KIND_COMMUNITY },
	};
	tree_bad(tail, 3, "parent_cycle",
		 "'甲' (id 11) is its own ancestor: its parent '乙' (id 12) lies "
		 "below it; a unit cannot sit under its own descendant");
}

/* A long chain: unit i under unit i - 1, and unit 0 under the last. The
 * check stamps each unit once whatever the order, so this is quick; with
 * unit 0 at the root instead, there is no cycle and the first bad parent
 * (a department under a department) is reported. */
static void test_tree_long_chain(void **state)
{
	(void)state;
	enum { N = 50000 };
	struct org_unit *u = calloc(N, sizeof *u);
	assert_non_null(u);
	for (size_t i = 0; i < N; i++)
		u[i] = (struct org_unit){ (int64_t)i + 1, "处", i ? i - 1 : N - 1,
					  ORG_KIND_DEPARTMENT };
	struct err e = ERR_INIT;
	assert_int_equal(org_tree_check(u, N, &e), -1);
	assert_string_equal(e.id, "parent_cycle");
	u[0].parent = NONE;
	u[0].kind = ORG_KIND_COMMITTEE;
	assert_int_equal(org_tree_check(u, N, &e), -1);
	assert_string_equal(e.id, "bad_parent");
	free(u);

	u = calloc(ORG_UNITS_MAX + 1, sizeof *u);
	assert_non_null(u);
	assert_int_equal(org_tree_check(u, ORG_UNITS_MAX + 1, &e), -1);
	assert_string_equal(e.id, "too_many_units");
	free(u);
}

/* --- the seed tree ----------------------------------------------------------- */

/* Array order is deliberately not tree order: stations come before their
 * communities and the committee sits in the middle. */
enum {
	DISTRICT, STATION1, POLICY, COMMITTEE, ORGDEPT,
	COMM1, COMM2, STATION2, INVEST, PARK, NUNITS,
};

static const struct org_unit seed[NUNITS] = {
	[DISTRICT] = { 20, "泰达行政区", COMMITTEE, ORG_KIND_DISTRICT },
	[STATION1] = { 41, "第一社区社工站", COMM1, ORG_KIND_STATION },
	[POLICY] = { 11, "政策研究室", COMMITTEE, ORG_KIND_DEPARTMENT },
	[COMMITTEE] = { 1, "泰达管委会", NONE, ORG_KIND_COMMITTEE },
	[ORGDEPT] = { 12, "组织部", COMMITTEE, ORG_KIND_DEPARTMENT },
	[COMM1] = { 31, "第一社区", DISTRICT, ORG_KIND_COMMUNITY },
	[COMM2] = { 32, "第二社区", DISTRICT, ORG_KIND_COMMUNITY },
	[STATION2] = { 42, "第二社区社工站", COMM2, ORG_KIND_STATION },
	[INVEST] = { 13, "投资促进局", COMMITTEE, ORG_KIND_DEPARTMENT },
	[PARK] = { 21, "西区", COMMITTEE, ORG_KIND_PARK },
};

static void test_tree_index(void **state)
{
	(void)state;
	struct org_tree t;
	struct err e = ERR_INIT;
	if (org_tree_build(seed, NUNITS, &t, &e))
		fail_msg("%s", e.msg);
	/* committee; its children in array order: district (then the
	 * district's subtree: community 1, station 1, community 2, station
	 * 2), policy office, organisation department, investment bureau,
	 * park. */
	const size_t order[NUNITS] = { COMMITTEE, DISTRICT, COMM1, STATION1,
				       COMM2, STATION2, POLICY, ORGDEPT,
				       INVEST, PARK };
	assert_int_equal(t.n, NUNITS);
	for (size_t i = 0; i < NUNITS; i++)
		assert_int_equal(t.order[i], order[i]);
	const size_t kids[] = { DISTRICT, POLICY, ORGDEPT, INVEST, PARK };
	size_t s = t.child_start[COMMITTEE];
	assert_int_equal(t.child_start[COMMITTEE + 1] - s, 5);
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(t.children[s + i], kids[i]);
	assert_int_equal(t.child_start[DISTRICT + 1] - t.child_start[DISTRICT], 2);
	assert_int_equal(t.children[t.child_start[DISTRICT]], COMM1);
	assert_int_equal(t.children[t.child_start[DISTRICT] + 1], COMM2);
	assert_int_equal(t.child_start[STATION1 + 1], t.child_start[STATION1]);
	assert_int_equal(t.child_start[NUNITS], NUNITS - 1); /* one root */
	org_tree_free(&t);
	org_tree_free(&t); /* freeing twice is harmless once emptied */
	org_tree_free(NULL);

	/* Two committees side by side, and no units at all. */
	const struct org_unit two[] = {
		{ 1, "甲管委会", NONE, ORG_KIND_COMMITTEE },
		{ 2, "乙管委会", NONE, ORG_KIND_COMMITTEE },
		{ 3, "组织部", 0, ORG_KIND_DEPARTMENT },
	};
	assert_int_equal(org_tree_build(two, 3, &t, &e), 0);
	assert_int_equal(t.order[0], 0);
	assert_int_equal(t.order[1], 2);
	assert_int_equal(t.order[2], 1);
	org_tree_free(&t);
	assert_int_equal(org_tree_build(NULL, 0, &t, &e), 0);
	org_tree_free(&t);
}

#define CS org_staff_line(ORG_STAFF_CIVIL_SERVANT)
#define SW org_staff_line(ORG_STAFF_SOCIAL_WORKER)
#define DIV_CHIEF org_post_line(ORG_LEVEL_DIVISION_CHIEF)
#define DIV_DEPUTY org_post_line(ORG_LEVEL_DIVISION_DEPUTY)

/* Own figures (quota / filled):
 *                   civil servants  social workers  正处  副处
 *   泰达管委会          10 / 8
 *   政策研究室          12 / 12                       1/1   2/1
 *   组织部              15 / 17                       1/1   2/3
 *   投资促进局          20 / 14
 *   西区                 0 / 0
 *   泰达行政区          30 / 31
 *     第一社区           3 / 1
 *       第一社区社工站                   8 / 8
 *     第二社区           2 / 3
 *       第二社区社工站                   8 / 7
 */
static void seed_figures(struct org_figures *f)
{
	struct err e = ERR_INIT;
	if (org_figures_init(f, seed, NUNITS, &e))
		fail_msg("%s", e.msg);
	static const struct {
		size_t unit;
		int line; /* 0 CS, 1 SW, 2 正处, 3 副处 */
		int64_t quota, filled;
	} rows[] = {
		{ COMMITTEE, 0, 10, 8 },  { POLICY, 0, 12, 12 },
		{ ORGDEPT, 0, 15, 17 },   { INVEST, 0, 20, 14 },
		{ DISTRICT, 0, 30, 31 },  { COMM1, 0, 3, 1 },
		{ COMM2, 0, 2, 3 },       { STATION1, 1, 8, 8 },
		{ STATION2, 1, 8, 7 },    { POLICY, 2, 1, 1 },
		{ POLICY, 3, 2, 1 },      { ORGDEPT, 2, 1, 1 },
		{ ORGDEPT, 3, 2, 3 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct org_line l = rows[i].line == 0 ? CS
				  : rows[i].line == 1 ? SW
				  : rows[i].line == 2 ? DIV_CHIEF
						      : DIV_DEPUTY;
		if (org_figures_set(f, rows[i].unit, l, rows[i].quota,
				    rows[i].filled, &e))
			fail_msg("%s", e.msg);
	}
	org_figures_compute(f);
}

/* Civil servants, rolled up.
 * 泰达行政区: quota 30+3+2 = 35, filled 31+1+3 = 35; vacant is the sum of
 *   own vacancies 0+2+0 = 2, over the sum of own excesses 1+0+1 = 2: the
 *   district and 第二社区 are over quota although the district's totals
 *   balance (net vacant 0, net over 0).
 * 泰达管委会: quota 10+12+15+20+0+35 = 92, filled 8+12+17+14+0+35 = 86;
 *   vacant 2+0+0+6+0+2 = 10, over 0+0+2+0+0+2 = 4; net vacant 92-86 = 6:
 *   组织部's excess of 2 is not cancelled by 投资促进局's 6 vacancies. */
static void test_figures_staff(void **state)
{
	(void)state;
	struct org_figures f;
	seed_figures(&f);
	figure_is(org_figures_own(&f, ORGDEPT, CS), 15, 17, 0, 2, 0, 2);
	figure_is(org_figures_own(&f, INVEST, CS), 20, 14, 6, 0, 6, 0);
	figure_is(org_figures_rolled(&f, ORGDEPT, CS), 15, 17, 0, 2, 0, 2);
	figure_is(org_figures_rolled(&f, COMM1, CS), 3, 1, 2, 0, 2, 0);
	figure_is(org_figures_rolled(&f, DISTRICT, CS), 35, 35, 2, 2, 0, 0);
	figure_is(org_figures_rolled(&f, COMMITTEE, CS), 92, 86, 10, 4, 6, 0);
	figure_is(org_figures_own(&f, COMMITTEE, CS), 10, 8, 2, 0, 2, 0);
	/* Social workers: 8/8 and 8/7 under the communities, 16/15 with one
	 * vacancy at the district and the committee. */
	figure_is(org_figures_rolled(&f, COMM1, SW), 8, 8, 0, 0, 0, 0);
	figure_is(org_figures_rolled(&f, COMM2, SW), 8, 7, 1, 0, 1, 0);
	figure_is(org_figures_rolled(&f, DISTRICT, SW), 16, 15, 1, 0, 1, 0);
	figure_is(org_figures_rolled(&f, COMMITTEE, SW), 16, 15, 1, 0, 1, 0);
	/* The park has nothing; other lines stay zero. */
	figure_is(org_figures_rolled(&f, PARK, CS), 0, 0, 0, 0, 0, 0);
	figure_is(org_figures_rolled(&f, COMMITTEE,
				     org_staff_line(ORG_STAFF_SECONDED)),
		  0, 0, 0, 0, 0, 0);
	org_figures_free(&f);
	org_figures_free(&f);
}

/* Leader posts, rolled up to the committee.
 * 正处: 1/1 + 1/1 = 2/2, nothing vacant or over.
 * 副处: 政策研究室 2/1 (one vacant), 组织部 2/3 (one over): 4/4 in total,
 *   net 0 and 0, but vacant 1 and over 1. */
static void test_figures_posts(void **state)
{
	(void)state;
	struct org_figures f;
	seed_figures(&f);
	figure_is(org_figures_own(&f, POLICY, DIV_DEPUTY), 2, 1, 1, 0, 1, 0);
	figure_is(org_figures_own(&f, ORGDEPT, DIV_DEPUTY), 2, 3, 0, 1, 0, 1);
	figure_is(org_figures_rolled(&f, COMMITTEE, DIV_CHIEF), 2, 2, 0, 0, 0, 0);
	figure_is(org_figures_rolled(&f, COMMITTEE, DIV_DEPUTY), 4, 4, 1, 1, 0, 0);
	/* Posts and staff are separate lines: 副处 does not touch the civil
	 * servant figures. */
	figure_is(org_figures_rolled(&f, DISTRICT, DIV_DEPUTY), 0, 0, 0, 0, 0, 0);
	org_figures_free(&f);
}

static void test_figures_limits(void **state)
{
	(void)state;
	struct org_figures f;
	seed_figures(&f);
	struct err e = ERR_INIT;
	assert_int_equal(org_figures_set(&f, POLICY, CS, -1, 3, &e), -1);
	assert_string_equal(e.id, "invalid_count");
	assert_string_equal(e.where, "quota");
	assert_string_equal(e.msg, "政策研究室: civil servant quota count -1 is "
				   "out of range (0 to 1000000)");
	assert_int_equal(org_figures_set(&f, POLICY, CS, 3, ORG_COUNT_MAX + 1, &e), -1);
	assert_string_equal(e.where, "filled");
	/* unchanged by the refusals */
	figure_is(org_figures_own(&f, POLICY, CS), 12, 12, 0, 0, 0, 0);
	org_figures_free(&f);

	struct org_figures g;
	const struct org_unit bad[] = { { 1, "组织部", NONE, ORG_KIND_DEPARTMENT } };
	assert_int_equal(org_figures_init(&g, bad, 1, &e), -1);
	assert_string_equal(e.id, "bad_parent");
	org_figures_free(&g);
}

/* --- quota approvals ------------------------------------------------------- */

static void test_quota_check(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	struct org_quota q = { CS, 12, "津滨编〔2014〕12号", 20140301 };
	assert_int_equal(org_quota_check(&q, TODAY, &e), 0);
	q.approved_on = 20240229; /* a leap day */
	assert_int_equal(org_quota_check(&q, TODAY, &e), 0);
	q.approved_on = 20230229;
	assert_int_equal(org_quota_check(&q, TODAY, &e), -1);
	assert_string_equal(e.where, "approved_on");
	q.approved_on = 20250616; /* tomorrow */
	assert_int_equal(org_quota_check(&q, TODAY, &e), -1);
	assert_string_equal(e.id, "invalid_date");
	q.approved_on = 20140301;
	q.document = " \u3000";
	assert_int_equal(org_quota_check(&q, TODAY, &e), -1);
	assert_string_equal(e.id, "document_required");
	assert_string_equal(e.msg, "the civil servant quota needs the number of "
				   "the document that approved it");
	q.document = NULL;
	assert_int_equal(org_quota_check(&q, TODAY, &e), -1);
	assert_string_equal(e.where, "document");
	q.document = "津滨编〔2014〕12号";
	q.count = -3;
	assert_int_equal(org_quota_check(&q, TODAY, &e), -1);
	assert_string_equal(e.where, "count");
}

/* --- appointments ------------------------------------------------------------ */

static void test_appoint(void **state)
{
	(void)state;
	struct org_figures f;
	seed_figures(&f);
	struct err e = ERR_INIT;
	bool over = true;

	/* 投资促进局 20/14: fits, no reason needed. */
	struct org_appoint a = { INVEST, CS, false, NULL };
	assert_int_equal(org_appoint_check(&f, &a, &over, &e), 0);
	assert_false(over);

	/* 政策研究室 12/12: refused. */
	a = (struct org_appoint){ POLICY, CS, false, "有理由也不看" };
	assert_int_equal(org_appoint_check(&f, &a, &over, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.id, "quota_exceeded");
	assert_string_equal(e.where, "staff_type");
	assert_string_equal(e.msg, "政策研究室: civil servant quota 12, filled "
				   "12; appointing one more exceeds it");

	/* Allowed with a reason; the caller records it. */
	a.allow_over = true;
	a.reason = "经管委会主任办公会研究同意，临时超编";
	over = false;
	assert_int_equal(org_appoint_check(&f, &a, &over, &e), 0);
	assert_true(over);
	/* The check does not change the figures. */
	figure_is(org_figures_own(&f, POLICY, CS), 12, 12, 0, 0, 0, 0);

	/* Empty, blank or missing reasons are refused. */
	const char *blank[] = { "", "   ", "\u3000\u3000", " \t\u00a0", NULL };
	for (size_t i = 0; i < sizeof blank / sizeof *blank; i++) {
		a.reason = blank[i];
		assert_int_equal(org_appoint_check(&f, &a, &over, &e), -1);
		assert_int_equal(e.code, ERR_INVALID);
		assert_string_equal(e.id, "reason_required");
		assert_string_equal(e.where, "reason");
		assert_false(over);
	}
	assert_string_equal(e.msg, "政策研究室: appointing beyond the civil "
				   "servant quota (12, filled 12) needs a reason");

	/* A leader post already over: 组织部 副处 2/3. */
	a = (struct org_appoint){ ORGDEPT, DIV_DEPUTY, false, NULL };
	assert_int_equal(org_appoint_check(&f, &a, &over, &e), -1);
	assert_string_equal(e.where, "level");
	assert_string_equal(e.msg, "组织部: division-level deputy post quota 2, "
				   "filled 3; appointing one more exceeds it");
	/* 政策研究室 副处 2/1 has room. */
	a.unit = POLICY;
	assert_int_equal(org_appoint_check(&f, &a, &over, &e), 0);
	/* The park has no quota at all: the first appointment exceeds it, and
	 * the committee's spare quota is not the park's. */
	a = (struct org_appoint){ PARK, CS, false, NULL };
	assert_int_equal(org_appoint_check(&f, &a, &over, &e), -1);
	assert_string_equal(e.msg, "西区: civil servant quota 0, filled 0; "
				   "appointing one more exceeds it");
	org_figures_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_parent_table),
		cmocka_unit_test(test_parent_messages),
		cmocka_unit_test(test_tree_bad_parents),
		cmocka_unit_test(test_tree_cycles),
		cmocka_unit_test(test_tree_long_chain),
		cmocka_unit_test(test_tree_index),
		cmocka_unit_test(test_figures_staff),
		cmocka_unit_test(test_figures_posts),
		cmocka_unit_test(test_figures_limits),
		cmocka_unit_test(test_quota_check),
		cmocka_unit_test(test_appoint),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
