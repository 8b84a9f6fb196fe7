//! `councilrecs extract PATH...`: read documents from files and folders and write one record
//! per document, in input order.

use super::{Outcome, is_broken_pipe, progress_allowed};
use crate::batch;
use crate::cli::GlobalArgs;
use crate::decode::{Hint, Limits};
use crate::isolate::{self, Isolation};
use crate::model::{Record, Source};
use crate::output::{self, Format};
use crate::pipeline::{RecordOptions, error_record};
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Args)]
#[command(
    about = "Extract recommendations, themes and actions from documents",
    long_about = "Reads each file (folders are walked recursively in sorted path order) and writes \
                  one record per document, in input order whatever the thread count. The kind of \
                  each file (HTML, text, Markdown) is sniffed from its bytes. A document that \
                  cannot be read gives a record with `error` and the run goes on; the exit code \
                  is then 1.",
    after_help = "Examples:\n  councilrecs extract fixtures/\n  councilrecs extract minutes.html report.txt --format json --out records.json\n  councilrecs extract -j 1 papers/ | jq '.recommendations[].text'\n  councilrecs extract 'https://democracy.example.gov.uk/ieDecisionDetails.aspx?ID=123'"
)]
pub struct ExtractArgs {
    /// Files or folders to read, or http(s) URLs to fetch.
    #[arg(required = true, value_name = "PATH_OR_URL")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Write records to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Worker threads (0 = one per core).
    #[arg(short = 'j', long = "jobs", default_value_t = 0, value_name = "N")]
    pub jobs: usize,
    /// Add each document's normalised text (`text`), which every `span` indexes.
    #[arg(long)]
    pub emit_text: bool,
    /// The store URLs are fetched into (default: $COUNCILRECS_STORE, else ~/.cache/councilrecs).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
}

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

/// Reads and extracts one input in this process.
pub fn process(input: &Input, opts: &RecordOptions) -> Record {
    process_isolated(input, opts, None)
}

/// Reads and extracts one input; PDF and Word files are read in a child process when `iso`
/// is given.
pub fn process_isolated(input: &Input, opts: &RecordOptions, iso: Option<&Isolation>) -> Record {
    match input {
        Input::Missing(p, why) => error_record(
            source_for(p),
            "not_found",
            format!("{}: {why}", p.display()),
        ),
        Input::File(p) => {
            let source = source_for(p);
            let limit = opts.limits.max_bytes as u64;
            match std::fs::metadata(p) {
                Ok(m) if m.len() > limit => {
                    return error_record(
                        source,
                        "too_large",
                        format!(
                            "{} is {} bytes; the limit is {limit} (--max-bytes)",
                            p.display(),
                            m.len()
                        ),
                    );
                }
                Err(e) => return error_record(source, "io", format!("{}: {e}", p.display())),
                _ => {}
            }
            match std::fs::read(p) {
                Ok(bytes) => {
                    let name = p.to_string_lossy();
                    let hint = Hint {
                        name: Some(&name),
                        content_type: None,
                    };
                    isolate::record(&bytes, &hint, source, opts, iso)
                }
                Err(e) => error_record(source, "io", format!("{}: {e}", p.display())),
            }
        }
    }
}

fn source_for(p: &Path) -> Source {
    Source {
        path: Some(p.to_string_lossy().into_owned()),
        ..Default::default()
    }
}

pub fn run(args: &ExtractArgs, g: &GlobalArgs) -> anyhow::Result<Outcome> {
    let inputs = jobs(&args.paths);
    let opts = RecordOptions {
        emit_text: args.emit_text,
        limits: Limits {
            max_bytes: usize::try_from(g.max_bytes).unwrap_or(usize::MAX),
            ..Limits::default()
        },
    };
    let timeout = Duration::try_from_secs_f64(g.doc_timeout)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| anyhow::anyhow!("--doc-timeout must be a positive number of seconds"))?;
    let iso = Isolation::current_exe(timeout, g.doc_memory.saturating_mul(1 << 20))
        .map_err(|e| anyhow::anyhow!("cannot find the councilrecs executable: {e}"))?;
    let fetcher = inputs
        .iter()
        .any(|i| matches!(i, Job::Url(_)))
        .then(|| super::fetch::fetcher(args.store.as_deref(), g))
        .transpose()?;
    let pool = batch::pool(args.jobs)?;
    let mut writer = output::open(args.format, args.out.as_deref())?;
    let bar = progress_allowed(g).then(|| {
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
            Job::Url(u) => {
                let reader = crate::crawl::record::Reader {
                    opts: &opts,
                    iso: Some(&iso),
                };
                crate::crawl::record::from_url(fetcher.as_ref(), u, reader)
            }
            Job::Local(i) => process_isolated(i, &opts, Some(&iso)),
        },
        |_, record| {
            if let Some(e) = &record.error {
                failed += 1;
                if g.verbose > 0 || bar.is_none() && !g.quiet {
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
