//! The council registry: which councils there are, their ONS/GSS codes, and where their
//! committee papers live (platform and base URL), with the councils that share one site
//! grouped. Councils are data, platforms are code: the built-in registry is
//! `data/councils.csv` (made by `data/make_councils.py`), compiled in; a corrected copy can be
//! used instead without rebuilding ([`install`], from `--registry FILE` or
//! `$COUNCILRECS_REGISTRY`).
//!
//! Look-ups by code, GSS code and host, the councils of a shared site, and a finder for the
//! council a text is about ([`find_in_text`]).

mod load;
mod names;

pub use load::{RegistryError, parse, render};
pub use names::find_in_text;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The democracy platform a council's site runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CouncilEntry {
    /// The three-letter register code (`ROT`).
    pub code: String,
    /// The ONS/GSS code (`E08000018`), empty when unknown.
    pub gss: String,
    /// The official name.
    pub name: String,
    /// The name in common use.
    pub common_name: String,
    /// England, Scotland, Wales or Northern Ireland.
    pub nation: String,
    pub platform: Platform,
    /// Where the committee papers are: a Modern.Gov base or a CMIS Meetings page.
    pub base_url: String,
    /// The councils whose papers are on the same site, as their codes joined by `+`
    /// (`ADU+WOT`); empty for a site of one council.
    pub shared_site: String,
    /// The day the council ceased (`YYYY-MM-DD`), empty for a current one.
    pub end_date: String,
    #[serde(skip)]
    short: String,
}

impl CouncilEntry {
    /// A council from its columns (the short name is worked out).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        code: String,
        gss: String,
        name: String,
        common_name: String,
        nation: String,
        platform: Platform,
        base_url: String,
        shared_site: String,
        end_date: String,
    ) -> CouncilEntry {
        let short = names::short_name(&common_name);
        CouncilEntry {
            code,
            gss,
            name,
            common_name,
            nation,
            platform,
            base_url,
            shared_site,
            end_date,
            short,
        }
    }

    /// The name people use (`Leicester` for "Leicester City Council", `Croydon` for
    /// "London Borough of Croydon").
    pub fn short_name(&self) -> &str {
        &self.short
    }

    /// The host of the council's democracy site.
    pub fn host(&self) -> &str {
        self.base_url
            .split("://")
            .nth(1)
            .unwrap_or("")
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
    }

    /// The GSS code, when known.
    pub fn gss(&self) -> Option<&str> {
        Some(self.gss.as_str()).filter(|g| !g.is_empty())
    }
}

/// The registry and its indexes, built once.
pub(crate) struct Data {
    councils: Vec<CouncilEntry>,
    names: (AhoCorasick, Vec<usize>),
    by_domain: HashMap<String, usize>,
}

impl Data {
    fn new(councils: Vec<CouncilEntry>) -> Data {
        let names = names::name_finder(&councils);
        let by_domain = names::domains(&councils);
        Data {
            councils,
            names,
            by_domain,
        }
    }
}

const EMBEDDED: &str = include_str!("../../data/councils.csv");

static DATA: OnceLock<Data> = OnceLock::new();

pub(crate) fn data() -> &'static Data {
    DATA.get_or_init(|| Data::new(parse(EMBEDDED, None).unwrap_or_default()))
}

/// Uses `councils` as the registry for the rest of the process. Must come before anything
/// looks a council up; fails if something already has.
pub fn install(councils: Vec<CouncilEntry>) -> Result<(), RegistryError> {
    DATA.set(Data::new(councils))
        .map_err(|_| RegistryError::new("the council registry was already in use"))
}

/// Every council, in the registry's order (by code).
pub fn councils() -> &'static [CouncilEntry] {
    &data().councils
}

/// The council with this code (case-insensitive).
pub fn by_code(code: &str) -> Option<&'static CouncilEntry> {
    councils()
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code))
}

/// The council with this GSS code.
pub fn by_gss(gss: &str) -> Option<&'static CouncilEntry> {
    let gss = gss.trim();
    councils()
        .iter()
        .find(|c| !c.gss.is_empty() && c.gss.eq_ignore_ascii_case(gss))
}

/// The council whose base URL is on this host (the first, for a shared site).
pub fn by_host(host: &str) -> Option<&'static CouncilEntry> {
    let host = host.trim_start_matches("www.").to_ascii_lowercase();
    councils().iter().find(|c| {
        c.host()
            .trim_start_matches("www.")
            .eq_ignore_ascii_case(&host)
    })
}

/// The councils that share a site with `code`, itself included, in code order; just the
/// council itself when its site is its own.
pub fn site_group(code: &str) -> Vec<&'static CouncilEntry> {
    let Some(me) = by_code(code) else {
        return Vec::new();
    };
    if me.shared_site.is_empty() {
        return vec![me];
    }
    councils()
        .iter()
        .filter(|c| c.shared_site == me.shared_site)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_loads_with_gss_codes_and_shared_sites() {
        assert_eq!(councils().len(), 382);
        let rot = by_code("rot").expect("Rotherham");
        assert_eq!(rot.short_name(), "Rotherham");
        assert_eq!(rot.gss(), Some("E08000018"));
        assert_eq!(rot.platform, Platform::Moderngov);
        assert_eq!(by_code("LCE").map(|c| c.short_name()), Some("Leicester"));
        assert_eq!(
            by_host("democracy.croydon.gov.uk").map(|c| c.code.as_str()),
            Some("CRY")
        );
        assert_eq!(by_gss("E07000112").map(|c| c.code.as_str()), Some("SHE"));
        let adur: Vec<&str> = site_group("ADU").iter().map(|c| c.code.as_str()).collect();
        assert_eq!(adur, ["ADU", "WOT"]);
        assert_eq!(site_group("ROT").len(), 1);
        assert_eq!(
            by_code("LND").map(|c| c.common_name.as_str()),
            Some("City of London")
        );
        for gone in ["GLA", "LND-alder", "london", "north-northamptonshire"] {
            assert!(by_code(gone).is_none(), "{gone}");
        }
        assert!(councils().iter().all(|c| !c.gss.is_empty()));
    }
}
