//! Per-file limits: a deadline checked in our own loops and caps on what adapters read.
//!
//! Code inside a dependency cannot be interrupted, so adapters bound what they hand it
//! (sizes, counts, decompression limits) and call [`Budget::check`] in their own loops
//! (pages, operators, cells).

use std::time::{Duration, Instant};

use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct Budget {
    deadline: Option<Instant>,
    /// Largest decompressed size of one stream or archive member, in bytes.
    pub max_inflated: u64,
    /// Largest total decompressed size for one file, in bytes.
    pub max_total_inflated: u64,
    /// Most pages read from one PDF.
    pub max_pages: usize,
    /// Most cells read from one table or sheet.
    pub max_cells: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            deadline: None,
            max_inflated: 64 << 20,
            max_total_inflated: 256 << 20,
            max_pages: 2000,
            max_cells: 200_000,
        }
    }
}

impl Budget {
    pub fn with_timeout(timeout: Option<Duration>) -> Budget {
        Budget {
            deadline: timeout.map(|t| Instant::now() + t),
            ..Budget::default()
        }
    }

    /// Err(timeout) once the deadline has passed.
    #[inline]
    pub fn check(&self) -> Result<()> {
        match self.deadline {
            Some(d) if Instant::now() >= d => Err(Error::timeout("the per-file time limit passed")),
            _ => Ok(()),
        }
    }
}
