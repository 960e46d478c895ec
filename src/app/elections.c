/* elections: the election tables, tokens, votes, the tally and the
 * winner's posts. */
#include "elections.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit_log.h"
#include "app/employments.h"
#include "base/secret.h"
#include "base/utf8.h"
#include "base/wallclock.h"
#include "core/day.h"

#define ELECTIONS_CODE_LEN 16

static void elections_object(int64_t id, char out[48])
{
	snprintf(out, 48, "election:%lld", (long long)id);
}

/* The election's status and station; ERR_NOT_FOUND. */
static int elections_state(struct store *s, int64_t id, char status[16],
			   int64_t *unit, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	if (store_query(s, "SELECT status, unit_id FROM election WHERE id = ?",
			v, 1, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		snprintf(status, 16, "%s", store_col_text(st, 0));
		*unit = store_col_int(st, 1);
	}
	store_finish(st);
	if (r == 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			       "election %lld", (long long)id);
	return r < 0 ? -1 : 0;
}

/* --- set up ------------------------------------------------------------------ */

struct elections_ctx {
	const struct actor *who;
	const struct elections_new *in;
	int64_t id, count;
	const char *start_date, *document, *token, *choice;
	json_t *tokens;
};

static int elections_check_new(struct store *s, const struct elections_new *in,
			       struct err *e)
{
	struct store_value u[] = { STORE_I(in->unit_id) };
	struct store_stmt *st;
	char kind[32] = "";
	if (store_query(s, "SELECT kind FROM unit WHERE id = ?", u, 1, &st, e))
		return -1;
	if (store_step(st, e) == 1)
		snprintf(kind, sizeof kind, "%s", store_col_text(st, 0));
	store_finish(st);
	if (strcmp(kind, "station") != 0)
		return err_set_at(e, ERR_INVALID, "not_a_station", "unit_id",
				  "an election chooses the head of a social "
				  "work station: give a station's unit id");
	for (size_t i = 0; i < in->n; i++) {
		struct store_value p[] = { STORE_I(in->candidates[i]) };
		int64_t n = 0;
		for (size_t k = 0; k < i; k++)
			if (in->candidates[k] == in->candidates[i])
				return err_set_at(e, ERR_INVALID,
						  "duplicate_candidate",
						  "candidates", "person %lld is "
						  "a candidate twice",
						  (long long)in->candidates[i]);
		if (store_int(s, "SELECT count(*) FROM person WHERE id = ?", p,
			      1, &n, e) != 0)
			return -1;
		if (!n)
			return err_set_at(e, ERR_INVALID, "unknown_person",
					  "candidates", "there is no person "
					  "%lld", (long long)in->candidates[i]);
	}
	return 0;
}

static int elections_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct elections_ctx *c = vctx;
	char now[WALLCLOCK_ISO_LEN], object[48];
	if (elections_check_new(s, c->in, e) != 0 ||
	    store_next_id(s, "election", &c->id, e) != 0)
		return -1;
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = { STORE_I(c->id), STORE_I(c->in->unit_id),
				   STORE_T(c->in->title), STORE_T(now) };
	if (store_run(s, "INSERT INTO election (id, unit_id, title, status, "
			 "created_at, appointed) VALUES (?, ?, ?, 'draft', ?, "
			 "0)", v, 4, NULL, e) != 0)
		return -1;
	for (size_t i = 0; i < c->in->n; i++) {
		struct store_value k[] = { STORE_I(c->id),
					   STORE_I(c->in->candidates[i]),
					   STORE_I((int64_t)i + 1) };
		if (store_run(s, "INSERT INTO election_candidate (election_id, "
				 "person_id, position) VALUES (?, ?, ?)", k, 3,
			      NULL, e) != 0)
			return -1;
	}
	json_t *after = json_pack("{s:I,s:s,s:I}", "unit_id",
				  (json_int_t)c->in->unit_id, "title",
				  c->in->title, "candidates",
				  (json_int_t)c->in->n);
	elections_object(c->id, object);
	int rc = audit_log_append(s, c->who, "election.add", object, NULL,
				  after, e);
	json_decref(after);
	return rc;
}

int elections_add(struct app *a, const struct actor *who,
		  const struct elections_new *in, json_t **out, struct err *e)
{
	struct elections_ctx c = { .who = who, .in = in };
	size_t len = in->title ? strlen(in->title) : 0;
	if (!len || !utf8_valid(in->title, len, NULL) ||
	    utf8_length(in->title, len) > 100)
		return err_set_at(e, ERR_INVALID, "invalid_field", "title",
				  "the title is text of 1 to 100 characters");
	if (in->n < 2 || in->n > ELECTIONS_CANDIDATES_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "candidates",
				  "an election has 2 to %d candidates",
				  ELECTIONS_CANDIDATES_MAX);
	if (app_tx(a, elections_add_tx, &c, e) != 0)
		return -1;
	return elections_get(a, c.id, out, e);
}

/* --- reading ---------------------------------------------------------------- */

static int elections_candidates(struct store *s, int64_t id, bool closed,
				json_t *arr, struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT c.person_id, p.name, c.position, (SELECT n "
			   "FROM election_count k WHERE k.election_id = "
			   "c.election_id AND k.choice = CAST(c.person_id AS "
			   "TEXT)) FROM election_candidate c JOIN person p ON "
			   "p.id = c.person_id WHERE c.election_id = ? ORDER BY "
			   "c.position", v, 1, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1) {
		json_t *o = json_pack("{s:I,s:s,s:I}", "person_id",
				      (json_int_t)store_col_int(st, 0), "name",
				      store_col_text(st, 1), "position",
				      (json_int_t)store_col_int(st, 2));
		if (closed)
			json_object_set_new(o, "votes", json_integer(
				store_col_null(st, 3) ? 0 : store_col_int(st, 3)));
		json_array_append_new(arr, o);
	}
	store_finish(st);
	return r < 0 ? -1 : 0;
}

static json_t *elections_row(struct store_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:b,s:I,s:I}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "unit_id", (json_int_t)store_col_int(st, 1),
			 "station", store_col_text(st, 2),
			 "title", store_col_text(st, 3),
			 "status", store_col_text(st, 4),
			 "created_at", store_col_text(st, 5),
			 "closed_at", app_col_text(st, 6),
			 "winner_person_id", app_col_int(st, 7),
			 "appointed", store_col_int(st, 8) != 0,
			 "issued", (json_int_t)store_col_int(st, 9),
			 "cast", (json_int_t)store_col_int(st, 10));
}

#define ELECTIONS_COLS "e.id, e.unit_id, u.name, e.title, e.status, " \
	"e.created_at, e.closed_at, e.winner_person_id, e.appointed, " \
	"(SELECT count(*) FROM election_token t WHERE t.election_id = e.id), " \
	"(SELECT count(*) FROM election_token t WHERE t.election_id = e.id " \
	"AND t.spent = 1) FROM election e JOIN unit u ON u.id = e.unit_id"

static json_t *elections_row_fn(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	return elections_row(st);
}

int elections_list(struct app *a, json_t **out, struct err *e)
{
	return app_list(a, "SELECT " ELECTIONS_COLS " ORDER BY e.id DESC", NULL,
			0, elections_row_fn, NULL, out, e);
}

/* The election with its candidates and, once closed, the tally. */
static int elections_load(struct store *s, int64_t id, json_t **out,
			  struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	json_t *o = NULL, *cands = json_array();
	if (store_query(s, "SELECT " ELECTIONS_COLS " WHERE e.id = ?", v, 1,
			&st, e) != 0)
		goto fail;
	int r = store_step(st, e);
	if (r == 1)
		o = elections_row(st);
	store_finish(st);
	if (r == 0)
		err_set(e, ERR_NOT_FOUND, "not_found", "there is no election "
			"%lld", (long long)id);
	if (r != 1)
		goto fail;
	bool closed = !strcmp(json_string_value(json_object_get(o, "status")),
			      "closed");
	if (elections_candidates(s, id, closed, cands, e) != 0)
		goto fail;
	json_object_set_new(o, "candidates", cands);
	if (closed) {
		struct store_value k[] = { STORE_I(id) };
		int64_t abstain = 0;
		struct err none = ERR_INIT;
		store_int(s, "SELECT n FROM election_count WHERE election_id = "
			     "? AND choice = 'abstain'", k, 1, &abstain, &none);
		json_object_set_new(o, "abstain", json_integer(abstain));
		json_object_set_new(o, "result", json_string(
			json_is_integer(json_object_get(o, "winner_person_id"))
			? "elected" : "no_majority"));
	}
	*out = o;
	return 0;
fail:
	json_decref(o);
	json_decref(cands);
	return -1;
}

int elections_get(struct app *a, int64_t id, json_t **out, struct err *e)
{
	struct store *s = app_acquire(a);
	int rc = elections_load(s, id, out, e);
	app_release(a, s);
	return rc;
}

/* --- tokens, opening, voting ------------------------------------------------- */

static int elections_issue_tx(struct store *s, void *vctx, struct err *e)
{
	struct elections_ctx *c = vctx;
	char status[16], object[48];
	int64_t unit;
	if (elections_state(s, c->id, status, &unit, e) != 0)
		return -1;
	if (!strcmp(status, "closed"))
		return err_set(e, ERR_CONFLICT, "election_closed", "the "
			       "election is closed");
	for (int64_t i = 0; i < c->count; i++) {
		char code[ELECTIONS_CODE_LEN + 1], hash[SECRET_SHA256_HEX];
		secret_code(code, sizeof code);
		secret_sha256_hex(code, ELECTIONS_CODE_LEN, hash);
		struct store_value v[] = { STORE_T(hash), STORE_I(c->id) };
		if (store_run(s, "INSERT INTO election_token (token_hash, "
				 "election_id, spent) VALUES (?, ?, 0)", v, 2,
			      NULL, e) != 0)
			return -1;
		json_array_append_new(c->tokens, json_string(code));
	}
	json_t *after = json_pack("{s:I}", "count", (json_int_t)c->count);
	elections_object(c->id, object);
	int rc = audit_log_append(s, c->who, "election.tokens", object, NULL,
				  after, e);
	json_decref(after);
	return rc;
}

int elections_issue(struct app *a, const struct actor *who, int64_t id,
		    int64_t count, json_t **out, struct err *e)
{
	struct elections_ctx c = { .who = who, .id = id, .count = count,
				   .tokens = json_array() };
	if (count < 1 || count > ELECTIONS_TOKENS_MAX) {
		json_decref(c.tokens);
		return err_set_at(e, ERR_INVALID, "invalid_field", "count",
				  "issue 1 to %d tokens at a time",
				  ELECTIONS_TOKENS_MAX);
	}
	if (app_tx(a, elections_issue_tx, &c, e) != 0) {
		json_decref(c.tokens);
		return -1;
	}
	*out = json_pack("{s:I,s:o}", "election_id", (json_int_t)id, "tokens",
			 c.tokens);
	return 0;
}

/* Writes a status from one of allowed, audited as action. */
static int elections_status(struct store *s, struct elections_ctx *c,
			    const char *from, const char *to,
			    const char *action, struct err *e)
{
	char status[16], object[48], now[WALLCLOCK_ISO_LEN];
	int64_t unit;
	if (elections_state(s, c->id, status, &unit, e) != 0)
		return -1;
	if (strcmp(status, from) != 0)
		return err_set(e, ERR_CONFLICT, "wrong_status", "the election "
			       "is %s", status);
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = { STORE_T(to), STORE_I(c->id) };
	struct store_value w[] = { STORE_T(now), STORE_I(c->id) };
	if (store_run(s, "UPDATE election SET status = ? WHERE id = ?", v, 2,
		      NULL, e) != 0 ||
	    (!strcmp(to, "closed") &&
	     store_run(s, "UPDATE election SET closed_at = ? WHERE id = ?", w,
		       2, NULL, e) != 0))
		return -1;
	elections_object(c->id, object);
	return audit_log_append(s, c->who, action, object, NULL, NULL, e);
}

static int elections_open_tx(struct store *s, void *vctx, struct err *e)
{
	return elections_status(s, vctx, "draft", "open", "election.open", e);
}

int elections_open(struct app *a, const struct actor *who, int64_t id,
		   struct err *e)
{
	struct elections_ctx c = { .who = who, .id = id };
	return app_tx(a, elections_open_tx, &c, e);
}

/* The election of token and whether it is spent. */
static int elections_token(struct store *s, const char *token, int64_t *id,
			   bool *spent, char hash[SECRET_SHA256_HEX],
			   struct err *e)
{
	struct store_stmt *st;
	secret_sha256_hex(token ? token : "", token ? strlen(token) : 0, hash);
	struct store_value v[] = { STORE_T(hash) };
	if (store_query(s, "SELECT t.election_id, t.spent, e.status FROM "
			   "election_token t JOIN election e ON e.id = "
			   "t.election_id WHERE t.token_hash = ?", v, 1, &st, e))
		return -1;
	int r = store_step(st, e);
	bool open = false;
	if (r == 1) {
		*id = store_col_int(st, 0);
		*spent = store_col_int(st, 1) != 0;
		open = !strcmp(store_col_text(st, 2), "open");
	}
	store_finish(st);
	if (r < 0)
		return -1;
	if (r == 0)
		return err_set_at(e, ERR_NOT_FOUND, "unknown_token", "token",
				  "this token is not known: check the code on "
				  "your sheet");
	if (*spent)
		return err_set_at(e, ERR_CONFLICT, "token_spent", "token",
				  "this token has been used");
	if (!open)
		return err_set(e, ERR_CONFLICT, "election_not_open", "voting "
			       "is not open");
	return 0;
}

int elections_form(struct app *a, const char *token, json_t **out,
		   struct err *e)
{
	char hash[SECRET_SHA256_HEX];
	int64_t id = 0;
	bool spent;
	json_t *el = NULL;
	struct store *s = app_acquire(a);
	int rc = elections_token(s, token, &id, &spent, hash, e) != 0 ||
		 elections_load(s, id, &el, e) != 0 ? -1 : 0;
	app_release(a, s);
	if (rc != 0)
		return -1;
	*out = json_pack("{s:O,s:O,s:O}", "title", json_object_get(el, "title"),
			 "station", json_object_get(el, "station"),
			 "candidates", json_object_get(el, "candidates"));
	json_decref(el);
	return 0;
}

static int elections_vote_tx(struct store *s, void *vctx, struct err *e)
{
	struct elections_ctx *c = vctx;
	char hash[SECRET_SHA256_HEX];
	bool spent;
	int64_t changed = 0, n = 0;
	if (elections_token(s, c->token, &c->id, &spent, hash, e) != 0)
		return -1;
	if (strcmp(c->choice, "abstain") != 0) {
		struct store_value k[] = { STORE_I(c->id), STORE_T(c->choice) };
		if (store_int(s, "SELECT count(*) FROM election_candidate WHERE "
				 "election_id = ? AND CAST(person_id AS TEXT) = "
				 "?", k, 2, &n, e) != 0)
			return -1;
		if (!n)
			return err_set_at(e, ERR_INVALID, "unknown_candidate",
					  "choice", "choose one of the "
					  "candidates, or abstain");
	}
	struct store_value t[] = { STORE_T(hash) };
	struct store_value v[] = { STORE_I(c->id), STORE_T(c->choice) };
	if (store_run(s, "UPDATE election_token SET spent = 1 WHERE "
			 "token_hash = ? AND spent = 0", t, 1, &changed, e) != 0)
		return -1;
	if (!changed)
		return err_set_at(e, ERR_CONFLICT, "token_spent", "token",
				  "this token has been used");
	return store_run(s, "INSERT INTO election_count (election_id, choice, "
			 "n) VALUES (?, ?, 1) ON CONFLICT (election_id, choice) "
			 "DO UPDATE SET n = n + 1", v, 2, NULL, e);
}

int elections_vote(struct app *a, const char *token, const char *choice,
		   struct err *e)
{
	struct elections_ctx c = { .token = token, .choice = choice };
	if (!choice || !*choice)
		return err_set_at(e, ERR_INVALID, "missing_field", "choice",
				  "choose a candidate, or abstain");
	return app_tx(a, elections_vote_tx, &c, e);
}

/* --- the tally and the winner's posts ----------------------------------------- */

/* The candidate with more than half of the ballots cast, or 0. */
static int elections_winner(struct store *s, int64_t id, int64_t *out,
			    struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	int64_t cast = 0;
	*out = 0;
	if (store_int(s, "SELECT coalesce(sum(n), 0) FROM election_count "
			 "WHERE election_id = ?", v, 1, &cast, e) != 0 ||
	    store_query(s, "SELECT choice, n FROM election_count WHERE "
			   "election_id = ? AND choice <> 'abstain'", v, 1, &st,
			e) != 0)
		return -1;
	int r;
	while ((r = store_step(st, e)) == 1)
		if (2 * store_col_int(st, 1) > cast)
			*out = strtoll(store_col_text(st, 0), NULL, 10);
	store_finish(st);
	return r < 0 ? -1 : 0;
}

static int elections_close_tx(struct store *s, void *vctx, struct err *e)
{
	struct elections_ctx *c = vctx;
	int64_t winner;
	json_t *after = NULL;
	char object[48];
	if (elections_status(s, c, "open", "closed", "election.close", e) ||
	    elections_winner(s, c->id, &winner, e) != 0)
		return -1;
	struct store_value v[] = { winner ? STORE_I(winner) : STORE_NIL,
				   STORE_I(c->id) };
	if (store_run(s, "UPDATE election SET winner_person_id = ? WHERE id = "
			 "?", v, 2, NULL, e) != 0 ||
	    elections_load(s, c->id, &after, e) != 0)
		return -1;
	elections_object(c->id, object);
	int rc = audit_log_append(s, c->who, "election.result", object, NULL,
				  after, e);
	json_decref(after);
	return rc;
}

int elections_close(struct app *a, const struct actor *who, int64_t id,
		    json_t **out, struct err *e)
{
	struct elections_ctx c = { .who = who, .id = id };
	if (app_tx(a, elections_close_tx, &c, e) != 0)
		return -1;
	return elections_get(a, id, out, e);
}

/* The winner's main employment on day: staff type, contract, end. */
struct elections_main {
	char staff_type[32], end[DAY_TEXT_LEN + 1];
	int64_t contract;
};

static int elections_main_post(struct store *s, int64_t person,
			       const char *day, struct elections_main *m,
			       struct err *e)
{
	struct store_value v[] = { STORE_I(person), STORE_T(day), STORE_T(day) };
	struct store_stmt *st;
	memset(m, 0, sizeof *m);
	if (store_query(s, "SELECT staff_type, coalesce(contract_id, 0), "
			   "coalesce(end_date, '') FROM employment WHERE "
			   "person_id = ? AND concurrent = 0 AND start_date <= "
			   "? AND (end_date IS NULL OR end_date >= ?)", v, 3,
			&st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		snprintf(m->staff_type, sizeof m->staff_type, "%s",
			 store_col_text(st, 0));
		m->contract = store_col_int(st, 1);
		snprintf(m->end, sizeof m->end, "%s", store_col_text(st, 2));
	}
	store_finish(st);
	if (r == 0)
		return err_set_at(e, ERR_CONFLICT, "no_main_post", "start_date",
				  "the winner holds no post on %s to hold the "
				  "concurrent posts beside", day);
	return r < 0 ? -1 : 0;
}

static int elections_appoint_tx(struct store *s, void *vctx, struct err *e)
{
	struct elections_ctx *c = vctx;
	struct store_value v[] = { STORE_I(c->id) };
	struct store_stmt *st;
	struct elections_main m;
	int64_t winner = 0, station = 0, community = 0, appointed = 0;
	char object[48];
	if (store_query(s, "SELECT coalesce(e.winner_person_id, 0), e.unit_id, "
			   "coalesce(u.parent_id, 0), e.appointed FROM election "
			   "e JOIN unit u ON u.id = e.unit_id WHERE e.id = ?", v,
			1, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		winner = store_col_int(st, 0);
		station = store_col_int(st, 1);
		community = store_col_int(st, 2);
		appointed = store_col_int(st, 3);
	}
	store_finish(st);
	if (r == 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			       "election %lld", (long long)c->id);
	if (r < 0)
		return -1;
	if (!winner)
		return err_set(e, ERR_CONFLICT, "no_winner", "nobody was "
			       "elected (closed with a majority) to appoint");
	if (appointed)
		return err_set(e, ERR_CONFLICT, "already_appointed", "the "
			       "winner's posts are recorded already");
	if (elections_main_post(s, winner, c->start_date, &m, e) != 0)
		return -1;
	const struct { int64_t unit; const char *title; } posts[] = {
		{ station, "社工站站长" },
		{ community, "社区党组织书记" },
		{ community, "社区居民委员会主任" },
	};
	for (size_t i = 0; i < 3; i++) {
		int64_t eid;
		struct employments_input in = {
			.person_id = winner, .unit_id = posts[i].unit,
			.staff_type = m.staff_type, .title = posts[i].title,
			.concurrent = true, .contract_id = m.contract,
			.monthly_pay_fen = -1, .start_date = c->start_date,
			.start_document = c->document,
			.end_date = m.end[0] ? m.end : NULL };
		if (!posts[i].unit)
			continue;
		if (employments_add_in(s, c->who, &in, &eid, e) != 0)
			return -1;
	}
	if (store_run(s, "UPDATE election SET appointed = 1 WHERE id = ?", v, 1,
		      NULL, e) != 0)
		return -1;
	elections_object(c->id, object);
	return audit_log_append(s, c->who, "election.appoint", object, NULL,
				NULL, e);
}

int elections_appoint(struct app *a, const struct actor *who, int64_t id,
		      const char *start_date, const char *document,
		      json_t **out, struct err *e)
{
	struct elections_ctx c = { .who = who, .id = id,
				   .start_date = start_date,
				   .document = document };
	int ymd;
	if (day_parse(start_date, &ymd) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "start_date",
				  "the start date is a real date written "
				  "yyyy-mm-dd");
	if (app_tx(a, elections_appoint_tx, &c, e) != 0)
		return -1;
	return elections_get(a, id, out, e);
}
