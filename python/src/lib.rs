//! `xxgk._xxgk`: the native half of the Python package `xxgk` (the other half is `xxgk/`).
//!
//! Records cross into Python as dicts built from the record's serde data model (`topy`): the
//! dict `json.loads` gives for the CLI's JSON line, without writing and parsing the line. Many
//! files are extracted by the library's own batch (rayon workers, panics caught, every input
//! accounted for) on a thread of its own, and handed over through a bounded channel; the GIL is
//! released while Rust works or waits. Tables for DataFrames are the CSV writers' rows, typed by
//! `write::columns`, so that `to_pandas` holds what the CSV outputs hold.

mod extract;
mod table;
mod topy;

use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use xxgk::batch::{self, Config, Order, Shard, Summary};

/// The CLI's defaults (`--timeout 60`, `--max-file-size 256`).
const TIMEOUT_SECS: f64 = 60.0;
const MAX_FILE_MIB: u64 = 256;

/// The extraction options as the CLI builds them from its flags.
pub(crate) fn options(
    provenance: bool,
    timeout: Option<f64>,
    max_file_size: Option<u64>,
) -> PyResult<Config> {
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

/// The CLI's batch configuration from `extract_many`'s arguments.
#[allow(clippy::too_many_arguments)]
pub(crate) fn batch_config(
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

pub(crate) fn summary_dict(
    py: Python<'_>,
    s: &Summary,
    warnings: &[String],
) -> PyResult<Py<PyAny>> {
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
    m.add_function(wrap_pyfunction!(extract::extract_path, m)?)?;
    m.add_function(wrap_pyfunction!(extract::extract_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(table::columns, m)?)?;
    m.add_function(wrap_pyfunction!(table::table, m)?)?;
    m.add_function(wrap_pyfunction!(shard_of, m)?)?;
    m.add_function(wrap_pyfunction!(table::extract_parquet, m)?)?;
    m.add_function(wrap_pyfunction!(table::write_parquet, m)?)?;
    m.add_class::<extract::Batch>()?;
    Ok(())
}
