//! Tables left in the text: rows on one line with ` | ` or tabs between cells, and the
//! "vertical" form some conversions produce, one cell per line ending in `|` with an empty
//! line (a lone `|`) between rows. Tracker tables are read through their header row: which
//! column holds the reference, the recommendation, the action and the status.

use super::segment::Segment;

/// A cell: byte range of its trimmed words.
pub type Cell = (usize, usize);

/// A table: its header row and body rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    /// Segment index of the header row, and of the first segment after the table.
    pub first: usize,
    pub next: usize,
}

/// What each column of a tracker holds, from its header.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub id: Option<usize>,
    pub recommendation: Option<usize>,
    pub action: Option<usize>,
    pub status: Option<usize>,
    /// A column of notes on progress (`Progress update`) beside a status column named for the
    /// status (`RAG`): where the status is read when the status column gives none.
    pub progress: Option<usize>,
}

impl Table {
    /// The roles of the header's columns. A status column named for the status (`Status`,
    /// `RAG`, `Complete?`) wins over one that may hold notes (`Progress`, `Current position`).
    pub fn columns(&self, text: &str) -> Columns {
        let mut c = Columns::default();
        let mut status_rank = 0;
        for (k, &(a, b)) in self.header.iter().enumerate() {
            let h = text[a..b].to_ascii_lowercase();
            let h = h.trim_matches(|ch: char| !ch.is_alphanumeric());
            let rank = if h == "status"
                || h.starts_with("rag")
                || h.ends_with(" status")
                || h.starts_with("status ")
                || matches!(h, "complete" | "completed" | "done" | "closed")
                || h.ends_with("complete")
            {
                2
            } else if matches!(
                h,
                "progress" | "position" | "current position" | "progress update" | "update"
            ) {
                1
            } else {
                0
            };
            let action = h.starts_with("action")
                || h.contains("agreed action")
                || h.contains("actions")
                || h.starts_with("response")
                || h.contains("action taken")
                || matches!(h, "description" | "task" | "issue");
            let id = matches!(
                h,
                "no" | "ref" | "reference" | "number" | "rec no" | "item" | "id" | "minute"
            ) || h.starts_with("ref")
                || h == "recommendation no"
                || h == "rec";
            if rank > status_rank {
                if status_rank == 1 {
                    c.progress = c.status;
                }
                status_rank = rank;
                c.status = Some(k);
            } else if rank > 0 {
                if rank == 1 && c.progress.is_none() {
                    c.progress = Some(k);
                }
                continue;
            } else if c.id.is_none() && id {
                c.id = Some(k);
            } else if c.action.is_none() && action {
                c.action = Some(k);
            } else if c.recommendation.is_none() && h.contains("recommendation") {
                c.recommendation = Some(k);
            }
        }
        c
    }

    /// Whether the status column asks a yes-or-no question (`Complete?`, `Done`).
    pub fn status_is_yes_no(&self, text: &str, cols: &Columns) -> bool {
        cols.status.is_some_and(|k| {
            let (a, b) = self.header[k];
            let h = text[a..b].to_ascii_lowercase();
            let h = h.trim_matches(|ch: char| !ch.is_alphanumeric());
            matches!(h, "complete" | "completed" | "done" | "closed")
        })
    }
}

/// Finds every table of two or more rows, in document order.
pub fn find_tables(text: &str, segs: &[Segment]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        if let Some(t) = vertical(text, segs, i)
            .or_else(|| horizontal(text, segs, i))
            .or_else(|| super::column_table::read(text, segs, i))
        {
            i = t.next;
            out.push(t);
        } else {
            i += 1;
        }
    }
    out
}

/// Splits a one-line row into trimmed cells.
pub fn row_cells(text: &str, seg: &Segment) -> Vec<Cell> {
    let line = seg.text(text);
    let sep: &[char] = if line.contains('|') { &['|'] } else { &['\t'] };
    let mut out = Vec::new();
    let mut pos = 0;
    for piece in line.split(sep) {
        let lead = piece.len() - piece.trim_start().len();
        let t = piece.trim();
        out.push((seg.start + pos + lead, seg.start + pos + lead + t.len()));
        pos += piece.len() + 1;
    }
    if line.trim_end().ends_with('|') && out.last().is_some_and(|c| c.0 == c.1) {
        out.pop();
    }
    out
}

fn is_rule(text: &str, seg: &Segment) -> bool {
    seg.text(text)
        .chars()
        .all(|c| matches!(c, '-' | ':' | '|' | '+' | '=' | ' ' | '\t'))
}

fn horizontal(text: &str, segs: &[Segment], i: usize) -> Option<Table> {
    if !segs[i].table_row || is_rule(text, &segs[i]) {
        return None;
    }
    let header = row_cells(text, &segs[i]);
    if header.len() < 2 {
        return None;
    }
    let mut rows = Vec::new();
    let mut j = i + 1;
    while j < segs.len() && segs[j].table_row {
        if !is_rule(text, &segs[j]) {
            rows.push(row_cells(text, &segs[j]));
        }
        j += 1;
    }
    (!rows.is_empty()).then_some(Table {
        header,
        rows,
        first: i,
        next: j,
    })
}

/// A cell on a line of its own, closed by a bar: `Status |`.
fn vertical_cell(text: &str, seg: &Segment) -> Option<Cell> {
    let t = seg.text(text);
    let body = t.strip_suffix('|')?.trim_end();
    (!seg.inline && !body.contains('|')).then(|| (seg.start, seg.start + body.len()))
}

fn vertical(text: &str, segs: &[Segment], i: usize) -> Option<Table> {
    vertical_cell(text, &segs[i])?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut j = i;
    while j < segs.len() {
        let Some(cell) = vertical_cell(text, &segs[j]) else {
            break;
        };
        if rows.is_empty() || segs[j].blank_before {
            rows.push(Vec::new());
        }
        rows.last_mut().expect("a row").push(cell);
        j += 1;
    }
    let header = rows.first()?.clone();
    let body: Vec<Vec<Cell>> = rows
        .into_iter()
        .skip(1)
        .filter(|r| r.len() + 1 >= header.len())
        .collect();
    (header.len() >= 3 && !body.is_empty()).then_some(Table {
        header,
        rows: body,
        first: i,
        next: j,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::segment::segments;

    fn cell_texts<'a>(text: &'a str, row: &[Cell]) -> Vec<&'a str> {
        row.iter().map(|&(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn horizontal_table_with_rule() {
        let t = "Intro.\n\n| No. | Recommendation | Status |\n|---|---|---|\n| 1 | Celebrate | Complete |\n| 2 | Review | Open |\n\nAfter.";
        let tables = find_tables(t, &segments(t));
        assert_eq!(tables.len(), 1);
        assert_eq!(
            cell_texts(t, &tables[0].header),
            ["No.", "Recommendation", "Status"]
        );
        assert_eq!(cell_texts(t, &tables[0].rows[1]), ["2", "Review", "Open"]);
        let c = tables[0].columns(t);
        assert_eq!(
            (c.id, c.recommendation, c.status),
            (Some(0), Some(1), Some(2))
        );
    }

    #[test]
    fn a_progress_column_beside_a_status_column_is_kept_for_its_notes() {
        for (t, progress, status) in [
            (
                "Action | Progress update | RAG\nArrange a session | Being arranged | Amber\nWrite to the trust | Not started | Red\n",
                1,
                2,
            ),
            (
                "Action | RAG | Update\nArrange a session | Amber | Being arranged\nWrite to the trust | Red | Not started\n",
                2,
                1,
            ),
        ] {
            let tables = find_tables(t, &segments(t));
            let c = tables[0].columns(t);
            assert_eq!(
                (c.action, c.progress, c.status),
                (Some(0), Some(progress), Some(status)),
                "{t}"
            );
        }
        // A progress column alone is the status column.
        let t = "Action | Progress\nArrange a session | Being arranged\nWrite to the trust | Not started\n";
        let c = find_tables(t, &segments(t))[0].columns(t);
        assert_eq!((c.progress, c.status), (None, Some(1)));
    }

    #[test]
    fn vertical_table() {
        let t = "Reference |\nRecommendation |\nAction taken |\nStatus |\n|\nSR (25/26) 01 |\nThat the plan be adopted |\nPlan adopted in May |\nComplete |\n|\nSR (25/26) 02 |\nThat fees be reviewed |\nReview under way |\nOngoing |\n|\n\nKey";
        let tables = find_tables(t, &segments(t));
        assert_eq!(tables.len(), 1);
        assert_eq!(
            cell_texts(t, &tables[0].header),
            ["Reference", "Recommendation", "Action taken", "Status"]
        );
        assert_eq!(
            cell_texts(t, &tables[0].rows[1]),
            [
                "SR (25/26) 02",
                "That fees be reviewed",
                "Review under way",
                "Ongoing"
            ]
        );
        let c = tables[0].columns(t);
        assert_eq!(
            (c.id, c.recommendation, c.action, c.status),
            (Some(0), Some(1), Some(2), Some(3))
        );
    }
}
