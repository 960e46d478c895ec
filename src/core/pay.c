/* pay: the sequence names, the checks of grades, positions and
 * assignments, and the report's figures. Must not read a database or a
 * clock: the caller passes the sequence's grades and the dates. */
#include "pay.h"

#include <stdlib.h>
#include <string.h>

#include "core/day.h"

struct pay_names {
	const char *id, *zh, *noun;
};

static const struct pay_names pay_sequences[PAY_SEQUENCE_COUNT] = {
	{ "civilian", "文职", "civilian" },
	{ "technical", "技术", "technical" },
	{ "other", "其它", "other" },
};

static const struct pay_names *pay_sequence_at(enum pay_sequence s)
{
	return (unsigned)s < PAY_SEQUENCE_COUNT ? &pay_sequences[s] : NULL;
}

const char *pay_sequence_name(enum pay_sequence s)
{
	const struct pay_names *n = pay_sequence_at(s);
	return n ? n->id : NULL;
}

const char *pay_sequence_name_zh(enum pay_sequence s)
{
	const struct pay_names *n = pay_sequence_at(s);
	return n ? n->zh : NULL;
}

const char *pay_sequence_noun(enum pay_sequence s)
{
	const struct pay_names *n = pay_sequence_at(s);
	return n ? n->noun : NULL;
}

int pay_sequence_parse(const char *s, enum pay_sequence *out)
{
	if (!s)
		return -1;
	for (int i = 0; i < PAY_SEQUENCE_COUNT; i++)
		if (strcmp(s, pay_sequences[i].id) == 0 ||
		    strcmp(s, pay_sequences[i].zh) == 0) {
			*out = (enum pay_sequence)i;
			return 0;
		}
	return -1;
}

/* "grades[<i>].<member>" into out, without stdio (core does no I/O). */
static void pay_where(size_t i, const char *member, char out[48])
{
	char digits[24];
	size_t n = 0, k = 0;
	do {
		digits[n++] = (char)('0' + i % 10);
		i /= 10;
	} while (i && n < sizeof digits);
	memcpy(out, "grades[", 7);
	k = 7;
	while (n)
		out[k++] = digits[--n];
	out[k++] = ']';
	out[k++] = '.';
	size_t m = strlen(member);
	if (m > 48 - k - 1)
		m = 48 - k - 1;
	memcpy(out + k, member, m);
	out[k + m] = '\0';
}

int pay_check_grades(const struct pay_grade *grades, size_t n, struct err *e)
{
	char where[48];
	if (n == 0 || n > PAY_GRADES_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "grades",
				  "a sequence has 1 to %d grades, not %zu",
				  PAY_GRADES_MAX, n);
	for (size_t i = 0; i < n; i++) {
		const struct pay_grade *g = &grades[i];
		if (g->grade != (int64_t)i + 1) {
			pay_where(i, "grade", where);
			return err_set_at(e, ERR_INVALID, "invalid_field", where,
					  "the grades are 1, 2, 3, ... in order "
					  "from the lowest: entry %zu should be "
					  "grade %zu, not %lld", i + 1, i + 1,
					  (long long)g->grade);
		}
		pay_where(i, "monthly_fen", where);
		if (g->monthly_fen < 1 || g->monthly_fen > PAY_MONTHLY_MAX)
			return err_set_at(e, ERR_INVALID, "invalid_field", where,
					  "grade %lld pays 1 to %lld fen a month",
					  (long long)g->grade, PAY_MONTHLY_MAX);
		if (i > 0 && g->monthly_fen <= grades[i - 1].monthly_fen)
			return err_set_at(e, ERR_INVALID, "grades_not_rising",
					  where, "grade %lld pays %lld fen, no "
					  "more than grade %lld (%lld fen): each "
					  "grade pays more than the one below",
					  (long long)g->grade,
					  (long long)g->monthly_fen,
					  (long long)grades[i - 1].grade,
					  (long long)grades[i - 1].monthly_fen);
	}
	return 0;
}

int pay_check_position(const struct pay_position *p, int64_t grades,
		       struct err *e)
{
	if (p->level < 1 || p->level > PAY_LEVELS_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "level",
				  "the level is 1 (the bottom of the sequence) "
				  "to %d", PAY_LEVELS_MAX);
	if (p->negotiated) {
		if (p->min_grade || p->max_grade)
			return err_set_at(e, ERR_INVALID, "invalid_field",
					  p->min_grade ? "min_grade"
						       : "max_grade",
					  "a position with negotiated pay has "
					  "no grade range");
		if (p->has_rank)
			return err_set_at(e, ERR_INVALID, "invalid_field",
					  "comparable_rank", "a position with "
					  "negotiated pay is reported on a row "
					  "of its own: it has no comparable "
					  "rank");
		return 0;
	}
	if (grades < 1)
		return err_set_at(e, ERR_INVALID, "no_grades", "sequence_id",
				  "the sequence has no grades yet: set its "
				  "grades before its ordinary positions");
	if (p->min_grade < 1 || p->min_grade > grades)
		return err_set_at(e, ERR_INVALID, "invalid_field", "min_grade",
				  "the lowest grade of the position is one of "
				  "the sequence's grades, 1 to %lld",
				  (long long)grades);
	if (p->max_grade < p->min_grade || p->max_grade > grades)
		return err_set_at(e, ERR_INVALID, "invalid_field", "max_grade",
				  "the highest grade of the position is %lld "
				  "(its lowest) to %lld (the sequence's top)",
				  (long long)p->min_grade, (long long)grades);
	return 0;
}

static int pay_check_graded(const struct pay_position *p,
			    const struct pay_amount *a, struct err *e)
{
	if (a->negotiated_fen)
		return err_set_at(e, ERR_INVALID, "negotiated_not_allowed",
				  "negotiated_fen", "the position %s is paid "
				  "by grade (%lld to %lld), not negotiated "
				  "pay", p->name, (long long)p->min_grade,
				  (long long)p->max_grade);
	if (!a->grade)
		return err_set_at(e, ERR_INVALID, "missing_field", "pay_grade",
				  "the position %s is paid by grade: give a "
				  "pay_grade from %lld to %lld", p->name,
				  (long long)p->min_grade,
				  (long long)p->max_grade);
	if (a->grade < p->min_grade || a->grade > p->max_grade)
		return err_set_at(e, ERR_INVALID, "grade_out_of_range",
				  "pay_grade", "the position %s has grades "
				  "%lld to %lld; grade %lld is outside them",
				  p->name, (long long)p->min_grade,
				  (long long)p->max_grade, (long long)a->grade);
	return 0;
}

int pay_check_amount(const struct pay_position *p, const struct pay_amount *a,
		     struct err *e)
{
	if (!p->negotiated)
		return pay_check_graded(p, a, e);
	if (a->grade)
		return err_set_at(e, ERR_INVALID, "grade_not_allowed",
				  "pay_grade", "the position %s has negotiated "
				  "pay and no grade: give negotiated_fen "
				  "instead", p->name);
	if (!a->negotiated_fen)
		return err_set_at(e, ERR_INVALID, "missing_field",
				  "negotiated_fen", "the position %s has "
				  "negotiated pay: give negotiated_fen, the "
				  "agreed monthly pay in fen", p->name);
	if (a->negotiated_fen < 1 || a->negotiated_fen > PAY_MONTHLY_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field",
				  "negotiated_fen", "the negotiated pay is 1 "
				  "to %lld fen a month", PAY_MONTHLY_MAX);
	return 0;
}

int pay_check_period(int start, int end, struct err *e)
{
	if (!day_valid(start))
		return err_set_at(e, ERR_INVALID, "invalid_date", "start_date",
				  "the start date is a real date written "
				  "yyyy-mm-dd, e.g. 2026-03-01");
	if (end != 0 && !day_valid(end))
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "the end date is a real date written "
				  "yyyy-mm-dd, e.g. 2026-12-31");
	if (end != 0 && end < start)
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "the end date is before the start date");
	return 0;
}

static int pay_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void pay_stats(int64_t *values, size_t n, struct pay_stats *out)
{
	memset(out, 0, sizeof *out);
	if (n == 0)
		return;
	qsort(values, n, sizeof *values, pay_cmp);
	out->count = n;
	out->min = values[0];
	out->max = values[n - 1];
	if (n % 2) {
		out->median = values[n / 2];
		return;
	}
	/* a <= b, so b - a >= 0 and a + (b - a + 1) / 2 is
	 * floor((a + b + 1) / 2): half up, without overflowing a + b. */
	int64_t a = values[n / 2 - 1], b = values[n / 2];
	out->median = a + (b - a + 1) / 2;
}
