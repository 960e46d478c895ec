/* server: kaohe's HTTP server on libmicrohttpd (a thread pool on epoll).
 * It turns each request into a struct request, hands /api/ to the routes
 * and everything else to the static files, writes one access-log line per
 * request, and stops cleanly on SIGTERM or SIGINT: it stops accepting,
 * lets the requests in progress finish, and returns so the caller can
 * close the database. */
#ifndef KAOHE_SERVER_H
#define KAOHE_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"

struct server_options {
	const char *listen;  /* IPv4 or IPv6 address */
	int port;            /* 0: any free port (logged) */
	int threads;
	size_t body_limit;   /* bytes */
	size_t upload_limit; /* bytes, of a spreadsheet upload */
	unsigned per_address; /* connections from one client address */
	const char *web_dir; /* NULL: the built-in UI */
	bool cookie_secure;
	const char *trusted_proxy; /* the reverse proxy's address, or NULL */
};

/* Serves until SIGTERM or SIGINT. Returns 0 after a clean stop, -1 when
 * the server could not start. */
int server_run(struct app *a, const struct server_options *opt,
	       struct err *e);

#endif
