//! Document metadata from the text: what kind of page it is, its title, the committee, the
//! meeting or decision date, the agenda item, and the council it names.

use super::dates::first_date;
use super::meetings::MeetingBlock;
use super::segment::Segment;
use super::textutil::{collapse, is_heading_like};
use crate::model::DocKind;
use crate::registry::{self, CouncilEntry};
use regex::Regex;
use std::sync::LazyLock;

/// Metadata found in a document.
#[derive(Debug, Clone, Default)]
pub struct FoundMeta {
    pub title: Option<String>,
    pub kind: DocKind,
    pub committee: Option<String>,
    pub date: Option<String>,
    pub item: Option<String>,
    pub council: Option<&'static CouncilEntry>,
}

/// How many leading segments are searched for header fields.
const HEAD: usize = 40;

static ISSUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^issue\s*[-–]\s*(?:meetings|decisions|history)\b|^issue\s+details\b").unwrap()
});
static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:decision\s+details|decision\s+maker\s*:|date\s+of\s+decision\s*:|decision\s+notice|record\s+of\s+(?:executive\s+|officer\s+)?decision|officer\s+decision|decision\s+status\s*:)").unwrap()
});
static MINUTES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:minutes\s+of\b|minutes\s*$|(?:draft\s+|confirmed\s+)?minutes\s+of\s+(?:a|the)\b|present\s*:|apologies\s+for\s+absence|members\s+present)").unwrap()
});
static REPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:report\s+(?:of|to|from|by)\b|report\s+author|purpose\s+of\s+(?:the\s+)?report|summary\s+of\s+proposals|executive\s+summary|part\s+a\s*[-–]|report\s+title\s*:|title\s+of\s+report|lead\s+officer|wards?\s+affected)").unwrap()
});
static AGENDA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:agenda\s+item\b|agenda\s*$|agenda\s+for\b|agenda\s+and\s+minutes)")
        .unwrap()
});

static FIELD_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:report\s+title|title\s+of\s+report|title|subject|report\s+subject)\s*:\s*(?P<v>.+)$").unwrap()
});
static FIELD_COMMITTEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:decision\s+maker|committee|meeting|report\s+to|decided\s+at\s+meeting|body)\s*:\s*(?:\d{1,2}/\d{1,2}/\d{4}\s*[-–]\s*)?(?P<v>.+)$").unwrap()
});
static FIELD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:date\s+of\s+decision|date\s+of\s+meeting|meeting\s+date|decision\s+date|date)\s*:\s*(?P<v>.+)$").unwrap()
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:agenda\s+)?item\s*(?:no\.?|number)?\s*:?\s*(?P<v>\d{1,3}[a-z]?(?:\.\d{1,2})?)\b",
    )
    .unwrap()
});
static COMMITTEE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:committee|cabinet|council|board|panel|executive|sub-committee|forum|commission|assembly|scrutiny)\b").unwrap()
});
static MINUTES_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)minutes\s+of\s+(?:a\s+|the\s+)?(?:meeting\s+of\s+(?:the\s+)?)?(?P<c>.+?)\s+(?:held|on)\b").unwrap()
});

/// Reads metadata from the segments near the top, the meeting blocks and the page title.
pub fn find(
    text: &str,
    segs: &[Segment],
    meetings: &[MeetingBlock],
    title_hint: Option<&str>,
) -> FoundMeta {
    let head: Vec<&str> = segs
        .iter()
        .take(HEAD)
        .map(|s| s.text(text).trim())
        .collect();
    let mut m = FoundMeta {
        kind: kind_of(&head),
        ..Default::default()
    };
    if let Some(first) = meetings.first() {
        m.committee = first.committee.clone();
        m.date = first.date.clone();
        m.item = first.item.clone();
    }
    m.title = title(&head, m.kind)
        .or_else(|| title_hint.map(clean_hint))
        .filter(|t| !t.is_empty());
    for line in &head {
        if m.committee.is_none()
            && let Some(c) = FIELD_COMMITTEE.captures(line)
        {
            m.committee = Some(tidy_name(&c["v"]));
        }
        if m.date.is_none()
            && let Some(c) = FIELD_DATE.captures(line)
        {
            m.date = first_date(&c["v"]).map(|d| d.iso);
        }
        if m.item.is_none()
            && let Some(c) = ITEM.captures(line)
        {
            m.item = Some(c["v"].to_string());
        }
    }
    if m.committee.is_none() || m.date.is_none() {
        for line in &head {
            if line.len() > 200 {
                continue;
            }
            if let Some(c) = MINUTES_OF.captures(line) {
                if m.committee.is_none() {
                    m.committee = Some(tidy_name(&c["c"]));
                }
                if m.date.is_none() {
                    m.date = first_date(line).map(|d| d.iso);
                }
                continue;
            }
            let Some(d) = first_date(line) else { continue };
            let before = line[..d.start]
                .trim_end_matches(|c: char| c.is_whitespace() || "-–—,:".contains(c));
            let before = strip_weekday(before);
            if m.committee.is_none()
                && COMMITTEE_WORD.is_match(before)
                && before.len() < 100
                && !before.contains(':')
            {
                m.committee = Some(tidy_name(before));
                if m.date.is_none() {
                    m.date = Some(d.iso.clone());
                }
            }
        }
    }
    if m.date.is_none() {
        m.date = head.iter().find_map(|l| first_date(l)).map(|d| d.iso);
    }
    m.council =
        registry::find_in_text(text).or_else(|| title_hint.and_then(registry::find_in_text));
    m
}

fn kind_of(head: &[&str]) -> DocKind {
    let has = |re: &Regex| head.iter().any(|l| re.is_match(l));
    if has(&ISSUE) {
        DocKind::Issue
    } else if has(&DECISION) {
        DocKind::Decision
    } else if has(&MINUTES) {
        DocKind::Minutes
    } else if has(&REPORT) {
        DocKind::Report
    } else if has(&AGENDA) {
        DocKind::Agenda
    } else {
        DocKind::Other
    }
}

fn title(head: &[&str], kind: DocKind) -> Option<String> {
    for line in head {
        if let Some(c) = FIELD_TITLE.captures(line) {
            return Some(tidy_title(&c["v"]));
        }
    }
    // Modern.Gov pages: the title follows the page heading.
    for (i, line) in head.iter().enumerate() {
        let page_heading = ISSUE.is_match(line)
            || line.eq_ignore_ascii_case("decision details")
            || line.eq_ignore_ascii_case("agenda item");
        if page_heading
            && let Some(next) = head.get(i + 1)
            && !next.is_empty()
            && !next.to_ascii_lowercase().starts_with("meeting:")
        {
            return Some(tidy_title(next));
        }
    }
    if kind == DocKind::Issue {
        return None;
    }
    // Reports: the first run of heading lines that is not the council, the meeting or the author.
    let mut run: Vec<&str> = Vec::new();
    for line in head.iter().take(20) {
        let skip = line.is_empty()
            || registry::find_in_text(line).is_some()
                && line.to_ascii_lowercase().contains("council")
                && line.split_whitespace().count() <= 5
            || first_date(line).is_some()
            || REPORT.is_match(line)
            || AGENDA.is_match(line)
            || line.to_ascii_lowercase().starts_with("lead ")
            || line.len() < 4;
        if skip {
            if !run.is_empty() {
                break;
            }
            continue;
        }
        if is_heading_like(line) {
            run.push(line);
            if run.len() >= 3 {
                break;
            }
        } else if !run.is_empty() {
            break;
        }
    }
    (!run.is_empty()).then(|| tidy_title(&run.join(" ")))
}

fn clean_hint(hint: &str) -> String {
    let t = hint.split(" | ").next().unwrap_or(hint);
    let t = t
        .trim_start_matches("Issue - meetings - ")
        .trim_start_matches("Decision - ");
    tidy_title(t)
}

fn strip_weekday(s: &str) -> &str {
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = s.to_ascii_lowercase();
    for d in days {
        if lower.ends_with(d) {
            return s[..s.len() - d.len()]
                .trim_end_matches(|c: char| c.is_whitespace() || "-–—,".contains(c));
        }
    }
    s
}

/// Committee names: whitespace collapsed, capitals turned to title case.
fn tidy_name(s: &str) -> String {
    let s = collapse(s.trim_matches(|c: char| c.is_whitespace() || "-–—,:;".contains(c)));
    if s.chars().any(|c| c.is_lowercase()) {
        s
    } else {
        title_case(&s)
    }
}

/// Titles: markdown and whitespace removed, capitals turned to title case.
fn tidy_title(s: &str) -> String {
    let s = collapse(&s.replace("**", ""));
    let s = s.trim_matches(|c: char| c == '*' || c == '#' || c.is_whitespace());
    if s.chars().any(|c| c.is_lowercase()) {
        s.to_string()
    } else {
        title_case(s)
    }
}

/// `LOCAL GOVERNMENT ASSOCIATION REPORT` → `Local Government Association Report`, keeping
/// short joining words lower-case and known acronyms in capitals.
pub fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "and", "of", "the", "for", "to", "in", "on", "a", "an", "with", "by", "at", "or",
    ];
    const ACRONYMS: &[&str] = &[
        "LGA", "CPC", "UK", "NHS", "SEND", "HRA", "MTFS", "ICT", "CIL", "PCC", "ASB", "EQIA", "HR",
    ];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if ACRONYMS.contains(&w) {
                return w.to_string();
            }
            let lower = w.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::meetings;
    use crate::extract::segment::segments;

    fn meta(t: &str) -> FoundMeta {
        let segs = segments(t);
        let m = meetings::find(t, &segs);
        find(t, &segs, &m, None)
    }

    #[test]
    fn report_header() {
        let t = "SOUTH STAFFORDSHIRE COUNCIL\n\nOVERVIEW AND SCRUTINY COMMITTEE – 14 NOVEMBER 2023\n\nLOCAL GOVERNMENT ASSOCIATION CORPORATE PEER CHALLENGE REVIEW UPDATE\nREPORT\n\nREPORT OF CORPORATE DIRECTOR\n\nPART A – SUMMARY REPORT";
        let m = meta(t);
        assert_eq!(m.kind, DocKind::Report);
        assert_eq!(
            m.committee.as_deref(),
            Some("Overview and Scrutiny Committee")
        );
        assert_eq!(m.date.as_deref(), Some("2023-11-14"));
        assert_eq!(
            m.title.as_deref(),
            Some("Local Government Association Corporate Peer Challenge Review Update Report")
        );
        assert_eq!(
            m.council.map(|c| c.common_name.as_str()),
            Some("South Staffordshire")
        );
        assert_eq!(m.item, None);
    }

    #[test]
    fn issue_page() {
        let t = "Issue - meetings\n\nLGA Corporate Peer Challenge Report and Action Plan\n\nMeeting: 18/09/2023 - Cabinet (Item 61)\n\nback to Rotherham and Rotherham’s assets";
        let m = meta(t);
        assert_eq!(m.kind, DocKind::Issue);
        assert_eq!(
            m.title.as_deref(),
            Some("LGA Corporate Peer Challenge Report and Action Plan")
        );
        assert_eq!(
            (m.committee.as_deref(), m.date.as_deref(), m.item.as_deref()),
            (Some("Cabinet"), Some("2023-09-18"), Some("61"))
        );
    }

    #[test]
    fn decision_page_fields() {
        let t = "Decision details\n\nAppointment of contractor\n\nDecision Maker: Service Director - Homes & Neighbourhoods\n\nDate of decision: 27/07/2021";
        let m = meta(t);
        assert_eq!(m.kind, DocKind::Decision);
        assert_eq!(m.title.as_deref(), Some("Appointment of contractor"));
        assert_eq!(
            m.committee.as_deref(),
            Some("Service Director - Homes & Neighbourhoods")
        );
        assert_eq!(m.date.as_deref(), Some("2021-07-27"));
    }

    #[test]
    fn minutes_heading() {
        let t = "Minutes of the meeting of the Cabinet held on Monday, 4 March 2024\n\nPresent: Councillor A";
        let m = meta(t);
        assert_eq!(m.kind, DocKind::Minutes);
        assert_eq!(m.committee.as_deref(), Some("Cabinet"));
        assert_eq!(m.date.as_deref(), Some("2024-03-04"));
    }
}
