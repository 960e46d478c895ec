/* test_collate: sort keys in pinyin and stroke order. Expected orders
 * come from the pinyin of the characters and from their stroke counts in
 * the mainland standard (written beside each), never from the code's own
 * output; characters whose count CLDR takes differently (阝, 艹: see
 * collate.h) are left out of the order checks.
 * Must not touch anything outside the process. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/collate.h"
#include "base/err.h"

/* The key of s, as a new buf (free with buf_free). */
static struct buf key_of(enum collate_order o, const char *s)
{
	struct buf b = BUF_INIT;
	struct err e = ERR_INIT;
	int rc = collate_key(o, s, strlen(s), &b, &e);
	if (rc != 0)
		fail_msg("collate_key(\"%s\"): %s", s, e.msg);
	return b;
}

/* Compares like SQLite compares BLOBs: memcmp, then the shorter first. */
static int key_cmp(const struct buf *a, const struct buf *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->data, b->data, n);
	if (c != 0)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

/* Each name of names[0..n) sorts strictly before the next one. */
static void assert_ascending(enum collate_order o, const char *const *names,
			     size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		struct buf a = key_of(o, names[i]);
		struct buf b = key_of(o, names[i + 1]);
		if (key_cmp(&a, &b) >= 0)
			fail_msg("order %d: \"%s\" should sort before \"%s\"",
				 (int)o, names[i], names[i + 1]);
		buf_free(&a);
		buf_free(&b);
	}
}

static void test_stroke_counts(void **state)
{
	(void)state;
	static const char *const names[] = {
		"一", /* 1 */  "丁", /* 2 */  "马", /* 3 */  "王", /* 4 */
		"白", /* 5 */  "刘", /* 6 */  "李", /* 7 */  "周", /* 8 */
		"赵", /* 9 */  "钱", /* 10 */ "曹", /* 11 */ "彭", /* 12 */
		"潘", /* 15 */
	};
	assert_ascending(COLLATE_STROKE, names, sizeof names / sizeof *names);
	/* The brief's example, and the count decides before the code
	 * point: 王 (U+738B, 4) before 刘 (U+5218, 6). */
	static const char *const brief[] = { "丁", "王", "刘", "李" };
	assert_ascending(COLLATE_STROKE, brief, 4);
	/* Two-character names: the first character decides, then the
	 * second: 王五 (4, 4) < 王伟 (4, 6) < 刘一 (6, 1). */
	static const char *const full[] = { "王五", "王伟", "刘一" };
	assert_ascending(COLLATE_STROKE, full, 3);
}

static void test_pinyin(void **state)
{
	(void)state;
	/* an, bai, chen, ding, li, liu, wang, zhang, zhao */
	static const char *const names[] = {
		"安", "白", "陈", "丁", "李", "刘", "王", "张", "赵",
	};
	assert_ascending(COLLATE_PINYIN, names, sizeof names / sizeof *names);
	/* zhang san < zhang wei < zhao yi: the first syllable decides. */
	static const char *const full[] = { "张三", "张伟", "赵一" };
	assert_ascending(COLLATE_PINYIN, full, 3);
}

static void test_prefix(void **state)
{
	(void)state;
	static const char *const han[] = { "张", "张三", "张三丰" };
	static const char *const latin[] = { "", "Li", "Lin", "Ling" };
	for (int o = COLLATE_PINYIN; o <= COLLATE_STROKE; o++) {
		assert_ascending((enum collate_order)o, han, 3);
		assert_ascending((enum collate_order)o, latin, 4);
	}
}

/* The key ends with its only 0 byte, and is appended after what out
 * held; keys of different names differ, even by case or width only. */
static void test_key_shape(void **state)
{
	(void)state;
	static const char *const names[] = {
		"张三", "Zhang San", "zhang san", "ＺＨＡＮＧ", "123", "O'Brien",
		"😀", "欧阳娜娜", "", "a\tb",
	};
	size_t n = sizeof names / sizeof *names;
	struct buf keys[sizeof names / sizeof *names];
	for (int o = COLLATE_PINYIN; o <= COLLATE_STROKE; o++) {
		for (size_t i = 0; i < n; i++) {
			keys[i] = key_of((enum collate_order)o, names[i]);
			assert_true(keys[i].len > 0);
			assert_int_equal(keys[i].data[keys[i].len - 1], 0);
			assert_null(memchr(keys[i].data, 0, keys[i].len - 1));
		}
		for (size_t i = 0; i < n; i++)
			for (size_t k = i + 1; k < n; k++)
				assert_int_not_equal(key_cmp(&keys[i], &keys[k]),
						     0);
		struct buf b = BUF_INIT;
		struct err e = ERR_INIT;
		buf_puts(&b, "x");
		assert_int_equal(collate_key((enum collate_order)o, "张三", 6,
					     &b, &e), 0);
		assert_int_equal(b.len, 1 + keys[0].len);
		assert_memory_equal(b.data, "x", 1);
		assert_memory_equal(b.data + 1, keys[0].data, keys[0].len);
		buf_free(&b);
		for (size_t i = 0; i < n; i++)
			buf_free(&keys[i]);
	}
	/* An empty text may come as NULL. */
	struct buf b = BUF_INIT;
	struct err e = ERR_INIT;
	assert_int_equal(collate_key(COLLATE_PINYIN, NULL, 0, &b, &e), 0);
	assert_true(b.len > 0);
	buf_free(&b);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t len;
		const char *byte; /* the 1-based byte named in the message */
	} bad[] = {
		{ "\xE5\xBC", 2, "(byte 1)" },           /* 张 cut short */
		{ "\xE5\xBC\xA0\xFF", 4, "(byte 4)" },   /* 张 then 0xFF */
		{ "\xC0\xAF", 2, "(byte 1)" },           /* overlong '/' */
		{ "a\xED\xA0\x80", 4, "(byte 2)" },      /* a surrogate */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct buf b = BUF_INIT;
		struct err e = ERR_INIT;
		buf_puts(&b, "kept");
		assert_int_equal(collate_key(COLLATE_STROKE, bad[i].s,
					     bad[i].len, &b, &e), -1);
		assert_int_equal(e.code, ERR_INVALID);
		assert_string_equal(e.id, "invalid_utf8");
		assert_non_null(strstr(e.msg, "not valid UTF-8"));
		assert_non_null(strstr(e.msg, bad[i].byte));
		assert_int_equal(b.len, 4);
		buf_free(&b);
	}
}

static void test_too_long(void **state)
{
	(void)state;
	/* 341 x 张 = 1023 bytes: allowed, and a key longer than a name's. */
	char *s = malloc(COLLATE_TEXT_MAX + 2);
	assert_non_null(s);
	size_t n = 0;
	while (n + 3 <= COLLATE_TEXT_MAX) {
		memcpy(s + n, "张", 3);
		n += 3;
	}
	struct buf b = BUF_INIT;
	struct err e = ERR_INIT;
	assert_int_equal(collate_key(COLLATE_STROKE, s, n, &b, &e), 0);
	assert_true(b.len > 512);
	assert_int_equal(b.data[b.len - 1], 0);
	buf_reset(&b);
	/* Exactly the limit in ASCII is allowed; one byte more is not. */
	memset(s, 'a', COLLATE_TEXT_MAX + 1);
	assert_int_equal(collate_key(COLLATE_PINYIN, s, COLLATE_TEXT_MAX,
				     &b, &e), 0);
	buf_reset(&b);
	assert_int_equal(collate_key(COLLATE_PINYIN, s, COLLATE_TEXT_MAX + 1,
				     &b, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.id, "text_too_long");
	assert_non_null(strstr(e.msg, "1025 bytes"));
	assert_int_equal(b.len, 0);
	buf_free(&b);
	free(s);
}

static void test_bad_order_and_version(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct err e = ERR_INIT;
	assert_int_equal(collate_key((enum collate_order)7, "a", 1, &b, &e),
			 -1);
	assert_int_equal(e.code, ERR_INTERNAL);
	assert_int_equal(b.len, 0);
	char v[COLLATE_VERSION_MAX];
	for (int o = COLLATE_PINYIN; o <= COLLATE_STROKE; o++) {
		assert_int_equal(collate_version((enum collate_order)o, v, &e),
				 0);
		assert_true(strlen(v) >= 3);
		assert_int_equal(strspn(v, "0123456789."), strlen(v));
	}
}

/* --- many threads at once ------------------------------------------------ */

static const char *const thread_names[] = {
	"张三", "李四", "王五", "赵六", "欧阳修", "Zhang San", "丁一", "潘", "",
};
#define THREAD_NAMES (sizeof thread_names / sizeof *thread_names)
#define THREAD_COUNT 4
#define THREAD_ROUNDS 300

struct thread_job {
	const struct buf *want; /* [2][THREAD_NAMES], read only */
	size_t wrong;           /* keys that differed, or errors */
};

static void *thread_run(void *p)
{
	struct thread_job *job = p;
	struct buf b = BUF_INIT;
	for (int r = 0; r < THREAD_ROUNDS; r++) {
		for (size_t k = 0; k < 2 * THREAD_NAMES; k++) {
			size_t i = (k + (size_t)r) % (2 * THREAD_NAMES);
			enum collate_order o = i < THREAD_NAMES
						       ? COLLATE_PINYIN
						       : COLLATE_STROKE;
			const char *s = thread_names[i % THREAD_NAMES];
			struct err e = ERR_INIT;
			buf_reset(&b);
			if (collate_key(o, s, strlen(s), &b, &e) != 0 ||
			    b.len != job->want[i].len ||
			    memcmp(b.data, job->want[i].data, b.len) != 0)
				job->wrong++;
		}
	}
	buf_free(&b);
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	struct buf want[2 * THREAD_NAMES];
	for (size_t i = 0; i < 2 * THREAD_NAMES; i++)
		want[i] = key_of(i < THREAD_NAMES ? COLLATE_PINYIN
						  : COLLATE_STROKE,
				 thread_names[i % THREAD_NAMES]);
	pthread_t t[THREAD_COUNT];
	struct thread_job jobs[THREAD_COUNT];
	for (int i = 0; i < THREAD_COUNT; i++) {
		jobs[i] = (struct thread_job){ want, 0 };
		assert_int_equal(pthread_create(&t[i], NULL, thread_run,
						&jobs[i]), 0);
	}
	for (int i = 0; i < THREAD_COUNT; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(jobs[i].wrong, 0);
	}
	for (size_t i = 0; i < 2 * THREAD_NAMES; i++)
		buf_free(&want[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stroke_counts),
		cmocka_unit_test(test_pinyin),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_key_shape),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_bad_order_and_version),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests_name("collate", tests, NULL, NULL);
}
