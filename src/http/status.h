/* status: the one mapping from error codes to HTTP statuses. */
#ifndef KAOHE_STATUS_H
#define KAOHE_STATUS_H

#include "base/err.h"

int status_of(const struct err *e);

#endif
