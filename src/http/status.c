/* status: error code -> HTTP status. */
#include "status.h"

#include <string.h>

int status_of(const struct err *e)
{
	switch (e->code) {
	case ERR_NONE: return 200;
	case ERR_INVALID: return 400;
	case ERR_UNAUTHENTICATED: return 401;
	case ERR_FORBIDDEN: return 403;
	case ERR_NOT_FOUND: return 404;
	case ERR_CONFLICT: return 409;
	case ERR_LOCKED: return 423;
	case ERR_TOO_LARGE: return 413;
	case ERR_UNSUPPORTED:
		return strcmp(e->id, "method_not_allowed") == 0 ? 405 : 415;
	case ERR_STORE:
	case ERR_INTERNAL: return 500;
	}
	return 500;
}
