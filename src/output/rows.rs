//! Records as flat rows for the tabular outputs (CSV and SQLite): one row per document,
//! recommendation (sub-items too, with their parent's position), theme and action, each item
//! carrying its document's key.

use crate::model::{Recommendation, Record, document_key};

/// A typed cell, so that SQLite stores numbers as numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    /// `true`/`false` in CSV, 1/0 in SQLite.
    Bool(bool),
    Text(String),
}

impl Cell {
    /// The cell as CSV text (empty for null).
    pub fn to_text(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Int(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Text(s) => s.clone(),
        }
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn opt(s: Option<&str>) -> Cell {
    s.map_or(Cell::Null, text)
}

fn int<T: TryInto<i64>>(n: T) -> Cell {
    n.try_into().map_or(Cell::Null, Cell::Int)
}

fn opt_int<T: TryInto<i64>>(n: Option<T>) -> Cell {
    n.map_or(Cell::Null, int)
}

/// A serde enum's JSON name (`"in_progress"`).
fn name<T: serde::Serialize>(v: &T) -> Cell {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(text))
        .unwrap_or(Cell::Null)
}

pub const DOCUMENT_COLUMNS: &[&str] = &[
    "doc_key",
    "sha256",
    "path",
    "url",
    "media_type",
    "fetched_at",
    "pages",
    "bytes",
    "encoding",
    "council_code",
    "council_name",
    "title",
    "kind",
    "committee",
    "date",
    "item",
    "recommendations",
    "themes",
    "actions",
    "warnings",
    "error_kind",
    "error_message",
    "schema_version",
];

pub fn document_row(r: &Record) -> Vec<Cell> {
    let s = &r.source;
    vec![
        text(&document_key(r)),
        opt(s.sha256.as_deref()),
        opt(s.path.as_deref()),
        opt(s.url.as_deref()),
        opt(s.media_type.as_deref()),
        opt(s.fetched_at.as_deref()),
        opt_int(s.pages),
        opt_int(s.bytes),
        opt(s.encoding.as_deref()),
        opt(r.council.as_ref().and_then(|c| c.code.as_deref())),
        opt(r.council.as_ref().map(|c| c.name.as_str())),
        opt(r.meta.title.as_deref()),
        name(&r.meta.kind),
        opt(r.meta.committee.as_deref()),
        opt(r.meta.date.as_deref()),
        opt(r.meta.item.as_deref()),
        int(r.recommendations.len()),
        int(r.themes.len()),
        int(r.actions.len()),
        if r.warnings.is_empty() {
            Cell::Null
        } else {
            text(&r.warnings.join("\n"))
        },
        opt(r.error.as_ref().map(|e| e.kind.as_str())),
        opt(r.error.as_ref().map(|e| e.message.as_str())),
        int(r.schema_version),
    ]
}

/// The council (code, else name) and date (ISO `YYYY-MM-DD`) every item row carries, so that
/// an item table can be faceted and filtered without a join.
fn facets(r: &Record, meeting_date: Option<&str>) -> [Cell; 3] {
    [
        opt(r.council.as_ref().and_then(|c| c.code.as_deref())),
        opt(r.council.as_ref().map(|c| c.name.as_str())),
        opt(meeting_date.or(r.meta.date.as_deref())),
    ]
}

pub const RECOMMENDATION_COLUMNS: &[&str] = &[
    "position",
    "parent",
    "council_code",
    "council_name",
    "date",
    "id",
    "kind",
    "procedural",
    "text",
    "lead_in",
    "meeting_committee",
    "meeting_date",
    "span_start",
    "span_end",
    "page",
    "quote",
];

/// One row per recommendation and sub-item, in reading order; `position` counts from 1 and
/// `parent` is the position of the item a sub-item belongs to.
pub fn recommendation_rows(r: &Record) -> Vec<Vec<Cell>> {
    fn walk(r: &Record, rec: &Recommendation, parent: Option<usize>, out: &mut Vec<Vec<Cell>>) {
        let position = out.len() + 1;
        let meeting = rec.meeting.and_then(|m| r.meetings.get(m));
        let [code, council, date] = facets(r, meeting.and_then(|m| m.date.as_deref()));
        out.push(vec![
            int(position),
            opt_int(parent),
            code,
            council,
            date,
            opt(rec.id.as_deref()),
            name(&rec.kind),
            Cell::Bool(rec.procedural),
            text(&rec.text),
            opt(rec.lead_in.as_deref()),
            opt(meeting.and_then(|m| m.committee.as_deref())),
            opt(meeting.and_then(|m| m.date.as_deref())),
            int(rec.span[0]),
            int(rec.span[1]),
            opt_int(rec.page),
            text(&rec.quote),
        ]);
        for c in &rec.children {
            walk(r, c, Some(position), out);
        }
    }
    let mut out = Vec::new();
    for rec in &r.recommendations {
        walk(r, rec, None, &mut out);
    }
    out
}

pub const THEME_COLUMNS: &[&str] = &[
    "position",
    "council_code",
    "council_name",
    "date",
    "text",
    "canonical",
    "framework",
    "span_start",
    "span_end",
    "page",
    "quote",
];

pub fn theme_rows(r: &Record) -> Vec<Vec<Cell>> {
    r.themes
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let [code, council, date] = facets(r, None);
            vec![
                int(i + 1),
                code,
                council,
                date,
                text(&t.text),
                t.canonical.map_or(Cell::Null, |c| text(c.id())),
                t.framework.map_or(Cell::Null, |f| text(f.id())),
                int(t.span[0]),
                int(t.span[1]),
                opt_int(t.page),
                text(&t.quote),
            ]
        })
        .collect()
}

pub const ACTION_COLUMNS: &[&str] = &[
    "position",
    "council_code",
    "council_name",
    "date",
    "text",
    "status",
    "status_text",
    "span_start",
    "span_end",
    "page",
    "quote",
];

pub fn action_rows(r: &Record) -> Vec<Vec<Cell>> {
    r.actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let [code, council, date] = facets(r, None);
            vec![
                int(i + 1),
                code,
                council,
                date,
                text(&a.text),
                name(&a.status),
                opt(a.status_text.as_deref()),
                int(a.span[0]),
                int(a.span[1]),
                opt_int(a.page),
                text(&a.quote),
            ]
        })
        .collect()
}
