//! The parent's side of isolation: every document is read in a child process under a
//! deadline, so that a document that makes a reader crash, overflow its stack, loop, eat
//! memory or take quadratic time costs that document only, never the batch.
//!
//! The children are this same program run as `councilrecs isolated-record`
//! ([`super::worker`]). They are kept and reused — at most one per thread reading documents,
//! each replaced after [`RECYCLE_AFTER`] documents, kept apart by executable, memory limit and
//! registry — so that a short page costs a round trip through two pipes, not a process start.
//! Children waiting at the end of the run see their input close when this process exits, and
//! end. For each document the parent sends a
//! [`Request`] line and the bytes and reads one [`Reply`] line, while a watchdog thread waits
//! for the deadline (`--doc-timeout`): when it passes, the watchdog kills the child's whole
//! process group (the child and any converter it started), the pending read ends, and the
//! document's reading is an error of kind `timeout`. Each child runs in a process group of its
//! own with its address space capped (`--doc-memory`) and, before each document, its CPU time
//! capped at what it has used plus the deadline, so that a child whose parent died cannot spin
//! for long. A child that dies gives `out_of_memory` or `crashed`; the next document gets a
//! fresh child.

use super::Reading;
use super::protocol::{Reply, Request, VERSION};
use crate::config::{Config, Isolation};
use crate::decode::{Format, Hint};
use crate::model::RecordError;
use rustix::process::{Pid, Resource, Rlimit, Signal, kill_process_group, prlimit};
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The name of the hidden subcommand the child runs.
pub const SUBCOMMAND: &str = "isolated-record";

/// Documents one child reads before it is replaced (so that no slow growth of its heap
/// builds up over a long run).
pub const RECYCLE_AFTER: usize = 500;

/// The end of a child's standard error kept to explain a failure.
const STDERR_KEPT: usize = 16 << 10;

/// Formats read in a child: all but those refused from their first bytes.
pub fn needs_child(format: Format) -> bool {
    !matches!(format, Format::Zip | Format::Binary)
}

/// What a waiting child was started with: only a child of the same kind reads a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Kind {
    exe: PathBuf,
    memory: u64,
    registry: Option<PathBuf>,
}

/// The children waiting for their next document, by kind.
static IDLE: LazyLock<Mutex<HashMap<Kind, Vec<Worker>>>> = LazyLock::new(Mutex::default);

/// Children started by this process so far.
static STARTED: AtomicUsize = AtomicUsize::new(0);

/// How many reading children this process has started so far.
pub fn children_started() -> usize {
    STARTED.load(Ordering::Relaxed)
}

/// How many reading children are waiting for a document.
pub fn children_waiting() -> usize {
    lock_idle().values().map(Vec::len).sum()
}

fn lock_idle() -> std::sync::MutexGuard<'static, HashMap<Kind, Vec<Worker>>> {
    IDLE.lock().unwrap_or_else(|e| e.into_inner())
}

/// A waiting child of this kind that is still alive, if any.
fn take(kind: &Kind) -> Option<Worker> {
    let mut idle = lock_idle();
    let list = idle.get_mut(kind)?;
    while let Some(mut w) = list.pop() {
        if matches!(w.child.try_wait(), Ok(None)) {
            return Some(w);
        }
        // Gone while waiting (killed from outside): let it be reaped.
        drop(w);
    }
    None
}

fn put(kind: Kind, w: Worker) {
    lock_idle().entry(kind).or_default().push(w);
}

/// One reading child and the parent's ends of its pipes.
struct Worker {
    child: Child,
    pid: Pid,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    stderr: Arc<Mutex<Vec<u8>>>,
    drain: Option<JoinHandle<()>>,
    served: usize,
    reaped: bool,
}

fn lock_buf(m: &Mutex<Vec<u8>>) -> std::sync::MutexGuard<'_, Vec<u8>> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Worker {
    fn spawn(config: &Config, iso: &Isolation) -> Result<Worker, String> {
        let mut cmd = Command::new(&iso.exe);
        cmd.arg(SUBCOMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0);
        if let Some(r) = &config.registry {
            cmd.env(crate::config::REGISTRY_ENV, r);
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", iso.exe.display()))?;
        let pid = Pid::from_child(&child);
        // The child waits for its input, so the limit is in place before it does any work.
        let limited = prlimit(
            Some(pid),
            Resource::As,
            Rlimit {
                current: Some(iso.memory),
                maximum: Some(iso.memory),
            },
        );
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = kill_process_group(pid, Signal::KILL);
            let _ = child.wait();
            return Err("the child process has no pipes".into());
        };
        if let Err(e) = limited {
            let _ = kill_process_group(pid, Signal::KILL);
            let _ = child.wait();
            return Err(format!("cannot limit the child process: {e}"));
        }
        let kept: Arc<Mutex<Vec<u8>>> = Arc::default();
        let sink = Arc::clone(&kept);
        let drain = std::thread::Builder::new()
            .name("councilrecs-child-stderr".into())
            .spawn(move || keep_tail(stderr, &sink))
            .map_err(|e| format!("cannot start a thread: {e}"))?;
        Ok(Worker {
            child,
            pid,
            stdin: Some(stdin),
            stdout: BufReader::with_capacity(64 << 10, stdout),
            stderr: kept,
            drain: Some(drain),
            served: 0,
            reaped: false,
        })
    }

    /// Caps the child's CPU time at what it has used so far plus `budget` (it gets SIGXCPU
    /// there); the hard limit is left alone, as it could not be raised again.
    fn arm_cpu(&self, budget: Duration) {
        let used = cpu_seconds(self.pid).unwrap_or(0);
        let soft = used.saturating_add(budget.as_secs()).saturating_add(5);
        let _ = prlimit(
            Some(self.pid),
            Resource::Cpu,
            Rlimit {
                current: Some(soft),
                maximum: None,
            },
        );
    }

    /// Sends one request and reads one reply line (at most `max` bytes).
    fn exchange(&mut self, line: &[u8], bytes: &[u8], max: usize) -> io::Result<Vec<u8>> {
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| io::Error::other("the child's input is closed"))?;
        stdin.write_all(line)?;
        stdin.write_all(bytes)?;
        stdin.flush()?;
        read_line_capped(&mut self.stdout, max)
    }

    /// Stops the child (if it has not stopped by itself within a moment) and returns how it
    /// ended and the end of what it wrote on standard error.
    fn stop(mut self, grace: Duration) -> (Option<ExitStatus>, String) {
        self.stdin.take();
        let start = Instant::now();
        let mut status = None;
        while start.elapsed() < grace {
            match self.child.try_wait() {
                Ok(Some(s)) => {
                    status = Some(s);
                    break;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => break,
            }
        }
        if status.is_none() {
            let _ = kill_process_group(self.pid, Signal::KILL);
            status = self.child.wait().ok();
        }
        self.reaped = true;
        // The group may still hold a converter that keeps the pipe open: it was killed too.
        if let Some(d) = self.drain.take() {
            let _ = d.join();
        }
        let err = String::from_utf8_lossy(&lock_buf(&self.stderr)).into_owned();
        (status, err)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stdin.take();
        if !self.reaped {
            let _ = kill_process_group(self.pid, Signal::KILL);
            let _ = self.child.wait();
            self.reaped = true;
        }
    }
}

/// Keeps the last [`STDERR_KEPT`] bytes a child writes on standard error.
fn keep_tail(mut pipe: impl Read, kept: &Mutex<Vec<u8>>) {
    let mut buf = [0u8; 4096];
    loop {
        match pipe.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                let mut k = lock_buf(kept);
                k.extend_from_slice(&buf[..n]);
                if k.len() > STDERR_KEPT {
                    let cut = k.len() - STDERR_KEPT;
                    k.drain(..cut);
                }
            }
        }
    }
}

/// CPU seconds (user and system) a process has used, from `/proc/<pid>/stat`.
fn cpu_seconds(pid: Pid) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.as_raw_nonzero())).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    let ticks = rustix::param::clock_ticks_per_second().max(1);
    Some((utime + stime).div_ceil(ticks))
}

/// Reads up to and including the next `\n`, refusing a line longer than `max`.
fn read_line_capped(r: &mut impl BufRead, max: usize) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the child ended without answering",
            ));
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        out.extend_from_slice(&buf[..take]);
        r.consume(take);
        if out.len() > max {
            return Err(io::Error::other("the child's answer is too long"));
        }
        if done {
            return Ok(out);
        }
    }
}

fn failed(kind: &str, message: String) -> Reading {
    Err(RecordError {
        kind: kind.to_string(),
        message,
    })
}

fn timed_out(iso: &Isolation) -> Reading {
    failed(
        "timeout",
        format!(
            "reading the document took longer than {} s (--doc-timeout); it was stopped",
            iso.timeout.as_secs_f64()
        ),
    )
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
    let kind = Kind {
        exe: iso.exe.clone(),
        memory: iso.memory,
        registry: config.registry.clone(),
    };
    let mut worker = match take(&kind) {
        Some(w) => w,
        None => match Worker::spawn(config, iso) {
            Ok(w) => {
                STARTED.fetch_add(1, Ordering::Relaxed);
                w
            }
            Err(e) => return failed("internal", e),
        },
    };
    worker.arm_cpu(iso.timeout);
    lock_buf(&worker.stderr).clear();
    let max_out = bytes.len().saturating_mul(16).saturating_add(64 << 20);
    let expired = AtomicBool::new(false);
    let pid = worker.pid;
    let answer = std::thread::scope(|s| {
        let (done, wait) = mpsc::channel::<()>();
        let expired = &expired;
        s.spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(iso.timeout) {
                expired.store(true, Ordering::SeqCst);
                let _ = kill_process_group(pid, Signal::KILL);
            }
        });
        let answer = worker.exchange(&line, bytes, max_out);
        drop(done);
        answer
    });
    if expired.load(Ordering::SeqCst) {
        drop(worker.stop(Duration::ZERO));
        return timed_out(iso);
    }
    if let Ok(out) = &answer
        && let Ok(reply) = serde_json::from_slice::<Reply>(out)
    {
        if reply.version != VERSION {
            let message = format!("the reader is councilrecs {}, not {VERSION}", reply.version);
            return failed("internal", message);
        }
        worker.served += 1;
        if worker.served < RECYCLE_AFTER {
            put(kind, worker);
        }
        return reply.reading;
    }
    let (status, stderr) = worker.stop(Duration::from_secs(1));
    explain(status, &stderr, iso)
}

/// The reading of a document whose child died (or answered nonsense).
fn explain(status: Option<ExitStatus>, stderr: &str, iso: &Isolation) -> Reading {
    if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
        return failed(
            "out_of_memory",
            format!(
                "reading the document needed more than {} MiB (--doc-memory); it was stopped",
                iso.memory >> 20
            ),
        );
    }
    let why = match status.and_then(|s| s.signal()) {
        Some(24) => {
            return failed(
                "timeout",
                "reading the document used more CPU time than --doc-timeout allows; it was \
                 stopped"
                    .to_string(),
            );
        }
        Some(_) if stderr.contains("overflowed its stack") => "its stack overflowed".to_string(),
        Some(sig) => format!("it was killed by signal {sig}"),
        None => match status {
            Some(s) => format!("it exited with {s}"),
            None => "it could not be waited for".to_string(),
        },
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

    #[test]
    fn a_reply_line_is_read_whole_and_capped() {
        let mut r = BufReader::with_capacity(4, &b"{\"a\":1}\nrest"[..]);
        assert_eq!(read_line_capped(&mut r, 100).unwrap(), b"{\"a\":1}\n");
        let mut long = BufReader::new(&b"0123456789\n"[..]);
        assert!(read_line_capped(&mut long, 5).is_err());
        let mut cut = BufReader::new(&b"{\"a\""[..]);
        assert_eq!(
            read_line_capped(&mut cut, 100).unwrap_err().kind(),
            io::ErrorKind::UnexpectedEof
        );
    }

    #[test]
    fn this_process_has_used_some_cpu_time() {
        let me = Pid::from_raw(i32::try_from(std::process::id()).unwrap()).unwrap();
        let t0 = Instant::now();
        let mut x = 0u64;
        while t0.elapsed() < Duration::from_millis(30) {
            x = x.wrapping_add(std::hint::black_box(1));
        }
        assert!(x > 0);
        assert!(cpu_seconds(me).is_some_and(|s| s >= 1));
    }

    #[test]
    fn every_format_but_refused_ones_goes_to_a_child() {
        for f in [Format::Html, Format::Text, Format::Pdf, Format::Docx, Format::Doc] {
            assert!(needs_child(f), "{f:?}");
        }
        assert!(!needs_child(Format::Zip) && !needs_child(Format::Binary));
    }

    #[test]
    fn a_dead_child_is_explained() {
        let iso = Isolation {
            exe: "x".into(),
            timeout: Duration::from_secs(3),
            memory: 64 << 20,
        };
        let oom = explain(None, "memory allocation of 999 bytes failed\n", &iso).unwrap_err();
        assert_eq!(oom.kind, "out_of_memory");
        assert!(oom.message.contains("64 MiB"), "{}", oom.message);
        let cpu = explain(Some(ExitStatus::from_raw(24)), "", &iso).unwrap_err();
        assert_eq!(cpu.kind, "timeout");
        let stack = explain(
            Some(ExitStatus::from_raw(6)),
            "\nthread 'main' has overflowed its stack\n",
            &iso,
        )
        .unwrap_err();
        assert_eq!(stack.kind, "crashed");
        assert_eq!(
            stack.message,
            "the reader failed on this document (its stack overflowed): thread 'main' has overflowed its stack"
        );
    }
}
