/* pay (app): the pay_sequence, pay_grade, position and pay_assignment
 * tables, the checks that need them, and the pay-parity report. The rules
 * of a grade list, a position and an amount are core/pay's. Dates are
 * stored yyyy-mm-dd, so text comparison in SQL is date order. */
#include "pay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit_log.h"
#include "base/buf.h"
#include "base/wallclock.h"
#include "base/xmalloc.h"
#include "core/day.h"
#include "core/org.h"
#include "core/staffing.h"

#define PAY_OBJECT_MAX 48 /* "pay_assignment:<id>" */
#define PAY_NAME_BYTES (PAY_NAME_MAX * 4 + 1)

#define PAY_POSITION_COLS "o.id, o.sequence_id, s.code, o.level, o.name, " \
	"o.negotiated, o.min_grade, o.max_grade, o.comparable_rank"
#define PAY_POSITION_FROM " FROM position o JOIN pay_sequence s ON s.id = " \
	"o.sequence_id"
#define PAY_ASSIGNMENT_COLS "a.id, a.employment_id, e.person_id, p.name, " \
	"e.unit_id, u.name, a.position_id, o.name, s.code, o.level, " \
	"o.negotiated, a.pay_grade, a.negotiated_fen, coalesce(g.monthly_fen, " \
	"a.negotiated_fen), a.start_date, a.end_date, a.document, a.created_at"
#define PAY_ASSIGNMENT_FROM " FROM pay_assignment a JOIN employment e ON " \
	"e.id = a.employment_id JOIN person p ON p.id = e.person_id JOIN unit " \
	"u ON u.id = e.unit_id JOIN position o ON o.id = a.position_id JOIN " \
	"pay_sequence s ON s.id = o.sequence_id LEFT JOIN pay_grade g ON " \
	"g.sequence_id = o.sequence_id AND g.grade = a.pay_grade"
/* An assignment and its employment both active on a day (bound 4 times). */
#define PAY_ACTIVE "a.start_date <= ? AND (a.end_date IS NULL OR " \
	"a.end_date >= ?) AND e.start_date <= ? AND (e.end_date IS NULL OR " \
	"e.end_date >= ?)"

/* --- JSON of rows -------------------------------------------------------- */

/* The Chinese name of a stored rank id, or null. */
static json_t *pay_rank_zh(const char *rank)
{
	enum staffing_rank r;
	if (!rank || staffing_rank_parse(rank, &r) != 0)
		return json_null();
	return json_string(staffing_rank_name_zh(r));
}

/* A row of SELECT PAY_POSITION_COLS. */
static json_t *pay_position_json(struct store_stmt *st)
{
	const char *rank = store_col_null(st, 8) ? NULL : store_col_text(st, 8);
	json_t *o = json_pack("{s:I,s:I,s:s,s:I,s:s,s:b}",
			      "id", (json_int_t)store_col_int(st, 0),
			      "sequence_id", (json_int_t)store_col_int(st, 1),
			      "sequence", store_col_text(st, 2),
			      "level", (json_int_t)store_col_int(st, 3),
			      "name", store_col_text(st, 4),
			      "negotiated", store_col_int(st, 5) != 0);
	json_object_set_new(o, "min_grade", app_col_int(st, 6));
	json_object_set_new(o, "max_grade", app_col_int(st, 7));
	json_object_set_new(o, "comparable_rank",
			    rank ? json_string(rank) : json_null());
	json_object_set_new(o, "comparable_rank_name", pay_rank_zh(rank));
	return o;
}

static json_t *pay_position_row_fn(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	return pay_position_json(st);
}

/* A row of SELECT PAY_ASSIGNMENT_COLS. */
static json_t *pay_assignment_json(struct store_stmt *st)
{
	json_t *o = json_pack("{s:I,s:I,s:I,s:s,s:I,s:s,s:I,s:s,s:s,s:I,s:b}",
			      "id", (json_int_t)store_col_int(st, 0),
			      "employment_id", (json_int_t)store_col_int(st, 1),
			      "person_id", (json_int_t)store_col_int(st, 2),
			      "person_name", store_col_text(st, 3),
			      "unit_id", (json_int_t)store_col_int(st, 4),
			      "unit_name", store_col_text(st, 5),
			      "position_id", (json_int_t)store_col_int(st, 6),
			      "position_name", store_col_text(st, 7),
			      "sequence", store_col_text(st, 8),
			      "level", (json_int_t)store_col_int(st, 9),
			      "negotiated", store_col_int(st, 10) != 0);
	json_object_set_new(o, "pay_grade", app_col_int(st, 11));
	json_object_set_new(o, "negotiated_fen", app_col_int(st, 12));
	json_object_set_new(o, "monthly_fen", app_col_int(st, 13));
	json_object_set_new(o, "start_date", app_col_text(st, 14));
	json_object_set_new(o, "end_date", app_col_text(st, 15));
	json_object_set_new(o, "document", app_col_text(st, 16));
	json_object_set_new(o, "created_at", app_col_text(st, 17));
	return o;
}

static json_t *pay_assignment_row_fn(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	return pay_assignment_json(st);
}

static int pay_assignment_load(struct store *s, int64_t id, json_t **out,
			       struct err *e)
{
	return app_load_one(s, "SELECT " PAY_ASSIGNMENT_COLS PAY_ASSIGNMENT_FROM
			       " WHERE a.id = ?", id, pay_assignment_row_fn,
			    NULL, "pay assignment", out, e);
}

/* Appends to arr the JSON of each row of sql (one id parameter). */
static int pay_rows(struct store *s, const char *sql, int64_t id,
		    json_t *(*row)(struct store_stmt *), json_t *arr,
		    struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	int r;
	if (store_query(s, sql, v, 1, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(arr, row(st));
	store_finish(st);
	return r < 0 ? -1 : 0;
}

static json_t *pay_grade_json(struct store_stmt *st)
{
	return json_pack("{s:I,s:I}", "grade", (json_int_t)store_col_int(st, 0),
			 "monthly_fen", (json_int_t)store_col_int(st, 1));
}

static int pay_grades_load(struct store *s, int64_t sequence, json_t *arr,
			   struct err *e)
{
	return pay_rows(s, "SELECT grade, monthly_fen FROM pay_grade WHERE "
			   "sequence_id = ? ORDER BY grade", sequence,
			pay_grade_json, arr, e);
}

static json_t *pay_sequence_json(struct store_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:I,s:[],s:[]}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "code", store_col_text(st, 1),
			 "name", store_col_text(st, 2),
			 "ord", (json_int_t)store_col_int(st, 3),
			 "grades", "positions");
}

/* Sequences (all, or the one id when id > 0) with grades and positions
 * appended to items. */
static int pay_sequences_load(struct store *s, int64_t id, json_t *items,
			      struct err *e)
{
	size_t i;
	json_t *q;
	if (pay_rows(s, "SELECT id, code, name, ord FROM pay_sequence WHERE "
			"? IN (0, id) ORDER BY ord, id", id, pay_sequence_json,
		     items, e) != 0)
		return -1;
	json_array_foreach(items, i, q) {
		json_int_t sid = json_integer_value(json_object_get(q, "id"));
		if (pay_grades_load(s, sid, json_object_get(q, "grades"), e) ||
		    pay_rows(s, "SELECT " PAY_POSITION_COLS PAY_POSITION_FROM
			        " WHERE o.sequence_id = ? ORDER BY o.level",
			     sid, pay_position_json,
			     json_object_get(q, "positions"), e) != 0)
			return -1;
	}
	return 0;
}

/* Sequence id as an object; ERR_NOT_FOUND when there is none. */
static int pay_sequence_load(struct store *s, int64_t id, json_t **out,
			     struct err *e)
{
	json_t *items = json_array();
	*out = NULL;
	if (pay_sequences_load(s, id, items, e) != 0) {
		json_decref(items);
		return -1;
	}
	if (json_array_size(items) == 1)
		*out = json_incref(json_array_get(items, 0));
	json_decref(items);
	if (!*out)
		return err_set(e, ERR_NOT_FOUND, "not_found",
			       "there is no pay sequence %lld", (long long)id);
	return 0;
}

int pay_scale_get(struct app *a, json_t **out, struct err *e)
{
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = pay_sequences_load(s, 0, items, e);
	app_release(a, s);
	if (rc != 0) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o}", "sequences", items);
	return 0;
}

/* --- sequences and grades ------------------------------------------------ */

/* Text of 1..max characters of valid UTF-8, not only spaces. */
struct pay_write {
	const struct actor *who;
	const void *in;
	int64_t id;
	json_t *after;
};

static int pay_sequence_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct pay_write *c = vctx;
	const struct pay_sequence_input *in = c->in;
	enum pay_sequence q;
	char object[PAY_OBJECT_MAX];
	int64_t n = 0;
	pay_sequence_parse(in->code, &q);
	struct store_value dup[] = { STORE_T(pay_sequence_name(q)) };
	if (store_int(s, "SELECT count(*) FROM pay_sequence WHERE code = ?",
		      dup, 1, &n, e) != 0)
		return -1;
	if (n)
		return err_set_at(e, ERR_CONFLICT, "duplicate_sequence", "code",
				  "there is a %s sequence already",
				  pay_sequence_noun(q));
	if (store_next_id(s, "pay_sequence", &c->id, e) != 0)
		return -1;
	struct store_value v[] = {
		STORE_I(c->id), STORE_T(pay_sequence_name(q)),
		STORE_T(in->name ? in->name : pay_sequence_name_zh(q)),
		STORE_I((int)q + 1) };
	if (store_run(s, "INSERT INTO pay_sequence (id, code, name, ord) "
			 "VALUES (?, ?, ?, ?)", v, 4, NULL, e) != 0 ||
	    pay_sequence_load(s, c->id, &c->after, e) != 0)
		return -1;
	snprintf(object, sizeof object, "pay_sequence:%lld", (long long)c->id);
	return audit_log_append(s, c->who, "pay.sequence_add", object, NULL,
				c->after, e);
}

int pay_sequence_add(struct app *a, const struct actor *who,
		     const struct pay_sequence_input *in, json_t **out,
		     struct err *e)
{
	struct pay_write c = { .who = who, .in = in };
	enum pay_sequence q;
	if (!in->code || pay_sequence_parse(in->code, &q) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "code",
				  "the sequence is civilian (文职), technical "
				  "(技术) or other (其它)");
	if (in->name && app_text_named(in->name, "name", "sequence's name",
				       PAY_NAME_MAX, e) != 0)
		return -1;
	if (app_tx(a, pay_sequence_add_tx, &c, e) != 0) {
		json_decref(c.after);
		return -1;
	}
	*out = c.after;
	return 0;
}

/* A position of the sequence whose range reaches beyond n grades. */
static int pay_grades_fit(struct store *s, int64_t sequence, size_t n,
			  struct err *e)
{
	struct store_value v[] = { STORE_I(sequence), STORE_I((int64_t)n) };
	struct store_stmt *st;
	if (store_query(s, "SELECT name, level, min_grade, max_grade FROM "
			   "position WHERE sequence_id = ? AND negotiated = 0 "
			   "AND max_grade > ? ORDER BY level LIMIT 1", v, 2, &st,
			e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1)
		err_set_at(e, ERR_CONFLICT, "position_out_of_range", "grades",
			   "the position %s (level %lld) has grades %lld to "
			   "%lld, and the new list has %zu: change the "
			   "position's range first", store_col_text(st, 0),
			   (long long)store_col_int(st, 1),
			   (long long)store_col_int(st, 2),
			   (long long)store_col_int(st, 3), n);
	store_finish(st);
	return r == 0 ? 0 : -1;
}

static int pay_grades_tx(struct store *s, void *vctx, struct err *e)
{
	struct pay_write *c = vctx;
	const struct pay_grades_input *in = c->in;
	struct store_value id[] = { STORE_I(in->sequence_id) };
	char object[PAY_OBJECT_MAX];
	json_t *before = NULL;
	int rc = -1;
	if (pay_sequence_load(s, in->sequence_id, &before, e) != 0 ||
	    pay_grades_fit(s, in->sequence_id, in->n, e) != 0 ||
	    store_run(s, "DELETE FROM pay_grade WHERE sequence_id = ?", id, 1,
		      NULL, e) != 0)
		goto out;
	for (size_t i = 0; i < in->n; i++) {
		struct store_value v[] = { STORE_I(in->sequence_id),
					   STORE_I(in->grades[i].grade),
					   STORE_I(in->grades[i].monthly_fen) };
		if (store_run(s, "INSERT INTO pay_grade (sequence_id, grade, "
				 "monthly_fen) VALUES (?, ?, ?)", v, 3, NULL,
			      e) != 0)
			goto out;
	}
	if (pay_sequence_load(s, in->sequence_id, &c->after, e) != 0)
		goto out;
	snprintf(object, sizeof object, "pay_sequence:%lld",
		 (long long)in->sequence_id);
	rc = audit_log_append(s, c->who, "pay.grades_set", object,
			      json_object_get(before, "grades"),
			      json_object_get(c->after, "grades"), e);
out:
	json_decref(before);
	return rc;
}

int pay_grades_set(struct app *a, const struct actor *who,
		   const struct pay_grades_input *in, json_t **out,
		   struct err *e)
{
	struct pay_write c = { .who = who, .in = in };
	if (pay_check_grades(in->grades, in->n, e) != 0 ||
	    app_tx(a, pay_grades_tx, &c, e) != 0) {
		json_decref(c.after);
		return -1;
	}
	*out = c.after;
	return 0;
}

/* --- positions ----------------------------------------------------------- */

/* A position as read from the table, for core/pay's checks. */
struct pay_position_row {
	int64_t id, sequence_id;
	char name[PAY_NAME_BYTES];
	struct pay_position p; /* p.name points at name */
};

/* Position id into *out; ERR_INVALID "unknown_position" (field) or
 * ERR_NOT_FOUND (field NULL) when there is none. */
static int pay_position_read(struct store *s, int64_t id, const char *field,
			     struct pay_position_row *out, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	if (store_query(s, "SELECT sequence_id, name, level, negotiated, "
			   "coalesce(min_grade, 0), coalesce(max_grade, 0), "
			   "comparable_rank FROM position WHERE id = ?", v, 1,
			&st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		out->id = id;
		out->sequence_id = store_col_int(st, 0);
		snprintf(out->name, sizeof out->name, "%s",
			 store_col_text(st, 1));
		out->p = (struct pay_position){
			out->name, store_col_int(st, 2),
			store_col_int(st, 3) != 0, store_col_int(st, 4),
			store_col_int(st, 5), !store_col_null(st, 6) };
	}
	store_finish(st);
	if (r == 0 && field)
		return err_set_at(e, ERR_INVALID, "unknown_position", field,
				  "there is no position %lld", (long long)id);
	if (r == 0)
		return err_set(e, ERR_NOT_FOUND, "not_found",
			       "there is no position %lld", (long long)id);
	return r < 0 ? -1 : 0;
}

/* The input as core/pay sees it, with the rank's id (NULL: none). */
static int pay_position_parse(const struct pay_position_input *in,
			      struct pay_position *p, const char **rank,
			      struct err *e)
{
	enum staffing_rank r;
	*rank = NULL;
	if (in->comparable_rank) {
		if (staffing_rank_parse(in->comparable_rank, &r) != 0)
			return err_set_at(e, ERR_INVALID, "invalid_field",
					  "comparable_rank", "the rank "
					  "'%.40s' is not a civil-servant rank "
					  "(e.g. principal_4, 四级主任科员)",
					  in->comparable_rank);
		*rank = staffing_rank_name(r);
	}
	*p = (struct pay_position){ in->name, in->level, in->negotiated,
				    in->min_grade, in->max_grade,
				    *rank != NULL };
	return app_text_named(in->name, "name", "position's name",
			      PAY_NAME_MAX, e);
}

/* The level is free in the sequence, and negotiated pay sits above
 * every graded position (self is the position's id; 0 for a new one). */
static int pay_position_place(struct store *s, int64_t sequence, int64_t self,
			      const struct pay_position *p, struct err *e)
{
	struct store_value v[] = { STORE_I(p->level), STORE_I(sequence),
				   STORE_I(self), STORE_I(p->level),
				   STORE_I(p->negotiated ? 0 : 1),
				   STORE_I(p->level), STORE_I(p->level) };
	struct store_stmt *st;
	/* The same level, or a graded position above a negotiated one:
	 * for a negotiated p a graded one above it, for a graded p a
	 * negotiated one below it. */
	if (store_query(s, "SELECT name, level, CASE WHEN level = ? THEN 1 "
			   "ELSE 0 END FROM position WHERE sequence_id = ? AND "
			   "id <> ? AND (level = ? OR (negotiated = ? AND "
			   "CASE WHEN negotiated = 0 THEN level > ? ELSE level "
			   "< ? END)) ORDER BY 3 DESC, level LIMIT 1", v, 7, &st,
			e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1 && store_col_int(st, 2))
		err_set_at(e, ERR_CONFLICT, "duplicate_level", "level",
			   "level %lld of the sequence is the position %s",
			   (long long)p->level, store_col_text(st, 0));
	else if (r == 1)
		err_set_at(e, ERR_CONFLICT, "level_order", "level",
			   "a position with negotiated pay sits above every "
			   "position paid by grade of its sequence, and %s "
			   "(%s) is at level %lld", store_col_text(st, 0),
			   p->negotiated ? "paid by grade" : "negotiated pay",
			   (long long)store_col_int(st, 1));
	store_finish(st);
	return r == 0 ? 0 : -1;
}

/* Every assignment of position id still fits p, else ERR_CONFLICT
 * "assignment_out_of_range" naming the first that does not. */
static int pay_position_keeps(struct store *s, int64_t id, bool was_negotiated,
			      const struct pay_position *p, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	struct err why = ERR_INIT;
	int r;
	if (store_query(s, "SELECT a.id, pe.name, a.start_date, "
			   "coalesce(a.pay_grade, 0), coalesce(a.negotiated_fen,"
			   " 0) FROM pay_assignment a JOIN employment e ON e.id "
			   "= a.employment_id JOIN person pe ON pe.id = "
			   "e.person_id WHERE a.position_id = ? ORDER BY "
			   "a.start_date, a.id", v, 1, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		struct pay_amount am = { store_col_int(st, 3),
					 store_col_int(st, 4) };
		if (pay_check_amount(p, &am, &why) == 0)
			continue;
		err_set_at(e, ERR_CONFLICT, "assignment_out_of_range",
			   p->negotiated != was_negotiated ? "negotiated"
			   : am.grade < p->min_grade ? "min_grade"
						     : "max_grade",
			   "the pay assignment %lld (%s, from %s) would no "
			   "longer fit the position: %s",
			   (long long)store_col_int(st, 0),
			   store_col_text(st, 1), store_col_text(st, 2),
			   why.msg);
		r = -1;
		break;
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* The checks of a position in sequence (self: its id, 0 when new). */
static int pay_position_check_in(struct store *s, int64_t sequence,
				 int64_t self, const struct pay_position *p,
				 struct err *e)
{
	struct store_value v[] = { STORE_I(sequence) };
	int64_t grades = 0;
	if (store_int(s, "SELECT count(*) FROM pay_grade WHERE sequence_id = ?",
		      v, 1, &grades, e) != 0 ||
	    pay_check_position(p, grades, e) != 0)
		return -1;
	return pay_position_place(s, sequence, self, p, e);
}

static int pay_position_write(struct store *s, int64_t id, int64_t sequence,
			      const struct pay_position *p, const char *rank,
			      bool insert, struct err *e)
{
	struct store_value v[] = {
		STORE_I(sequence), STORE_I(p->level), STORE_T(p->name),
		STORE_I(p->negotiated ? 1 : 0),
		p->negotiated ? STORE_NIL : STORE_I(p->min_grade),
		p->negotiated ? STORE_NIL : STORE_I(p->max_grade),
		STORE_T(rank), STORE_I(id) };
	return store_run(s, insert
		? "INSERT INTO position (sequence_id, level, name, negotiated, "
		  "min_grade, max_grade, comparable_rank, id) VALUES (?, ?, ?, "
		  "?, ?, ?, ?, ?)"
		: "UPDATE position SET sequence_id = ?, level = ?, name = ?, "
		  "negotiated = ?, min_grade = ?, max_grade = ?, "
		  "comparable_rank = ? WHERE id = ?", v, 8, NULL, e);
}

static int pay_position_load(struct store *s, int64_t id, json_t **out,
			     struct err *e)
{
	return app_load_one(s, "SELECT " PAY_POSITION_COLS PAY_POSITION_FROM
			       " WHERE o.id = ?", id, pay_position_row_fn, NULL,
			    "position", out, e);
}

static int pay_position_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct pay_write *c = vctx;
	const struct pay_position_input *in = c->in;
	struct store_value q[] = { STORE_I(in->sequence_id) };
	struct pay_position p;
	const char *rank;
	char object[PAY_OBJECT_MAX];
	int64_t n = 0;
	if (pay_position_parse(in, &p, &rank, e) != 0 ||
	    store_int(s, "SELECT count(*) FROM pay_sequence WHERE id = ?", q, 1,
		      &n, e) != 0)
		return -1;
	if (!n)
		return err_set_at(e, ERR_INVALID, "unknown_sequence",
				  "sequence_id", "there is no pay sequence "
				  "%lld", (long long)in->sequence_id);
	if (pay_position_check_in(s, in->sequence_id, 0, &p, e) != 0 ||
	    store_next_id(s, "position", &c->id, e) != 0 ||
	    pay_position_write(s, c->id, in->sequence_id, &p, rank, true,
			       e) != 0 ||
	    pay_position_load(s, c->id, &c->after, e) != 0)
		return -1;
	snprintf(object, sizeof object, "position:%lld", (long long)c->id);
	return audit_log_append(s, c->who, "pay.position_add", object, NULL,
				c->after, e);
}

static int pay_position_update_tx(struct store *s, void *vctx, struct err *e)
{
	struct pay_write *c = vctx;
	const struct pay_position_input *in = c->in;
	struct pay_position_row old;
	struct pay_position p;
	const char *rank;
	char object[PAY_OBJECT_MAX];
	json_t *before = NULL;
	int rc = -1;
	if (pay_position_read(s, in->id, NULL, &old, e) != 0 ||
	    pay_position_parse(in, &p, &rank, e) != 0 ||
	    pay_position_check_in(s, old.sequence_id, in->id, &p, e) != 0 ||
	    pay_position_keeps(s, in->id, old.p.negotiated, &p, e) != 0 ||
	    pay_position_load(s, in->id, &before, e) != 0 ||
	    pay_position_write(s, in->id, old.sequence_id, &p, rank, false,
			       e) != 0 ||
	    pay_position_load(s, in->id, &c->after, e) != 0)
		goto out;
	snprintf(object, sizeof object, "position:%lld", (long long)in->id);
	rc = audit_log_append(s, c->who, "pay.position_update", object, before,
			      c->after, e);
out:
	json_decref(before);
	return rc;
}

static int pay_position_run(struct app *a, const struct actor *who,
			    const struct pay_position_input *in,
			    store_tx_fn fn, json_t **out, struct err *e)
{
	struct pay_write c = { .who = who, .in = in };
	if (app_tx(a, fn, &c, e) != 0) {
		json_decref(c.after);
		return -1;
	}
	*out = c.after;
	return 0;
}

int pay_position_add(struct app *a, const struct actor *who,
		     const struct pay_position_input *in, json_t **out,
		     struct err *e)
{
	return pay_position_run(a, who, in, pay_position_add_tx, out, e);
}

int pay_position_update(struct app *a, const struct actor *who,
			const struct pay_position_input *in, json_t **out,
			struct err *e)
{
	return pay_position_run(a, who, in, pay_position_update_tx, out, e);
}

/* --- assignments --------------------------------------------------------- */

/* What an assignment input becomes once parsed. */
struct pay_new {
	const struct pay_assign_input *in;
	int start, end; /* yyyymmdd; end 0: open */
	char start_text[DAY_TEXT_LEN + 1], end_text[DAY_TEXT_LEN + 1];
	struct pay_amount amount;
};

static int pay_assign_parse(const struct pay_assign_input *in,
			    struct pay_new *n, struct err *e)
{
	memset(n, 0, sizeof *n);
	n->in = in;
	if (day_parse(in->start_date, &n->start) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "start_date",
				  "the start date is a real date written "
				  "yyyy-mm-dd, e.g. 2026-03-01");
	if (in->end_date && day_parse(in->end_date, &n->end) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "the end date is a real date written "
				  "yyyy-mm-dd, e.g. 2026-12-31");
	if (pay_check_period(n->start, n->end, e) != 0 ||
	    app_text_named(in->document, "document", "decision's document "
			   "number", ORG_DOCUMENT_MAX, e) != 0)
		return -1;
	day_format(n->start, n->start_text);
	if (n->end)
		day_format(n->end, n->end_text);
	n->amount = (struct pay_amount){ in->pay_grade, in->negotiated_fen };
	return 0;
}

/* The employment is a dispatched person's and the period lies within
 * its own (an open assignment runs to the employment's end). */
static int pay_assign_employment(struct store *s, const struct pay_new *n,
				 struct err *e)
{
	struct store_value v[] = { STORE_I(n->in->employment_id) };
	struct store_stmt *st;
	enum org_staff_type t = ORG_STAFF_DISPATCHED;
	char name[PAY_NAME_BYTES] = "", from[DAY_TEXT_LEN + 1] = "";
	char to[DAY_TEXT_LEN + 1] = "";
	int start = 0, end = 0;
	if (store_query(s, "SELECT e.staff_type, p.name, e.start_date, "
			   "e.end_date FROM employment e JOIN person p ON p.id "
			   "= e.person_id WHERE e.id = ?", v, 1, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		org_staff_type_parse(store_col_text(st, 0), &t);
		snprintf(name, sizeof name, "%s", store_col_text(st, 1));
		snprintf(from, sizeof from, "%s", store_col_text(st, 2));
		if (!store_col_null(st, 3))
			snprintf(to, sizeof to, "%s", store_col_text(st, 3));
	}
	store_finish(st);
	if (r < 0)
		return -1;
	if (r == 0)
		return err_set_at(e, ERR_INVALID, "unknown_employment",
				  "employment_id", "there is no employment "
				  "%lld", (long long)n->in->employment_id);
	if (t != ORG_STAFF_DISPATCHED)
		return err_set_at(e, ERR_INVALID, "not_dispatched",
				  "employment_id", "the employment %lld of %s "
				  "is of a %s: the pay scale is for dispatched "
				  "staff (in-system pay is the employment's "
				  "monthly_pay_fen)",
				  (long long)n->in->employment_id, name,
				  org_staff_type_noun(t));
	day_parse(from, &start);
	if (to[0])
		day_parse(to, &end);
	if (n->start < start || (end && n->start > end) ||
	    (end && n->end > end))
		return err_set_at(e, ERR_INVALID, "outside_employment",
				  n->start < start || (end && n->start > end)
					  ? "start_date" : "end_date",
				  "the employment %lld of %s runs from %s to "
				  "%s: the assignment lies within it",
				  (long long)n->in->employment_id, name, from,
				  to[0] ? to : "now");
	return 0;
}

/* The employment's latest assignment: it must start before the new one,
 * which ends it on the day before when it is open or ends later. *before
 * is that assignment as it was when it was ended, else NULL. */
static int pay_assign_follow(struct store *s, const struct pay_new *n,
			     json_t **before, struct err *e)
{
	struct store_value v[] = { STORE_T(n->start_text),
				   STORE_I(n->in->employment_id) };
	struct store_stmt *st;
	char last[DAY_TEXT_LEN + 1] = "", until[DAY_TEXT_LEN + 1];
	int64_t id = 0;
	bool later = false;
	*before = NULL;
	if (store_query(s, "SELECT id, start_date, CASE WHEN end_date IS NULL "
			   "OR end_date >= ? THEN 1 ELSE 0 END FROM "
			   "pay_assignment WHERE employment_id = ? ORDER BY "
			   "start_date DESC, id DESC LIMIT 1", v, 2, &st,
			e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		id = store_col_int(st, 0);
		snprintf(last, sizeof last, "%s", store_col_text(st, 1));
		later = store_col_int(st, 2) != 0;
	}
	store_finish(st);
	if (r <= 0)
		return r;
	if (strcmp(n->start_text, last) <= 0)
		return err_set_at(e, ERR_CONFLICT, "not_after_latest",
				  "start_date", "the employment's latest pay "
				  "assignment (%lld) starts on %s: a new one "
				  "starts after that day", (long long)id, last);
	if (!later)
		return 0;
	day_format(day_add(n->start, -1), until);
	struct store_value u[] = { STORE_T(until), STORE_I(id) };
	if (pay_assignment_load(s, id, before, e) != 0)
		return -1;
	return store_run(s, "UPDATE pay_assignment SET end_date = ? WHERE id "
			 "= ?", u, 2, NULL, e);
}

static int pay_assign_insert(struct store *s, const struct pay_new *n,
			     int64_t id, struct err *e)
{
	char now[WALLCLOCK_ISO_LEN];
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = {
		STORE_I(id), STORE_I(n->in->employment_id),
		STORE_I(n->in->position_id),
		n->amount.grade ? STORE_I(n->amount.grade) : STORE_NIL,
		n->amount.negotiated_fen ? STORE_I(n->amount.negotiated_fen)
					 : STORE_NIL,
		STORE_T(n->start_text),
		n->end ? STORE_T(n->end_text) : STORE_NIL,
		STORE_T(n->in->document), STORE_T(now) };
	return store_run(s, "INSERT INTO pay_assignment (id, employment_id, "
			 "position_id, pay_grade, negotiated_fen, start_date, "
			 "end_date, document, created_at) VALUES (?, ?, ?, ?, "
			 "?, ?, ?, ?, ?)", v, 9, NULL, e);
}

/* The record pay.assign: before, the previous assignment as it was when
 * this one ended it (else null); after, this one and the previous as it
 * is now. */
static int pay_assign_audit(struct store *s, const struct actor *who,
			    int64_t id, const json_t *previous, struct err *e)
{
	char object[PAY_OBJECT_MAX];
	json_t *now = NULL, *prev = NULL, *before = NULL, *after = NULL;
	json_int_t pid = json_integer_value(json_object_get(previous, "id"));
	int rc = -1;
	if (pay_assignment_load(s, id, &now, e) != 0 ||
	    (previous && pay_assignment_load(s, pid, &prev, e) != 0))
		goto out;
	if (previous)
		before = json_pack("{s:O}", "previous", previous);
	after = json_pack("{s:O,s:O}", "assignment", now, "previous",
			  prev ? prev : json_null());
	snprintf(object, sizeof object, "pay_assignment:%lld", (long long)id);
	rc = audit_log_append(s, who, "pay.assign", object, before, after, e);
out:
	json_decref(now);
	json_decref(prev);
	json_decref(before);
	json_decref(after);
	return rc;
}

int pay_assign_in(struct store *s, const struct actor *who,
		  const struct pay_assign_input *in, int64_t *id,
		  struct err *e)
{
	struct pay_new n;
	struct pay_position_row pos;
	json_t *previous = NULL;
	int rc = -1;
	if (pay_assign_parse(in, &n, e) != 0 ||
	    pay_assign_employment(s, &n, e) != 0 ||
	    pay_position_read(s, in->position_id, "position_id", &pos, e) ||
	    pay_check_amount(&pos.p, &n.amount, e) != 0 ||
	    pay_assign_follow(s, &n, &previous, e) != 0 ||
	    store_next_id(s, "pay_assignment", id, e) != 0 ||
	    pay_assign_insert(s, &n, *id, e) != 0)
		goto out;
	rc = pay_assign_audit(s, who, *id, previous, e);
out:
	json_decref(previous);
	return rc;
}

struct pay_assign_ctx {
	const struct actor *who;
	const struct pay_assign_input *in;
	int64_t id;
};

static int pay_assign_tx(struct store *s, void *vctx, struct err *e)
{
	struct pay_assign_ctx *c = vctx;
	return pay_assign_in(s, c->who, c->in, &c->id, e);
}

int pay_assign(struct app *a, const struct actor *who,
	       const struct pay_assign_input *in, json_t **out,
	       struct err *e)
{
	struct pay_assign_ctx c = { .who = who, .in = in };
	if (app_tx(a, pay_assign_tx, &c, e) != 0)
		return -1;
	struct store *s = app_acquire(a);
	int rc = pay_assignment_load(s, c.id, out, e);
	app_release(a, s);
	return rc;
}

int pay_assignments_list(struct app *a, const struct pay_assignments_query *q,
			 json_t **out, struct err *e)
{
	struct buf where = BUF_INIT, sql = BUF_INIT;
	struct store_value args[2];
	struct store_stmt *st;
	size_t n = 0;
	int64_t total = 0;
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = -1, r;
	if (q->employment_id) {
		buf_puts(&where, " AND a.employment_id = ?");
		args[n++] = STORE_I(q->employment_id);
	}
	if (q->person_id) {
		buf_puts(&where, " AND e.person_id = ?");
		args[n++] = STORE_I(q->person_id);
	}
	buf_printf(&sql, "SELECT count(*)" PAY_ASSIGNMENT_FROM " WHERE 1 = 1%s",
		   buf_str(&where));
	if (store_int(s, buf_str(&sql), args, n, &total, e) != 0)
		goto out;
	buf_reset(&sql);
	buf_printf(&sql, "SELECT " PAY_ASSIGNMENT_COLS PAY_ASSIGNMENT_FROM
		   " WHERE 1 = 1%s ORDER BY a.start_date DESC, a.id DESC LIMIT "
		   "%lld OFFSET %lld", buf_str(&where), (long long)q->limit,
		   (long long)q->offset);
	if (store_query(s, buf_str(&sql), args, n, &st, e) != 0)
		goto out;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(items, pay_assignment_json(st));
	store_finish(st);
	if (r < 0)
		goto out;
	*out = app_page(items, total, q->offset, q->limit);
	items = NULL;
	rc = 0;
out:
	app_release(a, s);
	json_decref(items);
	buf_free(&where);
	buf_free(&sql);
	return rc;
}

/* --- the pay-parity report ----------------------------------------------- */

/* The figures of the first column of sql's rows. */
static int pay_figures(struct store *s, const char *sql,
		       const struct store_value *v, size_t nv,
		       struct pay_stats *out, struct err *e)
{
	struct store_stmt *st;
	int64_t *values = NULL;
	size_t n = 0, cap = 0;
	int r;
	if (store_query(s, sql, v, nv, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			values = xrealloc(values, cap * sizeof *values);
		}
		values[n++] = store_col_int(st, 0);
	}
	store_finish(st);
	if (r == 0)
		pay_stats(values, n, out);
	free(values);
	return r < 0 ? -1 : 0;
}

static json_t *pay_stats_json(const struct pay_stats *st)
{
	if (!st->count)
		return json_pack("{s:i,s:n,s:n,s:n}", "count", 0, "min_fen",
				 "median_fen", "max_fen");
	return json_pack("{s:I,s:I,s:I,s:I}", "count", (json_int_t)st->count,
			 "min_fen", (json_int_t)st->min,
			 "median_fen", (json_int_t)st->median,
			 "max_fen", (json_int_t)st->max);
}

static json_t *pay_parity_position(struct store_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:I}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "name", store_col_text(st, 1),
			 "sequence", store_col_text(st, 2),
			 "level", (json_int_t)store_col_int(st, 3));
}

/* The in-system and dispatched figures of rank r on day. */
static int pay_parity_sides(struct store *s, enum staffing_rank r,
			    const char *day, struct pay_stats out[2],
			    struct err *e)
{
	const char *rank = staffing_rank_name(r);
	struct store_value in[] = {
		STORE_T(rank),
		STORE_T(org_staff_type_name(ORG_STAFF_CIVIL_SERVANT)),
		STORE_T(org_staff_type_name(ORG_STAFF_PUBLIC_INSTITUTION)),
		STORE_T(org_staff_type_name(ORG_STAFF_SELF_SET)),
		STORE_T(day), STORE_T(day) };
	struct store_value out_v[] = { STORE_T(rank), STORE_T(day),
				       STORE_T(day), STORE_T(day),
				       STORE_T(day) };
	if (pay_figures(s, "SELECT e.monthly_pay_fen FROM employment e WHERE "
			   "e.rank = ? AND e.staff_type IN (?, ?, ?) AND "
			   "e.concurrent = 0 AND e.monthly_pay_fen IS NOT NULL "
			   "AND e.start_date <= ? AND (e.end_date IS NULL OR "
			   "e.end_date >= ?)", in, 6, &out[0], e) != 0)
		return -1;
	return pay_figures(s, "SELECT g.monthly_fen FROM pay_assignment a JOIN "
			      "employment e ON e.id = a.employment_id JOIN "
			      "position o ON o.id = a.position_id JOIN "
			      "pay_grade g ON g.sequence_id = o.sequence_id AND "
			      "g.grade = a.pay_grade WHERE o.comparable_rank = "
			      "? AND o.negotiated = 0 AND " PAY_ACTIVE, out_v,
			   5, &out[1], e);
}

/* The row of rank r, or *row NULL when no position compares with it. */
static int pay_parity_row(struct store *s, enum staffing_rank r,
			  const char *day, json_t **row, struct err *e)
{
	struct store_value v[] = { STORE_T(staffing_rank_name(r)) };
	struct store_stmt *st;
	struct pay_stats side[2];
	json_t *positions = json_array();
	int rc;
	*row = NULL;
	if (store_query(s, "SELECT o.id, o.name, s.code, o.level"
			   PAY_POSITION_FROM " WHERE o.comparable_rank = ? AND "
			   "o.negotiated = 0 ORDER BY s.ord, o.level", v, 1, &st,
			e) != 0)
		goto fail;
	while ((rc = store_step(st, e)) == 1)
		json_array_append_new(positions, pay_parity_position(st));
	store_finish(st);
	if (rc < 0)
		goto fail;
	if (json_array_size(positions) == 0) {
		json_decref(positions);
		return 0;
	}
	if (pay_parity_sides(s, r, day, side, e) != 0)
		goto fail;
	*row = json_pack("{s:s,s:s,s:o,s:o,s:o}", "rank",
			 staffing_rank_name(r), "rank_name",
			 staffing_rank_name_zh(r), "positions", positions,
			 "in_system", pay_stats_json(&side[0]), "dispatched",
			 pay_stats_json(&side[1]));
	json_object_set_new(*row, "median_difference_fen",
			    side[0].count && side[1].count
				    ? json_integer(side[1].median -
						   side[0].median)
				    : json_null());
	return 0;
fail:
	json_decref(positions);
	return -1;
}

/* A row per position with negotiated pay, appended to rows. */
static int pay_parity_negotiated(struct store *s, const char *day,
				 json_t *rows, struct err *e)
{
	size_t i;
	json_t *row;
	if (pay_rows(s, "SELECT o.id, o.name, s.code, o.level"
			PAY_POSITION_FROM " WHERE o.negotiated = ? ORDER BY "
			"s.ord, o.level", 1, pay_parity_position, rows, e) != 0)
		return -1;
	json_array_foreach(rows, i, row) {
		struct pay_stats st;
		json_int_t id = json_integer_value(json_object_get(row, "id"));
		struct store_value v[] = { STORE_I(id), STORE_T(day),
					   STORE_T(day), STORE_T(day),
					   STORE_T(day) };
		if (pay_figures(s, "SELECT a.negotiated_fen FROM pay_assignment "
				   "a JOIN employment e ON e.id = "
				   "a.employment_id WHERE a.position_id = ? AND "
				   "a.negotiated_fen IS NOT NULL AND "
				   PAY_ACTIVE, v, 5, &st, e) != 0)
			return -1;
		json_object_set_new(row, "dispatched", pay_stats_json(&st));
	}
	return 0;
}

static int pay_parity_build(struct store *s, const char *day, json_t *rows,
			    json_t *negotiated, struct err *e)
{
	for (int r = 0; r < STAFFING_RANK_COUNT; r++) {
		json_t *row;
		if (pay_parity_row(s, (enum staffing_rank)r, day, &row, e))
			return -1;
		if (row)
			json_array_append_new(rows, row);
	}
	return pay_parity_negotiated(s, day, negotiated, e);
}

int pay_parity(struct app *a, const char *date, json_t **out, struct err *e)
{
	char day[DAY_TEXT_LEN + 1];
	int ymd = wallclock_today();
	if (date && day_parse(date, &ymd) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "date",
				  "the date is a real date written "
				  "yyyy-mm-dd, e.g. 2026-06-30");
	day_format(ymd, day);
	json_t *rows = json_array(), *negotiated = json_array();
	struct store *s = app_acquire(a);
	int rc = pay_parity_build(s, day, rows, negotiated, e);
	app_release(a, s);
	if (rc != 0) {
		json_decref(rows);
		json_decref(negotiated);
		return -1;
	}
	*out = json_pack("{s:s,s:o,s:o}", "date", day, "rows", rows,
			 "negotiated", negotiated);
	return 0;
}

int pay_position_find(struct store *s, const char *sequence,
		      const char *position, const char *field, int64_t *out,
		      struct err *e)
{
	enum pay_sequence q;
	struct err ignore = ERR_INIT;
	if (!sequence || pay_sequence_parse(sequence, &q) != 0)
		return err_set_at(e, ERR_INVALID, "unknown_sequence", "sequence",
				  "the sequence is 文职, 技术 or 其它 (civilian, "
				  "technical, other)");
	struct store_value v[] = { STORE_T(pay_sequence_name(q)),
				   STORE_T(position ? position : "") };
	if (store_int(s, "SELECT o.id FROM position o JOIN pay_sequence s ON "
			 "s.id = o.sequence_id WHERE s.code = ?1 AND (o.name = "
			 "?2 OR CAST(o.level AS TEXT) = ?2)", v, 2, out,
		      &ignore) == 0)
		return 0;
	if (ignore.code != ERR_NOT_FOUND) {
		*e = ignore;
		return -1;
	}
	return err_set_at(e, ERR_INVALID, "unknown_position", field,
			  "the %s sequence has no position '%.60s'",
			  pay_sequence_name_zh(q), position ? position : "");
}
