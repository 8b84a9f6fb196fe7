//! CSV outputs. For `extract` and `crawl`: four flat tables (documents, recommendations,
//! themes, actions), one row per item, written to a folder, or the recommendations table alone
//! to standard output. Each item row starts with its document's `doc_sha256` and `doc_source`
//! (URL, else path) and ends with `doc_key`, the `documents` table's key, for joins. For
//! `compare`: any list of named tables.
//!
//! With `bom`, every file starts with a UTF-8 byte-order mark, which spreadsheets (Excel on
//! Windows) need to read `£` and curly quotes as UTF-8.

use super::RecordWriter;
use super::rows::{self, Cell};
use crate::model::{Record, document_key};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// The tables of a record folder, in order, with their file names.
pub const RECORD_TABLES: [&str; 4] = ["documents", "recommendations", "themes", "actions"];

fn texts(cells: Vec<Cell>) -> Vec<String> {
    cells.iter().map(Cell::to_text).collect()
}

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How an item row names its document: sha256 and source first, the joined key last.
struct DocCols {
    sha256: String,
    source: String,
    key: String,
}

impl DocCols {
    fn of(r: &Record) -> Self {
        let s = &r.source;
        DocCols {
            sha256: s.sha256.clone().unwrap_or_default(),
            source: s.url.clone().or_else(|| s.path.clone()).unwrap_or_default(),
            key: document_key(r),
        }
    }

    fn row(&self, row: Vec<Cell>) -> Vec<String> {
        [self.sha256.clone(), self.source.clone()]
            .into_iter()
            .chain(texts(row))
            .chain(std::iter::once(self.key.clone()))
            .collect()
    }
}

fn headers(columns: &[&str], item: bool) -> Vec<String> {
    let (first, last): (&[&str], &[&str]) = if item {
        (&["doc_sha256", "doc_source"], &["doc_key"])
    } else {
        (&[], &[])
    };
    first
        .iter()
        .chain(columns)
        .chain(last)
        .map(|c| c.to_string())
        .collect()
}

/// A CSV writer over `out`, after a byte-order mark when `bom`.
fn csv_writer<W: Write>(mut out: W, bom: bool) -> io::Result<csv::Writer<W>> {
    if bom {
        out.write_all(BOM)?;
    }
    Ok(csv::Writer::from_writer(out))
}

/// All four tables, one file each, in a folder.
pub struct CsvFolder {
    documents: csv::Writer<BufWriter<File>>,
    recommendations: csv::Writer<BufWriter<File>>,
    themes: csv::Writer<BufWriter<File>>,
    actions: csv::Writer<BufWriter<File>>,
}

impl CsvFolder {
    /// Creates the folder (if needed) and the four files in it, replacing earlier ones.
    pub fn create(dir: &Path, bom: bool) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let open = |name: &str, cols: &[&str], item: bool| -> io::Result<_> {
            let f = File::create(dir.join(format!("{name}.csv")))?;
            let mut w = csv_writer(BufWriter::new(f), bom)?;
            w.write_record(headers(cols, item))?;
            Ok(w)
        };
        Ok(CsvFolder {
            documents: open("documents", rows::DOCUMENT_COLUMNS, false)?,
            recommendations: open("recommendations", rows::RECOMMENDATION_COLUMNS, true)?,
            themes: open("themes", rows::THEME_COLUMNS, true)?,
            actions: open("actions", rows::ACTION_COLUMNS, true)?,
        })
    }
}

impl RecordWriter for CsvFolder {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        let doc = DocCols::of(r);
        self.documents.write_record(texts(rows::document_row(r)))?;
        for row in rows::recommendation_rows(r) {
            self.recommendations.write_record(doc.row(row))?;
        }
        for row in rows::theme_rows(r) {
            self.themes.write_record(doc.row(row))?;
        }
        for row in rows::action_rows(r) {
            self.actions.write_record(doc.row(row))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.documents.flush()?;
        self.recommendations.flush()?;
        self.themes.flush()?;
        self.actions.flush()
    }
}

/// The recommendations table alone, on any writer (standard output).
pub struct CsvRecommendations<W: Write> {
    out: csv::Writer<W>,
    bom: bool,
    started: bool,
}

impl<W: Write> CsvRecommendations<W> {
    pub fn new(out: W, bom: bool) -> Self {
        CsvRecommendations {
            out: csv::Writer::from_writer(out),
            bom,
            started: false,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            let mut names = headers(rows::RECOMMENDATION_COLUMNS, true);
            if self.bom {
                // The mark goes before the first byte, which is the first header's.
                names[0].insert(0, '\u{feff}');
            }
            self.out.write_record(names)?;
        }
        Ok(())
    }
}

impl<W: Write> RecordWriter for CsvRecommendations<W> {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        self.start()?;
        let doc = DocCols::of(r);
        for row in rows::recommendation_rows(r) {
            self.out.write_record(doc.row(row))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.start()?;
        self.out.flush()
    }
}

/// Writes one table (header and rows) as CSV, after a byte-order mark when `bom`.
pub fn write_table<W: Write>(
    out: W,
    headers: &[&str],
    table_rows: &[Vec<String>],
    bom: bool,
) -> io::Result<()> {
    let mut w = csv_writer(out, bom)?;
    w.write_record(headers)?;
    for row in table_rows {
        w.write_record(row)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, ActionStatus, Recommendation, Source};

    fn record() -> Record {
        Record {
            source: Source {
                path: Some("a.txt".into()),
                sha256: Some("ab".into()),
                ..Default::default()
            },
            recommendations: vec![Recommendation {
                id: Some("1".into()),
                text: "Approve the plan, subject to: a) costs".into(),
                children: vec![Recommendation {
                    id: Some("a".into()),
                    text: "costs".into(),
                    ..Default::default()
                }],
                ..Default::default()
            }],
            actions: vec![Action {
                text: "Hire, \"quickly\"".into(),
                status: ActionStatus::InProgress,
                status_text: None,
                span: [0, 1],
                page: None,
                quote: "x".into(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn folder_has_four_tables_keyed_by_document() {
        let dir = std::env::temp_dir().join(format!("councilrecs-csv-{}", std::process::id()));
        let mut w = CsvFolder::create(&dir, false).unwrap();
        w.write(&record()).unwrap();
        w.finish().unwrap();
        let read = |n: &str| -> Vec<csv::StringRecord> {
            csv::Reader::from_path(dir.join(format!("{n}.csv")))
                .unwrap()
                .records()
                .map(Result::unwrap)
                .collect()
        };
        let recs = read("recommendations");
        assert_eq!(recs.len(), 2);
        assert_eq!((&recs[1][0], &recs[1][1]), ("ab", "a.txt"));
        assert_eq!(&recs[1][recs[1].len() - 1], "ab|a.txt");
        assert_eq!((&recs[1][2], &recs[1][3], &recs[1][7]), ("2", "1", "a"));
        assert_eq!((&recs[0][9], &recs[1][9]), ("false", "false"));
        let actions = read("actions");
        assert_eq!(
            (&actions[0][6], &actions[0][7]),
            ("Hire, \"quickly\"", "in_progress")
        );
        assert_eq!(read("documents").len(), 1);
        assert_eq!(read("themes").len(), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stdout_table_has_a_header_even_when_empty() {
        let mut buf = Vec::new();
        CsvRecommendations::new(&mut buf, false).finish().unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(
            text.starts_with("doc_sha256,doc_source,position,parent,council_code,"),
            "{text}"
        );
        assert!(text.ends_with(",quote,doc_key\n"), "{text}");
    }

    #[test]
    fn a_bom_starts_each_file_once() {
        let mut buf = Vec::new();
        {
            let mut w = CsvRecommendations::new(&mut buf, true);
            w.write(&record()).unwrap();
            w.write(&record()).unwrap();
            w.finish().unwrap();
        }
        assert!(buf.starts_with(b"\xEF\xBB\xBFdoc_sha256,"));
        assert_eq!(buf.windows(3).filter(|w| *w == BOM).count(), 1);
        let mut table = Vec::new();
        write_table(&mut table, &["a"], &[vec!["£5 ’".into()]], true).unwrap();
        assert_eq!(table, "\u{feff}a\n£5 ’\n".as_bytes());
    }
}
