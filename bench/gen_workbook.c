/* gen_workbook: writes a synthetic assessment workbook (ASSESSMENT.md
 * section 2) for the benchmarks.
 *
 *   gen_workbook DIR SUBJECTS [SEED]
 *
 * DIR gets cycle.json, schemes/<id>.json, subjects.csv, values.csv,
 * ratings.csv, routine.csv, pools.csv and caps.csv. The cycle has three
 * components (a scheme 60, ratings 30 in three groups with trimming and a
 * red line, routine results 10), four grades with a 20% quota per pool,
 * routine caps and requirements, and a pool bonus. There are 8 schemes:
 * `base` (40 leaves under 5 groups, every rule kind and its lower-is-better
 * variant, a bonus, a deduction and a veto) and 7 that extend it (one of
 * them through another) with small patches. Subjects fall in 10
 * categories and pools of 80 to 120; each has a value for every leaf of
 * its scheme, 3-7 + 8-12 + 12-18 ratings (30 on average) and 4 routine
 * results.
 *
 * The output depends only on SUBJECTS and SEED: every random number comes
 * from a hash of the seed, the subject and what it is for, so the files
 * can be written in any order and by two threads. Standalone on purpose
 * (plain libc and pthreads, no kaohe code), so a bug in kaohe's reader
 * cannot hide in the generator too. Prints the row counts on stdout.
 *
 * Must not be used for anything but benchmarks: names and numbers are made
 * up. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define NCATEGORIES 10
#define MAX_SUBJECTS 9999999u /* ids are S + 7 digits */
#define POOL_MIN 80
#define POOL_MAX 120
#define UNIT_SIZE 20          /* subjects of a pool per unit */
#define MAX_LEAVES 64
#define MAX_ADJ 8
#define MAX_GROUPS 8

/* Grade minimums, chosen so that about a quarter of the subjects reach
 * the excellent minimum (the 20% quota then binds in most pools), a few
 * percent fall below competent and well under 1% below basic (see the
 * distribution in docs/benchmarks.md). */
#define GRADE_EXCELLENT "85"
#define GRADE_COMPETENT "66"
#define GRADE_BASIC "62"

/* --- random numbers: a hash of (seed, subject, purpose) ---------------- */

static uint64_t g_seed;

static uint64_t mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ull;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A uniform number in [0, 1) for subject s and purpose a, b. */
static double unif(uint64_t s, uint64_t a, uint64_t b)
{
	uint64_t h = mix64(g_seed ^ mix64(s * 0x100000001b3ull ^
					   mix64(a * 131 + b)));
	return (double)(h >> 11) * (1.0 / 9007199254740992.0);
}

enum { R_QUALITY = 1, R_TROUBLED, R_VALUE, R_TARGET, R_TARGET_AT, R_ADJ,
       R_ADJ_VALUE, R_NRATINGS, R_RATING, R_ROUTINE, R_POOL, R_SCHEME,
       R_NAME, R_CAP, R_AMOUNT };

static bool troubled_of(uint32_t s)
{
	return unif(s, R_TROUBLED, 0) < 0.01;
}

/* The subject's latent quality in [0, 1], bell-shaped around 0.5; 1% of
 * subjects are troubled (low quality, harsh ratings). */
static double quality(uint32_t s)
{
	double q = (unif(s, R_QUALITY, 0) + unif(s, R_QUALITY, 1) +
		    unif(s, R_QUALITY, 2)) / 3.0;
	return troubled_of(s) ? q * 0.5 : q;
}

/* --- output with a large buffer ---------------------------------------- */

struct out {
	FILE *f;
	const char *path;
	char *buf;
	size_t len, cap;
	uint64_t rows;
};

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("gen_workbook: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void out_open(struct out *o, const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	if (!path)
		die("out of memory");
	snprintf(path, n, "%s/%s", dir, name);
	o->f = fopen(path, "wb");
	if (!o->f)
		die("cannot write %s: %s", path, strerror(errno));
	o->path = path;
	o->cap = (size_t)8 << 20;
	o->buf = malloc(o->cap);
	if (!o->buf)
		die("out of memory");
	o->len = 0;
	o->rows = 0;
}

static void out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		die("cannot write %s: %s", o->path, strerror(errno));
	o->len = 0;
}

static void out_close(struct out *o)
{
	out_flush(o);
	if (fclose(o->f) != 0)
		die("cannot write %s: %s", o->path, strerror(errno));
	free(o->buf);
	free((char *)o->path);
}

/* Room for one more row (rows are far shorter than this). */
static inline void out_room(struct out *o)
{
	if (o->cap - o->len < 4096)
		out_flush(o);
}

static inline void out_mem(struct out *o, const char *s, size_t n)
{
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void out_str(struct out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

static inline void out_ch(struct out *o, char c)
{
	o->buf[o->len++] = c;
}

__attribute__((format(printf, 2, 3)))
static void out_fmt(struct out *o, const char *fmt, ...)
{
	va_list ap;
	out_room(o);
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->cap - o->len)
		die("row too long");
	o->len += (size_t)n;
}

static inline void out_uint(struct out *o, uint64_t v, int width)
{
	char t[24];
	int n = 0;
	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		t[n++] = '0';
	while (n)
		out_ch(o, t[--n]);
}

/* m / 10^dec with exactly dec decimals. */
static inline void out_fixed(struct out *o, int64_t m, int dec)
{
	static const int64_t p10[] = { 1, 10, 100, 1000, 10000 };
	if (m < 0) {
		out_ch(o, '-');
		m = -m;
	}
	out_uint(o, (uint64_t)(m / p10[dec]), 0);
	if (dec) {
		out_ch(o, '.');
		out_uint(o, (uint64_t)(m % p10[dec]), dec);
	}
}

static inline void out_sid(struct out *o, uint32_t s)
{
	out_ch(o, 'S');
	out_uint(o, (uint64_t)s + 1, 7);
}

/* --- the measures: what a value of each indicator id looks like -------- */

struct measure {
	const char *id, *name, *unit;
	double lo, hi;   /* range of values */
	bool lower;      /* less is better */
	int dec;         /* decimals written */
};

static const struct measure measures[] = {
	/* economy */
	{ "gdp_growth", "地区生产总值增长率", "%", 2, 10, false, 2 },
	{ "fiscal_revenue", "一般公共预算收入", "亿元", 5, 60, false, 2 },
	{ "investment_growth", "固定资产投资增长率", "%", -5, 15, false, 2 },
	{ "trade_growth", "进出口总额增长率", "%", -10, 20, false, 2 },
	{ "industry_output", "规模以上工业增加值增长率", "%", 0, 12, false, 2 },
	{ "service_share", "服务业增加值比重", "%", 30, 70, false, 1 },
	{ "retail_growth", "社会消费品零售总额增长率", "%", 0, 12, false, 2 },
	{ "unemployment_rate", "城镇调查失业率", "%", 3, 7, true, 2 },
	/* innovation */
	{ "rnd_intensity", "研发经费投入强度", "%", 0.5, 5, false, 2 },
	{ "patents", "每万人发明专利拥有量", "件", 2, 60, false, 1 },
	{ "hightech_firms", "高新技术企业数", "家", 5, 120, false, 0 },
	{ "digital_index", "数字化转型评价", "分", 50, 100, false, 1 },
	{ "tech_contracts", "技术合同成交额", "亿元", 0.5, 30, false, 2 },
	{ "talent_inflow", "人才净流入", "人", -500, 3000, false, 0 },
	{ "startup_count", "新增市场主体", "户", 100, 5000, false, 0 },
	{ "innovation_platforms", "新增创新平台", "个", 0, 20, false, 0 },
	/* livelihood */
	{ "income_growth", "居民人均可支配收入增长率", "%", 2, 9, false, 2 },
	{ "housing_cost", "房价收入比", NULL, 5, 25, true, 1 },
	{ "school_places", "新增学位", "个", 0, 4000, false, 0 },
	{ "hospital_wait", "平均就诊等候时间", "分钟", 10, 80, true, 0 },
	{ "pension_coverage", "养老保险参保率", "%", 85, 100, false, 1 },
	{ "complaints", "信访投诉量", "件", 0, 500, true, 0 },
	{ "safety_incidents", "生产安全事故", "起", 0, 6, true, 0 },
	{ "satisfaction", "群众满意度", "分", 60, 100, false, 1 },
	/* ecology */
	{ "pm25", "细颗粒物平均浓度", "微克/立方米", 15, 60, true, 0 },
	{ "water_quality", "地表水优良水体比例", "%", 60, 100, false, 1 },
	{ "energy_intensity", "单位生产总值能耗", "吨标准煤/万元", 0.2, 0.9,
	  true, 3 },
	{ "green_coverage", "建成区绿化覆盖率", "%", 30, 50, false, 1 },
	{ "emissions", "主要污染物排放量", "吨", 100, 2000, true, 0 },
	{ "waste_recycling", "生活垃圾回收利用率", "%", 20, 60, false, 1 },
	{ "env_inspection", "环保督察整改", "分", 55, 100, false, 1 },
	{ "land_efficiency", "亩均税收", "万元", 5, 60, false, 1 },
	/* party */
	{ "party_building", "基层党建", "分", 60, 100, false, 1 },
	{ "integrity", "党风廉政建设", "分", 65, 100, false, 1 },
	{ "cadre_training", "干部教育培训完成率", "%", 70, 100, false, 1 },
	{ "grassroots", "基层治理评价", "分", 40, 100, false, 1 },
	{ "discipline_cases", "违纪违法案件", "起", 0, 10, true, 0 },
	{ "ideology", "意识形态工作", "分", 60, 100, false, 1 },
	{ "org_growth", "发展党员计划完成率", "%", 60, 110, false, 1 },
	{ "policy_implementation", "重大决策部署落实", "分", 60, 100, false,
	  1 },
	/* only in schemes that extend base */
	{ "green_industry", "绿色产业增加值", "亿元", 0, 80, false, 2 },
	{ "rural_income", "农村居民人均可支配收入增长率", "%", 3, 10, false,
	  2 },
	{ "foreign_capital", "实际使用外资", "亿美元", 0.5, 12, false, 2 },
};
#define NMEASURES (sizeof measures / sizeof measures[0])

static uint32_t measure_index(const char *id)
{
	for (uint32_t i = 0; i < NMEASURES; i++)
		if (!strcmp(measures[i].id, id))
			return i;
	die("no measure '%s'", id);
	return 0;
}

/* --- schemes: a base and patches, resolved here as kaohe must ---------- */

struct leafdef {
	const char *id;
	int weight;
	const char *rule; /* JSON */
};

struct groupdef {
	const char *id, *name;
	int weight;
	struct leafdef leaves[8];
};

static const struct groupdef base_groups[] = {
	{ "economy", "经济发展", 25, {
	  { "gdp_growth", 15, "{\"kind\": \"ratio\", \"target\": 6.5, \"cap\": 1.2}" },
	  { "fiscal_revenue", 15, "{\"kind\": \"ratio\", \"target\": 40, \"cap\": 1.1}" },
	  { "investment_growth", 15, "{\"kind\": \"linear\", \"floor\": -2, \"target\": 10}" },
	  { "trade_growth", 10, "{\"kind\": \"rank\", \"step\": 0.05, \"min\": 0.6}" },
	  { "industry_output", 10, "{\"kind\": \"rank\"}" },
	  { "service_share", 10, "{\"kind\": \"linear\", \"floor\": 35, \"target\": 55}" },
	  { "retail_growth", 15, "{\"kind\": \"step\", \"target\": 6, \"per_unit\": 0.04, \"cap\": 1.2}" },
	  { "unemployment_rate", 10, "{\"kind\": \"ratio\", \"better\": \"lower\", \"target\": 5, \"cap\": 1.1}" } } },
	{ "innovation", "创新驱动", 20, {
	  { "rnd_intensity", 15, "{\"kind\": \"relative\"}" },
	  { "patents", 10, "{\"kind\": \"relative\", \"cap\": 1}" },
	  { "hightech_firms", 15, "{\"kind\": \"threshold\", \"target\": 40}" },
	  { "digital_index", 10, "{\"kind\": \"score\"}" },
	  { "tech_contracts", 15, "{\"kind\": \"step\", \"target\": 10, \"per_unit\": 0.03, \"at_target\": 0.9, \"cap\": 1.2}" },
	  { "talent_inflow", 10, "{\"kind\": \"rank\", \"min\": 0.5}" },
	  { "startup_count", 15, "{\"kind\": \"linear\", \"floor\": 500, \"target\": 3000, \"cap\": 1.1}" },
	  { "innovation_platforms", 10, "{\"kind\": \"threshold\", \"target\": 5}" } } },
	{ "livelihood", "民生保障", 20, {
	  { "income_growth", 15, "{\"kind\": \"ratio\", \"target\": 6, \"cap\": 1.2}" },
	  { "housing_cost", 10, "{\"kind\": \"relative\", \"better\": \"lower\"}" },
	  { "school_places", 10, "{\"kind\": \"linear\", \"floor\": 0, \"target\": 2000, \"cap\": 1.2}" },
	  { "hospital_wait", 10, "{\"kind\": \"linear\", \"better\": \"lower\", \"floor\": 90, \"target\": 20}" },
	  { "pension_coverage", 15, "{\"kind\": \"threshold\", \"target\": 95}" },
	  { "complaints", 10, "{\"kind\": \"rank\", \"better\": \"lower\"}" },
	  { "safety_incidents", 15, "{\"kind\": \"threshold\", \"better\": \"lower\", \"target\": 2}" },
	  { "satisfaction", 15, "{\"kind\": \"score\"}" } } },
	{ "ecology", "生态环境", 20, {
	  { "pm25", 15, "{\"kind\": \"step\", \"better\": \"lower\", \"target\": 35, \"per_unit\": -0.02, \"cap\": 1.2}" },
	  { "water_quality", 15, "{\"kind\": \"threshold\", \"target\": 80}" },
	  { "energy_intensity", 15, "{\"kind\": \"ratio\", \"better\": \"lower\", \"target\": 0.5, \"cap\": 1.2}" },
	  { "green_coverage", 10, "{\"kind\": \"linear\", \"floor\": 32, \"target\": 42}" },
	  { "emissions", 10, "{\"kind\": \"rank\", \"better\": \"lower\", \"step\": 0.02, \"min\": 0.5}" },
	  { "waste_recycling", 10, "{\"kind\": \"relative\"}" },
	  { "env_inspection", 15, "{\"kind\": \"score\"}" },
	  { "land_efficiency", 10, "{\"kind\": \"ratio\", \"target\": 30, \"cap\": 1.1}" } } },
	{ "party", "党的建设", 15, {
	  { "party_building", 15, "{\"kind\": \"score\"}" },
	  { "integrity", 15, "{\"kind\": \"score\"}" },
	  { "cadre_training", 10, "{\"kind\": \"threshold\", \"target\": 90}" },
	  { "grassroots", 10, "{\"kind\": \"linear\", \"floor\": 40, \"target\": 90}" },
	  { "discipline_cases", 10, "{\"kind\": \"step\", \"better\": \"lower\", \"target\": 2, \"per_unit\": -0.1, \"cap\": 1.1}" },
	  { "ideology", 15, "{\"kind\": \"score\"}" },
	  { "org_growth", 10, "{\"kind\": \"ratio\", \"target\": 100, \"cap\": 1.05}" },
	  { "policy_implementation", 15, "{\"kind\": \"rank\", \"min\": 0.5}" } } },
};
#define NBASE_GROUPS (sizeof base_groups / sizeof base_groups[0])

enum adj_kind { ADJ_BONUS, ADJ_DEDUCTION, ADJ_VETO };

struct adjdef {
	const char *id, *json; /* json: the whole object */
	enum adj_kind kind;
};

static const struct adjdef base_adjustments[] = {
	{ "honours", "{\"id\": \"honours\", \"name\": \"获得表彰\", \"kind\": \"bonus\", \"max\": 3}", ADJ_BONUS },
	{ "late_report", "{\"id\": \"late_report\", \"name\": \"迟报瞒报\", \"kind\": \"deduction\", \"max\": 5}", ADJ_DEDUCTION },
	{ "major_accident", "{\"id\": \"major_accident\", \"name\": \"重大安全事故\", \"kind\": \"veto\"}", ADJ_VETO },
};

enum op { OP_END, OP_WEIGHT, OP_RULE, OP_REMOVE, OP_ADD, OP_CHILDREN,
	  OP_NAME, OP_ADJ, OP_ADJ_REMOVE };

struct patch {
	enum op op;
	const char *id;
	int weight;             /* OP_WEIGHT, OP_ADD */
	const char *text;       /* OP_RULE, OP_ADD: the rule; OP_NAME: the
				   name (with a weight too); OP_ADJ: the
				   adjustment's JSON */
	const char *parent;     /* OP_ADD */
	const struct leafdef *children; /* OP_CHILDREN, ending with id NULL */
	enum adj_kind kind;     /* OP_ADJ */
};

static const struct leafdef rural_livelihood[] = {
	{ "income_growth", 20, "{\"kind\": \"ratio\", \"target\": 6, \"cap\": 1.2}" },
	{ "rural_income", 15, "{\"kind\": \"step\", \"target\": 6.5, \"per_unit\": 0.05, \"cap\": 1.15}" },
	{ "school_places", 10, "{\"kind\": \"linear\", \"floor\": 0, \"target\": 1500, \"cap\": 1.2}" },
	{ "hospital_wait", 10, "{\"kind\": \"linear\", \"better\": \"lower\", \"floor\": 90, \"target\": 30}" },
	{ "pension_coverage", 15, "{\"kind\": \"threshold\", \"target\": 93}" },
	{ "complaints", 10, "{\"kind\": \"rank\", \"better\": \"lower\", \"step\": 0.01}" },
	{ "safety_incidents", 10, "{\"kind\": \"threshold\", \"better\": \"lower\", \"target\": 2}" },
	{ "satisfaction", 10, "{\"kind\": \"score\"}" },
	{ NULL, 0, NULL },
};

struct schemedef {
	const char *id, *name, *extends;
	struct patch patches[8];
};

#define P_WEIGHT(i, w) { .op = OP_WEIGHT, .id = i, .weight = w }
#define P_RULE(i, r) { .op = OP_RULE, .id = i, .text = r }
#define P_RENAME(i, n, w) { .op = OP_NAME, .id = i, .text = n, .weight = w }
#define P_REMOVE(i) { .op = OP_REMOVE, .id = i }
#define P_ADD(i, w, p, r) { .op = OP_ADD, .id = i, .weight = w, .parent = p, \
			    .text = r }
#define P_CHILDREN(i, c) { .op = OP_CHILDREN, .id = i, .children = c }
#define P_ADJ(i, k, j) { .op = OP_ADJ, .id = i, .text = j, .kind = k }
#define P_ADJ_REMOVE(i) { .op = OP_ADJ_REMOVE, .id = i }
#define P_END { .op = OP_END }

static const struct schemedef scheme_defs[] = {
	{ "base", "区县 2026 实绩考核（基础体系）", NULL, { P_END } },
	{ "port", "港区 2026 实绩考核", "base", {
	  P_WEIGHT("economy", 30),
	  P_WEIGHT("ecology", 15),
	  P_END } },
	{ "tech", "高新区 2026 实绩考核", "base", {
	  P_RULE("rnd_intensity",
	    "{\"kind\": \"ratio\", \"target\": 3.5, \"cap\": 1.3}"),
	  P_WEIGHT("patents", 15),
	  P_WEIGHT("innovation_platforms", 5),
	  P_END } },
	{ "eco", "生态功能区 2026 实绩考核", "base", {
	  P_REMOVE("fiscal_revenue"),
	  P_ADD("green_industry", 15, "economy",
	    "{\"kind\": \"linear\", \"floor\": 0, \"target\": 50, \"cap\": 1.2}"),
	  P_WEIGHT("pm25", 20),
	  P_WEIGHT("land_efficiency", 5),
	  P_END } },
	{ "rural", "涉农街镇 2026 实绩考核", "base", {
	  P_CHILDREN("livelihood", rural_livelihood),
	  P_END } },
	{ "oldtown", "老城区 2026 实绩考核", "base", {
	  P_WEIGHT("investment_growth", 10),
	  P_WEIGHT("unemployment_rate", 15),
	  P_RULE("hospital_wait",
	    "{\"kind\": \"threshold\", \"better\": \"lower\", \"target\": 30}"),
	  P_END } },
	{ "newcity", "新城 2026 实绩考核", "base", {
	  P_RULE("startup_count",
	    "{\"kind\": \"relative\", \"cap\": 1}"),
	  P_ADJ("late_report", ADJ_DEDUCTION,
	    "{\"id\": \"late_report\", \"name\": \"迟报瞒报\", \"kind\": \"deduction\", \"max\": 3}"),
	  P_ADJ("petition_incident", ADJ_VETO,
	    "{\"id\": \"petition_incident\", \"name\": \"重大群体性事件\", \"kind\": \"veto\", \"cap\": \"basic\"}"),
	  P_ADJ("special_task", ADJ_BONUS,
	    "{\"id\": \"special_task\", \"name\": \"专项任务加分\", \"kind\": \"bonus\", \"max\": 2}"),
	  P_END } },
	{ "bonded", "保税区 2026 实绩考核", "port", {
	  P_RENAME("economy", "经济发展与对外开放", 35),
	  P_WEIGHT("party", 10),
	  P_REMOVE("talent_inflow"),
	  P_ADD("foreign_capital", 10, "innovation",
	    "{\"kind\": \"ratio\", \"target\": 5, \"cap\": 1.2}"),
	  P_ADJ_REMOVE("honours"),
	  P_END } },
};
#define NSCHEMES (sizeof scheme_defs / sizeof scheme_defs[0])

/* A resolved scheme: what the generator needs to write values. */
struct rleaf {
	const char *id;
	int weight;
	const char *rule;
	uint32_t measure;
	bool ratio;          /* gets an occasional target in values.csv */
	double target;       /* the rule's target, when ratio */
};

struct rgroup {
	const char *id, *name;
	int weight;
	struct rleaf leaves[12];
	int nleaves;
};

struct rscheme {
	struct rgroup groups[MAX_GROUPS];
	int ngroups;
	struct adjdef adj[MAX_ADJ];
	int nadj;
	/* flat, in pre-order: what values.csv has per subject */
	struct rleaf *flat[MAX_LEAVES];
	int nflat;
};

static struct rscheme schemes[NSCHEMES];

static uint32_t scheme_index(const char *id)
{
	for (uint32_t i = 0; i < NSCHEMES; i++)
		if (!strcmp(scheme_defs[i].id, id))
			return i;
	die("no scheme '%s'", id);
	return 0;
}

static void rleaf_set(struct rleaf *l, const char *id, int weight,
		      const char *rule)
{
	l->id = id;
	l->weight = weight;
	l->rule = rule;
	l->measure = measure_index(id);
	l->ratio = strstr(rule, "\"ratio\"") != NULL;
	const char *t = strstr(rule, "\"target\": ");
	l->target = t ? atof(t + 10) : 0;
}

static struct rgroup *find_group(struct rscheme *r, const char *id)
{
	for (int g = 0; g < r->ngroups; g++)
		if (!strcmp(r->groups[g].id, id))
			return &r->groups[g];
	return NULL;
}

static struct rleaf *find_leaf(struct rscheme *r, const char *id, int *gi,
			       int *li)
{
	for (int g = 0; g < r->ngroups; g++)
		for (int l = 0; l < r->groups[g].nleaves; l++)
			if (!strcmp(r->groups[g].leaves[l].id, id)) {
				*gi = g;
				*li = l;
				return &r->groups[g].leaves[l];
			}
	return NULL;
}

static void apply_adj(struct rscheme *r, const struct patch *p)
{
	for (int a = 0; a < r->nadj; a++)
		if (!strcmp(r->adj[a].id, p->id)) {
			if (p->op == OP_ADJ_REMOVE) {
				memmove(&r->adj[a], &r->adj[a + 1],
					(size_t)(r->nadj - a - 1) *
						sizeof r->adj[0]);
				r->nadj--;
			} else {
				r->adj[a].json = p->text;
				r->adj[a].kind = p->kind;
			}
			return;
		}
	if (p->op == OP_ADJ_REMOVE || r->nadj == MAX_ADJ)
		die("bad adjustment patch '%s'", p->id);
	r->adj[r->nadj++] = (struct adjdef){ p->id, p->text, p->kind };
}

static void apply_patch(struct rscheme *r, const struct patch *p)
{
	struct rgroup *g = find_group(r, p->id);
	int gi, li;
	struct rleaf *l = g ? NULL : find_leaf(r, p->id, &gi, &li);
	switch (p->op) {
	case OP_WEIGHT:
		if (g)
			g->weight = p->weight;
		else if (l)
			l->weight = p->weight;
		else
			die("no node '%s'", p->id);
		break;
	case OP_RULE:
		if (!l)
			die("no leaf '%s'", p->id);
		rleaf_set(l, l->id, l->weight, p->text);
		break;
	case OP_NAME:
		if (!g)
			die("no group '%s'", p->id);
		g->name = p->text;
		g->weight = p->weight;
		break;
	case OP_REMOVE: {
		if (!l)
			die("no leaf '%s'", p->id);
		struct rgroup *pg = &r->groups[gi];
		memmove(&pg->leaves[li], &pg->leaves[li + 1],
			(size_t)(pg->nleaves - li - 1) * sizeof pg->leaves[0]);
		pg->nleaves--;
		break;
	}
	case OP_ADD: {
		struct rgroup *pg = find_group(r, p->parent);
		if (g || l || !pg || pg->nleaves == 12)
			die("bad addition '%s'", p->id);
		rleaf_set(&pg->leaves[pg->nleaves++], p->id, p->weight,
			  p->text);
		break;
	}
	case OP_CHILDREN:
		if (!g)
			die("no group '%s'", p->id);
		g->nleaves = 0;
		for (const struct leafdef *c = p->children; c->id; c++)
			rleaf_set(&g->leaves[g->nleaves++], c->id, c->weight,
				  c->rule);
		break;
	case OP_ADJ:
	case OP_ADJ_REMOVE:
		apply_adj(r, p);
		break;
	case OP_END:
		break;
	}
}

static void resolve_scheme(uint32_t k)
{
	const struct schemedef *d = &scheme_defs[k];
	struct rscheme *r = &schemes[k];
	if (d->extends) {
		uint32_t b = scheme_index(d->extends);
		if (b >= k)
			die("scheme '%s' must come after its base", d->id);
		*r = schemes[b];
	} else {
		r->ngroups = (int)NBASE_GROUPS;
		for (size_t g = 0; g < NBASE_GROUPS; g++) {
			struct rgroup *rg = &r->groups[g];
			rg->id = base_groups[g].id;
			rg->name = base_groups[g].name;
			rg->weight = base_groups[g].weight;
			rg->nleaves = 8;
			for (int l = 0; l < 8; l++)
				rleaf_set(&rg->leaves[l],
					  base_groups[g].leaves[l].id,
					  base_groups[g].leaves[l].weight,
					  base_groups[g].leaves[l].rule);
		}
		r->nadj = (int)(sizeof base_adjustments /
				sizeof base_adjustments[0]);
		memcpy(r->adj, base_adjustments, sizeof base_adjustments);
	}
	for (const struct patch *p = d->patches; p->op != OP_END; p++)
		apply_patch(r, p);
	/* The same checks kaohe makes: siblings sum to 100. */
	int top = 0;
	r->nflat = 0;
	for (int g = 0; g < r->ngroups; g++) {
		int sum = 0;
		top += r->groups[g].weight;
		for (int l = 0; l < r->groups[g].nleaves; l++) {
			sum += r->groups[g].leaves[l].weight;
			r->flat[r->nflat++] = &r->groups[g].leaves[l];
		}
		if (sum != 100)
			die("scheme '%s' group '%s' sums to %d", d->id,
			    r->groups[g].id, sum);
	}
	if (top != 100)
		die("scheme '%s' sums to %d at the top", d->id, top);
}

/* --- the small files: cycle.json and the schemes ----------------------- */

static const char cycle_json[] =
"{\n"
"  \"id\": \"bench-2026\",\n"
"  \"name\": \"基准测试 2026 年度考核\",\n"
"  \"kind\": \"annual\",\n"
"  \"components\": [\n"
"    { \"id\": \"performance\", \"name\": \"实绩考核\", \"weight\": 60, \"kind\": \"scheme\" },\n"
"    { \"id\": \"evaluation\", \"name\": \"民主测评\", \"weight\": 30, \"kind\": \"ratings\",\n"
"      \"scale\": { \"excellent\": 100, \"competent\": 80, \"basic\": 60, \"incompetent\": 40 },\n"
"      \"abstain\": \"drop\",\n"
"      \"groups\": [ { \"id\": \"leaders\", \"weight\": 30 }, { \"id\": \"peers\", \"weight\": 30 },\n"
"                  { \"id\": \"staff\", \"weight\": 40 } ],\n"
"      \"trim\": { \"above\": 5, \"drop\": 1 },\n"
"      \"red_line\": { \"levels\": [\"basic\", \"incompetent\"], \"more_than\": [1, 3], \"cap\": \"basic\" } },\n"
"    { \"id\": \"routine\", \"name\": \"平时考核\", \"weight\": 10, \"kind\": \"routine\",\n"
"      \"scale\": { \"good\": 100, \"fair\": 85, \"average\": 70, \"poor\": 50 } } ],\n"
"  \"grades\": [\n"
"    { \"id\": \"excellent\", \"name\": \"优秀\", \"min\": " GRADE_EXCELLENT ",\n"
"      \"quota\": { \"share\": 0.2, \"rounding\": \"floor\" } },\n"
"    { \"id\": \"competent\", \"name\": \"称职\", \"min\": " GRADE_COMPETENT " },\n"
"    { \"id\": \"basic\", \"name\": \"基本称职\", \"min\": " GRADE_BASIC " },\n"
"    { \"id\": \"incompetent\", \"name\": \"不称职\" } ],\n"
"  \"routine\": {\n"
"    \"caps\": [ { \"at_or_below\": \"average\", \"count\": 1, \"cap\": \"competent\" },\n"
"              { \"at_or_below\": \"poor\", \"count\": 2, \"cap\": \"basic\" } ],\n"
"    \"requires\": [ { \"grade\": \"excellent\", \"at_or_above\": \"good\", \"count\": 2 },\n"
"                  { \"grade\": \"competent\", \"at_or_above\": \"average\", \"count\": 2 } ] },\n"
"  \"bonus\": { \"mode\": \"pool\",\n"
"             \"coefficients\": { \"excellent\": 1.5, \"competent\": 1.0, \"basic\": 0.5, \"incompetent\": 0 } }\n"
"}\n";

static void write_text(const char *dir, const char *name, const char *text)
{
	struct out o;
	out_open(&o, dir, name);
	out_str(&o, text);
	out_close(&o);
}

static void write_leaf_json(struct out *o, const char *indent,
			    const char *id, int weight, const char *parent,
			    const char *rule)
{
	const struct measure *m = &measures[measure_index(id)];
	out_fmt(o, "%s{ \"id\": \"%s\", \"name\": \"%s\", ", indent, id,
		m->name);
	if (parent)
		out_fmt(o, "\"parent\": \"%s\", ", parent);
	out_fmt(o, "\"weight\": %d, ", weight);
	if (m->unit)
		out_fmt(o, "\"unit\": \"%s\", ", m->unit);
	out_fmt(o, "\"rule\": %s }", rule);
}

static void write_base_scheme(struct out *o)
{
	out_fmt(o, "  \"indicators\": [\n");
	for (size_t g = 0; g < NBASE_GROUPS; g++) {
		const struct groupdef *gd = &base_groups[g];
		out_fmt(o, "    { \"id\": \"%s\", \"name\": \"%s\", "
			"\"weight\": %d, \"children\": [\n", gd->id, gd->name,
			gd->weight);
		for (int l = 0; l < 8; l++) {
			write_leaf_json(o, "      ", gd->leaves[l].id,
					gd->leaves[l].weight, NULL,
					gd->leaves[l].rule);
			out_fmt(o, "%s\n", l < 7 ? "," : " ] }");
		}
		o->len--;
		out_fmt(o, "%s", g + 1 < NBASE_GROUPS ? ",\n" : "\n  ],\n");
	}
	out_fmt(o, "  \"adjustments\": [\n");
	size_t na = sizeof base_adjustments / sizeof base_adjustments[0];
	for (size_t a = 0; a < na; a++)
		out_fmt(o, "    %s%s\n", base_adjustments[a].json,
			a + 1 < na ? "," : " ]");
}

static void write_patch_json(struct out *o, const struct patch *p)
{
	switch (p->op) {
	case OP_WEIGHT:
		out_fmt(o, "    { \"id\": \"%s\", \"weight\": %d }", p->id,
			p->weight);
		break;
	case OP_RULE:
		out_fmt(o, "    { \"id\": \"%s\", \"rule\": %s }", p->id,
			p->text);
		break;
	case OP_NAME:
		out_fmt(o, "    { \"id\": \"%s\", \"name\": \"%s\", "
			"\"weight\": %d }", p->id, p->text, p->weight);
		break;
	case OP_REMOVE:
	case OP_ADJ_REMOVE:
		out_fmt(o, "    { \"id\": \"%s\", \"remove\": true }", p->id);
		break;
	case OP_ADD:
		write_leaf_json(o, "    ", p->id, p->weight, p->parent,
				p->text);
		break;
	case OP_CHILDREN:
		out_fmt(o, "    { \"id\": \"%s\", \"children\": [\n", p->id);
		for (const struct leafdef *c = p->children; c->id; c++) {
			write_leaf_json(o, "      ", c->id, c->weight, NULL,
					c->rule);
			out_fmt(o, "%s\n", c[1].id ? "," : " ] }");
		}
		o->len--; /* the newline: the caller ends the line */
		break;
	case OP_ADJ:
		out_fmt(o, "    %s", p->text);
		break;
	case OP_END:
		break;
	}
}

static void write_patches(struct out *o, const struct schemedef *d, bool adj)
{
	bool first = true;
	for (const struct patch *p = d->patches; p->op != OP_END; p++) {
		if ((p->op == OP_ADJ || p->op == OP_ADJ_REMOVE) != adj)
			continue;
		if (!first)
			out_fmt(o, ",\n");
		first = false;
		write_patch_json(o, p);
	}
	out_fmt(o, "%s", first ? "" : "\n");
}

static void write_schemes(const char *dir)
{
	size_t n = strlen(dir) + 16;
	char *sdir = malloc(n);
	if (!sdir)
		die("out of memory");
	snprintf(sdir, n, "%s/schemes", dir);
	if (mkdir(sdir, 0777) != 0 && errno != EEXIST)
		die("cannot create %s: %s", sdir, strerror(errno));
	for (size_t k = 0; k < NSCHEMES; k++) {
		const struct schemedef *d = &scheme_defs[k];
		char name[64];
		snprintf(name, sizeof name, "%s.json", d->id);
		struct out o;
		out_open(&o, sdir, name);
		out_fmt(&o, "{\n  \"id\": \"%s\",\n  \"name\": \"%s\",\n",
			d->id, d->name);
		if (!d->extends) {
			write_base_scheme(&o);
		} else {
			out_fmt(&o, "  \"extends\": \"%s\",\n", d->extends);
			out_fmt(&o, "  \"indicators\": [\n");
			write_patches(&o, d, false);
			out_fmt(&o, "  ],\n  \"adjustments\": [\n");
			write_patches(&o, d, true);
			out_fmt(&o, "  ]\n");
		}
		out_fmt(&o, "}\n");
		out_close(&o);
	}
	free(sdir);
}

/* --- subjects, categories, pools, units -------------------------------- */

/* Subject s is in category s % 10, at place s / 10 within it. Each
 * category is cut into pools of 80 to 120 consecutive places; a unit is
 * 20 consecutive subjects of a pool. */
struct pool {
	uint32_t category, number; /* number within the category, from 1 */
	uint32_t first, end;       /* places within the category */
};

static uint32_t g_nsubjects;
static struct pool *g_pools;
static uint32_t g_npools;
static uint32_t *g_pool_of;  /* per subject */

static void make_pools(void)
{
	uint32_t cap = g_nsubjects / POOL_MIN + NCATEGORIES + 1;
	g_pools = calloc(cap, sizeof *g_pools);
	g_pool_of = malloc((size_t)g_nsubjects * sizeof *g_pool_of);
	if (!g_pools || !g_pool_of)
		die("out of memory");
	for (uint32_t c = 0; c < NCATEGORIES; c++) {
		uint32_t places = g_nsubjects / NCATEGORIES +
				  (c < g_nsubjects % NCATEGORIES);
		uint32_t at = 0, number = 1;
		while (at < places) {
			uint32_t size = POOL_MIN + (uint32_t)(unif(c, R_POOL,
					number) * (POOL_MAX - POOL_MIN + 1));
			/* a short tail joins the last pool */
			if (places - at < size + POOL_MIN)
				size = places - at;
			g_pools[g_npools] = (struct pool){ c, number, at,
							   at + size };
			for (uint32_t k = at; k < at + size; k++)
				g_pool_of[k * NCATEGORIES + c] = g_npools;
			g_npools++;
			at += size;
			number++;
		}
	}
}

static inline uint32_t subject_of(const struct pool *p, uint32_t place)
{
	return place * NCATEGORIES + p->category;
}

static void out_pool_id(struct out *o, const struct pool *p)
{
	out_ch(o, 'c');
	out_uint(o, p->category + 1, 2);
	out_str(o, "-p");
	out_uint(o, p->number, 4);
}

/* The scheme of a subject: chosen per unit, so a category mixes all. */
static uint32_t scheme_of(const struct pool *p, uint32_t place)
{
	uint32_t unit = (place - p->first) / UNIT_SIZE;
	return (uint32_t)(unif(p->category * 100000u + p->number, R_SCHEME,
			       unit) * NSCHEMES);
}

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
	"郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
	"欧阳", "司马",
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
	"勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
	"刚", "桂英", "建国", "海燕", "志强", "晓东", "文", "斌", "宇", "鑫",
	"晨", "博",
};

static void write_subjects(const char *dir, uint64_t *rows)
{
	struct out o;
	out_open(&o, dir, "subjects.csv");
	out_str(&o, "id,name,category,unit,scheme,pool\n");
	for (uint32_t s = 0; s < g_nsubjects; s++) {
		uint32_t c = s % NCATEGORIES, place = s / NCATEGORIES;
		const struct pool *p = &g_pools[g_pool_of[s]];
		out_room(&o);
		out_sid(&o, s);
		out_ch(&o, ',');
		out_str(&o, surnames[(size_t)(unif(s, R_NAME, 0) * 32)]);
		out_str(&o, given[(size_t)(unif(s, R_NAME, 1) * 32)]);
		if (unif(s, R_NAME, 2) < 0.5)
			out_str(&o, given[(size_t)(unif(s, R_NAME, 3) * 32)]);
		out_str(&o, ",c");
		out_uint(&o, c + 1, 2);
		out_ch(&o, ',');
		out_pool_id(&o, p);
		out_str(&o, "-u");
		out_uint(&o, (place - p->first) / UNIT_SIZE + 1, 0);
		out_ch(&o, ',');
		out_str(&o, scheme_defs[scheme_of(p, place)].id);
		out_ch(&o, ',');
		out_pool_id(&o, p);
		out_ch(&o, '\n');
	}
	*rows = g_nsubjects;
	out_close(&o);
}

/* --- values.csv -------------------------------------------------------- */

/* The value of measure m for subject s in category c, scaled by 10^dec. */
static int64_t value_of(uint32_t s, uint32_t c, double q, uint32_t m)
{
	static const double p10[] = { 1, 10, 100, 1000, 10000 };
	const struct measure *me = &measures[m];
	double x = 0.55 * q + 0.45 * unif(s, R_VALUE, m) +
		   0.01 * ((double)c - 4.5);
	x = x < 0 ? 0 : x > 1 ? 1 : x;
	if (me->lower)
		x = 1 - x;
	double v = me->lo + (me->hi - me->lo) * x;
	double sc = v * p10[me->dec];
	return (int64_t)(sc < 0 ? sc - 0.5 : sc + 0.5);
}

struct values_job {
	const char *dir;
	uint64_t rows;
};

static void write_adjustment(struct out *o, uint32_t s,
			     const struct adjdef *a, uint32_t k)
{
	double u = unif(s, R_ADJ, k);
	double w = unif(s, R_ADJ_VALUE, k);
	int64_t m; /* value x 10 */
	switch (a->kind) {
	case ADJ_BONUS:   /* 4% have one, some above the max */
		if (u >= 0.04)
			return;
		m = 5 + (int64_t)(w * 36);
		break;
	case ADJ_DEDUCTION: /* 3% */
		if (u >= 0.03)
			return;
		m = 5 + (int64_t)(w * 56);
		break;
	default:          /* 0.2% triggered, 0.3% a row saying 0 */
		if (u >= 0.005)
			return;
		m = u < 0.002 ? 10 : 0;
		break;
	}
	out_sid(o, s);
	out_ch(o, ',');
	out_str(o, a->id);
	out_ch(o, ',');
	out_fixed(o, m, 1);
	out_str(o, ",\n");
	o->rows++;
}

/* One row per leaf of the subject's scheme, then its adjustments. */
static void write_subject_values(struct out *o, uint32_t s)
{
	const struct pool *p = &g_pools[g_pool_of[s]];
	const struct rscheme *r = &schemes[scheme_of(p, s / NCATEGORIES)];
	double q = quality(s);
	for (int l = 0; l < r->nflat; l++) {
		const struct rleaf *lf = r->flat[l];
		const struct measure *m = &measures[lf->measure];
		out_room(o);
		out_sid(o, s);
		out_ch(o, ',');
		out_str(o, lf->id);
		out_ch(o, ',');
		out_fixed(o, value_of(s, p->category, q, lf->measure), m->dec);
		out_ch(o, ',');
		/* 1% of ratio values carry their own target */
		if (lf->ratio && unif(s, R_TARGET, lf->measure) < 0.01) {
			double t = lf->target *
				   (0.8 + 0.4 * unif(s, R_TARGET_AT, lf->measure));
			out_fixed(o, (int64_t)(t * 100 + 0.5), 2);
		}
		out_ch(o, '\n');
	}
	o->rows += (uint64_t)r->nflat;
	for (int a = 0; a < r->nadj; a++) {
		out_room(o);
		write_adjustment(o, s, &r->adj[a], (uint32_t)a);
	}
}

static void *write_values(void *arg)
{
	struct values_job *job = arg;
	struct out o;
	out_open(&o, job->dir, "values.csv");
	out_str(&o, "subject,indicator,actual,target\n");
	for (uint32_t s = 0; s < g_nsubjects; s++)
		write_subject_values(&o, s);
	job->rows = o.rows;
	out_close(&o);
	return NULL;
}

/* --- ratings.csv ------------------------------------------------------- */

static const char *const groups[] = { "leaders", "peers", "staff" };
static const uint32_t nmin[] = { 3, 8, 12 }, nspan[] = { 5, 5, 7 };

static uint32_t nratings(uint32_t s, uint32_t g)
{
	return nmin[g] + (uint32_t)(unif(s, R_NRATINGS, g) * nspan[g]);
}

/* One ballot: excellent, competent, basic, incompetent or abstain. */
static const char *ballot(uint32_t s, double q, bool bad, uint32_t g,
			  uint32_t k)
{
	double u = unif(s, R_RATING, g * 64 + k);
	double pa = 0.015;
	double pe = 0.10 + 0.70 * q + (g == 0 ? -0.05 : g == 2 ? 0.05 : 0);
	double pb = bad ? 0.30 : 0.10 * (1 - q) + 0.01;
	double pi = bad ? 0.10 : 0.03 * (1 - q) + 0.002;
	if (u < pa)
		return "abstain";
	if ((u -= pa) < pi)
		return "incompetent";
	if ((u -= pi) < pb)
		return "basic";
	if ((u -= pb) < pe)
		return "excellent";
	return "competent";
}

/* Rows come pool by pool, and in a pool ballot by ballot (each rater
 * marks every subject of the pool), as a count of paper ballots would
 * be typed in. */
static void *write_ratings(void *arg)
{
	struct values_job *job = arg;
	struct out o;
	out_open(&o, job->dir, "ratings.csv");
	out_str(&o, "component,subject,group,level\n");
	for (uint32_t pi = 0; pi < g_npools; pi++) {
		const struct pool *p = &g_pools[pi];
		for (uint32_t g = 0; g < 3; g++) {
			for (uint32_t k = 0; k < nmin[g] + nspan[g]; k++) {
				for (uint32_t place = p->first; place < p->end;
				     place++) {
					uint32_t s = subject_of(p, place);
					if (k >= nratings(s, g))
						continue;
					out_room(&o);
					out_str(&o, "evaluation,");
					out_sid(&o, s);
					out_ch(&o, ',');
					out_str(&o, groups[g]);
					out_ch(&o, ',');
					out_str(&o, ballot(s, quality(s),
							   troubled_of(s), g,
							   k));
					out_ch(&o, '\n');
					o.rows++;
				}
			}
		}
	}
	job->rows = o.rows;
	out_close(&o);
	return NULL;
}

/* --- routine.csv, pools.csv, caps.csv ---------------------------------- */

static const char *routine_of(uint32_t s, double q, uint32_t quarter)
{
	double u = unif(s, R_ROUTINE, quarter);
	double pp = 0.015 * (1 - q) + 0.001;
	double pa = 0.06 * (1 - q) + 0.005;
	double pg = 0.15 + 0.65 * q;
	if (u < pp)
		return "poor";
	if ((u -= pp) < pa)
		return "average";
	if ((u -= pa) < pg)
		return "good";
	return "fair";
}

static void write_routine(const char *dir, uint64_t *rows)
{
	struct out o;
	out_open(&o, dir, "routine.csv");
	out_str(&o, "subject,period,rating\n");
	for (uint32_t s = 0; s < g_nsubjects; s++) {
		double q = quality(s);
		for (uint32_t k = 0; k < 4; k++) {
			out_room(&o);
			out_sid(&o, s);
			out_str(&o, ",2026Q");
			out_ch(&o, (char)('1' + k));
			out_ch(&o, ',');
			out_str(&o, routine_of(s, q, k));
			out_ch(&o, '\n');
		}
	}
	*rows = (uint64_t)g_nsubjects * 4;
	out_close(&o);
}

static void write_pools(const char *dir, uint64_t *rows)
{
	struct out o;
	out_open(&o, dir, "pools.csv");
	out_str(&o, "pool,amount\n");
	for (uint32_t pi = 0; pi < g_npools; pi++) {
		const struct pool *p = &g_pools[pi];
		/* 30,000 to 60,000 yuan a head, in fen */
		uint64_t head = 3000000 + (uint64_t)(unif(pi, R_AMOUNT, 0) *
						     3000000);
		out_room(&o);
		out_pool_id(&o, p);
		out_ch(&o, ',');
		out_uint(&o, head * (p->end - p->first), 0);
		out_ch(&o, '\n');
	}
	*rows = g_npools;
	out_close(&o);
}

/* 0.05% of subjects have a disciplinary cap. */
static void write_caps(const char *dir, uint64_t *rows)
{
	struct out o;
	out_open(&o, dir, "caps.csv");
	out_str(&o, "subject,grade,reason\n");
	for (uint32_t s = 0; s < g_nsubjects; s++) {
		double u = unif(s, R_CAP, 0);
		if (u >= 0.0005)
			continue;
		out_room(&o);
		out_sid(&o, s);
		out_str(&o, u < 0.0003 ? ",competent,诫勉谈话\n"
				       : ",basic,警告处分\n");
		o.rows++;
	}
	*rows = o.rows;
	out_close(&o);
}

/* --- main -------------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: gen_workbook DIR SUBJECTS [SEED]\n");
		return 2;
	}
	const char *dir = argv[1];
	char *end;
	errno = 0;
	unsigned long n = strtoul(argv[2], &end, 10);
	if (errno || *end || n < 1 || n > MAX_SUBJECTS) {
		fprintf(stderr, "gen_workbook: SUBJECTS is 1 to %u\n",
			MAX_SUBJECTS);
		return 2;
	}
	g_seed = 20260101;
	if (argc == 4) {
		errno = 0;
		g_seed = strtoull(argv[3], &end, 10);
		if (errno || *end || !*argv[3]) {
			fprintf(stderr, "gen_workbook: SEED is a number\n");
			return 2;
		}
	}
	g_seed = mix64(g_seed);
	g_nsubjects = (uint32_t)n;
	double t0 = now();
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		die("cannot create %s: %s", dir, strerror(errno));
	for (uint32_t k = 0; k < NSCHEMES; k++)
		resolve_scheme(k);
	make_pools();

	struct values_job vjob = { dir, 0 }, rjob = { dir, 0 };
	pthread_t tv;
	if (pthread_create(&tv, NULL, write_values, &vjob) != 0)
		die("cannot start a thread");
	write_text(dir, "cycle.json", cycle_json);
	write_schemes(dir);
	uint64_t nsub, nrou, npool, ncaps;
	write_subjects(dir, &nsub);
	write_routine(dir, &nrou);
	write_pools(dir, &npool);
	write_caps(dir, &ncaps);
	write_ratings(&rjob);
	pthread_join(tv, NULL);

	uint64_t total = nsub + vjob.rows + rjob.rows + nrou + npool + ncaps;
	printf("rows subjects=%llu values=%llu ratings=%llu routine=%llu "
	       "pools=%llu caps=%llu total=%llu seconds=%.2f\n",
	       (unsigned long long)nsub, (unsigned long long)vjob.rows,
	       (unsigned long long)rjob.rows, (unsigned long long)nrou,
	       (unsigned long long)npool, (unsigned long long)ncaps,
	       (unsigned long long)total, now() - t0);
	free(g_pools);
	free(g_pool_of);
	return 0;
}
