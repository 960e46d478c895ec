/* standing: where each value stands in its category, for rank and
 * relative rules (ASSESSMENT.md section 4). For every (category,
 * indicator) that such a rule looks at, the values of all subjects of the
 * category that have one are counted and their extremes found (all a
 * relative rule needs); where a rank rule looks, they are also sorted
 * once (a radix sort: this is the bulk of a large cycle's ranking work,
 * and comparison sorts are several times slower), and each rank rule's
 * value gets its competition rank: among equal values, 1 + the number
 * strictly better, "better" being the subject's own rule's direction.
 * O(n) per set after the sort; never quadratic. */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "core/assess/assess_int.h"

#define STANDING_RANK (UINT64_C(1) << 62)   /* the value's rule is rank */
#define STANDING_LOWER (UINT64_C(1) << 63)  /* ... and lower is better */
#define STANDING_PLACE (STANDING_RANK - 1)
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
	bool *ranked;                 /* per set: some rank rule looks at it
					 (else only relative rules, which
					 need the extremes, not an order) */
	bool fill;                    /* collecting: place, not count */
	uint64_t *cursor;             /* [worker * nsets + set]: count, then
					 the next pair to place */
	uint64_t *lo, *hi;            /* [worker * nsets + set]: extreme keys
					 while counting */
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

/* Sorts set k (one that is ranked: the others have no pairs) and gives
 * each rank rule's value its competition rank (in leaf_rank, at the place
 * its pair holds). tmp and count: the radix sort's room, for the largest
 * set. */
static void standing_set(struct standing_ctx *c, uint32_t k,
			 struct standing_pair *tmp, uint32_t *count)
{
	struct standing_pair *p = c->pairs + c->start[k];
	uint32_t n = (uint32_t)(c->start[k + 1] - c->start[k]);
	if (n == 0)
		return;
	if (n < STANDING_SMALL)
		qsort(p, n, sizeof *p, standing_cmp);
	else
		standing_radix(p, n, tmp, count);
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i + 1;
		while (j < n && p[j].key == p[i].key)
			j++;
		for (uint32_t q = i; q < j; q++) {
			uint64_t place = p[q].slot;
			if (!(place & STANDING_RANK))
				continue;
			c->r->leaf_rank[place & STANDING_PLACE] =
				place & STANDING_LOWER ? i + 1 : n - j + 1;
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

/* needed[indicator]: STANDING_SET when a rank or relative rule looks at
 * it, STANDING_RANKED too when a rank rule does. */
enum { STANDING_SET = 1, STANDING_RANKED = 2 };

static struct standing_leaves *standing_needed(const struct assess_input *in,
					       uint8_t *needed)
{
	for (uint32_t sc = 0; sc < in->nschemes; sc++)
		for (uint32_t i = 0; i < in->schemes[sc].nleaves; i++) {
			const struct assess_leaf *l = &in->schemes[sc].leaves[i];
			if (l->rule.kind == ASSESS_RANK)
				needed[l->indicator] |= STANDING_SET |
							STANDING_RANKED;
			else if (l->rule.kind == ASSESS_RELATIVE)
				needed[l->indicator] |= STANDING_SET;
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

/* The pair of subject s's value a of leaf i of its scheme: its key and,
 * for a rank rule, its place in leaf_rank, marked. */
static struct standing_pair standing_pair_of(const struct assess_result *r,
					     uint32_t scheme, uint32_t s,
					     uint32_t i,
					     const struct assess_leaf *leaf,
					     double a)
{
	uint64_t place = 0;
	if (leaf->rule.kind == ASSESS_RANK)
		place = ((uint64_t)s * r->rank_stride +
			 r->rank_col[r->rank_base[scheme] + i]) |
			STANDING_RANK |
			(leaf->rule.lower_better ? STANDING_LOWER : 0);
	return (struct standing_pair){ assess_sort_key(a), place };
}

/* Counts (c->fill false) the values of subjects [from, to) and finds
 * their extremes, or places (true) those of ranked sets, in the worker's
 * own cursors. */
static void standing_collect(void *vctx, uint32_t from, uint32_t to,
			     unsigned worker)
{
	struct standing_ctx *c = vctx;
	const struct assess_input *in = c->in;
	uint64_t *cursor = c->cursor + (size_t)worker * c->nsets;
	uint64_t *lo = c->lo + (size_t)worker * c->nsets;
	uint64_t *hi = c->hi + (size_t)worker * c->nsets;
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
			uint32_t k = slots[leaf->indicator];
			if (c->fill) {
				if (c->ranked[k])
					c->pairs[cursor[k]++] = standing_pair_of(
						c->r, sub->scheme, s,
						pl->leaf[q], leaf, a);
				continue;
			}
			uint64_t key = assess_sort_key(a);
			if (cursor[k]++ == 0 || key < lo[k])
				lo[k] = key;
			if (key > hi[k])
				hi[k] = key;
		}
	}
}

/* Each set's size and extremes from the workers' counts; then the
 * counts per (worker, set) of ranked sets turned into first positions:
 * set by set, worker by worker, so each set's values stay in subject
 * order. */
static void standing_layout(struct standing_ctx *c, unsigned workers)
{
	uint64_t sum = 0;
	for (uint32_t k = 0; k < c->nsets; k++) {
		struct assess_rankset *set = &c->r->ranksets[k];
		uint64_t lo = UINT64_MAX, hi = 0;
		c->start[k] = sum;
		for (unsigned w = 0; w < workers; w++) {
			size_t at = (size_t)w * c->nsets + k;
			uint64_t n = c->cursor[at];
			if (n && c->lo[at] < lo)
				lo = c->lo[at];
			if (n && c->hi[at] > hi)
				hi = c->hi[at];
			set->n += (uint32_t)n;
			c->cursor[at] = sum;
			if (c->ranked[k])
				sum += n;
		}
		if (set->n) {
			set->min = standing_value(lo);
			set->max = standing_value(hi);
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
	c->lo = xcalloc((size_t)workers * c->nsets + 1, sizeof *c->lo);
	c->hi = xcalloc((size_t)workers * c->nsets + 1, sizeof *c->hi);
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
	free(c->lo);
	free(c->hi);
}

/* Where each rank rule's rank goes: per subject a row of rank_stride
 * places, one per rank rule of the scheme with most of them. Not zeroed:
 * only the ranks of values are ever read. */
static void standing_rank_places(const struct assess_input *in,
				 struct assess_result *r)
{
	uint32_t leaves = 0;
	r->rank_base = arena_alloc(&r->arena, ((size_t)in->nschemes + 1) *
						      sizeof *r->rank_base);
	for (uint32_t sc = 0; sc < in->nschemes; sc++) {
		r->rank_base[sc] = leaves;
		leaves += in->schemes[sc].nleaves;
	}
	r->rank_col = arena_alloc(&r->arena, ((size_t)leaves + 1) *
						     sizeof *r->rank_col);
	r->rank_stride = 0;
	for (uint32_t sc = 0; sc < in->nschemes; sc++) {
		const struct assess_scheme *scheme = &in->schemes[sc];
		uint32_t n = 0;
		for (uint32_t i = 0; i < scheme->nleaves; i++)
			r->rank_col[r->rank_base[sc] + i] =
				scheme->leaves[i].rule.kind == ASSESS_RANK
					? n++ : ASSESS_NONE;
		if (n > r->rank_stride)
			r->rank_stride = n;
	}
	r->leaf_rank = arena_alloc(&r->arena, ((size_t)in->nsubjects *
					       r->rank_stride + 1) *
						      sizeof *r->leaf_rank);
}

void assess_standings(const struct assess_input *in, struct assess_result *r,
		      unsigned threads)
{
	size_t cells = (size_t)in->ncategories * in->nindicators;
	uint8_t *needed = xcalloc(in->nindicators ? in->nindicators : 1, 1);
	struct standing_leaves *per = standing_needed(in, needed);
	struct standing_ctx c = { .in = in, .r = r, .per = per };
	r->rankslot = arena_zalloc(&r->arena, (cells ? cells : 1) *
						     sizeof *r->rankslot);
	c.ranked = xcalloc(cells ? cells : 1, sizeof *c.ranked);
	for (size_t k = 0; k < cells; k++) {
		uint8_t need = needed[k % in->nindicators];
		r->rankslot[k] = need ? c.nsets : ASSESS_NONE;
		if (need)
			c.ranked[c.nsets++] = need & STANDING_RANKED;
	}
	r->ranksets = arena_zalloc(&r->arena, (c.nsets ? c.nsets : 1) *
						      sizeof *r->ranksets);
	standing_rank_places(in, r);
	standing_run(&c, threads);
	for (uint32_t sc = 0; sc < in->nschemes; sc++)
		free(per[sc].leaf);
	free(per);
	free(needed);
	free(c.ranked);
}
