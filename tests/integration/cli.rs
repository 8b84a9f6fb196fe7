//! The `extract` command as a user runs it: paths and folders, order, formats, exit codes,
//! standard output only for records.

use crate::util::{Dir, bin, fixture, records, run, run_with_input};
use councilrecs::config::RecordConfig;
use councilrecs::decode::{Format, Hint};
use councilrecs::pipeline::protocol::{Reply, Request};
use councilrecs::tools::Tools;

const RESOLUTION: &str =
    "RESOLVED:\n\n1. That the report be noted.\n\n2. That the plan be approved.\n";

#[test]
fn folder_walk_is_sorted_and_recursive() {
    let dir = Dir::new("walk");
    dir.create("b/two.txt", RESOLUTION);
    dir.create("a.txt", RESOLUTION);
    dir.create(
        "b/a/one.html",
        "<html><body><p>RESOLVED: That the minutes be approved.</p></body></html>",
    );
    dir.create("b/.hidden.txt", RESOLUTION);
    let out = run(dir.command().args(["extract", "."]));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let paths: Vec<String> = records(&out)
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["./a.txt", "./b/a/one.html", "./b/two.txt"]);
}

#[test]
fn records_keep_input_order_with_many_threads() {
    let dir = Dir::new("order");
    let mut names = Vec::new();
    for i in 0..120 {
        let name = format!("doc{i:03}.txt");
        // Vary the size so that documents finish out of order.
        let body = format!(
            "{}RESOLVED: That item {i} be approved.\n",
            "Background paragraph.\n".repeat((i * 37) % 400)
        );
        dir.create(&name, body);
        names.push(name);
    }
    let mut args = vec!["extract".to_string(), "-j".into(), "4".into()];
    args.extend(names.iter().rev().cloned());
    let out = run(dir.command().args(&args));
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out);
    let got: Vec<&str> = recs
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = names.iter().rev().map(String::as_str).collect();
    assert_eq!(got, want);
    assert_eq!(
        recs[0]["recommendations"][0]["text"],
        "That item 119 be approved."
    );
}

#[test]
fn a_bad_document_gives_an_error_record_and_exit_code_1() {
    let dir = Dir::new("bad");
    dir.create("1-good.txt", RESOLUTION);
    dir.create("2-empty.txt", "");
    dir.create("3-good.txt", RESOLUTION);
    let out = run(dir.command().args([
        "extract",
        "1-good.txt",
        "2-empty.txt",
        "missing.txt",
        "3-good.txt",
    ]));
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 4);
    assert_eq!(recs[0]["error"], serde_json::Value::Null);
    assert_eq!(recs[1]["error"]["kind"], "empty");
    assert_eq!(recs[2]["error"]["kind"], "not_found");
    assert_eq!(recs[3]["recommendations"][1]["id"], "2");
    // Records go to standard output; the reasons for failures go to standard error.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2-empty.txt") && err.contains("missing.txt"),
        "{err}"
    );
}

#[test]
fn json_format_and_out_file() {
    let dir = Dir::new("json");
    dir.create("a.txt", RESOLUTION);
    let out = run(dir.command().args([
        "extract",
        "a.txt",
        "--format",
        "json",
        "--out",
        "records.json",
    ]));
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path("records.json")).unwrap()).unwrap();
    let recs = v.as_array().expect("a JSON array");
    assert_eq!(recs.len(), 1);
    assert_eq!(
        recs[0]["recommendations"][0]["text"],
        "That the report be noted."
    );
    assert_eq!(recs[0]["recommendations"][0]["lead_in"], "RESOLVED:");
}

#[test]
fn emit_text_lets_spans_be_checked() {
    let dir = Dir::new("emit");
    let out = run(dir
        .command()
        .args(["extract", "--emit-text"])
        .arg(fixture("issue-meetings-cabinet-two-meetings.txt")));
    let rec = &records(&out)[0];
    let text: Vec<char> = rec["text"].as_str().unwrap().chars().collect();
    for r in rec["recommendations"].as_array().unwrap() {
        let (s, e) = (
            r["span"][0].as_u64().unwrap() as usize,
            r["span"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..e].iter().collect::<String>(),
            r["quote"].as_str().unwrap()
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let dir = Dir::new("usage");
    let out = run(dir.command().args(["extract"]));
    assert_eq!(out.status.code(), Some(2));
    let out = run(dir.command().args(["extract", "--format", "yaml", "x.txt"]));
    assert_eq!(out.status.code(), Some(2));
    let out = run(dir
        .command()
        .args(["extract", "a.txt", "--out", "no/such/folder/out.jsonl"]));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_shows_examples() {
    let dir = Dir::new("help");
    let out = run(dir.command().args(["extract", "--help"]));
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("Examples:") && help.contains("councilrecs extract fixtures/"),
        "{help}"
    );
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = Dir::new("pipe");
    for i in 0..300 {
        dir.create(&format!("d{i:03}.txt"), RESOLUTION);
    }
    let mut child = dir
        .command()
        .args(["extract", "."])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn councils_lists_the_registry() {
    let dir = Dir::new("councils");
    let out = run(dir
        .command()
        .args(["councils", "--platform", "cmis", "--format", "jsonl"]));
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out);
    assert!(recs.len() > 20);
    assert!(recs.iter().all(|c| c["platform"] == "cmis"));
    assert!(
        recs.iter()
            .any(|c| c["code"] == "CAM" && c["common_name"] == "Cambridgeshire")
    );
    let bir = recs
        .iter()
        .find(|c| c["code"] == "BIR")
        .expect("Birmingham's papers are on CMIS");
    assert_eq!(bir["gss"], "E08000025");
    assert_eq!(
        bir["base_url"],
        "https://birmingham.cmis.uk.com/birmingham/Meetings.aspx"
    );
}

#[test]
fn councils_prints_every_current_council_once_in_the_registry_layout() {
    let dir = Dir::new("councils-csv");
    let out = run(dir.command().args(["councils", "--format", "csv"]));
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let built_in = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/councils.csv"),
    )
    .unwrap();
    assert_eq!(
        text, built_in,
        "the CSV is the registry file itself, ready to edit"
    );
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 382);
    let codes: std::collections::HashSet<&str> = rows.iter().map(|r| &r[0]).collect();
    let gss: std::collections::HashSet<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(codes.len(), 382, "each council once");
    assert_eq!(gss.len(), 382, "each with its own GSS code");
    let nations = |n: &str| rows.iter().filter(|r| &r[4] == n).count();
    assert_eq!(
        [
            nations("England"),
            nations("Scotland"),
            nations("Wales"),
            nations("Northern Ireland")
        ],
        [317, 32, 22, 11]
    );
    let shared: Vec<&str> = rows
        .iter()
        .map(|r| &r[7])
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(shared.len(), 10);
    assert!(shared.contains(&"ADU+WOT"));
    let she = rows
        .iter()
        .find(|r| &r[0] == "SHE")
        .expect("Folkestone and Hythe");
    assert_eq!(&she[1], "E07000112");
    let lnd = rows
        .iter()
        .find(|r| &r[0] == "LND")
        .expect("the City of London");
    assert_eq!(&lnd[3], "City of London");
}

#[test]
fn the_registry_is_what_its_script_makes_from_its_sources() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = std::process::Command::new("python3")
        .arg("data/make_councils.py")
        .arg("--check")
        .current_dir(root)
        .output();
    match python {
        Ok(out) => assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "python3 is needed to check data/councils.csv: {e}"
            );
            eprintln!("skipping: python3 not found ({e})");
        }
    }
}

#[test]
fn schema_describes_a_record() {
    let dir = Dir::new("schema");
    let out = run(dir.command().arg("schema"));
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let props = v["properties"].as_object().expect("properties");
    for key in [
        "schema_version",
        "source",
        "council",
        "meta",
        "meetings",
        "recommendations",
        "themes",
        "actions",
        "warnings",
        "error",
    ] {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
}

/// The child that reads one document in isolation answers a request of its own version, with
/// only what it works out, and refuses a request from any other.
#[test]
fn the_reading_child_answers_its_own_version_only() {
    let doc = std::fs::read(fixture("pdf/decision-notice-lower-roman-dot.pdf")).unwrap();
    let input = |version: &str| {
        let hint = Hint {
            name: Some("notice.pdf"),
            content_type: None,
        };
        let record = RecordConfig::default();
        let mut req = Request::new(&doc, Format::Pdf, &hint, &record, &Tools::default());
        req.version = version.to_string();
        let mut v = serde_json::to_vec(&req).unwrap();
        v.push(b'\n');
        v.extend_from_slice(&doc);
        v
    };
    let ok = run_with_input(
        bin().arg("isolated-record"),
        &input(env!("CARGO_PKG_VERSION")),
    );
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let reply: Reply = serde_json::from_slice(&ok.stdout).expect("a reply");
    assert_eq!(reply.version, env!("CARGO_PKG_VERSION"));
    let content = reply.reading.expect("a reading");
    assert_eq!(content.recommendations.len(), 3);
    assert_eq!(content.text, None);
    let line: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert!(line["reading"]["Ok"].get("source").is_none());

    let old = run_with_input(bin().arg("isolated-record"), &input("0.0.1"));
    assert_eq!(old.status.code(), Some(2));
    assert!(old.stdout.is_empty());
    let err = String::from_utf8_lossy(&old.stderr);
    assert!(
        err.contains(&format!(
            "the request comes from councilrecs 0.0.1, this is {}",
            env!("CARGO_PKG_VERSION")
        )),
        "{err}"
    );
}
