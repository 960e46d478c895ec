/* h_users: accounts, for the system and security administrators. */
#include <string.h>

#include "app/users.h"
#include "http/body.h"
#include "http/handlers.h"

HANDLER(h_users_list)
{
	int64_t offset, limit;
	json_t *out;
	if (request_paging(rq, &offset, &limit, e) != 0 ||
	    users_list(rq->app, offset, limit, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_users_get)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    users_get(rq->app, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_users_add)
{
	static const char *const fields[] = { "username", "display_name",
					      NULL };
	struct users_new in = { 0 };
	json_t *out;
	struct actor who = request_actor(rq);
	if (body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "username", true, 256, &in.username, e) != 0 ||
	    body_string(rq->json, "display_name", false, 256, &in.display_name,
			e) != 0)
		return -1;
	/* Roles are granted by the security administrator, not here. */
	if (users_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

/* Runs one change on the account named by the path, then answers with
 * the account as it is now. */
static int h_users_change(struct request *rq, struct response *rs,
			  int (*change)(struct app *, const struct actor *,
					int64_t, struct err *),
			  struct err *e)
{
	int64_t id;
	json_t *out;
	struct actor who = request_actor(rq);
	if (request_id(rq, 0, &id, e) != 0 || change(rq->app, &who, id, e) != 0 ||
	    users_get(rq->app, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:o}", "account", out));
	return 0;
}

HANDLER(h_users_lock)
{
	return h_users_change(rq, rs, users_lock, e);
}

HANDLER(h_users_unlock)
{
	return h_users_change(rq, rs, users_unlock, e);
}

HANDLER(h_users_password)
{
	int64_t id;
	char pw[USERS_PASSWORD_LEN];
	json_t *out;
	struct actor who = request_actor(rq);
	if (request_id(rq, 0, &id, e) != 0 ||
	    users_reset_password(rq->app, &who, id, pw, e) != 0 ||
	    users_get(rq->app, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:o,s:s}", "account", out,
					 "password", pw));
	return 0;
}

static int h_users_role_set(const json_t *arr, role_set *out, struct err *e)
{
	size_t i;
	json_t *v;
	char where[64];
	*out = 0;
	if (!json_is_array(arr))
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.roles",
				  "$.roles must be a list of role names");
	json_array_foreach(arr, i, v) {
		enum role r;
		snprintf(where, sizeof where, "$.roles[%zu]", i);
		if (!json_is_string(v) ||
		    role_parse(json_string_value(v), &r) != 0)
			return err_set_at(e, ERR_INVALID, "invalid_field", where,
					  "%s is not a role (sysadmin, secadmin, "
					  "auditor, assessor, reporter, cadre)",
					  where);
		*out |= r;
	}
	return 0;
}

HANDLER(h_users_roles)
{
	static const char *const fields[] = { "roles", "unit_id", NULL };
	int64_t id, unit;
	role_set roles;
	json_t *out;
	struct actor who = request_actor(rq);
	if (request_id(rq, 0, &id, e) != 0 || body_only(rq->json, fields, e) ||
	    h_users_role_set(json_object_get(rq->json, "roles"), &roles, e) ||
	    body_int(rq->json, "unit_id", 0, 1, INT64_MAX, &unit, e) != 0)
		return -1;
	if (users_set_roles(rq->app, &who, id, roles, unit, e) != 0 ||
	    users_get(rq->app, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:o}", "account", out));
	return 0;
}
