/* cmd_demo: `kaohe demo`: fills a database made by `kaohe init` with the
 * seed's units and quotas (S1, S2, S4) and an assessor account, so that
 * `make run` opens on something to look at. Every unit, function list and
 * quota line goes through the units service as the CLI actor, so the
 * rules and the audit log are those of the web form. Each call is its own
 * transaction: if one fails, the command says which and exits 1, leaving
 * what was made before it (a demo database is thrown away, not repaired).
 * A database that has any unit already is left alone (exit 0).
 *
 * What it makes (the numbers are the seed's; tests/cli/demo.test.mjs
 * checks them):
 * - three management committees at the root: TEDA, Liangjiang, Hengqin;
 * - TEDA (S1): 35 departments, 政策研究室 carrying 政策研究, 法制办 and
 *   司法局; each with a civil_servant quota, one division_chief post and
 *   five division_deputy posts: 35 x 6 = 210 division-level posts (S1:
 *   about 210 division-level cadres); the first 10 with 2 self-set
 *   establishment places (S2: 自定编制 for 985/211 graduates); five parks
 *   of "one zone, ten parks" (no quotas);
 * - TEDA's community work (S4): the communities sit under a functional
 *   zone, 泰达社区管理区 (docs/org.md: a community sits under the body
 *   governing its ground; a zone may hold communities, a committee may
 *   not). Nine communities, each with a 社工站 holding a social_worker
 *   quota of 8; the 11 formal establishment posts of community
 *   management are public_institution quotas on the communities
 *   (2 + 2 + 7 x 1 = 11);
 * - Liangjiang (S1): 16 departments (组织部 carrying 组织, 编办, 人力社保),
 *   each with a civil_servant quota, and 3 directly affiliated
 *   institutions;
 * - Hengqin (S2): 6 departments whose civil_servant quotas sum to 108,
 *   public_institution to 9 and dispatched to 202 (200+);
 * - the people and their posts (demo_people.c);
 * - Hengqin's pay scale for dispatched staff (demo_pay.c);
 * - the frontline (S5, demo_deploy.c): TEDA's secondments, frontline and
 *   grassroots postings, Liangjiang's service commissioners and six
 *   investment projects, dated from the day the command runs;
 * - the account zuzhibu (组织部考核办, assessor), one-time password
 *   printed once. */
#include <stdio.h>

#include "app/units.h"
#include "app/users.h"
#include "cli/cli.h"
#include "cli/demo.h"

#define DEMO_DATE "2026-03-16"
#define DEMO_DOC_TEDA "津开编〔2026〕3号"
#define DEMO_DOC_LJ "渝两江编〔2026〕5号"
#define DEMO_DOC_HQ "珠横编〔2026〕2号"
#define DEMO_DIVISION_DEPUTIES 5 /* per TEDA department, with 1 chief */
#define DEMO_SELF_SET_DEPTS 10   /* TEDA departments with 2 self-set places */

/* A department: its civil_servant quota and, for the super-departments
 * the seed names (S1), the functions it carries (NULL-terminated). */
struct demo_dept {
	const char *name;
	int civil_servant;
	const char *const *functions;
};

static const char *const demo_teda_prs[] = { "政策研究", "法制办", "司法局",
					     NULL };
static const char *const demo_lj_org[] = { "组织", "编办", "人力社保", NULL };

static const struct demo_dept demo_teda[] = {
	{ "办公室", 24, NULL }, { "政策研究室", 12, demo_teda_prs },
	{ "组织部", 14, NULL }, { "宣传部", 8, NULL }, { "统战部", 6, NULL },
	{ "纪工委", 12, NULL }, { "投资促进局", 20, NULL }, { "财政局", 16, NULL },
	{ "发展改革局", 14, NULL }, { "科技和工业促进局", 14, NULL }, { "商务局", 12, NULL },
	{ "人力资源和社会保障局", 12, NULL }, { "建设和交通局", 16, NULL },
	{ "规划和国土资源局", 14, NULL }, { "环境保护局", 10, NULL },
	{ "城市管理局", 12, NULL }, { "社会发展局", 10, NULL }, { "教育局", 8, NULL },
	{ "卫生和计划生育局", 8, NULL }, { "文化体育局", 6, NULL },
	{ "安全生产监督管理局", 10, NULL }, { "市场监督管理局", 16, NULL },
	{ "审计局", 8, NULL }, { "统计局", 6, NULL }, { "行政审批局", 18, NULL },
	{ "国有资产管理局", 8, NULL }, { "金融服务局", 8, NULL }, { "外事办公室", 6, NULL },
	{ "信访办公室", 6, NULL }, { "应急管理办公室", 6, NULL }, { "机关事务管理局", 8, NULL },
	{ "档案局", 6, NULL }, { "口岸办公室", 6, NULL }, { "综合执法局", 14, NULL },
	{ "工会", 6, NULL },
};

static const char *const demo_teda_parks[] = {
	"西区", "南港工业区", "逸仙科学工业园", "微电子工业区", "中区",
};

static const char *const demo_communities[] = {
	"泰丰社区", "泰达社区", "泰康社区", "泰华社区", "泰成社区",
	"泰兴社区", "泰鑫社区", "泰和社区", "泰宁社区",
};

static const struct demo_dept demo_lj[] = {
	{ "办公室", 18, NULL }, { "组织部", 12, demo_lj_org }, { "宣传部", 6, NULL },
	{ "纪工委", 10, NULL }, { "财政局", 14, NULL }, { "经济运行局", 12, NULL },
	{ "招商投资局", 20, NULL }, { "规划和自然资源局", 14, NULL },
	{ "建设管理局", 16, NULL }, { "生态环境局", 8, NULL }, { "社会发展局", 10, NULL },
	{ "政务服务局", 14, NULL }, { "市场监督管理局", 12, NULL }, { "法制局", 6, NULL },
	{ "审计局", 6, NULL }, { "应急管理局", 8, NULL },
};

static const char *const demo_lj_affiliates[] = {
	"两江新区开发投资集团", "两江新区土地储备整治中心",
	"两江新区政务服务中心",
};

static const struct {
	const char *name;
	int civil_servant, public_institution, dispatched;
} demo_hq[] = {
	{ "综合管理办公室", 24, 3, 40 }, { "发展改革局", 20, 2, 36 },
	{ "商务局", 18, 2, 34 }, { "财政局", 16, 1, 32 },
	{ "建设环保局", 16, 1, 30 }, { "社会事务局", 14, 0, 30 },
};

#define DEMO_N(t) (sizeof (t) / sizeof (t)[0])

/* Adds a unit; *id is its id. */
static int demo_unit(struct app *a, const char *name, const char *kind,
		     int64_t parent, int64_t *id, struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	struct units_input in = { .name = name, .kind = kind,
				  .parent_id = parent };
	json_t *out = NULL;
	if (units_add(a, &cli, &in, &out, e) != 0) {
		fprintf(stderr, "kaohe: demo: adding unit '%s':\n", name);
		return -1;
	}
	*id = (int64_t)json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	return 0;
}

/* Sets a quota line of unit id; a count of 0 sets nothing. */
static int demo_quota(struct app *a, int64_t id, const char *line_kind,
		      const char *line, int64_t count, const char *doc,
		      struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	struct units_quota q = { .line_kind = line_kind, .line = line,
				 .count = count, .document = doc,
				 .approved_on = DEMO_DATE };
	json_t *out = NULL;
	if (count == 0)
		return 0;
	if (units_set_quota(a, &cli, id, &q, &out, e) != 0) {
		fprintf(stderr, "kaohe: demo: setting quota %s of unit %lld:\n",
			line, (long long)id);
		return -1;
	}
	json_decref(out);
	return 0;
}

static int demo_functions(struct app *a, int64_t id,
			  const char *const *names, struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	json_t *out = NULL;
	size_t n = 0;
	while (names[n])
		n++;
	if (units_set_functions(a, &cli, id, names, n, &out, e) != 0) {
		fprintf(stderr, "kaohe: demo: setting functions of unit %lld:\n",
			(long long)id);
		return -1;
	}
	json_decref(out);
	return 0;
}

/* A department with its civil_servant quota and its functions. */
static int demo_dept(struct app *a, int64_t parent, const struct demo_dept *d,
		     const char *doc, int64_t *id, struct err *e)
{
	if (demo_unit(a, d->name, "department", parent, id, e) != 0 ||
	    demo_quota(a, *id, "staff", "civil_servant", d->civil_servant,
		       doc, e) != 0)
		return -1;
	return d->functions ? demo_functions(a, *id, d->functions, e) : 0;
}

/* 泰达社区管理区 (a zone), its nine communities and their stations. */
static int demo_teda_communities(struct app *a, int64_t teda, struct err *e)
{
	int64_t zone, community, station;
	char name[UNITS_NAME_MAX * 4];
	if (demo_unit(a, "泰达社区管理区", "zone", teda, &zone, e) != 0)
		return -1;
	for (size_t i = 0; i < DEMO_N(demo_communities); i++) {
		snprintf(name, sizeof name, "%s社工站", demo_communities[i]);
		if (demo_unit(a, demo_communities[i], "community", zone,
			      &community, e) != 0 ||
		    demo_quota(a, community, "staff", "public_institution",
			       i < 2 ? 2 : 1, DEMO_DOC_TEDA, e) != 0 ||
		    demo_unit(a, name, "station", community, &station, e) != 0 ||
		    demo_quota(a, station, "staff", "social_worker", 8,
			       DEMO_DOC_TEDA, e) != 0)
			return -1;
	}
	return 0;
}

static int demo_teda_units(struct app *a, struct err *e)
{
	int64_t teda, id;
	if (demo_unit(a, "天津经济技术开发区管委会", "committee", 0, &teda,
		      e) != 0)
		return -1;
	for (size_t i = 0; i < DEMO_N(demo_teda); i++) {
		if (demo_dept(a, teda, &demo_teda[i], DEMO_DOC_TEDA, &id,
			      e) != 0 ||
		    demo_quota(a, id, "post", "division_chief", 1,
			       DEMO_DOC_TEDA, e) != 0 ||
		    demo_quota(a, id, "post", "division_deputy",
			       DEMO_DIVISION_DEPUTIES, DEMO_DOC_TEDA, e) != 0 ||
		    demo_quota(a, id, "staff", "self_set",
			       i < DEMO_SELF_SET_DEPTS ? 2 : 0, DEMO_DOC_TEDA,
			       e) != 0)
			return -1;
	}
	for (size_t i = 0; i < DEMO_N(demo_teda_parks); i++)
		if (demo_unit(a, demo_teda_parks[i], "park", teda, &id, e) != 0)
			return -1;
	return demo_teda_communities(a, teda, e);
}

static int demo_lj_units(struct app *a, struct err *e)
{
	int64_t lj, id;
	if (demo_unit(a, "重庆两江新区管委会", "committee", 0, &lj, e) != 0)
		return -1;
	for (size_t i = 0; i < DEMO_N(demo_lj); i++)
		if (demo_dept(a, lj, &demo_lj[i], DEMO_DOC_LJ, &id, e) != 0)
			return -1;
	for (size_t i = 0; i < DEMO_N(demo_lj_affiliates); i++)
		if (demo_unit(a, demo_lj_affiliates[i], "affiliate", lj, &id,
			      e) != 0)
			return -1;
	return 0;
}

static int demo_hq_units(struct app *a, struct err *e)
{
	int64_t hq, id;
	if (demo_unit(a, "珠海横琴新区管委会", "committee", 0, &hq, e) != 0)
		return -1;
	for (size_t i = 0; i < DEMO_N(demo_hq); i++) {
		if (demo_unit(a, demo_hq[i].name, "department", hq, &id, e) != 0 ||
		    demo_quota(a, id, "staff", "civil_servant",
			       demo_hq[i].civil_servant, DEMO_DOC_HQ, e) != 0 ||
		    demo_quota(a, id, "staff", "public_institution",
			       demo_hq[i].public_institution, DEMO_DOC_HQ,
			       e) != 0 ||
		    demo_quota(a, id, "staff", "dispatched",
			       demo_hq[i].dispatched, DEMO_DOC_HQ, e) != 0)
			return -1;
	}
	return 0;
}

static int demo_account(struct app *a, struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	struct users_new in = { .username = "zuzhibu",
				.display_name = "组织部考核办",
				.roles = ROLE_ASSESSOR };
	json_t *out = NULL;
	if (users_add(a, &cli, &in, &out, e) != 0) {
		fprintf(stderr, "kaohe: demo: adding account 'zuzhibu':\n");
		return -1;
	}
	printf("One-time password (shown only now; it must be changed at "
	       "first login):\n  %-9s %-9s %s\n", "zuzhibu", "assessor",
	       json_string_value(json_object_get(out, "password")));
	json_decref(out);
	return 0;
}

int cmd_demo(struct cli *c)
{
	struct app a;
	struct err e = ERR_INIT;
	int64_t units = 0;
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (cli_open(c, &a, &e) != 0)
		return cli_fail(&e);
	struct store *s = app_acquire(&a);
	rc = store_int(s, "SELECT count(*) FROM unit", NULL, 0, &units, &e);
	app_release(&a, s);
	if (rc == 0 && units > 0) {
		printf("The database has %lld units already; no demo data "
		       "was added.\n", (long long)units);
	} else if (rc == 0) {
		int64_t people = 0, placed = 0, graduates = 0;
		struct demo_deploy_counts fl = { 0 };
		rc = demo_teda_units(&a, &e) == 0 && demo_lj_units(&a, &e) == 0 &&
		     demo_hq_units(&a, &e) == 0 &&
		     demo_people(&a, &people, &e) == 0 &&
		     demo_pay(&a, &placed, &e) == 0 &&
		     demo_deploy(&a, &fl, &e) == 0 &&
		     demo_plans(&a, &e) == 0 &&
		     demo_selections(&a, &graduates, &e) == 0 &&
		     demo_account(&a, &e) == 0 ? 0 : -1;
		int64_t postings = 0, cadres = 0;
		s = app_acquire(&a);
		if (rc == 0 &&
		    (store_int(s, "SELECT count(*) FROM assignment", NULL, 0,
			       &postings, &e) != 0 ||
		     store_int(s, "SELECT count(*) FROM plan_entry", NULL, 0,
			       &cadres, &e) != 0))
			rc = -1;
		app_release(&a, s);
		if (rc == 0)
			printf("Demo data added: 3 management committees, their "
			       "departments, communities and quotas, %lld "
			       "people with their posts, the pay scale of "
			       "dispatched staff with %lld on it, %lld "
			       "frontline assignments, %lld investment "
			       "projects, a redeployment plan of %lld cadres "
			       "and 2 selection campaigns.\n",
			       (long long)(people + fl.people + graduates),
			       (long long)placed, (long long)postings,
			       (long long)fl.projects, (long long)cadres);
	}
	app_close(&a);
	return rc == 0 ? CLI_OK : cli_fail(&e);
}
