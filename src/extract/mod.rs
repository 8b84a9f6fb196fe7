//! Text to recommendations, themes, actions, meetings and metadata — pure and infallible.
//!
//! Every item carries `span` (character offsets into the normalised text) and `quote` (the text
//! at that span), so any result can be checked against its source.

pub mod action_prose;
pub mod actions;
pub mod column_table;
pub mod dates;
pub mod label;
pub mod leadin;
pub mod list;
pub mod meetings;
pub mod meta;
pub mod procedural;
pub mod recommendations;
pub mod repeats;
pub mod segment;
pub mod status;
pub mod status_sections;
pub mod table;
pub mod textutil;
pub mod theme_names;
pub mod themes;
pub mod vocab;

use crate::extract::textutil::re_new;
use crate::model::{Action, Council, DocKind, Meeting, Meta, RecKind, Recommendation, Theme};
use list::ItemDraft;
use regex::Regex;
use std::sync::LazyLock;

/// What the extractors need besides the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Input<'a> {
    pub text: &'a str,
    /// Byte offsets where pages 2, 3, … start.
    pub page_starts: &'a [usize],
    /// A title from the markup (`<title>`), used when the text has none.
    pub title_hint: Option<&'a str>,
    /// The document is laid out in pages (a PDF): items on a one-page document are on page 1.
    pub paged: bool,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub meta: Meta,
    pub council: Option<Council>,
    pub meetings: Vec<Meeting>,
    pub recommendations: Vec<Recommendation>,
    pub themes: Vec<Theme>,
    pub actions: Vec<Action>,
}

/// `As set out on the front of the report.`, `See appendix A.` stand where recommendations would
/// be, but only point elsewhere. Not `That the report be noted.`
static POINTER: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:as\s+(?:set\s+out|detailed|outlined|shown|stated|listed)\s+(?:on|in|at|above|below)\b|see\s+(?:paragraph|section|page|above|below|the\s+front|appendix)\b)[^.]{0,80}\.?$").unwrap()
});

/// An agenda line's attached document, which ends with the file's size: `4 Children's Trust
/// Plan - workshop pdf icon PDF 3 MB`, `Enc. 1 for Budget Monitoring PDF 243 KB`. Not `That the
/// report on the PDF archive be noted.`
static ATTACHMENT: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:pdf|docx?|xlsx?|pptx?|rtf)\s+[0-9]+(?:\.[0-9]+)?\s*[KM]B\.?$").unwrap()
});

/// Whether words are an agenda line's attached document ([`ATTACHMENT`]).
fn is_attachment(words: &str) -> bool {
    // A file's size ends in `KB` or `MB`, in either case, perhaps with a full stop.
    let sized = words.trim_end_matches('.').ends_with(['B', 'b']);
    sized && ATTACHMENT.is_match(words)
}

/// A document about a peer team's work: `LGA Corporate Peer Challenge`, `the peer team`. Not
/// `peer support workers`.
static PEER: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\bpeer\s+(?:challenge|review|team)|\bpeers\b|\bLGA\b|Local Government Association")
        .unwrap()
});

/// Runs every extractor over normalised text.
pub fn extract(input: Input) -> Extraction {
    let text = input.text;
    let segs = segment::segments(text);
    let blocks = meetings::find(text, &segs);
    let found_meta = meta::find(text, &segs, &blocks, input.title_hint);
    let ctx = recommendations::DocContext {
        peer: PEER.is_match(text),
        decisions: matches!(
            found_meta.kind,
            DocKind::Issue
                | DocKind::Decision
                | DocKind::Minutes
                | DocKind::Agenda
                | DocKind::Other
        ),
    };
    let offsets = Offsets::new(text, input.page_starts, input.paged);

    let mut recs: Vec<Recommendation> = Vec::new();
    let mut repeats = repeats::Repeats::default();
    let tables = table::find_tables(text, &segs);
    let found_recs = recommendations::find(text, &segs, &tables, ctx);
    // A resolution is not also an action: the text recommendations came from is not read again.
    let rec_ranges: Vec<(usize, usize)> = found_recs
        .iter()
        .map(|f| (f.item.start, f.item.end))
        .collect();
    for f in found_recs {
        let r = to_recommendation(text, &offsets, &f.item, f.kind, f.lead_in.clone(), &blocks);
        if r.text.is_empty() || POINTER.is_match(&r.text) || is_attachment(&r.text) {
            continue;
        }
        if repeats.repeats(&r) {
            continue;
        }
        recs.push(r);
    }

    let themes = themes::find(text, &segs)
        .into_iter()
        .map(|t| {
            let span = offsets.span(t.start, t.end);
            Theme {
                text: t.text,
                canonical: t.canonical,
                framework: t.framework,
                span,
                page: offsets.page(t.start),
                quote: text[t.start..t.end].to_string(),
            }
        })
        .collect();

    let actions = actions::find(text, &segs, &tables, &rec_ranges)
        .into_iter()
        .filter(|a| !is_attachment(&a.text))
        .map(|a| Action {
            text: a.text,
            status: a.status,
            status_text: a.status_text,
            span: offsets.span(a.start, a.end),
            page: offsets.page(a.start),
            quote: text[a.start..a.end].to_string(),
        })
        .collect();

    Extraction {
        meta: Meta {
            title: found_meta.title,
            kind: found_meta.kind,
            committee: found_meta.committee,
            date: found_meta.date,
            item: found_meta.item,
        },
        council: found_meta.council.map(|c| Council {
            code: Some(c.code.clone()),
            name: c.short_name().to_string(),
        }),
        meetings: blocks
            .iter()
            .map(|b| Meeting {
                committee: b.committee.clone(),
                date: b.date.clone(),
                item: b.item.clone(),
                span: offsets.span(b.start, b.end),
            })
            .collect(),
        recommendations: recs,
        themes,
        actions,
    }
}

fn to_recommendation(
    text: &str,
    offsets: &Offsets,
    item: &ItemDraft,
    kind: RecKind,
    lead_in: Option<String>,
    blocks: &[meetings::MeetingBlock],
) -> Recommendation {
    let end = trim_end(text, item.start, item.end);
    let words = item.full_text(text);
    Recommendation {
        id: item.label.as_ref().map(|l| l.id.clone()),
        procedural: procedural::is_procedural(&words),
        text: words,
        kind,
        lead_in: lead_in.clone(),
        children: item
            .children()
            .map(|c| {
                let mut r = to_recommendation(text, offsets, c, kind, None, blocks);
                r.meeting = None;
                r
            })
            .collect(),
        span: offsets.span(item.start, end),
        page: offsets.page(item.start),
        quote: text[item.start..end].to_string(),
        meeting: meetings::block_of(blocks, item.start),
    }
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// Turns byte offsets into character offsets and page numbers.
pub struct Offsets<'a> {
    text: &'a str,
    /// Character count at every `STEP` bytes (rounded down to a character boundary).
    checkpoints: Vec<(usize, usize)>,
    page_starts: &'a [usize],
    paged: bool,
}

const STEP: usize = 4096;

impl<'a> Offsets<'a> {
    pub fn new(text: &'a str, page_starts: &'a [usize], paged: bool) -> Self {
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let (mut byte, mut chars) = (0usize, 0usize);
            checkpoints.push((0, 0));
            while byte + STEP < text.len() {
                let mut next = byte + STEP;
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                chars += text[byte..next].chars().count();
                byte = next;
                checkpoints.push((byte, chars));
            }
        }
        Offsets {
            text,
            checkpoints,
            page_starts,
            paged: paged || !page_starts.is_empty(),
        }
    }

    /// Character offset of byte offset `b`.
    pub fn char_at(&self, b: usize) -> usize {
        if self.checkpoints.is_empty() {
            return b;
        }
        let k = self.checkpoints.partition_point(|&(byte, _)| byte <= b) - 1;
        let (byte, chars) = self.checkpoints[k];
        chars + self.text[byte..b].chars().count()
    }

    pub fn span(&self, start: usize, end: usize) -> [usize; 2] {
        let s = self.char_at(start);
        [s, s + self.text[start..end].chars().count()]
    }

    /// 1-based page of byte offset `b`, for paged documents.
    pub fn page(&self, b: usize) -> Option<u32> {
        if !self.paged {
            return None;
        }
        Some(self.page_starts.partition_point(|&p| p <= b) as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_cross_checkpoints() {
        let text = "é".repeat(5000) + "RESOLVED";
        let o = Offsets::new(&text, &[], false);
        let b = text.find("RESOLVED").unwrap();
        assert_eq!(o.char_at(b), 5000);
        assert_eq!(o.span(b, b + 8), [5000, 5008]);
        assert_eq!(Offsets::new("abc", &[], false).span(1, 3), [1, 3]);
    }

    #[test]
    fn pages_from_starts() {
        let o = Offsets::new("one\n\ntwo\n\nthree", &[5, 10], false);
        assert_eq!(
            (o.page(0), o.page(5), o.page(12)),
            (Some(1), Some(2), Some(3))
        );
        assert_eq!(Offsets::new("x", &[], false).page(0), None);
        assert_eq!(Offsets::new("x", &[], true).page(0), Some(1));
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[
            (
                &*super::POINTER,
                "As set out on the front of the report.",
                "That the report be noted.",
            ),
            (
                &*super::PEER,
                "LGA Corporate Peer Challenge",
                "peer support workers",
            ),
            (
                &*super::ATTACHMENT,
                "4 Children's Trust Plan - workshop pdf icon PDF 3 MB",
                "That the report on the PDF archive be noted.",
            ),
        ];
        crate::extract::textutil::assert_documented_examples(cases);
    }
}
