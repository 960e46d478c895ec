/* exports: every list as a spreadsheet (XLSX or CSV, io/sheet): people
 * (with the list's filters and order), employments, units with their
 * quota figures, frontline assignments and investment projects, a
 * redeployment plan's entries and an open selection campaign's
 * applications. Headers in Chinese, codes as their Chinese names, units
 * as their path from the root, money in yuan; ID numbers masked as the
 * lists show them. The rows are the services' own answers, so a reporter
 * exports only what it may read. Must not know about HTTP. */
#ifndef KAOHE_IO_EXPORTS_H
#define KAOHE_IO_EXPORTS_H

#include "app/app.h"
#include "app/assignments.h"
#include "app/employments.h"
#include "app/people.h"
#include "app/plans.h"
#include "base/buf.h"
#include "io/sheet.h"

/* At most this many rows in one export (a list of 100,000 people and
 * more is still whole). */
#define EXPORTS_ROWS_MAX 1000000

/* Each appends the whole file to out. */
int exports_people(struct app *a, int64_t scope, const struct people_query *q,
		   enum sheet_format f, struct buf *out, struct err *e);
int exports_employments(struct app *a, int64_t scope,
			const struct employments_query *q, enum sheet_format f,
			struct buf *out, struct err *e);
int exports_units(struct app *a, int64_t scope, enum sheet_format f,
		  struct buf *out, struct err *e);
/* The pay scale: a row per position with its grades and pay in yuan;
 * the pay-parity report on date (NULL: today); agencies and their
 * service contracts. */
int exports_pay_scale(struct app *a, enum sheet_format f, struct buf *out,
		      struct err *e);
int exports_pay_parity(struct app *a, const char *date, enum sheet_format f,
		       struct buf *out, struct err *e);
int exports_agencies(struct app *a, enum sheet_format f, struct buf *out,
		     struct err *e);
/* A computed cycle's results in ranking order (every column of
 * results.csv, the bonus also in yuan), or with bonus_only the bonus
 * list: the subjects with a bonus, their grade and amount. */
int exports_cycle_results(struct app *a, int64_t scope, int64_t id,
			  bool bonus_only, enum sheet_format f,
			  struct buf *out, struct err *e);
/* A redeployment plan's entries within scope matching q (its paging
 * ignored): the cadre, rank, home unit, route, receiving unit, decision,
 * its document and date, the over-quota reason. */
int exports_plan(struct app *a, int64_t scope, int64_t id,
		 const struct plans_query *q, enum sheet_format f,
		 struct buf *out, struct err *e);
/* Frontline assignments with the list's filters and scope, each with
 * its state today; investment projects, a row per approval step (the
 * project's columns repeated on each), with the state of each step today
 * and the days from signing to start. */
int exports_assignments(struct app *a, int64_t scope,
			const struct assignments_query *q, enum sheet_format f,
			struct buf *out, struct err *e);
int exports_projects(struct app *a, enum sheet_format f, struct buf *out,
		     struct err *e);
/* An open selection campaign's applications in ranking order (by post,
 * then place): the post's unit and title, place, name, the eligibility
 * check with its reasons in Chinese, the written, interview and total
 * scores, rank, state, and the application's number (报名号, what a
 * scores import names). */
int exports_selection(struct app *a, int64_t id, enum sheet_format f,
		      struct buf *out, struct err *e);

#endif
