/* grades: the ranking order and ranks (ASSESSMENT.md section 6), caps,
 * quotas and grade assignment (section 7). */
#include <stdlib.h>
#include <string.h>

#include "core/assess/assess_int.h"

struct assess_order_ctx {
	const struct assess_input *in;
	const struct assess_result *r;
};

static int assess_order_cmp(const void *pa, const void *pb, void *vctx)
{
	const struct assess_order_ctx *c = vctx;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const struct assess_result *r = c->r;
	if (r->totals[a] != r->totals[b])
		return r->totals[a] > r->totals[b] ? -1 : 1;
	const double *sa = r->scores + (size_t)a * r->ncomponents;
	const double *sb = r->scores + (size_t)b * r->ncomponents;
	for (uint32_t k = 0; k < r->ncomponents; k++)
		if (sa[k] != sb[k])
			return sa[k] > sb[k] ? -1 : 1;
	return strcmp(c->in->subjects[a].id, c->in->subjects[b].id);
}

/* By total first (a radix sort: totals descending), then each run of
 * equal totals by the full comparison. */
void assess_order(const struct assess_input *in, struct assess_result *r)
{
	struct assess_order_ctx ctx = { in, r };
	uint32_t n = in->nsubjects;
	struct standing_pair *p = malloc((n ? n : 1) * sizeof *p);
	if (!p)
		abort();
	for (uint32_t s = 0; s < n; s++)
		p[s] = (struct standing_pair){ ~assess_sort_key(r->totals[s]), s };
	assess_sort_pairs(p, n);
	for (uint32_t i = 0; i < n; i++)
		r->order[i] = (uint32_t)p[i].slot;
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i + 1;
		while (j < n && p[j].key == p[i].key)
			j++;
		if (j - i > 1)
			qsort_r(r->order + i, j - i, sizeof *r->order,
				assess_order_cmp, &ctx);
		i = j;
	}
	free(p);
}

/* Competition ranks (1, 2, 2, 4) by total, overall and per pool. */
void assess_ranks(const struct assess_input *in, struct assess_result *r)
{
	uint32_t *seen = calloc(in->npools ? in->npools : 1, sizeof *seen);
	uint32_t *last_rank = calloc(in->npools ? in->npools : 1,
				     sizeof *last_rank);
	double *last_total = calloc(in->npools ? in->npools : 1,
				    sizeof *last_total);
	if (!seen || !last_rank || !last_total)
		abort();
	for (uint32_t i = 0; i < in->nsubjects; i++) {
		uint32_t s = r->order[i], p = in->subjects[s].pool;
		uint32_t prev = i ? r->order[i - 1] : s;
		r->rank[s] = i && r->totals[prev] == r->totals[s]
				     ? r->rank[prev] : i + 1;
		seen[p]++;
		if (seen[p] == 1 || last_total[p] != r->totals[s])
			last_rank[p] = seen[p];
		last_total[p] = r->totals[s];
		r->pool_rank[s] = last_rank[p];
	}
	free(seen);
	free(last_rank);
	free(last_total);
}

static void assess_cap_to(struct assess_result *r, uint32_t s, uint32_t g,
			  enum assess_cap_source src)
{
	if (r->cap[s] == ASSESS_NONE || g > r->cap[s])
		r->cap[s] = g;
	r->cap_sources[s] |= (uint8_t)src;
}

/* The worst of vetoes, red lines, routine caps and caps.csv rows.
 * red_triggered: per component, whether its red line triggered. */
void assess_caps(const struct assess_input *in, struct assess_result *r,
		 uint32_t s, const uint8_t *red_triggered)
{
	const struct assess_scheme *sc = assess_scheme_of(in, s);
	r->cap[s] = ASSESS_NONE;
	r->cap_sources[s] = 0;
	for (uint32_t j = 0; j < sc->nadjustments; j++) {
		const struct assess_adjustment *adj = &sc->adjustments[j];
		double a = in->values[assess_slot(in, s, sc->nleaves + j)];
		if (adj->kind == ASSESS_VETO && a == a && a != 0)
			assess_cap_to(r, s, adj->cap, ASSESS_CAP_VETO);
	}
	for (uint32_t c = 0; c < in->ncomponents; c++)
		if (red_triggered[c])
			assess_cap_to(r, s, in->components[c].red_cap,
				      ASSESS_CAP_RED_LINE);
	for (uint32_t k = 0; k < in->nroutine_caps; k++) {
		const struct assess_routine_cap *rc = &in->routine_caps[k];
		if (assess_routine_count(in, s, rc->at_or_below, true) >= rc->count)
			assess_cap_to(r, s, rc->cap, ASSESS_CAP_ROUTINE);
	}
	for (uint32_t k = r->cap_start[s]; k < r->cap_start[s + 1]; k++)
		assess_cap_to(r, s, in->caps[r->cap_rows[k]].grade,
			      ASSESS_CAP_LISTED);
}

uint32_t assess_routine_count(const struct assess_input *in, uint32_t s,
			      enum assess_routine level, bool at_or_below)
{
	if (!in->routine)
		return 0;
	const uint32_t *rt = in->routine + (size_t)s * ASSESS_ROUTINE_LEVELS;
	uint32_t n = 0;
	for (int lv = 0; lv < ASSESS_ROUTINE_LEVELS; lv++)
		if (at_or_below ? lv >= (int)level : lv <= (int)level)
			n += rt[lv];
	return n;
}

bool assess_requires_hold(const struct assess_input *in, uint32_t g,
			  uint32_t s)
{
	for (uint32_t k = 0; k < in->nroutine_requires; k++) {
		const struct assess_routine_require *q = &in->routine_requires[k];
		if (q->grade < g)
			continue; /* a row binds its grade and better ones */
		if (assess_routine_count(in, s, q->at_or_above, false) < q->count)
			return false;
	}
	return true;
}

uint32_t assess_quota_places(const struct assess_input *in,
			     const struct assess_result *r, uint32_t g,
			     uint32_t s, uint32_t *pool_size)
{
	const struct assess_grade *gr = &in->grades[g];
	if (!gr->has_quota)
		return ASSESS_NONE;
	const struct assess_subject *sub = &in->subjects[s];
	double share = gr->share;
	if (gr->by_unit_grade) {
		*pool_size = r->unit_size[sub->unit];
		int ug = in->unit_grades ? in->unit_grades[sub->unit] : -1;
		if (ug >= 0 && gr->has_unit_share[ug])
			share = gr->unit_share[ug];
	} else {
		*pool_size = r->pool_size[sub->pool];
	}
	return assess_places(share, *pool_size, gr->rounding);
}

/* Why grade g cannot go to subject s, or ASSESS_PASS_NONE when it can.
 * used: the places of g already given in s's quota pool. */
static enum assess_pass_reason assess_why_not(const struct assess_input *in,
					      const struct assess_result *r,
					      uint32_t g, uint32_t s,
					      uint32_t used)
{
	const struct assess_grade *gr = &in->grades[g];
	uint32_t size;
	if (r->cap[s] != ASSESS_NONE && g < r->cap[s])
		return ASSESS_PASS_CAPPED;
	if (gr->has_min && r->totals[s] < gr->min)
		return ASSESS_PASS_BELOW_MIN;
	if (!assess_requires_hold(in, g, s))
		return ASSESS_PASS_ROUTINE;
	uint32_t places = assess_quota_places(in, r, g, s, &size);
	if (places != ASSESS_NONE && used >= places)
		return ASSESS_PASS_QUOTA_FULL;
	return ASSESS_PASS_NONE;
}

/* Takes subjects in ranking order and gives each the best grade it may
 * have (section 7), counting quota places per pool (or per unit). */
void assess_assign(const struct assess_input *in, struct assess_result *r)
{
	uint32_t **used = calloc(in->ngrades, sizeof *used);
	if (!used)
		abort();
	for (uint32_t g = 0; g < in->ngrades; g++) {
		if (!in->grades[g].has_quota)
			continue;
		uint32_t n = in->grades[g].by_unit_grade ? in->nunits : in->npools;
		used[g] = calloc(n ? n : 1, sizeof *used[g]);
		if (!used[g])
			abort();
	}
	for (uint32_t i = 0; i < in->nsubjects; i++) {
		uint32_t s = r->order[i];
		uint8_t *why = r->passed_over + (size_t)s * in->ngrades;
		uint32_t g = 0;
		for (; g + 1 < in->ngrades; g++) {
			uint32_t *slot = NULL;
			if (used[g])
				slot = &used[g][in->grades[g].by_unit_grade
							? in->subjects[s].unit
							: in->subjects[s].pool];
			why[g] = (uint8_t)assess_why_not(in, r, g, s,
							 slot ? *slot : 0);
			if (why[g] == ASSESS_PASS_NONE) {
				if (slot)
					(*slot)++;
				break;
			}
		}
		r->grade[s] = g;
	}
	for (uint32_t g = 0; g < in->ngrades; g++)
		free(used[g]);
	free(used);
}
