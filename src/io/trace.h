/* trace: one subject's line of trace.jsonl, which explains every number
 * of the subject (ASSESSMENT.md section 9; the format is in
 * docs/assessment.md). Written straight as text, not built as a JSON
 * tree: a large cycle has millions of lines. Everything the lines repeat
 * (ids, names, keys, weights, each rule's own target) is escaped once,
 * for the whole cycle, in a struct trace_text. */
#ifndef KAOHE_TRACE_H
#define KAOHE_TRACE_H

#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "core/assess/assess.h"

struct trace_text;

/* The text of in's schemes, components, categories, units, pools and
 * grades (free with trace_text_free). */
struct trace_text *trace_text_make(const struct assess_input *in);
void trace_text_free(struct trace_text *tx, const struct assess_input *in);

/* Appends subject s's line (no newline) to out; arena holds the
 * subject's numbers meanwhile. Safe from several threads at once. */
void trace_line(const struct assess_input *in, const struct assess_result *r,
		const struct trace_text *tx, uint32_t s, struct arena *arena,
		struct buf *out);

#endif
