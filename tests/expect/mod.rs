//! Shared by the fixture tests: run a fixture through the pipeline, reduce its record to the
//! hand-checked fields of `tests/expected/`, compare, and check that every quote is the text
//! at its span.
#![allow(dead_code)]

use councilrecs::config::{Config, RecordConfig};
use councilrecs::model::{Recommendation, Record};
use councilrecs::pipeline::{self, DocInfo};
use councilrecs::tools::Tools;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// The fixture's record, with its normalised text, read in this process with the installed
/// converters.
pub fn run(path: &Path) -> Record {
    let bytes = std::fs::read(path).expect("read fixture");
    let config = Config {
        record: RecordConfig {
            emit_text: true,
            ..RecordConfig::default()
        },
        tools: Tools::installed(),
        ..Config::default()
    };
    pipeline::read(&bytes, &DocInfo::file(path.to_string_lossy()), &config)
}

fn rec_json(r: &Recommendation, top: bool) -> Value {
    let mut v = json!({"id": r.id, "text": r.text});
    if top {
        v["kind"] = serde_json::to_value(r.kind).expect("kind");
    }
    if !r.children.is_empty() {
        v["children"] = r.children.iter().map(|c| rec_json(c, false)).collect();
    }
    v
}

/// The checked subset of a record, in the layout of `tests/expected/*.json`.
pub fn comparable(r: &Record) -> Value {
    json!({
        "meta": {
            "title": r.meta.title,
            "kind": r.meta.kind,
            "committee": r.meta.committee,
            "date": r.meta.date,
            "item": r.meta.item,
            "council": r.council.as_ref().map(|c| c.name.clone()),
        },
        "meetings": r.meetings.iter().map(|m| json!({"committee": m.committee, "date": m.date, "item": m.item})).collect::<Vec<_>>(),
        "recommendations": r.recommendations.iter().map(|x| rec_json(x, true)).collect::<Vec<_>>(),
        "themes": r.themes.iter().map(|t| json!({"text": t.text, "canonical": t.canonical, "framework": t.framework})).collect::<Vec<_>>(),
        "actions": r.actions.iter().map(|a| json!({"text": a.text, "status": a.status})).collect::<Vec<_>>(),
    })
}

/// Every place where `actual` differs from `expected` (fields `expected` leaves out are not
/// compared).
pub fn diff(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                diff(
                    &format!("{path}.{k}"),
                    ev,
                    a.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for i in 0..e.len().max(a.len()) {
                match (e.get(i), a.get(i)) {
                    (Some(ev), Some(av)) => diff(&format!("{path}[{i}]"), ev, av, out),
                    (Some(ev), None) => out.push(format!("{path}[{i}] missing: {ev}")),
                    (None, Some(av)) => out.push(format!("{path}[{i}] unexpected: {av}")),
                    (None, None) => {}
                }
            }
        }
        (e, a) if e != a => out.push(format!("{path}: expected {e}, got {a}")),
        _ => {}
    }
}

/// Runs each file and compares it with `<expected_dir>/<stem>.json`. With
/// `COUNCILRECS_WRITE_ACTUAL` set, what was extracted goes to `target/<actual_dir>/` for review.
pub fn failures(files: &[PathBuf], expected_dir: &Path, actual_dir: &str) -> Vec<String> {
    let write_actual = std::env::var_os("COUNCILRECS_WRITE_ACTUAL").is_some();
    let mut failures = Vec::new();
    for path in files {
        let stem = path
            .file_stem()
            .expect("file name")
            .to_string_lossy()
            .to_string();
        let record = run(path);
        let actual = comparable(&record);
        if write_actual {
            let dir = Path::new("target").join(actual_dir);
            std::fs::create_dir_all(&dir).expect("actual folder");
            let pretty = serde_json::to_string_pretty(&actual).expect("JSON") + "\n";
            std::fs::write(dir.join(format!("{stem}.json")), pretty).expect("write actual");
        }
        let expected_path = expected_dir.join(format!("{stem}.json"));
        let expected: Value = match std::fs::read_to_string(&expected_path) {
            Ok(s) => serde_json::from_str(&s)
                .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display())),
            Err(_) => {
                failures.push(format!(
                    "{stem}: no expectation at {}",
                    expected_path.display()
                ));
                continue;
            }
        };
        let mut problems = Vec::new();
        if let Some(e) = &record.error {
            problems.push(format!("error: {}", e.message));
        }
        diff("", &expected, &actual, &mut problems);
        if !problems.is_empty() {
            failures.push(format!("{stem}:\n    {}", problems.join("\n    ")));
        }
    }
    failures
}

/// Characters `[start, end)` of `text`.
pub fn chars(text: &str, span: [usize; 2]) -> String {
    text.chars().skip(span[0]).take(span[1] - span[0]).collect()
}

fn check_rec(text: &str, r: &Recommendation, name: &str, bad: &mut Vec<String>) {
    if chars(text, r.span) != r.quote {
        bad.push(format!(
            "{name}: recommendation {:?} quote differs from its span",
            r.id
        ));
    }
    for c in &r.children {
        if c.span[0] < r.span[0] || c.span[1] > r.span[1] {
            bad.push(format!("{name}: child {:?} lies outside its parent", c.id));
        }
        check_rec(text, c, name, bad);
    }
}

/// Checks that each item's quote is the text at its span; returns how many items were seen.
pub fn check_spans(r: &Record, name: &str, bad: &mut Vec<String>) -> usize {
    let text = r.text.as_deref().expect("records made with emit_text");
    for x in &r.recommendations {
        check_rec(text, x, name, bad);
    }
    for t in &r.themes {
        if chars(text, t.span) != t.quote {
            bad.push(format!(
                "{name}: theme {:?} quote differs from its span",
                t.text
            ));
        }
    }
    for a in &r.actions {
        if chars(text, a.span) != a.quote {
            bad.push(format!(
                "{name}: action {:?} quote differs from its span",
                a.text
            ));
        }
    }
    r.recommendations.len() + r.themes.len() + r.actions.len()
}
