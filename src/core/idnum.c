/* idnum: checks a resident ID number field by field, in the order a person
 * reads it, and stops at the first problem with a message naming it and
 * the characters at fault. Must not log or echo a whole number: messages
 * quote only the part at fault (the region code, the date, a digit). */
#include "idnum.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define IDNUM_ID "invalid_id_number"
#define IDNUM_WHERE "id_number"
#define IDNUM_OLD_LEN 15 /* the first-generation number, before 1999 */

/* ISO 7064 MOD 11-2, as GB 11643 gives it: the weights are 2^(17-i) mod 11
 * and the sum mod 11 picks the check character. */
static const int idnum_weights[IDNUM_LEN - 1] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
};
static const char idnum_check_chars[11] = {
	'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2',
};

/* The province-level codes of GB/T 2260 (checked from memory of the
 * standard: 11-15 North, 21-23 North-east, 31-37 East, 41-46 Centre and
 * South, 50-54 South-west, 61-65 North-west, 71 Taiwan, 81 Hong Kong, 82
 * Macao; 34 in all). Hong Kong and Macao residents' residence permits use
 * 810000 and 820000 and so pass; those of Taiwan residents use 830000,
 * which is not a GB/T 2260 code and is refused. Only the province is
 * checked: prefecture and county codes change with every redistricting,
 * and a number keeps the code of the county where it was first issued. */
static const char *const idnum_provinces[] = {
	"11", "12", "13", "14", "15", "21", "22", "23",
	"31", "32", "33", "34", "35", "36", "37",
	"41", "42", "43", "44", "45", "46",
	"50", "51", "52", "53", "54",
	"61", "62", "63", "64", "65",
	"71", "81", "82",
};

static const char *const idnum_month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static bool idnum_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int idnum_digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int idnum_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

char idnum_check_digit(const char *digits17)
{
	int sum = 0;
	for (size_t i = 0; i < IDNUM_LEN - 1; i++)
		sum += (digits17[i] - '0') * idnum_weights[i];
	return idnum_check_chars[sum % 11];
}

/* Spaces and non-ASCII first, since they also throw the length off and the
 * length message would then mislead. Positions count from 1; every byte
 * before the first non-ASCII one is a character. */
static int idnum_check_bytes(const char *text, size_t len, struct err *e)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
					  "the ID number contains a space at "
					  "character %zu; type it without spaces",
					  i + 1);
		if (c >= 0x80)
			return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
					  "character %zu of the ID number is not "
					  "a digit or X; full-width characters "
					  "such as '１' or 'Ｘ' must be typed "
					  "half-width", i + 1);
	}
	return 0;
}

static bool idnum_all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!idnum_is_digit(s[i]))
			return false;
	return true;
}

/* Length, then 17 digits and a digit or X. The old 15-digit form (no
 * century, no check digit) is refused, not converted: every serving cadre
 * has had an 18-digit number since the early 2000s, and converting would
 * invent a check digit instead of verifying one. It gets its own message
 * so that nobody takes it for a typing error. */
static int idnum_check_shape(const char *text, size_t len, struct err *e)
{
	if (len == IDNUM_OLD_LEN && idnum_all_digits(text, len))
		return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
				  "the ID number has 15 digits, the old form; "
				  "the 18-digit number is required (the old "
				  "15-digit form is not accepted)");
	if (len != IDNUM_LEN)
		return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
				  "the ID number has %zu characters; it must "
				  "have 18", len);
	for (size_t i = 0; i < IDNUM_LEN - 1; i++) {
		char c = text[i];
		if (idnum_is_digit(c))
			continue;
		if (c > ' ' && c < 0x7f)
			return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
					  "character %zu of the ID number is "
					  "'%c', not a digit", i + 1, c);
		return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
				  "character %zu of the ID number is a control "
				  "character, not a digit", i + 1);
	}
	char last = text[IDNUM_LEN - 1];
	if (!idnum_is_digit(last) && last != 'X' && last != 'x') {
		if (last > ' ' && last < 0x7f)
			return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
					  "character 18 of the ID number is "
					  "'%c'; it must be a digit or X", last);
		return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
				  "character 18 of the ID number is a control "
				  "character; it must be a digit or X");
	}
	return 0;
}

static int idnum_check_region(const char *num, struct err *e)
{
	for (size_t i = 0; i < sizeof idnum_provinces / sizeof *idnum_provinces;
	     i++)
		if (memcmp(num, idnum_provinces[i], 2) == 0)
			return 0;
	return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
			  "the region code %.6s (characters 1-6) does not "
			  "name a province: %.2s is not a province code of "
			  "GB/T 2260", num, num);
}

/* Characters 7-14, YYYYMMDD; digits already checked. */
static int idnum_check_date(const char *num, int today, struct idnum *d,
			    struct err *e)
{
	const char *s = num + 6;
	int y = idnum_digits(s, 4), m = idnum_digits(s + 4, 2),
	    day = idnum_digits(s + 6, 2);
	if (m < 1 || m > 12)
		return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
				  "the birth date %.8s (characters 7-14) is not "
				  "a date: there is no month %d", s, m);
	if (day < 1 || day > idnum_days_in_month(y, m))
		return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
				  "the birth date %.8s (characters 7-14) is not "
				  "a date: %s %d has %d days", s,
				  idnum_month_names[m - 1], y,
				  idnum_days_in_month(y, m));
	if (y < IDNUM_MIN_YEAR)
		return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
				  "the birth date %.8s (characters 7-14) is "
				  "before %d", s, IDNUM_MIN_YEAR);
	if (y * 10000 + m * 100 + day > today)
		return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
				  "the birth date %.8s (characters 7-14) is in "
				  "the future", s);
	d->birth_year = y;
	d->birth_month = m;
	d->birth_day = day;
	return 0;
}

int idnum_check(const char *text, int today, struct idnum *out,
		struct err *e)
{
	if (!text || !*text)
		return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
				  "the ID number is empty");
	size_t len = strlen(text);
	if (idnum_check_bytes(text, len, e) || idnum_check_shape(text, len, e))
		return -1;
	struct idnum r;
	memcpy(r.number, text, IDNUM_LEN);
	r.number[IDNUM_LEN] = '\0';
	if (r.number[IDNUM_LEN - 1] == 'x')
		r.number[IDNUM_LEN - 1] = 'X';
	if (idnum_check_region(r.number, e) ||
	    idnum_check_date(r.number, today, &r, e))
		return -1;
	char want = idnum_check_digit(r.number);
	if (r.number[IDNUM_LEN - 1] != want)
		return err_set_at(e, ERR_INVALID, IDNUM_ID, IDNUM_WHERE,
				  "the check digit (character 18) should be %c, "
				  "not %c", want, r.number[IDNUM_LEN - 1]);
	r.gender = (r.number[16] - '0') % 2 ? IDNUM_MALE : IDNUM_FEMALE;
	if (out)
		*out = r;
	return 0;
}

void idnum_mask(const char *number, char out[IDNUM_LEN + 1])
{
	bool whole = number && strlen(number) == IDNUM_LEN;
	for (size_t i = 0; i < IDNUM_LEN; i++)
		out[i] = whole && (i < 4 || i >= IDNUM_LEN - 4) ? number[i] : '*';
	out[IDNUM_LEN] = '\0';
}
