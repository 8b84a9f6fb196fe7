//! The reading processes isolation runs documents in: a few long-lived children, each reading
//! one document after another, so that a batch pays for starting a process (and for compiling
//! the extractors' patterns in it) once per child, not once per document.
//!
//! A child is this same program run as `councilrecs isolated-record` ([`super::worker`]) in a
//! process group of its own, with its address space capped (`prlimit`) before it is sent
//! anything. Before each document its CPU-time limit is moved to what it has used so far plus
//! the document's allowance. A child that crashes, runs out of memory or passes the time limit
//! is killed with its whole group (any converter it started too) and is replaced by a fresh one
//! when the next document needs it; one that has grown past half its memory limit, or has read
//! [`MAX_DOCUMENTS`], is retired between documents so that what one document left behind never
//! counts against the next.
//!
//! Pools are shared by every configuration that starts children the same way (the same
//! program, memory limit and council registry); at most the number of workers the caller asks
//! for are alive at once, and a caller that finds them all busy waits for one. Children end
//! when this process does: their standard input closes and they exit.

use super::isolate::SUBCOMMAND;
use crate::config::{Isolation, REGISTRY_ENV};
use rustix::process::{
    Pid, Resource, Rlimit, Signal, WaitId, WaitIdOptions, getrlimit, kill_process_group, prlimit,
    waitid,
};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Documents one child reads before it is replaced by a fresh one.
pub const MAX_DOCUMENTS: u32 = 500;

/// The tail of a child's standard error that is kept to say how it ended.
const STDERR_TAIL: usize = 16 << 10;

/// What starting a child depends on: configurations that agree on it share children.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    exe: PathBuf,
    memory: u64,
    registry: Option<PathBuf>,
}

/// The children of one [`Key`].
pub struct Pool {
    key: Key,
    state: Mutex<State>,
    /// Signalled when a child comes back or one fewer is alive.
    freed: Condvar,
}

#[derive(Default)]
struct State {
    idle: Vec<Worker>,
    /// Children alive: idle ones and those reading a document.
    live: usize,
    started: u64,
}

/// How many children a pool has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Alive now, idle or reading.
    pub live: usize,
    /// Alive and waiting for a document.
    pub idle: usize,
    /// Started since this process began.
    pub started: u64,
}

/// How reading one document in a child went.
#[derive(Debug)]
pub enum Outcome {
    /// The line the child answered with.
    Reply(Vec<u8>),
    /// No child could be started or limited (the message says why).
    NotStarted(String),
    /// The child was stopped when the time limit passed.
    TimedOut,
    /// The child printed more than the reply may hold; it was stopped.
    TooLong(usize),
    /// The child ended without answering: how, and the tail of what it printed on standard
    /// error.
    Ended {
        status: Option<ExitStatus>,
        stderr: String,
    },
}

static POOLS: Mutex<Vec<Arc<Pool>>> = Mutex::new(Vec::new());

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The pool of children started as `iso` says, with `registry` as their council registry.
pub fn pool(iso: &Isolation, registry: Option<&Path>) -> Arc<Pool> {
    let key = Key {
        exe: iso.exe.clone(),
        memory: iso.memory,
        registry: registry.map(Path::to_path_buf),
    };
    let mut pools = lock(&POOLS);
    if let Some(p) = pools.iter().find(|p| p.key == key) {
        return Arc::clone(p);
    }
    let p = Arc::new(Pool {
        key,
        state: Mutex::new(State::default()),
        freed: Condvar::new(),
    });
    pools.push(Arc::clone(&p));
    p
}

/// Children started by every pool of this process.
pub fn started() -> u64 {
    lock(&POOLS).iter().map(|p| p.stats().started).sum()
}

impl Pool {
    /// How many children the pool has now.
    pub fn stats(&self) -> Stats {
        let st = lock(&self.state);
        Stats {
            live: st.live,
            idle: st.idle.len(),
            started: st.started,
        }
    }

    /// Sends one request (its JSON line, then the document's bytes) to a child and waits up
    /// to `timeout` for its answer, with `cpu` seconds of CPU time allowed and at most
    /// `max_reply` bytes of answer. At most `workers` children are alive at once.
    pub fn read(
        &self,
        line: &[u8],
        bytes: &[u8],
        workers: usize,
        timeout: Duration,
        cpu: u64,
        max_reply: usize,
    ) -> Outcome {
        let mut worker = match self.take(workers) {
            Ok(w) => w,
            Err(message) => return Outcome::NotStarted(message),
        };
        let outcome = worker.serve(line, bytes, timeout, cpu, max_reply);
        let keep = matches!(outcome, Outcome::Reply(_)) && worker.fit(self.key.memory);
        self.give(keep.then_some(worker));
        outcome
    }

    /// An idle child, or a new one when fewer than `workers` are alive; else waits.
    fn take(&self, workers: usize) -> Result<Worker, String> {
        let mut st = lock(&self.state);
        loop {
            while let Some(w) = st.idle.pop() {
                // A child that died while it waited (killed from outside) is not handed a
                // document to fail on.
                if w.alive() {
                    return Ok(w);
                }
                st.live -= 1;
                drop(st);
                drop(w);
                st = lock(&self.state);
            }
            if st.live < workers.max(1) {
                st.live += 1;
                break;
            }
            st = self.freed.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        drop(st);
        let started = Worker::start(&self.key);
        let mut st = lock(&self.state);
        match started {
            Ok(w) => {
                st.started += 1;
                Ok(w)
            }
            Err(e) => {
                st.live -= 1;
                drop(st);
                self.freed.notify_one();
                Err(e)
            }
        }
    }

    /// Puts a child back, or counts one fewer alive when it was stopped or is retired (it is
    /// killed, outside the lock, when dropped).
    fn give(&self, worker: Option<Worker>) {
        let mut st = lock(&self.state);
        match worker {
            Some(w) => st.idle.push(w),
            None => st.live -= 1,
        }
        drop(st);
        self.freed.notify_one();
    }
}

/// What a child's standard output carries to the parent.
enum Msg {
    Line(Vec<u8>),
    TooLong(usize),
}

/// One child and the threads that read what it prints.
struct Worker {
    child: Child,
    pid: Pid,
    stdin: Option<ChildStdin>,
    replies: Receiver<Msg>,
    /// The most bytes the reply to the current request may have.
    cap: Arc<AtomicU64>,
    stderr: Arc<Mutex<Vec<u8>>>,
    threads: Vec<JoinHandle<()>>,
    /// The hard CPU-time limit the child inherited (never raised).
    cpu_hard: Option<u64>,
    born: Instant,
    served: u32,
    /// Killed and reaped: its process group may no longer be signalled.
    ended: bool,
}

impl Worker {
    fn start(key: &Key) -> Result<Worker, String> {
        let mut cmd = Command::new(&key.exe);
        cmd.arg(SUBCOMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0);
        if let Some(r) = &key.registry {
            cmd.env(REGISTRY_ENV, r);
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", key.exe.display()))?;
        let pid = Pid::from_child(&child);
        // The child waits for its first request, so the limit is in place before it does any
        // work.
        let limit = Rlimit {
            current: Some(key.memory),
            maximum: Some(key.memory),
        };
        if let Err(e) = prlimit(Some(pid), Resource::As, limit) {
            let _ = kill_process_group(pid, Signal::KILL);
            let _ = child.wait();
            return Err(format!("cannot limit the child process: {e}"));
        }
        let (tx, replies) = mpsc::channel();
        let cap = Arc::new(AtomicU64::new(0));
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let mut threads = Vec::new();
        if let Some(out) = child.stdout.take() {
            let cap = Arc::clone(&cap);
            threads.push(std::thread::spawn(move || read_replies(out, &cap, &tx)));
        }
        if let Some(err) = child.stderr.take() {
            let tail = Arc::clone(&stderr);
            threads.push(std::thread::spawn(move || read_stderr(err, &tail)));
        }
        Ok(Worker {
            stdin: child.stdin.take(),
            child,
            pid,
            replies,
            cap,
            stderr,
            threads,
            cpu_hard: getrlimit(Resource::Cpu).maximum,
            born: Instant::now(),
            served: 0,
            ended: false,
        })
    }

    fn serve(
        &mut self,
        line: &[u8],
        bytes: &[u8],
        timeout: Duration,
        cpu: u64,
        max_reply: usize,
    ) -> Outcome {
        self.cap.store(max_reply as u64, Ordering::SeqCst);
        lock(&self.stderr).clear();
        // The CPU-time limit counts the child's whole life: allow this document `cpu` more
        // seconds than it has used (its age bounds that when /proc cannot say).
        let used = cpu_seconds(self.pid).unwrap_or_else(|| self.born.elapsed().as_secs() + 1);
        let limit = Rlimit {
            current: Some(used.saturating_add(cpu)),
            maximum: self.cpu_hard,
        };
        if let Err(e) = prlimit(Some(self.pid), Resource::Cpu, limit) {
            self.end();
            return Outcome::NotStarted(format!("cannot limit the child process: {e}"));
        }
        let (stdin, replies, pid) = (&mut self.stdin, &self.replies, self.pid);
        let got = std::thread::scope(|s| {
            // Written from a thread of its own, so that a child that stops reading cannot hold
            // the parent past the time limit.
            s.spawn(move || {
                if let Some(w) = stdin {
                    let _ = w
                        .write_all(line)
                        .and_then(|_| w.write_all(bytes))
                        .and_then(|_| w.flush());
                }
            });
            let got = replies.recv_timeout(timeout);
            if !matches!(got, Ok(Msg::Line(_))) {
                // Also ends the write, if the child stopped reading.
                let _ = kill_process_group(pid, Signal::KILL);
            }
            got
        });
        match got {
            Ok(Msg::Line(reply)) => {
                self.served += 1;
                Outcome::Reply(reply)
            }
            Ok(Msg::TooLong(n)) => {
                self.end();
                Outcome::TooLong(n)
            }
            Err(RecvTimeoutError::Timeout) => {
                self.end();
                Outcome::TimedOut
            }
            Err(RecvTimeoutError::Disconnected) => {
                // The child's output closed because it is ending: its exit status is settled,
                // and killing what is left of its group does not change it.
                let (status, stderr) = self.end();
                let stderr = String::from_utf8_lossy(&stderr).into_owned();
                Outcome::Ended { status, stderr }
            }
        }
    }

    /// Whether the child may read another document: it has not read too many, and has not
    /// grown past half its memory limit.
    fn fit(&self, memory: u64) -> bool {
        self.served < MAX_DOCUMENTS && address_space(self.pid).is_none_or(|size| size <= memory / 2)
    }

    /// Whether the child is still running (asked without reaping it, so that its process
    /// group stays its own until it is killed).
    fn alive(&self) -> bool {
        let options = WaitIdOptions::EXITED | WaitIdOptions::NOHANG | WaitIdOptions::NOWAIT;
        matches!(waitid(WaitId::Pid(self.pid), options), Ok(None))
    }

    /// Kills the child and its group (before reaping it, so that the group id cannot have been
    /// taken by another process), reaps it, waits for its pipes to close, and returns its exit
    /// status and the tail of its standard error.
    fn end(&mut self) -> (Option<ExitStatus>, Vec<u8>) {
        if self.ended {
            return (None, Vec::new());
        }
        self.ended = true;
        self.stdin = None;
        let _ = kill_process_group(self.pid, Signal::KILL);
        let status = self.child.wait().ok();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        (status, std::mem::take(&mut *lock(&self.stderr)))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.end();
    }
}

/// Hands each line the child prints to the parent; stops at the end of its output, or after
/// a line longer than the current cap.
fn read_replies(out: ChildStdout, cap: &AtomicU64, tx: &Sender<Msg>) {
    let mut r = BufReader::with_capacity(64 << 10, out);
    loop {
        // The cap is read once the answer has begun, so it is the current request's.
        match r.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(_) => {}
        }
        let max = cap.load(Ordering::SeqCst);
        let mut line = Vec::new();
        match (&mut r)
            .take(max.saturating_add(1))
            .read_until(b'\n', &mut line)
        {
            Ok(0) | Err(_) => return,
            Ok(_) if line.ends_with(b"\n") => {
                if tx.send(Msg::Line(line)).is_err() {
                    return;
                }
            }
            Ok(n) => {
                if n as u64 > max {
                    let _ = tx.send(Msg::TooLong(max as usize));
                }
                return;
            }
        }
    }
}

/// Keeps the last [`STDERR_TAIL`] bytes the child prints on standard error.
fn read_stderr(mut err: ChildStderr, tail: &Mutex<Vec<u8>>) {
    let mut buf = [0u8; 4096];
    loop {
        match err.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                let mut t = lock(tail);
                t.extend_from_slice(&buf[..n]);
                if t.len() > STDERR_TAIL {
                    let cut = t.len() - STDERR_TAIL;
                    t.drain(..cut);
                }
            }
        }
    }
}

/// The CPU time a process has used, in whole seconds rounded up (`/proc/PID/stat`).
fn cpu_seconds(pid: Pid) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.as_raw_nonzero())).ok()?;
    cpu_ticks(&stat).map(|ticks| ticks.div_ceil(rustix::param::clock_ticks_per_second().max(1)))
}

/// User plus system time, in clock ticks, from the text of `/proc/PID/stat` (fields 14 and 15;
/// the command name in field 2 may hold spaces and parentheses).
fn cpu_ticks(stat: &str) -> Option<u64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(user + system)
}

/// The size of a process's address space in bytes (`/proc/PID/statm`).
fn address_space(pid: Pid) -> Option<u64> {
    let statm = std::fs::read_to_string(format!("/proc/{}/statm", pid.as_raw_nonzero())).ok()?;
    let pages: u64 = statm.split_whitespace().next()?.parse().ok()?;
    Some(pages.saturating_mul(rustix::param::page_size() as u64))
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("exe", &self.key.exe)
            .field("stats", &self.stats())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt;

    #[test]
    fn cpu_time_is_read_past_a_command_name_with_parentheses() {
        let stat = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 500 0 0 0 123 45 0 0 20 0 1 0";
        assert_eq!(cpu_ticks(stat), Some(168));
        assert_eq!(cpu_ticks("4242 (x) S 1"), None);
        assert_eq!(cpu_ticks("no parenthesis"), None);
    }

    #[test]
    fn this_process_can_be_measured() {
        let me = rustix::process::getpid();
        let size = address_space(me).expect("statm");
        assert!(size > 1 << 20, "{size}");
        assert!(cpu_seconds(me).is_some());
    }

    /// A stand-in for the reading child: a shell script that answers each request line with
    /// its own process id, dies of SIGSEGV on `crash`, and never answers `hang` (its `sleep`
    /// is in its process group, so it goes too).
    fn fake_child(dir: &Path) -> Isolation {
        use std::os::unix::fs::PermissionsExt;
        let exe = dir.join("fake-reader");
        std::fs::write(
            &exe,
            "#!/bin/sh\nwhile IFS= read -r line; do\n  case \"$line\" in\n    crash) kill -SEGV $$ ;;\n    hang) sleep 60 ;;\n    *) echo \"$$\" ;;\n  esac\ndone\n",
        )
        .unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        Isolation {
            exe,
            timeout: Duration::from_secs(20),
            memory: 1 << 30,
            workers: 1,
            small_text: 0,
        }
    }

    #[test]
    fn a_child_reads_many_documents_and_one_that_fails_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let iso = fake_child(dir.path());
        let p = pool(&iso, None);
        let send = |req: &str, timeout: Duration| {
            p.read(format!("{req}\n").as_bytes(), b"", 1, timeout, 30, 1 << 10)
        };
        let pid = |o: Outcome| match o {
            Outcome::Reply(line) => String::from_utf8(line).unwrap().trim().to_string(),
            other => panic!("{other:?}"),
        };
        let long = Duration::from_secs(20);
        let first = pid(send("a", long));
        assert_eq!(pid(send("b", long)), first);
        assert_eq!(pid(send("c", long)), first);
        assert_eq!(p.stats().started, 1);
        match send("crash", long) {
            Outcome::Ended { status, .. } => {
                assert_eq!(status.and_then(|s| s.signal()), Some(11));
            }
            other => panic!("{other:?}"),
        }
        let second = pid(send("d", long));
        assert_ne!(second, first);
        assert_eq!(p.stats().started, 2);
        assert!(matches!(
            send("hang", Duration::from_millis(300)),
            Outcome::TimedOut
        ));
        // The child that hung is gone, with the program it was waiting for.
        let hung: i32 = second.parse().unwrap();
        assert!(!Path::new(&format!("/proc/{hung}")).exists());
        let third = pid(send("e", long));
        assert!(third != first && third != second);
        assert_eq!(
            p.stats(),
            Stats {
                live: 1,
                idle: 1,
                started: 3
            }
        );
    }

    #[test]
    fn a_program_that_cannot_start_is_a_message_and_no_child() {
        let iso = Isolation {
            exe: PathBuf::from("/nonexistent/councilrecs-not-here"),
            timeout: Duration::from_secs(5),
            memory: 1 << 30,
            workers: 2,
            small_text: 0,
        };
        let p = pool(&iso, None);
        let out = p.read(b"{}\n", b"", 2, Duration::from_secs(1), 5, 1 << 20);
        match out {
            Outcome::NotStarted(m) => {
                assert!(
                    m.starts_with("cannot start /nonexistent/councilrecs-not-here: "),
                    "{m}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            p.stats(),
            Stats {
                live: 0,
                idle: 0,
                started: 0
            }
        );
    }
}
