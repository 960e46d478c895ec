/* config: layered settings with validation at each layer. */
#include "config.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#define CONFIG_LINE_MAX 4096

static size_t config_index(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->n; i++)
		if (strcmp(cfg->defs[i].name, name) == 0)
			return i;
	return cfg->n;
}

void config_init(struct config *cfg, const struct config_def *defs, size_t n)
{
	cfg->defs = defs;
	cfg->n = n;
	cfg->values = xcalloc(n, sizeof *cfg->values);
	cfg->sources = xcalloc(n, sizeof *cfg->sources);
	for (size_t i = 0; i < n; i++) {
		cfg->values[i] = defs[i].def ? xstrdup(defs[i].def) : NULL;
		cfg->sources[i] = "default";
	}
}

void config_free(struct config *cfg)
{
	if (!cfg || !cfg->values)
		return;
	for (size_t i = 0; i < cfg->n; i++)
		free(cfg->values[i]);
	free(cfg->values);
	free((void *)cfg->sources);
	cfg->values = NULL;
	cfg->sources = NULL;
}

static bool config_parse_bool(const char *s, bool *out)
{
	if (!strcmp(s, "1") || !strcmp(s, "true") || !strcmp(s, "yes") ||
	    !strcmp(s, "on")) {
		*out = true;
		return true;
	}
	if (!strcmp(s, "0") || !strcmp(s, "false") || !strcmp(s, "no") ||
	    !strcmp(s, "off")) {
		*out = false;
		return true;
	}
	return false;
}

static int config_check(const struct config_def *d, const char *value,
			const char *where, struct err *e)
{
	if (d->type == CONFIG_INT) {
		char *end;
		errno = 0;
		long long v = strtoll(value, &end, 10);
		if (errno || end == value || *end)
			return err_set_at(e, ERR_INVALID, "invalid_setting", where,
					  "%s: '%s' is not a whole number",
					  d->name, value);
		if (v < d->min || v > d->max)
			return err_set_at(e, ERR_INVALID, "invalid_setting", where,
					  "%s: %lld is outside %lld..%lld",
					  d->name, v, (long long)d->min,
					  (long long)d->max);
	} else if (d->type == CONFIG_BOOL) {
		bool b;
		if (!config_parse_bool(value, &b))
			return err_set_at(e, ERR_INVALID, "invalid_setting", where,
					  "%s: '%s' is not true or false",
					  d->name, value);
	}
	return 0;
}

int config_set(struct config *cfg, const char *name, const char *value,
	       const char *source, struct err *e)
{
	size_t i = config_index(cfg, name);
	if (i == cfg->n)
		return err_set_at(e, ERR_INVALID, "unknown_setting", name,
				  "unknown setting '%s'", name);
	if (config_check(&cfg->defs[i], value, name, e) != 0)
		return -1;
	free(cfg->values[i]);
	cfg->values[i] = xstrdup(value);
	cfg->sources[i] = source;
	return 0;
}

static char *config_trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int config_ini_line(struct config *cfg, char *line, const char *where,
			   struct err *e)
{
	char *s = config_trim(line);
	if (!*s || *s == '#' || *s == ';')
		return 0;
	if (*s == '[') {
		if (strcmp(s, "[kaohe]") != 0)
			return err_set_at(e, ERR_INVALID, "invalid_setting", where,
					  "%s: unknown section %s (only [kaohe])",
					  where, s);
		return 0;
	}
	char *eq = strchr(s, '=');
	if (!eq)
		return err_set_at(e, ERR_INVALID, "invalid_setting", where,
				  "%s: expected 'key = value'", where);
	*eq = '\0';
	char *key = config_trim(s), *value = config_trim(eq + 1);
	if (config_index(cfg, key) == cfg->n)
		return err_set_at(e, ERR_INVALID, "unknown_setting", where,
				  "%s: unknown setting '%s'", where, key);
	struct err sub = ERR_INIT;
	if (config_set(cfg, key, value, "file", &sub) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_setting", where,
				  "%s: %s", where, sub.msg);
	return 0;
}

int config_load_ini(struct config *cfg, const char *path, struct err *e)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return err_set_at(e, ERR_INVALID, "config_unreadable", path,
				  "cannot read configuration file %s: %s", path,
				  strerror(errno));
	char line[CONFIG_LINE_MAX];
	char where[300];
	int rc = 0;
	for (unsigned no = 1; fgets(line, sizeof line, f); no++) {
		snprintf(where, sizeof where, "%s:%u", path, no);
		if (!strchr(line, '\n') && !feof(f)) {
			rc = err_set_at(e, ERR_INVALID, "invalid_setting", where,
					"%s: line longer than %d bytes", where,
					CONFIG_LINE_MAX - 2);
			break;
		}
		if ((rc = config_ini_line(cfg, line, where, e)) != 0)
			break;
	}
	fclose(f);
	return rc;
}

int config_load_env(struct config *cfg, char *const *envp, struct err *e)
{
	char name[128];
	for (size_t i = 0; i < cfg->n; i++) {
		const char *n = cfg->defs[i].name;
		size_t k = 0;
		k += (size_t)snprintf(name, sizeof name, "KAOHE_");
		for (const char *p = n; *p && k + 2 < sizeof name; p++)
			name[k++] = (char)toupper((unsigned char)*p);
		name[k++] = '=';
		name[k] = '\0';
		for (char *const *v = envp; *v; v++) {
			if (strncmp(*v, name, k) != 0)
				continue;
			name[k - 1] = '\0';
			struct err sub = ERR_INIT;
			if (config_set(cfg, n, *v + k, "env", &sub) != 0)
				return err_set_at(e, ERR_INVALID, "invalid_setting",
						  name, "%s: %s", name, sub.msg);
			break;
		}
	}
	return 0;
}

const struct config_def *config_find_flag(const struct config *cfg,
					  const char *arg)
{
	if (strncmp(arg, "--", 2) != 0)
		return NULL;
	arg += 2;
	size_t len = strcspn(arg, "=");
	for (size_t i = 0; i < cfg->n; i++) {
		const char *n = cfg->defs[i].name;
		if (strlen(n) != len)
			continue;
		size_t k = 0;
		while (k < len && (n[k] == arg[k] || (n[k] == '_' && arg[k] == '-')))
			k++;
		if (k == len)
			return &cfg->defs[i];
	}
	return NULL;
}

const char *config_str(const struct config *cfg, const char *name)
{
	size_t i = config_index(cfg, name);
	assert(i < cfg->n);
	return cfg->values[i];
}

int64_t config_int(const struct config *cfg, const char *name)
{
	const char *s = config_str(cfg, name);
	return s ? strtoll(s, NULL, 10) : 0;
}

bool config_bool(const struct config *cfg, const char *name)
{
	const char *s = config_str(cfg, name);
	bool b = false;
	if (s)
		config_parse_bool(s, &b);
	return b;
}
