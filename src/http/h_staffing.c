/* h_staffing: employments, agencies and service contracts (S2, S4). The
 * organisation department (assessor) reads and writes; a reporter reads
 * the employments of its own unit and below. Parsing here; rules and SQL
 * in app/employments and app/agencies. */
#include <stdlib.h>
#include <string.h>

#include "app/agencies.h"
#include "app/employments.h"
#include "app/units.h"
#include "http/body.h"
#include "http/handlers.h"

int h_employments_query(const struct request *rq,
			struct employments_query *q, struct err *e)
{
	const char *current = request_query(rq, "current");
	memset(q, 0, sizeof *q);
	q->current = current && strcmp(current, "true") == 0;
	return request_paging(rq, &q->offset, &q->limit, e) != 0 ||
	       request_query_id(rq, "person_id", &q->person_id, e) != 0 ||
	       request_query_id(rq, "unit_id", &q->unit_id, e) != 0 ||
	       request_query_id(rq, "contract_id", &q->contract_id, e) != 0
		       ? -1 : 0;
}

HANDLER(h_employments_list)
{
	struct employments_query q;
	json_t *out;
	if (h_employments_query(rq, &q, e) != 0 ||
	    employments_list(rq->app, request_scope(rq), &q, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_employments_get)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    employments_get(rq->app, request_scope(rq), id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

static int h_employments_input(const json_t *b, struct employments_input *in,
			       struct err *e)
{
	static const char *const fields[] = {
		"person_id", "unit_id", "staff_type", "title", "post_level",
		"rank", "concurrent", "contract_id", "monthly_pay_fen",
		"start_date", "start_document", "end_date", "allow_over",
		"reason", NULL };
	memset(in, 0, sizeof *in);
	return body_only(b, fields, e) != 0 ||
	       body_int(b, "person_id", 0, 1, INT64_MAX, &in->person_id, e) ||
	       body_int(b, "unit_id", 0, 1, INT64_MAX, &in->unit_id, e) ||
	       body_string(b, "staff_type", true, 64, &in->staff_type, e) ||
	       body_string(b, "title", true, 1024, &in->title, e) ||
	       body_string(b, "post_level", false, 64, &in->post_level, e) ||
	       body_string(b, "rank", false, 64, &in->rank, e) ||
	       body_bool(b, "concurrent", &in->concurrent, e) ||
	       body_int(b, "contract_id", 0, 1, INT64_MAX, &in->contract_id,
			e) ||
	       body_int(b, "monthly_pay_fen", -1, 0, INT64_MAX,
			&in->monthly_pay_fen, e) ||
	       body_string(b, "start_date", true, 32, &in->start_date, e) ||
	       body_string(b, "start_document", true, 1024,
			   &in->start_document, e) ||
	       body_string(b, "end_date", false, 32, &in->end_date, e) ||
	       body_bool(b, "allow_over", &in->allow_over, e) ||
	       body_string(b, "reason", false, 8192, &in->reason, e)
		       ? -1 : 0;
}

HANDLER(h_employments_add)
{
	struct employments_input in;
	struct actor who = request_actor(rq);
	json_t *out;
	if (h_employments_input(rq->json, &in, e) != 0)
		return -1;
	if (!in.person_id || !in.unit_id)
		return err_set_at(e, ERR_INVALID, "missing_field",
				  in.person_id ? "$.unit_id" : "$.person_id",
				  "an employment names its person_id and "
				  "unit_id");
	if (employments_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, json_pack("{s:o}", "employment", out));
	return 0;
}

HANDLER(h_employments_end)
{
	static const char *const fields[] = { "end_date", "end_document",
					      NULL };
	const char *date, *doc;
	struct actor who = request_actor(rq);
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "end_date", true, 32, &date, e) != 0 ||
	    body_string(rq->json, "end_document", true, 1024, &doc, e) != 0 ||
	    employments_end(rq->app, &who, id, date, doc, &out, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:o}", "employment", out));
	return 0;
}

HANDLER(h_agencies_list)
{
	json_t *out;
	if (agencies_list(rq->app, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_agencies_add)
{
	static const char *const fields[] = { "name", "kind", "credit_code",
					      "contact", NULL };
	struct agencies_input in;
	struct actor who = request_actor(rq);
	json_t *out;
	const json_t *b = rq->json;
	if (body_only(b, fields, e) != 0 ||
	    body_string(b, "name", true, 1024, &in.name, e) != 0 ||
	    body_string(b, "kind", true, 64, &in.kind, e) != 0 ||
	    body_string(b, "credit_code", false, 64, &in.credit_code, e) ||
	    body_string(b, "contact", false, 1024, &in.contact, e) != 0 ||
	    agencies_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, json_pack("{s:o}", "agency", out));
	return 0;
}

HANDLER(h_contracts_add)
{
	static const char *const fields[] = {
		"agency_id", "unit_id", "staff_type", "document", "headcount",
		"start_date", "end_date", "price_fen", NULL };
	struct agencies_contract_input in;
	struct actor who = request_actor(rq);
	json_t *out;
	const json_t *b = rq->json;
	if (body_only(b, fields, e) != 0 ||
	    body_int(b, "agency_id", 0, 1, INT64_MAX, &in.agency_id, e) ||
	    body_int(b, "unit_id", 0, 1, INT64_MAX, &in.unit_id, e) ||
	    body_string(b, "staff_type", true, 64, &in.staff_type, e) ||
	    body_string(b, "document", true, 1024, &in.document, e) ||
	    body_int(b, "headcount", 0, 0, INT64_MAX, &in.headcount, e) ||
	    body_string(b, "start_date", true, 32, &in.start_date, e) ||
	    body_string(b, "end_date", true, 32, &in.end_date, e) ||
	    body_int(b, "price_fen", 0, 0, INT64_MAX, &in.price_fen, e) ||
	    agencies_contract_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, json_pack("{s:o}", "contract", out));
	return 0;
}
