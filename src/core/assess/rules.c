/* rules: a leaf's fraction s under its rule (ASSESSMENT.md section 4),
 * quota rounding, and the 4-decimal rounding of section 6. */
#include <math.h>

#include "core/assess/assess_int.h"

#define ASSESS_NUDGE 1e-9

double assess_round4(double x)
{
	return round(x * 10000.0) / 10000.0;
}

uint32_t assess_places(double share, uint32_t n, enum assess_rounding r)
{
	double x = share * (double)n;
	double v = r == ASSESS_FLOOR ? floor(x + ASSESS_NUDGE)
		 : r == ASSESS_ROUND ? floor(x + 0.5 + ASSESS_NUDGE)
				     : ceil(x - ASSESS_NUDGE);
	return v <= 0 ? 0 : (uint32_t)v;
}

static double assess_rank_fraction(const struct assess_rule *rule,
				   const struct assess_standing *st,
				   struct assess_leaf_trace *out)
{
	out->rank = st->rank;
	out->of = st->of;
	double r1 = (double)(st->rank - 1);
	if (rule->has_step)
		return fmax(rule->min, 1.0 - r1 * rule->step);
	if (st->of <= 1)
		return 1.0;
	return 1.0 - r1 / (double)(st->of - 1) * (1.0 - rule->min);
}

static double assess_relative_fraction(const struct assess_rule *rule,
				       double a,
				       const struct assess_standing *st,
				       struct assess_leaf_trace *out)
{
	double best = st->best;
	out->best = best;
	if (best <= 0)
		return 0.0;
	return rule->lower_better ? best / a : a / best;
}

static double assess_fraction(const struct assess_rule *rule, double a,
			      double t, const struct assess_standing *st,
			      struct assess_leaf_trace *out)
{
	switch (rule->kind) {
	case ASSESS_RATIO:
		if (rule->lower_better)
			return a <= 0 ? rule->cap : t / a;
		return a / t;
	case ASSESS_LINEAR:
		return (a - rule->floor) / (t - rule->floor);
	case ASSESS_STEP:
		return rule->at_target + (a - t) * rule->per_unit;
	case ASSESS_THRESHOLD:
		return (rule->lower_better ? a <= t : a >= t) ? 1.0 : 0.0;
	case ASSESS_RANK:
		return assess_rank_fraction(rule, st, out);
	case ASSESS_RELATIVE:
		return assess_relative_fraction(rule, a, st, out);
	case ASSESS_SCORE:
		return a / 100.0;
	}
	return 0.0;
}

void assess_leaf_eval(const struct assess_rule *rule, double a, double t,
		      const struct assess_standing *st,
		      struct assess_leaf_trace *out)
{
	out->has_value = true;
	out->value = a;
	out->target = t;
	double s = assess_fraction(rule, a, t, st, out);
	if (!(s > 0))
		s = 0; /* also NaN, which no valid input gives */
	if (s > rule->cap)
		s = rule->cap;
	out->s = s;
}
