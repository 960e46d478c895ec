/* imports_values: a cycle's indicator values from a spreadsheet, and its
 * template filled with the importer's subjects, their indicators and the
 * values entered so far (docs/formats.md: Indicator values). Columns
 * 考核对象编号 (subject), 考核对象, 指标编号 (indicator), 指标名称,
 * 计量单位, 实际值 (actual), 目标值 (target), 数据来源 (source); the names
 * and the unit are for the reader and not checked. A row without 实际值
 * is not reported and left alone. All rows or none, as io/imports. Must
 * not know about HTTP. */
#ifndef KAOHE_IO_IMPORTS_VALUES_H
#define KAOHE_IO_IMPORTS_VALUES_H

#include "app/app.h"
#include "base/buf.h"
#include "io/imports.h"
#include "io/sheet.h"

/* Enters the values of data[0..len) (named name) into cycle on behalf of
 * who, who sees the subjects of scope (app/units); reports as
 * imports_run (imported: the rows read, those left empty included). */
int imports_values(struct app *a, const struct actor *who, int64_t scope,
		   int64_t cycle, const void *data, size_t len,
		   const char *name, struct imports_report *r, struct err *e);
/* The template: a row per subject within scope and indicator of its
 * scheme (its leaves, then its adjustments), with the values entered. */
int imports_values_template(struct app *a, int64_t scope, int64_t cycle,
			    enum sheet_format f, struct buf *out,
			    struct err *e);

#endif
