/* password: the password policy. Pure: no I/O.
 * At least PASSWORD_MIN code points, at most PASSWORD_MAX bytes, at least
 * three of the four classes (upper case, lower case, digits, others), not
 * containing the username, valid UTF-8 with no control characters. */
#ifndef KAOHE_PASSWORD_H
#define KAOHE_PASSWORD_H

#include "base/err.h"

#define PASSWORD_MIN 10
#define PASSWORD_MAX 128

/* 0 when password may be used by username; else an error saying why,
 * naming the field `field`. */
int password_check(const char *password, const char *username,
		   const char *field, struct err *e);

#endif
