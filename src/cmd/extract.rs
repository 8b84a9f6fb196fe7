//! `councilrecs extract PATH...`: read documents from files, folders, URLs or standard input
//! (`-`) and write one record per document, in input order, then a one-line summary on
//! standard error.

use super::Outcome;
use crate::batch;
use crate::cli::ExtractArgs;
use crate::config::Config;
use crate::fetch::Fetcher;
use crate::model::Record;
use crate::output;
use crate::pipeline::{self, DocInfo, stats};
use anyhow::Context;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One input: a file found on disk, or a path given that could not be walked.
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    Missing(PathBuf, String),
}

/// Expands files and folders into the list of documents, folders sorted and recursive.
pub fn expand(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let walker = walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .follow_links(true);
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && !is_hidden(e.path()) => {
                        out.push(Input::File(e.into_path()))
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| p.clone());
                        out.push(Input::Missing(path, e.to_string()));
                    }
                }
            }
        } else if p.exists() {
            out.push(Input::File(p.clone()));
        } else {
            out.push(Input::Missing(p.clone(), "no such file or folder".into()));
        }
    }
    out
}

/// One document to read: a local input, a URL fetched through the polite client, standard
/// input, or an address of a scheme that is not read.
enum Job {
    Local(Input),
    Url(String),
    Stdin,
    Unsupported(String, String),
}

impl Job {
    /// What picks the job's shard: its path or URL as given or found. Standard input is
    /// every instance's own, so it has none and is read whatever the shard.
    fn key(&self) -> Option<String> {
        match self {
            Job::Local(Input::File(p) | Input::Missing(p, _)) => {
                Some(p.to_string_lossy().into_owned())
            }
            Job::Url(u) | Job::Unsupported(u, _) => Some(u.clone()),
            Job::Stdin => None,
        }
    }
}

fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The scheme of an address such as `ftp://host/x` or `file:///etc/passwd`: letters, digits,
/// `+`, `-` or `.` after a letter, at least two of them (so `C://` stays a path), then `://`.
fn scheme(s: &str) -> Option<&str> {
    let (scheme, _) = s.split_once("://")?;
    let mut chars = scheme.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && scheme.len() >= 2;
    ok.then_some(scheme)
}

/// Expands the arguments in order, keeping URLs as they are; also returns the folders given
/// that hold no document.
fn jobs(paths: &[PathBuf]) -> (Vec<Job>, Vec<PathBuf>) {
    let mut out = Vec::new();
    let mut empty = Vec::new();
    for p in paths {
        let s = p.to_str();
        if s == Some("-") {
            out.push(Job::Stdin);
        } else if let Some(url) = s.filter(|s| is_url(s)) {
            out.push(Job::Url(url.to_string()));
        } else if let Some(scheme) = s.and_then(scheme).filter(|_| !p.exists()) {
            out.push(Job::Unsupported(
                p.to_string_lossy().into_owned(),
                scheme.to_ascii_lowercase(),
            ));
        } else {
            let found = expand(std::slice::from_ref(p));
            if found.is_empty() {
                empty.push(p.clone());
            }
            out.extend(found.into_iter().map(Job::Local));
        }
    }
    (out, empty)
}

/// The record of the one document on standard input (`-`), read up to the size limit.
fn from_stdin(config: &Config, taken: &std::sync::atomic::AtomicBool) -> Record {
    let info = DocInfo::file("-");
    if taken.swap(true, std::sync::atomic::Ordering::SeqCst) {
        let message = "standard input (-) can be read only once".to_string();
        return pipeline::failed(&info, "usage", message);
    }
    let limit = config.record.limits.max_bytes as u64;
    let mut bytes = Vec::new();
    match std::io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
    {
        Ok(_) if bytes.len() as u64 > limit => pipeline::failed(
            &info,
            "too_large",
            format!("standard input is over the limit of {limit} bytes (--max-bytes)"),
        ),
        Ok(_) => pipeline::read(&bytes, &info, config),
        Err(e) => pipeline::failed(&info, "io", format!("standard input: {e}")),
    }
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// The record of one input, read as `config` says.
pub fn process(input: &Input, config: &Config) -> Record {
    match input {
        Input::Missing(p, why) => pipeline::failed(
            &DocInfo::file(p.to_string_lossy()),
            "not_found",
            format!("{}: {why}", p.display()),
        ),
        Input::File(p) => pipeline::read_file(p, config),
    }
}

/// Fetches one URL through the polite client and the store and makes its record.
fn from_url(fetcher: Option<&Fetcher>, url: &str, config: &Config) -> Record {
    // Never print or keep a password given in a URL.
    let clean = crate::fetch::parse_url(url).map(|u| u.to_string());
    let url = clean.as_deref().unwrap_or(url);
    let Some(fetcher) = fetcher else {
        let message = "no HTTP client for URL inputs".into();
        return pipeline::failed(&DocInfo::url(url), "network", message);
    };
    match fetcher.get_body(url, crate::fetch::Ask::default()) {
        Ok((f, bytes)) => {
            let info = DocInfo {
                final_url: Some(f.final_url),
                fetched_at: Some(f.fetched_at),
                content_type: f.media_type,
                notes: f.tls_note.map(str::to_string).into_iter().collect(),
                ..DocInfo::url(url)
            };
            pipeline::read(&bytes, &info, config)
        }
        Err(e) => pipeline::failed(&DocInfo::url(url), e.kind(), e.to_string()),
    }
}

/// What a run of `extract` read and found, for its summary line.
#[derive(Debug, Default)]
struct Tally {
    documents: usize,
    failed: usize,
    recommendations: usize,
    themes: usize,
    actions: usize,
}

pub fn run(args: &ExtractArgs, config: &Config) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let (mut inputs, empty) = jobs(&args.paths);
    if let Some(shard) = args.shard {
        inputs.retain(|j| j.key().is_none_or(|k| shard.holds(&k)));
    }
    if !config.quiet {
        for dir in &empty {
            eprintln!(
                "councilrecs: warning: {}: no documents in this folder",
                dir.display()
            );
        }
    }
    let fetcher = inputs
        .iter()
        .any(|i| matches!(i, Job::Url(_)))
        .then(|| super::fetch::fetcher(config))
        .transpose()?;
    if let Some(f) = &fetcher {
        for i in &inputs {
            if let Job::Url(u) = i {
                f.trust_start(u);
            }
        }
    }
    let pool = batch::pool(args.jobs)?;
    let mut writer = output::open(args.format, args.out.as_deref(), args.bom)?;
    let bar = config.progress.then(|| {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents, {per_sec}, {elapsed} so far, about {eta} to go",
            )
            .expect("template"),
        );
        b
    });
    let stdin_taken = std::sync::atomic::AtomicBool::new(false);
    let mut tally = Tally::default();
    let result = batch::run_ordered(
        &inputs,
        &pool,
        |i| match i {
            Job::Url(u) => from_url(fetcher.as_ref(), u, config),
            Job::Local(i) => process(i, config),
            Job::Stdin => from_stdin(config, &stdin_taken),
            Job::Unsupported(address, scheme) => pipeline::failed(
                &DocInfo::url(address.as_str()),
                "unsupported_scheme",
                format!(
                    "{address}: {scheme}: addresses are not read; only http and https \
                     (or a local path)"
                ),
            ),
        },
        |_, record| {
            tally.documents += 1;
            tally.recommendations += record.recommendations.len();
            tally.themes += record.themes.len();
            tally.actions += record.actions.len();
            if let Some(e) = &record.error {
                tally.failed += 1;
                if config.verbose > 0 || bar.is_none() && !config.quiet {
                    let s = &record.source;
                    let at = s.path.as_deref().or(s.url.as_deref()).unwrap_or("?");
                    // Most messages already start with the document's name.
                    if e.message.starts_with(at) {
                        eprintln!("councilrecs: {}", e.message);
                    } else {
                        eprintln!("councilrecs: {at}: {}", e.message);
                    }
                }
            }
            if let Some(b) = &bar {
                b.inc(1);
            }
            let started = Instant::now();
            let written = writer.write(&record);
            stats::add(stats::Stage::Output, started);
            written
        },
    );
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    result
        .and_then(|_| writer.finish())
        .context("cannot write records")?;
    if args.stats {
        eprintln!("councilrecs: stats: {}", stats::summary());
    }
    if !config.quiet {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        eprintln!(
            "councilrecs: extract: {}, {}, {}, {}, {} failed ({:.1} s)",
            plural(tally.documents, "document", "documents"),
            plural(tally.recommendations, "recommendation", "recommendations"),
            plural(tally.themes, "theme", "themes"),
            plural(tally.actions, "action", "actions"),
            tally.failed,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if tally.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_told_from_paths() {
        assert_eq!(scheme("file:///etc/passwd"), Some("file"));
        assert_eq!(scheme("ftp://example.org/a.pdf"), Some("ftp"));
        assert_eq!(scheme("svn+ssh://h/x"), Some("svn+ssh"));
        assert_eq!(scheme("C://x"), None);
        assert_eq!(scheme("papers/a.pdf"), None);
        assert_eq!(scheme("1x://a"), None);
    }
}
