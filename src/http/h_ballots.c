/* h_ballots: one-time tokens (the organisation department issues them
 * and follows turnout) and the anonymous ballot (a rater with a token,
 * no account). The token travels in the JSON body, never in the path or
 * the query, so the access log never holds it. Work in app/ballots. */
#include <string.h>

#include "app/ballots.h"
#include "http/body.h"
#include "http/handlers.h"
#include "http/routes.h"
#include "io/qr.h"

HANDLER(h_ballots_issue)
{
	static const char *const fields[] = { "component", "group", "count",
					      NULL };
	struct ballots_issue in = { 0 };
	struct actor who = request_actor(rq);
	json_t *out;
	if (request_id(rq, 0, &in.cycle_id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "component", true, 256, &in.component, e) ||
	    body_string(rq->json, "group", true, 256, &in.group, e) != 0 ||
	    body_int(rq->json, "count", 0, 1, BALLOTS_ISSUE_MAX, &in.count,
		     e) != 0 ||
	    ballots_issue(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

HANDLER(h_ballots_turnout)
{
	int64_t id;
	json_t *out;
	if (request_id(rq, 0, &id, e) != 0 ||
	    ballots_turnout(rq->app, id, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

HANDLER(h_ballots_form)
{
	static const char *const fields[] = { "token", NULL };
	const char *token;
	json_t *out;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "token", true, 64, &token, e) != 0 ||
	    ballots_form(rq->app, token, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* The "answers": [{"question_id", "answer"}] of a ballot (none when
 * absent) into b. */
static int h_ballots_answers(struct request *rq, struct ballots_ballot *b,
			     struct err *e)
{
	json_t *answers = json_object_get(rq->json, "answers"), *x;
	size_t i;
	if (!answers)
		return 0;
	if (!json_is_array(answers) ||
	    json_array_size(answers) > QUESTIONS_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.answers",
				  "answers is a list of {question_id, answer}");
	struct questions_answer *a = arena_alloc(rq->arena,
		(json_array_size(answers) + 1) * sizeof *a);
	json_array_foreach(answers, i, x) {
		a[i].question_id = json_integer_value(json_object_get(x,
							"question_id"));
		a[i].answer = json_string_value(json_object_get(x, "answer"));
		if (a[i].question_id <= 0 || !a[i].answer)
			return err_set_at(e, ERR_INVALID, "invalid_field",
					  "$.answers", "answer %zu needs a "
					  "question_id and an answer (text)",
					  i + 1);
	}
	b->answers = a;
	b->nanswers = json_array_size(answers);
	return 0;
}

/* The answer to a ballot once its commit is durable (or failed), on the
 * ballot writer's thread. */
static void h_ballots_counted(void *ctx, int rc, const struct err *e)
{
	struct request_later *l = ctx;
	if (rc == 0) {
		response_json(l->rs, 201, json_pack("{s:b}", "counted", 1));
	} else {
		struct err copy = *e;
		routes_fail(l->method, l->path, &copy, l->rs);
	}
	l->answer(l);
}

/* {"token", "ratings": [{"subject", "level"}, ...], "answers": [...]};
 * ratings may be left out of a questionnaire-only response. Under the
 * server the ballot is answered later (rq->later): a thread waiting for
 * the group commit of each ballot in flight kept 64 threads switching on
 * 2 cores and the batches small (13 ballots; 6,400-9,900 ballots a
 * second, docs/benchmarks.md). */
HANDLER(h_ballots_submit)
{
	static const char *const fields[] = { "token", "ratings", "answers",
					      NULL };
	struct ballots_ballot b = { 0 };
	json_t *ratings = json_object_get(rq->json, "ratings"), *x;
	size_t i;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "token", true, 64, &b.token, e) != 0 ||
	    h_ballots_answers(rq, &b, e) != 0)
		return -1;
	if ((ratings && !json_is_array(ratings)) ||
	    (json_array_size(ratings) == 0 && !b.nanswers) ||
	    json_array_size(ratings) > BALLOTS_RATINGS_MAX)
		return err_set_at(e, ERR_INVALID, "invalid_field", "$.ratings",
				  "ratings is a list of {subject, level}, 1 to "
				  "%d of them", BALLOTS_RATINGS_MAX);
	b.n = json_array_size(ratings);
	const char **subjects = arena_alloc(rq->arena,
					    (b.n + 1) * sizeof *subjects);
	const char **levels = arena_alloc(rq->arena, (b.n + 1) * sizeof *levels);
	json_array_foreach(ratings, i, x) {
		subjects[i] = json_string_value(json_object_get(x, "subject"));
		levels[i] = json_string_value(json_object_get(x, "level"));
		if (!subjects[i] || !levels[i])
			return err_set_at(e, ERR_INVALID, "invalid_field",
					  "$.ratings", "rating %zu needs a "
					  "subject and a level (text)", i + 1);
	}
	b.subjects = subjects;
	b.levels = levels;
	if (rq->later) {
		if (ballots_submit_async(rq->app, &b, h_ballots_counted,
					 rq->later, e) != 0)
			return -1;
		rs->later = true;
		return 0;
	}
	if (ballots_submit(rq->app, &b, e) != 0)
		return -1;
	response_json(rs, 201, json_pack("{s:b}", "counted", 1));
	return 0;
}

HANDLER(h_questions_add)
{
	static const char *const fields[] = { "component", "kind", "text",
					      "options", "required", NULL };
	struct questions_new in = { 0 };
	struct actor who = request_actor(rq);
	json_t *out;
	if (request_id(rq, 0, &in.cycle_id, e) != 0 ||
	    body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "component", true, 256, &in.component, e) ||
	    body_string(rq->json, "kind", true, 32, &in.kind, e) != 0 ||
	    body_string(rq->json, "text", true, 4096, &in.text, e) != 0 ||
	    body_bool(rq->json, "required", &in.required, e) != 0)
		return -1;
	in.options = json_object_get(rq->json, "options");
	if (questions_add(rq->app, &who, &in, &out, e) != 0)
		return -1;
	response_json(rs, 201, out);
	return 0;
}

/* The questionnaire's results per question; component. */
HANDLER(h_questions_results)
{
	const char *component = request_query(rq, "component");
	int64_t id;
	json_t *out;
	if (!component)
		return err_set_at(e, ERR_INVALID, "invalid_query", "component",
				  "name the component: ?component=survey");
	if (request_id(rq, 0, &id, e) != 0 ||
	    questions_results(rq->app, id, component, &out, e) != 0)
		return -1;
	response_json(rs, 200, out);
	return 0;
}

/* {"text"}: the QR code of a short link as SVG, for printed token
 * sheets; the text travels in the body, so no log holds a token. */
HANDLER(h_qr)
{
	static const char *const fields[] = { "text", NULL };
	const char *text;
	struct buf svg = BUF_INIT;
	if (body_only(rq->json, fields, e) != 0 ||
	    body_string(rq->json, "text", true, QR_TEXT_MAX, &text, e) != 0 ||
	    qr_svg(text, &svg, e) != 0) {
		buf_free(&svg);
		return -1;
	}
	char *bytes = arena_alloc(rq->arena, svg.len);
	memcpy(bytes, svg.data, svg.len);
	rs->status = 200;
	rs->body = bytes;
	rs->body_len = svg.len;
	rs->content_type = "image/svg+xml";
	buf_free(&svg);
	return 0;
}
