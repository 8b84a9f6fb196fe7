//! The polite client against a real HTTP server on 127.0.0.1: identification, the store and
//! conditional requests, retries (429 + Retry-After, 503 bursts), failures that are not
//! retried, time and size limits, redirects and loops, robots.txt, per-host spacing measured
//! on the server, and `councilrecs fetch` / `extract URL` end to end.

use crate::server::{Handler, Hit, Reply, Req, TestServer, expected_user_agent};
use crate::util::{Dir, bin};
use councilrecs::fetch::{Ask, FetchConfig, FetchError, Fetcher, Outcome};
use councilrecs::store::Store;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_millis(50);

fn config() -> FetchConfig {
    FetchConfig {
        delay: DELAY,
        timeout: Some(Duration::from_secs(5)),
        ..FetchConfig::default()
    }
}

fn fetcher(cfg: FetchConfig, name: &str) -> (Fetcher, Dir) {
    let dir = Dir::new(name);
    let store = Store::open(&dir).unwrap();
    (trusting(Fetcher::new(cfg, store).unwrap()), dir)
}

/// A client that may fetch from 127.0.0.1, as a run that starts there may.
fn trusting(f: Fetcher) -> Fetcher {
    f.trust_start("http://127.0.0.1/");
    f
}

fn server(f: impl Fn(&Req, u32) -> Reply + Send + Sync + 'static) -> TestServer {
    TestServer::start(move |_| -> Handler {
        let counts: Mutex<std::collections::HashMap<String, u32>> = Mutex::default();
        Arc::new(move |req: &Req| {
            let n = {
                let mut m = counts.lock().unwrap();
                let n = m.entry(req.target()).or_default();
                *n += 1;
                *n
            };
            if req.path == "/robots.txt" {
                return Reply::status(404);
            }
            f(req, n)
        })
    })
}

fn gaps(hits: &[Hit]) -> Vec<Duration> {
    hits.windows(2).map(|w| w[1].at - w[0].at).collect()
}

#[test]
fn identifies_itself_stores_and_revalidates() {
    let srv = server(|req, _| match req.path.as_str() {
        "/etag" if req.if_none_match.as_deref() == Some("\"v1\"") => Reply::status(304),
        "/etag" => Reply::ok("text/html", "<p>etag</p>").with_header("ETag", "\"v1\""),
        "/lm" if req.if_modified_since.is_some() => Reply::status(304),
        "/lm" => Reply::ok("text/plain", "lm")
            .with_header("Last-Modified", "Sun, 01 Jan 2023 00:00:00 GMT"),
        "/plain" if req.if_modified_since.is_some() => Reply::status(304),
        "/plain" => Reply::ok("text/plain", "no validators"),
        _ => Reply::status(404),
    });
    let (f, dir) = fetcher(config(), "revalidate");
    let a = f.get(&srv.url("/etag")).unwrap();
    assert_eq!(a.outcome, Outcome::Downloaded);
    assert!(a.changed);
    assert_eq!(a.status, 200);
    assert_eq!(a.media_type.as_deref(), Some("text/html"));
    assert_eq!(std::fs::read(&a.path).unwrap(), b"<p>etag</p>");
    assert!(a.path.starts_with(dir.join("objects")));
    assert_eq!(a.path.file_name().unwrap().to_str().unwrap(), a.sha256);
    f.get(&srv.url("/lm")).unwrap();
    f.get(&srv.url("/plain")).unwrap();
    let first_run = srv.hits();
    assert!(first_run.iter().all(|h| !h.conditional()));

    // A second client over the same store asks conditionally and keeps the stored bodies.
    drop(f);
    let f = trusting(Fetcher::new(config(), Store::open(&dir).unwrap()).unwrap());
    srv.clear();
    for path in ["/etag", "/lm", "/plain"] {
        let again = f.get(&srv.url(path)).unwrap();
        assert_eq!(again.outcome, Outcome::NotModified, "{path}");
        assert!(!again.changed);
    }
    let again = f.get(&srv.url("/etag")).unwrap();
    assert_eq!(again.sha256, a.sha256);
    assert_eq!(again.fetched_at, a.fetched_at);
    let hits = srv.hits();
    assert_eq!(hits[0].target, "/robots.txt");
    let by = |t: &str| hits.iter().find(|h| h.target == t).unwrap().clone();
    assert_eq!(by("/etag").if_none_match.as_deref(), Some("\"v1\""));
    assert_eq!(
        by("/lm").if_modified_since.as_deref(),
        Some("Sun, 01 Jan 2023 00:00:00 GMT")
    );
    // Without validators, the server's Date of the first answer is used.
    assert!(by("/plain").if_modified_since.is_some());
    for h in srv.hits().iter().chain(&first_run) {
        assert_eq!(h.user_agent, expected_user_agent());
    }
    assert_eq!(f.stats.unchanged.load(Ordering::Relaxed), 4);
}

#[test]
fn retries_429_after_retry_after_and_503_bursts_with_backoff() {
    let srv = server(|req, n| match req.path.as_str() {
        "/busy" if n == 1 => Reply::status(429).with_header("Retry-After", "1"),
        "/flaky" if n <= 2 => Reply::status(503),
        _ => Reply::ok("text/plain", "fine"),
    });
    let (f, _dir) = fetcher(config(), "retry");
    assert_eq!(f.get(&srv.url("/busy")).unwrap().status, 200);
    let busy: Vec<_> = srv
        .hits()
        .into_iter()
        .filter(|h| h.target == "/busy")
        .collect();
    assert_eq!(busy.len(), 2);
    let waited = busy[1].at - busy[0].at;
    assert!(waited >= Duration::from_secs(1), "retried after {waited:?}");

    srv.clear();
    assert_eq!(f.get(&srv.url("/flaky")).unwrap().status, 200);
    let flaky = srv.hits();
    assert_eq!(
        flaky.iter().map(|h| h.status).collect::<Vec<_>>(),
        [503, 503, 200]
    );
    let g = gaps(&flaky);
    // Backoff from max(--delay, 0.1 s): 1×, then 2× (±25 %).
    assert!(g[0] >= Duration::from_millis(75), "{g:?}");
    assert!(g[1] >= Duration::from_millis(150), "{g:?}");
    assert_eq!(f.stats.retries.load(Ordering::Relaxed), 3);
}

#[test]
fn gives_up_on_500_and_persistent_503_without_hammering() {
    let srv = server(|req, _| match req.path.as_str() {
        "/broken" => Reply::status(500),
        "/down" => Reply::status(503),
        "/gone" => Reply::status(404),
        _ => Reply::status(200),
    });
    let (f, _dir) = fetcher(config(), "giveup");
    let e = f.get(&srv.url("/broken")).unwrap_err();
    assert_eq!(e.status(), Some(500));
    assert_eq!(e.kind(), "http_status");
    assert_eq!(srv.count("/broken"), 1, "500 is not retried");
    assert_eq!(f.get(&srv.url("/gone")).unwrap_err().status(), Some(404));
    assert_eq!(srv.count("/gone"), 1);
    let e = f.get(&srv.url("/down")).unwrap_err();
    assert_eq!(e.status(), Some(503));
    assert_eq!(srv.count("/down"), 4, "at most 4 tries");
    // The failure is noted in the store's index.
    let entry = f.store().get(&srv.url("/broken")).unwrap().unwrap();
    assert!(entry.error.unwrap().contains("500"));
}

#[test]
fn slow_and_truncated_bodies_fail_within_limits() {
    let srv = server(|req, _| match req.path.as_str() {
        "/slow" => Reply::Drip {
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: vec![b'a'; 40],
            chunk: 2,
            pause: Duration::from_millis(100),
            length: true,
        },
        "/cut" => Reply::Cut {
            headers: vec![("Content-Type".into(), "text/plain".into())],
            declared: 1000,
            body: vec![b'b'; 300],
        },
        _ => Reply::status(404),
    });
    let cfg = FetchConfig {
        timeout: Some(Duration::from_millis(400)),
        max_tries: 2,
        ..config()
    };
    let (f, dir) = fetcher(cfg, "limits");
    let t0 = Instant::now();
    let e = f.get(&srv.url("/slow")).unwrap_err();
    assert!(matches!(e, FetchError::Timeout { .. }), "{e}");
    assert_eq!(srv.count("/slow"), 2, "a timeout is retried");
    // Two tries of ~0.4 s and a backoff, not the 4 s the body would take.
    assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
    let e = f.get(&srv.url("/cut")).unwrap_err();
    match e {
        FetchError::Truncated { got, expected, .. } => {
            assert_eq!((got, expected), (300, 1000))
        }
        other => panic!("expected a truncated body, got {other}"),
    }
    assert_eq!(srv.count("/cut"), 2);
    // Nothing partial is left in the store.
    assert_eq!(std::fs::read_dir(dir.join("tmp")).unwrap().count(), 0);
    assert!(f.store().get_with_body(&srv.url("/cut")).unwrap().is_none());
}

#[test]
fn max_bytes_is_enforced_with_and_without_content_length() {
    let srv = server(|req, _| match req.path.as_str() {
        "/big" => Reply::ok("text/plain", vec![b'x'; 5000]),
        "/big-stream" => Reply::Drip {
            headers: vec![],
            body: vec![b'y'; 5000],
            chunk: 1000,
            pause: Duration::ZERO,
            length: false,
        },
        "/small" => Reply::ok("text/plain", vec![b'z'; 1000]),
        _ => Reply::status(404),
    });
    let cfg = FetchConfig {
        max_bytes: 1000,
        ..config()
    };
    let (f, _dir) = fetcher(cfg, "maxbytes");
    for path in ["/big", "/big-stream"] {
        let e = f.get(&srv.url(path)).unwrap_err();
        assert!(
            matches!(e, FetchError::TooLarge { limit: 1000, .. }),
            "{path}: {e}"
        );
        assert_eq!(srv.count(path), 1, "too large is not retried");
    }
    assert_eq!(f.get(&srv.url("/small")).unwrap().size, 1000);
}

#[test]
fn redirects_are_followed_politely_and_loops_reported() {
    let srv = server(|req, _| {
        let p = req.path.as_str();
        if let Some(n) = p.strip_prefix("/hop/") {
            let n: u32 = n.parse().unwrap();
            return Reply::redirect(&format!("/hop/{}", n + 1));
        }
        match p {
            "/r1" => Reply::redirect("/r2"),
            "/r2" => Reply::redirect("final"),
            "/final" => Reply::ok("text/plain", "arrived"),
            "/loop-a" => Reply::redirect("/loop-b"),
            "/loop-b" => Reply::redirect("/loop-a"),
            "/ftp" => Reply::redirect("ftp://example.org/x"),
            _ => Reply::status(404),
        }
    });
    let (f, _dir) = fetcher(config(), "redirects");
    let got = f.get(&srv.url("/r1")).unwrap();
    assert_eq!(got.final_url, srv.url("/final"));
    assert_eq!(got.url, srv.url("/r1"));
    let hits = srv.hits();
    let targets: Vec<_> = hits.iter().map(|h| h.target.as_str()).collect();
    assert_eq!(targets, ["/robots.txt", "/r1", "/r2", "/final"]);
    for g in gaps(&hits) {
        assert!(g >= DELAY, "every hop waits its turn: {g:?}");
    }
    let e = f.get(&srv.url("/loop-a")).unwrap_err();
    assert!(matches!(e, FetchError::RedirectLoop { .. }), "{e}");
    assert_eq!(srv.count("/loop-a"), 1);
    assert_eq!(srv.count("/loop-b"), 1);
    let e = f.get(&srv.url("/hop/0")).unwrap_err();
    assert!(
        matches!(e, FetchError::TooManyRedirects { max: 10, .. }),
        "{e}"
    );
    assert_eq!(
        srv.hits()
            .iter()
            .filter(|h| h.target.starts_with("/hop/"))
            .count(),
        11
    );
    let e = f.get(&srv.url("/ftp")).unwrap_err();
    assert_eq!(e.kind(), "unsupported_scheme");
    assert_eq!(
        f.get("file:///etc/passwd").unwrap_err().kind(),
        "unsupported_scheme"
    );
}

#[test]
fn robots_disallow_and_crawl_delay_are_obeyed() {
    let srv = TestServer::start(|_| -> Handler {
        Arc::new(|req: &Req| match req.path.as_str() {
            "/robots.txt" => Reply::ok(
                "text/plain",
                "User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /private\nCrawl-delay: 0.25\n",
            ),
            _ => Reply::ok("text/plain", "ok"),
        })
    });
    let (f, _dir) = fetcher(config(), "robots");
    for i in 0..3 {
        f.get(&srv.url(&format!("/public/{i}"))).unwrap();
    }
    let e = f.get(&srv.url("/private/report.html")).unwrap_err();
    assert_eq!(e.kind(), "robots");
    let hits = srv.hits();
    assert!(hits.iter().all(|h| !h.target.starts_with("/private")));
    assert_eq!(hits.iter().filter(|h| h.target == "/robots.txt").count(), 1);
    let g = gaps(&hits[1..]);
    assert_eq!(g.len(), 2);
    for gap in g {
        assert!(
            gap >= Duration::from_millis(250),
            "Crawl-delay 0.25 s, saw {gap:?}"
        );
    }
    let ignoring = FetchConfig {
        ignore_robots: true,
        ..config()
    };
    let (f2, _dir2) = fetcher(ignoring, "robots-ignored");
    srv.clear();
    assert!(f2.get(&srv.url("/private/report.html")).is_ok());
    assert_eq!(srv.hits().len(), 1, "robots.txt is not even read");

    // robots.txt answering 5xx means nothing may be fetched.
    let down = TestServer::start(|_| -> Handler {
        Arc::new(|req: &Req| match req.path.as_str() {
            "/robots.txt" => Reply::status(500),
            _ => Reply::ok("text/plain", "ok"),
        })
    });
    let (f3, _dir3) = fetcher(config(), "robots-down");
    assert_eq!(
        f3.get(&down.url("/page")).unwrap_err().kind(),
        "robots_unreachable"
    );
    assert_eq!(down.count("/page"), 0);
}

#[test]
fn one_request_at_a_time_per_host_across_threads() {
    let served = Arc::new(AtomicU32::new(0));
    let count = served.clone();
    let srv = server(move |_, _| {
        count.fetch_add(1, Ordering::SeqCst);
        Reply::ok("text/plain", "x")
    });
    let (f, _dir) = fetcher(config(), "threads");
    let f = Arc::new(f);
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let (f, base) = (f.clone(), srv.origin());
            std::thread::spawn(move || {
                for i in 0..3 {
                    f.get(&format!("{base}/t{t}/{i}")).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let hits = srv.hits();
    assert_eq!(hits.len(), 13);
    let g = gaps(&hits);
    let min = *g.iter().min().unwrap();
    assert!(min >= DELAY, "smallest gap between requests {min:?}");
    assert_eq!(served.load(Ordering::SeqCst), 12);
}

#[test]
fn offline_answers_from_the_store_only() {
    let srv = server(|_, _| Reply::ok("text/plain", "kept"));
    let (f, dir) = fetcher(config(), "offline");
    let online = f.get(&srv.url("/doc")).unwrap();
    drop(f);
    srv.clear();
    let offline = FetchConfig {
        offline: true,
        ..config()
    };
    let f = trusting(Fetcher::new(offline, Store::open(&dir).unwrap()).unwrap());
    let got = f.get(&srv.url("/doc")).unwrap();
    assert_eq!(got.outcome, Outcome::Stored);
    assert_eq!(got.sha256, online.sha256);
    assert_eq!(f.body(&got).unwrap(), b"kept");
    assert_eq!(f.get(&srv.url("/other")).unwrap_err().kind(), "not_stored");
    assert!(srv.hits().is_empty());
}

#[test]
fn fetch_command_prints_a_manifest_and_extract_reads_urls() {
    let page_1252: &[u8] = b"<html><head><meta charset=\"windows-1252\"><title>Fees</title></head>\
        <body><p>The council\x92s fee is \xa3250.</p><p>RESOLVED:</p><p>1. That the fee be \x93approved\x94.</p></body></html>";
    let srv = server(move |req, _| match req.path.as_str() {
        "/fees.html" => Reply::ok("text/html", page_1252.to_vec()),
        "/missing" => Reply::status(404),
        _ => Reply::ok("text/plain", "hello"),
    });
    let store = Dir::new("cmd-store");
    let out = bin()
        .args(["fetch", "--delay", "0.05", "--store"])
        .arg(&store)
        .args([
            srv.url("/a.txt"),
            srv.url("/missing"),
            srv.url("/fees.html"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one URL failed");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["url"], srv.url("/a.txt"));
    assert_eq!(lines[0]["status"], 200);
    assert_eq!(lines[0]["outcome"], "downloaded");
    assert_eq!(lines[0]["bytes"], 5);
    let path = lines[0]["path"].as_str().unwrap();
    assert_eq!(std::fs::read(path).unwrap(), b"hello");
    assert_eq!(lines[1]["error"]["kind"], "http_status");
    assert_eq!(lines[2]["media_type"], "text/html");

    // extract URL goes through the same client and store: the second ask is conditional.
    let out = bin()
        .args(["extract", "--emit-text", "--delay", "0.05", "--store"])
        .arg(&store)
        .arg(srv.url("/fees.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rec["source"]["url"], srv.url("/fees.html"));
    assert_eq!(rec["source"]["encoding"], "windows-1252");
    let text = rec["text"].as_str().unwrap();
    assert!(text.contains("The council’s fee is £250."), "{text}");
    assert!(text.contains("“approved”"), "{text}");
    let fees: Vec<_> = srv
        .hits()
        .into_iter()
        .filter(|h| h.target == "/fees.html")
        .collect();
    assert_eq!(fees.len(), 2);
    assert!(!fees[0].conditional() && fees[1].conditional());
    assert!(
        srv.hits()
            .iter()
            .all(|h| h.user_agent == expected_user_agent())
    );
}

#[test]
fn a_pdf_fetched_by_url_reads_as_the_same_file_on_disk() {
    let pdf_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pdf/decision-notice-lower-roman-dot.pdf");
    let pdf = std::fs::read(&pdf_path).unwrap();
    let srv = server(move |req, _| match req.path.as_str() {
        "/documents/s1/notice.pdf" => Reply::ok("application/pdf", pdf.clone()),
        _ => Reply::status(404),
    });
    let store = Dir::new("pdf-store");
    let run = |arg: &std::ffi::OsStr| {
        let out = bin()
            .args(["extract", "--delay", "0.05", "--store"])
            .arg(&store)
            .arg(arg)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let url = srv.url("/documents/s1/notice.pdf");
    let fetched = run(url.as_ref());
    let local = run(pdf_path.as_os_str());
    assert_eq!(fetched["source"]["url"], url);
    assert_eq!(fetched["source"]["media_type"], "application/pdf");
    assert_eq!(fetched["source"]["sha256"], local["source"]["sha256"]);
    assert!(fetched["error"].is_null());
    assert!(!fetched["recommendations"].as_array().unwrap().is_empty());
    assert_eq!(fetched["recommendations"], local["recommendations"]);
    assert_eq!(fetched["meta"], local["meta"]);
}

#[test]
fn a_stored_body_damaged_on_disk_is_refetched_online_and_an_error_offline() {
    let srv = server(|_, _| Reply::ok("text/plain", "RESOLVED: that the report be noted."));
    let (f, dir) = fetcher(config(), "corrupt");
    let url = srv.url("/doc");
    let first = f.get(&url).unwrap();
    drop(f);
    let store = Store::open(&dir).unwrap();
    let object = store.object_path(&first.sha256).unwrap();
    std::fs::write(&object, "RESOLVED: that the report be rejected.").unwrap();

    // Offline, the damaged copy is reported, never served.
    let offline = FetchConfig {
        offline: true,
        ..config()
    };
    let f = trusting(Fetcher::new(offline, Store::open(&dir).unwrap()).unwrap());
    let e = f.get_body(&url, Ask::default()).unwrap_err();
    assert_eq!(e.kind(), "store_corrupt", "{e}");
    assert!(
        e.to_string().contains("does not match its SHA-256 address"),
        "{e}"
    );
    drop(f);

    // Damaged again; online, the body is downloaded again and served as the server has it.
    std::fs::write(&object, "RESOLVED: that the report be rejected.").unwrap();
    srv.clear();
    let f = trusting(Fetcher::new(config(), Store::open(&dir).unwrap()).unwrap());
    let (got, body) = f.get_body(&url, Ask::default()).unwrap();
    assert_eq!(body, b"RESOLVED: that the report be noted.");
    assert_eq!(got.sha256, first.sha256);
    assert!(srv.count("/doc") >= 1);
    assert_eq!(
        std::fs::read(&object).unwrap(),
        b"RESOLVED: that the report be noted."
    );
}
