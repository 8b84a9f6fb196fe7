//! Text-bearing formats (HTML, XML, plain text, Markdown): charset, binary check, then the
//! format's reader, all ending in the same normalised text.

use super::encoding;
use super::html::html_to_text;
use super::html_flat::{MAX_TREE_DEPTH, html_to_text_flat, nesting_depth};
use super::normalise::normalise_plain;
use super::{DecodeError, Decoded, Format, Hint, Limits};
use regex::Regex;
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
    let decoded = encoding::decode(bytes, declared);
    if let Some(note) = decoded.note {
        warnings.push(note);
    }
    check_not_binary(&decoded.text)?;
    if decoded.had_errors {
        warnings.push(format!(
            "some bytes are not valid {}; they were replaced with U+FFFD",
            decoded.encoding.name()
        ));
    }
    let source: &str = &decoded.text;
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
            let (t, p) = normalise_plain(&source.replace("**", ""));
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

/// Rejects text that is mostly control characters or replacement characters.
fn check_not_binary(text: &str) -> Result<(), DecodeError> {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(1 << 16) {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}')) || c == '\u{fffd}' {
            bad += 1;
        }
    }
    if total >= 16 && bad * 10 > total {
        return Err(DecodeError::Binary(format!(
            "{bad} of the first {total} characters are control or undecodable bytes"
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
    }
}
