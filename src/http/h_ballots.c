/* h_ballots: one-time tokens (the organisation department issues them
 * and follows turnout) and the anonymous ballot (a rater with a token,
 * no account). The token travels in the JSON body, never in the path or
 * the query, so the access log never holds it. Work in app/ballots. */
#include <string.h>

#include "app/ballots.h"
#include "http/body.h"
#include "http/handlers.h"

HANDLER(h_ballots_issue)
{
	static const char *const fields[] = { "component", "group", "count",
					      NULL };
	struct ballots_issue in = { 0 };
	struct actor who = request_actor(rq);
	json_t *out;
	if (request_id(rq, 0, &in.cycle_id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "component", true, 256, &in.component, e) ||
	    body_string(rq->json, "group", true, 256, &in.group, e) != 0 ||
	    body_int(rq->json, "count", 0, 1, BALLOTS_ISSUE_MAX, &in.count,
		     e) != 0 ||
	    ballots_issue(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_ballots_turnout)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    ballots_turnout(rq->app, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_ballots_form)
{
	static const char *const fields[] = { "token", NULL };
	const char *token;
	json_t *out;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "token", true, 64, &token, e) != 0 ||
	    ballots_form(rq->app, token, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* {"token", "ratings": [{"subject", "level"}, ...]}. */
HANDLER(h_ballots_submit)
{
	static const char *const fields[] = { "token", "ratings", NULL };
	struct ballots_ballot b = { 0 };
	json_t *ratings = json_object_get(rq->json, "ratings"), *x;
	size_t i;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "token", true, 64, &b.token, e) != 0)
		return -1;
	if (!json_is_array(ratings) || json_array_size(ratings) == 0 ||
	    json_array_size(ratings) > BALLOTS_RATINGS_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.ratings",
				  "ratings is a list of {subject, level}, 1 to "
				  "%d of them", BALLOTS_RATINGS_MAX);
	b.n = json_array_size(ratings);
	const char **subjects = arena_alloc(rq->arena, b.n * sizeof *subjects);
	const char **levels = arena_alloc(rq->arena, b.n * sizeof *levels);
	json_array_foreach(ratings, i, x) {
		subjects[i] = json_string_value(json_object_get(x, "subject"));
		levels[i] = json_string_value(json_object_get(x, "level"));
		if (!subjects[i] || !levels[i])
			return err_set_at(e, ERR_INVALID, "invalid_field",
					  "$.ratings", "rating %zu needs a "
					  "subject and a level (text)", i + 1);
	}
	b.subjects = subjects;
	b.levels = levels;
	if (ballots_submit(rq->app, &b, e) != 0)
		return -1;
	response_json(rs, 201, json_pack("{s:b}", "counted", 1));
	return 0;
}
