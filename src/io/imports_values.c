/* imports_values: a cycle's indicator values from a spreadsheet (a unit's
 * reporter fills the template the cycle gives: a row per subject of the
 * unit and indicator of its scheme, the values already entered filled
 * in). A row with no 实际值 is left alone (not reported yet); every other
 * row is entered through cycles_value_set_in, in one transaction, with
 * the service's rules (a reporter's scope, the cycle open and before its
 * deadline) and audit record; a subject or an indicator the cycle does
 * not have for the importer is refused by its row and column. */
#include "imports_values.h"

#include <stdio.h>
#include <string.h>

#include "app/cycles.h"
#include "io/cycle_folder.h"
#include "io/imports_int.h"

static const struct imports_col imports_values_cols[] = {
	{ "subject", "考核对象编号", true, "hengqin", NULL },
	{ "subject_name", "考核对象", false, "横琴新区", NULL },
	{ "indicator", "指标编号", true, "gdp_growth", NULL },
	{ "indicator_name", "指标名称", false, "地区生产总值增长率", NULL },
	{ "unit", "计量单位", false, "%", NULL },
	{ "actual", "实际值", false, "6.8", NULL },
	{ "target", "目标值", false, "", NULL },
	{ "source", "数据来源", false, "统计局年报", NULL },
	{ NULL, NULL, false, NULL, NULL },
};

/* The file's context and what its rows are checked against: the
 * indicators of each subject the importer may see ({subject: {id: 1}}). */
struct imports_values_ctx {
	struct imports_ctx c;       /* first: the row function gets &c */
	json_t *known;
};

static int imports_value(struct imports_ctx *c, struct store *s,
			 const struct imports_row *r, struct err *e)
{
	const struct imports_values_ctx *x = (const void *)c;
	struct cycles_value v = {
		.subject = imports_v(c, r, "subject"),
		.indicator = imports_v(c, r, "indicator"),
		.actual = imports_v(c, r, "actual"),
		.target = imports_v(c, r, "target"),
		.source = imports_v(c, r, "source") };
	if (!v.actual && !v.target)
		return 0; /* not reported: the row stays as it is */
	if (!v.subject)
		return err_set_at(e, ERR_INVALID, "missing_field", "subject",
				  "the subject's id is missing");
	if (!v.indicator)
		return err_set_at(e, ERR_INVALID, "missing_field", "indicator",
				  "the indicator's id is missing");
	if (!v.actual)
		return err_set_at(e, ERR_INVALID, "missing_field", "actual",
				  "a target without its value");
	const json_t *of = json_object_get(x->known, v.subject);
	if (!of)
		return err_set_at(e, ERR_INVALID, "unknown_subject", "subject",
				  "the cycle has no subject '%.100s' of yours",
				  v.subject);
	if (!json_object_get(of, v.indicator))
		return err_set_at(e, ERR_INVALID, "unknown_indicator",
				  "indicator", "the scheme of '%.100s' has no "
				  "indicator '%.100s'", v.subject, v.indicator);
	return cycles_value_set_in(s, c->who, c->target, &v, e);
}

/* {subject: {indicator: true}} of the subjects within scope. */
static int imports_values_known(struct app *a, int64_t scope, int64_t cycle,
				json_t **out, struct err *e)
{
	struct err_list errs = ERR_LIST_INIT;
	json_t *list = NULL, *x, *ind;
	size_t i, k;
	int rc = cycle_folder_indicators(a, scope, cycle, &list, &errs, e);
	err_list_free(&errs);
	if (rc != 0)
		return -1;
	*out = json_object();
	json_array_foreach(json_object_get(list, "items"), i, x) {
		json_t *set = json_object();
		json_array_foreach(json_object_get(x, "indicators"), k, ind)
			json_object_set_new(set, json_string_value(
				json_object_get(ind, "id")), json_true());
		json_object_set_new(*out, json_string_value(json_object_get(
						x, "subject")), set);
	}
	json_decref(list);
	return 0;
}

int imports_values(struct app *a, const struct actor *who, int64_t scope,
		   int64_t cycle, const void *data, size_t len,
		   const char *name, struct imports_report *r, struct err *e)
{
	struct imports_values_ctx x = {
		.c = { .who = who, .cols = imports_values_cols,
		       .row = imports_value, .target = cycle, .r = r } };
	memset(r, 0, sizeof *r);
	if (imports_values_known(a, scope, cycle, &x.known, e) != 0)
		return -1;
	int rc = imports_file(a, &x.c, data, len, name, e);
	if (rc == 0)
		r->imported = r->rows; /* empty rows counted as read */
	json_decref(x.known);
	return rc;
}

/* The values entered, by subject and indicator: {"subject\x1findicator":
 * {actual, target, source}} (new). */
static json_t *imports_values_by_key(const json_t *values)
{
	json_t *by = json_object(), *v;
	size_t i;
	struct buf key = BUF_INIT;
	json_array_foreach(values, i, v) {
		const char *sub = json_string_value(json_object_get(v, "subject"));
		const char *ind = json_string_value(json_object_get(v,
								    "indicator"));
		if (!sub || !ind)
			continue;
		buf_reset(&key);
		buf_printf(&key, "%s\x1f%s", sub, ind);
		json_object_set(by, buf_str(&key), v);
	}
	buf_free(&key);
	return by;
}

int imports_values_template(struct app *a, int64_t scope, int64_t cycle,
			    enum sheet_format f, struct buf *out,
			    struct err *e)
{
	struct sheet_cell head[8];
	struct err_list errs = ERR_LIST_INIT;
	struct buf key = BUF_INIT;
	json_t *list = NULL, *values = NULL, *by = NULL, *x, *ind;
	size_t i, k;
	int rc = -1;
	for (int c = 0; c < 8; c++)
		head[c] = (struct sheet_cell){ imports_values_cols[c].zh, false };
	if (cycle_folder_indicators(a, scope, cycle, &list, &errs, e) != 0 ||
	    cycles_values(a, scope, cycle, NULL, &values, e) != 0)
		goto out;
	by = imports_values_by_key(json_object_get(values, "items"));
	struct sheet_writer *w = sheet_writer_new(f, "指标数据", e);
	if (!w)
		goto out;
	rc = sheet_writer_header(w, head, 8, e);
	json_array_foreach(json_object_get(list, "items"), i, x) {
		const char *sub = json_string_value(json_object_get(x,
								    "subject"));
		json_array_foreach(json_object_get(x, "indicators"), k, ind) {
			const char *id = json_string_value(json_object_get(ind,
									   "id"));
			buf_reset(&key);
			buf_printf(&key, "%s\x1f%s", sub ? sub : "",
				   id ? id : "");
			const json_t *v = json_object_get(by, buf_str(&key));
			const char *unit = json_string_value(json_object_get(
				ind, "unit"));
			const char *actual = json_string_value(json_object_get(
				v, "actual"));
			struct sheet_cell row[] = {
				{ sub, false },
				{ json_string_value(json_object_get(x, "name")),
				  false },
				{ id, false },
				{ json_string_value(json_object_get(ind,
								    "name")),
				  false },
				{ unit ? unit : "", false },
				{ actual ? actual : "", actual != NULL },
				{ v && json_is_string(json_object_get(v,
								      "target"))
					  ? json_string_value(json_object_get(
						    v, "target"))
					  : "", false },
				{ v && json_is_string(json_object_get(v,
								      "source"))
					  ? json_string_value(json_object_get(
						    v, "source"))
					  : "", false },
			};
			if (rc == 0)
				rc = sheet_writer_row(w, row, 8, e);
		}
	}
	if (rc == 0)
		rc = sheet_writer_finish(w, out, e);
	else
		sheet_writer_free(w);
out:
	err_list_free(&errs);
	buf_free(&key);
	json_decref(list);
	json_decref(values);
	json_decref(by);
	return rc;
}
