/* workbook: loading a workbook folder in order (cycle, schemes, subjects,
 * then the data files, ratings in a second thread) and the CSV driver
 * every data file uses. The readers of each file are in workbook_*.c.
 * Must not write into the folder. */
#include "workbook_int.h"

#include <assert.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xmalloc.h"
#include "io/cycle.h"
#include "io/jread.h"

#define WORKBOOK_PATH_MAX 4096

/* workbook_load refuses a folder whose path leaves no room for the
 * longest name, so only a bug can cut a path short here. */
static void workbook_path(char *out, const struct workbook_load *ld,
			  const char *name)
{
	int n = snprintf(out, WORKBOOK_PATH_MAX, "%s/%s", ld->dir, name);
	assert(n > 0 && n < WORKBOOK_PATH_MAX);
	(void)n;
}

/* --- the CSV driver ------------------------------------------------------ */

static int workbook_csv_row(void *ctx, const struct csv_row *row)
{
	struct workbook_csv *c = ctx;
	if (csv_row_check(&c->h, row, c->errs) == 0)
		c->row(c, row);
	else if (c->bad_row)
		c->bad_row(c, row);
	return 0;
}

int workbook_csv_read(struct workbook_csv *c)
{
	char path[WORKBOOK_PATH_MAX];
	struct csv_file f = CSV_FILE_INIT;
	struct err e = ERR_INIT;
	int rc = -1;
	workbook_path(path, c->ld, c->name);
	if (csv_file_read(&f, path, c->name, c->ld->opt.max_file, &e) != 0) {
		if (err_is(&e, ERR_NOT_FOUND) && !c->required)
			return 1;
		err_list_add(c->errs, &e);
		return -1;
	}
	c->present = true;
	if (csv_header_read(&f, c->cols, c->ncols, &c->h, c->errs) != 0)
		goto out;
	if (csv_rows(&f, &c->h.body, workbook_csv_row, c, &e) != 0) {
		err_list_add(c->errs, &e);
		goto out;
	}
	rc = 0;
out:
	csv_file_free(&f);
	return rc;
}

uint32_t workbook_subject_cell(struct workbook_csv *c,
			       const struct csv_row *row, uint32_t cell,
			       struct workbook_cache *cache)
{
	const struct csv_cell *v = &row->cells[cell];
	if (cache->len && v->len == cache->len &&
	    memcmp(cache->id, v->s, v->len) == 0)
		return cache->index;
	uint32_t s = intern_find(&c->ld->wb->subjects, v->s, v->len);
	if (s == INTERN_NONE) {
		csv_error_at(c->errs, row, cell, "unknown_subject",
			     "unknown subject '%.128s': not in subjects.csv",
			     v->s);
		return ASSESS_NONE;
	}
	if (v->len < sizeof cache->id) {
		memcpy(cache->id, v->s, v->len);
		cache->len = v->len;
		cache->index = s;
	}
	return s;
}

const char *workbook_strdup(struct workbook_load *ld, const struct csv_cell *c)
{
	return arena_strndup(&ld->wb->arena, c->s, c->len);
}

/* --- cycle.json and schemes/ --------------------------------------------- */

static void workbook_cycle(struct workbook_load *ld)
{
	char path[WORKBOOK_PATH_MAX];
	struct jread j = { "cycle.json", &ld->wb->arena, ld->errs, 0 };
	workbook_path(path, ld, "cycle.json");
	json_t *doc = jread_file(&j, path, true);
	if (!doc)
		return;
	cycle_read(&j, doc, ld->in);
	json_decref(doc);
	ld->cycle_ok = ld->in->ngrades > 0;
}

static bool workbook_has_kind(const struct assess_input *in,
			      enum assess_component_kind kind)
{
	for (uint32_t c = 0; c < in->ncomponents; c++)
		if (in->components[c].kind == kind)
			return true;
	return false;
}

static int workbook_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of schemes/NAME.json, sorted (free each and the array). */
static char **workbook_scheme_files(DIR *dir, size_t *n)
{
	char **names = NULL;
	size_t cap = 0;
	struct dirent *de;
	*n = 0;
	while ((de = readdir(dir)) && *n <= SCHEME_MAX_DOCS) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[(*n)++] = xstrdup(de->d_name);
	}
	if (*n)
		qsort(names, *n, sizeof *names, workbook_cmp_names);
	return names;
}

static void workbook_scheme_file(struct workbook_load *ld, const char *name)
{
	char path[WORKBOOK_PATH_MAX], file[WORKBOOK_PATH_MAX];
	size_t len = 0;
	snprintf(file, sizeof file, "schemes/%s", name);
	struct jread j = { file, &ld->wb->arena, ld->errs, 0 };
	workbook_path(path, ld, file);
	char *text = jread_text(&j, path, true, &len);
	if (text)
		scheme_set_add(ld->schemes, file, text, len, ld->errs);
	free(text);
}

static void workbook_schemes(struct workbook_load *ld)
{
	char path[WORKBOOK_PATH_MAX];
	struct workbook *wb = ld->wb;
	struct assess_input *in = ld->in;
	size_t n = 0;
	bool needed = workbook_has_kind(in, ASSESS_COMP_SCHEME);
	ld->schemes = scheme_set_new(&wb->arena);
	workbook_path(path, ld, "schemes");
	DIR *dir = opendir(path);
	if (!dir) {
		if (needed)
			err_list_set_at(ld->errs, ERR_INVALID, "missing_file",
					"schemes", "the cycle has a scheme "
					"component, but schemes/ is missing");
		return;
	}
	char **names = workbook_scheme_files(dir, &n);
	closedir(dir);
	for (size_t k = 0; k < n; k++) {
		workbook_scheme_file(ld, names[k]);
		free(names[k]);
	}
	free(names);
	struct scheme_context ctx = {
		in->grades, ld->cycle_ok ? in->ngrades : 0,
		ld->cycle_ok ? cycle_veto_default(in) : ASSESS_NONE,
		&wb->indicators,
	};
	scheme_set_build(ld->schemes, &ctx, &in->schemes, &in->nschemes,
			 ld->errs);
	in->indicators = wb->indicators.names;
	in->nindicators = wb->indicators.n;
}

/* --- the data files ------------------------------------------------------ */

/* The second thread's share: ratings.csv (about as much as values.csv,
 * routine.csv and the small files on the first). */
struct workbook_side {
	struct workbook_load *ld;
	struct err_list ratings;
};

static void *workbook_side_run(void *arg)
{
	struct workbook_side *side = arg;
	workbook_read_ratings(side->ld, &side->ratings);
	return NULL;
}

static void workbook_merge(struct err_list *to, struct err_list *from)
{
	for (size_t k = 0; k < from->n; k++)
		err_list_add(to, &from->items[k]);
	to->dropped += from->dropped;
	err_list_free(from);
}

/* The data files, in two threads when asked; the errors are listed in
 * the order of the files all the same. */
static void workbook_data(struct workbook_load *ld)
{
	size_t max = ld->errs->max;
	struct err_list values = { .max = max }, routine = { .max = max },
			rest = { .max = max };
	struct workbook_side side = { ld, { .max = max } };
	pthread_t tid;
	bool two = ld->opt.threads != 1 &&
		   pthread_create(&tid, NULL, workbook_side_run, &side) == 0;
	workbook_read_values(ld, &values);
	workbook_read_routine(ld, &routine);
	workbook_read_units(ld, &rest);
	workbook_read_caps(ld, &rest);
	workbook_read_pools(ld, &rest);
	if (two)
		pthread_join(tid, NULL);
	else
		workbook_side_run(&side);
	workbook_merge(ld->errs, &values);
	workbook_merge(ld->errs, &side.ratings);
	workbook_merge(ld->errs, &routine);
	workbook_merge(ld->errs, &rest);
}

static void workbook_names(struct workbook *wb)
{
	struct assess_input *in = &wb->input;
	in->categories = wb->categories.names;
	in->ncategories = wb->categories.n;
	in->units = wb->units.names;
	in->nunits = wb->units.n;
	in->pools = wb->pools.names;
	in->npools = wb->pools.n;
}

/* The engine wants a scheme for every subject: those without one (in a
 * cycle with no scheme component) share an empty scheme with id "". */
static void workbook_empty_scheme(struct workbook *wb)
{
	struct assess_input *in = &wb->input;
	uint32_t n = in->nschemes;
	bool used = false;
	for (uint32_t s = 0; s < in->nsubjects; s++)
		if (in->subjects[s].scheme == ASSESS_NONE) {
			in->subjects[s].scheme = n;
			used = true;
		}
	if (!used)
		return;
	struct assess_scheme *all = arena_zalloc(&wb->arena,
						 (n + 1) * sizeof *all);
	if (n)
		memcpy(all, in->schemes, n * sizeof *all);
	all[n].id = "";
	all[n].name = "";
	in->schemes = all;
	in->nschemes = n + 1;
}

void workbook_free(struct workbook *wb)
{
	if (!wb)
		return;
	intern_free(&wb->subjects);
	intern_free(&wb->indicators);
	intern_free(&wb->categories);
	intern_free(&wb->units);
	intern_free(&wb->pools);
	arena_free(&wb->side);
	arena_free(&wb->arena);
	free(wb);
}

static struct workbook *workbook_new(void)
{
	struct workbook *wb = xcalloc(1, sizeof *wb);
	intern_init(&wb->subjects, &wb->arena);
	intern_init(&wb->indicators, &wb->arena);
	intern_init(&wb->categories, &wb->arena);
	intern_init(&wb->units, &wb->arena);
	intern_init(&wb->pools, &wb->arena);
	return wb;
}

int workbook_load(const char *dir, const struct workbook_options *opt,
		  struct workbook **out, struct err_list *errs)
{
	static const struct workbook_options defaults = { 2, false, 0 };
	struct workbook *wb = workbook_new();
	size_t before = err_list_count(errs);
	struct workbook_load ld = { dir, opt ? *opt : defaults, wb,
				    &wb->input, errs, false, NULL, NULL, NULL };
	struct stat st;
	*out = NULL;
	if (strlen(dir) > WORKBOOK_PATH_MAX - 512) {
		workbook_free(wb);
		return err_list_set_at(errs, ERR_INVALID, "too_long", "",
				       "the workbook folder's path is too "
				       "long");
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		workbook_free(wb);
		return err_list_set_at(errs, ERR_NOT_FOUND, "missing_file", "",
				       "%s is not a folder", dir);
	}
	wb->input.strict = ld.opt.strict;
	workbook_cycle(&ld);
	workbook_schemes(&ld);
	int rc = workbook_read_subjects(&ld);
	workbook_names(wb);
	if (rc == 0 && workbook_layout_values(&ld) == 0)
		workbook_data(&ld);
	scheme_set_free(ld.schemes);
	free(ld.subject_line);
	if (err_list_count(errs) != before) {
		workbook_free(wb);
		return -1;
	}
	workbook_empty_scheme(wb);
	*out = wb;
	return 0;
}

const struct assess_input *workbook_input(const struct workbook *wb)
{
	return &wb->input;
}

uint32_t workbook_subject(const struct workbook *wb, const char *id)
{
	uint32_t s = intern_find(&wb->subjects, id, strlen(id));
	return s == INTERN_NONE ? ASSESS_NONE : s;
}
