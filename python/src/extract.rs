//! One file's record, and many files' records as an iterator: the library's batch on a thread
//! of its own, records handed to Python through a bounded channel, the GIL released meanwhile.
//! Records become dicts on the consumer's side, straight from the `Record` (`topy`): the batch
//! thread moves the workers' records themselves into the channel, uncopied.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender, TryRecvError};
use std::thread::JoinHandle;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use xxgk::batch::{self, Input, Summary};
use xxgk::record::Record;
use xxgk::write::Writer;

use crate::topy::to_py_kept;
use crate::{batch_config, options, summary_dict};

/// The record of one file: the dict of the JSON line `xxgk extract` writes for it.
#[pyfunction]
#[pyo3(signature = (path, *, provenance=false, timeout=None, max_file_size=None))]
pub fn extract_path(
    py: Python<'_>,
    path: PathBuf,
    provenance: bool,
    timeout: Option<f64>,
    max_file_size: Option<u64>,
) -> PyResult<Py<PyAny>> {
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
        [one] => Ok(to_py_kept(py, one)?.unbind()),
        _ => Err(PyRuntimeError::new_err(format!(
            "{}: the batch gave {} records for one file",
            path.display(),
            sink.0.len()
        ))),
    }
}

/// The record of a file's bytes, named `name`: the dict of the line `xxgk extract` would write
/// for a file of that name and content.
#[pyfunction]
#[pyo3(signature = (data, name, *, provenance=false, timeout=None, max_file_size=None))]
pub fn extract_bytes(
    py: Python<'_>,
    data: &Bound<'_, PyBytes>,
    name: String,
    provenance: bool,
    timeout: Option<f64>,
    max_file_size: Option<u64>,
) -> PyResult<Py<PyAny>> {
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
    Ok(to_py_kept(py, &rec)?.unbind())
}

/// A writer that keeps the records (one file's run).
struct Collect(Vec<Record>);

impl Writer for Collect {
    fn record(&mut self, rec: &Record) -> std::io::Result<()> {
        self.0.push(rec.clone());
        Ok(())
    }

    fn record_owned(&mut self, rec: Box<Record>) -> std::io::Result<()> {
        self.0.push(*rec);
        Ok(())
    }
}

/// A writer that sends each record (or its JSON line) to the Python iterator; a closed channel
/// (the iterator dropped) stops the batch. The batch gives its records away (`record_owned`),
/// so the record a worker made is the one the iterator turns into a dict, with no copy; it
/// comes back to be freed here, not by the thread holding the GIL.
struct Send {
    tx: SyncSender<Msg>,
    json: bool,
    used: Receiver<Box<Record>>,
}

impl Send {
    fn send(&mut self, msg: Msg) -> std::io::Result<()> {
        while let Ok(old) = self.used.try_recv() {
            drop(old);
        }
        self.tx
            .send(msg)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "iterator dropped"))
    }
}

impl Writer for Send {
    fn record(&mut self, rec: &Record) -> std::io::Result<()> {
        let msg = if self.json {
            Msg::Line(serde_json::to_string(rec)?)
        } else {
            Msg::Record(Box::new(rec.clone()))
        };
        self.send(msg)
    }

    fn record_owned(&mut self, rec: Box<Record>) -> std::io::Result<()> {
        if self.json {
            return self.record(&rec);
        }
        self.send(Msg::Record(rec))
    }
}

/// Hears the batch's warnings (a directory not readable) for the summary.
pub(crate) struct Warnings(pub Vec<String>);

impl batch::Observer for Warnings {
    fn warn(&mut self, message: &str) {
        self.0.push(message.to_string());
    }
}

enum Msg {
    Record(Box<Record>),
    Line(String),
    End(std::io::Result<Summary>, Vec<String>),
}

/// Records of many files as dicts (or, with `json=True`, the CLI's JSON lines), as they are
/// done; see `xxgk.extract_many`.
#[pyclass(module = "xxgk._xxgk")]
pub struct Batch {
    rx: Mutex<Option<Receiver<Msg>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
    /// Set once the last record was handed over.
    summary: Mutex<Option<Py<PyAny>>>,
    /// Records made dicts, back to the batch thread to be freed there.
    used: Sender<Box<Record>>,
}

#[pymethods]
impl Batch {
    #[new]
    #[pyo3(signature = (paths, *, jobs=None, provenance=false, order="done", shard=None, timeout=None, max_file_size=None, follow_links=false, json=false))]
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
        json: bool,
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
        let (used_tx, used_rx) = mpsc::channel::<Box<Record>>();
        let thread = std::thread::Builder::new()
            .name("xxgk-batch".into())
            .spawn(move || {
                let mut sink = Send {
                    tx: tx.clone(),
                    json,
                    used: used_rx,
                };
                let mut warnings = Warnings(Vec::new());
                let result = batch::run(&inputs, &config, &mut sink, &mut warnings);
                let _ = tx.send(Msg::End(result, warnings.0));
            })
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start the batch: {e}")))?;
        Ok(Batch {
            rx: Mutex::new(Some(rx)),
            thread: Mutex::new(Some(thread)),
            summary: Mutex::new(None),
            used: used_tx,
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next record (a dict, or with `json=True` its JSON line); `StopIteration` after the
    /// last.
    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let msg = {
            let mut guard = self.rx.lock().unwrap_or_else(|e| e.into_inner());
            let Some(rx) = guard.as_ref() else {
                drop(guard);
                if self
                    .summary
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .is_some()
                {
                    return Ok(None);
                }
                return Err(PyRuntimeError::new_err(
                    "this batch is being read by another thread, or it failed",
                ));
            };
            // A record already waiting is taken with the GIL held: no release and re-acquire.
            match rx.try_recv() {
                Ok(msg) => Ok(msg),
                Err(TryRecvError::Disconnected) => Err(mpsc::RecvError),
                Err(TryRecvError::Empty) => {
                    // The receiver goes into the GIL-free closure and comes back with the
                    // message; no lock is held meanwhile (a thread waiting for it with the GIL
                    // would deadlock us).
                    let rx = guard.take().expect("checked above");
                    drop(guard);
                    let (msg, rx) = py.detach(move || (rx.recv(), rx));
                    *self.rx.lock().unwrap_or_else(|e| e.into_inner()) = Some(rx);
                    msg
                }
            }
        };
        match msg {
            Ok(Msg::Record(rec)) => {
                let dict = to_py_kept(py, &*rec)?.unbind();
                // A batch that has ended frees the last ones here.
                let _ = self.used.send(rec);
                Ok(Some(dict))
            }
            Ok(Msg::Line(line)) => Ok(Some(PyString::new(py, &line).into_any().unbind())),
            Ok(Msg::End(result, warnings)) => {
                *self.rx.lock().unwrap_or_else(|e| e.into_inner()) = None;
                self.join(py);
                let summary = result.map_err(|e| PyRuntimeError::new_err(format!("{e}")))?;
                *self.summary.lock().unwrap_or_else(|e| e.into_inner()) =
                    Some(summary_dict(py, &summary, &warnings)?);
                Ok(None)
            }
            Err(_) => {
                *self.rx.lock().unwrap_or_else(|e| e.into_inner()) = None;
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
