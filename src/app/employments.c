/* employments: the employment table and the checks that need the
 * database (overlaps, contracts, quotas). The rules themselves are
 * core/staffing's and core/org's. Dates are stored yyyy-mm-dd, so text
 * comparison in SQL is date order. */
#include "employments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit_log.h"
#include "app/units.h"
#include "base/buf.h"
#include "base/wallclock.h"
#include "base/xmalloc.h"
#include "core/day.h"
#include "core/org.h"
#include "core/staffing.h"

#define EMPLOYMENTS_OBJECT_MAX 40 /* "employment:<id>" */
#define EMPLOYMENTS_COLS "e.id, e.person_id, p.name, e.unit_id, u.name, " \
	"e.staff_type, e.title, e.post_level, e.rank, e.concurrent, " \
	"e.contract_id, e.monthly_pay_fen, e.start_date, e.start_document, " \
	"e.end_date, e.end_document, e.over_quota_reason, e.created_at, " \
	"e.updated_at"
#define EMPLOYMENTS_FROM " FROM employment e JOIN person p ON p.id = " \
	"e.person_id JOIN unit u ON u.id = e.unit_id"
/* An active employment on the day bound twice (as text). */
#define EMPLOYMENTS_ACTIVE "e.start_date <= ? AND (e.end_date IS NULL OR " \
	"e.end_date >= ?)"

static void employments_object(int64_t id, char out[EMPLOYMENTS_OBJECT_MAX])
{
	snprintf(out, EMPLOYMENTS_OBJECT_MAX, "employment:%lld", (long long)id);
}

/* A row of SELECT EMPLOYMENTS_COLS as JSON. */
static json_t *employments_json(struct store_stmt *st)
{
	json_t *o = json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:o,s:o,s:b}",
			      "id", (json_int_t)store_col_int(st, 0),
			      "person_id", (json_int_t)store_col_int(st, 1),
			      "person_name", store_col_text(st, 2),
			      "unit_id", (json_int_t)store_col_int(st, 3),
			      "unit_name", store_col_text(st, 4),
			      "staff_type", store_col_text(st, 5),
			      "title", store_col_text(st, 6),
			      "post_level", app_col_text(st, 7),
			      "rank", app_col_text(st, 8),
			      "concurrent", store_col_int(st, 9) != 0);
	json_object_set_new(o, "contract_id", app_col_int(st, 10));
	json_object_set_new(o, "monthly_pay_fen", app_col_int(st, 11));
	json_object_set_new(o, "start_date", app_col_text(st, 12));
	json_object_set_new(o, "start_document", app_col_text(st, 13));
	json_object_set_new(o, "end_date", app_col_text(st, 14));
	json_object_set_new(o, "end_document", app_col_text(st, 15));
	json_object_set_new(o, "over_quota_reason", app_col_text(st, 16));
	json_object_set_new(o, "created_at", app_col_text(st, 17));
	json_object_set_new(o, "updated_at", app_col_text(st, 18));
	return o;
}

static json_t *employments_row_fn(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	return employments_json(st);
}

static int employments_load(struct store *s, int64_t id, json_t **out,
			    struct err *e)
{
	return app_load_one(s, "SELECT " EMPLOYMENTS_COLS EMPLOYMENTS_FROM
			       " WHERE e.id = ?", id, employments_row_fn, NULL,
			    "employment", out, e);
}

/* The WHERE tail of q and its arguments (at most 5); today as text. */
static size_t employments_where(const struct employments_query *q,
				const char *today, struct buf *sql,
				struct store_value *args)
{
	size_t n = 0;
	if (q->person_id) {
		buf_puts(sql, " AND e.person_id = ?");
		args[n++] = STORE_I(q->person_id);
	}
	if (q->unit_id) {
		buf_puts(sql, " AND e.unit_id = ?");
		args[n++] = STORE_I(q->unit_id);
	}
	if (q->contract_id) {
		buf_puts(sql, " AND e.contract_id = ?");
		args[n++] = STORE_I(q->contract_id);
	}
	if (q->current) {
		buf_puts(sql, " AND " EMPLOYMENTS_ACTIVE);
		args[n++] = STORE_T(today);
		args[n++] = STORE_T(today);
	}
	return n;
}

static void employments_today(char out[DAY_TEXT_LEN + 1])
{
	day_format(wallclock_today(), out);
}

int employments_list(struct app *a, int64_t scope,
		     const struct employments_query *q, json_t **out,
		     struct err *e)
{
	struct buf where = BUF_INIT, sql = BUF_INIT;
	struct store_value args[5];
	char today[DAY_TEXT_LEN + 1];
	struct store_stmt *st;
	int64_t total = 0;
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = -1, r;
	employments_today(today);
	size_t n = employments_where(q, today, &where, args);
	if (units_scope_sql(s, scope, "e.unit_id", &where, e) != 0)
		goto out;
	buf_printf(&sql, "SELECT count(*)" EMPLOYMENTS_FROM " WHERE 1 = 1%s",
		   buf_str(&where));
	if (store_int(s, buf_str(&sql), args, n, &total, e) != 0)
		goto out;
	buf_reset(&sql);
	buf_printf(&sql, "SELECT " EMPLOYMENTS_COLS EMPLOYMENTS_FROM " WHERE "
		   "1 = 1%s ORDER BY e.start_date DESC, e.id DESC LIMIT %lld "
		   "OFFSET %lld", buf_str(&where), (long long)q->limit,
		   (long long)q->offset);
	if (store_query(s, buf_str(&sql), args, n, &st, e) != 0)
		goto out;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(items, employments_json(st));
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

int employments_get(struct app *a, int64_t scope, int64_t id, json_t **out,
		    struct err *e)
{
	struct buf sql = BUF_INIT;
	struct store_value arg[] = { STORE_I(id) };
	struct store_stmt *st;
	struct store *s = app_acquire(a);
	int rc = -1, r;
	buf_puts(&sql, "SELECT " EMPLOYMENTS_COLS EMPLOYMENTS_FROM
		 " WHERE e.id = ?");
	if (units_scope_sql(s, scope, "e.unit_id", &sql, e) != 0 ||
	    store_query(s, buf_str(&sql), arg, 1, &st, e) != 0)
		goto out;
	r = store_step(st, e);
	if (r == 1)
		*out = employments_json(st);
	store_finish(st);
	if (r == 0)
		err_set(e, ERR_NOT_FOUND, "not_found",
			"there is no employment %lld", (long long)id);
	rc = r == 1 ? 0 : -1;
out:
	app_release(a, s);
	buf_free(&sql);
	return rc;
}

/* --- checks ------------------------------------------------------------ */

/* What an input becomes once parsed: the core's view and the texts. */
struct employments_new {
	const struct employments_input *in;
	struct staffing_employment m;
	char start[DAY_TEXT_LEN + 1], end[DAY_TEXT_LEN + 1]; /* end "" open */
	const char *reason; /* stored: over a quota only */
};

/* Text of 1..max characters of valid UTF-8, not only spaces. */
static int employments_parse_names(const struct employments_input *in,
				   struct staffing_employment *m,
				   struct err *e)
{
	if (!in->staff_type || org_staff_type_parse(in->staff_type,
						    &m->staff_type) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "staff_type",
				  "the staff type is civil_servant, "
				  "public_institution, self_set, dispatched, "
				  "social_worker or seconded");
	m->has_post = in->post_level != NULL;
	if (m->has_post && org_level_parse(in->post_level, &m->post_level))
		return err_set_at(e, ERR_INVALID, "invalid_field", "post_level",
				  "the post level is bureau_chief, "
				  "bureau_deputy, division_chief, "
				  "division_deputy, section_chief or "
				  "section_deputy");
	m->rank = STAFFING_RANK_NONE;
	if (in->rank && staffing_rank_parse(in->rank, &m->rank) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "rank",
				  "the rank '%.40s' is not a civil-servant "
				  "rank (e.g. principal_4, 四级主任科员)",
				  in->rank);
	return 0;
}

static int employments_parse_dates(const struct employments_input *in,
				   struct employments_new *n, struct err *e)
{
	if (day_parse(in->start_date, &n->m.start) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "start_date",
				  "the start date is a real date written "
				  "yyyy-mm-dd, e.g. 2024-03-01");
	n->m.end = 0;
	if (in->end_date && day_parse(in->end_date, &n->m.end) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "the end date is a real date written "
				  "yyyy-mm-dd, e.g. 2026-12-31");
	day_format(n->m.start, n->start);
	n->end[0] = '\0';
	if (n->m.end)
		day_format(n->m.end, n->end);
	return 0;
}

static int employments_parse(const struct employments_input *in,
			     struct employments_new *n, struct err *e)
{
	memset(n, 0, sizeof *n);
	n->in = in;
	if (employments_parse_names(in, &n->m, e) != 0 ||
	    employments_parse_dates(in, n, e) != 0 ||
	    app_text_named(in->title, "title", "post's title",
				   STAFFING_TITLE_MAX, e) != 0 ||
	    app_text_named(in->start_document, "start_document",
				   "appointment's document number",
				   ORG_DOCUMENT_MAX, e) != 0)
		return -1;
	n->m.concurrent = in->concurrent;
	n->m.has_contract = in->contract_id != 0;
	n->m.monthly_pay_fen = in->monthly_pay_fen;
	return staffing_employment_check(&n->m, e);
}

/* The person and the unit exist; the unit's name into *name (a new
 * string, free with free). */
static int employments_check_refs(struct store *s,
				  const struct employments_input *in,
				  char **name, struct err *e)
{
	struct store_value p[] = { STORE_I(in->person_id) };
	struct store_value q[] = { STORE_I(in->unit_id) };
	struct store_stmt *st;
	int64_t found = 0;
	if (store_int(s, "SELECT count(*) FROM person WHERE id = ?", p, 1,
		      &found, e) != 0)
		return -1;
	if (!found)
		return err_set_at(e, ERR_INVALID, "unknown_person", "person_id",
				  "there is no person %lld",
				  (long long)in->person_id);
	if (store_query(s, "SELECT name FROM unit WHERE id = ?", q, 1, &st,
			e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1)
		*name = xstrdup(store_col_text(st, 0));
	store_finish(st);
	if (r == 0)
		return err_set_at(e, ERR_INVALID, "unknown_unit", "unit_id",
				  "there is no unit %lld",
				  (long long)in->unit_id);
	return r < 0 ? -1 : 0;
}

/* A main employment may not overlap another main one of the person. */
static int employments_check_overlap(struct store *s,
				     const struct employments_new *n,
				     struct err *e)
{
	struct store_value v[] = { STORE_I(n->in->person_id),
				   STORE_T(n->end[0] ? n->end : "9999-12-31"),
				   STORE_T(n->start) };
	struct store_stmt *st;
	if (n->m.concurrent)
		return 0;
	if (store_query(s, "SELECT e.id, u.name, e.title, e.start_date, "
			   "e.end_date FROM employment e JOIN unit u ON u.id = "
			   "e.unit_id WHERE e.person_id = ? AND e.concurrent = 0"
			   " AND e.start_date <= ? AND (e.end_date IS NULL OR "
			   "e.end_date >= ?) LIMIT 1", v, 3, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1)
		err_set_at(e, ERR_CONFLICT, "overlapping_employment",
			   "start_date", "the person holds employment %lld "
			   "(%s, %s) from %s to %s in that time; end it first, "
			   "or make this one concurrent (兼任)",
			   (long long)store_col_int(st, 0),
			   store_col_text(st, 1), store_col_text(st, 2),
			   store_col_text(st, 3),
			   store_col_null(st, 4) ? "now"
						 : store_col_text(st, 4));
	store_finish(st);
	return r == 0 ? 0 : -1;
}

/* The number of employments on contract id active on day. */
static int employments_count_on(struct store *s, const char *where,
				int64_t id, const char *day, int64_t *out,
				struct err *e)
{
	struct buf sql = BUF_INIT;
	struct store_value v[] = { STORE_I(id), STORE_T(day), STORE_T(day) };
	buf_printf(&sql, "SELECT count(*) FROM employment e WHERE %s AND "
		   EMPLOYMENTS_ACTIVE, where);
	int rc = store_int(s, buf_str(&sql), v, 3, out, e);
	buf_free(&sql);
	return rc;
}

static int employments_check_contract(struct store *s,
				      const struct employments_new *n,
				      struct err *e)
{
	struct store_value v[] = { STORE_I(n->in->contract_id) };
	struct staffing_contract c = { 0 };
	struct store_stmt *st;
	char document[ORG_DOCUMENT_MAX + 1] = "";
	int64_t buyer = 0, filled = 0;
	bool under;
	if (!n->m.has_contract)
		return 0;
	if (store_query(s, "SELECT unit_id, staff_type, document, headcount, "
			   "start_date, end_date FROM service_contract WHERE "
			   "id = ?", v, 1, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		buyer = store_col_int(st, 0);
		org_staff_type_parse(store_col_text(st, 1), &c.staff_type);
		snprintf(document, sizeof document, "%s", store_col_text(st, 2));
		c.headcount = store_col_int(st, 3);
		day_parse(store_col_text(st, 4), &c.start);
		day_parse(store_col_text(st, 5), &c.end);
	}
	store_finish(st);
	if (r < 0)
		return -1;
	if (r == 0)
		return err_set_at(e, ERR_INVALID, "unknown_contract",
				  "contract_id", "there is no service contract "
				  "%lld", (long long)n->in->contract_id);
	if (c.staff_type != n->m.staff_type)
		return err_set_at(e, ERR_INVALID, "invalid_field", "contract_id",
				  "the service contract %s buys %s, not %s",
				  document, org_staff_type_noun(c.staff_type),
				  org_staff_type_noun(n->m.staff_type));
	if (units_in_scope(s, buyer, n->in->unit_id, &under, e) != 0)
		return -1;
	if (!under)
		return err_set_at(e, ERR_INVALID, "outside_contract", "unit_id",
				  "the service contract %s was bought by "
				  "another unit: staff under it work in that "
				  "unit or below it", document);
	/* A concurrent role takes no place under the contract either. */
	if (employments_count_on(s, "e.contract_id = ? AND e.concurrent = 0",
				 n->in->contract_id, n->start, &filled, e) != 0)
		return -1;
	return staffing_contract_fits(&c, document, n->m.start, n->m.end,
				      n->m.concurrent ? 0 : filled, e);
}

/* The quota and the filled count of one line of the unit on the start
 * date, into f. */
static int employments_line_figures(struct store *s,
				    const struct employments_new *n,
				    struct org_line line, int64_t out[2],
				    struct err *e)
{
	const char *kind, *id;
	units_line_ids(line, &kind, &id);
	struct store_value q[] = { STORE_I(n->in->unit_id), STORE_T(kind),
				   STORE_T(id) };
	struct store_value f[] = { STORE_I(n->in->unit_id), STORE_T(id),
				   STORE_T(n->start), STORE_T(n->start) };
	const char *filled_sql = line.kind == ORG_LINE_STAFF
		? "SELECT count(*) FROM employment e WHERE e.unit_id = ? AND "
		  "e.concurrent = 0 AND e.staff_type = ? AND "
		  EMPLOYMENTS_ACTIVE
		: "SELECT count(*) FROM employment e WHERE e.unit_id = ? AND "
		  "e.post_level = ? AND " EMPLOYMENTS_ACTIVE;
	out[0] = out[1] = 0;
	if (store_int(s, "SELECT coalesce(sum(count), 0) FROM quota WHERE "
			 "unit_id = ? AND line_kind = ? AND line = ?", q, 3,
		      &out[0], e) != 0)
		return -1;
	return store_int(s, filled_sql, f, 4, &out[1], e);
}

/* The appointment rule on each line the employment counts against; an
 * over-quota appointment allowed for reason keeps the reason. */
static int employments_check_quota(struct store *s, struct employments_new *n,
				   const char *unit_name, struct err *e)
{
	struct org_line lines[2];
	int k = staffing_lines(&n->m, lines);
	for (int i = 0; i < k; i++) {
		int64_t f[2];
		bool over;
		struct org_appoint ap = { 0, lines[i], n->in->allow_over,
					  n->in->reason };
		if (employments_line_figures(s, n, lines[i], f, e) != 0)
			return -1;
		struct org_figure own = { .quota = f[0], .filled = f[1] };
		if (org_appoint_decide(unit_name, &own, &ap, &over, e) != 0)
			return -1;
		if (over)
			n->reason = n->in->reason;
	}
	return 0;
}

/* --- writes -------------------------------------------------------------- */

/* The person's current unit, staff type and rank from the main
 * employment active today (the latest started), else the unit of the
 * latest main employment and no staff type or rank; a person with no
 * employment keeps the unit given with the record. */
static int employments_refresh_person(struct store *s, int64_t person,
				      struct err *e)
{
	char today[DAY_TEXT_LEN + 1];
	employments_today(today);
	struct store_value v[] = { STORE_T(today), STORE_T(today),
				   STORE_I(person), STORE_I(person) };
	return store_run(s, "UPDATE person SET "
			 "(unit_id, staff_type, rank) = (SELECT e.unit_id, "
			 "CASE WHEN a THEN e.staff_type END, "
			 "CASE WHEN a THEN e.rank END FROM (SELECT *, "
			 "(start_date <= ?1 AND (end_date IS NULL OR "
			 "end_date >= ?2)) AS a FROM employment) e WHERE "
			 "e.person_id = ?3 AND e.concurrent = 0 ORDER BY a "
			 "DESC, e.start_date DESC, e.id DESC LIMIT 1) WHERE "
			 "id = ?4 AND EXISTS (SELECT 1 FROM employment WHERE "
			 "person_id = ?4 AND concurrent = 0)", v, 4, NULL, e);
}

static int employments_insert(struct store *s, const struct employments_new *n,
			      int64_t id, struct err *e)
{
	const struct employments_input *in = n->in;
	char now[WALLCLOCK_ISO_LEN];
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = {
		STORE_I(id), STORE_I(in->person_id), STORE_I(in->unit_id),
		STORE_T(org_staff_type_name(n->m.staff_type)),
		STORE_T(in->title),
		n->m.has_post ? STORE_T(org_level_name(n->m.post_level))
			      : STORE_NIL,
		STORE_T(staffing_rank_name(n->m.rank)),
		STORE_I(n->m.concurrent ? 1 : 0),
		in->contract_id ? STORE_I(in->contract_id) : STORE_NIL,
		in->monthly_pay_fen >= 0 ? STORE_I(in->monthly_pay_fen)
					 : STORE_NIL,
		STORE_T(n->start), STORE_T(in->start_document),
		n->end[0] ? STORE_T(n->end) : STORE_NIL, STORE_T(n->reason),
		STORE_T(now), STORE_T(now),
	};
	return store_run(s, "INSERT INTO employment (id, person_id, unit_id, "
			 "staff_type, title, post_level, rank, concurrent, "
			 "contract_id, monthly_pay_fen, start_date, "
			 "start_document, end_date, over_quota_reason, "
			 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
			 "?, ?, ?, ?, ?, ?, ?, ?, ?)", v, 16, NULL, e);
}

int employments_add_in(struct store *s, const struct actor *who,
		       const struct employments_input *in, int64_t *id,
		       struct err *e)
{
	struct employments_new n;
	char *unit_name = NULL, object[EMPLOYMENTS_OBJECT_MAX];
	json_t *after = NULL;
	int rc = -1;
	if (employments_parse(in, &n, e) != 0 ||
	    employments_check_refs(s, in, &unit_name, e) != 0 ||
	    employments_check_overlap(s, &n, e) != 0 ||
	    employments_check_contract(s, &n, e) != 0 ||
	    employments_check_quota(s, &n, unit_name, e) != 0 ||
	    store_next_id(s, "employment", id, e) != 0 ||
	    employments_insert(s, &n, *id, e) != 0 ||
	    employments_refresh_person(s, in->person_id, e) != 0 ||
	    employments_load(s, *id, &after, e) != 0)
		goto out;
	employments_object(*id, object);
	rc = audit_log_append(s, who, "employment.add", object, NULL, after, e);
out:
	json_decref(after);
	free(unit_name);
	return rc;
}

struct employments_write {
	const struct actor *who;
	const struct employments_input *in;
	int64_t id;
	const char *end_date, *end_document;
};

static int employments_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct employments_write *c = vctx;
	return employments_add_in(s, c->who, c->in, &c->id, e);
}

int employments_add(struct app *a, const struct actor *who,
		    const struct employments_input *in, json_t **out,
		    struct err *e)
{
	struct employments_write c = { .who = who, .in = in };
	if (app_tx(a, employments_add_tx, &c, e) != 0)
		return -1;
	return employments_get(a, UNITS_SCOPE_ALL, c.id, out, e);
}

/* The end asked for against the stored employment (before). */
static int employments_check_end(const json_t *before, int end,
				 struct err *e)
{
	int start = 0, old = 0;
	day_parse(json_string_value(json_object_get(before, "start_date")),
		  &start);
	const char *stored = json_string_value(json_object_get(before,
							       "end_date"));
	if (end < start)
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "the end date is before the start date");
	if (stored && day_parse(stored, &old) == 0 && old <= end)
		return err_set_at(e, ERR_CONFLICT, "already_ended", "end_date",
				  "the employment ends on %s already", stored);
	return 0;
}

static int employments_end_tx(struct store *s, void *vctx, struct err *e)
{
	struct employments_write *c = vctx;
	char now[WALLCLOCK_ISO_LEN], object[EMPLOYMENTS_OBJECT_MAX];
	char end_text[DAY_TEXT_LEN + 1];
	json_t *before = NULL, *after = NULL;
	int end, rc = -1;
	if (day_parse(c->end_date, &end) != 0) {
		err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
			   "the end date is a real date written yyyy-mm-dd");
		goto out;
	}
	if (app_text_named(c->end_document, "end_document",
				   "removal's document number",
				   ORG_DOCUMENT_MAX, e) != 0 ||
	    employments_load(s, c->id, &before, e) != 0 ||
	    employments_check_end(before, end, e) != 0)
		goto out;
	day_format(end, end_text);
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = { STORE_T(end_text), STORE_T(c->end_document),
				   STORE_T(now), STORE_I(c->id) };
	json_int_t person = json_integer_value(json_object_get(before,
							       "person_id"));
	if (store_run(s, "UPDATE employment SET end_date = ?, end_document = "
			 "?, updated_at = ? WHERE id = ?", v, 4, NULL, e) != 0 ||
	    employments_refresh_person(s, person, e) != 0 ||
	    employments_load(s, c->id, &after, e) != 0)
		goto out;
	employments_object(c->id, object);
	rc = audit_log_append(s, c->who, "employment.end", object, before,
			      after, e);
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

int employments_end_in(struct store *s, const struct actor *who, int64_t id,
		       const char *end_date, const char *end_document,
		       struct err *e)
{
	struct employments_write c = { .who = who, .id = id,
				       .end_date = end_date,
				       .end_document = end_document };
	return employments_end_tx(s, &c, e);
}

int employments_end(struct app *a, const struct actor *who, int64_t id,
		    const char *end_date, const char *end_document,
		    json_t **out, struct err *e)
{
	struct employments_write c = { .who = who, .id = id,
				       .end_date = end_date,
				       .end_document = end_document };
	if (app_tx(a, employments_end_tx, &c, e) != 0)
		return -1;
	return employments_get(a, UNITS_SCOPE_ALL, id, out, e);
}

int employments_find(struct store *s, int64_t person, const char *staff_type,
		     const char *field, int64_t *out, struct err *e)
{
	struct store_value v[] = { STORE_I(person), STORE_T(staff_type) };
	struct err ignore = ERR_INIT;
	if (store_int(s, "SELECT id FROM employment WHERE person_id = ? AND "
			 "staff_type = ? AND concurrent = 0 ORDER BY start_date "
			 "DESC, id DESC LIMIT 1", v, 2, out, &ignore) == 0)
		return 0;
	if (ignore.code != ERR_NOT_FOUND) {
		*e = ignore;
		return -1;
	}
	return err_set_at(e, ERR_INVALID, "unknown_employment", field,
			  "the person has no %s employment",
			  staff_type);
}
