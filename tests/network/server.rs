//! A real HTTP/1.1 server on 127.0.0.1 for the network tests (hyper on a current-thread tokio
//! runtime in its own thread). It logs every request as it arrives — path, User-Agent,
//! conditional headers, arrival time — so tests can measure politeness on the server side,
//! and it can answer slowly or late, cut a body short of its Content-Length, send header bytes
//! that are not text, or anything a handler builds. Beside it: a port that accepts and never
//! answers, and one whose connection queue is full (a silent drop).

#![allow(dead_code)]

use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::Frame;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub at: Instant,
    /// Path and query, as sent.
    pub target: String,
    pub user_agent: String,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
    /// The `Authorization` header, if one was sent.
    pub authorization: Option<String>,
    /// The `Accept-Encoding` header.
    pub accept_encoding: Option<String>,
    pub status: u16,
}

impl Hit {
    pub fn conditional(&self) -> bool {
        self.if_none_match.is_some() || self.if_modified_since.is_some()
    }
}

/// What the handler sees of a request.
#[derive(Debug, Clone)]
pub struct Req {
    pub path: String,
    pub query: Option<String>,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
}

impl Req {
    pub fn target(&self) -> String {
        match &self.query {
            Some(q) => format!("{}?{q}", self.path),
            None => self.path.clone(),
        }
    }

    /// A query parameter (case-insensitive name).
    pub fn param(&self, name: &str) -> Option<String> {
        self.query.as_deref()?.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            k.eq_ignore_ascii_case(name).then(|| v.to_string())
        })
    }
}

/// How to answer.
pub enum Reply {
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// 200 sent `chunk` bytes at a time with `pause` before each, with a Content-Length
    /// when `length` (else chunked).
    Drip {
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        chunk: usize,
        pause: Duration,
        length: bool,
    },
    /// 200 declaring `declared` bytes, sending `body`, then dropping the connection.
    Cut {
        headers: Vec<(String, String)>,
        declared: usize,
        body: Vec<u8>,
    },
    /// Any answer with header values given as bytes (which need not be text).
    Bytes {
        status: u16,
        headers: Vec<(String, Vec<u8>)>,
        body: Vec<u8>,
    },
    /// `then`, after `pause` before anything is sent.
    Later { pause: Duration, then: Box<Reply> },
}

impl Reply {
    pub fn status(status: u16) -> Reply {
        Reply::Full {
            status,
            headers: vec![],
            body: format!("status {status}").into_bytes(),
        }
    }

    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn redirect(to: &str) -> Reply {
        Reply::Full {
            status: 302,
            headers: vec![("Location".into(), to.into())],
            body: vec![],
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        match &mut self {
            Reply::Full { headers, .. }
            | Reply::Drip { headers, .. }
            | Reply::Cut { headers, .. } => headers.push((name.into(), value.into())),
            Reply::Bytes { headers, .. } => headers.push((name.into(), value.into())),
            Reply::Later { then, .. } => {
                let inner = std::mem::replace(then.as_mut(), Reply::status(500));
                **then = inner.with_header(name, value);
            }
        }
        self
    }

    /// The same answer after a pause.
    pub fn after(self, pause: Duration) -> Reply {
        Reply::Later {
            pause,
            then: Box::new(self),
        }
    }

    /// `body` gzip-compressed, with `Content-Encoding: gzip`.
    pub fn gzip(content_type: &str, body: &[u8]) -> Reply {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(body).unwrap();
        Reply::ok(content_type, gz.finish().unwrap()).with_header("Content-Encoding", "gzip")
    }

    fn code(&self) -> u16 {
        match self {
            Reply::Full { status, .. } | Reply::Bytes { status, .. } => *status,
            Reply::Later { then, .. } => then.code(),
            _ => 200,
        }
    }
}

pub type Handler = Arc<dyn Fn(&Req) -> Reply + Send + Sync>;

/// A running server; it stops with the test process.
pub struct TestServer {
    pub addr: SocketAddr,
    hits: Arc<Mutex<Vec<Hit>>>,
}

type Body = BoxBody<Bytes, std::io::Error>;

impl TestServer {
    /// Starts a server; `make` gets the server's origin (`http://127.0.0.1:PORT`).
    pub fn start(make: impl FnOnce(String) -> Handler) -> TestServer {
        TestServer::start_at("127.0.0.1", make)
    }

    /// Starts a server on another loopback address (`127.0.0.7`: a host of its own for the
    /// crawler's politeness).
    pub fn start_at(ip: &str, make: impl FnOnce(String) -> Handler) -> TestServer {
        let listener = std::net::TcpListener::bind((ip, 0)).expect("bind a loopback address");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let handler = make(format!("http://{addr}"));
        let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
        let log = hits.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    let (handler, log) = (handler.clone(), log.clone());
                    tokio::task::spawn(async move {
                        let svc = hyper::service::service_fn(move |req| {
                            let (handler, log) = (handler.clone(), log.clone());
                            async move {
                                let mut reply = take(req, &handler, &log);
                                while let Reply::Later { pause, then } = reply {
                                    tokio::time::sleep(pause).await;
                                    reply = *then;
                                }
                                Ok::<_, Infallible>(build(reply))
                            }
                        });
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(hyper_util::rt::TokioIo::new(stream), svc)
                            .await;
                    });
                }
            });
        });
        TestServer { addr, hits }
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }

    pub fn count(&self, target: &str) -> usize {
        self.hits().iter().filter(|h| h.target == target).count()
    }

    pub fn clear(&self) {
        self.hits.lock().unwrap().clear();
    }

    /// The smallest gap between two consecutive requests, as the server saw them.
    pub fn min_gap(&self) -> Option<Duration> {
        let hits = self.hits();
        hits.windows(2).map(|w| w[1].at - w[0].at).min()
    }
}

fn header(req: &hyper::Request<hyper::body::Incoming>, name: &str) -> Option<String> {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Logs a request as it arrives and asks the handler for the answer.
fn take(
    req: hyper::Request<hyper::body::Incoming>,
    handler: &Handler,
    log: &Mutex<Vec<Hit>>,
) -> Reply {
    let at = Instant::now();
    let r = Req {
        path: req.uri().path().to_string(),
        query: req.uri().query().map(str::to_string),
        if_none_match: header(&req, "if-none-match"),
        if_modified_since: header(&req, "if-modified-since"),
    };
    let reply = handler(&r);
    log.lock().unwrap().push(Hit {
        at,
        target: r.target(),
        user_agent: header(&req, "user-agent").unwrap_or_default(),
        if_none_match: r.if_none_match.clone(),
        if_modified_since: r.if_modified_since.clone(),
        authorization: header(&req, "authorization"),
        accept_encoding: header(&req, "accept-encoding"),
        status: reply.code(),
    });
    reply
}

fn build(reply: Reply) -> hyper::Response<Body> {
    let mut b = hyper::Response::builder();
    let body: Body = match reply {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            b = b.status(status);
            for (k, v) in headers {
                b = b.header(k, v);
            }
            Full::new(Bytes::from(body))
                .map_err(|never: Infallible| match never {})
                .boxed()
        }
        Reply::Drip {
            headers,
            body,
            chunk,
            pause,
            length,
        } => {
            if length {
                b = b.header("Content-Length", body.len().to_string());
            }
            for (k, v) in headers {
                b = b.header(k, v);
            }
            let chunks: Vec<Bytes> = body
                .chunks(chunk.max(1))
                .map(Bytes::copy_from_slice)
                .collect();
            let stream =
                futures_util::stream::unfold(chunks.into_iter(), move |mut it| async move {
                    let next = it.next()?;
                    tokio::time::sleep(pause).await;
                    Some((Ok::<_, std::io::Error>(Frame::data(next)), it))
                });
            StreamBody::new(stream).boxed()
        }
        Reply::Cut {
            headers,
            declared,
            body,
        } => {
            b = b.header("Content-Length", declared.to_string());
            for (k, v) in headers {
                b = b.header(k, v);
            }
            // The pause lets the head and the first bytes go out before the connection drops.
            let stream = futures_util::stream::unfold(Some(body), |state| async move {
                match state {
                    Some(body) => Some((Ok(Frame::data(Bytes::from(body))), None)),
                    None => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        let err: Result<Frame<Bytes>, _> = Err(std::io::Error::other("cut short"));
                        Some((err, None))
                    }
                }
            });
            StreamBody::new(stream).boxed()
        }
        Reply::Bytes {
            status,
            headers,
            body,
        } => {
            b = b.status(status);
            for (k, v) in headers {
                b = b.header(k, hyper::header::HeaderValue::from_bytes(&v).unwrap());
            }
            Full::new(Bytes::from(body))
                .map_err(|never: Infallible| match never {})
                .boxed()
        }
        Reply::Later { then, .. } => return build(*then),
    };
    b.body(body).unwrap()
}

/// A port on 127.0.0.1 that accepts connections and then never says a word.
pub fn silent_server() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming().take(64).flatten() {
            held.push(s);
        }
        std::thread::sleep(Duration::from_secs(120));
    });
    addr
}

/// A port on 127.0.0.1 whose connection queue is full, so that a new connection attempt gets
/// no answer at all (as from a firewall that drops packets). The listener and the
/// connections filling its queue live as long as the returned guard.
pub fn dropping_port() -> (
    std::net::SocketAddr,
    Vec<std::net::TcpStream>,
    std::net::TcpListener,
) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().unwrap();
    let mut fill = Vec::new();
    for _ in 0..4096 {
        match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            Ok(s) => fill.push(s),
            Err(_) => return (addr, fill, listener),
        }
    }
    panic!("the connection queue of {addr} never filled");
}

/// The User-Agent every request must carry.
pub fn expected_user_agent() -> String {
    format!(
        "councilrecs/{} (+https://github.com/councilrecs/councilrecs)",
        env!("CARGO_PKG_VERSION")
    )
}

/// A server on 127.0.0.1 that answers every connection with `raw` bytes as they are (a head
/// no HTTP library would write) and closes it.
pub fn raw_server(raw: Vec<u8>) -> std::net::SocketAddr {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for mut s in listener.incoming().take(64).flatten() {
            let _ = s.set_read_timeout(Some(Duration::from_millis(200)));
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = s.write_all(&raw);
        }
    });
    addr
}
