/* xmalloc: abort on allocation failure, with one line on stderr; large
 * blocks asked for in huge pages. */
#include "xmalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Blocks this large (an engine's arrays for a big cycle: values, ranks,
 * results) get transparent huge pages where the kernel leaves them to the
 * program (THP "madvise", Debian's default): one fault a 2 MiB page, not
 * 512, which on a virtual machine saves a tenth of the compute step. */
#define XMALLOC_HUGE (8u << 20)
#define XMALLOC_HUGE_PAGE ((uintptr_t)2 << 20)

static void xmalloc_advise(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	if (n < XMALLOC_HUGE)
		return;
	uintptr_t a = ((uintptr_t)p + XMALLOC_HUGE_PAGE - 1) &
		      ~(XMALLOC_HUGE_PAGE - 1);
	uintptr_t b = ((uintptr_t)p + n) & ~(XMALLOC_HUGE_PAGE - 1);
	if (a < b)
		madvise((void *)a, b - a, MADV_HUGEPAGE); /* advice only */
#else
	(void)p, (void)n;
#endif
}

static void xmalloc_die(size_t n)
{
	fprintf(stderr, "kaohe: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		xmalloc_die(n);
	xmalloc_advise(p, n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		xmalloc_die(count * size);
	xmalloc_advise(p, count * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		xmalloc_die(n);
	xmalloc_advise(q, n);
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}
