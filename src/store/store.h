/* store: the database, behind a table of functions per backend.
 *
 * A backend (SQLite now, PostgreSQL later) fills a struct store_ops, the
 * way SQLite's VFS is a table; store_open() picks one from the URL once,
 * and everything above calls the store_* functions here, never a backend
 * directly. SQL is written once for both backends: `?` placeholders (a
 * backend that numbers them rewrites them), no SQLite-only syntax, ids
 * from store_next_id() rather than autoincrement, times as ISO 8601 text
 * or epoch seconds, booleans as 0/1 integers, hashes as hex text.
 *
 * One struct store is one connection, used by one thread at a time; a
 * struct store_pool hands connections to the server's threads. This module
 * must not know about HTTP, JSON or any domain table other than its own
 * bookkeeping (schema_version, id_counter).
 *
 * Failure on demand: when the environment variable KAOHE_STORE_FAIL_AT
 * holds a positive integer N, the N-th call of store_exec or store_query
 * in the process (counted across all threads and connections, including
 * the calls made by store_run, store_int, store_next_id and
 * store_migrate) fails with ERR_STORE "injected store failure
 * (KAOHE_STORE_FAIL_AT=N)"; every other call runs normally. The variable
 * is read once, on the first such call; unset, it costs one branch. */
#ifndef KAOHE_STORE_H
#define KAOHE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct store_ops;

/* A connection. Backends embed this as their first member. */
struct store {
	const struct store_ops *ops;
};

/* The rows of one query. Backends embed this as their first member. */
struct store_stmt {
	const struct store_ops *ops;
};

enum store_type { STORE_NULL, STORE_INT, STORE_TEXT };

/* A parameter; a text is borrowed for the duration of the call. */
struct store_value {
	enum store_type type;
	int64_t i;
	const char *s;
};

#define STORE_I(x) ((struct store_value){ STORE_INT, (int64_t)(x), NULL })
/* A text parameter; a NULL pointer binds SQL NULL. */
static inline struct store_value store_text(const char *s)
{
	return (struct store_value){ s ? STORE_TEXT : STORE_NULL, 0, s };
}
#define STORE_T(x) store_text(x)
#define STORE_NIL ((struct store_value){ STORE_NULL, 0, NULL })

struct store_options {
	int busy_timeout_ms; /* how long a writer waits for another; 0: 5000 */
};

struct store_ops {
	const char *name;
	/* True when this backend serves the URL (a path, postgres://...). */
	bool (*accepts)(const char *url);
	int (*open)(const char *url, const struct store_options *opt,
		    struct store **out, struct err *e);
	void (*close)(struct store *s);
	/* Runs a script of one or more statements without parameters. */
	int (*exec)(struct store *s, const char *sql, struct err *e);
	int (*query)(struct store *s, const char *sql,
		     const struct store_value *args, size_t nargs,
		     struct store_stmt **out, struct err *e);
	/* 1: a row is ready; 0: no more rows; -1: error. */
	int (*step)(struct store_stmt *st, struct err *e);
	bool (*col_null)(struct store_stmt *st, int col);
	int64_t (*col_int)(struct store_stmt *st, int col);
	/* NULL for SQL NULL; valid until the next step or finish. */
	const char *(*col_text)(struct store_stmt *st, int col);
	/* Rows changed by the last statement run through this statement. */
	int64_t (*changes)(struct store_stmt *st);
	void (*finish)(struct store_stmt *st);
	/* A write transaction (SQLite: BEGIN IMMEDIATE). */
	int (*begin)(struct store *s, struct err *e);
	int (*commit)(struct store *s, struct err *e);
	int (*rollback)(struct store *s, struct err *e);
	/* Checks the database's own integrity. */
	int (*check)(struct store *s, struct err *e);
	/* A consistent copy of the live database into a new file. */
	int (*backup)(struct store *s, const char *dest, struct err *e);
};

extern const struct store_ops store_sqlite_ops;

/* Opens the database named by url (a file path for SQLite). Does not
 * migrate. Returns a new connection (free with store_close). */
int store_open(const char *url, const struct store_options *opt,
	       struct store **out, struct err *e);
void store_close(struct store *s);
const char *store_backend(const struct store *s);

int store_exec(struct store *s, const char *sql, struct err *e);
/* Returns a new statement (free with store_finish). */
int store_query(struct store *s, const char *sql,
		const struct store_value *args, size_t nargs,
		struct store_stmt **out, struct err *e);
int store_step(struct store_stmt *st, struct err *e);
bool store_col_null(struct store_stmt *st, int col);
int64_t store_col_int(struct store_stmt *st, int col);
const char *store_col_text(struct store_stmt *st, int col);
void store_finish(struct store_stmt *st);

/* Runs one statement to completion; *changes (may be NULL) gets the
 * number of rows it changed. */
int store_run(struct store *s, const char *sql,
	      const struct store_value *args, size_t nargs,
	      int64_t *changes, struct err *e);
/* The first column of the first row as an integer; ERR_NOT_FOUND when
 * there is no row or the value is NULL. */
int store_int(struct store *s, const char *sql,
	      const struct store_value *args, size_t nargs, int64_t *out,
	      struct err *e);

/* The one transaction helper: begins a write transaction, calls fn, and
 * commits when it returns 0 or rolls back when it returns -1 (keeping the
 * error fn set). A failed commit is reported as the error. */
typedef int (*store_tx_fn)(struct store *s, void *ctx, struct err *e);
int store_tx(struct store *s, store_tx_fn fn, void *ctx, struct err *e);

/* The next id for a table (1, 2, 3...), from the id_counter table. Call
 * inside a transaction. */
int store_next_id(struct store *s, const char *table, int64_t *out,
		  struct err *e);

/* Applies every numbered migration not yet applied, each in its own
 * transaction, and reports the schema version reached. */
int store_migrate(struct store *s, int *version_out, struct err *e);
/* The schema version of the database (0 when empty). Creates the empty
 * bookkeeping table when it is missing. */
int store_version(struct store *s, int *out, struct err *e);
/* The newest schema version this program knows. */
int store_latest_version(void);

/* Checks integrity, copies the live database to dest (which must not
 * exist), and checks the copy. */
int store_backup(struct store *s, const char *dest, struct err *e);
int store_check(struct store *s, struct err *e);

/* A fixed set of connections for the server's threads. */
struct store_pool;
/* Returns a new pool of n connections (free with store_pool_close). */
int store_pool_open(const char *url, const struct store_options *opt,
		    size_t n, struct store_pool **out, struct err *e);
/* Borrows a connection, waiting for one if all are in use. Give it back
 * with store_pool_release. Thread-safe. */
struct store *store_pool_acquire(struct store_pool *p);
void store_pool_release(struct store_pool *p, struct store *s);
/* Closes every connection; none may be borrowed. */
void store_pool_close(struct store_pool *p);

/* For tests: forgets the KAOHE_STORE_FAIL_AT countdown, so that the next
 * store_exec or store_query reads the variable again. */
void store_fault_reset(void);

#endif
