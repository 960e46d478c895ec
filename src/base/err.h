/* err: what went wrong, in words a user can act on.
 * A function that can fail returns a status (0 or -1) and fills a
 * struct err; the caller passes it up or reports it. The code says what
 * kind of failure it is (the HTTP layer maps it to a status, the CLI to an
 * exit code); `where` names the field, JSON path or file:line:column at
 * fault when there is one. errno never crosses a module boundary. */
#ifndef KAOHE_ERR_H
#define KAOHE_ERR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum err_code {
	ERR_NONE = 0,
	ERR_INVALID,          /* bad input: a field, a value, a file */
	ERR_UNAUTHENTICATED,  /* no valid session, or wrong credentials */
	ERR_FORBIDDEN,        /* the caller's roles do not allow it */
	ERR_NOT_FOUND,
	ERR_CONFLICT,         /* exists already, or the state forbids it */
	ERR_LOCKED,           /* account locked (by an admin or lockout) */
	ERR_TOO_LARGE,
	ERR_UNSUPPORTED,      /* media type, method */
	ERR_STORE,            /* the database failed */
	ERR_INTERNAL,
};

#define ERR_MSG_MAX 512
#define ERR_WHERE_MAX 256

struct err {
	enum err_code code;
	char id[48];               /* machine-readable, e.g. "invalid_credentials" */
	char msg[ERR_MSG_MAX];     /* for people */
	char where[ERR_WHERE_MAX]; /* field, JSON path or file:line:col; may be "" */
};

#define ERR_INIT { ERR_NONE, "", "", "" }

/* Sets e (when not NULL) and returns -1, so that `return err_set(...)`
 * reads naturally. `id` is a short snake_case identifier. */
int err_set(struct err *e, enum err_code code, const char *id,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Same, naming the field or location at fault. */
int err_set_at(struct err *e, enum err_code code, const char *id,
	       const char *where, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void err_clear(struct err *e);
bool err_is(const struct err *e, enum err_code code);
/* The default id of a code ("invalid", "forbidden", ...). */
const char *err_code_name(enum err_code code);

/* Many errors at once, for checks that report every problem (a workbook,
 * an import) rather than stopping at the first. Keeps the first `max`;
 * counts the rest. */
struct err_list {
	struct err *items;
	size_t n, cap;
	size_t max;      /* 0: ERR_LIST_DEFAULT_MAX */
	size_t dropped;  /* errors beyond max */
};

#define ERR_LIST_INIT { NULL, 0, 0, 0, 0 }
#define ERR_LIST_DEFAULT_MAX 200

/* Appends a copy of e. */
void err_list_add(struct err_list *l, const struct err *e);
/* Same as err_set_at, into the list; returns -1. */
int err_list_set_at(struct err_list *l, enum err_code code, const char *id,
		    const char *where, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
size_t err_list_count(const struct err_list *l);
void err_list_free(struct err_list *l);

#endif
