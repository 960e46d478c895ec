/* units: the unit, unit_function and quota tables, the tree and figures
 * read from them, and the audit records of their changes. Filled counts
 * are the employments active today (app/employments): on a staff line
 * the main (not concurrent) ones of that staff type, on a leader-post
 * line every one of that level. */
#include "units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/audit_log.h"
#include "base/buf.h"
#include "base/utf8.h"
#include "base/wallclock.h"
#include "base/xmalloc.h"
#include "core/day.h"
#include "core/org.h"

#define UNITS_OBJECT_MAX 32 /* "unit:<id>" */

/* Every unit, ordered by id, as read in one go. The org array is what
 * core/org checks; the rest is what the JSON shows. */
struct units_tree {
	size_t n, cap;
	struct org_unit *org;
	int64_t *parent_id; /* 0: at the root */
	char **name, **created;
	json_t **functions, **quotas; /* an array per unit */
	size_t *depth;
	struct org_figures fig;
};

static void units_tree_free(struct units_tree *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->name[i]);
		free(t->created[i]);
		json_decref(t->functions[i]);
		json_decref(t->quotas[i]);
	}
	free(t->org);
	free(t->parent_id);
	free(t->name);
	free(t->created);
	free(t->functions);
	free(t->quotas);
	free(t->depth);
	org_figures_free(&t->fig);
	memset(t, 0, sizeof *t);
}

static void units_tree_grow(struct units_tree *t)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	t->org = xrealloc(t->org, cap * sizeof *t->org);
	t->parent_id = xrealloc(t->parent_id, cap * sizeof *t->parent_id);
	t->name = xrealloc(t->name, cap * sizeof *t->name);
	t->created = xrealloc(t->created, cap * sizeof *t->created);
	t->functions = xrealloc(t->functions, cap * sizeof *t->functions);
	t->quotas = xrealloc(t->quotas, cap * sizeof *t->quotas);
	t->cap = cap;
}

/* Appends the current row of SELECT id, parent_id, kind, name,
 * created_at. */
static int units_tree_push(struct units_tree *t, struct store_stmt *st,
			   struct err *e)
{
	enum org_unit_kind kind;
	int64_t id = store_col_int(st, 0);
	if (t->n >= ORG_UNITS_MAX)
		return err_set(e, ERR_STORE, "store", "more than %d units",
			       ORG_UNITS_MAX);
	if (org_unit_kind_parse(store_col_text(st, 2), &kind) != 0)
		return err_set(e, ERR_STORE, "store",
			       "unit %lld has an unknown kind", (long long)id);
	if (t->n == t->cap)
		units_tree_grow(t);
	size_t i = t->n++;
	t->name[i] = xstrdup(store_col_text(st, 3));
	t->created[i] = xstrdup(store_col_text(st, 4));
	t->parent_id[i] = store_col_null(st, 1) ? 0 : store_col_int(st, 1);
	t->functions[i] = json_array();
	t->quotas[i] = json_array();
	t->org[i] = (struct org_unit){ id, t->name[i], ORG_NO_PARENT, kind };
	return 0;
}

/* The index of the unit with this id, or SIZE_MAX (ids are ascending). */
static size_t units_index(const struct units_tree *t, int64_t id)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->org[mid].id == id)
			return mid;
		if (t->org[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

/* Reads every unit and links each to its parent's index. A parent id not
 * among the units gets index n, which org_tree_check reports. */
static int units_load_tree(struct store *s, struct units_tree *t,
			   struct err *e)
{
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT id, parent_id, kind, name, created_at "
			   "FROM unit ORDER BY id", NULL, 0, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1)
		if (units_tree_push(t, st, e) != 0) {
			r = -1;
			break;
		}
	store_finish(st);
	if (r < 0)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		if (!t->parent_id[i])
			continue;
		size_t p = units_index(t, t->parent_id[i]);
		t->org[i].parent = p == SIZE_MAX ? t->n : p;
	}
	return 0;
}

static int units_load_functions(struct store *s, struct units_tree *t,
				struct err *e)
{
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT unit_id, name FROM unit_function "
			   "ORDER BY unit_id, position", NULL, 0, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		size_t i = units_index(t, store_col_int(st, 0));
		if (i != SIZE_MAX)
			json_array_append_new(t->functions[i],
					      json_string(store_col_text(st, 1)));
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* The org line named by line_kind and line; ERR_INVALID naming the field
 * at fault. */
static int units_line_parse(const char *line_kind, const char *line,
			    struct org_line *out, struct err *e)
{
	if (line_kind && strcmp(line_kind, "staff") == 0) {
		enum org_staff_type st;
		if (line && org_staff_type_parse(line, &st) == 0) {
			*out = org_staff_line(st);
			return 0;
		}
		return err_set_at(e, ERR_INVALID, "invalid_field", "line",
				  "a staff quota line is a staff type: "
				  "civil_servant, public_institution, self_set, "
				  "dispatched, social_worker or seconded");
	}
	if (line_kind && strcmp(line_kind, "post") == 0) {
		enum org_level lv;
		if (line && org_level_parse(line, &lv) == 0) {
			*out = org_post_line(lv);
			return 0;
		}
		return err_set_at(e, ERR_INVALID, "invalid_field", "line",
				  "a post quota line is a level: bureau_chief, "
				  "bureau_deputy, division_chief, "
				  "division_deputy, section_chief or "
				  "section_deputy");
	}
	return err_set_at(e, ERR_INVALID, "invalid_field", "line_kind",
			  "line_kind is 'staff' (establishment quota, 编制) "
			  "or 'post' (leader-post quota, 职数)");
}

void units_line_ids(struct org_line l, const char **kind, const char **line)
{
	*kind = l.kind == ORG_LINE_STAFF ? "staff" : "post";
	*line = l.kind == ORG_LINE_STAFF ? org_staff_type_name(l.staff_type)
					 : org_level_name(l.level);
}

#define UNITS_QUOTA_COLS "line_kind, line, count, document, approved_on"

/* The quota line at column 0.. of st as JSON. */
static json_t *units_quota_row(struct store_stmt *st, int col)
{
	return json_pack("{s:s,s:s,s:I,s:s,s:s}",
			 "line_kind", store_col_text(st, col),
			 "line", store_col_text(st, col + 1),
			 "count", (json_int_t)store_col_int(st, col + 2),
			 "document", store_col_text(st, col + 3),
			 "approved_on", store_col_text(st, col + 4));
}

static int units_load_quotas(struct store *s, struct units_tree *t,
			     struct err *e)
{
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT unit_id, " UNITS_QUOTA_COLS " FROM quota "
			   "ORDER BY unit_id, line_kind DESC, line", NULL, 0,
			&st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		size_t i = units_index(t, store_col_int(st, 0));
		if (i != SIZE_MAX)
			json_array_append_new(t->quotas[i],
					      units_quota_row(st, 1));
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* The filled counts of every line from the employments active today,
 * over the quotas already set. */
static int units_load_filled(struct store *s, struct units_tree *t,
			     struct err *e)
{
	char today[DAY_TEXT_LEN + 1];
	day_format(wallclock_today(), today);
	struct store_value v[] = { STORE_T(today) };
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT unit_id, 'staff', staff_type, count(*) "
			   "FROM employment WHERE concurrent = 0 AND "
			   "start_date <= ?1 AND (end_date IS NULL OR end_date "
			   ">= ?1) GROUP BY unit_id, staff_type UNION ALL "
			   "SELECT unit_id, 'post', post_level, count(*) FROM "
			   "employment WHERE post_level IS NOT NULL AND "
			   "start_date <= ?1 AND (end_date IS NULL OR end_date "
			   ">= ?1) GROUP BY unit_id, post_level", v, 1, &st,
			e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		size_t i = units_index(t, store_col_int(st, 0));
		struct org_line line;
		if (i == SIZE_MAX)
			continue;
		if (units_line_parse(store_col_text(st, 1),
				     store_col_text(st, 2), &line, e) != 0 ||
		    org_figures_set(&t->fig, i, line,
				    org_figures_own(&t->fig, i, line)->quota,
				    store_col_int(st, 3), e) != 0) {
			r = err_set(e, ERR_STORE, "store", "a stored "
				    "employment in unit %lld is not valid",
				    (long long)t->org[i].id);
			break;
		}
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* The figures of every unit from its quota lines and employments, and
 * each unit's depth. */
static int units_figures(struct store *s, struct units_tree *t,
			 struct err *e)
{
	if (org_figures_init(&t->fig, t->org, t->n, e) != 0)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		size_t k;
		json_t *q;
		json_array_foreach(t->quotas[i], k, q) {
			struct org_line line;
			const char *lk, *ln;
			lk = json_string_value(json_object_get(q, "line_kind"));
			ln = json_string_value(json_object_get(q, "line"));
			json_int_t count =
				json_integer_value(json_object_get(q, "count"));
			if (units_line_parse(lk, ln, &line, e) != 0 ||
			    org_figures_set(&t->fig, i, line, count, 0, e) != 0)
				return err_set(e, ERR_STORE, "store", "a stored "
					       "quota line of unit %lld is not "
					       "valid", (long long)t->org[i].id);
		}
	}
	if (units_load_filled(s, t, e) != 0)
		return -1;
	org_figures_compute(&t->fig);
	t->depth = xcalloc(t->n ? t->n : 1, sizeof *t->depth);
	for (size_t k = 0; k < t->n; k++) {
		size_t i = t->fig.tree.order[k], p = t->org[i].parent;
		t->depth[i] = p == ORG_NO_PARENT ? 0 : t->depth[p] + 1;
	}
	return 0;
}

/* Everything: the tree (checked), functions, quotas and figures. */
static int units_load(struct store *s, struct units_tree *t, struct err *e)
{
	if (units_load_tree(s, t, e) != 0 || units_load_functions(s, t, e) != 0 ||
	    units_load_quotas(s, t, e) != 0)
		return -1;
	if (units_figures(s, t, e) != 0) {
		if (e->code != ERR_STORE) {
			char why[ERR_MSG_MAX];
			snprintf(why, sizeof why, "%s", e->msg);
			err_set(e, ERR_STORE, "store", "the stored tree of units "
				"is not valid: %s", why);
		}
		return -1;
	}
	return 0;
}

static json_t *units_figure_json(const struct org_figure *f, bool net)
{
	json_t *o = json_pack("{s:I,s:I,s:I,s:I}", "quota", (json_int_t)f->quota,
			      "filled", (json_int_t)f->filled,
			      "vacant", (json_int_t)f->vacant,
			      "over", (json_int_t)f->over);
	if (net) {
		json_object_set_new(o, "net_vacant", json_integer(f->net_vacant));
		json_object_set_new(o, "net_over", json_integer(f->net_over));
	}
	return o;
}

/* The figures of unit i on every line that has a quota or a holder in
 * its subtree, staff types first, then levels. */
static json_t *units_figures_json(const struct units_tree *t, size_t i)
{
	json_t *arr = json_array();
	for (size_t k = 0; k < ORG_LINE_COUNT; k++) {
		struct org_line l = k < ORG_STAFF_TYPE_COUNT
			? org_staff_line((enum org_staff_type)k)
			: org_post_line((enum org_level)(k - ORG_STAFF_TYPE_COUNT));
		const struct org_figure *r = org_figures_rolled(&t->fig, i, l);
		if (r->quota == 0 && r->filled == 0)
			continue;
		const char *lk, *ln;
		units_line_ids(l, &lk, &ln);
		json_array_append_new(arr, json_pack("{s:s,s:s,s:o,s:o}",
			"line_kind", lk, "line", ln,
			"own", units_figure_json(org_figures_own(&t->fig, i, l), false),
			"rolled", units_figure_json(r, true)));
	}
	return arr;
}

static json_t *units_json(const struct units_tree *t, size_t i)
{
	return json_pack("{s:I,s:o,s:s,s:s,s:I,s:s,s:O,s:O,s:o}",
			 "id", (json_int_t)t->org[i].id,
			 "parent_id", t->parent_id[i]
				 ? json_integer(t->parent_id[i]) : json_null(),
			 "kind", org_unit_kind_name(t->org[i].kind),
			 "name", t->name[i],
			 "depth", (json_int_t)t->depth[i],
			 "created_at", t->created[i],
			 "functions", t->functions[i],
			 "quotas", t->quotas[i],
			 "figures", units_figures_json(t, i));
}

/* in[i]: unit i is within scope. Walks in pre-order, so a parent is
 * decided before its children. */
static void units_scope(const struct units_tree *t, int64_t scope, bool *in)
{
	for (size_t k = 0; k < t->n; k++) {
		size_t i = t->fig.tree.order[k], p = t->org[i].parent;
		in[i] = scope == UNITS_SCOPE_ALL || t->org[i].id == scope ||
			(p != ORG_NO_PARENT && in[p]);
	}
}

/* The units within scope, in pre-order, from the k-th on, at most limit;
 * total gets how many are within scope. */
static json_t *units_items(const struct units_tree *t, int64_t scope,
			   int64_t offset, int64_t limit, int64_t *total)
{
	json_t *items = json_array();
	bool *in = xcalloc(t->n ? t->n : 1, sizeof *in);
	units_scope(t, scope, in);
	*total = 0;
	for (size_t k = 0; k < t->n; k++) {
		size_t i = t->fig.tree.order[k];
		if (!in[i])
			continue;
		if (*total >= offset && *total - offset < limit)
			json_array_append_new(items, units_json(t, i));
		(*total)++;
	}
	free(in);
	return items;
}

int units_list(struct app *a, int64_t scope, int64_t offset, int64_t limit,
	       json_t **out, struct err *e)
{
	struct units_tree t = { 0 };
	int64_t total = 0;
	struct store *s = app_acquire(a);
	int rc = units_load(s, &t, e);
	app_release(a, s);
	if (rc == 0) {
		json_t *items = scope == UNITS_SCOPE_NONE
			? json_array()
			: units_items(&t, scope, offset, limit, &total);
		*out = app_page(items, total, offset, limit);
	}
	units_tree_free(&t);
	return rc;
}

int units_get(struct app *a, int64_t scope, int64_t id, json_t **out,
	      struct err *e)
{
	struct units_tree t = { 0 };
	struct store *s = app_acquire(a);
	int rc = units_load(s, &t, e);
	app_release(a, s);
	if (rc == 0) {
		size_t i = units_index(&t, id);
		bool *in = xcalloc(t.n ? t.n : 1, sizeof *in);
		units_scope(&t, scope, in);
		if (i == SIZE_MAX || scope == UNITS_SCOPE_NONE || !in[i])
			rc = err_set(e, ERR_NOT_FOUND, "not_found",
				     "there is no unit %lld", (long long)id);
		else
			*out = units_json(&t, i);
		free(in);
	}
	units_tree_free(&t);
	return rc;
}

/* True when unit i of t is scope or lies below it. Walks up at most n
 * steps, so a stored cycle (which the writes prevent) cannot hang it. */
static bool units_below(const struct units_tree *t, size_t i, int64_t scope)
{
	for (size_t steps = 0; i < t->n && steps <= t->n; steps++) {
		if (t->org[i].id == scope)
			return true;
		i = t->org[i].parent;
	}
	return false;
}

int64_t units_scope_of(const struct actor *who)
{
	if (who->roles & ROLE_ASSESSOR)
		return UNITS_SCOPE_ALL;
	if ((who->roles & ROLE_REPORTER) && who->unit_id > 0)
		return who->unit_id;
	return UNITS_SCOPE_NONE;
}

int units_scope_ids(struct store *s, int64_t scope, int64_t **out,
		    size_t *n, struct err *e)
{
	struct units_tree t = { 0 };
	*out = NULL;
	*n = 0;
	if (units_load_tree(s, &t, e) != 0) {
		units_tree_free(&t);
		return -1;
	}
	for (size_t i = 0; i < t.n; i++) {
		if (!units_below(&t, i, scope))
			continue;
		if (!*out)
			*out = xmalloc(t.n * sizeof **out);
		(*out)[(*n)++] = t.org[i].id;
	}
	units_tree_free(&t);
	return 0;
}

/* --- writes ------------------------------------------------------------- */

static void units_object(int64_t id, char out[UNITS_OBJECT_MAX])
{
	snprintf(out, UNITS_OBJECT_MAX, "unit:%lld", (long long)id);
}

/* A unit as the audit log shows it: {"id", "parent_id", "kind", "name",
 * "functions"}. ERR_NOT_FOUND when there is none. */
static int units_record(struct store *s, int64_t id, json_t **out,
			struct err *e)
{
	struct store_value arg[] = { STORE_I(id) };
	struct store_stmt *st;
	*out = NULL;
	if (store_query(s, "SELECT parent_id, kind, name FROM unit WHERE id = ?",
			arg, 1, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1)
		*out = json_pack("{s:I,s:o,s:s,s:s,s:o}", "id", (json_int_t)id,
				 "parent_id", store_col_null(st, 0) ? json_null()
					 : json_integer(store_col_int(st, 0)),
				 "kind", store_col_text(st, 1),
				 "name", store_col_text(st, 2),
				 "functions", json_array());
	store_finish(st);
	if (r == 0)
		return err_set(e, ERR_NOT_FOUND, "not_found",
			       "there is no unit %lld", (long long)id);
	if (r < 0 || store_query(s, "SELECT name FROM unit_function WHERE "
				    "unit_id = ? ORDER BY position", arg, 1,
				 &st, e) != 0)
		return -1;
	json_t *fns = json_object_get(*out, "functions");
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(fns, json_string(store_col_text(st, 0)));
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* True when s is empty or only white space (ASCII or the full-width
 * space U+3000). */
static bool units_blank(const char *s)
{
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return false;
	}
	return true;
}

/* A unit's or function's name: 1..UNITS_NAME_MAX characters, not only
 * spaces. where names the field for the error. */
static int units_check_name(const char *name, const char *where,
			    struct err *e)
{
	size_t len = strlen(name);
	if (units_blank(name))
		return err_set_at(e, ERR_INVALID, "invalid_field", where,
				  "the name is empty");
	if (!utf8_valid(name, len, NULL) ||
	    utf8_length(name, len) > UNITS_NAME_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", where,
				  "the name is longer than %d characters",
				  UNITS_NAME_MAX);
	return 0;
}

static int units_parse_kind(const char *kind, enum org_unit_kind *out,
			    struct err *e)
{
	if (org_unit_kind_parse(kind, out) == 0)
		return 0;
	return err_set_at(e, ERR_INVALID, "invalid_field", "kind",
			  "'%s' is not a unit kind (committee, department, "
			  "affiliate, zone, park, district, community, "
			  "station)", kind);
}

struct units_write {
	const struct actor *who;
	int64_t id;
	const struct units_input *in;
	enum org_unit_kind kind;
	const char *const *names;
	size_t nnames;
	const struct units_quota *quota;
};

/* The kind of the parent a new unit names; ORG_KIND_NONE at the root. */
static int units_parent_kind(struct store *s, int64_t parent_id,
			     enum org_unit_kind *out, struct err *e)
{
	struct store_value arg[] = { STORE_I(parent_id) };
	struct store_stmt *st;
	*out = ORG_KIND_NONE;
	if (!parent_id)
		return 0;
	if (store_query(s, "SELECT kind FROM unit WHERE id = ?", arg, 1, &st,
			e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1 && org_unit_kind_parse(store_col_text(st, 0), out) != 0)
		r = err_set(e, ERR_STORE, "store", "unit %lld has an unknown "
			    "kind", (long long)parent_id);
	store_finish(st);
	if (r == 0)
		return err_set_at(e, ERR_INVALID, "unknown_parent", "parent_id",
				  "there is no unit %lld to sit under",
				  (long long)parent_id);
	return r < 0 ? -1 : 0;
}

static int units_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct units_write *c = vctx;
	enum org_unit_kind pk;
	char now[WALLCLOCK_ISO_LEN], object[UNITS_OBJECT_MAX];
	int64_t count = 0;
	json_t *after = NULL;
	if (units_parent_kind(s, c->in->parent_id, &pk, e) != 0 ||
	    org_check_parent(c->kind, pk, e) != 0 ||
	    store_int(s, "SELECT count(*) FROM unit", NULL, 0, &count, e) != 0)
		return -1;
	if (count >= ORG_UNITS_MAX)
		return err_set(e, ERR_CONFLICT, "too_many_units", "there are "
			       "%d units already, the most allowed",
			       ORG_UNITS_MAX);
	if (store_next_id(s, "unit", &c->id, e) != 0)
		return -1;
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value args[] = {
		STORE_I(c->id),
		c->in->parent_id ? STORE_I(c->in->parent_id) : STORE_NIL,
		STORE_T(org_unit_kind_name(c->kind)), STORE_T(c->in->name),
		STORE_T(now),
	};
	if (store_run(s, "INSERT INTO unit (id, parent_id, kind, name, "
			 "created_at) VALUES (?, ?, ?, ?, ?)", args, 5, NULL,
		      e) != 0 ||
	    units_record(s, c->id, &after, e) != 0)
		return -1;
	units_object(c->id, object);
	int rc = audit_log_append(s, c->who, "unit.add", object, NULL, after, e);
	json_decref(after);
	return rc;
}

/* Runs a write and answers the unit as it is after it. */
static int units_write(struct app *a, store_tx_fn fn, struct units_write *c,
		       json_t **out, struct err *e)
{
	if (app_tx(a, fn, c, e) != 0)
		return -1;
	return units_get(a, UNITS_SCOPE_ALL, c->id, out, e);
}

int units_add(struct app *a, const struct actor *who,
	      const struct units_input *in, json_t **out, struct err *e)
{
	struct units_write c = { .who = who, .in = in };
	if (!in->name)
		return err_set_at(e, ERR_INVALID, "invalid_field", "name",
				  "the unit needs a name");
	if (!in->kind)
		return err_set_at(e, ERR_INVALID, "invalid_field", "kind",
				  "the unit needs a kind");
	if (units_check_name(in->name, "name", e) != 0 ||
	    units_parse_kind(in->kind, &c.kind, e) != 0)
		return -1;
	return units_write(a, units_add_tx, &c, out, e);
}

/* Applies the change to unit i of the loaded tree and checks the whole
 * tree, so that a move cannot make a cycle nor leave a unit under a
 * parent of the wrong kind. */
static int units_recheck(struct units_tree *t, size_t i,
			 const struct units_write *c, struct err *e)
{
	if (c->in->name)
		t->org[i].name = c->in->name;
	if (c->in->kind)
		t->org[i].kind = c->kind;
	if (c->in->move) {
		size_t p = c->in->parent_id ? units_index(t, c->in->parent_id)
					    : ORG_NO_PARENT;
		if (p == SIZE_MAX)
			return err_set_at(e, ERR_INVALID, "unknown_parent",
					  "parent_id", "there is no unit %lld "
					  "to sit under",
					  (long long)c->in->parent_id);
		t->org[i].parent = p;
	}
	return org_tree_check(t->org, t->n, e);
}

static int units_update_tx(struct store *s, void *vctx, struct err *e)
{
	struct units_write *c = vctx;
	struct units_tree t = { 0 };
	json_t *before = NULL, *after = NULL;
	char object[UNITS_OBJECT_MAX];
	int rc = -1;
	if (units_record(s, c->id, &before, e) != 0 ||
	    units_load_tree(s, &t, e) != 0)
		goto out;
	size_t i = units_index(&t, c->id);
	if (units_recheck(&t, i, c, e) != 0)
		goto out;
	size_t p = t.org[i].parent;
	struct store_value args[] = {
		STORE_T(t.org[i].name), STORE_T(org_unit_kind_name(t.org[i].kind)),
		p == ORG_NO_PARENT ? STORE_NIL : STORE_I(t.org[p].id),
		STORE_I(c->id),
	};
	if (store_run(s, "UPDATE unit SET name = ?, kind = ?, parent_id = ? "
			 "WHERE id = ?", args, 4, NULL, e) != 0 ||
	    units_record(s, c->id, &after, e) != 0)
		goto out;
	units_object(c->id, object);
	rc = audit_log_append(s, c->who, "unit.update", object, before, after,
			      e);
out:
	units_tree_free(&t);
	json_decref(before);
	json_decref(after);
	return rc;
}

int units_update(struct app *a, const struct actor *who, int64_t id,
		 const struct units_input *in, json_t **out, struct err *e)
{
	struct units_write c = { .who = who, .id = id, .in = in };
	if (in->name && units_check_name(in->name, "name", e) != 0)
		return -1;
	if (in->kind && units_parse_kind(in->kind, &c.kind, e) != 0)
		return -1;
	return units_write(a, units_update_tx, &c, out, e);
}

/* --- functions ---------------------------------------------------------- */

static int units_check_functions(const char *const *names, size_t n,
				 struct err *e)
{
	char where[48];
	if (n > UNITS_FUNCTIONS_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "functions",
				  "%zu functions; a unit carries at most %d",
				  n, UNITS_FUNCTIONS_MAX);
	for (size_t i = 0; i < n; i++) {
		snprintf(where, sizeof where, "functions[%zu]", i);
		if (units_check_name(names[i], where, e) != 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
				return err_set_at(e, ERR_INVALID,
						  "invalid_field", where,
						  "'%s' is listed twice",
						  names[i]);
	}
	return 0;
}

static int units_functions_tx(struct store *s, void *vctx, struct err *e)
{
	struct units_write *c = vctx;
	json_t *before = NULL, *after = NULL;
	char object[UNITS_OBJECT_MAX];
	struct store_value arg[] = { STORE_I(c->id) };
	int rc = -1;
	if (units_record(s, c->id, &before, e) != 0 ||
	    store_run(s, "DELETE FROM unit_function WHERE unit_id = ?", arg, 1,
		      NULL, e) != 0)
		goto out;
	for (size_t i = 0; i < c->nnames; i++) {
		struct store_value args[] = {
			STORE_I(c->id), STORE_I(i), STORE_T(c->names[i]),
		};
		if (store_run(s, "INSERT INTO unit_function (unit_id, position, "
				 "name) VALUES (?, ?, ?)", args, 3, NULL, e) != 0)
			goto out;
	}
	if (units_record(s, c->id, &after, e) != 0)
		goto out;
	units_object(c->id, object);
	rc = audit_log_append(s, c->who, "unit.functions", object, before,
			      after, e);
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

int units_set_functions(struct app *a, const struct actor *who, int64_t id,
			const char *const *names, size_t n, json_t **out,
			struct err *e)
{
	struct units_write c = { .who = who, .id = id, .names = names,
				 .nnames = n };
	if (units_check_functions(names, n, e) != 0)
		return -1;
	return units_write(a, units_functions_tx, &c, out, e);
}

/* --- quotas ------------------------------------------------------------- */

/* Today as yyyymmdd, in the server's local time zone (the approving
 * office's day). */
/* "2014-03-01" as 20140301; -1 when it is not of that form. */
static int units_parse_date(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	int v = 0;
	if (!s || strlen(s) != sizeof shape - 1)
		return -1;
	for (size_t i = 0; shape[i]; i++) {
		if (shape[i] == '-') {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9') {
			return -1;
		} else {
			v = v * 10 + (s[i] - '0');
		}
	}
	return v;
}

static int units_check_quota(const struct units_quota *q, struct org_line *line,
			     struct err *e)
{
	if (units_line_parse(q->line_kind, q->line, line, e) != 0)
		return -1;
	int date = units_parse_date(q->approved_on);
	if (date < 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "approved_on",
				  "the approval date is written yyyy-mm-dd, "
				  "e.g. 2014-03-01");
	struct org_quota oq = { *line, q->count, q->document ? q->document : "",
				date };
	return org_quota_check(&oq, wallclock_today(), e);
}

/* The stored quota line, or *out NULL when there is none. */
static int units_quota_load(struct store *s, int64_t id, const char *kind,
			    const char *line, json_t **out, struct err *e)
{
	struct store_value args[] = { STORE_I(id), STORE_T(kind), STORE_T(line) };
	struct store_stmt *st;
	*out = NULL;
	if (store_query(s, "SELECT " UNITS_QUOTA_COLS " FROM quota WHERE "
			   "unit_id = ? AND line_kind = ? AND line = ?", args, 3,
			&st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1)
		*out = units_quota_row(st, 0);
	store_finish(st);
	return r < 0 ? -1 : 0;
}

/* A new approval replaces the line: delete and insert, audited with the
 * line before and after. */
static int units_quota_tx(struct store *s, void *vctx, struct err *e)
{
	struct units_write *c = vctx;
	const struct units_quota *q = c->quota;
	json_t *unit = NULL, *before = NULL, *after = NULL;
	char now[WALLCLOCK_ISO_LEN], object[UNITS_OBJECT_MAX];
	int64_t qid;
	int rc = -1;
	if (units_record(s, c->id, &unit, e) != 0 ||
	    units_quota_load(s, c->id, q->line_kind, q->line, &before, e) != 0)
		goto out;
	struct store_value del[] = {
		STORE_I(c->id), STORE_T(q->line_kind), STORE_T(q->line),
	};
	if (store_run(s, "DELETE FROM quota WHERE unit_id = ? AND line_kind = ? "
			 "AND line = ?", del, 3, NULL, e) != 0 ||
	    store_next_id(s, "quota", &qid, e) != 0)
		goto out;
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value args[] = {
		STORE_I(qid), STORE_I(c->id), STORE_T(q->line_kind),
		STORE_T(q->line), STORE_I(q->count), STORE_T(q->document),
		STORE_T(q->approved_on), STORE_T(now),
	};
	if (store_run(s, "INSERT INTO quota (id, unit_id, " UNITS_QUOTA_COLS
			 ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", args,
		      8, NULL, e) != 0 ||
	    units_quota_load(s, c->id, q->line_kind, q->line, &after, e) != 0)
		goto out;
	units_object(c->id, object);
	rc = audit_log_append(s, c->who, "unit.quota", object, before, after, e);
out:
	json_decref(unit);
	json_decref(before);
	json_decref(after);
	return rc;
}

int units_set_quota(struct app *a, const struct actor *who, int64_t id,
		    const struct units_quota *q, json_t **out, struct err *e)
{
	struct org_line line;
	if (units_check_quota(q, &line, e) != 0)
		return -1;
	/* Stored by id, whichever name (id or Chinese) the caller used. */
	struct units_quota canon = *q;
	units_line_ids(line, &canon.line_kind, &canon.line);
	struct units_write c = { .who = who, .id = id, .quota = &canon };
	return units_write(a, units_quota_tx, &c, out, e);
}

/* --- delete ------------------------------------------------------------- */

/* ERR_CONFLICT when sql (counting rows that hang on the unit) finds any. */
static int units_none_left(struct store *s, int64_t id, const char *sql,
			   const char *id_err, const char *what, struct err *e)
{
	struct store_value arg[] = { STORE_I(id) };
	int64_t n = 0;
	if (store_int(s, sql, arg, 1, &n, e) != 0)
		return -1;
	if (n > 0)
		return err_set(e, ERR_CONFLICT, id_err, "unit %lld still has "
			       "%lld %s", (long long)id, (long long)n, what);
	return 0;
}

static int units_delete_tx(struct store *s, void *vctx, struct err *e)
{
	struct units_write *c = vctx;
	json_t *before = NULL;
	char object[UNITS_OBJECT_MAX];
	struct store_value arg[] = { STORE_I(c->id) };
	int rc = -1;
	if (units_record(s, c->id, &before, e) != 0 ||
	    units_none_left(s, c->id, "SELECT count(*) FROM unit WHERE "
			    "parent_id = ?", "unit_has_children",
			    "sub-unit(s); move or delete them first", e) != 0 ||
	    units_none_left(s, c->id, "SELECT count(*) FROM quota WHERE "
			    "unit_id = ?", "unit_has_quotas",
			    "approved quota line(s); a unit with quotas "
			    "is not deleted", e) != 0 ||
	    units_none_left(s, c->id, "SELECT count(*) FROM account WHERE "
			    "unit_id = ?", "unit_has_accounts",
			    "reporter account(s); give them another unit first", e) != 0 ||
	    units_none_left(s, c->id, "SELECT count(*) FROM person WHERE "
			    "unit_id = ?", "unit_has_people",
			    "person record(s) whose current unit it is", e) ||
	    units_none_left(s, c->id, "SELECT count(*) FROM employment WHERE "
			    "unit_id = ?", "unit_has_employments",
			    "employment(s), past or present: the history "
			    "keeps the unit", e) != 0 ||
	    units_none_left(s, c->id, "SELECT count(*) FROM service_contract "
			    "WHERE unit_id = ?", "unit_has_contracts",
			    "service contract(s) it bought", e) != 0)
		goto out;
	if (store_run(s, "DELETE FROM unit_function WHERE unit_id = ?", arg, 1,
		      NULL, e) != 0 ||
	    store_run(s, "DELETE FROM unit WHERE id = ?", arg, 1, NULL, e) != 0)
		goto out;
	units_object(c->id, object);
	rc = audit_log_append(s, c->who, "unit.delete", object, before, NULL, e);
out:
	json_decref(before);
	return rc;
}

int units_delete(struct app *a, const struct actor *who, int64_t id,
		 struct err *e)
{
	struct units_write c = { .who = who, .id = id };
	return app_tx(a, units_delete_tx, &c, e);
}

/* The unit named name under parent (0: at the root); how many there are
 * into *count. */
static int units_named(struct store *s, int64_t parent, const char *name,
		       size_t len, int64_t *out, int64_t *count, struct err *e)
{
	char *n = xstrndup(name, len);
	struct store_value v[] = { STORE_T(n), STORE_I(parent) };
	struct store_stmt *st;
	int r;
	*count = 0;
	int rc = store_query(s, "SELECT id FROM unit WHERE name = ? AND "
			     "coalesce(parent_id, 0) = ?", v, 2, &st, e);
	free(n);
	if (rc != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		*out = store_col_int(st, 0);
		(*count)++;
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

static int units_find_path(struct store *s, const char *text,
			   const char *field, int64_t *out, struct err *e)
{
	int64_t parent = 0, count = 0;
	const char *p = text;
	while (*p) {
		size_t len = strcspn(p, "/");
		if (units_named(s, parent, p, len, &parent, &count, e) != 0)
			return -1;
		if (count != 1)
			return err_set_at(e, ERR_INVALID, "unknown_unit", field,
					  "there is no unit '%.*s' on the path "
					  "'%.120s'", (int)len, p, text);
		p += len;
		p += *p == '/';
	}
	*out = parent;
	return 0;
}

int units_find(struct store *s, const char *text, const char *field,
	       int64_t *out, struct err *e)
{
	struct store_value v[] = { STORE_T(text) };
	int64_t count = 0;
	if (!*text)
		return err_set_at(e, ERR_INVALID, "missing_field", field,
				  "the unit is missing");
	if (strspn(text, "0123456789") == strlen(text)) {
		*out = strtoll(text, NULL, 10);
		struct store_value id[] = { STORE_I(*out) };
		if (store_int(s, "SELECT count(*) FROM unit WHERE id = ?", id,
			      1, &count, e) != 0)
			return -1;
	} else if (strchr(text, '/')) {
		return units_find_path(s, text, field, out, e);
	} else if (store_int(s, "SELECT count(*) FROM unit WHERE name = ?", v,
			     1, &count, e) != 0 ||
		   (count == 1 && store_int(s, "SELECT id FROM unit WHERE "
					       "name = ?", v, 1, out, e) != 0)) {
		return -1;
	}
	if (count > 1)
		return err_set_at(e, ERR_INVALID, "ambiguous_unit", field,
				  "%lld units are named '%.100s': write the "
				  "path from the committee, e.g. 管委会/%.100s",
				  (long long)count, text, text);
	if (count == 0)
		return err_set_at(e, ERR_INVALID, "unknown_unit", field,
				  "there is no unit '%.120s'", text);
	return 0;
}

int units_scope_sql(struct store *s, int64_t scope, const char *column,
		    struct buf *sql, struct err *e)
{
	int64_t *ids;
	size_t n;
	if (scope == UNITS_SCOPE_ALL)
		return 0;
	if (scope == UNITS_SCOPE_NONE) {
		buf_puts(sql, " AND 1 = 0");
		return 0;
	}
	if (units_scope_ids(s, scope, &ids, &n, e) != 0)
		return -1;
	if (n == 0)
		buf_puts(sql, " AND 1 = 0");
	else
		buf_printf(sql, " AND %s IN (", column);
	for (size_t i = 0; i < n; i++)
		buf_printf(sql, "%s%lld", i ? ", " : "", (long long)ids[i]);
	if (n)
		buf_putc(sql, ')');
	free(ids);
	return 0;
}

int units_in_scope(struct store *s, int64_t scope, int64_t unit, bool *out,
		   struct err *e)
{
	int64_t *ids;
	size_t n;
	*out = scope == UNITS_SCOPE_ALL;
	if (*out || scope == UNITS_SCOPE_NONE || unit == 0)
		return 0;
	if (units_scope_ids(s, scope, &ids, &n, e) != 0)
		return -1;
	for (size_t i = 0; i < n && !*out; i++)
		*out = ids[i] == unit;
	free(ids);
	return 0;
}
