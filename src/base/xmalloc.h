/* xmalloc: allocation of small objects that aborts on failure.
 * Use only where the size is bounded by the program, not by input; sizes
 * controlled by input are checked against a named limit first. */
#ifndef KAOHE_XMALLOC_H
#define KAOHE_XMALLOC_H

#include <stddef.h>

/* Each returns new memory (free with free()); never returns NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
