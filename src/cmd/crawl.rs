//! `councilrecs crawl`: discover a council's papers over a date window, fetch them politely
//! into the store and write one record per document.

use super::{Outcome, is_broken_pipe, progress_allowed};
use crate::batch;
use crate::cli::GlobalArgs;
use crate::crawl::{self, CrawlOptions, Filters, Target};
use crate::decode::Limits;
use crate::fetch::{clock, parse_url};
use crate::isolate::Isolation;
use crate::model::Council;
use crate::output::{self, Format};
use crate::pipeline::RecordOptions;
use crate::registry::{self, Platform};
use crate::source::date::{Date, Window};
use anyhow::{Context, bail};
use clap::Args;
use regex::{Regex, RegexBuilder};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Instant;

#[derive(Debug, Args)]
#[command(
    about = "Find, fetch and extract a council's papers over a date window",
    long_about = "Walks each site — Modern.Gov (web service, meeting pages, decision lists, issue \
                  pages) or CMIS (month calendars, meeting pages) — over the window, downloads the \
                  matching documents into the store and writes one record per document, in a \
                  fixed order. Each record carries source.url, the council, and the crawl's \
                  committee, date and item in meta. Requests are polite: one at a time per host, \
                  --delay apart (or robots.txt's Crawl-delay when larger), robots.txt obeyed, \
                  429/5xx retried after Retry-After. A re-run with the same store asks only \
                  for changes; a killed run resumes. A summary line ends the run on stderr; the \
                  exit code is 1 when some document failed (its record carries error).",
    after_help = "Examples:\n  councilrecs crawl --council ROT --from 2023-01-01 --to 2023-12-31 --match 'peer (challenge|review)'\n  councilrecs crawl --base https://democracy.example.gov.uk --committee '^Cabinet$' --out cabinet.jsonl\n  councilrecs crawl --base https://example.cmis.uk.com/example --store papers/ --delay 2\n  councilrecs crawl --council all --from 2024-01-01 --match 'peer challenge' --sites 8"
)]
pub struct CrawlArgs {
    /// Site to crawl: a democracy site's base URL (host root or sub-path), or a decision,
    /// issue or meeting page (repeatable).
    #[arg(long = "base", value_name = "URL")]
    pub bases: Vec<String>,
    /// Council code from the registry (`councilrecs councils`), or `all` (repeatable).
    #[arg(long = "council", value_name = "CODE")]
    pub councils: Vec<String>,
    /// First day of the window (default: a year before --to).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day of the window (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    /// Keep agenda items, decisions and documents whose title matches (case-insensitive).
    #[arg(long = "match", value_name = "REGEX")]
    pub matches: Option<String>,
    /// Keep committees whose title matches (case-insensitive).
    #[arg(long, value_name = "REGEX")]
    pub committee: Option<String>,
    /// The store folder (default: $COUNCILRECS_STORE, else ~/.cache/councilrecs).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Write records to this file (replaced when the run ends) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Extraction threads (0 = one per core).
    #[arg(short = 'j', long = "jobs", default_value_t = 0, value_name = "N")]
    pub jobs: usize,
    /// Sites crawled at the same time.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub sites: usize,
    /// Add each document's normalised text (`text`), which every `span` indexes.
    #[arg(long)]
    pub emit_text: bool,
}

fn pattern(p: Option<&str>, flag: &str) -> anyhow::Result<Option<Regex>> {
    p.map(|p| {
        RegexBuilder::new(p)
            .case_insensitive(true)
            .build()
            .with_context(|| format!("{flag}: not a valid regular expression"))
    })
    .transpose()
}

fn day(s: Option<&str>, flag: &str) -> anyhow::Result<Option<Date>> {
    s.map(|s| {
        Date::parse_iso(s).with_context(|| format!("{flag} {s}: expected a date as YYYY-MM-DD"))
    })
    .transpose()
}

/// The sites the options name, in the order given.
pub fn targets(args: &CrawlArgs, quiet: bool) -> anyhow::Result<Vec<Target>> {
    let mut out: Vec<Target> = Vec::new();
    for code in &args.councils {
        let entries: Vec<&registry::CouncilEntry> = if code.eq_ignore_ascii_case("all") {
            let all = registry::councils();
            let skipped = all.iter().filter(|c| c.platform == Platform::Other).count();
            if skipped > 0 && !quiet {
                eprintln!(
                    "councilrecs: {skipped} councils run neither Modern.Gov nor CMIS and are skipped"
                );
            }
            all.iter()
                .filter(|c| c.platform != Platform::Other)
                .collect()
        } else {
            match registry::by_code(code) {
                Some(c) => vec![c],
                None => bail!("--council {code}: no such council (see `councilrecs councils`)"),
            }
        };
        for c in entries {
            let base = parse_url(&c.base_url)
                .with_context(|| format!("the registry's URL for {}", c.code))?;
            out.push(Target {
                label: c.code.clone(),
                council: Some(Council {
                    code: Some(c.code.clone()),
                    name: c.short_name().to_string(),
                }),
                base,
                platform: Some(c.platform).filter(|p| *p != Platform::Other),
            });
        }
    }
    for b in &args.bases {
        let base = parse_url(b).with_context(|| format!("--base {b}"))?;
        let known = base.host_str().and_then(registry::by_host);
        out.push(Target {
            label: base.host_str().unwrap_or("?").to_string(),
            council: known.map(|c| Council {
                code: Some(c.code.clone()),
                name: c.short_name().to_string(),
            }),
            base,
            platform: None,
        });
    }
    if out.is_empty() {
        bail!("nothing to crawl: give --base URL or --council CODE");
    }
    Ok(out)
}

/// The output file is written beside its final name and renamed at the end, so a killed
/// run never leaves a half-written file in its place.
struct OutFile {
    tmp: PathBuf,
    dest: PathBuf,
}

fn open_out(out: Option<&Path>) -> anyhow::Result<(Box<dyn Write>, Option<OutFile>)> {
    let Some(dest) = out else {
        return Ok((
            Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            None,
        ));
    };
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    let tmp = dest.with_file_name(name);
    let f =
        std::fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    Ok((
        Box::new(std::io::BufWriter::new(f)),
        Some(OutFile {
            tmp,
            dest: dest.to_path_buf(),
        }),
    ))
}

/// PDF and Word files are read in a child process under `--doc-timeout` and `--doc-memory`,
/// as `extract` reads them.
fn isolation(g: &GlobalArgs) -> anyhow::Result<Isolation> {
    let timeout = std::time::Duration::try_from_secs_f64(g.doc_timeout)
        .ok()
        .filter(|d| !d.is_zero())
        .context("--doc-timeout must be a positive number of seconds")?;
    Isolation::current_exe(timeout, g.doc_memory.saturating_mul(1 << 20))
        .context("cannot find the councilrecs executable")
}

pub fn run(args: &CrawlArgs, g: &GlobalArgs) -> anyhow::Result<Outcome> {
    let to = day(args.to.as_deref(), "--to")?.unwrap_or_else(clock::today);
    let from = day(args.from.as_deref(), "--from")?.unwrap_or_else(|| to.add_days(-365));
    if from > to {
        bail!("--from {from} is after --to {to}");
    }
    let filters = Filters {
        window: Window { from, to },
        matches: pattern(args.matches.as_deref(), "--match")?,
        committee: pattern(args.committee.as_deref(), "--committee")?,
    };
    let targets = targets(args, g.quiet)?;
    let fetcher = super::fetch::fetcher(args.store.as_deref(), g)?;
    let pool = batch::pool(args.jobs)?;
    let opts = CrawlOptions {
        filters,
        record: RecordOptions {
            emit_text: args.emit_text,
            limits: Limits {
                max_bytes: usize::try_from(g.max_bytes).unwrap_or(usize::MAX),
                ..Limits::default()
            },
        },
        isolation: Some(isolation(g)?),
        sites: args.sites,
        progress: progress_allowed(g),
    };
    // A database or a folder of CSV tables is written in place (SQLite has its own
    // transactions); a stream of records goes through a `.partial` file renamed at the end.
    let in_place = matches!(args.format, Format::Sqlite | Format::Csv) && args.out.is_some();
    let (mut writer, out_file) = if in_place {
        (output::open(args.format, args.out.as_deref())?, None)
    } else {
        let (out, out_file) = open_out(args.out.as_deref())?;
        (output::writer(args.format, out), out_file)
    };
    let started = Instant::now();
    let result = crawl::run(&fetcher, &targets, &opts, &pool, |r| writer.write(r));
    let finished = result.and_then(|s| writer.finish().map(|_| s));
    drop(writer);
    let summary = match finished {
        Err(e) if is_broken_pipe(&e) => return Ok(Outcome::Ok),
        Err(e) => return Err(anyhow::anyhow!("cannot write records: {e}")),
        Ok(s) => s,
    };
    if let Some(f) = out_file {
        std::fs::rename(&f.tmp, &f.dest)
            .with_context(|| format!("cannot write {}", f.dest.display()))?;
    }
    if !g.quiet {
        let st = &fetcher.stats;
        eprintln!(
            "councilrecs: crawl: {} documents found, {} fetched, {} unchanged, {} failed \
             ({} sites, {} requests, {} retries, {:.1} s)",
            summary.found,
            summary.fetched,
            summary.unchanged,
            summary.failed,
            summary.sites,
            st.requests.load(Ordering::Relaxed),
            st.retries.load(Ordering::Relaxed),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if summary.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: CrawlArgs,
    }

    fn args(v: &[&str]) -> CrawlArgs {
        Cli::parse_from(std::iter::once("crawl").chain(v.iter().copied())).args
    }

    #[test]
    fn councils_resolve_to_base_urls_and_platforms() {
        let a = args(&[
            "--council",
            "rot",
            "--council",
            "BRA",
            "--base",
            "https://h.example/sub/",
        ]);
        let t = targets(&a, true).unwrap();
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].label, "ROT");
        assert_eq!(t[0].platform, Some(Platform::Moderngov));
        assert_eq!(
            t[0].council.as_ref().map(|c| c.code.as_deref()),
            Some(Some("ROT"))
        );
        assert_eq!(t[1].platform, Some(Platform::Cmis));
        assert_eq!(
            t[1].base.as_str(),
            "http://braintree.cmis.uk.com/braintree/Councillors.aspx"
        );
        assert_eq!(t[2].label, "h.example");
        assert_eq!(t[2].platform, None);
        assert_eq!(t[2].council, None);
        let all = targets(&args(&["--council", "all"]), true).unwrap();
        let crawlable = registry::councils()
            .iter()
            .filter(|c| c.platform != Platform::Other)
            .count();
        assert_eq!(all.len(), crawlable);
        assert!(targets(&args(&["--council", "XXX"]), true).is_err());
        assert!(targets(&args(&[]), true).is_err());
        assert!(targets(&args(&["--base", "ftp://h/"]), true).is_err());
    }

    #[test]
    fn bad_dates_and_patterns_are_usage_errors() {
        assert!(day(Some("2023-13-01"), "--from").is_err());
        assert_eq!(
            day(Some("2023-02-28"), "--to").unwrap(),
            Date::new(2023, 2, 28)
        );
        assert!(pattern(Some("peer ("), "--match").is_err());
        let re = pattern(Some("peer (challenge|review)"), "--match")
            .unwrap()
            .unwrap();
        assert!(re.is_match("Corporate PEER Challenge"));
    }
}
