/* questions: the question tables, the checks of answers, and results. */
#include "questions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit_log.h"
#include "base/secret.h"
#include "base/utf8.h"

static bool questions_text_ok(const char *s)
{
	size_t len = s ? strlen(s) : 0;
	return len && strspn(s, " \t\r\n") < len && utf8_valid(s, len, NULL) &&
	       utf8_length(s, len) <= QUESTIONS_TEXT_MAX;
}

/* A question as stored, from a row of SELECT id, position, kind, text,
 * options, required. */
static json_t *questions_json(struct store_stmt *st)
{
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:b}",
			      "id", (json_int_t)store_col_int(st, 0),
			      "position", (json_int_t)store_col_int(st, 1),
			      "kind", store_col_text(st, 2),
			      "text", store_col_text(st, 3),
			      "required", store_col_int(st, 5) != 0);
	if (!store_col_null(st, 4)) {
		json_t *opts = json_loads(store_col_text(st, 4), 0, NULL);
		json_object_set_new(o, "options", opts ? opts : json_array());
	}
	return o;
}

int questions_list(struct store *s, int64_t cycle_id, const char *component,
		   json_t *arr, struct err *e)
{
	struct store_value v[] = { STORE_I(cycle_id), STORE_T(component) };
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT id, position, kind, text, options, required "
			   "FROM question WHERE cycle_id = ? AND component = ? "
			   "ORDER BY position", v, 2, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(arr, questions_json(st));
	store_finish(st);
	return r < 0 ? -1 : 0;
}

static int questions_check_new(const struct questions_new *in, struct err *e)
{
	bool choice = in->kind && !strcmp(in->kind, "choice");
	size_t i;
	json_t *o;
	if (!in->kind || (!choice && strcmp(in->kind, "scale") &&
			  strcmp(in->kind, "text")))
		return err_set_at(e, ERR_INVALID, "invalid_field", "kind",
				  "a question is of kind choice, scale or text");
	if (!questions_text_ok(in->text))
		return err_set_at(e, ERR_INVALID, "invalid_field", "text",
				  "the question is text of 1 to %d characters",
				  QUESTIONS_TEXT_MAX);
	if (!choice && in->options)
		return err_set_at(e, ERR_INVALID, "invalid_field", "options",
				  "only a choice question has options");
	if (!choice)
		return 0;
	if (!json_is_array(in->options) || json_array_size(in->options) < 2 ||
	    json_array_size(in->options) > QUESTIONS_OPTIONS_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "options",
				  "a choice question has 2 to %d options",
				  QUESTIONS_OPTIONS_MAX);
	json_array_foreach(in->options, i, o)
		if (!questions_text_ok(json_string_value(o)))
			return err_set_at(e, ERR_INVALID, "invalid_field",
					  "options", "option %zu is not text of "
					  "1 to %d characters", i + 1,
					  QUESTIONS_TEXT_MAX);
	return 0;
}

struct questions_ctx {
	const struct actor *who;
	const struct questions_new *in;
};

static int questions_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct questions_ctx *c = vctx;
	const struct questions_new *in = c->in;
	struct store_value k[] = { STORE_I(in->cycle_id), STORE_T(in->component) };
	struct store_value cy[] = { STORE_I(in->cycle_id) };
	struct store_stmt *st;
	char object[48], status[16] = "";
	int64_t id, n = 0;
	if (store_query(s, "SELECT status FROM cycle WHERE id = ?", cy, 1, &st,
			e) != 0)
		return -1;
	if (store_step(st, e) == 1)
		snprintf(status, sizeof status, "%s", store_col_text(st, 0));
	store_finish(st);
	if (!status[0])
		return err_set(e, ERR_NOT_FOUND, "not_found", "there is no "
			       "cycle %lld", (long long)in->cycle_id);
	if (!strcmp(status, "confirmed"))
		return err_set(e, ERR_CONFLICT, "cycle_confirmed", "the cycle "
			       "is confirmed: nothing in it changes any more");
	if (store_int(s, "SELECT count(*) FROM question WHERE cycle_id = ? AND "
			 "component = ?", k, 2, &n, e) != 0)
		return -1;
	if (n >= QUESTIONS_MAX)
		return err_set(e, ERR_CONFLICT, "too_many_questions", "a "
			       "questionnaire has at most %d questions",
			       QUESTIONS_MAX);
	char *options = in->options ? json_dumps(in->options, JSON_COMPACT)
				    : NULL;
	if (store_next_id(s, "question", &id, e) != 0) {
		free(options);
		return -1;
	}
	struct store_value v[] = { STORE_I(id), STORE_I(in->cycle_id),
				   STORE_T(in->component), STORE_I(n + 1),
				   STORE_T(in->kind), STORE_T(in->text),
				   STORE_T(options), STORE_I(in->required) };
	int rc = store_run(s, "INSERT INTO question (id, cycle_id, component, "
			   "position, kind, text, options, required) VALUES "
			   "(?, ?, ?, ?, ?, ?, ?, ?)", v, 8, NULL, e);
	free(options);
	if (rc != 0)
		return -1;
	json_t *after = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)id,
				  "component", in->component, "kind", in->kind,
				  "text", in->text);
	snprintf(object, sizeof object, "cycle:%lld", (long long)in->cycle_id);
	rc = audit_log_append(s, c->who, "cycle.question", object, NULL, after,
			      e);
	json_decref(after);
	return rc;
}

int questions_add(struct app *a, const struct actor *who,
		  const struct questions_new *in, json_t **out, struct err *e)
{
	struct questions_ctx c = { .who = who, .in = in };
	if (!in->component || !*in->component)
		return err_set_at(e, ERR_INVALID, "missing_field", "component",
				  "name the ratings component the "
				  "questionnaire goes with");
	if (questions_check_new(in, e) != 0 ||
	    app_tx(a, questions_add_tx, &c, e) != 0)
		return -1;
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = questions_list(s, in->cycle_id, in->component, items, e);
	app_release(a, s);
	if (rc != 0) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

/* --- answers ------------------------------------------------------------------- */

/* Whether answer fits question q (a JSON question). */
static bool questions_fits(const json_t *q, const char *answer)
{
	const char *kind = json_string_value(json_object_get(q, "kind"));
	char *end;
	if (!answer || !*answer)
		return false;
	if (!strcmp(kind, "text"))
		return questions_text_ok(answer);
	/* One way to write a number: digits, no sign, space or leading 0
	 * (each answer is one counted row). */
	size_t len = strlen(answer);
	if (strspn(answer, "0123456789") != len || len > 3 ||
	    (len > 1 && answer[0] == '0'))
		return false;
	long v = strtol(answer, &end, 10);
	if (!strcmp(kind, "scale"))
		return v >= 1 && v <= QUESTIONS_SCALE_MAX;
	return v >= 0 && (size_t)v < json_array_size(json_object_get(q,
								      "options"));
}

int questions_check(struct store *s, int64_t cycle_id, const char *component,
		    const struct questions_answer *a, size_t n, struct err *e)
{
	json_t *qs = json_array(), *q;
	size_t i;
	int rc = -1;
	if (questions_list(s, cycle_id, component, qs, e) != 0)
		goto out;
	for (size_t k = 0; k < n; k++) {
		json_t *found = NULL;
		json_array_foreach(qs, i, q)
			if (json_integer_value(json_object_get(q, "id")) ==
			    a[k].question_id)
				found = q;
		for (size_t j = 0; j < k; j++)
			if (a[j].question_id == a[k].question_id) {
				err_set_at(e, ERR_INVALID, "duplicate_answer",
					   "answers", "question %lld is "
					   "answered twice",
					   (long long)a[k].question_id);
				goto out;
			}
		if (!found) {
			err_set_at(e, ERR_INVALID, "unknown_question", "answers",
				   "there is no question %lld here",
				   (long long)a[k].question_id);
			goto out;
		}
		if (!questions_fits(found, a[k].answer)) {
			err_set_at(e, ERR_INVALID, "invalid_answer", "answers",
				   "the answer to question %lld does not fit "
				   "it (an option's number, 1 to %d, or text "
				   "of at most %d characters)",
				   (long long)a[k].question_id,
				   QUESTIONS_SCALE_MAX, QUESTIONS_TEXT_MAX);
			goto out;
		}
	}
	json_array_foreach(qs, i, q) {
		bool answered = false;
		json_int_t id = json_integer_value(json_object_get(q, "id"));
		for (size_t k = 0; k < n; k++)
			answered = answered || a[k].question_id == id;
		if (json_is_true(json_object_get(q, "required")) && !answered) {
			err_set_at(e, ERR_INVALID, "answer_required", "answers",
				   "question %lld must be answered",
				   (long long)id);
			goto out;
		}
	}
	rc = 0;
out:
	json_decref(qs);
	return rc;
}

int questions_write(struct store *s, const struct questions_answer *a,
		    size_t n, struct err *e)
{
	for (size_t k = 0; k < n; k++) {
		struct store_value kind[] = { STORE_I(a[k].question_id) };
		struct store_stmt *st;
		bool text = false;
		if (store_query(s, "SELECT kind FROM question WHERE id = ?",
				kind, 1, &st, e) != 0)
			return -1;
		if (store_step(st, e) == 1)
			text = !strcmp(store_col_text(st, 0), "text");
		store_finish(st);
		char slot[17];
		secret_code(slot, sizeof slot);
		struct store_value v[] = { STORE_I(a[k].question_id),
					   STORE_T(text ? slot : a[k].answer),
					   STORE_T(a[k].answer) };
		int rc = text
			? store_run(s, "INSERT INTO question_text (question_id, "
				    "slot, text) VALUES (?, ?, ?)", v, 3, NULL, e)
			: store_run(s, "INSERT INTO question_count (question_id, "
				    "answer, n) VALUES (?, ?, 1) ON CONFLICT "
				    "(question_id, answer) DO UPDATE SET n = n + "
				    "1", v, 2, NULL, e);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* Counts (choice, scale) or texts of one question into q. */
static int questions_tally(struct store *s, json_t *q, struct err *e)
{
	json_int_t id = json_integer_value(json_object_get(q, "id"));
	const char *kind = json_string_value(json_object_get(q, "kind"));
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	json_t *list = json_array();
	int64_t total = 0, sum = 0;
	int r;
	bool text = !strcmp(kind, "text");
	if (store_query(s, text ? "SELECT text FROM question_text WHERE "
				  "question_id = ? ORDER BY slot"
				: "SELECT answer, n FROM question_count WHERE "
				  "question_id = ? ORDER BY CAST(answer AS "
				  "INTEGER)", v, 1, &st, e) != 0) {
		json_decref(list);
		return -1;
	}
	while ((r = store_step(st, e)) == 1) {
		if (text) {
			json_array_append_new(list, json_string(
				store_col_text(st, 0)));
			total++;
			continue;
		}
		int64_t answer = strtoll(store_col_text(st, 0), NULL, 10);
		int64_t n = store_col_int(st, 1);
		json_array_append_new(list, json_pack("{s:I,s:I}", "answer",
			(json_int_t)answer, "count", (json_int_t)n));
		total += n;
		sum += answer * n;
	}
	store_finish(st);
	json_object_set_new(q, text ? "texts" : "counts", list);
	json_object_set_new(q, "answered", json_integer(total));
	if (!strcmp(kind, "scale"))
		json_object_set_new(q, "mean", total ? json_real((double)sum /
						(double)total) : json_null());
	return r < 0 ? -1 : 0;
}

int questions_results(struct app *a, int64_t cycle_id, const char *component,
		      json_t **out, struct err *e)
{
	json_t *qs = json_array(), *q;
	size_t i;
	struct store *s = app_acquire(a);
	int rc = questions_list(s, cycle_id, component, qs, e);
	json_array_foreach(qs, i, q)
		if (rc == 0)
			rc = questions_tally(s, q, e);
	app_release(a, s);
	if (rc != 0) {
		json_decref(qs);
		return -1;
	}
	*out = json_pack("{s:o}", "items", qs);
	return 0;
}
