//! The recognition model in a build without the `ocr` feature: every call says that this build
//! reads no scans, so a scanned page keeps `no_text_layer` and a note saying why.

use super::raster::Raster;
use crate::error::{Error, ErrorKind, Result};

/// Per-frame character probabilities, `[frames][alphabet]`, of one crop.
pub type Frames = Vec<Vec<f32>>;

fn absent() -> Error {
    Error::new(ErrorKind::Internal(
        "this build of xxgk has no OCR (build it with the `ocr` feature)".into(),
    ))
}

/// The model's alphabet: none in this build.
pub fn alphabet() -> Result<&'static [String]> {
    Err(absent())
}

/// Runs the model on crops: not in this build.
pub fn run(_crops: &[Raster]) -> Result<Vec<Frames>> {
    Err(absent())
}
