/* codes: the national code tables a person record draws on, as static
 * tables of code, Chinese name and English name:
 *   gender            GB/T 2261.1-2003  人的性别代码
 *   ethnicity         GB 3304-1991      中国各民族名称的罗马字母拼写和代码
 *   political status  GB/T 4762-1984    政治面貌代码
 *   education         GB/T 4658-2006    学历代码
 * Records store the code; the UI offers the names as choices. Pure: no
 * I/O. Tables of the project's own (the school tier 985/211/other, say)
 * are not national standards and do not belong here. */
#ifndef KAOHE_CODES_H
#define KAOHE_CODES_H

#include <stddef.h>

#include "base/err.h"

enum codes_table {
	CODES_GENDER,
	CODES_ETHNICITY,
	CODES_POLITICAL,
	CODES_EDUCATION,
};

#define CODES_TABLE_COUNT 4

struct codes_entry {
	const char *code;    /* as the standard writes it: "1", "01", "14" */
	const char *name_zh; /* the standard's name */
	const char *name_en; /* for the English UI */
};

/* "gender", "ethnicity", "political status", "education": the noun used in
 * messages; NULL for a value that is not a table. */
const char *codes_noun(enum codes_table t);
/* "GB/T 2261.1", ...: the standard the table follows; NULL likewise. */
const char *codes_standard(enum codes_table t);

/* The number of entries of table t (0 for a value that is not a table),
 * and the i-th in the standard's order (NULL when i is out of range), for
 * listing the choices. Entries are static: valid for the program's life. */
size_t codes_count(enum codes_table t);
const struct codes_entry *codes_at(enum codes_table t, size_t i);

/* The entry with code `code`, exactly as written ("01", not "1"); NULL when
 * there is none. */
const struct codes_entry *codes_find(enum codes_table t, const char *code);
/* The entry whose Chinese name is `name` exactly, or whose English name is
 * `name` ignoring ASCII case (for imports that carry names); NULL when
 * there is none. */
const struct codes_entry *codes_find_name(enum codes_table t,
					  const char *name);

/* 0 when code is a code of table t; else an ERR_INVALID error with id
 * "unknown_code" naming `field`, e.g. "'57' is not an ethnicity code of
 * GB 3304". */
int codes_check(enum codes_table t, const char *code, const char *field,
		struct err *e);

#endif
