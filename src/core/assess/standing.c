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
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "core/assess/assess_int.h"

#define STANDING_RANK (UINT64_C(1) << 62)   /* the slot's rule is rank */
#define STANDING_LOWER (UINT64_C(1) << 63)  /* ... and lower is better */
#define STANDING_SLOT (STANDING_RANK - 1)
#define STANDING_SMALL 2048 /* below this, a comparison sort is quicker */

struct standing_ctx {
	const struct assess_input *in;
	struct assess_result *r;
	uint64_t *start;              /* per set: first pair */
	struct standing_pair *pairs;
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
 * has the same digit is skipped. */
void assess_sort_pairs(struct standing_pair *p, size_t n)
{
	if (n < STANDING_SMALL) {
		qsort(p, n, sizeof *p, standing_cmp);
		return;
	}
	struct standing_pair *tmp = xmalloc(n * sizeof *tmp);
	uint32_t *count = xmalloc(65536 * sizeof *count);
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
	free(count);
	free(tmp);
}

/* Sorts set k and gives each rank slot its competition rank. */
static void standing_set(struct standing_ctx *c, uint32_t k)
{
	struct standing_pair *p = c->pairs + c->start[k];
	uint32_t n = (uint32_t)(c->start[k + 1] - c->start[k]);
	struct assess_rankset *set = &c->r->ranksets[k];
	set->n = n;
	if (n == 0)
		return;
	assess_sort_pairs(p, n);
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

static void standing_range(void *vctx, uint32_t from, uint32_t to,
			   unsigned worker)
{
	(void)worker;
	for (uint32_t k = from; k < to; k++)
		standing_set(vctx, k);
}

/* Per scheme, the leaves whose indicator some rank or relative rule
 * looks at (whatever their own rule: every value of the indicator in the
 * category counts). */
struct standing_leaves {
	uint32_t *leaf; /* leaf indices */
	uint32_t n;
};

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

/* Counts (fill == false) or places (fill == true) every value. */
static void standing_collect(struct standing_ctx *c,
			     const struct standing_leaves *per, bool fill)
{
	const struct assess_input *in = c->in;
	for (uint32_t s = 0; s < in->nsubjects; s++) {
		const struct assess_subject *sub = &in->subjects[s];
		const struct assess_scheme *sc = &in->schemes[sub->scheme];
		const struct standing_leaves *pl = &per[sub->scheme];
		const uint32_t *slots = c->r->rankslot +
					(size_t)sub->category * in->nindicators;
		for (uint32_t q = 0; q < pl->n; q++) {
			const struct assess_leaf *leaf = &sc->leaves[pl->leaf[q]];
			uint64_t slot = in->value_offset[s] + pl->leaf[q];
			double a = in->values[slot];
			if (isnan(a))
				continue;
			uint32_t k = slots[leaf->indicator];
			if (!fill) {
				c->start[k + 1]++;
				continue;
			}
			if (leaf->rule.kind == ASSESS_RANK)
				slot |= STANDING_RANK |
					(leaf->rule.lower_better ? STANDING_LOWER : 0);
			c->pairs[c->start[k]++] = (struct standing_pair){
				assess_sort_key(a), slot };
		}
	}
}

void assess_standings(const struct assess_input *in, struct assess_result *r,
		      unsigned threads)
{
	size_t cells = (size_t)in->ncategories * in->nindicators;
	bool *needed = xcalloc(in->nindicators ? in->nindicators : 1, 1);
	struct standing_leaves *per = standing_needed(in, needed);
	uint32_t nsets = 0;
	r->rankslot = arena_zalloc(&r->arena, (cells ? cells : 1) *
						     sizeof *r->rankslot);
	for (size_t k = 0; k < cells; k++)
		r->rankslot[k] = needed[k % in->nindicators] ? nsets++ : ASSESS_NONE;
	r->ranksets = arena_zalloc(&r->arena, (nsets ? nsets : 1) *
						      sizeof *r->ranksets);
	r->slot_rank = arena_zalloc(&r->arena,
				    (in->value_offset[in->nsubjects] + 1) *
					    sizeof *r->slot_rank);
	struct standing_ctx c = { in, r, xcalloc((size_t)nsets + 1,
						 sizeof(uint64_t)), NULL };
	standing_collect(&c, per, false);
	for (uint32_t k = 0; k < nsets; k++)
		c.start[k + 1] += c.start[k];
	c.pairs = xmalloc((c.start[nsets] + 1) * sizeof *c.pairs);
	standing_collect(&c, per, true); /* start[k] moves to set k's end */
	memmove(c.start + 1, c.start, nsets * sizeof *c.start);
	c.start[0] = 0;
	assess_parallel(nsets > 1 ? threads : 1, nsets, standing_range, &c);
	free(c.pairs);
	free(c.start);
	for (uint32_t sc = 0; sc < in->nschemes; sc++)
		free(per[sc].leaf);
	free(per);
	free(needed);
}
