//! Bytes to Unicode: byte-order marks, declared charsets (HTTP header or `<meta>`), and a
//! detector for undeclared legacy encodings (windows-1252 is common on council sites).
//!
//! Undeclared bytes that are not valid UTF-8 are read as UTF-8 (invalid sequences replaced)
//! when most of their multi-byte sequences are valid UTF-8; otherwise the detector guesses.
//! The detector is never trusted with a non-Latin code page (Cyrillic, Greek, CJK …) for text
//! that is mostly ASCII — a few stray bytes in an English page would turn `£` into `Ј` — and
//! every such decision is said in a note that becomes a warning of the record.

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
    /// Set when a declared charset was overridden because the bytes said otherwise, or when
    /// the encoding of undeclared bytes was chosen against the detector's guess or is a
    /// non-Latin code page.
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
    detect_with_note(bytes).0
}

/// Whether an encoding writes Latin script: the Western and Central European, Turkish, Baltic,
/// Nordic, Celtic and Vietnamese code pages. Any other single- or multi-byte legacy encoding
/// (Cyrillic, Greek, Hebrew, Arabic, Thai, Chinese, Japanese, Korean) is not.
pub fn is_latin(e: &'static Encoding) -> bool {
    use encoding_rs::*;
    [
        WINDOWS_1252,
        WINDOWS_1250,
        WINDOWS_1254,
        WINDOWS_1257,
        WINDOWS_1258,
        ISO_8859_2,
        ISO_8859_3,
        ISO_8859_4,
        ISO_8859_10,
        ISO_8859_13,
        ISO_8859_14,
        ISO_8859_15,
        ISO_8859_16,
        MACINTOSH,
    ]
    .contains(&e)
}

/// What the bytes hold outside ASCII, read as UTF-8.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Utf8Census {
    /// Bytes above 0x7F.
    pub non_ascii: usize,
    /// Well-formed multi-byte UTF-8 sequences.
    pub valid: usize,
    /// Ill-formed sequences (each would become one U+FFFD).
    pub invalid: usize,
}

/// Counts the valid and invalid UTF-8 sequences in `bytes`.
pub fn utf8_census(bytes: &[u8]) -> Utf8Census {
    let mut c = Utf8Census {
        non_ascii: bytes.iter().filter(|b| !b.is_ascii()).count(),
        ..Utf8Census::default()
    };
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                c.valid += s.chars().filter(|ch| !ch.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                // `good` is valid UTF-8 by the error's own account.
                c.valid += String::from_utf8_lossy(good)
                    .chars()
                    .filter(|ch| !ch.is_ascii())
                    .count();
                c.invalid += 1;
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
            }
        }
    }
    c
}

/// The encoding of undeclared bytes, with a note when the choice needs saying.
pub fn detect_with_note(bytes: &[u8]) -> (&'static Encoding, Option<String>) {
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, None);
    }
    let census = utf8_census(bytes);
    // A well-formed multi-byte sequence is rare by chance in a legacy code page, so a few of
    // them against the invalid ones mean UTF-8 with some damage.
    if census.valid > 0 && census.valid.saturating_mul(4) >= census.invalid {
        let note = format!(
            "the encoding is not declared; read as UTF-8 ({} valid multi-byte characters), with \
             {} invalid byte sequence{} replaced by U+FFFD",
            census.valid,
            census.invalid,
            if census.invalid == 1 { "" } else { "s" }
        );
        return (UTF_8, Some(note));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(Some(b"uk"), chardetng::Utf8Detection::Allow);
    if guess == encoding_rs::WINDOWS_1252 {
        return (guess, None);
    }
    // Mostly ASCII: at most one byte in ten outside it. Text in a non-Latin script has most
    // of its letters there, markup or not.
    if !is_latin(guess) && census.non_ascii.saturating_mul(10) <= bytes.len() {
        let note = format!(
            "the encoding is not declared and the bytes are not valid UTF-8; the detector's \
             guess, {}, is not used for text that is mostly ASCII; read as windows-1252",
            guess.name()
        );
        return (encoding_rs::WINDOWS_1252, Some(note));
    }
    let note = format!(
        "the encoding is not declared; read as {} (detected)",
        guess.name()
    );
    (guess, Some(note))
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
        let (e, why) = detect_with_note(bytes);
        note = why;
        e
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
    /// An English page of a few hundred bytes, with `£` written as UTF-8, and `bad` (a family
    /// of invalid UTF-8 sequences) dropped in three times.
    fn english_page_with(bad: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(
            "RECOMMENDATIONS\n\nThat Cabinet approves the budget of £120,000 for the ".as_bytes(),
        );
        v.extend_from_slice(bad);
        v.extend_from_slice(
            " scheme and notes the risks set out in the Director’s report.\n\n".as_bytes(),
        );
        v.extend_from_slice(b"2. That the Council's plan be adopted ");
        v.extend_from_slice(bad);
        v.extend_from_slice(
            " – subject to review by the Overview and Scrutiny Committee.\n".as_bytes(),
        );
        v.extend_from_slice("3. That £5m be set aside ".as_bytes());
        v.extend_from_slice(bad);
        v.extend_from_slice(b"\n");
        v
    }

    /// The same page with its valid UTF-8 characters written in windows-1252.
    fn as_windows_1252(page: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < page.len() {
            let rest = &page[i..];
            let swap: Option<(usize, u8)> = [("£", 0xa3), ("’", 0x92), ("–", 0x96)]
                .iter()
                .find(|(s, _)| rest.starts_with(s.as_bytes()))
                .map(|(s, b)| (s.len(), *b));
            match swap {
                Some((n, b)) => {
                    out.push(b);
                    i += n;
                }
                None => {
                    out.push(page[i]);
                    i += 1;
                }
            }
        }
        out
    }

    /// Every family of invalid UTF-8: lone continuation bytes, truncated two-, three- and
    /// four-byte sequences (mid-text and at the end), overlong forms, encoded surrogates,
    /// code points above U+10FFFF and bytes that never occur in UTF-8.
    const INVALID_FAMILIES: &[(&str, &[u8])] = &[
        ("lone continuation", b"\x80\xbf"),
        ("truncated two-byte", b"\xc3 "),
        ("truncated three-byte", b"\xe2\x80 "),
        ("truncated four-byte", b"\xf0\x9f\x98 "),
        ("overlong two-byte", b"\xc0\xaf"),
        ("overlong three-byte", b"\xe0\x80\xaf"),
        ("overlong four-byte", b"\xf0\x80\x80\xaf"),
        ("surrogate", b"\xed\xa0\x80"),
        ("above U+10FFFF", b"\xf4\x90\x80\x80"),
        ("never in UTF-8", b"\xfe\xff\xf5"),
        ("C1 lead bytes", b"\xc1\xbf"),
    ];

    #[test]
    fn each_invalid_utf8_family_in_an_english_page_stays_utf8_with_a_note() {
        for (family, bad) in INVALID_FAMILIES {
            let page = english_page_with(bad);
            let d = decode(&page, None);
            assert_eq!(d.encoding, UTF_8, "{family}");
            assert!(d.had_errors, "{family}");
            assert_eq!(d.text.matches('£').count(), 2, "{family}: {}", d.text);
            assert!(!d.text.contains(['Ј', 'г', 'Â']), "{family}: {}", d.text);
            assert!(d.text.contains('\u{fffd}'), "{family}");
            let note = d.note.unwrap_or_else(|| panic!("{family}: no note"));
            assert!(
                note.starts_with("the encoding is not declared; read as UTF-8"),
                "{family}: {note}"
            );
        }
    }

    #[test]
    fn each_invalid_family_without_valid_utf8_is_never_read_as_a_non_latin_code_page() {
        for (family, bad) in INVALID_FAMILIES {
            let page = as_windows_1252(&english_page_with(bad));
            let d = decode(&page, None);
            assert!(
                is_latin(d.encoding),
                "{family}: read as {}",
                d.encoding.name()
            );
            assert!(
                d.text
                    .starts_with("RECOMMENDATIONS\n\nThat Cabinet approves the budget of "),
                "{family}"
            );
            if d.encoding == encoding_rs::WINDOWS_1252 {
                assert_eq!(d.text.matches('£').count(), 2, "{family}: {}", d.text);
                assert!(d.text.contains("Director’s report"), "{family}");
            } else {
                // Another Latin code page is never chosen silently.
                let note = d.note.unwrap_or_default();
                assert!(note.ends_with("(detected)"), "{family}: {note}");
            }
        }
    }

    #[test]
    fn a_guess_of_a_cyrillic_page_for_english_text_falls_back_to_windows_1252_and_says_so() {
        // Without help, the detector reads these as IBM866, KOI8-U, GBK or windows-1251.
        let samples: &[&[u8]] = &[b"\xe2\x80 ", b"\xf4\x90\x80\x80", b"\xa3\xa3"];
        for bad in samples {
            let mut page = Vec::new();
            for _ in 0..3 {
                page.extend_from_slice(b"That Cabinet approves the budget of ");
                page.extend_from_slice(bad);
                page.extend_from_slice(
                    b"120,000 for the scheme and notes the risks in the report. ",
                );
            }
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(&page, true);
            let raw = det.guess(Some(b"uk"), chardetng::Utf8Detection::Allow);
            assert!(
                !is_latin(raw),
                "{bad:?}: the detector now says {}",
                raw.name()
            );
            let (e, note) = detect_with_note(&page);
            assert_eq!(e, encoding_rs::WINDOWS_1252, "{bad:?}");
            let note = note.expect("a note");
            assert!(note.contains(&format!("guess, {},", raw.name())), "{note}");
            assert!(note.ends_with("read as windows-1252"), "{note}");
            let d = decode(&page, None);
            assert!(d.text.starts_with("That Cabinet approves the budget of "));
            assert_eq!(d.note.as_deref(), Some(note.as_str()));
        }
    }

    #[test]
    fn a_page_in_a_non_latin_script_keeps_its_code_page_with_a_note() {
        // Russian in windows-1251: most letters are outside ASCII.
        let (text, _, _) = encoding_rs::WINDOWS_1251
            .encode("Совет утвердил бюджет на следующий год и план работы комитета по культуре.");
        let (e, note) = detect_with_note(&text);
        assert!(!is_latin(e), "{}", e.name());
        assert_eq!(
            note.as_deref(),
            Some(
                format!(
                    "the encoding is not declared; read as {} (detected)",
                    e.name()
                )
                .as_str()
            )
        );
        assert_eq!(decode(&text, None).text.chars().next(), Some('С'));
    }

    #[test]
    fn the_census_counts_valid_and_invalid_sequences() {
        let c = utf8_census("£ and é".as_bytes());
        assert_eq!(
            c,
            Utf8Census {
                non_ascii: 4,
                valid: 2,
                invalid: 0
            }
        );
        let c = utf8_census(b"a\x80b\xe2\x80c\xc2\xa3");
        assert_eq!(
            c,
            Utf8Census {
                non_ascii: 5,
                valid: 1,
                invalid: 2
            }
        );
        assert_eq!(utf8_census(b"end\xf0\x9f").invalid, 1);
    }
}
