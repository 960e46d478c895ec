/* projects: the project and approval_step tables, progress and figures. */
#include "projects.h"

#include <stdio.h>
#include <string.h>

#include "app/audit_log.h"
#include "app/cycles.h"
#include "base/utf8.h"
#include "base/wallclock.h"
#include "core/day.h"

/* The template of approval steps (S5): name, authority, days after the
 * signing it is due. */
static const struct { const char *name, *authority; int days; }
	projects_template[] = {
	{ "项目备案", "发展改革局", 15 },
	{ "用地手续", "规划和自然资源局", 60 },
	{ "规划许可", "规划和自然资源局", 90 },
	{ "环境影响评价", "生态环境局", 90 },
	{ "施工许可", "建设管理局", 120 },
};
#define PROJECTS_TEMPLATE_N \
	(sizeof projects_template / sizeof projects_template[0])

static bool projects_text(const char *s, size_t max)
{
	size_t len = s ? strlen(s) : 0;
	return len && strspn(s, " \t\r\n") < len && utf8_valid(s, len, NULL) &&
	       utf8_length(s, len) <= max;
}

/* Days between two stored yyyy-mm-dd texts (to - from). */
static int projects_days(const char *from, const char *to)
{
	int a = 0, b = 0;
	if (day_parse(from, &a) != 0 || day_parse(to, &b) != 0)
		return 0;
	return day_diff(a, b);
}

static const char *projects_step_state(struct store_stmt *st, int col_due,
				       int col_done, const char *today)
{
	if (!store_col_null(st, col_done))
		return "done";
	return strcmp(store_col_text(st, col_due), today) < 0 ? "overdue"
							       : "pending";
}

static int projects_steps(struct store *s, int64_t id, const char *today,
			  json_t *arr, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT id, position, name, authority, due_on, "
			   "done_on FROM approval_step WHERE project_id = ? "
			   "ORDER BY position", v, 1, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(arr, json_pack(
			"{s:I,s:I,s:s,s:s,s:s,s:o,s:s}",
			"id", (json_int_t)store_col_int(st, 0),
			"position", (json_int_t)store_col_int(st, 1),
			"name", store_col_text(st, 2),
			"authority", store_col_text(st, 3),
			"due_on", store_col_text(st, 4),
			"done_on", app_col_text(st, 5),
			"state", projects_step_state(st, 4, 5, today)));
	store_finish(st);
	return r < 0 ? -1 : 0;
}

#define PROJECTS_COLS "p.id, p.name, p.investor, p.industry, p.amount_fen, " \
	"p.unit_id, u.name, p.commissioner_id, c.name, p.signed_on, " \
	"p.target_start, p.started_on, p.rating, p.rated_on FROM project p " \
	"JOIN unit u ON u.id = " \
	"p.unit_id LEFT JOIN person c ON c.id = p.commissioner_id"

static json_t *projects_json(struct store_stmt *st)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:I,s:I,s:s,s:o,s:o,s:s,s:s,"
			      "s:o}",
			      "id", (json_int_t)store_col_int(st, 0),
			      "name", store_col_text(st, 1),
			      "investor", store_col_text(st, 2),
			      "industry", store_col_text(st, 3),
			      "amount_fen", (json_int_t)store_col_int(st, 4),
			      "unit_id", (json_int_t)store_col_int(st, 5),
			      "unit", store_col_text(st, 6),
			      "commissioner_id", app_col_int(st, 7),
			      "commissioner", app_col_text(st, 8),
			      "signed_on", store_col_text(st, 9),
			      "target_start", store_col_text(st, 10),
			      "started_on", app_col_text(st, 11));
	json_object_set_new(o, "rating", app_col_int(st, 12));
	json_object_set_new(o, "rated_on", app_col_text(st, 13));
	json_object_set_new(o, "days_to_start", store_col_null(st, 11)
		? json_null()
		: json_integer(projects_days(store_col_text(st, 9),
					     store_col_text(st, 11))));
	return o;
}

/* Projects (one when id > 0) with their steps and counts into items. */
static int projects_load(struct store *s, int64_t id, json_t *items,
			 struct err *e)
{
	char today[DAY_TEXT_LEN + 1];
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	json_t *x;
	size_t i;
	int r;
	day_format(wallclock_today(), today);
	if (store_query(s, "SELECT " PROJECTS_COLS " WHERE ?1 = 0 OR p.id = ?1 "
			   "ORDER BY p.signed_on DESC, p.id DESC", v, 1, &st,
			e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(items, projects_json(st));
	store_finish(st);
	if (r < 0)
		return -1;
	json_array_foreach(items, i, x) {
		json_t *steps = json_array(), *step;
		size_t k, done = 0, overdue = 0;
		if (projects_steps(s, json_integer_value(json_object_get(x,
					"id")), today, steps, e) != 0) {
			json_decref(steps);
			return -1;
		}
		json_array_foreach(steps, k, step) {
			const char *state = json_string_value(
				json_object_get(step, "state"));
			done += !strcmp(state, "done");
			overdue += !strcmp(state, "overdue");
		}
		json_object_set_new(x, "steps", steps);
		json_object_set_new(x, "steps_done", json_integer((json_int_t)done));
		json_object_set_new(x, "steps_overdue",
				    json_integer((json_int_t)overdue));
	}
	return 0;
}

int projects_list(struct app *a, json_t **out, struct err *e)
{
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = projects_load(s, 0, items, e);
	app_release(a, s);
	if (rc != 0) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int projects_get(struct app *a, int64_t id, json_t **out, struct err *e)
{
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = projects_load(s, id, items, e);
	app_release(a, s);
	if (rc == 0 && json_array_size(items) == 0)
		rc = err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			     "project %lld", (long long)id);
	if (rc == 0)
		*out = json_incref(json_array_get(items, 0));
	json_decref(items);
	return rc;
}

/* --- writes --------------------------------------------------------------------- */

struct projects_ctx {
	const struct actor *who;
	const struct projects_new *in;
	int64_t id, step;
	const char *date;
	int64_t rating;
};

static int projects_audit(struct store *s, const struct projects_ctx *c,
			  const char *action, struct err *e)
{
	char object[48];
	json_t *after = NULL;
	json_t *items = json_array();
	int rc = projects_load(s, c->id, items, e);
	if (rc == 0) {
		after = json_incref(json_array_get(items, 0));
		snprintf(object, sizeof object, "project:%lld",
			 (long long)c->id);
		rc = audit_log_append(s, c->who, action, object, NULL, after, e);
	}
	json_decref(after);
	json_decref(items);
	return rc;
}

static int projects_insert_steps(struct store *s, const struct projects_ctx *c,
				 int signed_on, struct err *e)
{
	const struct projects_new *in = c->in;
	size_t n = in->steps ? in->nsteps : PROJECTS_TEMPLATE_N;
	for (size_t i = 0; i < n; i++) {
		char due[DAY_TEXT_LEN + 1];
		const char *name, *authority;
		int64_t sid;
		if (in->steps) {
			name = in->steps[i].name;
			authority = in->steps[i].authority;
			int d;
			if (day_parse(in->steps[i].due_on, &d) != 0 ||
			    !projects_text(name, 100) ||
			    !projects_text(authority, 100))
				return err_set_at(e, ERR_INVALID,
						  "invalid_field", "steps",
						  "step %zu needs a name, an "
						  "authority and a due date "
						  "yyyy-mm-dd", i + 1);
			day_format(d, due);
		} else {
			name = projects_template[i].name;
			authority = projects_template[i].authority;
			day_format(day_add(signed_on, projects_template[i].days),
				   due);
		}
		if (store_next_id(s, "approval_step", &sid, e) != 0)
			return -1;
		struct store_value v[] = { STORE_I(sid), STORE_I(c->id),
					   STORE_I((int64_t)i + 1), STORE_T(name),
					   STORE_T(authority), STORE_T(due) };
		if (store_run(s, "INSERT INTO approval_step (id, project_id, "
				 "position, name, authority, due_on) VALUES (?, "
				 "?, ?, ?, ?, ?)", v, 6, NULL, e) != 0)
			return -1;
	}
	return 0;
}

static int projects_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct projects_ctx *c = vctx;
	const struct projects_new *in = c->in;
	struct store_value u[] = { STORE_I(in->unit_id) };
	struct store_value p[] = { STORE_I(in->commissioner_id) };
	char now[WALLCLOCK_ISO_LEN];
	int64_t n = 0;
	int signed_on;
	day_parse(in->signed_on, &signed_on);
	if (store_int(s, "SELECT count(*) FROM unit WHERE id = ?", u, 1, &n,
		      e) != 0)
		return -1;
	if (!n)
		return err_set_at(e, ERR_INVALID, "unknown_unit", "unit_id",
				  "there is no unit %lld",
				  (long long)in->unit_id);
	if (in->commissioner_id &&
	    store_int(s, "SELECT count(*) FROM person WHERE id = ?", p, 1, &n,
		      e) != 0)
		return -1;
	if (in->commissioner_id && !n)
		return err_set_at(e, ERR_INVALID, "unknown_person",
				  "commissioner_id", "there is no person %lld",
				  (long long)in->commissioner_id);
	if (store_next_id(s, "project", &c->id, e) != 0)
		return -1;
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = {
		STORE_I(c->id), STORE_T(in->name), STORE_T(in->investor),
		STORE_T(in->industry), STORE_I(in->amount_fen),
		STORE_I(in->unit_id),
		in->commissioner_id ? STORE_I(in->commissioner_id) : STORE_NIL,
		STORE_T(in->signed_on), STORE_T(in->target_start), STORE_T(now) };
	if (store_run(s, "INSERT INTO project (id, name, investor, industry, "
			 "amount_fen, unit_id, commissioner_id, signed_on, "
			 "target_start, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
			 "?, ?, ?)", v, 10, NULL, e) != 0 ||
	    projects_insert_steps(s, c, signed_on, e) != 0)
		return -1;
	return projects_audit(s, c, "project.add", e);
}

/* The rules of a new project that need no database. */
static int projects_check(const struct projects_new *in, struct err *e)
{
	int sd, ts;
	if (!projects_text(in->name, 100))
		return err_set_at(e, ERR_INVALID, "invalid_field", "name",
				  "a project has a name (text of at most 100 "
				  "characters)");
	if (!projects_text(in->investor, 100))
		return err_set_at(e, ERR_INVALID, "invalid_field", "investor",
				  "a project has an investor (text of at most "
				  "100 characters)");
	if (!projects_text(in->industry, 50))
		return err_set_at(e, ERR_INVALID, "invalid_field", "industry",
				  "a project has an industry (text of at most "
				  "50 characters)");
	if (in->amount_fen < 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "amount_fen",
				  "the amount is 0 or more fen");
	if (day_parse(in->signed_on, &sd) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "signed_on",
				  "the signing date is written yyyy-mm-dd");
	if (day_parse(in->target_start, &ts) != 0 || ts < sd)
		return err_set_at(e, ERR_INVALID, "invalid_date", "target_start",
				  "the target start of construction is a date "
				  "not before the signing");
	if (in->steps && (in->nsteps == 0 || in->nsteps > PROJECTS_STEPS_MAX))
		return err_set_at(e, ERR_INVALID, "invalid_field", "steps",
				  "a project has 1 to %d approval steps",
				  PROJECTS_STEPS_MAX);
	return 0;
}

int projects_add_in(struct store *s, const struct actor *who,
		    const struct projects_new *in, int64_t *id, struct err *e)
{
	struct projects_ctx c = { .who = who, .in = in };
	if (projects_check(in, e) != 0 || projects_add_tx(s, &c, e) != 0)
		return -1;
	*id = c.id;
	return 0;
}

int projects_add(struct app *a, const struct actor *who,
		 const struct projects_new *in, json_t **out, struct err *e)
{
	struct projects_ctx c = { .who = who, .in = in };
	if (projects_check(in, e) != 0 || app_tx(a, projects_add_tx, &c, e) != 0)
		return -1;
	return projects_get(a, c.id, out, e);
}

static int projects_step_tx(struct store *s, void *vctx, struct err *e)
{
	struct projects_ctx *c = vctx;
	struct store_value v[] = { STORE_I(c->id) };
	struct store_stmt *st;
	char signed_on[DAY_TEXT_LEN + 1] = "";
	if (store_query(s, "SELECT signed_on FROM project WHERE id = ?", v, 1,
			&st, e) != 0)
		return -1;
	if (store_step(st, e) == 1)
		snprintf(signed_on, sizeof signed_on, "%s",
			 store_col_text(st, 0));
	store_finish(st);
	if (!signed_on[0])
		return err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			       "project %lld", (long long)c->id);
	if (strcmp(c->date, signed_on) < 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "done_on",
				  "a step is not done before the signing "
				  "(%s)", signed_on);
	int64_t changed = 0;
	struct store_value u[] = { STORE_T(c->date), STORE_I(c->step),
				   STORE_I(c->id) };
	if (store_run(s, "UPDATE approval_step SET done_on = ? WHERE id = ? "
			 "AND project_id = ? AND done_on IS NULL", u, 3,
		      &changed, e) != 0)
		return -1;
	if (!changed)
		return err_set(e, ERR_CONFLICT, "not_pending", "step %lld of "
			       "the project is not a pending step",
			       (long long)c->step);
	return projects_audit(s, c, "project.step", e);
}

int projects_step_done(struct app *a, const struct actor *who, int64_t id,
		       int64_t step, const char *done_on, json_t **out,
		       struct err *e)
{
	struct projects_ctx c = { .who = who, .id = id, .step = step,
				  .date = done_on };
	int d;
	if (day_parse(done_on, &d) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "done_on",
				  "the date is written yyyy-mm-dd");
	if (app_tx(a, projects_step_tx, &c, e) != 0)
		return -1;
	return projects_get(a, id, out, e);
}

static int projects_start_tx(struct store *s, void *vctx, struct err *e)
{
	struct projects_ctx *c = vctx;
	struct store_value v[] = { STORE_I(c->id) };
	int64_t pending = 0, changed = 0;
	if (store_int(s, "SELECT count(*) FROM approval_step WHERE project_id "
			 "= ? AND done_on IS NULL", v, 1, &pending, e) != 0)
		return -1;
	if (pending)
		return err_set(e, ERR_CONFLICT, "steps_pending", "%lld approval "
			       "step(s) are not done: construction cannot "
			       "start", (long long)pending);
	struct store_value u[] = { STORE_T(c->date), STORE_I(c->id),
				   STORE_T(c->date) };
	if (store_run(s, "UPDATE project SET started_on = ? WHERE id = ? AND "
			 "started_on IS NULL AND signed_on <= ?", u, 3, &changed,
		      e) != 0)
		return -1;
	if (!changed)
		return err_set(e, ERR_CONFLICT, "cannot_start", "the project "
			       "has started already, or the date is before "
			       "its signing");
	return projects_audit(s, c, "project.start", e);
}

int projects_start(struct app *a, const struct actor *who, int64_t id,
		   const char *started_on, json_t **out, struct err *e)
{
	struct projects_ctx c = { .who = who, .id = id, .date = started_on };
	int d;
	if (day_parse(started_on, &d) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "started_on",
				  "the date is written yyyy-mm-dd");
	if (app_tx(a, projects_start_tx, &c, e) != 0)
		return -1;
	return projects_get(a, id, out, e);
}

/* Adds n to the integer member key of o. */
static void projects_add_to(json_t *o, const char *key, json_int_t n)
{
	json_object_set_new(o, key, json_integer(
		json_integer_value(json_object_get(o, key)) + n));
}

int projects_commissioners(struct app *a, json_t **out, struct err *e)
{
	json_t *list = NULL, *by = json_object(), *items = json_array(), *x;
	size_t i;
	const char *key;
	if (projects_list(a, &list, e) != 0) {
		json_decref(by);
		json_decref(items);
		return -1;
	}
	json_array_foreach(json_object_get(list, "items"), i, x) {
		json_t *cid = json_object_get(x, "commissioner_id");
		if (!json_is_integer(cid))
			continue;
		char k[32];
		snprintf(k, sizeof k, "%lld", (long long)json_integer_value(cid));
		json_t *c = json_object_get(by, k);
		if (!c) {
			c = json_pack("{s:O,s:O,s:I,s:I,s:I,s:I,s:I,s:I}",
				      "person_id", cid, "name",
				      json_object_get(x, "commissioner"),
				      "projects", (json_int_t)0, "started",
				      (json_int_t)0, "days_total", (json_int_t)0,
				      "steps_overdue", (json_int_t)0, "rated",
				      (json_int_t)0, "rating_total",
				      (json_int_t)0);
			json_object_set_new(by, k, c);
		}
		projects_add_to(c, "projects", 1);
		projects_add_to(c, "steps_overdue", json_integer_value(
					json_object_get(x, "steps_overdue")));
		json_t *rating = json_object_get(x, "rating");
		if (json_is_integer(rating)) {
			projects_add_to(c, "rated", 1);
			projects_add_to(c, "rating_total",
					json_integer_value(rating));
		}
		json_t *days = json_object_get(x, "days_to_start");
		if (json_is_integer(days)) {
			projects_add_to(c, "started", 1);
			projects_add_to(c, "days_total",
					json_integer_value(days));
		}
	}
	json_object_foreach(by, key, x) {
		json_int_t started = json_integer_value(json_object_get(x,
								"started"));
		json_object_set_new(x, "mean_days_to_start", started
			? json_real((double)json_integer_value(json_object_get(
				x, "days_total")) / (double)started)
			: json_null());
		json_object_del(x, "days_total");
		json_int_t rated = json_integer_value(json_object_get(x, "rated"));
		json_object_set_new(x, "mean_rating", rated
			? json_real((double)json_integer_value(json_object_get(
				x, "rating_total")) / (double)rated)
			: json_null());
		json_object_del(x, "rating_total");
		json_array_append(items, x);
	}
	json_decref(by);
	json_decref(list);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

/* --- the enterprise's rating ------------------------------------------------ */

static int projects_rate_tx(struct store *s, void *vctx, struct err *e)
{
	struct projects_ctx *c = vctx;
	struct store_value v[] = { STORE_I(c->id) };
	char signed_on[DAY_TEXT_LEN + 1] = "";
	struct store_stmt *st;
	if (store_query(s, "SELECT signed_on FROM project WHERE id = ?", v, 1,
			&st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1)
		snprintf(signed_on, sizeof signed_on, "%s",
			 store_col_text(st, 0));
	store_finish(st);
	if (r == 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			       "project %lld", (long long)c->id);
	if (r < 0)
		return -1;
	if (strcmp(c->date, signed_on) < 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "rated_on",
				  "a rating is not given before the signing "
				  "(%s)", signed_on);
	struct store_value u[] = { STORE_I(c->rating), STORE_T(c->date),
				   STORE_I(c->id) };
	if (store_run(s, "UPDATE project SET rating = ?, rated_on = ? WHERE "
			 "id = ?", u, 3, NULL, e) != 0)
		return -1;
	return projects_audit(s, c, "project.rating", e);
}

int projects_rate(struct app *a, const struct actor *who, int64_t id,
		  int64_t rating, const char *rated_on, json_t **out,
		  struct err *e)
{
	struct projects_ctx c = { .who = who, .id = id, .date = rated_on,
				  .rating = rating };
	int d;
	if (rating < 0 || rating > 100)
		return err_set_at(e, ERR_INVALID, "invalid_score", "rating",
				  "the enterprise rates the service from 0 to "
				  "100");
	if (day_parse(rated_on, &d) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "rated_on",
				  "the date is written yyyy-mm-dd");
	if (app_tx(a, projects_rate_tx, &c, e) != 0)
		return -1;
	return projects_get(a, id, out, e);
}

/* --- a commissioner's figures as a cycle's values --------------------------- */

/* The figures a cycle can take, and how each is written. */
static const char *const projects_figures[] = {
	"projects", "started", "mean_days_to_start", "steps_overdue",
	"mean_rating", NULL };

struct projects_pull {
	const struct actor *who;
	int64_t cycle;
	const json_t *indicators;   /* figure -> indicator id */
	const json_t *by_person;    /* person id (text) -> figures */
	json_t *done;               /* [{subject, person_id, values}] */
};

/* A figure as the plain decimal number a value is written as; "" when
 * the commissioner has none (no project started, none rated). */
static void projects_figure_text(const json_t *v, char *out, size_t len)
{
	if (json_is_integer(v))
		snprintf(out, len, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, len, "%.4f", json_real_value(v));
	else
		out[0] = '\0';
}

static int projects_pull_tx(struct store *s, void *vctx, struct err *e)
{
	struct projects_pull *p = vctx;
	struct store_value v[] = { STORE_I(p->cycle) };
	struct store_stmt *st;
	json_t *subjects = json_array();
	int r;
	if (store_query(s, "SELECT subject, person_id FROM cycle_subject WHERE "
			   "cycle_id = ? AND person_id IS NOT NULL ORDER BY "
			   "subject", v, 1, &st, e) != 0) {
		json_decref(subjects);
		return -1;
	}
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(subjects, json_pack("{s:s,s:I}", "subject",
			store_col_text(st, 0), "person_id",
			(json_int_t)store_col_int(st, 1)));
	store_finish(st);
	size_t i;
	json_t *x;
	json_array_foreach(subjects, i, x) {
		char key[32], num[48];
		const char *figure;
		json_t *ind;
		snprintf(key, sizeof key, "%lld", (long long)json_integer_value(
						json_object_get(x, "person_id")));
		const json_t *fig = json_object_get(p->by_person, key);
		if (r < 0 || !fig)
			continue;
		json_t *values = json_object();
		json_object_foreach((json_t *)p->indicators, figure, ind) {
			projects_figure_text(json_object_get(fig, figure), num,
					     sizeof num);
			if (!num[0])
				continue;
			struct cycles_value cv = {
				.subject = json_string_value(json_object_get(
					x, "subject")),
				.indicator = json_string_value(ind),
				.actual = num, .source = "招商项目服务专员统计" };
			if (cycles_value_set_in(s, p->who, p->cycle, &cv, e)) {
				r = -1;
				break;
			}
			json_object_set_new(values, cv.indicator,
					    json_string(num));
		}
		json_object_set(x, "values", values);
		json_decref(values);
		if (r >= 0)
			json_array_append(p->done, x);
	}
	json_decref(subjects);
	return r < 0 ? -1 : 0;
}

int projects_pull(struct app *a, const struct actor *who, int64_t cycle,
		  const json_t *indicators, json_t **out, struct err *e)
{
	const char *figure;
	json_t *ind, *list = NULL, *by = json_object(), *x;
	size_t i;
	if (!json_is_object(indicators) || json_object_size(indicators) == 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "indicators",
				  "indicators maps figures (projects, started, "
				  "mean_days_to_start, steps_overdue, "
				  "mean_rating) to indicator ids");
	json_object_foreach((json_t *)indicators, figure, ind) {
		char where[80];
		bool known = false;
		for (size_t k = 0; projects_figures[k]; k++)
			known = known || !strcmp(figure, projects_figures[k]);
		snprintf(where, sizeof where, "indicators.%.60s", figure);
		if (!known)
			return err_set_at(e, ERR_INVALID, "unknown_field", where,
					  "no such figure: projects, started, "
					  "mean_days_to_start, steps_overdue, "
					  "mean_rating");
		if (!json_is_string(ind) || !json_string_length(ind))
			return err_set_at(e, ERR_INVALID, "invalid_field", where,
					  "an indicator id");
	}
	if (projects_commissioners(a, &list, e) != 0) {
		json_decref(by);
		return -1;
	}
	json_array_foreach(json_object_get(list, "items"), i, x) {
		char key[32];
		snprintf(key, sizeof key, "%lld", (long long)json_integer_value(
						json_object_get(x, "person_id")));
		json_object_set(by, key, x);
	}
	struct projects_pull p = { .who = who, .cycle = cycle,
				   .indicators = indicators, .by_person = by,
				   .done = json_array() };
	int rc = app_tx(a, projects_pull_tx, &p, e);
	json_decref(list);
	json_decref(by);
	if (rc != 0) {
		json_decref(p.done);
		return -1;
	}
	*out = json_pack("{s:o}", "subjects", p.done);
	return 0;
}
