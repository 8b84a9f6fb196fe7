//! robots.txt, read once per origin (scheme, host and port) and shared by every thread,
//! following RFC 9309 through `robotxt`: a 4xx answer allows everything, a 5xx or network
//! failure disallows everything, too many redirects allow everything.

use super::FetchError;
use robotxt::{AccessResult, Robots};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// The rules for one origin, and why they forbid everything when robots.txt could not be read.
#[derive(Debug)]
pub struct Rules {
    pub robots: Robots,
    pub unreachable: Option<String>,
    /// The failure itself, when robots.txt could not be had.
    pub failure: Option<FetchError>,
}

/// The robots.txt rules of each origin seen so far.
#[derive(Default)]
pub struct RobotsCache {
    map: Mutex<HashMap<String, Arc<OnceLock<Arc<Rules>>>>>,
}

impl RobotsCache {
    /// The rules for `origin`, fetched by `fetch` the first time only; other threads asking
    /// for the same origin meanwhile wait for that one fetch.
    pub fn get_or_fetch(&self, origin: &str, fetch: impl FnOnce() -> Rules) -> Arc<Rules> {
        let cell = {
            let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(origin.to_string()).or_default().clone()
        };
        cell.get_or_init(|| Arc::new(fetch())).clone()
    }

    /// The rules for `origin` if they have been read.
    pub fn known(&self, origin: &str) -> Option<Arc<Rules>> {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(origin).and_then(|c| c.get().cloned())
    }
}

/// The product token robots.txt groups are matched against: the User-Agent up to its first
/// `/` or space (`councilrecs`).
pub fn agent_token(user_agent: &str) -> &str {
    user_agent
        .split(['/', ' '])
        .next()
        .filter(|t| !t.is_empty())
        .unwrap_or("councilrecs")
}

/// Rules from the outcome of fetching robots.txt.
pub fn rules_from(result: Result<Vec<u8>, FetchError>, agent: &str) -> Rules {
    let unreachable = match &result {
        Err(e) if matches!(rules_access(&result), AccessResult::Unreachable) => Some(e.to_string()),
        _ => None,
    };
    Rules {
        robots: Robots::from_access(rules_access(&result), agent),
        unreachable,
        failure: result.err(),
    }
}

fn rules_access(result: &Result<Vec<u8>, FetchError>) -> AccessResult<'_> {
    match result {
        Ok(bytes) => AccessResult::Successful(bytes),
        Err(FetchError::Status { status, .. }) if (400..500).contains(status) && *status != 429 => {
            AccessResult::Unavailable
        }
        Err(FetchError::TooManyRedirects { .. } | FetchError::RedirectLoop { .. }) => {
            AccessResult::TooManyRedirects
        }
        Err(_) => AccessResult::Unreachable,
    }
}

/// The crawl delay a robots.txt asks of us, capped so that a typo cannot stall a run.
pub fn crawl_delay(r: &Robots, cap: Duration) -> Option<Duration> {
    r.crawl_delay().map(|d| d.min(cap))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_results() {
        let ok = rules_from(
            Ok(b"User-agent: *\nDisallow: /private\nCrawl-delay: 2\n".to_vec()),
            "councilrecs",
        );
        assert!(!ok.robots.is_allowed("/private/x"));
        assert!(ok.robots.is_allowed("/public"));
        assert_eq!(ok.unreachable, None);
        assert_eq!(
            crawl_delay(&ok.robots, Duration::from_secs(60)),
            Some(Duration::from_secs(2))
        );
        let missing = rules_from(
            Err(FetchError::Status {
                status: 404,
                url: String::new(),
            }),
            "councilrecs",
        );
        assert!(missing.robots.is_allowed("/anything"));
        let down = rules_from(
            Err(FetchError::Status {
                status: 503,
                url: String::new(),
            }),
            "councilrecs",
        );
        assert!(!down.robots.is_allowed("/anything"));
        assert!(down.unreachable.unwrap().contains("503"));
        assert_eq!(agent_token("councilrecs/0.1.0 (+https://x)"), "councilrecs");
    }
}
