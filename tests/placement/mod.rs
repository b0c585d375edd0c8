//! Every value under its own column, or flagged: the input shapes of real archives
//! (samples/shapes), reports with cells blanked or deleted at random in every format that gives
//! places, the issues' `fields` and the CSV `flags`, and memory on huge tables.

mod blanked;
mod flags;
mod memory;
mod shapes;
