/* config: one declarative table of settings, filled in layers.
 * Each setting has a default; an INI file, then KAOHE_* environment
 * variables, then command-line flags override it, in that order. Values
 * are validated as they are set (type and range), then the config is
 * read-only: readers need no lock once loading is done.
 * The table itself (which settings kaohe has) lives with its users; this
 * module is only the mechanism. */
#ifndef KAOHE_CONFIG_H
#define KAOHE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum config_type { CONFIG_STRING, CONFIG_INT, CONFIG_BOOL };

struct config_def {
	const char *name;   /* lower_snake: INI key; env KAOHE_NAME; flag --name (with -) */
	enum config_type type;
	const char *def;    /* default, as text; NULL for none */
	int64_t min, max;   /* CONFIG_INT range */
	const char *help;
};

struct config {
	const struct config_def *defs;
	size_t n;
	char **values;        /* owned; NULL when unset */
	const char **sources; /* "default", "file", "env", "flag" */
};

/* Starts cfg with every default. defs must outlive cfg. */
void config_init(struct config *cfg, const struct config_def *defs, size_t n);
void config_free(struct config *cfg);
/* Sets one setting by name, validating it. `source` is a static string. */
int config_set(struct config *cfg, const char *name, const char *value,
	       const char *source, struct err *e);
/* Reads an INI file of `key = value` lines (a [kaohe] section or none;
 * # and ; start comments). Errors name the file and line. */
int config_load_ini(struct config *cfg, const char *path, struct err *e);
/* Applies KAOHE_<NAME> variables from envp (NULL-terminated). */
int config_load_env(struct config *cfg, char *const *envp, struct err *e);
/* The definition of a flag such as "--web-dir" or "--web-dir=x", or NULL. */
const struct config_def *config_find_flag(const struct config *cfg,
					  const char *arg);
const char *config_str(const struct config *cfg, const char *name);
int64_t config_int(const struct config *cfg, const char *name);
bool config_bool(const struct config *cfg, const char *name);

#endif
