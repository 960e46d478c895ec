/* assess_int: what the engine's files share and nobody else sees. */
#ifndef KAOHE_ASSESS_INT_H
#define KAOHE_ASSESS_INT_H

#include "core/assess/assess.h"

/* The value slot of leaf or adjustment k of subject s. */
static inline uint64_t assess_slot(const struct assess_input *in, uint32_t s,
				   uint32_t k)
{
	return in->value_offset[s] + k;
}

static inline const struct assess_scheme *
assess_scheme_of(const struct assess_input *in, uint32_t s)
{
	return &in->schemes[in->subjects[s].scheme];
}

/* Where a subject's value stands in its category, for rank and relative
 * rules: its competition rank among `of` values, and the best value. */
struct assess_standing {
	uint32_t rank, of;
	double best;
};

/* rules.c: s for one leaf, clamped to [0, cap]; rank and relative rules
 * use the standing (NULL for the others). */
void assess_leaf_eval(const struct assess_rule *rule, double a, double t,
		      const struct assess_standing *st,
		      struct assess_leaf_trace *out);
/* Quota places: rounding(share x n) with the 1e-9 nudge. */
uint32_t assess_places(double share, uint32_t n, enum assess_rounding r);

/* scores.c: the component scores of one subject (raw, not rounded), and
 * the detail when tr is not NULL. */
double assess_performance(const struct assess_input *in,
			  const struct assess_result *r, uint32_t s,
			  struct assess_trace *tr, bool *missing);
double assess_ratings_score(const struct assess_input *in, uint32_t c,
			    uint32_t s, struct assess_component_trace *tr,
			    bool *red, bool *missing);
double assess_routine_score(const struct assess_input *in, uint32_t c,
			    uint32_t s, struct assess_component_trace *tr,
			    bool *missing);

/* grades.c */
void assess_order(const struct assess_input *in, struct assess_result *r,
		  unsigned threads);
void assess_ranks(const struct assess_input *in, struct assess_result *r);
void assess_caps(const struct assess_input *in, struct assess_result *r,
		 uint32_t s, const uint8_t *red_triggered);
/* Assignment in two steps. assess_grade_early (any order, once caps and
 * totals are known): gives subject s its grade unless a quota could
 * refuse it, and marks it to wait for assess_assign otherwise, which
 * takes the waiting subjects in ranking order and counts quota places. */
void assess_grade_early(const struct assess_input *in,
			struct assess_result *r, uint32_t s);
void assess_assign(const struct assess_input *in, struct assess_result *r);
/* The grade's quota places in the subject's quota pool, its size. */
uint32_t assess_quota_places(const struct assess_input *in,
			     const struct assess_result *r, uint32_t g,
			     uint32_t s, uint32_t *pool_size);

#define ASSESS_THREADS_MAX 16   /* more are not used */
#define ASSESS_PARALLEL_MIN 1024 /* fewer subjects: one thread is quicker */

/* compute.c: runs fn over [0, n) split into `threads` contiguous ranges
 * (in the calling thread when threads < 2 or n < 2); worker t gets range
 * t, the same for the same threads and n. */
typedef void (*assess_range_fn)(void *ctx, uint32_t from, uint32_t to,
				unsigned worker);
void assess_parallel(unsigned threads, uint32_t n, assess_range_fn fn,
		     void *ctx);

/* standing.c: a key and a payload, sorted by key (radix sort; stable). */
struct standing_pair {
	uint64_t key;
	uint64_t slot;
};
void assess_sort_pairs(struct standing_pair *p, size_t n);
/* A double as an unsigned integer in the same order (-0 and +0 equal). */
uint64_t assess_sort_key(double v);

/* standing.c: rankslot, ranksets and the leaf ranks of the result. */
void assess_standings(const struct assess_input *in, struct assess_result *r,
		      unsigned threads);

/* bonus.c */
void assess_bonus(const struct assess_input *in, struct assess_result *r,
		  unsigned threads);

#endif
