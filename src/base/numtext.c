/* numtext: decimal text of integers and of doubles rounded to a fixed
 * number of decimals. */
#include "numtext.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char numtext_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

/* v < 10000 as 4 digits, zeros in front. */
static void numtext_4(char *out, uint64_t v)
{
	memcpy(out, numtext_pairs + 2 * (v / 100), 2);
	memcpy(out + 2, numtext_pairs + 2 * (v % 100), 2);
}

/* The last n digits of v, zeros in front, at out[0..n): four at a time
 * from the right, so that the divisions are few and the table lookups
 * of each group independent. */
static void numtext_digits(char *out, uint64_t v, size_t n)
{
	while (n >= 4) {
		n -= 4;
		numtext_4(out + n, v % 10000);
		v /= 10000;
	}
	if (n >= 2) {
		n -= 2;
		memcpy(out + n, numtext_pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (n)
		out[0] = (char)('0' + v % 10);
}

size_t numtext_u64(char *out, uint64_t v)
{
	if (v < 10) {
		out[0] = (char)('0' + v);
		return 1;
	}
	if (v < 100) {
		memcpy(out, numtext_pairs + 2 * v, 2);
		return 2;
	}
	size_t n = 3;
	for (uint64_t x = v / 1000; x; x /= 10)
		n++;
	numtext_digits(out, v, n);
	return n;
}

size_t numtext_i64(char *out, int64_t v)
{
	if (v >= 0)
		return numtext_u64(out, (uint64_t)v);
	out[0] = '-';
	return 1 + numtext_u64(out + 1, 0 - (uint64_t)v);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NUMTEXT_SWAR 1
/* The 8 digits of v < 10^8 as byte values 0 to 9, the first digit in the
 * lowest byte (first in memory): the two 4-digit halves in 32-bit lanes,
 * split into 2-digit 16-bit lanes, then into bytes, every lane at once;
 * each division a multiplication, exact in its range (x / 100 is
 * x * 10486 >> 20 below 43699, x / 10 is x * 103 >> 10 below 179), and
 * no lane's product reaches the next. Checked for every v. */
static uint64_t numtext_swar8(uint64_t v)
{
	uint64_t x = v / 10000 | (v % 10000) << 32;
	uint64_t q = (x * 10486) >> 20 & UINT64_C(0x0000007F0000007F);
	x = q | (x - q * 100) << 16;
	q = (x * 103) >> 10 & UINT64_C(0x000F000F000F000F);
	return q | (x - q * 10) << 8;
}

/* fp < 10^9 as 9 digits at out; returns how many are kept (trim: up to
 * the last that is not 0; fp is not 0 then). */
static size_t numtext_frac9(char *out, uint64_t fp, bool trim)
{
	uint64_t d0 = fp / 100000000u;
	uint64_t w = numtext_swar8(fp - d0 * 100000000u);
	uint64_t text = w | UINT64_C(0x3030303030303030);
	out[0] = (char)('0' + d0);
	memcpy(out + 1, &text, 8);
	if (!trim)
		return 9;
	/* the zero bytes at the top of w are the trailing zeros */
	return w ? 9 - (size_t)__builtin_clzll(w) / 8 : 1;
}
#endif

static const double numtext_pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4,
					 1e5, 1e6, 1e7, 1e8, 1e9 };

/* Drops trailing zeros after a point, and the point when nothing is left
 * after it (not in "%.17g"'s exponent form, whose zeros are the
 * exponent's). */
static size_t numtext_trim(const char *out, size_t n)
{
	if (!memchr(out, '.', n) || memchr(out, 'e', n))
		return n;
	while (out[n - 1] == '0')
		n--;
	if (out[n - 1] == '.')
		n--;
	return n;
}

/* printf's own text, for the numbers the fast way cannot be sure of. */
static size_t numtext_printf(char *out, double v, int decimals, bool trim)
{
	char tmp[NUMTEXT_MAX + 320];
	int len = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
	size_t n = len > 0 && (size_t)len < NUMTEXT_MAX ? (size_t)len : 0;
	if (n == 0) { /* beyond what a trace or a table holds */
		len = snprintf(tmp, sizeof tmp, "%.17g", v);
		n = (size_t)len;
	}
	memcpy(out, tmp, n);
	if (trim) {
		n = numtext_trim(out, n);
		if (n == 2 && out[0] == '-' && out[1] == '0') {
			out[0] = '0';
			n = 1;
		}
	}
	return n;
}

size_t numtext_fixed(char *out, double v, int decimals, bool trim)
{
	if (decimals < 0 || decimals > 9)
		decimals = decimals < 0 ? 0 : 9;
	double scale = numtext_pow10[decimals];
	double y = fabs(v) * scale; /* one correctly rounded product */
	if (!(y < 0x1p50))
		return numtext_printf(out, v, decimals, trim);
	uint64_t whole = (uint64_t)y; /* y >= 0: truncation is floor */
	double frac = y - (double)whole;
	/* The product is the true one rounded to the nearest double; below
	 * 2^50 every half is a double, so rounding never carries a value
	 * across a half, only onto it. A product exactly on a half may be a
	 * true value just beside it: printf, which rounds the exact value
	 * (halves to even), decides those. */
	if (frac == 0.5)
		return numtext_printf(out, v, decimals, trim);
	uint64_t x = whole + (frac > 0.5);
	/* a division by a constant is a multiplication: the trace's 9
	 * decimals and the tables' 4 get one each */
	uint64_t ip = decimals == 9   ? x / 1000000000u
		      : decimals == 4 ? x / 10000u
				      : x / (uint64_t)scale;
	uint64_t fp = x - ip * (uint64_t)scale;
	size_t n = 0;
	if (signbit(v) && (!trim || x))
		out[n++] = '-';
	n += numtext_u64(out + n, ip);
	if (decimals == 0 || (trim && fp == 0))
		return n;
	out[n++] = '.';
#ifdef NUMTEXT_SWAR
	if (decimals == 9) /* the trace's numbers */
		return n + numtext_frac9(out + n, fp, trim);
#endif
	numtext_digits(out + n, fp, (size_t)decimals);
	size_t last = (size_t)decimals;
	if (trim)
		while (out[n + last - 1] == '0')
			last--;
	return n + last;
}
