//! One HTTP exchange: send a GET (conditional when the store has validators), classify the
//! answer, and stream a body into the store under the byte and time limits. Redirects and
//! retries are decided by the caller, which owns the politeness permit.

use super::FetchError;
use super::retry::{is_retryable_status, retry_after};
use crate::store::{Entry, Store};
use reqwest::blocking::{Client, Response};
use reqwest::header::{
    CONTENT_TYPE, DATE, ETAG, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION,
    RETRY_AFTER,
};
use std::io::{Read, Write};
use std::time::{Duration, Instant, SystemTime};

/// Validators and facts from a response's headers.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub date: Option<String>,
    pub media_type: Option<String>,
}

impl Meta {
    fn from_headers(h: &HeaderMap) -> Meta {
        let get = |name| {
            h.get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        Meta {
            etag: get(ETAG),
            last_modified: get(LAST_MODIFIED),
            date: get(DATE),
            media_type: get(CONTENT_TYPE),
        }
    }
}

/// What one exchange ended with.
#[derive(Debug)]
pub enum Exchange {
    Redirect(String),
    NotModified(Meta),
    Body {
        status: u16,
        meta: Meta,
        sha256: String,
        size: u64,
    },
}

/// A failed exchange: worth another try (after `after`, if the server said), or not.
#[derive(Debug)]
pub enum Failure {
    Retry {
        err: FetchError,
        after: Option<Duration>,
    },
    Fatal(FetchError),
}

/// Limits on one exchange.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: u64,
}

/// Sends one GET and reads its answer.
pub fn exchange(
    client: &Client,
    url: &str,
    prior: Option<&Entry>,
    store: &Store,
    limits: Limits,
) -> Result<Exchange, Failure> {
    let started = Instant::now();
    let mut req = client.get(url);
    if let Some(p) = prior {
        if let Some(etag) = &p.etag {
            req = req.header(IF_NONE_MATCH, etag.as_str());
        }
        if let Some(since) = p.last_modified.as_ref().or(p.server_date.as_ref()) {
            req = req.header(IF_MODIFIED_SINCE, since.as_str());
        }
    }
    let timeout_err = || FetchError::Timeout {
        url: url.to_string(),
        secs: limits.timeout.as_secs_f64(),
    };
    let resp = req.send().map_err(|e| {
        if e.is_timeout() {
            Failure::Retry {
                err: timeout_err(),
                after: None,
            }
        } else {
            let err = FetchError::Network {
                url: url.to_string(),
                message: error_chain(&e),
            };
            // A refused connection will be refused again; other failures may be transient.
            if e.is_connect() {
                Failure::Fatal(err)
            } else {
                Failure::Retry { err, after: None }
            }
        }
    })?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    match status {
        301 | 302 | 303 | 307 | 308 => {
            return match headers.get(LOCATION).and_then(|v| v.to_str().ok()) {
                Some(loc) => Ok(Exchange::Redirect(loc.trim().to_string())),
                None => Err(Failure::Fatal(FetchError::Status {
                    status,
                    url: url.to_string(),
                })),
            };
        }
        304 => return Ok(Exchange::NotModified(Meta::from_headers(&headers))),
        s if is_retryable_status(s) => {
            let after = headers
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry_after(v, SystemTime::now()));
            return Err(Failure::Retry {
                err: FetchError::Status {
                    status,
                    url: url.to_string(),
                },
                after,
            });
        }
        s if !(200..300).contains(&s) => {
            return Err(Failure::Fatal(FetchError::Status {
                status,
                url: url.to_string(),
            }));
        }
        _ => {}
    }
    let meta = Meta::from_headers(&headers);
    let (sha256, size) = read_body(resp, url, store, limits, started)?;
    Ok(Exchange::Body {
        status,
        meta,
        sha256,
        size,
    })
}

fn read_body(
    mut resp: Response,
    url: &str,
    store: &Store,
    limits: Limits,
    started: Instant,
) -> Result<(String, u64), Failure> {
    let expected = resp.content_length();
    let too_large = || {
        Failure::Fatal(FetchError::TooLarge {
            url: url.to_string(),
            limit: limits.max_bytes,
        })
    };
    if expected.is_some_and(|n| n > limits.max_bytes) {
        return Err(too_large());
    }
    let mut body = store.begin_body().map_err(|e| Failure::Fatal(e.into()))?;
    let mut buf = vec![0u8; 64 << 10];
    loop {
        if started.elapsed() > limits.timeout {
            return Err(Failure::Retry {
                err: FetchError::Timeout {
                    url: url.to_string(),
                    secs: limits.timeout.as_secs_f64(),
                },
                after: None,
            });
        }
        let n = match resp.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                let got = body.size();
                let err = if is_timeout(&e) {
                    FetchError::Timeout {
                        url: url.to_string(),
                        secs: limits.timeout.as_secs_f64(),
                    }
                } else if let Some(expected) = expected.filter(|&x| got < x) {
                    FetchError::Truncated {
                        url: url.to_string(),
                        got,
                        expected,
                    }
                } else {
                    FetchError::Network {
                        url: url.to_string(),
                        message: e.to_string(),
                    }
                };
                return Err(Failure::Retry { err, after: None });
            }
        };
        if body.size() + n as u64 > limits.max_bytes {
            return Err(too_large());
        }
        body.write_all(&buf[..n])
            .map_err(|e| Failure::Fatal(FetchError::Store(e.to_string())))?;
    }
    if let Some(expected) = expected.filter(|&x| body.size() < x) {
        return Err(Failure::Retry {
            err: FetchError::Truncated {
                url: url.to_string(),
                got: body.size(),
                expected,
            },
            after: None,
        });
    }
    store
        .commit_body(body)
        .map_err(|e| Failure::Fatal(e.into()))
}

fn is_timeout(e: &std::io::Error) -> bool {
    if e.kind() == std::io::ErrorKind::TimedOut {
        return true;
    }
    let mut src: Option<&(dyn std::error::Error + 'static)> = e.get_ref().map(|r| r as _);
    while let Some(s) = src {
        if let Some(re) = s.downcast_ref::<reqwest::Error>()
            && re.is_timeout()
        {
            return true;
        }
        src = s.source();
    }
    false
}

/// An error and its causes on one line (reqwest's own message hides the cause).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        let part = s.to_string();
        if !msg.contains(&part) {
            msg.push_str(": ");
            msg.push_str(&part);
        }
        src = s.source();
    }
    msg
}
