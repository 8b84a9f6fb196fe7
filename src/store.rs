//! The local store of fetched responses: bodies content-addressed by SHA-256 under
//! `objects/<first two hex>/<sha256>`, and an SQLite index (`index.sqlite`) of
//! URL → status, validators, fetch times, body hash, media type and last error.
//!
//! Paths come only from hashes, so no URL can name a file outside the store. A body is
//! written to `tmp/` (named after the process and machine writing it), synced, then renamed
//! into place; index rows are written in transactions after their body exists. A run killed
//! at any point leaves either the old state or the new one, and the next run picks up from
//! there: opening the store removes the partial bodies of processes that are gone.
//!
//! A body is checked against its address every time it is read: one whose bytes no longer
//! hash to its name (a disk error, a hand edit, a copy cut short) is moved to `corrupt/` and
//! reported, never served.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
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
    #[error(
        "the stored body {path} does not match its SHA-256 address (its bytes hash to {actual}); \
         it was moved to {moved_to}"
    )]
    Corrupt {
        path: PathBuf,
        actual: String,
        moved_to: PathBuf,
    },
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

/// How long opening the index waits for other processes holding it.
const INDEX_WAIT: Duration = Duration::from_secs(30);

/// Opens the index, waiting while another process holds it.
///
/// Two processes opening a new store at once race to switch it to WAL and create its
/// tables; SQLite answers the loser `SQLITE_BUSY` at once for some of those steps, without
/// calling the busy handler, so the whole opening is tried again until `INDEX_WAIT` runs out.
fn open_index(path: &Path) -> Result<Connection, StoreError> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        match try_open_index(path) {
            Err(e) if is_busy(&e) && started.elapsed() < INDEX_WAIT => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(200));
            }
            other => return Ok(other?),
        }
    }
}

fn try_open_index(path: &Path) -> Result<Connection, rusqlite::Error> {
    let db = Connection::open(path)?;
    db.busy_timeout(INDEX_WAIT)?;
    db.pragma_update(None, "journal_mode", "WAL")?;
    db.pragma_update(None, "synchronous", "NORMAL")?;
    db.execute_batch(SCHEMA)?;
    Ok(db)
}

/// Whether SQLite refused because another connection holds a lock.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl Store {
    /// Opens (creating if needed) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        for sub in ["objects", "tmp"] {
            let p = dir.join(sub);
            fs::create_dir_all(&p).map_err(io_err(&p))?;
        }
        remove_stale_temps(&dir.join("tmp"));
        let db = open_index(&dir.join("index.sqlite"))?;
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

    /// Reads a stored body, checked against its address. A body whose bytes do not hash to
    /// it is moved to `corrupt/` (so that the next fetch downloads it again) and is an error.
    pub fn read(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let p = self.object_path(sha256)?;
        let bytes = fs::read(&p).map_err(io_err(&p))?;
        let actual = hex(&Sha256::digest(&bytes));
        if actual.eq_ignore_ascii_case(sha256) {
            return Ok(bytes);
        }
        let dir = self.root.join("corrupt");
        let moved_to = dir.join(format!(
            "{}-{}",
            sha256.to_ascii_lowercase(),
            std::process::id()
        ));
        let moved = fs::create_dir_all(&dir).and_then(|_| fs::rename(&p, &moved_to));
        Err(StoreError::Corrupt {
            path: p.clone(),
            actual,
            moved_to: if moved.is_ok() { moved_to } else { p },
        })
    }

    /// Starts writing a body; nothing is visible until [`Store::commit_body`]. The file is
    /// named `<pid>@<host>-<n>-<nanos>.part`, so that a later run can tell whether the
    /// process writing it is still alive.
    pub fn begin_body(&self) -> Result<BodyWriter, StoreError> {
        let name = format!(
            "{}@{}-{}-{}.part",
            std::process::id(),
            host_name(),
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
        let sha = hex(&std::mem::take(&mut w.hasher).finalize());
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

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// This machine's name, as written into the names of partial bodies (`-` when unknown, and
/// with nothing in it that would end the name early).
fn host_name() -> String {
    let u = rustix::system::uname();
    let name: String = u
        .nodename()
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() { "-".into() } else { name }
}

/// Who wrote a partial body, from its name: `<pid>@<host>-…` (or `<pid>-…`, as older
/// versions named them, always on this machine).
fn writer_of(name: &str) -> Option<(u32, Option<&str>)> {
    let head = name.strip_suffix(".part")?;
    let (first, _) = head.split_once('-')?;
    match first.split_once('@') {
        Some((pid, host)) => Some((pid.parse().ok()?, Some(host))),
        None => Some((first.parse().ok()?, None)),
    }
}

/// Whether a process of this machine is alive.
fn alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    // EPERM: alive, but another user's.
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

/// What to do with a file left in `tmp/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leftover {
    Keep,
    Remove,
}

/// A partial body is removed when its writer on this machine is gone, or — whoever wrote it —
/// when it is older than a day (a process id may be reused); one written on another machine
/// sharing the store is removed after an hour, as no download takes that long.
fn judge(
    name: &str,
    age: std::time::Duration,
    here: &str,
    is_alive: impl Fn(u32) -> bool,
) -> Leftover {
    const HOUR: u64 = 3600;
    let secs = age.as_secs();
    if secs > 24 * HOUR {
        return Leftover::Remove;
    }
    match writer_of(name) {
        Some((pid, host)) if host.is_none_or(|h| h == here) => {
            if is_alive(pid) {
                Leftover::Keep
            } else {
                Leftover::Remove
            }
        }
        _ if secs > HOUR => Leftover::Remove,
        _ => Leftover::Keep,
    }
}

/// Removes partial bodies left by killed runs: those whose process is gone at once, others
/// by age (see [`judge`]).
fn remove_stale_temps(dir: &Path) {
    let Ok(list) = fs::read_dir(dir) else { return };
    let here = host_name();
    for e in list.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let age = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .unwrap_or_default();
        if judge(&name, age, &here, alive) == Leftover::Remove {
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
    fn a_store_opened_while_others_open_and_write_it_opens() {
        // Separate connections race to switch a new index to WAL, create its tables and
        // write, as processes starting on one new store do.
        for round in 0..20 {
            let dir = temp_dir(&format!("race-{round}"));
            let opened: Vec<Result<(), String>> = std::thread::scope(|s| {
                let workers: Vec<_> = (0..8)
                    .map(|i| {
                        let dir = &dir;
                        s.spawn(move || {
                            let store = Store::open(dir).map_err(|e| e.to_string())?;
                            for n in 0..20 {
                                let url = format!("http://h/{i}/{n}");
                                store
                                    .note_error(&url, "404", "t")
                                    .map_err(|e| e.to_string())?;
                            }
                            Ok(())
                        })
                    })
                    .collect();
                workers.into_iter().map(|w| w.join().unwrap()).collect()
            });
            assert_eq!(opened, vec![Ok(()); 8], "round {round}");
            let _ = fs::remove_dir_all(&dir);
        }
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
    #[test]
    fn a_partial_body_of_a_dead_process_is_removed_at_once_and_a_live_ones_kept() {
        let dir = temp_dir("stale");
        fs::create_dir_all(dir.join("tmp")).unwrap();
        // A child that has exited: its pid is free.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let here = host_name();
        let names = [
            format!("{dead}@{here}-0-1.part"),
            format!("{}@{here}-0-2.part", std::process::id()),
            format!("{dead}-0-3.part"),
            format!("{dead}@elsewhere-0-4.part"),
            "notes.txt".to_string(),
        ];
        for n in &names {
            fs::write(dir.join("tmp").join(n), b"partial").unwrap();
        }
        drop(Store::open(&dir).unwrap());
        let mut left: Vec<String> = fs::read_dir(dir.join("tmp"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected = vec![names[1].clone(), names[3].clone(), names[4].clone()];
        expected.sort();
        assert_eq!(left, expected);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn leftovers_are_judged_by_writer_machine_and_age() {
        use std::time::Duration;
        let min = Duration::from_secs(60);
        let alive = |pid: u32| pid == 7;
        assert_eq!(judge("7@m-1-2.part", min, "m", alive), Leftover::Keep);
        assert_eq!(judge("8@m-1-2.part", min, "m", alive), Leftover::Remove);
        assert_eq!(judge("8-1-2.part", min, "m", alive), Leftover::Remove);
        assert_eq!(judge("8@other-1-2.part", min, "m", alive), Leftover::Keep);
        assert_eq!(
            judge("8@other-1-2.part", 61 * min, "m", alive),
            Leftover::Remove
        );
        assert_eq!(
            judge("7@m-1-2.part", 25 * 60 * min, "m", alive),
            Leftover::Remove
        );
        assert_eq!(judge("junk", min, "m", alive), Leftover::Keep);
        assert_eq!(judge("junk", 61 * min, "m", alive), Leftover::Remove);
        assert_eq!(writer_of("12@h.x-3-4.part"), Some((12, Some("h.x"))));
        assert_eq!(writer_of("12-3-4.part"), Some((12, None)));
        assert_eq!(writer_of("x12-3-4.part"), None);
    }

    #[test]
    fn a_body_that_no_longer_matches_its_address_is_an_error_and_set_aside() {
        let dir = temp_dir("corrupt");
        let store = Store::open(&dir).unwrap();
        let mut w = store.begin_body().unwrap();
        w.write_all(b"RESOLVED: that the report be noted.").unwrap();
        let (sha, _) = store.commit_body(w).unwrap();
        let path = store.object_path(&sha).unwrap();
        assert_eq!(
            store.read(&sha).unwrap(),
            b"RESOLVED: that the report be noted."
        );
        fs::write(&path, b"RESOLVED: that the report be rejected.").unwrap();
        let e = store.read(&sha).unwrap_err();
        let StoreError::Corrupt {
            actual, moved_to, ..
        } = &e
        else {
            panic!("not a corrupt error: {e}");
        };
        assert_eq!(
            actual,
            &hex(&Sha256::digest(b"RESOLVED: that the report be rejected."))
        );
        assert!(
            moved_to.starts_with(dir.join("corrupt")),
            "{}",
            moved_to.display()
        );
        assert!(!path.exists());
        assert_eq!(
            fs::read(moved_to).unwrap(),
            b"RESOLVED: that the report be rejected."
        );
        assert!(
            e.to_string().contains("does not match its SHA-256 address"),
            "{e}"
        );
        // Gone from its address: the index no longer offers it.
        let entry = Entry {
            url: "http://h/a".into(),
            final_url: "http://h/a".into(),
            status: 200,
            sha256: Some(sha.clone()),
            ..Default::default()
        };
        store.put(&entry).unwrap();
        assert_eq!(store.get_with_body("http://h/a").unwrap(), None);
        let _ = fs::remove_dir_all(&dir);
    }
}
