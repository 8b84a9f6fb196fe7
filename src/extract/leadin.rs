//! Lead-ins: the words that announce recommendations or resolutions and say whose they are.
//!
//! `RESOLVED:`, `It was RESOLVED that:`, letter-spaced `R E S O L V E D`, `Cabinet AGREED`,
//! `Decision Made: That …`, `RECOMMENDED TO CABINET:`, `That Council be recommended to:`,
//! `The Executive Mayor in Cabinet is asked to:`, a `Recommendations` heading, `That Cabinet:`.
//! A lead-in either opens a list (nothing after it on its line) or carries one unnumbered item
//! after it (`RESOLVED – That the minutes be approved.`).
//!
//! ## The order in which lead-ins are tried
//!
//! [`find`] tries the whole text (up to 600 bytes) with `find_short`, then its last sentence,
//! then the words after a field label; `find_short` runs `find_plain`, whose families are tried
//! in this order, the first that matches deciding. Where two families could both take a line,
//! the earlier one is the reading wanted.
//!
//! | # | family (pattern) | example | why it is tried at that point |
//! |---|---|---|---|
//! | 1 | recommendations heading (`HEADING`) | `Recommendations to Cabinet:` | First: a line that is only a heading is one, and governs a list even of prose; row 10 would also take it, but only as a weak lead-in. |
//! | 2 | decision field (`DECISION`) | `Decision made: That the plan be adopted.` | A field label says the line is a decision whatever follows, even words with no verb (`Decision: To approve the budget.`), so it is read before any verb in those words; it opens a list when its words are themselves an opening lead-in (`DECISION: The Cabinet agreed to:`). |
//! | 3 | decision heading (`DECISION_HEADING`) | `Decision of Executive Councillor for Housing` | A whole-line heading with no verb to find; like rows 1 and 2, whole-line shapes come before the phrase rules that look inside a line. |
//! | 4 | decision verb (`VERB`, `SUBJECT`, `AFTER_VERB`) | `It was RESOLVED that:`, `Cabinet AGREED` | The formula itself: before the `That …:` shapes, whose capitalised-name pattern would also take `That Cabinet RESOLVED:`, but as an officer's sub-lead-in. |
//! | 5 | a motion moved and seconded (`MOVED`), recommendations carried (`CARRIED`), then a body opening a list (`THAT_BODY`, `THAT_COLON`, `BODY_COLON`, and a motion's `MOTION`: `This Council notes:`) | `It was proposed by … and seconded by …:`, `That Cabinet:`, `The Cabinet:` | Before the requests of row 6: `That Council be recommended to:` is a sub-lead-in that continues an earlier lead-in, which row 6 would not mark. |
//! | 6 | request to a body ending in a colon (`ASKED`) | `The Executive Mayor in Cabinet is asked to:` | An officer's lead-in that opens a list; it must end in a colon (within 120 characters of `to`), so a request ending in a dash falls through to row 9. |
//! | 7 | a body's recommendation reported (`HAS_RECOMMENDED`) | `… and has recommended to the Council Meeting that it:` | An officer's lead-in; no overlap with the rows around it. |
//! | 8 | a body, then a list (`THEN`) | `The Cabinet then:` | A resolution's sub-lead-in; no overlap with the rows around it. |
//! | 9 | request with its item on the line (`ASKED_INLINE`) | `Members are asked to agree the following –` | After every form that opens a list. A housekeeping request (`Members are invited to disclose any interests –`), one to the public, or one not ending like an opener (`Members are asked to note the actions list.`, an agenda's summary of its item) ends the search with no lead-in. |
//! | 10 | sentence introducing recommendations (`RECOMMEND_COLON`) | `The peer team made the following recommendations:` | Last and weakest: a sentence that mentions recommendations before a colon (`weak`); `RELATIVE` clauses and `REASON_HEAD` headings are refused. |
//!
//! Around those rows:
//!
//! - `find_short`: when the lead-in found carries an item that is itself an opening lead-in
//!   (`RESOLVED: That the Committee:-`), the whole line opens the list — unless that item is a
//!   resolution in itself (`PASSIVE_REST`: `RESOLVED: That the fees be agreed as follows:`).
//! - `last_sentence_opener`, after the whole text: a long paragraph, or a page flattened onto
//!   one line, that ends in a list-opening lead-in (`The Group spent four days on site. The
//!   Group made 8 key recommendations:`). Tried second so that a lead-in at the start keeps
//!   the item after it.
//! - `FIELD`, last: a generic `Word Word: rest` label (`Content: That Cabinet note:`) stripped
//!   only when nothing above matched, because the labels that mean something themselves
//!   (`Decision:`, `Recommendations:`, `RESOLVED:`) are read with that meaning first.
//! - [`opener_with_cue`] (`DECISION_CUE`) is tried by the recommendations reader only after
//!   [`find`] found nothing, and only when a first numbered item follows the line.

use super::textutil::{cue_words, has_cue, is_heading_like, re_new};
use crate::model::RecKind;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// A lead-in found at the start of a segment's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadIn {
    pub kind: RecKind,
    /// Byte offset (in the segment's words) where the lead-in ends.
    pub end: usize,
    /// Byte offset where an item given on the same line starts, if there is one.
    pub rest: Option<usize>,
    /// A heading (`RECOMMENDATIONS`) rather than a phrase: the list may be prose or numbered.
    pub heading: bool,
    /// A `That Cabinet:` phrase: it continues an earlier lead-in when there is one.
    pub sub: bool,
    /// A sentence that merely mentions recommendations before a colon (`… made seven
    /// recommendations:`): it governs a list only when it is not itself a bullet point.
    pub weak: bool,
}

impl LeadIn {
    /// A lead-in that ends where its item starts, at `at`, on the same line.
    fn carries_item(kind: RecKind, at: usize) -> LeadIn {
        LeadIn {
            rest: Some(at),
            ..LeadIn::opens(kind, at)
        }
    }

    /// A plain lead-in that ends at `end` and opens a list.
    fn opens(kind: RecKind, end: usize) -> LeadIn {
        LeadIn {
            kind,
            end,
            rest: None,
            heading: false,
            sub: false,
            weak: false,
        }
    }
}

/// The verb of a decision formula, as printed: `RESOLVED`, `R E S O L V E D`, `Agreed`,
/// `RECOMMENDED`. Not `Resolution`.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?x)
        \b(?P<v>R\ E\ S\ O\ L\ V\ E\ D|RESOLVED|RESOVLED|RESLOVED|Resolved|resolved|AGREED|Agreed|agreed
             |DECIDED|Decided|decided|RECOMMENDED|Recommended|recommended|REQUESTED|requested|ORDERED)\b",
    )
    .unwrap()
});

/// The whole of the words before the verb, when they name who decided: `The Committee`, `It
/// was`, `Cabinet unanimously`, `Following debate, the Committee`. Not `Members considered the
/// report. The Chair` (a sentence ends in between).
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?xi)^(?:and\s+|accordingly\s+|thereupon\s+|therefore\s+)?
        (?:[^.:;]{1,160}?,\s*)?
        (?:it\s+was|it\s+is|(?:the\s+)?[a-z][\w&’'\-]*(?:\s+[\w&’'\-]+){0,6}?)?
        \s*(?:unanimously|further|therefore|accordingly|also|then)?\s*$",
    )
    .unwrap()
});

/// An auxiliary before the verb, which makes it narrative: `The matter has been`, `the issue
/// was`, `the results will be discussed and` (a passive the verb is joined to). Not `The
/// Committee`.
static NOT_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:be|been|being|has|have|had|are|were|not|was|is|if|when|which|who|had|would|should|could|will)\s*$|(?i)\b(?:was|were|is|are|has|have|had)\b|(?i)\b(?:be|been|being)\s+[a-z]+ed\s+(?:and|or)\s*$").unwrap()
});

/// What follows the verb up to its item: a vote (` (unanimously)`), a body (` TO CABINET`) and
/// the connective (`that:`, ` –`, `to`). Every part is optional, so it never fails to match: the
/// point is the `conn` and `to` groups, and ` the report` has neither.
static AFTER_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"(?xi)^
        (?:\s*\((?:unanimously|by\s[^)]{{1,40}}|nem\.?\s*con\.?|[^)]{{0,40}}(?:vote|votes|abstention)[^)]{{0,30}})\))?
        (?:\s+(?:unanimously|accordingly))?
        (?:\s+by\s+\d+\s+votes?(?:\s+(?:for|in\s+favour))?(?:(?:,|\s+and|\s+with)\s+\d+\s+(?:abstentions?|against|votes?\s+against))*)?
        (?:\s+(?:to|TO)\s+(?:the\s+)?(?P<to>(?:full\s+)?(?:the\s+executive|mayor\s+and\s+cabinet|{bodies})\b(?:\s+on\s+[^:.]{{1,40}})?))?
        \s*(?P<conn>(?:that|to)\s*[:\-–—]+|[:;\-–—,.]+(?:\s*[\-–—])?|(?:that|to)\b)?\s*",
        bodies = super::vocab::alternation(super::vocab::BODIES)
    ))
    .unwrap()
});

/// A recommendations heading: `Recommendations`, `Key recommendations:`, `Recommendations to
/// Cabinet`, `RECOMMENDATION: That …`. Not `The recommendations were accepted.`
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?xi)^
        (?:the\s+)?
        (?:(?:key|main|core|formal|summary\s+of(?:\s+the)?|officers?[’']?s?|proposed|draft|final|(?:lga\s+)?peer(?:\s+team)?(?:[’']s)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+){0,3}
        (?:recommendations?|recommendation\(s\))
        (?:\s+(?:to|for|of)\s+[^:.]{1,60}?)?
        \s*(?:[:.\-–—]\s*(?P<rest>.*))?$",
    )
    .unwrap()
});

/// A request to a body ending in a colon: `The Executive Mayor in Cabinet is asked to:`, `Cabinet
/// is recommended to approve the following:`. Not `Cabinet is asked to note the report.` (no
/// colon).
static ASKED: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?xi)\b(?:(?:is|are)\s+(?:therefore\s+|now\s+|also\s+|hereby\s+)?(?:asked|recommended|requested|invited|being\s+asked|required|requested)|be\s+recommended|be\s+asked)\s+to\b[^:]{0,120}:\s*[\-–]?\s*$",
    )
    .unwrap()
});

/// `That Cabinet:`, `That the Committee:-`, `That Cabinet note:`, `That the Scrutiny Committee
/// resolves to:` — a body (and perhaps its verb) opening a list. Not `That the plan be approved.`
static THAT_BODY: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"(?x)^(?:That|THAT|that)\s+(?:the\s+)?[A-Z][\w’'&\-]*(?:\s+(?:[A-Z][\w’'&\-]*|of|and|in|for|the|on))*
        (?:\s+(?:be\s+)?(?:recommended|asked|requested)\s+to(?:\s+\w+){{0,3}}
          |\s+(?:is\s+)?{verbs}(?:\s+to)?(?:\s+(?:the\s+)?following)?)?\s*[:\-–]\s*-?\s*$",
        verbs = super::vocab::decision_verbs_any_person()
    ))
    .unwrap()
});

/// `That approval be given to:`, `That the following be noted:` — the opening of a list. Not
/// `That the plan be approved.`
static THAT_COLON: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"^(?:That|THAT)\s.{0,80}?(?::|:-|:\s+-|:\s+–)\s*$").unwrap());

/// `The Cabinet:` / `Council:` / `Planning Committee:-` / `Accordingly, the Board:` — the body
/// whose decisions follow. Not `The Cabinet agreed:`.
static BODY_COLON: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"^(?:The\s+|(?:Accordingly|Therefore|Consequently|Thus|Hence),?\s+the\s+)?(?:[A-Z][\w&’'\-]*\s+){{0,5}}{bodies}\s*(?::|:-)\s*$",
        bodies = super::vocab::alternation_of(&super::vocab::printed(super::vocab::BODIES, false))
    ))
    .unwrap()
});

/// A motion's clauses, or a body's decisions, after the body and a verb in the present: `This
/// Council notes:`, `This Council further believes that:`, `Council therefore resolves to:`,
/// `The Committee agrees:`. Not `This Council notes the report.`
static MOTION: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"^(?:This\s+|The\s+)?(?:[A-Z][\w&’'\-]*\s+){{0,3}}{bodies}(?:\s+(?:further|also|therefore))?\s+(?:{verbs}|{motion})(?:\s+(?:that|to))?\s*(?::|:-)\s*$",
        bodies = super::vocab::alternation_of(&super::vocab::printed(super::vocab::BODIES, false)),
        verbs = super::vocab::decision_verbs_any_person(),
        motion = MOTION_VERBS.join("|"),
    ))
    .unwrap()
});

/// A motion that asks another body to act, its clauses after it: `The Council therefore
/// resolves to request the Cabinet to:`. Not `The Council resolves to request a report.`
static MOTION_ASKS: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"^(?:This\s+|The\s+)?(?:[A-Z][\w&’'\-]*\s+){{0,3}}{bodies}(?:\s+(?:further|also|therefore))?\s+resolves?\s+to\s+(?:request|ask|instruct|urge|call\s+(?:up)?on)\s+[^:]{{1,80}}?\s+to\s*(?::|:-)\s*$",
        bodies = super::vocab::alternation_of(&super::vocab::printed(super::vocab::BODIES, false)),
    ))
    .unwrap()
});

/// The verbs of a motion's clauses that are not `vocab::DECISION_VERBS`.
const MOTION_VERBS: &[&str] = &[
    "believes",
    "recognises",
    "recognizes",
    "regrets",
    "condemns",
    "commends",
    "calls\\s+(?:up)?on\\s+[^:]+?\\s+to",
];

/// Words one of which every line [`MOTION`] takes holds: each decision verb (its plain form
/// starts every form the pattern takes) and the motion's own verbs.
static MOTION_CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let mut words: Vec<&str> = super::vocab::DECISION_VERBS.to_vec();
    words.extend(["believ", "recogni", "regret", "condemn", "commend", "call"]);
    cue_words(&words)
});

/// The word every line [`MOVED`] takes holds.
static MOVED_CUES: LazyLock<AhoCorasick> = LazyLock::new(|| cue_words(&["seconded"]));

/// A motion put to the meeting, its clauses after it: `It was proposed by Councillor Mills
/// and seconded by Councillor Thomas:`, `Moved by Cllr Ahmed, seconded by Cllr Lee:`. Not
/// `The report was proposed by officers.`
static MOVED: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:it\s+was\s+)?(?:proposed|moved)\s+by\s+[^:]+?\bseconded\s+by\s+[^:]+?(?:\s+that)?\s*(?::|:-)\s*$").unwrap()
});

/// The recommendations put to the meeting and carried, their words after it: `The
/// recommendation as set out in the report was moved, seconded, voted on and carried.`, `The
/// recommendations were agreed:`. Not `The recommendations were noted by the panel in March.`
static CARRIED: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^(?:The|THE)\s+(?:[\w\-]+\s+){0,3}?(?i:recommendations?)\b[^.:;]*?\b(?:was|were)\s[^.:;]*?\b(?i:carried|agreed|approved)\s*[.:]?\s*$").unwrap()
});

/// The preamble of a decision taken by one person, its decisions after it: `Having complied
/// with paragraph 15 of the Access to Information Procedure Rules:`, `Having considered the
/// report and the representations received:`. Not `Having considered the report, Members
/// discussed the options.` (no colon at the end).
static HAVING: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^Having\s+(?:complied\s+with|considered|had\s+regard\s+to|taken\s+into\s+account|regard\s+to)\b[^:]{0,200}:\s*[-–]?\s*$").unwrap()
});

/// A decision field: `Decision:`, `Decision made: That the plan be adopted.`, `DECISION – …`,
/// `Approved:`. Not `Decision Maker: Cabinet`, nor a hyphenated word (`Decision-makers have`):
/// a hyphen separates only with a space on one side of it.
static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:decisions?(?:\s+made|\s+taken)?|the\s+decision|approved?|(?-i:DECISION))(?:\s*[:–—]|\s+-|-(?:\s|$))\s*(?P<rest>.*)$")
        .unwrap()
});

/// A decision's reference number in brackets, all a `Decision made:` field holds on its line:
/// `(CAB 16/17 18501)`. Not `(subject to call-in)`.
static REFERENCE_ONLY: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"^\s*\([^()a-z]{0,40}\d[^()a-z]{0,40}\)\s*$").unwrap());

/// A decision heading on its own line: `Decisions`, `Decision Taken`, `Resolutions`, `Decision of
/// Executive Councillor for Housing`. Not `Decision Maker: Cabinet` or `Decisions were made.`
static DECISION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^(?:Decisions?|DECISIONS?|Decision\s+[Tt]aken|Decisions?\s+[Mm]ade|Resolutions?|RESOLUTIONS?|Decisions?\s+(?:of|by)\s+(?:the\s+)?[A-Z][\w’'&\-]*(?:\s+(?:[A-Z][\w’'&\-]*|of|for|and|the|in)){0,8})\s*$").unwrap()
});

/// A sentence that introduces recommendations: `The peer team made the following
/// recommendations:`, `The Committee recommends that:`, `There are five recommendations covering`.
/// Not `The recommendations were accepted.`
static RECOMMEND_COLON: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
            r"(?xi)(?:
                \b(?:following|these|key|main|our|its|their|further|formal|peer\s+team[’']?s?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}))\s+(?:\w+\s+){0,2}recommendations?\b[^:]{0,140}
              | \brecommends?(?:\s+that)?(?:\s+(?:the\s+)?[\w\x20]{1,40}?)?
              | \brecommendations?\s+(?:are|were|include|is|made\s+(?:are|were|by|to))\b[^:]{0,80}
              | \brecommendations?\s+(?:to|for)\s+[^:]{1,60}
              | \bmade\s+the\s+following\s+recommendations?
              | \brecommendations\s+(?:of|from|made\s+by)\s+[^:]{1,160}?\b(?:are|were|include[sd]?|as\s+follows)
            ):\s*[\-–]?\s*$
            | \b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:\w+\s+)?recommendations\s+(?:covering|including|on|as\s+follows)\s*$",
        )
        .unwrap()
});

/// A peer team's work: `peer team`, `LGA`, `review team`. Not `the Planning Committee`.
static PEER: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)\bpeer|\bLGA\b|\breview team|\bchallenge team").unwrap());

/// A scrutiny review's work: `task and finish group`, `Scrutiny Panel`. Not `the Planning
/// Committee`.
static SCRUTINY: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:task\s+(?:and|&)\s+finish|task\s+group|scrutiny|working\s+group|review\s+group|select\s+committee|inquiry\s+panel)\b").unwrap()
});

/// Words of a decision taken: `agreed`, `resolved`, `adopted`. Not `recommended`.
/// A list of its own, not `vocab::DECISION_PAST`: it tells a body's resolution from an officer's
/// recommendation, so `recommended` and `requested` stay out.
static DECIDE_WORDS: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)\b(?:agreed|resolved|approved|decided|adopted)\b").unwrap());

/// The heading of reasons, not recommendations: `Reasons for the recommendations`, `Reason:`. Not
/// `the reasonable costs`.
static REASON_HEAD: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)^reasons?\b|\breasons?\s+for\b").unwrap());

/// Finds a lead-in at the start of `s` (a segment's words).
///
/// Besides a lead-in at the very start, two others count: one after a field label
/// (`Content: That Cabinet note:`), and one that is the last sentence of a paragraph that opens
/// a list (`The Group had spent four days on site. The Group made 8 key recommendations:`).
pub fn find(s: &str) -> Option<LeadIn> {
    let l = find_any(s)?;
    // `As additional actions it was agreed:` opens a list of actions, read by `actions`.
    (!names_agreed_actions(&s[..l.end])).then_some(l)
}

/// A lead-in that says the list after it holds actions agreed (`vocab::AGREED_ACTIONS`):
/// `As additional actions it was agreed:`. Not `Cabinet agreed the recommendations:`
static AGREED_ACTIONS: LazyLock<Regex> =
    LazyLock::new(|| re_new(&format!("(?i){}", super::vocab::AGREED_ACTIONS)).unwrap());

/// Whether a lead-in says its list holds actions agreed ([`AGREED_ACTIONS`]), which it can
/// only do with the word `action` in it (no letter of which has a case fold outside ASCII).
fn names_agreed_actions(s: &str) -> bool {
    s.as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"action"))
        && AGREED_ACTIONS.is_match(s)
}

fn find_any(s: &str) -> Option<LeadIn> {
    if s.len() <= 600
        && let Some(l) = find_short(s)
    {
        return Some(l);
    }
    if let Some(l) = last_sentence_opener(s) {
        return Some(l);
    }
    if s.len() > 600 {
        return None;
    }
    let c = FIELD.captures(s)?;
    let at = c.name("rest")?.start();
    let l = find_short(&s[at..])?;
    Some(LeadIn {
        end: at + l.end,
        rest: l.rest.map(|r| at + r),
        ..l
    })
}

/// Words that make a line ending in a colon a lead-in when a numbered list follows it:
/// `That the Leader, having considered the report …:`, `the Committee recommends to Council:`.
/// Not `The options considered were:` (no decision words).
static DECISION_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"(?i)^that\b|\bthat\s*[:\-–]*\s*$|\b(?:resolved|resolves|agreed|agrees|decided|decides|recommend(?:s|ed)?|recommendations?|(?:is|are)\s+asked\s+to|{bodies}\s+{verbs})\b",
        bodies = super::vocab::alternation(super::vocab::BODIES),
        verbs = super::vocab::decision_verbs_any_person(),
    ))
    .unwrap()
});

/// A lead-in recognised by what follows it: a line that ends like an opener and speaks of a
/// decision (`That the Leader, having considered …:`), when a numbered list comes next.
/// `strong` is set when the line itself says a decision was taken or recommended (`Agreed, in
/// order to …, to:`), so that the items need not read as decisions themselves.
pub fn opener_with_cue(s: &str) -> Option<(LeadIn, bool)> {
    let t = s.trim();
    if !super::textutil::ends_with_opener(t)
        || t.len() > 600
        || !DECISION_CUE.is_match(t)
        || names_agreed_actions(t)
        || REMIT.is_match(t)
    {
        return None;
    }
    let strong = STRONG_CUE.is_match(t);
    let kind = if PEER.is_match(t) {
        RecKind::Peer
    } else if DECIDE_WORDS.is_match(t) || VERB.is_match(t) {
        RecKind::Resolution
    } else {
        RecKind::Officer
    };
    Some((LeadIn::opens(kind, s.len()), strong))
}

/// The words of a decision taken or recommended: `resolved`, `agreed`, `recommended to`.
/// Not `that` alone.
/// A list of its own, not `vocab::DECISION_PAST`: `recommend` in any form and `ordered` count,
/// `noted` is not among them.
static STRONG_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:resolved|agreed|decided|recommend(?:s|ed)?|ordered)\b").unwrap()
});

/// A body that decides, named anywhere (`Cabinet`, `the Committee`). Not `committed`.
static BODY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"(?i)\b{}\b",
        super::vocab::alternation(super::vocab::BODIES)
    ))
    .unwrap()
});

/// Whether text says it is about a peer team's work (`peer challenge`, `LGA`, `review team`).
pub fn mentions_peer(s: &str) -> bool {
    PEER.is_match(s)
}

/// `That the Committee`, `That Cabinet`: a body named after `That` with nothing else, which
/// opens a list when labelled items follow. Not `That the report be noted`.
pub fn is_body_phrase(s: &str) -> bool {
    /// A body named after `That` with nothing else: `That the Committee`, `That Cabinet:`. Not
    /// `That the report be noted`.
    static BODY: LazyLock<Regex> = LazyLock::new(|| {
        re_new(&format!(
            r"(?i)^(?:that\s+)?(?:the\s+)?(?:[a-z][\w’'&\-]*\s+){{0,4}}{bodies}\s*[:\-–]*\s*$",
            bodies = super::vocab::alternation(super::vocab::BODIES)
        ))
        .unwrap()
    });
    BODY.is_match(s.trim())
}

/// A field label before a lead-in: `Content: That Cabinet note:`, `Decision made: RESOLVED`.
/// Not a sentence with a colon in it (`The options were as follows: …` has too many words).
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^[A-Z][A-Za-z]+(?:\s+[A-Za-z]+){0,2}\s*:\s+(?P<rest>\S.*)$").unwrap()
});

/// The last sentence of a paragraph, when it is a lead-in that opens a list (a long paragraph,
/// or a page flattened onto one line, may end in one).
fn last_sentence_opener(s: &str) -> Option<LeadIn> {
    let t = s.trim_end();
    if s.len() <= 600 && !super::textutil::ends_with_opener(t) {
        return None;
    }
    let from = t.len().saturating_sub(300);
    let from = (from..t.len()).find(|&i| t.is_char_boundary(i))?;
    let cut = from + t[from..].rfind(". ")? + 2;
    // Two spaces after a full stop are common in pasted minutes.
    let cut = t.len() - t[cut..].trim_start().len();
    let l = find_short(&t[cut..])?;
    (l.rest.is_none()).then(|| LeadIn {
        end: cut + l.end,
        ..l
    })
}

/// A lead-in at the start of a short text. When the words it carries on its line are
/// themselves an opening lead-in (`RESOLVED: That the Committee:-`, `Recommendations: That the
/// Scrutiny Committee resolves to:`), the whole line opens the list — unless those words are a
/// resolution in themselves (`RESOLVED: That the fees be agreed as follows:`).
fn find_short(s: &str) -> Option<LeadIn> {
    let l = find_plain(s)?;
    if let Some(r) = l.rest
        && let inner = s[r..].trim_start_matches(['|', ' ', '\t'])
        && !PASSIVE_REST.is_match(inner)
        && find_plain(inner).is_some_and(|i| i.rest.is_none())
    {
        return Some(LeadIn {
            rest: None,
            end: s.len(),
            ..l
        });
    }
    Some(l)
}

/// Words at least one of which every family of `find_plain` needs, any case:
/// `It was RESOLVED that:` has one, `The report was presented by the officer.` none. A family
/// that needs none of them needs the line to start with `that` or to end in a colon or in
/// `then`/`has`/`have` (see [`may_lead_in`]).
static LEAD_IN_CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    cue_words(&[
        "recommend",
        "decision",
        "approve",
        "resolution",
        "resolved",
        "resovled",
        "resloved",
        "r e s o l v e d",
        "agreed",
        "decided",
        "requested",
        "ordered",
        "asked",
        "invited",
    ])
});

/// Whether `find_plain` can find anything in `s`: a cheap test that is true of every line
/// one of its patterns matches, so that the patterns run only on lines that can be lead-ins
/// (about one line in ten of a council paper).
fn may_lead_in(s: &str) -> bool {
    let starts_that = s.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("that"));
    let before_dashes = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–'));
    let before_colon =
        s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–'));
    let tail = before_colon.as_bytes();
    let ends_then_has_have = ["then", "has", "have"].iter().any(|w| {
        tail.len() >= w.len() && tail[tail.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
    });
    starts_that || before_dashes.ends_with(':') || ends_then_has_have || has_cue(&LEAD_IN_CUES, s)
}

fn find_plain(s: &str) -> Option<LeadIn> {
    if !may_lead_in(s) {
        return None;
    }
    find_plain_unfiltered(s)
}

fn find_plain_unfiltered(s: &str) -> Option<LeadIn> {
    if let Some(l) = heading(s) {
        return Some(l);
    }
    if let Some(c) = DECISION.captures(s) {
        let rest = c.name("rest").filter(|r| {
            let t = r
                .as_str()
                .trim()
                .trim_end_matches([':', '-', '–'])
                .to_ascii_lowercase();
            // `DECISION: The Cabinet agreed to:` opens a list like `DECISION:` alone.
            let opens = verb_lead_in(r.as_str()).is_some_and(|l| l.rest.is_none())
                || THEN.is_match(r.as_str());
            let reference =
                r.as_str().trim_start().starts_with('(') && REFERENCE_ONLY.is_match(r.as_str());
            !t.is_empty() && t != "that" && !opens && !reference
        });
        return Some(match rest {
            Some(r) => LeadIn::carries_item(RecKind::Resolution, r.start()),
            None => LeadIn {
                heading: true,
                ..LeadIn::opens(RecKind::Resolution, s.len())
            },
        });
    }
    if DECISION_HEADING.is_match(s) {
        return Some(LeadIn {
            heading: true,
            ..LeadIn::opens(RecKind::Resolution, s.len())
        });
    }
    if let Some(l) = verb_lead_in(s) {
        return Some(l);
    }
    if has_cue(&MOVED_CUES, s) && MOVED.is_match(s)
        || s.starts_with("Having") && HAVING.is_match(s)
        || CARRIED.is_match(s)
    {
        return Some(LeadIn::opens(RecKind::Resolution, s.len()));
    }
    if THAT_BODY.is_match(s)
        || THAT_COLON.is_match(s)
        || BODY_COLON.is_match(s)
        || has_cue(&MOTION_CUES, s) && MOTION.is_match(s)
        || s.contains("resolve") && s.contains(" to ") && MOTION_ASKS.is_match(s)
    {
        return Some(LeadIn {
            sub: true,
            ..LeadIn::opens(RecKind::Officer, s.len())
        });
    }
    if ASKED.is_match(s) {
        return Some(LeadIn::opens(RecKind::Officer, s.len()));
    }
    if HAS_RECOMMENDED.is_match(s) {
        return Some(LeadIn::opens(RecKind::Officer, s.len()));
    }
    if THEN.is_match(s) {
        return Some(LeadIn {
            sub: true,
            ..LeadIn::opens(RecKind::Resolution, s.len())
        });
    }
    if let Some(c) = ASKED_INLINE.captures(s) {
        let rest = c.name("rest").expect("rest group");
        // `Members are invited to disclose any interest` is housekeeping, not a recommendation;
        // `Members are asked to note the outstanding actions list.` is an agenda's summary of
        // its item, not a recommendation either: only a request with a list after it counts.
        if DECLARE.is_match(rest.as_str())
            || INTEREST.is_match(rest.as_str())
            || PUBLIC.is_match(s)
            || !super::textutil::ends_with_opener(s)
        {
            return None;
        }
        return Some(LeadIn::carries_item(RecKind::Officer, rest.start()));
    }
    // The sentence that ends in the colon introduces the list: `… recommendations made by the
    // auditors. It was highlighted that:` opens discussion points, not recommendations.
    if RECOMMEND_COLON.is_match(super::textutil::last_sentence(s)) && !REASON_HEAD.is_match(s) {
        let kind = if PEER.is_match(s) {
            RecKind::Peer
        } else if SCRUTINY.is_match(s) {
            RecKind::Other
        } else if DECIDE_WORDS.is_match(s) {
            RecKind::Resolution
        } else {
            RecKind::Officer
        };
        let weak = RELATIVE.is_match(s) || REMIT.is_match(s);
        return Some(LeadIn {
            weak: true,
            ..LeadIn::opens(kind, s.len())
        })
        .filter(|_| !weak);
    }
    None
}

/// `recommendations for which progress was reported:` — a clause about recommendations, not a
/// list of them. Not `The recommendations of the peer team, on which views were sought, were:`.
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\brecommendations?\s+(?:(?:for|of|in|on)\s+which|whereby)\b").unwrap()
});

/// A body's remit, the matters it may make recommendations on: `The Panel is responsible for
/// making recommendations to the Council on the following matters:`. Not `The Panel made the
/// following recommendations:`.
static REMIT: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:responsible\s+for|role\s+(?:is|of)|remit\s+(?:is|of)|power\s+to|may|can)\s+(?:\w+\s+){0,2}?mak(?:e|ing)\s+recommendations?\b").unwrap()
});

fn heading(s: &str) -> Option<LeadIn> {
    let c = HEADING.captures(s)?;
    let rest = c.name("rest").filter(|r| !r.as_str().trim().is_empty());
    let colon = s.trim_end().ends_with([':', '-', '–', '—']) || rest.is_some();
    if !colon && !is_heading_like(s) {
        return None;
    }
    if let Some(r) = rest {
        // `Recommendation 1 above` is a reference, `Recommendations: That …` a lead-in.
        let first = r.as_str().trim_start();
        if first.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
    }
    let kind = if PEER.is_match(s) {
        RecKind::Peer
    } else {
        RecKind::Officer
    };
    let end = rest.map_or(s.len(), |r| r.start());
    Some(LeadIn {
        rest: rest.map(|r| r.start()),
        heading: true,
        ..LeadIn::opens(kind, end)
    })
}

fn verb_lead_in(s: &str) -> Option<LeadIn> {
    let m = VERB.captures(s)?;
    let v = m.name("v")?;
    let verb = v.as_str();
    let upper = verb.chars().all(|c| c.is_uppercase() || c == ' ');
    // `… presented the plan. RESOLVED:` — the lead-in starts at the sentence before it.
    let sentence_start = s[..v.start()].rfind(". ").map_or(0, |i| i + 2);
    if v.start() - sentence_start > 160 {
        return None;
    }
    let prefix = &s[..v.start()];
    let verb_l: String = verb
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let after = &s[v.end()..];
    let a = AFTER_VERB.captures(after)?;
    let conn = a
        .name("conn")
        .map(|c| c.as_str().trim().to_ascii_lowercase());
    let rest_at = v.end() + a.get(0).map_or(0, |m| m.end());
    let rest = s[rest_at..].trim_end();
    // `RESOLVED – that` or `resolved to approve that:-` still open a list.
    let rest_key = rest
        .trim_end_matches(|c: char| c == ':' || c == '-' || c == '–' || c.is_whitespace())
        .to_ascii_lowercase();
    let opens = rest.is_empty()
        || matches!(
            rest_key.as_str(),
            "that" | "to" | "as follows" | "the following"
        )
        || (rest.len() <= 60
            && (rest.ends_with(':')
                || rest.ends_with(":-")
                || rest.ends_with(" -")
                || rest.ends_with('–'))
            && !rest.contains('.')
            && (rest_key.contains(" that")
                || rest_key.contains("following")
                || rest_key.split_whitespace().count() <= 2));

    let lower_prefix = prefix.trim().to_ascii_lowercase();
    let it_was = lower_prefix.ends_with("it was") || lower_prefix.ends_with("it is");
    // Only the words after the last comma name who resolved.
    let last_clause = prefix.rsplit(',').next().unwrap_or(prefix);
    // The two patterns below are the dearest tests here: they run last, and only when the
    // answer still depends on them.
    let auxiliary = || !it_was && NOT_SUBJECT.is_match(last_clause);
    // `It was moved by Councillor A, seconded by Councillor B, and RESOLVED THAT:`;
    // `… as a correct record. Minutes: RESOLVED: That …`
    let clause = lower_prefix.ends_with(", and")
        || lower_prefix.ends_with(',')
        || lower_prefix.ends_with(" and")
        || lower_prefix.ends_with(':')
        || lower_prefix.ends_with('.');
    let subject = || !auxiliary() && SUBJECT.is_match(prefix);
    // `RESOLVED:` in capitals with its colon is a lead-in wherever it stands.
    let colon = conn
        .as_deref()
        .is_some_and(|c| c.starts_with([':', '-', '–', '—']));
    let accepted = if upper {
        clause || prefix.trim().is_empty() || colon || subject()
    } else if opens {
        // `the Mayor and Cabinet agreed that:` — a list follows, so the verb is a formula.
        // `Cabinet agreed` alone on its line, its colon lost, is the body and its verb only.
        it_was
            || conn.is_some() && !auxiliary() && (clause || SUBJECT.is_match(prefix))
            || conn.is_none() && rest.is_empty() && is_body_phrase(prefix)
    } else {
        // An item on the same line: only plain decision formulas.
        // `it was agreed that the Chair would hold a meeting` is narrative; `it was agreed that
        // the plan be adopted` is a decision.
        let formula_rest =
            || verb_l == "resolved" || PASSIVE_REST.is_match(rest) && !REPORTED.is_match(rest);
        let formula_verb = verb_l == "resolved" || it_was;
        // `four resolved, and four still outstanding` is a count, not a decision.
        let conn = conn.filter(|c| !c.starts_with([',', '.']));
        let starts_capital =
            prefix.trim().is_empty() && verb.starts_with(['R', 'A', 'D']) && conn.is_some();
        let conn = conn.is_some();
        (starts_capital || it_was && conn || formula_verb && conn && subject()) && formula_rest()
    };
    if !accepted {
        return None;
    }
    if verb_l == "recommended" && !upper && !it_was {
        return None;
    }
    // `The Committee requested:` opens a list of decisions; `it was requested that the action
    // be closed` is narrative.
    if verb_l == "requested" && !opens {
        return None;
    }
    // `Cabinet RECOMMENDED to Council` is a body's decision; `RECOMMENDED:` alone an officer's.
    let kind = if verb_l.starts_with("recommended") && !BODY_WORD.is_match(prefix) {
        RecKind::Officer
    } else {
        RecKind::Resolution
    };
    if opens || (rest.ends_with(':') && rest.len() < 80 && THAT_BODY.is_match(rest)) {
        return Some(LeadIn::opens(kind, s.len()));
    }
    // `RESOLVED that the report be noted`: the formula includes `that`. After punctuation the
    // item keeps its own `That` (`RESOLVED – That the minutes be approved.`). `to` stays
    // with its verb (`resolved to approve …`).
    let conn_start = a
        .name("conn")
        .filter(|c| c.as_str().trim().eq_ignore_ascii_case("to"));
    let rest_start = conn_start.map_or(rest_at, |c| v.end() + c.start());
    Some(LeadIn::carries_item(kind, rest_start))
}

/// An item that is a decision's formula: `that the plan be approved`, `the fees shall be set`. Not
/// `that the Chair would hold a meeting`.
static PASSIVE_REST: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:that\s+)?[^.]{0,200}?\b(?:shall\s+|should\s+)?be\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|made|kept|held|set|given|taken|sent|brought)\b").unwrap()
});

/// Something reported as to come, not decided: `would be`, `will be`. Not `be approved`.
static REPORTED: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)\b(?:would|will|could|might|may)\s+be\b").unwrap());

/// Housekeeping asked of members: `disclose any interests`, `declare`, `sign the register`. Not
/// `note the report`.
static DECLARE: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"^(?:disclose|declare|register|leave|switch|sign)\b").unwrap());

/// Declarations or apologies: `interests`, `apologies`. Not `interested`.
static INTEREST: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)\b(?:interests?|apologies)\b").unwrap());

/// `… and has recommended to the Council Meeting that it:` (the items follow as a list). Not `The
/// panel has recommended approval.`
static HAS_RECOMMENDED: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:has|have|had)\s+(?:therefore\s+)?recommended\s+(?:to\s+[^:.]{1,60}?\s+)?(?:that(?:\s+(?:it|they|the\s+\w+))?)?\s*[:\-–]?\s*$").unwrap()
});

/// `Members of the public are invited to put questions …`: an invitation, not a recommendation.
/// Not `Members are invited to` (members of the body).
static PUBLIC: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:members\s+of\s+the\s+public|the\s+public|residents|petitioners|questioners)\s+(?:are|is)\b").unwrap()
});

/// A body then a list of what it did: `The Cabinet then:`, `Council has:`. Not `The Cabinet then
/// agreed the plan.`
static THEN: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"(?i)^(?:the\s+)?(?:[A-Z][\w&’'\-]*\s+){{0,6}}?{bodies}\s+(?:then|has|have)\s*(?::-?|:?\s*[-–])?\s*$",
        bodies = super::vocab::alternation(super::vocab::BODIES)
    ))
    .unwrap()
});

/// A request to a body with its item on the same line: `Cabinet is asked to approve the revised
/// budget.` (the item starts at `approve`). Not `Cabinet asked for a report.`
static ASKED_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:the\s+)?(?:[\w&’'\-]+\s+){0,6}?(?:is|are)\s+(?:therefore\s+|now\s+|also\s+)?(?:asked|recommended|requested|invited)\s+to\s+(?P<rest>(?:disclose|declare|register|leave|switch|sign)\b.*|[a-z]\S*\s.+)$").unwrap()
});

/// Whether a segment's words start a `REASON:` paragraph or similar aside between items.
pub fn is_aside(s: &str) -> bool {
    /// An aside between items: `Reasons for the decision:`, `Alternative options considered: none`,
    /// `(Note: …)`, `Councillor Smith declared an interest`. Not `That the report be noted.`
    static ASIDE: LazyLock<Regex> = LazyLock::new(|| {
        re_new(
            r"(?i)^\(?(?:reasons?(?:\s+for\s+(?:the\s+)?(?:decisions?|recommendations?|resolutions?))?(?:\s*\(s\))?\s*[:\-–—]|reasons?\s+for\s+(?:the\s+)?(?:decisions?|recommendations?)\b|alternative\s+options?(?:\s+considered)?(?:\s+and\s+rejected)?\s*[:\-–—]?|options?\s+considered(?:\s+and\s+rejected)?\s*[:\-–—]|\(?note\s*:|\(the\s+(?:meeting|committee|chair)\b|councillor\s+[\w’' -]{1,40}\s+(?:declared|left|returned|abstained)\b)",
        )
        .unwrap()
    });
    let t = s.trim();
    ASIDE.is_match(t) || (t.starts_with('(') && (t.ends_with(')') || t.ends_with(").")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<RecKind> {
        find(s).map(|l| l.kind)
    }

    fn rest(s: &str) -> Option<&str> {
        find(s).and_then(|l| l.rest.map(|r| &s[r..]))
    }

    #[test]
    fn the_cheap_test_passes_every_line_a_family_takes() {
        for s in [
            "Recommendations to Cabinet:",
            "Decision made: That the plan be adopted.",
            "Decision of Executive Councillor for Housing",
            "RESOLUTIONS",
            "It was RESOLVED that:",
            "R E S O L V E D",
            "Cabinet AGREED",
            "That Cabinet:",
            "That approval be given to:",
            "Planning Committee:-",
            "The Executive Mayor in Cabinet is required to consider the following: –",
            "… and has recommended to the Council Meeting that it:",
            "The Cabinet then:",
            "Council HAS –",
            "Members are asked to agree the following –",
            "The peer team made the following recommendations:",
            "Approved – the plan",
        ] {
            assert!(find_plain_unfiltered(s).is_some(), "{s:?} is not a lead-in");
            assert!(may_lead_in(s), "{s:?} refused by the cheap test");
        }
        for s in [
            "The report was presented by the officer.",
            "Members discussed the budget in detail",
            "Councillors visited the depot on Tuesday",
        ] {
            assert!(!may_lead_in(s), "{s:?}");
        }
    }

    #[test]
    fn resolution_lead_ins_open_lists() {
        for s in [
            "RESOLVED:",
            "RESOLVED THAT:",
            "It was RESOLVED that:",
            "Resolved;",
            "Resolved –",
            "R E S O L V E D",
            "Cabinet AGREED",
            "The Committee RESOLVED (unanimously) that:",
            "It was moved by Councillor Smith, seconded by Councillor Jones, and RESOLVED THAT:",
            "Cabinet resolved to:",
            "It was agreed that:",
            "the Committee resolved by 6 votes for and 2 abstentions to:",
            "The Committee requested:",
            // The recommendation carried, its words after it.
            "The recommendation as set out in the report was moved, seconded, voted on and carried.",
            // Alone on its line, its colon lost.
            "Cabinet agreed",
            "The Committee resolved",
        ] {
            let l = find(s).unwrap_or_else(|| panic!("no lead-in in {s:?}"));
            assert_eq!(l.kind, RecKind::Resolution, "{s}");
            assert!(l.rest.is_none(), "{s:?} should open a list");
        }
    }

    #[test]
    fn lead_ins_with_an_item_after_them() {
        assert_eq!(
            rest("RESOLVED – That the minutes be approved."),
            Some("That the minutes be approved.")
        );
        assert_eq!(
            rest("Decision Made: That the plan be adopted."),
            Some("That the plan be adopted.")
        );
        assert_eq!(
            rest("It was RESOLVED that the report be noted."),
            Some("the report be noted.")
        );
        assert_eq!(
            rest("RESOLVED: the minutes were approved."),
            Some("the minutes were approved.")
        );
    }

    #[test]
    fn officer_lead_ins() {
        for s in [
            "RECOMMENDED TO CABINET:",
            "That Council be recommended to:",
            "The Executive Mayor in Cabinet is asked to:",
            "Committee is asked to recommend to Council:",
            "Recommendations:",
            "RECOMMENDATIONS",
            "That Cabinet:",
            "Recommendations to Cabinet",
        ] {
            assert_eq!(kind(s), Some(RecKind::Officer), "{s}");
        }
        assert!(find("That Cabinet:").unwrap().sub);
    }

    #[test]
    fn peer_lead_ins() {
        assert_eq!(
            kind(
                "The report included seven recommendations to support the Council’s continuous improvement journey:"
            ),
            Some(RecKind::Officer)
        );
        assert_eq!(
            kind("The peer team’s key recommendations to the Council are:"),
            Some(RecKind::Peer)
        );
    }

    #[test]
    fn narrative_is_not_a_lead_in() {
        for s in [
            "The issue was resolved by officers before the meeting.",
            "Members agreed the session had been useful.",
            "The plan was agreed",
            "Members noted the concerns and agreed",
            // A body's remit, not recommendations made.
            "The Panel is responsible for making recommendations to the Council on the following matters:",
            "The matter has been resolved.",
            "Reasons for recommendations",
            "Recommendation 3 above was discussed.",
            "The purpose of the review meeting is to: -",
            "the peer team considered the following five themes:",
            "Decision Maker: Cabinet",
            "Members of the public are invited to put questions to the Cabinet on any matter.",
            "If agreed, the plan will be published.",
            "Members requested that the report be circulated.",
            // The verb joined to a passive: prose, not a decision.
            "The areas to focus on will be discussed and agreed.",
            // A hyphenated word, not a `Decision -` field.
            "Decision-makers across the partnership had been briefed.",
            // A list of actions agreed, read by `actions`.
            "As additional actions it was agreed:",
            "The following actions were agreed:",
            "Agreed actions:",
            // The sentence before the colon speaks of discussion; the one before it of
            // recommendations.
            "The Audit Manager gave an update on the recommendations made by the auditors in their reports. It was highlighted that:",
        ] {
            assert!(find(s).is_none(), "{s:?} read as a lead-in: {:?}", find(s));
        }
    }

    #[test]
    fn a_lead_in_is_the_sentence_that_ends_in_the_colon() {
        // The sentence that mentions recommendations is the one that ends in the colon.
        assert_eq!(
            kind(
                "The Scrutiny Panel met four times. The Panel made the following recommendations:"
            ),
            Some(RecKind::Other)
        );
        // Two spaces after the full stop before a body that opens a list.
        let s = "The Head of Service presented the report for information and advised that it had been considered by the Partnership.  Accordingly the Board:";
        assert_eq!(
            find(s).map(|l| (l.kind, l.end)),
            Some((RecKind::Officer, s.len()))
        );
        assert_eq!(kind("Therefore, the Committee:"), Some(RecKind::Officer));
        // A motion's clauses, and a motion moved and seconded.
        assert_eq!(kind("This Council notes:"), Some(RecKind::Officer));
        assert_eq!(
            kind("This Council further believes that:"),
            Some(RecKind::Officer)
        );
        assert_eq!(
            kind("Moved by Cllr Ahmed, seconded by Cllr Lee:"),
            Some(RecKind::Resolution)
        );
        assert_eq!(kind("This Council notes the report."), None);
        // What was agreed is a resolution unless the words say it is a list of actions.
        assert_eq!(kind("It was agreed:"), Some(RecKind::Resolution));
        assert_eq!(kind("As additional actions it was agreed:"), None);
    }

    #[test]
    fn asides() {
        assert!(is_aside("REASON: To ensure the Council responds."));
        assert!(is_aside(
            "Reason for decision: For Cabinet to consider the report"
        ));
        assert!(is_aside("Alternative options considered: none"));
        assert!(!is_aside("That the report be noted."));
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[
            (&*super::VERB, "RESOLVED", "Resolution"),
            (
                &*super::SUBJECT,
                "The Committee",
                "Members considered the report. The Chair",
            ),
            (&*super::NOT_SUBJECT, "The matter has been", "The Committee"),
            (
                &*super::HEADING,
                "Recommendations",
                "The recommendations were accepted.",
            ),
            (
                &*super::ASKED,
                "The Executive Mayor in Cabinet is asked to:",
                "Cabinet is asked to note the report.",
            ),
            (
                &*super::THAT_BODY,
                "That Cabinet:",
                "That the plan be approved.",
            ),
            (
                &*super::THAT_COLON,
                "That approval be given to:",
                "That the plan be approved.",
            ),
            (&*super::BODY_COLON, "The Cabinet:", "The Cabinet agreed:"),
            (&*super::DECISION, "Decision:", "Decision Maker: Cabinet"),
            (
                &*super::DECISION,
                "Decision - That the plan be adopted.",
                "Decision-makers have",
            ),
            (
                &*super::REFERENCE_ONLY,
                "(CAB 16/17 18501)",
                "(subject to call-in)",
            ),
            (
                &*super::MOTION,
                "This Council notes:",
                "This Council notes the report.",
            ),
            (
                &*super::MOVED,
                "It was proposed by Councillor Mills and seconded by Councillor Thomas:",
                "The report was proposed by officers.",
            ),
            (
                &*super::HAVING,
                "Having complied with paragraph 15 of the Access to Information Procedure Rules:",
                "Having considered the report, Members discussed the options.",
            ),
            (
                &*super::MOTION_ASKS,
                "The Council therefore resolves to request the Cabinet to:",
                "The Council resolves to request a report.",
            ),
            (
                &*super::AGREED_ACTIONS,
                "As additional actions it was agreed:",
                "Cabinet agreed the recommendations:",
            ),
            (
                &*super::DECISION_HEADING,
                "Decisions",
                "Decision Maker: Cabinet",
            ),
            (
                &*super::RECOMMEND_COLON,
                "The peer team made the following recommendations:",
                "The recommendations were accepted.",
            ),
            (
                &*super::CARRIED,
                "The recommendation as set out in the report was moved, seconded, voted on and carried.",
                "The recommendations were noted by the panel in March.",
            ),
            (
                &*super::REMIT,
                "The Panel is responsible for making recommendations to the Council on the following matters:",
                "The Panel made the following recommendations:",
            ),
            (&*super::PEER, "peer team", "the Planning Committee"),
            (
                &*super::SCRUTINY,
                "task and finish group",
                "the Planning Committee",
            ),
            (&*super::DECIDE_WORDS, "agreed", "recommended"),
            (
                &*super::REASON_HEAD,
                "Reasons for the recommendations",
                "the reasonable costs",
            ),
            (
                &*super::DECISION_CUE,
                "That the Leader, having considered the report …:",
                "The options considered were:",
            ),
            (&*super::STRONG_CUE, "resolved", "that"),
            (&*super::BODY_WORD, "Cabinet", "committed"),
            (
                &*super::FIELD,
                "Content: That Cabinet note:",
                "The options were as follows: …",
            ),
            (
                &*super::RELATIVE,
                "recommendations for which progress was reported:",
                "The recommendations of the peer team, on which views were sought, were:",
            ),
            (
                &*super::PASSIVE_REST,
                "that the plan be approved",
                "that the Chair would hold a meeting",
            ),
            (&*super::REPORTED, "would be", "be approved"),
            (
                &*super::DECLARE,
                "disclose any interests",
                "note the report",
            ),
            (&*super::INTEREST, "interests", "interested"),
            (
                &*super::HAS_RECOMMENDED,
                "… and has recommended to the Council Meeting that it:",
                "The panel has recommended approval.",
            ),
            (
                &*super::PUBLIC,
                "Members of the public are invited to put questions …",
                "Members are invited to",
            ),
            (
                &*super::THEN,
                "The Cabinet then:",
                "The Cabinet then agreed the plan.",
            ),
            (
                &*super::ASKED_INLINE,
                "Cabinet is asked to approve the revised budget.",
                "Cabinet asked for a report.",
            ),
        ];
        crate::extract::textutil::assert_documented_examples(cases);
    }

    /// `AFTER_VERB` always matches (every part is optional): what it finds is in its groups.
    /// The patterns inside functions are checked through those functions.
    #[test]
    fn after_verb_groups_and_patterns_inside_functions() {
        let c = AFTER_VERB
            .captures(" (unanimously) that:")
            .expect("always matches");
        assert_eq!(c.name("conn").map(|m| m.as_str()), Some("that:"));
        let c = AFTER_VERB.captures(" TO CABINET:").expect("always matches");
        assert_eq!(c.name("to").map(|m| m.as_str()), Some("CABINET"));
        let c = AFTER_VERB.captures(" the report").expect("always matches");
        assert!(c.name("conn").is_none() && c.name("to").is_none());
        assert!(is_body_phrase("That the Committee") && is_body_phrase("That Cabinet:"));
        assert!(!is_body_phrase("That the report be noted"));
        for s in [
            "Reasons for the decision:",
            "Alternative options considered: none",
            "(Note: the item was deferred)",
            "Councillor Smith declared an interest",
        ] {
            assert!(is_aside(s), "{s}");
        }
        assert!(!is_aside("That the report be noted."));
    }

    /// The reasons given in the module's table of the order of families.
    #[test]
    fn families_are_tried_in_the_documented_order() {
        // 1 before 10: a heading, not a weak sentence.
        let s = "Recommendations to Cabinet:";
        assert!(RECOMMEND_COLON.is_match(s));
        let l = find(s).expect("heading");
        assert!(l.heading && !l.weak);
        // 2: the field decides, whatever its words.
        assert_eq!(
            rest("Decision: To approve the budget."),
            Some("To approve the budget.")
        );
        assert!(verb_lead_in("Decision: To approve the budget.").is_none());
        // 4 before 5: the verb's resolution, not an officer's sub-lead-in.
        let s = "That Cabinet RESOLVED:";
        assert!(THAT_BODY.is_match(s));
        let l = find(s).expect("verb");
        assert_eq!((l.kind, l.sub), (RecKind::Resolution, false));
        // 5 before 6: a sub-lead-in.
        let s = "That Council be recommended to:";
        assert!(ASKED.is_match(s) && find(s).expect("body").sub);
        // 6 needs its colon; 9 takes the item on the line.
        let s = "Members are asked to agree the following –";
        assert!(!ASKED.is_match(s));
        assert_eq!(rest(s), Some("agree the following –"));
        assert!(find("Members are invited to disclose any interests –").is_none());
        assert!(find("Members are asked to note the actions list.").is_none());
        // Around the rows: a carried item that opens a list, a last sentence, a field label.
        let l = find("RESOLVED: That the Committee:-").expect("lead-in");
        assert!(l.rest.is_none());
        assert_eq!(
            rest("RESOLVED: That the fees be agreed as follows:"),
            Some("That the fees be agreed as follows:")
        );
        let s = "The Group spent four days on site. The Group made 8 key recommendations:";
        assert_eq!(find(s).map(|l| l.end), Some(s.len()));
        assert_eq!(kind("Content: That Cabinet note:"), Some(RecKind::Officer));
    }
}
