//! The structure of an OLE2 compound file (MS-CFB), checked before calamine reads an XLS, and
//! the workbook stream as calamine will read it.
//!
//! calamine's compound-file reader trusts the file: a sector chain that points past the end
//! panics in a slice (`slice index starts at 12800 but ends at 12752`), a sector with no FAT
//! entry panics in an index, a FAT or DIFAT sector cut short panics in an assertion, and a
//! directory chain that loops grows a buffer until memory runs out. This module walks the same
//! structures in the same order as calamine 0.38 (`cfb.rs`: header, DIFAT chain, FAT sectors,
//! directory chain, mini stream and mini FAT, then the `Workbook` or `Book` stream) and refuses
//! the file as `corrupt`, saying which structure and which sector, where calamine would fail.
//! Only what calamine reads is checked, so a file it reads whole is never refused here.
//!
//! It reads as calamine reads, not as the format says: the directory entries are taken in
//! order whatever their type and tree links (a strict reader such as the `cfb` crate refuses
//! damage there that calamine walks past), and a sector is served from calamine's buffer of the
//! file, which is padded with zeros once a read has met the end. The stream it returns is
//! therefore the one whose records calamine parses (see `biff.rs`).

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashSet;

use crate::error::{Error, Result};

const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector ids at or above this are markers, not sectors (MAXREGSECT + 1).
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Streams shorter than this live in the mini stream (calamine's cut-off, as the format's).
const MINI_CUTOFF: usize = 4096;
const MINI_SECTOR: usize = 64;

/// Checks what calamine will read of the compound file `bytes` and returns the workbook stream
/// (`Workbook`, else `Book`) as calamine will parse it; `None` where calamine finds no such
/// stream or reports the damage itself, without a panic.
pub fn workbook(bytes: &[u8]) -> Result<Option<Cow<'_, [u8]>>> {
    let file = File::open(bytes)?;
    let fats = file.fat()?;
    let dirs = file.chain(file.dir_start, &fats, usize::MAX, "the directory")?;
    let entries: Vec<Entry> = dirs
        .chunks(128)
        .filter(|c| c.len() == 128)
        .map(|c| Entry::parse(c, file.sector))
        .collect();
    let Some(root) = entries.first() else {
        // calamine reports an empty directory itself.
        return Ok(None);
    };
    if file.version != 3 && root.start == ENDOFCHAIN {
        return Ok(None);
    }
    let (ministream, minifat) = if file.mini_fat_len > 0 {
        let ministream = file.chain(root.start, &fats, root.len, "the mini stream")?;
        let len = file.mini_fat_len.saturating_mul(file.sector);
        let minifat = file.chain(file.mini_fat_start, &fats, len, "the mini FAT")?;
        (ministream.into_owned(), u32s(&minifat).collect())
    } else {
        (Vec::new(), Vec::new())
    };
    let mini = Mini {
        stream: &ministream,
        fat: minifat,
        maxid: file.maxid().saturating_mul(8),
    };
    // As calamine: the first entry named Workbook, else the first named Book, whatever kind
    // of entry it is.
    let find = |name: &str| entries.iter().find(|e| e.name.eq_ignore_ascii_case(name));
    let stream = |e: &Entry| -> std::result::Result<Cow<'_, [u8]>, Stop> {
        let what = format!("the {} stream", e.name);
        if e.len < MINI_CUTOFF {
            mini.chain(e.start, e.len, &what).map(Cow::Owned)
        } else {
            file.chain(e.start, &fats, e.len, &what)
        }
    };
    let book = || match find("Book") {
        Some(b) => stream(b).map(Some).map_err(|s| s.error),
        None => Ok(None),
    };
    match find("Workbook") {
        Some(w) => match stream(w) {
            Ok(s) => Ok(Some(s)),
            // calamine tries the Book stream where reading the Workbook stream returns an
            // error; where it would panic, it never gets there.
            Err(Stop { error, reported }) if reported => match book() {
                Ok(Some(s)) => Ok(Some(s)),
                _ => Err(error),
            },
            Err(stop) => Err(stop.error),
        },
        None => book(),
    }
}

/// Where a walk stops: damage that calamine reports as an error of its own (`reported`, a
/// sector id past its bound; it then tries the Book stream) or would panic, loop or abort on.
struct Stop {
    error: Error,
    reported: bool,
}

impl Stop {
    fn fatal(msg: String) -> Stop {
        Stop {
            error: Error::corrupt(msg),
            reported: false,
        }
    }

    fn reported(msg: String) -> Stop {
        Stop {
            error: Error::corrupt(msg),
            reported: true,
        }
    }
}

impl From<Stop> for Error {
    fn from(s: Stop) -> Error {
        s.error
    }
}

/// Checks what calamine will read of the compound file `bytes` (see [`workbook`]).
#[cfg(test)]
pub fn check(bytes: &[u8]) -> Result<()> {
    workbook(bytes).map(|_| ())
}

/// The header's fields that calamine uses, over the whole file.
struct File<'a> {
    bytes: &'a [u8],
    sector: usize,
    version: u16,
    dir_start: u32,
    mini_fat_start: u32,
    mini_fat_len: usize,
    difat_start: u32,
    /// The 109 DIFAT entries of the header.
    difat: Vec<u32>,
    /// The length of calamine's buffer of the sectors (the file after its header): it grows
    /// by whole sectors as far as a read has reached, padded with zeros past the end.
    buffered: Cell<usize>,
}

impl<'a> File<'a> {
    fn open(bytes: &'a [u8]) -> Result<File<'a>> {
        if bytes.len() < 512 || bytes[..8] != SIGNATURE {
            return Err(Error::corrupt(format!(
                "the compound file header is cut short or unsigned ({} bytes)",
                bytes.len()
            )));
        }
        let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
        let u32_at =
            |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let sector = match u16_at(30) {
            9 => 512,
            12 => 4096,
            s => {
                return Err(Error::corrupt(format!(
                    "the compound file header gives a sector shift of {s}, not 9 or 12"
                )));
            }
        };
        if bytes.len() < sector {
            return Err(Error::corrupt(format!(
                "the compound file header is cut short ({} bytes, sectors of {sector})",
                bytes.len()
            )));
        }
        if u16_at(32) != 6 {
            return Err(Error::corrupt(format!(
                "the compound file header gives a mini sector shift of {}, not 6",
                u16_at(32)
            )));
        }
        Ok(File {
            bytes,
            sector,
            version: u16_at(26),
            dir_start: u32_at(48),
            mini_fat_start: u32_at(60),
            mini_fat_len: u32_at(64) as usize,
            difat_start: u32_at(68),
            difat: u32s(&bytes[76..512]).collect(),
            buffered: Cell::new(0),
        })
    }

    /// The highest sector id calamine accepts: the file's length in sectors.
    fn maxid(&self) -> usize {
        self.bytes.len() / self.sector
    }

    /// The sectors that start inside the file (the header takes the place of one).
    fn sectors(&self) -> usize {
        (self.bytes.len() / self.sector).saturating_sub(1) + usize::from(self.partial() > 0)
    }

    fn partial(&self) -> usize {
        self.bytes.len() % self.sector
    }

    /// Sector `id` as calamine's buffer serves it: read from the file, cut short where a read
    /// meets the end of the file, zeros where an earlier read padded the buffer; an error
    /// where calamine refuses the id or would slice past its buffer.
    fn get(&self, id: u32, what: &str) -> std::result::Result<Cow<'a, [u8]>, Stop> {
        if id as usize > self.maxid() {
            return Err(Stop::reported(format!(
                "{what} runs to sector {id}, past the end of the file (it would start at byte \
                 {}; the file has {} bytes)",
                (u64::from(id) + 1) * self.sector as u64,
                self.bytes.len()
            )));
        }
        // Offsets in the buffer, which starts after the header.
        let real = self.bytes.len() - self.sector;
        let start = id as usize * self.sector;
        let end = start + self.sector;
        let buffered = self.buffered.get();
        let to = if end > buffered {
            self.buffered.set(end);
            if end > real {
                // The read meets the end of the file: calamine returns what the buffer held
                // or read, and slices from `start` whatever that is.
                let reached = buffered.max(real);
                if start > reached {
                    return Err(Stop::fatal(format!(
                        "{what} runs to sector {id}, past the end of the file (it would \
                         start at byte {}; the file has {} bytes)",
                        start + self.sector,
                        self.bytes.len()
                    )));
                }
                reached
            } else {
                end
            }
        } else {
            end
        };
        Ok(self.buffer(start, to))
    }

    /// Bytes `from..to` of calamine's buffer: the file after its header, then zeros.
    fn buffer(&self, from: usize, to: usize) -> Cow<'a, [u8]> {
        let real = &self.bytes[self.sector..];
        if to <= real.len() {
            Cow::Borrowed(&real[from..to])
        } else {
            let mut v = real[from.min(real.len())..].to_vec();
            v.resize(to - from, 0);
            Cow::Owned(v)
        }
    }

    /// Sector `id` whole: a FAT or DIFAT sector cut short by the end of the file is damage
    /// (calamine asserts on one whose length is no multiple of 4).
    fn whole(&self, id: u32, what: &str) -> std::result::Result<Cow<'a, [u8]>, Stop> {
        let s = self.get(id, what)?;
        if s.len() < self.sector {
            return Err(Stop::fatal(format!(
                "{what} sector {id} is cut short by the end of the file ({} of {} bytes)",
                s.len(),
                self.sector
            )));
        }
        Ok(s)
    }

    /// The FAT, read through the DIFAT as calamine reads it.
    fn fat(&self) -> Result<Vec<u32>> {
        let mut difat = self.difat.clone();
        let mut id = self.difat_start;
        let mut seen = HashSet::new();
        while id < RESERVED {
            if !seen.insert(id) {
                return Err(Error::corrupt(format!(
                    "the DIFAT chain loops back to sector {id}"
                )));
            }
            difat.extend(u32s(&self.whole(id, "the DIFAT")?));
            id = difat.pop().unwrap_or(ENDOFCHAIN);
        }
        let listed: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
        // Each FAT sector listed is read whole; more than the file has sectors is no FAT but
        // a way to make the reader allocate without bound.
        if listed.len() > self.sectors() {
            return Err(Error::corrupt(format!(
                "the DIFAT lists {} FAT sectors, more than the {} sectors of the file",
                listed.len(),
                self.sectors()
            )));
        }
        let mut fat = Vec::with_capacity(listed.len() * self.sector / 4);
        for id in listed {
            fat.extend(u32s(&self.whole(id, "the FAT")?));
        }
        Ok(fat)
    }

    /// The first `len` bytes of the chain from `start` (the whole chain for `usize::MAX`),
    /// walked as calamine walks it: a sector is read before the length is tested, the next
    /// one is looked up only when more is wanted. Borrowed from the file while the chain's
    /// sectors follow one another in it, as writers mostly lay streams out.
    fn chain(
        &self,
        start: u32,
        fat: &[u32],
        len: usize,
        what: &str,
    ) -> std::result::Result<Cow<'a, [u8]>, Stop> {
        let mut out = Chunks::default();
        let mut seen = HashSet::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            if !seen.insert(id) {
                return Err(Stop::fatal(format!(
                    "the sector chain of {what} loops back to sector {id}"
                )));
            }
            let s = self.get(id, what)?;
            let take = s.len().min(len - out.len());
            out.push(self.bytes, cut(s, take));
            if out.len() >= len {
                break;
            }
            id = next(fat, id, what, "FAT")?;
        }
        Ok(out.into_cow())
    }
}

/// The first `n` bytes of a sector.
fn cut(s: Cow<'_, [u8]>, n: usize) -> Cow<'_, [u8]> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(&b[..n]),
        Cow::Owned(mut v) => {
            v.truncate(n);
            Cow::Owned(v)
        }
    }
}

/// A stream gathered sector by sector: a slice of the file while its pieces are adjacent in
/// it, a copy from the first piece that is not.
#[derive(Default)]
enum Chunks<'a> {
    #[default]
    Empty,
    Slice(&'a [u8]),
    Copy(Vec<u8>),
}

impl<'a> Chunks<'a> {
    fn len(&self) -> usize {
        match self {
            Chunks::Empty => 0,
            Chunks::Slice(s) => s.len(),
            Chunks::Copy(v) => v.len(),
        }
    }

    fn push(&mut self, file: &'a [u8], piece: Cow<'a, [u8]>) {
        let joined = match (&*self, &piece) {
            (Chunks::Empty, Cow::Borrowed(p)) => Some(*p),
            (Chunks::Slice(s), Cow::Borrowed(p)) => adjacent(file, s, p),
            _ => None,
        };
        *self = match (std::mem::take(self), joined) {
            (_, Some(s)) => Chunks::Slice(s),
            (Chunks::Empty, None) => Chunks::Copy(piece.into_owned()),
            (Chunks::Slice(s), None) => Chunks::Copy([s, &piece[..]].concat()),
            (Chunks::Copy(mut v), None) => {
                v.extend_from_slice(&piece);
                Chunks::Copy(v)
            }
        };
    }

    fn into_cow(self) -> Cow<'a, [u8]> {
        match self {
            Chunks::Empty => Cow::Borrowed(&[]),
            Chunks::Slice(s) => Cow::Borrowed(s),
            Chunks::Copy(v) => Cow::Owned(v),
        }
    }
}

/// `a` and `b` as one slice of `file` where `b` starts where `a` ends.
fn adjacent<'a>(file: &'a [u8], a: &'a [u8], b: &'a [u8]) -> Option<&'a [u8]> {
    let base = file.as_ptr() as usize;
    let (a0, b0) = (a.as_ptr() as usize - base, b.as_ptr() as usize - base);
    (a0 + a.len() == b0).then(|| &file[a0..b0 + b.len()])
}

/// The mini stream (the root entry's stream, in sectors of 64 bytes) and its FAT.
struct Mini<'a> {
    stream: &'a [u8],
    fat: Vec<u32>,
    /// The highest mini sector id calamine accepts.
    maxid: usize,
}

impl Mini<'_> {
    /// The first `len` bytes of the mini chain from `start`. calamine fills a mini sector
    /// that runs past the end of the mini stream from wherever its file reader then is, so
    /// such a sector is damage here.
    fn chain(&self, start: u32, len: usize, what: &str) -> std::result::Result<Vec<u8>, Stop> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            if !seen.insert(id) {
                return Err(Stop::fatal(format!(
                    "the mini sector chain of {what} loops back to mini sector {id}"
                )));
            }
            let at = id as usize * MINI_SECTOR;
            if id as usize > self.maxid {
                return Err(Stop::reported(format!(
                    "{what} runs to mini sector {id}, past the end of the file (it would start \
                     at byte {at} of the mini stream)"
                )));
            }
            if at + MINI_SECTOR > self.stream.len() {
                return Err(Stop::fatal(format!(
                    "{what} runs to mini sector {id}, past the end of the mini stream (it \
                     would end at byte {}; the mini stream has {} bytes)",
                    at + MINI_SECTOR,
                    self.stream.len()
                )));
            }
            let s = &self.stream[at..at + MINI_SECTOR];
            out.extend_from_slice(&s[..s.len().min(len - out.len())]);
            if out.len() >= len {
                break;
            }
            id = next(&self.fat, id, what, "mini FAT")?;
        }
        Ok(out)
    }
}

/// The entry after `id` in a FAT.
fn next(fat: &[u32], id: u32, what: &str, which: &str) -> std::result::Result<u32, Stop> {
    fat.get(id as usize).copied().ok_or_else(|| {
        Stop::fatal(format!(
            "{what} runs to sector {id}, which the {which} does not cover ({} entries)",
            fat.len()
        ))
    })
}

/// A directory entry: its name and stream.
struct Entry {
    name: String,
    start: u32,
    len: usize,
}

impl Entry {
    fn parse(b: &[u8], sector: usize) -> Entry {
        // As calamine decodes it: UTF-16LE unless a byte order mark says otherwise, cut at
        // the first zero byte of the text.
        let mut name = encoding_rs::UTF_16LE.decode(&b[..64]).0.into_owned();
        if let Some(end) = name.bytes().position(|c| c == 0) {
            name.truncate(end);
        }
        let start = u32::from_le_bytes([b[116], b[117], b[118], b[119]]);
        // 32 bits of size in files of 512-byte sectors, 64 in files of 4096-byte sectors.
        let low = u32::from_le_bytes([b[120], b[121], b[122], b[123]]) as u64;
        let high = u32::from_le_bytes([b[124], b[125], b[126], b[127]]) as u64;
        let len = if sector == 512 { low } else { low | high << 32 };
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        Entry { name, start, len }
    }
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal version 3 file: header, one FAT sector (0), one directory sector (1) with a
    /// root entry and a Workbook stream of 4096 bytes in sectors 2..=9.
    fn file() -> Vec<u8> {
        let mut b = vec![0u8; 512 * 11];
        b[..8].copy_from_slice(&SIGNATURE);
        b[26] = 3;
        b[30] = 9;
        b[32] = 6;
        b[44] = 1; // one FAT sector
        b[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
        b[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        b[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        for i in 0..109 {
            b[76 + 4 * i..80 + 4 * i].copy_from_slice(&u32::MAX.to_le_bytes());
        }
        b[76..80].copy_from_slice(&0u32.to_le_bytes());
        let fat = |b: &mut Vec<u8>, i: usize, v: u32| {
            b[512 + 4 * i..516 + 4 * i].copy_from_slice(&v.to_le_bytes())
        };
        fat(&mut b, 0, 0xFFFF_FFFD);
        fat(&mut b, 1, ENDOFCHAIN);
        for i in 2..9 {
            fat(&mut b, i, i as u32 + 1);
        }
        fat(&mut b, 9, ENDOFCHAIN);
        let dir = 1024;
        let entry = |b: &mut Vec<u8>, at: usize, name: &str, start: u32, len: u32| {
            for (k, u) in name.encode_utf16().enumerate() {
                b[at + 2 * k..at + 2 * k + 2].copy_from_slice(&u.to_le_bytes());
            }
            b[at + 116..at + 120].copy_from_slice(&start.to_le_bytes());
            b[at + 120..at + 124].copy_from_slice(&len.to_le_bytes());
        };
        entry(&mut b, dir, "Root Entry", ENDOFCHAIN, 0);
        entry(&mut b, dir + 128, "Workbook", 2, 4096);
        b
    }

    fn set_fat(b: &mut [u8], i: usize, v: u32) {
        b[512 + 4 * i..516 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }

    fn message(b: &[u8]) -> String {
        check(b).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn a_sound_file_passes() {
        assert!(check(&file()).is_ok());
    }

    #[test]
    fn a_chain_past_the_end_is_named() {
        let mut b = file();
        set_fat(&mut b, 5, 40);
        let m = message(&b);
        assert!(m.contains("the Workbook stream runs to sector 40"), "{m}");
        assert!(m.contains("past the end of the file"), "{m}");
    }

    #[test]
    fn a_chain_that_loops_is_named() {
        let mut b = file();
        set_fat(&mut b, 1, 1);
        let m = message(&b);
        assert!(m.contains("directory loops back to sector 1"), "{m}");
    }

    #[test]
    fn a_sector_without_a_fat_entry_is_named() {
        let mut b = file();
        // The file is grown so that sector 200 is in it, past the 128 entries of the FAT.
        b.resize(512 * 202, 0);
        set_fat(&mut b, 9, 200);
        b[1024 + 128 + 120..1024 + 128 + 124].copy_from_slice(&(4096u32 + 1024).to_le_bytes());
        let m = message(&b);
        assert!(
            m.contains("which the FAT does not cover (128 entries)"),
            "{m}"
        );
    }

    #[test]
    fn a_fat_sector_cut_short_is_named() {
        let mut b = file();
        b[76..80].copy_from_slice(&10u32.to_le_bytes());
        b.resize(512 * 11 + 100, 0);
        let m = message(&b);
        assert!(m.contains("the FAT sector 10 is cut short"), "{m}");
    }

    #[test]
    fn a_stream_read_only_in_part_is_not_followed_further() {
        // The chain goes on past the stream's declared size into nonsense, as calamine
        // never follows it there, neither does the check.
        let mut b = file();
        set_fat(&mut b, 9, 4000);
        assert!(check(&b).is_ok());
    }

    fn entry_at(b: &mut [u8], i: usize) -> &mut [u8] {
        &mut b[1024 + 128 * i..1024 + 128 * (i + 1)]
    }

    #[test]
    fn the_workbook_stream_is_the_files_bytes_where_its_sectors_follow_one_another() {
        let mut b = file();
        b[1536..1540].copy_from_slice(&[9, 8, 7, 6]);
        let s = workbook(&b).unwrap().unwrap();
        assert!(matches!(s, Cow::Borrowed(_)));
        assert_eq!(s.len(), 4096);
        assert_eq!(&s[..4], &[9, 8, 7, 6]);
        // Sector 2 after sector 3: a copy, in chain order.
        let mut b = file();
        b[76..80].copy_from_slice(&0u32.to_le_bytes());
        b[1536 + 512..1540 + 512].copy_from_slice(&[1, 1, 1, 1]);
        entry_at(&mut b, 1)[116..120].copy_from_slice(&3u32.to_le_bytes());
        set_fat(&mut b, 3, 2);
        set_fat(&mut b, 2, 4);
        set_fat(&mut b, 8, 9);
        let s = workbook(&b).unwrap().unwrap();
        assert!(matches!(s, Cow::Owned(_)));
        assert_eq!(&s[..4], &[1, 1, 1, 1]);
    }

    /// As in the fixture of finding 3: calamine takes directory entries in order, whatever
    /// their type, colour and tree links say, and so does the walk.
    #[test]
    fn a_root_entry_damaged_where_calamine_does_not_look_still_gives_the_stream() {
        let mut b = file();
        for (k, x) in entry_at(&mut b, 0)[64..116].iter_mut().enumerate() {
            *x = (k * 37 + 11) as u8;
        }
        assert_eq!(workbook(&b).unwrap().unwrap().len(), 4096);
    }

    /// calamine's buffer of sectors: a read that meets the end of the file returns what is
    /// left, pads the buffer with zeros to the sector's end, and a later read of that
    /// sector returns the padding.
    #[test]
    fn sectors_are_served_as_calamines_buffer_serves_them() {
        // Sectors 0 and 1 whole, 100 bytes of sector 2.
        let mut b = file();
        b.truncate(512 * 3 + 100);
        b[1536..1636].fill(7);
        let f = File::open(&b).unwrap();
        assert_eq!(f.get(2, "x").ok().unwrap().len(), 100);
        let again = f.get(2, "x").ok().unwrap();
        assert_eq!(again.len(), 512);
        assert!(again[..100].iter().all(|&x| x == 7) && again[100..].iter().all(|&x| x == 0));
        // The next sector starts where the padded buffer ends: empty, not a panic.
        assert_eq!(f.get(3, "x").ok().unwrap().len(), 0);
        // Past calamine's bound on sector ids (the file's length in sectors): its own error.
        assert!(f.get(4, "x").err().unwrap().reported);
        // Sector 3 read first: calamine would slice from past the end of what it read.
        let f = File::open(&b).unwrap();
        let stop = f.get(3, "the directory").err().unwrap();
        assert!(!stop.reported);
        assert!(
            stop.error
                .to_string()
                .contains("the directory runs to sector 3"),
            "{}",
            stop.error
        );
    }

    #[test]
    fn a_mini_sector_past_the_end_of_the_mini_stream_is_named() {
        // Root entry's mini stream: sector 10 (appended), 128 bytes; mini FAT in sector 11;
        // the Workbook stream of 100 bytes from mini sector 1, then mini sector 5.
        let mut b = file();
        b.resize(512 * 13, 0);
        b[60..64].copy_from_slice(&11u32.to_le_bytes());
        b[64..68].copy_from_slice(&1u32.to_le_bytes());
        set_fat(&mut b, 10, ENDOFCHAIN);
        set_fat(&mut b, 11, ENDOFCHAIN);
        entry_at(&mut b, 0)[116..120].copy_from_slice(&10u32.to_le_bytes());
        entry_at(&mut b, 0)[120..124].copy_from_slice(&128u32.to_le_bytes());
        entry_at(&mut b, 1)[116..120].copy_from_slice(&1u32.to_le_bytes());
        entry_at(&mut b, 1)[120..124].copy_from_slice(&100u32.to_le_bytes());
        let minifat = 512 * 12;
        b[minifat + 4..minifat + 8].copy_from_slice(&5u32.to_le_bytes());
        let m = message(&b);
        assert!(
            m.contains(
                "the Workbook stream runs to mini sector 5, past the end of the mini \
                        stream (it would end at byte 384; the mini stream has 128 bytes)"
            ),
            "{m}"
        );
        // Going on to mini sector 0 instead, where the chain ends, it reads.
        b[minifat + 4..minifat + 8].copy_from_slice(&0u32.to_le_bytes());
        b[minifat..minifat + 4].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        assert_eq!(workbook(&b).unwrap().unwrap().len(), 100);
    }

    #[test]
    fn a_workbook_stream_calamine_refuses_gives_way_to_the_book_stream() {
        // Workbook: sectors 2..=5, then sector 40, past calamine's bound. Book: sectors
        // 10..=17, appended.
        let mut b = file();
        set_fat(&mut b, 5, 40);
        b.resize(512 * 19, 0);
        for i in 10..17 {
            set_fat(&mut b, i, i as u32 + 1);
        }
        set_fat(&mut b, 17, ENDOFCHAIN);
        let e = entry_at(&mut b, 2);
        for (k, u) in "Book".encode_utf16().enumerate() {
            e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[116..120].copy_from_slice(&10u32.to_le_bytes());
        e[120..124].copy_from_slice(&4096u32.to_le_bytes());
        let s = workbook(&b).unwrap().unwrap();
        assert_eq!(s.as_ptr(), b[512 * 11..].as_ptr());
        // Where the Workbook chain would make calamine panic, it never tries the Book.
        set_fat(&mut b, 5, 19);
        b.truncate(512 * 19 + 10);
        let m = message(&b);
        assert!(m.contains("the Workbook stream runs to sector 19"), "{m}");
    }
}
