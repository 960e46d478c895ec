/* workbook: a cycle as a folder of files (ASSESSMENT.md section 2,
 * docs/assessment.md) read into one struct assess_input for the engine:
 * cycle.json, schemes/NAME.json, subjects.csv, values.csv, ratings.csv,
 * routine.csv, units.csv, caps.csv and pools.csv. Ids are interned to
 * dense indices; ratings are counted while they are read (30 million
 * rows are never kept); every problem of ASSESSMENT.md section 10 is
 * reported with the file and line and column, or the JSON path.
 *
 * Loading goes on after an error wherever the rest can still be checked,
 * so that `kaohe assess check` lists every problem at once; but an input
 * with any error is never handed out.
 *
 * Threads: with opt->threads >= 2, a second thread parses ratings.csv
 * and then routine.csv while the first parses values.csv and the other
 * small files (the two big files of a large cycle, writing disjoint
 * arrays; each thread allocates from its own arena).
 * Reads the folder only; must not write anything. */
#ifndef KAOHE_IO_WORKBOOK_H
#define KAOHE_IO_WORKBOOK_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "core/assess/assess.h"

#define WORKBOOK_MAX_SUBJECTS 50000000u
#define WORKBOOK_MAX_SLOTS (UINT64_C(1) << 29) /* values: 4 GiB of doubles */
#define WORKBOOK_MAX_COUNTS (UINT64_C(1) << 30) /* ratings counters, all
						   components */

struct workbook_options {
	unsigned threads;   /* 1: one thread; 0 or 2 and more: two */
	bool strict;        /* a missing value is an error (--strict) */
	uint64_t max_file;  /* bytes of one CSV file; 0: CSV_MAX_FILE */
};

struct workbook;

/* Reads the workbook in folder dir. On success *out is a new workbook
 * (free with workbook_free) and 0 is returned; otherwise -1, *out NULL,
 * and every problem found is in errs (opt may be NULL: defaults). */
int workbook_load(const char *dir, const struct workbook_options *opt,
		  struct workbook **out, struct err_list *errs);
void workbook_free(struct workbook *wb);

/* The engine's input; valid until workbook_free. */
const struct assess_input *workbook_input(const struct workbook *wb);
/* The index of subject id, or ASSESS_NONE. */
uint32_t workbook_subject(const struct workbook *wb, const char *id);

#endif
