/* routes: the whole API on one screen, and the checks every request
 * passes before its handler runs: the route exists, the session is live,
 * the roles allow it, the CSRF token matches, the password need not be
 * changed first, the body is JSON. */
#ifndef KAOHE_ROUTES_H
#define KAOHE_ROUTES_H

#include <stddef.h>

#include <jansson.h>

#include "http/request.h"
#include "http/router.h"

extern const struct route routes_table[];
extern const size_t routes_count;

/* Answers an /api/ request into rs. Never fails: every problem becomes
 * an error answer. */
void routes_dispatch(struct request *rq, struct response *rs);
/* Sets the error answer of e into rs; the detail of a store or internal
 * error goes to the log (naming method and path), not to the client. */
void routes_fail(const char *method, const char *path, struct err *e,
		 struct response *rs);
/* The largest body the route of method and path takes: upload_limit
 * for an upload route asked by a live session (token, the session
 * cookie) whose roles the route allows, else body_limit — so nobody
 * without such a session makes the server hold a large body. */
size_t routes_body_limit(struct app *a, const char *method,
			 const char *path, const char *token,
			 size_t body_limit, size_t upload_limit);
/* The route table as JSON: [{"method","path","roles","flags"...}]
 * (for `kaohe routes` and the test that walks every route). */
json_t *routes_json(void);

#endif
