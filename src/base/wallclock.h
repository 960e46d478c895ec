/* wallclock: the time of day, in the forms kaohe stores.
 * Stored times are UTC ISO 8601 with milliseconds ("2026-11-29T18:31:03.123Z"),
 * or seconds since the epoch where only arithmetic needs them. */
#ifndef KAOHE_WALLCLOCK_H
#define KAOHE_WALLCLOCK_H

#include <stdint.h>

#define WALLCLOCK_ISO_LEN 25 /* with the NUL */

int64_t wallclock_now(void);    /* seconds since the epoch */
int64_t wallclock_now_ms(void); /* milliseconds since the epoch */
/* Today's date in the server's local time zone, as yyyymmdd (for the
 * pure rules in core, which take "today" as a parameter). */
int wallclock_today(void);
/* Formats ms since the epoch as UTC ISO 8601 with milliseconds. */
void wallclock_iso(int64_t ms, char out[WALLCLOCK_ISO_LEN]);

#endif
