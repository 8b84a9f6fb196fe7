//! The council registry: `data/councils.csv` compiled into the binary (councils are data,
//! platforms are code), with look-ups by code and a finder for councils named in text.

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

static NAME_FINDER: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<&str> = COUNCILS.iter().map(|c| c.common_name.as_str()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    let alts: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    Regex::new(&format!(
        r"\b(?P<name>{})(?:’s|'s)?\b(?P<suffix>\s+(?:Metropolitan\s+)?(?:Borough|City|County|District|Town)?\s*Council\b)?",
        alts.join("|")
    ))
    .expect("council name pattern")
});

static UPPER_FINDER: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<String> = COUNCILS
        .iter()
        .map(|c| c.common_name.to_uppercase())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    let alts: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    Regex::new(&format!(
        r"\b(?P<name>{})\s+(?:METROPOLITAN\s+)?(?:BOROUGH\s+|CITY\s+|COUNTY\s+|DISTRICT\s+)?COUNCIL\b",
        alts.join("|")
    ))
    .expect("council name pattern")
});

/// The council a text is most plainly about: a name followed by `Council` weighs most, bare
/// mentions count when one name clearly leads.
pub fn find_in_text(text: &str) -> Option<&'static CouncilEntry> {
    let sample = &text[..floor_char_boundary(text, 200_000)];
    let mut scores: std::collections::HashMap<&str, (u32, usize)> = Default::default();
    for c in NAME_FINDER.captures_iter(sample) {
        let name = c.name("name").map_or("", |m| m.as_str());
        let strong = c.name("suffix").is_some();
        let e = scores
            .entry(name)
            .or_insert((0, c.get(0).map_or(0, |m| m.start())));
        e.0 += if strong { 5 } else { 1 };
    }
    for c in UPPER_FINDER.captures_iter(sample) {
        let upper = c.name("name").map_or("", |m| m.as_str());
        if let Some(entry) = COUNCILS
            .iter()
            .find(|e| e.common_name.to_uppercase() == upper)
        {
            let e = scores
                .entry(entry.common_name.as_str())
                .or_insert((0, c.get(0).map_or(0, |m| m.start())));
            e.0 += 5;
        }
    }
    let mut ranked: Vec<(&str, (u32, usize))> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    let (best, (score, _)) = *ranked.first()?;
    let runner_up = ranked.get(1).map_or(0, |r| r.1.0);
    if score < 2 || score <= runner_up {
        return None;
    }
    COUNCILS.iter().find(|c| c.common_name == best)
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
        assert_eq!(rot.common_name, "Rotherham");
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
