/* people: person records (S2): who a cadre is — name, gender, birth date,
 * resident ID number, the national codes (ethnicity, political status,
 * education), school and phone — and the unit of the current post, which
 * decides which reporters see the record. The checks of the ID number and
 * the codes are core/idnum's and core/codes'; this module adds that the
 * gender and birth date agree with the ID number, keeps the number unique,
 * and records every write in the audit log in the same transaction
 * (actions person.add, person.update; object "person:<id>").
 *
 * The whole ID number leaves this module only through people_id_number,
 * which writes the audit record person.id_number_view; every other answer
 * and every audit record carries it masked (core/idnum's idnum_mask).
 * Permission is the caller's; a reader's scope is passed in as in
 * app/units. Must not know about HTTP or the terminal. */
#ifndef KAOHE_PEOPLE_H
#define KAOHE_PEOPLE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "app/app.h"
#include "core/idnum.h"

#define PEOPLE_NAME_MAX 50    /* characters of a name */
#define PEOPLE_SCHOOL_MAX 100 /* characters of a school's name */
#define PEOPLE_PHONE_MAX 20   /* characters of a phone number */

/* A person as given: the whole record (an update replaces every field).
 * Strings are borrowed. */
struct people_input {
	const char *name;             /* 1..PEOPLE_NAME_MAX characters */
	const char *gender;           /* GB/T 2261.1; NULL: from id_number */
	const char *birth_date;       /* yyyy-mm-dd; NULL: from id_number */
	const char *id_number;        /* 18 characters; a lowercase x is X */
	const char *ethnicity;        /* GB 3304, "01" */
	const char *political_status; /* GB/T 4762 */
	const char *education;        /* GB/T 4658 */
	const char *school;           /* NULL: none */
	const char *school_tier;      /* "985", "211", "other"; NULL: none */
	const char *phone;            /* digits, '+', '-'; NULL: none */
	int64_t unit_id;              /* the current post's unit; 0: none */
};

/* The orders of a list (app/people_order). */
enum people_sort {
	PEOPLE_SORT_PINYIN, /* by the pinyin of the name (the default) */
	PEOPLE_SORT_STROKE, /* by surname strokes, 姓氏笔画 */
	PEOPLE_SORT_BIRTH,  /* oldest first */
};

/* What a list asks for. Strings are borrowed; NULL: no filter. */
struct people_query {
	const char *search;     /* an exact ID number, else part of a name */
	int64_t unit_id;        /* 0: any */
	bool below;             /* unit_id and the units below it */
	const char *gender;     /* a code */
	const char *education;  /* a code */
	const char *staff_type; /* of the current main employment */
	const char *rank;       /* of the current main employment */
	int age_min, age_max;   /* whole years today; -1: no bound */
	enum people_sort sort;
	int64_t offset, limit;
};

/* Parses "pinyin", "stroke", "birth" (NULL: pinyin); ERR_INVALID naming
 * "sort" otherwise. */
int people_sort_parse(const char *s, enum people_sort *out, struct err *e);

/* The people within scope (UNITS_SCOPE_ALL, a unit id: people whose unit
 * is that unit or below it, UNITS_SCOPE_NONE) matching q, in q's order
 * then by id, paged: {"items", "total", "offset", "limit"}. ID numbers
 * masked. Returns a new object. */
int people_list(struct app *a, int64_t scope, const struct people_query *q,
		json_t **out, struct err *e);
/* One person as in the list; ERR_NOT_FOUND when there is none or it is
 * outside scope. Returns a new object. */
int people_get(struct app *a, int64_t scope, int64_t id, json_t **out,
	       struct err *e);

/* Adds a person; ERR_CONFLICT (field id_number) when the ID number is
 * taken. *out is the new record (as people_get), a new object. */
int people_add(struct app *a, const struct actor *who,
	       const struct people_input *in, json_t **out, struct err *e);
/* Adds a person in the caller's transaction on s (for imports and the
 * demo, which add many in one); *id is the new person's. Audited. */
int people_add_in(struct store *s, const struct actor *who,
		  const struct people_input *in, int64_t *id, struct err *e);
/* The person whose ID number is number (a lowercase x taken as X);
 * ERR_INVALID "unknown_person" where field otherwise. */
int people_find(struct store *s, const char *number, const char *field,
		int64_t *out, struct err *e);
/* Replaces the record of person id with in; an id_number of NULL keeps
 * the stored number (so that who sees it only masked can still correct
 * the rest). */
int people_update(struct app *a, const struct actor *who, int64_t id,
		  const struct people_input *in, json_t **out, struct err *e);

/* The whole ID number of person id into out, and the audit record
 * person.id_number_view (object "person:<id>", without the number) in
 * the same transaction: no record, no number. */
int people_id_number(struct app *a, const struct actor *who, int64_t id,
		     char out[IDNUM_LEN + 1], struct err *e);

#endif
