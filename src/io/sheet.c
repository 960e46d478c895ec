/* sheet: choosing how to read an uploaded spreadsheet, the CSV reader
 * (through io/csv.h), the rows both readers build, and the writers' front
 * with the CSV writer (the XLSX halves are sheet_xlsx_read.c and
 * sheet_xlsx_write.c). See sheet.h. Must not know what any column means. */
#include "sheet.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xmalloc.h"
#include "io/csv.h"
#include "io/sheet_int.h"

/* The first bytes of an OLE compound file: an old .xls workbook, or an
 * .xlsx with a password (which Excel wraps in one). */
#define SHEET_OLE_MAGIC "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
#define SHEET_ZIP_MAGIC "PK\x03\x04"
#define SHEET_ROWS_FIRST 64 /* rows room is made for at first */

/* --- building rows -------------------------------------------------------- */

static int sheet_build_refuse(const struct sheet *s, uint32_t line,
			      const char *id, const char *msg, struct err *e)
{
	char where[ERR_WHERE_MAX];
	snprintf(where, sizeof where, "%s %s %u", s->name,
		 s->format == SHEET_XLSX ? "row" : "line", line);
	return err_set_at(e, ERR_TOO_LARGE, id, where, "%s", msg);
}

int sheet_build_row(struct sheet_build *b, uint32_t line, uint32_t ncells,
		    const char ***out, struct err *e)
{
	struct sheet *s = b->s;
	char msg[ERR_MSG_MAX];
	if (s->nrows == SHEET_MAX_ROWS) {
		snprintf(msg, sizeof msg, "more than %u rows; split the file",
			 SHEET_MAX_ROWS);
		return sheet_build_refuse(s, line, "too_many_rows", msg, e);
	}
	if (b->cells + ncells > SHEET_MAX_CELLS) {
		snprintf(msg, sizeof msg, "more than %u cells, counting the "
			 "empty ones before the last cell of each row; split "
			 "the file", SHEET_MAX_CELLS);
		return sheet_build_refuse(s, line, "too_many_cells", msg, e);
	}
	if (s->nrows == b->cap) {
		uint32_t cap = b->cap ? b->cap * 2 : SHEET_ROWS_FIRST;
		struct sheet_row *rows =
			arena_alloc(&s->arena, cap * sizeof *rows);
		if (s->nrows)
			memcpy(rows, s->rows, s->nrows * sizeof *rows);
		s->rows = rows;
		b->cap = cap;
	}
	const char **cells = arena_alloc(&s->arena, ncells * sizeof *cells);
	for (uint32_t k = 0; k < ncells; k++)
		cells[k] = "";
	s->rows[s->nrows++] = (struct sheet_row){ line, ncells, cells };
	if (ncells > s->ncols)
		s->ncols = ncells;
	b->cells += ncells;
	*out = cells;
	return 0;
}

/* --- reading CSV ------------------------------------------------------------ */

struct sheet_csv {
	struct sheet_build *b;
	struct err *e;
	bool failed;
};

static int sheet_csv_row(void *ctx, const struct csv_row *row)
{
	struct sheet_csv *c = ctx;
	struct sheet *s = c->b->s;
	uint32_t n = row->ncells;
	while (n > 0 && row->cells[n - 1].len == 0)
		n--;
	if (n == 0)
		return 0; /* only empty cells: what Excel writes for a
			     formatted but empty row */
	for (uint32_t k = 0; k < n; k++) {
		const struct csv_cell *cell = &row->cells[k];
		if (cell->len <= SHEET_MAX_TEXT ||
		    utf8_length(cell->s, cell->len) <= SHEET_MAX_TEXT)
			continue;
		char where[ERR_WHERE_MAX];
		uint32_t line, col;
		csv_cell_pos(row, k, &line, &col);
		snprintf(where, sizeof where, "%s line %u, column %u",
			 s->name, line, col);
		err_set_at(c->e, ERR_INVALID, "cell_too_long", where,
			   "a cell longer than %u characters, Excel's limit",
			   SHEET_MAX_TEXT);
		c->failed = true;
		return 1;
	}
	const char **cells;
	if (sheet_build_row(c->b, row->line, n, &cells, c->e) != 0) {
		c->failed = true;
		return 1;
	}
	for (uint32_t k = 0; k < n; k++)
		if (row->cells[k].len)
			cells[k] = arena_strndup(&s->arena, row->cells[k].s,
						 row->cells[k].len);
	return 0;
}

static int sheet_csv_read(struct sheet_build *b, const void *data,
			  size_t len, struct err *e)
{
	struct csv_file f;
	struct sheet_csv c = { b, e, false };
	if (csv_file_load(&f, b->s->name, data, len, e) != 0)
		return -1;
	struct csv_range all = csv_file_range(&f);
	int rc = csv_rows(&f, &all, sheet_csv_row, &c, e);
	csv_file_free(&f);
	return rc != 0 || c.failed ? -1 : 0;
}

/* --- reading -------------------------------------------------------------- */

int sheet_read(const void *data, size_t len, const char *name,
	       struct sheet **out, struct err *e)
{
	struct sheet *s = xcalloc(1, sizeof *s);
	struct sheet_build b = { s, 0, 0 };
	int rc;
	*out = NULL;
	s->name = arena_strdup(&s->arena, name ? name : "sheet");
	if (len >= 4 && memcmp(data, SHEET_ZIP_MAGIC, 4) == 0) {
		s->format = SHEET_XLSX;
		rc = sheet_xlsx_read(&b, data, len, e);
	} else if (len >= 8 && memcmp(data, SHEET_OLE_MAGIC, 8) == 0) {
		rc = err_set_at(e, ERR_INVALID, "xls_file", s->name,
				"%s is an old Excel .xls file or a workbook "
				"with a password: save it without a password "
				"as .xlsx (Excel Workbook) or as CSV UTF-8",
				s->name);
	} else {
		s->format = SHEET_CSV;
		rc = sheet_csv_read(&b, data, len, e);
	}
	if (rc != 0) {
		sheet_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

void sheet_free(struct sheet *s)
{
	if (!s)
		return;
	arena_free(&s->arena);
	free(s);
}

void sheet_column_name(uint32_t col, char out[SHEET_COLUMN_NAME])
{
	char rev[SHEET_COLUMN_NAME];
	size_t n = 0;
	assert(col < SHEET_MAX_COLS);
	for (uint32_t c = col + 1; c > 0 && n < SHEET_COLUMN_NAME - 1;
	     c = (c - 1) / 26)
		rev[n++] = (char)('A' + (c - 1) % 26);
	for (size_t k = 0; k < n; k++)
		out[k] = rev[n - 1 - k];
	out[n] = '\0';
}

/* --- writing ----------------------------------------------------------------- */

bool sheet_escape_needed(const char *text)
{
	return text && text[0] && strchr("=+-@\t\r", text[0]);
}

void sheet_csv_field(struct buf *b, const char *t, bool prefix)
{
	size_t len = strlen(t);
	char first = prefix ? '\'' : t[0];
	bool quote = strpbrk(t, ",\"\r\n") || first == ' ' || first == '\t' ||
		     (len && (t[len - 1] == ' ' || t[len - 1] == '\t'));
	if (quote)
		buf_putc(b, '"');
	if (prefix)
		buf_putc(b, '\'');
	for (const char *q; (q = strchr(t, '"')); t = q + 1) {
		buf_append(b, t, (size_t)(q - t) + 1);
		buf_putc(b, '"');
	}
	buf_puts(b, t);
	if (quote)
		buf_putc(b, '"');
}

/* Appends one cell, a text that a spreadsheet would take for a formula
 * escaped with a leading '. */
static void sheet_csv_cell(struct buf *b, const struct sheet_cell *c)
{
	const char *t = c->text ? c->text : "";
	sheet_csv_field(b, t, !c->number && sheet_escape_needed(t));
}

static int sheet_csv_write_row(struct sheet_writer *w, uint32_t row,
			       const struct sheet_cell *cells, size_t n,
			       bool header, struct err *e)
{
	(void)row;
	(void)header;
	(void)e;
	for (size_t k = 0; k < n; k++) {
		if (k)
			buf_putc(&w->text, ',');
		sheet_csv_cell(&w->text, &cells[k]);
	}
	buf_append(&w->text, "\r\n", 2);
	return 0;
}

static int sheet_csv_finish(struct sheet_writer *w, struct buf *out,
			    struct err *e)
{
	(void)e;
	buf_append(out, w->text.data, w->text.len);
	return 0;
}

static void sheet_csv_drop(struct sheet_writer *w)
{
	(void)w;
}

static const struct sheet_writer_ops sheet_csv_ops = {
	sheet_csv_write_row, sheet_csv_finish, sheet_csv_drop,
};

struct sheet_writer *sheet_writer_new(enum sheet_format f,
				      const char *sheet_title, struct err *e)
{
	struct sheet_writer *w = xcalloc(1, sizeof *w);
	if (f == SHEET_XLSX) {
		w->ops = &sheet_xlsx_ops;
		if (sheet_xlsx_open(w, sheet_title, e) != 0) {
			free(w);
			return NULL;
		}
		return w;
	}
	w->ops = &sheet_csv_ops;
	buf_append(&w->text, "\xEF\xBB\xBF", 3); /* Excel reads UTF-8 so */
	return w;
}

/* Checks one cell of row w->nrows (see sheet_writer_row). */
static int sheet_check_cell(const struct sheet_writer *w, size_t k,
			    const struct sheet_cell *c, struct err *e)
{
	char col[SHEET_COLUMN_NAME], where[ERR_WHERE_MAX];
	size_t len = c->text ? strlen(c->text) : 0, bad = 0;
	double d;
	if (len == 0)
		return 0;
	sheet_column_name((uint32_t)k, col);
	snprintf(where, sizeof where, "row %u column %s", w->nrows + 1, col);
	if (!utf8_valid(c->text, len, &bad))
		return err_set_at(e, ERR_INVALID, "bad_encoding", where,
				  "byte %zu of the text is not UTF-8", bad + 1);
	if (len > SHEET_MAX_TEXT && utf8_length(c->text, len) > SHEET_MAX_TEXT)
		return err_set_at(e, ERR_INVALID, "cell_too_long", where,
				  "more than %u characters, Excel's limit",
				  SHEET_MAX_TEXT);
	struct csv_cell num = { c->text, (uint32_t)len };
	if (c->number && csv_double(&num, &d) != 0)
		return err_set_at(e, ERR_INVALID, "not_a_number", where,
				  "'%.40s' is not a decimal number", c->text);
	return 0;
}

static int sheet_writer_put(struct sheet_writer *w,
			    const struct sheet_cell *cells, size_t n,
			    bool header, struct err *e)
{
	if (w->nrows == SHEET_MAX_ROWS)
		return err_set(e, ERR_INVALID, "too_many_rows",
			       "more than %u rows, Excel's limit",
			       SHEET_MAX_ROWS);
	if (n > SHEET_MAX_COLS)
		return err_set(e, ERR_INVALID, "too_many_columns",
			       "row %u has %zu cells; Excel's limit is %u",
			       w->nrows + 1, n, SHEET_MAX_COLS);
	for (size_t k = 0; k < n; k++)
		if (sheet_check_cell(w, k, &cells[k], e) != 0)
			return -1;
	if (w->ops->row(w, w->nrows, cells, n, header, e) != 0)
		return -1;
	w->nrows++;
	return 0;
}

int sheet_writer_row(struct sheet_writer *w, const struct sheet_cell *cells,
		     size_t n, struct err *e)
{
	return sheet_writer_put(w, cells, n, false, e);
}

int sheet_writer_header(struct sheet_writer *w,
			const struct sheet_cell *cells, size_t n,
			struct err *e)
{
	return sheet_writer_put(w, cells, n, true, e);
}

int sheet_writer_finish(struct sheet_writer *w, struct buf *out,
			struct err *e)
{
	size_t was = out->len;
	int rc = w->ops->finish(w, out, e);
	if (rc != 0 && out->data) {
		out->len = was;
		out->data[was] = '\0';
	}
	sheet_writer_free(w);
	return rc;
}

void sheet_writer_free(struct sheet_writer *w)
{
	if (!w)
		return;
	w->ops->drop(w);
	buf_free(&w->text);
	free(w);
}
