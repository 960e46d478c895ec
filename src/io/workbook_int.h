/* workbook_int: what the workbook's files share (the loading state, the
 * CSV file driver, the readers of each file); nobody else sees it. */
#ifndef KAOHE_IO_WORKBOOK_INT_H
#define KAOHE_IO_WORKBOOK_INT_H

#include "io/csv.h"
#include "io/intern.h"
#include "io/scheme.h"
#include "io/workbook.h"

/* A subject whose scheme is unknown or refused: its values are not
 * checked (the scheme's errors say enough). Never reaches the engine. */
#define WORKBOOK_SCHEME_SKIP (ASSESS_NONE - 1)

struct workbook {
	struct arena arena;     /* the input and its strings */
	struct arena side;      /* what the second loading thread allocates */
	struct intern subjects, indicators, categories, units, pools;
	struct assess_input input;
};

/* Where each indicator of one scheme has its value slot. */
struct workbook_slots {
	uint64_t *table;        /* (indicator + 1) << 32 | slot, or 0 */
	uint32_t mask;
};

struct workbook_load {
	const char *dir;
	struct workbook_options opt;
	struct workbook *wb;
	struct assess_input *in;
	struct err_list *errs;
	bool cycle_ok;          /* cycle.json's ids can be checked against */
	struct scheme_set *schemes;
	struct workbook_slots *slots; /* per scheme, in the arena */
	uint32_t *subject_line; /* line of each subject in subjects.csv */
};

/* One CSV file of the workbook, read and parsed row by row. */
struct workbook_csv {
	const char *name;       /* "values.csv" */
	const struct csv_column *cols;
	uint32_t ncols;
	bool required;          /* a missing file is an error */
	/* Called for each body row whose cells passed csv_row_check, and
	 * (when not NULL) bad_row for the others, whose errors are listed. */
	void (*row)(struct workbook_csv *c, const struct csv_row *row);
	void (*bad_row)(struct workbook_csv *c, const struct csv_row *row);
	void *ctx;
	struct workbook_load *ld;
	struct err_list *errs;  /* where this file's errors go */
	struct csv_header h;
	bool present;
};

/* Reads c->name in the workbook and calls c->row for each good row.
 * Returns 0 when the file was parsed (its rows may have had errors), 1
 * when it is absent and not required, -1 when it could not be read. */
int workbook_csv_read(struct workbook_csv *c);
/* The subject named by a cell (ASSESS_NONE after an error at the cell).
 * *cache speeds up files grouped by subject. */
struct workbook_cache {
	char id[128];
	uint32_t len, index;
};
uint32_t workbook_subject_cell(struct workbook_csv *c,
			       const struct csv_row *row, uint32_t cell,
			       struct workbook_cache *cache);
/* A long-lived copy of a cell's text, in the workbook's arena. */
const char *workbook_strdup(struct workbook_load *ld, const struct csv_cell *c);

/* workbook_subjects.c */
int workbook_read_subjects(struct workbook_load *ld);
/* workbook_values.c: value slots, then values.csv (whose reader marks
 * every slot "no value" first, in its own thread). */
int workbook_layout_values(struct workbook_load *ld);
int workbook_read_values(struct workbook_load *ld, struct err_list *errs);
/* On the side arena, thread-safe beside the rest (workbook_ratings.c). */
int workbook_read_ratings(struct workbook_load *ld, struct err_list *errs);
/* workbook_extras.c */
int workbook_read_routine(struct workbook_load *ld, struct err_list *errs);
int workbook_read_units(struct workbook_load *ld, struct err_list *errs);
int workbook_read_caps(struct workbook_load *ld, struct err_list *errs);
int workbook_read_pools(struct workbook_load *ld, struct err_list *errs);

#endif
