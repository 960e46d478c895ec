/* incentives: the step list and its approval. Reads cycles, results and
 * pay assignments; writes through app/pay. */
#include "incentives.h"

#include <stdio.h>
#include <string.h>

#include "app/audit_log.h"
#include "app/pay.h"
#include "base/wallclock.h"
#include "core/day.h"

/* Whether grade counts as competent or better in the cycle whose
 * cycle.json is doc. */
static bool incentives_good_enough(const json_t *doc, const char *grade)
{
	json_t *grades = json_object_get(doc, "grades"), *g;
	size_t i, at = SIZE_MAX, bar = 1;
	json_array_foreach(grades, i, g) {
		const char *id = json_string_value(json_object_get(g, "id"));
		if (!id)
			continue;
		if (!strcmp(id, "competent"))
			bar = i;
		if (grade && !strcmp(id, grade))
			at = i;
	}
	return at != SIZE_MAX && at <= bar;
}

/* The confirmed annual results of person since (an ISO date) that are
 * competent or better, into q: [{"cycle", "grade"}]. */
static int incentives_qualifying(struct store *s, int64_t person,
				 const char *since, json_t *q, struct err *e)
{
	struct store_value v[] = { STORE_I(person), STORE_T(since) };
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT c.name, f.body, r.row FROM cycle_subject cs "
			   "JOIN cycle c ON c.id = cs.cycle_id JOIN cycle_result "
			   "r ON r.cycle_id = cs.cycle_id AND r.subject = "
			   "cs.subject JOIN cycle_file f ON f.cycle_id = c.id "
			   "AND f.path = 'cycle.json' WHERE cs.person_id = ? AND "
			   "c.status = 'confirmed' AND c.kind = 'annual' AND "
			   "c.confirmed_at > ? ORDER BY c.confirmed_at", v, 2,
			&st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		json_t *doc = json_loads(store_col_text(st, 1), 0, NULL);
		json_t *row = json_loads(store_col_text(st, 2), 0, NULL);
		const char *grade = json_string_value(json_object_get(row,
								      "grade"));
		/* Each cycle once, however many of its subjects are the
		 * person. */
		bool seen = false;
		json_t *x;
		size_t i;
		json_array_foreach(q, i, x)
			seen = seen || !strcmp(json_string_value(json_object_get(
				x, "cycle")), store_col_text(st, 0));
		if (!seen && incentives_good_enough(doc, grade))
			json_array_append_new(q, json_pack("{s:s,s:s}",
				"cycle", store_col_text(st, 0), "grade", grade));
		json_decref(doc);
		json_decref(row);
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* The latest graded assignments of dispatched staff, not ended before
 * today (of one employment when employment > 0), with their qualifying
 * results; only those with INCENTIVES_YEARS or more go into items. A
 * step approved to start later is the latest: its results start from
 * then. */
static int incentives_collect(struct store *s, int64_t employment,
			      json_t *items, struct err *e)
{
	char today[DAY_TEXT_LEN + 1];
	day_format(wallclock_today(), today);
	struct store_value v[] = { STORE_T(today), STORE_I(employment) };
	struct store_stmt *st;
	json_t *rows = json_array(), *x;
	size_t i;
	int r;
	if (store_query(s, "SELECT a.id, a.employment_id, e.person_id, p.name, "
			   "o.name, a.pay_grade, o.max_grade, a.start_date, "
			   "a.position_id FROM pay_assignment a JOIN employment "
			   "e ON e.id = a.employment_id JOIN person p ON p.id = "
			   "e.person_id JOIN position o ON o.id = a.position_id "
			   "WHERE e.staff_type = 'dispatched' AND o.negotiated = "
			   "0 AND (a.end_date IS NULL OR a.end_date >= ?1) AND "
			   "NOT EXISTS (SELECT 1 FROM pay_assignment b WHERE "
			   "b.employment_id = a.employment_id AND b.start_date > "
			   "a.start_date) AND (?2 = 0 OR a.employment_id = ?2) "
			   "ORDER BY p.name_pinyin, p.id", v, 2, &st, e))
		goto fail;
	while ((r = store_step(st, e)) == 1) {
		int64_t g = store_col_int(st, 5), max = store_col_int(st, 6);
		json_array_append_new(rows, json_pack(
			"{s:I,s:I,s:I,s:s,s:s,s:I,s:o,s:I,s:s,s:I}",
			"assignment_id", (json_int_t)store_col_int(st, 0),
			"employment_id", (json_int_t)store_col_int(st, 1),
			"person_id", (json_int_t)store_col_int(st, 2),
			"name", store_col_text(st, 3),
			"position", store_col_text(st, 4),
			"pay_grade", (json_int_t)g,
			"next_grade", g < max ? json_integer(g + 1) : json_null(),
			"max_grade", (json_int_t)max,
			"since", store_col_text(st, 7),
			"position_id", (json_int_t)store_col_int(st, 8)));
	}
	store_finish(st);
	if (r < 0)
		goto fail;
	json_array_foreach(rows, i, x) {
		json_t *q = json_array();
		if (incentives_qualifying(s, json_integer_value(json_object_get(
				x, "person_id")), json_string_value(
				json_object_get(x, "since")), q, e) != 0) {
			json_decref(q);
			goto fail;
		}
		json_object_set_new(x, "qualifying", q);
		if (json_array_size(q) >= INCENTIVES_YEARS)
			json_array_append(items, x);
	}
	json_decref(rows);
	return 0;
fail:
	json_decref(rows);
	return -1;
}

int incentives_steps_due(struct app *a, json_t **out, struct err *e)
{
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = incentives_collect(s, 0, items, e);
	app_release(a, s);
	if (rc != 0) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

struct incentives_ctx {
	const struct actor *who;
	int64_t employment, assignment;
	const char *start_date, *document, *subject;
	int64_t id, person;
};

static int incentives_step_tx(struct store *s, void *vctx, struct err *e)
{
	struct incentives_ctx *c = vctx;
	json_t *items = json_array();
	int rc = -1;
	if (incentives_collect(s, c->employment, items, e) != 0)
		goto out;
	json_t *x = json_array_get(items, 0);
	if (!x) {
		err_set(e, ERR_CONFLICT, "not_due", "employment %lld is not due "
			"a step: it needs %d confirmed annual results at "
			"competent or better since its current grade",
			(long long)c->employment, INCENTIVES_YEARS);
		goto out;
	}
	if (json_is_null(json_object_get(x, "next_grade"))) {
		err_set(e, ERR_CONFLICT, "top_of_range", "the employee is at "
			"the top grade of the position's range: a step needs "
			"another position");
		goto out;
	}
	struct pay_assign_input in = {
		.employment_id = c->employment,
		.position_id = json_integer_value(json_object_get(x,
								  "position_id")),
		.pay_grade = json_integer_value(json_object_get(x, "next_grade")),
		.start_date = c->start_date, .document = c->document };
	rc = pay_assign_in(s, c->who, &in, &c->assignment, e);
out:
	json_decref(items);
	return rc;
}

int incentives_step(struct app *a, const struct actor *who,
		    int64_t employment, const char *start_date,
		    const char *document, json_t **out, struct err *e)
{
	struct incentives_ctx c = { .who = who, .employment = employment,
				    .start_date = start_date,
				    .document = document };
	struct pay_assignments_query q = { .employment_id = employment,
					   .limit = 1 };
	if (app_tx(a, incentives_step_tx, &c, e) != 0)
		return -1;
	return pay_assignments_list(a, &q, out, e);
}

static int incentives_person_tx(struct store *s, void *vctx, struct err *e)
{
	struct incentives_ctx *c = vctx;
	struct store_value p[] = { STORE_I(c->person) };
	struct store_value v[] = { c->person ? STORE_I(c->person) : STORE_NIL,
				   STORE_I(c->id), STORE_T(c->subject) };
	char object[48];
	int64_t n = 0, changed = 0;
	if (c->person && store_int(s, "SELECT count(*) FROM person WHERE id = "
				      "?", p, 1, &n, e) != 0)
		return -1;
	if (c->person && !n)
		return err_set_at(e, ERR_INVALID, "unknown_person", "person_id",
				  "there is no person %lld",
				  (long long)c->person);
	if (store_run(s, "UPDATE cycle_subject SET person_id = ? WHERE "
			 "cycle_id = ? AND subject = ?", v, 3, &changed, e) != 0)
		return -1;
	if (!changed)
		return err_set_at(e, ERR_INVALID, "unknown_subject", "subject",
				  "the cycle has no subject '%.100s'",
				  c->subject);
	json_t *after = json_pack("{s:s,s:I}", "subject", c->subject,
				  "person_id", (json_int_t)c->person);
	snprintf(object, sizeof object, "cycle:%lld", (long long)c->id);
	int rc = audit_log_append(s, c->who, "cycle.subject_person", object,
				  NULL, after, e);
	json_decref(after);
	return rc;
}

int incentives_subject_person(struct app *a, const struct actor *who,
			      int64_t id, const char *subject, int64_t person,
			      struct err *e)
{
	struct incentives_ctx c = { .who = who, .id = id, .subject = subject,
				    .person = person };
	return app_tx(a, incentives_person_tx, &c, e);
}
