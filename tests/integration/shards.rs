//! `--shard K/N` on `extract`: the shards of the fixtures are disjoint and complete and their
//! records are those of one whole run; the README's DuckDB statements run as written over
//! the shard files and count what the records hold. The DuckDB part needs its Python package
//! (`pip install duckdb`; `.ci/run` installs it): without it that part is skipped, except in
//! CI, where it fails.

use crate::util::{Dir, bin, read_jsonl, records, run};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

const README: &str = include_str!("../../README.md");
const SHARDS: u64 = 3;

/// The SQL block of the README's shards section.
fn readme_sql() -> &'static str {
    let (_, after) = README
        .split_once("<!-- shards: duckdb -->\n```sql\n")
        .expect("the README marks its DuckDB example");
    after.split_once("```").expect("the block ends").0
}

/// Runs SQL statements with DuckDB's Python package in `dir`; the rows of each statement that
/// is a SELECT, as JSON.
fn duckdb(dir: &std::path::Path, sql: &str) -> Option<Vec<Value>> {
    const SCRIPT: &str = "import duckdb, json, sys\n\
        con = duckdb.connect()\n\
        out = []\n\
        for stmt in sys.stdin.read().split(';'):\n\
        \x20   rel = con.execute(stmt) if stmt.strip() else None\n\
        \x20   if stmt.strip().upper().startswith('SELECT'):\n\
        \x20       out.append([list(r) for r in rel.fetchall()])\n\
        print(json.dumps(out))\n";
    let has = Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("the duckdb Python package is not installed, and CI must run this test");
        }
        eprintln!("skipped: the duckdb Python package is not installed");
        return None;
    }
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(sql.as_bytes())
        .expect("write SQL");
    let out = child.wait_with_output().expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON from python");
    Some(v.as_array().expect("a list").clone())
}

/// Counts of `key` over `items`, as DuckDB's `GROUP BY … count(*)` rows, sorted.
fn counts(items: impl Iterator<Item = Vec<Value>>) -> Vec<Value> {
    let mut m: BTreeMap<String, (Vec<Value>, u64)> = BTreeMap::new();
    for k in items {
        m.entry(serde_json::to_string(&k).unwrap())
            .or_insert((k, 0))
            .1 += 1;
    }
    let mut rows: Vec<Value> = m
        .into_values()
        .map(|(mut k, n)| {
            k.push(json!(n));
            Value::Array(k)
        })
        .collect();
    rows.sort_by_key(|r| r.to_string());
    rows
}

fn sorted(rows: &Value) -> Vec<Value> {
    let mut v = rows.as_array().expect("rows").clone();
    v.sort_by_key(|r| r.to_string());
    v
}

#[test]
fn shards_are_disjoint_complete_and_read_together_in_duckdb() {
    let whole = run(bin().args(["extract", "-q", "fixtures/"]));
    let whole = records(&whole);
    assert!(whole.len() > 50, "{}", whole.len());
    let dir = Dir::new("shards");
    let mut by_shard = Vec::new();
    for k in 1..=SHARDS {
        let out = dir.path(&format!("shard-{k}.jsonl"));
        let shard = format!("{k}/{SHARDS}");
        let done = run(bin()
            .args(["extract", "-q", "fixtures/", "--shard", &shard, "--out"])
            .arg(&out));
        assert!(done.status.code().is_some_and(|c| c <= 1), "{shard}");
        assert!(!dir.path(&format!("shard-{k}.jsonl.partial")).exists());
        by_shard.push(read_jsonl(&out));
    }
    // Each shard does a fair part; together they hold every record of the whole run once,
    // each the same as in the whole run.
    let mut seen: BTreeMap<String, Value> = BTreeMap::new();
    for part in &by_shard {
        assert!(
            part.len() as u64 * SHARDS * 2 >= whole.len() as u64,
            "{}",
            part.len()
        );
        for r in part {
            let path = r["source"]["path"].as_str().expect("a path").to_string();
            assert!(
                seen.insert(path.clone(), r.clone()).is_none(),
                "{path} twice"
            );
        }
    }
    assert_eq!(seen.len(), whole.len());
    for r in &whole {
        let path = r["source"]["path"].as_str().unwrap();
        assert_eq!(seen.get(path), Some(r), "{path}");
    }

    let Some(results) = duckdb(&dir.root, readme_sql()) else {
        return;
    };
    assert_eq!(results.len(), 3, "{results:?}");
    let docs = counts(whole.iter().map(|r| vec![r["meta"]["kind"].clone()]));
    let got_docs: Vec<Value> = sorted(&results[0])
        .into_iter()
        .map(|r| json!([r[0], r[1]]))
        .collect();
    assert_eq!(got_docs, docs);
    let failed: u64 = sorted(&results[0])
        .iter()
        .map(|r| r[2].as_u64().unwrap())
        .sum();
    assert_eq!(
        failed,
        whole.iter().filter(|r| !r["error"].is_null()).count() as u64
    );
    let recs = counts(whole.iter().flat_map(|r| {
        let council = r["council"]["name"]
            .as_str()
            .unwrap_or("(unknown)")
            .to_string();
        r["recommendations"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(move |rec| vec![json!(council), rec["kind"].clone()])
    }));
    assert!(recs.len() > 5, "{recs:?}");
    assert_eq!(sorted(&results[1]), recs);
    let actions = counts(whole.iter().flat_map(|r| {
        r["actions"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|a| vec![a["status"].clone()])
    }));
    assert!(actions.len() > 2, "{actions:?}");
    assert_eq!(sorted(&results[2]), actions);
}
