/* demo_pay: Hengqin's parallel pay scale for dispatched staff (S3) and
 * the 202 dispatched staff of demo_people.c placed on it, through the
 * pay services (their rules and audit records).
 *
 * The scale, exactly as the seed gives it: civilian (文职) 7 positions on
 * 11 grades from 3,500 to 14,900 yuan a month; technical (技术) 7
 * positions on 9 grades from 3,300 to 11,900; other (其它: skilled
 * workers and handymen) 8 post levels on 8 grades from 1,950 to 5,100;
 * above the first two, the special administrative commissioner
 * (特级行政专员) and the special technical adviser (特级技术顾问) with
 * negotiated pay and no grade. The grades between the seed's endpoints,
 * the positions' names, their grade bands and the in-system ranks they
 * compare with are the demo's choice (docs/pay.md). */
#include "cli/demo.h"

#include <stdio.h>
#include <string.h>

#include "app/pay.h"

#define DEMO_PAY_DOC "珠横人派〔2026〕1号"

struct demo_seq {
	const char *code;
	int64_t yuan[11];
	size_t ngrades;
	const char *positions[7 + 1]; /* by level, bottom first */
	size_t npositions;
	int64_t band;                 /* a position spans this many grades */
	const char *special;          /* the negotiated post above, or NULL */
};

static const struct demo_seq demo_seqs[] = {
	{ "civilian",
	  { 3500, 4600, 5800, 6900, 8100, 9200, 10300, 11500, 12600, 13800,
	    14900 }, 11,
	  { "文员", "助理专员", "专员", "高级专员", "主管", "高级主管",
	    "首席专员" }, 7, 5, "特级行政专员" },
	{ "technical",
	  { 3300, 4400, 5500, 6500, 7600, 8700, 9800, 10800, 11900 }, 9,
	  { "技术员", "助理工程师", "工程师", "高级工程师", "主任工程师",
	    "资深工程师", "首席工程师" }, 7, 3, "特级技术顾问" },
	{ "other",
	  { 1950, 2400, 2900, 3300, 3800, 4200, 4700, 5100 }, 8,
	  { "勤杂工", "初级工", "中级工", "高级工", "技师", "高级技师",
	    "首席技师", "特级技师" }, 8, 2, NULL },
};

/* The in-system rank each graded civilian or technical level compares
 * with, bottom first; the other sequence compares with none. */
static const char *const demo_comparable[7] = {
	"clerk_2", "clerk_1", "principal_4", "principal_3", "principal_2",
	"principal_1", "researcher_4",
};

/* The position ids made, for the assignments: [sequence][level - 1]. */
struct demo_scale {
	int64_t pos[3][8];
	int64_t special[2];
};

static int demo_json_id(json_t *o, int64_t *out)
{
	*out = json_integer_value(json_object_get(o, "id"));
	json_decref(o);
	return 0;
}

static int demo_position(struct app *a, int64_t seq, int64_t level,
			 const char *name, const struct demo_seq *d,
			 const char *comparable, int64_t *out, struct err *e)
{
	struct actor cli = APP_CLI_ACTOR;
	struct pay_position_input in = {
		.sequence_id = seq, .level = level, .name = name,
		.negotiated = d == NULL, .comparable_rank = comparable };
	json_t *o = NULL;
	if (d) {
		in.min_grade = level;
		in.max_grade = level + d->band - 1 < (int64_t)d->ngrades
			? level + d->band - 1 : (int64_t)d->ngrades;
	}
	if (pay_position_add(a, &cli, &in, &o, e) != 0) {
		fprintf(stderr, "kaohe: demo: adding position %s:\n", name);
		return -1;
	}
	return demo_json_id(o, out);
}

static int demo_sequence(struct app *a, size_t i, struct demo_scale *sc,
			 struct err *e)
{
	const struct demo_seq *d = &demo_seqs[i];
	struct actor cli = APP_CLI_ACTOR;
	struct pay_sequence_input si = { .code = d->code };
	struct pay_grade g[11];
	int64_t seq;
	json_t *o = NULL;
	if (pay_sequence_add(a, &cli, &si, &o, e) != 0)
		return -1;
	demo_json_id(o, &seq);
	for (size_t k = 0; k < d->ngrades; k++)
		g[k] = (struct pay_grade){ (int64_t)k + 1, d->yuan[k] * 100 };
	struct pay_grades_input gi = { seq, g, d->ngrades };
	if (pay_grades_set(a, &cli, &gi, &o, e) != 0)
		return -1;
	json_decref(o);
	for (size_t k = 0; k < d->npositions; k++)
		if (demo_position(a, seq, (int64_t)k + 1, d->positions[k], d,
				  i < 2 ? demo_comparable[k] : NULL,
				  &sc->pos[i][k], e) != 0)
			return -1;
	if (d->special)
		return demo_position(a, seq, (int64_t)d->npositions + 1,
				     d->special, NULL, NULL, &sc->special[i],
				     e);
	return 0;
}

struct demo_assign {
	const struct demo_scale *sc;
	int64_t count;
};

/* The k-th dispatched person's place: the two special posts first, then
 * in each ten 6 civilian, 3 technical and 1 other, each ten a level up
 * (cycling), on a grade in the middle of the position's band or one
 * above it, so that every level has people and the grades spread. */
static void demo_place(const struct demo_scale *sc, int64_t k,
		       struct pay_assign_input *in)
{
	if (k < 2) {
		in->position_id = sc->special[k];
		in->negotiated_fen = k == 0 ? 2500000 : 2200000;
		return;
	}
	int64_t t = k - 2, seq = t % 10 < 6 ? 0 : t % 10 < 9 ? 1 : 2;
	const struct demo_seq *d = &demo_seqs[seq];
	int64_t round = t / 10, n = (int64_t)d->npositions;
	int64_t level = 1 + round % n;
	int64_t top = level + d->band - 1 < (int64_t)d->ngrades
		? level + d->band - 1 : (int64_t)d->ngrades;
	int64_t grade = level + d->band / 2 + (round / n + t) % 2;
	in->position_id = sc->pos[seq][level - 1];
	in->pay_grade = grade < top ? grade : top;
}

static int demo_assign_tx(struct store *s, void *vctx, struct err *e)
{
	struct demo_assign *c = vctx;
	struct actor cli = APP_CLI_ACTOR;
	struct store_stmt *st;
	int64_t ids[512];
	size_t n = 0;
	int r;
	if (store_query(s, "SELECT id FROM employment WHERE staff_type = "
			   "'dispatched' ORDER BY id", NULL, 0, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1 && n < 512)
		ids[n++] = store_col_int(st, 0);
	store_finish(st);
	if (r < 0)
		return -1;
	for (size_t k = 0; k < n; k++) {
		struct pay_assign_input in = {
			.employment_id = ids[k], .start_date = "2026-01-01",
			.end_date = "2028-12-31", .document = DEMO_PAY_DOC };
		int64_t id;
		demo_place(c->sc, (int64_t)k, &in);
		if (pay_assign_in(s, &cli, &in, &id, e) != 0)
			return -1;
	}
	c->count = (int64_t)n;
	return 0;
}

int demo_pay(struct app *a, int64_t *assigned, struct err *e)
{
	struct demo_scale sc = { 0 };
	for (size_t i = 0; i < 3; i++)
		if (demo_sequence(a, i, &sc, e) != 0)
			return -1;
	struct demo_assign c = { &sc, 0 };
	if (app_tx(a, demo_assign_tx, &c, e) != 0)
		return -1;
	*assigned = c.count;
	return 0;
}
