/* cmd_routes: `kaohe routes`: the API's route table as JSON, for people
 * and for the test that checks every route's roles. */
#include <stdio.h>

#include "cli/cli.h"
#include "http/routes.h"

int cmd_routes(struct cli *c)
{
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	json_t *all = routes_json();
	json_dumpf(all, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(all);
	return CLI_OK;
}
