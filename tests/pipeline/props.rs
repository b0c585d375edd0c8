//! Properties: no input text makes the pipeline panic, printed counts read back exactly,
//! and a split of run-together digits never reports a value that some reading contradicts.

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_gives_a_record(s in "\\PC{0,400}") {
        let rec = xxgk::extract_bytes(s.as_bytes(), "any.txt", &xxgk::Options::default());
        prop_assert_eq!(rec.source.path.as_str(), "any.txt");
    }

    #[test]
    fn any_bytes_give_a_record(b in proptest::collection::vec(any::<u8>(), 0..600)) {
        let rec = xxgk::extract_bytes(&b, "any.bin", &xxgk::Options::default());
        prop_assert!(rec.error.is_some() || rec.report.is_some());
    }

    #[test]
    fn tab_separated_rows_read_back_exactly(vals in proptest::collection::vec(0u32..100_000, 7)) {
        let cells: Vec<String> = vals.iter().map(|v| v.to_string()).collect();
        let text = format!(
            "2022年某局政府信息公开工作年度报告\n申请人情况\n一、本年新收政府信息公开申请数量\t{}\n",
            cells.join("\t")
        );
        let rec = xxgk::extract_bytes(text.as_bytes(), "row.txt", &xxgk::Options::default());
        let row = &rec.applications.as_ref().unwrap()["new_received"];
        for (v, col) in vals.iter().zip(["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]) {
            prop_assert_eq!(row[col].number().and_then(|n| n.as_u64()), Some(*v as u64));
        }
    }

    #[test]
    fn run_together_digits_never_contradict_the_printed_row(vals in proptest::collection::vec(0u32..40, 7), gaps in proptest::collection::vec(any::<bool>(), 7)) {
        // Print the row with some separators lost; whatever is recorded must be the truth.
        let mut run = String::new();
        for (i, v) in vals.iter().enumerate() {
            run.push_str(&v.to_string());
            if gaps[i] { run.push(' '); }
        }
        let text = format!("2022年某局政府信息公开工作年度报告\n申请人情况\n一、本年新收政府信息公开申请数量{run}\n");
        let rec = xxgk::extract_bytes(text.as_bytes(), "run.txt", &xxgk::Options::default());
        if let Some(row) = rec.applications.as_ref().and_then(|a| a.get("new_received")) {
            for (v, col) in vals.iter().zip(["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]) {
                if let Some(got) = row.get(col) {
                    prop_assert_eq!(got.number().and_then(|n| n.as_u64()), Some(*v as u64), "{}", run);
                }
            }
        }
    }
}
