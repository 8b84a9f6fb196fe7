//! One document's bytes to one output record: decode, extract, and turn any failure into a
//! record with `error` so that a batch always goes on.

use crate::decode::{self, DecodeError, Hint, Limits};
use crate::extract::{self, Input};
use crate::model::{Record, RecordError, SCHEMA_VERSION, Source};
use sha2::{Digest, Sha256};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Options that change what goes into a record.
#[derive(Debug, Clone, Copy, Default)]
pub struct RecordOptions {
    /// Include the normalised text (`text`) that spans index.
    pub emit_text: bool,
    pub limits: Limits,
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Decodes and extracts one document. Never panics: a failure (even a bug) becomes `error`.
pub fn record_from_bytes(
    bytes: &[u8],
    hint: &Hint,
    mut source: Source,
    opts: &RecordOptions,
) -> Record {
    source.sha256 = Some(sha256_hex(bytes));
    source.bytes = Some(bytes.len() as u64);
    let outcome = catch_unwind(AssertUnwindSafe(|| decode_and_extract(bytes, hint, opts)));
    let mut record = match outcome {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => {
            let mut r = empty_record();
            r.source.media_type = Some(decode::sniff(bytes, hint).media_type().to_string());
            r.error = Some(RecordError {
                kind: e.kind().to_string(),
                message: e.to_string(),
            });
            r
        }
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            let mut r = empty_record();
            r.error = Some(RecordError {
                kind: "internal".into(),
                message: format!("the extractor failed: {msg}"),
            });
            r
        }
    };
    let derived = std::mem::take(&mut record.source);
    source.media_type = derived.media_type.or(source.media_type);
    source.pages = derived.pages.or(source.pages);
    source.encoding = derived.encoding;
    record.source = source;
    record
}

/// A record for a document that could not be read at all (missing file, fetch failure).
pub fn error_record(source: Source, kind: &str, message: String) -> Record {
    let mut r = empty_record();
    r.source = source;
    r.error = Some(RecordError {
        kind: kind.to_string(),
        message,
    });
    r
}

fn empty_record() -> Record {
    Record {
        schema_version: SCHEMA_VERSION,
        ..Default::default()
    }
}

fn decode_and_extract(
    bytes: &[u8],
    hint: &Hint,
    opts: &RecordOptions,
) -> Result<Record, DecodeError> {
    let doc = decode::decode(bytes, hint, &opts.limits)?;
    let ex = extract::extract(Input {
        text: &doc.text,
        page_starts: &doc.page_starts,
        title_hint: doc.title.as_deref(),
        paged: doc.format == decode::Format::Pdf,
    });
    let mut r = empty_record();
    r.source.media_type = Some(doc.format.media_type().to_string());
    r.source.pages = doc.pages();
    r.source.encoding = doc.encoding.map(str::to_string);
    r.council = ex.council;
    r.meta = ex.meta;
    r.meetings = ex.meetings;
    r.recommendations = ex.recommendations;
    r.themes = ex.themes;
    r.actions = ex.actions;
    r.warnings = doc.warnings;
    if opts.emit_text {
        r.text = Some(doc.text);
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_becomes_an_error_record() {
        let r = record_from_bytes(
            b"",
            &Hint::default(),
            Source::default(),
            &RecordOptions::default(),
        );
        assert_eq!(r.error.as_ref().map(|e| e.kind.as_str()), Some("empty"));
        assert_eq!(r.source.bytes, Some(0));
        assert_eq!(r.schema_version, 1);
    }

    #[test]
    fn text_document_is_extracted() {
        let r = record_from_bytes(
            b"RESOLVED:\n\n1. That the report be noted.\n2. That the plan be approved.",
            &Hint::default(),
            Source {
                path: Some("a.txt".into()),
                ..Default::default()
            },
            &RecordOptions::default(),
        );
        assert!(r.error.is_none());
        let ids: Vec<_> = r
            .recommendations
            .iter()
            .map(|r| r.id.clone().unwrap_or_default())
            .collect();
        assert_eq!(ids, ["1", "2"]);
        assert_eq!(r.source.media_type.as_deref(), Some("text/plain"));
        assert_eq!(r.source.path.as_deref(), Some("a.txt"));
        assert_eq!(r.source.sha256.as_deref().map(str::len), Some(64));
    }
}
