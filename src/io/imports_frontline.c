/* imports_frontline: the spreadsheets of the frontline (S5) besides
 * assignments: investment projects, the cadres of a redeployment plan
 * with their proposals, and the applications of an open selection
 * campaign. Each row goes through the service's *_in function in the
 * file's one transaction (io/imports_int.h); the rules and audit records
 * are the services'. Must not know about HTTP. */
#include "imports.h"
#include "imports_int.h"

#include <stdio.h>
#include <string.h>

#include "app/people.h"
#include "app/plans.h"
#include "app/projects.h"
#include "app/selections.h"
#include "app/units.h"

#define IMPORTS_AMOUNT_MAX 1000000000000LL /* yuan: a sanity limit */

/* --- investment projects ------------------------------------------------------ */

const struct imports_col imports_projects_cols[] = {
	{ "name", "项目名称", true, "示例新能源电池项目", NULL },
	{ "investor", "投资方", true, "示例新能源科技有限公司", NULL },
	{ "industry", "行业", true, "新能源", NULL },
	{ "amount", "投资额（元）", true, "500000000", "amount_fen" },
	{ "unit", "建设单位", true, "天津经济技术开发区管委会/西区",
	  "unit_id" },
	{ "commissioner", "服务专员身份证号", false, "",
	  "commissioner_id" },
	{ "signed_on", "签约日期", true, "2027-03-01", NULL },
	{ "target_start", "计划开工日期", true, "2027-09-01", NULL },
	{ NULL, NULL, false, NULL, NULL },
};

/* A project with the template's approval steps (app/projects' rules and
 * audit record). */
int imports_project(struct imports_ctx *c, struct store *s,
		    const struct imports_row *r, struct err *e)
{
	char signed_on[DAY_TEXT_LEN + 1], target[DAY_TEXT_LEN + 1];
	const char *amount = imports_v(c, r, "amount");
	const char *unit = imports_v(c, r, "unit");
	const char *commissioner = imports_v(c, r, "commissioner");
	struct projects_new in = {
		.name = imports_v(c, r, "name"),
		.investor = imports_v(c, r, "investor"),
		.industry = imports_v(c, r, "industry"),
		.signed_on = imports_date(imports_v(c, r, "signed_on"),
					  signed_on),
		.target_start = imports_date(imports_v(c, r, "target_start"),
					     target),
	};
	int64_t id;
	if (!amount || !unit)
		return err_set_at(e, ERR_INVALID, "missing_field",
				  amount ? "unit" : "amount", "the %s is "
				  "missing", amount ? "unit" : "amount (yuan)");
	if (imports_fen(amount, "amount", IMPORTS_AMOUNT_MAX, "the amount",
			&in.amount_fen, e) != 0 ||
	    units_find(s, unit, "unit", &in.unit_id, e) != 0 ||
	    (commissioner && people_find(s, commissioner, "commissioner",
					 &in.commissioner_id, e) != 0))
		return -1;
	return projects_add_in(s, c->who, &in, &id, e);
}

/* --- the entries of a redeployment plan --------------------------------------- */

static const struct imports_col imports_entries_cols[] = {
	{ "id_number", "身份证号", true, "120116198808089029", "person_id" },
	{ "route", "安置去向", false, "招商一线", NULL },
	{ "receiving_unit", "接收单位", false,
	  "天津经济技术开发区管委会/西区", "receiving_unit_id" },
	{ NULL, NULL, false, NULL, NULL },
};

/* When e refuses a person already on the plan by an earlier row of this
 * file, says so by that row. */
static void imports_twice(const struct imports_ctx *c, int64_t person,
			  const char *id, const char *what, struct err *e)
{
	uint32_t line = strcmp(e->id, id) ? 0 : imports_span_row(c, person);
	if (line)
		snprintf(e->msg, sizeof e->msg, "the person %s on %s %u of "
			 "this file already", what, imports_line_word(c),
			 line);
}

static int imports_entry(struct imports_ctx *c, struct store *s,
			 const struct imports_row *r, struct err *e)
{
	const char *person = imports_v(c, r, "id_number");
	const char *unit = imports_v(c, r, "receiving_unit");
	struct plans_proposal p = { .route = imports_v(c, r, "route") };
	int64_t pid, entry;
	if (!person)
		return err_set_at(e, ERR_INVALID, "missing_field", "id_number",
				  "the ID number is missing");
	if (unit && !p.route)
		return err_set_at(e, ERR_INVALID, "missing_field", "route",
				  "a receiving unit is proposed with its route "
				  "(安置去向)");
	if (people_find(s, person, "id_number", &pid, e) != 0 ||
	    (unit && units_find(s, unit, "receiving_unit",
				&p.receiving_unit_id, e) != 0))
		return -1;
	if (plans_entry_add_in(s, c->who, c->target, pid, &entry, e) != 0) {
		imports_twice(c, pid, "already_in_plan", "is added", e);
		return -1;
	}
	imports_span_add(c, pid, "", "");
	return p.route ? plans_propose_in(s, c->who, c->target, entry, &p, e)
		       : 0;
}

int imports_plan_entries(struct app *a, const struct actor *who, int64_t plan,
			 const void *data, size_t len, const char *name,
			 struct imports_report *r, struct err *e)
{
	struct imports_ctx c = { .who = who, .cols = imports_entries_cols,
				 .row = imports_entry, .target = plan, .r = r };
	json_t *found = NULL;
	memset(r, 0, sizeof *r);
	if (plans_get(a, UNITS_SCOPE_ALL, plan, &found, e) != 0)
		return -1;
	json_decref(found);
	return imports_file(a, &c, data, len, name, e);
}

int imports_plan_entries_template(enum sheet_format f, struct buf *out,
				  struct err *e)
{
	return imports_cols_template(imports_entries_cols, "调整安置名单", f,
				     out, e);
}

/* --- the applications of an open selection campaign --------------------------- */

static const struct imports_col imports_applications_cols[] = {
	{ "id_number", "身份证号", true, "120116198808089029", "person_id" },
	{ "post", "岗位", true, "综合科科员", "post_id" },
	{ "unit", "单位", false, "", NULL },
	{ NULL, NULL, false, NULL, NULL },
};

/* The post of the campaign (posts, as selections_get) titled title, at
 * the unit written (when given). */
static int imports_post(struct store *s, const json_t *posts,
			const char *title, const char *unit, int64_t *out,
			struct err *e)
{
	int64_t unit_id = 0;
	size_t i, n = 0;
	json_t *p;
	if (unit && units_find(s, unit, "unit", &unit_id, e) != 0)
		return -1;
	json_array_foreach(posts, i, p) {
		if (strcmp(json_string_value(json_object_get(p, "title")),
			   title) != 0 ||
		    (unit_id && json_integer_value(json_object_get(
					p, "unit_id")) != unit_id))
			continue;
		*out = json_integer_value(json_object_get(p, "id"));
		n++;
	}
	if (n == 0)
		return err_set_at(e, ERR_INVALID, "unknown_post",
				  unit ? "unit" : "post", "the campaign has no "
				  "post '%.60s'%s", title, unit ? " at that unit"
								: "");
	if (n > 1)
		return err_set_at(e, ERR_INVALID, "ambiguous_post", "unit",
				  "%zu posts of the campaign are titled "
				  "'%.60s': write the unit (单位) too", n, title);
	return 0;
}

/* The campaign's posts, read before the transaction: a campaign takes
 * applications only while open, and the service checks the post again. */
struct imports_apply_ctx {
	struct imports_ctx c;  /* first: the row function gets &c */
	const json_t *posts;
};

static int imports_application(struct imports_ctx *c, struct store *s,
			       const struct imports_row *r, struct err *e)
{
	const struct imports_apply_ctx *x = (const struct imports_apply_ctx *)c;
	const char *person = imports_v(c, r, "id_number");
	const char *post = imports_v(c, r, "post");
	int64_t pid, post_id = 0, id;
	if (!person || !post)
		return err_set_at(e, ERR_INVALID, "missing_field",
				  person ? "post" : "id_number", "the %s is "
				  "missing", person ? "post" : "ID number");
	if (people_find(s, person, "id_number", &pid, e) != 0 ||
	    imports_post(s, x->posts, post, imports_v(c, r, "unit"), &post_id,
			 e) != 0)
		return -1;
	if (selections_apply_in(s, c->who, c->target, post_id, pid, &id,
				e) != 0) {
		imports_twice(c, pid, "already_applied", "applies", e);
		return -1;
	}
	imports_span_add(c, pid, "", "");
	return 0;
}

int imports_applications(struct app *a, const struct actor *who,
			 int64_t selection, const void *data, size_t len,
			 const char *name, struct imports_report *r,
			 struct err *e)
{
	struct imports_apply_ctx x = {
		.c = { .who = who, .cols = imports_applications_cols,
		       .row = imports_application, .target = selection,
		       .r = r } };
	json_t *campaign = NULL;
	memset(r, 0, sizeof *r);
	if (selections_get(a, selection, &campaign, e) != 0)
		return -1;
	x.posts = json_object_get(campaign, "posts");
	int rc = imports_file(a, &x.c, data, len, name, e);
	json_decref(campaign);
	return rc;
}

int imports_applications_template(struct app *a, int64_t selection,
				  enum sheet_format f, struct buf *out,
				  struct err *e)
{
	struct imports_col cols[4];
	json_t *campaign = NULL;
	if (selections_get(a, selection, &campaign, e) != 0)
		return -1;
	const json_t *first = json_array_get(json_object_get(campaign,
							     "posts"), 0);
	memcpy(cols, imports_applications_cols, sizeof cols);
	if (first) {
		cols[1].example = json_string_value(json_object_get(first,
								    "title"));
		cols[2].example = json_string_value(json_object_get(first,
								    "unit"));
	}
	int rc = imports_cols_template(cols, "报名信息", f, out, e);
	json_decref(campaign);
	return rc;
}
