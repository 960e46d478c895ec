/* cmd_serve: `kaohe serve`: open the database and serve until stopped. */
#include <arpa/inet.h>

#include "base/secret.h"
#include "cli/cli.h"
#include "http/server.h"

int cmd_serve(struct cli *c)
{
	struct app a;
	struct err e = ERR_INIT;
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (c->argc > 1)
		return cli_usage(c, "unexpected argument '%s'", c->argv[1]);
	struct server_options opt = {
		.listen = config_str(&c->cfg, "listen"),
		.port = (int)config_int(&c->cfg, "port"),
		.threads = (int)config_int(&c->cfg, "threads"),
		.body_limit = (size_t)config_int(&c->cfg, "body_limit"),
		.upload_limit = (size_t)config_int(&c->cfg, "upload_limit"),
		.per_address = (unsigned)config_int(&c->cfg, "per_address"),
		.web_dir = config_str(&c->cfg, "web_dir"),
		.cookie_secure = config_bool(&c->cfg, "cookie_secure"),
		.trusted_proxy = config_str(&c->cfg, "trusted_proxy"),
	};
	unsigned char bin[16];
	if (opt.trusted_proxy && inet_pton(AF_INET, opt.trusted_proxy, bin) != 1 &&
	    inet_pton(AF_INET6, opt.trusted_proxy, bin) != 1) {
		err_set_at(&e, ERR_INVALID, "invalid_setting", "trusted_proxy",
			   "trusted_proxy: '%s' is not an IP address",
			   opt.trusted_proxy);
		return cli_fail(&e);
	}
	/* The first login of an unknown name takes as long as any other. */
	if (secret_password_dummy_prepare() != 0) {
		err_set(&e, ERR_INTERNAL, "out_of_memory",
			"cannot make the password hash logins compare with");
		return cli_fail(&e);
	}
	/* One connection per worker, and one for the odd extra caller. */
	if (app_open(&a, &c->cfg, (size_t)opt.threads + 1, &e) != 0)
		return cli_fail(&e);
	rc = server_run(&a, &opt, &e) == 0 ? CLI_OK : cli_fail(&e);
	app_close(&a);
	return rc;
}
