/* org: name tables, the parent table, the tree walk and the figures.
 * Must not count people, read a clock or record anything: the caller
 * passes counts and today and records what it decides. Messages name
 * units by their name and id, never by array index. */
#include "org.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

struct org_names {
	const char *id, *zh, *noun;
};

static const struct org_names org_kinds[ORG_UNIT_KIND_COUNT] = {
	{ "committee", "管委会", "management committee" },
	{ "department", "部门", "department" },
	{ "affiliate", "直属机构", "directly affiliated institution" },
	{ "zone", "功能区", "functional zone" },
	{ "park", "园区", "park" },
	{ "district", "行政区", "administrative district" },
	{ "community", "社区", "community" },
	{ "station", "社工站", "social work station" },
};

static const struct org_names org_staff[ORG_STAFF_TYPE_COUNT] = {
	{ "civil_servant", "公务员", "civil servant" },
	{ "public_institution", "事业编制人员", "public-institution staff" },
	{ "self_set", "自定编制", "self-set establishment staff" },
	{ "dispatched", "派遣", "dispatched staff" },
	{ "social_worker", "社工", "social worker" },
	{ "seconded", "借调人员", "seconded staff" },
};

static const struct org_names org_levels[ORG_LEVEL_COUNT] = {
	{ "bureau_chief", "正厅级", "bureau-level chief" },
	{ "bureau_deputy", "副厅级", "bureau-level deputy" },
	{ "division_chief", "正处级", "division-level chief" },
	{ "division_deputy", "副处级", "division-level deputy" },
	{ "section_chief", "正科级", "section-level chief" },
	{ "section_deputy", "副科级", "section-level deputy" },
};

/* For messages, by line index: staff types, then levels. */
static const char *const org_line_nouns[ORG_LINE_COUNT] = {
	"civil servant quota", "public-institution staff quota",
	"self-set establishment staff quota", "dispatched staff quota",
	"social worker quota", "seconded staff quota",
	"bureau-level chief post quota", "bureau-level deputy post quota",
	"division-level chief post quota", "division-level deputy post quota",
	"section-level chief post quota", "section-level deputy post quota",
};

#define ORG_BIT(k) (1u << (k))

/* Where each kind may sit: a set of parent kinds, ORG_ROOT_OK for "at the
 * root", and the same in words for messages. Every allowed edge goes down
 * the ranks committee > zone, district > park > department, affiliate,
 * community > station, so the table alone rules out cycles; the tree
 * check still looks for them first, to say so plainly. */
#define ORG_ROOT_OK ORG_BIT(ORG_KIND_NONE)
static const struct {
	unsigned parents;
	const char *where;
} org_rules[ORG_UNIT_KIND_COUNT] = {
	[ORG_KIND_COMMITTEE] = { ORG_ROOT_OK, "only at the root" },
	[ORG_KIND_DEPARTMENT] = {
		ORG_BIT(ORG_KIND_COMMITTEE) | ORG_BIT(ORG_KIND_ZONE) |
			ORG_BIT(ORG_KIND_PARK) | ORG_BIT(ORG_KIND_DISTRICT),
		"under a management committee, functional zone, park or "
		"administrative district" },
	[ORG_KIND_AFFILIATE] = {
		ORG_BIT(ORG_KIND_COMMITTEE) | ORG_BIT(ORG_KIND_ZONE) |
			ORG_BIT(ORG_KIND_DISTRICT),
		"under a management committee, functional zone or "
		"administrative district" },
	[ORG_KIND_ZONE] = { ORG_BIT(ORG_KIND_COMMITTEE),
			    "under a management committee" },
	[ORG_KIND_PARK] = {
		ORG_BIT(ORG_KIND_COMMITTEE) | ORG_BIT(ORG_KIND_ZONE),
		"under a management committee or functional zone" },
	[ORG_KIND_DISTRICT] = { ORG_BIT(ORG_KIND_COMMITTEE),
				"under a management committee" },
	[ORG_KIND_COMMUNITY] = {
		ORG_BIT(ORG_KIND_DISTRICT) | ORG_BIT(ORG_KIND_ZONE) |
			ORG_BIT(ORG_KIND_PARK),
		"under an administrative district, functional zone or park" },
	[ORG_KIND_STATION] = { ORG_BIT(ORG_KIND_COMMUNITY),
			       "under a community" },
};

/* --- names --------------------------------------------------------------- */

static const struct org_names *org_kind_at(enum org_unit_kind k)
{
	return (unsigned)k < ORG_UNIT_KIND_COUNT ? &org_kinds[k] : NULL;
}

static const struct org_names *org_staff_at(enum org_staff_type t)
{
	return (unsigned)t < ORG_STAFF_TYPE_COUNT ? &org_staff[t] : NULL;
}

static const struct org_names *org_level_at(enum org_level l)
{
	return (unsigned)l < ORG_LEVEL_COUNT ? &org_levels[l] : NULL;
}

#define ORG_FIELD(p, f) ((p) ? (p)->f : NULL)

const char *org_unit_kind_name(enum org_unit_kind k)
{
	return ORG_FIELD(org_kind_at(k), id);
}

const char *org_unit_kind_name_zh(enum org_unit_kind k)
{
	return ORG_FIELD(org_kind_at(k), zh);
}

const char *org_unit_kind_noun(enum org_unit_kind k)
{
	return ORG_FIELD(org_kind_at(k), noun);
}

const char *org_staff_type_name(enum org_staff_type t)
{
	return ORG_FIELD(org_staff_at(t), id);
}

const char *org_staff_type_name_zh(enum org_staff_type t)
{
	return ORG_FIELD(org_staff_at(t), zh);
}

const char *org_staff_type_noun(enum org_staff_type t)
{
	return ORG_FIELD(org_staff_at(t), noun);
}

const char *org_level_name(enum org_level l)
{
	return ORG_FIELD(org_level_at(l), id);
}

const char *org_level_name_zh(enum org_level l)
{
	return ORG_FIELD(org_level_at(l), zh);
}

const char *org_level_noun(enum org_level l)
{
	return ORG_FIELD(org_level_at(l), noun);
}

/* The index of the entry whose id or Chinese name is s; -1 if none. */
static int org_find(const struct org_names *t, size_t n, const char *s)
{
	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, t[i].id) == 0 || strcmp(s, t[i].zh) == 0)
			return (int)i;
	return -1;
}

int org_unit_kind_parse(const char *s, enum org_unit_kind *out)
{
	int i = org_find(org_kinds, ORG_UNIT_KIND_COUNT, s);
	if (i < 0)
		return -1;
	*out = (enum org_unit_kind)i;
	return 0;
}

int org_staff_type_parse(const char *s, enum org_staff_type *out)
{
	int i = org_find(org_staff, ORG_STAFF_TYPE_COUNT, s);
	if (i < 0)
		return -1;
	*out = (enum org_staff_type)i;
	return 0;
}

int org_level_parse(const char *s, enum org_level *out)
{
	int i = org_find(org_levels, ORG_LEVEL_COUNT, s);
	if (i < 0)
		return -1;
	*out = (enum org_level)i;
	return 0;
}

/* "a" or "an" before a kind's noun. */
static const char *org_article(enum org_unit_kind k)
{
	return k == ORG_KIND_DISTRICT ? "an" : "a";
}

/* --- the tree -------------------------------------------------------------- */

static bool org_parent_ok(enum org_unit_kind child, enum org_unit_kind parent)
{
	assert((unsigned)child < ORG_UNIT_KIND_COUNT);
	assert((unsigned)parent <= ORG_KIND_NONE);
	return (org_rules[child].parents & ORG_BIT(parent)) != 0;
}

int org_check_parent(enum org_unit_kind child, enum org_unit_kind parent,
		     struct err *e)
{
	if (org_parent_ok(child, parent))
		return 0;
	const char *c = org_kinds[child].noun, *ca = org_article(child);
	if (parent == ORG_KIND_NONE)
		return err_set_at(e, ERR_INVALID, "bad_parent", "parent_id",
				  "%s %s cannot be at the root; %s %s sits %s",
				  ca, c, ca, c, org_rules[child].where);
	return err_set_at(e, ERR_INVALID, "bad_parent", "parent_id",
			  "%s %s cannot sit under %s %s; %s %s sits %s", ca, c,
			  org_article(parent), org_kinds[parent].noun, ca, c,
			  org_rules[child].where);
}

/* The same check, naming the units. */
static int org_check_unit_parent(const struct org_unit *units, size_t i,
				 struct err *e)
{
	const struct org_unit *u = &units[i];
	enum org_unit_kind k = u->kind;
	if (u->parent == ORG_NO_PARENT) {
		if (org_parent_ok(k, ORG_KIND_NONE))
			return 0;
		return err_set_at(e, ERR_INVALID, "bad_parent", "parent_id",
				  "'%s' (id %lld, %s %s) has no parent; only a "
				  "management committee sits at the root, and "
				  "%s %s sits %s", u->name, (long long)u->id,
				  org_article(k), org_kinds[k].noun,
				  org_article(k), org_kinds[k].noun,
				  org_rules[k].where);
	}
	const struct org_unit *p = &units[u->parent];
	if (org_parent_ok(k, p->kind))
		return 0;
	return err_set_at(e, ERR_INVALID, "bad_parent", "parent_id",
			  "'%s' (id %lld, %s %s) cannot sit under '%s' (id "
			  "%lld, %s %s); %s %s sits %s", u->name,
			  (long long)u->id, org_article(k), org_kinds[k].noun,
			  p->name, (long long)p->id, org_article(p->kind),
			  org_kinds[p->kind].noun, org_article(k),
			  org_kinds[k].noun, org_rules[k].where);
}

/* Every parent index in range, and every kind a kind. */
static int org_check_indexes(const struct org_unit *units, size_t n,
			     struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		const struct org_unit *u = &units[i];
		assert(u->name);
		if ((unsigned)u->kind >= ORG_UNIT_KIND_COUNT)
			return err_set_at(e, ERR_INVALID, "unknown_kind", "kind",
					  "'%s' (id %lld) has no valid unit kind",
					  u->name, (long long)u->id);
		if (u->parent != ORG_NO_PARENT && u->parent >= n)
			return err_set_at(e, ERR_INVALID, "unknown_parent",
					  "parent_id", "the parent of '%s' (id "
					  "%lld) is not among the units",
					  u->name, (long long)u->id);
	}
	return 0;
}

/* Walks up from each unit not yet seen, stamping the path with the
 * walk's number; reaching a unit stamped by the same walk closes a cycle,
 * reaching one stamped by an earlier walk (or a root) ends the walk. Each
 * unit is stamped once: O(n). mark holds n zeros. */
static int org_check_cycles(const struct org_unit *units, size_t n,
			    size_t *mark, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = i, stamp = i + 1;
		while (j != ORG_NO_PARENT && mark[j] == 0) {
			mark[j] = stamp;
			j = units[j].parent;
		}
		if (j == ORG_NO_PARENT || mark[j] != stamp)
			continue;
		const struct org_unit *u = &units[j], *p = &units[u->parent];
		if (u->parent == j)
			return err_set_at(e, ERR_INVALID, "parent_cycle",
					  "parent_id", "'%s' (id %lld) is its "
					  "own parent", u->name,
					  (long long)u->id);
		return err_set_at(e, ERR_INVALID, "parent_cycle", "parent_id",
				  "'%s' (id %lld) is its own ancestor: its "
				  "parent '%s' (id %lld) lies below it; a unit "
				  "cannot sit under its own descendant",
				  u->name, (long long)u->id, p->name,
				  (long long)p->id);
	}
	return 0;
}

int org_tree_check(const struct org_unit *units, size_t n, struct err *e)
{
	if (n > ORG_UNITS_MAX)
		return err_set_at(e, ERR_INVALID, "too_many_units", "units",
				  "%zu units; at most %d are allowed in one "
				  "tree", n, ORG_UNITS_MAX);
	if (org_check_indexes(units, n, e))
		return -1;
	size_t *mark = xcalloc(n ? n : 1, sizeof *mark);
	int rc = org_check_cycles(units, n, mark, e);
	free(mark);
	if (rc)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (org_check_unit_parent(units, i, e))
			return -1;
	return 0;
}

/* children and child_start by a counting sort on the parent: stable, so
 * siblings keep array order. */
static void org_index_children(const struct org_unit *units, size_t n,
			       struct org_tree *t)
{
	size_t *fill = xcalloc(n + 1, sizeof *fill);
	for (size_t i = 0; i < n; i++)
		if (units[i].parent != ORG_NO_PARENT)
			t->child_start[units[i].parent + 1]++;
	for (size_t i = 0; i < n; i++)
		t->child_start[i + 1] += t->child_start[i];
	for (size_t i = 0; i < n; i++) {
		size_t p = units[i].parent;
		if (p != ORG_NO_PARENT)
			t->children[t->child_start[p] + fill[p]++] = i;
	}
	free(fill);
}

/* Pre-order by an explicit stack (a deep tree must not exhaust the C
 * stack): roots and children pushed in reverse so they pop in order. The
 * stack never holds more than n units. */
static void org_preorder(const struct org_unit *units, size_t n,
			 struct org_tree *t)
{
	size_t *stack = xmalloc((n ? n : 1) * sizeof *stack);
	size_t top = 0, k = 0;
	for (size_t i = n; i-- > 0;)
		if (units[i].parent == ORG_NO_PARENT)
			stack[top++] = i;
	while (top > 0) {
		size_t u = stack[--top];
		t->order[k++] = u;
		for (size_t c = t->child_start[u + 1]; c-- > t->child_start[u];)
			stack[top++] = t->children[c];
	}
	assert(k == n); /* the check found no cycle, so all are reached */
	free(stack);
}

int org_tree_build(const struct org_unit *units, size_t n,
		   struct org_tree *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (org_tree_check(units, n, e))
		return -1;
	out->n = n;
	out->order = xmalloc((n ? n : 1) * sizeof *out->order);
	out->child_start = xcalloc(n + 1, sizeof *out->child_start);
	out->children = xmalloc((n ? n : 1) * sizeof *out->children);
	org_index_children(units, n, out);
	org_preorder(units, n, out);
	return 0;
}

void org_tree_free(struct org_tree *t)
{
	if (!t)
		return;
	free(t->order);
	free(t->child_start);
	free(t->children);
	memset(t, 0, sizeof *t);
}

/* --- figures --------------------------------------------------------------- */

struct org_line org_staff_line(enum org_staff_type t)
{
	struct org_line l = { ORG_LINE_STAFF, t, ORG_LEVEL_BUREAU_CHIEF };
	return l;
}

struct org_line org_post_line(enum org_level lv)
{
	struct org_line l = { ORG_LINE_POST, ORG_STAFF_CIVIL_SERVANT, lv };
	return l;
}

static size_t org_line_index(struct org_line line)
{
	if (line.kind == ORG_LINE_STAFF) {
		assert((unsigned)line.staff_type < ORG_STAFF_TYPE_COUNT);
		return (size_t)line.staff_type;
	}
	assert(line.kind == ORG_LINE_POST);
	assert((unsigned)line.level < ORG_LEVEL_COUNT);
	return ORG_STAFF_TYPE_COUNT + (size_t)line.level;
}

const char *org_line_noun(struct org_line line)
{
	return org_line_nouns[org_line_index(line)];
}

static int64_t org_max0(int64_t x)
{
	return x > 0 ? x : 0;
}

int org_figures_init(struct org_figures *f, const struct org_unit *units,
		     size_t n, struct err *e)
{
	memset(f, 0, sizeof *f);
	if (org_tree_build(units, n, &f->tree, e))
		return -1;
	f->units = units;
	size_t cells = (n ? n : 1) * ORG_LINE_COUNT;
	f->own = xcalloc(cells, sizeof *f->own);
	f->rolled = xcalloc(cells, sizeof *f->rolled);
	return 0;
}

static struct org_figure *org_cell(struct org_figure *a, size_t unit,
				   struct org_line line)
{
	return &a[unit * ORG_LINE_COUNT + org_line_index(line)];
}

int org_figures_set(struct org_figures *f, size_t unit, struct org_line line,
		    int64_t quota, int64_t filled, struct err *e)
{
	assert(unit < f->tree.n);
	const struct org_unit *u = &f->units[unit];
	bool bad_quota = quota < 0 || quota > ORG_COUNT_MAX;
	if (bad_quota || filled < 0 || filled > ORG_COUNT_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_count",
				  bad_quota ? "quota" : "filled",
				  "%s: %s %s %lld is out of range (0 to %d)",
				  u->name, org_line_noun(line),
				  bad_quota ? "count" : "filled",
				  (long long)(bad_quota ? quota : filled),
				  ORG_COUNT_MAX);
	struct org_figure *c = org_cell(f->own, unit, line);
	c->quota = quota;
	c->filled = filled;
	c->vacant = c->net_vacant = org_max0(quota - filled);
	c->over = c->net_over = org_max0(filled - quota);
	return 0;
}

static void org_figure_add(struct org_figure *to, const struct org_figure *x)
{
	to->quota += x->quota;
	to->filled += x->filled;
	to->vacant += x->vacant;
	to->over += x->over;
}

/* Each unit's rolled figures start as its own; in reverse pre-order a
 * unit comes after all its descendants, so when it is reached its rolled
 * figures are complete and are added into its parent's. */
void org_figures_compute(struct org_figures *f)
{
	size_t n = f->tree.n;
	if (n == 0)
		return;
	memcpy(f->rolled, f->own, n * ORG_LINE_COUNT * sizeof *f->rolled);
	for (size_t k = n; k-- > 0;) {
		size_t u = f->tree.order[k], p = f->units[u].parent;
		if (p == ORG_NO_PARENT)
			continue;
		for (size_t l = 0; l < ORG_LINE_COUNT; l++)
			org_figure_add(&f->rolled[p * ORG_LINE_COUNT + l],
				       &f->rolled[u * ORG_LINE_COUNT + l]);
	}
	for (size_t i = 0; i < n * ORG_LINE_COUNT; i++) {
		struct org_figure *c = &f->rolled[i];
		c->net_vacant = org_max0(c->quota - c->filled);
		c->net_over = org_max0(c->filled - c->quota);
	}
}

const struct org_figure *org_figures_own(const struct org_figures *f,
					 size_t unit, struct org_line line)
{
	assert(unit < f->tree.n);
	return org_cell(f->own, unit, line);
}

const struct org_figure *org_figures_rolled(const struct org_figures *f,
					    size_t unit, struct org_line line)
{
	assert(unit < f->tree.n);
	return org_cell(f->rolled, unit, line);
}

void org_figures_free(struct org_figures *f)
{
	if (!f)
		return;
	org_tree_free(&f->tree);
	free(f->own);
	free(f->rolled);
	memset(f, 0, sizeof *f);
}

/* --- quota approvals and appointments ---------------------------------- */

/* True when s is NULL or holds only white space: ASCII, the no-break
 * space U+00A0 and the ideographic space U+3000 a Chinese IME types. */
static bool org_blank(const char *s)
{
	if (!s)
		return true;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
			p++;
		else if (p[0] == 0xc2 && p[1] == 0xa0)
			p += 2;
		else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
			p += 3;
		else
			return false;
	}
	return true;
}

/* A real date yyyymmdd from 1949 (no establishment approval of today's
 * system is older) to today. */
static bool org_date_ok(int d, int today)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };
	int y = d / 10000, m = d / 100 % 100, day = d % 100;
	if (y < 1949 || m < 1 || m > 12 || day < 1 || d > today)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return day <= (m == 2 && leap ? 29 : days[m - 1]);
}

int org_quota_check(const struct org_quota *q, int today, struct err *e)
{
	const char *noun = org_line_noun(q->line);
	if (q->count < 0 || q->count > ORG_COUNT_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_count", "count",
				  "the %s %lld is out of range (0 to %d)", noun,
				  (long long)q->count, ORG_COUNT_MAX);
	if (org_blank(q->document))
		return err_set_at(e, ERR_INVALID, "document_required",
				  "document", "the %s needs the number of the "
				  "document that approved it", noun);
	if (strlen(q->document) > ORG_DOCUMENT_MAX)
		return err_set_at(e, ERR_INVALID, "document_too_long",
				  "document", "the approval document number is "
				  "longer than %d bytes", ORG_DOCUMENT_MAX);
	if (!org_date_ok(q->approved_on, today))
		return err_set_at(e, ERR_INVALID, "invalid_date", "approved_on",
				  "the approval date %04d-%02d-%02d is not a date "
				  "from 1949 to today", q->approved_on / 10000,
				  q->approved_on / 100 % 100, q->approved_on % 100);
	return 0;
}

int org_appoint_check(const struct org_figures *f, const struct org_appoint *a,
		      bool *out, struct err *e)
{
	return org_appoint_decide(f->units[a->unit].name,
				  org_figures_own(f, a->unit, a->line), a, out,
				  e);
}

int org_appoint_decide(const char *name, const struct org_figure *c,
		       const struct org_appoint *a, bool *out, struct err *e)
{
	*out = false;
	if (c->filled + 1 <= c->quota)
		return 0;
	if (!a->allow_over)
		return err_set_at(e, ERR_CONFLICT, "quota_exceeded",
				  a->line.kind == ORG_LINE_POST ? "level"
								: "staff_type",
				  "%s: %s %lld, filled %lld; appointing one "
				  "more exceeds it", name, org_line_noun(a->line),
				  (long long)c->quota, (long long)c->filled);
	if (org_blank(a->reason))
		return err_set_at(e, ERR_INVALID, "reason_required", "reason",
				  "%s: appointing beyond the %s (%lld, filled "
				  "%lld) needs a reason", name,
				  org_line_noun(a->line), (long long)c->quota,
				  (long long)c->filled);
	if (strlen(a->reason) > ORG_REASON_MAX)
		return err_set_at(e, ERR_INVALID, "reason_too_long", "reason",
				  "the reason is longer than %d bytes",
				  ORG_REASON_MAX);
	*out = true;
	return 0;
}
