/* fdio: writing to a file descriptor. */
#include "fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes n bytes of p, again after an interruption or a short write;
 * *done: how many were written. Returns 0 or the errno of the failure. */
static int fd_write_from(int fd, const char *p, size_t n, size_t *done)
{
	*done = 0;
	while (*done < n) {
		ssize_t w = write(fd, p + *done, n - *done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		*done += (size_t)w;
	}
	return 0;
}

int fd_write_all(int fd, const void *p, size_t n)
{
	size_t done;
	return fd_write_from(fd, p, n, &done);
}

/* Leaves direct I/O for plain writes from here on. */
static int fd_sink_plain(struct fd_sink *k)
{
	int flags = fcntl(k->fd, F_GETFL);
	if (flags < 0 || fcntl(k->fd, F_SETFL, flags & ~O_DIRECT) < 0)
		return errno;
	k->direct = false;
	return 0;
}

/* Writes the first n bytes of the buffer (a multiple of FD_SINK_ALIGN
 * while direct). A direct write the file system refuses (EINVAL) is done
 * again plainly: a file system may take O_DIRECT at open and not at
 * write, and a short direct write leaves the rest unaligned. */
static int fd_sink_flush(struct fd_sink *k, size_t n)
{
	size_t at = 0;
	for (;;) {
		size_t done;
		int error = fd_write_from(k->fd, k->block + at, n - at, &done);
		at += done;
		if (error != EINVAL || !k->direct)
			return error;
		error = fd_sink_plain(k);
		if (error)
			return error;
	}
}

int fd_sink_open(struct fd_sink *k, const char *path, size_t block)
{
	int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
	*k = (struct fd_sink){ .fd = -1 };
	k->cap = (block + FD_SINK_ALIGN - 1) / FD_SINK_ALIGN * FD_SINK_ALIGN;
	if (k->cap == 0)
		k->cap = FD_SINK_ALIGN;
	void *mem;
	int error = posix_memalign(&mem, FD_SINK_ALIGN, k->cap);
	if (error)
		return k->error = error;
	k->block = mem;
	k->fd = open(path, flags | O_DIRECT, 0666);
	k->direct = k->fd >= 0;
	if (k->fd < 0 && errno == EINVAL)
		k->fd = open(path, flags, 0666);
	if (k->fd < 0) {
		k->error = errno;
		free(k->block);
		k->block = NULL;
		return k->error;
	}
	return 0;
}

int fd_sink_write(struct fd_sink *k, const void *p, size_t n)
{
	const char *at = p;
	while (n > 0 && !k->error) {
		size_t room = k->cap - k->len;
		size_t take = n < room ? n : room;
		memcpy(k->block + k->len, at, take);
		k->len += take;
		at += take;
		n -= take;
		if (k->len == k->cap) {
			k->error = fd_sink_flush(k, k->cap);
			k->len = 0;
		}
	}
	return k->error;
}

int fd_sink_close(struct fd_sink *k)
{
	if (!k->error && k->len > 0) {
		size_t whole = k->direct ? k->len / FD_SINK_ALIGN * FD_SINK_ALIGN
					 : k->len;
		size_t rest = k->len - whole;
		k->error = fd_sink_flush(k, whole);
		if (!k->error && rest > 0) {
			if (k->direct)
				k->error = fd_sink_plain(k);
			if (!k->error)
				k->error = fd_write_all(k->fd, k->block + whole,
							rest);
		}
	}
	if (k->fd >= 0 && close(k->fd) != 0 && !k->error)
		k->error = errno;
	k->fd = -1;
	free(k->block);
	k->block = NULL;
	return k->error;
}
