//! Affine matrices and the page transform that puts every page upright, in points from the
//! visible page's lower left corner (CropBox offset and /Rotate applied).

/// `[a b c d e f]`: x' = a·x + c·y + e, y' = b·x + d·y + f.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f32; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` then `then`.
    pub fn then(&self, then: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// The bounding box of a rectangle's four corners after the transform.
    pub fn rect(&self, x0: f32, y0: f32, x1: f32, y1: f32) -> [f32; 4] {
        let pts = [
            self.apply(x0, y0),
            self.apply(x1, y0),
            self.apply(x0, y1),
            self.apply(x1, y1),
        ];
        let mut r = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        for (x, y) in pts {
            r[0] = r[0].min(x);
            r[1] = r[1].min(y);
            r[2] = r[2].max(x);
            r[3] = r[3].max(y);
        }
        r
    }

    /// How much the transform scales lengths (geometric mean of the axes).
    pub fn scale(&self) -> f32 {
        let [a, b, c, d, _, _] = self.0;
        ((a * d - b * c).abs()).sqrt()
    }

    pub fn is_finite(&self) -> bool {
        self.0.iter().all(|v| v.is_finite())
    }
}

/// The transform from user space to the upright visible page, and that page's size.
pub fn page_transform(crop: [f32; 4], rotate: i64) -> (Matrix, f32, f32) {
    let llx = crop[0].min(crop[2]);
    let lly = crop[1].min(crop[3]);
    let w = (crop[2] - crop[0]).abs();
    let h = (crop[3] - crop[1]).abs();
    match rotate.rem_euclid(360) {
        90 => (Matrix([0.0, -1.0, 1.0, 0.0, -lly, llx + w]), h, w),
        180 => (Matrix([-1.0, 0.0, 0.0, -1.0, llx + w, lly + h]), w, h),
        270 => (Matrix([0.0, 1.0, -1.0, 0.0, lly + h, -llx]), h, w),
        _ => (Matrix::translate(-llx, -lly), w, h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_keeps_the_page_upright() {
        let (m, w, h) = page_transform([0.0, 0.0, 600.0, 800.0], 90);
        assert_eq!((w, h), (800.0, 600.0));
        // Unrotated bottom left ends top left.
        assert_eq!(m.apply(0.0, 0.0), (0.0, 600.0));
        let (m, _, _) = page_transform([0.0, 0.0, 600.0, 800.0], 270);
        assert_eq!(m.apply(0.0, 0.0), (800.0, 0.0));
    }
}
