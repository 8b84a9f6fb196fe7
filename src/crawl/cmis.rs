//! Walks a CMIS site over the window: the Meetings page (found under one of several names,
//! see [`super::detect::CMIS_ENTRY_PAGES`]) gives the calendar module id → the `…/tabid/<n>`
//! prefix from the list view's first meeting, else any `tabid` link on the list view or the
//! Meetings page, else the calendar is asked for through the Meetings page's own query
//! (`?ctl=MeetingCalendarPublicNoJava&mid=…&Date=…`), so no meeting in the current month is
//! needed → one no-JavaScript month calendar per month of the window (slow: CMIS pages get the
//! longer time limit) → each meeting in the window (and passing `--committee`) → its documents
//! whose titles pass `--match`. CMIS has no agenda item titles, so `--match` applies to
//! document titles only. A window with no meeting on a site that lists meetings outside it
//! gives a warning and a record (`error.kind` `empty_window`).

use super::site::{SiteCtx, resolve};
use crate::pipeline::Facts;
use crate::source::cmis::{self, MeetingLink};
use std::collections::HashSet;

/// Walks a CMIS site from its Meetings page.
pub fn walk(ctx: &mut SiteCtx, meetings_url: &str, page: &[u8]) {
    let Some(mid) = cmis::module_id(page) else {
        return;
    };
    ctx.status("list view");
    let sep = if meetings_url.contains('?') { '&' } else { '?' };
    let list_url = format!("{meetings_url}{sep}ctl=MeetingCalendarListView&mid={mid}");
    let (list_rows, list_bytes) = match ctx.listing(&list_url) {
        Ok((_, bytes)) => (cmis::parse_list_view(&bytes), bytes),
        Err(e) => {
            ctx.listing_failed(&list_url, e, Facts::default());
            (Vec::new(), Vec::new())
        }
    };
    let prefix = list_rows
        .first()
        .and_then(|r| cmis::calendar_prefix(&r.href))
        .map(|(p, _)| p)
        .or_else(|| cmis::any_calendar_prefix(&list_bytes))
        .or_else(|| cmis::any_calendar_prefix(page))
        .or_else(|| cmis::any_calendar_prefix(meetings_url.as_bytes()))
        .and_then(|p| resolve(&list_url, &p));
    let w = ctx.filters.window;
    let mut meetings: Vec<(String, MeetingLink)> = Vec::new();
    // Meetings seen outside the window: evidence that an empty window is not an empty site.
    let mut elsewhere = list_rows
        .iter()
        .filter(|r| r.date.is_some_and(|d| !ctx.in_window(d)))
        .count();
    for (y, m) in w.from.months_through(w.to) {
        if ctx.cancelled() {
            return;
        }
        ctx.status(format!("calendar {y}-{m:02}"));
        // Without any `…/tabid/<n>` link to build on, the calendar is asked for through the
        // Meetings page itself, as the list view is.
        let url = match &prefix {
            Some(p) => cmis::calendar_month_url(p, &mid, y, m),
            None => format!(
                "{meetings_url}{sep}ctl=MeetingCalendarPublicNoJava&mid={mid}&Date={y:04}-{m:02}-01"
            ),
        };
        match ctx.listing(&url) {
            Ok((_, bytes)) => {
                for link in cmis::parse_calendar_month(&bytes, y, m) {
                    if link.date.is_some_and(|d| !ctx.in_window(d)) {
                        elsewhere += 1;
                    }
                    if let Some(u) = resolve(&url, &link.href) {
                        meetings.push((u, link));
                    }
                }
            }
            Err(e) => ctx.failed_document(&url, e, Facts::default()),
        }
    }
    // The list view's rows count too (it is the current month, which may be in the window).
    for link in list_rows {
        if let Some(u) = resolve(&list_url, &link.href) {
            meetings.push((u, link));
        }
    }
    let mut seen = HashSet::new();
    let mut walked = 0usize;
    for (url, link) in meetings {
        if ctx.cancelled() {
            return;
        }
        let in_window = link.date.is_some_and(|d| ctx.in_window(d));
        let keep =
            in_window && ctx.committee_ok(&link.committee) && seen.insert(link.meeting_id.clone());
        if in_window {
            walked += 1;
        }
        if keep {
            walk_meeting(ctx, &url, &link);
        }
    }
    if walked == 0 && elsewhere > 0 {
        let message = format!(
            "the CMIS calendar at {meetings_url} lists no meeting from {} to {}, though it lists {elsewhere} meeting(s) outside that window: check the window, or the calendar pages",
            w.from.iso(),
            w.to.iso()
        );
        if !ctx.config_quiet() {
            eprintln!("councilrecs: warning: {message}");
        }
        ctx.error_record(meetings_url, "empty_window", message, &Facts::default());
    }
}

fn walk_meeting(ctx: &mut SiteCtx, url: &str, link: &MeetingLink) {
    let date_text = link.date.map(|d| d.iso()).unwrap_or_default();
    ctx.status(format!("{} {date_text}", link.committee));
    let base_facts = Facts {
        committee: Some(link.committee.clone()),
        date: link.date,
        one_meeting: true,
        ..Facts::default()
    };
    let page = match ctx.listing(url) {
        Ok((_, bytes)) => cmis::parse_meeting_page(&bytes),
        Err(e) => return ctx.failed_document(url, e, base_facts),
    };
    let facts = Facts {
        committee: page.committee.clone().or(base_facts.committee),
        date: page.date.or(link.date),
        ..base_facts
    };
    for d in &page.docs {
        if ctx.matches(&d.title)
            && let Some(u) = resolve(url, &d.href)
        {
            let f = Facts {
                title: Some(d.title.clone()),
                ..facts.clone()
            };
            ctx.document(&u, f);
        }
    }
}
