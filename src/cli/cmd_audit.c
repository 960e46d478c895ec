/* cmd_audit: `kaohe audit list|verify`: the audit log from the command
 * line, for the audit administrator with access to the server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit_log.h"
#include "cli/cli.h"

static int cmd_audit_list(struct cli *c, struct app *a, struct err *e)
{
	struct audit_log_filter f = { .limit = 50 };
	const char *limit = cli_option(c, "--limit");
	f.action = cli_option(c, "--action");
	f.account = cli_option(c, "--account");
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (limit) {
		char *end;
		f.limit = strtoll(limit, &end, 10);
		if (*end || f.limit <= 0)
			return cli_usage(c, "--limit takes a positive number");
	}
	json_t *out;
	if (audit_log_list(a, &f, &out, e) != 0)
		return cli_fail(e);
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(out, "items"), i, r) {
		char *after = json_dumps(json_object_get(r, "after"),
					 JSON_COMPACT | JSON_ENCODE_ANY);
		printf("%6lld %s %-12s %-22s %-24s %-15s %s\n",
		       (long long)json_integer_value(json_object_get(r, "seq")),
		       json_string_value(json_object_get(r, "at")),
		       json_string_value(json_object_get(r, "account")),
		       json_string_value(json_object_get(r, "action")),
		       json_string_value(json_object_get(r, "object")),
		       json_string_value(json_object_get(r, "client")),
		       after ? after : "");
		free(after);
	}
	printf("(%lld of %lld records)\n", (long long)json_array_size(
		       json_object_get(out, "items")),
	       (long long)json_integer_value(json_object_get(out, "total")));
	json_decref(out);
	return CLI_OK;
}

static int cmd_audit_verify(struct cli *c, struct app *a, struct err *e)
{
	struct audit_log_verdict v;
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (audit_log_verify(a, &v, e) != 0)
		return cli_fail(e);
	if (v.ok) {
		printf("The audit log is intact: %lld records, head %s\n",
		       (long long)v.records, v.head);
		return CLI_OK;
	}
	printf("The audit log is BROKEN at record %lld: %s (%lld records read)\n",
	       (long long)v.broken_at, v.reason, (long long)v.records);
	return CLI_FAILED;
}

int cmd_audit(struct cli *c)
{
	struct app a;
	struct err e = ERR_INIT;
	if (c->argc < 2 || cli_wants_help(c->argc, c->argv)) {
		cli_command_help("audit");
		return c->argc < 2 ? CLI_USAGE : CLI_OK;
	}
	const char *verb = c->argv[1];
	if (strcmp(verb, "list") != 0 && strcmp(verb, "verify") != 0)
		return cli_usage(c, "unknown audit command '%s'", verb);
	if (cli_open(c, &a, &e) != 0)
		return cli_fail(&e);
	int rc = strcmp(verb, "list") == 0 ? cmd_audit_list(c, &a, &e)
					   : cmd_audit_verify(c, &a, &e);
	app_close(&a);
	return rc;
}
