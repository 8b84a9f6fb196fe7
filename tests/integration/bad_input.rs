//! Hostile and broken documents: each gives a record with a clear `error` or a sane result,
//! never a panic, a stack overflow or a hang, and the documents beside it still come out.
//! The large inputs are generated here, not committed.

use crate::util::{Dir, records, run};
use councilrecs::config::Config;
use councilrecs::model::Record;
use councilrecs::pipeline::{self, DocInfo};

fn extract(bytes: &[u8], name: &str) -> Record {
    pipeline::read(bytes, &DocInfo::file(name), &Config::default())
}

fn rec_texts(r: &Record) -> Vec<String> {
    r.recommendations.iter().map(|x| x.text.clone()).collect()
}

/// A deterministic pseudo-random byte stream (xorshift), so failures can be reproduced.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn empty_and_blank_files_are_errors() {
    assert_eq!(extract(b"", "a.txt").error.unwrap().kind, "empty");
    assert_eq!(extract(b" \n\r\n\t ", "a.txt").error.unwrap().kind, "empty");
    assert_eq!(
        extract(b"<html><body><script>x()</script></body></html>", "a.html")
            .error
            .unwrap()
            .kind,
        "no_text"
    );
}

#[test]
fn binary_garbage_is_an_error() {
    let r = extract(&noise(64 << 10, 7), "garbage.txt");
    let e = r.error.expect("an error");
    assert_eq!(e.kind, "binary");
    assert!(
        e.message
            .ends_with("characters are outside ASCII, and no encoding was declared)"),
        "{}",
        e.message
    );
}

#[test]
fn invalid_utf8_is_read_as_a_legacy_encoding() {
    let mut bytes = b"RESOLVED:\n\n1. That the \xa3250,000 budget be approved.\n2. That the Council\x92s plan be noted.\n".to_vec();
    bytes.extend_from_slice(b"\nAppendix \xff\xfe stray bytes");
    let r = extract(&bytes, "legacy.txt");
    assert!(r.error.is_none());
    assert_eq!(
        rec_texts(&r),
        [
            "That the £250,000 budget be approved.",
            "That the Council’s plan be noted."
        ]
    );
    assert_eq!(r.source.encoding.as_deref(), Some("windows-1252"));
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = "RESOLVED:\r\n\r\n(a) That the report be noted;\r\n(b) That £5m be allocated.\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
    for (bytes, enc) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
        let r = extract(&bytes, "minutes.txt");
        assert!(r.error.is_none(), "{:?}", r.error);
        assert_eq!(r.source.encoding.as_deref(), Some(enc));
        assert_eq!(
            rec_texts(&r),
            ["That the report be noted;", "That £5m be allocated."]
        );
    }
}

#[test]
fn nul_bytes_are_dropped() {
    let r = extract(
        b"RESOLVED:\0\n\n1.\0 That the report\0 be noted.\n",
        "nul.txt",
    );
    assert!(r.error.is_none());
    assert_eq!(rec_texts(&r), ["That the report be noted."]);
}

#[test]
fn a_20_mb_single_line_is_read() {
    let mut line =
        String::from("RESOLVED: 1. That the report be noted.   2. That the plan be approved.   ");
    let filler = "The Committee discussed the matter at length and members asked questions; ";
    while line.len() < 20 << 20 {
        line.push_str(filler);
    }
    let r = extract(line.as_bytes(), "long.txt");
    assert!(r.error.is_none());
    assert_eq!(r.recommendations[0].text, "That the report be noted.");
    assert_eq!(r.recommendations[1].id.as_deref(), Some("2"));
    assert_eq!(r.recommendations.len(), 2);
}

#[test]
fn fifty_mb_of_nested_divs_is_read_without_a_tree() {
    let mut html = String::with_capacity(51 << 20);
    html.push_str("<html><body><p>RESOLVED: That the minutes be approved.</p>");
    while html.len() < 50 << 20 {
        html.push_str("<div>");
    }
    html.push_str("Appendix A follows.");
    let r = extract(html.as_bytes(), "deep.html");
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(rec_texts(&r), ["That the minutes be approved."]);
    assert!(
        r.warnings.iter().any(|w| w.contains("without structure")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn unclosed_and_broken_markup_is_read() {
    let html = "<html><body><p>RESOLVED:<ol><li>That the report be noted<li>That <b><i>the plan</b> be approved</ol><table><tr><td>Appendix";
    let r = extract(html.as_bytes(), "broken.html");
    assert_eq!(
        rec_texts(&r),
        ["That the report be noted", "That the plan be approved"]
    );
}

#[test]
fn the_batch_goes_on_past_bad_documents() {
    let dir = Dir::new("batch");
    dir.create("1.txt", "RESOLVED: That the report be noted.");
    dir.create("2.bin", noise(4096, 3));
    dir.create("3.txt", "");
    let mut deep = "<div>".repeat(200_000);
    deep.push('x');
    dir.create("4.html", deep);
    dir.create("5.txt", "RESOLVED: That the plan be approved.");
    let out = run(dir.command().args(["extract", "."]));
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    let kinds: Vec<_> = recs
        .iter()
        .map(|r| r["error"]["kind"].as_str().unwrap_or("ok").to_string())
        .collect();
    assert_eq!(kinds, ["ok", "binary", "empty", "ok", "ok"]);
    assert_eq!(
        recs[4]["recommendations"][0]["text"],
        "That the plan be approved."
    );
}

#[test]
fn mutated_fixtures_never_panic() {
    // A small deterministic fuzz: bytes of every fixture flipped, cut and spliced.
    let mut files: Vec<_> = std::fs::read_dir("fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut checked = 0;
    for path in &files {
        let original = std::fs::read(path).unwrap();
        let name = path.to_string_lossy().to_string();
        for round in 0..12u64 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407 + round);
            let mut bytes = original.clone();
            let n = bytes.len().max(1);
            match round % 4 {
                0 => {
                    for k in noise(16, seed).chunks(2) {
                        let at = (k[0] as usize * 257 + k[1] as usize * 7 + seed as usize) % n;
                        if at < bytes.len() {
                            bytes[at] = k[1];
                        }
                    }
                }
                1 => bytes.truncate((seed as usize) % n),
                2 => {
                    let at = (seed as usize) % n;
                    let extra = noise(64, seed);
                    bytes.splice(at.min(bytes.len())..at.min(bytes.len()), extra);
                }
                _ => {
                    let at = (seed as usize) % n;
                    let tail = bytes[at.min(bytes.len())..].to_vec();
                    bytes.extend_from_slice(&tail);
                    bytes.extend_from_slice(&original[..(seed as usize >> 8) % n]);
                }
            }
            let r = extract(&bytes, &name);
            assert_ne!(
                r.error.as_ref().map(|e| e.kind.as_str()),
                Some("internal"),
                "{name} round {round}: {:?}",
                r.error
            );
            checked += 1;
        }
    }
    assert!(checked >= 400);
}
