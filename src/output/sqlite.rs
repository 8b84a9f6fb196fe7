//! SQLite output, ready for Datasette, sqlite-utils and `sqlite3`: the four tables of the CSV
//! output with integer primary keys, foreign keys to `documents`, and FTS5 indexes on
//! recommendation and action text (`recommendations_fts`, `actions_fts`, kept in step by
//! triggers). The indexes name their table as `content="recommendations"`, the form Datasette
//! and sqlite-utils look for, so their search box and `?_search=` work. Item rows carry the
//! council, the date (ISO text), kind, status and framework as plain columns, for facets.
//!
//! A database of the first layout is brought up to date when opened: missing columns are
//! added (and filled from `documents`), and full-text indexes declared the old way are
//! rebuilt.
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
const LAYOUT: i64 = 2;

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
            Cell::Bool(b) => ValueRef::Integer(i64::from(*b)),
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
    council_code TEXT, council_name TEXT, date TEXT,
    id TEXT, kind TEXT, procedural INTEGER, text TEXT NOT NULL, lead_in TEXT, meeting_committee TEXT,
    meeting_date TEXT, span_start INTEGER, span_end INTEGER, page INTEGER, quote TEXT,
    UNIQUE (doc_id, position),
    FOREIGN KEY (doc_id, parent) REFERENCES recommendations(doc_id, position) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS themes (
    theme_id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    council_code TEXT, council_name TEXT, date TEXT,
    text TEXT NOT NULL, canonical TEXT, framework TEXT, span_start INTEGER, span_end INTEGER, page INTEGER,
    quote TEXT,
    UNIQUE (doc_id, position)
);
CREATE TABLE IF NOT EXISTS actions (
    action_id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    council_code TEXT, council_name TEXT, date TEXT,
    text TEXT NOT NULL, status TEXT, status_text TEXT, span_start INTEGER, span_end INTEGER,
    page INTEGER, quote TEXT,
    UNIQUE (doc_id, position)
);
CREATE VIRTUAL TABLE IF NOT EXISTS recommendations_fts USING fts5(
    text, content="recommendations", content_rowid="rec_id", tokenize='porter unicode61'
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
    text, content="actions", content_rowid="action_id", tokenize='porter unicode61'
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
        if version == 1 {
            migrate_from_1(&conn)?;
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

/// Columns added since the first layout, per table, with their SQL types.
const ADDED: &[(&str, &str, &str)] = &[
    ("recommendations", "council_code", "TEXT"),
    ("recommendations", "council_name", "TEXT"),
    ("recommendations", "date", "TEXT"),
    ("recommendations", "procedural", "INTEGER"),
    ("themes", "council_code", "TEXT"),
    ("themes", "council_name", "TEXT"),
    ("themes", "date", "TEXT"),
    ("themes", "framework", "TEXT"),
    ("actions", "council_code", "TEXT"),
    ("actions", "council_name", "TEXT"),
    ("actions", "date", "TEXT"),
];

/// Brings a database of the first layout up to date, in one transaction: adds the missing
/// columns (council and date filled from `documents`; `procedural` and `framework` stay null
/// until a record is written again) and drops full-text indexes declared with
/// `content='table'`, which [`SCHEMA`] then creates again and which are rebuilt from their
/// tables.
fn migrate_from_1(conn: &Connection) -> Result<(), SqliteError> {
    conn.execute_batch("BEGIN")?;
    let result = (|| -> Result<(), SqliteError> {
        for (table, column, kind) in ADDED {
            if !has_column(conn, table, column)? {
                conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {kind}"))?;
            }
        }
        for table in ["recommendations", "themes", "actions"] {
            conn.execute_batch(&format!(
                "UPDATE {table} SET
                    council_code = (SELECT d.council_code FROM documents d WHERE d.doc_id = {table}.doc_id),
                    council_name = (SELECT d.council_name FROM documents d WHERE d.doc_id = {table}.doc_id),
                    date = (SELECT d.date FROM documents d WHERE d.doc_id = {table}.doc_id)
                 WHERE council_code IS NULL AND council_name IS NULL AND date IS NULL"
            ))?;
        }
        conn.execute_batch(
            "UPDATE recommendations SET date = meeting_date WHERE meeting_date IS NOT NULL",
        )?;
        let mut rebuild = Vec::new();
        for (fts, table) in [
            ("recommendations_fts", "recommendations"),
            ("actions_fts", "actions"),
        ] {
            let sql: Option<String> = conn
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE name = ?1",
                    [fts],
                    |r| r.get(0),
                )
                .optional()?;
            if sql.is_some_and(|s| !s.contains(&format!("content=\"{table}\""))) {
                conn.execute_batch(&format!("DROP TABLE {fts}"))?;
                rebuild.push(fts);
            }
        }
        conn.execute_batch(SCHEMA)?;
        for fts in rebuild {
            conn.execute_batch(&format!("INSERT INTO {fts}({fts}) VALUES ('rebuild')"))?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(conn.execute_batch("COMMIT")?),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn has_column(conn: &Connection, table: &str, column: &str) -> Result<bool, SqliteError> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(1))?;
    for name in names {
        if name? == column {
            return Ok(true);
        }
    }
    Ok(false)
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
