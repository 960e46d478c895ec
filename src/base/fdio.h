/* fdio: writing to a file descriptor. */
#ifndef KAOHE_FDIO_H
#define KAOHE_FDIO_H

#include <stdbool.h>
#include <stddef.h>

/* Writes all n bytes of p to fd, again after an interruption or a short
 * write. Returns 0, or the errno of the failure (EIO when write wrote
 * nothing and said nothing). */
int fd_write_all(int fd, const void *p, size_t n);

/* A new file written front to back, for outputs of gigabytes that nothing
 * reads back soon. Where the file system takes it, whole blocks go to the
 * disk around the page cache (O_DIRECT): filling gigabytes of page cache
 * costs the CPU more than the disk's own writing, most of all on virtual
 * machines, and pushes out what is worth keeping. The last part of the
 * file, shorter than a block, is written plainly; a file system that
 * refuses direct writes gets plain ones. Either way the file's bytes are
 * the same. Not for concurrent use. */
struct fd_sink {
	int fd;
	bool direct;   /* blocks go around the page cache */
	char *block;   /* FD_SINK_ALIGN-aligned, cap bytes */
	size_t cap, len;
	int error;     /* errno of the first failure, else 0 */
};

/* Direct I/O wants addresses, offsets and lengths in multiples of the
 * device's logical block; 4096 is a multiple of every usual one. */
#define FD_SINK_ALIGN 4096

/* Creates (or empties) path with mode 0666 & ~umask, with a buffer of
 * block bytes (rounded up to FD_SINK_ALIGN). Returns 0 or the errno (then
 * writes return it too, and close does nothing more). */
int fd_sink_open(struct fd_sink *k, const char *path, size_t block);

/* Appends n bytes. Returns 0 or the errno of the first failure (every
 * later call returns it too). */
int fd_sink_write(struct fd_sink *k, const void *p, size_t n);

/* Writes what is left and closes the file; frees the buffer whatever
 * happens. Returns 0 or the errno of the first failure. */
int fd_sink_close(struct fd_sink *k);

#endif
