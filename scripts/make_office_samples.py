#!/usr/bin/env python3
"""Generates samples/html, samples/docx and samples/xlsx: the same reports in every format,
each file with its NAME.truth.json written from the numbers put in (not from the tool).

    pip install python-docx openpyxl      # and LibreOffice (apt: libreoffice-calc) for XLS/ODS
    python3 scripts/make_office_samples.py

CI never runs this; the generated files are committed. Two reports: a template-2021 report of
a county government and a template-2019 report of a city bureau, with varied nonzero numbers
that satisfy every check, laid out as the national templates are (merged header cells, the
rowspan group labels 三、本年度办理结果 and （三）不予公开). Besides the plain page, document
and workbook of each: a portal page saved in GBK, a Word "Save as Web Page" export, a page whose
table 三 is an image, a page whose table 三 is split into two <table>s, and a zip-bomb DOCX.
"""
import copy
import html
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import docx
import openpyxl
from docx.shared import Pt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = {k: os.path.join(ROOT, "samples", k) for k in ("html", "docx", "xlsx")}

COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]

# ---------------------------------------------------------------- the two reports' numbers

def app_rows(template, rows):
    """Completes table 三: totals per row, results_total and carried_forward per column."""
    out = {}
    for k, six in rows.items():
        out[k] = six + [sum(six)]
    results = [k for k in out if k not in ("new_received", "carried_over")]
    total = [sum(out[k][i] for k in results) for i in range(7)]
    fwd = [out["new_received"][i] + out["carried_over"][i] - total[i] for i in range(7)]
    assert all(v >= 0 for v in fwd), fwd
    out["results_total"] = total
    out["carried_forward"] = fwd
    return out


R2021 = {
    "name": "qingshan-county-2021",
    "agency": "青山县人民政府",
    "year": 2021,
    "template": "2021",
    "active": {
        "regulations": {"issued": 2, "repealed": 1, "in_force": 15},
        "normative_documents": {"issued": 18, "repealed": 4, "in_force": 96},
        "licensing": {"decisions": 3521},
        "penalty": {"decisions": 812},
        "coercion": {"decisions": 37},
        "fees": {"amount": 125.6},
    },
    "apps": app_rows("2021", {
        "new_received": [120, 8, 1, 2, 3, 4],
        "carried_over": [5, 1, 0, 0, 0, 1],
        "granted": [40, 3, 0, 1, 1, 1],
        "partially_granted": [12, 1, 0, 0, 0, 0],
        "denied_state_secret": [1, 0, 0, 0, 0, 0],
        "denied_prohibited_by_law": [2, 0, 0, 0, 0, 0],
        "denied_security_stability": [0, 0, 0, 0, 0, 0],
        "denied_third_party": [3, 1, 0, 0, 0, 0],
        "denied_internal_affairs": [4, 0, 0, 0, 0, 0],
        "denied_process_info": [5, 0, 0, 0, 1, 0],
        "denied_enforcement_files": [2, 0, 0, 0, 0, 0],
        "denied_query": [6, 0, 0, 0, 0, 1],
        "unable_not_held": [20, 2, 1, 1, 0, 1],
        "unable_needs_creation": [7, 0, 0, 0, 0, 0],
        "unable_unclear": [3, 0, 0, 0, 0, 0],
        "rejected_petition": [4, 0, 0, 0, 0, 0],
        "rejected_duplicate": [2, 1, 0, 0, 0, 0],
        "rejected_publication": [1, 0, 0, 0, 0, 0],
        "rejected_excessive": [0, 0, 0, 0, 0, 0],
        "rejected_confirmation": [1, 0, 0, 0, 0, 0],
        "other_no_correction": [2, 0, 0, 0, 0, 0],
        "other_unpaid_fee": [0, 0, 0, 0, 0, 0],
        "other_other": [1, 0, 0, 0, 0, 0],
    }),
    "review": {
        "review": [3, 1, 2, 1, 7],
        "litigation_direct": [2, 0, 1, 1, 4],
        "litigation_after_review": [1, 0, 0, 1, 2],
    },
}

R2019 = {
    "name": "baishui-eco-2019",
    "agency": "白水市生态环境局",
    "year": 2019,
    "template": "2019",
    "active": {
        "regulations": {"made": 1, "published": 1, "total_published": 12},
        "normative_documents": {"made": 9, "published": 9, "total_published": 57},
        "licensing": {"prior_year_items": 214, "change": 12, "decisions": 3480},
        "other_services": {"prior_year_items": 56, "change": -3, "decisions": 1205},
        "penalty": {"prior_year_items": 33, "change": 0, "decisions": 640},
        "coercion": {"prior_year_items": 12, "change": 2, "decisions": 45},
        "fees": {"prior_year_items": 8, "change": -1},
        "procurement": {"items": 26, "amount": 7730.28},
    },
    "apps": app_rows("2019", {
        "new_received": [86, 11, 0, 1, 2, 3],
        "carried_over": [4, 0, 0, 0, 1, 0],
        "granted": [31, 4, 0, 1, 1, 1],
        "partially_granted": [9, 2, 0, 0, 0, 0],
        "denied_state_secret": [0, 0, 0, 0, 0, 0],
        "denied_prohibited_by_law": [1, 0, 0, 0, 0, 0],
        "denied_security_stability": [1, 0, 0, 0, 0, 0],
        "denied_third_party": [2, 1, 0, 0, 0, 0],
        "denied_internal_affairs": [3, 0, 0, 0, 0, 0],
        "denied_process_info": [2, 1, 0, 0, 0, 0],
        "denied_enforcement_files": [1, 0, 0, 0, 0, 0],
        "denied_query": [4, 0, 0, 0, 1, 0],
        "unable_not_held": [14, 2, 0, 0, 0, 1],
        "unable_needs_creation": [5, 0, 0, 0, 0, 0],
        "unable_unclear": [2, 0, 0, 0, 0, 0],
        "rejected_petition": [6, 1, 0, 0, 0, 0],
        "rejected_duplicate": [3, 0, 0, 0, 0, 0],
        "rejected_publication": [0, 0, 0, 0, 0, 0],
        "rejected_excessive": [1, 0, 0, 0, 0, 0],
        "rejected_confirmation": [0, 0, 0, 0, 0, 0],
        "other": [2, 0, 0, 0, 0, 1],
    }),
    "review": {
        "review": [2, 1, 0, 1, 4],
        "litigation_direct": [1, 1, 1, 0, 3],
        "litigation_after_review": [0, 1, 0, 0, 1],
    },
}

# ---------------------------------------------------------------- table layouts
# A table is a list of rows; a row a list of (text, rowspan, colspan) in HTML order.


def num(v):
    if isinstance(v, float):
        return ("%.6f" % v).rstrip("0").rstrip(".")
    return str(v)


def change(v):
    return "+%d" % v if v > 0 else str(v)


def c(text, rs=1, cs=1):
    return (text, rs, cs)


def table2(r):
    a = r["active"]
    if r["template"] == "2021":
        return [
            [c("第二十条第（一）项", 1, 4)],
            [c("信息内容"), c("本年制发件数"), c("本年废止件数"), c("现行有效件数")],
            [c("规章")] + [c(num(a["regulations"][k])) for k in ("issued", "repealed", "in_force")],
            [c("行政规范性文件")] + [c(num(a["normative_documents"][k])) for k in ("issued", "repealed", "in_force")],
            [c("第二十条第（五）项", 1, 4)],
            [c("信息内容"), c("本年处理决定数量", 1, 3)],
            [c("行政许可"), c(num(a["licensing"]["decisions"]), 1, 3)],
            [c("第二十条第（六）项", 1, 4)],
            [c("信息内容"), c("本年处理决定数量", 1, 3)],
            [c("行政处罚"), c(num(a["penalty"]["decisions"]), 1, 3)],
            [c("行政强制"), c(num(a["coercion"]["decisions"]), 1, 3)],
            [c("第二十条第（八）项", 1, 4)],
            [c("信息内容"), c("本年收费金额（单位：万元）", 1, 3)],
            [c("行政事业性收费"), c(num(a["fees"]["amount"]), 1, 3)],
        ]
    row3 = lambda label, k: [c(label), c(num(a[k]["prior_year_items"])), c(change(a[k]["change"])), c(num(a[k]["decisions"]))]
    return [
        [c("第二十条第（一）项", 1, 4)],
        [c("信息内容"), c("本年新制作数量"), c("本年新公开数量"), c("对外公开总数量")],
        [c("规章")] + [c(num(a["regulations"][k])) for k in ("made", "published", "total_published")],
        [c("规范性文件")] + [c(num(a["normative_documents"][k])) for k in ("made", "published", "total_published")],
        [c("第二十条第（五）项", 1, 4)],
        [c("信息内容"), c("上一年项目数量"), c("本年增/减"), c("处理决定数量")],
        row3("行政许可", "licensing"),
        row3("其他对外管理服务事项", "other_services"),
        [c("第二十条第（六）项", 1, 4)],
        [c("信息内容"), c("上一年项目数量"), c("本年增/减"), c("处理决定数量")],
        row3("行政处罚", "penalty"),
        row3("行政强制", "coercion"),
        [c("第二十条第（八）项", 1, 4)],
        [c("信息内容"), c("上一年项目数量"), c("本年增/减", 1, 2)],
        [c("行政事业性收费"), c(num(a["fees"]["prior_year_items"])), c(change(a["fees"]["change"]), 1, 2)],
        [c("第二十条第（九）项", 1, 4)],
        [c("信息内容"), c("采购项目数量"), c("采购总金额", 1, 2)],
        [c("政府集中采购"), c(num(a["procurement"]["items"])), c(num(a["procurement"]["amount"]), 1, 2)],
    ]


DENIED = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
          "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]
DENIED_KEYS = ["denied_state_secret", "denied_prohibited_by_law", "denied_security_stability", "denied_third_party",
               "denied_internal_affairs", "denied_process_info", "denied_enforcement_files", "denied_query"]
UNABLE = ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]
UNABLE_KEYS = ["unable_not_held", "unable_needs_creation", "unable_unclear"]
REJECTED = ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息"]
REJECTED_KEYS = ["rejected_petition", "rejected_duplicate", "rejected_publication", "rejected_excessive",
                 "rejected_confirmation"]
OTHER = ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]
OTHER_KEYS = ["other_no_correction", "other_unpaid_fee", "other_other"]


def table3_parts(r):
    """Header rows, then the result rows, as (label cells, key) so a split can cut anywhere."""
    ap = r["apps"]
    vals = lambda k: [c(num(v)) for v in ap[k]]
    head = [
        [c("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), c("申请人情况", 1, 7)],
        [c("自然人", 2, 1), c("法人或其他组织", 1, 5), c("总计", 2, 1)],
        [c("商业企业"), c("科研机构"), c("社会公益组织"), c("法律服务机构"), c("其他")],
        [c("一、本年新收政府信息公开申请数量", 1, 3)] + vals("new_received"),
        [c("二、上年结转政府信息公开申请数量", 1, 3)] + vals("carried_over"),
    ]
    # (group label cells at the row's start, key)
    body = [([c("（一）予以公开", 1, 2)], "granted"),
            ([c("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2)], "partially_granted")]
    for i, (label, k) in enumerate(zip(DENIED, DENIED_KEYS)):
        body.append((([c("（三）不予公开", 8, 1)] if i == 0 else []) + [c(label)], k))
    for i, (label, k) in enumerate(zip(UNABLE, UNABLE_KEYS)):
        body.append((([c("（四）无法提供", 3, 1)] if i == 0 else []) + [c(label)], k))
    for i, (label, k) in enumerate(zip(REJECTED, REJECTED_KEYS)):
        body.append((([c("（五）不予处理", 5, 1)] if i == 0 else []) + [c(label)], k))
    if r["template"] == "2021":
        for i, (label, k) in enumerate(zip(OTHER, OTHER_KEYS)):
            body.append((([c("（六）其他处理", 3, 1)] if i == 0 else []) + [c(label)], k))
    else:
        body.append(([c("（六）其他处理", 1, 2)], "other"))
    body.append(([c("（七）总计", 1, 2)], "results_total"))
    tail = [[c("四、结转下年度继续办理", 1, 3)] + vals("carried_forward")]
    return head, body, tail, vals


def table3(r, split_after=None):
    """Table 三; with split_after=N the result rows after the N-th go to a second <table>
    without a repeated header, its group label 三、本年度办理结果 printed again (N must fall
    between two groups)."""
    head, body, tail, vals = table3_parts(r)
    parts = [body] if split_after is None else [body[:split_after], body[split_after:]]
    tables = []
    for n, part in enumerate(parts):
        rows = copy.deepcopy(head) if n == 0 else []
        for i, (labels, k) in enumerate(part):
            group = [c("三、本年度办理结果", len(part), 1)] if i == 0 else []
            rows.append(group + labels + vals(k))
        tables.append(rows)
    tables[-1].extend(tail)
    return tables


def table4(r):
    rv = r["review"]
    subs = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [c("行政复议", 1, 5), c("行政诉讼", 1, 10)],
        [c(s, 2, 1) for s in subs] + [c("未经复议直接起诉", 1, 5), c("复议后起诉", 1, 5)],
        [c(s) for s in subs] * 2,
        [c(num(v)) for k in ("review", "litigation_direct", "litigation_after_review") for v in rv[k]],
    ]


def place(rows):
    """The grid places of a layout: (row, col, text, rowspan, colspan) per cell."""
    taken = set()
    out = []
    for i, row in enumerate(rows):
        j = 0
        for text, rs, cs in row:
            while (i, j) in taken:
                j += 1
            out.append((i, j, text, rs, cs))
            for a in range(i, i + rs):
                for b in range(j, j + cs):
                    taken.add((a, b))
            j += cs
    return out


# ---------------------------------------------------------------- the report's text

def texts(r):
    y = r["year"]
    title = f"{r['agency']}{y}年政府信息公开工作年度报告"
    pre = (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。全文包括总体情况、主动公开政府信息情况、"
           f"收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
           f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。")
    overall = (f"{y}年，{r['agency']}坚持以人民为中心，深化政务公开，全年共收到政府信息公开申请"
               f"{r['apps']['new_received'][6]}件，均依法按时答复。")
    return title, pre, overall


HEAD2 = "二、主动公开政府信息情况"
HEAD3 = "三、收到和处理政府信息公开申请情况"
HEAD4 = "四、政府信息公开行政复议、行政诉讼情况"
TAIL = [("五、存在的主要问题及改进情况", "政策解读形式还不够丰富，下一步将加强解读工作。"),
        ("六、其他需要报告的事项", "本年度未收取信息处理费。")]

# ---------------------------------------------------------------- HTML

def html_table(rows, attrs='border="1" cellspacing="0" cellpadding="0"'):
    out = [f"<table {attrs}><tbody>"]
    for row in rows:
        out.append("<tr>")
        for text, rs, cs in row:
            span = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            # Real pages wrap cell text in <p><span>, often with &nbsp; padding.
            out.append(f'<td{span}><p style="text-align:center"><span>{html.escape(text)}</span></p></td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def html_body(r, t3=None):
    title, pre, overall = texts(r)
    t3 = t3 if t3 is not None else html_table(table3(r)[0])
    return "\n".join([
        f"<p style=\"text-align:center\"><strong>{title}</strong></p>",
        f"<p style=\"text-indent:2em\">{pre}</p>",
        "<p><strong>一、总体情况</strong></p>",
        f"<p style=\"text-indent:2em\">{overall}</p>",
        f"<p><strong>{HEAD2}</strong></p>", html_table(table2(r)),
        f"<p><strong>{HEAD3}</strong></p>", t3,
        f"<p><strong>{HEAD4}</strong></p>", html_table(table4(r)),
    ] + [f"<p><strong>{h}</strong></p>\n<p style=\"text-indent:2em\">{t}</p>" for h, t in TAIL])


def page(r, body, charset="utf-8"):
    title, _, _ = texts(r)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title}_政府信息公开年报_{r['agency']}门户网站</title>
<meta name="ArticleTitle" content="{title}">
<script>var _hmt = _hmt || []; document.write('<div>统计脚本 999</div>');</script>
<style>.nav li {{ float: left; }}</style></head>
<body>
<div class="header"><div class="logo">{r['agency']}门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="main">
<table class="xxgk_meta"><tr><td>索引号：</td><td>11330000002482095X/{r['year'] + 1}-00012</td><td>发布机构：</td><td>{r['agency']}</td></tr>
<tr><td>生成日期：</td><td>{r['year'] + 1}-01-20</td><td>文号：</td><td></td></tr></table>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info">发布时间：{r['year'] + 1}-01-20 阅读次数：1234</div>
<div class="content">
{body}
<div style="display:none"><table><tr><td>予以公开</td><td>99999</td></tr></table></div>
</div>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a.htm">{r['year'] - 1}年政府信息公开工作年度报告</a></li><li><a href="/b.htm">政府信息公开指南</a></li></ul></div>
</div>
<div class="footer"><p>主办：{r['agency']}办公室　地址：青山路1号　电话：0571-12345678</p><p>网站标识码：3300000001　备案号：浙ICP备12345678号</p></div>
<script>window.onload = function() {{ console.log("版权所有 2022"); }};</script>
</body></html>
"""


def word_export(r):
    """A page as Word's "Save as Web Page" writes it: mso styles, <o:p>, conditional comments,
    declared gb2312 and saved in GBK."""
    title, pre, overall = texts(r)

    def para(text, bold=False, center=False):
        t = html.escape(text)
        if bold:
            t = f"<b>{t}</b>"
        al = " align=center style='text-align:center'" if center else " style='text-indent:32.0pt;mso-char-indent-count:2.0'"
        return (f"<p class=MsoNormal{al}><span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:"
                f"\"Times New Roman\"'>{t}<span lang=EN-US><o:p></o:p></span></span></p>")

    def table(rows):
        out = ["<div align=center>", "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
               "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
               "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"]
        for i, row in enumerate(rows):
            out.append(f" <tr style='mso-yfti-irow:{i}{';mso-yfti-firstrow:yes' if i == 0 else ''}'>")
            for text, rs, cs in row:
                span = (f" rowspan={rs}" if rs > 1 else "") + (f" colspan={cs}" if cs > 1 else "")
                if text.isdigit() or text.lstrip("+-").replace(".", "").isdigit():
                    inner = (f"<span lang=EN-US style='font-size:12.0pt;font-family:\"Times New Roman\"'>{text}"
                             f"<span style='mso-spacerun:yes'>&nbsp;</span><o:p></o:p></span>")
                else:
                    inner = f"<span style='font-size:12.0pt;font-family:黑体'>{html.escape(text)}<span lang=EN-US><o:p></o:p></span></span>"
                out.append(f"  <td{span} valign=center style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;"
                           f"padding:0cm 5.4pt 0cm 5.4pt'>\n  <p class=MsoNormal align=center style='text-align:center'>{inner}</p>\n  </td>")
            out.append(" </tr>")
        out.append(" <![if !supportMisc]>\n <tr height=0>" + "<td width=40 style='border:none'></td>" * 3 + "</tr>\n <![endif]>")
        out.append("</table>\n</div>")
        return "\n".join(out)

    body = [para(title, bold=True, center=True), para(pre), para("一、总体情况", bold=True), para(overall),
            para(HEAD2, bold=True), table(table2(r)), para(HEAD3, bold=True), table(table3(r)[0]),
            para(HEAD4, bold=True), table(table4(r))]
    for h, t in TAIL:
        body += [para(h, bold=True), para(t)]
    return f"""<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>办公室</o:Author>
  <o:Pages>5</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Print</w:View>
  <w:SpellingState>Clean</w:SpellingState>
  <w:DocumentKind>DocumentNotSpecified</w:DocumentKind>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face {{font-family:仿宋_GB2312; panose-1:2 1 6 9 3 1 1 1 1 1; mso-font-charset:134;}}
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no; mso-style-qformat:yes; margin:0cm; text-align:justify; text-justify:inter-ideograph;
	font-size:10.5pt; font-family:等线;}}
@page WordSection1 {{size:595.3pt 841.9pt; margin:72.0pt 90.0pt 72.0pt 90.0pt;}}
div.WordSection1 {{page:WordSection1;}}
-->
</style>
<!--[if gte mso 10]>
<style>
 table.MsoNormalTable {{mso-style-name:普通表格; mso-tstyle-rowband-size:0;}}
</style>
<![endif]-->
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>

{chr(10).join(body)}

<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>

</div>

</body>

</html>
"""


def image_page(r):
    t3 = '<p style="text-align:center"><img src="/u/cms/www/202201/table3.png" width="640" alt=""></p>'
    return page(r, html_body(r, t3=t3))


def split_page(r):
    first, second = table3(r, split_after=10)
    t3 = html_table(first) + "\n<p>&nbsp;</p>\n" + html_table(second)
    return page(r, html_body(r, t3=t3))


# ---------------------------------------------------------------- DOCX

def docx_table(d, rows):
    placed = place(rows)
    nrows = len(rows)
    ncols = max(j + cs for _, j, _, _, cs in placed)
    t = d.add_table(rows=nrows, cols=ncols)
    t.style = "Table Grid"
    for i, j, text, rs, cs in placed:
        cell = t.cell(i, j)
        if rs > 1 or cs > 1:
            cell = cell.merge(t.cell(i + rs - 1, j + cs - 1))
        cell.text = text
    return t


def make_docx(r, path):
    title, pre, overall = texts(r)
    d = docx.Document()
    d.core_properties.title = title
    p = d.add_paragraph()
    run = p.add_run(title)
    run.bold = True
    run.font.size = Pt(18)
    d.add_paragraph(pre)
    d.add_paragraph("一、总体情况")
    # A paragraph whose runs split a word and a number, as Word's editing leaves them.
    p = d.add_paragraph()
    for piece in (overall[:10], overall[10:25], overall[25:]):
        p.add_run(piece)
    d.add_paragraph(HEAD2)
    docx_table(d, table2(r))
    d.add_paragraph(HEAD3)
    docx_table(d, table3(r)[0])
    d.add_paragraph(HEAD4)
    docx_table(d, table4(r))
    for h, t in TAIL:
        d.add_paragraph(h)
        d.add_paragraph(t)
    d.save(path)


def make_zip_bomb(path):
    """A DOCX whose document.xml inflates to 80 MiB of one paragraph's text (a few hundred KB
    on disk): the adapter must stop at the budget, not read it all."""
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
    tail = "</w:t></w:r></w:p></w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head.encode())
            block = b"0" * (1 << 20)
            for _ in range(80):
                f.write(block)
            f.write(tail.encode())


# ---------------------------------------------------------------- XLSX, XLS, ODS

def cell_value(text):
    t = text.lstrip("+")
    try:
        return int(t)
    except ValueError:
        pass
    try:
        return float(t)
    except ValueError:
        return text


def xlsx_sheet(ws, rows, top, formulas=False):
    """Writes a layout at row `top` (1-based); returns the next free row. With `formulas`, the
    总计 column of table 三 is a SUM formula (its cached value written by LibreOffice)."""
    placed = place(rows)
    for i, j, text, rs, cs in placed:
        v = cell_value(text)
        if formulas and isinstance(v, int) and j == 9 and i >= 3:
            v = f"=SUM(D{top + i}:I{top + i})"
        ws.cell(row=top + i, column=j + 1, value=v)
        if rs > 1 or cs > 1:
            ws.merge_cells(start_row=top + i, start_column=j + 1, end_row=top + i + rs - 1, end_column=j + cs)
    return top + len(rows) + 1


def make_xlsx(r, path):
    title, pre, _ = texts(r)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "二、主动公开"
    ws.cell(row=1, column=1, value=title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    ws.cell(row=2, column=1, value=pre)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=4)
    ws.cell(row=3, column=1, value=HEAD2)
    xlsx_sheet(ws, table2(r), 4)
    ws3 = wb.create_sheet("三、依申请公开")
    ws3.cell(row=1, column=1, value=HEAD3)
    xlsx_sheet(ws3, table3(r)[0], 2, formulas=True)
    ws4 = wb.create_sheet("四、复议诉讼")
    ws4.cell(row=1, column=1, value=HEAD4)
    xlsx_sheet(ws4, table4(r), 2)
    wb.save(path)


def soffice_convert(src, fmt, outdir):
    subprocess.run(["soffice", "--headless", "--calc", "--convert-to", fmt, "--outdir", outdir, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# ---------------------------------------------------------------- truth

def truth(r, path, fmt, sections=("active_disclosure", "applications", "review_litigation"), issues=None):
    t = {"schema_version": 1, "source": {"path": os.path.basename(path), "format": fmt},
         "report": {"agency": r["agency"], "year": r["year"], "template": r["template"]}}
    if "active_disclosure" in sections:
        t["active_disclosure"] = r["active"]
    if "applications" in sections:
        t["applications"] = {k: dict(zip(COLS, v)) for k, v in r["apps"].items()}
    if "review_litigation" in sections:
        t["review_litigation"] = {k: dict(zip(["upheld", "corrected", "other", "pending", "total"], v))
                                  for k, v in r["review"].items()}
    if issues:
        t["issues"] = issues
    with open(path + ".truth.json", "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=1)
        f.write("\n")


def write(path, data, fmt, r, **kw):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
        f.write(data)
    truth(r, path, fmt, **kw)


def main():
    for d in OUT.values():
        os.makedirs(d, exist_ok=True)
    for r in (R2021, R2019):
        n = r["name"]
        write(os.path.join(OUT["html"], f"{n}.page.html"), page(r, html_body(r)), "html", r)
        p = os.path.join(OUT["docx"], f"{n}.docx")
        make_docx(r, p)
        truth(r, p, "docx")
        tmp = tempfile.mkdtemp()
        raw = os.path.join(tmp, f"{n}.xlsx")
        make_xlsx(r, raw)
        # LibreOffice recalculates the formulas and stores their cached values, as Excel does.
        soffice_convert(raw, "xlsx", OUT["xlsx"])
        truth(r, os.path.join(OUT["xlsx"], f"{n}.xlsx"), "xlsx")
        for fmt in ("xls", "ods"):
            soffice_convert(os.path.join(OUT["xlsx"], f"{n}.xlsx"), fmt, OUT["xlsx"])
            truth(r, os.path.join(OUT["xlsx"], f"{n}.{fmt}"), fmt)
        shutil.rmtree(tmp)

    r = R2021
    gbk = page(r, html_body(r), charset="gb2312").encode("gb18030")
    write(os.path.join(OUT["html"], "qingshan-county-2021.gbk-page.html"), gbk, "html", r)
    write(os.path.join(OUT["html"], "baishui-eco-2019.word-export.htm"), word_export(R2019).encode("gb18030"), "html", R2019)
    write(os.path.join(OUT["html"], "qingshan-county-2021.table3-image.html"), image_page(r), "html", r,
          sections=("active_disclosure", "review_litigation"),
          issues=[{"level": "warning", "code": "table_image_only", "message": "table 三 is printed as an image",
                   "where": "table 三"}])
    write(os.path.join(OUT["html"], "qingshan-county-2021.table3-split.html"), split_page(r), "html", r)
    make_zip_bomb(os.path.join(OUT["docx"], "zip-bomb_should_be_too_large.docx"))


if __name__ == "__main__":
    main()
