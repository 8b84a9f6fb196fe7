//! Hostile and broken documents: each gives a record with a clear `error` or a sane result,
//! never a panic, a stack overflow or a hang, and the documents beside it still come out.
//! The large inputs are generated here, not committed.

use crate::util::{Dir, fixture, records, run};
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

/// Every kind of hostile document in one run between good ones: a record each, in order, the
/// good documents' results as when read alone, and the text after a NUL run read.
#[test]
fn hostile_and_good_documents_in_one_run() {
    let dir = Dir::new("hostile-batch");
    let good = [
        "minutes-resolved-numbered-minute-paragraphs.txt",
        "decision-details-modgov-word-paragraphs.html",
        "pdf/decision-notice-lower-roman-dot.pdf",
        "docx/decision-notice-lower-roman-dot.docx",
    ];
    let alone = run(dir
        .command()
        .arg("extract")
        .args(good.iter().map(|g| fixture(g))));
    assert_eq!(alone.status.code(), Some(0));
    let alone: Vec<serde_json::Value> = records(&alone)
        .into_iter()
        .map(|r| r["recommendations"].clone())
        .collect();
    let text = std::fs::read(fixture(good[0])).unwrap();
    let items = |n: usize, line: &dyn Fn(usize) -> String| -> String {
        let mut s = String::from("RESOLVED:\n\n");
        for i in 1..=n {
            s.push_str(&line(i));
            s.push('\n');
        }
        s
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("a-nul-run.txt".into(), [vec![0u8; 300], text.clone()].concat()),
        ("c-invalid-utf8.txt".into(), [text.clone(), b"\xe9\xff\xc3(\xa0\xa1 \xe2\x82 \xf0\x28\x8c\x28".to_vec()].concat()),
        ("d-100k-bullets.txt".into(), items(100_000, &|i| format!("\u{2022} item {i} of the plan")).into_bytes()),
        ("e-100k-that.txt".into(), items(100_000, &|i| format!("That item {i} be approved.\n")).into_bytes()),
        ("f-100k-numbers.txt".into(), items(100_000, &|i| format!("{i}. That item {i} be approved.")).into_bytes()),
        (
            "g-deep.html".into(),
            ("<div>".repeat(200_000) + "RESOLVED: 1. That the deep page be noted.").into_bytes(),
        ),
        ("h-deep-small.html".into(), "<b>".repeat(20_000).into_bytes()),
        ("i-broken.pdf".into(), b"%PDF-1.7\n1 0 obj << /Pages 2 0 R >>\nxref\n0 99999999\ntrailer << /Root 1 0 R >>\nstartxref\n999999\n%%EOF".to_vec()),
        ("j-broken.docx".into(), [b"PK\x03\x04".to_vec(), noise(5000, 7)].concat()),
        ("k-random.bin".into(), noise(100_000, 9)),
    ];
    for (k, g) in good.iter().enumerate() {
        let ext = g.rsplit('.').next().unwrap();
        files.push((
            format!("z{k}-good.{ext}"),
            std::fs::read(fixture(g)).unwrap(),
        ));
    }
    for (name, bytes) in &files {
        dir.create(name, bytes);
    }
    let out = run(dir.command().args(["extract", "."]));
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    let summary: Vec<(String, String, usize)> = recs
        .iter()
        .map(|r| {
            let path = r["source"]["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            let kind = r["error"]["kind"].as_str().unwrap_or("ok").to_string();
            (
                name,
                kind,
                r["recommendations"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    let want: Vec<(&str, &str, usize)> = vec![
        ("a-nul-run.txt", "ok", 5),
        ("c-invalid-utf8.txt", "ok", 5),
        ("d-100k-bullets.txt", "ok", 100_000),
        ("e-100k-that.txt", "ok", 100_000),
        ("f-100k-numbers.txt", "ok", 100_000),
        ("g-deep.html", "ok", 1),
        ("h-deep-small.html", "ok", 0),
        ("i-broken.pdf", "corrupt", 0),
        ("j-broken.docx", "corrupt", 0),
        ("k-random.bin", "binary", 0),
        ("z0-good.txt", "ok", 5),
        ("z1-good.html", "ok", alone[1].as_array().unwrap().len()),
        ("z2-good.pdf", "ok", alone[2].as_array().unwrap().len()),
        ("z3-good.docx", "ok", alone[3].as_array().unwrap().len()),
    ];
    let got: Vec<(&str, &str, usize)> = summary
        .iter()
        .map(|(n, k, c)| (n.as_str(), k.as_str(), *c))
        .collect();
    assert_eq!(got, want);
    for k in 0..good.len() {
        assert_eq!(recs[10 + k]["recommendations"], alone[k], "{}", good[k]);
    }
    // The text after the NULs: the same items as the document without them.
    assert_eq!(
        recs[0]["recommendations"].as_array().unwrap().len(),
        alone[0].as_array().unwrap().len()
    );
    assert_eq!(recs[0]["recommendations"][4]["text"], alone[0][4]["text"]);
    assert_eq!(
        recs[0]["warnings"][0],
        "300 NUL characters removed; the rest was read as text"
    );
    assert_eq!(recs[4]["recommendations"][99_999]["id"], "100000");
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
