//! Servers that send what a server should not: every header with hostile values (a
//! `Retry-After` of `1e20`, a twenty-digit number, a date in 9999, bytes that are not text),
//! bodies compressed wrongly or not at all, robots.txt with absurd crawl delays, bot walls, and
//! hosts that never answer. Nothing panics; every case ends in a clear error or a sensible
//! answer, quickly, without a retry storm.

use crate::server::{Handler, Reply, Req, TestServer, dropping_port, raw_server, silent_server};
use crate::util::Dir;
use councilrecs::fetch::{FetchConfig, FetchError, Fetcher};
use councilrecs::store::Store;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn config() -> FetchConfig {
    FetchConfig {
        delay: Duration::from_millis(20),
        timeout: Some(Duration::from_secs(5)),
        connect_timeout: Duration::from_millis(500),
        max_tries: 3,
        wait_cap: Duration::from_millis(400),
        ..FetchConfig::default()
    }
}

fn fetcher(cfg: FetchConfig, name: &str) -> (Fetcher, Dir) {
    let dir = Dir::new(name);
    let f = Fetcher::new(cfg, Store::open(&dir).unwrap()).unwrap();
    f.trust_start("http://127.0.0.1/");
    (f, dir)
}

/// A server with no robots.txt whose pages `f` answers.
fn server(f: impl Fn(&Req) -> Reply + Send + Sync + 'static) -> TestServer {
    TestServer::start(move |_| -> Handler {
        Arc::new(move |req: &Req| {
            if req.path == "/robots.txt" {
                return Reply::status(404);
            }
            f(req)
        })
    })
}

fn bytes_header(status: u16, name: &str, value: &[u8]) -> Reply {
    Reply::Bytes {
        status,
        headers: vec![(name.into(), value.to_vec())],
        body: b"x".to_vec(),
    }
}

#[test]
fn retry_after_values_of_every_kind_never_panic() {
    let srv = server(|req| {
        let v: &[u8] = match req.path.as_str() {
            "/e20" => b"1e20",
            "/digits" => b"99999999999999999999",
            "/max" => b"18446744073709551615",
            "/far-date" => b"Fri, 31 Dec 9999 23:59:59 GMT",
            "/minus" => b"-1",
            "/nan" => b"NaN",
            "/bytes" => b"\xff\xfe1",
            "/small" => b"0",
            _ => return Reply::ok("text/plain", "fine"),
        };
        bytes_header(503, "Retry-After", v)
    });
    let (f, _dir) = fetcher(config(), "retry-after");
    for path in ["/e20", "/digits", "/max", "/far-date"] {
        let t0 = Instant::now();
        let e = f.get(&srv.url(path)).unwrap_err();
        assert!(
            matches!(e, FetchError::WaitTooLong { status: 503, .. }),
            "{path}: {e}"
        );
        assert_eq!(e.kind(), "http_status");
        assert!(e.to_string().contains("longer than the 0.4 s"), "{e}");
        assert_eq!(srv.count(path), 1, "{path}: a wait too long is not retried");
        assert!(t0.elapsed() < Duration::from_secs(2), "{path}: no waiting");
    }
    // Values that mean nothing are ignored: the usual backoff, a few tries.
    for path in ["/minus", "/nan", "/bytes", "/small"] {
        let e = f.get(&srv.url(path)).unwrap_err();
        assert_eq!(e.status(), Some(503), "{path}: {e}");
        assert_eq!(srv.count(path), 3, "{path}");
    }
}

#[test]
fn a_crawl_delay_too_long_is_capped_and_robots_errors_are_plain() {
    let srv = TestServer::start(|_| -> Handler {
        Arc::new(|req: &Req| match req.path.as_str() {
            "/robots.txt" => Reply::ok(
                "text/plain",
                "User-agent: *\nCrawl-delay: 1e20\nCrawl-delay: 1000000000\nDisallow: /no\n",
            ),
            _ => Reply::ok("text/plain", "ok"),
        })
    });
    let (f, _dir) = fetcher(config(), "crawl-delay");
    for i in 0..3 {
        f.get(&srv.url(&format!("/p{i}"))).unwrap();
    }
    let hits = srv.hits();
    let gaps: Vec<Duration> = hits[1..].windows(2).map(|w| w[1].at - w[0].at).collect();
    // Capped at the 0.4 s wait cap: polite, but a typo cannot stall a run.
    for g in gaps {
        assert!(
            g >= Duration::from_millis(390) && g < Duration::from_secs(3),
            "{g:?}"
        );
    }
    assert_eq!(f.get(&srv.url("/no/x")).unwrap_err().kind(), "robots");

    // robots.txt refused with an absurd Retry-After: the site is out of reach, said plainly.
    let down = TestServer::start(|_| -> Handler {
        Arc::new(|req: &Req| match req.path.as_str() {
            "/robots.txt" => Reply::status(503).with_header("Retry-After", "1e20"),
            _ => Reply::ok("text/plain", "ok"),
        })
    });
    let (f2, _dir2) = fetcher(config(), "robots-retry-after");
    let e = f2.get(&down.url("/page")).unwrap_err();
    assert_eq!(e.kind(), "robots_unreachable", "{e}");
    assert_eq!(down.count("/robots.txt"), 1);
    assert_eq!(down.count("/page"), 0);
}

#[test]
fn headers_that_are_not_what_they_should_be() {
    let long_etag = format!("\"{}\"", "e".repeat(600));
    let srv = server(move |req| match req.path.as_str() {
        "/location-bytes" => bytes_header(302, "Location", b"/\xff\xfe"),
        "/location-garbage" => Reply::redirect("http://[::1"),
        "/location-js" => Reply::redirect("javascript:alert(1)"),
        "/location-long" => Reply::redirect(&format!("/{}", "a".repeat(8000))),
        "/no-location" => Reply::status(301),
        "/long-etag" => Reply::ok("text/plain", "etag").with_header("ETag", &long_etag),
        "/bad-dates" => Reply::ok("text/plain", "dates")
            .with_header("Last-Modified", "yesterday-ish")
            .with_header("Date", "not a date at all"),
        "/ctype-bytes" => bytes_header(200, "Content-Type", b"text/html; charset=\xff"),
        _ if req.path.starts_with("/a") => Reply::ok("text/plain", "long path"),
        _ => Reply::status(404),
    });
    let (f, _dir) = fetcher(config(), "headers");
    let kind = |p: &str| {
        f.get(&srv.url(p))
            .map(|_| "ok")
            .unwrap_or_else(|e| e.kind())
    };
    assert_eq!(kind("/location-bytes"), "http_status");
    assert_eq!(kind("/location-garbage"), "bad_url");
    assert_eq!(kind("/location-js"), "unsupported_scheme");
    assert_eq!(kind("/location-long"), "ok");
    assert_eq!(kind("/no-location"), "http_status");
    assert_eq!(kind("/ctype-bytes"), "ok");
    // A validator too long to be kept is not sent back; a date that is not one is not used.
    f.get(&srv.url("/long-etag")).unwrap();
    f.get(&srv.url("/long-etag")).unwrap();
    let again = srv
        .hits()
        .into_iter()
        .filter(|h| h.target == "/long-etag")
        .nth(1)
        .unwrap();
    assert_eq!(again.if_none_match, None);
    let entry = f.store().get(&srv.url("/long-etag")).unwrap().unwrap();
    assert_eq!(entry.etag, None);
    f.get(&srv.url("/bad-dates")).unwrap();
    let e = f.store().get(&srv.url("/bad-dates")).unwrap().unwrap();
    assert_eq!(e.last_modified, None);
    assert!(httpdate::parse_http_date(e.server_date.as_deref().unwrap()).is_ok());
}

#[test]
fn compressed_bodies_are_inflated_checked_and_limited() {
    let page =
        b"<html><body><p>RESOLVED: that the peer challenge be noted.</p></body></html>".repeat(50);
    let page2 = page.clone();
    let srv = server(move |req| match req.path.as_str() {
        "/gzip" => Reply::gzip("text/html", &page2),
        "/deflate" => {
            use std::io::Write;
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            z.write_all(&page2).unwrap();
            Reply::ok("text/html", z.finish().unwrap()).with_header("Content-Encoding", "deflate")
        }
        "/twice" => {
            use std::io::Write;
            let mut inner = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            inner.write_all(&page2).unwrap();
            Reply::gzip("text/html", &inner.finish().unwrap())
                .with_header("Content-Encoding", "gzip")
        }
        "/undeclared" => {
            let Reply::Full { body, .. } = Reply::gzip("text/html", &page2) else {
                unreachable!()
            };
            Reply::ok("text/html", body)
        }
        "/garbage" => Reply::ok("text/html", b"this is not gzip".to_vec())
            .with_header("Content-Encoding", "gzip"),
        "/compress" => {
            Reply::ok("text/html", b"x".to_vec()).with_header("Content-Encoding", "compress")
        }
        "/bomb" => Reply::gzip("text/html", &vec![b' '; 2_000_000]),
        _ => Reply::status(404),
    });
    let (f, _dir) = fetcher(
        FetchConfig {
            max_bytes: 100_000,
            ..config()
        },
        "compressed",
    );
    for path in ["/gzip", "/deflate"] {
        let got = f.get(&srv.url(path)).unwrap();
        assert_eq!(f.body(&got).unwrap(), page, "{path}");
        assert_eq!(got.size, page.len() as u64);
    }
    let hits = srv.hits();
    assert!(
        hits.iter()
            .all(|h| h.accept_encoding.as_deref() == Some("gzip, deflate, br"))
    );
    for path in ["/twice", "/undeclared"] {
        let e = f.get(&srv.url(path)).unwrap_err();
        assert!(matches!(e, FetchError::Compressed { .. }), "{path}: {e}");
        assert_eq!(e.kind(), "bad_encoding");
    }
    for path in ["/garbage", "/compress"] {
        let e = f.get(&srv.url(path)).unwrap_err();
        assert!(matches!(e, FetchError::BadEncoding { .. }), "{path}: {e}");
        assert_eq!(srv.count(path), 1, "not retried");
    }
    // --max-bytes counts what the body inflates to.
    let e = f.get(&srv.url("/bomb")).unwrap_err();
    assert!(
        matches!(e, FetchError::TooLarge { limit: 100_000, .. }),
        "{e}"
    );
}

#[test]
fn challenge_pages_block_the_host_without_a_retry_storm() {
    let srv = TestServer::start(|_| -> Handler {
        Arc::new(|req: &Req| {
            let wall = br#"<html><head><META NAME="robots" CONTENT="noindex,nofollow"><script src="/_Incapsula_Resource?SWJIYLWA=5074a7"></script></head><body><iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=9"></iframe></body></html>"#;
            match req.path.as_str() {
                "/robots.txt" => Reply::status(404),
                "/cf" => Reply::status(503).with_header("cf-mitigated", "challenge"),
                _ => Reply::ok("text/html", wall.to_vec()),
            }
        })
    });
    let (f, _dir) = fetcher(config(), "blocked");
    let e = f
        .get(&srv.url("/mgWebService.asmx/GetCommittees"))
        .unwrap_err();
    assert_eq!(e.kind(), "blocked");
    assert!(e.to_string().contains("Incapsula"), "{e}");
    let t0 = Instant::now();
    for i in 0..5 {
        let e = f.get(&srv.url(&format!("/page{i}"))).unwrap_err();
        assert_eq!(e.kind(), "blocked");
        assert!(e.to_string().contains("earlier in this run"), "{e}");
    }
    assert!(t0.elapsed() < Duration::from_millis(200));
    assert_eq!(
        srv.hits().len(),
        2,
        "robots.txt and the one page that showed the wall"
    );

    let cf = server(|_| Reply::status(503).with_header("cf-mitigated", "challenge"));
    let (f2, _dir2) = fetcher(config(), "blocked-cf");
    let e = f2.get(&cf.url("/x")).unwrap_err();
    assert!(e.to_string().contains("Cloudflare"), "{e}");
    assert_eq!(cf.count("/x"), 1, "a challenge is not retried like a 503");
}

#[test]
fn hosts_that_do_not_answer_are_unreachable_quickly() {
    // Connections that are never accepted: one try, reported as unreachable, host given up.
    let (addr, _fill, _listener) = dropping_port();
    let (f, _dir) = fetcher(config(), "drop");
    let t0 = Instant::now();
    let e = f.get(&format!("http://{addr}/robots-first")).unwrap_err();
    assert_eq!(e.kind(), "unreachable", "{e}");
    assert!(e.to_string().contains("did not answer"), "{e}");
    let e2 = f.get(&format!("http://{addr}/second")).unwrap_err();
    assert_eq!(e2.kind(), "unreachable");
    assert!(t0.elapsed() < Duration::from_secs(3), "{:?}", t0.elapsed());

    // A server that accepts and never answers: robots.txt times out (twice), and the site
    // is reported unreachable, not a list of robots errors.
    let silent = silent_server();
    let (f2, _dir2) = fetcher(
        FetchConfig {
            timeout: Some(Duration::from_millis(300)),
            ..config()
        },
        "silent",
    );
    let t1 = Instant::now();
    let e = f2.get(&format!("http://{silent}/page")).unwrap_err();
    assert_eq!(e.kind(), "unreachable", "{e}");
    assert!(e.to_string().contains("robots.txt got no answer"), "{e}");
    let e = f2.get(&format!("http://{silent}/other")).unwrap_err();
    assert_eq!(e.kind(), "unreachable", "{e}");
    assert!(t1.elapsed() < Duration::from_secs(3), "{:?}", t1.elapsed());
}

#[test]
fn a_timed_out_request_is_tried_once_more_only() {
    let srv = server(|req| match req.path.as_str() {
        "/slow" => Reply::ok("text/plain", "late").after(Duration::from_millis(800)),
        _ => Reply::ok("text/plain", "ok"),
    });
    let (f, _dir) = fetcher(
        FetchConfig {
            timeout: Some(Duration::from_millis(300)),
            max_tries: 4,
            ..config()
        },
        "timeout-once",
    );
    let e = f.get(&srv.url("/slow")).unwrap_err();
    assert_eq!(e.kind(), "timeout");
    assert_eq!(srv.count("/slow"), 2);
    assert!(
        f.get(&srv.url("/fast")).is_ok(),
        "one slow page does not down the host"
    );
}

#[test]
fn redirects_to_private_addresses_are_refused_and_credentials_dropped() {
    let srv = server(|req| match req.path.as_str() {
        "/to-metadata" => Reply::redirect("http://169.254.169.254/latest/meta-data/"),
        "/to-intranet" => Reply::redirect("http://10.0.0.1/admin"),
        "/to-v6" => Reply::redirect("http://[fd00::1]/"),
        "/with-creds" => Reply::redirect("/landing"),
        "/landing" => Reply::ok("text/plain", "here"),
        _ => Reply::status(404),
    });
    let (f, _dir) = fetcher(config(), "ssrf");
    for path in ["/to-metadata", "/to-intranet", "/to-v6"] {
        let e = f.get(&srv.url(path)).unwrap_err();
        assert_eq!(e.kind(), "forbidden_address", "{path}: {e}");
        assert!(
            e.to_string().contains("the run did not start on one"),
            "{e}"
        );
    }
    let with_creds = format!("http://user:secret@{}/with-creds", srv.addr);
    let got = f.get(&with_creds).unwrap();
    assert_eq!(got.url, srv.url("/with-creds"));
    assert_eq!(got.final_url, srv.url("/landing"));
    assert!(srv.hits().iter().all(|h| h.authorization.is_none()));
    let stored = f.store().entries().unwrap();
    assert!(
        stored
            .iter()
            .all(|e| !e.url.contains("secret") && !e.final_url.contains("secret"))
    );
}

#[test]
fn a_site_that_sends_nonsense_everywhere_never_crashes_the_crawl() {
    use crate::util::{bin, read_jsonl};
    use serde_json::Value;
    let deep = format!(
        "<committees>{}{}</committees>",
        "<committee>".repeat(50_000),
        "</committee>".repeat(50_000)
    );
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">]><meeting><meetingid>&lol6;</meetingid></meeting>"#;
    let committees = "<committees><committee><committeeid>1</committeeid><committeetitle>Cabinet</committeetitle></committee><committee><committeeid>99999999999999999999999</committeeid><committeetitle>&#x1F4A9; &amp;amp; &lt;script&gt;</committeetitle></committee></committees>";
    let meetings = "<getmeetings><committee><committeeid>1</committeeid><committeemeetings><meeting><meetingid>5</meetingid><meetingdate>14/03/2023</meetingdate></meeting><meeting><meetingid>6</meetingid><meetingdate>99/99/99999999999999</meetingdate></meeting><meeting><meetingid>7</meetingid><meetingdate>31/02/2023</meetingdate></meeting></committeemeetings></committee></getmeetings>";
    let srv = TestServer::start(move |_| -> Handler {
        let deep = deep.clone();
        Arc::new(
            move |req: &Req| match (req.path.as_str(), req.param("lCommitteeId")) {
                ("/robots.txt", _) => {
                    let mut junk =
                        b"User-agent: *\nCrawl-delay: 1e308\nDisallow: /nothing\x00\xff\n".to_vec();
                    junk.resize(1 << 20, b'#');
                    Reply::ok("text/plain", junk)
                }
                ("/deep/mgWebService.asmx/GetCommittees", _) => Reply::ok("text/xml", deep.clone()),
                ("/site/mgWebService.asmx/GetCommittees", _) => Reply::ok("text/xml", committees),
                ("/site/mgWebService.asmx/GetMeetings", Some(_)) => Reply::ok("text/xml", meetings),
                ("/site/mgWebService.asmx/GetMeeting", _) => {
                    match req.param("lMeetingId").as_deref() {
                        Some("5") => Reply::ok("text/xml", laughs),
                        _ => Reply::gzip(
                            "text/xml",
                            b"<meeting><meetingdate>not a date</meetingdate></meeting>",
                        ),
                    }
                }
                ("/site/ieListDocuments.aspx", _) => Reply::ok(
                    "text/html",
                    "<div id=\"modgov\"><h2 class=\"mgSubTitleTxt\">Cabinet - 99th Smarch, 99999999999999</h2><table class=\"mgItemTable\"><tr><td class=\"mgItemNumberCell\"><p class=\"mgAiTitleTxt\">99999999999999999999.</p></td><td><p class=\"mgAiTitleTxt\">Peer challenge PDF 99999999999999999999 KB</p></td></tr></table></div>",
                ),
                _ => Reply::status(503).with_header("Retry-After", "99999999999999999999"),
            },
        )
    });
    let dir = Dir::new("nonsense");
    let out = dir.path("out.jsonl");
    let run = bin()
        .args([
            "crawl",
            "--base",
            &srv.url("/deep"),
            "--base",
            &srv.url("/site"),
        ])
        .args([
            "--from",
            "2023-01-01",
            "--to",
            "2023-12-31",
            "--match",
            "peer challenge",
        ])
        .args(["--delay", "0", "--timeout", "5", "--store"])
        .arg(dir.path("store"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(matches!(run.status.code(), Some(0 | 1)), "{stderr}");
    // Every failure is a record; the run finished and wrote its output.
    let recs = read_jsonl(&out);
    assert!(recs.iter().all(|r| r["schema_version"] == 1));
    // 50,000 nested elements are read (as a list of no committees), not a crash; the decision
    // lists that answer with a twenty-digit Retry-After are error records, given up at once.
    assert_eq!(srv.count("/deep/mgWebService.asmx/GetCommittees"), 1);
    let deep_errors: Vec<&Value> = recs
        .iter()
        .filter(|r| r["source"]["url"].as_str().unwrap_or("").contains("/deep/"))
        .collect();
    assert_eq!(deep_errors.len(), 2, "{recs:#?}");
    assert!(
        deep_errors
            .iter()
            .all(|r| r["error"]["kind"] == "http_status")
    );
    // The other site was walked through its nonsense: an entity bomb in GetMeeting, dates
    // that are not dates, a twenty-digit item number.
    let targets: Vec<String> = srv.hits().iter().map(|h| h.target.clone()).collect();
    assert_eq!(
        srv.count("/site/mgWebService.asmx/GetMeeting?lMeetingId=5"),
        1,
        "{targets:#?} {stderr}"
    );
    assert_eq!(
        srv.count("/site/mgWebService.asmx/GetMeeting?lMeetingId=6"),
        0
    );
    assert!(srv.count("/site/ieListDocuments.aspx?CId=1&MId=5") >= 1);
}

#[test]
fn heads_no_http_library_would_write_are_errors() {
    let (f, _dir) = fetcher(
        FetchConfig {
            ignore_robots: true,
            max_tries: 2,
            ..config()
        },
        "raw-heads",
    );
    for head in [
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\nshort",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nx",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcde",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot hex\r\n",
        "HTTP/1.1 999999 Whatever\r\n\r\n",
        "NOT HTTP AT ALL\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: \u{1}\r\n\r\n",
    ] {
        let addr = raw_server(head.as_bytes().to_vec());
        let e = f.get(&format!("http://{addr}/x")).unwrap_err();
        assert!(
            matches!(e.kind(), "network" | "truncated" | "http_status"),
            "{head:?}: {e}"
        );
    }
    // A declared length longer than the body that follows is a truncated body.
    let addr = raw_server(
        b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\nConnection: close\r\n\r\nonly this".to_vec(),
    );
    let e = f.get(&format!("http://{addr}/y")).unwrap_err();
    assert_eq!(e.kind(), "truncated", "{e}");
}
