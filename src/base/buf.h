/* buf: a growable byte string that carries its length.
 * The data is always NUL-terminated so it can be handed to C APIs, but the
 * length is what counts: a buf may hold NUL bytes. Not thread-safe. */
#ifndef KAOHE_BUF_H
#define KAOHE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NULL until the first append */
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_append_slow(struct buf *b, const void *data, size_t len);
char *buf_reserve_slow(struct buf *b, size_t n);

/* Appends len bytes; inline, for writers that put out gigabytes a few
 * bytes at a time. */
static inline void buf_append(struct buf *b, const void *data, size_t len)
{
	if (b->len + len < b->cap) {
		if (len)
			__builtin_memcpy(b->data + b->len, data, len);
		b->len += len;
		b->data[b->len] = '\0';
		return;
	}
	buf_append_slow(b, data, len);
}

/* Room for n more bytes at the end: write them at the pointer returned,
 * then buf_advance by as many as were written (at most n). */
static inline char *buf_reserve(struct buf *b, size_t n)
{
	if (b->len + n < b->cap)
		return b->data + b->len;
	return buf_reserve_slow(b, n);
}

static inline void buf_advance(struct buf *b, size_t n)
{
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s);
static inline void buf_putc(struct buf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	buf_append_slow(b, &c, 1);
}
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* The contents as a C string; "" for an empty buf. Valid until the next
 * change to b. */
const char *buf_str(const struct buf *b);
/* Takes the data out of b (free with free()); b is left empty. */
char *buf_take(struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
