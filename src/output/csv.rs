//! CSV outputs. For `extract` and `crawl`: four flat tables (documents, recommendations,
//! themes, actions), one row per item with the document key, written to a folder, or the
//! recommendations table alone to standard output. For `compare`: any list of named tables.

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

fn with_key(key: &str, row: Vec<Cell>) -> Vec<String> {
    std::iter::once(key.to_string()).chain(texts(row)).collect()
}

fn headers(columns: &[&str], keyed: bool) -> Vec<String> {
    keyed
        .then_some("doc_key")
        .into_iter()
        .chain(columns.iter().copied())
        .map(str::to_string)
        .collect()
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
    pub fn create(dir: &Path) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let open = |name: &str, cols: &[&str], keyed: bool| -> io::Result<_> {
            let f = File::create(dir.join(format!("{name}.csv")))?;
            let mut w = csv::Writer::from_writer(BufWriter::new(f));
            w.write_record(headers(cols, keyed))?;
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
        let key = document_key(r);
        self.documents.write_record(texts(rows::document_row(r)))?;
        for row in rows::recommendation_rows(r) {
            self.recommendations.write_record(with_key(&key, row))?;
        }
        for row in rows::theme_rows(r) {
            self.themes.write_record(with_key(&key, row))?;
        }
        for row in rows::action_rows(r) {
            self.actions.write_record(with_key(&key, row))?;
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
    started: bool,
}

impl<W: Write> CsvRecommendations<W> {
    pub fn new(out: W) -> Self {
        CsvRecommendations {
            out: csv::Writer::from_writer(out),
            started: false,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            self.out
                .write_record(headers(rows::RECOMMENDATION_COLUMNS, true))?;
        }
        Ok(())
    }
}

impl<W: Write> RecordWriter for CsvRecommendations<W> {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        self.start()?;
        let key = document_key(r);
        for row in rows::recommendation_rows(r) {
            self.out.write_record(with_key(&key, row))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.start()?;
        self.out.flush()
    }
}

/// Writes one table (header and rows) as CSV.
pub fn write_table<W: Write>(
    out: W,
    headers: &[&str],
    table_rows: &[Vec<String>],
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
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
        let mut w = CsvFolder::create(&dir).unwrap();
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
        assert_eq!(&recs[1][0], "ab|a.txt");
        assert_eq!((&recs[1][1], &recs[1][2], &recs[1][3]), ("2", "1", "a"));
        let actions = read("actions");
        assert_eq!(
            (&actions[0][2], &actions[0][3]),
            ("Hire, \"quickly\"", "in_progress")
        );
        assert_eq!(read("documents").len(), 1);
        assert_eq!(read("themes").len(), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stdout_table_has_a_header_even_when_empty() {
        let mut buf = Vec::new();
        CsvRecommendations::new(&mut buf).finish().unwrap();
        assert!(
            String::from_utf8(buf)
                .unwrap()
                .starts_with("doc_key,position,parent,id,")
        );
    }
}
