//! Walks a Modern.Gov site over the window:
//!
//! 1. `GetCommittees` → for each committee passing `--committee`, `GetMeetings` over the
//!    window (dates are checked here too, since some installs ignore the parameters) →
//!    `GetMeeting` for each meeting in the window. An agenda item passing `--match` gives its
//!    published minutes (`minutesnonemptyhtmlbody`, as a document at the item's own page
//!    `mgAi.aspx?ID=`) and all its documents; otherwise only documents whose own title passes
//!    are taken. For meetings with a match, the meeting page is read for the issue pages its
//!    items link to and the meeting's agenda pack and printed minutes. Titles are compared
//!    without the file-size notes sites print after them (`PDF 402 KB`).
//! 2. When `GetMeeting` fails (404, 500, an HTML answer), the meeting page
//!    (`ieListDocuments`) stands in; when the whole web service is off, the month calendar
//!    lists the meetings.
//! 3. The web service has no decisions: the delegated and officer decision lists over the
//!    window lead to decision pages (`--match` on their titles), their documents and the issue
//!    pages they link to.

use super::site::{SiteCtx, resolve};
use crate::model::DocKind;
use crate::pipeline::Facts;
use crate::source::date::Date;
use crate::source::moderngov::{self as mg, Committee, MeetingStub};

/// What is known about a meeting before its page is read.
#[derive(Debug, Clone, Default)]
pub struct PageHints {
    pub committee: Option<String>,
    pub date: Option<Date>,
}

/// Walks a whole site.
pub fn walk(ctx: &mut SiteCtx, base: &str, committees: Option<Vec<u8>>) {
    match committees.map(|b| mg::parse_committees(&b)) {
        Some(Ok(list)) => walk_web_service(ctx, base, &list),
        _ => walk_calendar(ctx, base),
    }
    walk_decisions(ctx, base);
}

fn walk_web_service(ctx: &mut SiteCtx, base: &str, committees: &[Committee]) {
    let w = ctx.filters.window;
    let mut seen_meetings = std::collections::HashSet::new();
    for c in committees {
        if ctx.cancelled() {
            return;
        }
        if c.deleted || !ctx.committee_ok(&c.title) {
            continue;
        }
        ctx.status(format!("meetings of {}", c.title));
        let url = format!(
            "{base}/mgWebService.asmx/GetMeetings?lCommitteeId={}&sFromDate={}&sToDate={}",
            c.id,
            w.from.dmy(),
            w.to.dmy()
        );
        let stubs = match ctx.listing(&url) {
            Ok((_, bytes)) => match mg::parse_meetings(&bytes) {
                Ok(s) => s,
                Err(e) => {
                    ctx.parse_failed(&url, e);
                    continue;
                }
            },
            Err(e) => {
                let facts = Facts {
                    committee: Some(c.title.clone()),
                    ..Facts::default()
                };
                ctx.failed_document(&url, e, facts);
                continue;
            }
        };
        for stub in stubs {
            let in_window = stub.date.is_some_and(|d| ctx.in_window(d));
            if in_window && seen_meetings.insert(stub.id.clone()) {
                walk_meeting(ctx, base, c, &stub);
            }
        }
    }
}

fn walk_meeting(ctx: &mut SiteCtx, base: &str, c: &Committee, stub: &MeetingStub) {
    if ctx.cancelled() {
        return;
    }
    let date_text = stub.date.map(|d| d.iso()).unwrap_or_default();
    ctx.status(format!("{} {date_text}", c.title));
    let url = format!("{base}/mgWebService.asmx/GetMeeting?lMeetingId={}", stub.id);
    let page_url = format!("{base}/ieListDocuments.aspx?CId={}&MId={}", c.id, stub.id);
    let hints = PageHints {
        committee: Some(c.title.clone()),
        date: stub.date,
    };
    let meeting = ctx
        .listing(&url)
        .map_err(|e| e.to_string())
        .and_then(|(f, b)| {
            mg::parse_meeting(&b)
                .map(|m| (f, m))
                .map_err(|e| e.to_string())
        });
    let (fetched, meeting) = match meeting {
        Ok(x) => x,
        Err(why) => {
            if ctx.fetcher.config().verbose > 0 {
                eprintln!("councilrecs: {url}: {why}; reading the meeting page instead");
            }
            walk_meeting_page(ctx, &page_url, &hints, false);
            return;
        }
    };
    let date = meeting.date.or(stub.date);
    let committee = c.title.clone();
    let mut matched_items = Vec::new();
    for item in &meeting.items {
        let item_match = ctx.matches(&item.title);
        let facts = Facts {
            committee: Some(committee.clone()),
            date,
            item: item.number.clone(),
            one_meeting: true,
            ..Facts::default()
        };
        if item_match {
            matched_items.push(item.title.clone());
            if let Some(html) = &item.minutes_html {
                // The agenda item's own page, where a reader sees these minutes.
                let doc_url = if item.id.is_empty() {
                    format!("{page_url}#item-{}", item.number.as_deref().unwrap_or(""))
                } else {
                    format!("{base}/mgAi.aspx?ID={}", item.id)
                };
                let wrapped = minutes_page(&item.title, html);
                let f = Facts {
                    title: Some(item.title.clone()),
                    kind: Some(DocKind::Minutes),
                    ..facts.clone()
                };
                ctx.inline_document(doc_url, wrapped, &fetched, f);
            }
        }
        for d in &item.docs {
            if (item_match || ctx.matches(&d.title))
                && let Some(doc_url) = resolve(&url, &d.href)
            {
                let f = Facts {
                    title: Some(d.title.clone()),
                    ..facts.clone()
                };
                ctx.document(&doc_url, f);
            }
        }
    }
    if !matched_items.is_empty() {
        follow_issues(ctx, &page_url, &hints, &matched_items);
    }
}

/// An agenda item's minutes as a small HTML page of its own.
fn minutes_page(title: &str, body: &str) -> String {
    let title = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body>\n{body}\n</body></html>\n"
    )
}

/// The meeting's own documents (agenda pack, printed minutes) worth taking when one of its
/// items matched; any other meeting document only when its own title matches.
fn meeting_docs(ctx: &mut SiteCtx, page_url: &str, docs: &[crate::source::DocLink], facts: &Facts) {
    for d in docs {
        let kind = mg::meeting_doc(&d.title);
        if (kind.is_some() || ctx.matches(&d.title))
            && let Some(u) = resolve(page_url, &d.href)
        {
            let f = Facts {
                title: Some(d.title.clone()),
                kind: kind.map(|k| match k {
                    mg::MeetingDoc::Pack => DocKind::Agenda,
                    mg::MeetingDoc::Minutes => DocKind::Minutes,
                }),
                item: None,
                ..facts.clone()
            };
            ctx.document(&u, f);
        }
    }
}

/// Reads the meeting page for the issue pages linked from the matched items and the
/// meeting's pack and printed minutes.
fn follow_issues(ctx: &mut SiteCtx, page_url: &str, hints: &PageHints, items: &[String]) {
    let page = match ctx.listing(page_url) {
        Ok((_, bytes)) => match mg::parse_meeting_page(&bytes) {
            Ok(p) => p,
            Err(e) => return ctx.parse_failed(page_url, e),
        },
        Err(e) => {
            if ctx.fetcher.config().verbose > 0 {
                eprintln!("councilrecs: {page_url}: {e}; issue pages not followed");
            }
            return;
        }
    };
    let facts = Facts {
        committee: hints.committee.clone(),
        date: hints.date,
        one_meeting: true,
        ..Facts::default()
    };
    meeting_docs(ctx, page_url, &page.docs, &facts);
    for item in &page.items {
        if !items.iter().any(|t| mg::same_title(t, &item.title)) {
            continue;
        }
        for href in &item.issue_links {
            if let Some(u) = resolve(page_url, href) {
                ctx.document(&u, issue_facts(hints, item.number.clone()));
            }
        }
    }
}

fn issue_facts(hints: &PageHints, item: Option<String>) -> Facts {
    Facts {
        kind: Some(DocKind::Issue),
        committee: hints.committee.clone(),
        date: hints.date,
        item,
        one_meeting: false,
        ..Facts::default()
    }
}

/// Walks one meeting page: the stand-in for `GetMeeting`. The page itself is a document when
/// one of its items matches. With `check_filters`, the page's own committee and date must
/// pass the filters (for meetings found on the calendar, whose date may be unknown before).
pub fn walk_meeting_page(ctx: &mut SiteCtx, url: &str, hints: &PageHints, check_filters: bool) {
    if ctx.cancelled() {
        return;
    }
    let (fetched, bytes) = match ctx.listing(url) {
        Ok(x) => x,
        Err(e) => {
            let facts = Facts {
                committee: hints.committee.clone(),
                date: hints.date,
                one_meeting: true,
                ..Facts::default()
            };
            return ctx.failed_document(url, e, facts);
        }
    };
    let page = match mg::parse_meeting_page(&bytes) {
        Ok(p) => p,
        Err(e) => return ctx.parse_failed(url, e),
    };
    let committee = page.committee.clone().or(hints.committee.clone());
    let date = page.date.or(hints.date);
    if check_filters {
        let committee_ok = committee.as_deref().is_none_or(|c| ctx.committee_ok(c));
        if !committee_ok || !date.is_some_and(|d| ctx.in_window(d)) {
            return;
        }
    }
    let base_facts = Facts {
        committee: committee.clone(),
        date,
        one_meeting: true,
        ..Facts::default()
    };
    let any_item = page.items.iter().any(|i| ctx.matches(&i.title));
    if any_item || !ctx.filtering() {
        let title = match (&committee, date) {
            (Some(c), Some(d)) => Some(format!("{c} - {}", d.iso())),
            (Some(c), None) => Some(c.clone()),
            _ => None,
        };
        let facts = Facts {
            title,
            ..base_facts.clone()
        };
        ctx.fetched_document(url, fetched, bytes.clone(), facts);
    }
    if any_item {
        meeting_docs(ctx, url, &page.docs, &base_facts);
    } else {
        for d in &page.docs {
            if ctx.matches(&d.title)
                && let Some(u) = resolve(url, &d.href)
            {
                let f = Facts {
                    title: Some(d.title.clone()),
                    ..base_facts.clone()
                };
                ctx.document(&u, f);
            }
        }
    }
    let page_hints = PageHints { committee, date };
    for item in &page.items {
        let item_match = ctx.matches(&item.title);
        let facts = Facts {
            item: item.number.clone(),
            ..base_facts.clone()
        };
        for d in &item.docs {
            if (item_match || ctx.matches(&d.title))
                && let Some(u) = resolve(url, &d.href)
            {
                let f = Facts {
                    title: Some(d.title.clone()),
                    ..facts.clone()
                };
                ctx.document(&u, f);
            }
        }
        if item_match {
            for href in &item.issue_links {
                if let Some(u) = resolve(url, href) {
                    ctx.document(&u, issue_facts(&page_hints, item.number.clone()));
                }
            }
        }
    }
}

/// Without the web service: the month calendar over the window lists the meetings.
fn walk_calendar(ctx: &mut SiteCtx, base: &str) {
    let w = ctx.filters.window;
    let mut seen = std::collections::HashSet::new();
    for (y, m) in w.from.months_through(w.to) {
        if ctx.cancelled() {
            return;
        }
        ctx.status(format!("calendar {y}-{m:02}"));
        let url =
            format!("{base}/mgCalendarMonthView.aspx?M={m}&DD={y}&CID=0&OT=&C=-1&MR=0&DS=2&CA=&T=");
        let meetings = match ctx.listing(&url) {
            Ok((_, bytes)) => mg::parse_calendar(&bytes),
            Err(e) => {
                ctx.listing_failed(&url, e, Facts::default());
                continue;
            }
        };
        for m in meetings {
            if m.date.is_some_and(|d| !ctx.in_window(d))
                || (!m.label.is_empty() && !ctx.committee_ok(&m.label) && m.date.is_some())
                || !seen.insert(m.meeting_id.clone())
            {
                continue;
            }
            if let Some(page) = resolve(&url, &m.href) {
                let hints = PageHints {
                    committee: None,
                    date: m.date,
                };
                walk_meeting_page(ctx, &page, &hints, true);
            }
        }
    }
}

fn walk_decisions(ctx: &mut SiteCtx, base: &str) {
    let w = ctx.filters.window;
    let dr = format!(
        "{}-{}",
        w.from.dmy().replace('/', "%2f"),
        w.to.dmy().replace('/', "%2f")
    );
    let lists = [
        format!(
            "{base}/mgDelegatedDecisions.aspx?XXR=0&DR={dr}&ACT=Find&RP=0&K=0&V=0&DM=0&HD=0&DS=2&Next=true&META=mgdelegateddecisions"
        ),
        format!(
            "{base}/mgListOfficerDecisions.aspx?XXR=0&FULL=1&BAM=1&DR={dr}&ACT=Find&K=0&DM=0&DEP=0&PH=0&LO=0&C3=0&Next=true"
        ),
    ];
    let mut rows: Vec<(String, mg::DecisionRow)> = Vec::new();
    for list in &lists {
        if ctx.cancelled() {
            return;
        }
        ctx.status("decisions");
        match ctx.listing(list) {
            Ok((_, bytes)) => {
                for row in mg::parse_decision_list(&bytes) {
                    let Some(u) = resolve(list, &row.href) else {
                        continue;
                    };
                    if !rows.iter().any(|(x, _)| *x == u) {
                        rows.push((u, row));
                    }
                }
            }
            Err(e) => ctx.listing_failed(list, e, Facts::default()),
        }
    }
    for (url, row) in rows {
        if ctx.cancelled() {
            return;
        }
        if row.published.is_some_and(|d| !ctx.in_window(d)) || !ctx.matches(&row.title) {
            continue;
        }
        let published = row.published;
        walk_decision_filtered(ctx, &url, published);
    }
}

fn walk_decision_filtered(ctx: &mut SiteCtx, url: &str, published: Option<Date>) {
    let (fetched, bytes) = match ctx.listing(url) {
        Ok(x) => x,
        Err(e) => {
            let facts = Facts {
                kind: Some(DocKind::Decision),
                date: published,
                ..Facts::default()
            };
            return ctx.failed_document(url, e, facts);
        }
    };
    let detail = mg::parse_decision_detail(&bytes).unwrap_or_default();
    if published.is_none() && detail.date().is_some_and(|d| !ctx.in_window(d)) {
        return;
    }
    if ctx.filters.committee.is_some() && !detail.maker().is_some_and(|m| ctx.committee_ok(&m)) {
        return;
    }
    emit_decision(ctx, url, fetched, bytes, &detail, published);
}

/// A decision page given directly: the page, its documents and its issue pages.
pub fn walk_decision(ctx: &mut SiteCtx, url: &str) {
    match ctx.listing(url) {
        Ok((fetched, bytes)) => {
            let detail = mg::parse_decision_detail(&bytes).unwrap_or_default();
            emit_decision(ctx, url, fetched, bytes, &detail, None);
        }
        Err(e) => {
            let facts = Facts {
                kind: Some(DocKind::Decision),
                ..Facts::default()
            };
            ctx.failed_document(url, e, facts)
        }
    }
}

fn emit_decision(
    ctx: &mut SiteCtx,
    url: &str,
    fetched: crate::fetch::Fetched,
    bytes: Vec<u8>,
    detail: &mg::DecisionDetail,
    published: Option<Date>,
) {
    let facts = Facts {
        title: (!detail.title.is_empty()).then(|| detail.title.clone()),
        kind: Some(DocKind::Decision),
        committee: detail.maker(),
        date: detail.date().or(published),
        item: None,
        one_meeting: true,
    };
    ctx.fetched_document(url, fetched, bytes, facts.clone());
    for d in &detail.docs {
        if let Some(u) = resolve(url, &d.href) {
            let f = Facts {
                title: Some(d.title.clone()),
                kind: None,
                ..facts.clone()
            };
            ctx.document(&u, f);
        }
    }
    for href in &detail.issue_links {
        if let Some(u) = resolve(url, href) {
            let hints = PageHints {
                committee: facts.committee.clone(),
                date: facts.date,
            };
            ctx.document(&u, issue_facts(&hints, None));
        }
    }
}

/// An issue page given directly: the page and the documents it links.
pub fn walk_issue(ctx: &mut SiteCtx, url: &str) {
    let (fetched, bytes) = match ctx.listing(url) {
        Ok(x) => x,
        Err(e) => {
            let facts = issue_facts(&PageHints::default(), None);
            return ctx.failed_document(url, e, facts);
        }
    };
    let page = mg::parse_issue_page(&bytes).unwrap_or_default();
    let facts = Facts {
        title: (!page.title.is_empty()).then(|| page.title.clone()),
        ..issue_facts(&PageHints::default(), None)
    };
    ctx.fetched_document(url, fetched, bytes, facts);
    for d in &page.docs {
        if let Some(u) = resolve(url, &d.href) {
            let f = Facts {
                title: Some(d.title.clone()),
                ..Facts::default()
            };
            ctx.document(&u, f);
        }
    }
}
