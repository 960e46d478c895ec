/* intern: ids (subjects, indicators, categories, units, pools) turned
 * into dense indices 0, 1, 2... in the order they are first added, with an
 * open-addressing hash table, so that a million subjects intern and look
 * up in constant time. The names are copied into an arena.
 * Not thread-safe while adding; lookups may run in many threads once
 * adding is done. Must not know what the ids mean. */
#ifndef KAOHE_IO_INTERN_H
#define KAOHE_IO_INTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

#define INTERN_NONE UINT32_MAX
#define INTERN_MAX (UINT32_MAX / 4) /* ids in one table */

#define INTERN_INLINE 23 /* ids this long or shorter live in the slot */

struct intern_slot {
	uint32_t hash;
	uint32_t index1;       /* index + 1; 0: an empty slot */
	char key[INTERN_INLINE + 1]; /* short ids, NUL-terminated */
};

struct intern {
	struct arena *arena;   /* borrowed: where names are copied */
	const char **names;    /* index -> name (owned array) */
	uint32_t n, cap;
	struct intern_slot *slots;
	uint32_t mask;
};

/* Starts an empty table whose names go into arena (borrowed). */
void intern_init(struct intern *t, struct arena *arena);
/* Frees the table's arrays (not the names, which belong to the arena). */
void intern_free(struct intern *t);
/* The index of s[0..len) (at most UINT32_MAX bytes), or INTERN_NONE. */
uint32_t intern_find(const struct intern *t, const char *s, size_t len);
/* The index of s[0..len), added when new (*added says so; may be NULL).
 * Returns INTERN_NONE when the table holds INTERN_MAX ids already. */
uint32_t intern_add(struct intern *t, const char *s, size_t len,
		    bool *added);

#endif
