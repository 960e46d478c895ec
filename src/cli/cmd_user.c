/* cmd_user: `kaohe user ...`: accounts from the command line. The
 * operator who can open the database file acts as "cli" in the audit log;
 * the same rules as in the server apply (the three-admin split, the
 * password policy, one-time passwords). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/users.h"
#include "cli/cli.h"

/* "assessor,cadre" or "none" into a role set. */
static int cmd_user_roles(struct cli *c, const char *list, role_set *out)
{
	char buf[256];
	*out = 0;
	if (strcmp(list, "none") == 0)
		return CLI_OK;
	snprintf(buf, sizeof buf, "%s", list);
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		enum role r;
		if (role_parse(t, &r) != 0)
			return cli_usage(c, "unknown role '%s'", t);
		*out |= r;
	}
	return CLI_OK;
}

static int cmd_user_unit(struct cli *c, int64_t *out)
{
	const char *s = cli_option(c, "--unit");
	char *end;
	*out = 0;
	if (!s)
		return CLI_OK;
	long long v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return cli_usage(c, "--unit takes a unit id (a positive number)");
	*out = v;
	return CLI_OK;
}

static void cmd_user_print(const json_t *acc)
{
	const char *name = json_string_value(json_object_get(acc, "username"));
	const char *display = json_string_value(json_object_get(acc, "display_name"));
	char *roles = json_dumps(json_object_get(acc, "roles"), JSON_COMPACT);
	const char *state = json_is_true(json_object_get(acc, "disabled"))
				    ? "locked"
			    : !json_is_null(json_object_get(acc, "locked_until"))
				    ? "locked-out"
			    : json_is_true(json_object_get(acc, "must_change"))
				    ? "must-change-password"
				    : "active";
	printf("%-20s %-20s %-32s %s\n", name, display, roles, state);
	free(roles);
}

static int cmd_user_add(struct cli *c, struct app *a, struct err *e)
{
	struct users_new in = { 0 };
	const char *roles = cli_option(c, "--roles");
	in.display_name = cli_option(c, "--name");
	int rc = cmd_user_unit(c, &in.unit_id);
	if (rc == CLI_OK && roles)
		rc = cmd_user_roles(c, roles, &in.roles);
	if (rc == CLI_OK)
		rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (c->argc != 3)
		return cli_usage(c, "user add takes one user name");
	in.username = c->argv[2];
	json_t *out;
	struct actor cli = APP_CLI_ACTOR;
	if (users_add(a, &cli, &in, &out, e) != 0)
		return cli_fail(e);
	cmd_user_print(json_object_get(out, "account"));
	printf("one-time password for %s: %s\n", in.username,
	       json_string_value(json_object_get(out, "password")));
	json_decref(out);
	return CLI_OK;
}

static int cmd_user_list(struct cli *c, struct app *a, struct err *e)
{
	json_t *out;
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (users_list(a, 0, INT32_MAX, &out, e) != 0)
		return cli_fail(e);
	size_t i;
	json_t *acc;
	json_array_foreach(json_object_get(out, "items"), i, acc)
		cmd_user_print(acc);
	json_decref(out);
	return CLI_OK;
}

/* lock, unlock, reset-password and set-roles name one account. */
static int cmd_user_one(struct cli *c, struct app *a, const char *verb,
			struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	role_set roles = 0;
	int64_t id, unit = 0;
	bool set_roles = strcmp(verb, "set-roles") == 0;
	int rc = set_roles ? cmd_user_unit(c, &unit) : CLI_OK;
	if (rc == CLI_OK)
		rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (c->argc != (set_roles ? 4 : 3))
		return cli_usage(c, set_roles ? "user set-roles NAME ROLES"
					      : "user %s takes one user name",
				 verb);
	if (set_roles && cmd_user_roles(c, c->argv[3], &roles) != CLI_OK)
		return CLI_USAGE;
	if (users_find(a, c->argv[2], &id, e) != 0)
		return cli_fail(e);
	char pw[USERS_PASSWORD_LEN] = "";
	if (strcmp(verb, "lock") == 0)
		rc = users_lock(a, &cli, id, e);
	else if (strcmp(verb, "unlock") == 0)
		rc = users_unlock(a, &cli, id, e);
	else if (strcmp(verb, "reset-password") == 0)
		rc = users_reset_password(a, &cli, id, pw, e);
	else
		rc = users_set_roles(a, &cli, id, roles, unit, e);
	if (rc != 0)
		return cli_fail(e);
	json_t *acc;
	if (users_get(a, id, &acc, e) != 0)
		return cli_fail(e);
	cmd_user_print(acc);
	json_decref(acc);
	if (pw[0])
		printf("one-time password for %s: %s\n", c->argv[2], pw);
	return CLI_OK;
}

int cmd_user(struct cli *c)
{
	static const char *const verbs[] = { "add", "list", "lock", "unlock",
					     "reset-password", "set-roles" };
	struct app a;
	struct err e = ERR_INIT;
	if (c->argc < 2 || cli_wants_help(c->argc, c->argv)) {
		cli_command_help("user");
		return c->argc < 2 ? CLI_USAGE : CLI_OK;
	}
	const char *verb = c->argv[1];
	bool known = false;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		known = known || strcmp(verb, verbs[i]) == 0;
	if (!known)
		return cli_usage(c, "unknown user command '%s'", verb);
	if (cli_open(c, &a, &e) != 0)
		return cli_fail(&e);
	int rc;
	if (strcmp(verb, "add") == 0)
		rc = cmd_user_add(c, &a, &e);
	else if (strcmp(verb, "list") == 0)
		rc = cmd_user_list(c, &a, &e);
	else
		rc = cmd_user_one(c, &a, verb, &e);
	app_close(&a);
	return rc;
}
