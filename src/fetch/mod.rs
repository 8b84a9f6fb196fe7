//! The only part of the crate that touches the network: a polite HTTP client over the local
//! store.
//!
//! It is a blocking `reqwest` client (rustls on the `ring` provider; the system's OpenSSL only
//! for hosts named with `--legacy-tls-host`, see [`tls`]). A crawl is bound by politeness —
//! one request in flight per host, `--delay` between starts — not by concurrency, so plain
//! threads (one walker per site) plus rayon for extraction do the job without an async runtime
//! in the crate's own code.
//!
//! Every request, including robots.txt, each retry and each redirect hop, goes through the
//! shared per-host scheduler ([`polite`]), and, when the store is on disk, through a per-host
//! lock file that other processes on the same store honour too ([`hostlock`]). Redirects are
//! followed here, not by the client, so that every hop is counted, checked against robots.txt
//! and the address policy ([`address`]) and limited (≤ 10, loops are errors); credentials in a
//! URL are stripped before anything is sent or stored, and a permanent move of an origin
//! (`http://h` → `https://h`) is remembered in the store, so later requests go straight there.
//! Bodies are inflated ([`encoding`]) and streamed into the store under `--max-bytes` and the
//! time limit; a URL seen before is asked for conditionally (`If-None-Match` /
//! `If-Modified-Since`) and a `304` reuses the stored body; a document whose URL never changes
//! is not asked for again at all when the caller says so ([`Ask::reuse_stored`]). A host that
//! answers with a bot wall ([`block`]) or not at all is not asked again in the same run. Bytes
//! are never decoded as text here: callers decode them with [`crate::decode`], passing the
//! `Content-Type` as a hint.

pub mod address;
pub mod block;
pub mod clock;
pub mod encoding;
pub mod error;
pub mod hostlock;
pub mod http;
pub mod polite;
pub mod retry;
pub mod robots;
pub mod tls;

pub use error::FetchError;

use crate::store::{Entry, Store};
use http::{Exchange, Failure, Limits};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use url::Url;

/// The User-Agent sent unless `--user-agent` says otherwise.
pub fn default_user_agent() -> String {
    format!(
        "councilrecs/{} (+https://github.com/councilrecs/councilrecs)",
        env!("CARGO_PKG_VERSION")
    )
}

/// How long a request may take, by what it is for, unless `--timeout` says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Listings and pages of Modern.Gov and unknown sites (self-hosted Modern.Gov can take a
    /// minute).
    pub page: Duration,
    /// CMIS listings and pages (a month calendar of a large council takes ~40 s to render).
    pub slow_page: Duration,
    /// Documents (a large PDF on a slow server).
    pub document: Duration,
    /// robots.txt.
    pub robots: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            page: Duration::from_secs(60),
            slow_page: Duration::from_secs(120),
            document: Duration::from_secs(120),
            robots: Duration::from_secs(30),
        }
    }
}

/// How the client behaves.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub user_agent: String,
    /// Least time between the end of one request to a host and the start of the next.
    pub delay: Duration,
    /// Longest wait for a connection to be made.
    pub connect_timeout: Duration,
    /// `--timeout`: the longest any request may take, body included, instead of [`Timeouts`].
    pub timeout: Option<Duration>,
    pub timeouts: Timeouts,
    pub max_bytes: u64,
    pub ignore_robots: bool,
    /// Answer from the store only.
    pub offline: bool,
    /// Ask again even for stored documents whose URL never changes (`--refresh`).
    pub refresh: bool,
    /// Tries per request, the first included, for 429/502/503/504.
    pub max_tries: u32,
    /// Tries per request that time out, the first included.
    pub max_timeout_tries: u32,
    /// The longest `Retry-After` (or `Crawl-delay`) obeyed; a longer one gives up the URL.
    pub wait_cap: Duration,
    pub max_redirects: usize,
    /// PEM files' contents whose certificates are trusted besides the system's (`--ca-cert`).
    pub ca_certs: Vec<Vec<u8>>,
    /// Hosts whose certificates are not verified (`--insecure-host`).
    pub insecure_hosts: Vec<String>,
    /// Hosts reached through the system's OpenSSL (`--legacy-tls-host`).
    pub legacy_tls_hosts: Vec<String>,
    /// Requests to one host that time out in a row before the host is given up for the run.
    pub timeouts_before_down: u32,
    /// 1: retries and failures on stderr; 2: every request.
    pub verbose: u8,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: default_user_agent(),
            delay: Duration::from_secs(1),
            connect_timeout: Duration::from_secs(10),
            timeout: None,
            timeouts: Timeouts::default(),
            max_bytes: 100 << 20,
            ignore_robots: false,
            offline: false,
            refresh: false,
            max_tries: 4,
            max_timeout_tries: 2,
            wait_cap: Duration::from_secs(120),
            max_redirects: 10,
            ca_certs: Vec::new(),
            insecure_hosts: Vec::new(),
            legacy_tls_hosts: Vec::new(),
            timeouts_before_down: 3,
            verbose: 0,
        }
    }
}

/// What a request is for, which sets its time limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Wait {
    #[default]
    Page,
    /// A page of a slow platform (CMIS).
    SlowPage,
    Document,
}

/// How to ask for one URL.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ask {
    pub wait: Wait,
    /// The URL's content never changes (`documents/s123/…`): a stored body is used without
    /// asking, unless `--refresh`.
    pub reuse_stored: bool,
}

/// Where a body came from this time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Downloaded (a `200`).
    Downloaded,
    /// The server said `304 Not Modified`; the stored body stands.
    NotModified,
    /// Served from the store without asking (`--offline`, or a document that never changes).
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
    /// Set when the body came over a connection that was not verified as usual.
    pub tls_note: Option<&'static str>,
}

/// Counts for the end-of-run summary.
#[derive(Debug, Default)]
pub struct Stats {
    pub requests: AtomicU64,
    pub downloaded: AtomicU64,
    pub unchanged: AtomicU64,
    /// Documents served from the store without a request.
    pub reused: AtomicU64,
    pub retries: AtomicU64,
    pub failed: AtomicU64,
}

/// The polite client over a store.
pub struct Fetcher {
    clients: tls::Clients,
    cfg: FetchConfig,
    polite: polite::Politeness,
    locks: Option<hostlock::HostLocks>,
    robots: robots::RobotsCache,
    guard: Arc<address::Guard>,
    /// Hosts given up for the run, and why.
    down: Mutex<HashMap<String, FetchError>>,
    /// Requests in a row that timed out, per host.
    timeouts_in_row: Mutex<HashMap<String, u32>>,
    /// Origins that moved for good: from → to.
    moved: Mutex<HashMap<String, String>>,
    /// Hosts whose unusual TLS has been logged.
    logged: Mutex<HashSet<String>>,
    store: Store,
    pub stats: Stats,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Parses a URL and checks that it can be fetched; user names and passwords are dropped.
pub fn parse_url(s: &str) -> Result<Url, FetchError> {
    let mut url = Url::parse(s.trim()).map_err(|e| {
        // The message must not repeat a password the string may hold.
        let shown = match s.find('@') {
            Some(at) if s[..at].contains("://") => {
                let scheme_end = s.find("://").map_or(0, |i| i + 3);
                format!("{}…{}", &s[..scheme_end], &s[at..])
            }
            _ => s.to_string(),
        };
        FetchError::BadUrl(format!("{shown}: {e}"))
    })?;
    address::strip_credentials(&mut url);
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::Scheme(url.to_string()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::BadUrl(format!("{url}: no host")));
    }
    url.set_fragment(None);
    Ok(url)
}

fn host_key(url: &Url) -> String {
    url.host_str().unwrap_or("").to_ascii_lowercase()
}

/// Host and port: what a bot wall or a dead server is a property of.
fn server_key(url: &Url) -> String {
    format!(
        "{}:{}",
        host_key(url),
        url.port_or_known_default().unwrap_or(0)
    )
}

impl Fetcher {
    pub fn new(cfg: FetchConfig, store: Store) -> Result<Fetcher, FetchError> {
        let guard = Arc::new(address::Guard::default());
        let clients =
            tls::Clients::build(&cfg, Arc::new(address::GuardResolver(Arc::clone(&guard))))?;
        let locks = if cfg.offline {
            None
        } else {
            hostlock::HostLocks::new(store.root()).ok()
        };
        let moved = store
            .moved_origins()
            .unwrap_or_default()
            .into_iter()
            .collect();
        Ok(Fetcher {
            clients,
            cfg,
            polite: polite::Politeness::default(),
            locks,
            robots: robots::RobotsCache::default(),
            guard,
            down: Mutex::default(),
            timeouts_in_row: Mutex::default(),
            moved: Mutex::new(moved),
            logged: Mutex::default(),
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

    /// Lets requests follow onto the kind of network `url` is on (a loopback or private
    /// address) because the run starts there.
    pub fn trust_start(&self, url: &str) {
        if let Ok(u) = parse_url(url) {
            self.guard.trust_start(&u);
        }
    }

    /// Fetches a page into the store (or finds it there with `--offline`).
    pub fn get(&self, url: &str) -> Result<Fetched, FetchError> {
        self.get_with(url, Ask::default())
    }

    /// Fetches a URL as `ask` says.
    pub fn get_with(&self, url: &str, ask: Ask) -> Result<Fetched, FetchError> {
        let parsed = self.moved_to(parse_url(url)?);
        let key = parsed.as_str().to_string();
        let prior = self.store.get_with_body(&key)?;
        if self.cfg.offline {
            return match prior {
                Some(e) => self.fetched_from(e, Outcome::Stored),
                None => Err(FetchError::NotStored(key)),
            };
        }
        if ask.reuse_stored
            && !self.cfg.refresh
            && let Some(p) = prior.as_ref().filter(|p| (200..300).contains(&p.status))
        {
            self.stats.reused.fetch_add(1, Ordering::Relaxed);
            return self.fetched_from(p.clone(), Outcome::Stored);
        }
        let result = self.fetch_network(&parsed, prior.as_ref(), false, ask.wait);
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

    /// The stored body of a fetched response, checked against its address.
    pub fn body(&self, f: &Fetched) -> Result<Vec<u8>, FetchError> {
        Ok(self.store.read(&f.sha256)?)
    }

    /// Fetches a URL as `ask` says and reads its body. A stored body that no longer matches
    /// its address has been set aside by the store; it is downloaded again, unless
    /// `--offline`, when the error stands.
    pub fn get_body(&self, url: &str, ask: Ask) -> Result<(Fetched, Vec<u8>), FetchError> {
        let f = self.get_with(url, ask)?;
        match self.body(&f) {
            Ok(b) => Ok((f, b)),
            Err(FetchError::StoreCorrupt(why)) if !self.cfg.offline => {
                eprintln!("councilrecs: {why}; fetching {url} again");
                let again = Ask {
                    reuse_stored: false,
                    ..ask
                };
                let f = self.get_with(url, again)?;
                let b = self.body(&f)?;
                Ok((f, b))
            }
            Err(FetchError::StoreCorrupt(why)) => Err(FetchError::StoreCorrupt(format!(
                "{url}: {why}; run without --offline to fetch it again"
            ))),
            Err(e) => Err(e),
        }
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
            tls_note: None,
        })
    }

    /// The URL with its origin replaced when that origin has moved for good.
    fn moved_to(&self, mut url: Url) -> Url {
        let origin = url.origin().ascii_serialization();
        let to = lock(&self.moved).get(&origin).cloned();
        if let Some(to) = to
            && let Ok(t) = Url::parse(&to)
        {
            let _ = url.set_scheme(t.scheme());
            let _ = url.set_host(t.host_str());
            let _ = url.set_port(t.port());
        }
        url
    }

    /// Remembers a permanent redirect that changed only the origin.
    fn note_move(&self, from: &Url, to: &Url) {
        let (a, b) = (
            from.origin().ascii_serialization(),
            to.origin().ascii_serialization(),
        );
        if a == b || from.path() != to.path() || from.query() != to.query() {
            return;
        }
        {
            let mut m = lock(&self.moved);
            m.remove(&b);
            m.insert(a.clone(), b.clone());
        }
        let _ = self.store.note_moved(&a, &b, &clock::now_rfc3339());
        if self.cfg.verbose > 0 {
            eprintln!("councilrecs: {a} has moved to {b}; asking there from now on");
        }
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
                let fetched = self.fetch_network(&robots_url, prior.as_ref(), true, Wait::Page);
                match fetched.and_then(|f| self.body(&f)) {
                    Ok(b) => Ok(b),
                    // A damaged stored copy has been set aside: ask once more, unconditionally.
                    Err(FetchError::StoreCorrupt(_)) => self
                        .fetch_network(&robots_url, None, true, Wait::Page)
                        .and_then(|f| self.body(&f)),
                    // A server that lets robots.txt time out (twice) is not answering: say
                    // so once, rather than wait on every page of the site.
                    Err(FetchError::Timeout { url, secs }) => {
                        let e = FetchError::Unreachable {
                            url,
                            why: format!(
                                "robots.txt got no answer within {secs:.1} s, {} times: the server does not answer",
                                self.cfg.max_timeout_tries
                            ),
                        };
                        self.mark_down(&robots_url, &e);
                        Err(e)
                    }
                    Err(e) => Err(e),
                }
            });
            robots::rules_from(result, agent)
        });
        if rules.robots.is_url_allowed(url) {
            return Ok(());
        }
        match &rules.failure {
            // What kept robots.txt away keeps the site away: say so, not "robots".
            Some(
                e @ (FetchError::Blocked { .. }
                | FetchError::Unreachable { .. }
                | FetchError::Tls { .. }
                | FetchError::ForbiddenAddress { .. }
                | FetchError::HostDown { .. }),
            ) => Err(e.for_other_url(url.as_str())),
            _ => match &rules.unreachable {
                Some(why) => Err(FetchError::RobotsUnreachable {
                    url: url.to_string(),
                    why: why.clone(),
                }),
                None => Err(FetchError::Robots(url.to_string())),
            },
        }
    }

    fn host_down(&self, url: &Url) -> Option<FetchError> {
        lock(&self.down).get(&server_key(url)).map(|e| match e {
            FetchError::HostDown { .. } => e.clone(),
            _ => e.for_other_url(url.as_str()),
        })
    }

    fn mark_down(&self, url: &Url, e: &FetchError) {
        let mut down = lock(&self.down);
        let key = server_key(url);
        if down.insert(key.clone(), e.clone()).is_none()
            && (self.cfg.verbose > 0 || matches!(e, FetchError::Blocked { .. }))
        {
            eprintln!("councilrecs: {key}: giving up on this server for the run: {e}");
        }
    }

    /// Follows redirects from `start`, retrying each hop as the rules allow.
    fn fetch_network(
        &self,
        start: &Url,
        prior: Option<&Entry>,
        is_robots: bool,
        wait: Wait,
    ) -> Result<Fetched, FetchError> {
        let max_redirects = if is_robots { 5 } else { self.cfg.max_redirects };
        let mut current = start.clone();
        let mut seen: HashSet<String> = HashSet::from([current.to_string()]);
        let mut hops = 0usize;
        loop {
            if let Some(e) = self.host_down(&current) {
                return Err(e);
            }
            self.guard.check(&current)?;
            if !is_robots {
                self.check_robots(&current)?;
            }
            let (exchange, mode) = self.exchange_with_retries(&current, prior, is_robots, wait)?;
            match exchange {
                Exchange::Redirect(status, location) => {
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
                    if matches!(status, 301 | 308) {
                        self.note_move(&current, &next);
                    }
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
                    let mut f = self.fetched_from(e, Outcome::NotModified)?;
                    f.tls_note = mode.note();
                    return Ok(f);
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
                    f.tls_note = mode.note();
                    return Ok(f);
                }
            }
        }
    }

    fn limits(&self, is_robots: bool, wait: Wait) -> Limits {
        let t = &self.cfg.timeouts;
        let default = match (is_robots, wait) {
            (true, _) => t.robots,
            (false, Wait::Page) => t.page,
            (false, Wait::SlowPage) => t.slow_page,
            (false, Wait::Document) => t.document,
        };
        Limits {
            timeout: self.cfg.timeout.unwrap_or(default),
            connect: self.cfg.connect_timeout,
            // robots.txt: the first 512 KiB are read (RFC 9309), the rest ignored.
            max_bytes: if is_robots {
                self.cfg.max_bytes.min(512 << 10)
            } else {
                self.cfg.max_bytes
            },
            truncate: is_robots,
            wait_cap: self.cfg.wait_cap,
        }
    }

    fn log_mode(&self, host: &str, mode: tls::Mode) {
        if let Some(note) = mode.note()
            && lock(&self.logged).insert(host.to_string())
        {
            eprintln!("councilrecs: {host}: {note}");
        }
    }

    fn exchange_with_retries(
        &self,
        url: &Url,
        prior: Option<&Entry>,
        is_robots: bool,
        wait: Wait,
    ) -> Result<(Exchange, tls::Mode), FetchError> {
        let host = host_key(url);
        let limits = self.limits(is_robots, wait);
        let (client, mode) = self.clients.for_host(&host)?;
        self.log_mode(&host, mode);
        let mut attempt = 0;
        let mut timeouts = 0;
        loop {
            attempt += 1;
            let outcome = {
                let interval = self.interval(url);
                let _permit = self.polite.acquire(&host, interval);
                let mut turn = self
                    .locks
                    .as_ref()
                    .and_then(|l| l.turn(&host, interval).ok());
                self.stats.requests.fetch_add(1, Ordering::Relaxed);
                let t0 = Instant::now();
                let r = http::exchange(&client, url.as_str(), prior, &self.store, limits);
                if let (Some(t), Err(Failure::Retry { after: Some(d), .. })) = (&mut turn, &r) {
                    t.hold(SystemTime::now() + *d);
                }
                if self.cfg.verbose > 1 {
                    let what = match &r {
                        Ok(Exchange::Redirect(s, l)) => format!("{s} redirect to {l}"),
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
                Ok(x) => {
                    lock(&self.timeouts_in_row).remove(&server_key(url));
                    return Ok((x, mode));
                }
                Err(Failure::Fatal(e)) => {
                    if e.downs_host() {
                        self.mark_down(url, &e);
                    }
                    return Err(e);
                }
                Err(Failure::Retry { err, after }) => {
                    if matches!(err, FetchError::Timeout { .. }) {
                        timeouts += 1;
                        let in_row = {
                            let mut m = lock(&self.timeouts_in_row);
                            let n = m.entry(server_key(url)).or_default();
                            *n += 1;
                            *n
                        };
                        if in_row >= self.cfg.timeouts_before_down {
                            let down = FetchError::Unreachable {
                                url: url.to_string(),
                                why: format!(
                                    "the server stopped answering ({in_row} requests in a row timed out)"
                                ),
                            };
                            self.mark_down(url, &down);
                            return Err(err);
                        }
                        if timeouts >= self.cfg.max_timeout_tries {
                            return Err(err);
                        }
                    }
                    if attempt >= self.cfg.max_tries {
                        return Err(err);
                    }
                    let wait = match after {
                        Some(a) => a.min(self.cfg.wait_cap),
                        None => retry::backoff(
                            attempt,
                            self.cfg.delay.max(Duration::from_millis(100)),
                            self.cfg.wait_cap,
                        ),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limits_follow_what_a_request_is_for() {
        let dir = std::env::temp_dir().join(format!("councilrecs-limits-{}", std::process::id()));
        let f = Fetcher::new(FetchConfig::default(), Store::open(&dir).unwrap()).unwrap();
        let secs = |robots, wait| f.limits(robots, wait).timeout.as_secs();
        assert_eq!(secs(false, Wait::Page), 60);
        assert_eq!(secs(false, Wait::SlowPage), 120);
        assert_eq!(secs(false, Wait::Document), 120);
        assert_eq!(secs(true, Wait::Page), 30);
        let robots = f.limits(true, Wait::Page);
        assert!(robots.truncate && robots.max_bytes == 512 << 10);
        assert_eq!(f.limits(false, Wait::Page).connect, Duration::from_secs(10));
        let fixed = FetchConfig {
            timeout: Some(Duration::from_secs(5)),
            ..FetchConfig::default()
        };
        let g = Fetcher::new(fixed, Store::open(&dir).unwrap()).unwrap();
        for wait in [Wait::Page, Wait::SlowPage, Wait::Document] {
            assert_eq!(g.limits(false, wait).timeout, Duration::from_secs(5));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn urls_lose_their_credentials_and_fragments() {
        let u = parse_url("https://me:pw@h.example/a?b=1#c").unwrap();
        assert_eq!(u.as_str(), "https://h.example/a?b=1");
        let e = parse_url("https://me:pw@[bad/x").unwrap_err();
        assert!(!e.to_string().contains("pw"), "{e}");
        assert_eq!(
            parse_url("ftp://h/x").unwrap_err().kind(),
            "unsupported_scheme"
        );
    }
}
