/* intern: a power-of-two table, at most half full, probed linearly. Each
 * slot holds the hash, the index and, for ids of up to INTERN_INLINE
 * bytes (subject ids are), the id itself: a lookup in a table far bigger
 * than the cache then costs one cache miss, not two. Longer ids are
 * compared with the copy in the arena. Growing never hashes again. */
#include "intern.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

/* A 64-bit multiply-mix over 8-byte words, folded to 32 bits: ids are
 * short, and this takes a few cycles a word. */
static uint32_t intern_hash(const char *s, size_t len)
{
	const uint64_t k = UINT64_C(0x9E3779B97F4A7C15);
	uint64_t h = (uint64_t)len * k;
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
		s += 8;
		len -= 8;
	}
	if (len) {
		uint64_t w = 0;
		memcpy(&w, s, len);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	h *= k;
	return (uint32_t)(h >> 32);
}

void intern_init(struct intern *t, struct arena *arena)
{
	memset(t, 0, sizeof *t);
	t->arena = arena;
}

void intern_free(struct intern *t)
{
	if (!t)
		return;
	free(t->names);
	free(t->slots);
	struct arena *a = t->arena;
	memset(t, 0, sizeof *t);
	t->arena = a;
}

static bool intern_match(const struct intern *t, const struct intern_slot *e,
			 const char *s, size_t len)
{
	if (len <= INTERN_INLINE)
		return memcmp(e->key, s, len) == 0 && e->key[len] == '\0';
	const char *name = t->names[e->index1 - 1];
	return strncmp(name, s, len) == 0 && name[len] == '\0';
}

uint32_t intern_find(const struct intern *t, const char *s, size_t len)
{
	if (!t->slots)
		return INTERN_NONE;
	uint32_t h = intern_hash(s, len);
	for (uint32_t i = h & t->mask;; i = (i + 1) & t->mask) {
		const struct intern_slot *e = &t->slots[i];
		if (!e->index1)
			return INTERN_NONE;
		if (e->hash == h && intern_match(t, e, s, len))
			return e->index1 - 1;
	}
}

static void intern_place(struct intern *t, const struct intern_slot *e)
{
	uint32_t i = e->hash & t->mask;
	while (t->slots[i].index1)
		i = (i + 1) & t->mask;
	t->slots[i] = *e;
}

static void intern_grow(struct intern *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->names = xrealloc(t->names, t->cap * sizeof *t->names);
	}
	if (t->slots && t->n < (t->mask + 1) / 2)
		return;
	struct intern_slot *old = t->slots;
	uint32_t old_size = old ? t->mask + 1 : 0;
	uint32_t size = old ? old_size * 2 : 32;
	t->slots = xcalloc(size, sizeof *t->slots);
	t->mask = size - 1;
	for (uint32_t k = 0; k < old_size; k++)
		if (old[k].index1)
			intern_place(t, &old[k]);
	free(old);
}

uint32_t intern_add(struct intern *t, const char *s, size_t len,
		    bool *added)
{
	uint32_t k = intern_find(t, s, len);
	if (added)
		*added = false;
	if (k != INTERN_NONE)
		return k;
	if (t->n >= INTERN_MAX)
		return INTERN_NONE;
	intern_grow(t);
	k = t->n++;
	t->names[k] = arena_strndup(t->arena, s, len);
	struct intern_slot e = { intern_hash(s, len), k + 1, "" };
	if (len <= INTERN_INLINE)
		memcpy(e.key, s, len);
	intern_place(t, &e);
	if (added)
		*added = true;
	return k;
}
