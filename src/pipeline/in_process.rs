//! Reading a document in this process: decode, then extract. A decoder's error, or a panic
//! anywhere in the readers, becomes the reading's error, so that one document never stops a
//! batch; [`read_within`] also holds the reading to a deadline.

use super::{Content, Reading};
use crate::config::RecordConfig;
use crate::decode::{self, Converters, Format, Hint};
use crate::extract::{self, Input};
use crate::model::RecordError;
use crate::tools::Tools;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// Readings given up on at their deadline so far (their threads may still be running).
static ABANDONED: AtomicU64 = AtomicU64::new(0);

/// Readers given up on whose reading has not ended yet.
static ABANDONED_RUNNING: AtomicUsize = AtomicUsize::new(0);

/// How many readings in this process were given up on at their deadline.
pub fn abandoned() -> u64 {
    ABANDONED.load(Ordering::Relaxed)
}

/// How many readings given up on are still running in this process. The pipeline sends small
/// documents to a child instead while there are as many as threads that read, so that a
/// shape of document that never ends cannot take over this process's cores.
pub fn abandoned_running() -> usize {
    ABANDONED_RUNNING.load(Ordering::Relaxed)
}

/// Reads as [`read`] does, on a reader thread, and gives up waiting after `timeout`: the
/// document's record then says `timeout`, and the batch goes on at once.
///
/// Each thread that calls this keeps one reader thread for document after document (a thread
/// started per document made a batch of small pages half as slow again). A thread
/// cannot be stopped from outside, so a reading given up on runs to its end in the
/// background, its result is dropped and its reader ends; the next document gets a new one.
/// Only text and HTML of at most
/// [`Isolation::small_text`](crate::config::Isolation::small_text) bytes are read this way,
/// and every rule is linear or bounded in the text's length, so such a reading does end; the
/// deadline is there so that no document, whatever its shape, can hold up the ones after it.
pub fn read_within(
    bytes: &[u8],
    format: Format,
    hint: &Hint,
    config: &RecordConfig,
    tools: &Tools,
    timeout: Duration,
) -> Reading {
    let job = Job {
        bytes: bytes.to_vec(),
        format,
        name: hint.name.map(str::to_string),
        content_type: hint.content_type.map(str::to_string),
        config: *config,
        tools: tools.clone(),
    };
    READER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let reader = match slot.take() {
            Some(r) => r,
            None => Reader::start()?,
        };
        if reader.jobs.send(job).is_err() {
            return Err(internal("the reader thread has ended"));
        }
        match reader.readings.recv_timeout(timeout) {
            Ok(reading) => {
                *slot = Some(reader);
                reading
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // Dropping `reader` closes its queues: the thread ends after this reading, and
                // counts itself out of `ABANDONED_RUNNING` then.
                ABANDONED.fetch_add(1, Ordering::Relaxed);
                ABANDONED_RUNNING.fetch_add(1, Ordering::Relaxed);
                super::over_time(timeout, "it was given up on")
            }
            // `read` catches panics, so the thread always answers; this is for completeness.
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Err(internal("the reader thread ended without a result"))
            }
        }
    })
}

/// One document for a reader thread, owned, so that the thread may outlive the caller's wait.
struct Job {
    bytes: Vec<u8>,
    format: Format,
    name: Option<String>,
    content_type: Option<String>,
    config: RecordConfig,
    tools: Tools,
}

/// A reader thread: documents go in one queue, readings come back on the other.
struct Reader {
    jobs: mpsc::Sender<Job>,
    readings: mpsc::Receiver<Reading>,
}

/// The stack of a reader thread: 8 MiB, as a main thread's, four times what the extraction
/// threads that read documents before had (the readers recurse only to a bounded depth).
const READER_STACK: usize = 8 << 20;

thread_local! {
    /// The reader thread of the calling thread, started at its first document.
    static READER: RefCell<Option<Reader>> = const { RefCell::new(None) };
}

impl Reader {
    fn start() -> Result<Reader, RecordError> {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (reading_tx, readings) = mpsc::channel();
        std::thread::Builder::new()
            .name("reader".into())
            .stack_size(READER_STACK)
            .spawn(move || {
                // Ends when the queue is closed: by the caller's thread ending, or giving up.
                for job in job_rx {
                    let hint = Hint {
                        name: job.name.as_deref(),
                        content_type: job.content_type.as_deref(),
                    };
                    let reading = read(&job.bytes, job.format, &hint, &job.config, &job.tools);
                    if reading_tx.send(reading).is_err() {
                        // Nobody waits for it any more: this reader was given up on.
                        ABANDONED_RUNNING.fetch_sub(1, Ordering::Relaxed);
                        return;
                    }
                }
            })
            .map_err(|e| internal(&format!("cannot start a thread to read documents: {e}")))?;
        Ok(Reader { jobs, readings })
    }
}

fn internal(message: &str) -> RecordError {
    super::record_error("internal", message.to_string())
}

/// Decodes and extracts one document of a sniffed `format`.
pub fn read(
    bytes: &[u8],
    format: Format,
    hint: &Hint,
    config: &RecordConfig,
    tools: &dyn Converters,
) -> Reading {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        decode_and_extract(bytes, format, hint, config, tools)
    }));
    match outcome {
        Ok(Ok(content)) => Ok(content),
        Ok(Err(e)) => Err(RecordError {
            kind: e.kind().to_string(),
            message: e.to_string(),
        }),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(RecordError {
                kind: "internal".into(),
                message: format!("the extractor failed: {msg}"),
            })
        }
    }
}

fn decode_and_extract(
    bytes: &[u8],
    format: Format,
    hint: &Hint,
    config: &RecordConfig,
    tools: &dyn Converters,
) -> Result<Content, decode::DecodeError> {
    let doc = decode::decode(bytes, format, hint, &config.limits, tools)?;
    let ex = extract::extract(Input {
        text: &doc.text,
        page_starts: &doc.page_starts,
        title_hint: doc.title.as_deref(),
        paged: doc.format == Format::Pdf,
    });
    Ok(Content {
        pages: doc.pages(),
        encoding: doc.encoding.map(str::to_string),
        council: ex.council,
        meta: ex.meta,
        meetings: ex.meetings,
        recommendations: ex.recommendations,
        themes: ex.themes,
        actions: ex.actions,
        warnings: doc.warnings,
        text: config.emit_text.then_some(doc.text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::NoConverters;

    #[test]
    fn a_decoder_error_is_the_reading_error() {
        let r = read(
            b"PK\x03\x04 not a word file",
            Format::Zip,
            &Hint::default(),
            &RecordConfig::default(),
            &NoConverters,
        );
        let e = r.unwrap_err();
        assert_eq!(e.kind, "binary");
        assert_eq!(
            e.message,
            "the document is binary data, not text (a zip archive that is not a Word document)"
        );
    }

    #[test]
    fn the_text_is_kept_only_when_asked_for() {
        let bytes = b"RESOLVED:\n\n1. That the report be noted.";
        let plain = RecordConfig::default();
        let with_text = RecordConfig {
            emit_text: true,
            ..plain
        };
        let hint = Hint::default();
        let a = read(bytes, Format::Text, &hint, &plain, &NoConverters).unwrap();
        let b = read(bytes, Format::Text, &hint, &with_text, &NoConverters).unwrap();
        assert_eq!(a.text, None);
        assert_eq!(
            b.text.as_deref(),
            Some("RESOLVED:\n\n1. That the report be noted.")
        );
        assert_eq!(a.recommendations, b.recommendations);
        assert_eq!(a.recommendations[0].text, "That the report be noted.");
    }

    #[test]
    fn a_reading_within_its_deadline_is_the_same_reading() {
        let bytes = b"RESOLVED:\n\n1. That the report be noted.\n2. That the plan be approved.";
        let hint = Hint {
            name: Some("a.txt"),
            content_type: None,
        };
        let config = RecordConfig::default();
        let plain = read(bytes, Format::Text, &hint, &config, &NoConverters).unwrap();
        let timed = read_within(
            bytes,
            Format::Text,
            &hint,
            &config,
            &Tools::default(),
            Duration::from_secs(60),
        )
        .unwrap();
        assert_eq!(timed, plain);
        assert_eq!(timed.recommendations.len(), 2);
        let refused = read_within(
            b"",
            Format::Text,
            &hint,
            &config,
            &Tools::default(),
            Duration::from_secs(60),
        );
        assert_eq!(refused.unwrap_err().kind, "empty");
    }

    #[test]
    fn a_reading_past_its_deadline_is_a_timeout() {
        // 20,000 numbered items take far longer than a nanosecond to read.
        let mut text = String::from("RESOLVED:\n\n");
        for i in 1..=20_000 {
            text.push_str(&format!("{i}. That item {i} be approved.\n"));
        }
        let before = abandoned();
        let e = read_within(
            text.as_bytes(),
            Format::Text,
            &Hint::default(),
            &RecordConfig::default(),
            &Tools::default(),
            Duration::from_nanos(1),
        )
        .unwrap_err();
        assert_eq!(e.kind, "timeout");
        assert_eq!(
            e.message,
            "reading the document took longer than 0.000000001 s (--doc-timeout); it was given up on"
        );
        assert!(abandoned() > before);
    }
}
