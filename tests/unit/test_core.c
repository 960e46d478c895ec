/* test_core: the pure rules of the core layer: roles and the three-admin
 * split, the password policy, lockout and session limits, user names, and
 * the audit hash. Expected values are worked out by hand.
 * Must not do any I/O: core has none to test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/account.h"
#include "core/audit.h"
#include "core/password.h"
#include "core/role.h"

/* --- roles --------------------------------------------------------------- */

static void test_role_names(void **state)
{
	(void)state;
	static const char *const names[ROLE_COUNT] = {
		"sysadmin", "secadmin", "auditor", "assessor", "reporter", "cadre",
	};
	for (size_t i = 0; i < ROLE_COUNT; i++) {
		enum role r;
		assert_string_equal(role_name(role_at(i)), names[i]);
		assert_int_equal(role_parse(names[i], &r), 0);
		assert_int_equal(r, role_at(i));
	}
	assert_int_equal(role_at(3), ROLE_ASSESSOR);
	assert_null(role_name((enum role)0));
	assert_null(role_name((enum role)(ROLE_SYSADMIN | ROLE_AUDITOR)));
	enum role r = ROLE_CADRE;
	assert_int_equal(role_parse("Assessor", &r), -1);
	assert_int_equal(role_parse("", &r), -1);
	assert_int_equal(role_parse("admin", &r), -1);
	assert_int_equal(r, ROLE_CADRE); /* untouched on failure */
}

static void check_set_fails(role_set roles, bool has_unit, const char *id,
			    const char *where)
{
	struct err e = ERR_INIT;
	assert_int_equal(role_check_set(roles, has_unit, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.id, id);
	assert_string_equal(e.where, where);
}

static void test_role_check_set(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	check_set_fails(ROLE_SYSADMIN | ROLE_SECADMIN, false,
			"admin_roles_exclusive", "roles");
	check_set_fails(ROLE_SECADMIN | ROLE_AUDITOR, false,
			"admin_roles_exclusive", "roles");
	check_set_fails(ROLE_SYSADMIN | ROLE_ASSESSOR, false,
			"admin_roles_exclusive", "roles");
	check_set_fails(ROLE_AUDITOR | ROLE_REPORTER, true,
			"admin_roles_exclusive", "roles");
	check_set_fails(ROLE_REPORTER, false, "reporter_needs_unit", "unit_id");
	check_set_fails(ROLE_REPORTER | ROLE_CADRE, false,
			"reporter_needs_unit", "unit_id");
	assert_int_equal(role_check_set(ROLE_REPORTER, true, &e), 0);
	assert_int_equal(role_check_set(ROLE_ASSESSOR | ROLE_CADRE, false, &e), 0);
	assert_int_equal(role_check_set(ROLE_SYSADMIN, false, &e), 0);
	assert_int_equal(role_check_set(ROLE_AUDITOR, false, &e), 0);
	assert_int_equal(role_check_set(0, false, &e), 0);
}

/* --- passwords ----------------------------------------------------------- */

/* Expects password_check to refuse with a message containing words. */
static void weak(const char *password, const char *username,
		 const char *words)
{
	struct err e = ERR_INIT;
	assert_int_equal(password_check(password, username, "new_password", &e),
			 -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.id, "weak_password");
	assert_string_equal(e.where, "new_password");
	if (!strstr(e.msg, words))
		fail_msg("'%s': expected '%s' in '%s'", password, words, e.msg);
}

static void test_password_check(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	weak("Ab1-xyz", "zhangsan", "at least 10");
	weak("Abcdefg1-", "zhangsan", "at least 10"); /* 9 */
	weak("abcdefghij12", "zhangsan", "three");    /* lower and digits */
	weak("ABCDEFGHIJ!!", "zhangsan", "three");    /* upper and others */
	weak("My-ZhangSan-9", "zhangsan", "user name");
	weak("Abcdefgh1\t2", "zhangsan", "control");
	weak("Abcdefgh1-\x7f", "zhangsan", "control");
	weak("Abcdefgh1-\xc0\x80", "zhangsan", "UTF-8");
	/* 考核干部 + 3 = 7 code points though 15 bytes. */
	weak("考核干部Ab1", "zhangsan", "at least 10");
	char too_long[PASSWORD_MAX + 2];
	memset(too_long, 'a', PASSWORD_MAX + 1);
	memcpy(too_long, "A1-", 3);
	too_long[PASSWORD_MAX + 1] = '\0';
	weak(too_long, "zhangsan", "longer than");
	/* 8 Chinese characters + 3 = 11 code points; the Chinese bytes
	 * count as "other characters". */
	assert_int_equal(password_check("考核干部管理系统Ab1", "zhangsan", "p",
					&e), 0);
	assert_int_equal(password_check("Abcdefgh1-", "zhangsan", "p", &e), 0);
	assert_int_equal(password_check("Kaohe-2026-ok", "zhangsan", "p", &e), 0);
	assert_int_equal(password_check("Kaohe-2026-ok", NULL, "p", &e), 0);
	too_long[PASSWORD_MAX] = '\0'; /* exactly PASSWORD_MAX bytes */
	assert_int_equal(password_check(too_long, "zhangsan", "p", &e), 0);
}

/* --- accounts ------------------------------------------------------------ */

static const struct account_policy policy = { 5, 900, 1800, 43200 };

static void test_account_lockout(void **state)
{
	(void)state;
	int64_t failed = 0, locked = -1, now = 1000000;
	for (int64_t i = 1; i <= 4; i++) {
		account_after_failure(&policy, failed, now + i, &failed, &locked);
		assert_int_equal(failed, i);
		assert_int_equal(locked, 0);
		assert_false(account_locked_out(locked, now + i));
	}
	/* The fifth failure locks for 900 s (900000 ms, times are in ms) and
	 * starts the count again. */
	account_after_failure(&policy, failed, now, &failed, &locked);
	assert_int_equal(failed, 0);
	assert_int_equal(locked, now + 900000);
	assert_true(account_locked_out(locked, now + 899999));
	assert_false(account_locked_out(locked, now + 900000));
	account_after_failure(&policy, failed, now + 900000, &failed, &locked);
	assert_int_equal(failed, 1);
	assert_int_equal(locked, 0);
}

static void test_account_session_state(void **state)
{
	(void)state;
	/* Times in ms: login at 50 s. */
	const int64_t created = 50000;
	assert_int_equal(account_session_state(&policy, created, created, created),
			 ACCOUNT_SESSION_LIVE);
	/* Idle: 1799.999 s after the last request (at 51 s) is live, 1800 s
	 * is idle. */
	assert_int_equal(account_session_state(&policy, created, 51000, 1850999),
			 ACCOUNT_SESSION_LIVE);
	assert_int_equal(account_session_state(&policy, created, 51000, 1851000),
			 ACCOUNT_SESSION_IDLE);
	/* Expired: 43199.999 s after login is live, 43200 s is expired even
	 * with a request a second ago. */
	assert_int_equal(account_session_state(&policy, created, 43249000,
						43249999),
			 ACCOUNT_SESSION_LIVE);
	assert_int_equal(account_session_state(&policy, created, 43249000,
						43250000),
			 ACCOUNT_SESSION_EXPIRED);
	/* Both limits passed: expired wins. */
	assert_int_equal(account_session_state(&policy, created, created,
						50000000),
			 ACCOUNT_SESSION_EXPIRED);
	/* The last activity is recorded every 1800 / 20 = 90 s. */
	assert_false(account_touch_due(&policy, 51000, 140999));
	assert_true(account_touch_due(&policy, 51000, 141000));
}

static void bad_username(const char *name)
{
	struct err e = ERR_INIT;
	if (account_check_username(name, &e) != -1)
		fail_msg("'%s' was accepted", name);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.where, "username");
}

static void test_account_username(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	char name[ACCOUNT_USERNAME_MAX + 2];
	assert_int_equal(account_check_username("zhangsan", &e), 0);
	assert_int_equal(account_check_username("abc", &e), 0);
	assert_int_equal(account_check_username("zhang.san_01-x", &e), 0);
	memset(name, 'b', ACCOUNT_USERNAME_MAX);
	name[0] = 'a';
	name[ACCOUNT_USERNAME_MAX] = '\0';
	assert_int_equal(account_check_username(name, &e), 0); /* 64 */
	name[ACCOUNT_USERNAME_MAX] = 'b';
	name[ACCOUNT_USERNAME_MAX + 1] = '\0';
	bad_username(name); /* 65 */
	bad_username("ab");
	bad_username("");
	bad_username("Zhangsan");
	bad_username("1zhang");
	bad_username("_zhang");
	bad_username("zhang san");
	bad_username("zhangSan");
	bad_username("张三abc");
	bad_username("zhang\n");
}

/* --- audit --------------------------------------------------------------- */

static struct audit_record base_record(void)
{
	return (struct audit_record){
		.seq = 1,
		.at = "2026-11-29T18:31:03.123Z",
		.account = "zhangsan",
		.action = "session.login",
		.object = "account:12",
		.before = NULL,
		.after = "{\"ok\":true}",
		.client = "127.0.0.1",
		.prev_hash = AUDIT_GENESIS,
	};
}

static void test_audit_hash_known(void **state)
{
	(void)state;
	struct audit_record r = base_record();
	char a[SECRET_SHA256_HEX], b[SECRET_SHA256_HEX];
	/* SHA-256 (by sha256sum) of the serialisation, written out by hand:
	 * "kaohe-audit-v1\n1\n64:000...000\n24:2026-11-29T18:31:03.123Z\n"
	 * "8:zhangsan\n13:session.login\n10:account:12\n~\n"
	 * "11:{\"ok\":true}\n9:127.0.0.1\n". It pins the format: changing it
	 * breaks every chain already stored. */
	audit_hash(&r, a);
	assert_string_equal(a, "df8eb042f0e69cadfdd96e19b4f00f5f"
			       "8cefed7b65d51e31761ef965e8764870");
	audit_hash(&r, b);
	assert_string_equal(a, b);
}

static void test_audit_hash_fields(void **state)
{
	(void)state;
	const struct audit_record r0 = base_record();
	char h0[SECRET_SHA256_HEX], h[SECRET_SHA256_HEX];
	audit_hash(&r0, h0);
	for (int field = 0; field < 9; field++) {
		struct audit_record r = r0;
		switch (field) {
		case 0: r.seq = 2; break;
		case 1: r.at = "2026-11-29T18:31:03.124Z"; break;
		case 2: r.account = "lisi"; break;
		case 3: r.action = "session.logout"; break;
		case 4: r.object = "account:13"; break;
		case 5: r.before = "{}"; break;
		case 6: r.after = NULL; break;
		case 7: r.client = "127.0.0.2"; break;
		default:
			r.prev_hash = "10000000000000000000000000000000"
				      "00000000000000000000000000000000";
			break;
		}
		audit_hash(&r, h);
		if (strcmp(h, h0) == 0)
			fail_msg("changing field %d left the hash alike", field);
	}
}

static void test_audit_hash_boundaries(void **state)
{
	(void)state;
	struct audit_record r = base_record();
	char null_before[SECRET_SHA256_HEX], empty_before[SECRET_SHA256_HEX];
	char h1[SECRET_SHA256_HEX], h2[SECRET_SHA256_HEX];
	audit_hash(&r, null_before);
	r.before = "";
	audit_hash(&r, empty_before);
	assert_string_not_equal(null_before, empty_before);
	/* A NULL field is not the text "~" either. */
	r.before = "~";
	audit_hash(&r, h1);
	assert_string_not_equal(h1, null_before);
	/* Moving a byte from one field to the next changes the hash. */
	r = base_record();
	r.account = "ab";
	r.action = "c";
	audit_hash(&r, h1);
	r.account = "a";
	r.action = "bc";
	audit_hash(&r, h2);
	assert_string_not_equal(h1, h2);
	assert_int_equal(strlen(h1), 64);
	assert_int_equal(strspn(h1, "0123456789abcdef"), 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_role_check_set),
		cmocka_unit_test(test_password_check),
		cmocka_unit_test(test_account_lockout),
		cmocka_unit_test(test_account_session_state),
		cmocka_unit_test(test_account_username),
		cmocka_unit_test(test_audit_hash_known),
		cmocka_unit_test(test_audit_hash_fields),
		cmocka_unit_test(test_audit_hash_boundaries),
	};
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
