/* collate: ICU sort keys in pinyin and stroke order.
 * Must not make keys with one UCollator from two threads at once, and
 * must not change a collator's settings once it is set up.
 *
 * Threads: each order's collator is opened and set up once
 * (pthread_once); after that it is only read, by ucol_clone and
 * ucol_getVersion, which ICU documents as safe to call concurrently. Each
 * thread that asks for a key gets its own clones, kept in a
 * thread-specific slot and closed by the slot's destructor when the
 * thread exits. A clone shares ICU's read-only tables with the original,
 * so it is cheap; a key then costs no lock, and relies on nothing more
 * than "one collator, one thread". */
#include "collate.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

#include "utf8.h"
#include "xmalloc.h"

#define COLLATE_ORDER_COUNT 2
#define COLLATE_KEY_STACK 512 /* bytes; a name's key fits, longer use the heap */

_Static_assert(COLLATE_VERSION_MAX >= U_MAX_VERSION_STRING_LENGTH,
	       "COLLATE_VERSION_MAX holds a version string");

static const char *const collate_locales[COLLATE_ORDER_COUNT] = {
	[COLLATE_PINYIN] = "zh@collation=pinyin",
	[COLLATE_STROKE] = "zh@collation=stroke",
};

struct collate_clones {
	UCollator *c[COLLATE_ORDER_COUNT];
};

static pthread_once_t collate_once = PTHREAD_ONCE_INIT;
static pthread_key_t collate_slot;
static bool collate_slot_ok;
/* Written once under collate_once, then only read. */
static UCollator *collate_base[COLLATE_ORDER_COUNT];
static UErrorCode collate_status[COLLATE_ORDER_COUNT];

static void collate_clones_free(void *p)
{
	struct collate_clones *t = p;
	if (!t)
		return;
	for (size_t i = 0; i < COLLATE_ORDER_COUNT; i++)
		ucol_close(t->c[i]);
	free(t);
}

/* Opens one order's collator: identical strength, so that texts that
 * differ in any code point get different keys, and full normalization, so
 * that canonically equivalent texts get the same one. */
static UCollator *collate_open(const char *locale, UErrorCode *st)
{
	UCollator *c = ucol_open(locale, st);
	/* Without the zh data ICU quietly falls back to the root order,
	 * which would sort Han by code point: refuse that. */
	if (U_SUCCESS(*st) && *st == U_USING_DEFAULT_WARNING)
		*st = U_MISSING_RESOURCE_ERROR;
	ucol_setAttribute(c, UCOL_STRENGTH, UCOL_IDENTICAL, st);
	ucol_setAttribute(c, UCOL_NORMALIZATION_MODE, UCOL_ON, st);
	if (U_FAILURE(*st)) {
		ucol_close(c);
		return NULL;
	}
	return c;
}

static void collate_init(void)
{
	collate_slot_ok =
		pthread_key_create(&collate_slot, collate_clones_free) == 0;
	for (size_t i = 0; i < COLLATE_ORDER_COUNT; i++) {
		collate_status[i] = U_ZERO_ERROR;
		collate_base[i] = collate_open(collate_locales[i],
					       &collate_status[i]);
	}
}

static int collate_check(enum collate_order o, struct err *e)
{
	if ((unsigned)o >= COLLATE_ORDER_COUNT)
		return err_set(e, ERR_INTERNAL, "collate_order",
			       "unknown collation order %d", (int)o);
	pthread_once(&collate_once, collate_init);
	if (!collate_base[o])
		return err_set(e, ERR_INTERNAL, "collate_icu",
			       "cannot open the ICU collation %s: %s (is ICU's "
			       "data, libicu72, installed?)",
			       collate_locales[o], u_errorName(collate_status[o]));
	return 0;
}

/* This thread's clone of o's collator, made on first use. */
static int collate_thread(enum collate_order o, UCollator **out,
			  struct err *e)
{
	if (!collate_slot_ok)
		return err_set(e, ERR_INTERNAL, "collate_thread",
			       "no thread-specific slot left for collators");
	struct collate_clones *t = pthread_getspecific(collate_slot);
	if (!t) {
		t = xcalloc(1, sizeof *t);
		if (pthread_setspecific(collate_slot, t) != 0) {
			free(t);
			return err_set(e, ERR_INTERNAL, "collate_thread",
				       "cannot keep this thread's collators");
		}
	}
	if (!t->c[o]) {
		UErrorCode st = U_ZERO_ERROR;
		UCollator *c = ucol_clone(collate_base[o], &st);
		if (U_FAILURE(st)) {
			ucol_close(c);
			return err_set(e, ERR_INTERNAL, "collate_icu",
				       "cannot clone the ICU collation %s: %s",
				       collate_locales[o], u_errorName(st));
		}
		t->c[o] = c;
	}
	*out = t->c[o];
	return 0;
}

/* Checks and converts utf8[0..len) to UTF-16 in u (COLLATE_TEXT_MAX
 * units: UTF-16 never needs more units than UTF-8 has bytes). */
static int collate_utf16(const char *utf8, size_t len,
			 UChar u[COLLATE_TEXT_MAX], int32_t *ulen,
			 struct err *e)
{
	size_t bad;
	if (len > COLLATE_TEXT_MAX)
		return err_set(e, ERR_INVALID, "text_too_long",
			       "the text to sort is %zu bytes long; at most "
			       "%d are allowed", len, COLLATE_TEXT_MAX);
	if (len == 0) {
		*ulen = 0;
		return 0;
	}
	if (!utf8_valid(utf8, len, &bad))
		return err_set(e, ERR_INVALID, "invalid_utf8",
			       "the text to sort is not valid UTF-8 (byte %zu)",
			       bad + 1);
	UErrorCode st = U_ZERO_ERROR;
	u_strFromUTF8(u, COLLATE_TEXT_MAX, ulen, utf8, (int32_t)len, &st);
	if (U_FAILURE(st))
		return err_set(e, ERR_INTERNAL, "collate_icu",
			       "cannot convert the text to sort: %s",
			       u_errorName(st));
	return 0;
}

int collate_key(enum collate_order o, const char *utf8, size_t len,
		struct buf *out, struct err *e)
{
	UChar u[COLLATE_TEXT_MAX];
	int32_t ulen;
	UCollator *c;
	if (collate_check(o, e) != 0 || collate_thread(o, &c, e) != 0 ||
	    collate_utf16(utf8, len, u, &ulen, e) != 0)
		return -1;
	uint8_t stack[COLLATE_KEY_STACK];
	uint8_t *key = stack;
	int32_t cap = (int32_t)sizeof stack;
	int32_t n = ucol_getSortKey(c, u, ulen, key, cap);
	if (n > cap) {
		/* Bounded: at most a few bytes per code point of a text of
		 * at most COLLATE_TEXT_MAX bytes. */
		cap = n;
		key = xmalloc((size_t)cap);
		n = ucol_getSortKey(c, u, ulen, key, cap);
	}
	int rc = 0;
	if (n <= 0 || n > cap)
		rc = err_set(e, ERR_INTERNAL, "collate_icu",
			     "ICU made no sort key for the text");
	else
		buf_append(out, key, (size_t)n); /* with the final 0 */
	if (key != stack)
		free(key);
	return rc;
}

int collate_version(enum collate_order o, char out[COLLATE_VERSION_MAX],
		    struct err *e)
{
	if (collate_check(o, e) != 0)
		return -1;
	UVersionInfo v;
	ucol_getVersion(collate_base[o], v);
	u_versionToString(v, out);
	return 0;
}
