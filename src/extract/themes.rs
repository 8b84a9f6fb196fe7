//! Review themes: lists under a themes lead-in (numbered, bulleted, dashed, `Name: question?`),
//! themes given inline in a sentence ("relating to A, B, C and D"), and lines that are exactly
//! a Corporate Peer Challenge theme name. Each is mapped to a canonical theme when it is one
//! of the five (under either framework's name, or a clear paraphrase).

use super::list::{ListRules, read_list};
use super::segment::{Segment, paragraph_ending_at};
use super::textutil::{collapse, is_terminator, re_new};
use crate::model::CanonicalTheme;
use regex::Regex;
use std::sync::LazyLock;

/// A theme found in the text (byte range of its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundTheme {
    pub text: String,
    pub canonical: Option<CanonicalTheme>,
    pub start: usize,
    pub end: usize,
}

static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:themes?|core\s+components|key\s+lines\s+of\s+enquiry|headings)\b[^:]{0,160}:\s*[-–]?\s*$").unwrap()
});

/// Weaker lead-ins that name themes only in a review's context (`had examined:`,
/// `an additional focus, chosen by the Council, on:`).
static REVIEW_LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:(?:additional|specific|particular|further)\s+focus\b[^:]{0,80}|focus(?:s?ed)?\s+on|examined|looked\s+at|explored|(?:to\s+)?consider(?:ed)?(?:\s+the\s+following)?|areas?\s+of\s+focus\s+(?:were|was|are)|(?:five|six|four|seven|core|key)\s+(?:core\s+|key\s+)?(?:questions|areas|elements|components)\b[^:]{0,80})\s*:\s*[-–]?\s*$").unwrap()
});

static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:relating\s+to|themes?\s+(?:of|were|are|:)|under\s+the\s+(?:themes?|headings?)\s+(?:of\s+)?|(?:following|five|four|six|three|key)\s+(?:themes|areas)\s*(?:of|:|were|are|–|-)?|focus(?:s?ed)?\s+on|to\s+focus\s+on)\s*(?P<list>[^.;:]{10,400})").unwrap()
});

/// A single extra theme named in a sentence: `as well as looking specifically at Planning and
/// Housing Delivery`.
static ALSO: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"\b(?:as\s+well\s+as|in\s+addition\s+to|and\s+also|additionally)\s+(?:looking|focusing|focussing)\s+(?:specifically\s+|in\s+particular\s+|particularly\s+)?(?:at|on)\s+(?:the\s+)?(?P<name>[A-Z][\w’'&\-]*(?:\s+(?:[A-Z][\w’'&\-]*|and|of|the|for|in)){0,6})").unwrap()
});

static REMAINING_WORK: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:remaining|outstanding|concluded|completed|under\s*way)\b").unwrap()
});

/// `… seven themes identified in the guidance. These were: leadership, governance, …`
static THESE_WERE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\bthemes?\b[^.]{0,160}\.\s+(?:these|they)\s+(?:were|are|include|included)\s*:?\s*(?P<list>[^.;:]{10,400})").unwrap()
});

static CONTEXT: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)\bpeer|\breview\b|\bchallenge\b|\bthemes?\b").unwrap());

static SPLIT: LazyLock<Regex> =
    LazyLock::new(|| re_new(r",\s*(?:and\s*,?\s*)?|\s+and,\s+|;\s*").unwrap());

/// Finds themes in document order, without repeats.
pub fn find(text: &str, segs: &[Segment]) -> Vec<FoundTheme> {
    let mut out: Vec<FoundTheme> = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let s = &segs[i];
        let words = s.body_text(text);
        let lead_in = words.len() < 400
            && (LEAD_IN.is_match(words)
                || REVIEW_LEAD_IN.is_match(words) && {
                    let para = paragraph_ending_at(text, segs, i);
                    CONTEXT.is_match(&para) && !REMAINING_WORK.is_match(&para)
                });
        if lead_in
            && segs
                .get(i + 1)
                .is_some_and(|f| f.label.is_some() || f.bullet || short(f.body_text(text)))
        {
            let next = list_themes(text, segs, i + 1, &mut out);
            i = next.max(i + 1);
            continue;
        }
        if let Some(c) = THESE_WERE
            .captures(words)
            .or_else(|| INLINE.captures(words))
        {
            let context =
                CONTEXT.is_match(words) || i > 0 && CONTEXT.is_match(segs[i - 1].text(text));
            if context {
                let list = c.name("list").expect("list group");
                inline_themes(text, s.body + list.start(), s.body + list.end(), &mut out);
            }
        }
        if let Some(c) = ALSO.captures(words) {
            let context =
                CONTEXT.is_match(words) || i > 0 && CONTEXT.is_match(segs[i - 1].text(text));
            let name = c.name("name").expect("name group");
            let n = name
                .as_str()
                .trim_end_matches(" and")
                .trim_end_matches(" the");
            if context && n.split_whitespace().count() >= 2 {
                let start = s.body + name.start();
                push(
                    &mut out,
                    FoundTheme {
                        text: n.to_string(),
                        canonical: canonical(n),
                        start,
                        end: start + n.len(),
                    },
                );
            }
        }
        if let Some(t) = exact_theme(text, s) {
            push(&mut out, t);
        }
        i += 1;
    }
    out
}

fn short(s: &str) -> bool {
    let name = name_part(s);
    name.split_whitespace().count() <= 10 && !name.is_empty()
}

/// Reads a list of themes starting at `first`; returns the index after it.
fn list_themes(text: &str, segs: &[Segment], first: usize, out: &mut Vec<FoundTheme>) -> usize {
    let rules = ListRules {
        asides: false,
        nesting: false,
    };
    let (items, next) = if segs[first].label.is_some() || segs[first].bullet {
        read_list(text, segs, first, rules)
    } else {
        // Unmarked paragraphs, one theme each: a short line, or `Name: question?` whose
        // question may run on over further lines.
        let mut j = first;
        let mut items = Vec::new();
        let mut named_list = false;
        while j < segs.len() && items.len() < 12 {
            let s = &segs[j];
            let words = s.body_text(text);
            let named = has_separator(words) && short(words);
            let one_liner = segs.get(j + 1).is_none_or(|n| n.blank_before)
                && words.split_whitespace().count() <= 8;
            // Once themes come as `Name: question?`, a bare line is the next heading.
            let fits = if named_list {
                named
            } else {
                named || one_liner
            };
            if j > first && !s.blank_before || !fits || is_terminator(words) {
                break;
            }
            named_list |= named;
            items.push(super::list::ItemDraft::from_segment(s));
            j += 1;
            while j < segs.len()
                && !segs[j].blank_before
                && segs[j].label.is_none()
                && !segs[j].bullet
            {
                j += 1;
            }
        }
        (items, j)
    };
    for item in &items {
        let Some(super::list::Part::Text(a, b)) = item.parts.first() else {
            continue;
        };
        let raw = &text[*a..*b];
        let name = name_part(raw);
        if name.is_empty() || name.split_whitespace().count() > 12 {
            continue;
        }
        let start = *a + raw.find(name).unwrap_or(0);
        push(
            out,
            FoundTheme {
                text: name.to_string(),
                canonical: canonical(name),
                start,
                end: start + name.len(),
            },
        );
    }
    next
}

fn has_separator(s: &str) -> bool {
    [": ", " – ", " - ", " — "]
        .iter()
        .any(|sep| s.find(sep).is_some_and(|at| at < 80))
}

/// The theme's name: the words before a `: question?` or ` – explanation`, without closing
/// punctuation.
fn name_part(s: &str) -> &str {
    let s = s.trim();
    let cut = [": ", " – ", " - ", " — ", "? "]
        .iter()
        .filter_map(|sep| s.find(sep))
        .min()
        .unwrap_or(s.len());
    let s = if s.ends_with(':') && cut == s.len() {
        &s[..s.len() - 1]
    } else {
        &s[..cut]
    };
    s.trim().trim_end_matches(['.', ';', ',', ':', '?']).trim()
}

fn inline_themes(text: &str, start: usize, end: usize, out: &mut Vec<FoundTheme>) {
    let list = &text[start..end];
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut last = 0;
    for m in SPLIT.find_iter(list) {
        pieces.push((last, m.start()));
        last = m.end();
    }
    pieces.push((last, list.len()));
    if pieces.len() < 2 {
        return;
    }
    // The last piece may hold the final two names joined by `and`.
    if let Some(&(a, b)) = pieces.last() {
        let tail = &list[a..b];
        if let Some(at) = split_final_and(tail) {
            pieces.pop();
            pieces.push((a, a + at.0));
            pieces.push((a + at.1, b));
        }
    }
    let names: Vec<(usize, usize)> = pieces
        .into_iter()
        .filter_map(|(a, b)| {
            let raw = &list[a..b];
            let trimmed = raw
                .trim()
                .trim_start_matches("and ")
                .trim_end_matches(" and")
                .trim_end_matches(['.', ','])
                .trim();
            let off = raw.find(trimmed)?;
            (!trimmed.is_empty()).then_some((a + off, a + off + trimmed.len()))
        })
        .collect();
    // `focused on ensuring that councils have the capacity, …` is a sentence, not a list.
    let first_word = list
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let good = names.len() >= 3
        && !first_word.ends_with("ing")
        && first_word != "that"
        && names.iter().all(|&(a, b)| {
            let n = &list[a..b];
            let w = n.split_whitespace().count();
            (1..=6).contains(&w)
        });
    if !good {
        return;
    }
    for (a, b) in names {
        let name = &list[a..b];
        push(
            out,
            FoundTheme {
                text: collapse(name),
                canonical: canonical(name),
                start: start + a,
                end: start + b,
            },
        );
    }
}

/// Where to split `X and Y` when the final two names are joined by `and`: only when the text
/// after `and` starts a new capitalised name or a canonical theme.
fn split_final_and(tail: &str) -> Option<(usize, usize)> {
    let at = tail.rfind(" and ")?;
    let right = tail[at + 5..].trim();
    let left = tail[..at].trim();
    if left.is_empty() || right.is_empty() {
        return None;
    }
    if canonical(tail).is_some() && canonical(left).is_none() {
        return None;
    }
    let right_capital = right.chars().next().is_some_and(|c| c.is_uppercase());
    let left_capital = left.chars().next().is_some_and(|c| c.is_uppercase());
    // `governance and communications` are two themes; `partnerships and community
    // engagement` is one: in lower case only a one-word tail is split off.
    let one_word = right.split_whitespace().count() == 1;
    let same_case = right_capital == left_capital && (right_capital || one_word);
    (same_case || canonical(right).is_some()).then_some((at, at + 5))
}

/// A line that is exactly a known theme name (a heading in a peer challenge report).
fn exact_theme(text: &str, s: &Segment) -> Option<FoundTheme> {
    let raw = s.body_text(text);
    let name = name_part(raw);
    if name.len() > 80 {
        return None;
    }
    let key = key_of(name);
    KNOWN_NAMES.iter().any(|(n, _)| *n == key).then(|| {
        let start = s.body + raw.find(name).unwrap_or(0);
        FoundTheme {
            text: name.to_string(),
            canonical: canonical(name),
            start,
            end: start + name.len(),
        }
    })
}

fn push(out: &mut Vec<FoundTheme>, t: FoundTheme) {
    let key = key_of(&t.text);
    if key.is_empty() || out.iter().any(|o| key_of(&o.text) == key) {
        return;
    }
    out.push(t);
}

fn key_of(s: &str) -> String {
    s.to_lowercase()
        .replace('&', "and")
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names of both Corporate Peer Challenge frameworks.
const KNOWN_NAMES: &[(&str, CanonicalTheme)] = &[
    (
        "local priorities and outcomes",
        CanonicalTheme::LocalPrioritiesAndOutcomes,
    ),
    (
        "organisational and place leadership",
        CanonicalTheme::OrganisationalAndPlaceLeadership,
    ),
    (
        "governance and culture",
        CanonicalTheme::GovernanceAndCulture,
    ),
    (
        "financial planning and management",
        CanonicalTheme::FinancialPlanningAndManagement,
    ),
    (
        "capacity for improvement",
        CanonicalTheme::CapacityForImprovement,
    ),
    (
        "understanding of the local place and priority setting",
        CanonicalTheme::LocalPrioritiesAndOutcomes,
    ),
    (
        "understanding of local place and priority setting",
        CanonicalTheme::LocalPrioritiesAndOutcomes,
    ),
    (
        "leadership of place",
        CanonicalTheme::OrganisationalAndPlaceLeadership,
    ),
    (
        "organisational leadership and governance",
        CanonicalTheme::GovernanceAndCulture,
    ),
    (
        "financial planning and viability",
        CanonicalTheme::FinancialPlanningAndManagement,
    ),
    (
        "capacity to deliver",
        CanonicalTheme::CapacityForImprovement,
    ),
];

/// Maps a theme name, including paraphrases, to one of the five canonical themes.
pub fn canonical(name: &str) -> Option<CanonicalTheme> {
    let key = key_of(name);
    if let Some((_, c)) = KNOWN_NAMES.iter().find(|(n, _)| *n == key) {
        return Some(*c);
    }
    let has = |w: &str| key.split(' ').any(|t| t.starts_with(w));
    if has("capacit") && (has("improv") || has("deliver") || has("change")) {
        return Some(CanonicalTheme::CapacityForImprovement);
    }
    let money = has("financ") || has("money") || has("budget");
    if money && (has("plan") || has("manag") || has("viab") || has("sustainab") || has("resilien"))
    {
        return Some(CanonicalTheme::FinancialPlanningAndManagement);
    }
    if has("governance")
        || (has("culture") && (has("organisation") || has("healthy") || has("good")))
    {
        return Some(CanonicalTheme::GovernanceAndCulture);
    }
    let area = has("place")
        || has("organis")
        || has("borough")
        || has("district")
        || has("county")
        || has("city")
        || has("area");
    if (has("leadership") || has("leading")) && area {
        return Some(CanonicalTheme::OrganisationalAndPlaceLeadership);
    }
    if has("priorit") && (has("outcome") || has("local") || has("place") || has("setting")) {
        return Some(CanonicalTheme::LocalPrioritiesAndOutcomes);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::segment::segments;

    fn names(t: &str) -> Vec<(String, Option<CanonicalTheme>)> {
        find(t, &segments(t))
            .into_iter()
            .map(|f| (f.text, f.canonical))
            .collect()
    }

    #[test]
    fn numbered_list_after_lead_in() {
        let t = "the peer team considered the following five themes:\n\n1) local priorities and outcomes\n\n2) governance and culture\n\n3) capacity for improvement.\n\nIn addition the council asked";
        assert_eq!(
            names(t),
            vec![
                (
                    "local priorities and outcomes".into(),
                    Some(CanonicalTheme::LocalPrioritiesAndOutcomes)
                ),
                (
                    "governance and culture".into(),
                    Some(CanonicalTheme::GovernanceAndCulture)
                ),
                (
                    "capacity for improvement".into(),
                    Some(CanonicalTheme::CapacityForImprovement)
                ),
            ]
        );
    }

    #[test]
    fn name_and_question() {
        let t = "The core components are:\n• Financial planning and viability: Does the council have a financial plan?\n• Leadership of Place: Does the council provide leadership?";
        assert_eq!(
            names(t),
            vec![
                (
                    "Financial planning and viability".into(),
                    Some(CanonicalTheme::FinancialPlanningAndManagement)
                ),
                (
                    "Leadership of Place".into(),
                    Some(CanonicalTheme::OrganisationalAndPlaceLeadership)
                ),
            ]
        );
    }

    #[test]
    fn inline_sentence() {
        let t = "3.5 The report highlights thoughts from the peer review team relating to The Customer and Outcomes, Finance and Commercial Activity, Member and Officer working and, Capacity and continuous improvement.";
        assert_eq!(
            names(t),
            vec![
                ("The Customer and Outcomes".into(), None),
                ("Finance and Commercial Activity".into(), None),
                ("Member and Officer working".into(), None),
                (
                    "Capacity and continuous improvement".into(),
                    Some(CanonicalTheme::CapacityForImprovement)
                ),
            ]
        );
    }

    #[test]
    fn paraphrases() {
        assert_eq!(
            canonical("Our capacity to deliver and improve"),
            Some(CanonicalTheme::CapacityForImprovement)
        );
        assert_eq!(canonical("inclusive economy"), None);
    }

    #[test]
    fn ordinary_relating_to_is_not_themes() {
        assert!(
            names(
                "Questions relating to parking, litter, potholes and street lights were answered."
            )
            .is_empty()
        );
    }
}
