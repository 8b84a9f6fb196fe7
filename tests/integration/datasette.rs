//! The SQLite output as Datasette and sqlite-utils see it: both find the full-text indexes, and
//! Datasette's `?_search=` answers only the matching rows. Needs `datasette` and
//! `sqlite-utils` (`pip install datasette sqlite-utils`; `.ci/run` installs them): without
//! them the test is skipped, except in CI, where it fails.

use crate::util::{Dir, bin, tool};
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A Datasette server, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// GETs `path` from 127.0.0.1:`port` and returns the body (HTTP/1.0, no keep-alive).
fn get(port: u16, path: &str) -> Option<String> {
    use std::io::Write;
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    let (head, body) = text.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.1 200").then(|| body.to_string())
}

#[test]
fn datasette_searches_the_full_text_index() {
    let (Some(datasette), Some(sqlite_utils)) = (tool(&["datasette"]), tool(&["sqlite-utils"]))
    else {
        return;
    };
    let dir = Dir::new("datasette");
    let db = dir.path("recs.db");
    let out = bin()
        .args(["extract", "-q", "fixtures/", "--format", "sqlite", "-o"])
        .arg(&db)
        .output()
        .expect("extract");
    assert!(out.status.code().is_some_and(|c| c <= 1));

    // sqlite-utils names the index of each table.
    for (table, fts) in [
        ("recommendations", "recommendations_fts"),
        ("actions", "actions_fts"),
    ] {
        let py = format!(
            "import sqlite_utils; print(sqlite_utils.Database('{}')['{table}'].detect_fts())",
            db.display()
        );
        let python = sqlite_utils.with_file_name("python3");
        let python = if python.is_file() {
            python
        } else {
            "python3".into()
        };
        let found = Command::new(python)
            .args(["-c", &py])
            .output()
            .expect("python");
        assert_eq!(
            String::from_utf8_lossy(&found.stdout).trim(),
            fts,
            "{}",
            String::from_utf8_lossy(&found.stderr)
        );
    }

    let port = free_port();
    let _server = Server(
        Command::new(&datasette)
            .arg("serve")
            .arg(&db)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start datasette"),
    );
    let started = Instant::now();
    let all = loop {
        if let Some(body) = get(port, "/recs/recommendations.json?_shape=array&_size=max") {
            break body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "datasette did not start"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    let all: Vec<serde_json::Value> = serde_json::from_str(&all).expect("rows");
    let found: Vec<serde_json::Value> = serde_json::from_str(
        &get(
            port,
            "/recs/recommendations.json?_search=financial&_shape=array&_size=max",
        )
        .expect("search"),
    )
    .expect("rows");
    // The word forms porter stemming folds into "financial" (not "finance").
    let matching = all
        .iter()
        .filter(|r| {
            r["text"]
                .as_str()
                .is_some_and(|t| t.to_lowercase().contains("financial"))
        })
        .count();
    assert!(matching > 0 && matching < all.len());
    assert_eq!(found.len(), matching, "only the matching rows");
    assert!(found.iter().all(|r| {
        r["text"]
            .as_str()
            .unwrap_or("")
            .to_lowercase()
            .contains("financ")
    }));
    // Facet columns are plain values of every row.
    assert!(
        all.iter()
            .all(|r| r.get("council_code").is_some() && r.get("date").is_some())
    );
    assert!(all.iter().any(|r| r["procedural"] == 1));
    // The table page has a search box.
    let page = get(port, "/recs/recommendations").expect("table page");
    assert!(page.contains("name=\"_search\""), "no search box");
    let facets = get(port, "/recs/themes.json?_facet=framework").expect("facet");
    let v: serde_json::Value = serde_json::from_str(&facets).expect("facets");
    // Datasette 0.x puts facets under their name; 1.x under `results`.
    let f = &v["facet_results"];
    let framework = if f["framework"].is_object() {
        &f["framework"]
    } else {
        &f["results"]["framework"]
    };
    let values: Vec<&str> = framework["results"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["value"].as_str()).collect())
        .unwrap_or_default();
    assert!(values.contains(&"cpc"), "{facets}");
}
