//! CTC greedy decoding of the recognition model's frames, over the full alphabet or over the
//! digit alphabet, with a confidence per reading.
//!
//! The digit alphabet is for cells that hold a number: each frame's best character among the
//! digits, `-`, `.`, `,`, `/`, `—` and the blank. A frame whose best character overall is a
//! letter that looks like a digit (`o`, `O`, `D` for 0; `l`, `I` for 1 ...) gives that digit
//! with its share of the probability among the admitted characters; any other letter or a
//! Chinese character keeps its own (low) probability for the digit, so the cell is doubtful
//! rather than silently changed.

use super::model::Frames;

/// Characters a number cell may hold.
pub const DIGITS: &str = "0123456789-.,/—";

/// Letters the model reads for a digit on a noisy scan.
const LOOKALIKES: &str = "oODQ〇lI|iZzSsBbgq";

/// Which characters a crop may decode to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// Every character of the model (labels, prose, titles).
    Full,
    /// Digits and number punctuation only (cells of numbers).
    Digits,
}

/// A decoded crop: its text and the confidence of its least certain character (1.0 for an
/// empty reading made only of confident blanks).
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub text: String,
    pub confidence: f32,
}

/// Greedy CTC decoding: the best character per frame, repeats merged, blanks dropped.
pub fn decode(frames: &Frames, chars: &[String], alphabet: Alphabet) -> Reading {
    let allowed: Vec<bool> = chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            i == 0
                || match alphabet {
                    Alphabet::Full => true,
                    Alphabet::Digits => c.chars().count() == 1 && DIGITS.contains(c.as_str()),
                }
        })
        .collect();
    let lookalike: Vec<bool> = chars
        .iter()
        .map(|c| !c.is_empty() && c.chars().count() == 1 && LOOKALIKES.contains(c.as_str()))
        .collect();
    let mut text = String::new();
    let mut confidence = 1.0f32;
    let mut blank_confidence = 1.0f32;
    // (character index, best probability over its frames) of the run being read.
    let mut run: Option<(usize, f32)> = None;
    let close = |run: Option<(usize, f32)>, text: &mut String, confidence: &mut f32| {
        if let Some((c, p)) = run
            && c != 0
        {
            text.push_str(&chars[c]);
            *confidence = confidence.min(p);
        }
    };
    for f in frames {
        let (mut best, mut best_p) = (0usize, -1.0f32);
        let (mut top, mut top_p) = (0usize, -1.0f32);
        let mut admitted = 0.0f32;
        for (i, &p) in f.iter().enumerate() {
            if p > top_p {
                (top, top_p) = (i, p);
            }
            if allowed.get(i) == Some(&true) {
                admitted += p;
                if p > best_p {
                    (best, best_p) = (i, p);
                }
            }
        }
        let p = if top == best || lookalike.get(top) == Some(&true) {
            best_p / admitted.max(1e-6)
        } else {
            best_p
        };
        if best == 0 {
            blank_confidence = blank_confidence.min(p);
        }
        match run {
            Some((c, q)) if c == best => run = Some((c, q.max(p))),
            _ => {
                close(run, &mut text, &mut confidence);
                run = Some((best, p));
            }
        }
    }
    close(run, &mut text, &mut confidence);
    if text.is_empty() {
        confidence = blank_confidence;
    }
    Reading { text, confidence }
}
