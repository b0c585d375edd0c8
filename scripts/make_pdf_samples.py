#!/usr/bin/env python3
"""Makes samples/pdf/: standard annual reports (template 2021) printed by real PDF producers,
each with NAME.pdf.truth.json written from the numbers put into the document.

Needs (developer machine only; CI uses the committed PDFs):
  apt-get install libreoffice-writer-nogui chromium qpdf poppler-utils poppler-data fonts-noto-cjk
  pip install reportlab python-docx

Run from the repository root:  python3 scripts/make_pdf_samples.py
Deterministic numbers (seeded); the PDFs differ run to run only in dates and ids.
"""
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

OUT = "samples/pdf"

APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
RESULT_ROWS = [
    "granted", "partially_granted",
    "denied_state_secret", "denied_prohibited_by_law", "denied_security_stability", "denied_third_party",
    "denied_internal_affairs", "denied_process_info", "denied_enforcement_files", "denied_query",
    "unable_not_held", "unable_needs_creation", "unable_unclear",
    "rejected_petition", "rejected_duplicate", "rejected_publication", "rejected_excessive", "rejected_confirmation",
    "other_no_correction", "other_unpaid_fee", "other_other",
]
GROUPS = ["review", "litigation_direct", "litigation_after_review"]
OUTCOMES = ["upheld", "corrected", "other", "pending"]


# ---------------------------------------------------------------- numbers

def make_numbers(seed):
    """A consistent report: every check of SCHEMA.md holds."""
    r = random.Random(seed)
    ad = {
        "regulations": {"issued": r.randint(1, 4), "repealed": r.randint(1, 3), "in_force": r.randint(8, 40)},
        "normative_documents": {"issued": r.randint(2, 20), "repealed": r.randint(1, 9), "in_force": r.randint(20, 160)},
        "licensing": {"decisions": r.randint(100, 9000)},
        "penalty": {"decisions": r.randint(10, 5000)},
        "coercion": {"decisions": r.randint(1, 400)},
        "fees": {"amount": round(r.randint(1000, 900000) / 100, 2)},
    }
    app = {}
    col_new = {c: (r.randint(20, 160) if c == "natural_person" else r.randint(0, 12)) for c in APPLICANTS}
    col_carried = {c: (r.randint(1, 9) if c in ("natural_person", "commercial") else 0) for c in APPLICANTS}
    col_forward = {c: min(col_new[c] + col_carried[c], r.randint(0, 5)) for c in APPLICANTS}
    results = {row: {} for row in RESULT_ROWS}
    for c in APPLICANTS:
        left = col_new[c] + col_carried[c] - col_forward[c]
        weights = [r.random() ** 2 for _ in RESULT_ROWS]
        total_w = sum(weights)
        parts = [int(left * w / total_w) for w in weights]
        parts[0] += left - sum(parts)
        for row, v in zip(RESULT_ROWS, parts):
            results[row][c] = v
    def with_total(d):
        d = dict(d)
        d["total"] = sum(d[c] for c in APPLICANTS)
        return d
    app["new_received"] = with_total(col_new)
    app["carried_over"] = with_total(col_carried)
    for row in RESULT_ROWS:
        app[row] = with_total(results[row])
    app["results_total"] = with_total({c: sum(results[row][c] for row in RESULT_ROWS) for c in APPLICANTS})
    app["carried_forward"] = with_total(col_forward)
    rl = {}
    for g in GROUPS:
        d = {o: r.randint(0, 6) for o in OUTCOMES}
        d["total"] = sum(d.values())
        rl[g] = d
    return {"active_disclosure": ad, "applications": app, "review_litigation": rl}


# ---------------------------------------------------------------- tables as cells

def fmt_amount(v):
    return ("%.2f" % v).rstrip("0").rstrip(".") if v != int(v) else str(int(v))


def table2(n):
    a = n["active_disclosure"]
    c = []  # (row, col, rowspan, colspan, text)
    c.append((0, 0, 1, 4, "第二十条第（一）项"))
    c += [(1, 0, 1, 1, "信息内容"), (1, 1, 1, 1, "本年制发件数"), (1, 2, 1, 1, "本年废止件数"), (1, 3, 1, 1, "现行有效件数")]
    for i, (key, label) in enumerate([("regulations", "规章"), ("normative_documents", "行政规范性文件")]):
        c += [(2 + i, 0, 1, 1, label)] + [(2 + i, 1 + k, 1, 1, str(a[key][col])) for k, col in enumerate(["issued", "repealed", "in_force"])]
    c.append((4, 0, 1, 4, "第二十条第（五）项"))
    c += [(5, 0, 1, 1, "信息内容"), (5, 1, 1, 3, "本年处理决定数量")]
    c += [(6, 0, 1, 1, "行政许可"), (6, 1, 1, 3, str(a["licensing"]["decisions"]))]
    c.append((7, 0, 1, 4, "第二十条第（六）项"))
    c += [(8, 0, 1, 1, "信息内容"), (8, 1, 1, 3, "本年处理决定数量")]
    c += [(9, 0, 1, 1, "行政处罚"), (9, 1, 1, 3, str(a["penalty"]["decisions"]))]
    c += [(10, 0, 1, 1, "行政强制"), (10, 1, 1, 3, str(a["coercion"]["decisions"]))]
    c.append((11, 0, 1, 4, "第二十条第（八）项"))
    c += [(12, 0, 1, 1, "信息内容"), (12, 1, 1, 3, "本年收费金额（单位：万元）")]
    c += [(13, 0, 1, 1, "行政事业性收费"), (13, 1, 1, 3, fmt_amount(a["fees"]["amount"]))]
    return 14, 4, c


ROW_LABELS3 = [
    # (key, group label or None, group rowspan marker, sub label)
    ("granted", None, "（一）予以公开"),
    ("partially_granted", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied_prohibited_by_law", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("denied_third_party", "（三）不予公开", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "（三）不予公开", "5.属于三类内部事务信息"),
    ("denied_process_info", "（三）不予公开", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "（三）不予公开", "7.属于行政执法案卷"),
    ("denied_query", "（三）不予公开", "8.属于行政查询事项"),
    ("unable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable_needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("rejected_petition", "（五）不予处理", "1.信访举报投诉类申请"),
    ("rejected_duplicate", "（五）不予处理", "2.重复申请"),
    ("rejected_publication", "（五）不予处理", "3.要求提供公开出版物"),
    ("rejected_excessive", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("rejected_confirmation", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", "（六）其他处理", "3.其他"),
    ("results_total", None, "（七）总计"),
]


def table3(n):
    a = n["applications"]
    cols = APPLICANTS + ["total"]
    c = [(0, 0, 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"), (0, 3, 1, 7, "申请人情况"),
         (1, 3, 2, 1, "自然人"), (1, 4, 1, 5, "法人或其他组织"), (1, 9, 2, 1, "总计")]
    c += [(2, 4 + i, 1, 1, t) for i, t in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])]
    def nums(r, key):
        return [(r, 3 + i, 1, 1, str(a[key][col])) for i, col in enumerate(cols)]
    c += [(3, 0, 1, 3, "一、本年新收政府信息公开申请数量")] + nums(3, "new_received")
    c += [(4, 0, 1, 3, "二、上年结转政府信息公开申请数量")] + nums(4, "carried_over")
    r = 5
    c.append((5, 0, len(ROW_LABELS3), 1, "三、本年度办理结果"))
    seen = set()
    for key, group, label in ROW_LABELS3:
        if group is None:
            c.append((r, 1, 1, 2, label))
        else:
            if group not in seen:
                seen.add(group)
                span = sum(1 for x in ROW_LABELS3 if x[1] == group)
                c.append((r, 1, span, 1, group))
            c.append((r, 2, 1, 1, label))
        c += nums(r, key)
        r += 1
    c += [(r, 0, 1, 3, "四、结转下年度继续办理")] + nums(r, "carried_forward")
    return r + 1, 10, c


def table4(n):
    rl = n["review_litigation"]
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    c = [(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼")]
    c += [(1, i, 2, 1, t) for i, t in enumerate(heads)]
    c += [(1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉")]
    c += [(2, 5 + i, 1, 1, t) for i, t in enumerate(heads)] + [(2, 10 + i, 1, 1, t) for i, t in enumerate(heads)]
    vals = [rl[g][k] for g in GROUPS for k in OUTCOMES + ["total"]]
    c += [(3, i, 1, 1, str(v)) for i, v in enumerate(vals)]
    return 4, 15, c


def paragraphs(agency, year):
    return {
        "title": f"{agency}{year}年政府信息公开工作年度报告",
        "intro": (f"本报告由{agency}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。"
                  f"报告中所列数据统计期限自{year}年1月1日起至{year}年12月31日止。"),
        "one": f"{year}年，{agency}认真贯彻落实《条例》，持续推进政府信息公开工作，主动公开、依申请公开和平台建设各项工作有序开展。",
        "five": "存在的主要问题是公开内容的深度和广度还有待提升。下一步将加强业务培训，规范依申请公开办理流程。",
        "six": f"{year}年未收取信息处理费。",
    }


def truth(name, agency, year, n):
    t = {"schema_version": 1, "source": {"path": name, "format": "pdf"},
         "report": {"agency": agency, "year": year, "template": "2021"}}
    t.update(copy.deepcopy(n))
    return t


def write_truth(name, t):
    with open(os.path.join(OUT, name + ".truth.json"), "w") as f:
        json.dump(t, f, ensure_ascii=False, indent=1)
        f.write("\n")


# ---------------------------------------------------------------- HTML (Chromium) and DOCX (LibreOffice)

def html_table(rows, cols, cells):
    covered = set()
    by_pos = {(r, c): (rs, cs, t) for r, c, rs, cs, t in cells}
    out = ['<table>']
    for r in range(rows):
        out.append("<tr>")
        for c in range(cols):
            if (r, c) in covered:
                continue
            if (r, c) in by_pos:
                rs, cs, t = by_pos[(r, c)]
                for dr in range(rs):
                    for dc in range(cs):
                        covered.add((r + dr, c + dc))
                out.append(f'<td rowspan="{rs}" colspan="{cs}">{t}</td>')
            else:
                out.append("<td></td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def html_report(agency, year, n):
    p = paragraphs(agency, year)
    css = ("body{font-family:'Noto Serif CJK SC',serif;font-size:11pt;margin:0}"
           "table{border-collapse:collapse;width:100%;margin:6pt 0}"
           "td{border:0.75pt solid #000;padding:2pt 3pt;text-align:center;font-size:9pt}"
           "h1{font-size:16pt;text-align:center}h2{font-size:12pt}")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{p['title']}</title><style>{css}</style></head><body>"
            f"<h1>{p['title']}</h1><p>{p['intro']}</p><h2>一、总体情况</h2><p>{p['one']}</p>"
            f"<h2>二、主动公开政府信息情况</h2>{html_table(*table2(n))}"
            f"<h2>三、收到和处理政府信息公开申请情况</h2>{html_table(*table3(n))}"
            f"<h2>四、政府信息公开行政复议、行政诉讼情况</h2>{html_table(*table4(n))}"
            f"<h2>五、存在的主要问题及改进情况</h2><p>{p['five']}</p>"
            f"<h2>六、其他需要报告的事项</h2><p>{p['six']}</p></body></html>")


def chromium_pdf(html, dst):
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "report.html")
        with open(src, "w") as f:
            f.write(html)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={d}/profile", "--no-pdf-header-footer", f"--print-to-pdf={dst}", src],
                       check=True, capture_output=True)


def docx_table(doc, rows, cols, cells):
    from docx.shared import Pt
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    t = doc.add_table(rows=rows, cols=cols)
    t.style = "Table Grid"
    for row in t.rows:
        cant = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(cant)
    for r, c, rs, cs, text in cells:
        cell = t.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(t.cell(r + rs - 1, c + cs - 1))
        cell.text = text
        for para in cell.paragraphs:
            for run in para.runs:
                run.font.size = Pt(8)


def docx_report(agency, year, n, dst):
    import docx
    from docx.oxml.ns import qn
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Noto Serif CJK SC"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    p = paragraphs(agency, year)
    d.add_heading(p["title"], level=1)
    d.add_paragraph(p["intro"])
    d.add_paragraph("一、总体情况")
    d.add_paragraph(p["one"])
    d.add_paragraph("二、主动公开政府信息情况")
    docx_table(d, *table2(n))
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    docx_table(d, *table3(n))
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    docx_table(d, *table4(n))
    d.add_paragraph("五、存在的主要问题及改进情况")
    d.add_paragraph(p["five"])
    d.add_paragraph("六、其他需要报告的事项")
    d.add_paragraph(p["six"])
    d.save(dst)


def libreoffice_pdf(docx_path, dst):
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{d}/profile", "--convert-to", "pdf",
                        "--outdir", d, docx_path], check=True, capture_output=True)
        shutil.move(os.path.join(d, os.path.splitext(os.path.basename(docx_path))[0] + ".pdf"), dst)


# ---------------------------------------------------------------- reportlab

def reportlab_font(kind):
    from reportlab import rl_config
    from reportlab.pdfbase import cidfonts, pdfmetrics
    if kind == "ucs2":
        f = cidfonts.UnicodeCIDFont("STSong-Light")  # UniGB-UCS2-H, not embedded
    else:
        rl_config.CMapSearchPath.append("/usr/share/poppler/cMap/Adobe-GB1")

        class GbkFont(cidfonts.CIDFont):
            """STSong-Light with GBK-EUC-H: text written as GBK bytes."""
            def formatForPdf(self, text):
                return cidfonts.escapePDF(text.encode("gbk"))

            def stringWidth(self, text, size, encoding=None):
                # reportlab cannot translate GBK codes to CIDs; the glyphs are the UCS2 font's.
                return ucs2.stringWidth(text, size)
        ucs2 = cidfonts.UnicodeCIDFont("STSong-Light")
        f = GbkFont("STSong-Light", "GBK-EUC-H")
    pdfmetrics.registerFont(f)
    return f.fontName


def wrap(text, font, size, width):
    """Text broken into lines that fit `width` (reportlab's Paragraph does not take the GBK font)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    lines, cur = [], ""
    for ch in text:
        if cur and stringWidth(cur + ch, font, size) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + [cur] if cur else lines


class Lines:
    """A paragraph of plain drawString lines, as a flowable."""
    def __new__(cls, text, font, size, leading, align=0):
        from reportlab.platypus import Flowable

        class _Lines(Flowable):
            def wrap(self, aw, ah):
                self.lines = wrap(text, font, size, aw)
                self.aw = aw
                return aw, leading * len(self.lines)

            def draw(self):
                c = self.canv
                c.setFont(font, size)
                for i, line in enumerate(self.lines):
                    y = leading * (len(self.lines) - i - 1) + (leading - size) / 2
                    if align == 1:
                        c.drawCentredString(self.aw / 2, y, line)
                    else:
                        c.drawString(0, y, line)
        return _Lines()


def rl_table(rows, cols, cells, font, widths, size=7.5, repeat=0):
    from reportlab.platypus import Table, TableStyle, Paragraph
    from reportlab.lib.styles import ParagraphStyle
    ps = ParagraphStyle("c", fontName=font, fontSize=size, leading=size * 1.3, alignment=1, wordWrap="CJK")
    plain = "GBK" in font
    data = [["" for _ in range(cols)] for _ in range(rows)]
    style = [("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("FONT", (0, 0), (-1, -1), font, size)]
    for r, c, rs, cs, t in cells:
        width = sum(widths[c:c + cs]) - 6
        if plain:
            data[r][c] = "\n".join(wrap(t, font, size, width))
        else:
            data[r][c] = Paragraph(t, ps) if len(t) > 3 else t
        if rs > 1 or cs > 1:
            style.append(("SPAN", (c, r), (c + cs - 1, r + rs - 1)))
    style.append(("ALIGN", (0, 0), (-1, -1), "CENTER"))
    return Table(data, colWidths=widths, style=TableStyle(style), repeatRows=repeat, splitByRow=1)


def rl_story(agency, year, n, font, split_gap=None):
    from reportlab.platypus import Spacer
    from reportlab.lib.styles import ParagraphStyle
    body = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK", firstLineIndent=21)
    head = ParagraphStyle("h", fontName=font, fontSize=11, leading=18)
    title = ParagraphStyle("t", fontName=font, fontSize=15, leading=22, alignment=1)
    if "GBK" in font:
        def Paragraph(text, style):
            return Lines(text, font, style.fontSize, style.leading, style.alignment)
    else:
        from reportlab.platypus import Paragraph
    p = paragraphs(agency, year)
    s = [Paragraph(p["title"], title), Paragraph(p["intro"], body), Paragraph("一、总体情况", head),
         Paragraph(p["one"], body), Paragraph("二、主动公开政府信息情况", head),
         rl_table(*table2(n), font, [130, 110, 110, 110])]
    if split_gap:
        s.append(Spacer(1, split_gap))
    s += [Paragraph("三、收到和处理政府信息公开申请情况", head),
          rl_table(*table3(n), font, [34, 62, 120] + [33] * 7, size=7),
          Paragraph("四、政府信息公开行政复议、行政诉讼情况", head),
          rl_table(*table4(n), font, [30] * 15, size=6.5),
          Paragraph("五、存在的主要问题及改进情况", head), Paragraph(p["five"], body),
          Paragraph("六、其他需要报告的事项", head), Paragraph(p["six"], body)]
    return s


def reportlab_pdf(agency, year, n, dst, kind="ucs2", split_gap=None):
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.lib.pagesizes import A4
    font = reportlab_font(kind)
    p = paragraphs(agency, year)
    doc = SimpleDocTemplate(dst, pagesize=A4, title=p["title"], leftMargin=50, rightMargin=50, topMargin=50, bottomMargin=50)
    doc.build(rl_story(agency, year, n, font, split_gap))


def rotated_pdf(agency, year, n, dst):
    """Page 1 portrait text; page 2 a landscape page stored portrait with /Rotate 90, its
    content drawn turned so that it shows upright."""
    from reportlab.pdfgen import canvas
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, Frame
    from reportlab.lib.styles import ParagraphStyle
    font = reportlab_font("ucs2")
    w, h = A4
    p = paragraphs(agency, year)
    c = canvas.Canvas(dst, pagesize=A4)
    c.setTitle(p["title"])
    body = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK")
    head = ParagraphStyle("h", fontName=font, fontSize=11, leading=18)
    title = ParagraphStyle("t", fontName=font, fontSize=15, leading=22, alignment=1)
    Frame(50, 50, w - 100, h - 100).addFromList(
        [Paragraph(p["title"], title), Paragraph(p["intro"], body), Paragraph("一、总体情况", head),
         Paragraph(p["one"], body), Paragraph("二、主动公开政府信息情况", head),
         rl_table(*table2(n), font, [130, 110, 110, 110])], c)
    c.showPage()
    # reportlab writes the MediaBox of a rotated page swapped: ask for landscape to store portrait.
    c.setPageSize((h, w))
    c.setPageRotation(90)
    # Display (X, Y) on the landscape page = user (w - Y, X).
    c.transform(0, 1, -1, 0, w, 0)
    Frame(40, 30, h - 80, w - 60).addFromList(
        [Paragraph("三、收到和处理政府信息公开申请情况", head),
         rl_table(*table3(n), font, [40, 70, 300] + [40] * 7, size=6)], c)
    c.showPage()
    c.setPageRotation(0)
    c.setPageSize(A4)
    Frame(50, 50, w - 100, h - 100).addFromList(
        [Paragraph("四、政府信息公开行政复议、行政诉讼情况", head), rl_table(*table4(n), font, [30] * 15, size=6.5),
         Paragraph("五、存在的主要问题及改进情况", head), Paragraph(p["five"], body),
         Paragraph("六、其他需要报告的事项", head), Paragraph(p["six"], body)], c)
    c.showPage()
    c.save()


def scan_pdf(src_pdf, dst):
    """Every page of src rendered to a grey JPEG and placed as an image: no text layer."""
    from reportlab.pdfgen import canvas
    from reportlab.lib.pagesizes import A4
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["pdftoppm", "-r", "60", "-gray", "-jpeg", "-jpegopt", "quality=40", src_pdf, f"{d}/p"], check=True)
        c = canvas.Canvas(dst, pagesize=A4)
        for img in sorted(os.listdir(d)):
            c.drawImage(os.path.join(d, img), 0, 0, *A4)
            c.showPage()
        c.save()


# ---------------------------------------------------------------- main

def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(os.path.join(OUT, "bad"), exist_ok=True)

    # LibreOffice from a DOCX; planted: results_total natural_person printed one too high.
    agency, year = "南通市崇川区财政局", 2022
    n = make_numbers(1)
    n["applications"]["results_total"]["natural_person"] += 1
    with tempfile.TemporaryDirectory() as d:
        docx_report(agency, year, n, f"{d}/libreoffice-docx.docx")
        libreoffice_pdf(f"{d}/libreoffice-docx.docx", f"{OUT}/libreoffice-docx.pdf")
    write_truth("libreoffice-docx.pdf", truth("libreoffice-docx.pdf", agency, year, n))
    for name, args in [("encrypted-aes256.pdf", ["256"]), ("encrypted-rc4.pdf", ["128", "--use-aes=n"])]:
        subprocess.run(["qpdf", "--allow-weak-crypto", "--encrypt", "", "owner-secret", *args, "--",
                        f"{OUT}/libreoffice-docx.pdf", f"{OUT}/{name}"], check=True)
        write_truth(name, truth(name, agency, year, n))
    subprocess.run(["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--",
                    f"{OUT}/libreoffice-docx.pdf", f"{OUT}/bad/wrong-password.pdf"], check=True)

    # Chromium print of an HTML report; planted: review total one too low.
    agency, year = "苏州市吴中区教育局", 2023
    n = make_numbers(2)
    n["review_litigation"]["review"]["total"] -= 1
    chromium_pdf(html_report(agency, year, n), f"{OUT}/chromium-html.pdf")
    write_truth("chromium-html.pdf", truth("chromium-html.pdf", agency, year, n))

    # reportlab, non-embedded STSong-Light: UniGB-UCS2-H and GBK-EUC-H.
    agency, year = "扬州市江都区卫生健康委员会", 2021
    n = make_numbers(3)
    reportlab_pdf(agency, year, n, f"{OUT}/reportlab-ucs2.pdf", "ucs2")
    write_truth("reportlab-ucs2.pdf", truth("reportlab-ucs2.pdf", agency, year, n))
    scan_pdf(f"{OUT}/reportlab-ucs2.pdf", f"{OUT}/scan-image-only.pdf")
    write_truth("scan-image-only.pdf", {"schema_version": 1, "source": {"path": "scan-image-only.pdf", "format": "pdf"}})

    agency, year = "徐州市鼓楼区司法局", 2023
    n = make_numbers(4)
    reportlab_pdf(agency, year, n, f"{OUT}/reportlab-gbk.pdf", "gbk")
    write_truth("reportlab-gbk.pdf", truth("reportlab-gbk.pdf", agency, year, n))

    # Table 三 split over two pages, no repeated header.
    agency, year = "盐城市亭湖区住房和城乡建设局", 2022
    n = make_numbers(5)
    reportlab_pdf(agency, year, n, f"{OUT}/split-table.pdf", "ucs2", split_gap=260)
    write_truth("split-table.pdf", truth("split-table.pdf", agency, year, n))

    # A page stored portrait with /Rotate 90.
    agency, year = "宿迁市宿城区人力资源和社会保障局", 2023
    n = make_numbers(6)
    rotated_pdf(agency, year, n, f"{OUT}/rotated.pdf")
    write_truth("rotated.pdf", truth("rotated.pdf", agency, year, n))


if __name__ == "__main__":
    sys.exit(main())
