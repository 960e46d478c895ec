/* ballot_load: anonymous ballots over HTTP/1.1 on loopback, as many
 * raters at once as asked, for bench/ballots.sh (docs/benchmarks.md:
 * Ballots and cycles in the server).
 *
 *   ballot_load URL TOKENS_FILE CONNECTIONS SUBJECTS_FILE
 *   ballot_load --get PATH URL REQUESTS CONNECTIONS
 *
 * URL is http://HOST:PORT with an IPv4 address. The first form sends one
 * POST /api/v1/ballot per line of TOKENS_FILE, every subject of
 * SUBJECTS_FILE (one id a line) rated, the levels excellent, competent,
 * basic and incompetent in turn, as bench/ballots_load.mjs did. The
 * second sends REQUESTS GETs of PATH (say /api/v1/health), to see what
 * HTTP alone costs. CONNECTIONS keep-alive connections each send their
 * next request as soon as the answer to the last one is read whole
 * (Content-Length), so there are always CONNECTIONS requests in flight.
 * Prints the answers by status, the acknowledged (2xx) requests a second,
 * the latency percentiles (from the first byte written to the last byte
 * read) and its own CPU time. Exit status 0 when it ran (whatever the
 * answers), 2 on bad arguments or when it cannot connect.
 *
 * One thread and epoll, every request built before the clock starts, so
 * that it takes as little of the machine's CPU as it can: the server
 * shares the machine. Standalone on purpose (libc only, no kaohe code).
 * Must not be used for anything but benchmarks. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CONN_MAX 10000
#define RESP_MAX 65536 /* bytes of one answer, headers and body */

struct req {
	char *data;
	size_t len;
};

struct conn {
	int fd;
	long req;        /* index of the request in flight, or -1 */
	size_t sent;     /* bytes of it written */
	char resp[RESP_MAX];
	size_t got;      /* bytes of the answer read */
	size_t head_end; /* 0 until the end of the headers is read */
	size_t want;     /* head_end + Content-Length */
	int status;
	int64_t t0;
	bool close_after; /* the answer said Connection: close */
};

static struct req *reqs;
static long nreqs, next_req, done_reqs;
static uint32_t *lat_us; /* per request, in completion order */
static long nlat;
static long by_status[600];
static long closed_early; /* connections lost with a request in flight */
static struct sockaddr_in addr;
static int epfd;

static void die(const char *what)
{
	fprintf(stderr, "ballot_load: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fprintf(stderr, "ballot_load: out of memory\n");
		exit(2);
	}
	return p;
}

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The lines of path, without their newlines and empty lines; *n lines.
 * The strings point into one buffer that is never freed. */
static char **read_lines(const char *path, long *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(path);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = xmalloc((size_t)size + 1);
	if (fread(text, 1, (size_t)size, f) != (size_t)size)
		die(path);
	fclose(f);
	text[size] = '\0';
	long cap = 1;
	for (long i = 0; i < size; i++)
		cap += text[i] == '\n';
	char **lines = xmalloc((size_t)cap * sizeof *lines);
	*n = 0;
	for (char *p = text, *save = NULL, *l; (l = strtok_r(p, "\r\n", &save));
	     p = NULL)
		lines[(*n)++] = l;
	return lines;
}

/* Appends to a growing buffer. */
struct out {
	char *data;
	size_t len, cap;
};

static void out_add(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		char *d = realloc(o->data, o->cap);
		if (!d) {
			fprintf(stderr, "ballot_load: out of memory\n");
			exit(2);
		}
		o->data = d;
	}
	memcpy(o->data + o->len, s, n);
	o->len += n;
	o->data[o->len] = '\0';
}

static void out_str(struct out *o, const char *s)
{
	out_add(o, s, strlen(s));
}

/* One POST /api/v1/ballot per token: token k rates subject i at level
 * (i + k) mod 4. Ids and tokens hold no character JSON must escape (they
 * are checked here). */
static void build_ballots(const char *host, char **tokens, long ntokens,
			  char **subjects, long nsubjects)
{
	static const char *const levels[] = { "excellent", "competent",
					      "basic", "incompetent" };
	for (long i = 0; i < nsubjects; i++)
		if (strpbrk(subjects[i], "\"\\")) {
			fprintf(stderr, "ballot_load: subject '%s' needs "
				"escaping\n", subjects[i]);
			exit(2);
		}
	reqs = xmalloc((size_t)ntokens * sizeof *reqs);
	for (long k = 0; k < ntokens; k++) {
		struct out body = { 0 }, r = { 0 };
		char head[256];
		if (strpbrk(tokens[k], "\"\\")) {
			fprintf(stderr, "ballot_load: a token needs escaping\n");
			exit(2);
		}
		out_str(&body, "{\"token\":\"");
		out_str(&body, tokens[k]);
		out_str(&body, "\",\"ratings\":[");
		for (long i = 0; i < nsubjects; i++) {
			out_str(&body, i ? ",{\"subject\":\"" : "{\"subject\":\"");
			out_str(&body, subjects[i]);
			out_str(&body, "\",\"level\":\"");
			out_str(&body, levels[(i + k) % 4]);
			out_str(&body, "\"}");
		}
		out_str(&body, "]}");
		int n = snprintf(head, sizeof head,
				 "POST /api/v1/ballot HTTP/1.1\r\nHost: %s\r\n"
				 "Content-Type: application/json\r\n"
				 "Content-Length: %zu\r\n\r\n", host, body.len);
		out_add(&r, head, (size_t)n);
		out_add(&r, body.data, body.len);
		free(body.data);
		reqs[k].data = r.data;
		reqs[k].len = r.len;
	}
	nreqs = ntokens;
}

static void build_gets(const char *host, const char *path, long n)
{
	struct out r = { 0 };
	out_str(&r, "GET ");
	out_str(&r, path);
	out_str(&r, " HTTP/1.1\r\nHost: ");
	out_str(&r, host);
	out_str(&r, "\r\n\r\n");
	reqs = xmalloc((size_t)n * sizeof *reqs);
	for (long k = 0; k < n; k++)
		reqs[k] = (struct req){ r.data, r.len };
	nreqs = n;
}

static void conn_open(struct conn *c)
{
	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (c->fd < 0)
		die("socket");
	int one = 1;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) != 0)
		die("connect");
	if (fcntl(c->fd, F_SETFL, O_NONBLOCK) != 0)
		die("fcntl");
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev) != 0)
		die("epoll_ctl");
	c->req = -1;
}

static void conn_want_out(struct conn *c, bool out)
{
	struct epoll_event ev = { .events = EPOLLIN | (out ? EPOLLOUT : 0u),
				  .data.ptr = c };
	epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

/* Writes what is left of the request in flight; false when the
 * connection is lost. */
static bool conn_write(struct conn *c)
{
	const struct req *r = &reqs[c->req];
	while (c->sent < r->len) {
		ssize_t w = write(c->fd, r->data + c->sent, r->len - c->sent);
		if (w < 0 && errno == EAGAIN) {
			conn_want_out(c, true);
			return true;
		}
		if (w <= 0)
			return false;
		c->sent += (size_t)w;
	}
	return true;
}

/* Sends the next request, if any are left; false when the connection is
 * lost. */
static bool conn_next(struct conn *c)
{
	c->req = -1;
	if (next_req >= nreqs)
		return true;
	c->req = next_req++;
	c->sent = c->got = c->head_end = c->want = 0;
	c->status = 0;
	c->close_after = false;
	c->t0 = now_ns();
	return conn_write(c);
}

static bool has_token(const char *v, size_t n, const char *tok)
{
	size_t k = strlen(tok);
	for (size_t i = 0; i + k <= n; i++)
		if (!strncasecmp(v + i, tok, k))
			return true;
	return false;
}

/* Parses the status line and the headers once they are all in. */
static bool conn_head(struct conn *c)
{
	c->resp[c->got] = '\0';
	char *end = strstr(c->resp, "\r\n\r\n");
	if (!end)
		return c->got < RESP_MAX - 1;
	c->head_end = (size_t)(end - c->resp) + 4;
	if (strncmp(c->resp, "HTTP/1.", 7) != 0)
		return false;
	c->status = atoi(c->resp + 9);
	long length = -1;
	for (char *l = strstr(c->resp, "\r\n") + 2; l < end;
	     l = strstr(l, "\r\n") + 2) {
		char *colon = memchr(l, ':', (size_t)(end - l));
		size_t line = (size_t)(strstr(l, "\r\n") - l);
		if (!colon || colon > l + line)
			continue;
		size_t name = (size_t)(colon - l);
		if (name == 14 && !strncasecmp(l, "Content-Length", 14))
			length = atol(colon + 1);
		else if (name == 10 && !strncasecmp(l, "Connection", 10))
			c->close_after = has_token(colon + 1,
						   line - name - 1, "close");
	}
	if (length < 0 || c->status < 100 || c->status > 599)
		return false; /* the server always sends Content-Length */
	c->want = c->head_end + (size_t)length;
	return c->want < RESP_MAX;
}

static void conn_lost(struct conn *c)
{
	epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	if (c->req >= 0) {
		closed_early++;
		done_reqs++;
	}
	conn_open(c);
	if (!conn_next(c))
		conn_lost(c);
}

/* Reads what the socket has; completes the answer when it is whole. */
static void conn_read(struct conn *c)
{
	for (;;) {
		ssize_t r = read(c->fd, c->resp + c->got, RESP_MAX - 1 - c->got);
		if (r < 0 && errno == EAGAIN)
			return;
		if (r <= 0 || c->req < 0) {
			conn_lost(c);
			return;
		}
		c->got += (size_t)r;
		if (!c->head_end && !conn_head(c)) {
			if (c->head_end || c->got >= RESP_MAX - 1) {
				fprintf(stderr, "ballot_load: a bad answer\n");
				conn_lost(c);
				return;
			}
			continue;
		}
		if (!c->head_end || c->got < c->want)
			continue;
		if (c->got > c->want) {
			fprintf(stderr, "ballot_load: bytes after an answer\n");
			conn_lost(c);
			return;
		}
		int64_t us = (now_ns() - c->t0) / 1000;
		lat_us[nlat++] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
		by_status[c->status]++;
		done_reqs++;
		c->req = -1;
		if (c->close_after) {
			conn_lost(c);
			return;
		}
		if (!conn_next(c))
			conn_lost(c);
		return;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static double pct(double p)
{
	if (!nlat)
		return 0;
	long i = (long)(p * (double)nlat);
	return lat_us[i < nlat ? i : nlat - 1] / 1000.0;
}

static void parse_url(const char *url, char *host, size_t cap)
{
	if (strncmp(url, "http://", 7) != 0) {
		fprintf(stderr, "ballot_load: URL is http://HOST:PORT\n");
		exit(2);
	}
	snprintf(host, cap, "%s", url + 7);
	host[strcspn(host, "/")] = '\0';
	char *colon = strrchr(host, ':');
	char ip[64];
	snprintf(ip, sizeof ip, "%.*s", colon ? (int)(colon - host) : 0, host);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)(colon ? atoi(colon + 1) : 80));
	if (!colon || inet_pton(AF_INET, ip, &addr.sin_addr) != 1) {
		fprintf(stderr, "ballot_load: URL is http://IPv4:PORT\n");
		exit(2);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: ballot_load URL TOKENS_FILE CONNECTIONS "
		"SUBJECTS_FILE\n       ballot_load --get PATH URL REQUESTS "
		"CONNECTIONS\n");
	exit(2);
}

int main(int argc, char **argv)
{
	char host[256];
	long nconn, nsubjects = 0;
	const char *what = "ballots";
	if (argc == 6 && !strcmp(argv[1], "--get")) {
		parse_url(argv[3], host, sizeof host);
		nconn = atol(argv[5]);
		build_gets(host, argv[2], atol(argv[4]));
		what = "requests";
	} else if (argc == 5) {
		long ntokens;
		parse_url(argv[1], host, sizeof host);
		char **tokens = read_lines(argv[2], &ntokens);
		nconn = atol(argv[3]);
		char **subjects = read_lines(argv[4], &nsubjects);
		build_ballots(host, tokens, ntokens, subjects, nsubjects);
	} else {
		usage();
	}
	if (nconn < 1 || nconn > CONN_MAX || nreqs < 1)
		usage();
	lat_us = xmalloc((size_t)nreqs * sizeof *lat_us);
	struct conn *conns = xmalloc((size_t)nconn * sizeof *conns);
	epfd = epoll_create1(0);
	if (epfd < 0)
		die("epoll_create1");
	for (long i = 0; i < nconn; i++)
		conn_open(&conns[i]);

	struct rusage ru0, ru1;
	getrusage(RUSAGE_SELF, &ru0);
	int64_t t0 = now_ns();
	for (long i = 0; i < nconn; i++)
		if (!conn_next(&conns[i]))
			conn_lost(&conns[i]);
	struct epoll_event evs[256];
	while (done_reqs < nreqs) {
		int n = epoll_wait(epfd, evs, 256, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("epoll_wait");
		for (int i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;
			if (evs[i].events & EPOLLOUT) {
				conn_want_out(c, false);
				if (c->req >= 0 && !conn_write(c)) {
					conn_lost(c);
					continue;
				}
			}
			if (evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP))
				conn_read(c);
		}
	}
	double secs = (double)(now_ns() - t0) / 1e9;
	getrusage(RUSAGE_SELF, &ru1);
	double cpu = (double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec +
			      ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) +
		     (double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec +
			      ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6;

	long ok = 0, refused = 0;
	for (int s = 0; s < 600; s++)
		if (s >= 200 && s < 300)
			ok += by_status[s];
		else
			refused += by_status[s];
	qsort(lat_us, (size_t)nlat, sizeof *lat_us, cmp_u32);
	printf("%s %ld acknowledged, %ld refused, %ld lost, in %.2f s: "
	       "%.0f %s/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
	       "max %.1f ms (%ld connections", what, ok, refused, closed_early,
	       secs, (double)ok / secs, what, pct(0.5), pct(0.95), pct(0.99),
	       nlat ? lat_us[nlat - 1] / 1000.0 : 0.0, nconn);
	if (nsubjects)
		printf(", %ld subjects a ballot", nsubjects);
	printf(")\n  by status:");
	for (int s = 0; s < 600; s++)
		if (by_status[s])
			printf(" %d x%ld", s, by_status[s]);
	printf("; load generator CPU %.2f s (%.0f%% of one core)\n", cpu,
	       100.0 * cpu / secs);
	return 0;
}
