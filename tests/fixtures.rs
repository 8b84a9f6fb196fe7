//! Every fixture document against its hand-checked expectation in `tests/expected/`, and the
//! span invariant: each item's `quote` is the normalised text at its `span`.
//!
//! Set `COUNCILRECS_WRITE_ACTUAL=1` to write what the extractor produced for each fixture to
//! `target/fixture-actual/` for review; expected files are never written by the tests.

mod expect;

use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("fixtures")
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn fixtures_match_their_expectations() {
    let files = fixtures();
    assert!(
        files.len() >= 40,
        "expected at least 40 fixtures, found {}",
        files.len()
    );
    let failures = expect::failures(&files, Path::new("tests/expected"), "fixture-actual");
    assert!(
        failures.is_empty(),
        "{} fixtures differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_quote_is_the_text_at_its_span() {
    let mut bad = Vec::new();
    let mut items = 0;
    for path in fixtures() {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        items += expect::check_spans(&expect::run(&path), &name, &mut bad);
    }
    assert!(
        items > 200,
        "too few items extracted from the fixtures: {items}"
    );
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
