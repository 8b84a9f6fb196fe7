//! Text-bearing formats (HTML, XML, plain text, Markdown): charset, control characters
//! removed (with a warning), binary check on what remains, then the format's reader, all
//! ending in the same normalised text.

use super::encoding;
use super::html::html_to_text;
use super::html_flat::{MAX_TREE_DEPTH, html_to_text_flat, nesting_depth};
use super::normalise::normalise_plain;
use super::{DecodeError, Decoded, Format, Hint, Limits};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

static XML_DECL_ENCODING: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_\-.]{1,40})"#)
        .unwrap()
});

/// Decodes HTML, XML, plain text or Markdown bytes.
pub fn decode_text_format(
    bytes: &[u8],
    format: Format,
    hint: &Hint,
    limits: &Limits,
) -> Result<Decoded, DecodeError> {
    let mut warnings = Vec::new();
    let declared = hint
        .content_type
        .and_then(encoding::header_charset)
        .or_else(|| match format {
            Format::Html => encoding::meta_charset(bytes),
            Format::Xml => XML_DECL_ENCODING
                .captures(bytes)
                .and_then(|c| encoding_rs::Encoding::for_label(&c[1]))
                .or_else(|| encoding::meta_charset(bytes)),
            _ => None,
        });
    let guessed = declared.is_none() && encoding::bom_encoding(bytes).is_none();
    let decoded = encoding::decode(bytes, declared);
    let replaced_noted = decoded
        .note
        .as_deref()
        .is_some_and(|n| n.contains("U+FFFD"));
    if let Some(note) = decoded.note {
        warnings.push(note);
    }
    let (clean, removed) = strip_controls(&decoded.text);
    if let Some(w) = removed.warning() {
        warnings.push(w);
    }
    check_not_binary(&clean, guessed && decoded.encoding != encoding_rs::UTF_8)?;
    if decoded.had_errors && !replaced_noted {
        warnings.push(format!(
            "some bytes are not valid {}; they were replaced with U+FFFD",
            decoded.encoding.name()
        ));
    }
    let source: &str = &clean;
    let (text, page_starts, title) = match format {
        Format::Html | Format::Xml => {
            let depth = nesting_depth(source.as_bytes());
            if depth > MAX_TREE_DEPTH || source.len() > limits.max_html_tree_bytes {
                warnings.push(format!(
                    "markup read without structure: {} nested elements, {} bytes",
                    depth,
                    source.len()
                ));
                let (t, p) = html_to_text_flat(source);
                (t, p, None)
            } else {
                let h = html_to_text(source);
                (h.text, h.page_starts, h.title)
            }
        }
        Format::Markdown => {
            let (t, p) = normalise_plain(&strip_markdown(source));
            (t, p, None)
        }
        _ => {
            // Text exported from Word or Markdown keeps `**bold**` markers; they are not words.
            let unbolded = if source.contains("**") {
                Cow::Owned(source.replace("**", ""))
            } else {
                Cow::Borrowed(source)
            };
            let (t, p) = normalise_plain(&unbolded);
            (t, p, None)
        }
    };
    if text.trim().is_empty() {
        return Err(match format {
            Format::Html | Format::Xml => DecodeError::NoText,
            _ => DecodeError::Empty,
        });
    }
    Ok(Decoded {
        text,
        page_starts,
        format,
        encoding: Some(decoded.encoding.name()),
        title,
        warnings,
    })
}

/// Control characters removed from a text, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    pub nul: usize,
    pub other: usize,
}

impl Removed {
    /// What the record's warnings say about them, if any were removed.
    pub fn warning(&self) -> Option<String> {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        match (self.nul, self.other) {
            (0, 0) => None,
            (n, 0) => Some(format!(
                "{n} NUL character{} removed; the rest was read as text",
                plural(n)
            )),
            (0, o) => Some(format!(
                "{o} control character{} removed; the rest was read as text",
                plural(o)
            )),
            (n, o) => Some(format!(
                "{n} NUL and {o} other control character{} removed; the rest was read as text",
                plural(o)
            )),
        }
    }
}

/// Removes control characters (NULs from a damaged save, stray escape and C1 codes) except
/// line breaks, tabs, vertical tabs and form feeds, which the normaliser reads.
pub fn strip_controls(text: &str) -> (Cow<'_, str>, Removed) {
    let dropped =
        |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0b}' | '\u{0c}');
    // The controls are C0 (but tab, line and page breaks), DEL and C1 (`C2 80`–`C2 9F` in
    // UTF-8): a look at the bytes tells whether there are any.
    // The ASCII ones are looked for a block at a time, with no branch per byte, and the C1
    // ones from each `C2` byte.
    let b = text.as_bytes();
    let ascii_control = |x: &u8| matches!(x, 0x00..=0x08 | 0x0e..=0x1f | 0x7f);
    let any = b
        .chunks(64)
        .any(|block| block.iter().fold(false, |seen, x| seen | ascii_control(x)))
        || memchr::memchr_iter(0xc2, b)
            .any(|i| b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)));
    if !any {
        return (Cow::Borrowed(text), Removed::default());
    }
    let mut removed = Removed::default();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !dropped(c) {
            out.push(c);
        } else if c == '\0' {
            removed.nul += 1;
        } else {
            removed.other += 1;
        }
    }
    (Cow::Owned(out), removed)
}

/// Rejects text (control characters already removed) that is not text: mostly undecodable
/// bytes, or — when the encoding was a detector's guess — mostly characters outside ASCII,
/// which is what binary data read through a legacy code page looks like.
fn check_not_binary(text: &str, guessed_legacy: bool) -> Result<(), DecodeError> {
    // With no undecodable byte and no guessed code page, neither test below can fail.
    if !guessed_legacy && !text.contains('\u{fffd}') {
        return Ok(());
    }
    let mut total = 0usize;
    let mut undecodable = 0usize;
    let mut non_ascii = 0usize;
    for c in text.chars().filter(|c| !c.is_whitespace()).take(1 << 16) {
        total += 1;
        undecodable += usize::from(c == '\u{fffd}');
        non_ascii += usize::from(!c.is_ascii());
    }
    if total < 16 {
        return Ok(());
    }
    if undecodable * 10 > total {
        return Err(DecodeError::Binary(format!(
            "{undecodable} of the first {total} characters are undecodable bytes"
        )));
    }
    if guessed_legacy && non_ascii * 10 > total * 3 {
        return Err(DecodeError::Binary(format!(
            "{non_ascii} of the first {total} characters are outside ASCII, and no encoding was \
             declared"
        )));
    }
    Ok(())
}

static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^ {0,3}#{1,6}[ \t]+").unwrap());
static MD_ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\([\\`*_{}\[\]()#+\-.!|>])").unwrap());

/// Removes Markdown markers that are not part of the words: heading hashes, strong/emphasis
/// asterisks and backslash escapes. Lists and numbering are kept as they are written.
fn strip_markdown(s: &str) -> String {
    let s = MD_HEADING.replace_all(s, "");
    let s = s.replace("**", "").replace("__", "");
    MD_ESCAPE.replace_all(&s, "$1").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_character_is_seen_and_removed() {
        for c in ('\0'..='\u{ff}').filter(|c| c.is_control()) {
            let t = format!("a{c}b");
            let (clean, removed) = strip_controls(&t);
            if matches!(c, '\n' | '\r' | '\t' | '\u{0b}' | '\u{0c}') {
                assert_eq!(clean, t, "{c:?} kept");
            } else {
                assert_eq!(clean, "ab", "{c:?} removed");
                assert_eq!(removed.nul + removed.other, 1);
            }
        }
        // `Â` and `é` share the lead byte of the C1 controls but are letters.
        assert!(matches!(strip_controls("Âé£"), (Cow::Borrowed(_), _)));
    }

    fn dec(bytes: &[u8], name: &str) -> Result<Decoded, DecodeError> {
        let hint = Hint {
            name: Some(name),
            content_type: None,
        };
        let format = super::super::sniff(bytes, &hint);
        let tools = super::super::NoConverters;
        super::super::decode(bytes, format, &hint, &Limits::default(), &tools)
    }

    #[test]
    fn markdown_markers_are_removed() {
        let d = dec(
            b"## 7\\. RECOMMENDATIONS\n\n**7.1** Members to note",
            "x.md",
        )
        .unwrap();
        assert_eq!(d.text, "7. RECOMMENDATIONS\n\n7.1 Members to note");
    }

    #[test]
    fn random_bytes_are_binary() {
        let bytes: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert_eq!(dec(&bytes, "x.txt").unwrap_err().kind(), "binary");
    }

    #[test]
    fn windows_1252_meta_page() {
        let d = dec(
            b"<html><head><meta charset=\"windows-1252\"></head><body><p>\x93Budget\x94 \xa35m</p></body></html>",
            "x.html",
        )
        .unwrap();
        assert_eq!(d.text, "\u{201c}Budget\u{201d} \u{a3}5m");
        assert_eq!(d.encoding, Some("windows-1252"));
    }

    #[test]
    fn deeply_nested_markup_is_read_flat() {
        let mut html = "<div>".repeat(5000);
        html.push_str("RESOLVED: that the report be noted.");
        let d = dec(html.as_bytes(), "deep.html").unwrap();
        assert_eq!(d.text, "RESOLVED: that the report be noted.");
        assert!(d.warnings[0].contains("without structure"));
    }

    #[test]
    fn stray_nuls_are_dropped() {
        let d = dec(b"RESOLVED:\0 that the report\0 be noted.", "x.txt").unwrap();
        assert_eq!(d.text, "RESOLVED: that the report be noted.");
        assert_eq!(
            d.warnings,
            ["2 NUL characters removed; the rest was read as text"]
        );
    }

    #[test]
    fn a_run_of_nuls_in_a_short_page_is_removed_not_refused() {
        let mut page =
            b"<html><body><p>RESOLVED:</p><ol><li>That the plan be approved.</li>".to_vec();
        page.extend_from_slice(&[0u8; 300]);
        page.extend_from_slice(b"<li>That the budget be agreed.</li></ol></body></html>");
        let d = dec(&page, "x.html").unwrap();
        assert_eq!(
            d.text,
            "RESOLVED:\n\n1. That the plan be approved.\n2. That the budget be agreed."
        );
        assert_eq!(
            d.warnings,
            ["300 NUL characters removed; the rest was read as text"]
        );
    }

    #[test]
    fn other_control_characters_are_counted_apart() {
        let d = dec(
            b"\0\0\x1b[0mRESOLVED: that the \x07report be noted.\x7f",
            "x.txt",
        )
        .unwrap();
        assert_eq!(d.text, "[0mRESOLVED: that the report be noted.");
        assert_eq!(
            d.warnings,
            ["2 NUL and 3 other control characters removed; the rest was read as text"]
        );
        let (t, r) = strip_controls("a\tb\u{0b}c\u{0c}d\r\ne\u{85}");
        assert_eq!(t, "a\tb\u{0b}c\u{0c}d\r\ne");
        assert_eq!(r, Removed { nul: 0, other: 1 });
    }

    #[test]
    fn nuls_and_text_is_text_but_binary_after_removal_is_binary() {
        // Mostly NULs around a sentence: the sentence is read.
        let mut v = vec![0u8; 5000];
        v.extend_from_slice(b"RESOLVED: that the report be noted.");
        v.extend_from_slice(&[0u8; 5000]);
        let d = dec(&v, "x.txt").unwrap();
        assert_eq!(d.text, "RESOLVED: that the report be noted.");
        // Undecodable UTF-8 throughout: still binary once its controls are gone.
        let mut bad = Vec::new();
        for i in 0..2000u32 {
            bad.extend_from_slice(&[0xc3, (i % 32) as u8, 0xff, b'a']);
        }
        assert_eq!(dec(&bad, "x.txt").unwrap_err().kind(), "binary");
    }
}
