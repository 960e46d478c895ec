/* cmd_cycle: `kaohe cycle ...`: assessment cycles kept in the database
 * (io/cycle_folder), from the command line: import a workbook folder as a
 * cycle, list them, compute one, export one as a workbook folder that
 * `kaohe assess run` reproduces exactly, explain a subject. The operator
 * acts as "cli" in the audit log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cycles.h"
#include "app/units.h"
#include "cli/cli.h"
#include "io/cycle_folder.h"

/* The cycle named by text: an id, or a code. */
static int cmd_cycle_id(struct app *a, const char *text, int64_t *out,
			struct err *e)
{
	json_t *list = NULL, *c;
	size_t i;
	char *end;
	long long n = strtoll(text, &end, 10);
	if (!*end && n > 0) {
		*out = n;
		return 0;
	}
	if (cycles_list(a, UNITS_SCOPE_ALL, &list, e) != 0)
		return -1;
	*out = 0;
	json_array_foreach(json_object_get(list, "items"), i, c)
		if (strcmp(json_string_value(json_object_get(c, "code")),
			   text) == 0)
			*out = json_integer_value(json_object_get(c, "id"));
	json_decref(list);
	if (!*out)
		return err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			       "cycle '%s'", text);
	return 0;
}

static void cmd_cycle_problems(const struct err_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		fprintf(stderr, "%s%s%s\n", l->items[i].where,
			l->items[i].where[0] ? ": " : "", l->items[i].msg);
}

static int cmd_cycle_import(struct cli *c, struct app *a, struct err *e)
{
	struct actor who = APP_CLI_ACTOR;
	struct err_list errs = ERR_LIST_INIT;
	json_t *out = NULL;
	if (c->argc != 3)
		return cli_usage(c, "give the workbook folder to import");
	int rc = cycle_folder_import(a, &who, c->argv[2], &out, &errs, e);
	cmd_cycle_problems(&errs);
	err_list_free(&errs);
	if (rc != 0)
		return -1;
	printf("Cycle %lld (%s) imported: %zu subjects.\n",
	       (long long)json_integer_value(json_object_get(out, "id")),
	       json_string_value(json_object_get(out, "code")),
	       json_array_size(json_object_get(out, "subjects")));
	json_decref(out);
	return 0;
}

static int cmd_cycle_list(struct cli *c, struct app *a, struct err *e)
{
	json_t *list = NULL, *x;
	size_t i;
	(void)c;
	if (cycles_list(a, UNITS_SCOPE_ALL, &list, e) != 0)
		return -1;
	json_array_foreach(json_object_get(list, "items"), i, x)
		printf("%-6lld %-24s %-10s %s\n",
		       (long long)json_integer_value(json_object_get(x, "id")),
		       json_string_value(json_object_get(x, "code")),
		       json_string_value(json_object_get(x, "status")),
		       json_string_value(json_object_get(x, "name")));
	json_decref(list);
	return 0;
}

static int cmd_cycle_compute(struct cli *c, struct app *a, struct err *e)
{
	struct actor who = APP_CLI_ACTOR;
	struct err_list errs = ERR_LIST_INIT;
	int64_t id;
	if (c->argc != 3)
		return cli_usage(c, "give the cycle (id or code)");
	if (cmd_cycle_id(a, c->argv[2], &id, e) != 0)
		return -1;
	int rc = cycle_folder_compute(a, &who, id, &errs, e);
	cmd_cycle_problems(&errs);
	err_list_free(&errs);
	if (rc == 0)
		printf("Cycle %lld computed.\n", (long long)id);
	return rc;
}

static int cmd_cycle_export(struct cli *c, struct app *a, struct err *e)
{
	int64_t id;
	if (c->argc != 4)
		return cli_usage(c, "give the cycle (id or code) and a folder");
	if (cmd_cycle_id(a, c->argv[2], &id, e) != 0 ||
	    cycle_folder_export(a, id, c->argv[3], e) != 0)
		return -1;
	printf("Cycle %lld written to %s.\n", (long long)id, c->argv[3]);
	return 0;
}

/* --lang, read before the other options are checked. */
static const char *cmd_cycle_lang;

static int cmd_cycle_explain(struct cli *c, struct app *a, struct err *e)
{
	const char *lang = cmd_cycle_lang;
	struct buf out = BUF_INIT;
	int64_t id;
	if (c->argc != 4)
		return cli_usage(c, "give the cycle (id or code) and a subject");
	if (lang && strcmp(lang, "zh") && strcmp(lang, "en"))
		return cli_usage(c, "--lang is zh or en");
	if (cmd_cycle_id(a, c->argv[2], &id, e) != 0 ||
	    cycle_folder_explain(a, id, c->argv[3], lang && !strcmp(lang, "en")
				 ? NARRATE_EN : NARRATE_ZH, &out, NULL, e) != 0) {
		buf_free(&out);
		return -1;
	}
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	return 0;
}

int cmd_cycle(struct cli *c)
{
	static const struct {
		const char *name;
		int (*fn)(struct cli *, struct app *, struct err *);
	} subs[] = {
		{ "import", cmd_cycle_import }, { "list", cmd_cycle_list },
		{ "compute", cmd_cycle_compute }, { "export", cmd_cycle_export },
		{ "explain", cmd_cycle_explain },
	};
	struct app a;
	struct err e = ERR_INIT;
	if (c->argc < 2)
		return cli_usage(c, "import, list, compute, export or explain");
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		if (strcmp(c->argv[1], subs[i].name) != 0)
			continue;
		cmd_cycle_lang = cli_option(c, "--lang");
		int rc = cli_no_more_options(c);
		if (rc != CLI_OK)
			return rc;
		if (cli_open(c, &a, &e) != 0)
			return cli_fail(&e);
		rc = subs[i].fn(c, &a, &e);
		app_close(&a);
		if (rc > 0)
			return rc;
		return rc == 0 ? CLI_OK : cli_fail(&e);
	}
	return cli_usage(c, "unknown cycle command '%s'", c->argv[1]);
}
