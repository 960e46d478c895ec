/* arena: memory for one request or one batch, freed in one piece.
 * Allocations are 16-byte aligned and never freed one by one. Not
 * thread-safe: one arena belongs to one thread at a time. */
#ifndef KAOHE_ARENA_H
#define KAOHE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total; /* bytes handed out, for limits and statistics */
};

#define ARENA_INIT { NULL, 0 }

/* Returns memory valid until arena_free(a); aborts when out of memory. */
void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Frees every allocation; the arena can be used again. */
void arena_free(struct arena *a);

#endif
