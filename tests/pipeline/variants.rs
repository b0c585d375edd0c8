//! The same text report printed in the ways real dumps print it gives the same record:
//! full-width digits, numbering styles, quote styles, spaces for tabs, table 二's sub-tables in
//! another order, markdown pipe tables, CRLF line ends, headers broken over lines, no group
//! labels.

use crate::common::{diff_against_truth, root};

fn variants(base: &str) -> Vec<(&'static str, String)> {
    let fullwidth: String = base
        .lines()
        .map(|l| {
            if l.contains('\t') {
                l.chars()
                    .map(|c| {
                        if c.is_ascii_digit() {
                            char::from_u32(c as u32 + 0xfee0).unwrap()
                        } else {
                            c
                        }
                    })
                    .collect()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<String>>()
        .join("\n");
    let renumber = |style: fn(char) -> String| -> String {
        base.lines()
            .map(|l| {
                l.split('\t')
                    .map(|f| {
                        let mut cs = f.chars();
                        match (cs.next(), cs.next()) {
                            (Some(d), Some('.'))
                                if d.is_ascii_digit()
                                    && f.chars().nth(2).is_some_and(|c| !c.is_ascii_digit()) =>
                            {
                                format!("{}{}", style(d), &f[2..])
                            }
                            _ => f.to_string(),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let pipes = base
        .lines()
        .map(|l| {
            if l.contains('\t') {
                format!("| {} |", l.split('\t').collect::<Vec<_>>().join(" | "))
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    // An empty spacer column after the labels and another among the values, in every row.
    let spacers = base
        .lines()
        .map(|l| {
            if !l.contains('\t') {
                return l.to_string();
            }
            let mut f: Vec<&str> = l.split('\t').collect();
            if f.len() >= 10 {
                f.insert(6, "");
                f.insert(3, "");
            } else {
                f.insert(1, "");
            }
            format!("| {} |", f.join(" | "))
        })
        .collect::<Vec<_>>()
        .join("\n");
    // Table 四 printed one row per group, five numbers each.
    let transposed = {
        let lines: Vec<&str> = base.lines().collect();
        let start = lines.iter().position(|l| l.starts_with("## 四")).unwrap();
        let row = (start..lines.len())
            .find(|&i| {
                lines[i]
                    .split('\t')
                    .filter(|f| f.parse::<u32>().is_ok())
                    .count()
                    == 15
            })
            .unwrap();
        let v: Vec<&str> = lines[row].split('\t').collect();
        let mut out: Vec<String> = lines[..start + 1].iter().map(|s| s.to_string()).collect();
        out.push("\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计".to_string());
        for (g, label) in [
            "行政复议",
            "行政诉讼 未经复议直接起诉",
            "行政诉讼 复议后起诉",
        ]
        .iter()
        .enumerate()
        {
            out.push(format!("{label}\t{}", v[g * 5..g * 5 + 5].join("\t")));
        }
        out.extend(lines[row + 1..].iter().map(|s| s.to_string()));
        out.join("\n")
    };
    let reorder = {
        let i = base.find("第二十条第（一）项").unwrap();
        let j = base.find("第二十条第（五）项").unwrap();
        let k = base.find("\n\n## 三").unwrap();
        format!(
            "{}{}\n{}{}",
            &base[..i],
            &base[j..k],
            &base[i..j],
            &base[k..]
        )
    };
    let mut no_groups = base.to_string();
    for g in [
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    ] {
        // In template 2019 （六）其他处理 is the label of the row `other` itself, not a group.
        if g != "（六）其他处理" || base.contains("3.其他") {
            no_groups = no_groups.replace(g, "");
        }
    }
    vec![
        ("full-width digits", fullwidth),
        ("numbering 1、", renumber(|d| format!("{d}、"))),
        ("numbering （1）", renumber(|d| format!("（{d}）"))),
        ("quotes 「」", base.replace('“', "「").replace('”', "」")),
        ("quotes \"\"", base.replace(['“', '”'], "\"")),
        ("spaces for tabs", base.replace('\t', " ")),
        ("table 二 reordered", reorder),
        ("markdown pipes", pipes),
        ("spacer columns", spacers),
        ("table 四 one row per group", transposed),
        ("CRLF", base.replace('\n', "\r\n")),
        (
            "headers broken",
            base.replace("社会公益组织", "社会公\n益组织")
                .replace("自然人", "自然 人"),
        ),
        ("no group labels", no_groups),
    ]
}

fn check(sample: &str) {
    let base = std::fs::read_to_string(root(sample)).unwrap();
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root(&format!("{sample}.truth.json"))).unwrap(),
    )
    .unwrap();
    for (name, text) in variants(&base) {
        let rec = xxgk::extract_bytes(text.as_bytes(), "variant.txt", &xxgk::Options::default());
        let diff = diff_against_truth(&serde_json::to_value(&rec).unwrap(), &truth);
        assert!(diff.is_empty(), "{sample}, {name}:\n{}", diff.join("\n"));
        assert!(
            rec.checks.iter().all(|c| c.ok != Some(false)),
            "{sample}, {name}: a check fails"
        );
    }
}

#[test]
fn template_2021_in_every_print() {
    check("samples/text/complete-2021.txt");
}

#[test]
fn template_2019_in_every_print() {
    check("samples/text/complete-2019.txt");
}
