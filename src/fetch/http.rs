//! One HTTP exchange: send a GET (conditional when the store has validators), classify the
//! answer, and stream a body into the store under the byte and time limits, undoing any
//! `Content-Encoding` on the way. Redirects and retries are decided by the caller, which owns
//! the politeness permit.
//!
//! Nothing a server sends can panic here: header values that are not text are ignored,
//! oversized validators are not kept, `Retry-After` is read with checked conversions
//! ([`super::retry`]), and a body that does not decode is an error.

use super::retry::{After, is_retryable_status, retry_after};
use super::{FetchError, block, encoding, tls};
use crate::store::{Entry, Store};
use reqwest::blocking::{Client, Response};
use reqwest::header::{
    ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, DATE, ETAG, HeaderMap, IF_MODIFIED_SINCE,
    IF_NONE_MATCH, LAST_MODIFIED, LOCATION, RETRY_AFTER,
};
use std::cell::{Cell, RefCell};
use std::io::{Read, Write};
use std::rc::Rc;
use std::time::{Duration, Instant, SystemTime};

/// Validators longer than this are not kept (nor sent back).
const MAX_VALIDATOR: usize = 512;

/// Validators and facts from a response's headers.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub date: Option<String>,
    pub media_type: Option<String>,
}

fn header(h: &HeaderMap, name: impl reqwest::header::AsHeaderName) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

impl Meta {
    fn from_headers(h: &HeaderMap) -> Meta {
        let validator = |name| header(h, name).filter(|v| v.len() <= MAX_VALIDATOR);
        Meta {
            etag: validator(ETAG),
            last_modified: validator(LAST_MODIFIED)
                .filter(|v| httpdate::parse_http_date(v).is_ok()),
            date: validator(DATE).filter(|v| httpdate::parse_http_date(v).is_ok()),
            media_type: header(h, CONTENT_TYPE).map(|t| t.chars().take(200).collect()),
        }
    }
}

/// What one exchange ended with.
#[derive(Debug)]
pub enum Exchange {
    /// A redirect: its status and target.
    Redirect(u16, String),
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
    /// The whole exchange, body included.
    pub timeout: Duration,
    /// Only for the message of a connection that timed out.
    pub connect: Duration,
    pub max_bytes: u64,
    /// Keep the first `max_bytes` of a longer body instead of failing (robots.txt).
    pub truncate: bool,
    /// The longest `Retry-After` obeyed.
    pub wait_cap: Duration,
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
    let mut req = client
        .get(url)
        .timeout(limits.timeout)
        .header(ACCEPT_ENCODING, encoding::ACCEPT);
    if let Some(p) = prior {
        if let Some(etag) = p.etag.as_deref().filter(|v| v.len() <= MAX_VALIDATOR) {
            req = req.header(IF_NONE_MATCH, etag);
        }
        if let Some(since) = p.last_modified.as_ref().or(p.server_date.as_ref()) {
            req = req.header(IF_MODIFIED_SINCE, since.as_str());
        }
    }
    let resp = req.send().map_err(|e| send_failure(&e, url, limits))?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let codings = encoding::parse(header(&headers, CONTENT_ENCODING).as_deref());
    match status {
        301 | 302 | 303 | 307 | 308 => {
            return match header(&headers, LOCATION) {
                Some(loc) => Ok(Exchange::Redirect(status, loc)),
                None => Err(Failure::Fatal(FetchError::Status {
                    status,
                    url: url.to_string(),
                })),
            };
        }
        304 => return Ok(Exchange::NotModified(Meta::from_headers(&headers))),
        s if !(200..300).contains(&s) => {
            // A bot wall often answers 403 or 503 with a script: look before retrying.
            if matches!(s, 403 | 429 | 503)
                && let Ok(c) = &codings
            {
                let head = peek(resp, c, limits, started);
                if let Some(what) = block::challenge(s, |n| header(&headers, n), &head) {
                    return Err(Failure::Fatal(FetchError::Blocked {
                        url: url.to_string(),
                        what,
                    }));
                }
            }
            let err = FetchError::Status {
                status: s,
                url: url.to_string(),
            };
            if !is_retryable_status(s) {
                return Err(Failure::Fatal(err));
            }
            let asked = header(&headers, RETRY_AFTER);
            let after = asked
                .as_deref()
                .and_then(|v| retry_after(v, SystemTime::now(), limits.wait_cap));
            return Err(match after {
                Some(After::TooLong) => Failure::Fatal(FetchError::WaitTooLong {
                    status: s,
                    url: url.to_string(),
                    asked: format!(
                        "{:?}",
                        asked
                            .unwrap_or_default()
                            .chars()
                            .take(60)
                            .collect::<String>()
                    ),
                    cap_secs: limits.wait_cap.as_secs_f64(),
                }),
                Some(After::Wait(d)) => Failure::Retry {
                    err,
                    after: Some(d),
                },
                None => Failure::Retry { err, after: None },
            });
        }
        _ => {}
    }
    let codings = codings.map_err(|why| {
        Failure::Fatal(FetchError::BadEncoding {
            url: url.to_string(),
            why,
        })
    })?;
    let meta = Meta::from_headers(&headers);
    let (sha256, size, head) = read_body(resp, &codings, url, store, limits, started)?;
    if let Some(format) = encoding::still_compressed(&head) {
        return Err(Failure::Fatal(FetchError::Compressed {
            url: url.to_string(),
            format: format.to_string(),
        }));
    }
    if let Some(what) = block::challenge(status, |n| header(&headers, n), &head) {
        return Err(Failure::Fatal(FetchError::Blocked {
            url: url.to_string(),
            what,
        }));
    }
    Ok(Exchange::Body {
        status,
        meta,
        sha256,
        size,
    })
}

/// A request that got no answer: TLS, a connection that could not be made (never retried:
/// the host is down or dropping us), or something on the way (retried).
fn send_failure(e: &reqwest::Error, url: &str, limits: Limits) -> Failure {
    if let Some(why) = tls::describe(e) {
        return Failure::Fatal(FetchError::Tls {
            url: url.to_string(),
            why,
        });
    }
    if e.is_connect() {
        let why = if e.is_timeout() {
            format!(
                "no connection within {:.1} s: the server did not answer (it may be down, or dropping requests from this address)",
                limits.connect.as_secs_f64()
            )
        } else {
            format!("cannot connect: {}", tls::error_chain(e))
        };
        return Failure::Fatal(FetchError::Unreachable {
            url: url.to_string(),
            why,
        });
    }
    let err = if e.is_timeout() {
        FetchError::Timeout {
            url: url.to_string(),
            secs: limits.timeout.as_secs_f64(),
        }
    } else {
        FetchError::Network {
            url: url.to_string(),
            message: tls::error_chain(e),
        }
    };
    Failure::Retry { err, after: None }
}

/// The response body as it comes off the wire, counting bytes and keeping the first error
/// (so that a failed read can be told from a body that does not decode).
struct Raw {
    resp: Response,
    count: Rc<Cell<u64>>,
    failed: Rc<RefCell<Option<std::io::Error>>>,
}

impl Read for Raw {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.resp.read(buf) {
            Ok(n) => {
                self.count.set(self.count.get() + n as u64);
                Ok(n)
            }
            Err(e) => {
                let copy = std::io::Error::new(e.kind(), e.to_string());
                let timed_out = is_timeout(&e);
                *self.failed.borrow_mut() = Some(if timed_out {
                    std::io::Error::new(std::io::ErrorKind::TimedOut, e.to_string())
                } else {
                    e
                });
                Err(copy)
            }
        }
    }
}

/// Up to [`block::HEAD`] decoded bytes of an error answer, for telling a challenge page.
fn peek(resp: Response, codings: &[encoding::Coding], limits: Limits, started: Instant) -> Vec<u8> {
    let raw = Raw {
        resp,
        count: Rc::default(),
        failed: Rc::default(),
    };
    let mut r = encoding::decoder(codings, Box::new(raw)).take(block::HEAD as u64);
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    while started.elapsed() < limits.timeout {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    out
}

fn read_body(
    resp: Response,
    codings: &[encoding::Coding],
    url: &str,
    store: &Store,
    limits: Limits,
    started: Instant,
) -> Result<(String, u64, Vec<u8>), Failure> {
    let expected = resp.content_length();
    let too_large = || {
        Failure::Fatal(FetchError::TooLarge {
            url: url.to_string(),
            limit: limits.max_bytes,
        })
    };
    // A declared length only bounds the wire bytes when nothing is to be inflated.
    if codings.is_empty() && !limits.truncate && expected.is_some_and(|n| n > limits.max_bytes) {
        return Err(too_large());
    }
    let count: Rc<Cell<u64>> = Rc::default();
    let failed: Rc<RefCell<Option<std::io::Error>>> = Rc::default();
    let raw = Raw {
        resp,
        count: Rc::clone(&count),
        failed: Rc::clone(&failed),
    };
    let mut reader = encoding::decoder(codings, Box::new(raw));
    let mut body = store.begin_body().map_err(|e| Failure::Fatal(e.into()))?;
    let mut head: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; 64 << 10];
    let timeout = || FetchError::Timeout {
        url: url.to_string(),
        secs: limits.timeout.as_secs_f64(),
    };
    loop {
        if started.elapsed() > limits.timeout {
            return Err(Failure::Retry {
                err: timeout(),
                after: None,
            });
        }
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                let Some(wire) = failed.borrow_mut().take() else {
                    return Err(Failure::Fatal(FetchError::BadEncoding {
                        url: url.to_string(),
                        why: e.to_string(),
                    }));
                };
                let got = count.get();
                let err = if wire.kind() == std::io::ErrorKind::TimedOut {
                    timeout()
                } else if let Some(expected) = expected.filter(|&x| got < x) {
                    FetchError::Truncated {
                        url: url.to_string(),
                        got,
                        expected,
                    }
                } else {
                    FetchError::Network {
                        url: url.to_string(),
                        message: wire.to_string(),
                    }
                };
                return Err(Failure::Retry { err, after: None });
            }
        };
        let room = limits.max_bytes.saturating_sub(body.size());
        let n = if n as u64 > room {
            if !limits.truncate {
                return Err(too_large());
            }
            usize::try_from(room).unwrap_or(0)
        } else {
            n
        };
        if head.len() < block::HEAD {
            let take = n.min(block::HEAD - head.len());
            head.extend_from_slice(&buf[..take]);
        }
        body.write_all(&buf[..n])
            .map_err(|e| Failure::Fatal(FetchError::Store(e.to_string())))?;
        if limits.truncate && body.size() >= limits.max_bytes {
            break;
        }
    }
    if !limits.truncate
        && let Some(expected) = expected.filter(|&x| count.get() < x)
    {
        return Err(Failure::Retry {
            err: FetchError::Truncated {
                url: url.to_string(),
                got: count.get(),
                expected,
            },
            after: None,
        });
    }
    let (sha, size) = store
        .commit_body(body)
        .map_err(|e| Failure::Fatal(e.into()))?;
    Ok((sha, size, head))
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
