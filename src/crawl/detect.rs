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

/// Why no plan could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot tell which platform {url} runs ({tried})")]
pub struct DetectError {
    pub url: String,
    pub tried: String,
}

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

fn web_service(ctx: &mut SiteCtx, mg_base: &str, tried: &mut Vec<String>) -> Option<Vec<u8>> {
    let url = format!("{mg_base}/mgWebService.asmx/GetCommittees");
    match ctx.listing(&url) {
        Ok((_, bytes)) if moderngov::parse_committees(&bytes).is_ok() => Some(bytes),
        Ok(_) => {
            tried.push("GetCommittees gave no committee list".into());
            None
        }
        Err(e) => {
            tried.push(format!("GetCommittees: {e}"));
            None
        }
    }
}

/// Makes the plan for one base URL.
pub fn detect(ctx: &mut SiteCtx, base: &Url, hint: Option<Platform>) -> Result<Plan, DetectError> {
    if let Some(p) = page_kind(base) {
        return Ok(p);
    }
    let mut tried = Vec::new();
    let lower = base.as_str().to_ascii_lowercase();
    let cmis_first = hint == Some(Platform::Cmis) || lower.contains("cmis");
    let mg_base = moderngov_base(base);
    if !cmis_first && let Some(bytes) = web_service(ctx, &mg_base, &mut tried) {
        return Ok(Plan::ModernGov {
            base: mg_base,
            committees: Some(bytes),
        });
    }
    let root = cmis_root(base);
    let mut pages = vec![base.to_string()];
    let meetings = format!("{root}/Meetings.aspx");
    if !pages.contains(&meetings) {
        pages.push(meetings);
    }
    for page in pages {
        match ctx.listing(&page) {
            Ok((f, bytes)) => {
                if cmis::module_id(&bytes).is_some() {
                    return Ok(Plan::Cmis {
                        meetings_url: f.final_url,
                        page: bytes,
                    });
                }
                if looks_moderngov_html(&bytes) {
                    return Ok(Plan::ModernGov {
                        base: mg_base,
                        committees: None,
                    });
                }
                tried.push(format!("{page}: no CMIS module or Modern.Gov links"));
            }
            Err(e) => tried.push(e.to_string()),
        }
    }
    if cmis_first && let Some(bytes) = web_service(ctx, &mg_base, &mut tried) {
        return Ok(Plan::ModernGov {
            base: mg_base,
            committees: Some(bytes),
        });
    }
    Err(DetectError {
        url: base.to_string(),
        tried: tried.join("; "),
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
