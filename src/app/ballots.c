/* ballots: tokens, the form, the group-commit writer and turnout. */
#include "ballots.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit_log.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/secret.h"
#include "base/xmalloc.h"

/* --- the component of a token ---------------------------------------------- */

/* A token's cycle, component and group, and the component's scale as
 * cycle.json gives it. */
struct ballots_target {
	int64_t cycle_id;
	char component[129], group[129], status[16];
	char cycle_name[1025];
	json_t *comp; /* the component object (owned) */
	json_t *subjects; /* the cycle's subject ids: {"id": true} (owned) */
};

static void ballots_target_free(struct ballots_target *t)
{
	json_decref(t->comp);
	json_decref(t->subjects);
	t->comp = NULL;
	t->subjects = NULL;
}

/* The ratings component id of cycle id's cycle.json, and the group; the
 * status and name of the cycle. ERR_INVALID naming "component" or
 * "group" when there is none. */
/* The cycle.json of open cycles and their subjects, parsed once: a
 * cycle's configuration and subjects never change once it is no longer
 * a draft (app/cycles), and every ballot needs them. Keyed by the cycle's
 * id and creation time (which tell one database's cycle from another's
 * in the same process). */
#define BALLOTS_DEFS_MAX 32

struct ballots_def {
	int64_t cycle_id;
	char created[40];
	json_t *doc, *subjects; /* subjects: {"id": true} */
};

static struct ballots_def ballots_defs[BALLOTS_DEFS_MAX];
static size_t ballots_ndefs;
static pthread_mutex_t ballots_defs_mu = PTHREAD_MUTEX_INITIALIZER;

/* The cached definition of the cycle, or NULL (references are new). */
static bool ballots_def_get(int64_t id, const char *created, json_t **doc,
			    json_t **subjects)
{
	bool found = false;
	pthread_mutex_lock(&ballots_defs_mu);
	for (size_t i = 0; i < ballots_ndefs && !found; i++)
		if (ballots_defs[i].cycle_id == id &&
		    !strcmp(ballots_defs[i].created, created)) {
			*doc = json_incref(ballots_defs[i].doc);
			*subjects = json_incref(ballots_defs[i].subjects);
			found = true;
		}
	pthread_mutex_unlock(&ballots_defs_mu);
	return found;
}

static void ballots_def_put(int64_t id, const char *created, json_t *doc,
			    json_t *subjects)
{
	pthread_mutex_lock(&ballots_defs_mu);
	size_t i = ballots_ndefs < BALLOTS_DEFS_MAX ? ballots_ndefs++
						    : (size_t)id % BALLOTS_DEFS_MAX;
	if (i < ballots_ndefs && ballots_defs[i].doc) {
		json_decref(ballots_defs[i].doc);
		json_decref(ballots_defs[i].subjects);
	}
	ballots_defs[i].cycle_id = id;
	snprintf(ballots_defs[i].created, sizeof ballots_defs[i].created, "%s",
		 created);
	ballots_defs[i].doc = json_incref(doc);
	ballots_defs[i].subjects = json_incref(subjects);
	pthread_mutex_unlock(&ballots_defs_mu);
}

/* The cycle's cycle.json and subjects, from the cache or the database. */
static int ballots_def_load(struct store *s, struct ballots_target *t,
			    const char *created, json_t **doc, struct err *e)
{
	struct store_value v[] = { STORE_I(t->cycle_id) };
	struct store_stmt *st;
	int r;
	if (ballots_def_get(t->cycle_id, created, doc, &t->subjects))
		return 0;
	*doc = NULL;
	t->subjects = json_object();
	if (store_query(s, "SELECT body FROM cycle_file WHERE cycle_id = ? AND "
			   "path = 'cycle.json'", v, 1, &st, e) != 0)
		return -1;
	if ((r = store_step(st, e)) == 1)
		*doc = json_loads(store_col_text(st, 0), 0, NULL);
	store_finish(st);
	if (r < 0 || store_query(s, "SELECT subject FROM cycle_subject WHERE "
				    "cycle_id = ?", v, 1, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1)
		json_object_set_new(t->subjects, store_col_text(st, 0),
				    json_true());
	store_finish(st);
	if (r < 0)
		return -1;
	if (strcmp(t->status, "draft") != 0 && *doc)
		ballots_def_put(t->cycle_id, created, *doc, t->subjects);
	return 0;
}

static int ballots_component(struct store *s, struct ballots_target *t,
			     struct err *e)
{
	struct store_value v[] = { STORE_I(t->cycle_id) };
	struct store_stmt *st;
	char created[40] = "";
	json_t *doc = NULL, *c;
	size_t i;
	if (store_query(s, "SELECT status, name, created_at FROM cycle WHERE "
			   "id = ?", v, 1, &st, e) != 0)
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		snprintf(t->status, sizeof t->status, "%s",
			 store_col_text(st, 0));
		snprintf(t->cycle_name, sizeof t->cycle_name, "%s",
			 store_col_text(st, 1));
		snprintf(created, sizeof created, "%s", store_col_text(st, 2));
	}
	store_finish(st);
	if (r < 0)
		return -1;
	if (r == 0)
		return err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			       "cycle %lld", (long long)t->cycle_id);
	if (ballots_def_load(s, t, created, &doc, e) != 0) {
		json_decref(doc);
		return -1;
	}
	json_array_foreach(json_object_get(doc, "components"), i, c) {
		const char *id = json_string_value(json_object_get(c, "id"));
		const char *kind = json_string_value(json_object_get(c, "kind"));
		if (id && kind && !strcmp(id, t->component) &&
		    !strcmp(kind, "ratings"))
			t->comp = json_incref(c);
	}
	json_decref(doc);
	if (!t->comp)
		return err_set_at(e, ERR_INVALID, "unknown_component",
				  "component", "the cycle has no ratings "
				  "component '%.100s'", t->component);
	json_array_foreach(json_object_get(t->comp, "groups"), i, c) {
		const char *id = json_string_value(json_object_get(c, "id"));
		if (id && !strcmp(id, t->group))
			return 0;
	}
	ballots_target_free(t);
	return err_set_at(e, ERR_INVALID, "unknown_group", "group", "the "
			  "component '%.100s' has no rater group '%.100s'",
			  t->component, t->group);
}

/* The target of token text: hash, cycle, component, group. */
static int ballots_target_of(struct store *s, const char *token,
			     struct ballots_target *t, char hash[SECRET_SHA256_HEX],
			     bool *spent, struct err *e)
{
	struct store_stmt *st;
	memset(t, 0, sizeof *t);
	secret_sha256_hex(token ? token : "", token ? strlen(token) : 0, hash);
	struct store_value v[] = { STORE_T(hash) };
	if (store_query(s, "SELECT cycle_id, component, grp, spent FROM "
			   "ballot_token WHERE token_hash = ?", v, 1, &st, e))
		return -1;
	int r = store_step(st, e);
	if (r == 1) {
		t->cycle_id = store_col_int(st, 0);
		snprintf(t->component, sizeof t->component, "%s",
			 store_col_text(st, 1));
		snprintf(t->group, sizeof t->group, "%s",
			 store_col_text(st, 2));
		*spent = store_col_int(st, 3) != 0;
	}
	store_finish(st);
	if (r < 0)
		return -1;
	if (r == 0)
		return err_set_at(e, ERR_NOT_FOUND, "unknown_token", "token",
				  "this token is not known: check the code on "
				  "your sheet");
	return ballots_component(s, t, e);
}

/* --- issuing ------------------------------------------------------------------ */

struct ballots_issue_ctx {
	const struct actor *who;
	const struct ballots_issue *in;
	json_t *tokens;
	int64_t batch;
};

static int ballots_issue_tx(struct store *s, void *vctx, struct err *e)
{
	struct ballots_issue_ctx *c = vctx;
	struct ballots_target t = { .cycle_id = c->in->cycle_id };
	struct store_value k[] = { STORE_I(c->in->cycle_id) };
	char object[48];
	snprintf(t.component, sizeof t.component, "%s", c->in->component);
	snprintf(t.group, sizeof t.group, "%s", c->in->group);
	int rc0 = ballots_component(s, &t, e);
	ballots_target_free(&t);
	if (rc0 != 0)
		return -1;
	if (!strcmp(t.status, "confirmed"))
		return err_set(e, ERR_CONFLICT, "cycle_confirmed", "the cycle "
			       "is confirmed: no more ballots");
	if (store_int(s, "SELECT coalesce(max(batch), 0) + 1 FROM "
			 "ballot_token WHERE cycle_id = ?", k, 1, &c->batch,
		      e) != 0)
		return -1;
	for (int64_t i = 0; i < c->in->count; i++) {
		char code[BALLOTS_CODE_LEN + 1], hash[SECRET_SHA256_HEX];
		secret_code(code, sizeof code);
		secret_sha256_hex(code, BALLOTS_CODE_LEN, hash);
		struct store_value v[] = { STORE_T(hash), STORE_I(c->in->cycle_id),
					   STORE_T(c->in->component),
					   STORE_T(c->in->group),
					   STORE_I(c->batch) };
		if (store_run(s, "INSERT INTO ballot_token (token_hash, "
				 "cycle_id, component, grp, batch, spent) VALUES "
				 "(?, ?, ?, ?, ?, 0)", v, 5, NULL, e) != 0)
			return -1;
		json_array_append_new(c->tokens, json_string(code));
	}
	json_t *after = json_pack("{s:s,s:s,s:I,s:I}", "component",
				  c->in->component, "group", c->in->group,
				  "batch", (json_int_t)c->batch, "count",
				  (json_int_t)c->in->count);
	snprintf(object, sizeof object, "cycle:%lld",
		 (long long)c->in->cycle_id);
	int rc = audit_log_append(s, c->who, "cycle.tokens", object, NULL,
				  after, e);
	json_decref(after);
	return rc;
}

int ballots_issue(struct app *a, const struct actor *who,
		  const struct ballots_issue *in, json_t **out, struct err *e)
{
	struct ballots_issue_ctx c = { .who = who, .in = in,
				       .tokens = json_array() };
	if (in->count < 1 || in->count > BALLOTS_ISSUE_MAX) {
		json_decref(c.tokens);
		return err_set_at(e, ERR_INVALID, "invalid_field", "count",
				  "issue 1 to %d tokens at a time",
				  BALLOTS_ISSUE_MAX);
	}
	if (app_tx(a, ballots_issue_tx, &c, e) != 0) {
		json_decref(c.tokens);
		return -1;
	}
	*out = json_pack("{s:I,s:s,s:s,s:I,s:o}", "cycle_id",
			 (json_int_t)in->cycle_id, "component", in->component,
			 "group", in->group, "batch", (json_int_t)c.batch,
			 "tokens", c.tokens);
	return 0;
}

/* --- the form and the checks of a ballot -------------------------------------- */

static int ballots_usable(const struct ballots_target *t, bool spent,
			  struct err *e)
{
	if (spent)
		return err_set_at(e, ERR_CONFLICT, "token_spent", "token",
				  "this token has been used: each token "
				  "counts once");
	if (strcmp(t->status, "open") != 0)
		return err_set(e, ERR_CONFLICT, "cycle_not_open", "voting is "
			       "not open");
	return 0;
}

int ballots_form(struct app *a, const char *token, json_t **out,
		 struct err *e)
{
	struct ballots_target t;
	char hash[SECRET_SHA256_HEX];
	struct store_stmt *st;
	bool spent = false;
	struct store *s = app_acquire(a);
	json_t *subjects = json_array();
	int rc = -1, r;
	if (ballots_target_of(s, token, &t, hash, &spent, e) != 0)
		goto out;
	if (ballots_usable(&t, spent, e) != 0)
		goto out;
	struct store_value v[] = { STORE_I(t.cycle_id) };
	if (store_query(s, "SELECT subject, name FROM cycle_subject WHERE "
			   "cycle_id = ? ORDER BY rowid", v, 1, &st, e) != 0)
		goto out;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(subjects, json_pack("{s:s,s:s}",
			"subject", store_col_text(st, 0), "name",
			store_col_text(st, 1)));
	store_finish(st);
	if (r < 0)
		goto out;
	json_t *levels = json_array(), *scale = json_object_get(t.comp,
								"scale");
	const char *key;
	json_t *val;
	json_object_foreach(scale, key, val)
		json_array_append_new(levels, json_string(key));
	json_t *name = json_object_get(t.comp, "name");
	json_t *questions = json_array();
	if (questions_list(s, t.cycle_id, t.component, questions, e) != 0) {
		json_decref(levels);
		json_decref(questions);
		goto out;
	}
	*out = json_pack("{s:s,s:{s:s,s:O},s:s,s:O,s:o,s:b,s:b,s:o}", "cycle",
			 t.cycle_name, "component", "id", t.component, "name",
			 name ? name : json_null(), "group", t.group,
			 "subjects", subjects, "levels", levels, "abstain", 1,
			 "numeric", json_object_size(scale) == 0, "questions",
			 questions);
	rc = 0;
out:
	ballots_target_free(&t);
	app_release(a, s);
	json_decref(subjects);
	return rc;
}

/* A level of the component's scale, abstain, or with no scale a number
 * in [0, 100]. */
static bool ballots_level_ok(const json_t *comp, const char *level)
{
	const json_t *scale = json_object_get(comp, "scale");
	char *end;
	if (!level || !*level)
		return false;
	if (!strcmp(level, "abstain"))
		return true;
	if (json_object_size(scale))
		return json_object_get(scale, level) != NULL;
	/* A plain number as the loader reads one, and nothing a CSV cell
	 * would need quoting for: 1 to 3 digits, at most 4 decimals. */
	size_t digits = strspn(level, "0123456789");
	const char *p = level + digits;
	if (digits == 0 || digits > 3)
		return false;
	if (*p == '.') {
		size_t dec = strspn(p + 1, "0123456789");
		if (dec == 0 || dec > 4)
			return false;
		p += 1 + dec;
	}
	if (*p)
		return false;
	double d = strtod(level, &end);
	return isfinite(d) && d >= 0 && d <= 100;
}

/* Each subject a subject of the cycle, rated once, at a level of the
 * scale. */
static int ballots_check(struct store *s, const struct ballots_target *t,
			 const struct ballots_ballot *b, struct err *e)
{
	json_t *known = t->subjects, *seen = json_object();
	int rc = -1;
	if ((b->n == 0 && b->nanswers == 0) || b->n > BALLOTS_RATINGS_MAX) {
		err_set_at(e, ERR_INVALID, "invalid_field", "ratings", "a "
			   "ballot rates 1 to %d subjects, or answers the "
			   "questionnaire", BALLOTS_RATINGS_MAX);
		goto out;
	}
	if (questions_check(s, t->cycle_id, t->component, b->answers,
			    b->nanswers, e) != 0)
		goto out;
	for (size_t i = 0; i < b->n; i++) {
		const char *sub = b->subjects[i];
		if (!sub || !json_object_get(known, sub)) {
			err_set_at(e, ERR_INVALID, "unknown_subject", "ratings",
				   "'%.100s' is not rated in this ballot",
				   sub ? sub : "");
			goto out;
		}
		if (json_object_get(seen, sub)) {
			err_set_at(e, ERR_INVALID, "duplicate_subject",
				   "ratings", "'%.100s' is rated twice", sub);
			goto out;
		}
		json_object_set_new(seen, sub, json_true());
		if (!ballots_level_ok(t->comp, b->levels[i])) {
			err_set_at(e, ERR_INVALID, "invalid_level", "ratings",
				   "'%.40s' is not a level of this ballot",
				   b->levels[i] ? b->levels[i] : "");
			goto out;
		}
	}
	rc = 0;
out:
	json_decref(seen);
	return rc;
}

/* --- group commit ----------------------------------------------------------- */

/* A ballot waiting for its commit. It owns copies of what the writer
 * needs (in its arena), so the submitter's memory may go once it is
 * queued; the writer frees it after calling done. */
struct ballots_item {
	struct arena arena;
	struct ballots_ballot b;
	struct ballots_target t;
	char hash[SECRET_SHA256_HEX];
	int rc;
	struct err e;
	ballots_done_fn done;
	void *ctx;
	struct ballots_item *next;
};

struct ballots_queue {
	pthread_mutex_t mu;
	pthread_cond_t work;
	struct ballots_item *head, *tail;
	bool stop;
	pthread_t thread;
	struct app *app;
};

static pthread_mutex_t ballots_start_mu = PTHREAD_MUTEX_INITIALIZER;

/* One ballot inside the batch's transaction: spend the token (a token
 * spent already, by an earlier ballot of this batch too, fails this
 * ballot only), write its answers, and add its choices to counts, which
 * the batch writes once per distinct (subject, level) at the end. */
static void ballots_write_one(struct store *s, struct ballots_item *it,
			      json_t *counts)
{
	struct store_value v[] = { STORE_T(it->hash) };
	int64_t changed = 0;
	char key[1024];
	it->rc = -1;
	if (store_run(s, "UPDATE ballot_token SET spent = 1 WHERE token_hash "
			 "= ? AND spent = 0 AND (SELECT status FROM cycle WHERE "
			 "cycle.id = ballot_token.cycle_id) = 'open'", v, 1,
		      &changed, &it->e) != 0)
		return;
	if (!changed) {
		/* Spent meanwhile, or the voting closed meanwhile. */
		int64_t spent = 0;
		store_int(s, "SELECT spent FROM ballot_token WHERE token_hash = "
			     "?", v, 1, &spent, &it->e);
		if (spent)
			err_set_at(&it->e, ERR_CONFLICT, "token_spent", "token",
				   "this token has been used: each token "
				   "counts once");
		else
			err_set(&it->e, ERR_CONFLICT, "cycle_not_open",
				"voting is not open");
		return;
	}
	if (questions_write(s, it->b.answers, it->b.nanswers, &it->e) != 0)
		return;
	for (size_t i = 0; i < it->b.n; i++) {
		/* cycle, component, group, subject, level; ids hold no NUL,
		 * so \x1f keeps them apart. */
		snprintf(key, sizeof key, "%lld\x1f%s\x1f%s\x1f%s\x1f%s",
			 (long long)it->t.cycle_id, it->t.component,
			 it->t.group, it->b.subjects[i], it->b.levels[i]);
		json_t *n = json_object_get(counts, key);
		json_object_set_new(counts, key, json_integer(
			n ? json_integer_value(n) + 1 : 1));
	}
	it->rc = 0;
}

/* The batch's counts, one upsert per distinct key. */
static int ballots_write_counts(struct store *s, json_t *counts,
				struct err *e)
{
	const char *key;
	json_t *n;
	json_object_foreach(counts, key, n) {
		char buf[1024], *part[5], *save = NULL;
		snprintf(buf, sizeof buf, "%s", key);
		part[0] = strtok_r(buf, "\x1f", &save);
		for (int k = 1; k < 5; k++)
			part[k] = strtok_r(NULL, "\x1f", &save);
		struct store_value c[] = {
			STORE_I(strtoll(part[0], NULL, 10)), STORE_T(part[1]),
			STORE_T(part[2]), STORE_T(part[3]), STORE_T(part[4]),
			STORE_I(json_integer_value(n)) };
		if (store_run(s, "INSERT INTO ballot_count (cycle_id, component, "
				 "grp, subject, level, n) VALUES (?, ?, ?, ?, ?, "
				 "?) ON CONFLICT (cycle_id, component, grp, "
				 "subject, level) DO UPDATE SET n = n + "
				 "excluded.n", c, 6, NULL, e) != 0)
			return -1;
	}
	return 0;
}

static int ballots_batch_tx(struct store *s, void *vctx, struct err *e)
{
	json_t *counts = json_object();
	int rc = -1;
	for (struct ballots_item *it = vctx; it; it = it->next) {
		ballots_write_one(s, it, counts);
		if (it->rc != 0 && it->e.code == ERR_STORE) {
			*e = it->e;
			goto out;
		}
	}
	rc = ballots_write_counts(s, counts, e);
out:
	json_decref(counts);
	return rc;
}

/* Tells each ballot of a committed (or failed) batch, and frees it. */
static void ballots_answer(struct ballots_item *batch, int rc,
			   const struct err *e)
{
	for (struct ballots_item *it = batch, *next; it; it = next) {
		next = it->next;
		if (rc != 0) {
			it->rc = -1;
			it->e = *e;
		}
		it->done(it->ctx, it->rc, &it->e);
		ballots_target_free(&it->t);
		arena_free(&it->arena);
		free(it);
	}
}

static void *ballots_writer(void *arg)
{
	struct ballots_queue *q = arg;
	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->head && !q->stop)
			pthread_cond_wait(&q->work, &q->mu);
		if (!q->head)
			break;
		struct ballots_item *batch = q->head, *last = batch;
		size_t n = 1;
		while (last->next && n < BALLOTS_BATCH_MAX) {
			last = last->next;
			n++;
		}
		q->head = last->next;
		if (!q->head)
			q->tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&q->mu);
		struct err e = ERR_INIT;
		struct store *s = app_acquire(q->app);
		int rc = store_tx(s, ballots_batch_tx, batch, &e);
		app_release(q->app, s);
		ballots_answer(batch, rc, &e);
		pthread_mutex_lock(&q->mu);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

static struct ballots_queue *ballots_queue(struct app *a, struct err *e)
{
	pthread_mutex_lock(&ballots_start_mu);
	if (!a->ballots) {
		struct ballots_queue *q = xcalloc(1, sizeof *q);
		pthread_mutex_init(&q->mu, NULL);
		pthread_cond_init(&q->work, NULL);
		q->app = a;
		if (pthread_create(&q->thread, NULL, ballots_writer, q) != 0) {
			pthread_cond_destroy(&q->work);
			pthread_mutex_destroy(&q->mu);
			free(q);
			pthread_mutex_unlock(&ballots_start_mu);
			err_set(e, ERR_INTERNAL, "internal", "the ballot writer "
				"cannot start");
			return NULL;
		}
		a->ballots = q;
	}
	pthread_mutex_unlock(&ballots_start_mu);
	return a->ballots;
}

void ballots_stop(struct app *a)
{
	struct ballots_queue *q = a->ballots;
	if (!q)
		return;
	pthread_mutex_lock(&q->mu);
	q->stop = true;
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
	pthread_join(q->thread, NULL);
	pthread_cond_destroy(&q->work);
	pthread_mutex_destroy(&q->mu);
	free(q);
	a->ballots = NULL;
}

/* Copies the ballot's ratings and answers into the item's arena. */
static void ballots_item_copy(struct ballots_item *it,
			      const struct ballots_ballot *b)
{
	const char **subjects = arena_alloc(&it->arena,
					    (b->n + 1) * sizeof *subjects);
	const char **levels = arena_alloc(&it->arena,
					  (b->n + 1) * sizeof *levels);
	struct questions_answer *answers = arena_alloc(&it->arena,
		(b->nanswers + 1) * sizeof *answers);
	for (size_t i = 0; i < b->n; i++) {
		subjects[i] = arena_strdup(&it->arena, b->subjects[i]);
		levels[i] = arena_strdup(&it->arena, b->levels[i]);
	}
	for (size_t i = 0; i < b->nanswers; i++) {
		answers[i].question_id = b->answers[i].question_id;
		answers[i].answer = arena_strdup(&it->arena, b->answers[i].answer);
	}
	it->b = (struct ballots_ballot){ .subjects = subjects, .levels = levels,
					 .n = b->n, .answers = answers,
					 .nanswers = b->nanswers };
}

int ballots_submit_async(struct app *a, const struct ballots_ballot *b,
			 ballots_done_fn done, void *ctx, struct err *e)
{
	struct ballots_item *it = xcalloc(1, sizeof *it);
	bool spent = false;
	struct store *s = app_acquire(a);
	int rc = ballots_target_of(s, b->token, &it->t, it->hash, &spent, e) != 0 ||
		 ballots_usable(&it->t, spent, e) != 0 ||
		 ballots_check(s, &it->t, b, e) != 0 ? -1 : 0;
	app_release(a, s);
	struct ballots_queue *q = rc == 0 ? ballots_queue(a, e) : NULL;
	if (!q) {
		ballots_target_free(&it->t);
		free(it);
		return -1;
	}
	ballots_item_copy(it, b);
	it->done = done;
	it->ctx = ctx;
	pthread_mutex_lock(&q->mu);
	if (q->tail)
		q->tail->next = it;
	else
		q->head = it;
	q->tail = it;
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
	return 0;
}

/* What a synchronous submitter waits on, alone (no herd woken per
 * batch). */
struct ballots_wait {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool done;
	int rc;
	struct err e;
};

static void ballots_wake(void *ctx, int rc, const struct err *e)
{
	struct ballots_wait *w = ctx;
	pthread_mutex_lock(&w->mu);
	w->rc = rc;
	if (rc != 0)
		w->e = *e;
	w->done = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

int ballots_submit(struct app *a, const struct ballots_ballot *b,
		   struct err *e)
{
	struct ballots_wait w = { .rc = -1 };
	pthread_mutex_init(&w.mu, NULL);
	pthread_cond_init(&w.cv, NULL);
	int rc = ballots_submit_async(a, b, ballots_wake, &w, e);
	if (rc == 0) {
		pthread_mutex_lock(&w.mu);
		while (!w.done)
			pthread_cond_wait(&w.cv, &w.mu);
		pthread_mutex_unlock(&w.mu);
		rc = w.rc;
		if (rc != 0)
			*e = w.e;
	}
	pthread_cond_destroy(&w.cv);
	pthread_mutex_destroy(&w.mu);
	return rc;
}

/* --- turnout and ratings ------------------------------------------------------ */

static json_t *ballots_turnout_row(struct store_stmt *st, const void *ctx)
{
	(void)ctx;
	return json_pack("{s:s,s:s,s:I,s:I}", "component",
			 store_col_text(st, 0), "group", store_col_text(st, 1),
			 "issued", (json_int_t)store_col_int(st, 2), "spent",
			 (json_int_t)store_col_int(st, 3));
}

int ballots_turnout(struct app *a, int64_t cycle_id, json_t **out,
		    struct err *e)
{
	struct store_value v[] = { STORE_I(cycle_id) };
	return app_list(a, "SELECT component, grp, count(*), sum(spent) FROM "
			"ballot_token WHERE cycle_id = ? GROUP BY component, "
			"grp ORDER BY component, grp", v, 1,
			ballots_turnout_row, NULL, out, e);
}

int ballots_ratings_csv(struct store *s, int64_t cycle_id, struct buf *out,
			struct err *e)
{
	struct store_value v[] = { STORE_I(cycle_id) };
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT component, subject, grp, level, n FROM "
			   "ballot_count WHERE cycle_id = ? ORDER BY component, "
			   "subject, grp, level", v, 1, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1)
		for (int64_t k = store_col_int(st, 4); k > 0; k--)
			buf_printf(out, "%s,%s,%s,%s\n", store_col_text(st, 0),
				   store_col_text(st, 1), store_col_text(st, 2),
				   store_col_text(st, 3));
	store_finish(st);
	return r < 0 ? -1 : 0;
}
