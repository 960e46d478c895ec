/* collate: sort keys that put names in Chinese order, on ICU.
 * A key is a byte string; comparing two keys with memcmp (or their
 * hexadecimal forms as text, which app/people_order stores) orders their
 * texts by pinyin or by strokes, so that lists of people can be sorted in
 * SQL by a stored key.
 * It must not be used to check or clean names (that is the caller's job),
 * and keys must not outlive the ICU version that made them: store
 * collate_version() beside them and compute them again when it changes.
 * All functions are thread-safe.
 *
 * What the orders are (ICU 72, CLDR 42 data):
 *  - COLLATE_PINYIN: by the pinyin of each character. A character with
 *    several readings sorts by its common one, not by its reading as a
 *    surname (曾 as céng, 单 as dān).
 *  - COLLATE_STROKE: by the number of strokes of each character, then,
 *    among equal counts, by Unicode (radical) order, not by the first
 *    stroke (横竖撇点折) as the mainland 姓氏笔画 rule does: 张 comes
 *    before 李. CLDR counts some components the Taiwan way: 阝 as 3 and
 *    艹 as 4 strokes, 黄 as 12, 长 as 5, so 陈 sorts with the 8-stroke
 *    characters and 蔡 with the 15-stroke ones.
 *  In both, digits come first, then Han, then Latin letters (CLDR puts
 *  Han before Latin for Chinese).
 *  Names that differ in any character (case, width) never get equal
 *  keys; only canonically equivalent texts (composed/decomposed) do. */
#ifndef KAOHE_COLLATE_H
#define KAOHE_COLLATE_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

enum collate_order {
	COLLATE_PINYIN, /* ICU "zh@collation=pinyin" */
	COLLATE_STROKE, /* ICU "zh@collation=stroke" */
};

#define COLLATE_TEXT_MAX 1024   /* bytes of UTF-8 text one key is made of */
#define COLLATE_VERSION_MAX 32  /* "153.120.42" and its NUL, with room */

/* Appends to out the sort key of utf8[0..len) in order o (utf8 may be
 * NULL when len is 0). The key ends with a 0 byte and has no other 0
 * byte, so no key is a prefix of another: memcmp over the shorter length
 * decides, and a text that is a prefix of another ("张三", "张三丰") gets
 * the smaller key. Keys of several fields may be concatenated; the 0
 * keeps the fields apart.
 * Errors (out is then unchanged): ERR_INVALID "invalid_utf8" when the
 * text is not UTF-8, ERR_INVALID "text_too_long" when it is longer than
 * COLLATE_TEXT_MAX bytes, ERR_INTERNAL when ICU or its data fails. */
int collate_key(enum collate_order o, const char *utf8, size_t len,
		struct buf *out, struct err *e);

/* The version of ICU's collation for o, as dotted numbers
 * ("153.120.42"), into out. Keys made under another version may order
 * differently. ERR_INTERNAL when ICU or its data fails. */
int collate_version(enum collate_order o, char out[COLLATE_VERSION_MAX],
		    struct err *e);

#endif
