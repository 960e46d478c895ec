/* cycle: reading cycle.json (see cycle.h). Grades come first, since
 * red lines, routine rules and bonus coefficients name them. */
#include "cycle.h"

#include <math.h>
#include <string.h>

#define CYCLE_SUM_EPSILON 1e-9
#define CYCLE_MIN_MAX 1e9 /* grade minimums */

const char *const cycle_routine_levels[ASSESS_ROUTINE_LEVELS + 1] = {
	"good", "fair", "average", "poor", NULL,
};

/* Component ids become columns of results.csv beside these. */
static const char *const cycle_result_columns[] = {
	"subject", "name", "category", "pool", "total", "rank", "pool_rank",
	"grade", "cap", "bonus", NULL,
};

int cycle_routine_level(const char *s, size_t len)
{
	for (int i = 0; i < ASSESS_ROUTINE_LEVELS; i++)
		if (strlen(cycle_routine_levels[i]) == len &&
		    memcmp(cycle_routine_levels[i], s, len) == 0)
			return i;
	return -1;
}

uint32_t cycle_grade(const struct assess_input *in, const char *id)
{
	for (uint32_t g = 0; g < in->ngrades; g++)
		if (strcmp(in->grades[g].id, id) == 0)
			return g;
	return ASSESS_NONE;
}

uint32_t cycle_veto_default(const struct assess_input *in)
{
	return cycle_grade(in, "competent");
}

/* A grade id member: *out its index. */
static int cycle_grade_ref(struct jread *j, const json_t *obj,
			   const struct jpath *at, const char *key,
			   bool required, const struct assess_input *in,
			   uint32_t *out)
{
	const char *id = NULL;
	int rc = jread_id(j, obj, at, key, required, &id);
	if (rc != 0)
		return rc;
	uint32_t g = cycle_grade(in, id);
	if (g == ASSESS_NONE) {
		struct jpath p;
		jpath_key(&p, at, key);
		return jread_error(j, &p, "unknown_grade", "unknown grade '%s'",
				   id);
	}
	*out = g;
	return 0;
}

/* An array member of at most max items (an error when longer). */
static int cycle_list(struct jread *j, const json_t *obj,
		      const struct jpath *at, const char *key, bool required,
		      size_t max, const json_t **out)
{
	int rc = jread_array(j, obj, at, key, required, out);
	if (rc != 0)
		return rc;
	if (json_array_size(*out) > max) {
		struct jpath p;
		jpath_key(&p, at, key);
		return jread_error(j, &p, "too_many", "more than %zu items",
				   max);
	}
	return 0;
}

static void cycle_check_sum(struct jread *j, const struct jpath *p,
			    const char *what, double sum)
{
	if (fabs(sum - 100.0) > CYCLE_SUM_EPSILON)
		jread_error(j, p, "bad_weights",
			    "the weights of the %s sum to %.10g, not 100",
			    what, sum);
}

/* --- grades ------------------------------------------------------------- */

static void cycle_unit_shares(struct jread *j, const json_t *quota,
			      const struct jpath *at, struct assess_grade *g)
{
	const json_t *map = NULL;
	struct jpath p;
	if (jread_object(j, quota, at, "share_by_unit_grade", false, &map) != 0)
		return;
	jpath_key(&p, at, "share_by_unit_grade");
	g->by_unit_grade = true;
	jread_only(j, map, &p, cycle_routine_levels);
	for (int l = 0; l < ASSESS_ROUTINE_LEVELS; l++)
		if (jread_number(j, map, &p, cycle_routine_levels[l], false, 0,
				 1, &g->unit_share[l]) == 0)
			g->has_unit_share[l] = true;
}

static void cycle_quota(struct jread *j, const json_t *grade,
			const struct jpath *at, struct assess_grade *g)
{
	static const char *const keys[] = {
		"share", "rounding", "share_by_unit_grade", NULL,
	};
	static const char *const roundings[] = { "floor", "round", "ceil",
						 NULL };
	const json_t *quota = NULL;
	struct jpath p;
	int r = ASSESS_FLOOR;
	if (jread_object(j, grade, at, "quota", false, &quota) != 0)
		return;
	jpath_key(&p, at, "quota");
	g->has_quota = true;
	jread_only(j, quota, &p, keys);
	jread_number(j, quota, &p, "share", true, 0, 1, &g->share);
	jread_choice(j, quota, &p, "rounding", false, roundings, &r);
	g->rounding = (enum assess_rounding)r;
	cycle_unit_shares(j, quota, &p, g);
}

static void cycle_grade_one(struct jread *j, const json_t *v,
			    const struct jpath *p, struct assess_input *in,
			    uint32_t k)
{
	static const char *const keys[] = { "id", "name", "min", "quota",
					    NULL };
	struct assess_grade *g = &in->grades[k];
	if (!jread_is_object(j, v, p))
		return;
	jread_only(j, v, p, keys);
	if (jread_id(j, v, p, "id", true, &g->id) == 0 &&
	    cycle_grade(in, g->id) < k)
		jread_error(j, p, "duplicate_id", "grade '%s' appears twice",
			    g->id);
	jread_string(j, v, p, "name", false, JREAD_TEXT_MAX, &g->name);
	if (jread_number(j, v, p, "min", false, -CYCLE_MIN_MAX, CYCLE_MIN_MAX,
			 &g->min) == 0)
		g->has_min = true;
	cycle_quota(j, v, p, g);
	if (!g->name)
		g->name = g->id;
}

/* min must not increase down the list; the last grade takes everyone. */
static void cycle_grades_order(struct jread *j, const struct jpath *at,
			       const struct assess_input *in)
{
	struct jpath p, q;
	for (uint32_t k = 1; k < in->ngrades; k++) {
		const struct assess_grade *g = &in->grades[k],
					  *prev = &in->grades[k - 1];
		if (!g->has_min || (prev->has_min && prev->min >= g->min))
			continue;
		jpath_index(&p, at, k);
		jpath_key(&q, &p, "min");
		jread_error(j, &q, "bad_grades",
			    "'%s' needs %g points, more than the better grade "
			    "'%s' (%s)", g->id, g->min, prev->id,
			    prev->has_min ? "a lower min" : "no min");
	}
	const struct assess_grade *last = &in->grades[in->ngrades - 1];
	jpath_index(&p, at, in->ngrades - 1);
	if (last->has_min) {
		jpath_key(&q, &p, "min");
		jread_error(j, &q, "bad_grades",
			    "the last grade cannot have a min: it takes "
			    "everyone left");
	}
	if (last->has_quota) {
		jpath_key(&q, &p, "quota");
		jread_error(j, &q, "bad_grades",
			    "the last grade cannot have a quota: it takes "
			    "everyone left");
	}
}

static int cycle_grades(struct jread *j, const json_t *doc,
			const struct jpath *root, struct assess_input *in)
{
	const json_t *list = NULL;
	struct jpath at, p;
	if (cycle_list(j, doc, root, "grades", true, CYCLE_MAX_GRADES,
		       &list) != 0)
		return -1;
	jpath_key(&at, root, "grades");
	if (json_array_size(list) == 0)
		return jread_error(j, &at, "bad_grades",
				   "a cycle needs at least one grade");
	in->ngrades = (uint32_t)json_array_size(list);
	in->grades = arena_zalloc(j->arena, in->ngrades * sizeof *in->grades);
	for (uint32_t k = 0; k < in->ngrades; k++)
		in->grades[k].id = "";
	for (uint32_t k = 0; k < in->ngrades; k++) {
		jpath_index(&p, &at, k);
		cycle_grade_one(j, json_array_get(list, k), &p, in, k);
	}
	cycle_grades_order(j, &at, in);
	return 0;
}

/* --- components --------------------------------------------------------- */

static void cycle_scale(struct jread *j, const json_t *scale,
			const struct jpath *p, struct arena *a,
			struct assess_component *c)
{
	const char *key;
	json_t *v;
	size_t n = json_object_size(scale);
	if (n == 0 || n > CYCLE_MAX_SCALE) {
		jread_error(j, p, "bad_scale", "a scale has 1 to %d levels",
			    CYCLE_MAX_SCALE);
		return;
	}
	c->scale = arena_zalloc(a, n * sizeof *c->scale);
	json_object_foreach((json_t *)scale, key, v) {
		struct assess_level *l = &c->scale[c->nscale++];
		struct jpath q;
		jpath_key(&q, p, key);
		l->id = arena_strdup(a, key);
		if (!*key || strlen(key) > JREAD_ID_MAX ||
		    strcmp(key, "abstain") == 0)
			jread_error(j, &q, "bad_scale",
				    "a level needs an id of 1 to %d bytes, "
				    "other than 'abstain'", JREAD_ID_MAX);
		jread_number(j, scale, p, key, true, 0, 100, &l->points);
	}
}

static uint32_t cycle_level(const struct assess_component *c, const char *id)
{
	for (uint32_t l = 0; l < c->nscale; l++)
		if (strcmp(c->scale[l].id, id) == 0)
			return l;
	return ASSESS_NONE;
}

static void cycle_groups(struct jread *j, const json_t *v,
			 const struct jpath *at, struct arena *a,
			 struct assess_component *c)
{
	static const char *const keys[] = { "id", "weight", NULL };
	const json_t *list = NULL;
	struct jpath p, q;
	if (cycle_list(j, v, at, "groups", true, CYCLE_MAX_GROUPS, &list) != 0)
		return;
	jpath_key(&p, at, "groups");
	if (json_array_size(list) == 0) {
		jread_error(j, &p, "bad_groups", "a ratings component needs "
			    "at least one group");
		return;
	}
	c->ngroups = (uint32_t)json_array_size(list);
	c->groups = arena_zalloc(a, c->ngroups * sizeof *c->groups);
	bool sum_ok = true;
	double sum = 0;
	for (uint32_t k = 0; k < c->ngroups; k++) {
		const json_t *g = json_array_get(list, k);
		struct assess_group *out = &c->groups[k];
		out->id = "";
		jpath_index(&q, &p, k);
		if (!jread_is_object(j, g, &q)) {
			sum_ok = false;
			continue;
		}
		jread_only(j, g, &q, keys);
		jread_id(j, g, &q, "id", true, &out->id);
		for (uint32_t i = 0; i < k && *out->id; i++)
			if (strcmp(c->groups[i].id, out->id) == 0)
				jread_error(j, &q, "duplicate_id",
					    "group '%s' appears twice",
					    out->id);
		sum_ok &= jread_number(j, g, &q, "weight", true, 0, 100,
				       &out->weight) == 0;
		sum += out->weight;
	}
	if (sum_ok)
		cycle_check_sum(j, &p, "groups", sum);
}

static void cycle_trim(struct jread *j, const json_t *v,
		       const struct jpath *at, struct assess_component *c)
{
	static const char *const keys[] = { "above", "drop", NULL };
	const json_t *trim = NULL;
	struct jpath p;
	int64_t above = 0, drop = 0;
	if (jread_object(j, v, at, "trim", false, &trim) != 0)
		return;
	jpath_key(&p, at, "trim");
	jread_only(j, trim, &p, keys);
	if (jread_int(j, trim, &p, "drop", true, 1, 1000000, &drop) != 0 ||
	    jread_int(j, trim, &p, "above", true, 2, 1000000000, &above) != 0)
		return;
	if (above < 2 * drop) {
		struct jpath q;
		jpath_key(&q, &p, "above");
		jread_error(j, &q, "bad_trim",
			    "above (%lld) must be at least 2 x drop (%lld)",
			    (long long)above, (long long)drop);
		return;
	}
	c->has_trim = true;
	c->trim_above = (uint32_t)above;
	c->trim_drop = (uint32_t)drop;
}

static void cycle_red_levels(struct jread *j, const json_t *red,
			     const struct jpath *at, struct assess_component *c)
{
	const json_t *levels = NULL;
	struct jpath p, q;
	if (jread_array(j, red, at, "levels", true, &levels) != 0)
		return;
	jpath_key(&p, at, "levels");
	if (json_array_size(levels) == 0)
		jread_error(j, &p, "bad_red_line", "levels cannot be empty");
	for (size_t k = 0; k < json_array_size(levels); k++) {
		const json_t *l = json_array_get(levels, k);
		uint32_t level = json_is_string(l)
			? cycle_level(c, json_string_value(l)) : ASSESS_NONE;
		jpath_index(&q, &p, k);
		if (level == ASSESS_NONE)
			jread_error(j, &q, "unknown_level",
				    "not a level of this component's scale");
		else
			c->red_levels |= UINT64_C(1) << level;
	}
}

static void cycle_red_fraction(struct jread *j, const json_t *red,
			       const struct jpath *at,
			       struct assess_component *c)
{
	const json_t *f = NULL;
	struct jpath p;
	if (jread_array(j, red, at, "more_than", true, &f) != 0)
		return;
	jpath_key(&p, at, "more_than");
	const json_t *num = json_array_get(f, 0), *den = json_array_get(f, 1);
	if (json_array_size(f) != 2 || !json_is_integer(num) ||
	    !json_is_integer(den) || json_integer_value(num) < 0 ||
	    json_integer_value(den) > 1000000 ||
	    json_integer_value(num) >= json_integer_value(den)) {
		jread_error(j, &p, "bad_red_line",
			    "more_than is [num, den], integers with "
			    "0 <= num < den <= 1000000");
		return;
	}
	c->red_num = (int64_t)json_integer_value(num);
	c->red_den = (int64_t)json_integer_value(den);
}

static void cycle_red_line(struct jread *j, const json_t *v,
			   const struct jpath *at, struct assess_input *in,
			   struct assess_component *c)
{
	static const char *const keys[] = { "levels", "more_than", "cap",
					    NULL };
	const json_t *red = NULL;
	struct jpath p;
	if (jread_object(j, v, at, "red_line", false, &red) != 0)
		return;
	jpath_key(&p, at, "red_line");
	jread_only(j, red, &p, keys);
	if (!c->scale) {
		jread_error(j, &p, "bad_red_line",
			    "a red line needs the component's scale");
		return;
	}
	c->has_red_line = true;
	cycle_red_levels(j, red, &p, c);
	cycle_red_fraction(j, red, &p, c);
	cycle_grade_ref(j, red, &p, "cap", true, in, &c->red_cap);
}

static void cycle_ratings(struct jread *j, const json_t *v,
			  const struct jpath *at, struct assess_input *in,
			  struct assess_component *c)
{
	static const char *const abstain[] = { "drop", "zero", NULL };
	const json_t *scale = NULL;
	int mode = 0;
	if (jread_object(j, v, at, "scale", false, &scale) == 0) {
		struct jpath p;
		jpath_key(&p, at, "scale");
		cycle_scale(j, scale, &p, j->arena, c);
	}
	jread_choice(j, v, at, "abstain", false, abstain, &mode);
	c->abstain_zero = mode == 1;
	cycle_groups(j, v, at, j->arena, c);
	cycle_trim(j, v, at, c);
	cycle_red_line(j, v, at, in, c);
}

static void cycle_routine_scale(struct jread *j, const json_t *v,
				const struct jpath *at,
				struct assess_component *c)
{
	const json_t *scale = NULL;
	struct jpath p;
	if (jread_object(j, v, at, "scale", true, &scale) != 0)
		return;
	jpath_key(&p, at, "scale");
	jread_only(j, scale, &p, cycle_routine_levels);
	for (int l = 0; l < ASSESS_ROUTINE_LEVELS; l++)
		jread_number(j, scale, &p, cycle_routine_levels[l], true, 0,
			     100, &c->routine_scale[l]);
}

static const char *const cycle_component_keys[][10] = {
	[ASSESS_COMP_SCHEME] = { "id", "name", "weight", "kind", NULL },
	[ASSESS_COMP_RATINGS] = { "id", "name", "weight", "kind", "scale",
				  "abstain", "groups", "trim", "red_line",
				  NULL },
	[ASSESS_COMP_ROUTINE] = { "id", "name", "weight", "kind", "scale",
				  NULL },
};

static void cycle_component_id(struct jread *j, const json_t *v,
			       const struct jpath *p,
			       const struct assess_input *in, uint32_t k)
{
	struct assess_component *c = &in->components[k];
	struct jpath q;
	if (jread_id(j, v, p, "id", true, &c->id) != 0)
		return;
	jpath_key(&q, p, "id");
	for (uint32_t i = 0; i < k; i++)
		if (strcmp(in->components[i].id, c->id) == 0)
			jread_error(j, &q, "duplicate_id",
				    "component '%s' appears twice", c->id);
	for (const char *const *r = cycle_result_columns; *r; r++)
		if (strcmp(*r, c->id) == 0)
			jread_error(j, &q, "bad_id",
				    "'%s' is a column of results.csv; choose "
				    "another component id", c->id);
}

/* Returns false when the weight could not be read. */
static bool cycle_component(struct jread *j, const json_t *v,
			    const struct jpath *p, struct assess_input *in,
			    uint32_t k)
{
	static const char *const kinds[] = { "scheme", "ratings", "routine",
					     NULL };
	struct assess_component *c = &in->components[k];
	int kind = 0;
	c->id = "";
	if (!jread_is_object(j, v, p))
		return false;
	/* With no good kind, only the common members are read. */
	bool kind_ok = jread_choice(j, v, p, "kind", true, kinds, &kind) == 0;
	c->kind = (enum assess_component_kind)kind;
	if (kind_ok)
		jread_only(j, v, p, cycle_component_keys[kind]);
	cycle_component_id(j, v, p, in, k);
	jread_string(j, v, p, "name", false, JREAD_TEXT_MAX, &c->name);
	if (!c->name)
		c->name = c->id;
	bool ok = jread_number(j, v, p, "weight", true, 0, 100,
			       &c->weight) == 0;
	if (!kind_ok)
		return ok;
	if (c->kind == ASSESS_COMP_RATINGS)
		cycle_ratings(j, v, p, in, c);
	else if (c->kind == ASSESS_COMP_ROUTINE)
		cycle_routine_scale(j, v, p, c);
	return ok;
}

static void cycle_components(struct jread *j, const json_t *doc,
			     const struct jpath *root, struct assess_input *in)
{
	const json_t *list = NULL;
	struct jpath at, p;
	if (cycle_list(j, doc, root, "components", true, CYCLE_MAX_COMPONENTS,
		       &list) != 0)
		return;
	jpath_key(&at, root, "components");
	in->ncomponents = (uint32_t)json_array_size(list);
	in->components = arena_zalloc(j->arena, (in->ncomponents + 1) *
						     sizeof *in->components);
	bool sum_ok = in->ncomponents > 0;
	double sum = 0;
	uint32_t schemes = 0;
	for (uint32_t k = 0; k < in->ncomponents; k++) {
		jpath_index(&p, &at, k);
		sum_ok &= cycle_component(j, json_array_get(list, k), &p, in,
					  k);
		sum += in->components[k].weight;
		if (in->components[k].kind == ASSESS_COMP_SCHEME &&
		    ++schemes == 2)
			jread_error(j, &p, "bad_components",
				    "at most one component may be of kind "
				    "scheme");
	}
	if (in->ncomponents == 0)
		jread_error(j, &at, "bad_components",
			    "a cycle needs at least one component");
	if (sum_ok)
		cycle_check_sum(j, &at, "components", sum);
}

/* --- routine rules and the bonus ------------------------------------- */

static int cycle_level_ref(struct jread *j, const json_t *obj,
			   const struct jpath *at, const char *key, int *out)
{
	return jread_choice(j, obj, at, key, true, cycle_routine_levels, out);
}

static void cycle_routine_cap(struct jread *j, const json_t *v,
			      const struct jpath *p, struct assess_input *in,
			      struct assess_routine_cap *out)
{
	static const char *const keys[] = { "at_or_below", "count", "cap",
					    NULL };
	int level = 0;
	int64_t count = 1;
	if (!jread_is_object(j, v, p))
		return;
	jread_only(j, v, p, keys);
	cycle_level_ref(j, v, p, "at_or_below", &level);
	jread_int(j, v, p, "count", true, 1, 1000000, &count);
	cycle_grade_ref(j, v, p, "cap", true, in, &out->cap);
	out->at_or_below = (enum assess_routine)level;
	out->count = (uint32_t)count;
}

static void cycle_routine_require(struct jread *j, const json_t *v,
				  const struct jpath *p,
				  struct assess_input *in,
				  struct assess_routine_require *out)
{
	static const char *const keys[] = { "grade", "at_or_above", "count",
					    NULL };
	int level = 0;
	int64_t count = 1;
	if (!jread_is_object(j, v, p))
		return;
	jread_only(j, v, p, keys);
	if (cycle_grade_ref(j, v, p, "grade", true, in, &out->grade) == 0 &&
	    out->grade + 1 == in->ngrades) {
		struct jpath q;
		jpath_key(&q, p, "grade");
		jread_error(j, &q, "bad_routine",
			    "the last grade cannot have a requirement: a "
			    "subject would be left with no grade");
	}
	cycle_level_ref(j, v, p, "at_or_above", &level);
	jread_int(j, v, p, "count", true, 1, 1000000, &count);
	out->at_or_above = (enum assess_routine)level;
	out->count = (uint32_t)count;
}

static void cycle_routine(struct jread *j, const json_t *doc,
			  const struct jpath *root, struct assess_input *in)
{
	static const char *const keys[] = { "caps", "requires", NULL };
	const json_t *r = NULL, *caps = NULL, *reqs = NULL;
	struct jpath at, p, q;
	if (jread_object(j, doc, root, "routine", false, &r) != 0)
		return;
	jpath_key(&at, root, "routine");
	jread_only(j, r, &at, keys);
	if (cycle_list(j, r, &at, "caps", false, CYCLE_MAX_RULES, &caps) == 0) {
		jpath_key(&p, &at, "caps");
		in->nroutine_caps = (uint32_t)json_array_size(caps);
		in->routine_caps = arena_zalloc(j->arena,
			(in->nroutine_caps + 1) * sizeof *in->routine_caps);
		for (uint32_t k = 0; k < in->nroutine_caps; k++) {
			jpath_index(&q, &p, k);
			cycle_routine_cap(j, json_array_get(caps, k), &q, in,
					  &in->routine_caps[k]);
		}
	}
	if (cycle_list(j, r, &at, "requires", false, CYCLE_MAX_RULES,
		       &reqs) == 0) {
		jpath_key(&p, &at, "requires");
		in->nroutine_requires = (uint32_t)json_array_size(reqs);
		in->routine_requires = arena_zalloc(j->arena,
			(in->nroutine_requires + 1) *
			sizeof *in->routine_requires);
		for (uint32_t k = 0; k < in->nroutine_requires; k++) {
			jpath_index(&q, &p, k);
			cycle_routine_require(j, json_array_get(reqs, k), &q,
					      in, &in->routine_requires[k]);
		}
	}
}

/* A coefficient with at most 4 decimals, as an exact x 10000 integer. */
static void cycle_coefficient(struct jread *j, const json_t *map,
			      const struct jpath *at, const char *grade,
			      int64_t *out)
{
	double x = 0;
	struct jpath p;
	if (jread_number(j, map, at, grade, true, 0, CYCLE_MAX_COEFFICIENT,
			 &x) != 0)
		return;
	double scaled = x * 10000.0, c = round(scaled);
	if (fabs(scaled - c) > 1e-6) {
		jpath_key(&p, at, grade);
		jread_error(j, &p, "bad_coefficient",
			    "%.10g has more than 4 decimals", x);
		return;
	}
	*out = (int64_t)c;
}

static void cycle_coefficients(struct jread *j, const json_t *bonus,
			       const struct jpath *at, struct assess_input *in)
{
	const json_t *map = NULL;
	const char *key;
	json_t *v;
	struct jpath p, q;
	in->bonus.coefficients = arena_zalloc(j->arena, (in->ngrades + 1) *
						sizeof *in->bonus.coefficients);
	if (jread_object(j, bonus, at, "coefficients", true, &map) != 0)
		return;
	jpath_key(&p, at, "coefficients");
	json_object_foreach((json_t *)map, key, v) {
		if (cycle_grade(in, key) == ASSESS_NONE) {
			jpath_key(&q, &p, key);
			jread_error(j, &q, "unknown_grade",
				    "unknown grade '%.100s'", key);
		}
	}
	for (uint32_t g = 0; g < in->ngrades; g++)
		if (*in->grades[g].id)
			cycle_coefficient(j, map, &p, in->grades[g].id,
					  &in->bonus.coefficients[g]);
}

static void cycle_bonus(struct jread *j, const json_t *doc,
			const struct jpath *root, struct assess_input *in)
{
	static const char *const keys[] = { "mode", "base", "coefficients",
					    NULL };
	static const char *const modes[] = { "base", "pool", NULL };
	const json_t *bonus = NULL;
	struct jpath at;
	int mode = 0;
	in->bonus.mode = ASSESS_BONUS_NONE;
	if (jread_object(j, doc, root, "bonus", false, &bonus) != 0)
		return;
	jpath_key(&at, root, "bonus");
	jread_only(j, bonus, &at, keys);
	if (jread_choice(j, bonus, &at, "mode", true, modes, &mode) != 0)
		return;
	in->bonus.mode = mode == 0 ? ASSESS_BONUS_BASE : ASSESS_BONUS_POOL;
	if (mode == 0) {
		jread_int(j, bonus, &at, "base", true, 0, INT64_MAX / 100000,
			  &in->bonus.base);
	} else if (json_object_get(bonus, "base")) {
		struct jpath p;
		jpath_key(&p, &at, "base");
		jread_error(j, &p, "bad_bonus",
			    "base is only for \"mode\": \"base\"");
	}
	cycle_coefficients(j, bonus, &at, in);
}

int cycle_read(struct jread *j, const json_t *doc, struct assess_input *in)
{
	static const char *const keys[] = {
		"id", "name", "kind", "components", "grades", "routine",
		"bonus", NULL,
	};
	static const char *const kinds[] = { "annual", "routine", "special",
					     "term", NULL };
	struct jpath root;
	const char *s = NULL;
	int kind = 0;
	unsigned before = j->nerrors;
	jpath_root(&root);
	jread_only(j, doc, &root, keys);
	jread_id(j, doc, &root, "id", false, &s);
	jread_string(j, doc, &root, "name", false, JREAD_TEXT_MAX, &s);
	jread_choice(j, doc, &root, "kind", false, kinds, &kind);
	if (cycle_grades(j, doc, &root, in) == 0) {
		cycle_components(j, doc, &root, in);
		cycle_routine(j, doc, &root, in);
		cycle_bonus(j, doc, &root, in);
	}
	return j->nerrors == before ? 0 : -1;
}
