#!/usr/bin/env python3
"""Minimal XLSX for the tests, with Python's zipfile only (no library):
  xlsx.py make OUT.xlsx   rows as JSON on stdin ([["姓名", ...], [...]]):
                          an inline-string workbook as Excel would open it
  xlsx.py read IN.xlsx    the first sheet's rows as JSON on stdout, with
                          shared strings resolved (what kaohe writes)
Made by hand so that the tests do not trust kaohe's own writer to check
kaohe's own reader."""
import json
import re
import sys
import zipfile
from xml.sax.saxutils import escape

CT = ('<?xml version="1.0" encoding="UTF-8"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?>'
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
           '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
           '</Relationships>')


def col(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def make(path, rows):
    out = []
    for r, row in enumerate(rows, 1):
        cells = ''.join(
            f'<c r="{col(c)}{r}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
            for c, v in enumerate(row) if v != '')
        out.append(f'<row r="{r}">{cells}</row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{"".join(out)}</sheetData></worksheet>')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT)
        z.writestr('_rels/.rels', RELS)
        z.writestr('xl/workbook.xml', WB)
        z.writestr('xl/_rels/workbook.xml.rels', WB_RELS)
        z.writestr('xl/worksheets/sheet1.xml', sheet)


def text(xml):
    return ''.join(re.findall(r'<t[^>]*>([^<]*)</t>', xml)).replace(
        '&lt;', '<').replace('&gt;', '>').replace('&quot;', '"').replace('&amp;', '&')


def read(path):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        shared = []
        if 'xl/sharedStrings.xml' in names:
            xml = z.read('xl/sharedStrings.xml').decode()
            shared = [text(si) for si in re.findall(r'<si>(.*?)</si>', xml, re.S)]
        xml = z.read('xl/worksheets/sheet1.xml').decode()
    rows = []
    for row in re.findall(r'<row[^>]*>(.*?)</row>', xml, re.S):
        cells = []
        for attrs, body in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', row, re.S):
            ref = re.search(r'r="([A-Z]+)\d+"', attrs).group(1)
            idx = 0
            for ch in ref:
                idx = idx * 26 + ord(ch) - 64
            while len(cells) < idx - 1:
                cells.append('')
            v = re.search(r'<v>(.*?)</v>', body or '')
            if 't="s"' in attrs:
                cells.append(shared[int(v.group(1))])
            elif 't="inlineStr"' in attrs:
                cells.append(text(body))
            else:
                cells.append(v.group(1) if v else '')
        rows.append(cells)
    return rows


if __name__ == '__main__':
    if sys.argv[1] == 'make':
        make(sys.argv[2], json.load(sys.stdin))
    else:
        json.dump(read(sys.argv[2]), sys.stdout, ensure_ascii=False)
