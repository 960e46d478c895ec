/* test_people: the person record's fields that core checks: resident ID
 * numbers (GB 11643-1999) and the national code tables (GB/T 2261.1,
 * GB 3304, GB/T 4762, GB/T 4658). The valid numbers' check digits are
 * worked out by hand below; numbers built to fail a later check get their
 * check digit from make_id(), written here apart from the library's, so
 * that only the problem under test is wrong. No I/O. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/codes.h"
#include "core/idnum.h"

#define TODAY 20250615

/* --- helpers ------------------------------------------------------------- */

/* Appends the right check character to the 17 digits of d17. */
static void make_id(const char *d17, char out[IDNUM_LEN + 1])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3,
				   7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (d17[i] - '0') * w[i];
	memcpy(out, d17, 17);
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

static void id_ok(const char *text, const char *number, int y, int m, int d,
		  enum idnum_gender g)
{
	struct err e = ERR_INIT;
	struct idnum id;
	memset(&id, 0, sizeof id);
	if (idnum_check(text, TODAY, &id, &e) != 0)
		fail_msg("%s: %s", text, e.msg);
	assert_string_equal(id.number, number);
	assert_int_equal(id.birth_year, y);
	assert_int_equal(id.birth_month, m);
	assert_int_equal(id.birth_day, d);
	assert_int_equal(id.gender, g);
}

/* text must be refused with exactly the message msg. */
static void id_bad(const char *text, const char *msg)
{
	struct err e = ERR_INIT;
	assert_int_equal(idnum_check(text, TODAY, NULL, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.id, "invalid_id_number");
	assert_string_equal(e.where, "id_number");
	assert_string_equal(e.msg, msg);
}

/* Same, for 17 digits given the right check digit. */
static void id_bad17(const char *d17, const char *msg)
{
	char id[IDNUM_LEN + 1];
	make_id(d17, id);
	id_bad(id, msg);
}

/* --- ID numbers ---------------------------------------------------------- */

/* Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; sum mod 11 -> 1 0 X 9 8 7 6
 * 5 4 3 2.
 * 11010519491231002X, the standard's own example:
 *   1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2
 *   = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 -> X.
 *   17th digit 2: female.
 * 440106199001181234:
 *   4*7+4*9+0*10+1*5+0*8+6*4+1*2+9*1+9*6+0*3+0*7+1*9+1*10+8*5+1*8+2*4+3*2
 *   = 28+36+0+5+0+24+2+9+54+0+0+9+10+40+8+8+6 = 239; 239 mod 11 = 8 -> 4.
 *   17th digit 3: male.
 * 320102200002290013 (29 February 2000, a leap year: divisible by 400):
 *   3*7+2*9+0*10+1*5+0*8+2*4+2*2+0*1+0*6+0*3+0*7+2*9+2*10+9*5+0*8+0*4+1*2
 *   = 21+18+0+5+0+8+4+0+0+0+0+18+20+45+0+0+2 = 141; 141 mod 11 = 9 -> 3.
 *   17th digit 1: male. */
static void test_idnum_valid(void **state)
{
	(void)state;
	id_ok("11010519491231002X", "11010519491231002X", 1949, 12, 31,
	      IDNUM_FEMALE);
	id_ok("440106199001181234", "440106199001181234", 1990, 1, 18,
	      IDNUM_MALE);
	id_ok("320102200002290013", "320102200002290013", 2000, 2, 29,
	      IDNUM_MALE);
	assert_int_equal(idnum_check_digit("11010519491231002"), 'X');
	assert_int_equal(idnum_check_digit("44010619900118123"), '4');
	assert_int_equal(idnum_check_digit("32010220000229001"), '3');
	/* out may be NULL: a check only. */
	struct err e = ERR_INIT;
	assert_int_equal(idnum_check("440106199001181234", TODAY, NULL, &e), 0);
	/* The last province codes of the list, and 1 January 1900. */
	char id[IDNUM_LEN + 1];
	make_id("82000019000101002", id);
	assert_int_equal(idnum_check(id, TODAY, NULL, &e), 0);
	make_id("71000019800101002", id);
	assert_int_equal(idnum_check(id, TODAY, NULL, &e), 0);
}

static void test_idnum_lowercase_x(void **state)
{
	(void)state;
	id_ok("11010519491231002x", "11010519491231002X", 1949, 12, 31,
	      IDNUM_FEMALE);
	/* x where the check digit should be a digit: named as X. */
	id_bad("44010619900118123x",
	       "the check digit (character 18) should be 4, not X");
	/* Lowercase only at the end: elsewhere it is not a digit. */
	id_bad("1101051949123100x2",
	       "character 17 of the ID number is 'x', not a digit");
}

static void test_idnum_check_digit(void **state)
{
	(void)state;
	id_bad("110105194912310021",
	       "the check digit (character 18) should be X, not 1");
	id_bad("440106199001181233",
	       "the check digit (character 18) should be 4, not 3");
	id_bad("44010619900118123X",
	       "the check digit (character 18) should be 4, not X");
	/* Two sequence digits swapped (12 and 21): the check digit catches
	 * it. */
	id_bad("440106199001182134",
	       "the check digit (character 18) should be 0, not 4");
}

static void test_idnum_bad_date(void **state)
{
	(void)state;
	id_bad17("44010619990230123",
		 "the birth date 19990230 (characters 7-14) is not a date: "
		 "February 1999 has 28 days");
	id_bad17("44010619990229123",
		 "the birth date 19990229 (characters 7-14) is not a date: "
		 "February 1999 has 28 days");
	/* 1900 is not a leap year (divisible by 100, not by 400). */
	id_bad17("44010619000229123",
		 "the birth date 19000229 (characters 7-14) is not a date: "
		 "February 1900 has 28 days");
	id_bad17("44010619991301123",
		 "the birth date 19991301 (characters 7-14) is not a date: "
		 "there is no month 13");
	id_bad17("44010619990001123",
		 "the birth date 19990001 (characters 7-14) is not a date: "
		 "there is no month 0");
	id_bad17("44010619990431123",
		 "the birth date 19990431 (characters 7-14) is not a date: "
		 "April 1999 has 30 days");
	id_bad17("44010619990100123",
		 "the birth date 19990100 (characters 7-14) is not a date: "
		 "January 1999 has 31 days");
	/* The standard's other example, 440524188001010014 (sum 195, mod 11
	 * = 8 -> 4: its check digit is right), is born in 1880. */
	id_bad("440524188001010014",
	       "the birth date 18800101 (characters 7-14) is before 1900");
	id_bad17("44010618991231123",
		 "the birth date 18991231 (characters 7-14) is before 1900");
}

static void test_idnum_future(void **state)
{
	(void)state;
	id_bad17("44010620250616123",
		 "the birth date 20250616 (characters 7-14) is in the future");
	id_bad17("44010630000101123",
		 "the birth date 30000101 (characters 7-14) is in the future");
	char id[IDNUM_LEN + 1];
	struct err e = ERR_INIT;
	make_id("44010620250615123", id); /* born today */
	assert_int_equal(idnum_check(id, TODAY, NULL, &e), 0);
}

static void test_idnum_province(void **state)
{
	(void)state;
	id_bad17("99010619900118123",
		 "the region code 990106 (characters 1-6) does not name a "
		 "province: 99 is not a province code of GB/T 2260");
	id_bad17("00000019900118123",
		 "the region code 000000 (characters 1-6) does not name a "
		 "province: 00 is not a province code of GB/T 2260");
	/* Gaps between the real ranges, and the Taiwan residence permit. */
	static const char *const bad[] = { "10", "16", "20", "24", "30", "38",
					   "40", "47", "55", "60", "66", "70",
					   "72", "80", "83", "90" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char d17[18], id[IDNUM_LEN + 1];
		memcpy(d17, bad[i], 2);
		memcpy(d17 + 2, "000019900118123", 16);
		make_id(d17, id);
		struct err e = ERR_INIT;
		assert_int_equal(idnum_check(id, TODAY, NULL, &e), -1);
		assert_non_null(strstr(e.msg, "is not a province code"));
	}
}

static void test_idnum_length(void **state)
{
	(void)state;
	id_bad("44010619900118123",
	       "the ID number has 17 characters; it must have 18");
	id_bad("4401061990011812345",
	       "the ID number has 19 characters; it must have 18");
	id_bad("", "the ID number is empty");
	id_bad(NULL, "the ID number is empty");
	/* The old 15-digit form: no century, no check digit. */
	id_bad("440106900118123",
	       "the ID number has 15 digits, the old form; the 18-digit "
	       "number is required (the old 15-digit form is not accepted)");
	id_bad("44010690011812X",
	       "the ID number has 15 characters; it must have 18");
}

static void test_idnum_characters(void **state)
{
	(void)state;
	id_bad("4401A6199001181234",
	       "character 5 of the ID number is 'A', not a digit");
	id_bad("44010619900118123Y",
	       "character 18 of the ID number is 'Y'; it must be a digit or X");
	id_bad("440106-99001181234",
	       "character 7 of the ID number is '-', not a digit");
	id_bad("44010619900118\x01" "234",
	       "character 15 of the ID number is a control character, not a "
	       "digit");
	id_bad("440106 19900118123",
	       "the ID number contains a space at character 7; type it "
	       "without spaces");
	id_bad("440106199001181234 ",
	       "the ID number contains a space at character 19; type it "
	       "without spaces");
	id_bad("\t440106199001181234",
	       "the ID number contains a space at character 1; type it "
	       "without spaces");
	/* A full-width digit １ (U+FF11), as a Chinese input method types it. */
	id_bad("44010619900\xef\xbc\x91" "181234",
	       "character 12 of the ID number is not a digit or X; full-width "
	       "characters such as '１' or 'Ｘ' must be typed half-width");
}

static void test_idnum_mask(void **state)
{
	(void)state;
	char out[IDNUM_LEN + 1];
	idnum_mask("440106199001181234", out);
	assert_string_equal(out, "4401**********1234");
	idnum_mask("11010519491231002X", out);
	assert_string_equal(out, "1101**********002X");
	/* Not 18 characters: nothing shows through. */
	idnum_mask("440106900118123", out);
	assert_string_equal(out, "******************");
	idnum_mask("", out);
	assert_string_equal(out, "******************");
	idnum_mask(NULL, out);
	assert_string_equal(out, "******************");
}

/* --- code tables --------------------------------------------------------- */

static void entry_is(enum codes_table t, const char *code, const char *zh,
		     const char *en)
{
	const struct codes_entry *c = codes_find(t, code);
	assert_non_null(c);
	assert_string_equal(c->name_zh, zh);
	assert_string_equal(c->name_en, en);
	assert_ptr_equal(codes_find_name(t, zh), c);
	assert_ptr_equal(codes_find_name(t, en), c);
}

static void test_codes_counts(void **state)
{
	(void)state;
	assert_int_equal(codes_count(CODES_GENDER), 4);
	assert_int_equal(codes_count(CODES_ETHNICITY), 56 + 2);
	assert_int_equal(codes_count(CODES_POLITICAL), 13);
	assert_int_equal(codes_count(CODES_EDUCATION), 40);
	/* Ethnic groups 01..56 in order, then 97 and 98. */
	for (size_t i = 0; i < 56; i++) {
		char want[3] = { (char)('0' + (i + 1) / 10),
				 (char)('0' + (i + 1) % 10), '\0' };
		assert_string_equal(codes_at(CODES_ETHNICITY, i)->code, want);
	}
	assert_string_equal(codes_at(CODES_ETHNICITY, 56)->code, "97");
	assert_string_equal(codes_at(CODES_ETHNICITY, 57)->code, "98");
	assert_null(codes_at(CODES_ETHNICITY, 58));
	/* Political status 01..13 in order. */
	assert_string_equal(codes_at(CODES_POLITICAL, 0)->code, "01");
	assert_string_equal(codes_at(CODES_POLITICAL, 12)->code, "13");
	/* Every table: codes unique and ascending, names present. */
	for (int t = 0; t < CODES_TABLE_COUNT; t++) {
		size_t n = codes_count((enum codes_table)t);
		for (size_t i = 0; i < n; i++) {
			const struct codes_entry *c =
				codes_at((enum codes_table)t, i);
			assert_true(c->name_zh[0] && c->name_en[0]);
			if (i > 0)
				assert_true(strcmp(codes_at((enum codes_table)t,
							    i - 1)->code,
						   c->code) < 0);
		}
	}
	assert_int_equal(codes_count((enum codes_table)CODES_TABLE_COUNT), 0);
	assert_null(codes_at((enum codes_table)CODES_TABLE_COUNT, 0));
}

static void test_codes_lookup(void **state)
{
	(void)state;
	entry_is(CODES_GENDER, "1", "男性", "Male");
	entry_is(CODES_GENDER, "2", "女性", "Female");
	entry_is(CODES_GENDER, "9", "未说明的性别", "Not stated");
	entry_is(CODES_ETHNICITY, "01", "汉族", "Han");
	entry_is(CODES_ETHNICITY, "04", "藏族", "Tibetan");
	entry_is(CODES_ETHNICITY, "05", "维吾尔族", "Uyghur");
	entry_is(CODES_ETHNICITY, "10", "朝鲜族", "Korean");
	entry_is(CODES_ETHNICITY, "11", "满族", "Manchu");
	entry_is(CODES_ETHNICITY, "56", "基诺族", "Jino");
	entry_is(CODES_ETHNICITY, "98", "外国血统中国籍人士",
		 "Chinese citizen of foreign origin");
	entry_is(CODES_POLITICAL, "01", "中国共产党党员",
		 "Member of the Communist Party of China");
	entry_is(CODES_POLITICAL, "10", "九三学社社员",
		 "Member of the Jiusan Society");
	entry_is(CODES_POLITICAL, "13", "群众", "Ordinary citizen");
	entry_is(CODES_EDUCATION, "14", "硕士研究生毕业",
		 "Master's programme, graduated");
	entry_is(CODES_EDUCATION, "28", "大学普通班毕业",
		 "University general class, graduated");
	entry_is(CODES_EDUCATION, "47", "技工学校毕业",
		 "Skilled workers' school, graduated");
	/* English names ignore case; Chinese names and codes are exact. */
	assert_string_equal(codes_find_name(CODES_ETHNICITY, "uyghur")->code,
			    "05");
	assert_string_equal(codes_find_name(CODES_GENDER, "FEMALE")->code, "2");
	assert_null(codes_find_name(CODES_ETHNICITY, "维吾尔"));
	assert_null(codes_find_name(CODES_ETHNICITY, ""));
	assert_null(codes_find_name(CODES_ETHNICITY, NULL));
	assert_null(codes_find(CODES_ETHNICITY, "1"));
	assert_null(codes_find(CODES_ETHNICITY, "001"));
	assert_null(codes_find(CODES_EDUCATION, "24"));
	assert_null(codes_find(CODES_ETHNICITY, NULL));
	/* The gender read from an ID number is a GB/T 2261.1 code. */
	assert_string_equal(codes_find(CODES_GENDER, "1")->name_en, "Male");
	assert_int_equal(IDNUM_MALE, 1);
	assert_int_equal(IDNUM_FEMALE, 2);
	assert_string_equal(codes_standard(CODES_EDUCATION), "GB/T 4658");
	assert_string_equal(codes_noun(CODES_POLITICAL), "political status");
}

static void code_bad(enum codes_table t, const char *code, const char *field,
		     const char *msg)
{
	struct err e = ERR_INIT;
	assert_int_equal(codes_check(t, code, field, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.id, "unknown_code");
	assert_string_equal(e.where, field);
	assert_string_equal(e.msg, msg);
}

static void test_codes_check(void **state)
{
	(void)state;
	struct err e = ERR_INIT;
	assert_int_equal(codes_check(CODES_ETHNICITY, "01", "ethnicity", &e), 0);
	assert_int_equal(codes_check(CODES_EDUCATION, "90", "education", &e), 0);
	code_bad(CODES_ETHNICITY, "57", "ethnicity",
		 "'57' is not an ethnicity code of GB 3304");
	code_bad(CODES_ETHNICITY, "99", "ethnicity",
		 "'99' is not an ethnicity code of GB 3304");
	code_bad(CODES_GENDER, "3", "gender",
		 "'3' is not a gender code of GB/T 2261.1");
	code_bad(CODES_POLITICAL, "14", "political_status",
		 "'14' is not a political status code of GB/T 4762");
	code_bad(CODES_EDUCATION, "72", "education",
		 "'72' is not an education code of GB/T 4658");
	code_bad(CODES_ETHNICITY, "1", "ethnicity",
		 "'1' is not an ethnicity code of GB 3304; its codes have two "
		 "digits (did you mean '01'?)");
	code_bad(CODES_ETHNICITY, "", "ethnicity",
		 "no ethnicity code given; choose one of GB 3304");
	code_bad(CODES_POLITICAL, NULL, "political_status",
		 "no political status code given; choose one of GB/T 4762");
	/* Not quoted back: too long, or not plain ASCII. */
	code_bad(CODES_ETHNICITY, "汉族", "ethnicity",
		 "the ethnicity code is not one of GB 3304");
	code_bad(CODES_EDUCATION, "1234567890", "education",
		 "the education code is not one of GB/T 4658");
	assert_int_equal(codes_check((enum codes_table)CODES_TABLE_COUNT, "01",
				     "x", &e), -1);
	assert_int_equal(e.code, ERR_INTERNAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idnum_valid),
		cmocka_unit_test(test_idnum_lowercase_x),
		cmocka_unit_test(test_idnum_check_digit),
		cmocka_unit_test(test_idnum_bad_date),
		cmocka_unit_test(test_idnum_future),
		cmocka_unit_test(test_idnum_province),
		cmocka_unit_test(test_idnum_length),
		cmocka_unit_test(test_idnum_characters),
		cmocka_unit_test(test_idnum_mask),
		cmocka_unit_test(test_codes_counts),
		cmocka_unit_test(test_codes_lookup),
		cmocka_unit_test(test_codes_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
