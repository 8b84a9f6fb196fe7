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

/// `n` bullet items without labels (200,000 take seconds to read).
fn many_bullets(path: &Path, n: usize) {
    let words = [
        "council", "plan", "budget", "housing", "review", "ward", "policy",
    ];
    let mut text = String::from("RESOLVED:\n\n");
    for i in 0..n {
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

/// The time limit of the deadline tests; the good documents take a small part of it.
const LIMIT: &str = "1";

/// A text document that takes at least five times [`LIMIT`] to read alone, however fast
/// reading becomes: 200,000 bullets, doubled until they are slow enough.
fn slow_document(path: &Path) {
    let mut n = 200_000;
    loop {
        many_bullets(path, n);
        let started = std::time::Instant::now();
        let alone = run(bin().args(["extract", "-q"]).arg(path));
        assert_eq!(alone.status.code(), Some(0));
        assert!(records(&alone)[0]["error"].is_null());
        if started.elapsed().as_secs_f64() >= 5.0 || n >= 3_200_000 {
            return;
        }
        n *= 2;
    }
}

/// A text document that overruns its deadline, read in a child (over 64 KiB), which is killed,
/// and read in this process (`--small-text` past its size), where it is given up on.
#[test]
fn a_text_document_over_its_time_limit_is_stopped_and_the_batch_goes_on() {
    let dir = Dir::new("text-deadline");
    let expected = good_alone();
    let slow = dir.path("b-bullets.txt");
    slow_document(&slow);
    for here in [false, true] {
        let small_text = if here { "1000000000" } else { "65536" };
        let files = [
            fixture(GOOD[0]),
            slow.clone(),
            fixture(GOOD[1]),
            fixture(GOOD[2]),
        ];
        let out = run(bin()
            .args(["extract", "-q", "-j", "1", "--stats"])
            .args(["--small-text", small_text, "--doc-timeout", LIMIT])
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
    let pid_file = dir.path("antiword.pid");
    // It writes its process id, then becomes `sleep` (the same process).
    let script = format!(
        "#!/bin/sh\necho $$ > '{}'\nexec sleep 300\n",
        pid_file.display()
    );
    std::fs::write(&antiword, script).unwrap();
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
        .args(["extract", "-q", "-j", "1", "--doc-timeout", LIMIT])
        .args(&files));
    check_batch(&out, "application/msword", &expected);
    // Not a timing test: only that the run did not wait for the converter's 300 s.
    assert!(started.elapsed().as_secs() < 200, "{:?}", started.elapsed());
    // The converter was killed with its child, not left sleeping.
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let proc_dir = format!("/proc/{}", pid.trim());
    let gone = (0..100).any(|_| {
        let state = std::fs::read_to_string(format!("{proc_dir}/stat")).unwrap_or_default();
        // Gone, or a zombie waiting for its parent's wait.
        let done = state.is_empty() || state.split(") ").nth(1).is_some_and(|r| r.starts_with('Z'));
        if !done {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        done
    });
    assert!(gone, "the converter (pid {}) is still running", pid.trim());
}
