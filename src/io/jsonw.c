/* jsonw: JSON text into a buf. */
#include "jsonw.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/numtext.h"

void jsonw_init(struct jsonw *w, struct buf *out)
{
	w->out = out;
	w->depth = 0;
	w->first[0] = true;
}

/* The comma before a value, unless it follows a key or starts a list. */
static void jsonw_sep(struct jsonw *w)
{
	if (!w->first[w->depth])
		buf_putc(w->out, ',');
	w->first[w->depth] = false;
}

static void jsonw_open(struct jsonw *w, char c)
{
	jsonw_sep(w);
	buf_putc(w->out, c);
	assert(w->depth + 1 < JSONW_DEPTH);
	w->first[++w->depth] = true;
}

void jsonw_object(struct jsonw *w)
{
	jsonw_open(w, '{');
}

void jsonw_array(struct jsonw *w)
{
	jsonw_open(w, '[');
}

void jsonw_end_object(struct jsonw *w)
{
	w->depth--;
	buf_putc(w->out, '}');
}

void jsonw_end_array(struct jsonw *w)
{
	w->depth--;
	buf_putc(w->out, ']');
}

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

void jsonw_key(struct jsonw *w, const char *key)
{
	jsonw_sep(w);
	buf_putc(w->out, '"');
	buf_append(w->out, key, strlen(key));
	buf_append(w->out, "\":", 2);
	w->first[w->depth] = true; /* the value takes no comma */
}

void jsonw_string(struct jsonw *w, const char *s)
{
	if (!s) {
		jsonw_null(w);
		return;
	}
	jsonw_sep(w);
	jsonw_text(w->out, s);
}

void jsonw_int(struct jsonw *w, int64_t v)
{
	jsonw_sep(w);
	buf_advance(w->out, numtext_i64(buf_reserve(w->out, NUMTEXT_MAX), v));
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

void jsonw_double(struct jsonw *w, double v)
{
	jsonw_sep(w);
	buf_advance(w->out, jsonw_number(buf_reserve(w->out, JSONW_NUMBER_MAX),
					 v));
}

void jsonw_raw(struct jsonw *w)
{
	jsonw_sep(w);
}

void jsonw_bool(struct jsonw *w, bool v)
{
	jsonw_sep(w);
	buf_puts(w->out, v ? "true" : "false");
}

void jsonw_null(struct jsonw *w)
{
	jsonw_sep(w);
	buf_puts(w->out, "null");
}

void jsonw_kstring(struct jsonw *w, const char *key, const char *s)
{
	jsonw_key(w, key);
	jsonw_string(w, s);
}

void jsonw_kint(struct jsonw *w, const char *key, int64_t v)
{
	jsonw_key(w, key);
	jsonw_int(w, v);
}

void jsonw_kdouble(struct jsonw *w, const char *key, double v)
{
	jsonw_key(w, key);
	jsonw_double(w, v);
}

void jsonw_kbool(struct jsonw *w, const char *key, bool v)
{
	jsonw_key(w, key);
	jsonw_bool(w, v);
}
