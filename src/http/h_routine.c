/* h_routine: routine assessment (S10) and what a cadre sees of his or her
 * own assessment. Work in app/routine. */
#include <string.h>

#include "app/routine.h"
#include "http/body.h"
#include "http/handlers.h"

static const char *h_routine_param(const struct request *rq, size_t i)
{
	return rq->nparams > i ? rq->params[i] : "";
}

HANDLER(h_routine_account)
{
	static const char *const fields[] = { "account_id", NULL };
	struct actor who = request_actor(rq);
	int64_t id, account;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_int(rq->json, "account_id", 0, 0, INT64_MAX, &account, e) ||
	    routine_subject_account(rq->app, &who, id, h_routine_param(rq, 1),
				    account, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:s,s:I}", "subject",
					 h_routine_param(rq, 1), "account_id",
					 (json_int_t)account));
	return 0;
}

HANDLER(h_routine_share)
{
	static const char *const fields[] = { "share", NULL };
	struct actor who = request_actor(rq);
	json_t *v = json_object_get(rq->json, "share");
	int64_t id;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0)
		return -1;
	if (!json_is_number(v))
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.share",
				  "share is a number from 0 to 1");
	if (routine_set_share(rq->app, &who, id, json_number_value(v), e))
		return -1;
	response_json(rs, 200, json_pack("{s:f}", "share",
					 json_number_value(v)));
	return 0;
}

HANDLER(h_routine_list)
{
	struct actor who = request_actor(rq);
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    routine_list(rq->app, &who, id, request_query(rq, "period"), &out,
			 e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_routine_write)
{
	static const char *const fields[] = { "notes", "summary", NULL };
	struct routine_record in = { h_routine_param(rq, 1),
				     h_routine_param(rq, 2), NULL, NULL };
	struct actor who = request_actor(rq);
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "notes", false, 65536, &in.notes, e) != 0 ||
	    body_string(rq->json, "summary", true, 8192, &in.summary, e) ||
	    routine_write(rq->app, &who, id, &in, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_routine_rate)
{
	static const char *const fields[] = { "rating", NULL };
	struct actor who = request_actor(rq);
	const char *rating;
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "rating", true, 32, &rating, e) != 0 ||
	    routine_rate(rq->app, &who, id, h_routine_param(rq, 1),
			 h_routine_param(rq, 2), rating, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_my_results)
{
	struct actor who = request_actor(rq);
	json_t *out;
	if (routine_mine(rq->app, &who, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}
