//! Walks a CMIS site over the window: the Meetings page gives the calendar module id → the
//! list view (current month) gives the `…/tabid/<n>` prefix → one no-JavaScript month
//! calendar per month of the window → each meeting in the window (and passing
//! `--committee`) → its documents whose titles pass `--match`. CMIS has no agenda item
//! titles, so `--match` applies to document titles only. Without any meeting link to build
//! calendar URLs from, the list view's own rows are used.

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
        .or_else(|| {
            let lower = meetings_url.to_ascii_lowercase();
            let i = lower.find("/tabid/")?;
            let digits: String = meetings_url[i + 7..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            (!digits.is_empty()).then(|| format!("{}/tabid/{digits}", &meetings_url[..i]))
        })
        .and_then(|p| resolve(&list_url, &p));
    let mut meetings: Vec<(String, MeetingLink)> = Vec::new();
    match prefix {
        Some(prefix) => {
            let w = ctx.filters.window;
            for (y, m) in w.from.months_through(w.to) {
                if ctx.cancelled() {
                    return;
                }
                ctx.status(format!("calendar {y}-{m:02}"));
                let url = cmis::calendar_month_url(&prefix, &mid, y, m);
                match ctx.listing(&url) {
                    Ok((_, bytes)) => {
                        for link in cmis::parse_calendar_month(&bytes, y, m) {
                            if let Some(u) = resolve(&url, &link.href) {
                                meetings.push((u, link));
                            }
                        }
                    }
                    Err(e) => ctx.failed_document(&url, e, Facts::default()),
                }
            }
        }
        None => {
            for link in list_rows {
                if let Some(u) = resolve(&list_url, &link.href) {
                    meetings.push((u, link));
                }
            }
        }
    }
    let mut seen = HashSet::new();
    for (url, link) in meetings {
        if ctx.cancelled() {
            return;
        }
        let keep = link.date.is_some_and(|d| ctx.in_window(d))
            && ctx.committee_ok(&link.committee)
            && seen.insert(link.meeting_id.clone());
        if keep {
            walk_meeting(ctx, &url, &link);
        }
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
