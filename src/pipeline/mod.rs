//! The one road from a document's bytes to its record, for every command.
//!
//! [`read`] sniffs the format once, reads the document — in this process ([`in_process`]; when
//! the configuration asks for isolation, on a reader thread under the time limit), or in a
//! child process under a time and memory limit ([`isolate`] is the parent's side and decides
//! where each document is read, [`pool`] the long-lived children it hands documents to,
//! [`worker`] the child's side, [`protocol`] what passes between them) — builds the record's
//! `source` once, and adds what is known from outside the text ([`DocInfo`]). [`read_file`] does the same for a file on disk; [`failed`] gives the record of
//! a document that could not be had at all. A batch always goes on: every failure, even a bug
//! in a reader, becomes a record with `error`.

pub mod file;
pub mod in_process;
pub mod info;
pub mod isolate;
pub mod pool;
pub mod protocol;
pub mod stats;
pub mod worker;

pub use file::read_file;
pub use info::{DocInfo, Facts};

use crate::config::Config;
use crate::decode::{self, Hint};
use crate::model::{
    Action, Council, Meeting, Meta, Recommendation, Record, RecordError, SCHEMA_VERSION, Theme,
    sha256_hex,
};
use serde::{Deserialize, Serialize};

/// What reading a document works out from its bytes, or why it could not be read.
pub type Reading = Result<Content, RecordError>;

/// Everything of a record that comes from the document's own bytes, except what `source`
/// says about the bytes themselves.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Content {
    pub pages: Option<u32>,
    pub encoding: Option<String>,
    pub council: Option<Council>,
    pub meta: Meta,
    pub meetings: Vec<Meeting>,
    pub recommendations: Vec<Recommendation>,
    pub themes: Vec<Theme>,
    pub actions: Vec<Action>,
    pub warnings: Vec<String>,
    /// The normalised text, when the record is to carry it.
    pub text: Option<String>,
}

/// The record of one document. Never panics: a failure (even a bug) becomes `error`.
pub fn read(bytes: &[u8], info: &DocInfo, config: &Config) -> Record {
    let name = info.name();
    let hint = Hint {
        name: name.as_deref(),
        content_type: info.content_type.as_deref(),
    };
    let started = std::time::Instant::now();
    let format = decode::sniff(bytes, &hint);
    let max_bytes = config.record.limits.max_bytes;
    let in_process = || in_process::read(bytes, format, &hint, &config.record, &config.tools);
    let reading = match &config.isolation {
        Some(iso) => match isolate::route(format, bytes.len(), max_bytes, iso) {
            isolate::Route::Child => isolate::read(bytes, format, &hint, config, iso),
            // Readers given up on still running here: the next small documents go to a
            // child, so that they cannot pile up in this process.
            isolate::Route::Here if in_process::abandoned_running() >= iso.workers => {
                isolate::read(bytes, format, &hint, config, iso)
            }
            isolate::Route::Here => in_process::read_within(
                bytes,
                format,
                &hint,
                &config.record,
                &config.tools,
                iso.timeout,
            ),
            isolate::Route::Refused => in_process(),
        },
        None => in_process(),
    };
    stats::add(stats::Stage::Reading, started);
    let mut source = info.source();
    source.sha256 = Some(sha256_hex(bytes));
    source.media_type = Some(format.media_type().to_string());
    source.bytes = Some(bytes.len() as u64);
    let mut record = match reading {
        Ok(c) => {
            source.pages = c.pages;
            source.encoding = c.encoding;
            Record {
                schema_version: SCHEMA_VERSION,
                source,
                council: c.council,
                meta: c.meta.into(),
                meetings: c.meetings,
                recommendations: c.recommendations,
                themes: c.themes,
                actions: c.actions,
                warnings: c.warnings,
                error: None,
                text: c.text,
            }
        }
        Err(e) => error_record(source, e),
    };
    info.complete(&mut record);
    record
}

/// An error of `kind`.
fn record_error(kind: &str, message: String) -> RecordError {
    RecordError {
        kind: kind.to_string(),
        message,
    }
}

/// A reading that failed with an error of `kind`.
fn reading_error(kind: &str, message: String) -> Reading {
    Err(record_error(kind, message))
}

/// A reading stopped at `--doc-timeout`; `ending` says what became of it (`it was stopped`).
fn over_time(limit: std::time::Duration, ending: &str) -> Reading {
    let secs = limit.as_secs_f64();
    let message =
        format!("reading the document took longer than {secs} s (--doc-timeout); {ending}");
    reading_error("timeout", message)
}

/// The record of a document that could not be had at all (a missing file, a failed fetch).
pub fn failed(info: &DocInfo, kind: &str, message: String) -> Record {
    let mut record = error_record(info.source(), record_error(kind, message));
    info.complete(&mut record);
    record
}

fn error_record(source: crate::model::Source, error: RecordError) -> Record {
    Record {
        schema_version: SCHEMA_VERSION,
        source,
        error: Some(error),
        ..Record::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_becomes_an_error_record() {
        let r = read(b"", &DocInfo::default(), &Config::default());
        assert_eq!(r.error.as_ref().map(|e| e.kind.as_str()), Some("empty"));
        assert_eq!(r.source.bytes, Some(0));
        assert_eq!(r.source.media_type.as_deref(), Some("text/plain"));
        assert_eq!(r.schema_version, 1);
    }

    #[test]
    fn text_document_is_extracted() {
        let r = read(
            b"RESOLVED:\n\n1. That the report be noted.\n2. That the plan be approved.",
            &DocInfo::file("a.txt"),
            &Config::default(),
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
        assert_eq!(r.source.encoding.as_deref(), Some("UTF-8"));
    }

    #[test]
    fn html_where_a_pdf_was_linked_is_read_and_noted() {
        let info = DocInfo {
            content_type: Some("text/html; charset=utf-8".into()),
            ..DocInfo::url("http://h/documents/s1/Report.pdf")
        };
        let r = read(
            b"<html><body><p>RESOLVED:</p><ol><li>That the plan be approved.</li></ol></body></html>",
            &info,
            &Config::default(),
        );
        assert!(r.error.is_none());
        assert_eq!(r.source.media_type.as_deref(), Some("text/html"));
        assert_eq!(
            r.source.url.as_deref(),
            Some("http://h/documents/s1/Report.pdf")
        );
        assert_eq!(
            r.warnings,
            ["linked as a PDF but the server sent HTML (text/html; charset=utf-8)"]
        );
    }

    #[test]
    fn a_document_not_had_keeps_where_it_came_from_and_the_crawl_facts() {
        let info = DocInfo {
            facts: Facts {
                committee: Some("Cabinet".into()),
                ..Facts::default()
            },
            council: Some(Council {
                code: Some("ROT".into()),
                name: "Rotherham".into(),
            }),
            ..DocInfo::url("http://h/x.pdf")
        };
        let r = failed(&info, "network", "refused".into());
        assert_eq!(r.source.url.as_deref(), Some("http://h/x.pdf"));
        assert_eq!(r.source.sha256, None);
        assert_eq!(r.error.as_ref().map(|e| e.kind.as_str()), Some("network"));
        assert_eq!(r.meta.committee.as_deref(), Some("Cabinet"));
        assert_eq!(r.council.map(|c| c.name).as_deref(), Some("Rotherham"));
        assert!(r.warnings.is_empty());
    }
}
