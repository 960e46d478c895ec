/* elections: the democratic election of a community social work
 * station's head (S4). The organisation department sets up an election
 * for a station with its candidates, issues one-time voter tokens, opens
 * it; each voter with a token casts one secret ballot for a candidate or
 * abstains (no account; secrecy as app/ballots: token hashes with a spent
 * flag, and counts only). Closing tallies the votes with the turnout: a
 * candidate with more than half of the ballots cast (abstentions
 * included, as 过半数 of those voting) is elected; otherwise nobody is and
 * a new round is needed. The winner's concurrent posts — head of the
 * station, secretary of the community's party organisation and director
 * of its residents' committee (S4) — are then recorded as concurrent
 * employments (app/employments). Every step but a vote is audited. Must
 * not know about HTTP or the terminal. */
#ifndef KAOHE_ELECTIONS_H
#define KAOHE_ELECTIONS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

#define ELECTIONS_CANDIDATES_MAX 20
#define ELECTIONS_TOKENS_MAX 5000

struct elections_new {
	int64_t unit_id;           /* a station */
	const char *title;
	const int64_t *candidates; /* person ids, in ballot order */
	size_t n;                  /* 2..ELECTIONS_CANDIDATES_MAX */
};

int elections_add(struct app *a, const struct actor *who,
		  const struct elections_new *in, json_t **out, struct err *e);
/* {"items": [...]}, newest first. */
int elections_list(struct app *a, json_t **out, struct err *e);
/* One election: candidates, status, turnout; once closed the tally and
 * the result. */
int elections_get(struct app *a, int64_t id, json_t **out, struct err *e);
/* count tokens; answered once: {"tokens": [...]}. Not once closed. */
int elections_issue(struct app *a, const struct actor *who, int64_t id,
		    int64_t count, json_t **out, struct err *e);
int elections_open(struct app *a, const struct actor *who, int64_t id,
		   struct err *e);
/* What a voter sees: {"title", "station", "candidates": [{"person_id",
 * "name"}]}. ERR_NOT_FOUND "unknown_token", ERR_CONFLICT "token_spent",
 * "election_not_open". */
int elections_form(struct app *a, const char *token, json_t **out,
		   struct err *e);
/* One ballot: choice is a candidate's person id (as text) or
 * "abstain". */
int elections_vote(struct app *a, const char *token, const char *choice,
		   struct err *e);
/* Closes the election and answers it (as elections_get). */
int elections_close(struct app *a, const struct actor *who, int64_t id,
		    json_t **out, struct err *e);
/* Records the winner's concurrent posts from start_date by document;
 * ERR_CONFLICT "no_winner" or "already_appointed". */
int elections_appoint(struct app *a, const struct actor *who, int64_t id,
		      const char *start_date, const char *document,
		      json_t **out, struct err *e);

#endif
