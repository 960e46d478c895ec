/* h_pay: the pay scale of dispatched staff, their pay assignments and the
 * pay-parity report (S3). The organisation department (assessor) reads
 * and writes; a reporter reads the scale. Parsing here; rules and SQL in
 * app/pay. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/incentives.h"
#include "app/pay.h"
#include "http/body.h"
#include "http/handlers.h"

HANDLER(h_pay_scale)
{
	json_t *out;
	if (pay_scale_get(rq->app, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_pay_sequences_add)
{
	static const char *const fields[] = { "code", "name", NULL };
	struct pay_sequence_input in;
	struct actor who = request_actor(rq);
	json_t *out;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "code", true, 64, &in.code, e) != 0 ||
	    body_string(rq->json, "name", false, 1024, &in.name, e) != 0 ||
	    pay_sequence_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, json_pack("{s:o}", "sequence", out));
	return 0;
}

/* An integer member of grades[i]; where names it ("$.grades[2].grade"). */
static int h_pay_grade_int(const json_t *item, size_t i, const char *key,
			   int64_t *out, struct err *e)
{
	char where[64];
	const json_t *v = json_object_get(item, key);
	snprintf(where, sizeof where, "$.grades[%zu].%s", i, key);
	if (!json_is_integer(v))
		return err_set_at(e, ERR_INVALID, v ? "invalid_field"
						    : "missing_field", where,
				  "%s must be a whole number", where);
	*out = json_integer_value(v);
	return 0;
}

/* {"grades": [{"grade", "monthly_fen"}, ...]} into g (room for
 * PAY_GRADES_MAX). */
static int h_pay_grades(const json_t *body, struct pay_grade *g, size_t *n,
			struct err *e)
{
	static const char *const fields[] = { "grades", NULL };
	static const char *const members[] = { "grade", "monthly_fen", NULL };
	const json_t *arr = json_object_get(body, "grades");
	char where[48];
	size_t i;
	json_t *v;
	if (body_only(body, fields, e) != 0)
		return -1;
	if (!json_is_array(arr))
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.grades",
				  "$.grades must be a list of {\"grade\", "
				  "\"monthly_fen\"}");
	if (json_array_size(arr) > PAY_GRADES_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.grades",
				  "%zu grades; a sequence has at most %d",
				  json_array_size(arr), PAY_GRADES_MAX);
	json_array_foreach(arr, i, v) {
		snprintf(where, sizeof where, "$.grades[%zu]", i);
		if (!json_is_object(v))
			return err_set_at(e, ERR_INVALID, "invalid_field", where,
					  "%s must be {\"grade\", "
					  "\"monthly_fen\"}", where);
		if (body_only(v, members, e) != 0 ||
		    h_pay_grade_int(v, i, "grade", &g[i].grade, e) != 0 ||
		    h_pay_grade_int(v, i, "monthly_fen", &g[i].monthly_fen,
				    e) != 0)
			return -1;
	}
	*n = json_array_size(arr);
	return 0;
}

HANDLER(h_pay_grades_set)
{
	struct pay_grade g[PAY_GRADES_MAX];
	struct pay_grades_input in = { .grades = g };
	struct actor who = request_actor(rq);
	json_t *out;
	if (request_id(rq, 0, &in.sequence_id, e) != 0 ||
	    h_pay_grades(rq->json, g, &in.n, e) != 0 ||
	    pay_grades_set(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:o}", "sequence", out));
	return 0;
}

/* A position's body; sequence_id only when adding. */
static int h_pay_position_input(const json_t *b, bool add,
				struct pay_position_input *in, struct err *e)
{
	static const char *const add_fields[] = {
		"sequence_id", "level", "name", "negotiated", "min_grade",
		"max_grade", "comparable_rank", NULL };
	memset(in, 0, sizeof *in);
	if (body_only(b, add ? add_fields : add_fields + 1, e) != 0 ||
	    (add && body_int(b, "sequence_id", 0, 1, INT64_MAX,
			     &in->sequence_id, e) != 0))
		return -1;
	if (add && !in->sequence_id)
		return err_set_at(e, ERR_INVALID, "missing_field",
				  "$.sequence_id", "a position names its "
				  "sequence_id");
	if (!json_is_integer(json_object_get(b, "level")))
		return err_set_at(e, ERR_INVALID, "missing_field", "$.level",
				  "$.level, the position's level in its "
				  "sequence (1 at the bottom), is required");
	return body_int(b, "level", 0, INT64_MIN, INT64_MAX, &in->level, e) ||
	       body_string(b, "name", true, 1024, &in->name, e) ||
	       body_bool(b, "negotiated", &in->negotiated, e) ||
	       body_int(b, "min_grade", 0, 1, INT64_MAX, &in->min_grade, e) ||
	       body_int(b, "max_grade", 0, 1, INT64_MAX, &in->max_grade, e) ||
	       body_string(b, "comparable_rank", false, 64,
			   &in->comparable_rank, e)
		       ? -1 : 0;
}

HANDLER(h_pay_positions_add)
{
	struct pay_position_input in;
	struct actor who = request_actor(rq);
	json_t *out;
	if (h_pay_position_input(rq->json, true, &in, e) != 0 ||
	    pay_position_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, json_pack("{s:o}", "position", out));
	return 0;
}

HANDLER(h_pay_positions_update)
{
	struct pay_position_input in;
	struct actor who = request_actor(rq);
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    h_pay_position_input(rq->json, false, &in, e) != 0)
		return -1;
	in.id = id;
	if (pay_position_update(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:o}", "position", out));
	return 0;
}

HANDLER(h_pay_assignments_list)
{
	struct pay_assignments_query q = { 0 };
	json_t *out;
	if (request_paging(rq, &q.offset, &q.limit, e) != 0 ||
	    request_query_id(rq, "employment_id", &q.employment_id, e) != 0 ||
	    request_query_id(rq, "person_id", &q.person_id, e) != 0 ||
	    pay_assignments_list(rq->app, &q, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_pay_assignments_add)
{
	static const char *const fields[] = {
		"employment_id", "position_id", "pay_grade", "negotiated_fen",
		"start_date", "end_date", "document", NULL };
	struct pay_assign_input in;
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	json_t *out;
	memset(&in, 0, sizeof in);
	if (body_only(b, fields, e) != 0 ||
	    body_int(b, "employment_id", 0, 1, INT64_MAX, &in.employment_id,
		     e) ||
	    body_int(b, "position_id", 0, 1, INT64_MAX, &in.position_id, e) ||
	    body_int(b, "pay_grade", 0, 1, INT64_MAX, &in.pay_grade, e) ||
	    body_int(b, "negotiated_fen", 0, 1, INT64_MAX, &in.negotiated_fen,
		     e) ||
	    body_string(b, "start_date", true, 32, &in.start_date, e) ||
	    body_string(b, "end_date", false, 32, &in.end_date, e) ||
	    body_string(b, "document", true, 1024, &in.document, e))
		return -1;
	if (!in.employment_id || !in.position_id)
		return err_set_at(e, ERR_INVALID, "missing_field",
				  in.employment_id ? "$.position_id"
						   : "$.employment_id",
				  "an assignment names its employment_id and "
				  "position_id");
	if (pay_assign(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, json_pack("{s:o}", "assignment", out));
	return 0;
}

HANDLER(h_pay_parity)
{
	json_t *out;
	if (pay_parity(rq->app, request_query(rq, "date"), &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* --- steps (S12, app/incentives) ---------------------------------------------- */

HANDLER(h_pay_steps_due)
{
	json_t *out;
	if (incentives_steps_due(rq->app, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_pay_step)
{
	static const char *const fields[] = { "employment_id", "start_date",
					      "document", NULL };
	struct actor who = request_actor(rq);
	const char *start, *doc;
	int64_t employment;
	json_t *out;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_int(rq->json, "employment_id", 0, 1, INT64_MAX, &employment,
		     e) != 0 ||
	    body_string(rq->json, "start_date", true, 32, &start, e) != 0 ||
	    body_string(rq->json, "document", true, 1024, &doc, e) != 0 ||
	    incentives_step(rq->app, &who, employment, start, doc, &out, e))
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_cycles_subject_person)
{
	static const char *const fields[] = { "person_id", NULL };
	struct actor who = request_actor(rq);
	int64_t id, person;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_int(rq->json, "person_id", 0, 0, INT64_MAX, &person, e) ||
	    incentives_subject_person(rq->app, &who, id,
				      rq->nparams > 1 ? rq->params[1] : "",
				      person, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:s,s:I}", "subject",
					 rq->nparams > 1 ? rq->params[1] : "",
					 "person_id", (json_int_t)person));
	return 0;
}
