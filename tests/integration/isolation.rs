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

/// 200,000 bullet items without labels: seconds of reading, whatever else the machine does.
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

const GOOD: [&str; 3] = [
    "minutes-resolved-numbered-minute-paragraphs.txt",
    "decision-details-modgov-word-paragraphs.html",
    "pdf/decision-notice-lower-roman-dot.pdf",
];

/// The recommendations of the good documents read alone.
fn good_alone() -> Vec<serde_json::Value> {
    let alone = run(bin()
        .args(["extract", "-q", "-j", "1"])
        .args(GOOD.iter().map(|g| fixture(g))));
    assert_eq!(alone.status.code(), Some(0));
    let expected: Vec<serde_json::Value> = records(&alone)
        .into_iter()
        .map(|r| r["recommendations"].clone())
        .collect();
    assert!(expected.iter().all(|r| !r.as_array().unwrap().is_empty()));
    expected
}

/// The batch's records: the slow document second and stopped as `timeout`, the good ones as
/// they were alone.
fn check_batch(out: &std::process::Output, media_type: &str, expected: &[serde_json::Value]) {
    assert_eq!(out.status.code(), Some(1));
    let recs = records(out);
    assert_eq!(recs.len(), 4);
    assert_eq!(recs[1]["error"]["kind"], "timeout", "{}", recs[1]["error"]);
    assert_eq!(recs[1]["source"]["media_type"], media_type);
    for (i, want) in [0, 2, 3].into_iter().zip(expected) {
        assert!(recs[i]["error"].is_null(), "{}", recs[i]["error"]);
        assert_eq!(&recs[i]["recommendations"], want, "{}", recs[i]["source"]);
    }
}

/// A text document read in a child (over 64 KiB) that overruns its deadline: the child is
/// killed. How long the document takes is measured first, and the limit set to a fifth of it,
/// so that the test holds however fast reading becomes.
#[test]
fn a_text_document_over_its_time_limit_is_stopped_and_the_batch_goes_on() {
    let dir = Dir::new("text-deadline");
    let expected = good_alone();
    let slow = dir.path("b-bullets.txt");
    many_bullets(&slow);
    for here in [false, true] {
        // `--small-text` past the document's size reads it in this process, on a thread that
        // is given up on at the deadline.
        let small_text = if here { "100000000" } else { "65536" };
        let started = std::time::Instant::now();
        let alone = run(bin()
            .args(["extract", "-q", "--small-text", small_text])
            .arg(&slow));
        let took = started.elapsed().as_secs_f64();
        assert_eq!(alone.status.code(), Some(0));
        assert!(records(&alone)[0]["error"].is_null());
        let limit = format!("{:.3}", (took / 5.0).max(0.05));
        let files = [
            fixture(GOOD[0]),
            slow.clone(),
            fixture(GOOD[1]),
            fixture(GOOD[2]),
        ];
        let out = run(bin()
            .args([
                "extract",
                "-q",
                "-j",
                "1",
                "--stats",
                "--small-text",
                small_text,
            ])
            .args(["--doc-timeout", &limit])
            .args(&files));
        check_batch(&out, "text/plain", &expected);
        let s = stats(&out.stderr);
        assert_eq!(s["readings_given_up"], u64::from(here), "{s}");
    }
}

/// A Word document whose converter never ends (an `antiword` that sleeps): the child and the
/// converter are killed at the deadline.
#[test]
fn a_converter_that_hangs_is_stopped_and_the_batch_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new("converter-deadline");
    let expected = good_alone();
    let bin_dir = dir.path("bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    let antiword = bin_dir.join("antiword");
    std::fs::write(&antiword, "#!/bin/sh\nexec sleep 300\n").unwrap();
    std::fs::set_permissions(&antiword, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.extend(std::iter::repeat_n(0u8, 4096));
    dir.create("b-old.doc", &doc);
    let path = std::env::join_paths(
        std::iter::once(bin_dir.clone()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .unwrap();
    let files = [
        fixture(GOOD[0]),
        dir.path("b-old.doc"),
        fixture(GOOD[1]),
        fixture(GOOD[2]),
    ];
    let started = std::time::Instant::now();
    let out = run(bin()
        .env("PATH", path)
        .args(["extract", "-q", "-j", "1", "--doc-timeout", "1"])
        .args(&files));
    check_batch(&out, "application/msword", &expected);
    // Not a timing test: only that the run did not wait for the converter's 300 s.
    assert!(started.elapsed().as_secs() < 200, "{:?}", started.elapsed());
}
