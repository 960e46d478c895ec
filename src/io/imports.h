/* imports: spreadsheets of people, employments, pay assignments,
 * frontline assignments and investment projects into the database, and
 * of a redeployment plan's entries and a selection campaign's
 * applications and scores, all rows or none.
 * A file is XLSX or CSV (io/sheet). Its first row names the columns, in
 * Chinese as the templates write them (姓名, 身份证号, ...) or by their
 * field ids (name, id_number, ...), in any order; unknown columns are
 * refused (a misspelt header would otherwise drop its data). Each later
 * row becomes the input of a service's *_add_in, all in one transaction:
 * every row is tried, every problem is listed with its row, column and
 * header, and if there is any the transaction is rolled back and nothing
 * is written. The rules and audit records are the services' own. Codes
 * (ethnicity, political status, education, gender) may be written as the
 * code or the Chinese name; a unit as its id, its path from the root
 * (管委会/商务局) or a name only one unit has; a person by ID number; a
 * contract by its document number; a pay position by its sequence and
 * its name or level, for the person's latest dispatched employment; pay
 * in yuan; who gives an assignment's routine assessment as 工作单位 or
 * 派出单位; a project's amount in yuan, its commissioner by ID number. An
 * assignment that overlaps one of an earlier row of the same file, a
 * cadre or an applicant twice in a file, is refused naming that row.
 * The modules share io/imports_int.h; imports_frontline.c holds
 * projects, plan entries and applications. docs/formats.md has the
 * columns.
 * Must not know about HTTP. */
#ifndef KAOHE_IO_IMPORTS_H
#define KAOHE_IO_IMPORTS_H

#include <stddef.h>

#include <jansson.h>

#include "app/app.h"
#include "base/buf.h"
#include "io/sheet.h"

enum imports_kind {
	IMPORTS_PEOPLE, IMPORTS_EMPLOYMENTS, IMPORTS_PAY, IMPORTS_ASSIGNMENTS,
	IMPORTS_PROJECTS
};
#define IMPORTS_KIND_COUNT 5

/* "people", "employments", "pay", "assignments", "projects"; -1
 * otherwise. */
int imports_kind_parse(const char *s, enum imports_kind *out);
const char *imports_kind_name(enum imports_kind k);
/* The Chinese title of a kind's sheet: "人员信息", ... */
const char *imports_kind_title(enum imports_kind k);

/* The outcome of an import. */
struct imports_report {
	size_t rows;           /* data rows in the file */
	size_t imported;       /* rows written (rows, or 0 on refusal) */
	struct err_list problems; /* where: "people.xlsx row 12 column C
				     (身份证号)" */
};

/* Imports data[0..len) (named name, for messages) as kind on behalf of
 * who, in one transaction. Returns 0 when every row was written; -1 when
 * nothing was: e says why (ERR_INVALID "import_refused" with the count
 * of problems, listed in r->problems; or the file's or the database's
 * error). Free r with imports_report_free. */
int imports_run(struct app *a, const struct actor *who, enum imports_kind k,
		const void *data, size_t len, const char *name,
		struct imports_report *r, struct err *e);
void imports_report_free(struct imports_report *r);

/* The template of a kind: the header row and one example row (fictional,
 * for the demo's units), as XLSX or CSV, appended to out. */
int imports_template(enum imports_kind k, enum sheet_format f,
		     struct buf *out, struct err *e);

/* Scores of open selection campaign selection's stage ("written" or
 * "interview") from data[0..len): columns 报名号 (application_id) or
 * 身份证号 (id_number) or both, 姓名 (name, checked against the applicant
 * when given) and 成绩 (score: a number, or 缺考 for null, absent). The
 * problems of the file itself (an unknown application, a person who has
 * not applied, an application twice, a score that is not a number) are
 * all listed first; then the whole list goes to selections_scores, whose
 * rules and audit record apply, and its refusal of an entry is mapped
 * back to that entry's row and column. Returns and reports as
 * imports_run; ERR_NOT_FOUND for no such campaign, ERR_CONFLICT
 * "wrong_state" as the service answers it. */
int imports_scores(struct app *a, const struct actor *who, int64_t selection,
		   const char *stage, const void *data, size_t len,
		   const char *name, struct imports_report *r, struct err *e);
/* The template of a stage's scores, filled with the campaign's
 * applications that take a score at that stage (eligible and not
 * withdrawn; for the interview also shortlisted), in ranking order:
 * 报名号, 姓名 and an empty 成绩. */
int imports_scores_template(struct app *a, int64_t selection,
			    const char *stage, enum sheet_format f,
			    struct buf *out, struct err *e);

/* The entries of redeployment plan plan from data[0..len): columns
 * 身份证号 (id_number), 安置去向 (route: a route id or its Chinese name;
 * empty: added without a proposal) and 接收单位 (receiving_unit, empty
 * for 留任 or when none is proposed yet). Each cadre is added
 * (plans_entry_add_in, refused when already on the plan) and, with a
 * route, proposed (plans_propose_in), in one transaction. Returns and
 * reports as imports_run; ERR_NOT_FOUND for no such plan, ERR_CONFLICT
 * "plan_closed" for a closed one. */
int imports_plan_entries(struct app *a, const struct actor *who, int64_t plan,
			 const void *data, size_t len, const char *name,
			 struct imports_report *r, struct err *e);
/* Its template: the header and an example row. */
int imports_plan_entries_template(enum sheet_format f, struct buf *out,
				  struct err *e);

/* Applications to open selection campaign selection from data[0..len):
 * columns 身份证号 (id_number), 岗位 (post: the post's title) and 单位
 * (unit: the post's unit, needed only when two posts of the campaign
 * share the title). Each is made by selections_apply_in, checked for
 * eligibility as through the API (an ineligible applicant is recorded
 * with the reasons, not refused), in one transaction. Returns and
 * reports as imports_run; ERR_NOT_FOUND for no such campaign,
 * ERR_CONFLICT "wrong_state" when it takes no applications. */
int imports_applications(struct app *a, const struct actor *who,
			 int64_t selection, const void *data, size_t len,
			 const char *name, struct imports_report *r,
			 struct err *e);
/* Its template: the header and an example row naming the campaign's
 * first post (its title and unit's name). */
int imports_applications_template(struct app *a, int64_t selection,
				  enum sheet_format f, struct buf *out,
				  struct err *e);

#endif
