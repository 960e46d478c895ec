/* wallclock: CLOCK_REALTIME, formatted. */
#include "wallclock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t wallclock_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t wallclock_now(void)
{
	return wallclock_now_ms() / 1000;
}

void wallclock_iso(int64_t ms, char out[WALLCLOCK_ISO_LEN])
{
	time_t s = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&s, &tm);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
		 (tm.tm_year + 1900) % 10000, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000));
	memcpy(out, tmp, WALLCLOCK_ISO_LEN - 1);
	out[WALLCLOCK_ISO_LEN - 1] = '\0';
}

int wallclock_today(void)
{
	time_t now = (time_t)wallclock_now();
	struct tm tm;
	localtime_r(&now, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}
