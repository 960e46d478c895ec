/* jsonw: JSON strings and numbers as text into a buf. */
#include "jsonw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/numtext.h"

void jsonw_text(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	buf_putc(b, '"');
	const char *run = s, *p = s;
	for (;; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(b, run, (size_t)(p - run));
		if (c == '\0')
			break;
		run = p + 1;
		if (c == '"' || c == '\\') {
			char esc[2] = { '\\', (char)c };
			buf_append(b, esc, 2);
		} else {
			char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4],
					hex[c & 15] };
			buf_append(b, esc, 6);
		}
	}
	buf_putc(b, '"');
}

size_t jsonw_number(char *out, double v)
{
	if (!isfinite(v)) {
		memcpy(out, "null", 4);
		return 4;
	}
	if (fabs(v) < 1e9)
		return numtext_fixed(out, v, 9, true);
	return (size_t)snprintf(out, JSONW_NUMBER_MAX, "%.15g", v);
}
