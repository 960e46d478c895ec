/* sessions: the session table, lockout, and their audit records. */
#include "sessions.h"

#include <stdio.h>
#include <string.h>

#include "app/audit_log.h"
#include "app/users.h"
#include "base/log.h"
#include "base/wallclock.h"
#include "core/password.h"

#define SESSIONS_PASSWORD_INPUT_MAX 1024 /* longer is refused unhashed */

struct actor sessions_actor(const struct session *sn, const char *client)
{
	return (struct actor){ sn->account_id, sn->username, sn->roles,
			       sn->unit_id, client };
}

/* One login attempt. What the account table says is read before the
 * (slow) password check, so no transaction is held while hashing. */
struct sessions_attempt {
	const struct account_policy *policy;
	const char *username, *client;
	int64_t now;          /* ms since the epoch */
	bool known;
	int64_t id;
	char hash[SECRET_HASH_MAX];
	bool disabled;
	int64_t locked_until;
	const char *reason;       /* NULL: the login succeeds */
	int64_t locked_until_after;
	const char *token_hash, *csrf;
};

static int sessions_read_account(struct app *a, struct sessions_attempt *t,
				 struct err *e)
{
	struct store_value arg[] = { STORE_T(t->username) };
	struct store_stmt *st = NULL;
	struct store *s = app_acquire(a);
	int r = store_query(s, "SELECT id, password_hash, disabled, "
			       "locked_until FROM account WHERE username = ?",
			    arg, 1, &st, e);
	if (r == 0 && (r = store_step(st, e)) == 1) {
		t->known = true;
		t->id = store_col_int(st, 0);
		snprintf(t->hash, sizeof t->hash, "%s", store_col_text(st, 1));
		t->disabled = store_col_int(st, 2) != 0;
		t->locked_until = store_col_int(st, 3);
	}
	store_finish(st);
	app_release(a, s);
	return r < 0 ? -1 : 0;
}

static json_t *sessions_time_json(int64_t ms)
{
	char iso[WALLCLOCK_ISO_LEN];
	if (!ms)
		return json_null();
	wallclock_iso(ms, iso);
	return json_string(iso);
}

/* Counts a wrong password for a known account, locking it at the limit.
 * The count is read again inside the transaction: another attempt may
 * have changed it (or locked the account) since the password was
 * checked, and a lock must never be undone by a late failure. */
static int sessions_count_failure(struct store *s, struct sessions_attempt *t,
				  int64_t *count, struct err *e)
{
	struct store_value arg[] = { STORE_I(t->id) };
	struct store_stmt *st = NULL;
	int64_t failed = 0, locked = 0;
	int r = store_query(s, "SELECT failed_count, locked_until FROM account "
			       "WHERE id = ?", arg, 1, &st, e);
	if (r == 0 && (r = store_step(st, e)) == 1) {
		failed = store_col_int(st, 0);
		locked = store_col_int(st, 1);
	}
	store_finish(st);
	if (r < 0)
		return -1;
	if (account_locked_out(locked, t->now)) {
		t->reason = "account_locked";
		t->locked_until = locked;
		return 0;
	}
	account_after_failure(t->policy, failed, t->now, count,
			      &t->locked_until_after);
	struct store_value args[] = {
		STORE_I(*count), STORE_I(t->locked_until_after), STORE_I(t->id),
	};
	return store_run(s, "UPDATE account SET failed_count = ?, "
			    "locked_until = ? WHERE id = ?", args, 3, NULL, e);
}

/* Counts a wrong password (locking the account at the limit) and
 * records the failure. */
static int sessions_fail_tx(struct store *s, void *ctx, struct err *e)
{
	struct sessions_attempt *t = ctx;
	int64_t count = 0;
	if (t->known && strcmp(t->reason, "invalid_credentials") == 0) {
		if (sessions_count_failure(s, t, &count, e) != 0)
			return -1;
	}
	char object[USERS_OBJECT_MAX];
	users_object(t->username, object);
	struct actor who = { t->id, t->known ? t->username : "-", 0, 0,
			     t->client };
	json_t *after = json_pack("{s:s,s:I,s:o}", "reason", t->reason,
				  "failed_count", (json_int_t)count,
				  "locked_until",
				  sessions_time_json(t->locked_until_after));
	int rc = audit_log_append(s, &who, "session.login_failed", object,
				  NULL, after, e);
	json_decref(after);
	return rc;
}

/* Reads the lock state again inside the transaction: another attempt may
 * have locked the account (or an administrator disabled it) while this
 * password was being checked. */
static int sessions_still_open(struct store *s, struct sessions_attempt *t,
			       struct err *e)
{
	struct store_value arg[] = { STORE_I(t->id) };
	struct store_stmt *st = NULL;
	int r = store_query(s, "SELECT disabled, locked_until FROM account "
			       "WHERE id = ?", arg, 1, &st, e);
	if (r == 0 && (r = store_step(st, e)) == 1) {
		if (store_col_int(st, 0))
			t->reason = "account_disabled";
		else if (account_locked_out(store_col_int(st, 1), t->now)) {
			t->reason = "account_locked";
			t->locked_until = store_col_int(st, 1);
		}
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

static int sessions_ok_tx(struct store *s, void *ctx, struct err *e)
{
	struct sessions_attempt *t = ctx;
	if (sessions_still_open(s, t, e) != 0)
		return -1;
	if (t->reason)
		return sessions_fail_tx(s, t, e);
	/* Sessions whose cookie never came back are removed here. */
	struct store_value ended[] = {
		STORE_I(t->now - t->policy->max_seconds * 1000),
		STORE_I(t->now - t->policy->idle_seconds * 1000),
	};
	if (store_run(s, "DELETE FROM session WHERE created_at <= ? OR "
			 "last_seen <= ?", ended, 2, NULL, e) != 0)
		return -1;
	struct store_value id[] = { STORE_I(t->id) };
	if (store_run(s, "UPDATE account SET failed_count = 0, locked_until = 0 "
			 "WHERE id = ?", id, 1, NULL, e) != 0)
		return -1;
	struct store_value args[] = {
		STORE_T(t->token_hash), STORE_I(t->id), STORE_T(t->csrf),
		STORE_I(t->now), STORE_I(t->now), STORE_T(t->client),
	};
	if (store_run(s, "INSERT INTO session (token_hash, account_id, csrf, "
			 "created_at, last_seen, client) "
			 "VALUES (?, ?, ?, ?, ?, ?)", args, 6, NULL, e) != 0)
		return -1;
	char object[USERS_OBJECT_MAX];
	users_object(t->username, object);
	struct actor who = { t->id, t->username, 0, 0, t->client };
	return audit_log_append(s, &who, "session.login", object, NULL, NULL, e);
}

static int sessions_refuse(const struct sessions_attempt *t, struct err *e)
{
	char until[WALLCLOCK_ISO_LEN];
	if (strcmp(t->reason, "account_disabled") == 0)
		return err_set(e, ERR_LOCKED, "account_disabled",
			       "this account has been locked by an "
			       "administrator");
	int64_t locked = t->locked_until_after ? t->locked_until_after
					       : t->locked_until;
	if (strcmp(t->reason, "account_locked") == 0 || t->locked_until_after) {
		wallclock_iso(locked, until);
		return err_set(e, ERR_LOCKED, "account_locked",
			       "too many failed logins: the account is locked "
			       "until %s (UTC)", until);
	}
	return err_set(e, ERR_UNAUTHENTICATED, "invalid_credentials",
		       "wrong user name or password");
}

int sessions_login(struct app *a, const char *username, const char *password,
		   const char *client, char token_out[SECRET_TOKEN_LEN + 1],
		   struct session *out, struct err *e)
{
	struct sessions_attempt t = {
		.policy = &a->policy, .username = username, .client = client,
		.now = wallclock_now_ms(),
	};
	if (sessions_read_account(a, &t, e) != 0)
		return -1;
	bool too_long = strlen(password) > SESSIONS_PASSWORD_INPUT_MAX;
	if (!t.known || too_long) {
		/* The same work whatever the name, so that timing does not
		 * tell which accounts exist. */
		secret_password_dummy(too_long ? "" : password);
		t.reason = "invalid_credentials";
	} else if (account_locked_out(t.locked_until, t.now)) {
		t.reason = "account_locked";
	} else if (!secret_password_verify(t.hash, password)) {
		t.reason = "invalid_credentials";
	} else if (t.disabled) {
		t.reason = "account_disabled";
	}
	if (t.reason) {
		if (app_tx(a, sessions_fail_tx, &t, e) != 0)
			return -1;
		return sessions_refuse(&t, e);
	}
	memset(out, 0, sizeof *out);
	secret_token(token_out);
	secret_sha256_hex(token_out, strlen(token_out), out->token_hash);
	secret_token(out->csrf);
	t.token_hash = out->token_hash;
	t.csrf = out->csrf;
	if (app_tx(a, sessions_ok_tx, &t, e) != 0)
		return -1;
	if (t.reason)
		return sessions_refuse(&t, e);
	return sessions_lookup(a, token_out, out, e);
}

static int sessions_read(struct store *s, const char *token_hash,
			 struct session *out, bool *disabled,
			 int64_t *last_seen, struct err *e)
{
	struct store_value arg[] = { STORE_T(token_hash) };
	struct store_stmt *st = NULL;
	int r = store_query(s,
			    "SELECT s.account_id, s.csrf, s.created_at, "
			    "s.last_seen, a.username, a.must_change, a.disabled, "
			    "a.unit_id FROM session s JOIN account a "
			    "ON a.id = s.account_id WHERE s.token_hash = ?",
			    arg, 1, &st, e);
	if (r == 0 && (r = store_step(st, e)) == 1) {
		snprintf(out->token_hash, sizeof out->token_hash, "%s",
			 token_hash);
		out->account_id = store_col_int(st, 0);
		snprintf(out->csrf, sizeof out->csrf, "%s",
			 store_col_text(st, 1));
		out->created = store_col_int(st, 2);
		*last_seen = store_col_int(st, 3);
		snprintf(out->username, sizeof out->username, "%s",
			 store_col_text(st, 4));
		out->must_change = store_col_int(st, 5) != 0;
		*disabled = store_col_int(st, 6) != 0;
		out->unit_id = store_col_null(st, 7) ? 0 : store_col_int(st, 7);
	}
	store_finish(st);
	if (r == 0)
		return err_set(e, ERR_UNAUTHENTICATED, "unauthenticated",
			       "please log in");
	return r < 0 ? -1 : 0;
}

static int sessions_check(struct store *s, const struct account_policy *p,
			  const char *token_hash, struct session *out,
			  struct err *e)
{
	bool disabled = false;
	int64_t last_seen = 0, now = wallclock_now_ms();
	if (sessions_read(s, token_hash, out, &disabled, &last_seen, e) != 0)
		return -1;
	struct store_value arg[] = { STORE_T(token_hash) };
	enum account_session_state state =
		account_session_state(p, out->created, last_seen, now);
	if (disabled || state != ACCOUNT_SESSION_LIVE) {
		if (store_run(s, "DELETE FROM session WHERE token_hash = ?", arg,
			      1, NULL, e) != 0)
			return -1;
		return err_set(e, ERR_UNAUTHENTICATED, "session_expired",
			       state == ACCOUNT_SESSION_IDLE
				       ? "the session ended after a period "
					 "without activity; please log in again"
				       : "the session has ended; please log in "
					 "again");
	}
	if (account_touch_due(p, last_seen, now)) {
		struct store_value args[] = { STORE_I(now), STORE_T(token_hash) };
		if (store_run(s, "UPDATE session SET last_seen = ? "
				 "WHERE token_hash = ?", args, 2, NULL, e) != 0)
			return -1;
	}
	return users_roles(s, out->account_id, &out->roles, e);
}

int sessions_lookup(struct app *a, const char *token, struct session *out,
		    struct err *e)
{
	char hash[SECRET_SHA256_HEX];
	memset(out, 0, sizeof *out);
	if (strlen(token) != SECRET_TOKEN_LEN)
		return err_set(e, ERR_UNAUTHENTICATED, "unauthenticated",
			       "please log in");
	secret_sha256_hex(token, SECRET_TOKEN_LEN, hash);
	struct store *s = app_acquire(a);
	int rc = sessions_check(s, &a->policy, hash, out, e);
	app_release(a, s);
	return rc;
}

struct sessions_end {
	const struct session *sn;
	const char *client;
};

static int sessions_logout_tx(struct store *s, void *ctx, struct err *e)
{
	struct sessions_end *c = ctx;
	struct store_value arg[] = { STORE_T(c->sn->token_hash) };
	if (store_run(s, "DELETE FROM session WHERE token_hash = ?", arg, 1,
		      NULL, e) != 0)
		return -1;
	char object[USERS_OBJECT_MAX];
	users_object(c->sn->username, object);
	struct actor who = sessions_actor(c->sn, c->client);
	return audit_log_append(s, &who, "session.logout", object, NULL, NULL,
				e);
}

int sessions_logout(struct app *a, const struct session *sn,
		    const char *client, struct err *e)
{
	struct sessions_end c = { sn, client };
	return app_tx(a, sessions_logout_tx, &c, e);
}

struct sessions_password {
	const struct session *sn;
	const char *client;
	const char *hash;
};

static int sessions_password_tx(struct store *s, void *ctx, struct err *e)
{
	struct sessions_password *c = ctx;
	char now[WALLCLOCK_ISO_LEN];
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value args[] = {
		STORE_T(c->hash), STORE_T(now), STORE_I(c->sn->account_id),
	};
	if (store_run(s, "UPDATE account SET password_hash = ?, must_change = 0, "
			 "password_changed_at = ? WHERE id = ?",
		      args, 3, NULL, e) != 0)
		return -1;
	struct store_value others[] = {
		STORE_I(c->sn->account_id), STORE_T(c->sn->token_hash),
	};
	int64_t ended = 0;
	if (store_run(s, "DELETE FROM session WHERE account_id = ? "
			 "AND token_hash <> ?", others, 2, &ended, e) != 0)
		return -1;
	char object[USERS_OBJECT_MAX];
	users_object(c->sn->username, object);
	struct actor who = sessions_actor(c->sn, c->client);
	json_t *before = json_pack("{s:b}", "must_change", c->sn->must_change);
	json_t *after = json_pack("{s:b,s:I}", "must_change", 0,
				  "other_sessions_ended", (json_int_t)ended);
	int rc = audit_log_append(s, &who, "session.password", object, before,
				  after, e);
	json_decref(before);
	json_decref(after);
	return rc;
}

static int sessions_stored_hash(struct app *a, struct sessions_attempt *t,
				struct err *e)
{
	if (sessions_read_account(a, t, e) != 0)
		return -1;
	if (!t->known)
		return err_set(e, ERR_NOT_FOUND, "not_found",
			       "the account no longer exists");
	return 0;
}

/* A wrong current password counts as a failed login, so that a session
 * left open cannot be used to guess the password without limit. */
static int sessions_wrong_old(struct app *a, struct sessions_attempt *t,
			      struct err *e)
{
	t->reason = "invalid_credentials";
	if (app_tx(a, sessions_fail_tx, t, e) != 0)
		return -1;
	if (t->locked_until_after || strcmp(t->reason, "account_locked") == 0)
		return sessions_refuse(t, e);
	return err_set_at(e, ERR_INVALID, "invalid_credentials",
			  "old_password", "the current password is wrong");
}

int sessions_change_password(struct app *a, struct session *sn,
			     const char *client, const char *old_password,
			     const char *new_password, struct err *e)
{
	char hash[SECRET_HASH_MAX];
	struct sessions_attempt t = {
		.policy = &a->policy, .username = sn->username,
		.client = client, .now = wallclock_now_ms(),
	};
	if (sessions_stored_hash(a, &t, e) != 0)
		return -1;
	if (account_locked_out(t.locked_until, t.now)) {
		t.reason = "account_locked";
		return sessions_refuse(&t, e);
	}
	if (strlen(old_password) > SESSIONS_PASSWORD_INPUT_MAX ||
	    !secret_password_verify(t.hash, old_password))
		return sessions_wrong_old(a, &t, e);
	if (password_check(new_password, sn->username, "new_password", e) != 0)
		return -1;
	if (strcmp(old_password, new_password) == 0)
		return err_set_at(e, ERR_INVALID, "weak_password", "new_password",
				  "the new password must differ from the "
				  "current one");
	if (secret_password_hash(new_password, hash) != 0)
		return err_set(e, ERR_INTERNAL, "internal",
			       "out of memory hashing the password");
	struct sessions_password c = { sn, client, hash };
	if (app_tx(a, sessions_password_tx, &c, e) != 0)
		return -1;
	sn->must_change = false;
	return 0;
}

int sessions_json(struct app *a, const struct session *sn, json_t **out,
		  struct err *e)
{
	json_t *account = NULL;
	struct store *s = app_acquire(a);
	int rc = users_load(s, sn->account_id, &account, e);
	app_release(a, s);
	if (rc != 0)
		return -1;
	*out = json_pack("{s:o,s:s,s:I,s:o}", "account", account,
			 "csrf", sn->csrf,
			 "idle_seconds", (json_int_t)a->policy.idle_seconds,
			 "expires_at",
			 sessions_time_json(sn->created +
					    a->policy.max_seconds * 1000));
	return 0;
}
