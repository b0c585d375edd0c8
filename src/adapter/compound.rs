//! The structure of an OLE2 compound file (MS-CFB), checked before calamine reads an XLS.
//!
//! calamine's compound-file reader trusts the file: a sector chain that points past the end
//! panics in a slice (`slice index starts at 12800 but ends at 12752`), a sector with no FAT
//! entry panics in an index, a FAT or DIFAT sector cut short panics in an assertion, and a
//! directory chain that loops grows a buffer until memory runs out. This module walks the same
//! structures in the same order as calamine 0.38 (`cfb.rs`: header, DIFAT chain, FAT sectors,
//! directory chain, mini stream and mini FAT, then the `Workbook` or `Book` stream) and refuses
//! the file as `corrupt`, saying which structure and which sector, where calamine would fail.
//! Only what calamine reads is checked, so a file it reads whole is never refused here.

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

/// Checks what calamine will read of the compound file `bytes`.
pub fn check(bytes: &[u8]) -> Result<()> {
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
        return Ok(());
    };
    let (ministream, minifat) = if file.mini_fat_len > 0 {
        let ministream = file.chain(root.start, &fats, root.len, "the mini stream")?;
        let len = file.mini_fat_len.saturating_mul(file.sector);
        let minifat = file.chain(file.mini_fat_start, &fats, len, "the mini FAT")?;
        (ministream, u32s(&minifat).collect())
    } else {
        (Vec::new(), Vec::new())
    };
    let mini = Mini {
        stream: &ministream,
        fat: minifat,
    };
    // As calamine: the first entry named Workbook, else the first named Book.
    let find = |name: &str| entries.iter().find(|e| e.name.eq_ignore_ascii_case(name));
    let stream = |e: &Entry| {
        let what = format!("the {} stream", e.name);
        if e.len < MINI_CUTOFF {
            mini.chain(e.start, e.len, &what)
        } else {
            file.chain(e.start, &fats, e.len, &what).map(|_| ())
        }
    };
    match (find("Workbook"), find("Book")) {
        (Some(w), book) => match stream(w) {
            Err(e) => match book {
                Some(b) if stream(b).is_ok() => Ok(()),
                _ => Err(e),
            },
            ok => ok,
        },
        (None, Some(b)) => stream(b),
        (None, None) => Ok(()),
    }
}

/// The header's fields that calamine uses, over the whole file.
struct File<'a> {
    bytes: &'a [u8],
    sector: usize,
    dir_start: u32,
    mini_fat_start: u32,
    mini_fat_len: usize,
    difat_start: u32,
    /// The 109 DIFAT entries of the header.
    difat: Vec<u32>,
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
            dir_start: u32_at(48),
            mini_fat_start: u32_at(60),
            mini_fat_len: u32_at(64) as usize,
            difat_start: u32_at(68),
            difat: u32s(&bytes[76..512]).collect(),
        })
    }

    /// The sectors that start inside the file (the header takes the place of one).
    fn sectors(&self) -> usize {
        (self.bytes.len() / self.sector).saturating_sub(1) + usize::from(self.partial() > 0)
    }

    fn partial(&self) -> usize {
        self.bytes.len() % self.sector
    }

    /// Sector `id` of the file, cut short where the file ends; an error for one that starts at
    /// or past the end.
    fn get(&self, id: u32, what: &str) -> Result<&'a [u8]> {
        let start = (u64::from(id) + 1) * self.sector as u64;
        if start >= self.bytes.len() as u64 {
            return Err(Error::corrupt(format!(
                "{what} runs to sector {id}, past the end of the file (it would start at byte \
                 {start}; the file has {} bytes)",
                self.bytes.len()
            )));
        }
        let start = start as usize;
        Ok(&self.bytes[start..(start + self.sector).min(self.bytes.len())])
    }

    /// Sector `id` whole: a FAT or DIFAT sector cut short by the end of the file is damage
    /// (calamine asserts on it).
    fn whole(&self, id: u32, what: &str) -> Result<&'a [u8]> {
        let s = self.get(id, what)?;
        if s.len() < self.sector {
            return Err(Error::corrupt(format!(
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
            difat.extend(u32s(self.whole(id, "the DIFAT")?));
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
            fat.extend(u32s(self.whole(id, "the FAT")?));
        }
        Ok(fat)
    }

    /// The first `len` bytes of the chain from `start` (the whole chain for `usize::MAX`),
    /// walked as calamine walks it: a sector is read before the length is tested, the next
    /// one is looked up only when more is wanted.
    fn chain(&self, start: u32, fat: &[u32], len: usize, what: &str) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            if !seen.insert(id) {
                return Err(Error::corrupt(format!(
                    "the sector chain of {what} loops back to sector {id}"
                )));
            }
            let s = self.get(id, what)?;
            out.extend_from_slice(&s[..s.len().min(len - out.len())]);
            if out.len() >= len {
                break;
            }
            id = next(fat, id, what, "FAT")?;
        }
        Ok(out)
    }
}

/// The mini stream (the root entry's stream, in sectors of 64 bytes) and its FAT.
struct Mini<'a> {
    stream: &'a [u8],
    fat: Vec<u32>,
}

impl Mini<'_> {
    fn chain(&self, start: u32, len: usize, what: &str) -> Result<()> {
        let mut seen = HashSet::new();
        let (mut id, mut got) = (start, 0usize);
        while id != ENDOFCHAIN {
            if !seen.insert(id) {
                return Err(Error::corrupt(format!(
                    "the mini sector chain of {what} loops back to mini sector {id}"
                )));
            }
            let at = id as usize * MINI_SECTOR;
            if at >= self.stream.len() {
                return Err(Error::corrupt(format!(
                    "{what} runs to mini sector {id}, past the end of the mini stream (it \
                     would start at byte {at}; the mini stream has {} bytes)",
                    self.stream.len()
                )));
            }
            got += MINI_SECTOR.min(self.stream.len() - at);
            if got >= len {
                break;
            }
            id = next(&self.fat, id, what, "mini FAT")?;
        }
        Ok(())
    }
}

/// The entry after `id` in a FAT.
fn next(fat: &[u32], id: u32, what: &str, which: &str) -> Result<u32> {
    fat.get(id as usize).copied().ok_or_else(|| {
        Error::corrupt(format!(
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
        let units: Vec<u16> = b[..64]
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        let mut name = String::from_utf16_lossy(&units);
        if let Some(end) = name.find('\0') {
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
}
