//! The PP-OCRv4 recognition model run with tract: loading, plans per input shape, batches.
//!
//! The model ships inside the binary (models/README.md says where it comes from). tract needs
//! fixed input shapes (the model's reshape chains fail on symbolic widths), so each
//! (batch, width) pair gets its own optimised plan, built once per process and shared by every
//! file of a batch. A crop is scaled to height 48 and padded on the right to the smallest
//! width bucket that holds it, as RapidOCR does (pixels normalised to −1..1, padding 0).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use tract_onnx::prelude::*;

use super::raster::Raster;
use crate::error::{Error, Result};

static REC_ONNX: &[u8] = include_bytes!("../../models/ch_PP-OCRv4_rec_infer.onnx");

/// Input height of the recognition model.
pub const HEIGHT: usize = 48;
/// Input widths the plans are built for; a wider crop is squeezed into the last.
pub const WIDTHS: [usize; 5] = [160, 320, 640, 1280, 2560];
/// Crops run together in one call for the narrow buckets (cells of a table).
const BATCH: usize = 8;

type Plan = Arc<TypedRunnableModel>;

struct Recognizer {
    model: InferenceModel,
    /// Index 0 is the CTC blank; the model's own list follows, then a space.
    chars: Vec<String>,
    plans: Mutex<HashMap<(usize, usize), Plan>>,
}

fn internal(what: &str, e: impl std::fmt::Display) -> Error {
    Error::new(crate::error::ErrorKind::Internal(format!(
        "OCR {what}: {e}"
    )))
}

fn recognizer() -> Result<&'static Recognizer> {
    static REC: OnceLock<std::result::Result<Recognizer, String>> = OnceLock::new();
    REC.get_or_init(|| load().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| internal("model", e))
}

fn load() -> Result<Recognizer> {
    let model = tract_onnx::onnx()
        .model_for_read(&mut &REC_ONNX[..])
        .map_err(|e| internal("recognition model cannot be read", e))?;
    let list = model
        .properties
        .get("onnx.metadata_props.character")
        .ok_or_else(|| internal("recognition model", "no `character` metadata"))?
        .try_as_plain_ram()
        .and_then(|t| t.to_scalar::<String>().cloned())
        .map_err(|e| internal("recognition model character list", e))?;
    let mut chars = vec![String::new()];
    chars.extend(list.lines().map(str::to_string));
    chars.push(" ".into());
    Ok(Recognizer {
        model,
        chars,
        plans: Mutex::new(HashMap::new()),
    })
}

impl Recognizer {
    fn plan(&self, batch: usize, width: usize) -> Result<Plan> {
        let mut plans = self.plans.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = plans.get(&(batch, width)) {
            return Ok(p.clone());
        }
        let plan = self
            .model
            .clone()
            .with_input_fact(0, f32::fact([batch, 3, HEIGHT, width]).into())
            .and_then(|m| m.into_optimized())
            .and_then(|m| m.into_runnable())
            .map_err(|e| internal(&format!("plan for width {width}"), e))?;
        plans.insert((batch, width), plan.clone());
        Ok(plan)
    }
}

/// The model's alphabet: index 0 is the CTC blank (an empty string), the last a space.
pub fn alphabet() -> Result<&'static [String]> {
    Ok(&recognizer()?.chars)
}

/// The width bucket a crop of `w`×`h` pixels goes to, and its scaled width.
fn bucket(w: usize, h: usize) -> (usize, usize) {
    let scaled = ((HEIGHT * w) as f32 / h.max(1) as f32).ceil().max(1.0) as usize;
    let bucket = WIDTHS
        .iter()
        .copied()
        .find(|&b| scaled <= b)
        .unwrap_or(WIDTHS[WIDTHS.len() - 1]);
    (bucket, scaled.min(bucket))
}

/// Per-frame character probabilities, `[frames][alphabet]`, of one crop.
pub type Frames = Vec<Vec<f32>>;

/// Runs the model on crops (each a tight crop of one line of text); one [`Frames`] per crop,
/// in order. Crops of one width bucket go together, [`BATCH`] at a time.
pub fn run(crops: &[Raster]) -> Result<Vec<Frames>> {
    let rec = recognizer()?;
    let mut out: Vec<Frames> = vec![Vec::new(); crops.len()];
    let mut by_bucket: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for (i, c) in crops.iter().enumerate() {
        let (b, w) = bucket(c.width, c.height);
        by_bucket.entry(b).or_default().push((i, w));
    }
    let mut buckets: Vec<_> = by_bucket.into_iter().collect();
    buckets.sort_by_key(|b| b.0);
    for (width, items) in buckets {
        let batch = if width <= 320 { BATCH } else { 1 };
        for chunk in items.chunks(batch) {
            let plan = rec.plan(batch, width)?;
            let mut input = vec![0f32; batch * 3 * HEIGHT * width];
            for (k, &(i, w)) in chunk.iter().enumerate() {
                let scaled = crops[i].resize(w, HEIGHT);
                for y in 0..HEIGHT {
                    for x in 0..w {
                        let v = scaled.get(x, y) as f32 / 127.5 - 1.0;
                        for ch in 0..3 {
                            input[((k * 3 + ch) * HEIGHT + y) * width + x] = v;
                        }
                    }
                }
            }
            let tensor = Tensor::from_shape(&[batch, 3, HEIGHT, width], &input)
                .map_err(|e| internal("input", e))?;
            let result = plan
                .run(tvec!(tensor.into()))
                .map_err(|e| internal("recognition", e))?;
            let probs = result[0]
                .to_plain_array_view::<f32>()
                .map_err(|e| internal("recognition output", e))?
                .into_dimensionality::<tract_ndarray::Ix3>()
                .map_err(|e| internal("recognition output", e))?;
            let shape = probs.shape().to_vec();
            if shape[2] != rec.chars.len() {
                return Err(internal(
                    "recognition output",
                    format!("shape {shape:?} for {} characters", rec.chars.len()),
                ));
            }
            for (k, &(i, w)) in chunk.iter().enumerate() {
                // Frames past the crop's own width see only padding.
                let frames = (shape[1] * w).div_ceil(width).min(shape[1]);
                out[i] = (0..frames)
                    .map(|t| probs.slice(tract_ndarray::s![k, t, ..]).to_vec())
                    .collect();
            }
        }
    }
    Ok(out)
}
