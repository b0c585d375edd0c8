//! `xxgk._xxgk`: the native half of the Python package `xxgk` (the other half is `xxgk/`).
//!
//! Records cross into Python as the JSON text the CLI writes (the same serde code), which the
//! Python half turns into dicts with `json.loads`: a record in Python is exactly the CLI's. Many
//! files are extracted by the library's own batch (rayon workers, panics caught, every input
//! accounted for) on a thread of its own, and handed over through a bounded channel; the GIL is
//! released while Rust works or waits. Tables for DataFrames are the CSV writers' rows, typed by
//! `write::columns`, so that `to_pandas` holds what the CSV outputs hold.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::JoinHandle;
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};
use xxgk::batch::{self, Config, Input, Order, Shard, Summary};
use xxgk::record::Record;
use xxgk::write::columns::{self, Cell, Kind};
use xxgk::write::parquet::{Parquet, Shape};
use xxgk::write::{Target, Writer, csv, wide};

/// The CLI's defaults (`--timeout 60`, `--max-file-size 256`).
const TIMEOUT_SECS: f64 = 60.0;
const MAX_FILE_MIB: u64 = 256;

/// The extraction options as the CLI builds them from its flags.
fn options(provenance: bool, timeout: Option<f64>, max_file_size: Option<u64>) -> PyResult<Config> {
    let timeout = timeout.unwrap_or(TIMEOUT_SECS);
    if !(timeout.is_finite() && (0.0..=1e9).contains(&timeout)) {
        return Err(PyValueError::new_err(format!(
            "timeout={timeout}: not a number of seconds (0 for none)"
        )));
    }
    let mut config = Config::default();
    config.options.provenance = provenance;
    config.options.timeout = (timeout > 0.0).then(|| Duration::from_secs_f64(timeout));
    config.options.max_file_bytes = Some(
        max_file_size
            .unwrap_or(MAX_FILE_MIB)
            .saturating_mul(1 << 20),
    );
    Ok(config)
}

fn to_json(rec: &Record) -> PyResult<String> {
    serde_json::to_string(rec)
        .map_err(|e| PyRuntimeError::new_err(format!("a record could not be written: {e}")))
}

/// The record of one file, as the JSON line `xxgk extract` writes for it.
#[pyfunction]
#[pyo3(signature = (path, *, provenance=false, timeout=None, max_file_size=None))]
fn extract_path(
    py: Python<'_>,
    path: PathBuf,
    provenance: bool,
    timeout: Option<f64>,
    max_file_size: Option<u64>,
) -> PyResult<String> {
    if path.is_dir() {
        return Err(PyValueError::new_err(format!(
            "{}: a directory; extract_many walks directories",
            path.display()
        )));
    }
    let mut config = options(provenance, timeout, max_file_size)?;
    config.jobs = 1;
    let mut sink = Collect(Vec::new());
    let run = py.detach(|| batch::run(&[Input::Path(path.clone())], &config, &mut sink, &mut ()));
    run.map_err(|e| PyRuntimeError::new_err(format!("{}: {e}", path.display())))?;
    match sink.0.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(PyRuntimeError::new_err(format!(
            "{}: the batch gave {} records for one file",
            path.display(),
            sink.0.len()
        ))),
    }
}

/// The record of a file's bytes, named `name`, as `xxgk extract` would write it for a file of
/// that name and content.
#[pyfunction]
#[pyo3(signature = (data, name, *, provenance=false, timeout=None, max_file_size=None))]
fn extract_bytes(
    py: Python<'_>,
    data: &Bound<'_, PyBytes>,
    name: String,
    provenance: bool,
    timeout: Option<f64>,
    max_file_size: Option<u64>,
) -> PyResult<String> {
    let config = options(provenance, timeout, max_file_size)?;
    let bytes = data.as_bytes();
    let rec = py.detach(|| {
        if let Some(max) = config.options.max_file_bytes
            && bytes.len() as u64 > max
        {
            return Record::failed(
                xxgk::record::Source {
                    path: name.clone(),
                    bytes: Some(bytes.len() as u64),
                    ..Default::default()
                },
                "too_large",
                format!(
                    "the file has {} bytes, over the limit of {max}",
                    bytes.len()
                ),
            );
        }
        let run =
            std::panic::AssertUnwindSafe(|| xxgk::extract_bytes(bytes, &name, &config.options));
        std::panic::catch_unwind(run).unwrap_or_else(|payload| {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            Record::failed(
                xxgk::record::Source {
                    path: name.clone(),
                    ..Default::default()
                },
                "internal",
                format!("a bug in xxgk: {what}"),
            )
        })
    });
    to_json(&rec)
}

/// A writer that keeps the JSON lines (one file's run).
struct Collect(Vec<String>);

impl Writer for Collect {
    fn record(&mut self, rec: &Record) -> std::io::Result<()> {
        self.0.push(serde_json::to_string(rec)?);
        Ok(())
    }
}

/// A writer that sends each record's JSON line to the Python iterator; a closed channel (the
/// iterator dropped) stops the batch.
struct Send(SyncSender<Msg>);

impl Writer for Send {
    fn record(&mut self, rec: &Record) -> std::io::Result<()> {
        let line = serde_json::to_string(rec)?;
        self.0
            .send(Msg::Record(line))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "iterator dropped"))
    }
}

/// Hears the batch's warnings (a directory not readable) for the summary.
struct Warnings(Vec<String>);

impl batch::Observer for Warnings {
    fn warn(&mut self, message: &str) {
        self.0.push(message.to_string());
    }
}

enum Msg {
    Record(String),
    End(std::io::Result<Summary>, Vec<String>),
}

/// Records of many files as JSON lines, as they are done; see `xxgk.extract_many`.
#[pyclass(module = "xxgk._xxgk")]
struct Batch {
    rx: Mutex<Option<Receiver<Msg>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
    /// Set once the last record was handed over.
    summary: Mutex<Option<Py<PyAny>>>,
}

#[pymethods]
impl Batch {
    #[new]
    #[pyo3(signature = (paths, *, jobs=None, provenance=false, order="done", shard=None, timeout=None, max_file_size=None, follow_links=false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        paths: Vec<PathBuf>,
        jobs: Option<usize>,
        provenance: bool,
        order: &str,
        shard: Option<(u64, u64)>,
        timeout: Option<f64>,
        max_file_size: Option<u64>,
        follow_links: bool,
    ) -> PyResult<Batch> {
        let config = batch_config(
            jobs,
            provenance,
            order,
            shard,
            timeout,
            max_file_size,
            follow_links,
        )?;
        let inputs: Vec<Input> = paths.into_iter().map(Input::Path).collect();
        // Bounded: a consumer that stops reading stops the batch (through the window).
        let (tx, rx) = mpsc::sync_channel::<Msg>(2 * config.jobs.max(1));
        let thread = std::thread::Builder::new()
            .name("xxgk-batch".into())
            .spawn(move || {
                let mut sink = Send(tx.clone());
                let mut warnings = Warnings(Vec::new());
                let result = batch::run(&inputs, &config, &mut sink, &mut warnings);
                let _ = tx.send(Msg::End(result, warnings.0));
            })
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start the batch: {e}")))?;
        Ok(Batch {
            rx: Mutex::new(Some(rx)),
            thread: Mutex::new(Some(thread)),
            summary: Mutex::new(None),
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next record's JSON line; `StopIteration` after the last.
    fn __next__(&self, py: Python<'_>) -> PyResult<Option<String>> {
        let mut guard = self.rx.lock().unwrap_or_else(|e| e.into_inner());
        let Some(rx) = guard.as_ref() else {
            return Ok(None);
        };
        let msg = py.detach(|| rx.recv());
        match msg {
            Ok(Msg::Record(line)) => Ok(Some(line)),
            Ok(Msg::End(result, warnings)) => {
                *guard = None;
                drop(guard);
                self.join(py);
                let summary = result.map_err(|e| PyRuntimeError::new_err(format!("{e}")))?;
                *self.summary.lock().unwrap_or_else(|e| e.into_inner()) =
                    Some(summary_dict(py, &summary, &warnings)?);
                Ok(None)
            }
            Err(_) => {
                *guard = None;
                drop(guard);
                self.join(py);
                Err(PyRuntimeError::new_err("the batch stopped unexpectedly"))
            }
        }
    }

    /// What the run did (as the CLI's summary), once every record was handed over; else None.
    #[getter]
    fn summary(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        self.summary
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|s| s.clone_ref(py))
    }
}

impl Batch {
    fn join(&self, py: Python<'_>) {
        let handle = self.thread.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(h) = handle {
            let _ = py.detach(|| h.join());
        }
    }
}

/// The CLI's batch configuration from `extract_many`'s arguments.
#[allow(clippy::too_many_arguments)]
fn batch_config(
    jobs: Option<usize>,
    provenance: bool,
    order: &str,
    shard: Option<(u64, u64)>,
    timeout: Option<f64>,
    max_file_size: Option<u64>,
    follow_links: bool,
) -> PyResult<Config> {
    let mut config = options(provenance, timeout, max_file_size)?;
    if let Some(j) = jobs {
        if j == 0 {
            return Err(PyValueError::new_err("jobs must be at least 1"));
        }
        config.jobs = j;
        config.window = 64 * j;
    }
    config.order = match order {
        "done" => Order::Done,
        "input" => Order::Input,
        other => {
            return Err(PyValueError::new_err(format!(
                "order={other:?}: \"done\" or \"input\""
            )));
        }
    };
    if let Some((k, n)) = shard {
        if k == 0 || n == 0 || k > n {
            return Err(PyValueError::new_err(format!(
                "shard=({k}, {n}): K/N with 1 <= K <= N"
            )));
        }
        config.shard = Some(Shard { k, n });
    }
    config.follow_links = follow_links;
    Ok(config)
}

fn parquet_shape(shape: &str) -> PyResult<Shape> {
    match shape {
        "long" => Ok(Shape::Long),
        "wide" => Ok(Shape::Wide),
        other => Err(PyValueError::new_err(format!(
            "shape={other:?}: \"long\" or \"wide\""
        ))),
    }
}

/// `xxgk extract -f parquet|wide-parquet -o OUTPUT PATHS`, in this process: the file appears
/// only when complete. Returns the summary, with `unfit` and `unplaced` (values the Parquet
/// file could not hold; the JSONL has them).
#[pyfunction]
#[pyo3(signature = (paths, output, *, shape="long", jobs=None, provenance=false, shard=None, timeout=None, max_file_size=None, follow_links=false))]
#[allow(clippy::too_many_arguments)]
fn extract_parquet(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    output: PathBuf,
    shape: &str,
    jobs: Option<usize>,
    provenance: bool,
    shard: Option<(u64, u64)>,
    timeout: Option<f64>,
    max_file_size: Option<u64>,
    follow_links: bool,
) -> PyResult<Py<PyAny>> {
    let shape = parquet_shape(shape)?;
    let mut config = batch_config(
        jobs,
        provenance,
        "input",
        shard,
        timeout,
        max_file_size,
        follow_links,
    )?;
    if let Ok(dir) = std::fs::canonicalize(
        output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(".".as_ref()),
    ) {
        if let Some(name) = output.file_name() {
            config.exclude.push(dir.join(name));
        }
    }
    let inputs: Vec<Input> = paths.into_iter().map(Input::Path).collect();
    let out = py.detach(|| {
        let mut w = Parquet::new(shape, Target::new(Some(&output))?)?;
        let mut warnings = Warnings(Vec::new());
        let s = batch::run(&inputs, &config, &mut w, &mut warnings)?;
        Ok::<_, std::io::Error>((s, warnings.0, w.unfit, w.unplaced))
    });
    let (s, warnings, unfit, unplaced) =
        out.map_err(|e| PyRuntimeError::new_err(format!("{}: {e}", output.display())))?;
    let d = summary_dict(py, &s, &warnings)?;
    d.bind(py).set_item("unfit", unfit)?;
    d.bind(py).set_item("unplaced", unplaced)?;
    Ok(d)
}

/// Records (JSON texts) written as `xxgk convert -f parquet|wide-parquet` writes them; returns
/// (unfit, unplaced) as [`extract_parquet`].
#[pyfunction]
#[pyo3(signature = (records, output, *, shape="long"))]
fn write_parquet(
    py: Python<'_>,
    records: Vec<String>,
    output: PathBuf,
    shape: &str,
) -> PyResult<(u64, u64)> {
    let shape = parquet_shape(shape)?;
    let recs = records
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::from_str::<Record>(t).map_err(|e| {
                PyValueError::new_err(format!("records[{i}] is not an xxgk record: {e}"))
            })
        })
        .collect::<PyResult<Vec<Record>>>()?;
    let out = py.detach(|| {
        let mut w = Parquet::new(shape, Target::new(Some(&output))?)?;
        w.begin()?;
        for r in &recs {
            w.record(r)?;
        }
        w.finish()?;
        Ok::<_, std::io::Error>((w.unfit, w.unplaced))
    });
    out.map_err(|e| PyRuntimeError::new_err(format!("{}: {e}", output.display())))
}

fn summary_dict(py: Python<'_>, s: &Summary, warnings: &[String]) -> PyResult<Py<PyAny>> {
    let d = pyo3::types::PyDict::new(py);
    d.set_item("files", s.files)?;
    d.set_item("records", s.records)?;
    d.set_item("skipped_format", s.skipped_format)?;
    d.set_item("skipped_hidden", s.skipped_hidden)?;
    d.set_item("skipped_links", s.skipped_links)?;
    d.set_item("skipped_shard", s.skipped_shard)?;
    d.set_item("duplicates", s.duplicates)?;
    d.set_item("walk_errors", s.walk_errors)?;
    d.set_item("errors", s.errors.clone())?;
    d.set_item("templates", s.templates.clone())?;
    d.set_item("failed_checks", s.failed_checks.clone())?;
    d.set_item("seconds", s.elapsed.as_secs_f64())?;
    d.set_item("warnings", warnings.to_vec())?;
    Ok(d.into_any().unbind())
}

/// The columns of a table shape ("long": the CSV output, "wide": the wide output) with their
/// kinds ("text", "integer", "decimal").
#[pyfunction]
fn columns(shape: &str) -> PyResult<Vec<(String, &'static str)>> {
    Ok(shape_columns(shape)?
        .into_iter()
        .map(|(n, k)| (n, k.name()))
        .collect())
}

fn shape_columns(shape: &str) -> PyResult<Vec<(String, Kind)>> {
    match shape {
        "long" => Ok(csv::columns()
            .into_iter()
            .map(|(n, k)| (n.to_string(), k))
            .collect()),
        "wide" => Ok(wide::columns()),
        other => Err(PyValueError::new_err(format!(
            "shape={other:?}: \"long\" or \"wide\""
        ))),
    }
}

/// The table of records (JSON texts) in a shape, column by column: text as str, integers as
/// int, decimals as float, an empty CSV cell (or a value that does not fit) as None. Returns
/// (columns with kinds, column values, values that did not fit their type).
#[pyfunction]
#[allow(clippy::type_complexity)]
fn table(
    py: Python<'_>,
    records: Vec<String>,
    shape: &str,
) -> PyResult<(Vec<(String, &'static str)>, Vec<Py<PyList>>, u64)> {
    let cols = shape_columns(shape)?;
    let kinds: Vec<Kind> = cols.iter().map(|(_, k)| *k).collect();
    let fields = wide::fields();
    let wide_shape = shape == "wide";
    let rows = py.detach(|| -> Result<Vec<Vec<String>>, String> {
        let mut rows = Vec::new();
        for (i, text) in records.iter().enumerate() {
            let rec: Record = serde_json::from_str(text)
                .map_err(|e| format!("records[{i}] is not an xxgk record: {e}"))?;
            if wide_shape {
                rows.push(wide::row(&rec, &fields).0);
            } else {
                rows.extend(csv::rows(&rec));
            }
        }
        Ok(rows)
    });
    let rows = rows.map_err(PyValueError::new_err)?;
    let mut unfit = 0u64;
    let mut out = Vec::with_capacity(kinds.len());
    for (c, kind) in kinds.iter().enumerate() {
        let list = PyList::empty(py);
        for row in &rows {
            let text = row.get(c).map(String::as_str).unwrap_or("");
            let cell = columns::read(*kind, text).unwrap_or_else(|_| {
                unfit += 1;
                Cell::Null
            });
            match cell {
                Cell::Null => list.append(py.None())?,
                Cell::Text(t) => list.append(t)?,
                Cell::Integer(n) => list.append(n)?,
                // The CSV's text read as a float, as a CSV reader would.
                Cell::Decimal(_) => list.append(text.parse::<f64>().ok())?,
            }
        }
        out.push(list.unbind());
    }
    let named = cols.into_iter().map(|(n, k)| (n, k.name())).collect();
    Ok((named, out, unfit))
}

/// The shard (1-based) of `n` that `xxgk extract --shard K/N` gives `path` to.
#[pyfunction]
fn shard_of(path: &str, n: u64) -> PyResult<u64> {
    if n == 0 {
        return Err(PyValueError::new_err("n must be at least 1"));
    }
    Ok((1..=n)
        .find(|&k| Shard { k, n }.contains(path))
        .expect("every path is in one shard"))
}

#[pymodule]
fn _xxgk(m: &Bound<'_, PyModule>) -> PyResult<()> {
    batch::install_panic_hook();
    m.add("SCHEMA_VERSION", xxgk::record::SCHEMA_VERSION)?;
    m.add_function(wrap_pyfunction!(extract_path, m)?)?;
    m.add_function(wrap_pyfunction!(extract_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(columns, m)?)?;
    m.add_function(wrap_pyfunction!(table, m)?)?;
    m.add_function(wrap_pyfunction!(shard_of, m)?)?;
    m.add_function(wrap_pyfunction!(extract_parquet, m)?)?;
    m.add_function(wrap_pyfunction!(write_parquet, m)?)?;
    m.add_class::<Batch>()?;
    Ok(())
}
