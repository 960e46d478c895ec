/* cmd_assess: `kaohe assess run|check|explain`: the assessment engine on
 * a workbook folder (ASSESSMENT.md section 2). Input that is refused is
 * reported in full, with file, line and column or JSON path, and nothing
 * is written. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/narrate.h"
#include "io/results.h"
#include "io/workbook.h"

static unsigned cmd_assess_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (unsigned)n;
}

static int cmd_assess_problems(const struct err_list *errs)
{
	for (size_t i = 0; i < errs->n; i++)
		cli_fail(&errs->items[i]);
	if (errs->dropped)
		fprintf(stderr, "kaohe: ... and %zu more problems\n",
			errs->dropped);
	fprintf(stderr, "kaohe: %zu problem%s; nothing was written\n",
		err_list_count(errs), err_list_count(errs) == 1 ? "" : "s");
	return CLI_FAILED;
}

static double cmd_assess_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The input rows behind an input: subjects, values, ratings, routine
 * results and caps (for --stats). */
static uint64_t cmd_assess_rows(const struct assess_input *in)
{
	uint64_t rows = in->nsubjects + in->ncaps;
	uint64_t slots = in->value_offset[in->nsubjects];
	for (uint64_t k = 0; k < slots; k++)
		rows += isnan(in->values[k]) ? 0u : 1u;
	for (uint32_t c = 0; c < in->ncomponents; c++) {
		const struct assess_component *comp = &in->components[c];
		const struct assess_ratings *rt = &in->ratings[c];
		uint64_t cells = (uint64_t)in->nsubjects * comp->ngroups;
		if (comp->kind != ASSESS_COMP_RATINGS)
			continue;
		if (comp->scale)
			for (uint64_t k = 0; k < cells * (comp->nscale + 1); k++)
				rows += rt->counts[k];
		else
			for (uint64_t k = 0; k < cells; k++)
				rows += rt->offsets[k + 1] - rt->offsets[k] +
					rt->abstains[k];
	}
	for (uint64_t k = 0; in->routine && k < (uint64_t)in->nsubjects * 4; k++)
		rows += in->routine[k];
	return rows;
}

/* Loads the workbook and computes it; with stats, prints the time of
 * each step (for the benchmark). */
static int cmd_assess_compute(const char *dir, bool strict, bool stats,
			      struct workbook **wb, struct assess_result **res)
{
	struct err_list errs = ERR_LIST_INIT;
	struct workbook_options opt = { .strict = strict,
					.threads = cmd_assess_threads() };
	int rc = CLI_OK;
	*wb = NULL;
	*res = NULL;
	double t0 = cmd_assess_now();
	if (workbook_load(dir, &opt, wb, &errs) != 0) {
		rc = cmd_assess_problems(&errs);
	} else {
		struct err e = ERR_INIT;
		const struct assess_input *in = workbook_input(*wb);
		double t1 = cmd_assess_now();
		if (assess_compute(in, opt.threads, res, &e) != 0) {
			err_list_add(&errs, &e);
			rc = cmd_assess_problems(&errs);
		} else if (stats) {
			double t2 = cmd_assess_now();
			fprintf(stderr, "stats: load_seconds=%.3f rows=%llu\n"
					"stats: compute_seconds=%.3f subjects=%u\n",
				t1 - t0,
				(unsigned long long)cmd_assess_rows(in),
				t2 - t1, in->nsubjects);
		}
	}
	err_list_free(&errs);
	return rc;
}

static void cmd_assess_stats_write(double seconds)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "stats: write_seconds=%.3f\nstats: peak_rss_kib=%ld\n",
		seconds, ru.ru_maxrss);
}

static int cmd_assess_run(struct cli *c)
{
	const char *out = cli_option(c, "--out");
	bool strict = cli_flag(c, "--strict");
	bool stats = cli_flag(c, "--stats");
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (c->argc != 3)
		return cli_usage(c, "assess run takes one workbook folder");
	const char *dir = c->argv[2];
	if (!out)
		out = dir;
	if (mkdir(out, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "kaohe: cannot create %s: %s\n", out,
			strerror(errno));
		return CLI_FAILED;
	}
	struct workbook *wb;
	struct assess_result *res;
	rc = cmd_assess_compute(dir, strict, stats, &wb, &res);
	if (rc == CLI_OK) {
		struct err e = ERR_INIT;
		const struct assess_input *in = workbook_input(wb);
		double t0 = cmd_assess_now();
		if (results_write(in, res, out, cmd_assess_threads(), &e) != 0)
			rc = cli_fail(&e);
		else if (stats)
			cmd_assess_stats_write(cmd_assess_now() - t0);
		if (rc == CLI_OK)
			printf("%u subjects assessed; wrote %s/results.csv and "
			       "%s/trace.jsonl\n", in->nsubjects, out, out);
	}
	assess_result_free(res);
	workbook_free(wb);
	return rc;
}

static int cmd_assess_check(struct cli *c)
{
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (c->argc != 3)
		return cli_usage(c, "assess check takes one workbook folder");
	struct err_list errs = ERR_LIST_INIT;
	struct workbook *wb = NULL;
	struct workbook_options opt = { .threads = cmd_assess_threads() };
	struct err e = ERR_INIT;
	if (workbook_load(c->argv[2], &opt, &wb, &errs) == 0 &&
	    assess_validate(workbook_input(wb), &e) != 0)
		err_list_add(&errs, &e);
	if (err_list_count(&errs)) {
		rc = cmd_assess_problems(&errs);
	} else {
		const struct assess_input *in = workbook_input(wb);
		printf("The workbook is valid: %u subjects, %u schemes, %u "
		       "components, %u grades.\n", in->nsubjects, in->nschemes,
		       in->ncomponents, in->ngrades);
	}
	err_list_free(&errs);
	workbook_free(wb);
	return rc;
}

static int cmd_assess_explain(struct cli *c)
{
	const char *lang = cli_option(c, "--lang");
	int rc = cli_no_more_options(c);
	if (rc != CLI_OK)
		return rc;
	if (c->argc != 4)
		return cli_usage(c, "assess explain takes a workbook folder and "
				    "a subject id");
	if (lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
		return cli_usage(c, "--lang is zh or en");
	struct workbook *wb;
	struct assess_result *res;
	rc = cmd_assess_compute(c->argv[2], false, false, &wb, &res);
	if (rc == CLI_OK) {
		const struct assess_input *in = workbook_input(wb);
		uint32_t s = 0;
		while (s < in->nsubjects && strcmp(in->subjects[s].id, c->argv[3]))
			s++;
		if (s == in->nsubjects) {
			fprintf(stderr, "kaohe: no subject '%s' in %s/subjects.csv\n",
				c->argv[3], c->argv[2]);
			rc = CLI_FAILED;
		} else {
			struct buf text = BUF_INIT;
			narrate_subject(in, res, s,
					lang && !strcmp(lang, "en") ? NARRATE_EN
								    : NARRATE_ZH,
					&text);
			fwrite(text.data, 1, text.len, stdout);
			buf_free(&text);
		}
	}
	assess_result_free(res);
	workbook_free(wb);
	return rc;
}

int cmd_assess(struct cli *c)
{
	if (c->argc < 2 || cli_wants_help(c->argc, c->argv)) {
		cli_command_help("assess");
		return c->argc < 2 ? CLI_USAGE : CLI_OK;
	}
	const char *verb = c->argv[1];
	if (strcmp(verb, "run") == 0)
		return cmd_assess_run(c);
	if (strcmp(verb, "check") == 0)
		return cmd_assess_check(c);
	if (strcmp(verb, "explain") == 0)
		return cmd_assess_explain(c);
	return cli_usage(c, "unknown assess command '%s'", verb);
}
