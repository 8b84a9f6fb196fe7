//! Finding the council a text is about: every council's short name (and its `&` spelling) in
//! one pass over the text, weighed by what surrounds each mention, and councils' web and
//! e-mail domains.

use super::{CouncilEntry, by_code, data};
use aho_corasick::{AhoCorasick, MatchKind};
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
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
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
    for m in DOMAIN_FINDER.find_iter(sample) {
        if let Some(c) = d
            .by_domain
            .get(&domain_key(m.as_str()))
            .and_then(|&i| d.councils.get(i))
        {
            add(c, 5, m.start());
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
