/* test_store: the store layer on real SQLite files, each test in its own
 * temporary directory: migrations, parameters, transactions, ids,
 * backups, integrity checks, failure injection and the pool.
 * Must not depend on the order tests run in, nor leave files behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"

struct fixture {
	char dir[256];
	char db[320];
	struct store *s;
};

/* --- helpers ------------------------------------------------------------- */

static void fixture_path(const struct fixture *f, const char *name,
			 char out[320])
{
	snprintf(out, 320, "%s/%s", f->dir, name);
}

static int setup_open(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct err e = ERR_INIT;
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof f->dir, "%s/kaohe-test-store-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	fixture_path(f, "kaohe.db", f->db);
	if (store_open(f->db, NULL, &f->s, &e) != 0) {
		fprintf(stderr, "store_open: %s\n", e.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int setup_migrated(void **state)
{
	struct err e = ERR_INIT;
	int version = 0;
	if (setup_open(state) != 0)
		return -1;
	struct fixture *f = *state;
	if (store_migrate(f->s, &version, &e) != 0) {
		fprintf(stderr, "store_migrate: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	unsetenv("KAOHE_STORE_FAIL_AT");
	store_fault_reset();
	store_close(f->s);
	DIR *d = opendir(f->dir);
	for (struct dirent *de; d && (de = readdir(d));) {
		char path[600];
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", f->dir, de->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t int_of(struct store *s, const char *sql)
{
	struct err e = ERR_INIT;
	int64_t v = -12345;
	if (store_int(s, sql, NULL, 0, &v, &e) != 0)
		fail_msg("%s: %s", sql, e.msg);
	return v;
}

static void run_ok(struct store *s, const char *sql,
		   const struct store_value *args, size_t nargs)
{
	struct err e = ERR_INIT;
	if (store_run(s, sql, args, nargs, NULL, &e) != 0)
		fail_msg("%s: %s", sql, e.msg);
}

static int add_account(struct store *s, int64_t id, const char *username,
		       const char *display, struct err *e)
{
	struct store_value args[] = {
		STORE_I(id), STORE_T(username), STORE_T(display),
		STORE_T("hash"), STORE_T("2026-01-01T00:00:00.000Z"),
	};
	return store_run(s, "INSERT INTO account (id, username, display_name, "
			    "password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
			 args, 5, NULL, e);
}

/* --- migrations and connection settings ---------------------------------- */

static void test_migrate_fresh(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	int version = -1, again = -1;
	assert_int_equal(store_version(f->s, &version, &e), 0);
	assert_int_equal(version, 0);
	assert_true(store_latest_version() >= 1);
	assert_int_equal(store_migrate(f->s, &version, &e), 0);
	assert_int_equal(version, store_latest_version());
	int64_t rows = int_of(f->s, "SELECT COUNT(*) FROM schema_version");
	assert_int_equal(rows, store_latest_version());
	/* Applying again changes nothing. */
	assert_int_equal(store_migrate(f->s, &again, &e), 0);
	assert_int_equal(again, version);
	assert_int_equal(int_of(f->s, "SELECT COUNT(*) FROM schema_version"),
			 rows);
	assert_int_equal(store_version(f->s, &again, &e), 0);
	assert_int_equal(again, version);
	/* 0001 ran: its seed row of the audit head is there. */
	assert_int_equal(int_of(f->s, "SELECT seq FROM audit_head WHERE id = 1"),
			 0);
}

static void test_migrate_bookkeeping(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct store_stmt *st = NULL;
	assert_int_equal(store_query(f->s, "SELECT name, applied_at FROM "
				     "schema_version WHERE version = 1", NULL,
				     0, &st, &e), 0);
	assert_int_equal(store_step(st, &e), 1);
	assert_string_equal(store_col_text(st, 0), "0001_base.sql");
	const char *at = store_col_text(st, 1);
	assert_int_equal(strlen(at), 24); /* 2026-11-29T18:31:03.123Z */
	assert_int_equal(at[10], 'T');
	assert_int_equal(at[23], 'Z');
	assert_int_equal(store_step(st, &e), 0);
	store_finish(st);
}

static void test_connection_settings(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct store_stmt *st = NULL;
	assert_string_equal(store_backend(f->s), "sqlite");
	assert_int_equal(store_query(f->s, "PRAGMA journal_mode", NULL, 0, &st,
				     &e), 0);
	assert_int_equal(store_step(st, &e), 1);
	assert_string_equal(store_col_text(st, 0), "wal");
	store_finish(st);
	/* SQLite documents synchronous FULL as 2. */
	assert_int_equal(int_of(f->s, "PRAGMA synchronous"), 2);
	assert_int_equal(int_of(f->s, "PRAGMA foreign_keys"), 1);
	assert_int_equal(int_of(f->s, "PRAGMA busy_timeout"), 5000);
	assert_int_equal(store_check(f->s, &e), 0);
}

static void test_newer_schema_refused(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	int latest = store_latest_version(), version = 0;
	struct store_value args[] = { STORE_I(latest + 1) };
	run_ok(f->s, "INSERT INTO schema_version (version, name, applied_at) "
		     "VALUES (?, 'future.sql', '2030-01-01T00:00:00.000Z')",
	       args, 1);
	assert_int_equal(store_migrate(f->s, &version, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "newer"));
	assert_int_equal(store_version(f->s, &version, &e), 0);
	assert_int_equal(version, latest + 1);
}

static void test_postgres_refused(void **state)
{
	(void)state;
	static const char *const urls[] = {
		"postgres://kaohe:s3cret@db.example/kaohe",
		"postgresql://kaohe:s3cret@db.example/kaohe",
	};
	for (size_t i = 0; i < 2; i++) {
		static struct store stale;
		struct err e = ERR_INIT;
		struct store *s = &stale; /* store_open must reset it */
		assert_int_equal(store_open(urls[i], NULL, &s, &e), -1);
		assert_null(s);
		assert_int_equal(e.code, ERR_INVALID);
		assert_non_null(strstr(e.msg, "the PostgreSQL backend is not "
					      "available yet"));
		assert_null(strstr(e.msg, "s3cret"));
	}
	struct err e = ERR_INIT;
	struct store *s = NULL;
	assert_int_equal(store_open("", NULL, &s, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
}

/* --- parameters and results ---------------------------------------------- */

static void test_params_round_trip(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct store_stmt *st = NULL;
	/* 张三：优秀（2026）in UTF-8, 3 bytes per Chinese character. */
	const char *zh = "\xe5\xbc\xa0\xe4\xb8\x89\xef\xbc\x9a\xe4\xbc\x98"
			 "\xe7\xa7\x80\xef\xbc\x88" "2026" "\xef\xbc\x89";
	const char *none = NULL;
	run_ok(f->s, "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, n BIGINT)",
	       NULL, 0);
	struct store_value r1[] = { STORE_I(1), STORE_T(zh),
				    STORE_I(INT64_C(9007199254740993)) };
	struct store_value r2[] = { STORE_I(2), STORE_T(none), STORE_NIL };
	struct store_value r3[] = { STORE_I(3), STORE_T(""), STORE_I(INT64_MIN) };
	const char *ins = "INSERT INTO t (id, name, n) VALUES (?, ?, ?)";
	run_ok(f->s, ins, r1, 3);
	run_ok(f->s, ins, r2, 3);
	run_ok(f->s, ins, r3, 3);
	assert_int_equal(store_query(f->s, "SELECT id, name, n FROM t ORDER BY id",
				     NULL, 0, &st, &e), 0);
	assert_int_equal(store_step(st, &e), 1);
	/* Seven 3-byte characters and four digits. */
	assert_int_equal(strlen(store_col_text(st, 1)), 25);
	assert_string_equal(store_col_text(st, 1), zh);
	assert_true(store_col_int(st, 2) == INT64_C(9007199254740993));
	assert_int_equal(store_step(st, &e), 1);
	assert_true(store_col_null(st, 1));
	assert_null(store_col_text(st, 1));
	assert_true(store_col_null(st, 2));
	assert_int_equal(store_step(st, &e), 1);
	assert_false(store_col_null(st, 1));
	assert_string_equal(store_col_text(st, 1), "");
	assert_true(store_col_int(st, 2) == INT64_MIN);
	assert_int_equal(store_step(st, &e), 0);
	assert_int_equal(store_step(st, &e), 0); /* stays at the end */
	store_finish(st);
	struct store_value by_name[] = { STORE_T(zh) };
	int64_t id = 0;
	assert_int_equal(store_int(f->s, "SELECT id FROM t WHERE name = ?",
				   by_name, 1, &id, &e), 0);
	assert_int_equal(id, 1);
}

static void test_params_borrowed(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct store_stmt *st = NULL;
	char text[] = "borrowed only for the call";
	const char *arg = text;
	struct store_value args[] = { STORE_T(arg) };
	assert_int_equal(store_query(f->s, "SELECT ?", args, 1, &st, &e), 0);
	memset(text, '#', sizeof text - 1);
	assert_int_equal(store_step(st, &e), 1);
	assert_string_equal(store_col_text(st, 0), "borrowed only for the call");
	store_finish(st);
}

static void test_run_and_int(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	int64_t changes = -1, v = 0;
	run_ok(f->s, "CREATE TABLE t (id BIGINT PRIMARY KEY, n BIGINT)", NULL, 0);
	run_ok(f->s, "INSERT INTO t (id, n) VALUES (1, 10), (2, NULL), (3, 30)",
	       NULL, 0);
	assert_int_equal(store_run(f->s, "UPDATE t SET n = n + 1 WHERE id >= ?",
				   (struct store_value[]){ STORE_I(2) }, 1,
				   &changes, &e), 0);
	assert_int_equal(changes, 2);
	/* A statement that changes nothing reports 0, not the last count. */
	assert_int_equal(store_run(f->s, "SELECT id FROM t", NULL, 0, &changes,
				   &e), 0);
	assert_int_equal(changes, 0);
	assert_int_equal(store_int(f->s, "SELECT n FROM t WHERE id = 3", NULL, 0,
				   &v, &e), 0);
	assert_int_equal(v, 31);
	assert_int_equal(store_int(f->s, "SELECT n FROM t WHERE id = 9", NULL, 0,
				   &v, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	err_clear(&e);
	assert_int_equal(store_int(f->s, "SELECT n FROM t WHERE id = 2", NULL, 0,
				   &v, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
}

static void test_statement_mistakes(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	assert_int_equal(store_run(f->s, "SELECT ?", NULL, 0, NULL, &e), -1);
	assert_int_equal(e.code, ERR_INTERNAL);
	err_clear(&e);
	assert_int_equal(store_run(f->s, "SELECT 1; SELECT 2", NULL, 0, NULL,
				   &e), -1);
	assert_int_equal(e.code, ERR_INTERNAL);
	err_clear(&e);
	assert_int_equal(store_run(f->s, "SELECT nothing FROM nowhere", NULL, 0,
				   NULL, &e), -1);
	assert_int_equal(e.code, ERR_STORE);
	assert_non_null(strstr(e.msg, "nowhere"));
	assert_non_null(strstr(e.msg, "(in \"SELECT nothing FROM nowhere\")"));
}

/* --- transactions, conflicts and ids ------------------------------------- */

static int tx_two_accounts(struct store *s, void *ctx, struct err *e)
{
	const bool *fail = ctx;
	if (add_account(s, 1, "zhangsan", "Zhang San", e) != 0 ||
	    add_account(s, 2, "lisi", "Li Si", e) != 0)
		return -1;
	if (*fail)
		return err_set(e, ERR_INVALID, "stop", "stopped on purpose");
	return 0;
}

static void test_tx_commit_and_rollback(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	bool fail = true;
	assert_int_equal(store_tx(f->s, tx_two_accounts, &fail, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.id, "stop");
	assert_string_equal(e.msg, "stopped on purpose");
	assert_int_equal(int_of(f->s, "SELECT COUNT(*) FROM account"), 0);
	/* The connection is out of the transaction: the next one works. */
	fail = false;
	err_clear(&e);
	assert_int_equal(store_tx(f->s, tx_two_accounts, &fail, &e), 0);
	assert_int_equal(int_of(f->s, "SELECT COUNT(*) FROM account"), 2);
}

static int tx_orphan(struct store *s, void *ctx, struct err *e)
{
	(void)ctx;
	return store_run(s, "INSERT INTO child (id, parent_id) VALUES (1, 99)",
			 NULL, 0, NULL, e);
}

static void test_tx_failed_commit(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	/* A deferred foreign key is checked only at COMMIT. */
	assert_int_equal(store_exec(f->s,
		"CREATE TABLE parent (id BIGINT PRIMARY KEY);"
		"CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT "
		"REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)", &e), 0);
	assert_int_equal(store_tx(f->s, tx_orphan, NULL, &e), -1);
	assert_int_equal(e.code, ERR_STORE);
	assert_non_null(strstr(e.msg, "rolled back"));
	assert_non_null(strstr(e.msg, "FOREIGN KEY"));
	assert_int_equal(int_of(f->s, "SELECT COUNT(*) FROM child"), 0);
	bool fail = false;
	assert_int_equal(store_tx(f->s, tx_two_accounts, &fail, &e), 0);
}

static void test_unique_conflict(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	assert_int_equal(add_account(f->s, 1, "wangwu", "Wang Wu", &e), 0);
	assert_int_equal(add_account(f->s, 2, "wangwu", "Another", &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "account.username"));
	err_clear(&e);
	assert_int_equal(add_account(f->s, 1, "zhaoliu", "Zhao Liu", &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	err_clear(&e);
	/* Other constraints are not conflicts. */
	assert_int_equal(add_account(f->s, 3, "sunqi", NULL, &e), -1);
	assert_int_equal(e.code, ERR_STORE);
	assert_int_equal(int_of(f->s, "SELECT COUNT(*) FROM account"), 1);
}

struct id_run {
	const char *tables[6];
	int64_t got[6];
};

static int tx_ids(struct store *s, void *ctx, struct err *e)
{
	struct id_run *r = ctx;
	for (size_t i = 0; i < 6 && r->tables[i]; i++)
		if (store_next_id(s, r->tables[i], &r->got[i], e) != 0)
			return -1;
	return 0;
}

static void test_next_id(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct id_run a = { { "account", "audit", "account", "audit", "account" },
			    { 0 } };
	assert_int_equal(store_tx(f->s, tx_ids, &a, &e), 0);
	assert_int_equal(a.got[0], 1);
	assert_int_equal(a.got[1], 1);
	assert_int_equal(a.got[2], 2);
	assert_int_equal(a.got[3], 2);
	assert_int_equal(a.got[4], 3);
	struct id_run b = { { "session", "account" }, { 0 } };
	assert_int_equal(store_tx(f->s, tx_ids, &b, &e), 0);
	assert_int_equal(b.got[0], 1);
	assert_int_equal(b.got[1], 4);
}

/* --- integrity and backups ----------------------------------------------- */

static void test_backup(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct store *copy = NULL;
	char dest[320];
	struct stat sb;
	/* 张三 */
	assert_int_equal(add_account(f->s, 1, "zhangsan", "\xe5\xbc\xa0\xe4\xb8\x89",
				     &e), 0);
	assert_int_equal(add_account(f->s, 2, "lisi", "Li Si", &e), 0);
	fixture_path(f, "backup.db", dest);
	assert_int_equal(store_backup(f->s, dest, &e), 0);
	assert_int_equal(stat(dest, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_open(dest, NULL, &copy, &e), 0);
	assert_int_equal(int_of(copy, "SELECT COUNT(*) FROM account"), 2);
	struct store_value name[] = { STORE_T("\xe5\xbc\xa0\xe4\xb8\x89") };
	int64_t id = 0;
	assert_int_equal(store_int(copy, "SELECT id FROM account WHERE "
				   "display_name = ?", name, 1, &id, &e), 0);
	assert_int_equal(id, 1);
	store_close(copy);
	/* Never over an existing file, database or not. */
	assert_int_equal(store_backup(f->s, dest, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "exists"));
	fixture_path(f, "notes.txt", dest);
	FILE *notes = fopen(dest, "w");
	assert_non_null(notes);
	fputs("keep me\n", notes);
	fclose(notes);
	assert_int_equal(store_backup(f->s, dest, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_int_equal(stat(dest, &sb), 0);
	assert_int_equal(sb.st_size, 8);
}

/* Fills a table over many pages at the end of the file. */
static void fill_pages(struct store *s)
{
	char body[401];
	memset(body, 'x', 400);
	body[400] = '\0';
	const char *text = body;
	run_ok(s, "CREATE TABLE filler (id BIGINT PRIMARY KEY, body TEXT)", NULL, 0);
	for (int i = 1; i <= 300; i++) {
		struct store_value args[] = { STORE_I(i), STORE_T(text) };
		run_ok(s, "INSERT INTO filler (id, body) VALUES (?, ?)", args, 2);
	}
}

/* Writes one page of garbage over a page of the filler table: the last
 * pages of the file, as it was written last (a page in the middle could
 * be the schema's, and then the copy would not even open, which is not
 * what the test is about; where the middle falls moves with every
 * migration). */
static void damage_filler_page(const char *path, int64_t page_size)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	int64_t pages = (int64_t)sb.st_size / page_size;
	assert_true(pages >= 20);
	unsigned char *junk = malloc((size_t)page_size);
	memset(junk, 0xA5, (size_t)page_size);
	int fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	ssize_t w = pwrite(fd, junk, (size_t)page_size,
			   (off_t)((pages - 4) * page_size));
	assert_int_equal(w, page_size);
	close(fd);
	free(junk);
}

static void test_damaged_copy_refused(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct store *copy = NULL;
	char dest[320], again[320], wal[330];
	fill_pages(f->s);
	int64_t page_size = int_of(f->s, "PRAGMA page_size");
	fixture_path(f, "copy.db", dest);
	assert_int_equal(store_backup(f->s, dest, &e), 0);
	/* The copy was closed cleanly: everything is in the main file. */
	snprintf(wal, sizeof wal, "%s-wal", dest);
	assert_int_equal(access(wal, F_OK), -1);
	damage_filler_page(dest, page_size);
	assert_int_equal(store_open(dest, NULL, &copy, &e), 0);
	assert_int_equal(store_check(copy, &e), -1);
	assert_int_equal(e.code, ERR_STORE);
	assert_true(e.msg[0] != '\0');
	/* A damaged database is not backed up, and nothing is left behind. */
	fixture_path(f, "again.db", again);
	err_clear(&e);
	assert_int_equal(store_backup(copy, again, &e), -1);
	assert_int_equal(e.code, ERR_STORE);
	assert_non_null(strstr(e.msg, "damaged"));
	assert_int_equal(access(again, F_OK), -1);
	store_close(copy);
}

static void test_broken_reference_refused(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	assert_int_equal(store_exec(f->s, "PRAGMA foreign_keys=OFF", &e), 0);
	run_ok(f->s, "INSERT INTO account_role (account_id, role) "
		     "VALUES (42, 'cadre')", NULL, 0);
	assert_int_equal(store_exec(f->s, "PRAGMA foreign_keys=ON", &e), 0);
	assert_int_equal(store_check(f->s, &e), -1);
	assert_int_equal(e.code, ERR_STORE);
	assert_non_null(strstr(e.msg, "account_role"));
}

/* --- failure injection --------------------------------------------------- */

static void test_fault_nth_call(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	const char *sql = "SELECT 1";
	setenv("KAOHE_STORE_FAIL_AT", "3", 1);
	store_fault_reset();
	assert_int_equal(store_run(f->s, sql, NULL, 0, NULL, &e), 0);
	assert_int_equal(store_exec(f->s, sql, &e), 0);
	assert_int_equal(store_run(f->s, sql, NULL, 0, NULL, &e), -1);
	assert_int_equal(e.code, ERR_STORE);
	assert_string_equal(e.msg, "injected store failure (KAOHE_STORE_FAIL_AT=3)");
	/* Only the N-th call fails. */
	for (int i = 0; i < 5; i++)
		assert_int_equal(store_run(f->s, sql, NULL, 0, NULL, &e), 0);
	/* Not a positive number: ignored. */
	setenv("KAOHE_STORE_FAIL_AT", "first", 1);
	store_fault_reset();
	for (int i = 0; i < 5; i++)
		assert_int_equal(store_run(f->s, sql, NULL, 0, NULL, &e), 0);
	unsetenv("KAOHE_STORE_FAIL_AT");
	store_fault_reset();
	for (int i = 0; i < 5; i++)
		assert_int_equal(store_run(f->s, sql, NULL, 0, NULL, &e), 0);
}

static void test_fault_keeps_data_whole(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	bool fail = false;
	/* The second insert of the transaction is the second store call. */
	setenv("KAOHE_STORE_FAIL_AT", "2", 1);
	store_fault_reset();
	assert_int_equal(store_tx(f->s, tx_two_accounts, &fail, &e), -1);
	assert_int_equal(e.code, ERR_STORE);
	assert_non_null(strstr(e.msg, "injected"));
	assert_int_equal(int_of(f->s, "SELECT COUNT(*) FROM account"), 0);
	/* The same work succeeds once the failure has passed. */
	assert_int_equal(store_tx(f->s, tx_two_accounts, &fail, &e), 0);
	assert_int_equal(int_of(f->s, "SELECT COUNT(*) FROM account"), 2);
}

static void test_fault_in_migration(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	int version = -1;
	/* Calls: bookkeeping DDL, version query, then in the first
	 * migration's transaction the same two, then its script. */
	setenv("KAOHE_STORE_FAIL_AT", "5", 1);
	store_fault_reset();
	assert_int_equal(store_migrate(f->s, &version, &e), -1);
	assert_int_equal(e.code, ERR_STORE);
	assert_non_null(strstr(e.msg, "0001_base.sql"));
	unsetenv("KAOHE_STORE_FAIL_AT");
	store_fault_reset();
	assert_int_equal(store_version(f->s, &version, &e), 0);
	assert_int_equal(version, 0);
	assert_int_equal(store_migrate(f->s, &version, &e), 0);
	assert_int_equal(version, store_latest_version());
}

/* --- the pool ------------------------------------------------------------ */

#define POOL_THREADS 4
#define POOL_INSERTS 200

struct pool_worker {
	struct store_pool *pool;
	int64_t worker;
	atomic_int *failures;
};

struct pool_insert {
	int64_t worker, n;
};

static int tx_pool_insert(struct store *s, void *ctx, struct err *e)
{
	const struct pool_insert *in = ctx;
	int64_t id;
	if (store_next_id(s, "item", &id, e) != 0)
		return -1;
	struct store_value args[] = { STORE_I(id), STORE_I(in->worker),
				      STORE_I(in->n) };
	return store_run(s, "INSERT INTO item (id, worker, n) VALUES (?, ?, ?)",
			 args, 3, NULL, e);
}

static void *pool_work(void *arg)
{
	struct pool_worker *w = arg;
	for (int64_t i = 0; i < POOL_INSERTS; i++) {
		struct err e = ERR_INIT;
		struct pool_insert in = { w->worker, i };
		struct store *s = store_pool_acquire(w->pool);
		if (store_tx(s, tx_pool_insert, &in, &e) != 0) {
			fprintf(stderr, "worker %lld: %s\n", (long long)w->worker,
				e.msg);
			atomic_fetch_add(w->failures, 1);
		}
		store_pool_release(w->pool, s);
	}
	return NULL;
}

static void test_pool_threads(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct store_pool *pool = NULL;
	/* Fewer connections than threads, so that some wait for one. */
	struct store_options opt = { .busy_timeout_ms = 60000 };
	pthread_t threads[POOL_THREADS];
	struct pool_worker workers[POOL_THREADS];
	atomic_int failures = 0;
	run_ok(f->s, "CREATE TABLE item (id BIGINT PRIMARY KEY, worker BIGINT, "
		     "n BIGINT)", NULL, 0);
	assert_int_equal(store_pool_open(f->db, &opt, 3, &pool, &e), 0);
	for (int i = 0; i < POOL_THREADS; i++) {
		workers[i] = (struct pool_worker){ pool, i, &failures };
		assert_int_equal(pthread_create(&threads[i], NULL, pool_work,
						&workers[i]), 0);
	}
	for (int i = 0; i < POOL_THREADS; i++)
		pthread_join(threads[i], NULL);
	store_pool_close(pool);
	assert_int_equal(atomic_load(&failures), 0);
	assert_int_equal(int_of(f->s, "SELECT COUNT(*) FROM item"), 800);
	assert_int_equal(int_of(f->s, "SELECT MAX(id) FROM item"), 800);
	assert_int_equal(int_of(f->s, "SELECT COUNT(DISTINCT worker) FROM item"),
			 4);
	assert_int_equal(int_of(f->s, "SELECT last_id FROM id_counter "
				      "WHERE name = 'item'"), 800);
}

static void test_pool_bad_size(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct store_pool *pool = NULL;
	assert_int_equal(store_pool_open(f->db, NULL, 0, &pool, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_null(pool);
	store_pool_close(NULL);
}

/* The connection keeps prepared statements: the same SQL again, the same
 * SQL while its first query is still open, more distinct statements than
 * it keeps, and a statement kept across a change of the table's schema
 * all give what fresh statements would. */
static void test_statements_kept(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct store_stmt *a = NULL, *b = NULL;
	run_ok(f->s, "CREATE TABLE kept (k BIGINT PRIMARY KEY, v TEXT)", NULL, 0);
	for (int i = 1; i <= 3; i++) {
		struct store_value args[] = { STORE_I(i), STORE_T("x") };
		run_ok(f->s, "INSERT INTO kept (k, v) VALUES (?, ?)", args, 2);
	}
	assert_int_equal(store_query(f->s, "SELECT k FROM kept ORDER BY k", NULL,
				     0, &a, &e), 0);
	assert_int_equal(store_step(a, &e), 1);
	assert_int_equal(store_query(f->s, "SELECT k FROM kept ORDER BY k", NULL,
				     0, &b, &e), 0);
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(store_step(b, &e), 1);
		assert_int_equal(store_col_int(b, 0), i);
	}
	assert_int_equal(store_step(b, &e), 0);
	store_finish(b);
	assert_int_equal(store_col_int(a, 0), 1);
	assert_int_equal(store_step(a, &e), 1);
	assert_int_equal(store_col_int(a, 0), 2);
	store_finish(a);
	/* 200 distinct statements, then the first again. */
	for (int i = 0; i < 200; i++) {
		char sql[64];
		snprintf(sql, sizeof sql, "SELECT COUNT(*) + %d FROM kept", i);
		assert_int_equal(int_of(f->s, sql), 3 + i);
	}
	assert_int_equal(int_of(f->s, "SELECT COUNT(*) + 0 FROM kept"), 3);
	/* A failed step leaves the kept statement usable. */
	struct store_value dup[] = { STORE_I(1), STORE_T("y") };
	assert_int_equal(store_run(f->s, "INSERT INTO kept (k, v) VALUES (?, ?)",
				   dup, 2, NULL, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	struct store_value four[] = { STORE_I(4), STORE_T("y") };
	run_ok(f->s, "INSERT INTO kept (k, v) VALUES (?, ?)", four, 2);
	assert_int_equal(int_of(f->s, "SELECT COUNT(*) FROM kept"), 4);
	/* The schema changes under a kept statement. */
	assert_int_equal(store_query(f->s, "SELECT * FROM kept WHERE k = 4",
				     NULL, 0, &a, &e), 0);
	assert_int_equal(store_step(a, &e), 1);
	store_finish(a);
	assert_int_equal(store_exec(f->s, "ALTER TABLE kept ADD COLUMN w BIGINT "
				    "DEFAULT 7", &e), 0);
	assert_int_equal(int_of(f->s, "SELECT COUNT(*) FROM kept"), 4);
	assert_int_equal(store_query(f->s, "SELECT * FROM kept WHERE k = 4",
				     NULL, 0, &a, &e), 0);
	assert_int_equal(store_step(a, &e), 1);
	assert_int_equal(store_col_int(a, 2), 7);
	store_finish(a);
}

int main(void)
{
	/* The tests set it themselves; one from outside would break them. */
	unsetenv("KAOHE_STORE_FAIL_AT");
	const struct CMUnitTest tests[] = {
#define T_OPEN(fn) cmocka_unit_test_setup_teardown(fn, setup_open, teardown)
#define T_DB(fn) cmocka_unit_test_setup_teardown(fn, setup_migrated, teardown)
		T_OPEN(test_migrate_fresh),
		T_DB(test_migrate_bookkeeping),
		T_DB(test_connection_settings),
		T_DB(test_newer_schema_refused),
		cmocka_unit_test(test_postgres_refused),
		T_DB(test_params_round_trip),
		T_DB(test_params_borrowed),
		T_DB(test_run_and_int),
		T_DB(test_statement_mistakes),
		T_DB(test_tx_commit_and_rollback),
		T_DB(test_tx_failed_commit),
		T_DB(test_unique_conflict),
		T_DB(test_next_id),
		T_DB(test_backup),
		T_DB(test_damaged_copy_refused),
		T_DB(test_broken_reference_refused),
		T_DB(test_fault_nth_call),
		T_DB(test_fault_keeps_data_whole),
		T_OPEN(test_fault_in_migration),
		T_DB(test_pool_threads),
		T_DB(test_pool_bad_size),
		T_DB(test_statements_kept),
#undef T_OPEN
#undef T_DB
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
