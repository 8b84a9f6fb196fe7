//! Review themes: lists under a themes lead-in (numbered, bulleted, dashed, `Name: question?`),
//! themes given inline in a sentence ("relating to A, B, C and D"), and lines that are exactly
//! a framework's theme name, and `Theme 1: Name` headings. Each is mapped to its framework and
//! id when it is one of a framework's themes (see `theme_names`): exactly, by the framework the
//! page is about when a name is shared (`Leadership`), or as a clear paraphrase.

use super::list::{ListRules, read_list};
use super::segment::{Segment, paragraph_ending_at};
use super::textutil::{collapse, cue_words, folds_onto_ascii, has_cue, is_terminator, re_new};
use super::theme_names::{self, key_of};
use crate::model::{CanonicalTheme, Framework};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// A theme found in the text (byte range of its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundTheme {
    pub text: String,
    pub canonical: Option<CanonicalTheme>,
    pub framework: Option<Framework>,
    pub start: usize,
    pub end: usize,
}

/// A lead-in to a list of themes: `The peer challenge covered five themes:`, `Key lines of
/// enquiry:`, `Key assessment areas:`, a counted list of a plan's names (`the four new Council
/// Priorities as outlined below:`). Not `The themes were discussed.` (no colon).
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:themes?|core\s+components|key\s+lines\s+of\s+enquiry|headings|(?:assessment|inspection|judgement)\s+areas|(?:two|three|four|five|six|seven|eight|nine|ten|\d)\s+(?:(?:new|key|main|strategic|corporate|council|overarching|shared)\s+){0,2}(?:priorities|ambitions|goals))\b[^:]{0,160}:\s*[-–]?\s*$").unwrap()
});

/// Weaker lead-ins that name themes only in a review's context (`had examined:`,
/// `an additional focus, chosen by the Council, on:`, `and at the council’s request:`,
/// `to focus on 3 main areas:`, `assessed against the following areas:`, `reviewers assess
/// the following:`, `on strategic audit priorities of:`, `Key assessment areas:`).
/// Not `The Council agreed the following:`.
static REVIEW_LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:(?:additional|specific|particular|further)\s+focus\b[^:]{0,80}|at\s+the\s+(?:council|authority)[’']?s\s+(?:own\s+)?request|at\s+the\s+request\s+of\s+the\s+(?:council|authority)|focus(?:s?ed)?\s+on|examined|look(?:ed)?\s+at|explored|reflect(?:s|ed)?\s+on|assess(?:es|ed)?\s+the\s+following|(?:to\s+)?consider(?:ed)?(?:\s+the\s+following)?|areas?\s+of\s+focus\s+(?:were|was|are)|(?:strategic|audit|inspection|review)\s+(?:audit\s+)?priorities(?:\s+of)?|(?:following|(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|core|key))\s+(?:(?:main|core|key|broad|specific|inspection|judgement|focus|assessment|audit|strategic)\s+){0,2}(?:questions|areas|elements|components|pillars|domains|principles|lines\s+of\s+enquiry)\b[^:]{0,80})\s*:\s*[-–]?\s*$").unwrap()
});

/// A lead-in to what a review found rather than the areas it looked at: `Members were reminded
/// of the key areas of concern, these were as follows:-`, `The inspectors identified the
/// following areas for improvement:`. Not `The review looked at four key areas:`.
static FINDINGS: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:areas?\s+(?:of|for)\s+(?:\w+\s+){0,2}(?:concern|weakness(?:es)?|improvement|development|strength|good\s+practice|risk)|concerns|weaknesses|strengths|shortfalls|failings)\b").unwrap()
});

/// A sentence that announces the list of themes after it without a colon: `The following five
/// themes are the starting point but we will shape the process.` Not `The themes emerged from
/// the survey.`
static FOLLOWING: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:the\s+)?following\s+(?:[\w\-]+\s+){0,2}(?:themes|(?:key\s+)?lines\s+of\s+enquiry)\b").unwrap()
});

/// A word, as the one-word names of a framework are looked for: `effectiveness`, `well-led`.
/// Not `2024`.
static WORD: LazyLock<Regex> = LazyLock::new(|| re_new(r"[A-Za-z][A-Za-z’'\-]*").unwrap());

/// What stands between two names of a list inside a sentence: `, `, ` and `, `, and `, or the
/// first name's own words then a comma (` to their needs, `). Not ` of the ` (no comma or `and`).
static LIST_GAP: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^(?:(?P<tail>(?:\s+[a-z][a-z’'\-]*){1,4})\s*,\s*(?:and\s+|&\s+)?|\s*,\s*(?:and\s+|&\s+)?|,?\s+(?:and|&)\s+)$").unwrap()
});

/// The last name's own words, up to the end of its sentence or bracket: ` to their needs.`.
/// Not ` to their needs and more` (no end).
static LAST_TAIL: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"^(?P<tail>(?:\s+[a-z][a-z’'\-]*){1,4})\s*(?:[.;:)?]|$)").unwrap());

/// The bodies whose frameworks name their themes in one word, one pattern each: HMICFRS (fire
/// and rescue services and police forces), a fire and rescue service, the police, CQC:
/// `HMICFRS`, `Kestrelford Fire and Rescue Service`. Not `the fire alarm`.
static INSPECTORATE: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        r"(?i)\b(?:HMICFRS|HMIC|inspectorate\s+of\s+constabulary)\b",
        r"(?i)\b(?:fire\s+(?:and|&)\s+rescue|fire\s+service)\b",
        r"(?i)\b(?:PEEL|police|constabulary)\b",
        r"(?i)\b(?:CQC|care\s+quality\s+commission)\b",
    ]
    .map(|p| re_new(p).expect("inspectorate"))
});

/// The frameworks of one-word names whose body the page names.
fn inspectorates(text: &str) -> Vec<Framework> {
    // Each pattern stops at its first match; most pages name none of them.
    let [hmic, fire, police, cqc] = INSPECTORATE.each_ref().map(|re| re.is_match(text));
    let mut out = Vec::new();
    if hmic || fire {
        out.push(Framework::HmicfrsFire);
    }
    if hmic || police {
        out.push(Framework::HmicfrsPeel);
    }
    if cqc {
        out.push(Framework::CqcKeyQuestions);
    }
    out
}

/// Lines (headings, bullets, table cells) that are each one of a framework's one-word names,
/// three or more different ones on a page that names the framework's body: `Effectiveness`,
/// `Efficiency – Good`, `People`. The segments and the framework.
fn one_word_name_lines(names: &[Name], named: &[Framework]) -> Vec<(usize, Framework)> {
    let mut best: Vec<(usize, Framework)> = Vec::new();
    for &f in named {
        let lines: Vec<(usize, &str)> = names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.short_segment)
            .map(|(i, n)| (i, n.key()))
            .filter(|(_, k)| {
                theme_names::listed_only(k)
                    .iter()
                    .any(|kn| kn.framework == f)
            })
            .collect();
        let mut distinct: Vec<&str> = lines.iter().map(|l| l.1).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() >= 3 && distinct.len() > best.len() {
            best = lines.iter().map(|&(i, _)| (i, f)).collect();
        }
    }
    best
}

/// A one-word name read as framework `f`'s theme: `printed` (at `start`), its id from `key`.
fn listed_theme(printed: &str, start: usize, key: &str, f: Framework) -> FoundTheme {
    let mut t = found(printed, start);
    t.canonical = theme_names::listed_only(key)
        .into_iter()
        .find(|kn| kn.framework == f)
        .map(|kn| kn.canonical);
    t.framework = Some(f);
    t
}

/// Three or more of one framework's one-word names listed inside a sentence, on a page that
/// names the framework's body: `In the areas of effectiveness, efficiency and people, it
/// graded the Service`, `are they safe, caring, effective, responsive to their needs, and
/// well-led`. Each name is kept as printed, with its own words before the next comma.
fn one_word_name_lists(text: &str, s: &Segment, named: &[Framework], out: &mut Vec<FoundTheme>) {
    let words = s.body_text(text);
    // Three names need a comma or an `and` between them, and three words that may be names.
    if !words.contains(',') && !words.contains(" and ") || theme_names::listed_starts(words) < 3 {
        return;
    }
    let hits: Vec<(usize, usize, &str)> = WORD
        .find_iter(words)
        .filter_map(|m| theme_names::listed_key(m.as_str()).map(|k| (m.start(), m.end(), k)))
        .collect();
    let frameworks = |key: &str| -> Vec<Framework> {
        theme_names::listed_only(key)
            .iter()
            .map(|kn| kn.framework)
            .collect()
    };
    let mut i = 0;
    while i + 2 < hits.len() {
        let mut items = vec![(hits[i].0, hits[i].1)];
        let mut common = frameworks(hits[i].2);
        let mut j = i + 1;
        while j < hits.len() {
            let Some(gap) = LIST_GAP.captures(&words[hits[j - 1].1..hits[j].0]) else {
                break;
            };
            let shared: Vec<Framework> = frameworks(hits[j].2)
                .into_iter()
                .filter(|f| common.contains(f))
                .collect();
            if shared.is_empty() || hits[i..j].iter().any(|h| h.2 == hits[j].2) {
                break;
            }
            common = shared;
            if let (Some(t), Some(last)) = (gap.name("tail"), items.last_mut()) {
                last.1 += t.len();
            }
            items.push((hits[j].0, hits[j].1));
            j += 1;
        }
        let framework = common.iter().find(|f| named.contains(f)).copied();
        match framework {
            Some(f) if items.len() >= 3 => {
                if let (Some(t), Some(last)) = (
                    LAST_TAIL
                        .captures(&words[hits[j - 1].1..])
                        .and_then(|c| c.name("tail")),
                    items.last_mut(),
                ) {
                    last.1 += t.len();
                }
                for (k, &(a, b)) in items.iter().enumerate() {
                    push(
                        out,
                        listed_theme(&words[a..b], s.body + a, hits[i + k].2, f),
                    );
                }
                i = j;
            }
            _ => i += 1,
        }
    }
}

/// Themes listed inside a sentence: `the peer team looked at financial planning and management,
/// governance and culture`, `in a number of key areas such as A, B and C`. Not `The report
/// looked at it.` (too short to be a list), nor `key themes when assessing local authorities,
/// providers and care systems` (what follows the themes is not joined to them).
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:relating\s+to|(?:looked|look|looking)\s+at|examined|covered|themes?\s+(?:of|were|are|:)|under\s+the\s+(?:themes?|headings?)\s+(?:of\s+)?|(?:following|five|four|six|three|key)\s+(?:themes|areas)\s*(?:of|:|were|are|include[sd]?|including|such\s+as|–|-|\()|focus(?:s?ed)?\s+on|to\s+focus\s+on)\s*(?P<list>[^.;:]{10,400})").unwrap()
});

/// Words one of which every match of [`INLINE`], [`THESE_WERE`] and [`NAMELY`] holds.
static INLINE_LIST_CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    cue_words(&[
        "relating",
        "look",
        "examined",
        "covered",
        "theme",
        "under",
        "areas",
        "focus",
        "lines",
        "judgement",
        "components",
        "priorities",
    ])
});

/// The clause after which areas are named: `areas that Estyn focused on in 2018; ` (the list
/// follows, see [`areas_after_a_clause`]). Not `the areas that residents raised.` (no semicolon
/// or colon). Its words are a small class: a bounded repeat of any character but a stop is
/// dear to compile.
static AREAS_THAT: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:themes|areas)\s+(?:that|which)\s+[\w’'\s,\-]{1,60}[;:]\s*").unwrap()
});

/// One extra area named after a colon: `asked the team to look at one additional area: Shared
/// services with Staffordshire Moorlands.` Not `additional areas were discussed.`
static ADDITIONAL: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:one\s+)?(?:additional|further|extra|specific)\s+(?:area|theme|focus|line\s+of\s+enquiry)(?:\s+of\s+focus)?\s*:\s*(?P<name>[^.;:]{3,80})").unwrap()
});

/// A single extra theme named in a sentence: `as well as looking specifically at Planning and
/// Housing Delivery`. Not `as well as looking at the budget` (no capitalised name).
static ALSO: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"\b(?:as\s+well\s+as|in\s+addition\s+to|and\s+also|additionally)\s+(?:looking|focusing|focussing)\s+(?:specifically\s+|in\s+particular\s+|particularly\s+)?(?:at|on)\s+(?:the\s+)?(?P<name>[A-Z][\w’'&\-]*(?:\s+(?:[A-Z][\w’'&\-]*|and|of|the|for|in)){0,6})").unwrap()
});

/// A paragraph about the work left on the themes, not a list of them: `remaining areas of focus`,
/// `work is under way`. Not `the themes of the review`.
static REMAINING_WORK: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:remaining|outstanding|concluded|completed|under\s*way)\b").unwrap()
});

/// Themes listed in the sentence after the one that counts them: `The review used five themes.
/// These were: leadership, governance and finance`. Not `The themes were agreed.`
static THESE_WERE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\bthemes?\b[^.]{0,160}\.\s+(?:these|they)\s+(?:were|are|include|included)\s*:?\s*(?P<list>[^.;:]{10,400})").unwrap()
});

/// Words that make a short list a review's or an inspection's themes: `peer challenge`,
/// `review`, `themes`, `inspection`, `HMICFRS`. Not `budget monitoring`.
static CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\bpeer|\breview\b|\bchallenge\b|\bthemes?\b|\binspect(?:ion|ions|ors?|ed|orate)\b|\b(?-i:HMICFRS|HMIC|PEEL|CQC|Ofsted|Estyn)\b").unwrap()
});

/// Between the items of an inline list: `, `, `, and `, ` and, `, `; `. Not `Finance and
/// Governance` (an `and` alone joins the words of one name).
static SPLIT: LazyLock<Regex> =
    LazyLock::new(|| re_new(r",\s*(?:and\s*,?\s*)?|\s+and,\s+|;\s*").unwrap());

/// `Theme 1: Working with people`, `Theme one – How we work with people`, `Key theme 2 -
/// Finance`: a theme's own heading. Not `Themes and findings`.
static THEME_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:key\s+)?theme\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*[:.\-–—]\s*(?P<name>\S.{1,100})$").unwrap()
});

/// A heading over a list of themes with no colon: `Best Value themes`, `Key lines of enquiry`.
/// Not `Themes and findings`.
static LIST_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:[\w’'&\-]+\s+){0,4}(?:themes|key\s+lines\s+of\s+enquiry|lines\s+of\s+enquiry|judgement\s+areas|areas\s+of\s+focus|focus\s+areas|inspection\s+areas|core\s+components)$").unwrap()
});

/// An inline list introduced by `namely`, or a themes phrase ending in a colon mid-sentence:
/// `the four key themes …, namely; Working with people, providing support, …`,
/// `focused on four key lines of enquiry: A; B; and C.` Not `namely that the plan was late.`
static NAMELY: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\b(?:themes?|lines\s+of\s+enquiry|areas|judgements?|components|priorities)\b[^.:;]{0,120}?(?:,?\s*namely\s*[;:,]?|:)\s+(?P<list>[^.]{10,400})").unwrap()
});

/// A judgement or rating after a theme's name, not part of the name: `(rated good)`, ` – Good`,
/// `Requires improvement to be good`. Not `Good governance` (the word does not end the line).
static GRADE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\s*(?:\(\s*(?:rated|judged|grade[d]?)?\s*[\w ]{2,40}\)|[-–—:]?\s*\b(?:outstanding|good|requires\s+improvement(?:\s+to\s+be\s+good)?|inadequate)\b)\s*[.;,]?\s*$").unwrap()
});

/// One area of an inspection's judgement table flattened onto a line, its grade after it:
/// `1. Children who need help and protection Good`, `2.1 Adoption performance Good`. Not
/// `1. The service is good` (no capital grade after the name).
static GRADED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    let grades: Vec<String> = GRADES.iter().map(|g| g.replace(' ', r"\s+")).collect();
    re_new(&format!(
        r"(?:^|[\s:])\d{{1,2}}(?:\.\d{{1,2}})?\.?\s+(?P<name>[A-Z][A-Za-z,’' \-]+?)\s+(?:{})(?:\s+to\s+be\s+good)?\b",
        grades.join("|")
    ))
    .unwrap()
});

/// An inspection's grades as a judgement table prints them, one of which ends each area of
/// [`GRADED_ITEM`].
const GRADES: [&str; 4] = ["Good", "Outstanding", "Inadequate", "Requires improvement"];

/// The areas of a judgement table flattened onto one line (`… are: 1. Children who need help
/// and protection Good 2. Children looked after and achieving permanence Good …`): each area a
/// framework names, when two or more are.
fn graded_run(text: &str, s: &Segment, hint: Option<Framework>, out: &mut Vec<FoundTheme>) {
    // With its label: the first area's number may have made the segment's label.
    let words = s.text(text);
    // Two grades in capitals at least: a cheap test first.
    let grades = GRADES
        .iter()
        .map(|g| memchr::memmem::find_iter(words.as_bytes(), g.as_bytes()).count())
        .sum::<usize>();
    if grades < 2 {
        return;
    }
    let found_names: Vec<FoundTheme> = GRADED_ITEM
        .captures_iter(words)
        .filter_map(|c| c.name("name"))
        .filter(|n| n.as_str().len() <= 100)
        .filter(|n| theme_names::resolve(n.as_str(), hint).0.is_some())
        .map(|n| found(n.as_str(), s.start + n.start()))
        .collect();
    if found_names.len() >= 2 {
        for t in found_names {
            push(out, t);
        }
    }
}

// Cheap tests run before the patterns above on every segment: each is true of every text the
// pattern it guards can match, so it only saves the search where the pattern cannot match.

/// Whether the text ends in a colon, perhaps followed by a dash (`:`, `: –`), the way
/// [`LEAD_IN`] and [`REVIEW_LEAD_IN`] end (`:\s*[-–]?\s*$`).
fn ends_with_colon(words: &str) -> bool {
    let t = words.trim_end();
    let t = t.strip_suffix(['-', '–']).map_or(t, str::trim_end);
    t.ends_with(':')
}

/// Tries each match of `re` in segment `s` (matches may overlap: `look at … the four themes of
/// A, B and C`) until one holds a list of themes; returns whether one did.
fn inline_list(text: &str, s: &Segment, re: &Regex, out: &mut Vec<FoundTheme>) -> bool {
    let words = s.body_text(text);
    let mut from = 0;
    while let Some(c) = re.captures_at(words, from) {
        let list = c.name("list").expect("list group");
        // A list opened by a bracket (`four themes (A, B, C and D), and …`) ends at its close.
        let mut end = list.end();
        if words[..list.start()].ends_with('(')
            && let Some(k) = list.as_str().find(')')
        {
            end = list.start() + k;
        }
        if inline_themes(text, s.body + list.start(), s.body + end, out) {
            return true;
        }
        let at = c.get(0).expect("match").start();
        from = words[at..]
            .char_indices()
            .nth(1)
            .map_or(words.len(), |(k, _)| at + k);
    }
    false
}

/// The areas named after each [`AREAS_THAT`] clause in segment `s`, up to the next stop:
/// `the three key areas that Estyn focused on in 2018; Outcomes, Quality of Education services
/// and Leadership.` Returns whether a list was found.
fn areas_after_a_clause(text: &str, s: &Segment, out: &mut Vec<FoundTheme>) -> bool {
    let words = s.body_text(text);
    for m in AREAS_THAT.find_iter(words) {
        let rest = &words[m.end()..];
        let len = rest.find(['.', ';', ':']).unwrap_or(rest.len());
        // As a list of names inside a sentence: ten characters at least, 400 at most.
        let mut len = len.min(400);
        while !rest.is_char_boundary(len) {
            len -= 1;
        }
        if len >= 10 && inline_themes(text, s.body + m.end(), s.body + m.end() + len, out) {
            return true;
        }
    }
    false
}

/// Whether [`AREAS_THAT`] can match: a semicolon or colon, and `areas` or `themes` before it.
fn may_name_areas_after_a_clause(words: &str) -> bool {
    static FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 2]> = LazyLock::new(|| {
        [
            memchr::memmem::Finder::new("areas "),
            memchr::memmem::Finder::new("themes "),
        ]
    });
    let b = words.as_bytes();
    memchr::memchr2(b';', b':', b).is_some() && FINDERS.iter().any(|f| f.find(b).is_some())
}

/// Whether a line ends on a word that wants the list after it: `… will reflect on`, `… looked
/// at`, `… priorities of`, `… include`. Not `… was agreed.`
fn ends_with_preposition(words: &str) -> bool {
    let last = words.trim_end().rsplit(' ').next().unwrap_or("");
    matches!(
        last,
        "on" | "at" | "of" | "include" | "including" | "following"
    )
}

/// Whether the text ends in a letter [`LIST_HEADING`]'s names end with (`themes`, `enquiry`,
/// `areas`, `focus`, `components`), in either case (`ſ` is how `s` may fold).
fn may_end_list_heading(words: &str) -> bool {
    words.trim_end().ends_with(['s', 'S', 'y', 'Y', '\u{17F}'])
}

/// Whether the text may start [`THEME_HEADING`] (`Theme 1: …`, `Key theme 2 – …`): it starts
/// with `t` or `k` in either case (`K`, the Kelvin sign, is how `k` may fold).
fn may_be_theme_heading(words: &str) -> bool {
    starts_with_any(words, b"tTkK") || words.starts_with('\u{212A}')
}

/// Whether the text may end with [`GRADE`]: in `)` or one of its grade words (`good`,
/// `outstanding`, `inadequate`, `requires improvement`), perhaps with one stop after it, or in
/// characters outside ASCII (which `(?i)` may fold onto the words' letters).
fn may_end_with_grade(s: &str) -> bool {
    let t = s.trim_end();
    let t = t.strip_suffix(['.', ';', ',']).map_or(t, str::trim_end);
    let b = t.as_bytes();
    let tail = &b[b.len().saturating_sub(12)..];
    let ends = |w: &str| {
        tail.len() >= w.len() && tail[tail.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
    };
    !tail.is_ascii()
        || t.ends_with(')')
        || ["good", "outstanding", "inadequate", "improvement"]
            .into_iter()
            .any(ends)
}

/// Whether the text's first byte is one of `bytes`.
fn starts_with_any(words: &str, bytes: &[u8]) -> bool {
    words.as_bytes().first().is_some_and(|b| bytes.contains(b))
}

/// Words one of which, in any ASCII case, starts every match of [`CONTEXT`].
static CONTEXT_CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    cue_words(&[
        "peer",
        "review",
        "challenge",
        "theme",
        "inspect",
        "hmic",
        "peel",
        "cqc",
        "ofsted",
        "estyn",
    ])
});

/// The matches of `re` in `text`, as byte ranges in order: the matches of `re.find_iter(text)`,
/// found by trying `re` only where one of `cues` starts. `re` must match only at the start of
/// a word, where one of `cues` (in any ASCII case) starts, and never more than 12 bytes: then
/// matches cannot overlap, and a search from a cue's start over the next 20 bytes sees each
/// match whole and the character after it. A text with a character that `(?i)` folds onto ASCII
/// (the long s, the Kelvin sign), which the cues do not hold, is searched whole.
fn matches_at_cues(re: &Regex, cues: &AhoCorasick, text: &str) -> Vec<(usize, usize)> {
    if folds_onto_ascii(text) {
        return re.find_iter(text).map(|m| (m.start(), m.end())).collect();
    }
    let mut starts: Vec<usize> = cues
        .find_overlapping_iter(text)
        .map(|m| m.start())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for p in starts {
        if out.last().is_some_and(|&(_, end)| p < end) {
            continue;
        }
        let mut cut = (p + 20).min(text.len());
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        // `find_at` reads the character before `p` for the word boundary there.
        if let Some(m) = re.find_at(&text[..cut], p).filter(|m| m.start() == p) {
            out.push((p, m.end()));
        }
    }
    out
}

/// For each segment, whether [`CONTEXT`] (a pattern of whole words, which never runs from one
/// segment into the next) matches in its text: one search over the whole text instead of one
/// per segment.
fn context_by_segment(text: &str, segs: &[Segment]) -> Vec<bool> {
    let mut out = vec![false; segs.len()];
    let mut k = 0;
    for (start, end) in matches_at_cues(&CONTEXT, &CONTEXT_CUES, text) {
        while k < segs.len() && segs[k].end < end {
            k += 1;
        }
        match segs.get(k) {
            Some(s) if s.start <= start => out[k] = true,
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// Finds themes in document order, without repeats, each mapped to its framework.
pub fn find(text: &str, segs: &[Segment]) -> Vec<FoundTheme> {
    let mut out: Vec<FoundTheme> = Vec::new();
    // Each segment's name and key, and whether it speaks of a review, worked out once: the
    // rules below ask for them many times over.
    let names: Vec<Name> = segs.iter().map(|s| Name::of(s.body_text(text))).collect();
    let context = context_by_segment(text, segs);
    let hint = framework_of_document(text, &names);
    let named = inspectorates(text);
    let name_lines = one_word_name_lines(&names, &named);
    let in_context = |i: usize| in_context(&context, i, hint);
    let mut i = 0;
    while i < segs.len() {
        let s = &segs[i];
        let words = s.body_text(text);
        if let Some(c) = may_be_theme_heading(words)
            .then(|| THEME_HEADING.captures(words.trim_end()))
            .flatten()
        {
            let name = c.name("name").expect("name");
            let n = name_part(strip_grade(name.as_str()));
            if !n.is_empty() && n.split_whitespace().count() <= 14 {
                let start = s.body + name.start() + name.as_str().find(n).unwrap_or(0);
                push(&mut out, found(n, start));
            }
            i += 1;
            continue;
        }
        // A contents list prints its page number after the lead-in: `Key assessment areas: 11`.
        let entry = contents_entry(words.trim_end());
        // `Our normal approach will reflect on` and a bulleted list: a lead-in without its colon.
        let open_end = !ends_with_colon(entry)
            && segs.get(i + 1).is_some_and(|f| f.bullet)
            && ends_with_preposition(entry);
        let with_colon;
        let entry = if open_end {
            with_colon = format!("{entry}:");
            with_colon.as_str()
        } else {
            entry
        };
        let ends_colon = ends_with_colon(entry);
        // The lead-in tests first: most lines are none, and `FINDINGS` would run on them all.
        let lead_in = words.len() < 400
            && (ends_colon && LEAD_IN.is_match(entry)
                || may_end_list_heading(words) && LIST_HEADING.is_match(words.trim())
                || starts_with_any(words, b"tTfF") && FOLLOWING.is_match(words)
                || ends_colon && REVIEW_LEAD_IN.is_match(entry) && {
                    let para = paragraph_ending_at(text, segs, i);
                    in_context(i) && !REMAINING_WORK.is_match(&para)
                })
            && !FINDINGS.is_match(entry);
        if lead_in
            && segs
                .get(i + 1)
                .is_some_and(|f| f.label.is_some() || f.bullet || short(f.body_text(text)))
        {
            let next = list_themes(text, segs, i + 1, &mut out);
            i = next.max(i + 1);
            continue;
        }
        // Every place a list may be introduced is tried until one holds a list; `… areas that
        // …;` last, and only where such a clause can be.
        if in_context(i) {
            let listed = has_cue(&INLINE_LIST_CUES, words)
                && [&*THESE_WERE, &*NAMELY, &*INLINE]
                    .into_iter()
                    .any(|re| inline_list(text, s, re, &mut out));
            if !listed && may_name_areas_after_a_clause(words) {
                areas_after_a_clause(text, s, &mut out);
            }
        }
        if !named.is_empty() {
            one_word_name_lists(text, s, &named, &mut out);
        }
        graded_run(text, s, hint, &mut out);
        if let Some(&(_, f)) = name_lines.iter().find(|l| l.0 == i) {
            let (a, b) = (s.body + names[i].at.0, s.body + names[i].at.1);
            push(&mut out, listed_theme(&text[a..b], a, names[i].key(), f));
        }
        if let Some(c) =
            memchr::memchr(b':', words.as_bytes()).and_then(|_| ADDITIONAL.captures(words))
            && in_context(i)
        {
            let name = c.name("name").expect("name group");
            push(&mut out, found(name.as_str().trim(), s.body + name.start()));
        }
        let also = |w: &str| w.contains("looking") || w.contains("focus");
        if let Some(c) = also(words).then(|| ALSO.captures(words)).flatten() {
            let context =
                CONTEXT.is_match(words) || i > 0 && CONTEXT.is_match(segs[i - 1].text(text));
            let name = c.name("name").expect("name group");
            let n = name
                .as_str()
                .trim_end_matches(" and")
                .trim_end_matches(" the");
            if context && n.split_whitespace().count() >= 2 {
                push(&mut out, found(n, s.body + name.start()));
            }
        }
        if let Some(t) = exact_theme(text, s, &names[i], hint) {
            push(&mut out, t);
        }
        names_between_semicolons(text, s, hint, &mut out);
        i += 1;
    }
    // Names read from a list of one framework's names carry it already.
    for t in out.iter_mut().filter(|t| t.framework.is_none()) {
        let (canonical, framework) = theme_names::resolve(&t.text, hint);
        t.canonical = canonical;
        t.framework = framework;
    }
    out
}

/// The framework a page is about: the one most of its lines name a theme of (counting only
/// names no other framework shares), or the one it names (`CQC`, `Best Value`, `Ofsted`).
fn framework_of_document(text: &str, names: &[Name]) -> Option<Framework> {
    /// The framework a page names: `CQC`, `Best Value`, `Ofsted`, `governance peer challenge`. Not
    /// `peer challenge` alone.
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        re_new(r"(?i)\b(?P<cqc>CQC|Care\s+Quality\s+Commission)\b|\b(?P<bv>best\s+value)\b|\b(?P<ofsted>ofsted|ILACS)\b|\b(?P<gov>governance\s+peer\s+challenge)\b").unwrap()
    });
    let mut votes: Vec<(Framework, usize)> = Vec::new();
    let mut vote = |f: Framework, n: usize| match votes.iter_mut().find(|(g, _)| *g == f) {
        Some(v) => v.1 += n,
        None => votes.push((f, n)),
    };
    for n in names.iter().filter(|n| n.short_segment) {
        if let Some(kn) = theme_names::unambiguous(n.key()) {
            vote(kn.framework, 2);
        }
    }
    for c in NAMED.captures_iter(text) {
        let f = if c.name("cqc").is_some() {
            Framework::CqcAsc
        } else if c.name("bv").is_some() {
            Framework::BestValue
        } else if c.name("ofsted").is_some() {
            Framework::OfstedIlacs
        } else {
            Framework::LgaGovernance
        };
        vote(f, 1);
    }
    votes.sort_by_key(|v| std::cmp::Reverse(v.1));
    votes.first().map(|&(f, _)| f)
}

/// Whether segment `i` is about a review or inspection: its words or the few segments before
/// it speak of a peer challenge, a review or themes (`context`, one flag per segment), or the
/// page is about a framework.
fn in_context(context: &[bool], i: usize, hint: Option<Framework>) -> bool {
    hint.is_some() || context[i.saturating_sub(6)..=i].iter().any(|&c| c)
}

/// A segment read as a possible theme name: where the name is in its words and the name's
/// key, when the segment is short enough for either use of it.
struct Name {
    /// The name's byte range within the segment's words.
    at: (usize, usize),
    /// The key without a leading `the`, when the name or the segment is short.
    key: Option<String>,
    /// Whether the segment is short enough to vote for the page's framework.
    short_segment: bool,
}

impl Name {
    fn of(words: &str) -> Name {
        let name = contents_entry(name_part(strip_grade(words)));
        // `Key judgement: Adoption performance 31`: a contents entry's label before its name.
        let head = &words.as_bytes()[..words.len().min(41)];
        let label_end =
            memchr::memchr(b':', head).filter(|&k| words.as_bytes().get(k + 1) == Some(&b' '));
        let name = match label_end {
            Some(k) if !theme_names::may_be_known(name) => {
                let rest = contents_entry(name_part(&words[k + 2..]));
                if theme_names::may_be_known(rest) {
                    rest
                } else {
                    name
                }
            }
            _ => name,
        };
        // `name` is a slice of `words` (trimmed at the start, so it is also where `find`
        // would first see it).
        let a = name.as_ptr() as usize - words.as_ptr() as usize;
        let at = (a, a + name.len());
        let short_segment = words.len() <= 200;
        // Keys are only looked up among the known names; one with more words (and a `the`)
        // than the longest of them is none of them, and is not built.
        let few_words = || {
            name.split_whitespace()
                .nth(*theme_names::LONGEST + 1)
                .is_none()
        };
        // A key that is no known name is never looked at, so only a name that may be one
        // has its key built.
        let key = ((name.len() <= 100 || short_segment)
            && theme_names::may_be_known(name)
            && few_words())
        .then(|| {
            let k = key_of(name);
            match k.strip_prefix("the ") {
                Some(rest) => rest.to_string(),
                None => k,
            }
        });
        Name {
            at,
            key,
            short_segment,
        }
    }

    fn key(&self) -> &str {
        self.key.as_deref().unwrap_or("")
    }
}

/// A name without the page number a contents list prints after it, and the dots that lead to
/// it: `Adoption performance 31`, `Prevention ........ 12` give `Adoption performance` and
/// `Prevention`. Not `Priority 1` … only a number of one to three digits after a blank goes,
/// and the name must keep a word of three letters or more.
fn contents_entry(s: &str) -> &str {
    let digits = s.len() - s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return s;
    }
    let before = &s[..s.len() - digits];
    let name = before.trim_end_matches([' ', '\t', '.', '…']).trim_end();
    if name.len() == before.len() || !name.split_whitespace().any(|w| w.len() >= 3) {
        return s;
    }
    name
}

fn strip_grade(s: &str) -> &str {
    if !may_end_with_grade(s) {
        return s;
    }
    match GRADE.find(s) {
        Some(m) if m.start() > 0 => &s[..m.start()],
        _ => s,
    }
}

fn found(name: &str, start: usize) -> FoundTheme {
    FoundTheme {
        text: collapse(name),
        canonical: None,
        framework: None,
        start,
        end: start + name.len(),
    }
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
            if j > first && !s.blank_before || !fits || is_terminator(words) || part_of_page(words)
            {
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
        // `Theme one: Working with people` names its theme after the number.
        let (raw, a) = match THEME_HEADING.captures(raw.trim_end()) {
            Some(c) => {
                let at = c.name("name").expect("name group").start();
                (&raw[at..], *a + at)
            }
            None => (raw, *a),
        };
        let name = contents_entry(name_part(strip_grade(raw)));
        // An area may be printed as a whole question (`How effective is the force at …?`),
        // with no shorter name.
        let most_words = if raw.trim_end().ends_with('?') {
            40
        } else {
            16
        };
        if name.is_empty() || name.split_whitespace().count() > most_words || NOTHING.is_match(name)
        {
            continue;
        }
        let start = a + raw.find(name).unwrap_or(0);
        push(out, found(name, start));
    }
    next
}

/// Whether a line names a part of the document, which ends a list of names in its contents:
/// `Section 3: Self-assessment 50`, `Appendix A`. Not `Sectional interests`.
fn part_of_page(s: &str) -> bool {
    let mut w = s.split_whitespace();
    let first = w.next().unwrap_or("");
    matches!(
        first,
        "Section" | "Part" | "Chapter" | "Appendix" | "Annex" | "SECTION" | "PART"
    ) && w.next().is_some_and(|n| n.len() <= 3)
}

fn has_separator(s: &str) -> bool {
    [": ", " – ", " - ", " — "]
        .iter()
        .any(|sep| s.find(sep).is_some_and(|at| at < 80))
}

/// The theme's name: the words before a `: question?`, ` – explanation` or `(explanation)`,
/// without closing punctuation.
fn name_part(s: &str) -> &str {
    let s = s.trim();
    let cut = name_end(s);
    let s = if s.ends_with(':') && cut == s.len() {
        &s[..s.len() - 1]
    } else {
        &s[..cut]
    };
    s.trim().trim_end_matches(['.', ';', ',', ':', '?']).trim()
}

/// Where a name ends: at the first `: `, `? `, ` (` or spaced dash (` - `, ` – `, ` — `), or
/// a bracket straight after a word that opens more than a plural's `(s)` (`Use of resources(
/// SPFM …)`), or at the end. This runs on every segment, so the bytes that may end a name are
/// found with `memchr` and only they are looked at.
fn name_end(s: &str) -> usize {
    let b = s.as_bytes();
    let cut = |i: usize| match b[i] {
        b':' | b'?' => (b.get(i + 1) == Some(&b' ')).then_some(i),
        b'(' if i > 0 && b[i - 1] == b' ' => Some(i - 1),
        b'(' => {
            (i > 0 && b[i - 1].is_ascii_alphabetic() && !b[i + 1..].starts_with(b"s)")).then_some(i)
        }
        // `-`, or the first byte of `–` and `—`, between blanks.
        _ => {
            let dash = if b[i] == b'-' {
                1
            } else if b[i..].starts_with("–".as_bytes()) || b[i..].starts_with("—".as_bytes()) {
                3
            } else {
                0
            };
            (dash > 0 && i > 0 && b[i - 1] == b' ' && b.get(i + dash) == Some(&b' ')).then(|| i - 1)
        }
    };
    let stops = memchr::memchr3_iter(b':', b'?', b'(', b).find_map(cut);
    let dashes = memchr::memchr2_iter(b'-', 0xE2, b).find_map(cut);
    stops.into_iter().chain(dashes).min().unwrap_or(b.len())
}

/// Reads `A, B, C and D` (or `A; B; and C`) between `start` and `end` as themes; returns
/// whether there was such a list.
fn inline_themes(text: &str, start: usize, end: usize, out: &mut Vec<FoundTheme>) -> bool {
    let list = &text[start..end];
    // Semicolons, when there are any, separate the items (which may hold commas).
    let split: &Regex = if list.contains(';') { &SEMI } else { &SPLIT };
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut last = 0;
    for m in split.find_iter(list) {
        pieces.push((last, m.start()));
        last = m.end();
    }
    pieces.push((last, list.len()));
    if pieces.len() < 2 {
        return false;
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
    // The list runs until a piece that is not a name (`…, and that each theme was broken
    // down into …`); a known theme name may be longer than an ordinary one.
    let max_words = if split.as_str() == SEMI.as_str() {
        8
    } else {
        6
    };
    let known = |n: &str| {
        let k = key_of(n);
        theme_names::exact(k.strip_prefix("the ").unwrap_or(&k))
            .next()
            .is_some()
    };
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in &names {
        let n = &list[a..b];
        let first = n
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let clause = matches!(first.as_str(), "that" | "which" | "who" | "so" | "where");
        // The last name may be two joined by `and` and run on (`… and capacity to deliver`).
        let w = n.split_whitespace().count();
        if clause || !((1..=max_words).contains(&w) || known(n) || split_final_and(n).is_some()) {
            break;
        }
        kept.push((a, b));
    }
    // The last name kept may hold the final two joined by `and`.
    if let Some(&(a, b)) = kept.last()
        && let Some(at) = split_final_and(&list[a..b])
    {
        kept.pop();
        kept.push((a, a + at.0));
        kept.push((a + at.1, b));
    }
    let fits = |&(a, b): &(usize, usize)| {
        let n = &list[a..b];
        (1..=max_words).contains(&n.split_whitespace().count()) || known(n)
    };
    // `focused on ensuring that councils have the capacity, …` is a sentence, not a list.
    let first_word = kept
        .first()
        .map(|&(a, b)| &list[a..b])
        .filter(|n| !known(n))
        .and_then(|n| n.split_whitespace().next())
        .unwrap_or("")
        .to_ascii_lowercase();
    if kept.len() < 3 || !kept.iter().all(fits) || first_word.ends_with("ing") {
        return false;
    }
    for (a, b) in kept {
        push(out, found(&list[a..b], start + a));
    }
    true
}

/// `None`, `N/A`, `Nil`: an empty list, not a theme. Not `None of the themes`.
static NOTHING: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"(?i)^(?:none|n/?a|nil|not\s+applicable)\.?$").unwrap());

/// Items separated by semicolons (`A; B; and C`): the `; ` and `; and `. Not the commas of `A, B
/// and C`.
static SEMI: LazyLock<Regex> = LazyLock::new(|| re_new(r";\s*(?:and\s+)?").unwrap());

/// Where to split `X and Y` when the final two names are joined by `and`: only when the text
/// after `and` starts a new capitalised name or a known theme.
fn split_final_and(tail: &str) -> Option<(usize, usize)> {
    let at = tail.rfind(" and ")?;
    let right = tail[at + 5..].trim();
    let left = tail[..at].trim();
    if left.is_empty() || right.is_empty() {
        return None;
    }
    let known = |s: &str| {
        let k = key_of(s);
        theme_names::exact(&k).next().is_some() || theme_names::cpc_paraphrase(&k).is_some()
    };
    if known(tail) && !known(left) {
        return None;
    }
    let right_capital = right.chars().next().is_some_and(|c| c.is_uppercase());
    let left_capital = left.chars().next().is_some_and(|c| c.is_uppercase());
    // `governance and communications` are two themes; `partnerships and community
    // engagement` is one: in lower case only a one-word tail is split off.
    let one_word = right.split_whitespace().count() == 1;
    let same_case = right_capital == left_capital && (right_capital || one_word);
    (same_case || known(right)).then_some((at, at + 5))
}

/// A line that is exactly a framework's theme name (a heading in a peer challenge report);
/// a name several frameworks share (`Leadership`) only on a page about one of them.
fn exact_theme(text: &str, s: &Segment, n: &Name, hint: Option<Framework>) -> Option<FoundTheme> {
    if n.at.1 - n.at.0 > 100 {
        return None;
    }
    let (a, b) = (s.body + n.at.0, s.body + n.at.1);
    is_known_name(n.key(), hint).then(|| found(&text[a..b], a))
}

/// Whether a key is a framework's name of more than one word: one no other framework shares,
/// or one of the page's framework. A one-word name (`Governance`) is a heading of many
/// reports, and is read only in lists of its framework's names.
fn is_known_name(key: &str, hint: Option<Framework>) -> bool {
    key.contains(' ')
        && (theme_names::unambiguous(key).is_some()
            || theme_names::exact(key).any(|kn| !kn.statement && Some(kn.framework) == hint))
}

/// Several of a framework's names in one item, between semicolons: `the impact of leaders on
/// social work practice …; the experiences and progress of children in care; and`. Two at
/// least must be known names (as [`exact_theme`] knows them); each of those is a theme.
fn names_between_semicolons(
    text: &str,
    s: &Segment,
    hint: Option<Framework>,
    out: &mut Vec<FoundTheme>,
) {
    let words = s.body_text(text);
    if memchr::memchr(b';', words.as_bytes()).is_none() || words.len() > 600 {
        return;
    }
    let mut known = Vec::new();
    for part in words.split(';') {
        let t = part.trim_start();
        let t = t
            .strip_prefix("and ")
            .or_else(|| t.strip_prefix("or "))
            .unwrap_or(t);
        let t = t.trim_end_matches(['.', ',', ' ']);
        let t = t.strip_suffix(" and").unwrap_or(t);
        if t.is_empty() {
            continue;
        }
        let n = Name::of(t);
        if n.at.1 - n.at.0 <= 100 && is_known_name(n.key(), hint) {
            // `t` is a slice of `words`.
            let a = s.body + (t.as_ptr() as usize - words.as_ptr() as usize) + n.at.0;
            known.push(found(&text[a..a + (n.at.1 - n.at.0)], a));
        }
    }
    if known.len() >= 2 {
        for t in known {
            push(out, t);
        }
    }
}

fn push(out: &mut Vec<FoundTheme>, t: FoundTheme) {
    let key = key_of(&t.text);
    if key.is_empty() || out.iter().any(|o| key_of(&o.text) == key) {
        return;
    }
    out.push(t);
}

/// Maps a theme name, including paraphrases, to one of the five Corporate Peer Challenge
/// themes.
pub fn canonical(name: &str) -> Option<CanonicalTheme> {
    theme_names::resolve(name, Some(Framework::Cpc))
        .0
        .filter(|c| c.is_cpc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::segment::segments;

    /// The names of the themes found in `t`.
    fn texts(t: &str) -> Vec<String> {
        names(t).into_iter().map(|(n, _)| n).collect()
    }

    fn names(t: &str) -> Vec<(String, Option<CanonicalTheme>)> {
        find(t, &segments(t))
            .into_iter()
            .map(|f| (f.text, f.canonical))
            .collect()
    }

    /// The rule of [`name_end`] as a walk over every byte.
    fn name_end_byte_by_byte(s: &str) -> usize {
        let b = s.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            let rest = &b[i + 1..];
            let cut = match c {
                b':' | b'?' => rest.first() == Some(&b' '),
                b'(' => i > 0 && b[i - 1].is_ascii_alphabetic() && !rest.starts_with(b"s)"),
                b' ' => {
                    rest.first() == Some(&b'(')
                        || ["- ", "– ", "— "]
                            .iter()
                            .any(|d| rest.starts_with(d.as_bytes()))
                }
                _ => false,
            };
            if cut {
                return i;
            }
        }
        b.len()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]
        #[test]
        fn a_name_ends_where_a_walk_over_its_bytes_says(
            v in proptest::collection::vec(proptest::sample::select(&[
                ":", "?", "(", ")", " ", "-", "–", "—", "’", "s)", "s", "a", "Z", "1", "é",
            ][..]), 0..14)
        ) {
            let s = v.concat();
            proptest::prop_assert_eq!(name_end(&s), name_end_byte_by_byte(&s), "{:?}", s);
        }
    }

    #[test]
    fn a_name_ends_at_the_first_of_its_ends() {
        let cases = [
            ("Leadership: how the council leads", "Leadership"),
            ("Is the council well run? Yes", "Is the council well run"),
            ("Use of resources( SPFM and more)", "Use of resources"),
            ("Use of resources (SPFM)", "Use of resources"),
            ("Partner(s) and places", "Partner(s) and places"),
            ("Place - and then (more)", "Place"),
            ("Finance – Good: rated", "Finance"),
            ("Governance — the board: ok", "Governance"),
            (
                "Capacity:no space after the colon",
                "Capacity:no space after the colon",
            ),
            ("(Opening bracket first)", "(Opening bracket first)"),
            ("Ends with a colon:", "Ends with a colon:"),
        ];
        for (s, want) in cases {
            assert_eq!(&s[..name_end(s)], want, "{s}");
        }
    }

    #[test]
    fn the_cheap_tests_hold_for_what_their_patterns_match() {
        for s in [
            "The peer challenge covered five themes:",
            "The review examined the following areas: –",
            "Key lines of enquiry :  ",
        ] {
            assert!(ends_with_colon(s), "{s}");
        }
        assert!(LEAD_IN.is_match("The peer challenge covered five themes: –"));
        assert!(!ends_with_colon("The themes were discussed."));
        assert!(may_end_list_heading("Key lines of enquiry "));
        assert!(may_end_list_heading("Our focus areas"));
        assert!(!may_end_list_heading("The themes were discussed."));
        assert!(may_be_theme_heading("Theme 1: Leadership"));
        assert!(may_be_theme_heading("\u{212A}ey theme 2 – Place"));
        assert!(THEME_HEADING.is_match("\u{212A}ey theme 2 – Place"));
        assert!(!may_be_theme_heading("1. Leadership"));
        for s in [
            "Leadership (rated good)",
            "Finance – Good.",
            "Place: requires improvement to be good ",
            "Use of resources – Requires Improvement;",
            "People – INADEQUATE",
        ] {
            assert!(may_end_with_grade(s) && GRADE.is_match(s), "{s}");
        }
        assert!(!may_end_with_grade("Good governance"));
    }

    #[test]
    fn contents_entries_give_their_names_without_page_numbers_or_labels() {
        let t = "Contents\n\nSummary 2\nKey judgement: The experiences and progress of children who need help and protection 7\nKey judgement: Adoption performance ........ 19\nLeadership, management and governance 24\nPriority 1\n";
        let got: Vec<String> = names(t).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            got,
            vec![
                "The experiences and progress of children who need help and protection",
                "Adoption performance",
                "Leadership, management and governance"
            ]
        );
        assert_eq!(contents_entry("Prevention ...... 12"), "Prevention");
        assert_eq!(
            contents_entry("Adoption performance 31"),
            "Adoption performance"
        );
        // A number that is part of the words, or a name left with no real word: kept.
        assert_eq!(contents_entry("Theme 2024"), "Theme 2024");
        assert_eq!(contents_entry("Q1"), "Q1");
        assert_eq!(contents_entry("No 3"), "No 3");
    }

    #[test]
    fn areas_named_after_a_clause_about_them() {
        let t = "The report updated Members on the three key areas that Estyn inspected in 2024; Standards, Wellbeing and Leadership.\n";
        assert_eq!(texts(t), ["Standards", "Wellbeing", "Leadership"]);
        // Without an inspection or review about, such a clause names no themes.
        let t = "The report set out the areas that residents raised in 2024; parking, litter and noise.\n";
        assert!(texts(t).is_empty(), "{:?}", texts(t));
    }

    #[test]
    fn a_judgement_table_flattened_onto_one_line() {
        let t = "The judgements on areas of the service are: 1. Children who need help and protection Good 2. Children looked after and achieving permanence Requires improvement to be good 3. Leadership, management and governance Outstanding\n";
        assert_eq!(
            texts(t),
            [
                "Children who need help and protection",
                "Children looked after and achieving permanence",
                "Leadership, management and governance"
            ]
        );
        // Graded names no framework has are not themes.
        let t = "Ratings: 1. Customer Service Good 2. Parks Outstanding\n";
        assert!(texts(t).is_empty(), "{:?}", texts(t));
    }

    #[test]
    fn a_counted_list_of_a_plans_priorities() {
        let t = "(1) Approved the Council Plan with the four new Council Priorities as outlined below:\n\n· Thriving Communities\n\n· Accessible Services\n";
        assert_eq!(texts(t), ["Thriving Communities", "Accessible Services"]);
        // A strategy's outcomes are its own aims, not themes; nor is an uncounted list.
        let t = "(ii) The following five key outcomes be approved as the basis of the strategy:-\n· People live longer, healthier lives\n\nOur priorities for next year:\n· Roads\n";
        assert!(texts(t).is_empty(), "{:?}", texts(t));
    }

    #[test]
    fn areas_assessed_in_a_review_under_weaker_lead_ins() {
        // What reviewers assess, in a peer challenge's context.
        let t = "Fire peer challenge\n\nIt is not an inspection, but the peer reviewers assess the following:\n\n• delivery of prevention\n• response activity\n";
        assert_eq!(texts(t), ["delivery of prevention", "response activity"]);
        // A lead-in whose colon was lost before its bullets.
        let t = "Planning committee peer review\n\nThe review will look at\n• The purpose of the committee\n• Roles & responsibilities\n";
        assert_eq!(
            texts(t),
            ["The purpose of the committee", "Roles & responsibilities"]
        );
        // Contents: the lead-in and its entries carry page numbers; the next part ends them.
        let t = "Contents\n\nUsing the toolkit 9\n\nKey assessment areas: 11\n\nCommunity risk management 11\n\nPrevention 17\n\nSection 3: Self-assessment 50\n";
        assert_eq!(texts(t), ["Community risk management", "Prevention"]);
        // Without a lead-in's words, the same shapes give nothing.
        let t = "The meeting was held on\n• Tuesday 4 March\n\nContents\n\nUsing the toolkit 9\n\nBackground: 11\n\nCommunity risk management 11\n";
        assert!(texts(t).is_empty(), "{:?}", texts(t));
    }

    #[test]
    fn numbered_theme_lines_under_a_lead_in_give_the_names_after_the_number() {
        let t = "The assessment looks at four overarching themes:\nTheme one: Working with people\n- Quality statement one: Assessing needs\nTheme two: Providing support\n- Quality statement four: Care provision\n";
        let got: Vec<String> = names(t).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["Working with people", "Providing support"]);
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
    fn areas_counted_or_announced_before_a_list_are_themes_in_a_review_or_inspection() {
        let only = |t: &str| -> Vec<String> { names(t).into_iter().map(|(n, _)| n).collect() };
        let t = "We asked the peer challenge team to focus on 4 main areas:\n\n  • the customer journey\n  • workforce planning\n  • partnership working\n  • use of data\n\nThe team met 60 people.";
        assert_eq!(
            only(t),
            vec![
                "the customer journey",
                "workforce planning",
                "partnership working",
                "use of data"
            ]
        );
        // An inspection's areas, printed as whole questions: the question is the theme.
        let t = "The inspection of the service focused on three areas of policing:\n\n  1. How effective is the force at preventing crime, tackling anti-social behaviour and keeping people safe?\n  2. How effective is the force at investigating crime?\n  3. How well does the force treat its staff, and look after their wellbeing?\n";
        assert_eq!(
            only(t),
            vec![
                "How effective is the force at preventing crime, tackling anti-social behaviour and keeping people safe",
                "How effective is the force at investigating crime",
                "How well does the force treat its staff, and look after their wellbeing",
            ]
        );
        let t = "Challenge themes\n\nThe following four themes are where we start, shaped to local needs.\n\n  • Is the vision for the area clear?\n  • Does the service work well with its partners?\n";
        assert_eq!(
            only(t),
            vec![
                "Is the vision for the area clear",
                "Does the service work well with its partners"
            ]
        );
        // The same shapes with nothing about a review or an inspection are not themes.
        let t =
            "The budget was set with 3 main areas:\n\n  • salaries\n  • buildings\n  • transport\n";
        assert!(only(t).is_empty(), "{:?}", only(t));
    }

    #[test]
    fn one_word_names_count_only_three_or_more_together_on_a_page_naming_their_body() {
        let all = |t: &str| -> Vec<(String, Option<CanonicalTheme>, Option<Framework>)> {
            find(t, &segments(t))
                .into_iter()
                .map(|f| (f.text, f.canonical, f.framework))
                .collect()
        };
        let t = "HMICFRS inspected the Service last year. In the areas of effectiveness, efficiency and people, it graded the Service as good.";
        assert_eq!(
            all(t),
            vec![
                (
                    "effectiveness".into(),
                    Some(CanonicalTheme::FireEffectiveness),
                    Some(Framework::HmicfrsFire)
                ),
                (
                    "efficiency".into(),
                    Some(CanonicalTheme::FireEfficiency),
                    Some(Framework::HmicfrsFire)
                ),
                (
                    "people".into(),
                    Some(CanonicalTheme::FirePeople),
                    Some(Framework::HmicfrsFire)
                ),
            ]
        );
        let t = "The force was graded against the three PEEL pillars (Effectiveness, Efficiency and Legitimacy) in 2017.";
        let got = all(t);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[2].0, "Legitimacy");
        assert!(got.iter().all(|g| g.2 == Some(Framework::HmicfrsPeel)));
        // A name keeps its own words up to the next comma.
        let t = "CQC asks of every service: are they safe, caring, effective, responsive to their needs, and well-led?";
        let names: Vec<String> = all(t).into_iter().map(|g| g.0).collect();
        assert_eq!(
            names,
            vec![
                "safe",
                "caring",
                "effective",
                "responsive to their needs",
                "well-led"
            ]
        );
        // As lines (headings or bullets) with a grade.
        let t = "Inspection by HMICFRS\n\nEffectiveness – Good\n\nThe service prevents fires well.\n\nEfficiency – Requires improvement\n\nPeople – Good\n";
        let names: Vec<String> = all(t).into_iter().map(|g| g.0).collect();
        assert_eq!(names, vec!["Effectiveness", "Efficiency", "People"]);
        // Without the body named, or fewer than three, or one framework's words mixed with
        // another's, nothing.
        assert!(all("Staff valued its effectiveness, efficiency and people.").is_empty());
        assert!(all("The CQC found care was safe and effective.").is_empty());
        assert!(all("CQC visited. People\n\nPlace\n\nProsperity\n").is_empty());
        assert!(all("HMICFRS said safe, effective and people matter.").is_empty());
    }

    #[test]
    fn a_name_ends_at_a_bracket_even_without_a_space_but_keeps_a_plural() {
        assert_eq!(
            name_part("Use of resources( SPFM - \"sound management of resources\"); and"),
            "Use of resources"
        );
        assert_eq!(
            name_part("Vision and Leadership (SPFM)"),
            "Vision and Leadership"
        );
        assert_eq!(
            name_part("Partner(s) and communities"),
            "Partner(s) and communities"
        );
    }

    #[test]
    fn words_found_once_over_the_text_are_the_words_found_segment_by_segment() {
        let t = "Peer challenge feedback\n\n1. The review team met staff.\nNothing here\n  (b) themes: finance;  (c) inspection\nreviewing the HMICFRS reportreview\n";
        let segs = segments(t);
        let each: Vec<bool> = segs.iter().map(|s| CONTEXT.is_match(s.text(t))).collect();
        assert_eq!(context_by_segment(t, &segs), each);
        assert!(each.contains(&true) && each.contains(&false), "{each:?}");
    }

    #[test]
    fn context_found_at_its_cues_is_context_found_by_a_whole_search() {
        let texts = [
            "Peer challenge feedback; the PEER team, peers and peerage",
            "reviewing the HMICFRS reportreview, a review. Inspectorates inspected the inspectorate",
            "CQC and cqc, Ofsted and OFSTED, Estyn; themes, Themes: theme-based; un-themed",
            "the inſpection and the inspection",
            "",
            "xreview reviewx review",
        ];
        for t in texts {
            let whole: Vec<(usize, usize)> =
                CONTEXT.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(matches_at_cues(&CONTEXT, &CONTEXT_CUES, t), whole, "{t}");
        }
        let t = texts[1];
        let found: Vec<&str> = matches_at_cues(&CONTEXT, &CONTEXT_CUES, t)
            .into_iter()
            .map(|(a, b)| &t[a..b])
            .collect();
        assert_eq!(found, ["HMICFRS", "review", "inspected", "inspectorate"]);
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

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[
            (
                &*super::LEAD_IN,
                "The peer challenge covered five themes:",
                "The themes were discussed.",
            ),
            (
                &*super::REVIEW_LEAD_IN,
                "had examined:",
                "The Council agreed the following:",
            ),
            (
                &*super::FINDINGS,
                "Members were reminded of the key areas of concern, these were as follows:-",
                "The review looked at four key areas:",
            ),
            (
                &*super::INLINE,
                "the peer team looked at financial planning and management, governance and culture",
                "The report looked at it.",
            ),
            (
                &*super::INLINE,
                "findings against four themes (working with people, providing support, ensuring safety and leadership)",
                "a consistent set of key themes when assessing councils, care providers and integrated care systems",
            ),
            (
                &*super::INLINE,
                "in a number of key areas such as Tenant Involvement, Repairs and Estate Management",
                "The report looked at it.",
            ),
            (
                &*super::AREAS_THAT,
                "the three key areas that Estyn focused on in 2018; Outcomes, Quality of Education services and Leadership",
                "the areas that residents raised.",
            ),
            (
                &*super::ADDITIONAL,
                "asked the team to look at one additional area: Shared services with Staffordshire Moorlands.",
                "additional areas were discussed.",
            ),
            (
                &*super::ALSO,
                "as well as looking specifically at Planning and Housing Delivery",
                "as well as looking at the budget",
            ),
            (
                &*super::REMAINING_WORK,
                "remaining areas of focus",
                "the themes of the review",
            ),
            (
                &*super::THESE_WERE,
                "The review used five themes. These were: leadership, governance and finance",
                "The themes were agreed.",
            ),
            (&*super::CONTEXT, "peer challenge", "budget monitoring"),
            (&*super::SPLIT, ", ", "Finance and Governance"),
            (
                &*super::THEME_HEADING,
                "Theme 1: Working with people",
                "Themes and findings",
            ),
            (
                &*super::LIST_HEADING,
                "Best Value themes",
                "Themes and findings",
            ),
            (
                &*super::NAMELY,
                "the four key themes …, namely; Working with people, providing support, …",
                "namely that the plan was late.",
            ),
            (&*super::GRADE, "(rated good)", "Good governance"),
            (
                &*super::GRADED_ITEM,
                "1. Children who need help and protection Good",
                "1. The service is good",
            ),
            (&*super::NOTHING, "None", "None of the themes"),
            (&*super::SEMI, "A; B; and C", "A, B and C"),
        ];
        crate::extract::textutil::assert_documented_examples(cases);
    }

    /// `NAMED`, inside `framework_of_document`, checked through it.
    #[test]
    fn a_named_framework_is_the_documents() {
        let of = |text: &str| {
            let names: Vec<Name> = crate::extract::segment::segments(text)
                .iter()
                .map(|s| Name::of(s.body_text(text)))
                .collect();
            framework_of_document(text, &names)
        };
        assert_eq!(of("The CQC assessment"), Some(Framework::CqcAsc));
        assert_eq!(of("Our Best Value duty"), Some(Framework::BestValue));
        assert_eq!(of("The Ofsted inspection"), Some(Framework::OfstedIlacs));
        assert_eq!(
            of("A governance peer challenge"),
            Some(Framework::LgaGovernance)
        );
        assert_eq!(of("A peer challenge"), None);
    }
}
