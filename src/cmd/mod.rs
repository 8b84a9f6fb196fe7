//! The commands: [`run`] turns the parsed command line into a [`Config`] once and hands it,
//! with the subcommand's own arguments, to that subcommand's `run` (one module each).

pub mod compare;
pub mod councils;
pub mod crawl;
pub mod extract;
pub mod fetch;
pub mod isolated;
pub mod schema;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::config::{Config, Isolation, RecordConfig};
use crate::decode::Limits;
use crate::fetch::{FetchConfig, default_user_agent};
use crate::registry;
use crate::store;
use crate::tools::Tools;
use anyhow::Context;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every document was read.
    Ok,
    /// Some documents failed; their records carry `error`.
    SomeFailed,
}

/// Runs the command the command line names.
pub fn run(cli: &Cli) -> anyhow::Result<Outcome> {
    let config = config(cli)?;
    match &cli.command {
        Command::Extract(a) => extract::run(a, &config),
        Command::Fetch(a) => fetch::run(a, &config),
        Command::Crawl(a) => crawl::run(a, &config),
        Command::Compare(a) => compare::run(a, &config),
        Command::Councils(a) => councils::run(a, &config),
        Command::Schema(a) => schema::run(a, &config),
        Command::IsolatedRecord(a) => isolated::run(a, &config),
    }
}

/// The process exit code of a command's result: 0 all documents read, 1 some failed, 2 a
/// usage or setup error (printed here).
pub fn exit_code(result: anyhow::Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Err(e) => {
            eprintln!("councilrecs: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The configuration the command line asks for. Commands that read documents (`extract`,
/// `crawl`) read PDF and Word files in a child process and may run the installed converters.
pub fn config(cli: &Cli) -> anyhow::Result<Config> {
    let g = &cli.global;
    let registry = install_registry(g)?;
    let (store, emit_text, reads_documents) = match &cli.command {
        Command::Extract(a) => (a.store.clone(), a.emit_text, true),
        Command::Crawl(a) => (a.store.clone(), a.emit_text, true),
        Command::Fetch(a) => (a.store.clone(), false, false),
        _ => (None, false, false),
    };
    let refresh = matches!(&cli.command, Command::Crawl(a) if a.refresh);
    let (isolation, tools) = if reads_documents {
        (Some(isolation(g)?), Tools::installed())
    } else {
        (None, Tools::default())
    };
    Ok(Config {
        fetch: FetchConfig {
            refresh,
            ..fetch_config(g)?
        },
        record: RecordConfig {
            emit_text,
            limits: Limits {
                max_bytes: usize::try_from(g.max_bytes).unwrap_or(usize::MAX),
                ..Limits::default()
            },
        },
        isolation,
        store: store.unwrap_or_else(store::default_dir),
        tools,
        progress: !g.quiet && !g.no_progress && io::stderr().is_terminal(),
        quiet: g.quiet,
        verbose: g.verbose,
        registry,
    })
}

/// Puts the registry named by `--registry` (else `$COUNCILRECS_REGISTRY`) in place of the
/// built-in one, leaving out councils that have ended; returns its path.
fn install_registry(g: &GlobalArgs) -> anyhow::Result<Option<std::path::PathBuf>> {
    let path = g.registry.clone().or_else(|| {
        std::env::var_os(crate::config::REGISTRY_ENV)
            .filter(|v| !v.is_empty())
            .map(std::path::PathBuf::from)
    });
    let Some(p) = path else { return Ok(None) };
    let text = std::fs::read_to_string(&p)
        .with_context(|| format!("cannot read the registry {}", p.display()))?;
    let today = crate::fetch::clock::today().iso();
    let councils = registry::parse(&text, Some(&today))
        .with_context(|| format!("registry {}", p.display()))?;
    registry::install(councils).with_context(|| format!("registry {}", p.display()))?;
    Ok(Some(p))
}

/// How the HTTP client behaves, from the global options.
fn fetch_config(g: &GlobalArgs) -> anyhow::Result<FetchConfig> {
    // Seconds from the command line, capped at a week so that no later sum overflows.
    let secs = |s: f64| {
        Duration::try_from_secs_f64(s.clamp(0.0, 7.0 * 86_400.0)).unwrap_or(Duration::ZERO)
    };
    let mut ca_certs = Vec::new();
    for p in &g.ca_certs {
        ca_certs.push(std::fs::read(p).with_context(|| format!("--ca-cert {}", p.display()))?);
    }
    for h in &g.insecure_hosts {
        if !g.quiet {
            eprintln!(
                "councilrecs: --insecure-host {h}: the TLS certificates of {h} are not verified"
            );
        }
    }
    for h in &g.legacy_tls_hosts {
        if !g.quiet {
            eprintln!(
                "councilrecs: --legacy-tls-host {h}: {h} is reached through the system's OpenSSL"
            );
        }
    }
    Ok(FetchConfig {
        user_agent: g.user_agent.clone().unwrap_or_else(default_user_agent),
        delay: secs(g.delay),
        timeout: g.timeout.map(|t| secs(t).max(Duration::from_millis(1))),
        connect_timeout: secs(g.connect_timeout).max(Duration::from_millis(1)),
        max_bytes: g.max_bytes,
        ignore_robots: g.ignore_robots,
        offline: g.offline,
        ca_certs,
        insecure_hosts: g.insecure_hosts.clone(),
        legacy_tls_hosts: g.legacy_tls_hosts.clone(),
        verbose: if g.quiet { 0 } else { g.verbose },
        ..FetchConfig::default()
    })
}

/// PDF and Word files are read in a child process under `--doc-timeout` and `--doc-memory`.
fn isolation(g: &GlobalArgs) -> anyhow::Result<Isolation> {
    let timeout = Duration::try_from_secs_f64(g.doc_timeout)
        .ok()
        .filter(|d| !d.is_zero())
        .context("--doc-timeout must be a positive number of seconds")?;
    Isolation::current_exe(timeout, g.doc_memory.saturating_mul(1 << 20))
        .context("cannot find the councilrecs executable")
}

/// Where records go: a file (`--out`) or standard output, buffered.
pub fn open_output(out: Option<&std::path::Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match out {
        Some(p) => {
            let f = std::fs::File::create(p)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", p.display()))?;
            Box::new(io::BufWriter::new(f))
        }
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    })
}

/// A closed pipe downstream (`| head`) ends the run quietly and successfully.
pub fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn config_of(args: &[&str]) -> anyhow::Result<Config> {
        config(&Cli::parse_from(
            std::iter::once("councilrecs").chain(args.iter().copied()),
        ))
    }

    #[test]
    fn options_become_one_config() {
        let c = config_of(&[
            "--delay",
            "2.5",
            "--max-bytes",
            "1000",
            "-q",
            "--doc-memory",
            "64",
            "extract",
            "--emit-text",
            "--store",
            "papers",
            "a.txt",
        ])
        .unwrap();
        assert_eq!(c.fetch.delay, Duration::from_millis(2500));
        assert_eq!(c.fetch.max_bytes, 1000);
        assert_eq!(c.fetch.verbose, 0);
        assert!(c.quiet && !c.progress);
        assert_eq!(c.record.limits.max_bytes, 1000);
        assert!(c.record.emit_text);
        assert_eq!(c.store, std::path::Path::new("papers"));
        let iso = c.isolation.unwrap();
        assert_eq!(iso.memory, 64 << 20);
        assert_eq!(iso.timeout, Duration::from_secs(60));
    }

    #[test]
    fn only_reading_commands_isolate_and_a_bad_time_limit_is_a_usage_error() {
        let c = config_of(&["compare", "r.jsonl"]).unwrap();
        assert_eq!(c.isolation, None);
        assert_eq!(c.tools, Tools::default());
        assert!(!c.record.emit_text);
        let e = config_of(&["--doc-timeout", "0", "extract", "a.txt"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "--doc-timeout must be a positive number of seconds"
        );
    }
}
