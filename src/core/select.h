/* select: the rules of open selection (公开选拔: Zhuhai's city-wide
 * selection of cadres for Hengqin) and recruitment (TEDA's graduates):
 *   - a post's eligibility rules (age, rank, years at the rank, education,
 *     school tier, staff type) and the check of one applicant against
 *     them, with every rule failed and the figures that failed it;
 *   - the ranking of a post's applicants by the assessment engine: the
 *     written exam and the interview are two components of a cycle whose
 *     subjects are the applications and whose categories are the posts,
 *     so the totals, the rounding and the order (total, then written,
 *     then interview, then the application) are ASSESSMENT.md's;
 *   - the shortlist for interviews at a ratio (1:3: three a place), ties
 *     at the cut all going through.
 * Pure: no I/O, no clock; dates are yyyymmdd (core/day). */
#ifndef KAOHE_SELECT_H
#define KAOHE_SELECT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "core/org.h"
#include "core/staffing.h"

/* Levels of education (GB/T 4658 codes grouped), highest first. */
enum select_edu {
	SELECT_EDU_DOCTOR,   /* doctor: 博士研究生毕业 (11) */
	SELECT_EDU_MASTER,   /* master: 硕士研究生毕业 (14), 研究生教育 (10) */
	SELECT_EDU_BACHELOR, /* bachelor: 本科 (20, 21, 28), 研究生班 (17) and
				postgraduates without a degree (12, 13, 15,
				16, 18, 19), who were admitted with one */
	SELECT_EDU_COLLEGE,  /* college: 大学专科 (30, 31) */
	SELECT_EDU_OTHER,    /* anything else */
};
#define SELECT_EDU_COUNT 5

const char *select_edu_name(enum select_edu l);
const char *select_edu_name_zh(enum select_edu l);
int select_edu_parse(const char *s, enum select_edu *out);
/* The level of a GB/T 4658 education code (NULL or unknown: other). */
enum select_edu select_edu_of(const char *code);

/* School tiers a post may ask for: 211 takes 985 schools too. */
enum select_tier { SELECT_TIER_ANY, SELECT_TIER_211, SELECT_TIER_985 };

/* A post's eligibility rules; each may be absent. */
struct select_rules {
	int age_min, age_max;        /* full years on the campaign's date;
					-1: none */
	enum staffing_rank rank_lowest;  /* at this rank or above;
					    STAFFING_RANK_NONE: none */
	enum staffing_rank rank_highest; /* at this rank or below; _NONE */
	int years_min;               /* full years at the present rank; 0 */
	enum select_edu education;   /* this level or above; _OTHER: none */
	enum select_tier tier;
	uint32_t staff_types;        /* bit per org_staff_type; 0: any */
};

/* Ages and years of service up to this many are plausible rules. */
#define SELECT_YEARS_MAX 70

/* A rules object that asks nothing. */
void select_rules_none(struct select_rules *r);
/* Ages in [16, SELECT_YEARS_MAX] with min <= max, years in [0,
 * SELECT_YEARS_MAX], a highest rank not below the lowest. ERR_INVALID
 * naming the rule's field (age_max, rank_highest...). */
int select_rules_check(const struct select_rules *r, struct err *e);

/* What the check reads of an applicant. */
struct select_applicant {
	int birth;                  /* yyyymmdd */
	enum staffing_rank rank;    /* STAFFING_RANK_NONE: none */
	int rank_since;             /* yyyymmdd; 0: not known */
	const char *education;      /* GB/T 4658 code */
	const char *school_tier;    /* "985", "211", "other" or NULL */
	bool has_staff_type;
	enum org_staff_type staff_type;
};

/* The rules an applicant fails, in this order. */
enum select_reason {
	SELECT_TOO_YOUNG,   /* too_young */
	SELECT_TOO_OLD,     /* too_old */
	SELECT_NO_RANK,     /* no_rank: a rank rule and none held */
	SELECT_RANK_LOW,    /* rank_too_low */
	SELECT_RANK_HIGH,   /* rank_too_high */
	SELECT_YEARS_SHORT, /* years_too_short */
	SELECT_EDUCATION,   /* education */
	SELECT_SCHOOL_TIER, /* school_tier */
	SELECT_STAFF_TYPE,  /* staff_type */
};
#define SELECT_REASON_COUNT 9

const char *select_reason_name(enum select_reason r);

/* The figures the check worked out. */
struct select_facts {
	int age;                    /* full years on the day */
	int years;                  /* full years at the rank; -1: not known */
	enum select_edu education;
};

/* Checks a against r on day: the bits (1 << enum select_reason) of the
 * rules failed, 0 when eligible; *facts the figures. */
unsigned select_check(const struct select_rules *r,
		      const struct select_applicant *a, int day,
		      struct select_facts *facts);

/* --- ranking ------------------------------------------------------------ */

/* One application to rank: scores on 0-100 (the engine's numeric
 * ratings); a missing interview counts 0 with the engine's warning. */
struct select_entry {
	const char *id;             /* orders complete ties, bytewise */
	uint32_t post;              /* < nposts */
	double written;
	bool has_interview;
	double interview;
};

struct select_standing {
	double written, interview;  /* as the engine rounded them */
	double total;
	uint32_t rank;              /* competition rank by total in the post */
	uint32_t place;             /* 1-based place in the post's order */
	bool missing_interview;
};

#define SELECT_ENTRIES_MAX 1000000u

/* Ranks entries per post through the assessment engine:
 * total = written x written_weight / 100 + interview x (100 -
 * written_weight) / 100; written_weight 100 ranks by the written exam
 * alone (the shortlist). out has n standings, in the entries' order. */
int select_rank(const struct select_entry *entries, uint32_t n,
		uint32_t nposts, double written_weight,
		struct select_standing *out, struct err *e);

/* Whether a standing makes the shortlist of a post with places places
 * at ratio (interviews a place): its place is within places x ratio, or
 * its total equals that of the last place within (a tie at the cut goes
 * through). cut_total is the total at place places x ratio, or NAN when
 * the post has fewer entries (then all go through). */
bool select_shortlisted(const struct select_standing *s, uint32_t places,
			uint32_t ratio, double cut_total);

#endif
