/* err: filling in a struct err. */
#include "err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static void err_copy(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int err_vset(struct err *e, enum err_code code, const char *id,
		    const char *where, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

static int err_vset(struct err *e, enum err_code code, const char *id,
		    const char *where, const char *fmt, va_list ap)
{
	if (!e)
		return -1;
	e->code = code;
	err_copy(e->id, sizeof e->id, id ? id : err_code_name(code));
	err_copy(e->where, sizeof e->where, where ? where : "");
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	return -1;
}

int err_set(struct err *e, enum err_code code, const char *id,
	    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, code, id, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int err_set_at(struct err *e, enum err_code code, const char *id,
	       const char *where, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, code, id, where, fmt, ap);
	va_end(ap);
	return -1;
}

void err_clear(struct err *e)
{
	if (!e)
		return;
	e->code = ERR_NONE;
	e->id[0] = e->msg[0] = e->where[0] = '\0';
}

bool err_is(const struct err *e, enum err_code code)
{
	return e && e->code == code;
}

const char *err_code_name(enum err_code code)
{
	switch (code) {
	case ERR_NONE: return "none";
	case ERR_INVALID: return "invalid";
	case ERR_UNAUTHENTICATED: return "unauthenticated";
	case ERR_FORBIDDEN: return "forbidden";
	case ERR_NOT_FOUND: return "not_found";
	case ERR_CONFLICT: return "conflict";
	case ERR_LOCKED: return "locked";
	case ERR_TOO_LARGE: return "too_large";
	case ERR_UNSUPPORTED: return "unsupported";
	case ERR_STORE: return "store";
	case ERR_INTERNAL: return "internal";
	}
	return "internal";
}

void err_list_add(struct err_list *l, const struct err *e)
{
	size_t max = l->max ? l->max : ERR_LIST_DEFAULT_MAX;
	if (l->n >= max) {
		l->dropped++;
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	l->items[l->n++] = *e;
}

int err_list_set_at(struct err_list *l, enum err_code code, const char *id,
		    const char *where, const char *fmt, ...)
{
	struct err e = ERR_INIT;
	va_list ap;
	va_start(ap, fmt);
	err_vset(&e, code, id, where, fmt, ap);
	va_end(ap);
	err_list_add(l, &e);
	return -1;
}

size_t err_list_count(const struct err_list *l)
{
	return l->n + l->dropped;
}

void err_list_free(struct err_list *l)
{
	if (!l)
		return;
	free(l->items);
	l->items = NULL;
	l->n = l->cap = l->dropped = 0;
}
