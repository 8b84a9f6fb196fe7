//! Actions and their status: bullet or numbered lists under a lead-in that gives the status
//! ("have concluded … including:" → completed; "The remaining areas of focus include:" →
//! remaining), and tracker-table rows with a status column (Complete, In progress, Not started …).
//! Aggregate counts ("64 complete, 49 in progress") are not actions.

use super::action_prose;
use super::list::{ItemDraft, ListRules, Part, read_list};
use super::segment::{Segment, paragraph_ending_at};
use super::status;
use super::status_sections;
use super::table::{Cell, Table};
use super::textutil::{collapse, ends_with_opener, last_sentence, re_new};
use crate::model::ActionStatus;
use regex::Regex;
use std::sync::LazyLock;

/// An action found in the text (byte range of its words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundAction {
    pub text: String,
    pub status: ActionStatus,
    pub status_text: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// Words that show a list's lead-in is about work to do: `The remaining areas of focus
/// include:`, `The peers found that the council has completed:`. Not `Notices of motion
/// received:` (a list of motions).
static ACTION_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:actions?|areas?|focus|progress|work|steps|plan|recommendations?|improvements?|activit(?:y|ies)|including|include|includes|following|priorities|delivered|completed|under\s*way|needed|achieved)\b").unwrap()
});

/// `The current reviews in progress are:` lists task groups, not actions. Never matches `The
/// actions in progress are:`.
static NOT_ACTIONS: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:reviews|task\s+(?:and\s+finish\s+)?groups|working\s+groups|panels|inquiries|meetings)\b").unwrap()
});

/// A sentence that only points to the list after it: `These were as follows:-`, `They
/// included:`, `This was:`. Not `The actions completed were as follows:`.
static POINTER: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:these|they|this|which)\s+(?:were|are|was|is|included?|includes)(?:\s+as\s+follows)?\s*:\s*[-–]?\s*$").unwrap()
});

/// Reads a tracker cell's status word (`Complete`, `In progress`, `Not started` …).
pub fn cell_status(cell: &str) -> Option<ActionStatus> {
    status::of_cell(cell)
}

/// Aggregate counts, which are not actions: `64 complete, 49 in progress`, `21 actions are
/// green (43%)`, `29 (59%) of the actions had been achieved`, `28 (28.3%) were green`, `All
/// other actions were complete`, `most actions had been implemented`, `the two high rated
/// recommendations outstanding at the last review have been implemented in full`.
/// Not `Publish 4 newsletters a year`.
static COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^\W*of\s+the\s+(?:\d+|\w+)\s+(?:actions?|recommendations?|items)\b|^\W*(?:\d+|all|both|none|most|the\s+remaining)\s*(?:\(\d+(?:\.\d+)?%\)\s*)?(?:%\s*)?(?:(?:other|of|the|\d+)\s+)*(?:actions?\s+|recommendations?\s+|items?\s+|are\s+|were\s+|is\s+|was\s+|have\s+been\s+|had\s+been\s+)*(?:complete[d]?|in\s+progress|ongoing|not\s+started|outstanding|on\s+track|closed|green|amber|red|achieved|rated|behind|under\s+control|pending)\b|\b\d+\s+(?:actions?|recommendations?)\s+(?:are|were|have\s+been|had\s+been|remain)\b|\b(?:all|both)\s+(?:(?:other|the|of\s+the)\s+)*(?:[\w-]+\s+){0,3}?(?:actions?|items|recommendations)\b[^.;]{0,60}?\b(?:(?:had|have)\s+been|were|are)\s+(?:now\s+)?(?:complete[d]?|closed|done|in\s+hand|implemented)|\b(?:most|many|several|the\s+majority)\s+(?:of\s+)?(?:the\s+)?(?:actions|items|recommendations)\s+(?:had|have)\s+(?:now\s+)?been\s+(?:complete[d]?|closed|done|implemented)|\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+){0,3}?(?:actions|recommendations|items)\b[^.;]{0,80}?\b(?:have|had)\s+(?:now\s+)?been\s+(?:implemented|complete[d]?|closed|actioned)").unwrap()
});

/// One count in a list of counts: `64 complete`, `49 in progress`, `13 not yet started`. Not `The
/// plan is complete.` (no count).
static ONE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|all|none)\s*(?:\(\d+(?:\.\d+)?%\)\s*)?%?\s+(?:\w+\s+){0,3}?(?:complete[d]?|in\s+progress|not\s+(?:yet\s+)?started|outstanding|on\s+track|closed|open|green|amber|red|achieved|overdue|(?:partially\s+|not\s+(?:been\s+)?)?implemented)\b").unwrap()
});

/// Whether text is a count of actions by status rather than an action.
pub fn is_aggregate(s: &str) -> bool {
    COUNTS.is_match(s.trim_start()) || ONE_COUNT.find_iter(s).nth(1).is_some()
}

/// Finds actions in document order: tracker tables, lists under a status lead-in, then the
/// prose of outstanding-actions minutes and explicit undertakings where nothing else was read.
///
/// `exclude` holds the byte ranges of recommendations found in the text: they are not actions.
/// `tables` are the document's tables (`table::find_tables`).
pub fn find(
    text: &str,
    segs: &[Segment],
    tables: &[Table],
    exclude: &[(usize, usize)],
) -> Vec<FoundAction> {
    let mut out = Vec::new();
    let excluded = Ranges::new(exclude.iter().copied());
    let mut taken: Vec<bool> = segs
        .iter()
        .map(|s| excluded.overlaps(s.start, s.end))
        .collect();
    // Resolutions and tracker tables end a zone of prose actions; lists read here do not.
    let mut stops = taken.clone();
    // The page's RAG key is looked for only when there is a table to read with it.
    let key = std::cell::OnceCell::new();
    let key = || key.get_or_init(|| status::RagKey::find(text));
    let mut tables = tables.iter().peekable();
    let mut i = 0;
    while i < segs.len() {
        let s = &segs[i];
        while tables.peek().is_some_and(|t| t.next <= i) {
            tables.next();
        }
        if let Some(&t) = tables.peek().filter(|t| t.first == i) {
            tables.next();
            if tracker_rows(text, t, key(), &mut out) {
                mark(&mut taken, i, t.next);
                mark(&mut stops, i, t.next);
                i = t.next;
                continue;
            }
        }
        let last = s.body_text(text).trim_end();
        let para = if ends_with_opener(last) {
            paragraph_ending_at(text, segs, i)
        } else {
            String::new()
        };
        // Only the sentence that ends in the colon gives the status; one that only points to
        // the list (`These were as follows:-`) takes the sentence before it along.
        let para = para.trim_end();
        let mut words = last_sentence(para);
        if POINTER.is_match(words) && words.len() < para.len() {
            // `last_sentence` gives a tail of what it is given: the one before starts there.
            let head = para[..para.len() - words.len()].trim_end();
            words = &para[head.len() - last_sentence(head).len()..];
        }
        if !para.is_empty()
            && words.len() < 600
            && ACTION_CONTEXT.is_match(words)
            && !NOT_ACTIONS.is_match(words)
            && let Some(status) = status::of_lead_in(words)
            && segs
                .get(i + 1)
                .is_some_and(|f| f.bullet || f.label.is_some())
            // `… already being progressed. RESOLVED that:` opens resolutions, read as such.
            && !taken[i + 1]
        {
            let rules = ListRules {
                asides: false,
                nesting: true,
            };
            let (items, next) = read_list(text, segs, i + 1, rules);
            let lead = collapse(words);
            for item in items.iter().filter(|it| {
                it.label.is_none()
                    || !s
                        .label
                        .as_ref()
                        .is_some_and(|l| l.same_style(it.label.as_ref().expect("label")))
            }) {
                push_item(text, item, status, &lead, &mut out);
            }
            mark(&mut taken, i, next);
            i = next.max(i + 1);
            continue;
        }
        // `COMPLETED MATTERS FROM MINUTES` and the lines under it.
        if !taken[i]
            && let Some((found, next)) = status_sections::read(text, segs, i, &taken)
        {
            out.extend(found);
            mark(&mut taken, i, next);
            i = next;
            continue;
        }
        i += 1;
    }
    let mut labelled = action_prose::labelled(text, segs, &taken);
    labelled.extend(action_prose::status_records(text, segs, &taken));
    for a in &labelled {
        // Segments are in document order and do not overlap: those that meet `a` are a run.
        let from = segs.partition_point(|s| s.end <= a.start);
        let to = segs.partition_point(|s| s.start < a.end);
        mark(&mut taken, from, to);
    }
    out.extend(labelled);
    let prose = action_prose::find(text, segs, &taken, &stops);
    let claimed = Ranges::new(out.iter().chain(prose.iter()).map(|a| (a.start, a.end)));
    out.extend(prose);
    out.extend(
        action_prose::undertakings(text, segs, &taken)
            .into_iter()
            .chain(action_prose::owned_sentences(text, segs, &taken))
            .filter(|u| !claimed.overlaps(u.start, u.end)),
    );
    // Action lines come last: an undertaking or owned sentence on the same words is the
    // finer reading.
    let claimed = Ranges::new(out.iter().map(|a| (a.start, a.end)));
    out.extend(
        action_prose::owner_lines(text, segs, &taken)
            .into_iter()
            .filter(|u| !claimed.overlaps(u.start, u.end)),
    );
    out.sort_by_key(|a| a.start);
    out
}

/// Byte ranges, asked whether any meets a given range in logarithmic time (a long page has
/// thousands of items, each asked about).
struct Ranges {
    /// The ranges by start, each with the furthest end of it and those before it.
    by_start: Vec<(usize, usize)>,
}

impl Ranges {
    fn new(ranges: impl Iterator<Item = (usize, usize)>) -> Ranges {
        let mut by_start: Vec<(usize, usize)> = ranges.collect();
        by_start.sort_unstable();
        let mut furthest = 0;
        for r in &mut by_start {
            furthest = furthest.max(r.1);
            r.1 = furthest;
        }
        Ranges { by_start }
    }

    /// Whether some range `(a, b)` has `a < end && start < b`.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let before_end = self.by_start.partition_point(|&(a, _)| a < end);
        before_end > 0 && self.by_start[before_end - 1].1 > start
    }
}

fn mark(taken: &mut [bool], from: usize, to: usize) {
    for t in taken.iter_mut().take(to).skip(from) {
        *t = true;
    }
}

fn push_item(
    text: &str,
    item: &ItemDraft,
    status: ActionStatus,
    lead: &str,
    out: &mut Vec<FoundAction>,
) {
    let Some(Part::Text(a, _)) = item.parts.first() else {
        return;
    };
    let words = item.full_text(text);
    if words.is_empty() || is_aggregate(&words) {
        return;
    }
    out.push(FoundAction {
        text: words,
        status,
        status_text: Some(lead.to_string()),
        start: *a,
        end: item.end,
    });
}

/// Actions from the rows of a tracker table, when its header names a status column.
fn tracker_rows(
    text: &str,
    table: &Table,
    key: &status::RagKey,
    out: &mut Vec<FoundAction>,
) -> bool {
    let cols = table.columns(text);
    let Some(status_col) = cols.status else {
        return false;
    };
    for row in &table.rows {
        let Some(&(sa, sb)) = row.get(status_col) else {
            continue;
        };
        let status_text = &text[sa..sb];
        if status_text.trim().is_empty() {
            // A row cut short before its status: the action is still there.
            if let Some((a, b)) = action_cell(text, row, &cols, status_col)
                && let Some(f) = row_action(text, a, b, ActionStatus::Unknown, None)
            {
                out.push(f);
            }
            continue;
        }
        let yes_no = match status_text.trim().to_ascii_lowercase().as_str() {
            "yes" | "y" if table.status_is_yes_no(text, &cols) => Some(ActionStatus::Completed),
            "no" | "n" if table.status_is_yes_no(text, &cols) => Some(ActionStatus::Remaining),
            _ => None,
        };
        let of_cell = |t: &str| {
            cell_status(t)
                .or_else(|| key.status_of(t))
                .or_else(|| status::of_prose(t).map(|r| r.status))
        };
        let mut status_text = status_text;
        let mut status = cell_status(status_text)
            .or_else(|| key.status_of(status_text))
            .or(yes_no)
            .or_else(|| status::of_prose(status_text).map(|r| r.status));
        // `Green` with no key on the page says nothing; the progress note beside it may
        // (`Summary circulated on 2 April.`).
        if status.is_none()
            && let Some(&(pa, pb)) = cols.progress.and_then(|k| row.get(k))
            && let Some(s) = of_cell(&text[pa..pb])
        {
            status = Some(s);
            status_text = &text[pa..pb];
        }
        let status = status.unwrap_or(ActionStatus::Unknown);
        let Some((a, b)) = action_cell(text, row, &cols, status_col) else {
            continue;
        };
        if let Some(f) = row_action(text, a, b, status, Some(collapse(status_text))) {
            out.push(f);
        }
    }
    true
}

/// The cell of a row that holds the action: the `Action` column, else the `Recommendation`
/// column, else the longest cell other than the status and the reference.
fn action_cell(
    text: &str,
    row: &[Cell],
    cols: &super::table::Columns,
    status_col: usize,
) -> Option<Cell> {
    let _ = text;
    let k = cols
        .action
        .or(cols.recommendation)
        .filter(|&k| row.get(k).is_some_and(|&(a, b)| b > a))
        .or_else(|| {
            row.iter()
                .enumerate()
                .filter(|(k, _)| *k != status_col && Some(*k) != cols.id)
                .max_by_key(|(_, (a, b))| b - a)
                .map(|(k, _)| k)
        })?;
    row.get(k).copied()
}

/// An action from a row's cell, when the cell holds words.
fn row_action(
    text: &str,
    a: usize,
    b: usize,
    status: ActionStatus,
    status_text: Option<String>,
) -> Option<FoundAction> {
    let words = collapse(&text[a..b]);
    if words.split_whitespace().count() < 2 || !words.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    Some(FoundAction {
        text: words,
        status,
        status_text,
        start: a,
        end: b,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::segment::segments;

    #[test]
    fn ranges_answer_as_a_scan_of_every_range_would() {
        let list = [(40, 50), (0, 10), (5, 30), (60, 61)];
        let ranges = Ranges::new(list.iter().copied());
        for start in 0..70 {
            for end in start..72 {
                let scan = list.iter().any(|&(a, b)| a < end && start < b);
                assert_eq!(ranges.overlaps(start, end), scan, "{start}..{end}");
            }
        }
        assert!(!Ranges::new(std::iter::empty()).overlaps(0, 10));
    }

    fn acts(t: &str) -> Vec<(String, ActionStatus)> {
        let segs = segments(t);
        find(t, &segs, &crate::extract::table::find_tables(t, &segs), &[])
            .into_iter()
            .map(|a| (a.text, a.status))
            .collect()
    }

    #[test]
    fn bullets_under_status_lead_ins() {
        let t = "3.6 The team have concluded a number of the actions including: -\n- Profiling of Capital schemes.\n - Review of reserves.\n\n3.7 The remaining areas of focus include: -\n\n- Concluding the service standards.\n\nIMPACT";
        assert_eq!(
            acts(t),
            vec![
                (
                    "Profiling of Capital schemes.".into(),
                    ActionStatus::Completed
                ),
                ("Review of reserves.".into(), ActionStatus::Completed),
                (
                    "Concluding the service standards.".into(),
                    ActionStatus::Remaining
                ),
            ]
        );
    }

    #[test]
    fn tracker_table_rows() {
        let t = "No. | Recommendation | Action | Status\n1 | Celebrate success | Publish a narrative | Complete\n2 | Review MTFS | Quarterly reports to Cabinet | In progress\n3 | Digital | Digital strategy refresh | Not started";
        assert_eq!(
            acts(t),
            vec![
                ("Publish a narrative".into(), ActionStatus::Completed),
                (
                    "Quarterly reports to Cabinet".into(),
                    ActionStatus::InProgress
                ),
                ("Digital strategy refresh".into(), ActionStatus::Remaining),
            ]
        );
    }

    #[test]
    fn resolutions_after_a_status_lead_in_are_not_actions() {
        let t = "The action plan was already being progressed as was the website RESOLVED that:\n1. The report be noted.\n2. The plan be approved.\n";
        let segs = segments(t);
        let tables = crate::extract::table::find_tables(t, &segs);
        let recs: Vec<(usize, usize)> = ["The report be noted.", "The plan be approved."]
            .iter()
            .map(|r| {
                let a = t.find(r).expect("in text");
                (a, a + r.len())
            })
            .collect();
        assert!(find(t, &segs, &tables, &recs).is_empty());
        // The same list with nothing taken is read as actions in progress.
        assert_eq!(acts(t).len(), 2);
    }

    #[test]
    fn counts_are_not_actions() {
        let t = "Progress made to date includes:\n- 64 complete, 49 in progress\n- Member development programme launched";
        assert_eq!(
            acts(t),
            vec![(
                "Member development programme launched".into(),
                ActionStatus::Completed
            )]
        );
        // Percentages with decimals are counts too.
        assert!(is_aggregate(
            "The tracker had 99 recommendations, of which 28 (28.3%) were green but not complete, 40 (40.4%) amber and 5 (5.1%) red."
        ));
        assert!(is_aggregate("12 (9.5%) were green"));
        assert!(!is_aggregate("Review the fees (2.5% rise) by March."));
        assert!(is_aggregate(
            "Progress on the amber reports showed that most actions had been implemented."
        ));
        assert!(!is_aggregate(
            "The most urgent action had been implemented."
        ));
        assert!(is_aggregate(
            "The review found that the two high rated recommendations outstanding at the last review have been implemented in full."
        ));
        assert!(!is_aggregate(
            "The recommendation on two-factor authentication has been implemented."
        ));
    }

    #[test]
    fn cell_statuses() {
        assert_eq!(cell_status("Not started"), Some(ActionStatus::Remaining));
        assert_eq!(
            cell_status("Partially complete"),
            Some(ActionStatus::InProgress)
        );
        assert_eq!(
            cell_status("Completed - March 2024"),
            Some(ActionStatus::Completed)
        );
        assert_eq!(cell_status("On track"), Some(ActionStatus::InProgress));
        assert_eq!(cell_status("Councillor Smith"), None);
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[
            (
                &*super::ACTION_CONTEXT,
                "The remaining areas of focus include:",
                "Notices of motion received:",
            ),
            (
                &*super::NOT_ACTIONS,
                "The current reviews in progress are:",
                "The actions in progress are:",
            ),
            (
                &*super::COUNTS,
                "64 complete, 49 in progress",
                "Publish 4 newsletters a year",
            ),
            (&*super::ONE_COUNT, "64 complete", "The plan is complete."),
            (
                &*super::POINTER,
                "These were as follows:-",
                "The actions completed were as follows:",
            ),
        ];
        crate::extract::textutil::assert_documented_examples(cases);
    }
}
