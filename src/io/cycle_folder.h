/* cycle_folder: assessment cycles between the database (app/cycles) and
 * the engine's workbook folders (io/workbook), so that the server runs the
 * very code of `kaohe assess run`:
 *   - import: a workbook folder, checked whole by the engine's loader
 *     (every problem listed, nothing stored on refusal), into a new cycle;
 *   - export: a cycle into a folder that `kaohe assess run` reads;
 *   - compute: export into a private temporary folder, load, compute,
 *     write results.csv and trace.jsonl there (io/results) and store them
 *     with the cycle, row by row;
 *   - explain: one subject's explanation in words (io/narrate), computed
 *     again from the exported workbook.
 * Temporary folders are made with mkdtemp under $TMPDIR (or /tmp) and
 * removed whatever happens. Must not know about HTTP. */
#ifndef KAOHE_IO_CYCLE_FOLDER_H
#define KAOHE_IO_CYCLE_FOLDER_H

#include <jansson.h>

#include "app/app.h"
#include "base/buf.h"
#include "io/narrate.h"

/* Imports the workbook in dir as a new cycle. A workbook the loader
 * refuses gives -1 with every problem in errs and e "workbook_refused".
 * *out is the new cycle (as cycles_get). */
int cycle_folder_import(struct app *a, const struct actor *who,
			const char *dir, json_t **out, struct err_list *errs,
			struct err *e);
/* The same from a ZIP of the folder (io/zipdir), as uploaded. */
int cycle_folder_import_zip(struct app *a, const struct actor *who,
			    const void *data, size_t len, json_t **out,
			    struct err_list *errs, struct err *e);
/* A new draft cycle with cycle id's definition, schemes and subjects
 * (next year's, 沿用上年度指标体系): its cycle.json under the id code and
 * the name given, without the year's data (values, ballots, routine
 * results, caps, unit grades, bonus pools). *out as cycle_folder_import;
 * a code taken is the cycles service's refusal. */
int cycle_folder_copy(struct app *a, const struct actor *who, int64_t id,
		      const char *code, const char *name, json_t **out,
		      struct err_list *errs, struct err *e);
/* Adds to draft cycle id a subject for each of ids — people (subject
 * "p<id>", the person's unit reporting for it and the unit's name in
 * subjects.csv) or units (teams, districts: "u<id>") — in category with
 * scheme (a scheme id of the cycle), checked with the whole workbook
 * first. *out as cycles_get; refusals: an unknown person or unit naming
 * ids[i], the loader's problems in errs ("workbook_refused"), the
 * cycles service's ("subject_exists", "not_draft"). */
int cycle_folder_add_subjects(struct app *a, const struct actor *who,
			      int64_t id, bool people, const int64_t *ids,
			      size_t n, const char *category,
			      const char *scheme, json_t **out,
			      struct err_list *errs, struct err *e);
/* Cycle id's workbook as a ZIP (io/zipdir), appended to out. */
int cycle_folder_zip(struct app *a, int64_t id, struct buf *out,
		     struct err *e);
/* Writes cycle id as a workbook into dir (made if missing; existing
 * files of the same names are replaced). */
int cycle_folder_export(struct app *a, int64_t id, const char *dir,
			struct err *e);
/* Computes cycle id and stores its results (app/cycles). A workbook the
 * loader refuses (e.g. a value entered for an indicator no scheme has)
 * gives -1 with the problems in errs. */
int cycle_folder_compute(struct app *a, const struct actor *who, int64_t id,
			 struct err_list *errs, struct err *e);
/* What if cycle id had cycle_json (the whole text of a cycle.json: other
 * weights, quotas, thresholds) in place of its own? Computes that draft
 * without storing anything: *out {"draft": [results rows in ranking
 * order], "changes": [{"subject", "name", "grade": [now, draft],
 * "total": [now, draft], "rank": [now, draft]}]} — the subjects whose
 * grade would change (now: the stored results; null when not computed).
 * A draft the loader refuses: -1 with the problems in errs. */
int cycle_folder_whatif(struct app *a, int64_t id, const char *cycle_json,
			json_t **out, struct err_list *errs, struct err *e);
/* The completeness board: for each subject (within scope), the leaves
 * of its scheme and which have no value yet — {"items": [{"subject",
 * "name", "unit_id", "expected", "entered", "missing": [{"indicator",
 * "name"}]}]}, subjects.csv order. Loaded as `assess check` loads (a
 * missing value is no error), so it works while reporting goes on. */
int cycle_folder_completeness(struct app *a, int64_t scope, int64_t id,
			      json_t **out, struct err_list *errs,
			      struct err *e);
/* Per subject within scope, the indicators its values are entered for
 * (its scheme's leaves, then adjustments): {"items": [{subject, name,
 * indicators: [{id, name, unit, kind}]}]}; kind is indicator, bonus,
 * deduction or veto. Errors as cycle_folder_completeness. */
int cycle_folder_indicators(struct app *a, int64_t scope, int64_t id,
			    json_t **out, struct err_list *errs,
			    struct err *e);
/* Replaces a configuration file of a draft cycle (cycle.json or
 * schemes/NAME.json) with body after the engine's loader has checked the
 * whole workbook with it: a file that breaks it gives -1 with every
 * problem in errs (e "workbook_refused") and nothing changes. */
int cycle_folder_set_file(struct app *a, const struct actor *who, int64_t id,
			  const char *path, const char *body,
			  struct err_list *errs, struct err *e);
/* Confirms cycle id (app/cycles) only when its stored results are those
 * of its data now: the engine runs again and its results.csv must equal
 * the stored one; otherwise ERR_CONFLICT "results_stale" (something
 * changed after the last computation: compute again, then confirm). */
int cycle_folder_confirm(struct app *a, const struct actor *who, int64_t id,
			 struct err *e);
/* Appends subject's explanation to out and, when profile is not NULL,
 * sets *profile to its first-level indicators against its category
 * (assess_profile) as [{id, name, points, max, rate, mean_rate, of}].
 * ERR_NOT_FOUND when the cycle has no such subject. */
int cycle_folder_explain(struct app *a, int64_t id, const char *subject,
			 enum narrate_lang lang, struct buf *out,
			 json_t **profile, struct err *e);

#endif
