#!/usr/bin/env python3
"""gen_people: writes the workbooks of the people benchmark
(docs/benchmarks.md, "People and imports").

    gen_people.py UNITS_TSV DIR PEOPLE [SEED]

UNITS_TSV has one unit a line, "id<TAB>kind<TAB>path" (the path of names
from the committee, as bench/people.sh reads it from a database made by
`kaohe init` and `kaohe demo`). DIR gets people.xlsx (PEOPLE rows, the
people template's columns) and employments.xlsx (three rows a person: two
posts that ended and the current one, never overlapping), written the way
Excel writes them: shared strings, dates as numbers in a date format. It
prints "people=N employments=M" on stdout.

Only the Python standard library (zipfile), and no kaohe code, so that a
bug in kaohe's reader cannot hide in the generator too. Everything
depends only on the units, PEOPLE and SEED. Names and ID numbers are made
up: ID numbers are valid (a province's region code, a working-age birth
date, a sequence number from 900 as the demo's, the GB 11643 check digit)
and unique, and never the demo's (whose regions, 120116 and 440404, are
left out). For benchmarks only.
"""
import datetime
import os
import random
import sys
import zipfile
from xml.sax.saxutils import escape

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
    "袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟"
    "熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文"
    "牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符"
    "舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席"
)
COMPOUND = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙",
            "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐")
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红梅鑫波斌宇浩"
    "凯健俊帆帅旭宁琳晨辉鹏昊天佳欣怡婷雪颖倩琪瑶璐薇悦嘉睿哲思远航泽宏毅然"
    "诚博文武志国庆建新春海峰松柏林森岩山川江河湖云雨露霜晓光亮晶莹婧妍媛"
    "慧敬益清源鸿飞翔锋锐立成正永长兴盛昌隆福寿康乐安和顺德仁义礼智信忠孝"
)
REGIONS = (
    "120101", "120102", "120103", "120104", "120105", "120106", "120110",
    "120111", "120112", "120113", "120114", "120115", "120221",
    "500101", "500102", "500103", "500104", "500105", "500106", "500107",
    "500108", "500112", "500113", "440402", "440403", "440400",
    "110101", "110102", "110105", "110108", "130102", "130104", "370102",
    "370202", "320102", "320106", "330102", "330106", "420102", "420106",
    "510104", "510107", "610102", "610113", "210102", "230102", "430102",
    "350102", "360102", "410102", "450102", "520102", "530102", "620102",
)
ETHNIC_OTHER = ("回族", "满族", "蒙古族", "壮族", "朝鲜族", "土家族", "苗族",
                "03", "11", "02", "08", "15")
POLITICAL = (("中国共产党党员", 60), ("群众", 18), ("中国共产主义青年团团员", 9),
             ("中国共产党预备党员", 3), ("无党派民主人士", 2),
             ("中国民主同盟盟员", 2), ("九三学社社员", 2), ("01", 2),
             ("13", 2))
EDUCATION = (("大学本科毕业", 48), ("硕士研究生毕业", 24), ("大学专科毕业", 12),
             ("博士研究生毕业", 5), ("21", 4), ("14", 3), ("研究生班毕业", 1),
             ("普通高中毕业", 1), ("中等专科毕业", 1), ("大学本科结业", 1))
SCHOOLS = (("南开大学", "985"), ("天津大学", "985"), ("重庆大学", "985"),
           ("中山大学", "985"), ("北京大学", "985"), ("武汉大学", "985"),
           ("天津师范大学", "other"), ("西南大学", "211"),
           ("暨南大学", "211"), ("天津财经大学", "other"),
           ("重庆邮电大学", "other"), ("华南师范大学", "211"),
           ("天津工业大学", "other"), ("北京交通大学", "211"),
           ("广东财经大学", "other"), ("西南政法大学", "other"))
RANKS = ("二级科员", "一级科员", "四级主任科员", "三级主任科员", "二级主任科员",
         "一级主任科员", "四级调研员", "三级调研员", "二级调研员", "一级调研员",
         "二级巡视员", "一级巡视员")
STAFF = (("公务员", 55), ("事业编制人员", 30), ("自定编制", 15))
POSTS = (("正处级", "处长"), ("副处级", "副处长"), ("正科级", "科长"),
         ("副科级", "副科长"))
SECTIONS = ("综合科", "业务科", "规划科", "政策法规科", "督查科", "财务科",
            "人事科", "办公室", "信息科", "审批科", "执法科", "项目科")
PLAIN_TITLES = ("科员", "主管", "专员", "业务骨干", "干事", "经办人")
REASONS = ("历史任职补录", "改革过渡期人员", "机构调整前任职", "上级批准超编")
# The prefix of a document number by committee, the first name of a path.
DOC_PREFIX = {"天津经济技术开发区管委会": "津开组任", "重庆两江新区管委会": "渝两江组任",
              "珠海横琴新区管委会": "珠横组任"}
# Where people work: not the social workers' stations.
WORK_KINDS = {"committee", "department", "park", "zone", "affiliate",
              "community"}
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0 (1900 date system)


def check_digit(d17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(d17, WEIGHTS)) % 11]


def weighted(rnd, table):
    total = sum(w for _, w in table)
    x = rnd.randrange(total)
    for v, w in table:
        x -= w
        if x < 0:
            return v
    return table[-1][0]


def col_letters(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class Sheet:
    """Rows of cells into sheet XML, text as shared strings. A cell is
    None (left out), a str (text), an int or float (number) or a date
    (a number in style 1, numFmtId 14: a date to Excel)."""

    def __init__(self, strings):
        self.strings = strings
        self.parts = []
        self.row = 0

    def add(self, cells):
        self.row += 1
        r = self.row
        out = ['<row r="%d">' % r]
        for i, v in enumerate(cells):
            if v is None or v == "":
                continue
            ref = col_letters(i) + str(r)
            if isinstance(v, str):
                out.append('<c r="%s" t="s"><v>%d</v></c>'
                           % (ref, self.strings.index(v)))
            elif isinstance(v, datetime.date):
                out.append('<c r="%s" s="1"><v>%d</v></c>'
                           % (ref, (v - EPOCH).days))
            else:
                out.append('<c r="%s"><v>%s</v></c>' % (ref, v))
        out.append("</row>")
        self.parts.append("".join(out))

    def xml(self):
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main"><sheetData>'
                + "".join(self.parts) + "</sheetData></worksheet>")


class Strings:
    def __init__(self):
        self.ids = {}
        self.count = 0

    def index(self, s):
        self.count += 1
        i = self.ids.get(s)
        if i is None:
            i = self.ids[s] = len(self.ids)
        return i

    def xml(self):
        items = "".join("<si><t>%s</t></si>" % escape(s) for s in self.ids)
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                '2006/main" count="%d" uniqueCount="%d">%s</sst>'
                % (self.count, len(self.ids), items))


NS = "http://schemas.openxmlformats.org"
PARTS = {
    "[Content_Types].xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="' + NS + '/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
        'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType'
        '="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+'
        'xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'sharedStrings+xml"/></Types>',
    "_rels/.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="' + NS + '/package/2006/relationships">'
        '<Relationship Id="rId1" Type="' + NS + '/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
    "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="' + NS + '/package/2006/relationships">'
        '<Relationship Id="rId1" Type="' + NS + '/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="' + NS + '/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId3" Type="' + NS + '/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>',
    "xl/styles.xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="' + NS + '/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill>'
        '</fills><borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" '
        'fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" '
        'fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '</cellXfs></styleSheet>',
}


def workbook_xml(title):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="' + NS + '/spreadsheetml/2006/main" xmlns:r="'
            + NS + '/officeDocument/2006/relationships"><sheets><sheet name="'
            + title + '" sheetId="1" r:id="rId1"/></sheets></workbook>')


def write_xlsx(path, title, sheet, strings):
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED,
                         compresslevel=6) as z:
        for name, text in PARTS.items():
            z.writestr(name, text)
        z.writestr("xl/workbook.xml", workbook_xml(title))
        z.writestr("xl/worksheets/sheet1.xml", sheet.xml())
        z.writestr("xl/sharedStrings.xml", strings.xml())
    os.replace(tmp, path)


def day_text(rnd, d):
    """A date as a cell, the ways people type them: a date cell mostly,
    else text 2024-03-01, 2024/3/1 or 2024.03.01."""
    k = rnd.randrange(10)
    if k < 6:
        return d
    if k < 8:
        return d.isoformat()
    if k < 9:
        return "%d/%d/%d" % (d.year, d.month, d.day)
    return "%d.%02d.%02d" % (d.year, d.month, d.day)


def person_name(rnd):
    s = rnd.choice(COMPOUND) if rnd.randrange(40) == 0 else rnd.choice(SURNAMES)
    n = 1 if rnd.randrange(4) == 0 else 2
    return s + "".join(rnd.choice(GIVEN) for _ in range(n))


def id_number(rnd, used, born):
    while True:
        d17 = "%s%s%03d" % (rnd.choice(REGIONS), born.strftime("%Y%m%d"),
                            900 + rnd.randrange(100))
        if d17 not in used:
            used.add(d17)
            return d17 + check_digit(d17)


def gen_people(rnd, n, units):
    """The people, each a dict the employments need too."""
    used = set()
    first = datetime.date(1962, 1, 1).toordinal()
    last = datetime.date(2001, 12, 31).toordinal()
    people = []
    for _ in range(n):
        born = datetime.date.fromordinal(rnd.randint(first, last))
        people.append({"name": person_name(rnd),
                       "id": id_number(rnd, used, born), "born": born,
                       "unit": rnd.choice(units)})
    return people


def people_rows(rnd, people, sheet):
    sheet.add(["姓名", "身份证号", "性别", "出生日期", "民族", "政治面貌", "学历",
               "毕业院校", "院校层次", "联系电话", "单位"])
    for p in people:
        male = int(p["id"][16]) % 2 == 1
        k = rnd.randrange(10)
        gender = ("男" if male else "女") if k < 5 else \
            ("1" if male else "2") if k < 6 else None
        k = rnd.randrange(10)
        birth = p["born"] if k < 4 else p["born"].isoformat() if k < 7 else None
        ethnicity = "汉族" if rnd.randrange(10) else rnd.choice(ETHNIC_OTHER)
        school, tier = rnd.choice(SCHOOLS) if rnd.randrange(5) else (None, None)
        if tier and rnd.randrange(4) == 0:
            tier = None
        phone = None
        k = rnd.randrange(10)
        if k < 6:
            phone = "1%d%09d" % (rnd.choice((3, 5, 7, 8, 9)),
                                 rnd.randrange(10 ** 9))
        elif k < 8:
            phone = "022-%08d" % rnd.randrange(10 ** 8)
        uid, _, path = p["unit"]
        unit = str(uid) if rnd.randrange(10) < 3 else path
        sheet.add([p["name"], p["id"], gender, birth, ethnicity,
                   weighted(rnd, POLITICAL), weighted(rnd, EDUCATION), school,
                   tier, phone, unit])


def post_of(rnd, staff, rank_at, leader):
    """(title, post level, rank) of one post."""
    section = rnd.choice(SECTIONS)
    level = None
    if leader:
        level, noun = rnd.choice(POSTS)
        if not noun.endswith("科长"):
            section = section.replace("科", "处").replace("办公室", "办公处")
        title = section + noun
    else:
        title = section + rnd.choice(PLAIN_TITLES)
    rank = None
    if staff == "公务员" or (staff == "自定编制" and rnd.randrange(2)):
        rank = RANKS[min(rank_at, len(RANKS) - 1)]
    return title, level, rank


def employment_rows(rnd, people, units, sheet):
    sheet.add(["身份证号", "单位", "人员类别", "职务名称", "职务层次", "职级", "兼任",
               "月工资（元）", "任职日期", "任职文号", "截止日期", "超编理由"])
    rows = 0
    latest = datetime.date(2026, 6, 30).toordinal()
    for p in people:
        # Three posts: the first from age 22 at the earliest; each ends the
        # day before the next starts or a few weeks earlier; the last is
        # held today.
        start = max(datetime.date(p["born"].year + 22, 7, 1).toordinal(),
                    datetime.date(2000, 1, 1).toordinal())
        start += rnd.randrange(0, 800)
        starts = [start]
        for _ in range(2):
            room = (latest - starts[-1]) // 3
            starts.append(starts[-1] + 30 + rnd.randrange(max(room, 1)))
        staff = weighted(rnd, STAFF)
        rank_at = rnd.randrange(3)
        for j, s in enumerate(starts):
            if rnd.randrange(8) == 0:
                staff = weighted(rnd, STAFF)
            current = j == 2
            uid, _, path = p["unit"] if current else rnd.choice(units)
            title, level, rank = post_of(rnd, staff, rank_at,
                                         rnd.randrange(7) == 0)
            rank_at += 1 + rnd.randrange(2)
            d = datetime.date.fromordinal(s)
            end = None
            if not current:
                end = datetime.date.fromordinal(
                    starts[j + 1] - 1 - rnd.randrange(20))
                end = max(end, d)
            pay = None
            if staff != "事业编制人员" and rnd.randrange(3):
                pay = 5000 + rnd.randrange(12000)
                if rnd.randrange(4) == 0:
                    pay += rnd.randrange(100) / 100
            doc = "%s〔%d〕%d号" % (DOC_PREFIX.get(path.split("/")[0], "组任"),
                                 d.year, 1 + rnd.randrange(400))
            unit = str(uid) if rnd.randrange(10) < 3 else path
            sheet.add([p["id"], unit, staff, title, level, rank,
                       "否" if rnd.randrange(2) else None, pay,
                       day_text(rnd, d), doc,
                       day_text(rnd, end) if end else None,
                       rnd.choice(REASONS)])
            rows += 1
    return rows


def read_units(path):
    units = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            uid, kind, name = line.rstrip("\n").split("\t")
            if kind in WORK_KINDS:
                units.append((int(uid), kind, name))
    if not units:
        sys.exit("gen_people: no units in %s" % path)
    return units


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit("usage: gen_people.py UNITS_TSV DIR PEOPLE [SEED]")
    units = read_units(sys.argv[1])
    out, n = sys.argv[2], int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) == 5 else 20260101
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(seed)
    people = gen_people(rnd, n, units)

    strings = Strings()
    sheet = Sheet(strings)
    people_rows(rnd, people, sheet)
    write_xlsx(os.path.join(out, "people.xlsx"), "人员信息", sheet, strings)

    strings = Strings()
    sheet = Sheet(strings)
    m = employment_rows(rnd, people, units, sheet)
    write_xlsx(os.path.join(out, "employments.xlsx"), "任职信息", sheet,
               strings)
    print("people=%d employments=%d" % (n, m))


if __name__ == "__main__":
    main()
