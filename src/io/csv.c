/* csv: reading, encoding and parsing one CSV file (see csv.h). The parse
 * cuts plain lines itself (no quote, space, tab or stray carriage return:
 * see "plain lines" below) and feeds every other line to libcsv, one line
 * at a time, so that the line a row starts on is known without libcsv
 * counting anything; positions inside a line are found again only for
 * errors. Must not know any workbook column. */
#include "csv.h"

#include <csv.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/utf8.h"
#include "base/xmalloc.h"

/* libcsv's state between rows (its struct is public; the value is the
 * first of its parser states). */
#define CSV_ROW_NOT_BEGUN 0
/* Bytes of a mapped file checked or parsed between releases of its pages. */
#define CSV_CHUNK (32u << 20)

/* --- reading and encoding --------------------------------------------- */

static const char *csv_basename(const struct csv_file *f)
{
	return f->name ? f->name : "?";
}

/* Line and column (1-based, in characters) of byte offset at in text,
 * where text[0..at) is valid UTF-8. */
static void csv_pos_of(const char *text, size_t at, uint32_t *line,
		       uint32_t *col)
{
	uint32_t ln = 1;
	size_t start = 0;
	const char *p = text, *end = text + at, *nl;
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
		ln++;
		p = nl + 1;
	}
	start = (size_t)(p - text);
	*line = ln;
	*col = (uint32_t)(1 + utf8_length(text + start, at - start));
}

/* utf8_valid, with ASCII skipped 8 bytes at a time: each run of
 * non-ASCII bytes (which in valid UTF-8 ends before an ASCII byte) is
 * checked on its own. */
static bool csv_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	while (i < len) {
		uint64_t w;
		while (len - i >= 8 && (memcpy(&w, s + i, sizeof w),
					!(w & UINT64_C(0x8080808080808080))))
			i += 8;
		while (i < len && !(s[i] & 0x80))
			i++;
		size_t j = i, b = 0;
		while (j < len && (s[j] & 0x80))
			j++;
		if (!utf8_valid(s + i, j - i, &b)) {
			*bad = i + b;
			return false;
		}
		i = j;
	}
	return true;
}

/* Gives back the pages of a mapped file's text[from..to): they are read
 * again from the file if ever needed (the mapping is private and never
 * written), so this only bounds the memory a big file holds. */
static void csv_release(const struct csv_file *f, size_t from, size_t to)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t base = (size_t)(f->text - f->mem);
	size_t a = (base + from + page - 1) / page * page,
	       b = (base + to) / page * page;
	if (f->mapped && a < b)
		madvise(f->mem + a, b - a, MADV_DONTNEED);
}

static void csv_file_unmem(struct csv_file *f)
{
	if (f->mapped)
		munmap(f->mem, f->size);
	else
		free(f->mem);
	f->mem = NULL;
	f->mapped = false;
}

/* Converts text from GB18030; on success f owns the UTF-8 text. */
static int csv_from_gb18030(struct csv_file *f)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return -1;
	/* GB18030 takes 1 byte for ASCII, 2 or 4 for the rest; UTF-8 takes at
	 * most 3 bytes for 2 and 4 for 4. */
	size_t cap = f->len / 2 * 3 + 8;
	char *out = malloc(cap + 1);
	int rc = -1;
	if (!out)
		goto out;
	char *in = (char *)f->text, *o = out;
	size_t inleft = f->len, outleft = cap;
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 || inleft)
		goto out;
	*o = '\0';
	csv_file_unmem(f);
	f->mem = out;
	f->size = cap + 1;
	f->text = out;
	f->len = (size_t)(o - out);
	f->converted = true;
	out = NULL;
	rc = 0;
out:
	free(out);
	iconv_close(cd);
	return rc;
}

/* The offset of the first byte that is not UTF-8 or is NUL (*nul says
 * which), or len. Checks the text in pieces that end at line ends (a line
 * feed is never part of a UTF-8 or GB18030 sequence) and releases each
 * piece of a mapped file once checked. */
static size_t csv_check_text(const struct csv_file *f, bool *nul)
{
	size_t pos = 0, bad = 0;
	while (pos < f->len) {
		size_t end = f->len;
		const char *nl = NULL;
		if (f->len - pos > CSV_CHUNK)
			nl = memchr(f->text + pos + CSV_CHUNK, '\n',
				    f->len - pos - CSV_CHUNK);
		if (nl)
			end = (size_t)(nl - f->text) + 1;
		const char *z = memchr(f->text + pos, '\0', end - pos);
		size_t upto = z ? (size_t)(z - f->text) : end;
		*nul = false;
		if (!csv_utf8_valid(f->text + pos, upto - pos, &bad))
			return pos + bad;
		*nul = true;
		if (z)
			return upto;
		csv_release(f, pos, end);
		pos = end;
	}
	return f->len;
}

static int csv_encoding_error(struct csv_file *f, const char *name,
			      size_t at, bool nul, struct err *e)
{
	char where[ERR_WHERE_MAX];
	uint32_t line, col;
	unsigned char byte = (unsigned char)f->text[at];
	csv_pos_of(f->text, at, &line, &col);
	snprintf(where, sizeof where, "%s line %u, column %u", name, line,
		 col);
	csv_file_free(f);
	if (nul)
		return err_set_at(e, ERR_INVALID, "bad_encoding", where,
				  "a NUL byte: this is not a text file");
	return err_set_at(e, ERR_INVALID, "bad_encoding", where,
			  "byte 0x%02X is not UTF-8, and the file is not "
			  "GB18030 either", byte);
}

/* Takes mem (size bytes, mapped or malloc'ed) into f, drops a byte-order
 * mark, and checks the encoding or converts from GB18030. */
static int csv_file_take(struct csv_file *f, const char *name, char *mem,
			 size_t size, bool mapped, struct err *e)
{
	bool nul = false;
	*f = (struct csv_file){ xstrdup(name), mem, size, mapped, mem, size,
				false };
	bool bom = size >= 3 && memcmp(mem, "\xEF\xBB\xBF", 3) == 0;
	if (bom) {
		f->text += 3;
		f->len -= 3;
	}
	size_t at = csv_check_text(f, &nul);
	if (at == f->len)
		return 0;
	if (nul || bom)
		return csv_encoding_error(f, name, at, nul, e);
	if (csv_from_gb18030(f) != 0) /* f is left as it was */
		return csv_encoding_error(f, name, at, false, e);
	const char *z = memchr(f->text, '\0', f->len);
	return z ? csv_encoding_error(f, name, (size_t)(z - f->text), true, e)
		 : 0;
}

static int csv_read_all(int fd, char *buf, size_t size, size_t *got)
{
	size_t n = 0;
	while (n < size) {
		ssize_t r = read(fd, buf + n, size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break; /* the file shrank: take what is there */
		n += (size_t)r;
	}
	*got = n;
	return 0;
}

/* The file's bytes: mapped when possible, else read into memory. */
static int csv_file_bytes(struct csv_file *f, int fd, size_t size,
			  const char *name, struct err *e)
{
	size_t got = 0;
	if (size > 0) {
		void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map != MAP_FAILED) {
			madvise(map, size, MADV_SEQUENTIAL);
			return csv_file_take(f, name, map, size, true, e);
		}
	}
	char *mem = malloc(size + 1);
	if (!mem)
		return err_set_at(e, ERR_TOO_LARGE, "too_large", name,
				  "not enough memory to read %s", name);
	if (csv_read_all(fd, mem, size, &got) != 0) {
		free(mem);
		return err_set_at(e, ERR_INVALID, "unreadable", name,
				  "cannot read %s: %s", name, strerror(errno));
	}
	mem[got] = '\0';
	return csv_file_take(f, name, mem, got, false, e);
}

int csv_file_read(struct csv_file *f, const char *path, const char *name,
		  uint64_t max, struct err *e)
{
	struct stat st;
	int rc = -1;
	*f = (struct csv_file)CSV_FILE_INIT;
	if (max == 0 || max > CSV_MAX_FILE)
		max = CSV_MAX_FILE;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return err_set_at(e, ERR_NOT_FOUND, "missing_file",
					  name, "%s is missing", name);
		return err_set_at(e, ERR_INVALID, "unreadable", name,
				  "cannot open %s: %s", name, strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		err_set_at(e, ERR_INVALID, "unreadable", name,
			   "%s is not a regular file", name);
	else if ((uint64_t)st.st_size > max)
		err_set_at(e, ERR_TOO_LARGE, "too_large", name,
			   "%s has %lld bytes; the limit is %llu", name,
			   (long long)st.st_size, (unsigned long long)max);
	else
		rc = csv_file_bytes(f, fd, (size_t)st.st_size, name, e);
	close(fd);
	return rc;
}

int csv_file_load(struct csv_file *f, const char *name, const void *data,
		  size_t len, struct err *e)
{
	*f = (struct csv_file)CSV_FILE_INIT;
	if (len > CSV_MAX_FILE)
		return err_set_at(e, ERR_TOO_LARGE, "too_large", name,
				  "%s is too large", name);
	char *mem = xmalloc(len + 1);
	if (len)
		memcpy(mem, data, len);
	mem[len] = '\0';
	return csv_file_take(f, name, mem, len, false, e);
}

void csv_file_free(struct csv_file *f)
{
	if (!f)
		return;
	free(f->name);
	csv_file_unmem(f);
	*f = (struct csv_file)CSV_FILE_INIT;
}

struct csv_range csv_file_range(const struct csv_file *f)
{
	return (struct csv_range){ 0, f->len, 1 };
}

/* --- positions and errors ---------------------------------------------- */

/* Skips the cell starting at i (after its leading spaces) the way libcsv
 * reads it; returns the offset of what ends it. */
static size_t csv_skip_cell(const char *t, size_t end, size_t i,
			    uint32_t *line, size_t *line_start)
{
	if (i < end && t[i] == '"') {
		for (i++; i < end; i++) {
			if (t[i] == '"') {
				if (i + 1 < end && t[i + 1] == '"') {
					i++;
					continue;
				}
				i++;
				break;
			}
			if (t[i] == '\n') {
				(*line)++;
				*line_start = i + 1;
			}
		}
	}
	while (i < end && t[i] != ',' && t[i] != '\n' && t[i] != '\r')
		i++;
	return i;
}

void csv_cell_pos(const struct csv_row *row, uint32_t cell, uint32_t *line,
		  uint32_t *col)
{
	const char *t = row->file->text;
	size_t end = row->file->len, i = row->offset, ls = row->offset;
	uint32_t ln = row->line;
	for (uint32_t k = 0;; k++) {
		while (i < end && (t[i] == ' ' || t[i] == '\t'))
			i++;
		if (k == cell)
			break;
		i = csv_skip_cell(t, end, i, &ln, &ls);
		if (i >= end || t[i] != ',')
			break; /* the row ends before that cell */
		i++;
	}
	*line = ln;
	*col = (uint32_t)(1 + utf8_length(t + ls, i - ls));
}

static void csv_where(char *where, size_t cap, const struct csv_row *row,
		      uint32_t cell)
{
	uint32_t line = row->line, col = 0;
	if (cell == CSV_ABSENT) {
		snprintf(where, cap, "%s line %u", csv_basename(row->file),
			 line);
		return;
	}
	csv_cell_pos(row, cell, &line, &col);
	snprintf(where, cap, "%s line %u, column %u", csv_basename(row->file),
		 line, col);
}

int csv_error_at(struct err_list *l, const struct csv_row *row,
		 uint32_t cell, const char *id, const char *fmt, ...)
{
	struct err e = ERR_INIT;
	char where[ERR_WHERE_MAX];
	va_list ap;
	csv_where(where, sizeof where, row, cell);
	va_start(ap, fmt);
	char msg[ERR_MSG_MAX];
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_set_at(&e, ERR_INVALID, id, where, "%s", msg);
	err_list_add(l, &e);
	return -1;
}

/* --- parsing ------------------------------------------------------------ */

struct csv_run {
	const struct csv_file *f;
	csv_row_fn fn;
	void *ctx;
	struct err *e;
	struct csv_cell cells[CSV_MAX_CELLS];
	uint32_t start[CSV_MAX_CELLS];
	uint32_t ncells;
	char *buf;             /* the row's cells, each followed by a NUL */
	size_t len, cap;
	uint32_t line;         /* of the line being fed */
	size_t line_offset;
	uint32_t row_line;     /* where the row being read starts */
	size_t row_offset;
	unsigned rows_in_line;
	bool plain;            /* plain lines are cut without libcsv */
	bool failed, stopped;
};

static void csv_run_fail(struct csv_run *run, uint32_t cell, const char *msg)
{
	char where[ERR_WHERE_MAX];
	struct csv_row row = { run->f, NULL, 0, run->row_line,
			       run->row_offset };
	csv_where(where, sizeof where, &row, cell);
	err_set_at(run->e, ERR_INVALID, "bad_csv", where, "%s", msg);
	run->failed = true;
}

static void csv_on_cell(void *s, size_t len, void *data)
{
	struct csv_run *run = data;
	if (run->failed || run->stopped)
		return;
	if (run->ncells == CSV_MAX_CELLS) {
		csv_run_fail(run, run->ncells, "more than 64 cells in a row");
		return;
	}
	if (run->len + len + 1 > CSV_MAX_ROW) {
		csv_run_fail(run, run->ncells, "a row longer than 1 MiB");
		return;
	}
	if (run->len + len + 1 > run->cap) {
		while (run->len + len + 1 > run->cap)
			run->cap *= 2;
		run->buf = xrealloc(run->buf, run->cap);
	}
	if (len)
		memcpy(run->buf + run->len, s, len);
	run->start[run->ncells] = (uint32_t)run->len;
	run->cells[run->ncells].len = (uint32_t)len;
	run->ncells++;
	run->len += len;
	run->buf[run->len++] = '\0';
}

static void csv_on_row(int c, void *data)
{
	struct csv_run *run = data;
	(void)c;
	if (run->failed || run->stopped)
		return;
	if (++run->rows_in_line > 1) {
		csv_run_fail(run, CSV_ABSENT,
			     "a carriage return alone ends a line; use CRLF "
			     "or LF line ends");
		return;
	}
	for (uint32_t k = 0; k < run->ncells; k++)
		run->cells[k].s = run->buf + run->start[k];
	struct csv_row row = { run->f, run->cells, run->ncells,
			       run->row_line, run->row_offset };
	if (run->fn(run->ctx, &row) != 0)
		run->stopped = true;
	run->ncells = 0;
	run->len = 0;
}

/* libcsv refused the byte at offset at of the line being fed. */
static void csv_run_refused(struct csv_run *run, struct csv_parser *p,
			    size_t at)
{
	char where[ERR_WHERE_MAX];
	const char *t = run->f->text;
	if (csv_error(p) != CSV_EPARSE) {
		err_set(run->e, ERR_TOO_LARGE, "too_large",
			"%s: out of memory", csv_basename(run->f));
		run->failed = true;
		return;
	}
	uint32_t col = (uint32_t)(1 + utf8_length(t + run->line_offset,
						  at - run->line_offset));
	snprintf(where, sizeof where, "%s line %u, column %u",
		 csv_basename(run->f), run->line, col);
	err_set_at(run->e, ERR_INVALID, "bad_csv", where,
		   "a quote must start a cell and end it, and be doubled "
		   "inside it (RFC 4180)");
	run->failed = true;
}

/* --- plain lines ---------------------------------------------------------
 * Most lines of a large file hold no quote, space, tab or stray carriage
 * return: libcsv would give back exactly the bytes between the commas.
 * Such a line is cut here, at several times libcsv's speed (it calls back
 * for every cell and looks at every byte through its state machine); any
 * other line, and every line while libcsv is inside a row, goes to
 * libcsv. csv_rows_libcsv parses with libcsv alone: the tests and the fuzz
 * target hold the two to the same rows and the same errors. */

enum { CSV_BYTE_PLAIN, CSV_BYTE_COMMA, CSV_BYTE_LF, CSV_BYTE_CR,
       CSV_BYTE_OTHER };

static const unsigned char csv_byte_class[256] = {
	[','] = CSV_BYTE_COMMA, ['\n'] = CSV_BYTE_LF, ['\r'] = CSV_BYTE_CR,
	['"'] = CSV_BYTE_OTHER, [' '] = CSV_BYTE_OTHER,
	['\t'] = CSV_BYTE_OTHER, ['\0'] = CSV_BYTE_OTHER,
};

#ifdef __SSE2__
/* The plain bytes of a line 16 at a time, while 16 remain before lim:
 * copies them to out, cuts cells at commas, and stops at the first byte
 * that is neither (a line end, or anything libcsv must see), whose offset
 * it returns for csv_plain_line to go on from; SIZE_MAX when there are
 * too many cells. */
static size_t csv_plain_wide(const char *s, char *out, size_t lim,
			     struct csv_cell *cells, uint32_t *ncells,
			     size_t *start)
{
	const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'),
		      cr = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"'),
		      space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'),
		      nul = _mm_setzero_si128();
	size_t i = 0;
	while (i + 16 <= lim) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i stop = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)),
			_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote),
						  _mm_cmpeq_epi8(v, space)),
				     _mm_or_si128(_mm_cmpeq_epi8(v, tab),
						  _mm_cmpeq_epi8(v, nul))));
		unsigned ms = (unsigned)_mm_movemask_epi8(stop);
		unsigned mc = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma));
		unsigned upto = ms ? (unsigned)__builtin_ctz(ms) : 16;
		_mm_storeu_si128((__m128i *)(out + i), v);
		mc &= upto == 16 ? 0xFFFFu : (1u << upto) - 1;
		while (mc) {
			size_t at = i + (size_t)__builtin_ctz(mc);
			if (*ncells + 1 == CSV_MAX_CELLS)
				return SIZE_MAX;
			out[at] = '\0';
			cells[*ncells].s = out + *start;
			cells[(*ncells)++].len = (uint32_t)(at - *start);
			*start = at + 1;
			mc &= mc - 1;
		}
		i += upto;
		if (upto < 16)
			break;
	}
	return i;
}
#else
static size_t csv_plain_wide(const char *s, char *out, size_t lim,
			     struct csv_cell *cells, uint32_t *ncells,
			     size_t *start)
{
	(void)s, (void)out, (void)lim, (void)cells, (void)ncells,
		(void)start;
	return 0;
}
#endif

/* Cuts the line starting at s (avail bytes to the end of the range) into
 * the row's cells when it is plain, and finds its end on the way: returns
 * the bytes it takes with its LF or CRLF, and *lf says whether it has
 * one. 0 leaves the line to libcsv: not plain, empty, or longer than the
 * row buffer. */
static size_t csv_plain_line(struct csv_run *run, const char *s,
			     size_t avail, bool *lf)
{
	char *out = run->buf;
	size_t lim = run->cap - 1 < CSV_MAX_ROW - 1 ? run->cap - 1
						    : CSV_MAX_ROW - 1;
	size_t i, next;
	uint32_t n = 0;
	size_t start = 0;
	if (lim > avail)
		lim = avail;
	i = csv_plain_wide(s, out, lim, run->cells, &n, &start);
	if (i == SIZE_MAX)
		return 0;
	for (;; i++) {
		if (i == lim) {
			if (lim < avail)
				return 0;
			next = avail; /* the last line, without a line end */
			*lf = false;
			break;
		}
		unsigned char c = (unsigned char)s[i];
		unsigned k = csv_byte_class[c];
		if (k == CSV_BYTE_PLAIN) {
			out[i] = (char)c;
			continue;
		}
		if (k == CSV_BYTE_COMMA) {
			if (n + 1 == CSV_MAX_CELLS)
				return 0;
			out[i] = '\0';
			run->cells[n].s = out + start;
			run->cells[n++].len = (uint32_t)(i - start);
			start = i + 1;
			continue;
		}
		if (k == CSV_BYTE_LF) {
			next = i + 1;
		} else if (k == CSV_BYTE_CR && i + 1 < avail && s[i + 1] == '\n') {
			next = i + 2;
		} else {
			return 0;
		}
		*lf = true;
		break;
	}
	if (i == 0)
		return 0; /* an empty line, which libcsv skips */
	out[i] = '\0';
	run->cells[n].s = out + start;
	run->cells[n++].len = (uint32_t)(i - start);
	run->ncells = n;
	return next;
}

/* Gives the row of a plain line to the caller's function. */
static void csv_plain_row(struct csv_run *run)
{
	struct csv_row row = { run->f, run->cells, run->ncells,
			       run->row_line, run->row_offset };
	if (run->fn(run->ctx, &row) != 0)
		run->stopped = true;
	run->ncells = 0;
}

/* Feeds the lines of r to p; *next is where feeding stopped. */
static void csv_run_lines(struct csv_run *run, struct csv_parser *p,
			  const struct csv_range *r, size_t *next)
{
	const char *t = run->f->text;
	size_t pos = r->begin, released = r->begin;
	run->line = r->line;
	while (pos < r->end && !run->failed && !run->stopped) {
		if (pos - released >= CSV_CHUNK) {
			csv_release(run->f, released, pos);
			released = pos;
		}
		if (p->pstate == CSV_ROW_NOT_BEGUN) {
			run->row_line = run->line;
			run->row_offset = pos;
		}
		bool lf = false;
		size_t took = run->plain && p->pstate == CSV_ROW_NOT_BEGUN
				      ? csv_plain_line(run, t + pos,
						       r->end - pos, &lf)
				      : 0;
		if (took) {
			csv_plain_row(run);
			pos += took;
			run->line += lf;
			continue;
		}
		const char *nl = memchr(t + pos, '\n', r->end - pos);
		size_t stop = nl ? (size_t)(nl - t) + 1 : r->end;
		run->line_offset = pos;
		run->rows_in_line = 0;
		size_t n = csv_parse(p, t + pos, stop - pos, csv_on_cell,
				     csv_on_row, run);
		if (n != stop - pos && !run->failed)
			csv_run_refused(run, p, pos + n);
		pos = stop;
		if (nl)
			run->line++;
	}
	csv_release(run->f, released, pos);
	*next = pos;
}

/* Parses r; *next (may be NULL) is where a stopped parse stopped. */
static int csv_run(struct csv_run *run, const struct csv_range *r,
		   size_t *next)
{
	struct csv_parser p;
	size_t stop = r->end;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return err_set(run->e, ERR_INTERNAL, NULL, "csv_init failed");
	run->cap = 4096;
	run->buf = xmalloc(run->cap);
	csv_run_lines(run, &p, r, &stop);
	if (!run->failed && !run->stopped &&
	    csv_fini(&p, csv_on_cell, csv_on_row, run) != 0 && !run->failed)
		csv_run_fail(run, run->ncells,
			     "a quoted cell is not closed before the end of "
			     "the file");
	csv_free(&p);
	free(run->buf);
	run->buf = NULL;
	if (next)
		*next = stop;
	return run->failed ? -1 : 0;
}

int csv_rows(const struct csv_file *f, const struct csv_range *r,
	     csv_row_fn fn, void *ctx, struct err *e)
{
	struct csv_run run = { .f = f, .fn = fn, .ctx = ctx, .e = e,
			       .plain = true };
	return csv_run(&run, r, NULL);
}

int csv_rows_libcsv(const struct csv_file *f, const struct csv_range *r,
		    csv_row_fn fn, void *ctx, struct err *e)
{
	struct csv_run run = { .f = f, .fn = fn, .ctx = ctx, .e = e };
	return csv_run(&run, r, NULL);
}

bool csv_split(const struct csv_file *f, const struct csv_range *r,
	       struct csv_range out[2])
{
	const char *t = f->text;
	size_t mid = r->begin + (r->end - r->begin) / 2;
	if (mid <= r->begin || mid >= r->end)
		return false;
	const char *nl = memchr(t + mid, '\n', r->end - mid);
	if (!nl || (size_t)(nl - t) + 1 >= r->end)
		return false;
	size_t cut = (size_t)(nl - t) + 1;
	if (memchr(t + r->begin, '"', cut - r->begin))
		return false;
	uint32_t lines = 0;
	for (const char *p = t + r->begin, *end = t + cut;
	     (p = memchr(p, '\n', (size_t)(end - p))); p++)
		lines++;
	out[0] = (struct csv_range){ r->begin, cut, r->line };
	out[1] = (struct csv_range){ cut, r->end, r->line + lines };
	return true;
}

/* --- the header ---------------------------------------------------------- */

struct csv_header_ctx {
	struct csv_header *h;
	struct err_list *errs;
	bool seen;
	int rc;
};

static void csv_header_map(struct csv_header_ctx *c, const struct csv_row *row)
{
	struct csv_header *h = c->h;
	for (uint32_t i = 0; i < row->ncells; i++) {
		const struct csv_cell *cell = &row->cells[i];
		uint32_t k = 0;
		while (k < h->ncols && strcmp(h->cols[k].name, cell->s) != 0)
			k++;
		if (k == h->ncols) {
			c->rc = csv_error_at(c->errs, row, i,
					     "unknown_column",
					     "unknown column '%.100s'",
					     cell->s);
		} else if (h->at[k] != CSV_ABSENT) {
			c->rc = csv_error_at(c->errs, row, i,
					     "duplicate_column",
					     "column '%s' appears twice",
					     cell->s);
		} else {
			h->at[k] = i;
		}
	}
	for (uint32_t k = 0; k < h->ncols; k++)
		if (h->cols[k].required && h->at[k] == CSV_ABSENT)
			c->rc = csv_error_at(c->errs, row, CSV_ABSENT,
					     "missing_column",
					     "missing column '%s'",
					     h->cols[k].name);
}

static int csv_header_row(void *ctx, const struct csv_row *row)
{
	struct csv_header_ctx *c = ctx;
	c->seen = true;
	c->h->ncells = row->ncells;
	csv_header_map(c, row);
	return 1; /* the body is parsed by the caller */
}

int csv_header_read(const struct csv_file *f, const struct csv_column *cols,
		    uint32_t ncols, struct csv_header *out,
		    struct err_list *errs)
{
	struct err e = ERR_INIT;
	struct csv_header_ctx c = { out, errs, false, 0 };
	struct csv_range whole = csv_file_range(f);
	size_t next = whole.end;
	*out = (struct csv_header){ .cols = cols, .ncols = ncols };
	for (uint32_t k = 0; k < CSV_MAX_CELLS; k++)
		out->at[k] = CSV_ABSENT;
	struct csv_run run = { .f = f, .fn = csv_header_row, .ctx = &c,
			       .e = &e };
	if (csv_run(&run, &whole, &next) != 0) {
		err_list_add(errs, &e);
		return -1;
	}
	if (!c.seen)
		return err_list_set_at(errs, ERR_INVALID, "empty_file",
				       csv_basename(f),
				       "%s is empty: it needs a header row",
				       csv_basename(f));
	out->body = (struct csv_range){ next, whole.end, run.line };
	return c.rc;
}

int csv_row_check(const struct csv_header *h, const struct csv_row *row,
		  struct err_list *errs)
{
	if (row->ncells != h->ncells)
		return csv_error_at(errs, row,
				    row->ncells < h->ncells ? row->ncells
							    : h->ncells,
				    "bad_row",
				    "%u cells, but the header has %u",
				    row->ncells, h->ncells);
	int rc = 0;
	for (uint32_t k = 0; k < h->ncols; k++)
		if (h->cols[k].required && h->at[k] != CSV_ABSENT &&
		    row->cells[h->at[k]].len == 0)
			rc = csv_error_at(errs, row, h->at[k], "empty_cell",
					  "empty %s", h->cols[k].name);
	return rc;
}

/* --- numbers ------------------------------------------------------------ */

static const double csv_pow10[] = {
	1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Checks the shape [+-]digits[.digits][e[+-]digits] (at least one digit
 * in the mantissa) and gathers up to 19 significant digits. Returns the
 * number of mantissa digits, or -1. */
static int csv_decimal_shape(const char *s, const char *end, uint64_t *mant,
			     int *scale, bool *exp)
{
	int digits = 0, frac = 0;
	bool dot = false;
	*mant = 0;
	*exp = false;
	if (s < end && (*s == '-' || *s == '+'))
		s++;
	for (; s < end; s++) {
		if (*s == '.' && !dot) {
			dot = true;
		} else if (*s >= '0' && *s <= '9') {
			if (digits < 19)
				*mant = *mant * 10 + (uint64_t)(*s - '0');
			digits++;
			frac += dot;
		} else {
			break;
		}
	}
	*scale = -frac;
	if (digits == 0)
		return -1;
	if (s < end && (*s == 'e' || *s == 'E')) {
		*exp = true;
		s++;
		if (s < end && (*s == '-' || *s == '+'))
			s++;
		if (s == end)
			return -1;
		while (s < end && *s >= '0' && *s <= '9')
			s++;
	}
	return s == end ? digits : -1;
}

int csv_double(const struct csv_cell *c, double *out)
{
	const char *s = c->s, *end = c->s + c->len;
	uint64_t mant;
	int scale;
	bool exp;
	int digits = csv_decimal_shape(s, end, &mant, &scale, &exp);
	if (digits < 0)
		return -1;
	/* Exact when the digits fit in a double's mantissa and the power of
	 * ten is exact too: one correctly rounded operation (Clinger). */
	if (!exp && digits <= 15 && scale >= -22) {
		double v = scale < 0 ? (double)mant / csv_pow10[-scale]
				     : (double)mant;
		*out = *s == '-' ? -v : v;
		return 0;
	}
	char *stop = NULL;
	errno = 0;
	double v = strtod(s, &stop);
	if (stop != end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int csv_int64(const struct csv_cell *c, int64_t *out)
{
	const char *s = c->s, *end = c->s + c->len;
	bool neg = s < end && *s == '-';
	uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : INT64_MAX;
	if (neg)
		s++;
	if (s == end)
		return -1;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		unsigned d = (unsigned)(*s - '0');
		if (v > (lim - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}
