//! Finding the council a text is about: every council's short name (and its `&` spelling) in
//! one pass over the text, weighed by what surrounds each mention, and councils' web and
//! e-mail domains.

use super::{CouncilEntry, by_code, data};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use std::sync::LazyLock;

/// A council-type ending of a name: matches " Borough Council" in "Rother District Council" and
/// " Council" in "Fife Council"; must not match "Councillors" (no end).
static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:metropolitan\s+)?(?:county\s+borough|borough|city|county|district|town)?\s*council$").unwrap_or_else(|_| unreachable!())
});

/// The name people use for a council (`Leicester` for "Leicester City Council", `Croydon` for
/// "London Borough of Croydon").
pub(super) fn short_name(common_name: &str) -> String {
    let n = common_name.trim();
    let n = n
        .strip_prefix("London Borough of ")
        .or_else(|| n.strip_prefix("Royal Borough of "))
        .unwrap_or(n);
    let short = SUFFIX.replace(n, "").trim().to_string();
    if short.is_empty() {
        n.to_string()
    } else {
        short
    }
}

/// Council-specific part of a host: `croydon.gov.uk` for `democracy.croydon.gov.uk`.
pub(super) fn domain_key(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let keep = if host.ends_with(".moderngov.co.uk") {
        4
    } else if [
        ".gov.uk",
        ".gov.wales",
        ".gov.scot",
        ".llyw.cymru",
        ".org.uk",
        ".co.uk",
    ]
    .iter()
    .any(|s| host.ends_with(s))
    {
        3
    } else {
        2
    };
    labels[labels.len().saturating_sub(keep)..].join(".")
}

/// Names with a capital that are also everyday words or common places elsewhere.
const AMBIGUOUS: &[&str] = &[
    "Reading",
    "Bury",
    "Hart",
    "Eden",
    "Rother",
    "Boston",
    "Sutton",
    "Swale",
    "Wyre",
    "Richmond",
    "Derby",
    "Lewes",
    "Rugby",
    "Stroud",
    "Melton",
    "Copeland",
    "Hastings",
    "Dover",
    "Tandridge",
    "Fylde",
    "Craven",
    "Corby",
    "Halton",
    "Wealden",
];

/// Every council's short name (and its `&` spelling) as one automaton, with the index of
/// the council each pattern belongs to.
pub(super) fn name_finder(councils: &[CouncilEntry]) -> (AhoCorasick, Vec<usize>) {
    let mut patterns = Vec::new();
    let mut owners = Vec::new();
    for (i, c) in councils.iter().enumerate() {
        let name = c.short_name();
        if name.is_empty() {
            continue;
        }
        patterns.push(name.to_string());
        owners.push(i);
        if name.contains(" and ") {
            patterns.push(name.replace(" and ", " & "));
            owners.push(i);
        }
    }
    // The DFA form: built once per process, it reads a page faster than the default NFA
    // form, and every page is read with it.
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .or_else(|_| AhoCorasick::new(Vec::<String>::new()))
        .unwrap_or_else(|_| unreachable!("an empty automaton always builds"));
    (ac, owners)
}

/// Each council's domain key (see [`domain_key`]), for councils with a council-specific one.
pub(super) fn domains(councils: &[CouncilEntry]) -> std::collections::HashMap<String, usize> {
    let mut m = std::collections::HashMap::new();
    for (i, c) in councils.iter().enumerate() {
        let key = domain_key(c.host());
        if key.contains('.') && !key.starts_with("moderngov.co.uk") {
            m.entry(key).or_insert(i);
        }
    }
    m
}

/// A council-type word after a name: matches "’s Borough Council" and " Council"; must not
/// match " Councillor Smith" (the word must end).
static SUFFIX_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:’s|'s)?\s+(?:metropolitan\s+)?(?:county\s+borough|borough|city|county|district|town)?\s*council(?-u:\b)").unwrap_or_else(|_| unreachable!())
});

/// A council web domain: matches "democracy.rotherham.gov.uk"; must not match "example.com".
static DOMAIN_FINDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:[a-z0-9-]+\.)+(?:gov\.uk|gov\.wales|gov\.scot|llyw\.cymru|moderngov\.co\.uk)(?-u:\b)").unwrap_or_else(|_| unreachable!())
});

/// The ends of council domains, in any case, as [`DOMAIN_FINDER`] reads them: every match of
/// it holds one. `(?i)` also folds the Kelvin sign onto `k` and the long s onto `s`, so each end
/// is listed with those too.
static DOMAIN_ENDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let mut all: Vec<String> = Vec::new();
    for end in [
        "gov.uk",
        "gov.wales",
        "gov.scot",
        "llyw.cymru",
        "moderngov.co.uk",
    ] {
        let mut spellings = vec![String::new()];
        for c in end.chars() {
            let folds: &[char] = match c {
                'k' => &['k', '\u{212A}'],
                's' => &['s', '\u{17F}'],
                _ => &[c],
            };
            spellings = spellings
                .iter()
                .flat_map(|e| folds.iter().map(move |f| format!("{e}{f}")))
                .collect();
        }
        all.extend(spellings);
    }
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(all)
        .unwrap_or_else(|_| unreachable!("a fixed word list builds"))
});

/// The matches of [`DOMAIN_FINDER`] in `text`, in order, as (start, domain), found by running
/// it only over the words (runs without ASCII white space) that hold a domain's end: a match
/// never spans white space, and a word's edges are word boundaries to the pattern as they are
/// in the whole text, so the matches are those of a search over the whole text, which, its
/// pattern starting with a repeated class, has no literal to skip ahead with.
fn domains_in(text: &str) -> Vec<(usize, &str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut done = 0;
    for end in DOMAIN_ENDS.find_iter(text) {
        if end.start() < done {
            continue;
        }
        let start = b[..end.start()]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |k| k + 1);
        let stop = b[end.end()..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(b.len(), |k| end.end() + k);
        // Whitespace is ASCII, so both ends are character boundaries.
        let word = &text[start..stop];
        out.extend(
            DOMAIN_FINDER
                .find_iter(word)
                .map(|m| (start + m.start(), m.as_str())),
        );
        done = stop;
    }
    out
}

/// How strongly one occurrence of a council's name says the text is about that council:
/// 5 when `Council` follows or the name stands alone on a line in capitals, 1 otherwise,
/// `None` when it is part of a longer word or written in another case.
fn mention_weight(text: &str, start: usize, end: usize) -> Option<u32> {
    let found = &text[start..end];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if before.is_some_and(|c| c.is_alphanumeric()) || after.is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let upper = !found.chars().any(|c| c.is_lowercase());
    let starts_capital = found.chars().next().is_some_and(|c| c.is_uppercase());
    if !starts_capital {
        return None;
    }
    let window = &text[end..floor_char_boundary(text, end + 80)];
    if SUFFIX_AFTER.is_match(window) {
        return Some(5);
    }
    let line_end = window.split('\n').next().unwrap_or("").trim().is_empty();
    let line_start = text[..start]
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_uppercase();
    let borough_of = line_start.ends_with("BOROUGH OF") || line_start.ends_with("CITY OF");
    if upper && line_end && (line_start.is_empty() || borough_of) {
        return Some(5);
    }
    Some(1)
}

/// The council a text is most plainly about: a name followed by `Council`, or a council's
/// web or e-mail domain, weighs most; a bare mention counts when no other council is named.
pub fn find_in_text(text: &str) -> Option<&'static CouncilEntry> {
    let sample = &text[..floor_char_boundary(text, 200_000)];
    let mut scores: std::collections::HashMap<&'static str, (u32, usize)> = Default::default();
    let mut add = |c: &'static CouncilEntry, weight: u32, at: usize| {
        let e = scores.entry(c.code.as_str()).or_insert((0, at));
        e.0 += weight;
        e.1 = e.1.min(at);
    };
    let d = data();
    let (ac, owners) = &d.names;
    for m in ac.find_iter(sample) {
        if let Some(w) = mention_weight(sample, m.start(), m.end())
            && let Some(c) = owners
                .get(m.pattern().as_usize())
                .and_then(|&i| d.councils.get(i))
        {
            add(c, w, m.start());
        }
    }
    for (at, domain) in domains_in(sample) {
        if let Some(c) = d
            .by_domain
            .get(&domain_key(domain))
            .and_then(|&i| d.councils.get(i))
        {
            add(c, 5, at);
        }
    }
    let mut ranked: Vec<(&str, (u32, usize))> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    let (best, (score, _)) = *ranked.first()?;
    let runner_up = ranked.get(1).map_or(0, |r| r.1.0);
    let entry = by_code(best)?;
    let lone_mention = score == 1 && runner_up == 0 && !AMBIGUOUS.contains(&entry.short_name());
    if score <= runner_up || (score < 2 && !lone_mention) {
        return None;
    }
    Some(entry)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The domains a search of the whole text finds.
    fn whole(text: &str) -> Vec<(usize, &str)> {
        DOMAIN_FINDER
            .find_iter(text)
            .map(|m| (m.start(), m.as_str()))
            .collect()
    }

    #[test]
    fn domains_found_word_by_word_are_those_of_a_whole_text_search() {
        let texts = [
            "See democracy.rotherham.gov.uk and www.fife.gov.scot.",
            "(email: clerk@Bolsover.GOV.UK) then https://x.gov.wales/a,b.llyw.cymru",
            "a.gov.uk.b.gov.uk twice in one word; -lead.gov.uk and _under.gov.uk",
            "modern.moderngov.co.uk\tmoderngov.co.uk gov.uk alone .gov.uk",
            "no domain here, only gov and uk",
            "ends with a domain: rugby.gov.uk",
        ];
        for t in texts {
            assert_eq!(domains_in(t), whole(t), "{t}");
        }
        let found: Vec<&str> = domains_in(texts[0]).into_iter().map(|d| d.1).collect();
        assert_eq!(found, ["democracy.rotherham.gov.uk", "www.fife.gov.scot"]);
        // `(?i)` folds the Kelvin sign onto `k` and the long s onto `s`, in a domain's end too.
        // (A Kelvin sign that ends a domain is no word character to `\b`: no match either way.)
        for (t, n) in [
            ("see www.\u{212A}ent.gov.uk now", 1),
            ("see www.kent.gov.u\u{212A}, now", 0),
            ("see www.fife.gov.\u{17F}cot now", 1),
        ] {
            assert_eq!(domains_in(t), whole(t), "{t}");
            assert_eq!(domains_in(t).len(), n, "{t}");
        }
    }

    #[test]
    fn finds_council_named_in_text() {
        let t = "SOUTH STAFFORDSHIRE COUNCIL\n\nOVERVIEW AND SCRUTINY COMMITTEE";
        assert_eq!(
            find_in_text(t).map(|c| c.common_name.as_str()),
            Some("South Staffordshire")
        );
        let t = "the LGA had been back to Rotherham ... capitalise on Rotherham’s assets";
        assert_eq!(
            find_in_text(t).map(|c| c.common_name.as_str()),
            Some("Rotherham")
        );
        assert_eq!(find_in_text("Reading the report, members noted it."), None);
        assert_eq!(short_name("Rother District Council"), "Rother");
        assert_eq!(short_name("London Borough of Croydon"), "Croydon");
    }
}
