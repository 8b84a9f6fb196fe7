//! Actions written in the prose of minutes: the outstanding-actions, matters-arising and
//! action-log items that a committee goes through, each with its status only in words
//! (`could now be closed`, `was being drafted`, `would remain open`).
//!
//! Prose is read as actions only inside such a part of the page (a zone opened by its heading
//! or by the sentence that introduces the report), and only where a sentence says how far the
//! action has got. The unit reported is the smallest that carries one action: a bullet, a
//! `Title – prose` item, a paragraph that opens by naming its action (`With regard to action
//! 2, …`), or else a sentence. Outside such zones only explicit undertakings are read
//! (`The Clerk undertook to circulate the terms of reference.`).

use super::actions::{FoundAction, is_aggregate};
use super::segment::Segment;
use super::status;
use super::textutil::{
    collapse, cue_words, ends_sentence, ends_with_opener, has_cue, is_heading_like, is_terminator,
    re_new,
};
use super::vocab;
use crate::model::ActionStatus;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// What a zone of actions is about: `Outstanding Actions`, `Matters arising`, `Action log`,
/// `Tracking decisions`, `Internal Audit Follow Up Reports`, a parish clerk's report on what
/// was done since the last meeting (`Clerk’s progress report on decisions taken`, `Report on
/// the work carried out`), councillors' reports on their areas (`Reports from councillors`).
/// Not `The action plan was approved.`
static TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:outstanding\s+(?:actions?|references?|items|issues|recommendations)|matters?\s+arising|actions?\s+(?:log|list|tracker|tracking|arising|points?|sheet|register|schedule|updates?)|action\s+plan\s+(?:update|progress|monitoring)|tracking\s+(?:decisions|of\s+(?:decisions|actions|recommendations))|decisions?\s+tracker|actions?\s+from\s+(?:the\s+)?(?:last|previous)\s+meeting|progress\s+(?:on|against)\s+(?:the\s+)?(?:actions|recommendations|action\s+plan)|register\s+of\s+outstanding|recommendations?\s+tracker|follow[\s-]up\s+(?:of|on)\s+(?:internal\s+)?(?:audit\s+)?recommendations|audit\s+follow[\s-]?up|follow[\s-]?up\s+(?:audits?|reviews?)|clerk(?:['’]?s)?\s+(?:progress\s+)?report|progress\s+report\s+on\s+(?:the\s+)?(?:decisions|actions)|report\s+on\s+(?:the\s+)?(?:work|progress)\s+(?:carried\s+out|undertaken|made)|reports?\s+(?:from|by)\s+(?:the\s+)?(?:councillors|members)|(?:councillors|members)['’]?\s+reports?)\b").unwrap()
});

/// A review of progress: `Progress Review`, `Progress found by the peer team`. Its prose is a
/// narrative, so only its items (bullets, `Title – prose`) are read as actions. Not `progress
/// was reviewed` in a sentence.
static REVIEW_TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\bprogress\s+review\b|\bprogress\s+(?:found|made)\s+by\b").unwrap()
});

/// A paragraph that names its action first: `With regards to action 1, …`, `Referring to Item
/// 5 of the minutes …`, `In respect of item 5 (…)`. Not `With regard to the budget, …`
static NAMES_ITS_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:with\s+regards?\s+to|in\s+regards?\s+to|regarding|concerning|in\s+respect\s+of|referring\s+to|in\s+relation\s+to|on|under|turning\s+to|for)\s+(?:the\s+)?(?:action|item|minute|reference|recommendation|outstanding\s+reference|OR)\s*(?:no\.?\s*)?\(?[\dA-Z]").unwrap()
});

/// A paragraph of matters arising that names the minute it follows up: `Arising from minute 128,
/// Rachel Morgan updated that …`, `Also arising from item 5, …`. Not `Issues arising from the
/// report were discussed.`
static ARISING: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:also\s+|further\s+)?arising\s+from\s+(?:the\s+)?(?:minute|item|action)s?\s*(?:no\.?\s*)?\(?\d").unwrap()
});

/// A reference heading that names one action, its status in the paragraphs under it:
/// `OR1 – "Use of Force" Figures in Custody`, `Action 3: Library opening hours`.
/// Not `Page 2` or `1. Apologies`.
static REF_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^(?:OR|AP|Action|Ref(?:erence)?\.?|Item)\s?\d{1,3}[a-z]?\s*[-–—:]\s*(?P<title>\S.{2,100})$").unwrap()
});

/// The title of a `Title – prose` item: `Induction Process - A Member raised …`, `School Meetings:
/// Officers reported …`, `(3.4) Website Renewal – Signed invoice received.` (the number of
/// the minute it follows up before it). Not a sentence with a dash later on: `Members were
/// reminded that the report on the library service would follow – Officers agreed.` (more
/// than ten words first).
static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"^(?:\(\d{1,3}(?:\.\d{1,3})?\)\s+)?(?:[A-Z0-9][\w’'&/().,]*(?:\s+[\w’'&/().,]+){0,9}?)\s*(?:\s[-–—]\s|:\s)\s*[A-Z“‘\x22]",
    )
    .unwrap()
});

/// An explicit undertaking, read anywhere in minutes: `X undertook to …`, `It was agreed that
/// officers would …`, `ACTION: …`. Not `Members agreed the plan.`
/// Its askers (`chair`, `members`, a few bodies) are not `vocab::BODIES`: they are who asks for
/// something in minutes, not only the bodies that decide.
static UNDERTAKING: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\bundert(?:ook|akes)\s+to\b|\bit\s+was\s+agreed\s+that\s+(?:the\s+)?[\w’' ]{2,60}?\s+(?:would|will|should)\s+\w+|\b(?:chair(?:man)?|committee|board|panel|members?)\s+(?:requested|asked)\s+that\s+[^.]{3,120}?\s+(?:be|should)\s+\w+").unwrap()
});

/// Words one of which every match of [`UNDERTAKING`] holds. Its own search starts from the
/// `it` of `it was agreed`, which is in half the words of a page.
static UNDERTAKING_CUES: LazyLock<AhoCorasick> =
    LazyLock::new(|| cue_words(&["undert", "agreed", "requested", "asked"]));

/// `Robin to speak to the head teachers`, `AF to provide an update` — an action list's
/// owner-and-verb form (the verbs are `vocab::ACTION_VERBS`). Not `Members to note the report`
/// (a recommendation's wording).
static OWNER_TO: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"^(?:[A-Z][\w’'.\-]*\s+){{1,4}}to\s+{}\b",
        vocab::alternation(vocab::ACTION_VERBS)
    ))
    .unwrap()
});

/// An action line of minutes that gives someone work, anywhere on the page: `Carol to review
/// the subgroups.`, `The Clerk to forward the report.`, `Stan and Val to produce a business
/// case.`, `FN/TM to send a link.` Its owner is checked by [`is_owner`]. Not `Members
/// noted the report.` (no `to` and verb).
/// The verb after `to` is looked up in `vocab::ACTION_VERBS` in code (an alternation of
/// them all is dear to compile).
static OWNER_LINE_START: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^(?:(?:The|All)\s+)?(?P<owner>[A-Z][\w’'.\-]*(?:(?:\s+(?:and|And|&)\s+|/|,\s*|\s+)[A-Z][\w’'.\-]*){0,4})\s+to\s+(?P<verb>[a-z][a-z\-]*)\b").unwrap()
});

/// Whether one of the first few ` to `s of a line has one of `vocab::ACTION_VERBS` after it:
/// `Carol and Terry to plan the meeting` does, `Changes to the constitution` does not.
fn action_verb_after_to(words: &str) -> bool {
    let head = &words.as_bytes()[..words.len().min(120)];
    memchr::memmem::find_iter(head, b" to ").take(4).any(|at| {
        let rest = &words[at + 4..];
        let verb = rest
            .split(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
            .next()
            .unwrap_or("");
        vocab::is_action_verb(verb)
    })
}

/// Words that open a heading or a report's sentence rather than name who acts: `Request to
/// amend …`, `Proposal to establish …`, `Members to agree …`, an option set aside (`Not to
/// respond to the consultation.`).
const NOT_OWNERS: &[&str] = &[
    "request",
    "requests",
    "application",
    "applications",
    "proposal",
    "proposals",
    "motion",
    "decision",
    "decisions",
    "response",
    "responses",
    "change",
    "changes",
    "amendment",
    "amendments",
    "plan",
    "plans",
    "report",
    "reports",
    "review",
    "consultation",
    "agreement",
    "update",
    "updates",
    "option",
    "options",
    "delegation",
    "access",
    "visit",
    "visits",
    "training",
    "approach",
    "recommendation",
    "recommendations",
    "item",
    "items",
    "budget",
    "funding",
    "grant",
    "grants",
    "commitment",
    "failure",
    "permission",
    "invitation",
    "approval",
    "referral",
    "removal",
    "power",
    "powers",
    "right",
    "rights",
    "time",
    "deadline",
    "opportunity",
    "need",
    "needs",
    "ability",
    "duty",
    "letter",
    "petition",
    "question",
    "questions",
    "notice",
    "members",
    "councillors",
    "it",
    "this",
    "that",
    "these",
    "those",
    "there",
    "we",
    "they",
    "you",
    "he",
    "she",
    "i",
    "how",
    "what",
    "when",
    "where",
    "why",
    "whether",
    "next",
    "steps",
    "actions",
    "action",
    "agreed",
    "resolved",
    "decided",
    "not",
    "also",
    "only",
    "and",
    "or",
    "but",
    "so",
    "then",
    "further",
    "please",
    "both",
    "either",
    "neither",
    "none",
    "no",
    "each",
    "any",
    "some",
    "alternative",
    "alternatives",
    "reason",
    "reasons",
];

/// Whether the words before `to` name who does an action: initials, a name or a role, not a
/// body that decides (`Council to consider …`) nor a noun that opens a heading (`Request to
/// amend …`).
fn is_owner(owner: &str) -> bool {
    let lower = owner.to_lowercase();
    let first = lower
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',')
        .next()
        .unwrap_or("");
    let noun = ["tion", "sion", "ment", "ness"]
        .iter()
        .any(|s| first.len() > s.len() + 2 && first.ends_with(s));
    !noun
        && !NOT_OWNERS.contains(&first)
        && !lower
            .split_whitespace()
            .any(|w| vocab::BODIES.contains(&w) || w == "body")
}

/// `Action Point 1`, `Action 3:` — a label for one action, not the topic of a zone. Not `Action
/// log` (no number).
static NUMBERED_ACTION: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)\baction\s+(?:point\s+)?\d").unwrap());

/// Whether a heading or sentence names a part of the page that goes through actions
/// (`Matters arising`, `Outstanding actions`, `Action log`).
pub fn is_topic(s: &str) -> bool {
    TOPIC.is_match(s)
}

/// Words in which the record of a report ends: the resolution or a new agenda item.
fn ends_zone(text: &str, s: &Segment) -> bool {
    let w = s.body_text(text);
    let t = w.trim_start();
    // A bullet is an item of the zone whatever its first words (`• Risk management – …`).
    is_terminator(w) && !s.bullet && !t.to_ascii_lowercase().starts_with("minutes")
        // A Markdown heading opens the next section.
        || s.text(text).starts_with('#')
        || t.starts_with("RESOLVED")
        || t.starts_with("Resolved")
        || t.starts_with("RECOMMENDED")
}

/// A unit of prose: its byte range.
type Unit = (usize, usize);

/// Finds prose actions. `taken` marks segments that other readers already used.
///
/// `stops` marks segments that end a zone (a resolution, a tracker table); other segments in
/// `taken` (a list of actions under a status lead-in) are passed over and the zone goes on.
pub fn find(text: &str, segs: &[Segment], taken: &[bool], stops: &[bool]) -> Vec<FoundAction> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let words = segs[i].body_text(text);
        let review = REVIEW_TOPIC.is_match(words);
        // `Arising from minute 128, …` is a matter arising in itself: the zone starts with it.
        let arising = !taken[i] && ARISING.is_match(words.trim_start());
        if !(arising || TOPIC.is_match(words) || review) || NUMBERED_ACTION.is_match(words) {
            i += 1;
            continue;
        }
        // The zone runs from the line after the topic to the end of the item.
        // A table read as a tracker, or a resolution, ends it too.
        // The next item of the topic's own numbering ends it too (`8. Clerk's report` …
        // `9. Finance`).
        let from = if arising { i } else { i + 1 };
        let own = segs[i].label.as_ref();
        let own_minute = minute_number(words);
        let mut j = i + 1;
        // Past a list read elsewhere (`The following items were marked as completed:` and its
        // items), the zone goes on only through plain prose: a numbered line or a heading
        // there is the page's next section.
        let mut past_list = false;
        while j < segs.len() && j < i + 120 {
            let s = &segs[j];
            let next_item = own.is_some_and(|l| s.label.as_ref().is_some_and(|m| l.same_style(m)))
                || own_minute
                    .as_ref()
                    .is_some_and(|m| is_later_minute(m, s.body_text(text)));
            let next_section = past_list
                && !taken[j]
                && (s.label.is_some() || is_heading_like(s.body_text(text).trim()));
            if ends_zone(text, s) || stops[j] || next_item || next_section {
                break;
            }
            past_list |= taken[j];
            j += 1;
        }
        if !arising {
            inline_bullets(text, &segs[i], &mut out);
        }
        read_zone(text, segs, (from, j), !review, taken, &mut out);
        i = j.max(i + 1);
    }
    out
}

/// The minute number that opens a line, as its runs of digits and what separates them:
/// `33/24 Planning` gives `[33, 24]` and `["/"]`, `2021-06_8. CLERKS REPORT` gives `[2021, 6, 8]`
/// and `["-", "_", "."]`. None for a line that opens with a word, a plain number (a label,
/// read as such) or a date (`12/03/2024`).
fn minute_number(words: &str) -> Option<(Vec<u64>, Vec<&str>)> {
    let first = words.split_whitespace().next()?;
    let is_sep = |c: char| matches!(c, '/' | '-' | '_' | '.');
    if !first.starts_with(|c: char| c.is_ascii_digit())
        || !first.chars().all(|c| c.is_ascii_digit() || is_sep(c))
        || !first.trim_end_matches('.').contains(is_sep)
        || first.matches('/').count() >= 2
    {
        return None;
    }
    let runs = first
        .split(is_sep)
        .filter(|r| !r.is_empty())
        .map(|r| r.parse().ok())
        .collect::<Option<Vec<u64>>>()?;
    let seps = first
        .split(|c: char| c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    Some((runs, seps))
}

/// Whether `line` opens with the minute after `topic`'s: the same form, one number grown and the
/// rest the same (`33/24` then `34/24`). Not a reference back to an older minute (`20/22` then
/// `116/21 Lighting at school camp – …`, an item of matters arising).
fn is_later_minute(topic: &(Vec<u64>, Vec<&str>), line: &str) -> bool {
    let Some((runs, seps)) = minute_number(line) else {
        return false;
    };
    if seps != topic.1 || runs.len() != topic.0.len() {
        return false;
    }
    let changed: Vec<(u64, u64)> = topic
        .0
        .iter()
        .zip(&runs)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (*a, *b))
        .collect();
    matches!(changed.as_slice(), [(a, b)] if b > a)
}

/// The items run into the topic's own line, each after a bullet: `3. Matters Arising • Pot
/// Holes – the pot hole on Market Road has been repaired. • Bench maintenance – ongoing.`
fn inline_bullets(text: &str, topic: &Segment, out: &mut Vec<FoundAction>) {
    let words = topic.body_text(text);
    let mut starts = words
        .match_indices(" • ")
        .map(|(k, m)| k + m.len())
        .peekable();
    while let Some(a) = starts.next() {
        let b = starts.peek().map_or(words.len(), |&n| n - " • ".len());
        let item = &words[a..b];
        let lead = item.len() - item.trim_start().len();
        let t = item.trim();
        if !t.is_empty() {
            let start = topic.body + a + lead;
            unit(text, (start, start + t.len()), out);
        }
    }
}

/// Explicit undertakings outside action zones.
pub fn undertakings(text: &str, segs: &[Segment], taken: &[bool]) -> Vec<FoundAction> {
    let mut out = Vec::new();
    for (para, _) in paragraphs(text, segs, 0, segs.len(), taken) {
        // What matches in a sentence matches in its paragraph: most paragraphs hold no
        // undertaking and are not cut into sentences at all.
        let words = &text[para.0..para.1];
        if !has_cue(&UNDERTAKING_CUES, words) || !UNDERTAKING.is_match(words) {
            continue;
        }
        for (a, b) in sentences(text, para) {
            let s = &text[a..b];
            if UNDERTAKING.is_match(s) && !is_aggregate(s) {
                push(text, (a, b), ActionStatus::Remaining, &mut out);
            }
        }
    }
    out
}

/// Reads the zone `from..to`; `sentences` says whether its plain prose is read sentence by
/// sentence (minutes of actions) or only its items are (a review's narrative).
fn read_zone(
    text: &str,
    segs: &[Segment],
    (from, to): (usize, usize),
    sentences: bool,
    taken: &[bool],
    out: &mut Vec<FoundAction>,
) {
    // A reference heading and the paragraphs under it.
    let mut heading: Option<(usize, usize, usize)> = None;
    let flush = |h: &mut Option<(usize, usize, usize)>, out: &mut Vec<FoundAction>| {
        if let Some((a, b, body_end)) = h.take() {
            let read = status::of_prose(&text[b..body_end]);
            let st = read.as_ref().map_or(ActionStatus::Unknown, |r| r.status);
            let words = collapse(&text[a..b]);
            out.push(FoundAction {
                text: words,
                status: st,
                status_text: read.map(|r| collapse(&text[b + r.at.0..b + r.at.1])),
                start: a,
                end: b,
            });
        }
    };
    for (para, is_bullet) in paragraphs(text, segs, from, to, taken) {
        let (pa, pb) = para;
        let first_line_end = text[pa..pb].find('\n').map_or(pb, |n| pa + n);
        let first_line = text[pa..first_line_end].trim();
        if let Some(c) = REF_HEADING.captures(first_line)
            && first_line_end == pb
        {
            flush(&mut heading, out);
            let t = c.name("title").expect("title");
            let a = pa + (first_line.as_ptr() as usize - text[pa..].as_ptr() as usize) + t.start();
            heading = Some((a, a + t.as_str().len(), pb));
            continue;
        }
        if let Some(h) = heading.as_mut() {
            h.2 = pb;
            continue;
        }
        let words = &text[pa..pb];
        if is_bullet
            || NAMES_ITS_ACTION.is_match(words.trim_start())
            || ARISING.is_match(words.trim_start())
        {
            unit(text, para, out);
            continue;
        }
        for g in titled_groups(text, para) {
            if sentences || TITLED.is_match(&text[g.0..g.1]) {
                unit(text, g, out);
            }
        }
    }
    flush(&mut heading, out);
}

/// The status of an action given to someone: what its words say, else work still to do when
/// it opens by giving the work (`Sylvia to email the link.` — agreed, not yet done), else
/// unknown.
fn status_of_work(words: &str) -> ActionStatus {
    status::of_prose(words).map_or_else(
        || {
            if OWNER_TO.is_match(words.trim_start()) {
                ActionStatus::Remaining
            } else {
                ActionStatus::Unknown
            }
        },
        |r| r.status,
    )
}

/// Reports a unit as an action when its words give a status; a unit that gives someone work
/// (`Chair to write to the developer.`) is work to do.
fn unit(text: &str, (a, b): Unit, out: &mut Vec<FoundAction>) {
    // The owner may come after the item's title: `Newsletter – Clerk to draft the first issue.`
    let owned = || {
        let words = text[a..b].trim_start();
        OWNER_TO.is_match(words)
            || TITLED.is_match(words)
                && [" – ", " - ", " — "]
                    .iter()
                    .filter_map(|d| words.find(d).map(|k| k + d.len()))
                    .min()
                    .is_some_and(|k| OWNER_TO.is_match(&words[k..]))
    };
    unit_or(
        text,
        (a, b),
        || owned().then_some(ActionStatus::Remaining),
        out,
    );
}

/// [`unit`], with `otherwise` giving the status of a unit whose words give none (`None`: no
/// action); it is asked only then.
fn unit_or(
    text: &str,
    (a, b): Unit,
    otherwise: impl FnOnce() -> Option<ActionStatus>,
    out: &mut Vec<FoundAction>,
) {
    let words = &text[a..b];
    if is_aggregate(words) || INTRO.is_match(words.trim_start()) {
        return;
    }
    // `Send the minutes to the developers. COMPLETED`: a status in capitals after the action.
    if let Some(tail) = capital_tail(words)
        && let Some(st) = status::of_cell(&words[tail..])
    {
        let mut f = found(text, (a, a + tail), st);
        f.status_text = Some(collapse(&words[tail..]));
        out.push(f);
    } else if let Some((end, last)) = dash_cells(words)
        && let Some(st) = status::of_cell(last)
    {
        // `Update the website – Clerk – January – Complete`: a tracker's row written with dashes.
        let mut f = found(text, (a, a + end), st);
        f.status_text = Some(collapse(last));
        out.push(f);
    } else if let Some((open, inside)) = bracket_tail(words)
        && let Some(st) = status::of_cell(inside)
    {
        // `Clerk to obtain three quotes (complete).`: the status in brackets at the end.
        let mut f = found(text, (a, a + open), st);
        f.status_text = Some(collapse(inside));
        out.push(f);
    } else if let Some(r) = status::of_prose(words) {
        let mut f = found(text, (a, b), r.status);
        f.status_text = Some(collapse(&words[r.at.0..r.at.1]));
        out.push(f);
    } else if let Some(st) = otherwise() {
        out.push(found(text, (a, b), st));
    }
}

/// A tracker's row written on one line with spaced dashes between its cells: `Update the website
/// – Clerk – January – Complete` gives where the first cell ends and the last cell. Three cells
/// or more, the last of at most five words. Not `Members discussed the plan – a good one.`
fn dash_cells(words: &str) -> Option<(usize, &str)> {
    let t = words.trim_end().trim_end_matches('.');
    // A spaced dash: `-`, or the first byte of `–` and `—`, between blanks.
    let b = t.as_bytes();
    let spaced_dash = |i: usize| {
        let len = if b[i] == b'-' {
            1
        } else if b[i..].starts_with("–".as_bytes()) || b[i..].starts_with("—".as_bytes()) {
            3
        } else {
            return false;
        };
        i > 0 && b[i - 1] == b' ' && b.get(i + len) == Some(&b' ')
    };
    let seps: Vec<usize> = memchr::memchr2_iter(b'-', 0xE2, b)
        .filter(|&i| spaced_dash(i))
        .collect();
    let (&first, &last) = (seps.first()?, seps.last()?);
    if first == last {
        return None;
    }
    let tail = t[last - 1..]
        .trim_start_matches([' ', '–', '-', '—'])
        .trim();
    // The cells between are an owner and a date, not a sentence: `Lighting at the camp – It
    // was agreed to ask a contractor to install lighting on the path – ongoing` is prose with
    // its status after a dash (read whole).
    let short_between = seps
        .windows(2)
        .all(|w| t[w[0]..w[1]].split_whitespace().count() <= 7);
    (tail.split_whitespace().count() <= 5 && first > 11 && short_between)
        .then_some((first - 1, tail))
}

/// A few words in brackets that end a unit, after its sentence: `Clerk to obtain three quotes
/// (complete).` gives where `(` is and `complete`. Not `Report to Cabinet (March).` when read with
/// the status table (the words must be a status cell), nor a bracket of more than five words.
fn bracket_tail(words: &str) -> Option<(usize, &str)> {
    let t = words.trim_end().trim_end_matches('.').trim_end();
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let inside = inner[open + 1..].trim();
    let before = t[..open].trim_end();
    (!inside.is_empty() && inside.split_whitespace().count() <= 5 && before.len() > 10)
        .then_some((before.len(), inside))
}

/// Where a run of words in capitals starts at the end of a unit that ends a sentence before it:
/// `Create a draft TOR for the next meeting. COMPLETED` gives the start of `COMPLETED`;
/// `ONGOING – CHASE UP` may follow. Not an acronym that ends a sentence (`… with the LGA.`):
/// the run must follow a full stop and hold a word of four capitals or more.
fn capital_tail(words: &str) -> Option<usize> {
    let t = words.trim_end();
    let mut start = t.len();
    let mut long = false;
    for w in t.rsplit(' ') {
        if w.chars().any(char::is_lowercase) {
            break;
        }
        long |= w.chars().filter(|c| c.is_alphabetic()).count() >= 4;
        start = w.as_ptr() as usize - t.as_ptr() as usize;
    }
    let before = t[..start].trim_end();
    (long && start < t.len() && before.ends_with('.') && before.len() > 10).then_some(start)
}

/// `Action:` or `Action Point 1` on a line of its own, with the action on the lines after it
/// (up to an `Owner:` line, a blank line or a heading); or `ACTION: X to circulate the notes`
/// on one line. A status as the whole value (`Action: Complete`) closes the record above it,
/// whose `Item discussed:` (or `Subject:`, `Title:`) names the action.
pub fn labelled(text: &str, segs: &[Segment], taken: &[bool]) -> Vec<FoundAction> {
    let mut out = Vec::new();
    for (k, s) in segs.iter().enumerate() {
        if taken[k] {
            continue;
        }
        let words = s.body_text(text).trim();
        // A Modern.Gov issue history's action: its words, its owners, then its status.
        if let Some(c) = HISTORY_ACTION.captures(words) {
            let (t, st) = (
                c.name("text").expect("text"),
                c.name("status").expect("status"),
            );
            let a = s.body + t.start();
            let status = status::of_cell(st.as_str()).unwrap_or(ActionStatus::Unknown);
            let mut f = found(text, (a, a + t.len()), status);
            f.status_text = Some(collapse(st.as_str()));
            out.push(f);
            continue;
        }
        let Some(c) = ACTION_LABEL.captures(words) else {
            continue;
        };
        let value = c.name("value").map_or("", |m| m.as_str().trim());
        if !value.is_empty() {
            let at = s.body + c.name("value").expect("value").start();
            if let Some(st) =
                status::of_cell(value).filter(|_| value.split_whitespace().count() <= 4)
            {
                // `Action: Complete` after a record: its subject field names the action.
                if let Some((a, b)) = record_subject(text, segs, k) {
                    let mut f = found(text, (a, b), st);
                    f.status_text = Some(collapse(value));
                    out.push(f);
                }
                continue;
            }
            // `ACTION: Chief Executive` names who acts, not what is done.
            let owner_only = value.split_whitespace().count() <= 6
                && super::textutil::is_heading_like(value)
                && !value.contains(" to ");
            if owner_only {
                // `The Chair asked that the audit be shared with the forum.` / `ACTION: KL`:
                // the sentence just above is the action.
                if let Some(unit) = sentence_above(text, segs, k).filter(|_| !taken[k - 1]) {
                    let st = status::of_prose(&text[unit.0..unit.1])
                        .map_or(ActionStatus::Unknown, |r| r.status);
                    out.push(found(text, unit, st));
                }
                continue;
            }
            let (a, b) = (at, s.end);
            out.push(found(text, (a, b), status_of_work(&text[a..b])));
            continue;
        }
        // The label alone: the action is on the following lines.
        let mut j = k + 1;
        while j < segs.len() && segs[j].body_text(text).trim().is_empty() {
            j += 1;
        }
        let Some(first) = segs.get(j) else { continue };
        // `Action` over a minute number alone on its line (`1.0`) heads a column of the
        // minutes' table, not an action.
        if segs[k + 1..j].iter().any(|g| g.label.is_some()) {
            continue;
        }
        if OWNER_LINE.is_match(first.body_text(text)) {
            continue;
        }
        let mut end = first.end;
        let mut m = j + 1;
        while m < segs.len()
            && !segs[m].blank_before
            && !segs[m].bullet
            && !OWNER_LINE.is_match(segs[m].body_text(text))
            && !super::textutil::is_heading_like(segs[m].body_text(text))
        {
            end = segs[m].end;
            m += 1;
        }
        let (a, b) = (first.body, end);
        let st = status::of_prose(&text[a..b]).map_or(ActionStatus::Unknown, |r| r.status);
        out.push(found(text, (a, b), st));
    }
    out
}

/// Sentences given an owner in brackets at the end of their line (see [`action_owner_after`]),
/// read where nothing else took the line: in a zone of actions the whole unit is the action.
pub fn owned_sentences(text: &str, segs: &[Segment], taken: &[bool]) -> Vec<FoundAction> {
    let mut units: Vec<Unit> = Vec::new();
    for (s, _) in segs.iter().zip(taken).filter(|(_, t)| !**t) {
        if s.text(text).ends_with([')', '.']) {
            units.extend(action_owner_after(text, s));
        }
        units.extend(field_inside_line(text, s));
    }
    units
        .into_iter()
        .map(|unit| found(text, unit, status_of_work(&text[unit.0..unit.1])))
        .collect()
}

/// Action lines of minutes read anywhere on the page, where nothing else took them: a line (with
/// the lines it wraps onto) that opens by giving someone work — `Carol to review the subgroups
/// and bring back proposals.`, `The Clerk to forward the report to the webmaster.` Their status
/// is what their own words say, else remaining: the work was given, not yet done.
pub fn owner_lines(text: &str, segs: &[Segment], taken: &[bool]) -> Vec<FoundAction> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < segs.len() {
        let s = &segs[k];
        k += 1;
        // A line that opens a paragraph, or follows a line that ended a sentence (a line of
        // the page's usual length can look wrapped when it is not).
        let after_stop = k >= 2
            && segs[k - 2]
                .text(text)
                .trim_end()
                .ends_with(['.', '!', '?', ':']);
        let opens =
            s.label.is_some() || s.bullet || (!s.inline && (s.starts_paragraph() || after_stop));
        if taken[k - 1] || s.furniture || !opens {
            continue;
        }
        let words = s.body_text(text);
        // Every match has a capital first and an action verb after ` to `: a cheap test first.
        if !words.starts_with(|c: char| c.is_ascii_uppercase()) || !action_verb_after_to(words) {
            continue;
        }
        let Some(c) = OWNER_LINE_START.captures(words) else {
            continue;
        };
        let (Some(owner), Some(verb)) = (c.name("owner"), c.name("verb")) else {
            continue;
        };
        if !vocab::is_action_verb(verb.as_str()) {
            continue;
        }
        if !is_owner(owner.as_str()) {
            continue;
        }
        // The line and the lines it runs on into.
        let mut end = s.end;
        while let Some(next) = segs.get(k).filter(|n| {
            !taken[k]
                && !n.blank_before
                && !n.inline
                && n.soft_break
                && n.label.is_none()
                && !n.bullet
        }) {
            end = next.end;
            k += 1;
        }
        // `Governing Body to meet weekly. Its business will be to:` opens a list; not an action.
        if !ends_with_opener(&text[s.body..end]) {
            unit_or(
                text,
                (s.body, end),
                || Some(ActionStatus::Remaining),
                &mut out,
            );
        }
    }
    out
}

/// An action on a Modern.Gov issue history, dated, with its status after a semicolon:
/// `30/09/2019 - Action: Feed back the comments to the contractor Emily Holmes ; status:
/// overdue`. Not `30/09/2019 - Agenda item, Performance Monitoring Panel`.
static HISTORY_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^\d{1,2}/\d{1,2}/\d{4}\s*[-–]\s*Action\s*:\s*(?P<text>\S.*?)\s*;\s*status\s*:\s*(?P<status>\S[^;]{0,40}?)\s*$").unwrap()
});

/// A field after a sentence's end: `. Decision: `, `. ACTION – `, `; Action: `, or a
/// capitalised `Action-` after any word (`… as Vice Chair Action- RS to gather …`). Not
/// `Decision: ` at the start of a line, or `the decision: ` inside a sentence.
static FIELD_AFTER_STOP: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"[.;]\s+(?:[Aa]ction|ACTION|[Dd]ecision|DECISION|[Aa]greed|AGREED)\s*[:\-–—]\s*|\s(?:Action|ACTION)\s*[:\-–—]\s*")
        .unwrap()
});

/// An action given to someone in a field after a sentence of the minutes, on the same line:
/// `… for Kirkland. Decision: Secretary to look into costs.`, `… was discussed. ACTION: Clerk to
/// write to the trust`. The action runs to the end of its sentence. Not `Decision: The plan was
/// approved.` (no one given something to do), nor such a field at the line's start (read by
/// [`labelled`] and the recommendations).
fn field_inside_line(text: &str, s: &Segment) -> Option<Unit> {
    let words = s.body_text(text);
    // Every match holds a colon or a spaced dash after its word, or `Action-`: a cheap test
    // first.
    let separator = words.contains(':')
        || words.contains(" –")
        || words.contains(" - ")
        || words.contains("ction-")
        || words.contains("CTION-");
    if !separator {
        return None;
    }
    let m = FIELD_AFTER_STOP.find(words)?;
    let rest = &words[m.end()..];
    if !OWNER_TO.is_match(rest) {
        return None;
    }
    let end = super::textutil::first_sentence(rest).len();
    let start = s.body + m.end();
    Some((start, start + end))
}

/// The sentence before an owner in brackets that ends a line: `Partners were asked to send
/// their comments by 21 March. (Action: All partners)` gives the sentence. Not `(Action plan
/// attached)` (no colon), nor an owner of more than six words.
fn action_owner_after(text: &str, s: &Segment) -> Option<Unit> {
    let words = s.body_text(text).trim_end();
    let inner = words.trim_end_matches('.').strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let label = inner[open + 1..].trim_start();
    let owner = label
        .get(..6)
        .filter(|w| w.eq_ignore_ascii_case("action"))
        .and_then(|_| label[6..].trim_start().strip_prefix([':', '-', '–']))?;
    if owner.split_whitespace().count() > 6 || owner.trim().is_empty() {
        return None;
    }
    let before = words[..open].trim_end();
    if !before.ends_with('.') {
        return None;
    }
    let last = super::textutil::last_sentence(before);
    let start = s.body + before.len() - last.len();
    Some((start, start + last.len()))
}

/// The last sentence of the paragraph that ends on the line just above segment `k`, when
/// there is no blank line between them and that line ends a sentence: the action an owner-only
/// `ACTION: KL` line gives to someone.
fn sentence_above(text: &str, segs: &[Segment], k: usize) -> Option<Unit> {
    let s = &segs[k];
    let above = segs.get(k.checked_sub(1)?)?;
    if s.blank_before || s.inline || above.label.is_some() && above.body_text(text).len() < 20 {
        return None;
    }
    let mut first = k - 1;
    while first > 0
        && !segs[first].blank_before
        && segs[first].label.is_none()
        && !segs[first].bullet
        && segs[first].soft_break
    {
        first -= 1;
    }
    let (a, b) = (segs[first].body, above.end);
    let para = text[a..b].trim_end();
    if !para.ends_with(['.', ')']) || ACTION_LABEL.is_match(segs[first].body_text(text).trim()) {
        return None;
    }
    let last = super::textutil::last_sentence(para);
    let start = b - (text[a..b].len() - para.len()) - last.len();
    Some((start, start + last.len()))
}

/// `Action:`, `ACTION –`, `Action Point 1`, `Action 2.1 -`, `Actions agreed:` at the start of a line, with the
/// action (or a status) after it. Not `Action plan` or `Actions taken by the Council were …`
static ACTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^(?:Actions?|ACTIONS?)(?:\s+(?:[Pp]oint|POINT|[Aa]greed|AGREED|[Rr]equired|REQUIRED)s?)?(?:\s+\d{1,3}(?:\.\d{1,3})?)?\s*(?:[:\-–—]\s*(?P<value>.*)|$)").unwrap()
});

/// A field naming who does an action or by when: `Owner: Head of Planning`, `Lead: Head of
/// Finance`, `By whom: JB`. Not `The owner of the risk is the Head of Finance.`
static OWNER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:owner|lead(?:\s+officer)?|responsible(?:\s+officer)?|by\s+whom|who|deadline|due(?:\s+date)?|timescale)\s*:").unwrap()
});

/// `Item discussed: …`, `Subject: …`, `Title: …` within the record above segment `k`: e.g.
/// `Subject: Library opening hours`. Not `Subject to approval, the plan proceeds.`
static SUBJECT_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^(?:Item(?:\s+discussed)?|Subject|Title|Topic|Issue|Matter|Recommendation|Finding|Agreed\s+action|Action\s+agreed)\s*:\s*(?P<value>\S.*)?$")
        .unwrap()
});

/// A record's status field: `Status at follow-up: Implemented`, `Current status: Open`,
/// `Progress: 75%`. Not `Status report` (no colon) or `Progress: the Committee noted …`
/// (a sentence, which is not a status word).
static STATUS_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:(?:current\s+|follow[\s-]up\s+)?status(?:\s+at\s+follow[\s-]up|\s+update)?|progress|rag(?:\s+status)?|position|outcome)\s*:\s*(?P<value>\S.*)$").unwrap()
});

fn record_subject(text: &str, segs: &[Segment], k: usize) -> Option<Unit> {
    for (back, s) in segs[..k].iter().enumerate().rev().take(40) {
        let w = s.body_text(text);
        if ACTION_LABEL.is_match(w.trim()) || STATUS_FIELD.is_match(w.trim()) {
            return None;
        }
        let Some(c) = SUBJECT_FIELD.captures(w) else {
            continue;
        };
        if let Some(v) = c.name("value") {
            return Some((s.body + v.start(), s.body + v.end()));
        }
        // `Recommendation:` alone: its words are the lines down to the record's status.
        let first = segs.get(back + 1).filter(|_| back + 1 < k)?;
        return Some((first.body, segs[k - 1].end));
    }
    None
}

/// Records of labelled fields that end in a status: `Recommendation:` (its words on the next
/// lines) … `Status at follow-up: Partially implemented`.
pub fn status_records(text: &str, segs: &[Segment], taken: &[bool]) -> Vec<FoundAction> {
    let mut out = Vec::new();
    for (k, s) in segs.iter().enumerate() {
        if taken[k] {
            continue;
        }
        let w = s.body_text(text).trim();
        let Some(c) = STATUS_FIELD.captures(w) else {
            continue;
        };
        let value = c.name("value").map_or("", |m| m.as_str());
        // A value of a sentence or two at most (counted here: a bounded repeat in the pattern
        // is dear to compile).
        if value.chars().nth(200).is_some() {
            continue;
        }
        let Some(st) = status::of_cell(value) else {
            continue;
        };
        if let Some((a, b)) = record_subject(text, segs, k)
            && b > a
        {
            let mut f = found(text, (a, b), st);
            f.status_text = Some(collapse(value));
            out.push(f);
        }
    }
    out
}

/// The sentence that introduces the report or the discussion, not an action: `The Committee
/// received a report of the Town Clerk …`, `The following points were noted:`, `This report
/// sets out a summary of the recommendations which remain outstanding`. Not `Officers were
/// asked to update the plan.`
static INTRO: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:the\s+[\w ]{2,40}?\s+(?:received|considered|noted|had\s+before\s+it)\s+(?:a|the)\s+(?:joint\s+)?(?:report|update|schedule|list)|the\s+following\s+(?:points|matters|updates)\s+(?:were|was)|members\s+(?:received|noted)\s+the\s+(?:outstanding|list|report)|(?:rag\s+|status\s+)?key\b|no\s+\w+|there\s+(?:was|were|had\s+been)\s+no\b|nothing\b|the\s+(?:log|tracker|table|schedule|list)\s+(?:lists|shows|sets\s+out|is\s+updated|includes)|(?:this|the)\s+(?:report|paper|update|appendix)\s+(?:sets\s+out|summari[sz]es|provides|presents|gives|outlines|details))").unwrap()
});

fn push(text: &str, u: Unit, st: ActionStatus, out: &mut Vec<FoundAction>) {
    out.push(found(text, u, st));
}

fn found(text: &str, (a, b): Unit, st: ActionStatus) -> FoundAction {
    let raw = &text[a..b];
    let lead = raw.len()
        - raw
            .trim_start_matches(|c: char| c.is_whitespace() || "·•●▪-–*".contains(c))
            .len();
    let a = a + lead;
    let b = a + text[a..b].trim_end().len();
    FoundAction {
        text: collapse(&text[a..b]),
        status: st,
        status_text: None,
        start: a,
        end: b,
    }
}

/// The paragraphs of segments `from..to`: runs of segments with no empty line between them, a
/// bullet starting a paragraph of its own. Returns each byte range and whether it is a bullet.
fn paragraphs(
    text: &str,
    segs: &[Segment],
    from: usize,
    to: usize,
    taken: &[bool],
) -> Vec<(Unit, bool)> {
    let mut out: Vec<(Unit, bool)> = Vec::new();
    let mut cur: Option<(usize, usize, bool)> = None;
    let mut pending_glyph = false;
    let to = to.min(segs.len());
    for (k, s) in segs.iter().enumerate().take(to).skip(from) {
        if taken.get(k).copied().unwrap_or(false) || s.furniture {
            if let Some((a, b, bl)) = cur.take() {
                out.push(((a, b), bl));
            }
            continue;
        }
        let words = s.body_text(text).trim();
        // A bullet glyph alone on its line: its words follow (after a blank line, perhaps).
        if s.bullet && words.is_empty() {
            if let Some((a, b, bl)) = cur.take() {
                out.push(((a, b), bl));
            }
            pending_glyph = true;
            continue;
        }
        let new_para = s.blank_before || s.bullet || s.label.is_some() || cur.is_none();
        if new_para {
            if let Some((a, b, bl)) = cur.take() {
                out.push(((a, b), bl));
            }
            let start = if s.label.is_some() {
                let next = segs.get(k + 1).filter(|n| {
                    k + 1 < to && !n.furniture && !taken.get(k + 1).copied().unwrap_or(false)
                });
                after_item_title(text, s.body, s.end, next)
            } else {
                s.body
            };
            cur = Some((start, s.end, s.bullet || pending_glyph));
            pending_glyph = false;
        } else if let Some(c) = cur.as_mut() {
            c.1 = s.end;
        }
    }
    if let Some((a, b, bl)) = cur.take() {
        out.push(((a, b), bl));
    }
    // A title line with nothing after it leaves nothing.
    out.retain(|&((a, b), _)| a < b);
    out
}

/// Where the prose of a numbered sub-item starts: after its title line when it has one (`ii)
/// Highways and Lighting; Cllr Lister` and, on the next line, `Two street lights …`), else at
/// its words' start. A title is a short line with no sentence end, not ending on a word that
/// runs on (`the`, `of`), and the line after it starts with a capital letter; its line may be
/// the whole segment (`next` goes on) or the segment's first line.
fn after_item_title(text: &str, body: usize, end: usize, next: Option<&Segment>) -> usize {
    let own = &text[body..end];
    let (title, rest_start) = match own.find('\n') {
        Some(n) => (&own[..n], body + n + 1),
        None => match next.filter(|n| !n.blank_before && n.label.is_none() && !n.bullet) {
            Some(n) => (own, n.start),
            None => return body,
        },
    };
    let rest = text[rest_start..].trim_start();
    let words: Vec<&str> = title.split_whitespace().collect();
    let runs_on = words.last().is_some_and(|w| {
        w.ends_with(',') || vocab::JOINING_WORDS.contains(&w.to_ascii_lowercase().as_str())
    });
    let is_title = (1..=10).contains(&words.len())
        && !ends_sentence(title)
        && !title.trim_end().ends_with(':')
        && !runs_on
        && rest.starts_with(|c: char| c.is_uppercase());
    if is_title {
        rest_start + (text[rest_start..].len() - rest.len())
    } else {
        body
    }
}

/// The sentences of a unit, as byte ranges. A sentence ends at `.`, `?` or `!` (or a colon
/// ending a line) before a capital letter, a quote or a digit; `e.g.`, `No.` and initials do
/// not end one.
fn sentences(text: &str, (a, b): Unit) -> Vec<Unit> {
    let s = &text[a..b];
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        let ends = matches!(c, b'.' | b'?' | b'!') || (c == b':' && s[i + 1..].starts_with('\n'));
        if ends {
            let rest = &s[i + 1..];
            let gap = rest.len() - rest.trim_start().len();
            let next = rest.trim_start().chars().next();
            let opens =
                next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "“‘\"(".contains(n));
            if gap > 0 && opens && !abbreviation(&s[..i]) {
                out.push((a + start, a + i + 1));
                start = i + 1 + gap;
                i = start;
                continue;
            }
        }
        i += 1;
    }
    if start < s.len() && !s[start..].trim().is_empty() {
        out.push((a + start, b));
    }
    out
}

/// Whether the text before a full stop ends in an abbreviation (`e.g`, `No`, `Mr`, `St`, `A`).
fn abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let w = word.to_ascii_lowercase();
    matches!(
        w.as_str(),
        "e.g"
            | "i.e"
            | "no"
            | "nos"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "st"
            | "cllr"
            | "etc"
            | "vs"
            | "approx"
            | "para"
            | "ref"
    ) || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
}

/// The units of a paragraph: `Title – prose` items with the sentences that follow each, or
/// else its sentences one by one.
fn titled_groups(text: &str, para: Unit) -> Vec<Unit> {
    let sents = sentences(text, para);
    let titled: Vec<bool> = sents
        .iter()
        .map(|&(a, b)| TITLED.is_match(&text[a..b]) && !INTRO.is_match(&text[a..b]))
        .collect();
    if !titled.iter().any(|&t| t) {
        return sents;
    }
    let mut out: Vec<Unit> = Vec::new();
    let mut group: Option<Unit> = None;
    for (k, &(a, b)) in sents.iter().enumerate() {
        if titled[k] {
            if let Some(g) = group.take() {
                out.push(g);
            }
            group = Some((a, b));
        } else if let Some(g) = group.as_mut() {
            g.1 = b;
        } else {
            out.push((a, b));
        }
    }
    if let Some(g) = group {
        out.push(g);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sub_items_title_line_is_not_part_of_its_first_action() {
        let t = "4. Reports from Councillors\ni) Play Area; Cllr Ward\nThe new swings have been installed.\nii) The Clerk has written to the\nOwners of the field.\n";
        let segs = segments(t);
        let none = vec![false; segs.len()];
        let texts: Vec<String> = find(t, &segs, &none, &none)
            .into_iter()
            .map(|a| a.text)
            .collect();
        // A line that ends on `the` runs on: it is no title.
        assert_eq!(
            texts,
            [
                "The new swings have been installed.",
                "The Clerk has written to the Owners of the field."
            ]
        );
    }
    use crate::extract::segment::segments;

    fn acts(t: &str) -> Vec<(String, ActionStatus)> {
        over(|t, segs, taken| find(t, segs, taken, taken), t)
    }

    /// What one reader of this module finds in `t`, with nothing taken yet.
    fn over(
        reader: fn(&str, &[Segment], &[bool]) -> Vec<FoundAction>,
        t: &str,
    ) -> Vec<(String, ActionStatus)> {
        let segs = segments(t);
        reader(t, &segs, &vec![false; segs.len()])
            .into_iter()
            .map(|a| (a.text, a.status))
            .collect()
    }

    #[test]
    fn titled_items_in_hard_wrapped_minutes() {
        let t = "Outstanding Actions\nThe Committee received a report of the Clerk.\nThe following points were noted:\nWebsite Review (Phase\nTwo) – It was noted that the work had been completed and could now be closed.\nStaff Survey - A Member asked about the survey. The Clerk agreed to consider\nthis at the next meeting.\nSupporting documents:";
        assert_eq!(
            acts(t),
            vec![
                (
                    "Website Review (Phase Two) – It was noted that the work had been completed and could now be closed.".into(),
                    ActionStatus::Completed
                ),
                (
                    "Staff Survey - A Member asked about the survey. The Clerk agreed to consider this at the next meeting.".into(),
                    ActionStatus::Remaining
                ),
            ]
        );
    }

    #[test]
    fn paragraphs_that_name_their_action() {
        let t = "Outstanding Actions\n\nThe Board noted the outstanding actions.\n\nWith regards to action 1, Members were advised that a strategy was being drafted. It would come to the March meeting.\n\nAll other actions were complete.\n\nSupporting documents:";
        assert_eq!(
            acts(t),
            vec![(
                "With regards to action 1, Members were advised that a strategy was being drafted. It would come to the March meeting.".into(),
                ActionStatus::InProgress
            )]
        );
    }

    #[test]
    fn reference_headings_take_status_from_the_paragraph_below() {
        let t = "Outstanding References\n\nOR4 – Library Opening Hours\n\nThe Librarian confirmed the new hours were now in place and requested that the item be marked as complete.\n\nOR7 – Parking Review\n\nOfficers explained the review was under way.\n\nRESOLVED – That the report be noted.";
        assert_eq!(
            acts(t),
            vec![
                ("Library Opening Hours".into(), ActionStatus::Completed),
                ("Parking Review".into(), ActionStatus::InProgress),
            ]
        );
    }

    #[test]
    fn a_status_in_capitals_after_the_action() {
        let t = "Matters arising and action points\n- 17/06. Ask the owners of the garage whether they can add some planting. COMPLETED – NO REPLY\n- 17/17. Source a list of valid reasons for objecting to an application. ONGOING – CHASE UP\n- Write to the bus company about the 44 service. The Clerk said a reply would come from the LGA.\n\n17/29 Outstanding Applications";
        assert_eq!(
            acts(t),
            vec![
                (
                    "17/06. Ask the owners of the garage whether they can add some planting.".into(),
                    ActionStatus::Completed
                ),
                (
                    "17/17. Source a list of valid reasons for objecting to an application.".into(),
                    ActionStatus::InProgress
                ),
                (
                    "Write to the bus company about the 44 service. The Clerk said a reply would come from the LGA.".into(),
                    ActionStatus::Remaining
                ),
            ]
        );
    }

    #[test]
    fn a_status_in_brackets_after_the_action() {
        let t = "Action points from the last meeting\n1. Clerk to obtain three quotes for the noticeboard (complete).\n2. Cllr Evans to contact the highways authority (ongoing).\n3. Chair to write to the developer (March meeting).\n";
        assert_eq!(
            acts(t),
            vec![
                (
                    "Clerk to obtain three quotes for the noticeboard".into(),
                    ActionStatus::Completed
                ),
                (
                    "Cllr Evans to contact the highways authority".into(),
                    ActionStatus::InProgress
                ),
                // Not a status in the brackets: the whole item, a new action.
                (
                    "Chair to write to the developer (March meeting).".into(),
                    ActionStatus::Remaining
                ),
            ]
        );
        assert_eq!(
            bracket_tail("Write to the trust (done)."),
            Some((18, "done"))
        );
        assert_eq!(bracket_tail("(done)"), None);
    }

    #[test]
    fn a_row_written_with_dashes_between_its_cells() {
        assert_eq!(
            dash_cells("Update the website – Clerk – January – Complete."),
            Some((18, "Complete"))
        );
        assert_eq!(dash_cells("Members discussed the plan – a good one."), None);
        assert_eq!(dash_cells("Plan – A – B"), None);
        assert_eq!(
            dash_cells(
                "Lighting at the camp – It was agreed to ask a contractor to install lighting on the path – ongoing"
            ),
            None
        );
        let t = "Action log\n\n1. Update the website with the new dates – Clerk – January – Complete\n2. Report the damaged sign – Clerk – February – Outstanding\n";
        assert_eq!(
            acts(t),
            vec![
                (
                    "Update the website with the new dates".into(),
                    ActionStatus::Completed
                ),
                ("Report the damaged sign".into(), ActionStatus::Remaining),
            ]
        );
    }

    #[test]
    fn an_action_given_in_a_field_after_a_sentence() {
        let t = "2.3 Resilience. New pads were bought for the defibrillator. Decision: Secretary to look into the costs of a heated cabinet. Members thanked Sue.\n\n2.4 Charging points. Decision: The plan was approved.\n";
        let got = over(owned_sentences, t);
        assert_eq!(
            got,
            vec![(
                "Secretary to look into the costs of a heated cabinet.".into(),
                ActionStatus::Remaining
            )]
        );
    }

    #[test]
    fn a_capitalised_action_field_inside_a_line() {
        let t = "Vice Chair - a member suggested another nominee Action- RS to gather suggestions and write to the County Council.\n";
        assert_eq!(
            over(owned_sentences, t),
            vec![(
                "RS to gather suggestions and write to the County Council.".into(),
                ActionStatus::Remaining
            )]
        );
        // Lower case after a word is a sentence's own word, not a field.
        let t = "The plan sets out the action- and the owners to review it.\n";
        assert!(over(owned_sentences, t).is_empty());
    }

    #[test]
    fn matters_arising_that_name_their_minute() {
        let t = "Minutes and Matters Arising\n\nRESOLVED that the minutes be approved.\n\nArising from minute 12, the Head of Finance advised that the questionnaire had been circulated to other authorities.\n\nAlso arising from minute 12, officers advised that the strategy would be presented to the Executive in March.\n\nIssues arising from the report were discussed.\n";
        assert_eq!(
            acts(t),
            vec![
                (
                    "Arising from minute 12, the Head of Finance advised that the questionnaire had been circulated to other authorities.".into(),
                    ActionStatus::Completed
                ),
                (
                    "Also arising from minute 12, officers advised that the strategy would be presented to the Executive in March.".into(),
                    ActionStatus::Remaining
                ),
            ]
        );
    }

    #[test]
    fn titled_items_with_the_minute_they_follow_up_and_an_owner() {
        let t = "Minutes of the last meeting and matters arising\n\n3.2\n\n(3.2) Newsletter – Clerk to draft the first issue.\n\nSV\n\n3.3\n\n(3.4) Website Renewal – Signed invoice received. Action complete.\n";
        assert_eq!(
            acts(t),
            vec![
                (
                    "(3.2) Newsletter – Clerk to draft the first issue.".into(),
                    ActionStatus::Remaining
                ),
                (
                    "(3.4) Website Renewal – Signed invoice received. Action complete.".into(),
                    ActionStatus::Completed
                ),
            ]
        );
    }

    #[test]
    fn action_lines_that_give_someone_work() {
        let t = "Minutes\n\nThe Board discussed the training offer.\n\nCarol and Terry to plan the joint meeting of\nthe two boards for March.\n\n4.3. Clerk to forward the police report to Councillors.\n\nJB/KL to send the data to the group (complete).\n\nRequest to amend the standing orders\n\nCouncil to consider the budget in February.\n\nMembers to agree the dates.\n\nThe Chair said officers would look again. Clerk to order new pads.\n";
        assert_eq!(
            over(owner_lines, t),
            vec![
                (
                    "Carol and Terry to plan the joint meeting of the two boards for March.".into(),
                    ActionStatus::Remaining
                ),
                (
                    "Clerk to forward the police report to Councillors.".into(),
                    ActionStatus::Remaining
                ),
                (
                    "JB/KL to send the data to the group".into(),
                    ActionStatus::Completed
                ),
            ]
        );
    }

    #[test]
    fn owners_are_people_and_roles_not_bodies_or_headings() {
        for owner in [
            "Carol",
            "FN",
            "Secretariat",
            "Head of Planning",
            "JB/KL",
            "Stan and Val",
        ] {
            assert!(is_owner(owner), "{owner}");
        }
        for owner in [
            "Council",
            "Planning Committee",
            "Request",
            "Consultation",
            "Implementation",
            "Members",
            "Not",
            "Governing Body",
        ] {
            assert!(!is_owner(owner), "{owner}");
        }
    }

    #[test]
    fn an_owner_only_action_line_gives_the_sentence_above() {
        let got = |t: &str| over(labelled, t);
        let t = "Members noted the audit.\nThe Board agreed that a briefing should be prepared for staff.\nACTION: Business Manager\n\nThe report was noted.\n\nACTION: KL\n\nThe plan was endorsed. Partners were asked to send comments by 21 March. (Action: All partners)\n\nThe action plan was noted (Action plan attached).\n";
        assert_eq!(
            got(t),
            vec![(
                "The Board agreed that a briefing should be prepared for staff.".into(),
                ActionStatus::Unknown
            ),]
        );
        let owned = over(owned_sentences, t);
        assert_eq!(
            owned,
            vec![(
                "Partners were asked to send comments by 21 March.".into(),
                ActionStatus::Remaining
            )]
        );
    }

    #[test]
    fn a_status_field_may_explain_itself() {
        let t = "Recommendation 2\nCards should be reconciled monthly.\nAgreed action: Finance to issue revised guidance to card holders.\nStatus: Partially implemented – guidance issued, monthly sign-off not yet in place.\n";
        let got = over(status_records, t);
        assert_eq!(
            got,
            vec![(
                "Finance to issue revised guidance to card holders.".into(),
                ActionStatus::InProgress
            )]
        );
    }

    #[test]
    fn a_clerks_report_ends_at_the_next_item_of_its_numbering() {
        let t = "8. Clerk's report\n- The grit bin has been repaired.\n- A quote for the bench will be sought.\n9. Finance\n- The audit fee will be paid in May.\n";
        assert_eq!(
            acts(t),
            vec![
                (
                    "The grit bin has been repaired.".into(),
                    ActionStatus::Completed
                ),
                (
                    "A quote for the bench will be sought.".into(),
                    ActionStatus::Remaining
                ),
            ]
        );
    }

    #[test]
    fn items_run_into_the_topic_line_after_bullets() {
        let t = "3. Matters Arising • Pot Holes – the pot hole on Market Road has been repaired. • Bench maintenance – ongoing. • Website – no update.\n4. Finance\n";
        assert_eq!(
            acts(t),
            vec![
                (
                    "Pot Holes – the pot hole on Market Road has been repaired.".into(),
                    ActionStatus::Completed
                ),
                (
                    "Bench maintenance – ongoing.".into(),
                    ActionStatus::InProgress
                ),
            ]
        );
    }

    #[test]
    fn a_markdown_heading_ends_a_zone() {
        let t = "Outstanding actions\n\nThe noticeboard has been repaired.\n\n## Recommendations not yet fully implemented\n\nThe audit of cash banking has not been implemented.\n";
        assert_eq!(
            acts(t),
            vec![(
                "The noticeboard has been repaired.".into(),
                ActionStatus::Completed
            )]
        );
    }

    #[test]
    fn the_next_minute_by_its_number() {
        let m = minute_number("33/24 Clerk's report").unwrap();
        assert!(is_later_minute(&m, "34/24 Planning"));
        assert!(!is_later_minute(
            &m,
            "116/21 Lighting at school camp – ongoing"
        ));
        assert!(!is_later_minute(&m, "12/03/2024 Meeting"));
        let m = minute_number("2021-06_8. CLERKS REPORT").unwrap();
        assert!(is_later_minute(&m, "2021-06_9. FINANCE"));
        assert!(!is_later_minute(&m, "9. FINANCE"));
        assert_eq!(minute_number("5. Finance"), None);
        assert_eq!(minute_number("Planning 33/24"), None);
    }

    #[test]
    fn undertakings_outside_zones() {
        let t = "Terms of reference\n\nMembers discussed the draft. The Clerk undertook to circulate a copy to all members.\n\nThe meeting ended at 8pm.";
        let got = over(undertakings, t);
        assert_eq!(
            got,
            vec![(
                "The Clerk undertook to circulate a copy to all members.".into(),
                ActionStatus::Remaining
            )]
        );
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[
            (
                &*super::HISTORY_ACTION,
                "30/09/2019 - Action: Feed back the comments to the contractor Emily Holmes ; status: overdue",
                "30/09/2019 - Agenda item, Performance Monitoring Panel",
            ),
            (
                &*super::FIELD_AFTER_STOP,
                "for Kirkland. Decision: Secretary to look",
                "Decision: Secretary to look",
            ),
            (
                &*super::TOPIC,
                "Outstanding Actions",
                "The action plan was approved.",
            ),
            (
                &*super::TOPIC,
                "55/16 Clerk’s progress report on decisions taken at last meeting.",
                "The Clerk reported that the grant had been received.",
            ),
            (
                &*super::TOPIC,
                "Internal Audit Follow Up Reports",
                "The audit plan was approved.",
            ),
            (
                &*super::TOPIC,
                "4. Reports from Councillors",
                "The councillors reported that the hall was busy.",
            ),
            (
                &*super::REVIEW_TOPIC,
                "Progress Review",
                "progress was reviewed",
            ),
            (
                &*super::NAMES_ITS_ACTION,
                "With regards to action 1, …",
                "With regard to the budget, …",
            ),
            (
                &*super::ARISING,
                "Arising from minute 128, Rachel Morgan updated that …",
                "Issues arising from the report were discussed.",
            ),
            (
                &*super::REF_HEADING,
                "OR1 – \"Use of Force\" Figures in Custody",
                "Page 2",
            ),
            (
                &*super::TITLED,
                "Induction Process - A Member raised …",
                "Members were reminded that the report on the library service would follow – Officers agreed.",
            ),
            (
                &*super::UNDERTAKING,
                "X undertook to …",
                "Members agreed the plan.",
            ),
            (
                &*super::OWNER_TO,
                "Robin to speak to the head teachers",
                "Members to note the report",
            ),
            (
                &*super::OWNER_LINE_START,
                "Carol to review the subgroups.",
                "Members noted the report.",
            ),
            (&*super::NUMBERED_ACTION, "Action Point 1", "Action log"),
            (&*super::ACTION_LABEL, "Action:", "Action plan"),
            (
                &*super::OWNER_LINE,
                "Owner: Head of Planning",
                "The owner of the risk is the Head of Finance.",
            ),
            (
                &*super::SUBJECT_FIELD,
                "Item discussed: …",
                "Subject to approval, the plan proceeds.",
            ),
            (
                &*super::STATUS_FIELD,
                "Status at follow-up: Implemented",
                "Status report",
            ),
            (
                &*super::INTRO,
                "The Committee received a report of the Town Clerk …",
                "Officers were asked to update the plan.",
            ),
        ];
        crate::extract::textutil::assert_documented_examples(cases);
    }
}
