/* h_plans: redeployment plans (S5). The organisation department keeps
 * the plans, their cadres, proposals and decisions; reporters read the
 * entries of their units. Work in app/plans. */
#include <string.h>

#include "app/plans.h"
#include "http/body.h"
#include "http/handlers.h"

HANDLER(h_plans_list)
{
	json_t *out;
	if (plans_list(rq->app, request_scope(rq), &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_plans_add)
{
	static const char *const fields[] = { "name", "document", "due_on",
					      NULL };
	struct plans_input in = { 0 };
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	json_t *out;
	if (body_only(b, fields, e) != 0 ||
	    body_string(b, "name", true, 1024, &in.name, e) != 0 ||
	    body_string(b, "document", false, 1024, &in.document, e) != 0 ||
	    body_string(b, "due_on", false, 32, &in.due_on, e) != 0 ||
	    plans_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_plans_get)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    plans_get(rq->app, request_scope(rq), id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_plans_start)
{
	static const char *const fields[] = { "document", NULL };
	struct actor who = request_actor(rq);
	const char *document;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "document", false, 1024, &document, e) != 0 ||
	    plans_start(rq->app, &who, id, document, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_plans_close)
{
	struct actor who = request_actor(rq);
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    plans_close(rq->app, &who, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

int h_plans_query(const struct request *rq, struct plans_query *q,
		  struct err *e)
{
	q->decision = request_query(rq, "decision");
	q->route = request_query(rq, "route");
	if (request_query_id(rq, "home_unit_id", &q->home_unit_id, e) != 0 ||
	    request_query_id(rq, "receiving_unit_id", &q->receiving_unit_id,
			     e) != 0)
		return -1;
	return request_paging(rq, &q->offset, &q->limit, e);
}

HANDLER(h_plans_entries)
{
	struct plans_query q = { 0 };
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || h_plans_query(rq, &q, e) != 0 ||
	    plans_entries(rq->app, request_scope(rq), id, &q, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_plans_entry_add)
{
	static const char *const fields[] = { "person_id", NULL };
	struct actor who = request_actor(rq);
	int64_t id, person;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_int(rq->json, "person_id", 0, 1, INT64_MAX, &person, e) != 0)
		return -1;
	if (!person)
		return err_set_at(e, ERR_INVALID, "missing_field", "$.person_id",
				  "an entry names the person");
	if (plans_entry_add(rq->app, &who, id, person, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

/* An array of at most PLANS_FILTER_ITEMS_MAX strings (absent: none). */
static int h_plans_strings(const json_t *b, const char *key,
			   const char **out, size_t *n, struct err *e)
{
	json_t *arr = json_object_get(b, key), *x;
	size_t i;
	*n = 0;
	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > PLANS_FILTER_ITEMS_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", key,
				  "%s is a list of at most %d ids", key,
				  PLANS_FILTER_ITEMS_MAX);
	json_array_foreach(arr, i, x) {
		if (!json_is_string(x))
			return err_set_at(e, ERR_INVALID, "invalid_field", key,
					  "%s[%zu] is not text", key, i);
		out[(*n)++] = json_string_value(x);
	}
	return 0;
}

HANDLER(h_plans_entries_add)
{
	static const char *const fields[] = { "unit_id", "below", "staff_type",
					      "levels", "ranks", NULL };
	const char *levels[PLANS_FILTER_ITEMS_MAX], *ranks[PLANS_FILTER_ITEMS_MAX];
	struct plans_filter f = { .levels = levels, .ranks = ranks };
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || body_only(b, fields, e) != 0 ||
	    body_int(b, "unit_id", 0, 1, INT64_MAX, &f.unit_id, e) != 0 ||
	    body_bool(b, "below", &f.below, e) != 0 ||
	    body_string(b, "staff_type", false, 64, &f.staff_type, e) != 0 ||
	    h_plans_strings(b, "levels", levels, &f.nlevels, e) != 0 ||
	    h_plans_strings(b, "ranks", ranks, &f.nranks, e) != 0)
		return -1;
	if (!f.unit_id)
		return err_set_at(e, ERR_INVALID, "missing_field", "$.unit_id",
				  "a filter names the unit whose cadres to add");
	if (plans_entries_add(rq->app, &who, id, &f, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_plans_propose)
{
	static const char *const fields[] = { "route", "receiving_unit_id",
					      NULL };
	struct plans_proposal p = { 0 };
	struct actor who = request_actor(rq);
	int64_t id, entry;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || request_id(rq, 1, &entry, e) ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "route", true, 64, &p.route, e) != 0 ||
	    body_int(rq->json, "receiving_unit_id", 0, 1, INT64_MAX,
		     &p.receiving_unit_id, e) != 0 ||
	    plans_propose(rq->app, &who, id, entry, &p, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_plans_decide)
{
	static const char *const fields[] = {
		"route", "receiving_unit_id", "document", "decided_on",
		"start_date", "end_date", "purpose", "allow_over", "reason",
		NULL };
	struct plans_decision d = { 0 };
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	int64_t id, entry;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || request_id(rq, 1, &entry, e) ||
	    body_only(b, fields, e) != 0 ||
	    body_string(b, "route", false, 64, &d.route, e) != 0 ||
	    body_int(b, "receiving_unit_id", 0, 1, INT64_MAX,
		     &d.receiving_unit_id, e) != 0 ||
	    body_string(b, "document", false, 1024, &d.document, e) != 0 ||
	    body_string(b, "decided_on", false, 32, &d.decided_on, e) != 0 ||
	    body_string(b, "start_date", false, 32, &d.start_date, e) != 0 ||
	    body_string(b, "end_date", false, 32, &d.end_date, e) != 0 ||
	    body_string(b, "purpose", false, 4096, &d.purpose, e) != 0 ||
	    body_bool(b, "allow_over", &d.allow_over, e) != 0 ||
	    body_string(b, "reason", false, 4096, &d.reason, e) != 0 ||
	    plans_decide(rq->app, &who, id, entry, &d, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_plans_entry_remove)
{
	struct actor who = request_actor(rq);
	int64_t id, entry;
	if (request_id(rq, 0, &id, e) != 0 || request_id(rq, 1, &entry, e) ||
	    plans_entry_remove(rq->app, &who, id, entry, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:I,s:b}", "id", (json_int_t)entry,
					 "removed", 1));
	return 0;
}
