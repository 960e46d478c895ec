/* narrate: one subject's trace as text a person reads, in Chinese or
 * English (`kaohe assess explain`): each indicator's value, rule and
 * points, each component, why this grade and not a better one, the cap
 * and the bonus. Built only from the engine's explanation. */
#ifndef KAOHE_NARRATE_H
#define KAOHE_NARRATE_H

#include <stdbool.h>

#include "base/buf.h"
#include "core/assess/assess.h"

enum narrate_lang { NARRATE_ZH, NARRATE_EN };

void narrate_subject(const struct assess_input *in,
		     const struct assess_result *r, uint32_t s,
		     enum narrate_lang lang, struct buf *out);

#endif
