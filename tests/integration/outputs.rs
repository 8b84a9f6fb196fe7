//! The tabular outputs of `extract`: CSV tables in a folder and a SQLite database with keys and
//! FTS5 indexes, appended to without duplicates. The database is a real file.

use crate::util::{Dir, bin};
use councilrecs::model::Record;
use councilrecs::output::RecordWriter;
use councilrecs::output::sqlite::{SqliteWriter, Stored};
use rusqlite::Connection;
use std::path::Path;

/// Records of the fixtures, as `extract fixtures/` writes them.
fn fixture_records() -> Vec<Record> {
    let out = bin()
        .args(["extract", "-j", "2", "fixtures/"])
        .output()
        .expect("run extract");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect()
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .expect("open")
        .query_row(sql, [], |r| r.get(0))
        .expect(sql)
}

fn items(records: &[Record]) -> (i64, i64, i64) {
    fn recs(r: &[councilrecs::model::Recommendation]) -> i64 {
        r.iter().map(|x| 1 + recs(&x.children)).sum()
    }
    (
        records.iter().map(|r| recs(&r.recommendations)).sum(),
        records.iter().map(|r| r.themes.len() as i64).sum(),
        records.iter().map(|r| r.actions.len() as i64).sum(),
    )
}

#[test]
fn sqlite_import_twice_adds_nothing_and_fts_finds_text() {
    let records = fixture_records();
    let (n_recs, n_themes, n_actions) = items(&records);
    let dir = Dir::new("sqlite-twice");
    let db = dir.path("twice.db");
    for _ in 0..2 {
        let status = bin()
            .args(["extract", "fixtures/", "--format", "sqlite", "--out"])
            .arg(&db)
            .status()
            .expect("run");
        assert!(status.code().is_some_and(|c| c <= 1));
        assert_eq!(
            count(&db, "select count(*) from documents"),
            records.len() as i64
        );
        assert_eq!(count(&db, "select count(*) from recommendations"), n_recs);
        assert_eq!(count(&db, "select count(*) from themes"), n_themes);
        assert_eq!(count(&db, "select count(*) from actions"), n_actions);
    }
    // Every word form the porter tokenizer folds into "financial", in every row: the
    // recommendations and their sub-items.
    fn with_word(r: &[councilrecs::model::Recommendation], word: &str) -> i64 {
        r.iter()
            .map(|x| i64::from(x.text.to_lowercase().contains(word)) + with_word(&x.children, word))
            .sum()
    }
    let with_financial: i64 = records
        .iter()
        .map(|r| with_word(&r.recommendations, "financial"))
        .sum();
    assert!(with_financial > 0);
    assert_eq!(
        count(
            &db,
            "select count(*) from recommendations_fts where recommendations_fts match 'financial'"
        ),
        with_financial
    );
    assert!(
        count(
            &db,
            "select count(*) from actions_fts where actions_fts match 'workforce'"
        ) >= 1
    );
    assert_eq!(
        count(&db, "select count(*) from pragma_foreign_key_check"),
        0
    );
    assert_eq!(
        count(
            &db,
            "select count(*) from recommendations r join documents d using (doc_id) where d.doc_key is null"
        ),
        0
    );
    // Sub-items point at their parent item in the same document.
    assert_eq!(
        count(
            &db,
            "select count(*) from recommendations c where parent is not null and not exists \
                    (select 1 from recommendations p where p.doc_id = c.doc_id and p.position = c.parent)"
        ),
        0
    );
    assert!(
        count(
            &db,
            "select count(*) from recommendations where parent is not null"
        ) > 0
    );
}

#[test]
fn sqlite_replaces_a_changed_record_and_keeps_fts_in_step() {
    let mut records = fixture_records();
    let dir = Dir::new("sqlite-replace");
    let db = dir.path("replace.db");
    let mut w = SqliteWriter::open(&db).expect("open");
    for r in &records {
        assert_eq!(w.store(r).expect("store"), Stored::Added);
    }
    w.finish().expect("commit");
    drop(w);
    let before = count(&db, "select count(*) from recommendations");

    let target = records
        .iter_mut()
        .find(|r| !r.recommendations.is_empty())
        .expect("a record");
    target.recommendations[0].text = "Adopt a zanzibarian procurement pilot".into();
    let mut w = SqliteWriter::open(&db).expect("reopen");
    let mut outcomes = Vec::new();
    for r in &records {
        outcomes.push(w.store(r).expect("store"));
    }
    w.finish().expect("commit");
    assert_eq!(
        outcomes.iter().filter(|o| **o == Stored::Replaced).count(),
        1
    );
    assert_eq!(
        outcomes.iter().filter(|o| **o == Stored::Unchanged).count(),
        records.len() - 1
    );
    assert_eq!(count(&db, "select count(*) from recommendations"), before);
    assert_eq!(
        count(&db, "select count(*) from documents"),
        records.len() as i64
    );
    assert_eq!(
        count(
            &db,
            "select count(*) from recommendations_fts where recommendations_fts match 'zanzibarian'"
        ),
        1
    );
    // A database that is not ours is refused rather than written into.
    let foreign = dir.path("foreign.db");
    Connection::open(&foreign)
        .expect("open")
        .execute_batch("create table t(x)")
        .expect("create");
    assert!(SqliteWriter::open(&foreign).is_err());
}

#[test]
fn csv_folder_has_flat_tables_with_the_document_key() {
    let records = fixture_records();
    let (n_recs, n_themes, n_actions) = items(&records);
    let tmp = Dir::new("csv-tables");
    let dir = tmp.path("csv");
    let status = bin()
        .args(["extract", "fixtures/", "--format", "csv", "--out"])
        .arg(&dir)
        .status()
        .expect("run");
    assert!(status.code().is_some_and(|c| c <= 1));
    let read = |name: &str| -> (csv::StringRecord, Vec<csv::StringRecord>) {
        let mut r = csv::Reader::from_path(dir.join(format!("{name}.csv"))).expect(name);
        let h = r.headers().expect("headers").clone();
        (h, r.records().map(|x| x.expect("row")).collect())
    };
    let (dh, docs) = read("documents");
    assert_eq!(dh.get(0), Some("doc_key"));
    assert_eq!(docs.len(), records.len());
    let keys: std::collections::HashSet<&str> =
        docs.iter().map(|d| d.get(0).unwrap_or("")).collect();
    assert_eq!(keys.len(), records.len());
    for (name, n) in [
        ("recommendations", n_recs),
        ("themes", n_themes),
        ("actions", n_actions),
    ] {
        let (h, rows) = read(name);
        assert_eq!(
            (h.get(0), h.get(1)),
            (Some("doc_sha256"), Some("doc_source")),
            "{name}"
        );
        assert_eq!(h.get(h.len() - 1), Some("doc_key"), "{name}");
        assert_eq!(rows.len() as i64, n, "{name}");
        for r in &rows {
            let key = r.get(r.len() - 1).unwrap_or("");
            assert!(keys.contains(key), "{name}: {key}");
            assert_eq!(key, format!("{}|{}", &r[0], &r[1]), "{name}");
            assert_eq!(r[0].len(), 64, "{name}");
        }
    }
    let (ah, actions) = read("actions");
    let status = ah
        .iter()
        .position(|h| h == "status")
        .expect("status column");
    assert!(actions.iter().any(|a| a.get(status) == Some("in_progress")));
    let (th, themes) = read("themes");
    let framework = th.iter().position(|h| h == "framework").expect("framework");
    assert!(themes.iter().any(|t| t.get(framework) == Some("cpc")));
    let (rh, recs) = read("recommendations");
    let procedural = rh
        .iter()
        .position(|h| h == "procedural")
        .expect("procedural");
    assert!(recs.iter().any(|r| r.get(procedural) == Some("true")));
    assert!(recs.iter().any(|r| r.get(procedural) == Some("false")));
    // Without --out the recommendations table goes to standard output.
    let out = bin()
        .args(["extract", "fixtures/", "--format", "csv"])
        .output()
        .expect("run");
    let rows = csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .count() as i64;
    assert_eq!(rows, n_recs);
    // SQLite needs a file.
    let no_file = bin()
        .args(["extract", "fixtures/", "--format", "sqlite"])
        .output()
        .expect("run");
    assert_eq!(no_file.status.code(), Some(2));
}

/// A database written by the first layout (FTS declared with `content='table'`, no facet
/// columns) is brought up to date when opened: columns added and filled, the indexes declared
/// as Datasette and sqlite-utils look for them and rebuilt, and writing goes on.
#[test]
fn sqlite_of_the_first_layout_is_migrated() {
    let dir = Dir::new("sqlite-migrate");
    let db = dir.path("old.db");
    let conn = Connection::open(&db).expect("open");
    conn.execute_batch(
        r#"
        CREATE TABLE documents (doc_id INTEGER PRIMARY KEY, doc_key TEXT NOT NULL UNIQUE,
            record_sha256 TEXT NOT NULL, sha256 TEXT, path TEXT, url TEXT, media_type TEXT,
            fetched_at TEXT, pages INTEGER, bytes INTEGER, encoding TEXT, council_code TEXT,
            council_name TEXT, title TEXT, kind TEXT, committee TEXT, date TEXT, item TEXT,
            recommendations INTEGER, themes INTEGER, actions INTEGER, warnings TEXT,
            error_kind TEXT, error_message TEXT, schema_version INTEGER);
        CREATE TABLE recommendations (rec_id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            position INTEGER NOT NULL, parent INTEGER, id TEXT, kind TEXT, text TEXT NOT NULL,
            lead_in TEXT, meeting_committee TEXT, meeting_date TEXT, span_start INTEGER,
            span_end INTEGER, page INTEGER, quote TEXT, UNIQUE (doc_id, position));
        CREATE TABLE themes (theme_id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            position INTEGER NOT NULL, text TEXT NOT NULL, canonical TEXT, span_start INTEGER,
            span_end INTEGER, page INTEGER, quote TEXT, UNIQUE (doc_id, position));
        CREATE TABLE actions (action_id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            position INTEGER NOT NULL, text TEXT NOT NULL, status TEXT, status_text TEXT,
            span_start INTEGER, span_end INTEGER, page INTEGER, quote TEXT,
            UNIQUE (doc_id, position));
        CREATE VIRTUAL TABLE recommendations_fts USING fts5(
            text, content='recommendations', content_rowid='rec_id', tokenize='porter unicode61');
        CREATE TRIGGER recommendations_ai AFTER INSERT ON recommendations BEGIN
            INSERT INTO recommendations_fts(rowid, text) VALUES (new.rec_id, new.text); END;
        CREATE VIRTUAL TABLE actions_fts USING fts5(
            text, content='actions', content_rowid='action_id', tokenize='porter unicode61');
        INSERT INTO documents (doc_id, doc_key, record_sha256, council_code, council_name, date)
            VALUES (1, 'x|old.txt', 'old', 'ROT', 'Rotherham', '2023-05-01');
        INSERT INTO recommendations (doc_id, position, kind, text)
            VALUES (1, 1, 'peer', 'Refresh the medium term financial strategy');
        PRAGMA user_version = 1;
        "#,
    )
    .expect("the first layout");
    drop(conn);

    let records = fixture_records();
    let mut w = SqliteWriter::open(&db).expect("migrated");
    for r in &records {
        w.store(r).expect("store");
    }
    w.finish().expect("commit");
    drop(w);
    let conn = Connection::open(&db).expect("open");
    let sql: String = conn
        .query_row(
            "select sql from sqlite_master where name = 'recommendations_fts'",
            [],
            |r| r.get(0),
        )
        .expect("fts");
    assert!(sql.contains(r#"content="recommendations""#), "{sql}");
    assert_eq!(count(&db, "pragma user_version"), 2);
    // The old row was filled from its document and is found by the rebuilt index.
    let (code, date): (String, String) = conn
        .query_row(
            "select council_code, date from recommendations where doc_id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("old row");
    assert_eq!((code.as_str(), date.as_str()), ("ROT", "2023-05-01"));
    assert_eq!(
        count(
            &db,
            "select count(*) from recommendations_fts where recommendations_fts match 'medium' and rowid in (select rec_id from recommendations where doc_id = 1)"
        ),
        1
    );
    // New rows carry the new columns.
    assert!(count(&db, "select count(*) from themes where framework = 'cpc'") > 0);
    assert!(
        count(
            &db,
            "select count(*) from recommendations where procedural = 1"
        ) > 0
    );
    assert_eq!(
        count(
            &db,
            "select count(*) from recommendations where council_code is null and doc_id > 1"
        ),
        count(
            &db,
            "select count(*) from recommendations r join documents d using (doc_id) where d.council_code is null and doc_id > 1"
        )
    );
}
