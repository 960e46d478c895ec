/* account: lockout, session limits, and names. */
#include "account.h"

#include <string.h>

#include "base/utf8.h"

void account_after_failure(const struct account_policy *p, int64_t failed,
			   int64_t now, int64_t *failed_out,
			   int64_t *locked_until_out)
{
	failed++;
	if (failed >= p->lockout_failures) {
		*failed_out = 0;
		*locked_until_out = now + p->lockout_seconds * 1000;
	} else {
		*failed_out = failed;
		*locked_until_out = 0;
	}
}

bool account_locked_out(int64_t locked_until, int64_t now)
{
	return locked_until > now;
}

enum account_session_state
account_session_state(const struct account_policy *p, int64_t created,
		      int64_t last_seen, int64_t now)
{
	if (now - created >= p->max_seconds * 1000)
		return ACCOUNT_SESSION_EXPIRED;
	if (now - last_seen >= p->idle_seconds * 1000)
		return ACCOUNT_SESSION_IDLE;
	return ACCOUNT_SESSION_LIVE;
}

bool account_touch_due(const struct account_policy *p, int64_t last_seen,
		       int64_t now)
{
	return now - last_seen >= p->idle_seconds * 1000 / 20;
}

int account_check_username(const char *username, struct err *e)
{
	size_t n = strlen(username);
	if (n < 3 || n > ACCOUNT_USERNAME_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_username", "username",
				  "a user name has 3 to %d characters",
				  ACCOUNT_USERNAME_MAX);
	if (username[0] < 'a' || username[0] > 'z')
		return err_set_at(e, ERR_INVALID, "invalid_username", "username",
				  "a user name starts with a lower-case letter");
	for (size_t i = 0; i < n; i++) {
		char c = username[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return err_set_at(e, ERR_INVALID, "invalid_username",
					  "username",
					  "a user name may contain only a-z, 0-9, "
					  "'.', '_' and '-' (found '%c' at %zu)",
					  c >= 0x20 && c < 0x7f ? c : '?', i + 1);
	}
	return 0;
}

int account_check_display_name(const char *name, struct err *e)
{
	size_t n = strlen(name);
	if (n == 0 || n > ACCOUNT_DISPLAY_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_display_name",
				  "display_name",
				  "a display name has 1 to %d bytes",
				  ACCOUNT_DISPLAY_MAX);
	if (!utf8_valid(name, n, NULL))
		return err_set_at(e, ERR_INVALID, "invalid_display_name",
				  "display_name", "the display name is not UTF-8");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return err_set_at(e, ERR_INVALID, "invalid_display_name",
					  "display_name",
					  "the display name contains a control "
					  "character");
	return 0;
}
