//! `councilrecs extract PATH...`: read documents from files and folders and write one record
//! per document, in input order.

use super::{Outcome, is_broken_pipe};
use crate::batch;
use crate::cli::ExtractArgs;
use crate::config::Config;
use crate::fetch::Fetcher;
use crate::model::Record;
use crate::output;
use crate::pipeline::{self, DocInfo};
use std::path::{Path, PathBuf};

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

/// One document to read: a local input, or a URL fetched through the polite client.
enum Job {
    Local(Input),
    Url(String),
}

fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Expands the arguments in order, keeping URLs as they are.
fn jobs(paths: &[PathBuf]) -> Vec<Job> {
    let mut out = Vec::new();
    for p in paths {
        match p.to_str().filter(|s| is_url(s)) {
            Some(url) => out.push(Job::Url(url.to_string())),
            None => out.extend(expand(std::slice::from_ref(p)).into_iter().map(Job::Local)),
        }
    }
    out
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

pub fn run(args: &ExtractArgs, config: &Config) -> anyhow::Result<Outcome> {
    let inputs = jobs(&args.paths);
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
    let mut writer = output::open(args.format, args.out.as_deref())?;
    let bar = config.progress.then(|| {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents {elapsed}")
                .expect("template"),
        );
        b
    });
    let mut failed = 0usize;
    let result = batch::run_ordered(
        &inputs,
        &pool,
        |i| match i {
            Job::Url(u) => from_url(fetcher.as_ref(), u, config),
            Job::Local(i) => process(i, config),
        },
        |_, record| {
            if let Some(e) = &record.error {
                failed += 1;
                if config.verbose > 0 || bar.is_none() && !config.quiet {
                    eprintln!(
                        "councilrecs: {}: {}",
                        record
                            .source
                            .path
                            .as_deref()
                            .or(record.source.url.as_deref())
                            .unwrap_or("?"),
                        e.message
                    );
                }
            }
            if let Some(b) = &bar {
                b.inc(1);
            }
            writer.write(&record)
        },
    );
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    match result.and_then(|_| writer.finish()) {
        Err(e) if is_broken_pipe(&e) => return Ok(Outcome::Ok),
        Err(e) => return Err(anyhow::anyhow!("cannot write records: {e}")),
        Ok(()) => {}
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}
