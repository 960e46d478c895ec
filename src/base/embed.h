/* embed: files compiled into the binary by tools/embed.py (web assets,
 * SQL migrations). Each table ends with an entry whose name is NULL. */
#ifndef KAOHE_EMBED_H
#define KAOHE_EMBED_H

#include <stddef.h>

struct embed_file {
	const char *name;          /* path relative to its root, with '/' */
	const unsigned char *data; /* NUL-terminated for convenience */
	size_t len;
};

/* The entry named name, or NULL. */
const struct embed_file *embed_find(const struct embed_file *table,
				    const char *name);

#endif
