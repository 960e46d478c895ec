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

/* Shares one pool's amount among its subjects (in ranking order). */
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

static void assess_bonus_pools(const struct assess_input *in,
			       struct assess_result *r)
{
	uint32_t np = in->npools;
	uint32_t *start = calloc((size_t)np + 1, sizeof *start);
	struct assess_share *sh = calloc(in->nsubjects ? in->nsubjects : 1,
					 sizeof *sh);
	if (!start || !sh)
		abort();
	for (uint32_t s = 0; s < in->nsubjects; s++)
		start[in->subjects[s].pool + 1]++;
	for (uint32_t p = 0; p < np; p++)
		start[p + 1] += start[p];
	uint32_t *fill = calloc(np ? np : 1, sizeof *fill);
	if (!fill)
		abort();
	for (uint32_t i = 0; i < in->nsubjects; i++) {
		uint32_t s = r->order[i], p = in->subjects[s].pool;
		struct assess_share *x = &sh[start[p] + fill[p]++];
		x->subject = s;
		x->position = i;
	}
	for (uint32_t p = 0; p < np; p++) {
		uint32_t n = start[p + 1] - start[p];
		int64_t amount = in->pool_amounts ? in->pool_amounts[p] : -1;
		if (amount >= 0) {
			assess_bonus_pool_one(in, r, amount, sh + start[p], n);
			continue;
		}
		for (uint32_t k = 0; k < n; k++) {
			r->bonus[sh[start[p] + k].subject] = 0;
			r->warnings[sh[start[p] + k].subject] |=
				ASSESS_WARN_NO_POOL_AMOUNT;
		}
	}
	free(fill);
	free(sh);
	free(start);
}

void assess_bonus(const struct assess_input *in, struct assess_result *r)
{
	if (in->bonus.mode == ASSESS_BONUS_BASE)
		assess_bonus_base(in, r);
	else if (in->bonus.mode == ASSESS_BONUS_POOL)
		assess_bonus_pools(in, r);
	else
		for (uint32_t s = 0; s < in->nsubjects; s++)
			r->bonus[s] = -1;
}
