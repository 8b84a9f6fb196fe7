//! The only part of the crate that touches the network: a polite HTTP client over the local
//! store.
//!
//! It is a blocking `reqwest` client (rustls on the `ring` provider). A crawl is bound by
//! politeness — one request in flight per host, `--delay` between starts — not by
//! concurrency, so plain threads (one walker per site) plus rayon for extraction do the job
//! without an async runtime in the crate's own code.
//!
//! Every request, including robots.txt, each retry and each redirect hop, goes through the
//! shared per-host scheduler ([`polite`]). Redirects are followed here, not by the client,
//! so that every hop is counted, checked against robots.txt and limited (≤ 10, loops are
//! errors). Bodies are streamed into the store under `--max-bytes` and `--timeout`; a URL
//! seen before is asked for conditionally (`If-None-Match` / `If-Modified-Since`) and a
//! `304` reuses the stored body. Bytes are never decoded here: callers decode them with
//! [`crate::decode`], passing the `Content-Type` as a hint.

pub mod clock;
pub mod error;
pub mod http;
pub mod polite;
pub mod retry;
pub mod robots;

pub use error::FetchError;

use crate::store::{Entry, Store};
use http::{Exchange, Failure, Limits};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};
use url::Url;

/// The User-Agent sent unless `--user-agent` says otherwise.
pub fn default_user_agent() -> String {
    format!(
        "councilrecs/{} (+https://github.com/councilrecs/councilrecs)",
        env!("CARGO_PKG_VERSION")
    )
}

/// How the client behaves.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub user_agent: String,
    /// Least time between the starts of two requests to one host.
    pub delay: Duration,
    /// Longest a request may take, body included.
    pub timeout: Duration,
    pub max_bytes: u64,
    pub ignore_robots: bool,
    /// Answer from the store only.
    pub offline: bool,
    /// Tries per request, the first included.
    pub max_tries: u32,
    /// The longest `Retry-After` (or `Crawl-delay`) obeyed as given.
    pub wait_cap: Duration,
    pub max_redirects: usize,
    /// 1: retries and failures on stderr; 2: every request.
    pub verbose: u8,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: default_user_agent(),
            delay: Duration::from_secs(1),
            timeout: Duration::from_secs(30),
            max_bytes: 100 << 20,
            ignore_robots: false,
            offline: false,
            max_tries: 4,
            wait_cap: Duration::from_secs(120),
            max_redirects: 10,
            verbose: 0,
        }
    }
}

/// Where a body came from this time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Downloaded (a `200`).
    Downloaded,
    /// The server said `304 Not Modified`; the stored body stands.
    NotModified,
    /// Served from the store without asking (`--offline`).
    Stored,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Downloaded => "downloaded",
            Outcome::NotModified => "not_modified",
            Outcome::Stored => "stored",
        }
    }
}

/// A response whose body is in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    pub url: String,
    pub final_url: String,
    pub status: u16,
    pub outcome: Outcome,
    /// False when the body is the one stored before.
    pub changed: bool,
    pub sha256: String,
    pub size: u64,
    /// The `Content-Type` header as sent.
    pub media_type: Option<String>,
    /// When this body was first downloaded (RFC 3339).
    pub fetched_at: String,
    pub path: PathBuf,
}

/// Counts for the end-of-run summary.
#[derive(Debug, Default)]
pub struct Stats {
    pub requests: AtomicU64,
    pub downloaded: AtomicU64,
    pub unchanged: AtomicU64,
    pub retries: AtomicU64,
    pub failed: AtomicU64,
}

/// The polite client over a store.
pub struct Fetcher {
    client: reqwest::blocking::Client,
    cfg: FetchConfig,
    polite: polite::Politeness,
    robots: robots::RobotsCache,
    store: Store,
    pub stats: Stats,
}

/// Parses a URL and checks that it can be fetched.
pub fn parse_url(s: &str) -> Result<Url, FetchError> {
    let mut url = Url::parse(s.trim()).map_err(|e| FetchError::BadUrl(format!("{s}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::Scheme(s.to_string()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::BadUrl(format!("{s}: no host")));
    }
    url.set_fragment(None);
    Ok(url)
}

fn host_key(url: &Url) -> String {
    url.host_str().unwrap_or("").to_ascii_lowercase()
}

impl Fetcher {
    pub fn new(cfg: FetchConfig, store: Store) -> Result<Fetcher, FetchError> {
        // Fails only when a provider is already installed, which is what we want anyway.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::blocking::Client::builder()
            .user_agent(cfg.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout.min(Duration::from_secs(15)))
            .pool_max_idle_per_host(2)
            .build()
            .map_err(|e| FetchError::Setup(e.to_string()))?;
        Ok(Fetcher {
            client,
            cfg,
            polite: polite::Politeness::default(),
            robots: robots::RobotsCache::default(),
            store,
            stats: Stats::default(),
        })
    }

    pub fn config(&self) -> &FetchConfig {
        &self.cfg
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Fetches a URL into the store (or finds it there with `--offline`).
    pub fn get(&self, url: &str) -> Result<Fetched, FetchError> {
        let parsed = parse_url(url)?;
        let key = parsed.as_str().to_string();
        let prior = self.store.get_with_body(&key)?;
        if self.cfg.offline {
            return match prior {
                Some(e) => self.fetched_from(e, Outcome::Stored),
                None => Err(FetchError::NotStored(key)),
            };
        }
        let result = self.fetch_network(&parsed, prior.as_ref(), false);
        if let Err(e) = &result {
            self.stats.failed.fetch_add(1, Ordering::Relaxed);
            let _ = self
                .store
                .note_error(&key, &e.to_string(), &clock::now_rfc3339());
            if self.cfg.verbose > 0 {
                eprintln!("councilrecs: {e}");
            }
        }
        result
    }

    /// The stored body of a fetched response.
    pub fn body(&self, f: &Fetched) -> Result<Vec<u8>, FetchError> {
        Ok(self.store.read(&f.sha256)?)
    }

    fn fetched_from(&self, e: Entry, outcome: Outcome) -> Result<Fetched, FetchError> {
        let sha256 = e.sha256.unwrap_or_default();
        Ok(Fetched {
            path: self.store.object_path(&sha256)?,
            url: e.url,
            final_url: e.final_url,
            status: e.status,
            outcome,
            changed: false,
            sha256,
            size: e.size.unwrap_or(0),
            media_type: e.media_type,
            fetched_at: e.fetched_at.unwrap_or_default(),
        })
    }

    fn interval(&self, url: &Url) -> Duration {
        let crawl_delay = self
            .robots
            .known(&url.origin().ascii_serialization())
            .and_then(|r| robots::crawl_delay(&r.robots, self.cfg.wait_cap));
        self.cfg.delay.max(crawl_delay.unwrap_or(Duration::ZERO))
    }

    fn check_robots(&self, url: &Url) -> Result<(), FetchError> {
        if self.cfg.ignore_robots || url.path() == "/robots.txt" {
            return Ok(());
        }
        let origin = url.origin().ascii_serialization();
        let rules = self.robots.get_or_fetch(&origin, || {
            let agent = robots::agent_token(&self.cfg.user_agent);
            let result = parse_url(&format!("{origin}/robots.txt")).and_then(|robots_url| {
                let prior = self.store.get_with_body(robots_url.as_str())?;
                let f = self.fetch_network(&robots_url, prior.as_ref(), true)?;
                self.body(&f)
            });
            robots::rules_from(result, agent)
        });
        if rules.robots.is_url_allowed(url) {
            Ok(())
        } else if let Some(why) = &rules.unreachable {
            Err(FetchError::RobotsUnreachable {
                url: url.to_string(),
                why: why.clone(),
            })
        } else {
            Err(FetchError::Robots(url.to_string()))
        }
    }

    /// Follows redirects from `start`, retrying each hop as the rules allow.
    fn fetch_network(
        &self,
        start: &Url,
        prior: Option<&Entry>,
        is_robots: bool,
    ) -> Result<Fetched, FetchError> {
        let max_redirects = if is_robots { 5 } else { self.cfg.max_redirects };
        let mut current = start.clone();
        let mut seen: HashSet<String> = HashSet::from([current.to_string()]);
        let mut hops = 0usize;
        loop {
            if !is_robots {
                self.check_robots(&current)?;
            }
            match self.exchange_with_retries(&current, prior)? {
                Exchange::Redirect(location) => {
                    hops += 1;
                    if hops > max_redirects {
                        return Err(FetchError::TooManyRedirects {
                            url: start.to_string(),
                            max: max_redirects,
                        });
                    }
                    let next = current
                        .join(&location)
                        .map_err(|e| FetchError::BadUrl(format!("{location}: {e}")))
                        .and_then(|u| parse_url(u.as_str()))?;
                    if !seen.insert(next.to_string()) {
                        return Err(FetchError::RedirectLoop {
                            url: current.to_string(),
                            again: next.to_string(),
                        });
                    }
                    current = next;
                }
                Exchange::NotModified(meta) => {
                    let Some(p) = prior else {
                        return Err(FetchError::Status {
                            status: 304,
                            url: current.to_string(),
                        });
                    };
                    let mut e = p.clone();
                    e.etag = meta.etag.or(e.etag);
                    e.last_modified = meta.last_modified.or(e.last_modified);
                    e.checked_at = Some(clock::now_rfc3339());
                    e.error = None;
                    self.store.put(&e)?;
                    self.stats.unchanged.fetch_add(1, Ordering::Relaxed);
                    return self.fetched_from(e, Outcome::NotModified);
                }
                Exchange::Body {
                    status,
                    meta,
                    sha256,
                    size,
                } => {
                    let now = SystemTime::now();
                    let same = prior.is_some_and(|p| p.sha256.as_deref() == Some(&sha256));
                    let fetched_at = match prior {
                        Some(p) if same => p.fetched_at.clone(),
                        _ => None,
                    }
                    .unwrap_or_else(|| clock::rfc3339(now));
                    let e = Entry {
                        url: start.to_string(),
                        final_url: current.to_string(),
                        status,
                        etag: meta.etag,
                        last_modified: meta.last_modified,
                        server_date: Some(meta.date.unwrap_or_else(|| clock::http_date(now))),
                        fetched_at: Some(fetched_at),
                        checked_at: Some(clock::rfc3339(now)),
                        sha256: Some(sha256),
                        media_type: meta.media_type,
                        size: Some(size),
                        error: None,
                    };
                    self.store.put(&e)?;
                    if same {
                        self.stats.unchanged.fetch_add(1, Ordering::Relaxed);
                    } else {
                        self.stats.downloaded.fetch_add(1, Ordering::Relaxed);
                    }
                    let mut f = self.fetched_from(e, Outcome::Downloaded)?;
                    f.changed = !same;
                    return Ok(f);
                }
            }
        }
    }

    fn exchange_with_retries(
        &self,
        url: &Url,
        prior: Option<&Entry>,
    ) -> Result<Exchange, FetchError> {
        let host = host_key(url);
        let limits = Limits {
            timeout: self.cfg.timeout,
            max_bytes: self.cfg.max_bytes,
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let outcome = {
                let _permit = self.polite.acquire(&host, self.interval(url));
                self.stats.requests.fetch_add(1, Ordering::Relaxed);
                let t0 = Instant::now();
                let r = http::exchange(&self.client, url.as_str(), prior, &self.store, limits);
                if self.cfg.verbose > 1 {
                    let what = match &r {
                        Ok(Exchange::Redirect(l)) => format!("redirect to {l}"),
                        Ok(Exchange::NotModified(_)) => "304 not modified".into(),
                        Ok(Exchange::Body { status, size, .. }) => {
                            format!("{status}, {size} bytes")
                        }
                        Err(Failure::Retry { err, .. } | Failure::Fatal(err)) => err.to_string(),
                    };
                    eprintln!(
                        "councilrecs: GET {url} → {what} ({} ms)",
                        t0.elapsed().as_millis()
                    );
                }
                r
            };
            match outcome {
                Ok(x) => return Ok(x),
                Err(Failure::Fatal(e)) => return Err(e),
                Err(Failure::Retry { err, .. }) if attempt >= self.cfg.max_tries => {
                    return Err(err);
                }
                Err(Failure::Retry { err, after }) => {
                    let wait = match after {
                        Some(a) => a.min(self.cfg.wait_cap),
                        None => {
                            retry::backoff(attempt, self.cfg.delay.max(Duration::from_millis(100)))
                        }
                    };
                    self.stats.retries.fetch_add(1, Ordering::Relaxed);
                    if self.cfg.verbose > 0 {
                        eprintln!(
                            "councilrecs: {err}; trying again in {:.1} s",
                            wait.as_secs_f64()
                        );
                    }
                    self.polite.hold(&host, Instant::now() + wait);
                }
            }
        }
    }
}
