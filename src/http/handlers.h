/* handlers: one function per route; each parses its input, calls one
 * service of the app layer and presents the answer. No SQL, no rules. */
#ifndef KAOHE_HANDLERS_H
#define KAOHE_HANDLERS_H

#include "http/request.h"

#define HANDLER(name) \
	int name(struct request *rq, struct response *rs, struct err *e)

/* The list queries of people, employments and assignments, shared by
 * their lists and their exports (h_people.c, h_staffing.c,
 * h_assignments.c). */
struct people_query;
struct employments_query;
struct assignments_query;
int h_people_query(const struct request *rq, struct people_query *q,
		   struct err *e);
int h_employments_query(const struct request *rq,
			struct employments_query *q, struct err *e);
/* The filters of a plan's entries, shared by the list and its export
 * (h_plans.c); paging too. */
struct plans_query;
int h_plans_query(const struct request *rq, struct plans_query *q,
		  struct err *e);
int h_assignments_query(const struct request *rq,
			struct assignments_query *q, struct err *e);

HANDLER(h_health);
HANDLER(h_session_login);
HANDLER(h_session_get);
HANDLER(h_session_logout);
HANDLER(h_session_password);
HANDLER(h_users_list);
HANDLER(h_users_add);
HANDLER(h_users_get);
HANDLER(h_users_lock);
HANDLER(h_users_unlock);
HANDLER(h_users_password);
HANDLER(h_users_roles);
HANDLER(h_units_list);
HANDLER(h_units_get);
HANDLER(h_units_add);
HANDLER(h_units_update);
HANDLER(h_units_functions);
HANDLER(h_units_quota);
HANDLER(h_units_delete);
HANDLER(h_people_list);
HANDLER(h_people_get);
HANDLER(h_people_add);
HANDLER(h_people_update);
HANDLER(h_people_id_number);
HANDLER(h_employments_list);
HANDLER(h_employments_get);
HANDLER(h_employments_add);
HANDLER(h_employments_end);
HANDLER(h_agencies_list);
HANDLER(h_agencies_add);
HANDLER(h_contracts_add);
HANDLER(h_imports_template);
HANDLER(h_imports_run);
HANDLER(h_imports_scores_template);
HANDLER(h_imports_scores);
HANDLER(h_imports_applications_template);
HANDLER(h_imports_applications);
HANDLER(h_imports_entries_template);
HANDLER(h_imports_entries);
HANDLER(h_imports_values_template);
HANDLER(h_imports_values);
HANDLER(h_exports_people);
HANDLER(h_exports_employments);
HANDLER(h_exports_units);
HANDLER(h_exports_results);
HANDLER(h_exports_pay_scale);
HANDLER(h_exports_pay_parity);
HANDLER(h_exports_agencies);
HANDLER(h_exports_assignments);
HANDLER(h_exports_projects);
HANDLER(h_exports_selection);
HANDLER(h_pay_scale);
HANDLER(h_pay_sequences_add);
HANDLER(h_pay_grades_set);
HANDLER(h_pay_positions_add);
HANDLER(h_pay_positions_update);
HANDLER(h_pay_assignments_list);
HANDLER(h_pay_assignments_add);
HANDLER(h_pay_parity);
HANDLER(h_pay_steps_due);
HANDLER(h_pay_step);
HANDLER(h_cycles_subject_person);
HANDLER(h_cycles_list);
HANDLER(h_cycles_add);
HANDLER(h_cycles_copy);
HANDLER(h_cycles_more_subjects);
HANDLER(h_cycles_workbook);
HANDLER(h_cycles_get);
HANDLER(h_cycles_values);
HANDLER(h_cycles_completeness);
HANDLER(h_cycles_value_set);
HANDLER(h_cycles_value_delete);
HANDLER(h_cycles_subject_unit);
HANDLER(h_cycles_open);
HANDLER(h_cycles_compute);
HANDLER(h_cycles_confirm);
HANDLER(h_cycles_results);
HANDLER(h_cycles_result);
HANDLER(h_cycles_adjust);
HANDLER(h_cycles_adjustments);
HANDLER(h_cycles_whatif);
HANDLER(h_cycles_unit_grades);
HANDLER(h_cycles_file_get);
HANDLER(h_cycles_file_put);
HANDLER(h_ballots_issue);
HANDLER(h_ballots_turnout);
HANDLER(h_ballots_form);
HANDLER(h_ballots_submit);
HANDLER(h_questions_add);
HANDLER(h_questions_results);
HANDLER(h_qr);
HANDLER(h_routine_account);
HANDLER(h_routine_share);
HANDLER(h_routine_list);
HANDLER(h_routine_write);
HANDLER(h_routine_rate);
HANDLER(h_my_results);
HANDLER(h_elections_list);
HANDLER(h_elections_add);
HANDLER(h_elections_get);
HANDLER(h_elections_tokens);
HANDLER(h_elections_open);
HANDLER(h_elections_close);
HANDLER(h_elections_appoint);
HANDLER(h_election_form);
HANDLER(h_election_vote);
HANDLER(h_assignments_list);
HANDLER(h_assignments_add);
HANDLER(h_assignments_end);
HANDLER(h_projects_list);
HANDLER(h_projects_get);
HANDLER(h_projects_add);
HANDLER(h_projects_step);
HANDLER(h_projects_start);
HANDLER(h_projects_commissioners);
HANDLER(h_projects_rate);
HANDLER(h_projects_pull);
HANDLER(h_selections_list);
HANDLER(h_selections_get);
HANDLER(h_selections_add);
HANDLER(h_selections_post);
HANDLER(h_selections_apply);
HANDLER(h_selections_scores);
HANDLER(h_selections_shortlist);
HANDLER(h_selections_rank);
HANDLER(h_selections_withdraw);
HANDLER(h_selections_appoint);
HANDLER(h_plans_list);
HANDLER(h_plans_add);
HANDLER(h_plans_get);
HANDLER(h_plans_start);
HANDLER(h_plans_close);
HANDLER(h_plans_entries);
HANDLER(h_plans_entry_add);
HANDLER(h_plans_entries_add);
HANDLER(h_plans_propose);
HANDLER(h_plans_decide);
HANDLER(h_plans_entry_remove);
HANDLER(h_exports_plan);
HANDLER(h_audit_list);
HANDLER(h_audit_verify);

#endif
