/* cli: the command table, settings layering and small helpers. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/settings.h"
#include "base/log.h"
#include "base/secret.h"

static int cmd_version(struct cli *c);
static int cmd_help(struct cli *c);

static const struct cli_command cli_commands[] = {
	{ "serve", cmd_serve, "[--db PATH] [--port N] [--listen ADDR] [--web-dir DIR]",
	  "serve the web UI and the API", NULL, true },
	{ "init", cmd_init, "[--db PATH]",
	  "create or upgrade the database; the first time, create the three "
	  "administrator accounts and print their one-time passwords", NULL,
	  true },
	{ "demo", cmd_demo, "[--db PATH]",
	  "fill a new database with the demo units and quotas (S1, S2, S4) "
	  "and an assessor account; does nothing if it has units", NULL,
	  true },
	{ "user", cmd_user, "add|list|lock|unlock|reset-password|set-roles ...",
	  "manage accounts",
	  "  user add NAME [--name DISPLAY] [--roles R1,R2] [--unit ID]\n"
	  "  user list\n"
	  "  user lock NAME | unlock NAME | reset-password NAME\n"
	  "  user set-roles NAME R1,R2|none [--unit ID]\n"
	  "Roles: sysadmin, secadmin, auditor (each alone), assessor, reporter\n"
	  "(needs --unit), cadre. A new or reset password is printed once and\n"
	  "must be changed at first login.\n", true },
	{ "audit", cmd_audit, "list [--limit N] [--action A] | verify",
	  "read or verify the audit log",
	  "  audit list     newest records first\n"
	  "  audit verify   check the hash chain; exit 1 at the first broken "
	  "link\n", true },
	{ "assess", cmd_assess, "run|check|explain WORKBOOK ...",
	  "compute an assessment cycle from a workbook folder",
	  "  assess run WORKBOOK [--out DIR] [--strict] [--stats]\n"
	  "      write results.csv and trace.jsonl (into the workbook, or DIR)\n"
	  "  assess check WORKBOOK\n"
	  "      validate only, listing every problem\n"
	  "  assess explain WORKBOOK SUBJECT [--lang zh|en]\n"
	  "      every number of one subject, in words\n"
	  "Exit status: 0 done, 1 input refused (nothing written), 2 usage.\n",
	  false },
	{ "cycle", cmd_cycle, "import|list|compute|export|explain ...",
	  "assessment cycles kept in the database",
	  "  cycle import WORKBOOK          a workbook folder as a new cycle\n"
	  "  cycle list\n"
	  "  cycle compute CYCLE            run the engine, store the results\n"
	  "  cycle export CYCLE DIR         the cycle as a workbook folder\n"
	  "  cycle explain CYCLE SUBJECT [--lang zh|en]\n"
	  "CYCLE is an id or a code (the id of cycle.json).\n", true },
	{ "import", cmd_import,
	  "people|employments|pay|assignments|projects FILE [--db PATH]",
	  "import a spreadsheet (XLSX or CSV): all rows or none", NULL,
	  true },
	{ "backup", cmd_backup, "DEST [--db PATH]",
	  "copy the live database consistently to DEST, checking both", NULL,
	  true },
	{ "routes", cmd_routes, "", "print the API's route table as JSON",
	  NULL, false },
	{ "version", cmd_version, "", "print the version", NULL, false },
	{ "help", cmd_help, "[COMMAND]", "show help", NULL, false },
};

#define CLI_NCOMMANDS (sizeof cli_commands / sizeof cli_commands[0])

static const struct cli_command *cli_find(const char *name)
{
	for (size_t i = 0; i < CLI_NCOMMANDS; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

static void cli_print_settings(FILE *f)
{
	fprintf(f, "\nSettings (flag, or KAOHE_NAME, or `name = value` in "
		   "--config FILE):\n");
	for (size_t i = 0; i < settings_count; i++) {
		const struct config_def *d = &settings_table[i];
		char flag[64];
		size_t k = 0;
		for (const char *p = d->name; *p && k + 1 < sizeof flag; p++)
			flag[k++] = *p == '_' ? '-' : *p;
		flag[k] = '\0';
		fprintf(f, "  --%-18s %s%s%s%s\n", flag, d->help,
			d->def ? " [" : "", d->def ? d->def : "",
			d->def ? "]" : "");
	}
}

static void cli_print_help(FILE *f, const struct cli_command *cmd)
{
	if (cmd) {
		fprintf(f, "usage: kaohe %s %s\n%s\n", cmd->name, cmd->args,
			cmd->summary);
		if (cmd->help)
			fprintf(f, "\n%s", cmd->help);
		if (cmd->uses_db)
			cli_print_settings(f);
		return;
	}
	fprintf(f, "kaohe %s: cadre management and assessment for new "
		   "development areas\n\nusage: kaohe COMMAND [ARGS]\n\n"
		   "Commands:\n", KAOHE_VERSION);
	for (size_t i = 0; i < CLI_NCOMMANDS; i++)
		fprintf(f, "  %-9s %s\n", cli_commands[i].name,
			cli_commands[i].summary);
	fprintf(f, "\n`kaohe COMMAND --help` tells more.\n");
	cli_print_settings(f);
}

static int cmd_version(struct cli *c)
{
	(void)c;
	printf("kaohe %s\n", KAOHE_VERSION);
	return CLI_OK;
}

static int cmd_help(struct cli *c)
{
	const struct cli_command *cmd = c->argc > 1 ? cli_find(c->argv[1]) : NULL;
	if (c->argc > 1 && !cmd)
		return cli_usage(c, "unknown command '%s'", c->argv[1]);
	cli_print_help(stdout, cmd);
	return CLI_OK;
}

int cli_fail(const struct err *e)
{
	if (e->where[0] && !strstr(e->msg, e->where))
		fprintf(stderr, "kaohe: %s: %s\n", e->where, e->msg);
	else
		fprintf(stderr, "kaohe: %s\n", e->msg);
	return CLI_FAILED;
}

int cli_usage(const struct cli *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "kaohe: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see `kaohe %s --help`)\n",
		c && c->argc ? c->argv[0] : "");
	return CLI_USAGE;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

static void cli_remove(struct cli *c, int i, int n)
{
	for (int k = i; k + n <= c->argc; k++)
		c->argv[k] = c->argv[k + n];
	c->argc -= n;
}

const char *cli_option(struct cli *c, const char *name)
{
	size_t len = strlen(name);
	for (int i = 1; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (strncmp(a, name, len) != 0)
			continue;
		if (a[len] == '=') {
			cli_remove(c, i, 1);
			return a + len + 1;
		}
		if (a[len] == '\0' && i + 1 < c->argc) {
			const char *v = c->argv[i + 1];
			cli_remove(c, i, 2);
			return v;
		}
	}
	return NULL;
}

bool cli_flag(struct cli *c, const char *name)
{
	for (int i = 1; i < c->argc; i++) {
		if (strcmp(c->argv[i], name) == 0) {
			cli_remove(c, i, 1);
			return true;
		}
	}
	return false;
}

int cli_no_more_options(struct cli *c)
{
	for (int i = 1; i < c->argc; i++)
		if (c->argv[i][0] == '-' && c->argv[i][1])
			return cli_usage(c, "unknown option '%s'", c->argv[i]);
	return CLI_OK;
}

/* Moves settings flags from argv into a list of (def, value), leaving the
 * command's own arguments. */
struct cli_flagset {
	const struct config_def *def[64];
	const char *value[64];
	size_t n;
};

static int cli_take_settings(struct cli *c, struct cli_flagset *fs)
{
	for (int i = 1; i < c->argc;) {
		const struct config_def *d = config_find_flag(&c->cfg, c->argv[i]);
		if (!d) {
			i++;
			continue;
		}
		const char *eq = strchr(c->argv[i], '=');
		const char *value = eq ? eq + 1 : NULL;
		int used = 1;
		if (!value && d->type == CONFIG_BOOL) {
			value = "true";
		} else if (!value) {
			if (i + 1 >= c->argc)
				return cli_usage(c, "--%s needs a value",
						 c->argv[i] + 2);
			value = c->argv[i + 1];
			used = 2;
		}
		if (fs->n == sizeof fs->def / sizeof fs->def[0])
			return cli_usage(c, "too many settings flags");
		fs->def[fs->n] = d;
		fs->value[fs->n++] = value;
		cli_remove(c, i, used);
	}
	return CLI_OK;
}

/* Defaults, then the INI file, then the environment, then the flags. */
static int cli_settings(struct cli *c, char **envp)
{
	struct cli_flagset fs = { .n = 0 };
	struct err e = ERR_INIT;
	int rc = cli_take_settings(c, &fs);
	if (rc != CLI_OK)
		return rc;
	const char *ini = getenv("KAOHE_CONFIG");
	for (size_t i = 0; i < fs.n; i++)
		if (strcmp(fs.def[i]->name, "config") == 0)
			ini = fs.value[i];
	if (ini && config_load_ini(&c->cfg, ini, &e) != 0)
		return cli_fail(&e);
	if (config_load_env(&c->cfg, envp, &e) != 0)
		return cli_fail(&e);
	for (size_t i = 0; i < fs.n; i++) {
		if (config_set(&c->cfg, fs.def[i]->name, fs.value[i], "flag",
			       &e) != 0)
			return cli_fail(&e);
	}
	enum log_level level;
	if (log_level_parse(config_str(&c->cfg, "log_level"), &level) != 0) {
		err_set_at(&e, ERR_INVALID, "invalid_setting", "log_level",
			   "log_level must be debug, info, warn or error");
		return cli_fail(&e);
	}
	log_set_level(level);
	return CLI_OK;
}

int cli_open(struct cli *c, struct app *a, struct err *e)
{
	return app_open(a, &c->cfg, 1, e);
}

int cli_main(int argc, char **argv, char **envp)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_print_help(argc < 2 ? stderr : stdout, NULL);
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	if (!strcmp(argv[1], "--version"))
		argv[1] = (char *)"version";
	const struct cli_command *cmd = cli_find(argv[1]);
	if (!cmd)
		return cli_usage(NULL, "unknown command '%s'", argv[1]);
	struct cli c = { .argc = argc - 1, .argv = argv + 1 };
	if (cli_wants_help(c.argc, c.argv) && strcmp(cmd->name, "user") &&
	    strcmp(cmd->name, "audit") && strcmp(cmd->name, "assess")) {
		cli_print_help(stdout, cmd);
		return CLI_OK;
	}
	/* The database holds password hashes: files kaohe creates are for
	 * its own user only. */
	umask(077);
	if (secret_init() != 0) {
		fprintf(stderr, "kaohe: cannot initialise libsodium\n");
		return CLI_FAILED;
	}
	config_init(&c.cfg, settings_table, settings_count);
	int rc = cli_settings(&c, envp);
	if (rc == CLI_OK)
		rc = cmd->run(&c);
	config_free(&c.cfg);
	return rc;
}

void cli_command_help(const char *name)
{
	cli_print_help(stdout, cli_find(name));
}
