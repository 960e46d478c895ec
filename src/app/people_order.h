/* people_order: the orders of people lists that officials expect — by the
 * pinyin of the name, or by surname strokes (姓氏笔画) — kept as ICU sort
 * keys (base/collate) in hexadecimal beside each person, so that SQL
 * orders and pages a list through an index. When the ICU collation
 * version changes (a library upgrade), every stored key is computed again
 * on opening the database. Must not know about HTTP or the terminal. */
#ifndef KAOHE_PEOPLE_ORDER_H
#define KAOHE_PEOPLE_ORDER_H

#include "app/app.h"
#include "base/buf.h"

/* The pinyin and stroke keys of name, as hexadecimal text, into the two
 * buffers (reset first). ERR_INVALID naming "name" when ICU refuses it. */
int people_order_keys(const char *name, struct buf *pinyin, struct buf *stroke,
		      struct err *e);

/* Computes the keys of every person that has none, or of every person
 * when the stored collation version is not ICU's, in one transaction. */
int people_order_refresh(struct app *a, struct err *e);

#endif
