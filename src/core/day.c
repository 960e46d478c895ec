/* day: dates as yyyymmdd. day_add goes through a count of days since
 * 1970-01-01 (Howard Hinnant's civil-from-days arithmetic, written from
 * its description: eras of 400 years of 146097 days). */
#include "day.h"

static bool day_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int day_month_length(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };
	return m == 2 && day_leap(y) ? 29 : days[m - 1];
}

bool day_valid(int ymd)
{
	int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= day_month_length(y, m);
}

int day_parse(const char *s, int *out)
{
	static const char shape[] = "dddd-dd-dd";
	int v = 0;
	if (!s)
		return -1;
	for (int i = 0; i < DAY_TEXT_LEN; i++) {
		if (shape[i] == '-') {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9') {
			return -1;
		} else {
			v = v * 10 + (s[i] - '0');
		}
	}
	if (s[DAY_TEXT_LEN] != '\0' || !day_valid(v))
		return -1;
	*out = v;
	return 0;
}

void day_format(int ymd, char out[DAY_TEXT_LEN + 1])
{
	static const char shape[] = "dddd-dd-dd";
	unsigned v = (unsigned)ymd;
	for (int i = DAY_TEXT_LEN - 1; i >= 0; i--) {
		if (shape[i] == '-') {
			out[i] = '-';
			continue;
		}
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
	out[DAY_TEXT_LEN] = '\0';
}

static long day_to_days(int ymd)
{
	long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int day_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	return (int)(y * 10000 + m * 100 + d);
}

int day_add(int ymd, int n)
{
	return day_from_days(day_to_days(ymd) + n);
}

int day_diff(int from, int to)
{
	return (int)(day_to_days(to) - day_to_days(from));
}

int day_years(int from, int to)
{
	int years = to / 10000 - from / 10000;
	if (to % 10000 < from % 10000)
		years--;
	return years;
}
