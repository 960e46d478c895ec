/* standing: where each value stands in its category, for rank and
 * relative rules (ASSESSMENT.md section 4). For every (category,
 * indicator) that such a rule looks at, the values of all subjects of the
 * category that have one are sorted once (a radix sort: this is the bulk
 * of a large cycle's ranking work, and comparison sorts are several times
 * slower), and each rank rule's slot gets its competition rank: among
 * equal values, 1 + the number strictly better, "better" being the
 * subject's own rule's direction. O(n) per set after the sort; never
 * quadratic. */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "core/assess/assess_int.h"

#define STANDING_RANK (UINT64_C(1) << 62)   /* the slot's rule is rank */
#define STANDING_LOWER (UINT64_C(1) << 63)  /* ... and lower is better */
#define STANDING_SLOT (STANDING_RANK - 1)
#define STANDING_SMALL 2048 /* below this, a comparison sort is quicker */

/* Per scheme, the leaves whose indicator some rank or relative rule
 * looks at (whatever their own rule: every value of the indicator in the
 * category counts). */
struct standing_leaves {
	uint32_t *leaf; /* leaf indices */
	uint32_t n;
};

/* Shared by the workers of every phase. Collecting is done twice over
 * the same ranges of subjects: once to count, per worker and set, then to
 * place; so each worker's values land in a block of its own within each
 * set, in subject order. */
struct standing_ctx {
	const struct assess_input *in;
	struct assess_result *r;
	const struct standing_leaves *per;
	uint32_t nsets;
	bool fill;                    /* collecting: place, not count */
	uint64_t *cursor;             /* [worker * nsets + set]: count, then
					 the next pair to place */
	uint64_t *start;              /* per set: first pair; nsets + 1 */
	struct standing_pair *pairs;
	uint32_t *by_size;            /* set indices, largest first */
	atomic_uint next;             /* sorting: next of by_size to take */
};

uint64_t assess_sort_key(double v)
{
	uint64_t bits;
	if (v == 0)
		v = 0.0;
	memcpy(&bits, &v, sizeof bits);
	return bits >> 63 ? ~bits : bits | UINT64_C(0x8000000000000000);
}

static double standing_value(uint64_t key)
{
	uint64_t bits = key >> 63 ? key & ~UINT64_C(0x8000000000000000) : ~key;
	double v;
	memcpy(&v, &bits, sizeof v);
	return v;
}

static int standing_cmp(const void *pa, const void *pb)
{
	const struct standing_pair *a = pa, *b = pb;
	return (a->key > b->key) - (a->key < b->key);
}

/* LSD radix sort on the keys, 16 bits a pass; a pass in which every key
 * has the same digit is skipped. tmp: room for n pairs; count: for
 * 65536 counters. */
static void standing_radix(struct standing_pair *p, size_t n,
			   struct standing_pair *tmp, uint32_t *count)
{
	struct standing_pair *src = p, *dst = tmp;
	for (unsigned shift = 0; shift < 64; shift += 16) {
		memset(count, 0, 65536 * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(src[i].key >> shift) & 0xffff]++;
		if (count[(src[0].key >> shift) & 0xffff] == n)
			continue;
		uint32_t sum = 0;
		for (size_t d = 0; d < 65536; d++) {
			uint32_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i].key >> shift) & 0xffff]++] = src[i];
		struct standing_pair *t = src;
		src = dst;
		dst = t;
	}
	if (src != p)
		memcpy(p, src, n * sizeof *p);
}

void assess_sort_pairs(struct standing_pair *p, size_t n)
{
	if (n < STANDING_SMALL) {
		qsort(p, n, sizeof *p, standing_cmp);
		return;
	}
	struct standing_pair *tmp = xmalloc(n * sizeof *tmp);
	uint32_t *count = xmalloc(65536 * sizeof *count);
	standing_radix(p, n, tmp, count);
	free(count);
	free(tmp);
}

/* Sorts set k and gives each rank slot its competition rank. Only the
 * slots of rank rules that have a value get one. tmp and count: the
 * radix sort's room, for the largest set. */
static void standing_set(struct standing_ctx *c, uint32_t k,
			 struct standing_pair *tmp, uint32_t *count)
{
	struct standing_pair *p = c->pairs + c->start[k];
	uint32_t n = (uint32_t)(c->start[k + 1] - c->start[k]);
	struct assess_rankset *set = &c->r->ranksets[k];
	set->n = n;
	if (n == 0)
		return;
	if (n < STANDING_SMALL)
		qsort(p, n, sizeof *p, standing_cmp);
	else
		standing_radix(p, n, tmp, count);
	set->min = standing_value(p[0].key);
	set->max = standing_value(p[n - 1].key);
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i + 1;
		while (j < n && p[j].key == p[i].key)
			j++;
		for (uint32_t q = i; q < j; q++) {
			uint64_t slot = p[q].slot;
			if (!(slot & STANDING_RANK))
				continue;
			c->r->slot_rank[slot & STANDING_SLOT] =
				slot & STANDING_LOWER ? i + 1 : n - j + 1;
		}
		i = j;
	}
}

/* A worker takes the sets one at a time, largest first, so that the
 * workers finish together whatever the sizes; its sorting room is made
 * once, for the largest. */
static void standing_sort_worker(void *vctx, uint32_t from, uint32_t to,
				 unsigned worker)
{
	struct standing_ctx *c = vctx;
	(void)from, (void)to, (void)worker;
	uint32_t first = c->by_size[0];
	size_t most = c->start[first + 1] - c->start[first];
	struct standing_pair *tmp = xmalloc((most + 1) * sizeof *tmp);
	uint32_t *count = xmalloc(65536 * sizeof *count);
	for (;;) {
		unsigned i = atomic_fetch_add(&c->next, 1);
		if (i >= c->nsets)
			break;
		standing_set(c, c->by_size[i], tmp, count);
	}
	free(count);
	free(tmp);
}

static struct standing_leaves *standing_needed(const struct assess_input *in,
					       bool *needed)
{
	for (uint32_t sc = 0; sc < in->nschemes; sc++)
		for (uint32_t i = 0; i < in->schemes[sc].nleaves; i++) {
			const struct assess_leaf *l = &in->schemes[sc].leaves[i];
			if (l->rule.kind == ASSESS_RANK ||
			    l->rule.kind == ASSESS_RELATIVE)
				needed[l->indicator] = true;
		}
	struct standing_leaves *per = xcalloc(in->nschemes ? in->nschemes : 1,
					      sizeof *per);
	for (uint32_t sc = 0; sc < in->nschemes; sc++) {
		const struct assess_scheme *scheme = &in->schemes[sc];
		per[sc].leaf = xcalloc(scheme->nleaves + 1, sizeof *per[sc].leaf);
		for (uint32_t i = 0; i < scheme->nleaves; i++)
			if (needed[scheme->leaves[i].indicator])
				per[sc].leaf[per[sc].n++] = i;
	}
	return per;
}

/* The pair of one value: its key, and its slot marked with its rule. */
static struct standing_pair standing_pair_of(const struct assess_leaf *leaf,
					     uint64_t slot, double a)
{
	if (leaf->rule.kind == ASSESS_RANK)
		slot |= STANDING_RANK |
			(leaf->rule.lower_better ? STANDING_LOWER : 0);
	return (struct standing_pair){ assess_sort_key(a), slot };
}

/* Counts (c->fill false) or places (true) the values of subjects
 * [from, to), in the worker's own cursors. */
static void standing_collect(void *vctx, uint32_t from, uint32_t to,
			     unsigned worker)
{
	struct standing_ctx *c = vctx;
	const struct assess_input *in = c->in;
	uint64_t *cursor = c->cursor + (size_t)worker * c->nsets;
	for (uint32_t s = from; s < to; s++) {
		const struct assess_subject *sub = &in->subjects[s];
		const struct assess_leaf *leaves = in->schemes[sub->scheme].leaves;
		const struct standing_leaves *pl = &c->per[sub->scheme];
		const uint32_t *slots = c->r->rankslot +
					(size_t)sub->category * in->nindicators;
		uint64_t base = in->value_offset[s];
		for (uint32_t q = 0; q < pl->n; q++) {
			const struct assess_leaf *leaf = &leaves[pl->leaf[q]];
			double a = in->values[base + pl->leaf[q]];
			if (isnan(a))
				continue;
			uint64_t *at = &cursor[slots[leaf->indicator]];
			if (c->fill)
				c->pairs[*at] = standing_pair_of(
					leaf, base + pl->leaf[q], a);
			(*at)++;
		}
	}
}

/* Turns the counts per (worker, set) into first positions: set by set,
 * worker by worker, so each set's values stay in subject order. */
static void standing_layout(struct standing_ctx *c, unsigned workers)
{
	uint64_t sum = 0;
	for (uint32_t k = 0; k < c->nsets; k++) {
		c->start[k] = sum;
		for (unsigned w = 0; w < workers; w++) {
			uint64_t *at = &c->cursor[(size_t)w * c->nsets + k];
			uint64_t n = *at;
			*at = sum;
			sum += n;
		}
	}
	c->start[c->nsets] = sum;
}

static int standing_size_cmp(const void *pa, const void *pb, void *vctx)
{
	const uint64_t *start = vctx;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	uint64_t na = start[a + 1] - start[a], nb = start[b + 1] - start[b];
	if (na != nb)
		return na > nb ? -1 : 1;
	return (a > b) - (a < b);
}

/* Collects every value into its set, then sorts and ranks the sets. */
static void standing_run(struct standing_ctx *c, unsigned threads)
{
	unsigned workers = threads < ASSESS_THREADS_MAX ? threads
							: ASSESS_THREADS_MAX;
	if (c->in->nsubjects < ASSESS_PARALLEL_MIN)
		workers = 1;
	c->cursor = xcalloc((size_t)workers * c->nsets + 1, sizeof *c->cursor);
	c->start = xcalloc((size_t)c->nsets + 1, sizeof *c->start);
	assess_parallel(workers, c->in->nsubjects, standing_collect, c);
	standing_layout(c, workers);
	c->pairs = xmalloc((c->start[c->nsets] + 1) * sizeof *c->pairs);
	c->fill = true;
	assess_parallel(workers, c->in->nsubjects, standing_collect, c);
	c->by_size = xmalloc(((size_t)c->nsets + 1) * sizeof *c->by_size);
	for (uint32_t k = 0; k < c->nsets; k++)
		c->by_size[k] = k;
	qsort_r(c->by_size, c->nsets, sizeof *c->by_size, standing_size_cmp,
		c->start);
	atomic_init(&c->next, 0);
	workers = threads < c->nsets ? threads : c->nsets;
	if (c->nsets)
		assess_parallel(workers, workers, standing_sort_worker, c);
	free(c->by_size);
	free(c->pairs);
	free(c->start);
	free(c->cursor);
}

void assess_standings(const struct assess_input *in, struct assess_result *r,
		      unsigned threads)
{
	size_t cells = (size_t)in->ncategories * in->nindicators;
	bool *needed = xcalloc(in->nindicators ? in->nindicators : 1, 1);
	struct standing_leaves *per = standing_needed(in, needed);
	struct standing_ctx c = { .in = in, .r = r, .per = per };
	r->rankslot = arena_zalloc(&r->arena, (cells ? cells : 1) *
						     sizeof *r->rankslot);
	for (size_t k = 0; k < cells; k++)
		r->rankslot[k] = needed[k % in->nindicators] ? c.nsets++
							     : ASSESS_NONE;
	r->ranksets = arena_zalloc(&r->arena, (c.nsets ? c.nsets : 1) *
						      sizeof *r->ranksets);
	/* Not zeroed: only rank slots with a value are ever read. */
	r->slot_rank = arena_alloc(&r->arena,
				   (in->value_offset[in->nsubjects] + 1) *
					   sizeof *r->slot_rank);
	standing_run(&c, threads);
	for (uint32_t sc = 0; sc < in->nschemes; sc++)
		free(per[sc].leaf);
	free(per);
	free(needed);
}
