/* test_base: the base layer: buf, arena, utf8, err, config, wallclock,
 * secret, log levels and embed lookups. Expected values are worked out by
 * hand or taken from standards (FIPS 180-2 for SHA-256, RFC 3629 for
 * UTF-8), never copied from the code's own output.
 * Must not touch anything outside its own temporary files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/config.h"
#include "base/embed.h"
#include "base/fdio.h"
#include "base/err.h"
#include "base/log.h"
#include "base/numtext.h"
#include "base/secret.h"
#include "base/utf8.h"
#include "base/wallclock.h"
#include "base/xmalloc.h"

/* --- buf ----------------------------------------------------------------- */

static void test_buf_append(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_string_equal(buf_str(&b), "");
	buf_append(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 3);
	assert_int_equal(b.data[3], '\0');
	buf_puts(&b, "cd");
	buf_putc(&b, 'e');
	assert_int_equal(b.len, 6);
	assert_memory_equal(b.data, "a\0bcde", 7); /* with the final NUL */
	buf_append(&b, "", 0);
	assert_int_equal(b.len, 6);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
	buf_free(&b);
	buf_free(NULL);
	assert_null(b.data);
}

static void test_buf_printf_growth(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	/* 0-9: 10 x 2, 10-99: 90 x 3, 100-999: 900 x 4 bytes. */
	assert_int_equal(b.len, 20 + 270 + 3600);
	assert_int_equal(strlen(b.data), b.len);
	assert_memory_equal(b.data, "0,1,2,", 6);
	assert_string_equal(b.data + b.len - 8, "998,999,");
	assert_true(b.cap > b.len);
	buf_reset(&b);
	char big[10001];
	memset(big, 'x', 10000);
	big[10000] = '\0';
	buf_printf(&b, "[%s]", big);
	assert_int_equal(b.len, 10002);
	assert_int_equal(b.data[10001], ']');
	buf_printf(&b, "%s", "");
	assert_int_equal(b.len, 10002);
	buf_free(&b);
}

static void test_buf_take(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_puts(&b, "hello");
	char *s = buf_take(&b);
	assert_string_equal(s, "hello");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);
	s = buf_take(&b); /* an empty buf gives "", still to be freed */
	assert_string_equal(s, "");
	free(s);
	buf_puts(&b, "again");
	assert_string_equal(buf_str(&b), "again");
	buf_free(&b);
}

/* --- arena --------------------------------------------------------------- */

static void test_arena_many(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	enum { N = 10000 };
	unsigned char **p = xcalloc(N, sizeof *p);
	for (size_t i = 0; i < N; i++) {
		size_t n = i % 100 + 1;
		p[i] = arena_alloc(&a, n);
		assert_int_equal((uintptr_t)p[i] % 16, 0);
		memset(p[i], (int)(i & 0xff), n);
	}
	/* Nothing overlapped: every block still holds its own byte. */
	for (size_t i = 0; i < N; i++)
		for (size_t k = 0; k < i % 100 + 1; k++)
			assert_int_equal(p[i][k], i & 0xff);
	/* 100 rounds of 1 + 2 + ... + 100 = 5050 bytes. */
	assert_int_equal(a.total, 505000);
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
	free(p);
}

static void test_arena_large(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char *small1 = arena_alloc(&a, 10);
	unsigned char *big = arena_alloc(&a, (size_t)1 << 20);
	char *mid = arena_alloc(&a, 3000);
	char *small2 = arena_alloc(&a, 10);
	assert_int_equal((uintptr_t)big % 16, 0);
	assert_int_equal((uintptr_t)mid % 16, 0);
	assert_int_equal((uintptr_t)small2 % 16, 0);
	memset(big, 0x5A, (size_t)1 << 20);
	memset(mid, 'm', 3000);
	memcpy(small1, "123456789", 10);
	memcpy(small2, "abcdefghi", 10);
	assert_int_equal(big[0], 0x5A);
	assert_int_equal(big[((size_t)1 << 20) - 1], 0x5A);
	assert_string_equal(small1, "123456789");
	assert_int_equal(a.total, 10 + 1048576 + 3000 + 10);
	unsigned char *z = arena_zalloc(&a, 64);
	for (int i = 0; i < 64; i++)
		assert_int_equal(z[i], 0);
	arena_free(&a);
	/* The arena can be used again after arena_free. */
	assert_string_equal(arena_strdup(&a, "again"), "again");
	arena_free(&a);
}

static void test_arena_strings(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	assert_string_equal(arena_strdup(&a, "考核"), "考核");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_string_equal(arena_printf(&a, "%s-%d", "考核", 2026), "考核-2026");
	assert_string_equal(arena_printf(&a, "%s", ""), "");
	char *p = arena_printf(&a, "%05.1f|%-3s|%x", 3.14159, "a", 255u);
	assert_string_equal(p, "003.1|a  |ff");
	assert_int_equal((uintptr_t)p % 16, 0);
	arena_free(&a);
}

/* --- utf8 (RFC 3629) ------------------------------------------------------ */

static bool valid(const char *s, size_t len, size_t *bad_at)
{
	*bad_at = 9999;
	return utf8_valid(s, len, bad_at);
}

static void test_utf8_valid_text(void **state)
{
	(void)state;
	size_t bad;
	/* 考 U+8003 = E8 80 83, 核 U+6838 = E6 A0 B8. */
	assert_memory_equal("考核", "\xe8\x80\x83\xe6\xa0\xb8", 6);
	const char *zh = "干部考核：优秀、称职";
	assert_true(valid(zh, strlen(zh), &bad));
	assert_int_equal(bad, 9999); /* untouched when valid */
	assert_true(valid("a\0b", 3, &bad)); /* U+0000 is a character */
	assert_true(valid("", 0, &bad));
	assert_true(valid("\xed\x9f\xbf", 3, &bad));     /* U+D7FF */
	assert_true(valid("\xee\x80\x80", 3, &bad));     /* U+E000 */
	assert_true(valid("\xf0\x9f\x98\x80", 4, &bad)); /* U+1F600 */
	assert_true(valid("\xf4\x8f\xbf\xbf", 4, &bad)); /* U+10FFFF */
	assert_true(utf8_valid(zh, strlen(zh), NULL));
	assert_int_equal(utf8_length("考核ab", strlen("考核ab")), 4);
	assert_int_equal(utf8_length(zh, strlen(zh)), 10);
}

static void test_utf8_invalid(void **state)
{
	(void)state;
	size_t bad;
	assert_false(valid("\xc0\x80", 2, &bad)); /* overlong U+0000 */
	assert_int_equal(bad, 0);
	assert_false(valid("ok\xc0\x80", 4, &bad));
	assert_int_equal(bad, 2);
	assert_false(valid("\xc1\xbf", 2, &bad)); /* overlong U+007F */
	assert_false(valid("\xe0\x80\xaf", 3, &bad)); /* overlong '/' */
	assert_false(valid("\xf0\x8f\xbf\xbf", 4, &bad)); /* overlong U+FFFF */
	assert_false(valid("\xed\xa0\x80", 3, &bad)); /* surrogate U+D800 */
	assert_int_equal(bad, 0);
	assert_false(valid("\xed\xbf\xbf", 3, &bad)); /* surrogate U+DFFF */
	assert_false(valid("\xf4\x90\x80\x80", 4, &bad)); /* U+110000 */
	assert_int_equal(bad, 0);
	assert_false(valid("\xf5\x80\x80\x80", 4, &bad));
	assert_false(valid("\x80", 1, &bad)); /* continuation alone */
	assert_false(valid("\xff", 1, &bad));
	/* Truncated at the end. */
	assert_false(valid("abc\xe8\x80", 5, &bad));
	assert_int_equal(bad, 3);
	assert_false(valid("\xf0\x9f\x98", 3, &bad));
	assert_int_equal(bad, 0);
	/* A sequence cut by an ASCII byte. */
	assert_false(valid("\xe8\x80" "A", 3, &bad));
	assert_int_equal(bad, 0);
	/* The offset is in bytes: two 3-byte characters come first. */
	assert_false(valid("考核\xff!", 8, &bad));
	assert_int_equal(bad, 6);
	assert_false(utf8_valid("\xff", 1, NULL));
}

/* --- err ----------------------------------------------------------------- */

static void test_err_set(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	assert_true(err_is(&e, ERR_NONE));
	assert_int_equal(err_set(&e, ERR_INVALID, "bad_line", "line %d: %s", 12,
				 "oops"), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.id, "bad_line");
	assert_string_equal(e.msg, "line 12: oops");
	assert_string_equal(e.where, "");
	assert_int_equal(err_set_at(&e, ERR_INVALID, "unknown_scheme",
				    "subjects.csv:12:3", "unknown scheme '%s'",
				    "bonded-2025"), -1);
	assert_string_equal(e.where, "subjects.csv:12:3");
	assert_string_equal(e.msg, "unknown scheme 'bonded-2025'");
	/* A later err_set clears the location; a NULL id takes the code's. */
	err_set(&e, ERR_NOT_FOUND, NULL, "no such cycle");
	assert_string_equal(e.where, "");
	assert_string_equal(e.id, "not_found");
	assert_true(err_is(&e, ERR_NOT_FOUND));
	assert_false(err_is(NULL, ERR_NOT_FOUND));
	assert_int_equal(err_set(NULL, ERR_INTERNAL, NULL, "nobody listens"), -1);
	err_clear(&e);
	assert_int_equal(e.code, ERR_NONE);
	assert_string_equal(e.msg, "");
	assert_string_equal(e.id, "");
	err_clear(NULL);
	assert_string_equal(err_code_name(ERR_STORE), "store");
	assert_string_equal(err_code_name(ERR_CONFLICT), "conflict");
}

static void test_err_truncates(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	char long_text[1000], long_id[100];
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	memset(long_id, 'i', sizeof long_id - 1);
	long_id[sizeof long_id - 1] = '\0';
	err_set_at(&e, ERR_TOO_LARGE, long_id, long_text, "%s", long_text);
	assert_int_equal(strlen(e.msg), ERR_MSG_MAX - 1);
	assert_int_equal(strlen(e.where), ERR_WHERE_MAX - 1);
	assert_int_equal(strlen(e.id), sizeof e.id - 1);
}

/* --- config -------------------------------------------------------------- */

static const struct config_def test_defs[] = {
	{ "listen_port", CONFIG_INT, "8080", 1, 65535, "TCP port" },
	{ "web_dir", CONFIG_STRING, NULL, 0, 0, "web files" },
	{ "secure_cookies", CONFIG_BOOL, "true", 0, 0, "Secure cookies" },
};
#define TEST_NDEFS (sizeof test_defs / sizeof *test_defs)

#define TEST_PATH_MAX 256

/* Writes text to a new temporary file; its path goes to path. */
static void write_temp(const char *text, char path[TEST_PATH_MAX])
{
	const char *tmp = getenv("TMPDIR");
	snprintf(path, TEST_PATH_MAX, "%s/kaohe-ini-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t n = strlen(text);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
}

static void test_config_defaults(void **state)
{
	(void)state;
	struct config cfg;
	config_init(&cfg, test_defs, TEST_NDEFS);
	assert_int_equal(config_int(&cfg, "listen_port"), 8080);
	assert_null(config_str(&cfg, "web_dir"));
	assert_true(config_bool(&cfg, "secure_cookies"));
	assert_string_equal(cfg.sources[0], "default");
	struct err e = ERR_INIT;
	assert_int_equal(config_set(&cfg, "secure_cookies", "no", "flag", &e), 0);
	assert_false(config_bool(&cfg, "secure_cookies"));
	assert_int_equal(config_set(&cfg, "colour", "blue", "flag", &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.id, "unknown_setting");
	assert_int_equal(config_set(&cfg, "secure_cookies", "maybe", "flag", &e),
			 -1);
	assert_false(config_bool(&cfg, "secure_cookies")); /* unchanged */
	config_free(&cfg);
	config_free(&cfg);
}

static void test_config_ini(void **state)
{
	(void)state;
	struct config cfg;
	struct err e = ERR_INIT;
	char path[TEST_PATH_MAX];
	write_temp("# kaohe settings\n"
		   "; another comment\n"
		   "\n"
		   "[kaohe]\n"
		   "listen_port = 9090\n"
		   "  web_dir=/srv/kaohe/web  \n"
		   "secure_cookies = off\n", path);
	config_init(&cfg, test_defs, TEST_NDEFS);
	assert_int_equal(config_load_ini(&cfg, path, &e), 0);
	assert_int_equal(config_int(&cfg, "listen_port"), 9090);
	assert_string_equal(config_str(&cfg, "web_dir"), "/srv/kaohe/web");
	assert_false(config_bool(&cfg, "secure_cookies"));
	assert_string_equal(cfg.sources[0], "file");
	config_free(&cfg);
	unlink(path);
}

/* Loads text as an INI file and expects an error at line `line` whose
 * message contains `words`. */
static void ini_error(const char *text, int line, const char *words)
{
	struct config cfg;
	struct err e = ERR_INIT;
	char path[TEST_PATH_MAX], where[TEST_PATH_MAX + 16];
	write_temp(text, path);
	snprintf(where, sizeof where, "%s:%d", path, line);
	config_init(&cfg, test_defs, TEST_NDEFS);
	assert_int_equal(config_load_ini(&cfg, path, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.where, where);
	assert_non_null(strstr(e.msg, where));
	assert_non_null(strstr(e.msg, words));
	config_free(&cfg);
	unlink(path);
}

static void test_config_ini_errors(void **state)
{
	(void)state;
	ini_error("[kaohe]\nlisten_port = 80\ncolour = blue\n", 3, "colour");
	ini_error("listen_port = eighty\n", 1, "listen_port");
	ini_error("# port\nlisten_port = 70000\n", 2, "outside 1..65535");
	ini_error("\n[server]\n", 2, "[server]");
	ini_error("web_dir\n", 1, "key = value");
	struct config cfg;
	struct err e = ERR_INIT;
	config_init(&cfg, test_defs, TEST_NDEFS);
	assert_int_equal(config_load_ini(&cfg, "/nonexistent/kaohe.ini", &e), -1);
	assert_non_null(strstr(e.msg, "/nonexistent/kaohe.ini"));
	config_free(&cfg);
}

static void test_config_env(void **state)
{
	(void)state;
	struct config cfg;
	struct err e = ERR_INIT;
	char path_var[] = "PATH=/usr/bin", near[] = "KAOHE_LISTEN_PORTX=1",
	     port[] = "KAOHE_LISTEN_PORT=7070", dir[] = "KAOHE_WEB_DIR=/opt/web",
	     maybe[] = "KAOHE_SECURE_COOKIES=maybe";
	char *env[] = { path_var, near, port, dir, NULL };
	config_init(&cfg, test_defs, TEST_NDEFS);
	assert_int_equal(config_set(&cfg, "listen_port", "9090", "file", &e), 0);
	assert_int_equal(config_load_env(&cfg, env, &e), 0);
	assert_int_equal(config_int(&cfg, "listen_port"), 7070);
	assert_string_equal(cfg.sources[0], "env");
	assert_string_equal(config_str(&cfg, "web_dir"), "/opt/web");
	assert_true(config_bool(&cfg, "secure_cookies"));
	char *bad[] = { maybe, NULL };
	assert_int_equal(config_load_env(&cfg, bad, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_non_null(strstr(e.msg, "KAOHE_SECURE_COOKIES"));
	config_free(&cfg);
}

static void test_config_flags(void **state)
{
	(void)state;
	struct config cfg;
	config_init(&cfg, test_defs, TEST_NDEFS);
	assert_ptr_equal(config_find_flag(&cfg, "--web-dir"), &test_defs[1]);
	assert_ptr_equal(config_find_flag(&cfg, "--web_dir"), &test_defs[1]);
	assert_ptr_equal(config_find_flag(&cfg, "--web-dir=/x=y"), &test_defs[1]);
	assert_ptr_equal(config_find_flag(&cfg, "--listen-port=8081"),
			 &test_defs[0]);
	assert_null(config_find_flag(&cfg, "--web"));
	assert_null(config_find_flag(&cfg, "--web-dir-x"));
	assert_null(config_find_flag(&cfg, "-web-dir"));
	assert_null(config_find_flag(&cfg, "web-dir"));
	assert_null(config_find_flag(&cfg, "--"));
	config_free(&cfg);
}

/* --- wallclock ----------------------------------------------------------- */

static void test_wallclock_iso(void **state)
{
	(void)state;
	char out[WALLCLOCK_ISO_LEN];
	wallclock_iso(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00.000Z");
	wallclock_iso(86399999, out); /* the last millisecond of day 0 */
	assert_string_equal(out, "1970-01-01T23:59:59.999Z");
	/* 1796000000 s = 20787 days (1795996800 s) + 3200 s (00:53:20).
	 * Day 10957 is 2000-01-01, 19723 (+ 6 x 1461) is 2024-01-01; 1064
	 * days on: 366 (2024) + 365 (2025) leave day 333 of 2026, which is
	 * 30 November. */
	wallclock_iso(INT64_C(1796000000123), out);
	assert_string_equal(out, "2026-11-30T00:53:20.123Z");
	/* 2000-02-29 is day 10957 + 31 + 28 = 11016: 951782400 s. */
	wallclock_iso(INT64_C(951782400999), out);
	assert_string_equal(out, "2000-02-29T00:00:00.999Z");
	int64_t ms = wallclock_now_ms();
	assert_true(ms > INT64_C(1700000000000)); /* after November 2023 */
	int64_t s = wallclock_now();
	assert_true(s >= ms / 1000 && s <= ms / 1000 + 5);
}

/* --- secret -------------------------------------------------------------- */

static int secret_setup(void **state)
{
	(void)state;
	return secret_init();
}

static void test_secret_sha256(void **state)
{
	(void)state;
	char hex[SECRET_SHA256_HEX];
	/* FIPS 180-2, appendix B.1. */
	secret_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
				 "b00361a396177a9cb410ff61f20015ad");
	secret_sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
				 "27ae41e4649b934ca495991b7852b855");
}

static void test_secret_token(void **state)
{
	(void)state;
	char a[SECRET_TOKEN_LEN + 1], b[SECRET_TOKEN_LEN + 1];
	secret_token(a);
	secret_token(b);
	assert_int_equal(strlen(a), 43);
	assert_int_equal(strlen(b), 43);
	assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "abcdefghijklmnopqrstuvwxyz0123456789-_"), 43);
	assert_string_not_equal(a, b);
	assert_true(secret_equal(a, a));
	assert_false(secret_equal(a, b));
	assert_false(secret_equal("abc", "abcd"));
}

static void test_secret_password(void **state)
{
	(void)state;
	char hash[SECRET_HASH_MAX];
	assert_int_equal(secret_password_hash("Correct-Horse-9", hash), 0);
	assert_memory_equal(hash, "$argon2id$", 10);
	assert_true(secret_password_verify(hash, "Correct-Horse-9"));
	assert_false(secret_password_verify(hash, "correct-horse-9"));
	assert_false(secret_password_verify(hash, ""));
	assert_false(secret_password_verify("not a hash", "Correct-Horse-9"));
	secret_password_dummy("anything");   /* makes the dummy hash once */
	assert_int_equal(secret_password_dummy_prepare(), 0);
	assert_int_equal(secret_password_dummy_prepare(), 0);
}

static void test_secret_random_password(void **state)
{
	(void)state;
	char a[17], b[17];
	secret_password_random(a, sizeof a);
	secret_password_random(b, sizeof b);
	assert_int_equal(strlen(a), 16);
	assert_string_not_equal(a, b);
	/* One of each class, and none of the look-alikes 0 O 1 l I. */
	assert_true(strpbrk(a, "ABCDEFGHJKLMNPQRSTUVWXYZ") != NULL);
	assert_true(strpbrk(a, "abcdefghijkmnpqrstuvwxyz") != NULL);
	assert_true(strpbrk(a, "23456789") != NULL);
	assert_true(strpbrk(a, "-_.+=@%") != NULL);
	assert_null(strpbrk(a, "0O1lI"));
}

/* --- log, embed, xmalloc ------------------------------------------------- */

static void test_small_things(void **state)
{
	(void)state;
	enum log_level level = LOG_ERROR;
	assert_int_equal(log_level_parse("debug", &level), 0);
	assert_int_equal(level, LOG_DEBUG);
	assert_int_equal(log_level_parse("warn", &level), 0);
	assert_int_equal(level, LOG_WARN);
	assert_int_equal(log_level_parse("verbose", &level), -1);
	static const unsigned char one[] = "1", two[] = "22";
	const struct embed_file table[] = {
		{ "a/one.txt", one, 1 }, { "two.txt", two, 2 }, { NULL, NULL, 0 },
	};
	assert_ptr_equal(embed_find(table, "two.txt"), &table[1]);
	assert_null(embed_find(table, "one.txt"));
	char *s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
}


/* printf's "%.*f" of v, trailing zeros dropped and "-0" made "0" when
 * trim: what numtext_fixed must write. */
static void printf_fixed(char *out, size_t cap, double v, int d, bool trim)
{
	snprintf(out, cap, "%.*f", d, v);
	if (!trim || !strchr(out, '.'))
		goto sign;
	size_t n = strlen(out);
	while (out[n - 1] == '0')
		out[--n] = '\0';
	if (out[n - 1] == '.')
		out[--n] = '\0';
sign:
	if (trim && strcmp(out, "-0") == 0)
		strcpy(out, "0");
}

static void check_fixed(double v, int d)
{
	for (int trim = 0; trim < 2; trim++) {
		char want[400], got[NUMTEXT_MAX + 1];
		printf_fixed(want, sizeof want, v, d, trim);
		size_t n = numtext_fixed(got, v, d, trim);
		got[n] = '\0';
		if (strcmp(want, got) != 0)
			fail_msg("%.17g to %d decimals%s: printf %s, numtext %s",
				 v, d, trim ? " (trimmed)" : "", want, got);
	}
}

static void test_numtext(void **state)
{
	(void)state;
	char t[NUMTEXT_MAX + 1];
	t[numtext_i64(t, INT64_MIN)] = '\0';
	assert_string_equal(t, "-9223372036854775808");
	t[numtext_u64(t, UINT64_MAX)] = '\0';
	assert_string_equal(t, "18446744073709551615");
	t[numtext_i64(t, 0)] = '\0';
	assert_string_equal(t, "0");
	/* every count of digits, at both ends */
	for (uint64_t p = 1; p && p <= UINT64_MAX / 10; p *= 10) {
		const uint64_t around[] = { p - 1, p, p + 1, p * 10 - 1 };
		for (size_t k = 0; k < 4; k++) {
			char want[24];
			snprintf(want, sizeof want, "%llu",
				 (unsigned long long)around[k]);
			t[numtext_u64(t, around[k])] = '\0';
			assert_string_equal(t, want);
		}
	}
	/* Halves: printf rounds the exact binary value, ties to even. */
	static const double halves[] = {
		0.5, 1.5, 2.5, 0.125, 0.375, 2.675, 1.005, 0.00005, 1.00005,
		99.99995, 0.0000000005, 0.0000000015, 123456.5, -2.5, -0.00005,
		-0.0, 0.0, 1e-12, -1e-12, 7.68, 6.203076923, 1.181538462,
	};
	for (size_t k = 0; k < sizeof halves / sizeof *halves; k++)
		for (int d = 0; d <= 9; d++)
			check_fixed(halves[k], d);
	/* Numbers of every size, and k / 10^d just beside a half. */
	uint64_t x = 88172645463325252u;
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		int d = (int)(x % 10);
		double mag = pow(10.0, (double)((int)(x >> 8) % 22 - 10));
		double v = (double)(x >> 11) / 9007199254740992.0 * mag;
		if (x & 1)
			v = -v;
		check_fixed(v, d);
		double half = ((double)(x >> 40) + 0.5) / pow(10.0, d);
		check_fixed(half, d);
		check_fixed(nextafter(half, 0), d);
		check_fixed(nextafter(half, 1e300), d);
	}
	check_fixed(-1e20, 9);
	/* 9 decimals (the trace's numbers, made 8 digits at a time): every
	 * count of trailing zeros, zeros inside, and fractions of every
	 * kind. */
	for (int j = 0; j <= 10; j++)
		for (int k = 1; k < 200; k += 7) {
			check_fixed(k / pow(10.0, j), 9);
			check_fixed(-k / pow(10.0, j), 9);
			check_fixed(5 + k / pow(10.0, j), 9);
			check_fixed(1 + 1001 * k / pow(10.0, j + 4), 9);
		}
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double fp = (double)(x % 1000000000u) / 1e9;
		check_fixed((double)((x >> 32) % 1000) + fp, 9);
		check_fixed(fp / 1000, 9);
	}
	/* Too long for NUMTEXT_MAX: printf's shortest exact form instead. */
	t[numtext_fixed(t, 1e300, 4, false)] = '\0';
	assert_string_equal(t, "1.0000000000000001e+300");
	t[numtext_fixed(t, 1e300, 9, true)] = '\0';
	assert_string_equal(t, "1.0000000000000001e+300");
}

/* --- fd_sink ------------------------------------------------------------------ */

/* Writes len bytes of a pattern in pieces of odd sizes through a sink with
 * the given buffer, then reads the file back. Where the file system takes
 * O_DIRECT (as probed here by opening with it), the sink must use it. */
static void sink_round(const char *path, size_t len, size_t block)
{
	unsigned char *data = malloc(len + 1);
	uint32_t x = (uint32_t)(len * 2654435761u + block);
	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (unsigned char)(x >> 16);
	}
	int probe = open(path, O_WRONLY | O_CREAT | O_DIRECT, 0600);
	bool direct_ok = probe >= 0;
	if (probe >= 0)
		close(probe);
	struct fd_sink k;
	assert_int_equal(fd_sink_open(&k, path, block), 0);
	assert_int_equal(k.direct, direct_ok);
	assert_int_equal(k.cap % FD_SINK_ALIGN, 0);
	assert_true(k.cap >= block);
	size_t at = 0, piece = 1;
	while (at < len) {
		size_t n = len - at < piece ? len - at : piece;
		assert_int_equal(fd_sink_write(&k, data + at, n), 0);
		at += n;
		piece = piece * 7 % 10007 + 1;
	}
	assert_int_equal(fd_sink_close(&k), 0);
	assert_int_equal(k.fd, -1);
	assert_null(k.block);

	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	unsigned char *back = malloc(len + 1);
	assert_int_equal(fread(back, 1, len + 1, f), len);
	fclose(f);
	if (len)
		assert_memory_equal(back, data, len);
	free(back);
	free(data);
}

static void test_fd_sink(void **state)
{
	(void)state;
	char dir[] = "/tmp/kaohe-sink-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/out", dir);
	static const size_t lens[] = { 0, 1, 4095, 4096, 4097, 8192, 20000,
				       3 * 8192 + 17, 300000 };
	static const size_t blocks[] = { 1, 4096, 8192, 10000 };
	for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++)
		for (size_t l = 0; l < sizeof lens / sizeof *lens; l++)
			sink_round(path, lens[l], blocks[b]);
	/* a file that was longer is emptied first */
	sink_round(path, 5, 4096);

	/* a failing write is reported, by later writes and by close too */
	struct fd_sink k;
	assert_int_equal(fd_sink_open(&k, "/dev/full", 4096), 0);
	char bytes[5000] = { 0 };
	assert_int_equal(fd_sink_write(&k, bytes, sizeof bytes), ENOSPC);
	assert_int_equal(fd_sink_write(&k, bytes, 1), ENOSPC);
	assert_int_equal(fd_sink_close(&k), ENOSPC);
	/* and one at close, when all fitted in the buffer */
	assert_int_equal(fd_sink_open(&k, "/dev/full", 8192), 0);
	assert_int_equal(fd_sink_write(&k, bytes, sizeof bytes), 0);
	assert_int_equal(fd_sink_close(&k), ENOSPC);

	snprintf(path, sizeof path, "%s/no/such/folder", dir);
	assert_int_equal(fd_sink_open(&k, path, 4096), ENOENT);
	assert_null(k.block);
	assert_int_equal(fd_sink_write(&k, bytes, 10), ENOENT);
	assert_int_equal(fd_sink_close(&k), ENOENT);
	snprintf(path, sizeof path, "%s/out", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_append),
		cmocka_unit_test(test_buf_printf_growth),
		cmocka_unit_test(test_buf_take),
		cmocka_unit_test(test_arena_many),
		cmocka_unit_test(test_arena_large),
		cmocka_unit_test(test_arena_strings),
		cmocka_unit_test(test_utf8_valid_text),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_err_set),
		cmocka_unit_test(test_err_truncates),
		cmocka_unit_test(test_config_defaults),
		cmocka_unit_test(test_config_ini),
		cmocka_unit_test(test_config_ini_errors),
		cmocka_unit_test(test_config_env),
		cmocka_unit_test(test_config_flags),
		cmocka_unit_test(test_wallclock_iso),
		cmocka_unit_test(test_secret_sha256),
		cmocka_unit_test(test_secret_token),
		cmocka_unit_test(test_secret_password),
		cmocka_unit_test(test_secret_random_password),
		cmocka_unit_test(test_small_things),
		cmocka_unit_test(test_numtext),
		cmocka_unit_test(test_fd_sink),
	};
	return cmocka_run_group_tests_name("base", tests, secret_setup, NULL);
}
