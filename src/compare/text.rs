//! Text to comparable terms: lower-case Unicode words, common council abbreviations spelled out,
//! English and procedural stop words dropped, numbers dropped, Snowball (Porter2) stems.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations that councils and peer teams use interchangeably with the words.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("mtfs", "medium term financial strategy"),
    ("mtfp", "medium term financial plan"),
    ("cpc", "corporate peer challenge"),
    ("lga", "local government association"),
    ("o&s", "overview scrutiny"),
    ("osc", "overview scrutiny committee"),
    ("hra", "housing revenue account"),
    ("kpi", "key performance indicator"),
    ("kpis", "key performance indicators"),
    ("edi", "equality diversity inclusion"),
    ("ict", "information technology"),
    ("pmo", "programme management office"),
    ("vcs", "voluntary community sector"),
    ("vcse", "voluntary community social enterprise"),
    ("od", "organisational development"),
    ("slt", "senior leadership team"),
    ("clt", "corporate leadership team"),
];

/// Words that carry no meaning in a committee recommendation: who is asked or empowered, the
/// formulas of noting, approving and delegating, and dates. Without them "That the minutes of
/// the meeting held on 5 March be approved as a correct record" has almost no terms left, and
/// two councils approving different strategies do not look alike.
const PROCEDURAL: &[&str] = &[
    "council",
    "councils",
    "cabinet",
    "committee",
    "committees",
    "panel",
    "board",
    "report",
    "reports",
    "reported",
    "reporting",
    "note",
    "notes",
    "noted",
    "noting",
    "recommend",
    "recommends",
    "recommended",
    "recommendation",
    "recommendations",
    "resolve",
    "resolves",
    "resolved",
    "approve",
    "approves",
    "approved",
    "approval",
    "adopt",
    "adopts",
    "adopted",
    "endorse",
    "endorses",
    "endorsed",
    "agree",
    "agrees",
    "agreed",
    "authorise",
    "authorised",
    "authorises",
    "authorize",
    "authorized",
    "delegate",
    "delegates",
    "delegated",
    "authority",
    "consultation",
    "director",
    "executive",
    "chief",
    "officer",
    "manager",
    "head",
    "portfolio",
    "holder",
    "minutes",
    "meeting",
    "held",
    "record",
    "correct",
    "true",
    "signed",
    "appendix",
    "annex",
    "attached",
    "paragraph",
    "document",
    "contents",
    "set",
    "subject",
    "effect",
    "accordance",
    "shall",
    "will",
    "also",
    "within",
    "ensure",
    "ensures",
    "ensuring",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

static STOP: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut s: HashSet<&'static str> = stop_words::get("en").iter().copied().collect();
    s.extend(PROCEDURAL);
    s
});

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The stemmed content terms of `text`, in order, with repeats. Words in `exclude` (already
/// lower-case, e.g. the council's own name) are dropped before stemming.
pub fn terms(text: &str, exclude: &HashSet<String>) -> Vec<String> {
    let lower = text.to_lowercase().replace(['’', '‘'], "'");
    let mut out = Vec::new();
    for word in words(&lower) {
        let word = word.strip_suffix("'s").unwrap_or(word);
        match ABBREVIATIONS.iter().find(|(a, _)| *a == word) {
            Some((_, long)) => {
                for w in long.split(' ') {
                    push_term(w, exclude, &mut out);
                }
            }
            None => push_term(word, exclude, &mut out),
        }
    }
    out
}

/// Lower-case words of a name, for [`terms`]' `exclude`.
pub fn name_words(name: &str) -> HashSet<String> {
    words(&name.to_lowercase())
        .filter(|w| !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

/// Unicode words, keeping `o&s` whole so that the abbreviation can be found.
fn words(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| c.is_whitespace() || c == '/' || c == '(' || c == ')')
        .flat_map(|chunk| {
            let keep_whole = chunk.trim_matches(|c: char| !c.is_alphanumeric());
            let whole =
                ABBREVIATIONS.iter().any(|(a, _)| *a == keep_whole) && keep_whole.contains('&');
            let parts: Vec<&str> = if whole {
                vec![keep_whole]
            } else {
                chunk.unicode_words().collect()
            };
            parts
        })
}

fn push_term(word: &str, exclude: &HashSet<String>, out: &mut Vec<String>) {
    if word.chars().count() < 2
        || word.chars().any(|c| c.is_ascii_digit())
        || STOP.contains(word)
        || exclude.contains(word)
    {
        return;
    }
    out.push(STEMMER.stem(word).into_owned());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        terms(s, &HashSet::new())
    }

    #[test]
    fn stems_and_drops_stop_words() {
        assert_eq!(
            t("Keep the Medium-Term Financial Strategy under review."),
            ["medium", "term", "financi", "strategi", "review"]
        );
        assert_eq!(
            t("That the contents of the report be noted."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn expands_abbreviations_and_drops_numbers() {
        assert_eq!(
            t("Refresh the MTFS to 2029/30"),
            t("Refresh the medium term financial strategy")
        );
        assert_eq!(t("Report to O&S"), ["overview", "scrutini"]);
        assert_eq!(t("the council’s plan"), ["plan"]);
    }

    #[test]
    fn excludes_the_councils_own_name() {
        let ex = name_words("Gedling");
        assert_eq!(terms("Refresh the Gedling Plan", &ex), ["refresh", "plan"]);
    }
}
