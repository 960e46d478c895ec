/* h_session: logging in and out, who is logged in, changing one's own
 * password, and the health check. */
#include <string.h>

#include "app/audit_log.h"
#include "app/sessions.h"
#include "app/users.h"
#include "http/body.h"
#include "http/handlers.h"
#include "store/store.h"

#define H_SESSION_COOKIE "kaohe_session"

static void h_session_cookie(struct response *rs, const struct request *rq,
			     const char *token)
{
	buf_reset(&rs->set_cookie);
	buf_printf(&rs->set_cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
		   H_SESSION_COOKIE, token ? token : "",
		   token ? "" : "; Max-Age=0",
		   rq->cookie_secure ? "; Secure" : "");
}

HANDLER(h_health)
{
	struct store *s = app_acquire(rq->app);
	int version = 0;
	int rc = store_version(s, &version, e);
	app_release(rq->app, s);
	if (rc != 0)
		return -1;
	response_json(rs, 200, json_pack("{s:s,s:s,s:i}", "status", "ok",
					 "version", KAOHE_VERSION,
					 "schema", version));
	return 0;
}

static int h_session_answer(struct request *rq, struct response *rs,
			    const struct session *sn, struct err *e)
{
	json_t *out;
	if (sessions_json(rq->app, sn, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_session_login)
{
	static const char *const fields[] = { "username", "password", NULL };
	const char *username, *password;
	char token[SECRET_TOKEN_LEN + 1];
	struct session sn;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "username", true, 256, &username, e) != 0 ||
	    body_string(rq->json, "password", true, 4096, &password, e) != 0)
		return -1;
	if (sessions_login(rq->app, username, password, rq->client, token, &sn,
			   e) != 0)
		return -1;
	h_session_cookie(rs, rq, token);
	rs->account = arena_strdup(rq->arena, sn.username);
	return h_session_answer(rq, rs, &sn, e);
}

HANDLER(h_session_get)
{
	return h_session_answer(rq, rs, rq->session, e);
}

HANDLER(h_session_logout)
{
	if (sessions_logout(rq->app, rq->session, rq->client, e) != 0)
		return -1;
	h_session_cookie(rs, rq, NULL);
	response_json(rs, 200, json_pack("{s:b}", "ok", 1));
	return 0;
}

HANDLER(h_session_password)
{
	static const char *const fields[] = { "old_password", "new_password",
					      NULL };
	const char *old_pw, *new_pw;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "old_password", true, 4096, &old_pw, e) != 0 ||
	    body_string(rq->json, "new_password", true, 4096, &new_pw, e) != 0)
		return -1;
	if (sessions_change_password(rq->app, rq->session, rq->client, old_pw,
				     new_pw, e) != 0)
		return -1;
	return h_session_answer(rq, rs, rq->session, e);
}
