/* scheme_int: what scheme.c (parsing documents) and scheme_build.c
 * (extends, validation, struct assess_scheme) share; nobody else sees it. */
#ifndef KAOHE_IO_SCHEME_INT_H
#define KAOHE_IO_SCHEME_INT_H

#include "io/scheme.h"

/* An indicator as a document gives it: a whole node, or a patch of one
 * (only the fields given are set). */
struct snode {
	const char *id, *name, *unit;  /* name, unit: NULL when not given */
	bool has_weight, has_rule, has_children, remove;
	double weight;
	struct assess_rule rule;
	struct snode **children;
	uint32_t nchildren;
	const char *parent;            /* a patch: where a new node goes */
	const char *file, *path;       /* where it was last given */
};

struct sadj {
	const char *id, *name;
	bool has_kind, has_max, remove;
	enum assess_adjust_kind kind;
	double max;
	const char *cap;               /* veto: a grade id; NULL: default */
	const char *file, *path;
};

enum sdoc_state { SDOC_NEW, SDOC_RESOLVING, SDOC_DONE, SDOC_FAILED };

struct sdoc {
	const char *file;
	const char *id, *name, *extends;
	bool bad;                      /* errors in the document itself */
	struct snode **items;          /* indicators: nodes, or patches */
	uint32_t nitems;
	struct sadj **adjs;
	uint32_t nadjs;
	enum sdoc_state state;
	struct snode **top;            /* the resolved tree */
	uint32_t ntop;
	struct sadj **radj;            /* the resolved adjustments */
	uint32_t nradj;
};

struct scheme_set {
	struct arena *arena;
	struct sdoc **docs;
	uint32_t n, cap;
	struct intern ids;     /* scheme ids */
	uint32_t *doc_of;      /* id index -> document index */
};

#endif
