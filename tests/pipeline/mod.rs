//! The core pipeline on text input: golden truths, the seed, checks on planted changes,
//! the JSONL contract, and documents that are not reports.

mod contract;
mod golden;
mod planted;
mod props;
mod seed;
mod variants;
