//! The README's example record is what `extract` gives for the fixture it names, field for
//! field. When the extractor changes, `COUNCILRECS_UPDATE_README=1 cargo test --release
//! --test integration readme` writes the new record into the README.

use crate::util::{bin, records, run};
use councilrecs::model::Record;
use serde::Serialize;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
const MARK: &str = "<!-- example record: ";

/// One field as compact JSON in the record's own field order.
fn compact<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialise")
}

/// The record laid out for reading: one line per field, one line per item of a list.
fn layout(r: &Record) -> String {
    fn list<T: Serialize>(items: &[T]) -> String {
        if items.is_empty() {
            return "[]".into();
        }
        let lines: Vec<String> = items
            .iter()
            .map(|i| format!("    {}", compact(i)))
            .collect();
        format!("[\n{}\n  ]", lines.join(",\n"))
    }
    let fields = [
        ("schema_version", compact(&r.schema_version)),
        ("source", compact(&r.source)),
        ("council", compact(&r.council)),
        ("meta", compact(&r.meta)),
        ("meetings", list(&r.meetings)),
        ("recommendations", list(&r.recommendations)),
        ("themes", list(&r.themes)),
        ("actions", list(&r.actions)),
        ("warnings", list(&r.warnings)),
        ("error", compact(&r.error)),
    ];
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("  \"{k}\": {v}"))
        .collect();
    format!("{{\n{}\n}}\n", body.join(",\n"))
}

#[test]
fn the_readme_example_record_is_the_fixtures_record() {
    let readme = std::fs::read_to_string(README).expect("README");
    let at = readme
        .find(MARK)
        .expect("the README marks its example record");
    let rest = &readme[at + MARK.len()..];
    let fixture = &rest[..rest.find(" -->").expect("end of the mark")];
    let open = rest.find("```json\n").expect("a json block after the mark") + "```json\n".len();
    let close = open + rest[open..].find("```").expect("end of the block");
    let shown = &rest[open..close];

    let out = run(bin().args(["extract", "-q", fixture]));
    assert_eq!(out.status.code(), Some(0));
    let actual = records(&out).remove(0);
    let record: Record = serde_json::from_value(actual.clone()).expect("a record");
    let parsed: serde_json::Value = serde_json::from_str(shown).unwrap_or(serde_json::Value::Null);
    if parsed == actual {
        return;
    }
    let fresh = layout(&record);
    if std::env::var_os("COUNCILRECS_UPDATE_README").is_some() {
        let start = at + MARK.len() + open;
        let end = at + MARK.len() + close;
        let updated = format!("{}{}{}", &readme[..start], fresh, &readme[end..]);
        std::fs::write(README, updated).expect("write README");
        return;
    }
    panic!("the README's example record is not what {fixture} gives; it gives:\n{fresh}");
}
