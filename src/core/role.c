/* role: names and the three-admin rule. */
#include "role.h"

#include <string.h>

static const char *const role_names[ROLE_COUNT] = {
	"sysadmin", "secadmin", "auditor", "assessor", "reporter", "cadre",
};

enum role role_at(size_t i)
{
	return (enum role)(1u << i);
}

const char *role_name(enum role r)
{
	for (size_t i = 0; i < ROLE_COUNT; i++)
		if ((unsigned)r == (1u << i))
			return role_names[i];
	return NULL;
}

int role_parse(const char *s, enum role *out)
{
	for (size_t i = 0; i < ROLE_COUNT; i++) {
		if (strcmp(s, role_names[i]) == 0) {
			*out = role_at(i);
			return 0;
		}
	}
	return -1;
}

static unsigned role_popcount(unsigned x)
{
	unsigned n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

int role_check_set(role_set roles, bool has_unit, struct err *e)
{
	role_set admins = roles & ROLE_ADMINS;
	if (role_popcount(admins) > 1)
		return err_set_at(e, ERR_INVALID, "admin_roles_exclusive", "roles",
				  "the system, security and audit administrator "
				  "roles must be held by different accounts");
	if (admins && (roles & ~(role_set)ROLE_ADMINS))
		return err_set_at(e, ERR_INVALID, "admin_roles_exclusive", "roles",
				  "an administrator account cannot also hold "
				  "business roles");
	if ((roles & ROLE_REPORTER) && !has_unit)
		return err_set_at(e, ERR_INVALID, "reporter_needs_unit", "unit_id",
				  "a reporter must be given the unit it reports for");
	return 0;
}
