//! Procedural housekeeping among a meeting's resolutions: minutes approved, apologies,
//! declarations of interest, exclusion of the press and public, appointments and elections to
//! posts, and a report merely noted. Such items are recorded (`procedural: true`) but are not
//! what a council was recommended to do, so `compare` leaves them out by default.
//!
//! Pure: a decision on the item's text alone.

use crate::extract::textutil::{cue_words, has_cue, re_new};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// Minutes approved or confirmed: `That the minutes of the meeting held on 5 March 2024 be
/// approved as a correct record.` Not `Approve the minutes of evidence to the planning
/// inquiry and the revised local plan.` (nothing says they are a record of a meeting).
static MINUTES: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?i)^(?:that\s+|to\s+)?(?:approve\s+|confirm\s+|agree\s+|sign\s+)?(?:the\s+)?(?:public\s+|part\s+[ab12i]+\s+)?minutes\b(?:[^.;]{0,160}?\b(?:be|were|was|are|is)\s+(?:duly\s+)?(?:approved|agreed|confirmed|signed|accepted|adopted|received)|[^.;]{0,160}?\b(?:as\s+a\s+(?:true\s+and\s+)?correct\s+record|as\s+a\s+true\s+record))",
    )
    .expect("minutes pattern")
});

/// Apologies for absence: `Apologies for absence were received from Councillors Smith and
/// Jones.` Not `Ensure that apologies to complainants are made within ten working days.`
static APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:that\s+|to\s+(?:receive|note)\s+(?:any\s+)?)?(?:the\s+)?(?:no\s+)?apologies\s+(?:for\s+absence|were|was|had|have|received|from|be\s+noted)\b|^(?:there\s+were\s+)?no\s+apologies\b")
        .expect("apologies pattern")
});

/// Declarations of interest: `No declarations of interest were made.`, `Councillor Ahmed
/// declared a personal interest in item 6.` Not `Review the register of interests so that
/// declarations are made promptly by senior officers.`
static DECLARATIONS: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:that\s+|to\s+(?:receive|note)\s+(?:any\s+)?)?(?:no\s+|any\s+)?declarations?\s+of\s+(?:[\w-]+\s+){0,3}interests?\b|^(?:there\s+were\s+)?no\s+(?:[\w-]+\s+){0,3}interests?\s+(?:were\s+|was\s+)?declared\b|^(?:councillors?|cllrs?\.?)\s+[^.;]{1,80}?\bdeclared\s+(?:an?\s+|their\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,3}interest\b")
        .expect("declarations pattern")
});

/// Exclusion of the press and public (or the public alone): `That under Section 100A(4) of the
/// Local Government Act 1972 the press and public be excluded from the meeting for the
/// following item.` Not
/// `Involve the public and the local press earlier in consultations on the budget.`
static EXCLUSION: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:press\s+and\s+(?:the\s+)?public|public\s+and\s+(?:the\s+)?press|the\s+public)\s+(?:be|are|were|was|is)\s+excluded\b|\bexclu(?:de|sion\s+of)\s+(?:the\s+)?(?:press\s+and\s+(?:the\s+)?public|public\s+and\s+(?:the\s+)?press)\b|\bexempt\s+information\s+as\s+defined\b")
        .expect("exclusion pattern")
});

/// A named person elected or appointed to a post or a seat: `That Councillor Jane Smith be
/// elected Chair of the Council for the municipal year.`, `Cllr Patel was appointed as
/// Vice-Chair.` Not `Appoint a permanent Director of Finance as soon as possible.` (a post to
/// fill, not an appointment made).
static NAMED_APPOINTMENT: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:that\s+)?(?:councillors?|cllrs?\.?|mr\.?|mrs\.?|ms\.?|miss|dr\.?)\s+[^.;]{1,80}?\b(?:be|is|was|were|are)\s+(?:hereby\s+|duly\s+|re-?)?(?:elected|appointed|re-?appointed|re-?elected|nominated)\b")
        .expect("appointment pattern")
});

/// Electing or appointing the holder of a civic or committee office, or filling seats on
/// committees and outside bodies: `Elect a Mayor for the 2024/25 municipal year.`,
/// `That the appointments to outside bodies set out in the appendix be approved.` Not
/// `Consider whether a directly elected mayor would strengthen place leadership.`
static OFFICE_APPOINTMENT: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:that\s+|to\s+)?(?:the\s+)?(?:elect(?:ion\s+of)?|appoint(?:ment\s+of)?)\s+(?:a|an|the)?\s*(?:new\s+)?(?:(?:lord\s+)?mayor|deputy\s+mayor|chair(?:man|person)?|vice[\s-]chair(?:man|person)?|leader\s+of\s+the\s+council|deputy\s+leader|speaker|civic\s+head|sheriff|high\s+sheriff)\b|^(?:that\s+)?(?:the\s+)?(?:appointments?|nominations?)\s+(?:of\s+(?:members|councillors)\s+)?to\s+(?:committees|outside\s+bodies|the\s+(?:committees|panels|sub-committees)|(?:\w+\s+){0,3}(?:bodies|committees|panels|boards))\b")
        .expect("office pattern")
});

/// A report, update or presentation merely noted or received, with nothing else resolved:
/// `That the report be noted.`, `The Committee noted the update.`, `To note the contents of
/// the report.` Not `That the report be noted and the revised policy be adopted.`
static NOTED_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"(?i)^(?:that\s+)?(?:(?:the\s+)?(?:{bodies}|members?)\s+)?(?:to\s+)?(?:(?:note|notes|noted|receive|receives|received|accept|accepts|accepted)\s+(?:and\s+(?:note|notes|noted)\s+)?(?:the\s+)?(?:contents\s+of\s+the\s+|content\s+of\s+the\s+|information\s+(?:in|contained\s+in)\s+the\s+)?(?:report|update|presentation|information|briefing|minutes|verbal\s+update|progress\s+report)(?:\s+(?:as\s+presented|for\s+information|submitted|attached|provided|given))?|(?:the\s+)?(?:contents\s+of\s+the\s+|content\s+of\s+the\s+)?(?:report|update|presentation|information|briefing|verbal\s+update|progress\s+report)(?:\s+(?:as\s+presented|submitted|attached))?\s+(?:be|was|were|is|are)\s+(?:noted|received)(?:\s+and\s+(?:noted|received))?|noted)\s*[.;]?$",
        bodies = super::vocab::alternation(super::vocab::BODIES)
    ))
    .expect("noted pattern")
});

/// Whether a recommendation's text is procedural housekeeping rather than something a
/// council was recommended or decided to do.
pub fn is_procedural(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    RULES
        .iter()
        .zip(CUES.iter())
        .any(|((_, re), cues)| has_cue(cues, t) && re.is_match(t))
}

/// Each pattern above with the words one of which every text it matches holds: a pattern
/// runs, and is compiled, only for an item that has one.
static RULES: [(&[&str], &LazyLock<Regex>); 7] = [
    (&["minutes"], &MINUTES),
    (&["apologies"], &APOLOGIES),
    (&["interest"], &DECLARATIONS),
    (&["exclu", "exempt"], &EXCLUSION),
    (&["elect", "appoint", "nominat"], &NAMED_APPOINTMENT),
    (&["elect", "appoint", "nominat"], &OFFICE_APPOINTMENT),
    (&["note", "receive", "accept"], &NOTED_ONLY),
];

static CUES: LazyLock<Vec<AhoCorasick>> =
    LazyLock::new(|| RULES.iter().map(|(words, _)| cue_words(words)).collect());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn housekeeping_is_procedural() {
        for t in [
            "That the minutes of the meeting held on 5 March 2024 be approved as a correct record.",
            "The minutes of the previous meeting were agreed and signed by the Chair.",
            "Minutes of the meeting of 12 June confirmed as a true record.",
            "Apologies for absence were received from Councillors Smith and Jones.",
            "No apologies were received.",
            "No declarations of interest were made.",
            "Councillor Ahmed declared a non-pecuniary interest in item 6.",
            "That under Section 100A(4) of the Local Government Act 1972 the press and public be excluded from the meeting for the following item.",
            "That Councillor Jane Smith be elected Chair of the Council for the municipal year.",
            "Cllr Patel was appointed as Vice-Chair.",
            "Elect a Mayor for the 2024/25 municipal year.",
            "That the appointments to outside bodies set out in the appendix be approved.",
            "That the report be noted.",
            "The Committee noted the update.",
            "To note the contents of the report.",
            "RESOLVED that the report be noted",
            "Noted.",
            "That the contents of the report be noted and received.",
        ] {
            let t = t.strip_prefix("RESOLVED ").unwrap_or(t);
            assert!(is_procedural(t), "{t}");
        }
    }

    #[test]
    fn substance_is_not_procedural() {
        for t in [
            "Approve the minutes of evidence to the planning inquiry and the revised local plan.",
            "Ensure that apologies to complainants are made within ten working days.",
            "Review the register of interests so that declarations are made promptly by senior officers.",
            "Involve the public and the local press earlier in consultations on the budget.",
            "Appoint a permanent Director of Finance as soon as possible.",
            "Consider whether a directly elected mayor would strengthen place leadership.",
            "That the report be noted and the revised policy be adopted.",
            "Celebrate the council's achievements.",
            "Keep the medium-term financial strategy under regular review.",
            "Note the risks in the report and agree the mitigations in paragraph 4.",
            "",
        ] {
            assert!(!is_procedural(t), "{t}");
        }
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[
            (
                &*super::MINUTES,
                "That the minutes of the meeting held on 5 March 2024 be approved as a correct record.",
                "Approve the minutes of evidence to the planning inquiry and the revised local plan.",
            ),
            (
                &*super::APOLOGIES,
                "Apologies for absence were received from Councillors Smith and Jones.",
                "Ensure that apologies to complainants are made within ten working days.",
            ),
            (
                &*super::DECLARATIONS,
                "No declarations of interest were made.",
                "Review the register of interests so that declarations are made promptly by senior officers.",
            ),
            (
                &*super::EXCLUSION,
                "That under Section 100A(4) of the Local Government Act 1972 the press and public be excluded from the meeting for the following item.",
                "Involve the public and the local press earlier in consultations on the budget.",
            ),
            (
                &*super::NAMED_APPOINTMENT,
                "That Councillor Jane Smith be elected Chair of the Council for the municipal year.",
                "Appoint a permanent Director of Finance as soon as possible.",
            ),
            (
                &*super::OFFICE_APPOINTMENT,
                "Elect a Mayor for the 2024/25 municipal year.",
                "Consider whether a directly elected mayor would strengthen place leadership.",
            ),
            (
                &*super::NOTED_ONLY,
                "That the report be noted.",
                "That the report be noted and the revised policy be adopted.",
            ),
        ];
        crate::extract::textutil::assert_documented_examples(cases);
    }
}
