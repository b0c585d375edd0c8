//! Writers: records out, one at a time, in the order the batch hands them over.
//!
//! JSONL is the journal: each record is one line, written whole and flushed at once, so a run
//! killed at any moment leaves whole lines and at most one torn last line. CSV (long: one row per
//! value) and wide (one row per report) are derived from the records; written to a file, they go
//! to a temporary file that is renamed into place only when complete. Parquet holds the rows of
//! either CSV with the column types of `columns`.

#[cfg(feature = "csv")]
pub mod columns;
#[cfg(feature = "csv")]
pub mod csv;
pub mod jsonl;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod review;
#[cfg(feature = "csv")]
pub mod wide;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::record::Record;

#[cfg(feature = "csv")]
pub use self::csv::Csv;
pub use jsonl::Jsonl;
#[cfg(feature = "parquet")]
pub use parquet::Parquet;
#[cfg(feature = "csv")]
pub use wide::Wide;

/// Receives a batch's records.
pub trait Writer {
    /// Before the first record (a header row).
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// One record, written whole.
    fn record(&mut self, rec: &Record) -> io::Result<()>;

    /// One record, given away: a writer that hands records on to another thread (the Python
    /// package's iterator) takes the batch's own instead of copying it. The batch's observer
    /// has already heard of it. By default, [`Writer::record`].
    fn record_owned(&mut self, rec: Box<Record>) -> io::Result<()> {
        self.record(&rec)
    }

    /// After the last record of a complete run: flush, and make the output visible.
    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Where a derived output goes: standard output, or a file that appears only when complete.
pub enum Target {
    Stdout(io::Stdout),
    File(AtomicFile),
}

impl Target {
    /// `None` for standard output.
    pub fn new(path: Option<&Path>) -> io::Result<Target> {
        match path {
            None => Ok(Target::Stdout(io::stdout())),
            Some(p) => AtomicFile::create(p).map(Target::File),
        }
    }

    /// Flushes, and renames a file into place.
    pub fn commit(self) -> io::Result<()> {
        match self {
            Target::Stdout(mut s) => s.flush(),
            Target::File(f) => f.commit(),
        }
    }
}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Target::Stdout(s) => s.write(buf),
            Target::File(f) => f.file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Target::Stdout(s) => s.flush(),
            Target::File(f) => f.file.flush(),
        }
    }
}

/// A file written under a temporary name beside its destination (`.NAME.PID.tmp`) and renamed
/// to it by [`AtomicFile::commit`]; dropped uncommitted, the temporary file is removed.
pub struct AtomicFile {
    file: BufWriter<File>,
    tmp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> io::Result<AtomicFile> {
        let name = dest.file_name().ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "the output path names no file")
        })?;
        let tmp = dest.with_file_name(format!(
            ".{}.{}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        let file = BufWriter::new(File::create(&tmp)?);
        Ok(AtomicFile {
            file,
            tmp,
            dest: dest.to_path_buf(),
            committed: false,
        })
    }

    pub fn commit(mut self) -> io::Result<()> {
        self.file.flush()?;
        self.file.get_ref().sync_all()?;
        std::fs::rename(&self.tmp, &self.dest)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// A value as CSV prints it: the number as JSON writes it, empty for `null`.
#[cfg(feature = "csv")]
fn number_text(v: &crate::record::Value) -> String {
    v.number().map(|n| n.to_string()).unwrap_or_default()
}

/// A CSV error as an I/O error, keeping its kind (a broken pipe must stay one).
#[cfg(feature = "csv")]
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}
