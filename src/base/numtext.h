/* numtext: numbers as decimal text, fast. printf's exact conversions cost
 * hundreds of nanoseconds a number, too much for a trace of a hundred
 * million; these give the same text in a few tens, and fall back on
 * printf for the rare number where a product's rounding could tell. */
#ifndef KAOHE_NUMTEXT_H
#define KAOHE_NUMTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Enough room for any number these write, with its sign. */
#define NUMTEXT_MAX 48

/* Decimal digits of v (with a minus sign for a negative one); returns the
 * length. out is not NUL-terminated. */
size_t numtext_u64(char *out, uint64_t v);
size_t numtext_i64(char *out, int64_t v);

/* v with `decimals` decimals (0 to 9), exactly as printf's "%.*f" writes
 * it; with trim, trailing zeros and a bare point are dropped and a zero
 * has no sign ("-0.0000" is "0"). v must be finite; one whose text
 * would not fit in NUMTEXT_MAX (beyond about 1e37) is written as "%.17g"
 * does. Returns the length; out is not NUL-terminated. */
size_t numtext_fixed(char *out, double v, int decimals, bool trim);

#endif
