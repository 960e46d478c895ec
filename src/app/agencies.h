/* agencies: the staffing companies and social service centres that staff
 * are bought from, and the service contracts (政府购买服务) under which
 * they provide dispatched staff or social workers to a unit: headcount,
 * period and price. A contract's list shows how many of its places are
 * taken today (employments under it, app/employments). Writes are
 * audited (agency.add, contract.add). Permission is the caller's. Must
 * not know about HTTP or the terminal. */
#ifndef KAOHE_AGENCIES_H
#define KAOHE_AGENCIES_H

#include <stdint.h>

#include <jansson.h>

#include "app/app.h"

#define AGENCIES_NAME_MAX 100    /* characters of an agency's name */
#define AGENCIES_CONTACT_MAX 100 /* characters of its contact */

/* A new agency. Strings are borrowed; NULL: none. */
struct agencies_input {
	const char *name;
	const char *kind;        /* staffing_company, social_service_centre */
	const char *credit_code; /* 18 characters of digits and capitals */
	const char *contact;
};

/* A new service contract. Strings are borrowed. */
struct agencies_contract_input {
	int64_t agency_id, unit_id;
	const char *staff_type; /* dispatched, social_worker */
	const char *document;   /* the contract's number */
	int64_t headcount;
	const char *start_date, *end_date; /* yyyy-mm-dd, both days in */
	int64_t price_fen;
};

/* Every agency by name, each with its contracts. Returns a new object
 * {"items": [...]}. */
int agencies_list(struct app *a, json_t **out, struct err *e);
/* ERR_CONFLICT "duplicate_name" when the name is taken. *out is the new
 * agency, a new object. */
int agencies_add(struct app *a, const struct actor *who,
		 const struct agencies_input *in, json_t **out, struct err *e);
/* The service contract whose document number is document;
 * ERR_INVALID "unknown_contract" where field otherwise. */
int agencies_contract_find(struct store *s, const char *document,
			   const char *field, int64_t *out, struct err *e);
/* *out is the new contract, with "filled" (taken today), a new object. */
int agencies_contract_add(struct app *a, const struct actor *who,
			  const struct agencies_contract_input *in,
			  json_t **out, struct err *e);

#endif
