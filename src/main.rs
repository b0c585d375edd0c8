//! The `xxgk` command.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "xxgk",
    version,
    about = "Turns 政府信息公开工作年度报告 into data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one record per input file, as JSON lines.
    Extract {
        paths: Vec<PathBuf>,
        /// Indented JSON for people (then the output is not JSONL).
        #[arg(long)]
        pretty: bool,
        /// Write each value with its raw text and place.
        #[arg(long)]
        provenance: bool,
    },
    /// Print the document model an adapter reads from a file (for debugging layouts).
    Inspect { path: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            paths,
            pretty,
            provenance,
        } => {
            let opts = xxgk::Options {
                provenance,
                ..Default::default()
            };
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let mut failed = false;
            for p in paths {
                let rec = xxgk::extract(&p, &opts);
                failed |= rec.error.is_some();
                let s = if pretty {
                    serde_json::to_string_pretty(&rec)
                } else {
                    serde_json::to_string(&rec)
                };
                if writeln!(out, "{}", s.expect("a record always serialises")).is_err() {
                    return ExitCode::SUCCESS;
                }
            }
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Inspect { path } => {
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("xxgk: {}: {e}", path.display());
                    return ExitCode::from(1);
                }
            };
            let Some(format) = xxgk::adapter::sniff(&bytes) else {
                eprintln!("xxgk: {}: not a supported format", path.display());
                return ExitCode::from(1);
            };
            match xxgk::adapter::read(format, &bytes, &xxgk::Budget::default()) {
                Ok(doc) => {
                    println!("{doc:#?}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("xxgk: {}: {e}", path.display());
                    ExitCode::from(1)
                }
            }
        }
    }
}
