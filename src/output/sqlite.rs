//! SQLite output, ready for Datasette and `sqlite3`: the four tables of the CSV output with
//! integer primary keys, foreign keys to `documents`, and FTS5 indexes on recommendation and
//! action text (`recommendations_fts`, `actions_fts`, kept in step by triggers).
//!
//! Writing appends. A document is keyed by its sha256 and location (`doc_key`); a record whose
//! key is already stored with the same content is skipped, and one whose content changed
//! (a newer extractor) replaces the stored rows. So importing the same records twice adds
//! nothing. Work is committed in batches, so a killed run keeps what it wrote.

use super::RecordWriter;
use super::rows::{self, Cell};
use crate::model::{Record, document_key, sha256_hex};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, ToSql};
use std::io;
use std::path::Path;

/// The layout version, stored as `PRAGMA user_version`.
const LAYOUT: i64 = 1;

/// Records per transaction.
const BATCH: usize = 500;

#[derive(Debug, thiserror::Error)]
pub enum SqliteError {
    #[error("{path}: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{0}: has tables but is not a councilrecs database")]
    Foreign(String),
    #[error("{0}: written by a newer councilrecs (layout {1}, this build writes {LAYOUT})")]
    Newer(String, i64),
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
}

impl From<SqliteError> for io::Error {
    fn from(e: SqliteError) -> Self {
        io::Error::other(e)
    }
}

impl ToSql for Cell {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Cell::Null => ValueRef::Null,
            Cell::Int(n) => ValueRef::Integer(*n),
            Cell::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS documents (
    doc_id INTEGER PRIMARY KEY,
    doc_key TEXT NOT NULL UNIQUE,
    record_sha256 TEXT NOT NULL,
    sha256 TEXT, path TEXT, url TEXT, media_type TEXT, fetched_at TEXT, pages INTEGER,
    bytes INTEGER, encoding TEXT, council_code TEXT, council_name TEXT, title TEXT, kind TEXT,
    committee TEXT, date TEXT, item TEXT, recommendations INTEGER, themes INTEGER,
    actions INTEGER, warnings TEXT, error_kind TEXT, error_message TEXT, schema_version INTEGER
);
CREATE INDEX IF NOT EXISTS documents_council ON documents(council_code, date);
CREATE TABLE IF NOT EXISTS recommendations (
    rec_id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    parent INTEGER,
    id TEXT, kind TEXT, text TEXT NOT NULL, lead_in TEXT, meeting_committee TEXT,
    meeting_date TEXT, span_start INTEGER, span_end INTEGER, page INTEGER, quote TEXT,
    UNIQUE (doc_id, position),
    FOREIGN KEY (doc_id, parent) REFERENCES recommendations(doc_id, position) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS themes (
    theme_id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL, canonical TEXT, span_start INTEGER, span_end INTEGER, page INTEGER,
    quote TEXT,
    UNIQUE (doc_id, position)
);
CREATE TABLE IF NOT EXISTS actions (
    action_id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL, status TEXT, status_text TEXT, span_start INTEGER, span_end INTEGER,
    page INTEGER, quote TEXT,
    UNIQUE (doc_id, position)
);
CREATE VIRTUAL TABLE IF NOT EXISTS recommendations_fts USING fts5(
    text, content='recommendations', content_rowid='rec_id', tokenize='porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS recommendations_ai AFTER INSERT ON recommendations BEGIN
    INSERT INTO recommendations_fts(rowid, text) VALUES (new.rec_id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS recommendations_ad AFTER DELETE ON recommendations BEGIN
    INSERT INTO recommendations_fts(recommendations_fts, rowid, text)
        VALUES ('delete', old.rec_id, old.text);
END;
CREATE TRIGGER IF NOT EXISTS recommendations_au AFTER UPDATE ON recommendations BEGIN
    INSERT INTO recommendations_fts(recommendations_fts, rowid, text)
        VALUES ('delete', old.rec_id, old.text);
    INSERT INTO recommendations_fts(rowid, text) VALUES (new.rec_id, new.text);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS actions_fts USING fts5(
    text, content='actions', content_rowid='action_id', tokenize='porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS actions_ai AFTER INSERT ON actions BEGIN
    INSERT INTO actions_fts(rowid, text) VALUES (new.action_id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS actions_ad AFTER DELETE ON actions BEGIN
    INSERT INTO actions_fts(actions_fts, rowid, text) VALUES ('delete', old.action_id, old.text);
END;
CREATE TRIGGER IF NOT EXISTS actions_au AFTER UPDATE ON actions BEGIN
    INSERT INTO actions_fts(actions_fts, rowid, text) VALUES ('delete', old.action_id, old.text);
    INSERT INTO actions_fts(rowid, text) VALUES (new.action_id, new.text);
END;
"#;

/// What happened to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    Added,
    Unchanged,
    Replaced,
}

/// Counts of a writer's work so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub added: usize,
    pub unchanged: usize,
    pub replaced: usize,
}

/// Appends records to a SQLite database file.
pub struct SqliteWriter {
    conn: Connection,
    pending: usize,
    pub tally: Tally,
}

impl SqliteWriter {
    /// Opens (or creates) the database and its tables.
    pub fn open(path: &Path) -> Result<Self, SqliteError> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| SqliteError::Open {
            path: name.clone(),
            source,
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > LAYOUT {
            return Err(SqliteError::Newer(name, version));
        }
        if version == 0 {
            let tables: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(SqliteError::Foreign(name));
            }
        }
        conn.execute_batch(SCHEMA)?;
        conn.pragma_update(None, "user_version", LAYOUT)?;
        conn.execute_batch("BEGIN")?;
        Ok(SqliteWriter {
            conn,
            pending: 0,
            tally: Tally::default(),
        })
    }

    /// Stores one record unless the same content is already there.
    pub fn store(&mut self, r: &Record) -> Result<Stored, SqliteError> {
        let key = document_key(r);
        let content = sha256_hex(&serde_json::to_vec(r).unwrap_or_default());
        let existing: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT doc_id, record_sha256 FROM documents WHERE doc_key = ?1",
                [&key],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let outcome = match &existing {
            Some((_, old)) if *old == content => return Ok(self.count(Stored::Unchanged)),
            Some((id, _)) => {
                self.conn
                    .execute("DELETE FROM documents WHERE doc_id = ?1", [id])?;
                Stored::Replaced
            }
            None => Stored::Added,
        };
        let mut doc = rows::document_row(r);
        doc.insert(1, Cell::Text(content));
        let cols = ["doc_key", "record_sha256"]
            .iter()
            .chain(&rows::DOCUMENT_COLUMNS[1..])
            .copied()
            .collect::<Vec<_>>();
        self.conn.execute(
            &insert_sql("documents", &cols),
            rusqlite::params_from_iter(doc.iter()),
        )?;
        let doc_id = self.conn.last_insert_rowid();
        for (table, columns, rows) in [
            (
                "recommendations",
                rows::RECOMMENDATION_COLUMNS,
                rows::recommendation_rows(r),
            ),
            ("themes", rows::THEME_COLUMNS, rows::theme_rows(r)),
            ("actions", rows::ACTION_COLUMNS, rows::action_rows(r)),
        ] {
            let cols: Vec<&str> = std::iter::once("doc_id")
                .chain(columns.iter().copied())
                .collect();
            let mut stmt = self.conn.prepare_cached(&insert_sql(table, &cols))?;
            for row in rows {
                let id = Cell::Int(doc_id);
                stmt.execute(rusqlite::params_from_iter(
                    std::iter::once(&id).chain(row.iter()),
                ))?;
            }
        }
        Ok(self.count(outcome))
    }

    fn count(&mut self, s: Stored) -> Stored {
        match s {
            Stored::Added => self.tally.added += 1,
            Stored::Unchanged => self.tally.unchanged += 1,
            Stored::Replaced => self.tally.replaced += 1,
        }
        s
    }

    fn commit(&mut self) -> Result<(), SqliteError> {
        self.conn.execute_batch("COMMIT; BEGIN")?;
        self.pending = 0;
        Ok(())
    }
}

fn insert_sql(table: &str, cols: &[&str]) -> String {
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        cols.join(", "),
        marks.join(", ")
    )
}

impl RecordWriter for SqliteWriter {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        self.store(r)?;
        self.pending += 1;
        if self.pending >= BATCH {
            self.commit()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.conn
            .execute_batch("COMMIT")
            .map_err(SqliteError::from)?;
        Ok(())
    }
}
