//! Documents read in child processes: a batch of PDF and Word files is read by a few
//! long-lived children, not one per document, and every document — text and HTML too — is
//! held to `--doc-timeout`, while the rest of the batch keeps its results.

use crate::util::{Dir, bin, fixture, records, run};
use std::path::Path;

/// The JSON object `extract --stats` prints on standard error.
fn stats(stderr: &[u8]) -> serde_json::Value {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("councilrecs: stats: "))
        .unwrap_or_else(|| panic!("no stats line in {text}"));
    serde_json::from_str(line).unwrap()
}

#[test]
fn a_batch_of_pdf_and_word_files_is_read_by_a_few_children() {
    let dir = Dir::new("few-children");
    let mut n = 0;
    for kind in ["pdf", "docx"] {
        let mut paths: Vec<_> = std::fs::read_dir(fixture(kind))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for copy in 0..3 {
            for p in &paths {
                let name = p.file_name().unwrap().to_string_lossy();
                dir.create(&format!("{copy}-{name}"), std::fs::read(p).unwrap());
                n += 1;
            }
        }
    }
    assert!(n >= 40, "{n}");
    let out = run(bin()
        .args(["extract", "-q", "-j", "2", "--stats"])
        .arg(&*dir));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), n);
    assert!(recs.iter().all(|r| r["error"].is_null()));
    let found: usize = recs
        .iter()
        .map(|r| r["recommendations"].as_array().unwrap().len())
        .sum();
    assert!(found > n, "{found}");
    // One child per thread, each reading document after document.
    let started = stats(&out.stderr)["children_started"].as_u64().unwrap();
    assert!(
        (1..=2).contains(&started),
        "{started} children for {n} documents"
    );
}

/// 200,000 bullet items without labels: a shape the extractor is slow on.
fn many_bullets(path: &Path) {
    let words = [
        "council", "plan", "budget", "housing", "review", "ward", "policy",
    ];
    let mut text = String::from("RESOLVED:\n\n");
    for i in 0..200_000usize {
        text.push_str("\u{2022} ");
        for k in 0..6 {
            text.push_str(words[(i * 7 + k * 3 + i / 5) % words.len()]);
            text.push(' ');
        }
        text.push_str(&format!("{i}\n"));
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_text_document_over_its_time_limit_is_stopped_and_the_batch_goes_on() {
    let dir = Dir::new("text-deadline");
    let good = [
        "minutes-resolved-numbered-minute-paragraphs.txt",
        "decision-details-modgov-word-paragraphs.html",
        "pdf/decision-notice-lower-roman-dot.pdf",
    ];
    let alone = run(bin()
        .args(["extract", "-q", "-j", "1"])
        .args(good.iter().map(|g| fixture(g))));
    assert_eq!(alone.status.code(), Some(0));
    let expected: Vec<serde_json::Value> = records(&alone)
        .into_iter()
        .map(|r| r["recommendations"].clone())
        .collect();
    assert!(expected.iter().all(|r| !r.as_array().unwrap().is_empty()));

    many_bullets(&dir.path("b-bullets.txt"));
    let files = [
        fixture(good[0]),
        dir.path("b-bullets.txt"),
        fixture(good[1]),
        fixture(good[2]),
    ];
    let out = run(bin()
        .args(["extract", "-q", "-j", "1", "--doc-timeout", "1"])
        .args(&files));
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 4);
    assert_eq!(recs[1]["error"]["kind"], "timeout", "{}", recs[1]["error"]);
    assert_eq!(recs[1]["source"]["media_type"], "text/plain");
    for (i, want) in [0, 2, 3].into_iter().zip(&expected) {
        assert!(recs[i]["error"].is_null(), "{}", recs[i]["error"]);
        assert_eq!(&recs[i]["recommendations"], want, "{}", recs[i]["source"]);
    }
}
