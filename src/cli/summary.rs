//! The summary printed on stderr at the end of `xxgk extract`.

use std::collections::BTreeMap;

use xxgk::batch::Summary;

pub fn print(s: &Summary, notes: &[String]) {
    let secs = s.elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        s.files as f64 / secs
    } else {
        0.0
    };
    eprintln!(
        "xxgk: {} files in {secs:.2} s ({rate:.1} files/s): {} records, {} skipped as none of our formats",
        s.files, s.records, s.skipped_format
    );
    let skipped: Vec<String> = [
        (s.skipped_hidden, "hidden"),
        (s.skipped_links, "links to directories not walked"),
        (s.skipped_done, "already in the output"),
        (s.skipped_shard, "in other shards"),
        (s.duplicates, "named twice"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    if !skipped.is_empty() {
        eprintln!("xxgk: also skipped: {}", skipped.join(", "));
    }
    if s.walk_errors > 0 {
        eprintln!(
            "xxgk: {} directories or lists could not be read",
            s.walk_errors
        );
    }
    line("errors", &s.errors);
    line("reports by template", &s.templates);
    line("failed checks", &s.failed_checks);
    for n in notes {
        eprintln!("xxgk: {n}");
    }
}

fn line(what: &str, counts: &BTreeMap<String, u64>) {
    if counts.is_empty() {
        return;
    }
    let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    eprintln!("xxgk: {what}: {}", parts.join(", "));
}
