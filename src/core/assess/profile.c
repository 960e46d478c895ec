/* profile: a subject's first-level indicators against its category, for
 * the radar chart of a result page. */
#include "assess.h"

#include <string.h>

/* The top-level node of leaf l of scheme sc. */
static uint32_t profile_top(const struct assess_scheme *sc, uint32_t l)
{
	uint32_t n = sc->leaves[l].node;
	while (sc->nodes[n].parent != ASSESS_NONE)
		n = sc->nodes[n].parent;
	return n;
}

/* The share (percent) of its most each top-level node of subject s's
 * scheme earned, into rate[node] (nodes that are not top-level: 0). */
static void profile_rates(const struct assess_input *in,
			  const struct assess_result *r, uint32_t s,
			  double *points, double *max, double *rate)
{
	const struct assess_scheme *sc = &in->schemes[in->subjects[s].scheme];
	struct arena arena = ARENA_INIT;
	struct assess_trace t;
	assess_explain(in, r, s, &arena, &t);
	for (uint32_t n = 0; n < sc->nnodes; n++)
		points[n] = max[n] = rate[n] = 0;
	for (uint32_t l = 0; l < sc->nleaves; l++) {
		uint32_t top = profile_top(sc, l);
		points[top] += t.leaves[l].points;
		max[top] += sc->leaves[l].points;
	}
	for (uint32_t n = 0; n < sc->nnodes; n++)
		rate[n] = max[n] > 0 ? 100 * points[n] / max[n] : 0;
	arena_free(&arena);
}

static uint32_t profile_max_nodes(const struct assess_input *in)
{
	uint32_t m = 1;
	for (uint32_t k = 0; k < in->nschemes; k++)
		if (in->schemes[k].nnodes > m)
			m = in->schemes[k].nnodes;
	return m;
}

uint32_t assess_profile(const struct assess_input *in,
			const struct assess_result *r, uint32_t subject,
			struct arena *arena, struct assess_profile_item **out)
{
	const struct assess_scheme *sc =
		&in->schemes[in->subjects[subject].scheme];
	uint32_t m = profile_max_nodes(in), n = 0;
	double *points = arena_zalloc(arena, m * sizeof *points);
	double *max = arena_zalloc(arena, m * sizeof *max);
	double *rate = arena_zalloc(arena, m * sizeof *rate);
	double *tp = arena_zalloc(arena, m * sizeof *tp);
	double *tm = arena_zalloc(arena, m * sizeof *tm);
	double *tr = arena_zalloc(arena, m * sizeof *tr);
	struct assess_profile_item *items =
		arena_zalloc(arena, (sc->nnodes + 1) * sizeof *items);
	uint32_t *slot = arena_zalloc(arena, m * sizeof *slot);
	profile_rates(in, r, subject, points, max, rate);
	for (uint32_t k = 0; k < sc->nnodes; k++) {
		slot[k] = ASSESS_NONE;
		if (sc->nodes[k].parent != ASSESS_NONE)
			continue;
		slot[k] = n;
		items[n++] = (struct assess_profile_item){
			.id = sc->nodes[k].id, .name = sc->nodes[k].name,
			.points = points[k], .max = max[k], .rate = rate[k] };
	}
	/* The category: each subject's rate under the same node id. */
	uint32_t cat = in->subjects[subject].category;
	for (uint32_t t = 0; t < in->nsubjects; t++) {
		if (in->subjects[t].category != cat)
			continue;
		const struct assess_scheme *ts =
			&in->schemes[in->subjects[t].scheme];
		profile_rates(in, r, t, tp, tm, tr);
		for (uint32_t k = 0; k < ts->nnodes; k++) {
			if (ts->nodes[k].parent != ASSESS_NONE)
				continue;
			for (uint32_t i = 0; i < n; i++)
				if (!strcmp(items[i].id, ts->nodes[k].id)) {
					items[i].mean_rate += tr[k];
					items[i].of++;
					break;
				}
		}
	}
	for (uint32_t i = 0; i < n; i++)
		if (items[i].of)
			items[i].mean_rate /= items[i].of;
	*out = items;
	return n;
}
