/* org: the tree of units (S1) and its establishment figures.
 *   - unit kinds, staff types and leader-post levels: ids, Chinese names
 *     for the UI, English nouns for messages;
 *   - which kind of unit may sit under which, and a check of a whole tree
 *     (bad parents, cycles) in O(n), with a pre-order and children index;
 *   - establishment quotas (编制, `quota`) by staff type and leader-post
 *     quotas (职数, `post_quota`) by level: per unit quota, filled, vacant
 *     and over, and the same rolled up to every ancestor;
 *   - the appointment rule: no appointment beyond a quota unless the
 *     caller gives a reason (which the caller then records).
 * Pure: no I/O, no clock (the caller passes today), no database. It does
 * not count people: the caller passes the filled figures. It does not
 * record the reason of an over-quota appointment: the caller does, in the
 * same transaction as the appointment. docs/org.md explains the figures. */
#ifndef KAOHE_ORG_H
#define KAOHE_ORG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* --- names --------------------------------------------------------------- */

enum org_unit_kind {
	ORG_KIND_COMMITTEE,   /* committee, 管委会 */
	ORG_KIND_DEPARTMENT,  /* department, 部门 */
	ORG_KIND_AFFILIATE,   /* affiliate, 直属机构 */
	ORG_KIND_ZONE,        /* zone, 功能区 */
	ORG_KIND_PARK,        /* park, 园区 */
	ORG_KIND_DISTRICT,    /* district, 行政区 */
	ORG_KIND_COMMUNITY,   /* community, 社区 */
	ORG_KIND_STATION,     /* station, 社工站 */
	ORG_KIND_NONE,        /* not a kind: "no parent" in org_check_parent */
};
#define ORG_UNIT_KIND_COUNT 8

enum org_staff_type {
	ORG_STAFF_CIVIL_SERVANT,      /* civil_servant, 公务员 */
	ORG_STAFF_PUBLIC_INSTITUTION, /* public_institution, 事业编制人员 */
	ORG_STAFF_SELF_SET,           /* self_set, 自定编制 */
	ORG_STAFF_DISPATCHED,         /* dispatched, 派遣 */
	ORG_STAFF_SOCIAL_WORKER,      /* social_worker, 社工 */
	ORG_STAFF_SECONDED,           /* seconded, 借调人员 */
};
#define ORG_STAFF_TYPE_COUNT 6

/* Leader-post levels (职务层次), highest first. A new area's committee is
 * bureau level or above; its departments' heads are division level. */
enum org_level {
	ORG_LEVEL_BUREAU_CHIEF,    /* bureau_chief, 正厅级 */
	ORG_LEVEL_BUREAU_DEPUTY,   /* bureau_deputy, 副厅级 */
	ORG_LEVEL_DIVISION_CHIEF,  /* division_chief, 正处级 */
	ORG_LEVEL_DIVISION_DEPUTY, /* division_deputy, 副处级 */
	ORG_LEVEL_SECTION_CHIEF,   /* section_chief, 正科级 */
	ORG_LEVEL_SECTION_DEPUTY,  /* section_deputy, 副科级 */
};
#define ORG_LEVEL_COUNT 6

/* Each name function returns a static string, or NULL for a value that is
 * not of the enum (ORG_KIND_NONE included): `name` the id used in code,
 * SQL, JSON and the CLI ("civil_servant"), `name_zh` the Chinese UI name
 * ("公务员"), `noun` the English noun used in messages ("civil servant"). */
const char *org_unit_kind_name(enum org_unit_kind k);
const char *org_unit_kind_name_zh(enum org_unit_kind k);
const char *org_unit_kind_noun(enum org_unit_kind k);
const char *org_staff_type_name(enum org_staff_type t);
const char *org_staff_type_name_zh(enum org_staff_type t);
const char *org_staff_type_noun(enum org_staff_type t);
const char *org_level_name(enum org_level l);
const char *org_level_name_zh(enum org_level l);
const char *org_level_noun(enum org_level l);

/* The value whose id or Chinese name is s, exactly; -1 when there is none
 * (out is then untouched). */
int org_unit_kind_parse(const char *s, enum org_unit_kind *out);
int org_staff_type_parse(const char *s, enum org_staff_type *out);
int org_level_parse(const char *s, enum org_level *out);

/* --- the tree -------------------------------------------------------------- */

/* 0 when a unit of kind child may sit under one of kind parent, where
 * parent ORG_KIND_NONE means "at the root"; else an ERR_INVALID error
 * with id "bad_parent", where "parent_id", saying where child may sit.
 * The table is in org.c and docs/org.md. */
int org_check_parent(enum org_unit_kind child, enum org_unit_kind parent,
		     struct err *e);

#define ORG_NO_PARENT SIZE_MAX
/* A named limit on the units of one tree, checked before allocating. */
#define ORG_UNITS_MAX 100000

struct org_unit {
	int64_t id;              /* the database id, for messages */
	const char *name;        /* for messages; not NULL */
	size_t parent;           /* index into the same array, or ORG_NO_PARENT */
	enum org_unit_kind kind;
};

/* Checks units[0..n) as a forest: at most ORG_UNITS_MAX units, every
 * parent an index in range, no unit its own ancestor (a cycle), and every
 * unit under a parent of an allowed kind (a committee at the root). Stops
 * at the first problem: an ERR_INVALID error naming the unit, id
 * "too_many_units", "unknown_parent", "parent_cycle" or "bad_parent".
 * O(n) time; borrows units. */
int org_tree_check(const struct org_unit *units, size_t n, struct err *e);

/* A checked tree, indexed. children of unit u are
 * children[child_start[u] .. child_start[u + 1]), in array order; order is
 * every unit in pre-order (a unit before its descendants, roots and
 * siblings in array order). */
struct org_tree {
	size_t n;
	size_t *order;       /* n entries */
	size_t *child_start; /* n + 1 entries */
	size_t *children;    /* n entries */
};

/* Checks units as org_tree_check does, then fills out; free with
 * org_tree_free. On failure out is left empty (safe to free). */
int org_tree_build(const struct org_unit *units, size_t n,
		   struct org_tree *out, struct err *e);
/* Frees what out holds; accepts NULL and an empty tree. */
void org_tree_free(struct org_tree *t);

/* --- figures --------------------------------------------------------------- */

/* A figure line: a staff type (quota, 编制) or a leader-post level
 * (post_quota, 职数). Make one with org_staff_line or org_post_line. */
enum org_line_kind { ORG_LINE_STAFF, ORG_LINE_POST };
struct org_line {
	enum org_line_kind kind;
	enum org_staff_type staff_type; /* when kind is ORG_LINE_STAFF */
	enum org_level level;           /* when kind is ORG_LINE_POST */
};
#define ORG_LINE_COUNT (ORG_STAFF_TYPE_COUNT + ORG_LEVEL_COUNT)

struct org_line org_staff_line(enum org_staff_type t);
struct org_line org_post_line(enum org_level l);
/* "civil servant quota" / "division-level chief post quota": the noun
 * used in messages. */
const char *org_line_noun(struct org_line line);

/* Quotas and filled counts above this are refused: no unit approaches
 * it, and with ORG_UNITS_MAX it keeps every rolled-up sum in range. */
#define ORG_COUNT_MAX 1000000

/* The figures of one line. For a unit's own figures, vacant and over are
 * max(0, quota - filled) and max(0, filled - quota), and net_vacant and
 * net_over equal them. Rolled up, quota, filled, vacant and over are the
 * sums of the own figures of the unit and all its descendants, so one
 * unit's vacancy never hides another's excess; net_vacant and net_over
 * are computed from the rolled-up quota and filled instead. Always
 * vacant - over == quota - filled == net_vacant - net_over. */
struct org_figure {
	int64_t quota, filled, vacant, over;
	int64_t net_vacant, net_over;
};

struct org_figures {
	const struct org_unit *units; /* borrowed */
	struct org_tree tree;
	struct org_figure *own;    /* n * ORG_LINE_COUNT */
	struct org_figure *rolled; /* n * ORG_LINE_COUNT; after compute */
};

/* Checks the tree (as org_tree_build) and starts every figure at zero.
 * Borrows units: valid while f is in use. Free with org_figures_free; on
 * failure f is left empty (safe to free). */
int org_figures_init(struct org_figures *f, const struct org_unit *units,
		     size_t n, struct err *e);
/* Sets the own quota and filled count of unit (an index) on line; both
 * 0..ORG_COUNT_MAX, else an ERR_INVALID error "invalid_count" naming the
 * unit, where "quota" or "filled". Call org_figures_compute after. */
int org_figures_set(struct org_figures *f, size_t unit, struct org_line line,
		    int64_t quota, int64_t filled, struct err *e);
/* Rolls the own figures up the tree into rolled, in O(n). */
void org_figures_compute(struct org_figures *f);
/* The own or rolled-up figure of unit on line; valid until
 * org_figures_free (rolled: as of the last org_figures_compute). */
const struct org_figure *org_figures_own(const struct org_figures *f,
					 size_t unit, struct org_line line);
const struct org_figure *org_figures_rolled(const struct org_figures *f,
					    size_t unit, struct org_line line);
void org_figures_free(struct org_figures *f);

/* --- quota approvals and appointments ---------------------------------- */

#define ORG_DOCUMENT_MAX 200 /* bytes of an approval document's number */
#define ORG_REASON_MAX 2000  /* bytes of an over-quota reason */

/* An approved quota: so many of a line in a unit, by a document
 * ("津滨编〔2014〕12号") of a date. */
struct org_quota {
	struct org_line line;
	int64_t count;
	const char *document; /* borrowed */
	int approved_on;      /* yyyymmdd */
};

/* Checks an approved quota, with today as yyyymmdd: count
 * 0..ORG_COUNT_MAX, a document that is not blank and at most
 * ORG_DOCUMENT_MAX bytes, a real date not after today. ERR_INVALID with
 * where "count", "document" or "approved_on". */
int org_quota_check(const struct org_quota *q, int today, struct err *e);

/* One more person into a unit on a line. */
struct org_appoint {
	size_t unit;          /* index into the figures' units */
	struct org_line line;
	bool allow_over;      /* appoint beyond the quota, for reason */
	const char *reason;   /* borrowed; needed when allow_over is used */
};

/* Decides an appointment against the unit's own figures on the line
 * (quotas are approved per unit; a parent's spare quota is not the
 * child's). When filled + 1 <= quota: 0, *out false. When it exceeds the
 * quota: with allow_over and a reason that is not blank (and at most
 * ORG_REASON_MAX bytes), 0 with *out true — the caller must record the
 * reason with the appointment; without allow_over, ERR_CONFLICT
 * "quota_exceeded" naming the unit, the line and the numbers; with
 * allow_over but a blank reason, ERR_INVALID "reason_required", where
 * "reason". Does not change the figures. */
int org_appoint_check(const struct org_figures *f, const struct org_appoint *a,
		      bool *out, struct err *e);
/* The same rule on one unit's own figure of the line, for a caller that
 * counts a single unit (a.unit is not used; name names the unit). */
int org_appoint_decide(const char *name, const struct org_figure *own,
		       const struct org_appoint *a, bool *out, struct err *e);

#endif
