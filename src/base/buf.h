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

void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
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
