/* narrate: explanations in words. Each sentence is written in both
 * languages side by side (TX), so the two always say the same things and
 * the compiler checks both formats against the same arguments. */
#include "narrate.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/results.h"

#define TX(zh, en) (lang == NARRATE_ZH ? (zh) : (en))

struct narrate {
	const struct assess_input *in;
	const struct assess_result *r;
	const struct assess_trace *t;
	const struct assess_scheme *sc;
	enum narrate_lang lang;
	struct buf *out;
};

static const char *narrate_rule(enum narrate_lang lang,
				enum assess_rule_kind k)
{
	static const char *const zh[] = { "完成率法", "区间线性法", "按点计分法",
					  "达标法", "排名法", "相对最优法",
					  "评分法" };
	return lang == NARRATE_ZH ? zh[k] : results_rule_name(k);
}

static void narrate_leaf(struct narrate *n, uint32_t i)
{
	enum narrate_lang lang = n->lang;
	const struct assess_leaf *leaf = &n->sc->leaves[i];
	const struct assess_leaf_trace *lt = &n->t->leaves[i];
	if (!lt->has_value) {
		buf_printf(n->out, TX("  %s：无数据，得 0 分（满分 %.4f）\n",
				      "  %s: no value, 0 points of %.4f\n"),
			   leaf->name, leaf->points);
		return;
	}
	if (isnan(lt->target))
		buf_printf(n->out,
			   TX("  %s：实际值 %g，%s，得分比例 %.4f，得分 %.4f（满分 %.4f）\n",
			      "  %s: value %g, %s rule, fraction %.4f, points %.4f of %.4f\n"),
			   leaf->name, lt->value, narrate_rule(lang, leaf->rule.kind),
			   lt->s, lt->points, leaf->points);
	else
		buf_printf(n->out,
			   TX("  %s：实际值 %g，目标 %g，%s，得分比例 %.4f，得分 %.4f（满分 %.4f）\n",
			      "  %s: value %g, target %g, %s rule, fraction %.4f, points %.4f of %.4f\n"),
			   leaf->name, lt->value, lt->target,
			   narrate_rule(lang, leaf->rule.kind), lt->s, lt->points,
			   leaf->points);
	if (leaf->rule.kind == ASSESS_RANK)
		buf_printf(n->out, TX("    在本类 %2$u 个对象中排第 %1$u 名\n",
				      "    ranked %u of %u in the category\n"),
			   lt->rank, lt->of);
	if (leaf->rule.kind == ASSESS_RELATIVE)
		buf_printf(n->out, TX("    本类最优值 %g\n",
				      "    best in the category: %g\n"),
			   lt->best);
}

static void narrate_adjustment(struct narrate *n, uint32_t j)
{
	enum narrate_lang lang = n->lang;
	const struct assess_adjustment *adj = &n->sc->adjustments[j];
	const struct assess_adjustment_trace *at = &n->t->adjustments[j];
	if (adj->kind == ASSESS_VETO) {
		if (at->triggered)
			buf_printf(n->out, TX("  一票否决 %s：已触发，等次最高为“%s”\n",
					      "  veto %s: triggered, grade at most \"%s\"\n"),
				   adj->name, n->in->grades[adj->cap].name);
		else
			buf_printf(n->out, TX("  一票否决 %s：未触发\n",
					      "  veto %s: not triggered\n"),
				   adj->name);
		return;
	}
	if (!at->has_value)
		return;
	if (adj->kind == ASSESS_BONUS)
		buf_printf(n->out, TX("  加分 %s：%g（上限 %g），+%.4f\n",
				      "  bonus %s: %g (at most %g), +%.4f\n"),
			   adj->name, at->value, adj->max, at->points);
	else
		buf_printf(n->out, TX("  扣分 %s：%g（上限 %g），-%.4f\n",
				      "  deduction %s: %g (at most %g), -%.4f\n"),
			   adj->name, at->value, adj->max, -at->points);
}

static void narrate_performance(struct narrate *n)
{
	enum narrate_lang lang = n->lang;
	for (uint32_t i = 0; i < n->sc->nleaves; i++)
		narrate_leaf(n, i);
	for (uint32_t j = 0; j < n->sc->nadjustments; j++)
		narrate_adjustment(n, j);
	buf_printf(n->out, TX("  指标得分合计 %.4f，加分 %.4f，扣分 %.4f\n",
			      "  indicator points %.4f, bonus %.4f, deductions %.4f\n"),
		   n->t->leaf_sum, n->t->bonus_points, n->t->deduction_points);
}

static void narrate_ratings(struct narrate *n, uint32_t c)
{
	enum narrate_lang lang = n->lang;
	const struct assess_component *comp = &n->in->components[c];
	const struct assess_component_trace *ct = &n->t->components[c];
	for (uint32_t g = 0; g < comp->ngroups; g++) {
		const struct assess_group_trace *gt = &ct->groups[g];
		if (!gt->counted) {
			buf_printf(n->out, TX("  %s（权重 %g%%）：无有效票，权重由其他组分摊\n",
					      "  %s (weight %g%%): no ratings; its weight goes to the other groups\n"),
				   comp->groups[g].id, comp->groups[g].weight);
			continue;
		}
		buf_printf(n->out, TX("  %s（权重 %g%%）：计入 %u 票，平均 %.4f",
				      "  %s (weight %g%%): %u ratings counted, mean %.4f"),
			   comp->groups[g].id, comp->groups[g].weight, gt->counted,
			   gt->mean);
		if (gt->dropped)
			buf_printf(n->out, TX("，去掉最高最低共 %u 票",
					      ", %u highest and lowest dropped"),
				   gt->dropped);
		if (gt->abstained)
			buf_printf(n->out, TX("，弃权 %u 票", ", %u abstained"),
				   gt->abstained);
		buf_putc(n->out, '\n');
	}
	if (!comp->has_red_line)
		return;
	if (ct->red_triggered)
		buf_printf(n->out, TX("  红线：%u/%u 票在红线等次，超过比例，等次最高为“%s”\n",
				      "  red line: %u of %u ratings at its levels, over the limit: grade at most \"%s\"\n"),
			   ct->red_count, ct->red_of,
			   n->in->grades[comp->red_cap].name);
	else
		buf_printf(n->out, TX("  红线：%u/%u 票在红线等次，未超过\n",
				      "  red line: %u of %u ratings at its levels, not over the limit\n"),
			   ct->red_count, ct->red_of);
}

static void narrate_component(struct narrate *n, uint32_t c)
{
	enum narrate_lang lang = n->lang;
	const struct assess_component *comp = &n->in->components[c];
	const struct assess_component_trace *ct = &n->t->components[c];
	buf_printf(n->out, TX("\n【%s】权重 %g%%，得分 %.4f\n",
			      "\n[%s] weight %g%%, score %.4f\n"),
		   comp->name, comp->weight, ct->score);
	if (comp->kind == ASSESS_COMP_SCHEME) {
		narrate_performance(n);
	} else if (ct->missing) {
		buf_puts(n->out, TX("  无数据，得 0 分\n", "  no data: 0 points\n"));
	} else if (comp->kind == ASSESS_COMP_RATINGS) {
		narrate_ratings(n, c);
	} else {
		buf_printf(n->out, TX("  平时考核：好 %u 次，较好 %u 次，一般 %u 次，较差 %u 次\n",
				      "  routine results: good %u, fair %u, average %u, poor %u\n"),
			   ct->routine[0], ct->routine[1], ct->routine[2],
			   ct->routine[3]);
	}
}

static void narrate_why(struct narrate *n)
{
	enum narrate_lang lang = n->lang;
	const struct assess_trace *t = n->t;
	const struct assess_grade *grades = n->in->grades;
	buf_printf(n->out, TX("\n为什么是“%s”：\n", "\nWhy \"%s\":\n"),
		   grades[t->grade].name);
	if (t->grade == 0)
		buf_puts(n->out, TX("  这是最好的等次。\n",
				    "  It is the best grade.\n"));
	for (uint32_t g = 0; g < t->grade; g++) {
		const char *name = grades[g].name;
		switch ((enum assess_pass_reason)t->passed_over[g]) {
		case ASSESS_PASS_BELOW_MIN:
			buf_printf(n->out, TX("  “%s”需要总分不低于 %g，本对象 %.4f\n",
					      "  \"%s\" needs a total of at least %g; this subject has %.4f\n"),
				   name, grades[g].min, t->total);
			break;
		case ASSESS_PASS_QUOTA_FULL:
			buf_printf(n->out, TX("  “%s”名额已满：本池 %u 人，名额 %u 个，已由排名在前者占满\n",
					      "  \"%s\" was full: %u subjects in the pool, %u places, taken by those ranked higher\n"),
				   name, t->quota_pool_size[g], t->quota_places[g]);
			break;
		case ASSESS_PASS_CAPPED:
			buf_printf(n->out, TX("  “%s”高于本对象的等次上限\n",
					      "  \"%s\" is above this subject's cap\n"),
				   name);
			break;
		case ASSESS_PASS_ROUTINE:
			buf_printf(n->out, TX("  “%s”对平时考核结果的要求未达到\n",
					      "  \"%s\" needs routine results this subject does not have\n"),
				   name);
			break;
		case ASSESS_PASS_NONE:
			break;
		}
	}
}

static void narrate_cap(struct narrate *n)
{
	enum narrate_lang lang = n->lang;
	const struct assess_trace *t = n->t;
	const struct assess_input *in = n->in;
	if (t->cap == ASSESS_NONE)
		return;
	buf_printf(n->out, TX("\n等次上限“%s”，原因：\n",
			      "\nGrade capped at \"%s\" because of:\n"),
		   in->grades[t->cap].name);
	for (uint32_t j = 0; j < n->sc->nadjustments; j++)
		if (n->t->adjustments[j].triggered)
			buf_printf(n->out, TX("  一票否决：%s\n", "  the veto %s\n"),
				   n->sc->adjustments[j].name);
	for (uint32_t c = 0; c < in->ncomponents; c++)
		if (t->components[c].red_triggered)
			buf_printf(n->out, TX("  %s红线\n", "  the red line of %s\n"),
				   in->components[c].name);
	if (t->cap_sources & ASSESS_CAP_ROUTINE)
		buf_puts(n->out, TX("  平时考核结果（一般及以下次数达到规定）\n",
				    "  routine results (as many low ratings as the rule counts)\n"));
	for (uint32_t k = 0; k < t->ncap_rows; k++)
		buf_printf(n->out, "  %s\n", in->caps[t->cap_rows[k]].reason);
}

static void narrate_bonus(struct narrate *n)
{
	enum narrate_lang lang = n->lang;
	const struct assess_trace *t = n->t;
	if (n->in->bonus.mode == ASSESS_BONUS_NONE)
		return;
	if (t->warnings & ASSESS_WARN_NO_POOL_AMOUNT) {
		buf_puts(n->out, TX("\n绩效奖金：所在考核池没有奖金总额，发 0 元\n",
				    "\nBonus: the pool has no amount; 0 yuan\n"));
		return;
	}
	if (t->warnings & ASSESS_WARN_POOL_NOTHING_TO_SHARE) {
		buf_puts(n->out, TX("\n绩效奖金：所在考核池系数之和为 0，不发放\n",
				    "\nBonus: the pool's coefficients sum to 0; nothing is paid\n"));
		return;
	}
	buf_printf(n->out, TX("\n绩效奖金：系数 %.4f，金额 %lld.%02lld 元\n",
			      "\nBonus: coefficient %.4f, amount %lld.%02lld yuan\n"),
		   (double)t->coefficient / 10000.0, (long long)(t->bonus / 100),
		   (long long)(t->bonus % 100));
}

void narrate_subject(const struct assess_input *in,
		     const struct assess_result *r, uint32_t s,
		     enum narrate_lang lang, struct buf *out)
{
	struct arena arena = ARENA_INIT;
	struct assess_trace t;
	assess_explain(in, r, s, &arena, &t);
	const struct assess_subject *sub = &in->subjects[s];
	struct narrate n = { in, r, &t, &in->schemes[sub->scheme], lang, out };
	buf_printf(out, TX("考核对象 %s %s（类别：%s；考核池：%s；指标体系：%s）\n",
			   "Subject %s %s (category %s; pool %s; scheme %s)\n"),
		   sub->id, sub->name, in->categories[sub->category],
		   in->pools[sub->pool], n.sc->name);
	buf_printf(out, TX("总分 %.4f，总排名第 %u 名，池内第 %u 名，等次：%s\n",
			   "Total %.4f, rank %u overall and %u in the pool, grade: %s\n"),
		   t.total, t.rank, t.pool_rank, in->grades[t.grade].name);
	for (uint32_t c = 0; c < in->ncomponents; c++)
		narrate_component(&n, c);
	narrate_why(&n);
	narrate_cap(&n);
	narrate_bonus(&n);
	arena_free(&arena);
}
