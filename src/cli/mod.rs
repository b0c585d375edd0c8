//! The command line: clap arguments, each turned once into the library's configuration.
//!
//! stdout carries data only; progress (on a terminal), messages and the summary go to stderr.
//! Exit codes: 0 every file was read (findings about a report do not count), 1 some file or
//! directory could not be read or the output could not be written, 2 a usage error. A closed
//! stdout (`xxgk extract … | head`) ends the run quietly: it is not an error.

mod convert;
mod extract;
mod progress;
mod report;
mod series;
mod summary;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "xxgk",
    version,
    about = "Turns 政府信息公开工作年度报告 (government information disclosure annual reports) into data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one record per input file (JSON lines by default).
    Extract(extract::Args),
    /// Derive the CSV (long) or wide output from a JSONL output.
    Convert(convert::Args),
    /// Check one agency's reports across consecutive years (series.carry, series.in_force).
    Series(series::Args),
    /// Print the document model an adapter reads from a file (for debugging layouts).
    Inspect { path: PathBuf },
    /// Write the review page of JSONL outputs: one self-contained HTML file.
    Report(report::Args),
}

/// The exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok = 0,
    Failed = 1,
    Usage = 2,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(s as u8)
    }
}

pub fn main() -> ExitCode {
    xxgk::batch::install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                Status::Usage
            } else {
                Status::Ok
            }
            .into();
        }
    };
    let status = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Series(args) => series::run(args),
        Command::Inspect { path } => inspect(&path),
        Command::Report(args) => report::run(args),
    };
    status.into()
}

/// A usage error found after parsing, printed the way clap prints its own.
fn usage(message: impl std::fmt::Display) -> Status {
    let _ = Cli::command()
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .print();
    Status::Usage
}

/// A failure to write the output: a broken pipe is the reader having had enough.
fn output_failed(e: &io::Error) -> Status {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return Status::Ok;
    }
    eprintln!("xxgk: cannot write the output: {e}");
    Status::Failed
}

fn inspect(path: &std::path::Path) -> Status {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("xxgk: {}: {e}", path.display());
            return Status::Failed;
        }
    };
    let Some(format) = xxgk::adapter::sniff(&bytes) else {
        eprintln!("xxgk: {}: not a supported format", path.display());
        return Status::Failed;
    };
    // Scanned pages are shown as OCR reads them.
    let ocr = xxgk::ocr::Mode::Auto;
    let budget = xxgk::Budget::default();
    match xxgk::adapter::read_in(format, &bytes, &budget, ocr, path.parent()) {
        Ok(doc) => {
            use std::io::Write;
            match writeln!(io::stdout().lock(), "{doc:#?}") {
                Ok(()) => Status::Ok,
                Err(e) => output_failed(&e),
            }
        }
        Err(e) => {
            eprintln!("xxgk: {}: {e}", path.display());
            Status::Failed
        }
    }
}
