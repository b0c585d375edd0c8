//! Timing of record → dict conversions (hand-written serde converter, pythonize, json.loads).
use std::time::Instant;

use pyo3::prelude::*;
use xxgk::record::Record;

use crate::topy::{Strings, to_py};

/// Seconds per record, best of `rounds`, converting every record of `lines` by `how`.
#[pyfunction]
pub fn _convert_bench(
    py: Python<'_>,
    lines: Vec<String>,
    how: &str,
    rounds: usize,
) -> PyResult<f64> {
    let recs: Vec<Record> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let loads = py.import("json")?.getattr("loads")?;
    let mut best = f64::MAX;
    let mut strings = Strings::default();
    strings.no_fields = how == "topy-none";
    strings.no_short = how == "topy-none" || how == "topy-fields";
    for _ in 0..rounds {
        let t = Instant::now();
        for r in &recs {
            let obj = match how {
                "pythonize" => pythonize::pythonize(py, r).unwrap(),
                "json" => loads.call1((serde_json::to_string(r).unwrap(),))?,
                "json-loads-only" => unreachable!(),
                _ => to_py(py, r, &mut strings)?,
            };
            drop(obj);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    Ok(best / recs.len() as f64)
}
