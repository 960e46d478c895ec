/* body: JSON bodies, checked member by member. */
#include "body.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"

static const char *body_skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* "application/json", optionally with "; charset=utf-8" (any case,
 * quoted or not): JSON is UTF-8, and a body that says otherwise is
 * refused rather than misread. */
bool body_is_json_type(const char *ct)
{
	static const char json[] = "application/json";
	static const char charset[] = "charset=";
	if (!ct)
		return false;
	ct = body_skip_spaces(ct);
	if (strncasecmp(ct, json, sizeof json - 1) != 0)
		return false;
	ct = body_skip_spaces(ct + sizeof json - 1);
	if (*ct == '\0')
		return true;
	if (*ct != ';')
		return false;
	ct = body_skip_spaces(ct + 1);
	if (strncasecmp(ct, charset, sizeof charset - 1) != 0)
		return false;
	ct += sizeof charset - 1;
	bool quoted = *ct == '"';
	ct += quoted;
	if (strncasecmp(ct, "utf-8", 5) != 0)
		return false;
	ct += 5;
	if (quoted && *ct++ != '"')
		return false;
	return *body_skip_spaces(ct) == '\0';
}

int body_parse(const char *body, size_t len, json_t **out, struct err *e)
{
	size_t bad = 0;
	json_error_t je;
	*out = NULL;
	if (!body || len == 0)
		return err_set_at(e, ERR_INVALID, "invalid_json", "$",
				  "the request needs a JSON body");
	if (!utf8_valid(body, len, &bad))
		return err_set_at(e, ERR_INVALID, "invalid_utf8", "$",
				  "the body is not valid UTF-8 (byte %zu)",
				  bad + 1);
	json_t *v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (!v)
		return err_set_at(e, ERR_INVALID, "invalid_json", "$",
				  "invalid JSON at line %d, column %d: %s",
				  je.line, je.column, je.text);
	if (!json_is_object(v)) {
		json_decref(v);
		return err_set_at(e, ERR_INVALID, "invalid_json", "$",
				  "the body must be a JSON object");
	}
	*out = v;
	return 0;
}

int body_only(const json_t *obj, const char *const *allowed, struct err *e)
{
	const char *key;
	json_t *value;
	json_object_foreach((json_t *)obj, key, value) {
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, key) == 0;
		if (!ok) {
			char where[ERR_WHERE_MAX];
			snprintf(where, sizeof where, "$.%.200s", key);
			return err_set_at(e, ERR_INVALID, "unknown_field", where,
					  "unknown field %s", where);
		}
	}
	return 0;
}

int body_string(const json_t *obj, const char *key, bool required,
		size_t max, const char **out, struct err *e)
{
	char where[ERR_WHERE_MAX];
	snprintf(where, sizeof where, "$.%s", key);
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return err_set_at(e, ERR_INVALID, "missing_field", where,
					  "%s is required", where);
		return 0;
	}
	if (!json_is_string(v))
		return err_set_at(e, ERR_INVALID, "invalid_field", where,
				  "%s must be a string", where);
	size_t len = json_string_length(v);
	const char *s = json_string_value(v);
	if (strlen(s) != len)
		return err_set_at(e, ERR_INVALID, "invalid_field", where,
				  "%s must not contain NUL characters", where);
	if (len > max)
		return err_set_at(e, ERR_INVALID, "invalid_field", where,
				  "%s is longer than %zu bytes", where, max);
	*out = s;
	return 0;
}

int body_int(const json_t *obj, const char *key, int64_t def, int64_t min,
	     int64_t max, int64_t *out, struct err *e)
{
	char where[ERR_WHERE_MAX];
	snprintf(where, sizeof where, "$.%s", key);
	json_t *v = json_object_get(obj, key);
	*out = def;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return err_set_at(e, ERR_INVALID, "invalid_field", where,
				  "%s must be a whole number from %lld to %lld",
				  where, (long long)min, (long long)max);
	*out = json_integer_value(v);
	return 0;
}

int body_bool(const json_t *obj, const char *key, bool *out, struct err *e)
{
	char where[ERR_WHERE_MAX];
	snprintf(where, sizeof where, "$.%s", key);
	json_t *v = json_object_get(obj, key);
	*out = false;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return err_set_at(e, ERR_INVALID, "invalid_field", where,
				  "%s must be true or false", where);
	*out = json_is_true(v);
	return 0;
}
