//! Why a URL could not be fetched, with a short kind for records' `error.kind`.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq)]
pub enum FetchError {
    #[error("not a valid URL: {0}")]
    BadUrl(String),
    #[error("only http and https URLs can be fetched: {0}")]
    Scheme(String),
    #[error("{0} is not in the store (--offline)")]
    NotStored(String),
    #[error("robots.txt disallows {0}")]
    Robots(String),
    #[error("robots.txt for {url} could not be read ({why}), so nothing on that site is fetched")]
    RobotsUnreachable { url: String, why: String },
    #[error("HTTP {status} from {url}")]
    Status { status: u16, url: String },
    #[error(
        "HTTP {status} from {url}, asking to wait {asked} before trying again: longer than the {cap_secs} s this tool waits, so it gives up on this URL for this run"
    )]
    WaitTooLong {
        status: u16,
        url: String,
        asked: String,
        cap_secs: f64,
    },
    #[error("more than {max} redirects from {url}")]
    TooManyRedirects { url: String, max: usize },
    #[error("redirect loop: {url} redirects back to {again}")]
    RedirectLoop { url: String, again: String },
    #[error("the body of {url} is larger than {limit} bytes (--max-bytes)")]
    TooLarge { url: String, limit: u64 },
    #[error("{url} did not finish within {secs:.1} s (--timeout)")]
    Timeout { url: String, secs: f64 },
    #[error("the body of {url} ended after {got} of {expected} bytes")]
    Truncated {
        url: String,
        got: u64,
        expected: u64,
    },
    #[error("{url}: TLS failed: {why}")]
    Tls { url: String, why: String },
    #[error("{url}: blocked: the server answered with {what}, not the page")]
    Blocked { url: String, what: String },
    #[error("{url}: unreachable: {why}")]
    Unreachable { url: String, why: String },
    #[error("{url}: not fetched: {why}")]
    ForbiddenAddress { url: String, why: String },
    #[error("{url}: the body could not be decoded ({why})")]
    BadEncoding { url: String, why: String },
    #[error(
        "{url}: the body is still {format}-compressed after decoding, so it is not read as a document"
    )]
    Compressed { url: String, format: String },
    #[error("{url}: not asked, because earlier in this run {why}")]
    HostDown {
        url: String,
        kind: &'static str,
        why: String,
    },
    #[error("{url}: {message}")]
    Network { url: String, message: String },
    #[error("store: {0}")]
    Store(String),
    #[error("store: {0}")]
    StoreCorrupt(String),
    #[error("cannot set up the HTTP client: {0}")]
    Setup(String),
}

impl FetchError {
    /// A short machine-readable kind for a record's `error.kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::BadUrl(_) => "bad_url",
            FetchError::Scheme(_) => "unsupported_scheme",
            FetchError::NotStored(_) => "not_stored",
            FetchError::Robots(_) => "robots",
            FetchError::RobotsUnreachable { .. } => "robots_unreachable",
            FetchError::Status { .. } | FetchError::WaitTooLong { .. } => "http_status",
            FetchError::TooManyRedirects { .. } => "too_many_redirects",
            FetchError::RedirectLoop { .. } => "redirect_loop",
            FetchError::TooLarge { .. } => "too_large",
            FetchError::Timeout { .. } => "timeout",
            FetchError::Truncated { .. } => "truncated",
            FetchError::Tls { .. } => "tls",
            FetchError::Blocked { .. } => "blocked",
            FetchError::Unreachable { .. } => "unreachable",
            FetchError::ForbiddenAddress { .. } => "forbidden_address",
            FetchError::BadEncoding { .. } | FetchError::Compressed { .. } => "bad_encoding",
            FetchError::HostDown { kind, .. } => kind,
            FetchError::Network { .. } => "network",
            FetchError::Store(_) => "store",
            FetchError::StoreCorrupt(_) => "store_corrupt",
            FetchError::Setup(_) => "setup",
        }
    }

    /// The HTTP status, when the server answered with an error.
    pub fn status(&self) -> Option<u16> {
        match self {
            FetchError::Status { status, .. } | FetchError::WaitTooLong { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }

    /// Whether this failure says the whole host is out of reach for the rest of the run
    /// (blocked by a bot wall, or not answering at all), so that no more requests are sent.
    pub fn downs_host(&self) -> bool {
        matches!(
            self,
            FetchError::Blocked { .. } | FetchError::Unreachable { .. }
        )
    }

    /// The same failure for another URL of a host already known to be down.
    pub fn for_other_url(&self, url: &str) -> FetchError {
        FetchError::HostDown {
            url: url.to_string(),
            kind: self.kind(),
            why: self.to_string(),
        }
    }
}

impl From<crate::store::StoreError> for FetchError {
    fn from(e: crate::store::StoreError) -> Self {
        match e {
            crate::store::StoreError::Corrupt { .. } => FetchError::StoreCorrupt(e.to_string()),
            _ => FetchError::Store(e.to_string()),
        }
    }
}
