/* agencies: the agency and service_contract tables. The checks of a
 * contract are core/staffing's; this module adds the references and the
 * uniqueness of an agency's name. */
#include "agencies.h"

#include <stdio.h>
#include <string.h>

#include "app/audit_log.h"
#include "base/utf8.h"
#include "base/wallclock.h"
#include "core/day.h"
#include "core/org.h"
#include "core/staffing.h"

#define AGENCIES_OBJECT_MAX 40
#define AGENCIES_CODE_LEN 18 /* GB 32100 unified social credit code */
#define AGENCIES_CONTRACT_COLS "c.id, c.agency_id, c.unit_id, u.name, " \
	"c.staff_type, c.document, c.headcount, c.start_date, c.end_date, " \
	"c.price_fen, (SELECT count(*) FROM employment e WHERE " \
	"e.contract_id = c.id AND e.concurrent = 0 AND e.start_date <= ?1 " \
	"AND (e.end_date IS NULL OR e.end_date >= ?1))"

static json_t *agencies_contract_json(struct store_stmt *st)
{
	return json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:I,s:I}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "agency_id", (json_int_t)store_col_int(st, 1),
			 "unit_id", (json_int_t)store_col_int(st, 2),
			 "unit_name", store_col_text(st, 3),
			 "staff_type", store_col_text(st, 4),
			 "document", store_col_text(st, 5),
			 "headcount", (json_int_t)store_col_int(st, 6),
			 "start_date", store_col_text(st, 7),
			 "end_date", store_col_text(st, 8),
			 "price_fen", (json_int_t)store_col_int(st, 9),
			 "filled", (json_int_t)store_col_int(st, 10));
}

/* Contracts matching the tail of SQL `where` (one id parameter after
 * today), appended to out keyed by nothing: a flat array. */
static int agencies_contracts(struct store *s, const char *where, int64_t id,
			      json_t *out, struct err *e)
{
	char today[DAY_TEXT_LEN + 1], sql[512];
	struct store_value v[2];
	struct store_stmt *st;
	int r;
	day_format(wallclock_today(), today);
	v[0] = STORE_T(today);
	v[1] = STORE_I(id);
	snprintf(sql, sizeof sql, "SELECT " AGENCIES_CONTRACT_COLS " FROM "
		 "service_contract c JOIN unit u ON u.id = c.unit_id WHERE %s "
		 "ORDER BY c.start_date, c.id", where);
	if (store_query(s, sql, v, 2, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(out, agencies_contract_json(st));
	store_finish(st);
	return r < 0 ? -1 : 0;
}

static json_t *agencies_json(struct store_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:o,s:o,s:s,s:[]}",
			 "id", (json_int_t)store_col_int(st, 0),
			 "name", store_col_text(st, 1),
			 "kind", store_col_text(st, 2),
			 "credit_code", app_col_text(st, 3),
			 "contact", app_col_text(st, 4),
			 "created_at", store_col_text(st, 5),
			 "contracts");
}

/* Agencies (all, or the one id when id > 0) with their contracts. */
static int agencies_load(struct store *s, int64_t id, json_t *items,
			 struct err *e)
{
	struct store_value v[] = { STORE_I(id) };
	struct store_stmt *st;
	int r;
	if (store_query(s, "SELECT id, name, kind, credit_code, contact, "
			   "created_at FROM agency WHERE ?1 = 0 OR id = ?1 "
			   "ORDER BY name, id", v, 1, &st, e) != 0)
		return -1;
	while ((r = store_step(st, e)) == 1)
		json_array_append_new(items, agencies_json(st));
	store_finish(st);
	if (r < 0)
		return -1;
	size_t i;
	json_t *ag;
	json_array_foreach(items, i, ag) {
		json_int_t aid = json_integer_value(json_object_get(ag, "id"));
		if (agencies_contracts(s, "c.agency_id = ?2", aid,
				       json_object_get(ag, "contracts"), e))
			return -1;
	}
	return 0;
}

int agencies_list(struct app *a, json_t **out, struct err *e)
{
	json_t *items = json_array();
	struct store *s = app_acquire(a);
	int rc = agencies_load(s, 0, items, e);
	app_release(a, s);
	if (rc != 0) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

/* --- writes -------------------------------------------------------------- */

static int agencies_text(const char *s, const char *field, size_t max,
			 bool required, struct err *e)
{
	size_t len = s ? strlen(s) : 0;
	if (!s && !required)
		return 0;
	if (len == 0 || strspn(s, " \t\r\n") == len)
		return err_set_at(e, ERR_INVALID, "missing_field", field,
				  "%s is missing", field);
	if (!utf8_valid(s, len, NULL) || utf8_length(s, len) > max)
		return err_set_at(e, ERR_INVALID, "invalid_field", field,
				  "%s is not text of at most %zu characters",
				  field, max);
	return 0;
}

static int agencies_check(const struct agencies_input *in, struct err *e)
{
	enum staffing_agency_kind k;
	const char *code = in->credit_code;
	if (agencies_text(in->name, "name", AGENCIES_NAME_MAX, true, e) != 0 ||
	    agencies_text(in->contact, "contact", AGENCIES_CONTACT_MAX, false,
			  e) != 0)
		return -1;
	if (!in->kind || staffing_agency_kind_parse(in->kind, &k) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "kind",
				  "the kind is staffing_company or "
				  "social_service_centre");
	if (code && (strlen(code) != AGENCIES_CODE_LEN ||
		     strspn(code, "0123456789ABCDEFGHJKLMNPQRTUWXY") !=
			     AGENCIES_CODE_LEN))
		return err_set_at(e, ERR_INVALID, "invalid_field", "credit_code",
				  "a unified social credit code is 18 digits "
				  "and capital letters (no I, O, S, V, Z)");
	return 0;
}

struct agencies_write {
	const struct actor *who;
	const struct agencies_input *in;
	const struct agencies_contract_input *cin;
	int64_t id;
	json_t *after;
};

static int agencies_add_tx(struct store *s, void *vctx, struct err *e)
{
	struct agencies_write *c = vctx;
	struct store_value dup[] = { STORE_T(c->in->name) };
	char now[WALLCLOCK_ISO_LEN], object[AGENCIES_OBJECT_MAX];
	enum staffing_agency_kind k;
	int64_t n = 0;
	if (store_int(s, "SELECT count(*) FROM agency WHERE name = ?", dup, 1,
		      &n, e) != 0)
		return -1;
	if (n)
		return err_set_at(e, ERR_CONFLICT, "duplicate_name", "name",
				  "there is an agency of that name already");
	staffing_agency_kind_parse(c->in->kind, &k);
	wallclock_iso(wallclock_now_ms(), now);
	if (store_next_id(s, "agency", &c->id, e) != 0)
		return -1;
	struct store_value v[] = { STORE_I(c->id), STORE_T(c->in->name),
				   STORE_T(staffing_agency_kind_name(k)),
				   STORE_T(c->in->credit_code),
				   STORE_T(c->in->contact), STORE_T(now) };
	json_t *items = json_array();
	if (store_run(s, "INSERT INTO agency (id, name, kind, credit_code, "
			 "contact, created_at) VALUES (?, ?, ?, ?, ?, ?)", v, 6,
		      NULL, e) != 0 ||
	    agencies_load(s, c->id, items, e) != 0) {
		json_decref(items);
		return -1;
	}
	c->after = json_incref(json_array_get(items, 0));
	json_decref(items);
	snprintf(object, sizeof object, "agency:%lld", (long long)c->id);
	return audit_log_append(s, c->who, "agency.add", object, NULL,
				c->after, e);
}

int agencies_add(struct app *a, const struct actor *who,
		 const struct agencies_input *in, json_t **out, struct err *e)
{
	struct agencies_write c = { .who = who, .in = in };
	if (agencies_check(in, e) != 0 || app_tx(a, agencies_add_tx, &c, e)) {
		json_decref(c.after);
		return -1;
	}
	*out = c.after;
	return 0;
}

/* The input as core/staffing sees it; ERR_INVALID naming the field. */
static int agencies_contract_parse(const struct agencies_contract_input *in,
				   struct staffing_contract *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	if (!in->staff_type || org_staff_type_parse(in->staff_type,
						    &c->staff_type) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_field", "staff_type",
				  "the staff type is dispatched or "
				  "social_worker");
	if (day_parse(in->start_date, &c->start) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "start_date",
				  "the start date is a real date written "
				  "yyyy-mm-dd");
	if (day_parse(in->end_date, &c->end) != 0)
		return err_set_at(e, ERR_INVALID, "invalid_date", "end_date",
				  "the end date is a real date written "
				  "yyyy-mm-dd");
	c->headcount = in->headcount;
	c->price_fen = in->price_fen;
	if (agencies_text(in->document, "document", ORG_DOCUMENT_MAX, true,
			  e) != 0)
		return -1;
	return staffing_contract_check(c, e);
}

static int agencies_contract_refs(struct store *s,
				  const struct agencies_contract_input *in,
				  struct err *e)
{
	struct store_value ag[] = { STORE_I(in->agency_id) };
	struct store_value un[] = { STORE_I(in->unit_id) };
	int64_t n = 0;
	if (store_int(s, "SELECT count(*) FROM agency WHERE id = ?", ag, 1,
		      &n, e) != 0)
		return -1;
	if (!n)
		return err_set_at(e, ERR_INVALID, "unknown_agency", "agency_id",
				  "there is no agency %lld",
				  (long long)in->agency_id);
	if (store_int(s, "SELECT count(*) FROM unit WHERE id = ?", un, 1, &n,
		      e) != 0)
		return -1;
	if (!n)
		return err_set_at(e, ERR_INVALID, "unknown_unit", "unit_id",
				  "there is no unit %lld",
				  (long long)in->unit_id);
	return 0;
}

static int agencies_contract_tx(struct store *s, void *vctx, struct err *e)
{
	struct agencies_write *c = vctx;
	const struct agencies_contract_input *in = c->cin;
	char now[WALLCLOCK_ISO_LEN], object[AGENCIES_OBJECT_MAX];
	struct staffing_contract k;
	agencies_contract_parse(in, &k, e);
	if (agencies_contract_refs(s, in, e) != 0 ||
	    store_next_id(s, "service_contract", &c->id, e) != 0)
		return -1;
	wallclock_iso(wallclock_now_ms(), now);
	struct store_value v[] = {
		STORE_I(c->id), STORE_I(in->agency_id), STORE_I(in->unit_id),
		STORE_T(org_staff_type_name(k.staff_type)),
		STORE_T(in->document), STORE_I(k.headcount),
		STORE_T(in->start_date), STORE_T(in->end_date),
		STORE_I(k.price_fen), STORE_T(now) };
	json_t *items = json_array();
	if (store_run(s, "INSERT INTO service_contract (id, agency_id, "
			 "unit_id, staff_type, document, headcount, start_date,"
			 " end_date, price_fen, created_at) VALUES (?, ?, ?, ?,"
			 " ?, ?, ?, ?, ?, ?)", v, 10, NULL, e) != 0 ||
	    agencies_contracts(s, "c.id = ?2", c->id, items, e) != 0) {
		json_decref(items);
		return -1;
	}
	c->after = json_incref(json_array_get(items, 0));
	json_decref(items);
	snprintf(object, sizeof object, "contract:%lld", (long long)c->id);
	return audit_log_append(s, c->who, "contract.add", object, NULL,
				c->after, e);
}

int agencies_contract_add(struct app *a, const struct actor *who,
			  const struct agencies_contract_input *in,
			  json_t **out, struct err *e)
{
	struct agencies_write c = { .who = who, .cin = in };
	struct staffing_contract k;
	if (agencies_contract_parse(in, &k, e) != 0 ||
	    app_tx(a, agencies_contract_tx, &c, e) != 0) {
		json_decref(c.after);
		return -1;
	}
	*out = c.after;
	return 0;
}

int agencies_contract_find(struct store *s, const char *document,
			   const char *field, int64_t *out, struct err *e)
{
	struct store_value v[] = { STORE_T(document) };
	struct err ignore = ERR_INIT;
	if (store_int(s, "SELECT min(id) FROM service_contract WHERE "
			 "document = ?", v, 1, out, &ignore) == 0)
		return 0;
	if (ignore.code != ERR_NOT_FOUND) {
		*e = ignore;
		return -1;
	}
	return err_set_at(e, ERR_INVALID, "unknown_contract", field,
			  "there is no service contract '%.60s'", document);
}
