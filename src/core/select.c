/* select: eligibility, ranking through the engine, the shortlist. */
#include "select.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "core/assess/assess.h"
#include "core/day.h"

static const struct { const char *id, *zh; } select_edus[SELECT_EDU_COUNT] = {
	{ "doctor", "博士研究生" },
	{ "master", "硕士研究生" },
	{ "bachelor", "大学本科" },
	{ "college", "大学专科" },
	{ "other", "其他" },
};

const char *select_edu_name(enum select_edu l)
{
	return (unsigned)l < SELECT_EDU_COUNT ? select_edus[l].id : NULL;
}

const char *select_edu_name_zh(enum select_edu l)
{
	return (unsigned)l < SELECT_EDU_COUNT ? select_edus[l].zh : NULL;
}

int select_edu_parse(const char *s, enum select_edu *out)
{
	for (int i = 0; s && i < SELECT_EDU_COUNT; i++)
		if (!strcmp(s, select_edus[i].id) ||
		    !strcmp(s, select_edus[i].zh)) {
			*out = (enum select_edu)i;
			return 0;
		}
	return -1;
}

enum select_edu select_edu_of(const char *code)
{
	/* GB/T 4658: 1x postgraduate, 2x undergraduate, 3x college; within a
	 * group 毕业 (graduated) holds the degree, 结业 and 肄业 do not. */
	static const struct { const char *code; enum select_edu l; } map[] = {
		{ "11", SELECT_EDU_DOCTOR },   { "10", SELECT_EDU_MASTER },
		{ "14", SELECT_EDU_MASTER },   { "12", SELECT_EDU_BACHELOR },
		{ "13", SELECT_EDU_BACHELOR }, { "15", SELECT_EDU_BACHELOR },
		{ "16", SELECT_EDU_BACHELOR }, { "17", SELECT_EDU_BACHELOR },
		{ "18", SELECT_EDU_BACHELOR }, { "19", SELECT_EDU_BACHELOR },
		{ "20", SELECT_EDU_BACHELOR }, { "21", SELECT_EDU_BACHELOR },
		{ "28", SELECT_EDU_BACHELOR }, { "30", SELECT_EDU_COLLEGE },
		{ "31", SELECT_EDU_COLLEGE },
	};
	for (size_t i = 0; code && i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(code, map[i].code))
			return map[i].l;
	return SELECT_EDU_OTHER;
}

static const char *const select_reasons[SELECT_REASON_COUNT] = {
	"too_young", "too_old", "no_rank", "rank_too_low", "rank_too_high",
	"years_too_short", "education", "school_tier", "staff_type",
};

const char *select_reason_name(enum select_reason r)
{
	return (unsigned)r < SELECT_REASON_COUNT ? select_reasons[r] : NULL;
}

void select_rules_none(struct select_rules *r)
{
	*r = (struct select_rules){ .age_min = -1, .age_max = -1,
				    .rank_lowest = STAFFING_RANK_NONE,
				    .rank_highest = STAFFING_RANK_NONE,
				    .education = SELECT_EDU_OTHER };
}

int select_rules_check(const struct select_rules *r, struct err *e)
{
	if (r->age_min != -1 && (r->age_min < 16 || r->age_min > SELECT_YEARS_MAX))
		return err_set_at(e, ERR_INVALID, "invalid_rule", "age_min",
				  "a lowest age is between 16 and %d",
				  SELECT_YEARS_MAX);
	if (r->age_max != -1 && (r->age_max < 16 || r->age_max > SELECT_YEARS_MAX))
		return err_set_at(e, ERR_INVALID, "invalid_rule", "age_max",
				  "a highest age is between 16 and %d",
				  SELECT_YEARS_MAX);
	if (r->age_min != -1 && r->age_max != -1 && r->age_min > r->age_max)
		return err_set_at(e, ERR_INVALID, "invalid_rule", "age_max",
				  "the highest age is below the lowest");
	if (r->years_min < 0 || r->years_min > SELECT_YEARS_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_rule", "years_min",
				  "years at the rank are between 0 and %d",
				  SELECT_YEARS_MAX);
	/* Ranks run highest first: the highest allowed has the smaller
	 * number. */
	if (r->rank_lowest != STAFFING_RANK_NONE &&
	    r->rank_highest != STAFFING_RANK_NONE &&
	    r->rank_highest > r->rank_lowest)
		return err_set_at(e, ERR_INVALID, "invalid_rule",
				  "rank_highest", "the highest rank allowed is "
				  "below the lowest");
	if (r->staff_types >> ORG_STAFF_TYPE_COUNT)
		return err_set_at(e, ERR_INVALID, "invalid_rule",
				  "staff_types", "an unknown staff type");
	return 0;
}

static bool select_tier_met(enum select_tier want, const char *have)
{
	if (want == SELECT_TIER_ANY)
		return true;
	if (!have)
		return false;
	if (!strcmp(have, "985"))
		return true;
	return want == SELECT_TIER_211 && !strcmp(have, "211");
}

unsigned select_check(const struct select_rules *r,
		      const struct select_applicant *a, int day,
		      struct select_facts *facts)
{
	unsigned bits = 0;
	facts->age = day_years(a->birth, day);
	facts->years = a->rank != STAFFING_RANK_NONE && a->rank_since
			       ? day_years(a->rank_since, day)
			       : -1;
	if (facts->years < -1)
		facts->years = 0; /* a rank from after the day: not a year */
	facts->education = select_edu_of(a->education);
	if (r->age_min != -1 && facts->age < r->age_min)
		bits |= 1u << SELECT_TOO_YOUNG;
	if (r->age_max != -1 && facts->age > r->age_max)
		bits |= 1u << SELECT_TOO_OLD;
	bool rank_rule = r->rank_lowest != STAFFING_RANK_NONE ||
			 r->rank_highest != STAFFING_RANK_NONE;
	if (rank_rule && a->rank == STAFFING_RANK_NONE)
		bits |= 1u << SELECT_NO_RANK;
	else if (r->rank_lowest != STAFFING_RANK_NONE &&
		 a->rank > r->rank_lowest)
		bits |= 1u << SELECT_RANK_LOW;
	else if (r->rank_highest != STAFFING_RANK_NONE &&
		 a->rank < r->rank_highest)
		bits |= 1u << SELECT_RANK_HIGH;
	/* Years at the rank need a rank and its date; none known fails. */
	if (r->years_min > 0 && facts->years < r->years_min)
		bits |= 1u << SELECT_YEARS_SHORT;
	if (r->education != SELECT_EDU_OTHER && facts->education > r->education)
		bits |= 1u << SELECT_EDUCATION;
	if (!select_tier_met(r->tier, a->school_tier))
		bits |= 1u << SELECT_SCHOOL_TIER;
	if (r->staff_types &&
	    (!a->has_staff_type || !(r->staff_types >> a->staff_type & 1u)))
		bits |= 1u << SELECT_STAFF_TYPE;
	return bits;
}

/* --- ranking through the engine ------------------------------------------ */

/* The engine's input for the entries: components written (and
 * interview), numeric ratings from one group "panel", one grade, one
 * empty scheme, a category and pool per post. Everything lives in a
 * (malloc'd blocks freed by select_input_free). */
struct select_input {
	struct assess_input in;
	struct assess_component comps[2];
	struct assess_group group;
	struct assess_grade grade;
	struct assess_scheme scheme;
	struct assess_ratings ratings[2];
	const char *unit;
	int8_t unit_grade;
	char *names;               /* "p0\0p1\0..." */
	const char **posts;
	struct assess_subject *subjects;
	uint64_t *value_offset, *offsets[2];
	double *values[2];
	uint32_t *abstains[2], *routine;
	int64_t *pool_amounts;
};

static void select_input_free(struct select_input *x)
{
	free(x->names);
	free(x->posts);
	free(x->subjects);
	free(x->value_offset);
	for (int c = 0; c < 2; c++) {
		free(x->offsets[c]);
		free(x->values[c]);
		free(x->abstains[c]);
	}
	free(x->routine);
	free(x->pool_amounts);
}

static void select_input_build(struct select_input *x,
			       const struct select_entry *v, uint32_t n,
			       uint32_t nposts, double written_weight)
{
	uint32_t ncomp = written_weight < 100 ? 2 : 1;
	memset(x, 0, sizeof *x);
	x->group = (struct assess_group){ "panel", 100 };
	x->comps[0] = (struct assess_component){
		.id = "written", .name = "笔试", .weight = written_weight,
		.kind = ASSESS_COMP_RATINGS, .groups = &x->group, .ngroups = 1 };
	x->comps[1] = x->comps[0];
	x->comps[1].id = "interview";
	x->comps[1].name = "面试";
	x->comps[1].weight = 100 - written_weight;
	x->grade = (struct assess_grade){ .id = "ranked", .name = "排名" };
	x->scheme = (struct assess_scheme){ .id = "none", .name = "none" };
	x->unit = "all";
	x->unit_grade = -1;
	/* "p" and up to 10 digits a post */
	x->names = xmalloc((size_t)nposts * 12 + 1);
	x->posts = xmalloc(((size_t)nposts + 1) * sizeof *x->posts);
	x->pool_amounts = xmalloc(((size_t)nposts + 1) * sizeof *x->pool_amounts);
	char *p = x->names;
	for (uint32_t i = 0; i < nposts; i++) {
		char digits[12];
		size_t nd = 0;
		uint32_t k = i;
		do
			digits[nd++] = (char)('0' + k % 10);
		while ((k /= 10) != 0);
		x->posts[i] = p;
		*p++ = 'p';
		while (nd)
			*p++ = digits[--nd];
		*p++ = '\0';
		x->pool_amounts[i] = -1;
	}
	x->subjects = xmalloc(((size_t)n + 1) * sizeof *x->subjects);
	x->value_offset = xcalloc((size_t)n + 1, sizeof *x->value_offset);
	x->routine = xcalloc((size_t)n * ASSESS_ROUTINE_LEVELS + 1,
			     sizeof *x->routine);
	for (uint32_t c = 0; c < ncomp; c++) {
		x->offsets[c] = xcalloc((size_t)n + 1, sizeof *x->offsets[c]);
		x->values[c] = xmalloc(((size_t)n + 1) * sizeof *x->values[c]);
		x->abstains[c] = xcalloc((size_t)n + 1, sizeof *x->abstains[c]);
	}
	uint64_t k[2] = { 0, 0 };
	for (uint32_t s = 0; s < n; s++) {
		x->subjects[s] = (struct assess_subject){
			.id = v[s].id, .name = v[s].id, .category = v[s].post,
			.unit = 0, .pool = v[s].post, .scheme = 0 };
		x->values[0][k[0]++] = v[s].written;
		x->offsets[0][s + 1] = k[0];
		if (ncomp == 2) {
			if (v[s].has_interview)
				x->values[1][k[1]++] = v[s].interview;
			x->offsets[1][s + 1] = k[1];
		}
	}
	for (uint32_t c = 0; c < ncomp; c++)
		x->ratings[c] = (struct assess_ratings){
			.offsets = x->offsets[c], .values = x->values[c],
			.abstains = x->abstains[c] };
	x->in = (struct assess_input){
		.components = x->comps, .ncomponents = ncomp,
		.grades = &x->grade, .ngrades = 1,
		.schemes = &x->scheme, .nschemes = 1,
		.subjects = x->subjects, .nsubjects = n,
		.categories = x->posts, .ncategories = nposts,
		.units = &x->unit, .nunits = 1,
		.pools = x->posts, .npools = nposts,
		.value_offset = x->value_offset, .ratings = x->ratings,
		.routine = x->routine, .unit_grades = &x->unit_grade,
		.pool_amounts = x->pool_amounts };
}

static int select_entries_check(const struct select_entry *v, uint32_t n,
				uint32_t nposts, double written_weight,
				struct err *e)
{
	if (n > SELECT_ENTRIES_MAX || nposts == 0 ||
	    nposts > SELECT_ENTRIES_MAX)
		return err_set(e, ERR_INVALID, "invalid_selection",
			       "at most %u applications and posts",
			       SELECT_ENTRIES_MAX);
	if (!(written_weight > 0 && written_weight <= 100))
		return err_set_at(e, ERR_INVALID, "invalid_weight",
				  "written_weight", "the written exam weighs "
				  "more than 0 and at most 100 percent");
	for (uint32_t s = 0; s < n; s++) {
		const struct select_entry *x = &v[s];
		if (x->post >= nposts || !x->id)
			return err_set(e, ERR_INVALID, "invalid_selection",
				       "an application without an id or post");
		if (!(x->written >= 0 && x->written <= 100))
			return err_set_at(e, ERR_INVALID, "invalid_score",
					  x->id, "a written score is between 0 "
					  "and 100");
		if (x->has_interview &&
		    !(x->interview >= 0 && x->interview <= 100))
			return err_set_at(e, ERR_INVALID, "invalid_score",
					  x->id, "an interview score is between "
					  "0 and 100");
	}
	return 0;
}

int select_rank(const struct select_entry *entries, uint32_t n,
		uint32_t nposts, double written_weight,
		struct select_standing *out, struct err *e)
{
	struct select_input x;
	struct assess_result *r = NULL;
	if (n == 0)
		return 0;
	if (select_entries_check(entries, n, nposts, written_weight, e) != 0)
		return -1;
	select_input_build(&x, entries, n, nposts, written_weight);
	int rc = assess_compute(&x.in, 1, &r, e);
	if (rc == 0) {
		uint32_t nc = r->ncomponents;
		uint32_t *seen = xcalloc(nposts, sizeof *seen);
		for (uint32_t i = 0; i < n; i++) {
			uint32_t s = r->order[i];
			struct select_standing *o = &out[s];
			o->written = r->scores[(size_t)s * nc];
			o->interview = nc > 1 ? r->scores[(size_t)s * nc + 1] : 0;
			o->total = r->totals[s];
			o->rank = r->pool_rank[s];
			o->place = ++seen[entries[s].post];
			o->missing_interview =
				nc > 1 && !entries[s].has_interview;
		}
		free(seen);
		assess_result_free(r);
	}
	select_input_free(&x);
	return rc;
}

bool select_shortlisted(const struct select_standing *s, uint32_t places,
			uint32_t ratio, double cut_total)
{
	uint64_t cut = (uint64_t)places * ratio;
	if (s->place <= cut || isnan(cut_total))
		return true;
	return s->total == cut_total;
}
