//! Tables and Parquet files from records: the CSV and wide writers' rows, typed by
//! `write::columns`, so that `to_pandas` and `write_parquet` hold what the CLI's outputs hold.

use std::path::PathBuf;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;
use xxgk::batch::{self, Input};
use xxgk::record::Record;
use xxgk::write::columns::{self as typed, Cell, Kind};
use xxgk::write::parquet::{Parquet, Shape};
use xxgk::write::{Target, Writer, csv, wide};

use crate::extract::Warnings;
use crate::{batch_config, summary_dict};

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
pub fn extract_parquet(
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
    // The output is never read as an input, as in the CLI.
    let dir = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(".".as_ref());
    if let (Ok(dir), Some(name)) = (std::fs::canonicalize(dir), output.file_name()) {
        config.exclude.push(dir.join(name));
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
pub fn write_parquet(
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

/// The columns of a table shape ("long": the CSV output, "wide": the wide output) with their
/// kinds ("text", "integer", "decimal").
#[pyfunction]
pub fn columns(shape: &str) -> PyResult<Vec<(String, &'static str)>> {
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
pub fn table(
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
            let cell = typed::read(*kind, text).unwrap_or_else(|_| {
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
