/* role: what an account may do, as a set of bits.
 * The three admin roles of 等保 (三员分立) are exclusive: no account holds
 * two of them, and none of them is combined with a business role, so that
 * the people who run the system, grant rights and read the audit log are
 * three different people. Pure: no I/O. */
#ifndef KAOHE_ROLE_H
#define KAOHE_ROLE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

enum role {
	ROLE_SYSADMIN = 1 << 0, /* accounts and settings */
	ROLE_SECADMIN = 1 << 1, /* roles and permissions */
	ROLE_AUDITOR = 1 << 2,  /* the audit log */
	ROLE_ASSESSOR = 1 << 3, /* the organisation department */
	ROLE_REPORTER = 1 << 4, /* a unit's reporter, scoped to the unit */
	ROLE_CADRE = 1 << 5,    /* one's own record and results */
};

typedef unsigned role_set;

#define ROLE_COUNT 6
#define ROLE_ADMINS (ROLE_SYSADMIN | ROLE_SECADMIN | ROLE_AUDITOR)
#define ROLE_ALL ((role_set)((1u << ROLE_COUNT) - 1))
/* In a route's needs: anyone, even without a session. */
#define ROLE_ANONYMOUS 0u
/* In a route's needs: any logged-in account, whatever its roles. */
#define ROLE_ANY_ACCOUNT ROLE_ALL

/* "sysadmin", ...; NULL for anything but a single role bit. */
const char *role_name(enum role r);
/* The role named s; -1 when there is none. */
int role_parse(const char *s, enum role *out);
/* The i-th role (0 <= i < ROLE_COUNT), for walking all roles. */
enum role role_at(size_t i);
/* Checks a set an account is to hold: the admin split, and a reporter
 * needs a unit. */
int role_check_set(role_set roles, bool has_unit, struct err *e);

#endif
