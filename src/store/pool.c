/* pool: a fixed set of connections shared by the server's threads.
 * All connections are opened up front, so a request never pays for (or
 * fails at) opening one; a thread that finds none free waits for one.
 * This file must not look inside a connection: it only hands them out. */
#include "store.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>

#include "base/xmalloc.h"

#define STORE_POOL_MAX 1024 /* connections; each holds file handles */

struct store_pool {
	pthread_mutex_t lock;
	pthread_cond_t freed; /* signalled when a connection comes back */
	size_t n;
	size_t nfree;
	struct store **all;  /* n connections, for closing */
	struct store **free; /* nfree of them, ready to lend */
};

static void store_pool_free(struct store_pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		store_close(p->all[i]);
	pthread_cond_destroy(&p->freed);
	pthread_mutex_destroy(&p->lock);
	free(p->all);
	free(p->free);
	free(p);
}

int store_pool_open(const char *url, const struct store_options *opt,
		    size_t n, struct store_pool **out, struct err *e)
{
	struct store_pool *p = NULL;
	int rc = -1;
	*out = NULL;
	if (n < 1 || n > STORE_POOL_MAX) {
		err_set(e, ERR_INVALID, NULL, "a pool has 1 to %d connections, "
			"not %zu", STORE_POOL_MAX, n);
		goto out;
	}
	p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	p->all = xcalloc(n, sizeof *p->all);
	p->free = xcalloc(n, sizeof *p->free);
	for (; p->n < n; p->n++) {
		if (store_open(url, opt, &p->all[p->n], e) != 0)
			goto out;
		p->free[p->n] = p->all[p->n];
	}
	p->nfree = n;
	*out = p;
	rc = 0;
out:
	if (rc != 0 && p)
		store_pool_free(p);
	return rc;
}

struct store *store_pool_acquire(struct store_pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->nfree == 0)
		pthread_cond_wait(&p->freed, &p->lock);
	struct store *s = p->free[--p->nfree];
	pthread_mutex_unlock(&p->lock);
	return s;
}

void store_pool_release(struct store_pool *p, struct store *s)
{
	pthread_mutex_lock(&p->lock);
	assert(p->nfree < p->n);
	p->free[p->nfree++] = s;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}

void store_pool_close(struct store_pool *p)
{
	if (!p)
		return;
	assert(p->nfree == p->n);
	store_pool_free(p);
}
