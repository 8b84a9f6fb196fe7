//! The council registry: `data/councils.csv` compiled into the binary (councils are data,
//! platforms are code), with look-ups by code and a finder for councils named in text.

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

/// The democracy platform a council's site runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Moderngov,
    Cmis,
    Other,
}

impl Platform {
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Moderngov => "moderngov",
            Platform::Cmis => "cmis",
            Platform::Other => "other",
        }
    }
}

/// One council.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct CouncilEntry {
    pub code: String,
    pub name: String,
    pub common_name: String,
    pub territory: String,
    pub platform: Platform,
    pub base_url: String,
}

const CSV: &str = include_str!("../data/councils.csv");

static COUNCILS: LazyLock<Vec<CouncilEntry>> = LazyLock::new(|| {
    csv::Reader::from_reader(CSV.as_bytes())
        .deserialize()
        .filter_map(Result::ok)
        .collect()
});

/// Every current council, sorted by code.
pub fn councils() -> &'static [CouncilEntry] {
    &COUNCILS
}

/// The council with this code (case-insensitive).
pub fn by_code(code: &str) -> Option<&'static CouncilEntry> {
    COUNCILS.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// The council whose base URL is on this host.
pub fn by_host(host: &str) -> Option<&'static CouncilEntry> {
    let host = host.trim_start_matches("www.").to_ascii_lowercase();
    COUNCILS.iter().find(|c| {
        let h = c
            .base_url
            .split("://")
            .nth(1)
            .unwrap_or("")
            .split('/')
            .next()
            .unwrap_or("");
        h.trim_start_matches("www.").eq_ignore_ascii_case(&host)
    })
}

impl CouncilEntry {
    /// The name people use (`Leicester` for "Leicester City Council", `Croydon` for
    /// "London Borough of Croydon").
    pub fn short_name(&self) -> &str {
        SHORT_NAMES
            .get(&self.code)
            .map_or(self.common_name.as_str(), String::as_str)
    }

    /// The host of the council's democracy site.
    pub fn host(&self) -> &str {
        self.base_url
            .split("://")
            .nth(1)
            .unwrap_or("")
            .split('/')
            .next()
            .unwrap_or("")
    }
}

static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:metropolitan\s+)?(?:county\s+borough|borough|city|county|district|town)?\s*council$").unwrap()
});

static SHORT_NAMES: LazyLock<std::collections::HashMap<String, String>> = LazyLock::new(|| {
    COUNCILS
        .iter()
        .map(|c| {
            let n = c.common_name.trim();
            let n = n
                .strip_prefix("London Borough of ")
                .or_else(|| n.strip_prefix("Royal Borough of "))
                .unwrap_or(n);
            let short = SUFFIX.replace(n, "").trim().to_string();
            let short = if short.is_empty() {
                n.to_string()
            } else {
                short
            };
            (c.code.clone(), short)
        })
        .collect()
});

/// Council-specific part of a host: `croydon.gov.uk` for `democracy.croydon.gov.uk`.
fn domain_key(host: &str) -> String {
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

static BY_DOMAIN: LazyLock<std::collections::HashMap<String, &'static CouncilEntry>> =
    LazyLock::new(|| {
        let mut m = std::collections::HashMap::new();
        for c in COUNCILS.iter() {
            let key = domain_key(c.host());
            if key.contains('.') && !key.starts_with("moderngov.co.uk") {
                m.entry(key).or_insert(c);
            }
        }
        m
    });

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

/// Every council's short name (and its `&` spelling), found in one pass over the text.
static NAMES: LazyLock<(AhoCorasick, Vec<&'static CouncilEntry>)> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut owners = Vec::new();
    for c in COUNCILS.iter() {
        let name = c.short_name();
        patterns.push(name.to_string());
        owners.push(c);
        if name.contains(" and ") {
            patterns.push(name.replace(" and ", " & "));
            owners.push(c);
        }
    }
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("council names");
    (ac, owners)
});

static SUFFIX_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:’s|'s)?\s+(?:metropolitan\s+)?(?:county\s+borough|borough|city|county|district|town)?\s*council(?-u:\b)").unwrap()
});

static DOMAIN_FINDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:[a-z0-9-]+\.)+(?:gov\.uk|gov\.wales|gov\.scot|llyw\.cymru|moderngov\.co\.uk)(?-u:\b)").unwrap()
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
    let (ac, owners) = &*NAMES;
    for m in ac.find_iter(sample) {
        if let Some(w) = mention_weight(sample, m.start(), m.end()) {
            add(owners[m.pattern().as_usize()], w, m.start());
        }
    }
    for m in DOMAIN_FINDER.find_iter(sample) {
        if let Some(entry) = BY_DOMAIN.get(&domain_key(m.as_str())) {
            add(entry, 5, m.start());
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
    fn registry_loads() {
        assert!(councils().len() > 300);
        let rot = by_code("rot").expect("Rotherham");
        assert_eq!(rot.short_name(), "Rotherham");
        assert_eq!(by_code("LCE").map(|c| c.short_name()), Some("Leicester"));
        assert_eq!(
            by_host("democracy.croydon.gov.uk").map(|c| c.code.as_str()),
            Some("CRY")
        );
        assert_eq!(rot.platform, Platform::Moderngov);
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
    }
}
