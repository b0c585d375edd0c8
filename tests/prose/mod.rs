//! The prose: sections of every standard-template sample, the `text.*` checks against the
//! notes of samples/prose and the corpus (no false alarm, the recorded disagreements found),
//! and the review page of `xxgk report`.

mod props;
mod review;
mod sections;
mod text_checks;
