/* test_zipdir: io/zipdir. The example workbook examples/zhuhai-2026 is
 * packed, unpacked into a new folder and compared byte for byte; ZIP
 * files made here by hand with libzip check the one top folder that a
 * right click adds, GB18030 names and the junk of macOS, and every
 * refusal: not a ZIP file, names that are absolute, go up, have a
 * backslash or a folder other than schemes/, a link, an encrypted entry,
 * an entry twice, too many entries (the real limit), and zip bombs: one
 * entry of 600 MiB of zeros against the real 512 MiB limit, and, with
 * lower limits through zipdir_unpack_limited (so that no test writes
 * hundreds of MiB to disk), entries whose headers lie about their size,
 * which only counting the bytes as they come out can stop.
 *
 * The source root comes from __FILE__ (meson compiles this file by a path
 * relative to the build folder, where the tests run), or from
 * $KAOHE_SOURCE_ROOT. Must not touch anything outside its own temporary
 * folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "io/zipdir.h"

#define TEST_DIR 1024   /* a folder's path */
#define TEST_PATH 4096  /* a folder's path and a name */
#define BOMB_BYTES ((zip_uint64_t)600 << 20)  /* above ZIPDIR_MAX_ENTRY */

/* --- helpers ---------------------------------------------------------- */

struct fixture {
	char base[64];            /* mkdtemp; removed at the end */
	char out[TEST_DIR];       /* base/out: where uploads are unpacked */
	struct buf zip;
	struct err e;
};

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	snprintf(fx->base, sizeof fx->base, "/tmp/kaohe-zipdir-XXXXXX");
	if (!mkdtemp(fx->base))
		return -1;
	snprintf(fx->out, sizeof fx->out, "%s/out", fx->base);
	if (mkdir(fx->out, 0700) != 0)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	nftw(fx->base, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	buf_free(&fx->zip);
	free(fx);
	return 0;
}

/* The source root, with a trailing slash ("../" from the build folder). */
static void source_root(char *out, size_t cap)
{
	const char *env = getenv("KAOHE_SOURCE_ROOT");
	const char *me = __FILE__, *tail = "tests/unit/test_zipdir.c";
	size_t n = strlen(me), t = strlen(tail);
	if (env && *env) {
		snprintf(out, cap, "%s/", env);
		return;
	}
	assert_true(n >= t && strcmp(me + n - t, tail) == 0);
	snprintf(out, cap, "%.*s", (int)(n - t), me);
}

/* The whole file at path (free it); *len its length. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	data = malloc((size_t)n + 1);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

static void put(const char *dir, const char *rel, const char *text)
{
	char path[TEST_PATH];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The number of names in dir, "." and ".." aside. */
static size_t count_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* Asserts that dir/rel holds text. */
static void assert_file(const char *dir, const char *rel, const char *text)
{
	char path[TEST_PATH];
	size_t len;
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	char *data = slurp(path, &len);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(data, text, len);
	free(data);
}

/* One entry of a ZIP file made by hand: a folder when name ends in '/'.
 * mode, when not 0, is set as the Unix mode. */
struct entry {
	const char *name;
	const char *data;
	zip_uint32_t mode;
};

/* A ZIP file of v[0..n) in fx->zip, made with libzip through a file in
 * the temporary folder. */
static void make_zip(struct fixture *fx, const struct entry *v, size_t n)
{
	char path[TEST_PATH];
	int ze = 0;
	size_t len;
	snprintf(path, sizeof path, "%s/made.zip", fx->base);
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (size_t i = 0; i < n; i++) {
		zip_int64_t idx;
		size_t nlen = strlen(v[i].name);
		if (v[i].name[nlen - 1] == '/') {
			idx = zip_dir_add(za, v[i].name, ZIP_FL_ENC_GUESS);
		} else {
			const char *d = v[i].data ? v[i].data : "";
			zip_source_t *src = zip_source_buffer(za, d, strlen(d), 0);
			assert_non_null(src);
			idx = zip_file_add(za, v[i].name, src, ZIP_FL_ENC_GUESS);
		}
		assert_true(idx >= 0);
		if (v[i].mode)
			assert_int_equal(zip_file_set_external_attributes(
				za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
				v[i].mode << 16), 0);
	}
	assert_int_equal(zip_close(za), 0);
	buf_reset(&fx->zip);
	char *data = slurp(path, &len);
	buf_append(&fx->zip, data, len);
	free(data);
	unlink(path);
}

/* Unpacks fx->zip into fx->out and asserts it is refused with code, the
 * message holding `says`, and nothing left behind. */
static void refused(struct fixture *fx, const struct zipdir_limits *lim,
		    enum err_code code, const char *says)
{
	err_clear(&fx->e);
	int rc = zipdir_unpack_limited(fx->zip.data, fx->zip.len, fx->out,
				       lim, &fx->e);
	if (rc == 0 || fx->e.code != code || !strstr(fx->e.msg, says))
		print_error("rc %d code %d msg '%s' where '%s'\n", rc,
			    (int)fx->e.code, fx->e.msg, fx->e.where);
	assert_int_equal(rc, -1);
	assert_int_equal(fx->e.code, code);
	assert_non_null(strstr(fx->e.msg, says));
	assert_int_equal(count_dir(fx->out), 0);
}

/* Overwrites the uncompressed size of entry name in its local header and
 * in the central directory with size: a ZIP file that lies. */
static void lie_about_size(struct buf *zip, const char *name, uint32_t size)
{
	static const struct { const char *sig; size_t at_size, at_name; }
	heads[] = { { "PK\x03\x04", 22, 30 }, { "PK\x01\x02", 24, 46 } };
	size_t nlen = strlen(name), patched = 0;
	unsigned char *p = (unsigned char *)zip->data;
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i + heads[k].at_name + nlen <= zip->len; i++) {
			if (memcmp(p + i, heads[k].sig, 4) != 0 ||
			    memcmp(p + i + heads[k].at_name, name, nlen) != 0)
				continue;
			for (size_t b = 0; b < 4; b++)
				p[i + heads[k].at_size + b] =
					(unsigned char)(size >> (8 * b));
			patched++;
		}
	assert_int_equal(patched, 2);
}

/* The names of the entries of zip, in order, one a line. */
static void zip_names(const struct buf *zip, struct buf *out)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(zip->data, zip->len, 0,
						     &ze);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(za);
	zip_int64_t n = zip_get_num_entries(za, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		assert_int_equal(zip_stat_index(za, (zip_uint64_t)i, 0, &st), 0);
		if (st.name[strlen(st.name) - 1] != '/')
			assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
		buf_printf(out, "%s\n", st.name);
	}
	zip_discard(za);
	zip_error_fini(&ze);
}

/* --- pack and unpack -------------------------------------------------- */

/* Asserts that dir/rel and copy/rel are the same bytes. */
static void assert_same(const char *dir, const char *copy, const char *rel)
{
	char a[TEST_PATH], b[TEST_PATH];
	size_t alen, blen;
	snprintf(a, sizeof a, "%s/%s", dir, rel);
	snprintf(b, sizeof b, "%s/%s", copy, rel);
	char *x = slurp(a, &alen), *y = slurp(b, &blen);
	if (alen != blen || memcmp(x, y, alen) != 0)
		print_error("%s differs\n", rel);
	assert_int_equal(alen, blen);
	assert_memory_equal(x, y, alen);
	free(x);
	free(y);
}

/* Compares every file of the workbook folder dir (top and schemes/) with
 * copy/; returns how many there are. */
static size_t compare_folder(const char *dir, const char *sub,
			     const char *copy)
{
	char path[TEST_PATH], rel[TEST_DIR];
	struct dirent *de;
	struct stat st;
	size_t n = 0;
	snprintf(path, sizeof path, "%s/%s", dir, sub);
	DIR *d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		snprintf(rel, sizeof rel, "%s%s", sub, de->d_name);
		snprintf(path, sizeof path, "%s/%s", dir, rel);
		assert_int_equal(lstat(path, &st), 0);
		if (de->d_name[0] == '.' || !S_ISREG(st.st_mode))
			continue;
		assert_same(dir, copy, rel);
		n++;
	}
	closedir(d);
	return n;
}

static void test_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct buf again = BUF_INIT, names = BUF_INIT;
	char root[TEST_DIR], dir[TEST_PATH];
	source_root(root, sizeof root);
	snprintf(dir, sizeof dir, "%sexamples/zhuhai-2026", root);

	assert_int_equal(zipdir_pack(dir, &fx->zip, &fx->e), 0);
	assert_true(fx->zip.len > 4);
	assert_memory_equal(fx->zip.data, "PK\x03\x04", 4);
	/* the same folder gives the same bytes */
	assert_int_equal(zipdir_pack(dir, &again, &fx->e), 0);
	assert_int_equal(again.len, fx->zip.len);
	assert_memory_equal(again.data, fx->zip.data, again.len);

	/* sorted names, top files first, then schemes/ and its files */
	zip_names(&fx->zip, &names);
	const char *s = buf_str(&names), *cj = strstr(s, "\ncycle.json\n"),
		   *sd = strstr(s, "\nschemes/\n"),
		   *base = strstr(s, "\nschemes/zhuhai-base-2026.json\n"),
		   *bonded = strstr(s, "\nschemes/bonded-2026.json\n");
	assert_non_null(cj);
	assert_non_null(sd);
	assert_non_null(bonded);
	assert_non_null(base);
	assert_true(cj < sd && sd < bonded && bonded < base);
	assert_null(strstr(s, "\\"));

	assert_int_equal(zipdir_unpack(fx->zip.data, fx->zip.len, fx->out,
				       &fx->e), 0);
	size_t top = compare_folder(dir, "", fx->out);
	size_t schemes = compare_folder(dir, "schemes/", fx->out);
	assert_true(top >= 5);
	assert_int_equal(schemes, 9);
	/* nothing more than the files and schemes/ */
	assert_int_equal(count_dir(fx->out), top + 1);
	snprintf(dir, sizeof dir, "%s/schemes", fx->out);
	assert_int_equal(count_dir(dir), schemes);
	buf_free(&names);
	buf_free(&again);
}

/* Only regular files of the top and of schemes/, dot-files left out. */
static void test_pack_leaves_out(void **state)
{
	struct fixture *fx = *state;
	struct buf names = BUF_INIT;
	char dir[TEST_DIR], path[TEST_PATH], target[TEST_PATH];
	snprintf(dir, sizeof dir, "%s/wb", fx->base);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/other", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/schemes", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/schemes/deeper", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	put(dir, "subjects.csv", "id\n");
	put(dir, "cycle.json", "{}");
	put(dir, ".hidden", "x");
	put(dir, "other/x.csv", "x");
	put(dir, "schemes/b.json", "{\"id\":\"b\"}");
	put(dir, "schemes/a.json", "{\"id\":\"a\"}");
	put(dir, "schemes/.a.json.swp", "x");
	put(dir, "schemes/deeper/c.json", "x");
	snprintf(target, sizeof target, "%s/cycle.json", dir);
	snprintf(path, sizeof path, "%s/link.csv", dir);
	assert_int_equal(symlink(target, path), 0);

	assert_int_equal(zipdir_pack(dir, &fx->zip, &fx->e), 0);
	zip_names(&fx->zip, &names);
	assert_string_equal(buf_str(&names), "cycle.json\nsubjects.csv\n"
			    "schemes/\nschemes/a.json\nschemes/b.json\n");
	/* schemes/ as a link is not followed */
	snprintf(path, sizeof path, "%s/schemes", dir);
	snprintf(target, sizeof target, "%s/real", dir);
	assert_int_equal(rename(path, target), 0);
	assert_int_equal(symlink(target, path), 0);
	buf_reset(&names);
	buf_reset(&fx->zip);
	assert_int_equal(zipdir_pack(dir, &fx->zip, &fx->e), 0);
	zip_names(&fx->zip, &names);
	assert_string_equal(buf_str(&names), "cycle.json\nsubjects.csv\n");
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rename(target, path), 0);
	buf_reset(&fx->zip);
	assert_int_equal(zipdir_pack(dir, &fx->zip, &fx->e), 0);
	assert_int_equal(zipdir_unpack(fx->zip.data, fx->zip.len, fx->out,
				       &fx->e), 0);
	assert_file(fx->out, "cycle.json", "{}");
	assert_file(fx->out, "schemes/b.json", "{\"id\":\"b\"}");
	buf_free(&names);
}

static void test_pack_refuses(void **state)
{
	struct fixture *fx = *state;
	char dir[TEST_PATH];
	snprintf(dir, sizeof dir, "%s/missing", fx->base);
	assert_int_equal(zipdir_pack(dir, &fx->zip, &fx->e), -1);
	assert_int_equal(fx->e.code, ERR_NOT_FOUND);
	/* an empty folder */
	assert_int_equal(zipdir_pack(fx->out, &fx->zip, &fx->e), -1);
	assert_int_equal(fx->e.code, ERR_INVALID);
	assert_int_equal(fx->zip.len, 0);
}

/* What a right click on the folder makes on Windows (names in GB18030,
 * the folder as one top folder) or macOS (__MACOSX/, .DS_Store). */
static void test_one_top_folder(void **state)
{
	struct fixture *fx = *state;
	static const struct entry v[] = {
		{ "zhuhai-2026/", NULL, 0 },
		{ "zhuhai-2026/cycle.json", "{\"id\":\"c\"}", 0 },
		{ "zhuhai-2026/subjects.csv", "id,scheme\n", 0100644 },
		{ "zhuhai-2026/schemes/", NULL, 040755 },
		{ "zhuhai-2026/schemes/base.json", "{\"id\":\"base\"}", 0 },
		/* 斗门.json in GB18030 */
		{ "zhuhai-2026/schemes/\xb6\xb7\xc3\xc5.json", "{}", 0 },
		{ "zhuhai-2026/.DS_Store", "junk", 0 },
		{ "__MACOSX/zhuhai-2026/._cycle.json", "junk", 0 },
	};
	char dir[TEST_PATH];
	make_zip(fx, v, sizeof v / sizeof v[0]);
	assert_int_equal(zipdir_unpack(fx->zip.data, fx->zip.len, fx->out,
				       &fx->e), 0);
	assert_file(fx->out, "cycle.json", "{\"id\":\"c\"}");
	assert_file(fx->out, "subjects.csv", "id,scheme\n");
	assert_file(fx->out, "schemes/base.json", "{\"id\":\"base\"}");
	assert_file(fx->out, "schemes/斗门.json", "{}");
	assert_int_equal(count_dir(fx->out), 3);
	snprintf(dir, sizeof dir, "%s/schemes", fx->out);
	assert_int_equal(count_dir(dir), 2);
}

/* Files at the top, schemes/ without an entry of its own, and a ZIP file
 * of schemes alone: "schemes" is not taken for a top folder. */
static void test_no_top_folder(void **state)
{
	struct fixture *fx = *state;
	static const struct entry v[] = {
		{ "schemes/a.json", "{}", 0 },
		{ "schemes/b.json", "{}", 0 },
	};
	make_zip(fx, v, 2);
	assert_int_equal(zipdir_unpack(fx->zip.data, fx->zip.len, fx->out,
				       &fx->e), 0);
	assert_file(fx->out, "schemes/a.json", "{}");
	assert_file(fx->out, "schemes/b.json", "{}");
	assert_int_equal(count_dir(fx->out), 1);
}

static void test_refuse_not_zip(void **state)
{
	struct fixture *fx = *state;
	buf_puts(&fx->zip, "id,name\ns1,Alice\n");
	refused(fx, NULL, ERR_INVALID, "the upload is not a ZIP file");
	assert_string_equal(fx->e.id, "not_zip");
	buf_reset(&fx->zip);
	refused(fx, NULL, ERR_INVALID, "the upload is not a ZIP file");
	/* a ZIP file cut short */
	static const struct entry v[] = { { "cycle.json", "{}", 0 } };
	make_zip(fx, v, 1);
	fx->zip.len -= 10;
	refused(fx, NULL, ERR_INVALID, "ZIP file");
}

/* Each bad name beside a good cycle.json: refused, named, nothing
 * written. */
static void test_refuse_names(void **state)
{
	struct fixture *fx = *state;
	static const struct { const char *name, *says; } bad[] = {
		{ "../evil.csv", "\"../evil.csv\" goes up a folder" },
		{ "/etc/x", "\"/etc/x\" is an absolute path" },
		{ "a/b/c.csv", "\"a/b/c.csv\" is in a folder other than "
			       "schemes/" },
		{ "schemes/x/c.json", "\"schemes/x/c.json\" is in a folder "
				      "other than schemes/" },
		{ "top/cycle.json", "\"top/cycle.json\" is in a folder other "
				    "than schemes/" },
		{ "other/", "\"other/\" is a folder other than schemes/" },
		{ "a\\b.csv", "\"a\\b.csv\" contains a backslash" },
		{ "schemes/../../x", "goes up a folder" },
		{ "x//y.csv", "empty folder name" },
		{ "schemes", "is a file where the folder schemes/ goes" },
		{ "bad\x01name.csv", "the name of ZIP entry 2 contains a "
				     "control character" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct entry v[] = {
			{ "cycle.json", "{}", 0 },
			{ bad[i].name, "x", 0 },
		};
		make_zip(fx, v, 2);
		refused(fx, NULL, ERR_INVALID, bad[i].says);
	}
	/* the top folder stripped, a/b/c.csv alone is still too deep */
	static const struct entry deep[] = { { "a/b/c.csv", "x", 0 } };
	make_zip(fx, deep, 1);
	refused(fx, NULL, ERR_INVALID, "\"a/b/c.csv\" is in a folder other");
	assert_string_equal(fx->e.where, "a/b/c.csv");
	/* nothing but junk */
	static const struct entry junk[] = { { ".DS_Store", "x", 0 } };
	make_zip(fx, junk, 1);
	refused(fx, NULL, ERR_INVALID, "holds no files");
}

static void test_refuse_kinds(void **state)
{
	struct fixture *fx = *state;
	static const struct entry link[] = {
		{ "cycle.json", "{}", 0 },
		{ "values.csv", "/etc/passwd", 0120777 },
	};
	make_zip(fx, link, 2);
	refused(fx, NULL, ERR_INVALID, "\"values.csv\" is a symbolic link");
	assert_string_equal(fx->e.where, "values.csv");
	static const struct entry fifo[] = { { "values.csv", "", 010644 } };
	make_zip(fx, fifo, 1);
	refused(fx, NULL, ERR_INVALID, "is not a regular file");
	/* the same path twice (libzip will not add one name twice): 斗.csv
	 * in UTF-8 and in GB18030 */
	static const struct entry twice[] = {
		{ "\xe6\x96\x97.csv", "a", 0 },
		{ "\xb6\xb7.csv", "b", 0 },
	};
	make_zip(fx, twice, 2);
	refused(fx, NULL, ERR_INVALID, "is in the ZIP file twice");
}

static void test_refuse_encrypted(void **state)
{
	struct fixture *fx = *state;
	char path[TEST_PATH];
	int ze = 0;
	size_t len;
	if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1))
		skip();
	snprintf(path, sizeof path, "%s/secret.zip", fx->base);
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	zip_source_t *src = zip_source_buffer(za, "{}", 2, 0);
	zip_int64_t idx = zip_file_add(za, "cycle.json", src, 0);
	assert_true(idx >= 0);
	assert_int_equal(zip_file_set_encryption(za, (zip_uint64_t)idx,
						 ZIP_EM_AES_256, "secret"), 0);
	assert_int_equal(zip_close(za), 0);
	char *data = slurp(path, &len);
	buf_append(&fx->zip, data, len);
	free(data);
	refused(fx, NULL, ERR_INVALID, "\"cycle.json\" is encrypted");
}

static void test_refuse_not_empty(void **state)
{
	struct fixture *fx = *state;
	static const struct entry v[] = { { "cycle.json", "{}", 0 } };
	make_zip(fx, v, 1);
	put(fx->out, "cycle.json", "mine");
	assert_int_equal(zipdir_unpack(fx->zip.data, fx->zip.len, fx->out,
				       &fx->e), -1);
	assert_int_equal(fx->e.code, ERR_CONFLICT);
	assert_file(fx->out, "cycle.json", "mine");
}

/* --- limits ------------------------------------------------------------ */

/* n empty entries. */
static void make_many(struct fixture *fx, size_t n)
{
	struct entry *v = calloc(n, sizeof *v);
	char (*names)[32] = calloc(n, sizeof *names);
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "f%05zu.csv", i);
		v[i].name = names[i];
	}
	make_zip(fx, v, n);
	free(names);
	free(v);
}

/* The real limit is refused before anything is written; the limit
 * itself is shown to be allowed with a lower one (10,100 files take
 * seconds to make on a disk). */
static void test_limit_entries(void **state)
{
	struct fixture *fx = *state;
	struct zipdir_limits lim = { 10, 0, 0 };
	make_many(fx, ZIPDIR_MAX_ENTRIES + 1);
	refused(fx, NULL, ERR_TOO_LARGE, "the ZIP file has 10101 entries; "
		"a workbook has at most 10100");
	make_many(fx, 11);
	refused(fx, &lim, ERR_TOO_LARGE, "has 11 entries");
	make_many(fx, 10);
	assert_int_equal(zipdir_unpack_limited(fx->zip.data, fx->zip.len,
					       fx->out, &lim, &fx->e), 0);
	assert_int_equal(count_dir(fx->out), 10);
}

/* A libzip source of `left` zero bytes, made as they are read. */
static zip_int64_t zeros(void *ud, void *data, zip_uint64_t len,
			 zip_source_cmd_t cmd)
{
	zip_uint64_t *left = ud;
	switch (cmd) {
	case ZIP_SOURCE_OPEN:
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_READ:
		if (len > *left)
			len = *left;
		memset(data, 0, (size_t)len);
		*left -= len;
		return (zip_int64_t)len;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE;
		st->size = BOMB_BYTES;
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		return 2 * sizeof(int);
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
			ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
			ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		return -1;
	}
}

/* One entry of 600 MiB of zeros, about 600 KiB deflated: refused by the
 * real ZIPDIR_MAX_ENTRY before a byte is written. */
static void test_limit_bomb(void **state)
{
	struct fixture *fx = *state;
	char path[TEST_PATH];
	zip_uint64_t left = BOMB_BYTES;
	int ze = 0;
	size_t len;
	snprintf(path, sizeof path, "%s/bomb.zip", fx->base);
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	zip_source_t *src = zip_source_function(za, zeros, &left);
	assert_non_null(src);
	zip_int64_t idx = zip_file_add(za, "values.csv", src, 0);
	assert_true(idx >= 0);
	assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)idx,
						  ZIP_CM_DEFLATE, 1), 0);
	assert_int_equal(zip_close(za), 0);
	char *data = slurp(path, &len);
	assert_true(len < ((size_t)4 << 20));
	buf_append(&fx->zip, data, len);
	free(data);
	refused(fx, NULL, ERR_TOO_LARGE, "\"values.csv\" unpacks to more "
		"than 512 MiB");
}

/* Entries whose headers say less than they hold: only counting what
 * comes out of the decompressor stops them (limits lowered for the
 * test). Files written before the refusal are removed. */
static void test_limit_counted(void **state)
{
	struct fixture *fx = *state;
	char *big = calloc(1, 5001);
	memset(big, 'x', 5000);
	struct entry one[] = { { "values.csv", big, 0 } };
	struct zipdir_limits lim = { 0, 3000, 1000 };
	make_zip(fx, one, 1);
	refused(fx, &lim, ERR_TOO_LARGE, "\"values.csv\" unpacks to more "
		"than 1000 bytes");
	lie_about_size(&fx->zip, "values.csv", 100);
	refused(fx, &lim, ERR_TOO_LARGE, "\"values.csv\" unpacks to more "
		"than 1000 bytes");

	big[900] = '\0';
	struct entry three[] = {
		{ "a.csv", big, 0 }, { "b.csv", big, 0 },
		{ "schemes/c.json", big, 0 }, { "schemes/d.json", big, 0 },
	};
	make_zip(fx, three, 4);
	refused(fx, &lim, ERR_TOO_LARGE, "the ZIP file unpacks to more "
		"than 3000 bytes");
	/* 900 + 900 + 900 + "100": the last is stopped as it comes out,
	 * before the end where its size would be found wrong */
	lie_about_size(&fx->zip, "schemes/d.json", 100);
	refused(fx, &lim, ERR_TOO_LARGE, "the ZIP file unpacks to more "
		"than 3000 bytes");
	assert_string_equal(fx->e.where, "schemes/d.json");
	/* within the limits, a lie is damage */
	struct entry small[] = { { "a.csv", big, 0 } };
	make_zip(fx, small, 1);
	lie_about_size(&fx->zip, "a.csv", 100);
	refused(fx, &lim, ERR_INVALID, "\"a.csv\" is damaged (900 bytes, "
		"not the 100 it declares)");
	free(big);
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_round_trip),
		T(test_pack_leaves_out),
		T(test_pack_refuses),
		T(test_one_top_folder),
		T(test_no_top_folder),
		T(test_refuse_not_zip),
		T(test_refuse_names),
		T(test_refuse_kinds),
		T(test_refuse_encrypted),
		T(test_refuse_not_empty),
		T(test_limit_entries),
		T(test_limit_bomb),
		T(test_limit_counted),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
