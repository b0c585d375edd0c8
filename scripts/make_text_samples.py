#!/usr/bin/env python3
"""Writes samples/text/: complete text reports (template 2021 and 2019) with their truth,
in UTF-8, UTF-8 with BOM, UTF-16 and GBK, plus a document that is not a report.

The numbers are made up but consistent (every check holds), so that a test can change one
printed number and see exactly the checks that involve it fail. Run from the crate root:
    python3 scripts/make_text_samples.py
"""
import json
import os

OUT = "samples/text"
COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]

LABELS_HEAD = [
    ("granted", "三、本年度办理结果", "（一）予以公开", ""),
    ("partially_granted", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("denied_state_secret", "", "（三）不予公开", "1.属于国家秘密"),
    ("denied_prohibited_by_law", "", "", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "", "", "3.危及“三安全一稳定”"),
    ("denied_third_party", "", "", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "", "", "5.属于三类内部事务信息"),
    ("denied_process_info", "", "", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "", "", "7.属于行政执法案卷"),
    ("denied_query", "", "", "8.属于行政查询事项"),
    ("unable_not_held", "", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable_needs_creation", "", "", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "", "", "3.补正后申请内容仍不明确"),
    ("rejected_petition", "", "（五）不予处理", "1.信访举报投诉类申请"),
    ("rejected_duplicate", "", "", "2.重复申请"),
    ("rejected_publication", "", "", "3.要求提供公开出版物"),
    ("rejected_excessive", "", "", "4.无正当理由大量反复申请"),
    ("rejected_confirmation", "", "", "5.要求行政机关确认或重新出具已获取信息"),
]
LABELS_2021_SIXTH = [
    ("other_no_correction", "", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", "", "", "3.其他"),
]
LABELS_2019_SIXTH = [("other", "", "（六）其他处理", "")]


def results(seed, rows):
    """Per-row applicant counts, varied and deterministic."""
    out = {}
    for i, key in enumerate(rows):
        vals = [((seed * 7 + i * 5 + j * 3) % 11) if (i + j) % 3 == 0 else 0 for j in range(6)]
        out[key] = vals
    return out


def table3(template, seed):
    sixth = LABELS_2021_SIXTH if template == "2021" else LABELS_2019_SIXTH
    labels = LABELS_HEAD + sixth
    res = results(seed, [k for k, *_ in labels])
    total = [sum(res[k][j] for k in res) for j in range(6)]
    carried_over = [(seed + j) % 3 for j in range(6)]
    carried_forward = [min(carried_over[j] + total[j], (seed * j) % 4) for j in range(6)]
    new = [total[j] + carried_forward[j] - carried_over[j] for j in range(6)]
    rows = {"new_received": new, "carried_over": carried_over}
    rows.update(res)
    rows["results_total"] = total
    rows["carried_forward"] = carried_forward
    return labels, {k: v + [sum(v)] for k, v in rows.items()}


def report(template, agency, short, year, seed):
    labels, t3 = table3(template, seed)
    lines = [
        f"# {short}{year}年政府信息公开工作年度报告",
        "",
        f"本报告由{agency}依据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        "",
        "## 一、总体情况",
        "",
        f"{year}年，我单位认真贯彻落实政务公开工作要求。",
        "",
        "## 二、主动公开政府信息情况",
        "",
    ]
    active = {}
    if template == "2021":
        lines += ["第二十条第（一）项\t\t\t", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"]
        active["regulations"] = {"issued": 1, "repealed": 0, "in_force": 12}
        active["normative_documents"] = {"issued": 5 + seed, "repealed": 2, "in_force": 41 + seed}
        for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
            a = active[key]
            lines.append(f"{label}\t{a['issued']}\t{a['repealed']}\t{a['in_force']}")
        lines += ["第二十条第（五）项\t\t\t", "信息内容\t本年处理决定数量\t\t"]
        active["licensing"] = {"decisions": 1200 + seed}
        lines.append(f"行政许可\t{active['licensing']['decisions']:,}\t\t")
        lines += ["第二十条第（六）项\t\t\t", "信息内容\t本年处理决定数量\t\t"]
        active["penalty"] = {"decisions": 37 + seed}
        active["coercion"] = {"decisions": 3}
        lines.append(f"行政处罚\t{active['penalty']['decisions']}\t\t")
        lines.append("行政强制\t3\t\t")
        lines += ["第二十条第（八）项\t\t\t", "信息内容\t本年收费金额（单位：万元）\t\t"]
        active["fees"] = {"amount": 12.58}
        lines.append("行政事业性收费\t12.58\t\t")
    else:
        lines += ["第二十条第（一）项\t\t\t", "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"]
        active["regulations"] = {"made": 2, "published": 2, "total_published": 30}
        active["normative_documents"] = {"made": 9, "published": 9, "total_published": 88}
        lines.append("规章\t2\t2\t30")
        lines.append("规范性文件\t9\t9\t88")
        lines += ["第二十条第（五）项\t\t\t", "信息内容\t上一年项目数量\t本年增/减\t处理决定数量"]
        active["licensing"] = {"prior_year_items": 150, "change": -3, "decisions": 2210}
        active["other_services"] = {"prior_year_items": 20, "change": 4, "decisions": 95}
        lines.append("行政许可\t150\t-3\t2210")
        lines.append("其他对外管理服务事项\t20\t+4\t95")
        lines += ["第二十条第（六）项\t\t\t", "信息内容\t上一年项目数量\t本年增/减\t处理决定数量"]
        active["penalty"] = {"prior_year_items": 60, "change": 0, "decisions": 301}
        active["coercion"] = {"prior_year_items": 8, "change": None, "decisions": 12}
        lines.append("行政处罚\t60\t0\t301")
        lines.append("行政强制\t8\t—\t12")
        lines += ["第二十条第（八）项\t\t\t", "信息内容\t上一年项目数量\t本年增/减\t"]
        active["fees"] = {"prior_year_items": 5, "change": -1}
        lines.append("行政事业性收费\t5\t减少1\t")
        lines += ["第二十条第（九）项\t\t\t", "信息内容\t采购项目数量\t采购总金额\t"]
        active["procurement"] = {"items": 14, "amount": 25.1}
        lines.append("政府集中采购\t14\t251000元\t")
    lines += [
        "",
        "## 三、收到和处理政府信息公开申请情况",
        "",
        "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t\t申请人情况\t\t\t\t\t\t",
        "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
        "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
    ]
    def row(label_cells, key):
        return "\t".join(label_cells + [str(v) for v in t3[key]])
    lines.append(row(["一、本年新收政府信息公开申请数量", "", ""], "new_received"))
    lines.append(row(["二、上年结转政府信息公开申请数量", "", ""], "carried_over"))
    for key, a, b, c in labels:
        lines.append(row([a, b, c], key))
    lines.append(row(["", "（七）总计", ""], "results_total"))
    lines.append(row(["四、结转下年度继续办理", "", ""], "carried_forward"))
    review = {
        "review": [3 + seed % 2, 1, 0, 1],
        "litigation_direct": [2, 0, 1, 0],
        "litigation_after_review": [0, 0, 0, 1],
    }
    review = {g: v + [sum(v)] for g, v in review.items()}
    lines += [
        "",
        "## 四、政府信息公开行政复议、行政诉讼情况",
        "",
        "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
        "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
        "\t".join(str(v) for g in review.values() for v in g),
        "",
        "## 五、存在的主要问题及改进情况",
        "",
        "一是公开内容还不够全面；二是解读形式还比较单一。",
        "",
        "## 六、其他需要报告的事项",
        "",
        "无。",
        "",
    ]
    cols7 = COLS + ["total"]
    truth = {
        "schema_version": 1,
        "source": {"path": "", "format": "text"},
        "report": {"agency": agency, "year": year, "template": template},
        "active_disclosure": active,
        "applications": {k: dict(zip(cols7, v)) for k, v in t3.items()},
        "review_litigation": {g: dict(zip(["upheld", "corrected", "other", "pending", "total"], v)) for g, v in review.items()},
    }
    return "\n".join(lines), truth


def write(name, text, truth, encoding="utf-8", bom=b""):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(bom + text.encode(encoding))
    t = json.loads(json.dumps(truth))
    t["source"]["path"] = name
    with open(path + ".truth.json", "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=1)


def main():
    os.makedirs(OUT, exist_ok=True)
    text, truth = report("2021", "示范市生态环境局", "示范市生态环境局", 2022, 3)
    write("complete-2021.txt", text, truth)
    write("complete-2021-gbk.txt", text, truth, encoding="gb18030")
    write("complete-2021-utf16.txt", text, truth, encoding="utf-16-le", bom=b"\xff\xfe")
    write("complete-2021-bom.txt", text, truth, bom=b"\xef\xbb\xbf")
    text, truth = report("2019", "示范县人民政府办公室", "示范县人民政府办公室", 2020, 5)
    write("complete-2019.txt", text, truth)
    with open(os.path.join(OUT, "not-a-report.txt"), "w", encoding="utf-8") as f:
        f.write("关于做好2024年春节期间安全生产工作的通知\n\n各单位：\n为切实做好春节期间安全生产工作，现将有关事项通知如下。\n一、高度重视\n二、加强检查 3 次\n")


if __name__ == "__main__":
    main()
