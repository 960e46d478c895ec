/* cycle: cycle.json, the rules of one assessment cycle (ASSESSMENT.md
 * sections 5, 7 and 8; docs/assessment.md): its components, grades,
 * routine caps and requirements, and bonus rule, read into the cycle part
 * of struct assess_input. Every problem is added to the reader's error
 * list with the JSON path at fault.
 * Reads no other file and knows nothing of subjects or schemes. */
#ifndef KAOHE_IO_CYCLE_H
#define KAOHE_IO_CYCLE_H

#include <jansson.h>

#include "core/assess/assess.h"
#include "io/jread.h"

#define CYCLE_MAX_COMPONENTS 32
#define CYCLE_MAX_GROUPS 64      /* rater groups of one component */
#define CYCLE_MAX_SCALE 32       /* levels of one scale (the engine's limit) */
#define CYCLE_MAX_GRADES 16
#define CYCLE_MAX_RULES 64       /* routine caps, routine requires */
#define CYCLE_MAX_COEFFICIENT 1000 /* bonus coefficients, so x 10000 is exact */

/* "good", "fair", "average", "poor" (enum assess_routine order), NULL. */
extern const char *const cycle_routine_levels[ASSESS_ROUTINE_LEVELS + 1];

/* The routine level (also a unit grade) named s[0..len), or -1. */
int cycle_routine_level(const char *s, size_t len);
/* The index of grade id, or ASSESS_NONE. */
uint32_t cycle_grade(const struct assess_input *in, const char *id);
/* The default cap of a veto: the grade `competent`, or ASSESS_NONE. */
uint32_t cycle_veto_default(const struct assess_input *in);

/* Reads the cycle document doc into in's components, grades,
 * routine_caps, routine_requires and bonus, with memory from j->arena.
 * What can be read is filled in even when some of it is refused; returns
 * 0, or -1 after adding every error found. */
int cycle_read(struct jread *j, const json_t *doc, struct assess_input *in);

#endif
