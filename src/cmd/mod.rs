//! The commands: [`run`] turns the parsed command line into a [`Config`] once and hands it,
//! with the subcommand's own arguments, to that subcommand's `run` (one module each).
//!
//! Every command ends through [`exit_code`]: an error whose cause is a closed pipe downstream
//! (`| head`) ends the run quietly with 0, whatever the command was writing; any other error
//! is printed once, each cause once, and exits 2.

pub mod compare;
pub mod councils;
pub mod crawl;
pub mod docs;
pub mod extract;
pub mod fetch;
pub mod isolated;
pub mod schema;

use crate::cli::{Cli, Command, GlobalArgs, NetworkArgs, ReadingArgs};
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
        Command::Completions(a) => docs::completions(a),
        Command::Man(a) => docs::man(a),
        Command::IsolatedRecord(a) => isolated::run(a, &config),
    }
}

/// The process exit code of a command's result: 0 all documents read (or the reader of
/// standard output went away), 1 some failed, 2 a usage or setup error (printed here).
pub fn exit_code(result: anyhow::Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("councilrecs: {}", message(&e));
            ExitCode::from(2)
        }
    }
}

/// An error and its causes on one line, each said once: the parts of a cause (split at
/// `: `) that the message already holds (`cannot create x: No such file` over `No such
/// file`) are not repeated.
pub fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        for part in text.split(": ") {
            let part = part.trim();
            if part.is_empty() || out.contains(part) {
                continue;
            }
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(part);
        }
    }
    out
}

/// Whether an error was caused by a closed pipe downstream, however it was wrapped (an I/O,
/// JSON, CSV or SQLite error around it, or context added on the way up).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(caused_by_broken_pipe)
}

fn caused_by_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = e.downcast_ref::<io::Error>() {
        if io.kind() == io::ErrorKind::BrokenPipe {
            return true;
        }
        if let Some(inner) = io.get_ref() {
            return caused_by_broken_pipe(inner);
        }
    }
    if let Some(j) = e.downcast_ref::<serde_json::Error>() {
        return j.io_error_kind() == Some(io::ErrorKind::BrokenPipe);
    }
    if let Some(c) = e.downcast_ref::<csv::Error>()
        && let csv::ErrorKind::Io(io) = c.kind()
    {
        return io.kind() == io::ErrorKind::BrokenPipe;
    }
    e.source().is_some_and(caused_by_broken_pipe)
}

/// The configuration the command line asks for. Commands that read documents (`extract`,
/// `crawl`) read PDF and Word files in a child process and may run the installed converters.
pub fn config(cli: &Cli) -> anyhow::Result<Config> {
    let g = &cli.global;
    let registry = install_registry(g)?;
    let none = (NetworkArgs::default(), ReadingArgs::default());
    let (store, emit_text, reads_documents, (net, reading)) = match &cli.command {
        Command::Extract(a) => (
            a.store.clone(),
            a.emit_text,
            true,
            (a.network.clone(), a.reading.clone()),
        ),
        Command::Crawl(a) => (
            a.store.clone(),
            a.emit_text,
            true,
            (a.network.clone(), a.reading.clone()),
        ),
        Command::Fetch(a) => (a.store.clone(), false, false, (a.network.clone(), none.1)),
        _ => (None, false, false, none),
    };
    // An option given after the command's name wins over one given before it.
    let net = merge_network(net, &cli.network);
    let reading = ReadingArgs {
        doc_timeout: reading.doc_timeout.or(cli.reading.doc_timeout),
        doc_memory: reading.doc_memory.or(cli.reading.doc_memory),
    };
    let refresh = matches!(&cli.command, Command::Crawl(a) if a.refresh);
    let (isolation, tools) = if reads_documents {
        (Some(isolation(&reading)?), Tools::installed())
    } else {
        (None, Tools::default())
    };
    Ok(Config {
        fetch: FetchConfig {
            refresh,
            ..fetch_config(&net, g.quiet, g.verbose)?
        },
        record: RecordConfig {
            emit_text,
            limits: Limits {
                max_bytes: usize::try_from(max_bytes(&net)).unwrap_or(usize::MAX),
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

/// The network options given after the command's name, filled from those given before it
/// (lists of hosts and certificates from both).
fn merge_network(after: NetworkArgs, before: &NetworkArgs) -> NetworkArgs {
    fn both<T: Clone>(after: Vec<T>, before: &[T]) -> Vec<T> {
        before.iter().cloned().chain(after).collect()
    }
    NetworkArgs {
        delay: after.delay.or(before.delay),
        user_agent: after.user_agent.or_else(|| before.user_agent.clone()),
        ignore_robots: after.ignore_robots || before.ignore_robots,
        offline: after.offline || before.offline,
        timeout: after.timeout.or(before.timeout),
        connect_timeout: after.connect_timeout.or(before.connect_timeout),
        ca_certs: both(after.ca_certs, &before.ca_certs),
        insecure_hosts: both(after.insecure_hosts, &before.insecure_hosts),
        legacy_tls_hosts: both(after.legacy_tls_hosts, &before.legacy_tls_hosts),
        max_bytes: after.max_bytes.or(before.max_bytes),
    }
}

/// `--max-bytes`, 100 MiB unless given.
fn max_bytes(net: &NetworkArgs) -> u64 {
    net.max_bytes.unwrap_or(100 << 20)
}

/// How the HTTP client behaves, from the network options.
fn fetch_config(net: &NetworkArgs, quiet: bool, verbose: u8) -> anyhow::Result<FetchConfig> {
    // Seconds from the command line, capped at a week so that no later sum overflows.
    let secs = |s: f64| {
        Duration::try_from_secs_f64(s.clamp(0.0, 7.0 * 86_400.0)).unwrap_or(Duration::ZERO)
    };
    let mut ca_certs = Vec::new();
    for p in &net.ca_certs {
        ca_certs.push(std::fs::read(p).with_context(|| format!("--ca-cert {}", p.display()))?);
    }
    for h in &net.insecure_hosts {
        if !quiet {
            eprintln!(
                "councilrecs: --insecure-host {h}: the TLS certificates of {h} are not verified"
            );
        }
    }
    for h in &net.legacy_tls_hosts {
        if !quiet {
            eprintln!(
                "councilrecs: --legacy-tls-host {h}: {h} is reached through the system's OpenSSL"
            );
        }
    }
    Ok(FetchConfig {
        user_agent: net.user_agent.clone().unwrap_or_else(default_user_agent),
        delay: secs(net.delay.unwrap_or(1.0)),
        timeout: net.timeout.map(|t| secs(t).max(Duration::from_millis(1))),
        connect_timeout: secs(net.connect_timeout.unwrap_or(10.0)).max(Duration::from_millis(1)),
        max_bytes: max_bytes(net),
        ignore_robots: net.ignore_robots,
        offline: net.offline,
        ca_certs,
        insecure_hosts: net.insecure_hosts.clone(),
        legacy_tls_hosts: net.legacy_tls_hosts.clone(),
        verbose: if quiet { 0 } else { verbose },
        ..FetchConfig::default()
    })
}

/// PDF and Word files are read in a child process under `--doc-timeout` and `--doc-memory`.
fn isolation(r: &ReadingArgs) -> anyhow::Result<Isolation> {
    let timeout = Duration::try_from_secs_f64(r.doc_timeout.unwrap_or(60.0))
        .ok()
        .filter(|d| !d.is_zero())
        .context("--doc-timeout must be a positive number of seconds")?;
    Isolation::current_exe(
        timeout,
        r.doc_memory.unwrap_or(2048).saturating_mul(1 << 20),
    )
    .context("cannot find the councilrecs executable")
}

/// Where output goes: a file (`--out`) or standard output, buffered.
pub fn open_output(out: Option<&std::path::Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match out {
        Some(p) => {
            let f = std::fs::File::create(p)
                .with_context(|| format!("cannot create {}", p.display()))?;
            Box::new(io::BufWriter::new(f))
        }
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    })
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

    #[test]
    fn options_after_the_command_win_and_sizes_take_units() {
        let c = config_of(&[
            "--delay",
            "3",
            "--timeout",
            "5",
            "extract",
            "--delay",
            "0.5",
            "--max-bytes",
            "10M",
            "a.txt",
        ])
        .unwrap();
        assert_eq!(c.fetch.delay, Duration::from_millis(500));
        assert_eq!(c.fetch.timeout, Some(Duration::from_secs(5)));
        assert_eq!(c.fetch.max_bytes, 10 << 20);
        assert_eq!(c.record.limits.max_bytes, 10 << 20);
        let d = config_of(&["fetch", "http://a.example/"]).unwrap();
        assert_eq!(d.fetch.delay, Duration::from_secs(1));
        assert_eq!(d.fetch.max_bytes, 100 << 20);
        // Accepted where they always were, though compare does not use them.
        assert!(config_of(&["compare", "--delay", "2", "--offline", "r.jsonl"]).is_ok());
    }

    #[test]
    fn a_cause_is_said_once_and_a_closed_pipe_is_found_under_wrappers() {
        let io = io::Error::new(io::ErrorKind::NotFound, "No such file or directory");
        let e =
            anyhow::Error::new(io).context("cannot create out/x.csv: No such file or directory");
        assert_eq!(
            message(&e),
            "cannot create out/x.csv: No such file or directory"
        );
        let e = anyhow::Error::new(io::Error::other("disk full")).context("cannot write records");
        assert_eq!(message(&e), "cannot write records: disk full");
        let inner = anyhow::anyhow!("Error code 14: unable to open database file");
        let e = inner
            .context("unable to open database file: x/y.db")
            .context("x/y.db: unable to open database file: x/y.db");
        assert_eq!(
            message(&e),
            "x/y.db: unable to open database file: Error code 14"
        );

        let pipe = || io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(
            &anyhow::Error::new(pipe()).context("writing")
        ));
        let json = serde_json::Error::io(pipe());
        assert!(is_broken_pipe(&anyhow::Error::new(io::Error::other(json))));
        let csv_error = csv::Error::from(pipe());
        assert!(is_broken_pipe(&anyhow::Error::new(csv_error)));
        assert!(!is_broken_pipe(&anyhow::anyhow!("broken pipe")));
    }
}
