/* h_people: person records (S2). The organisation department (assessor)
 * reads and writes; a reporter reads the people of its own unit and the
 * units below it. The whole ID number is answered only by its own route,
 * to the assessor, and that view is audited (app/people). Parsing here;
 * rules and SQL in app/people. */
#include <stdlib.h>
#include <string.h>

#include "app/people.h"
#include "app/units.h"
#include "http/body.h"
#include "http/handlers.h"

/* An age bound in whole years, 0..150, or -1 when absent. */
static int h_people_query_age(const struct request *rq, const char *key,
			      int *out, struct err *e)
{
	const char *v = request_query(rq, key);
	char *end;
	*out = -1;
	if (!v)
		return 0;
	long n = strtol(v, &end, 10);
	if (!*v || *end || n < 0 || n > 150)
		return err_set_at(e, ERR_INVALID, "invalid_query", key,
				  "%s is an age in whole years (0 to 150)",
				  key);
	*out = (int)n;
	return 0;
}

int h_people_query(const struct request *rq, struct people_query *q_out,
		   struct err *e)
{
	struct people_query q = { .age_min = -1, .age_max = -1 };
	const char *below = request_query(rq, "below");
	q.search = request_query(rq, "q");
	q.gender = request_query(rq, "gender");
	q.education = request_query(rq, "education");
	q.staff_type = request_query(rq, "staff_type");
	q.rank = request_query(rq, "rank");
	q.below = below && strcmp(below, "true") == 0;
	if (request_paging(rq, &q.offset, &q.limit, e) != 0 ||
	    request_query_id(rq, "unit_id", &q.unit_id, e) != 0 ||
	    h_people_query_age(rq, "age_min", &q.age_min, e) != 0 ||
	    h_people_query_age(rq, "age_max", &q.age_max, e) != 0 ||
	    people_sort_parse(request_query(rq, "sort"), &q.sort, e) != 0)
		return -1;
	*q_out = q;
	return 0;
}

HANDLER(h_people_list)
{
	struct people_query q;
	json_t *out;
	if (h_people_query(rq, &q, e) != 0 ||
	    people_list(rq->app, request_scope(rq), &q, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_people_get)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    people_get(rq->app, request_scope(rq), id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* The fields of a person body into in (strings borrowed from body). */
static int h_people_input(const json_t *body, bool creating,
			  struct people_input *in, struct err *e)
{
	static const char *const fields[] = {
		"name", "gender", "birth_date", "id_number", "ethnicity",
		"political_status", "education", "school", "school_tier",
		"phone", "unit_id", NULL };
	memset(in, 0, sizeof *in);
	if (body_only(body, fields, e) != 0 ||
	    body_string(body, "name", true, 4 * PEOPLE_NAME_MAX, &in->name,
			e) != 0 ||
	    body_string(body, "gender", false, 8, &in->gender, e) != 0 ||
	    body_string(body, "birth_date", false, 32, &in->birth_date, e) ||
	    body_string(body, "id_number", creating, 64, &in->id_number,
			e) != 0 ||
	    body_string(body, "ethnicity", true, 8, &in->ethnicity, e) != 0 ||
	    body_string(body, "political_status", true, 8,
			&in->political_status, e) != 0 ||
	    body_string(body, "education", true, 8, &in->education, e) != 0 ||
	    body_string(body, "school", false, 4 * PEOPLE_SCHOOL_MAX,
			&in->school, e) != 0 ||
	    body_string(body, "school_tier", false, 16, &in->school_tier,
			e) != 0 ||
	    body_string(body, "phone", false, 64, &in->phone, e) != 0 ||
	    body_int(body, "unit_id", 0, 1, INT64_MAX, &in->unit_id, e) != 0)
		return -1;
	return 0;
}

HANDLER(h_people_add)
{
	struct people_input in;
	json_t *out;
	struct actor who = request_actor(rq);
	if (h_people_input(rq->json, true, &in, e) != 0 ||
	    people_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, json_pack("{s:o}", "person", out));
	return 0;
}

HANDLER(h_people_update)
{
	struct people_input in;
	int64_t id;
	json_t *out;
	struct actor who = request_actor(rq);
	if (request_id(rq, 0, &id, e) != 0 ||
	    h_people_input(rq->json, false, &in, e) != 0 ||
	    people_update(rq->app, &who, id, &in, &out, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:o}", "person", out));
	return 0;
}

HANDLER(h_people_id_number)
{
	char number[IDNUM_LEN + 1];
	int64_t id;
	struct actor who = request_actor(rq);
	if (request_id(rq, 0, &id, e) != 0 ||
	    people_id_number(rq->app, &who, id, number, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id,
					 "id_number", number));
	return 0;
}
