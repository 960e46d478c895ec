/* users: accounts and their roles.
 * Adding an account and resetting a password give a one-time password,
 * returned once and stored only as an Argon2id hash; the account must
 * change it at first login. Locking or resetting an account ends its
 * sessions. Permission (which role may call which service) is checked by
 * the caller's route or command; the rules about the data (the
 * three-admin split, a reporter's unit) are checked here. An account
 * that holds an administrator role is locked or reset only from the
 * command line: otherwise the system administrator could take over the
 * security or audit administrator's account and undo the split. */
#ifndef KAOHE_USERS_H
#define KAOHE_USERS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "base/secret.h"

#define USERS_PASSWORD_LEN 17 /* a one-time password and its NUL */

struct users_new {
	const char *username;
	const char *display_name; /* NULL: the username */
	role_set roles;
	int64_t unit_id;          /* 0: none */
	const char *password;     /* NULL: a one-time password is made */
};

/* Adds an account. *out is a new object {"account": {...}, "password"}
 * where password is present only when one was made. */
int users_add(struct app *a, const struct actor *who,
	      const struct users_new *in, json_t **out, struct err *e);
/* {"items": [...], "total", "offset", "limit"}, ordered by username. */
int users_list(struct app *a, int64_t offset, int64_t limit, json_t **out,
	       struct err *e);
/* One account as JSON; ERR_NOT_FOUND when there is none. */
int users_get(struct app *a, int64_t id, json_t **out, struct err *e);
/* The id of the account named username; ERR_NOT_FOUND when none. */
int users_find(struct app *a, const char *username, int64_t *out,
	       struct err *e);
int users_lock(struct app *a, const struct actor *who, int64_t id,
	       struct err *e);
/* Clears an administrator's lock and a lockout. */
int users_unlock(struct app *a, const struct actor *who, int64_t id,
		 struct err *e);
/* A new one-time password into pw_out. */
int users_reset_password(struct app *a, const struct actor *who, int64_t id,
			 char pw_out[USERS_PASSWORD_LEN], struct err *e);
int users_set_roles(struct app *a, const struct actor *who, int64_t id,
		    role_set roles, int64_t unit_id, struct err *e);

#define USERS_OBJECT_MAX (ACCOUNT_USERNAME_MAX + 16)

/* The audit object naming an account, "account:<username>"; a name that
 * cannot be a user name (perhaps a password typed into the wrong box at
 * login) is written "account:(invalid)". */
void users_object(const char *username, char out[USERS_OBJECT_MAX]);

/* Checks a new account and hashes its password (the slow part, done
 * outside any transaction); pw_out gets a one-time password when
 * in->password is NULL. */
int users_prepare(const struct users_new *in, char pw_out[USERS_PASSWORD_LEN],
		  char hash_out[SECRET_HASH_MAX], struct err *e);
/* Inserts a prepared account inside the caller's transaction, with its
 * audit record. *account_out is a new object. */
int users_insert(struct store *s, const struct actor *who,
		 const struct users_new *in, const char *hash,
		 json_t **account_out, struct err *e);

/* The account's JSON, read with an open connection (for sessions). */
int users_load(struct store *s, int64_t id, json_t **out, struct err *e);
/* The account's roles, read with an open connection. */
int users_roles(struct store *s, int64_t id, role_set *out, struct err *e);
/* Roles as a JSON array of names (a new array). */
json_t *users_roles_json(role_set roles);

#endif
