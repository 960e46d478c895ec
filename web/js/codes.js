// codes: the national code tables a person record uses (docs/people.md),
// in each standard's order, with their Chinese and English names. A copy of
// the tables in src/core/codes.c (the server checks the codes; the UI only
// offers them as choices and shows their names): change both together.
// The names are registered as i18n texts `code.<table>.<code>`, so they
// follow the language switch like every other text.

import { addTexts } from './i18n.js';

// [code, Chinese name, English name]
const TABLES = {
  gender: [
    ["0", "未知的性别", "Unknown"],
    ["1", "男性", "Male"],
    ["2", "女性", "Female"],
    ["9", "未说明的性别", "Not stated"],
  ],
  ethnicity: [
    ["01", "汉族", "Han"],
    ["02", "蒙古族", "Mongol"],
    ["03", "回族", "Hui"],
    ["04", "藏族", "Tibetan"],
    ["05", "维吾尔族", "Uyghur"],
    ["06", "苗族", "Miao"],
    ["07", "彝族", "Yi"],
    ["08", "壮族", "Zhuang"],
    ["09", "布依族", "Bouyei"],
    ["10", "朝鲜族", "Korean"],
    ["11", "满族", "Manchu"],
    ["12", "侗族", "Dong"],
    ["13", "瑶族", "Yao"],
    ["14", "白族", "Bai"],
    ["15", "土家族", "Tujia"],
    ["16", "哈尼族", "Hani"],
    ["17", "哈萨克族", "Kazakh"],
    ["18", "傣族", "Dai"],
    ["19", "黎族", "Li"],
    ["20", "傈僳族", "Lisu"],
    ["21", "佤族", "Wa"],
    ["22", "畲族", "She"],
    ["23", "高山族", "Gaoshan"],
    ["24", "拉祜族", "Lahu"],
    ["25", "水族", "Shui"],
    ["26", "东乡族", "Dongxiang"],
    ["27", "纳西族", "Naxi"],
    ["28", "景颇族", "Jingpo"],
    ["29", "柯尔克孜族", "Kyrgyz"],
    ["30", "土族", "Tu"],
    ["31", "达斡尔族", "Daur"],
    ["32", "仫佬族", "Mulao"],
    ["33", "羌族", "Qiang"],
    ["34", "布朗族", "Blang"],
    ["35", "撒拉族", "Salar"],
    ["36", "毛南族", "Maonan"],
    ["37", "仡佬族", "Gelao"],
    ["38", "锡伯族", "Xibe"],
    ["39", "阿昌族", "Achang"],
    ["40", "普米族", "Pumi"],
    ["41", "塔吉克族", "Tajik"],
    ["42", "怒族", "Nu"],
    ["43", "乌孜别克族", "Uzbek"],
    ["44", "俄罗斯族", "Russian"],
    ["45", "鄂温克族", "Evenki"],
    ["46", "德昂族", "De'ang"],
    ["47", "保安族", "Bonan"],
    ["48", "裕固族", "Yugur"],
    ["49", "京族", "Gin"],
    ["50", "塔塔尔族", "Tatar"],
    ["51", "独龙族", "Derung"],
    ["52", "鄂伦春族", "Oroqen"],
    ["53", "赫哲族", "Hezhen"],
    ["54", "门巴族", "Monba"],
    ["55", "珞巴族", "Lhoba"],
    ["56", "基诺族", "Jino"],
    ["97", "其他", "Other"],
    ["98", "外国血统中国籍人士", "Chinese citizen of foreign origin"],
  ],
  political_status: [
    ["01", "中国共产党党员", "Member of the Communist Party of China"],
    ["02", "中国共产党预备党员", "Probationary member of the Communist Party of China"],
    ["03", "中国共产主义青年团团员", "Member of the Communist Youth League of China"],
    ["04", "中国国民党革命委员会会员", "Member of the Revolutionary Committee of the Chinese Kuomintang"],
    ["05", "中国民主同盟盟员", "Member of the China Democratic League"],
    ["06", "中国民主建国会会员", "Member of the China National Democratic Construction Association"],
    ["07", "中国民主促进会会员", "Member of the China Association for Promoting Democracy"],
    ["08", "中国农工民主党党员", "Member of the Chinese Peasants' and Workers' Democratic Party"],
    ["09", "中国致公党党员", "Member of the China Zhi Gong Party"],
    ["10", "九三学社社员", "Member of the Jiusan Society"],
    ["11", "台湾民主自治同盟盟员", "Member of the Taiwan Democratic Self-Government League"],
    ["12", "无党派民主人士", "Non-party personage"],
    ["13", "群众", "Ordinary citizen"],
  ],
  education: [
    ["10", "研究生教育", "Postgraduate education"],
    ["11", "博士研究生毕业", "Doctoral programme, graduated"],
    ["12", "博士研究生结业", "Doctoral programme, completed without graduating"],
    ["13", "博士研究生肄业", "Doctoral programme, left before completion"],
    ["14", "硕士研究生毕业", "Master's programme, graduated"],
    ["15", "硕士研究生结业", "Master's programme, completed without graduating"],
    ["16", "硕士研究生肄业", "Master's programme, left before completion"],
    ["17", "研究生班毕业", "Postgraduate class, graduated"],
    ["18", "研究生班结业", "Postgraduate class, completed without graduating"],
    ["19", "研究生班肄业", "Postgraduate class, left before completion"],
    ["20", "大学本科教育", "Undergraduate education"],
    ["21", "大学本科毕业", "Undergraduate, graduated"],
    ["22", "大学本科结业", "Undergraduate, completed without graduating"],
    ["23", "大学本科肄业", "Undergraduate, left before completion"],
    ["28", "大学普通班毕业", "University general class, graduated"],
    ["30", "大学专科教育", "Junior college education"],
    ["31", "大学专科毕业", "Junior college, graduated"],
    ["32", "大学专科结业", "Junior college, completed without graduating"],
    ["33", "大学专科肄业", "Junior college, left before completion"],
    ["40", "中等职业教育", "Secondary vocational education"],
    ["41", "中等专科毕业", "Secondary specialised school, graduated"],
    ["42", "中等专科结业", "Secondary specialised school, completed without graduating"],
    ["43", "中等专科肄业", "Secondary specialised school, left before completion"],
    ["44", "职业高中毕业", "Vocational high school, graduated"],
    ["45", "职业高中结业", "Vocational high school, completed without graduating"],
    ["46", "职业高中肄业", "Vocational high school, left before completion"],
    ["47", "技工学校毕业", "Skilled workers' school, graduated"],
    ["48", "技工学校结业", "Skilled workers' school, completed without graduating"],
    ["49", "技工学校肄业", "Skilled workers' school, left before completion"],
    ["60", "普通高级中学教育", "General senior secondary education"],
    ["61", "普通高中毕业", "Senior high school, graduated"],
    ["62", "普通高中结业", "Senior high school, completed without graduating"],
    ["63", "普通高中肄业", "Senior high school, left before completion"],
    ["70", "初级中学教育", "Junior secondary education"],
    ["71", "初中毕业", "Junior high school, graduated"],
    ["73", "初中肄业", "Junior high school, left before completion"],
    ["80", "小学教育", "Primary education"],
    ["81", "小学毕业", "Primary school, graduated"],
    ["83", "小学肄业", "Primary school, left before completion"],
    ["90", "其他", "Other"],
  ],
};

// The short names of GB/T 2261.1's 1 and 2, as lists show them.
const SHORT_GENDER = { zh: { 1: '男', 2: '女' }, en: { 1: 'Male', 2: 'Female' } };

const zh = {};
const en = {};
for (const [table, rows] of Object.entries(TABLES)) {
  for (const [code, nameZh, nameEn] of rows) {
    zh[`code.${table}.${code}`] = nameZh;
    en[`code.${table}.${code}`] = nameEn;
  }
}
// Also "21 大学本科毕业": the name after the code, for long tables that
// offices know by code.
for (const [table, rows] of Object.entries(TABLES)) {
  for (const [code, nameZh, nameEn] of rows) {
    zh[`code.${table}.${code}.coded`] = `${code} ${nameZh}`;
    en[`code.${table}.${code}.coded`] = `${code} ${nameEn}`;
  }
}
for (const [code, name] of Object.entries(SHORT_GENDER.zh)) zh[`code.gender_short.${code}`] = name;
for (const [code, name] of Object.entries(SHORT_GENDER.en)) en[`code.gender_short.${code}`] = name;
addTexts({ 'zh-CN': zh, en });

// The codes of a table, in the standard's order.
export function codes(table) {
  return (TABLES[table] ?? []).map((row) => row[0]);
}

// The i18n key of a code's name, or null when the table has no such code;
// coded: the key of the name after the code ("21 大学本科毕业").
export function codeKey(table, code, { coded = false } = {}) {
  if (!(TABLES[table] ?? []).some((row) => row[0] === code)) return null;
  return coded ? `code.${table}.${code}.coded` : `code.${table}.${code}`;
}

// The key of a gender's short name (男, 女) where there is one.
export function genderKey(code) {
  return code in SHORT_GENDER.zh ? `code.gender_short.${code}` : codeKey('gender', code);
}
