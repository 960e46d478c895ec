/* h_assignments: frontline assignments (S5). The organisation department
 * sends and recalls; reporters read those of their units. Work in
 * app/assignments; the list's query is shared with its export
 * (h_transfer). */
#include <string.h>

#include "app/assignments.h"
#include "http/body.h"
#include "http/handlers.h"

int h_assignments_query(const struct request *rq,
			struct assignments_query *q, struct err *e)
{
	*q = (struct assignments_query){ 0 };
	q->direction = request_query(rq, "direction");
	q->state = request_query(rq, "state");
	q->kind = request_query(rq, "kind");
	if (request_query_id(rq, "person_id", &q->person_id, e) != 0 ||
	    request_query_id(rq, "unit_id", &q->unit_id, e) != 0)
		return -1;
	return 0;
}

HANDLER(h_assignments_list)
{
	struct assignments_query q;
	json_t *out;
	if (h_assignments_query(rq, &q, e) != 0 ||
	    assignments_list(rq->app, request_scope(rq), &q, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_assignments_add)
{
	static const char *const fields[] = {
		"person_id", "kind", "home_unit_id", "working_unit_id",
		"start_date", "end_date", "purpose", "assessed_by", "document",
		NULL };
	struct assignments_input in = { 0 };
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	const char *by = NULL;
	json_t *out;
	if (body_only(b, fields, e) != 0 ||
	    body_int(b, "person_id", 0, 1, INT64_MAX, &in.person_id, e) ||
	    body_string(b, "kind", true, 64, &in.kind, e) != 0 ||
	    body_int(b, "home_unit_id", 0, 1, INT64_MAX, &in.home_unit_id, e) ||
	    body_int(b, "working_unit_id", 0, 1, INT64_MAX,
		     &in.working_unit_id, e) != 0 ||
	    body_string(b, "start_date", true, 32, &in.start_date, e) != 0 ||
	    body_string(b, "end_date", true, 32, &in.end_date, e) != 0 ||
	    body_string(b, "purpose", true, 4096, &in.purpose, e) != 0 ||
	    body_string(b, "assessed_by", false, 16, &by, e) != 0 ||
	    body_string(b, "document", true, 1024, &in.document, e) != 0)
		return -1;
	if (!in.person_id || !in.working_unit_id)
		return err_set_at(e, ERR_INVALID, "missing_field",
				  in.person_id ? "$.working_unit_id"
					       : "$.person_id",
				  "an assignment names the person and the "
				  "working unit");
	if (by && strcmp(by, "home") && strcmp(by, "working"))
		return err_set_at(e, ERR_INVALID, "invalid_field",
				  "$.assessed_by", "assessed_by is working "
				  "(the default) or home");
	in.assessed_by_home = by && !strcmp(by, "home");
	if (assignments_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_assignments_end)
{
	static const char *const fields[] = { "ended_on", NULL };
	struct actor who = request_actor(rq);
	const char *ended;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "ended_on", true, 32, &ended, e) != 0 ||
	    assignments_end(rq->app, &who, id, ended, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}
