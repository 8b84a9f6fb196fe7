//! Which platform a base URL runs, told from the site's answers: the Modern.Gov web service
//! answers `GetCommittees` with XML; a CMIS Meetings page names its calendar module; a
//! Modern.Gov page without the web service still links `mg…`/`ie…` pages. A base URL that is
//! itself a decision, issue or meeting page is crawled as that one page.

use super::site::SiteCtx;
use crate::registry::Platform;
use crate::source::{cmis, moderngov};
use url::Url;

/// What to walk.
#[derive(Debug)]
pub enum Plan {
    /// A Modern.Gov site at `base` (no trailing slash); `committees` holds the web service's
    /// `GetCommittees` answer when it works.
    ModernGov {
        base: String,
        committees: Option<Vec<u8>>,
    },
    /// A CMIS site, with its Meetings page.
    Cmis {
        meetings_url: String,
        page: Vec<u8>,
    },
    Decision(String),
    Issue(String),
    Meeting(String),
}

/// Why no plan could be made: the site kept us out (`blocked`, `unreachable`, `tls` …), or
/// it answered but with neither platform (`unknown_platform`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} {url} ({tried})")]
pub struct DetectError {
    pub url: String,
    pub tried: String,
    pub kind: &'static str,
    pub what: &'static str,
}

/// The CMIS pages a Meetings calendar is found on, tried in turn (the name varies between
/// installs).
pub const CMIS_ENTRY_PAGES: [&str; 6] = [
    "Meetings.aspx",
    "MeetingsCalendar.aspx",
    "CalendarofMeetings.aspx",
    "Calendar.aspx",
    "MeetingCalendar.aspx",
    "Committees/Meetings.aspx",
];

/// The Modern.Gov base: the URL without a trailing page name or slash.
pub fn moderngov_base(url: &Url) -> String {
    let mut u = url.clone();
    u.set_query(None);
    u.set_fragment(None);
    let path = u.path().to_string();
    let last = path.rsplit('/').next().unwrap_or("");
    let dir = if last.contains('.') {
        &path[..path.len() - last.len()]
    } else {
        path.as_str()
    };
    u.set_path(dir);
    u.to_string().trim_end_matches('/').to_string()
}

/// The CMIS site root: the path before the first page or section name
/// (`/birmingham/Councillors.aspx` → `/birmingham`).
pub fn cmis_root(url: &Url) -> String {
    let mut kept = Vec::new();
    for seg in url.path().split('/').filter(|s| !s.is_empty()) {
        let l = seg.to_ascii_lowercase();
        if l.ends_with(".aspx")
            || l.starts_with("councillor")
            || l.starts_with("members")
            || l.starts_with("meetings")
            || l == "councilandgovernance"
        {
            break;
        }
        kept.push(seg);
    }
    let mut u = url.clone();
    u.set_query(None);
    u.set_fragment(None);
    u.set_path(&kept.join("/"));
    u.to_string().trim_end_matches('/').to_string()
}

fn page_kind(url: &Url) -> Option<Plan> {
    let path = url.path().to_ascii_lowercase();
    let s = url.to_string();
    if path.ends_with("iedecisiondetails.aspx") || path.ends_with("mgdecisiondetails.aspx") {
        Some(Plan::Decision(s))
    } else if path.ends_with("ieissuedetails.aspx") || path.ends_with("mgissuehistoryhome.aspx") {
        Some(Plan::Issue(s))
    } else if path.ends_with("ielistdocuments.aspx") {
        Some(Plan::Meeting(s))
    } else {
        None
    }
}

fn looks_moderngov_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256 << 10)]).to_ascii_lowercase();
    [
        "mgwebservice",
        "id=\"modgov\"",
        "mglistcommittees",
        "ielistdocuments",
        "mgcalendarmonthview",
        "mgcommitteedetails",
    ]
    .iter()
    .any(|m| head.contains(m))
}

/// What the attempts ran into, for the error when nothing worked.
#[derive(Default)]
struct Tried {
    notes: Vec<String>,
    /// The first failure that keeps the whole site away (blocked, unreachable, TLS).
    wall: Option<&'static str>,
}

impl Tried {
    fn failed(&mut self, what: &str, e: &crate::fetch::FetchError) {
        if self.wall.is_none()
            && matches!(
                e.kind(),
                "blocked" | "unreachable" | "tls" | "forbidden_address"
            )
        {
            self.wall = Some(e.kind());
        }
        self.notes.push(format!("{what}: {e}"));
    }
}

/// The Modern.Gov base and the `GetCommittees` answer, when the web service works. A base
/// that redirects (a moved host, or a web service under another folder) is read from where
/// the answer came from.
fn web_service(ctx: &mut SiteCtx, mg_base: &str, tried: &mut Tried) -> Option<(String, Vec<u8>)> {
    const PATH: &str = "/mgWebService.asmx/GetCommittees";
    let url = format!("{mg_base}{PATH}");
    match ctx.listing(&url) {
        Ok((f, bytes)) if moderngov::parse_committees(&bytes).is_ok() => {
            let base = f
                .final_url
                .strip_suffix(PATH)
                .map_or_else(|| mg_base.to_string(), str::to_string);
            Some((base, bytes))
        }
        Ok(_) => {
            tried
                .notes
                .push("GetCommittees gave no committee list".into());
            None
        }
        Err(e) => {
            tried.failed("GetCommittees", &e);
            None
        }
    }
}

/// Makes the plan for one base URL.
pub fn detect(ctx: &mut SiteCtx, base: &Url, hint: Option<Platform>) -> Result<Plan, DetectError> {
    if let Some(p) = page_kind(base) {
        return Ok(p);
    }
    let mut tried = Tried::default();
    let lower = base.as_str().to_ascii_lowercase();
    let cmis_first = hint == Some(Platform::Cmis) || lower.contains("cmis");
    let mg_base = moderngov_base(base);
    if !cmis_first && let Some((b, bytes)) = web_service(ctx, &mg_base, &mut tried) {
        return Ok(Plan::ModernGov {
            base: b,
            committees: Some(bytes),
        });
    }
    // The base itself (the registry's Meetings page when it names one), then the known
    // entry pages under the CMIS root.
    let root = cmis_root(base);
    let mut pages = vec![base.to_string()];
    for name in CMIS_ENTRY_PAGES {
        let p = format!("{root}/{name}");
        if !pages.iter().any(|q| q.eq_ignore_ascii_case(&p)) {
            pages.push(p);
        }
    }
    if cmis_first {
        ctx.slow = true;
    }
    for page in pages {
        if tried.wall.is_some() {
            break;
        }
        match ctx.listing(&page) {
            Ok((f, bytes)) => {
                if cmis::module_id(&bytes).is_some() {
                    ctx.slow = true;
                    return Ok(Plan::Cmis {
                        meetings_url: f.final_url,
                        page: bytes,
                    });
                }
                if looks_moderngov_html(&bytes) {
                    ctx.slow = false;
                    return Ok(Plan::ModernGov {
                        base: mg_base,
                        committees: None,
                    });
                }
                tried
                    .notes
                    .push(format!("{page}: no CMIS module or Modern.Gov links"));
            }
            // A page the install does not have: try the next name.
            Err(e) if matches!(e.status(), Some(404 | 410)) => {
                tried
                    .notes
                    .push(format!("{page}: {}", e.status().unwrap_or(404)));
            }
            Err(e) => tried.failed(&page, &e),
        }
    }
    ctx.slow = false;
    if cmis_first
        && tried.wall.is_none()
        && let Some((b, bytes)) = web_service(ctx, &mg_base, &mut tried)
    {
        return Ok(Plan::ModernGov {
            base: b,
            committees: Some(bytes),
        });
    }
    let (kind, what) = match tried.wall {
        Some(k) => (k, "cannot reach"),
        None => ("unknown_platform", "cannot tell which platform runs"),
    };
    Err(DetectError {
        url: base.to_string(),
        tried: tried.notes.join("; "),
        kind,
        what,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases() {
        let u = |s| Url::parse(s).unwrap();
        assert_eq!(
            moderngov_base(&u("https://h/democracy/")),
            "https://h/democracy"
        );
        assert_eq!(
            moderngov_base(&u("https://h/mgListCommittees.aspx?x=1")),
            "https://h"
        );
        assert_eq!(
            cmis_root(&u("https://h.cmis.uk.com/braintree/Councillors.aspx")),
            "https://h.cmis.uk.com/braintree"
        );
        assert_eq!(
            cmis_root(&u(
                "https://h/cmis5/Councillors/tabid/62/ScreenMode/Alphabetical/Default.aspx"
            )),
            "https://h/cmis5"
        );
        assert_eq!(
            cmis_root(&u("https://h/committees/cmis5/Members.aspx")),
            "https://h/committees/cmis5"
        );
        assert_eq!(cmis_root(&u("https://h/Councillors.aspx")), "https://h");
        assert!(matches!(
            page_kind(&u("https://h/ieDecisionDetails.aspx?ID=4")),
            Some(Plan::Decision(_))
        ));
    }
}
