//! Bytes to Unicode: byte-order marks, declared charsets (HTTP header or `<meta>`), and a
//! detector for undeclared legacy encodings (windows-1252 is common on council sites).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use regex::bytes::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug)]
pub struct DecodedText<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    /// Set when the bytes held sequences invalid in that encoding (replaced by U+FFFD).
    pub had_errors: bool,
    /// Set when a declared charset was overridden because the bytes said otherwise.
    pub note: Option<String>,
}

/// The encoding given by a byte-order mark, if any.
pub fn bom_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_bom(bytes).map(|(e, _)| e)
}

/// Looks for UTF-16 without a byte-order mark: many NULs at every other position.
pub fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nuls * 10 > pairs * 7 && even_nuls * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 > pairs * 7 && odd_nuls * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]{0,512}?charset\s*=\s*["']?\s*([a-z0-9_\-:.]{1,40})"#).unwrap()
});

/// The charset declared by a `<meta>` tag in the first few kilobytes of an HTML document.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192)];
    let caps = META_CHARSET.captures(head)?;
    Encoding::for_label(&caps[1])
}

/// The charset parameter of a `Content-Type` header value.
pub fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let value = lower[at + 8..].trim_start_matches(['"', '\'']);
    let end = value.find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace());
    Encoding::for_label(&value.as_bytes()[..end.unwrap_or(value.len())])
}

/// Guesses the encoding of undeclared bytes with `chardetng` (UTF-8 when the bytes are valid).
pub fn detect(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    det.guess(Some(b"uk"), chardetng::Utf8Detection::Allow)
}

/// Decodes bytes: BOM first, then the declared charset, then detection.
///
/// A declared single-byte charset is ignored when the bytes are valid UTF-8 with non-ASCII
/// characters in them: that mislabelling is common and a browser would show mojibake.
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&'static Encoding>) -> DecodedText<'a> {
    let mut note = None;
    let encoding = if let Some(bom) = bom_encoding(bytes) {
        bom
    } else if let Some(e) = declared {
        let e = if e == UTF_16LE || e == UTF_16BE {
            // A UTF-16 declaration in a document that is not UTF-16 is a copy-paste of a tag.
            sniff_utf16(bytes).unwrap_or_else(|| detect(bytes))
        } else {
            e
        };
        if e.is_single_byte() && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            note = Some(format!(
                "declared charset {} ignored: the bytes are UTF-8",
                e.name()
            ));
            UTF_8
        } else {
            e
        }
    } else if let Some(e) = sniff_utf16(bytes) {
        e
    } else {
        detect(bytes)
    };
    let (text, used, had_errors) = encoding.decode(bytes);
    DecodedText {
        text,
        encoding: used,
        had_errors,
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1252;

    #[test]
    fn bom_wins() {
        let bytes = [0xFF, 0xFE, b'h', 0, b'i', 0];
        let d = decode(&bytes, Some(WINDOWS_1252));
        assert_eq!(d.text, "hi");
        assert_eq!(d.encoding, UTF_16LE);
    }

    #[test]
    fn meta_charset_is_found() {
        let html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head>";
        assert_eq!(meta_charset(html), Some(WINDOWS_1252));
        assert_eq!(meta_charset(b"<meta charset='utf-8'>"), Some(UTF_8));
    }

    #[test]
    fn header_charset_is_parsed() {
        assert_eq!(
            header_charset("text/html; charset=\"ISO-8859-1\""),
            Some(WINDOWS_1252)
        );
        assert_eq!(header_charset("text/html"), None);
    }

    #[test]
    fn undeclared_windows_1252_is_detected() {
        let bytes = b"The Council\x92s budget of \xa3120,000 was agreed \x96 subject to review.";
        let d = decode(bytes, None);
        assert_eq!(
            d.text,
            "The Council\u{2019}s budget of \u{a3}120,000 was agreed \u{2013} subject to review."
        );
    }

    #[test]
    fn utf16_without_bom_is_sniffed() {
        let bytes: Vec<u8> = "RESOLVED: that the report be noted."
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(
            decode(&bytes, None).text,
            "RESOLVED: that the report be noted."
        );
    }

    #[test]
    fn mislabelled_utf8_is_kept_utf8() {
        let d = decode("£5 – Council’s".as_bytes(), Some(WINDOWS_1252));
        assert_eq!(d.text, "£5 – Council’s");
        assert!(d.note.is_some());
    }
}
