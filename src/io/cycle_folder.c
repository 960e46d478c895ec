/* cycle_folder: files in and out of a workbook folder, and the engine run
 * in a temporary one. */
#include "cycle_folder.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/cycles.h"
#include "app/units.h"
#include "base/xmalloc.h"
#include "core/assess/assess.h"
#include "io/csv.h"
#include "io/results.h"
#include "io/sheet.h"
#include "io/workbook.h"
#include "io/zipdir.h"

#define CYCLE_FOLDER_PATH 4096
#define CYCLE_FOLDER_TEMP 512 /* a temporary folder's path */

/* The files of a workbook besides schemes/ and values.csv. */
static const char *const cycle_folder_names[] = {
	"cycle.json", "subjects.csv", "ratings.csv", "routine.csv",
	"units.csv", "caps.csv", "pools.csv", NULL,
};

/* A file read whole as UTF-8 text (CSV files converted from GB18030). */
struct cycle_folder_file {
	char *path;
	struct csv_file f;
};

struct cycle_folder_read {
	struct cycle_folder_file *files;
	size_t n, cap;
	struct sheet *subjects, *values;
};

static void cycle_folder_read_free(struct cycle_folder_read *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->files[i].path);
		csv_file_free(&r->files[i].f);
	}
	free(r->files);
	sheet_free(r->subjects);
	sheet_free(r->values);
}

/* Reads dir/rel into r; a missing optional file is skipped. */
static int cycle_folder_add(struct cycle_folder_read *r, const char *dir,
			    const char *rel, bool required, struct err *e)
{
	char path[CYCLE_FOLDER_PATH];
	struct csv_file f = CSV_FILE_INIT;
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	if (csv_file_read(&f, path, rel, 0, e) != 0) {
		if (e->code == ERR_NOT_FOUND && !required) {
			err_clear(e);
			return 0;
		}
		return -1;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->files = xrealloc(r->files, r->cap * sizeof *r->files);
	}
	r->files[r->n].path = xstrdup(rel);
	r->files[r->n++].f = f;
	return 0;
}

static int cycle_folder_schemes(struct cycle_folder_read *r, const char *dir,
				struct err *e)
{
	char path[CYCLE_FOLDER_PATH], rel[CYCLE_FOLDER_PATH];
	struct dirent **list = NULL;
	snprintf(path, sizeof path, "%s/schemes", dir);
	int n = scandir(path, &list, NULL, alphasort), rc = 0;
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		size_t len = strlen(name);
		if (rc == 0 && name[0] != '.' && len > 5 &&
		    strcmp(name + len - 5, ".json") == 0) {
			snprintf(rel, sizeof rel, "schemes/%s", name);
			rc = cycle_folder_add(r, dir, rel, true, e);
		}
		free(list[i]);
	}
	free(list);
	return rc;
}

static const struct csv_file *cycle_folder_get(const struct cycle_folder_read *r,
					       const char *rel)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->files[i].path, rel) == 0)
			return &r->files[i].f;
	return NULL;
}

/* The column named name in a sheet's header, or -1. */
static int cycle_folder_col(const struct sheet *s, const char *name)
{
	for (uint32_t k = 0; s->nrows && k < s->rows[0].ncells; k++)
		if (strcmp(sheet_get(&s->rows[0], k), name) == 0)
			return (int)k;
	return -1;
}

static const char *cycle_folder_cell(const struct sheet *s, uint32_t row,
				     int col)
{
	const char *t = col < 0 ? "" : sheet_get(&s->rows[row], (uint32_t)col);
	return *t ? t : NULL;
}

/* The new cycle from what was read: cycle.json's id, name and kind, the
 * files, subjects.csv's subjects and values.csv's values. */
static int cycle_folder_new(struct cycle_folder_read *r, struct app *a,
			    const struct actor *who, json_t **out,
			    struct err *e)
{
	const struct csv_file *cj = cycle_folder_get(r, "cycle.json");
	json_t *doc = json_loadb(cj->text, cj->len, 0, NULL);
	struct cycles_new in = { 0 };
	struct cycles_file *files = xcalloc(r->n, sizeof *files);
	struct cycles_subject *subs = NULL;
	struct cycles_value *vals = NULL;
	int rc = -1;
	in.code = json_string_value(json_object_get(doc, "id"));
	in.name = json_string_value(json_object_get(doc, "name"));
	in.kind = json_string_value(json_object_get(doc, "kind"));
	if (!in.code || !in.name) {
		err_set_at(e, ERR_INVALID, "invalid_cycle", "cycle.json",
			   "cycle.json needs an id and a name to be kept in "
			   "the server");
		goto out;
	}
	if (!in.kind)
		in.kind = "annual";
	for (size_t i = 0; i < r->n; i++) {
		if (strcmp(r->files[i].path, "values.csv") == 0)
			continue;
		files[in.nfiles++] = (struct cycles_file){
			r->files[i].path, r->files[i].f.text, r->files[i].f.len };
	}
	in.files = files;
	const struct sheet *s = r->subjects;
	int ci = cycle_folder_col(s, "id"), cn = cycle_folder_col(s, "name"),
	    cc = cycle_folder_col(s, "category"),
	    cs = cycle_folder_col(s, "scheme"), cu = cycle_folder_col(s, "unit");
	subs = xcalloc(s->nrows ? s->nrows : 1, sizeof *subs);
	for (uint32_t i = 1; i < s->nrows; i++)
		subs[in.nsubjects++] = (struct cycles_subject){
			cycle_folder_cell(s, i, ci),
			cycle_folder_cell(s, i, cn) ? cycle_folder_cell(s, i, cn)
						    : cycle_folder_cell(s, i, ci),
			cycle_folder_cell(s, i, cc) ? cycle_folder_cell(s, i, cc)
						    : "",
			cycle_folder_cell(s, i, cs), cycle_folder_cell(s, i, cu) };
	in.subjects = subs;
	const struct sheet *v = r->values;
	if (v) {
		int vs = cycle_folder_col(v, "subject"),
		    vi = cycle_folder_col(v, "indicator"),
		    va = cycle_folder_col(v, "actual"),
		    vt = cycle_folder_col(v, "target");
		vals = xcalloc(v->nrows ? v->nrows : 1, sizeof *vals);
		for (uint32_t i = 1; i < v->nrows; i++)
			vals[in.nvalues++] = (struct cycles_value){
				cycle_folder_cell(v, i, vs),
				cycle_folder_cell(v, i, vi),
				cycle_folder_cell(v, i, va),
				cycle_folder_cell(v, i, vt), "values.csv" };
		in.values = vals;
	}
	rc = cycles_add(a, who, &in, out, e);
out:
	json_decref(doc);
	free(files);
	free(subs);
	free(vals);
	return rc;
}

/* A sheet of a CSV file already read as UTF-8. */
static int cycle_folder_sheet(const struct csv_file *f, const char *name,
			      struct sheet **out, struct err *e)
{
	return sheet_read(f->text, f->len, name, out, e);
}

int cycle_folder_import(struct app *a, const struct actor *who,
			const char *dir, json_t **out, struct err_list *errs,
			struct err *e)
{
	struct workbook_options opt = { .threads = 1 };
	struct workbook *wb = NULL;
	struct cycle_folder_read r = { 0 };
	int rc = -1;
	if (workbook_load(dir, &opt, &wb, errs) != 0)
		return err_set(e, ERR_INVALID, "workbook_refused", "the "
			       "workbook %s has %zu problem(s); nothing was "
			       "imported", dir, err_list_count(errs));
	workbook_free(wb);
	for (size_t i = 0; cycle_folder_names[i]; i++)
		if (cycle_folder_add(&r, dir, cycle_folder_names[i], i < 2,
				     e) != 0)
			goto out;
	if (cycle_folder_add(&r, dir, "values.csv", false, e) != 0 ||
	    cycle_folder_schemes(&r, dir, e) != 0 ||
	    cycle_folder_sheet(cycle_folder_get(&r, "subjects.csv"),
			       "subjects.csv", &r.subjects, e) != 0)
		goto out;
	const struct csv_file *vf = cycle_folder_get(&r, "values.csv");
	if (vf && cycle_folder_sheet(vf, "values.csv", &r.values, e) != 0)
		goto out;
	rc = cycle_folder_new(&r, a, who, out, e);
out:
	cycle_folder_read_free(&r);
	return rc;
}

/* --- export ------------------------------------------------------------------ */

static int cycle_folder_write(const char *dir, const char *rel,
			      const char *body, struct err *e)
{
	char path[CYCLE_FOLDER_PATH];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	FILE *f = fopen(path, "wb");
	size_t len = strlen(body);
	if (!f || fwrite(body, 1, len, f) != len || fclose(f) != 0) {
		int err = errno;
		if (f)
			fclose(f);
		return err_set_at(e, ERR_INTERNAL, "write_failed", path,
				  "%s cannot be written: %s", path,
				  strerror(err));
	}
	return 0;
}

static int cycle_folder_mkdir(const char *path, struct err *e)
{
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return err_set_at(e, ERR_INTERNAL, "write_failed", path,
				  "the folder %s cannot be made: %s", path,
				  strerror(errno));
	return 0;
}

int cycle_folder_export(struct app *a, int64_t id, const char *dir,
			struct err *e)
{
	char schemes[CYCLE_FOLDER_PATH];
	json_t *wb = NULL, *f;
	size_t i;
	int rc = -1;
	snprintf(schemes, sizeof schemes, "%s/schemes", dir);
	if (cycles_workbook(a, id, &wb, e) != 0 ||
	    cycle_folder_mkdir(dir, e) != 0 ||
	    cycle_folder_mkdir(schemes, e) != 0)
		goto out;
	json_array_foreach(json_object_get(wb, "files"), i, f) {
		const char *rel = json_string_value(json_object_get(f, "path"));
		if (!rel || strstr(rel, "..") || rel[0] == '/' ||
		    (strchr(rel, '/') && strncmp(rel, "schemes/", 8) != 0)) {
			err_set(e, ERR_STORE, "store", "a stored file name of "
				"cycle %lld is not valid", (long long)id);
			goto out;
		}
		if (cycle_folder_write(dir, rel, json_string_value(
				json_object_get(f, "body")), e) != 0)
			goto out;
	}
	rc = 0;
out:
	json_decref(wb);
	return rc;
}

/* --- compute and explain ------------------------------------------------------ */

static int cycle_folder_rm(const char *path, const struct stat *sb, int type,
			   struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path);
}

/* A private temporary folder holding cycle id's workbook. */
static int cycle_folder_temp(struct app *a, int64_t id, char *dir,
			     size_t size, struct err *e)
{
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp || strlen(tmp) > size - 32)
		tmp = "/tmp";
	snprintf(dir, size, "%s/kaohe-cycle-XXXXXX", tmp);
	if (!mkdtemp(dir))
		return err_set(e, ERR_INTERNAL, "temp_failed", "a temporary "
			       "folder cannot be made: %s", strerror(errno));
	if (cycle_folder_export(a, id, dir, e) != 0) {
		nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
		return -1;
	}
	return 0;
}

/* The engine on a workbook folder: *wb and *res are new. */
static int cycle_folder_run(const char *dir, struct workbook **wb,
			    struct assess_result **res, struct err_list *errs,
			    struct err *e)
{
	struct workbook_options opt = { .threads = 2 };
	*res = NULL;
	if (workbook_load(dir, &opt, wb, errs) != 0)
		return err_set(e, ERR_INVALID, "workbook_refused", "the cycle's "
			       "data has %zu problem(s); nothing was computed",
			       err_list_count(errs));
	if (assess_compute(workbook_input(*wb), 2, res, e) != 0) {
		workbook_free(*wb);
		*wb = NULL;
		return -1;
	}
	return 0;
}

/* results.csv and trace.jsonl of dir into the cycle, row by row. */
static int cycle_folder_store(struct app *a, const struct actor *who,
			      int64_t id, const char dir[CYCLE_FOLDER_TEMP],
			      struct err *e)
{
	char path[CYCLE_FOLDER_TEMP + 32];
	struct csv_file rf = CSV_FILE_INIT, tf = CSV_FILE_INIT;
	struct sheet *rows = NULL;
	const char **subj = NULL, **row = NULL, **trace = NULL;
	char **owned = NULL;
	size_t n = 0;
	int rc = -1;
	snprintf(path, sizeof path, "%s/results.csv", dir);
	if (csv_file_read(&rf, path, "results.csv", 0, e) != 0)
		goto out;
	snprintf(path, sizeof path, "%s/trace.jsonl", dir);
	if (csv_file_read(&tf, path, "trace.jsonl", 0, e) != 0 ||
	    sheet_read(rf.text, rf.len, "results.csv", &rows, e) != 0)
		goto out;
	n = rows->nrows ? rows->nrows - 1 : 0;
	subj = xcalloc(n + 1, sizeof *subj);
	row = xcalloc(n + 1, sizeof *row);
	trace = xcalloc(n + 1, sizeof *trace);
	owned = xcalloc(2 * n + 1, sizeof *owned);
	/* Both files list the subjects in the same (ranking) order. */
	const char *t = tf.text, *end = tf.text + tf.len;
	for (size_t i = 0; i < n; i++) {
		const struct sheet_row *r = &rows->rows[i + 1];
		json_t *o = json_object();
		for (uint32_t k = 0; k < rows->rows[0].ncells; k++)
			json_object_set_new(o, sheet_get(&rows->rows[0], k),
					    json_string(sheet_get(r, k)));
		owned[2 * i] = json_dumps(o, JSON_COMPACT);
		json_decref(o);
		const char *nl = memchr(t, '\n', (size_t)(end - t));
		size_t len = nl ? (size_t)(nl - t) : (size_t)(end - t);
		owned[2 * i + 1] = xstrndup(t, len);
		t += len + (nl != NULL);
		subj[i] = sheet_get(r, 0);
		row[i] = owned[2 * i];
		trace[i] = owned[2 * i + 1];
	}
	char *rtext = xstrndup(rf.text, rf.len), *ttext = xstrndup(tf.text,
								   tf.len);
	struct cycles_results res = { rtext, ttext, n, subj, row, trace };
	rc = cycles_store_results(a, who, id, &res, e);
	free(rtext);
	free(ttext);
out:
	for (size_t i = 0; owned && i < 2 * n; i++)
		free(owned[i]);
	free(owned);
	free(subj);
	free(row);
	free(trace);
	sheet_free(rows);
	csv_file_free(&rf);
	csv_file_free(&tf);
	return rc;
}

int cycle_folder_compute(struct app *a, const struct actor *who, int64_t id,
			 struct err_list *errs, struct err *e)
{
	char dir[CYCLE_FOLDER_TEMP];
	struct workbook *wb = NULL;
	struct assess_result *res = NULL;
	int rc = -1;
	if (cycle_folder_temp(a, id, dir, sizeof dir, e) != 0)
		return -1;
	if (cycle_folder_run(dir, &wb, &res, errs, e) == 0 &&
	    results_write(workbook_input(wb), res, dir, 2, e) == 0)
		rc = cycle_folder_store(a, who, id, dir, e);
	assess_result_free(res);
	workbook_free(wb);
	nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

/* The radar chart's figures of subject s (assess_profile). */
static json_t *cycle_folder_profile(const struct assess_input *in,
				    const struct assess_result *res,
				    uint32_t s)
{
	struct arena arena = ARENA_INIT;
	struct assess_profile_item *items;
	uint32_t n = assess_profile(in, res, s, &arena, &items);
	json_t *list = json_array();
	for (uint32_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack(
			"{s:s,s:s,s:f,s:f,s:f,s:f,s:i}", "id", items[i].id,
			"name", items[i].name ? items[i].name : items[i].id,
			"points", assess_round4(items[i].points),
			"max", assess_round4(items[i].max),
			"rate", assess_round4(items[i].rate),
			"mean_rate", assess_round4(items[i].mean_rate),
			"of", (int)items[i].of));
	arena_free(&arena);
	return list;
}

int cycle_folder_explain(struct app *a, int64_t id, const char *subject,
			 enum narrate_lang lang, struct buf *out,
			 json_t **profile, struct err *e)
{
	char dir[CYCLE_FOLDER_TEMP];
	struct workbook *wb = NULL;
	struct assess_result *res = NULL;
	struct err_list errs = ERR_LIST_INIT;
	int rc = -1;
	if (cycle_folder_temp(a, id, dir, sizeof dir, e) != 0)
		return -1;
	if (cycle_folder_run(dir, &wb, &res, &errs, e) == 0) {
		uint32_t s = workbook_subject(wb, subject);
		if (s == ASSESS_NONE) {
			err_set(e, ERR_NOT_FOUND, "not_found", "the cycle has "
				"no subject '%.100s'", subject);
		} else {
			narrate_subject(workbook_input(wb), res, s, lang, out);
			if (profile)
				*profile = cycle_folder_profile(
					workbook_input(wb), res, s);
			rc = 0;
		}
	}
	assess_result_free(res);
	workbook_free(wb);
	err_list_free(&errs);
	nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

/* results.csv of dir as an array of row objects (column: text). */
static int cycle_folder_rows(const char dir[CYCLE_FOLDER_TEMP], json_t **out,
			     struct err *e)
{
	char path[CYCLE_FOLDER_TEMP + 32];
	struct csv_file f = CSV_FILE_INIT;
	struct sheet *sh = NULL;
	snprintf(path, sizeof path, "%s/results.csv", dir);
	if (csv_file_read(&f, path, "results.csv", 0, e) != 0)
		return -1;
	int rc = sheet_read(f.text, f.len, "results.csv", &sh, e);
	csv_file_free(&f);
	if (rc != 0)
		return -1;
	*out = json_array();
	for (uint32_t i = 1; i < sh->nrows; i++) {
		json_t *o = json_object();
		for (uint32_t k = 0; k < sh->rows[0].ncells; k++)
			json_object_set_new(o, sheet_get(&sh->rows[0], k),
					    json_string(sheet_get(&sh->rows[i],
								  k)));
		json_array_append_new(*out, o);
	}
	sheet_free(sh);
	return 0;
}

/* The subjects whose grade differs between the stored results and the
 * draft's rows. */
static json_t *cycle_folder_changes(const json_t *now, const json_t *draft)
{
	json_t *by = json_object(), *changes = json_array(), *x;
	size_t i;
	json_array_foreach(json_object_get(now, "items"), i, x)
		json_object_set(by, json_string_value(json_object_get(x,
			"subject")), json_object_get(x, "row"));
	json_array_foreach(draft, i, x) {
		const char *sub = json_string_value(json_object_get(x, "subject"));
		json_t *old = json_object_get(by, sub);
		json_t *og = json_object_get(old, "grade"),
		       *dg = json_object_get(x, "grade");
		if (old && json_equal(og, dg))
			continue;
		json_array_append_new(changes, json_pack(
			"{s:s,s:O,s:[O,O],s:[O,O],s:[O,O]}", "subject", sub,
			"name", json_object_get(x, "name"),
			"grade", og ? og : json_null(), dg,
			"total", old ? json_object_get(old, "total") : json_null(),
			json_object_get(x, "total"),
			"rank", old ? json_object_get(old, "rank") : json_null(),
			json_object_get(x, "rank")));
	}
	json_decref(by);
	return changes;
}

int cycle_folder_whatif(struct app *a, int64_t id, const char *cycle_json,
			json_t **out, struct err_list *errs, struct err *e)
{
	char dir[CYCLE_FOLDER_TEMP];
	struct workbook *wb = NULL;
	struct assess_result *res = NULL;
	json_t *draft = NULL, *now = NULL;
	int rc = -1;
	if (cycle_folder_temp(a, id, dir, sizeof dir, e) != 0)
		return -1;
	if (cycle_folder_write(dir, "cycle.json", cycle_json, e) == 0 &&
	    cycle_folder_run(dir, &wb, &res, errs, e) == 0 &&
	    results_write(workbook_input(wb), res, dir, 2, e) == 0 &&
	    cycle_folder_rows(dir, &draft, e) == 0 &&
	    cycles_results(a, UNITS_SCOPE_ALL, id, &now, e) == 0) {
		*out = json_pack("{s:O,s:o}", "draft", draft, "changes",
				 cycle_folder_changes(now, draft));
		rc = 0;
	}
	json_decref(draft);
	json_decref(now);
	assess_result_free(res);
	workbook_free(wb);
	nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

/* --- as ZIP files ------------------------------------------------------------- */

static int cycle_folder_mkdtemp(char dir[CYCLE_FOLDER_TEMP], struct err *e)
{
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp || strlen(tmp) > CYCLE_FOLDER_TEMP - 32)
		tmp = "/tmp";
	snprintf(dir, CYCLE_FOLDER_TEMP, "%s/kaohe-cycle-XXXXXX", tmp);
	if (!mkdtemp(dir))
		return err_set(e, ERR_INTERNAL, "temp_failed", "a temporary "
			       "folder cannot be made: %s", strerror(errno));
	return 0;
}

int cycle_folder_import_zip(struct app *a, const struct actor *who,
			    const void *data, size_t len, json_t **out,
			    struct err_list *errs, struct err *e)
{
	char dir[CYCLE_FOLDER_TEMP];
	if (cycle_folder_mkdtemp(dir, e) != 0)
		return -1;
	int rc = zipdir_unpack(data, len, dir, e) != 0 ||
		 cycle_folder_import(a, who, dir, out, errs, e) != 0 ? -1 : 0;
	/* The temporary folder means nothing to whoever uploaded it. */
	if (rc != 0 && !strcmp(e->id, "workbook_refused"))
		snprintf(e->msg, sizeof e->msg, "the uploaded workbook has %zu "
			 "problem(s); nothing was imported",
			 err_list_count(errs));
	nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

/* The year's data a copy leaves behind (each file kept with its header
 * row only, as the loader may require it): values, ballots, routine
 * results, caps, unit grades and bonus pools. */
static const char *const cycle_folder_data[] = {
	"values.csv", "ratings.csv", "routine.csv", "caps.csv", "units.csv",
	"pools.csv", NULL,
};

/* cycle.json of dir with its id and name replaced. */
static int cycle_folder_rename(const char *dir, const char *code,
			       const char *name, struct err *e)
{
	char path[CYCLE_FOLDER_PATH];
	snprintf(path, sizeof path, "%s/cycle.json", dir);
	json_error_t je;
	json_t *doc = json_load_file(path, 0, &je);
	if (!json_is_object(doc)) {
		json_decref(doc);
		return err_set(e, ERR_INTERNAL, NULL, "the cycle's cycle.json "
			       "cannot be read: %s", je.text);
	}
	json_object_set_new(doc, "id", json_string(code));
	json_object_set_new(doc, "name", json_string(name));
	char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	int rc = text ? cycle_folder_write(dir, "cycle.json", text, e) : -1;
	free(text);
	return rc;
}

int cycle_folder_copy(struct app *a, const struct actor *who, int64_t id,
		      const char *code, const char *name, json_t **out,
		      struct err_list *errs, struct err *e)
{
	char dir[CYCLE_FOLDER_TEMP], path[CYCLE_FOLDER_PATH];
	if (cycle_folder_temp(a, id, dir, sizeof dir, e) != 0)
		return -1;
	for (size_t i = 0; cycle_folder_data[i]; i++) {
		char *head = NULL;
		size_t cap = 0;
		snprintf(path, sizeof path, "%s/%s", dir, cycle_folder_data[i]);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		bool got = getline(&head, &cap, f) > 0;
		fclose(f);
		int wrote = got ? cycle_folder_write(dir, cycle_folder_data[i],
						     head, e) : 0;
		free(head);
		if (wrote != 0) {
			nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
			return -1;
		}
	}
	int rc = cycle_folder_rename(dir, code, name, e) != 0 ||
		 cycle_folder_import(a, who, dir, out, errs, e) != 0 ? -1 : 0;
	nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

/* --- subjects from the records --------------------------------------------------- */

/* What the records say of one new subject: its name, its unit's id and
 * name; ERR_INVALID naming the list's entry when there is no such
 * person or unit. */
static int cycle_folder_record(struct store *s, bool people, int64_t rid,
			       size_t i, char *name, size_t name_len,
			       char *unit, size_t unit_len, int64_t *unit_id,
			       struct err *e)
{
	struct store_value v[] = { STORE_I(rid) };
	struct store_stmt *st;
	if (store_query(s, people
			? "SELECT p.name, p.unit_id, u.name FROM person p LEFT "
			  "JOIN unit u ON u.id = p.unit_id WHERE p.id = ?"
			: "SELECT name, id, name FROM unit WHERE id = ?",
			v, 1, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		snprintf(name, name_len, "%s", store_col_text(st, 0));
		*unit_id = store_col_null(st, 1) ? 0 : store_col_int(st, 1);
		snprintf(unit, unit_len, "%s",
			 store_col_null(st, 2) ? "" : store_col_text(st, 2));
	}
	store_finish(st);
	if (r == 0) {
		char where[48];
		snprintf(where, sizeof where, "ids[%zu]", i);
		return err_set_at(e, ERR_INVALID, people ? "unknown_person"
						       : "unknown_unit", where,
				  "there is no %s %lld", people ? "person"
								: "unit",
				  (long long)rid);
	}
	return r < 0 ? -1 : 0;
}

/* subjects.csv with a row for each new subject, the columns in the
 * file's own order (id, name, category, unit, scheme, pool). */
static int cycle_folder_more_rows(const char *dir,
				  const struct cycles_new_subject *subs,
				  char (*units)[256], size_t n,
				  struct buf *out, struct err *e)
{
	char path[CYCLE_FOLDER_PATH];
	struct csv_file f = CSV_FILE_INIT;
	struct sheet *sh = NULL;
	snprintf(path, sizeof path, "%s/subjects.csv", dir);
	if (csv_file_read(&f, path, "subjects.csv", 0, e) != 0)
		return -1;
	int rc = sheet_read(f.text, f.len, "subjects.csv", &sh, e);
	if (rc == 0) {
		buf_append(out, f.text, f.len);
		if (f.len && f.text[f.len - 1] != '\n')
			buf_putc(out, '\n');
		const struct sheet_row *h = &sh->rows[0];
		for (size_t i = 0; i < n; i++) {
			for (uint32_t k = 0; k < h->ncells; k++) {
				const char *col = sheet_get(h, k);
				const char *v =
					!strcmp(col, "id")	 ? subs[i].id
					: !strcmp(col, "name")	 ? subs[i].name
					: !strcmp(col, "category") ? subs[i].category
					: !strcmp(col, "unit")	 ? units[i]
					: !strcmp(col, "scheme") ? subs[i].scheme
								 : "";
				if (k)
					buf_putc(out, ',');
				sheet_csv_field(out, v, false);
			}
			buf_putc(out, '\n');
		}
	}
	sheet_free(sh);
	csv_file_free(&f);
	return rc;
}

int cycle_folder_add_subjects(struct app *a, const struct actor *who,
			      int64_t id, bool people, const int64_t *ids,
			      size_t n, const char *category,
			      const char *scheme, json_t **out,
			      struct err_list *errs, struct err *e)
{
	char dir[CYCLE_FOLDER_TEMP];
	struct workbook_options opt = { .threads = 1 };
	struct workbook *wb = NULL;
	struct cycles_new_subject *subs = xcalloc(n + 1, sizeof *subs);
	char (*names)[256] = xcalloc(n + 1, sizeof *names);
	char (*sids)[32] = xcalloc(n + 1, sizeof *sids);
	char (*units)[256] = xcalloc(n + 1, sizeof *units);
	struct buf csv = BUF_INIT;
	int rc = -1;
	struct store *s = app_acquire(a);
	for (size_t i = 0; i < n && rc != -2; i++) {
		int64_t unit_id = 0;
		if (cycle_folder_record(s, people, ids[i], i, names[i],
					sizeof names[i], units[i],
					sizeof units[i], &unit_id, e) != 0) {
			rc = -2;
			break;
		}
		snprintf(sids[i], sizeof sids[i], "%c%lld", people ? 'p' : 'u',
			 (long long)ids[i]);
		subs[i] = (struct cycles_new_subject){
			sids[i], names[i], category, scheme, unit_id,
			people ? ids[i] : 0 };
	}
	app_release(a, s);
	if (rc == -2) {
		rc = -1;
		goto done;
	}
	if (cycle_folder_temp(a, id, dir, sizeof dir, e) != 0)
		goto done;
	if (cycle_folder_more_rows(dir, subs, units, n, &csv, e) != 0 ||
	    cycle_folder_write(dir, "subjects.csv", buf_str(&csv), e) != 0)
		goto out;
	if (workbook_load(dir, &opt, &wb, errs) != 0) {
		err_set(e, ERR_INVALID, "workbook_refused", "with these "
			"subjects the workbook has %zu problem(s); nothing was "
			"changed", err_list_count(errs));
		goto out;
	}
	rc = cycles_add_subjects(a, who, id, buf_str(&csv), subs, n, e) != 0 ||
	     cycles_get(a, UNITS_SCOPE_ALL, id, out, e) != 0 ? -1 : 0;
out:
	workbook_free(wb);
	nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
done:
	buf_free(&csv);
	free(subs);
	free(names);
	free(sids);
	free(units);
	return rc;
}

int cycle_folder_zip(struct app *a, int64_t id, struct buf *out,
		     struct err *e)
{
	char dir[CYCLE_FOLDER_TEMP];
	if (cycle_folder_temp(a, id, dir, sizeof dir, e) != 0)
		return -1;
	int rc = zipdir_pack(dir, out, e);
	nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

/* --- completeness -------------------------------------------------------------- */

/* The missing leaves of subject s of the loaded workbook. */
static json_t *cycle_folder_missing(const struct assess_input *in, uint32_t s,
				    uint32_t *expected)
{
	json_t *missing = json_array();
	const struct assess_subject *sub = &in->subjects[s];
	*expected = 0;
	if (sub->scheme == ASSESS_NONE || sub->scheme >= in->nschemes)
		return missing;
	const struct assess_scheme *sc = &in->schemes[sub->scheme];
	*expected = sc->nleaves;
	for (uint32_t k = 0; k < sc->nleaves; k++)
		if (isnan(in->values[in->value_offset[s] + k]))
			json_array_append_new(missing, json_pack("{s:s,s:s}",
				"indicator", sc->leaves[k].id, "name",
				sc->leaves[k].name ? sc->leaves[k].name
						   : sc->leaves[k].id));
	return missing;
}

/* The indicators a subject's values are entered for: its scheme's leaves
 * then adjustments, each {id, name, unit, kind}. */
static json_t *cycle_folder_indicators_of(const struct assess_input *in,
					  uint32_t s)
{
	static const char *const kinds[] = { "bonus", "deduction", "veto" };
	json_t *list = json_array();
	const struct assess_subject *sub = &in->subjects[s];
	if (sub->scheme == ASSESS_NONE || sub->scheme >= in->nschemes)
		return list;
	const struct assess_scheme *sc = &in->schemes[sub->scheme];
	for (uint32_t k = 0; k < sc->nleaves; k++)
		json_array_append_new(list, json_pack("{s:s,s:s,s:s?,s:s}",
			"id", sc->leaves[k].id, "name", sc->leaves[k].name
				? sc->leaves[k].name : sc->leaves[k].id,
			"unit", sc->leaves[k].unit, "kind", "indicator"));
	for (uint32_t k = 0; k < sc->nadjustments; k++)
		json_array_append_new(list, json_pack("{s:s,s:s,s:n,s:s}",
			"id", sc->adjustments[k].id, "name",
			sc->adjustments[k].name ? sc->adjustments[k].name
						: sc->adjustments[k].id,
			"unit", "kind", kinds[sc->adjustments[k].kind]));
	return list;
}

/* Per subject of the cycle within scope, what row(s, x, in, s) makes of
 * it, into {"items": [...]}. */
typedef json_t *cycle_folder_subject_fn(const json_t *x,
					const struct assess_input *in,
					uint32_t s);

static int cycle_folder_per_subject(struct app *a, int64_t scope, int64_t id,
				    cycle_folder_subject_fn *row, json_t **out,
				    struct err_list *errs, struct err *e)
{
	char dir[CYCLE_FOLDER_TEMP];
	struct workbook_options opt = { .threads = 1 };
	struct workbook *wb = NULL;
	json_t *cycle = NULL, *items = json_array(), *x;
	size_t i;
	int rc = -1;
	if (cycles_get(a, scope, id, &cycle, e) != 0 ||
	    cycle_folder_temp(a, id, dir, sizeof dir, e) != 0)
		goto done;
	if (workbook_load(dir, &opt, &wb, errs) != 0) {
		err_set(e, ERR_INVALID, "workbook_refused", "the cycle's data "
			"has %zu problem(s)", err_list_count(errs));
		goto out;
	}
	const struct assess_input *in = workbook_input(wb);
	json_array_foreach(json_object_get(cycle, "subjects"), i, x) {
		uint32_t s = workbook_subject(wb, json_string_value(
					json_object_get(x, "subject")));
		if (s != ASSESS_NONE)
			json_array_append_new(items, row(x, in, s));
	}
	*out = json_pack("{s:O}", "items", items);
	rc = 0;
out:
	workbook_free(wb);
	nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
done:
	json_decref(cycle);
	json_decref(items);
	return rc;
}

static json_t *cycle_folder_completeness_row(const json_t *x,
					     const struct assess_input *in,
					     uint32_t s)
{
	uint32_t expected = 0;
	json_t *missing = cycle_folder_missing(in, s, &expected);
	return json_pack("{s:O,s:O,s:O,s:I,s:I,s:o}", "subject",
			 json_object_get(x, "subject"), "name",
			 json_object_get(x, "name"), "unit_id",
			 json_object_get(x, "unit_id"), "expected",
			 (json_int_t)expected, "entered",
			 (json_int_t)(expected - json_array_size(missing)),
			 "missing", missing);
}

int cycle_folder_completeness(struct app *a, int64_t scope, int64_t id,
			      json_t **out, struct err_list *errs,
			      struct err *e)
{
	return cycle_folder_per_subject(a, scope, id,
					cycle_folder_completeness_row, out,
					errs, e);
}

static json_t *cycle_folder_indicators_row(const json_t *x,
					   const struct assess_input *in,
					   uint32_t s)
{
	return json_pack("{s:O,s:O,s:o}", "subject",
			 json_object_get(x, "subject"), "name",
			 json_object_get(x, "name"), "indicators",
			 cycle_folder_indicators_of(in, s));
}

int cycle_folder_indicators(struct app *a, int64_t scope, int64_t id,
			    json_t **out, struct err_list *errs,
			    struct err *e)
{
	return cycle_folder_per_subject(a, scope, id,
					cycle_folder_indicators_row, out, errs,
					e);
}

int cycle_folder_set_file(struct app *a, const struct actor *who, int64_t id,
			  const char *path, const char *body,
			  struct err_list *errs, struct err *e)
{
	char dir[CYCLE_FOLDER_TEMP];
	struct workbook_options opt = { .threads = 1 };
	struct workbook *wb = NULL;
	int rc = -1;
	if (cycle_folder_temp(a, id, dir, sizeof dir, e) != 0)
		return -1;
	if (!strncmp(path, "schemes/", 8) && !strchr(path + 8, '/') &&
	    !strstr(path, "..") && cycle_folder_write(dir, path, body, e) != 0)
		goto out;
	if (!strcmp(path, "cycle.json") &&
	    cycle_folder_write(dir, path, body, e) != 0)
		goto out;
	if (workbook_load(dir, &opt, &wb, errs) != 0) {
		err_set(e, ERR_INVALID, "workbook_refused", "with this %s the "
			"workbook has %zu problem(s); nothing was changed", path,
			err_list_count(errs));
		goto out;
	}
	rc = cycles_put_file(a, who, id, path, body, e);
out:
	workbook_free(wb);
	nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

int cycle_folder_confirm(struct app *a, const struct actor *who, int64_t id,
			 struct err *e)
{
	char dir[CYCLE_FOLDER_TEMP], path[CYCLE_FOLDER_TEMP + 32];
	struct workbook *wb = NULL;
	struct assess_result *res = NULL;
	struct err_list errs = ERR_LIST_INIT;
	struct csv_file now = CSV_FILE_INIT;
	json_t *stored = NULL;
	int rc = -1;
	if (cycles_get_file(a, id, "results.csv", &stored, e) != 0) {
		if (e->code == ERR_NOT_FOUND)
			err_set(e, ERR_CONFLICT, "wrong_status", "the cycle "
				"has not been computed: compute it first");
		return -1;
	}
	if (cycle_folder_temp(a, id, dir, sizeof dir, e) != 0)
		goto done;
	snprintf(path, sizeof path, "%s/results.csv", dir);
	if (cycle_folder_run(dir, &wb, &res, &errs, e) != 0 ||
	    results_write(workbook_input(wb), res, dir, 2, e) != 0 ||
	    csv_file_read(&now, path, "results.csv", 0, e) != 0)
		goto out;
	const char *old = json_string_value(json_object_get(stored, "body"));
	if (!old || strlen(old) != now.len || memcmp(old, now.text, now.len)) {
		err_set(e, ERR_CONFLICT, "results_stale", "the cycle's data "
			"changed after it was computed: compute it again, then "
			"confirm");
		goto out;
	}
	rc = cycles_confirm(a, who, id, e);
out:
	csv_file_free(&now);
	assess_result_free(res);
	workbook_free(wb);
	err_list_free(&errs);
	nftw(dir, cycle_folder_rm, 16, FTW_DEPTH | FTW_PHYS);
done:
	json_decref(stored);
	return rc;
}
