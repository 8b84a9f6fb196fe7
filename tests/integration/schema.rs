//! Every record the fixtures produce, and every record in `tests/data`, is valid against the
//! JSON Schema that `councilrecs schema` prints.

use crate::util::bin;
use councilrecs::config::{Config, RecordConfig};
use councilrecs::model::record_schema;
use councilrecs::pipeline::{self, DocInfo};
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&record_schema()).expect("the schema compiles")
}

fn check(v: &jsonschema::Validator, name: &str, record: &Value) {
    let errors: Vec<String> = v
        .iter_errors(record)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
}

#[test]
fn every_fixture_record_matches_the_schema() {
    let v = validator();
    let mut n = 0;
    for entry in walkdir::WalkDir::new("fixtures").sort_by_file_name() {
        let entry = entry.expect("walk");
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let name = path.to_string_lossy().into_owned();
        let bytes = std::fs::read(path).expect("read");
        for emit_text in [false, true] {
            let config = Config {
                record: RecordConfig {
                    emit_text,
                    ..RecordConfig::default()
                },
                ..Config::default()
            };
            let record = pipeline::read(&bytes, &DocInfo::file(name.as_str()), &config);
            check(
                &v,
                &name,
                &serde_json::to_value(&record).expect("serialise"),
            );
        }
        n += 1;
    }
    assert!(n >= 48, "only {n} fixtures");
}

#[test]
fn schema_printed_by_the_command_validates_test_data_and_rejects_bad_records() {
    let out = bin().arg("schema").output().expect("run");
    let printed: Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    assert_eq!(printed, record_schema());
    let v = jsonschema::validator_for(&printed).expect("compiles");
    let text = std::fs::read_to_string("tests/data/multi-council.jsonl").expect("data");
    for (i, line) in text.lines().enumerate() {
        check(
            &v,
            &format!("line {}", i + 1),
            &serde_json::from_str(line).expect("json"),
        );
    }
    let mut bad: Value = serde_json::from_str(text.lines().next().expect("a line")).expect("json");
    bad["recommendations"][0]["kind"] = "advice".into();
    assert!(!v.is_valid(&bad));
    bad = serde_json::from_str(text.lines().next().expect("a line")).expect("json");
    bad["actions"] = serde_json::json!([{"text": "x", "status": "done", "span": [0, 1], "page": null, "quote": "x"}]);
    assert!(!v.is_valid(&bad));
    bad.as_object_mut().expect("object").remove("meta");
    assert!(!v.is_valid(&bad));
}
