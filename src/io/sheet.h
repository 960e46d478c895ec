/* sheet: the spreadsheets people import and export (lists of people,
 * employments, pay assignments), as CSV or XLSX.
 *
 * Reading takes a whole uploaded file from memory: XLSX when it starts
 * with the zip signature "PK\3\4", else CSV through io/csv.h (UTF-8 with
 * or without a byte-order mark, else GB18030 converted; CRLF or LF). It
 * gives the first worksheet's rows of UTF-8 text: numbers as their
 * shortest text ("12", "3.5"), numbers in a date format as "yyyy-mm-dd",
 * booleans as "TRUE"/"FALSE", formulas as their cached result (a formula
 * is never evaluated). Everything the file controls has a limit below,
 * checked before memory is spent on it, so a zip bomb or a sparse sheet
 * with a cell in column XFD of every row is refused, not obeyed.
 *
 * Writing streams rows into a CSV (UTF-8 with a byte-order mark so that
 * Chinese Excel opens it right, CRLF, RFC 4180 quoting) or an XLSX file
 * (libxlsxwriter in constant-memory mode through a temporary file that
 * is removed at once), then hands the whole file over in a struct buf.
 *
 * Formula injection: a text cell that starts with '=', '+', '-', '@', a
 * tab or a carriage return is written with a single quote "'" in front
 * (OWASP's advice), in CSV and in XLSX alike. XLSX text cells are string
 * cells, which Excel never evaluates, but the prefix keeps a file safe
 * when it is saved again as CSV. Number cells are never prefixed: mark
 * numbers as numbers ("-5" as a text cell becomes "'-5"). Reading does
 * not take the quote off again.
 *
 * Knows nothing of what the columns mean; must not touch the database,
 * and writes no file but its own temporary one. Not thread-safe per
 * object; distinct objects may be used by distinct threads. */
#ifndef KAOHE_IO_SHEET_H
#define KAOHE_IO_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"

/* Bytes of the XLSX parts read (workbook, relationships, styles, shared
 * strings, the worksheet), counted as they are unzipped: a zip bomb
 * stops here whatever sizes its directory claims. */
#define SHEET_MAX_UNZIPPED ((uint64_t)256 << 20)
#define SHEET_MAX_ROWS 1048576u  /* rows kept; Excel's number of rows */
#define SHEET_MAX_COLS 16384u    /* columns, A to XFD: Excel's */
#define SHEET_MAX_TEXT 32767u    /* characters of one cell: Excel's */
/* Cells kept, counting in each row the empty ones before its last: what
 * the rows' cell arrays cost (8 bytes each). */
#define SHEET_MAX_CELLS (1u << 24)
/* Entries of an XLSX shared-string table. */
#define SHEET_MAX_STRINGS (1u << 24)
/* Room for a column's letters and a NUL: "XFD". */
#define SHEET_COLUMN_NAME 4

enum sheet_format { SHEET_CSV, SHEET_XLSX };

struct sheet_row {
	/* 1-based: the CSV line the row starts on, or the XLSX row number
	 * (r="12"); so rows skipped because they are empty leave gaps. */
	uint32_t line;
	/* One past the last cell that is not empty: at least 1. */
	uint32_t ncells;
	/* By 0-based column. Never NULL: a missing or empty cell is "".
	 * Read columns past ncells with sheet_get. */
	const char *const *cells;
};

struct sheet {
	enum sheet_format format; /* what the file was */
	const char *name;         /* as errors show it: "people.xlsx" */
	struct sheet_row *rows;   /* in file order; rows whose cells are all
				     empty are left out */
	uint32_t nrows;
	uint32_t ncols;           /* the largest ncells */
	struct arena arena;       /* private: rows, cells and their text */
};

/* Reads the first worksheet of data[0..len) (the whole file; borrowed,
 * not kept). name is what errors show (NULL: "sheet"). Returns 0 and a
 * new sheet in *out (free with sheet_free), or -1 with *out NULL and e
 * saying where and why: `where` is "people.xlsx row 12 column C" for a
 * cell of an XLSX file, "people.csv line 12, column 3" (a character
 * column) for a CSV file, else the name. ERR_INVALID for a damaged or
 * wrong file, ERR_TOO_LARGE past SHEET_MAX_UNZIPPED, SHEET_MAX_ROWS,
 * SHEET_MAX_CELLS or SHEET_MAX_STRINGS. A CSV row has at most
 * CSV_MAX_CELLS (64) cells and CSV_MAX_ROW bytes (io/csv.h). */
int sheet_read(const void *data, size_t len, const char *name,
	       struct sheet **out, struct err *e);
/* Accepts NULL. */
void sheet_free(struct sheet *s);

/* The text of column col (0-based) of r: "" past its last cell. */
static inline const char *sheet_get(const struct sheet_row *r, uint32_t col)
{
	return col < r->ncells ? r->cells[col] : "";
}

/* The letters of column col (0-based, below SHEET_MAX_COLS): "A", "AB". */
void sheet_column_name(uint32_t col, char out[SHEET_COLUMN_NAME]);

/* --- writing ------------------------------------------------------------- */

struct sheet_cell {
	const char *text;  /* UTF-8; NULL or "" is an empty cell */
	bool number;       /* text is a decimal number ("12", "-0.5", "1e3"):
			      an XLSX number cell, written as is in CSV, never
			      prefixed */
};

/* Appends t as one CSV field: RFC 4180 quoting when it holds a comma, a
 * quote or a line break, or starts or ends with a space or tab (which a
 * reader such as io/csv.h trims from unquoted fields); prefix writes a
 * leading ' first (inside the quotes), the exports' formula escaping. */
void sheet_csv_field(struct buf *b, const char *t, bool prefix);

struct sheet_writer;

/* True when text would start a formula in a spreadsheet: its first byte
 * is '=', '+', '-', '@', a tab or a carriage return. NULL: false. */
bool sheet_escape_needed(const char *text);

/* Returns a new writer (free with sheet_writer_free, or hand it to
 * sheet_writer_finish), or NULL with e saying why (the temporary file
 * could not be made). sheet_title names the XLSX worksheet (borrowed):
 * the characters Excel refuses there ([ ] : * ? / \) become '_', it is
 * cut to 31 characters, and NULL or "" gives "Sheet1"; CSV ignores it. */
struct sheet_writer *sheet_writer_new(enum sheet_format f,
				      const char *sheet_title, struct err *e);
/* Adds a row of n cells (borrowed; copied before returning). Refused
 * with -1 (ERR_INVALID; the writer stays usable) are: more than
 * SHEET_MAX_COLS cells, a row past SHEET_MAX_ROWS, text that is not
 * UTF-8 or longer than SHEET_MAX_TEXT characters, a number cell that is
 * not a decimal number. */
int sheet_writer_row(struct sheet_writer *w, const struct sheet_cell *cells,
		     size_t n, struct err *e);
/* The same, for a header row: bold in XLSX, a plain row in CSV. */
int sheet_writer_header(struct sheet_writer *w,
			const struct sheet_cell *cells, size_t n,
			struct err *e);
/* Appends the whole file to out and frees w, whether it succeeds or
 * not. Returns 0, or -1 with e saying why (out is then as it was). */
int sheet_writer_finish(struct sheet_writer *w, struct buf *out,
			struct err *e);
/* Drops an unfinished writer and its temporary file. Accepts NULL. */
void sheet_writer_free(struct sheet_writer *w);

#endif
