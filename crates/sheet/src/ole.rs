//! A pre-check of `.xls` containers (OLE compound files) before the workbook reader sees them.
//!
//! calamine follows the container's sector chains without looking for loops, and sizes the
//! sector table by what the header says: a damaged `.xls` (found by fuzzing, docs/fuzzing.md)
//! made it loop until memory ran out, or index past its table and panic. This walks the same
//! chains the reader will walk, the same way, and refuses a container whose chains loop, leave
//! the table or claim more table sectors than the file holds, or whose sheets would be laid
//! out larger than the format allows ([`super::biff`]). A sound file costs one extra pass
//! over its sectors; anything the reader refuses cleanly by itself is let through.

use std::io::Read;
use std::path::Path;
use xianjie_domain::Result;

const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector ids at or above this are markers, not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: usize = 4096;
/// The streams the `.xls` reader opens.
const STREAMS: [&str; 2] = ["Workbook", "Book"];

/// Refuses the file at `path` if it is a damaged `.xls` container (see the module doc); a
/// file that cannot be read is left to the reader's own message.
pub fn check_file(path: &Path, file: &str) -> Result<()> {
    let mut head = [0u8; 8];
    let is_ole = std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == SIGNATURE;
    match is_ole.then(|| std::fs::read(path)) {
        Some(Ok(bytes)) => check(file, &bytes),
        _ => Ok(()),
    }
}

/// Refuses workbook `bytes` (named `file` in the message) that are a damaged `.xls` container.
pub fn check(file: &str, bytes: &[u8]) -> Result<()> {
    match Container::open(bytes).and_then(|c| c.check()) {
        Err(Stop::Broken) => Err(super::sniff::bytes_error(
            file,
            bytes,
            &calamine::Error::Msg("damaged OLE container"),
        )),
        _ => Ok(()),
    }
}

/// Why a look at the container stopped.
enum Stop {
    /// The reader refuses the file with an error of its own: nothing to guard.
    Refused,
    /// The reader would loop, run out of memory or panic.
    Broken,
}

type Step<T> = std::result::Result<T, Stop>;

/// The container as calamine's `cfb` module reads it: sectors after the header, read in file
/// order; the sector table (FAT); the directory chain's start; the mini table's chain.
struct Container<'a> {
    bytes: &'a [u8],
    header: usize,
    size: usize,
    /// The highest sector id the reader accepts (file length / sector size).
    max_id: u32,
    fat: Vec<u32>,
}

impl<'a> Container<'a> {
    fn open(bytes: &'a [u8]) -> Step<Self> {
        if bytes.len() < 512 || bytes[..8] != SIGNATURE {
            return Err(Stop::Refused);
        }
        let (size, header) = match u16_at(bytes, 30) {
            9 => (512, 512),
            12 => (4096, 4096),
            _ => return Err(Stop::Refused),
        };
        if u16_at(bytes, 32) != 6 || bytes.len() < header {
            return Err(Stop::Refused);
        }
        let max_id = u32::try_from(bytes.len() / size).map_err(|_| Stop::Refused)?;
        let mut c = Container {
            bytes,
            header,
            size,
            max_id,
            fat: Vec::new(),
        };
        // The DIFAT: 109 entries in the header, then a chain of DIFAT sectors whose last
        // entry links to the next (the reader bounds this walk itself).
        let mut difat: Vec<u32> = (76..512).step_by(4).map(|i| u32_at(bytes, i)).collect();
        let mut id = u32_at(bytes, 68);
        let mut walked = 0usize;
        while id < RESERVED {
            walked += 1;
            if walked > max_id as usize + 1 {
                return Err(Stop::Refused);
            }
            difat.extend(u32s(c.full(id)?));
            id = difat.pop().ok_or(Stop::Refused)?;
        }
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
        // Each table sector is a sector of the file: more of them than the file has sectors
        // can only repeat one, and the reader would hold every repeat in memory.
        if fat_sectors.len() > max_id as usize + 1 {
            return Err(Stop::Broken);
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * size / 4);
        for id in fat_sectors {
            fat.extend(u32s(c.full(id)?));
        }
        c.fat = fat;
        Ok(c)
    }

    /// Sector `id`, short if the file ends inside it. The reader refuses ids past
    /// `max_id`, and panics on a sector that starts past the end of the file.
    fn sector(&self, id: u32) -> Step<&'a [u8]> {
        if id > self.max_id {
            return Err(Stop::Refused);
        }
        let start = self.header + id as usize * self.size;
        if start >= self.bytes.len() {
            return Err(Stop::Broken);
        }
        Ok(&self.bytes[start..(start + self.size).min(self.bytes.len())])
    }

    /// A sector whose content is read (table, directory): the reader pads a short one with
    /// zeros on a second read, so a short one is refused rather than second-guessed.
    fn full(&self, id: u32) -> Step<&'a [u8]> {
        let s = self.sector(id)?;
        if s.len() < self.size {
            return Err(Stop::Broken);
        }
        Ok(s)
    }

    /// Every chain the `.xls` reader walks ends: directory, mini stream, mini table and the
    /// workbook stream.
    fn check(&self) -> Step<()> {
        let dir = self.content(u32_at(self.bytes, 48), usize::MAX)?;
        let dirs: Vec<Entry> = dir
            .chunks(128)
            .filter(|e| e.len() == 128)
            .map(|e| Entry::of(e, self.size))
            .collect();
        let Some(root) = dirs.first() else {
            return Err(Stop::Refused);
        };
        let mini_fat_len = u32_at(self.bytes, 64) as usize;
        let (mini_fat, ministream) = if mini_fat_len > 0 {
            let ministream = self.content(root.start, root.len)?;
            let table = self.content(u32_at(self.bytes, 60), mini_fat_len * self.size)?;
            (u32s(&table).collect(), ministream)
        } else {
            (Vec::new(), Vec::new())
        };
        // The reader takes the first of the streams it can read.
        let mut stream = None;
        for name in STREAMS {
            let found = dirs
                .iter()
                .find(|d| d.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()));
            let Some(d) = found else { continue };
            let mini = (d.len < MINI_CUTOFF).then_some((mini_fat.as_slice(), ministream.len()));
            match self.walk(d.start, d.len, mini) {
                Err(Stop::Broken) => return Err(Stop::Broken),
                Err(Stop::Refused) => {}
                Ok(ids) if stream.is_none() => {
                    let mut bytes = Vec::new();
                    for id in ids {
                        bytes.extend_from_slice(match mini {
                            Some(_) => &ministream[id as usize * 64..(id as usize + 1) * 64],
                            None => self.full(id)?,
                        });
                    }
                    bytes.truncate(d.len);
                    stream = Some(bytes);
                }
                Ok(_) => {}
            }
        }
        match stream {
            Some(s) if !super::biff::cells_fit(&s) => Err(Stop::Broken),
            _ => Ok(()),
        }
    }

    /// The first `len` bytes of the (table or directory) chain from `start`.
    fn content(&self, start: u32, len: usize) -> Step<Vec<u8>> {
        let mut out = Vec::new();
        for id in self.walk(start, len, None)? {
            out.extend_from_slice(self.full(id)?);
        }
        out.truncate(len);
        Ok(out)
    }

    /// The sector ids of the chain from `start` as the reader follows it for `len` bytes:
    /// through the sector table, or with `mini` = (mini table, mini stream length) through
    /// the mini table. Every sector on the way must be whole (in the file, or in the mini
    /// stream), so that the reader's bytes are the file's; a loop or a link past the table
    /// is what would make the reader run out of memory or panic.
    fn walk(&self, start: u32, len: usize, mini: Option<(&[u32], usize)>) -> Step<Vec<u32>> {
        let (table, max_id, unit) = match mini {
            Some((t, _)) => (t, self.max_id.saturating_mul(8), 64),
            None => (self.fat.as_slice(), self.max_id, self.size),
        };
        let mut seen = vec![false; max_id as usize + 1];
        let mut ids = Vec::new();
        let mut id = start;
        let mut got = 0usize;
        while id != END_OF_CHAIN {
            if id > max_id {
                return Err(Stop::Refused);
            }
            match mini {
                Some((_, stream)) if (id as usize + 1) * 64 > stream => return Err(Stop::Broken),
                Some(_) => {}
                None => {
                    self.full(id)?;
                }
            }
            ids.push(id);
            got = got.saturating_add(unit);
            if got >= len {
                break;
            }
            let i = id as usize;
            if seen[i] || i >= table.len() {
                return Err(Stop::Broken);
            }
            seen[i] = true;
            id = table[i];
        }
        Ok(ids)
    }
}

/// A directory entry: its name as the reader decodes it, first sector and length.
struct Entry {
    name: String,
    start: u32,
    len: usize,
}

impl Entry {
    fn of(e: &[u8], sector_size: usize) -> Self {
        let mut name = encoding_rs::UTF_16LE.decode(&e[..64]).0.into_owned();
        if let Some(nul) = name.bytes().position(|b| b == 0) {
            name.truncate(nul);
        }
        let len = if sector_size == 512 {
            u64::from(u32_at(e, 120))
        } else {
            u64::from_le_bytes(e[120..128].try_into().unwrap_or_default())
        };
        Entry {
            name,
            start: u32_at(e, 116),
            len: usize::try_from(len).unwrap_or(usize::MAX),
        }
    }
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4).map(|c| u32_at(c, 0))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn fixture(p: &str) -> Vec<u8> {
        std::fs::read(format!("{}/../../fixtures/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    /// `bytes` with the sector table entry of sector `id` set to `next`.
    fn relink(mut bytes: Vec<u8>, id: u32, next: u32) -> Vec<u8> {
        let fat0 = u32_at(&bytes, 76) as usize;
        let at = 512 + fat0 * 512 + id as usize * 4;
        bytes[at..at + 4].copy_from_slice(&next.to_le_bytes());
        bytes
    }

    #[test]
    fn sound_workbooks_pass() {
        for f in [
            "roster/messy-roster.xls",
            "demo/demo-roster.xls",
            "bad/gbk.xls",
            "roster/messy-roster.xlsx",
        ] {
            assert!(check(f, &fixture(f)).is_ok(), "{f}");
        }
    }

    /// Found by fuzzing: a directory chain that loops made the reader allocate until the
    /// memory ran out. Now a Chinese message, at once.
    #[test]
    fn looping_chain_is_refused() {
        let xls = fixture("roster/messy-roster.xls");
        let dir = u32_at(&xls, 48);
        let looping = relink(xls, dir, dir);
        let e = check("名单.xls", &looping).unwrap_err();
        assert!(
            e.message.contains("名单.xls") && e.message.contains("损坏"),
            "{e}"
        );
        let e = crate::workbook::read_bytes(&looping, "名单.xls", None, &[]).unwrap_err();
        assert!(e.message.contains("损坏"), "{e}");
    }

    /// A chain leaving the sector table made the reader index past it and panic; past the
    /// file's last sector the reader refuses by itself.
    #[test]
    fn chain_out_of_bounds() {
        let xls = fixture("demo/demo-roster.xls");
        let dir = u32_at(&xls, 48);
        assert!(
            dir >= 128 && u32_at(&xls, 44) > 1,
            "the directory is past the first table sector"
        );
        // Only the first table sector listed: the directory chain starts past the table.
        let mut short = xls.clone();
        short[80..88].fill(0xFF);
        assert!(check("名单.xls", &short).is_err());
        // A link to a sector past the end of the file.
        let beyond = relink(xls, dir, 0x00FF_0000);
        assert!(check("名单.xls", &beyond).is_ok());
    }
}
