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
    /// How PDF and Word files are read in a child process; `None` reads them in this process.
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

/// How documents whose readers are not proven safe in-process are read in a child process.
#[derive(Debug, Clone, PartialEq, Eq)]
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
