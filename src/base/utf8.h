/* utf8: checking that text is well-formed UTF-8 (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF). */
#ifndef KAOHE_UTF8_H
#define KAOHE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is valid UTF-8. When it is not and bad_at is not
 * NULL, *bad_at is the byte offset of the first bad sequence. */
bool utf8_valid(const char *s, size_t len, size_t *bad_at);
/* The number of code points in valid UTF-8 text. */
size_t utf8_length(const char *s, size_t len);

#endif
