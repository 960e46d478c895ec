/* scheme: the documents of schemes/NAME.json (ASSESSMENT.md section 3,
 * docs/assessment.md) turned into resolved, validated struct
 * assess_scheme: `extends` applied (a copy of the base, then patches by
 * id), weights, rules and ids checked, nodes in pre-order, each leaf with
 * its points. Errors carry the file and the JSON path at fault, e.g.
 * `schemes/bonded.json $.indicators[0].children[1].rule.target`.
 *
 * Whether a rule that takes a target has one is not decided here: a
 * target may come from values.csv (scheme_rule_takes_target and
 * scheme_check_target serve the reader of values).
 * Reads no file: the caller hands in each document's text. */
#ifndef KAOHE_IO_SCHEME_H
#define KAOHE_IO_SCHEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/assess/assess.h"
#include "io/intern.h"

#define SCHEME_MAX_DEPTH 16     /* levels of indicators */
#define SCHEME_MAX_NODES 10000  /* indicators and adjustments of a scheme */
#define SCHEME_MAX_DOCS 10000   /* documents in one set */

struct scheme_set;

/* What building needs from the cycle and the workbook (borrowed). */
struct scheme_context {
	const struct assess_grade *grades; /* veto caps name them */
	uint32_t ngrades;       /* 0: the cycle is unusable; caps unchecked */
	uint32_t veto_default;  /* grade index of `competent`, or ASSESS_NONE */
	struct intern *indicators; /* every leaf and adjustment id is added */
};

/* Returns a new, empty set whose results and strings go into arena
 * (borrowed; it must outlive them). Free with scheme_set_free. */
struct scheme_set *scheme_set_new(struct arena *arena);
void scheme_set_free(struct scheme_set *set);

/* Parses one document; file is what errors show ("schemes/a.json"). A
 * document with errors is kept (its id still names a scheme) but will
 * not build. Returns 0, or -1 after adding its errors. */
int scheme_set_add(struct scheme_set *set, const char *file,
		   const char *text, size_t len, struct err_list *errs);

/* Resolves and validates every document. *out gets one assess_scheme per
 * document, in the order added (memory from the set's arena); a document
 * that fails gets an empty scheme and scheme_set_failed says so. Returns
 * 0, or -1 after adding every error. */
int scheme_set_build(struct scheme_set *set, const struct scheme_context *ctx,
		     struct assess_scheme **out, uint32_t *n,
		     struct err_list *errs);

/* The index of the document with scheme id `id`, or ASSESS_NONE. */
uint32_t scheme_set_find(const struct scheme_set *set, const char *id,
			 size_t len);
/* True when document k has errors (itself, or through its base). */
bool scheme_set_failed(const struct scheme_set *set, uint32_t k);

/* True for the rules that take a target (ratio, linear, step, threshold):
 * from the rule or from values.csv. */
bool scheme_rule_takes_target(enum assess_rule_kind kind);
/* Checks target t against rule r (ratio: t > 0; linear: the floor on the
 * right side of t). Returns 0, or -1 with *why a sentence for the user. */
int scheme_check_target(const struct assess_rule *r, double t,
			const char **why);

#endif
