//! Text to comparable terms: lower-case Unicode words, common council abbreviations spelled out,
//! English and procedural stop words dropped, numbers dropped, Snowball (Porter2) stems; and
//! the weight of a term, lower for the words every recommendation uses (develop, plan,
//! strategy …), so that two texts are alike by what they are about, not by how they ask.

use regex::Regex;
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
    "borough",
    "district",
    "county",
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
    "comment",
    "comments",
    "forward",
    "forwarded",
    "receive",
    "receives",
    "received",
    "amend",
    "amended",
    "amendment",
    "amendments",
    "revised",
    "draft",
    "asked",
    "supports",
    "supported",
    "thanks",
    "month",
    "months",
    "monthly",
    "six-monthly",
    "annual",
    "annually",
    "quarterly",
    "weekly",
    "twelve",
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

/// English function words: pronouns, articles, auxiliaries, prepositions and conjunctions. Kept
/// short on purpose: a long general-purpose list drops words such as "members", "place",
/// "work" and "story" that council recommendations are about.
const ENGLISH: &[&str] = &[
    "i",
    "me",
    "my",
    "myself",
    "we",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "this",
    "that",
    "these",
    "those",
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "doing",
    "a",
    "an",
    "the",
    "and",
    "but",
    "if",
    "or",
    "because",
    "as",
    "until",
    "while",
    "of",
    "at",
    "by",
    "for",
    "with",
    "about",
    "against",
    "between",
    "into",
    "through",
    "during",
    "before",
    "after",
    "above",
    "below",
    "to",
    "from",
    "up",
    "down",
    "in",
    "out",
    "on",
    "off",
    "over",
    "under",
    "again",
    "further",
    "then",
    "once",
    "here",
    "there",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "both",
    "each",
    "few",
    "more",
    "most",
    "other",
    "some",
    "such",
    "no",
    "nor",
    "not",
    "only",
    "own",
    "same",
    "so",
    "than",
    "too",
    "very",
    "can",
    "just",
    "should",
    "now",
    "would",
    "could",
    "might",
    "must",
    "upon",
    "via",
    "per",
    "etc",
    "eg",
    "ie",
    "whether",
    "yet",
    "one",
    "two",
    "three",
];

static STOP: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut s: HashSet<&'static str> = ENGLISH.iter().copied().collect();
    s.extend(PROCEDURAL);
    s
});

/// The words of asking rather than of subject: verbs that open recommendations and the
/// nouns any plan is made of. They count, at [`GENERIC_WEIGHT`], so that "Develop a
/// communications strategy" and "Produce a clear communications plan" meet on
/// "communications", and "Produce a plan for rural roads" does not join them.
const GENERIC: &[&str] = &[
    "develop",
    "produce",
    "improve",
    "review",
    "consider",
    "continue",
    "strengthen",
    "build",
    "make",
    "take",
    "put",
    "set",
    "give",
    "get",
    "keep",
    "use",
    "create",
    "undertake",
    "introduce",
    "establish",
    "provide",
    "deliver",
    "agree",
    "publish",
    "refresh",
    "update",
    "enhance",
    "explore",
    "look",
    "seek",
    "work",
    "plan",
    "plans",
    "planning",
    "strategy",
    "strategies",
    "strategic",
    "approach",
    "arrangements",
    "framework",
    "programme",
    "programmes",
    "way",
    "ways",
    "clear",
    "clearer",
    "clearly",
    "better",
    "effective",
    "effectively",
    "effectiveness",
    "organisation",
    "organisational",
    "corporate",
    "key",
    "new",
    "current",
    "existing",
    "across",
    "wider",
    "whole",
    "full",
    "fully",
    "greater",
    "further",
    "regular",
    "regularly",
    "ongoing",
    "need",
    "needs",
];

/// The weight of a generic term ([`GENERIC`]) against 1 for any other.
pub const GENERIC_WEIGHT: f32 = 0.35;

static GENERIC_STEMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    GENERIC
        .iter()
        .map(|w| STEMMER.stem(w).into_owned())
        .collect()
});

/// How much a stemmed term counts towards similarity.
pub fn weight(term: &str) -> f32 {
    if GENERIC_STEMS.contains(term) {
        GENERIC_WEIGHT
    } else {
        1.0
    }
}

/// A resolution that only approves or adopts a document by its name: `That the Housing
/// Strategy 2025-2030 be approved.`, `Digital Strategy adopted.` Not `That the plan be approved
/// and a housing company be set up.` (it says more than a name).
static NAMED_APPROVAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?i:that|to)\s+)?(?:(?i:the)\s+)?(?:[A-Z][\w&'’-]*\s+){1,6}(?i:strategy|plan|policy|framework|programme|statement|charter|protocol|constitution)(?:\s+\d{4}(?:\s*[-–/]\s*\d{2,4})?)?\s+(?:(?i:be|is|was|were|are)\s+)?(?i:approved|adopted|agreed|endorsed|noted)\.?$",
    )
    .expect("named approval pattern")
});

/// Whether a text only approves or adopts a document named in it: its words are the
/// document's name, not a recommendation, so it needs more of them to be compared.
pub fn approves_a_named_document(text: &str) -> bool {
    NAMED_APPROVAL.is_match(text.trim())
}

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
    let stem = STEMMER.stem(word);
    let term = SYNONYMS
        .iter()
        .find(|(from, _)| *from == stem)
        .map_or_else(|| stem.into_owned(), |(_, to)| to.to_string());
    out.push(term);
}

/// Stems that councils and peer teams use for one another, mapped onto one: successes and
/// achievements, councillors and members, staff and workforce, finances and financial,
/// partnerships and partners, retention and retaining, residents and citizens, ambitious and
/// ambition, funding and budget, relationships and relations.
const SYNONYMS: &[(&str, &str)] = &[
    ("success", "achiev"),
    ("councillor", "member"),
    ("cllrs", "member"),
    ("workforc", "staff"),
    ("employe", "staff"),
    ("financi", "financ"),
    ("partnership", "partner"),
    ("retent", "retain"),
    ("citizen", "resid"),
    ("ambiti", "ambit"),
    ("fund", "budget"),
    ("relationship", "relat"),
];

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
            ["keep", "medium", "term", "financ", "strategi", "review"]
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
    fn council_subjects_are_kept_and_asking_words_weigh_less() {
        assert_eq!(
            t("Provide training for members and tell the story of the place"),
            ["provid", "train", "member", "tell", "stori", "place"]
        );
        assert_eq!(weight("strategi"), GENERIC_WEIGHT);
        assert_eq!(weight("develop"), GENERIC_WEIGHT);
        assert_eq!(weight("communic"), 1.0);
    }

    #[test]
    fn approvals_of_named_documents_are_told() {
        assert!(approves_a_named_document(
            "That the Housing Strategy 2025-2030 be approved."
        ));
        assert!(approves_a_named_document(
            "That the Digital Strategy 2025-2028 be adopted."
        ));
        assert!(approves_a_named_document("Local Plan adopted"));
        assert!(!approves_a_named_document(
            "That the plan be approved and a housing company be set up."
        ));
        assert!(!approves_a_named_document("Develop a housing strategy."));
    }

    #[test]
    fn words_for_one_thing_meet() {
        assert_eq!(t("celebrate successes"), t("celebrate achievements"));
        assert_eq!(t("induction for councillors"), t("induction for members"));
        assert_eq!(t("workforce retention"), t("staff retaining"));
        assert_eq!(t("financial plan"), t("finances plan"));
        assert_eq!(t("more ambitious"), t("more ambition"));
        assert_eq!(t("the funding gap"), t("the budget gap"));
    }

    #[test]
    fn excludes_the_councils_own_name() {
        let ex = name_words("Gedling");
        assert_eq!(terms("Refresh the Gedling Plan", &ex), ["refresh", "plan"]);
    }
}
