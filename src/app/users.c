/* users: the account table, its roles, and their audit records. */
#include "users.h"

#include <stdio.h>
#include <string.h>

#include "app/audit_log.h"
#include "base/secret.h"
#include "base/wallclock.h"
#include "core/password.h"

#define USERS_SELECT \
	"SELECT id, username, display_name, must_change, disabled, " \
	"locked_until, unit_id, created_at FROM account"

json_t *users_roles_json(role_set roles)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < ROLE_COUNT; i++)
		if (roles & role_at(i))
			json_array_append_new(arr, json_string(role_name(role_at(i))));
	return arr;
}

int users_roles(struct store *s, int64_t id, role_set *out, struct err *e)
{
	struct store_value arg[] = { STORE_I(id) };
	struct store_stmt *st;
	*out = 0;
	if (store_query(s, "SELECT role FROM account_role WHERE account_id = ?",
			arg, 1, &st, e) != 0)
		return -1;
	int r;
	while ((r = store_step(st, e)) == 1) {
		enum role role;
		if (role_parse(store_col_text(st, 0), &role) == 0)
			*out |= role;
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

static json_t *users_row(struct store_stmt *st, role_set roles)
{
	int64_t locked = store_col_int(st, 5);
	char until[WALLCLOCK_ISO_LEN] = "";
	if (locked > wallclock_now_ms())
		wallclock_iso(locked, until);
	return json_pack("{s:I,s:s,s:s,s:o,s:o,s:b,s:b,s:o,s:s}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "username", store_col_text(st, 1),
			 "display_name", store_col_text(st, 2),
			 "roles", users_roles_json(roles),
			 "unit_id", store_col_null(st, 6)
				 ? json_null()
				 : json_integer(store_col_int(st, 6)),
			 "must_change", store_col_int(st, 3) != 0,
			 "disabled", store_col_int(st, 4) != 0,
			 "locked_until", until[0] ? json_string(until) : json_null(),
			 "created_at", store_col_text(st, 7));
}

static json_t *users_row_fn(struct store_stmt *st, const void *ctx)
{
	return users_row(st, *(const role_set *)ctx);
}

int users_load(struct store *s, int64_t id, json_t **out, struct err *e)
{
	role_set roles;
	if (users_roles(s, id, &roles, e) != 0)
		return -1;
	return app_load_one(s, USERS_SELECT " WHERE id = ?", id, users_row_fn,
			    &roles, "account", out, e);
}

int users_get(struct app *a, int64_t id, json_t **out, struct err *e)
{
	struct store *s = app_acquire(a);
	int rc = users_load(s, id, out, e);
	app_release(a, s);
	return rc;
}

int users_find(struct app *a, const char *username, int64_t *out,
	       struct err *e)
{
	struct store_value arg[] = { STORE_T(username) };
	struct store *s = app_acquire(a);
	int rc = store_int(s, "SELECT id FROM account WHERE username = ?", arg,
			   1, out, e);
	app_release(a, s);
	if (rc != 0 && err_is(e, ERR_NOT_FOUND))
		err_set_at(e, ERR_NOT_FOUND, "not_found", "username",
			   "there is no account named '%s'", username);
	return rc;
}

static int users_page(struct store *s, int64_t offset, int64_t limit,
		      json_t *items, struct err *e)
{
	struct store_value args[] = { STORE_I(limit), STORE_I(offset) };
	struct store_stmt *st;
	if (store_query(s, USERS_SELECT " ORDER BY username LIMIT ? OFFSET ?",
			args, 2, &st, e) != 0)
		return -1;
	int r;
	while ((r = store_step(st, e)) == 1) {
		role_set roles;
		if (users_roles(s, store_col_int(st, 0), &roles, e) != 0) {
			r = -1;
			break;
		}
		json_array_append_new(items, users_row(st, roles));
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

int users_list(struct app *a, int64_t offset, int64_t limit, json_t **out,
	       struct err *e)
{
	json_t *items = json_array();
	int64_t total = 0;
	struct store *s = app_acquire(a);
	int rc = store_int(s, "SELECT count(*) FROM account", NULL, 0, &total,
			   e);
	if (rc == 0)
		rc = users_page(s, offset, limit, items, e);
	app_release(a, s);
	if (rc != 0) {
		json_decref(items);
		return -1;
	}
	*out = app_page(items, total, offset, limit);
	return 0;
}

/* A reporter's unit must exist. */
static int users_check_unit(struct store *s, int64_t unit_id, struct err *e)
{
	struct store_value arg[] = { STORE_I(unit_id) };
	int64_t n = 0;
	if (!unit_id)
		return 0;
	if (store_int(s, "SELECT count(*) FROM unit WHERE id = ?", arg, 1, &n,
		      e) != 0)
		return -1;
	if (n == 0)
		return err_set_at(e, ERR_INVALID, "unknown_unit", "unit_id",
				  "there is no unit %lld", (long long)unit_id);
	return 0;
}

static int users_put_roles(struct store *s, int64_t id, role_set roles,
			   struct err *e)
{
	struct store_value arg[] = { STORE_I(id) };
	if (store_run(s, "DELETE FROM account_role WHERE account_id = ?", arg, 1,
		      NULL, e) != 0)
		return -1;
	for (size_t i = 0; i < ROLE_COUNT; i++) {
		if (!(roles & role_at(i)))
			continue;
		struct store_value args[] = {
			STORE_I(id), STORE_T(role_name(role_at(i))),
		};
		if (store_run(s, "INSERT INTO account_role (account_id, role) "
				 "VALUES (?, ?)", args, 2, NULL, e) != 0)
			return -1;
	}
	return 0;
}

void users_object(const char *username, char out[USERS_OBJECT_MAX])
{
	bool plausible = account_check_username(username, NULL) == 0;
	snprintf(out, USERS_OBJECT_MAX, "account:%s",
		 plausible ? username : "(invalid)");
}

int users_insert(struct store *s, const struct actor *who,
		 const struct users_new *in, const char *hash,
		 json_t **account_out, struct err *e)
{
	char now[WALLCLOCK_ISO_LEN], object[USERS_OBJECT_MAX];
	int64_t id;
	*account_out = NULL;
	wallclock_iso(wallclock_now_ms(), now);
	if (users_check_unit(s, in->unit_id, e) != 0 ||
	    store_next_id(s, "account", &id, e) != 0)
		return -1;
	struct store_value args[] = {
		STORE_I(id), STORE_T(in->username),
		STORE_T(in->display_name ? in->display_name : in->username),
		STORE_T(hash), in->unit_id ? STORE_I(in->unit_id) : STORE_NIL,
		STORE_T(now),
	};
	if (store_run(s, "INSERT INTO account (id, username, display_name, "
			 "password_hash, must_change, unit_id, created_at) "
			 "VALUES (?, ?, ?, ?, 1, ?, ?)", args, 6, NULL, e) != 0) {
		if (err_is(e, ERR_CONFLICT))
			err_set_at(e, ERR_CONFLICT, "conflict", "username",
				   "an account named '%s' exists already",
				   in->username);
		return -1;
	}
	if (users_put_roles(s, id, in->roles, e) != 0 ||
	    users_load(s, id, account_out, e) != 0)
		return -1;
	users_object(in->username, object);
	return audit_log_append(s, who, "account.add", object, NULL,
				*account_out, e);
}

int users_prepare(const struct users_new *in, char pw_out[USERS_PASSWORD_LEN],
		  char hash_out[SECRET_HASH_MAX], struct err *e)
{
	const char *pw = in->password;
	pw_out[0] = '\0';
	if (account_check_username(in->username, e) != 0)
		return -1;
	if (in->display_name && account_check_display_name(in->display_name, e))
		return -1;
	if (role_check_set(in->roles, in->unit_id != 0, e) != 0)
		return -1;
	if (!pw) {
		secret_password_random(pw_out, USERS_PASSWORD_LEN);
		pw = pw_out;
	} else if (password_check(pw, in->username, "password", e) != 0) {
		return -1;
	}
	if (secret_password_hash(pw, hash_out) != 0)
		return err_set(e, ERR_INTERNAL, "internal",
			       "out of memory hashing the password");
	return 0;
}

struct users_add_ctx {
	const struct actor *who;
	const struct users_new *in;
	const char *hash;
	json_t *account;
};

static int users_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct users_add_ctx *c = vctx;
	return users_insert(s, c->who, c->in, c->hash, &c->account, e);
}

int users_add(struct app *a, const struct actor *who,
	      const struct users_new *in, json_t **out, struct err *e)
{
	char made[USERS_PASSWORD_LEN], hash[SECRET_HASH_MAX];
	if (users_prepare(in, made, hash, e) != 0)
		return -1;
	struct users_add_ctx c = { who, in, hash, NULL };
	if (app_tx(a, users_add_tx, &c, e) != 0) {
		json_decref(c.account);
		return -1;
	}
	*out = json_pack("{s:o}", "account", c.account);
	if (made[0])
		json_object_set_new(*out, "password", json_string(made));
	return 0;
}

/* One change to an existing account, audited with the account before and
 * after. Either `sql` (with the id as its last argument) or new roles. */
struct users_change {
	const struct actor *who;
	int64_t id;
	const char *action;
	const char *sql;
	struct store_value args[3];
	size_t nargs;
	bool end_sessions;
	bool set_roles;
	role_set roles;
	int64_t unit_id;
	/* Refuse when the account holds an admin role and the actor is an
	 * account (not the command line): see users.h. */
	bool guard_admin;
};

/* Refuses to take the last holder's admin role away: without a system,
 * security or audit administrator nobody could manage the system. */
static int users_keep_admins(struct store *s, int64_t id, role_set old,
			     role_set now, struct err *e)
{
	role_set lost = old & ~now & ROLE_ADMINS;
	for (size_t i = 0; i < ROLE_COUNT; i++) {
		if (!(lost & role_at(i)))
			continue;
		struct store_value args[] = {
			STORE_T(role_name(role_at(i))), STORE_I(id),
		};
		int64_t others = 0;
		if (store_int(s, "SELECT count(*) FROM account_role r "
				 "JOIN account a ON a.id = r.account_id "
				 "WHERE r.role = ? AND r.account_id <> ? "
				 "AND a.disabled = 0",
			      args, 2, &others, e) != 0)
			return -1;
		if (others == 0)
			return err_set_at(e, ERR_CONFLICT, "last_admin", "roles",
					  "this is the only active %s account; "
					  "give the role to another account first",
					  role_name(role_at(i)));
	}
	return 0;
}

static int users_change_roles(struct store *s, struct users_change *c,
			      struct err *e)
{
	role_set old;
	if (users_check_unit(s, c->unit_id, e) != 0 ||
	    users_roles(s, c->id, &old, e) != 0 ||
	    users_keep_admins(s, c->id, old, c->roles, e) != 0 ||
	    users_put_roles(s, c->id, c->roles, e) != 0)
		return -1;
	struct store_value args[] = {
		c->unit_id ? STORE_I(c->unit_id) : STORE_NIL, STORE_I(c->id),
	};
	return store_run(s, "UPDATE account SET unit_id = ? WHERE id = ?", args,
			 2, NULL, e);
}

static int users_change_tx(struct store *s, void *vctx, struct err *e)
{
	struct users_change *c = vctx;
	json_t *before = NULL, *after = NULL;
	int rc = -1;
	if (users_load(s, c->id, &before, e) != 0)
		goto out;
	if (c->guard_admin && c->who->account_id) {
		role_set held;
		if (users_roles(s, c->id, &held, e) != 0)
			goto out;
		if ((held | (c->set_roles ? c->roles : 0)) & ROLE_ADMINS) {
			err_set(e, ERR_FORBIDDEN, "admin_account",
				"administrator accounts and roles are managed "
				"from the command line (kaohe user), not by "
				"another administrator");
			goto out;
		}
	}
	if (c->set_roles) {
		if (users_change_roles(s, c, e) != 0)
			goto out;
	} else {
		c->args[c->nargs] = STORE_I(c->id);
		if (store_run(s, c->sql, c->args, c->nargs + 1, NULL, e) != 0)
			goto out;
	}
	struct store_value arg[] = { STORE_I(c->id) };
	if (c->end_sessions &&
	    store_run(s, "DELETE FROM session WHERE account_id = ?", arg, 1,
		      NULL, e) != 0)
		goto out;
	if (users_load(s, c->id, &after, e) != 0)
		goto out;
	char object[USERS_OBJECT_MAX];
	users_object(json_string_value(json_object_get(before, "username")),
		     object);
	rc = audit_log_append(s, c->who, c->action, object, before, after, e);
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

static int users_not_self(const struct actor *who, int64_t id,
			  const char *what, struct err *e)
{
	if (who->account_id && who->account_id == id)
		return err_set(e, ERR_FORBIDDEN, "forbidden",
			       "an administrator cannot %s their own account",
			       what);
	return 0;
}

int users_lock(struct app *a, const struct actor *who, int64_t id,
	       struct err *e)
{
	if (users_not_self(who, id, "lock", e) != 0)
		return -1;
	struct users_change c = {
		.who = who, .id = id, .action = "account.lock",
		.sql = "UPDATE account SET disabled = 1 WHERE id = ?",
		.end_sessions = true, .guard_admin = true,
	};
	return app_tx(a, users_change_tx, &c, e);
}

int users_unlock(struct app *a, const struct actor *who, int64_t id,
		 struct err *e)
{
	struct users_change c = {
		.who = who, .id = id, .action = "account.unlock",
		.sql = "UPDATE account SET disabled = 0, failed_count = 0, "
		       "locked_until = 0 WHERE id = ?",
		.guard_admin = true,
	};
	return app_tx(a, users_change_tx, &c, e);
}

int users_reset_password(struct app *a, const struct actor *who, int64_t id,
			 char pw_out[USERS_PASSWORD_LEN], struct err *e)
{
	char hash[SECRET_HASH_MAX];
	if (users_not_self(who, id, "reset the password of", e) != 0)
		return -1;
	secret_password_random(pw_out, USERS_PASSWORD_LEN);
	if (secret_password_hash(pw_out, hash) != 0)
		return err_set(e, ERR_INTERNAL, "internal",
			       "out of memory hashing the password");
	struct users_change c = {
		.who = who, .id = id, .action = "account.password_reset",
		.sql = "UPDATE account SET password_hash = ?, must_change = 1, "
		       "failed_count = 0, locked_until = 0 WHERE id = ?",
		.args = { STORE_T(hash) }, .nargs = 1, .end_sessions = true,
		.guard_admin = true,
	};
	return app_tx(a, users_change_tx, &c, e);
}

int users_set_roles(struct app *a, const struct actor *who, int64_t id,
		    role_set roles, int64_t unit_id, struct err *e)
{
	if (users_not_self(who, id, "change the roles of", e) != 0)
		return -1;
	if (role_check_set(roles, unit_id != 0, e) != 0)
		return -1;
	if (!(roles & ROLE_REPORTER))
		unit_id = 0; /* a unit means something only to a reporter */
	struct users_change c = {
		.who = who, .id = id, .action = "account.roles",
		.set_roles = true, .roles = roles, .unit_id = unit_id,
		.guard_admin = true,
	};
	return app_tx(a, users_change_tx, &c, e);
}
