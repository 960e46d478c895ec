/* server: libmicrohttpd glue. Everything past building the request is in
 * routes.c and statics.c. A request answered later (struct request_later)
 * has its connection suspended until the answer comes, so it holds no
 * thread meanwhile. */
#include "server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "base/log.h"
#include "base/xmalloc.h"
#include "http/routes.h"
#include "http/statics.h"

#define SERVER_CSP \
	"default-src 'self'; img-src 'self' data:; style-src 'self'; " \
	"script-src 'self'; frame-ancestors 'none'; base-uri 'none'; " \
	"form-action 'self'"

/* How long a stop waits for the requests in progress. */
#define SERVER_DRAIN_SECONDS 30

struct server {
	struct app *app;
	const struct server_options *opt;
	atomic_int inflight; /* requests begun and not yet completed */
	/* Once stopping, no request is answered later (the ballots writer
	 * answers them before returning): libmicrohttpd must not be stopped
	 * with a connection suspended, and a suspended one is resumed only
	 * by the writer. suspended counts those waiting for it. */
	atomic_bool stopping;
	atomic_int suspended;
};

/* Where a request answered later is (server_call.later_state). */
enum server_later {
	SERVER_LATER_WAITING,   /* the answer has not come; not suspended */
	SERVER_LATER_SUSPENDED, /* suspended until the answer comes */
	SERVER_LATER_ANSWERED,  /* the response is filled in */
};

/* What one connection's request gathers across libmicrohttpd's calls. */
struct server_call {
	struct server *sv;
	struct MHD_Connection *conn;
	struct request_later later;
	pthread_mutex_t later_mu; /* guards later_state */
	enum server_later later_state;
	struct arena arena;
	struct buf body;
	bool has_body;
	bool too_large;
	size_t limit; /* of the body: body_limit, or upload_limit */
	size_t dropped; /* bytes of a too-large body read and dropped */
	int64_t start_ns;
	const char *method, *path;
	char client[64];
	struct response rs;
	size_t sent;
	bool answered;
};

static int64_t server_clock_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void server_client(struct MHD_Connection *c, char *out, size_t cap)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, cap, "?");
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
			  out, (socklen_t)cap);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
			  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  out, (socklen_t)cap);
}

static enum MHD_Result server_query_arg(void *cls, enum MHD_ValueKind kind,
					const char *key, const char *value)
{
	struct request *rq = cls;
	(void)kind;
	if (rq->nquery == REQUEST_MAX_QUERY)
		return MHD_NO;
	rq->query[rq->nquery].key = arena_strdup(rq->arena, key);
	rq->query[rq->nquery].value = arena_strdup(rq->arena, value ? value : "");
	rq->nquery++;
	return MHD_YES;
}

static void server_fill(struct server *sv, struct MHD_Connection *c,
			struct server_call *call, struct request *rq)
{
	memset(rq, 0, sizeof *rq);
	rq->app = sv->app;
	rq->arena = &call->arena;
	rq->method = call->method;
	rq->path = call->path;
	rq->body = call->has_body ? call->body.data : NULL;
	rq->body_len = call->body.len;
	rq->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						       "Content-Type");
	rq->csrf = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
					       "X-CSRF-Token");
	rq->cookie_token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
						       "kaohe_session");
	snprintf(rq->client, sizeof rq->client, "%s", call->client);
	rq->cookie_secure = sv->opt->cookie_secure;
	rq->later = atomic_load(&sv->stopping) ? NULL : &call->later;
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, server_query_arg, rq);
}

static void server_headers(struct MHD_Response *r, const struct response *rs,
			   bool api)
{
	MHD_add_response_header(r, "Content-Type", rs->content_type);
	MHD_add_response_header(r, "Cache-Control",
				rs->cache ? rs->cache : "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	if (!api)
		MHD_add_response_header(r, "Content-Security-Policy", SERVER_CSP);
	if (rs->set_cookie.len)
		MHD_add_response_header(r, "Set-Cookie", rs->set_cookie.data);
	if (rs->allow)
		MHD_add_response_header(r, "Allow", rs->allow);
	if (rs->disposition)
		MHD_add_response_header(r, "Content-Disposition",
					rs->disposition);
}

static enum MHD_Result server_send(struct MHD_Connection *c,
				   struct server_call *call, bool api)
{
	struct response *rs = &call->rs;
	struct MHD_Response *r;
	if (rs->json) {
		char *text = json_dumps(rs->json, JSON_COMPACT);
		if (!text)
			return MHD_NO;
		size_t len = strlen(text);
		r = MHD_create_response_from_buffer(len, text,
						    MHD_RESPMEM_MUST_FREE);
		rs->content_type = "application/json; charset=utf-8";
		call->sent = len;
	} else {
		/* The bytes live in the binary or in the call's arena, which
		 * outlives the response. */
		r = MHD_create_response_from_buffer(rs->body_len,
						    (void *)(uintptr_t)rs->body,
						    MHD_RESPMEM_PERSISTENT);
		call->sent = rs->body_len;
	}
	if (!r)
		return MHD_NO;
	call->answered = true;
	server_headers(r, rs, api);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ok;
}

static void server_too_large(const struct server_call *call,
			     struct response *rs)
{
	struct err e = ERR_INIT;
	err_set(&e, ERR_TOO_LARGE, "body_too_large",
		"the request body is larger than %zu bytes", call->limit);
	response_error(rs, &e);
}

/* Whether a path belongs to the API (JSON answers, no page headers). */
static bool server_is_api(const char *path)
{
	return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}

/* request_later.answer: from any thread, once the response is filled
 * in. The connection is resumed if it is suspended; if not, server_wait
 * finds the answer and sends it. Under the lock, so that a connection is
 * resumed only once its suspension is complete, and never from inside
 * the handler: doing that (tried first) left connections of a busy
 * server hanging until their timeout. */
static void server_answer(struct request_later *l)
{
	struct server_call *call = (struct server_call *)(void *)
		((char *)l - offsetof(struct server_call, later));
	pthread_mutex_lock(&call->later_mu);
	if (call->later_state == SERVER_LATER_SUSPENDED) {
		MHD_resume_connection(call->conn);
		atomic_fetch_sub(&call->sv->suspended, 1);
	}
	call->later_state = SERVER_LATER_ANSWERED;
	pthread_mutex_unlock(&call->later_mu);
}

/* After a handler left the answer for later: true when it has come
 * already (send it now), false when the connection is suspended until
 * server_answer resumes it and libmicrohttpd calls again. */
static bool server_wait(struct server_call *call, struct MHD_Connection *c)
{
	bool answered;
	pthread_mutex_lock(&call->later_mu);
	answered = call->later_state == SERVER_LATER_ANSWERED;
	if (!answered) {
		atomic_fetch_add(&call->sv->suspended, 1);
		MHD_suspend_connection(c);
		call->later_state = SERVER_LATER_SUSPENDED;
	}
	pthread_mutex_unlock(&call->later_mu);
	return answered;
}

static bool server_answered(struct server_call *call)
{
	pthread_mutex_lock(&call->later_mu);
	bool answered = call->later_state == SERVER_LATER_ANSWERED;
	pthread_mutex_unlock(&call->later_mu);
	return answered;
}

static void server_handle(struct server *sv, struct MHD_Connection *c,
			  struct server_call *call)
{
	struct request rq;
	struct response *rs = &call->rs;
	bool api = server_is_api(call->path);
	if (call->too_large) {
		server_too_large(call, rs);
	} else if (api) {
		server_fill(sv, c, call, &rq);
		routes_dispatch(&rq, rs);
	} else if (strcmp(call->method, "GET") && strcmp(call->method, "HEAD")) {
		rs->status = 405;
		rs->allow = "GET, HEAD";
		rs->content_type = "text/plain; charset=utf-8";
		rs->body = "method not allowed\n";
		rs->body_len = 19;
	} else {
		statics_serve(sv->opt->web_dir, call->path, &call->arena, rs);
	}
}

/* A body refused for its size is read and dropped, up to this many
 * bytes, before the 413 goes out: a client still sending its body when
 * the answer comes and the connection closes would see the connection
 * reset, not the answer. Beyond it (or when the client waits for "100
 * Continue" and has sent nothing) the 413 goes at once. */
#define SERVER_DRAIN_MAX ((size_t)16 << 20)

/* Content-Length above the limit is refused, and whether to answer at
 * once rather than read the body first (see SERVER_DRAIN_MAX). */
static bool server_declared_too_large(const struct server_call *call,
				      struct MHD_Connection *c, bool *now)
{
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						     "Content-Length");
	const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							 "Expect");
	unsigned long long n = cl ? strtoull(cl, NULL, 10) : 0;
	if (!cl || n <= call->limit)
		return false;
	*now = n - call->limit > SERVER_DRAIN_MAX ||
	       (expect && strcasecmp(expect, "100-continue") == 0);
	return true;
}

/* Behind the trusted reverse proxy, the client is the address the proxy
 * appended last to X-Forwarded-For (earlier ones the client could have
 * written itself). Anything but a plain IP address is ignored. */
static void server_forwarded(const struct server *sv, struct MHD_Connection *c,
			     char *client, size_t cap)
{
	const char *proxy = sv->opt->trusted_proxy;
	if (!proxy || strcmp(proxy, client) != 0)
		return;
	const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						      "X-Forwarded-For");
	if (!xff)
		return;
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ' || *last == '\t')
		last++;
	char addr[INET6_ADDRSTRLEN];
	size_t n = strcspn(last, " \t");
	unsigned char bin[sizeof(struct in6_addr)];
	if (n == 0 || n >= sizeof addr)
		return;
	memcpy(addr, last, n);
	addr[n] = '\0';
	if (inet_pton(AF_INET, addr, bin) == 1 ||
	    inet_pton(AF_INET6, addr, bin) == 1)
		snprintf(client, cap, "%s", addr);
}

static struct server_call *server_call_new(struct server *sv,
					   struct MHD_Connection *c,
					   const char *url, const char *method)
{
	struct server_call *call = xcalloc(1, sizeof *call);
	call->sv = sv;
	call->start_ns = server_clock_ns();
	call->method = arena_strdup(&call->arena, method);
	call->path = arena_strdup(&call->arena, url);
	call->conn = c;
	call->later = (struct request_later){ server_answer, &call->rs,
					      call->method, call->path };
	pthread_mutex_init(&call->later_mu, NULL);
	call->rs.status = 500;
	call->rs.content_type = "application/json; charset=utf-8";
	call->rs.account = "-";
	server_client(c, call->client, sizeof call->client);
	server_forwarded(sv, c, call->client, sizeof call->client);
	call->limit = server_is_api(url)
		? routes_body_limit(sv->app, method, url,
				    MHD_lookup_connection_value(c,
					MHD_COOKIE_KIND, "kaohe_session"),
				    sv->opt->body_limit, sv->opt->upload_limit)
		: sv->opt->body_limit;
	return call;
}

static enum MHD_Result server_on_request(void *cls, struct MHD_Connection *c,
					 const char *url, const char *method,
					 const char *version,
					 const char *upload, size_t *upload_size,
					 void **con_cls)
{
	struct server *sv = cls;
	struct server_call *call = *con_cls;
	(void)version;
	if (!call) {
		*con_cls = call = server_call_new(sv, c, url, method);
		atomic_fetch_add(&sv->inflight, 1);
		bool now = false;
		if (server_declared_too_large(call, c, &now)) {
			call->too_large = true;
			if (now) {
				server_handle(sv, c, call);
				return server_send(c, call, true);
			}
		}
		return MHD_YES;
	}
	if (*upload_size) {
		call->has_body = true;
		if (!call->too_large &&
		    call->body.len + *upload_size > call->limit) {
			call->too_large = true;
			buf_free(&call->body);
		}
		if (!call->too_large)
			buf_append(&call->body, upload, *upload_size);
		else
			call->dropped += *upload_size;
		*upload_size = 0;
		if (call->too_large && !call->answered &&
		    call->dropped > SERVER_DRAIN_MAX) {
			server_handle(sv, c, call);
			return server_send(c, call, true);
		}
		return MHD_YES;
	}
	if (call->answered)
		return MHD_YES; /* a 413 went out before the body */
	if (!call->rs.later) {
		server_handle(sv, c, call);
		if (call->rs.later && !server_wait(call, c))
			return MHD_YES;
	} else if (!server_answered(call)) {
		return MHD_YES; /* not resumed by server_answer */
	}
	return server_send(c, call, server_is_api(call->path));
}

static void server_on_completed(void *cls, struct MHD_Connection *c,
				void **con_cls,
				enum MHD_RequestTerminationCode toe)
{
	struct server *sv = cls;
	struct server_call *call = *con_cls;
	(void)c;
	if (!call)
		return;
	atomic_fetch_sub(&sv->inflight, 1);
	double ms = (double)(server_clock_ns() - call->start_ns) / 1e6;
	log_info("%s %s %d %zuB %.1fms client=%s account=%s%s", call->method,
		 call->path, call->rs.status, call->sent, ms, call->client,
		 call->rs.account ? call->rs.account : "-",
		 toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	json_decref(call->rs.json);
	buf_free(&call->rs.set_cookie);
	buf_free(&call->body);
	arena_free(&call->arena);
	pthread_mutex_destroy(&call->later_mu);
	free(call);
	*con_cls = NULL;
}

static void server_mhd_log(void *cls, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void server_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	(void)cls;
	vsnprintf(line, sizeof line, fmt, ap);
	log_warn("http: %s", line);
}

static int server_address(const char *listen, int port,
			  struct sockaddr_storage *out, unsigned *flags,
			  struct err *e)
{
	memset(out, 0, sizeof *out);
	struct sockaddr_in *v4 = (struct sockaddr_in *)(void *)out;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)(void *)out;
	if (inet_pton(AF_INET, listen, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, listen, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		*flags |= MHD_USE_IPv6;
		return 0;
	}
	return err_set_at(e, ERR_INVALID, "invalid_setting", "listen",
			  "listen: '%s' is not an IPv4 or IPv6 address", listen);
}

static struct MHD_Daemon *server_start(struct server *sv, sigset_t *sigs,
				       struct err *e)
{
	struct sockaddr_storage addr;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			 MHD_USE_ERROR_LOG | MHD_USE_ITC |
			 MHD_ALLOW_SUSPEND_RESUME;
	if (server_address(sv->opt->listen, sv->opt->port, &addr, &flags, e))
		return NULL;
	/* Workers inherit this mask, so only sigwait below sees the signals. */
	pthread_sigmask(SIG_BLOCK, sigs, NULL);
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, (uint16_t)sv->opt->port, NULL, NULL, server_on_request, sv,
		MHD_OPTION_EXTERNAL_LOGGER, server_mhd_log, sv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)sv->opt->threads,
		MHD_OPTION_NOTIFY_COMPLETED, server_on_completed, sv,
		MHD_OPTION_CONNECTION_TIMEOUT, 20u,
		MHD_OPTION_CONNECTION_LIMIT, 1000u,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, sv->opt->per_address,
		MHD_OPTION_END);
	if (!d)
		err_set(e, ERR_INTERNAL, "listen_failed",
			"cannot listen on %s port %d (in use, or not allowed)",
			sv->opt->listen, sv->opt->port);
	return d;
}

/* Waits until every request begun has been answered (or the drain time
 * is up): stopping the daemon closes connections, answered or not. */
static void server_drain(struct server *sv)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	for (int i = 0; i < SERVER_DRAIN_SECONDS * 100; i++) {
		if (atomic_load(&sv->inflight) == 0)
			return;
		nanosleep(&tick, NULL);
	}
	log_warn("stopping with %d requests still in progress",
		 atomic_load(&sv->inflight));
	/* Never with a connection suspended: its ballot is in the writer's
	 * queue, and the writer always answers. */
	while (atomic_load(&sv->suspended) > 0)
		nanosleep(&tick, NULL);
}

int server_run(struct app *a, const struct server_options *opt,
	       struct err *e)
{
	struct server sv = { .app = a, .opt = opt };
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	signal(SIGPIPE, SIG_IGN);
	struct MHD_Daemon *d = server_start(&sv, &sigs, e);
	if (!d)
		return -1;
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	int port = info ? info->port : opt->port;
	bool v6 = strchr(opt->listen, ':') != NULL;
	log_info("listening on http://%s%s%s:%d/ with %d threads",
		 v6 ? "[" : "", opt->listen, v6 ? "]" : "", port, opt->threads);
	int sig = 0;
	sigwait(&sigs, &sig);
	log_info("%s: finishing requests in progress, then stopping",
		 sig == SIGINT ? "SIGINT" : "SIGTERM");
	/* The listening socket is ours once quiesced: closed at the end, and
	 * meanwhile nothing new is accepted from its backlog. */
	MHD_socket listener = MHD_quiesce_daemon(d);
	atomic_store(&sv.stopping, true);
	server_drain(&sv);
	MHD_stop_daemon(d);
	if (listener != MHD_INVALID_SOCKET)
		close(listener);
	log_info("stopped");
	return 0;
}
