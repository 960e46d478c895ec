/* day: calendar dates as the integer yyyymmdd (20260301), the form every
 * kaohe date takes between parsing and storing: parse "yyyy-mm-dd",
 * check a real date, write it back, step by days, and count whole years
 * (an age). Proleptic Gregorian calendar. Pure: no clock (callers pass
 * today, from base/wallclock). */
#ifndef KAOHE_DAY_H
#define KAOHE_DAY_H

#include <stdbool.h>

#define DAY_TEXT_LEN 10 /* "yyyy-mm-dd" */

/* A real date of years 1000..9999 (a February 29 only in leap years). */
bool day_valid(int ymd);
/* "2026-03-01" as 20260301 into *out; -1 when s is not exactly of that
 * shape or not a real date. s may be NULL (refused). */
int day_parse(const char *s, int *out);
/* ymd as "yyyy-mm-dd" into out (DAY_TEXT_LEN + 1 bytes). */
void day_format(int ymd, char out[DAY_TEXT_LEN + 1]);
/* The date n days after ymd (n may be negative); ymd must be valid. */
int day_add(int ymd, int n);
/* Days from `from` to `to` (negative when to is earlier); both valid. */
int day_diff(int from, int to);
/* Whole years from `from` to `to` (an age on `to` of someone born on
 * `from`); negative when to is before from. */
int day_years(int from, int to);

#endif
