#!/usr/bin/env python3
"""Generates samples/meta: reports whose agency, year and template must be read from the title,
the page's metadata, the preamble or the signature, as portals and office files print them.
Each file has its NAME.truth.json, written from what the file prints (the agency in its fullest
printed form, the statistics year, the template), never from the tool's output.

    pip install python-docx openpyxl
    python3 scripts/make_meta_samples.py

CI never runs this; the generated files are committed. The tables reuse the numbers of the two
reports of scripts/make_office_samples.py (template 2021 and 2019); what changes is who
reports, for which year, and how the page says so:

- trs-page: a TRS portal page (ArticleTitle/ContentSource <meta>, 来源 field, TRS_Editor
  article without the heading); the preamble starts 根据《中华人民共和国…》 and the body says 我局.
- word-paste: a Word export pasted into a CMS (MsoNormal markup inside the article); the
  title prints the full name, the preamble (本报告由…) and the signature a short form.
- plain-article: a plain article page that prints only the short name (市发改委) in its title
  and body: the agency is the short name; its agency_key joins word-paste's full name.
- pre2019-fubiao: a 2015 report with a free-form 附表 (指标名称 / 计量单位 / 历年累计).
- pre2019-prose: a 2012 text report that shares section words with the templates
  (行政复议, 行政诉讼), its title's year in Chinese numerals.
- short-body (DOCX) and short-body (XLSX): the title prints the full name, the body a short form.
- defined-short (DOCX): the title prints a short form the preamble defines (以下简称…).
- no-agency (HTML): no name of a body anywhere (我局, 根据…): agency null with agency_unknown.
"""
import html
import json
import os
import sys

import docx
import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_office_samples as office  # noqa: E402  (the tables and their numbers)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "samples", "meta")


def report(base, agency, year):
    r = dict(base)
    r["agency"], r["year"] = agency, year
    return r


def truth(path, fmt, agency, year, template, r=None, issues=None):
    t = {"schema_version": 1, "source": {"path": os.path.basename(path), "format": fmt},
         "report": {"agency": agency, "year": year, "template": template}}
    if r is not None:
        t["active_disclosure"] = r["active"]
        t["applications"] = {k: dict(zip(office.COLS, v)) for k, v in r["apps"].items()}
        t["review_litigation"] = {k: dict(zip(["upheld", "corrected", "other", "pending", "total"], v))
                                  for k, v in r["review"].items()}
    if issues:
        t["issues"] = issues
    with open(path + ".truth.json", "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=1)
        f.write("\n")


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, "w" if isinstance(data, str) else "wb", **({"encoding": "utf-8"} if isinstance(data, str) else {})) as f:
        f.write(data)
    return path


def tables_html(r, table=office.html_table):
    return "\n".join([
        f"<p><strong>{office.HEAD2}</strong></p>", table(office.table2(r)),
        f"<p><strong>{office.HEAD3}</strong></p>", table(office.table3(r)[0]),
        f"<p><strong>{office.HEAD4}</strong></p>", table(office.table4(r)),
    ])


def tail_html(signature, date):
    parts = [f"<p><strong>{h}</strong></p>\n<p>{t}</p>" for h, t in office.TAIL]
    parts += [f'<p style="text-align:right">{signature}</p>', f'<p style="text-align:right">{date}</p>']
    return "\n".join(parts)


# ---------------------------------------------------------------- portal pages

def trs_page():
    """TRS CMS: <meta> fields, a 来源 field, the heading outside div.TRS_Editor."""
    agency, y = "临江市城市管理局", 2023
    r = report(office.R2021, agency, y)
    title = f"{agency}{y}年度政府信息公开工作年度报告"
    pre = ("根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）、《中华人民共和国政府信息公开工作"
           "年度报告格式》（国办公开办函〔2021〕30号）及政府信息公开工作相关文件要求，发布《" + title + "》。"
           f"本报告所列数据统计期限自{y}年1月1日至{y}年12月31日，如对本报告有疑问，请与{agency}办公室联系。")
    body = "\n".join([
        f"<p>{pre}</p>", "<p>一、总体情况</p>",
        f"<p>{y}年，我局坚持以公开促落实，全年共收到政府信息公开申请{r['apps']['new_received'][6]}件。</p>",
        tables_html(r), tail_html(agency, f"{y + 1}年1月8日"),
    ])
    page = f"""<!DOCTYPE html>
<html><head><meta charset="UTF-8">
<meta name="SiteName" content="临江市人民政府">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{y + 1}-01-13 11:34">
<meta name="ContentSource" content="{agency}">
<meta name="Author" content="">
<title></title></head>
<body>
<div class="top"><ul><li><a href="/">首页</a></li><li><a href="/zfxxgk/">政府信息公开</a></li></ul></div>
<div class="position">您当前所在位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开年报</a></div>
<div class="xl_main">
<div class="xl_tit">{title}</div>
<div class="xl_info"><span>发布时间：{y + 1}-01-13 11:34</span><span>来源：{agency}</span><span>浏览次数：<script>document.write(12)</script></span></div>
<div class="TRS_Editor">
{body}
</div>
</div>
<div class="footer">主办：临江市人民政府办公室　网站标识码：3500000001</div>
</body></html>
"""
    p = write("trs-page-2023.page.html", page)
    truth(p, "html", agency, y, "2021", r)


def word_paste_page():
    """A Word export pasted into a CMS: MsoNormal paragraphs and tables inside the article."""
    full, short, y = "临江市发展和改革委员会", "临江市发改委", 2020
    r = report(office.R2019, full, y)
    title = f"{full}{y}年政府信息公开工作年度报告"

    def para(text, center=False):
        al = " align=center style='text-align:center'" if center else " style='text-indent:32.0pt'"
        return (f"<p class=MsoNormal{al}><span style='font-size:16.0pt;font-family:仿宋_GB2312'>"
                f"{html.escape(text)}<span lang=EN-US><o:p></o:p></span></span></p>")

    pre = (f"本报告由{short}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。"
           f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。")
    body = "\n".join([
        para(title, center=True), para(pre), para("一、总体情况"),
        para(f"{y}年，市发改委全年共收到政府信息公开申请{r['apps']['new_received'][6]}件，均依法按时答复。"),
        tables_html(r), "\n".join(para(h) + para(t) for h, t in office.TAIL),
        para(short), para(f"{y + 1}年1月15日"),
    ])
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title}_部门信息公开_临江市人民政府门户网站</title></head>
<body>
<div id="nav"><a href="/">首页</a> | <a href="/xxgk/">信息公开</a> | <a href="/hdjl/">互动交流</a></div>
<table width="1000" align="center"><tr><td>
<div class="bt">{title}</div>
<div class="sx">信息来源：{full} 发布日期：{y + 1}-01-16</div>
<div id="zoom">
<div class=WordSection1 style='layout-grid:15.6pt'>
{body}
</div>
</div>
</td></tr></table>
<div id="foot">版权所有：临江市人民政府</div>
</body></html>
"""
    p = write("word-paste-2020.page.html", page)
    truth(p, "html", full, y, "2019", r)


def plain_article():
    """A plain article page that prints only the short name."""
    short, y = "临江市发改委", 2021
    r = report(office.R2021, short, y)
    title = f"{short}{y}年政府信息公开工作年度报告"
    pre = (f"为进一步做好政府信息公开工作，按照《中华人民共和国政府信息公开条例》要求，现公布{title.replace(short, '本机关')}。"
           f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。")
    page = f"""<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<article>
<h1>{title}</h1>
<p>{pre}</p>
<p>一、总体情况</p>
<p>{y}年，我委全年共收到政府信息公开申请{r['apps']['new_received'][6]}件。</p>
{tables_html(r)}
{tail_html(short, f"{y + 1}年1月20日")}
</article></body></html>
"""
    p = write("plain-article-2021.article.html", page)
    truth(p, "html", short, y, "2021", r)


def pre2019_fubiao():
    """A 2015 report with the free-form 附表 of its time."""
    full, short, y = "临江市人力资源和社会保障局", "临江市人社局", 2015
    title = f"{full}{y}年度政府信息公开工作年度报告"
    rows = [("指标名称", "计量单位", f"{y}年度", "历年累计"),
            ("一、主动公开情况", "", "", ""), ("（一）主动公开政府信息数", "条", "356", "2871"),
            ("其中：全文电子化主动公开政府信息数", "条", "356", "2871"),
            ("二、依申请公开情况", "", "", ""), ("（一）收到申请数", "件", "12", "96"),
            ("三、因政府信息公开申请提起行政复议、行政诉讼的情况", "", "", ""),
            ("（一）维持具体行政行为数", "件", "0", "1")]
    table = "<table border=1>" + "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows) + "</table>"
    page = f"""<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="{title}">
<meta name="ContentSource" content="{short}">
<title>{title}</title></head><body>
<div class="nav"><a href="/">首页</a></div>
<div class="TRS_Editor">
<p>引 言</p>
<p>本年报是根据《关于印发临江市政府信息公开工作年度报告等制度的通知》要求，由{short}编制的{y}年度政府信息公开年度报告。全文包括概述、主动公开情况、依申请公开办理情况、复议和诉讼情况、存在的主要问题及改进情况与附表。本年度报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。如对本报告有任何疑问，请联系：{short}办公室。</p>
<p>一、概述</p><p>根据《政府信息公开条例》要求，我局政府信息公开工作由分管领导主抓，办公室具体承办。</p>
<p>二、主动公开情况</p><p>{y}年，我局主动公开政府信息356条。</p>
<p>三、依申请公开办理情况</p><p>{y}年，我局共收到政府信息公开申请12件，均已按时答复。</p>
<p>四、因政府信息公开申请提起行政复议、行政诉讼的情况</p><p>无。</p>
<p>附表：{y}年度政府信息公开情况统计表</p>
{table}
<p>{short}</p><p>{y + 1}年1月22日</p>
</div></body></html>
"""
    p = write("pre2019-fubiao-2015.page.html", page)
    truth(p, "html", full, y, "pre2019")


def pre2019_prose():
    """A 2012 text report sharing section words with the templates; the title's year in Chinese."""
    full, y = "临江市住房和城乡建设局", 2012
    text = f"""{full}二〇一二年政府信息公开工作年度报告

根据《中华人民共和国政府信息公开条例》的要求，特向社会公布{y}年度本局政府信息公开工作年度报告。本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。

一、概述
{y}年，我局认真贯彻落实《条例》，进一步完善政府信息公开工作机制。

二、主动公开政府信息情况
全年主动公开政府信息218条，其中规范性文件5件。

三、依申请公开政府信息情况
全年共受理政府信息公开申请7件，全部按时答复。

四、因政府信息公开申请行政复议、行政诉讼情况
本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况。

五、存在的主要问题和改进措施
政府信息公开的及时性有待提高。

{full}
二〇一三年三月二十五日
"""
    p = write("pre2019-prose-2012.txt", text)
    truth(p, "text", full, y, "pre2019")


# ---------------------------------------------------------------- office files

def docx_report(path, r, title, pre, signature):
    d = docx.Document()
    d.add_paragraph(title)
    d.add_paragraph(pre)
    d.add_paragraph("一、总体情况")
    d.add_paragraph(f"{r['year']}年，本单位全年共收到政府信息公开申请{r['apps']['new_received'][6]}件。")
    for head, rows in ((office.HEAD2, office.table2(r)), (office.HEAD3, office.table3(r)[0]),
                       (office.HEAD4, office.table4(r))):
        d.add_paragraph(head)
        office.docx_table(d, rows)
    for h, t in office.TAIL:
        d.add_paragraph(h)
        d.add_paragraph(t)
    d.add_paragraph(signature)
    d.add_paragraph(f"{r['year'] + 1}年1月20日")
    d.save(path)


def short_body_docx():
    full, short, y = "临江市新兴区机关事务服务中心", "区机关事务中心", 2022
    r = report(office.R2021, full, y)
    path = os.path.join(OUT, "short-body-2022.docx")
    docx_report(path, r, f"{full}{y}年政府信息公开工作年度报告",
                f"本报告由{short}根据《中华人民共和国政府信息公开条例》要求编制。"
                f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。", short)
    truth(path, "docx", full, y, "2021", r)


def defined_short_docx():
    full, short, y = "临江市新兴区机关事务服务中心", "区机关事务中心", 2023
    r = report(office.R2021, short, y)
    path = os.path.join(OUT, "defined-short-2023.docx")
    docx_report(path, r, f"{short}{y}年政府信息公开工作年度报告",
                f"{full}（以下简称“{short}”）根据《中华人民共和国政府信息公开条例》要求编制本报告。"
                f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。", short)
    truth(path, "docx", full, y, "2021", r)


def short_body_xlsx():
    full, short, y = "临江市宝兴县开元街道办事处", "开元街道", 2021
    r = report(office.R2021, full, y)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年度报告"
    ws.cell(row=1, column=1, value=f"{full}{y}年政府信息公开工作年度报告")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=10)
    ws.cell(row=2, column=1, value=f"{short}根据《中华人民共和国政府信息公开条例》要求编制了本报告。"
                                   f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=10)
    top = 3
    for head, rows in ((office.HEAD2, office.table2(r)), (office.HEAD3, office.table3(r)[0]),
                       (office.HEAD4, office.table4(r))):
        ws.cell(row=top, column=1, value=head)
        top = office.xlsx_sheet(ws, rows, top + 1)
    ws.cell(row=top + 1, column=1, value=short)
    ws.cell(row=top + 2, column=1, value=f"{y + 1}年1月18日")
    path = os.path.join(OUT, "short-body-2021.xlsx")
    wb.save(path)
    truth(path, "xlsx", full, y, "2021", r)


def no_agency_page():
    """No body is named anywhere: the agency is unknown, not a fragment of a sentence."""
    y = 2022
    r = report(office.R2021, None, y)
    pre = ("根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求，我局编制了本年度报告。"
           f"本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。")
    page = f"""<html><head><meta charset="utf-8"><title>政府信息公开工作年度报告</title></head><body>
<h1>政府信息公开工作年度报告</h1>
<p>{pre}</p>
<p>一、总体情况</p><p>本年度，我局全年共收到政府信息公开申请{r['apps']['new_received'][6]}件。</p>
{tables_html(r)}
</body></html>
"""
    p = write("no-agency-2022.page.html", page)
    truth(p, "html", None, y, "2021", r,
          issues=[{"level": "warning", "code": "agency_unknown",
                   "message": "no agency name is printed", "where": "document", "fields": ["report.agency"]}])


def main():
    os.makedirs(OUT, exist_ok=True)
    trs_page()
    word_paste_page()
    plain_article()
    pre2019_fubiao()
    pre2019_prose()
    short_body_docx()
    defined_short_docx()
    short_body_xlsx()
    no_agency_page()


if __name__ == "__main__":
    main()
