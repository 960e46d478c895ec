/* codes: the tables themselves, in each standard's order, and lookups by a
 * linear scan (the largest table has 58 entries). The Chinese names are
 * the standards' own; where a copy of the standard was not at hand and
 * memory is unsure, a comment says so. */
#include "codes.h"

#include <stdbool.h>
#include <string.h>

/* GB/T 2261.1-2003. The standard names 1 and 2 男性 and 女性; the UI may
 * show them short. */
static const struct codes_entry codes_gender[] = {
	{ "0", "未知的性别", "Unknown" },
	{ "1", "男性", "Male" },
	{ "2", "女性", "Female" },
	{ "9", "未说明的性别", "Not stated" },
};

/* GB 3304-1991: the 56 groups in the standard's order (which is not by
 * population after the first few), then 97 and 98. The English names are
 * the usual English ones (Tibetan, Uyghur, Korean, Manchu), not the
 * standard's romanisation (Zang, Uygur, Chosen, Man); its two-letter codes
 * (HA, MG, ...) are left out. 德昂族 was 崩龙族 before 1985. */
static const struct codes_entry codes_ethnicity[] = {
	{ "01", "汉族", "Han" },         { "02", "蒙古族", "Mongol" },
	{ "03", "回族", "Hui" },         { "04", "藏族", "Tibetan" },
	{ "05", "维吾尔族", "Uyghur" },  { "06", "苗族", "Miao" },
	{ "07", "彝族", "Yi" },          { "08", "壮族", "Zhuang" },
	{ "09", "布依族", "Bouyei" },    { "10", "朝鲜族", "Korean" },
	{ "11", "满族", "Manchu" },      { "12", "侗族", "Dong" },
	{ "13", "瑶族", "Yao" },         { "14", "白族", "Bai" },
	{ "15", "土家族", "Tujia" },     { "16", "哈尼族", "Hani" },
	{ "17", "哈萨克族", "Kazakh" },  { "18", "傣族", "Dai" },
	{ "19", "黎族", "Li" },          { "20", "傈僳族", "Lisu" },
	{ "21", "佤族", "Wa" },          { "22", "畲族", "She" },
	{ "23", "高山族", "Gaoshan" },   { "24", "拉祜族", "Lahu" },
	{ "25", "水族", "Shui" },        { "26", "东乡族", "Dongxiang" },
	{ "27", "纳西族", "Naxi" },      { "28", "景颇族", "Jingpo" },
	{ "29", "柯尔克孜族", "Kyrgyz" }, { "30", "土族", "Tu" },
	{ "31", "达斡尔族", "Daur" },    { "32", "仫佬族", "Mulao" },
	{ "33", "羌族", "Qiang" },       { "34", "布朗族", "Blang" },
	{ "35", "撒拉族", "Salar" },     { "36", "毛南族", "Maonan" },
	{ "37", "仡佬族", "Gelao" },     { "38", "锡伯族", "Xibe" },
	{ "39", "阿昌族", "Achang" },    { "40", "普米族", "Pumi" },
	{ "41", "塔吉克族", "Tajik" },   { "42", "怒族", "Nu" },
	{ "43", "乌孜别克族", "Uzbek" }, { "44", "俄罗斯族", "Russian" },
	{ "45", "鄂温克族", "Evenki" },  { "46", "德昂族", "De'ang" },
	{ "47", "保安族", "Bonan" },     { "48", "裕固族", "Yugur" },
	{ "49", "京族", "Gin" },         { "50", "塔塔尔族", "Tatar" },
	{ "51", "独龙族", "Derung" },    { "52", "鄂伦春族", "Oroqen" },
	{ "53", "赫哲族", "Hezhen" },    { "54", "门巴族", "Monba" },
	{ "55", "珞巴族", "Lhoba" },     { "56", "基诺族", "Jino" },
	{ "97", "其他", "Other" },
	{ "98", "外国血统中国籍人士", "Chinese citizen of foreign origin" },
};

/* GB/T 4762-1984. Copies of the 1984 text name 12 无党派民主人士; current
 * usage says 无党派人士. The table keeps the standard's wording. */
static const struct codes_entry codes_political[] = {
	{ "01", "中国共产党党员", "Member of the Communist Party of China" },
	{ "02", "中国共产党预备党员",
	  "Probationary member of the Communist Party of China" },
	{ "03", "中国共产主义青年团团员",
	  "Member of the Communist Youth League of China" },
	{ "04", "中国国民党革命委员会会员",
	  "Member of the Revolutionary Committee of the Chinese Kuomintang" },
	{ "05", "中国民主同盟盟员", "Member of the China Democratic League" },
	{ "06", "中国民主建国会会员",
	  "Member of the China National Democratic Construction Association" },
	{ "07", "中国民主促进会会员",
	  "Member of the China Association for Promoting Democracy" },
	{ "08", "中国农工民主党党员",
	  "Member of the Chinese Peasants' and Workers' Democratic Party" },
	{ "09", "中国致公党党员", "Member of the China Zhi Gong Party" },
	{ "10", "九三学社社员", "Member of the Jiusan Society" },
	{ "11", "台湾民主自治同盟盟员",
	  "Member of the Taiwan Democratic Self-Government League" },
	{ "12", "无党派民主人士", "Non-party personage" },
	{ "13", "群众", "Ordinary citizen" },
};

/* GB/T 4658-2006, two-digit codes. A code ending in 0 is a level of
 * education, kept for records where only the level is known. Unsure from
 * memory: some copies name 20 大学本科/专科教育 (both levels) and 90
 * 其他教育; this table follows the more common 大学本科教育, 大学专科教育
 * and 其他. The gaps (24-27, 29, 34-39, 50-59, 72, 82) are the
 * standard's. 结业 is "completed without graduating" (the course done, the
 * requirements not met); 肄业 is "left before completion". */
static const struct codes_entry codes_education[] = {
	{ "10", "研究生教育", "Postgraduate education" },
	{ "11", "博士研究生毕业", "Doctoral programme, graduated" },
	{ "12", "博士研究生结业", "Doctoral programme, completed without graduating" },
	{ "13", "博士研究生肄业", "Doctoral programme, left before completion" },
	{ "14", "硕士研究生毕业", "Master's programme, graduated" },
	{ "15", "硕士研究生结业", "Master's programme, completed without graduating" },
	{ "16", "硕士研究生肄业", "Master's programme, left before completion" },
	{ "17", "研究生班毕业", "Postgraduate class, graduated" },
	{ "18", "研究生班结业", "Postgraduate class, completed without graduating" },
	{ "19", "研究生班肄业", "Postgraduate class, left before completion" },
	{ "20", "大学本科教育", "Undergraduate education" },
	{ "21", "大学本科毕业", "Undergraduate, graduated" },
	{ "22", "大学本科结业", "Undergraduate, completed without graduating" },
	{ "23", "大学本科肄业", "Undergraduate, left before completion" },
	{ "28", "大学普通班毕业", "University general class, graduated" },
	{ "30", "大学专科教育", "Junior college education" },
	{ "31", "大学专科毕业", "Junior college, graduated" },
	{ "32", "大学专科结业", "Junior college, completed without graduating" },
	{ "33", "大学专科肄业", "Junior college, left before completion" },
	{ "40", "中等职业教育", "Secondary vocational education" },
	{ "41", "中等专科毕业", "Secondary specialised school, graduated" },
	{ "42", "中等专科结业",
	  "Secondary specialised school, completed without graduating" },
	{ "43", "中等专科肄业",
	  "Secondary specialised school, left before completion" },
	{ "44", "职业高中毕业", "Vocational high school, graduated" },
	{ "45", "职业高中结业",
	  "Vocational high school, completed without graduating" },
	{ "46", "职业高中肄业", "Vocational high school, left before completion" },
	{ "47", "技工学校毕业", "Skilled workers' school, graduated" },
	{ "48", "技工学校结业",
	  "Skilled workers' school, completed without graduating" },
	{ "49", "技工学校肄业", "Skilled workers' school, left before completion" },
	{ "60", "普通高级中学教育", "General senior secondary education" },
	{ "61", "普通高中毕业", "Senior high school, graduated" },
	{ "62", "普通高中结业", "Senior high school, completed without graduating" },
	{ "63", "普通高中肄业", "Senior high school, left before completion" },
	{ "70", "初级中学教育", "Junior secondary education" },
	{ "71", "初中毕业", "Junior high school, graduated" },
	{ "73", "初中肄业", "Junior high school, left before completion" },
	{ "80", "小学教育", "Primary education" },
	{ "81", "小学毕业", "Primary school, graduated" },
	{ "83", "小学肄业", "Primary school, left before completion" },
	{ "90", "其他", "Other" },
};

#define CODES_N(a) (sizeof(a) / sizeof *(a))

static const struct codes_def {
	const char *noun, *what, *standard;
	const struct codes_entry *entries;
	size_t n;
} codes_defs[CODES_TABLE_COUNT] = {
	[CODES_GENDER] = { "gender", "a gender code", "GB/T 2261.1",
			   codes_gender, CODES_N(codes_gender) },
	[CODES_ETHNICITY] = { "ethnicity", "an ethnicity code", "GB 3304",
			      codes_ethnicity, CODES_N(codes_ethnicity) },
	[CODES_POLITICAL] = { "political status", "a political status code",
			      "GB/T 4762", codes_political,
			      CODES_N(codes_political) },
	[CODES_EDUCATION] = { "education", "an education code", "GB/T 4658",
			      codes_education, CODES_N(codes_education) },
};

static const struct codes_def *codes_def(enum codes_table t)
{
	if ((unsigned)t >= CODES_TABLE_COUNT)
		return NULL;
	return &codes_defs[t];
}

const char *codes_noun(enum codes_table t)
{
	const struct codes_def *d = codes_def(t);
	return d ? d->noun : NULL;
}

const char *codes_standard(enum codes_table t)
{
	const struct codes_def *d = codes_def(t);
	return d ? d->standard : NULL;
}

size_t codes_count(enum codes_table t)
{
	const struct codes_def *d = codes_def(t);
	return d ? d->n : 0;
}

const struct codes_entry *codes_at(enum codes_table t, size_t i)
{
	const struct codes_def *d = codes_def(t);
	return d && i < d->n ? &d->entries[i] : NULL;
}

const struct codes_entry *codes_find(enum codes_table t, const char *code)
{
	const struct codes_def *d = codes_def(t);
	if (!d || !code)
		return NULL;
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->entries[i].code, code) == 0)
			return &d->entries[i];
	return NULL;
}

/* ASCII only, so that the locale plays no part. */
static bool codes_equal_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

const struct codes_entry *codes_find_name(enum codes_table t,
					  const char *name)
{
	const struct codes_def *d = codes_def(t);
	if (!d || !name || !*name)
		return NULL;
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->entries[i].name_zh, name) == 0 ||
		    codes_equal_ci(d->entries[i].name_en, name))
			return &d->entries[i];
	return NULL;
}

/* Whether s is short printable ASCII, fit to quote back in a message. */
static bool codes_quotable(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (n >= 8 || s[n] <= ' ' || s[n] >= 0x7f || s[n] == '\'')
			return false;
	return true;
}

int codes_check(enum codes_table t, const char *code, const char *field,
		struct err *e)
{
	const struct codes_def *d = codes_def(t);
	if (!d)
		return err_set_at(e, ERR_INTERNAL, "unknown_code", field,
				  "no such code table (%d)", (int)t);
	if (!code || !*code)
		return err_set_at(e, ERR_INVALID, "unknown_code", field,
				  "no %s code given; choose one of %s",
				  d->noun, d->standard);
	if (codes_find(t, code))
		return 0;
	if (!codes_quotable(code))
		return err_set_at(e, ERR_INVALID, "unknown_code", field,
				  "the %s code is not one of %s", d->noun,
				  d->standard);
	/* "1" for "01": the commonest slip with two-digit codes. */
	char padded[3] = { '0', code[0], '\0' };
	if (code[1] == '\0' && codes_find(t, padded))
		return err_set_at(e, ERR_INVALID, "unknown_code", field,
				  "'%s' is not %s of %s; its codes have two "
				  "digits (did you mean '%s'?)", code, d->what,
				  d->standard, padded);
	return err_set_at(e, ERR_INVALID, "unknown_code", field,
			  "'%s' is not %s of %s", code, d->what, d->standard);
}
