/* cycles: assessment cycles kept in the database as the workbook the
 * engine reads (docs/assessment.md): the configuration files as they are,
 * the subjects, and the indicator values row by row with who entered them
 * and from what source; after a computation the results and the trace of
 * every subject. Reading files, running the engine and writing folders
 * are io/cycle_folder's; this module keeps the rows and the rules of who
 * may change what when:
 *   - status draft -> open -> computed -> confirmed; a confirmed cycle is
 *     frozen (nothing in it changes again);
 *   - reporters enter values only for subjects of their unit (and below),
 *     only while the cycle is open and its deadline (a date, the last day)
 *     has not passed; the organisation department (assessor) may enter
 *     any until it is confirmed;
 *   - every write is audited (cycle.add, cycle.value, cycle.open,
 *     cycle.compute, cycle.confirm, cycle.subject_unit).
 * Permission by role is the caller's; scope as in app/units. Must not know
 * about HTTP or the terminal. */
#ifndef KAOHE_CYCLES_H
#define KAOHE_CYCLES_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

#define CYCLES_FILES_MAX 10010  /* cycle.json, 10,000 schemes, the CSVs */
#define CYCLES_SOURCE_MAX 200   /* characters of a value's source */

/* A file of the workbook; body is borrowed (len bytes, not NUL-ended). */
struct cycles_file {
	const char *path; /* "cycle.json", "schemes/base.json", "ratings.csv" */
	const char *body;
	size_t len;
};

struct cycles_subject {
	const char *id, *name, *category, *scheme; /* borrowed */
	const char *unit; /* subjects.csv's unit; NULL: none */
};

struct cycles_value {
	const char *subject, *indicator; /* borrowed */
	const char *actual;  /* a decimal number as written */
	const char *target;  /* NULL: none */
	const char *source;  /* NULL: none */
};

/* A new cycle from a workbook already checked by the engine's loader. */
struct cycles_new {
	const char *code, *name, *kind; /* from cycle.json */
	const struct cycles_file *files;
	size_t nfiles;
	const struct cycles_subject *subjects;
	size_t nsubjects;
	const struct cycles_value *values;
	size_t nvalues;
};

/* ERR_CONFLICT "duplicate_cycle" when the code is taken. *out is the new
 * cycle (as cycles_get), a new object. */
int cycles_add(struct app *a, const struct actor *who,
	       const struct cycles_new *in, json_t **out, struct err *e);
/* Every cycle, newest first: {"items": [...]}. A reporter sees those with
 * a subject of its unit or below. */
int cycles_list(struct app *a, int64_t scope, json_t **out, struct err *e);
/* One cycle with its subjects (unit, values entered, result if any).
 * ERR_NOT_FOUND outside scope. */
int cycles_get(struct app *a, int64_t scope, int64_t id, json_t **out,
	       struct err *e);

/* The workbook of cycle id as files (values.csv made from the rows),
 * in the caller's hands: {"code", "files": [{"path", "body"}]}. The
 * outputs (results.csv, trace.jsonl) are left out. */
int cycles_workbook(struct app *a, int64_t id, json_t **out, struct err *e);

/* Enters (or replaces) one value. Reporters: see the top. */
int cycles_value_set(struct app *a, const struct actor *who, int64_t id,
		     const struct cycles_value *v, json_t **out,
		     struct err *e);
/* The same in the caller's transaction on s (without the answer). */
int cycles_value_set_in(struct store *s, const struct actor *who, int64_t id,
			const struct cycles_value *v, struct err *e);
/* Removes one value (v's subject and indicator; the rest is not used),
 * under the same rules as entering one; ERR_NOT_FOUND when there is
 * none. */
int cycles_value_delete(struct app *a, const struct actor *who, int64_t id,
			const struct cycles_value *v, struct err *e);
/* The values of one subject (or all when subject is NULL) within scope. */
int cycles_values(struct app *a, int64_t scope, int64_t id,
		  const char *subject, json_t **out, struct err *e);
/* Which unit's reporters enter a subject's values (0: none). */
int cycles_subject_unit(struct app *a, const struct actor *who, int64_t id,
			const char *subject, int64_t unit_id, struct err *e);

/* Opens the cycle for reporting until deadline (yyyy-mm-dd). */
int cycles_open(struct app *a, const struct actor *who, int64_t id,
		const char *deadline, struct err *e);
/* Stores a computation: results.csv and trace.jsonl as the engine wrote
 * them, split into rows (subjects[i], rows[i] a JSON object of the
 * results.csv row, traces[i] the trace line), in ranking order. */
struct cycles_results {
	const char *results_csv, *trace_jsonl;
	size_t n;
	const char *const *subjects;
	const char *const *rows;
	const char *const *traces;
};
int cycles_store_results(struct app *a, const struct actor *who, int64_t id,
			 const struct cycles_results *r, struct err *e);
/* An adjustment by the organisation department: subject may not be
 * graded above grade (a grade id of cycle.json), for reason (1..2000
 * characters, required). It becomes a row of caps.csv and applies from
 * the next computation. Audited (cycle.adjust). */
struct cycles_adjustment {
	const char *subject, *grade, *reason; /* borrowed */
};
int cycles_adjust(struct app *a, const struct actor *who, int64_t id,
		  const struct cycles_adjustment *in, json_t **out,
		  struct err *e);
/* The adjustments of cycle id: {"items": [...]}, oldest first. */
int cycles_adjustments(struct app *a, int64_t id, json_t **out,
		       struct err *e);

/* Takes the unit grades of cycle id (its units.csv, for quotas linked to
 * a unit's grade) from the results of confirmed cycle from: each team
 * subject's unit gets good, fair, average or poor by the place of its
 * grade in from's order of grades. Replaces earlier ones. Audited
 * (cycle.unit_grades). *out: {"items": [{"unit", "grade"}]}. */
int cycles_link_unit_grades(struct app *a, const struct actor *who,
			    int64_t id, int64_t from, json_t **out,
			    struct err *e);

/* Replaces (or adds) a configuration file of cycle id — cycle.json or
 * schemes/NAME.json — with body, the caller having checked the whole
 * workbook with it (io/cycle_folder_set_file). Only while the cycle is a
 * draft. Audited (cycle.file, with the file before and after). */
int cycles_put_file(struct app *a, const struct actor *who, int64_t id,
		    const char *path, const char *body, struct err *e);
/* The text of one file of cycle id: {"path", "body"}. */
/* The configuration files (cycle.json first, then the schemes by path):
 * {"items": [{path, bytes, id, name}]}. */
int cycles_files(struct app *a, int64_t id, json_t **out, struct err *e);
int cycles_get_file(struct app *a, int64_t id, const char *path,
		    json_t **out, struct err *e);

/* Confirms a computed cycle: frozen from now on. */
int cycles_confirm(struct app *a, const struct actor *who, int64_t id,
		   struct err *e);
/* The results in ranking order within scope: {"items": [{subject, name,
 * row...}]}; one subject's with its trace. */
int cycles_results(struct app *a, int64_t scope, int64_t id, json_t **out,
		   struct err *e);
int cycles_result(struct app *a, int64_t scope, int64_t id,
		  const char *subject, json_t **out, struct err *e);

/* After copying cycle from into to (io/cycle_folder), the same units for
 * the same subjects' reporters and the same people behind them; audited
 * (cycle.copy). */
int cycles_copy_links(struct app *a, const struct actor *who, int64_t from,
		      int64_t to, struct err *e);

/* A subject added to a draft cycle from the records: a unit (a team, a
 * district) or a person, with the unit that reports for it. */
struct cycles_new_subject {
	const char *id, *name, *category, *scheme; /* borrowed */
	int64_t unit_id, person_id;                /* 0: none */
};
/* Adds subs to draft cycle id, with subjects_csv the whole new
 * subjects.csv (checked by the caller with the workbook's loader), in one
 * transaction; ERR_CONFLICT "subject_exists" or "not_draft". Audited
 * (cycle.subjects). */
int cycles_add_subjects(struct app *a, const struct actor *who, int64_t id,
			const char *subjects_csv,
			const struct cycles_new_subject *subs, size_t n,
			struct err *e);

#endif
