//! Record writers over `io::Write`: JSON Lines (one record a line) and a JSON array, both
//! streamed so that a long run never holds more than one record.

use crate::model::Record;
use std::io::{self, Write};

/// Output formats of `extract` and `crawl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON record per line.
    Jsonl,
    /// One JSON array of records.
    Json,
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

/// A writer for `format` over `out`.
pub fn writer<'a, W: Write + 'a>(format: Format, out: W) -> Box<dyn RecordWriter + 'a> {
    match format {
        Format::Jsonl => Box::new(JsonLines::new(out)),
        Format::Json => Box::new(JsonArray::new(out)),
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
