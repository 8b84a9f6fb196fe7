//! Every command in a pipe whose reader goes away (`| head -1`): it ends with exit code 0 and
//! says nothing on standard error, whether the reader closes before the first byte or after
//! the first line. (`fetch` and `crawl` are tried against the test server in
//! `tests/network/`.)

use crate::util::{Dir, bin, with_early_close};
use std::process::Command;

/// The commands to try, each with output larger than a pipe holds.
fn commands(dir: &Dir) -> Vec<(&'static str, Command)> {
    let mut out = Vec::new();
    let mut add = |name: &'static str, args: &[&str]| {
        let mut c = bin();
        c.args(args);
        out.push((name, c));
    };
    add("extract", &["extract", "-j", "2", "fixtures/"]);
    add(
        "extract json",
        &["extract", "--format", "json", "fixtures/"],
    );
    add("extract csv", &["extract", "--format", "csv", "fixtures/"]);
    add(
        "compare json",
        &[
            "compare",
            "tests/data/multi-council.jsonl",
            "--council-from",
            "dir",
        ],
    );
    add(
        "compare html",
        &[
            "compare",
            "tests/data/multi-council.jsonl",
            "--council-from",
            "dir",
            "--format",
            "html",
        ],
    );
    add(
        "compare csv",
        &[
            "compare",
            "tests/data/multi-council.jsonl",
            "--council-from",
            "dir",
            "--format",
            "csv",
            "--table",
            "documents",
        ],
    );
    add("councils", &["councils"]);
    add("councils jsonl", &["councils", "--format", "jsonl"]);
    add("schema", &["schema"]);
    add("completions", &["completions", "bash"]);
    add("man", &["man"]);
    add("help", &["--help"]);
    // One big document, its text in its record.
    let big = dir.create(
        "big.txt",
        "RESOLVED:\n\n1. That the plan be approved.\n\n".repeat(4000),
    );
    let mut c = bin();
    c.args(["extract", "--emit-text"]).arg(big);
    out.push(("extract big", c));
    out
}

#[test]
fn a_reader_that_closes_at_once_ends_every_command_quietly() {
    let dir = Dir::new("pipe-at-once");
    for (name, mut cmd) in commands(&dir) {
        let (code, err) = with_early_close(&mut cmd, 0);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert_eq!(err, "", "{name}");
    }
}

#[test]
fn a_reader_that_takes_one_line_ends_every_command_quietly() {
    let dir = Dir::new("pipe-one-line");
    for (name, mut cmd) in commands(&dir) {
        let (code, err) = with_early_close(&mut cmd, 16);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert_eq!(err, "", "{name}");
    }
}

/// The same through a real shell pipe into `head -1`, as a user types it.
#[test]
fn head_dash_one_after_each_command() {
    let dir = Dir::new("pipe-head");
    let err = dir.path("stderr.txt");
    for args in [
        "extract fixtures/",
        "extract --format csv fixtures/",
        "compare tests/data/multi-council.jsonl --council-from dir --format html",
        "councils",
        "schema",
        "completions zsh",
        "man",
    ] {
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -o pipefail; \"$0\" {args} 2>\"$1\" | head -1 >/dev/null"
            ))
            .arg(env!("CARGO_BIN_EXE_councilrecs"))
            .arg(&err)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("bash");
        let said = std::fs::read_to_string(&err).unwrap_or_default();
        assert_eq!(out.status.code(), Some(0), "{args}: {said}");
        assert_eq!(said, "", "{args}");
    }
}
