//! Command-line habits: `-o/--output`, completions and man pages, `extract -`, sizes with
//! units, options shown only where they apply (and still accepted where they were), the
//! summary line of `extract`, an empty folder, unsupported URL schemes, each error's cause
//! said once, CSV for spreadsheets, and `compare`'s exit codes for what it could not read.

use crate::util::{Dir, bin, records, run, run_with_input};

const RESOLUTION: &str =
    "RESOLVED:\n\n1. That the plan be approved.\n\n2. That the report be noted.\n";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn output_short_and_long_aliases() {
    let dir = Dir::new("output-alias");
    dir.create("a.txt", RESOLUTION);
    for (flag, name) in [
        ("-o", "one.jsonl"),
        ("--output", "two.jsonl"),
        ("--out", "three.jsonl"),
    ] {
        let out = run(dir.command().args(["extract", "-q", "a.txt", flag, name]));
        assert_eq!(out.status.code(), Some(0), "{flag}");
        assert!(out.stdout.is_empty());
        let text = std::fs::read_to_string(dir.path(name)).expect(name);
        assert!(text.contains("That the plan be approved."), "{flag}");
    }
    let out = run(bin()
        .args([
            "compare",
            "-q",
            "tests/data/paraphrases.jsonl",
            "--format",
            "html",
            "-o",
        ])
        .arg(dir.path("r.html")));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(dir.path("r.html"))
            .expect("html")
            .starts_with("<!DOCTYPE html>")
    );
}

#[test]
fn completions_and_man_pages() {
    for (shell, marker) in [
        ("bash", "_councilrecs()"),
        ("zsh", "#compdef councilrecs"),
        ("fish", "complete -c councilrecs"),
    ] {
        let out = run(bin().args(["completions", shell]));
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains(marker),
            "{shell}: {}",
            &text[..text.len().min(200)]
        );
        assert!(
            text.contains("extract") && text.contains("min-similarity"),
            "{shell}"
        );
    }
    let out = run(bin().arg("man"));
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH councilrecs"),
        "{page}"
    );
    assert!(page.contains("extract") && page.contains("compare"));
    let dir = Dir::new("man");
    let out = run(bin().args(["man", "-o"]).arg(dir.path("man")));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut files: Vec<String> = std::fs::read_dir(dir.path("man"))
        .expect("man folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(files.contains(&"councilrecs.1".to_string()));
    assert!(files.contains(&"councilrecs-extract.1".to_string()));
    assert!(!files.iter().any(|f| f.contains("isolated")), "{files:?}");
    let extract = std::fs::read_to_string(dir.path("man/councilrecs-extract.1")).expect("page");
    assert!(extract.contains("emit\\-text"), "{extract}");
}

#[test]
fn extract_dash_reads_one_document_from_standard_input() {
    let out = run_with_input(bin().args(["extract", "-"]), RESOLUTION.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["source"]["path"], "-");
    assert_eq!(
        recs[0]["recommendations"][0]["text"],
        "That the plan be approved."
    );
    assert_eq!(recs[0]["recommendations"][0]["procedural"], false);
    assert_eq!(recs[0]["recommendations"][1]["procedural"], true);
    let html =
        b"<html><body><h1>Cabinet</h1><p>RESOLVED: That the strategy be adopted.</p></body></html>";
    let out = run_with_input(bin().args(["extract", "-"]), html);
    assert_eq!(records(&out)[0]["source"]["media_type"], "text/html");
    // Over the limit, as a file would be.
    let out = run_with_input(
        bin().args(["extract", "--max-bytes", "10", "-"]),
        RESOLUTION.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out)[0]["error"]["kind"], "too_large");
}

#[test]
fn sizes_take_units() {
    let dir = Dir::new("sizes");
    dir.create("a.txt", RESOLUTION.repeat(40));
    let ok = run(dir
        .command()
        .args(["extract", "--max-bytes", "10M", "a.txt"]));
    assert_eq!(ok.status.code(), Some(0));
    let small = run(dir
        .command()
        .args(["--max-bytes", "1K", "extract", "a.txt"]));
    assert_eq!(small.status.code(), Some(1));
    let err = &records(&small)[0]["error"];
    assert_eq!(err["kind"], "too_large");
    assert!(
        err["message"]
            .as_str()
            .unwrap_or("")
            .contains("the limit is 1024"),
        "{err}"
    );
    let bad = run(dir
        .command()
        .args(["extract", "--max-bytes", "10X", "a.txt"]));
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("\"10X\" is not a size"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn options_are_shown_only_where_they_apply_and_accepted_where_they_were() {
    let help = |args: &[&str]| String::from_utf8_lossy(&run(bin().args(args)).stdout).into_owned();
    for cmd in ["compare", "schema", "councils"] {
        let h = help(&[cmd, "--help"]);
        for flag in [
            "--delay",
            "--user-agent",
            "--timeout",
            "--offline",
            "--max-bytes",
            "--doc-timeout",
        ] {
            assert!(!h.contains(flag), "{cmd} --help shows {flag}");
        }
        assert!(h.contains("--quiet"), "{cmd}");
    }
    let extract = help(&["extract", "--help"]);
    for flag in [
        "--delay",
        "--max-bytes",
        "--doc-timeout",
        "--output",
        "--excel",
    ] {
        assert!(extract.contains(flag), "extract --help lacks {flag}");
    }
    let fetch = help(&["fetch", "--help"]);
    assert!(fetch.contains("--delay") && !fetch.contains("--doc-timeout"));
    // Accepted before and after the command's name, as they always were.
    for args in [
        &[
            "--delay",
            "2",
            "compare",
            "-q",
            "tests/data/paraphrases.jsonl",
        ][..],
        &[
            "compare",
            "-q",
            "--delay",
            "2",
            "--offline",
            "tests/data/paraphrases.jsonl",
        ],
        &["schema", "--timeout", "3"],
        &["--doc-memory", "512", "councils", "--format", "jsonl"],
        &[
            "fetch",
            "--offline",
            "--doc-timeout",
            "5",
            "--store",
            "target/no-store",
            "--help",
        ],
    ] {
        let out = run(bin().args(args));
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn extract_ends_with_a_summary_line_unless_quiet() {
    let dir = Dir::new("summary");
    dir.create("a.txt", RESOLUTION);
    dir.create("b.txt", "");
    let out = run(dir.command().args(["extract", "a.txt", "b.txt"]));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let last = err.lines().last().unwrap_or("");
    assert!(
        last.starts_with(
            "councilrecs: extract: 2 documents, 2 recommendations, 0 themes, 0 actions, 1 failed ("
        ),
        "{err}"
    );
    assert!(last.ends_with(" s)"), "{last}");
    let quiet = run(dir.command().args(["extract", "-q", "a.txt"]));
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn an_empty_folder_is_a_warning() {
    let dir = Dir::new("empty-folder");
    std::fs::create_dir_all(dir.path("none")).expect("mkdir");
    let out = run(dir.command().args(["extract", "none"]));
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("councilrecs: warning: none: no documents in this folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unsupported_schemes_are_named_as_such() {
    let out = run(bin().args([
        "extract",
        "file:///etc/passwd",
        "ftp://files.example.org/a.pdf",
    ]));
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    for (r, scheme) in recs.iter().zip(["file", "ftp"]) {
        assert_eq!(r["error"]["kind"], "unsupported_scheme");
        let msg = r["error"]["message"].as_str().unwrap_or("");
        assert!(
            msg.contains(&format!("{scheme}: addresses are not read")),
            "{msg}"
        );
        assert!(!msg.contains("no such file"), "{msg}");
    }
    let err = stderr(&out);
    assert_eq!(err.matches("file:///etc/passwd").count(), 1, "{err}");
}

#[test]
fn each_cause_is_said_once() {
    let dir = Dir::new("cause-once");
    dir.create("a.txt", RESOLUTION);
    for args in [
        &["extract", "a.txt", "-o", "no/such/folder/out.jsonl"][..],
        &[
            "extract",
            "a.txt",
            "--format",
            "sqlite",
            "-o",
            "no/such/folder/x.db",
        ],
        &["compare", "no-such-records.jsonl"],
    ] {
        let out = run(dir.command().args(args));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        let cause = if err.contains("No such file") {
            "No such file"
        } else {
            "unable to open"
        };
        assert_eq!(err.matches(cause).count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn csv_for_spreadsheets_starts_with_a_byte_order_mark() {
    let dir = Dir::new("bom");
    dir.create(
        "papers/a.txt",
        "Cost £5 – the council’s plan.\n\nRESOLVED:\n\n1. That the £5m plan be approved.\n",
    );
    for flag in ["--bom", "--excel"] {
        let out = run(dir.command().args([
            "extract", "-q", "papers", "--format", "csv", flag, "-o", "tables",
        ]));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        for t in ["documents", "recommendations", "themes", "actions"] {
            let bytes = std::fs::read(dir.path(&format!("tables/{t}.csv"))).expect("table");
            assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{flag} {t}");
        }
        let recs = std::fs::read_to_string(dir.path("tables/recommendations.csv")).expect("csv");
        assert!(recs.contains("£5m"));
    }
    let plain = run(dir
        .command()
        .args(["extract", "-q", "papers", "--format", "csv"]));
    assert!(plain.stdout.starts_with(b"doc_sha256,doc_source,"));
    let bom = run(dir
        .command()
        .args(["extract", "-q", "papers", "--format", "csv", "--excel"]));
    assert!(
        bom.stdout
            .starts_with(b"\xEF\xBB\xBFdoc_sha256,doc_source,")
    );
    let compared = run(bin().args([
        "compare",
        "-q",
        "tests/data/paraphrases.jsonl",
        "--format",
        "csv",
        "--table",
        "councils",
        "--bom",
    ]));
    assert!(compared.stdout.starts_with(b"\xEF\xBB\xBFcouncil,"));
}

#[test]
fn compare_says_what_it_could_not_read() {
    let dir = Dir::new("compare-inputs");
    let data = std::fs::read_to_string("tests/data/paraphrases.jsonl").expect("data");
    // Spans and quotes removed, as `jq 'del(.recommendations[].span)'` does.
    let stripped: String = data
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("json");
            for r in v["recommendations"].as_array_mut().expect("recs") {
                let o = r.as_object_mut().expect("rec");
                o.remove("span");
                o.remove("quote");
            }
            format!("{v}\n")
        })
        .collect();
    dir.create("nospans.jsonl", &stripped);
    dir.create(
        "notes.txt",
        "These are my notes, not records.\nSee you Tuesday.\n",
    );
    dir.create("binary.bin", [0u8, 159, 146, 150, 255, 10, 1, 2]);
    let json = |out: &std::process::Output| -> serde_json::Value {
        serde_json::from_slice(&out.stdout).expect("a JSON report")
    };

    let ok = run(dir.command().args(["compare", "-q", "nospans.jsonl"]));
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert_eq!(json(&ok)["summary"]["clusters"], 10);
    assert_eq!(json(&ok)["summary"]["documents"], 17);

    let some = run(dir
        .command()
        .args(["compare", "-q", "nospans.jsonl", "notes.txt"]));
    assert_eq!(some.status.code(), Some(1));
    assert!(
        stderr(&some).contains("councilrecs: compare: 2 of 19 input lines or records skipped"),
        "{}",
        stderr(&some)
    );
    assert_eq!(json(&some)["summary"]["clusters"], 10);
    assert_eq!(json(&some)["inputs"][1]["skipped"], 2);

    for bad in ["notes.txt", "binary.bin"] {
        let none = run(dir.command().args(["compare", bad]));
        assert_eq!(none.status.code(), Some(2), "{bad}");
        assert!(none.stdout.is_empty());
        assert!(
            stderr(&none).contains("no record could be read"),
            "{}",
            stderr(&none)
        );
    }
}
