/* h_projects: investment projects, their approval steps and service
 * commissioners (S5). The organisation department keeps them. Work in
 * app/projects. */
#include <string.h>

#include "app/projects.h"
#include "http/body.h"
#include "http/handlers.h"

HANDLER(h_projects_list)
{
	json_t *out;
	if (projects_list(rq->app, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_projects_get)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    projects_get(rq->app, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_projects_add)
{
	static const char *const fields[] = {
		"name", "investor", "industry", "amount_fen", "unit_id",
		"commissioner_id", "signed_on", "target_start", "steps", NULL };
	struct projects_new in = { 0 };
	struct projects_step steps[PROJECTS_STEPS_MAX];
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	json_t *list = json_object_get(b, "steps"), *x, *out;
	size_t i;
	if (body_only(b, fields, e) != 0 ||
	    body_string(b, "name", true, 1024, &in.name, e) != 0 ||
	    body_string(b, "investor", true, 1024, &in.investor, e) != 0 ||
	    body_string(b, "industry", true, 1024, &in.industry, e) != 0 ||
	    body_int(b, "amount_fen", 0, 0, INT64_MAX, &in.amount_fen, e) ||
	    body_int(b, "unit_id", 0, 1, INT64_MAX, &in.unit_id, e) != 0 ||
	    body_int(b, "commissioner_id", 0, 1, INT64_MAX,
		     &in.commissioner_id, e) != 0 ||
	    body_string(b, "signed_on", true, 32, &in.signed_on, e) != 0 ||
	    body_string(b, "target_start", true, 32, &in.target_start, e))
		return -1;
	if (list) {
		if (!json_is_array(list) ||
		    json_array_size(list) > PROJECTS_STEPS_MAX)
			return err_set_at(e, ERR_INVALID, "invalid_field",
					  "$.steps", "steps is a list of 1 to "
					  "%d {name, authority, due_on}",
					  PROJECTS_STEPS_MAX);
		json_array_foreach(list, i, x)
			steps[i] = (struct projects_step){
				json_string_value(json_object_get(x, "name")),
				json_string_value(json_object_get(x, "authority")),
				json_string_value(json_object_get(x, "due_on")) };
		in.steps = steps;
		in.nsteps = json_array_size(list);
	}
	if (!in.unit_id)
		return err_set_at(e, ERR_INVALID, "missing_field", "$.unit_id",
				  "a project names the unit where it is built");
	if (projects_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_projects_step)
{
	static const char *const fields[] = { "done_on", NULL };
	struct actor who = request_actor(rq);
	const char *done;
	int64_t id, step;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || request_id(rq, 1, &step, e) ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "done_on", true, 32, &done, e) != 0 ||
	    projects_step_done(rq->app, &who, id, step, done, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_projects_start)
{
	static const char *const fields[] = { "started_on", NULL };
	struct actor who = request_actor(rq);
	const char *date;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "started_on", true, 32, &date, e) != 0 ||
	    projects_start(rq->app, &who, id, date, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_projects_commissioners)
{
	json_t *out;
	if (projects_commissioners(rq->app, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_projects_rate)
{
	static const char *const fields[] = { "rating", "rated_on", NULL };
	struct actor who = request_actor(rq);
	const char *date;
	int64_t id, rating;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_int(rq->json, "rating", -1, INT64_MIN, INT64_MAX, &rating,
		     e) != 0 ||
	    body_string(rq->json, "rated_on", true, 32, &date, e) != 0)
		return -1;
	if (rating == -1 && !json_is_integer(json_object_get(rq->json,
							     "rating")))
		return err_set_at(e, ERR_INVALID, "missing_field", "$.rating",
				  "the rating, 0 to 100");
	if (projects_rate(rq->app, &who, id, rating, date, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* A cycle takes the commissioners' figures as indicator values. */
HANDLER(h_projects_pull)
{
	static const char *const fields[] = { "indicators", NULL };
	struct actor who = request_actor(rq);
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    projects_pull(rq->app, &who, id, json_object_get(rq->json,
							     "indicators"),
			  &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}
