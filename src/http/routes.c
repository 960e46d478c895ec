/* routes: the route table and the checks in front of every handler. */
#include "routes.h"

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/secret.h"
#include "http/body.h"
#include "app/users.h"
#include "http/handlers.h"

#define SYS ROLE_SYSADMIN
#define SEC ROLE_SECADMIN
#define AUD ROLE_AUDITOR
#define ASR ROLE_ASSESSOR
#define REP ROLE_REPORTER
#define CHG ROUTE_DURING_CHANGE
#define JSN ROUTE_JSON
#define UPL ROUTE_UPLOAD
#define CDR ROLE_CADRE

const struct route routes_table[] = {
	{ "GET", "/api/v1/health", h_health, NEEDS_ANYONE, 0,
	  "liveness and version" },
	{ "POST", "/api/v1/session", h_session_login, NEEDS_ANYONE, JSN,
	  "log in" },
	{ "GET", "/api/v1/session", h_session_get, NEEDS_ACCOUNT, CHG,
	  "who is logged in" },
	{ "DELETE", "/api/v1/session", h_session_logout, NEEDS_ACCOUNT, CHG,
	  "log out" },
	{ "PUT", "/api/v1/session/password", h_session_password, NEEDS_ACCOUNT,
	  CHG | JSN, "change one's password" },
	{ "GET", "/api/v1/users", h_users_list, SYS | SEC, 0, "list accounts" },
	{ "POST", "/api/v1/users", h_users_add, SYS, JSN, "add an account" },
	{ "GET", "/api/v1/users/{id}", h_users_get, SYS | SEC, 0,
	  "one account" },
	{ "POST", "/api/v1/users/{id}/lock", h_users_lock, SYS, 0,
	  "lock an account" },
	{ "POST", "/api/v1/users/{id}/unlock", h_users_unlock, SYS, 0,
	  "unlock an account" },
	{ "POST", "/api/v1/users/{id}/password", h_users_password, SYS, 0,
	  "reset an account's password" },
	{ "PUT", "/api/v1/users/{id}/roles", h_users_roles, SEC, JSN,
	  "set an account's roles" },
	{ "GET", "/api/v1/units", h_units_list, ASR | REP, 0,
	  "the tree of units with quotas and figures" },
	{ "POST", "/api/v1/units", h_units_add, ASR, JSN, "add a unit" },
	{ "GET", "/api/v1/units/{id}", h_units_get, ASR | REP, 0, "one unit" },
	{ "PUT", "/api/v1/units/{id}", h_units_update, ASR, JSN,
	  "rename or move a unit" },
	{ "PUT", "/api/v1/units/{id}/functions", h_units_functions, ASR, JSN,
	  "set the functions a unit carries" },
	{ "PUT", "/api/v1/units/{id}/quotas", h_units_quota, ASR, JSN,
	  "set an approved quota line" },
	{ "DELETE", "/api/v1/units/{id}", h_units_delete, ASR, 0,
	  "delete a unit" },
	{ "GET", "/api/v1/people", h_people_list, ASR | REP, 0,
	  "person records; search, filters, ID numbers masked" },
	{ "POST", "/api/v1/people", h_people_add, ASR | REP, JSN,
	  "add a person (a reporter: in its unit or below)" },
	{ "GET", "/api/v1/people/{id}", h_people_get, ASR | REP, 0,
	  "one person, ID number masked" },
	{ "PUT", "/api/v1/people/{id}", h_people_update, ASR | REP, JSN,
	  "replace a person's record" },
	{ "GET", "/api/v1/people/{id}/id-number", h_people_id_number, ASR, 0,
	  "the whole ID number (audited)" },
	{ "GET", "/api/v1/employments", h_employments_list, ASR | REP, 0,
	  "employments (posts and ranks); by person, unit, contract" },
	{ "POST", "/api/v1/employments", h_employments_add, ASR, JSN,
	  "appoint: start an employment (quota checked)" },
	{ "GET", "/api/v1/employments/{id}", h_employments_get, ASR | REP, 0,
	  "one employment" },
	{ "POST", "/api/v1/employments/{id}/end", h_employments_end, ASR, JSN,
	  "remove: end an employment" },
	{ "GET", "/api/v1/agencies", h_agencies_list, ASR, 0,
	  "agencies with their service contracts" },
	{ "POST", "/api/v1/agencies", h_agencies_add, ASR, JSN,
	  "add an agency" },
	{ "POST", "/api/v1/contracts", h_contracts_add, ASR, JSN,
	  "add a service contract" },
	{ "GET", "/api/v1/imports/{kind}/template", h_imports_template,
	  ASR | REP, 0, "the spreadsheet template of an import (XLSX, CSV)" },
	{ "POST", "/api/v1/imports/{kind}", h_imports_run, ASR, UPL,
	  "import people, employments, pay, assignments or projects: all "
	  "rows or none" },
	{ "GET", "/api/v1/imports/selections/{id}/scores/template",
	  h_imports_scores_template, ASR, 0,
	  "a campaign's scores sheet of a stage to fill in (XLSX, CSV)" },
	{ "POST", "/api/v1/imports/selections/{id}/scores", h_imports_scores,
	  ASR, UPL, "a campaign's written or interview scores from a "
	  "spreadsheet: all or none" },
	{ "GET", "/api/v1/imports/selections/{id}/applications/template",
	  h_imports_applications_template, ASR, 0,
	  "the template of a campaign's applications (XLSX, CSV)" },
	{ "POST", "/api/v1/imports/selections/{id}/applications",
	  h_imports_applications, ASR, UPL, "a campaign's applications from "
	  "a spreadsheet, each checked for eligibility: all or none" },
	{ "GET", "/api/v1/imports/plans/{id}/entries/template",
	  h_imports_entries_template, ASR, 0,
	  "the template of a plan's entries (XLSX, CSV)" },
	{ "POST", "/api/v1/imports/plans/{id}/entries", h_imports_entries,
	  ASR, UPL, "a plan's cadres with their proposals from a "
	  "spreadsheet: all or none" },
	{ "GET", "/api/v1/imports/cycles/{id}/values/template",
	  h_imports_values_template, ASR | REP, 0,
	  "a cycle's values sheet for one's subjects, filled so far" },
	{ "POST", "/api/v1/imports/cycles/{id}/values", h_imports_values,
	  ASR | REP, UPL, "a cycle's indicator values from a spreadsheet: "
	  "all rows or none" },
	{ "GET", "/api/v1/exports/people", h_exports_people, ASR | REP, 0,
	  "the people list as XLSX or CSV" },
	{ "GET", "/api/v1/exports/employments", h_exports_employments,
	  ASR | REP, 0, "employments as XLSX or CSV" },
	{ "GET", "/api/v1/exports/units", h_exports_units, ASR | REP, 0,
	  "units and their quota figures as XLSX or CSV" },
	{ "GET", "/api/v1/exports/pay-scale", h_exports_pay_scale, ASR | REP,
	  0, "the pay scale as XLSX or CSV" },
	{ "GET", "/api/v1/exports/pay-parity", h_exports_pay_parity, ASR, 0,
	  "the pay-parity report as XLSX or CSV; date" },
	{ "GET", "/api/v1/exports/agencies", h_exports_agencies, ASR, 0,
	  "agencies and their service contracts as XLSX or CSV" },
	{ "GET", "/api/v1/exports/assignments", h_exports_assignments,
	  ASR | REP, 0, "frontline assignments as XLSX or CSV; the filters" },
	{ "GET", "/api/v1/exports/projects", h_exports_projects, ASR, 0,
	  "investment projects, a row per approval step, as XLSX or CSV" },
	{ "GET", "/api/v1/exports/selections/{id}", h_exports_selection, ASR,
	  0, "a campaign's applications in ranking order as XLSX or CSV" },
	{ "GET", "/api/v1/exports/cycles/{id}", h_exports_results, ASR | REP,
	  0, "a cycle's results, or list=bonus the bonus list, as a file" },
	{ "GET", "/api/v1/pay/scale", h_pay_scale, ASR | REP, 0,
	  "the pay scale: sequences with grades and positions" },
	{ "POST", "/api/v1/pay/sequences", h_pay_sequences_add, ASR, JSN,
	  "add a post sequence" },
	{ "PUT", "/api/v1/pay/sequences/{id}/grades", h_pay_grades_set, ASR,
	  JSN, "replace a sequence's salary grades" },
	{ "POST", "/api/v1/pay/positions", h_pay_positions_add, ASR, JSN,
	  "add a position" },
	{ "PUT", "/api/v1/pay/positions/{id}", h_pay_positions_update, ASR,
	  JSN, "replace a position" },
	{ "GET", "/api/v1/pay/assignments", h_pay_assignments_list, ASR, 0,
	  "pay assignments; by employment, person" },
	{ "POST", "/api/v1/pay/assignments", h_pay_assignments_add, ASR, JSN,
	  "assign a dispatched employment a position and pay" },
	{ "GET", "/api/v1/pay/parity", h_pay_parity, ASR, 0,
	  "the pay-parity report (同工同酬) on a date" },
	{ "GET", "/api/v1/cycles", h_cycles_list, ASR | REP, 0,
	  "assessment cycles (a reporter: those with its subjects)" },
	{ "POST", "/api/v1/cycles", h_cycles_add, ASR, UPL,
	  "a new cycle from a workbook folder as a ZIP (the body)" },
	{ "POST", "/api/v1/cycles/{id}/copy", h_cycles_copy, ASR, JSN,
	  "a new draft cycle with this one's schemes and subjects" },
	{ "POST", "/api/v1/cycles/{id}/subjects", h_cycles_more_subjects, ASR,
	  JSN, "subjects of a draft cycle from the records: people or units" },
	{ "GET", "/api/v1/cycles/{id}", h_cycles_get, ASR | REP, 0,
	  "one cycle with its subjects" },
	{ "GET", "/api/v1/cycles/{id}/workbook", h_cycles_workbook, ASR, 0,
	  "the cycle as a workbook folder in a ZIP" },
	{ "GET", "/api/v1/cycles/{id}/files", h_cycles_file_get, ASR | REP, 0,
	  "the configuration files, or one (path) as JSON" },
	{ "PUT", "/api/v1/cycles/{id}/files", h_cycles_file_put, ASR, JSN,
	  "replace a configuration file of a draft cycle, checked whole" },
	{ "GET", "/api/v1/cycles/{id}/completeness", h_cycles_completeness,
	  ASR | REP, 0, "which subjects have not reported which values" },
	{ "GET", "/api/v1/cycles/{id}/values", h_cycles_values, ASR | REP, 0,
	  "indicator values entered; subject" },
	{ "PUT", "/api/v1/cycles/{id}/values", h_cycles_value_set, ASR | REP,
	  JSN, "enter an indicator value" },
	{ "DELETE", "/api/v1/cycles/{id}/values", h_cycles_value_delete,
	  ASR | REP, 0, "remove a value; subject, indicator" },
	{ "PUT", "/api/v1/cycles/{id}/subjects/{subject}/unit",
	  h_cycles_subject_unit, ASR, JSN,
	  "the unit whose reporters enter a subject's values" },
	{ "POST", "/api/v1/cycles/{id}/open", h_cycles_open, ASR, JSN,
	  "open for reporting until a deadline" },
	{ "POST", "/api/v1/cycles/{id}/compute", h_cycles_compute, ASR, 0,
	  "compute with the engine and store the results" },
	{ "POST", "/api/v1/cycles/{id}/confirm", h_cycles_confirm, ASR, 0,
	  "confirm: the cycle is frozen" },
	{ "GET", "/api/v1/cycles/{id}/adjustments", h_cycles_adjustments, ASR,
	  0, "the organisation department's adjustments" },
	{ "POST", "/api/v1/cycles/{id}/adjustments", h_cycles_adjust, ASR, JSN,
	  "adjust: a grade a subject may not exceed, with the reason" },
	{ "POST", "/api/v1/cycles/{id}/whatif", h_cycles_whatif, ASR, JSN,
	  "compute a draft cycle.json and compare grades; stores nothing" },
	{ "GET", "/api/v1/cycles/{id}/results", h_cycles_results, ASR | REP, 0,
	  "results in ranking order" },
	{ "GET", "/api/v1/cycles/{id}/results/{subject}", h_cycles_result,
	  ASR | REP | CDR, 0,
	  "one subject's result, trace and explanation (a cadre: its own)" },
	{ "PUT", "/api/v1/cycles/{id}/subjects/{subject}/account",
	  h_routine_account, ASR, JSN,
	  "the cadre's account a subject is (0: none)" },
	{ "PUT", "/api/v1/cycles/{id}/subjects/{subject}/person",
	  h_cycles_subject_person, ASR, JSN,
	  "the person on record a subject is (0: none)" },
	{ "GET", "/api/v1/pay/steps", h_pay_steps_due, ASR, 0,
	  "dispatched staff due a pay-grade step (S12)" },
	{ "POST", "/api/v1/pay/steps", h_pay_step, ASR, JSN,
	  "approve a step: one grade up" },
	{ "POST", "/api/v1/cycles/{id}/unit-grades", h_cycles_unit_grades,
	  ASR, JSN, "unit grades from a confirmed team cycle (绩效挂钩)" },
	{ "PUT", "/api/v1/cycles/{id}/routine-share", h_routine_share, ASR,
	  JSN, "the cap on the share of good routine ratings" },
	{ "GET", "/api/v1/cycles/{id}/routine", h_routine_list,
	  ASR | REP | CDR, 0, "routine records (a cadre: its own); period" },
	{ "PUT", "/api/v1/cycles/{id}/routine/{subject}/{period}",
	  h_routine_write, ASR | CDR, JSN,
	  "a quarter's work notes and self-summary" },
	{ "POST", "/api/v1/cycles/{id}/routine/{subject}/{period}/rating",
	  h_routine_rate, ASR | REP, JSN, "rate a quarter" },
	{ "GET", "/api/v1/my/results", h_my_results, CDR, 0,
	  "a cadre's own subjects and results" },
	{ "POST", "/api/v1/cycles/{id}/tokens", h_ballots_issue, ASR, JSN,
	  "issue one-time ballot tokens for a rater group" },
	{ "POST", "/api/v1/cycles/{id}/questions", h_questions_add, ASR, JSN,
	  "add a question to a component's questionnaire" },
	{ "GET", "/api/v1/cycles/{id}/questions", h_questions_results, ASR, 0,
	  "a questionnaire's questions and results; component" },
	{ "GET", "/api/v1/cycles/{id}/turnout", h_ballots_turnout, ASR, 0,
	  "tokens issued and spent per rater group" },
	{ "POST", "/api/v1/qr", h_qr, ASR, JSN,
	  "a QR code (SVG) of a short link, for printed token sheets" },
	{ "POST", "/api/v1/ballot/form", h_ballots_form, NEEDS_ANYONE, JSN,
	  "what a token's holder rates (no account)" },
	{ "POST", "/api/v1/ballot", h_ballots_submit, NEEDS_ANYONE, JSN,
	  "submit one anonymous ballot (no account); spends the token" },
	{ "GET", "/api/v1/assignments", h_assignments_list, ASR | REP, 0,
	  "frontline assignments; person_id, unit_id, direction, state" },
	{ "POST", "/api/v1/assignments", h_assignments_add, ASR, JSN,
	  "send a cadre: secondment, frontline, grassroots, commissioner" },
	{ "POST", "/api/v1/assignments/{id}/end", h_assignments_end, ASR, JSN,
	  "end an assignment on its actual last day" },
	{ "GET", "/api/v1/projects", h_projects_list, ASR, 0,
	  "investment projects with their approval progress" },
	{ "POST", "/api/v1/projects", h_projects_add, ASR, JSN,
	  "a signed project with its commissioner and approval steps" },
	{ "GET", "/api/v1/projects/{id}", h_projects_get, ASR, 0,
	  "one project: its approval steps, overdue ones, the start" },
	{ "POST", "/api/v1/projects/{id}/steps/{step}/done", h_projects_step,
	  ASR, JSN, "an approval step done" },
	{ "POST", "/api/v1/projects/{id}/start", h_projects_start, ASR, JSN,
	  "the start of construction" },
	{ "POST", "/api/v1/projects/{id}/rating", h_projects_rate, ASR, JSN,
	  "the enterprise's rating of its commissioner's service" },
	{ "GET", "/api/v1/commissioners", h_projects_commissioners, ASR, 0,
	  "per service commissioner: projects, starts, mean days to start" },
	{ "POST", "/api/v1/cycles/{id}/commissioner-values", h_projects_pull,
	  ASR, JSN, "the commissioners' figures as a cycle's values" },
	{ "GET", "/api/v1/selections", h_selections_list, ASR, 0,
	  "open selection and recruitment campaigns" },
	{ "POST", "/api/v1/selections", h_selections_add, ASR, JSN,
	  "a campaign: the day ages count to, the weights, the ratio" },
	{ "GET", "/api/v1/selections/{id}", h_selections_get, ASR, 0,
	  "one campaign: its posts and applications in ranking order" },
	{ "POST", "/api/v1/selections/{id}/posts", h_selections_post, ASR,
	  JSN, "a post with its places and eligibility rules" },
	{ "POST", "/api/v1/selections/{id}/applications", h_selections_apply,
	  ASR, JSN, "an application, checked against the post's rules" },
	{ "POST", "/api/v1/selections/{id}/scores", h_selections_scores, ASR,
	  JSN, "written or interview scores" },
	{ "POST", "/api/v1/selections/{id}/shortlist", h_selections_shortlist,
	  ASR, JSN, "the shortlist for interviews at the ratio" },
	{ "POST", "/api/v1/selections/{id}/rank", h_selections_rank, ASR, JSN,
	  "the ranking by the assessment engine" },
	{ "POST", "/api/v1/selections/{id}/applications/{app}/withdraw",
	  h_selections_withdraw, ASR, JSN, "an applicant withdraws" },
	{ "POST", "/api/v1/selections/{id}/applications/{app}/appoint",
	  h_selections_appoint, ASR, JSN,
	  "appoint the next in line: ends the present post, starts the new" },
	{ "GET", "/api/v1/plans", h_plans_list, ASR | REP, 0,
	  "redeployment plans with their counts (a reporter: its units')" },
	{ "POST", "/api/v1/plans", h_plans_add, ASR, JSN,
	  "draw up a redeployment plan" },
	{ "GET", "/api/v1/plans/{id}", h_plans_get, ASR | REP, 0,
	  "one plan: counts by state, route, home and receiving unit" },
	{ "POST", "/api/v1/plans/{id}/start", h_plans_start, ASR, JSN,
	  "carry a draft plan out under its document" },
	{ "POST", "/api/v1/plans/{id}/close", h_plans_close, ASR, 0,
	  "close a plan whose entries are all decided" },
	{ "GET", "/api/v1/plans/{id}/entries", h_plans_entries, ASR | REP, 0,
	  "a plan's cadres; decision, route, home_unit_id, receiving_unit_id" },
	{ "POST", "/api/v1/plans/{id}/entries", h_plans_entry_add, ASR, JSN,
	  "add a cadre to a plan" },
	{ "POST", "/api/v1/plans/{id}/entries/bulk", h_plans_entries_add, ASR,
	  JSN, "add a unit's cadres by post level, rank, staff type" },
	{ "PUT", "/api/v1/plans/{id}/entries/{entry}/proposal",
	  h_plans_propose, ASR, JSN, "propose a route and a receiving unit" },
	{ "POST", "/api/v1/plans/{id}/entries/{entry}/decision",
	  h_plans_decide, ASR, JSN,
	  "decide by a document: the assignment made, the quota checked" },
	{ "DELETE", "/api/v1/plans/{id}/entries/{entry}", h_plans_entry_remove,
	  ASR, 0, "take a pending cadre off a plan" },
	{ "GET", "/api/v1/exports/plans/{id}", h_exports_plan, ASR | REP, 0,
	  "a plan's entries as XLSX or CSV" },
	{ "GET", "/api/v1/elections", h_elections_list, ASR, 0,
	  "station head elections (S4)" },
	{ "POST", "/api/v1/elections", h_elections_add, ASR, JSN,
	  "set up an election: a station, a title, the candidates" },
	{ "GET", "/api/v1/elections/{id}", h_elections_get, ASR, 0,
	  "one election: candidates, turnout, tally and result once closed" },
	{ "POST", "/api/v1/elections/{id}/tokens", h_elections_tokens, ASR,
	  JSN, "issue one-time voter tokens" },
	{ "POST", "/api/v1/elections/{id}/open", h_elections_open, ASR, 0,
	  "open the vote" },
	{ "POST", "/api/v1/elections/{id}/close", h_elections_close, ASR, 0,
	  "close the vote: the tally and the result" },
	{ "POST", "/api/v1/elections/{id}/appoint", h_elections_appoint, ASR,
	  JSN, "record the winner's concurrent posts" },
	{ "POST", "/api/v1/election/form", h_election_form, NEEDS_ANYONE, JSN,
	  "what a voter's token shows (no account)" },
	{ "POST", "/api/v1/election/vote", h_election_vote, NEEDS_ANYONE, JSN,
	  "cast one secret ballot (no account); spends the token" },
	{ "GET", "/api/v1/audit", h_audit_list, AUD, 0, "read the audit log" },
	{ "GET", "/api/v1/audit/verify", h_audit_verify, AUD, 0,
	  "verify the audit chain" },
};

const size_t routes_count = sizeof routes_table / sizeof routes_table[0];

static bool routes_reads(const char *method)
{
	return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
}

/* The session, the roles, CSRF and the forced password change. */
static int routes_admit(struct request *rq, const struct route *r,
			struct err *e)
{
	if (r->needs == NEEDS_ANYONE)
		return 0;
	if (!rq->session)
		return e->code ? -1
			       : err_set(e, ERR_UNAUTHENTICATED,
					 "unauthenticated", "please log in");
	err_clear(e);
	if (r->needs != NEEDS_ACCOUNT && !(rq->session->roles & r->needs))
		return err_set(e, ERR_FORBIDDEN, "forbidden",
			       "your roles do not allow this");
	if (!routes_reads(rq->method) &&
	    (!rq->csrf || !secret_equal(rq->csrf, rq->session->csrf)))
		return err_set(e, ERR_FORBIDDEN, "csrf_failed",
			       "the request lacks the session's CSRF token "
			       "(X-CSRF-Token); reload the page");
	if (rq->session->must_change && !(r->flags & ROUTE_DURING_CHANGE))
		return err_set(e, ERR_FORBIDDEN, "password_change_required",
			       "change your password first");
	return 0;
}

static int routes_body(struct request *rq, const struct route *r,
		       struct err *e)
{
	if (!(r->flags & ROUTE_JSON))
		return 0;
	if (!body_is_json_type(rq->content_type))
		return err_set(e, ERR_UNSUPPORTED, "unsupported_media_type",
			       "the body must be JSON (Content-Type: "
			       "application/json)");
	return body_parse(rq->body, rq->body_len, &rq->json, e);
}

/* Looks up the session cookie. A stale cookie is no session; why it
 * ended stays in e for routes_admit to report. */
static void routes_session(struct request *rq, struct session *sn,
			   struct err *e)
{
	if (rq->cookie_token &&
	    sessions_lookup(rq->app, rq->cookie_token, sn, e) == 0)
		rq->session = sn;
}

void routes_fail(const char *method, const char *path, struct err *e,
		 struct response *rs)
{
	if (e->code == ERR_STORE || e->code == ERR_INTERNAL) {
		/* The detail (SQL, the database's words) is for the operator's
		 * log, not for the client. */
		log_error("%s %s: %s", method, path, e->msg);
		snprintf(e->msg, sizeof e->msg, "the server could not complete "
			 "the request; nothing was changed");
	}
	response_error(rs, e);
}

void routes_dispatch(struct request *rq, struct response *rs)
{
	struct err e = ERR_INIT;
	struct session sn;
	const struct route *r = NULL;
	enum router_result m = router_match(routes_table, routes_count,
					    rq->method, rq->path, rq->arena, &r,
					    rq->params, &rq->nparams, &rs->allow);
	if (m == ROUTER_NOT_FOUND) {
		err_set(&e, ERR_NOT_FOUND, "not_found", "no such API: %s %s",
			rq->method, rq->path);
		goto fail;
	}
	if (m == ROUTER_WRONG_METHOD) {
		err_set(&e, ERR_UNSUPPORTED, "method_not_allowed",
			"%s is not allowed on %s (allowed: %s)", rq->method,
			rq->path, rs->allow);
		goto fail;
	}
	if (r->needs != NEEDS_ANYONE)
		routes_session(rq, &sn, &e);
	if (rq->session)
		rs->account = arena_strdup(rq->arena, rq->session->username);
	if (routes_admit(rq, r, &e) != 0 || routes_body(rq, r, &e) != 0)
		goto fail;
	if (r->fn(rq, rs, &e) == 0)
		goto out;
fail:
	routes_fail(rq->method, rq->path, &e, rs);
out:
	json_decref(rq->json);
	rq->json = NULL;
}

json_t *routes_json(void)
{
	json_t *all = json_array();
	for (size_t i = 0; i < routes_count; i++) {
		const struct route *r = &routes_table[i];
		json_t *roles = r->needs == NEEDS_ANYONE ? json_string("anyone")
			      : r->needs == NEEDS_ACCOUNT
				      ? json_string("account")
				      : users_roles_json(r->needs);
		json_array_append_new(all, json_pack(
			"{s:s,s:s,s:o,s:b,s:b,s:s}", "method", r->method,
			"path", r->path, "roles", roles,
			"during_change", (r->flags & ROUTE_DURING_CHANGE) != 0,
			"json", (r->flags & ROUTE_JSON) != 0,
			"summary", r->summary));
	}
	return all;
}

size_t routes_body_limit(struct app *a, const char *method,
			 const char *path, const char *token,
			 size_t body_limit, size_t upload_limit)
{
	struct arena arena = ARENA_INIT;
	const struct route *r = NULL;
	const char *params[REQUEST_MAX_PARAMS];
	size_t n = 0;
	enum router_result m = router_match(routes_table, routes_count, method,
					    path, &arena, &r, params, &n, NULL);
	arena_free(&arena);
	if (m != ROUTER_FOUND || !(r->flags & ROUTE_UPLOAD) || !token)
		return body_limit;
	struct session sn;
	struct err e = ERR_INIT;
	if (sessions_lookup(a, token, &sn, &e) != 0 ||
	    !(sn.roles & r->needs) || sn.must_change)
		return body_limit;
	return upload_limit;
}
