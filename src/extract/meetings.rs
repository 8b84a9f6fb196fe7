//! The `Meeting: dd/mm/yyyy - Body (Item N)` headers of Modern.Gov "Issue - meetings" pages.
//! Each header opens a block that runs to the next header; recommendations are tied to the
//! block they are printed in.

use super::dates::first_date;
use super::segment::Segment;
use super::textutil::re_new;
use regex::Regex;
use std::sync::LazyLock;

/// A meeting block: its header's fields and byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingBlock {
    pub committee: Option<String>,
    pub date: Option<String>,
    pub item: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// A block of an Issue page: `Meeting: 18/09/2023 - Cabinet (Item 61)`. Not `Meeting: Cabinet`
/// (no date).
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?i)^meeting\s*:\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*[-–—]\s*(?P<body>.+?)\s*(?:\(\s*item\s+(?P<item>[\w.]+?)\.?\s*\))?\s*$",
    )
    .unwrap()
});

/// Finds every meeting header in order.
pub fn find(text: &str, segs: &[Segment]) -> Vec<MeetingBlock> {
    let mut out: Vec<MeetingBlock> = Vec::new();
    for s in segs {
        let line = s.text(text);
        if line.len() > 300 {
            continue;
        }
        if let Some(c) = HEADER.captures(line) {
            if let Some(prev) = out.last_mut() {
                prev.end = s.start;
            }
            out.push(MeetingBlock {
                committee: c.name("body").map(|m| m.as_str().trim().to_string()),
                date: c
                    .name("date")
                    .and_then(|m| first_date(m.as_str()))
                    .map(|d| d.iso),
                item: c.name("item").map(|m| m.as_str().to_string()),
                start: s.start,
                end: text.len(),
            });
        }
    }
    out
}

/// Index of the block containing byte offset `at`.
pub fn block_of(blocks: &[MeetingBlock], at: usize) -> Option<usize> {
    blocks.iter().position(|b| b.start <= at && at < b.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::segment::segments;

    #[test]
    fn headers_and_blocks() {
        let t = "Issue - meetings\n\nMeeting: 18/09/2023 - Cabinet (Item 61)\n\nText\n\nMeeting: 13/09/2023 - Overview and Scrutiny Management Board (Item 41)\n\nMore";
        let b = find(t, &segments(t));
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].committee.as_deref(), Some("Cabinet"));
        assert_eq!(b[0].date.as_deref(), Some("2023-09-18"));
        assert_eq!(b[0].item.as_deref(), Some("61"));
        assert_eq!(
            b[1].committee.as_deref(),
            Some("Overview and Scrutiny Management Board")
        );
        assert_eq!(block_of(&b, t.find("Text").unwrap()), Some(0));
        assert_eq!(block_of(&b, t.find("More").unwrap()), Some(1));
        assert_eq!(block_of(&b, 0), None);
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[(
            &*super::HEADER,
            "Meeting: 18/09/2023 - Cabinet (Item 61)",
            "Meeting: Cabinet",
        )];
        crate::extract::textutil::assert_documented_examples(cases);
    }
}
