#!/usr/bin/env python3
"""Generates samples/shapes/: the two office sample reports (青山县人民政府 2021, template 2021;
白水市生态环境局 2019, template 2019; numbers of samples/docx/*.truth.json) printed in the shapes
that real archives hold, each file with NAME.truth.json written from what the file prints:

  - spreadsheets whose zero cells are blank: not stored at all, or stored as empty strings
    (openpyxl), and re-saved by LibreOffice (ODS, XLSX);
  - borderless tables: PDF drawn by reportlab (no ruling lines), a DOCX with borders off and
    its LibreOffice PDF;
  - tab-separated dumps whose rows keep a field for every cell, and dumps that drop blank cells;
  - one-cell-per-line crawler dumps (blank cells leave no line);
  - markdown pipe tables, with blank cells kept and with blank cells dropped (short rows);
  - HTML tables whose header rows are dropped, with and without the empty cells;
  - run-together crawl text (cells concatenated without separators);
  - an HTML fee cell printed in 元 ("2488（元）") under a 万元 header.

    pip install openpyxl python-docx reportlab
    apt-get install libreoffice-calc libreoffice-writer fonts-noto-cjk    # ODS/XLSX/PDF by LibreOffice
    python3 scripts/make_shape_samples.py

What a correct reading is (SCHEMA.md, "Values"): where the file gives cells their places (grid,
tab fields that line up, pipe cells, a PDF's column bands under a printed header) a blank cell
is printed-but-empty, `null`. Where it gives none (dumps that drop blank cells, short rows), a
row is read in order only when it prints as many numbers as it has cells; a shorter row's cells
are left out (`cell_unreadable`), unless exactly one is lost and every printed number is 0
(then every cell is 0, `cell_inferred`). Run-together digits: a cell is recorded only when every
admissible split gives it the same value. Truth is computed by those rules from the texts this
script printed, never from the tool. Deterministic: fixed seeds, fixed dates in every container.
"""
import copy
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_office_samples as office  # noqa: E402  (the two reports and the template's layouts)
import make_text_samples as textsamples  # noqa: E402  (table 三's row labels)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "samples", "shapes")
FIXED_DATE = (2022, 1, 20, 0, 0, 0)

APPLICANTS = office.COLS
OUTCOMES = ["upheld", "corrected", "other", "pending", "total"]
GROUPS = ["review", "litigation_direct", "litigation_after_review"]
SECTIONS = ["active_disclosure", "applications", "review_litigation"]

# ---------------------------------------------------------------- table 二 as printed rows

MADE = ["made", "published", "total_published"]
ITEMS3 = ["prior_year_items", "change", "decisions"]
T2 = {
    "2021": [
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
         [("regulations", "规章", ["issued", "repealed", "in_force"]),
          ("normative_documents", "行政规范性文件", ["issued", "repealed", "in_force"])]),
        ("第二十条第（五）项", ["本年处理决定数量"], [("licensing", "行政许可", ["decisions"])]),
        ("第二十条第（六）项", ["本年处理决定数量"],
         [("penalty", "行政处罚", ["decisions"]), ("coercion", "行政强制", ["decisions"])]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费", ["amount"])]),
    ],
    "2019": [
        ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
         [("regulations", "规章", MADE), ("normative_documents", "规范性文件", MADE)]),
        ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("licensing", "行政许可", ITEMS3), ("other_services", "其他对外管理服务事项", ITEMS3)]),
        ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("penalty", "行政处罚", ITEMS3), ("coercion", "行政强制", ITEMS3)]),
        ("第二十条第（八）项", ["上一年项目数量", "本年增/减"],
         [("fees", "行政事业性收费", ["prior_year_items", "change"])]),
        ("第二十条第（九）项", ["采购项目数量", "采购总金额"],
         [("procurement", "政府集中采购", ["items", "amount"])]),
    ],
}


def t3_labels(template):
    """Table 三's rows in print order: (key, [group, subgroup, item] label cells)."""
    sixth = textsamples.LABELS_2021_SIXTH if template == "2021" else textsamples.LABELS_2019_SIXTH
    rows = [("new_received", ["一、本年新收政府信息公开申请数量", "", ""]),
            ("carried_over", ["二、上年结转政府信息公开申请数量", "", ""])]
    rows += [(k, [a, b, c]) for k, a, b, c in textsamples.LABELS_HEAD + sixth]
    rows += [("results_total", ["", "（七）总计", ""]), ("carried_forward", ["四、结转下年度继续办理", "", ""])]
    return rows


# ---------------------------------------------------------------- what a report prints in each cell

def cell_text(col, v):
    """A value as the office samples print it (本年增/减 with its sign)."""
    return office.change(v) if col == "change" else office.num(v)


def printed_rows(r):
    """Every printed row of the three tables, in print order, as
    (section, row key or None for table 四's one row, [(section, row, col, value)])."""
    out = []
    for _, _, rows in T2[r["template"]]:
        for key, _, cols in rows:
            out.append(("active_disclosure", key, [("active_disclosure", key, c, r["active"][key][c]) for c in cols]))
    for key, _ in t3_labels(r["template"]):
        out.append(("applications", key, [("applications", key, c, v) for c, v in zip(APPLICANTS, r["apps"][key])]))
    out.append(("review_litigation", None, [("review_litigation", g, c, v)
                                            for g in GROUPS for c, v in zip(OUTCOMES, r["review"][g])]))
    return out


def policy_full(r):
    return {}


def policy_blank_zero(r):
    """Every zero cell printed blank."""
    return {(s, k, c): "" for _, _, cells in printed_rows(r) for s, k, c, v in cells if v == 0}


def policy_one_blank(r):
    """In table 三, one zero cell of each row that has one printed blank (a seeded choice), the
    other zeros printed 0: as the seed report's dump, whose rows each lost one cell."""
    out = {}
    for sec, key, cells in printed_rows(r):
        zeros = [(s, k, c) for s, k, c, v in cells if v == 0]
        if sec == "applications" and zeros:
            out[random.Random(f"{r['name']}/{key}").choice(zeros)] = ""
    return out


def texts_of(r, blanks):
    """(section, row, col) -> printed text."""
    return {(s, k, c): blanks.get((s, k, c), cell_text(c, v))
            for _, _, cells in printed_rows(r) for s, k, c, v in cells}


# ---------------------------------------------------------------- grid layouts (text, rowspan, colspan)

c = office.c


def layout2(r, t):
    """Table 二 as the office samples lay it out (4 grid columns)."""
    rows = []
    for head, labels, block in T2[r["template"]]:
        rows.append([c(head, 1, 4)])
        spans = {1: [3], 2: [1, 2], 3: [1, 1, 1]}[len(labels)]
        rows.append([c("信息内容")] + [c(lbl, 1, s) for lbl, s in zip(labels, spans)])
        for key, label, cols in block:
            rows.append([c(label)] + [c(t[("active_disclosure", key, col)], 1, s) for col, s in zip(cols, spans)])
    return rows


def printed_copy(r, t):
    p = copy.deepcopy(r)
    p["apps"] = {k: [t[("applications", k, col)] for col in APPLICANTS] for k in r["apps"]}
    p["review"] = {g: [t[("review_litigation", g, col)] for col in OUTCOMES] for g in GROUPS}
    return p


def layout3(r, t):
    return office.table3(printed_copy(r, t))[0]


def layout4(r, t):
    return office.table4(printed_copy(r, t))


def is_header_row(table, i, row):
    """Rows of a layout that carry column labels (dropped by the header-dropped shapes)."""
    if table == "二":
        return row[0][0] == "信息内容"
    return i < 3


def grid(rows):
    """A layout as a full matrix of texts: each cell's text at its origin, '' where spanned."""
    placed = office.place(rows)
    ncols = max(j + cs for _, j, _, _, cs in placed)
    m = [[""] * ncols for _ in rows]
    for i, j, text, _, _ in placed:
        m[i][j] = text
    return m


# ---------------------------------------------------------------- truth

def report_fields(r):
    title, _, _ = office.texts(r)
    return {"agency": r["agency"], "year": r["year"], "template": r["template"], "title": title}


def value_of(text, col):
    """The value a printed cell holds (as SCHEMA.md reads it)."""
    if text == "":
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)（元）", text)
    if m:
        return round(float(m.group(1)) / 10000, 6)
    if col == "change":
        return int(text)
    return float(text) if "." in text else int(text)


def put(t, s, k, col, v):
    t.setdefault(s, {}).setdefault(k, {})[col] = v


def row_fields(cells):
    return [f"{s}.{k}.{col}" for s, k, col, _ in cells]


def row_name(sec, key):
    return f"{sec}.{key}" if key else sec


def truth_places(r, t):
    """Every cell has its place: blank -> null."""
    out, issues = {}, []
    for _, _, cells in printed_rows(r):
        for s, k, col, _ in cells:
            put(out, s, k, col, value_of(t[(s, k, col)], col))
    return out, issues


def truth_order(r, t, places_rows=()):
    """Rows read in order: complete rows; a row short of exactly one cell whose printed numbers
    are all 0 is all 0 (cell_inferred); any other short row is left out (cell_unreadable).
    `places_rows`: printed rows (by section, key) whose blanks keep their places anyway."""
    out, unreadable, inferred, notes = {}, [], [], []
    for sec, key, cells in printed_rows(r):
        shown = [(s, k, col, t[(s, k, col)]) for s, k, col, _ in cells]
        printed = [x for x in shown if x[3] != ""]
        if (sec, key) in places_rows or len(printed) == len(cells):
            for s, k, col, text in shown:
                put(out, s, k, col, value_of(text, col))
        elif len(printed) == len(cells) - 1 and all(value_of(x[3], x[2]) == 0 for x in printed):
            for s, k, col, _ in shown:
                put(out, s, k, col, 0)
            inferred.append(row_name(sec, key))
        else:
            unreadable += row_fields(cells)
            notes.append(f"`{row_name(sec, key)}`: {len(printed)} of {len(cells)} cells printed "
                         f"({' '.join(x[3] for x in printed) or 'none'})")
    issues = []
    if unreadable:
        issues.append({"level": "warning", "code": "cell_unreadable",
                       "message": "rows print fewer numbers than cells and the file gives no places: "
                                  "their cells cannot be placed", "where": "the cells in fields",
                       "fields": unreadable})
    if inferred:
        issues.append({"level": "warning", "code": "cell_inferred",
                       "message": "each of these rows lost one cell and prints only 0: every cell is 0",
                       "where": "the rows in fields", "fields": inferred})
    return out, issues, notes


def write_truth(path, fmt, r, sections, issues):
    t = {"schema_version": 1, "source": {"path": os.path.basename(path), "format": fmt},
         "report": report_fields(r)}
    for s in SECTIONS:
        if s in sections:
            t[s] = sections[s]
    if issues:
        t["issues"] = issues
    with open(path + ".truth.json", "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=1)
        f.write("\n")


def write_notes(path, lines):
    with open(path + ".notes.md", "w", encoding="utf-8") as f:
        f.write(f"# {os.path.basename(path)}\n\n" + "\n".join(lines).rstrip() + "\n")


def notes_order(kind, notes, issues):
    inferred = next((i["fields"] for i in issues if i["code"] == "cell_inferred"), [])
    lines = [f"**Method.** {kind} gives the cells no places, so each printed row is read in order "
             "(SCHEMA.md, \"Values\"): a row that prints as many numbers as it has cells is recorded "
             "in order; a row that prints fewer cannot be placed and its cells are left out "
             "(`cell_unreadable`), except a row short of exactly one cell whose printed numbers are "
             "all 0, which is recorded as all 0 (`cell_inferred`).", ""]
    if notes:
        lines += ["**Rows left out:**", ""] + [f"- {n}" for n in notes] + [""]
    if any("(none)" in n for n in notes):
        lines += ["**Judgement call.** A row that prints no number at all is left out too: a reader may "
                  "guess that every cell of it was blank, but the file cannot tell a blank cell from a lost "
                  "one, and the rule places no row short of more than one cell.", ""]
    if inferred:
        lines += ["**Rows set to 0 by the one-lost-all-zero rule:** " + ", ".join(f"`{x}`" for x in inferred), ""]
    return lines


# ---------------------------------------------------------------- containers: fixed dates

def fix_zip(path, fix=lambda name, data: data):
    """Rewrites a ZIP container with fixed entry dates (and `fix` applied to each entry), order
    and compression kept, so that the file is the same on every run."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in entries:
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            zi.compress_type = info.compress_type
            zi.external_attr = info.external_attr
            z.writestr(zi, fix(info.filename, data))


DATE_RE = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?")


def fixed_meta(name, data):
    if name in ("docProps/core.xml", "docProps/app.xml", "meta.xml"):
        data = DATE_RE.sub(b"2022-01-20T00:00:00Z", data)
        data = re.sub(rb"<meta:editing-duration>[^<]*<", b"<meta:editing-duration>PT0S<", data)
        data = re.sub(rb"<TotalTime>\d+<", b"<TotalTime>0<", data)
    return data


def fix_pdf(path):
    """Fixed dates and document ids in a LibreOffice PDF, each replaced by text of the same
    length so that the cross-reference offsets stay right."""
    with open(path, "rb") as f:
        b = f.read()
    b = re.sub(rb"D:\d{14}", b"D:20220120000000", b)
    b = re.sub(rb"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)", lambda m: b"2022-01-20T00:00:00", b)
    b = re.sub(rb"<[0-9A-Fa-f]{32}>", lambda m: b"<" + b"0" * 32 + b">", b)
    b = re.sub(rb"/DocChecksum /[0-9A-F]{32}", lambda m: b"/DocChecksum /" + b"0" * 32, b)
    with open(path, "wb") as f:
        f.write(b)


def soffice(src, fmt, dst):
    """LibreOffice converts `src` to `fmt` at `dst` (own profile: runs beside other instances)."""
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{d}/profile", "--convert-to", fmt,
                        "--outdir", d, src], check=True, capture_output=True)
        shutil.move(os.path.join(d, os.path.splitext(os.path.basename(src))[0] + "." + fmt.split(":")[0]), dst)


# ---------------------------------------------------------------- 1. spreadsheets

def xlsx_table(ws, rows, top, store_blank):
    """Writes a layout at row `top`; a blank cell is not stored at all, or (store_blank) stored as
    an empty string."""
    for i, j, text, rs, cs in office.place(rows):
        if text == "" and not store_blank:
            continue
        ws.cell(row=top + i, column=j + 1, value=office.cell_value(text) if text else "")
        if rs > 1 or cs > 1:
            ws.merge_cells(start_row=top + i, start_column=j + 1, end_row=top + i + rs - 1, end_column=j + cs)


def make_xlsx(r, t, path, store_blank):
    import openpyxl
    title, pre, _ = office.texts(r)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "二、主动公开"
    ws.cell(row=1, column=1, value=title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    ws.cell(row=2, column=1, value=pre)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=4)
    ws.cell(row=3, column=1, value=office.HEAD2)
    xlsx_table(ws, layout2(r, t), 4, store_blank)
    ws3 = wb.create_sheet("三、依申请公开")
    ws3.cell(row=1, column=1, value=office.HEAD3)
    xlsx_table(ws3, layout3(r, t), 2, store_blank)
    ws4 = wb.create_sheet("四、复议诉讼")
    ws4.cell(row=1, column=1, value=office.HEAD4)
    xlsx_table(ws4, layout4(r, t), 2, store_blank)
    wb.save(path)

    def fix(name, data):
        # openpyxl writes an empty string as `<c t="inlineStr"></c>`; Excel-like writers give it
        # its (empty) text element.
        if store_blank and name.startswith("xl/worksheets/"):
            data = re.sub(rb'(<c r="[A-Z]+\d+"(?: s="\d+")? t="inlineStr")></c>', rb"\1><is><t></t></is></c>", data)
        return fixed_meta(name, data)
    fix_zip(path, fix)


def spreadsheets(made):
    for r in (office.R2021, office.R2019):
        t = texts_of(r, policy_blank_zero(r))
        sections, _ = truth_places(r, t)
        for store, tag in ((False, "unstored"), (True, "empty-string")):
            p = os.path.join(OUT, f"{r['name']}.xlsx-blank-zero-{tag}.xlsx")
            make_xlsx(r, t, p, store)
            write_truth(p, "xlsx", r, sections, [])
            made.append(p)
        src = os.path.join(OUT, f"{r['name']}.xlsx-blank-zero-unstored.xlsx")
        fmt = "ods" if r["template"] == "2021" else "xlsx"
        p = os.path.join(OUT, f"{r['name']}.{fmt}-blank-zero-libreoffice.{fmt}")
        soffice(src, fmt if fmt == "ods" else "xlsx:Calc MS Excel 2007 XML", p)
        fix_zip(p, fixed_meta)
        write_truth(p, fmt, r, sections, [])
        made.append(p)


# ---------------------------------------------------------------- 2. borderless tables

def make_docx(r, t, path):
    """A DOCX whose tables have no borders (no table style: Word's 'Normal Table'), landscape,
    every cell centred, zero cells blank."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt
    title, pre, overall = office.texts(r)
    d = docx.Document()
    d.core_properties.title = title
    d.core_properties.created = d.core_properties.modified = __import__("datetime").datetime(2022, 1, 20)
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for m in ("left_margin", "right_margin"):
        setattr(sec, m, Cm(1.5))
    d.styles["Normal"].font.size = Pt(9)
    p = d.add_paragraph()
    run = p.add_run(title)
    run.bold = True
    run.font.size = Pt(16)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph(pre)
    d.add_paragraph("一、总体情况")
    d.add_paragraph(overall)

    def table(rows, widths):
        placed = office.place(rows)
        ncols = max(j + cs for _, j, _, _, cs in placed)
        tb = d.add_table(rows=len(rows), cols=ncols)  # no style: no borders
        tb.autofit = False
        for i, j, text, rs, cs in placed:
            cell = tb.cell(i, j)
            if rs > 1 or cs > 1:
                cell = cell.merge(tb.cell(i + rs - 1, j + cs - 1))
            cell.text = text
        for j, w in enumerate(widths):
            tb.columns[j].width = Cm(w)
        for i, j, _, _, cs in placed:
            cell = tb.cell(i, j)
            cell.width = Cm(sum(widths[j:j + cs]))
            for para in cell.paragraphs:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER

    d.add_paragraph(office.HEAD2)
    table(layout2(r, t), [6.0, 5.0, 5.0, 5.0])
    d.add_paragraph(office.HEAD3)
    table(layout3(r, t), [2.0, 2.6, 7.4] + [2.0] * 7)
    d.add_paragraph(office.HEAD4)
    table(layout4(r, t), [1.7] * 15)
    for h, body in office.TAIL:
        d.add_paragraph(h)
        d.add_paragraph(body)
    d.save(path)
    fix_zip(path, fixed_meta)


def make_reportlab_pdf(r, t, path):
    """Tables drawn as text only: no ruling lines, header printed, blank cells print nothing.
    Each cell's text is centred in its columns (merged cells centred over their rows too), long
    labels wrapped; STSong-Light, not embedded."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import cidfonts, pdfmetrics
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(cidfonts.UnicodeCIDFont("STSong-Light"))
    font, size, lead = "STSong-Light", 7.5, 9.5
    W, H = landscape(A4)
    cv = canvas.Canvas(path, pagesize=(W, H), invariant=1)
    title, pre, overall = office.texts(r)
    cv.setTitle(title)
    cv.setAuthor(r["agency"])
    cv.setCreator("reportlab")

    def wrap(text, width):
        lines, cur = [], ""
        for ch in text:
            if cur and stringWidth(cur + ch, font, size) > width - 4:
                lines.append(cur)
                cur = ""
            cur += ch
        return lines + [cur] if cur else lines or [""]

    def para(text, y, sz=size, center=False):
        cv.setFont(font, sz)
        per = int((W - 80) / sz)
        for k in range(0, len(text), per):
            piece = text[k:k + per]
            if center:
                cv.drawCentredString(W / 2, y, piece)
            else:
                cv.drawString(40, y, piece)
            y -= sz * 1.5
        return y

    def table(rows, widths, y):
        xs = [40]
        for w in widths:
            xs.append(xs[-1] + w)
        placed = office.place(rows)
        cells = [(i, j, wrap(text, xs[j + cs] - xs[j]), rs, cs) for i, j, text, rs, cs in placed]
        heights = [lead + 3] * len(rows)
        for i, _, lines, rs, _ in cells:
            if rs == 1:
                heights[i] = max(heights[i], len(lines) * lead + 3)
        tops = [y]
        for h in heights:
            tops.append(tops[-1] - h)
        cv.setFont(font, size)
        for i, j, lines, rs, cs in cells:
            mid = (tops[i] + tops[i + rs]) / 2
            first = mid + (len(lines) - 1) * lead / 2 - size / 3
            for n, line in enumerate(lines):
                if line:
                    cv.drawCentredString((xs[j] + xs[j + cs]) / 2, first - n * lead, line)
        return tops[-1] - 10

    y = para(title, H - 50, 14, center=True) - 6
    y = para(pre, y)
    y = para("一、总体情况", y - 4)
    y = para(overall, y)
    y = para(office.HEAD2, y - 4)
    table(layout2(r, t), [200, 150, 150, 150], y)
    cv.showPage()
    y = para(office.HEAD3, H - 40)
    table(layout3(r, t), [62, 58, 250] + [55] * 7, y)
    cv.showPage()
    y = para(office.HEAD4, H - 40)
    y = table(layout4(r, t), [50] * 15, y)
    for h, body in office.TAIL:
        y = para(h, y - 4)
        y = para(body, y)
    cv.showPage()
    cv.save()


def borderless(made):
    for r in (office.R2021, office.R2019):
        t = texts_of(r, policy_blank_zero(r))
        sections, _ = truth_places(r, t)
        p = os.path.join(OUT, f"{r['name']}.pdf-borderless-blank-zero-reportlab.pdf")
        make_reportlab_pdf(r, t, p)
        write_truth(p, "pdf", r, sections, [])
        made.append(p)
        d = os.path.join(OUT, f"{r['name']}.docx-borderless-blank-zero.docx")
        make_docx(r, t, d)
        write_truth(d, "docx", r, sections, [])
        made.append(d)
        p = os.path.join(OUT, f"{r['name']}.pdf-borderless-blank-zero-libreoffice.pdf")
        soffice(d, "pdf", p)
        fix_pdf(p)
        write_truth(p, "pdf", r, sections, [])
        made.append(p)


# ---------------------------------------------------------------- text dumps

def report_lines(r, tables):
    """A report's text around its tables: `tables` maps 二/三/四 to the lines printing it."""
    title, pre, overall = office.texts(r)
    lines = [title, pre, "一、总体情况", overall, office.HEAD2] + tables["二"]
    lines += [office.HEAD3] + tables["三"] + [office.HEAD4] + tables["四"]
    for h, body in office.TAIL:
        lines += [h, body]
    return lines


def layouts(r, t):
    return {"二": layout2(r, t), "三": layout3(r, t), "四": layout4(r, t)}


def tab_lines(rows, keep_blank_fields):
    out = []
    for fields in grid(rows):
        out.append("\t".join(fields) if keep_blank_fields else "\t".join(f for f in fields if f))
    return out


def write_text(path, text, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)


def tab_dumps(made):
    for r in (office.R2021, office.R2019):
        t = texts_of(r, policy_blank_zero(r))
        lays = layouts(r, t)
        p = os.path.join(OUT, f"{r['name']}.tab-blank-zero-fields-kept.txt")
        write_text(p, "\n".join(report_lines(r, {k: tab_lines(v, True) for k, v in lays.items()})) + "\n")
        sections, _ = truth_places(r, t)
        write_truth(p, "text", r, sections, [])
        made.append(p)
        for pol, tag in ((policy_blank_zero, "blank-zero"), (policy_one_blank, "one-blank-per-row")):
            t = texts_of(r, pol(r))
            lays = layouts(r, t)
            p = os.path.join(OUT, f"{r['name']}.tab-{tag}-fields-dropped.txt")
            write_text(p, "\n".join(report_lines(r, {k: tab_lines(v, False) for k, v in lays.items()})) + "\n")
            sections, issues, notes = truth_order(r, t)
            write_truth(p, "text", r, sections, issues)
            write_notes(p, notes_order("A tab dump that drops the fields of blank cells", notes, issues))
            made.append(p)


# One-cell-per-line crawler dumps break some header labels over two lines, as the Sanming dump
# (shared corpus, fj-sanming-2025.page.txt) does.
BROKEN_HEADER = {"商业企业": ["商业", "企业"], "科研机构": ["科研", "机构"], "结果纠正": ["结果", "纠正"],
                 "其他结果": ["其他", "结果"], "尚未审结": ["尚未", "审结"]}


def cell_lines(name, rows):
    out = []
    for i, fields in enumerate(grid(rows)):
        for f in fields:
            if f:
                out += BROKEN_HEADER.get(f, [f]) if is_header_row(name, i, rows[i]) else [f]
    return out


def crawler_head(r):
    title, _, _ = office.texts(r)
    y = r["year"] + 1
    return [f"标题：{title}", f"发布时间：{y}-01-20", "文号：", f"发布机构：{r['agency']}", "索引号：",
            "来源：政府信息公开办", "栏目：政府信息公开年报",
            f"原始链接：https://www.example.gov.cn/zwgk/ndbg/{y}01/t{y}0120_1001.htm",
            f"本地目录：zwgk/ndbg/{y}01/1001", "", "正文："]


def cell_per_line(made):
    cases = [(office.R2021, policy_full, "complete"), (office.R2021, policy_blank_zero, "blank-zero"),
             (office.R2019, policy_blank_zero, "blank-zero"), (office.R2021, policy_one_blank, "one-blank-per-row"),
             (office.R2019, policy_one_blank, "one-blank-per-row")]
    for r, pol, tag in cases:
        t = texts_of(r, pol(r))
        lays = layouts(r, t)
        body = report_lines(r, {k: cell_lines(k, v) for k, v in lays.items()})
        p = os.path.join(OUT, f"{r['name']}.cell-per-line-{tag}.txt")
        write_text(p, "\r\n".join(crawler_head(r) + body) + "\r\n")
        sections, issues, notes = truth_order(r, t)
        write_truth(p, "text", r, sections, issues)
        if issues:
            write_notes(p, notes_order("A one-cell-per-line dump (a blank cell leaves no line)", notes, issues))
        made.append(p)


# ---------------------------------------------------------------- 5. markdown pipe tables

def md_row(cells):
    return "| " + " | ".join(cells) + " |"


def md_tables(r, t, drop_blank):
    """Tables as a PDF-to-markdown converter writes them: table 二 one pipe table per block,
    table 三 with one label column, header rows at full width; a value row that `drop_blank`s
    loses its blank cells."""
    def values(cells):
        return [x for x in cells if x] if drop_blank else cells

    two = []
    for head, labels, block in T2[r["template"]]:
        two += [head, md_row(["信息内容"] + labels), md_row(["---"] * (len(labels) + 1))]
        for key, label, cols in block:
            two.append(md_row([label] + values([t[("active_disclosure", key, col)] for col in cols])))
    three = [md_row(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"] + [""] * 6),
             md_row(["---"] * 8),
             md_row(["", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
             md_row(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])]
    for key, labels in t3_labels(r["template"]):
        three.append(md_row([" ".join(x for x in labels if x)] + values([t[("applications", key, col)] for col in APPLICANTS])))
    four = [md_row(["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9), md_row(["---"] * 15)]
    sub = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    four.append(md_row(sub + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4))
    four.append(md_row([""] * 5 + sub * 2))
    four.append(md_row(values([t[("review_litigation", g, col)] for g in GROUPS for col in OUTCOMES])))
    return {"二": two, "三": three, "四": four}


def markdown(made):
    cases = [(office.R2021, True), (office.R2019, True), (office.R2021, False)]
    for r, drop in cases:
        t = texts_of(r, policy_blank_zero(r))
        title, pre, overall = office.texts(r)
        tb = md_tables(r, t, drop)
        lines = [f"# {title}", "", pre, "", "## 一、总体情况", "", overall, "", f"## {office.HEAD2}", ""] + tb["二"]
        lines += ["", f"## {office.HEAD3}", ""] + tb["三"] + ["", f"## {office.HEAD4}", ""] + tb["四"]
        for h, body in office.TAIL:
            lines += ["", f"## {h}", "", body]
        p = os.path.join(OUT, f"{r['name']}.md-blank-zero-{'short-rows' if drop else 'cells-kept'}.md")
        write_text(p, "\n".join(lines) + "\n")
        if drop:
            sections, issues, notes = truth_order(r, t)
            write_notes(p, notes_order("A pipe row that lost its blank cells (fewer cells than the header)",
                                       notes, issues))
        else:
            sections, issues = truth_places(r, t)
        write_truth(p, "text", r, sections, issues)
        made.append(p)


# ---------------------------------------------------------------- 6. header dropped; 8. fee in 元 (HTML)

def html_page(r, lays):
    title, pre, overall = office.texts(r)
    body = "\n".join([
        f"<p style=\"text-align:center\"><strong>{title}</strong></p>",
        f"<p style=\"text-indent:2em\">{pre}</p>",
        "<p><strong>一、总体情况</strong></p>",
        f"<p style=\"text-indent:2em\">{overall}</p>",
        f"<p><strong>{office.HEAD2}</strong></p>", office.html_table(lays["二"]),
        f"<p><strong>{office.HEAD3}</strong></p>", office.html_table(lays["三"]),
        f"<p><strong>{office.HEAD4}</strong></p>", office.html_table(lays["四"]),
    ] + [f"<p><strong>{h}</strong></p>\n<p style=\"text-indent:2em\">{b}</p>" for h, b in office.TAIL])
    return office.page(r, body)


def drop_header(name, rows):
    return [row for i, row in enumerate(rows) if not is_header_row(name, i, row)]


def drop_empty_cells(rows):
    return [[x for x in row if x[0] != ""] for row in rows]


def html_shapes(made):
    for r in (office.R2021, office.R2019):
        t = texts_of(r, policy_blank_zero(r))
        lays = {k: drop_header(k, v) for k, v in layouts(r, t).items()}
        p = os.path.join(OUT, f"{r['name']}.html-no-header-blank-zero.html")
        write_text(p, html_page(r, lays))
        sections, issues = truth_places(r, t)
        write_truth(p, "html", r, sections, issues)
        write_notes(p, [
            "**Shape.** Every table's header rows (信息内容 …; 申请人情况 / 自然人 …; 行政复议 / 行政诉讼 …) are "
            "dropped; value rows keep their labels and every cell, a zero cell being an empty `<td></td>`.", "",
            "**Reading.** Each value row has as many places as the table has columns, so (SCHEMA.md) it takes "
            "them in order: an empty `<td>` is a printed-but-empty cell, `null`. Judgement: table 四's one "
            "row has no label at all; it is the only row of the table under the heading "
            "四、政府信息公开行政复议、行政诉讼情况, and its 15 places are read in the template's order."])
        made.append(p)
    r = office.R2021
    t = texts_of(r, policy_blank_zero(r))
    lays = {k: drop_empty_cells(drop_header(k, v)) for k, v in layouts(r, t).items()}
    p = os.path.join(OUT, f"{r['name']}.html-no-header-empty-cells-removed.html")
    write_text(p, html_page(r, lays))
    sections, issues, notes = truth_order(r, t)
    write_truth(p, "html", r, sections, issues)
    write_notes(p, notes_order("An HTML table with its header rows dropped and its empty `<td>`s removed (as some CMS "
                               "editors clean markup)", notes, issues))
    made.append(p)

    # 8. The fee cell printed in 元 after the number, under the 万元 header.
    t = texts_of(r, {("active_disclosure", "fees", "amount"): "2488（元）"})
    p = os.path.join(OUT, f"{r['name']}.html-fee-in-yuan.html")
    write_text(p, html_page(r, layouts(r, t)))
    sections, _ = truth_places(r, t)
    issues = [{"level": "info", "code": "unit_converted", "message": "2488（元） converted to 0.2488 万元",
               "where": "table 二, row fees, column amount", "fields": ["active_disclosure.fees.amount"]}]
    write_truth(p, "html", r, sections, issues)
    write_notes(p, ["**Shape.** The qingshan page with its fee cell printed `2488（元）` (the unit after the "
                    "number, in full-width brackets) under the header 本年收费金额（单位：万元）. The other cells "
                    "are the report's.", "",
                    "**Reading.** The cell says its own unit: 2488 元 = 0.2488 万元, with `unit_converted` "
                    "(SCHEMA.md). Not 2488 万元."])
    made.append(p)


# ---------------------------------------------------------------- 7. run-together crawl text

NUM = {"count": r"(?:0|[1-9]\d*)", "change": r"[+-]?(?:0|[1-9]\d*)", "amount": r"(?:0|[1-9]\d*)(?:\.\d+)?"}


def kind(col):
    return "change" if col == "change" else "amount" if col == "amount" else "count"


def splits(run, kinds):
    """Every admissible split of a run of digits into cells of the given kinds (SCHEMA.md, "Digits
    run together": no empty cell, no leading zero, no space inside a number; a sign only in
    本年增/减, a decimal point only in an amount)."""
    if not kinds:
        return [[]] if run == "" else []
    if run.startswith(" "):
        return splits(run[1:], kinds)
    out = []
    for n in range(1, len(run) + 1):
        piece = run[:n]
        if " " in piece:
            break
        if re.fullmatch(NUM[kinds[0]], piece):
            out += [[piece] + rest for rest in splits(run[n:], kinds[1:])]
    return out


def truth_run_together(r, t):
    out, unreadable, notes = {}, [], []
    for sec, key, cells in printed_rows(r):
        run = "".join(t[(s, k, col)] for s, k, col, _ in cells)
        ways = splits(run, [kind(col) for _, _, col, _ in cells])
        sure = 0
        for n, (s, k, col, _) in enumerate(cells):
            vals = {w[n] for w in ways}
            if len(vals) == 1:
                put(out, s, k, col, value_of(vals.pop(), col))
                sure += 1
            else:
                unreadable.append(f"{s}.{k}.{col}")
        if sure < len(cells):
            shown = "; ".join("(" + ", ".join(w) + ")" for w in ways[:6]) + (" …" if len(ways) > 6 else "")
            notes.append(f"- `{row_name(sec, key)}` `{run}`: {len(ways)} admissible splits, {sure} of "
                         f"{len(cells)} cells certain: {shown}")
    issues = [{"level": "warning", "code": "cell_unreadable",
               "message": "digits of adjacent cells run together: these cells differ between admissible splits",
               "where": "the cells in fields", "fields": unreadable}] if unreadable else []
    return out, issues, notes


def run_together(made):
    r19 = copy.deepcopy(office.R2019)
    r19["active"]["fees"] = {"prior_year_items": 35, "change": -15}
    for r in (office.R2021, r19):
        t = texts_of(r, {})
        lays = layouts(r, t)
        title, pre, overall = office.texts(r)
        flat = lambda rows: "".join(x for row in grid(rows) for x in row)  # noqa: E731
        body = " ".join([title, pre, "一、总体情况", overall, office.HEAD2 + flat(lays["二"]),
                         office.HEAD3 + flat(lays["三"]), office.HEAD4 + flat(lays["四"])]
                        + [f"{h} {b}" for h, b in office.TAIL])
        y = r["year"] + 1
        head = [f"标题: {title}", f"发布时间: {y}-01-20 15:22", "文号: ", "发布机构: ", "栏目: 政府信息公开年报",
                f"原文链接: https://www.example.gov.cn/zwgk/ndbg/{y}01/t{y}0120_1002.htm",
                f"本地目录: zwgk/ndbg/{y}01/1002_{title}", "页面链接与图片详见 links.tsv(同目录)",
                "==================== 正文 ===================="]
        p = os.path.join(OUT, f"{r['name']}.crawl-run-together.txt")
        write_text(p, "\n".join(head + [body]) + "\n")
        sections, issues, notes = truth_run_together(r, t)
        write_truth(p, "text", r, sections, issues)
        extra = []
        if r is r19:
            extra = ["**Numbers.** As the other baishui samples, except the fee row, printed as the issue that "
                     "asked for this shape saw it: 上一年项目数量 35, 本年增/减 −15 (`行政事业性收费35-15`). "
                     "The one admissible split is 35 | -15.", ""]
        write_notes(p, extra + [
            "**Method.** The crawler joined every cell's text with no separator. For each printed row, the run "
            "of characters between its label and the next label was split in every admissible way (SCHEMA.md, "
            "\"Digits run together\": no empty cell, no leading zero, no space inside a number; a sign only in "
            "本年增/减, a decimal point only in an amount). A cell is recorded only when every split gives it the "
            "same value; the others are left out (`cell_unreadable`). Totals were never used to choose.", "",
            "**Rows not wholly certain:**", ""] + notes)
        made.append(p)


# ---------------------------------------------------------------- main

def main():
    if os.path.isdir(OUT):
        for f in os.listdir(OUT):
            if f != "README.md":
                os.remove(os.path.join(OUT, f))
    os.makedirs(OUT, exist_ok=True)
    made = []
    spreadsheets(made)
    borderless(made)
    tab_dumps(made)
    cell_per_line(made)
    markdown(made)
    html_shapes(made)
    run_together(made)
    for p in sorted(made):
        check_opens(p)
        print(os.path.relpath(p, ROOT))
    size = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    assert size < 5 << 20, f"samples/shapes holds {size} bytes, over 5 MB"


def check_opens(path):
    """Each file opens as what it claims to be: containers unzip, PDFs give their text to
    pdftotext (where installed), text is UTF-8 with the report's title."""
    title_word = "政府信息公开工作年度报告"
    if path.endswith((".xlsx", ".docx", ".ods")):
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None, f"{path}: a corrupt ZIP entry"
    elif path.endswith(".pdf"):
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", path, "-"], check=True, capture_output=True).stdout.decode()
            assert title_word in text.replace(" ", ""), f"{path}: pdftotext finds no title"
    else:
        with open(path, encoding="utf-8") as f:
            assert title_word in f.read(), f"{path}: no title in the text"


if __name__ == "__main__":
    main()
