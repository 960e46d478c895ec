/* statics: the web UI's files, from the copy built into the binary or,
 * while developing, from a folder (--web-dir). A path without an
 * extension is a page of the single-page UI and gets index.html. */
#ifndef KAOHE_STATICS_H
#define KAOHE_STATICS_H

#include "base/arena.h"
#include "http/request.h"

/* Fills rs for a GET or HEAD of path. web_dir may be NULL. */
void statics_serve(const char *web_dir, const char *path,
		   struct arena *arena, struct response *rs);

#endif
