/* zipdir: a workbook folder to and from a ZIP file in memory (libzip).
 * Packing adds each file as a libzip file source, read when the archive
 * is closed into an in-memory buffer source whose bytes are then copied
 * out. Unpacking checks every entry first (name, type, encryption,
 * method, declared size), then writes the files with O_EXCL|O_NOFOLLOW
 * under a descriptor of the folder, counting the bytes that come out of
 * the decompressor against the limits; a failure removes what was
 * written. */
#include "zipdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "base/fdio.h"
#include "base/utf8.h"
#include "base/xmalloc.h"

#define ZIPDIR_CHUNK 65536u       /* bytes copied at a time */
#define ZIPDIR_PATH 4096          /* bytes of a path on disk */
#define ZIPDIR_WHY 256            /* bytes of a reason in a message */
#define ZIPDIR_LEVEL 6            /* zlib's default; 9 is much slower for
				     a few percent */
#define ZIPDIR_SCHEMES "schemes"
#define ZIPDIR_SCHEMES_SLASH "schemes/"
#define ZIPDIR_MACOS "__MACOSX"   /* resource forks, added by macOS */
#define ZIPDIR_FILE_MODE 0600     /* files unpacked: the server's own */
#define ZIPDIR_DIR_MODE 0700
/* External attributes of packed entries: Unix mode in the high half. */
#define ZIPDIR_ATTR_FILE ((zip_uint32_t)(S_IFREG | 0644) << 16)
#define ZIPDIR_ATTR_DIR ((zip_uint32_t)(S_IFDIR | 0755) << 16)

/* --- both ways -------------------------------------------------------- */

/* Why a name cannot go into (or come out of) a workbook's ZIP file by
 * its bytes alone, or NULL. A backslash is checked apart: a name that has
 * one can still be shown. */
static const char *zipdir_bad_chars(const char *s, size_t len)
{
	if (!utf8_valid(s, len, NULL))
		return "is not UTF-8";
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return "contains a control character";
	return NULL;
}

/* "1 GiB", "512 MiB" or "1000 bytes", for messages. */
static void zipdir_size(uint64_t bytes, char *out, size_t cap)
{
	const uint64_t mib = UINT64_C(1) << 20, gib = UINT64_C(1) << 30;
	if (bytes >= gib && bytes % gib == 0)
		snprintf(out, cap, "%" PRIu64 " GiB", bytes / gib);
	else if (bytes >= mib && bytes % mib == 0)
		snprintf(out, cap, "%" PRIu64 " MiB", bytes / mib);
	else
		snprintf(out, cap, "%" PRIu64 " bytes", bytes);
}

/* --- pack ------------------------------------------------------------- */

/* The files of one folder, as listed. */
struct zipdir_names {
	char **v;
	size_t n, cap;
	uint64_t bytes, largest;
	bool exists;
};

static void zipdir_names_free(struct zipdir_names *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static int zipdir_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds name (a regular file of st) to l, within the limits. */
static int zipdir_names_add(struct zipdir_names *l, const char *path,
			    const char *name, const struct stat *st,
			    struct err *e)
{
	const char *why = strchr(name, '\\') ? "contains a backslash"
		: zipdir_bad_chars(name, strlen(name));
	if (why)
		return err_set_at(e, ERR_INVALID, "bad_file_name", path,
				  "a file name in %s %s; rename the file",
				  path, why);
	if (l->n >= ZIPDIR_MAX_ENTRIES)
		return err_set_at(e, ERR_TOO_LARGE, "too_large", path,
				  "%s has more than %u files", path,
				  ZIPDIR_MAX_ENTRIES);
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = xstrdup(name);
	l->bytes += (uint64_t)st->st_size;
	if ((uint64_t)st->st_size > l->largest)
		l->largest = (uint64_t)st->st_size;
	return 0;
}

/* Lists the regular files of the folder path whose names do not start
 * with a dot, sorted bytewise. When optional (schemes/), a folder that is
 * missing, not a folder or a link is an empty list. */
static int zipdir_list(const char *path, bool optional,
		       struct zipdir_names *l, struct err *e)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
		      (optional ? O_NOFOLLOW : 0));
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *de;
	struct stat st;
	int rc = -1;
	if (!d) {
		int errnum = errno;
		if (fd >= 0)
			close(fd);
		if (optional && (errnum == ENOENT || errnum == ENOTDIR ||
				 errnum == ELOOP))
			return 0;
		return err_set_at(e, errnum == ENOENT ? ERR_NOT_FOUND
				  : ERR_INTERNAL, "folder_unreadable", path,
				  "cannot read the folder %s: %s", path,
				  strerror(errnum));
	}
	l->exists = true;
	while ((errno = 0, de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    fstatat(dirfd(d), de->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (zipdir_names_add(l, path, de->d_name, &st, e) != 0)
			goto out;
	}
	if (errno != 0) {
		err_set_at(e, ERR_INTERNAL, "folder_unreadable", path,
			   "cannot read the folder %s: %s", path,
			   strerror(errno));
		goto out;
	}
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, zipdir_cmp_names);
	rc = 0;
out:
	closedir(d);
	return rc;
}

/* Refuses a folder that could not be unpacked again. */
static int zipdir_pack_limits(const char *dir, const struct zipdir_names *top,
			      const struct zipdir_names *schemes,
			      struct err *e)
{
	char lim[64];
	if (top->n + schemes->n == 0)
		return err_set_at(e, ERR_INVALID, "no_files", dir,
				  "the folder %s holds no files", dir);
	if (top->n + schemes->n + (schemes->exists ? 1 : 0) >
	    ZIPDIR_MAX_ENTRIES)
		return err_set_at(e, ERR_TOO_LARGE, "too_large", dir,
				  "the folder %s has more files than the %u "
				  "entries of a ZIP file kaohe accepts", dir,
				  ZIPDIR_MAX_ENTRIES);
	if (top->largest > ZIPDIR_MAX_ENTRY ||
	    schemes->largest > ZIPDIR_MAX_ENTRY) {
		zipdir_size(ZIPDIR_MAX_ENTRY, lim, sizeof lim);
		return err_set_at(e, ERR_TOO_LARGE, "too_large", dir,
				  "a file in %s is larger than %s", dir, lim);
	}
	if (top->bytes + schemes->bytes > ZIPDIR_MAX_TOTAL) {
		zipdir_size(ZIPDIR_MAX_TOTAL, lim, sizeof lim);
		return err_set_at(e, ERR_TOO_LARGE, "too_large", dir,
				  "the files in %s are larger than %s "
				  "together", dir, lim);
	}
	return 0;
}

static int zipdir_zip_failed(struct err *e, const char *what,
			     zip_error_t *ze)
{
	return err_set(e, ERR_INTERNAL, "zip_failed", "%s: %s", what,
		       zip_error_strerror(ze));
}

/* Sets an added entry's method and Unix mode. */
static int zipdir_set(zip_t *za, zip_int64_t idx, zip_uint32_t attr,
		      bool deflate, struct err *e)
{
	zip_uint64_t i = (zip_uint64_t)idx;
	if ((deflate && zip_set_file_compression(za, i, ZIP_CM_DEFLATE,
						  ZIPDIR_LEVEL) != 0) ||
	    zip_file_set_external_attributes(za, i, 0, ZIP_OPSYS_UNIX,
					     attr) != 0)
		return zipdir_zip_failed(e, "cannot make the ZIP file",
					 zip_get_error(za));
	return 0;
}

/* Adds the files of l as prefix + name ("" or "schemes/"). The files are
 * read when the archive is closed. */
static int zipdir_add(zip_t *za, const char *dir, const char *prefix,
		      const struct zipdir_names *l, struct err *e)
{
	char path[ZIPDIR_PATH], name[ZIPDIR_PATH];
	zip_error_t ze;
	int rc = -1;
	zip_error_init(&ze);
	for (size_t i = 0; i < l->n; i++) {
		snprintf(name, sizeof name, "%s%s", prefix, l->v[i]);
		if (snprintf(path, sizeof path, "%s/%s", dir, name) >=
		    (int)sizeof path) {
			err_set_at(e, ERR_INVALID, "path_too_long", name,
				   "the path of %s is too long", name);
			goto out;
		}
		zip_source_t *src = zip_source_file_create(path, 0, -1, &ze);
		if (!src) {
			zipdir_zip_failed(e, path, &ze);
			goto out;
		}
		zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zip_source_free(src);
			zipdir_zip_failed(e, path, zip_get_error(za));
			goto out;
		}
		if (zipdir_set(za, idx, ZIPDIR_ATTR_FILE, true, e) != 0)
			goto out;
	}
	rc = 0;
out:
	zip_error_fini(&ze);
	return rc;
}

/* Appends the bytes of src, a closed archive, to out. */
static int zipdir_drain(zip_source_t *src, struct buf *out, struct err *e)
{
	char *chunk;
	zip_int64_t n;
	if (zip_source_open(src) != 0)
		return zipdir_zip_failed(e, "cannot read the ZIP file made",
					 zip_source_error(src));
	chunk = xmalloc(ZIPDIR_CHUNK);
	while ((n = zip_source_read(src, chunk, ZIPDIR_CHUNK)) > 0)
		buf_append(out, chunk, (size_t)n);
	free(chunk);
	if (n < 0)
		zipdir_zip_failed(e, "cannot read the ZIP file made",
				  zip_source_error(src));
	zip_source_close(src);
	return n < 0 ? -1 : 0;
}

/* Adds everything to za. */
static int zipdir_fill(zip_t *za, const char *dir,
		       const struct zipdir_names *top,
		       const struct zipdir_names *schemes, struct err *e)
{
	if (zipdir_add(za, dir, "", top, e) != 0)
		return -1;
	if (!schemes->exists)
		return 0;
	zip_int64_t idx = zip_dir_add(za, ZIPDIR_SCHEMES, ZIP_FL_ENC_UTF_8);
	if (idx < 0)
		return zipdir_zip_failed(e, "cannot make the ZIP file",
					 zip_get_error(za));
	if (zipdir_set(za, idx, ZIPDIR_ATTR_DIR, false, e) != 0)
		return -1;
	return zipdir_add(za, dir, ZIPDIR_SCHEMES_SLASH, schemes, e);
}

int zipdir_pack(const char *dir, struct buf *out, struct err *e)
{
	struct zipdir_names top = { 0 }, schemes = { 0 };
	char path[ZIPDIR_PATH];
	size_t start = out->len;
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	zip_error_t ze;
	int rc = -1;
	zip_error_init(&ze);
	if (snprintf(path, sizeof path, "%s/" ZIPDIR_SCHEMES, dir) >=
	    (int)sizeof path) {
		err_set(e, ERR_INVALID, "path_too_long", "the path of the "
			"folder %s is too long", dir);
		goto out;
	}
	if (zipdir_list(dir, false, &top, e) != 0 ||
	    zipdir_list(path, true, &schemes, e) != 0 ||
	    zipdir_pack_limits(dir, &top, &schemes, e) != 0)
		goto out;
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (src)
		za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za) {
		zipdir_zip_failed(e, "cannot make a ZIP file", &ze);
		goto out;
	}
	zip_source_keep(src); /* zip_close would free it with the archive */
	if (zipdir_fill(za, dir, &top, &schemes, e) != 0)
		goto out;
	if (zip_close(za) != 0) {
		zipdir_zip_failed(e, "cannot make the ZIP file",
				  zip_get_error(za));
		goto out;
	}
	za = NULL;
	rc = zipdir_drain(src, out, e);
out:
	if (rc != 0 && out->len > start) {
		out->len = start;
		out->data[start] = '\0';
	}
	if (za)
		zip_discard(za);
	zip_source_free(src);
	zip_error_fini(&ze);
	zipdir_names_free(&schemes);
	zipdir_names_free(&top);
	return rc;
}

/* --- unpack: reading and checking ------------------------------------- */

struct zipdir_entry {
	char *name;       /* UTF-8, as in the ZIP file, for messages */
	const char *rel;  /* into name: the path in the folder, the top
			     folder stripped; NULL: left out */
	bool is_dir;
	bool sized;       /* size is what the ZIP file declares */
	uint64_t size;
};

struct zipdir_unpack {
	zip_t *za;
	struct zipdir_limits lim;
	struct err *e;
	struct zipdir_entry *v;
	size_t n, nfiles;
	int dirfd;
	uint64_t total;   /* bytes unpacked so far */
	size_t *made;     /* entries whose file has been made, in order */
	size_t nmade;
	bool made_schemes;
};

static int zipdir_refuse(struct zipdir_unpack *u, enum err_code code,
			 const char *id, const char *name, const char *why)
{
	return err_set_at(u->e, code, id, name, "the ZIP entry \"%s\" %s",
			  name, why);
}

/* A new copy of raw in UTF-8: as it is when it is UTF-8, else read as
 * GB18030 (what Chinese Windows writes without saying so); NULL when it
 * is neither. */
static char *zipdir_utf8(const char *raw)
{
	size_t len = strlen(raw), inleft = len, left = 2 * len;
	if (utf8_valid(raw, len, NULL))
		return xstrdup(raw);
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return NULL;
	char *out = xmalloc(2 * len + 1), *o = out, *in = (char *)raw;
	size_t r = iconv(cd, &in, &inleft, &o, &left);
	iconv_close(cd);
	if (r == (size_t)-1 || inleft != 0) {
		free(out);
		return NULL;
	}
	*o = '\0';
	return out;
}

/* Why a name cannot be unpacked wherever it is, or NULL. *junk is set
 * for what the loader would leave out anyway: __MACOSX/ and what has a
 * part starting with a dot (.DS_Store). */
static const char *zipdir_check_path(const char *name, bool *junk)
{
	const char *c = name;
	*junk = false;
	if (name[0] == '\0')
		return "has no name";
	if (name[0] == '/')
		return "is an absolute path";
	if (strchr(name, '\\'))
		return "contains a backslash (ZIP files separate folders "
		       "with /)";
	for (;;) {
		size_t n = strcspn(c, "/");
		if (n == 0 && c[0] == '/')
			return "has an empty folder name (\"//\")";
		if (n == 2 && c[0] == '.' && c[1] == '.')
			return "goes up a folder (\"..\")";
		if (n == 1 && c[0] == '.')
			return "has a folder named \".\"";
		if (n > 0 && c[0] == '.')
			*junk = true;
		if (c == name && n == strlen(ZIPDIR_MACOS) &&
		    memcmp(c, ZIPDIR_MACOS, n) == 0)
			*junk = true;
		if (c[n] == '\0')
			return NULL;
		c += n + 1;
	}
}

/* Reads, converts and checks the name of entry i. */
static int zipdir_read_name(struct zipdir_unpack *u, size_t i)
{
	char where[32];
	const char *raw = zip_get_name(u->za, i, ZIP_FL_ENC_RAW), *bad;
	bool junk;
	snprintf(where, sizeof where, "entry %zu", i + 1);
	if (!raw)
		return err_set_at(u->e, ERR_INVALID, "bad_zip", where,
				  "the upload is a damaged ZIP file (%s)",
				  zip_error_strerror(zip_get_error(u->za)));
	if (strlen(raw) > ZIPDIR_MAX_NAME)
		return err_set_at(u->e, ERR_INVALID, "bad_zip_entry", where,
				  "ZIP %s has a name longer than %u bytes",
				  where, ZIPDIR_MAX_NAME);
	u->v[i].name = zipdir_utf8(raw);
	bad = u->v[i].name ? zipdir_bad_chars(u->v[i].name,
					      strlen(u->v[i].name))
			   : "is neither UTF-8 nor GB18030";
	if (bad) /* not shown: it could garble a message or a log line */
		return err_set_at(u->e, ERR_INVALID, "bad_zip_entry", where,
				  "the name of ZIP %s %s", where, bad);
	bad = zipdir_check_path(u->v[i].name, &junk);
	if (bad)
		return zipdir_refuse(u, ERR_INVALID, "bad_zip_entry",
				     u->v[i].name, bad);
	u->v[i].rel = junk ? NULL : u->v[i].name;
	return 0;
}

static int zipdir_read_names(struct zipdir_unpack *u)
{
	zip_int64_t n = zip_get_num_entries(u->za, 0);
	if (n < 0 || (uint64_t)n > u->lim.max_entries)
		return err_set(u->e, ERR_TOO_LARGE, "too_large", "the ZIP "
			       "file has %" PRId64 " entries; a workbook has "
			       "at most %" PRIu64, (int64_t)n,
			       u->lim.max_entries);
	u->n = (size_t)n;
	u->v = xcalloc(u->n ? u->n : 1, sizeof *u->v);
	u->made = xcalloc(u->n ? u->n : 1, sizeof *u->made);
	for (size_t i = 0; i < u->n; i++)
		if (zipdir_read_name(u, i) != 0)
			return -1;
	return 0;
}

/* The length of the one top folder, with its slash, that every entry not
 * left out sits in; 0 when there is none. A top folder named "schemes"
 * is one only when something sits deeper than schemes/NAME. */
static size_t zipdir_top(const struct zipdir_unpack *u)
{
	const char *top = NULL;
	size_t len = 0;
	bool deep = false;
	for (size_t i = 0; i < u->n; i++) {
		const char *rel = u->v[i].rel, *slash;
		if (!rel)
			continue;
		slash = strchr(rel, '/');
		if (!slash)
			return 0;
		if (!top) {
			top = rel;
			len = (size_t)(slash - rel);
		} else if ((size_t)(slash - rel) != len ||
			   memcmp(rel, top, len) != 0) {
			return 0;
		}
		deep = deep || strchr(slash + 1, '/') != NULL;
	}
	if (!top || (len == strlen(ZIPDIR_SCHEMES) &&
		     memcmp(top, ZIPDIR_SCHEMES, len) == 0 && !deep))
		return 0;
	return len + 1;
}

/* Why the place of entry i (top folder stripped) is not one of a
 * workbook, or NULL; sets is_dir. */
static const char *zipdir_check_place(struct zipdir_entry *en)
{
	const char *rel = en->rel, *slash = strchr(rel, '/');
	size_t ls = strlen(ZIPDIR_SCHEMES_SLASH);
	en->is_dir = rel[strlen(rel) - 1] == '/';
	if (en->is_dir)
		return strcmp(rel, ZIPDIR_SCHEMES_SLASH) == 0 ? NULL
			: "is a folder other than schemes/ (a workbook has "
			  "no other folders)";
	if (strcmp(rel, ZIPDIR_SCHEMES) == 0)
		return "is a file where the folder schemes/ goes";
	if (slash && (strncmp(rel, ZIPDIR_SCHEMES_SLASH, ls) != 0 ||
		      strchr(rel + ls, '/')))
		return "is in a folder other than schemes/ (a workbook has "
		       "cycle.json and the CSV files at the top and its "
		       "schemes in schemes/)";
	return NULL;
}

/* Why entry i's kind (a link, encrypted, compressed how) is refused, or
 * NULL. */
static const char *zipdir_check_kind(struct zipdir_unpack *u, size_t i,
				     const zip_stat_t *st)
{
	zip_uint8_t opsys;
	zip_uint32_t attr;
	if (zip_file_get_external_attributes(u->za, i, 0, &opsys, &attr) != 0)
		return "cannot be read (the ZIP file is damaged)";
	if (opsys == ZIP_OPSYS_UNIX) {
		unsigned type = (attr >> 16) & S_IFMT;
		if (type == S_IFLNK)
			return "is a symbolic link";
		if (type != 0 && type != (u->v[i].is_dir ? S_IFDIR : S_IFREG))
			return "is not a regular file";
	}
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st->encryption_method != ZIP_EM_NONE)
		return "is encrypted; zip the folder again without a password";
	if (!u->v[i].is_dir && (st->valid & ZIP_STAT_COMP_METHOD) &&
	    !zip_compression_method_supported(st->comp_method, 0))
		return "is compressed by a method kaohe cannot read; zip the "
		       "folder again with the usual method (deflate)";
	return NULL;
}

/* Checks entry i (not left out): its place, its kind, its declared
 * size; *declared grows by that size. */
static int zipdir_check_entry(struct zipdir_unpack *u, size_t i,
			      uint64_t *declared)
{
	struct zipdir_entry *en = &u->v[i];
	char why[ZIPDIR_WHY], lim[64];
	const char *bad = zipdir_check_place(en);
	zip_stat_t st;
	if (bad)
		return zipdir_refuse(u, ERR_INVALID, "bad_zip_entry", en->name,
				     bad);
	if (zip_stat_index(u->za, i, 0, &st) != 0)
		return zipdir_refuse(u, ERR_INVALID, "bad_zip", en->name,
				     "cannot be read (the ZIP file is "
				     "damaged)");
	bad = zipdir_check_kind(u, i, &st);
	if (bad)
		return zipdir_refuse(u, ERR_INVALID, "bad_zip_entry", en->name,
				     bad);
	if (en->is_dir)
		return 0;
	u->nfiles++;
	if (!(st.valid & ZIP_STAT_SIZE))
		return 0;
	en->sized = true;
	en->size = st.size;
	if (st.size > u->lim.max_entry) {
		zipdir_size(u->lim.max_entry, lim, sizeof lim);
		snprintf(why, sizeof why, "unpacks to more than %s", lim);
		return zipdir_refuse(u, ERR_TOO_LARGE, "too_large", en->name,
				     why);
	}
	*declared += st.size;
	return 0;
}

static int zipdir_cmp_rel(const void *a, const void *b)
{
	return strcmp((*(const struct zipdir_entry *const *)a)->rel,
		      (*(const struct zipdir_entry *const *)b)->rel);
}

/* Refuses two files that would have the same path. */
static int zipdir_check_twice(struct zipdir_unpack *u)
{
	struct zipdir_entry **p = xcalloc(u->n ? u->n : 1, sizeof *p);
	size_t n = 0;
	int rc = 0;
	for (size_t i = 0; i < u->n; i++)
		if (u->v[i].rel && !u->v[i].is_dir)
			p[n++] = &u->v[i];
	qsort(p, n, sizeof *p, zipdir_cmp_rel);
	for (size_t i = 1; i < n && rc == 0; i++)
		if (strcmp(p[i - 1]->rel, p[i]->rel) == 0)
			rc = zipdir_refuse(u, ERR_INVALID, "duplicate_zip_entry",
					   p[i]->name, "is in the ZIP file "
					   "twice");
	free(p);
	return rc;
}

/* Everything that can be known before a byte is written. */
static int zipdir_check(struct zipdir_unpack *u)
{
	char lim[64];
	uint64_t declared = 0;
	size_t strip = zipdir_top(u);
	for (size_t i = 0; i < u->n; i++) {
		if (!u->v[i].rel)
			continue;
		u->v[i].rel += strip;
		if (u->v[i].rel[0] == '\0') {
			u->v[i].rel = NULL; /* the top folder itself */
			continue;
		}
		if (zipdir_check_entry(u, i, &declared) != 0)
			return -1;
	}
	if (u->nfiles == 0)
		return err_set(u->e, ERR_INVALID, "no_files",
			       "the ZIP file holds no files of a workbook");
	if (declared > u->lim.max_total) {
		zipdir_size(u->lim.max_total, lim, sizeof lim);
		return err_set(u->e, ERR_TOO_LARGE, "too_large", "the ZIP "
			       "file unpacks to more than %s", lim);
	}
	return zipdir_check_twice(u);
}

/* --- unpack: writing -------------------------------------------------- */

static int zipdir_write_failed(struct zipdir_unpack *u, const char *rel,
			       int errnum)
{
	return err_set_at(u->e, ERR_INTERNAL, "write_failed", rel,
			  "cannot write %s: %s", rel, strerror(errnum));
}

/* Makes schemes/ the first time it is needed. */
static int zipdir_schemes(struct zipdir_unpack *u)
{
	if (u->made_schemes)
		return 0;
	if (mkdirat(u->dirfd, ZIPDIR_SCHEMES, ZIPDIR_DIR_MODE) != 0)
		return zipdir_write_failed(u, ZIPDIR_SCHEMES_SLASH, errno);
	u->made_schemes = true;
	return 0;
}

static int zipdir_damaged(struct zipdir_unpack *u,
			  const struct zipdir_entry *en, zip_error_t *ze)
{
	return err_set_at(u->e, ERR_INVALID, "bad_zip", en->name,
			  "the ZIP entry \"%s\" is damaged (%s)", en->name,
			  zip_error_strerror(ze));
}

/* Counts n more bytes of entry en (size so far: *size) against the
 * limits. */
static int zipdir_count(struct zipdir_unpack *u,
			const struct zipdir_entry *en, uint64_t *size,
			uint64_t n)
{
	char why[ZIPDIR_WHY], lim[64];
	*size += n;
	u->total += n;
	if (*size > u->lim.max_entry) {
		zipdir_size(u->lim.max_entry, lim, sizeof lim);
		snprintf(why, sizeof why, "unpacks to more than %s", lim);
		return zipdir_refuse(u, ERR_TOO_LARGE, "too_large", en->name,
				     why);
	}
	if (u->total > u->lim.max_total) {
		zipdir_size(u->lim.max_total, lim, sizeof lim);
		return err_set_at(u->e, ERR_TOO_LARGE, "too_large", en->name,
				  "the ZIP file unpacks to more than %s", lim);
	}
	return 0;
}

/* Copies entry en, open as zf, into fd. */
static int zipdir_copy(struct zipdir_unpack *u, const struct zipdir_entry *en,
		       zip_file_t *zf, int fd)
{
	char *chunk = xmalloc(ZIPDIR_CHUNK);
	uint64_t size = 0;
	zip_int64_t n;
	int rc = -1;
	while ((n = zip_fread(zf, chunk, ZIPDIR_CHUNK)) > 0) {
		if (zipdir_count(u, en, &size, (uint64_t)n) != 0)
			goto out;
		int error = fd_write_all(fd, chunk, (size_t)n);
		if (error) {
			zipdir_write_failed(u, en->rel, error);
			goto out;
		}
	}
	if (n < 0) {
		zipdir_damaged(u, en, zip_file_get_error(zf));
		goto out;
	}
	/* libzip checks the CRC, not the size */
	if (en->sized && size != en->size) {
		err_set_at(u->e, ERR_INVALID, "bad_zip", en->name, "the ZIP "
			   "entry \"%s\" is damaged (%" PRIu64 " bytes, not "
			   "the %" PRIu64 " it declares)", en->name, size,
			   en->size);
		goto out;
	}
	rc = 0;
out:
	free(chunk);
	return rc;
}

/* Writes entry i into a new file. */
static int zipdir_write(struct zipdir_unpack *u, size_t i)
{
	const struct zipdir_entry *en = &u->v[i];
	zip_file_t *zf = NULL;
	int fd = -1, rc = -1;
	if (strchr(en->rel, '/') && zipdir_schemes(u) != 0)
		return -1;
	fd = openat(u->dirfd, en->rel, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, ZIPDIR_FILE_MODE);
	if (fd < 0)
		return zipdir_write_failed(u, en->rel, errno);
	u->made[u->nmade++] = i;
	zf = zip_fopen_index(u->za, i, 0);
	if (!zf) {
		zipdir_damaged(u, en, zip_get_error(u->za));
		goto out;
	}
	if (zipdir_copy(u, en, zf, fd) != 0)
		goto out;
	rc = 0;
out:
	if (zf)
		zip_fclose(zf);
	if (close(fd) != 0 && rc == 0)
		rc = zipdir_write_failed(u, en->rel, errno);
	return rc;
}

static int zipdir_extract(struct zipdir_unpack *u)
{
	for (size_t i = 0; i < u->n; i++) {
		if (!u->v[i].rel)
			continue;
		if (u->v[i].is_dir ? zipdir_schemes(u) != 0
				   : zipdir_write(u, i) != 0)
			return -1;
	}
	return 0;
}

/* Removes what was made, the folder's contents back to empty. */
static void zipdir_undo(struct zipdir_unpack *u)
{
	while (u->nmade > 0)
		unlinkat(u->dirfd, u->v[u->made[--u->nmade]].rel, 0);
	if (u->made_schemes)
		unlinkat(u->dirfd, ZIPDIR_SCHEMES, AT_REMOVEDIR);
}

/* --- unpack: opening ---------------------------------------------------- */

/* Opens dir, which must be an empty folder, as *fd. */
static int zipdir_open_dir(const char *dir, int *fd, struct err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d) {
		int errnum = errno;
		return err_set_at(e, errnum == ENOENT ? ERR_NOT_FOUND
				  : ERR_INTERNAL, "folder_unreadable", dir,
				  "cannot open the folder %s: %s", dir,
				  strerror(errnum));
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			break;
	if (de) {
		closedir(d);
		return err_set_at(e, ERR_CONFLICT, "folder_not_empty", dir,
				  "the folder %s is not empty", dir);
	}
	*fd = fcntl(dirfd(d), F_DUPFD_CLOEXEC, 0);
	int errnum = errno;
	closedir(d);
	if (*fd < 0)
		return err_set_at(e, ERR_INTERNAL, "folder_unreadable", dir,
				  "cannot open the folder %s: %s", dir,
				  strerror(errnum));
	return 0;
}

/* Opens the upload. An empty one is refused here: libzip takes it for an
 * empty archive. */
static int zipdir_open_zip(const void *data, size_t len, zip_t **out,
			   struct err *e)
{
	zip_source_t *src = NULL;
	zip_error_t ze;
	*out = NULL;
	if (len == 0)
		return err_set(e, ERR_INVALID, "not_zip",
			       "the upload is not a ZIP file (it is empty)");
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src)
		*out = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!*out) {
		if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP)
			err_set(e, ERR_INVALID, "not_zip",
				"the upload is not a ZIP file");
		else
			err_set(e, ERR_INVALID, "bad_zip", "the upload is a "
				"damaged ZIP file (%s)",
				zip_error_strerror(&ze));
		zip_source_free(src);
	}
	zip_error_fini(&ze);
	return *out ? 0 : -1;
}

static uint64_t zipdir_limit(uint64_t want, uint64_t dflt)
{
	return want == 0 || want > dflt ? dflt : want;
}

int zipdir_unpack_limited(const void *data, size_t len, const char *dir,
			  const struct zipdir_limits *lim, struct err *e)
{
	struct zipdir_unpack u = { .e = e, .dirfd = -1 };
	int rc = -1;
	u.lim.max_entries = zipdir_limit(lim ? lim->max_entries : 0,
					 ZIPDIR_MAX_ENTRIES);
	u.lim.max_total = zipdir_limit(lim ? lim->max_total : 0,
				       ZIPDIR_MAX_TOTAL);
	u.lim.max_entry = zipdir_limit(lim ? lim->max_entry : 0,
				       ZIPDIR_MAX_ENTRY);
	if (zipdir_open_dir(dir, &u.dirfd, e) != 0 ||
	    zipdir_open_zip(data, len, &u.za, e) != 0 ||
	    zipdir_read_names(&u) != 0 || zipdir_check(&u) != 0)
		goto out;
	rc = zipdir_extract(&u);
	if (rc != 0)
		zipdir_undo(&u);
out:
	if (u.za)
		zip_discard(u.za);
	if (u.dirfd >= 0)
		close(u.dirfd);
	for (size_t i = 0; i < u.n; i++)
		free(u.v[i].name);
	free(u.v);
	free(u.made);
	return rc;
}

int zipdir_unpack(const void *data, size_t len, const char *dir,
		  struct err *e)
{
	return zipdir_unpack_limited(data, len, dir, NULL, e);
}
