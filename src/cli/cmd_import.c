/* cmd_import: `kaohe import KIND FILE`: a spreadsheet of people,
 * employments, pay assignments, frontline assignments or investment
 * projects into the database, as the web import does it (io/imports: all rows or none,
 * every problem listed), recorded
 * in the audit log as the command line ("cli"). For first loads and
 * large files an operator has at hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/imports.h"

/* Maps path read-only; *len 0 for an empty file. */
static int cmd_import_map(const char *path, void **data, size_t *len,
			  struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	*data = NULL;
	*len = 0;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return err_set_at(e, ERR_INVALID, "unreadable_file", path,
				  "%s cannot be read", path);
	}
	*len = (size_t)st.st_size;
	if (*len)
		*data = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (*data == MAP_FAILED) {
		*data = NULL;
		return err_set_at(e, ERR_INVALID, "unreadable_file", path,
				  "%s cannot be read", path);
	}
	return 0;
}

int cmd_import(struct cli *c)
{
	struct app a;
	struct err e = ERR_INIT;
	struct imports_report r = { 0 };
	struct actor who = APP_CLI_ACTOR;
	enum imports_kind k;
	void *data = NULL;
	size_t len = 0;
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (c->argc != 3 || imports_kind_parse(c->argv[1], &k) != 0)
		return cli_usage(c, "give the kind (people, employments, pay, "
				    "assignments or projects) and the file");
	const char *path = c->argv[2], *name = strrchr(path, '/');
	if (cmd_import_map(path, &data, &len, &e) != 0)
		return cli_fail(&e);
	if (cli_open(c, &a, &e) != 0) {
		if (data)
			munmap(data, len);
		return cli_fail(&e);
	}
	rc = imports_run(&a, &who, k, data, len, name ? name + 1 : path, &r,
			 &e);
	app_close(&a);
	if (data)
		munmap(data, len);
	if (rc == 0)
		printf("Imported %zu row(s) of %s from %s.\n", r.imported,
		       imports_kind_name(k), path);
	for (size_t i = 0; i < r.problems.n; i++)
		fprintf(stderr, "%s: %s\n", r.problems.items[i].where,
			r.problems.items[i].msg);
	if (r.problems.dropped)
		fprintf(stderr, "... and %zu more problem(s)\n",
			r.problems.dropped);
	imports_report_free(&r);
	return rc == 0 ? CLI_OK : cli_fail(&e);
}
