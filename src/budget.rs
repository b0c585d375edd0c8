//! Per-file limits: a deadline checked in our own loops and caps on what adapters read.
//!
//! Code inside a dependency cannot be interrupted, so adapters bound what they hand it
//! (sizes, counts, decompression limits) and call [`Budget::check`] in their own loops
//! (pages, operators, cells).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// Time allowed for each page read by OCR, over the per-file limit: OCR takes about 4 s of
/// CPU a page (docs/ocr.md), so the limit meant for reading text does not cut a scan.
pub const OCR_PAGE_ALLOWANCE: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub struct Budget {
    deadline: Option<Instant>,
    /// Milliseconds added to the deadline ([`Budget::allow`]).
    extra_ms: AtomicU64,
    /// Largest decompressed size of one stream or archive member, in bytes.
    pub max_inflated: u64,
    /// Largest total decompressed size for one file, in bytes.
    pub max_total_inflated: u64,
    /// Most pages read from one PDF.
    pub max_pages: usize,
    /// Most cells read from one table or sheet.
    pub max_cells: usize,
}

impl Clone for Budget {
    fn clone(&self) -> Budget {
        Budget {
            deadline: self.deadline,
            extra_ms: AtomicU64::new(self.extra_ms.load(Ordering::Relaxed)),
            max_inflated: self.max_inflated,
            max_total_inflated: self.max_total_inflated,
            max_pages: self.max_pages,
            max_cells: self.max_cells,
        }
    }
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            deadline: None,
            extra_ms: AtomicU64::new(0),
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

    /// Err(timeout) once the deadline (with what [`Budget::allow`] added) has passed.
    #[inline]
    pub fn check(&self) -> Result<()> {
        let extra = Duration::from_millis(self.extra_ms.load(Ordering::Relaxed));
        match self.deadline.map(|d| d.checked_add(extra)) {
            Some(Some(d)) if Instant::now() >= d => {
                Err(Error::timeout("the per-file time limit passed"))
            }
            _ => Ok(()),
        }
    }

    /// Moves the deadline (if any) later by `more`: the time allowed for a slow step, such as
    /// a page read by OCR ([`OCR_PAGE_ALLOWANCE`]).
    pub fn allow(&self, more: Duration) {
        let ms = u64::try_from(more.as_millis()).unwrap_or(u64::MAX);
        let _ = self
            .extra_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |e| {
                Some(e.saturating_add(ms))
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_time_moves_the_deadline() {
        let b = Budget::with_timeout(Some(Duration::ZERO));
        assert!(b.check().is_err());
        b.allow(Duration::from_secs(3600));
        assert!(b.check().is_ok());
        assert!(b.clone().check().is_ok());
        b.allow(Duration::MAX);
        assert!(b.check().is_ok());
        assert!(Budget::default().check().is_ok());
    }
}
