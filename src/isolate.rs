//! Reads one document in a child process, so that a decoder that crashes, overflows its stack,
//! loops or eats memory costs that document only, never the batch.
//!
//! The child is this same program run as `councilrecs isolated-record`: it reads the document's
//! bytes on standard input and prints the finished record as JSON. The parent puts it in a
//! process group of its own, caps its address space and CPU time (`prlimit`) before sending the
//! bytes, and kills the whole group (the child and any converter it started) when the time limit
//! passes. A child that dies or is killed gives a record whose `error.kind` is `timeout`,
//! `out_of_memory` or `crashed`.

use crate::decode::{self, Format, Hint};
use crate::model::{Record, Source};
use crate::pipeline::{RecordOptions, error_record, record_from_bytes, sha256_hex};
use rustix::process::{Pid, Resource, Rlimit, Signal, kill_process_group, prlimit};
use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The name of the hidden subcommand the child runs.
pub const SUBCOMMAND: &str = "isolated-record";

/// How documents are isolated.
#[derive(Debug, Clone)]
pub struct Isolation {
    /// The `councilrecs` executable to run as the child.
    pub exe: PathBuf,
    /// Wall-clock limit for one document.
    pub timeout: Duration,
    /// Address-space limit of the child, in bytes.
    pub memory: u64,
}

impl Isolation {
    /// Isolation through the running executable.
    pub fn current_exe(timeout: Duration, memory: u64) -> std::io::Result<Isolation> {
        Ok(Isolation {
            exe: std::env::current_exe()?,
            timeout,
            memory,
        })
    }
}

/// Formats read by decoders that are not proven safe in-process: parsers of binary containers
/// and external converters.
pub fn needs_child(format: Format) -> bool {
    matches!(format, Format::Pdf | Format::Docx | Format::Doc)
}

/// The record for one document: in a child process when its format needs it, else in-process.
pub fn record(
    bytes: &[u8],
    hint: &Hint,
    source: Source,
    opts: &RecordOptions,
    iso: Option<&Isolation>,
) -> Record {
    let format = decode::sniff(bytes, hint);
    match iso {
        Some(iso) if needs_child(format) && bytes.len() <= opts.limits.max_bytes => {
            record_in_child(bytes, hint, source, opts, iso, format)
        }
        _ => record_from_bytes(bytes, hint, source, opts),
    }
}

fn record_in_child(
    bytes: &[u8],
    hint: &Hint,
    source: Source,
    opts: &RecordOptions,
    iso: &Isolation,
    format: Format,
) -> Record {
    let failed = |kind: &str, message: String| {
        let mut s = source.clone();
        s.sha256 = Some(sha256_hex(bytes));
        s.bytes = Some(bytes.len() as u64);
        s.media_type = Some(format.media_type().to_string());
        error_record(s, kind, message)
    };
    let mut cmd = Command::new(&iso.exe);
    cmd.arg(SUBCOMMAND)
        .arg("--max-bytes")
        .arg(opts.limits.max_bytes.to_string());
    if let Some(name) = hint.name {
        cmd.arg("--name").arg(name);
    }
    if let Some(ct) = hint.content_type {
        cmd.arg("--content-type").arg(ct);
    }
    if opts.emit_text {
        cmd.arg("--emit-text");
    }
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return failed(
                "internal",
                format!("cannot start {}: {e}", iso.exe.display()),
            );
        }
    };
    let pid = Pid::from_child(&child);
    let cpu = iso.timeout.as_secs().saturating_add(5);
    // The child waits for its input, so the limits are in place before it does any work.
    let limited = prlimit(
        Some(pid),
        Resource::As,
        Rlimit {
            current: Some(iso.memory),
            maximum: Some(iso.memory),
        },
    )
    .and_then(|_| {
        prlimit(
            Some(pid),
            Resource::Cpu,
            Rlimit {
                current: Some(cpu),
                maximum: Some(cpu + 5),
            },
        )
    });
    if let Err(e) = limited {
        let _ = kill_process_group(pid, Signal::KILL);
        let _ = child.wait();
        return failed("internal", format!("cannot limit the child process: {e}"));
    }
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let max_out = bytes.len().saturating_mul(16).saturating_add(64 << 20);
    let (status, out, err) = std::thread::scope(|s| {
        s.spawn(move || {
            if let Some(mut w) = stdin {
                let _ = w.write_all(bytes);
            }
        });
        let out = s.spawn(move || read_capped(stdout, max_out));
        let err = s.spawn(move || read_capped(stderr, 16 << 10));
        let start = Instant::now();
        let mut pause = Duration::from_millis(1);
        let status = loop {
            match child.try_wait() {
                Ok(Some(st)) => break Some(st),
                Ok(None) if start.elapsed() < iso.timeout => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(20));
                }
                _ => {
                    let _ = kill_process_group(pid, Signal::KILL);
                    let _ = child.wait();
                    break None;
                }
            }
        };
        (
            status,
            out.join().unwrap_or_default(),
            err.join().unwrap_or_default(),
        )
    });
    let stderr = String::from_utf8_lossy(&err);
    let Some(status) = status else {
        return failed(
            "timeout",
            format!(
                "reading the document took longer than {} s (--doc-timeout); it was stopped",
                iso.timeout.as_secs_f64()
            ),
        );
    };
    if status.success()
        && let Ok(mut r) = serde_json::from_slice::<Record>(&out)
    {
        r.source.path = source.path;
        r.source.url = source.url;
        r.source.fetched_at = source.fetched_at;
        if r.source.media_type.is_none() {
            r.source.media_type = source.media_type;
        }
        return r;
    }
    if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
        return failed(
            "out_of_memory",
            format!(
                "reading the document needed more than {} MiB (--doc-memory); it was stopped",
                iso.memory >> 20
            ),
        );
    }
    let why = match status.signal() {
        Some(24) => {
            return failed(
                "timeout",
                format!("reading the document used more than {cpu} s of CPU time; it was stopped"),
            );
        }
        Some(_) if stderr.contains("overflowed its stack") => "its stack overflowed".to_string(),
        Some(sig) => format!("it was killed by signal {sig}"),
        None => format!("it exited with {status}"),
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

fn read_capped(pipe: Option<impl Read>, max: usize) -> Vec<u8> {
    let Some(pipe) = pipe else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let _ = pipe.take(max as u64).read_to_end(&mut out);
    out
}

/// What the child does: read the document on standard input, print its record as JSON.
pub fn child_main(hint: &Hint, opts: &RecordOptions) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(opts.limits.max_bytes as u64 + 1)
        .read_to_end(&mut bytes)?;
    let record = record_from_bytes(&bytes, hint, Source::default(), opts);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    serde_json::to_writer(&mut w, &record)?;
    w.flush()
}
