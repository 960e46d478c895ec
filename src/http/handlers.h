/* handlers: one function per route; each parses its input, calls one
 * service of the app layer and presents the answer. No SQL, no rules. */
#ifndef KAOHE_HANDLERS_H
#define KAOHE_HANDLERS_H

#include "http/request.h"

#define HANDLER(name) \
	int name(struct request *rq, struct response *rs, struct err *e)

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
HANDLER(h_audit_list);
HANDLER(h_audit_verify);

#endif
