/* app: the services behind every request and every command.
 * A service opens its own transaction, checks what it is given, does the
 * work and writes its audit record in the same transaction, so that an
 * action whose audit record cannot be written does not happen. The HTTP
 * handlers and the CLI commands are thin: they parse, call a service and
 * present its answer. Services return jansson objects for what they show.
 * This layer must not know about HTTP or the terminal. */
#ifndef KAOHE_APP_H
#define KAOHE_APP_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/config.h"
#include "base/err.h"
#include "core/account.h"
#include "core/role.h"
#include "store/store.h"

struct ballots_queue;

struct app {
	const struct config *cfg; /* borrowed, read-only */
	struct store_pool *pool;
	struct account_policy policy;
	struct ballots_queue *ballots; /* app/ballots' writer; NULL: none */
};

/* Who is acting, for permissions and for the audit log. */
struct actor {
	int64_t account_id;   /* 0: the command line, or nobody */
	const char *username; /* the account; "cli" for the command line; "-" */
	role_set roles;
	int64_t unit_id;      /* a reporter's unit; 0 when none */
	const char *client;   /* the remote address; "cli" */
};

/* The command-line operator: whoever can open the database file. */
#define APP_CLI_ACTOR \
	((struct actor){ 0, "cli", ROLE_ALL, 0, "cli" })

/* Opens the database named by the `db` setting with `connections`
 * connections and brings its schema up to date. cfg is borrowed and must
 * outlive the app. */
int app_open(struct app *a, const struct config *cfg, size_t connections,
	     struct err *e);
void app_close(struct app *a);

/* Borrows a connection (give it back with app_release). */
struct store *app_acquire(struct app *a);
void app_release(struct app *a, struct store *s);
/* A page of a list, as every list is answered: {"items", "total",
 * "offset", "limit"}. Takes ownership of items; returns a new object. */
json_t *app_page(json_t *items, int64_t total, int64_t offset, int64_t limit);

/* Reads the one row of sql (which takes the id as its only parameter)
 * and turns it into JSON with row(st, ctx); ERR_NOT_FOUND naming `noun`
 * and the id when there is no row. *out is a new object. */
typedef json_t *(*app_row_fn)(struct store_stmt *st, const void *ctx);
int app_load_one(struct store *s, const char *sql, int64_t id,
		 app_row_fn row, const void *ctx, const char *noun,
		 json_t **out, struct err *e);

/* Appends row(st, ctx) for each row of sql (with args) to items. */
int app_load_rows(struct store *s, const char *sql,
		  const struct store_value *args, size_t nargs, app_row_fn row,
		  const void *ctx, json_t *items, struct err *e);
/* The same on a borrowed connection, answered as a new {"items": [...]}. */
int app_list(struct app *a, const char *sql, const struct store_value *args,
	     size_t nargs, app_row_fn row, const void *ctx, json_t **out,
	     struct err *e);

/* Column col of the current row as JSON: its text or integer, or null. */
json_t *app_col_text(struct store_stmt *st, int col);
json_t *app_col_int(struct store_stmt *st, int col);

/* A required text field: not empty or blank, valid UTF-8, at most max
 * characters. ERR_INVALID "invalid_field" naming field ("the FIELD is
 * text of 1 to MAX characters"). */
int app_text(const char *t, const char *field, size_t max, struct err *e);
/* The same where the message names the field in words (what) and an
 * empty one is ERR_INVALID "missing_field". */
int app_text_named(const char *t, const char *field, const char *what,
		   size_t max, struct err *e);

/* Runs fn in a write transaction on a borrowed connection (store_tx). */
int app_tx(struct app *a, store_tx_fn fn, void *ctx, struct err *e);

#endif
