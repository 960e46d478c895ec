/* test_sheet: spreadsheets in and out (io/sheet.h). Files written by the
 * writer come back through the reader (XLSX and CSV, Chinese text,
 * numbers, formula-looking text with its quote, empty cells, 1,000
 * rows); a workbook built here by hand from XML strings with libzip reads
 * as worked out by hand (shared strings with rich text and phonetic
 * runs, inline strings, styles with built-in and custom date formats,
 * the 1900 and 1904 date systems, missing cells and rows); each bad
 * input is refused naming the file, and the row and column where there
 * is one. Expected values are worked out by hand in the comments, not
 * taken from the code.
 * Must not touch anything outside its own temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "io/sheet.h"

static char tmpdir[64];

/* --- helpers ---------------------------------------------------------------- */

struct part {
	const char *name;
	const char *data;
	size_t len;              /* 0: strlen(data) */
};

/* A zip holding parts, built in memory with libzip (free it). */
static char *zip_build(const struct part *parts, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (size_t k = 0; k < n; k++) {
		size_t l = parts[k].len ? parts[k].len : strlen(parts[k].data);
		zip_source_t *s = zip_source_buffer(za, parts[k].data, l, 0);
		assert_non_null(s);
		assert_true(zip_file_add(za, parts[k].name, s,
					 ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	zip_int64_t size = zip_source_tell(src);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	char *out = malloc((size_t)size);
	assert_int_equal(zip_source_read(src, out, (zip_uint64_t)size), size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = (size_t)size;
	return out;
}

/* The text of one part of a zip in memory (free it), or NULL. */
static char *zip_part(const char *data, size_t len, const char *name)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(za);
	zip_stat_t st;
	char *out = NULL;
	if (zip_stat(za, name, 0, &st) == 0) {
		zip_file_t *f = zip_fopen(za, name, 0);
		out = calloc(1, (size_t)st.size + 1);
		assert_int_equal(zip_fread(f, out, st.size), (zip_int64_t)st.size);
		zip_fclose(f);
	}
	zip_discard(za);
	zip_error_fini(&ze);
	return out;
}

static void assert_row(const struct sheet *s, uint32_t k, uint32_t line,
		       const char *const *cells, uint32_t n)
{
	assert_true(k < s->nrows);
	const struct sheet_row *r = &s->rows[k];
	assert_int_equal(r->line, line);
	assert_int_equal(r->ncells, n);
	for (uint32_t c = 0; c < n; c++)
		assert_string_equal(r->cells[c], cells[c]);
	assert_string_equal(sheet_get(r, n), "");
}

#define ROW(s, k, line, ...)                                                 \
	do {                                                                 \
		const char *const cells_[] = { __VA_ARGS__ };                \
		assert_row(s, k, line, cells_,                               \
			   (uint32_t)(sizeof cells_ / sizeof *cells_));      \
	} while (0)

/* Reads data as name and asserts the refusal: code, where, and a word of
 * the message. */
static void assert_refused(const char *data, size_t len, const char *name,
			   enum err_code code, const char *where,
			   const char *word)
{
	struct sheet *s = (struct sheet *)1;
	struct err e = ERR_INIT;
	assert_int_equal(sheet_read(data, len, name, &s, &e), -1);
	assert_null(s);
	if (e.code != code || strcmp(e.where, where) != 0 ||
	    !strstr(e.msg, word))
		print_message("got %s: %s (%s)\n", e.where, e.msg, e.id);
	assert_int_equal(e.code, code);
	assert_string_equal(e.where, where);
	assert_non_null(strstr(e.msg, word));
}

static size_t tmpdir_entries(void)
{
	DIR *d = opendir(tmpdir);
	size_t n = 0;
	assert_non_null(d);
	for (struct dirent *de; (de = readdir(d));)
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	return n;
}

#define TXT(t) { (t), false }
#define NUM(t) { (t), true }

/* --- small things ------------------------------------------------------------ */

static void test_column_names(void **state)
{
	char c[SHEET_COLUMN_NAME];
	(void)state;
	/* 26 letters, then two: AA is 27th (index 26); ZZ is 26 + 26*26 =
	 * 702nd; XFD is 24*676 + 6*26 + 4 = 16384th, the last. */
	static const struct { uint32_t col; const char *name; } cases[] = {
		{ 0, "A" }, { 2, "C" }, { 25, "Z" }, { 26, "AA" }, { 27, "AB" },
		{ 701, "ZZ" }, { 702, "AAA" }, { 16383, "XFD" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		sheet_column_name(cases[k].col, c);
		assert_string_equal(c, cases[k].name);
	}
}

static void test_escape_needed(void **state)
{
	(void)state;
	assert_true(sheet_escape_needed("=1+1"));
	assert_true(sheet_escape_needed("+86 10"));
	assert_true(sheet_escape_needed("-5"));
	assert_true(sheet_escape_needed("@SUM(A1)"));
	assert_true(sheet_escape_needed("\tx"));
	assert_true(sheet_escape_needed("\rx"));
	assert_false(sheet_escape_needed(NULL));
	assert_false(sheet_escape_needed(""));
	assert_false(sheet_escape_needed("a=1"));
	assert_false(sheet_escape_needed(" =1"));
	assert_false(sheet_escape_needed("张三"));
	assert_false(sheet_escape_needed("110105194912310020"));
}

/* --- writing and reading back -------------------------------------------------- */

/* Writes the rows both round trips use; returns how many. */
static uint32_t write_rows(struct sheet_writer *w)
{
	struct err e = ERR_INIT;
	const struct sheet_cell head[] = {
		TXT("姓名"), TXT("工号"), TXT("金额"), TXT("备注"),
	};
	const struct sheet_cell r2[] = {
		TXT("张三"), NUM("1001"), NUM("1234.56"), TXT("=1+1"),
	};
	const struct sheet_cell r3[] = {
		TXT("李四"), TXT(NULL), NUM("-5"), TXT(""),
	};
	const struct sheet_cell r4[] = {
		TXT("-5"), TXT("a_x0041_b"), TXT("line1\r\nline2\tx"),
		TXT("@home"), TXT("+86"), TXT(" padded "),
	};
	const struct sheet_cell r5[] = {
		NUM("1e3"), NUM("0.1"), NUM("-0.5"), NUM("123456789012"),
	};
	assert_int_equal(sheet_writer_header(w, head, 4, &e), 0);
	assert_int_equal(sheet_writer_row(w, r2, 4, &e), 0);
	assert_int_equal(sheet_writer_row(w, r3, 4, &e), 0);
	assert_int_equal(sheet_writer_row(w, r4, 6, &e), 0);
	assert_int_equal(sheet_writer_row(w, r5, 4, &e), 0);
	for (unsigned i = 0; i < 1000; i++) {
		char name[32], id[16], pay[16];
		snprintf(name, sizeof name, "人员%u", i);
		snprintf(id, sizeof id, "%u", i);
		snprintf(pay, sizeof pay, "%u.25", i);
		const struct sheet_cell r[] = { TXT(name), NUM(id), NUM(pay) };
		assert_int_equal(sheet_writer_row(w, r, 3, &e), 0);
	}
	return 1005;
}

/* What write_rows gives back, rows of 1-based number line[k]; thousand
 * is what the number cell "1e3" comes back as. */
static void check_rows(const struct sheet *s, const uint32_t *line,
		       const char *thousand)
{
	char name[32], id[16], pay[16];
	assert_int_equal(s->nrows, 1005);
	assert_int_equal(s->ncols, 6);
	ROW(s, 0, line[0], "姓名", "工号", "金额", "备注");
	/* "=1+1" is text: it gets the quote; 1234.56 comes back as written */
	ROW(s, 1, line[1], "张三", "1001", "1234.56", "'=1+1");
	/* the empty last cell is not counted; the empty middle one is "" */
	ROW(s, 2, line[2], "李四", "", "-5");
	/* "-5" as text is quoted, a number cell "-5" is not */
	ROW(s, 3, line[3], "'-5", "a_x0041_b", "line1\r\nline2\tx", "'@home",
	    "'+86", " padded ");
	ROW(s, 4, line[4], thousand, "0.1", "-0.5", "123456789012");
	for (unsigned i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "人员%u", i);
		snprintf(id, sizeof id, "%u", i);
		snprintf(pay, sizeof pay, "%u.25", i);
		ROW(s, 5 + i, line[4] + 1 + i, name, id, pay);
	}
}

static void test_xlsx_round_trip(void **state)
{
	struct err e = ERR_INIT;
	struct buf out = BUF_INIT;
	struct sheet *s = NULL;
	(void)state;
	struct sheet_writer *w = sheet_writer_new(SHEET_XLSX, "人员", &e);
	assert_non_null(w);
	assert_int_equal(write_rows(w), 1005);
	assert_int_equal(sheet_writer_finish(w, &out, &e), 0);
	assert_true(out.len > 4 && memcmp(out.data, "PK\x03\x04", 4) == 0);
	assert_int_equal(tmpdir_entries(), 0); /* the temporary files are gone */
	if (sheet_read(out.data, out.len, "people.xlsx", &s, &e) != 0)
		print_message("%s: %s\n", e.where, e.msg);
	assert_non_null(s);
	assert_int_equal(s->format, SHEET_XLSX);
	assert_string_equal(s->name, "people.xlsx");
	/* 1e3 is the integer 1000 */
	static const uint32_t lines[] = { 1, 2, 3, 4, 5 };
	check_rows(s, lines, "1000");
	/* the header is bold: its cells use a second cell format */
	char *sheet1 = zip_part(out.data, out.len, "xl/worksheets/sheet1.xml");
	char *book = zip_part(out.data, out.len, "xl/workbook.xml");
	assert_non_null(strstr(sheet1, "<c r=\"A1\" s=\"1\" t=\"inlineStr\">"));
	assert_null(strstr(sheet1, "<f>")); /* no formula anywhere */
	assert_non_null(strstr(book, "name=\"人员\""));
	free(sheet1);
	free(book);
	sheet_free(s);
	buf_free(&out);
}

static void test_csv_round_trip(void **state)
{
	struct err e = ERR_INIT;
	struct buf out = BUF_INIT;
	struct sheet *s = NULL;
	(void)state;
	struct sheet_writer *w = sheet_writer_new(SHEET_CSV, "ignored", &e);
	assert_non_null(w);
	write_rows(w);
	buf_append(&out, "kept", 4); /* finish appends */
	assert_int_equal(sheet_writer_finish(w, &out, &e), 0);
	/* the BOM, then the rows as RFC 4180 and OWASP would have them */
	static const char head[] =
		"kept\xEF\xBB\xBF"
		"姓名,工号,金额,备注\r\n"
		"张三,1001,1234.56,'=1+1\r\n"
		"李四,,-5,\r\n"
		"'-5,a_x0041_b,\"line1\r\nline2\tx\",'@home,'+86,\" padded \"\r\n"
		"1e3,0.1,-0.5,123456789012\r\n"
		"人员0,0,0.25\r\n";
	assert_true(out.len > sizeof head);
	assert_memory_equal(out.data, head, sizeof head - 1);
	assert_int_equal(sheet_read(out.data + 4, out.len - 4, "people.csv",
				    &s, &e), 0);
	assert_int_equal(s->format, SHEET_CSV);
	/* row 4's third cell holds a line break: row 5 starts on line 6 and
	 * the CSV keeps "1e3" as it was written */
	static const uint32_t lines[] = { 1, 2, 3, 4, 6 };
	check_rows(s, lines, "1e3");
	sheet_free(s);
	buf_free(&out);
}

static void test_csv_exact(void **state)
{
	struct err e = ERR_INIT;
	struct buf out = BUF_INIT;
	struct sheet *s = NULL;
	(void)state;
	struct sheet_writer *w = sheet_writer_new(SHEET_CSV, NULL, &e);
	const struct sheet_cell r1[] = { TXT("a,b"), TXT("say \"hi\"") };
	const struct sheet_cell r2[] = { TXT(" lead"), TXT("=SUM(A1)") };
	const struct sheet_cell r3[] = { TXT("two\nlines"), TXT("@x") };
	const struct sheet_cell r4[] = { TXT(NULL), TXT("") };
	const struct sheet_cell r5[] = { TXT("\tx") };
	const struct sheet_cell r6[] = { TXT("end ") };
	assert_int_equal(sheet_writer_row(w, r1, 2, &e), 0);
	assert_int_equal(sheet_writer_row(w, r2, 2, &e), 0);
	assert_int_equal(sheet_writer_row(w, r3, 2, &e), 0);
	assert_int_equal(sheet_writer_row(w, r4, 2, &e), 0);
	assert_int_equal(sheet_writer_row(w, r5, 1, &e), 0);
	assert_int_equal(sheet_writer_row(w, r6, 1, &e), 0);
	assert_int_equal(sheet_writer_finish(w, &out, &e), 0);
	static const char want[] =
		"\xEF\xBB\xBF"
		"\"a,b\",\"say \"\"hi\"\"\"\r\n"
		"\" lead\",'=SUM(A1)\r\n"
		"\"two\nlines\",'@x\r\n"
		",\r\n"
		"'\tx\r\n"
		"\"end \"\r\n";
	assert_int_equal(out.len, sizeof want - 1);
	assert_memory_equal(out.data, want, sizeof want - 1);
	assert_int_equal(sheet_read(out.data, out.len, "x.csv", &s, &e), 0);
	/* line 5 (",") has only empty cells: left out */
	assert_int_equal(s->nrows, 5);
	ROW(s, 0, 1, "a,b", "say \"hi\"");
	ROW(s, 1, 2, " lead", "'=SUM(A1)");
	ROW(s, 2, 3, "two\nlines", "'@x");
	ROW(s, 3, 6, "'\tx");
	ROW(s, 4, 7, "end ");
	sheet_free(s);
	buf_free(&out);
}

static void test_csv_encodings(void **state)
{
	struct err e = ERR_INIT;
	struct sheet *s = NULL;
	(void)state;
	/* GB18030 (GBK) 姓名,工号 is D0D5 C3FB , B9A4 BAC5 */
	static const char gbk[] = "\xD0\xD5\xC3\xFB,\xB9\xA4\xBA\xC5\r\n"
				  "a,b,,\r\n,,\r\n\r\nc\r\n";
	assert_int_equal(sheet_read(gbk, sizeof gbk - 1, "g.csv", &s, &e), 0);
	assert_int_equal(s->nrows, 3);
	assert_int_equal(s->ncols, 2);
	ROW(s, 0, 1, "姓名", "工号");
	ROW(s, 1, 2, "a", "b");
	ROW(s, 2, 5, "c");
	assert_string_equal(sheet_get(&s->rows[2], 7), "");
	sheet_free(s);
	static const char bom[] = "\xEF\xBB\xBF姓名\n张三\n";
	assert_int_equal(sheet_read(bom, sizeof bom - 1, "b.csv", &s, &e), 0);
	assert_int_equal(s->nrows, 2);
	ROW(s, 0, 1, "姓名");
	ROW(s, 1, 2, "张三");
	sheet_free(s);
	assert_int_equal(sheet_read("", 0, "empty.csv", &s, &e), 0);
	assert_int_equal(s->nrows, 0);
	sheet_free(s);
	sheet_free(NULL);
}

static void test_writer_refusals(void **state)
{
	struct err e = ERR_INIT;
	struct buf out = BUF_INIT;
	(void)state;
	struct sheet_writer *w = sheet_writer_new(SHEET_XLSX, NULL, &e);
	const struct sheet_cell ok[] = { TXT("a") };
	const struct sheet_cell nan[] = { TXT("a"), NUM("12abc") };
	const struct sheet_cell bad[] = { TXT("\xFF") };
	assert_int_equal(sheet_writer_row(w, ok, 1, &e), 0);
	assert_int_equal(sheet_writer_row(w, nan, 2, &e), -1);
	assert_string_equal(e.where, "row 2 column B");
	assert_non_null(strstr(e.msg, "'12abc' is not a decimal number"));
	assert_int_equal(sheet_writer_row(w, bad, 1, &e), -1);
	assert_string_equal(e.where, "row 2 column A");
	assert_non_null(strstr(e.msg, "not UTF-8"));
	struct sheet_cell *wide = calloc(SHEET_MAX_COLS + 1, sizeof *wide);
	assert_int_equal(sheet_writer_row(w, wide, SHEET_MAX_COLS + 1, &e), -1);
	assert_non_null(strstr(e.msg, "16385 cells"));
	free(wide);
	char *lng = malloc(SHEET_MAX_TEXT + 2);
	memset(lng, 'a', SHEET_MAX_TEXT + 1);
	lng[SHEET_MAX_TEXT + 1] = '\0';
	const struct sheet_cell big[] = { { lng, false } };
	assert_int_equal(sheet_writer_row(w, big, 1, &e), -1);
	assert_non_null(strstr(e.msg, "more than 32767 characters"));
	free(lng);
	/* the writer is still usable: the next row is row 2 */
	assert_int_equal(sheet_writer_row(w, ok, 1, &e), 0);
	sheet_writer_free(w);
	assert_int_equal(tmpdir_entries(), 0);
	/* Excel's sheet names: no [ ] : * ? / \, at most 31 characters */
	w = sheet_writer_new(SHEET_XLSX, "人员[2024]/名单:一", &e);
	assert_int_equal(sheet_writer_finish(w, &out, &e), 0);
	char *book = zip_part(out.data, out.len, "xl/workbook.xml");
	assert_non_null(strstr(book, "name=\"人员_2024__名单_一\""));
	free(book);
	buf_reset(&out);
	w = sheet_writer_new(SHEET_XLSX,
			     "一二三四五六七八九十一二三四五六七八九十"
			     "一二三四五六七八九十一二三四五", &e);
	assert_int_equal(sheet_writer_finish(w, &out, &e), 0);
	book = zip_part(out.data, out.len, "xl/workbook.xml");
	assert_non_null(strstr(book, "name=\"一二三四五六七八九十一二三四五六"
				     "七八九十一二三四五六七八九十一\""));
	free(book);
	buf_free(&out);
	assert_int_equal(tmpdir_entries(), 0);
}

/* --- a workbook made by hand -------------------------------------------------- */

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/" \
	    "relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/" \
	    "relationships/"

/* The chart sheet comes first and is no worksheet; the first worksheet
 * is rId3, people.xml, named from the root; sheet1.xml is the third. */
static const char workbook_fmt[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<workbook " NS " " RNS ">%s<sheets>"
	"<sheet name=\"图表\" sheetId=\"2\" r:id=\"rId9\"/>"
	"<sheet name=\"人员\" sheetId=\"1\" r:id=\"rId3\"/>"
	"<sheet name=\"其他\" sheetId=\"3\" r:id=\"rId1\"/>"
	"</sheets></workbook>";

static const char rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	"relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL "worksheet\" "
	"Target=\"/xl/worksheets/people.xml\"/>"
	"<Relationship Id=\"rId9\" Type=\"" REL "chartsheet\" "
	"Target=\"chartsheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" REL "sharedStrings\" "
	"Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId5\" Type=\"" REL "styles\" "
	"Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId6\" Type=\"" REL "hyperlink\" "
	"Target=\"http://example.com/\" TargetMode=\"External\"/>"
	"</Relationships>";

/* Cell formats (cellXfs): 0 general, 1 built-in 14 (a date), 2 custom
 * "Year "0 (y only inside quotes: no date), 3 custom yyyy年m月d日 after a
 * locale in brackets (a date), 4 custom [Red]0.00_);\(0.00\) (d only in
 * brackets: no date). cellStyleXfs and dxfs must not count. */
static const char styles[] =
	"<styleSheet " NS "><numFmts count=\"3\">"
	"<numFmt numFmtId=\"164\" formatCode=\"&quot;Year &quot;0\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"[$-804]yyyy&quot;年&quot;m"
	"&quot;月&quot;d&quot;日&quot;\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"[Red]0.00_);\\(0.00\\)\"/>"
	"</numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"5\"><xf numFmtId=\"0\"/>"
	"<xf numFmtId=\"14\" applyNumberFormat=\"1\"/><xf numFmtId=\"164\"/>"
	"<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs>"
	"<dxfs count=\"1\"><dxf><numFmt numFmtId=\"167\" formatCode=\"yyyy\"/>"
	"</dxf></dxfs></styleSheet>";

/* 0 姓名; 1 张三 and a space from two runs, its phonetic run left out;
 * 2 a CR and a literal "_x0041_" through Excel's escapes; 3 empty. */
static const char strings[] =
	"<sst " NS " count=\"4\" uniqueCount=\"4\">"
	"<si><t>姓名</t></si>"
	"<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space=\"preserve\">三 "
	"</t></r><rPh sb=\"0\" eb=\"1\"><t>zhang</t></rPh>"
	"<phoneticPr fontId=\"1\"/></si>"
	"<si><t>a_x000D_b_x005F_x0041_</t></si>"
	"<si><t/></si></sst>";

static const char other[] =
	"<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
	"<is><t>wrong sheet</t></is></c></row></sheetData></worksheet>";

static const char people[] =
	"<worksheet " NS "><dimension ref=\"A1:J6\"/><sheetData>"
	"<row r=\"1\" spans=\"1:3\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
	"<c r=\"B1\" t=\"inlineStr\"><is><t>出生日期</t></is></c>"
	"<c r=\"C1\" t=\"inlineStr\"><is><r><t>工</t></r><r><rPr><i/></rPr>"
	"<t>号</t></r></is></c></row>"
	"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c>"
	"<c r=\"C3\" s=\"1\"><v>45292</v></c><c r=\"D3\"><v>12</v></c>"
	"<c r=\"E3\"><v>3.5</v></c><c r=\"F3\" s=\"2\"><v>7</v></c>"
	"<c r=\"G3\" s=\"3\"><v>45292.75</v></c><c r=\"H3\" t=\"b\"><v>1</v></c>"
	"<c r=\"I3\" t=\"str\"><f>A1&amp;\"x\"</f><v>姓名x</v></c>"
	"<c r=\"J3\" t=\"e\"><v>#N/A</v></c></row>"
	"<row><c t=\"s\"><v>2</v></c><c><v>-0.25</v></c>"
	"<c s=\"4\"><v>1e20</v></c><c t=\"s\"><v>3</v></c></row>"
	"<row r=\"5\"><c r=\"A5\" s=\"1\"/><c r=\"B5\" t=\"s\"/></row>"
	"<row r=\"6\"><c r=\"A6\" s=\"1\"><v>60</v></c>"
	"<c r=\"B6\" s=\"1\"><v>59</v></c><c r=\"C6\" s=\"1\"><v>61</v></c>"
	"<c r=\"D6\" s=\"1\"><v>1</v></c><c r=\"E6\" s=\"1\"><v>0.5</v></c>"
	"<c r=\"F6\" s=\"1\"><v>2958466</v></c>"
	"<c r=\"G6\" s=\"99\"><v>45292</v></c>"
	"<c r=\"H6\" t=\"b\"><v>0</v></c></row>"
	"</sheetData></worksheet>";

/* The hand-made workbook with workbookPr pr and the sheet people. */
static char *make_xlsx(const char *pr, const char *sheet, size_t *len)
{
	char book[2048];
	snprintf(book, sizeof book, workbook_fmt, pr);
	const struct part parts[] = {
		{ "[Content_Types].xml", "<Types/>", 0 },
		{ "xl/workbook.xml", book, 0 },
		{ "xl/_rels/workbook.xml.rels", rels, 0 },
		{ "xl/styles.xml", styles, 0 },
		{ "xl/sharedStrings.xml", strings, 0 },
		{ "xl/worksheets/sheet1.xml", other, 0 },
		{ "xl/worksheets/people.xml", sheet, 0 },
	};
	return zip_build(parts, sizeof parts / sizeof *parts, len);
}

static void test_xlsx_by_hand(void **state)
{
	struct err e = ERR_INIT;
	struct sheet *s = NULL;
	size_t len;
	(void)state;
	char *z = make_xlsx("<workbookPr/>", people, &len);
	if (sheet_read(z, len, "hand.xlsx", &s, &e) != 0)
		print_message("%s: %s\n", e.where, e.msg);
	assert_non_null(s);
	/* rows 1, 3, 4 (no r: the one after 3) and 6; row 5 has only empty
	 * cells */
	assert_int_equal(s->nrows, 4);
	assert_int_equal(s->ncols, 10);
	ROW(s, 0, 1, "姓名", "出生日期", "工号");
	/* 45292 days after 1899-12-30 is 2024-01-01 (Excel's DATE(2024,1,1));
	 * G3's time of day is dropped; F3's format has y only in quotes; B3
	 * is missing */
	ROW(s, 1, 3, "张三 ", "", "2024-01-01", "12", "3.5", "7", "2024-01-01",
	    "TRUE", "姓名x", "#N/A");
	/* D4 is the empty shared string: not counted */
	ROW(s, 2, 4, "a\rb_x0041_", "-0.25", "1e+20");
	/* day 60 is Excel's 1900-02-29; 59 is 1900-02-28, 61 1900-03-01, 1
	 * 1900-01-01; 0.5 is day 0 and 2958466 is after 9999-12-31: no dates;
	 * style 99 does not exist: a plain number */
	ROW(s, 3, 6, "1900-02-29", "1900-02-28", "1900-03-01", "1900-01-01",
	    "0.5", "2958466", "45292", "FALSE");
	sheet_free(s);
	free(z);

	/* The 1904 system: day 0 is 1904-01-01, and 2024-01-01 is 120 years
	 * of 365 days and 30 leap days later: 43830. */
	static const char sheet1904[] =
		"<worksheet " NS "><sheetData><row r=\"2\">"
		"<c r=\"B2\" s=\"1\"><v>43830</v></c><c r=\"C2\" s=\"3\"><v>0</v>"
		"</c></row></sheetData></worksheet>";
	z = make_xlsx("<workbookPr date1904=\"1\"/>", sheet1904, &len);
	assert_int_equal(sheet_read(z, len, "1904.xlsx", &s, &e), 0);
	assert_int_equal(s->nrows, 1);
	ROW(s, 0, 2, "", "2024-01-01", "1904-01-01");
	sheet_free(s);
	free(z);
}

/* Without relationships, the first worksheet is sheet1.xml; without
 * styles and shared strings, numbers are numbers. */
static void test_xlsx_fallbacks(void **state)
{
	struct err e = ERR_INIT;
	struct sheet *s = NULL;
	size_t len;
	(void)state;
	static const char sheet[] =
		"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/"
		"spreadsheetml/2006/main\"><x:sheetData><x:row r=\"1\">"
		"<x:c r=\"B1\" s=\"1\"><x:v>45292</x:v></x:c></x:row>"
		"</x:sheetData></x:worksheet>";
	const struct part parts[] = {
		{ "xl/worksheets/sheet1.xml", sheet, 0 },
	};
	char *z = zip_build(parts, 1, &len);
	assert_int_equal(sheet_read(z, len, "min.xlsx", &s, &e), 0);
	ROW(s, 0, 1, "", "45292");
	sheet_free(s);
	free(z);
}

/* --- refusals ------------------------------------------------------------------ */

static void test_bad_zips(void **state)
{
	struct err e = ERR_INIT;
	struct buf out = BUF_INIT;
	size_t len;
	(void)state;
	const struct part hello[] = { { "hello.txt", "hello", 0 } };
	char *z = zip_build(hello, 1, &len);
	assert_refused(z, len, "bad.xlsx", ERR_INVALID, "bad.xlsx",
		       "no xl/workbook.xml");
	free(z);

	struct sheet_writer *w = sheet_writer_new(SHEET_XLSX, NULL, &e);
	const struct sheet_cell r[] = { TXT("a"), NUM("1") };
	assert_int_equal(sheet_writer_row(w, r, 2, &e), 0);
	assert_int_equal(sheet_writer_finish(w, &out, &e), 0);
	size_t cuts[] = { 4, 30, out.len / 2, out.len - 1 };
	for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++)
		assert_refused(out.data, cuts[k], "cut.xlsx", ERR_INVALID,
			       "cut.xlsx", "is not a readable XLSX file");
	buf_free(&out);

	static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest";
	assert_refused(ole, sizeof ole - 1, "old.xls", ERR_INVALID, "old.xls",
		       "old Excel .xls file");
}

static void assert_sheet_refused(const char *sheet, const char *where,
				 const char *word)
{
	size_t len;
	char *z = make_xlsx("", sheet, &len);
	assert_refused(z, len, "bad.xlsx", ERR_INVALID, where, word);
	free(z);
}

#define SHEET(rows) "<worksheet " NS "><sheetData>" rows "</sheetData></worksheet>"

static void test_bad_sheets(void **state)
{
	(void)state;
	/* the cell still open when the parse broke is named too */
	assert_sheet_refused(
		SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></row>"),
		"bad.xlsx row 1 column A",
		"xl/worksheets/people.xml is not well-formed XML (line 1");
	assert_sheet_refused("<worksheet " NS "><sheetData></worksheet>",
			     "bad.xlsx", "mismatched tag");
	assert_sheet_refused("", "bad.xlsx", "no element found");
	/* four shared strings: 0 to 3 */
	assert_sheet_refused(
		SHEET("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c>"
		      "<c r=\"B2\" t=\"s\"><v>4</v></c></row>"),
		"bad.xlsx row 2 column B",
		"shared string 4 does not exist (the file has 4)");
	assert_sheet_refused(
		SHEET("<row r=\"3\"><c r=\"XFE3\"><v>1</v></c></row>"),
		"bad.xlsx row 3", "cell XFE3 is beyond column XFD");
	assert_sheet_refused(
		SHEET("<row r=\"3\"><c r=\"AAAAAAAAAAAA3\"><v>1</v></c></row>"),
		"bad.xlsx row 3", "beyond column XFD");
	assert_sheet_refused(SHEET("<row r=\"1048577\"/>"), "bad.xlsx",
			     "row number '1048577' is not from 1 to 1048576");
	assert_sheet_refused(
		SHEET("<row r=\"2\"><c r=\"A3\"><v>1</v></c></row>"),
		"bad.xlsx row 2", "cell A3 is inside row 2");
	assert_sheet_refused(
		SHEET("<row r=\"2\"><c r=\"3A\"><v>1</v></c></row>"),
		"bad.xlsx row 2", "'3A' is not a column and a row");
	assert_sheet_refused(SHEET("<row r=\"3\"/><row r=\"2\"/>"),
			     "bad.xlsx row 2", "row 2 comes after row 3");
	assert_sheet_refused(
		SHEET("<row r=\"1\"><c r=\"B1\"><v>1</v></c>"
		      "<c r=\"A1\"><v>1</v></c></row>"),
		"bad.xlsx row 1 column A", "after a cell to its right");
	assert_sheet_refused(
		SHEET("<row r=\"4\"><c r=\"C4\"><v>12abc</v></c></row>"),
		"bad.xlsx row 4 column C", "'12abc' is not a number");
	assert_sheet_refused(
		SHEET("<row r=\"4\"><c r=\"D4\" t=\"zz\"><v>1</v></c></row>"),
		"bad.xlsx row 4 column D", "unknown cell type 'zz'");
	assert_sheet_refused(
		SHEET("<row r=\"4\"><c r=\"D4\" t=\"b\"><v>2</v></c></row>"),
		"bad.xlsx row 4 column D", "'2' is not a boolean");
	assert_sheet_refused(
		"<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\">]>"
		SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&a;</t>"
		      "</is></c></row>"),
		"bad.xlsx", "document type declaration");
}

static void test_limits(void **state)
{
	struct sheet *s = NULL;
	struct err e = ERR_INIT;
	size_t len;
	(void)state;
	/* a cell of 32,767 characters of three bytes each is fine; one more
	 * 'a' is not */
	struct buf b = BUF_INIT;
	buf_puts(&b, "<worksheet " NS "><sheetData><row r=\"1\">"
		     "<c r=\"A1\" t=\"inlineStr\"><is><t>");
	for (unsigned k = 0; k < SHEET_MAX_TEXT; k++)
		buf_puts(&b, "中");
	buf_puts(&b, "</t></is></c></row></sheetData></worksheet>");
	char *z = make_xlsx("", buf_str(&b), &len);
	assert_int_equal(sheet_read(z, len, "big.xlsx", &s, &e), 0);
	assert_int_equal(strlen(s->rows[0].cells[0]), SHEET_MAX_TEXT * 3);
	sheet_free(s);
	free(z);
	buf_reset(&b);
	buf_puts(&b, "<worksheet " NS "><sheetData><row r=\"1\">"
		     "<c r=\"A1\" t=\"inlineStr\"><is><t>");
	for (unsigned k = 0; k <= SHEET_MAX_TEXT; k++)
		buf_putc(&b, 'a');
	buf_puts(&b, "</t></is></c></row></sheetData></worksheet>");
	z = make_xlsx("", buf_str(&b), &len);
	assert_refused(z, len, "bad.xlsx", ERR_INVALID,
		       "bad.xlsx row 1 column A",
		       "a text longer than 32767 characters");
	free(z);

	/* A sparse sheet: one cell in column XFD in each row costs 16,384
	 * cells; 1,024 rows reach SHEET_MAX_CELLS (2^24), the 1,025th is
	 * refused. */
	buf_reset(&b);
	buf_puts(&b, "<worksheet " NS "><sheetData>");
	for (unsigned r = 1; r <= 1100; r++)
		buf_printf(&b, "<row r=\"%u\"><c r=\"XFD%u\"><v>1</v></c></row>",
			   r, r);
	buf_puts(&b, "</sheetData></worksheet>");
	z = make_xlsx("", buf_str(&b), &len);
	assert_refused(z, len, "bad.xlsx", ERR_TOO_LARGE, "bad.xlsx row 1025",
		       "more than 16777216 cells");
	free(z);

	/* A zip bomb: 257 MiB of spaces in the worksheet, a few hundred KiB
	 * zipped. */
	buf_reset(&b);
	size_t bomb = (size_t)257 << 20;
	char *spaces = malloc(bomb);
	memset(spaces, ' ', bomb);
	static const char open[] = "<worksheet " NS "><sheetData>";
	memcpy(spaces, open, sizeof open - 1);
	char book[1024];
	snprintf(book, sizeof book, workbook_fmt, "");
	const struct part parts[] = {
		{ "xl/workbook.xml", book, 0 },
		{ "xl/_rels/workbook.xml.rels", rels, 0 },
		{ "xl/worksheets/people.xml", spaces, bomb },
	};
	z = zip_build(parts, 3, &len);
	free(spaces);
	assert_true(len < ((size_t)2 << 20));
	assert_refused(z, len, "bomb.xlsx", ERR_TOO_LARGE, "bomb.xlsx",
		       "more than 256 MiB once unzipped");
	free(z);
	buf_free(&b);
}

static void test_csv_refusals(void **state)
{
	(void)state;
	/* the second cell starts at column 3 and its quote never closes */
	static const char open[] = "a,\"b\n";
	assert_refused(open, sizeof open - 1, "bad.csv", ERR_INVALID,
		       "bad.csv line 1, column 3", "not closed");
	/* 1,048,577 rows of one cell: the last is one too many */
	size_t n = (size_t)SHEET_MAX_ROWS + 1;
	char *rows = malloc(2 * n);
	for (size_t k = 0; k < n; k++) {
		rows[2 * k] = 'a';
		rows[2 * k + 1] = '\n';
	}
	assert_refused(rows, 2 * n, "big.csv", ERR_TOO_LARGE,
		       "big.csv line 1048577", "more than 1048576 rows");
	free(rows);
}

/* --- main ------------------------------------------------------------------------ */

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_column_names),
		cmocka_unit_test(test_escape_needed),
		cmocka_unit_test(test_xlsx_round_trip),
		cmocka_unit_test(test_csv_round_trip),
		cmocka_unit_test(test_csv_exact),
		cmocka_unit_test(test_csv_encodings),
		cmocka_unit_test(test_writer_refusals),
		cmocka_unit_test(test_xlsx_by_hand),
		cmocka_unit_test(test_xlsx_fallbacks),
		cmocka_unit_test(test_bad_zips),
		cmocka_unit_test(test_bad_sheets),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_csv_refusals),
	};
	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_sheet.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	setenv("TMPDIR", tmpdir, 1);
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	if (tmpdir_entries() != 0)
		rc = 1;
	rmdir(tmpdir);
	return rc;
}
