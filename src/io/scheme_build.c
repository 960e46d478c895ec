/* scheme_build: resolving `extends` (a copy of the base, then the
 * document's patches in order), checking each resolved tree as a whole
 * (weights, leaves and inner nodes, unique ids, adjustments) and laying it
 * out as struct assess_scheme. A base is resolved (and checked) before the
 * schemes that extend it; a base with errors fails them silently, its own
 * errors being listed already. Must not parse JSON. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "io/scheme_int.h"

#define SCHEME_SUM_EPSILON 1e-9

struct sbuild {
	struct scheme_set *set;
	const struct scheme_context *ctx;
	struct err_list *errs;
	struct arena *arena;
	unsigned nerrors;
	struct sdoc **stack;   /* documents being resolved */
	uint32_t depth;
};

static int sb_error(struct sbuild *b, const char *file, const char *path,
		    const char *suffix, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static int sb_error(struct sbuild *b, const char *file, const char *path,
		    const char *suffix, const char *id, const char *fmt, ...)
{
	char where[ERR_WHERE_MAX], msg[ERR_MSG_MAX];
	va_list ap;
	snprintf(where, sizeof where, "%s %s%s", file, path, suffix);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	b->nerrors++;
	return err_list_set_at(b->errs, ERR_INVALID, id, where, "%s", msg);
}

/* --- copies and lookups ------------------------------------------------- */

static struct snode *sb_copy(struct arena *a, const struct snode *n)
{
	struct snode *c = arena_alloc(a, sizeof *c);
	*c = *n;
	c->children = arena_alloc(a, (n->nchildren + 1) * sizeof *c->children);
	for (uint32_t k = 0; k < n->nchildren; k++)
		c->children[k] = sb_copy(a, n->children[k]);
	return c;
}

/* Where a node is: the list holding it, and its parent (NULL at top). */
struct sfind {
	struct snode ***list;
	uint32_t *n;
	uint32_t at;
	struct snode *parent;
};

static bool sb_find(struct snode ***list, uint32_t *n, struct snode *parent,
		    const char *id, struct sfind *out)
{
	for (uint32_t k = 0; k < *n; k++) {
		struct snode *node = (*list)[k];
		if (strcmp(node->id, id) == 0) {
			*out = (struct sfind){ list, n, k, parent };
			return true;
		}
		if (sb_find(&node->children, &node->nchildren, node, id, out))
			return true;
	}
	return false;
}

static void sb_append(struct arena *a, struct snode ***list, uint32_t *n,
		      struct snode *node)
{
	struct snode **grown = arena_alloc(a, (*n + 2) * sizeof *grown);
	if (*n)
		memcpy(grown, *list, *n * sizeof *grown);
	grown[(*n)++] = node;
	*list = grown;
}

static struct sadj **sb_find_adj(struct sdoc *d, const char *id)
{
	for (uint32_t k = 0; k < d->nradj; k++)
		if (strcmp(d->radj[k]->id, id) == 0)
			return &d->radj[k];
	return NULL;
}

/* --- patches ------------------------------------------------------------- */

/* An existing node takes the fields a patch gives. A rule makes it a
 * leaf, children make it an inner node (both: the check refuses it). */
static void sb_take(struct snode *n, const struct snode *p)
{
	if (p->name)
		n->name = p->name;
	if (p->unit)
		n->unit = p->unit;
	if (p->has_weight) {
		n->has_weight = true;
		n->weight = p->weight;
	}
	if (p->has_rule) {
		n->has_rule = true;
		n->rule = p->rule;
	}
	if (p->has_children) {
		n->has_children = true;
		n->children = p->children;
		n->nchildren = p->nchildren;
	}
	if (p->has_rule && !p->has_children) {
		n->has_children = false;
		n->nchildren = 0;
	}
	if (p->has_children && !p->has_rule)
		n->has_rule = false;
	n->file = p->file;
	n->path = p->path;
}

static int sb_patch_existing(struct sbuild *b, struct sfind *f,
			     struct snode *p)
{
	struct snode *n = (*f->list)[f->at];
	if (p->remove) {
		memmove(*f->list + f->at, *f->list + f->at + 1,
			(*f->n - f->at - 1) * sizeof **f->list);
		(*f->n)--;
		return 0;
	}
	const char *now = f->parent ? f->parent->id : NULL;
	if (p->parent && (!now || strcmp(now, p->parent) != 0))
		return sb_error(b, p->file, p->path, ".parent", "bad_patch",
				"'%s' is %s%s%s in the base; to move it, "
				"remove it and add it again", p->id,
				now ? "under '" : "at the top", now ? now : "",
				now ? "'" : "");
	sb_take(n, p);
	return 0;
}

static int sb_patch(struct sbuild *b, struct sdoc *d, struct snode *p)
{
	struct sfind f;
	if (sb_find(&d->top, &d->ntop, NULL, p->id, &f))
		return sb_patch_existing(b, &f, p);
	if (p->remove)
		return sb_error(b, p->file, p->path, ".id", "unknown_indicator",
				"no indicator '%s' to remove: '%s' has none",
				p->id, d->extends);
	if (!p->parent) {
		sb_append(b->arena, &d->top, &d->ntop, p);
		return 0;
	}
	if (!sb_find(&d->top, &d->ntop, NULL, p->parent, &f))
		return sb_error(b, p->file, p->path, ".parent",
				"unknown_parent", "unknown parent '%s'",
				p->parent);
	struct snode *parent = (*f.list)[f.at];
	sb_append(b->arena, &parent->children, &parent->nchildren, p);
	parent->has_children = true;
	return 0;
}

static int sb_patch_adj(struct sbuild *b, struct sdoc *d, struct sadj *p)
{
	struct sadj **found = sb_find_adj(d, p->id);
	if (p->remove && !found)
		return sb_error(b, p->file, p->path, ".id", "unknown_indicator",
				"no adjustment '%s' to remove: '%s' has none",
				p->id, d->extends);
	if (p->remove) {
		size_t at = (size_t)(found - d->radj);
		memmove(found, found + 1, (d->nradj - at - 1) * sizeof *found);
		d->nradj--;
	} else if (!found) {
		struct sadj **grown = arena_alloc(b->arena, (d->nradj + 2) *
							    sizeof *grown);
		if (d->nradj)
			memcpy(grown, d->radj, d->nradj * sizeof *grown);
		grown[d->nradj++] = p;
		d->radj = grown;
	} else if (p->has_kind) {
		**found = *p;  /* a new kind: the whole adjustment anew */
	} else {
		struct sadj *a = *found;
		a->name = p->name ? p->name : a->name;
		a->max = p->has_max ? p->max : a->max;
		a->has_max |= p->has_max;
		a->cap = p->cap ? p->cap : a->cap;
		a->file = p->file;
		a->path = p->path;
	}
	return 0;
}

/* --- checks of a resolved tree ------------------------------------------- */

struct scheck {
	struct sbuild *b;
	struct sdoc *d;
	struct intern ids;
	struct arena scratch;
	uint32_t nodes, leaves;
};

/* Where to blame a sum: a plain document's list itself; in a document
 * that extends another, the first sibling it patched or added, else the
 * parent when it patched that, else its own list of indicators. */
static void sb_check_sum(struct scheck *c, struct snode **list, uint32_t n,
			 const struct snode *parent, double sum)
{
	const char *file = c->d->file, *path = "$", *suffix = ".indicators";
	uint32_t k = 0;
	while (c->d->extends && k < n && list[k]->file != file)
		k++;
	if (c->d->extends && k < n) {
		path = list[k]->path;
		suffix = ".weight";
	} else if (parent && parent->file == file) {
		path = parent->path;
		suffix = ".children";
	}
	if (parent)
		sb_error(c->b, file, path, suffix, "bad_weights",
			 "the weights under '%s' sum to %.10g, not 100",
			 parent->id, sum);
	else
		sb_error(c->b, file, path, suffix, "bad_weights",
			 "the weights of the top-level indicators sum to "
			 "%.10g, not 100", sum);
}

static void sb_check_id(struct scheck *c, const char *id, const char *file,
			const char *path)
{
	bool added = false;
	if (!*id)
		return; /* refused when read */
	intern_add(&c->ids, id, strlen(id), &added);
	if (!added)
		sb_error(c->b, file, path, ".id", "duplicate_id",
			 "id '%s' appears twice in scheme '%s'", id, c->d->id);
}

static void sb_check_list(struct scheck *c, struct snode **list, uint32_t n,
			  const struct snode *parent, unsigned depth);

static void sb_check_node(struct scheck *c, struct snode *node,
			  unsigned depth)
{
	const char *f = node->file, *p = node->path;
	sb_check_id(c, node->id, f, p);
	if (++c->nodes > SCHEME_MAX_NODES || depth > SCHEME_MAX_DEPTH) {
		sb_error(c->b, f, p, "", "too_many", "more than %d indicators "
			 "or %d levels", SCHEME_MAX_NODES, SCHEME_MAX_DEPTH);
		return;
	}
	if (!node->has_weight)
		sb_error(c->b, f, p, ".weight", "missing_key",
			 "'weight' is required");
	if (node->has_rule && node->has_children)
		sb_error(c->b, f, p, "", "bad_node", "'%s' has both a rule and "
			 "children: a leaf has a rule, an inner node children",
			 node->id);
	else if (!node->has_rule && !node->has_children)
		sb_error(c->b, f, p, "", "bad_node", "'%s' needs a rule (a "
			 "leaf) or children (an inner node)", node->id);
	else if (node->has_children && node->nchildren == 0)
		sb_error(c->b, f, p, ".children", "bad_node",
			 "'%s' has an empty list of children", node->id);
	if (node->has_rule && !node->has_children)
		c->leaves++;
	if (node->nchildren)
		sb_check_list(c, node->children, node->nchildren, node,
			      depth + 1);
}

static void sb_check_list(struct scheck *c, struct snode **list, uint32_t n,
			  const struct snode *parent, unsigned depth)
{
	double sum = 0;
	bool all = true;
	for (uint32_t k = 0; k < n; k++) {
		sum += list[k]->weight;
		all &= list[k]->has_weight;
	}
	if (all && fabs(sum - 100.0) > SCHEME_SUM_EPSILON)
		sb_check_sum(c, list, n, parent, sum);
	for (uint32_t k = 0; k < n && c->nodes <= SCHEME_MAX_NODES; k++)
		sb_check_node(c, list[k], depth);
}

static uint32_t sb_grade(const struct scheme_context *ctx, const char *id)
{
	for (uint32_t g = 0; g < ctx->ngrades; g++)
		if (strcmp(ctx->grades[g].id, id) == 0)
			return g;
	return ASSESS_NONE;
}

static void sb_check_adj(struct scheck *c, const struct sadj *a)
{
	const struct scheme_context *ctx = c->b->ctx;
	sb_check_id(c, a->id, a->file, a->path);
	c->nodes++;
	if (!a->has_kind) {
		sb_error(c->b, a->file, a->path, ".kind", "missing_key",
			 "'kind' is required");
		return;
	}
	if (a->kind != ASSESS_VETO && !a->has_max)
		sb_error(c->b, a->file, a->path, ".max", "missing_key",
			 "a %s needs a max", a->kind == ASSESS_BONUS
			 ? "bonus" : "deduction");
	if (a->kind != ASSESS_VETO || ctx->ngrades == 0)
		return;
	if (a->cap && sb_grade(ctx, a->cap) == ASSESS_NONE)
		sb_error(c->b, a->file, a->path, ".cap", "unknown_grade",
			 "unknown grade '%s'", a->cap);
	else if (!a->cap && ctx->veto_default == ASSESS_NONE)
		sb_error(c->b, a->file, a->path, "", "bad_adjustment",
			 "a veto needs a cap: the cycle has no grade "
			 "'competent'");
}

static int sb_check(struct sbuild *b, struct sdoc *d)
{
	unsigned before = b->nerrors;
	struct scheck c = { .b = b, .d = d, .scratch = ARENA_INIT };
	intern_init(&c.ids, &c.scratch);
	if (d->ntop == 0)
		sb_error(b, d->file, "$", ".indicators", "bad_scheme",
			 "a scheme needs at least one indicator");
	else
		sb_check_list(&c, d->top, d->ntop, NULL, 1);
	for (uint32_t k = 0; k < d->nradj; k++)
		sb_check_adj(&c, d->radj[k]);
	if (c.nodes > SCHEME_MAX_NODES)
		sb_error(b, d->file, "$", "", "too_many", "more than %d "
			 "indicators and adjustments", SCHEME_MAX_NODES);
	intern_free(&c.ids);
	arena_free(&c.scratch);
	return b->nerrors == before ? 0 : -1;
}

/* --- resolution ---------------------------------------------------------- */

static int sb_resolve(struct sbuild *b, struct sdoc *d);

static int sb_loop(struct sbuild *b, struct sdoc *d)
{
	char chain[ERR_MSG_MAX] = "";
	size_t n = 0;
	uint32_t from = 0;
	while (from < b->depth && b->stack[from] != d)
		from++;
	for (uint32_t k = from; k < b->depth && n < sizeof chain; k++)
		n += (size_t)snprintf(chain + n, sizeof chain - n, "%s -> ",
				      b->stack[k]->id);
	if (n < sizeof chain)
		snprintf(chain + n, sizeof chain - n, "%s", d->id);
	struct sdoc *last = b->stack[b->depth - 1];
	return sb_error(b, last->file, "$", ".extends", "extends_loop",
			"extends loop: %s", chain);
}

static int sb_extend(struct sbuild *b, struct sdoc *d)
{
	uint32_t k = scheme_set_find(b->set, d->extends, strlen(d->extends));
	if (k == ASSESS_NONE)
		return sb_error(b, d->file, "$", ".extends", "unknown_scheme",
				"unknown base scheme '%s'", d->extends);
	struct sdoc *base = b->set->docs[k];
	if (sb_resolve(b, base) != 0)
		return -1;
	d->ntop = base->ntop;
	d->top = arena_alloc(b->arena, (d->ntop + 1) * sizeof *d->top);
	for (uint32_t i = 0; i < d->ntop; i++)
		d->top[i] = sb_copy(b->arena, base->top[i]);
	d->nradj = base->nradj;
	d->radj = arena_alloc(b->arena, (d->nradj + 1) * sizeof *d->radj);
	for (uint32_t i = 0; i < d->nradj; i++) {
		d->radj[i] = arena_alloc(b->arena, sizeof **d->radj);
		*d->radj[i] = *base->radj[i];
	}
	int rc = 0;
	for (uint32_t i = 0; i < d->nitems; i++)
		rc |= sb_patch(b, d, d->items[i]);
	for (uint32_t i = 0; i < d->nadjs; i++)
		rc |= sb_patch_adj(b, d, d->adjs[i]);
	return rc;
}

static int sb_resolve(struct sbuild *b, struct sdoc *d)
{
	if (d->state == SDOC_DONE)
		return 0;
	if (d->state == SDOC_FAILED)
		return -1;
	if (d->state == SDOC_RESOLVING)
		return sb_loop(b, d);
	if (d->bad) {
		d->state = SDOC_FAILED;
		return -1;
	}
	d->state = SDOC_RESOLVING;
	b->stack[b->depth++] = d;
	int rc = 0;
	if (d->extends) {
		rc = sb_extend(b, d);
	} else {
		d->top = d->items;
		d->ntop = d->nitems;
		d->radj = d->adjs;
		d->nradj = d->nadjs;
	}
	if (rc == 0)
		rc = sb_check(b, d);
	b->depth--;
	d->state = rc == 0 ? SDOC_DONE : SDOC_FAILED;
	return rc;
}

/* --- layout -------------------------------------------------------------- */

struct slayout {
	struct assess_scheme *out;
	struct intern *indicators;
};

/* Pre-order: a parent before its children; points = the parent's points
 * x weight / 100, from 100 at the top. */
static void sb_lay(struct slayout *l, const struct snode *n, uint32_t parent,
		   double parent_points)
{
	struct assess_scheme *s = l->out;
	uint32_t self = s->nnodes++;
	double points = parent_points * n->weight / 100.0;
	s->nodes[self] = (struct assess_node){
		n->id, n->name ? n->name : n->id, n->weight, parent,
		ASSESS_NONE,
	};
	if (n->nchildren == 0) {
		uint32_t k = s->nleaves++;
		s->nodes[self].leaf = k;
		s->leaves[k] = (struct assess_leaf){
			n->id, s->nodes[self].name, n->unit, self,
			intern_add(l->indicators, n->id, strlen(n->id), NULL),
			points, n->rule,
		};
		return;
	}
	for (uint32_t k = 0; k < n->nchildren; k++)
		sb_lay(l, n->children[k], self, points);
}

static void sb_layout(struct sbuild *b, struct sdoc *d,
		      struct assess_scheme *out, uint32_t nodes)
{
	const struct scheme_context *ctx = b->ctx;
	struct slayout l = { out, ctx->indicators };
	out->nodes = arena_zalloc(b->arena, (nodes + 1) * sizeof *out->nodes);
	out->leaves = arena_zalloc(b->arena, (nodes + 1) * sizeof *out->leaves);
	for (uint32_t k = 0; k < d->ntop; k++)
		sb_lay(&l, d->top[k], ASSESS_NONE, 100.0);
	out->nadjustments = d->nradj;
	out->adjustments = arena_zalloc(b->arena, (d->nradj + 1) *
						  sizeof *out->adjustments);
	for (uint32_t k = 0; k < d->nradj; k++) {
		const struct sadj *a = d->radj[k];
		uint32_t cap = a->cap ? sb_grade(ctx, a->cap)
				      : ctx->veto_default;
		out->adjustments[k] = (struct assess_adjustment){
			a->id, a->name ? a->name : a->id, a->kind, a->max,
			a->kind == ASSESS_VETO ? cap : ASSESS_NONE,
			intern_add(ctx->indicators, a->id, strlen(a->id), NULL),
		};
	}
}

static uint32_t sb_count(struct snode **list, uint32_t n)
{
	uint32_t total = n;
	for (uint32_t k = 0; k < n; k++)
		total += sb_count(list[k]->children, list[k]->nchildren);
	return total;
}

int scheme_set_build(struct scheme_set *set, const struct scheme_context *ctx,
		     struct assess_scheme **out, uint32_t *n,
		     struct err_list *errs)
{
	struct sbuild b = { set, ctx, errs, set->arena, 0, NULL, 0 };
	b.stack = xmalloc((set->n + 1) * sizeof *b.stack);
	struct assess_scheme *schemes = arena_zalloc(set->arena, (set->n + 1) *
							      sizeof *schemes);
	int rc = 0;
	for (uint32_t k = 0; k < set->n; k++)
		rc |= sb_resolve(&b, set->docs[k]);
	for (uint32_t k = 0; k < set->n; k++) {
		struct sdoc *d = set->docs[k];
		schemes[k].id = d->id;
		schemes[k].name = d->name ? d->name : d->id;
		if (d->state == SDOC_DONE)
			sb_layout(&b, d, &schemes[k],
				  sb_count(d->top, d->ntop));
		else
			rc = -1;
	}
	free(b.stack);
	*out = schemes;
	*n = set->n;
	return rc;
}
