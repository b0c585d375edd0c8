//! JSON lines: the journal of a run, and the reading back of one for `--resume`.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use serde::Deserialize;

use super::Writer;
use crate::batch::PathSet;
use crate::record::Record;

/// One record a line, each written with one `write` and flushed; `pretty` indents each record
/// for people (the output is then not JSONL).
pub struct Jsonl<W: Write> {
    out: W,
    pretty: bool,
    buf: Vec<u8>,
}

impl<W: Write> Jsonl<W> {
    pub fn new(out: W, pretty: bool) -> Jsonl<W> {
        Jsonl {
            out,
            pretty,
            buf: Vec::with_capacity(16 << 10),
        }
    }
}

impl<W: Write> Writer for Jsonl<W> {
    fn record(&mut self, rec: &Record) -> io::Result<()> {
        self.buf.clear();
        if self.pretty {
            serde_json::to_writer_pretty(&mut self.buf, rec)?;
        } else {
            serde_json::to_writer(&mut self.buf, rec)?;
        }
        self.buf.push(b'\n');
        self.out.write_all(&self.buf)?;
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// What an existing journal holds.
#[derive(Debug, Default)]
pub struct Journal {
    /// The paths that have a record, error records included.
    pub done: PathSet,
    pub records: u64,
    /// A torn last line was dropped (the file was cut back to the last whole line).
    pub torn: bool,
    /// Whole lines that are not records (1-based line numbers): kept, but their files are redone.
    pub bad_lines: Vec<u64>,
}

#[derive(Deserialize)]
struct Seen {
    source: SeenSource,
}

#[derive(Deserialize)]
struct SeenSource {
    path: String,
}

/// Reads the journal at `path` for `--resume`, cuts a torn last line off the file, and opens it
/// for appending. A missing file is an empty journal.
pub fn resume(path: &Path) -> io::Result<(Journal, File)> {
    let mut journal = Journal::default();
    let mut whole = 0u64;
    match File::open(path) {
        Ok(f) => {
            let mut reader = BufReader::new(f);
            let mut line = Vec::new();
            let mut n = 0;
            loop {
                line.clear();
                let len = reader.read_until(b'\n', &mut line)? as u64;
                if len == 0 {
                    break;
                }
                n += 1;
                if line.last() != Some(&b'\n') {
                    journal.torn = true;
                    break;
                }
                whole += len;
                match serde_json::from_slice::<Seen>(&line) {
                    Ok(seen) => {
                        journal.done.insert(&seen.source.path);
                        journal.records += 1;
                    }
                    Err(_) => journal.bad_lines.push(n),
                }
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let file = OpenOptions::new().create(true).append(true).open(path)?;
    if journal.torn {
        file.set_len(whole)?;
    }
    Ok((journal, file))
}

/// Reads the records of a journal one by one; a torn last line ends the reading quietly (the
/// caller hears of it through `torn`), a whole line that is not a record is an error.
pub struct Reader<R: BufRead> {
    input: R,
    line: Vec<u8>,
    pub number: u64,
    pub torn: bool,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Reader<R> {
        Reader {
            input,
            line: Vec::new(),
            number: 0,
            torn: false,
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = io::Result<Record>;

    fn next(&mut self) -> Option<io::Result<Record>> {
        loop {
            self.line.clear();
            match self.input.read_until(b'\n', &mut self.line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
            self.number += 1;
            if self.line.last() != Some(&b'\n') {
                self.torn = true;
                return None;
            }
            if self.line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let parsed = serde_json::from_slice(&self.line).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("line {}: not a record: {e}", self.number),
                )
            });
            return Some(parsed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Source;

    fn rec(path: &str) -> Record {
        Record::failed(
            Source {
                path: path.into(),
                ..Source::default()
            },
            "io",
            "gone",
        )
    }

    #[test]
    fn resume_cuts_a_torn_line_and_knows_the_paths() {
        let dir = std::env::temp_dir().join(format!("xxgk-jsonl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.jsonl");
        let mut w = Jsonl::new(Vec::new(), false);
        w.record(&rec("a")).unwrap();
        w.record(&rec("b")).unwrap();
        let mut bytes = w.out.clone();
        let whole = bytes.len() as u64;
        bytes.extend_from_slice(br#"{"schema_version":1,"sou"#);
        std::fs::write(&path, &bytes).unwrap();
        let (j, _) = resume(&path).unwrap();
        assert!(j.torn);
        assert_eq!(j.records, 2);
        assert!(j.done.contains("a") && j.done.contains("b") && !j.done.contains("c"));
        assert_eq!(std::fs::metadata(&path).unwrap().len(), whole);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
