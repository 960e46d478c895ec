/* sheet_xlsx_read: the first worksheet of an XLSX file in memory (see
 * sheet.h). libzip unzips each part in chunks straight into expat, so no
 * part is ever whole in memory and every byte is counted against
 * SHEET_MAX_UNZIPPED as it comes out. The parts, in this order: the
 * workbook's relationships (where the worksheets, the shared strings and
 * the styles are), xl/workbook.xml (the first sheet, date1904), the
 * styles (which cell formats are dates), the shared strings, then the
 * worksheet itself, whose rows go to the builder as they end.
 *
 * Elements and attributes are matched by local name, whatever their
 * namespace prefix, so transitional and strict files read alike.
 * Must not evaluate formulas (their cached value is taken), follow a
 * relationship outside the zip, or accept a DTD (no entity tricks). */
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/utf8.h"
#include "base/xmalloc.h"
#include "io/csv.h"
#include "io/sheet_int.h"

#define XLSX_CHUNK 65536u      /* bytes unzipped and parsed at a time */
#define XLSX_MAX_RELS 4096u    /* worksheet relationships kept */
#define XLSX_MAX_XFS 65536u    /* cell formats; Excel allows 64,000 */
#define XLSX_MAX_NUMFMTS 4096u /* custom number formats; Excel ~250 */
#define XLSX_MAX_NAME 512u     /* bytes of a part name or relation id */
/* Bytes gathered for one text: every character may come as a 7-byte
 * escape _xHHHH_. */
#define XLSX_MAX_TEXT_BYTES ((size_t)SHEET_MAX_TEXT * 7)
#define XLSX_NS_SEP ' '        /* expat's "namespace-uri local-name" */
#define XLSX_MAX_TYPE 16       /* bytes of a cell's t="" kept */
/* Days from 1970-01-01 back to the day before Excel's day 1, and the
 * 1904 system's day 0; the last serials that are dates (9999-12-31). */
#define XLSX_EPOCH_1900 (-25569)  /* 1899-12-30: serials from 61 on */
#define XLSX_EPOCH_1904 (-24107)  /* 1904-01-01 */
#define XLSX_LAST_1900 2958465
#define XLSX_LAST_1904 2957003
#define XLSX_LEAP_BUG 60          /* 1900-02-29, a day that never was */

enum xlsx_kind { XLSX_RELS, XLSX_WORKBOOK, XLSX_STYLES, XLSX_STRINGS,
		 XLSX_SHEET };

struct xlsx_rel {
	const char *id, *target;
};

struct xlsx_fmt {
	uint32_t id;
	bool date;
};

struct xlsx_cell {
	uint32_t col;
	const char *text;
};

struct xlsx {
	struct sheet_build *b;
	struct sheet *s;
	struct err *e;
	zip_t *zip;
	XML_Parser p;
	const char *part;          /* being parsed */
	enum xlsx_kind kind;
	uint64_t unzipped;
	bool failed;
	/* relationships and workbook */
	struct xlsx_rel *rels;
	uint32_t nrels;
	const char *sheet_part, *strings_part, *styles_part;
	bool date1904;
	/* styles: numFmtId of each cell format, then whether it is a date */
	uint32_t *xf_fmt;
	bool *xf_date;
	uint32_t nxf;
	struct xlsx_fmt *fmts;
	uint32_t nfmts;
	bool in_numfmts, in_cellxfs;
	/* shared strings */
	const char **strings;
	uint32_t nstrings, capstrings;
	/* text being gathered */
	struct buf *into;          /* &text, &v or NULL */
	struct buf text, v;
	bool in_si, in_is;
	unsigned rph;              /* depth in phonetic runs, left out */
	/* worksheet */
	bool in_data, in_row, in_cell, have_v;
	uint32_t row, prev_row;    /* 1-based; 0 before the first */
	uint32_t col, next_col;    /* 0-based */
	char type[XLSX_MAX_TYPE];
	uint32_t style;
	struct xlsx_cell *cells;   /* of the row, not empty, by column */
	uint32_t ncells, capcells;
};

/* --- errors -------------------------------------------------------------- */

/* Where the parse is, in the user's terms. */
static void xlsx_where(const struct xlsx *x, char *out, size_t cap)
{
	char col[SHEET_COLUMN_NAME];
	if (x->kind == XLSX_SHEET && x->in_cell) {
		sheet_column_name(x->col, col);
		snprintf(out, cap, "%s row %u column %s", x->s->name, x->row,
			 col);
	} else if (x->kind == XLSX_SHEET && x->in_row) {
		snprintf(out, cap, "%s row %u", x->s->name, x->row);
	} else {
		snprintf(out, cap, "%s", x->s->name);
	}
}

static int xlsx_fail(struct xlsx *x, enum err_code code, const char *id,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Sets the error at the current place and stops the parser. */
static int xlsx_fail(struct xlsx *x, enum err_code code, const char *id,
		     const char *fmt, ...)
{
	char where[ERR_WHERE_MAX], msg[ERR_MSG_MAX];
	va_list ap;
	if (x->failed)
		return -1;
	xlsx_where(x, where, sizeof where);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_set_at(x->e, code, id, where, "%s", msg);
	x->failed = true;
	if (x->p)
		XML_StopParser(x->p, XML_FALSE);
	return -1;
}

static int xlsx_damaged(struct xlsx *x, const char *why)
{
	return xlsx_fail(x, ERR_INVALID, "bad_xlsx",
			 "%s is not a readable XLSX file (%s): it is damaged "
			 "or not an Excel workbook; save it again as .xlsx "
			 "or as CSV", x->s->name, why);
}

/* --- small parsers -------------------------------------------------------- */

static const char *xlsx_local(const char *name)
{
	const char *sep = strrchr(name, XLSX_NS_SEP);
	return sep ? sep + 1 : name;
}

static const char *xlsx_attr(const char **atts, const char *local)
{
	for (; atts[0]; atts += 2)
		if (strcmp(xlsx_local(atts[0]), local) == 0)
			return atts[1];
	return NULL;
}

/* A decimal number of at most 10 digits; false when s is not one or it
 * is above max. */
static bool xlsx_uint(const char *s, uint32_t max, uint32_t *out)
{
	uint64_t v = 0;
	size_t n = 0;
	for (; *s >= '0' && *s <= '9'; s++, n++)
		if (n < 11)
			v = v * 10 + (uint64_t)(*s - '0');
	if (*s || n == 0 || n > 10 || v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

static bool xlsx_ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* Appends a character-data piece to the text being gathered. */
static void xlsx_gather(struct xlsx *x, const char *s, size_t len)
{
	if (x->into->len + len > XLSX_MAX_TEXT_BYTES) {
		xlsx_fail(x, ERR_INVALID, "cell_too_long",
			  "a text longer than %u characters, Excel's limit",
			  SHEET_MAX_TEXT);
		return;
	}
	buf_append(x->into, s, len);
}

static bool xlsx_hex4(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	for (int k = 0; k < 4; k++) {
		char c = s[k];
		uint32_t d;
		if (c >= '0' && c <= '9')
			d = (uint32_t)(c - '0');
		else if (c >= 'A' && c <= 'F')
			d = (uint32_t)(c - 'A' + 10);
		else if (c >= 'a' && c <= 'f')
			d = (uint32_t)(c - 'a' + 10);
		else
			return false;
		v = v * 16 + d;
	}
	*out = v;
	return true;
}

/* Undoes Excel's escapes of characters XML cannot hold ("_x000D_" for a
 * carriage return, "_x005F_" for an underscore) in place; returns the new
 * length. NUL and surrogates stay as they were written. */
static size_t xlsx_unescape(char *s, size_t len)
{
	size_t i = 0, o = 0;
	uint32_t cp;
	while (i < len) {
		if (s[i] == '_' && len - i >= 7 && s[i + 1] == 'x' &&
		    s[i + 6] == '_' && xlsx_hex4(s + i + 2, &cp) && cp != 0 &&
		    (cp < 0xD800 || cp > 0xDFFF)) {
			if (cp < 0x80) {
				s[o++] = (char)cp;
			} else if (cp < 0x800) {
				s[o++] = (char)(0xC0 | cp >> 6);
				s[o++] = (char)(0x80 | (cp & 0x3F));
			} else {
				s[o++] = (char)(0xE0 | cp >> 12);
				s[o++] = (char)(0x80 | (cp >> 6 & 0x3F));
				s[o++] = (char)(0x80 | (cp & 0x3F));
			}
			i += 7;
		} else {
			s[o++] = s[i++];
		}
	}
	return o;
}

/* The gathered text b, unescaped and checked, copied into the arena. */
static const char *xlsx_text(struct xlsx *x, struct buf *b)
{
	if (b->len == 0)
		return "";
	b->len = xlsx_unescape(b->data, b->len);
	if (b->len > SHEET_MAX_TEXT &&
	    utf8_length(b->data, b->len) > SHEET_MAX_TEXT) {
		xlsx_fail(x, ERR_INVALID, "cell_too_long",
			  "a text longer than %u characters, Excel's limit",
			  SHEET_MAX_TEXT);
		return NULL;
	}
	return arena_strndup(&x->s->arena, b->data, b->len);
}

/* --- relationships and workbook ------------------------------------------- */

/* A relationship's target as a part name: relative to xl/, where the
 * workbook is, unless it starts at the root. */
static const char *xlsx_target(struct xlsx *x, const char *target)
{
	if (target[0] == '/')
		return arena_strdup(&x->s->arena, target + 1);
	while (strncmp(target, "./", 2) == 0)
		target += 2;
	if (strncmp(target, "../", 3) == 0)
		return arena_strdup(&x->s->arena, target + 3);
	return arena_printf(&x->s->arena, "xl/%s", target);
}

static void xlsx_rels_start(struct xlsx *x, const char *el,
			    const char **atts)
{
	if (strcmp(el, "Relationship") != 0)
		return;
	const char *id = xlsx_attr(atts, "Id"), *type = xlsx_attr(atts, "Type"),
		   *target = xlsx_attr(atts, "Target"),
		   *mode = xlsx_attr(atts, "TargetMode");
	if (!id || !type || !target || !target[0] ||
	    (mode && strcmp(mode, "External") == 0) ||
	    strlen(id) > XLSX_MAX_NAME || strlen(target) > XLSX_MAX_NAME)
		return;
	if (xlsx_ends_with(type, "/worksheet")) {
		if (x->nrels == XLSX_MAX_RELS)
			return;
		if (!x->rels)
			x->rels = arena_alloc(&x->s->arena,
					      XLSX_MAX_RELS * sizeof *x->rels);
		x->rels[x->nrels++] = (struct xlsx_rel){
			arena_strdup(&x->s->arena, id), xlsx_target(x, target)
		};
	} else if (xlsx_ends_with(type, "/sharedStrings") && !x->strings_part) {
		x->strings_part = xlsx_target(x, target);
	} else if (xlsx_ends_with(type, "/styles") && !x->styles_part) {
		x->styles_part = xlsx_target(x, target);
	}
}

static void xlsx_workbook_start(struct xlsx *x, const char *el,
				const char **atts)
{
	if (strcmp(el, "workbookPr") == 0) {
		const char *v = xlsx_attr(atts, "date1904");
		x->date1904 = v && (strcmp(v, "1") == 0 ||
				    strcmp(v, "true") == 0);
	} else if (strcmp(el, "sheet") == 0 && !x->sheet_part) {
		/* the first sheet that is a worksheet (not a chart) */
		const char *id = xlsx_attr(atts, "id");
		for (uint32_t k = 0; id && k < x->nrels; k++)
			if (strcmp(x->rels[k].id, id) == 0) {
				x->sheet_part = x->rels[k].target;
				break;
			}
	}
}

/* --- styles ----------------------------------------------------------------- */

/* A custom format code shows a date when it has y, m or d outside quoted
 * text, [brackets] (colours, locales, elapsed time), and the escapes
 * \c, _c and *c. */
static bool xlsx_code_is_date(const char *c)
{
	for (; *c; c++) {
		switch (*c) {
		case '"':
		case '[':
			c = strchr(c + 1, *c == '"' ? '"' : ']');
			if (!c)
				return false;
			break;
		case '\\':
		case '_':
		case '*':
			if (c[1])
				c++;
			break;
		case 'y': case 'Y': case 'm': case 'M': case 'd': case 'D':
			return true;
		default:
			break;
		}
	}
	return false;
}

/* Built-in formats that are dates: 14-22 and 45-47 everywhere, 27-36
 * and 50-58 in East Asian Excel (年月日 forms, which WPS and Chinese
 * Excel write without declaring them). */
static bool xlsx_builtin_date(uint32_t id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) ||
	       (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

static int xlsx_fmt_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct xlsx_fmt *)a)->id,
		 y = ((const struct xlsx_fmt *)b)->id;
	return x < y ? -1 : x > y;
}

static void xlsx_styles_start(struct xlsx *x, const char *el,
			      const char **atts)
{
	uint32_t id = 0;
	const char *v = xlsx_attr(atts, "numFmtId");
	if (strcmp(el, "numFmts") == 0) {
		x->in_numfmts = true;
	} else if (strcmp(el, "cellXfs") == 0) {
		x->in_cellxfs = true;
	} else if (strcmp(el, "numFmt") == 0 && x->in_numfmts) {
		const char *code = xlsx_attr(atts, "formatCode");
		if (!v || !code || !xlsx_uint(v, UINT32_MAX, &id))
			return;
		if (x->nfmts == XLSX_MAX_NUMFMTS) {
			xlsx_fail(x, ERR_INVALID, "too_many_formats",
				  "more than %u number formats",
				  XLSX_MAX_NUMFMTS);
			return;
		}
		if (!x->fmts)
			x->fmts = xmalloc(XLSX_MAX_NUMFMTS * sizeof *x->fmts);
		x->fmts[x->nfmts++] = (struct xlsx_fmt){
			id, xlsx_code_is_date(code)
		};
	} else if (strcmp(el, "xf") == 0 && x->in_cellxfs) {
		if (x->nxf == XLSX_MAX_XFS) {
			xlsx_fail(x, ERR_INVALID, "too_many_formats",
				  "more than %u cell formats", XLSX_MAX_XFS);
			return;
		}
		if (!x->xf_fmt)
			x->xf_fmt = xmalloc(XLSX_MAX_XFS * sizeof *x->xf_fmt);
		x->xf_fmt[x->nxf++] = v && xlsx_uint(v, UINT32_MAX, &id) ? id
									 : 0;
	}
}

/* Works out which cell formats are dates, once the styles are read. */
static void xlsx_styles_done(struct xlsx *x)
{
	if (x->nfmts)
		qsort(x->fmts, x->nfmts, sizeof *x->fmts, xlsx_fmt_cmp);
	x->xf_date = xcalloc(x->nxf ? x->nxf : 1, sizeof *x->xf_date);
	for (uint32_t k = 0; k < x->nxf; k++) {
		struct xlsx_fmt key = { x->xf_fmt[k], false };
		const struct xlsx_fmt *f =
			x->nfmts ? bsearch(&key, x->fmts, x->nfmts,
					   sizeof *x->fmts, xlsx_fmt_cmp)
				 : NULL;
		x->xf_date[k] = f ? f->date : xlsx_builtin_date(key.id);
	}
}

/* --- shared strings ----------------------------------------------------------- */

static void xlsx_strings_start(struct xlsx *x, const char *el)
{
	if (strcmp(el, "si") == 0) {
		x->in_si = true;
		x->rph = 0;
		buf_reset(&x->text);
	} else if (strcmp(el, "rPh") == 0 && x->in_si) {
		x->rph++;
	} else if (strcmp(el, "t") == 0 && x->in_si && !x->rph) {
		x->into = &x->text;
	}
}

static void xlsx_strings_end(struct xlsx *x, const char *el)
{
	if (strcmp(el, "t") == 0) {
		x->into = NULL;
	} else if (strcmp(el, "rPh") == 0 && x->rph) {
		x->rph--;
	} else if (strcmp(el, "si") == 0 && x->in_si) {
		x->in_si = false;
		if (x->nstrings == SHEET_MAX_STRINGS) {
			xlsx_fail(x, ERR_TOO_LARGE, "too_many_strings",
				  "more than %u shared strings",
				  SHEET_MAX_STRINGS);
			return;
		}
		const char *t = xlsx_text(x, &x->text);
		if (!t)
			return;
		if (x->nstrings == x->capstrings) {
			x->capstrings = x->capstrings ? x->capstrings * 2 : 256;
			x->strings = xrealloc(x->strings, x->capstrings *
							      sizeof *x->strings);
		}
		x->strings[x->nstrings++] = t;
	}
}

/* --- the worksheet's rows ---------------------------------------------------------- */

/* Parses a reference such as "C12" into a 0-based column and a row. */
static int xlsx_ref(struct xlsx *x, const char *ref)
{
	uint64_t col = 0, row = 0;
	size_t letters = 0, digits = 0;
	const char *s = ref;
	for (; *s >= 'A' && *s <= 'Z'; s++, letters++)
		if (col <= SHEET_MAX_COLS)
			col = col * 26 + (uint64_t)(*s - 'A' + 1);
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		if (row <= SHEET_MAX_ROWS)
			row = row * 10 + (uint64_t)(*s - '0');
	if (*s || !letters || !digits)
		return xlsx_fail(x, ERR_INVALID, "bad_xlsx",
				 "cell reference '%.20s' is not a column and "
				 "a row such as C12", ref);
	if (col > SHEET_MAX_COLS)
		return xlsx_fail(x, ERR_INVALID, "bad_xlsx",
				 "cell %.20s is beyond column XFD, Excel's "
				 "last", ref);
	if (row == 0 || row > SHEET_MAX_ROWS)
		return xlsx_fail(x, ERR_INVALID, "bad_xlsx",
				 "cell %.20s is beyond row %u, Excel's last",
				 ref, SHEET_MAX_ROWS);
	if (row != x->row)
		return xlsx_fail(x, ERR_INVALID, "bad_xlsx",
				 "cell %.20s is inside row %u", ref, x->row);
	x->col = (uint32_t)col - 1;
	return 0;
}

static void xlsx_row_start(struct xlsx *x, const char **atts)
{
	const char *r = xlsx_attr(atts, "r");
	uint32_t row = x->prev_row + 1;
	if (x->in_row) {
		xlsx_fail(x, ERR_INVALID, "bad_xlsx", "a row inside a row");
		return;
	}
	if (r && !xlsx_uint(r, SHEET_MAX_ROWS, &row))
		row = 0;
	if (row == 0 || row > SHEET_MAX_ROWS) {
		xlsx_fail(x, ERR_INVALID, "bad_xlsx",
			  "row number '%.20s' is not from 1 to %u, Excel's "
			  "rows", r ? r : "", SHEET_MAX_ROWS);
		return;
	}
	x->in_row = true;
	x->row = row;
	if (row <= x->prev_row) {
		xlsx_fail(x, ERR_INVALID, "bad_xlsx",
			  "row %u comes after row %u", row, x->prev_row);
		return;
	}
	x->next_col = 0;
	x->ncells = 0;
}

static void xlsx_cell_start(struct xlsx *x, const char **atts)
{
	const char *r = xlsx_attr(atts, "r"), *t = xlsx_attr(atts, "t"),
		   *s = xlsx_attr(atts, "s");
	if (x->in_cell) {
		xlsx_fail(x, ERR_INVALID, "bad_xlsx", "a cell inside a cell");
		return;
	}
	x->col = x->next_col;
	if (r && xlsx_ref(x, r) != 0)
		return;
	if (x->col >= SHEET_MAX_COLS) {
		xlsx_fail(x, ERR_INVALID, "bad_xlsx",
			  "a cell beyond column XFD, Excel's last");
		return;
	}
	x->in_cell = true;
	if (x->col < x->next_col) {
		xlsx_fail(x, ERR_INVALID, "bad_xlsx",
			  "the cell comes after a cell to its right");
		return;
	}
	snprintf(x->type, sizeof x->type, "%s", t ? t : "n");
	if (!s || !xlsx_uint(s, UINT32_MAX, &x->style))
		x->style = 0;
	buf_reset(&x->v);
	buf_reset(&x->text);
	x->have_v = false;
	x->in_is = false;
	x->rph = 0;
}

static void xlsx_sheet_start(struct xlsx *x, const char *el,
			     const char **atts)
{
	if (strcmp(el, "sheetData") == 0) {
		x->in_data = true;
	} else if (!x->in_data) {
		return;
	} else if (strcmp(el, "row") == 0) {
		xlsx_row_start(x, atts);
	} else if (strcmp(el, "c") == 0 && x->in_row) {
		xlsx_cell_start(x, atts);
	} else if (!x->in_cell) {
		return;
	} else if (strcmp(el, "v") == 0) {
		x->have_v = true;
		buf_reset(&x->v);
		x->into = &x->v;
	} else if (strcmp(el, "is") == 0) {
		x->in_is = true;
	} else if (strcmp(el, "rPh") == 0 && x->in_is) {
		x->rph++;
	} else if (strcmp(el, "t") == 0 && x->in_is && !x->rph) {
		x->into = &x->text;
	}
}

/* --- cell values ---------------------------------------------------------------- */

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void xlsx_civil(int64_t z, char out[16])
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	int64_t y = yoe + era * 400 + (m <= 2);
	snprintf(out, 16, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
}

/* A serial day number as "yyyy-mm-dd" (the time of day dropped); false
 * when it is no date (before day 1, or after 9999-12-31). Excel's 1900
 * system counts 1900-02-29, which never was, as day 60 (Lotus 1-2-3's
 * mistake, kept): days before it are one off, and day 60 itself is shown
 * as Excel shows it. */
static bool xlsx_date(double v, bool date1904, char out[16])
{
	double day = floor(v);
	if (date1904) {
		if (day < 0 || day > XLSX_LAST_1904)
			return false;
		xlsx_civil(XLSX_EPOCH_1904 + (int64_t)day, out);
		return true;
	}
	if (day < 1 || day > XLSX_LAST_1900)
		return false;
	if (day == XLSX_LEAP_BUG)
		snprintf(out, 16, "1900-02-29");
	else
		xlsx_civil(XLSX_EPOCH_1900 + (int64_t)day + (day < XLSX_LEAP_BUG),
			   out);
	return true;
}

/* A number as its shortest text: integers without a decimal point,
 * others with 15 significant digits, or 17 when 15 do not give the
 * same double back. */
static void xlsx_number(double v, char out[40])
{
	if (v == 0)
		v = 0; /* no "-0" */
	if (v == floor(v) && fabs(v) < 9007199254740992.0) { /* 2^53 */
		snprintf(out, 40, "%.0f", v);
		return;
	}
	snprintf(out, 40, "%.15g", v);
	if (strtod(out, NULL) != v)
		snprintf(out, 40, "%.17g", v);
}

static const char *xlsx_number_cell(struct xlsx *x)
{
	char text[40];
	double d;
	const char *s = x->v.data ? x->v.data : "";
	size_t len = x->v.len;
	while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' ||
		       s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	if (len == 0)
		return "";
	struct csv_cell c = { s, (uint32_t)len };
	if (csv_double(&c, &d) != 0) {
		xlsx_fail(x, ERR_INVALID, "bad_xlsx",
			  "'%.*s' is not a number", (int)(len > 40 ? 40 : len),
			  s);
		return NULL;
	}
	bool date = x->style < x->nxf && x->xf_date[x->style];
	if (!date || !xlsx_date(d, x->date1904, text))
		xlsx_number(d, text);
	return arena_strdup(&x->s->arena, text);
}

static const char *xlsx_shared(struct xlsx *x)
{
	uint32_t k;
	const char *v = buf_str(&x->v);
	if (!x->have_v)
		return "";
	if (!xlsx_uint(v, UINT32_MAX, &k)) {
		xlsx_fail(x, ERR_INVALID, "bad_xlsx",
			  "shared string index '%.20s' is not a number", v);
		return NULL;
	}
	if (k >= x->nstrings) {
		xlsx_fail(x, ERR_INVALID, "bad_xlsx",
			  "shared string %u does not exist (the file has %u)",
			  k, x->nstrings);
		return NULL;
	}
	return x->strings[k];
}

/* The text of the cell just ended; NULL after an error. */
static const char *xlsx_cell_text(struct xlsx *x)
{
	const char *t = x->type;
	if (strcmp(t, "n") == 0)
		return xlsx_number_cell(x);
	if (strcmp(t, "s") == 0)
		return xlsx_shared(x);
	if (strcmp(t, "inlineStr") == 0)
		return xlsx_text(x, &x->text);
	if (strcmp(t, "str") == 0 || strcmp(t, "e") == 0 ||
	    strcmp(t, "d") == 0)
		return xlsx_text(x, &x->v);
	if (strcmp(t, "b") == 0) {
		const char *v = buf_str(&x->v);
		if (!v[0] || strcmp(v, "0") == 0 || strcmp(v, "1") == 0)
			return !v[0] ? "" : v[0] == '1' ? "TRUE" : "FALSE";
		xlsx_fail(x, ERR_INVALID, "bad_xlsx",
			  "'%.20s' is not a boolean (0 or 1)", v);
		return NULL;
	}
	xlsx_fail(x, ERR_INVALID, "bad_xlsx", "unknown cell type '%s'", t);
	return NULL;
}

static void xlsx_cell_end(struct xlsx *x)
{
	const char *text = xlsx_cell_text(x);
	if (!text)
		return;
	x->in_cell = false;
	x->next_col = x->col + 1;
	if (!text[0])
		return;
	if (x->ncells == x->capcells) {
		/* columns ascend, so a row has at most SHEET_MAX_COLS cells */
		x->capcells = x->capcells ? x->capcells * 2 : 64;
		x->cells = xrealloc(x->cells, x->capcells * sizeof *x->cells);
	}
	x->cells[x->ncells++] = (struct xlsx_cell){ x->col, text };
}

static void xlsx_row_end(struct xlsx *x)
{
	const char **cells;
	x->in_row = false;
	x->prev_row = x->row;
	if (!x->ncells)
		return;
	if (sheet_build_row(x->b, x->row, x->cells[x->ncells - 1].col + 1,
			    &cells, x->e) != 0) {
		x->failed = true;
		XML_StopParser(x->p, XML_FALSE);
		return;
	}
	for (uint32_t k = 0; k < x->ncells; k++)
		cells[x->cells[k].col] = x->cells[k].text;
}

static void xlsx_sheet_end(struct xlsx *x, const char *el)
{
	if (strcmp(el, "sheetData") == 0)
		x->in_data = false;
	else if (strcmp(el, "row") == 0 && x->in_row)
		xlsx_row_end(x);
	else if (strcmp(el, "c") == 0 && x->in_cell)
		xlsx_cell_end(x);
	else if (strcmp(el, "v") == 0 || strcmp(el, "t") == 0)
		x->into = NULL;
	else if (strcmp(el, "is") == 0)
		x->in_is = false;
	else if (strcmp(el, "rPh") == 0 && x->rph)
		x->rph--;
}

/* --- expat ---------------------------------------------------------------------- */

static void XMLCALL xlsx_on_start(void *ud, const XML_Char *name,
				  const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *el = xlsx_local(name);
	if (x->failed)
		return;
	switch (x->kind) {
	case XLSX_RELS: xlsx_rels_start(x, el, atts); break;
	case XLSX_WORKBOOK: xlsx_workbook_start(x, el, atts); break;
	case XLSX_STYLES: xlsx_styles_start(x, el, atts); break;
	case XLSX_STRINGS: xlsx_strings_start(x, el); break;
	case XLSX_SHEET: xlsx_sheet_start(x, el, atts); break;
	}
}

static void XMLCALL xlsx_on_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *el = xlsx_local(name);
	if (x->failed)
		return;
	if (x->kind == XLSX_STRINGS) {
		xlsx_strings_end(x, el);
	} else if (x->kind == XLSX_SHEET) {
		xlsx_sheet_end(x, el);
	} else if (x->kind == XLSX_STYLES) {
		if (strcmp(el, "numFmts") == 0)
			x->in_numfmts = false;
		else if (strcmp(el, "cellXfs") == 0)
			x->in_cellxfs = false;
	}
}

static void XMLCALL xlsx_on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;
	if (!x->failed && x->into && len > 0)
		xlsx_gather(x, s, (size_t)len);
}

static void XMLCALL xlsx_on_doctype(void *ud, const XML_Char *name,
				    const XML_Char *sysid,
				    const XML_Char *pubid, int internal)
{
	struct xlsx *x = ud;
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)internal;
	xlsx_fail(x, ERR_INVALID, "bad_xlsx",
		  "%s has a document type declaration, which Excel never "
		  "writes", x->part);
}

/* Unzips part into a new parser chunk by chunk. */
static int xlsx_feed(struct xlsx *x, zip_file_t *zf)
{
	char *chunk = xmalloc(XLSX_CHUNK);
	int rc = -1;
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, XLSX_CHUNK);
		if (n < 0) {
			xlsx_damaged(x, zip_error_strerror(zip_file_get_error(zf)));
			break;
		}
		if (x->unzipped + (uint64_t)n > SHEET_MAX_UNZIPPED) {
			xlsx_fail(x, ERR_TOO_LARGE, "too_large",
				  "more than %llu MiB once unzipped; split "
				  "the file", (unsigned long long)
				  (SHEET_MAX_UNZIPPED >> 20));
			break;
		}
		x->unzipped += (uint64_t)n;
		if (XML_Parse(x->p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
			if (!x->failed)
				xlsx_fail(x, ERR_INVALID, "bad_xlsx",
					  "%s is not well-formed XML (line %lu, "
					  "column %lu: %s): the file is damaged",
					  x->part,
					  (unsigned long)XML_GetCurrentLineNumber(x->p),
					  (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1,
					  XML_ErrorString(XML_GetErrorCode(x->p)));
			break;
		}
		if (n == 0) {
			rc = 0;
			break;
		}
	}
	free(chunk);
	return rc;
}

/* Parses the part named path as kind. Returns 0, 1 when the zip has no
 * such part, or -1 with the error set. */
static int xlsx_parse(struct xlsx *x, const char *path, enum xlsx_kind kind)
{
	zip_int64_t idx = zip_name_locate(x->zip, path, ZIP_FL_NOCASE);
	if (idx < 0)
		return 1;
	zip_file_t *zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
	if (!zf)
		return xlsx_damaged(x, zip_error_strerror(zip_get_error(x->zip)));
	x->p = XML_ParserCreateNS(NULL, XLSX_NS_SEP);
	if (!x->p)
		abort(); /* out of memory for a parser: as xmalloc does */
	x->part = path;
	x->kind = kind;
	x->into = NULL;
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, xlsx_on_start, xlsx_on_end);
	XML_SetCharacterDataHandler(x->p, xlsx_on_text);
	XML_SetStartDoctypeDeclHandler(x->p, xlsx_on_doctype);
	int rc = xlsx_feed(x, zf);
	XML_ParserFree(x->p);
	x->p = NULL;
	zip_fclose(zf);
	return rc;
}

/* The parts in order; the worksheet last. */
static int xlsx_parts(struct xlsx *x)
{
	if (xlsx_parse(x, "xl/_rels/workbook.xml.rels", XLSX_RELS) < 0)
		return -1;
	int wb = xlsx_parse(x, "xl/workbook.xml", XLSX_WORKBOOK);
	if (wb < 0)
		return -1;
	if (!x->sheet_part)
		x->sheet_part = "xl/worksheets/sheet1.xml";
	if (zip_name_locate(x->zip, x->sheet_part, ZIP_FL_NOCASE) < 0)
		return wb ? xlsx_damaged(x, "no xl/workbook.xml")
			  : xlsx_damaged(x, "its first worksheet is missing");
	if (xlsx_parse(x, x->styles_part ? x->styles_part : "xl/styles.xml",
		       XLSX_STYLES) < 0)
		return -1;
	xlsx_styles_done(x);
	if (xlsx_parse(x, x->strings_part ? x->strings_part
					  : "xl/sharedStrings.xml",
		       XLSX_STRINGS) < 0)
		return -1;
	return xlsx_parse(x, x->sheet_part, XLSX_SHEET) == 0 ? 0 : -1;
}

int sheet_xlsx_read(struct sheet_build *b, const void *data, size_t len,
		    struct err *e)
{
	struct xlsx x = { .b = b, .s = b->s, .e = e };
	zip_error_t ze;
	int rc = -1;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		xlsx_damaged(&x, zip_error_strerror(&ze));
		goto out;
	}
	x.zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!x.zip) {
		zip_source_free(src);
		xlsx_damaged(&x, zip_error_strerror(&ze));
		goto out;
	}
	rc = xlsx_parts(&x);
	zip_discard(x.zip);
out:
	zip_error_fini(&ze);
	free(x.cells);
	free(x.strings);
	free(x.xf_date);
	free(x.xf_fmt);
	free(x.fmts);
	buf_free(&x.text);
	buf_free(&x.v);
	return rc;
}
