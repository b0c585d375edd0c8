//! Grey page images: decoding (JPEG, raw samples), crops, resizing, rotation, ink tests.
//!
//! A scan is reduced to one 8-bit channel, 0 black to 255 white. Colour images keep their red
//! channel: black and blue ink stay dark there while a red stamp (盖章) turns almost white, so a
//! stamp printed over a table does not hide its digits.

use crate::error::{Error, Result};

/// Most pixels of one decoded page image (a 600 dpi A3 scan is about 70 million).
pub const MAX_PIXELS: usize = 80_000_000;

/// A grey image, row-major, 0 = black, 255 = white.
#[derive(Debug, Clone, PartialEq)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

/// A rectangle in pixels: `[x0, y0, x1, y1)`, y growing downwards.
pub type Rect = [usize; 4];

/// Below this a pixel is ink (after illumination is flattened).
pub const INK: u8 = 150;

impl Raster {
    pub fn new(width: usize, height: usize, fill: u8) -> Raster {
        Raster {
            width,
            height,
            pixels: vec![fill; width * height],
        }
    }

    #[inline]
    pub fn get(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }

    /// Decodes a JPEG (a PDF's DCTDecode image, a scan on disk).
    pub fn from_jpeg(bytes: &[u8]) -> Result<Raster> {
        use zune_jpeg::JpegDecoder;
        use zune_jpeg::zune_core::bytestream::ZCursor;
        use zune_jpeg::zune_core::colorspace::ColorSpace;
        use zune_jpeg::zune_core::options::DecoderOptions;
        let opts = DecoderOptions::default()
            .set_max_width(1 << 15)
            .set_max_height(1 << 15)
            .jpeg_set_out_colorspace(ColorSpace::RGB);
        let mut d = JpegDecoder::new_with_options(ZCursor::new(bytes), opts);
        d.decode_headers()
            .map_err(|e| Error::corrupt(format!("a JPEG image cannot be decoded: {e:?}")))?;
        let (w, h) = d
            .dimensions()
            .ok_or_else(|| Error::corrupt("a JPEG image has no size"))?;
        if w * h > MAX_PIXELS {
            return Err(Error::too_large(format!(
                "a page image has {w}×{h} pixels, over the limit of {MAX_PIXELS}"
            )));
        }
        let rgb = d
            .decode()
            .map_err(|e| Error::corrupt(format!("a JPEG image cannot be decoded: {e:?}")))?;
        Raster::from_samples(&rgb, w, h, 3, 8)
    }

    /// Raw samples (`components` 1 grey, 3 RGB, 4 CMYK; 1 or 8 bits each, rows padded to
    /// whole bytes as PDF stores them).
    pub fn from_samples(
        data: &[u8],
        width: usize,
        height: usize,
        components: usize,
        bits: usize,
    ) -> Result<Raster> {
        if width == 0 || height == 0 || width * height > MAX_PIXELS {
            return Err(Error::too_large(format!(
                "a page image of {width}×{height} pixels is empty or over the limit"
            )));
        }
        let row_bytes = (width * components * bits).div_ceil(8);
        if data.len() < row_bytes * height || !matches!(bits, 1 | 8) {
            return Err(Error::corrupt(format!(
                "a {width}×{height} image with {components} components of {bits} bits has {} bytes",
                data.len()
            )));
        }
        let mut out = Raster::new(width, height, 255);
        for y in 0..height {
            let row = &data[y * row_bytes..(y + 1) * row_bytes];
            for x in 0..width {
                let v = match (bits, components) {
                    (1, _) => {
                        let i = x * components;
                        if row[i / 8] & (0x80 >> (i % 8)) != 0 {
                            255
                        } else {
                            0
                        }
                    }
                    (_, 1) => row[x],
                    (_, 3) => row[x * 3],
                    (_, 4) => {
                        // CMYK: the red channel is 1 − C − K.
                        let (c, k) = (row[x * 4] as u16, row[x * 4 + 3] as u16);
                        255u16.saturating_sub(c + k) as u8
                    }
                    _ => row[x * components],
                };
                out.pixels[y * width + x] = v;
            }
        }
        Ok(out)
    }

    /// The part inside `r` (clipped to the image).
    pub fn crop(&self, r: Rect) -> Raster {
        let (x0, y0) = (r[0].min(self.width), r[1].min(self.height));
        let (x1, y1) = (r[2].min(self.width).max(x0), r[3].min(self.height).max(y0));
        let mut out = Raster::new(x1 - x0, y1 - y0, 255);
        for y in y0..y1 {
            out.pixels[(y - y0) * out.width..(y - y0 + 1) * out.width]
                .copy_from_slice(&self.pixels[y * self.width + x0..y * self.width + x1]);
        }
        out
    }

    /// Bilinear resize to `w`×`h`.
    pub fn resize(&self, w: usize, h: usize) -> Raster {
        let mut out = Raster::new(w.max(1), h.max(1), 255);
        if self.width == 0 || self.height == 0 {
            return out;
        }
        let sx = self.width as f32 / out.width as f32;
        let sy = self.height as f32 / out.height as f32;
        for y in 0..out.height {
            let fy = ((y as f32 + 0.5) * sy - 0.5).clamp(0.0, (self.height - 1) as f32);
            for x in 0..out.width {
                let fx = ((x as f32 + 0.5) * sx - 0.5).clamp(0.0, (self.width - 1) as f32);
                out.pixels[y * out.width + x] = self.sample(fx, fy);
            }
        }
        out
    }

    /// Bilinear sample at a point inside the image.
    fn sample(&self, fx: f32, fy: f32) -> u8 {
        let (x0, y0) = (fx as usize, fy as usize);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (ax, ay) = (fx - x0 as f32, fy - y0 as f32);
        let p = |x, y| self.get(x, y) as f32;
        let top = p(x0, y0) * (1.0 - ax) + p(x1, y0) * ax;
        let bottom = p(x0, y1) * (1.0 - ax) + p(x1, y1) * ax;
        (top * (1.0 - ay) + bottom * ay).round() as u8
    }

    /// Turned by `quarters` quarter turns clockwise, exactly (a page's /Rotate: 1 is 90°).
    pub fn turn(&self, quarters: i64) -> Raster {
        let (w, h) = (self.width, self.height);
        match quarters.rem_euclid(4) {
            0 => self.clone(),
            2 => Raster {
                width: w,
                height: h,
                pixels: self.pixels.iter().rev().copied().collect(),
            },
            q => {
                // Clockwise, the output's row y is the source's column y read upwards
                // (anticlockwise: downwards, from the right).
                let mut out = Raster::new(h, w, 255);
                for y in 0..w {
                    for x in 0..h {
                        let (sx, sy) = if q == 1 {
                            (y, h - 1 - x)
                        } else {
                            (w - 1 - y, x)
                        };
                        out.pixels[y * h + x] = self.pixels[sy * w + sx];
                    }
                }
                out
            }
        }
    }

    /// Turned by `degrees` anticlockwise about the centre (white where nothing maps).
    pub fn rotate(&self, degrees: f32) -> Raster {
        let (s, c) = degrees.to_radians().sin_cos();
        let (cx, cy) = (self.width as f32 / 2.0, self.height as f32 / 2.0);
        let mut out = Raster::new(self.width, self.height, 255);
        let (maxx, maxy) = ((self.width - 1) as f32, (self.height - 1) as f32);
        for y in 0..self.height {
            let dy = y as f32 - cy;
            for x in 0..self.width {
                let dx = x as f32 - cx;
                // The source of an output pixel: the inverse rotation (y grows downwards).
                let fx = c * dx - s * dy + cx;
                let fy = s * dx + c * dy + cy;
                if fx >= 0.0 && fy >= 0.0 && fx <= maxx && fy <= maxy {
                    out.pixels[y * self.width + x] = self.sample(fx, fy);
                }
            }
        }
        out
    }

    /// Flattens uneven lighting (a phone photo, a yellowed page): each pixel divided by the
    /// local paper white, the brightest pixel of its neighbourhood of blocks.
    pub fn flatten(&self) -> Raster {
        const B: usize = 32;
        let (bw, bh) = (self.width.div_ceil(B), self.height.div_ceil(B));
        let mut white = vec![0u8; bw * bh];
        for y in 0..self.height {
            for x in 0..self.width {
                let i = (y / B) * bw + x / B;
                white[i] = white[i].max(self.get(x, y));
            }
        }
        // A block all ink (a thick bar) takes its neighbours' white.
        let mut smooth = white.clone();
        for by in 0..bh {
            for bx in 0..bw {
                let mut m = 0;
                for ny in by.saturating_sub(1)..(by + 2).min(bh) {
                    for nx in bx.saturating_sub(1)..(bx + 2).min(bw) {
                        m = m.max(white[ny * bw + nx]);
                    }
                }
                smooth[by * bw + bx] = m.max(64);
            }
        }
        let mut out = self.clone();
        for y in 0..self.height {
            for x in 0..self.width {
                let w = smooth[(y / B) * bw + x / B] as u32;
                let v = (self.get(x, y) as u32 * 255 / w).min(255);
                out.pixels[y * self.width + x] = v as u8;
            }
        }
        out
    }

    /// Ink pixels inside `r`.
    pub fn ink(&self, r: Rect) -> usize {
        let mut n = 0;
        for y in r[1]..r[3].min(self.height) {
            for x in r[0]..r[2].min(self.width) {
                n += (self.get(x, y) < INK) as usize;
            }
        }
        n
    }

    /// The smallest rectangle inside `r` holding every ink pixel of rows and columns with at
    /// least `min` ink pixels (specks of noise alone do not count), or `None`.
    pub fn ink_box(&self, r: Rect, min: usize) -> Option<Rect> {
        let (x0, y0, x1, y1) = (r[0], r[1], r[2].min(self.width), r[3].min(self.height));
        if x0 >= x1 || y0 >= y1 {
            return None;
        }
        let mut rows = vec![0usize; y1 - y0];
        let mut cols = vec![0usize; x1 - x0];
        for y in y0..y1 {
            for x in x0..x1 {
                if self.get(x, y) < INK {
                    rows[y - y0] += 1;
                    cols[x - x0] += 1;
                }
            }
        }
        let first = |v: &[usize]| v.iter().position(|&n| n >= min);
        let last = |v: &[usize]| v.iter().rposition(|&n| n >= min);
        Some([
            x0 + first(&cols)?,
            y0 + first(&rows)?,
            x0 + last(&cols)? + 1,
            y0 + last(&rows)? + 1,
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raster(width: usize, height: usize, pixels: &[u8]) -> Raster {
        Raster {
            width,
            height,
            pixels: pixels.to_vec(),
        }
    }

    #[test]
    fn quarter_turns_are_exact() {
        // 1 2 3
        // 4 5 6
        let r = raster(3, 2, &[1, 2, 3, 4, 5, 6]);
        // Clockwise: the left column, read upwards, becomes the top row.
        assert_eq!(r.turn(1), raster(2, 3, &[4, 1, 5, 2, 6, 3]));
        assert_eq!(r.turn(2), raster(3, 2, &[6, 5, 4, 3, 2, 1]));
        assert_eq!(r.turn(3), raster(2, 3, &[3, 6, 2, 5, 1, 4]));
        assert_eq!(r.turn(-1), r.turn(3));
        assert_eq!(r.turn(1).turn(3), r);
        assert_eq!(r.turn(4), r);
    }
}
