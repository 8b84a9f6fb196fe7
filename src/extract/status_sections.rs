//! Actions listed under a heading that gives them all one status: a clerk's report or an action
//! sheet printed in sections (`1. COMPLETED MATTERS FROM MINUTES` … `2. ONGOING MATTERS` …,
//! `Still to be completed`), one action per line or bullet, the heading standing in for a status
//! column.
//!
//! The heading must name what it lists (`matters`, `actions`, `items` …) or be a phrase of work
//! still to do, so that a tracker's status cell printed on a line of its own (`Completed`) is
//! never read as one; `Outstanding actions` is not such a heading either: minutes go through
//! outstanding actions of every status (`action_prose` reads those).

use super::actions::{FoundAction, is_aggregate};
use super::segment::Segment;
use super::status;
use super::textutil::{collapse, is_terminator, re_new};
use regex::Regex;
use std::sync::LazyLock;

/// A heading that gives the status of the lines under it: `COMPLETED MATTERS FROM MINUTES`,
/// `Ongoing actions`, `Actions completed since the last meeting`, `Still to be completed`,
/// `What we have done so far`, `What we will do next`.
/// Not `Outstanding actions`, `Completed` alone (a tracker's cell) nor `Completed actions were
/// noted.` (a sentence).
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?i)^(?:(?:completed|complete|closed|ongoing|on-going|in\s+progress|not\s+(?:yet\s+)?started)\s+(?:matters|actions|items|issues|tasks)|(?:matters|actions|items|issues|tasks)\s+(?:completed|closed|ongoing|in\s+progress|carried\s+forward|not\s+(?:yet\s+)?started)|still\s+to\s+be\s+(?:completed|done|actioned|progressed)|what\s+(?:we|the\s+council)\s+(?:have|has)\s+(?:done|achieved|delivered)(?:\s+so\s+far)?|what\s+we\s+will\s+do(?:\s+next)?)(?:\s+(?:from|arising\s+from|since|at)\s+(?:the\s+)?(?:minutes|previous\s+meetings?|last\s+meeting)(?:\s+[\w/]+){0,3})?\s*:?$",
    )
    .unwrap()
});

/// The most lines read under one heading.
const MOST_LINES: usize = 80;

/// Whether a segment is a heading that gives its lines a status.
fn is_heading(words: &str) -> bool {
    let t = words.trim();
    t.len() < 90 && HEADING.is_match(t)
}

/// Reads the lines under the heading at `at`, when it is one: the actions found and the index
/// of the first segment after them. `taken` marks segments other readers used.
pub fn read(
    text: &str,
    segs: &[Segment],
    at: usize,
    taken: &[bool],
) -> Option<(Vec<FoundAction>, usize)> {
    let heading = segs[at].body_text(text);
    if !is_heading(heading) {
        return None;
    }
    let status = status::of_lead_in(heading.trim())?;
    let first = segs.get(at + 1).filter(|_| !taken[at + 1])?;
    let status_text = collapse(heading.trim().trim_end_matches(':'));
    // Items separated by blank lines may go on past one; items on consecutive lines end at
    // the first blank line.
    let spaced = first.blank_before;
    let mut out: Vec<FoundAction> = Vec::new();
    // The item being read: its start and end.
    let mut item: Option<(usize, usize)> = None;
    let push = |item: Option<(usize, usize)>, out: &mut Vec<FoundAction>| {
        let Some((a, b)) = item else { return };
        let words = &text[a..b];
        if words.split_whitespace().count() < 2 || is_aggregate(words) {
            return;
        }
        out.push(FoundAction {
            text: collapse(words),
            status,
            status_text: Some(status_text.clone()),
            start: a,
            end: b,
        });
    };
    let mut j = at + 1;
    while j < segs.len() && j <= at + MOST_LINES && !taken[j] {
        let s = &segs[j];
        let words = s.body_text(text).trim_end();
        let ends = is_heading(words)
            || is_terminator(words)
            || words.ends_with(':')
            || s.table_row
            || s.blank_before && !spaced && j > at + 1
            // A numbered line is the page's next item, unless the list is itself numbered.
            || s.label.is_some()
                && !first
                    .label
                    .as_ref()
                    .is_some_and(|l| s.label.as_ref().is_some_and(|m| l.same_style(m)));
        if ends {
            break;
        }
        if s.furniture || words.is_empty() {
            j += 1;
            continue;
        }
        let goes_on = item.is_some_and(|(a, b)| continues(&text[a..b], words, s));
        if goes_on {
            if let Some(it) = item.as_mut() {
                it.1 = s.end;
            }
        } else {
            push(item.take(), &mut out);
            item = Some((s.body, s.body + words.len()));
        }
        j += 1;
    }
    push(item, &mut out);
    (!out.is_empty()).then_some((out, j))
}

/// Whether a line goes on with the item above it rather than starting one: it starts in lower
/// case (`on 27 October, subject to …`), or the item so far is a title that ends in its date
/// (`Administration Policy (7 Jul 08)`) or breaks off after a comma or a dash.
fn continues(item: &str, line: &str, s: &Segment) -> bool {
    if s.bullet || s.label.is_some() {
        return false;
    }
    let starts_lower = line.chars().next().is_some_and(char::is_lowercase);
    let last = item.trim_end();
    let title_with_date = last.ends_with(')') && last.split_whitespace().count() <= 8;
    starts_lower || title_with_date || [',', '&', '/', '-', '–'].iter().any(|c| last.ends_with(*c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::segment::segments;
    use crate::model::ActionStatus;

    fn read_all(text: &str) -> Vec<(String, ActionStatus)> {
        let segs = segments(text);
        let taken = vec![false; segs.len()];
        let mut out = Vec::new();
        let mut i = 0;
        while i < segs.len() {
            if let Some((found, next)) = read(text, &segs, i, &taken) {
                out.extend(found.into_iter().map(|f| (f.text, f.status)));
                i = next;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn documented_examples() {
        for yes in [
            "COMPLETED MATTERS FROM MINUTES",
            "Ongoing actions",
            "Actions completed since the last meeting",
            "Still to be completed",
            "Completed Actions:",
            "What we have done so far",
        ] {
            assert!(is_heading(yes), "{yes}");
        }
        for no in [
            "Outstanding actions",
            "Completed",
            "Completed actions were noted.",
            "Action log",
        ] {
            assert!(!is_heading(no), "{no}");
        }
    }

    #[test]
    fn each_section_gives_its_lines_its_status() {
        let text = "Clerk's report\n1. COMPLETED MATTERS FROM MINUTES\nNoticeboard repaired by the contractor.\nLetter sent to the allotment association.\n2. ONGOING MATTERS\nPlay area (9 Jun 21)\nQuotes requested from three firms.\nBench on the green (7 Jul 21) awaiting delivery.\n3. Finance\nThe accounts were noted.\n";
        assert_eq!(
            read_all(text),
            vec![
                (
                    "Noticeboard repaired by the contractor.".to_string(),
                    ActionStatus::Completed
                ),
                (
                    "Letter sent to the allotment association.".to_string(),
                    ActionStatus::Completed
                ),
                (
                    "Play area (9 Jun 21) Quotes requested from three firms.".to_string(),
                    ActionStatus::InProgress
                ),
                (
                    "Bench on the green (7 Jul 21) awaiting delivery.".to_string(),
                    ActionStatus::InProgress
                ),
            ]
        );
    }

    #[test]
    fn work_still_to_do_ends_at_the_next_item() {
        let text = "8. Report on the work carried out\nThe hedges have been cut.\nStill to be completed\nThe final section of the path, and the drains\nNoted\n9. Any other business\n";
        assert_eq!(
            read_all(text),
            vec![(
                "The final section of the path, and the drains".to_string(),
                ActionStatus::Remaining
            )]
        );
    }

    #[test]
    fn a_cell_on_its_own_line_heads_nothing() {
        let text = "Action\nOwner\nStatus\nRepair the gate\nClerk\nCompleted\nOrder the bins\nClerk\nIn progress\n";
        assert!(read_all(text).is_empty());
    }
}
