/* validate: what the engine relies on, checked once before computing.
 * The workbook loader checks the same things with file and line; this is
 * the engine's own guard for any other caller (the server), naming the
 * component, grade, scheme or subject at fault. */
#include <math.h>

#include "core/assess/assess_int.h"

#define ASSESS_EPS 1e-9

static int assess_validate_components(const struct assess_input *in,
				      struct err *e)
{
	double sum = 0;
	for (uint32_t c = 0; c < in->ncomponents; c++) {
		const struct assess_component *comp = &in->components[c];
		sum += comp->weight;
		if (comp->kind != ASSESS_COMP_RATINGS)
			continue;
		double g = 0;
		for (uint32_t k = 0; k < comp->ngroups; k++)
			g += comp->groups[k].weight;
		if (comp->ngroups == 0 || fabs(g - 100) > ASSESS_EPS)
			return err_set_at(e, ERR_INVALID, "invalid_cycle",
					  comp->id, "component '%s': group "
					  "weights sum to %g, not 100",
					  comp->id, g);
		if (comp->nscale > 32 || !in->ratings)
			return err_set_at(e, ERR_INVALID, "invalid_cycle",
					  comp->id, "component '%s': at most "
					  "32 scale levels", comp->id);
		if (comp->has_red_line && comp->red_cap >= in->ngrades)
			return err_set_at(e, ERR_INVALID, "invalid_cycle",
					  comp->id, "component '%s': red line "
					  "cap is not a grade", comp->id);
	}
	if (in->ncomponents == 0 || fabs(sum - 100) > ASSESS_EPS)
		return err_set_at(e, ERR_INVALID, "invalid_cycle", "components",
				  "component weights sum to %g, not 100", sum);
	return 0;
}

static int assess_validate_grades(const struct assess_input *in,
				  struct err *e)
{
	if (in->ngrades == 0)
		return err_set_at(e, ERR_INVALID, "invalid_cycle", "grades",
				  "the cycle has no grades");
	const struct assess_grade *last = &in->grades[in->ngrades - 1];
	if (last->has_min || last->has_quota)
		return err_set_at(e, ERR_INVALID, "invalid_cycle", last->id,
				  "the last grade '%s' may have neither a min "
				  "nor a quota", last->id);
	for (uint32_t k = 0; k < in->nroutine_caps; k++)
		if (in->routine_caps[k].cap >= in->ngrades)
			return err_set(e, ERR_INVALID, "invalid_cycle",
				       "a routine cap names no grade");
	for (uint32_t k = 0; k < in->nroutine_requires; k++)
		if (in->routine_requires[k].grade + 1 >= in->ngrades)
			return err_set(e, ERR_INVALID, "invalid_cycle",
				       "a routine requirement must name a grade "
				       "better than the last");
	if (in->bonus.mode != ASSESS_BONUS_NONE && !in->bonus.coefficients)
		return err_set(e, ERR_INVALID, "invalid_cycle",
			       "the bonus rule has no coefficients");
	return 0;
}

static int assess_validate_subjects(const struct assess_input *in,
				    struct err *e)
{
	for (uint32_t s = 0; s < in->nsubjects; s++) {
		const struct assess_subject *sub = &in->subjects[s];
		if (sub->scheme >= in->nschemes || sub->category >= in->ncategories ||
		    sub->unit >= in->nunits || sub->pool >= in->npools)
			return err_set_at(e, ERR_INVALID, "invalid_subject",
					  sub->id, "subject '%s' refers to an "
					  "unknown scheme, category, unit or pool",
					  sub->id);
		const struct assess_scheme *sc = &in->schemes[sub->scheme];
		if (in->value_offset[s + 1] - in->value_offset[s] !=
		    (uint64_t)sc->nleaves + sc->nadjustments)
			return err_set_at(e, ERR_INVALID, "invalid_subject",
					  sub->id, "subject '%s': value slots do "
					  "not match its scheme", sub->id);
	}
	for (uint32_t k = 0; k < in->ncaps; k++)
		if (in->caps[k].subject >= in->nsubjects ||
		    in->caps[k].grade >= in->ngrades)
			return err_set(e, ERR_INVALID, "invalid_cap",
				       "a cap names an unknown subject or grade");
	return 0;
}

int assess_validate(const struct assess_input *in, struct err *e)
{
	if (assess_validate_components(in, e) != 0 ||
	    assess_validate_grades(in, e) != 0 ||
	    assess_validate_subjects(in, e) != 0)
		return -1;
	return 0;
}
