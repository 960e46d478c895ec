/* bonus: performance bonuses in integer fen (ASSESSMENT.md section 8).
 * Coefficients are integers C = coefficient x 10000, so every step is
 * exact; a pool is paid out to the last fen. */
#include <stdlib.h>

#include "core/assess/assess_int.h"

static int64_t assess_coefficient(const struct assess_input *in,
				  const struct assess_result *r, uint32_t s)
{
	return in->bonus.coefficients[r->grade[s]];
}

static void assess_bonus_base(const struct assess_input *in,
			      struct assess_result *r)
{
	for (uint32_t s = 0; s < in->nsubjects; s++) {
		__int128 x = (__int128)in->bonus.base * assess_coefficient(in, r, s);
		r->bonus[s] = (int64_t)((x + 5000) / 10000); /* half up, x >= 0 */
	}
}

struct assess_share {
	uint32_t subject;
	uint32_t position; /* in ranking order */
	int64_t remainder;
};

static int assess_share_cmp(const void *pa, const void *pb)
{
	const struct assess_share *a = pa, *b = pb;
	if (a->remainder != b->remainder)
		return a->remainder > b->remainder ? -1 : 1;
	return (a->position > b->position) - (a->position < b->position);
}

/* Shares one pool's amount among its subjects (any order: ties of
 * remainders go by position). */
static void assess_bonus_pool_one(const struct assess_input *in,
				  struct assess_result *r, int64_t amount,
				  struct assess_share *sh, uint32_t n)
{
	__int128 total_c = 0;
	for (uint32_t k = 0; k < n; k++)
		total_c += assess_coefficient(in, r, sh[k].subject);
	if (total_c == 0) {
		for (uint32_t k = 0; k < n; k++) {
			r->bonus[sh[k].subject] = 0;
			r->warnings[sh[k].subject] |= ASSESS_WARN_POOL_NOTHING_TO_SHARE;
		}
		return;
	}
	int64_t paid = 0;
	for (uint32_t k = 0; k < n; k++) {
		__int128 x = (__int128)amount *
			     assess_coefficient(in, r, sh[k].subject);
		r->bonus[sh[k].subject] = (int64_t)(x / total_c);
		sh[k].remainder = (int64_t)(x % total_c);
		paid += r->bonus[sh[k].subject];
	}
	qsort(sh, n, sizeof *sh, assess_share_cmp);
	for (uint32_t k = 0; paid < amount && k < n; k++, paid++)
		r->bonus[sh[k].subject]++;
}

/* The subjects of every pool, each with its place in the ranking order
 * (what breaks ties of remainders; the order within a pool's list does
 * not matter): pool p's are sh[start[p] .. start[p + 1]). */
struct assess_pools {
	const struct assess_input *in;
	struct assess_result *r;
	uint32_t *start;
	struct assess_share *sh;
};

static void assess_pools_init(const struct assess_input *in,
			      const struct assess_result *r,
			      struct assess_pools *ps)
{
	uint32_t np = in->npools, n = in->nsubjects;
	ps->start = calloc((size_t)np + 1, sizeof *ps->start);
	ps->sh = calloc(n ? n : 1, sizeof *ps->sh);
	uint32_t *fill = calloc(np ? np : 1, sizeof *fill);
	uint32_t *position = malloc((n ? n : 1) * sizeof *position);
	if (!ps->start || !ps->sh || !fill || !position)
		abort();
	for (uint32_t s = 0; s < n; s++)
		ps->start[in->subjects[s].pool + 1]++;
	for (uint32_t p = 0; p < np; p++)
		ps->start[p + 1] += ps->start[p];
	for (uint32_t i = 0; i < n; i++)
		position[r->order[i]] = i;
	for (uint32_t s = 0; s < n; s++) { /* in subject order: sequential */
		uint32_t p = in->subjects[s].pool;
		ps->sh[ps->start[p] + fill[p]++] =
			(struct assess_share){ s, position[s], 0 };
	}
	free(position);
	free(fill);
}

/* Pays pools [from, to); pools share no subject, so ranges of them may
 * run in parallel. */
static void assess_pools_range(void *vctx, uint32_t from, uint32_t to,
			       unsigned worker)
{
	struct assess_pools *ps = vctx;
	struct assess_result *r = ps->r;
	(void)worker;
	for (uint32_t p = from; p < to; p++) {
		struct assess_share *sh = ps->sh + ps->start[p];
		uint32_t n = ps->start[p + 1] - ps->start[p];
		int64_t amount = ps->in->pool_amounts ? ps->in->pool_amounts[p]
						      : -1;
		if (amount >= 0) {
			assess_bonus_pool_one(ps->in, r, amount, sh, n);
			continue;
		}
		for (uint32_t k = 0; k < n; k++) {
			r->bonus[sh[k].subject] = 0;
			r->warnings[sh[k].subject] |= ASSESS_WARN_NO_POOL_AMOUNT;
		}
	}
}

void assess_bonus(const struct assess_input *in, struct assess_result *r,
		  unsigned threads)
{
	if (in->bonus.mode == ASSESS_BONUS_BASE) {
		assess_bonus_base(in, r);
	} else if (in->bonus.mode == ASSESS_BONUS_POOL) {
		struct assess_pools ps = { in, r, NULL, NULL };
		assess_pools_init(in, r, &ps);
		assess_parallel(in->nsubjects >= ASSESS_PARALLEL_MIN ? threads : 1,
				in->npools, assess_pools_range, &ps);
		free(ps.sh);
		free(ps.start);
	} else {
		for (uint32_t s = 0; s < in->nsubjects; s++)
			r->bonus[s] = -1;
	}
}
