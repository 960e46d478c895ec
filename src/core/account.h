/* account: the rules of logging in and staying logged in. Pure: no I/O.
 * Lockout: after `lockout_failures` consecutive failed logins the account
 * is locked for `lockout_seconds`; a success resets the count. Sessions
 * end after `idle_seconds` without a request, or `max_seconds` after
 * login, whichever comes first. Policies are in seconds; every point in
 * time (now, locked_until, created, last_seen) is in milliseconds since
 * the epoch, so that no limit is cut short by rounding to the second. */
#ifndef KAOHE_ACCOUNT_H
#define KAOHE_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

#define ACCOUNT_USERNAME_MAX 64
#define ACCOUNT_DISPLAY_MAX 128

struct account_policy {
	int64_t lockout_failures; /* 5 */
	int64_t lockout_seconds;  /* 900 */
	int64_t idle_seconds;     /* 1800 */
	int64_t max_seconds;      /* 43200 */
};

/* The state after one more failed login at `now`: the new consecutive
 * failure count and, when it reaches the limit, the end of the lockout
 * (the count then starts again from 0). */
void account_after_failure(const struct account_policy *p, int64_t failed,
			   int64_t now, int64_t *failed_out,
			   int64_t *locked_until_out);
bool account_locked_out(int64_t locked_until, int64_t now);
/* Whether a request at `now` should record itself as the session's last
 * activity: when a twentieth of the idle time has passed since the last
 * record (so a session may end at most 5 % early, and a busy session
 * does not write on every request). */
bool account_touch_due(const struct account_policy *p, int64_t last_seen,
		       int64_t now);

enum account_session_state {
	ACCOUNT_SESSION_LIVE,
	ACCOUNT_SESSION_IDLE,    /* no request for too long */
	ACCOUNT_SESSION_EXPIRED, /* too long since login */
};

enum account_session_state
account_session_state(const struct account_policy *p, int64_t created,
		      int64_t last_seen, int64_t now);

/* A username: 3..64 characters of a-z, 0-9, '.', '_', '-', starting with
 * a letter (lower case, so that names do not differ by case alone). */
int account_check_username(const char *username, struct err *e);
/* A display name: 1..128 bytes of valid UTF-8 with no control characters. */
int account_check_display_name(const char *name, struct err *e);

#endif
