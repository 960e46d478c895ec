/* jsonw: the pieces of JSON text that outputs too big to build as jansson
 * trees (a trace of a million subjects) write straight into a buf: a
 * string with its escapes and a number. The caller writes the structure
 * (io/trace.c). */
#ifndef KAOHE_JSONW_H
#define KAOHE_JSONW_H

#include <stddef.h>

#include "base/buf.h"

/* A number at out (at most JSONW_NUMBER_MAX bytes, no NUL); returns its
 * length: below 1e9 in magnitude rounded to 9 decimals (trailing zeros
 * dropped), else with 15 significant digits; NaN and infinities: null. */
#define JSONW_NUMBER_MAX 48
size_t jsonw_number(char *out, double v);
/* s as a JSON string with its quotes, appended to out. */
void jsonw_text(struct buf *out, const char *s);

#endif
