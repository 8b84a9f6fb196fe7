//! Where the time of a run went, for `extract --stats` (hidden) and the benchmarks: the wall
//! time summed over documents of each stage the parent sees — reading files, reading
//! documents (decode and extract, here or in a child), writing records — how many child
//! processes were started, how many readings in this process were given up on at their
//! deadline, and the peak memory of this process.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A stage of the pipeline whose time is counted.
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    /// Reading a file's bytes from disk.
    File,
    /// Sniffing, decoding and extracting, in this process or in a child.
    Reading,
    /// Writing the record.
    Output,
}

static NANOS: [AtomicU64; 3] = [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];

/// Adds the time since `since` to `stage`.
pub fn add(stage: Stage, since: Instant) {
    let ns = u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX);
    NANOS[stage as usize].fetch_add(ns, Ordering::Relaxed);
}

/// The time counted for `stage` so far.
pub fn total(stage: Stage) -> Duration {
    Duration::from_nanos(NANOS[stage as usize].load(Ordering::Relaxed))
}

/// The line `extract --stats` prints on standard error: seconds per stage, child processes
/// started and this process's peak resident memory, as JSON.
pub fn summary() -> String {
    serde_json::json!({
        "file_s": total(Stage::File).as_secs_f64(),
        "reading_s": total(Stage::Reading).as_secs_f64(),
        "output_s": total(Stage::Output).as_secs_f64(),
        "children_started": super::pool::started(),
        "readings_given_up": super::in_process::abandoned(),
        "peak_rss_mb": peak_rss_kib().map(|k| k as f64 / 1024.0),
    })
    .to_string()
}

/// This process's peak resident memory in KiB (`VmHWM` in `/proc/self/status`).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
