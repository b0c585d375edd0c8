//! `xxgk report`: the review page of one or more JSONL outputs, one self-contained HTML file.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use xxgk::record::Record;
use xxgk::write::{jsonl, review};

use super::{Status, output_failed};

#[derive(clap::Args)]
pub struct Args {
    /// JSONL outputs of `xxgk extract` (`-`: standard input).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Write the page to FILE (default: standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> Status {
    let mut records = Vec::new();
    let mut bad = 0usize;
    let mut status = Status::Ok;
    for path in &args.inputs {
        if !read(path, &mut records, &mut bad) {
            status = Status::Failed;
        }
    }
    let page = review::render(&records, bad);
    let written = match &args.output {
        Some(path) => std::fs::write(path, page.as_bytes()).map_err(|e| {
            eprintln!("xxgk: {}: cannot write the page: {e}", path.display());
        }),
        None => io::stdout().lock().write_all(page.as_bytes()).map_err(|e| {
            let _ = output_failed(&e);
        }),
    };
    if written.is_err() {
        return Status::Failed;
    }
    status
}

/// Adds the records of one journal; false when some of it could not be read.
fn read(path: &Path, records: &mut Vec<Record>, bad: &mut usize) -> bool {
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
            Ok(rec) => records.push(rec),
            Err(e) => {
                eprintln!("xxgk: {}: {e}", path.display());
                whole = false;
                *bad += 1;
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
