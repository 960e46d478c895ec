/* app: opening the database, lending connections, and what the services
 * share (reading rows as JSON, checking a text field). */
#include "app.h"

#include <string.h>

#include "app/ballots.h"
#include "app/people_order.h"
#include "base/log.h"
#include "base/utf8.h"

int app_open(struct app *a, const struct config *cfg, size_t connections,
	     struct err *e)
{
	a->cfg = cfg;
	a->pool = NULL;
	a->ballots = NULL;
	a->policy = (struct account_policy){
		.lockout_failures = config_int(cfg, "lockout_failures"),
		.lockout_seconds = config_int(cfg, "lockout_seconds"),
		.idle_seconds = config_int(cfg, "session_idle"),
		.max_seconds = config_int(cfg, "session_max"),
	};
	struct store_options opt = {
		.busy_timeout_ms = (int)config_int(cfg, "busy_timeout"),
	};
	if (store_pool_open(config_str(cfg, "db"), &opt, connections, &a->pool,
			    e) != 0)
		return -1;
	struct store *s = store_pool_acquire(a->pool);
	int version = 0;
	int rc = store_migrate(s, &version, e);
	store_pool_release(a->pool, s);
	if (rc == 0)
		rc = people_order_refresh(a, e);
	if (rc != 0) {
		app_close(a);
		return -1;
	}
	log_debug("database %s at schema %d", config_str(cfg, "db"), version);
	return 0;
}

void app_close(struct app *a)
{
	if (!a || !a->pool)
		return;
	ballots_stop(a);
	store_pool_close(a->pool);
	a->pool = NULL;
}

struct store *app_acquire(struct app *a)
{
	return store_pool_acquire(a->pool);
}

void app_release(struct app *a, struct store *s)
{
	store_pool_release(a->pool, s);
}

int app_tx(struct app *a, store_tx_fn fn, void *ctx, struct err *e)
{
	struct store *s = app_acquire(a);
	int rc = store_tx(s, fn, ctx, e);
	app_release(a, s);
	return rc;
}

json_t *app_page(json_t *items, int64_t total, int64_t offset, int64_t limit)
{
	return json_pack("{s:o,s:I,s:I,s:I}", "items", items,
			 "total", (json_int_t)total, "offset", (json_int_t)offset,
			 "limit", (json_int_t)limit);
}

int app_load_one(struct store *s, const char *sql, int64_t id,
		 app_row_fn row, const void *ctx, const char *noun,
		 json_t **out, struct err *e)
{
	struct store_value arg[] = { STORE_I(id) };
	struct store_stmt *st;
	*out = NULL;
	if (store_query(s, sql, arg, 1, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1)
		*out = row(st, ctx);
	store_finish(st);
	if (r == 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", "there is no %s %lld",
			       noun, (long long)id);
	return r < 0 ? -1 : 0;
}

json_t *app_col_text(struct store_stmt *st, int col)
{
	return store_col_null(st, col) ? json_null()
				       : json_string(store_col_text(st, col));
}

json_t *app_col_int(struct store_stmt *st, int col)
{
	return store_col_null(st, col) ? json_null()
				       : json_integer(store_col_int(st, col));
}

int app_load_rows(struct store *s, const char *sql,
		  const struct store_value *args, size_t nargs, app_row_fn row,
		  const void *ctx, json_t *items, struct err *e)
{
	struct store_stmt *st;
	int r;
	if (store_query(s, sql, args, nargs, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(items, row(st, ctx));
	store_finish(st);
	return r < 0 ? -1 : 0;
}

int app_list(struct app *a, const char *sql, const struct store_value *args,
	     size_t nargs, app_row_fn row, const void *ctx, json_t **out,
	     struct err *e)
{
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = app_load_rows(s, sql, args, nargs, row, ctx, items, e);
	app_release(a, s);
	if (rc != 0) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int app_text(const char *t, const char *field, size_t max, struct err *e)
{
	size_t len = t ? strlen(t) : 0;
	if (!len || strspn(t, " \t\r\n") == len || !utf8_valid(t, len, NULL) ||
	    utf8_length(t, len) > max)
		return err_set_at(e, ERR_INVALID, "invalid_field", field,
				  "the %s is text of 1 to %zu characters",
				  field, max);
	return 0;
}

int app_text_named(const char *t, const char *field, const char *what,
		   size_t max, struct err *e)
{
	size_t len = t ? strlen(t) : 0;
	if (len == 0 || strspn(t, " \t\r\n") == len)
		return err_set_at(e, ERR_INVALID, "missing_field", field,
				  "the %s is missing", what);
	if (!utf8_valid(t, len, NULL) || utf8_length(t, len) > max)
		return err_set_at(e, ERR_INVALID, "invalid_field", field,
				  "the %s is not text of at most %zu "
				  "characters", what, max);
	return 0;
}
