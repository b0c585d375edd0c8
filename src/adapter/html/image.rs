//! Tables pasted into a page as pictures (图片版), read by OCR when the picture is on disk
//! beside the page.
//!
//! Only a relative `src` is followed, and only to a file inside the page's folder: no URL, no
//! absolute path, no `..` above the folder (a symbolic link out of it is refused too), and
//! nothing is fetched. The picture (PNG or JPEG) is read like a scanned page: ruling lines,
//! a lattice, each cell from its own crop ([`pdf::read_image`]), so its blocks are those of a
//! scanned table and take the picture's place in the page's reading order.

use std::path::{Component, Path, PathBuf};

use crate::adapter::pdf;
use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::model::{Block, Origin};
use crate::ocr::Raster;

/// Largest picture file read.
const MAX_IMAGE_BYTES: u64 = 64 << 20;

/// The resolution a picture is taken to have: the scale of OCR's line finder (a scan at
/// 144 dpi sets body text about 21 pixels high, as screenshots of report pages do).
const DPI: f32 = 144.0;

/// A picture is read at this many times its size: drawn at screen resolution, its strokes are
/// one pixel wide (a lone "1" is a one-pixel stem), and OCR's line finder wants two pixels of
/// ink in a row of a line; a scan's strokes are wider.
const UPSCALE: usize = 2;

/// What OCR made of one picture.
pub struct Read {
    pub blocks: Vec<Block>,
    pub lines: usize,
    pub unreadable: usize,
    pub least: f32,
}

/// Why a picture was not read, for the `table_image_only` warning.
#[derive(Debug)]
pub enum NotRead {
    /// The `src` is not a relative path inside the page's folder (a URL, `..`, absolute).
    Refused,
    /// No such file beside the page.
    Missing,
    /// The file is there but could not be read or decoded.
    Failed(Error),
}

impl NotRead {
    pub fn reason(&self) -> String {
        match self {
            NotRead::Refused => "its source is not a file in the page's folder".into(),
            NotRead::Missing => "the picture is not on disk beside the page".into(),
            NotRead::Failed(e) => format!("OCR could not read it: {e}"),
        }
    }
}

/// Reads the picture `src` of a page whose folder is `dir`.
pub fn read(dir: &Path, src: &str, budget: &Budget) -> std::result::Result<Read, NotRead> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let rel = resolve(src).ok_or(NotRead::Refused)?;
    let path = dir.join(rel);
    let (Ok(real), Ok(folder)) = (path.canonicalize(), dir.canonicalize()) else {
        return Err(NotRead::Missing);
    };
    if !real.starts_with(&folder) {
        return Err(NotRead::Refused);
    }
    let bytes = load(&real).map_err(NotRead::Failed)?;
    let image = decode(&bytes).map_err(NotRead::Failed)?;
    budget.allow(crate::budget::OCR_PAGE_ALLOWANCE);
    let most = crate::ocr::raster::MAX_PIXELS / (UPSCALE * UPSCALE);
    if image.width * image.height > most {
        return Err(NotRead::Failed(Error::too_large(format!(
            "the picture has {}×{} pixels, over the limit of {most}",
            image.width, image.height
        ))));
    }
    let image = image.resize(image.width * UPSCALE, image.height * UPSCALE);
    let (w, h) = (image.width as f32, image.height as f32);
    let scale = 72.0 / (DPI * UPSCALE as f32);
    let (mut blocks, lines, unreadable, least) =
        pdf::read_image(&image, w * scale, h * scale, budget).map_err(NotRead::Failed)?;
    for b in &mut blocks {
        place(b, src);
    }
    Ok(Read {
        blocks,
        lines,
        unreadable,
        least,
    })
}

/// A relative `src` as a path below the page's folder: `None` for a URL (any scheme, or
/// `//host`), an absolute path, or one whose `..` climbs above the folder. The query and
/// fragment are dropped and `%XX` escapes decoded.
pub fn resolve(src: &str) -> Option<PathBuf> {
    let src = src.trim();
    let src = src.split(['?', '#']).next().unwrap_or("");
    if src.is_empty() || src.contains(':') || src.starts_with('/') || src.starts_with('\\') {
        return None;
    }
    let decoded = percent_decode(src)?;
    let mut out = PathBuf::new();
    let mut depth = 0usize;
    for part in decoded.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                depth = depth.checked_sub(1)?;
                out.pop();
            }
            p => {
                // A part that the platform reads as more than a name (a drive, a root).
                if Path::new(p)
                    .components()
                    .any(|c| !matches!(c, Component::Normal(_)))
                {
                    return None;
                }
                depth += 1;
                out.push(p);
            }
        }
    }
    (depth > 0).then_some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn load(path: &Path) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| {
        Error::new(crate::error::ErrorKind::Io(format!(
            "cannot read the picture {}: {e}",
            path.display()
        )))
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_IMAGE_BYTES {
        return Err(Error::too_large(format!(
            "the picture has {len} bytes, over the limit of {MAX_IMAGE_BYTES}"
        )));
    }
    std::fs::read(path).map_err(io)
}

/// A PNG or JPEG picture as a grey raster (the red channel, as for scans).
pub fn decode(bytes: &[u8]) -> Result<Raster> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        return Raster::from_jpeg(bytes);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return from_png(bytes);
    }
    Err(Error::unsupported(
        "the picture is neither PNG nor JPEG".to_string(),
    ))
}

fn from_png(bytes: &[u8]) -> Result<Raster> {
    use zune_png::PngDecoder;
    use zune_png::zune_core::bytestream::ZCursor;
    use zune_png::zune_core::colorspace::ColorSpace;
    use zune_png::zune_core::options::DecoderOptions;
    let bad =
        |e: &dyn std::fmt::Debug| Error::corrupt(format!("a PNG picture cannot be decoded: {e:?}"));
    let opts = DecoderOptions::default()
        .set_max_width(1 << 15)
        .set_max_height(1 << 15)
        .png_set_strip_to_8bit(true)
        .png_set_add_alpha_channel(false);
    let mut d = PngDecoder::new_with_options(ZCursor::new(bytes), opts);
    d.decode_headers().map_err(|e| bad(&e))?;
    let (w, h) = d.dimensions().ok_or_else(|| bad(&"no size"))?;
    if w.saturating_mul(h) > crate::ocr::raster::MAX_PIXELS {
        return Err(Error::too_large(format!(
            "a picture has {w}×{h} pixels, over the limit of {}",
            crate::ocr::raster::MAX_PIXELS
        )));
    }
    let pixels = d.decode_raw().map_err(|e| bad(&e))?;
    let colorspace = d.colorspace().ok_or_else(|| bad(&"no colour space"))?;
    let components = colorspace.num_components();
    let grey: Vec<u8> = match colorspace {
        // Transparent pixels are paper.
        ColorSpace::LumaA => pixels.chunks_exact(2).map(|p| blend(p[0], p[1])).collect(),
        ColorSpace::RGBA => pixels.chunks_exact(4).map(|p| blend(p[0], p[3])).collect(),
        ColorSpace::Luma | ColorSpace::RGB => pixels.iter().step_by(components).copied().collect(),
        other => return Err(bad(&other)),
    };
    Raster::from_samples(&grey, w, h, 1, 8)
}

/// A value over white paper with its alpha.
fn blend(v: u8, alpha: u8) -> u8 {
    let a = alpha as u32;
    ((v as u32 * a + 255 * (255 - a)) / 255) as u8
}

/// Names the picture in the provenance of what was read from it (no page, no page position).
fn place(b: &mut Block, src: &str) {
    let named = |origin: &mut Origin, what: String| {
        *origin = Origin {
            cell: Some(what),
            ocr: origin.ocr,
            ..Origin::default()
        };
    };
    match b {
        Block::Grid(g) => {
            g.page = None;
            for c in &mut g.cells {
                let what = format!("image {src}, row {}, column {}", c.row + 1, c.col + 1);
                named(&mut c.origin, what);
            }
        }
        Block::Line(l) => {
            named(&mut l.origin, format!("image {src}"));
            for f in &mut l.fragments {
                named(&mut f.origin, format!("image {src}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_src_resolves_below_the_folder() {
        assert_eq!(resolve("t3.png"), Some(PathBuf::from("t3.png")));
        assert_eq!(
            resolve("./img/t3.png?v=2#x"),
            Some(PathBuf::from("img/t3.png"))
        );
        assert_eq!(resolve("img/../t3.png"), Some(PathBuf::from("t3.png")));
        assert_eq!(resolve("%E8%A1%A8.png"), Some(PathBuf::from("表.png")));
    }

    #[test]
    fn urls_absolute_paths_and_climbs_are_refused() {
        for src in [
            "",
            "..",
            "../t3.png",
            "img/../../t3.png",
            "/t3.png",
            "\\t3.png",
            "http://example.org/t3.png",
            "//example.org/t3.png",
            "data:image/png;base64,AAAA",
            "C:\\t3.png",
            "%2E%2E/t3.png",
            "bad%zz.png",
        ] {
            assert_eq!(resolve(src), None, "{src}");
        }
    }

    #[test]
    fn a_picture_that_is_neither_png_nor_jpeg_is_not_decoded() {
        assert!(decode(b"GIF89a....").is_err());
        assert!(decode(b"\x89PNG\r\n\x1a\n broken").is_err());
    }
}
