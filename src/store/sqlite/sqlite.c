/* sqlite: the SQLite backend of struct store_ops.
 * Every connection runs in WAL mode with synchronous=FULL (a commit that
 * returned survives a power cut), foreign keys on and a busy timeout, so
 * writers on other connections wait rather than fail. Errors carry
 * SQLite's message and the first words of the SQL; a duplicate key is
 * ERR_CONFLICT, anything else ERR_STORE. Each connection keeps the
 * statements it prepared (below), so SQL run again is not parsed again.
 * This file must not be called except through store_sqlite_ops, and must
 * not know any table: the SQL comes from above. */
#include "store/store.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/xmalloc.h"

#define SQLITE_BUSY_DEFAULT_MS 5000
#define SQLITE_HEAD_MAX 48 /* bytes of SQL quoted in an error message */
#define SQLITE_CACHE_MAX 64 /* prepared statements kept per connection */

/* A prepared statement kept for the next query of the same SQL text.
 * Parsing was a third of the server's CPU time under a load of ballots
 * (perf, docs/benchmarks.md): every query prepared its SQL anew. A kept
 * statement is reset when its query finishes, so it holds no lock;
 * SQLite prepares it again by itself if the schema changes. */
struct sqlite_kept {
	char *sql;      /* owned; NULL: the slot is empty */
	uint64_t hash;  /* of sql */
	uint64_t used;  /* the connection's clock at its last use */
	sqlite3_stmt *st;
	bool busy;      /* a query is using it */
};

struct sqlite_conn {
	struct store base;
	sqlite3 *db;
	uint64_t clock;
	struct sqlite_kept kept[SQLITE_CACHE_MAX];
};

struct sqlite_rows {
	struct store_stmt base;
	sqlite3_stmt *st;
	sqlite3 *db;
	struct sqlite_kept *kept; /* where st is kept, or NULL: finalize it */
	int64_t total_before; /* sqlite3_total_changes64 before the first step */
	int64_t changes;
	bool started, done, failed;
};

static sqlite3 *sqlite_db(struct store *s)
{
	return ((struct sqlite_conn *)s)->db;
}

static struct sqlite_rows *sqlite_rows(struct store_stmt *st)
{
	return (struct sqlite_rows *)st;
}

/* --- errors -------------------------------------------------------------- */

static const char *sqlite_skip_comments(const char *p)
{
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (p[0] != '-' || p[1] != '-')
			return p;
		p += strcspn(p, "\n");
	}
}

/* The first words of sql for a message: leading comments skipped, white
 * space folded, cut before SQLITE_HEAD_MAX bytes on a character boundary. */
static void sqlite_head(const char *sql, char out[SQLITE_HEAD_MAX + 4])
{
	const char *p = sqlite_skip_comments(sql);
	size_t n = 0;
	while (*p && n < SQLITE_HEAD_MAX) {
		if (!isspace((unsigned char)*p)) {
			out[n++] = *p++;
			continue;
		}
		while (isspace((unsigned char)*p))
			p++;
		if (*p)
			out[n++] = ' ';
	}
	if (*p) {
		/* Do not cut a UTF-8 sequence in two. */
		while (n > 0 && ((unsigned char)*p & 0xC0) == 0x80) {
			p--;
			n--;
		}
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

/* Reports the connection's last error; returns -1. */
static int sqlite_fail(sqlite3 *db, const char *sql, struct err *e)
{
	char head[SQLITE_HEAD_MAX + 4];
	int code = sqlite3_extended_errcode(db);
	bool dup = code == SQLITE_CONSTRAINT_UNIQUE ||
		   code == SQLITE_CONSTRAINT_PRIMARYKEY;
	sqlite_head(sql ? sql : "", head);
	return err_set(e, dup ? ERR_CONFLICT : ERR_STORE, NULL,
		       "%s (in \"%s\")", sqlite3_errmsg(db), head);
}

/* Prepares one statement and steps it once: 1 when it gave a row, 0 when
 * it gave none, -1 on error. *st must be finalized in every case. */
static int sqlite_first(sqlite3 *db, const char *sql, sqlite3_stmt **st,
			struct err *e)
{
	*st = NULL;
	if (sqlite3_prepare_v3(db, sql, -1, 0, st, NULL) != SQLITE_OK)
		return sqlite_fail(db, sql, e);
	int rc = sqlite3_step(*st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sqlite_fail(db, sql, e);
}

/* --- connections --------------------------------------------------------- */

static bool sqlite_accepts(const char *url)
{
	return strncmp(url, "postgres://", 11) != 0 &&
	       strncmp(url, "postgresql://", 13) != 0;
}

static int sqlite_wal(sqlite3 *db, const char *path, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	int row = sqlite_first(db, "PRAGMA journal_mode=WAL", &st, e);
	if (row < 0)
		goto out;
	const char *mode = row ? (const char *)sqlite3_column_text(st, 0) : NULL;
	if (!mode || sqlite3_stricmp(mode, "wal") != 0) {
		err_set(e, ERR_STORE, NULL,
			"%s cannot use write-ahead logging (its journal mode "
			"stays '%s'); keep the database on a local file system",
			path, mode ? mode : "unknown");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

static int sqlite_configure(sqlite3 *db, const char *path,
			    const struct store_options *opt, struct err *e)
{
	int ms = opt->busy_timeout_ms > 0 ? opt->busy_timeout_ms
					  : SQLITE_BUSY_DEFAULT_MS;
	const char *sql = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON";
	sqlite3_extended_result_codes(db, 1);
	/* SQLite quietly opens a file it may not write read-only. */
	if (sqlite3_db_readonly(db, "main") == 1)
		return err_set_at(e, ERR_STORE, NULL, path, "%s is read-only; "
				  "kaohe needs to write its database", path);
	/* First, so that switching to WAL waits for another writer too. */
	sqlite3_busy_timeout(db, ms);
	if (sqlite_wal(db, path, e) != 0)
		return -1;
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_fail(db, sql, e);
	return 0;
}

static void sqlite_close(struct store *s)
{
	struct sqlite_conn *c = (struct sqlite_conn *)s;
	for (size_t i = 0; i < SQLITE_CACHE_MAX; i++) {
		sqlite3_finalize(c->kept[i].st);
		free(c->kept[i].sql);
	}
	if (c->db) {
		/* A statement still open is a bug above; SQLite then closes
		 * the connection when it is finished. */
		for (sqlite3_stmt *st = sqlite3_next_stmt(c->db, NULL); st;
		     st = sqlite3_next_stmt(c->db, st)) {
			char head[SQLITE_HEAD_MAX + 4];
			sqlite_head(sqlite3_sql(st), head);
			log_error("store: closing the database with a statement "
				  "still open: %s", head);
		}
		sqlite3_close_v2(c->db);
	}
	free(c);
}

static int sqlite_open(const char *url, const struct store_options *opt,
		       struct store **out, struct err *e)
{
	struct sqlite_conn *c = xcalloc(1, sizeof *c);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
		    SQLITE_OPEN_NOMUTEX;
	int rc = -1;
	c->base.ops = &store_sqlite_ops;
	if (sqlite3_open_v2(url, &c->db, flags, NULL) != SQLITE_OK) {
		err_set_at(e, ERR_STORE, NULL, url, "cannot open database %s: %s",
			   url, c->db ? sqlite3_errmsg(c->db) : "out of memory");
		goto out;
	}
	if (sqlite_configure(c->db, url, opt, e) != 0)
		goto out;
	*out = &c->base;
	rc = 0;
out:
	if (rc != 0)
		sqlite_close(&c->base);
	return rc;
}

/* --- statements ---------------------------------------------------------- */

static int sqlite_exec(struct store *s, const char *sql, struct err *e)
{
	sqlite3 *db = sqlite_db(s);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_fail(db, sql, e);
	return 0;
}

static int sqlite_bind(sqlite3 *db, sqlite3_stmt *st,
		       const struct store_value *args, size_t nargs,
		       struct err *e)
{
	char head[SQLITE_HEAD_MAX + 4];
	if ((size_t)sqlite3_bind_parameter_count(st) != nargs) {
		sqlite_head(sqlite3_sql(st), head);
		return err_set(e, ERR_INTERNAL, NULL,
			       "%zu values given for %d parameters (in \"%s\")",
			       nargs, sqlite3_bind_parameter_count(st), head);
	}
	for (size_t i = 0; i < nargs; i++) {
		const struct store_value *v = &args[i];
		int k = (int)i + 1, rc;
		if (v->type == STORE_INT)
			rc = sqlite3_bind_int64(st, k, v->i);
		else if (v->type == STORE_TEXT && v->s)
			rc = sqlite3_bind_text64(st, k, v->s, strlen(v->s),
						 SQLITE_TRANSIENT, SQLITE_UTF8);
		else
			rc = sqlite3_bind_null(st, k);
		if (rc != SQLITE_OK)
			return sqlite_fail(db, sqlite3_sql(st), e);
	}
	return 0;
}

static bool sqlite_blank(const char *p)
{
	p = sqlite_skip_comments(p);
	while (*p == ';')
		p = sqlite_skip_comments(p + 1);
	return *p == '\0';
}

static uint64_t sqlite_hash(const char *sql)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return h;
}

/* The kept statement of sql, idle, marked busy; or NULL. */
static struct sqlite_kept *sqlite_kept_find(struct sqlite_conn *c,
					    const char *sql, uint64_t hash)
{
	for (size_t i = 0; i < SQLITE_CACHE_MAX; i++) {
		struct sqlite_kept *k = &c->kept[i];
		if (k->sql && !k->busy && k->hash == hash &&
		    strcmp(k->sql, sql) == 0) {
			k->busy = true;
			k->used = ++c->clock;
			return k;
		}
	}
	return NULL;
}

/* Keeps st, prepared from sql, in an empty slot or in place of the one
 * used longest ago; NULL when every slot is busy. */
static struct sqlite_kept *sqlite_kept_add(struct sqlite_conn *c,
					   const char *sql, uint64_t hash,
					   sqlite3_stmt *st)
{
	struct sqlite_kept *k = NULL;
	for (size_t i = 0; i < SQLITE_CACHE_MAX; i++) {
		struct sqlite_kept *x = &c->kept[i];
		if (!x->busy && (!k || !x->sql || (k->sql && x->used < k->used)))
			k = x;
		if (k && !k->sql)
			break;
	}
	if (!k)
		return NULL;
	sqlite3_finalize(k->st);
	free(k->sql);
	*k = (struct sqlite_kept){ xstrdup(sql), hash, ++c->clock, st, true };
	return k;
}

static int sqlite_prepare(struct sqlite_conn *c, const char *sql,
			  sqlite3_stmt **out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	*out = NULL;
	if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
			       &tail) != SQLITE_OK)
		return sqlite_fail(c->db, sql, e);
	if (!st || !sqlite_blank(tail)) {
		char head[SQLITE_HEAD_MAX + 4];
		sqlite3_finalize(st);
		sqlite_head(sql, head);
		return err_set(e, ERR_INTERNAL, NULL, "a query must be exactly "
			       "one statement (in \"%s\")", head);
	}
	*out = st;
	return 0;
}

static void sqlite_release(struct sqlite_kept *k, sqlite3_stmt *st)
{
	if (!k) {
		sqlite3_finalize(st);
		return;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	k->busy = false;
}

static int sqlite_query(struct store *s, const char *sql,
			const struct store_value *args, size_t nargs,
			struct store_stmt **out, struct err *e)
{
	struct sqlite_conn *c = (struct sqlite_conn *)s;
	uint64_t hash = sqlite_hash(sql);
	struct sqlite_kept *k = sqlite_kept_find(c, sql, hash);
	sqlite3_stmt *st = k ? k->st : NULL;
	if (!k) {
		if (sqlite_prepare(c, sql, &st, e) != 0)
			return -1;
		k = sqlite_kept_add(c, sql, hash, st);
	}
	if (sqlite_bind(c->db, st, args, nargs, e) != 0) {
		sqlite_release(k, st);
		return -1;
	}
	struct sqlite_rows *q = xcalloc(1, sizeof *q);
	q->base.ops = &store_sqlite_ops;
	q->db = c->db;
	q->st = st;
	q->kept = k;
	*out = &q->base;
	return 0;
}

static int sqlite_step(struct store_stmt *stmt, struct err *e)
{
	struct sqlite_rows *q = sqlite_rows(stmt);
	/* SQLite would silently run the statement again after its end. */
	if (q->failed)
		return err_set(e, ERR_INTERNAL, NULL,
			       "a statement was stepped again after it failed");
	if (q->done)
		return 0;
	if (!q->started) {
		q->total_before = sqlite3_total_changes64(q->db);
		q->started = true;
	}
	int rc = sqlite3_step(q->st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE) {
		q->failed = true;
		return sqlite_fail(q->db, sqlite3_sql(q->st), e);
	}
	q->done = true;
	/* sqlite3_changes64 keeps the count of the last INSERT, UPDATE or
	 * DELETE; a statement that changed nothing must report 0. */
	if (sqlite3_total_changes64(q->db) != q->total_before)
		q->changes = sqlite3_changes64(q->db);
	return 0;
}

static bool sqlite_col_null(struct store_stmt *st, int col)
{
	return sqlite3_column_type(sqlite_rows(st)->st, col) == SQLITE_NULL;
}

static int64_t sqlite_col_int(struct store_stmt *st, int col)
{
	return sqlite3_column_int64(sqlite_rows(st)->st, col);
}

static const char *sqlite_col_text(struct store_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(sqlite_rows(st)->st, col);
}

static int64_t sqlite_changes(struct store_stmt *st)
{
	return sqlite_rows(st)->changes;
}

static void sqlite_finish(struct store_stmt *st)
{
	struct sqlite_rows *q = sqlite_rows(st);
	sqlite_release(q->kept, q->st);
	free(q);
}

/* --- transactions -------------------------------------------------------- */

static int sqlite_begin(struct store *s, struct err *e)
{
	/* IMMEDIATE takes the write lock now, so that a transaction never
	 * fails halfway because another connection wrote first. */
	return sqlite_exec(s, "BEGIN IMMEDIATE", e);
}

static int sqlite_commit(struct store *s, struct err *e)
{
	return sqlite_exec(s, "COMMIT", e);
}

static int sqlite_rollback(struct store *s, struct err *e)
{
	/* SQLite rolls back by itself after some errors (a full disk). */
	if (sqlite3_get_autocommit(sqlite_db(s)))
		return 0;
	return sqlite_exec(s, "ROLLBACK", e);
}

/* --- integrity and backups ----------------------------------------------- */

static int sqlite_integrity(sqlite3 *db, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	int row = sqlite_first(db, "PRAGMA integrity_check", &st, e);
	if (row < 0)
		goto out;
	const char *verdict = row ? (const char *)sqlite3_column_text(st, 0) : NULL;
	if (!verdict || strcmp(verdict, "ok") != 0) {
		err_set(e, ERR_STORE, "damaged", "the database is damaged: %s",
			verdict ? verdict : "the integrity check said nothing");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

static int sqlite_references(sqlite3 *db, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	int row = sqlite_first(db, "PRAGMA foreign_key_check", &st, e);
	if (row < 0)
		goto out;
	if (row) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		const char *rowid = (const char *)sqlite3_column_text(st, 1);
		const char *parent = (const char *)sqlite3_column_text(st, 2);
		err_set(e, ERR_STORE, "damaged",
			"the database is damaged: row %s of %s refers to a "
			"missing row of %s", rowid ? rowid : "?",
			table ? table : "?", parent ? parent : "?");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

static int sqlite_check(struct store *s, struct err *e)
{
	sqlite3 *db = sqlite_db(s);
	if (sqlite_integrity(db, e) != 0 || sqlite_references(db, e) != 0)
		return -1;
	return 0;
}

/* Removes a failed copy and what SQLite may have left beside it. */
static void sqlite_remove(const char *path)
{
	static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
	struct buf name = BUF_INIT;
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		buf_reset(&name);
		buf_printf(&name, "%s%s", path, suffixes[i]);
		unlink(buf_str(&name));
	}
	buf_free(&name);
}

static int sqlite_backup(struct store *s, const char *dest, struct err *e)
{
	sqlite3 *copy = NULL;
	sqlite3_backup *b = NULL;
	int rc = -1;
	/* Claim the name: O_EXCL refuses a file that appeared since the
	 * caller looked, and 0600 because the copy holds password hashes. */
	int fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		int errnum = errno;
		return err_set_at(e, errnum == EEXIST ? ERR_CONFLICT : ERR_STORE,
				  NULL, dest, "cannot create the backup %s: %s",
				  dest, strerror(errnum));
	}
	close(fd);
	if (sqlite3_open_v2(dest, &copy, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    !(b = sqlite3_backup_init(copy, "main", sqlite_db(s), "main"))) {
		err_set_at(e, ERR_STORE, NULL, dest, "cannot back up to %s: %s",
			   dest, copy ? sqlite3_errmsg(copy) : "out of memory");
		goto out;
	}
	/* All pages in one step: one read transaction on the source, so the
	 * copy is one consistent moment even while others write. */
	int step = sqlite3_backup_step(b, -1);
	int finish = sqlite3_backup_finish(b);
	if (step != SQLITE_DONE || finish != SQLITE_OK) {
		err_set_at(e, ERR_STORE, NULL, dest, "backup to %s failed: %s",
			   dest, sqlite3_errstr(step != SQLITE_DONE ? step : finish));
		goto out;
	}
	rc = 0;
out:
	sqlite3_close_v2(copy);
	if (rc != 0)
		sqlite_remove(dest);
	return rc;
}

const struct store_ops store_sqlite_ops = {
	.name = "sqlite",
	.accepts = sqlite_accepts,
	.open = sqlite_open,
	.close = sqlite_close,
	.exec = sqlite_exec,
	.query = sqlite_query,
	.step = sqlite_step,
	.col_null = sqlite_col_null,
	.col_int = sqlite_col_int,
	.col_text = sqlite_col_text,
	.changes = sqlite_changes,
	.finish = sqlite_finish,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.check = sqlite_check,
	.backup = sqlite_backup,
};
