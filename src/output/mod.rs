//! Record writers over `io::Write`: JSON Lines (one record a line) and a JSON array, both
//! streamed so that a long run never holds more than one record; CSV tables and SQLite in
//! their own modules, and the `compare` report as HTML.
//!
//! A JSON Lines or JSON file given with `--out` is written as `FILE.partial` and renamed to
//! `FILE` when the run ends ([`Partial`]), so that a killed run never leaves a cut-off file,
//! nor destroys the previous one, under the name another tool reads.

pub mod csv;
pub mod html;
pub mod rows;
pub mod sqlite;

use crate::model::Record;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Output formats of `extract` and `crawl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON record per line.
    Jsonl,
    /// One JSON array of records.
    Json,
    /// CSV tables (documents, recommendations, themes, actions) in the folder given by
    /// `--out`; without `--out`, the recommendations table on standard output.
    Csv,
    /// A SQLite database (`--out FILE.db`), appended to without duplicates.
    Sqlite,
}

/// Writes records one at a time.
pub trait RecordWriter {
    fn write(&mut self, r: &Record) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

/// JSON Lines.
pub struct JsonLines<W: Write> {
    out: W,
}

impl<W: Write> JsonLines<W> {
    pub fn new(out: W) -> Self {
        JsonLines { out }
    }
}

impl<W: Write> RecordWriter for JsonLines<W> {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, r)?;
        self.out.write_all(b"\n")
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A JSON array, written element by element.
pub struct JsonArray<W: Write> {
    out: W,
    count: usize,
}

impl<W: Write> JsonArray<W> {
    pub fn new(out: W) -> Self {
        JsonArray { out, count: 0 }
    }
}

impl<W: Write> RecordWriter for JsonArray<W> {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        self.out
            .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        serde_json::to_writer_pretty(&mut self.out, r)?;
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out
            .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()
    }
}

/// A writer for `format` over `out`; `bom` starts CSV with a byte-order mark. SQLite needs a
/// file: use [`open`].
pub fn writer<'a, W: Write + 'a>(format: Format, out: W, bom: bool) -> Box<dyn RecordWriter + 'a> {
    match format {
        Format::Jsonl => Box::new(JsonLines::new(out)),
        Format::Json => Box::new(JsonArray::new(out)),
        Format::Csv => Box::new(csv::CsvRecommendations::new(out, bom)),
        Format::Sqlite => Box::new(NeedsFile),
    }
}

/// Why an output could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create {path}: {source}")]
    Create {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("--format sqlite needs --out FILE.db")]
    NeedsFile,
    #[error(transparent)]
    Sqlite(#[from] sqlite::SqliteError),
}

/// The writer for `format` into `out` (a file; a folder for CSV; a database for SQLite), or
/// onto standard output when there is no `out`; `bom` starts CSV files with a byte-order mark.
pub fn open(
    format: Format,
    out: Option<&Path>,
    bom: bool,
) -> Result<Box<dyn RecordWriter>, OpenError> {
    let create = |source| OpenError::Create {
        path: out.map(|p| p.display().to_string()).unwrap_or_default(),
        source,
    };
    match (format, out) {
        (Format::Sqlite, None) => Err(OpenError::NeedsFile),
        (Format::Sqlite, Some(p)) => Ok(Box::new(sqlite::SqliteWriter::open(p)?)),
        (Format::Csv, Some(p)) => Ok(Box::new(csv::CsvFolder::create(p, bom).map_err(create)?)),
        (_, Some(p)) => {
            let tmp = partial_path(p);
            let f = std::fs::File::create(&tmp).map_err(|source| OpenError::Create {
                path: tmp.display().to_string(),
                source,
            })?;
            Ok(Box::new(Partial {
                inner: writer(format, io::BufWriter::new(f), bom),
                tmp,
                dest: p.to_path_buf(),
                done: false,
            }))
        }
        (_, None) => Ok(writer(format, io::BufWriter::new(io::stdout().lock()), bom)),
    }
}

/// Where a file is written before it is complete: `FILE.partial` beside `FILE`.
pub fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    dest.with_file_name(name)
}

/// A writer into `FILE.partial` that becomes `FILE` when it finishes. Until then `FILE` is
/// what it was before the run (or absent); a run that fails leaves the partial file for
/// inspection, and the next run starts it afresh.
pub struct Partial {
    inner: Box<dyn RecordWriter>,
    tmp: PathBuf,
    dest: PathBuf,
    done: bool,
}

impl RecordWriter for Partial {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        self.inner.write(r)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.inner.finish()?;
        if !self.done {
            std::fs::rename(&self.tmp, &self.dest).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "cannot rename {} to {}: {e}",
                        self.tmp.display(),
                        self.dest.display()
                    ),
                )
            })?;
            self.done = true;
        }
        Ok(())
    }
}

/// Stands in for SQLite when there is no file to write to.
struct NeedsFile;

impl RecordWriter for NeedsFile {
    fn write(&mut self, _: &Record) -> io::Result<()> {
        Err(io::Error::other(OpenError::NeedsFile))
    }

    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_array_is_valid_json() {
        let mut buf = Vec::new();
        {
            let mut w = JsonArray::new(&mut buf);
            w.write(&Record::default()).unwrap();
            w.write(&Record::default()).unwrap();
            w.finish().unwrap();
        }
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v.as_array().map(Vec::len), Some(2));
        let mut empty = Vec::new();
        JsonArray::new(&mut empty).finish().unwrap();
        assert_eq!(empty, b"[]\n");
    }

    #[test]
    fn a_file_appears_under_its_name_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("records.jsonl");
        std::fs::write(&dest, "the previous run\n").unwrap();
        let mut w = open(Format::Jsonl, Some(&dest), false).unwrap();
        w.write(&Record::default()).unwrap();
        assert_eq!(
            std::fs::read_to_string(&dest).unwrap(),
            "the previous run\n"
        );
        assert!(dir.path().join("records.jsonl.partial").exists());
        w.finish().unwrap();
        drop(w);
        let text = std::fs::read_to_string(&dest).unwrap();
        assert_eq!(text.lines().count(), 1);
        assert!(
            text.starts_with("{\"schema_version\":0,\"source\":"),
            "{text}"
        );
        assert!(!dir.path().join("records.jsonl.partial").exists());
        assert_eq!(
            partial_path(Path::new("a/b.json")),
            Path::new("a/b.json.partial")
        );
    }

    #[test]
    fn jsonl_is_one_line_per_record() {
        let mut buf = Vec::new();
        let mut w = JsonLines::new(&mut buf);
        w.write(&Record::default()).unwrap();
        w.write(&Record::default()).unwrap();
        w.finish().unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(
            text.lines()
                .all(|l| serde_json::from_str::<Record>(l).is_ok())
        );
    }
}
