/* fuzz_workbook: the workbook's parsers on bytes a user controls, without
 * a folder. The same input is read as a CSV file (values.csv's header
 * mapping, every row checked, every cell's position and number worked
 * out, the file split in two and each half parsed) and as a scheme
 * document beside a fixed base it may extend. Nothing may crash, leak or
 * read out of bounds; every refusal must say where and why. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "io/intern.h"
#include "io/scheme.h"

static const struct csv_column fuzz_cols[] = {
	{ "subject", true }, { "indicator", true }, { "actual", true },
	{ "target", false },
};

struct fuzz_csv {
	const struct csv_header *h;   /* NULL when the header was refused */
	struct err_list *errs;
	uint32_t last_line;
};

static int fuzz_row(void *ctx, const struct csv_row *row)
{
	struct fuzz_csv *c = ctx;
	assert(row->line >= c->last_line && row->ncells <= CSV_MAX_CELLS);
	c->last_line = row->line;
	if (c->h)
		csv_row_check(c->h, row, c->errs);
	for (uint32_t k = 0; k <= row->ncells; k++) {
		uint32_t line, col;
		double d;
		int64_t i;
		csv_cell_pos(row, k, &line, &col);
		assert(line >= row->line && col >= 1);
		if (k < row->ncells) {
			assert(row->cells[k].s[row->cells[k].len] == '\0');
			csv_double(&row->cells[k], &d);
			csv_int64(&row->cells[k], &i);
		}
	}
	return 0;
}

/* Every row as text, for holding csv_rows to csv_rows_libcsv. */
static int fuzz_record(void *ctx, const struct csv_row *row)
{
	FILE *out = ctx;
	fprintf(out, "%u@%zu:", row->line, row->offset);
	for (uint32_t k = 0; k < row->ncells; k++) {
		fprintf(out, "[%u]", row->cells[k].len);
		fwrite(row->cells[k].s, 1, row->cells[k].len, out);
	}
	fputc('\n', out);
	return 0;
}

static char *fuzz_parse(const struct csv_file *f, bool libcsv_only)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct err e = ERR_INIT;
	struct csv_range all = csv_file_range(f);
	assert(out);
	int rc = libcsv_only ? csv_rows_libcsv(f, &all, fuzz_record, out, &e)
			     : csv_rows(f, &all, fuzz_record, out, &e);
	fprintf(out, "%d %s %s\n", rc, e.where, e.msg);
	fclose(out);
	return text;
}

/* The plain-line path and libcsv alone give the same rows and errors. */
static void fuzz_csv_same(const struct csv_file *f)
{
	char *fast = fuzz_parse(f, false), *slow = fuzz_parse(f, true);
	assert(strcmp(fast, slow) == 0);
	free(fast);
	free(slow);
}

static void fuzz_csv(const uint8_t *data, size_t size)
{
	struct csv_file f;
	struct csv_header h;
	struct err e = ERR_INIT;
	struct err_list errs = ERR_LIST_INIT;
	if (csv_file_load(&f, "values.csv", data, size, &e) != 0) {
		assert(e.msg[0] && e.where[0]);
		return;
	}
	fuzz_csv_same(&f);
	struct fuzz_csv c = { &h, &errs, 0 };
	if (csv_header_read(&f, fuzz_cols, 4, &h, &errs) != 0)
		c.h = NULL;
	else if (csv_rows(&f, &h.body, fuzz_row, &c, &e) != 0)
		assert(e.msg[0] && e.where[0]);
	struct csv_range all = csv_file_range(&f), half[2];
	if (csv_split(&f, &all, half)) {
		assert(half[0].end == half[1].begin && half[1].line >= 1);
		for (int k = 0; k < 2; k++) {
			c.last_line = 0;
			err_clear(&e);
			if (csv_rows(&f, &half[k], fuzz_row, &c, &e) != 0)
				assert(e.msg[0] && e.where[0]);
		}
	}
	for (size_t k = 0; k < errs.n; k++)
		assert(errs.items[k].msg[0] && errs.items[k].where[0]);
	err_list_free(&errs);
	csv_file_free(&f);
}

static const char fuzz_base[] =
	"{ \"id\": \"base\", \"indicators\": [\n"
	"  { \"id\": \"econ\", \"weight\": 60, \"children\": [\n"
	"    { \"id\": \"gdp\", \"weight\": 50,"
	"      \"rule\": { \"kind\": \"ratio\", \"target\": 7 } },\n"
	"    { \"id\": \"trade\", \"weight\": 50,"
	"      \"rule\": { \"kind\": \"rank\" } } ] },\n"
	"  { \"id\": \"party\", \"weight\": 40,"
	"    \"rule\": { \"kind\": \"score\" } } ],\n"
	"  \"adjustments\": [ { \"id\": \"veto\", \"kind\": \"veto\" } ] }\n";

static void fuzz_scheme(const uint8_t *data, size_t size)
{
	static const struct assess_grade grades[] = {
		{ .id = "excellent" }, { .id = "competent" },
		{ .id = "incompetent" },
	};
	struct arena a = ARENA_INIT;
	struct err_list errs = ERR_LIST_INIT;
	struct intern indicators;
	struct assess_scheme *out = NULL;
	uint32_t n = 0;
	intern_init(&indicators, &a);
	struct scheme_set *set = scheme_set_new(&a);
	int rc = scheme_set_add(set, "schemes/base.json", fuzz_base,
				sizeof fuzz_base - 1, &errs);
	assert(rc == 0);
	scheme_set_add(set, "schemes/fuzz.json", (const char *)data, size,
		       &errs);
	struct scheme_context ctx = { grades, 3, 1, &indicators };
	rc = scheme_set_build(set, &ctx, &out, &n, &errs);
	assert(n == 2 && (rc == 0) == (errs.n == 0));
	for (uint32_t k = 0; k < n; k++)
		for (uint32_t i = 0; i < out[k].nleaves; i++)
			assert(out[k].leaves[i].points >= 0 &&
			       out[k].leaves[i].points <= 100 + 1e-6);
	for (size_t k = 0; k < errs.n; k++)
		assert(errs.items[k].msg[0] && errs.items[k].where[0]);
	err_list_free(&errs);
	scheme_set_free(set);
	intern_free(&indicators);
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_csv(data, size);
	fuzz_scheme(data, size);
	return 0;
}
