/* audit: the hash chain of the audit log. Pure: no I/O.
 * Each record's hash is SHA-256 over the previous record's hash and every
 * field of the record, each written as its length, a colon and its bytes
 * (a NULL field as "~"), so that no two different records hash alike and
 * a changed, inserted or deleted record breaks the chain from there on.
 * The first record's prev_hash is AUDIT_GENESIS. */
#ifndef KAOHE_AUDIT_H
#define KAOHE_AUDIT_H

#include <stdint.h>

#include "base/secret.h"

#define AUDIT_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"

struct audit_record {
	int64_t seq;
	const char *at;      /* ISO 8601 UTC */
	const char *account; /* username, or "-" for none */
	const char *action;  /* e.g. "session.login" */
	const char *object;  /* e.g. "account:12" */
	const char *before;  /* JSON or NULL */
	const char *after;   /* JSON or NULL */
	const char *client;  /* address, or "cli" */
	const char *prev_hash;
};

/* The hash of r, as lowercase hex. */
void audit_hash(const struct audit_record *r, char out[SECRET_SHA256_HEX]);

#endif
