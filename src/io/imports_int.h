/* imports_int: what the modules of io/imports share (imports.c: the
 * column tables of people, employments, pay and assignments, the reading
 * of a file and its one transaction; imports_frontline.c: projects, a
 * plan's entries and a campaign's applications). Not for other layers:
 * they use io/imports.h. */
#ifndef KAOHE_IO_IMPORTS_INT_H
#define KAOHE_IO_IMPORTS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/day.h"
#include "io/imports.h"

#define IMPORTS_COLS_MAX 16

/* A column: its field id, its Chinese header, whether a value is
 * required, the example of the template, and the service field whose
 * errors belong to it (besides its own id). */
struct imports_col {
	const char *field, *zh;
	bool required;
	const char *example;
	const char *alias;
};

/* A person written by an earlier row of the file (with the span of his
 * assignment, for assignments), so that a clash with it is named by its
 * row, not by an id that the refusal rolls back. */
struct imports_span {
	int64_t person;
	char start[DAY_TEXT_LEN + 1], end[DAY_TEXT_LEN + 1];
	uint32_t line;
};

/* The cells of one row, trimmed of spaces; NULL when empty. */
struct imports_row {
	uint32_t line;
	char *v[IMPORTS_COLS_MAX];
};

struct imports_ctx;

/* Writes one row in the file's transaction on s through a service's
 * *_in function; e says why not (its where a field of the service or a
 * column's field). */
typedef int imports_row_fn(struct imports_ctx *c, struct store *s,
			   const struct imports_row *r, struct err *e);

struct imports_ctx {
	const struct actor *who;
	const struct imports_col *cols;
	imports_row_fn *row;
	int64_t target;             /* the plan or campaign of the file; 0 */
	const struct sheet *sheet;
	int at[IMPORTS_COLS_MAX];   /* column of the file for each col; -1 */
	struct imports_report *r;
	struct imports_span *spans; /* the rows written so far */
	size_t nspans, spans_cap;
	uint32_t line;              /* the row being read */
};

/* Reads data (named name) and runs c->row on each data row in one
 * transaction, as imports_run. c->who, cols, row, target and r are set
 * by the caller; the rest is the file's. */
int imports_file(struct app *a, struct imports_ctx *c, const void *data,
		 size_t len, const char *name, struct err *e);
/* The template of cols (header and example row) titled title. */
int imports_cols_template(const struct imports_col *cols, const char *title,
			  enum sheet_format f, struct buf *out, struct err *e);

/* "people.xlsx row 12 column C (身份证号)" for column col of line (the
 * row alone when col is -1 or not in the file) into out. */
void imports_where(const struct imports_ctx *c, uint32_t line, int col,
		   char *out, size_t size);
/* Records e as a problem of line, at the column of e's field. */
void imports_problem(struct imports_ctx *c, uint32_t line,
		     const struct err *e);
/* Maps the header row to the columns; problems into the report. */
void imports_header(struct imports_ctx *c);
void imports_row_read(const struct imports_ctx *c,
		      const struct sheet_row *row, struct imports_row *out);
void imports_row_free(struct imports_row *r);
/* The value of the column whose field is field (NULL when empty);
 * valid until imports_row_free. */
const char *imports_v(const struct imports_ctx *c,
		      const struct imports_row *r, const char *field);
/* "2024-03-01", "2024/3/1" or "2024.03.01" as yyyy-mm-dd into out (and
 * returned); anything else returned as it is, for the service to refuse
 * by name. */
const char *imports_date(const char *v, char out[DAY_TEXT_LEN + 1]);
/* Yuan with at most two decimals, at most max_yuan, as fen; -1 when
 * empty. what names the value in the message ("the pay"). */
int imports_fen(const char *v, const char *field, int64_t max_yuan,
		const char *what, int64_t *out, struct err *e);
/* Remembers that the row being read wrote something of person (an
 * assignment from start to end, or "" for no span). */
void imports_span_add(struct imports_ctx *c, int64_t person,
		      const char *start, const char *end);
/* The row that wrote something of person first; 0 when none. */
uint32_t imports_span_row(const struct imports_ctx *c, int64_t person);
/* "row" for XLSX, "line" for CSV. */
const char *imports_line_word(const struct imports_ctx *c);

/* Projects (imports_frontline.c): the columns and the row. */
extern const struct imports_col imports_projects_cols[];
imports_row_fn imports_project;

#endif
