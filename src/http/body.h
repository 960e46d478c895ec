/* body: reading a JSON request body and its members, with errors that name
 * the JSON path at fault ("$.username"). Knows nothing of sockets, so the
 * fuzz target drives it directly. */
#ifndef KAOHE_BODY_H
#define KAOHE_BODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/err.h"

/* True when a Content-Type header names JSON (application/json, with
 * or without parameters). */
bool body_is_json_type(const char *content_type);
/* Parses body as a JSON object. Invalid UTF-8, a syntax error, a
 * duplicate key or a non-object is ERR_INVALID with the line and column
 * or the path. Returns a new object (json_decref). */
int body_parse(const char *body, size_t len, json_t **out, struct err *e);
/* Refuses members other than those named (NULL-terminated list). */
int body_only(const json_t *obj, const char *const *allowed, struct err *e);
/* A string member: required or not (absent or null gives *out = NULL),
 * at most max bytes, without NUL characters. */
int body_string(const json_t *obj, const char *key, bool required,
		size_t max, const char **out, struct err *e);
/* An integer member; absent or null gives def. */
int body_int(const json_t *obj, const char *key, int64_t def, int64_t min,
	     int64_t max, int64_t *out, struct err *e);
/* A boolean member; absent or null gives false. */
int body_bool(const json_t *obj, const char *key, bool *out, struct err *e);

#endif
