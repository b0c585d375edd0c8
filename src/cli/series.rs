//! `xxgk series`: cross-report checks over a JSONL output, findings as JSON lines.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use xxgk::series::{Finding, Series};
use xxgk::write::jsonl;

use super::{Status, output_failed};

#[derive(clap::Args)]
pub struct Args {
    /// JSONL outputs of `xxgk extract` (the outputs of every shard, say; `-`: standard input).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Print only the findings that fail (checks with ok false, duplicates that differ).
    #[arg(long)]
    failed: bool,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> Status {
    let mut series = Series::default();
    let mut status = Status::Ok;
    for path in &args.inputs {
        if !read(path, &mut series) {
            status = Status::Failed;
        }
    }
    let findings = series.findings();
    let mut failed: BTreeMap<&str, u64> = BTreeMap::new();
    let mut checked = 0u64;
    let mut out = io::stdout().lock();
    for f in &findings {
        let (rule, ok) = match f {
            Finding::Check(c) => (c.rule, c.ok != Some(false)),
            Finding::Duplicate(d) => (d.rule, d.ok),
        };
        checked += 1;
        if !ok {
            *failed.entry(rule).or_default() += 1;
        }
        if args.failed && ok {
            continue;
        }
        let line = serde_json::to_string(f).expect("a finding always serialises");
        if let Err(e) = writeln!(out, "{line}") {
            return output_failed(&e);
        }
    }
    if let Err(e) = out.flush() {
        return output_failed(&e);
    }
    if !args.quiet {
        let failed: Vec<String> = failed.iter().map(|(r, n)| format!("{r} {n}")).collect();
        eprintln!(
            "xxgk: {} records, {} not placed in a series (no agency, no year, or an error); {checked} findings, failed: {}",
            series.records,
            series.unplaced,
            if failed.is_empty() {
                "none".to_string()
            } else {
                failed.join(", ")
            }
        );
    }
    status
}

/// Adds the records of one journal; false when some of it could not be read.
fn read(path: &Path, series: &mut Series) -> bool {
    let input: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(path) {
            Ok(f) => Box::new(BufReader::new(f)),
            Err(e) => {
                eprintln!("xxgk: {}: {e}", path.display());
                return false;
            }
        }
    };
    let mut whole = true;
    let mut reader = jsonl::Reader::new(input);
    for rec in reader.by_ref() {
        match rec {
            Ok(rec) => series.add(&rec),
            Err(e) => {
                eprintln!("xxgk: {}: {e}", path.display());
                whole = false;
                if e.kind() != io::ErrorKind::InvalidData {
                    break;
                }
            }
        }
    }
    if reader.torn {
        eprintln!(
            "xxgk: {}: the last line is torn (a killed run); left out",
            path.display()
        );
    }
    whole
}
