/* audit_log: the hash-chained audit table. */
#include "audit_log.h"

#include <stdio.h>
#include <string.h>

#include "base/wallclock.h"
#include "base/xmalloc.h"
#include "core/audit.h"

static char *audit_log_dump(const json_t *v)
{
	return v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS |
				     JSON_ENCODE_ANY) : NULL;
}

int audit_log_append(struct store *s, const struct actor *who,
		     const char *action, const char *object,
		     const json_t *before, const json_t *after, struct err *e)
{
	char at[WALLCLOCK_ISO_LEN], hash[SECRET_SHA256_HEX];
	char prev[SECRET_SHA256_HEX] = "";
	char *b = audit_log_dump(before), *af = audit_log_dump(after);
	struct store_stmt *st = NULL;
	int64_t seq = 0;
	int rc = -1;

	/* The UPDATE takes the head row's lock first (PostgreSQL) so that
	 * appends are serialised; SQLite's write transaction already is. */
	if (store_run(s, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1",
		      NULL, 0, NULL, e) != 0)
		goto out;
	if (store_query(s, "SELECT seq, hash FROM audit_head WHERE id = 1",
			NULL, 0, &st, e) != 0)
		goto out;
	if (store_step(st, e) != 1) {
		err_set(e, ERR_STORE, "audit_head_missing",
			"the audit log's head record is missing");
		goto out;
	}
	seq = store_col_int(st, 0);
	const char *last = store_col_text(st, 1);
	snprintf(prev, sizeof prev, "%s", last ? last : "");
	store_finish(st);
	st = NULL;

	wallclock_iso(wallclock_now_ms(), at);
	struct audit_record r = {
		.seq = seq, .at = at, .account = who->username,
		.action = action, .object = object, .before = b, .after = af,
		.client = who->client, .prev_hash = prev,
	};
	audit_hash(&r, hash);
	struct store_value args[] = {
		STORE_I(seq), STORE_T(at), STORE_T(who->username),
		STORE_T(action), STORE_T(object), STORE_T(b), STORE_T(af),
		STORE_T(who->client), STORE_T(prev), STORE_T(hash),
	};
	if (store_run(s,
		      "INSERT INTO audit (seq, at, account, action, object, "
		      "before_value, after_value, client, prev_hash, hash) "
		      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		      args, 10, NULL, e) != 0)
		goto out;
	struct store_value head[] = { STORE_T(hash) };
	if (store_run(s, "UPDATE audit_head SET hash = ? WHERE id = 1", head,
		      1, NULL, e) != 0)
		goto out;
	rc = 0;
out:
	store_finish(st);
	free(b);
	free(af);
	return rc;
}

struct audit_log_one {
	const struct actor *who;
	const char *action, *object;
	const json_t *before, *after;
};

static int audit_log_one_tx(struct store *s, void *ctx, struct err *e)
{
	struct audit_log_one *o = ctx;
	return audit_log_append(s, o->who, o->action, o->object, o->before,
				o->after, e);
}

int audit_log_record(struct app *a, const struct actor *who,
		     const char *action, const char *object,
		     const json_t *before, const json_t *after, struct err *e)
{
	struct audit_log_one o = { who, action, object, before, after };
	struct store *s = app_acquire(a);
	int rc = store_tx(s, audit_log_one_tx, &o, e);
	app_release(a, s);
	return rc;
}

/* Builds " WHERE ..." for the filter into sql, and its arguments. */
static size_t audit_log_where(const struct audit_log_filter *f, char *sql,
			      size_t cap, struct store_value *args)
{
	size_t n = 0;
	size_t len = 0;
	sql[0] = '\0';
	const struct { const char *value, *clause; } conds[] = {
		{ f->action, "action = ?" }, { f->account, "account = ?" },
		{ f->from, "at >= ?" }, { f->to, "at < ?" },
	};
	for (size_t i = 0; i < sizeof conds / sizeof conds[0]; i++) {
		if (!conds[i].value)
			continue;
		len += (size_t)snprintf(sql + len, cap - len, "%s%s",
					n ? " AND " : " WHERE ", conds[i].clause);
		args[n++] = STORE_T(conds[i].value);
	}
	return n;
}

static json_t *audit_log_json_field(const char *text)
{
	if (!text)
		return json_null();
	json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
	return v ? v : json_string(text);
}

static json_t *audit_log_row(struct store_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:s,s:s}",
			 "seq", (json_int_t)store_col_int(st, 0),
			 "at", store_col_text(st, 1),
			 "account", store_col_text(st, 2),
			 "action", store_col_text(st, 3),
			 "object", store_col_text(st, 4),
			 "before", audit_log_json_field(store_col_text(st, 5)),
			 "after", audit_log_json_field(store_col_text(st, 6)),
			 "client", store_col_text(st, 7),
			 "hash", store_col_text(st, 8));
}

static int audit_log_page(struct store *s, const struct audit_log_filter *f,
			  json_t *items, int64_t *total, struct err *e)
{
	char where[256], sql[512];
	struct store_value args[6];
	size_t n = audit_log_where(f, where, sizeof where, args);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit%s", where);
	if (store_int(s, sql, args, n, total, e) != 0)
		return -1;
	snprintf(sql, sizeof sql,
		 "SELECT seq, at, account, action, object, before_value, "
		 "after_value, client, hash FROM audit%s "
		 "ORDER BY seq DESC LIMIT ? OFFSET ?", where);
	args[n] = STORE_I(f->limit);
	args[n + 1] = STORE_I(f->offset);
	struct store_stmt *st;
	if (store_query(s, sql, args, n + 2, &st, e) != 0)
		return -1;
	int r;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(items, audit_log_row(st));
	store_finish(st);
	return r < 0 ? -1 : 0;
}

int audit_log_list(struct app *a, const struct audit_log_filter *f,
		   json_t **out, struct err *e)
{
	json_t *items = json_array();
	int64_t total = 0;
	struct store *s = app_acquire(a);
	int rc = audit_log_page(s, f, items, &total, e);
	app_release(a, s);
	if (rc != 0) {
		json_decref(items);
		return -1;
	}
	*out = app_page(items, total, f->offset, f->limit);
	return 0;
}

static void audit_log_broken(struct audit_log_verdict *v, int64_t seq,
			     const char *reason)
{
	if (!v->ok)
		return; /* keep the first */
	v->ok = false;
	v->broken_at = seq;
	snprintf(v->reason, sizeof v->reason, "%s", reason);
}

static void audit_log_check_row(struct store_stmt *st,
				struct audit_log_verdict *v, char *prev)
{
	char hash[SECRET_SHA256_HEX];
	int64_t seq = store_col_int(st, 0);
	struct audit_record r = {
		.seq = seq, .at = store_col_text(st, 1),
		.account = store_col_text(st, 2),
		.action = store_col_text(st, 3),
		.object = store_col_text(st, 4),
		.before = store_col_text(st, 5),
		.after = store_col_text(st, 6),
		.client = store_col_text(st, 7),
		.prev_hash = store_col_text(st, 8),
	};
	const char *stored = store_col_text(st, 9);
	v->records++;
	if (seq != v->records)
		audit_log_broken(v, v->records,
				 seq > v->records ? "a record is missing"
						  : "records are out of order");
	else if (strcmp(r.prev_hash, prev) != 0)
		audit_log_broken(v, seq, "the link to the previous record does "
					 "not match (a record before it was "
					 "changed or removed)");
	audit_hash(&r, hash);
	if (strcmp(hash, stored) != 0)
		audit_log_broken(v, seq, "the record was changed after it was "
					 "written (its hash does not match)");
	snprintf(prev, SECRET_SHA256_HEX, "%s", stored ? stored : "");
}

/* Reads the head first and walks the records up to it, so that records
 * appended meanwhile do not count and no read transaction is needed. */
static int audit_log_walk(struct store *s, struct audit_log_verdict *v,
			  struct err *e)
{
	char prev[SECRET_SHA256_HEX] = AUDIT_GENESIS;
	struct store_stmt *st;
	int64_t head_seq = 0;
	if (store_int(s, "SELECT seq FROM audit_head WHERE id = 1", NULL, 0,
		      &head_seq, e) != 0)
		return -1;
	struct store_value arg[] = { STORE_I(head_seq) };
	if (store_query(s,
			"SELECT seq, at, account, action, object, before_value, "
			"after_value, client, prev_hash, hash FROM audit "
			"WHERE seq <= ? ORDER BY seq", arg, 1, &st, e) != 0)
		return -1;
	int r;
	while ((r = store_step(st, e)) == 1)
		audit_log_check_row(st, v, prev);
	store_finish(st);
	if (r < 0)
		return -1;
	memcpy(v->head, prev, SECRET_SHA256_HEX);
	/* The head catches records removed from the end. */
	if (head_seq != v->records)
		audit_log_broken(v, v->records + 1,
				 "records at the end of the log are missing");
	return 0;
}

int audit_log_verify(struct app *a, struct audit_log_verdict *out,
		     struct err *e)
{
	memset(out, 0, sizeof *out);
	out->ok = true;
	struct store *s = app_acquire(a);
	int rc = audit_log_walk(s, out, e);
	app_release(a, s);
	return rc;
}
