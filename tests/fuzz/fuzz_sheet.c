/* fuzz_sheet: sheet_read on bytes a user uploads, read as XLSX when they
 * start with "PK\3\4", else as CSV. Nothing may crash, leak, read out of
 * bounds or go past the limits; every refusal must say where and why;
 * every sheet read must hold what sheet.h promises (line numbers that
 * ascend, or for CSV do not go back; cells never NULL, UTF-8 text within SHEET_MAX_TEXT characters,
 * a last cell that is not empty), and must come back the same through
 * the CSV writer and reader (with the quote before formula-looking text)
 * when it fits the CSV reader's limits.
 *
 * A mutated zip mostly fails its checksums, so the same bytes are also
 * cut at NUL bytes into a worksheet, shared strings, styles, a workbook
 * and its relationships (defaults below for the pieces missing) and
 * zipped here, stored, to reach the XML readers themselves. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "base/utf8.h"
#include "io/csv.h"
#include "io/sheet.h"

static void fuzz_check(const struct sheet *s)
{
	uint32_t last = 0, ncols = 0;
	for (uint32_t k = 0; k < s->nrows; k++) {
		const struct sheet_row *r = &s->rows[k];
		/* io/csv.h lets a row start on the line where one ended
		 * with a carriage return alone, when it ends further on */
		assert(s->format == SHEET_CSV ? r->line >= last
					       : r->line > last);
		assert(r->line >= 1 && r->ncells >= 1);
		last = r->line;
		if (r->ncells > ncols)
			ncols = r->ncells;
		for (uint32_t c = 0; c < r->ncells; c++) {
			size_t len = strlen(r->cells[c]);
			assert(utf8_valid(r->cells[c], len, NULL));
			assert(utf8_length(r->cells[c], len) <= SHEET_MAX_TEXT);
		}
		assert(r->cells[r->ncells - 1][0] != '\0');
		assert(sheet_get(r, r->ncells)[0] == '\0');
	}
	assert(ncols == s->ncols && s->nrows <= SHEET_MAX_ROWS);
}

/* Whether every row fits io/csv.h's limits once written, with a quote
 * before each cell and a NUL after it. */
static bool fuzz_fits_csv(const struct sheet *s)
{
	if (s->ncols > CSV_MAX_CELLS)
		return false;
	for (uint32_t k = 0; k < s->nrows; k++) {
		size_t bytes = 0;
		for (uint32_t c = 0; c < s->rows[k].ncells; c++) {
			size_t len = strlen(s->rows[k].cells[c]);
			if (len >= SHEET_MAX_TEXT)
				return false;
			bytes += len + 2;
		}
		if (bytes > CSV_MAX_ROW)
			return false;
	}
	return true;
}

static void fuzz_csv_back(const struct sheet *s)
{
	struct err e = ERR_INIT;
	struct buf out = BUF_INIT;
	struct sheet_cell cells[CSV_MAX_CELLS];
	struct sheet *back = NULL;
	struct sheet_writer *w = sheet_writer_new(SHEET_CSV, NULL, &e);
	assert(w);
	for (uint32_t k = 0; k < s->nrows; k++) {
		for (uint32_t c = 0; c < s->rows[k].ncells; c++)
			cells[c] = (struct sheet_cell){ s->rows[k].cells[c],
							false };
		int rc = sheet_writer_row(w, cells, s->rows[k].ncells, &e);
		assert(rc == 0);
	}
	int rc = sheet_writer_finish(w, &out, &e);
	assert(rc == 0);
	rc = sheet_read(out.data, out.len, "back.csv", &back, &e);
	assert(rc == 0 && back->nrows == s->nrows);
	for (uint32_t k = 0; k < s->nrows; k++) {
		const struct sheet_row *a = &s->rows[k], *b = &back->rows[k];
		assert(a->ncells == b->ncells);
		for (uint32_t c = 0; c < a->ncells; c++) {
			const char *t = b->cells[c];
			if (sheet_escape_needed(a->cells[c]))
				assert(*t++ == '\'');
			assert(strcmp(a->cells[c], t) == 0);
		}
	}
	sheet_free(back);
	buf_free(&out);
}

static void fuzz_read(const void *data, size_t size, const char *name)
{
	struct err e = ERR_INIT;
	struct sheet *s = NULL;
	if (sheet_read(data, size, name, &s, &e) != 0) {
		assert(!s && e.msg[0] && e.where[0]);
		assert(strncmp(e.where, name, strlen(name)) == 0);
		return;
	}
	fuzz_check(s);
	if (fuzz_fits_csv(s))
		fuzz_csv_back(s);
	sheet_free(s);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/" \
	    "relationships/"

static const char *const fuzz_names[] = {
	"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
	"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
};

static const char *const fuzz_defaults[] = {
	"<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\">"
	"<v>0</v></c><c r=\"B1\" s=\"1\"><v>45292</v></c></row>"
	"</sheetData></worksheet>",
	"<sst " NS "><si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh>"
	"</si></sst>",
	"<styleSheet " NS "><numFmts><numFmt numFmtId=\"164\" "
	"formatCode=\"yyyy\"/></numFmts><cellXfs><xf numFmtId=\"0\"/>"
	"<xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>",
	"<workbook " NS " xmlns:r=\"http://schemas.openxmlformats.org/"
	"officeDocument/2006/relationships\"><workbookPr/><sheets>"
	"<sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	"relationships\"><Relationship Id=\"rId1\" Type=\"" REL "worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/></Relationships>",
};

/* Zips the pieces of data (cut at NUL bytes) as the parts of a workbook,
 * stored, and reads that. */
static void fuzz_parts(const uint8_t *data, size_t size)
{
	enum { NPARTS = sizeof fuzz_names / sizeof *fuzz_names };
	const char *at[NPARTS];
	size_t len[NPARTS], n = 0;
	const uint8_t *p = data, *end = data + size;
	while (n < NPARTS && p <= end) {
		const uint8_t *z = memchr(p, 0, (size_t)(end - p));
		at[n] = (const char *)p;
		len[n++] = (size_t)((z ? z : end) - p);
		if (!z)
			break;
		p = z + 1;
	}
	for (size_t k = n; k < NPARTS; k++) {
		at[k] = fuzz_defaults[k];
		len[k] = strlen(fuzz_defaults[k]);
	}
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert(za);
	for (size_t k = 0; k < NPARTS; k++) {
		zip_source_t *s = zip_source_buffer(za, at[k], len[k], 0);
		zip_int64_t i = zip_file_add(za, fuzz_names[k], s, 0);
		assert(i >= 0);
		zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0);
	}
	int rc = zip_close(za);
	assert(rc == 0);
	rc = zip_source_open(src);
	assert(rc == 0);
	zip_source_seek(src, 0, SEEK_END);
	zip_int64_t zlen = zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	char *zip = malloc((size_t)zlen);
	zip_int64_t got = zip_source_read(src, zip, (zip_uint64_t)zlen);
	assert(got == zlen);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	fuzz_read(zip, (size_t)zlen, "parts.xlsx");
	free(zip);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
		fuzz_read(data, size, "fuzz.xlsx");
		return 0;
	}
	fuzz_read(data, size, "fuzz.csv");
	fuzz_parts(data, size);
	return 0;
}
