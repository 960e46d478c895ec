/* h_elections: the station head's election (S4). The organisation
 * department runs it; voters need no account and send their token in the
 * body, never in the address. Work in app/elections. */
#include <stdio.h>
#include <string.h>

#include "app/elections.h"
#include "http/body.h"
#include "http/handlers.h"

HANDLER(h_elections_list)
{
	json_t *out;
	if (elections_list(rq->app, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_elections_add)
{
	static const char *const fields[] = { "unit_id", "title", "candidates",
					      NULL };
	struct elections_new in = { 0 };
	struct actor who = request_actor(rq);
	json_t *cands = json_object_get(rq->json, "candidates"), *x, *out;
	int64_t ids[ELECTIONS_CANDIDATES_MAX];
	size_t i;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_int(rq->json, "unit_id", 0, 1, INT64_MAX, &in.unit_id, e) ||
	    body_string(rq->json, "title", true, 1024, &in.title, e) != 0)
		return -1;
	if (!json_is_array(cands) ||
	    json_array_size(cands) > ELECTIONS_CANDIDATES_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field",
				  "$.candidates", "candidates is a list of 2 "
				  "to %d person ids", ELECTIONS_CANDIDATES_MAX);
	json_array_foreach(cands, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			return err_set_at(e, ERR_INVALID, "invalid_field",
					  "$.candidates", "candidate %zu is not "
					  "a person id", i + 1);
		ids[i] = json_integer_value(x);
	}
	in.candidates = ids;
	in.n = json_array_size(cands);
	if (elections_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_elections_get)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    elections_get(rq->app, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_elections_tokens)
{
	static const char *const fields[] = { "count", NULL };
	struct actor who = request_actor(rq);
	int64_t id, count;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_int(rq->json, "count", 0, 1, ELECTIONS_TOKENS_MAX, &count,
		     e) != 0 ||
	    elections_issue(rq->app, &who, id, count, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_elections_open)
{
	struct actor who = request_actor(rq);
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    elections_open(rq->app, &who, id, e) != 0 ||
	    elections_get(rq->app, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_elections_close)
{
	struct actor who = request_actor(rq);
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    elections_close(rq->app, &who, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_elections_appoint)
{
	static const char *const fields[] = { "start_date", "document", NULL };
	struct actor who = request_actor(rq);
	const char *start, *doc;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "start_date", true, 32, &start, e) != 0 ||
	    body_string(rq->json, "document", true, 1024, &doc, e) != 0 ||
	    elections_appoint(rq->app, &who, id, start, doc, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_election_form)
{
	static const char *const fields[] = { "token", NULL };
	const char *token;
	json_t *out;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "token", true, 64, &token, e) != 0 ||
	    elections_form(rq->app, token, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_election_vote)
{
	static const char *const fields[] = { "token", "choice", NULL };
	const char *token, *choice;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "token", true, 64, &token, e) != 0 ||
	    body_string(rq->json, "choice", true, 32, &choice, e) != 0 ||
	    elections_vote(rq->app, token, choice, e) != 0)
		return -1;
	response_json(rs, 201, json_pack("{s:b}", "counted", 1));
	return 0;
}
