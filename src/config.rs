//! The configuration of a run, built once from the command line (by `cmd`) and passed down by
//! reference: how to fetch, what goes into a record, how documents are isolated, where the
//! store is, which external converters may run, and what may be shown on standard error.
//!
//! Nothing here knows about clap; a library caller fills a [`Config`] in directly
//! (`Config::default()` reads every document in this process with the built-in readers only).

use crate::decode::Limits;
use crate::fetch::FetchConfig;
use crate::tools::Tools;
use std::path::PathBuf;
use std::time::Duration;

/// Everything a command needs to know besides its own arguments.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// How the HTTP client behaves (politeness, limits, offline).
    pub fetch: FetchConfig,
    /// What goes into a record, and how much a decoder takes on.
    pub record: RecordConfig,
    /// How documents are read in child processes under a time and memory limit; `None` reads
    /// them all in this process.
    pub isolation: Option<Isolation>,
    /// The store fetched bodies go to (`--store`, else `$COUNCILRECS_STORE`, else the cache);
    /// empty in `Config::default()`, so a library caller that fetches sets it.
    pub store: PathBuf,
    /// The external converters that may be run.
    pub tools: Tools,
    /// Whether progress bars may be drawn on standard error.
    pub progress: bool,
    /// Print only errors.
    pub quiet: bool,
    /// How much more to say on standard error (`-v`, `-vv`).
    pub verbose: u8,
    /// The council registry file in use instead of the built-in one (`--registry`, else
    /// `$COUNCILRECS_REGISTRY`); child processes are pointed at it too.
    pub registry: Option<PathBuf>,
}

/// The environment variable naming a council registry file to use instead of the built-in one.
pub const REGISTRY_ENV: &str = "COUNCILRECS_REGISTRY";

/// What goes into each record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordConfig {
    /// Include the normalised text (`text`) that spans index.
    pub emit_text: bool,
    pub limits: Limits,
}

/// How documents are read in child processes, each under a time and memory limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Isolation {
    /// The `councilrecs` executable to run as the child.
    pub exe: PathBuf,
    /// Wall-clock limit for one document.
    pub timeout: Duration,
    /// Address-space limit of the child, in bytes.
    pub memory: u64,
    /// The most children alive at once (at least one): the number of threads that read
    /// documents, so that none waits for a child.
    pub workers: usize,
    /// Text and HTML documents of at most this many bytes are read in this process, on a
    /// reader thread held to [`Isolation::timeout`]: their reading is bounded by their size
    /// (milliseconds), and the round trip to a child costs 10–17% more CPU time on a corpus of
    /// such documents. Larger ones, and every PDF and Word file, go to a child. 0 sends every
    /// document to a child.
    pub small_text: usize,
}

/// The default of [`Isolation::small_text`]: 64 KiB.
pub const SMALL_TEXT: usize = 64 << 10;

impl Isolation {
    /// Isolation through the running executable.
    pub fn current_exe(
        timeout: Duration,
        memory: u64,
        workers: usize,
    ) -> std::io::Result<Isolation> {
        Ok(Isolation {
            exe: std::env::current_exe()?,
            timeout,
            memory,
            workers,
            small_text: SMALL_TEXT,
        })
    }
}
