//! The content-stream interpreter: runs a page's operators and collects what the layout needs —
//! positioned glyphs (text state and matrices, TJ spacing, Tc/Tw/Tz/Ts, cm, q/Q, Form XObjects,
//! vertical fonts) and ruling-line candidates from path painting — in upright page coordinates.
//!
//! It is tolerant: an unknown operator, a missing font or resource, or garbage between
//! operators is skipped. Only the budget (deadline, decompressed bytes) stops it.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Char, Font};
use super::geom::Matrix;
use super::lexer::{Lexer, Token};
use super::objects;
use super::paint;
use crate::budget::Budget;
use crate::error::{Error, Result};

/// Deepest nesting of Form XObjects and of q without Q that we follow.
const MAX_DEPTH: usize = 12;
const MAX_STACK: usize = 256;
/// Most operators run for one page, Form XObjects included.
const MAX_OPS: usize = 20_000_000;
/// Most Form XObjects drawn for one page (a form drawn twice counts twice).
const MAX_FORMS: usize = 10_000;
/// Most glyphs kept from one page.
const MAX_GLYPHS: usize = 400_000;

/// One shown character, upright page coordinates.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// `None`: the font could not decode it.
    pub text: Option<String>,
    pub bbox: [f32; 4],
    /// Font size on the page, in points.
    pub size: f32,
    /// Which way the text runs on the upright page.
    pub flow: Flow,
    /// Read by OCR from a page image: the reading's confidence (its least certain
    /// character). `None` for text the page draws.
    pub ocr: Option<f32>,
}

/// The direction of a run of text: across (left to right), down (a vertical font, or text
/// turned clockwise) or up (text turned anticlockwise, as Word writes a cell's "bottom to top"
/// text direction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Across,
    Down,
    Up,
}

/// A straight stroke or thin filled rectangle, upright page coordinates.
#[derive(Debug, Clone, Copy)]
pub struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// What a page's content shows.
#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
    pub images: usize,
    /// Undecodable characters by font name.
    pub undecodable: HashMap<String, usize>,
}

/// Fonts read once per document, by the address of their dictionary.
#[derive(Default)]
pub struct FontCache {
    fonts: HashMap<usize, Rc<Font>>,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
    white_fill: bool,
}

pub struct Interpreter<'a> {
    doc: &'a Document,
    budget: &'a Budget,
    fonts: &'a mut FontCache,
    /// Decompressed bytes left for this document.
    inflate_left: &'a mut u64,
    out: PageContent,
    ops: usize,
    forms: HashSet<ObjectId>,
    forms_run: usize,
    chars: Vec<Char>,
}

impl<'a> Interpreter<'a> {
    pub fn new(
        doc: &'a Document,
        budget: &'a Budget,
        fonts: &'a mut FontCache,
        inflate_left: &'a mut u64,
    ) -> Interpreter<'a> {
        Interpreter {
            doc,
            budget,
            fonts,
            inflate_left,
            out: PageContent::default(),
            ops: 0,
            forms: HashSet::new(),
            forms_run: 0,
            chars: Vec::new(),
        }
    }

    /// Runs a page's content with the page transform as initial CTM.
    pub fn run_page(
        mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        page: Matrix,
    ) -> Result<PageContent> {
        let gs = GState {
            ctm: page,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            white_fill: false,
        };
        self.run(content, resources, gs, 0)?;
        Ok(self.out)
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        mut gs: GState,
        depth: usize,
    ) -> Result<()> {
        let mut stack: Vec<GState> = Vec::new();
        let mut operands: Vec<Token<'_>> = Vec::new();
        let mut arrays: Vec<Vec<Token<'_>>> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        // Current path: subpaths of points; `rects` marks subpaths that came from `re`.
        let mut path: Vec<Vec<(f32, f32)>> = Vec::new();
        let mut lexer = Lexer::new(content);
        while let Some(tok) = lexer.next() {
            let op = match tok {
                Token::Word(w) => w,
                Token::ArrayStart => {
                    arrays.push(Vec::new());
                    continue;
                }
                Token::ArrayEnd => {
                    if let Some(a) = arrays.pop() {
                        // Only TJ takes an array; keep its items flattened behind a marker.
                        match arrays.last_mut() {
                            Some(outer) => outer.extend(a),
                            None => {
                                operands.push(Token::ArrayStart);
                                operands.extend(a);
                                operands.push(Token::ArrayEnd);
                            }
                        }
                    }
                    continue;
                }
                other => {
                    match arrays.last_mut() {
                        Some(a) if a.len() < 65_536 => a.push(other),
                        Some(_) => {}
                        None if operands.len() < 65_536 => operands.push(other),
                        None => {}
                    }
                    continue;
                }
            };
            arrays.clear();
            self.ops += 1;
            if self.ops.is_multiple_of(4096) {
                self.budget.check()?;
                // Forms that draw forms several times each multiply: bound the work even when
                // no deadline is set.
                if self.ops > MAX_OPS {
                    return Err(Error::too_large(format!(
                        "a page runs more than {MAX_OPS} operators"
                    )));
                }
            }
            let n = |i: usize| -> f32 {
                let k = operands.len().wrapping_sub(i);
                match operands.get(k) {
                    Some(Token::Num(v)) => *v,
                    _ => 0.0,
                }
            };
            let mat = || Matrix([n(6), n(5), n(4), n(3), n(2), n(1)]);
            match op {
                b"q" if stack.len() < MAX_STACK => {
                    stack.push(gs.clone());
                }
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" => {
                    let m = mat();
                    if m.is_finite() {
                        gs.ctm = m.then(&gs.ctm);
                    }
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"Tf" => {
                    gs.size = n(1);
                    if let Some(Token::Name(name)) =
                        operands.len().checked_sub(2).and_then(|k| operands.get(k))
                    {
                        gs.font = self.font(resources, name);
                    }
                }
                b"Tc" => gs.char_space = n(1),
                b"Tw" => gs.word_space = n(1),
                b"Tz" => gs.hscale = n(1) / 100.0,
                b"TL" => gs.leading = n(1),
                b"Ts" => gs.rise = n(1),
                b"Td" => {
                    tlm = Matrix::translate(n(2), n(1)).then(&tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.leading = -n(1);
                    tlm = Matrix::translate(n(2), n(1)).then(&tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    let m = mat();
                    if m.is_finite() {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op != b"Tj" {
                        if op == b"\"" {
                            gs.word_space = n(3);
                            gs.char_space = n(2);
                        }
                        tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                        tm = tlm;
                    }
                    if let Some(Token::Str(s)) = operands.last() {
                        let s = s.clone();
                        self.show(&s, &gs, &mut tm);
                    }
                }
                b"TJ" => {
                    let items = std::mem::take(&mut operands);
                    for item in items {
                        match item {
                            Token::Str(s) => self.show(&s, &gs, &mut tm),
                            Token::Num(adj) => {
                                let d = -adj / 1000.0 * gs.size;
                                let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                                tm = if vertical {
                                    Matrix::translate(0.0, d)
                                } else {
                                    Matrix::translate(d * gs.hscale, 0.0)
                                }
                                .then(&tm);
                            }
                            _ => {}
                        }
                    }
                }
                b"m" => path.push(vec![gs.ctm.apply(n(2), n(1))]),
                b"l" => {
                    let p = gs.ctm.apply(n(2), n(1));
                    match path.last_mut() {
                        Some(sp) => sp.push(p),
                        None => path.push(vec![p]),
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Curves are no rulings: end the subpath at the curve's end point.
                    path.push(vec![gs.ctm.apply(n(2), n(1))]);
                }
                b"h" => {
                    if let Some(sp) = path.last_mut()
                        && let Some(&first) = sp.first()
                        && sp.len() > 1
                    {
                        sp.push(first);
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (n(4), n(3), n(2), n(1));
                    let c = &gs.ctm;
                    path.push(vec![
                        c.apply(x, y),
                        c.apply(x + w, y),
                        c.apply(x + w, y + h),
                        c.apply(x, y + h),
                        c.apply(x, y),
                    ]);
                }
                b"S" | b"s" => paint::stroke(std::mem::take(&mut path), &mut self.out.segments),
                b"f" | b"F" | b"f*" => paint::fill(
                    std::mem::take(&mut path),
                    gs.white_fill,
                    &mut self.out.segments,
                ),
                b"B" | b"B*" | b"b" | b"b*" => {
                    let p = std::mem::take(&mut path);
                    paint::fill(p.clone(), true, &mut self.out.segments);
                    paint::stroke(p, &mut self.out.segments);
                }
                b"n" => path.clear(),
                b"g" => gs.white_fill = n(1) >= 0.99,
                b"rg" => gs.white_fill = n(1) >= 0.99 && n(2) >= 0.99 && n(3) >= 0.99,
                b"k" => {
                    gs.white_fill = n(1) <= 0.01 && n(2) <= 0.01 && n(3) <= 0.01 && n(4) <= 0.01
                }
                b"sc" | b"scn" | b"cs" => gs.white_fill = false,
                b"Do" => {
                    if let Some(Token::Name(name)) = operands.last() {
                        let name = name.to_vec();
                        self.x_object(resources, &name, &gs, depth)?;
                    }
                }
                b"BI" => {
                    // Inline image: its dictionary tokens up to ID, then raw data up to EI.
                    for t in lexer.by_ref() {
                        if t == Token::Word(b"ID") {
                            break;
                        }
                    }
                    lexer.skip_inline_image();
                    self.out.images += 1;
                }
                _ => {}
            }
            operands.clear();
        }
        Ok(())
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let fonts = objects::dict(doc, resources?, b"Font")?;
        let dict = objects::dict(doc, fonts, name)?;
        let key = dict as *const Dictionary as usize;
        if let Some(f) = self.fonts.fonts.get(&key) {
            return Some(f.clone());
        }
        let limit = self.budget.max_inflated.min(*self.inflate_left) as usize;
        let f = Rc::new(Font::load(doc, dict, limit));
        self.fonts.fonts.insert(key, f.clone());
        Some(f)
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else {
            // Text in a font the page does not define: shown, but unreadable.
            if !bytes.is_empty() {
                *self
                    .out
                    .undecodable
                    .entry("(missing font resource)".into())
                    .or_default() += bytes.len();
            }
            return;
        };
        self.chars.clear();
        font.decode(bytes, &mut self.chars);
        let fs = gs.size;
        let params = Matrix([fs * gs.hscale, 0.0, 0.0, fs, 0.0, gs.rise]);
        for ch in std::mem::take(&mut self.chars) {
            let trm = params.then(tm).then(&gs.ctm);
            let ws = if ch.word_space { gs.word_space } else { 0.0 };
            let bbox = if font.vertical {
                trm.rect(-0.5, -0.88, 0.5, 0.12)
            } else {
                trm.rect(0.0, -0.2, ch.width.max(0.1), 0.8)
            };
            if self.out.glyphs.len() < MAX_GLYPHS && bbox.iter().all(|v| v.is_finite()) {
                if ch.text.is_none() {
                    *self.out.undecodable.entry(font.name.clone()).or_default() += 1;
                }
                let size = (fs * tm.scale() * gs.ctm.scale()).abs();
                let [a, b, ..] = trm.0;
                let flow = if font.vertical || (b.abs() > a.abs() && b < 0.0) {
                    Flow::Down
                } else if b.abs() > a.abs() {
                    Flow::Up
                } else {
                    Flow::Across
                };
                self.out.glyphs.push(Glyph {
                    text: ch.text,
                    bbox,
                    size,
                    flow,
                    ocr: None,
                });
            }
            *tm = if font.vertical {
                Matrix::translate(0.0, -ch.width * fs + gs.char_space + ws)
            } else {
                Matrix::translate((ch.width * fs + gs.char_space + ws) * gs.hscale, 0.0)
            }
            .then(tm);
        }
    }

    fn x_object(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        gs: &GState,
        depth: usize,
    ) -> Result<()> {
        let doc = self.doc;
        let Some(xobjects) = resources.and_then(|r| objects::dict(doc, r, b"XObject")) else {
            return Ok(());
        };
        let Ok(Object::Reference(id)) = xobjects.get(name) else {
            return Ok(());
        };
        let Ok(Object::Stream(s)) = doc.get_object(*id) else {
            return Ok(());
        };
        match objects::name(doc, &s.dict, b"Subtype") {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") if depth < MAX_DEPTH && self.forms.insert(*id) => {
                self.forms_run += 1;
                if self.forms_run > MAX_FORMS {
                    return Err(Error::too_large(format!(
                        "a page draws more than {MAX_FORMS} forms"
                    )));
                }
                let bytes = objects::inflate(s, self.budget, self.inflate_left)?;
                let mut inner = gs.clone();
                if let Some(m) = objects::numbers::<6>(doc, &s.dict, b"Matrix") {
                    let m = Matrix(m);
                    if m.is_finite() {
                        inner.ctm = m.then(&gs.ctm);
                    }
                }
                let res = objects::dict(doc, &s.dict, b"Resources").or(resources);
                let r = self.run(&bytes, res, inner, depth + 1);
                self.forms.remove(id);
                r?;
            }
            _ => {}
        }
        Ok(())
    }
}
