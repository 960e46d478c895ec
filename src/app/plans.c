/* plans: the plan and plan_entry tables, counts, decisions and scope. */
#include "plans.h"

#include <stdio.h>
#include <string.h>

#include "app/assignments.h"
#include "app/audit_log.h"
#include "app/units.h"
#include "base/buf.h"
#include "base/wallclock.h"
#include "core/day.h"
#include "core/org.h"
#include "core/plan.h"
#include "core/staffing.h"

#define PLANS_COLS "id, name, document, due_on, state, created_by, " \
	"created_at, started_on, closed_on FROM plan"
#define PLANS_ENTRY_COLS "e.id, e.plan_id, e.person_id, p.name, p.rank, " \
	"e.home_unit_id, h.name, e.route, e.receiving_unit_id, r.name, " \
	"e.decision, e.document, e.decided_on, e.assignment_id, " \
	"e.over_quota_reason FROM plan_entry e JOIN person p ON p.id = " \
	"e.person_id JOIN unit h ON h.id = e.home_unit_id LEFT JOIN unit r " \
	"ON r.id = e.receiving_unit_id"

/* Text of 1..max characters, or absent when not required. */
/* A text field (app_text), which may be absent when not required. */
static int plans_text(const char *t, const char *field, size_t max,
		      bool required, struct err *e)
{
	return !t && !required ? 0 : app_text(t, field, max, e);
}

static json_t *plans_json(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	enum plan_state s = PLAN_DRAFT;
	plan_state_parse(store_col_text(st, 4), &s);
	return json_pack("{s:I,s:s,s:o,s:o,s:s,s:s,s:s,s:s,s:o,s:o}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "name", store_col_text(st, 1),
			 "document", app_col_text(st, 2),
			 "due_on", app_col_text(st, 3),
			 "state", plan_state_name(s),
			 "state_zh", plan_state_name_zh(s),
			 "created_by", store_col_text(st, 5),
			 "created_at", store_col_text(st, 6),
			 "started_on", app_col_text(st, 7),
			 "closed_on", app_col_text(st, 8));
}

static int plans_load(struct store *s, int64_t id, json_t **out,
		      enum plan_state *state, struct err *e)
{
	if (app_load_one(s, "SELECT " PLANS_COLS " WHERE id = ?", id,
			 plans_json, NULL, "plan", out, e) != 0)
		return -1;
	if (state)
		plan_state_parse(json_string_value(json_object_get(*out,
						"state")), state);
	return 0;
}

static json_t *plans_entry_json(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	enum plan_route r = PLAN_STAY;
	enum staffing_rank k = STAFFING_RANK_NONE;
	bool routed = !store_col_null(st, 7) &&
		      plan_route_parse(store_col_text(st, 7), &r) == 0;
	bool ranked = !store_col_null(st, 4) &&
		      staffing_rank_parse(store_col_text(st, 4), &k) == 0;
	return json_pack("{s:I,s:I,s:I,s:s,s:o,s:o,s:I,s:s,s:o,s:o,s:o,s:o,"
			 "s:s,s:o,s:o,s:o,s:o}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "plan_id", (json_int_t)store_col_int(st, 1),
			 "person_id", (json_int_t)store_col_int(st, 2),
			 "person_name", store_col_text(st, 3),
			 "rank", app_col_text(st, 4),
			 "rank_zh", ranked ? json_string(staffing_rank_name_zh(k))
					   : json_null(),
			 "home_unit_id", (json_int_t)store_col_int(st, 5),
			 "home_unit", store_col_text(st, 6),
			 "route", app_col_text(st, 7),
			 "route_zh", routed ? json_string(plan_route_name_zh(r))
					    : json_null(),
			 "receiving_unit_id", app_col_int(st, 8),
			 "receiving_unit", app_col_text(st, 9),
			 "decision", store_col_text(st, 10),
			 "document", app_col_text(st, 11),
			 "decided_on", app_col_text(st, 12),
			 "assignment_id", app_col_int(st, 13),
			 "over_quota_reason", app_col_text(st, 14));
}

static int plans_entry_load(struct store *s, int64_t plan, int64_t entry,
			    json_t **out, struct err *e)
{
	struct store_value v[] = { STORE_I(entry), STORE_I(plan) };
	json_t *items = json_array();
	int rc = app_load_rows(s, "SELECT " PLANS_ENTRY_COLS " WHERE e.id = ? "
			       "AND e.plan_id = ?", v, 2, plans_entry_json,
			       NULL, items, e);
	if (rc == 0 && json_array_size(items) == 0)
		rc = err_set(e, ERR_NOT_FOUND, "not_found", "there is no entry "
			     "%lld in plan %lld", (long long)entry,
			     (long long)plan);
	if (rc == 0)
		*out = json_incref(json_array_get(items, 0));
	json_decref(items);
	return rc;
}

/* " AND (home in scope OR receiving in scope)"; nothing for all. */
static int plans_scope_sql(struct store *s, int64_t scope, struct buf *where,
			   struct err *e)
{
	struct buf home = BUF_INIT, recv = BUF_INIT;
	int rc = -1;
	if (units_scope_sql(s, scope, "e.home_unit_id", &home, e) != 0 ||
	    units_scope_sql(s, scope, "e.receiving_unit_id", &recv, e) != 0)
		goto out;
	if (home.len)
		buf_printf(where, " AND ((1 = 1%s) OR (1 = 1%s))",
			   buf_str(&home), buf_str(&recv));
	rc = 0;
out:
	buf_free(&home);
	buf_free(&recv);
	return rc;
}

/* --- counts ------------------------------------------------------------------- */

static json_t *plans_count_pair(void)
{
	return json_pack("{s:I,s:I}", "pending", (json_int_t)0, "decided",
			 (json_int_t)0);
}

static void plans_add_to(json_t *o, const char *key, json_int_t n)
{
	json_object_set_new(o, key, json_integer(json_integer_value(
					json_object_get(o, key)) + n));
}

/* The last element of arr when its unit_id is unit, else a new one. */
static json_t *plans_unit_row(json_t *arr, int64_t unit, const char *name,
			      bool home)
{
	json_t *last = json_array_get(arr, json_array_size(arr) - 1);
	if (last && json_integer_value(json_object_get(last, "unit_id")) ==
			    unit)
		return last;
	json_t *row = plans_count_pair();
	json_object_set_new(row, "unit_id", json_integer(unit));
	json_object_set_new(row, "unit", json_string(name));
	if (home) {
		json_object_set_new(row, "total", json_integer(0));
		for (int r = 0; r < PLAN_ROUTE_COUNT; r++)
			json_object_set_new(row, plan_route_name(
				(enum plan_route)r), json_integer(0));
	}
	json_array_append_new(arr, row);
	return row;
}

/* Folds the rows (unit id, unit name, route, decision, count) of one
 * grouping into arr; by home unit also into c's totals and routes. */
static int plans_fold(struct store *s, const char *sql,
		      const struct store_value *v, json_t *c, json_t *arr,
		      bool home, struct err *e)
{
	struct store_stmt *st;
	int r;
	if (store_query(s, sql, v, 1, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		json_int_t n = (json_int_t)store_col_int(st, 4);
		const char *decision = store_col_text(st, 3);
		bool routed = !store_col_null(st, 2);
		json_t *row = plans_unit_row(arr, store_col_int(st, 0),
					     store_col_text(st, 1), home);
		plans_add_to(row, decision, n);
		if (!home)
			continue;
		plans_add_to(row, "total", n);
		plans_add_to(c, "total", n);
		plans_add_to(c, decision, n);
		if (!routed) {
			plans_add_to(c, "unproposed", n);
			continue;
		}
		if (!strcmp(decision, "decided"))
			plans_add_to(row, store_col_text(st, 2), n);
		json_t *byr = json_object_get(c, "by_route");
		size_t i;
		json_t *x;
		json_array_foreach(byr, i, x)
			if (!strcmp(json_string_value(json_object_get(x,
					"route")), store_col_text(st, 2)))
				plans_add_to(x, decision, n);
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* The counts of plan id over the entries within scope. */
static int plans_counts(struct store *s, int64_t scope, int64_t id,
			json_t **out, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct buf where = BUF_INIT, home = BUF_INIT, recv = BUF_INIT;
	json_t *c = json_pack("{s:I,s:I,s:I,s:I,s:[],s:[],s:[]}",
			      "total", (json_int_t)0, "pending", (json_int_t)0,
			      "decided", (json_int_t)0, "unproposed",
			      (json_int_t)0, "by_route", "by_home_unit",
			      "by_receiving_unit");
	int rc = -1;
	for (int r = 0; r < PLAN_ROUTE_COUNT; r++) {
		json_t *x = plans_count_pair();
		json_object_set_new(x, "route", json_string(plan_route_name(
					(enum plan_route)r)));
		json_object_set_new(x, "route_zh", json_string(
					plan_route_name_zh((enum plan_route)r)));
		json_array_append_new(json_object_get(c, "by_route"), x);
	}
	if (plans_scope_sql(s, scope, &where, e) != 0)
		goto out;
	buf_printf(&home, "SELECT e.home_unit_id, h.name, e.route, e.decision, "
		   "count(*) FROM plan_entry e JOIN unit h ON h.id = "
		   "e.home_unit_id WHERE e.plan_id = ?%s GROUP BY "
		   "e.home_unit_id, h.name, e.route, e.decision ORDER BY "
		   "e.home_unit_id", buf_str(&where));
	buf_printf(&recv, "SELECT e.receiving_unit_id, r.name, e.route, "
		   "e.decision, count(*) FROM plan_entry e JOIN unit r ON r.id "
		   "= e.receiving_unit_id WHERE e.plan_id = ?%s GROUP BY "
		   "e.receiving_unit_id, r.name, e.route, e.decision ORDER BY "
		   "e.receiving_unit_id", buf_str(&where));
	if (plans_fold(s, buf_str(&home), v, c, json_object_get(c,
				"by_home_unit"), true, e) != 0 ||
	    plans_fold(s, buf_str(&recv), v, c, json_object_get(c,
				"by_receiving_unit"), false, e) != 0)
		goto out;
	*out = json_incref(c);
	rc = 0;
out:
	json_decref(c);
	buf_free(&where);
	buf_free(&home);
	buf_free(&recv);
	return rc;
}

/* --- reads -------------------------------------------------------------------- */

/* The plan with its counts within scope; not found for a reader who
 * sees none of its entries. */
static int plans_get_on(struct store *s, int64_t scope, int64_t id,
			json_t **out, struct err *e)
{
	json_t *plan = NULL, *counts = NULL;
	if (plans_load(s, id, &plan, NULL, e) != 0 ||
	    plans_counts(s, scope, id, &counts, e) != 0) {
		json_decref(plan);
		return -1;
	}
	if (scope != UNITS_SCOPE_ALL &&
	    json_integer_value(json_object_get(counts, "total")) == 0) {
		json_decref(plan);
		json_decref(counts);
		return err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			       "plan %lld", (long long)id);
	}
	json_object_set_new(plan, "counts", counts);
	*out = plan;
	return 0;
}

int plans_get(struct app *a, int64_t scope, int64_t id, json_t **out,
	      struct err *e)
{
	struct store *s = app_acquire(a);
	int rc = plans_get_on(s, scope, id, out, e);
	app_release(a, s);
	return rc;
}

int plans_list(struct app *a, int64_t scope, json_t **out, struct err *e)
{
	struct store *s = app_acquire(a);
	json_t *all = json_array(), *items = json_array(), *p;
	size_t i;
	int rc = -1;
	if (app_load_rows(s, "SELECT " PLANS_COLS " ORDER BY id DESC", NULL, 0,
			  plans_json, NULL, all, e) != 0)
		goto out;
	json_array_foreach(all, i, p) {
		json_t *c = NULL;
		if (plans_counts(s, scope, json_integer_value(json_object_get(
					p, "id")), &c, e) != 0)
			goto out;
		json_int_t total = json_integer_value(json_object_get(c,
								      "total"));
		if (scope == UNITS_SCOPE_ALL || total > 0) {
			json_object_set(p, "total", json_object_get(c, "total"));
			json_object_set(p, "pending", json_object_get(c,
								 "pending"));
			json_object_set(p, "decided", json_object_get(c,
								 "decided"));
			json_array_append(items, p);
		}
		json_decref(c);
	}
	*out = json_pack("{s:O}", "items", items);
	rc = 0;
out:
	app_release(a, s);
	json_decref(all);
	json_decref(items);
	return rc;
}

/* " AND ..." of q into where and its values into v (at most 4). */
static int plans_query_sql(const struct plans_query *q, struct buf *where,
			   struct store_value *v, size_t *nv, struct err *e)
{
	enum plan_route r;
	if (q->decision && strcmp(q->decision, "pending") &&
	    strcmp(q->decision, "decided"))
		return err_set_at(e, ERR_INVALID, "invalid_query", "decision",
				  "decision is pending or decided");
	if (q->route && plan_route_parse(q->route, &r) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_query", "route",
				  "route is secondment, frontline, grassroots "
				  "or stay");
	if (q->decision) {
		buf_puts(where, " AND e.decision = ?");
		v[(*nv)++] = STORE_T(q->decision);
	}
	if (q->route) {
		buf_puts(where, " AND e.route = ?");
		v[(*nv)++] = STORE_T(plan_route_name(r));
	}
	if (q->home_unit_id) {
		buf_puts(where, " AND e.home_unit_id = ?");
		v[(*nv)++] = STORE_I(q->home_unit_id);
	}
	if (q->receiving_unit_id) {
		buf_puts(where, " AND e.receiving_unit_id = ?");
		v[(*nv)++] = STORE_I(q->receiving_unit_id);
	}
	return 0;
}

int plans_entries(struct app *a, int64_t scope, int64_t id,
		  const struct plans_query *q, json_t **out, struct err *e)
{
	struct store *s = app_acquire(a);
	struct buf where = BUF_INIT, sql = BUF_INIT;
	struct store_value v[7] = { STORE_I(id) };
	size_t nv = 1;
	int64_t total = 0;
	json_t *plan = NULL, *items = json_array();
	int rc = -1;
	if (plans_load(s, id, &plan, NULL, e) != 0 ||
	    plans_query_sql(q, &where, v, &nv, e) != 0 ||
	    plans_scope_sql(s, scope, &where, e) != 0)
		goto out;
	buf_printf(&sql, "SELECT count(*) FROM plan_entry e WHERE e.plan_id = "
		   "?%s", buf_str(&where));
	if (store_int(s, buf_str(&sql), v, nv, &total, e) != 0)
		goto out;
	buf_reset(&sql);
	buf_printf(&sql, "SELECT " PLANS_ENTRY_COLS " WHERE e.plan_id = ?%s "
		   "ORDER BY e.home_unit_id, p.name_pinyin, e.id LIMIT ? "
		   "OFFSET ?", buf_str(&where));
	v[nv++] = STORE_I(q->limit);
	v[nv++] = STORE_I(q->offset);
	if (app_load_rows(s, buf_str(&sql), v, nv, plans_entry_json, NULL,
			  items, e) != 0)
		goto out;
	*out = app_page(json_incref(items), total, q->offset, q->limit);
	rc = 0;
out:
	app_release(a, s);
	json_decref(plan);
	json_decref(items);
	buf_free(&where);
	buf_free(&sql);
	return rc;
}

/* --- writes: the plan --------------------------------------------------------- */

struct plans_ctx {
	const struct actor *who;
	int64_t id, entry, person;
	const struct plans_input *in;
	const char *document;
	const struct plans_filter *f;
	const struct plans_proposal *p;
	const struct plans_decision *d;
	json_t *result;
};

static int plans_audit(struct store *s, const struct plans_ctx *c,
		       const char *action, const json_t *before,
		       const json_t *after, struct err *e)
{
	char object[48];
	snprintf(object, sizeof object, "plan:%lld", (long long)c->id);
	return audit_log_append(s, c->who, action, object, before, after, e);
}

static int plans_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct plans_ctx *c = vctx;
	char now[WALLCLOCK_ISO_LEN];
	json_t *after = NULL;
	if (store_next_id(s, "plan", &c->id, e) != 0)
		return -1;
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = {
		STORE_I(c->id), STORE_T(c->in->name), STORE_T(c->in->document),
		STORE_T(c->in->due_on), STORE_T(plan_state_name(PLAN_DRAFT)),
		STORE_T(c->who->username), STORE_T(now) };
	if (store_run(s, "INSERT INTO plan (id, name, document, due_on, state, "
			 "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		      v, 7, NULL, e) != 0 ||
	    plans_load(s, c->id, &after, NULL, e) != 0)
		return -1;
	int rc = plans_audit(s, c, "plan.add", NULL, after, e);
	json_decref(after);
	return rc;
}

int plans_add(struct app *a, const struct actor *who,
	      const struct plans_input *in, json_t **out, struct err *e)
{
	struct plans_ctx c = { .who = who, .in = in };
	int due;
	if (plans_text(in->name, "name", PLAN_NAME_MAX, true, e) != 0 ||
	    plans_text(in->document, "document", ORG_DOCUMENT_MAX, false,
		       e) != 0)
		return -1;
	if (in->due_on && day_parse(in->due_on, &due) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "due_on",
				  "the due date is a real date written "
				  "yyyy-mm-dd");
	if (app_tx(a, plans_add_tx, &c, e) != 0)
		return -1;
	return plans_get(a, UNITS_SCOPE_ALL, c.id, out, e);
}

static int plans_pending(struct store *s, int64_t id, int64_t *out,
			 struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	return store_int(s, "SELECT count(*) FROM plan_entry WHERE plan_id = ? "
			    "AND decision = 'pending'", v, 1, out, e);
}

/* start (c->document given or kept) or close, by action. */
static int plans_move_tx(struct store *s, void *vctx, struct err *e,
			 bool start)
{
	struct plans_ctx *c = vctx;
	json_t *before = NULL, *after = NULL;
	enum plan_state st = PLAN_DRAFT;
	char today[DAY_TEXT_LEN + 1];
	int64_t pending = 0;
	int rc = -1;
	day_format(wallclock_today(), today);
	if (plans_load(s, c->id, &before, &st, e) != 0)
		goto out;
	const char *doc = c->document ? c->document : json_string_value(
		json_object_get(before, "document"));
	if (start ? plan_start_check(st, doc != NULL, e) != 0
		  : plans_pending(s, c->id, &pending, e) != 0 ||
			    plan_close_check(st, pending, e) != 0)
		goto out;
	struct store_value v[] = {
		STORE_T(plan_state_name(start ? PLAN_IN_PROGRESS : PLAN_CLOSED)),
		STORE_T(today), STORE_I(c->id), STORE_T(doc) };
	if (store_run(s, start ? "UPDATE plan SET state = ?, started_on = ? "
				 "WHERE id = ?"
			       : "UPDATE plan SET state = ?, closed_on = ? "
				 "WHERE id = ?", v, 3, NULL, e) != 0 ||
	    (start && store_run(s, "UPDATE plan SET document = ? WHERE id = ?",
				(struct store_value[]){ v[3], v[2] }, 2, NULL,
				e) != 0) ||
	    plans_load(s, c->id, &after, NULL, e) != 0)
		goto out;
	rc = plans_audit(s, c, start ? "plan.start" : "plan.close", before,
			 after, e);
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

static int plans_start_tx(struct store *s, void *vctx, struct err *e)
{
	return plans_move_tx(s, vctx, e, true);
}

static int plans_close_tx(struct store *s, void *vctx, struct err *e)
{
	return plans_move_tx(s, vctx, e, false);
}

int plans_start(struct app *a, const struct actor *who, int64_t id,
		const char *document, json_t **out, struct err *e)
{
	struct plans_ctx c = { .who = who, .id = id, .document = document };
	if (plans_text(document, "document", ORG_DOCUMENT_MAX, false, e) != 0 ||
	    app_tx(a, plans_start_tx, &c, e) != 0)
		return -1;
	return plans_get(a, UNITS_SCOPE_ALL, id, out, e);
}

int plans_close(struct app *a, const struct actor *who, int64_t id,
		json_t **out, struct err *e)
{
	struct plans_ctx c = { .who = who, .id = id };
	if (app_tx(a, plans_close_tx, &c, e) != 0)
		return -1;
	return plans_get(a, UNITS_SCOPE_ALL, id, out, e);
}

/* --- writes: entries ---------------------------------------------------------- */

/* The plan exists and its entries may change (or be decided). */
static int plans_open(struct store *s, int64_t id, bool decide,
		      struct err *e)
{
	json_t *plan = NULL;
	enum plan_state st = PLAN_DRAFT;
	if (plans_load(s, id, &plan, &st, e) != 0)
		return -1;
	json_decref(plan);
	return decide ? plan_check_decidable(st, e) : plan_check_editable(st, e);
}

/* Room for n more entries in plan id. */
static int plans_room(struct store *s, int64_t id, int64_t n, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	int64_t have = 0;
	if (store_int(s, "SELECT count(*) FROM plan_entry WHERE plan_id = ?", v,
		      1, &have, e) != 0)
		return -1;
	if (have + n > PLAN_ENTRIES_MAX)
		return err_set(e, ERR_INVALID, "too_many_entries", "a plan "
			       "holds at most %d cadres; it has %lld and "
			       "this adds %lld", PLAN_ENTRIES_MAX,
			       (long long)have, (long long)n);
	return 0;
}

static int plans_insert_entry(struct store *s, int64_t plan, int64_t person,
			      int64_t home, int64_t *id, struct err *e)
{
	char now[WALLCLOCK_ISO_LEN];
	if (store_next_id(s, "plan_entry", id, e) != 0)
		return -1;
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = { STORE_I(*id), STORE_I(plan), STORE_I(person),
				   STORE_I(home), STORE_T(now) };
	return store_run(s, "INSERT INTO plan_entry (id, plan_id, person_id, "
			    "home_unit_id, decision, created_at) VALUES (?, ?, "
			    "?, ?, 'pending', ?)", v, 5, NULL, e);
}

static int plans_entry_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct plans_ctx *c = vctx;
	struct store_value p[] = { STORE_I(c->person) };
	struct store_value q[] = { STORE_I(c->id), STORE_I(c->person) };
	struct store_stmt *st;
	int64_t home = 0, in = 0;
	json_t *after = NULL;
	if (plans_open(s, c->id, false, e) != 0 ||
	    store_query(s, "SELECT unit_id FROM person WHERE id = ?", p, 1,
			&st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1 && !store_col_null(st, 0))
		home = store_col_int(st, 0);
	store_finish(st);
	if (r < 0)
		return -1;
	if (r == 0)
		return err_set_at(e, ERR_INVALID, "unknown_person", "person_id",
				  "there is no person %lld",
				  (long long)c->person);
	if (!home)
		return err_set_at(e, ERR_INVALID, "no_home_unit", "person_id",
				  "the person has no current unit: a plan "
				  "redeploys cadres from their units");
	if (store_int(s, "SELECT count(*) FROM plan_entry WHERE plan_id = ? "
			 "AND person_id = ?", q, 2, &in, e) != 0)
		return -1;
	if (in)
		return err_set_at(e, ERR_CONFLICT, "already_in_plan",
				  "person_id", "the person is in the plan "
				  "already");
	if (plans_room(s, c->id, 1, e) != 0 ||
	    plans_insert_entry(s, c->id, c->person, home, &c->entry, e) != 0 ||
	    plans_entry_load(s, c->id, c->entry, &after, e) != 0)
		return -1;
	int rc = plans_audit(s, c, "plan.add_entry", NULL, after, e);
	json_decref(after);
	return rc;
}

int plans_entry_add_in(struct store *s, const struct actor *who, int64_t id,
		       int64_t person, int64_t *entry, struct err *e)
{
	struct plans_ctx c = { .who = who, .id = id, .person = person };
	if (plans_entry_add_tx(s, &c, e) != 0)
		return -1;
	*entry = c.entry;
	return 0;
}

int plans_entry_add(struct app *a, const struct actor *who, int64_t id,
		    int64_t person, json_t **out, struct err *e)
{
	struct plans_ctx c = { .who = who, .id = id, .person = person };
	if (app_tx(a, plans_entry_add_tx, &c, e) != 0)
		return -1;
	struct store *s = app_acquire(a);
	int rc = plans_entry_load(s, id, c.entry, out, e);
	app_release(a, s);
	return rc;
}

/* " AND p.x IN (?, ...)" of ids into sql, each checked by parse. */
static int plans_filter_in(const char *const *ids, size_t n, const char *field,
			   bool (*valid)(const char *), struct buf *sql,
			   struct store_value *v, size_t *nv, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		if (!valid(ids[i]))
			return err_set_at(e, ERR_INVALID, "invalid_field", field,
					  "%s: unknown %s", ids[i],
					  strcmp(field, "levels") ? "rank"
								  : "level");
		buf_puts(sql, i ? ", ?" : "?");
		v[(*nv)++] = STORE_T(ids[i]);
	}
	return 0;
}

static bool plans_level_valid(const char *s)
{
	enum org_level l;
	return org_level_parse(s, &l) == 0;
}

static bool plans_rank_valid(const char *s)
{
	enum staffing_rank r;
	return staffing_rank_parse(s, &r) == 0;
}

/* The query of the people a filter matches: id, unit, whether in the
 * plan already. v holds at most 4 + 2 * PLANS_FILTER_ITEMS_MAX values. */
static int plans_filter_sql(struct store *s, const struct plans_ctx *c,
			    const char *today, struct buf *sql,
			    struct store_value *v, size_t *nv, struct err *e)
{
	const struct plans_filter *f = c->f;
	enum org_staff_type t;
	buf_puts(sql, "SELECT p.id, p.unit_id, EXISTS (SELECT 1 FROM "
		 "plan_entry x WHERE x.plan_id = ? AND x.person_id = p.id) "
		 "FROM person p WHERE 1 = 1");
	v[(*nv)++] = STORE_I(c->id);
	if (f->below) {
		if (units_scope_sql(s, f->unit_id, "p.unit_id", sql, e) != 0)
			return -1;
	} else {
		buf_puts(sql, " AND p.unit_id = ?");
		v[(*nv)++] = STORE_I(f->unit_id);
	}
	if (f->staff_type) {
		if (org_staff_type_parse(f->staff_type, &t) != 0)
			return err_set_at(e, ERR_INVALID, "invalid_field",
					  "staff_type", "%s: unknown staff type",
					  f->staff_type);
		buf_puts(sql, " AND p.staff_type = ?");
		v[(*nv)++] = STORE_T(org_staff_type_name(t));
	}
	if (!f->nlevels && !f->nranks)
		goto order;
	buf_puts(sql, " AND (1 = 0");
	if (f->nlevels) {
		buf_puts(sql, " OR EXISTS (SELECT 1 FROM employment m WHERE "
			 "m.person_id = p.id AND m.concurrent = 0 AND "
			 "m.start_date <= ? AND (m.end_date IS NULL OR "
			 "m.end_date >= ?) AND m.post_level IN (");
		v[(*nv)++] = STORE_T(today);
		v[(*nv)++] = STORE_T(today);
		if (plans_filter_in(f->levels, f->nlevels, "levels",
				    plans_level_valid, sql, v, nv, e) != 0)
			return -1;
		buf_puts(sql, "))");
	}
	if (f->nranks) {
		buf_puts(sql, " OR p.rank IN (");
		if (plans_filter_in(f->ranks, f->nranks, "ranks",
				    plans_rank_valid, sql, v, nv, e) != 0)
			return -1;
		buf_puts(sql, ")");
	}
	buf_puts(sql, ")");
order:
	buf_puts(sql, " ORDER BY p.unit_id, p.name_pinyin, p.id");
	return 0;
}

static int plans_entries_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct plans_ctx *c = vctx;
	struct store_value v[4 + 2 * PLANS_FILTER_ITEMS_MAX];
	struct buf sql = BUF_INIT;
	struct store_stmt *st;
	char today[DAY_TEXT_LEN + 1];
	json_t *found = json_array(), *ids = json_array(), *x;
	int64_t already = 0, u = 0, entry;
	size_t nv = 0, i;
	int rc = -1, r;
	day_format(wallclock_today(), today);
	struct store_value uv[] = { STORE_I(c->f->unit_id) };
	if (plans_open(s, c->id, false, e) != 0 ||
	    store_int(s, "SELECT count(*) FROM unit WHERE id = ?", uv, 1, &u,
		      e) != 0)
		goto out;
	if (!u) {
		err_set_at(e, ERR_INVALID, "unknown_unit", "unit_id", "there is "
			   "no unit %lld", (long long)c->f->unit_id);
		goto out;
	}
	if (plans_filter_sql(s, c, today, &sql, v, &nv, e) != 0 ||
	    store_query(s, buf_str(&sql), v, nv, &st, e) != 0)
		goto out;
	while ((r = store_step(st, e)) == 1) {
		if (store_col_int(st, 2))
			already++;
		else
			json_array_append_new(found, json_pack("[I,I]",
				(json_int_t)store_col_int(st, 0),
				(json_int_t)store_col_int(st, 1)));
	}
	store_finish(st);
	if (r < 0 || plans_room(s, c->id, (int64_t)json_array_size(found),
				e) != 0)
		goto out;
	json_array_foreach(found, i, x) {
		int64_t person = json_integer_value(json_array_get(x, 0));
		if (plans_insert_entry(s, c->id, person, json_integer_value(
				json_array_get(x, 1)), &entry, e) != 0)
			goto out;
		json_array_append_new(ids, json_integer(person));
	}
	c->result = json_pack("{s:I,s:I}", "added",
			      (json_int_t)json_array_size(found), "already",
			      (json_int_t)already);
	json_t *after = json_pack("{s:I,s:O}", "unit_id",
				  (json_int_t)c->f->unit_id, "person_ids", ids);
	rc = plans_audit(s, c, "plan.add_entries", NULL, after, e);
	json_decref(after);
out:
	json_decref(found);
	json_decref(ids);
	buf_free(&sql);
	return rc;
}

int plans_entries_add(struct app *a, const struct actor *who, int64_t id,
		      const struct plans_filter *f, json_t **out,
		      struct err *e)
{
	struct plans_ctx c = { .who = who, .id = id, .f = f };
	if (f->nlevels > PLANS_FILTER_ITEMS_MAX ||
	    f->nranks > PLANS_FILTER_ITEMS_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field",
				  f->nlevels > PLANS_FILTER_ITEMS_MAX ? "levels"
								      : "ranks",
				  "at most %d items", PLANS_FILTER_ITEMS_MAX);
	if (app_tx(a, plans_entries_add_tx, &c, e) != 0) {
		json_decref(c.result);
		return -1;
	}
	*out = c.result;
	return 0;
}

/* The receiving unit exists and is not the home unit. */
static int plans_receiving(struct store *s, int64_t unit, int64_t home,
			   struct err *e)
{
	struct store_value v[] = { STORE_I(unit) };
	int64_t n = 0;
	if (unit == home)
		return err_set_at(e, ERR_INVALID, "same_unit",
				  "receiving_unit_id", "the receiving unit is "
				  "the cadre's home unit");
	if (store_int(s, "SELECT count(*) FROM unit WHERE id = ?", v, 1, &n,
		      e) != 0)
		return -1;
	if (!n)
		return err_set_at(e, ERR_INVALID, "unknown_unit",
				  "receiving_unit_id", "there is no unit %lld",
				  (long long)unit);
	return 0;
}

/* The entry of the plan, still pending, into *out. */
static int plans_pending_entry(struct store *s, const struct plans_ctx *c,
			       json_t **out, struct err *e)
{
	if (plans_entry_load(s, c->id, c->entry, out, e) != 0)
		return -1;
	if (strcmp(json_string_value(json_object_get(*out, "decision")),
		   "pending") != 0)
		return err_set(e, ERR_CONFLICT, "already_decided", "the entry "
			       "was decided on %s by %s",
			       json_string_value(json_object_get(*out,
							"decided_on")),
			       json_string_value(json_object_get(*out,
							"document")));
	return 0;
}

static int plans_propose_tx(struct store *s, void *vctx, struct err *e)
{
	struct plans_ctx *c = vctx;
	json_t *before = NULL, *after = NULL;
	enum plan_route route;
	int rc = -1;
	if (plans_open(s, c->id, false, e) != 0 ||
	    plans_pending_entry(s, c, &before, e) != 0)
		goto out;
	plan_route_parse(c->p->route, &route);
	int64_t home = json_integer_value(json_object_get(before,
							  "home_unit_id"));
	if (route == PLAN_STAY && c->p->receiving_unit_id) {
		err_set_at(e, ERR_INVALID, "invalid_field", "receiving_unit_id",
			   "a cadre who stays has no receiving unit");
		goto out;
	}
	if (c->p->receiving_unit_id &&
	    plans_receiving(s, c->p->receiving_unit_id, home, e) != 0)
		goto out;
	struct store_value v[] = {
		STORE_T(plan_route_name(route)),
		c->p->receiving_unit_id ? STORE_I(c->p->receiving_unit_id)
					: STORE_NIL,
		STORE_I(c->entry) };
	if (store_run(s, "UPDATE plan_entry SET route = ?, receiving_unit_id = "
			 "? WHERE id = ?", v, 3, NULL, e) != 0 ||
	    plans_entry_load(s, c->id, c->entry, &after, e) != 0)
		goto out;
	rc = plans_audit(s, c, "plan.propose", before, after, e);
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

static int plans_route_check(const struct plans_proposal *p, struct err *e)
{
	enum plan_route r;
	if (!p->route || plan_route_parse(p->route, &r) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "route",
				  "the route is secondment, frontline, "
				  "grassroots or stay (挂职, 招商一线, 下沉基层, "
				  "留任)");
	return 0;
}

int plans_propose_in(struct store *s, const struct actor *who, int64_t id,
		     int64_t entry, const struct plans_proposal *p,
		     struct err *e)
{
	struct plans_ctx c = { .who = who, .id = id, .entry = entry, .p = p };
	return plans_route_check(p, e) != 0 ? -1 : plans_propose_tx(s, &c, e);
}

int plans_propose(struct app *a, const struct actor *who, int64_t id,
		  int64_t entry, const struct plans_proposal *p, json_t **out,
		  struct err *e)
{
	struct plans_ctx c = { .who = who, .id = id, .entry = entry, .p = p };
	if (plans_route_check(p, e) != 0 || app_tx(a, plans_propose_tx, &c, e) != 0)
		return -1;
	struct store *s = app_acquire(a);
	int rc = plans_entry_load(s, id, entry, out, e);
	app_release(a, s);
	return rc;
}

static int plans_remove_tx(struct store *s, void *vctx, struct err *e)
{
	struct plans_ctx *c = vctx;
	json_t *before = NULL;
	struct store_value v[] = { STORE_I(c->entry) };
	int rc = -1;
	if (plans_open(s, c->id, false, e) != 0 ||
	    plans_pending_entry(s, c, &before, e) != 0 ||
	    store_run(s, "DELETE FROM plan_entry WHERE id = ?", v, 1, NULL,
		      e) != 0)
		goto out;
	rc = plans_audit(s, c, "plan.remove_entry", before, NULL, e);
out:
	json_decref(before);
	return rc;
}

int plans_entry_remove(struct app *a, const struct actor *who, int64_t id,
		       int64_t entry, struct err *e)
{
	struct plans_ctx c = { .who = who, .id = id, .entry = entry };
	return app_tx(a, plans_remove_tx, &c, e);
}

/* --- decisions ---------------------------------------------------------------- */

/* A decision being made: the rule's input and what it needs besides. */
struct plans_deciding {
	struct plan_decision pd;
	int64_t person;
	char decided_on[DAY_TEXT_LEN + 1], start[DAY_TEXT_LEN + 1],
	     end[DAY_TEXT_LEN + 1];
	const char *purpose;
	const char *over_reason; /* kept: sent beyond the free places */
	int64_t assignment;
};

/* One row's text column into out ("" when there is no row). */
static int plans_text_of(struct store *s, const char *sql, int64_t id,
			 char *out, size_t size, bool *null, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	*out = '\0';
	*null = true;
	if (store_query(s, sql, v, 1, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1 && !store_col_null(st, 0)) {
		snprintf(out, size, "%s", store_col_text(st, 0));
		*null = false;
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* The receiving unit's places on the cadre's establishment line (his
 * current staff type; every staff line when he has none) during the
 * period, and the rule on one more. */
static int plans_check_places(struct store *s, struct plans_deciding *g,
			      const struct plans_decision *d, struct err *e)
{
	char type[64], unit[512];
	bool none, unused;
	enum org_staff_type t;
	struct plan_places p = { 0 };
	bool over = false;
	if (plans_text_of(s, "SELECT staff_type FROM person WHERE id = ?",
			  g->person, type, sizeof type, &none, e) != 0 ||
	    plans_text_of(s, "SELECT name FROM unit WHERE id = ?",
			  g->pd.receiving_unit, unit, sizeof unit, &unused,
			  e) != 0)
		return -1;
	bool typed = !none && org_staff_type_parse(type, &t) == 0;
	const char *line = typed ? org_staff_type_name(t) : NULL;
	struct store_value q[] = { STORE_I(g->pd.receiving_unit),
				   STORE_T(line), STORE_T(line) };
	struct store_value f[] = { STORE_I(g->pd.receiving_unit),
				   STORE_T(g->start), STORE_T(g->start),
				   STORE_T(line), STORE_T(line) };
	struct store_value n[] = { STORE_I(g->pd.receiving_unit),
				   STORE_T(g->end), STORE_T(g->start),
				   STORE_T(line), STORE_T(line) };
	/* A NULL line (? IS NULL) counts every staff type. */
	if (store_int(s, "SELECT coalesce(sum(count), 0) FROM quota WHERE "
			 "unit_id = ? AND line_kind = 'staff' AND (? IS NULL OR "
			 "line = ?)", q, 3, &p.quota, e) != 0 ||
	    store_int(s, "SELECT count(*) FROM employment e WHERE e.unit_id = "
			 "? AND e.concurrent = 0 AND e.start_date <= ? AND "
			 "(e.end_date IS NULL OR e.end_date >= ?) AND (? IS "
			 "NULL OR e.staff_type = ?)", f, 5, &p.filled, e) != 0 ||
	    store_int(s, "SELECT count(*) FROM assignment a JOIN person p ON "
			 "p.id = a.person_id WHERE a.working_unit_id = ? AND "
			 "a.start_date <= ? AND coalesce(a.ended_on, "
			 "a.end_date) >= ? AND (? IS NULL OR p.staff_type = "
			 "?)", n, 5, &p.in, e) != 0)
		return -1;
	if (plan_places_check(unit, typed ? org_line_noun(org_staff_line(t))
					  : "establishment (all staff types)",
			      &p, d->allow_over, d->reason, &over, e) != 0)
		return -1;
	g->over_reason = over ? d->reason : NULL;
	return 0;
}

/* The route, units and dates of the decision from d and the entry. */
static int plans_decision_of(const struct plans_decision *d,
			     const json_t *entry, struct plans_deciding *g,
			     struct err *e)
{
	const char *route = d->route ? d->route
		: json_string_value(json_object_get(entry, "route"));
	if (!route)
		return err_set_at(e, ERR_INVALID, "route_required", "route",
				  "no route was proposed for this cadre: give "
				  "the route decided");
	if (plan_route_parse(route, &g->pd.route) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "route",
				  "the route is secondment, frontline, "
				  "grassroots or stay");
	g->person = json_integer_value(json_object_get(entry, "person_id"));
	g->pd.home_unit = json_integer_value(json_object_get(entry,
							     "home_unit_id"));
	g->pd.receiving_unit = d->receiving_unit_id;
	if (!d->receiving_unit_id && g->pd.route != PLAN_STAY)
		g->pd.receiving_unit = json_integer_value(json_object_get(
					entry, "receiving_unit_id"));
	g->pd.has_document = d->document &&
			     strspn(d->document, " \t\r\n") < strlen(d->document);
	g->pd.decided_on = wallclock_today();
	if (d->decided_on && day_parse(d->decided_on, &g->pd.decided_on) != 0)
		g->pd.decided_on = 0;
	if (g->pd.route != PLAN_STAY) {
		if (!d->start_date || day_parse(d->start_date, &g->pd.start))
			g->pd.start = 0;
		if (!d->end_date || day_parse(d->end_date, &g->pd.end))
			g->pd.end = 0;
	}
	if (plan_decision_check(&g->pd, e) != 0 ||
	    plans_text(d->document, "document", ORG_DOCUMENT_MAX, true, e))
		return -1;
	day_format(g->pd.decided_on, g->decided_on);
	if (g->pd.route != PLAN_STAY) {
		day_format(g->pd.start, g->start);
		day_format(g->pd.end, g->end);
	}
	return 0;
}

/* The assignment a decision makes (not for stay). */
static int plans_assign(struct store *s, const struct plans_ctx *c,
			struct plans_deciding *g, struct err *e)
{
	enum deploy_kind k;
	plan_route_kind(g->pd.route, &k);
	struct assignments_input in = {
		.person_id = g->person, .kind = deploy_kind_name(k),
		.home_unit_id = g->pd.home_unit,
		.working_unit_id = g->pd.receiving_unit,
		.start_date = g->start, .end_date = g->end,
		.purpose = g->purpose, .document = c->d->document };
	return assignments_add_in(s, c->who, &in, &g->assignment, e);
}

static int plans_decide_tx(struct store *s, void *vctx, struct err *e)
{
	struct plans_ctx *c = vctx;
	struct plans_deciding g = { .purpose = c->d->purpose };
	json_t *plan = NULL, *before = NULL, *after = NULL;
	enum plan_state st = PLAN_DRAFT;
	int rc = -1;
	if (plans_load(s, c->id, &plan, &st, e) != 0 ||
	    plan_check_decidable(st, e) != 0 ||
	    plans_pending_entry(s, c, &before, e) != 0 ||
	    plans_decision_of(c->d, before, &g, e) != 0)
		goto out;
	if (!g.purpose)
		g.purpose = json_string_value(json_object_get(plan, "name"));
	if (g.pd.route != PLAN_STAY &&
	    (plans_receiving(s, g.pd.receiving_unit, g.pd.home_unit, e) != 0 ||
	     plans_check_places(s, &g, c->d, e) != 0 ||
	     plans_assign(s, c, &g, e) != 0))
		goto out;
	struct store_value v[] = {
		STORE_T(plan_route_name(g.pd.route)),
		g.pd.receiving_unit ? STORE_I(g.pd.receiving_unit) : STORE_NIL,
		STORE_T(c->d->document), STORE_T(g.decided_on),
		g.assignment ? STORE_I(g.assignment) : STORE_NIL,
		STORE_T(g.over_reason), STORE_I(c->entry) };
	if (store_run(s, "UPDATE plan_entry SET route = ?, receiving_unit_id = "
			 "?, decision = 'decided', document = ?, decided_on = "
			 "?, assignment_id = ?, over_quota_reason = ? WHERE id "
			 "= ?", v, 7, NULL, e) != 0 ||
	    plans_entry_load(s, c->id, c->entry, &after, e) != 0)
		goto out;
	rc = plans_audit(s, c, "plan.decide", before, after, e);
out:
	json_decref(plan);
	json_decref(before);
	json_decref(after);
	return rc;
}

int plans_decide(struct app *a, const struct actor *who, int64_t id,
		 int64_t entry, const struct plans_decision *d, json_t **out,
		 struct err *e)
{
	struct plans_ctx c = { .who = who, .id = id, .entry = entry, .d = d };
	if (app_tx(a, plans_decide_tx, &c, e) != 0)
		return -1;
	struct store *s = app_acquire(a);
	int rc = plans_entry_load(s, id, entry, out, e);
	app_release(a, s);
	return rc;
}
