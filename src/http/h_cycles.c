/* h_cycles: assessment cycles kept in the server (app/cycles,
 * io/cycle_folder). The organisation department (assessor) runs them;
 * reporters read the cycles with subjects of their unit and enter those
 * subjects' values while the cycle is open. Parsing here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cycles.h"
#include "app/routine.h"
#include "app/units.h"
#include "base/xmalloc.h"
#include "http/body.h"
#include "http/handlers.h"
#include "io/cycle_folder.h"

/* The {subject} path parameter (after {id}). */
static const char *h_cycles_subject(const struct request *rq)
{
	return rq->nparams > 1 ? rq->params[1] : "";
}

HANDLER(h_cycles_list)
{
	json_t *out;
	if (cycles_list(rq->app, request_scope(rq), &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_cycles_get)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    cycles_get(rq->app, request_scope(rq), id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_cycles_values)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    cycles_values(rq->app, request_scope(rq), id,
			  request_query(rq, "subject"), &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_cycles_value_set)
{
	static const char *const fields[] = { "subject", "indicator", "actual",
					      "target", "source", NULL };
	struct cycles_value v;
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || body_only(b, fields, e) != 0 ||
	    body_string(b, "subject", true, 512, &v.subject, e) != 0 ||
	    body_string(b, "indicator", true, 512, &v.indicator, e) != 0 ||
	    body_string(b, "actual", true, 64, &v.actual, e) != 0 ||
	    body_string(b, "target", false, 64, &v.target, e) != 0 ||
	    body_string(b, "source", false, 1024, &v.source, e) != 0 ||
	    cycles_value_set(rq->app, &who, id, &v, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_cycles_value_delete)
{
	struct cycles_value v = { request_query(rq, "subject"),
				  request_query(rq, "indicator"), NULL, NULL,
				  NULL };
	struct actor who = request_actor(rq);
	int64_t id;
	if (request_id(rq, 0, &id, e) != 0 ||
	    cycles_value_delete(rq->app, &who, id, &v, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:b}", "deleted", 1));
	return 0;
}

HANDLER(h_cycles_subject_unit)
{
	static const char *const fields[] = { "unit_id", NULL };
	struct actor who = request_actor(rq);
	int64_t id, unit;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_int(rq->json, "unit_id", 0, 0, INT64_MAX, &unit, e) != 0 ||
	    cycles_subject_unit(rq->app, &who, id, h_cycles_subject(rq), unit,
				e) != 0 ||
	    cycles_get(rq->app, UNITS_SCOPE_ALL, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_cycles_open)
{
	static const char *const fields[] = { "deadline", NULL };
	struct actor who = request_actor(rq);
	const char *deadline;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "deadline", true, 32, &deadline, e) != 0 ||
	    cycles_open(rq->app, &who, id, deadline, e) != 0 ||
	    cycles_get(rq->app, UNITS_SCOPE_ALL, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* 400 with every problem the engine's loader found. */
static void h_cycles_refused(struct response *rs, const struct err *e,
			     const struct err_list *l)
{
	json_t *details = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(details, json_pack("{s:s,s:s,s:s}",
			"field", l->items[i].where, "code", l->items[i].id,
			"message", l->items[i].msg));
	rs->json = json_pack("{s:{s:s,s:s,s:o,s:I}}", "error", "code", e->id,
			     "message", e->msg, "details", details, "more",
			     (json_int_t)l->dropped);
	rs->status = 400;
}

HANDLER(h_cycles_compute)
{
	struct actor who = request_actor(rq);
	struct err_list errs = ERR_LIST_INIT;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0)
		return -1;
	int rc = cycle_folder_compute(rq->app, &who, id, &errs, e);
	if (rc != 0 && strcmp(e->id, "workbook_refused") == 0) {
		h_cycles_refused(rs, e, &errs);
		err_list_free(&errs);
		return 0;
	}
	err_list_free(&errs);
	if (rc != 0 || cycles_results(rq->app, UNITS_SCOPE_ALL, id, &out, e))
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_cycles_confirm)
{
	struct actor who = request_actor(rq);
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    cycle_folder_confirm(rq->app, &who, id, e) != 0 ||
	    cycles_get(rq->app, UNITS_SCOPE_ALL, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_cycles_results)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    cycles_results(rq->app, request_scope(rq), id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* One subject's result, its trace and its explanation in words. */
HANDLER(h_cycles_result)
{
	const char *lang = request_query(rq, "lang");
	struct buf text = BUF_INIT;
	int64_t id;
	json_t *out;
	if (lang && strcmp(lang, "zh") && strcmp(lang, "en"))
		return err_set_at(e, ERR_INVALID, "invalid_query", "lang",
				  "lang is zh (the default) or en");
	int64_t scope = request_scope(rq);
	struct actor who = request_actor(rq);
	bool mine = false;
	if (request_id(rq, 0, &id, e) != 0)
		return -1;
	/* A cadre reads the subject that is he or she, nobody else's. */
	if (scope == UNITS_SCOPE_NONE &&
	    routine_is_mine(rq->app, &who, id, h_cycles_subject(rq), &mine,
			    e) != 0)
		return -1;
	if (mine)
		scope = UNITS_SCOPE_ALL;
	if (cycles_result(rq->app, scope, id, h_cycles_subject(rq), &out,
			  e) != 0)
		return -1;
	json_t *profile = NULL;
	if (cycle_folder_explain(rq->app, id, h_cycles_subject(rq),
				 lang && !strcmp(lang, "en") ? NARRATE_EN
							     : NARRATE_ZH,
				 &text, &profile, e) != 0) {
		json_decref(out);
		buf_free(&text);
		return -1;
	}
	json_object_set_new(out, "explanation", json_string(buf_str(&text)));
	json_object_set_new(out, "profile", profile);
	buf_free(&text);
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_cycles_adjust)
{
	static const char *const fields[] = { "subject", "grade", "reason",
					      NULL };
	struct cycles_adjustment in;
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || body_only(b, fields, e) != 0 ||
	    body_string(b, "subject", true, 512, &in.subject, e) != 0 ||
	    body_string(b, "grade", true, 512, &in.grade, e) != 0 ||
	    body_string(b, "reason", false, 8192, &in.reason, e) != 0 ||
	    cycles_adjust(rq->app, &who, id, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_cycles_adjustments)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    cycles_adjustments(rq->app, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* {"cycle": {a whole cycle.json}}: the draft's results and the subjects
 * whose grade would change; nothing is stored. */
HANDLER(h_cycles_whatif)
{
	static const char *const fields[] = { "cycle", NULL };
	struct err_list errs = ERR_LIST_INIT;
	json_t *cycle = json_object_get(rq->json, "cycle"), *out;
	int64_t id;
	if (request_id(rq, 0, &id, e) != 0 || body_only(rq->json, fields, e))
		return -1;
	if (!json_is_object(cycle))
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.cycle",
				  "cycle is the whole cycle.json of the draft "
				  "(an object)");
	char *text = json_dumps(cycle, JSON_INDENT(2));
	int rc = cycle_folder_whatif(rq->app, id, text, &out, &errs, e);
	free(text);
	if (rc != 0 && strcmp(e->id, "workbook_refused") == 0) {
		h_cycles_refused(rs, e, &errs);
		rc = 0;
	} else if (rc == 0) {
		response_json(rs, 200, out);
	}
	err_list_free(&errs);
	return rc;
}

/* A workbook folder as a ZIP (the raw body) becomes a new cycle. */
HANDLER(h_cycles_add)
{
	struct actor who = request_actor(rq);
	struct err_list errs = ERR_LIST_INIT;
	json_t *out;
	if (!rq->body || rq->body_len == 0)
		return err_set(e, ERR_INVALID, "empty_body", "send the "
			       "workbook folder as a ZIP file in the body");
	int rc = cycle_folder_import_zip(rq->app, &who, rq->body, rq->body_len,
					 &out, &errs, e);
	if (rc != 0 && strcmp(e->id, "workbook_refused") == 0) {
		h_cycles_refused(rs, e, &errs);
		rc = 0;
	} else if (rc == 0) {
		response_json(rs, 201, out);
	}
	err_list_free(&errs);
	return rc;
}

/* A new draft cycle with this one's definition, schemes and subjects,
 * its reporting units and people: {"code", "name"}. */
HANDLER(h_cycles_copy)
{
	static const char *const fields[] = { "code", "name", NULL };
	struct actor who = request_actor(rq);
	struct err_list errs = ERR_LIST_INIT;
	const char *code, *name;
	json_t *out = NULL, *from = NULL;
	int64_t id;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "code", true, 128, &code, e) != 0 ||
	    body_string(rq->json, "name", true, 1024, &name, e) != 0 ||
	    cycles_get(rq->app, UNITS_SCOPE_ALL, id, &from, e) != 0)
		return -1;
	json_decref(from);
	int rc = cycle_folder_copy(rq->app, &who, id, code, name, &out, &errs,
				   e);
	if (rc != 0 && strcmp(e->id, "workbook_refused") == 0) {
		h_cycles_refused(rs, e, &errs);
		rc = 0;
	} else if (rc == 0) {
		int64_t to = json_integer_value(json_object_get(out, "id"));
		rc = cycles_copy_links(rq->app, &who, id, to, e);
		json_decref(out);
		out = NULL;
		if (rc == 0)
			rc = cycles_get(rq->app, UNITS_SCOPE_ALL, to, &out, e);
		if (rc == 0)
			response_json(rs, 201, out);
	}
	err_list_free(&errs);
	return rc;
}

#define H_CYCLES_MORE_MAX 10000 /* subjects added at once */

/* Subjects of a draft cycle from the records: {"people": [ids]} or
 * {"units": [ids]}, "category", "scheme". */
HANDLER(h_cycles_more_subjects)
{
	static const char *const fields[] = { "people", "units", "category",
					      "scheme", NULL };
	struct actor who = request_actor(rq);
	struct err_list errs = ERR_LIST_INIT;
	const json_t *b = rq->json;
	const char *category, *scheme;
	json_t *out = NULL, *x;
	int64_t id;
	size_t i;
	if (request_id(rq, 0, &id, e) != 0 || body_only(b, fields, e) != 0 ||
	    body_string(b, "category", true, 256, &category, e) != 0 ||
	    body_string(b, "scheme", true, 256, &scheme, e) != 0)
		return -1;
	const json_t *people = json_object_get(b, "people");
	const json_t *units = json_object_get(b, "units");
	const json_t *list = people ? people : units;
	if (!people == !units || !json_is_array(list) ||
	    json_array_size(list) == 0 ||
	    json_array_size(list) > H_CYCLES_MORE_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field",
				  people ? "$.people" : "$.units", "give people "
				  "or units: a list of 1 to %d ids",
				  H_CYCLES_MORE_MAX);
	int64_t *ids = xcalloc(json_array_size(list), sizeof *ids);
	json_array_foreach(list, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) <= 0) {
			free(ids);
			char where[48];
			snprintf(where, sizeof where, "$.%s[%zu]",
				 people ? "people" : "units", i);
			return err_set_at(e, ERR_INVALID, "invalid_field", where,
					  "an id is a positive whole number");
		}
		ids[i] = json_integer_value(x);
	}
	int rc = cycle_folder_add_subjects(rq->app, &who, id, people != NULL,
					   ids, json_array_size(list), category,
					   scheme, &out, &errs, e);
	free(ids);
	if (rc != 0 && strcmp(e->id, "workbook_refused") == 0) {
		h_cycles_refused(rs, e, &errs);
		rc = 0;
	} else if (rc != 0 && !strncmp(e->where, "ids[", 4)) {
		char where[64];
		snprintf(where, sizeof where, "$.%s%s",
			 people ? "people" : "units", e->where + 3);
		snprintf(e->where, sizeof e->where, "%s", where);
	} else if (rc == 0) {
		response_json(rs, 201, out);
	}
	err_list_free(&errs);
	return rc;
}

/* The cycle's workbook folder as a ZIP, for `kaohe assess run`. */
HANDLER(h_cycles_workbook)
{
	struct buf zip = BUF_INIT;
	char name[160];
	int64_t id;
	json_t *c = NULL;
	int rc = request_id(rq, 0, &id, e) != 0 ||
		 cycles_get(rq->app, UNITS_SCOPE_ALL, id, &c, e) != 0 ||
		 cycle_folder_zip(rq->app, id, &zip, e) != 0 ? -1 : 0;
	if (rc == 0) {
		snprintf(name, sizeof name, "%s.zip",
			 json_string_value(json_object_get(c, "code")));
		response_file(rq, rs, &zip, "application/zip", name);
	}
	json_decref(c);
	buf_free(&zip);
	return rc;
}

/* Which subjects have not reported what. */
HANDLER(h_cycles_completeness)
{
	struct err_list errs = ERR_LIST_INIT;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0)
		return -1;
	int rc = cycle_folder_completeness(rq->app, request_scope(rq), id,
					   &out, &errs, e);
	if (rc != 0 && strcmp(e->id, "workbook_refused") == 0) {
		h_cycles_refused(rs, e, &errs);
		rc = 0;
	} else if (rc == 0) {
		response_json(rs, 200, out);
	}
	err_list_free(&errs);
	return rc;
}

/* {"from_cycle_id"}: the unit grades of this cycle from a confirmed team
 * cycle's results (S12). */
HANDLER(h_cycles_unit_grades)
{
	static const char *const fields[] = { "from_cycle_id", NULL };
	struct actor who = request_actor(rq);
	int64_t id, from;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_int(rq->json, "from_cycle_id", 0, 1, INT64_MAX, &from, e) ||
	    cycles_link_unit_grades(rq->app, &who, id, from, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* ?path=cycle.json or schemes/NAME.json: the file as JSON. */
HANDLER(h_cycles_file_get)
{
	const char *path = request_query(rq, "path");
	int64_t id;
	json_t *out;
	json_t *cycle = NULL;
	if (path && strcmp(path, "cycle.json") && strncmp(path, "schemes/", 8))
		return err_set_at(e, ERR_INVALID, "invalid_query", "path",
				  "path is cycle.json or schemes/NAME.json");
	/* Within scope: a reporter reads the cycles with its subjects. */
	if (request_id(rq, 0, &id, e) != 0 ||
	    cycles_get(rq->app, request_scope(rq), id, &cycle, e) != 0)
		return -1;
	json_decref(cycle);
	if (!path) { /* the list */
		if (cycles_files(rq->app, id, &out, e) != 0)
			return -1;
		response_json(rs, 200, out);
		return 0;
	}
	if (cycles_get_file(rq->app, id, path, &out, e) != 0)
		return -1;
	json_t *content = json_loads(json_string_value(json_object_get(out,
							"body")), 0, NULL);
	json_object_del(out, "body");
	json_object_set_new(out, "content", content ? content : json_null());
	response_json(rs, 200, out);
	return 0;
}

/* {"path", "content": {…}}: a configuration file of a draft cycle,
 * checked with the whole workbook first. */
HANDLER(h_cycles_file_put)
{
	static const char *const fields[] = { "path", "content", NULL };
	struct actor who = request_actor(rq);
	struct err_list errs = ERR_LIST_INIT;
	json_t *content = json_object_get(rq->json, "content");
	const char *path;
	int64_t id;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "path", true, 256, &path, e) != 0)
		return -1;
	if (!json_is_object(content))
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.content",
				  "content is the file's JSON object");
	char *text = json_dumps(content, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	int rc = cycle_folder_set_file(rq->app, &who, id, path, text, &errs, e);
	free(text);
	if (rc != 0 && strcmp(e->id, "workbook_refused") == 0) {
		h_cycles_refused(rs, e, &errs);
		rc = 0;
	} else if (rc == 0) {
		response_json(rs, 200, json_pack("{s:s,s:O}", "path", path,
						 "content", content));
	}
	err_list_free(&errs);
	return rc;
}
