/* idnum: the 18-character resident ID number (公民身份号码, GB 11643-1999)
 * of a person record: checking it, reading the birth date and gender it
 * carries, and masking it for display. Pure: no I/O, no clock (the caller
 * passes today), and never logs a number (STYLE.md: no ID number in a log).
 *
 * The number is 6 digits of region (GB/T 2260), 8 of birth date YYYYMMDD,
 * 3 of sequence (odd for men, even for women) and a check digit 0-9 or X
 * (ISO 7064 MOD 11-2). */
#ifndef KAOHE_IDNUM_H
#define KAOHE_IDNUM_H

#include "base/err.h"

#define IDNUM_LEN 18
/* Birth dates before this year are refused: nobody born earlier is a
 * serving cadre, and an 18xx date is far likelier a typing error. */
#define IDNUM_MIN_YEAR 1900

/* The values are the codes of GB/T 2261.1 (1 male, 2 female). */
enum idnum_gender {
	IDNUM_MALE = 1,
	IDNUM_FEMALE = 2,
};

struct idnum {
	char number[IDNUM_LEN + 1]; /* normalised: a lowercase x made X */
	int birth_year, birth_month, birth_day;
	enum idnum_gender gender;   /* from the 17th digit */
};

/* Checks text as an 18-character resident ID number, with `today` the
 * current date as yyyymmdd (a birth date after it is refused). Fills out
 * (when not NULL) on success. On failure, an ERR_INVALID error with id
 * "invalid_id_number", where "id_number", and a message naming the problem
 * and its position; out is then left unspecified. Refuses spaces, the old
 * 15-digit form, a province code that does not exist, an impossible or
 * future date or one before IDNUM_MIN_YEAR, and a wrong check digit. */
int idnum_check(const char *text, int today, struct idnum *out,
		struct err *e);

/* The check digit ('0'-'9' or 'X') of the first 17 characters of digits17,
 * which must be digits. */
char idnum_check_digit(const char *digits17);

/* Writes number masked for display into out: the first 4 and last 4
 * characters kept, the 10 between as '*' ("4401**********1234"), and a
 * terminating NUL. Anything that is not 18 characters long (or NULL)
 * gives 18 '*', so that a malformed value never shows through. */
void idnum_mask(const char *number, char out[IDNUM_LEN + 1]);

#endif
