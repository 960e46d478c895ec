/* people_order: sort keys of names and their upkeep. */
#include "people_order.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/collate.h"
#include "base/log.h"
#include "base/xmalloc.h"

static void people_order_hex(const struct buf *key, struct buf *out)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)key->data;
	buf_reset(out);
	for (size_t i = 0; i < key->len; i++) {
		buf_putc(out, digits[p[i] >> 4]);
		buf_putc(out, digits[p[i] & 15]);
	}
}

int people_order_keys(const char *name, struct buf *pinyin, struct buf *stroke,
		      struct err *e)
{
	struct buf key = BUF_INIT;
	int rc = -1;
	if (collate_key(COLLATE_PINYIN, name, strlen(name), &key, e) != 0)
		goto out;
	people_order_hex(&key, pinyin);
	buf_reset(&key);
	if (collate_key(COLLATE_STROKE, name, strlen(name), &key, e) != 0)
		goto out;
	people_order_hex(&key, stroke);
	rc = 0;
out:
	buf_free(&key);
	if (rc != 0 && e->code == ERR_INVALID)
		snprintf(e->where, sizeof e->where, "name");
	return rc;
}

/* The versions of both orders as "pinyin-version/stroke-version". */
static int people_order_version(char *out, size_t size, struct err *e)
{
	char p[COLLATE_VERSION_MAX], s[COLLATE_VERSION_MAX];
	if (collate_version(COLLATE_PINYIN, p, e) != 0 ||
	    collate_version(COLLATE_STROKE, s, e) != 0)
		return -1;
	snprintf(out, size, "%s/%s", p, s);
	return 0;
}

struct people_order_ids {
	int64_t *id;
	char **name;
	size_t n, cap;
};

static int people_order_load(struct store *s, bool all,
			     struct people_order_ids *l, struct err *e)
{
	struct store_stmt *st;
	int r;
	if (store_query(s, all ? "SELECT id, name FROM person"
			       : "SELECT id, name FROM person WHERE "
				 "name_pinyin IS NULL OR name_stroke IS NULL",
			NULL, 0, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 256;
			l->id = xrealloc(l->id, l->cap * sizeof *l->id);
			l->name = xrealloc(l->name, l->cap * sizeof *l->name);
		}
		l->id[l->n] = store_col_int(st, 0);
		l->name[l->n++] = xstrdup(store_col_text(st, 1));
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

static int people_order_tx(struct store *s, void *vctx, struct err *e)
{
	const char *version = vctx;
	struct store_value v[] = { STORE_T("people"), STORE_T(version) };
	struct people_order_ids l = { 0 };
	struct buf py = BUF_INIT, sk = BUF_INIT;
	int64_t same = 0;
	int rc = -1;
	if (store_int(s, "SELECT count(*) FROM collation WHERE name = ? AND "
			 "version = ?", v, 2, &same, e) != 0 ||
	    people_order_load(s, same == 0, &l, e) != 0)
		goto out;
	for (size_t i = 0; i < l.n; i++) {
		if (people_order_keys(l.name[i], &py, &sk, e) != 0)
			goto out;
		struct store_value u[] = { STORE_T(buf_str(&py)),
					   STORE_T(buf_str(&sk)),
					   STORE_I(l.id[i]) };
		if (store_run(s, "UPDATE person SET name_pinyin = ?, "
				 "name_stroke = ? WHERE id = ?", u, 3, NULL, e))
			goto out;
	}
	if (!same && (store_run(s, "DELETE FROM collation WHERE name = ?", v, 1,
				NULL, e) != 0 ||
		      store_run(s, "INSERT INTO collation (name, version) "
				   "VALUES (?, ?)", v, 2, NULL, e) != 0))
		goto out;
	if (l.n)
		log_info("sort keys of %zu person name(s) computed (collation "
			 "%s)", l.n, version);
	rc = 0;
out:
	for (size_t i = 0; i < l.n; i++)
		free(l.name[i]);
	free(l.name);
	free(l.id);
	buf_free(&py);
	buf_free(&sk);
	return rc;
}

int people_order_refresh(struct app *a, struct err *e)
{
	char version[2 * COLLATE_VERSION_MAX];
	if (people_order_version(version, sizeof version, e) != 0)
		return -1;
	return app_tx(a, people_order_tx, version, e);
}
