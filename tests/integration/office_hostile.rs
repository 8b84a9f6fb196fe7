//! Hostile PDF and Word files, made at test time: truncated, broken cross-reference table,
//! encrypted, random bytes, deeply nested, flate bomb, zip bomb, lying zip sizes, not-a-zip,
//! deeply nested XML, legacy .doc. Each must give a record with a clear `error` (or a correct
//! result), in-process where the reader is bounded and through the `extract` command (which
//! reads such files in a child process) for all of them together with good documents.

use crate::util::{Dir, bin};
use councilrecs::decode::pdf::decode_pdf;
use councilrecs::decode::{DecodeError, Hint, Limits, NoConverters, decode, sniff};
use councilrecs::tools::Tools;
use lopdf::{Document, Object, Stream, dictionary};
use std::io::{Cursor, Write};
use std::path::Path;
use std::time::{Duration, Instant};

const GOOD_PDF: &str = "fixtures/pdf/decision-notice-lower-roman-dot.pdf";
const GOOD_DOCX: &str = "fixtures/docx/decision-notice-lower-roman-dot.docx";

fn dec(bytes: &[u8], name: &str) -> Result<councilrecs::decode::Decoded, DecodeError> {
    let hint = Hint {
        name: Some(name),
        content_type: None,
    };
    let format = sniff(bytes, &hint);
    decode(bytes, format, &hint, &Limits::default(), &NoConverters)
}

/// A one-page PDF showing `text`, built with lopdf.
fn simple_pdf(text: &str) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let content = format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET");
    let contents_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        "Contents" => contents_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save pdf");
    out
}

fn encrypted_pdf(user_password: &str) -> Vec<u8> {
    let mut doc = simple_pdf("RESOLVED: that the report be noted.");
    let id = Object::string_literal("0123456789abcdef");
    doc.trailer.set("ID", vec![id.clone(), id]);
    let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    })
    .expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    save(&mut doc)
}

fn zlib(data_len: usize) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    let mut left = data_len;
    while left > 0 {
        let n = left.min(chunk.len());
        z.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    z.finish().unwrap()
}

/// A page whose content stream inflates to `size` bytes of spaces.
fn flate_bomb_pdf(size: usize) -> Vec<u8> {
    let mut doc = simple_pdf("x");
    let page = *doc.get_pages().values().next().unwrap();
    let bomb = doc.add_object(Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        zlib(size),
    ));
    doc.get_dictionary_mut(page)
        .unwrap()
        .set("Contents", Object::Reference(bomb));
    save(&mut doc)
}

/// A PDF whose only object is an array nested `depth` deep, and a page tree pointing at it.
fn nested_pdf(depth: usize) -> Vec<u8> {
    let mut s = String::from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    s.push_str("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
    s.push_str("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox ");
    s.push_str(&"[".repeat(depth));
    s.push_str(&"]".repeat(depth));
    s.push_str(" >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    s.into_bytes()
}

fn docx_with(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;

fn zip_bomb_docx(size: usize) -> Vec<u8> {
    let zeros = vec![b'0'; size];
    docx_with(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", &zeros),
    ])
}

/// A DOCX whose document part says it is 100 bytes long but inflates to 80 MiB.
fn lying_docx() -> Vec<u8> {
    let mut bytes = zip_bomb_docx(80 << 20);
    let name = b"word/document.xml";
    let mut i = 0;
    while let Some(p) = bytes[i..].windows(name.len()).position(|w| w == name) {
        let at = i + p;
        // Local header: size at name-4..name (after the two length fields); central: name-22.
        if at >= 30 && bytes[at - 30..at - 26] == *b"PK\x03\x04" {
            bytes[at - 8..at - 4].copy_from_slice(&100u32.to_le_bytes());
        } else if at >= 46 && bytes[at - 46..at - 42] == *b"PK\x01\x02" {
            bytes[at - 22..at - 18].copy_from_slice(&100u32.to_le_bytes());
        }
        i = at + name.len();
    }
    bytes
}

fn nested_docx(depth: usize) -> Vec<u8> {
    let mut xml = String::from(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    xml.push_str(&"<w:tbl><w:tr><w:tc>".repeat(depth));
    xml.push_str("<w:p><w:r><w:t>RESOLVED: that the report be noted.</w:t></w:r></w:p>");
    xml.push_str(&"</w:tc></w:tr></w:tbl>".repeat(depth));
    xml.push_str("</w:body></w:document>");
    docx_with(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", xml.as_bytes()),
    ])
}

fn random_bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn encrypted_pdf_needing_a_password_is_a_clear_error() {
    let e = decode_pdf(
        &encrypted_pdf("secret"),
        &Limits::default(),
        &Tools::installed(),
    )
    .unwrap_err();
    assert_eq!(e, DecodeError::Encrypted);
    assert_eq!(e.kind(), "encrypted");
    assert!(e.to_string().contains("password"));
}

/// A page tree that lists itself among its kids and claims trillions of pages (`/Count`):
/// found by fuzzing `decode_pdf`, where sizing the list of pages by `/Count` aborted the
/// process on allocation.
fn lying_page_count_pdf() -> Vec<u8> {
    let mut s = String::from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    s.push_str("2 0 obj\n<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 8000000000002 >>\nendobj\n");
    s.push_str("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n");
    let content = "BT /F1 12 Tf 72 720 Td (RESOLVED: that the report be noted.) Tj ET";
    s.push_str(&format!(
        "4 0 obj\n<< /Length {} >>\nstream\n{content}\nendstream\nendobj\n",
        content.len()
    ));
    s.push_str("trailer\n<< /Root 1 0 R >>\n%%EOF\n");
    s.into_bytes()
}

#[test]
fn a_page_tree_that_lies_about_its_count_is_read_in_process() {
    match decode_pdf(&lying_page_count_pdf(), &Limits::default(), &NoConverters) {
        Ok(d) => assert!(d.page_starts.len() < 10, "{:?}", d.page_starts),
        Err(e) => assert!(matches!(e.kind(), "corrupt" | "no_text"), "{e:?}"),
    }
}

#[test]
fn encrypted_pdf_with_an_empty_user_password_is_read() {
    let d = decode_pdf(&encrypted_pdf(""), &Limits::default(), &NoConverters).unwrap();
    assert_eq!(d.text, "RESOLVED: that the report be noted.");
}

#[test]
fn truncated_and_broken_xref_pdfs() {
    let good = std::fs::read(GOOD_PDF).unwrap();
    for cut in [good.len() / 3, good.len() - 200, 40] {
        match decode_pdf(&good[..cut], &Limits::default(), &NoConverters) {
            Ok(d) => assert!(!d.text.is_empty()),
            Err(e) => assert!(matches!(e.kind(), "corrupt" | "no_text"), "{e:?}"),
        }
    }
    // The cross-reference table points at the wrong offsets: the objects are found by a scan.
    let mut broken = good.clone();
    let xref = broken
        .windows(5)
        .rposition(|w| w == b"xref\n")
        .expect("xref");
    for b in &mut broken[xref + 5..(xref + 200).min(good.len())] {
        if b.is_ascii_digit() {
            *b = b'7';
        }
    }
    let d = decode_pdf(&broken, &Limits::default(), &NoConverters).unwrap();
    assert!(d.text.contains("Decision Made: That"));
}

#[test]
fn random_bytes_are_refused() {
    let mut fake_pdf = b"%PDF-1.7\n".to_vec();
    fake_pdf.extend(random_bytes(20_000, 7));
    let e = decode_pdf(&fake_pdf, &Limits::default(), &NoConverters).unwrap_err();
    assert_eq!(e.kind(), "corrupt");
    assert_eq!(
        dec(&random_bytes(20_000, 9), "x.pdf").unwrap_err().kind(),
        "binary"
    );
}

#[test]
fn flate_bomb_pdf_is_bounded() {
    let start = Instant::now();
    let r = decode_pdf(
        &flate_bomb_pdf(512 << 20),
        &Limits::default(),
        &NoConverters,
    );
    assert!(
        matches!(r, Err(ref e) if matches!(e.kind(), "corrupt" | "no_text")),
        "{r:?}"
    );
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn zip_bomb_docx_is_refused_from_its_declared_size() {
    let bomb = zip_bomb_docx(200 << 20);
    assert!(bomb.len() < 1 << 20);
    let start = Instant::now();
    let e = dec(&bomb, "bomb.docx").unwrap_err();
    assert!(matches!(e, DecodeError::PartTooLarge { .. }), "{e:?}");
    assert_eq!(e.kind(), "too_large");
    assert!(start.elapsed() < Duration::from_secs(1));
}

#[test]
fn docx_that_lies_about_its_size_is_refused_while_inflating() {
    let e = dec(&lying_docx(), "liar.docx").unwrap_err();
    assert!(matches!(e.kind(), "too_large" | "corrupt"), "{e:?}");
}

#[test]
fn not_a_zip_and_missing_parts() {
    let mut fake = b"PK\x03\x04".to_vec();
    fake.extend(random_bytes(5000, 3));
    assert_eq!(dec(&fake, "fake.docx").unwrap_err().kind(), "corrupt");
    let empty = docx_with(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/other.xml", b"x"),
    ]);
    let e = dec(&empty, "empty.docx").unwrap_err();
    assert_eq!(e.kind(), "corrupt");
    assert!(e.to_string().contains("word/document.xml"));
}

#[test]
fn deeply_nested_docx_is_read() {
    let d = dec(&nested_docx(100_000), "deep.docx").unwrap();
    assert!(d.text.contains("RESOLVED: that the report be noted."));
}

#[test]
fn legacy_doc_names_the_alternatives_or_uses_antiword() {
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.extend(random_bytes(4096, 5));
    let e = dec(&doc, "old.doc").unwrap_err();
    match e {
        DecodeError::LegacyWord => assert!(e.to_string().contains("DOCX or PDF")),
        other => assert_eq!(other.kind(), "corrupt", "{other:?}"),
    }
}

/// Every hostile file in one `extract` run with good documents: one record each, in order,
/// good ones read, bad ones with an error, exit code 1.
#[test]
fn extract_survives_a_folder_of_hostile_files() {
    let dir = Dir::new("hostile");
    let good_pdf = std::fs::read(GOOD_PDF).unwrap();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("a-good.pdf", good_pdf.clone()),
        ("b-truncated.pdf", good_pdf[..good_pdf.len() / 2].to_vec()),
        ("c-encrypted.pdf", encrypted_pdf("secret")),
        ("d-random.pdf", {
            let mut v = b"%PDF-1.4\n".to_vec();
            v.extend(random_bytes(50_000, 11));
            v
        }),
        ("e-nested.pdf", nested_pdf(200_000)),
        ("f-flate-bomb.pdf", flate_bomb_pdf(256 << 20)),
        ("g-zip-bomb.docx", zip_bomb_docx(200 << 20)),
        ("h-not-a-zip.docx", {
            let mut v = b"PK\x03\x04".to_vec();
            v.extend(random_bytes(1000, 13));
            v
        }),
        ("i-nested.docx", nested_docx(50_000)),
        ("j-good.docx", std::fs::read(GOOD_DOCX).unwrap()),
        (
            "k-good.txt",
            b"RESOLVED:\n\n1. That the report be noted.\n".to_vec(),
        ),
    ];
    for (name, bytes) in &files {
        dir.create(name, bytes);
    }
    let start = Instant::now();
    let out = bin()
        .args(["extract", "-j", "2", "--doc-timeout", "30"])
        .arg(&*dir)
        .output()
        .unwrap();
    assert!(start.elapsed() < Duration::from_secs(60));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), files.len());
    let kind = |i: usize| records[i]["error"]["kind"].as_str().map(str::to_string);
    let name = |i: usize| {
        Path::new(records[i]["source"]["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string()
    };
    for (i, (expected_name, _)) in files.iter().enumerate() {
        assert_eq!(&name(i), expected_name);
        eprintln!(
            "{expected_name}: {:?} {}",
            kind(i),
            records[i]["error"]["message"]
        );
    }
    for good in [0, 9] {
        assert_eq!(kind(good), None, "{}", name(good));
        assert_eq!(
            records[good]["recommendations"].as_array().unwrap().len(),
            3
        );
    }
    assert_eq!(kind(10), None);
    assert_eq!(kind(2).as_deref(), Some("encrypted"));
    assert_eq!(kind(3).as_deref(), Some("corrupt"));
    assert_eq!(kind(6).as_deref(), Some("too_large"));
    assert_eq!(kind(7).as_deref(), Some("corrupt"));
    for i in [1, 4, 5, 8] {
        // Read as well as the damage allows, or refused; never a crash of the batch.
        if let Some(k) = kind(i) {
            assert!(
                matches!(
                    k.as_str(),
                    "corrupt" | "no_text" | "timeout" | "out_of_memory"
                ),
                "{}: {k}",
                name(i)
            );
        }
    }
}

/// Documents over their time limit: `tests/integration/isolation.rs` (a converter that hangs,
/// and text read here or in a child).
#[test]
fn a_document_over_its_memory_limit_gets_an_error_record() {
    let dir = Dir::new("limits");
    dir.create("b.txt", "RESOLVED:\n\n1. That the report be noted.\n");
    // The bomb inflates to more than the memory allowed (but less than the stream limit).
    dir.create("a.pdf", flate_bomb_pdf(60 << 20));
    let out = bin()
        .args(["extract", "--doc-memory", "64"])
        .arg(&*dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["error"]["kind"], "out_of_memory");
    assert_eq!(lines[0]["source"]["media_type"], "application/pdf");
    assert!(lines[1]["error"].is_null());
    assert_eq!(lines[1]["recommendations"][0]["id"], "1");
}

/// Bit flips, cut-outs and truncations of every PDF and DOCX fixture: the readers return an
/// error or some text, never a panic. `COUNCILRECS_FUZZ_ROUNDS` sets the rounds per file.
#[test]
fn mutated_office_fixtures_never_panic() {
    let rounds: usize = std::env::var("COUNCILRECS_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(120);
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut runs = 0;
    for kind in ["pdf", "docx"] {
        let mut paths: Vec<_> = std::fs::read_dir(Path::new("fixtures").join(kind))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for path in paths {
            let original = std::fs::read(&path).unwrap();
            for round in 0..rounds {
                let mut bytes = original.clone();
                match round % 3 {
                    0 => {
                        for _ in 0..1 + next() % 8 {
                            let i = (next() as usize) % bytes.len();
                            bytes[i] ^= 1 << (next() % 8);
                        }
                    }
                    1 => {
                        let start = (next() as usize) % bytes.len();
                        let len = ((next() as usize) % 400).min(bytes.len() - start);
                        bytes.drain(start..start + len);
                    }
                    _ => bytes.truncate((next() as usize) % bytes.len()),
                }
                let _ = if kind == "pdf" {
                    decode_pdf(&bytes, &Limits::default(), &NoConverters)
                } else {
                    dec(&bytes, "mutated.docx")
                };
                runs += 1;
            }
        }
    }
    assert_eq!(runs, 16 * rounds);
}
