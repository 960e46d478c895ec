/* routine: the routine_entry table, the share of good, and the link of a
 * subject to its cadre's account. */
#include "routine.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "app/audit_log.h"
#include "app/units.h"
#include "base/utf8.h"
#include "base/wallclock.h"

static const char *const routine_ratings[] = { "good", "fair", "average",
					       "poor", NULL };

/* The cycle's status; ERR_CONFLICT when confirmed. */
static int routine_open(struct store *s, int64_t id, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	if (store_query(s, "SELECT status FROM cycle WHERE id = ?", v, 1, &st,
			e) != 0)
		return -1;
	int r = store_step(st, e);
	bool frozen = r == 1 && !strcmp(store_col_text(st, 0), "confirmed");
	store_finish(st);
	if (r == 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			       "cycle %lld", (long long)id);
	if (r < 0)
		return -1;
	if (frozen)
		return err_set(e, ERR_CONFLICT, "cycle_confirmed", "the cycle "
			       "is confirmed: nothing in it changes any more");
	return 0;
}

/* The subject's unit and account (0: none); ERR_INVALID when the cycle
 * has no such subject. */
static int routine_subject(struct store *s, int64_t id, const char *subject,
			   int64_t *unit, int64_t *account, struct err *e)
{
	struct store_value v[] = { STORE_I(id), STORE_T(subject) };
	struct store_stmt *st;
	if (store_query(s, "SELECT coalesce(unit_id, 0), coalesce(account_id, "
			   "0) FROM cycle_subject WHERE cycle_id = ? AND "
			   "subject = ?", v, 2, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		*unit = store_col_int(st, 0);
		*account = store_col_int(st, 1);
	}
	store_finish(st);
	if (r == 0)
		return err_set_at(e, ERR_INVALID, "unknown_subject", "subject",
				  "the cycle has no subject '%.100s'",
				  subject ? subject : "");
	return r < 0 ? -1 : 0;
}

static void routine_object(int64_t id, char out[48])
{
	snprintf(out, 48, "cycle:%lld", (long long)id);
}

/* "2026Q1".."2026Q4". */
static bool routine_period_ok(const char *p)
{
	return p && strlen(p) == 6 && p[4] == 'Q' && p[5] >= '1' &&
	       p[5] <= '4' && strspn(p, "0123456789") == 4;
}

struct routine_ctx {
	const struct actor *who;
	int64_t id, account;
	double share;
	const char *subject, *period, *rating;
	const struct routine_record *rec;
};

static int routine_account_tx(struct store *s, void *vctx, struct err *e)
{
	struct routine_ctx *c = vctx;
	int64_t unit, old, n = 0;
	char object[48];
	struct store_value acc[] = { STORE_I(c->account) };
	if (routine_open(s, c->id, e) != 0 ||
	    routine_subject(s, c->id, c->subject, &unit, &old, e) != 0)
		return -1;
	if (c->account && store_int(s, "SELECT count(*) FROM account WHERE "
				       "id = ?", acc, 1, &n, e) != 0)
		return -1;
	if (c->account && !n)
		return err_set_at(e, ERR_INVALID, "unknown_account",
				  "account_id", "there is no account %lld",
				  (long long)c->account);
	struct store_value v[] = { c->account ? STORE_I(c->account) : STORE_NIL,
				   STORE_I(c->id), STORE_T(c->subject) };
	if (store_run(s, "UPDATE cycle_subject SET account_id = ? WHERE "
			 "cycle_id = ? AND subject = ?", v, 3, NULL, e) != 0)
		return -1;
	json_t *after = json_pack("{s:s,s:I}", "subject", c->subject,
				  "account_id", (json_int_t)c->account);
	routine_object(c->id, object);
	int rc = audit_log_append(s, c->who, "cycle.subject_account", object,
				  NULL, after, e);
	json_decref(after);
	return rc;
}

int routine_subject_account(struct app *a, const struct actor *who,
			    int64_t id, const char *subject, int64_t account,
			    struct err *e)
{
	struct routine_ctx c = { .who = who, .id = id, .subject = subject,
				 .account = account };
	return app_tx(a, routine_account_tx, &c, e);
}

static int routine_share_tx(struct store *s, void *vctx, struct err *e)
{
	struct routine_ctx *c = vctx;
	char object[48];
	struct store_value v[] = { STORE_I(c->id) };
	if (routine_open(s, c->id, e) != 0)
		return -1;
	char num[32];
	snprintf(num, sizeof num, "%.6f", c->share);
	struct store_value u[] = { STORE_T(num), STORE_I(c->id) };
	(void)v;
	if (store_run(s, "UPDATE cycle SET routine_good_share = CAST(? AS "
			 "REAL) WHERE id = ?", u, 2, NULL, e) != 0)
		return -1;
	json_t *after = json_pack("{s:f}", "routine_good_share", c->share);
	routine_object(c->id, object);
	int rc = audit_log_append(s, c->who, "cycle.routine_share", object,
				  NULL, after, e);
	json_decref(after);
	return rc;
}

int routine_set_share(struct app *a, const struct actor *who, int64_t id,
		      double share, struct err *e)
{
	struct routine_ctx c = { .who = who, .id = id, .share = share };
	if (!(share >= 0 && share <= 1))
		return err_set_at(e, ERR_INVALID, "invalid_field", "share",
				  "the share of good is from 0 to 1 (0.4 is "
				  "40%%)");
	return app_tx(a, routine_share_tx, &c, e);
}

/* --- records -------------------------------------------------------------- */

static json_t *routine_json(struct store_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o}",
			 "subject", store_col_text(st, 0),
			 "period", store_col_text(st, 1),
			 "notes", store_col_text(st, 2),
			 "summary", store_col_text(st, 3),
			 "written_by", app_col_text(st, 4),
			 "written_at", app_col_text(st, 5),
			 "rating", app_col_text(st, 6),
			 "rated_by", app_col_text(st, 7),
			 "rated_at", app_col_text(st, 8));
}

#define ROUTINE_COLS "r.subject, r.period, r.notes, r.summary, " \
	"r.written_by, r.written_at, r.rating, r.rated_by, r.rated_at"

static int routine_text(const char *s, const char *field, size_t max,
			bool required, struct err *e)
{
	size_t len = s ? strlen(s) : 0;
	if (required && (!len || strspn(s, " \t\r\n") == len))
		return err_set_at(e, ERR_INVALID, "missing_field", field,
				  "the %s is missing", field);
	if (len && (!utf8_valid(s, len, NULL) || utf8_length(s, len) > max))
		return err_set_at(e, ERR_INVALID, "invalid_field", field,
				  "the %s is not text of at most %zu "
				  "characters", field, max);
	return 0;
}

/* The stored rating of a quarter into out ("" when unrated or absent);
 * *exists whether the quarter is written. */
static int routine_stored(struct store *s, const struct routine_ctx *c,
			  bool *exists, char out[16], struct err *e)
{
	struct store_value v[] = { STORE_I(c->id), STORE_T(c->subject),
				   STORE_T(c->period) };
	struct store_stmt *st;
	*exists = false;
	out[0] = '\0';
	if (store_query(s, "SELECT coalesce(rating, '') FROM routine_entry "
			   "WHERE cycle_id = ? AND subject = ? AND period = ?",
			v, 3, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		*exists = true;
		snprintf(out, 16, "%s", store_col_text(st, 0));
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

static int routine_write_tx(struct store *s, void *vctx, struct err *e)
{
	struct routine_ctx *c = vctx;
	int64_t unit, account;
	char rating[16], now[WALLCLOCK_ISO_LEN], object[48];
	bool exists;
	if (routine_open(s, c->id, e) != 0 ||
	    routine_subject(s, c->id, c->subject, &unit, &account, e) != 0)
		return -1;
	if (!(c->who->roles & ROLE_ASSESSOR) &&
	    (!account || account != c->who->account_id))
		return err_set(e, ERR_FORBIDDEN, "not_yours", "only the cadre "
			       "of '%.100s' (or the organisation department) "
			       "writes its routine record", c->subject);
	if (routine_stored(s, c, &exists, rating, e) != 0)
		return -1;
	if (rating[0])
		return err_set(e, ERR_CONFLICT, "already_rated", "%s of "
			       "'%.100s' is rated already: the record stays as "
			       "it was rated", c->period, c->subject);
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = { STORE_I(c->id), STORE_T(c->subject),
				   STORE_T(c->period),
				   STORE_T(c->rec->notes ? c->rec->notes : ""),
				   STORE_T(c->rec->summary),
				   STORE_T(c->who->username), STORE_T(now) };
	if (store_run(s, "INSERT INTO routine_entry (cycle_id, subject, period, "
			 "notes, summary, written_by, written_at) VALUES (?, ?, "
			 "?, ?, ?, ?, ?) ON CONFLICT (cycle_id, subject, period)"
			 " DO UPDATE SET notes = excluded.notes, summary = "
			 "excluded.summary, written_by = excluded.written_by, "
			 "written_at = excluded.written_at", v, 7, NULL, e))
		return -1;
	json_t *after = json_pack("{s:s,s:s}", "subject", c->subject,
				  "period", c->period);
	routine_object(c->id, object);
	int rc = audit_log_append(s, c->who, "routine.write", object, NULL,
				  after, e);
	json_decref(after);
	return rc;
}

/* One record as routine_list shows it. */
static int routine_one(struct app *a, int64_t id, const char *subject,
		       const char *period, json_t **out, struct err *e)
{
	struct store_value v[] = { STORE_I(id), STORE_T(subject),
				   STORE_T(period) };
	struct store_stmt *st;
	struct store *s = app_acquire(a);
	int r = store_query(s, "SELECT " ROUTINE_COLS " FROM routine_entry r "
			    "WHERE r.cycle_id = ? AND r.subject = ? AND "
			    "r.period = ?", v, 3, &st, e);
	if (r == 0) {
		r = store_step(st, e);
		if (r == 1)
			*out = routine_json(st);
		store_finish(st);
	}
	app_release(a, s);
	if (r == 0)
		err_set(e, ERR_NOT_FOUND, "not_found", "no routine record of "
			"'%.100s' in %.10s", subject, period);
	return r == 1 ? 0 : -1;
}

int routine_write(struct app *a, const struct actor *who, int64_t id,
		  const struct routine_record *in, json_t **out,
		  struct err *e)
{
	struct routine_ctx c = { .who = who, .id = id, .subject = in->subject,
				 .period = in->period, .rec = in };
	if (!routine_period_ok(in->period))
		return err_set_at(e, ERR_INVALID, "invalid_period", "period",
				  "a period is a quarter: 2026Q1 to 2026Q4");
	if (routine_text(in->notes, "notes", ROUTINE_NOTES_MAX, false, e) ||
	    routine_text(in->summary, "summary", ROUTINE_SUMMARY_MAX, true,
			 e) != 0 ||
	    app_tx(a, routine_write_tx, &c, e) != 0)
		return -1;
	return routine_one(a, id, in->subject, in->period, out, e);
}

/* No more good among the unit's subjects in the period than the share. */
static int routine_check_share(struct store *s, const struct routine_ctx *c,
			       int64_t unit, struct err *e)
{
	struct store_value v[] = { STORE_I(c->id) };
	struct store_value u[] = { STORE_I(c->id), STORE_I(unit) };
	struct store_value g[] = { STORE_I(c->id), STORE_I(unit),
				   STORE_T(c->period), STORE_T(c->subject) };
	int64_t subjects = 0, goods = 0;
	double share = ROUTINE_GOOD_SHARE;
	struct store_stmt *st;
	if (store_query(s, "SELECT routine_good_share FROM cycle WHERE id = ?",
			v, 1, &st, e) != 0)
		return -1;
	if (store_step(st, e) == 1 && !store_col_null(st, 0))
		share = strtod(store_col_text(st, 0), NULL);
	store_finish(st);
	if (store_int(s, "SELECT count(*) FROM cycle_subject WHERE cycle_id = "
			 "? AND coalesce(unit_id, 0) = ?", u, 2, &subjects,
		      e) != 0 ||
	    store_int(s, "SELECT count(*) FROM routine_entry r JOIN "
			 "cycle_subject cs ON cs.cycle_id = r.cycle_id AND "
			 "cs.subject = r.subject WHERE r.cycle_id = ? AND "
			 "coalesce(cs.unit_id, 0) = ? AND r.period = ? AND "
			 "r.rating = 'good' AND r.subject <> ?", g, 4, &goods,
		      e) != 0)
		return -1;
	int64_t allowed = (int64_t)floor(share * (double)subjects + 1e-9);
	if (goods + 1 > allowed)
		return err_set_at(e, ERR_CONFLICT, "good_share_exceeded",
				  "rating", "good is given to at most %.0f%% "
				  "of the unit's %lld subject(s) in %s: %lld, "
				  "and %lld already have it", share * 100,
				  (long long)subjects, c->period,
				  (long long)allowed, (long long)goods);
	return 0;
}

static int routine_rate_tx(struct store *s, void *vctx, struct err *e)
{
	struct routine_ctx *c = vctx;
	int64_t unit, account;
	char rating[16], now[WALLCLOCK_ISO_LEN], object[48];
	bool exists, in = false;
	if (routine_open(s, c->id, e) != 0 ||
	    routine_subject(s, c->id, c->subject, &unit, &account, e) != 0 ||
	    units_in_scope(s, units_scope_of(c->who), unit, &in, e) != 0)
		return -1;
	if (!in)
		return err_set(e, ERR_FORBIDDEN, "outside_scope", "a reporter "
			       "rates the subjects of its own unit only");
	if (routine_stored(s, c, &exists, rating, e) != 0)
		return -1;
	if (!exists)
		return err_set(e, ERR_CONFLICT, "not_written", "%s of '%.100s' "
			       "has no work notes yet: the cadre writes them "
			       "first", c->period, c->subject);
	if (!strcmp(c->rating, "good") &&
	    routine_check_share(s, c, unit, e) != 0)
		return -1;
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = { STORE_T(c->rating), STORE_T(c->who->username),
				   STORE_T(now), STORE_I(c->id),
				   STORE_T(c->subject), STORE_T(c->period) };
	if (store_run(s, "UPDATE routine_entry SET rating = ?, rated_by = ?, "
			 "rated_at = ? WHERE cycle_id = ? AND subject = ? AND "
			 "period = ?", v, 6, NULL, e) != 0)
		return -1;
	json_t *after = json_pack("{s:s,s:s,s:s,s:s?}", "subject", c->subject,
				  "period", c->period, "rating", c->rating,
				  "before", rating[0] ? rating : NULL);
	routine_object(c->id, object);
	int rc = audit_log_append(s, c->who, "routine.rate", object, NULL,
				  after, e);
	json_decref(after);
	return rc;
}

int routine_rate(struct app *a, const struct actor *who, int64_t id,
		 const char *subject, const char *period, const char *rating,
		 json_t **out, struct err *e)
{
	struct routine_ctx c = { .who = who, .id = id, .subject = subject,
				 .period = period, .rating = rating };
	bool ok = false;
	for (size_t i = 0; rating && routine_ratings[i]; i++)
		ok = ok || !strcmp(rating, routine_ratings[i]);
	if (!ok)
		return err_set_at(e, ERR_INVALID, "invalid_field", "rating",
				  "the rating is good, fair, average or poor "
				  "(好, 较好, 一般, 较差)");
	if (!routine_period_ok(period))
		return err_set_at(e, ERR_INVALID, "invalid_period", "period",
				  "a period is a quarter: 2026Q1 to 2026Q4");
	if (app_tx(a, routine_rate_tx, &c, e) != 0)
		return -1;
	return routine_one(a, id, subject, period, out, e);
}

/* --- reading ---------------------------------------------------------------- */

int routine_list(struct app *a, const struct actor *who, int64_t id,
		 const char *period, json_t **out, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct store_value v[] = { STORE_I(id), STORE_T(period),
				   STORE_I(who->account_id) };
	struct store_stmt *st;
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int64_t scope = units_scope_of(who);
	int rc = -1, r;
	buf_puts(&sql, "SELECT " ROUTINE_COLS " FROM routine_entry r JOIN "
		 "cycle_subject cs ON cs.cycle_id = r.cycle_id AND cs.subject = "
		 "r.subject WHERE r.cycle_id = ?1 AND (?2 IS NULL OR r.period = "
		 "?2)");
	if (scope == UNITS_SCOPE_NONE)
		buf_puts(&sql, " AND cs.account_id = ?3");
	else if (units_scope_sql(s, scope, "cs.unit_id", &sql, e) != 0)
		goto out;
	buf_puts(&sql, " ORDER BY r.period, cs.rowid");
	if (store_query(s, buf_str(&sql), v, scope == UNITS_SCOPE_NONE ? 3 : 2,
			&st, e) != 0)
		goto out;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(items, routine_json(st));
	store_finish(st);
	if (r < 0)
		goto out;
	*out = json_pack("{s:O}", "items", items);
	rc = 0;
out:
	app_release(a, s);
	json_decref(items);
	buf_free(&sql);
	return rc;
}

int routine_csv_rows(struct store *s, int64_t id, struct buf *out,
		     struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT subject, period, rating FROM routine_entry "
			   "WHERE cycle_id = ? AND rating IS NOT NULL ORDER BY "
			   "period, subject", v, 1, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1)
		buf_printf(out, "%s,%s,%s\n", store_col_text(st, 0),
			   store_col_text(st, 1), store_col_text(st, 2));
	store_finish(st);
	return r < 0 ? -1 : 0;
}

int routine_is_mine(struct app *a, const struct actor *who, int64_t id,
		    const char *subject, bool *out, struct err *e)
{
	struct store_value v[] = { STORE_I(id), STORE_T(subject),
				   STORE_I(who->account_id) };
	int64_t n = 0;
	struct store *s = app_acquire(a);
	int rc = store_int(s, "SELECT count(*) FROM cycle_subject WHERE "
			   "cycle_id = ? AND subject = ? AND account_id = ?", v,
			   3, &n, e);
	app_release(a, s);
	*out = rc == 0 && n > 0 && who->account_id > 0;
	return rc;
}

int routine_mine(struct app *a, const struct actor *who, json_t **out,
		 struct err *e)
{
	struct store_value v[] = { STORE_I(who->account_id) };
	struct store_stmt *st;
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = -1, r;
	if (store_query(s, "SELECT c.id, c.code, c.name, c.status, cs.subject, "
			   "cs.name, cr.position, cr.row FROM cycle_subject cs "
			   "JOIN cycle c ON c.id = cs.cycle_id LEFT JOIN "
			   "cycle_result cr ON cr.cycle_id = cs.cycle_id AND "
			   "cr.subject = cs.subject WHERE cs.account_id = ? "
			   "ORDER BY c.id DESC", v, 1, &st, e) != 0)
		goto out;
	while ((r = store_step(st, e)) == 1) {
		json_t *row = store_col_null(st, 7) ? NULL
			: json_loads(store_col_text(st, 7), 0, NULL);
		json_array_append_new(items, json_pack(
			"{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o}",
			"cycle_id", (json_int_t)store_col_int(st, 0),
			"code", store_col_text(st, 1),
			"cycle", store_col_text(st, 2),
			"status", store_col_text(st, 3),
			"subject", store_col_text(st, 4),
			"name", store_col_text(st, 5),
			"position", app_col_int(st, 6),
			"row", row ? row : json_null()));
	}
	store_finish(st);
	if (r < 0)
		goto out;
	*out = json_pack("{s:O}", "items", items);
	rc = 0;
out:
	app_release(a, s);
	json_decref(items);
	return rc;
}
