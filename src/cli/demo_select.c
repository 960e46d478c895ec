/* demo_select: the demo's two selection campaigns (S5), made through the
 * services (app/selections) as the CLI actor, so that every rule and
 * audit record is the real one:
 * - Zhuhai's city-wide open selection for Hengqin (珠海市面向全市公开选拔
 *   横琴新区处级干部): two posts — 商务局 and 发展改革局 deputy heads —
 *   for civil servants of 40 or under, principal_3 or above for two years,
 *   with a bachelor's degree; the sixteen youngest of the demo's Hengqin
 *   civil servants apply (those who do not meet a rule are refused with the
 *   reason), the eligible sit the written exam, the shortlist at 1:3, the
 *   interviews, and the ranking: left at "ranked", for the assessor to
 *   appoint (the receiving units' quotas are full, so the appointment
 *   needs a reason — as it would);
 * - TEDA's recruitment of graduates (天津经济技术开发区应届高校毕业生
 *   招录): a self-set establishment post in 政策研究室 for masters of 30
 *   or under from 211 schools; eight fictional graduates (entered as
 *   people without a unit) apply; left open for applications.
 * Dates are fixed, like most of the demo. */
#include "cli/demo.h"

#include <stdio.h>
#include <string.h>

#include "app/people.h"
#include "app/selections.h"
#include "core/idnum.h"

#define DEMO_HQ "珠海横琴新区管委会"
#define DEMO_TEDA "天津经济技术开发区管委会"
#define DEMO_N(t) (sizeof (t) / sizeof (t)[0])
#define DEMO_HQ_APPLICANTS 16

/* The graduates: name, the first 17 digits of the ID number, education,
 * school, tier. */
static const struct demo_graduate {
	const char *name, *id17, *education, *school, *tier;
} demo_graduates[] = {
	{ "韩某甲", "12011620010315901", "14", "南开大学", "985" },
	{ "曹某乙", "12011620000708902", "14", "天津大学", "985" },
	{ "魏某丙", "12011619990921903", "14", "河北工业大学", "211" },
	{ "潘某丁", "12011620020102904", "14", "天津财经大学", "other" },
	{ "杜某戊", "12011620010611905", "21", "天津师范大学", "other" },
	{ "戴某己", "12011619941230906", "14", "南开大学", "985" },
	{ "夏某庚", "12011620000417907", "11", "天津医科大学", "211" },
	{ "钟某辛", "12011620010825908", "14", "天津工业大学", "other" },
};

static int demo_select_unit(struct app *a, const char *parent,
			    const char *name, int64_t *out, struct err *e)
{
	struct store_value v[] = { STORE_T(name), STORE_T(parent) };
	struct store *s = app_acquire(a);
	int rc = store_int(s, "SELECT u.id FROM unit u JOIN unit p ON p.id = "
			      "u.parent_id WHERE u.name = ? AND p.name = ?",
			   v, 2, out, e);
	app_release(a, s);
	return rc != 0 ? err_set(e, ERR_NOT_FOUND, "not_found", "demo: no "
				 "unit %s", name) : 0;
}

/* The campaign's id from a selections_* answer (taken). */
static int64_t demo_campaign_id(json_t *out)
{
	int64_t id = json_integer_value(json_object_get(json_object_get(out,
						"selection"), "id"));
	json_decref(out);
	return id;
}

/* Adds a post; *post its id (the last of the campaign's posts). */
static int demo_post(struct app *a, int64_t id,
		     const struct selections_post_input *in, int64_t *post,
		     struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	json_t *out = NULL;
	if (selections_add_post(a, &cli, id, in, &out, e) != 0)
		return -1;
	json_t *posts = json_object_get(out, "posts");
	*post = json_integer_value(json_object_get(
		json_array_get(posts, json_array_size(posts) - 1), "id"));
	json_decref(out);
	return 0;
}

/* A score from 60 to 95 that differs between applicants (k) and stages
 * (salt), with tenths: what a demo needs, not a distribution. */
static double demo_score(int64_t k, int salt)
{
	return 60 + (double)((k * 37 + salt * 11) % 351) / 10.0;
}

/* The scores of stage for the eligible (written) or shortlisted
 * (interview) applications of the campaign, as the API takes them. */
static int demo_scores(struct app *a, int64_t id, const char *stage,
		       struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	json_t *c = NULL, *x, *scores = json_array(), *out = NULL;
	size_t i;
	bool written = !strcmp(stage, "written");
	if (selections_get(a, id, &c, e) != 0) {
		json_decref(scores);
		return -1;
	}
	json_array_foreach(json_object_get(c, "applications"), i, x) {
		bool takes = written ? json_is_true(json_object_get(x, "eligible"))
				     : json_is_true(json_object_get(x,
								    "shortlisted"));
		int64_t app = json_integer_value(json_object_get(x, "id"));
		if (takes)
			json_array_append_new(scores, json_pack(
				"{s:I,s:f}", "application_id", (json_int_t)app,
				"score", demo_score(app, written ? 1 : 2)));
	}
	json_decref(c);
	int rc = selections_scores(a, &cli, id, stage, scores, &out, e);
	json_decref(scores);
	json_decref(out);
	return rc;
}

static int demo_hengqin(struct app *a, struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	struct selections_input in = {
		.name = "珠海市2026年面向全市公开选拔横琴新区处级干部",
		.kind = "selection", .as_of = "2026-09-30",
		.written_weight = 40, .ratio = 3,
		.document = "珠组通〔2026〕18号" };
	json_t *out = NULL, *rules = json_pack(
		"{s:i,s:s,s:s,s:i,s:s,s:[s]}", "age_max", 40, "rank_lowest",
		"principal_3", "rank_highest", "researcher_4", "years_min", 2,
		"education", "bachelor", "staff_types", "civil_servant");
	int64_t id, units[2], posts[2];
	int rc = -1;
	if (selections_add(a, &cli, &in, &out, e) != 0)
		goto out;
	id = demo_campaign_id(out);
	out = NULL;
	static const char *const names[2] = { "商务局", "发展改革局" };
	for (int k = 0; k < 2; k++) {
		struct selections_post_input p = {
			.title = k ? "发展改革局副局长" : "商务局副局长",
			.staff_type = "civil_servant",
			.post_level = "division_deputy",
			.rank = "principal_1", .places = 1, .rules = rules };
		if (demo_select_unit(a, DEMO_HQ, names[k], &units[k], e) != 0)
			goto out;
		p.unit_id = units[k];
		if (demo_post(a, id, &p, &posts[k], e) != 0)
			goto out;
	}
	/* The sixteen youngest Hengqin civil servants with a rank, from the
	 * other departments, alternating between the posts. */
	struct store_value v[] = { STORE_T(DEMO_HQ), STORE_I(units[0]),
				   STORE_I(units[1]) };
	struct store *s = app_acquire(a);
	struct store_stmt *st;
	int64_t people[DEMO_HQ_APPLICANTS];
	size_t n = 0;
	int r = store_query(s, "SELECT p.id FROM person p JOIN unit u ON u.id "
			       "= p.unit_id JOIN unit r ON r.id = u.parent_id "
			       "WHERE r.name = ? AND p.staff_type = "
			       "'civil_servant' AND p.rank IS NOT NULL AND "
			       "u.id NOT IN (?, ?) ORDER BY p.birth_date DESC, "
			       "p.id LIMIT 16",
			    v, 3, &st, e);
	if (r == 0) {
		while ((r = store_step(st, e)) == 1 && n < DEMO_HQ_APPLICANTS)
			people[n++] = store_col_int(st, 0);
		store_finish(st);
	}
	app_release(a, s);
	if (r < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (selections_apply(a, &cli, id, posts[i % 2], people[i], &out,
				     e) != 0)
			goto out;
		json_decref(out);
		out = NULL;
	}
	if (demo_scores(a, id, "written", e) != 0 ||
	    selections_shortlist(a, &cli, id, &out, e) != 0)
		goto out;
	json_decref(out);
	out = NULL;
	if (demo_scores(a, id, "interview", e) != 0 ||
	    selections_rank(a, &cli, id, &out, e) != 0)
		goto out;
	rc = 0;
out:
	json_decref(out);
	json_decref(rules);
	return rc;
}

static int demo_teda(struct app *a, struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	struct selections_input in = {
		.name = "天津经济技术开发区2026年应届高校毕业生招录",
		.kind = "recruitment", .as_of = "2026-12-31",
		.written_weight = 50, .ratio = 3,
		.document = "津开组〔2026〕45号" };
	json_t *out = NULL, *rules = json_pack(
		"{s:i,s:s,s:s}", "age_max", 30, "education", "master",
		"school_tier", "211");
	int64_t id, unit, post;
	int rc = -1;
	struct selections_post_input p = {
		.title = "综合研究岗", .staff_type = "self_set", .places = 2,
		.rules = rules };
	if (selections_add(a, &cli, &in, &out, e) != 0)
		goto out;
	id = demo_campaign_id(out);
	out = NULL;
	if (demo_select_unit(a, DEMO_TEDA, "政策研究室", &unit, e) != 0)
		goto out;
	p.unit_id = unit;
	if (demo_post(a, id, &p, &post, e) != 0)
		goto out;
	for (size_t i = 0; i < DEMO_N(demo_graduates); i++) {
		const struct demo_graduate *g = &demo_graduates[i];
		char number[IDNUM_LEN + 1];
		int64_t person;
		snprintf(number, sizeof number, "%s%c", g->id17,
			 idnum_check_digit(g->id17));
		struct people_input pi = {
			.name = g->name, .id_number = number,
			.ethnicity = "01", .political_status = "03",
			.education = g->education, .school = g->school,
			.school_tier = g->tier };
		if (people_add(a, &cli, &pi, &out, e) != 0)
			goto out;
		person = json_integer_value(json_object_get(out, "id"));
		json_decref(out);
		out = NULL;
		if (selections_apply(a, &cli, id, post, person, &out, e) != 0)
			goto out;
		json_decref(out);
		out = NULL;
	}
	rc = 0;
out:
	json_decref(out);
	json_decref(rules);
	return rc;
}

int demo_selections(struct app *a, int64_t *people, struct err *e)
{
	if (demo_hengqin(a, e) != 0 || demo_teda(a, e) != 0)
		return -1;
	*people = (int64_t)DEMO_N(demo_graduates);
	return 0;
}
