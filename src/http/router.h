/* router: the table of routes and matching a request against it.
 * A route is { method, path, handler, needs, flags }; a path segment
 * written {name} matches one non-empty segment and is handed to the
 * handler as a parameter. Pure matching: no sockets, no sessions. */
#ifndef KAOHE_ROUTER_H
#define KAOHE_ROUTER_H

#include <stddef.h>

#include "core/role.h"
#include "http/request.h"

/* Route needs: anyone at all, any logged-in account, or a role set. */
#define NEEDS_ANYONE 0u
#define NEEDS_ACCOUNT (1u << 31)

enum route_flag {
	/* Allowed while the account must still change its password. */
	ROUTE_DURING_CHANGE = 1 << 0,
	/* Takes a JSON body (Content-Type checked, body parsed). */
	ROUTE_JSON = 1 << 1,
	/* Takes a file (a spreadsheet) of up to upload_limit bytes instead
	 * of body_limit. */
	ROUTE_UPLOAD = 1 << 2,
};

typedef int (*route_fn)(struct request *rq, struct response *rs,
			struct err *e);

struct route {
	const char *method;
	const char *path;
	route_fn fn;
	role_set needs;
	unsigned flags;
	const char *summary;
};

enum router_result { ROUTER_FOUND, ROUTER_NOT_FOUND, ROUTER_WRONG_METHOD };

/* Finds the route for method and path (without the query). Path
 * parameters are copied into the arena; *route_out is set when FOUND;
 * allow_out (may be NULL) gets the methods the path allows when the
 * method is wrong (a string in the arena). */
enum router_result router_match(const struct route *routes, size_t n,
				const char *method, const char *path,
				struct arena *arena,
				const struct route **route_out,
				const char **params, size_t *nparams,
				const char **allow_out);

#endif
