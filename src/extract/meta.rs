//! Document metadata from the text: what kind of page it is, its title, the committee, the
//! meeting or decision date, the agenda item, and the council it names.
//!
//! Only the head of the document is read (its first lines, split into cells where a header
//! lays fields out in columns). Labelled fields (`Decision Maker:`, `Date of decision:`,
//! `Report title:`) win over headings, headings over loose lines.

use super::dates::{FoundDate, first_date};
use super::meetings::MeetingBlock;
use super::segment::Segment;
use super::textutil::{collapse, is_heading_like, re_new};
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

/// How many leading segments are read.
const HEAD: usize = 30;

/// One line of the head: its text, its cells, and whether it is a numbered item.
struct HeadLine {
    text: String,
    cells: Vec<String>,
    labelled: bool,
    table_row: bool,
    /// Whether an empty line separates it from the line before.
    blank_before: bool,
}

/// The gap between the cells of a header line: a run of three blanks, a tab, a middle dot or a
/// bar, as in `Cabinet   18 September 2023` or `Cabinet | Item 5`. Not the comma and single space
/// of `Cabinet, 18 September 2023`.
static CELL_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"\s{3,}|\t+|\s+·\s+|\s+\|\s+").unwrap());

fn head_lines(text: &str, segs: &[Segment]) -> Vec<HeadLine> {
    let mut out: Vec<HeadLine> = Vec::new();
    for s in segs.iter().take(HEAD) {
        if s.inline {
            continue;
        }
        let raw = s
            .text(text)
            .trim()
            .trim_matches(|c: char| c == '*' || c == '#' || c == '_')
            .trim();
        let cells = CELL_SPLIT
            .split(raw)
            .map(|c| c.trim().trim_matches('*').trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        out.push(HeadLine {
            text: collapse(raw),
            cells,
            labelled: s.label.is_some(),
            table_row: s.table_row && raw.contains('|'),
            blank_before: s.blank_before,
        });
    }
    out
}

/// The heading of an Issue page: `Issue - meetings`, `Issue details`. Not `Issues and options`.
static ISSUE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^issue\s*[-–]\s*(?:meetings|decisions|history)\b|^issue\s+details\b").unwrap()
});
/// The heading or field of a decision record: `Decision details`, `Decision Maker: Cabinet`,
/// `Record of Executive Decision`, `Cabinet Decision Notice`. Not `The decision was deferred.`
static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:decision\s+details|decision\s+maker\s*:|date\s+of\s+decision\s*:|record\s+of\s+(?:executive\s+|officer\s+|individual\s+)?decision|officer\s+decision|decision\s+status\s*:)|decision\s+(?:notice|sheet)\b").unwrap()
});
/// The heading of minutes: `Minutes of the Cabinet`, `Draft Minutes`, `Present:`,
/// `Cabinet – Minutes`. Not `The minutes were approved.`
static MINUTES: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:(?:draft\s+|confirmed\s+|unconfirmed\s+)?minutes\b(?:\s+of\b|\s*[-–—:]|\s*$)|notes\s+of\s+(?:the\s+|a\s+)?(?:meeting|\w+)|present\s*:|apologies\s+for\s+absence|members\s+present)|[-–—]\s*(?:minutes|notes\s+of\s+(?:the\s+)?meeting)\s*$").unwrap()
});
/// The heading or byline of a report: `Report of the Director of Finance`, `Purpose of the
/// Report`, `Executive Summary`. Not `Cabinet agenda`.
static REPORT: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:report\s+(?:of|to|from|by)\b|report\s*:|report\s+author|purpose\s+of\s+(?:the\s+)?report|summary\s+of\s+proposals|executive\s+summary|part\s+a\s*[-–]|report\s+title|title\s+of\s+report|lead\s+officer|wards?\s+affected)").unwrap()
});

/// A report's title: a line ending within 60 characters of `report` (`Corporate Peer Challenge
/// Progress Report`, `Annual Report 2024/25`). Not `Cabinet agenda`. Read only on a line that
/// is not a sentence of minutes (`… debate the report. In summary, the following were raised:`).
static REPORT_TITLE: LazyLock<Regex> = LazyLock::new(|| re_new(r"(?i)\breport\b.{0,60}$").unwrap());
/// The heading of an agenda or summons: `Agenda item 5`, `Notice of Meeting`, `Cabinet Agenda`.
/// Not `Agenda and minutes` (a meeting's page, see `AGENDA_AND_MINUTES`).
static AGENDA: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:agenda\s+item\b|agenda\s*$|agenda\s+for\b|notice\s+of\s+meeting|(?:council\s+)?summons\b|you\s+are\s+(?:hereby\s+)?summoned)|\bagenda\s*$").unwrap()
});
/// A Modern.Gov meeting page: `Agenda and minutes`, `Agenda, decisions and minutes`. Not
/// `Agenda item 5`.
static AGENDA_AND_MINUTES: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)^agenda(?:,\s*decisions)?\s+and\s+minutes\b").unwrap());
/// A resolution in the document: `RESOLVED`, `Resolved`. Not the narrative `the issue was
/// resolved` (lower case).
static RESOLVED: LazyLock<Regex> = LazyLock::new(|| re_new(r"\bRESOLVED\b|\bResolved\b").unwrap());

/// A labelled field of the head: `Decision Maker: Cabinet`, `Is this a key decision? Yes`. Not
/// `The Committee noted the report.`
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^(?P<label>[A-Za-z][A-Za-z .?/()&]{1,40}?)\s*(?::|\?)\s*(?P<value>\S.*)$").unwrap()
});
/// A word that makes a short line a meeting body: `Planning Committee`, `Health and Wellbeing
/// Board`, `Overview and Scrutiny`. Not `Director of Finance`.
///
/// The bodies of `vocab::BODIES` but `mayor`: a short line naming the Mayor (`Election of
/// Mayor`) is an item of business, never the meeting's body. Never `Election of Mayor`. With
/// other words for the bodies that meet (`assembly`, `working group`, `partnership`).
static COMMITTEE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let bodies: Vec<&str> = super::vocab::BODIES
        .iter()
        .copied()
        .filter(|b| *b != "mayor")
        .collect();
    re_new(&format!(
        r"(?i)\b(?:{bodies}|assembly|scrutiny|working\s+group|partnership)\b",
        bodies = super::vocab::alternation(&bodies)
    ))
    .unwrap()
});
/// The body in a minutes heading: `Minutes of the meeting of the Planning Committee held on 5
/// March 2024` gives `Planning Committee`. Not `Minutes – Cabinet` (see `MINUTES_DASH`).
static MINUTES_OF: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:draft\s+|confirmed\s+|unconfirmed\s+)?(?:minutes|notes|record)\s+of\s+(?:a\s+|the\s+)?(?:(?:special\s+|extraordinary\s+|annual\s+)?meeting\s+of\s+(?:the\s+)?)?(?P<c>.+?)(?:\s+(?:held|on|meeting)\b.*)?$").unwrap()
});
/// The body after a dash or colon: `Minutes - Cabinet`, `Notes: Audit Panel`. Not `Minutes of
/// the Cabinet`.
static MINUTES_DASH: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)^(?:minutes|notes)\s*[-–—:]\s*(?P<c>.+)$").unwrap());
/// A body named before the kind of document: `Cabinet - Decision Notice`, `Audit Committee
/// minutes`. Not `Minutes of the Cabinet`.
static NAME_THEN_KIND: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?P<c>.+?)\s*[-–—,]?\s+(?:decision\s+(?:notice|sheet|record)|minutes|notes\s+of\s+(?:the\s+)?meeting|agenda)\s*$").unwrap()
});
/// A body named before `meeting held`: `Cabinet meeting held on 18 September 2023`. Not `Meeting
/// held on 18 September 2023` (no body).
static MEETING_HELD: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)^(?P<c>.+?)\s+meeting\s+(?:held|on)\b").unwrap());
/// A summons naming its body: `a meeting of the Licensing Committee to be held on`. Not `the
/// next meeting of the Cabinet will be held`.
static MEETING_OF_THE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?i)\ba\s+meeting\s+of\s+(?:the\s+)?(?P<c>[\w &’'\-]+?)\s+(?:to\s+be\s+held|held|on)\b",
    )
    .unwrap()
});
/// An agenda item's number and title: `Item 5: Revenue Budget 2024/25`, `Agenda item 7 - Annual
/// Report`. Not `Item 5` alone (no title).
static ITEM_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:agenda\s+)?item\s+(?P<n>\d{1,3}[a-z]?)\s*[:.\-–]\s*(?P<t>.{4,})$").unwrap()
});
/// An item number in brackets after a meeting: `(Item 61)`, `( Item 6.2. )`. Not `Item 61`
/// without brackets.
static ITEM_IN_PARENS: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)\(\s*item\s+(?P<n>[\w.]+?)\.?\s*\)").unwrap());
/// Words that put a date on another meeting or a deadline: `since the previous meeting`, `next
/// meeting`, `between`. Not `Date of meeting: 18 September 2023`.
static PREVIOUS: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:previous|last)\s+meeting|\bnext\s+meet|\bon-site|\bdeadline|\bbetween\b")
        .unwrap()
});
/// The byline or a field of a report's head, never its title: `Report of the Chief Executive`,
/// `Portfolio: Housing`, `Contact officer`. Not `Revenue Budget 2024/25`.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:report\s+(?:of|to|from|by)\b|report\s*:|report\s+author|lead\s+(?:officer|member|cabinet\s+member)|cabinet\s+member|portfolio|author|contact|present|apologies|venue|time|membership|wards?\b|key\s+decision|part\s+[ab]\b|purpose\b|summary\b|executive\s+summary|exempt|classification|status)").unwrap()
});
/// A councillor named: `Councillor Smith`, `Cllr Patel`. Not `Council`.
static PERSON: LazyLock<Regex> = LazyLock::new(|| re_new(r"\b(?:Councillors?|Cllr)\b").unwrap());

/// Reads metadata from the head of the document, the meeting blocks and the page title.
pub fn find(
    text: &str,
    segs: &[Segment],
    meetings: &[MeetingBlock],
    title_hint: Option<&str>,
) -> FoundMeta {
    let head = head_lines(text, segs);
    let fields = fields(&head);
    let mut m = FoundMeta {
        kind: kind_of(&head, text),
        ..Default::default()
    };
    if let Some(first) = meetings.first() {
        m.committee = first.committee.clone();
        m.date = first.date.clone();
        m.item = first.item.clone();
    }
    if m.committee.is_none() {
        m.committee = committee(&head, &fields);
    }
    if m.item.is_none() {
        m.item = item(&head, &fields);
    }
    if m.date.is_none() {
        m.date = date(&head, &fields);
    }
    m.title = title(&head, &fields, m.kind)
        .or_else(|| title_hint.map(clean_hint))
        .filter(|t| !t.is_empty());
    m.council =
        registry::find_in_text(text).or_else(|| title_hint.and_then(registry::find_in_text));
    m
}

/// `Label: value` lines and two-cell rows (`REPORT TITLE   Housing Plan`), label lower-cased.
fn fields(head: &[HeadLine]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for h in head {
        if h.labelled {
            continue;
        }
        if let Some(c) = FIELD.captures(&h.text) {
            out.push((
                c["label"].trim().to_ascii_lowercase(),
                c["value"].trim().to_string(),
            ));
        } else if h.cells.len() == 2 && h.cells[0].len() < 40 {
            let label = h.cells[0].trim_end_matches([':', '?']).to_ascii_lowercase();
            out.push((label, h.cells[1].clone()));
        }
    }
    out
}

fn field<'a>(fields: &'a [(String, String)], names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|n| fields.iter().find(|(l, _)| l == n).map(|(_, v)| v.as_str()))
}

fn kind_of(head: &[HeadLine], text: &str) -> DocKind {
    if head.iter().any(|h| AGENDA_AND_MINUTES.is_match(&h.text)) {
        return if RESOLVED.is_match(text) {
            DocKind::Minutes
        } else {
            DocKind::Agenda
        };
    }
    if head.iter().any(|h| ISSUE.is_match(&h.text)) {
        return DocKind::Issue;
    }
    // The first line that says what the page is decides.
    for h in head.iter().filter(|h| !h.labelled) {
        let t = &h.text;
        if DECISION.is_match(t) {
            return DocKind::Decision;
        }
        if MINUTES.is_match(t) {
            return DocKind::Minutes;
        }
        if AGENDA.is_match(t) {
            return DocKind::Agenda;
        }
        let says_report = t
            .as_bytes()
            .windows(6)
            .any(|w| w.eq_ignore_ascii_case(b"report"));
        if REPORT.is_match(t) {
            return DocKind::Report;
        }
        if says_report && REPORT_TITLE.is_match(t) && !is_sentence(t) {
            // A minute's heading names the report it took (`Appointments to Panel - Report of
            // the Corporate Director`); the minutes' own words then follow it.
            return if reports_meeting(text) {
                DocKind::Minutes
            } else {
                DocKind::Report
            };
        }
    }
    DocKind::Other
}

/// A sentence of minutes about the report an item took, or the motion put: `The Council
/// considered a report of the Corporate Director`, `The Committee received the confidential
/// report of the Town Clerk`, `Moved by Councillor Henig, Seconded by Councillor Napier`. Not
/// `Cabinet will consider the report in March.`
static REPORTS_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?m)^(?:The\s+)?(?:[A-Z][\w’'&\-]*\s+){1,4}(?:considered|received|noted)\s+(?:a|the)\s+(?:[\w\-]+\s+){0,2}report\b|^Moved\s+by\s+Councillor\b").unwrap()
});

/// Whether the start of the text reports a meeting's business ([`REPORTS_MEETING`]): read
/// only near the top, where a minute's item opens, not in a report's background.
fn reports_meeting(text: &str) -> bool {
    let mut end = text.len().min(1200);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    REPORTS_MEETING.is_match(&text[..end])
}

/// Whether a line is prose rather than a title: it holds a sentence's end before more words,
/// or ends as a lead-in does (`… the following matters were raised:`).
fn is_sentence(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with(':') || super::textutil::first_sentence(t).len() < t.len()
}

/// A committee name as it should be reported: no date, time or item after it, no `Full`.
fn clean_committee(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    if let Some(d) = first_date(s) {
        s = &s[..d.start];
    }
    if let Some(m) = ITEM_IN_PARENS.find(s) {
        s = &s[..m.start()];
    }
    let s = s.split([',', '(']).next().unwrap_or(s);
    let s = strip_weekday(s.trim_end_matches(|c: char| c.is_whitespace() || "-–—:".contains(c)));
    let s = s
        .trim()
        .trim_start_matches("the ")
        .trim_start_matches("The ");
    let s = s
        .strip_prefix("Full ")
        .or_else(|| s.strip_prefix("FULL "))
        .unwrap_or(s);
    let s = s.trim_end_matches(" meeting").trim();
    let words = s.split_whitespace().count();
    if words == 0 || words > 10 || !COMMITTEE_WORD.is_match(s) || s.ends_with('.') {
        return None;
    }
    Some(tidy_name(s))
}

/// Whether a line only names the council (`Cotswold District Council`).
fn is_council_line(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let words = s.split_whitespace().count();
    (lower.ends_with("council")
        || lower.starts_with("london borough of")
        || lower.starts_with("royal borough of"))
        && (2..=7).contains(&words)
        && registry::find_in_text(s).is_some()
}

fn committee(head: &[HeadLine], fields: &[(String, String)]) -> Option<String> {
    if let Some(v) = field(
        fields,
        &["decision maker", "decision taker", "decision made by"],
    ) {
        let v = clean_field_value(v);
        if !v.is_empty() && v.split_whitespace().count() <= 12 {
            return Some(tidy_name(&v));
        }
    }
    let named = field(
        fields,
        &[
            "committee",
            "meeting",
            "report to",
            "report",
            "decided at meeting",
            "body",
            "to",
        ],
    );
    if let Some(c) = named.and_then(|v| {
        let v = v
            .split_once(" - ")
            .filter(|(d, _)| first_date(d).is_some())
            .map_or(v, |(_, rest)| rest);
        clean_committee(v)
    }) {
        return Some(c);
    }
    for h in head.iter().filter(|h| !h.labelled) {
        let t = h.text.as_str();
        for re in [
            &*MINUTES_OF,
            &*MINUTES_DASH,
            &*NAME_THEN_KIND,
            &*MEETING_HELD,
        ] {
            if let Some(c) = re.captures(t).and_then(|c| clean_committee(&c["c"])) {
                return Some(c);
            }
        }
        if let Some(c) = MEETING_OF_THE
            .captures(t)
            .and_then(|c| clean_committee(&c["c"]))
        {
            return Some(c);
        }
    }
    // A line (or a cell of a header row) that is just a committee's name, perhaps with a date.
    for h in head.iter().filter(|h| !h.labelled) {
        for cell in &h.cells {
            if is_council_line(cell) || FIELD.is_match(cell) {
                continue;
            }
            let short = cell.split_whitespace().count() <= 12;
            // `Board Manager` (an owner's cell in a tracker) is not a body: the cell must end
            // like one, or carry a date.
            if short
                && ((is_heading_like(cell) && is_committee_name(cell))
                    || first_date(cell).is_some())
                && let Some(c) = clean_committee(cell)
            {
                return Some(c);
            }
        }
    }
    None
}

/// A field value without a trailing date, item number or parenthesis.
fn clean_field_value(v: &str) -> String {
    let mut s = v.trim();
    if let Some(d) = first_date(s) {
        s = &s[..d.start];
    }
    collapse(
        s.split('(')
            .next()
            .unwrap_or(s)
            .trim_end_matches(|c: char| c.is_whitespace() || "-–—,:".contains(c)),
    )
}

fn item(head: &[HeadLine], fields: &[(String, String)]) -> Option<String> {
    if let Some(v) = field(
        fields,
        &[
            "agenda item",
            "item",
            "item no",
            "item number",
            "agenda item no",
        ],
    ) {
        let n: String = v
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        let n = n.trim_end_matches('.');
        if !n.is_empty() && n.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return Some(n.to_string());
        }
    }
    if let Some(n) = head.iter().find_map(|h| {
        ITEM_IN_PARENS
            .captures(&h.text)
            .map(|c| c["n"].trim_end_matches('.').to_string())
    }) {
        return Some(n);
    }
    single_item_line(head).map(|(n, _)| n)
}

/// The `Item 8: Title` line of a one-item notice (several such lines are a list of items).
fn single_item_line(head: &[HeadLine]) -> Option<(String, String)> {
    let mut found = head.iter().filter_map(|h| ITEM_TITLE.captures(&h.text));
    let first = found.next()?;
    if found.next().is_some() {
        return None;
    }
    Some((first["n"].to_string(), first["t"].to_string()))
}

fn date(head: &[HeadLine], fields: &[(String, String)]) -> Option<String> {
    let named = field(
        fields,
        &[
            "date of decision",
            "date of meeting",
            "meeting date",
            "decision date",
            "date",
            "decision made",
        ],
    );
    if let Some(d) = named.and_then(first_date) {
        return Some(d.iso);
    }
    let usable = |h: &&HeadLine| {
        !h.labelled
            && !h.table_row
            && !PREVIOUS.is_match(&h.text)
            && h.text.split_whitespace().count() <= 40
    };
    head.iter()
        .filter(usable)
        .find_map(|h| first_date(&h.text))
        .map(|d: FoundDate| d.iso)
}

fn title(head: &[HeadLine], fields: &[(String, String)], kind: DocKind) -> Option<String> {
    if let Some(v) = field(
        fields,
        &[
            "report title",
            "title of report",
            "title",
            "subject",
            "report subject",
        ],
    ) {
        return Some(tidy_title(v));
    }
    // Modern.Gov pages: the title follows the page heading.
    for (i, h) in head.iter().enumerate().take(3) {
        let t = h.text.as_str();
        let page_heading = ISSUE.is_match(t)
            || [
                "decision details",
                "agenda item",
                "agenda",
                "agenda and minutes",
                "agenda, decisions and minutes",
            ]
            .iter()
            .any(|p| t.eq_ignore_ascii_case(p));
        if page_heading
            && let Some(next) = head.get(i + 1)
            && !next.text.to_ascii_lowercase().starts_with("meeting:")
        {
            return Some(tidy_title(&next.text));
        }
    }
    if kind == DocKind::Issue {
        return None;
    }
    if let Some((_, t)) = single_item_line(head)
        && kind == DocKind::Decision
    {
        return Some(tidy_title(&t));
    }
    if kind == DocKind::Minutes
        && let Some(h) = head
            .iter()
            .find(|h| MINUTES_OF.is_match(&h.text) || MINUTES_DASH.is_match(&h.text))
    {
        // The heading up to the venue: `Minutes of … held on Monday 3 March 2025`.
        let t = h.text.as_str();
        let cut = first_date(t)
            .and_then(|d| t[d.end..].find(", ").map(|i| d.end + i))
            .unwrap_or(t.len());
        return Some(tidy_title(&t[..cut]));
    }
    // Reports: the first run of heading lines that is not the council, the committee and date,
    // a labelled field or a numbered section.
    let mut run: Vec<&str> = Vec::new();
    for h in head.iter().take(20) {
        let t = h.text.as_str();
        // A title wrapped onto a second line (`… REVIEW UPDATE` / `REPORT`).
        if !run.is_empty()
            && !h.blank_before
            && !h.labelled
            && is_heading_like(t)
            && !FIELD.is_match(t)
            // `Meeting of 14 March 2024` under the title is the meeting, not more title.
            && first_date(t).is_none()
        {
            run.push(t);
            continue;
        }
        let skip = h.labelled
            || t.len() < 4
            || is_council_line(t)
            || first_date(t).is_some()
            || is_field_line(t)
            || h.cells.len() > 1
            || BYLINE.is_match(t)
            || PERSON.is_match(t)
            || t.eq_ignore_ascii_case("agenda")
            || is_committee_name(t);
        if skip {
            if !run.is_empty() {
                break;
            }
            continue;
        }
        if is_heading_like(t) || (run.is_empty() && looks_like_title(t)) {
            if !run.is_empty() && h.blank_before {
                break;
            }
            run.push(t);
            if run.len() >= 3 {
                break;
            }
        } else if !run.is_empty() {
            break;
        }
    }
    (!run.is_empty()).then(|| tidy_title(&run.join(" ")))
}

/// A labelled field (`Date of decision: …`), as opposed to a title with a colon in it.
fn is_field_line(t: &str) -> bool {
    FIELD
        .captures(t)
        .is_some_and(|c| c["label"].split_whitespace().count() <= 3 || t.ends_with(':'))
}

/// A line that is only a committee's name (`Audit and Governance Committee`, `EXECUTIVE`).
fn is_committee_name(t: &str) -> bool {
    let last = t.split_whitespace().next_back().unwrap_or("");
    let committee_end = [
        "committee",
        "cabinet",
        "board",
        "panel",
        "executive",
        "forum",
        "group",
        "council",
        "commission",
        "sub-committee",
        "assembly",
        "partnership",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(last));
    committee_end && !t.contains(" – ") && !t.contains(": ") && clean_committee(t).is_some()
}

/// A heading with the shape of a report title: words with a dash or colon between parts.
fn looks_like_title(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (2..=16).contains(&words)
        && !t.ends_with('.')
        && t.chars().next().is_some_and(|c| c.is_uppercase())
        && (t.contains(" – ") || t.contains(": ") || t.contains(" - ") || is_heading_like(t))
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
    let s = collapse(s.trim_matches(|c: char| c.is_whitespace() || "-–—,:;*".contains(c)));
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
            if i > 0 && super::vocab::JOINING_WORDS.contains(&lower.as_str()) {
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
    fn a_sentence_about_a_report_does_not_make_the_page_one() {
        let t = "8. Council Plan 2025-30\nAdditional documents:\n1. That the Plan be recommended to Full Council.\nMembers asked questions and debated the report. In summary, the following matters were raised:\n";
        assert_eq!(meta(t).kind, DocKind::Other);
        let t = "Council Plan 2025-30 Progress Report\n\n1. Introduction\n";
        assert_eq!(meta(t).kind, DocKind::Report);
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
            m.council.map(|c| c.short_name()),
            Some("South Staffordshire")
        );
        assert_eq!(m.item, None);
    }

    #[test]
    fn issue_page() {
        let t = "Issue - meetings\n\nLGA Corporate Peer Challenge Report and Action Plan\n\nMeeting: 18/09/2023 - Cabinet (Item 61)\n\nback to Rotherham and Rotherham’s assets";
        let segs = segments(t);
        let m = find(t, &segs, &meetings::find(t, &segs), None);
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
    fn an_owner_cell_is_not_a_committee() {
        let t =
            "Action Log\n\nAction\nLead\nDeadline\nArrange a session\nBoard Manager\nJune 2024\n";
        assert_eq!(meta(t).committee, None);
        let t = "Audit Committee\n\nAction\nLead\nArrange a session\nBoard Manager\n";
        assert_eq!(meta(t).committee.as_deref(), Some("Audit Committee"));
    }

    #[test]
    fn decision_page_fields() {
        let t = "Decision details\n\nAppointment of contractor\n\nDecision Maker: Service Director - Homes & Neighbourhoods\n\nDate of decision: 27/07/2021";
        let m = meta(t);
        assert_eq!(m.kind, DocKind::Decision);
        assert_eq!(m.title.as_deref(), Some("Appointment of contractor"));
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

    #[test]
    fn columns_in_a_header_row() {
        let t = "Basingstoke and Deane Borough Council               Cabinet          13 February 2025\n\nDigital Strategy 2025–2028\n\nReport of the Chief Digital Officer";
        let m = meta(t);
        assert_eq!(m.committee.as_deref(), Some("Cabinet"));
        assert_eq!(m.date.as_deref(), Some("2025-02-13"));
        assert_eq!(m.title.as_deref(), Some("Digital Strategy 2025–2028"));
    }

    #[test]
    fn meeting_field_with_item() {
        let t = "Agenda item\n\nCorporate Peer Challenge Progress Review\n\nMeeting: Cabinet, Tuesday, 10th June, 2025 10.00 am (Item 7.)";
        let m = meta(t);
        assert_eq!(m.kind, DocKind::Agenda);
        assert_eq!(m.committee.as_deref(), Some("Cabinet"));
        assert_eq!(m.item.as_deref(), Some("7"));
        assert_eq!(m.date.as_deref(), Some("2025-06-10"));
        assert_eq!(
            m.title.as_deref(),
            Some("Corporate Peer Challenge Progress Review")
        );
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[
            (
                &*super::CELL_SPLIT,
                "Cabinet   18 September 2023",
                "Cabinet, 18 September 2023",
            ),
            (&*super::ISSUE, "Issue - meetings", "Issues and options"),
            (
                &*super::DECISION,
                "Decision details",
                "The decision was deferred.",
            ),
            (
                &*super::MINUTES,
                "Minutes of the Cabinet",
                "The minutes were approved.",
            ),
            (
                &*super::REPORT,
                "Report of the Director of Finance",
                "Cabinet agenda",
            ),
            (
                &*super::REPORT_TITLE,
                "Corporate Peer Challenge Progress Report",
                "Cabinet agenda",
            ),
            (
                &*super::REPORTS_MEETING,
                "The Council considered a report of the Corporate Director",
                "Cabinet will consider the report in March.",
            ),
            (&*super::AGENDA, "Agenda item 5", "Agenda and minutes"),
            (
                &*super::AGENDA_AND_MINUTES,
                "Agenda and minutes",
                "Agenda item 5",
            ),
            (&*super::RESOLVED, "RESOLVED", "the issue was resolved"),
            (
                &*super::FIELD,
                "Decision Maker: Cabinet",
                "The Committee noted the report.",
            ),
            (
                &*super::COMMITTEE_WORD,
                "Planning Committee",
                "Director of Finance",
            ),
            (
                &*super::COMMITTEE_WORD,
                "Scrutiny Panel",
                "Election of Mayor",
            ),
            (
                &*super::MINUTES_OF,
                "Minutes of the meeting of the Planning Committee held on 5 March 2024",
                "Minutes – Cabinet",
            ),
            (
                &*super::MINUTES_DASH,
                "Minutes - Cabinet",
                "Minutes of the Cabinet",
            ),
            (
                &*super::NAME_THEN_KIND,
                "Cabinet - Decision Notice",
                "Minutes of the Cabinet",
            ),
            (
                &*super::MEETING_HELD,
                "Cabinet meeting held on 18 September 2023",
                "Meeting held on 18 September 2023",
            ),
            (
                &*super::MEETING_OF_THE,
                "a meeting of the Licensing Committee to be held on",
                "the next meeting of the Cabinet will be held",
            ),
            (
                &*super::ITEM_TITLE,
                "Item 5: Revenue Budget 2024/25",
                "Item 5",
            ),
            (&*super::ITEM_IN_PARENS, "(Item 61)", "Item 61"),
            (
                &*super::PREVIOUS,
                "since the previous meeting",
                "Date of meeting: 18 September 2023",
            ),
            (
                &*super::BYLINE,
                "Report of the Chief Executive",
                "Revenue Budget 2024/25",
            ),
            (&*super::PERSON, "Councillor Smith", "Council"),
        ];
        crate::extract::textutil::assert_documented_examples(cases);
    }
}
