//! One site's crawl context: the filters, the fetcher, the documents already seen, and the
//! hand-off of each document to extraction (on rayon) as soon as its bytes are in.

use super::{Filters, Msg};
use crate::config::Config;
use crate::fetch::{Ask, FetchError, Fetched, Fetcher, Outcome, Wait};
use crate::model::Council;
use crate::pipeline::{self, DocInfo, Facts};
use crate::source::ParseError;
use crate::source::date::Date;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use url::Url;

/// Per-site document counts for the summary.
#[derive(Debug, Default)]
pub struct Counts {
    pub found: AtomicU64,
    pub fetched: AtomicU64,
    pub unchanged: AtomicU64,
}

/// Everything a walker needs.
pub struct SiteCtx<'a> {
    pub fetcher: &'a Fetcher,
    pub filters: &'a Filters,
    pub(super) site: usize,
    pub(super) council: Option<Council>,
    pub(super) site_councils: Vec<Council>,
    /// The site is slow to answer (CMIS): its pages get the longer time limit.
    pub slow: bool,
    pub(super) config: Arc<Config>,
    pub(super) pool: &'a rayon::ThreadPool,
    pub(super) tx: Sender<Msg>,
    pub(super) seq: usize,
    pub(super) seen: HashSet<String>,
    pub(super) counts: &'a Counts,
    pub(super) cancel: &'a AtomicBool,
    pub(super) bar: Option<indicatif::ProgressBar>,
}

impl SiteCtx<'_> {
    /// Whether only errors may be printed.
    pub fn config_quiet(&self) -> bool {
        self.config.quiet
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Whether a title passes `--match` (everything passes without it).
    pub fn matches(&self, title: &str) -> bool {
        self.filters
            .matches
            .as_ref()
            .is_none_or(|re| re.is_match(title))
    }

    /// Whether `--match` was given.
    pub fn filtering(&self) -> bool {
        self.filters.matches.is_some()
    }

    /// Whether a committee passes `--committee`.
    pub fn committee_ok(&self, title: &str) -> bool {
        self.filters
            .committee
            .as_ref()
            .is_none_or(|re| re.is_match(title))
    }

    pub fn in_window(&self, d: Date) -> bool {
        self.filters.window.contains(d)
    }

    /// Shows what the walker is doing on the site's progress bar.
    pub fn status(&self, msg: impl Into<String>) {
        if let Some(b) = &self.bar {
            b.set_message(msg.into());
        }
    }

    /// Fetches a listing or page the walker reads (not itself a document); always asked
    /// again (conditionally), since listings change.
    pub fn listing(&mut self, url: &str) -> Result<(Fetched, Vec<u8>), FetchError> {
        let wait = if self.slow {
            Wait::SlowPage
        } else {
            Wait::Page
        };
        self.fetcher.get_body(
            url,
            Ask {
                wait,
                reuse_stored: false,
            },
        )
    }

    /// A listing that could not be fetched: a page the site does not have (404, 410) is
    /// only logged, since not every install has every list; any other failure becomes a
    /// record with `error`, so that it is seen.
    pub fn listing_failed(&mut self, url: &str, err: FetchError, facts: Facts) {
        if matches!(err.status(), Some(404 | 410)) {
            if self.fetcher.config().verbose > 0 {
                eprintln!("councilrecs: {url}: not on this site ({err})");
            }
            return;
        }
        self.failed_document(url, err, facts);
    }

    /// A page that should have given a document or listing but failed: always a record.
    pub fn failed_document(&mut self, url: &str, err: FetchError, facts: Facts) {
        if !self.seen.insert(url.to_string()) {
            return;
        }
        self.counts.found.fetch_add(1, Ordering::Relaxed);
        self.grow_bar();
        self.fail(url, &err, &facts);
    }

    /// A listing that came back but is not what it should be.
    pub fn parse_failed(&mut self, url: &str, err: ParseError) {
        if self.fetcher.config().verbose > 0 {
            eprintln!("councilrecs: {url}: {err}");
        }
    }

    /// A document to fetch and extract (ignored if already seen in this crawl).
    pub fn document(&mut self, url: &str, facts: Facts) {
        if self.cancelled() || !self.seen.insert(url.to_string()) {
            return;
        }
        self.counts.found.fetch_add(1, Ordering::Relaxed);
        self.grow_bar();
        // A document whose URL never changes is not asked for again once stored.
        let ask = Ask {
            wait: Wait::Document,
            reuse_stored: crate::source::is_immutable_document(url),
        };
        match self.fetcher.get_body(url, ask) {
            Ok((f, bytes)) => self.extract(url.to_string(), bytes, Some(f), None, facts),
            Err(e) => self.fail(url, &e, &facts),
        }
    }

    /// A document the walker has already fetched (a decision page, a meeting page).
    pub fn fetched_document(&mut self, url: &str, f: Fetched, bytes: Vec<u8>, facts: Facts) {
        if self.cancelled() || !self.seen.insert(url.to_string()) {
            return;
        }
        self.counts.found.fetch_add(1, Ordering::Relaxed);
        self.grow_bar();
        self.extract(url.to_string(), bytes, Some(f), None, facts);
    }

    /// A document carried inside a listing (an agenda item's minutes in `GetMeeting`).
    pub fn inline_document(&mut self, url: String, html: String, from: &Fetched, facts: Facts) {
        if self.cancelled() || !self.seen.insert(url.clone()) {
            return;
        }
        self.counts.found.fetch_add(1, Ordering::Relaxed);
        self.grow_bar();
        let mut f = from.clone();
        f.final_url = url.clone();
        self.extract(
            url,
            html.into_bytes(),
            Some(f),
            Some("text/html; charset=utf-8"),
            facts,
        );
    }

    fn grow_bar(&self) {
        if let Some(b) = &self.bar {
            b.inc_length(1);
        }
    }

    fn next_seq(&mut self) -> usize {
        self.seq += 1;
        self.seq - 1
    }

    fn fail(&mut self, url: &str, err: &FetchError, facts: &Facts) {
        self.error_record(url, err.kind(), err.to_string(), facts);
    }

    /// A record with `error` for a URL that gave no document.
    pub fn error_record(&mut self, url: &str, kind: &str, message: String, facts: &Facts) {
        let info = DocInfo {
            facts: facts.clone(),
            council: self.council.clone(),
            site_councils: self.site_councils.clone(),
            ..DocInfo::url(url)
        };
        let rec = pipeline::failed(&info, kind, message);
        let seq = self.next_seq();
        let _ = self.tx.send(Msg::Record {
            site: self.site,
            seq,
            record: Box::new(rec),
        });
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }

    fn extract(
        &mut self,
        url: String,
        bytes: Vec<u8>,
        f: Option<Fetched>,
        content_type: Option<&'static str>,
        facts: Facts,
    ) {
        let unchanged = f
            .as_ref()
            .is_some_and(|f| f.outcome != Outcome::Downloaded || !f.changed);
        let counter = if unchanged {
            &self.counts.unchanged
        } else {
            &self.counts.fetched
        };
        counter.fetch_add(1, Ordering::Relaxed);
        let seq = self.next_seq();
        let tx = self.tx.clone();
        let content_type = content_type.or(f.as_ref().and_then(|f| f.media_type.as_deref()));
        let info = DocInfo {
            path: None,
            final_url: f.as_ref().map(|f| f.final_url.clone()),
            fetched_at: f.as_ref().map(|f| f.fetched_at.clone()),
            content_type: content_type.map(str::to_string),
            notes: f
                .as_ref()
                .and_then(|f| f.tls_note)
                .map(str::to_string)
                .into_iter()
                .collect(),
            facts,
            council: self.council.clone(),
            site_councils: self.site_councils.clone(),
            url: Some(url),
        };
        let (site, config) = (self.site, Arc::clone(&self.config));
        let bar = self.bar.clone();
        self.pool.spawn(move || {
            let rec = pipeline::read(&bytes, &info, &config);
            let _ = tx.send(Msg::Record {
                site,
                seq,
                record: Box::new(rec),
            });
            if let Some(b) = bar {
                b.inc(1);
            }
        });
    }
}

/// Resolves an href against the page it was found on.
pub fn resolve(page: &str, href: &str) -> Option<String> {
    let base = Url::parse(page).ok()?;
    let mut u = base.join(href.trim()).ok()?;
    u.set_fragment(None);
    crate::fetch::address::strip_credentials(&mut u);
    Some(u.to_string())
}
