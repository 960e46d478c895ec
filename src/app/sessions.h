/* sessions: logging in, staying logged in, logging out, changing one's
 * password. A session is known to the server only by the SHA-256 of its
 * token; the token lives in the client's cookie. Every login, failed or
 * not, and every logout is audited. */
#ifndef KAOHE_SESSIONS_H
#define KAOHE_SESSIONS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "base/secret.h"

struct session {
	char token_hash[SECRET_SHA256_HEX];
	char csrf[SECRET_TOKEN_LEN + 1];
	int64_t account_id;
	char username[ACCOUNT_USERNAME_MAX + 1];
	role_set roles;
	int64_t unit_id;
	bool must_change;
	int64_t created; /* ms since the epoch */
};

/* Checks the password and opens a session. token_out gets the new
 * token (for the cookie), out the session. Wrong name or password is
 * ERR_UNAUTHENTICATED "invalid_credentials" whichever it was; a locked
 * account is ERR_LOCKED. */
int sessions_login(struct app *a, const char *username, const char *password,
		   const char *client, char token_out[SECRET_TOKEN_LEN + 1],
		   struct session *out, struct err *e);
/* The live session of a token; ERR_UNAUTHENTICATED when there is none or
 * it has ended (an ended session is removed). Notes the request's time. */
int sessions_lookup(struct app *a, const char *token, struct session *out,
		    struct err *e);
/* Ends the session. */
int sessions_logout(struct app *a, const struct session *sn,
		    const char *client, struct err *e);
/* Changes the password of the session's account; ends its other
 * sessions. */
int sessions_change_password(struct app *a, struct session *sn,
			     const char *client, const char *old_password,
			     const char *new_password, struct err *e);
/* {"account": {...}, "csrf", "idle_seconds", "expires_at"}: a new object. */
int sessions_json(struct app *a, const struct session *sn, json_t **out,
		  struct err *e);
/* The actor a session acts as. Borrows sn and client. */
struct actor sessions_actor(const struct session *sn, const char *client);

#endif
