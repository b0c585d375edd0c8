#!/usr/bin/env python3
"""Writes samples/prose/: complete reports (template 2021) whose prose restates the tables'
figures, agreeing or not, and prose figures that must not be taken for table figures (a
sub-agency's count, last year's, a month's, a percentage, the 信息处理费 beside the fee table).

Each document NAME has NAME.truth.json (the tables as printed) and NAME.notes.md, whose JSON
block lists the `text.*` checks the document calls for: one per figure the prose restates,
with the table's value (expected) and the prose's (found). Three years of one agency (text,
HTML, text) make a series for the review page. Run from the crate root:
    python3 scripts/make_prose_samples.py
"""
import html
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from make_text_samples import report  # noqa: E402

OUT = "samples/prose"
PLACEHOLDER = "{year}年，我单位认真贯彻落实政务公开工作要求。"


def totals(truth):
    a = truth["applications"]
    t = {k: v["total"] for k, v in a.items()}
    group = lambda p: sum(v for k, v in t.items() if k.startswith(p))
    rl = truth["review_litigation"]
    ad = truth["active_disclosure"]
    return dict(
        new=t["new_received"], co=t["carried_over"], g=t["granted"], pg=t["partially_granted"],
        d=group("denied_"), u=group("unable_"), r=group("rejected_"), o=group("other_"),
        rt=t["results_total"], cf=t["carried_forward"],
        rv=rl["review"]["total"],
        lt=rl["litigation_direct"]["total"] + rl["litigation_after_review"]["total"],
        ni=ad["normative_documents"]["issued"], nf=ad["normative_documents"]["in_force"],
        pen=ad["penalty"]["decisions"], lic=ad["licensing"]["decisions"],
    )


def check(rule, expected, found):
    return {"rule": "text." + rule, "ok": expected == found, "expected": expected, "found": found}


def agreeing(year, v):
    """Prose that restates every key figure as the tables print it, among figures about
    something else: a sub-agency, last year, a half-year, a share, a change."""
    prose = (
        f"{year}年，我局共收到政府信息公开申请{v['new']}件，上年结转政府信息公开申请{v['co']}件。"
        f"其中，县交通运输执法大队收到申请3件。"
        f"全年办结{v['rt']}件，其中予以公开{v['g']}件，部分公开{v['pg']}件，不予公开{v['d']}件，"
        f"无法提供{v['u']}件，不予处理{v['r']}件，其他处理{v['o']}件，结转下年度继续办理{v['cf']}件。"
        f"予以公开的申请占办结总数的{round(100 * v['g'] / max(v['rt'], 1))}%。"
        f"与上年相比，收到申请数量增加4件。"
        f"1-6月，收到政府信息公开申请11件。"
        f"{year - 1}年，我局收到政府信息公开申请17件。"
        f"本年度，因政府信息公开被申请行政复议{v['rv']}件，被提起行政诉讼{v['lt']}件。"
        f"\n\n本年制发行政规范性文件{v['ni']}件，现行有效行政规范性文件{v['nf']}件，"
        f"作出行政处罚决定{v['pen']}件，办理行政许可事项{v['lic']}项。"
    )
    checks = [
        check("new_received", v["new"], v["new"]),
        check("carried_over", v["co"], v["co"]),
        check("results_total", v["rt"], v["rt"]),
        check("granted", v["g"], v["g"]),
        check("partially_granted", v["pg"], v["pg"]),
        check("denied", v["d"], v["d"]),
        check("unable", v["u"], v["u"]),
        check("rejected", v["r"], v["r"]),
        check("other_handling", v["o"], v["o"]),
        check("carried_forward", v["cf"], v["cf"]),
        check("review_total", v["rv"], v["rv"]),
        check("litigation_total", v["lt"], v["lt"]),
        check("normative_issued", v["ni"], v["ni"]),
        check("normative_in_force", v["nf"], v["nf"]),
        check("penalty", v["pen"], v["pen"]),
    ]
    return prose, checks


def disagreeing(year, v):
    """Prose whose applications, granted, review and in-force figures differ from the tables."""
    prose = (
        f"{year}年，我局新收政府信息公开申请{v['new'] + 2}件，其中予以公开{v['g'] - 1}件，"
        f"不予公开{v['d']}件，结转下年度继续办理{v['cf']}件。"
        f"全年发生政府信息公开行政复议{v['rv'] + 1}件、行政诉讼{v['lt']}件。"
        f"\n\n截至{year}年底，现行有效行政规范性文件{v['nf'] - 5}件。"
    )
    checks = [
        check("new_received", v["new"], v["new"] + 2),
        check("granted", v["g"], v["g"] - 1),
        check("denied", v["d"], v["d"]),
        check("carried_forward", v["cf"], v["cf"]),
        check("review_total", v["rv"], v["rv"] + 1),
        check("litigation_total", v["lt"], v["lt"]),
        check("normative_in_force", v["nf"], v["nf"] - 5),
    ]
    return prose, checks


def distractors(year, v):
    """Only figures that are not this year's table cells: none may be checked."""
    prose = (
        f"{year}年，全市各部门共收到政府信息公开申请{v['new'] + 40}件。"
        f"市水文中心收到政府信息公开申请{v['new'] - 1}件，予以公开{v['g'] - 1}件。"
        f"{year - 1}年予以公开12件，不予公开3件。"
        f"收到申请同比增长20%，答复率100%。"
        f"上半年，行政复议1件。"
        f"全年收取政府信息公开信息处理费0元。"
        f"收到人大代表建议15件、政协提案9件。"
        f"办结申请约{v['rt']}余件。"
    )
    return prose, []


def to_html(text, title):
    """The text report as a CMS page: headings and paragraphs, each tab row a table row."""
    out = [f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head><body>"]
    table = []

    def flush():
        if table:
            out.append("<table border=\"1\">")
            for r in table:
                out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>")
            out.append("</table>")
            table.clear()

    for line in text.split("\n"):
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        flush()
        if line.startswith("# "):
            out.append(f"<h1>{html.escape(line[2:])}</h1>")
        elif line.startswith("## "):
            out.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line.strip():
            out.append(f"<p>{html.escape(line)}</p>")
    flush()
    out.append("</body></html>")
    return "\n".join(out)


def write(name, text, truth, checks, about):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    t = json.loads(json.dumps(truth))
    t["source"]["path"] = name
    t["source"]["format"] = "html" if name.endswith(".html") else "text"
    with open(path + ".truth.json", "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=1)
    with open(path + ".notes.md", "w", encoding="utf-8") as f:
        f.write(f"# {name}\n\n{about}\n\nThe tables are those of `make_text_samples.report`; "
                "every table check holds. The prose is in part 一.\n\n"
                "## Expected text checks\n\n```json\n"
                + json.dumps(checks, ensure_ascii=False, indent=1) + "\n```\n")


def make(name, agency, year, seed, prose_of, about, as_html=False):
    text, truth = report("2021", agency, agency, year, seed)
    prose, checks = prose_of(year, totals(truth))
    placeholder = PLACEHOLDER.format(year=year)
    assert placeholder in text
    text = text.replace(placeholder, prose)
    text = text.replace("\n\n无。\n", "\n\n全年收取政府信息公开信息处理费0元。\n")
    if as_html:
        text = to_html(text, f"{agency}{year}年政府信息公开工作年度报告")
    write(name, text, truth, checks, about)


def main():
    os.makedirs(OUT, exist_ok=True)
    a = "示范县交通运输局"
    make("agree-2022.txt", a, 2022, 2, agreeing,
         "Prose agrees with every table figure it restates; it also states a sub-agency's count "
         "(执法大队 3件), last year's (17件), a half-year's (1-6月 11件), a share (%), a change "
         "(增加4件), 行政许可事项 in 项 (items, not decisions) and the 信息处理费 (not the "
         "行政事业性收费 of table 二): none of these is a table figure.")
    make("agree-2023.html", a, 2023, 3, agreeing,
         "The same kind of agreeing prose, as an HTML page (paragraphs and tables).", as_html=True)
    make("disagree-2024.txt", a, 2024, 4, disagreeing,
         "Prose that disagrees with the tables: new applications (+2), granted (-1), "
         "administrative reviews (+1) and normative documents in force (-5); denied, carried "
         "forward and litigation agree.")
    make("distractors-2023.txt", "示范市水利局", 2023, 5, distractors,
         "Every figure of the prose is about something else: all departments of the city (各部门), "
         "a sub-agency (水文中心), last year, a change (同比), a rate, a half-year, the "
         "信息处理费, 人大建议, an approximation (约…余件). No text check may be made.")


if __name__ == "__main__":
    main()
