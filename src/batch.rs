//! Many files to records, in parallel, with nothing lost.
//!
//! Three parties share the work. An enumerator thread walks the inputs lazily (files,
//! directories, lists of paths), drops what belongs to another shard, what a resumed run has
//! already written and what it has already seen, and hands each remaining file, numbered, to a
//! rayon worker — never more than `window` files ahead of the last one written, which bounds the
//! reorder buffer and the memory held by finished records. A worker extracts one file whole,
//! with panics caught, and sends the record back. The calling thread writes each record whole,
//! in input order or as finished, and keeps the [`Summary`].
//!
//! Every file named explicitly gets a record. A file met in a walk gets one unless its content is
//! none of our formats (an image, an archive, a binary): those are skipped and counted, but an
//! empty file or one named like a report (`.pdf`, `.html`, ...) always gets a record, so that a
//! broken download is reported rather than lost.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::adapter::{self, Format};
use crate::pipeline::{self, Options};
use crate::record::{Record, Source};
use crate::write::Writer;

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Worker threads.
    pub jobs: usize,
    pub order: Order,
    pub shard: Option<Shard>,
    /// Passed to every file's extraction.
    pub options: Options,
    /// Walk into symbolic links to directories (loops are detected and skipped).
    pub follow_links: bool,
    /// Paths that already have a record (`--resume`): skipped.
    pub done: PathSet,
    /// Most files handed out beyond the last one written.
    pub window: usize,
    /// Files never read in a walk: the run's own output, when it lies inside a walked folder.
    pub exclude: Vec<PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
        Config {
            jobs,
            order: Order::Input,
            shard: None,
            options: Options::default(),
            follow_links: false,
            done: PathSet::default(),
            window: 64 * jobs,
            exclude: Vec::new(),
        }
    }
}

/// The order records are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// The order the inputs were given and walked in.
    #[default]
    Input,
    /// As each file is finished.
    Done,
}

/// What to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file (always gets a record) or a directory (walked).
    Path(PathBuf),
    /// A file listing one path a line; `-` is standard input.
    List(PathBuf),
}

/// Shard `k` of `n` (1-based): the files whose path, as given, hashes to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u64,
    pub n: u64,
}

impl Shard {
    /// First 8 bytes of SHA-256 of the path (UTF-8), big-endian, modulo `n`, equal to `k - 1`:
    /// any scheduler can split an archive with no coordination.
    pub fn contains(&self, path: &str) -> bool {
        let digest = Sha256::digest(path.as_bytes());
        let head = u64::from_be_bytes(digest[..8].try_into().expect("SHA-256 has 32 bytes"));
        head % self.n == self.k - 1
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is not a shard K/N with 1 <= K <= N");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let k: u64 = k.trim().parse().map_err(|_| bad())?;
        let n: u64 = n.trim().parse().map_err(|_| bad())?;
        if k == 0 || n == 0 || k > n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }
}

/// A set of paths kept as 128-bit digests: a million paths in a few tens of megabytes.
#[derive(Debug, Clone, Default)]
pub struct PathSet(HashSet<u128>);

impl PathSet {
    fn key(path: &str) -> u128 {
        let digest = Sha256::digest(path.as_bytes());
        u128::from_be_bytes(digest[..16].try_into().expect("SHA-256 has 32 bytes"))
    }

    /// False when the path was already in the set.
    pub fn insert(&mut self, path: &str) -> bool {
        self.0.insert(PathSet::key(path))
    }

    pub fn contains(&self, path: &str) -> bool {
        self.0.contains(&PathSet::key(path))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What a run did, for the summary.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Files read by the workers (records + skipped_format).
    pub files: u64,
    pub records: u64,
    /// Files met in a walk whose content is none of our formats.
    pub skipped_format: u64,
    /// Hidden files and directories met in a walk.
    pub skipped_hidden: u64,
    /// Symbolic links to directories not walked (not following links, or a loop).
    pub skipped_links: u64,
    /// Paths that already had a record (`--resume`).
    pub skipped_done: u64,
    /// Paths of other shards.
    pub skipped_shard: u64,
    /// Paths given or met more than once: one record only.
    pub duplicates: u64,
    /// Directories or list files that could not be read.
    pub walk_errors: u64,
    /// Error records by error code.
    pub errors: BTreeMap<String, u64>,
    /// Records without error by template (`none` for a document that is not a report).
    pub templates: BTreeMap<String, u64>,
    /// Failed checks by rule.
    pub failed_checks: BTreeMap<String, u64>,
    pub elapsed: Duration,
}

impl Summary {
    /// Some input could not be read: an error record or a directory that could not be walked.
    pub fn failed(&self) -> bool {
        self.walk_errors > 0 || !self.errors.is_empty()
    }

    fn count(&mut self, rec: &Record) {
        self.records += 1;
        if let Some(e) = &rec.error {
            *self.errors.entry(e.code.clone()).or_default() += 1;
            return;
        }
        let template = rec
            .report
            .as_ref()
            .and_then(|r| r.template.clone())
            .unwrap_or_else(|| "none".into());
        *self.templates.entry(template).or_default() += 1;
        for c in rec.checks.iter().filter(|c| c.ok == Some(false)) {
            *self.failed_checks.entry(c.rule.clone()).or_default() += 1;
        }
    }
}

/// Hears about the run as it goes, on the calling thread (progress bars, messages).
pub trait Observer {
    /// `n` files handed out so far; `complete` once the inputs are all listed.
    fn found(&mut self, _n: u64, _complete: bool) {}
    /// One file finished: its record, or `None` when it was skipped as none of our formats.
    fn done(&mut self, _rec: Option<&Record>) {}
    /// Something the user must hear about that is not a record (a directory not readable).
    fn warn(&mut self, _message: &str) {}
}

/// An observer that hears nothing.
impl Observer for () {}

enum Outcome {
    Record(Box<Record>),
    Skipped,
}

enum Msg {
    Done(u64, Outcome),
    Found(u64),
    Warn(String),
    Listed(Listing),
}

/// What the enumerator counted.
#[derive(Default)]
struct Listing {
    handed_out: u64,
    skipped_hidden: u64,
    skipped_links: u64,
    skipped_done: u64,
    skipped_shard: u64,
    duplicates: u64,
    walk_errors: u64,
}

/// Lets the enumerator run at most `window` files ahead of the writer, and stops it.
struct Gate {
    state: Mutex<(u64, bool)>,
    cv: Condvar,
    window: u64,
}

impl Gate {
    /// Waits until file `seq` may be handed out; false when the run is stopping.
    fn admit(&self, seq: u64) -> bool {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !st.1 && seq >= st.0 + self.window {
            st = self.cv.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        !st.1
    }

    fn written(&self, n: u64) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).0 = n;
        self.cv.notify_all();
    }

    fn stop(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).1 = true;
        self.cv.notify_all();
    }

    fn stopped(&self) -> bool {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).1
    }
}

/// Extracts every input and writes each record with `writer`. An `Err` is a failure to write
/// the output (a broken pipe included) or to start the workers; a file that cannot be read is
/// a record.
pub fn run(
    inputs: &[Input],
    config: &Config,
    writer: &mut dyn Writer,
    observer: &mut dyn Observer,
) -> io::Result<Summary> {
    let start = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs.max(1))
        .thread_name(|i| format!("{WORKER}{i}"))
        // Parsers of nested markup recurse; a stack overflow aborts the whole run, which no
        // catch_unwind can turn into a record. Reserved, not committed, until used.
        .stack_size(WORKER_STACK)
        .build()
        .map_err(io::Error::other)?;
    let gate = Gate {
        state: Mutex::new((0, false)),
        cv: Condvar::new(),
        window: config.window.max(1) as u64,
    };
    let options = Arc::new(config.options.clone());
    let (tx, rx) = mpsc::channel::<Msg>();
    let mut summary = Summary::default();

    writer.begin()?;
    let result = std::thread::scope(|scope| {
        let gate = &gate;
        let pool = &pool;
        scope.spawn(move || {
            let mut walk = Enumerator {
                config,
                gate,
                pool,
                options,
                tx,
                seen: PathSet::default(),
                listing: Listing::default(),
            };
            let listed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                for input in inputs {
                    walk.input(input);
                }
            }));
            if listed.is_err() {
                walk.walk_error("a bug in xxgk stopped the listing of the inputs".into());
            }
            let listing = std::mem::take(&mut walk.listing);
            let _ = walk.tx.send(Msg::Listed(listing));
        });
        let r = receive(&rx, config.order, writer, observer, gate, &mut summary);
        if r.is_err() {
            gate.stop();
        }
        r
    });
    result?;
    writer.finish()?;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// The calling thread's part: reorder, write, count.
fn receive(
    rx: &mpsc::Receiver<Msg>,
    order: Order,
    writer: &mut dyn Writer,
    observer: &mut dyn Observer,
    gate: &Gate,
    summary: &mut Summary,
) -> io::Result<()> {
    let mut pending: BTreeMap<u64, Outcome> = BTreeMap::new();
    let mut written = 0u64;
    let mut total = None;
    while total != Some(written) {
        let Ok(msg) = rx.recv() else {
            return Err(io::Error::other("the file enumerator stopped unexpectedly"));
        };
        match msg {
            Msg::Found(n) => observer.found(n, false),
            Msg::Warn(w) => observer.warn(&w),
            Msg::Listed(l) => {
                observer.found(l.handed_out, true);
                total = Some(l.handed_out);
                summary.skipped_hidden = l.skipped_hidden;
                summary.skipped_links = l.skipped_links;
                summary.skipped_done = l.skipped_done;
                summary.skipped_shard = l.skipped_shard;
                summary.duplicates = l.duplicates;
                summary.walk_errors = l.walk_errors;
            }
            Msg::Done(seq, outcome) => {
                pending.insert(seq, outcome);
                let before = written;
                loop {
                    let next = match order {
                        Order::Input => pending.remove(&written),
                        Order::Done => pending.pop_first().map(|(_, o)| o),
                    };
                    let Some(outcome) = next else { break };
                    written += 1;
                    summary.files += 1;
                    match outcome {
                        Outcome::Record(rec) => {
                            summary.count(&rec);
                            // Told before the writer takes the record away.
                            observer.done(Some(&rec));
                            writer.record_owned(rec)?;
                        }
                        Outcome::Skipped => {
                            summary.skipped_format += 1;
                            observer.done(None);
                        }
                    }
                }
                if written != before {
                    gate.written(written);
                }
            }
        }
    }
    Ok(())
}

const WORKER: &str = "xxgk-worker-";
const WORKER_STACK: usize = 64 << 20;

/// Walks the inputs and hands files to the workers.
struct Enumerator<'a> {
    config: &'a Config,
    gate: &'a Gate,
    pool: &'a rayon::ThreadPool,
    options: Arc<Options>,
    tx: Sender<Msg>,
    seen: PathSet,
    listing: Listing,
}

struct Item {
    path: PathBuf,
    /// Named on the command line or in a list: always gets a record.
    named: bool,
}

impl Enumerator<'_> {
    fn input(&mut self, input: &Input) {
        match input {
            Input::Path(p) => self.named(p.clone()),
            Input::List(list) => {
                let reader: Box<dyn BufRead> = if list.as_os_str() == "-" {
                    Box::new(io::stdin().lock())
                } else {
                    match fs::File::open(list) {
                        Ok(f) => Box::new(io::BufReader::new(f)),
                        Err(e) => {
                            return self.walk_error(format!(
                                "{}: cannot read the list: {e}",
                                list.display()
                            ));
                        }
                    }
                };
                for line in reader.split(b'\n') {
                    if self.gate.stopped() {
                        return;
                    }
                    match line {
                        Ok(mut bytes) => {
                            if bytes.last() == Some(&b'\r') {
                                bytes.pop();
                            }
                            if !bytes.is_empty() {
                                self.named(path_from_bytes(bytes));
                            }
                        }
                        Err(e) => {
                            return self.walk_error(format!(
                                "{}: cannot read the list: {e}",
                                list.display()
                            ));
                        }
                    }
                }
            }
        }
    }

    fn named(&mut self, path: PathBuf) {
        if path.is_dir() {
            self.walk(path);
        } else {
            self.offer(Item { path, named: true });
        }
    }

    /// Depth first, entries in name order; hidden entries skipped; links to directories
    /// followed only when asked, and never into a directory that is its own ancestor.
    fn walk(&mut self, root: PathBuf) {
        let mut ancestors: Vec<PathBuf> = Vec::new();
        let mut stack: Vec<(Vec<fs::DirEntry>, Option<PathBuf>)> = Vec::new();
        self.enter(&root, &mut ancestors, &mut stack);
        while let Some((entries, _)) = stack.last_mut() {
            if self.gate.stopped() {
                return;
            }
            let Some(entry) = entries.pop() else {
                if let Some((_, Some(_))) = stack.pop() {
                    ancestors.pop();
                }
                continue;
            };
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                self.listing.skipped_hidden += 1;
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                self.offer(Item { path, named: false });
                continue;
            };
            let is_dir = if kind.is_symlink() {
                let target_is_dir = fs::metadata(&path).is_ok_and(|m| m.is_dir());
                if target_is_dir && !self.config.follow_links {
                    self.listing.skipped_links += 1;
                    continue;
                }
                target_is_dir
            } else {
                kind.is_dir()
            };
            if is_dir {
                self.enter(&path, &mut ancestors, &mut stack);
            } else {
                self.offer(Item { path, named: false });
            }
        }
    }

    /// Pushes a directory's entries (sorted, reversed for popping) unless it is a loop.
    fn enter(
        &mut self,
        dir: &Path,
        ancestors: &mut Vec<PathBuf>,
        stack: &mut Vec<(Vec<fs::DirEntry>, Option<PathBuf>)>,
    ) {
        let canonical = if self.config.follow_links {
            match fs::canonicalize(dir) {
                Ok(c) if ancestors.contains(&c) => {
                    self.listing.skipped_links += 1;
                    let _ = self.tx.send(Msg::Warn(format!(
                        "{}: a link back to a directory above it, not walked",
                        dir.display()
                    )));
                    return;
                }
                Ok(c) => Some(c),
                Err(_) => None,
            }
        } else {
            None
        };
        let read = fs::read_dir(dir).and_then(|rd| rd.collect::<io::Result<Vec<_>>>());
        match read {
            Ok(mut entries) => {
                entries.sort_by_key(|e| std::cmp::Reverse(e.file_name()));
                if let Some(c) = &canonical {
                    ancestors.push(c.clone());
                }
                stack.push((entries, canonical));
            }
            Err(e) => self.walk_error(format!("{}: cannot read the directory: {e}", dir.display())),
        }
    }

    /// Compared by name first, so that only a namesake costs a `canonicalize`.
    fn excluded(&self, path: &Path) -> bool {
        self.config.exclude.iter().any(|x| {
            x.file_name() == path.file_name() && fs::canonicalize(path).is_ok_and(|c| c == *x)
        })
    }

    fn walk_error(&mut self, message: String) {
        self.listing.walk_errors += 1;
        let _ = self.tx.send(Msg::Warn(message));
    }

    fn offer(&mut self, item: Item) {
        if !item.named && self.excluded(&item.path) {
            return;
        }
        let shown = item.path.to_string_lossy();
        if self.config.shard.is_some_and(|s| !s.contains(&shown)) {
            self.listing.skipped_shard += 1;
            return;
        }
        if self.config.done.contains(&shown) {
            self.listing.skipped_done += 1;
            return;
        }
        if !self.seen.insert(&shown) {
            self.listing.duplicates += 1;
            return;
        }
        let seq = self.listing.handed_out;
        if !self.gate.admit(seq) {
            return;
        }
        self.listing.handed_out += 1;
        if self.listing.handed_out.is_multiple_of(64) {
            let _ = self.tx.send(Msg::Found(self.listing.handed_out));
        }
        let tx = self.tx.clone();
        let options = Arc::clone(&self.options);
        self.pool.spawn(move || {
            let outcome = process(&item, &options);
            let _ = tx.send(Msg::Done(seq, outcome));
        });
    }
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// One file, whole; a panic becomes the file's `internal` error record.
fn process(item: &Item, options: &Options) -> Outcome {
    let shown = item.path.to_string_lossy().into_owned();
    let run = std::panic::AssertUnwindSafe(|| {
        test_panic(&shown);
        extract_item(item, &shown, options)
    });
    match std::panic::catch_unwind(run) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            let place = crate::pipeline::PANIC_PLACE
                .with(|p| p.borrow_mut().take())
                .map(|p| format!(" at {p}"))
                .unwrap_or_default();
            let source = Source {
                path: shown,
                ..Source::default()
            };
            Outcome::Record(Box::new(Record::failed(
                source,
                "internal",
                format!("a bug in xxgk: {what}{place}"),
            )))
        }
    }
}

/// Largest prefix sniffed to decide whether a walked file is one of ours.
const SNIFF_BYTES: usize = 1 << 20;

fn extract_item(item: &Item, shown: &str, options: &Options) -> Outcome {
    let record = |rec: Record| Outcome::Record(Box::new(rec));
    if item.named {
        return record(pipeline::extract(&item.path, options));
    }
    let too_large = match fs::metadata(&item.path) {
        Ok(meta) => options.max_file_bytes.is_some_and(|max| meta.len() > max),
        Err(_) => return record(pipeline::extract(&item.path, options)),
    };
    if too_large {
        let mut head = Vec::new();
        let read = fs::File::open(&item.path)
            .and_then(|f| f.take(SNIFF_BYTES as u64).read_to_end(&mut head));
        if read.is_ok() && !is_ours(&head, &item.path) {
            return Outcome::Skipped;
        }
        return record(pipeline::extract(&item.path, options));
    }
    match fs::read(&item.path) {
        Ok(bytes) if !is_ours(&bytes, &item.path) => Outcome::Skipped,
        Ok(bytes) => record(pipeline::extract_bytes_in(
            &bytes,
            shown,
            item.path.parent(),
            options,
        )),
        Err(_) => record(pipeline::extract(&item.path, options)),
    }
}

/// Empty, named like a report, or sniffed as one of our formats.
fn is_ours(bytes: &[u8], path: &Path) -> bool {
    const FORMATS: [Format; 7] = [
        Format::Pdf,
        Format::Html,
        Format::Docx,
        Format::Xlsx,
        Format::Xls,
        Format::Ods,
        Format::Text,
    ];
    if bytes.is_empty() {
        return true;
    }
    if let Some(ext) = path.extension().and_then(|e| e.to_str())
        && FORMATS.iter().any(|f| f.matches_extension(ext))
    {
        return true;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    // A prefix may end inside a multi-byte character: try it shortened by up to 3 bytes.
    let cut = if head.len() < bytes.len() {
        3.min(head.len())
    } else {
        0
    };
    (0..=cut).any(|n| adapter::sniff(&head[..head.len() - n]).is_some())
}

/// Keeps panics in workers off stderr (they become error records, which say where they
/// happened); panics elsewhere go to the hook that was installed before. For programs.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with(WORKER))
        {
            let place = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            crate::pipeline::PANIC_PLACE.with(|p| *p.borrow_mut() = place);
        } else {
            previous(info);
        }
    }));
}

/// Test hook, for the tests of "a panic in one file leaves the others intact": when the
/// environment variable `XXGK_TEST_PANIC` is set and non-empty, a file whose path contains its
/// value panics in its worker. Read once per process.
fn test_panic(path: &str) {
    static NEEDLE: OnceLock<Option<String>> = OnceLock::new();
    let needle = NEEDLE.get_or_init(|| {
        std::env::var("XXGK_TEST_PANIC")
            .ok()
            .filter(|s| !s.is_empty())
    });
    if let Some(n) = needle
        && path.contains(n.as_str())
    {
        panic!("XXGK_TEST_PANIC: a panic injected for {path}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_paths() {
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { k, n: 3 }).collect();
        for i in 0..300 {
            let p = format!("dir/{i}.pdf");
            assert_eq!(shards.iter().filter(|s| s.contains(&p)).count(), 1);
        }
    }

    #[test]
    fn shard_is_first_eight_bytes_big_endian() {
        // SHA-256("a") = ca978112ca1bbdca...
        let head = 0xca978112ca1bbdcau64;
        let n = 7;
        assert!(Shard { k: head % n + 1, n }.contains("a"));
    }

    #[test]
    fn shard_syntax() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { k: 2, n: 3 }));
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn images_are_not_ours_but_report_names_are() {
        let png = [0x89, b'P', b'N', b'G', 0, 0, 0, 0x0d, 0xff, 0x00];
        assert!(!is_ours(&png, Path::new("a/b.png")));
        assert!(is_ours(&png, Path::new("a/b.pdf")));
        assert!(is_ours(b"", Path::new("a/b.png")));
        assert!(is_ours("二、上年结转".as_bytes(), Path::new("a/b")));
    }
}
