/* selections: campaigns, posts, applications, scores, the shortlist, the
 * ranking and appointments in the database. The rules are core/select's;
 * the ranking is the assessment engine's through it. */
#include "selections.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit_log.h"
#include "app/employments.h"
#include "base/buf.h"
#include "base/wallclock.h"
#include "base/xmalloc.h"
#include "core/day.h"
#include "core/org.h"
#include "core/select.h"
#include "core/staffing.h"

#define SELECTIONS_NAME_MAX 100   /* characters of a name or a title */
#define SELECTIONS_POSTS_MAX 1000
#define SELECTIONS_PLACES_MAX 1000
#define SELECTIONS_RATIO_MAX 10
#define SELECTIONS_SCALE 10000.0  /* scores kept in ten-thousandths */

/* --- reading --------------------------------------------------------------- */

static json_t *selections_score(struct store_stmt *st, int col)
{
	return store_col_null(st, col)
		       ? json_null()
		       : json_real((double)store_col_int(st, col) /
				   SELECTIONS_SCALE);
}

#define SELECTIONS_COLS "s.id, s.name, s.kind, s.as_of, s.written_weight, " \
	"s.ratio, s.document, s.state, (SELECT count(*) FROM " \
	"selection_post p WHERE p.selection_id = s.id), (SELECT count(*) FROM " \
	"selection_application a WHERE a.selection_id = s.id), (SELECT " \
	"count(*) FROM selection_application a WHERE a.selection_id = s.id " \
	"AND a.state = 'appointed')"

static json_t *selections_row(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	int64_t w = store_col_int(st, 4);
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:I,s:I,s:s,s:s,s:I,s:I,s:I}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "name", store_col_text(st, 1),
			 "kind", store_col_text(st, 2),
			 "as_of", store_col_text(st, 3),
			 "written_weight", (json_int_t)w,
			 "interview_weight", (json_int_t)(100 - w),
			 "ratio", (json_int_t)store_col_int(st, 5),
			 "document", store_col_text(st, 6),
			 "state", store_col_text(st, 7),
			 "posts", (json_int_t)store_col_int(st, 8),
			 "applications", (json_int_t)store_col_int(st, 9),
			 "appointed", (json_int_t)store_col_int(st, 10));
}

#define POSTS_COLS "p.id, p.unit_id, u.name, p.title, p.staff_type, " \
	"p.post_level, p.rank, p.places, p.rules, (SELECT count(*) FROM " \
	"selection_application a WHERE a.post_id = p.id), (SELECT count(*) " \
	"FROM selection_application a WHERE a.post_id = p.id AND a.eligible " \
	"= 1), (SELECT count(*) FROM selection_application a WHERE a.post_id " \
	"= p.id AND a.state = 'appointed')"

static json_t *selections_post_row(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	json_t *rules = json_loads(store_col_text(st, 8), 0, NULL);
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:o,s:o,s:I,s:o,s:I,s:I,s:I}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "unit_id", (json_int_t)store_col_int(st, 1),
			 "unit", store_col_text(st, 2),
			 "title", store_col_text(st, 3),
			 "staff_type", store_col_text(st, 4),
			 "post_level", app_col_text(st, 5),
			 "rank", app_col_text(st, 6),
			 "places", (json_int_t)store_col_int(st, 7),
			 "rules", rules ? rules : json_object(),
			 "applications", (json_int_t)store_col_int(st, 9),
			 "eligible", (json_int_t)store_col_int(st, 10),
			 "appointed", (json_int_t)store_col_int(st, 11));
}

#define APPS_COLS "a.id, a.post_id, a.person_id, p.name, a.eligible, " \
	"a.reasons, a.written, a.interview, a.shortlisted, a.total, a.rank, " \
	"a.place, a.state, a.employment_id, p.birth_date, p.education, " \
	"p.school_tier, p.rank"
#define APPS_FROM " FROM selection_application a JOIN person p ON p.id = " \
	"a.person_id"
#define APPS_ORDER " ORDER BY a.post_id, a.place IS NULL, a.place, a.id"

static json_t *selections_app_row(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	json_t *reasons = json_loads(store_col_text(st, 5), 0, NULL);
	return json_pack("{s:I,s:I,s:I,s:s,s:b,s:o,s:o,s:o,s:b,s:o,s:o,s:o,"
			 "s:s,s:o,s:s,s:s,s:o,s:o}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "post_id", (json_int_t)store_col_int(st, 1),
			 "person_id", (json_int_t)store_col_int(st, 2),
			 "person_name", store_col_text(st, 3),
			 "eligible", (int)store_col_int(st, 4),
			 "reasons", reasons ? reasons : json_array(),
			 "written", selections_score(st, 6),
			 "interview", selections_score(st, 7),
			 "shortlisted", (int)store_col_int(st, 8),
			 "total", selections_score(st, 9),
			 "rank", app_col_int(st, 10),
			 "place", app_col_int(st, 11),
			 "state", store_col_text(st, 12),
			 "employment_id", app_col_int(st, 13),
			 "birth_date", store_col_text(st, 14),
			 "education", store_col_text(st, 15),
			 "school_tier", app_col_text(st, 16),
			 "person_rank", app_col_text(st, 17));
}

static int selections_load(struct store *s, int64_t id, json_t **out,
			   struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	json_t *sel = NULL, *posts = json_array(), *apps = json_array();
	int rc = -1;
	if (app_load_one(s, "SELECT " SELECTIONS_COLS " FROM selection s "
			    "WHERE s.id = ?", id, selections_row, NULL,
			 "selection", &sel, e) != 0 ||
	    app_load_rows(s, "SELECT " POSTS_COLS " FROM selection_post p JOIN "
			     "unit u ON u.id = p.unit_id WHERE p.selection_id = "
			     "? ORDER BY p.id", v, 1, selections_post_row, NULL,
			  posts, e) != 0 ||
	    app_load_rows(s, "SELECT " APPS_COLS APPS_FROM " WHERE "
			     "a.selection_id = ?" APPS_ORDER, v, 1,
			  selections_app_row, NULL, apps, e) != 0)
		goto out;
	*out = json_pack("{s:O,s:O,s:O}", "selection", sel, "posts", posts,
			 "applications", apps);
	rc = 0;
out:
	json_decref(sel);
	json_decref(posts);
	json_decref(apps);
	return rc;
}

int selections_list(struct app *a, json_t **out, struct err *e)
{
	return app_list(a, "SELECT " SELECTIONS_COLS " FROM selection s ORDER "
			   "BY s.id DESC", NULL, 0, selections_row, NULL, out, e);
}

int selections_get(struct app *a, int64_t id, json_t **out, struct err *e)
{
	struct store *s = app_acquire(a);
	int rc = selections_load(s, id, out, e);
	app_release(a, s);
	return rc;
}

/* --- the write frame --------------------------------------------------------- */

struct selections_ctx {
	const struct actor *who;
	int64_t id, post, person, application;
	const struct selections_input *in;
	const struct selections_post_input *post_in;
	const struct selections_appoint_input *appoint;
	const char *stage;
	const json_t *scores;
	const char *action;          /* the audit's action */
	char state[16];              /* the campaign's, as read */
	json_t *before;
};

static int selections_load_row(struct store *s, int64_t id, json_t **out,
			       struct err *e)
{
	return app_load_one(s, "SELECT " SELECTIONS_COLS " FROM selection s "
			       "WHERE s.id = ?", id, selections_row, NULL,
			    "selection", out, e);
}

static int selections_load_app(struct store *s, int64_t id, json_t **out,
			       struct err *e)
{
	return app_load_one(s, "SELECT " APPS_COLS APPS_FROM " WHERE a.id = ?",
			    id, selections_app_row, NULL, "application", out,
			    e);
}

/* The campaign's state into c->state, and its row into c->before for
 * the audit. */
static int selections_begin(struct store *s, struct selections_ctx *c,
			    struct err *e)
{
	if (selections_load_row(s, c->id, &c->before, e) != 0)
		return -1;
	const char *st = json_string_value(json_object_get(c->before,
							   "state"));
	snprintf(c->state, sizeof c->state, "%s", st ? st : "");
	return 0;
}

/* The campaign is in one of the states listed ("a|b"). */
static int selections_in_state(const struct selections_ctx *c,
			       const char *states, const char *doing,
			       struct err *e)
{
	size_t n = strlen(c->state);
	for (const char *p = states; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && !strncmp(p, c->state, n))
			return 0;
		p += len + (bar != NULL);
	}
	return err_set(e, ERR_CONFLICT, "wrong_state", "the campaign is %s: "
		       "%s is not possible now", c->state, doing);
}

static int selections_set_state(struct store *s, int64_t id,
				const char *state, struct err *e)
{
	char now[WALLCLOCK_ISO_LEN];
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = { STORE_T(state), STORE_T(now), STORE_I(id) };
	return store_run(s, "UPDATE selection SET state = ?, updated_at = ? "
			    "WHERE id = ?", v, 3, NULL, e);
}

/* The audit record of c's action: the campaign's row before and after,
 * the after with what the action wrote as "detail" (taken). */
static int selections_audit(struct store *s, struct selections_ctx *c,
			    json_t *detail, struct err *e)
{
	char object[48];
	json_t *after = NULL;
	if (selections_load_row(s, c->id, &after, e) != 0) {
		json_decref(detail);
		return -1;
	}
	if (detail)
		json_object_set_new(after, "detail", detail);
	snprintf(object, sizeof object, "selection:%lld", (long long)c->id);
	int rc = audit_log_append(s, c->who, c->action, object, c->before,
				  after, e);
	json_decref(after);
	return rc;
}

/* The same with the application c->application as it now is. */
static int selections_audit_app(struct store *s, struct selections_ctx *c,
				struct err *e)
{
	json_t *app = NULL;
	if (selections_load_app(s, c->application, &app, e) != 0)
		return -1;
	return selections_audit(s, c, app, e);
}

/* Runs fn in a transaction and answers the campaign as it then is. */
static int selections_run(struct app *a, store_tx_fn fn,
			  struct selections_ctx *c, json_t **out,
			  struct err *e)
{
	int rc = app_tx(a, fn, c, e);
	json_decref(c->before);
	c->before = NULL;
	return rc != 0 ? -1 : selections_get(a, c->id, out, e);
}

/* --- campaigns and posts --------------------------------------------------- */

static int selections_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct selections_ctx *c = vctx;
	const struct selections_input *in = c->in;
	char now[WALLCLOCK_ISO_LEN];
	if (store_next_id(s, "selection", &c->id, e) != 0)
		return -1;
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = {
		STORE_I(c->id), STORE_T(in->name), STORE_T(in->kind),
		STORE_T(in->as_of), STORE_I(in->written_weight),
		STORE_I(in->ratio), STORE_T(in->document), STORE_T(now),
		STORE_T(now) };
	if (store_run(s, "INSERT INTO selection (id, name, kind, as_of, "
			 "written_weight, ratio, document, state, created_at, "
			 "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
		      v, 9, NULL, e) != 0)
		return -1;
	c->before = json_null();
	return selections_audit(s, c, NULL, e);
}

int selections_add(struct app *a, const struct actor *who,
		   const struct selections_input *in, json_t **out,
		   struct err *e)
{
	struct selections_ctx c = { .who = who, .in = in,
				    .action = "selection.add" };
	int day;
	if (app_text(in->name, "name", SELECTIONS_NAME_MAX, e) != 0 ||
	    app_text(in->document, "document", ORG_DOCUMENT_MAX, e))
		return -1;
	if (!in->kind || (strcmp(in->kind, "selection") &&
			  strcmp(in->kind, "recruitment")))
		return err_set_at(e, ERR_INVALID, "invalid_field", "kind",
				  "the kind is selection (公开选拔) or "
				  "recruitment (招录)");
	if (day_parse(in->as_of, &day) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "as_of",
				  "as_of (the day ages and years are counted "
				  "to) is a real date written yyyy-mm-dd");
	if (in->written_weight < 1 || in->written_weight > 100)
		return err_set_at(e, ERR_INVALID, "invalid_weight",
				  "written_weight", "the written exam weighs 1 "
				  "to 100 percent; the interview the rest");
	if (in->ratio < 1 || in->ratio > SELECTIONS_RATIO_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "ratio",
				  "the ratio is 1 to %d interviews a place",
				  SELECTIONS_RATIO_MAX);
	return selections_run(a, selections_add_tx, &c, out, e);
}

/* The rules object into r, naming a bad key as rules.<key>. */
static int selections_rules(const json_t *o, struct select_rules *r,
			    struct err *e)
{
	const char *key;
	json_t *v;
	select_rules_none(r);
	if (!o)
		return 0;
	if (!json_is_object(o))
		return err_set_at(e, ERR_INVALID, "invalid_field", "rules",
				  "rules is an object");
	json_object_foreach((json_t *)o, key, v) {
		char where[80];
		snprintf(where, sizeof where, "rules.%.60s", key);
		const char *t = json_string_value(v);
		int *num = !strcmp(key, "age_min")     ? &r->age_min
			   : !strcmp(key, "age_max")   ? &r->age_max
			   : !strcmp(key, "years_min") ? &r->years_min
						       : NULL;
		if (num) {
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > SELECT_YEARS_MAX)
				return err_set_at(e, ERR_INVALID, "invalid_rule",
						  where, "%s is a whole number "
						  "of years", key);
			*num = (int)json_integer_value(v);
		} else if (!strcmp(key, "rank_lowest") ||
			   !strcmp(key, "rank_highest")) {
			enum staffing_rank k;
			if (!t || staffing_rank_parse(t, &k) != 0)
				return err_set_at(e, ERR_INVALID, "invalid_rule",
						  where, "%s is a rank id "
						  "(principal_4...)", key);
			*(key[5] == 'l' ? &r->rank_lowest : &r->rank_highest) = k;
		} else if (!strcmp(key, "education")) {
			if (!t || select_edu_parse(t, &r->education) != 0 ||
			    r->education == SELECT_EDU_OTHER)
				return err_set_at(e, ERR_INVALID, "invalid_rule",
						  where, "education is doctor, "
						  "master, bachelor or college");
		} else if (!strcmp(key, "school_tier")) {
			if (!t || (strcmp(t, "211") && strcmp(t, "985")))
				return err_set_at(e, ERR_INVALID, "invalid_rule",
						  where, "school_tier is 211 "
						  "(211 or 985) or 985");
			r->tier = t[0] == '9' ? SELECT_TIER_985 : SELECT_TIER_211;
		} else if (!strcmp(key, "staff_types")) {
			size_t i;
			json_t *x;
			if (!json_is_array(v))
				return err_set_at(e, ERR_INVALID, "invalid_rule",
						  where, "staff_types is a list "
						  "of staff types");
			json_array_foreach(v, i, x) {
				enum org_staff_type st;
				if (org_staff_type_parse(json_string_value(x),
							 &st) != 0)
					return err_set_at(e, ERR_INVALID,
							  "invalid_rule", where,
							  "an unknown staff type");
				r->staff_types |= 1u << st;
			}
		} else {
			return err_set_at(e, ERR_INVALID, "unknown_field", where,
					  "no such rule: the rules are age_min, "
					  "age_max, rank_lowest, rank_highest, "
					  "years_min, education, school_tier, "
					  "staff_types");
		}
	}
	if (select_rules_check(r, e) != 0) {
		char where[sizeof e->where];
		snprintf(where, sizeof where, "rules.%.60s", e->where);
		snprintf(e->where, sizeof e->where, "%s", where);
		return -1;
	}
	return 0;
}

static int selections_post_tx(struct store *s, void *vctx, struct err *e)
{
	struct selections_ctx *c = vctx;
	const struct selections_post_input *in = c->post_in;
	int64_t n = 0;
	struct store_value u[] = { STORE_I(in->unit_id) };
	if (selections_begin(s, c, e) != 0 ||
	    selections_in_state(c, "open", "adding a post", e) != 0 ||
	    store_int(s, "SELECT count(*) FROM unit WHERE id = ?", u, 1, &n,
		      e) != 0)
		return -1;
	if (!n)
		return err_set_at(e, ERR_INVALID, "unknown_unit", "unit_id",
				  "there is no unit %lld",
				  (long long)in->unit_id);
	if (json_integer_value(json_object_get(c->before, "posts")) >=
	    SELECTIONS_POSTS_MAX)
		return err_set(e, ERR_INVALID, "too_many_posts", "a campaign "
			       "has at most %d posts", SELECTIONS_POSTS_MAX);
	char *rules = json_dumps(in->rules ? in->rules : json_object(),
				 JSON_COMPACT | JSON_SORT_KEYS);
	if (store_next_id(s, "selection_post", &c->post, e) != 0) {
		free(rules);
		return -1;
	}
	struct store_value v[] = {
		STORE_I(c->post), STORE_I(c->id), STORE_I(in->unit_id),
		STORE_T(in->title), STORE_T(in->staff_type),
		STORE_T(in->post_level), STORE_T(in->rank),
		STORE_I(in->places), STORE_T(rules) };
	int rc = store_run(s, "INSERT INTO selection_post (id, selection_id, "
			      "unit_id, title, staff_type, post_level, rank, "
			      "places, rules) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			   v, 9, NULL, e);
	free(rules);
	return rc != 0 ? -1
		       : selections_audit(s, c, json_pack("{s:I,s:O}", "post_id",
						(json_int_t)c->post, "rules",
						(json_t *)c->post_in->rules
							? (json_t *)c->post_in->rules
							: json_null()), e);
}

int selections_add_post(struct app *a, const struct actor *who, int64_t id,
			const struct selections_post_input *in, json_t **out,
			struct err *e)
{
	struct selections_ctx c = { .who = who, .id = id, .post_in = in,
				    .action = "selection.post" };
	struct select_rules r;
	enum org_staff_type st;
	enum org_level lv;
	enum staffing_rank rk;
	if (app_text(in->title, "title", STAFFING_TITLE_MAX, e) != 0)
		return -1;
	if (!in->staff_type || org_staff_type_parse(in->staff_type, &st) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "staff_type",
				  "the post's staff type is one of the staff "
				  "type ids (civil_servant...)");
	if (in->post_level && org_level_parse(in->post_level, &lv) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "post_level",
				  "an unknown leader-post level");
	if (in->rank && staffing_rank_parse(in->rank, &rk) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "rank",
				  "an unknown rank");
	if (in->places < 1 || in->places > SELECTIONS_PLACES_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "places",
				  "a post has 1 to %d places",
				  SELECTIONS_PLACES_MAX);
	if (selections_rules(in->rules, &r, e) != 0)
		return -1;
	return selections_run(a, selections_post_tx, &c, out, e);
}

/* --- applications ------------------------------------------------------------ */

/* What the check reads of a person: the record, and the first day of
 * a main post at the present rank (the years at the rank count from
 * it). */
static int selections_applicant(struct store *s, int64_t person,
				struct select_applicant *a, char *edu,
				size_t edu_len, char *tier, size_t tier_len,
				struct err *e)
{
	struct store_value v[] = { STORE_I(person) };
	struct store_stmt *st;
	if (store_query(s, "SELECT p.birth_date, p.rank, p.education, "
			   "p.school_tier, p.staff_type, (SELECT min(m.start_date)"
			   " FROM employment m WHERE m.person_id = p.id AND "
			   "m.concurrent = 0 AND m.rank = p.rank) FROM person p "
			   "WHERE p.id = ?", v, 1, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 0)
		err_set_at(e, ERR_INVALID, "unknown_person", "person_id",
			   "there is no person %lld", (long long)person);
	if (r == 1) {
		*a = (struct select_applicant){ .rank = STAFFING_RANK_NONE };
		day_parse(store_col_text(st, 0), &a->birth);
		if (!store_col_null(st, 1))
			staffing_rank_parse(store_col_text(st, 1), &a->rank);
		snprintf(edu, edu_len, "%s", store_col_text(st, 2));
		a->education = edu;
		if (!store_col_null(st, 3)) {
			snprintf(tier, tier_len, "%s", store_col_text(st, 3));
			a->school_tier = tier;
		}
		a->has_staff_type = !store_col_null(st, 4) &&
				    org_staff_type_parse(store_col_text(st, 4),
							 &a->staff_type) == 0;
		if (!store_col_null(st, 5))
			day_parse(store_col_text(st, 5), &a->rank_since);
	}
	store_finish(st);
	return r == 1 ? 0 : -1;
}

/* The reasons of bits as a JSON list of {code, message, ...figures}. */
static json_t *selections_reasons(unsigned bits, const struct select_rules *r,
				  const struct select_facts *f)
{
	json_t *list = json_array();
	for (int i = 0; i < SELECT_REASON_COUNT; i++) {
		if (!(bits >> i & 1u))
			continue;
		json_t *o = json_pack("{s:s}", "code",
				      select_reason_name((enum select_reason)i));
		char msg[160];
		switch ((enum select_reason)i) {
		case SELECT_TOO_YOUNG:
		case SELECT_TOO_OLD:
			json_object_set_new(o, "age", json_integer(f->age));
			json_object_set_new(o, "limit", json_integer(
				i == SELECT_TOO_YOUNG ? r->age_min : r->age_max));
			snprintf(msg, sizeof msg, "aged %d; the post takes %s %d",
				 f->age, i == SELECT_TOO_YOUNG ? "at least"
							      : "at most",
				 i == SELECT_TOO_YOUNG ? r->age_min : r->age_max);
			break;
		case SELECT_NO_RANK:
			snprintf(msg, sizeof msg, "holds no rank; the post asks "
				 "for one");
			break;
		case SELECT_RANK_LOW:
			json_object_set_new(o, "limit", json_string(
				staffing_rank_name(r->rank_lowest)));
			snprintf(msg, sizeof msg, "the rank is below %s",
				 staffing_rank_name(r->rank_lowest));
			break;
		case SELECT_RANK_HIGH:
			json_object_set_new(o, "limit", json_string(
				staffing_rank_name(r->rank_highest)));
			snprintf(msg, sizeof msg, "the rank is above %s",
				 staffing_rank_name(r->rank_highest));
			break;
		case SELECT_YEARS_SHORT:
			json_object_set_new(o, "years", f->years < 0
				? json_null() : json_integer(f->years));
			json_object_set_new(o, "limit",
					    json_integer(r->years_min));
			if (f->years < 0)
				snprintf(msg, sizeof msg, "no years at a rank "
					 "are known; the post asks for %d",
					 r->years_min);
			else
				snprintf(msg, sizeof msg, "%d full years at the "
					 "rank; the post asks for %d",
					 f->years, r->years_min);
			break;
		case SELECT_EDUCATION:
			json_object_set_new(o, "education", json_string(
				select_edu_name(f->education)));
			json_object_set_new(o, "limit", json_string(
				select_edu_name(r->education)));
			snprintf(msg, sizeof msg, "education %s; the post asks "
				 "for %s or above", select_edu_name(f->education),
				 select_edu_name(r->education));
			break;
		case SELECT_SCHOOL_TIER:
			json_object_set_new(o, "limit", json_string(
				r->tier == SELECT_TIER_985 ? "985" : "211"));
			snprintf(msg, sizeof msg, "the school is not on the %s "
				 "list", r->tier == SELECT_TIER_985 ? "985"
								   : "211");
			break;
		case SELECT_STAFF_TYPE:
			snprintf(msg, sizeof msg, "the staff type is not one "
				 "the post takes");
			break;
		}
		json_object_set_new(o, "message", json_string(msg));
		json_array_append_new(list, o);
	}
	return list;
}

/* The post's rules and its campaign's day. */
static int selections_post_rules(struct store *s, int64_t selection,
				 int64_t post, struct select_rules *r,
				 int *as_of, struct err *e)
{
	struct store_value v[] = { STORE_I(post), STORE_I(selection) };
	struct store_stmt *st;
	if (store_query(s, "SELECT p.rules, s.as_of FROM selection_post p JOIN "
			   "selection s ON s.id = p.selection_id WHERE p.id = ? "
			   "AND p.selection_id = ?", v, 2, &st, e) != 0)
		return -1;
	int rc = store_step(st, e);
	if (rc == 0)
		err_set_at(e, ERR_INVALID, "unknown_post", "post_id", "the "
			   "campaign has no post %lld", (long long)post);
	if (rc == 1) {
		json_t *o = json_loads(store_col_text(st, 0), 0, NULL);
		day_parse(store_col_text(st, 1), as_of);
		rc = selections_rules(o, r, e) == 0 ? 1 : -1;
		json_decref(o);
	}
	store_finish(st);
	return rc == 1 ? 0 : -1;
}

static int selections_apply_tx(struct store *s, void *vctx, struct err *e)
{
	struct selections_ctx *c = vctx;
	struct select_rules r;
	struct select_applicant ap;
	struct select_facts f;
	char edu[8], tier[8], now[WALLCLOCK_ISO_LEN];
	int as_of = 0;
	int64_t n = 0;
	struct store_value q[] = { STORE_I(c->id), STORE_I(c->person) };
	if (selections_begin(s, c, e) != 0 ||
	    selections_in_state(c, "open", "applying", e) != 0 ||
	    selections_post_rules(s, c->id, c->post, &r, &as_of, e) != 0 ||
	    selections_applicant(s, c->person, &ap, edu, sizeof edu, tier,
				 sizeof tier, e) != 0 ||
	    store_int(s, "SELECT count(*) FROM selection_application WHERE "
			 "selection_id = ? AND person_id = ?", q, 2, &n, e) != 0)
		return -1;
	if (n)
		return err_set_at(e, ERR_CONFLICT, "already_applied",
				  "person_id", "the person has applied in this "
				  "campaign already: one post a person");
	unsigned bits = select_check(&r, &ap, as_of, &f);
	json_t *reasons = selections_reasons(bits, &r, &f);
	char *text = json_dumps(reasons, JSON_COMPACT);
	json_decref(reasons);
	wallclock_iso(wallclock_now_ms(), now);
	int rc = store_next_id(s, "selection_application", &c->application, e);
	if (rc == 0) {
		struct store_value v[] = {
			STORE_I(c->application), STORE_I(c->id),
			STORE_I(c->post), STORE_I(c->person),
			STORE_I(bits == 0), STORE_T(text), STORE_T(now) };
		rc = store_run(s, "INSERT INTO selection_application (id, "
				  "selection_id, post_id, person_id, eligible, "
				  "reasons, state, created_at) VALUES (?, ?, ?, "
				  "?, ?, ?, 'applied', ?)", v, 7, NULL, e);
	}
	free(text);
	return rc != 0 ? -1 : selections_audit_app(s, c, e);
}

/* One application as it now is: {"application": ...}. */
static int selections_application(struct app *a, int64_t application,
				  json_t **out, struct err *e)
{
	struct store *s = app_acquire(a);
	json_t *one = NULL;
	int rc = selections_load_app(s, application, &one, e);
	app_release(a, s);
	if (rc == 0)
		*out = json_pack("{s:o}", "application", one);
	return rc;
}

int selections_apply_in(struct store *s, const struct actor *who, int64_t id,
			int64_t post_id, int64_t person_id,
			int64_t *application, struct err *e)
{
	struct selections_ctx c = { .who = who, .id = id, .post = post_id,
				    .person = person_id,
				    .action = "selection.apply" };
	int rc = selections_apply_tx(s, &c, e);
	json_decref(c.before);
	if (rc == 0)
		*application = c.application;
	return rc;
}

int selections_apply(struct app *a, const struct actor *who, int64_t id,
		     int64_t post_id, int64_t person_id, json_t **out,
		     struct err *e)
{
	struct selections_ctx c = { .who = who, .id = id, .post = post_id,
				    .person = person_id,
				    .action = "selection.apply" };
	json_t *all = NULL;
	if (selections_run(a, selections_apply_tx, &c, &all, e) != 0)
		return -1;
	json_decref(all);
	return selections_application(a, c.application, out, e);
}

/* --- scores ------------------------------------------------------------------ */

/* One score row: the application of this campaign that may take it. */
static int selections_score_one(struct store *s, struct selections_ctx *c,
				size_t i, const json_t *row, bool written,
				struct err *e)
{
	char where[64];
	snprintf(where, sizeof where, "scores[%zu]", i);
	json_t *idv = json_object_get(row, "application_id");
	json_t *sv = json_object_get(row, "score");
	if (!json_is_object(row) || !json_is_integer(idv) ||
	    json_object_size(row) != 2 ||
	    !(json_is_number(sv) || json_is_null(sv)))
		return err_set_at(e, ERR_INVALID, "invalid_field", where,
				  "a score is {application_id, score}, the "
				  "score a number from 0 to 100 or null "
				  "(absent)");
	double score = json_number_value(sv);
	if (!json_is_null(sv) && !(score >= 0 && score <= 100)) {
		snprintf(where, sizeof where, "scores[%zu].score", i);
		return err_set_at(e, ERR_INVALID, "invalid_score", where,
				  "a score is from 0 to 100");
	}
	struct store_value q[] = { STORE_I(json_integer_value(idv)),
				   STORE_I(c->id) };
	struct store_stmt *st;
	if (store_query(s, "SELECT eligible, shortlisted, state FROM "
			   "selection_application WHERE id = ? AND "
			   "selection_id = ?", q, 2, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	bool may = r == 1 && store_col_int(st, 0) == 1 &&
		   !strcmp(store_col_text(st, 2), "applied") &&
		   (written || store_col_int(st, 1) == 1);
	store_finish(st);
	if (r < 0)
		return -1;
	snprintf(where, sizeof where, "scores[%zu].application_id", i);
	if (r == 0)
		return err_set_at(e, ERR_INVALID, "unknown_application", where,
				  "the campaign has no application %lld",
				  (long long)json_integer_value(idv));
	if (!may)
		return err_set_at(e, ERR_CONFLICT, "not_examined", where,
				  "application %lld takes no %s score (%s)",
				  (long long)json_integer_value(idv),
				  written ? "written" : "interview",
				  written ? "not eligible or withdrawn"
					  : "not shortlisted or withdrawn");
	struct store_value v[] = {
		json_is_null(sv) ? STORE_NIL
				 : STORE_I((int64_t)llround(score *
							    SELECTIONS_SCALE)),
		STORE_I(json_integer_value(idv)) };
	return store_run(s, written ? "UPDATE selection_application SET "
				      "written = ? WHERE id = ?"
				    : "UPDATE selection_application SET "
				      "interview = ? WHERE id = ?",
			 v, 2, NULL, e);
}

static int selections_scores_tx(struct store *s, void *vctx, struct err *e)
{
	struct selections_ctx *c = vctx;
	bool written = !strcmp(c->stage, "written");
	size_t i;
	json_t *row;
	if (selections_begin(s, c, e) != 0 ||
	    selections_in_state(c, written ? "open|written" : "interview",
				written ? "entering written scores"
					: "entering interview scores", e) != 0)
		return -1;
	json_array_foreach(c->scores, i, row)
		if (selections_score_one(s, c, i, row, written, e) != 0)
			return -1;
	if (written && selections_set_state(s, c->id, "written", e) != 0)
		return -1;
	return selections_audit(s, c, json_pack("{s:s,s:O}", "stage",
						c->stage, "scores",
						(json_t *)c->scores), e);
}

int selections_scores(struct app *a, const struct actor *who, int64_t id,
		      const char *stage, const json_t *scores, json_t **out,
		      struct err *e)
{
	struct selections_ctx c = { .who = who, .id = id, .stage = stage,
				    .scores = scores,
				    .action = "selection.scores" };
	if (!stage || (strcmp(stage, "written") && strcmp(stage, "interview")))
		return err_set_at(e, ERR_INVALID, "invalid_field", "stage",
				  "stage is written or interview");
	if (!json_is_array(scores) || json_array_size(scores) == 0 ||
	    json_array_size(scores) > SELECT_ENTRIES_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "scores",
				  "scores is a list of {application_id, "
				  "score}");
	return selections_run(a, selections_scores_tx, &c, out, e);
}

/* --- the shortlist and the ranking --------------------------------------- */

/* The applications a stage ranks, as engine entries. */
struct selections_field {
	size_t n;
	int64_t *ids;
	struct select_entry *v;
	char (*names)[24];
	int64_t *posts;        /* distinct post ids, by index */
	uint32_t nposts;
	uint32_t *places;      /* places of each post */
};

static void selections_field_free(struct selections_field *f)
{
	free(f->ids);
	free(f->v);
	free(f->names);
	free(f->posts);
	free(f->places);
}

/* Eligible, not withdrawn, with a written score; shortlisted only for the
 * final ranking. */
static int selections_field_read(struct store *s, int64_t id, bool final,
				 struct selections_field *f, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	size_t cap = 64;
	memset(f, 0, sizeof *f);
	if (store_query(s, final
			? "SELECT a.id, a.post_id, a.written, a.interview, "
			  "p.places FROM selection_application a JOIN "
			  "selection_post p ON p.id = a.post_id WHERE "
			  "a.selection_id = ? AND a.eligible = 1 AND a.state "
			  "<> 'withdrawn' AND a.shortlisted = 1 AND a.written "
			  "IS NOT NULL ORDER BY a.post_id, a.id"
			: "SELECT a.id, a.post_id, a.written, a.interview, "
			  "p.places FROM selection_application a JOIN "
			  "selection_post p ON p.id = a.post_id WHERE "
			  "a.selection_id = ? AND a.eligible = 1 AND a.state "
			  "<> 'withdrawn' AND a.written IS NOT NULL ORDER BY "
			  "a.post_id, a.id",
			v, 1, &st, e) != 0)
		return -1;
	f->ids = xmalloc(cap * sizeof *f->ids);
	f->v = xmalloc(cap * sizeof *f->v);
	f->names = xmalloc(cap * sizeof *f->names);
	f->posts = xmalloc(cap * sizeof *f->posts);
	f->places = xmalloc(cap * sizeof *f->places);
	int r;
	while ((r = store_step(st, e)) == 1) {
		if (f->n == cap) {
			cap *= 2;
			f->ids = xrealloc(f->ids, cap * sizeof *f->ids);
			f->v = xrealloc(f->v, cap * sizeof *f->v);
			f->names = xrealloc(f->names, cap * sizeof *f->names);
			f->posts = xrealloc(f->posts, cap * sizeof *f->posts);
			f->places = xrealloc(f->places, cap * sizeof *f->places);
		}
		int64_t post = store_col_int(st, 1);
		if (!f->nposts || f->posts[f->nposts - 1] != post) {
			f->posts[f->nposts] = post;
			f->places[f->nposts++] = (uint32_t)store_col_int(st, 4);
		}
		size_t k = f->n++;
		f->ids[k] = store_col_int(st, 0);
		/* Zero-padded: bytewise order is the order of application. */
		snprintf(f->names[k], sizeof f->names[k], "%020lld",
			 (long long)f->ids[k]);
		f->v[k] = (struct select_entry){
			.id = f->names[k], .post = f->nposts - 1,
			.written = (double)store_col_int(st, 2) /
				   SELECTIONS_SCALE,
			.has_interview = !store_col_null(st, 3),
			.interview = store_col_null(st, 3)
					     ? 0
					     : (double)store_col_int(st, 3) /
						       SELECTIONS_SCALE };
	}
	store_finish(st);
	for (size_t j = 0; j < f->n; j++) /* names moved with realloc */
		f->v[j].id = f->names[j];
	if (r < 0) {
		selections_field_free(f);
		return -1;
	}
	return 0;
}

/* Ranks the field; written_weight 100 for the shortlist. */
static int selections_standings(const struct selections_field *f,
				double written_weight,
				struct select_standing **out, struct err *e)
{
	*out = xcalloc(f->n + 1, sizeof **out);
	if (f->n == 0)
		return 0;
	if (select_rank(f->v, (uint32_t)f->n, f->nposts, written_weight, *out,
			e) != 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static int selections_shortlist_tx(struct store *s, void *vctx,
				   struct err *e)
{
	struct selections_ctx *c = vctx;
	struct selections_field f;
	struct select_standing *st = NULL;
	int64_t ratio = 1;
	struct store_value v[] = { STORE_I(c->id) };
	if (selections_begin(s, c, e) != 0 ||
	    selections_in_state(c, "written", "the shortlist", e) != 0 ||
	    store_int(s, "SELECT ratio FROM selection WHERE id = ?", v, 1,
		      &ratio, e) != 0 ||
	    store_run(s, "UPDATE selection_application SET shortlisted = 0, "
			 "total = NULL, rank = NULL, place = NULL WHERE "
			 "selection_id = ?", v, 1, NULL, e) != 0 ||
	    selections_field_read(s, c->id, false, &f, e) != 0)
		return -1;
	int rc = selections_standings(&f, 100, &st, e);
	/* The total at the cut of each post: the place places x ratio. */
	double *cut = xmalloc((f.nposts + 1) * sizeof *cut);
	for (uint32_t p = 0; p < f.nposts; p++)
		cut[p] = NAN;
	for (size_t k = 0; rc == 0 && k < f.n; k++) {
		uint32_t p = f.v[k].post;
		if ((uint64_t)st[k].place == (uint64_t)f.places[p] * (uint64_t)ratio)
			cut[p] = st[k].total;
	}
	for (size_t k = 0; rc == 0 && k < f.n; k++) {
		uint32_t p = f.v[k].post;
		bool in = select_shortlisted(&st[k], f.places[p],
					     (uint32_t)ratio, cut[p]);
		struct store_value u[] = {
			STORE_I(in), STORE_I(llround(st[k].total *
						     SELECTIONS_SCALE)),
			STORE_I(st[k].rank), STORE_I(st[k].place),
			STORE_I(f.ids[k]) };
		rc = store_run(s, "UPDATE selection_application SET "
				  "shortlisted = ?, total = ?, rank = ?, place = "
				  "? WHERE id = ?", u, 5, NULL, e);
	}
	free(cut);
	free(st);
	selections_field_free(&f);
	if (rc != 0 || selections_set_state(s, c->id, "interview", e) != 0)
		return -1;
	return selections_audit(s, c, NULL, e);
}

int selections_shortlist(struct app *a, const struct actor *who, int64_t id,
			 json_t **out, struct err *e)
{
	struct selections_ctx c = { .who = who, .id = id,
				    .action = "selection.shortlist" };
	return selections_run(a, selections_shortlist_tx, &c, out, e);
}

static int selections_rank_tx(struct store *s, void *vctx, struct err *e)
{
	struct selections_ctx *c = vctx;
	struct selections_field f;
	struct select_standing *st = NULL;
	int64_t weight = 100, appointed = 0;
	struct store_value v[] = { STORE_I(c->id) };
	if (selections_begin(s, c, e) != 0 ||
	    store_int(s, "SELECT written_weight FROM selection WHERE id = ?", v,
		      1, &weight, e) != 0 ||
	    selections_in_state(c, weight == 100 ? "written|ranked"
						 : "interview|ranked",
				"the ranking", e) != 0 ||
	    store_int(s, "SELECT count(*) FROM selection_application WHERE "
			 "selection_id = ? AND state = 'appointed'", v, 1,
		      &appointed, e) != 0)
		return -1;
	if (appointed)
		return err_set(e, ERR_CONFLICT, "wrong_state", "appointments "
			       "have been made from the ranking: it stays");
	/* Without an interview everyone examined is in the final field. */
	if (weight == 100 &&
	    store_run(s, "UPDATE selection_application SET shortlisted = 1 "
			 "WHERE selection_id = ? AND eligible = 1 AND written "
			 "IS NOT NULL", v, 1, NULL, e) != 0)
		return -1;
	if (store_run(s, "UPDATE selection_application SET total = NULL, rank "
			 "= NULL, place = NULL WHERE selection_id = ?", v, 1,
		      NULL, e) != 0 ||
	    selections_field_read(s, c->id, true, &f, e) != 0)
		return -1;
	int rc = selections_standings(&f, (double)weight, &st, e);
	for (size_t k = 0; rc == 0 && k < f.n; k++) {
		struct store_value u[] = {
			STORE_I(llround(st[k].total * SELECTIONS_SCALE)),
			STORE_I(st[k].rank), STORE_I(st[k].place),
			STORE_I(f.ids[k]) };
		rc = store_run(s, "UPDATE selection_application SET total = ?, "
				  "rank = ?, place = ? WHERE id = ?", u, 4,
			       NULL, e);
	}
	free(st);
	selections_field_free(&f);
	if (rc != 0 || selections_set_state(s, c->id, "ranked", e) != 0)
		return -1;
	return selections_audit(s, c, NULL, e);
}

int selections_rank(struct app *a, const struct actor *who, int64_t id,
		    json_t **out, struct err *e)
{
	struct selections_ctx c = { .who = who, .id = id,
				    .action = "selection.rank" };
	return selections_run(a, selections_rank_tx, &c, out, e);
}

/* --- withdrawals and appointments ------------------------------------------ */

/* The application of this campaign: its post, person, state, place. */
struct selections_app {
	int64_t post, person, place;
	bool has_place;
	char state[16];
};

static int selections_app_read(struct store *s, const struct selections_ctx *c,
			       struct selections_app *out, struct err *e)
{
	struct store_value v[] = { STORE_I(c->application), STORE_I(c->id) };
	struct store_stmt *st;
	if (store_query(s, "SELECT post_id, person_id, state, place FROM "
			   "selection_application WHERE id = ? AND "
			   "selection_id = ?", v, 2, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 0)
		err_set(e, ERR_NOT_FOUND, "not_found", "the campaign has no "
			"application %lld", (long long)c->application);
	if (r == 1) {
		out->post = store_col_int(st, 0);
		out->person = store_col_int(st, 1);
		snprintf(out->state, sizeof out->state, "%s",
			 store_col_text(st, 2));
		out->has_place = !store_col_null(st, 3);
		out->place = out->has_place ? store_col_int(st, 3) : 0;
	}
	store_finish(st);
	return r == 1 ? 0 : -1;
}

static int selections_withdraw_tx(struct store *s, void *vctx, struct err *e)
{
	struct selections_ctx *c = vctx;
	struct selections_app ap;
	if (selections_begin(s, c, e) != 0 ||
	    selections_app_read(s, c, &ap, e) != 0)
		return -1;
	if (strcmp(ap.state, "applied"))
		return err_set(e, ERR_CONFLICT, "wrong_state", "the "
			       "application is %s already", ap.state);
	struct store_value v[] = { STORE_I(c->application) };
	if (store_run(s, "UPDATE selection_application SET state = "
			 "'withdrawn' WHERE id = ?", v, 1, NULL, e) != 0)
		return -1;
	return selections_audit_app(s, c, e);
}

int selections_withdraw(struct app *a, const struct actor *who, int64_t id,
			int64_t application, json_t **out, struct err *e)
{
	struct selections_ctx c = { .who = who, .id = id,
				    .application = application,
				    .action = "selection.withdraw" };
	json_t *all = NULL;
	if (selections_run(a, selections_withdraw_tx, &c, &all, e) != 0)
		return -1;
	json_decref(all);
	return selections_application(a, application, out, e);
}

/* The application is next in its post's order: every one placed before
 * it is appointed or withdrawn, and the post has a place left. */
static int selections_next_in_line(struct store *s,
				   const struct selections_ctx *c,
				   const struct selections_app *ap,
				   struct err *e)
{
	struct store_value v[] = { STORE_I(ap->post), STORE_I(ap->place) };
	struct store_value p[] = { STORE_I(ap->post) };
	int64_t ahead = 0, appointed = 0, places = 0;
	if (store_int(s, "SELECT count(*) FROM selection_application WHERE "
			 "post_id = ? AND place < ? AND state = 'applied'", v, 2,
		      &ahead, e) != 0 ||
	    store_int(s, "SELECT count(*) FROM selection_application WHERE "
			 "post_id = ? AND state = 'appointed'", p, 1,
		      &appointed, e) != 0 ||
	    store_int(s, "SELECT places FROM selection_post WHERE id = ?", p,
		      1, &places, e) != 0)
		return -1;
	if (ahead)
		return err_set(e, ERR_CONFLICT, "not_next_in_line", "%lld "
			       "application(s) of this post rank before "
			       "application %lld and are neither appointed "
			       "nor withdrawn", (long long)ahead,
			       (long long)c->application);
	if (appointed >= places)
		return err_set(e, ERR_CONFLICT, "post_filled", "the post's %lld "
			       "place(s) are filled", (long long)places);
	return 0;
}

/* Ends the person's main posts that run on past the day before start. */
static int selections_end_present(struct store *s, const struct actor *who,
				  int64_t person, int start, const char *doc,
				  struct err *e)
{
	char before[DAY_TEXT_LEN + 1], from[DAY_TEXT_LEN + 1];
	day_format(day_add(start, -1), before);
	day_format(start, from);
	struct store_value v[] = { STORE_I(person), STORE_T(from),
				   STORE_T(from) };
	struct store_stmt *st;
	int64_t ids[16];
	size_t n = 0;
	if (store_query(s, "SELECT id FROM employment WHERE person_id = ? AND "
			   "concurrent = 0 AND start_date < ? AND (end_date IS "
			   "NULL OR end_date >= ?) LIMIT 16", v, 3, &st, e) != 0)
		return -1;
	int r;
	while ((r = store_step(st, e)) == 1)
		ids[n++] = store_col_int(st, 0);
	store_finish(st);
	if (r < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (employments_end_in(s, who, ids[i], before, doc, e) != 0)
			return -1;
	return 0;
}

static int selections_appoint_tx(struct store *s, void *vctx, struct err *e)
{
	struct selections_ctx *c = vctx;
	const struct selections_appoint_input *in = c->appoint;
	struct selections_app ap;
	int start;
	if (selections_begin(s, c, e) != 0 ||
	    selections_in_state(c, "ranked", "appointing", e) != 0 ||
	    selections_app_read(s, c, &ap, e) != 0)
		return -1;
	if (strcmp(ap.state, "applied") || !ap.has_place)
		return err_set(e, ERR_CONFLICT, "not_ranked", "application "
			       "%lld is %s and not in the ranking",
			       (long long)c->application,
			       strcmp(ap.state, "applied") ? ap.state
							   : "applied");
	if (selections_next_in_line(s, c, &ap, e) != 0)
		return -1;
	day_parse(in->start_date, &start);
	/* The post as the campaign describes it. */
	struct store_value p[] = { STORE_I(ap.post) };
	struct store_stmt *st;
	if (store_query(s, "SELECT unit_id, title, staff_type, post_level, "
			   "rank FROM selection_post WHERE id = ?", p, 1, &st,
			e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r != 1) {
		store_finish(st);
		return r == 0 ? err_set(e, ERR_INTERNAL, NULL, "no post") : -1;
	}
	char title[4 * STAFFING_TITLE_MAX + 1], staff[32], level[32], rank[32];
	snprintf(title, sizeof title, "%s", store_col_text(st, 1));
	snprintf(staff, sizeof staff, "%s", store_col_text(st, 2));
	snprintf(level, sizeof level, "%s",
		 store_col_null(st, 3) ? "" : store_col_text(st, 3));
	snprintf(rank, sizeof rank, "%s",
		 store_col_null(st, 4) ? "" : store_col_text(st, 4));
	struct employments_input em = {
		.person_id = ap.person, .unit_id = store_col_int(st, 0),
		.staff_type = staff, .title = title,
		.post_level = level[0] ? level : NULL,
		.rank = rank[0] ? rank : NULL, .monthly_pay_fen = -1,
		.start_date = in->start_date,
		.start_document = in->document, .allow_over = in->allow_over,
		.reason = in->reason };
	store_finish(st);
	int64_t emp = 0;
	if (selections_end_present(s, c->who, ap.person, start, in->document,
				   e) != 0 ||
	    employments_add_in(s, c->who, &em, &emp, e) != 0)
		return -1;
	struct store_value v[] = { STORE_I(emp), STORE_I(c->application) };
	if (store_run(s, "UPDATE selection_application SET state = "
			 "'appointed', employment_id = ? WHERE id = ?", v, 2,
		      NULL, e) != 0)
		return -1;
	return selections_audit_app(s, c, e);
}

int selections_appoint(struct app *a, const struct actor *who, int64_t id,
		       int64_t application,
		       const struct selections_appoint_input *in,
		       json_t **out, struct err *e)
{
	struct selections_ctx c = { .who = who, .id = id,
				    .application = application, .appoint = in,
				    .action = "selection.appoint" };
	int day;
	json_t *all = NULL;
	if (day_parse(in->start_date, &day) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "start_date",
				  "the start date is a real date written "
				  "yyyy-mm-dd");
	if (app_text(in->document, "document", ORG_DOCUMENT_MAX, e))
		return -1;
	if (selections_run(a, selections_appoint_tx, &c, &all, e) != 0)
		return -1;
	json_decref(all);
	return selections_application(a, application, out, e);
}
