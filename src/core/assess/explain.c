/* explain: every number of one subject, recomputed with the same
 * functions as the bulk computation and completed from its result, for
 * the trace (section 9) and `kaohe assess explain`. */
#include <math.h>
#include <string.h>

#include "core/assess/assess_int.h"

static void assess_explain_components(const struct assess_input *in,
				      const struct assess_result *r,
				      uint32_t s, struct arena *arena,
				      struct assess_trace *out)
{
	const struct assess_scheme *sc = assess_scheme_of(in, s);
	out->leaves = arena_zalloc(arena, (sc->nleaves + 1) * sizeof *out->leaves);
	out->adjustments = arena_zalloc(arena, (sc->nadjustments + 1) *
						       sizeof *out->adjustments);
	out->components = arena_zalloc(arena, (in->ncomponents + 1) *
						      sizeof *out->components);
	for (uint32_t c = 0; c < in->ncomponents; c++) {
		struct assess_component_trace *ct = &out->components[c];
		const struct assess_component *comp = &in->components[c];
		bool missing = false, red = false;
		if (comp->kind == ASSESS_COMP_SCHEME) {
			ct->raw = assess_performance(in, r, s, out, &missing);
			missing = false;
		} else if (comp->kind == ASSESS_COMP_RATINGS) {
			ct->groups = arena_zalloc(arena, (comp->ngroups + 1) *
							      sizeof *ct->groups);
			ct->raw = assess_ratings_score(in, c, s, ct, &red,
						       &missing);
		} else {
			ct->raw = assess_routine_score(in, c, s, ct, &missing);
		}
		ct->missing = missing;
		ct->score = r->scores[(size_t)s * in->ncomponents + c];
	}
}

void assess_explain(const struct assess_input *in,
		    const struct assess_result *r, uint32_t s,
		    struct arena *arena, struct assess_trace *out)
{
	memset(out, 0, sizeof *out);
	out->subject = s;
	assess_explain_components(in, r, s, arena, out);
	out->total = r->totals[s];
	out->rank = r->rank[s];
	out->pool_rank = r->pool_rank[s];
	out->grade = r->grade[s];
	out->cap = r->cap[s];
	out->cap_sources = r->cap_sources[s];
	out->cap_rows = r->cap_rows + r->cap_start[s];
	out->ncap_rows = r->cap_start[s + 1] - r->cap_start[s];
	out->passed_over = r->passed_over + (size_t)s * in->ngrades;
	out->quota_places = arena_zalloc(arena, in->ngrades * sizeof(uint32_t));
	out->quota_pool_size = arena_zalloc(arena, in->ngrades * sizeof(uint32_t));
	for (uint32_t g = 0; g < in->ngrades; g++)
		out->quota_places[g] = assess_quota_places(
			in, r, g, s, &out->quota_pool_size[g]);
	out->bonus = r->bonus[s];
	out->coefficient = in->bonus.mode == ASSESS_BONUS_NONE
				   ? -1 : in->bonus.coefficients[out->grade];
	out->warnings = r->warnings[s];
}
