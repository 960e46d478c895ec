/* pay: the rules of the parallel pay scale of dispatched staff (S3) and
 * the figures of the equal-pay report (同工同酬, pay_parity).
 *   - post sequences (岗位序列): civilian 文职, technical 技术, other 其它;
 *   - the salary grades (工资级别) of a sequence: 1 (the lowest) to n,
 *     each with its monthly pay, strictly rising;
 *   - positions (职位, levels within a sequence, 1 at the bottom), each
 *     with a range of grades, or with negotiated pay and no range (the
 *     special administrative commissioner 特级行政专员 and the special
 *     technical adviser 特级技术顾问: pay agreed at market rates);
 *   - the check of one pay assignment against its position;
 *   - count, minimum, median and maximum of a list of monthly pays.
 * Pure: no I/O, no clock, no database. Money is whole fen (int64_t); the
 * caller reads the grades and positions and passes them in. */
#ifndef KAOHE_PAY_H
#define KAOHE_PAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum pay_sequence {
	PAY_SEQUENCE_CIVILIAN,  /* civilian, 文职 */
	PAY_SEQUENCE_TECHNICAL, /* technical, 技术 */
	PAY_SEQUENCE_OTHER,     /* other, 其它 (skilled workers, handymen) */
};
#define PAY_SEQUENCE_COUNT 3

#define PAY_MONTHLY_MAX 100000000LL /* fen a month: a million yuan */
#define PAY_GRADES_MAX 30           /* grades of one sequence */
#define PAY_LEVELS_MAX 30           /* position levels of one sequence */
#define PAY_NAME_MAX 60             /* characters of a position's name */

/* The id, the Chinese name and the English noun of a sequence; NULL for a
 * value outside the enum. */
const char *pay_sequence_name(enum pay_sequence s);
const char *pay_sequence_name_zh(enum pay_sequence s);
const char *pay_sequence_noun(enum pay_sequence s);
/* The sequence whose id or Chinese name is s; -1 when there is none. */
int pay_sequence_parse(const char *s, enum pay_sequence *out);

/* One salary grade of a sequence. */
struct pay_grade {
	int64_t grade;       /* 1 = the lowest */
	int64_t monthly_fen;
};

/* The whole list of a sequence's grades, in the order given: 1..n
 * (1 <= n <= PAY_GRADES_MAX) with grades[i].grade == i + 1, each paying
 * 1..PAY_MONTHLY_MAX fen, strictly more than the grade below. ERR_INVALID
 * naming the member at fault ("grades[3].monthly_fen"): "invalid_field",
 * or "grades_not_rising" when a grade pays no more than the one below. */
int pay_check_grades(const struct pay_grade *grades, size_t n,
		     struct err *e);

/* A position as given. */
struct pay_position {
	const char *name;   /* for messages; borrowed */
	int64_t level;      /* 1 = the bottom of the sequence */
	bool negotiated;    /* pay agreed, not a grade */
	int64_t min_grade;  /* 0 when negotiated */
	int64_t max_grade;  /* 0 when negotiated */
	bool has_rank;      /* compared with an in-system rank */
};

/* A level 1..PAY_LEVELS_MAX; an ordinary position's grades 1 <= min <=
 * max <= grades (the number of its sequence's grades); a position with
 * negotiated pay has no grade range and is reported on a row of its own,
 * so no comparable rank either. ERR_INVALID "invalid_field" naming level,
 * min_grade, max_grade or comparable_rank. */
int pay_check_position(const struct pay_position *p, int64_t grades,
		       struct err *e);

/* The pay of one assignment: a grade (0: none) or negotiated pay (0:
 * none). */
struct pay_amount {
	int64_t grade;
	int64_t negotiated_fen;
};

/* Whether the amount fits position p. An ordinary position needs a grade
 * within its range and refuses negotiated pay (ERR_INVALID
 * "negotiated_not_allowed" on negotiated_fen, "missing_field" or
 * "grade_out_of_range" on pay_grade, the latter naming the position's
 * range); a position with negotiated pay needs negotiated_fen in
 * 1..PAY_MONTHLY_MAX and refuses a grade ("grade_not_allowed" on
 * pay_grade; "missing_field" or "invalid_field" on negotiated_fen). */
int pay_check_amount(const struct pay_position *p, const struct pay_amount *a,
		     struct err *e);

/* A pay assignment's period: start a real date (yyyymmdd), end 0 (open)
 * or a real date not before it. ERR_INVALID "invalid_date" naming
 * start_date or end_date. */
int pay_check_period(int start, int end, struct err *e);

struct pay_stats {
	size_t count;
	int64_t min, max;
	/* The middle value; of an even count, the mean of the two middle
	 * values rounded half up to a whole fen ((a + b + 1) / 2 rounded
	 * down, i.e. 100.5 fen is 101 and -100.5 is -100). */
	int64_t median;
};

/* The figures of values[0..n) (fen; the difference of any two must fit
 * in int64_t, which every pay of at most PAY_MONTHLY_MAX does). Sorts
 * values in place. With n == 0, count is 0 and the rest 0: the caller
 * shows "none". */
void pay_stats(int64_t *values, size_t n, struct pay_stats *out);

#endif
