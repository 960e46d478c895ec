/* h_units: the tree of units and its quotas (S1). The organisation
 * department (assessor) reads and writes; a reporter reads its own unit
 * and its descendants only. Parsing here; rules and SQL in app/units. */
#include <stdio.h>
#include <string.h>

#include "app/units.h"
#include "http/body.h"
#include "http/handlers.h"

HANDLER(h_units_list)
{
	int64_t offset, limit;
	json_t *out;
	if (request_paging(rq, &offset, &limit, e) != 0 ||
	    units_list(rq->app, request_scope(rq), offset, limit, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_units_get)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    units_get(rq->app, request_scope(rq), id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* name, kind and parent_id of a body; in->move tells whether parent_id
 * was there (null: to the root). */
static int h_units_input(const json_t *body, struct units_input *in,
			 struct err *e)
{
	static const char *const fields[] = { "name", "kind", "parent_id",
					      NULL };
	memset(in, 0, sizeof *in);
	in->move = json_object_get(body, "parent_id") != NULL;
	if (body_only(body, fields, e) != 0 ||
	    body_string(body, "name", false, 4 * UNITS_NAME_MAX, &in->name,
			e) != 0 ||
	    body_string(body, "kind", false, 64, &in->kind, e) != 0 ||
	    body_int(body, "parent_id", 0, 1, INT64_MAX, &in->parent_id, e) != 0)
		return -1;
	return 0;
}

HANDLER(h_units_add)
{
	struct units_input in;
	json_t *out;
	struct actor who = request_actor(rq);
	if (h_units_input(rq->json, &in, e) != 0 ||
	    units_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, json_pack("{s:o}", "unit", out));
	return 0;
}

HANDLER(h_units_update)
{
	struct units_input in;
	int64_t id;
	json_t *out;
	struct actor who = request_actor(rq);
	if (request_id(rq, 0, &id, e) != 0 || h_units_input(rq->json, &in, e) ||
	    units_update(rq->app, &who, id, &in, &out, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:o}", "unit", out));
	return 0;
}

/* The list of function names of {"functions": [...]}, borrowed from the
 * body into names (room for UNITS_FUNCTIONS_MAX). */
static int h_units_names(const json_t *body, const char **names, size_t *n,
			 struct err *e)
{
	static const char *const fields[] = { "functions", NULL };
	const json_t *arr = json_object_get(body, "functions");
	size_t i;
	json_t *v;
	char where[48];
	if (body_only(body, fields, e) != 0)
		return -1;
	if (!json_is_array(arr))
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.functions",
				  "$.functions must be a list of names");
	if (json_array_size(arr) > UNITS_FUNCTIONS_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.functions",
				  "%zu functions; a unit carries at most %d",
				  json_array_size(arr), UNITS_FUNCTIONS_MAX);
	json_array_foreach(arr, i, v) {
		snprintf(where, sizeof where, "$.functions[%zu]", i);
		if (!json_is_string(v) ||
		    strlen(json_string_value(v)) != json_string_length(v))
			return err_set_at(e, ERR_INVALID, "invalid_field", where,
					  "%s must be a name (text)", where);
		names[i] = json_string_value(v);
	}
	*n = json_array_size(arr);
	return 0;
}

HANDLER(h_units_functions)
{
	const char *names[UNITS_FUNCTIONS_MAX];
	size_t n = 0;
	int64_t id;
	json_t *out;
	struct actor who = request_actor(rq);
	if (request_id(rq, 0, &id, e) != 0 ||
	    h_units_names(rq->json, names, &n, e) != 0 ||
	    units_set_functions(rq->app, &who, id, names, n, &out, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:o}", "unit", out));
	return 0;
}

static int h_units_quota_body(const json_t *body, struct units_quota *q,
			      struct err *e)
{
	static const char *const fields[] = { "line_kind", "line", "count",
					      "document", "approved_on", NULL };
	memset(q, 0, sizeof *q);
	if (body_only(body, fields, e) != 0 ||
	    body_string(body, "line_kind", true, 16, &q->line_kind, e) != 0 ||
	    body_string(body, "line", true, 64, &q->line, e) != 0 ||
	    body_string(body, "document", true, 4096, &q->document, e) != 0 ||
	    body_string(body, "approved_on", true, 32, &q->approved_on, e) != 0)
		return -1;
	if (!json_is_integer(json_object_get(body, "count")))
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.count",
				  "$.count must be a whole number");
	return body_int(body, "count", 0, INT64_MIN, INT64_MAX, &q->count, e);
}

HANDLER(h_units_quota)
{
	struct units_quota q;
	int64_t id;
	json_t *out;
	struct actor who = request_actor(rq);
	if (request_id(rq, 0, &id, e) != 0 ||
	    h_units_quota_body(rq->json, &q, e) != 0 ||
	    units_set_quota(rq->app, &who, id, &q, &out, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:o}", "unit", out));
	return 0;
}

HANDLER(h_units_delete)
{
	int64_t id;
	struct actor who = request_actor(rq);
	if (request_id(rq, 0, &id, e) != 0 ||
	    units_delete(rq->app, &who, id, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id,
					 "deleted", 1));
	return 0;
}
