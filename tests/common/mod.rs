//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// A path under the crate root.
pub fn root(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}
