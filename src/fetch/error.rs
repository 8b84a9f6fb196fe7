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
    #[error("HTTP {status} from {url}")]
    Status { status: u16, url: String },
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
    #[error("{url}: {message}")]
    Network { url: String, message: String },
    #[error("store: {0}")]
    Store(String),
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
            FetchError::Status { .. } => "http_status",
            FetchError::TooManyRedirects { .. } => "too_many_redirects",
            FetchError::RedirectLoop { .. } => "redirect_loop",
            FetchError::TooLarge { .. } => "too_large",
            FetchError::Timeout { .. } => "timeout",
            FetchError::Truncated { .. } => "truncated",
            FetchError::Network { .. } => "network",
            FetchError::Store(_) => "store",
            FetchError::Setup(_) => "setup",
        }
    }

    /// The HTTP status, when the server answered with an error.
    pub fn status(&self) -> Option<u16> {
        match self {
            FetchError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl From<crate::store::StoreError> for FetchError {
    fn from(e: crate::store::StoreError) -> Self {
        FetchError::Store(e.to_string())
    }
}
