/* request: one HTTP request and its response, as the handlers see them.
 * server.c fills a request from libmicrohttpd; everything after that
 * (routing, sessions, handlers) works on these structs only, so it can be
 * tested and fuzzed without a socket. All memory of a request comes from
 * its arena and is freed with it. */
#ifndef KAOHE_REQUEST_H
#define KAOHE_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "app/sessions.h"
#include "base/arena.h"
#include "base/buf.h"

#define REQUEST_MAX_QUERY 16
#define REQUEST_MAX_PARAMS 4

struct request_kv {
	const char *key, *value;
};

struct response;

/* An answer that comes later, from another thread. The server offers it
 * (rq->later) and holds the connection meanwhile, so that a request
 * waiting for something slow (a ballot for its group commit) holds no
 * thread; without a server (tests, fuzzing) rq->later is NULL and a
 * handler answers at once. A handler that takes it sets rs->later and
 * returns 0; then, once, from any thread, fills rs and calls answer. */
struct request_later {
	void (*answer)(struct request_later *l);
	struct response *rs;
	const char *method, *path; /* of the request, for the log */
};

struct request {
	struct app *app;
	struct arena *arena;
	const char *method;
	const char *path;
	const char *body; /* NULL when there was none */
	size_t body_len;
	const char *content_type; /* the header, or NULL */
	const char *csrf;         /* X-CSRF-Token, or NULL */
	const char *cookie_token; /* the kaohe_session cookie, or NULL */
	char client[64];
	struct request_kv query[REQUEST_MAX_QUERY];
	size_t nquery;
	const char *params[REQUEST_MAX_PARAMS]; /* {id} parts of the path */
	size_t nparams;
	json_t *json;                /* the parsed body (borrowed) */
	struct session *session;     /* NULL when anonymous */
	bool cookie_secure;
	struct request_later *later; /* NULL: answer now */
};

struct response {
	int status;
	json_t *json;             /* owned; sent when set */
	const void *body;         /* else these bytes (not owned) */
	size_t body_len;
	const char *content_type; /* static string */
	const char *cache;        /* Cache-Control; NULL: no-store */
	struct buf set_cookie;    /* a Set-Cookie value, or empty */
	const char *allow;        /* Allow, for 405 */
	const char *disposition;  /* Content-Disposition, or NULL */
	const char *account;      /* for the access log (static or arena) */
	bool later;               /* the answer comes through rq->later */
};

/* Answers a file to download: copies data into the request's arena (so
 * it outlives the handler), with content_type (static) and filename in
 * Content-Disposition (UTF-8, percent-encoded as RFC 6266 says, with a
 * plain ASCII fallback). */
void response_file(const struct request *rq, struct response *rs,
		   const struct buf *data, const char *content_type,
		   const char *filename);

/* The query argument key, or NULL. */
const char *request_query(const struct request *rq, const char *key);
/* The path parameter i as a positive id; ERR_NOT_FOUND when it is not
 * one. */
int request_id(const struct request *rq, size_t i, int64_t *out,
	       struct err *e);
/* A positive id in the query argument key into *out, 0 when absent;
 * ERR_INVALID "invalid_query" naming key otherwise. */
int request_query_id(const struct request *rq, const char *key, int64_t *out,
		     struct err *e);
/* Paging arguments offset and limit (default 50, at most 500). */
int request_paging(const struct request *rq, int64_t *offset,
		   int64_t *limit, struct err *e);
/* The actor for the request's session (anonymous when none). */
struct actor request_actor(const struct request *rq);
/* What the actor may read of units and the people in them (app/units'
 * units_scope_of). */
int64_t request_scope(const struct request *rq);

/* Sets a JSON answer (takes ownership of body). */
void response_json(struct response *rs, int status, json_t *body);
/* Sets the error answer of DESIGN.md from e. */
void response_error(struct response *rs, const struct err *e);

#endif
