//! `councilrecs crawl` run as a child process against the Modern.Gov-like and CMIS-like test
//! sites on 127.0.0.1: what is found and what is never asked for, politeness measured on the
//! server, faults turned into records, conditional re-runs, `--offline`, and a run killed
//! midway then resumed.

use crate::server::{TestServer, expected_user_agent};
use crate::sites;
use crate::util::{Dir, bin, read_jsonl};
use serde_json::Value;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

const WINDOW: [&str; 4] = ["--from", "2023-01-01", "--to", "2023-12-31"];
const MATCH: [&str; 2] = ["--match", "peer (challenge|review)"];

fn crawl(base: &str, store: &Path, out: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("crawl")
        .args(["--base", base])
        .args(WINDOW)
        .args(MATCH)
        .args(["--delay", "0.05", "--store"])
        .arg(store)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("run councilrecs")
}

fn urls(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["source"]["url"].as_str().unwrap_or("").to_string())
        .collect()
}

fn record<'a>(records: &'a [Value], url: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["source"]["url"] == url)
        .unwrap_or_else(|| panic!("no record for {url}"))
}

/// The records without the download times (which differ between two stores).
fn without_times(records: &[Value]) -> Vec<Value> {
    records
        .iter()
        .cloned()
        .map(|mut r| {
            r["source"]["fetched_at"] = Value::Null;
            r
        })
        .collect()
}

fn moderngov_expected(o: &str) -> Vec<String> {
    // An agenda item's minutes are a document at the item's own page.
    let g = |_meeting: u32, item: u32| format!("{o}/mgAi.aspx?ID={item}");
    vec![
        g(101, 1005),
        format!("{o}/documents/s901/CPC%20feedback%20report.html"),
        format!("{o}/mgConvert2PDF.aspx?ID=902"),
        format!("{o}/documents/s904/Peer%20review%20of%20procurement.html"),
        format!("{o}/mgIssueHistoryHome.aspx?IId=501&Opt=0"),
        g(102, 1007),
        format!("{o}/documents/s905/Broken.html"),
        format!("{o}/documents/s906/Progress%201252.html"),
        format!("{o}/documents/s907/Busy.html"),
        format!("{o}/private/s908/Exempt.html"),
        format!("{o}/documents/s909/Loop.html"),
        format!("{o}/documents/s910/Huge.html"),
        format!("{o}/ieIssueDetails.aspx?IId=502&Opt=3"),
        g(111, 1111),
        format!("{o}/documents/s912/Internal%20audit%20peer%20review.html"),
        format!("{o}/ieListDocuments.aspx?CId=13&MId=131"),
        format!("{o}/documents/s913/Scrutiny%20response.html"),
        format!("{o}/ieDecisionDetails.aspx?ID=601"),
        format!("{o}/documents/s915/Decision%20notice.html"),
        format!("{o}/ieDecisionDetails.aspx?ID=604"),
    ]
}

/// Requests the window, the filters and robots.txt rule out.
const NEVER: &[&str] = &[
    "/mgWebService.asmx/GetMeetings?lCommitteeId=12",
    "/mgWebService.asmx/GetMeeting?lMeetingId=103",
    "/mgWebService.asmx/GetMeeting?lMeetingId=104",
    "/mgWebService.asmx/GetMeeting?lMeetingId=112",
    "/documents/s903/Budget.html",
    "/documents/s911/Treasury.html",
    "/documents/s914/Work%20programme.html",
    "/documents/s990/Old%20peer%20challenge.html",
    "/documents/s991/Final.html",
    "/documents/s992/Waste.html",
    "/documents/s999/Exempt.html",
    "/documents/g101/Agenda%20frontsheet.html",
    "/ieDecisionDetails.aspx?ID=602",
    "/ieDecisionDetails.aspx?ID=603",
    "/mgIssueHistoryHome.aspx?IId=509&Opt=0",
    "/private/s908/Exempt.html",
];

fn assert_polite(srv: &TestServer, interval: Duration) {
    let hits = srv.hits();
    assert!(!hits.is_empty());
    for h in &hits {
        assert_eq!(h.user_agent, expected_user_agent(), "{}", h.target);
    }
    let min = srv.min_gap().unwrap();
    eprintln!(
        "{} requests, smallest gap between two {min:?} (required {interval:?})",
        hits.len()
    );
    assert!(min >= interval, "smallest gap {min:?} < {interval:?}");
}

#[test]
fn crawls_a_moderngov_site_politely_and_revalidates_on_a_second_run() {
    let srv = sites::moderngov();
    let o = srv.origin();
    let dir = Dir::new("mg");
    let (store, out) = (dir.join("store"), dir.join("out.jsonl"));
    let t0 = Instant::now();
    let run = crawl(&o, &store, &out, &["--max-bytes", "100000", "--emit-text"]);
    let first_secs = t0.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "some documents fail: {stderr}");
    let recs = read_jsonl(&out);
    assert_eq!(urls(&recs), moderngov_expected(&o));
    assert!(
        stderr.contains("20 documents found, 16 fetched, 0 unchanged, 4 failed"),
        "{stderr}"
    );

    // Faults come out as records with error, and the run went on past them.
    let kind = |path: &str| record(&recs, &format!("{o}{path}"))["error"]["kind"].clone();
    assert_eq!(kind("/documents/s905/Broken.html"), "http_status");
    assert_eq!(kind("/private/s908/Exempt.html"), "robots");
    assert_eq!(kind("/documents/s909/Loop.html"), "redirect_loop");
    assert_eq!(kind("/documents/s910/Huge.html"), "too_large");
    assert_eq!(recs.iter().filter(|r| !r["error"].is_null()).count(), 4);

    // What the crawl knows is merged into meta.
    let minutes = record(&recs, &format!("{o}/mgAi.aspx?ID=1005"));
    assert_eq!(minutes["meta"]["committee"], "Cabinet");
    assert_eq!(minutes["meta"]["date"], "2023-03-14");
    assert_eq!(minutes["meta"]["item"], "5");
    assert_eq!(minutes["meta"]["kind"], "minutes");
    let ids: Vec<&str> = minutes["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["1", "2", "3"]);
    let audit = record(
        &recs,
        &format!("{o}/documents/s912/Internal%20audit%20peer%20review.html"),
    );
    assert_eq!(audit["meta"]["committee"], "Audit and Governance Committee");
    assert_eq!(audit["meta"]["date"], "2023-06-27");
    let decision = record(&recs, &format!("{o}/ieDecisionDetails.aspx?ID=601"));
    assert_eq!(decision["meta"]["kind"], "decision");
    assert_eq!(decision["meta"]["committee"], "Cabinet");
    assert_eq!(decision["meta"]["date"], "2023-09-18");
    let fallback = record(&recs, &format!("{o}/ieListDocuments.aspx?CId=13&MId=131"));
    assert_eq!(
        fallback["meta"]["committee"],
        "Overview and Scrutiny Committee"
    );
    assert_eq!(fallback["meta"]["date"], "2023-10-10");
    assert_eq!(
        record(&recs, &format!("{o}/ieIssueDetails.aspx?IId=502&Opt=3"))["meta"]["kind"],
        "issue"
    );

    // A windows-1252 page is decoded from its bytes; HTML where a PDF was linked is read as HTML.
    let legacy = record(&recs, &format!("{o}/documents/s906/Progress%201252.html"));
    assert_eq!(legacy["source"]["encoding"], "windows-1252");
    let text = legacy["text"].as_str().unwrap();
    assert!(
        text.contains("council’s action plan, which has cost £12,500"),
        "{text}"
    );
    let html_pdf = record(&recs, &format!("{o}/mgConvert2PDF.aspx?ID=902"));
    assert!(html_pdf["error"].is_null());
    assert_eq!(html_pdf["source"]["media_type"], "text/html");
    assert!(html_pdf["warnings"].to_string().contains("linked as a PDF"));

    // Politeness, measured on the server: Crawl-delay 0.08 s beats --delay 0.05 s.
    assert_polite(&srv, Duration::from_millis(80));
    let hits = srv.hits();
    assert_eq!(hits[0].target, "/robots.txt");
    for never in NEVER {
        assert_eq!(srv.count(never), 0, "{never} was requested");
    }
    assert_eq!(
        srv.count("/documents/s905/Broken.html"),
        1,
        "500 is not retried"
    );
    let busy: Vec<_> = hits
        .iter()
        .filter(|h| h.target == "/documents/s907/Busy.html")
        .collect();
    assert_eq!(
        busy.iter().map(|h| h.status).collect::<Vec<_>>(),
        [429, 200]
    );
    assert!(
        busy[1].at - busy[0].at >= Duration::from_secs(1),
        "Retry-After: 1"
    );
    let burst: Vec<u16> = hits
        .iter()
        .filter(|h| h.target == "/mgWebService.asmx/GetMeeting?lMeetingId=111")
        .map(|h| h.status)
        .collect();
    assert_eq!(burst, [503, 503, 200]);

    // A second run over the same store asks again, conditionally, for every listing it read,
    // does not ask at all for the documents it stored (their URLs never change), downloads
    // nothing unchanged, and writes the same records. The oversize body was refused, not
    // stored, so it is asked for afresh.
    let huge = "/documents/s910/Huge.html";
    let got_before: Vec<String> = hits
        .iter()
        .filter(|h| h.status == 200 && h.target != huge)
        .map(|h| h.target.clone())
        .collect();
    srv.clear();
    let out2 = dir.join("out2.jsonl");
    let t1 = Instant::now();
    let run2 = crawl(&o, &store, &out2, &["--max-bytes", "100000", "--emit-text"]);
    let second_secs = t1.elapsed().as_secs_f64();
    let stderr2 = String::from_utf8_lossy(&run2.stderr);
    assert!(
        stderr2.contains("20 documents found, 0 fetched, 16 unchanged, 4 failed"),
        "{stderr2}"
    );
    let hits2 = srv.hits();
    for h in hits2.iter().filter(|h| got_before.contains(&h.target)) {
        assert!(h.conditional(), "{} was not asked conditionally", h.target);
        assert_eq!(h.status, 304, "{}", h.target);
    }
    let immutable = |t: &str| t.starts_with("/documents/") || t.starts_with("/mgConvert2PDF");
    let stored_docs: Vec<&String> = got_before.iter().filter(|t| immutable(t)).collect();
    assert!(stored_docs.len() >= 6, "{stored_docs:?}");
    for t in &stored_docs {
        assert_eq!(srv.count(t), 0, "{t} was asked for again");
    }
    let listings = got_before.iter().filter(|t| !immutable(t)).count();
    assert!(listings >= 10);
    for t in got_before.iter().filter(|t| !immutable(t)) {
        assert!(srv.count(t) >= 1, "{t} was not revalidated");
    }
    let downloaded: Vec<_> = hits2
        .iter()
        .filter(|h| h.status == 200)
        .map(|h| &h.target)
        .collect();
    assert_eq!(downloaded, [huge], "nothing else is downloaded again");
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&out2).unwrap());
    assert_polite(&srv, Duration::from_millis(80));

    // --offline answers from the store alone.
    srv.clear();
    let out3 = dir.join("out3.jsonl");
    crawl(
        &o,
        &store,
        &out3,
        &["--offline", "--max-bytes", "100000", "--emit-text"],
    );
    assert!(srv.hits().is_empty());
    let offline = read_jsonl(&out3);
    let ok = |r: &&Value| r["error"].is_null();
    assert_eq!(
        offline.iter().filter(ok).collect::<Vec<_>>(),
        recs.iter().filter(ok).collect::<Vec<_>>()
    );
    eprintln!("first run {first_secs:.2} s, second run {second_secs:.2} s");
}

#[test]
fn crawls_a_cmis_site_by_month_calendars() {
    let srv = sites::cmis();
    let o = srv.origin();
    let dir = Dir::new("cmis");
    let (store, out) = (dir.join("store"), dir.join("out.jsonl"));
    let run = crawl(&format!("{o}/felpersham"), &store, &out, &[]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let recs = read_jsonl(&out);
    let report = format!("{o}/felpersham/Document.ashx?Zt7Hc1dRw9Ue");
    let update = format!("{o}/felpersham/Document.ashx?Rb2Nf7uYc5Qi");
    assert_eq!(urls(&recs), [report.clone(), update.clone()]);
    let r = record(&recs, &report);
    assert_eq!(r["meta"]["committee"], "Cabinet");
    assert_eq!(r["meta"]["date"], "2023-05-09");
    assert!(r["meta"]["title"].is_string());
    let u = record(&recs, &update);
    assert_eq!(u["meta"]["committee"], "Scrutiny Board");
    assert_eq!(u["meta"]["date"], "2023-11-06");
    let statuses: Vec<&str> = u["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["completed", "in_progress"]);

    let hits = srv.hits();
    let months: Vec<&str> = hits
        .iter()
        .filter_map(|h| h.target.split("/Date/").nth(1))
        .map(|d| &d[..7])
        .collect();
    let expected: Vec<String> = (1..=12).map(|m| format!("2023-{m:02}")).collect();
    assert_eq!(months, expected);
    let meeting = |id: u32| {
        format!("/felpersham/Meetings/tabid/73/ctl/ViewMeetingPublic/mid/444/Meeting/{id}")
    };
    for id in [7001, 7002, 7003] {
        assert_eq!(
            hits.iter()
                .filter(|h| h.target.starts_with(&meeting(id)))
                .count(),
            1
        );
    }
    for id in [7004, 7009] {
        assert!(
            !hits.iter().any(|h| h.target.starts_with(&meeting(id))),
            "{id}"
        );
    }
    for never in [
        "Xx0Peer0Chal",
        "kQ8vX2mLp0aZ",
        "Pn3Jy6sBq4Vo",
        "Gh5Lk8wTz2Xa",
        "Mw4Ds9eKj1Ht",
    ] {
        assert!(!hits.iter().any(|h| h.target.ends_with(never)), "{never}");
    }
    assert_polite(&srv, Duration::from_millis(50));

    // --committee keeps one committee's meetings.
    srv.clear();
    let out2 = dir.join("scrutiny.jsonl");
    crawl(
        &format!("{o}/felpersham"),
        &dir.join("store2"),
        &out2,
        &["--committee", "^scrutiny"],
    );
    assert_eq!(urls(&read_jsonl(&out2)), [update]);
    assert!(
        !srv.hits()
            .iter()
            .any(|h| h.target.starts_with(&meeting(7001)))
    );
}

#[test]
fn without_the_web_service_meetings_come_from_the_calendar_and_meeting_pages() {
    let srv = sites::moderngov_without_web_service();
    let o = srv.origin();
    let dir = Dir::new("mg-off");
    let out = dir.join("out.jsonl");
    let run = crawl(&o, &dir.join("store"), &out, &[]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let recs = read_jsonl(&out);
    let expected: Vec<String> = [
        "/ieListDocuments.aspx?CId=10&MId=101",
        "/documents/s901/CPC%20feedback%20report.html",
        "/mgIssueHistoryHome.aspx?IId=501&Opt=0",
        "/ieListDocuments.aspx?CId=10&MId=102",
        "/documents/s906/Progress%201252.html",
        "/ieIssueDetails.aspx?IId=502&Opt=3",
        "/ieListDocuments.aspx?CId=13&MId=131",
        "/documents/s913/Scrutiny%20response.html",
        "/ieDecisionDetails.aspx?ID=601",
        "/documents/s915/Decision%20notice.html",
        "/ieDecisionDetails.aspx?ID=604",
    ]
    .iter()
    .map(|p| format!("{o}{p}"))
    .collect();
    assert_eq!(urls(&recs), expected);
    let page = record(&recs, &expected[3]);
    assert_eq!(page["meta"]["committee"], "Cabinet");
    assert_eq!(page["meta"]["date"], "2023-09-18");
    let months = srv
        .hits()
        .iter()
        .filter(|h| h.target.starts_with("/mgCalendarMonthView.aspx"))
        .count();
    assert_eq!(months, 12);
    assert_eq!(srv.count("/ieListDocuments.aspx?CId=10&MId=103"), 0);
    assert_eq!(srv.count("/mgWebService.asmx/GetCommittees"), 1);
    assert_polite(&srv, Duration::from_millis(80));
}

#[test]
fn a_decision_page_given_directly_is_crawled_with_its_documents() {
    let srv = sites::moderngov();
    let o = srv.origin();
    let dir = Dir::new("direct");
    let out = dir.join("out.jsonl");
    let run = crawl(
        &format!("{o}/ieDecisionDetails.aspx?ID=602"),
        &dir.join("s"),
        &out,
        &[],
    );
    assert_eq!(run.status.code(), Some(0));
    let recs = read_jsonl(&out);
    assert_eq!(
        urls(&recs),
        [
            format!("{o}/ieDecisionDetails.aspx?ID=602"),
            format!("{o}/documents/s992/Waste.html")
        ]
    );
    assert_eq!(recs[0]["meta"]["committee"], "Director of Place");
    assert_eq!(recs[0]["meta"]["date"], "2024-02-01");
    assert_eq!(recs[0]["meta"]["kind"], "decision");
}

#[test]
fn a_killed_crawl_resumes_to_the_same_output() {
    let srv = sites::moderngov();
    let o = srv.origin();
    let dir = Dir::new("resume");
    let whole = dir.join("whole.jsonl");
    crawl(&o, &dir.join("store-a"), &whole, &[]);
    let expected = read_jsonl(&whole);
    assert_eq!(expected.len(), 20);

    let store = dir.join("store-b");
    let out = dir.join("resumed.jsonl");
    let before = srv.hits().len();
    let mut child = bin()
        .arg("crawl")
        .args(["--base", &o])
        .args(WINDOW)
        .args(MATCH)
        .args(["--delay", "0.05", "--store"])
        .arg(&store)
        .arg("--out")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill (SIGKILL) once the run is well into the documents.
    let deadline = Instant::now() + Duration::from_secs(20);
    while srv.hits().len() < before + 22 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!out.exists(), "a killed run leaves no half-written output");
    let killed_at = srv.hits().len() - before;
    assert!(
        (22..40).contains(&killed_at),
        "killed after {killed_at} requests"
    );
    let done_before_kill: Vec<String> = srv.hits()[before..]
        .iter()
        .filter(|h| h.status == 200)
        .map(|h| h.target.clone())
        .collect();

    srv.clear();
    crawl(&o, &store, &out, &[]);
    let resumed = read_jsonl(&out);
    assert_eq!(without_times(&resumed), without_times(&expected));
    // What the killed run had stored is only revalidated.
    let again: Vec<_> = srv
        .hits()
        .into_iter()
        .filter(|h| done_before_kill.contains(&h.target))
        .collect();
    assert!(!again.is_empty());
    let fresh: Vec<_> = again
        .iter()
        .filter(|h| !(h.conditional() && h.status == 304))
        .map(|h| h.target.clone())
        .collect();
    // The one request in flight when the run was killed may not have been stored.
    assert!(
        fresh.len() <= 1,
        "asked again without validators: {fresh:?}"
    );
}

#[test]
fn a_crawl_can_fill_a_sqlite_database() {
    let srv = sites::moderngov();
    let o = srv.origin();
    let dir = Dir::new("sqlite");
    let db = dir.join("records.db");
    let base = format!("{o}/ieDecisionDetails.aspx?ID=602");
    for _ in 0..2 {
        let run = crawl(&base, &dir.join("s"), &db, &["--format", "sqlite"]);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let conn = rusqlite::Connection::open(&db).expect("open the database");
    let docs: i64 = conn
        .query_row("select count(*) from documents", [], |r| r.get(0))
        .unwrap();
    let url: String = conn
        .query_row("select url from documents order by url limit 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    // The second crawl adds nothing: the same two documents, keyed by content and URL.
    assert_eq!(docs, 2);
    assert_eq!(url, format!("{o}/documents/s992/Waste.html"));
    assert!(!dir.join("records.db.partial").exists());
}
