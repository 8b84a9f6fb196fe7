//! Reading records for `compare`: JSON Lines (from `extract` or `crawl`) or one JSON array
//! (`extract --format json`), told apart by the first non-blank byte. A line that is not a
//! record is skipped with a note; a file that cannot be read is an error.

use crate::model::Record;
use std::io::{BufRead, BufReader, Read};

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{name}: {source}")]
    Io {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{name}: not a JSON array of records: {source}")]
    Array {
        name: String,
        #[source]
        source: serde_json::Error,
    },
}

/// Records read from one input, and notes about what was skipped.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Record>,
    pub skipped: Vec<String>,
}

/// Reads every record from `reader`; `name` labels messages.
pub fn read_records(reader: impl Read, name: &str) -> Result<Loaded, InputError> {
    let io = |source| InputError::Io {
        name: name.to_string(),
        source,
    };
    let mut reader = BufReader::new(reader);
    let first = loop {
        let buf = reader.fill_buf().map_err(io)?;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => break Some(buf[i]),
            None if buf.is_empty() => break None,
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    };
    let mut loaded = Loaded::default();
    match first {
        None => {}
        Some(b'[') => {
            let values: Vec<serde_json::Value> =
                serde_json::from_reader(reader).map_err(|source| InputError::Array {
                    name: name.to_string(),
                    source,
                })?;
            for (i, v) in values.into_iter().enumerate() {
                match serde_json::from_value(v) {
                    Ok(r) => loaded.records.push(r),
                    Err(e) => loaded
                        .skipped
                        .push(format!("{name}: element {}: {e}", i + 1)),
                }
            }
        }
        Some(_) => {
            for (i, line) in reader.lines().enumerate() {
                let line = line.map_err(io)?;
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str(&line) {
                    Ok(r) => loaded.records.push(r),
                    Err(e) => loaded.skipped.push(format!("{name}: line {}: {e}", i + 1)),
                }
            }
        }
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_arrays_and_skips_bad_lines() {
        let rec = serde_json::to_string(&Record::default()).unwrap();
        let jsonl = format!("{rec}\nnot json\n\n{rec}\n");
        let l = read_records(jsonl.as_bytes(), "a").unwrap();
        assert_eq!((l.records.len(), l.skipped.len()), (2, 1));
        assert!(l.skipped[0].starts_with("a: line 2:"));
        let array = format!("  \n[{rec}, {{\"x\": 1}}]");
        let l = read_records(array.as_bytes(), "b").unwrap();
        assert_eq!((l.records.len(), l.skipped.len()), (1, 1));
        assert!(read_records("[1,".as_bytes(), "c").is_err());
        assert_eq!(read_records("".as_bytes(), "d").unwrap().records.len(), 0);
    }
}
