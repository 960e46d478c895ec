/* ballots: one-time tokens and anonymous ballots for a cycle's ratings
 * components — democratic evaluation (民主测评) and opinion surveys
 * (民意调查), S7 and S8.
 *   - The organisation department issues tokens per component and rater
 *     group; their texts are answered once (to be printed) and kept only
 *     as SHA-256 hashes.
 *   - A rater with a token reads the form (the subjects and the levels of
 *     the component's scale) and submits one ballot; the token is then
 *     spent. A token used twice, also at the same moment, counts once.
 *   - Secrecy (migration 0007): a ballot is added into per-(subject,
 *     level) counts and not kept as a row; no time, order or key joins a
 *     spent token to what it chose. Nothing of a ballot is audited or
 *     logged.
 *   - Durability and speed: a ballot is acknowledged only after the
 *     transaction holding it is committed (synchronous=FULL), and
 *     concurrent ballots share one commit: a writer thread takes every
 *     ballot waiting and writes them in one transaction (group commit).
 * The counts become the cycle's ratings (app/cycles adds them to
 * ratings.csv). Must not know about HTTP or the terminal. */
#ifndef KAOHE_BALLOTS_H
#define KAOHE_BALLOTS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "app/questions.h"
#include "base/buf.h"

#define BALLOTS_ISSUE_MAX 10000 /* tokens in one issue */
#define BALLOTS_CODE_LEN 16     /* characters of a token */
#define BALLOTS_RATINGS_MAX 10000 /* subjects rated in one ballot */
#define BALLOTS_BATCH_MAX 1024  /* ballots in one commit */

struct ballots_issue {
	int64_t cycle_id;
	const char *component, *group; /* borrowed */
	int64_t count;                 /* 1..BALLOTS_ISSUE_MAX */
};

/* Issues count new tokens: *out {"cycle_id", "component", "group",
 * "batch", "tokens": ["…"]} — the only time their texts exist. Audited
 * (cycle.tokens, with the count, not the tokens). ERR_INVALID naming
 * component or group when the cycle has no such ratings component or
 * group; ERR_CONFLICT when the cycle is confirmed. */
int ballots_issue(struct app *a, const struct actor *who,
		  const struct ballots_issue *in, json_t **out, struct err *e);

/* What a rater holding token sees: {"cycle", "component", "group",
 * "subjects": [{"subject", "name"}], "levels": ["excellent", ...],
 * "abstain": true, "questions": [...]}. ERR_NOT_FOUND "unknown_token"; ERR_CONFLICT
 * "token_spent"; ERR_CONFLICT "cycle_not_open". */
int ballots_form(struct app *a, const char *token, json_t **out,
		 struct err *e);

/* One ballot: the level chosen for each subject rated, and the answers
 * to the component's questionnaire (app/questions); all borrowed. */
struct ballots_ballot {
	const char *token;
	const char *const *subjects;
	const char *const *levels;
	size_t n;
	const struct questions_answer *answers;
	size_t nanswers;
};

/* Counts a ballot and spends its token, durably, before returning 0.
 * Checks: the token (as ballots_form), each subject of the cycle once at
 * most, each level of the scale (or abstain; or a number 0..100 when the
 * component has no scale). Thread-safe; concurrent calls share commits. */
int ballots_submit(struct app *a, const struct ballots_ballot *b,
		   struct err *e);

/* Told the fate of a queued ballot: rc 0 once it is counted durably, or
 * -1 and why (e, borrowed for the call). Runs on the writer's thread: it
 * must not block, nor submit a ballot. */
typedef void (*ballots_done_fn)(void *ctx, int rc, const struct err *e);

/* As ballots_submit, without waiting for the commit: checks the ballot
 * and returns -1 (e says why; done is never called) when it is refused
 * before its commit; else queues it and returns 0, and done(ctx, ...) is
 * called once, later, from the writer's thread. Copies what it needs of
 * b. So that a server need not hold a thread per ballot waiting for its
 * commit (http/server suspends the connection instead). Thread-safe. */
int ballots_submit_async(struct app *a, const struct ballots_ballot *b,
			 ballots_done_fn done, void *ctx, struct err *e);

/* Turnout: {"items": [{"component", "group", "issued", "spent"}]}. */
int ballots_turnout(struct app *a, int64_t cycle_id, json_t **out,
		    struct err *e);

/* Appends the counted ballots of cycle id as ratings.csv rows
 * ("component,subject,group,level", one row a ballot) to out. */
int ballots_ratings_csv(struct store *s, int64_t cycle_id, struct buf *out,
			struct err *e);

/* Stops the writer thread (app_close calls it); waits for it. */
void ballots_stop(struct app *a);

#endif
