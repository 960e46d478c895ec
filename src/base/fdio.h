/* fdio: writing to a file descriptor. */
#ifndef KAOHE_FDIO_H
#define KAOHE_FDIO_H

#include <stddef.h>

/* Writes all n bytes of p to fd, again after an interruption or a short
 * write. Returns 0, or the errno of the failure (EIO when write wrote
 * nothing and said nothing). */
int fd_write_all(int fd, const void *p, size_t n);

#endif
