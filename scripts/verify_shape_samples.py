#!/usr/bin/env python3
"""Reads table 三 back from every file of samples/shapes/ with readers of its own (openpyxl,
python-docx, the ODS and HTML markup, pdftotext -bbox, the text itself) and checks that the
truth files say what the files print, by SCHEMA.md's rules: a row with places gives every cell
(blank = null); a row without places is read in order when complete, set to 0 when exactly one
cell is lost and every printed number is 0, and is absent otherwise.

    python3 scripts/verify_shape_samples.py        # after scripts/make_shape_samples.py

It shares no code with the generator beyond the template's row labels, so a generator that put
a number under the wrong column, or a truth that does not follow from the printed file, fails
here. Run-together crawl text is not read back (its truth is the enumeration of splits).
"""
import json
import os
import re
import subprocess
import sys
import zipfile
from html import unescape
from html.parser import HTMLParser
from xml.etree import ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_text_samples as textsamples  # noqa: E402  (the template's row labels only)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.path.join(ROOT, "samples", "shapes")
COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
NUMBER = re.compile(r"\d+")


def labels(template):
    """Row key -> the row's own label (its most specific label cell)."""
    sixth = textsamples.LABELS_2021_SIXTH if template == "2021" else textsamples.LABELS_2019_SIXTH
    out = {"new_received": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量"}
    for k, a, b, c in textsamples.LABELS_HEAD + sixth:
        out[k] = c or b or a
    out["results_total"] = "（七）总计"
    out["carried_forward"] = "四、结转下年度继续办理"
    return out


# ---------------------------------------------------------------- readers: key -> printed texts

def rows_from_grid(grid, lab):
    """A grid (lists of cell texts, '' for empty or spanned) whose table 三 values sit in its
    last seven columns: key -> those seven texts."""
    out = {}
    for row in grid:
        for k, label in lab.items():
            if label in row[:-7] and k not in out:
                out[k] = row[-7:]
    return out


def read_xlsx(path, lab):
    import openpyxl
    ws = openpyxl.load_workbook(path).worksheets[1]
    grid = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(min_col=1, max_col=10, values_only=True)]
    return rows_from_grid(grid, lab), True


def read_ods(path, lab):
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("content.xml"))
    sheet = root.findall(".//table:table", ns)[1]
    grid = []
    for tr in sheet.findall("table:table-row", ns):
        row = []
        for cell in tr:
            n = int(cell.get(f"{{{ns['table']}}}number-columns-repeated", "1"))
            text = "".join("".join(p.itertext()) for p in cell.findall("text:p", ns))
            row += [text] * min(n, 20)
        grid.append(row[:10])
    return rows_from_grid(grid, lab), True


def read_docx(path, lab):
    import docx
    t = docx.Document(path).tables[1]
    grid = []
    for row in t.rows:
        seen, texts = set(), []
        for cell in row.cells:  # a merged cell repeats: keep its text once, at its first column
            texts.append("" if id(cell._tc) in seen else cell.text)
            seen.add(id(cell._tc))
        grid.append(texts)
    return rows_from_grid(grid, lab), True


class Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.rows[-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def read_html(path, lab):
    p = Tables()
    p.feed(open(path, encoding="utf-8").read())
    places = "cells-removed" not in path
    out = {}
    for row in p.rows:
        for k, label in lab.items():
            if label in row and k not in out:
                after = row[row.index(label) + 1:]
                out[k] = after[-7:] if places else [x for x in after if x]
    return out, places


def read_tab(path, lab):
    places = "fields-kept" in path
    out = {}
    for line in open(path, encoding="utf-8").read().split("\n"):
        fields = line.split("\t")
        for k, label in lab.items():
            if label in fields and k not in out:
                out[k] = fields[3:10] if places else fields[fields.index(label) + 1:]
    return out, places


def read_md(path, lab):
    places = "cells-kept" in path
    out = {}
    for line in open(path, encoding="utf-8").read().split("\n"):
        if not line.startswith("|"):
            continue
        cells = [x.strip() for x in line.strip().strip("|").split("|")]
        for k, label in lab.items():
            if cells[0].split(" ")[-1] == label and k not in out:
                out[k] = cells[1:]
    return out, places


def read_cell_per_line(path, lab):
    lines = open(path, encoding="utf-8", newline="").read().split("\r\n")
    out = {}
    for k, label in lab.items():
        i = lines.index(label) + 1
        vals = []
        while i < len(lines) and NUMBER.fullmatch(lines[i]):
            vals.append(lines[i])
            i += 1
        out[k] = vals
    return out, False


def read_pdf(path, lab):
    """Column bands from the header's lowest labels (each label's centre, widened to the
    midpoints between neighbours); a value belongs to the band holding its centre."""
    xml = subprocess.run(["pdftotext", "-bbox", path, "-"], check=True, capture_output=True, text=True).stdout
    pages = [[(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in
              re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', pg)]
             for pg in xml.split("<page ")[1:]]
    hp = next(i for i, ws in enumerate(pages) if any(w[4].startswith("商业") for w in ws))
    heads = [("自然人",), ("商业企业", "商业"), ("科研机构", "科研"), ("社会公益组织", "社会公益组"),
             ("法律服务机构", "法律服务机"), ("其他",), ("总计",)]
    ws = pages[hp]
    centres = []
    for names in heads:
        found = [w for w in ws if w[4] in names]
        w = found[-1] if names == ("其他",) else found[0]
        centres.append((w[0] + w[2]) / 2)
    edges = [(centres[i] + centres[i + 1]) / 2 for i in range(6)]
    top = max(w[3] for w in ws if w[4].startswith("商业"))
    lines = []  # (page, y, words) of table 三's body, in reading order
    for pi in range(hp, len(pages)):
        stop = min([w[1] for w in pages[pi] if w[4].startswith("四、政府信息公开")] or [1e9])
        by_y = {}
        for w in pages[pi]:
            if (pi > hp or w[1] > top) and w[1] < stop:
                by_y.setdefault(round(w[1]), []).append(w)
        lines += [(pi, y, sorted(v)) for y, v in sorted(by_y.items())]
        if stop < 1e9:
            break
    out = {}
    for k, label in lab.items():
        # the row's label may be wrapped; its values stand on the line of its first piece
        hit = next((ln for ln in lines if "".join(w[4] for w in ln[2]).find(label[:8]) >= 0), None)
        if hit is None:
            continue
        cells = [""] * 7
        for w in hit[2]:
            cx = (w[0] + w[2]) / 2
            if NUMBER.fullmatch(w[4]) and cx > centres[0] - 30:
                cells[sum(cx > e for e in edges)] = w[4]
        out[k] = cells
    return out, True


READERS = [(".xlsx", read_xlsx), (".ods", read_ods), (".docx", read_docx), (".html", read_html),
           (".pdf", read_pdf), (".md", read_md)]


def reader(name):
    if ".tab-" in name:
        return read_tab
    if ".cell-per-line-" in name:
        return read_cell_per_line
    return next((f for ext, f in READERS if name.endswith(ext)), None)


# ---------------------------------------------------------------- SCHEMA's reading of a row

def reading(texts, places):
    if places:
        return {c: (int(x) if x else None) for c, x in zip(COLS, texts)}
    nums = [int(x) for x in texts]
    if len(nums) == 7:
        return dict(zip(COLS, nums))
    if len(nums) == 6 and all(n == 0 for n in nums):
        return dict.fromkeys(COLS, 0)
    return None


def main():
    failures = checked = 0
    for name in sorted(os.listdir(DIR)):
        read = reader(name)
        if read is None or name == "README.md" or name.endswith((".truth.json", ".notes.md")) or ".crawl-" in name:
            continue
        path = os.path.join(DIR, name)
        truth = json.load(open(path + ".truth.json", encoding="utf-8"))
        lab = labels(truth["report"]["template"])
        rows, places = read(path, lab)
        want = truth.get("applications", {})
        bad = []
        for k in lab:
            got = reading(rows.get(k, []), places) if k in rows else None
            if got != want.get(k):
                bad.append(f"{k}: file {rows.get(k)} reads {got}, truth {want.get(k)}")
        checked += 1
        failures += bool(bad)
        print(("ok   " if not bad else "FAIL ") + name + "".join("\n     " + b for b in bad[:5]))
    print(f"{checked} files read back, {failures} disagree with their truth")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
