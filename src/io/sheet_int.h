/* sheet_int: what the sheet files share (the row builder both readers
 * fill, the XLSX reader's entry, the writers' table); nobody else sees
 * it. */
#ifndef KAOHE_IO_SHEET_INT_H
#define KAOHE_IO_SHEET_INT_H

#include "io/sheet.h"

/* Builds a sheet's rows, checking SHEET_MAX_ROWS and SHEET_MAX_CELLS. */
struct sheet_build {
	struct sheet *s;
	uint32_t cap;         /* of s->rows */
	uint64_t cells;       /* kept so far */
};

/* Adds a row numbered line with ncells cells (ncells >= 1), all "" for
 * the caller to fill in *out (memory of s->arena). Returns 0, or -1 with
 * e (ERR_TOO_LARGE) naming the file and the row's line or number. */
int sheet_build_row(struct sheet_build *b, uint32_t line, uint32_t ncells,
		    const char ***out, struct err *e);

/* Reads an XLSX file into b->s (see sheet_read). */
int sheet_xlsx_read(struct sheet_build *b, const void *data, size_t len,
		    struct err *e);

/* --- writing ------------------------------------------------------------- */

struct sheet_xlsx_out;

struct sheet_writer_ops {
	/* Writes one checked row (row: 0-based); header: bold. */
	int (*row)(struct sheet_writer *w, uint32_t row,
		   const struct sheet_cell *cells, size_t n, bool header,
		   struct err *e);
	/* Appends the whole file to out. */
	int (*finish)(struct sheet_writer *w, struct buf *out, struct err *e);
	/* Frees what the format holds (not w itself). */
	void (*drop)(struct sheet_writer *w);
};

struct sheet_writer {
	const struct sheet_writer_ops *ops;
	uint32_t nrows;            /* written so far */
	struct buf text;           /* CSV: the file so far; XLSX: a cell's
				      text with its prefix */
	struct sheet_xlsx_out *x;  /* XLSX only */
};

extern const struct sheet_writer_ops sheet_xlsx_ops;

/* Opens w's XLSX workbook in a new temporary file. Returns 0 or -1. */
int sheet_xlsx_open(struct sheet_writer *w, const char *title,
		    struct err *e);

#endif
