/* results: writing a computed cycle: results.csv (one row per subject in
 * ranking order) and trace.jsonl (one JSON object per subject that
 * explains every number, ASSESSMENT.md section 9; format in
 * docs/assessment.md). Files are written under a temporary name and
 * renamed into place, so a failure leaves no half-written output. */
#ifndef KAOHE_RESULTS_H
#define KAOHE_RESULTS_H

#include "base/buf.h"
#include "base/err.h"
#include "core/assess/assess.h"

/* The names used in outputs. */
const char *results_rule_name(enum assess_rule_kind k);
const char *results_pass_name(enum assess_pass_reason p);
const char *results_routine_name(enum assess_routine r);

/* Writes results.csv and trace.jsonl into dir. */
int results_write(const struct assess_input *in,
		  const struct assess_result *r, const char *dir,
		  unsigned threads, struct err *e);

#endif
