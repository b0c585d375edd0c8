//! In a text report whose rows are complete, changing one printed number makes exactly the
//! checks that involve that cell fail, and no other.

use crate::common::{failing_checks, root};

use xxgk::normalize::schema::{
    APPLICATION_COLUMNS as COLS, REVIEW_GROUPS as GROUPS, application_rows as rows,
};

/// The checks a change of one table 三 cell must break.
fn expected_failures(row: &str, col: &str) -> Vec<String> {
    let mut out = vec![format!("applications.row_total/{row}")];
    let balance = [
        "new_received",
        "carried_over",
        "results_total",
        "carried_forward",
    ];
    if !["new_received", "carried_over", "carried_forward"].contains(&row) {
        out.push(format!("applications.results_sum/{col}"));
    }
    if balance.contains(&row) {
        out.push(format!("applications.balance/{col}"));
    }
    out.sort();
    out
}

fn bump(field: &str) -> String {
    (field.parse::<i64>().unwrap() + 1).to_string()
}

fn extract(text: &str) -> serde_json::Value {
    let rec = xxgk::extract_bytes(text.as_bytes(), "planted.txt", &xxgk::Options::default());
    serde_json::to_value(&rec).unwrap()
}

fn planted_changes_fail_exactly_their_checks(sample: &str, template: &str) {
    let text = std::fs::read_to_string(root(sample)).unwrap();
    assert!(
        failing_checks(&extract(&text)).is_empty(),
        "the sample itself is consistent"
    );
    let lines: Vec<&str> = text.lines().collect();
    let numeric = |l: &str, n: usize| {
        let f: Vec<&str> = l.split('\t').collect();
        f.len() >= n
            && f[f.len() - n..]
                .iter()
                .all(|x| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit()))
    };
    let start = lines.iter().position(|l| l.starts_with("## 三")).unwrap();
    let end = lines.iter().position(|l| l.starts_with("## 四")).unwrap();
    let t3: Vec<usize> = (start..end).filter(|&i| numeric(lines[i], 7)).collect();
    let keys = rows(template);
    assert_eq!(t3.len(), keys.len());
    let mut tried = 0;
    for (&li, row) in t3.iter().zip(&keys) {
        for (c, col) in COLS.iter().enumerate() {
            let mut fields: Vec<String> = lines[li].split('\t').map(str::to_string).collect();
            let k = fields.len() - 7 + c;
            fields[k] = bump(&fields[k]);
            let mut changed: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
            changed[li] = fields.join("\t");
            let got = failing_checks(&extract(&changed.join("\n")));
            assert_eq!(got, expected_failures(row, col), "changed {row}.{col}");
            tried += 1;
        }
    }
    let t4 = (end..lines.len()).find(|&i| numeric(lines[i], 15)).unwrap();
    for k in 0..15 {
        let mut fields: Vec<String> = lines[t4].split('\t').map(str::to_string).collect();
        fields[k] = bump(&fields[k]);
        let mut changed: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        changed[t4] = fields.join("\t");
        let got = failing_checks(&extract(&changed.join("\n")));
        assert_eq!(
            got,
            vec![format!("review_litigation.total/{}", GROUPS[k / 5])],
            "changed cell {k} of table 四"
        );
        tried += 1;
    }
    assert!(tried > 150);
}

#[test]
fn template_2021() {
    planted_changes_fail_exactly_their_checks("samples/text/complete-2021.txt", "2021");
}

#[test]
fn template_2019() {
    planted_changes_fail_exactly_their_checks("samples/text/complete-2019.txt", "2019");
}
