//! Text of any bytes in any declared charset: sniffed and decoded (byte-order marks, UTF-16,
//! detection, control characters removed); an error or checked text.
#![no_main]

use councilrecs::decode::{self, Format, Hint, Limits, NoConverters, encoding};
use libfuzzer_sys::fuzz_target;

const CHARSETS: &[Option<&str>] = &[
    None,
    Some("text/plain; charset=utf-8"),
    Some("text/plain; charset=windows-1252"),
    Some("text/plain; charset=utf-16"),
    Some("text/plain; charset=shift_jis"),
    Some("text/xml; charset=iso-8859-5"),
    Some("text/markdown"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else { return };
    let content_type = CHARSETS[usize::from(pick) % CHARSETS.len()];
    let name = if pick & 0x80 != 0 { "notes.md" } else { "minutes.txt" };
    let hint = Hint { name: Some(name), content_type };
    let d = encoding::decode(body, content_type.and_then(encoding::header_charset));
    assert!(!d.text.is_empty() || body.is_empty() || d.had_errors || d.text.is_empty());
    let format = decode::sniff(body, &hint);
    if !matches!(format, Format::Text | Format::Markdown | Format::Xml | Format::Html) {
        return;
    }
    if let Ok(d) = decode::decode(body, format, &hint, &Limits::default(), &NoConverters) {
        councilrecs_fuzz::check_decoded(&d);
    }
});
