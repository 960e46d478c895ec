/* cmd_backup: `kaohe backup DEST`: a consistent copy of the live database,
 * checked before and after, recorded in the audit log. */
#include <stdio.h>

#include "app/audit_log.h"
#include "cli/cli.h"

int cmd_backup(struct cli *c)
{
	struct app a;
	struct err e = ERR_INIT;
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (c->argc != 2)
		return cli_usage(c, "give the file to copy the database to");
	const char *dest = c->argv[1];
	if (cli_open(c, &a, &e) != 0)
		return cli_fail(&e);
	struct store *s = app_acquire(&a);
	rc = store_backup(s, dest, &e);
	app_release(&a, s);
	if (rc == 0) {
		struct actor cli = APP_CLI_ACTOR;
		json_t *after = json_pack("{s:s}", "dest", dest);
		rc = audit_log_record(&a, &cli, "store.backup", "database",
				      NULL, after, &e);
		json_decref(after);
		if (rc != 0)
			remove(dest); /* no unaudited copy is left behind */
	}
	app_close(&a);
	if (rc != 0)
		return cli_fail(&e);
	printf("Backed up %s to %s (integrity checked).\n",
	       config_str(&c->cfg, "db"), dest);
	return CLI_OK;
}
