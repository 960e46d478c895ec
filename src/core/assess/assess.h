/* assess: the assessment engine of ASSESSMENT.md (docs/assessment.md
 * records the choices the contract leaves open).
 *
 * The input is a cycle already read and checked: resolved schemes (their
 * `extends` applied), subjects, and the data gathered per subject
 * (indicator values, ratings counted per level, routine results counted
 * per rating, caps, unit grades, pool amounts). Every name is interned to
 * an index by whoever builds the input (the workbook loader, later the
 * server), so the engine works on dense arrays. assess_compute turns it
 * into scores, ranks, grades, caps and bonuses; assess_explain recomputes
 * one subject's every number for the trace and `kaohe assess explain`.
 *
 * Pure computation: no I/O, no JSON, no SQL. The input is read-only and
 * may be shared by threads; a result belongs to its caller. */
#ifndef KAOHE_ASSESS_H
#define KAOHE_ASSESS_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"

#define ASSESS_NONE UINT32_MAX

/* --- schemes ----------------------------------------------------------- */

enum assess_rule_kind {
	ASSESS_RATIO,     /* 完成率法 */
	ASSESS_LINEAR,    /* between a floor and the target */
	ASSESS_STEP,      /* per-point scoring */
	ASSESS_THRESHOLD, /* 达标: all or nothing */
	ASSESS_RANK,      /* 排名法, among the category */
	ASSESS_RELATIVE,  /* proportional to the best in the category */
	ASSESS_SCORE,     /* a panel's score on 0-100 */
};

struct assess_rule {
	enum assess_rule_kind kind;
	bool lower_better;   /* "better": "lower" */
	bool has_target;
	double target;       /* values.csv's `target` overrides it */
	double cap;          /* s is clamped to [0, cap]; 1.0 unless given */
	double floor;        /* linear */
	double at_target;    /* step: s at the target; 1.0 unless given */
	double per_unit;     /* step: change of s per unit of a - t */
	bool has_step;       /* rank */
	double step;         /* rank */
	double min;          /* rank: 0 with a step, 0.6 without, unless given */
};

/* A node of a scheme's tree, in pre-order (a parent before its children). */
struct assess_node {
	const char *id, *name;
	double weight;        /* percent of the parent */
	uint32_t parent;      /* node index, or ASSESS_NONE at the top */
	uint32_t leaf;        /* index into the scheme's leaves, or ASSESS_NONE */
};

struct assess_leaf {
	const char *id, *name;
	const char *unit;     /* "%", "亿元"...; may be NULL */
	uint32_t node;        /* its node */
	uint32_t indicator;   /* global indicator index (input->indicators) */
	double points;        /* 100 x the product of the weights on its path */
	struct assess_rule rule;
};

enum assess_adjust_kind { ASSESS_BONUS, ASSESS_DEDUCTION, ASSESS_VETO };

struct assess_adjustment {
	const char *id, *name;
	enum assess_adjust_kind kind;
	double max;           /* bonus, deduction */
	uint32_t cap;         /* veto: grade index (default competent) */
	uint32_t indicator;   /* global indicator index of its id */
};

struct assess_scheme {
	const char *id, *name;
	struct assess_node *nodes;
	uint32_t nnodes;
	struct assess_leaf *leaves;
	uint32_t nleaves;
	struct assess_adjustment *adjustments;
	uint32_t nadjustments;
};

/* --- the cycle --------------------------------------------------------- */

enum assess_component_kind {
	ASSESS_COMP_SCHEME,  /* the performance score of the subject's scheme */
	ASSESS_COMP_RATINGS, /* ratings by groups of raters */
	ASSESS_COMP_ROUTINE, /* the mean of routine results */
};

/* Routine ratings, best first; also the unit grades of units.csv. */
enum assess_routine { ASSESS_GOOD, ASSESS_FAIR, ASSESS_AVERAGE, ASSESS_POOR };
#define ASSESS_ROUTINE_LEVELS 4

struct assess_level {
	const char *id;       /* a key of `scale` */
	double points;
};

struct assess_group {
	const char *id;
	double weight;
};

struct assess_component {
	const char *id, *name;
	double weight;        /* percent of the total */
	enum assess_component_kind kind;
	/* ratings: */
	struct assess_level *scale; /* NULL: ratings are numbers in [0, 100] */
	uint32_t nscale;
	bool abstain_zero;    /* "abstain": "zero" (default "drop") */
	struct assess_group *groups;
	uint32_t ngroups;
	bool has_trim;
	uint32_t trim_above, trim_drop;
	bool has_red_line;
	uint64_t red_levels;  /* bit i: scale level i counts */
	int64_t red_num, red_den; /* more_than: [num, den] */
	uint32_t red_cap;     /* grade index */
	/* routine: points of good, fair, average, poor */
	double routine_scale[ASSESS_ROUTINE_LEVELS];
};

enum assess_rounding { ASSESS_FLOOR, ASSESS_ROUND, ASSESS_CEIL };

struct assess_grade {
	const char *id, *name;  /* excellent, competent, basic, incompetent... */
	bool has_min;
	double min;
	bool has_quota;
	double share;
	enum assess_rounding rounding;
	bool by_unit_grade;     /* share_by_unit_grade given */
	bool has_unit_share[ASSESS_ROUTINE_LEVELS];
	double unit_share[ASSESS_ROUTINE_LEVELS]; /* by unit grade good..poor */
};

struct assess_routine_cap {
	enum assess_routine at_or_below;
	uint32_t count;
	uint32_t cap;           /* grade index */
};

struct assess_routine_require {
	uint32_t grade;         /* grade index */
	enum assess_routine at_or_above;
	uint32_t count;
};

enum assess_bonus_mode { ASSESS_BONUS_NONE, ASSESS_BONUS_BASE, ASSESS_BONUS_POOL };

struct assess_bonus_rule {
	enum assess_bonus_mode mode;
	int64_t base;           /* fen, mode base */
	int64_t *coefficients;  /* per grade, x 10000 */
};

/* --- the data ---------------------------------------------------------- */

struct assess_subject {
	const char *id, *name;
	uint32_t category, unit, pool, scheme;
};

/* The ratings of one ratings component, by subject and group. */
struct assess_ratings {
	/* With a scale: counts[(subject * ngroups + group) * (nscale + 1) +
	 * level], the last level being abstentions. */
	uint32_t *counts;
	/* Without a scale: the numbers of (subject, group) are
	 * values[offsets[k] .. offsets[k + 1]) with k = subject * ngroups +
	 * group, in any order; abstains[k] counts abstentions. */
	uint64_t *offsets;
	double *values;
	uint32_t *abstains;
};

struct assess_cap_row {
	uint32_t subject;
	uint32_t grade;
	const char *reason;
};

struct assess_input {
	struct assess_component *components;
	uint32_t ncomponents;
	struct assess_grade *grades;       /* best first */
	uint32_t ngrades;
	struct assess_routine_cap *routine_caps;
	uint32_t nroutine_caps;
	struct assess_routine_require *routine_requires;
	uint32_t nroutine_requires;
	struct assess_bonus_rule bonus;

	struct assess_scheme *schemes;
	uint32_t nschemes;
	const char **indicators;           /* every leaf and adjustment id */
	uint32_t nindicators;

	struct assess_subject *subjects;
	uint32_t nsubjects;
	const char **categories, **units, **pools;
	uint32_t ncategories, nunits, npools;

	/* Values: subject s has one slot per leaf of its scheme, then one per
	 * adjustment, starting at value_offset[s]. NAN: no value. */
	uint64_t *value_offset;            /* nsubjects + 1 entries */
	double *values;
	/* Targets given with values instead of the rule's (assess_own_target):
	 * subject s's are targets[target_start[s] .. target_start[s + 1]),
	 * in ascending order of slot. Both NULL when no value has one; often
	 * a few in a large cycle, so not one beside every slot. */
	struct assess_own_target *targets;
	uint64_t *target_start;            /* nsubjects + 1 entries */

	struct assess_ratings *ratings;    /* one per component */
	uint32_t *routine;                 /* [subject * 4 + rating] counts */
	int8_t *unit_grades;               /* per unit: -1 or assess_routine */
	struct assess_cap_row *caps;
	uint32_t ncaps;
	int64_t *pool_amounts;             /* per pool: fen, or -1 no row */

	bool strict;                       /* missing values are errors */
};

struct assess_own_target {
	uint64_t slot;
	double target;
};

/* The target given with subject s's value in slot, or NAN when the rule's
 * own counts. A binary search among the subject's own targets. */
static inline double assess_own_target(const struct assess_input *in,
				       uint32_t s, uint64_t slot)
{
	if (!in->target_start)
		return NAN;
	uint64_t lo = in->target_start[s], hi = in->target_start[s + 1];
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (in->targets[mid].slot < slot)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < in->target_start[s + 1] && in->targets[lo].slot == slot
		       ? in->targets[lo].target
		       : NAN;
}

/* Checks what the loader cannot see alone: rule parameters, weights,
 * grades, quotas, the bonus rule, consistency of indices. Names the
 * scheme, indicator or component at fault. */
int assess_validate(const struct assess_input *in, struct err *e);

/* --- the result -------------------------------------------------------- */

enum assess_cap_source {
	ASSESS_CAP_VETO = 1 << 0,
	ASSESS_CAP_RED_LINE = 1 << 1,
	ASSESS_CAP_ROUTINE = 1 << 2,
	ASSESS_CAP_LISTED = 1 << 3,   /* caps.csv */
};

enum assess_pass_reason {
	ASSESS_PASS_NONE = 0,
	ASSESS_PASS_BELOW_MIN,        /* below_min */
	ASSESS_PASS_QUOTA_FULL,       /* quota_full */
	ASSESS_PASS_CAPPED,           /* capped */
	ASSESS_PASS_ROUTINE,          /* routine_requirement */
};

enum assess_warning {
	ASSESS_WARN_MISSING_VALUE = 1 << 0,
	ASSESS_WARN_MISSING_COMPONENT = 1 << 1,
	ASSESS_WARN_NO_POOL_AMOUNT = 1 << 2,
	ASSESS_WARN_POOL_NOTHING_TO_SHARE = 1 << 3, /* sum of C is 0 */
};

/* The values of one indicator in one category, for rank and relative
 * rules: how many subjects have one, and the extremes. */
struct assess_rankset {
	uint32_t n;
	double min, max;
};

struct assess_result {
	uint32_t nsubjects, ncomponents, ngrades;
	double *scores;          /* [subject * ncomponents + c], rounded */
	double *totals;          /* rounded */
	uint32_t *order;         /* subjects in ranking order */
	uint32_t *rank;          /* competition rank by total, all subjects */
	uint32_t *pool_rank;     /* the same within the pool */
	uint32_t *grade;
	uint32_t *cap;           /* grade index, or ASSESS_NONE */
	uint8_t *cap_sources;    /* enum assess_cap_source bits */
	uint8_t *passed_over;    /* [subject * ngrades + g]: why g was not given */
	int64_t *bonus;          /* fen; -1 when there is no bonus rule */
	uint8_t *warnings;       /* enum assess_warning bits */
	/* For rank and relative rules: rankset[category * nindicators + i]
	 * is an index into ranksets, or ASSESS_NONE when no rule needs it. */
	uint32_t *rankslot;
	struct assess_rankset *ranksets;
	/* The competition rank of each rank rule's value in its rankset
	 * (assess_leaf_rank): leaf_rank[s * rank_stride + rank_col[
	 * rank_base[scheme] + i]] for leaf i of subject s's scheme; set only
	 * where the value is. A subject has as many places as the scheme
	 * with most rank rules has rank rules, not one per value slot. */
	uint32_t rank_stride;
	uint32_t *rank_base;     /* per scheme: its first leaf in rank_col */
	uint32_t *rank_col;      /* per leaf of every scheme: its place among
				    its scheme's rank rules, or ASSESS_NONE */
	uint32_t *leaf_rank;
	uint32_t *pool_size;     /* subjects per pool */
	uint32_t *unit_size;     /* subjects per unit */
	uint32_t *cap_start;     /* caps.csv rows of subject s are
				    cap_rows[cap_start[s] .. cap_start[s+1]) */
	uint32_t *cap_rows;      /* indices into input->caps */
	struct arena arena;      /* all of the above */
};

/* Computes everything. *out is new (free with assess_result_free). Fails
 * only on input assess_validate refuses, or with strict on a missing
 * value (naming the subject and indicator). threads: how many threads to
 * use (1 or more). */
int assess_compute(const struct assess_input *in, unsigned threads,
		   struct assess_result **out, struct err *e);
void assess_result_free(struct assess_result *r);

/* The competition rank of subject s's value of leaf i of its scheme, a
 * rank rule with a value. */
static inline uint32_t assess_leaf_rank(const struct assess_result *r,
					uint32_t scheme, uint32_t s,
					uint32_t i)
{
	return r->leaf_rank[(size_t)s * r->rank_stride +
			    r->rank_col[r->rank_base[scheme] + i]];
}

/* --- explaining one subject ------------------------------------------- */

struct assess_leaf_trace {
	bool has_value;
	double value, target;    /* target: the one used (NAN when none) */
	double s, points;
	uint32_t rank, of;       /* rank rules: r and n */
	double best;             /* relative rules: max or min of the category */
};

struct assess_adjustment_trace {
	bool has_value;
	double value, points;    /* points: + bonus, - deduction, 0 veto */
	bool triggered;          /* veto */
};

struct assess_group_trace {
	uint32_t counted;        /* ratings counted (after trimming) */
	uint32_t dropped;        /* by trimming */
	uint32_t abstained;
	double mean;             /* of the counted ones */
	double weight_used;      /* the group's weight, or 0 when empty */
};

struct assess_component_trace {
	double raw;              /* before rounding */
	double score;            /* rounded */
	bool missing;            /* no rating, no routine result */
	struct assess_group_trace *groups;  /* ratings: ngroups */
	uint32_t red_count, red_of; /* ratings at red-line levels / all */
	bool red_triggered;
	uint32_t routine[ASSESS_ROUTINE_LEVELS]; /* routine: the counts */
};

struct assess_trace {
	uint32_t subject;
	struct assess_leaf_trace *leaves;             /* scheme's nleaves */
	struct assess_adjustment_trace *adjustments;  /* scheme's nadjustments */
	double leaf_sum, bonus_points, deduction_points;
	struct assess_component_trace *components;    /* ncomponents */
	double total;
	uint32_t rank, pool_rank, grade, cap;
	uint8_t cap_sources;
	const uint32_t *cap_rows; /* indices into input->caps that apply */
	uint32_t ncap_rows;
	uint8_t *passed_over;     /* ngrades: enum assess_pass_reason */
	uint32_t *quota_places;   /* ngrades: places in the subject's quota
				     pool, or ASSESS_NONE without a quota */
	uint32_t *quota_pool_size;/* ngrades: subjects in that pool */
	int64_t bonus;
	int64_t coefficient;      /* x 10000, or -1 */
	uint8_t warnings;
};

/* Every number of one subject, with memory from arena. */
void assess_explain(const struct assess_input *in,
		    const struct assess_result *r, uint32_t subject,
		    struct arena *arena, struct assess_trace *out);

/* A first-level indicator (a top-level node of the subject's scheme):
 * the points its leaves earned and the most they could, the share of
 * that most earned (percent), and the mean share over the subjects of
 * the category whose schemes have a top-level node of the same id (of of
 * them, the subject included) — a radar chart of the subject against
 * its category. */
struct assess_profile_item {
	const char *id, *name;
	double points, max, rate;
	double mean_rate;
	uint32_t of;
};

/* The first-level indicators of subject, in the scheme's order, into
 * *out (memory from arena); returns how many. Explains every subject of
 * the category: linear in its size. */
uint32_t assess_profile(const struct assess_input *in,
			const struct assess_result *r, uint32_t subject,
			struct arena *arena, struct assess_profile_item **out);

/* How many of subject s's routine results are at or below `level`
 * (worse or equal), or at or above it (better or equal). */
uint32_t assess_routine_count(const struct assess_input *in, uint32_t s,
			      enum assess_routine level, bool at_or_below);

/* Half away from zero to 4 decimals, as ASSESSMENT.md section 6. */
double assess_round4(double x);

#endif
