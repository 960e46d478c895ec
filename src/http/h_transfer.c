/* h_transfer: spreadsheets in and out. Imports (of a kind, of a
 * selection campaign's applications or scores, of a plan's entries) take
 * the file as the raw body (XLSX or CSV, up to upload_limit) and answer
 * what was imported,
 * or 400 import_refused with every problem (row, column, header) and
 * nothing written. Exports answer a file to download with the list's own
 * filters and scope. Work in io/imports and io/exports. */
#include <stdio.h>
#include <string.h>

#include "app/assignments.h"
#include "app/employments.h"
#include "app/people.h"
#include "app/plans.h"
#include "http/handlers.h"
#include "io/exports.h"
#include "io/imports.h"
#include "io/imports_values.h"

#define H_TRANSFER_PROBLEMS_MAX 200 /* listed in an answer */

static int h_transfer_format(const struct request *rq, enum sheet_format *out,
			     struct err *e)
{
	const char *f = request_query(rq, "format");
	*out = SHEET_XLSX;
	if (!f || strcmp(f, "xlsx") == 0)
		return 0;
	if (strcmp(f, "csv") == 0) {
		*out = SHEET_CSV;
		return 0;
	}
	return err_set_at(e, ERR_INVALID, "invalid_query", "format",
			  "format is xlsx (the default) or csv");
}

static int h_transfer_kind(const struct request *rq, enum imports_kind *out,
			   struct err *e)
{
	if (rq->nparams < 1 || imports_kind_parse(rq->params[0], out) != 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			       "import of that kind: people, employments, pay or "
			       "assignments");
	return 0;
}

/* Sends the file in out as name.xlsx or name.csv. */
static void h_transfer_send(const struct request *rq, struct response *rs,
			    const struct buf *out, enum sheet_format f,
			    const char *name)
{
	char file[128];
	snprintf(file, sizeof file, "%s.%s", name,
		 f == SHEET_XLSX ? "xlsx" : "csv");
	response_file(rq, rs, out, f == SHEET_XLSX
		? "application/vnd.openxmlformats-officedocument."
		  "spreadsheetml.sheet"
		: "text/csv; charset=utf-8", file);
}

/* The end of a download handler: out sent as name when rc is 0, freed
 * either way; returns rc. */
static int h_transfer_done(const struct request *rq, struct response *rs,
			   int rc, struct buf *out, enum sheet_format f,
			   const char *name)
{
	if (rc == 0)
		h_transfer_send(rq, rs, out, f, name);
	buf_free(out);
	return rc;
}

HANDLER(h_imports_template)
{
	enum imports_kind k;
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	char name[96];
	if (h_transfer_kind(rq, &k, e) != 0 || h_transfer_format(rq, &f, e) ||
	    imports_template(k, f, &out, e) != 0) {
		buf_free(&out);
		return -1;
	}
	snprintf(name, sizeof name, "%s模板", imports_kind_title(k));
	h_transfer_send(rq, rs, &out, f, name);
	buf_free(&out);
	return 0;
}

/* 400 import_refused with every problem listed. */
static void h_imports_refused(struct response *rs, const struct err *e,
			      const struct imports_report *r)
{
	json_t *details = json_array();
	for (size_t i = 0; i < r->problems.n; i++) {
		const struct err *p = &r->problems.items[i];
		json_array_append_new(details, json_pack("{s:s,s:s,s:s}",
			"field", p->where, "code", p->id, "message", p->msg));
	}
	rs->json = json_pack("{s:{s:s,s:s,s:o,s:I,s:I}}", "error", "code",
			     e->id, "message", e->msg, "details", details,
			     "more", (json_int_t)r->problems.dropped,
			     "rows", (json_int_t)r->rows);
	rs->status = 400;
}

/* The body of an import and its name (?name=, else fallback); -1 when
 * there is no body. */
static int h_imports_body(const struct request *rq, const char *fallback,
			  const char **name, struct err *e)
{
	*name = request_query(rq, "name");
	if (!*name || !**name || strlen(*name) > 100)
		*name = fallback;
	if (!rq->body || rq->body_len == 0)
		return err_set(e, ERR_INVALID, "empty_body", "send the "
			       "spreadsheet (XLSX or CSV) as the request body");
	return 0;
}

/* The answer of an import that returned rc: 200 with done (taken) and
 * the counts, 400 import_refused with the problems, or the error. */
static int h_imports_answer(struct response *rs, int rc,
			    struct imports_report *r, json_t *done,
			    struct err *e)
{
	bool refused = rc != 0 && strcmp(e->id, "import_refused") == 0;
	if (rc == 0) {
		json_object_set_new(done, "rows", json_integer((json_int_t)
								r->rows));
		json_object_set_new(done, "imported", json_integer(
					(json_int_t)r->imported));
		response_json(rs, 200, done);
	} else {
		json_decref(done);
		if (refused)
			h_imports_refused(rs, e, r);
	}
	imports_report_free(r);
	return rc == 0 || refused ? 0 : -1;
}

HANDLER(h_imports_run)
{
	enum imports_kind k;
	struct imports_report r;
	struct actor who = request_actor(rq);
	const char *name;
	if (h_transfer_kind(rq, &k, e) != 0 ||
	    h_imports_body(rq, imports_kind_title(k), &name, e) != 0)
		return -1;
	int rc = imports_run(rq->app, &who, k, rq->body, rq->body_len, name,
			     &r, e);
	return h_imports_answer(rs, rc, &r, json_pack("{s:s}", "kind",
				imports_kind_name(k)), e);
}

HANDLER(h_imports_applications_template)
{
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int64_t id;
	int rc = request_id(rq, 0, &id, e) != 0 ||
		 h_transfer_format(rq, &f, e) != 0 ||
		 imports_applications_template(rq->app, id, f, &out, e)
		? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "报名信息模板");
}

/* A campaign's applications from the raw body, all or none. */
HANDLER(h_imports_applications)
{
	struct imports_report r;
	struct actor who = request_actor(rq);
	const char *name;
	int64_t id;
	if (request_id(rq, 0, &id, e) != 0 ||
	    h_imports_body(rq, "报名信息", &name, e) != 0)
		return -1;
	int rc = imports_applications(rq->app, &who, id, rq->body,
				      rq->body_len, name, &r, e);
	return h_imports_answer(rs, rc, &r, json_pack("{s:s}", "kind",
				"applications"), e);
}

HANDLER(h_imports_entries_template)
{
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	json_t *plan = NULL;
	int64_t id;
	int rc = request_id(rq, 0, &id, e) != 0 ||
		 h_transfer_format(rq, &f, e) != 0 ||
		 plans_get(rq->app, request_scope(rq), id, &plan, e) != 0 ||
		 imports_plan_entries_template(f, &out, e) ? -1 : 0;
	if (rc == 0)
		h_transfer_send(rq, rs, &out, f, "调整安置名单模板");
	json_decref(plan);
	buf_free(&out);
	return rc;
}

/* A plan's cadres with their proposals from the raw body, all or none. */
HANDLER(h_imports_entries)
{
	struct imports_report r;
	struct actor who = request_actor(rq);
	const char *name;
	int64_t id;
	if (request_id(rq, 0, &id, e) != 0 ||
	    h_imports_body(rq, "调整安置名单", &name, e) != 0)
		return -1;
	int rc = imports_plan_entries(rq->app, &who, id, rq->body,
				      rq->body_len, name, &r, e);
	return h_imports_answer(rs, rc, &r, json_pack("{s:s}", "kind",
				"plan_entries"), e);
}

/* A cycle's values sheet, for the importer's subjects. */
HANDLER(h_imports_values_template)
{
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int64_t id;
	int rc = request_id(rq, 0, &id, e) != 0 ||
		 h_transfer_format(rq, &f, e) != 0 ||
		 imports_values_template(rq->app, request_scope(rq), id, f,
					 &out, e) ? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "指标数据");
}

/* A cycle's values from the raw body, all or none. */
HANDLER(h_imports_values)
{
	struct imports_report r;
	struct actor who = request_actor(rq);
	const char *name;
	int64_t id;
	if (request_id(rq, 0, &id, e) != 0 ||
	    h_imports_body(rq, "指标数据", &name, e) != 0)
		return -1;
	int rc = imports_values(rq->app, &who, request_scope(rq), id,
				rq->body, rq->body_len, name, &r, e);
	return h_imports_answer(rs, rc, &r, json_pack("{s:s}", "kind",
				"values"), e);
}

/* The stage of a scores import or template: ?stage=written|interview. */
static const char *h_transfer_stage(const struct request *rq)
{
	return request_query(rq, "stage");
}

HANDLER(h_imports_scores_template)
{
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int64_t id;
	const char *stage = h_transfer_stage(rq);
	int rc = request_id(rq, 0, &id, e) != 0 ||
		 h_transfer_format(rq, &f, e) != 0 ||
		 imports_scores_template(rq->app, id, stage, f, &out, e)
		? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f,
			       stage && !strcmp(stage, "interview")
				       ? "面试成绩" : "笔试成绩");
}

/* A campaign's scores of ?stage= from the raw body, all or none. */
HANDLER(h_imports_scores)
{
	struct imports_report r;
	struct actor who = request_actor(rq);
	const char *name;
	const char *stage = h_transfer_stage(rq);
	int64_t id;
	if (request_id(rq, 0, &id, e) != 0 ||
	    h_imports_body(rq, "成绩", &name, e) != 0)
		return -1;
	int rc = imports_scores(rq->app, &who, id, stage, rq->body,
				rq->body_len, name, &r, e);
	return h_imports_answer(rs, rc, &r, json_pack("{s:s,s:s?}", "kind",
				"scores", "stage", stage), e);
}

HANDLER(h_exports_people)
{
	struct people_query q;
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int rc = h_people_query(rq, &q, e) != 0 ||
		 h_transfer_format(rq, &f, e) != 0 ||
		 exports_people(rq->app, request_scope(rq), &q, f, &out, e)
		 ? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "人员名单");
}

HANDLER(h_exports_employments)
{
	struct employments_query q;
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int rc = h_employments_query(rq, &q, e) != 0 ||
		 h_transfer_format(rq, &f, e) != 0 ||
		 exports_employments(rq->app, request_scope(rq), &q, f, &out,
				     e) ? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "任职记录");
}

HANDLER(h_exports_units)
{
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int rc = h_transfer_format(rq, &f, e) != 0 ||
		 exports_units(rq->app, request_scope(rq), f, &out, e) ? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "单位编制");
}

/* A computed cycle's results, or ?list=bonus the bonus list. */
HANDLER(h_exports_results)
{
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	const char *list = request_query(rq, "list");
	bool bonus = list && !strcmp(list, "bonus");
	int64_t id;
	if (list && !bonus)
		return err_set_at(e, ERR_INVALID, "invalid_query", "list",
				  "list is bonus, or absent for all results");
	int rc = request_id(rq, 0, &id, e) != 0 ||
		 h_transfer_format(rq, &f, e) != 0 ||
		 exports_cycle_results(rq->app, request_scope(rq), id, bonus, f,
				       &out, e) ? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f,
			       bonus ? "奖金名单" : "考核结果");
}

HANDLER(h_exports_pay_scale)
{
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int rc = h_transfer_format(rq, &f, e) != 0 ||
		 exports_pay_scale(rq->app, f, &out, e) ? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "薪酬体系");
}

HANDLER(h_exports_pay_parity)
{
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int rc = h_transfer_format(rq, &f, e) != 0 ||
		 exports_pay_parity(rq->app, request_query(rq, "date"), f, &out,
				    e) ? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "同工同酬");
}

HANDLER(h_exports_agencies)
{
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int rc = h_transfer_format(rq, &f, e) != 0 ||
		 exports_agencies(rq->app, f, &out, e) ? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "派遣与购买服务");
}

/* A redeployment plan's entries, with the entry list's filters. */
HANDLER(h_exports_plan)
{
	struct plans_query q = { 0 };
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int64_t id;
	int rc = request_id(rq, 0, &id, e) != 0 ||
		 h_plans_query(rq, &q, e) != 0 ||
		 h_transfer_format(rq, &f, e) != 0 ||
		 exports_plan(rq->app, request_scope(rq), id, &q, f, &out, e)
		? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "调整安置名单");
}

HANDLER(h_exports_assignments)
{
	struct assignments_query q;
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int rc = h_assignments_query(rq, &q, e) != 0 ||
		 h_transfer_format(rq, &f, e) != 0 ||
		 exports_assignments(rq->app, request_scope(rq), &q, f, &out,
				     e) ? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "一线干部");
}

HANDLER(h_exports_projects)
{
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int rc = h_transfer_format(rq, &f, e) != 0 ||
		 exports_projects(rq->app, f, &out, e) ? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "招商项目");
}

/* An open selection campaign's applications in ranking order. */
HANDLER(h_exports_selection)
{
	enum sheet_format f = SHEET_XLSX;
	struct buf out = BUF_INIT;
	int64_t id;
	int rc = request_id(rq, 0, &id, e) != 0 ||
		 h_transfer_format(rq, &f, e) != 0 ||
		 exports_selection(rq->app, id, f, &out, e) ? -1 : 0;
	return h_transfer_done(rq, rs, rc, &out, f, "选拔成绩");
}
