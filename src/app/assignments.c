/* assignments: the assignment table, overlaps, states and scope. */
#include "assignments.h"

#include <stdio.h>
#include <string.h>

#include "app/audit_log.h"
#include "app/units.h"
#include "base/buf.h"
#include "base/wallclock.h"
#include "core/day.h"
#include "core/deploy.h"
#include "core/org.h"

#define ASSIGNMENTS_COLS "a.id, a.person_id, p.name, a.kind, " \
	"a.home_unit_id, h.name, a.working_unit_id, w.name, a.start_date, " \
	"a.end_date, a.ended_on, a.purpose, a.assessed_by, a.document"
#define ASSIGNMENTS_FROM " FROM assignment a JOIN person p ON p.id = " \
	"a.person_id JOIN unit h ON h.id = a.home_unit_id JOIN unit w ON " \
	"w.id = a.working_unit_id"

static json_t *assignments_json(struct store_stmt *st, int today)
{
	int start = 0, end = 0, ended = 0;
	day_parse(store_col_text(st, 8), &start);
	day_parse(store_col_text(st, 9), &end);
	if (!store_col_null(st, 10))
		day_parse(store_col_text(st, 10), &ended);
	enum deploy_kind k = DEPLOY_SECONDMENT;
	deploy_kind_parse(store_col_text(st, 3), &k);
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:I,s:s,s:I,s:s,s:s,s:s,s:o,"
			 "s:s,s:s,s:s,s:s}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "person_id", (json_int_t)store_col_int(st, 1),
			 "person_name", store_col_text(st, 2),
			 "kind", store_col_text(st, 3),
			 "kind_zh", deploy_kind_name_zh(k),
			 "home_unit_id", (json_int_t)store_col_int(st, 4),
			 "home_unit", store_col_text(st, 5),
			 "working_unit_id", (json_int_t)store_col_int(st, 6),
			 "working_unit", store_col_text(st, 7),
			 "start_date", store_col_text(st, 8),
			 "end_date", store_col_text(st, 9),
			 "ended_on", app_col_text(st, 10),
			 "purpose", store_col_text(st, 11),
			 "assessed_by", store_col_text(st, 12),
			 "document", store_col_text(st, 13),
			 "state", deploy_state_name(deploy_state_on(start, end,
							ended, today)));
}

/* Assignments matching the tail where (parameters v), state filtered
 * here, into items. */
static int assignments_rows(struct store *s, const char *where,
			    const struct store_value *v, size_t nv,
			    const char *state, json_t *items, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct store_stmt *st;
	int today = wallclock_today(), r;
	buf_printf(&sql, "SELECT " ASSIGNMENTS_COLS ASSIGNMENTS_FROM " WHERE "
		   "1 = 1%s ORDER BY a.start_date DESC, a.id DESC", where);
	r = store_query(s, buf_str(&sql), v, nv, &st, e);
	buf_free(&sql);
	if (r != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		json_t *o = assignments_json(st, today);
		if (state && strcmp(json_string_value(json_object_get(o,
						"state")), state) != 0) {
			json_decref(o);
			continue;
		}
		json_array_append_new(items, o);
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

int assignments_list(struct app *a, int64_t scope,
		     const struct assignments_query *q, json_t **out,
		     struct err *e)
{
	struct buf where = BUF_INIT, home = BUF_INIT, work = BUF_INIT;
	struct store_value v[4];
	size_t nv = 0;
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = -1;
	bool in = !q->direction || !strcmp(q->direction, "in");
	bool outgoing = !q->direction || !strcmp(q->direction, "out");
	enum deploy_kind kind = DEPLOY_SECONDMENT;
	enum deploy_state st = DEPLOY_PLANNED;
	if (q->direction && !in && !outgoing) {
		err_set_at(e, ERR_INVALID, "invalid_query", "direction",
			   "direction is in or out");
		goto out;
	}
	if (q->kind && deploy_kind_parse(q->kind, &kind) != 0) {
		err_set_at(e, ERR_INVALID, "invalid_query", "kind", "kind is "
			   "secondment, frontline, grassroots or commissioner");
		goto out;
	}
	if (q->state && deploy_state_parse(q->state, &st) != 0) {
		err_set_at(e, ERR_INVALID, "invalid_query", "state", "state is "
			   "planned, current, ending_soon, overdue or ended");
		goto out;
	}
	if (q->kind) {
		buf_puts(&where, " AND a.kind = ?");
		v[nv++] = STORE_T(deploy_kind_name(kind));
	}
	if (q->person_id) {
		buf_puts(&where, " AND a.person_id = ?");
		v[nv++] = STORE_I(q->person_id);
	}
	if (q->unit_id) {
		buf_printf(&where, " AND (%s%s%s)",
			   in ? "a.working_unit_id = ?" : "",
			   in && outgoing ? " OR " : "",
			   outgoing ? "a.home_unit_id = ?" : "");
		v[nv++] = STORE_I(q->unit_id);
		if (in && outgoing)
			v[nv++] = STORE_I(q->unit_id);
	}
	/* A reporter: its units at either end. */
	if (units_scope_sql(s, scope, "a.home_unit_id", &home, e) != 0 ||
	    units_scope_sql(s, scope, "a.working_unit_id", &work, e) != 0)
		goto out;
	if (home.len)
		buf_printf(&where, " AND ((1 = 1%s) OR (1 = 1%s))",
			   buf_str(&home), buf_str(&work));
	if (assignments_rows(s, buf_str(&where), v, nv, q->state, items, e))
		goto out;
	*out = json_pack("{s:O}", "items", items);
	rc = 0;
out:
	app_release(a, s);
	json_decref(items);
	buf_free(&where);
	buf_free(&home);
	buf_free(&work);
	return rc;
}

/* --- writes --------------------------------------------------------------------- */

struct assignments_ctx {
	const struct actor *who;
	const struct assignments_input *in;
	struct deploy_assignment d;
	int64_t id;
	const char *ended_on;
};

/* No other assignment of the person shares a day with this one. */
static int assignments_check_overlap(struct store *s,
				     const struct assignments_ctx *c,
				     struct err *e)
{
	struct store_value v[] = { STORE_I(c->in->person_id),
				   STORE_T(c->in->end_date),
				   STORE_T(c->in->start_date) };
	struct store_stmt *st;
	if (store_query(s, "SELECT a.id, a.kind, w.name, a.start_date, "
			   "coalesce(a.ended_on, a.end_date) FROM assignment a "
			   "JOIN unit w ON w.id = a.working_unit_id WHERE "
			   "a.person_id = ? AND a.start_date <= ? AND "
			   "coalesce(a.ended_on, a.end_date) >= ? LIMIT 1", v, 3,
			&st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1)
		err_set_at(e, ERR_CONFLICT, "overlapping_assignment",
			   "start_date", "the person is on assignment %lld (%s "
			   "at %s) from %s to %s in that time",
			   (long long)store_col_int(st, 0),
			   store_col_text(st, 1), store_col_text(st, 2),
			   store_col_text(st, 3), store_col_text(st, 4));
	store_finish(st);
	return r == 0 ? 0 : -1;
}

/* The person exists; its current unit as the home unit when none is
 * given; both units exist. */
static int assignments_refs(struct store *s, struct assignments_ctx *c,
			    struct err *e)
{
	struct store_value p[] = { STORE_I(c->in->person_id) };
	int64_t n = 0, unit = 0;
	struct err none = ERR_INIT;
	if (store_int(s, "SELECT count(*) FROM person WHERE id = ?", p, 1, &n,
		      e) != 0)
		return -1;
	if (!n)
		return err_set_at(e, ERR_INVALID, "unknown_person", "person_id",
				  "there is no person %lld",
				  (long long)c->in->person_id);
	if (!c->d.home_unit &&
	    store_int(s, "SELECT unit_id FROM person WHERE id = ?", p, 1,
		      &unit, &none) == 0)
		c->d.home_unit = unit;
	if (!c->d.home_unit)
		return err_set_at(e, ERR_INVALID, "missing_field",
				  "home_unit_id", "the person has no current "
				  "unit: give the home unit");
	const int64_t units[] = { c->d.home_unit, c->d.working_unit };
	const char *fields[] = { "home_unit_id", "working_unit_id" };
	for (int i = 0; i < 2; i++) {
		struct store_value u[] = { STORE_I(units[i]) };
		if (store_int(s, "SELECT count(*) FROM unit WHERE id = ?", u, 1,
			      &n, e) != 0)
			return -1;
		if (!n)
			return err_set_at(e, ERR_INVALID, "unknown_unit",
					  fields[i], "there is no unit %lld",
					  (long long)units[i]);
	}
	return 0;
}

static int assignments_load(struct store *s, int64_t id, json_t **out,
			    struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	json_t *items = json_array();
	int rc = assignments_rows(s, " AND a.id = ?", v, 1, NULL, items, e);
	if (rc == 0 && json_array_size(items) == 0)
		rc = err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			     "assignment %lld", (long long)id);
	if (rc == 0)
		*out = json_incref(json_array_get(items, 0));
	json_decref(items);
	return rc;
}

static int assignments_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct assignments_ctx *c = vctx;
	const struct assignments_input *in = c->in;
	char now[WALLCLOCK_ISO_LEN], object[48];
	json_t *after = NULL;
	if (assignments_refs(s, c, e) != 0 || deploy_check(&c->d, e) != 0 ||
	    assignments_check_overlap(s, c, e) != 0 ||
	    store_next_id(s, "assignment", &c->id, e) != 0)
		return -1;
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = {
		STORE_I(c->id), STORE_I(in->person_id),
		STORE_T(deploy_kind_name(c->d.kind)), STORE_I(c->d.home_unit),
		STORE_I(c->d.working_unit), STORE_T(in->start_date),
		STORE_T(in->end_date), STORE_T(in->purpose),
		STORE_T(c->d.assessed_by_home ? "home" : "working"),
		STORE_T(in->document), STORE_T(now) };
	if (store_run(s, "INSERT INTO assignment (id, person_id, kind, "
			 "home_unit_id, working_unit_id, start_date, end_date, "
			 "purpose, assessed_by, document, created_at) VALUES "
			 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", v, 11, NULL, e) != 0 ||
	    assignments_load(s, c->id, &after, e) != 0)
		return -1;
	snprintf(object, sizeof object, "assignment:%lld", (long long)c->id);
	int rc = audit_log_append(s, c->who, "assignment.add", object, NULL,
				  after, e);
	json_decref(after);
	return rc;
}

/* The checks that need no database: the kind, the dates, the texts. */
static int assignments_prepare(const struct assignments_input *in,
			       struct assignments_ctx *c, struct err *e)
{
	if (!in->kind || deploy_kind_parse(in->kind, &c->d.kind) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "kind",
				  "the kind is secondment, frontline, "
				  "grassroots or commissioner");
	if (day_parse(in->start_date, &c->d.start) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "start_date",
				  "the start date is a real date written "
				  "yyyy-mm-dd");
	if (day_parse(in->end_date, &c->d.end) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "the planned end is a real date written "
				  "yyyy-mm-dd");
	if (app_text(in->purpose, "purpose", DEPLOY_PURPOSE_MAX, e) ||
	    app_text(in->document, "document", ORG_DOCUMENT_MAX, e))
		return -1;
	c->d.home_unit = in->home_unit_id;
	c->d.working_unit = in->working_unit_id;
	c->d.assessed_by_home = in->assessed_by_home;
	return 0;
}

int assignments_add_in(struct store *s, const struct actor *who,
		       const struct assignments_input *in, int64_t *id,
		       struct err *e)
{
	struct assignments_ctx c = { .who = who, .in = in };
	if (assignments_prepare(in, &c, e) != 0 ||
	    assignments_add_tx(s, &c, e) != 0)
		return -1;
	*id = c.id;
	return 0;
}

int assignments_add(struct app *a, const struct actor *who,
		    const struct assignments_input *in, json_t **out,
		    struct err *e)
{
	struct assignments_ctx c = { .who = who, .in = in };
	if (assignments_prepare(in, &c, e) != 0 ||
	    app_tx(a, assignments_add_tx, &c, e) != 0)
		return -1;
	struct store *s = app_acquire(a);
	int rc = assignments_load(s, c.id, out, e);
	app_release(a, s);
	return rc;
}

static int assignments_end_tx(struct store *s, void *vctx, struct err *e)
{
	struct assignments_ctx *c = vctx;
	json_t *before = NULL, *after = NULL;
	char object[48];
	int rc = -1, start = 0, ended;
	if (assignments_load(s, c->id, &before, e) != 0)
		goto out;
	if (!json_is_null(json_object_get(before, "ended_on"))) {
		err_set(e, ERR_CONFLICT, "already_ended", "the assignment "
			"ended on %s", json_string_value(json_object_get(
						before, "ended_on")));
		goto out;
	}
	day_parse(json_string_value(json_object_get(before, "start_date")),
		  &start);
	if (day_parse(c->ended_on, &ended) != 0 || ended < start) {
		err_set_at(e, ERR_INVALID, "invalid_date", "ended_on", "the "
			   "last day is a real date, not before the start");
		goto out;
	}
	struct store_value v[] = { STORE_T(c->ended_on), STORE_I(c->id) };
	if (store_run(s, "UPDATE assignment SET ended_on = ? WHERE id = ?", v,
		      2, NULL, e) != 0 ||
	    assignments_load(s, c->id, &after, e) != 0)
		goto out;
	snprintf(object, sizeof object, "assignment:%lld", (long long)c->id);
	rc = audit_log_append(s, c->who, "assignment.end", object, before,
			      after, e);
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

int assignments_end(struct app *a, const struct actor *who, int64_t id,
		    const char *ended_on, json_t **out, struct err *e)
{
	struct assignments_ctx c = { .who = who, .id = id,
				     .ended_on = ended_on };
	if (app_tx(a, assignments_end_tx, &c, e) != 0)
		return -1;
	struct store *s = app_acquire(a);
	int rc = assignments_load(s, id, out, e);
	app_release(a, s);
	return rc;
}
