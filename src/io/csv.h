/* csv: one CSV file of a workbook, read whole and parsed with libcsv.
 *
 * The text is UTF-8 (a leading byte-order mark is dropped) or, when it is
 * not valid UTF-8, GB18030 (which includes GBK) converted to UTF-8; a file
 * that is neither is refused at its first byte that is not UTF-8, as is a
 * NUL byte. Rows
 * come to a callback with their cells (RFC 4180 quoting; unquoted cells
 * trimmed of spaces and tabs; CRLF or LF line ends; blank lines skipped)
 * and the line they start on. The column of a cell is worked out only
 * when an error needs it, by walking the row's text again, so the common
 * path copies each cell once into a reused row buffer and allocates
 * nothing per cell or per row.
 *
 * Memory: a file is mapped read-only (read into memory when it cannot
 * be), and the pages already checked or parsed are given back as the
 * reading goes, so a file of gigabytes does not stay resident; the text
 * stays readable (pages come back from the file), which errors need. A
 * file cut short by another program while it is read makes the process
 * fail (SIGBUS): workbooks are not written while they are read.
 *
 * Two threads: csv_split cuts a range in two at a line end when no quote
 * character comes before the cut (then the parser's state there is known:
 * outside any quoted cell); each half is parsed by its own call of
 * csv_rows, with its own libcsv parser. A range whose first half holds a
 * quote is not split (a quoted cell may hold a line break, and telling
 * whether a given line end is inside quotes means parsing from the start):
 * such a file is parsed serially.
 *
 * Knows nothing of any workbook file's columns; must not write files. */
#ifndef KAOHE_IO_CSV_H
#define KAOHE_IO_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define CSV_MAX_FILE (((uint64_t)4 << 30) - 1) /* bytes, less than 4 GiB */
#define CSV_MAX_CELLS 64                     /* cells a row */
#define CSV_MAX_ROW (1u << 20)               /* bytes of cell text a row */
#define CSV_ABSENT UINT32_MAX                /* no such cell or column */

struct csv_file {
	char *name;        /* as errors show it: "values.csv" */
	char *mem;         /* what text points into (owned): mapped or */
	size_t size;       /* allocated, of this many bytes */
	bool mapped;
	const char *text;  /* UTF-8, after any byte-order mark; not */
	size_t len;        /* NUL-terminated when mapped */
	bool converted;    /* the file was GB18030 */
};

#define CSV_FILE_INIT { NULL, NULL, 0, false, NULL, 0, false }

/* A part of a file's text: whole lines, and the number of the first. */
struct csv_range {
	size_t begin, end;
	uint32_t line;
};

struct csv_cell {
	const char *s;     /* NUL-terminated (a file with a NUL byte is
			      refused) */
	uint32_t len;
};

struct csv_row {
	const struct csv_file *file;
	const struct csv_cell *cells;
	uint32_t ncells;
	uint32_t line;     /* the line the row starts on, 1-based */
	size_t offset;     /* where that line starts in file->text */
};

/* Called for each row; cells are valid until it returns. Returns 0 to go
 * on, anything else to stop the parse (which then returns 0). */
typedef int (*csv_row_fn)(void *ctx, const struct csv_row *row);

/* Reads the file at path whole (refusing more than max bytes; 0 means
 * CSV_MAX_FILE) and checks or converts its encoding. name is what errors
 * show. On failure f is left empty and e says why; a missing file is
 * ERR_NOT_FOUND. Free f with csv_file_free. */
int csv_file_read(struct csv_file *f, const char *path, const char *name,
		  uint64_t max, struct err *e);
/* The same from bytes in memory (copied), for tests and fuzzing. */
int csv_file_load(struct csv_file *f, const char *name, const void *data,
		  size_t len, struct err *e);
void csv_file_free(struct csv_file *f);
/* The whole text, from line 1. */
struct csv_range csv_file_range(const struct csv_file *f);

/* Parses the rows of r, calling fn for each. A file that is not CSV (an
 * unclosed quote, a quote inside an unquoted cell, a carriage return
 * alone in a line, more than CSV_MAX_CELLS cells or CSV_MAX_ROW bytes in
 * a row) stops the parse: -1 with e naming the line and column.
 * Thread-safe for distinct ranges of one file. */
int csv_rows(const struct csv_file *f, const struct csv_range *r,
	     csv_row_fn fn, void *ctx, struct err *e);

/* csv_rows with every line through libcsv, which csv_rows leaves lines
 * without quotes, spaces, tabs or lone carriage returns: the reference
 * the tests and the fuzz target hold csv_rows to. */
int csv_rows_libcsv(const struct csv_file *f, const struct csv_range *r,
		    csv_row_fn fn, void *ctx, struct err *e);

/* Cuts r in two at the first line end after its middle, when no quote
 * character comes before that line end. Returns false (out untouched)
 * when r cannot be cut so: then parse it whole. */
bool csv_split(const struct csv_file *f, const struct csv_range *r,
	       struct csv_range out[2]);

/* Where cell `cell` of row starts: its line and its column (1-based, in
 * characters of that line). A cell past the row's last gives the end of
 * the row. */
void csv_cell_pos(const struct csv_row *row, uint32_t cell, uint32_t *line,
		  uint32_t *col);
/* Adds an error at a cell ("values.csv line 12, column 3"), or at the
 * row's line when cell is CSV_ABSENT. Returns -1. */
int csv_error_at(struct err_list *l, const struct csv_row *row,
		 uint32_t cell, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* --- the header row ---------------------------------------------------- */

struct csv_column {
	const char *name;
	bool required;     /* the column must be there, its cells not empty */
};

struct csv_header {
	const struct csv_column *cols; /* borrowed */
	uint32_t ncols;
	uint32_t at[CSV_MAX_CELLS];    /* cell of column k, or CSV_ABSENT */
	uint32_t ncells;               /* cells every row must have */
	struct csv_range body;         /* the lines after the header */
};

/* Reads the first row of f as the header and maps it to cols (at most
 * CSV_MAX_CELLS). Every unknown, duplicate or missing column is added to
 * errs, as is an empty file. Returns 0, or -1. */
int csv_header_read(const struct csv_file *f, const struct csv_column *cols,
		    uint32_t ncols, struct csv_header *out,
		    struct err_list *errs);
/* Checks a body row against the header: its number of cells, and that
 * the cells of required columns are not empty. Adds each problem to errs
 * and returns -1, or returns 0. */
int csv_row_check(const struct csv_header *h, const struct csv_row *row,
		  struct err_list *errs);
/* The cell of column k, or NULL when the file has no such column. */
static inline const struct csv_cell *csv_get(const struct csv_header *h,
					     const struct csv_row *row,
					     uint32_t k)
{
	return h->at[k] == CSV_ABSENT ? NULL : &row->cells[h->at[k]];
}

/* --- cell values ------------------------------------------------------- */

/* A plain decimal number ("7", "-0.5", "1e3"): no spaces, NaN, infinity,
 * hex, thousands separators or percent signs, finite. Returns 0 or -1. */
int csv_double(const struct csv_cell *c, double *out);
/* An integer of decimal digits with an optional minus sign, in int64_t.
 * Returns 0 or -1. */
int csv_int64(const struct csv_cell *c, int64_t *out);

#endif
