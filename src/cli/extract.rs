//! `xxgk extract`: arguments, the batch configuration they make, and the run.

use std::fs::File;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

use clap::ValueEnum;
use xxgk::batch::{self, Config, Input, Observer, Order, Shard};
use xxgk::write::parquet::Shape;
use xxgk::write::{Csv, Jsonl, Parquet, Target, Wide, Writer, jsonl};

use super::progress::Progress;
use super::{Status, output_failed, summary, usage};

#[derive(clap::Args)]
pub struct Args {
    /// Files (each gets a record) and directories (walked recursively; hidden entries and files
    /// of none of our formats are skipped and counted).
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    paths: Vec<PathBuf>,
    /// Also read the paths listed in LIST, one a line (`-`: standard input).
    #[arg(long, value_name = "LIST")]
    files_from: Option<PathBuf>,
    /// Output format: JSON lines (the journal), long CSV (one row per value), wide CSV (one row
    /// per report), or either CSV as Parquet (typed columns).
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Jsonl)]
    format: OutputFormat,
    /// Write to FILE instead of stdout (CSV and wide appear there only when complete).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Indented JSON for people (then the output is not JSONL).
    #[arg(long)]
    pretty: bool,
    /// Write each value with its raw text and place (fills the CSV `raw` column).
    #[arg(long)]
    provenance: bool,
    /// Files read at once [default: the number of cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Write records in input order (a bounded reorder buffer) or as each file is done.
    #[arg(long, value_enum, default_value_t = OrderArg::Input)]
    order: OrderArg,
    /// Read only the files of shard K of N (by a hash of the path as given).
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// Keep the records already in the JSONL output FILE and extract only the other files.
    #[arg(long, requires = "output")]
    resume: bool,
    /// Per-file time limit in seconds (decimals allowed); 0 for none.
    #[arg(long, value_name = "SECS", default_value_t = 60.0, value_parser = seconds)]
    timeout: f64,
    /// Files larger than this many MiB get an error record `too_large` instead of being read.
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    max_file_size: u64,
    /// Walk into symbolic links to directories (loops are detected and skipped).
    #[arg(short = 'L', long)]
    follow: bool,
    /// No progress bar and no summary.
    #[arg(short, long)]
    quiet: bool,
    /// Read scanned pages by OCR: never; auto (pages with no text layer, and pictures of
    /// tables beside an HTML page); always (every page that draws an image).
    #[arg(long, value_enum, default_value_t = OcrArg::Auto)]
    ocr: OcrArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OcrArg {
    Never,
    Auto,
    Always,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Jsonl,
    Csv,
    Wide,
    Parquet,
    WideParquet,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OrderArg {
    Input,
    Done,
}

impl Args {
    /// The library's configuration, or a usage error.
    fn config(&self) -> Result<(Vec<Input>, Config), String> {
        if self.resume && self.format != OutputFormat::Jsonl {
            return Err("--resume works on JSONL output only".into());
        }
        if self.resume && self.pretty {
            return Err("--resume needs JSONL output, which --pretty is not".into());
        }
        if self.pretty && self.format != OutputFormat::Jsonl {
            return Err("--pretty is for JSON output only".into());
        }
        let mut inputs: Vec<Input> = self.paths.iter().cloned().map(Input::Path).collect();
        if let Some(list) = &self.files_from {
            if list.as_os_str() != "-" && !list.is_file() {
                return Err(format!("--files-from {}: no such file", list.display()));
            }
            inputs.push(Input::List(list.clone()));
        }
        let mut config = Config::default();
        if let Some(j) = self.jobs {
            config.jobs = j.into();
            config.window = 64 * config.jobs;
        }
        config.order = match self.order {
            OrderArg::Input => Order::Input,
            OrderArg::Done => Order::Done,
        };
        config.shard = self.shard;
        config.follow_links = self.follow;
        config.options.provenance = self.provenance;
        config.options.timeout =
            (self.timeout > 0.0).then(|| Duration::from_secs_f64(self.timeout));
        config.options.max_file_bytes = Some(self.max_file_size.saturating_mul(1 << 20));
        config.options.ocr = match self.ocr {
            OcrArg::Never => xxgk::ocr::Mode::Never,
            OcrArg::Auto => xxgk::ocr::Mode::Auto,
            OcrArg::Always => xxgk::ocr::Mode::Always,
        };
        if let Some(out) = &self.output {
            // The output may not exist yet: canonicalise its folder and add the name.
            let dir = out
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(".".as_ref());
            if let (Ok(dir), Some(name)) = (std::fs::canonicalize(dir), out.file_name()) {
                config.exclude.push(dir.join(name));
            }
        }
        Ok((inputs, config))
    }
}

pub fn run(args: Args) -> Status {
    let (inputs, mut config) = match args.config() {
        Ok(c) => c,
        Err(e) => return usage(e),
    };
    let mut notes = Vec::new();
    let mut progress = Progress::new(!args.quiet);
    let output = args.output.as_deref();
    let result = match args.format {
        OutputFormat::Jsonl => {
            let file = match output {
                Some(path) if args.resume => match jsonl::resume(path) {
                    Ok((journal, file)) => {
                        notes.push(format!(
                            "resuming {}: {} records kept",
                            path.display(),
                            journal.records
                        ));
                        if journal.torn {
                            notes.push("a torn last line was dropped".into());
                        }
                        if !journal.bad_lines.is_empty() {
                            progress.warn(&format!(
                                "{}: lines {:?} are not records; kept as they are",
                                path.display(),
                                journal.bad_lines
                            ));
                        }
                        config.done = journal.done;
                        Some(file)
                    }
                    Err(e) => return fail_output(path, &e),
                },
                Some(path) => match File::create(path) {
                    Ok(f) => Some(f),
                    Err(e) => return fail_output(path, &e),
                },
                None => None,
            };
            match file {
                Some(f) => batch::run(
                    &inputs,
                    &config,
                    &mut Jsonl::new(f, args.pretty),
                    &mut progress,
                ),
                None => batch::run(
                    &inputs,
                    &config,
                    &mut Jsonl::new(io::stdout().lock(), args.pretty),
                    &mut progress,
                ),
            }
        }
        OutputFormat::Csv => match Target::new(output) {
            Ok(t) => batch::run(&inputs, &config, &mut Csv::new(t), &mut progress),
            Err(e) => return fail_output(output.unwrap_or("-".as_ref()), &e),
        },
        OutputFormat::Wide => match Target::new(output) {
            Ok(t) => {
                let mut w = Wide::new(t);
                let r = batch::run(&inputs, &config, &mut w, &mut progress);
                if w.unplaced > 0 {
                    notes.push(format!(
                        "{} values have keys outside SCHEMA.md's templates: in the JSONL only",
                        w.unplaced
                    ));
                }
                r
            }
            Err(e) => return fail_output(output.unwrap_or("-".as_ref()), &e),
        },
        OutputFormat::Parquet | OutputFormat::WideParquet => {
            let shape = if args.format == OutputFormat::Parquet {
                Shape::Long
            } else {
                Shape::Wide
            };
            match Target::new(output).and_then(|t| Parquet::new(shape, t)) {
                Ok(mut w) => {
                    let r = batch::run(&inputs, &config, &mut w, &mut progress);
                    notes.extend(parquet_notes(&w));
                    r
                }
                Err(e) => return fail_output(output.unwrap_or("-".as_ref()), &e),
            }
        }
    };
    progress.finish();
    match result {
        Ok(s) => {
            if !args.quiet {
                summary::print(&s, &notes);
            }
            if s.failed() {
                Status::Failed
            } else {
                Status::Ok
            }
        }
        Err(e) => output_failed(&e),
    }
}

fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && (0.0..=1e9).contains(&x) => Ok(x),
        _ => Err(format!("`{s}` is not a number of seconds")),
    }
}

fn fail_output(path: &std::path::Path, e: &io::Error) -> Status {
    eprintln!("xxgk: {}: {e}", path.display());
    Status::Failed
}

/// What the summary says about values a Parquet output could not hold.
pub(super) fn parquet_notes(w: &Parquet) -> Vec<String> {
    let mut notes = Vec::new();
    if w.unplaced > 0 {
        notes.push(format!(
            "{} values have keys outside SCHEMA.md's templates: in the JSONL only",
            w.unplaced
        ));
    }
    if w.unfit > 0 {
        notes.push(format!(
            "{} values do not fit their Parquet column's type: null there, whole in the JSONL",
            w.unfit
        ));
    }
    notes
}

/// Keeps the writer types in one place for `convert`.
pub(super) fn derived(format: DerivedFormat, target: Target) -> io::Result<Box<dyn Writer>> {
    Ok(match format {
        DerivedFormat::Csv => Box::new(Csv::new(target)),
        DerivedFormat::Wide => Box::new(Wide::new(target)),
        DerivedFormat::Parquet => Box::new(Parquet::new(Shape::Long, target)?),
        DerivedFormat::WideParquet => Box::new(Parquet::new(Shape::Wide, target)?),
    })
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum DerivedFormat {
    Csv,
    Wide,
    Parquet,
    WideParquet,
}
