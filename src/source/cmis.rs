//! CMIS (DotNetNuke with a Telerik grid): the module id on the Meetings page, the list view,
//! the no-JavaScript month calendar, and the meeting page's summary and documents, as
//! described in `moderngov-samples/README.md`.

use super::date::{Date, find_date, month_from_name};
use super::{DocLink, clean_title, html_str, selector, text_of};
use regex::Regex;
use scraper::Html;
use std::sync::LazyLock;

static MODULE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"dnn[$_]ctr(\d+)[$_]MeetingCalendarPublic").unwrap_or_else(|_| unreachable!())
});

static MEETING_HREF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.*?/tabid/\d+)/.*?/mid/(\d+)/Meeting/(\d+)(?:/Committee/(\d+))?")
        .unwrap_or_else(|_| unreachable!())
});

/// The calendar module's id, from the names of its form controls.
pub fn module_id(bytes: &[u8]) -> Option<String> {
    let text = html_str(bytes);
    MODULE_ID.captures(&text).map(|c| c[1].to_string())
}

/// A meeting linked from the list view or the month calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingLink {
    pub href: String,
    pub meeting_id: String,
    pub committee_id: Option<String>,
    pub committee: String,
    pub date: Option<Date>,
}

/// The parts of a meeting URL a crawler builds calendar URLs from: the `…/tabid/<n>` prefix
/// and the module id.
pub fn calendar_prefix(href: &str) -> Option<(String, String)> {
    let c = MEETING_HREF.captures(href)?;
    Some((c[1].to_string(), c[2].to_string()))
}

/// The no-JavaScript month calendar for the month starting `year-month-01`.
pub fn calendar_month_url(prefix: &str, mid: &str, year: i32, month: u32) -> String {
    format!(
        "{prefix}/ctl/MeetingCalendarPublicNoJava/mid/{mid}/Date/{year:04}-{month:02}-01/Default.aspx"
    )
}

fn link_ids(href: &str) -> Option<(String, Option<String>)> {
    let c = MEETING_HREF.captures(href)?;
    Some((c[3].to_string(), c.get(4).map(|m| m.as_str().to_string())))
}

/// Parses the list view (current month only): rows whose first cell links
/// `<d Mon yyyy HH:MM> - <Committee>`.
pub fn parse_list_view(bytes: &[u8]) -> Vec<MeetingLink> {
    let html = Html::parse_document(&html_str(bytes));
    let mut out: Vec<MeetingLink> = Vec::new();
    for a in html.select(&selector("tr td a[href]")) {
        let href = a.value().attr("href").unwrap_or("").trim();
        let Some((meeting_id, committee_id)) = link_ids(href) else {
            continue;
        };
        if out.iter().any(|m| m.meeting_id == meeting_id) {
            continue;
        }
        let text = text_of(a, &[]);
        let committee = text
            .split_once(" - ")
            .map_or(text.as_str(), |(_, c)| c)
            .trim()
            .to_string();
        out.push(MeetingLink {
            href: href.to_string(),
            meeting_id,
            committee_id,
            committee,
            date: find_date(&text),
        });
    }
    out
}

/// Parses a month calendar page requested for `year`/`month`: day headings
/// (`Monday, 8 June`, no year) followed by `p.Meeting > a` links (`10:00 Committee`).
pub fn parse_calendar_month(bytes: &[u8], year: i32, month: u32) -> Vec<MeetingLink> {
    let html = Html::parse_document(&html_str(bytes));
    let mut out: Vec<MeetingLink> = Vec::new();
    for row in html.select(&selector("table.rgMasterTable tr")) {
        let Some(day_cell) = row.select(&selector("td.SimpleCalendarDate")).next() else {
            continue;
        };
        let date = day_heading(&text_of(day_cell, &[]), year, month);
        for a in row.select(&selector("p.Meeting a[href]")) {
            let href = a.value().attr("href").unwrap_or("").trim();
            let Some((meeting_id, committee_id)) = link_ids(href) else {
                continue;
            };
            if out.iter().any(|m| m.meeting_id == meeting_id) {
                continue;
            }
            let text = text_of(a, &[]);
            let committee = match text.split_once(' ') {
                Some((time, rest)) if time.contains(':') => rest.trim().to_string(),
                _ => text.clone(),
            };
            out.push(MeetingLink {
                href: href.to_string(),
                meeting_id,
                committee_id,
                committee,
                date,
            });
        }
    }
    out
}

/// `Monday, 8 June` in a calendar for `year`/`month`; a heading naming the neighbouring month
/// across a year end takes the neighbouring year.
fn day_heading(s: &str, year: i32, month: u32) -> Option<Date> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (i, m) = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| month_from_name(w).map(|m| (i, m)))?;
    let day: u32 = words
        .get(i.checked_sub(1)?)?
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    let y = match (month, m) {
        (12, 1) => year + 1,
        (1, 12) => year - 1,
        _ => year,
    };
    Date::new(y, m, day)
}

/// The meeting page: summary fields by label and the document list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingPage {
    pub committee: Option<String>,
    pub date: Option<Date>,
    pub status: Option<String>,
    pub docs: Vec<DocLink>,
}

/// Parses a meeting page. Summary fields are found by their label's text (not by class,
/// since holders nest and classes are reused).
pub fn parse_meeting_page(bytes: &[u8]) -> MeetingPage {
    let html = Html::parse_document(&html_str(bytes));
    let mut page = MeetingPage::default();
    for holder in html.select(&selector("div.holder")) {
        let Some(label) = holder.select(&selector("div.DNNLabel")).next() else {
            continue;
        };
        // The value is the label's next element sibling, so nested holders do not leak in.
        let value = label
            .next_siblings()
            .filter_map(scraper::ElementRef::wrap)
            .next()
            .map(|v| text_of(v, &[]))
            .unwrap_or_default();
        match text_of(label, &[])
            .trim_end_matches(':')
            .to_ascii_lowercase()
            .as_str()
        {
            "committee" if page.committee.is_none() => page.committee = Some(value),
            "date/time" | "date" if page.date.is_none() => page.date = find_date(&value),
            "status" if page.status.is_none() => page.status = Some(value),
            _ => {}
        }
    }
    for a in html.select(&selector("li.DocumentListItem a.TitleLink[href]")) {
        let href = a.value().attr("href").unwrap_or("").trim().to_string();
        if href.is_empty() || page.docs.iter().any(|d| d.href == href) {
            continue;
        }
        page.docs.push(DocLink {
            href,
            title: clean_title(&text_of(a, &["FileSize"])),
        });
    }
    page
}

/// A `…/tabid/<n>` path anywhere in a page (a link, the form's action, a script): matches
/// `href="/birmingham/Meetings/tabid/73/ScreenMode/Month/Default.aspx"` and
/// `action="https://h/cmis5/Meetings/tabid/70/Default.aspx"`; must not match `tabid=73` (a query).
static TABID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)((?:https?://[^\s"'<>()]+?)?(?:/[^\s"'<>()/]+)*?/tabid/\d+)(?:[/"'?#\s]|$)"#)
        .unwrap_or_else(|_| unreachable!())
});

/// Any `…/tabid/<n>` path on a page (the Meetings page itself often has some), for building
/// calendar URLs when the list view has no meeting.
pub fn any_calendar_prefix(bytes: &[u8]) -> Option<String> {
    let text = html_str(bytes).replace("&amp;", "&");
    TABID.captures(&text).map(|c| c[1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAL: &str = r#"<table class="rgMasterTable">
<tr class="rgRow"><td class="SimpleCalendarDate">Monday, 1 May</td><td></td></tr>
<tr class="rgAltRow"><td class="SimpleCalendarDate">Tuesday, 9 May</td><td>
<p class="Meeting"><a href="https://h/site/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/900/Committee/4/SelectedTab/Documents/Default.aspx">10:00 Cabinet</a></p>
<p class="Meeting"><a href="https://h/site/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/901/Committee/5/SelectedTab/Documents/Default.aspx">14:00 Audit Committee</a></p>
</td></tr></table>"#;

    #[test]
    fn month_calendar_meetings() {
        let m = parse_calendar_month(CAL.as_bytes(), 2023, 5);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].meeting_id, "900");
        assert_eq!(m[0].committee_id.as_deref(), Some("4"));
        assert_eq!(m[0].committee, "Cabinet");
        assert_eq!(m[0].date, Date::new(2023, 5, 9));
        assert_eq!(m[1].committee, "Audit Committee");
        assert_eq!(
            calendar_prefix(&m[0].href),
            Some(("https://h/site/Meetings/tabid/70".into(), "397".into()))
        );
        assert_eq!(
            calendar_month_url("https://h/site/Meetings/tabid/70", "397", 2023, 6),
            "https://h/site/Meetings/tabid/70/ctl/MeetingCalendarPublicNoJava/mid/397/Date/2023-06-01/Default.aspx"
        );
        assert_eq!(
            day_heading("Friday, 1 January", 2023, 12),
            Date::new(2024, 1, 1)
        );
    }

    #[test]
    fn module_id_and_list_view() {
        assert_eq!(
            module_id(br#"<input name="dnn$ctr397$MeetingCalendarPublic$btnButtonListView">"#),
            Some("397".into())
        );
        assert_eq!(module_id(b"<p>nothing</p>"), None);
        let list = br#"<table><tr class="rgRow"><td class="DateColumn"><a href="/s/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/15042/Committee/4/SelectedTab/Documents/Default.aspx">9 Jul 2026 11:00 - Planning Committee</a></td><td>Room 3</td></tr></table>"#;
        let rows = parse_list_view(list);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].committee, "Planning Committee");
        assert_eq!(rows[0].date, Date::new(2026, 7, 9));
    }

    #[test]
    fn a_tabid_path_is_found_anywhere_on_a_page() {
        let page = br#"<form method="post" action="/felpersham/Meetings/tabid/73/Default.aspx" id="Form"><a href="x?tabid=9">x</a></form>"#;
        assert_eq!(
            any_calendar_prefix(page).as_deref(),
            Some("/felpersham/Meetings/tabid/73")
        );
        assert_eq!(
            any_calendar_prefix(b"https://h/cmis5/Meetings/tabid/70/ctl/X/Default.aspx").as_deref(),
            Some("https://h/cmis5/Meetings/tabid/70")
        );
        assert_eq!(
            any_calendar_prefix(b"<a href=\"Default.aspx?tabid=73\">"),
            None
        );
    }

    #[test]
    fn meeting_page_labels_and_documents() {
        let page = br#"<div id="dnn_ContentPane">
<div class="holder"><div class="DNNLabel"><label><span>Committee:</span></label></div><div class="Value Committee">Cabinet</div></div>
<div class="holder"><div class="DNNLabel"><span>Date/Time:</span></div><div class="Value DateTime">9 May 2023 - 10:00</div></div>
<div class="holder"><div class="DNNLabel"><span>Status:</span></div><div class="Value Venue">Confirmed</div>
  <div class="holder"><div class="DNNLabel"><span>Venue:</span></div><div class="Value Venue">Room 1</div></div></div>
<ol class="DocumentList"><li class="DocumentListItem"><a class="TitleLink" href="/site/Document.ashx?czJKcQ">Peer Challenge Report</a><span class="FileSize">(1Mb)</span></li>
<li class="DocumentListItem"><a class="TitleLink" href="/site/Document.ashx?other">Minutes</a></li></ol></div>"#;
        let p = parse_meeting_page(page);
        assert_eq!(p.committee.as_deref(), Some("Cabinet"));
        assert_eq!(p.date, Date::new(2023, 5, 9));
        assert_eq!(p.status.as_deref(), Some("Confirmed"));
        assert_eq!(p.docs.len(), 2);
        assert_eq!(p.docs[0].title, "Peer Challenge Report");
        assert_eq!(p.docs[0].href, "/site/Document.ashx?czJKcQ");
    }
}
