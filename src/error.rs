//! Failing to read a file. Everything about a report's content is data (checks, issues);
//! only a file that cannot be read at all is an [`Error`], and it becomes the record's `error`.

use std::fmt;

/// What went wrong, with a stable code for the record's `error.code`.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    /// Where it happened: "page 4", "object 12 0", "word/document.xml" ...
    place: Option<String>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be opened or read.
    Io(String),
    /// The bytes are none of the formats we read.
    UnsupportedFormat(String),
    /// Encrypted with a password we do not have.
    Encrypted(String),
    /// The container is damaged: truncated, malformed, inconsistent.
    Corrupt(String),
    /// A size or count limit was passed (decompression bomb, too many pages).
    TooLarge(String),
    /// The per-file deadline passed.
    Timeout(String),
    /// A bug of ours (a caught panic).
    Internal(String),
}

impl Error {
    pub fn new(kind: ErrorKind) -> Error {
        Error {
            kind,
            place: None,
            source: None,
        }
    }

    pub fn corrupt(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Corrupt(msg.into()))
    }

    pub fn unsupported(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::UnsupportedFormat(msg.into()))
    }

    pub fn too_large(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::TooLarge(msg.into()))
    }

    pub fn timeout(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Timeout(msg.into()))
    }

    pub fn at(mut self, place: impl Into<String>) -> Error {
        if self.place.is_none() {
            self.place = Some(place.into());
        }
        self
    }

    pub fn with_source(mut self, e: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.source = Some(Box::new(e));
        self
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The stable code of SCHEMA.md's error object.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ErrorKind::Io(_) => "io",
            ErrorKind::UnsupportedFormat(_) => "unsupported_format",
            ErrorKind::Encrypted(_) => "encrypted",
            ErrorKind::Corrupt(_) => "corrupt",
            ErrorKind::TooLarge(_) => "too_large",
            ErrorKind::Timeout(_) => "timeout",
            ErrorKind::Internal(_) => "internal",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let msg = match &self.kind {
            ErrorKind::Io(m) => format!("cannot read the file: {m}"),
            ErrorKind::UnsupportedFormat(m) => format!("unsupported format: {m}"),
            ErrorKind::Encrypted(m) => format!("encrypted: {m}"),
            ErrorKind::Corrupt(m) => format!("damaged file: {m}"),
            ErrorKind::TooLarge(m) => format!("over a size limit: {m}"),
            ErrorKind::Timeout(m) => format!("time limit passed: {m}"),
            ErrorKind::Internal(m) => format!("internal error: {m}"),
        };
        f.write_str(&msg)?;
        if let Some(p) = &self.place {
            write!(f, " (at {p})")?;
        }
        if let Some(s) = &self.source {
            write!(f, ": {s}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io(e.kind().to_string())).with_source(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;
