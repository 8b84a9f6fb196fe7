//! `councilrecs crawl` over an imitation of several councils on one loopback server
//! ([`sites::councils`]) and one behind a bot wall ([`sites::walled`]), with the faults a real
//! crawl meets: every window document is found, nothing panics, failures are error records,
//! and a second run asks for no stored document again while revalidating every listing.
//! Also: an empty window on a CMIS site that has meetings elsewhere, a base that moved for
//! good, a registry given on the command line with a shared site crawled once, and two
//! processes on one store keeping their distance.

use crate::server::{Handler, Reply, Req, TestServer};
use crate::sites;
use crate::util::{Dir, bin, read_jsonl};
use serde_json::Value;
use std::path::Path;
use std::process::Output;
use std::sync::Arc;
use std::time::Duration;

fn crawl(bases: &[String], store: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut cmd = bin();
    cmd.arg("crawl");
    for b in bases {
        cmd.args(["--base", b]);
    }
    cmd.args(["--from", "2023-01-01", "--to", "2023-12-31"])
        .args(["--match", "peer (challenge|review)"])
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

/// A document URL whose content never changes once published.
fn immutable(target: &str) -> bool {
    target.contains("/documents/")
        || target.contains("/mgConvert2PDF.aspx")
        || target.contains("/Document.ashx")
}

#[test]
fn several_councils_are_crawled_whole_and_a_second_run_is_cheap() {
    let srv = sites::councils();
    let wall = sites::walled();
    let o = srv.origin();
    let dir = Dir::new("councils");
    let (store, out) = (dir.join("store"), dir.join("out.jsonl"));
    let bases = [format!("{o}/wessex"), format!("{o}/barset"), wall.origin()];
    let run = crawl(&bases, &store, &out, &[]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(run.status.code(), Some(1), "some documents fail: {stderr}");
    let recs = read_jsonl(&out);
    let w = |p: &str| format!("{o}/wessex/{p}");
    let expected = vec![
        w("mgAi.aspx?ID=7001"),
        w("documents/s7001/Peer%20challenge%20feedback%20report.html"),
        w("documents/g2101/Public%20reports%20pack%2014th-Mar-2023.html"),
        w("documents/g2101/Printed%20minutes%2014th-Mar-2023.html"),
        w("mgIssueHistoryHome.aspx?IId=801&Opt=0"),
        w("mgConvert2PDF.aspx?ID=7005"),
        w("documents/s7007/Letter.html"),
        w("documents/s7006/Tracker.html"),
        w("ieIssueDetails.aspx?IId=802&Opt=3"),
        w("documents/s7010/Peer%20review%20of%20procurement.html"),
        format!("{o}/barset/Document.ashx?czJKcaeAi5tU=Pc1"),
        format!("{o}/barset/Document.ashx?czJKcaeAi5tU=Pr3"),
        format!("{}/", wall.origin()),
    ];
    assert_eq!(urls(&recs), expected);

    // Failures are records: a Retry-After of 1e20 gives up that URL at once; a bot wall is
    // named.
    let letter = record(&recs, &w("documents/s7007/Letter.html"));
    assert_eq!(letter["error"]["kind"], "http_status");
    assert!(
        letter["error"]["message"]
            .as_str()
            .unwrap()
            .contains("\"1e20\"")
    );
    let walled = record(&recs, &expected[12]);
    assert_eq!(walled["error"]["kind"], "blocked");
    assert!(
        walled["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Incapsula")
    );
    assert_eq!(recs.iter().filter(|r| !r["error"].is_null()).count(), 2);
    assert!(
        wall.hits().len() <= 2,
        "no retry storm on a wall: {:?}",
        wall.hits().len()
    );

    // Titles: the link's, without its file size; the document's own beside it.
    let report = record(&recs, &expected[1]);
    assert_eq!(report["meta"]["title"], "Peer challenge feedback report");
    assert_eq!(report["meta"]["document_title"], "Report template v3");
    assert_eq!(report["meta"]["committee"], "Cabinet");
    assert_eq!(report["meta"]["date"], "2023-03-14");
    assert_eq!(report["recommendations"].as_array().unwrap().len(), 3);
    let minutes = record(&recs, &expected[0]);
    assert_eq!(minutes["meta"]["kind"], "minutes");
    assert_eq!(minutes["meta"]["title"], "Corporate Peer Challenge");
    assert_eq!(minutes["meta"]["item"], "5");
    assert_eq!(record(&recs, &expected[2])["meta"]["kind"], "agenda");
    assert_eq!(record(&recs, &expected[3])["meta"]["kind"], "minutes");
    let cmis = record(&recs, &expected[11]);
    assert_eq!(cmis["meta"]["title"], "Peer review of children's services");
    assert_eq!(cmis["meta"]["committee"], "Scrutiny Committee");
    assert_eq!(cmis["meta"]["date"], "2023-11-21");
    // gzip bodies were read as the pages they are.
    assert_eq!(cmis["source"]["media_type"], "text/html");
    assert!(cmis["error"].is_null());

    // The CMIS calendar was found on its second entry page and read month by month through
    // that page, with no meeting in the list view.
    let hits = srv.hits();
    assert_eq!(srv.count("/barset/Meetings.aspx"), 1);
    let months = hits
        .iter()
        .filter(|h| h.target.contains("ctl=MeetingCalendarPublicNoJava"))
        .count();
    assert_eq!(months, 12);
    for never in [
        "/wessex/mgWebService.asmx/GetMeeting?lMeetingId=2109",
        "/wessex/documents/s7002/Budget.html",
        "/wessex/documents/s7011/Audit%20plan.html",
        "/wessex/documents/g2101/Agenda%20frontsheet%2014th-Mar-2023.html",
        "/barset/Document.ashx?czJKcaeAi5tU=Hw2",
        "/barset/Document.ashx?czJKcaeAi5tU=Fd4",
    ] {
        assert_eq!(srv.count(never), 0, "{never}");
    }
    let listings_before: Vec<String> = hits
        .iter()
        .filter(|h| h.status == 200 && !immutable(&h.target) && h.target != "/robots.txt")
        .map(|h| h.target.clone())
        .collect();
    assert!(listings_before.len() >= 25, "{listings_before:?}");

    // A second run over the same store asks for no stored document again, asks for every
    // listing again, and writes the same records.
    srv.clear();
    let out2 = dir.join("out2.jsonl");
    let run2 = crawl(&bases, &store, &out2, &[]);
    let stderr2 = String::from_utf8_lossy(&run2.stderr);
    assert!(!stderr2.contains("panicked"), "{stderr2}");
    let hits2 = srv.hits();
    let asked_again: Vec<&String> = hits2
        .iter()
        .map(|h| &h.target)
        .filter(|t| immutable(t) && !t.ends_with("/Letter.html"))
        .collect();
    assert!(
        asked_again.is_empty(),
        "stored documents asked again: {asked_again:?}"
    );
    for t in &listings_before {
        assert!(
            hits2.iter().any(|h| &h.target == t),
            "{t} was not revalidated"
        );
    }
    assert_eq!(
        without_times(&read_jsonl(&out2)),
        without_times(&recs),
        "the same records"
    );
}

#[test]
fn an_empty_window_on_a_cmis_site_with_meetings_elsewhere_is_a_record() {
    let srv = sites::councils();
    let dir = Dir::new("empty-window");
    let out = dir.join("out.jsonl");
    let run = bin()
        .args(["crawl", "--base", &format!("{}/barset", srv.origin())])
        .args([
            "--from",
            "2023-08-01",
            "--to",
            "2023-08-31",
            "--delay",
            "0.05",
        ])
        .arg("--store")
        .arg(dir.join("store"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("warning: the CMIS calendar"), "{stderr}");
    let recs = read_jsonl(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["error"]["kind"], "empty_window");
    let msg = recs[0]["error"]["message"].as_str().unwrap();
    assert!(msg.contains("from 2023-08-01 to 2023-08-31"), "{msg}");
    assert!(msg.contains("1 meeting(s) outside"), "{msg}");
}

#[test]
fn a_base_that_moved_for_good_is_asked_at_its_new_place_next_time() {
    let srv = sites::councils();
    let to = srv.origin();
    let old = TestServer::start(move |_| -> Handler {
        Arc::new(move |req: &Req| Reply::Full {
            status: 301,
            headers: vec![("Location".into(), format!("{to}{}", req.target()))],
            body: vec![],
        })
    });
    let dir = Dir::new("moved");
    let store = dir.join("store");
    let base = vec![format!("{}/wessex", old.origin())];
    crawl(&base, &store, &dir.join("a.jsonl"), &[]);
    assert!(old.hits().len() >= 2, "the first run meets the move");
    old.clear();
    let run = crawl(&base, &store, &dir.join("b.jsonl"), &[]);
    assert!(
        old.hits().is_empty(),
        "asked the old place again: {:?}",
        old.hits()
    );
    assert_eq!(run.status.code(), Some(1), "the 1e20 letter still fails");
    assert_eq!(read_jsonl(&dir.join("b.jsonl")).len(), 10);
}

#[test]
fn a_registry_given_on_the_command_line_and_a_shared_site_crawled_once() {
    let srv = sites::councils();
    let o = srv.origin();
    let dir = Dir::new("registry");
    let reg = dir.create(
        "reg.csv",
        format!(
            "code,gss,name,common_name,nation,platform,base_url,shared_site,end_date\n\
             WSX,E07999991,Wessex District Council,Wessex,England,moderngov,{o}/wessex,WSX+WSY,\n\
             WSY,E07999992,Casterbridge Borough Council,Casterbridge,England,moderngov,{o}/wessex,WSX+WSY,\n\
             OLD,E07999993,Gone Council,Gone,England,other,,,2020-03-31\n"
        ),
    );
    // councils prints the registry in use, ended councils left out, ready to edit.
    let printed = bin()
        .args(["councils", "--format", "csv", "--registry"])
        .arg(&reg)
        .output()
        .unwrap();
    assert_eq!(printed.status.code(), Some(0));
    let text = String::from_utf8(printed.stdout).unwrap();
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.contains("WSY,E07999992,Casterbridge Borough Council"));
    let by_env = bin()
        .args(["councils", "--format", "jsonl"])
        .env("COUNCILRECS_REGISTRY", &reg)
        .output()
        .unwrap();
    let first: Value =
        serde_json::from_slice(by_env.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(first["gss"], "E07999991");
    assert_eq!(first["shared_site"], "WSX+WSY");

    let out = dir.join("out.jsonl");
    let run = bin()
        .args([
            "crawl",
            "--council",
            "WSX",
            "--council",
            "WSY",
            "--registry",
        ])
        .arg(&reg)
        .args([
            "--from",
            "2023-01-01",
            "--to",
            "2023-12-31",
            "--match",
            "peer challenge feedback",
            "--delay",
            "0.05",
            "--store",
        ])
        .arg(dir.join("store"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        srv.count("/wessex/mgWebService.asmx/GetCommittees"),
        1,
        "crawled once"
    );
    let recs = read_jsonl(&out);
    assert_eq!(recs.len(), 1);
    // The text names Wessex: the record is Wessex's, with its GSS code and its partner.
    let c = &recs[0]["council"];
    assert_eq!(c["code"], "WSX");
    assert_eq!(c["gss"], "E07999991");
    assert_eq!(c["shared_with"], serde_json::json!(["WSY"]));

    let bad = dir.create(
        "bad.csv",
        "code,name,platform,base_url\nXYZ,A,joomla,https://h\n",
    );
    let refused = bin()
        .args(["councils", "--registry"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("line 2 (XYZ): unknown platform"));
}

#[test]
fn two_processes_on_one_store_keep_their_distance() {
    let srv = TestServer::start(|_| -> Handler {
        Arc::new(|req: &Req| match req.path.as_str() {
            "/robots.txt" => Reply::status(404),
            _ => Reply::ok("text/plain", "ok"),
        })
    });
    let dir = Dir::new("two-processes");
    let spawn = |tag: &str| {
        let urls: Vec<String> = (0..4).map(|i| srv.url(&format!("/{tag}/{i}"))).collect();
        bin()
            .args(["fetch", "-j", "1", "--delay", "0.3", "--store"])
            .arg(&*dir)
            .args(&urls)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("a"), spawn("b"));
    for run in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let hits = srv.hits();
    assert!(hits.len() >= 9, "{}", hits.len());
    let min = srv.min_gap().unwrap();
    assert!(
        min >= Duration::from_millis(280),
        "two processes, gap {min:?}"
    );
}
