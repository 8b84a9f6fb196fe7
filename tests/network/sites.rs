//! The two test sites under `tests/sites/`, served with validators (ETag and Last-Modified on
//! pages, Last-Modified only on `/documents/`, neither on `mgConvert2PDF`), answering `304`
//! to conditional requests, and with the faults the crawl tests look for. `{{ORIGIN}}` in a
//! served file becomes the server's origin, as real sites write absolute links.

use crate::server::{Handler, Reply, Req, TestServer};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// When every test page was last changed.
pub fn modified() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_672_531_200) // 2023-01-01
}

fn site_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sites")
        .join(name)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Clone, Copy, PartialEq)]
enum Validators {
    Both,
    LastModifiedOnly,
    None,
}

fn content_type(file: &Path) -> &'static str {
    let name = file.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".xml") {
        "text/xml; charset=utf-8"
    } else if name.ends_with(".txt") {
        "text/plain"
    } else if name.contains("1252") {
        // Declared only inside the page, as the legacy pages this stands for do.
        "text/html"
    } else {
        "text/html; charset=utf-8"
    }
}

/// Serves a file with validators, or 304 when the client already has it.
fn serve(req: &Req, file: &Path, origin: &str, v: Validators) -> Reply {
    let Ok(bytes) = std::fs::read(file) else {
        return Reply::status(404);
    };
    let bytes = match String::from_utf8(bytes.clone()) {
        Ok(s) => s.replace("{{ORIGIN}}", origin).into_bytes(),
        Err(_) => bytes,
    };
    let etag = format!("\"{:016x}\"", fnv(&bytes));
    let lm = httpdate::fmt_http_date(modified());
    let fresh = match (&req.if_none_match, &req.if_modified_since) {
        (Some(inm), _) if v == Validators::Both => inm.trim() == etag,
        (_, Some(ims)) => httpdate::parse_http_date(ims).is_ok_and(|t| t >= modified()),
        _ => false,
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    if v == Validators::Both {
        headers.push(("ETag".into(), etag));
    }
    if v != Validators::None {
        headers.push(("Last-Modified".into(), lm));
    }
    if fresh {
        return Reply::Full {
            status: 304,
            headers,
            body: vec![],
        };
    }
    headers.push(("Content-Type".into(), content_type(file).into()));
    Reply::Full {
        status: 200,
        headers,
        body: bytes,
    }
}

fn fnv(b: &[u8]) -> u64 {
    b.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &x| {
        (h ^ u64::from(x)).wrapping_mul(0x100_0000_01b3)
    })
}

/// How many times each target has been asked for (for faults that pass after a while).
#[derive(Default)]
struct Counter(Mutex<HashMap<String, u32>>);

impl Counter {
    fn bump(&self, key: &str) -> u32 {
        let mut m = self.0.lock().unwrap();
        let n = m.entry(key.to_string()).or_default();
        *n += 1;
        *n
    }
}

/// The Modern.Gov-like site of Borchester District Council.
pub fn moderngov() -> TestServer {
    moderngov_site(true)
}

/// The same site with its web service switched off (it answers with an HTML page): meetings
/// are found on the month calendar instead.
pub fn moderngov_without_web_service() -> TestServer {
    moderngov_site(false)
}

fn moderngov_site(web_service: bool) -> TestServer {
    TestServer::start(move |origin| -> Handler {
        let dir = site_dir("moderngov");
        let off = dir.join("without-web-service");
        let counter = Counter::default();
        Arc::new(move |req: &Req| {
            let n = counter.bump(&req.target());
            let file = |name: &str| dir.join(name);
            let page = |name: &str| serve(req, &file(name), &origin, Validators::Both);
            let p = req.path.as_str();
            if !web_service {
                let off_page = |name: &str| serve(req, &off.join(name), &origin, Validators::Both);
                match p {
                    "/" => return Reply::redirect("/mgListCommittees.aspx"),
                    "/mgListCommittees.aspx" => return off_page("mgListCommittees.html"),
                    "/mgCalendarMonthView.aspx" => {
                        let name = format!(
                            "calendar-{}-{}.html",
                            req.param("M").unwrap_or_default(),
                            req.param("DD").unwrap_or_default()
                        );
                        return if off.join(&name).is_file() {
                            off_page(&name)
                        } else {
                            off_page("calendar-empty.html")
                        };
                    }
                    _ if p.starts_with("/mgWebService.asmx/") => return off_page("disabled.html"),
                    _ => {}
                }
            }
            match p {
                "/robots.txt" => serve(req, &file("robots.txt"), &origin, Validators::Both),
                "/mgWebService.asmx/GetCommittees" => page("GetCommittees.xml"),
                "/mgWebService.asmx/GetMeetings" => page(&format!(
                    "GetMeetings-{}.xml",
                    req.param("lCommitteeId").unwrap_or_default()
                )),
                "/mgWebService.asmx/GetMeeting" => {
                    let id = req.param("lMeetingId").unwrap_or_default();
                    match id.as_str() {
                        // The web service is switched off for this meeting.
                        "131" => Reply::status(500),
                        // A burst of 503s, then the answer.
                        "111" if n <= 2 => Reply::status(503),
                        _ => page(&format!("GetMeeting-{id}.xml")),
                    }
                }
                "/ieListDocuments.aspx" => page(&format!(
                    "ieListDocuments-{}.html",
                    req.param("MId").unwrap_or_default()
                )),
                "/mgDelegatedDecisions.aspx" => page("mgDelegatedDecisions.html"),
                "/mgListOfficerDecisions.aspx" => page("mgListOfficerDecisions.html"),
                "/ieDecisionDetails.aspx" => page(&format!(
                    "ieDecisionDetails-{}.html",
                    req.param("ID").unwrap_or_default()
                )),
                "/mgIssueHistoryHome.aspx" | "/ieIssueDetails.aspx" => page(&format!(
                    "issue-{}.html",
                    req.param("IId").unwrap_or_default()
                )),
                "/mgConvert2PDF.aspx" => serve(
                    req,
                    &file(&format!(
                        "mgConvert2PDF-{}.html",
                        req.param("ID").unwrap_or_default()
                    )),
                    &origin,
                    Validators::None,
                ),
                "/documents/s905/Broken.html" => Reply::status(500),
                "/documents/s907/Busy.html" if n == 1 => {
                    Reply::status(429).with_header("Retry-After", "1")
                }
                "/documents/s909/Loop.html" => Reply::redirect("/documents/s909/Loop-b.html"),
                "/documents/s909/Loop-b.html" => Reply::redirect("Loop.html"),
                "/documents/s910/Huge.html" => {
                    let mut body = b"<html><body><p>".to_vec();
                    body.resize(150_000, b'x');
                    Reply::ok("text/html", body)
                }
                _ if p.starts_with("/documents/") || p.starts_with("/private/") => serve(
                    req,
                    &file(&percent_decode(&p[1..])),
                    &origin,
                    Validators::LastModifiedOnly,
                ),
                _ => Reply::status(404),
            }
        })
    })
}

/// The CMIS-like site of Felpersham City Council, under `/felpersham`.
pub fn cmis() -> TestServer {
    TestServer::start(|origin| -> Handler {
        let dir = site_dir("cmis");
        Arc::new(move |req: &Req| {
            let p = req.path.as_str();
            let page = |name: &str| serve(req, &dir.join(name), &origin, Validators::Both);
            let calendar =
                "/felpersham/Meetings/tabid/73/ctl/MeetingCalendarPublicNoJava/mid/444/Date/";
            let meeting = "/felpersham/Meetings/tabid/73/ctl/ViewMeetingPublic/mid/444/Meeting/";
            if p == "/felpersham/Meetings.aspx" {
                match req.param("ctl").as_deref() {
                    Some("MeetingCalendarListView") => page("listview.html"),
                    _ => page("meetings.html"),
                }
            } else if let Some(rest) = p.strip_prefix(calendar) {
                let month = rest.get(..7).unwrap_or("");
                let f = dir.join(format!("calendar-{month}.html"));
                if f.is_file() {
                    serve(req, &f, &origin, Validators::Both)
                } else {
                    page("calendar-empty.html")
                }
            } else if let Some(rest) = p.strip_prefix(meeting) {
                let id: String = rest.chars().take_while(char::is_ascii_digit).collect();
                page(&format!("meeting-{id}.html"))
            } else if p == "/felpersham/Document.ashx" {
                let token = req.query.clone().unwrap_or_default();
                serve(
                    req,
                    &dir.join(format!("doc-{token}.html")),
                    &origin,
                    Validators::LastModifiedOnly,
                )
            } else {
                Reply::status(404)
            }
        })
    })
}

/// A body, gzip-compressed, served as many real sites do: `Content-Encoding: gzip` and no
/// validators at all (so a re-run cannot be answered with `304`).
fn serve_gzip(file: &Path, origin: &str) -> Reply {
    let Ok(bytes) = std::fs::read(file) else {
        return Reply::status(404);
    };
    let bytes = match String::from_utf8(bytes.clone()) {
        Ok(s) => s.replace("{{ORIGIN}}", origin).into_bytes(),
        Err(_) => bytes,
    };
    Reply::gzip(content_type(file), &bytes)
}

/// An imitation of several councils on one server, built on real site structure, with the
/// faults a real crawl meets:
///
/// - Wessex District Council, Modern.Gov under `/wessex`: an agenda item title with the file
///   size in it (`Corporate Peer Challenge PDF 402 KB`, on the meeting page and in
///   `GetMeeting`), an agenda reports pack and printed minutes, issue pages, a document that
///   answers `503` with `Retry-After: 1e20`, and every answer gzip-compressed without
///   validators.
/// - Barsetshire County Council, CMIS under `/barset`: no `Meetings.aspx` (the calendar is at
///   `MeetingsCalendar.aspx`), an empty list view (no meeting this month) and no `tabid` link
///   to build calendar URLs on, one slow month (1.2 s), a calendar that shows the first of the
///   next month, and documents at opaque `Document.ashx?…` URLs.
///
/// `{{ORIGIN}}` in files becomes the server's origin.
pub fn councils() -> TestServer {
    TestServer::start(|origin| -> Handler {
        let dir = site_dir("councils");
        Arc::new(move |req: &Req| {
            let p = req.path.as_str();
            let wessex = dir.join("wessex");
            let barset = dir.join("barset");
            let gz = |f: PathBuf| serve_gzip(&f, &origin);
            if p == "/robots.txt" {
                return Reply::ok("text/plain", "User-agent: *\nDisallow: /wessex/private/\n");
            }
            if let Some(rest) = p.strip_prefix("/wessex/") {
                return match rest {
                    "mgWebService.asmx/GetCommittees" => gz(wessex.join("GetCommittees.xml")),
                    "mgWebService.asmx/GetMeetings" => gz(wessex.join(format!(
                        "GetMeetings-{}.xml",
                        req.param("lCommitteeId").unwrap_or_default()
                    ))),
                    "mgWebService.asmx/GetMeeting" => gz(wessex.join(format!(
                        "GetMeeting-{}.xml",
                        req.param("lMeetingId").unwrap_or_default()
                    ))),
                    "ieListDocuments.aspx" => gz(wessex.join(format!(
                        "ieListDocuments-{}.html",
                        req.param("MId").unwrap_or_default()
                    ))),
                    "mgIssueHistoryHome.aspx" | "ieIssueDetails.aspx" => gz(wessex.join(format!(
                        "issue-{}.html",
                        req.param("IId").unwrap_or_default()
                    ))),
                    "mgConvert2PDF.aspx" => gz(wessex.join(format!(
                        "mgConvert2PDF-{}.html",
                        req.param("ID").unwrap_or_default()
                    ))),
                    "documents/s7007/Letter.html" => {
                        Reply::status(503).with_header("Retry-After", "1e20")
                    }
                    _ if rest.starts_with("documents/") => gz(wessex.join(percent_decode(rest))),
                    _ => Reply::status(404),
                };
            }
            if let Some(rest) = p.strip_prefix("/barset/") {
                let meeting = "Meetings/tabid/88/ctl/ViewMeetingPublic/mid/555/Meeting/";
                if rest == "MeetingsCalendar.aspx" {
                    return match req.param("ctl").as_deref() {
                        Some("MeetingCalendarListView") => gz(barset.join("listview-empty.html")),
                        Some("MeetingCalendarPublicNoJava") => {
                            let date = req.param("Date").unwrap_or_default();
                            let month = date.get(..7).unwrap_or("");
                            let f = barset.join(format!("calendar-{month}.html"));
                            let reply = if f.is_file() {
                                gz(f)
                            } else {
                                gz(barset.join("calendar-empty.html"))
                            };
                            // A large council's month takes long to render.
                            if month == "2023-05" {
                                reply.after(Duration::from_millis(1200))
                            } else {
                                reply
                            }
                        }
                        _ => gz(barset.join("MeetingsCalendar.html")),
                    };
                }
                if let Some(id) = rest.strip_prefix(meeting) {
                    let id: String = id.chars().take_while(char::is_ascii_digit).collect();
                    return gz(barset.join(format!("meeting-{id}.html")));
                }
                if rest == "Document.ashx" {
                    let token = req.param("czJKcaeAi5tU").unwrap_or_default();
                    return gz(barset.join(format!("doc-{token}.html")));
                }
            }
            Reply::status(404)
        })
    })
}

/// A council site behind a bot wall: every answer is an Incapsula challenge page.
pub fn walled() -> TestServer {
    TestServer::start(|_| -> Handler {
        Arc::new(|_req: &Req| {
            Reply::ok(
                "text/html",
                br#"<html><head><META NAME="robots" CONTENT="noindex,nofollow"><script src="/_Incapsula_Resource?SWJIYLWA=5074a744e2e3d891814e9a2dace20bd4"></script></head><body style="margin:0px;height:100%"><iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=9&xinfo=10-12345-0%200NNN%20RT" frameborder=0 width="100%" height="100%">Request unsuccessful. Incapsula incident ID: 10-12345</iframe></body></html>"#.to_vec(),
            )
        })
    })
}
