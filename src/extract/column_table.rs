//! Tables flattened to one cell per line, with no bars: a header of column names, one per line
//! (`Ref` / `Action` / `Owner` / `Due date` / `Status`), then each row's cells one per line,
//! long cells wrapped over several lines.
//!
//! Rows are found by the cells whose shape is known — a reference like the first row's, a date,
//! a status word, a percentage — and the lines between them are shared out by the columns'
//! kinds: a name or a date takes one line, an action or a progress note takes the rest.

use super::dates;
use super::segment::Segment;
use super::status;
use super::table::{Cell, Table};
use super::textutil::re_new;
use regex::Regex;
use std::sync::LazyLock;

/// What a column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `Ref`, `No.`, `Minute`: a short reference.
    Id,
    /// `Due date`, `Target`, `Date`.
    Date,
    /// `Status`, `RAG`, `Complete?`, `% complete`: a status word, colour or percentage.
    Status,
    /// `Progress`, `Update`, `Current position`: a status word, or a note of any length.
    Progress,
    /// `Owner`, `Lead officer`: one line.
    Short,
    /// `Action`, `Recommendation`, `Comments`: any number of lines.
    Long,
}

/// A column name on a line of its own. Not a sentence or a long title.
fn kind_of(name: &str) -> Option<Kind> {
    let h = name
        .trim()
        .trim_end_matches([':', '?', '.'])
        .trim()
        .to_ascii_lowercase();
    let kind = match h.as_str() {
        "no" | "ref" | "reference" | "ref no" | "number" | "item" | "minute" | "minute no"
        | "minute ref" | "action no" | "action ref" | "rec no" | "id" | "#" | "rec" | "min" => {
            Kind::Id
        }
        "action" | "actions" | "action required" | "action agreed" | "agreed action"
        | "recommendation" | "recommendations" | "description" | "issue" | "task"
        | "action point" | "action description" | "agreed actions" | "comments" | "comment"
        | "notes" | "details" | "subject" => Kind::Long,
        "owner"
        | "lead"
        | "lead officer"
        | "responsible"
        | "responsible officer"
        | "by whom"
        | "who"
        | "officer"
        | "assigned to"
        | "action owner"
        | "lead member"
        | "responsibility"
        | "priority"
        | "lead officer(s)"
        | "service"
        | "directorate" => Kind::Short,
        "due date" | "due" | "target date" | "target" | "deadline" | "date" | "timescale"
        | "by when" | "completion date" | "date raised" | "date agreed" | "meeting date"
        | "meeting" | "revised date" | "target completion" | "date of meeting" => Kind::Date,
        "status"
        | "rag"
        | "rag status"
        | "rag rating"
        | "complete"
        | "completed"
        | "done"
        | "% complete"
        | "percentage complete"
        | "closed" => Kind::Status,
        "progress" | "current position" | "position" | "update" | "latest update"
        | "progress update" | "outcome" | "current status" => Kind::Progress,
        _ => return None,
    };
    Some(kind)
}

/// A date cell: `Jan 2025`, `31/03/2025`, `March 2026`, `Q3 2025/26`, `Ongoing`. Not `Complete`.
static DATE_CELL: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{2,4}|q[1-4]\s+\d{4}(?:/\d{2})?|\d{4}/\d{2}|ongoing|tbc|tba|n/a)$").unwrap()
});

/// The shape of a reference: letters as `A`, digits as `9`, runs collapsed (`CGAS/24/07` →
/// `A/9/9`), so that the references of one table share a shape and words do not.
fn shape(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        let k = if c.is_ascii_digit() {
            '9'
        } else if c.is_alphabetic() {
            'A'
        } else {
            c
        };
        if !out.ends_with(k) || !(k == '9' || k == 'A') {
            out.push(k);
        }
    }
    out
}

/// Whether a line can be a reference cell like `first` (short, of the same shape).
fn like_reference(line: &str, first_shape: &str) -> bool {
    let t = line.trim();
    t.len() <= 16 && t.chars().any(|c| c.is_ascii_digit()) && shape(t) == first_shape
}

fn is_status_cell(line: &str) -> bool {
    let t = line.trim();
    status::of_cell(t).is_some()
        || status::is_colour(t)
        || matches!(t.to_ascii_lowercase().as_str(), "yes" | "no" | "y" | "n")
}

/// Reads a one-cell-per-line table whose header starts at `segs[i]`.
pub fn read(text: &str, segs: &[Segment], i: usize) -> Option<Table> {
    // The header: three or more column names, one per line, with no blank line between.
    let mut kinds = Vec::new();
    let mut j = i;
    while j < segs.len() {
        let s = &segs[j];
        if j > i && s.blank_before || s.inline || s.label.is_some() || s.bullet {
            break;
        }
        let w = s.text(text);
        if w.len() > 30 || w.contains('|') {
            break;
        }
        let Some(k) = kind_of(w) else { break };
        kinds.push(k);
        j += 1;
    }
    let n = kinds.len();
    let has_text = kinds.iter().any(|k| matches!(k, Kind::Long));
    if n < 3 || !has_text {
        return None;
    }
    let header: Vec<Cell> = (i..j).map(|k| (segs[k].start, segs[k].end)).collect();
    let body_start = j;
    // The body: lines up to a blank line that is not followed by another row.
    let first_kind = kinds[0];
    let first_line = segs.get(body_start)?.text(text).trim();
    let first_shape = shape(first_line);
    // A reference or a date of the first row's shape starts a row (`2024/25` wrapped out of
    // an action cell is not a `10/06/2025`).
    let starts_row = |line: &str| match first_kind {
        Kind::Id => like_reference(line, &first_shape),
        Kind::Date => DATE_CELL.is_match(line.trim()) && shape(line) == first_shape,
        _ => false,
    };
    if matches!(first_kind, Kind::Id | Kind::Date) && !starts_row(first_line) {
        return None;
    }
    let last_kind = kinds[n - 1];
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut k = body_start;
    let mut current: Vec<usize> = Vec::new();
    while k < segs.len() {
        let s = &segs[k];
        let line = s.text(text);
        if s.label.is_some() && !starts_row(line) && !matches!(first_kind, Kind::Id) {
            break;
        }
        if s.blank_before && k > body_start && !starts_row(line) {
            break;
        }
        if s.inline || line.contains('|') || line.len() > 200 {
            break;
        }
        let new_row = match first_kind {
            Kind::Id | Kind::Date => starts_row(line) && !current.is_empty(),
            _ => current.len() >= n,
        };
        if new_row {
            rows.push(std::mem::take(&mut current));
        }
        current.push(k);
        // Without a reference to start rows, a status cell in the last column ends one.
        if !matches!(first_kind, Kind::Id | Kind::Date)
            && matches!(last_kind, Kind::Status)
            && current.len() >= n - 1
            && is_status_cell(line)
        {
            rows.push(std::mem::take(&mut current));
        }
        k += 1;
    }
    if !current.is_empty() {
        rows.push(current);
    }
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .filter_map(|r| assign(text, segs, r, &kinds))
        .collect();
    (rows.len() >= 2).then_some(Table {
        header,
        rows,
        first: i,
        next: k,
    })
}

/// Shares a row's lines out among the columns; `None` when they cannot be.
fn assign(text: &str, segs: &[Segment], lines: &[usize], kinds: &[Kind]) -> Option<Vec<Cell>> {
    let m = lines.len();
    let n = kinds.len();
    if m + 1 < n.min(3) {
        return None;
    }
    let words: Vec<&str> = lines.iter().map(|&k| segs[k].text(text).trim()).collect();
    // best[c][l]: the best score for columns c.. over lines l.., and the lines column c takes.
    const NONE: i32 = i32::MIN / 4;
    let mut best = vec![vec![NONE; m + 1]; n + 1];
    let mut take = vec![vec![0usize; m + 1]; n + 1];
    // Columns left over at the end of a row that was cut short are empty.
    best[n][m] = 0;
    for c in (0..n).rev() {
        for l in 0..=m {
            let mut b = NONE;
            let mut t = 0;
            // An empty cell: only at the end of the row.
            if l == m && best[c + 1][m] > NONE {
                b = best[c + 1][m] - 3;
            }
            let max_lines = match kinds[c] {
                Kind::Long | Kind::Progress => m - l,
                _ => 1.min(m - l),
            };
            for len in 1..=max_lines {
                let rest = best[c + 1][l + len];
                if rest == NONE {
                    continue;
                }
                let cell = words[l..l + len].join(" ");
                let fit = fit(kinds[c], &cell, len);
                if rest + fit > b {
                    b = rest + fit;
                    t = len;
                }
            }
            best[c][l] = b;
            take[c][l] = t;
        }
    }
    if best[0][0] == NONE {
        return None;
    }
    let mut cells = Vec::with_capacity(n);
    let mut l = 0;
    for row in take.iter().take(n) {
        let len = row[l];
        if len == 0 {
            cells.push((segs[lines[m - 1]].end, segs[lines[m - 1]].end));
        } else {
            cells.push((segs[lines[l]].start, segs[lines[l + len - 1]].end));
        }
        l += len;
    }
    Some(cells)
}

/// How well a cell of `len` lines fits a column of this kind.
fn fit(kind: Kind, cell: &str, len: usize) -> i32 {
    match kind {
        Kind::Id => {
            if cell.len() <= 16 && cell.chars().any(|c| c.is_ascii_digit()) {
                2
            } else {
                -4
            }
        }
        Kind::Date => {
            if DATE_CELL.is_match(cell) || dates::first_date(cell).is_some() && cell.len() < 30 {
                3
            } else {
                -4
            }
        }
        Kind::Status => {
            if is_status_cell(cell) {
                3
            } else {
                -4
            }
        }
        Kind::Progress => {
            if is_status_cell(cell) {
                2
            } else {
                0
            }
        }
        // A name or role wraps rarely; a date or status word is not a name.
        Kind::Short => {
            if DATE_CELL.is_match(cell) || is_status_cell(cell) {
                -3
            } else {
                1 - 2 * (len as i32 - 1)
            }
        }
        Kind::Long => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::segment::segments;

    fn cells(t: &str) -> Vec<Vec<String>> {
        let segs = segments(t);
        let table = read(t, &segs, 0).expect("a table");
        table
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|&(a, b)| super::super::textutil::collapse(&t[a..b]))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn wrapped_action_cells_between_a_reference_and_a_status() {
        let t = "Ref\nAction\nOwner\nDue date\nStatus\nA/24/07\nCirculate the revised\nstrategy to Members\nHead of Governance\nNov 2024\nComplete\nA/24/09\nArrange a training session\nHead of Finance\nJan 2025\nIn progress\n\nAfter the table.";
        assert_eq!(
            cells(t),
            vec![
                vec![
                    "A/24/07",
                    "Circulate the revised strategy to Members",
                    "Head of Governance",
                    "Nov 2024",
                    "Complete"
                ],
                vec![
                    "A/24/09",
                    "Arrange a training session",
                    "Head of Finance",
                    "Jan 2025",
                    "In progress"
                ],
            ]
        );
    }

    #[test]
    fn two_wrapped_text_columns_split_at_the_date() {
        let t = "No.\nRecommendation\nLead\nTarget date\nProgress\nRAG\n1\nThat the Council adopts\na policy\nHead of Parks\nJune 2025\nPolicy adopted in May.\nGreen\n2\nThat guidance is\npublished\nHead of Schools\nSeptember 2025\nDraft prepared; schools to be\nconsulted.\nAmber";
        let c = cells(t);
        assert_eq!(c[1][1], "That guidance is published");
        assert_eq!(c[1][4], "Draft prepared; schools to be consulted.");
        assert_eq!(c[1][5], "Amber");
    }

    #[test]
    fn a_row_cut_short_leaves_its_last_cells_empty() {
        let t = "Ref\nAction\nOwner\nStatus\n1\nPublish the plan\nChief Executive\nDone\n2\nReview the fees\nHead of Finance";
        let c = cells(t);
        assert_eq!(c[1], vec!["2", "Review the fees", "Head of Finance", ""]);
    }

    #[test]
    fn prose_is_not_a_table() {
        let t = "Action\nThe Committee agreed to act.\nMembers noted the report.";
        assert!(read(t, &segments(t), 0).is_none());
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[(&*super::DATE_CELL, "Jan 2025", "Complete")];
        crate::extract::textutil::assert_documented_examples(cases);
    }
}
