/* zipdir: an assessment workbook folder (docs/assessment.md: cycle.json,
 * schemes/NAME.json, the CSV files) as one ZIP file, so that it can go
 * through HTTP in one piece:
 *   - pack: the regular files directly in the folder and in schemes/,
 *     sorted by name, deflated, into memory;
 *   - unpack: an upload into an empty folder, after every entry has been
 *     checked, so that a refused upload writes nothing.
 * An upload is what a user made, by kaohe or by right-clicking the folder:
 * the whole workbook may sit in one top folder ("zhuhai-2026/cycle.json"),
 * which is stripped; names may be UTF-8 or GB18030 (what Chinese Windows
 * writes); what macOS and the shell add (__MACOSX/, dot-files) is left
 * out, as the loader would leave it.
 * Must not write outside the given folder, replace a file, follow or make
 * a link, or trust the sizes a ZIP file declares. Knows nothing of HTTP. */
#ifndef KAOHE_IO_ZIPDIR_H
#define KAOHE_IO_ZIPDIR_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

/* Entries of a ZIP file, folders included: a workbook has at most 10,000
 * scheme files (SCHEME_MAX_DOCS) and a few more. */
#define ZIPDIR_MAX_ENTRIES 10100u
/* Bytes unpacked, all entries together and one entry, counted as they
 * come out of the decompressor. */
#define ZIPDIR_MAX_TOTAL (UINT64_C(1) << 30)
#define ZIPDIR_MAX_ENTRY (UINT64_C(512) << 20)
/* Bytes of an entry's name, top folder included. */
#define ZIPDIR_MAX_NAME 1024u

/* Appends to out a ZIP file of the workbook in dir: every regular file
 * directly in dir and in dir/schemes/ whose name does not start with a
 * dot, as "cycle.json", "schemes/base.json" (and a "schemes/" entry when
 * that folder exists), each group sorted bytewise, so the same folder
 * always gives the same entries in the same order. Other folders and
 * links are left out. ERR_NOT_FOUND when dir is missing; ERR_INVALID for
 * a folder with no file or a file name an upload would be refused for
 * (not UTF-8, a backslash, a control character); ERR_TOO_LARGE past the
 * limits above, so that what is packed can be unpacked. Writes nothing
 * to disk; on failure out is as it was. */
int zipdir_pack(const char *dir, struct buf *out, struct err *e);

/* Unpacks the ZIP file data[0..len) (borrowed) into dir, which must
 * exist and be empty (made with mkdtemp by the caller). Files are made
 * with mode 0600, schemes/ with 0700. Refuses, with the entry's name in
 * e->where and in the message:
 *   - ERR_INVALID: data that is not a ZIP file or a damaged one; a name
 *     that is absolute, goes up ("..") or contains a backslash or a
 *     control character; a file in any folder but schemes/ (after the
 *     one top folder is stripped); a link or other special file; an
 *     encrypted entry; two entries of the same name; no file at all;
 *   - ERR_TOO_LARGE: more than ZIPDIR_MAX_ENTRIES entries, an entry over
 *     ZIPDIR_MAX_ENTRY bytes or all over ZIPDIR_MAX_TOTAL unpacked;
 *   - ERR_CONFLICT: dir is not empty; ERR_NOT_FOUND: it is missing.
 * On failure whatever was written is removed again and dir is empty. */
int zipdir_unpack(const void *data, size_t len, const char *dir,
		  struct err *e);

/* Lower limits than the defaults, for tests (a zip bomb need not be
 * 1 GiB to show that it is stopped); a member 0 is the default. */
struct zipdir_limits {
	uint64_t max_entries;
	uint64_t max_total;  /* bytes */
	uint64_t max_entry;  /* bytes */
};

/* zipdir_unpack with the limits in lim (NULL: the defaults); a limit
 * above its default is taken as the default. */
int zipdir_unpack_limited(const void *data, size_t len, const char *dir,
			  const struct zipdir_limits *lim, struct err *e);

#endif
