/* router: segment-by-segment matching over a small table. */
#include "router.h"

#include <string.h>

#include "base/buf.h"

/* Matches one pattern; fills params. */
static bool router_path(const char *pattern, const char *path,
			struct arena *arena, const char **params,
			size_t *nparams)
{
	size_t n = 0;
	const char *p = pattern, *q = path;
	while (*p && *q) {
		if (*p == '{') {
			const char *pend = strchr(p, '}');
			size_t len = strcspn(q, "/");
			if (!pend || len == 0 || n == REQUEST_MAX_PARAMS)
				return false;
			params[n++] = arena_strndup(arena, q, len);
			p = pend + 1;
			q += len;
			continue;
		}
		if (*p != *q)
			return false;
		p++;
		q++;
	}
	if (*p || *q)
		return false;
	*nparams = n;
	return true;
}

enum router_result router_match(const struct route *routes, size_t n,
				const char *method, const char *path,
				struct arena *arena,
				const struct route **route_out,
				const char **params, size_t *nparams,
				const char **allow_out)
{
	struct buf allow = BUF_INIT;
	bool head = strcmp(method, "HEAD") == 0;
	for (size_t i = 0; i < n; i++) {
		const struct route *r = &routes[i];
		size_t np = 0;
		const char *tmp[REQUEST_MAX_PARAMS];
		if (!router_path(r->path, path, arena, tmp, &np))
			continue;
		if (strcmp(r->method, method) == 0 ||
		    (head && strcmp(r->method, "GET") == 0)) {
			memcpy(params, tmp, np * sizeof *tmp);
			*nparams = np;
			*route_out = r;
			buf_free(&allow);
			return ROUTER_FOUND;
		}
		buf_printf(&allow, "%s%s", allow.len ? ", " : "", r->method);
	}
	enum router_result res = allow.len ? ROUTER_WRONG_METHOD
					   : ROUTER_NOT_FOUND;
	if (allow_out)
		*allow_out = allow.len ? arena_strdup(arena, allow.data) : NULL;
	buf_free(&allow);
	return res;
}
