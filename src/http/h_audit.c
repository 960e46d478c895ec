/* h_audit: the audit log, for the audit administrator only. Reading the
 * log is itself recorded. */
#include "app/audit_log.h"
#include "http/handlers.h"

HANDLER(h_audit_list)
{
	struct audit_log_filter f = {
		.action = request_query(rq, "action"),
		.account = request_query(rq, "account"),
		.from = request_query(rq, "from"),
		.to = request_query(rq, "to"),
	};
	json_t *out;
	struct actor who = request_actor(rq);
	if (request_paging(rq, &f.offset, &f.limit, e) != 0 ||
	    audit_log_list(rq->app, &f, &out, e) != 0)
		return -1;
	if (audit_log_record(rq->app, &who, "audit.read", "audit", NULL, NULL,
			     e) != 0) {
		json_decref(out);
		return -1;
	}
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_audit_verify)
{
	struct audit_log_verdict v;
	struct actor who = request_actor(rq);
	if (audit_log_verify(rq->app, &v, e) != 0)
		return -1;
	json_t *out = json_pack("{s:b,s:I}", "ok", v.ok, "records",
				(json_int_t)v.records);
	if (v.ok) {
		json_object_set_new(out, "head", json_string(v.head));
	} else {
		json_object_set_new(out, "broken_at", json_integer(v.broken_at));
		json_object_set_new(out, "reason", json_string(v.reason));
	}
	json_t *after = json_deep_copy(out);
	int rc = audit_log_record(rq->app, &who, "audit.verify", "audit", NULL,
				  after, e);
	json_decref(after);
	if (rc != 0) {
		json_decref(out);
		return -1;
	}
	response_json(rs, 200, out);
	return 0;
}
