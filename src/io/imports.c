/* imports: column tables, the reading of a row into a service's input,
 * and the one transaction of a whole file. */
#include "imports.h"
#include "imports_int.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/agencies.h"
#include "app/assignments.h"
#include "app/employments.h"
#include "app/pay.h"
#include "app/people.h"
#include "app/selections.h"
#include "app/units.h"
#include "base/xmalloc.h"
#include "core/codes.h"
#include "core/day.h"

#define IMPORTS_PAY_MAX 100000000LL /* yuan a month, as a sanity limit */

static const struct imports_col imports_people[] = {
	{ "name", "姓名", true, "示例某甲", NULL },
	{ "id_number", "身份证号", true, "120116198808089029", NULL },
	{ "gender", "性别", false, "女", "gender_mismatch" },
	{ "birth_date", "出生日期", false, "1988-08-08", NULL },
	{ "ethnicity", "民族", true, "汉族", NULL },
	{ "political_status", "政治面貌", true, "中国共产党党员", NULL },
	{ "education", "学历", true, "硕士研究生毕业", NULL },
	{ "school", "毕业院校", false, "南开大学", NULL },
	{ "school_tier", "院校层次", false, "985", NULL },
	{ "phone", "联系电话", false, "022-66290000", NULL },
	{ "unit", "单位", false, "天津经济技术开发区管委会/办公室", "unit_id" },
	{ NULL, NULL, false, NULL, NULL },
};

static const struct imports_col imports_employments[] = {
	{ "id_number", "身份证号", true, "120116198808089029", "person_id" },
	{ "unit", "单位", true, "天津经济技术开发区管委会/办公室", "unit_id" },
	{ "staff_type", "人员类别", true, "公务员", NULL },
	{ "title", "职务名称", true, "综合科科员", NULL },
	{ "post_level", "职务层次", false, "", "level" },
	{ "rank", "职级", false, "四级主任科员", NULL },
	{ "concurrent", "兼任", false, "否", NULL },
	{ "contract", "服务合同", false, "", "contract_id" },
	{ "monthly_pay", "月工资（元）", false, "9000", "monthly_pay_fen" },
	{ "start_date", "任职日期", true, "2024-03-01", NULL },
	{ "start_document", "任职文号", true, "津开组任〔2024〕1号", NULL },
	{ "end_date", "截止日期", false, "", NULL },
	{ "over_quota_reason", "超编理由", false, "", "reason" },
	{ NULL, NULL, false, NULL, NULL },
};

static const struct imports_col imports_pay[] = {
	{ "id_number", "身份证号", true, "440404199001019011",
	  "employment_id" },
	{ "sequence", "岗位序列", true, "文职", NULL },
	{ "position", "职位", true, "专员", "position_id" },
	{ "pay_grade", "工资级别", false, "5", NULL },
	{ "negotiated", "协商工资（元）", false, "", "negotiated_fen" },
	{ "start_date", "起始日期", true, "2027-01-01", NULL },
	{ "end_date", "截止日期", false, "", NULL },
	{ "document", "文号", true, "珠横人派〔2027〕1号", NULL },
	{ NULL, NULL, false, NULL, NULL },
};

static const struct imports_col imports_assignments[] = {
	{ "id_number", "身份证号", true, "120116198808089029", "person_id" },
	{ "kind", "类型", true, "招商一线", NULL },
	{ "home_unit", "派出单位", false, "", "home_unit_id" },
	{ "working_unit", "工作单位", true, "天津经济技术开发区管委会/西区",
	  "working_unit_id" },
	{ "start_date", "起始日期", true, "2027-03-01", NULL },
	{ "end_date", "计划截止日期", true, "2027-12-31", NULL },
	{ "assessed_by", "平时考核", false, "工作单位", NULL },
	{ "purpose", "任务", true, "驻西区招商一线", NULL },
	{ "document", "文号", true, "津开组〔2027〕5号", NULL },
	{ NULL, NULL, false, NULL, NULL },
};

static imports_row_fn imports_person, imports_employment, imports_assignment,
	imports_frontline;

static const struct {
	const char *name, *title;
	const struct imports_col *cols;
	imports_row_fn *row;
} imports_kinds[IMPORTS_KIND_COUNT] = {
	[IMPORTS_PEOPLE] = { "people", "人员信息", imports_people,
			     imports_person },
	[IMPORTS_EMPLOYMENTS] = { "employments", "任职信息",
				  imports_employments, imports_employment },
	[IMPORTS_PAY] = { "pay", "薪酬定级", imports_pay, imports_assignment },
	[IMPORTS_ASSIGNMENTS] = { "assignments", "一线干部派驻",
				  imports_assignments, imports_frontline },
	[IMPORTS_PROJECTS] = { "projects", "招商项目", imports_projects_cols,
			       imports_project },
};

int imports_kind_parse(const char *s, enum imports_kind *out)
{
	for (int i = 0; s && i < IMPORTS_KIND_COUNT; i++)
		if (strcmp(s, imports_kinds[i].name) == 0) {
			*out = (enum imports_kind)i;
			return 0;
		}
	return -1;
}

const char *imports_kind_name(enum imports_kind k)
{
	return imports_kinds[k].name;
}

const char *imports_kind_title(enum imports_kind k)
{
	return imports_kinds[k].title;
}

/* --- one file ------------------------------------------------------------- */

/* "people.xlsx row 12 column C (身份证号)" for a cell, "... row 12" for
 * the row. */
void imports_where(const struct imports_ctx *c, uint32_t line, int col,
		  char *out, size_t size)
{
	const char *unit = c->sheet->format == SHEET_XLSX ? "row" : "line";
	if (col < 0 || c->at[col] < 0) {
		snprintf(out, size, "%s %s %u", c->sheet->name, unit, line);
		return;
	}
	char letters[SHEET_COLUMN_NAME];
	sheet_column_name((uint32_t)c->at[col], letters);
	snprintf(out, size, "%s %s %u column %s (%s)", c->sheet->name, unit,
		 line, letters, c->cols[col].zh);
}

/* The column a service's field belongs to; -1 when none. */
static int imports_col_of(const struct imports_ctx *c, const char *field)
{
	if (strncmp(field, "$.", 2) == 0)
		field += 2;
	for (int i = 0; c->cols[i].field; i++)
		if (strcmp(field, c->cols[i].field) == 0 ||
		    (c->cols[i].alias && strcmp(field, c->cols[i].alias) == 0))
			return i;
	return -1;
}

/* Records e as a problem of the row (at the column of its field). */
void imports_problem(struct imports_ctx *c, uint32_t line,
		    const struct err *e)
{
	struct err p = *e;
	int col = imports_col_of(c, e->where);
	imports_where(c, line, col, p.where, sizeof p.where);
	err_list_add(&c->r->problems, &p);
}

/* Maps the header row to the columns; problems into the report. */
void imports_header(struct imports_ctx *c)
{
	const struct sheet_row *h = &c->sheet->rows[0];
	struct err e = ERR_INIT;
	for (int i = 0; i < IMPORTS_COLS_MAX; i++)
		c->at[i] = -1;
	for (uint32_t k = 0; k < h->ncells; k++) {
		const char *text = sheet_get(h, k);
		int found = -1;
		if (!*text)
			continue;
		for (int i = 0; c->cols[i].field && found < 0; i++)
			if (strcmp(text, c->cols[i].zh) == 0 ||
			    strcmp(text, c->cols[i].field) == 0)
				found = i;
		if (found >= 0 && c->at[found] < 0) {
			c->at[found] = (int)k;
			continue;
		}
		char letters[SHEET_COLUMN_NAME];
		sheet_column_name(k, letters);
		err_set_at(&e, ERR_INVALID, found < 0 ? "unknown_column"
						      : "duplicate_column", "",
			   "the column '%.60s' is %s", text,
			   found < 0 ? "not one of this template's"
				     : "there twice");
		snprintf(e.where, sizeof e.where, "%s %s %u column %s",
			 c->sheet->name, c->sheet->format == SHEET_XLSX
					 ? "row" : "line", h->line, letters);
		err_list_add(&c->r->problems, &e);
	}
	for (int i = 0; c->cols[i].field; i++)
		if (c->cols[i].required && c->at[i] < 0) {
			err_set_at(&e, ERR_INVALID, "missing_column", "",
				   "the column %s (%s) is missing",
				   c->cols[i].zh, c->cols[i].field);
			snprintf(e.where, sizeof e.where, "%s",
				 c->sheet->name);
			err_list_add(&c->r->problems, &e);
		}
}

void imports_row_read(const struct imports_ctx *c,
		     const struct sheet_row *row,
		     struct imports_row *out)
{
	memset(out, 0, sizeof *out);
	out->line = row->line;
	for (int i = 0; c->cols[i].field; i++) {
		if (c->at[i] < 0)
			continue;
		const char *t = sheet_get(row, (uint32_t)c->at[i]);
		while (*t == ' ' || *t == '\t')
			t++;
		size_t n = strlen(t);
		while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
			n--;
		if (n)
			out->v[i] = xstrndup(t, n);
	}
}

void imports_row_free(struct imports_row *r)
{
	for (int i = 0; i < IMPORTS_COLS_MAX; i++)
		free(r->v[i]);
}

/* The value of the column whose field is field (NULL when empty). */
const char *imports_v(const struct imports_ctx *c,
		     const struct imports_row *r, const char *field)
{
	for (int i = 0; c->cols[i].field; i++)
		if (strcmp(c->cols[i].field, field) == 0)
			return r->v[i];
	return NULL;
}

/* A code written as the code or as its Chinese name ("汉族" → "01"); any
 * other text is passed on for the service to refuse by name. */
static const char *imports_code(enum codes_table t, const char *v)
{
	const struct codes_entry *c;
	if (!v || codes_find(t, v))
		return v;
	if (t == CODES_GENDER && (strcmp(v, "男") == 0 || strcmp(v, "女") == 0))
		return strcmp(v, "男") == 0 ? "1" : "2";
	c = codes_find_name(t, v);
	return c ? c->code : v;
}

/* "2024-03-01", "2024/3/1" or "2024.03.01" as yyyy-mm-dd into out;
 * anything else is passed on for the service to refuse by name. */
const char *imports_date(const char *v, char out[DAY_TEXT_LEN + 1])
{
	int y, m, d, n = 0;
	char s1, s2;
	if (!v || sscanf(v, "%4d%c%2d%c%2d%n", &y, &s1, &m, &s2, &d, &n) != 5 ||
	    v[n] != '\0' || s1 != s2 || !strchr("-/.", s1))
		return v;
	if (!day_valid(y * 10000 + m * 100 + d))
		return v;
	day_format(y * 10000 + m * 100 + d, out);
	return out;
}

/* 是/否, true/false, yes/no, 1/0, or empty (false). */
static int imports_bool(const char *v, const char *field, bool *out,
			struct err *e)
{
	static const char *const yes[] = { "是", "true", "TRUE", "yes", "1" };
	static const char *const no[] = { "否", "false", "FALSE", "no", "0" };
	*out = false;
	if (!v)
		return 0;
	for (size_t i = 0; i < 5; i++) {
		if (strcmp(v, yes[i]) == 0)
			return *out = true, 0;
		if (strcmp(v, no[i]) == 0)
			return 0;
	}
	return err_set_at(e, ERR_INVALID, "invalid_field", field,
			  "write 是 or 否 (yes or no)");
}

int imports_fen(const char *v, const char *field, int64_t max_yuan,
		const char *what, int64_t *out, struct err *e)
{
	int64_t yuan = 0, fen = 0;
	int decimals = 0;
	const char *p = v;
	*out = -1;
	if (!v)
		return 0;
	for (; *p >= '0' && *p <= '9' && yuan <= max_yuan; p++)
		yuan = yuan * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && decimals < 2; p++) {
			fen = fen * 10 + (*p - '0');
			decimals++;
		}
	if (p == v || *p || yuan > max_yuan)
		return err_set_at(e, ERR_INVALID, "invalid_field", field,
				  "write %s in yuan, e.g. 8500 or 8500.50 (at "
				  "most %lld)", what, (long long)max_yuan);
	*out = yuan * 100 + (decimals == 1 ? fen * 10 : fen);
	return 0;
}

/* Pay in yuan as fen; -1 when empty. */
static int imports_yuan(const char *v, const char *field, int64_t *out,
			struct err *e)
{
	return imports_fen(v, field, IMPORTS_PAY_MAX, "the pay", out, e);
}

/* --- rows of each kind ------------------------------------------------------ */

static int imports_person(struct imports_ctx *c, struct store *s,
			  const struct imports_row *r, struct err *e)
{
	char birth[DAY_TEXT_LEN + 1];
	const char *unit = imports_v(c, r, "unit");
	struct people_input in = {
		.name = imports_v(c, r, "name"),
		.id_number = imports_v(c, r, "id_number"),
		.gender = imports_code(CODES_GENDER, imports_v(c, r, "gender")),
		.birth_date = imports_date(imports_v(c, r, "birth_date"),
					   birth),
		.ethnicity = imports_code(CODES_ETHNICITY,
					  imports_v(c, r, "ethnicity")),
		.political_status = imports_code(CODES_POLITICAL,
					imports_v(c, r, "political_status")),
		.education = imports_code(CODES_EDUCATION,
					  imports_v(c, r, "education")),
		.school = imports_v(c, r, "school"),
		.school_tier = imports_v(c, r, "school_tier"),
		.phone = imports_v(c, r, "phone"),
	};
	int64_t id;
	if (unit && units_find(s, unit, "unit", &in.unit_id, e) != 0)
		return -1;
	return people_add_in(s, c->who, &in, &id, e);
}

static int imports_employment(struct imports_ctx *c, struct store *s,
			      const struct imports_row *r, struct err *e)
{
	char start[DAY_TEXT_LEN + 1], end[DAY_TEXT_LEN + 1];
	const char *person = imports_v(c, r, "id_number");
	const char *unit = imports_v(c, r, "unit");
	const char *contract = imports_v(c, r, "contract");
	struct employments_input in = {
		.staff_type = imports_v(c, r, "staff_type"),
		.title = imports_v(c, r, "title"),
		.post_level = imports_v(c, r, "post_level"),
		.rank = imports_v(c, r, "rank"),
		.start_date = imports_date(imports_v(c, r, "start_date"),
					   start),
		.start_document = imports_v(c, r, "start_document"),
		.end_date = imports_date(imports_v(c, r, "end_date"), end),
		.reason = imports_v(c, r, "over_quota_reason"),
	};
	int64_t id;
	in.allow_over = in.reason != NULL;
	if (imports_bool(imports_v(c, r, "concurrent"), "concurrent",
			 &in.concurrent, e) != 0 ||
	    imports_yuan(imports_v(c, r, "monthly_pay"), "monthly_pay",
			 &in.monthly_pay_fen, e) != 0 ||
	    (person && people_find(s, person, "id_number", &in.person_id,
				   e) != 0) ||
	    (unit && units_find(s, unit, "unit", &in.unit_id, e) != 0) ||
	    (contract && agencies_contract_find(s, contract, "contract",
						&in.contract_id, e) != 0))
		return -1;
	if (!person || !unit)
		return err_set_at(e, ERR_INVALID, "missing_field",
				  person ? "unit" : "id_number", "the %s is "
				  "missing", person ? "unit" : "ID number");
	return employments_add_in(s, c->who, &in, &id, e);
}

/* A whole number of 1..max, or 0 when empty. */
static int imports_int(const char *v, const char *field, int64_t max,
		       int64_t *out, struct err *e)
{
	char *end;
	*out = 0;
	if (!v)
		return 0;
	long long n = strtoll(v, &end, 10);
	if (*end || n < 1 || n > max)
		return err_set_at(e, ERR_INVALID, "invalid_field", field,
				  "write a whole number from 1 to %lld",
				  (long long)max);
	*out = n;
	return 0;
}

static int imports_assignment(struct imports_ctx *c, struct store *s,
			      const struct imports_row *r, struct err *e)
{
	char start[DAY_TEXT_LEN + 1], end[DAY_TEXT_LEN + 1];
	const char *person = imports_v(c, r, "id_number");
	struct pay_assign_input in = {
		.start_date = imports_date(imports_v(c, r, "start_date"),
					   start),
		.end_date = imports_date(imports_v(c, r, "end_date"), end),
		.document = imports_v(c, r, "document"),
	};
	int64_t pid, id, fen;
	if (!person)
		return err_set_at(e, ERR_INVALID, "missing_field", "id_number",
				  "the ID number is missing");
	if (people_find(s, person, "id_number", &pid, e) != 0 ||
	    employments_find(s, pid, "dispatched", "id_number",
			     &in.employment_id, e) != 0 ||
	    pay_position_find(s, imports_v(c, r, "sequence"),
			      imports_v(c, r, "position"), "position",
			      &in.position_id, e) != 0 ||
	    imports_int(imports_v(c, r, "pay_grade"), "pay_grade", 100,
			&in.pay_grade, e) != 0 ||
	    imports_yuan(imports_v(c, r, "negotiated"), "negotiated", &fen,
			 e) != 0)
		return -1;
	in.negotiated_fen = fen < 0 ? 0 : fen;
	return pay_assign_in(s, c->who, &in, &id, e);
}

/* 工作单位 or 派出单位 (or working, home); empty: the working unit. */
static int imports_assessed_by(const char *v, bool *home, struct err *e)
{
	*home = false;
	if (!v || !strcmp(v, "工作单位") || !strcmp(v, "working"))
		return 0;
	if (!strcmp(v, "派出单位") || !strcmp(v, "home")) {
		*home = true;
		return 0;
	}
	return err_set_at(e, ERR_INVALID, "invalid_field", "assessed_by",
			  "write 工作单位 (the working unit) or 派出单位 (the "
			  "home unit)");
}

/* When e is an overlap with an assignment of an earlier row of this
 * file, says so by that row (the service's rule decided; this only
 * names the other side as the user knows it). */
static void imports_overlap_row(const struct imports_ctx *c, int64_t person,
				const char *start, const char *end,
				struct err *e)
{
	if (strcmp(e->id, "overlapping_assignment") != 0 || !start || !end)
		return;
	for (size_t i = 0; i < c->nspans; i++) {
		const struct imports_span *x = &c->spans[i];
		if (x->person != person || strcmp(x->start, end) > 0 ||
		    strcmp(x->end, start) < 0)
			continue;
		snprintf(e->msg, sizeof e->msg, "the person is on the "
			 "assignment of %s %u of this file from %s to %s in "
			 "that time", c->sheet->format == SHEET_XLSX ? "row"
								     : "line",
			 x->line, x->start, x->end);
		return;
	}
}

void imports_span_add(struct imports_ctx *c, int64_t person,
		      const char *start, const char *end)
{
	if (c->nspans == c->spans_cap) {
		c->spans_cap = c->spans_cap ? c->spans_cap * 2 : 64;
		c->spans = xrealloc(c->spans, c->spans_cap * sizeof *c->spans);
	}
	struct imports_span *x = &c->spans[c->nspans++];
	x->person = person;
	x->line = c->line;
	snprintf(x->start, sizeof x->start, "%s", start);
	snprintf(x->end, sizeof x->end, "%s", end);
}

uint32_t imports_span_row(const struct imports_ctx *c, int64_t person)
{
	for (size_t i = 0; i < c->nspans; i++)
		if (c->spans[i].person == person)
			return c->spans[i].line;
	return 0;
}

const char *imports_line_word(const struct imports_ctx *c)
{
	return c->sheet->format == SHEET_XLSX ? "row" : "line";
}

/* A frontline assignment (app/assignments' rules and audit record). */
static int imports_frontline(struct imports_ctx *c, struct store *s,
			     const struct imports_row *r, struct err *e)
{
	char start[DAY_TEXT_LEN + 1], end[DAY_TEXT_LEN + 1];
	const char *person = imports_v(c, r, "id_number");
	const char *home = imports_v(c, r, "home_unit");
	const char *working = imports_v(c, r, "working_unit");
	struct assignments_input in = {
		.kind = imports_v(c, r, "kind"),
		.start_date = imports_date(imports_v(c, r, "start_date"),
					   start),
		.end_date = imports_date(imports_v(c, r, "end_date"), end),
		.purpose = imports_v(c, r, "purpose"),
		.document = imports_v(c, r, "document"),
	};
	int64_t id;
	if (!person || !working)
		return err_set_at(e, ERR_INVALID, "missing_field",
				  person ? "working_unit" : "id_number",
				  "the %s is missing", person ? "working unit"
							      : "ID number");
	if (people_find(s, person, "id_number", &in.person_id, e) != 0 ||
	    (home && units_find(s, home, "home_unit", &in.home_unit_id,
				e) != 0) ||
	    units_find(s, working, "working_unit", &in.working_unit_id,
		       e) != 0 ||
	    imports_assessed_by(imports_v(c, r, "assessed_by"),
				&in.assessed_by_home, e) != 0)
		return -1;
	if (assignments_add_in(s, c->who, &in, &id, e) != 0) {
		imports_overlap_row(c, in.person_id, in.start_date,
				    in.end_date, e);
		return -1;
	}
	imports_span_add(c, in.person_id, in.start_date, in.end_date);
	return 0;
}

/* An error of the plan or campaign a file goes to (closed, not open,
 * none), not of a row: it stops the import rather than repeat on every
 * row. */
static bool imports_whole(const struct imports_ctx *c, const struct err *e)
{
	return c->target && !e->where[0] &&
	       (e->code == ERR_CONFLICT || e->code == ERR_NOT_FOUND);
}

/* Every data row; a database failure stops at once, other problems are
 * listed and the rest tried. */
static int imports_tx(struct store *s, void *vctx, struct err *e)
{
	struct imports_ctx *c = vctx;
	for (uint32_t i = 1; i < c->sheet->nrows; i++) {
		struct imports_row row;
		struct err re = ERR_INIT;
		imports_row_read(c, &c->sheet->rows[i], &row);
		c->line = row.line;
		int rc = c->row(c, s, &row, &re);
		imports_row_free(&row);
		if (rc != 0 && (re.code == ERR_STORE || re.code == ERR_INTERNAL ||
				imports_whole(c, &re))) {
			*e = re;
			return -1;
		}
		if (rc != 0)
			imports_problem(c, c->sheet->rows[i].line, &re);
	}
	size_t n = err_list_count(&c->r->problems);
	if (n)
		return err_set(e, ERR_INVALID, "import_refused", "%zu "
			       "problem(s) in %s; nothing was imported", n,
			       c->sheet->name);
	c->r->imported = c->r->rows;
	return 0;
}

int imports_file(struct app *a, struct imports_ctx *c, const void *data,
		 size_t len, const char *name, struct err *e)
{
	struct sheet *sh = NULL;
	struct imports_report *r = c->r;
	memset(r, 0, sizeof *r);
	if (sheet_read(data, len, name, &sh, e) != 0)
		return -1;
	c->sheet = sh;
	int rc = -1;
	if (sh->nrows == 0) {
		err_set_at(e, ERR_INVALID, "empty_file", name, "%s has no "
			   "rows: the first row names the columns", name);
		goto out;
	}
	r->rows = sh->nrows - 1;
	imports_header(c);
	if (err_list_count(&r->problems)) {
		err_set(e, ERR_INVALID, "import_refused", "the columns of %s "
			"are not this template's; nothing was imported", name);
		goto out;
	}
	rc = app_tx(a, imports_tx, c, e);
out:
	free(c->spans);
	c->spans = NULL;
	c->sheet = NULL;
	sheet_free(sh);
	return rc;
}

int imports_run(struct app *a, const struct actor *who, enum imports_kind k,
		const void *data, size_t len, const char *name,
		struct imports_report *r, struct err *e)
{
	struct imports_ctx c = { .who = who, .cols = imports_kinds[k].cols,
				 .row = imports_kinds[k].row, .r = r };
	return imports_file(a, &c, data, len, name, e);
}

void imports_report_free(struct imports_report *r)
{
	if (r)
		err_list_free(&r->problems);
}

int imports_cols_template(const struct imports_col *cols, const char *title,
			  enum sheet_format f, struct buf *out, struct err *e)
{
	struct sheet_cell head[IMPORTS_COLS_MAX], example[IMPORTS_COLS_MAX];
	size_t n = 0;
	for (; cols[n].field; n++) {
		head[n] = (struct sheet_cell){ cols[n].zh, false };
		example[n] = (struct sheet_cell){ cols[n].example, false };
	}
	struct sheet_writer *w = sheet_writer_new(f, title, e);
	if (!w)
		return -1;
	if (sheet_writer_header(w, head, n, e) != 0 ||
	    sheet_writer_row(w, example, n, e) != 0) {
		sheet_writer_free(w);
		return -1;
	}
	return sheet_writer_finish(w, out, e);
}

int imports_template(enum imports_kind k, enum sheet_format f,
		     struct buf *out, struct err *e)
{
	return imports_cols_template(imports_kinds[k].cols,
				     imports_kinds[k].title, f, out, e);
}

/* --- scores of an open selection campaign ----------------------------------- */

static const struct imports_col imports_scores_cols[] = {
	{ "application_id", "报名号", false, "1024", NULL },
	{ "id_number", "身份证号", false, "", NULL },
	{ "name", "姓名", false, "示例某甲", NULL },
	{ "score", "成绩", true, "86.5", NULL },
	{ NULL, NULL, false, NULL, NULL },
};

enum { IMPORTS_S_APP, IMPORTS_S_ID, IMPORTS_S_NAME, IMPORTS_S_SCORE };

/* What a scores file is checked against: the campaign's applications. */
struct imports_scores_ctx {
	struct imports_ctx c;
	struct store *store;        /* borrowed, to find ID numbers */
	const json_t *apps;         /* the campaign's applications */
	json_t *list;               /* [{application_id, score}] built */
	uint32_t *lines;            /* the row of each entry of list */
	json_t *seen;               /* {"<application id>": row} */
};

/* A problem at column col of the row being read; returns -1. */
static int imports_scores_fail(struct imports_scores_ctx *x, int col,
			       const char *id, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int imports_scores_fail(struct imports_scores_ctx *x, int col,
			       const char *id, const char *fmt, ...)
{
	struct err p = ERR_INIT;
	va_list ap;
	err_set(&p, ERR_INVALID, id, "%s", "");
	va_start(ap, fmt);
	vsnprintf(p.msg, sizeof p.msg, fmt, ap);
	va_end(ap);
	imports_where(&x->c, x->c.line, col, p.where, sizeof p.where);
	err_list_add(&x->c.r->problems, &p);
	return -1;
}

/* The application of the campaign with this id, or of this person. */
static const json_t *imports_scores_app(const struct imports_scores_ctx *x,
					const char *key, int64_t v)
{
	size_t i;
	json_t *o;
	json_array_foreach(x->apps, i, o)
		if (json_integer_value(json_object_get(o, key)) == v)
			return o;
	return NULL;
}

/* The application a row names by 报名号 or 身份证号 (both: they agree). */
static const json_t *imports_scores_whose(struct imports_scores_ctx *x,
					  const struct imports_row *r)
{
	const json_t *by_app = NULL, *by_person = NULL;
	const char *num = r->v[IMPORTS_S_APP], *idn = r->v[IMPORTS_S_ID];
	char *end = NULL;
	if (!num && !idn)
		return imports_scores_fail(x, IMPORTS_S_APP, "missing_field",
			"write the application number (报名号) or the ID "
			"number"), NULL;
	long long n = num ? strtoll(num, &end, 10) : 0;
	if (num && (*end || n <= 0 ||
		    !(by_app = imports_scores_app(x, "id", n))))
		return imports_scores_fail(x, IMPORTS_S_APP,
			"unknown_application", "the campaign has no "
			"application '%.40s'", num), NULL;
	if (idn) {
		int64_t person;
		struct err e = ERR_INIT;
		if (people_find(x->store, idn, "id_number", &person, &e) != 0)
			return imports_scores_fail(x, IMPORTS_S_ID, e.id, "%s",
						   e.msg), NULL;
		by_person = imports_scores_app(x, "person_id", person);
		if (!by_person)
			return imports_scores_fail(x, IMPORTS_S_ID,
				"not_applied", "the person has not applied in "
				"this campaign"), NULL;
		if (by_app && by_app != by_person)
			return imports_scores_fail(x, IMPORTS_S_ID,
				"application_mismatch", "the ID number is not "
				"that of application %.40s's applicant", num),
				NULL;
	}
	return by_app ? by_app : by_person;
}

/* 缺考 or absent: null; else a decimal number (the range is the
 * service's rule). */
static int imports_scores_value(struct imports_scores_ctx *x, const char *v,
				json_t **out)
{
	char *end = NULL;
	if (!v)
		return imports_scores_fail(x, IMPORTS_S_SCORE, "missing_field",
			"write the score, or 缺考 for an absent candidate");
	if (!strcmp(v, "缺考") || !strcmp(v, "absent")) {
		*out = json_null();
		return 0;
	}
	double d = strtod(v, &end);
	if (*end || end == v || !isfinite(d) || !strchr("0123456789.", *v))
		return imports_scores_fail(x, IMPORTS_S_SCORE, "invalid_score",
			"'%.40s' is not a score: write a number such as "
			"86.5, or 缺考 for an absent candidate", v);
	*out = json_real(d);
	return 0;
}

/* One data row into x->list, or its problems into the report. */
static void imports_scores_row(struct imports_scores_ctx *x,
			       const struct imports_row *r)
{
	json_t *score = NULL;
	const json_t *app = imports_scores_whose(x, r);
	const char *name = r->v[IMPORTS_S_NAME];
	if (app && name && strcmp(name, json_string_value(json_object_get(
						app, "person_name"))) != 0) {
		imports_scores_fail(x, IMPORTS_S_NAME, "name_mismatch",
				    "the applicant is not named '%.60s'", name);
		app = NULL;
	}
	if (imports_scores_value(x, r->v[IMPORTS_S_SCORE], &score) != 0 ||
	    !app) {
		json_decref(score);
		return;
	}
	json_int_t id = json_integer_value(json_object_get(app, "id"));
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)id);
	json_t *earlier = json_object_get(x->seen, key);
	if (earlier) {
		imports_scores_fail(x, IMPORTS_S_APP, "duplicate_application",
				    "the application's score is given on %s %lld "
				    "already", x->c.sheet->format == SHEET_XLSX
					       ? "row" : "line",
				    (long long)json_integer_value(earlier));
		json_decref(score);
		return;
	}
	json_object_set_new(x->seen, key, json_integer(x->c.line));
	x->lines[json_array_size(x->list)] = x->c.line;
	json_array_append_new(x->list, json_pack("{s:I,s:o}", "application_id",
						 id, "score", score));
}

/* The row and column of the service's "scores[i]..." in the report. */
static void imports_scores_mapped(struct imports_scores_ctx *x,
				  const struct err *e)
{
	size_t i = 0;
	int n = 0;
	struct err p = *e;
	if (sscanf(e->where, "scores[%zu]%n", &i, &n) != 1 || n == 0 ||
	    i >= json_array_size(x->list))
		return;
	const char *rest = e->where + n;
	int col = !strcmp(rest, ".score") ? IMPORTS_S_SCORE
		: !strcmp(rest, ".application_id")
		? (x->c.at[IMPORTS_S_APP] >= 0 ? IMPORTS_S_APP : IMPORTS_S_ID)
		: -1;
	imports_where(&x->c, x->lines[i], col, p.where, sizeof p.where);
	err_list_add(&x->c.r->problems, &p);
}

/* The rows of the file into x->list; problems into the report. */
static void imports_scores_rows(struct imports_scores_ctx *x)
{
	const struct sheet *sh = x->c.sheet;
	for (uint32_t i = 1; i < sh->nrows; i++) {
		struct imports_row row;
		imports_row_read(&x->c, &sh->rows[i], &row);
		x->c.line = row.line;
		imports_scores_row(x, &row);
		imports_row_free(&row);
	}
}

static int imports_scores_refused(const struct imports_scores_ctx *x,
				  struct err *e)
{
	return err_set(e, ERR_INVALID, "import_refused", "%zu problem(s) in "
		       "%s; no score was entered",
		       err_list_count(&x->c.r->problems), x->c.sheet->name);
}

/* The header is the template's and names the application somehow. */
static int imports_scores_header(struct imports_scores_ctx *x, struct err *e)
{
	imports_header(&x->c);
	if (x->c.at[IMPORTS_S_APP] < 0 && x->c.at[IMPORTS_S_ID] < 0)
		err_list_set_at(&x->c.r->problems, ERR_INVALID,
				"missing_column", x->c.sheet->name, "a column "
				"报名号 (application_id) or 身份证号 (id_number) "
				"names each application");
	if (!err_list_count(&x->c.r->problems))
		return 0;
	return err_set(e, ERR_INVALID, "import_refused", "the columns of %s "
		       "are not this template's; no score was entered",
		       x->c.sheet->name);
}

int imports_scores(struct app *a, const struct actor *who, int64_t selection,
		   const char *stage, const void *data, size_t len,
		   const char *name, struct imports_report *r, struct err *e)
{
	struct imports_scores_ctx x = {
		.c = { .who = who, .cols = imports_scores_cols, .r = r },
		.list = json_array(), .seen = json_object() };
	struct sheet *sh = NULL;
	json_t *campaign = NULL, *answer = NULL;
	int rc = -1;
	memset(r, 0, sizeof *r);
	if (!stage || (strcmp(stage, "written") && strcmp(stage, "interview")))
		err_set_at(e, ERR_INVALID, "invalid_query", "stage", "stage is "
			   "written or interview");
	else if (selections_get(a, selection, &campaign, e) == 0 &&
		 sheet_read(data, len, name, &sh, e) == 0)
		rc = 0;
	if (rc != 0)
		goto out;
	rc = -1;
	x.c.sheet = sh;
	if (sh->nrows == 0) {
		err_set_at(e, ERR_INVALID, "empty_file", name, "%s has no "
			   "rows: the first row names the columns", name);
		goto out;
	}
	r->rows = sh->nrows - 1;
	if (imports_scores_header(&x, e) != 0)
		goto out;
	x.apps = json_object_get(campaign, "applications");
	x.lines = xmalloc((r->rows ? r->rows : 1) * sizeof *x.lines);
	x.store = app_acquire(a);
	imports_scores_rows(&x);
	app_release(a, x.store);
	if (err_list_count(&r->problems)) {
		imports_scores_refused(&x, e);
		goto out;
	}
	if (r->rows == 0) {
		rc = 0;
		goto out;
	}
	if (selections_scores(a, who, selection, stage, x.list, &answer,
			      e) != 0) {
		imports_scores_mapped(&x, e);
		if (err_list_count(&r->problems))
			imports_scores_refused(&x, e);
		goto out;
	}
	r->imported = r->rows;
	rc = 0;
out:
	json_decref(answer);
	json_decref(campaign);
	json_decref(x.list);
	json_decref(x.seen);
	free(x.lines);
	sheet_free(sh);
	return rc;
}

int imports_scores_template(struct app *a, int64_t selection,
			    const char *stage, enum sheet_format f,
			    struct buf *out, struct err *e)
{
	static const struct sheet_cell head[] = {
		{ "报名号", false }, { "姓名", false }, { "成绩", false } };
	json_t *campaign = NULL, *o;
	size_t i;
	bool interview = stage && !strcmp(stage, "interview");
	if (!stage || (!interview && strcmp(stage, "written")))
		return err_set_at(e, ERR_INVALID, "invalid_query", "stage",
				  "stage is written or interview");
	if (selections_get(a, selection, &campaign, e) != 0)
		return -1;
	struct sheet_writer *w = sheet_writer_new(f, interview ? "面试成绩"
							       : "笔试成绩", e);
	int rc = w ? sheet_writer_header(w, head, 3, e) : -1;
	json_array_foreach(json_object_get(campaign, "applications"), i, o) {
		char id[24];
		if (rc != 0 || !json_is_true(json_object_get(o, "eligible")) ||
		    strcmp(json_string_value(json_object_get(o, "state")),
			   "applied") != 0 ||
		    (interview &&
		     !json_is_true(json_object_get(o, "shortlisted"))))
			continue;
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(
						json_object_get(o, "id")));
		struct sheet_cell c[] = {
			{ id, true },
			{ json_string_value(json_object_get(o, "person_name")),
			  false },
			{ "", false } };
		rc = sheet_writer_row(w, c, 3, e);
	}
	json_decref(campaign);
	if (rc != 0) {
		sheet_writer_free(w);
		return -1;
	}
	return sheet_writer_finish(w, out, e);
}
