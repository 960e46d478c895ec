/* jread: JSON members with paths and collected errors (see jread.h). */
#include "jread.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/utf8.h"

/* snprintf where cutting a long path short is what we want. */
static void jread_fmt(char *out, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void jread_fmt(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out, cap, fmt, ap);
	va_end(ap);
}

void jpath_root(struct jpath *p)
{
	p->s[0] = '$';
	p->s[1] = '\0';
}

void jpath_key(struct jpath *out, const struct jpath *parent, const char *key)
{
	jread_fmt(out->s, sizeof out->s, "%s.%.100s", parent->s, key);
}

void jpath_index(struct jpath *out, const struct jpath *parent, size_t i)
{
	jread_fmt(out->s, sizeof out->s, "%s[%zu]", parent->s, i);
}

static int jread_verror(struct jread *j, const char *where, const char *id,
			const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static int jread_verror(struct jread *j, const char *where, const char *id,
			const char *fmt, va_list ap)
{
	char msg[ERR_MSG_MAX];
	vsnprintf(msg, sizeof msg, fmt, ap);
	j->nerrors++;
	return err_list_set_at(j->errs, ERR_INVALID, id, where, "%s", msg);
}

int jread_error(struct jread *j, const struct jpath *path, const char *id,
		const char *fmt, ...)
{
	char where[ERR_WHERE_MAX];
	va_list ap;
	if (path)
		jread_fmt(where, sizeof where, "%s %s", j->file, path->s);
	else
		jread_fmt(where, sizeof where, "%s", j->file);
	va_start(ap, fmt);
	jread_verror(j, where, id, fmt, ap);
	va_end(ap);
	return -1;
}

static int jread_error_line(struct jread *j, int line, int col,
			    const char *id, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int jread_error_line(struct jread *j, int line, int col,
			    const char *id, const char *fmt, ...)
{
	char where[ERR_WHERE_MAX];
	va_list ap;
	jread_fmt(where, sizeof where, "%s line %d, column %d", j->file, line,
		  col);
	va_start(ap, fmt);
	jread_verror(j, where, id, fmt, ap);
	va_end(ap);
	return -1;
}

json_t *jread_parse(struct jread *j, const char *text, size_t len)
{
	json_error_t je;
	size_t bad = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (!utf8_valid(text, len, &bad)) {
		int line = 1, col = 1;
		for (size_t i = 0; i < bad; i++) {
			if (text[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		jread_error_line(j, line, col, "bad_encoding",
				 "byte 0x%02X is not UTF-8",
				 (unsigned char)text[bad]);
		return NULL;
	}
	json_t *v = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		jread_error_line(j, je.line, je.column, "bad_json", "%s",
				 je.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		struct jpath root;
		jpath_root(&root);
		jread_error(j, &root, "bad_json", "must be a JSON object");
		json_decref(v);
		return NULL;
	}
	return v;
}

char *jread_text(struct jread *j, const char *path, bool required,
		 size_t *len)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			jread_error(j, NULL, "unreadable", "cannot open %s: %s",
				    j->file, strerror(errno));
		else if (required)
			jread_error(j, NULL, "missing_file", "%s is missing",
				    j->file);
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > (off_t)JREAD_MAX_FILE) {
		jread_error(j, NULL, "too_large",
			    "%s is not a regular file of at most %u bytes",
			    j->file, JREAD_MAX_FILE);
		goto out;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		jread_error(j, NULL, "too_large", "out of memory");
		goto out;
	}
	while (n < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + n, (size_t)st.st_size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	*len = n;
out:
	close(fd);
	return buf;
}

json_t *jread_file(struct jread *j, const char *path, bool required)
{
	size_t len = 0;
	char *text = jread_text(j, path, required, &len);
	if (!text)
		return NULL;
	json_t *v = jread_parse(j, text, len);
	free(text);
	return v;
}

int jread_only(struct jread *j, const json_t *obj, const struct jpath *at,
	       const char *const *allowed)
{
	const char *key;
	json_t *value;
	int rc = 0;
	json_object_foreach((json_t *)obj, key, value) {
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, key) == 0;
		if (!ok) {
			struct jpath p;
			jpath_key(&p, at, key);
			rc = jread_error(j, &p, "unknown_key",
					 "unknown key '%.100s'", key);
		}
	}
	return rc;
}

bool jread_is_object(struct jread *j, const json_t *v,
		     const struct jpath *path)
{
	if (json_is_object(v))
		return true;
	jread_error(j, path, "bad_type", "must be an object");
	return false;
}

/* The member, or NULL when absent or null (an error when required). */
static const json_t *jread_get(struct jread *j, const json_t *obj,
			       const struct jpath *at, const char *key,
			       bool required, struct jpath *p, int *rc)
{
	jpath_key(p, at, key);
	const json_t *v = json_object_get(obj, key);
	*rc = 1;
	if (v && !json_is_null(v))
		return v;
	if (required)
		*rc = jread_error(j, p, "missing_key", "'%s' is required",
				  key);
	return NULL;
}

int jread_string(struct jread *j, const json_t *obj, const struct jpath *at,
		 const char *key, bool required, size_t max, const char **out)
{
	struct jpath p;
	int rc;
	const json_t *v = jread_get(j, obj, at, key, required, &p, &rc);
	if (!v)
		return rc;
	if (!json_is_string(v))
		return jread_error(j, &p, "bad_type", "must be a string");
	size_t len = json_string_length(v);
	if (len > max)
		return jread_error(j, &p, "too_long",
				   "longer than %zu bytes", max);
	*out = arena_strndup(j->arena, json_string_value(v), len);
	return 0;
}

int jread_id(struct jread *j, const json_t *obj, const struct jpath *at,
	     const char *key, bool required, const char **out)
{
	const char *s = NULL;
	int rc = jread_string(j, obj, at, key, required, JREAD_ID_MAX, &s);
	if (rc != 0)
		return rc;
	struct jpath p;
	jpath_key(&p, at, key);
	if (!*s)
		return jread_error(j, &p, "bad_id", "an id cannot be empty");
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7F)
			return jread_error(j, &p, "bad_id",
					   "an id cannot hold control "
					   "characters");
	*out = s;
	return 0;
}

int jread_number(struct jread *j, const json_t *obj, const struct jpath *at,
		 const char *key, bool required, double min, double max,
		 double *out)
{
	struct jpath p;
	int rc;
	const json_t *v = jread_get(j, obj, at, key, required, &p, &rc);
	if (!v)
		return rc;
	if (!json_is_number(v))
		return jread_error(j, &p, "bad_type", "must be a number");
	double x = json_number_value(v);
	if (!isfinite(x) || x < min || x > max)
		return jread_error(j, &p, "out_of_range",
				   "%g is not within [%g, %g]", x, min, max);
	*out = x;
	return 0;
}

int jread_int(struct jread *j, const json_t *obj, const struct jpath *at,
	      const char *key, bool required, int64_t min, int64_t max,
	      int64_t *out)
{
	struct jpath p;
	int rc;
	const json_t *v = jread_get(j, obj, at, key, required, &p, &rc);
	if (!v)
		return rc;
	if (!json_is_integer(v))
		return jread_error(j, &p, "bad_type", "must be an integer");
	json_int_t x = json_integer_value(v);
	if (x < min || x > max)
		return jread_error(j, &p, "out_of_range",
				   "%lld is not within [%lld, %lld]",
				   (long long)x, (long long)min,
				   (long long)max);
	*out = (int64_t)x;
	return 0;
}

int jread_bool(struct jread *j, const json_t *obj, const struct jpath *at,
	       const char *key, bool *out)
{
	struct jpath p;
	int rc;
	const json_t *v = jread_get(j, obj, at, key, false, &p, &rc);
	if (!v)
		return rc;
	if (!json_is_boolean(v))
		return jread_error(j, &p, "bad_type", "must be true or false");
	*out = json_is_true(v);
	return 0;
}

/* A member of the given JSON type; `what` names it in the error. */
static int jread_typed(struct jread *j, const json_t *obj,
		       const struct jpath *at, const char *key, bool required,
		       json_type type, const char *what, const json_t **out)
{
	struct jpath p;
	int rc;
	const json_t *v = jread_get(j, obj, at, key, required, &p, &rc);
	if (!v)
		return rc;
	if (json_typeof(v) != type)
		return jread_error(j, &p, "bad_type", "must be %s", what);
	*out = v;
	return 0;
}

int jread_array(struct jread *j, const json_t *obj, const struct jpath *at,
		const char *key, bool required, const json_t **out)
{
	return jread_typed(j, obj, at, key, required, JSON_ARRAY, "an array",
			   out);
}

int jread_object(struct jread *j, const json_t *obj, const struct jpath *at,
		 const char *key, bool required, const json_t **out)
{
	return jread_typed(j, obj, at, key, required, JSON_OBJECT,
			   "an object", out);
}

int jread_choice(struct jread *j, const json_t *obj, const struct jpath *at,
		 const char *key, bool required, const char *const *choices,
		 int *out)
{
	const char *s = NULL;
	int rc = jread_string(j, obj, at, key, required, JREAD_ID_MAX, &s);
	if (rc != 0)
		return rc;
	for (int i = 0; choices[i]; i++)
		if (strcmp(choices[i], s) == 0) {
			*out = i;
			return 0;
		}
	struct jpath p;
	jpath_key(&p, at, key);
	char list[256] = "";
	size_t n = 0;
	for (int i = 0; choices[i] && n < sizeof list; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
				      i ? ", " : "", choices[i]);
	return jread_error(j, &p, "bad_value", "'%.100s' is not one of %s", s,
			   list);
}
