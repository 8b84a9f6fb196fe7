//! PDF page content to positioned glyphs: interprets a page's content streams (and the form
//! XObjects they draw) far enough to know where each character lands and how wide it is.
//!
//! Fonts are decoded through their `ToUnicode` map first and their `Encoding` second; widths come
//! from `Widths` (simple fonts) or `W` (CID fonts). Text drawn sideways (watermarks, vertical
//! margin notes) and text outside the page box are dropped. Work is bounded: operators per
//! document, glyphs per page, form nesting depth and decompressed bytes all have limits.

use lopdf::Encoding;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// One character (or ligature, already expanded) drawn on a page, in page coordinates with the
/// origin at the top left and y growing downwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    /// Left edge and advance width.
    pub x: f32,
    pub width: f32,
    /// Baseline.
    pub y: f32,
    /// Font size on the page.
    pub size: f32,
    pub bold: bool,
}

/// The glyphs of one page and the size of the page.
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    pub glyphs: Vec<Glyph>,
    pub width: f32,
    pub height: f32,
}

/// Shared limits on the work done for one document.
#[derive(Debug, Clone)]
pub struct Budget {
    pub operations: usize,
    pub max_glyphs_per_page: usize,
    pub max_stream_bytes: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            operations: 30_000_000,
            max_glyphs_per_page: 400_000,
            max_stream_bytes: 64 << 20,
        }
    }
}

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentError {
    /// The document needs more work than the budget allows.
    Budget,
    /// The content could not be decompressed or parsed.
    Broken(String),
}

const MAX_FORM_DEPTH: usize = 12;
const MAX_STATE_STACK: usize = 256;

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b`: apply `a`, then `b`.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
    .filter(|v| v.is_finite())
}

fn matrix_of(ops: &[Object]) -> Option<Matrix> {
    if ops.len() < 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (i, o) in ops[ops.len() - 6..].iter().enumerate() {
        m[i] = num(o)?;
    }
    Some(m)
}

/// How a font turns string bytes into characters and widths.
struct Font<'a> {
    to_unicode: Option<Encoding<'a>>,
    encoding: Option<Encoding<'a>>,
    two_byte: bool,
    first_char: u32,
    widths: Vec<f32>,
    cid_widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph-space units per text-space unit × 1000 (1 except for Type 3 fonts).
    scale: f32,
    bold: bool,
    cache: HashMap<u32, String>,
}

impl<'a> Font<'a> {
    fn load(doc: &'a Document, dict: &'a Dictionary, limit: usize) -> Font<'a> {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let two_byte = subtype == b"Type0";
        let to_unicode = dict
            .get_deref(b"ToUnicode", doc)
            .ok()
            .filter(|o| o.as_stream().is_ok())
            .and_then(|_| {
                let mut only_map = dict.clone();
                only_map.remove(b"Encoding");
                match only_map.get_font_encoding_with_limit(doc, limit) {
                    Ok(Encoding::UnicodeMapEncoding(cmap)) => {
                        Some(Encoding::UnicodeMapEncoding(cmap))
                    }
                    _ => None,
                }
            });
        let encoding = if two_byte {
            None
        } else {
            dict.get_font_encoding_with_limit(doc, limit).ok()
        };
        let base_font = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).to_ascii_lowercase())
            .unwrap_or_default();
        let mut font = Font {
            to_unicode,
            encoding,
            two_byte,
            first_char: 0,
            widths: Vec::new(),
            cid_widths: HashMap::new(),
            default_width: if base_font.contains("courier") {
                600.0
            } else {
                500.0
            },
            scale: 1.0,
            bold: ["bold", "black", "heavy", "semibold", "demi"]
                .iter()
                .any(|w| base_font.contains(w)),
            cache: HashMap::new(),
        };
        if two_byte {
            font.load_cid_widths(doc, dict);
        } else {
            font.first_char = dict
                .get(b"FirstChar")
                .ok()
                .and_then(num)
                .map(|v| v.max(0.0) as u32)
                .unwrap_or(0);
            if let Ok(Object::Array(ws)) = dict.get_deref(b"Widths", doc) {
                font.widths = ws
                    .iter()
                    .take(65_536)
                    .map(|w| {
                        doc.dereference(w)
                            .ok()
                            .and_then(|(_, o)| num(o))
                            .unwrap_or(0.0)
                    })
                    .collect();
            }
            if subtype == b"Type3"
                && let Ok(Object::Array(m)) = dict.get_deref(b"FontMatrix", doc)
                && let Some(a) = m.first().and_then(num)
            {
                font.scale = a * 1000.0;
            }
        }
        if let Ok(Object::Dictionary(fd)) = dict.get_deref(b"FontDescriptor", doc) {
            if let Some(w) = fd
                .get(b"MissingWidth")
                .ok()
                .and_then(num)
                .filter(|w| *w > 0.0)
            {
                font.default_width = w;
            }
            if fd
                .get(b"FontWeight")
                .ok()
                .and_then(num)
                .is_some_and(|w| w >= 600.0)
            {
                font.bold = true;
            }
        }
        font
    }

    fn load_cid_widths(&mut self, doc: &Document, dict: &Dictionary) {
        let Ok(Object::Array(desc)) = dict.get_deref(b"DescendantFonts", doc) else {
            return;
        };
        let Some(Ok((_, Object::Dictionary(cid)))) = desc.first().map(|d| doc.dereference(d))
        else {
            return;
        };
        self.default_width = cid.get(b"DW").ok().and_then(num).unwrap_or(1000.0);
        if let Ok(Object::Dictionary(fd)) = cid.get_deref(b"FontDescriptor", doc)
            && fd
                .get(b"FontWeight")
                .ok()
                .and_then(num)
                .is_some_and(|w| w >= 600.0)
        {
            self.bold = true;
        }
        let Ok(Object::Array(w)) = cid.get_deref(b"W", doc) else {
            return;
        };
        let items: Vec<&Object> = w
            .iter()
            .take(200_000)
            .map(|o| doc.dereference(o).map(|(_, o)| o).unwrap_or(o))
            .collect();
        let mut i = 0;
        while i < items.len() {
            let Some(first) = num(items[i]) else {
                i += 1;
                continue;
            };
            let first = first.max(0.0) as u32;
            match items.get(i + 1) {
                Some(Object::Array(list)) => {
                    for (k, w) in list.iter().take(65_536).enumerate() {
                        if let Some(w) = num(w) {
                            self.cid_widths.insert(first + k as u32, w);
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let last = num(o).map(|v| v.max(0.0) as u32).unwrap_or(first);
                    let w = items
                        .get(i + 2)
                        .and_then(|o| num(o))
                        .unwrap_or(self.default_width);
                    for c in first..=last.min(first + 65_536) {
                        self.cid_widths.insert(c, w);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    fn width(&self, code: u32) -> f32 {
        let w = if self.two_byte {
            self.cid_widths.get(&code).copied()
        } else {
            code.checked_sub(self.first_char)
                .and_then(|i| self.widths.get(i as usize).copied())
                .filter(|w| *w > 0.0)
        };
        w.unwrap_or(self.default_width) * self.scale / 1000.0
    }

    fn text(&mut self, code: u32, bytes: &[u8]) -> &str {
        if !self.cache.contains_key(&code) {
            let mut s = self
                .to_unicode
                .as_ref()
                .and_then(|e| e.bytes_to_string(bytes).ok())
                .filter(|s| !s.is_empty() && !s.contains('\u{fffd}'));
            if s.is_none() {
                s = self
                    .encoding
                    .as_ref()
                    .and_then(|e| e.bytes_to_string(bytes).ok());
            }
            let s: String = s
                .unwrap_or_default()
                .chars()
                .map(|c| {
                    // Symbol-font bullets live in the private use area.
                    if ('\u{e000}'..='\u{f8ff}').contains(&c) {
                        '•'
                    } else {
                        c
                    }
                })
                .filter(|c| !c.is_control() || *c == '\t')
                .nfkc()
                .collect();
            self.cache.insert(code, s);
        }
        self.cache.get(&code).map(String::as_str).unwrap_or("")
    }
}

#[derive(Clone)]
struct TextState {
    font: Option<Vec<u8>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    text: TextState,
}

struct Interp<'a, 'b> {
    doc: &'a Document,
    budget: &'b mut Budget,
    fonts: HashMap<ObjectId, Font<'a>>,
    /// Fonts written straight into a resource dictionary have no id; keyed by address.
    inline_fonts: HashMap<usize, Font<'a>>,
    glyphs: Vec<Glyph>,
    page_box: [f32; 4],
    base: Matrix,
    forms: HashSet<ObjectId>,
}

/// The font dictionaries and XObjects a content stream may use.
struct Resources<'a> {
    fonts: HashMap<Vec<u8>, (Option<ObjectId>, &'a Dictionary)>,
    xobjects: HashMap<Vec<u8>, ObjectId>,
}

fn resources<'a>(doc: &'a Document, res: Option<&'a Dictionary>) -> Resources<'a> {
    let mut out = Resources {
        fonts: HashMap::new(),
        xobjects: HashMap::new(),
    };
    let Some(res) = res else {
        return out;
    };
    if let Ok(Object::Dictionary(fonts)) = res.get_deref(b"Font", doc) {
        for (name, v) in fonts.iter() {
            let entry = match v {
                Object::Reference(id) => doc.get_dictionary(*id).ok().map(|d| (Some(*id), d)),
                Object::Dictionary(d) => Some((None, d)),
                _ => None,
            };
            if let Some(e) = entry {
                out.fonts.insert(name.clone(), e);
            }
        }
    }
    if let Ok(Object::Dictionary(xo)) = res.get_deref(b"XObject", doc) {
        for (name, v) in xo.iter() {
            if let Object::Reference(id) = v {
                out.xobjects.insert(name.clone(), *id);
            }
        }
    }
    out
}

/// The page's resource dictionary (inherited from the page tree when the page has none).
fn page_resources(doc: &Document, page_id: ObjectId) -> Option<&Dictionary> {
    let (direct, ids) = doc.get_page_resources(page_id).ok()?;
    direct.or_else(|| ids.first().and_then(|id| doc.get_dictionary(*id).ok()))
}

/// A page attribute that may be inherited from the page tree (`MediaBox`, `CropBox`, `Rotate`).
fn inherited<'a>(doc: &'a Document, page_id: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Ok(v) = node.get(key) {
            return doc.dereference(v).ok().map(|(_, o)| o);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn rect(o: Option<&Object>) -> Option<[f32; 4]> {
    let Some(Object::Array(a)) = o else {
        return None;
    };
    if a.len() < 4 {
        return None;
    }
    let v: Vec<f32> = a.iter().take(4).filter_map(num).collect();
    (v.len() == 4).then(|| {
        [
            v[0].min(v[2]),
            v[1].min(v[3]),
            v[0].max(v[2]),
            v[1].max(v[3]),
        ]
    })
}

/// Reads the glyphs of one page.
pub fn page_glyphs(
    doc: &Document,
    page_id: ObjectId,
    budget: &mut Budget,
) -> Result<PageGlyphs, ContentError> {
    let media = rect(inherited(doc, page_id, b"MediaBox")).unwrap_or([0.0, 0.0, 612.0, 792.0]);
    let crop = rect(inherited(doc, page_id, b"CropBox"))
        .map(|c| {
            [
                c[0].max(media[0]),
                c[1].max(media[1]),
                c[2].min(media[2]),
                c[3].min(media[3]),
            ]
        })
        .filter(|c| c[2] > c[0] && c[3] > c[1])
        .unwrap_or(media);
    let [x0, y0, x1, y1] = crop;
    let rotate = inherited(doc, page_id, b"Rotate")
        .and_then(num)
        .map(|r| (r as i64).rem_euclid(360))
        .unwrap_or(0);
    // Maps user space to the page as displayed, origin bottom left.
    let (base, width, height) = match rotate {
        90 => ([0.0, -1.0, 1.0, 0.0, -y0, x1], y1 - y0, x1 - x0),
        180 => ([-1.0, 0.0, 0.0, -1.0, x1, y1], x1 - x0, y1 - y0),
        270 => ([0.0, 1.0, -1.0, 0.0, y1, -x0], y1 - y0, x1 - x0),
        _ => ([1.0, 0.0, 0.0, 1.0, -x0, -y0], x1 - x0, y1 - y0),
    };
    let content = doc
        .get_page_content_with_limit(page_id, budget.max_stream_bytes)
        .map_err(|e| ContentError::Broken(e.to_string()))?;
    let mut interp = Interp {
        doc,
        budget,
        fonts: HashMap::new(),
        inline_fonts: HashMap::new(),
        glyphs: Vec::new(),
        page_box: [0.0, 0.0, width, height],
        base,
        forms: HashSet::new(),
    };
    let res = resources(doc, page_resources(doc, page_id));
    interp.run(&content, &res, base, 0)?;
    let mut glyphs = interp.glyphs;
    for g in &mut glyphs {
        g.y = height - g.y;
    }
    Ok(PageGlyphs {
        glyphs,
        width,
        height,
    })
}

impl<'a> Interp<'a, '_> {
    fn run(
        &mut self,
        data: &[u8],
        res: &Resources<'a>,
        ctm: Matrix,
        depth: usize,
    ) -> Result<(), ContentError> {
        let content = Content::decode(data).map_err(|e| ContentError::Broken(e.to_string()))?;
        let mut gs = GState {
            ctm,
            text: TextState::default(),
        };
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in &content.operations {
            if self.budget.operations == 0 {
                return Err(ContentError::Budget);
            }
            self.budget.operations -= 1;
            let o = &op.operands;
            let f = |i: usize| o.get(i).and_then(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if stack.len() < MAX_STATE_STACK => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix_of(o) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    gs.text.font = o.first().and_then(|n| n.as_name().ok()).map(<[u8]>::to_vec);
                    gs.text.size = f(1);
                }
                "Tc" => gs.text.char_space = f(0),
                "Tw" => gs.text.word_space = f(0),
                "Tz" => gs.text.scale = f(0) / 100.0,
                "TL" => gs.text.leading = f(0),
                "Ts" => gs.text.rise = f(0),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        gs.text.leading = -f(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, f(0), f(1)], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = matrix_of(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.text.leading], &tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(s, &gs, &mut tm, res)?;
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        gs.text.word_space = f(0);
                        gs.text.char_space = f(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.text.leading], &tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(s, &gs, &mut tm, res)?;
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &gs, &mut tm, res)?,
                                other => {
                                    if let Some(n) = num(other) {
                                        let tx = -n / 1000.0 * gs.text.size * gs.text.scale;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(id) = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| res.xobjects.get(n))
                    {
                        self.form(*id, res, &gs, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn form(
        &mut self,
        id: ObjectId,
        parent: &Resources<'a>,
        gs: &GState,
        depth: usize,
    ) -> Result<(), ContentError> {
        let doc = self.doc;
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            return Ok(());
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form")
            || !self.forms.insert(id)
        {
            return Ok(());
        }
        let data = stream
            .decompressed_content_with_limit(self.budget.max_stream_bytes)
            .or_else(|_| {
                // An unfiltered stream fails to "decompress"; its bytes are the content.
                if stream.dict.has(b"Filter") {
                    Err(())
                } else {
                    Ok(stream.content.clone())
                }
            });
        let result = match data {
            Ok(data) => {
                let m = match stream.dict.get(b"Matrix") {
                    Ok(Object::Array(a)) => matrix_of(a).unwrap_or(IDENTITY),
                    _ => IDENTITY,
                };
                let own = match stream.dict.get_deref(b"Resources", doc) {
                    Ok(Object::Dictionary(d)) => Some(resources(doc, Some(d))),
                    _ => None,
                };
                let res = own.as_ref().unwrap_or(parent);
                self.run(&data, res, mul(&m, &gs.ctm), depth + 1)
            }
            Err(()) => Ok(()),
        };
        self.forms.remove(&id);
        result
    }

    fn font(&mut self, res: &Resources<'a>, name: &[u8]) -> Option<&mut Font<'a>> {
        let (id, dict) = *res.fonts.get(name)?;
        let limit = self.budget.max_stream_bytes;
        let doc = self.doc;
        Some(match id {
            Some(id) => self
                .fonts
                .entry(id)
                .or_insert_with(|| Font::load(doc, dict, limit)),
            None => self
                .inline_fonts
                .entry(dict as *const Dictionary as usize)
                .or_insert_with(|| Font::load(doc, dict, limit)),
        })
    }

    fn show(
        &mut self,
        bytes: &[u8],
        gs: &GState,
        tm: &mut Matrix,
        res: &Resources<'a>,
    ) -> Result<(), ContentError> {
        let t = &gs.text;
        let Some(name) = t.font.clone() else {
            return Ok(());
        };
        let base = self.base;
        let page_box = self.page_box;
        let max_glyphs = self.budget.max_glyphs_per_page;
        let Some(font) = self.font(res, &name) else {
            return Ok(());
        };
        let step = if font.two_byte { 2 } else { 1 };
        let bold = font.bold;
        let mut out = Vec::new();
        for chunk in bytes.chunks(step) {
            let code = chunk.iter().fold(0u32, |acc, b| acc << 8 | *b as u32);
            let w0 = font.width(code);
            let text = font.text(code, chunk).to_string();
            let m = mul(&mul(tm, &gs.ctm), &base);
            let trm_size = (m[2] * m[2] + m[3] * m[3]).sqrt() * t.size;
            let x_scale = (m[0] * m[0] + m[1] * m[1]).sqrt();
            let upright = m[0] > 0.0 && m[1].abs() <= 0.05 * m[0] && m[2].abs() <= 0.05 * m[3];
            let x = m[4] + m[2] * t.rise;
            let y = m[5] + m[3] * t.rise;
            let word_space = if step == 1 && code == 32 {
                t.word_space
            } else {
                0.0
            };
            let tx = (w0 * t.size + t.char_space + word_space) * t.scale;
            if upright
                && !text.is_empty()
                && trm_size > 0.5
                && x >= page_box[0] - 2.0
                && x <= page_box[2] + 2.0
                && y >= page_box[1] - 2.0
                && y <= page_box[3] + 2.0
            {
                out.push(Glyph {
                    text,
                    x,
                    width: (w0 * t.size * t.scale * x_scale).max(0.0),
                    y,
                    size: trm_size,
                    bold,
                });
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
        if self.glyphs.len() + out.len() > max_glyphs {
            return Err(ContentError::Budget);
        }
        self.glyphs.extend(out);
        Ok(())
    }
}
