/* fuzz_request: the request parsing a client controls, without a socket.
 * The input is "METHOD PATH\n" then a body. The path goes through the
 * router against the real route table; the body through the JSON body
 * parser and the member readers every handler uses. Nothing may crash,
 * leak or read out of bounds, and every refusal must carry a message. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "http/body.h"
#include "http/routes.h"

static void fuzz_members(const json_t *obj)
{
	static const char *const allowed[] = { "username", "password", NULL };
	struct err e = ERR_INIT;
	const char *s;
	int64_t i;
	if (body_only(obj, allowed, &e) != 0)
		assert(e.msg[0] && e.where[0] == '$');
	err_clear(&e);
	if (body_string(obj, "username", true, 64, &s, &e) != 0)
		assert(e.msg[0]);
	else
		assert(s && strlen(s) <= 64);
	err_clear(&e);
	if (body_int(obj, "unit_id", 0, 1, INT64_MAX, &i, &e) != 0)
		assert(e.msg[0]);
}

static void fuzz_route(const char *line, size_t len, struct arena *a)
{
	char *copy = arena_strndup(a, line, len);
	char *sp = strchr(copy, ' ');
	if (!sp)
		return;
	*sp = '\0';
	const struct route *r = NULL;
	const char *params[REQUEST_MAX_PARAMS], *allow = NULL;
	size_t np = 0;
	enum router_result m = router_match(routes_table, routes_count, copy,
					    sp + 1, a, &r, params, &np, &allow);
	if (m == ROUTER_FOUND)
		assert(r && np <= REQUEST_MAX_PARAMS);
	if (m == ROUTER_WRONG_METHOD)
		assert(allow && *allow);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	size_t head = nl ? (size_t)(nl - text) : size;
	fuzz_route(text, head, &a);
	if (nl) {
		json_t *obj = NULL;
		struct err e = ERR_INIT;
		const char *body = nl + 1;
		size_t len = size - head - 1;
		if (body_parse(body, len, &obj, &e) == 0) {
			assert(json_is_object(obj));
			fuzz_members(obj);
		} else {
			assert(e.msg[0] && !obj);
		}
		json_decref(obj);
	}
	arena_free(&a);
	return 0;
}
