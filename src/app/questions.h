/* questions: the questions of a questionnaire (问卷, S8) that go with a
 * cycle's ratings component — choice (one of listed options), scale (1
 * to 5) or text — answered with the ballot of a token (app/ballots), and
 * their results per question. Answers are counted per question and
 * answer; texts are kept under a random key. Nothing joins an answer to
 * its token or to the other answers of its response. Must not know about
 * HTTP or the terminal. */
#ifndef KAOHE_QUESTIONS_H
#define KAOHE_QUESTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

#define QUESTIONS_MAX 50          /* per component */
#define QUESTIONS_OPTIONS_MAX 20  /* per choice question */
#define QUESTIONS_TEXT_MAX 500    /* characters of a question or answer */
#define QUESTIONS_SCALE_MAX 5

struct questions_new {
	int64_t cycle_id;
	const char *component, *kind, *text; /* borrowed */
	const json_t *options;  /* choice: an array of texts; else NULL */
	bool required;
};

/* Adds a question at the end of the component's questionnaire; *out is
 * the questionnaire ({"items": [...]}). Audited (cycle.question). Not
 * once the cycle is confirmed. */
int questions_add(struct app *a, const struct actor *who,
		  const struct questions_new *in, json_t **out, struct err *e);
/* The questions of a component in order, appended to arr. */
int questions_list(struct store *s, int64_t cycle_id, const char *component,
		   json_t *arr, struct err *e);

struct questions_answer {
	int64_t question_id;
	const char *answer; /* choice: the option's index; scale: 1..5; text */
};

/* Checks answers against the component's questions: each a question of
 * it, once, of the right shape; every required question answered.
 * ERR_INVALID naming "answers". */
int questions_check(struct store *s, int64_t cycle_id, const char *component,
		    const struct questions_answer *a, size_t n, struct err *e);
/* Adds answers (checked) in the caller's transaction. */
int questions_write(struct store *s, const struct questions_answer *a,
		    size_t n, struct err *e);
/* Results per question: counts per option or scale point, the mean of a
 * scale, the texts: {"items": [...]}. */
int questions_results(struct app *a, int64_t cycle_id, const char *component,
		      json_t **out, struct err *e);

#endif
