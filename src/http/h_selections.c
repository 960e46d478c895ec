/* h_selections: open selection and recruitment campaigns (S5). The
 * organisation department runs them. Work in app/selections. */
#include <string.h>

#include "app/selections.h"
#include "http/body.h"
#include "http/handlers.h"

HANDLER(h_selections_list)
{
	json_t *out;
	if (selections_list(rq->app, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_selections_get)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    selections_get(rq->app, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_selections_add)
{
	static const char *const fields[] = { "name", "kind", "as_of",
					      "written_weight", "ratio",
					      "document", NULL };
	struct selections_input in = { 0 };
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	json_t *out;
	if (body_only(b, fields, e) != 0 ||
	    body_string(b, "name", true, 1024, &in.name, e) != 0 ||
	    body_string(b, "kind", true, 64, &in.kind, e) != 0 ||
	    body_string(b, "as_of", true, 32, &in.as_of, e) != 0 ||
	    body_int(b, "written_weight", 0, INT64_MIN, INT64_MAX,
		     &in.written_weight, e) != 0 ||
	    body_int(b, "ratio", 3, INT64_MIN, INT64_MAX, &in.ratio, e) != 0 ||
	    body_string(b, "document", true, 1024, &in.document, e) != 0 ||
	    selections_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_selections_post)
{
	static const char *const fields[] = { "unit_id", "title", "staff_type",
					      "post_level", "rank", "places",
					      "rules", NULL };
	struct selections_post_input in = { 0 };
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || body_only(b, fields, e) != 0 ||
	    body_int(b, "unit_id", 0, 1, INT64_MAX, &in.unit_id, e) != 0 ||
	    body_string(b, "title", true, 1024, &in.title, e) != 0 ||
	    body_string(b, "staff_type", true, 64, &in.staff_type, e) != 0 ||
	    body_string(b, "post_level", false, 64, &in.post_level, e) != 0 ||
	    body_string(b, "rank", false, 64, &in.rank, e) != 0 ||
	    body_int(b, "places", 1, INT64_MIN, INT64_MAX, &in.places, e))
		return -1;
	if (!in.unit_id)
		return err_set_at(e, ERR_INVALID, "missing_field", "$.unit_id",
				  "a post is in a unit");
	in.rules = json_object_get(b, "rules");
	if (json_is_null(in.rules))
		in.rules = NULL;
	if (selections_add_post(rq->app, &who, id, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_selections_apply)
{
	static const char *const fields[] = { "post_id", "person_id", NULL };
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	int64_t id, post = 0, person = 0;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || body_only(b, fields, e) != 0 ||
	    body_int(b, "post_id", 0, 1, INT64_MAX, &post, e) != 0 ||
	    body_int(b, "person_id", 0, 1, INT64_MAX, &person, e) != 0)
		return -1;
	if (!post || !person)
		return err_set_at(e, ERR_INVALID, "missing_field",
				  post ? "$.person_id" : "$.post_id",
				  "an application names the post and the "
				  "person");
	if (selections_apply(rq->app, &who, id, post, person, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_selections_scores)
{
	static const char *const fields[] = { "stage", "scores", NULL };
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	const char *stage;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || body_only(b, fields, e) != 0 ||
	    body_string(b, "stage", true, 32, &stage, e) != 0 ||
	    selections_scores(rq->app, &who, id, stage,
			      json_object_get(b, "scores"), &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* POST .../shortlist and .../rank: no body members. */
static int h_selections_step(struct request *rq, struct response *rs,
			     struct err *e,
			     int (*fn)(struct app *, const struct actor *,
				       int64_t, json_t **, struct err *))
{
	static const char *const fields[] = { NULL };
	struct actor who = request_actor(rq);
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    fn(rq->app, &who, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_selections_shortlist)
{
	return h_selections_step(rq, rs, e, selections_shortlist);
}

HANDLER(h_selections_rank)
{
	return h_selections_step(rq, rs, e, selections_rank);
}

HANDLER(h_selections_withdraw)
{
	static const char *const fields[] = { NULL };
	struct actor who = request_actor(rq);
	int64_t id, app;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || request_id(rq, 1, &app, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    selections_withdraw(rq->app, &who, id, app, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_selections_appoint)
{
	static const char *const fields[] = { "start_date", "document",
					      "allow_over", "reason", NULL };
	struct selections_appoint_input in = { 0 };
	struct actor who = request_actor(rq);
	const json_t *b = rq->json;
	int64_t id, app;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 || request_id(rq, 1, &app, e) != 0 ||
	    body_only(b, fields, e) != 0 ||
	    body_string(b, "start_date", true, 32, &in.start_date, e) != 0 ||
	    body_string(b, "document", true, 1024, &in.document, e) != 0 ||
	    body_bool(b, "allow_over", &in.allow_over, e) != 0 ||
	    body_string(b, "reason", false, 4096, &in.reason, e) != 0 ||
	    selections_appoint(rq->app, &who, id, app, &in, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}
