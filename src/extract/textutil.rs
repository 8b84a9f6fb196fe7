//! Small text tests shared by the extractors: whitespace collapsing, sentence ends, headings,
//! and the section labels that end a list.

use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// Compiles a pattern with ASCII word boundaries and word characters: `\b` becomes
/// `(?-u:\b)` and `\w` becomes `[0-9A-Za-z_]` (see [`ascii_words`]).
///
/// A Unicode `\b` stops the regex engine's fast automaton at the first non-ASCII byte (curly
/// quotes, `£`, dashes are everywhere in council papers) and sends every search to the slow
/// one; the words these patterns look for are ASCII, so nothing is lost.
pub fn re_new(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_words(pattern))
}

/// The pattern with every `\b` and `\w` made ASCII, for [`re_new`] and for sets of patterns.
///
/// Unicode `\w` is a class of some 700 ranges; inside a bounded repeat (`(?:\w+\s+){0,6}`)
/// it multiplies the automaton's states until its cache gives up and the slow engines run.
/// The names these patterns step over (`Cabinet`, `Sub-Committee`, `Children’s`) are ASCII
/// words joined by the punctuation each class lists.
pub fn ascii_words(pattern: &str) -> String {
    const WORD: &str = "0-9A-Za-z_";
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut chars = pattern.chars().peekable();
    let mut in_class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('b') => out.push_str(if in_class > 0 { r"\b" } else { r"(?-u:\b)" }),
                Some('w') if in_class > 0 => out.push_str(WORD),
                Some('w') => {
                    out.push('[');
                    out.push_str(WORD);
                    out.push(']');
                }
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push('\\'),
            },
            '[' => {
                in_class += 1;
                out.push(c);
                // `[]…]` and `[^]…]`: a `]` first in a class is a literal.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if in_class > 0 => {
                in_class -= 1;
                out.push(c);
            }
            '(' if in_class == 0 && pattern_flag_u(&mut chars, &mut out) => {}
            _ => out.push(c),
        }
    }
    out
}

/// Copies a `(?-u:\b)` group whole, so that its `\b` is not rewritten twice; returns whether
/// it did (after the `(` it was called on).
fn pattern_flag_u(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) -> bool {
    const ASCII_B: &str = "?-u:\\b)";
    let ahead: String = chars.clone().take(ASCII_B.len()).collect();
    if ahead == ASCII_B {
        out.push('(');
        out.push_str(ASCII_B);
        for _ in 0..ASCII_B.chars().count() {
            chars.next();
        }
        true
    } else {
        false
    }
}

/// An automaton of cue words, in any ASCII case: the words one of which every match of a
/// pattern contains, for [`has_cue`] to test before the pattern runs.
pub fn cue_words(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("a fixed word list builds")
}

/// Whether `s` holds one of `cues`, or a character that `(?i)` folds onto an ASCII letter (the
/// long s onto `s`, the Kelvin sign onto `k`): true of every text the guarded pattern matches,
/// so a pattern behind it loses nothing and runs, and is compiled, only where it may match.
pub fn has_cue(cues: &AhoCorasick, s: &str) -> bool {
    cues.is_match(s) || folds_onto_ascii(s)
}

/// Whether `s` holds the long s (`C5 BF`) or the Kelvin sign (`E2 84 AA`), found by their
/// rarest bytes (`C5` and `AA` are seldom in English text; `E2` starts every curly quote).
pub fn folds_onto_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xC5, b).any(|i| b.get(i + 1) == Some(&0xBF))
        || memchr::memchr_iter(0xAA, b).any(|i| i >= 2 && b[i - 2..i] == [0xE2, 0x84])
}

/// Collapses every run of whitespace to one space and trims, dropping table-cell bars left
/// at either end (`That the plan be approved. |`).
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    let trimmed = out.trim_matches(|c: char| c == '|' || c == ' ');
    if trimmed.len() != out.len() {
        trimmed.to_string()
    } else {
        out
    }
}

/// Whether text ends a sentence (`.`, `;`, `!`, `?`, or a closing quote or bracket after one).
pub fn ends_sentence(s: &str) -> bool {
    let t = s
        .trim_end_matches(|c: char| c.is_whitespace() || c == '|')
        .trim_end_matches(['”', '"', '’', '\'', ')', ']']);
    t.ends_with(['.', ';', '!', '?'])
}

/// The last sentence of a paragraph: the words after its last `. ` that comes before a capital
/// letter (one within the last three bytes does not count). `The PTL gave an update. It was
/// noted that:` → `It was noted that:`; `the plans, e.g. the budget, are:` is one sentence.
pub fn last_sentence(s: &str) -> &str {
    let cut = s
        .rmatch_indices(". ")
        .map(|(i, _)| i + 2)
        .filter(|&i| s[i..].starts_with(|c: char| c.is_uppercase()))
        .find(|&i| i < s.len().saturating_sub(3));
    cut.map_or(s, |i| &s[i..])
}

/// The first sentence of a text: the words up to and including the first `.` that comes
/// before a blank and a capital letter, or the whole text. `Clerk to write. Members agreed.`
/// → `Clerk to write.`; `Clerk to write, e.g. to the trust` is one sentence (no capital after).
pub fn first_sentence(s: &str) -> &str {
    s.match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| s[i..].trim_start().starts_with(|c: char| c.is_uppercase()))
        .map_or(s.trim_end(), |i| &s[..i])
}

/// Whether text ends the way a line that opens a list ends: a colon, alone or with a dash after
/// it (`:`, `:-`, `: -`, `: –`), or a dash after a space (`as follows –`).
pub fn ends_with_opener(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || c == '|');
    let bare = t.trim_end_matches(['-', '–', '—', ' ']);
    bare.ends_with(':') || t[bare.len()..].starts_with(' ')
}

pub fn starts_lower(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

/// A short line in capitals or title case with no closing punctuation: a heading.
pub fn is_heading_like(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 80 || ends_sentence(t) || t.ends_with(',') {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() > 10 {
        return false;
    }
    let first = words[0].to_ascii_lowercase();
    if matches!(first.as_str(), "that" | "to" | "and" | "or") {
        return false;
    }
    // `the Money Laundering Policy Document; and` is an item of a list, not a heading.
    let list_end = t.ends_with(" and") || t.ends_with(" or") || t.contains("; ");
    if list_end || !t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase()) {
        return true;
    }
    const SMALL: &[&str] = &[
        "and", "of", "the", "for", "to", "in", "on", "a", "an", "&", "-", "–", "with", "by", "at",
    ];
    let capped = words
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    let small = words
        .iter()
        .filter(|w| SMALL.contains(&w.to_ascii_lowercase().as_str()))
        .count();
    words.len() <= 8 && capped + small == words.len() && capped >= 1
}

/// A section label that ends a list: `Background papers`, `Contact officer: Jane Smith`,
/// `Appendix A - Budget`, `Reasons for the decision`. Not `That the background papers be
/// published.`
static TERMINATOR: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?xi)^(?:
            minutes\s*:|additional\s+documents\s*:|meeting\s*:\s*\d|supporting\s+documents\b|related\s+meeting\b
          | background\s+(?:papers|documents)\b|report\s+author\b|contact\s+officer\b|report\s+prepared\s+by\b
          | appendices\b|appendix\s+\w+\s*[-–:]|decision\s+maker\s*:|publication\s+date\s*:|date\s+of\s+decision\s*:
          | effective\s+from\s*:|wards?\s+affected\b|is\s+key\s+decision|key\s+decision\s*[:?]|decision\s+status\s*:
          | accompanying\s+documents\s*:|lead\s+officer\s*:|officer\s+contact\b|signed\b|chair(?:man|person)?\s*$
          | \(?the\s+meeting\s+(?:ended|closed|finished)\b|view\s+the\s+(?:full\s+)?(?:minutes|background)
          | declarations?\s+of\s+interests?\b|apologies\s+for\s+absence\b|present\s*:|in\s+attendance\s*:
          | purpose\s+of\s+(?:the\s+)?report\b|executive\s+summary\b|implications\b|financial\s+implications
          | legal\s+implications|equalit(?:y|ies)\s+implications|risk\s+management\b|consultation\s*:
          | issue\s*-\s*(?:meetings|decisions)\b|decision\s+details\b|call[\s-]+in\b|reasons?\s+for\s+(?:the\s+)?(?:recommendations?|decisions?)\s*$
        )",
    )
    .unwrap()
});

/// A line that starts a new part of the page and so ends any list before it.
pub fn is_terminator(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || c == '|' || c == '*' || c == '#');
    TERMINATOR.is_match(t)
}

/// The first words of a resolution: `That the plan be approved`, `Approves the budget`, `To note
/// the report`, `Noted the update`. Not `The plan was approved.`
static RESOLUTION_START: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"(?xi)^(?:that\b|to\s+[a-z]{{3,}}\b|(?:ensures?|receives?|provides?|undertakes?|reviews?|continues?|develops?|establish(?:es)?|commits?|invites?|calls?\s+on|reviewed|confirmed|commented)\b
          |(?:{verbs}|{past})\b)",
        verbs = super::vocab::decision_verbs_any_person(),
        past = super::vocab::alternation(super::vocab::DECISION_PAST),
    ))
    .unwrap()
});

/// A passive decision: `be approved`, `be formally adopted`, `be given`. Not `was approved`.
/// Not a decision-verb list: any participle (`-ed`, `-en`) and the irregular ones, whatever the
/// verb.
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)\bbe\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|made|kept|held|built|set|sent|brought|given|taken|put|met|done|paid|sought|drawn|shown|run|won)\b").unwrap()
});

/// Whether text holds a passive decision (`… be approved`, `… be given`): a resolution in
/// itself rather than the opening of one.
pub fn has_passive(s: &str) -> bool {
    PASSIVE.is_match(s)
}

/// Words that read like a recommendation or resolution (`That …`, `Note the …`, `… be approved`,
/// `the Chief Fire Officer bring a report …`).
pub fn reads_like_resolution(s: &str) -> bool {
    let t = s.trim_start();
    RESOLUTION_START.is_match(t)
        || PASSIVE.is_match(t)
        || DECIDED.is_match(t)
        || t.starts_with("the ")
            && SUBJUNCTIVE
                .captures(t)
                .and_then(|c| c.name("verb"))
                .is_some_and(|v| super::vocab::is_plain_verb(v.as_str()))
}

/// A resolution's clause whose `That` went with its lead-in: someone named in capitals, then
/// a verb in its plain form — `the Chief Fire Officer bring a report to the Committee`, `the
/// Director of Finance review the charges`. Not `the report be noted` (no one named). The verb
/// is looked up in the shared verb lists in code, so `the Chief Fire Officer brought` is not one.
static SUBJUNCTIVE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^the\s+(?:[A-Z][\w’'&\-]*\s+(?:(?:of|for|and|&)\s+)?){1,6}(?P<verb>[a-z]+)\b").unwrap()
});

/// A body reporting what it decided: `The Committee noted the report`, `Cabinet agreed the plan`.
/// Not `Members discussed the report.`
static DECIDED: LazyLock<Regex> = LazyLock::new(|| {
    re_new(&format!(
        r"^(?:The\s+)?[A-Z][\w&’'\-]*(?:\s+[\w&’'\-]+){{0,7}}?\s+{verbs}\b",
        verbs = super::vocab::alternation(super::vocab::DECISION_PAST)
    ))
    .unwrap()
});

/// A sentence of minutes reporting the meeting: `Cabinet considered the report of the Leader`,
/// `The Leader of the Council summarised the report.` Not `Cabinet agreed the plan.` (a
/// decision) or `Council be asked to approve the budget.`
static NARRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^(?:The\s+)?[A-Z][\w’'\-]*(?:\s+(?:[A-Z][\w’'\-]*|of|for|and|the|&)){0,8}\s+(?:considered|discussed|summarised|summarized|introduced|presented|explained|thanked|stated|advised|informed|highlighted|outlined|commented|queried)\b").unwrap()
});

/// Whether a line opens a sentence that reports the meeting ([`NARRATIVE`]) rather than
/// continuing an item.
pub fn opens_narrative(s: &str) -> bool {
    NARRATIVE.is_match(s.trim_start())
}

/// Whether an unnumbered paragraph after a lead-in opens like an item.
pub fn opens_like_item(s: &str) -> bool {
    RESOLUTION_START.is_match(s.trim_start())
}

/// Fails with every case whose pattern misses its documented match or finds its documented
/// non-match: each module's test of the examples on its patterns' `///` lines.
#[cfg(test)]
pub fn assert_documented_examples(cases: &[(&Regex, &str, &str)]) {
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(re, yes, no)| !re.is_match(yes) || re.is_match(no))
        .map(|(re, yes, no)| format!("{re}: {yes:?} / not {no:?}"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_ends_at_a_stop_before_a_capital() {
        assert_eq!(
            first_sentence("Clerk to write. Members agreed."),
            "Clerk to write."
        );
        assert_eq!(
            first_sentence("Clerk to write, e.g. to the trust"),
            "Clerk to write, e.g. to the trust"
        );
    }

    #[test]
    fn last_sentence_starts_after_a_full_stop_before_a_capital() {
        assert_eq!(
            last_sentence("The PTL gave an update. It was noted that:"),
            "It was noted that:"
        );
        assert_eq!(
            last_sentence("the plans, e.g. the budget, are:"),
            "the plans, e.g. the budget, are:"
        );
        assert_eq!(last_sentence("One sentence only:"), "One sentence only:");
    }

    #[test]
    fn the_characters_that_fold_onto_ascii_letters_are_found() {
        assert!(folds_onto_ascii("Mini\u{17F}ters"));
        assert!(folds_onto_ascii("2\u{212A} rise"));
        assert!(!folds_onto_ascii("Café “quoted” – ™ ª Ū"));
        assert!(!folds_onto_ascii("plain"));
    }

    #[test]
    fn headings() {
        assert!(is_heading_like(
            "IMPACT ASSESSMENT – ADDITIONAL INFORMATION"
        ));
        assert!(is_heading_like("Financial Implications"));
        assert!(!is_heading_like("That the report be noted."));
        assert!(!is_heading_like(
            "the Money Laundering Policy Document; and"
        ));
        assert!(!is_heading_like(
            "Government Association Peer Challenge Progress Review report and"
        ));
    }

    #[test]
    fn terminators() {
        assert!(is_terminator("Minutes:"));
        assert!(is_terminator("Additional documents:"));
        assert!(is_terminator(
            "Meeting: 13/09/2023 - Overview and Scrutiny Management Board (Item 41)"
        ));
        assert!(is_terminator("Report prepared by: Jackie Smith"));
        assert!(!is_terminator(
            "Minutes of the meeting held on 1 May be approved."
        ));
    }

    #[test]
    fn openers() {
        for s in [
            "RESOLVED:",
            "That the Committee:-",
            "as set out below: -",
            "as follows –",
            "to: –",
        ] {
            assert!(ends_with_opener(s), "{s:?}");
        }
        for s in [
            "the plan be approved.",
            "Cabinet",
            "pre-",
            "2023-",
            "the Econom—",
        ] {
            assert!(!ends_with_opener(s), "{s:?}");
        }
    }

    #[test]
    fn resolution_wording() {
        assert!(reads_like_resolution(
            "the contents of the report be agreed and the recommendations accepted;"
        ));
        assert!(reads_like_resolution("Note the observations"));
        assert!(reads_like_resolution("That the plan be adopted"));
        assert!(!reads_like_resolution("local priorities and outcomes"));
        assert!(!reads_like_resolution(
            "Councillor Smith declared an interest"
        ));
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[
            (
                &*super::TERMINATOR,
                "Background papers",
                "That the background papers be published.",
            ),
            (
                &*super::RESOLUTION_START,
                "That the plan be approved",
                "The plan was approved.",
            ),
            (&*super::PASSIVE, "be approved", "was approved"),
            (
                &*super::SUBJUNCTIVE,
                "the Chief Fire Officer bring a report to the Committee",
                "the report be noted",
            ),
            (
                &*super::NARRATIVE,
                "Cabinet considered the report of the Leader",
                "Cabinet agreed the plan.",
            ),
            (
                &*super::DECIDED,
                "The Committee noted the report",
                "Members discussed the report.",
            ),
        ];
        crate::extract::textutil::assert_documented_examples(cases);
    }

    #[test]
    fn ascii_words_rewrites_word_classes_and_boundaries_only() {
        assert_eq!(ascii_words(r"\bCabinet\b"), r"(?-u:\b)Cabinet(?-u:\b)");
        assert_eq!(ascii_words(r"[A-Z][\w’'&\-]*"), r"[A-Z][0-9A-Za-z_’'&\-]*");
        assert_eq!(
            ascii_words(r"(?:\w+\s+){0,6}"),
            r"(?:[0-9A-Za-z_]+\s+){0,6}"
        );
        // Escapes, negated classes and `\W` stay as written; an ASCII boundary is not doubled.
        assert_eq!(ascii_words(r"\\w[^\]\w]\W"), r"\\w[^\]0-9A-Za-z_]\W");
        assert_eq!(ascii_words(r"(?-u:\b)x"), r"(?-u:\b)x");
        let re = re_new(r"(?i)^(?:[\w’'\-]+\s+){0,3}cabinet\b").expect("pattern");
        assert!(re.is_match("The Leader’s Cabinet agreed"));
        assert!(!re.is_match("Cabinetmaker"));
    }
}
