/* scheme: parsing scheme documents into trees of struct snode (whole
 * nodes, or patches when the document extends another), with every rule's
 * parameters checked where they are written. Resolving `extends` and the
 * checks of a whole tree are in scheme_build.c. Reads no file. */
#include "scheme_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "io/jread.h"

#define SCHEME_HUGE 1e15 /* bound of rule parameters and maxima */

static const char *const scheme_rule_kinds[] = {
	"ratio", "linear", "step", "threshold", "rank", "relative", "score",
	NULL,
};

static const char *const scheme_rule_keys[][8] = {
	[ASSESS_RATIO] = { "kind", "better", "cap", "target", NULL },
	[ASSESS_LINEAR] = { "kind", "better", "cap", "floor", "target", NULL },
	[ASSESS_STEP] = { "kind", "better", "cap", "target", "per_unit",
			  "at_target", NULL },
	[ASSESS_THRESHOLD] = { "kind", "better", "cap", "target", NULL },
	[ASSESS_RANK] = { "kind", "better", "cap", "step", "min", NULL },
	[ASSESS_RELATIVE] = { "kind", "better", "cap", NULL },
	[ASSESS_SCORE] = { "kind", "better", "cap", NULL },
};

bool scheme_rule_takes_target(enum assess_rule_kind kind)
{
	switch (kind) {
	case ASSESS_RATIO:
	case ASSESS_LINEAR:
	case ASSESS_STEP:
	case ASSESS_THRESHOLD:
		return true;
	case ASSESS_RANK:
	case ASSESS_RELATIVE:
	case ASSESS_SCORE:
		break;
	}
	return false;
}

int scheme_check_target(const struct assess_rule *r, double t,
			const char **why)
{
	*why = NULL;
	if (r->kind == ASSESS_RATIO && !(t > 0))
		*why = "a ratio rule needs a target > 0";
	else if (r->kind == ASSESS_LINEAR && t == r->floor)
		*why = "a linear rule's floor cannot equal its target";
	else if (r->kind == ASSESS_LINEAR && !r->lower_better && r->floor > t)
		*why = "with better: higher, a linear rule's floor must be "
		       "below its target";
	else if (r->kind == ASSESS_LINEAR && r->lower_better && r->floor < t)
		*why = "with better: lower, a linear rule's floor must be "
		       "above its target";
	return *why ? -1 : 0;
}

/* --- rules --------------------------------------------------------------- */

static void scheme_rule_error(struct jread *j, const struct jpath *rule,
			      const char *key, const char *msg)
{
	struct jpath p;
	jpath_key(&p, rule, key);
	jread_error(j, &p, "bad_rule", "%s", msg);
}

static void scheme_rule_target(struct jread *j, const json_t *v,
			       const struct jpath *p, struct assess_rule *r)
{
	const char *why;
	if (r->kind == ASSESS_LINEAR)
		jread_number(j, v, p, "floor", true, -SCHEME_HUGE, SCHEME_HUGE,
			     &r->floor);
	if (jread_number(j, v, p, "target", false, -SCHEME_HUGE, SCHEME_HUGE,
			 &r->target) != 0)
		return;
	r->has_target = true;
	if (scheme_check_target(r, r->target, &why) != 0)
		scheme_rule_error(j, p, "target", why);
}

static void scheme_rule_step(struct jread *j, const json_t *v,
			     const struct jpath *p, struct assess_rule *r)
{
	jread_number(j, v, p, "at_target", false, -SCHEME_HUGE, SCHEME_HUGE,
		     &r->at_target);
	if (jread_number(j, v, p, "per_unit", true, -SCHEME_HUGE, SCHEME_HUGE,
			 &r->per_unit) != 0)
		return;
	/* ASSESSMENT.md writes lower-is-better as a negative per_unit; a
	 * "better" given too must agree with its sign. */
	bool given = json_object_get(v, "better") != NULL;
	if (!given)
		r->lower_better = r->per_unit < 0;
	if (r->per_unit == 0)
		scheme_rule_error(j, p, "per_unit", "per_unit must not be 0");
	else if (given && !r->lower_better && r->per_unit < 0)
		scheme_rule_error(j, p, "per_unit", "with better: higher, "
				  "per_unit must be > 0");
	else if (given && r->lower_better && r->per_unit > 0)
		scheme_rule_error(j, p, "per_unit", "with better: lower, "
				  "per_unit must be < 0");
}

static void scheme_rule_rank(struct jread *j, const json_t *v,
			     const struct jpath *p, struct assess_rule *r)
{
	if (jread_number(j, v, p, "step", false, 0, SCHEME_HUGE,
			 &r->step) == 0) {
		r->has_step = true;
		if (!(r->step > 0))
			scheme_rule_error(j, p, "step", "step must be > 0");
	}
	r->min = r->has_step ? 0.0 : 0.6;
	jread_number(j, v, p, "min", false, 0, 1, &r->min);
}

/* Reads the rule object v at p into r; false after an error. */
static bool scheme_rule(struct jread *j, const json_t *v,
			const struct jpath *p, struct assess_rule *r)
{
	static const char *const betters[] = { "higher", "lower", NULL };
	unsigned before = j->nerrors;
	int kind = 0, better = 0;
	if (!jread_is_object(j, v, p) ||
	    jread_choice(j, v, p, "kind", true, scheme_rule_kinds, &kind) != 0)
		return false;
	*r = (struct assess_rule){ .kind = (enum assess_rule_kind)kind,
				   .cap = 1.0, .at_target = 1.0 };
	jread_only(j, v, p, scheme_rule_keys[kind]);
	jread_choice(j, v, p, "better", false, betters, &better);
	r->lower_better = better == 1;
	if (r->kind == ASSESS_SCORE && r->lower_better)
		scheme_rule_error(j, p, "better", "a score rule is always "
				  "better: higher");
	if (jread_number(j, v, p, "cap", false, 0, SCHEME_HUGE, &r->cap) == 0
	    && !(r->cap > 0))
		scheme_rule_error(j, p, "cap", "cap must be > 0");
	if (scheme_rule_takes_target(r->kind))
		scheme_rule_target(j, v, p, r);
	if (r->kind == ASSESS_STEP)
		scheme_rule_step(j, v, p, r);
	if (r->kind == ASSESS_RANK)
		scheme_rule_rank(j, v, p, r);
	return j->nerrors == before;
}

/* --- indicators ---------------------------------------------------------- */

struct sparse {
	struct jread *j;
	bool extends;     /* top-level items are patches */
	uint32_t nodes;   /* indicators and adjustments read */
};

static struct snode *scheme_node(struct sparse *sp, const json_t *v,
				 const struct jpath *p, unsigned depth);

static void scheme_children(struct sparse *sp, const json_t *v,
			    const struct jpath *p, unsigned depth,
			    struct snode *n)
{
	struct jread *j = sp->j;
	const json_t *list = NULL;
	struct jpath at, q;
	if (jread_array(j, v, p, "children", false, &list) != 0)
		return;
	n->has_children = true;
	jpath_key(&at, p, "children");
	if (depth >= SCHEME_MAX_DEPTH) {
		jread_error(j, &at, "too_deep", "more than %d levels of "
			    "indicators", SCHEME_MAX_DEPTH);
		return;
	}
	size_t count = json_array_size(list);
	if (count > SCHEME_MAX_NODES - sp->nodes) {
		jread_error(j, &at, "too_many", "more than %d indicators",
			    SCHEME_MAX_NODES);
		return;
	}
	n->children = arena_zalloc(j->arena, (count + 1) * sizeof *n->children);
	for (size_t k = 0; k < count; k++) {
		jpath_index(&q, &at, k);
		struct snode *c = scheme_node(sp, json_array_get(list, k), &q,
					      depth + 1);
		if (c)
			n->children[n->nchildren++] = c;
	}
}

static void scheme_node_patch(struct sparse *sp, const json_t *v,
			      const struct jpath *p, struct snode *n)
{
	struct jread *j = sp->j;
	jread_bool(j, v, p, "remove", &n->remove);
	jread_id(j, v, p, "parent", false, &n->parent);
	if (n->remove && json_object_size(v) > 2) {
		struct jpath q;
		jpath_key(&q, p, "remove");
		jread_error(j, &q, "bad_patch", "a removal gives only the id");
	}
}

static struct snode *scheme_node(struct sparse *sp, const json_t *v,
				 const struct jpath *p, unsigned depth)
{
	static const char *const keys[] = { "id", "name", "weight", "unit",
					    "rule", "children", NULL };
	static const char *const patch_keys[] = { "id", "name", "weight",
		"unit", "rule", "children", "remove", "parent", NULL };
	struct jread *j = sp->j;
	bool patch = sp->extends && depth == 1;
	if (!jread_is_object(j, v, p))
		return NULL;
	struct snode *n = arena_zalloc(j->arena, sizeof *n);
	n->id = "";
	n->file = j->file;
	n->path = arena_strdup(j->arena, p->s);
	sp->nodes++;
	jread_only(j, v, p, patch ? patch_keys : keys);
	jread_id(j, v, p, "id", true, &n->id);
	jread_string(j, v, p, "name", false, JREAD_TEXT_MAX, &n->name);
	jread_string(j, v, p, "unit", false, JREAD_TEXT_MAX, &n->unit);
	if (jread_number(j, v, p, "weight", false, 0, 100, &n->weight) == 0)
		n->has_weight = true;
	const json_t *rule = json_object_get(v, "rule");
	if (rule && !json_is_null(rule)) {
		struct jpath q;
		jpath_key(&q, p, "rule");
		n->has_rule = true;
		scheme_rule(j, rule, &q, &n->rule);
	}
	scheme_children(sp, v, p, depth, n);
	if (patch)
		scheme_node_patch(sp, v, p, n);
	return n;
}

/* --- adjustments --------------------------------------------------------- */

static void scheme_adj_fields(struct jread *j, const json_t *v,
			      const struct jpath *p, struct sadj *a)
{
	static const char *const kinds[] = { "bonus", "deduction", "veto",
					     NULL };
	int kind = 0;
	struct jpath q;
	if (jread_choice(j, v, p, "kind", false, kinds, &kind) == 0) {
		a->has_kind = true;
		a->kind = (enum assess_adjust_kind)kind;
	}
	if (jread_number(j, v, p, "max", false, 0, SCHEME_HUGE, &a->max) == 0)
		a->has_max = true;
	jread_id(j, v, p, "cap", false, &a->cap);
	if (!a->has_kind)
		return;
	if (a->kind == ASSESS_VETO && a->has_max) {
		jpath_key(&q, p, "max");
		jread_error(j, &q, "bad_adjustment", "a veto takes no max");
	}
	if (a->kind != ASSESS_VETO && a->cap) {
		jpath_key(&q, p, "cap");
		jread_error(j, &q, "bad_adjustment", "only a veto takes a cap");
	}
}

static struct sadj *scheme_adj(struct sparse *sp, const json_t *v,
			       const struct jpath *p)
{
	static const char *const keys[] = { "id", "name", "kind", "max", "cap",
					    NULL };
	static const char *const patch_keys[] = { "id", "name", "kind", "max",
						  "cap", "remove", NULL };
	struct jread *j = sp->j;
	if (!jread_is_object(j, v, p))
		return NULL;
	struct sadj *a = arena_zalloc(j->arena, sizeof *a);
	a->id = "";
	a->file = j->file;
	a->path = arena_strdup(j->arena, p->s);
	sp->nodes++;
	jread_only(j, v, p, sp->extends ? patch_keys : keys);
	jread_id(j, v, p, "id", true, &a->id);
	jread_string(j, v, p, "name", false, JREAD_TEXT_MAX, &a->name);
	scheme_adj_fields(j, v, p, a);
	if (sp->extends)
		jread_bool(j, v, p, "remove", &a->remove);
	if (a->remove && json_object_size(v) > 2) {
		struct jpath q;
		jpath_key(&q, p, "remove");
		jread_error(j, &q, "bad_patch", "a removal gives only the id");
	}
	return a;
}

/* --- documents ----------------------------------------------------------- */

static void scheme_items(struct sparse *sp, const json_t *doc,
			 const struct jpath *root, struct sdoc *d)
{
	struct jread *j = sp->j;
	const json_t *list = NULL;
	struct jpath at, p;
	if (jread_array(j, doc, root, "indicators", !sp->extends, &list) != 0)
		return;
	jpath_key(&at, root, "indicators");
	size_t count = json_array_size(list);
	if (count > SCHEME_MAX_NODES) {
		jread_error(j, &at, "too_many", "more than %d indicators",
			    SCHEME_MAX_NODES);
		return;
	}
	d->items = arena_zalloc(j->arena, (count + 1) * sizeof *d->items);
	for (size_t k = 0; k < count && sp->nodes < SCHEME_MAX_NODES; k++) {
		jpath_index(&p, &at, k);
		struct snode *n = scheme_node(sp, json_array_get(list, k), &p,
					      1);
		if (n)
			d->items[d->nitems++] = n;
	}
}

static void scheme_adjs(struct sparse *sp, const json_t *doc,
			const struct jpath *root, struct sdoc *d)
{
	struct jread *j = sp->j;
	const json_t *list = NULL;
	struct jpath at, p;
	if (jread_array(j, doc, root, "adjustments", false, &list) != 0)
		return;
	jpath_key(&at, root, "adjustments");
	size_t count = json_array_size(list);
	if (count > SCHEME_MAX_NODES - sp->nodes) {
		jread_error(j, &at, "too_many", "more than %d indicators and "
			    "adjustments", SCHEME_MAX_NODES);
		return;
	}
	d->adjs = arena_zalloc(j->arena, (count + 1) * sizeof *d->adjs);
	for (size_t k = 0; k < count; k++) {
		jpath_index(&p, &at, k);
		struct sadj *a = scheme_adj(sp, json_array_get(list, k), &p);
		if (a)
			d->adjs[d->nadjs++] = a;
	}
}

static void scheme_doc(struct jread *j, const json_t *doc,
		       const struct scheme_set *set, struct sdoc *d)
{
	static const char *const keys[] = { "id", "name", "extends",
					    "indicators", "adjustments", NULL };
	struct jpath root;
	jpath_root(&root);
	jread_only(j, doc, &root, keys);
	if (jread_id(j, doc, &root, "id", true, &d->id) == 0) {
		uint32_t k = scheme_set_find(set, d->id, strlen(d->id));
		if (k != ASSESS_NONE) {
			struct jpath p;
			jpath_key(&p, &root, "id");
			jread_error(j, &p, "duplicate_id", "scheme '%s' is "
				    "also in %s", d->id, set->docs[k]->file);
			d->id = "";
		}
	}
	jread_string(j, doc, &root, "name", false, JREAD_TEXT_MAX, &d->name);
	jread_id(j, doc, &root, "extends", false, &d->extends);
	struct sparse sp = { j, d->extends != NULL, 0 };
	scheme_items(&sp, doc, &root, d);
	scheme_adjs(&sp, doc, &root, d);
	if (!d->name)
		d->name = d->id;
}

struct scheme_set *scheme_set_new(struct arena *arena)
{
	struct scheme_set *set = xcalloc(1, sizeof *set);
	set->arena = arena;
	intern_init(&set->ids, arena);
	return set;
}

void scheme_set_free(struct scheme_set *set)
{
	if (!set)
		return;
	free(set->docs);
	free(set->doc_of);
	intern_free(&set->ids);
	free(set);
}

int scheme_set_add(struct scheme_set *set, const char *file,
		   const char *text, size_t len, struct err_list *errs)
{
	struct jread j = { arena_strdup(set->arena, file), set->arena, errs,
			   0 };
	if (set->n >= SCHEME_MAX_DOCS)
		return jread_error(&j, NULL, "too_many",
				   "more than %d schemes", SCHEME_MAX_DOCS);
	struct sdoc *d = arena_zalloc(set->arena, sizeof *d);
	d->file = j.file;
	d->id = "";
	json_t *doc = jread_parse(&j, text, len);
	if (doc)
		scheme_doc(&j, doc, set, d);
	json_decref(doc);
	d->bad = j.nerrors > 0;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->docs = xrealloc(set->docs, set->cap * sizeof *set->docs);
		set->doc_of = xrealloc(set->doc_of,
				       set->cap * sizeof *set->doc_of);
	}
	if (*d->id) {
		uint32_t k = intern_add(&set->ids, d->id, strlen(d->id), NULL);
		set->doc_of[k] = set->n;
	}
	set->docs[set->n++] = d;
	return d->bad ? -1 : 0;
}

uint32_t scheme_set_find(const struct scheme_set *set, const char *id,
			 size_t len)
{
	uint32_t k = intern_find(&set->ids, id, len);
	return k == INTERN_NONE ? ASSESS_NONE : set->doc_of[k];
}

bool scheme_set_failed(const struct scheme_set *set, uint32_t k)
{
	return k >= set->n || set->docs[k]->state != SDOC_DONE;
}
