/* cycles: the cycle tables and the rules of status, deadline and scope. */
#include "cycles.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit_log.h"
#include "app/ballots.h"
#include "app/routine.h"
#include "app/units.h"
#include "base/buf.h"
#include "base/wallclock.h"
#include "base/xmalloc.h"
#include "core/day.h"

#define CYCLES_OBJECT_MAX 48
#define CYCLES_COLS "id, code, name, kind, status, deadline, created_at, " \
	"computed_at, confirmed_at"

static void cycles_object(int64_t id, char out[CYCLES_OBJECT_MAX])
{
	snprintf(out, CYCLES_OBJECT_MAX, "cycle:%lld", (long long)id);
}

static json_t *cycles_json(struct store_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:s,s:o,s:o}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "code", store_col_text(st, 1),
			 "name", store_col_text(st, 2),
			 "kind", store_col_text(st, 3),
			 "status", store_col_text(st, 4),
			 "deadline", app_col_text(st, 5),
			 "created_at", store_col_text(st, 6),
			 "computed_at", app_col_text(st, 7),
			 "confirmed_at", app_col_text(st, 8));
}

static json_t *cycles_row_fn(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	return cycles_json(st);
}

static int cycles_load(struct store *s, int64_t id, json_t **out,
		       struct err *e)
{
	return app_load_one(s, "SELECT " CYCLES_COLS " FROM cycle WHERE id = ?",
			    id, cycles_row_fn, NULL, "cycle", out, e);
}

/* Whether cycle id has a subject within scope (everything for ALL). */
static int cycles_in_scope(struct store *s, int64_t scope, int64_t id,
			   struct err *e)
{
	struct buf sql = BUF_INIT;
	struct store_value v[] = { STORE_I(id) };
	int64_t n = 0;
	if (scope == UNITS_SCOPE_ALL)
		return 0;
	buf_puts(&sql, "SELECT count(*) FROM cycle_subject WHERE cycle_id = ?");
	int rc = units_scope_sql(s, scope, "unit_id", &sql, e) != 0 ||
		 store_int(s, buf_str(&sql), v, 1, &n, e) != 0 ? -1 : 0;
	buf_free(&sql);
	if (rc == 0 && n == 0)
		rc = err_set(e, ERR_NOT_FOUND, "not_found", "there is no cycle "
			     "%lld", (long long)id);
	return rc;
}

/* --- adding ---------------------------------------------------------------- */

struct cycles_write {
	const struct actor *who;
	const struct cycles_new *in;
	const struct cycles_value *value;
	const struct cycles_results *results;
	const char *text, *subject;
	int64_t id, unit_id;
};

static int cycles_number(const char *s)
{
	char *end;
	if (!s || !*s)
		return -1;
	double d = strtod(s, &end);
	return *end || !isfinite(d) ? -1 : 0;
}

static int cycles_insert_value(struct store *s, int64_t id,
			       const struct cycles_value *v, const char *by,
			       const char *now, struct err *e)
{
	struct store_value a[] = {
		STORE_I(id), STORE_T(v->subject), STORE_T(v->indicator),
		STORE_T(v->actual), STORE_T(v->target), STORE_T(v->source),
		STORE_T(by), STORE_T(now) };
	return store_run(s, "INSERT INTO cycle_value (cycle_id, subject, "
			 "indicator, actual, target, source, entered_by, "
			 "entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON "
			 "CONFLICT (cycle_id, subject, indicator) DO UPDATE SET "
			 "actual = excluded.actual, target = excluded.target, "
			 "source = excluded.source, entered_by = "
			 "excluded.entered_by, entered_at = excluded.entered_at",
			 a, 8, NULL, e);
}

static int cycles_add_rows(struct store *s, const struct cycles_write *c,
			   const char *now, struct err *e)
{
	const struct cycles_new *in = c->in;
	for (size_t i = 0; i < in->nfiles; i++) {
		char *body = xstrndup(in->files[i].body, in->files[i].len);
		struct store_value v[] = { STORE_I(c->id),
					   STORE_T(in->files[i].path),
					   STORE_T(body) };
		int rc = store_run(s, "INSERT INTO cycle_file (cycle_id, path, "
				   "body) VALUES (?, ?, ?)", v, 3, NULL, e);
		free(body);
		if (rc != 0)
			return -1;
	}
	for (size_t i = 0; i < in->nsubjects; i++) {
		const struct cycles_subject *u = &in->subjects[i];
		struct store_value v[] = { STORE_I(c->id), STORE_T(u->id),
					   STORE_T(u->name),
					   STORE_T(u->category),
					   STORE_T(u->scheme ? u->scheme : ""),
					   STORE_T(u->unit) };
		if (store_run(s, "INSERT INTO cycle_subject (cycle_id, subject, "
				 "name, category, scheme, unit) VALUES (?, ?, ?, "
				 "?, ?, ?)", v, 6, NULL, e) != 0)
			return -1;
	}
	for (size_t i = 0; i < in->nvalues; i++)
		if (cycles_insert_value(s, c->id, &in->values[i],
					c->who->username, now, e) != 0)
			return -1;
	return 0;
}

static int cycles_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct cycles_write *c = vctx;
	struct store_value dup[] = { STORE_T(c->in->code) };
	char now[WALLCLOCK_ISO_LEN], object[CYCLES_OBJECT_MAX];
	json_t *after = NULL;
	int64_t n = 0;
	if (store_int(s, "SELECT count(*) FROM cycle WHERE code = ?", dup, 1,
		      &n, e) != 0)
		return -1;
	if (n)
		return err_set_at(e, ERR_CONFLICT, "duplicate_cycle", "code",
				  "there is a cycle '%.100s' already",
				  c->in->code);
	wallclock_iso(wallclock_now_ms(), now);
	if (store_next_id(s, "cycle", &c->id, e) != 0)
		return -1;
	struct store_value v[] = { STORE_I(c->id), STORE_T(c->in->code),
				   STORE_T(c->in->name), STORE_T(c->in->kind),
				   STORE_T(now) };
	if (store_run(s, "INSERT INTO cycle (id, code, name, kind, status, "
			 "created_at) VALUES (?, ?, ?, ?, 'draft', ?)", v, 5,
		      NULL, e) != 0 ||
	    cycles_add_rows(s, c, now, e) != 0 ||
	    cycles_load(s, c->id, &after, e) != 0)
		return -1;
	json_object_set_new(after, "subjects",
			    json_integer((json_int_t)c->in->nsubjects));
	json_object_set_new(after, "values",
			    json_integer((json_int_t)c->in->nvalues));
	cycles_object(c->id, object);
	int rc = audit_log_append(s, c->who, "cycle.add", object, NULL, after,
				  e);
	json_decref(after);
	return rc;
}

int cycles_add(struct app *a, const struct actor *who,
	       const struct cycles_new *in, json_t **out, struct err *e)
{
	struct cycles_write c = { .who = who, .in = in };
	if (in->nfiles > CYCLES_FILES_MAX)
		return err_set(e, ERR_TOO_LARGE, "too_many_files", "a cycle "
			       "has at most %d files", CYCLES_FILES_MAX);
	for (size_t i = 0; i < in->nvalues; i++)
		if (cycles_number(in->values[i].actual) != 0 ||
		    (in->values[i].target &&
		     cycles_number(in->values[i].target) != 0))
			return err_set_at(e, ERR_INVALID, "invalid_number",
					  "values", "value %zu is not a "
					  "number", i + 1);
	if (app_tx(a, cycles_add_tx, &c, e) != 0)
		return -1;
	return cycles_get(a, UNITS_SCOPE_ALL, c.id, out, e);
}

/* --- reading ----------------------------------------------------------------- */

int cycles_list(struct app *a, int64_t scope, json_t **out, struct err *e)
{
	struct buf sql = BUF_INIT;
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = -1;
	buf_puts(&sql, "SELECT " CYCLES_COLS " FROM cycle c WHERE 1 = 1");
	if (scope != UNITS_SCOPE_ALL) {
		buf_puts(&sql, " AND EXISTS (SELECT 1 FROM cycle_subject cs "
			 "WHERE cs.cycle_id = c.id");
		if (units_scope_sql(s, scope, "cs.unit_id", &sql, e) != 0)
			goto out;
		buf_putc(&sql, ')');
	}
	buf_puts(&sql, " ORDER BY id DESC");
	if (app_load_rows(s, buf_str(&sql), NULL, 0, cycles_row_fn, NULL, items,
			  e) != 0)
		goto out;
	*out = json_pack("{s:O}", "items", items);
	rc = 0;
out:
	app_release(a, s);
	json_decref(items);
	buf_free(&sql);
	return rc;
}

/* The subjects within scope with their unit, the person each is (if
 * any), count of values and result position, in subjects.csv order. */
static int cycles_subjects(struct store *s, int64_t scope, int64_t id,
			   json_t *arr, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	int r;
	buf_puts(&sql, "SELECT cs.subject, cs.name, cs.category, cs.scheme, "
		 "cs.unit_id, (SELECT count(*) FROM cycle_value cv WHERE "
		 "cv.cycle_id = cs.cycle_id AND cv.subject = cs.subject), "
		 "(SELECT position FROM cycle_result cr WHERE cr.cycle_id = "
		 "cs.cycle_id AND cr.subject = cs.subject), cs.person_id FROM "
		 "cycle_subject cs WHERE cs.cycle_id = ?");
	if (units_scope_sql(s, scope, "cs.unit_id", &sql, e) != 0)
		goto fail;
	buf_puts(&sql, " ORDER BY cs.rowid");
	if (store_query(s, buf_str(&sql), v, 1, &st, e) != 0)
		goto fail;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(arr, json_pack(
			"{s:s,s:s,s:s,s:s,s:o,s:I,s:o,s:o}",
			"subject", store_col_text(st, 0),
			"name", store_col_text(st, 1),
			"category", store_col_text(st, 2),
			"scheme", store_col_text(st, 3),
			"unit_id", app_col_int(st, 4),
			"values", (json_int_t)store_col_int(st, 5),
			"position", app_col_int(st, 6),
			"person_id", app_col_int(st, 7)));
	store_finish(st);
	buf_free(&sql);
	return r < 0 ? -1 : 0;
fail:
	buf_free(&sql);
	return -1;
}

/* The parts of cycle.json a page needs to name things: the components
 * (id, name, kind, weight; a ratings component's groups and scale
 * levels) and the grades (id, name, min), in order. */
static int cycles_definition(struct store *s, int64_t id, json_t *o,
			     struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	json_t *doc = NULL, *comps = json_array(), *grades = json_array(), *x;
	size_t i;
	if (store_query(s, "SELECT body FROM cycle_file WHERE cycle_id = ? AND "
			   "path = 'cycle.json'", v, 1, &st, e) != 0) {
		json_decref(comps);
		json_decref(grades);
		return -1;
	}
	if (store_step(st, e) == 1)
		doc = json_loads(store_col_text(st, 0), 0, NULL);
	store_finish(st);
	json_array_foreach(json_object_get(doc, "components"), i, x) {
		json_t *c = json_pack("{s:O*,s:O*,s:O*,s:O*}", "id",
				      json_object_get(x, "id"), "name",
				      json_object_get(x, "name"), "kind",
				      json_object_get(x, "kind"), "weight",
				      json_object_get(x, "weight"));
		json_t *groups = json_array(), *g, *levels = json_array();
		size_t k;
		const char *key;
		json_array_foreach(json_object_get(x, "groups"), k, g)
			json_array_append(groups, json_object_get(g, "id"));
		json_object_foreach(json_object_get(x, "scale"), key, g)
			json_array_append_new(levels, json_string(key));
		json_object_set_new(c, "groups", groups);
		json_object_set_new(c, "levels", levels);
		json_array_append_new(comps, c);
	}
	json_array_foreach(json_object_get(doc, "grades"), i, x)
		json_array_append_new(grades, json_pack("{s:O*,s:O*,s:O*}",
			"id", json_object_get(x, "id"), "name",
			json_object_get(x, "name"), "min",
			json_object_get(x, "min")));
	json_object_set_new(o, "components", comps);
	json_object_set_new(o, "grades", grades);
	json_decref(doc);
	return 0;
}

int cycles_get(struct app *a, int64_t scope, int64_t id, json_t **out,
	       struct err *e)
{
	struct store *s = app_acquire(a);
	json_t *o = NULL, *subjects = json_array();
	int rc = -1;
	if (cycles_in_scope(s, scope, id, e) != 0 ||
	    cycles_load(s, id, &o, e) != 0 ||
	    cycles_subjects(s, scope, id, subjects, e) != 0)
		goto out;
	json_object_set(o, "subjects", subjects);
	if (cycles_definition(s, id, o, e) != 0)
		goto out;
	*out = o;
	o = NULL;
	rc = 0;
out:
	app_release(a, s);
	json_decref(o);
	json_decref(subjects);
	return rc;
}

/* --- the workbook ------------------------------------------------------------ */

static void cycles_csv_cell(struct buf *b, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* values.csv from the rows, in subject and indicator order of entry. */
static int cycles_values_csv(struct store *s, int64_t id, struct buf *b,
			     struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	int r;
	buf_puts(b, "subject,indicator,actual,target\n");
	if (store_query(s, "SELECT subject, indicator, actual, target FROM "
			   "cycle_value WHERE cycle_id = ? ORDER BY rowid", v, 1,
			&st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		for (int k = 0; k < 4; k++) {
			if (k)
				buf_putc(b, ',');
			if (!store_col_null(st, k))
				cycles_csv_cell(b, store_col_text(st, k));
		}
		buf_putc(b, '\n');
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* Appends rows (CSV text, whole lines) to the file path of files, after
 * the rows the workbook came with, or as a new file with header. */
static void cycles_append_rows(json_t *files, const char *path,
			       const char *header, const struct buf *rows)
{
	struct buf body = BUF_INIT;
	json_t *f, *file = NULL;
	size_t i;
	if (rows->len == 0)
		return;
	json_array_foreach(files, i, f)
		if (!strcmp(json_string_value(json_object_get(f, "path")), path))
			file = f;
	if (file) {
		buf_puts(&body, json_string_value(json_object_get(file, "body")));
		if (body.len && body.data[body.len - 1] != '\n')
			buf_putc(&body, '\n');
	} else {
		buf_puts(&body, header);
		file = json_pack("{s:s}", "path", path);
		json_array_append_new(files, file);
	}
	buf_append(&body, rows->data, rows->len);
	json_object_set_new(file, "body", json_string(buf_str(&body)));
	buf_free(&body);
}

/* The adjustments as rows of caps.csv. */
static int cycles_caps_rows(struct store *s, int64_t id, struct buf *rows,
			    struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT subject, grade, reason FROM "
			   "cycle_adjustment WHERE cycle_id = ? ORDER BY id", v,
			1, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		for (int k = 0; k < 3; k++) {
			if (k)
				buf_putc(rows, ',');
			cycles_csv_cell(rows, store_col_text(st, k));
		}
		buf_putc(rows, '\n');
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* The linked unit grades as rows of units.csv. */
static int cycles_unit_rows(struct store *s, int64_t id, struct buf *rows,
			    struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT unit, grade FROM cycle_unit_grade WHERE "
			   "cycle_id = ? ORDER BY unit", v, 1, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		cycles_csv_cell(rows, store_col_text(st, 0));
		buf_printf(rows, ",%s\n", store_col_text(st, 1));
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* What the server adds to the imported files: the counted ballots
 * (app/ballots) to ratings.csv, the rated routine quarters (app/routine)
 * to routine.csv and the adjustments to caps.csv. */
static int cycles_add_rows_of_server(struct store *s, int64_t id,
				     json_t *files, struct err *e)
{
	struct buf ratings = BUF_INIT, caps = BUF_INIT, routine = BUF_INIT;
	struct buf units = BUF_INIT;
	int rc = ballots_ratings_csv(s, id, &ratings, e) != 0 ||
		 routine_csv_rows(s, id, &routine, e) != 0 ||
		 cycles_caps_rows(s, id, &caps, e) != 0 ||
		 cycles_unit_rows(s, id, &units, e) != 0 ? -1 : 0;
	if (rc == 0) {
		cycles_append_rows(files, "units.csv", "unit,grade\n", &units);
		cycles_append_rows(files, "ratings.csv",
				   "component,subject,group,level\n", &ratings);
		cycles_append_rows(files, "routine.csv",
				   "subject,period,rating\n", &routine);
		cycles_append_rows(files, "caps.csv", "subject,grade,reason\n",
				   &caps);
	}
	buf_free(&ratings);
	buf_free(&routine);
	buf_free(&caps);
	buf_free(&units);
	return rc;
}

int cycles_workbook(struct app *a, int64_t id, json_t **out, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	struct buf values = BUF_INIT;
	json_t *o = NULL, *files = json_array();
	struct store *s = app_acquire(a);
	int rc = -1, r;
	if (cycles_load(s, id, &o, e) != 0 ||
	    store_query(s, "SELECT path, body FROM cycle_file WHERE cycle_id "
			   "= ? AND path NOT IN ('results.csv', 'trace.jsonl') "
			   "ORDER BY path", v, 1, &st, e) != 0)
		goto out;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(files, json_pack("{s:s,s:s}", "path",
			store_col_text(st, 0), "body", store_col_text(st, 1)));
	store_finish(st);
	if (r < 0 || cycles_values_csv(s, id, &values, e) != 0 ||
	    cycles_add_rows_of_server(s, id, files, e) != 0)
		goto out;
	json_array_append_new(files, json_pack("{s:s,s:s}", "path",
					       "values.csv", "body",
					       buf_str(&values)));
	*out = json_pack("{s:O,s:O}", "code", json_object_get(o, "code"),
			 "files", files);
	rc = 0;
out:
	app_release(a, s);
	json_decref(o);
	json_decref(files);
	buf_free(&values);
	return rc;
}

/* --- values -------------------------------------------------------------- */

/* The cycle's status and deadline as stored. */
struct cycles_state {
	char status[16];
	int deadline; /* yyyymmdd; 0: none */
};

static int cycles_state(struct store *s, int64_t id, struct cycles_state *st_out,
			struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	memset(st_out, 0, sizeof *st_out);
	if (store_query(s, "SELECT status, deadline FROM cycle WHERE id = ?", v,
			1, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		snprintf(st_out->status, sizeof st_out->status, "%s",
			 store_col_text(st, 0));
		if (!store_col_null(st, 1))
			day_parse(store_col_text(st, 1), &st_out->deadline);
	}
	store_finish(st);
	if (r == 0)
		return err_set(e, ERR_NOT_FOUND, "not_found",
			       "there is no cycle %lld", (long long)id);
	return r < 0 ? -1 : 0;
}

static int cycles_not_frozen(const struct cycles_state *st, struct err *e)
{
	if (strcmp(st->status, "confirmed") == 0)
		return err_set(e, ERR_CONFLICT, "cycle_confirmed", "the cycle "
			       "is confirmed: nothing in it changes any more");
	return 0;
}

/* A reporter: the subject's unit within its scope, the cycle open and
 * the deadline not passed. */
static int cycles_reporter_may(struct store *s, const struct cycles_write *c,
			       const struct cycles_state *st, struct err *e)
{
	int64_t scope = units_scope_of(c->who), unit = 0;
	struct store_value v[] = { STORE_I(c->id), STORE_T(c->value->subject) };
	struct err none = ERR_INIT;
	bool in = false;
	if (scope == UNITS_SCOPE_ALL)
		return 0;
	if (store_int(s, "SELECT unit_id FROM cycle_subject WHERE cycle_id = ? "
			 "AND subject = ?", v, 2, &unit, &none) != 0 &&
	    none.code != ERR_NOT_FOUND) {
		*e = none;
		return -1;
	}
	if (units_in_scope(s, scope, unit, &in, e) != 0)
		return -1;
	if (!in)
		return err_set_at(e, ERR_FORBIDDEN, "outside_scope", "subject",
				  "a reporter enters the values of its own "
				  "unit's subjects only");
	if (strcmp(st->status, "open") != 0)
		return err_set(e, ERR_CONFLICT, "cycle_not_open", "the cycle "
			       "is not open for reporting");
	if (st->deadline && wallclock_today() > st->deadline)
		return err_set(e, ERR_CONFLICT, "deadline_passed", "the "
			       "deadline of reporting has passed; ask the "
			       "organisation department");
	return 0;
}

/* The checks of a write of a value: not frozen, a subject of the cycle,
 * a reporter's rules. */
static int cycles_value_may(struct store *s, const struct cycles_write *c,
			    struct err *e)
{
	struct cycles_state st;
	struct store_value k[] = { STORE_I(c->id), STORE_T(c->value->subject) };
	int64_t n = 0;
	/* A reporter's scope first: nothing about subjects outside it. */
	if (cycles_state(s, c->id, &st, e) != 0 ||
	    cycles_reporter_may(s, c, &st, e) != 0 ||
	    cycles_not_frozen(&st, e) != 0)
		return -1;
	if (store_int(s, "SELECT count(*) FROM cycle_subject WHERE cycle_id = "
			 "? AND subject = ?", k, 2, &n, e) != 0)
		return -1;
	if (!n)
		return err_set_at(e, ERR_INVALID, "unknown_subject", "subject",
				  "the cycle has no subject '%.100s'",
				  c->value->subject);
	return 0;
}

static int cycles_value_delete_tx(struct store *s, void *vctx, struct err *e)
{
	struct cycles_write *c = vctx;
	struct store_value k[] = { STORE_I(c->id), STORE_T(c->value->subject),
				   STORE_T(c->value->indicator) };
	char object[CYCLES_OBJECT_MAX];
	int64_t gone = 0;
	if (cycles_value_may(s, c, e) != 0 ||
	    store_run(s, "DELETE FROM cycle_value WHERE cycle_id = ? AND "
			 "subject = ? AND indicator = ?", k, 3, &gone, e) != 0)
		return -1;
	if (!gone)
		return err_set(e, ERR_NOT_FOUND, "not_found", "no value of "
			       "'%.100s' for '%.100s'", c->value->indicator,
			       c->value->subject);
	json_t *before = json_pack("{s:s,s:s}", "subject", c->value->subject,
				   "indicator", c->value->indicator);
	cycles_object(c->id, object);
	int rc = audit_log_append(s, c->who, "cycle.value_delete", object,
				  before, NULL, e);
	json_decref(before);
	return rc;
}

int cycles_value_delete(struct app *a, const struct actor *who, int64_t id,
			const struct cycles_value *v, struct err *e)
{
	struct cycles_write c = { .who = who, .id = id, .value = v };
	if (!v->subject || !v->indicator)
		return err_set(e, ERR_INVALID, "missing_field", "give the "
			       "subject and the indicator");
	return app_tx(a, cycles_value_delete_tx, &c, e);
}

static int cycles_value_tx(struct store *s, void *vctx, struct err *e)
{
	struct cycles_write *c = vctx;
	char now[WALLCLOCK_ISO_LEN], object[CYCLES_OBJECT_MAX];
	if (cycles_value_may(s, c, e) != 0)
		return -1;
	wallclock_iso(wallclock_now_ms(), now);
	if (cycles_insert_value(s, c->id, c->value, c->who->username, now,
				e) != 0)
		return -1;
	json_t *after = json_pack("{s:s,s:s,s:s,s:s?,s:s?}", "subject",
				  c->value->subject, "indicator",
				  c->value->indicator, "actual",
				  c->value->actual, "target", c->value->target,
				  "source", c->value->source);
	snprintf(object, sizeof object, "cycle:%lld", (long long)c->id);
	int rc = audit_log_append(s, c->who, "cycle.value", object, NULL, after,
				  e);
	json_decref(after);
	return rc;
}

/* A value's own checks, before any transaction. */
static int cycles_value_check(const struct cycles_value *v, struct err *e)
{
	if (app_text(v->subject, "subject", 128, e) != 0 ||
	    app_text(v->indicator, "indicator", 128, e) != 0 ||
	    (v->source && app_text(v->source, "source",
					 CYCLES_SOURCE_MAX, e) != 0))
		return -1;
	if (cycles_number(v->actual) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_number", "actual",
				  "the value is a plain decimal number, e.g. "
				  "5.2 (no %% or thousands separators)");
	if (v->target && cycles_number(v->target) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_number", "target",
				  "the target is a plain decimal number");
	return 0;
}

int cycles_value_set_in(struct store *s, const struct actor *who, int64_t id,
			const struct cycles_value *v, struct err *e)
{
	struct cycles_write c = { .who = who, .id = id, .value = v };
	if (cycles_value_check(v, e) != 0)
		return -1;
	return cycles_value_tx(s, &c, e);
}

int cycles_value_set(struct app *a, const struct actor *who, int64_t id,
		     const struct cycles_value *v, json_t **out,
		     struct err *e)
{
	struct cycles_write c = { .who = who, .id = id, .value = v };
	if (cycles_value_check(v, e) != 0 ||
	    app_tx(a, cycles_value_tx, &c, e) != 0)
		return -1;
	return cycles_values(a, UNITS_SCOPE_ALL, id, v->subject, out, e);
}

static json_t *cycles_value_row(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	return json_pack("{s:s,s:s,s:s,s:o,s:o,s:s,s:s}",
			 "subject", store_col_text(st, 0),
			 "indicator", store_col_text(st, 1),
			 "actual", store_col_text(st, 2),
			 "target", app_col_text(st, 3),
			 "source", app_col_text(st, 4),
			 "entered_by", store_col_text(st, 5),
			 "entered_at", store_col_text(st, 6));
}

int cycles_values(struct app *a, int64_t scope, int64_t id,
		  const char *subject, json_t **out, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct store_value v[] = { STORE_I(id), STORE_T(subject) };
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = -1;
	buf_puts(&sql, "SELECT cv.subject, cv.indicator, cv.actual, cv.target, "
		 "cv.source, cv.entered_by, cv.entered_at FROM cycle_value cv "
		 "JOIN cycle_subject cs ON cs.cycle_id = cv.cycle_id AND "
		 "cs.subject = cv.subject WHERE cv.cycle_id = ?1 AND (?2 IS "
		 "NULL OR cv.subject = ?2)");
	if (cycles_in_scope(s, scope, id, e) != 0 ||
	    units_scope_sql(s, scope, "cs.unit_id", &sql, e) != 0)
		goto out;
	buf_puts(&sql, " ORDER BY cv.rowid");
	if (app_load_rows(s, buf_str(&sql), v, 2, cycles_value_row, NULL, items,
			  e) != 0)
		goto out;
	*out = json_pack("{s:O}", "items", items);
	rc = 0;
out:
	app_release(a, s);
	json_decref(items);
	buf_free(&sql);
	return rc;
}

/* --- status, units, results --------------------------------------------------- */

/* Writes a status change with its audit record: sql takes the cycle id
 * last; allowed lists the statuses it may come from. */
static int cycles_status_tx(struct store *s, struct cycles_write *c,
			    const char *action, const char *const *allowed,
			    const char *sql, const struct store_value *args,
			    size_t nargs, struct err *e)
{
	struct cycles_state st;
	char object[CYCLES_OBJECT_MAX];
	json_t *before = NULL, *after = NULL;
	bool ok = false;
	int rc = -1;
	if (cycles_state(s, c->id, &st, e) != 0 ||
	    cycles_not_frozen(&st, e) != 0)
		return -1;
	for (size_t i = 0; allowed[i]; i++)
		ok = ok || strcmp(st.status, allowed[i]) == 0;
	if (!ok)
		return err_set(e, ERR_CONFLICT, "wrong_status", "the cycle is "
			       "%s: %s is not possible now", st.status,
			       action + strlen("cycle."));
	if (cycles_load(s, c->id, &before, e) != 0 ||
	    store_run(s, sql, args, nargs, NULL, e) != 0 ||
	    cycles_load(s, c->id, &after, e) != 0)
		goto out;
	cycles_object(c->id, object);
	rc = audit_log_append(s, c->who, action, object, before, after, e);
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

static int cycles_open_tx(struct store *s, void *vctx, struct err *e)
{
	static const char *const from[] = { "draft", "open", "computed", NULL };
	struct cycles_write *c = vctx;
	struct store_value v[] = { STORE_T(c->text), STORE_I(c->id) };
	return cycles_status_tx(s, c, "cycle.open", from, "UPDATE cycle SET "
				"status = 'open', deadline = ? WHERE id = ?", v,
				2, e);
}

int cycles_open(struct app *a, const struct actor *who, int64_t id,
		const char *deadline, struct err *e)
{
	char d[DAY_TEXT_LEN + 1];
	int ymd;
	if (day_parse(deadline, &ymd) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "deadline",
				  "the deadline is a real date written "
				  "yyyy-mm-dd (the last day of reporting)");
	day_format(ymd, d);
	struct cycles_write c = { .who = who, .id = id, .text = d };
	return app_tx(a, cycles_open_tx, &c, e);
}

static int cycles_unit_tx(struct store *s, void *vctx, struct err *e)
{
	struct cycles_write *c = vctx;
	struct cycles_state st;
	struct store_value v[] = { c->unit_id ? STORE_I(c->unit_id) : STORE_NIL,
				   STORE_I(c->id), STORE_T(c->subject) };
	struct store_value u[] = { STORE_I(c->unit_id) };
	char object[CYCLES_OBJECT_MAX];
	int64_t changed = 0, n = 0;
	if (cycles_state(s, c->id, &st, e) != 0 ||
	    cycles_not_frozen(&st, e) != 0)
		return -1;
	if (c->unit_id && store_int(s, "SELECT count(*) FROM unit WHERE id = "
				       "?", u, 1, &n, e) != 0)
		return -1;
	if (c->unit_id && !n)
		return err_set_at(e, ERR_INVALID, "unknown_unit", "unit_id",
				  "there is no unit %lld",
				  (long long)c->unit_id);
	if (store_run(s, "UPDATE cycle_subject SET unit_id = ? WHERE cycle_id "
			 "= ? AND subject = ?", v, 3, &changed, e) != 0)
		return -1;
	if (!changed)
		return err_set_at(e, ERR_INVALID, "unknown_subject", "subject",
				  "the cycle has no subject '%.100s'",
				  c->subject);
	json_t *after = json_pack("{s:s,s:I}", "subject", c->subject,
				  "unit_id", (json_int_t)c->unit_id);
	cycles_object(c->id, object);
	int rc = audit_log_append(s, c->who, "cycle.subject_unit", object,
				  NULL, after, e);
	json_decref(after);
	return rc;
}

int cycles_subject_unit(struct app *a, const struct actor *who, int64_t id,
			const char *subject, int64_t unit_id, struct err *e)
{
	struct cycles_write c = { .who = who, .id = id, .subject = subject,
				  .unit_id = unit_id };
	return app_tx(a, cycles_unit_tx, &c, e);
}

static int cycles_store_file(struct store *s, int64_t id, const char *path,
			     const char *body, struct err *e)
{
	struct store_value v[] = { STORE_I(id), STORE_T(path), STORE_T(body) };
	return store_run(s, "INSERT INTO cycle_file (cycle_id, path, body) "
			 "VALUES (?, ?, ?) ON CONFLICT (cycle_id, path) DO "
			 "UPDATE SET body = excluded.body", v, 3, NULL, e);
}

static int cycles_results_tx(struct store *s, void *vctx, struct err *e)
{
	static const char *const from[] = { "draft", "open", "computed", NULL };
	struct cycles_write *c = vctx;
	const struct cycles_results *r = c->results;
	struct store_value id[] = { STORE_I(c->id) };
	char now[WALLCLOCK_ISO_LEN];
	wallclock_iso(wallclock_now_ms(), now);
	if (store_run(s, "DELETE FROM cycle_result WHERE cycle_id = ?", id, 1,
		      NULL, e) != 0)
		return -1;
	for (size_t i = 0; i < r->n; i++) {
		struct store_value v[] = { STORE_I(c->id),
					   STORE_T(r->subjects[i]),
					   STORE_I((int64_t)i + 1),
					   STORE_T(r->rows[i]),
					   STORE_T(r->traces[i]) };
		if (store_run(s, "INSERT INTO cycle_result (cycle_id, subject, "
				 "position, row, trace) VALUES (?, ?, ?, ?, ?)",
			      v, 5, NULL, e) != 0)
			return -1;
	}
	if (cycles_store_file(s, c->id, "results.csv", r->results_csv, e) != 0 ||
	    cycles_store_file(s, c->id, "trace.jsonl", r->trace_jsonl, e) != 0)
		return -1;
	struct store_value v[] = { STORE_T(now), STORE_I(c->id) };
	return cycles_status_tx(s, c, "cycle.compute", from, "UPDATE cycle SET "
				"status = 'computed', computed_at = ? WHERE id "
				"= ?", v, 2, e);
}

int cycles_store_results(struct app *a, const struct actor *who, int64_t id,
			 const struct cycles_results *r, struct err *e)
{
	struct cycles_write c = { .who = who, .id = id, .results = r };
	return app_tx(a, cycles_results_tx, &c, e);
}

static int cycles_confirm_tx(struct store *s, void *vctx, struct err *e)
{
	static const char *const from[] = { "computed", NULL };
	struct cycles_write *c = vctx;
	char now[WALLCLOCK_ISO_LEN];
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = { STORE_T(now), STORE_I(c->id) };
	return cycles_status_tx(s, c, "cycle.confirm", from, "UPDATE cycle SET "
				"status = 'confirmed', confirmed_at = ? WHERE "
				"id = ?", v, 2, e);
}

int cycles_confirm(struct app *a, const struct actor *who, int64_t id,
		   struct err *e)
{
	struct cycles_write c = { .who = who, .id = id };
	return app_tx(a, cycles_confirm_tx, &c, e);
}

/* Results within scope; with_trace adds each subject's trace. */
static int cycles_result_rows(struct app *a, int64_t scope, int64_t id,
			      const char *subject, json_t *items,
			      struct err *e)
{
	struct buf sql = BUF_INIT;
	struct store_value v[] = { STORE_I(id), STORE_T(subject) };
	struct store_stmt *st;
	struct store *s = app_acquire(a);
	int rc = -1, r;
	buf_puts(&sql, "SELECT cr.subject, cs.name, cr.position, cr.row, "
		 "cr.trace FROM cycle_result cr JOIN cycle_subject cs ON "
		 "cs.cycle_id = cr.cycle_id AND cs.subject = cr.subject WHERE "
		 "cr.cycle_id = ?1 AND (?2 IS NULL OR cr.subject = ?2)");
	if (cycles_in_scope(s, scope, id, e) != 0 ||
	    units_scope_sql(s, scope, "cs.unit_id", &sql, e) != 0)
		goto out;
	buf_puts(&sql, " ORDER BY cr.position");
	if (store_query(s, buf_str(&sql), v, 2, &st, e) != 0)
		goto out;
	while ((r = store_step(st, e)) == 1) {
		json_t *row = json_loads(store_col_text(st, 3), 0, NULL);
		json_t *o = json_pack("{s:s,s:s,s:I,s:o}", "subject",
				      store_col_text(st, 0), "name",
				      store_col_text(st, 1), "position",
				      (json_int_t)store_col_int(st, 2), "row",
				      row ? row : json_null());
		if (subject) {
			json_t *t = json_loads(store_col_text(st, 4), 0, NULL);
			json_object_set_new(o, "trace", t ? t : json_null());
		}
		json_array_append_new(items, o);
	}
	store_finish(st);
	rc = r < 0 ? -1 : 0;
out:
	app_release(a, s);
	buf_free(&sql);
	return rc;
}

int cycles_results(struct app *a, int64_t scope, int64_t id, json_t **out,
		   struct err *e)
{
	json_t *items = json_array();
	if (cycles_result_rows(a, scope, id, NULL, items, e) != 0) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int cycles_result(struct app *a, int64_t scope, int64_t id,
		  const char *subject, json_t **out, struct err *e)
{
	json_t *items = json_array();
	int rc = cycles_result_rows(a, scope, id, subject, items, e);
	if (rc == 0 && json_array_size(items) == 0)
		rc = err_set(e, ERR_NOT_FOUND, "not_found", "no result for "
			     "'%.100s' in cycle %lld (not computed, or not "
			     "yours)", subject, (long long)id);
	if (rc == 0) {
		/* The grades by name, as the definition gives them. */
		struct store *s = app_acquire(a);
		*out = json_incref(json_array_get(items, 0));
		rc = cycles_definition(s, id, *out, e);
		app_release(a, s);
		json_object_del(*out, "components");
		if (rc != 0) {
			json_decref(*out);
			*out = NULL;
		}
	}
	json_decref(items);
	return rc;
}

/* --- adjustments -------------------------------------------------------------- */

#define CYCLES_REASON_MAX 2000

/* Whether grade is a grade id of cycle id's cycle.json. */
static int cycles_grade_known(struct store *s, int64_t id, const char *grade,
			      struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	json_t *doc = NULL, *g;
	size_t i;
	bool found = false;
	if (store_query(s, "SELECT body FROM cycle_file WHERE cycle_id = ? AND "
			   "path = 'cycle.json'", v, 1, &st, e) != 0)
		return -1;
	if (store_step(st, e) == 1)
		doc = json_loads(store_col_text(st, 0), 0, NULL);
	store_finish(st);
	json_array_foreach(json_object_get(doc, "grades"), i, g) {
		const char *gid = json_string_value(json_object_get(g, "id"));
		found = found || (gid && !strcmp(gid, grade));
	}
	json_decref(doc);
	if (!found)
		return err_set_at(e, ERR_INVALID, "unknown_grade", "grade",
				  "the cycle has no grade '%.60s'", grade);
	return 0;
}

struct cycles_adjust_ctx {
	const struct actor *who;
	int64_t id, adj;
	const struct cycles_adjustment *in;
};

static int cycles_adjust_tx(struct store *s, void *vctx, struct err *e)
{
	struct cycles_adjust_ctx *c = vctx;
	struct cycles_state st;
	struct store_value k[] = { STORE_I(c->id), STORE_T(c->in->subject) };
	char now[WALLCLOCK_ISO_LEN], object[CYCLES_OBJECT_MAX];
	int64_t n = 0;
	if (cycles_state(s, c->id, &st, e) != 0 ||
	    cycles_not_frozen(&st, e) != 0 ||
	    store_int(s, "SELECT count(*) FROM cycle_subject WHERE cycle_id = "
			 "? AND subject = ?", k, 2, &n, e) != 0)
		return -1;
	if (!n)
		return err_set_at(e, ERR_INVALID, "unknown_subject", "subject",
				  "the cycle has no subject '%.100s'",
				  c->in->subject);
	if (cycles_grade_known(s, c->id, c->in->grade, e) != 0 ||
	    store_next_id(s, "cycle_adjustment", &c->adj, e) != 0)
		return -1;
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = { STORE_I(c->adj), STORE_I(c->id),
				   STORE_T(c->in->subject),
				   STORE_T(c->in->grade),
				   STORE_T(c->in->reason),
				   STORE_T(c->who->username), STORE_T(now) };
	if (store_run(s, "INSERT INTO cycle_adjustment (id, cycle_id, subject, "
			 "grade, reason, entered_by, entered_at) VALUES (?, ?, "
			 "?, ?, ?, ?, ?)", v, 7, NULL, e) != 0)
		return -1;
	json_t *after = json_pack("{s:s,s:s,s:s}", "subject", c->in->subject,
				  "grade", c->in->grade, "reason",
				  c->in->reason);
	cycles_object(c->id, object);
	int rc = audit_log_append(s, c->who, "cycle.adjust", object, NULL,
				  after, e);
	json_decref(after);
	return rc;
}

int cycles_adjust(struct app *a, const struct actor *who, int64_t id,
		  const struct cycles_adjustment *in, json_t **out,
		  struct err *e)
{
	struct cycles_adjust_ctx c = { .who = who, .id = id, .in = in };
	size_t len = in->reason ? strlen(in->reason) : 0;
	if (!in->reason || strspn(in->reason, " \t\r\n") == len)
		return err_set_at(e, ERR_INVALID, "reason_required", "reason",
				  "an adjustment needs its reason");
	if (app_text(in->reason, "reason", CYCLES_REASON_MAX, e) != 0 ||
	    app_text(in->subject, "subject", 128, e) != 0 ||
	    app_text(in->grade, "grade", 128, e) != 0 ||
	    app_tx(a, cycles_adjust_tx, &c, e) != 0)
		return -1;
	return cycles_adjustments(a, id, out, e);
}

static json_t *cycles_adjustment_row(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "subject", store_col_text(st, 1),
			 "grade", store_col_text(st, 2),
			 "reason", store_col_text(st, 3),
			 "entered_by", store_col_text(st, 4),
			 "entered_at", store_col_text(st, 5));
}

int cycles_adjustments(struct app *a, int64_t id, json_t **out,
		       struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	return app_list(a, "SELECT id, subject, grade, reason, entered_by, "
			"entered_at FROM cycle_adjustment WHERE cycle_id = ? "
			"ORDER BY id", v, 1, cycles_adjustment_row, NULL, out, e);
}

/* --- unit grades (S12) ----------------------------------------------------------- */

struct cycles_link_ctx {
	const struct actor *who;
	int64_t id, from;
};

/* The routine level of the place of grade among doc's grades. */
static const char *cycles_team_level(const json_t *doc, const char *grade)
{
	static const char *const levels[] = { "good", "fair", "average",
					      "poor" };
	json_t *g;
	size_t i;
	json_array_foreach(json_object_get(doc, "grades"), i, g) {
		const char *gid = json_string_value(json_object_get(g, "id"));
		if (gid && grade && !strcmp(gid, grade))
			return levels[i < 3 ? i : 3];
	}
	return NULL;
}

static int cycles_link_tx(struct store *s, void *vctx, struct err *e)
{
	struct cycles_link_ctx *c = vctx;
	struct cycles_state st, from_st;
	struct store_value f[] = { STORE_I(c->from) };
	struct store_value me[] = { STORE_I(c->id) };
	struct store_stmt *q;
	json_t *doc = NULL, *after = json_array();
	char object[CYCLES_OBJECT_MAX];
	int rc = -1, r;
	if (cycles_state(s, c->id, &st, e) != 0 ||
	    cycles_not_frozen(&st, e) != 0 ||
	    cycles_state(s, c->from, &from_st, e) != 0)
		goto out;
	if (strcmp(from_st.status, "confirmed") != 0 || c->from == c->id) {
		err_set_at(e, ERR_CONFLICT, "not_confirmed", "from", "unit "
			   "grades come from another, confirmed cycle");
		goto out;
	}
	if (store_query(s, "SELECT body FROM cycle_file WHERE cycle_id = ? AND "
			   "path = 'cycle.json'", f, 1, &q, e) != 0)
		goto out;
	if (store_step(q, e) == 1)
		doc = json_loads(store_col_text(q, 0), 0, NULL);
	store_finish(q);
	if (store_run(s, "DELETE FROM cycle_unit_grade WHERE cycle_id = ?", me,
		      1, NULL, e) != 0 ||
	    store_query(s, "SELECT cs.unit, cr.row FROM cycle_result cr JOIN "
			   "cycle_subject cs ON cs.cycle_id = cr.cycle_id AND "
			   "cs.subject = cr.subject WHERE cr.cycle_id = ? AND "
			   "cs.unit IS NOT NULL AND cs.unit <> '' ORDER BY "
			   "cr.position", f, 1, &q, e) != 0)
		goto out;
	while ((r = store_step(q, e)) == 1) {
		json_t *row = json_loads(store_col_text(q, 1), 0, NULL);
		const char *level = cycles_team_level(doc, json_string_value(
						json_object_get(row, "grade")));
		char *unit = xstrdup(store_col_text(q, 0));
		struct store_value v[] = { STORE_I(c->id), STORE_T(unit),
					   STORE_T(level), STORE_I(c->from) };
		int w = level ? store_run(s, "INSERT INTO cycle_unit_grade "
					  "(cycle_id, unit, grade, "
					  "source_cycle_id) VALUES (?, ?, ?, ?) "
					  "ON CONFLICT (cycle_id, unit) DO "
					  "UPDATE SET grade = excluded.grade",
					  v, 4, NULL, e) : 0;
		if (level && w == 0)
			json_array_append_new(after, json_pack("{s:s,s:s}",
				"unit", unit, "grade", level));
		free(unit);
		json_decref(row);
		if (w != 0) {
			r = -1;
			break;
		}
	}
	store_finish(q);
	if (r < 0)
		goto out;
	cycles_object(c->id, object);
	json_t *rec = json_pack("{s:I,s:O}", "from", (json_int_t)c->from,
				"units", after);
	rc = audit_log_append(s, c->who, "cycle.unit_grades", object, NULL, rec,
			      e);
	json_decref(rec);
out:
	json_decref(doc);
	json_decref(after);
	return rc;
}

static json_t *cycles_unit_grade_row(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	return json_pack("{s:s,s:s}", "unit", store_col_text(st, 0), "grade",
			 store_col_text(st, 1));
}

int cycles_link_unit_grades(struct app *a, const struct actor *who,
			    int64_t id, int64_t from, json_t **out,
			    struct err *e)
{
	struct cycles_link_ctx c = { .who = who, .id = id, .from = from };
	struct store_value v[] = { STORE_I(id) };
	if (app_tx(a, cycles_link_tx, &c, e) != 0)
		return -1;
	return app_list(a, "SELECT unit, grade FROM cycle_unit_grade WHERE "
			"cycle_id = ? ORDER BY unit", v, 1, cycles_unit_grade_row,
			NULL, out, e);
}

/* --- configuration files -------------------------------------------------------- */

/* cycle.json or schemes/NAME.json with a plain NAME. */
static bool cycles_config_path(const char *path)
{
	if (!path)
		return false;
	if (!strcmp(path, "cycle.json"))
		return true;
	size_t len = strlen(path);
	return !strncmp(path, "schemes/", 8) && len > 13 && len < 200 &&
	       !strcmp(path + len - 5, ".json") &&
	       strspn(path + 8, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"
			 "RSTUVWXYZ0123456789-_") == len - 13;
}

struct cycles_file_ctx {
	const struct actor *who;
	int64_t id;
	const char *path, *body;
};

static int cycles_file_tx(struct store *s, void *vctx, struct err *e)
{
	struct cycles_file_ctx *c = vctx;
	struct cycles_state st;
	struct store_value k[] = { STORE_I(c->id), STORE_T(c->path) };
	struct store_stmt *q;
	char object[CYCLES_OBJECT_MAX];
	json_t *before = json_null();
	if (cycles_state(s, c->id, &st, e) != 0)
		return -1;
	if (strcmp(st.status, "draft") != 0)
		return err_set(e, ERR_CONFLICT, "not_draft", "the cycle is %s: "
			       "its configuration is fixed once it opens (make "
			       "a new cycle for another)", st.status);
	if (store_query(s, "SELECT body FROM cycle_file WHERE cycle_id = ? AND "
			   "path = ?", k, 2, &q, e) != 0)
		return -1;
	if (store_step(q, e) == 1)
		before = json_string(store_col_text(q, 0));
	store_finish(q);
	if (cycles_store_file(s, c->id, c->path, c->body, e) != 0) {
		json_decref(before);
		return -1;
	}
	json_t *rec = json_pack("{s:s,s:o,s:s}", "path", c->path, "before",
				before, "after", c->body);
	cycles_object(c->id, object);
	int rc = audit_log_append(s, c->who, "cycle.file", object, NULL, rec,
				  e);
	json_decref(rec);
	return rc;
}

int cycles_put_file(struct app *a, const struct actor *who, int64_t id,
		    const char *path, const char *body, struct err *e)
{
	struct cycles_file_ctx c = { .who = who, .id = id, .path = path,
				     .body = body };
	if (!cycles_config_path(path))
		return err_set_at(e, ERR_INVALID, "invalid_field", "path",
				  "a configuration file is cycle.json or "
				  "schemes/NAME.json (NAME: letters, digits, - "
				  "and _)");
	return app_tx(a, cycles_file_tx, &c, e);
}

/* A configuration file in the list: its path and size, and the id and
 * name its JSON gives (null when it has none: a broken draft). */
static json_t *cycles_file_row(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	const char *body = store_col_text(st, 1);
	json_t *doc = json_loads(body, 0, NULL);
	json_t *o = json_pack("{s:s,s:I,s:O*,s:O*}", "path",
			      store_col_text(st, 0), "bytes",
			      (json_int_t)strlen(body), "id",
			      json_object_get(doc, "id"), "name",
			      json_object_get(doc, "name"));
	json_decref(doc);
	return o;
}

int cycles_files(struct app *a, int64_t id, json_t **out, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	return app_list(a, "SELECT path, body FROM cycle_file WHERE cycle_id = ? "
			   "AND (path = 'cycle.json' OR path LIKE 'schemes/%') "
			   "ORDER BY path <> 'cycle.json', path", v, 1,
			cycles_file_row, NULL, out, e);
}

int cycles_get_file(struct app *a, int64_t id, const char *path,
		    json_t **out, struct err *e)
{
	struct store_value v[] = { STORE_I(id), STORE_T(path) };
	struct store_stmt *st;
	struct store *s = app_acquire(a);
	int r = store_query(s, "SELECT body FROM cycle_file WHERE cycle_id = ? "
			    "AND path = ?", v, 2, &st, e);
	if (r == 0) {
		r = store_step(st, e);
		if (r == 1)
			*out = json_pack("{s:s,s:s}", "path", path, "body",
					 store_col_text(st, 0));
		store_finish(st);
	}
	app_release(a, s);
	if (r == 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", "the cycle has no "
			       "file '%.100s'", path);
	return r < 0 ? -1 : 0;
}

/* --- a copy's links ---------------------------------------------------------- */

struct cycles_copy_ctx {
	const struct actor *who;
	int64_t from, to;
};

static int cycles_copy_links_tx(struct store *s, void *vctx, struct err *e)
{
	struct cycles_copy_ctx *c = vctx;
	struct store_value v[] = { STORE_I(c->from), STORE_I(c->from),
				   STORE_I(c->to) };
	char object[CYCLES_OBJECT_MAX];
	if (store_run(s, "UPDATE cycle_subject SET unit_id = (SELECT o.unit_id "
			 "FROM cycle_subject o WHERE o.cycle_id = ?1 AND "
			 "o.subject = cycle_subject.subject), person_id = (SELECT "
			 "o.person_id FROM cycle_subject o WHERE o.cycle_id = ?2 "
			 "AND o.subject = cycle_subject.subject) WHERE cycle_id = "
			 "?3", v, 3, NULL, e) != 0)
		return -1;
	json_t *after = json_pack("{s:I}", "copied_from", (json_int_t)c->from);
	cycles_object(c->to, object);
	int rc = audit_log_append(s, c->who, "cycle.copy", object, NULL, after,
				  e);
	json_decref(after);
	return rc;
}

int cycles_copy_links(struct app *a, const struct actor *who, int64_t from,
		      int64_t to, struct err *e)
{
	struct cycles_copy_ctx c = { who, from, to };
	return app_tx(a, cycles_copy_links_tx, &c, e);
}

/* --- subjects added from the records ------------------------------------------ */

struct cycles_more_ctx {
	const struct actor *who;
	int64_t id;
	const char *subjects_csv;
	const struct cycles_new_subject *subs;
	size_t n;
};

static int cycles_more_tx(struct store *s, void *vctx, struct err *e)
{
	struct cycles_more_ctx *c = vctx;
	struct cycles_state st;
	char object[CYCLES_OBJECT_MAX];
	if (cycles_state(s, c->id, &st, e) != 0)
		return -1;
	if (strcmp(st.status, "draft") != 0)
		return err_set(e, ERR_CONFLICT, "not_draft", "the cycle is %s: "
			       "its subjects are fixed once it opens",
			       st.status);
	json_t *added = json_array();
	for (size_t i = 0; i < c->n; i++) {
		const struct cycles_new_subject *x = &c->subs[i];
		struct store_value k[] = { STORE_I(c->id), STORE_T(x->id) };
		int64_t n = 0;
		if (store_int(s, "SELECT count(*) FROM cycle_subject WHERE "
				 "cycle_id = ? AND subject = ?", k, 2, &n,
			      e) != 0) {
			json_decref(added);
			return -1;
		}
		if (n) {
			json_decref(added);
			return err_set_at(e, ERR_CONFLICT, "subject_exists",
					  "subjects", "the cycle has a subject "
					  "'%.100s' already", x->id);
		}
		struct store_value v[] = {
			STORE_I(c->id), STORE_T(x->id), STORE_T(x->name),
			STORE_T(x->category), STORE_T(x->scheme),
			x->unit_id ? STORE_I(x->unit_id) : STORE_NIL,
			x->person_id ? STORE_I(x->person_id) : STORE_NIL };
		if (store_run(s, "INSERT INTO cycle_subject (cycle_id, subject, "
				 "name, category, scheme, unit_id, person_id) "
				 "VALUES (?, ?, ?, ?, ?, ?, ?)", v, 7, NULL,
			      e) != 0) {
			json_decref(added);
			return -1;
		}
		json_array_append_new(added, json_string(x->id));
	}
	if (cycles_store_file(s, c->id, "subjects.csv", c->subjects_csv,
			      e) != 0) {
		json_decref(added);
		return -1;
	}
	json_t *after = json_pack("{s:o}", "subjects", added);
	cycles_object(c->id, object);
	int rc = audit_log_append(s, c->who, "cycle.subjects", object, NULL,
				  after, e);
	json_decref(after);
	return rc;
}

int cycles_add_subjects(struct app *a, const struct actor *who, int64_t id,
			const char *subjects_csv,
			const struct cycles_new_subject *subs, size_t n,
			struct err *e)
{
	struct cycles_more_ctx c = { who, id, subjects_csv, subs, n };
	return app_tx(a, cycles_more_tx, &c, e);
}
