//! Printed row labels to SCHEMA keys, by meaning: each key is known by the words that only its
//! label prints, so numbering ("1." "1、" "（1）"), punctuation, quote styles, line breaks,
//! a missing note and small slips ("其他法律行政止公开") do not matter.

use crate::text::fold_label;

/// Table 三 rows: key and the words (any one suffices) that identify its printed label.
/// Order matters only where one label's words contain another's. Where a label has more than
/// one phrase no other label prints, each is listed, so that one character misread (by OCR,
/// or a slip) in one of them does not lose the row.
const APPLICATION_ROWS: &[(&str, &[&str])] = &[
    ("new_received", &["本年新收", "新收政府信息公开申请"]),
    ("carried_over", &["上年结转"]),
    ("carried_forward", &["结转下年度", "转下年度"]),
    (
        "partially_granted",
        &["部分公开", "区分处理", "只计这一情形"],
    ),
    ("granted", &["予以公开"]),
    ("denied_state_secret", &["国家秘密", "秘密"]),
    (
        "denied_prohibited_by_law",
        &["行政法规禁止", "其他法律", "法规禁止公开"],
    ),
    ("denied_security_stability", &["三安全一稳定", "危及"]),
    ("denied_third_party", &["第三方"]),
    ("denied_internal_affairs", &["内部事务", "三类"]),
    ("denied_process_info", &["过程性", "四类"]),
    ("denied_enforcement_files", &["执法案卷", "案卷", "执法"]),
    ("denied_query", &["行政查询", "查询事项"]),
    ("unable_not_held", &["不掌握"]),
    ("unable_needs_creation", &["另行制作", "没有现成"]),
    ("unable_unclear", &["仍不明确", "补正后"]),
    ("rejected_petition", &["信访", "举报投诉"]),
    ("rejected_duplicate", &["重复申请"]),
    ("rejected_publication", &["出版物"]),
    ("rejected_excessive", &["大量反复", "无正当理由大量"]),
    (
        "rejected_confirmation",
        &["确认或重新出具", "重新出具", "已获取信息"],
    ),
    ("other_no_correction", &["逾期不补正", "不补正"]),
    ("other_unpaid_fee", &["缴纳费用", "收费通知"]),
];

/// The result groups of table 三, by the words of their group label.
const GROUPS: &[(Group, &[&str])] = &[
    (Group::Denied, &["不予公开"]),
    (Group::Unable, &["无法提供"]),
    (Group::Rejected, &["不予处理"]),
    (Group::Other, &["其他处理"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Denied,
    Unable,
    Rejected,
    Other,
}

/// A label of table 三 read by meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppLabel {
    /// A row key.
    Row(&'static str),
    /// A group heading alone ("（六）其他处理"): the row `other` when it carries values.
    GroupOnly(Group),
    /// "3.其他" under （六）: needs the group to be read.
    OtherItem,
    /// （七）总计.
    Total,
}

/// Reads a table 三 label. The last words of a label decide (a dump may run a group label, or
/// header text, into the item label before it): of all keys whose words occur, the one whose
/// words end last wins.
pub fn application_label(label: &str) -> Option<AppLabel> {
    let t = fold_label(label);
    if t.is_empty() {
        return None;
    }
    let mut best: Option<(usize, AppLabel)> = None;
    let mut consider = |end: usize, l: AppLabel| {
        if best.as_ref().is_none_or(|(e, _)| end > *e) {
            best = Some((end, l));
        }
    };
    for (key, words) in APPLICATION_ROWS {
        for w in *words {
            if let Some(i) = t.rfind(w) {
                consider(i + w.len(), AppLabel::Row(key));
            }
        }
    }
    // "（七）总计" but not the header's 总计 of the applicant columns.
    if let Some(i) = t.rfind("总计") {
        if t.contains('七') || t.len() <= "总计".len() + 8 {
            consider(i + "总计".len(), AppLabel::Total);
        }
    }
    for (g, words) in GROUPS {
        for w in *words {
            if let Some(i) = t.rfind(w) {
                // A group word counts only when nothing more specific follows it.
                consider(i + w.len(), AppLabel::GroupOnly(*g));
            }
        }
    }
    // "3.其他" as an item: 其他 at the very end, not part of 其他处理 or 其他情形.
    // Only a piece of its own: the header's "…法律服务机构 其他" column is not this row.
    let last_piece = fold_label(label.split_whitespace().last().unwrap_or(""));
    let bare =
        last_piece.trim_start_matches(|c: char| c.is_ascii_digit() || ".、()（）".contains(c));
    let header = [
        "商业企业",
        "科研机构",
        "公益组织",
        "法律服务",
        "自然人",
        "申请人",
    ]
    .iter()
    .any(|w| t.contains(w));
    if bare == "其他" && !header {
        let i = t.len() - "其他".len();
        if best.as_ref().is_none_or(|(e, _)| *e <= i + "其他".len()) {
            best = Some((i + "其他".len(), AppLabel::OtherItem));
        }
    }
    let (end, found) = best?;
    // What follows the identifying words is the rest of the label or a note; a long tail is
    // prose that merely mentions the words.
    if t[end..].chars().count() > 40 {
        return None;
    }
    Some(found)
}

/// Table 二 rows and their words, with the template each belongs to (None: both).
const ACTIVE_ROWS: &[(&str, &[&str])] = &[
    ("regulations", &["规章"]),
    ("normative_documents", &["规范性文件"]),
    ("licensing", &["行政许可"]),
    ("other_services", &["其他对外管理服务事项", "对外管理服务"]),
    ("penalty", &["行政处罚"]),
    ("coercion", &["行政强制"]),
    ("fees", &["行政事业性收费", "事业性收费"]),
    ("procurement", &["政府集中采购", "集中采购"]),
];

/// Reads a table 二 row label; the words ending last decide.
pub fn active_label(label: &str) -> Option<&'static str> {
    let t = fold_label(label);
    let mut best: Option<(usize, &'static str)> = None;
    for (key, words) in ACTIVE_ROWS {
        for w in *words {
            if let Some(i) = t.rfind(w) {
                let end = i + w.len();
                if best.is_none_or(|(e, _)| end > e) {
                    best = Some((end, key));
                }
            }
        }
    }
    let (end, key) = best?;
    let tail = &t[end..];
    let ok = tail.is_empty()
        || tail.starts_with(['(', '（'])
        || matches!(tail, "情况" | "项目" | "事项");
    ok.then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(s: &str) -> Option<&'static str> {
        match application_label(s) {
            Some(AppLabel::Row(k)) => Some(k),
            _ => None,
        }
    }

    #[test]
    fn every_schema_label_of_table_three() {
        let cases = [
            ("一、本年新收政府信息公开申请数量", "new_received"),
            ("二、上年结转政府信息公开申请数量", "carried_over"),
            ("三、本年度办理结果 （一）予以公开", "granted"),
            (
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                "partially_granted",
            ),
            (
                "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)",
                "partially_granted",
            ),
            ("（二）部分公开", "partially_granted"),
            ("（三）不予公开 1.属于国家秘密", "denied_state_secret"),
            ("2.其他法律行政法规禁止公开", "denied_prohibited_by_law"),
            ("2.其他法律行政止公开", "denied_prohibited_by_law"),
            ("3.危及“三安全一稳定”", "denied_security_stability"),
            ("3.危及\"三安全一稳定\"", "denied_security_stability"),
            ("3.危及「三安全一稳定」", "denied_security_stability"),
            ("4.保护第三方合法权益", "denied_third_party"),
            ("5.属于三类内部事务信息", "denied_internal_affairs"),
            ("6.属于四类过程性信息", "denied_process_info"),
            ("7.属于行政执法案卷", "denied_enforcement_files"),
            ("8.属于行政查询事项", "denied_query"),
            (
                "（四）无法提供 1.本机关不掌握相关政府信息",
                "unable_not_held",
            ),
            ("2.没有现成信息需要另行制作", "unable_needs_creation"),
            ("3.补正后申请内容仍不明确", "unable_unclear"),
            ("（五）不予处理 1.信访举报投诉类申请", "rejected_petition"),
            ("2.重复申请", "rejected_duplicate"),
            ("3.要求提供公开出版物", "rejected_publication"),
            ("4.无正当理由大量反复 申请", "rejected_excessive"),
            (
                "5.要求行政机关确认或重新出具已获取信息",
                "rejected_confirmation",
            ),
            (
                "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "other_no_correction",
            ),
            (
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "other_unpaid_fee",
            ),
            ("四、结转下年度继续办理", "carried_forward"),
            ("1、属于国家秘密", "denied_state_secret"),
            ("（1）属于国家秘密", "denied_state_secret"),
            // One character misread by OCR in the first identifying words.
            ("6.属于四类过猾性信息", "denied_process_info"),
            ("予公开 6.属于四类过猾性", "denied_process_info"),
            (
                "（二）并部处的（区分处理的，只计这一情形，不计其他情形)",
                "partially_granted",
            ),
            (
                "度办理结果 并部处的，只计这一情形，不计其他情形)",
                "partially_granted",
            ),
            ("5.属于三类内部亊务信息", "denied_internal_affairs"),
            ("7.属于行政执法桉卷", "denied_enforcement_files"),
            ("自然\n人", ""),
        ];
        for (label, key) in cases {
            let got = row(label).unwrap_or("");
            assert_eq!(got, key, "label {label:?}");
        }
        assert_eq!(application_label("3.其他"), Some(AppLabel::OtherItem));
        assert_eq!(
            application_label("（六）其他处理 3.其他"),
            Some(AppLabel::OtherItem)
        );
        assert_ne!(
            application_label("商业企业 科研机构 法律服务机构 其他"),
            Some(AppLabel::OtherItem)
        );
        assert_eq!(
            application_label("（六）其他处理"),
            Some(AppLabel::GroupOnly(Group::Other))
        );
        assert_eq!(application_label("（七）总计"), Some(AppLabel::Total));
        assert_eq!(
            application_label("（三）不予公开"),
            Some(AppLabel::GroupOnly(Group::Denied))
        );
    }

    #[test]
    fn every_schema_label_of_table_two() {
        let cases = [
            ("规章", "regulations"),
            ("行政规范性文件", "normative_documents"),
            ("规范性文件", "normative_documents"),
            ("行政许可", "licensing"),
            ("其他对外管理服务事项", "other_services"),
            ("行政处罚", "penalty"),
            ("行政强制", "coercion"),
            ("行政事业性收费", "fees"),
            ("政府集中采购", "procurement"),
            (
                "第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可",
                "licensing",
            ),
        ];
        for (label, key) in cases {
            assert_eq!(active_label(label), Some(key), "label {label:?}");
        }
        assert_eq!(active_label("信息内容"), None);
    }
}
