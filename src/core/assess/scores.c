/* scores: one subject's component scores (ASSESSMENT.md sections 4 and 5):
 * the performance score of its scheme, ratings by groups of raters, and
 * routine results. The same functions serve the bulk computation (no
 * trace) and the explanation of one subject (with a trace), so the two
 * can never disagree. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/assess/assess_int.h"

/* The standing of subject s's value of leaf i of its scheme (rank and
 * relative rules only). */
static const struct assess_standing *
assess_standing_of(const struct assess_input *in, const struct assess_result *r,
		   uint32_t s, uint32_t i, struct assess_standing *out)
{
	uint32_t scheme = in->subjects[s].scheme;
	const struct assess_leaf *leaf = &in->schemes[scheme].leaves[i];
	if (leaf->rule.kind != ASSESS_RANK && leaf->rule.kind != ASSESS_RELATIVE)
		return NULL;
	uint32_t k = r->rankslot[(size_t)in->subjects[s].category *
					 in->nindicators + leaf->indicator];
	const struct assess_rankset *set = &r->ranksets[k];
	out->rank = leaf->rule.kind == ASSESS_RANK
			    ? assess_leaf_rank(r, scheme, s, i) : 0;
	out->of = set->n;
	out->best = leaf->rule.lower_better ? set->min : set->max;
	return out;
}

static double assess_target(const struct assess_input *in, uint32_t s,
			    uint64_t slot, const struct assess_rule *rule)
{
	double own = assess_own_target(in, s, slot);
	if (!isnan(own))
		return own;
	return rule->has_target ? rule->target : NAN;
}

static double assess_adjustments(const struct assess_input *in,
				 const struct assess_scheme *sc, uint32_t s,
				 struct assess_trace *tr)
{
	double sum = 0;
	for (uint32_t j = 0; j < sc->nadjustments; j++) {
		const struct assess_adjustment *adj = &sc->adjustments[j];
		double a = in->values[assess_slot(in, s, sc->nleaves + j)];
		struct assess_adjustment_trace t = { .value = a };
		if (!isnan(a)) {
			t.has_value = true;
			if (adj->kind == ASSESS_BONUS)
				t.points = fmin(a, adj->max);
			else if (adj->kind == ASSESS_DEDUCTION)
				t.points = -fmin(a, adj->max);
			else
				t.triggered = a != 0;
		}
		sum += t.points;
		if (tr) {
			tr->adjustments[j] = t;
			if (adj->kind == ASSESS_BONUS)
				tr->bonus_points += t.points;
			else if (adj->kind == ASSESS_DEDUCTION)
				tr->deduction_points -= t.points;
		}
	}
	return sum;
}

double assess_performance(const struct assess_input *in,
			  const struct assess_result *r, uint32_t s,
			  struct assess_trace *tr, bool *missing)
{
	const struct assess_scheme *sc = assess_scheme_of(in, s);
	double sum = 0;
	*missing = false;
	for (uint32_t i = 0; i < sc->nleaves; i++) {
		const struct assess_leaf *leaf = &sc->leaves[i];
		uint64_t slot = assess_slot(in, s, i);
		double a = in->values[slot];
		struct assess_leaf_trace t = { .value = NAN, .target = NAN,
					       .best = NAN };
		if (isnan(a)) {
			*missing = true;
		} else {
			struct assess_standing st;
			assess_leaf_eval(&leaf->rule, a,
					 assess_target(in, s, slot, &leaf->rule),
					 assess_standing_of(in, r, s, i, &st),
					 &t);
			t.points = leaf->points * t.s;
		}
		sum += t.points;
		if (tr)
			tr->leaves[i] = t;
	}
	if (tr)
		tr->leaf_sum = sum;
	sum += assess_adjustments(in, sc, s, tr);
	return sum > 0 ? sum : 0;
}

static int assess_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Sum of the lowest k of the counted values given by level counts in
 * ascending order of points. */
static double assess_sum_lowest(const double *pts, const uint32_t *cnt,
				uint32_t nlev, uint32_t k)
{
	double sum = 0;
	for (uint32_t l = 0; l < nlev && k; l++) {
		uint32_t take = cnt[l] < k ? cnt[l] : k;
		sum += pts[l] * take;
		k -= take;
	}
	return sum;
}

static double assess_sum_highest(const double *pts, const uint32_t *cnt,
				 uint32_t nlev, uint32_t k)
{
	double sum = 0;
	for (uint32_t l = nlev; l-- > 0 && k;) {
		uint32_t take = cnt[l] < k ? cnt[l] : k;
		sum += pts[l] * take;
		k -= take;
	}
	return sum;
}

#define ASSESS_LEVELS_MAX 32 /* scale levels and abstention; validated */

/* One group of a scale component: the counts by level sorted by points. */
static void assess_group_scale(const struct assess_component *c,
			       const uint32_t *counts,
			       struct assess_group_trace *g)
{
	double pts[ASSESS_LEVELS_MAX + 1];
	uint32_t cnt[ASSESS_LEVELS_MAX + 1], n = 0, total = 0;
	g->abstained = counts[c->nscale];
	for (uint32_t l = 0; l <= c->nscale; l++) {
		bool abstain = l == c->nscale;
		if (abstain && !c->abstain_zero)
			break;
		double p = abstain ? 0.0 : c->scale[l].points;
		uint32_t k = n++;
		while (k > 0 && pts[k - 1] > p) { /* insertion, stable */
			pts[k] = pts[k - 1];
			cnt[k] = cnt[k - 1];
			k--;
		}
		pts[k] = p;
		cnt[k] = counts[l];
		total += counts[l];
	}
	if (total == 0)
		return;
	double sum = 0;
	for (uint32_t l = 0; l < n; l++)
		sum += pts[l] * cnt[l];
	uint32_t drop = c->has_trim && total > c->trim_above ? c->trim_drop : 0;
	sum -= assess_sum_lowest(pts, cnt, n, drop) +
	       assess_sum_highest(pts, cnt, n, drop);
	g->dropped = 2 * drop;
	g->counted = total - 2 * drop;
	g->mean = sum / g->counted;
}

/* One group of a numeric component. */
static void assess_group_numbers(const struct assess_component *c,
				 const struct assess_ratings *rt, uint64_t k,
				 struct assess_group_trace *g)
{
	const double *v = rt->values + rt->offsets[k];
	uint32_t nv = (uint32_t)(rt->offsets[k + 1] - rt->offsets[k]);
	uint32_t zeros = c->abstain_zero ? rt->abstains[k] : 0;
	uint32_t total = nv + zeros;
	g->abstained = rt->abstains[k];
	if (total == 0)
		return;
	uint32_t drop = c->has_trim && total > c->trim_above ? c->trim_drop : 0;
	double *all = malloc(((size_t)total) * sizeof *all);
	if (!all)
		abort();
	memcpy(all, v, nv * sizeof *v);
	for (uint32_t i = 0; i < zeros; i++)
		all[nv + i] = 0.0;
	if (drop)
		qsort(all, total, sizeof *all, assess_cmp_double);
	double sum = 0;
	for (uint32_t i = drop; i < total - drop; i++)
		sum += all[i];
	free(all);
	g->dropped = 2 * drop;
	g->counted = total - 2 * drop;
	g->mean = sum / g->counted;
}

static void assess_red_line(const struct assess_component *c,
			    const uint32_t *counts, uint32_t *red,
			    uint32_t *all)
{
	for (uint32_t l = 0; l < c->nscale; l++) {
		*all += counts[l];
		if (c->red_levels & (UINT64_C(1) << l))
			*red += counts[l];
	}
}

double assess_ratings_score(const struct assess_input *in, uint32_t ci,
			    uint32_t s, struct assess_component_trace *tr,
			    bool *red, bool *missing)
{
	const struct assess_component *c = &in->components[ci];
	const struct assess_ratings *rt = &in->ratings[ci];
	double wsum = 0, sum = 0;
	uint32_t red_count = 0, red_of = 0;
	for (uint32_t gi = 0; gi < c->ngroups; gi++) {
		uint64_t k = (uint64_t)s * c->ngroups + gi;
		struct assess_group_trace g = { 0 };
		if (c->scale) {
			const uint32_t *counts = rt->counts + k * (c->nscale + 1);
			assess_group_scale(c, counts, &g);
			if (c->has_red_line)
				assess_red_line(c, counts, &red_count, &red_of);
		} else {
			assess_group_numbers(c, rt, k, &g);
		}
		if (g.counted) {
			g.weight_used = c->groups[gi].weight;
			wsum += g.weight_used;
			sum += g.weight_used * g.mean;
		}
		if (tr)
			tr->groups[gi] = g;
	}
	*red = c->has_red_line &&
	       (int64_t)red_count * c->red_den > (int64_t)red_of * c->red_num;
	*missing = wsum == 0;
	if (tr) {
		tr->red_count = red_count;
		tr->red_of = red_of;
		tr->red_triggered = *red;
	}
	return wsum > 0 ? sum / wsum : 0.0;
}

double assess_routine_score(const struct assess_input *in, uint32_t ci,
			    uint32_t s, struct assess_component_trace *tr,
			    bool *missing)
{
	const struct assess_component *c = &in->components[ci];
	static const uint32_t none[ASSESS_ROUTINE_LEVELS];
	const uint32_t *counts =
		in->routine ? in->routine + (size_t)s * ASSESS_ROUTINE_LEVELS
			    : none;
	double sum = 0;
	uint32_t n = 0;
	for (int i = 0; i < ASSESS_ROUTINE_LEVELS; i++) {
		sum += c->routine_scale[i] * counts[i];
		n += counts[i];
		if (tr)
			tr->routine[i] = counts[i];
	}
	*missing = n == 0;
	return n ? sum / n : 0.0;
}
