//! The parent's side of isolation: reads one document in a child process, so that a decoder
//! that crashes, overflows its stack, loops or eats memory costs that document only, never the
//! batch.
//!
//! The child is this same program run as `councilrecs isolated-record` ([`super::worker`]): it
//! gets a [`Request`] line and the document's bytes on standard input and prints its
//! [`super::protocol::Reply`]. The parent puts it in a process group of its own, caps its
//! address space and CPU time (`prlimit`) before sending anything, and kills the whole group
//! (the child and any converter it started) when the time limit passes. A child that dies or
//! is killed gives a reading whose error kind is `timeout`, `out_of_memory` or `crashed`.

use super::Reading;
use super::protocol::{Reply, Request, VERSION};
use crate::config::{Config, Isolation};
use crate::decode::{Format, Hint};
use crate::model::RecordError;
use rustix::process::{Pid, Resource, Rlimit, Signal, kill_process_group, prlimit};
use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The name of the hidden subcommand the child runs.
pub const SUBCOMMAND: &str = "isolated-record";

/// Formats read by decoders that are not proven safe in-process: parsers of binary containers
/// and external converters.
pub fn needs_child(format: Format) -> bool {
    matches!(format, Format::Pdf | Format::Docx | Format::Doc)
}

/// Reads one document of a sniffed `format` in a child process under `iso`'s limits.
pub fn read(
    bytes: &[u8],
    format: Format,
    hint: &Hint,
    config: &Config,
    iso: &Isolation,
) -> Reading {
    let failed = |kind: &str, message: String| {
        Err(RecordError {
            kind: kind.to_string(),
            message,
        })
    };
    let request = Request::new(bytes, format, hint, &config.record, &config.tools);
    let mut line = match serde_json::to_vec(&request) {
        Ok(l) => l,
        Err(e) => return failed("internal", format!("cannot write the request: {e}")),
    };
    line.push(b'\n');
    let mut cmd = Command::new(&iso.exe);
    cmd.arg(SUBCOMMAND)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    if let Some(r) = &config.registry {
        cmd.env(crate::config::REGISTRY_ENV, r);
    }
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
                let _ = w.write_all(&line).and_then(|_| w.write_all(bytes));
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
        && let Ok(reply) = serde_json::from_slice::<Reply>(&out)
    {
        if reply.version != VERSION {
            let message = format!("the reader is councilrecs {}, not {VERSION}", reply.version);
            return failed("internal", message);
        }
        return reply.reading;
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
