/* password: policy checks, with a reason a person can act on. */
#include "password.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "base/utf8.h"

static bool password_contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle), h = strlen(hay);
	if (n == 0 || n > h)
		return false;
	for (size_t i = 0; i + n <= h; i++) {
		size_t k = 0;
		while (k < n && tolower((unsigned char)hay[i + k]) ==
				       tolower((unsigned char)needle[k]))
			k++;
		if (k == n)
			return true;
	}
	return false;
}

int password_check(const char *password, const char *username,
		   const char *field, struct err *e)
{
	size_t len = strlen(password);
	if (len > PASSWORD_MAX)
		return err_set_at(e, ERR_INVALID, "weak_password", field,
				  "the password is longer than %d bytes",
				  PASSWORD_MAX);
	if (!utf8_valid(password, len, NULL))
		return err_set_at(e, ERR_INVALID, "weak_password", field,
				  "the password is not valid UTF-8");
	if (utf8_length(password, len) < PASSWORD_MIN)
		return err_set_at(e, ERR_INVALID, "weak_password", field,
				  "the password must have at least %d characters",
				  PASSWORD_MIN);
	bool upper = false, lower = false, digit = false, other = false;
	for (const unsigned char *p = (const unsigned char *)password; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return err_set_at(e, ERR_INVALID, "weak_password", field,
					  "the password contains a control character");
		if (isupper(*p))
			upper = true;
		else if (islower(*p))
			lower = true;
		else if (isdigit(*p))
			digit = true;
		else
			other = true;
	}
	if ((int)upper + (int)lower + (int)digit + (int)other < 3)
		return err_set_at(e, ERR_INVALID, "weak_password", field,
				  "the password must mix at least three of: upper "
				  "case, lower case, digits, other characters");
	if (username && strlen(username) >= 3 &&
	    password_contains_ci(password, username))
		return err_set_at(e, ERR_INVALID, "weak_password", field,
				  "the password must not contain the user name");
	return 0;
}
