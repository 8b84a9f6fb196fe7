//! Reading records for `compare`: JSON Lines (from `extract` or `crawl`) or one JSON array
//! (`extract --format json`), told apart by the first non-blank byte. A line or element that
//! is not a record is skipped with a note, and so is a file that is neither; a file that
//! cannot be read is an error.
//!
//! Comparing needs only the items' words, so a record whose items lost their `span`, `quote`
//! or `page` (`jq 'del(.recommendations[].span)'`) is read as if they were empty, an item
//! without its `kind` or `status` as `other` or `unknown`, and a meeting without its span too.

use crate::model::Record;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read {name}")]
    Io {
        name: String,
        #[source]
        source: std::io::Error,
    },
}

/// Records read from one input, and notes about what was skipped.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Record>,
    /// One note per line, element or file that was not a record (`a.jsonl: line 2: …`).
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
            let mut bytes = Vec::new();
            reader.read_to_end(&mut bytes).map_err(io)?;
            match serde_json::from_slice::<Vec<Value>>(&bytes) {
                Ok(values) => {
                    for (i, v) in values.into_iter().enumerate() {
                        match record(v) {
                            Ok(r) => loaded.records.push(r),
                            Err(e) => loaded
                                .skipped
                                .push(format!("{name}: element {}: {e}", i + 1)),
                        }
                    }
                }
                Err(e) => loaded
                    .skipped
                    .push(format!("{name}: not a JSON array of records: {e}")),
            }
        }
        Some(_) => {
            let mut line = Vec::new();
            let mut n = 0usize;
            loop {
                line.clear();
                if reader.read_until(b'\n', &mut line).map_err(io)? == 0 {
                    break;
                }
                n += 1;
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let parsed = serde_json::from_slice::<Value>(&line).and_then(record);
                match parsed {
                    Ok(r) => loaded.records.push(r),
                    Err(e) => loaded.skipped.push(format!("{name}: line {n}: {e}")),
                }
            }
        }
    }
    Ok(loaded)
}

/// A record from a JSON value, items without a span, quote or page read as empty ones.
fn record(mut v: Value) -> Result<Record, serde_json::Error> {
    if let Some(obj) = v.as_object_mut() {
        for list in ["recommendations", "themes", "actions", "meetings"] {
            if let Some(items) = obj.get_mut(list).and_then(Value::as_array_mut) {
                items.iter_mut().for_each(|i| fill_item(i, list));
            }
        }
    }
    serde_json::from_value(v)
}

fn fill_item(item: &mut Value, list: &str) {
    let Some(obj) = item.as_object_mut() else {
        return;
    };
    obj.entry("span").or_insert_with(|| Value::from([0, 0]));
    if list == "meetings" {
        return;
    }
    obj.entry("quote").or_insert_with(|| Value::from(""));
    obj.entry("page").or_insert(Value::Null);
    match list {
        "recommendations" => {
            obj.entry("kind").or_insert_with(|| Value::from("other"));
        }
        "actions" => {
            obj.entry("status")
                .or_insert_with(|| Value::from("unknown"));
        }
        _ => {}
    }
    if let Some(children) = obj.get_mut("children").and_then(Value::as_array_mut) {
        children.iter_mut().for_each(|c| fill_item(c, list));
    }
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
        let broken = read_records("[1,".as_bytes(), "c").unwrap();
        assert_eq!((broken.records.len(), broken.skipped.len()), (0, 1));
        assert!(broken.skipped[0].starts_with("c: not a JSON array"));
        assert_eq!(read_records("".as_bytes(), "d").unwrap().records.len(), 0);
        // Bytes that are not text are a skipped line, not a failed read.
        let l = read_records(&b"\xff\xfe\x00garbage\n"[..], "e").unwrap();
        assert_eq!((l.records.len(), l.skipped.len()), (0, 1));
    }

    #[test]
    fn items_without_span_quote_or_page_are_read() {
        let mut v = serde_json::to_value(Record::default()).unwrap();
        v["recommendations"] = serde_json::json!([
            {"id": "1", "text": "Keep the MTFS under review", "kind": "peer", "lead_in": null,
             "children": [{"id": "a", "text": "yearly", "lead_in": null}]}
        ]);
        v["actions"] = serde_json::json!([{"text": "Hire"}]);
        v["meetings"] = serde_json::json!([{"committee": "Cabinet", "date": null, "item": null}]);
        v["themes"] = serde_json::json!([{"text": "Finance", "canonical": null}]);
        let l = read_records(format!("{v}\n").as_bytes(), "f").unwrap();
        assert!(l.skipped.is_empty(), "{:?}", l.skipped);
        let r = &l.records[0];
        assert_eq!(r.recommendations[0].text, "Keep the MTFS under review");
        assert_eq!(r.recommendations[0].span, [0, 0]);
        assert_eq!(r.recommendations[0].children[0].quote, "");
        assert_eq!(
            r.recommendations[0].children[0].kind,
            crate::model::RecKind::Other
        );
        assert_eq!(r.actions[0].text, "Hire");
        assert_eq!(r.actions[0].status, crate::model::ActionStatus::Unknown);
        assert_eq!(r.meetings[0].committee.as_deref(), Some("Cabinet"));
        assert_eq!(r.themes[0].text, "Finance");
    }
}
