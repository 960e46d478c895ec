/* request: helpers on requests and responses. */
#include "request.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "app/units.h"
#include "http/status.h"

const char *request_query(const struct request *rq, const char *key)
{
	for (size_t i = 0; i < rq->nquery; i++)
		if (strcmp(rq->query[i].key, key) == 0)
			return rq->query[i].value;
	return NULL;
}

static int request_number(const char *s, int64_t *out)
{
	char *end;
	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int request_id(const struct request *rq, size_t i, int64_t *out,
	       struct err *e)
{
	if (i >= rq->nparams || request_number(rq->params[i], out) != 0 ||
	    *out <= 0)
		return err_set(e, ERR_NOT_FOUND, "not_found",
			       "no such object: %s", rq->path);
	return 0;
}

static int request_arg(const struct request *rq, const char *key,
		       int64_t def, int64_t max, int64_t *out, struct err *e)
{
	const char *s = request_query(rq, key);
	*out = def;
	if (!s)
		return 0;
	if (request_number(s, out) != 0 || *out > max)
		return err_set_at(e, ERR_INVALID, "invalid_field", key,
				  "%s must be a whole number from 0 to %lld",
				  key, (long long)max);
	return 0;
}

int request_paging(const struct request *rq, int64_t *offset,
		   int64_t *limit, struct err *e)
{
	if (request_arg(rq, "offset", 0, INT32_MAX, offset, e) != 0 ||
	    request_arg(rq, "limit", 50, 500, limit, e) != 0)
		return -1;
	return 0;
}

struct actor request_actor(const struct request *rq)
{
	if (rq->session)
		return sessions_actor(rq->session, rq->client);
	return (struct actor){ 0, "-", 0, 0, rq->client };
}

void response_json(struct response *rs, int status, json_t *body)
{
	json_decref(rs->json);
	rs->status = status;
	rs->json = body;
}

void response_error(struct response *rs, const struct err *e)
{
	json_t *details = json_array();
	if (e->where[0]) {
		/* A bare field name from a service is a member of the body. */
		bool path = e->where[0] == '$';
		json_t *field = path ? json_string(e->where)
				     : json_sprintf("$.%s", e->where);
		json_array_append_new(details,
				      json_pack("{s:o}", "field", field));
	}
	response_json(rs, status_of(e),
		      json_pack("{s:{s:s,s:s,s:o}}", "error", "code", e->id,
				"message", e->msg, "details", details));
}

int64_t request_scope(const struct request *rq)
{
	struct actor who = request_actor(rq);
	return units_scope_of(&who);
}

void response_file(const struct request *rq, struct response *rs,
		   const struct buf *data, const char *content_type,
		   const char *filename)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf d = BUF_INIT;
	char *bytes = arena_alloc(rq->arena, data->len ? data->len : 1);
	if (data->len)
		memcpy(bytes, data->data, data->len);
	const char *ext = strrchr(filename, '.');
	buf_printf(&d, "attachment; filename=\"export%s\"; filename*=UTF-8''",
		   ext && strspn(ext + 1, "abcdefghijklmnopqrstuvwxyz") ==
				  strlen(ext + 1) ? ext : "");
	for (const unsigned char *p = (const unsigned char *)filename; *p;
	     p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			buf_putc(&d, (char)*p);
		} else {
			buf_putc(&d, '%');
			buf_putc(&d, hex[*p >> 4]);
			buf_putc(&d, hex[*p & 15]);
		}
	}
	rs->status = 200;
	rs->body = bytes;
	rs->body_len = data->len;
	rs->content_type = content_type;
	rs->disposition = arena_strdup(rq->arena, buf_str(&d));
	buf_free(&d);
}

int request_query_id(const struct request *rq, const char *key, int64_t *out,
		     struct err *e)
{
	const char *v = request_query(rq, key);
	char *end;
	*out = 0;
	if (!v)
		return 0;
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || n <= 0)
		return err_set_at(e, ERR_INVALID, "invalid_query", key,
				  "%s must be an id (a positive whole number)",
				  key);
	*out = (int64_t)n;
	return 0;
}
