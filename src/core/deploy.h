/* deploy: the rules of frontline assignments (S5): a cadre sent from a
 * home unit to work elsewhere for a time — secondment (挂职), the
 * investment frontline (招商一线), a grassroots posting (下沉基层) or as a
 * service commissioner (服务专员) — with who gives the routine assessment
 * meanwhile (usually the working unit). Pure: no I/O, no clock; dates are
 * yyyymmdd (core/day) and both ends count. */
#ifndef KAOHE_DEPLOY_H
#define KAOHE_DEPLOY_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

enum deploy_kind {
	DEPLOY_SECONDMENT,   /* secondment, 挂职 */
	DEPLOY_FRONTLINE,    /* frontline, 招商一线 */
	DEPLOY_GRASSROOTS,   /* grassroots, 下沉基层 */
	DEPLOY_COMMISSIONER, /* commissioner, 服务专员 */
};
#define DEPLOY_KIND_COUNT 4

#define DEPLOY_PURPOSE_MAX 500 /* characters of an assignment's purpose */
#define DEPLOY_SOON_DAYS 30    /* "ending soon": within this many days */

const char *deploy_kind_name(enum deploy_kind k);
const char *deploy_kind_name_zh(enum deploy_kind k);
/* The kind whose id or Chinese name is s; -1 when none. */
int deploy_kind_parse(const char *s, enum deploy_kind *out);

/* One assignment as given. */
struct deploy_assignment {
	enum deploy_kind kind;
	int64_t home_unit, working_unit;
	int start, end;          /* yyyymmdd, the planned last day */
	bool assessed_by_home;   /* else the working unit assesses */
};

/* Real dates with end not before start, a working unit other than the
 * home unit. ERR_INVALID naming start_date, end_date or working_unit_id. */
int deploy_check(const struct deploy_assignment *a, struct err *e);

/* Where an assignment stands on day (yyyymmdd): planned (not begun),
 * current, ending_soon (current and its end within DEPLOY_SOON_DAYS),
 * overdue (its end passed and not ended), ended (ended_on given). */
enum deploy_state { DEPLOY_PLANNED, DEPLOY_CURRENT, DEPLOY_ENDING_SOON,
		    DEPLOY_OVERDUE, DEPLOY_ENDED };
enum deploy_state deploy_state_on(int start, int end, int ended_on, int day);
#define DEPLOY_STATE_COUNT 5
const char *deploy_state_name(enum deploy_state s);
/* The state's name in exported files (在岗, 即将到期, 逾期未结束, …). */
const char *deploy_state_name_zh(enum deploy_state s);
/* The state whose id is s; -1 when none (s may be NULL). */
int deploy_state_parse(const char *s, enum deploy_state *out);

#endif
