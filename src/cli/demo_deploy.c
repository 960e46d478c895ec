/* demo_deploy: the frontline of the demo (S5), made through the services
 * (assignments_add, assignments_end, projects_add, projects_step_done,
 * projects_start) as the CLI actor, so that every rule and audit record is
 * the real one.
 *
 * Unlike the rest of the demo, whose dates are fixed, these dates are
 * counted in days from the day `kaohe demo` runs: an assignment's state
 * (current, ending soon, overdue) and an approval step's (overdue) are
 * worked out against today, and the demo is there to show each of them.
 * A demo database opened months later has moved on accordingly.
 *
 * What it adds:
 * - TEDA: six postings of division deputies of its departments: two
 *   secondments to parks (one current, one ended), two to the
 *   investment frontline (one current, one planned), two grassroots
 *   postings to communities (one ending soon, one overdue);
 * - Liangjiang: three service commissioners (fictional cadres of 招商投资局,
 *   规划和自然资源局 and 政务服务局, each with a commissioner assignment)
 *   and six signed investment projects on the template's five approval
 *   steps: two started (120 and 150 days from signing to start), one with
 *   an overdue step, two under way on time, one with every step done
 *   waiting to start; so the commissioners' figures differ. */
#include "cli/demo.h"

#include <stdio.h>

#include "app/assignments.h"
#include "app/employments.h"
#include "app/people.h"
#include "app/projects.h"
#include "base/wallclock.h"
#include "core/day.h"
#include "core/idnum.h"

#define DEMO_TEDA "天津经济技术开发区管委会"
#define DEMO_TEDA_COMMUNITIES "泰达社区管理区"
#define DEMO_LJ "重庆两江新区管委会"
#define DEMO_N(t) (sizeof (t) / sizeof (t)[0])
#define DEMO_STEPS 5 /* the template's approval steps (app/projects) */

/* A posting of TEDA: the deputy of department home sent to the unit work
 * under parent. Days count from today; ended 0: not ended. */
static const struct demo_posting {
	const char *home, *kind, *parent, *work;
	int start, end, ended;
	const char *purpose;
} demo_postings[] = {
	{ "投资促进局", "secondment", DEMO_TEDA, "南港工业区", -200, 165, 0,
	  "挂职园区管委会副主任，负责重点企业服务" },
	{ "商务局", "frontline", DEMO_TEDA, "西区", -90, 275, 0,
	  "驻西区招商一线，对接汽车零部件产业链企业" },
	{ "组织部", "grassroots", DEMO_TEDA_COMMUNITIES, "泰丰社区", -300, 20,
	  0, "下沉社区任党委副书记，抓基层党建" },
	{ "财政局", "grassroots", DEMO_TEDA_COMMUNITIES, "泰康社区", -380, -15,
	  0, "下沉社区协助网格化管理" },
	{ "发展改革局", "secondment", DEMO_TEDA, "逸仙科学工业园", -420, -40,
	  -45, "挂职园区，推进科技成果转化平台建设" },
	{ "科技和工业促进局", "frontline", DEMO_TEDA, "微电子工业区", 14, 379,
	  0, "驻微电子工业区招商一线" },
};

/* Liangjiang's service commissioners: a fictional cadre of department
 * home, working for the projects at unit work. */
static const struct demo_commissioner {
	const char *name, *id17, *home, *rank, *work;
} demo_commissioners[] = {
	{ "程某午", "50011219830514951", "招商投资局", "principal_1",
	  "两江新区政务服务中心" },
	{ "邹某未", "50011219870923952", "规划和自然资源局", "principal_2",
	  "招商投资局" },
	{ "蒋某申", "50011219900211953", "政务服务局", "principal_3",
	  "招商投资局" },
};

/* A signed project on the template's steps; days count from today; a
 * step's done 0: not yet; started 0: not yet; rating: the enterprise's
 * rating of the commissioner at the start (0: none yet). */
static const struct demo_project {
	const char *name, *investor, *industry;
	int64_t amount_fen;
	size_t commissioner;
	int signed_on, target, done[DEMO_STEPS], started, rating;
} demo_projects[] = {
	{ "某新能源汽车电驱系统项目", "重庆某动力科技有限公司（演示）",
	  "新能源汽车", 350000000000, 0, -200, -60,
	  { -190, -150, -120, -115, -85 }, -80, 92 },
	{ "某功率半导体封测基地", "某半导体（重庆）有限公司（演示）",
	  "电子信息", 200000000000, 1, -300, -120,
	  { -290, -250, -220, -215, -160 }, -150, 85 },
	{ "某生物医药产业园项目", "某生物科技集团（演示）", "生物医药",
	  120000000000, 0, -70, 90, { -60, 0, 0, 0, 0 }, 0, 0 },
	{ "某工业机器人研发制造项目", "某智能装备股份有限公司（演示）",
	  "高端装备", 80000000000, 1, -40, 150, { -30, 0, 0, 0, 0 }, 0, 0 },
	{ "某数据中心项目", "某云计算有限公司（演示）", "数字经济",
	  150000000000, 2, -130, 10, { -120, -80, -50, -45, -20 }, 0, 0 },
	{ "某新型显示材料项目", "某新材料有限公司（演示）", "新材料",
	  60000000000, 2, -5, 200, { 0 }, 0, 0 },
};

struct demo_deploy {
	struct app *a;
	int today;
	int64_t commissioners[DEMO_N(demo_commissioners)];
	struct demo_deploy_counts n;
};

/* Today plus days as yyyy-mm-dd. */
static const char *demo_day(const struct demo_deploy *d, int days,
			    char out[DAY_TEXT_LEN + 1])
{
	day_format(day_add(d->today, days), out);
	return out;
}

/* One id from a query with text parameters; ERR_NOT_FOUND naming what. */
static int demo_lookup(struct demo_deploy *d, const char *sql,
		       const struct store_value *v, size_t nv, const char *what,
		       int64_t *out, struct err *e)
{
	struct store *s = app_acquire(d->a);
	int rc = store_int(s, sql, v, nv, out, e);
	app_release(d->a, s);
	if (rc != 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", "demo: no %s",
			       what);
	return 0;
}

static int demo_unit(struct demo_deploy *d, const char *parent,
		     const char *name, int64_t *out, struct err *e)
{
	struct store_value v[] = { STORE_T(name), STORE_T(parent) };
	return demo_lookup(d, "SELECT u.id FROM unit u JOIN unit p ON p.id = "
			      "u.parent_id WHERE u.name = ? AND p.name = ?",
			   v, 2, name, out, e);
}

/* The first division deputy of a TEDA department (demo_people's). */
static int demo_deputy(struct demo_deploy *d, const char *dept, int64_t *out,
		       struct err *e)
{
	struct store_value v[] = { STORE_T(dept), STORE_T(DEMO_TEDA) };
	return demo_lookup(d, "SELECT e.person_id FROM employment e JOIN unit "
			      "u ON u.id = e.unit_id JOIN unit p ON p.id = "
			      "u.parent_id WHERE u.name = ? AND p.name = ? AND "
			      "e.post_level = 'division_deputy' ORDER BY "
			      "e.person_id LIMIT 1", v, 2, dept, out, e);
}

static int demo_send(struct demo_deploy *d, struct assignments_input *in,
		     int ended, struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	json_t *out = NULL;
	char last[DAY_TEXT_LEN + 1];
	if (assignments_add(d->a, &cli, in, &out, e) != 0) {
		fprintf(stderr, "kaohe: demo: sending person %lld:\n",
			(long long)in->person_id);
		return -1;
	}
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	d->n.assignments++;
	if (!ended)
		return 0;
	if (assignments_end(d->a, &cli, id, demo_day(d, ended, last), &out,
			    e) != 0)
		return -1;
	json_decref(out);
	return 0;
}

static int demo_teda_postings(struct demo_deploy *d, struct err *e)
{
	for (size_t i = 0; i < DEMO_N(demo_postings); i++) {
		const struct demo_posting *p = &demo_postings[i];
		char start[DAY_TEXT_LEN + 1], end[DAY_TEXT_LEN + 1], doc[64];
		struct assignments_input in = {
			.kind = p->kind, .purpose = p->purpose,
			.start_date = demo_day(d, p->start, start),
			.end_date = demo_day(d, p->end, end), .document = doc };
		snprintf(doc, sizeof doc, "津开组〔%d〕%zu号",
			 day_add(d->today, p->start) / 10000, 11 + i);
		if (demo_deputy(d, p->home, &in.person_id, e) != 0 ||
		    demo_unit(d, p->parent, p->work, &in.working_unit_id,
			      e) != 0 ||
		    demo_send(d, &in, p->ended, e) != 0)
			return -1;
	}
	return 0;
}

/* The commissioners as people with a post in their home department, in
 * one transaction. */
static int demo_commissioners_tx(struct store *s, void *vctx, struct err *e)
{
	struct demo_deploy *d = vctx;
	struct actor cli = APP_CLI_ACTOR;
	for (size_t i = 0; i < DEMO_N(demo_commissioners); i++) {
		const struct demo_commissioner *c = &demo_commissioners[i];
		char number[IDNUM_LEN + 1];
		int64_t unit = 0, job;
		struct store_value v[] = { STORE_T(c->home), STORE_T(DEMO_LJ) };
		if (store_int(s, "SELECT u.id FROM unit u JOIN unit p ON p.id = "
				 "u.parent_id WHERE u.name = ? AND p.name = ?",
			      v, 2, &unit, e) != 0)
			return -1;
		snprintf(number, sizeof number, "%s%c", c->id17,
			 idnum_check_digit(c->id17));
		struct people_input p = {
			.name = c->name, .id_number = number, .ethnicity = "01",
			.political_status = "01", .education = "21",
			.unit_id = unit };
		struct employments_input m = {
			.unit_id = unit, .staff_type = "civil_servant",
			.title = "项目服务专员", .rank = c->rank,
			.monthly_pay_fen = -1, .start_date = "2020-07-01",
			.start_document = "渝两江组任〔2020〕12号" };
		if (people_add_in(s, &cli, &p, &d->commissioners[i], e) != 0)
			return -1;
		m.person_id = d->commissioners[i];
		if (employments_add_in(s, &cli, &m, &job, e) != 0)
			return -1;
	}
	d->n.people = (int64_t)DEMO_N(demo_commissioners);
	return 0;
}

static int demo_lj_commissioners(struct demo_deploy *d, struct err *e)
{
	char start[DAY_TEXT_LEN + 1], end[DAY_TEXT_LEN + 1];
	if (app_tx(d->a, demo_commissioners_tx, d, e) != 0)
		return -1;
	for (size_t i = 0; i < DEMO_N(demo_commissioners); i++) {
		struct assignments_input in = {
			.person_id = d->commissioners[i],
			.kind = "commissioner",
			.start_date = demo_day(d, -400, start),
			.end_date = demo_day(d, 330, end),
			.purpose = "服务专员代办制：全程代办签约项目的审批手续",
			.document = "渝两江组〔2025〕21号",
			.assessed_by_home = true };
		if (demo_unit(d, DEMO_LJ, demo_commissioners[i].work,
			      &in.working_unit_id, e) != 0 ||
		    demo_send(d, &in, 0, e) != 0)
			return -1;
	}
	return 0;
}

/* The steps done and the start of one project made from p. */
static int demo_progress(struct demo_deploy *d, const struct demo_project *p,
			 json_t *made, struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	int64_t id = json_integer_value(json_object_get(made, "id"));
	char on[DAY_TEXT_LEN + 1];
	json_t *steps = json_object_get(made, "steps"), *out = NULL;
	for (size_t k = 0; k < DEMO_STEPS && k < json_array_size(steps); k++) {
		if (!p->done[k])
			continue;
		int64_t step = json_integer_value(json_object_get(
			json_array_get(steps, k), "id"));
		if (projects_step_done(d->a, &cli, id, step,
				       demo_day(d, p->done[k], on), &out,
				       e) != 0)
			return -1;
		json_decref(out);
	}
	if (!p->started)
		return 0;
	if (projects_start(d->a, &cli, id, demo_day(d, p->started, on), &out,
			   e) != 0)
		return -1;
	json_decref(out);
	if (!p->rating)
		return 0;
	if (projects_rate(d->a, &cli, id, p->rating, on, &out, e) != 0)
		return -1;
	json_decref(out);
	return 0;
}

static int demo_lj_projects(struct demo_deploy *d, struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	int64_t lj = 0;
	struct store_value v[] = { STORE_T(DEMO_LJ) };
	if (demo_lookup(d, "SELECT id FROM unit WHERE name = ? AND parent_id "
			   "IS NULL", v, 1, DEMO_LJ, &lj, e) != 0)
		return -1;
	for (size_t i = 0; i < DEMO_N(demo_projects); i++) {
		const struct demo_project *p = &demo_projects[i];
		char sd[DAY_TEXT_LEN + 1], ts[DAY_TEXT_LEN + 1];
		struct projects_new in = {
			.name = p->name, .investor = p->investor,
			.industry = p->industry, .amount_fen = p->amount_fen,
			.unit_id = lj,
			.commissioner_id = d->commissioners[p->commissioner],
			.signed_on = demo_day(d, p->signed_on, sd),
			.target_start = demo_day(d, p->target, ts) };
		json_t *made = NULL;
		if (projects_add(d->a, &cli, &in, &made, e) != 0) {
			fprintf(stderr, "kaohe: demo: adding project '%s':\n",
				p->name);
			return -1;
		}
		int rc = demo_progress(d, p, made, e);
		json_decref(made);
		if (rc != 0)
			return -1;
		d->n.projects++;
	}
	return 0;
}

int demo_deploy(struct app *a, struct demo_deploy_counts *out,
		struct err *e)
{
	struct demo_deploy d = { .a = a, .today = wallclock_today() };
	if (demo_teda_postings(&d, e) != 0 || demo_lj_commissioners(&d, e) != 0 ||
	    demo_lj_projects(&d, e) != 0)
		return -1;
	*out = d.n;
	return 0;
}
