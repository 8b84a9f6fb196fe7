//! Crawling: for each site, tell the platform, walk its listings over the date window, fetch
//! the matching documents and extract them.
//!
//! Each site is walked by one thread, in a fixed order, so a run is repeatable and a re-run
//! over the same store revalidates what it saw in the same order. Sites run side by side
//! (the per-host scheduler keeps them polite). Documents go to rayon for extraction as soon
//! as their bytes are in, while the walker fetches on; records are written in site order,
//! then discovery order, whatever finishes first.

pub mod cmis;
pub mod detect;
pub mod moderngov;
pub mod site;

use crate::config::Config;
use crate::fetch::Fetcher;
use crate::model::{Council, Record};
use crate::pipeline::Facts;
use crate::registry::Platform;
use crate::source::date::Window;
use regex::Regex;
use site::{Counts, SiteCtx};
use std::collections::{BTreeMap, HashSet};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use url::Url;

/// One site to crawl.
#[derive(Debug, Clone)]
pub struct Target {
    /// Shown on progress bars (the council code, shared-site group or host).
    pub label: String,
    /// The council every record is attributed to, for a site of one council.
    pub council: Option<Council>,
    /// The councils a shared site serves (each record goes to the one its text names, else
    /// the first); empty for a site of one council.
    pub site_councils: Vec<Council>,
    pub base: Url,
    /// The platform the registry says the site runs, if known.
    pub platform: Option<Platform>,
}

/// What to keep.
#[derive(Debug, Clone)]
pub struct Filters {
    pub window: Window,
    /// `--match`: on agenda item, decision or document titles.
    pub matches: Option<Regex>,
    /// `--committee`: on committee titles (and decision makers).
    pub committee: Option<Regex>,
}

/// What to crawl besides the sites.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    pub filters: Filters,
    /// Sites walked at the same time.
    pub sites: usize,
}

/// Documents found, fetched (new or changed), unchanged (not modified) and failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub sites: usize,
    pub found: u64,
    pub fetched: u64,
    pub unchanged: u64,
    pub failed: u64,
}

pub(crate) enum Msg {
    Record {
        site: usize,
        seq: usize,
        record: Box<Record>,
    },
    SiteDone {
        site: usize,
        total: usize,
    },
}

/// Crawls every target and hands each record to `write`, in order. Documents are read as
/// `config` says (`crate::pipeline::read`). Stops early (returning the error) when `write`
/// fails, e.g. on a closed pipe.
pub fn run(
    fetcher: &Fetcher,
    targets: &[Target],
    opts: &CrawlOptions,
    config: &Config,
    pool: &rayon::ThreadPool,
    mut write: impl FnMut(&Record) -> io::Result<()>,
) -> io::Result<Summary> {
    let counts = Counts::default();
    let cancel = AtomicBool::new(false);
    let next = AtomicUsize::new(0);
    let multi = config.progress.then(indicatif::MultiProgress::new);
    // Documents are read on the pool after their walker has moved on, so each holds a share.
    let config = Arc::new(config.clone());
    let mut failed = 0u64;
    let mut result = Ok(());
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel::<Msg>();
        for _ in 0..opts.sites.clamp(1, targets.len().max(1)) {
            let tx = tx.clone();
            let (counts, cancel, next, multi, config) = (&counts, &cancel, &next, &multi, &config);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(target) = targets.get(i) else { break };
                    let bar = multi.as_ref().map(|m| m.add(site_bar(&target.label)));
                    let mut ctx = SiteCtx {
                        fetcher,
                        filters: &opts.filters,
                        site: i,
                        council: target.council.clone(),
                        site_councils: target.site_councils.clone(),
                        slow: false,
                        config: Arc::clone(config),
                        pool,
                        tx: tx.clone(),
                        seq: 0,
                        seen: HashSet::new(),
                        counts,
                        cancel,
                        bar: bar.clone(),
                    };
                    // A bug in a walker costs its site, never the run: the site's record
                    // says what happened and the other sites go on.
                    let walked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        crawl_site(&mut ctx, target)
                    }));
                    if let Err(p) = walked {
                        let why = p
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| p.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown".into());
                        ctx.error_record(
                            target.base.as_str(),
                            "internal",
                            format!("crawling this site stopped on an internal error ({why}); the other sites went on"),
                            &Facts::default(),
                        );
                    }
                    let _ = tx.send(Msg::SiteDone {
                        site: i,
                        total: ctx.seq,
                    });
                    // Not finished here: extraction may still be moving the bar on.
                    if let Some(b) = bar {
                        b.set_message("walked");
                    }
                }
            });
        }
        drop(tx);
        // Records arrive out of order; hold them until their turn.
        let mut pending: BTreeMap<(usize, usize), Box<Record>> = BTreeMap::new();
        let mut totals: BTreeMap<usize, usize> = BTreeMap::new();
        let (mut site, mut seq) = (0usize, 0usize);
        for msg in rx {
            match msg {
                Msg::Record { site, seq, record } => {
                    pending.insert((site, seq), record);
                }
                Msg::SiteDone { site, total } => {
                    totals.insert(site, total);
                }
            }
            loop {
                if let Some(r) = pending.remove(&(site, seq)) {
                    failed += u64::from(r.error.is_some());
                    if result.is_ok()
                        && let Err(e) = write(&r)
                    {
                        cancel.store(true, Ordering::Relaxed);
                        result = Err(e);
                    }
                    seq += 1;
                } else if totals.get(&site) == Some(&seq) {
                    site += 1;
                    seq = 0;
                } else {
                    break;
                }
            }
        }
    });
    if let Some(m) = &multi {
        let _ = m.clear();
    }
    result?;
    Ok(Summary {
        sites: targets.len(),
        found: counts.found.load(Ordering::Relaxed),
        fetched: counts.fetched.load(Ordering::Relaxed),
        unchanged: counts.unchanged.load(Ordering::Relaxed),
        failed,
    })
}

fn site_bar(label: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{prefix:>12} {bar:30} {pos}/{len} {wide_msg}")
    {
        bar.set_style(style);
    }
    bar.set_prefix(label.to_string());
    bar
}

/// Tells the platform of one site and walks it.
fn crawl_site(ctx: &mut SiteCtx, target: &Target) {
    ctx.status("finding the platform");
    match detect::detect(ctx, &target.base, target.platform) {
        Ok(detect::Plan::ModernGov { base, committees }) => moderngov::walk(ctx, &base, committees),
        Ok(detect::Plan::Cmis { meetings_url, page }) => cmis::walk(ctx, &meetings_url, &page),
        Ok(detect::Plan::Decision(url)) => moderngov::walk_decision(ctx, &url),
        Ok(detect::Plan::Issue(url)) => moderngov::walk_issue(ctx, &url),
        Ok(detect::Plan::Meeting(url)) => {
            moderngov::walk_meeting_page(ctx, &url, &moderngov::PageHints::default(), false)
        }
        Err(e) => ctx.error_record(&e.url, e.kind, e.to_string(), &Facts::default()),
    }
}
