/* audit: canonical serialisation and hashing of one record. */
#include "audit.h"

#include <string.h>

#include "base/buf.h"

static void audit_field(struct buf *b, const char *s)
{
	if (!s) {
		buf_puts(b, "~\n");
		return;
	}
	buf_printf(b, "%zu:", strlen(s));
	buf_puts(b, s);
	buf_putc(b, '\n');
}

void audit_hash(const struct audit_record *r, char out[SECRET_SHA256_HEX])
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "kaohe-audit-v1\n%lld\n", (long long)r->seq);
	audit_field(&b, r->prev_hash);
	audit_field(&b, r->at);
	audit_field(&b, r->account);
	audit_field(&b, r->action);
	audit_field(&b, r->object);
	audit_field(&b, r->before);
	audit_field(&b, r->after);
	audit_field(&b, r->client);
	secret_sha256_hex(b.data, b.len, out);
	buf_free(&b);
}
