//! The local store of fetched responses: bodies content-addressed by SHA-256 under
//! `objects/<first two hex>/<sha256>`, and an SQLite index (`index.sqlite`) of
//! URL → status, validators, fetch times, body hash, media type and last error.
//!
//! Paths come only from hashes, so no URL can name a file outside the store. A body is
//! written to `tmp/`, synced, then renamed into place; index rows are written in
//! transactions after their body exists. A run killed at any point leaves either the old
//! state or the new one, and the next run picks up from there.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use thiserror::Error;

/// Why the store could not be read or written.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("store index: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("not a SHA-256 hash: {0:?}")]
    BadHash(String),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What the index knows about one URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub url: String,
    /// Where the body finally came from, after redirects.
    pub final_url: String,
    pub status: u16,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The server's `Date` header, used for `If-Modified-Since` when there is no
    /// `Last-Modified`.
    pub server_date: Option<String>,
    /// When the stored body was downloaded (RFC 3339).
    pub fetched_at: Option<String>,
    /// When the URL was last asked about, whatever the answer.
    pub checked_at: Option<String>,
    pub sha256: Option<String>,
    pub media_type: Option<String>,
    pub size: Option<u64>,
    /// The last failure, cleared by the next success.
    pub error: Option<String>,
}

/// The store: a folder with bodies and an index.
pub struct Store {
    root: PathBuf,
    db: Mutex<Connection>,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS responses (
    url TEXT PRIMARY KEY,
    final_url TEXT NOT NULL,
    status INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    server_date TEXT,
    fetched_at TEXT,
    checked_at TEXT,
    sha256 TEXT,
    media_type TEXT,
    size INTEGER,
    error TEXT
);
CREATE TABLE IF NOT EXISTS moved (
    from_origin TEXT PRIMARY KEY,
    to_origin TEXT NOT NULL,
    noted_at TEXT
);";

impl Store {
    /// Opens (creating if needed) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        for sub in ["objects", "tmp"] {
            let p = dir.join(sub);
            fs::create_dir_all(&p).map_err(io_err(&p))?;
        }
        remove_stale_temps(&dir.join("tmp"));
        let db_path = dir.join("index.sqlite");
        let db = Connection::open(&db_path)?;
        db.busy_timeout(std::time::Duration::from_secs(30))?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "NORMAL")?;
        db.execute_batch(SCHEMA)?;
        Ok(Store {
            root: dir.to_path_buf(),
            db: Mutex::new(db),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic elsewhere while holding the lock leaves the connection usable.
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The index entry for a URL.
    pub fn get(&self, url: &str) -> Result<Option<Entry>, StoreError> {
        let db = self.db();
        let mut stmt = db.prepare_cached(
            "SELECT url, final_url, status, etag, last_modified, server_date, fetched_at,
                    checked_at, sha256, media_type, size, error
             FROM responses WHERE url = ?1",
        )?;
        Ok(stmt
            .query_row([url], |r| {
                Ok(Entry {
                    url: r.get(0)?,
                    final_url: r.get(1)?,
                    status: r.get(2)?,
                    etag: r.get(3)?,
                    last_modified: r.get(4)?,
                    server_date: r.get(5)?,
                    fetched_at: r.get(6)?,
                    checked_at: r.get(7)?,
                    sha256: r.get(8)?,
                    media_type: r.get(9)?,
                    size: r.get::<_, Option<i64>>(10)?.map(|s| s.max(0) as u64),
                    error: r.get(11)?,
                })
            })
            .optional()?)
    }

    /// The entry for a URL whose body is present in the store.
    pub fn get_with_body(&self, url: &str) -> Result<Option<Entry>, StoreError> {
        Ok(self.get(url)?.filter(|e| {
            e.sha256
                .as_deref()
                .and_then(|h| self.object_path(h).ok())
                .is_some_and(|p| p.is_file())
        }))
    }

    /// Writes an entry, replacing what the index had for its URL.
    pub fn put(&self, e: &Entry) -> Result<(), StoreError> {
        let mut db = self.db();
        let tx = db.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO responses
             (url, final_url, status, etag, last_modified, server_date, fetched_at, checked_at,
              sha256, media_type, size, error)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                e.url,
                e.final_url,
                e.status,
                e.etag,
                e.last_modified,
                e.server_date,
                e.fetched_at,
                e.checked_at,
                e.sha256,
                e.media_type,
                e.size.map(|s| s as i64),
                e.error
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Notes a failure for a URL, keeping any body stored before.
    pub fn note_error(&self, url: &str, error: &str, checked_at: &str) -> Result<(), StoreError> {
        let mut db = self.db();
        let tx = db.transaction()?;
        let updated = tx.execute(
            "UPDATE responses SET error = ?2, checked_at = ?3 WHERE url = ?1",
            params![url, error, checked_at],
        )?;
        if updated == 0 {
            tx.execute(
                "INSERT INTO responses (url, final_url, status, checked_at, error)
                 VALUES (?1, ?1, 0, ?2, ?3)",
                params![url, checked_at, error],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Origins that answered with a permanent redirect to the same path on another origin
    /// (`http://h` → `https://h`), as (from, to).
    pub fn moved_origins(&self) -> Result<Vec<(String, String)>, StoreError> {
        let db = self.db();
        let mut stmt =
            db.prepare("SELECT from_origin, to_origin FROM moved ORDER BY from_origin")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Notes that `from` has moved to `to` (and forgets any move the other way).
    pub fn note_moved(&self, from: &str, to: &str, at: &str) -> Result<(), StoreError> {
        let mut db = self.db();
        let tx = db.transaction()?;
        tx.execute("DELETE FROM moved WHERE from_origin = ?1", params![to])?;
        tx.execute(
            "INSERT OR REPLACE INTO moved (from_origin, to_origin, noted_at) VALUES (?1, ?2, ?3)",
            params![from, to, at],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Where the body with this hash lives (whether or not it exists).
    pub fn object_path(&self, sha256: &str) -> Result<PathBuf, StoreError> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::BadHash(sha256.to_string()));
        }
        let lower = sha256.to_ascii_lowercase();
        Ok(self.root.join("objects").join(&lower[..2]).join(lower))
    }

    /// Reads a stored body.
    pub fn read(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let p = self.object_path(sha256)?;
        fs::read(&p).map_err(io_err(&p))
    }

    /// Starts writing a body; nothing is visible until [`Store::commit_body`].
    pub fn begin_body(&self) -> Result<BodyWriter, StoreError> {
        let name = format!(
            "{}-{}-{}.part",
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        );
        let path = self.root.join("tmp").join(name);
        let file = File::create(&path).map_err(io_err(&path))?;
        Ok(BodyWriter {
            file: Some(file),
            path,
            hasher: Sha256::new(),
            size: 0,
        })
    }

    /// Syncs a written body and moves it to its content address; returns its hash and size.
    pub fn commit_body(&self, mut w: BodyWriter) -> Result<(String, u64), StoreError> {
        let file = w.file.take();
        if let Some(f) = file {
            f.sync_all().map_err(io_err(&w.path))?;
        }
        let digest = std::mem::take(&mut w.hasher).finalize();
        let sha: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let target = self.object_path(&sha)?;
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io_err(dir))?;
        }
        if target.is_file() {
            let _ = fs::remove_file(&w.path);
        } else {
            fs::rename(&w.path, &target).map_err(io_err(&target))?;
        }
        w.path = PathBuf::new();
        Ok((sha, w.size))
    }

    /// Every URL in the index with its entry, sorted by URL.
    pub fn entries(&self) -> Result<Vec<Entry>, StoreError> {
        let urls: Vec<String> = {
            let db = self.db();
            let mut stmt = db.prepare("SELECT url FROM responses ORDER BY url")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        Ok(urls
            .iter()
            .filter_map(|u| self.get(u).ok().flatten())
            .collect())
    }
}

/// A body being written into the store's `tmp/`; removed if dropped before commit.
pub struct BodyWriter {
    file: Option<File>,
    path: PathBuf,
    hasher: Sha256,
    size: u64,
}

impl BodyWriter {
    pub fn size(&self) -> u64 {
        self.size
    }
}

impl Write for BodyWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let f = self
            .file
            .as_mut()
            .ok_or_else(|| io::Error::other("body already committed"))?;
        let n = f.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), |f| f.flush())
    }
}

impl Drop for BodyWriter {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            self.file.take();
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Removes partial bodies left by killed runs (older than an hour, so that a run sharing the
/// store at the same time keeps its own).
fn remove_stale_temps(dir: &Path) {
    let Ok(list) = fs::read_dir(dir) else { return };
    for e in list.flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 3600);
        if old {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// The store used when `--store` is not given: `$COUNCILRECS_STORE`, else
/// `$XDG_CACHE_HOME/councilrecs`, else `~/.cache/councilrecs`, else `./councilrecs-store`.
pub fn default_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("COUNCILRECS_STORE").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    if let Some(p) = std::env::var_os("XDG_CACHE_HOME").filter(|p| !p.is_empty()) {
        return PathBuf::from(p).join("councilrecs");
    }
    if let Some(h) = std::env::var_os("HOME").filter(|p| !p.is_empty()) {
        return PathBuf::from(h).join(".cache").join("councilrecs");
    }
    PathBuf::from("councilrecs-store")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("councilrecs-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn bodies_are_content_addressed_and_indexed() {
        let dir = temp_dir("basic");
        let store = Store::open(&dir).unwrap();
        let mut w = store.begin_body().unwrap();
        w.write_all(b"hello").unwrap();
        let (sha, size) = store.commit_body(w).unwrap();
        assert_eq!(
            sha,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert_eq!(size, 5);
        assert_eq!(store.read(&sha).unwrap(), b"hello");
        assert!(fs::read_dir(dir.join("tmp")).unwrap().next().is_none());
        let e = Entry {
            url: "http://h/a".into(),
            final_url: "http://h/a".into(),
            status: 200,
            etag: Some("\"x\"".into()),
            sha256: Some(sha.clone()),
            ..Default::default()
        };
        store.put(&e).unwrap();
        drop(store);
        let store = Store::open(&dir).unwrap();
        assert_eq!(store.get_with_body("http://h/a").unwrap(), Some(e));
        store.note_error("http://h/a", "timeout", "t").unwrap();
        let after = store.get("http://h/a").unwrap().unwrap();
        assert_eq!(after.sha256.as_deref(), Some(sha.as_str()));
        assert_eq!(after.error.as_deref(), Some("timeout"));
        store.note_error("http://h/b", "404", "t").unwrap();
        assert_eq!(store.get_with_body("http://h/b").unwrap(), None);
        assert!(matches!(
            store.object_path("../../etc/passwd"),
            Err(StoreError::BadHash(_))
        ));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn dropped_writer_leaves_nothing() {
        let dir = temp_dir("drop");
        let store = Store::open(&dir).unwrap();
        let mut w = store.begin_body().unwrap();
        w.write_all(b"partial").unwrap();
        drop(w);
        assert!(fs::read_dir(dir.join("tmp")).unwrap().next().is_none());
        let _ = fs::remove_dir_all(&dir);
    }
}
