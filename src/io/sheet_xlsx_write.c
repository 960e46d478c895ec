/* sheet_xlsx_write: the XLSX writer behind struct sheet_writer (see
 * sheet.h), through libxlsxwriter. libxlsxwriter writes to a named file,
 * so the workbook goes to a new temporary file (mkstemp in $TMPDIR or
 * /tmp), which is unlinked as soon as it is closed and then read back
 * through the descriptor kept open. Constant-memory mode writes each row
 * out when the next begins, so 100,000 rows cost little memory; its text
 * cells are inline strings.
 *
 * Text goes in as string cells only (worksheet_write_string), never as a
 * formula. Must not leave its temporary file behind. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/utf8.h"
#include "base/xmalloc.h"
#include "io/csv.h"
#include "io/sheet_int.h"

#define XLSX_TITLE_MAX 31           /* characters of a sheet name: Excel's */
#define XLSX_TITLE_BYTES (XLSX_TITLE_MAX * 4 + 1)
#define XLSX_TMP_NAME "kaohe-sheet-XXXXXX"
#define XLSX_READ_CHUNK 65536u

struct sheet_xlsx_out {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	int fd;                     /* the temporary file, or -1 */
	bool linked;                /* path still names it */
	char path[PATH_MAX];
	char tmpdir[PATH_MAX];      /* libxlsxwriter's own temporary files */
};

/* The sheet name Excel accepts: see sheet_writer_new. */
static void xlsx_title(const char *title, char out[XLSX_TITLE_BYTES])
{
	size_t o = 0, chars = 0;
	if (!title || !title[0] || !utf8_valid(title, strlen(title), NULL)) {
		snprintf(out, XLSX_TITLE_BYTES, "Sheet1");
		return;
	}
	for (const char *p = title; *p && chars < XLSX_TITLE_MAX; chars++) {
		size_t n = 1;
		while ((p[n] & 0xC0) == 0x80)
			n++;
		if (n == 1 && strchr("[]:*?/\\", *p)) {
			out[o++] = '_';
		} else {
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
	}
	/* Excel refuses a name that starts or ends with an apostrophe */
	if (out[0] == '\'')
		out[0] = '_';
	if (out[o - 1] == '\'')
		out[o - 1] = '_';
	out[o] = '\0';
}

static void xlsx_out_drop(struct sheet_xlsx_out *x)
{
	if (x->wb)
		lxw_workbook_free(x->wb);
	if (x->linked)
		unlink(x->path);
	if (x->fd >= 0)
		close(x->fd);
	free(x);
}

int sheet_xlsx_open(struct sheet_writer *w, const char *title,
		    struct err *e)
{
	char name[XLSX_TITLE_BYTES];
	struct sheet_xlsx_out *x = xcalloc(1, sizeof *x);
	const char *dir = getenv("TMPDIR");
	x->fd = -1;
	if (!dir || !dir[0])
		dir = "/tmp";
	if ((size_t)snprintf(x->path, sizeof x->path, "%s/" XLSX_TMP_NAME,
			     dir) >= sizeof x->path) {
		err_set(e, ERR_INTERNAL, "tmpdir", "TMPDIR is too long");
		goto fail;
	}
	snprintf(x->tmpdir, sizeof x->tmpdir, "%s", dir);
	x->fd = mkstemp(x->path);
	if (x->fd < 0) {
		err_set(e, ERR_INTERNAL, "tmpdir",
			"cannot make a temporary file in %s: %s", dir,
			strerror(errno));
		goto fail;
	}
	x->linked = true;
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE,
				     .tmpdir = x->tmpdir };
	x->wb = workbook_new_opt(x->path, &opt);
	xlsx_title(title, name);
	x->ws = x->wb ? workbook_add_worksheet(x->wb, name) : NULL;
	if (!x->ws) {
		err_set(e, ERR_INTERNAL, "xlsx_write",
			"libxlsxwriter cannot start a workbook");
		goto fail;
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	w->x = x;
	return 0;
fail:
	xlsx_out_drop(x);
	return -1;
}

/* Puts text into w->text: the formula-injection prefix when it needs
 * one, and each underscore that would start an escape such as
 * "_x000D_" escaped itself as "_x005F_" (what Excel does), so the text
 * comes back as it was. libxlsxwriter escapes control characters. */
static const char *xlsx_text(struct sheet_writer *w, const char *t)
{
	buf_reset(&w->text);
	if (sheet_escape_needed(t))
		buf_putc(&w->text, '\'');
	for (const char *p = t; *p; p++) {
		size_t hex = 0;
		if (p[0] == '_' && p[1] == 'x')
			while (hex < 4 && p[2 + hex] &&
			       strchr("0123456789ABCDEFabcdef", p[2 + hex]))
				hex++;
		if (hex == 4 && p[6] == '_')
			buf_puts(&w->text, "_x005F_");
		else
			buf_putc(&w->text, *p);
	}
	return buf_str(&w->text);
}

static int xlsx_write_row(struct sheet_writer *w, uint32_t row,
			  const struct sheet_cell *cells, size_t n,
			  bool header, struct err *e)
{
	struct sheet_xlsx_out *x = w->x;
	lxw_format *f = header ? x->bold : NULL;
	for (size_t k = 0; k < n; k++) {
		const char *t = cells[k].text;
		lxw_error rc;
		double d = 0;
		if (!t || !t[0])
			continue;
		if (cells[k].number) {
			struct csv_cell c = { t, (uint32_t)strlen(t) };
			csv_double(&c, &d); /* checked by sheet_writer_row */
			rc = worksheet_write_number(x->ws, row, (lxw_col_t)k,
						    d, f);
		} else {
			rc = worksheet_write_string(x->ws, row, (lxw_col_t)k,
						    xlsx_text(w, t), f);
		}
		if (rc != LXW_NO_ERROR) {
			char col[SHEET_COLUMN_NAME];
			sheet_column_name((uint32_t)k, col);
			return err_set(e, ERR_INVALID, "xlsx_write",
				       "row %u column %s: %s", row + 1, col,
				       lxw_strerror(rc));
		}
	}
	return 0;
}

/* Appends what fd holds, from its start, to out. */
static int xlsx_read_back(int fd, struct buf *out, struct err *e)
{
	char *chunk = xmalloc(XLSX_READ_CHUNK);
	int rc = 0;
	if (lseek(fd, 0, SEEK_SET) != 0)
		rc = -1;
	for (ssize_t n; rc == 0 && (n = read(fd, chunk, XLSX_READ_CHUNK));) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = -1;
		else
			buf_append(out, chunk, (size_t)n);
	}
	if (rc != 0)
		err_set(e, ERR_INTERNAL, "xlsx_write",
			"cannot read the XLSX file back: %s", strerror(errno));
	free(chunk);
	return rc;
}

static int xlsx_finish(struct sheet_writer *w, struct buf *out,
		       struct err *e)
{
	struct sheet_xlsx_out *x = w->x;
	lxw_error rc = workbook_close(x->wb); /* frees it, even on error */
	x->wb = NULL;
	unlink(x->path);
	x->linked = false;
	if (rc != LXW_NO_ERROR)
		return err_set(e, ERR_INTERNAL, "xlsx_write",
			       "cannot write the XLSX file: %s",
			       lxw_strerror(rc));
	return xlsx_read_back(x->fd, out, e);
}

static void xlsx_drop(struct sheet_writer *w)
{
	if (w->x)
		xlsx_out_drop(w->x);
	w->x = NULL;
}

const struct sheet_writer_ops sheet_xlsx_ops = {
	xlsx_write_row, xlsx_finish, xlsx_drop,
};
