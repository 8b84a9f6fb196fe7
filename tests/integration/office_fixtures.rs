//! The PDF and DOCX fixtures (made by `tests/make_office_fixtures.py`) against their
//! hand-checked expectations in `tests/expected/pdf/` and `tests/expected/docx/`, the span
//! invariant (`quote` is the normalised text at `span`), page numbers, and agreement between the
//! built-in PDF reader and `pdftotext` where it is installed.
//!
//! Set `COUNCILRECS_WRITE_ACTUAL=1` to write what was extracted to `target/office-actual/` for
//! review; expected files are never written by the tests.

use crate::expect;
use councilrecs::decode::pdf::{decode_pdf, decode_with_pdftotext};
use councilrecs::decode::{Converters, Limits, NoConverters, Tool};
use councilrecs::model::Record;
use councilrecs::tools::Tools;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn files(kind: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new("fixtures").join(kind))
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == kind))
        .collect();
    files.sort();
    files
}

fn run(path: &Path) -> Record {
    expect::run(path)
}

fn check_kind(kind: &str) {
    let files = files(kind);
    assert!(files.len() >= 8, "expected at least 8 {kind} fixtures");
    let expected = Path::new("tests/expected").join(kind);
    let failures = expect::failures(&files, &expected, &format!("office-actual/{kind}"));
    assert!(
        failures.is_empty(),
        "{} {kind} fixtures differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn pdf_fixtures_match_their_expectations() {
    check_kind("pdf");
}

#[test]
fn docx_fixtures_match_their_expectations() {
    check_kind("docx");
}

#[test]
fn every_quote_is_the_text_at_its_span() {
    let mut bad = Vec::new();
    let mut items = 0;
    for path in files("pdf").into_iter().chain(files("docx")) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        items += expect::check_spans(&run(&path), &name, &mut bad);
    }
    assert!(items > 100, "too few items extracted: {items}");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn pdf_items_carry_their_page() {
    let r = run(Path::new(
        "fixtures/pdf/report-cabinet-auto-numbered-sections-page-break.pdf",
    ));
    assert_eq!(r.source.pages, Some(2));
    let pages: Vec<(Option<String>, Option<u32>)> = r
        .recommendations
        .iter()
        .map(|x| (x.id.clone(), x.page))
        .collect();
    // Item 2's last sub-item runs over the page break; it starts on page 1.
    assert_eq!(
        pages,
        [
            (Some("1".into()), Some(1)),
            (Some("2".into()), Some(1)),
            (Some("3".into()), Some(2))
        ]
    );
    let text = r.text.unwrap();
    assert!(text.contains(
        "beginning with the meeting in October 2024, with a summary of the actions completed, \
         the actions in progress and any actions at risk of delay"
    ));
    for furniture in [
        "Page 1 of 2",
        "Page 2 of 2",
        "Tameside Metropolitan Borough Council –",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} left in the text");
    }

    let minutes = run(Path::new(
        "fixtures/pdf/minutes-resolved-auto-roman-restart-ligatures.pdf",
    ));
    let pages: Vec<Option<u32>> = minutes.recommendations.iter().map(|x| x.page).collect();
    assert_eq!(
        pages,
        [Some(1), Some(1), Some(1), Some(1), Some(1), Some(2)]
    );
}

#[test]
fn ligatures_pounds_and_curly_quotes_survive() {
    for path in [
        "fixtures/pdf/minutes-resolved-auto-roman-restart-ligatures.pdf",
        "fixtures/docx/minutes-resolved-auto-roman-restart-ligatures.docx",
    ] {
        let text = run(Path::new(path)).text.unwrap();
        assert!(text.contains("five leisure centres"), "{path}");
        assert!(text.contains("more flexible access"), "{path}");
        assert!(text.contains("as defined in paragraph 3"), "{path}");
        assert!(text.contains("£4.2m"), "{path}");
        assert!(text.contains("“opening hours only”"), "{path}");
        assert!(text.contains("Council’s leisure estate"), "{path}");
        assert!(
            !text.contains('\u{fb01}') && !text.contains('\u{fb02}'),
            "{path}"
        );
    }
}

#[test]
fn docx_tracked_changes_and_headers() {
    let r = run(Path::new(
        "fixtures/docx/decision-sheet-upper-letters-tracked-changes.docx",
    ));
    let text = r.text.unwrap();
    assert!(text.contains("set out in Appendix 1;"));
    assert!(!text.contains("Appendix 3-") && !text.contains("in Appendix 3;"));
    assert!(text.contains("and the equality impact assessment in Appendix 3."));
    assert!(text.contains("in six months’ time") && !text.contains("twelve"));
    // The running header is not part of the body.
    assert!(!text.contains("Cornwall Council – Cabinet Decision Sheet"));
}

#[test]
fn two_columns_are_read_in_column_order() {
    for path in [
        "fixtures/pdf/cpc-feedback-style-numbering-two-columns-tracker.pdf",
        "fixtures/docx/cpc-feedback-style-numbering-two-columns-tracker.docx",
    ] {
        let r = run(Path::new(path));
        let ids: Vec<String> = r
            .recommendations
            .iter()
            .filter_map(|x| x.id.clone())
            .collect();
        assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7", "8", "9"], "{path}");
        assert_eq!(
            r.recommendations[6].text,
            "Invest in programme and project management capacity so that major regeneration \
             schemes are delivered on time.",
            "{path}"
        );
        let text = r.text.unwrap();
        assert!(
            text.contains("1 | Rec 1 | Hold partner workshops to agree an outcomes framework | Chief Executive | Planned"),
            "{path}: tracker rows are not read row by row"
        );
    }
}

fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn builtin_reader_agrees_with_pdftotext() {
    let tools = Tools::installed();
    if !tools.has(Tool::Pdftotext) {
        eprintln!("pdftotext is not installed; skipping the comparison");
        return;
    }
    for path in files("pdf") {
        let bytes = std::fs::read(&path).unwrap();
        let ours = decode_pdf(&bytes, &Limits::default(), &NoConverters).unwrap();
        let theirs = decode_with_pdftotext(&bytes, &Limits::default(), &tools).unwrap();
        let (a, b) = (words(&ours.text), words(&theirs.text));
        let common = a.intersection(&b).count() as f64;
        let dice = 2.0 * common / (a.len() + b.len()) as f64;
        assert!(
            dice >= 0.97,
            "{}: word overlap with pdftotext {dice:.3}; only ours: {:?}; only pdftotext: {:?}",
            path.display(),
            a.difference(&b).collect::<Vec<_>>(),
            b.difference(&a).collect::<Vec<_>>()
        );
        assert_eq!(
            ours.page_starts.len(),
            theirs.page_starts.len(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn pdf_without_pdftotext_still_reads() {
    let bytes = std::fs::read("fixtures/pdf/decision-notice-lower-roman-dot.pdf").unwrap();
    let d = decode_pdf(&bytes, &Limits::default(), &NoConverters).unwrap();
    assert!(d.text.contains("Decision Made: That"));
    assert!(d.warnings.is_empty());
}
