//! The parent's side of isolation: reads one document in a child process, so that a decoder
//! that crashes, overflows its stack, loops or eats memory costs that document only, never the
//! batch.
//!
//! The child is one of a few long-lived processes ([`super::pool`]) running this same program
//! as `councilrecs isolated-record` ([`super::worker`]): it gets a [`Request`] line and the
//! document's bytes on standard input and prints its [`super::protocol::Reply`] as one line.
//! Its address space is capped and its CPU time limited (`prlimit`), and it is killed with its
//! whole process group (the child and any converter it started) when the time limit passes. A
//! child that dies or is killed gives a reading whose error kind is `timeout`, `out_of_memory`
//! or `crashed`, and the next document gets a fresh child.

use super::Reading;
use super::pool::{self, Outcome};
use super::protocol::{Reply, Request, VERSION};
use crate::config::{Config, Isolation};
use crate::decode::{Format, Hint};
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;

/// The name of the hidden subcommand the child runs.
pub const SUBCOMMAND: &str = "isolated-record";

/// Where a document is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// In a child process, under `--doc-timeout` and `--doc-memory`: every PDF and Word file
    /// (parsers of binary containers, and external converters), and text and HTML longer than
    /// [`Isolation::small_text`].
    Child,
    /// In this process, on a thread of its own, under `--doc-timeout`: text and HTML of at
    /// most [`Isolation::small_text`] bytes, whose reading takes milliseconds.
    Here,
    /// In this process at once: what no reader takes (binary data, a zip archive, a document
    /// over the size limit) is refused without reading it.
    Refused,
}

/// Where a document of `format` and `len` bytes is read, when no document may be over
/// `max_bytes`.
pub fn route(format: Format, len: usize, max_bytes: usize, iso: &Isolation) -> Route {
    if len > max_bytes {
        return Route::Refused;
    }
    match format {
        Format::Pdf | Format::Docx | Format::Doc => Route::Child,
        Format::Zip | Format::Binary => Route::Refused,
        Format::Html | Format::Xml | Format::Text | Format::Markdown if len > iso.small_text => {
            Route::Child
        }
        Format::Html | Format::Xml | Format::Text | Format::Markdown => Route::Here,
    }
}

/// Reads one document of a sniffed `format` in a child process under `iso`'s limits.
pub fn read(
    bytes: &[u8],
    format: Format,
    hint: &Hint,
    config: &Config,
    iso: &Isolation,
) -> Reading {
    let request = Request::new(bytes, format, hint, &config.record, &config.tools);
    let mut line = match serde_json::to_vec(&request) {
        Ok(l) => l,
        Err(e) => return failed("internal", format!("cannot write the request: {e}")),
    };
    line.push(b'\n');
    let cpu = iso.timeout.as_secs().saturating_add(5);
    let max_reply = bytes.len().saturating_mul(16).saturating_add(64 << 20);
    let pool = pool::pool(iso, config.registry.as_deref());
    match pool.read(&line, bytes, iso.workers, iso.timeout, cpu, max_reply) {
        Outcome::Reply(out) => match serde_json::from_slice::<Reply>(&out) {
            Ok(reply) if reply.version != VERSION => {
                let message = format!("the reader is councilrecs {}, not {VERSION}", reply.version);
                failed("internal", message)
            }
            Ok(reply) => reply.reading,
            Err(e) => failed(
                "crashed",
                format!("the reader failed on this document (its answer cannot be read: {e})"),
            ),
        },
        Outcome::NotStarted(message) => failed("internal", message),
        Outcome::TimedOut => super::over_time(iso.timeout, "it was stopped"),
        Outcome::TooLong(max) => failed(
            "crashed",
            format!("the reader failed on this document (it printed more than {max} bytes)"),
        ),
        Outcome::Ended { status, stderr } => ended(status, &stderr, cpu, iso),
    }
}

fn failed(kind: &str, message: String) -> Reading {
    super::reading_error(kind, message)
}

/// The error of a child that ended without answering, from how it ended and what it printed.
fn ended(status: Option<ExitStatus>, stderr: &str, cpu: u64, iso: &Isolation) -> Reading {
    if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
        return failed(
            "out_of_memory",
            format!(
                "reading the document needed more than {} MiB (--doc-memory); it was stopped",
                iso.memory >> 20
            ),
        );
    }
    let why = match status.map(|s| (s, s.signal())) {
        Some((_, Some(24))) => {
            return failed(
                "timeout",
                format!("reading the document used more than {cpu} s of CPU time; it was stopped"),
            );
        }
        Some((_, Some(_))) if stderr.contains("overflowed its stack") => {
            "its stack overflowed".to_string()
        }
        Some((_, Some(sig))) => format!("it was killed by signal {sig}"),
        Some((status, None)) => format!("it exited with {status}"),
        None => "it could not be waited for".to_string(),
    };
    let detail = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(|l| format!(": {}", l.trim()))
        .unwrap_or_default();
    failed(
        "crashed",
        format!("the reader failed on this document ({why}){detail}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn each_kind_of_document_is_read_where_its_limits_hold() {
        let iso = Isolation {
            exe: "councilrecs".into(),
            timeout: Duration::from_secs(60),
            memory: 1 << 30,
            workers: 1,
            small_text: 100,
        };
        let max = 1000;
        let at = |format, len| route(format, len, max, &iso);
        assert_eq!(at(Format::Pdf, 10), Route::Child);
        assert_eq!(at(Format::Docx, 10), Route::Child);
        assert_eq!(at(Format::Doc, 10), Route::Child);
        assert_eq!(at(Format::Html, 100), Route::Here);
        assert_eq!(at(Format::Text, 101), Route::Child);
        assert_eq!(at(Format::Markdown, 0), Route::Here);
        assert_eq!(at(Format::Xml, 500), Route::Child);
        assert_eq!(at(Format::Zip, 10), Route::Refused);
        assert_eq!(at(Format::Binary, 10), Route::Refused);
        // Over the size limit nothing is read, in a child or here.
        assert_eq!(at(Format::Pdf, 1001), Route::Refused);
        assert_eq!(at(Format::Text, 1001), Route::Refused);
    }
}
