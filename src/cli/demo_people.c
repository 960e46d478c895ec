/* demo_people: fictional people for the demo, made the way the services
 * make them (people_add_in, agencies, employments_add_in) inside one
 * transaction, so that every rule and audit record is the real one.
 *
 * Names and ID numbers are generated, valid and obviously fictional: a
 * name is a common surname, 某 ("so-and-so", as official documents
 * anonymise) and a character of the heavenly stems and earthly branches
 * (王某甲, 李某子); an ID number has the region code of its area, a birth
 * date of a working age and a sequence number from 900 (9xx), with the
 * right check digit. A pseudo-random sequence with a fixed seed makes
 * every demo database the same.
 *
 * What it adds (the seed's numbers, S1, S2, S4):
 * - TEDA: in each of the 35 departments one division chief (正处) and
 *   five deputies (副处), civil servants: 210 division-level cadres; 20
 *   self-set establishment staff, graduates of 985 and 211 universities;
 *   the
 *   TEDA social service centre (an agency) under a contract with
 *   泰达社区管理区 for 72 social workers, 8 at each of the 9 stations;
 *   the 11 public-institution staff of the communities;
 * - Hengqin: its departments filled to their quotas: 108 civil servants
 *   (with in-system monthly pay, for the pay-parity report), 9
 *   public-institution staff, and 202 dispatched staff from a staffing
 *   company under one contract. */
#include "cli/demo.h"

#include <stdio.h>
#include <string.h>

#include "app/agencies.h"
#include "app/employments.h"
#include "app/people.h"
#include "core/idnum.h"

#define DEMO_TEDA "天津经济技术开发区管委会"
#define DEMO_HQ "珠海横琴新区管委会"

static const char *const demo_surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
	"马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
	"唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘",
};
static const char *const demo_given[] = {
	"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸",
	"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥",
};

struct demo_ctx {
	struct store *s;
	struct actor who;
	unsigned long long rnd;
	int seq;       /* the next 9xx sequence number, kept unique by date */
	int64_t count; /* people added */
};

#define DEMO_N(t) (sizeof (t) / sizeof (t)[0])

/* The next number of the fixed pseudo-random sequence, 0..n-1. */
static unsigned demo_rand(struct demo_ctx *c, unsigned n)
{
	c->rnd = c->rnd * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((c->rnd >> 33) % n);
}

/* A valid, fictional ID number of region born on birth (yyyymmdd). */
static void demo_id_number(struct demo_ctx *c, const char *region, int birth,
			   char out[IDNUM_LEN + 1])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10,
				   5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int sum = 0;
	snprintf(out, IDNUM_LEN + 1, "%.6s%08d%03d", region, birth,
		 900 + c->seq++ % 100);
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = check[sum % 11];
	out[18] = '\0';
}

/* The id of the unit named name directly under parent (by name), or at
 * the root when parent is NULL. */
static int demo_unit_id(struct demo_ctx *c, const char *parent,
			const char *name, int64_t *out, struct err *e)
{
	struct store_value v[] = { STORE_T(name), STORE_T(parent) };
	if (store_int(c->s, parent ? "SELECT u.id FROM unit u JOIN unit p ON "
				     "p.id = u.parent_id WHERE u.name = ? AND "
				     "p.name = ?"
				   : "SELECT id FROM unit WHERE name = ? AND "
				     "parent_id IS NULL", v, parent ? 2 : 1,
		      out, e) != 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", "demo: no unit "
			       "%s under %s", name, parent ? parent : "none");
	return 0;
}

/* What one fictional person is. */
struct demo_person {
	const char *region;   /* six digits */
	int born_from, years; /* birth year range */
	const char *education, *school_tier;
	int64_t unit_id;
	const char *school; /* NULL: none */
};

static int demo_person_add(struct demo_ctx *c, const struct demo_person *d,
			   int64_t *id, struct err *e)
{
	char name[32], number[IDNUM_LEN + 1];
	int birth = (d->born_from + (int)demo_rand(c, (unsigned)d->years)) *
			    10000 + (int)(1 + demo_rand(c, 12)) * 100 +
		    (int)(1 + demo_rand(c, 28));
	snprintf(name, sizeof name, "%s某%s",
		 demo_surnames[demo_rand(c, DEMO_N(demo_surnames))],
		 demo_given[demo_rand(c, DEMO_N(demo_given))]);
	demo_id_number(c, d->region, birth, number);
	struct people_input in = {
		.name = name, .id_number = number,
		.ethnicity = demo_rand(c, 20) == 0 ? "03" : "01",
		.political_status = demo_rand(c, 5) == 0 ? "13" : "01",
		.education = d->education, .school_tier = d->school_tier,
		.school = d->school, .unit_id = d->unit_id,
	};
	c->count++;
	return people_add_in(c->s, &c->who, &in, id, e);
}

/* One employment of person in unit; post_level and rank may be NULL. */
struct demo_job {
	const char *staff_type, *title, *post_level, *rank;
	int64_t contract_id, pay_fen;
	const char *start, *end, *document;
};

static int demo_employ(struct demo_ctx *c, int64_t person, int64_t unit,
		       const struct demo_job *j, struct err *e)
{
	int64_t id;
	struct employments_input in = {
		.person_id = person, .unit_id = unit,
		.staff_type = j->staff_type, .title = j->title,
		.post_level = j->post_level, .rank = j->rank,
		.contract_id = j->contract_id,
		.monthly_pay_fen = j->pay_fen ? j->pay_fen : -1,
		.start_date = j->start, .start_document = j->document,
		.end_date = j->end,
	};
	return employments_add_in(c->s, &c->who, &in, &id, e);
}

static int demo_hire(struct demo_ctx *c, const struct demo_person *d,
		     const struct demo_job *j, struct err *e)
{
	int64_t person;
	if (demo_person_add(c, d, &person, e) != 0)
		return -1;
	return demo_employ(c, person, d->unit_id, j, e);
}

/* The titles of a department's chief and deputy by the last character of
 * its name: 局 局长, 部 部长, 委 书记, 会 主席, else 主任. */
static void demo_titles(const char *dept, const char **chief,
			const char **deputy)
{
	static const struct { const char *end, *chief, *deputy; } t[] = {
		{ "局", "局长", "副局长" }, { "部", "部长", "副部长" },
		{ "委", "书记", "副书记" }, { "会", "主席", "副主席" },
	};
	size_t n = strlen(dept);
	*chief = "主任";
	*deputy = "副主任";
	for (size_t i = 0; i < DEMO_N(t); i++)
		if (n >= 3 && strcmp(dept + n - 3, t[i].end) == 0) {
			*chief = t[i].chief;
			*deputy = t[i].deputy;
		}
}

/* The ids and names of the units of a kind under the unit named parent. */
static int demo_children(struct demo_ctx *c, const char *parent,
			 const char *kind, int64_t *ids, char names[][64],
			 size_t max, size_t *n, struct err *e)
{
	struct store_value v[] = { STORE_T(parent), STORE_T(kind) };
	struct store_stmt *st;
	int r;
	*n = 0;
	if (store_query(c->s, "SELECT u.id, u.name FROM unit u JOIN unit p ON "
			      "p.id = u.parent_id WHERE p.name = ? AND u.kind = "
			      "? ORDER BY u.id", v, 2, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1 && *n < max) {
		ids[*n] = store_col_int(st, 0);
		snprintf(names[*n], 64, "%s", store_col_text(st, 1));
		(*n)++;
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

#define DEMO_UNITS_MAX 64

/* TEDA's 35 departments: a chief and five deputies each (S1). */
static int demo_teda_cadres(struct demo_ctx *c, struct err *e)
{
	int64_t ids[DEMO_UNITS_MAX];
	char names[DEMO_UNITS_MAX][64];
	size_t n;
	if (demo_children(c, DEMO_TEDA, "department", ids, names,
			  DEMO_UNITS_MAX, &n, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *chief, *deputy;
		char title[96];
		demo_titles(names[i], &chief, &deputy);
		for (int k = 0; k < 6; k++) {
			struct demo_person d = { "120116", 1966, 16, "14",
						 NULL, ids[i], NULL };
			snprintf(title, sizeof title, "%s%s", names[i],
				 k == 0 ? chief : deputy);
			struct demo_job j = {
				"civil_servant", title,
				k == 0 ? "division_chief" : "division_deputy",
				k == 0 ? "researcher_1" : "researcher_3", 0, 0,
				k == 0 ? "2019-03-01" : "2021-07-01", NULL,
				k == 0 ? "津开党任〔2019〕8号"
				       : "津开党任〔2021〕15号" };
			d.school_tier = demo_rand(c, 3) == 0 ? "985" : "211";
			if (demo_hire(c, &d, &j, e) != 0)
				return -1;
		}
	}
	return 0;
}

/* TEDA's community work (S4): 8 social workers at each station under the
 * service centre's contract, and the communities' 11 formal posts. */
static int demo_teda_communities(struct demo_ctx *c, int64_t contract,
				 struct err *e)
{
	int64_t ids[DEMO_UNITS_MAX], station;
	char names[DEMO_UNITS_MAX][64], sname[96];
	size_t n;
	if (demo_children(c, "泰达社区管理区", "community", ids, names,
			  DEMO_UNITS_MAX, &n, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		snprintf(sname, sizeof sname, "%s社工站", names[i]);
		if (demo_unit_id(c, names[i], sname, &station, e) != 0)
			return -1;
		for (int k = 0; k < 8; k++) {
			struct demo_person d = { "120116", 1975, 25, "31", NULL,
						 station, NULL };
			struct demo_job j = { "social_worker", "社会工作者",
					      NULL, NULL, contract, 0,
					      "2026-01-01", "2028-12-31",
					      "泰达社服购〔2026〕1号" };
			if (demo_hire(c, &d, &j, e) != 0)
				return -1;
		}
		for (int k = 0; k < (i < 2 ? 2 : 1); k++) {
			struct demo_person d = { "120116", 1970, 20, "21", NULL,
						 ids[i], NULL };
			struct demo_job j = { "public_institution", "社区管理岗",
					      NULL, NULL, 0, 0, "2015-09-01",
					      NULL, "津开社任〔2015〕4号" };
			if (demo_hire(c, &d, &j, e) != 0)
				return -1;
		}
	}
	return 0;
}

/* In-system monthly pay of Hengqin's civil servants by rank (fen; the
 * seed gives none: figures near the dispatched grades of comparable
 * positions, as S3 says pay is "about the same", ± up to 300 yuan a
 * person). */
static const struct { const char *rank; int64_t fen; unsigned weight; }
	demo_hq_ranks[] = {
	{ "clerk_2", 660000, 10 },      { "clerk_1", 730000, 16 },
	{ "principal_4", 840000, 22 },  { "principal_3", 930000, 18 },
	{ "principal_2", 1040000, 14 }, { "principal_1", 1160000, 10 },
	{ "researcher_4", 1290000, 6 }, { "researcher_3", 1400000, 4 },
};

static size_t demo_hq_rank(struct demo_ctx *c)
{
	unsigned total = 0, r;
	for (size_t i = 0; i < DEMO_N(demo_hq_ranks); i++)
		total += demo_hq_ranks[i].weight;
	r = demo_rand(c, total);
	for (size_t i = 0; i < DEMO_N(demo_hq_ranks); i++) {
		if (r < demo_hq_ranks[i].weight)
			return i;
		r -= demo_hq_ranks[i].weight;
	}
	return 0;
}

/* The quota of a line of unit id. */
static int demo_quota_of(struct demo_ctx *c, int64_t id, const char *line,
			 int64_t *out, struct err *e)
{
	struct store_value v[] = { STORE_I(id), STORE_T(line) };
	return store_int(c->s, "SELECT coalesce(sum(count), 0) FROM quota "
			       "WHERE unit_id = ? AND line = ?", v, 2, out, e);
}

static int demo_hq_civil(struct demo_ctx *c, int64_t unit, int64_t n,
			 struct err *e)
{
	for (int64_t k = 0; k < n; k++) {
		size_t r = demo_hq_rank(c);
		struct demo_person d = { "440404", 1970, 28,
					 demo_rand(c, 3) == 0 ? "14" : "21",
					 NULL, unit, NULL };
		struct demo_job j = {
			"civil_servant", "科员", NULL, demo_hq_ranks[r].rank, 0,
			demo_hq_ranks[r].fen +
				((int64_t)demo_rand(c, 61) - 30) * 1000,
			"2016-09-01", NULL, "珠横组任〔2016〕21号" };
		d.school_tier = demo_rand(c, 4) == 0 ? "211" : NULL;
		if (demo_hire(c, &d, &j, e) != 0)
			return -1;
	}
	return 0;
}

/* TEDA's self-set establishment staff (S2): graduates of 985 and 211
 * universities, two in each of the first departments with such places. */
static int demo_teda_graduates(struct demo_ctx *c, struct err *e)
{
	/* Two of each tier (2026 lists): 985 first, then 211. */
	static const char *const schools[] = { "南开大学", "天津大学",
					       "天津医科大学", "河北工业大学" };
	int64_t ids[DEMO_UNITS_MAX], q;
	char names[DEMO_UNITS_MAX][64];
	size_t n;
	if (demo_children(c, DEMO_TEDA, "department", ids, names,
			  DEMO_UNITS_MAX, &n, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (demo_quota_of(c, ids[i], "self_set", &q, e) != 0)
			return -1;
		for (int64_t k = 0; k < q; k++) {
			unsigned t = demo_rand(c, 4);
			struct demo_person d = { "120116", 1996, 4, "14",
						 t < 2 ? "985" : "211", ids[i],
						 schools[t] };
			struct demo_job j = { "self_set", "综合管理岗", NULL,
					      "clerk_1", 0, 720000, "2024-07-01",
					      NULL, "津开人〔2024〕12号" };
			if (demo_hire(c, &d, &j, e) != 0)
				return -1;
		}
	}
	return 0;
}

/* Hengqin's departments filled to their quotas (S2). */
static int demo_hq_staff(struct demo_ctx *c, int64_t contract, struct err *e)
{
	int64_t ids[DEMO_UNITS_MAX], q;
	char names[DEMO_UNITS_MAX][64];
	size_t n;
	if (demo_children(c, DEMO_HQ, "department", ids, names, DEMO_UNITS_MAX,
			  &n, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (demo_quota_of(c, ids[i], "civil_servant", &q, e) != 0 ||
		    demo_hq_civil(c, ids[i], q, e) != 0 ||
		    demo_quota_of(c, ids[i], "public_institution", &q, e) != 0)
			return -1;
		for (int64_t k = 0; k < q; k++) {
			struct demo_person d = { "440404", 1975, 20, "21", NULL,
						 ids[i], NULL };
			struct demo_job j = { "public_institution", "专业技术岗",
					      NULL, NULL, 0, 850000,
					      "2017-03-01", NULL,
					      "珠横人〔2017〕6号" };
			if (demo_hire(c, &d, &j, e) != 0)
				return -1;
		}
		if (demo_quota_of(c, ids[i], "dispatched", &q, e) != 0)
			return -1;
		for (int64_t k = 0; k < q; k++) {
			struct demo_person d = { "440404", 1980, 22, "21", NULL,
						 ids[i], NULL };
			struct demo_job j = { "dispatched", "派遣岗位", NULL, NULL,
					      contract, 0, "2026-01-01",
					      "2028-12-31",
					      "珠横购〔2026〕1号" };
			if (demo_hire(c, &d, &j, e) != 0)
				return -1;
		}
	}
	return 0;
}

/* The agencies and their contracts, each its own transaction (before
 * the people's). */
static int demo_contract(struct app *a, const char *agency, const char *kind,
			 const char *buyer_parent, const char *buyer,
			 const struct agencies_contract_input *k,
			 int64_t *out, struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	struct agencies_input ai = { .name = agency, .kind = kind };
	struct agencies_contract_input ci = *k;
	struct demo_ctx c = { .s = app_acquire(a) };
	json_t *o = NULL;
	int rc = demo_unit_id(&c, buyer_parent, buyer, &ci.unit_id, e);
	app_release(a, c.s);
	if (rc != 0 || agencies_add(a, &cli, &ai, &o, e) != 0)
		return -1;
	ci.agency_id = json_integer_value(json_object_get(o, "id"));
	json_decref(o);
	if (agencies_contract_add(a, &cli, &ci, &o, e) != 0)
		return -1;
	*out = json_integer_value(json_object_get(o, "id"));
	json_decref(o);
	return 0;
}

struct demo_all {
	int64_t sw_contract, hq_contract, count;
};

static int demo_people_tx(struct store *s, void *vctx, struct err *e)
{
	struct demo_all *all = vctx;
	struct demo_ctx c = { .s = s, .who = APP_CLI_ACTOR, .rnd = 20260316 };
	if (demo_teda_cadres(&c, e) != 0 || demo_teda_graduates(&c, e) != 0 ||
	    demo_teda_communities(&c, all->sw_contract, e) != 0 ||
	    demo_hq_staff(&c, all->hq_contract, e) != 0)
		return -1;
	all->count = c.count;
	return 0;
}

int demo_people(struct app *a, int64_t *count, struct err *e)
{
	struct demo_all all = { 0 };
	struct agencies_contract_input sw = {
		.staff_type = "social_worker", .document = "泰达社服购〔2026〕1号",
		.headcount = 72, .start_date = "2026-01-01",
		.end_date = "2028-12-31", .price_fen = 72LL * 650000 * 36 };
	struct agencies_contract_input hq = {
		.staff_type = "dispatched", .document = "珠横购〔2026〕1号",
		.headcount = 202, .start_date = "2026-01-01",
		.end_date = "2028-12-31", .price_fen = 202LL * 900000 * 36 };
	if (demo_contract(a, "泰达社会服务中心（演示）", "social_service_centre",
			  DEMO_TEDA, "泰达社区管理区", &sw, &all.sw_contract,
			  e) != 0 ||
	    demo_contract(a, "横琴某人才派遣有限公司（演示）", "staffing_company",
			  NULL, DEMO_HQ, &hq, &all.hq_contract,
			  e) != 0)
		return -1;
	if (app_tx(a, demo_people_tx, &all, e) != 0)
		return -1;
	*count = all.count;
	return 0;
}
