/* test_workbook: the io layer: the CSV reader (encodings, quoting, line
 * and column of cells, splitting, numbers), schemes with extends, and
 * whole workbooks written by the test into a temporary folder: a valid
 * one loads with the indices and values worked out by hand below, and
 * each bad input of ASSESSMENT.md section 10 is refused naming the file
 * and line and column, or the JSON path.
 * Must not touch anything outside its own temporary folders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv.h"
#include "io/intern.h"
#include "io/results.h"
#include "io/scheme.h"
#include "io/workbook.h"

/* --- helpers ---------------------------------------------------------------- */

static void write_file(const char *dir, const char *name, const char *text,
		       size_t len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/schemes", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

static void put(const char *dir, const char *name, const char *text)
{
	write_file(dir, name, text, strlen(text));
}

static void drop(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	unlink(path);
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_dir(const char *dir)
{
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* A copy of text with the first `from` replaced by `to` (free it). */
static char *replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	assert_non_null(at);
	size_t head = (size_t)(at - text), flen = strlen(from), tlen = strlen(to);
	char *out = malloc(strlen(text) - flen + tlen + 1);
	memcpy(out, text, head);
	memcpy(out + head, to, tlen);
	strcpy(out + head + tlen, at + flen);
	return out;
}

/* Writes text with one replacement as name. */
static void put_replaced(const char *dir, const char *name, const char *text,
			 const char *from, const char *to)
{
	char *t = replace(text, from, to);
	put(dir, name, t);
	free(t);
}

static void print_errors(const struct err_list *errs)
{
	for (size_t k = 0; k < errs->n; k++)
		print_message("  %s: %s\n", errs->items[k].where,
			      errs->items[k].msg);
}

/* Asserts that errs holds an error at exactly `where` whose message holds
 * `word`. */
static void assert_error(const struct err_list *errs, const char *where,
			 const char *word)
{
	for (size_t k = 0; k < errs->n; k++)
		if (strcmp(errs->items[k].where, where) == 0 &&
		    strstr(errs->items[k].msg, word))
			return;
	print_message("no error at '%s' with '%s'; the errors:\n", where, word);
	print_errors(errs);
	fail();
}

/* --- the valid workbook ------------------------------------------------------ */

static const char cycle_json[] =
	"{ \"id\": \"2026\", \"name\": \"2026 年度考核\", \"kind\": \"annual\",\n"
	"  \"components\": [\n"
	"    { \"id\": \"performance\", \"name\": \"实绩考核\", \"weight\": 60,"
	"      \"kind\": \"scheme\" },\n"
	"    { \"id\": \"evaluation\", \"name\": \"民主测评\", \"weight\": 25,"
	"      \"kind\": \"ratings\",\n"
	"      \"scale\": { \"excellent\": 100, \"competent\": 80, \"basic\": 60,"
	"                 \"incompetent\": 40 },\n"
	"      \"groups\": [ { \"id\": \"leaders\", \"weight\": 30 },"
	"                    { \"id\": \"peers\", \"weight\": 30 },"
	"                    { \"id\": \"staff\", \"weight\": 40 } ],\n"
	"      \"trim\": { \"above\": 5, \"drop\": 1 },\n"
	"      \"red_line\": { \"levels\": [\"basic\", \"incompetent\"],"
	"                    \"more_than\": [1, 3], \"cap\": \"basic\" } },\n"
	"    { \"id\": \"survey\", \"weight\": 10, \"kind\": \"ratings\","
	"      \"abstain\": \"zero\",\n"
	"      \"groups\": [ { \"id\": \"enterprise\", \"weight\": 50 },"
	"                    { \"id\": \"resident\", \"weight\": 50 } ] },\n"
	"    { \"id\": \"routine\", \"name\": \"平时考核\", \"weight\": 5,"
	"      \"kind\": \"routine\",\n"
	"      \"scale\": { \"good\": 100, \"fair\": 85, \"average\": 70,"
	"                 \"poor\": 50 } } ],\n"
	"  \"grades\": [\n"
	"    { \"id\": \"excellent\", \"name\": \"优秀\", \"min\": 90,\n"
	"      \"quota\": { \"share\": 0.2, \"rounding\": \"ceil\",\n"
	"        \"share_by_unit_grade\": { \"good\": 0.25, \"poor\": 0 } } },\n"
	"    { \"id\": \"competent\", \"name\": \"称职\", \"min\": 70 },\n"
	"    { \"id\": \"basic\", \"name\": \"基本称职\", \"min\": 60 },\n"
	"    { \"id\": \"incompetent\", \"name\": \"不称职\" } ],\n"
	"  \"routine\": {\n"
	"    \"caps\": [ { \"at_or_below\": \"average\", \"count\": 2,"
	"                \"cap\": \"basic\" } ],\n"
	"    \"requires\": [ { \"grade\": \"excellent\","
	"                    \"at_or_above\": \"good\", \"count\": 2 } ] },\n"
	"  \"bonus\": { \"mode\": \"pool\", \"coefficients\": {"
	"    \"excellent\": 1.5, \"competent\": 1.0, \"basic\": 0.5,"
	"    \"incompetent\": 0 } } }\n";

static const char base_json[] =
	"{ \"id\": \"base\", \"name\": \"基础\",\n"
	"  \"indicators\": [\n"
	"    { \"id\": \"econ\", \"name\": \"经济\", \"weight\": 60, \"children\": [\n"
	"      { \"id\": \"gdp\", \"name\": \"GDP\", \"weight\": 50, \"unit\": \"%\",\n"
	"        \"rule\": { \"kind\": \"ratio\", \"target\": 7, \"cap\": 1.2 } },\n"
	"      { \"id\": \"trade\", \"name\": \"进出口\", \"weight\": 50,\n"
	"        \"rule\": { \"kind\": \"rank\", \"step\": 0.05 } } ] },\n"
	"    { \"id\": \"party\", \"name\": \"党建\", \"weight\": 40,\n"
	"      \"rule\": { \"kind\": \"score\" } } ],\n"
	"  \"adjustments\": [\n"
	"    { \"id\": \"honours\", \"name\": \"表彰\", \"kind\": \"bonus\","
	"      \"max\": 3 },\n"
	"    { \"id\": \"accident\", \"name\": \"事故\", \"kind\": \"veto\" } ] }\n";

/* extends base: econ 70 and party 20 (patched), trade removed, service
 * added under econ, green added at the top, honours' max 5, late added. */
static const char zone_json[] =
	"{ \"id\": \"zone\", \"extends\": \"base\",\n"
	"  \"indicators\": [\n"
	"    { \"id\": \"econ\", \"weight\": 70 },\n"
	"    { \"id\": \"party\", \"weight\": 20 },\n"
	"    { \"id\": \"trade\", \"remove\": true },\n"
	"    { \"id\": \"service\", \"name\": \"服务业\", \"weight\": 50,"
	"      \"parent\": \"econ\",\n"
	"      \"rule\": { \"kind\": \"linear\", \"floor\": 30, \"target\": 45 } },\n"
	"    { \"id\": \"green\", \"name\": \"绿色\", \"weight\": 10,\n"
	"      \"rule\": { \"kind\": \"threshold\", \"target\": 1 } } ],\n"
	"  \"adjustments\": [\n"
	"    { \"id\": \"honours\", \"max\": 5 },\n"
	"    { \"id\": \"late\", \"name\": \"迟报\", \"kind\": \"deduction\","
	"      \"max\": 2 } ] }\n";

static const char subjects_csv[] =
	"id,name,category,unit,scheme,pool\n"
	"s1,甲,district,u1,base,\n"
	"s2,乙,district,u1,zone,\n"
	"s3,丙,zone,u2,zone,p9\n";

static const char values_csv[] =
	"subject,indicator,actual,target\n"
	"s1,gdp,7.7,\n"
	"s1,trade,12,\n"
	"s1,honours,2,\n"
	"s2,gdp,6.5,8\n"
	"s2,service,40,\n"
	"s2,accident,1,\n"
	"s3,green,1,\n";

static const char ratings_csv[] =
	"component,subject,group,level\n"
	"evaluation,s1,leaders,excellent\n"
	"evaluation,s1,leaders,excellent\n"
	"evaluation,s1,leaders,competent\n"
	"evaluation,s1,staff,abstain\n"
	"evaluation,s2,peers,basic\n"
	"survey,s1,enterprise,90\n"
	"survey,s1,enterprise,70.5\n"
	"survey,s1,resident,abstain\n"
	"survey,s3,resident,100\n";

static const char routine_csv[] =
	"subject,period,rating\n"
	"s1,2026Q1,good\n"
	"s1,2026Q2,fair\n"
	"s2,2026Q1,poor\n";

static const char units_csv[] = "unit,grade\nu1,good\n";
static const char caps_csv[] = "subject,grade,reason\ns3,competent,诫勉谈话\n";
static const char pools_csv[] = "pool,amount\ndistrict,1000000\n";

struct fixture {
	char dir[64];
	struct workbook *wb;
	struct err_list errs;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/kaohe-wb-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	put(fx->dir, "cycle.json", cycle_json);
	put(fx->dir, "schemes/base.json", base_json);
	put(fx->dir, "schemes/zone.json", zone_json);
	put(fx->dir, "subjects.csv", subjects_csv);
	put(fx->dir, "values.csv", values_csv);
	put(fx->dir, "ratings.csv", ratings_csv);
	put(fx->dir, "routine.csv", routine_csv);
	put(fx->dir, "units.csv", units_csv);
	put(fx->dir, "caps.csv", caps_csv);
	put(fx->dir, "pools.csv", pools_csv);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	workbook_free(fx->wb);
	err_list_free(&fx->errs);
	rm_dir(fx->dir);
	free(fx);
	return 0;
}

static const struct assess_input *load_ok(struct fixture *fx)
{
	struct workbook_options opt = { 2, false, 0 };
	if (workbook_load(fx->dir, &opt, &fx->wb, &fx->errs) != 0) {
		print_errors(&fx->errs);
		fail();
	}
	assert_int_equal(err_list_count(&fx->errs), 0);
	return workbook_input(fx->wb);
}

/* Loads, expecting a refusal with nerrors errors (0: any number). */
static void load_bad(struct fixture *fx, size_t nerrors)
{
	struct workbook_options opt = { 1, false, 0 };
	assert_int_equal(workbook_load(fx->dir, &opt, &fx->wb, &fx->errs), -1);
	assert_null(fx->wb);
	if (nerrors && fx->errs.n != nerrors) {
		print_message("expected %zu errors:\n", nerrors);
		print_errors(&fx->errs);
		fail();
	}
}

static bool near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

/* --- the valid workbook, by hand --------------------------------------------- */

static void test_valid_cycle(void **state)
{
	struct fixture *fx = *state;
	const struct assess_input *in = load_ok(fx);
	assert_int_equal(in->ncomponents, 4);
	assert_string_equal(in->components[1].id, "evaluation");
	assert_int_equal(in->components[1].kind, ASSESS_COMP_RATINGS);
	assert_true(near(in->components[1].weight, 25));
	assert_int_equal(in->components[1].nscale, 4);
	assert_string_equal(in->components[1].scale[2].id, "basic");
	assert_true(near(in->components[1].scale[2].points, 60));
	assert_int_equal(in->components[1].ngroups, 3);
	assert_true(in->components[1].has_trim);
	assert_int_equal(in->components[1].trim_above, 5);
	assert_int_equal(in->components[1].trim_drop, 1);
	assert_true(in->components[1].has_red_line);
	assert_int_equal(in->components[1].red_levels, 12); /* bits 2, 3 */
	assert_int_equal(in->components[1].red_num, 1);
	assert_int_equal(in->components[1].red_den, 3);
	assert_int_equal(in->components[1].red_cap, 2);
	assert_false(in->components[1].abstain_zero);
	assert_null(in->components[2].scale);
	assert_true(in->components[2].abstain_zero);
	assert_string_equal(in->components[2].name, "survey"); /* the id */
	assert_true(near(in->components[3].routine_scale[ASSESS_FAIR], 85));
	assert_int_equal(in->ngrades, 4);
	assert_true(in->grades[0].has_quota);
	assert_true(near(in->grades[0].share, 0.2));
	assert_int_equal(in->grades[0].rounding, ASSESS_CEIL);
	assert_true(in->grades[0].by_unit_grade);
	assert_true(in->grades[0].has_unit_share[ASSESS_GOOD]);
	assert_false(in->grades[0].has_unit_share[ASSESS_FAIR]);
	assert_true(near(in->grades[0].unit_share[ASSESS_POOR], 0));
	assert_false(in->grades[3].has_min);
	assert_int_equal(in->nroutine_caps, 1);
	assert_int_equal(in->routine_caps[0].at_or_below, ASSESS_AVERAGE);
	assert_int_equal(in->routine_caps[0].count, 2);
	assert_int_equal(in->routine_caps[0].cap, 2);
	assert_int_equal(in->nroutine_requires, 1);
	assert_int_equal(in->routine_requires[0].grade, 0);
	assert_int_equal(in->bonus.mode, ASSESS_BONUS_POOL);
	assert_int_equal(in->bonus.coefficients[0], 15000);
	assert_int_equal(in->bonus.coefficients[1], 10000);
	assert_int_equal(in->bonus.coefficients[2], 5000);
	assert_int_equal(in->bonus.coefficients[3], 0);
}

static void test_valid_schemes(void **state)
{
	struct fixture *fx = *state;
	const struct assess_input *in = load_ok(fx);
	assert_int_equal(in->nschemes, 2); /* base.json, zone.json */
	const struct assess_scheme *b = &in->schemes[0], *z = &in->schemes[1];
	assert_string_equal(b->id, "base");
	/* base: econ 60 (gdp 50, trade 50), party 40. */
	assert_int_equal(b->nnodes, 4);
	assert_int_equal(b->nleaves, 3);
	assert_true(near(b->leaves[0].points, 30));
	assert_true(near(b->leaves[1].points, 30));
	assert_true(near(b->leaves[2].points, 40));
	assert_string_equal(b->leaves[0].unit, "%");
	assert_int_equal(b->leaves[0].rule.kind, ASSESS_RATIO);
	assert_true(near(b->leaves[0].rule.cap, 1.2));
	assert_true(b->leaves[1].rule.has_step);
	assert_true(near(b->leaves[1].rule.min, 0)); /* with a step */
	assert_true(near(b->leaves[2].rule.cap, 1));
	/* zone: econ 70 (gdp 50, service 50), party 20, green 10. */
	static const char *const ids[] = { "econ", "gdp", "service", "party",
					   "green" };
	static const uint32_t parents[] = { ASSESS_NONE, 0, 0, ASSESS_NONE,
					    ASSESS_NONE };
	assert_int_equal(z->nnodes, 5);
	for (uint32_t k = 0; k < 5; k++) {
		assert_string_equal(z->nodes[k].id, ids[k]);
		assert_int_equal(z->nodes[k].parent, parents[k]);
	}
	assert_string_equal(z->nodes[0].name, "经济"); /* kept from base */
	assert_true(near(z->nodes[0].weight, 70));
	assert_int_equal(z->nodes[0].leaf, ASSESS_NONE);
	assert_int_equal(z->nleaves, 4);
	assert_int_equal(z->nodes[2].leaf, 1);
	assert_true(near(z->leaves[0].points, 35)); /* 70 x 50% */
	assert_true(near(z->leaves[1].points, 35));
	assert_true(near(z->leaves[2].points, 20));
	assert_true(near(z->leaves[3].points, 10));
	assert_int_equal(z->leaves[1].rule.kind, ASSESS_LINEAR);
	assert_true(near(z->leaves[1].rule.floor, 30));
	assert_int_equal(z->nadjustments, 3);
	assert_string_equal(z->adjustments[0].id, "honours");
	assert_true(near(z->adjustments[0].max, 5));
	assert_string_equal(z->adjustments[0].name, "表彰");
	assert_int_equal(z->adjustments[1].kind, ASSESS_VETO);
	assert_int_equal(z->adjustments[1].cap, 1); /* competent */
	assert_int_equal(z->adjustments[2].kind, ASSESS_DEDUCTION);
	/* Indicators in order: base's, then zone's new ones. */
	static const char *const inds[] = { "gdp", "trade", "party", "honours",
		"accident", "service", "green", "late" };
	assert_int_equal(in->nindicators, 8);
	for (uint32_t k = 0; k < 8; k++)
		assert_string_equal(in->indicators[k], inds[k]);
	assert_int_equal(z->leaves[1].indicator, 5);
	assert_int_equal(z->leaves[2].indicator, 2);
	assert_int_equal(z->adjustments[2].indicator, 7);
}

static void test_valid_subjects_values(void **state)
{
	struct fixture *fx = *state;
	const struct assess_input *in = load_ok(fx);
	assert_int_equal(in->nsubjects, 3);
	assert_string_equal(in->subjects[0].name, "甲");
	assert_int_equal(in->subjects[1].scheme, 1);
	assert_int_equal(in->ncategories, 2);
	assert_string_equal(in->categories[1], "zone");
	assert_int_equal(in->subjects[2].category, 1);
	assert_int_equal(in->nunits, 2);
	assert_int_equal(in->subjects[2].unit, 1);
	assert_int_equal(in->npools, 2); /* district (the default), p9 */
	assert_int_equal(in->subjects[1].pool, 0);
	assert_int_equal(in->subjects[2].pool, 1);
	assert_string_equal(in->pools[1], "p9");
	assert_int_equal(workbook_subject(fx->wb, "s3"), 2);
	assert_int_equal(workbook_subject(fx->wb, "s4"), ASSESS_NONE);
	/* Slots: s1 base 3 + 2, s2 and s3 zone 4 + 3. */
	assert_int_equal(in->value_offset[1], 5);
	assert_int_equal(in->value_offset[2], 12);
	assert_int_equal(in->value_offset[3], 19);
	assert_true(near(in->values[0], 7.7));
	assert_true(near(in->values[1], 12));
	assert_true(isnan(in->values[2]));
	assert_true(near(in->values[3], 2));   /* s1 honours */
	assert_true(near(in->values[5], 6.5)); /* s2 gdp */
	assert_true(near(in->values[6], 40));  /* s2 service */
	assert_true(near(in->values[10], 1));  /* s2 accident */
	assert_true(near(in->values[15], 1));  /* s3 green */
	/* s2's gdp has its own target, and nothing else has */
	assert_non_null(in->targets);
	assert_int_equal(in->target_start[1], 0);
	assert_int_equal(in->target_start[2], 1);
	assert_int_equal(in->target_start[3], 1);
	assert_true(near(assess_own_target(in, 1, 5), 8));
	assert_true(isnan(assess_own_target(in, 1, 6)));
	assert_true(isnan(assess_own_target(in, 0, 0)));
	assert_false(in->strict);
}

static void test_valid_ratings_and_rest(void **state)
{
	struct fixture *fx = *state;
	const struct assess_input *in = load_ok(fx);
	/* evaluation: counts[(s x 3 + g) x 5 + level] */
	const uint32_t *c = in->ratings[1].counts;
	assert_int_equal(c[0], 2);  /* s1 leaders excellent */
	assert_int_equal(c[1], 1);  /* s1 leaders competent */
	assert_int_equal(c[14], 1); /* s1 staff abstain */
	assert_int_equal(c[22], 1); /* s2 peers basic */
	uint32_t sum = 0;
	for (uint32_t k = 0; k < 3 * 3 * 5; k++)
		sum += c[k];
	assert_int_equal(sum, 5);
	/* survey: k = s x 2 + g */
	const struct assess_ratings *sv = &in->ratings[2];
	static const uint64_t offsets[] = { 0, 2, 2, 2, 2, 2, 3 };
	for (uint32_t k = 0; k < 7; k++)
		assert_int_equal(sv->offsets[k], offsets[k]);
	assert_true(near(sv->values[0], 90));
	assert_true(near(sv->values[1], 70.5));
	assert_true(near(sv->values[2], 100));
	assert_int_equal(sv->abstains[1], 1);
	assert_null(in->ratings[0].counts);
	assert_int_equal(in->routine[0 * 4 + ASSESS_GOOD], 1);
	assert_int_equal(in->routine[0 * 4 + ASSESS_FAIR], 1);
	assert_int_equal(in->routine[1 * 4 + ASSESS_POOR], 1);
	assert_int_equal(in->routine[2 * 4 + ASSESS_GOOD], 0);
	assert_int_equal(in->unit_grades[0], ASSESS_GOOD);
	assert_int_equal(in->unit_grades[1], -1);
	assert_int_equal(in->ncaps, 1);
	assert_int_equal(in->caps[0].subject, 2);
	assert_int_equal(in->caps[0].grade, 1);
	assert_string_equal(in->caps[0].reason, "诫勉谈话");
	assert_int_equal(in->pool_amounts[0], 1000000);
	assert_int_equal(in->pool_amounts[1], -1);
}

/* One thread gives the same input as two. */
static void test_one_thread(void **state)
{
	struct fixture *fx = *state;
	struct workbook_options opt = { 1, true, 0 };
	assert_int_equal(workbook_load(fx->dir, &opt, &fx->wb, &fx->errs), 0);
	const struct assess_input *in = workbook_input(fx->wb);
	assert_true(in->strict);
	assert_int_equal(in->ratings[1].counts[0], 2);
	assert_true(near(in->ratings[2].values[1], 70.5));
}

static void test_crlf_and_bom(void **state)
{
	struct fixture *fx = *state;
	put(fx->dir, "values.csv",
	    "\xEF\xBB\xBFsubject,indicator,actual,target\r\n"
	    "s1,gdp,7.7,\r\n"
	    "\r\n"
	    "s2,gdp, 6.5 ,\"8\"\r\n");
	put(fx->dir, "subjects.csv",
	    "\xEF\xBB\xBF" "id,name,category,unit,scheme,pool\r\n"
	    "s1,甲,district,u1,base,\r\n"
	    "s2,\"乙, \"\"二\"\"\",district,u1,zone,\r\n"
	    "s3,丙,zone,u2,zone,p9");
	const struct assess_input *in = load_ok(fx);
	assert_true(near(in->values[0], 7.7));
	assert_true(near(in->values[5], 6.5));
	assert_true(near(assess_own_target(in, 1, 5), 8));
	assert_string_equal(in->subjects[1].name, "乙, \"二\"");
	assert_string_equal(in->subjects[2].name, "丙");
}

/* subjects.csv saved as GBK by Chinese Excel reads as the UTF-8 text. */
static void test_gbk(void **state)
{
	struct fixture *fx = *state;
	char gbk[512];
	iconv_t cd = iconv_open("GBK", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)subjects_csv, *out = gbk;
	size_t inleft = strlen(subjects_csv), outleft = sizeof gbk;
	assert_int_not_equal(iconv(cd, &in, &inleft, &out, &outleft),
			     (size_t)-1);
	iconv_close(cd);
	size_t len = (size_t)(out - gbk);
	assert_true(len < strlen(subjects_csv)); /* 2 bytes a character */
	write_file(fx->dir, "subjects.csv", gbk, len);
	const struct assess_input *inp = load_ok(fx);
	assert_string_equal(inp->subjects[0].name, "甲");
	assert_string_equal(inp->subjects[1].name, "乙");
	assert_string_equal(inp->subjects[2].name, "丙");
}

/* --- bad input: section 10 ------------------------------------------------------ */

/* A cycle of ratings alone: no scheme column, no values; every subject
 * gets the empty scheme. */
static void test_no_scheme_component(void **state)
{
	struct fixture *fx = *state;
	put(fx->dir, "cycle.json",
	    "{ \"components\": [ { \"id\": \"survey\", \"weight\": 100,"
	    "  \"kind\": \"ratings\","
	    "  \"groups\": [ { \"id\": \"resident\", \"weight\": 100 } ] } ],"
	    "  \"grades\": [ { \"id\": \"competent\", \"min\": 60 },"
	    "                { \"id\": \"other\" } ] }");
	put(fx->dir, "subjects.csv",
	    "id,name,category,unit\ns1,甲,district,u1\ns2,乙,zone,u2\n");
	put(fx->dir, "ratings.csv",
	    "component,subject,group,level\nsurvey,s2,resident,75\n");
	put(fx->dir, "caps.csv", "subject,grade,reason\n");
	put(fx->dir, "routine.csv", "subject,period,rating\n");
	drop(fx->dir, "values.csv");
	const struct assess_input *in = load_ok(fx);
	assert_int_equal(in->nschemes, 3); /* base, zone, the empty one */
	assert_string_equal(in->schemes[2].id, "");
	assert_int_equal(in->schemes[2].nleaves, 0);
	assert_int_equal(in->subjects[0].scheme, 2);
	assert_int_equal(in->subjects[1].scheme, 2);
	assert_int_equal(in->value_offset[2], 0);
	assert_int_equal(in->ratings[0].offsets[1], 0); /* s1: none */
	assert_int_equal(in->ratings[0].offsets[2], 1); /* s2: one */
	assert_true(near(in->ratings[0].values[0], 75));
	assert_int_equal(in->npools, 2); /* the categories */
}

static void test_bad_utf8(void **state)
{
	struct fixture *fx = *state;
	/* 0xFF starts no UTF-8 sequence and no GB18030 one. */
	put(fx->dir, "subjects.csv",
	    "id,name,category,unit,scheme,pool\n"
	    "s1,甲,district,u1,base,\n"
	    "s2,乙\xFF,district,u1,zone,\n"
	    "s3,丙,zone,u2,zone,p9\n");
	load_bad(fx, 1);
	/* line 3: s, 2, ",", 乙 are 4 characters: the byte is the 5th */
	assert_error(&fx->errs, "subjects.csv line 3, column 5", "0xFF");
}

static void test_bad_weights(void **state)
{
	struct fixture *fx = *state;
	put_replaced(fx->dir, "schemes/base.json", base_json,
		     "\"weight\": 40", "\"weight\": 30");
	load_bad(fx, 1); /* zone and the subjects follow silently */
	assert_error(&fx->errs, "schemes/base.json $.indicators", "sum to 90");
}

static void test_bad_weights_children(void **state)
{
	struct fixture *fx = *state;
	put_replaced(fx->dir, "schemes/base.json", base_json,
		     "\"weight\": 50", "\"weight\": 45");
	load_bad(fx, 1);
	assert_error(&fx->errs, "schemes/base.json $.indicators[0].children",
		     "under 'econ' sum to 95");
}

static void test_bad_weights_patched(void **state)
{
	struct fixture *fx = *state;
	put(fx->dir, "schemes/zone.json",
	    "{ \"id\": \"zone\", \"extends\": \"base\", \"indicators\": [\n"
	    "  { \"id\": \"econ\", \"weight\": 70 },\n"
	    "  { \"id\": \"party\", \"weight\": 20 } ] }\n");
	load_bad(fx, 0);
	assert_error(&fx->errs, "schemes/zone.json $.indicators[0].weight",
		     "sum to 90");
}

static void test_bad_component_weights(void **state)
{
	struct fixture *fx = *state;
	put_replaced(fx->dir, "cycle.json", cycle_json, "\"weight\": 60",
		     "\"weight\": 55");
	load_bad(fx, 1);
	assert_error(&fx->errs, "cycle.json $.components", "sum to 95");
}

static void test_bad_group_weights(void **state)
{
	struct fixture *fx = *state;
	put_replaced(fx->dir, "cycle.json", cycle_json, "\"weight\": 40 }",
		     "\"weight\": 41 }");
	load_bad(fx, 1);
	assert_error(&fx->errs, "cycle.json $.components[1].groups",
		     "sum to 101");
}

static void test_unknown_ids(void **state)
{
	struct fixture *fx = *state;
	put(fx->dir, "values.csv",
	    "subject,indicator,actual\n"
	    "s9,gdp,1\n"
	    "s1,nope,1\n"
	    "s1,service,1\n");
	put(fx->dir, "ratings.csv",
	    "component,subject,group,level\n"
	    "nope,s1,leaders,excellent\n"
	    "evaluation,s1,nobody,excellent\n"
	    "evaluation,s1,leaders,great\n"
	    "routine,s1,leaders,good\n");
	put(fx->dir, "caps.csv", "subject,grade,reason\ns1,great,x\n");
	put(fx->dir, "subjects.csv",
	    "id,name,category,unit,scheme\n"
	    "s1,甲,district,u1,base\n"
	    "s2,乙,district,u1,zone\n"
	    "s3,丙,zone,u2,nope\n");
	load_bad(fx, 9);
	assert_error(&fx->errs, "subjects.csv line 4, column 14",
		     "unknown scheme 'nope'");
	assert_error(&fx->errs, "values.csv line 2, column 1",
		     "unknown subject 's9'");
	assert_error(&fx->errs, "values.csv line 3, column 4",
		     "unknown indicator 'nope'");
	assert_error(&fx->errs, "values.csv line 4, column 4",
		     "not in scheme 'base'");
	assert_error(&fx->errs, "ratings.csv line 2, column 1",
		     "unknown component 'nope'");
	assert_error(&fx->errs, "ratings.csv line 3, column 15",
		     "unknown group 'nobody'");
	assert_error(&fx->errs, "ratings.csv line 4, column 23",
		     "'great' is not a level");
	assert_error(&fx->errs, "ratings.csv line 5, column 1",
		     "not of kind ratings");
	assert_error(&fx->errs, "caps.csv line 2, column 4",
		     "unknown grade 'great'");
}

static void test_unknown_grade_in_cycle(void **state)
{
	struct fixture *fx = *state;
	put_replaced(fx->dir, "cycle.json", cycle_json,
		     "\"cap\": \"basic\" } ]", "\"cap\": \"basix\" } ]");
	load_bad(fx, 1);
	assert_error(&fx->errs, "cycle.json $.routine.caps[0].cap",
		     "unknown grade 'basix'");
}

static void test_duplicate_rows(void **state)
{
	struct fixture *fx = *state;
	put(fx->dir, "values.csv",
	    "subject,indicator,actual\ns1,gdp,1\ns1,trade,2\ns1,gdp,3\n");
	put(fx->dir, "routine.csv",
	    "subject,period,rating\ns1,2026Q1,good\ns1,2026Q1,fair\n");
	put(fx->dir, "units.csv", "unit,grade\nu1,good\nu2,fair\nu1,poor\n");
	put(fx->dir, "caps.csv", "subject,grade,reason\ns3,basic,a\n"
				 "s3,competent,b\ns3,basic,c\n");
	put(fx->dir, "pools.csv", "pool,amount\np9,1\np9,2\n");
	put(fx->dir, "subjects.csv",
	    "id,name,category,unit,scheme\n"
	    "s1,甲,district,u1,base\n"
	    "s2,乙,district,u1,zone\n"
	    "s3,丙,zone,u2,zone\n"
	    "s1,丁,zone,u2,zone\n"
	    "s4,戊,zone,u2,zone\n"
	    "p9,pool,p9,u2,zone\n");
	load_bad(fx, 6);
	assert_error(&fx->errs, "subjects.csv line 5, column 1",
		     "'s1' appears twice (first on line 2)");
	assert_error(&fx->errs, "values.csv line 4, column 4",
		     "has a value for 'gdp' already");
	assert_error(&fx->errs, "routine.csv line 3, column 4",
		     "has a result for 2026Q1 already (line 2)");
	assert_error(&fx->errs, "units.csv line 4, column 1",
		     "unit 'u1' appears twice (first on line 2)");
	assert_error(&fx->errs, "caps.csv line 4, column 4",
		     "capped at 'basic' already (line 2)");
	assert_error(&fx->errs, "pools.csv line 3, column 1",
		     "pool 'p9' appears twice (first on line 2)");
}

static void test_non_numeric(void **state)
{
	struct fixture *fx = *state;
	put(fx->dir, "values.csv",
	    "subject,indicator,actual,target\n"
	    "s1,gdp,abc,\n"
	    "s1,trade,\"1,000\",\n"
	    "s1,party,7%,\n"
	    "s2,gdp,NaN,\n"
	    "s2,party,0x10,\n"
	    "s2,service,1e999,\n"
	    "s3,gdp,1,eight\n"
	    "s3,party,-0.5e1,\n"
	    "s3,service,.5,40.\n");
	put(fx->dir, "pools.csv", "pool,amount\np9,1.5\n");
	put(fx->dir, "ratings.csv",
	    "component,subject,group,level\nsurvey,s1,resident,101\n");
	load_bad(fx, 9);
	assert_error(&fx->errs, "values.csv line 2, column 8",
		     "'abc' is not a number");
	assert_error(&fx->errs, "values.csv line 3, column 10",
		     "'1,000' is not a number");
	assert_error(&fx->errs, "values.csv line 4, column 10", "'7%'");
	assert_error(&fx->errs, "values.csv line 5, column 8", "'NaN'");
	assert_error(&fx->errs, "values.csv line 6, column 10", "'0x10'");
	assert_error(&fx->errs, "values.csv line 7, column 12", "'1e999'");
	assert_error(&fx->errs, "values.csv line 8, column 10",
		     "target 'eight' is not a number");
	assert_error(&fx->errs, "pools.csv line 2, column 4",
		     "not a whole number of fen");
	assert_error(&fx->errs, "ratings.csv line 2, column 20",
		     "not a number in [0, 100]");
}

static void test_ratio_target(void **state)
{
	struct fixture *fx = *state;
	put_replaced(fx->dir, "schemes/base.json", base_json, "\"target\": 7,",
		     "\"target\": 0,");
	put(fx->dir, "schemes/zone.json",
	    "{ \"id\": \"zone\", \"indicators\": [ { \"id\": \"gdp\","
	    " \"weight\": 100, \"rule\": { \"kind\": \"ratio\" } } ] }");
	put(fx->dir, "values.csv",
	    "subject,indicator,actual,target\ns2,gdp,1,-1\n");
	load_bad(fx, 2);
	assert_error(&fx->errs,
		     "schemes/base.json $.indicators[0].children[0].rule.target",
		     "a ratio rule needs a target > 0");
	assert_error(&fx->errs, "values.csv line 2, column 10",
		     "a ratio rule needs a target > 0 (target -1)");
}

static void test_floor_equals_target(void **state)
{
	struct fixture *fx = *state;
	put_replaced(fx->dir, "schemes/zone.json", zone_json, "\"floor\": 30",
		     "\"floor\": 45");
	load_bad(fx, 1);
	assert_error(&fx->errs, "schemes/zone.json $.indicators[3].rule.target",
		     "floor cannot equal its target");
	put(fx->dir, "schemes/zone.json", zone_json);
	put(fx->dir, "values.csv",
	    "subject,indicator,actual,target\ns2,service,40,30\n"
	    "s3,service,40,20\n");
	err_list_free(&fx->errs);
	load_bad(fx, 2);
	assert_error(&fx->errs, "values.csv line 2, column 15",
		     "floor cannot equal its target (target 30)");
	assert_error(&fx->errs, "values.csv line 3, column 15",
		     "floor must be below its target");
}

/* Targets given in values.csv come out by subject and slot whatever the
 * rows' order: s2's service (slot 6) comes before its gdp (slot 5), and
 * s1's gdp (slot 0) after both. */
static void test_own_targets(void **state)
{
	struct fixture *fx = *state;
	put(fx->dir, "values.csv",
	    "subject,indicator,actual,target\n"
	    "s2,service,40,50\n"
	    "s2,gdp,6.5,8\n"
	    "s1,gdp,7.7,7.5\n"
	    "s1,trade,12,\n");
	const struct assess_input *in = load_ok(fx);
	assert_int_equal(in->target_start[0], 0);
	assert_int_equal(in->target_start[1], 1);
	assert_int_equal(in->target_start[2], 3);
	assert_int_equal(in->target_start[3], 3);
	assert_int_equal(in->targets[1].slot, 5);
	assert_int_equal(in->targets[2].slot, 6);
	assert_true(near(assess_own_target(in, 0, 0), 7.5));
	assert_true(isnan(assess_own_target(in, 0, 1)));
	assert_true(near(assess_own_target(in, 1, 5), 8));
	assert_true(near(assess_own_target(in, 1, 6), 50));
	assert_true(isnan(assess_own_target(in, 1, 7)));
	assert_true(isnan(assess_own_target(in, 2, 11)));
}

/* A ratio rule without a target is good when values.csv gives one on
 * every row, and refused on a row without. */
static void test_missing_target(void **state)
{
	struct fixture *fx = *state;
	put_replaced(fx->dir, "schemes/base.json", base_json, "\"target\": 7, ",
		     "");
	put(fx->dir, "values.csv",
	    "subject,indicator,actual,target\ns1,gdp,7.7,7\ns2,gdp,6.5,8\n");
	const struct assess_input *in = load_ok(fx);
	assert_false(in->schemes[0].leaves[0].rule.has_target);
	assert_true(near(assess_own_target(in, 0, 0), 7));
	assert_true(near(assess_own_target(in, 1, 5), 8));
	workbook_free(fx->wb);
	fx->wb = NULL;
	put(fx->dir, "values.csv",
	    "subject,indicator,actual,target\ns1,gdp,7.7,7\ns2,gdp,6.5,\n");
	load_bad(fx, 1);
	assert_error(&fx->errs, "values.csv line 3, column 12",
		     "'gdp' (ratio rule) needs a target");
	put(fx->dir, "values.csv", "subject,indicator,actual\ns2,gdp,6.5\n");
	err_list_free(&fx->errs);
	load_bad(fx, 1);
	assert_error(&fx->errs, "values.csv line 2, column 4",
		     "needs a target");
}

static void test_adjustment_without_max(void **state)
{
	struct fixture *fx = *state;
	put_replaced(fx->dir, "schemes/base.json", base_json,
		     ",      \"max\": 3", "");
	load_bad(fx, 1);
	assert_error(&fx->errs, "schemes/base.json $.adjustments[0].max",
		     "a bonus needs a max");
	put(fx->dir, "schemes/base.json", base_json);
	put(fx->dir, "schemes/zone.json",
	    "{ \"id\": \"zone\", \"extends\": \"base\", \"adjustments\": [\n"
	    "  { \"id\": \"late\", \"kind\": \"deduction\" } ] }\n");
	err_list_free(&fx->errs);
	load_bad(fx, 1);
	assert_error(&fx->errs, "schemes/zone.json $.adjustments[0].max",
		     "a deduction needs a max");
}

static void test_extends_errors(void **state)
{
	struct fixture *fx = *state;
	put(fx->dir, "schemes/a.json",
	    "{ \"id\": \"a\", \"extends\": \"b\" }");
	put(fx->dir, "schemes/b.json",
	    "{ \"id\": \"b\", \"extends\": \"a\" }");
	put(fx->dir, "schemes/c.json",
	    "{ \"id\": \"c\", \"extends\": \"nothing\" }");
	put(fx->dir, "schemes/d.json",
	    "{ \"id\": \"d\", \"extends\": \"base\", \"indicators\": [\n"
	    "  { \"id\": \"x\", \"parent\": \"nowhere\", \"weight\": 1,"
	    "    \"rule\": { \"kind\": \"score\" } },\n"
	    "  { \"id\": \"y\", \"remove\": true } ] }");
	put(fx->dir, "schemes/e.json", "{ \"id\": \"e\", \"extends\": \"e\" }");
	load_bad(fx, 5);
	assert_error(&fx->errs, "schemes/b.json $.extends",
		     "extends loop: a -> b -> a");
	assert_error(&fx->errs, "schemes/c.json $.extends",
		     "unknown base scheme 'nothing'");
	assert_error(&fx->errs, "schemes/d.json $.indicators[0].parent",
		     "unknown parent 'nowhere'");
	assert_error(&fx->errs, "schemes/d.json $.indicators[1].id",
		     "no indicator 'y' to remove");
	assert_error(&fx->errs, "schemes/e.json $.extends",
		     "extends loop: e -> e");
}

static void test_last_grade(void **state)
{
	struct fixture *fx = *state;
	put_replaced(fx->dir, "cycle.json", cycle_json, "\"name\": \"不称职\" }",
		     "\"min\": 1, \"quota\": { \"share\": 0.1 } }");
	load_bad(fx, 2);
	assert_error(&fx->errs, "cycle.json $.grades[3].min",
		     "the last grade cannot have a min");
	assert_error(&fx->errs, "cycle.json $.grades[3].quota",
		     "the last grade cannot have a quota");
}

static void test_columns(void **state)
{
	struct fixture *fx = *state;
	put(fx->dir, "values.csv",
	    "subject,indicator,actual,actual,note\ns1,gdp,1,1,x\n");
	put(fx->dir, "routine.csv", "subject,rating\n");
	put(fx->dir, "units.csv", "unit,grade\nu1,good,extra\nu2\n");
	load_bad(fx, 5);
	assert_error(&fx->errs, "values.csv line 1, column 26",
		     "column 'actual' appears twice");
	assert_error(&fx->errs, "values.csv line 1, column 33",
		     "unknown column 'note'");
	assert_error(&fx->errs, "routine.csv line 1", "missing column 'period'");
	assert_error(&fx->errs, "units.csv line 2, column 9",
		     "3 cells, but the header has 2");
	assert_error(&fx->errs, "units.csv line 3, column 3",
		     "1 cells, but the header has 2");
}

static void test_missing_files(void **state)
{
	struct fixture *fx = *state;
	drop(fx->dir, "ratings.csv");
	drop(fx->dir, "pools.csv");
	put(fx->dir, "caps.csv", "subject,grade,reason\ns1,basic,\n");
	load_bad(fx, 3);
	assert_error(&fx->errs, "ratings.csv", "missing");
	assert_error(&fx->errs, "pools.csv", "missing");
	assert_error(&fx->errs, "caps.csv line 2, column 10", "empty reason");
}

static void test_coefficient_decimals(void **state)
{
	struct fixture *fx = *state;
	put_replaced(fx->dir, "cycle.json", cycle_json, "\"basic\": 0.5,",
		     "\"basic\": 0.12345,");
	load_bad(fx, 1);
	assert_error(&fx->errs, "cycle.json $.bonus.coefficients.basic",
		     "more than 4 decimals");
}

static void test_unknown_keys(void **state)
{
	struct fixture *fx = *state;
	put(fx->dir, "schemes/zone.json",
	    "{ \"id\": \"zone\", \"indicators\": [ { \"id\": \"gdp\","
	    " \"weight\": 100, \"rule\": { \"kind\": \"rank\", \"target\": 3,"
	    " \"step\": 0 } } ], \"colour\": 1 }");
	load_bad(fx, 3);
	assert_error(&fx->errs, "schemes/zone.json $.colour",
		     "unknown key 'colour'");
	assert_error(&fx->errs,
		     "schemes/zone.json $.indicators[0].rule.target",
		     "unknown key 'target'");
	assert_error(&fx->errs, "schemes/zone.json $.indicators[0].rule.step",
		     "step must be > 0");
}

static void test_not_a_folder(void **state)
{
	struct fixture *fx = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/nothing", fx->dir);
	assert_int_equal(workbook_load(path, NULL, &fx->wb, &fx->errs), -1);
	assert_int_equal(fx->errs.n, 1);
	assert_non_null(strstr(fx->errs.items[0].msg, "is not a folder"));
}

static void test_bad_json(void **state)
{
	struct fixture *fx = *state;
	put(fx->dir, "cycle.json", "{ \"components\": [\n  1,\n}\n");
	load_bad(fx, 0);
	assert_true(strncmp(fx->errs.items[0].where, "cycle.json line 3", 17) == 0);
}

/* --- the CSV reader alone ------------------------------------------------------ */

struct rows {
	char text[128][64];
	uint32_t line[128];
	uint32_t n;
};

static int collect(void *ctx, const struct csv_row *row)
{
	struct rows *r = ctx;
	char *t = r->text[r->n];
	t[0] = '\0';
	for (uint32_t k = 0; k < row->ncells; k++) {
		strcat(t, k ? "|" : "");
		strcat(t, row->cells[k].s);
	}
	r->line[r->n++] = row->line;
	return 0;
}

static void test_csv_quotes_and_lines(void **state)
{
	(void)state;
	static const char text[] =
		"a, b ,c\n"
		"\n"
		"\"x\ny\", \"q\"\"q\" ,z\r\n"
		"  1 ,2,3\n"
		"last,\"\",";
	struct csv_file f;
	struct err e = ERR_INIT;
	struct rows *r = calloc(1, sizeof *r);
	assert_int_equal(csv_file_load(&f, "t.csv", text, sizeof text - 1, &e), 0);
	struct csv_range all = csv_file_range(&f);
	assert_int_equal(csv_rows(&f, &all, collect, r, &e), 0);
	assert_int_equal(r->n, 4);
	assert_string_equal(r->text[0], "a|b|c");
	assert_string_equal(r->text[1], "x\ny|q\"q|z");
	assert_string_equal(r->text[2], "1|2|3");
	assert_string_equal(r->text[3], "last||");
	assert_int_equal(r->line[0], 1);
	assert_int_equal(r->line[1], 3);
	assert_int_equal(r->line[2], 5);
	assert_int_equal(r->line[3], 6);
	free(r);
	csv_file_free(&f);
}

struct pos_check {
	uint32_t cell, line, col;
};

static int check_pos(void *ctx, const struct csv_row *row)
{
	const struct pos_check *want = ctx;
	uint32_t line, col;
	for (; want->cell != CSV_ABSENT; want++) {
		csv_cell_pos(row, want->cell, &line, &col);
		assert_int_equal(line, want->line);
		assert_int_equal(col, want->col);
	}
	return 0;
}

static void test_csv_positions(void **state)
{
	(void)state;
	/* Columns count characters: 北京 is 2 of them, 6 bytes. */
	static const char text[] = "北京, \"多\n行\",  x,\"\"\n";
	static const struct pos_check want[] = {
		{ 0, 1, 1 }, { 1, 1, 5 }, { 2, 2, 6 }, { 3, 2, 8 }, { 4, 2, 10 },
		{ CSV_ABSENT, 0, 0 },
	};
	struct csv_file f;
	struct err e = ERR_INIT;
	assert_int_equal(csv_file_load(&f, "p.csv", text, sizeof text - 1, &e), 0);
	struct csv_range all = csv_file_range(&f);
	assert_int_equal(csv_rows(&f, &all, check_pos, (void *)want, &e), 0);
	csv_file_free(&f);
}

static void test_csv_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *text, *where, *word;
	} cases[] = {
		{ "a,b\nc,d\"e\n", "x.csv line 2, column 4", "quote" },
		{ "a,b\n\"c\"d,e\n", "x.csv line 2, column 4", "quote" },
		{ "a,b\n1,\"open\n\n", "x.csv line 2, column 3", "not closed" },
		{ "a,b\r1,2\n", "x.csv line 1", "carriage return" },
		{ "a\0b\n", "x.csv line 1, column 2", "NUL" },
		{ "a,b\n,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"
		  ",,,,,,,,,,x\n", "x.csv line 2, column 65", "more than 64" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct csv_file f;
		struct err e = ERR_INIT;
		struct rows *r = calloc(1, sizeof *r);
		size_t len = k == 4 ? 4 : strlen(cases[k].text);
		int rc = csv_file_load(&f, "x.csv", cases[k].text, len, &e);
		if (rc == 0) {
			struct csv_range all = csv_file_range(&f);
			rc = csv_rows(&f, &all, collect, r, &e);
		}
		free(r);
		assert_int_equal(rc, -1);
		assert_string_equal(e.where, cases[k].where);
		assert_non_null(strstr(e.msg, cases[k].word));
		csv_file_free(&f);
	}
}

/* Everything a parse gives back, as text: each row's line, offset and
 * cells (with their lengths, so that a NUL in a cell would show). */
static int record(void *ctx, const struct csv_row *row)
{
	FILE *out = ctx;
	fprintf(out, "row %u@%zu:", row->line, row->offset);
	for (uint32_t k = 0; k < row->ncells; k++) {
		fprintf(out, " [%u]", row->cells[k].len);
		fwrite(row->cells[k].s, 1, row->cells[k].len, out);
		assert_int_equal(row->cells[k].s[row->cells[k].len], '\0');
	}
	fputc('\n', out);
	return 0;
}

static char *parse_record(const struct csv_file *f, bool libcsv_only)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct err e = ERR_INIT;
	struct csv_range all = csv_file_range(f);
	int rc = libcsv_only ? csv_rows_libcsv(f, &all, record, out, &e)
			     : csv_rows(f, &all, record, out, &e);
	fprintf(out, "rc %d %s: %s\n", rc, e.where, e.msg);
	fclose(out);
	return text;
}

/* Lines without quotes, spaces, tabs or lone carriage returns are cut
 * without libcsv (csv.c); every input must give the same rows and the
 * same refusal both ways. Random texts over the bytes that matter. */
static void test_csv_plain_lines(void **state)
{
	(void)state;
	/* Quotes come last: every other round goes without them, since a
	 * misplaced quote ends the parse and the lines after it would go
	 * untested. */
	static const char *const bits[] = {
		"a", "7.5", ",", ",", ",", "\n", "\n", "\r\n", "\r", " ",
		"\t", "北", "", "x,y\n",
		/* long runs, for the 16 bytes at a time of csv.c */
		"S0000001,gdp_growth", "abcdefghijklmnopq", "1,2,3,4,5,6,7,8,9,",
		"江苏省南京市", ",,,,,,,,,,,,,,,,",
		"\"", "\"\"",
	};
	const uint32_t nbits = sizeof bits / sizeof *bits;
	static const char *const fixed[] = {
		"a,b\n", "a,b", "a,\n,b\n", ",\n", "\n\n", "a\r\nb\r\n",
		"a,b\r", "a\rb\n", "\"a\",b\n", "a, b\n", " a\n", "a\t\n",
		",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n",
		",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n",
		"\"a\n,b\",c\nd,e\n", "a,\"b\nc\"\nd\n",
		"abcdefghijklmnopqrstu\t,x\n", "\tabcdefghijklmnopqrstuvw\n",
		"abcdefghijklmnopqrs,\r\n", "abcdefghijklmnopqrs \n",
	};
	uint32_t seed = 12345;
	for (int round = 0; round < 20000; round++) {
		char text[1024];
		size_t len = 0;
		if (round < (int)(sizeof fixed / sizeof *fixed)) {
			len = strlen(fixed[round]);
			memcpy(text, fixed[round], len);
		} else {
			int pieces = 1 + round % 40;
			for (int k = 0; k < pieces; k++) {
				seed = seed * 1103515245u + 12345u;
				const char *b = bits[(seed >> 16) %
						     (round % 2 ? nbits - 2
								: nbits)];
				size_t n = strlen(b);
				memcpy(text + len, b, n);
				len += n;
			}
		}
		struct csv_file f;
		struct err e = ERR_INIT;
		assert_int_equal(csv_file_load(&f, "p.csv", text, len, &e), 0);
		char *fast = parse_record(&f, false);
		char *slow = parse_record(&f, true);
		if (strcmp(fast, slow) != 0)
			fail_msg("input %.*s\nplain path:\n%s\nlibcsv:\n%s",
				 (int)len, text, fast, slow);
		free(fast);
		free(slow);
		csv_file_free(&f);
	}
}

static void test_csv_split(void **state)
{
	(void)state;
	char text[4096];
	size_t len = 0;
	for (int i = 0; i < 100; i++)
		len += (size_t)snprintf(text + len, sizeof text - len,
					"s%d,%d\n", i, i * 7);
	struct csv_file f;
	struct err e = ERR_INIT;
	assert_int_equal(csv_file_load(&f, "s.csv", text, len, &e), 0);
	struct csv_range all = csv_file_range(&f), half[2];
	assert_true(csv_split(&f, &all, half));
	assert_int_equal(half[0].end, half[1].begin);
	assert_int_equal(f.text[half[1].begin - 1], '\n');
	/* The halves give the rows of the whole, with the whole's lines. */
	struct rows *r = calloc(1, sizeof *r);
	assert_int_equal(csv_rows(&f, &half[0], collect, r, &e), 0);
	assert_true(r->n > 0 && r->n < 100);
	assert_int_equal(csv_rows(&f, &half[1], collect, r, &e), 0);
	assert_int_equal(r->n, 100);
	for (uint32_t k = 0; k < 100; k++) {
		char want[64];
		snprintf(want, sizeof want, "s%u|%u", k, k * 7);
		assert_string_equal(r->text[k], want);
		assert_int_equal(r->line[k], k + 1);
	}
	free(r);
	csv_file_free(&f);
	/* A quote before the middle: no split. */
	text[1] = '"';
	assert_int_equal(csv_file_load(&f, "s.csv", text, len, &e), 0);
	all = csv_file_range(&f);
	assert_false(csv_split(&f, &all, half));
	csv_file_free(&f);
}

static int count_rows(void *ctx, const struct csv_row *row)
{
	(void)row;
	(*(uint32_t *)ctx)++;
	return 0;
}

/* A file bigger than the pieces the reader checks and parses at a time
 * (whose pages it gives back): rows are all counted, and a bad byte or
 * quote at the very end is still placed exactly. */
static void test_csv_big_file(void **state)
{
	(void)state;
	char path[] = "/tmp/kaohe-big-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	char line[104];
	memset(line, 'x', 100);
	memcpy(line + 100, ",1\n", 3);
	for (int k = 0; k < 400000; k++) /* 41.2 MB, 39.3 MiB */
		fwrite(line, 1, 103, f);
	fputs("x\"y,1\n", f);
	fclose(f);
	struct csv_file file;
	struct err e = ERR_INIT;
	uint32_t rows = 0;
	assert_int_equal(csv_file_read(&file, path, "big.csv", 0, &e), 0);
	assert_true(file.len > (32u << 20)); /* more than one piece */
	struct csv_range all = csv_file_range(&file);
	assert_int_equal(csv_rows(&file, &all, count_rows, &rows, &e), -1);
	assert_int_equal(rows, 400000);
	assert_string_equal(e.where, "big.csv line 400001, column 2");
	csv_file_free(&file);
	f = fopen(path, "a");
	fputs("\xFF\n", f);
	fclose(f);
	assert_int_equal(csv_file_read(&file, path, "big.csv", 0, &e), -1);
	assert_string_equal(e.where, "big.csv line 400002, column 1");
	assert_int_equal(csv_file_read(&file, path, "big.csv", 1000, &e), -1);
	assert_int_equal(e.code, ERR_TOO_LARGE);
	unlink(path);
}

static void test_csv_numbers(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		double v;
	} good[] = {
		{ "7", 7 }, { "-0.5", -0.5 }, { "1e3", 1000 }, { "+2.25", 2.25 },
		{ ".5", 0.5 }, { "5.", 5 }, { "0.1", 0.1 }, { "123456.789", 123456.789 },
		{ "12345678901234567890", 12345678901234567890.0 },
		{ "1.5E-3", 0.0015 },
	};
	static const char *const bad[] = {
		"", "-", ".", "1,000", "7%", "NaN", "inf", "0x10", "1e", "1e+",
		" 1", "1 ", "1e999", "--1", "1.2.3",
	};
	for (size_t k = 0; k < sizeof good / sizeof *good; k++) {
		struct csv_cell c = { good[k].s, (uint32_t)strlen(good[k].s) };
		double v = 0;
		assert_int_equal(csv_double(&c, &v), 0);
		assert_true(v == good[k].v);
	}
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		struct csv_cell c = { bad[k], (uint32_t)strlen(bad[k]) };
		double v = 0;
		assert_int_equal(csv_double(&c, &v), -1);
	}
	int64_t i = 0;
	struct csv_cell c1 = { "-9223372036854775808", 20 };
	assert_int_equal(csv_int64(&c1, &i), 0);
	assert_true(i == INT64_MIN);
	struct csv_cell c2 = { "9223372036854775808", 19 };
	assert_int_equal(csv_int64(&c2, &i), -1);
	struct csv_cell c3 = { "1.0", 3 };
	assert_int_equal(csv_int64(&c3, &i), -1);
}

static void test_intern(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct intern t;
	char id[32];
	bool added = false;
	intern_init(&t, &a);
	for (uint32_t k = 0; k < 100000; k++) {
		snprintf(id, sizeof id, "subject-%u", k);
		assert_int_equal(intern_add(&t, id, strlen(id), &added), k);
		assert_true(added);
	}
	assert_int_equal(intern_add(&t, "subject-77", 10, &added), 77);
	assert_false(added);
	assert_int_equal(intern_find(&t, "subject-99999", 13), 99999);
	assert_int_equal(intern_find(&t, "subject-100000", 14), INTERN_NONE);
	assert_int_equal(intern_find(&t, "subject-999", 11), 999);
	assert_int_equal(intern_find(&t, "subject-1000000", 15), INTERN_NONE);
	assert_string_equal(t.names[12345], "subject-12345");
	intern_free(&t);
	arena_free(&a);
}

/* --- results.csv and trace.jsonl of many subjects ---------------------------- */

/* The whole of a file (free it), its length in *len. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t cap = 1 << 20, n = 0;
	char *text = malloc(cap);
	size_t got;
	while ((got = fread(text + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			text = realloc(text, cap *= 2);
	}
	fclose(f);
	*len = n;
	return text;
}

/* 10,000 subjects, more than two of the writer's batches (4,096) and a
 * trace larger than its buffer (8 MiB), so that batches made by several
 * threads come out in turn and whole blocks are written directly where
 * the file system allows. Subject i's only value is gdp = 7 i / n (ratio
 * rule, target 7, weight 50 of econ's 60, in performance's 60 of the
 * total): its total is 18 i / n plus what every subject gets alike
 * (routine and ratings are missing for all), a step of 0.0018 that
 * 4-decimal rounding keeps apart. So the ranking order is s09999 first
 * down to s00000, rank k for the k-th row, and trace line k is the
 * subject of row k. The files are the same whatever the thread count. */
static void test_results_many(void **state)
{
	struct fixture *fx = *state;
	enum { N = 10000 };
	struct buf subjects = BUF_INIT, values = BUF_INIT;
	buf_puts(&subjects, "id,name,category,unit,scheme,pool\n");
	buf_puts(&values, "subject,indicator,actual,target\n");
	for (int i = 0; i < N; i++) {
		buf_printf(&subjects, "s%05d,名%d,district,u1,base,\n", i, i);
		buf_printf(&values, "s%05d,gdp,%.6f,\n", i, 7.0 * i / N);
	}
	put(fx->dir, "subjects.csv", subjects.data);
	put(fx->dir, "values.csv", values.data);
	put(fx->dir, "ratings.csv", "component,subject,group,level\n");
	put(fx->dir, "routine.csv", "subject,period,rating\n");
	put(fx->dir, "caps.csv", "subject,grade,reason\n");
	buf_free(&subjects);
	buf_free(&values);
	const struct assess_input *in = load_ok(fx);
	struct assess_result *r = NULL;
	struct err e = ERR_INIT;
	assert_int_equal(assess_compute(in, 2, &r, &e), 0);

	char out[3][96];
	char *csv[3], *trace[3];
	size_t csv_len[3], trace_len[3];
	static const unsigned threads[3] = { 1, 2, 3 };
	for (int k = 0; k < 3; k++) {
		char path[512];
		snprintf(out[k], sizeof out[k], "%s/out%d", fx->dir, k);
		assert_int_equal(mkdir(out[k], 0700), 0);
		assert_int_equal(results_write(in, r, out[k], threads[k], &e), 0);
		snprintf(path, sizeof path, "%s/results.csv", out[k]);
		csv[k] = slurp(path, &csv_len[k]);
		snprintf(path, sizeof path, "%s/trace.jsonl", out[k]);
		trace[k] = slurp(path, &trace_len[k]);
	}
	assert_true(trace_len[0] > (8u << 20));
	for (int k = 1; k < 3; k++) {
		assert_int_equal(csv_len[k], csv_len[0]);
		assert_memory_equal(csv[k], csv[0], csv_len[0]);
		assert_int_equal(trace_len[k], trace_len[0]);
		assert_memory_equal(trace[k], trace[0], trace_len[0]);
	}

	char *row = strchr(csv[0], '\n') + 1, *line = trace[0];
	for (int k = 1; k <= N; k++) {
		char want[64];
		int id = N - k;
		snprintf(want, sizeof want, "s%05d,", id);
		assert_memory_equal(row, want, strlen(want));
		char *end = strchr(row, '\n');
		assert_non_null(end);
		/* total,rank,pool_rank,grade,cap,bonus: rank is 5 commas back */
		char *c = end;
		for (int commas = 0; commas < 5;)
			commas += *--c == ',';
		assert_int_equal(strtol(c + 1, NULL, 10), k);
		row = end + 1;
		snprintf(want, sizeof want, "{\"subject\":\"s%05d\"", id);
		assert_memory_equal(line, want, strlen(want));
		line = strchr(line, '\n');
		assert_non_null(line);
		line++;
	}
	assert_int_equal((size_t)(row - csv[0]), csv_len[0]);
	assert_int_equal((size_t)(line - trace[0]), trace_len[0]);
	for (int k = 0; k < 3; k++) {
		free(csv[k]);
		free(trace[k]);
	}
	assess_result_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quotes_and_lines),
		cmocka_unit_test(test_csv_positions),
		cmocka_unit_test(test_csv_refusals),
		cmocka_unit_test(test_csv_plain_lines),
		cmocka_unit_test(test_csv_split),
		cmocka_unit_test(test_csv_big_file),
		cmocka_unit_test(test_csv_numbers),
		cmocka_unit_test(test_intern),
#define WB(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
		WB(test_valid_cycle),
		WB(test_valid_schemes),
		WB(test_valid_subjects_values),
		WB(test_valid_ratings_and_rest),
		WB(test_one_thread),
		WB(test_crlf_and_bom),
		WB(test_gbk),
		WB(test_no_scheme_component),
		WB(test_bad_utf8),
		WB(test_bad_weights),
		WB(test_bad_weights_children),
		WB(test_bad_weights_patched),
		WB(test_bad_component_weights),
		WB(test_bad_group_weights),
		WB(test_unknown_ids),
		WB(test_unknown_grade_in_cycle),
		WB(test_duplicate_rows),
		WB(test_non_numeric),
		WB(test_ratio_target),
		WB(test_floor_equals_target),
		WB(test_missing_target),
		WB(test_own_targets),
		WB(test_adjustment_without_max),
		WB(test_extends_errors),
		WB(test_last_grade),
		WB(test_columns),
		WB(test_missing_files),
		WB(test_coefficient_decimals),
		WB(test_unknown_keys),
		WB(test_bad_json),
		WB(test_not_a_folder),
		WB(test_results_many),
#undef WB
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
