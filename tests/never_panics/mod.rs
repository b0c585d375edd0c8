//! No panic escapes the library: each damaged fixture of `tests/fixtures` gets the error its
//! name says, and a panic injected in each adapter and stage becomes the file's error record.

/// Every fixture of tests/fixtures, by name and by what its damage is.
mod fixtures;
/// A panic injected in each adapter and stage (the `fault-injection` feature).
mod injected;
