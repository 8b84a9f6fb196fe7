//! A crawl of a hundred councils, each on a loopback address of its own (127.0.0.2 …
//! 127.0.0.101),
//! watched from outside while it runs: every document read once and given to its council, and
//! the crawler's open files and memory bounded — below the number of sites, so that finished
//! sites keep no connections open. The larger run and its figures are
//! `benches/crawl_long.py` (README, Performance).

use crate::server::{Handler, Reply, Req, TestServer};
use crate::util::{Dir, bin, read_jsonl};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

const HOSTS: u8 = 100;

/// One council's Modern.Gov site: a committee, two meetings, two documents each.
fn site(council: u8) -> impl FnOnce(String) -> Handler {
    move |origin: String| -> Handler {
        Arc::new(move |req: &Req| {
            let xml = |body: String| {
                Reply::ok(
                    "text/xml",
                    format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>{body}"),
                )
            };
            match req.path.as_str() {
                "/robots.txt" => Reply::ok("text/plain", "User-agent: *\nAllow: /\n"),
                "/mgWebService.asmx/GetCommittees" => xml(
                    "<committees><committee><committeeid>1</committeeid>\
                     <committeetitle>Cabinet</committeetitle><committeedeleted>False\
                     </committeedeleted><committeeexpired>False</committeeexpired></committee>\
                     </committees>"
                        .into(),
                ),
                "/mgWebService.asmx/GetMeetings" => xml(
                    "<getmeetings><committee><committeeid>1</committeeid><committeetitle>Cabinet\
                     </committeetitle><committeemeetings>\
                     <meeting><meetingid>11</meetingid><meetingdate>14/03/2023</meetingdate></meeting>\
                     <meeting><meetingid>12</meetingid><meetingdate>12/09/2023</meetingdate></meeting>\
                     </committeemeetings></committee></getmeetings>"
                        .into(),
                ),
                "/mgWebService.asmx/GetMeeting" => {
                    let m = req.param("lMeetingId").unwrap_or_default();
                    let items: String = (1..=2)
                        .map(|k| {
                            format!(
                                "<agendaitem><agendaitemid>{m}{k}</agendaitemid>\
                                 <agendaitemtitle>Item {k}</agendaitemtitle>\
                                 <agendaitemnumber>{k}</agendaitemnumber><linkeddocuments>\
                                 <linkeddoc><attachmentid>{m}{k}</attachmentid>\
                                 <title>Report {m}{k}</title>\
                                 <url>{origin}/documents/s{m}{k}/Report.html</url>\
                                 <isurl>False</isurl><isrestricted>False</isrestricted>\
                                 </linkeddoc></linkeddocuments></agendaitem>"
                            )
                        })
                        .collect();
                    xml(format!(
                        "<meeting><meetingid>{m}</meetingid><meetingdate>14/03/2023</meetingdate>\
                         <agendaitems>{items}</agendaitems></meeting>"
                    ))
                }
                p if p.starts_with("/documents/s") => Reply::ok(
                    "text/html; charset=utf-8",
                    format!(
                        "<html><body><h1>Report to Cabinet, Council {council}</h1>\
                         <p>RECOMMENDATIONS</p><ol><li>That the report {p} be noted.</li>\
                         <li>That the plan of council {council} be approved.</li></ol></body></html>"
                    ),
                ),
                _ => Reply::status(404),
            }
        })
    }
}

/// Resident memory (KiB) and open descriptors of a running process.
fn sample(pid: u32) -> Option<(u64, usize)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?.count();
    Some((rss, fds))
}

/// What a process's open descriptors are, counted by kind (`socket`, `pipe`, a file's name).
fn descriptor_kinds(pid: u32) -> String {
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    for e in std::fs::read_dir(format!("/proc/{pid}/fd"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let target = std::fs::read_link(e.path()).unwrap_or_default();
        let t = target.display().to_string();
        let kind = if t.starts_with('/') {
            t
        } else {
            t.split(':').next().unwrap_or("").to_string()
        };
        *kinds.entry(kind).or_default() += 1;
    }
    format!("{kinds:?}")
}

#[test]
fn a_hundred_councils_are_crawled_with_bounded_open_files_and_memory() {
    let servers: Vec<TestServer> = (0..HOSTS)
        .map(|n| TestServer::start_at(&format!("127.0.0.{}", n + 2), site(n + 2)))
        .collect();
    let dir = Dir::new("long-run");
    let mut registry =
        String::from("code,gss,name,common_name,nation,platform,base_url,shared_site,end_date\n");
    for (n, s) in servers.iter().enumerate() {
        let c = n + 2;
        registry.push_str(&format!(
            "L{c:02},E0799{c:04},Council {c},Council {c},England,moderngov,{},,\n",
            s.origin()
        ));
    }
    let reg = dir.create("registry.csv", registry);
    let out = dir.path("out.jsonl");
    let mut child = bin()
        .args(["crawl", "-q", "--council", "all", "--registry"])
        .arg(&reg)
        .args(["--from", "2023-01-01", "--to", "2023-12-31"])
        .args(["--delay", "0", "--sites", "4", "--store"])
        .arg(dir.path("store"))
        .arg("--out")
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read while it runs, so that a full pipe can never stop the crawler.
    let stderr = child.stderr.take().unwrap();
    let stderr = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap());
    let (mut peak_rss, mut peak_fds, mut samples) = (0u64, 0usize, 0);
    let mut peak_kinds = String::new();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if let Some((rss, fds)) = sample(child.id()) {
            if fds > peak_fds {
                peak_kinds = descriptor_kinds(child.id());
            }
            peak_rss = peak_rss.max(rss);
            peak_fds = peak_fds.max(fds);
            samples += 1;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stderr = stderr.join().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");

    let records = read_jsonl(&out);
    assert_eq!(records.len(), usize::from(HOSTS) * 4);
    let urls: BTreeSet<&str> = records
        .iter()
        .map(|r| r["source"]["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls.len(), records.len(), "a document read twice");
    for r in &records {
        assert!(r["error"].is_null(), "{}", r["error"]);
        let url = r["source"]["url"].as_str().unwrap();
        let host: u8 = url
            .trim_start_matches("http://127.0.0.")
            .split(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(r["council"]["code"], format!("L{host:02}"), "{url}");
        assert_eq!(r["recommendations"].as_array().unwrap().len(), 2, "{url}");
    }
    for s in &servers {
        assert_eq!(s.count("/robots.txt"), 1, "{}", s.origin());
        assert_eq!(s.count("/mgWebService.asmx/GetCommittees"), 1);
        assert_eq!(
            s.hits()
                .iter()
                .filter(|h| h.target.starts_with("/documents/"))
                .count(),
            4
        );
    }
    // Watched while it ran: fewer descriptors than sites (no connections kept to finished
    // sites, no store file left open), and memory of a small program.
    assert!(samples > 0, "the crawl ended before it could be watched");
    assert!(
        peak_fds < usize::from(HOSTS),
        "{peak_fds} open descriptors at once for {HOSTS} sites: {peak_kinds}"
    );
    assert!(peak_rss < 256 * 1024, "{} MiB resident", peak_rss / 1024);
}
