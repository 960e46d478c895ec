/* jsonw: writing JSON text straight into a buf, for outputs too big to
 * build as jansson trees (a trace of a million subjects). The caller
 * writes the structure; jsonw handles commas, escaping and numbers. */
#ifndef KAOHE_JSONW_H
#define KAOHE_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define JSONW_DEPTH 16

struct jsonw {
	struct buf *out;
	int depth;
	bool first[JSONW_DEPTH]; /* no member written yet at this depth */
};

void jsonw_init(struct jsonw *w, struct buf *out);
void jsonw_object(struct jsonw *w);   /* { */
void jsonw_array(struct jsonw *w);    /* [ */
void jsonw_end_object(struct jsonw *w);
void jsonw_end_array(struct jsonw *w);
/* A member name, one of the program's own, written as it is (no
 * escaping); the value follows. */
void jsonw_key(struct jsonw *w, const char *key);
void jsonw_string(struct jsonw *w, const char *s); /* NULL: null */
void jsonw_int(struct jsonw *w, int64_t v);
/* A number: below 1e9 in magnitude rounded to 9 decimals (trailing
 * zeros dropped), else with 15 significant digits; NaN and infinities:
 * null. */
void jsonw_double(struct jsonw *w, double v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);
/* The text of jsonw_double's number at out (at most JSONW_NUMBER_MAX
 * bytes, no NUL); returns its length. */
#define JSONW_NUMBER_MAX 48
size_t jsonw_number(char *out, double v);
/* v as a JSON string with its quotes, appended to out. */
void jsonw_text(struct buf *out, const char *s);
/* Starts a value the caller writes into w->out itself (one whole JSON
 * value: rows of numbers made faster than call by call). */
void jsonw_raw(struct jsonw *w);
/* A member and its value in one call. */
void jsonw_kstring(struct jsonw *w, const char *key, const char *s);
void jsonw_kint(struct jsonw *w, const char *key, int64_t v);
void jsonw_kdouble(struct jsonw *w, const char *key, double v);
void jsonw_kbool(struct jsonw *w, const char *key, bool v);

#endif
