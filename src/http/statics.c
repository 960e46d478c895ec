/* statics: embedded or on-disk web assets, with a content type each. */
#include "statics.h"

#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/embed.h"

#define STATICS_FILE_MAX (16 * 1024 * 1024)

extern const struct embed_file web_files[];

static const char *statics_type(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".json", "application/json" },
		{ ".woff2", "font/woff2" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* Only plain relative names: letters, digits, '-', '_', '.', '/', no
 * segment starting with '.' (no "..", no hidden files such as .env), so
 * a request cannot leave the folder or see what is not meant to be
 * served. */
static bool statics_safe(const char *name)
{
	if (!*name || name[0] == '.' || strstr(name, "/.") || name[0] == '/')
		return false;
	for (const char *p = name; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.' || c == '/'))
			return false;
	}
	return true;
}

static bool statics_from_disk(const char *dir, const char *name,
			      struct arena *arena, struct response *rs)
{
	char *path = arena_printf(arena, "%s/%s", dir, name);
	struct stat st;
	/* No symbolic links out of the folder; checks on what was opened. */
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > STATICS_FILE_MAX) {
		close(fd);
		return false;
	}
	size_t len = (size_t)st.st_size, got = 0;
	char *data = arena_alloc(arena, len + 1);
	while (got < len) {
		ssize_t n = read(fd, data + got, len - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got != len)
		return false;
	rs->body = data;
	rs->body_len = len;
	return true;
}

void statics_serve(const char *web_dir, const char *path,
		   struct arena *arena, struct response *rs)
{
	const char *name = path[0] == '/' ? path + 1 : path;
	const char *last = strrchr(path, '/');
	if (!*name || !strchr(last ? last : path, '.'))
		name = "index.html";
	rs->status = 404;
	rs->content_type = "text/plain; charset=utf-8";
	rs->body = "not found\n";
	rs->body_len = 10;
	if (!statics_safe(name))
		return;
	bool found;
	if (web_dir) {
		found = statics_from_disk(web_dir, name, arena, rs);
	} else {
		const struct embed_file *f = embed_find(web_files, name);
		found = f != NULL;
		if (f) {
			rs->body = f->data;
			rs->body_len = f->len;
		}
	}
	if (!found)
		return;
	rs->status = 200;
	rs->content_type = statics_type(name);
	/* Small and few: always revalidate, so an upgrade shows at once. */
	rs->cache = "no-cache";
}
