//! Word documents (DOCX): the body's paragraphs and tables as normalised text.
//!
//! Tracked insertions are kept and deletions dropped (the text as it reads with changes
//! accepted); headers, footers, footnotes and comments are not part of the body and are left
//! out; field codes are skipped and their results kept; hidden text is dropped. Word automatic
//! numbering is written into the text where Word draws it (see `docx_numbering`). Table rows
//! become lines with cells separated by ` | `. Page breaks (explicit ones and those Word recorded
//! when it last laid the document out) start pages.
//!
//! Every part is size-capped before and while it is inflated, so a zip bomb is refused early.

use super::docx_numbering::{NumPr, Numbering, Suffix, attr, on};
use super::normalise::TextBuilder;
use super::{DecodeError, Decoded, Format, Limits};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};
use unicode_normalization::UnicodeNormalization;

/// Largest main document part inflated.
const MAX_DOCUMENT_XML: u64 = 64 << 20;
/// Largest styles, numbering or relationships part inflated.
const MAX_SIDE_XML: u64 = 16 << 20;
/// Deepest nesting of tables in tables that keeps its own structure.
const MAX_TABLE_DEPTH: usize = 32;

/// Decodes a DOCX file.
pub fn decode_docx(bytes: &[u8], limits: &Limits) -> Result<Decoded, DecodeError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| corrupt(format!("not a readable zip archive ({e})")))?;
    let main = main_part_name(&mut zip).unwrap_or_else(|| "word/document.xml".to_string());
    let doc_cap = MAX_DOCUMENT_XML
        .min(limits.max_bytes as u64 * 4)
        .max(1 << 20);
    let document = read_part(&mut zip, &main, doc_cap)?
        .ok_or_else(|| corrupt(format!("the archive has no {main}")))?;
    let dir = main.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let side = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| {
        let path = if dir.is_empty() {
            name.to_string()
        } else {
            format!("{dir}/{name}")
        };
        read_part(zip, &path, MAX_SIDE_XML)
    };
    let numbering_xml = side(&mut zip, "numbering.xml")?;
    let styles_xml = side(&mut zip, "styles.xml")?;
    let numbering = Numbering::new(numbering_xml.as_deref(), styles_xml.as_deref());
    let mut warnings = Vec::new();
    let (text, page_starts) = body_text(&document, numbering, &mut warnings);
    if text.trim().is_empty() {
        return Err(DecodeError::NoText);
    }
    Ok(Decoded {
        text,
        page_starts,
        format: Format::Docx,
        encoding: None,
        title: None,
        warnings,
    })
}

fn corrupt(reason: String) -> DecodeError {
    DecodeError::Corrupt {
        format: "DOCX",
        reason,
    }
}

/// The main document part named by the package relationships (`word/document.xml` usually).
fn main_part_name(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    let rels = read_part(zip, "_rels/.rels", MAX_SIDE_XML).ok()??;
    let mut r = Reader::from_str(&rels);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                let kind = attr(&e, "Type").unwrap_or_default();
                if kind.ends_with("/officeDocument") {
                    let target = attr(&e, "Target")?;
                    return Some(target.trim_start_matches('/').to_string());
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Reads one part as text, refusing it when its declared or actual size passes `cap`.
/// A part that is not in the archive is `None`.
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    cap: u64,
) -> Result<Option<String>, DecodeError> {
    let Some(index) = zip.index_for_name(name) else {
        return Ok(None);
    };
    let file = zip
        .by_index(index)
        .map_err(|e| corrupt(format!("{name}: {e}")))?;
    if file.size() > cap {
        return Err(DecodeError::PartTooLarge {
            part: name.to_string(),
            size: file.size(),
            limit: cap,
        });
    }
    let mut buf = Vec::with_capacity(file.size() as usize);
    // The declared size may lie: the reader is capped too.
    file.take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(|e| corrupt(format!("{name}: {e}")))?;
    if buf.len() as u64 > cap {
        return Err(DecodeError::PartTooLarge {
            part: name.to_string(),
            size: buf.len() as u64,
            limit: cap,
        });
    }
    Ok(Some(xml_to_string(buf)))
}

/// XML parts are UTF-8 or, rarely, UTF-16 with a byte-order mark.
fn xml_to_string(buf: Vec<u8>) -> String {
    if buf.starts_with(&[0xFF, 0xFE]) {
        return encoding_rs::UTF_16LE.decode(&buf).0.into_owned();
    }
    if buf.starts_with(&[0xFE, 0xFF]) {
        return encoding_rs::UTF_16BE.decode(&buf).0.into_owned();
    }
    match String::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num: NumPr,
    in_ppr: bool,
    in_numpr: bool,
}

/// A table being read: the cells of the current row and the text of the current cell.
#[derive(Default)]
struct Table {
    cells: Vec<String>,
    cell: String,
}

/// One complex field (`w:fldChar`): its instructions come before `separate`, its result after.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Instructions,
    Result,
}

struct Walker {
    out: TextBuilder,
    numbering: Numbering,
    paras: Vec<Para>,
    tables: Vec<Table>,
    fields: Vec<Field>,
    /// Depth inside an element whose content is skipped (a deletion, a fallback image …).
    skip: usize,
    run_hidden: bool,
    run_caps: bool,
    in_rpr: bool,
    /// Inside `w:t` (or another text element such as `m:t`).
    text_open: bool,
    page_break_pending: bool,
}

/// Elements whose whole content is left out of the body text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "del"
            | "moveFrom"
            | "delText"
            | "instrText"
            | "Fallback"
            | "sectPr"
            | "rPrChange"
            | "pPrChange"
            | "tblPrChange"
            | "trPrChange"
            | "tcPrChange"
            | "numberingChange"
            | "footnoteReference"
            | "endnoteReference"
            | "commentReference"
    )
}

fn body_text(xml: &str, numbering: Numbering, warnings: &mut Vec<String>) -> (String, Vec<usize>) {
    let mut w = Walker {
        out: TextBuilder::with_capacity(xml.len() / 4),
        numbering,
        paras: Vec::new(),
        tables: Vec::new(),
        fields: Vec::new(),
        skip: 0,
        run_hidden: false,
        run_caps: false,
        in_rpr: false,
        text_open: false,
        page_break_pending: false,
    };
    let mut r = Reader::from_str(xml);
    let mut in_body = false;
    loop {
        let event = match r.read_event() {
            Ok(e) => e,
            Err(e) => {
                warnings.push(format!(
                    "the document XML is malformed after byte {} ({e}); the text before it is kept",
                    r.error_position()
                ));
                break;
            }
        };
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                if w.skip > 0 {
                    w.skip += 1;
                } else if name.as_ref() == "body" {
                    in_body = true;
                } else if in_body {
                    if skipped(name.as_ref()) {
                        w.skip = 1;
                    } else {
                        w.start(&e, false);
                    }
                }
            }
            Event::Empty(e) if w.skip == 0 && in_body && !skipped(e.local_name().as_ref()) => {
                w.start(&e, true);
            }
            Event::End(e) => {
                if w.skip > 0 {
                    w.skip -= 1;
                } else if e.local_name().as_ref() == "body" {
                    in_body = false;
                } else if in_body {
                    w.end(e.local_name().as_ref());
                }
            }
            Event::Text(t) if w.skip == 0 && w.in_text() => {
                let s = t.xml10_content();
                w.push_text(&s);
            }
            Event::CData(t) if w.skip == 0 && w.in_text() => {
                let s = t.xml10_content();
                w.push_text(&s);
            }
            Event::GeneralRef(g) if w.skip == 0 && w.in_text() => {
                let c = match g.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match g.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    w.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A truncated document leaves paragraphs and tables open: keep what they hold.
    while !w.paras.is_empty() {
        w.end("p");
    }
    while !w.tables.is_empty() {
        w.end("tbl");
    }
    w.out.finish()
}

impl Walker {
    /// Whether character data here is document text (`w:t` inside a run of a paragraph).
    fn in_text(&self) -> bool {
        self.text_open
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let val = || attr(e, "val");
        match name.as_ref() {
            "p" if !empty => {
                self.paras.push(Para::default());
            }
            "pPr" if !empty => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_ppr = true;
                }
            }
            "numPr" if !empty => {
                if let Some(p) = self.paras.last_mut().filter(|p| p.in_ppr) {
                    p.in_numpr = true;
                }
            }
            "pStyle" => {
                if let Some(p) = self.paras.last_mut().filter(|p| p.in_ppr) {
                    p.style = val();
                }
            }
            "ilvl" => {
                if let Some(p) = self.paras.last_mut().filter(|p| p.in_numpr) {
                    p.num.ilvl = val().and_then(|v| v.parse().ok());
                }
            }
            "numId" => {
                if let Some(p) = self.paras.last_mut().filter(|p| p.in_numpr) {
                    p.num.num_id = val();
                }
            }
            "pageBreakBefore"
                if val().is_none_or(|v| on(&v)) && self.paras.last().is_some_and(|p| p.in_ppr) =>
            {
                self.page_break_pending = true;
            }
            "r" if !empty => {
                self.run_hidden = false;
                self.run_caps = false;
            }
            "rPr" if !empty => self.in_rpr = !self.paras.last().is_some_and(|p| p.in_ppr),
            "vanish" | "specVanish" if self.in_rpr => {
                self.run_hidden = val().is_none_or(|v| on(&v));
            }
            "caps" if self.in_rpr => self.run_caps = val().is_none_or(|v| on(&v)),
            "t" if !empty => self.text_open = true,
            "tab" if !self.paras.last().is_some_and(|p| p.in_ppr) => self.push_text("\t"),
            "br" => {
                if attr(e, "type").as_deref() == Some("page") {
                    self.page_break_pending = true;
                } else {
                    self.push_text("\n");
                }
            }
            "cr" => self.push_text("\n"),
            "lastRenderedPageBreak" => self.page_break_pending = true,
            "noBreakHyphen" => self.push_text("-"),
            "sym" => {
                if let Some(c) = attr(e, "char")
                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                    .and_then(char::from_u32)
                {
                    let c = if ('\u{e000}'..='\u{f8ff}').contains(&c) {
                        '•'
                    } else {
                        c
                    };
                    self.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(Field::Instructions),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = Field::Result;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            "tbl" if !empty => {
                self.flush_pending_page_break();
                if self.tables.is_empty() && self.paras.is_empty() {
                    self.out.paragraph_break();
                }
                self.tables.push(Table::default());
            }
            "tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.cells.clear();
                    t.cell.clear();
                }
            }
            "tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell.clear();
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" => self.end_paragraph(),
            "pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_ppr = false;
                }
            }
            "numPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_numpr = false;
                }
            }
            "rPr" => self.in_rpr = false,
            "t" => self.text_open = false,
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let cell = std::mem::take(&mut t.cell);
                    t.cells.push(cell);
                }
            }
            "tr" => {
                let Some(t) = self.tables.last_mut() else {
                    return;
                };
                let cells = std::mem::take(&mut t.cells);
                if cells.iter().all(|c| c.trim().is_empty()) {
                    return;
                }
                let row = cells
                    .iter()
                    .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
                    .collect::<Vec<_>>()
                    .join(" | ");
                if self.tables.len() > 1 && self.tables.len() <= MAX_TABLE_DEPTH + 1 {
                    // A table inside a cell reads as part of that cell.
                    let outer = self.tables.len() - 2;
                    append_spaced(&mut self.tables[outer].cell, &row);
                } else if self.paras.is_empty() {
                    self.out.line_break();
                    self.out.push_str(&row);
                    self.out.line_break();
                } else if let Some(p) = self.paras.last_mut() {
                    append_spaced(&mut p.text, &row);
                }
            }
            "tbl" => {
                self.tables.pop();
                if self.tables.is_empty() && self.paras.is_empty() {
                    self.out.paragraph_break();
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, s: &str) {
        if self.run_hidden || self.fields.contains(&Field::Instructions) {
            return;
        }
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        if p.in_ppr {
            return;
        }
        if self.run_caps {
            p.text.extend(s.nfkc().flat_map(char::to_uppercase));
        } else {
            p.text.extend(s.nfkc());
        }
    }

    fn flush_pending_page_break(&mut self) {
        if self.page_break_pending && self.tables.is_empty() && self.paras.len() <= 1 {
            self.page_break_pending = false;
            if !self.out.is_empty() {
                self.out.page_break();
            }
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paras.pop() else {
            return;
        };
        let label = self.numbering.next_label(p.style.as_deref(), &p.num);
        let body = p.text.trim_end();
        if body.trim().is_empty() && label.as_ref().is_none_or(|l| l.text.trim() == "•") {
            return;
        }
        let mut line = String::new();
        if let Some(l) = &label {
            line.push_str(&l.text);
            match l.suffix {
                Suffix::Tab => line.push('\t'),
                Suffix::Space => line.push(' '),
                Suffix::Nothing => {}
            }
        }
        line.push_str(body.trim_start_matches([' ', '\t']));
        if let Some(t) = self.tables.last_mut() {
            append_spaced(&mut t.cell, &line);
        } else if let Some(outer) = self.paras.last_mut() {
            // A text box inside a paragraph: its words join the paragraph.
            append_spaced(&mut outer.text, &line);
        } else {
            self.flush_pending_page_break();
            self.out.paragraph_break();
            if let Some(l) = &label {
                self.out.push_str(&"    ".repeat(l.level as usize));
            }
            self.out.push_str(&line);
            self.out.paragraph_break();
        }
    }
}

fn append_spaced(buf: &mut String, s: &str) {
    if s.trim().is_empty() {
        return;
    }
    if !buf.is_empty() {
        buf.push(' ');
    }
    buf.push_str(s);
}
