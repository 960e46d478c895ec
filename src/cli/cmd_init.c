/* cmd_init: `kaohe init`: create or upgrade the database. The first time,
 * it creates the three administrator accounts (三员: system, security and
 * audit administrators) and prints each one-time password, once. */
#include <stdio.h>

#include "app/audit_log.h"
#include "app/users.h"
#include "cli/cli.h"

static const struct {
	const char *username, *display_name;
	enum role role;
} cmd_init_admins[] = {
	{ "admin", "系统管理员", ROLE_SYSADMIN },
	{ "secadmin", "安全管理员", ROLE_SECADMIN },
	{ "auditor", "审计管理员", ROLE_AUDITOR },
};

struct cmd_init_ctx {
	int version;
	struct users_new in[3];
	char hash[3][SECRET_HASH_MAX];
	json_t *made[3];
};

/* store.init and the three accounts commit together or not at all: a
 * half-made start would leave a password nobody saw. */
static int cmd_init_tx(struct store *s, void *vctx, struct err *e)
{
	struct cmd_init_ctx *c = vctx;
	struct actor cli = APP_CLI_ACTOR;
	json_t *schema = json_pack("{s:i}", "schema", c->version);
	int rc = audit_log_append(s, &cli, "store.init", "database", NULL,
				  schema, e);
	json_decref(schema);
	for (size_t i = 0; rc == 0 && i < 3; i++)
		rc = users_insert(s, &cli, &c->in[i], c->hash[i], &c->made[i], e);
	return rc;
}

static int cmd_init_accounts(struct app *a, int version, struct err *e)
{
	struct cmd_init_ctx c = { .version = version };
	char pw[3][USERS_PASSWORD_LEN];
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < 3; i++) {
		c.in[i] = (struct users_new){
			.username = cmd_init_admins[i].username,
			.display_name = cmd_init_admins[i].display_name,
			.roles = cmd_init_admins[i].role,
		};
		rc = users_prepare(&c.in[i], pw[i], c.hash[i], e);
	}
	if (rc == 0)
		rc = app_tx(a, cmd_init_tx, &c, e);
	if (rc == 0) {
		printf("One-time passwords (shown only now; each must be "
		       "changed at first login):\n");
		for (size_t i = 0; i < 3; i++)
			printf("  %-9s %-9s %s\n", cmd_init_admins[i].username,
			       role_name(cmd_init_admins[i].role), pw[i]);
	}
	for (size_t i = 0; i < 3; i++)
		json_decref(c.made[i]);
	return rc;
}

int cmd_init(struct cli *c)
{
	struct app a;
	struct err e = ERR_INIT;
	int64_t accounts = 0;
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (cli_open(c, &a, &e) != 0)
		return cli_fail(&e);
	struct store *s = app_acquire(&a);
	int version = 0;
	rc = store_version(s, &version, &e) == 0 &&
	     store_int(s, "SELECT count(*) FROM account", NULL, 0, &accounts,
		       &e) == 0 ? 0 : -1;
	app_release(&a, s);
	if (rc == 0) {
		printf("Database %s at schema %d.\n", config_str(&c->cfg, "db"),
		       version);
		if (accounts == 0)
			rc = cmd_init_accounts(&a, version, &e);
		else
			printf("It has %lld accounts already; none were added.\n",
			       (long long)accounts);
	}
	app_close(&a);
	return rc == 0 ? CLI_OK : cli_fail(&e);
}
