//! Which council a record belongs to: the record's own `council`, else the council whose site
//! the source URL is on (else the host itself), else a rule over the source path
//! (`--council-from`), else "unknown". Names that match the registry take its code and name, so
//! that a folder called `rotherham` and a record naming Rotherham land in one group.

use crate::model::Record;
use crate::registry::{self, CouncilEntry};
use regex::Regex;
use serde::Serialize;
use std::str::FromStr;

/// How a group was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Record,
    Host,
    Path,
    Unknown,
}

/// A council group: `key` is stable and unique (`ROT`, `host:example.org`, `path:foo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CouncilId {
    pub key: String,
    pub code: Option<String>,
    pub name: String,
    pub basis: Basis,
}

/// A rule that names the council from a record's source path (or URL when there is no path).
#[derive(Debug, Clone)]
pub enum CouncilFrom {
    /// The folder the document is in (`store/rotherham/x.pdf` → `rotherham`).
    Dir,
    /// The n-th path component, counting from 1 (`papers/rotherham/2024/x.pdf`, 2 → `rotherham`).
    Component(usize),
    /// The first capture group (or the group named `council`) of a regular expression.
    Regex(Regex),
}

#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("unknown --council-from rule {0:?}: use dir, path:N or regex:PATTERN")]
    Unknown(String),
    #[error("--council-from path:N needs N of 1 or more, got {0:?}")]
    BadComponent(String),
    #[error("--council-from regex: {0}")]
    BadRegex(#[from] regex::Error),
    #[error("--council-from regex needs a capture group")]
    NoGroup,
}

impl FromStr for CouncilFrom {
    type Err = RuleError;

    fn from_str(s: &str) -> Result<Self, RuleError> {
        if s == "dir" {
            return Ok(CouncilFrom::Dir);
        }
        if s == "path" {
            return Ok(CouncilFrom::Component(1));
        }
        if let Some(n) = s.strip_prefix("path:") {
            return match n.parse::<usize>() {
                Ok(n) if n >= 1 => Ok(CouncilFrom::Component(n)),
                _ => Err(RuleError::BadComponent(n.to_string())),
            };
        }
        if let Some(re) = s.strip_prefix("regex:") {
            let re = Regex::new(re)?;
            if re.captures_len() < 2 {
                return Err(RuleError::NoGroup);
            }
            return Ok(CouncilFrom::Regex(re));
        }
        Err(RuleError::Unknown(s.to_string()))
    }
}

impl CouncilFrom {
    /// The council name this rule reads from a path, if it finds one.
    pub fn apply(&self, path: &str) -> Option<String> {
        let parts: Vec<&str> = path
            .split(['/', '\\'])
            .filter(|p| !p.is_empty() && *p != ".")
            .collect();
        let found = match self {
            CouncilFrom::Dir => parts
                .len()
                .checked_sub(2)
                .and_then(|i| parts.get(i))
                .copied(),
            CouncilFrom::Component(n) => {
                // The last component is the file itself, never a council.
                parts.get(n - 1).filter(|_| *n < parts.len()).copied()
            }
            CouncilFrom::Regex(re) => re.captures(path).and_then(|c| {
                c.name("council")
                    .or_else(|| c.iter().skip(1).flatten().next())
                    .map(|m| m.as_str())
            }),
        };
        found
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }
}

/// The council group of one record.
pub fn council_of(r: &Record, rule: Option<&CouncilFrom>) -> CouncilId {
    if let Some(c) = &r.council {
        let entry = c
            .code
            .as_deref()
            .and_then(registry::by_code)
            .or_else(|| by_name(&c.name));
        if let Some(e) = entry {
            return from_entry(e, Basis::Record);
        }
        if !c.name.trim().is_empty() {
            return CouncilId {
                key: c
                    .code
                    .clone()
                    .unwrap_or_else(|| format!("name:{}", c.name.trim().to_lowercase())),
                code: c.code.clone(),
                name: c.name.trim().to_string(),
                basis: Basis::Record,
            };
        }
    }
    if let Some(host) = r.source.url.as_deref().and_then(host_of) {
        return match by_site(&host) {
            Some(e) => from_entry(e, Basis::Host),
            None => CouncilId {
                key: format!("host:{host}"),
                code: None,
                name: host,
                basis: Basis::Host,
            },
        };
    }
    let place = r.source.path.as_deref().or(r.source.url.as_deref());
    if let Some(name) = rule.zip(place).and_then(|(rule, p)| rule.apply(p)) {
        return match registry::by_code(&name).or_else(|| by_name(&name)) {
            Some(e) => from_entry(e, Basis::Path),
            None => CouncilId {
                key: format!("path:{}", name.to_lowercase()),
                code: None,
                name,
                basis: Basis::Path,
            },
        };
    }
    CouncilId {
        key: "unknown".into(),
        code: None,
        name: "Unknown council".into(),
        basis: Basis::Unknown,
    }
}

fn from_entry(e: &CouncilEntry, basis: Basis) -> CouncilId {
    CouncilId {
        key: e.code.clone(),
        code: Some(e.code.clone()),
        name: e.common_name.clone(),
        basis,
    }
}

fn host_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    Some(
        u.host_str()?
            .trim_start_matches("www.")
            .to_ascii_lowercase(),
    )
}

/// A registry council by common or full name; `-`, `_` and case are ignored.
fn by_name(name: &str) -> Option<&'static CouncilEntry> {
    let want = simplify(name);
    if want.is_empty() {
        return None;
    }
    registry::councils()
        .iter()
        .find(|c| simplify(&c.common_name) == want || simplify(&c.name) == want)
}

fn simplify(s: &str) -> String {
    s.to_lowercase()
        .replace(['-', '_', '.'], " ")
        .replace('&', "and")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The council on this host: its exact democracy host, else the one council whose site shares
/// the host's registrable domain (`www.kirklees.gov.uk` and `democracy.kirklees.gov.uk`), else
/// the council named by that domain (`www.tameside.gov.uk` when the registry has only
/// `tameside.moderngov.co.uk`).
fn by_site(host: &str) -> Option<&'static CouncilEntry> {
    if let Some(e) = registry::by_host(host) {
        return Some(e);
    }
    let domain = psl::domain_str(host)?;
    if let Some(e) = domain.split('.').next().and_then(by_name) {
        return Some(e);
    }
    let mut matches = registry::councils().iter().filter(|c| {
        host_of(&c.base_url)
            .and_then(|h| psl::domain_str(&h).map(str::to_string))
            .as_deref()
            == Some(domain)
    });
    let first = matches.next()?;
    // A shared hosting domain (moderngov.co.uk) names no single council.
    matches.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Council, Source};

    fn rec(council: Option<(&str, &str)>, url: Option<&str>, path: Option<&str>) -> Record {
        Record {
            council: council.map(|(c, n)| Council {
                code: (!c.is_empty()).then(|| c.to_string()),
                name: n.to_string(),
            }),
            source: Source {
                url: url.map(str::to_string),
                path: path.map(str::to_string),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn record_council_comes_first() {
        let id = council_of(
            &rec(
                Some(("ROT", "Rotherham")),
                Some("https://democracy.kirklees.gov.uk/x"),
                None,
            ),
            None,
        );
        assert_eq!((id.key.as_str(), id.basis), ("ROT", Basis::Record));
        let id = council_of(&rec(Some(("", "Kirklees")), None, None), None);
        assert_eq!((id.key.as_str(), id.name.as_str()), ("KIR", "Kirklees"));
    }

    #[test]
    fn host_then_registrable_domain_then_bare_host() {
        let id = council_of(
            &rec(
                None,
                Some("https://moderngov.rotherham.gov.uk/ieDecisionDetails.aspx?ID=1"),
                None,
            ),
            None,
        );
        assert_eq!((id.key.as_str(), id.basis), ("ROT", Basis::Host));
        let id = council_of(
            &rec(
                None,
                Some("https://www.rotherham.gov.uk/downloads/file/1/cpc.pdf"),
                None,
            ),
            None,
        );
        assert_eq!(id.key, "ROT");
        let id = council_of(
            &rec(None, Some("https://www.tameside.gov.uk/cpc.pdf"), None),
            None,
        );
        assert_eq!(id.key, "TAM");
        let id = council_of(
            &rec(None, Some("https://papers.example.org/a.pdf"), None),
            None,
        );
        assert_eq!(
            (id.key.as_str(), id.name.as_str()),
            ("host:papers.example.org", "papers.example.org")
        );
    }

    #[test]
    fn path_rules() {
        let r = rec(None, None, Some("papers/rotherham/2024/cpc.txt"));
        let id = council_of(&r, Some(&"path:2".parse().unwrap()));
        assert_eq!((id.key.as_str(), id.basis), ("ROT", Basis::Path));
        let id = council_of(&r, Some(&"dir".parse().unwrap()));
        assert_eq!((id.key.as_str(), id.name.as_str()), ("path:2024", "2024"));
        let id = council_of(&r, Some(&"regex:papers/([^/]+)/".parse().unwrap()));
        assert_eq!(id.key, "ROT");
        let id = council_of(
            &rec(None, None, Some("a/b/south-staffordshire/x.txt")),
            Some(&"dir".parse().unwrap()),
        );
        assert_eq!(id.name, "South Staffordshire");
        // The file name itself is never taken as a council.
        let id = council_of(
            &rec(None, None, Some("cpc.txt")),
            Some(&"path".parse().unwrap()),
        );
        assert_eq!(id.basis, Basis::Unknown);
        assert!("regex:(".parse::<CouncilFrom>().is_err());
        assert!("regex:abc".parse::<CouncilFrom>().is_err());
        assert!("path:0".parse::<CouncilFrom>().is_err());
    }
}
