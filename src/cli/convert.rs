//! `xxgk convert`: the CSV, wide or Parquet output made later from a JSONL output.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;

use xxgk::write::{Target, jsonl};

use super::extract::{DerivedFormat, derived};
use super::{Status, output_failed};

#[derive(clap::Args)]
pub struct Args {
    /// A JSONL output of `xxgk extract` (`-`: standard input).
    input: PathBuf,
    /// Long CSV (one row per value), wide CSV (one row per report), or either as Parquet.
    #[arg(short, long, value_enum)]
    format: DerivedFormat,
    /// Write to FILE (it appears only when complete) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> Status {
    let input: Box<dyn BufRead> = if args.input.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(&args.input) {
            Ok(f) => Box::new(BufReader::new(f)),
            Err(e) => {
                eprintln!("xxgk: {}: {e}", args.input.display());
                return Status::Failed;
            }
        }
    };
    let target = match Target::new(args.output.as_deref()) {
        Ok(t) => t,
        Err(e) => return output_failed(&e),
    };
    let mut writer = match derived(args.format, target) {
        Ok(w) => w,
        Err(e) => return output_failed(&e),
    };
    let mut reader = jsonl::Reader::new(input);
    let mut status = Status::Ok;
    let written = (|| {
        writer.begin()?;
        for rec in reader.by_ref() {
            match rec {
                Ok(rec) => writer.record(&rec)?,
                Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                    eprintln!("xxgk: {}: {e}", args.input.display());
                    status = Status::Failed;
                }
                Err(e) => return Err(e),
            }
        }
        writer.finish()
    })();
    if reader.torn {
        eprintln!(
            "xxgk: {}: the last line is torn (a killed run); left out",
            args.input.display()
        );
    }
    match written {
        Ok(()) => status,
        Err(e) => output_failed(&e),
    }
}
