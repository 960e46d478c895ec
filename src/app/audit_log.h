/* audit_log: writing, reading and verifying the audit log.
 * audit_log_append is called inside the transaction of the action it
 * records, so both commit or neither does. The chain arithmetic is in
 * core/audit; this module stores it. */
#ifndef KAOHE_AUDIT_LOG_H
#define KAOHE_AUDIT_LOG_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "base/secret.h"

/* Appends a record. before and after are JSON values (borrowed; NULL for
 * none). Call inside a transaction. */
int audit_log_append(struct store *s, const struct actor *who,
		     const char *action, const char *object,
		     const json_t *before, const json_t *after, struct err *e);
/* Same, in a transaction of its own (for events that change nothing
 * else, such as reading the log or an export). */
int audit_log_record(struct app *a, const struct actor *who,
		     const char *action, const char *object,
		     const json_t *before, const json_t *after, struct err *e);

struct audit_log_filter {
	const char *action;  /* exact, or NULL */
	const char *account; /* exact, or NULL */
	const char *from;    /* ISO time, inclusive, or NULL */
	const char *to;      /* ISO time, exclusive, or NULL */
	int64_t offset, limit;
};

/* A page of records, newest first: {"items": [...], "total", "offset",
 * "limit"}. Returns a new object. */
int audit_log_list(struct app *a, const struct audit_log_filter *f,
		   json_t **out, struct err *e);

struct audit_log_verdict {
	bool ok;
	int64_t records;
	int64_t broken_at; /* seq of the first bad link, when !ok */
	char reason[160];
	char head[SECRET_SHA256_HEX];
};

/* Walks the whole chain. A broken chain is a verdict, not an error; an
 * error is only that the log could not be read. */
int audit_log_verify(struct app *a, struct audit_log_verdict *out,
		     struct err *e);

#endif
