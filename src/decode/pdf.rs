//! PDF documents: text per page in reading order, with two backends.
//!
//! The built-in reader (lopdf) places every glyph on the page, lays the page out
//! (`pdf_layout`) and rebuilds paragraphs across pages (`pdf_pages`). When it fails, finds no
//! text, or its text looks broken (very long "words", replacement characters), the document is
//! read again through poppler's `pdftotext` when the converters have it; if they do not, the
//! built-in result (or its error) stands. Encrypted documents that open without a password are read;
//! others are an `Encrypted` error.

use super::pdf_content::{self, Budget, ContentError};
use super::pdf_layout::{self, Line};
use super::pdf_pages::{self, PageText};
use super::{Converters, DecodeError, Decoded, Format, Limits, Tool, ToolError};
use lopdf::{Document, LoadOptions};
use unicode_normalization::UnicodeNormalization;

/// Decodes a PDF with the built-in reader, falling back to `pdftotext` when `tools` have it.
pub fn decode_pdf(
    bytes: &[u8],
    limits: &Limits,
    tools: &dyn Converters,
) -> Result<Decoded, DecodeError> {
    let mut warnings = Vec::new();
    let builtin = read_builtin(bytes, &mut warnings);
    let reason = match &builtin {
        Err(DecodeError::Encrypted) => return Err(DecodeError::Encrypted),
        Err(e) => Some(e.to_string()),
        Ok((text, _)) if text.trim().is_empty() => Some("no text found".to_string()),
        Ok((text, _)) => looks_broken(text),
    };
    let Some(reason) = reason else {
        return builtin.map(|(text, pages)| decoded(text, pages, warnings));
    };
    if !tools.has(Tool::Pdftotext) {
        return match builtin {
            Ok((text, _)) if text.trim().is_empty() => Err(DecodeError::NoText),
            Ok((text, pages)) => {
                warnings.push(format!(
                    "the text may be garbled ({reason}); install pdftotext (poppler-utils) for a second reading"
                ));
                Ok(decoded(text, pages, warnings))
            }
            Err(e) => Err(e),
        };
    };
    match read_pdftotext(tools, bytes, limits) {
        Ok((text, pages)) if !text.trim().is_empty() => {
            warnings.push(format!(
                "read with pdftotext: the built-in reader gave {reason}"
            ));
            Ok(decoded(text, pages, warnings))
        }
        other => match builtin {
            Ok((text, pages)) if !text.trim().is_empty() => Ok(decoded(text, pages, warnings)),
            Ok(_) => match other {
                Err(e) => Err(e),
                Ok(_) => Err(DecodeError::NoText),
            },
            Err(e) => Err(e),
        },
    }
}

fn decoded(text: String, page_starts: Vec<usize>, warnings: Vec<String>) -> Decoded {
    Decoded {
        text,
        page_starts,
        format: Format::Pdf,
        encoding: None,
        title: None,
        warnings,
    }
}

/// Reads a PDF with lopdf: every page's glyphs, laid out and assembled.
fn read_builtin(
    bytes: &[u8],
    warnings: &mut Vec<String>,
) -> Result<(String, Vec<usize>), DecodeError> {
    let mut budget = Budget::default();
    let options = LoadOptions {
        max_decompressed_size: Some(budget.max_stream_bytes),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| {
        if e.to_string().to_lowercase().contains("encrypt") {
            DecodeError::Encrypted
        } else {
            DecodeError::Corrupt {
                format: "PDF",
                reason: e.to_string(),
            }
        }
    })?;
    // lopdf opens documents that need no password; the others keep their /Encrypt entry.
    if doc.trailer.has(b"Encrypt") {
        return Err(DecodeError::Encrypted);
    }
    // Pages pushed one by one: lopdf's `get_pages` sizes its list by the page tree's `/Count`,
    // which a broken file can set to trillions (an allocation that aborts the process).
    let mut pages = Vec::new();
    for id in doc.page_iter() {
        pages.push(id);
    }
    if pages.is_empty() {
        return Err(DecodeError::Corrupt {
            format: "PDF",
            reason: "no pages could be found".into(),
        });
    }
    let mut out = Vec::with_capacity(pages.len());
    let mut broken = 0usize;
    let mut first_problem = None;
    for (number, &id) in (1..).zip(&pages) {
        match pdf_content::page_glyphs(&doc, id, &mut budget) {
            Ok(g) => out.push(PageText {
                lines: pdf_layout::layout(&g),
                height: g.height,
            }),
            Err(ContentError::Budget) => {
                return Err(DecodeError::Corrupt {
                    format: "PDF",
                    reason: format!(
                        "page {number} needs more work than the limits allow (a content bomb?)"
                    ),
                });
            }
            Err(ContentError::Broken(why)) => {
                broken += 1;
                if broken <= 3 {
                    warnings.push(format!("page {number} could not be read: {why}"));
                }
                first_problem.get_or_insert(format!("page {number}: {why}"));
                out.push(PageText::default());
            }
        }
    }
    if broken == pages.len()
        && let Some(reason) = first_problem
    {
        return Err(DecodeError::Corrupt {
            format: "PDF",
            reason: format!("no page could be read ({reason})"),
        });
    }
    Ok(pdf_pages::assemble(out))
}

/// A reason to distrust text the built-in reader produced, if there is one.
fn looks_broken(text: &str) -> Option<String> {
    let mut words = 0usize;
    let mut long = 0usize;
    for w in text.split_whitespace() {
        words += 1;
        if w.chars().count() > 30 && !w.contains("://") && !w.contains('@') {
            long += 1;
        }
    }
    let replacement = text.chars().filter(|&c| c == '\u{fffd}').count();
    if words >= 20 && long * 20 > words {
        return Some(format!("{long} of {words} words longer than 30 characters"));
    }
    if replacement * 50 > text.chars().count().max(1) {
        return Some(format!("{replacement} undecodable characters"));
    }
    None
}

/// Decodes a PDF with `pdftotext` only (the reference reading in tests and benchmarks).
pub fn decode_with_pdftotext(
    bytes: &[u8],
    limits: &Limits,
    tools: &dyn Converters,
) -> Result<Decoded, DecodeError> {
    let (text, pages) = read_pdftotext(tools, bytes, limits)?;
    if text.trim().is_empty() {
        return Err(DecodeError::NoText);
    }
    Ok(decoded(text, pages, Vec::new()))
}

/// Reads a PDF with `pdftotext` (reading order, one form feed between pages).
fn read_pdftotext(
    tools: &dyn Converters,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(String, Vec<usize>), DecodeError> {
    let max_output = limits.max_bytes.saturating_mul(4).max(1 << 20);
    let out = tools
        .run(Tool::Pdftotext, bytes, max_output)
        .map_err(|e| match e {
            ToolError::Failed { message, .. } if message.contains("Incorrect password") => {
                DecodeError::Encrypted
            }
            other => DecodeError::Tool {
                tool: "pdftotext",
                message: other.to_string(),
            },
        })?;
    let text: String = String::from_utf8_lossy(&out).nfkc().collect();
    Ok(pdf_pages::assemble(plain_pages(&text)))
}

/// `pdftotext` output as pages of lines without geometry; a blank line starts a block.
fn plain_pages(text: &str) -> Vec<PageText> {
    let mut pages: Vec<&str> = text.split('\u{0c}').collect();
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
        .into_iter()
        .map(|p| {
            let mut lines = Vec::new();
            let mut blank = true;
            for raw in p.lines() {
                let t = raw.trim_end();
                if t.trim().is_empty() {
                    blank = true;
                    continue;
                }
                lines.push(Line {
                    text: t
                        .chars()
                        .map(|c| {
                            if ('\u{e000}'..='\u{f8ff}').contains(&c) {
                                '•'
                            } else {
                                c
                            }
                        })
                        .collect(),
                    x0: 0.0,
                    x1: 0.0,
                    baseline: 0.0,
                    size: 0.0,
                    bold: false,
                    row: false,
                    flow_left: 0.0,
                    flow_right: 0.0,
                    starts_flow: blank,
                    first_word: 0.0,
                });
                blank = false;
            }
            PageText { lines, height: 0.0 }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_text_is_spotted() {
        let glued =
            "Thecouncilshouldrefreshitsplanandagreeoutcomes ".repeat(5) + &"word ".repeat(40);
        assert!(looks_broken(&glued).is_some());
        assert_eq!(
            looks_broken(&"an ordinary sentence of words ".repeat(20)),
            None
        );
    }

    #[test]
    fn pdftotext_pages_split_on_form_feeds() {
        let pages = plain_pages("one\ntwo\n\nthree\u{0c}four\u{0c}");
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].lines.len(), 3);
        assert!(pages[0].lines[2].starts_flow && !pages[0].lines[1].starts_flow);
    }

    #[test]
    fn garbage_is_an_error_without_pdftotext() {
        let e = decode_pdf(
            b"%PDF-1.7\n garbage",
            &Limits::default(),
            &crate::decode::NoConverters,
        )
        .unwrap_err();
        assert_eq!(e.kind(), "corrupt");
    }
}
