/* jread: reading the JSON files of a workbook (cycle.json, schemes/NAME.json)
 * member by member, with errors that name the file and the JSON path at
 * fault ("schemes/bonded.json $.indicators[0].rule.target"). Every error
 * goes into an err_list so that a check can list them all; readers go on
 * after a bad member where they can.
 * Knows no file's members; must not keep any json_t past the caller's. */
#ifndef KAOHE_IO_JREAD_H
#define KAOHE_IO_JREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"

#define JREAD_MAX_FILE (16u << 20) /* bytes of one JSON file */
#define JREAD_ID_MAX 128           /* bytes of an id */
#define JREAD_TEXT_MAX 1024        /* bytes of a name or a unit */

/* Where errors go and where strings are copied (both borrowed). */
struct jread {
	const char *file;      /* "cycle.json", "schemes/a.json" */
	struct arena *arena;
	struct err_list *errs;
	unsigned nerrors;      /* errors added through this reader */
};

/* A JSON path, built as a reader descends. */
struct jpath {
	char s[ERR_WHERE_MAX];
};

void jpath_root(struct jpath *p);
void jpath_key(struct jpath *out, const struct jpath *parent, const char *key);
void jpath_index(struct jpath *out, const struct jpath *parent, size_t i);

/* Adds an error at path; returns -1. */
int jread_error(struct jread *j, const struct jpath *path, const char *id,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Parses text (a byte-order mark is dropped; JSON_REJECT_DUPLICATES) into
 * an object. A syntax error names the line and column. Returns a new
 * object (json_decref) or NULL with the error added. */
json_t *jread_parse(struct jread *j, const char *text, size_t len);
/* Reads the file at path whole (at most JREAD_MAX_FILE bytes): returns
 * new text (free with free()) and its length, or NULL. A missing file is
 * an error only when required (else NULL, no error). */
char *jread_text(struct jread *j, const char *path, bool required,
		 size_t *len);
/* jread_text, then jread_parse. */
json_t *jread_file(struct jread *j, const char *path, bool required);

/* Refuses members other than those named (NULL-terminated). Returns 0 or
 * -1, with each unknown member's error added. */
int jread_only(struct jread *j, const json_t *obj, const struct jpath *at,
	       const char *const *allowed);
/* Checks that v is an object (an error at path otherwise). */
bool jread_is_object(struct jread *j, const json_t *v,
		     const struct jpath *path);

/* Members of obj (at path `at`). Each returns 0 when the member is there
 * and good, 1 when it is absent (or null) and not required (out is left
 * alone), and -1 after adding an error. */
int jread_string(struct jread *j, const json_t *obj, const struct jpath *at,
		 const char *key, bool required, size_t max,
		 const char **out);
/* An id: a non-empty string of at most JREAD_ID_MAX bytes without
 * control characters. */
int jread_id(struct jread *j, const json_t *obj, const struct jpath *at,
	     const char *key, bool required, const char **out);
/* A finite number within [min, max]. */
int jread_number(struct jread *j, const json_t *obj, const struct jpath *at,
		 const char *key, bool required, double min, double max,
		 double *out);
/* An integer within [min, max]. */
int jread_int(struct jread *j, const json_t *obj, const struct jpath *at,
	      const char *key, bool required, int64_t min, int64_t max,
	      int64_t *out);
/* A boolean. */
int jread_bool(struct jread *j, const json_t *obj, const struct jpath *at,
	       const char *key, bool *out);
/* An array (possibly empty) or an object: *out borrows it. */
int jread_array(struct jread *j, const json_t *obj, const struct jpath *at,
		const char *key, bool required, const json_t **out);
int jread_object(struct jread *j, const json_t *obj, const struct jpath *at,
		 const char *key, bool required, const json_t **out);
/* One of the names in choices (NULL-terminated): *out is its index. */
int jread_choice(struct jread *j, const json_t *obj, const struct jpath *at,
		 const char *key, bool required, const char *const *choices,
		 int *out);

#endif
