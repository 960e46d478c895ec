/* intern: a power-of-two table of indices, at most half full, probed
 * linearly; the hash of each name is kept so that growing never hashes
 * again and most probes never compare strings. */
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
	free(t->hashes);
	free(t->slots);
	struct arena *a = t->arena;
	memset(t, 0, sizeof *t);
	t->arena = a;
}

static bool intern_same(const char *name, const char *s, size_t len)
{
	return strncmp(name, s, len) == 0 && name[len] == '\0';
}

uint32_t intern_find(const struct intern *t, const char *s, size_t len)
{
	if (!t->slots)
		return INTERN_NONE;
	uint32_t h = intern_hash(s, len);
	for (uint32_t i = h & t->mask;; i = (i + 1) & t->mask) {
		uint32_t v = t->slots[i];
		if (v == 0)
			return INTERN_NONE;
		if (t->hashes[v - 1] == h && intern_same(t->names[v - 1], s, len))
			return v - 1;
	}
}

static void intern_place(struct intern *t, uint32_t index)
{
	uint32_t i = t->hashes[index] & t->mask;
	while (t->slots[i])
		i = (i + 1) & t->mask;
	t->slots[i] = index + 1;
}

static void intern_grow(struct intern *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->names = xrealloc(t->names, t->cap * sizeof *t->names);
		t->hashes = xrealloc(t->hashes, t->cap * sizeof *t->hashes);
	}
	if (t->slots && t->n < (t->mask + 1) / 2)
		return;
	uint32_t size = t->slots ? (t->mask + 1) * 2 : 32;
	free(t->slots);
	t->slots = xcalloc(size, sizeof *t->slots);
	t->mask = size - 1;
	for (uint32_t k = 0; k < t->n; k++)
		intern_place(t, k);
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
	t->hashes[k] = intern_hash(s, len);
	intern_place(t, k);
	if (added)
		*added = true;
	return k;
}
