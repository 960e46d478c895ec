/* cli: the command line. `kaohe COMMAND [SUBCOMMAND] [ARGS] [--setting
 * VALUE]...`: a table of commands, each a function. Settings flags (any
 * row of the settings table, e.g. --db, --port) are taken out of the
 * arguments first and layered over the defaults, the INI file (--config)
 * and KAOHE_* variables; what is left belongs to the command.
 * Exit status: 0 done, 1 refused or failed, 2 usage. */
#ifndef KAOHE_CLI_H
#define KAOHE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "app/app.h"
#include "base/config.h"

enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

struct cli {
	struct config cfg;
	int argc;    /* the command's own arguments, after the settings */
	char **argv; /* argv[0] is the command's name */
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *c);
	const char *args;    /* usage line after the name */
	const char *summary;
	const char *help;    /* more text for --help, or NULL */
	bool uses_db;
};

/* Entry point from main(). */
int cli_main(int argc, char **argv, char **envp);

/* Prints an error as "kaohe: message" (with where when set) and returns
 * the exit status for it. */
int cli_fail(const struct err *e);
/* Prints a usage error and returns CLI_USAGE. */
int cli_usage(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints the help of the command named name. */
void cli_command_help(const char *name);
/* Opens the database of the `db` setting (one connection). */
int cli_open(struct cli *c, struct app *a, struct err *e);
/* True when argv has --help or -h. */
bool cli_wants_help(int argc, char **argv);
/* The value of option name in the command's arguments ("--name V" or
 * "--name=V"), removing it; NULL when absent. */
const char *cli_option(struct cli *c, const char *name);
/* True when the flag is present (and removes it). */
bool cli_flag(struct cli *c, const char *name);
/* Refuses anything left that looks like an option. */
int cli_no_more_options(struct cli *c);

int cmd_serve(struct cli *c);
int cmd_init(struct cli *c);
int cmd_user(struct cli *c);
int cmd_audit(struct cli *c);
int cmd_backup(struct cli *c);
int cmd_routes(struct cli *c);
int cmd_assess(struct cli *c);
int cmd_demo(struct cli *c);
int cmd_import(struct cli *c);
int cmd_cycle(struct cli *c);

#endif
