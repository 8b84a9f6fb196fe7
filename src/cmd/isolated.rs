//! `councilrecs isolated-record` (hidden): a child process that reads documents for its parent,
//! one request after another (`pipeline::worker` on standard input and output).

use super::Outcome;
use crate::cli::IsolatedArgs;
use crate::config::Config;
use crate::pipeline::worker;
use std::io;

/// The request carries everything the reading needs, so the configuration is not used.
pub fn run(_args: &IsolatedArgs, _config: &Config) -> anyhow::Result<Outcome> {
    worker::serve_all(io::stdin().lock(), io::BufWriter::new(io::stdout().lock()))?;
    Ok(Outcome::Ok)
}
