/* exports: the columns of each list and the writing of its rows. */
#include "exports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/agencies.h"
#include "app/cycles.h"
#include "app/pay.h"
#include "app/projects.h"
#include "app/selections.h"
#include "app/units.h"
#include "core/codes.h"
#include "core/deploy.h"
#include "core/org.h"
#include "core/select.h"
#include "core/staffing.h"

#define EXPORTS_COLS_MAX 16
#define EXPORTS_PATH_MAX 1024
#define EXPORTS_REASONS_MAX 1024 /* bytes of an application's reasons */

/* The path of every unit from the root, by id ("管委会/商务局"). */
struct exports_paths {
	json_t *by_id; /* {"<id>": "path"} */
};

static int exports_paths_load(struct app *a, struct exports_paths *p,
			      struct err *e)
{
	json_t *page = NULL, *names = json_object();
	size_t i;
	json_t *u;
	p->by_id = json_object();
	if (units_list(a, UNITS_SCOPE_ALL, 0, INT64_MAX, &page, e) != 0) {
		json_decref(names);
		return -1;
	}
	/* Pre-order: a parent's path is known before its children's. */
	json_array_foreach(json_object_get(page, "items"), i, u) {
		char key[32], pkey[32], path[EXPORTS_PATH_MAX];
		json_t *parent = json_object_get(u, "parent_id");
		const char *name = json_string_value(json_object_get(u, "name"));
		snprintf(key, sizeof key, "%lld", (long long)json_integer_value(
						json_object_get(u, "id")));
		snprintf(pkey, sizeof pkey, "%lld",
			 (long long)json_integer_value(parent));
		const char *pp = json_is_integer(parent)
			? json_string_value(json_object_get(p->by_id, pkey))
			: NULL;
		snprintf(path, sizeof path, "%s%s%s", pp ? pp : "",
			 pp ? "/" : "", name);
		json_object_set_new(p->by_id, key, json_string(path));
	}
	json_decref(page);
	json_decref(names);
	return 0;
}

static const char *exports_path(const struct exports_paths *p, json_t *id)
{
	char key[32];
	if (!json_is_integer(id))
		return "";
	snprintf(key, sizeof key, "%lld", (long long)json_integer_value(id));
	const char *s = json_string_value(json_object_get(p->by_id, key));
	return s ? s : "";
}

static const char *exports_text(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static const char *exports_code(enum codes_table t, const char *code)
{
	const struct codes_entry *c = codes_find(t, code);
	return c ? c->name_zh : code;
}

static const char *exports_staff(const char *id)
{
	enum org_staff_type t;
	return org_staff_type_parse(id, &t) == 0 ? org_staff_type_name_zh(t)
						 : id;
}

static const char *exports_rank(const char *id)
{
	enum staffing_rank r;
	return staffing_rank_parse(id, &r) == 0 ? staffing_rank_name_zh(r) : id;
}

static const char *exports_level(const char *id)
{
	enum org_level l;
	return org_level_parse(id, &l) == 0 ? org_level_name_zh(l) : id;
}

/* Fen as yuan: "8500" or "8500.5" ("" for null). */
/* Fen as yuan with two decimals, the sign in front ("-0.50"). */
static const char *exports_fen(long long fen, char out[32])
{
	unsigned long long a = fen < 0 ? 0ULL - (unsigned long long)fen
				       : (unsigned long long)fen;
	snprintf(out, 32, "%s%llu.%02llu", fen < 0 ? "-" : "", a / 100,
		 a % 100);
	return out;
}

static const char *exports_yuan(const json_t *v, char out[32])
{
	if (!json_is_integer(v))
		return "";
	return exports_fen((long long)json_integer_value(v), out);
}

/* A writer with its header row; NULL on failure. */
static struct sheet_writer *exports_begin(enum sheet_format f,
					  const char *title,
					  const char *const *head,
					  struct err *e)
{
	struct sheet_cell cells[EXPORTS_COLS_MAX];
	size_t n = 0;
	for (; head[n]; n++)
		cells[n] = (struct sheet_cell){ head[n], false };
	struct sheet_writer *w = sheet_writer_new(f, title, e);
	if (w && sheet_writer_header(w, cells, n, e) != 0) {
		sheet_writer_free(w);
		return NULL;
	}
	return w;
}

static int exports_end(struct sheet_writer *w, int rc, struct buf *out,
		       struct err *e)
{
	if (rc != 0) {
		sheet_writer_free(w);
		return -1;
	}
	return sheet_writer_finish(w, out, e);
}

/* A row (or rows) of an export from one item of a list. */
typedef int exports_row_fn(struct sheet_writer *w, const json_t *x,
			   const struct exports_paths *paths, struct err *e);

/* What a list export is: the units' paths loaded, the header, and each of
 * items written by row, as the sheet title. */
static int exports_items(struct app *a, enum sheet_format f,
			 const char *title, const char *const *head,
			 const json_t *items, exports_row_fn *row,
			 struct buf *out, struct err *e)
{
	struct exports_paths paths = { NULL };
	size_t i;
	json_t *x;
	int rc = -1;
	if (exports_paths_load(a, &paths, e) != 0)
		return -1;
	struct sheet_writer *w = exports_begin(f, title, head, e);
	if (w) {
		rc = 0;
		json_array_foreach(items, i, x)
			if (rc == 0)
				rc = row(w, x, &paths, e);
		rc = exports_end(w, rc, out, e);
	}
	json_decref(paths.by_id);
	return rc;
}

/* The same for the {"items": [...]} answer of a listing that returned
 * listed (0, or -1 with e set); list is taken. */
static int exports_listed(struct app *a, int listed, json_t *list,
			  enum sheet_format f, const char *title,
			  const char *const *head, exports_row_fn *row,
			  struct buf *out, struct err *e)
{
	int rc = listed != 0 ? -1
			     : exports_items(a, f, title, head,
					     json_object_get(list, "items"),
					     row, out, e);
	json_decref(list);
	return rc;
}

static int exports_person_row(struct sheet_writer *w, const json_t *p,
			      const struct exports_paths *paths,
			      struct err *e)
{
	struct sheet_cell c[] = {
		{ exports_text(p, "name"), false },
		{ exports_code(CODES_GENDER, exports_text(p, "gender")), false },
		{ exports_text(p, "birth_date"), false },
		{ exports_text(p, "id_number"), false },
		{ exports_code(CODES_ETHNICITY, exports_text(p, "ethnicity")),
		  false },
		{ exports_code(CODES_POLITICAL,
			       exports_text(p, "political_status")), false },
		{ exports_code(CODES_EDUCATION, exports_text(p, "education")),
		  false },
		{ exports_text(p, "school"), false },
		{ exports_text(p, "school_tier"), false },
		{ exports_text(p, "phone"), false },
		{ exports_path(paths, json_object_get(p, "unit_id")), false },
		{ exports_staff(exports_text(p, "staff_type")), false },
		{ exports_rank(exports_text(p, "rank")), false },
	};
	return sheet_writer_row(w, c, sizeof c / sizeof c[0], e);
}

int exports_people(struct app *a, int64_t scope, const struct people_query *q,
		   enum sheet_format f, struct buf *out, struct err *e)
{
	static const char *const head[] = {
		"姓名", "性别", "出生日期", "身份证号", "民族", "政治面貌",
		"学历", "毕业院校", "院校层次", "联系电话", "单位", "人员类别",
		"职级", NULL };
	struct people_query all = *q;
	json_t *page = NULL;
	all.offset = 0;
	all.limit = EXPORTS_ROWS_MAX;
	int listed = people_list(a, scope, &all, &page, e);
	return exports_listed(a, listed, page, f, "人员名单", head,
			      exports_person_row, out, e);
}

static int exports_employment_row(struct sheet_writer *w, const json_t *m,
				  const struct exports_paths *paths,
				  struct err *e)
{
	char pay[32];
	struct sheet_cell c[] = {
		{ exports_text(m, "person_name"), false },
		{ exports_path(paths, json_object_get(m, "unit_id")), false },
		{ exports_staff(exports_text(m, "staff_type")), false },
		{ exports_text(m, "title"), false },
		{ exports_level(exports_text(m, "post_level")), false },
		{ exports_rank(exports_text(m, "rank")), false },
		{ json_is_true(json_object_get(m, "concurrent")) ? "是" : "否",
		  false },
		{ exports_yuan(json_object_get(m, "monthly_pay_fen"), pay),
		  true },
		{ exports_text(m, "start_date"), false },
		{ exports_text(m, "start_document"), false },
		{ exports_text(m, "end_date"), false },
		{ exports_text(m, "end_document"), false },
		{ exports_text(m, "over_quota_reason"), false },
	};
	if (!*c[7].text)
		c[7].number = false;
	return sheet_writer_row(w, c, sizeof c / sizeof c[0], e);
}

int exports_employments(struct app *a, int64_t scope,
			const struct employments_query *q, enum sheet_format f,
			struct buf *out, struct err *e)
{
	static const char *const head[] = {
		"姓名", "单位", "人员类别", "职务名称", "职务层次", "职级",
		"兼任", "月工资（元）", "任职日期", "任职文号", "截止日期",
		"免职文号", "超编理由", NULL };
	struct employments_query all = *q;
	json_t *page = NULL;
	all.offset = 0;
	all.limit = EXPORTS_ROWS_MAX;
	int listed = employments_list(a, scope, &all, &page, e);
	return exports_listed(a, listed, page, f, "任职记录", head,
			      exports_employment_row, out, e);
}

/* One row per quota line of the unit (own figures), or one empty row. */
static int exports_unit_rows(struct sheet_writer *w, const json_t *u,
			     const struct exports_paths *paths, struct err *e)
{
	char fig[4][24], fns[512] = "";
	size_t i, n = 0, k;
	json_t *x;
	json_array_foreach(json_object_get(u, "functions"), i, x)
		n += (size_t)snprintf(fns + n, n < sizeof fns ? sizeof fns - n : 0,
				      "%s%s", i ? "、" : "",
				      json_string_value(x));
	enum org_unit_kind kind;
	const char *kid = exports_text(u, "kind");
	struct sheet_cell c[] = {
		{ exports_path(paths, json_object_get(u, "id")), false },
		{ org_unit_kind_parse(kid, &kind) == 0
			  ? org_unit_kind_name_zh(kind) : kid, false },
		{ fns, false }, { "", false }, { "", true }, { "", true },
		{ "", true }, { "", true },
	};
	json_t *figs = json_object_get(u, "figures");
	if (json_array_size(figs) == 0) {
		for (k = 4; k < 8; k++)
			c[k].number = false;
		return sheet_writer_row(w, c, 8, e);
	}
	json_array_foreach(figs, i, x) {
		const char *kd = exports_text(x, "line_kind"),
			   *ln = exports_text(x, "line");
		json_t *own = json_object_get(x, "own");
		static const char *const keys[] = { "quota", "filled", "vacant",
						    "over" };
		c[3].text = strcmp(kd, "staff") == 0 ? exports_staff(ln)
						     : exports_level(ln);
		for (k = 0; k < 4; k++) {
			snprintf(fig[k], sizeof fig[k], "%lld",
				 (long long)json_integer_value(
					 json_object_get(own, keys[k])));
			c[4 + k].text = fig[k];
		}
		if (sheet_writer_row(w, c, 8, e) != 0)
			return -1;
	}
	return 0;
}

int exports_units(struct app *a, int64_t scope, enum sheet_format f,
		  struct buf *out, struct err *e)
{
	static const char *const head[] = {
		"单位", "类型", "职能", "编制/职数", "核定数", "实有数", "空缺",
		"超编", NULL };
	json_t *page = NULL;
	int listed = units_list(a, scope, 0, INT64_MAX, &page, e);
	return exports_listed(a, listed, page, f, "单位编制", head,
			      exports_unit_rows, out, e);
}

/* A plain decimal number ("96.5312", "-3"), written as a number cell. */
static bool exports_is_number(const char *t)
{
	size_t i = t[0] == '-';
	bool digits = false, dot = false;
	for (; t[i]; i++) {
		if (t[i] >= '0' && t[i] <= '9')
			digits = true;
		else if (t[i] == '.' && !dot)
			dot = true;
		else
			return false;
	}
	return digits;
}

/* The bonus in fen as yuan with two decimals ("" when there is none). */
static const char *exports_fen_text(const char *fen, char out[32])
{
	char *end;
	long long v = strtoll(fen, &end, 10);
	if (!*fen || *end)
		return "";
	return exports_fen(v, out);
}

int exports_cycle_results(struct app *a, int64_t scope, int64_t id,
			  bool bonus_only, enum sheet_format f,
			  struct buf *out, struct err *e)
{
	static const char *const bonus_head[] = { "名次", "对象", "名称",
						  "等次", "奖金（元）", NULL };
	json_t *page = NULL, *x, *first;
	size_t i;
	int rc = -1;
	if (cycles_results(a, scope, id, &page, e) != 0)
		return -1;
	json_t *items = json_object_get(page, "items");
	first = json_object_get(json_array_get(items, 0), "row");
	const char *head[EXPORTS_COLS_MAX + 2];
	size_t n = 0;
	const char *key;
	json_t *v;
	if (!bonus_only) {
		head[n++] = "名次";
		json_object_foreach(first, key, v)
			if (n < EXPORTS_COLS_MAX)
				head[n++] = key;
	}
	head[n] = NULL;
	struct sheet_writer *w = exports_begin(f, bonus_only ? "奖金名单"
							     : "考核结果",
					       bonus_only ? bonus_head : head,
					       e);
	if (!w)
		goto out;
	rc = 0;
	json_array_foreach(items, i, x) {
		json_t *row = json_object_get(x, "row");
		char pos[24], yuan[32];
		struct sheet_cell c[EXPORTS_COLS_MAX + 1];
		size_t k = 0;
		snprintf(pos, sizeof pos, "%lld", (long long)json_integer_value(
						json_object_get(x, "position")));
		const char *bonus = exports_text(row, "bonus");
		if (rc != 0 || (bonus_only && !*bonus))
			continue;
		c[k++] = (struct sheet_cell){ pos, true };
		if (bonus_only) {
			c[k++] = (struct sheet_cell){ exports_text(x, "subject"),
						      false };
			c[k++] = (struct sheet_cell){ exports_text(x, "name"),
						      false };
			c[k++] = (struct sheet_cell){ exports_text(row, "grade"),
						      false };
			c[k++] = (struct sheet_cell){
				exports_fen_text(bonus, yuan), true };
		} else {
			for (size_t h = 1; h < n; h++) {
				const char *t = exports_text(row, head[h]);
				c[k++] = (struct sheet_cell){
					t, exports_is_number(t) };
			}
		}
		if (bonus_only && !*c[4].text)
			c[4].number = false;
		rc = sheet_writer_row(w, c, k, e);
	}
	rc = exports_end(w, rc, out, e);
out:
	json_decref(page);
	return rc;
}

/* --- the pay scale, the parity report, agencies ---------------------------------- */

/* An integer member as text ("" when null). */
static const char *exports_int(const json_t *o, const char *key, char out[24])
{
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v))
		return "";
	snprintf(out, 24, "%lld", (long long)json_integer_value(v));
	return out;
}

/* A member in fen as yuan ("" when null). */
static const char *exports_member_yuan(const json_t *o, const char *key,
				       char out[32])
{
	return exports_yuan(json_object_get(o, key), out);
}

/* The monthly pay of grade g of a sequence's grades, as yuan. */
static const char *exports_grade_pay(const json_t *grades, json_int_t g,
				     char out[32])
{
	size_t i;
	json_t *x;
	json_array_foreach(grades, i, x)
		if (json_integer_value(json_object_get(x, "grade")) == g)
			return exports_member_yuan(x, "monthly_fen", out);
	return "";
}

int exports_pay_scale(struct app *a, enum sheet_format f, struct buf *out,
		      struct err *e)
{
	static const char *const head[] = {
		"岗位序列", "层级", "职位", "最低级别", "最高级别",
		"最低月工资（元）", "最高月工资（元）", "协议工资",
		"可比职级", NULL };
	json_t *scale = NULL, *sq, *pos;
	size_t i, k;
	int rc = -1;
	if (pay_scale_get(a, &scale, e) != 0)
		return -1;
	struct sheet_writer *w = exports_begin(f, "薪酬体系", head, e);
	if (!w)
		goto out;
	rc = 0;
	json_array_foreach(json_object_get(scale, "sequences"), i, sq)
		json_array_foreach(json_object_get(sq, "positions"), k, pos) {
		char lv[24], lo[24], hi[24], plo[32], phi[32];
		json_t *grades = json_object_get(sq, "grades");
		bool neg = json_is_true(json_object_get(pos, "negotiated"));
		struct sheet_cell c[] = {
			{ exports_text(sq, "name"), false },
			{ exports_int(pos, "level", lv), true },
			{ exports_text(pos, "name"), false },
			{ exports_int(pos, "min_grade", lo), !neg },
			{ exports_int(pos, "max_grade", hi), !neg },
			{ neg ? "" : exports_grade_pay(grades,
				json_integer_value(json_object_get(pos,
					"min_grade")), plo), !neg },
			{ neg ? "" : exports_grade_pay(grades,
				json_integer_value(json_object_get(pos,
					"max_grade")), phi), !neg },
			{ neg ? "是" : "否", false },
			{ exports_text(pos, "comparable_rank_name"), false },
		};
		if (rc == 0)
			rc = sheet_writer_row(w, c, sizeof c / sizeof c[0], e);
	}
	rc = exports_end(w, rc, out, e);
out:
	json_decref(scale);
	return rc;
}

/* count, min, median, max of one side of a parity row. */
static void exports_side(const json_t *side, struct sheet_cell *c,
			 char buf[4][32])
{
	static const char *const keys[] = { "count", "min_fen", "median_fen",
					    "max_fen" };
	for (int k = 0; k < 4; k++) {
		json_t *v = json_object_get(side, keys[k]);
		const char *t = !json_is_integer(v) ? ""
			: k == 0 ? exports_int(side, keys[k], buf[k])
				 : exports_yuan(v, buf[k]);
		c[k] = (struct sheet_cell){ t, *t != '\0' };
	}
}

int exports_pay_parity(struct app *a, const char *date, enum sheet_format f,
		       struct buf *out, struct err *e)
{
	static const char *const head[] = {
		"可比职级", "在编人数", "在编最低（元）", "在编中位（元）",
		"在编最高（元）", "派遣人数", "派遣最低（元）", "派遣中位（元）",
		"派遣最高（元）", "中位差（元）", NULL };
	json_t *report = NULL, *row;
	size_t i;
	int rc = -1;
	if (pay_parity(a, date, &report, e) != 0)
		return -1;
	struct sheet_writer *w = exports_begin(f, "同工同酬", head, e);
	if (!w)
		goto out;
	rc = 0;
	json_array_foreach(json_object_get(report, "rows"), i, row) {
		char in[4][32], dis[4][32], diff[32];
		struct sheet_cell c[10];
		c[0] = (struct sheet_cell){ exports_text(row, "rank_name"),
					    false };
		exports_side(json_object_get(row, "in_system"), c + 1, in);
		exports_side(json_object_get(row, "dispatched"), c + 5, dis);
		const char *d = exports_member_yuan(row,
						    "median_difference_fen",
						    diff);
		c[9] = (struct sheet_cell){ d, *d != '\0' };
		if (rc == 0)
			rc = sheet_writer_row(w, c, 10, e);
	}
	json_array_foreach(json_object_get(report, "negotiated"), i, row) {
		char dis[4][32];
		struct sheet_cell c[10] = { { exports_text(row, "name"), false } };
		for (int k = 1; k < 5; k++)
			c[k] = (struct sheet_cell){ "", false };
		exports_side(json_object_get(row, "dispatched"), c + 5, dis);
		c[9] = (struct sheet_cell){ "", false };
		if (rc == 0)
			rc = sheet_writer_row(w, c, 10, e);
	}
	rc = exports_end(w, rc, out, e);
out:
	json_decref(report);
	return rc;
}

int exports_agencies(struct app *a, enum sheet_format f, struct buf *out,
		     struct err *e)
{
	static const char *const head[] = {
		"机构", "类型", "合同编号", "购买单位", "人员类别", "人数",
		"在岗", "起始日期", "截止日期", "金额（元）", NULL };
	json_t *list = NULL, *ag, *k;
	size_t i, j;
	int rc = -1;
	if (agencies_list(a, &list, e) != 0)
		return -1;
	struct sheet_writer *w = exports_begin(f, "派遣与购买服务", head, e);
	if (!w)
		goto out;
	rc = 0;
	json_array_foreach(json_object_get(list, "items"), i, ag)
		json_array_foreach(json_object_get(ag, "contracts"), j, k) {
		char hc[24], fl[24], price[32];
		enum staffing_agency_kind kind;
		const char *kid = exports_text(ag, "kind");
		struct sheet_cell c[] = {
			{ exports_text(ag, "name"), false },
			{ staffing_agency_kind_parse(kid, &kind) == 0
				  ? staffing_agency_kind_name_zh(kind) : kid,
			  false },
			{ exports_text(k, "document"), false },
			{ exports_text(k, "unit_name"), false },
			{ exports_staff(exports_text(k, "staff_type")), false },
			{ exports_int(k, "headcount", hc), true },
			{ exports_int(k, "filled", fl), true },
			{ exports_text(k, "start_date"), false },
			{ exports_text(k, "end_date"), false },
			{ exports_member_yuan(k, "price_fen", price), true },
		};
		if (rc == 0)
			rc = sheet_writer_row(w, c, sizeof c / sizeof c[0], e);
	}
	rc = exports_end(w, rc, out, e);
out:
	json_decref(list);
	return rc;
}

/* --- frontline assignments and investment projects ---------------------------- */

static int exports_assignment_row(struct sheet_writer *w, const json_t *x,
				  const struct exports_paths *paths,
				  struct err *e)
{
	enum deploy_state st;
	const char *sid = exports_text(x, "state");
	struct sheet_cell c[] = {
		{ exports_text(x, "person_name"), false },
		{ exports_text(x, "kind_zh"), false },
		{ exports_path(paths, json_object_get(x, "home_unit_id")), false },
		{ exports_path(paths, json_object_get(x, "working_unit_id")),
		  false },
		{ exports_text(x, "start_date"), false },
		{ exports_text(x, "end_date"), false },
		{ exports_text(x, "ended_on"), false },
		{ deploy_state_parse(sid, &st) == 0 ? deploy_state_name_zh(st)
						    : sid, false },
		{ strcmp(exports_text(x, "assessed_by"), "home") == 0
			  ? "派出单位" : "工作单位", false },
		{ exports_text(x, "purpose"), false },
		{ exports_text(x, "document"), false },
	};
	return sheet_writer_row(w, c, sizeof c / sizeof c[0], e);
}

int exports_assignments(struct app *a, int64_t scope,
			const struct assignments_query *q, enum sheet_format f,
			struct buf *out, struct err *e)
{
	static const char *const head[] = {
		"姓名", "类型", "派出单位", "工作单位", "起始日期",
		"计划截止日期", "实际结束日期", "状态", "平时考核", "任务",
		"文号", NULL };
	json_t *list = NULL;
	int listed = assignments_list(a, scope, q, &list, e);
	return exports_listed(a, listed, list, f, "一线干部", head,
			      exports_assignment_row, out, e);
}

static const char *exports_step_state(const char *id)
{
	if (!strcmp(id, "done"))
		return "已完成";
	if (!strcmp(id, "overdue"))
		return "逾期";
	return !strcmp(id, "pending") ? "办理中" : id;
}

/* The rows of one project: one per approval step. */
static int exports_project_rows(struct sheet_writer *w, const json_t *p,
				const struct exports_paths *paths,
				struct err *e)
{
	char amount[32], days[24], pos[24];
	json_t *st;
	size_t i;
	struct sheet_cell c[] = {
		{ exports_text(p, "name"), false },
		{ exports_text(p, "investor"), false },
		{ exports_text(p, "industry"), false },
		{ exports_member_yuan(p, "amount_fen", amount), true },
		{ exports_path(paths, json_object_get(p, "unit_id")), false },
		{ exports_text(p, "commissioner"), false },
		{ exports_text(p, "signed_on"), false },
		{ exports_text(p, "target_start"), false },
		{ exports_text(p, "started_on"), false },
		{ exports_int(p, "days_to_start", days), true },
		{ pos, true }, { "", false }, { "", false }, { "", false },
		{ "", false }, { "", false },
	};
	c[9].number = *c[9].text != '\0';
	json_array_foreach(json_object_get(p, "steps"), i, st) {
		snprintf(pos, sizeof pos, "%lld", (long long)json_integer_value(
						json_object_get(st, "position")));
		c[11].text = exports_text(st, "name");
		c[12].text = exports_text(st, "authority");
		c[13].text = exports_text(st, "due_on");
		c[14].text = exports_text(st, "done_on");
		c[15].text = exports_step_state(exports_text(st, "state"));
		if (sheet_writer_row(w, c, sizeof c / sizeof c[0], e) != 0)
			return -1;
	}
	return 0;
}

int exports_projects(struct app *a, enum sheet_format f, struct buf *out,
		     struct err *e)
{
	static const char *const head[] = {
		"项目名称", "投资方", "行业", "投资额（元）", "所在单位",
		"服务专员", "签约日期", "计划开工日期", "实际开工日期",
		"签约至开工天数", "序号", "审批事项", "审批部门", "应完成日期",
		"完成日期", "事项状态", NULL };
	json_t *list = NULL;
	int listed = projects_list(a, &list, e);
	return exports_listed(a, listed, list, f,
			      "招商项目", head, exports_project_rows, out, e);
}

/* --- redeployment plans ------------------------------------------------------------ */

static int exports_plan_row(struct sheet_writer *w, const json_t *x,
			    const struct exports_paths *paths, struct err *e)
{
	bool decided = !strcmp(exports_text(x, "decision"), "decided");
	struct sheet_cell c[] = {
		{ exports_text(x, "person_name"), false },
		{ exports_text(x, "rank_zh"), false },
		{ exports_path(paths, json_object_get(x, "home_unit_id")),
		  false },
		{ exports_text(x, "route_zh"), false },
		{ exports_path(paths, json_object_get(x, "receiving_unit_id")),
		  false },
		{ decided ? "已决定" : "待定", false },
		{ exports_text(x, "document"), false },
		{ exports_text(x, "decided_on"), false },
		{ exports_text(x, "over_quota_reason"), false },
	};
	return sheet_writer_row(w, c, sizeof c / sizeof c[0], e);
}

int exports_plan(struct app *a, int64_t scope, int64_t id,
		 const struct plans_query *q, enum sheet_format f,
		 struct buf *out, struct err *e)
{
	static const char *const head[] = {
		"姓名", "职级", "原单位", "安置去向", "接收单位", "状态",
		"决定文号", "决定日期", "超编理由", NULL };
	struct plans_query all = *q;
	json_t *page = NULL;
	all.offset = 0;
	all.limit = EXPORTS_ROWS_MAX;
	int listed = plans_entries(a, scope, id, &all, &page, e);
	return exports_listed(a, listed, page, f, "调整安置名单", head,
			      exports_plan_row, out, e);
}

/* --- open selection campaigns --------------------------------------------------- */

/* One reason of an ineligible application in Chinese, from its code and
 * figures (the service's message is English), appended to out. */
static void exports_reason(const json_t *r, char *out, size_t size)
{
	const char *code = exports_text(r, "code");
	const char *limit = exports_text(r, "limit");
	long long age = json_integer_value(json_object_get(r, "age"));
	long long lim = json_integer_value(json_object_get(r, "limit"));
	json_t *years = json_object_get(r, "years");
	enum select_edu edu;
	char one[256], y[24] = "—";
	size_t used = strlen(out);
	if (!strcmp(code, "too_young") || !strcmp(code, "too_old"))
		snprintf(one, sizeof one, "年龄 %lld 周岁，岗位要求%s %lld 周岁",
			 age, !strcmp(code, "too_young") ? "不低于" : "不超过",
			 lim);
	else if (!strcmp(code, "no_rank"))
		snprintf(one, sizeof one, "无职级，岗位要求职级");
	else if (!strcmp(code, "rank_too_low") || !strcmp(code, "rank_too_high"))
		snprintf(one, sizeof one, "职级%s%s",
			 !strcmp(code, "rank_too_low") ? "低于" : "高于",
			 exports_rank(limit));
	else if (!strcmp(code, "years_too_short")) {
		if (json_is_integer(years))
			snprintf(y, sizeof y, "%lld",
				 (long long)json_integer_value(years));
		snprintf(one, sizeof one, "任现职级 %s 年，岗位要求满 %lld 年",
			 y, lim);
	} else if (!strcmp(code, "education"))
		snprintf(one, sizeof one, "学历低于%s",
			 select_edu_parse(limit, &edu) == 0
				 ? select_edu_name_zh(edu) : limit);
	else if (!strcmp(code, "school_tier"))
		snprintf(one, sizeof one, "毕业院校不是%s院校", limit);
	else if (!strcmp(code, "staff_type"))
		snprintf(one, sizeof one, "编制类型不符合岗位要求");
	else
		snprintf(one, sizeof one, "%s", exports_text(r, "message"));
	if (used < size)
		snprintf(out + used, size - used, "%s%s", used ? "；" : "", one);
}

/* 合格, or 不合格：the reasons. */
static const char *exports_eligibility(const json_t *x, char *out,
				       size_t size)
{
	char reasons[EXPORTS_REASONS_MAX] = "";
	size_t i;
	json_t *r;
	if (json_is_true(json_object_get(x, "eligible")))
		return "合格";
	json_array_foreach(json_object_get(x, "reasons"), i, r)
		exports_reason(r, reasons, sizeof reasons);
	snprintf(out, size, "不合格%s%s", *reasons ? "：" : "", reasons);
	return out;
}

/* A score (a JSON number) with at most 4 decimals, no trailing zeros
 * ("" for null). */
static const char *exports_score(const json_t *v, char out[32])
{
	if (!json_is_number(v))
		return "";
	snprintf(out, 32, "%.4f", json_number_value(v));
	char *dot = strchr(out, '.');
	size_t n = strlen(out);
	while (dot && n && out[n - 1] == '0')
		out[--n] = '\0';
	if (dot && n && out[n - 1] == '.')
		out[--n] = '\0';
	return out;
}

static const char *exports_app_state(const json_t *x)
{
	const char *st = exports_text(x, "state");
	if (!strcmp(st, "appointed"))
		return "已任用";
	if (!strcmp(st, "withdrawn"))
		return "已放弃";
	return json_is_true(json_object_get(x, "shortlisted")) ? "进入面试"
							       : "已报名";
}

/* The post of application x: its unit's path and its title. */
static const json_t *exports_post_of(const json_t *posts, const json_t *x)
{
	size_t i;
	json_t *p;
	json_int_t id = json_integer_value(json_object_get(x, "post_id"));
	json_array_foreach(posts, i, p)
		if (json_integer_value(json_object_get(p, "id")) == id)
			return p;
	return NULL;
}

static int exports_application_row(struct sheet_writer *w, const json_t *x,
				   const json_t *post,
				   const struct exports_paths *paths,
				   struct err *e)
{
	char place[24], rank[24], id[24], written[32], interview[32],
		total[32], eligibility[EXPORTS_REASONS_MAX + 16];
	struct sheet_cell c[] = {
		{ exports_path(paths, json_object_get(post, "unit_id")), false },
		{ exports_text(post, "title"), false },
		{ exports_int(x, "place", place), true },
		{ exports_text(x, "person_name"), false },
		{ exports_eligibility(x, eligibility, sizeof eligibility),
		  false },
		{ exports_score(json_object_get(x, "written"), written), true },
		{ exports_score(json_object_get(x, "interview"), interview),
		  true },
		{ exports_score(json_object_get(x, "total"), total), true },
		{ exports_int(x, "rank", rank), true },
		{ exports_app_state(x), false },
		{ exports_int(x, "id", id), true },
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		if (c[i].number && !*c[i].text)
			c[i].number = false;
	return sheet_writer_row(w, c, sizeof c / sizeof c[0], e);
}

int exports_selection(struct app *a, int64_t id, enum sheet_format f,
		      struct buf *out, struct err *e)
{
	static const char *const head[] = {
		"单位", "岗位", "名次", "姓名", "资格审查", "笔试", "面试",
		"综合成绩", "排名", "状态", "报名号", NULL };
	struct exports_paths paths = { NULL };
	json_t *campaign = NULL, *x;
	size_t i;
	int rc = -1;
	if (selections_get(a, id, &campaign, e) != 0 ||
	    exports_paths_load(a, &paths, e) != 0)
		goto out;
	struct sheet_writer *w = exports_begin(f, "选拔成绩", head, e);
	if (!w)
		goto out;
	rc = 0;
	const json_t *posts = json_object_get(campaign, "posts");
	json_array_foreach(json_object_get(campaign, "applications"), i, x)
		if (rc == 0)
			rc = exports_application_row(w, x,
						     exports_post_of(posts, x),
						     &paths, e);
	rc = exports_end(w, rc, out, e);
out:
	json_decref(campaign);
	json_decref(paths.by_id);
	return rc;
}
