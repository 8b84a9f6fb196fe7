//! Where the report's links to sources point: a web page's own `http(s)` URL, else the local
//! file, as a path relative to the folder the report is written to (so that the report and
//! the papers can be moved together), percent-encoded. No other scheme is ever linked.

use std::path::{Component, Path, PathBuf};

/// The folders that local paths are resolved from and made relative to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkBase {
    /// The folder the records' relative paths start from (where `extract` ran).
    pub working_dir: PathBuf,
    /// The folder the report is written to.
    pub report_dir: PathBuf,
}

/// The link target of a source: its URL when that is a web address, else its local path
/// (relative to the report when `base` is known); `None` when there is nothing to link to.
pub fn href(url: Option<&str>, document: &str, base: Option<&LinkBase>) -> Option<String> {
    if let Some(u) = url.and_then(|u| url::Url::parse(u).ok())
        && matches!(u.scheme(), "http" | "https")
    {
        return Some(u.to_string());
    }
    let has_scheme = url::Url::parse(document).is_ok_and(|u| u.scheme().len() > 1);
    if document.is_empty() || has_scheme || document == "-" {
        return None;
    }
    let path = match base {
        Some(b) => relative(&b.working_dir.join(document), &b.report_dir),
        None => PathBuf::from(document),
    };
    Some(encode(&path))
}

/// `path` seen from `from`, both made absolute lexically (`.` and `..` resolved).
fn relative(path: &Path, from: &Path) -> PathBuf {
    let (path, from) = (normalise(path), normalise(from));
    let p: Vec<Component> = path.components().collect();
    let f: Vec<Component> = from.components().collect();
    let common = p.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    out
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A relative path as a URL path: `/` between segments, and every byte outside the
/// unreserved set percent-encoded (`a b#1.pdf` → `a%20b%231.pdf`).
fn encode(path: &Path) -> String {
    let mut out = String::new();
    for (i, c) in path.components().enumerate() {
        if i > 0 || matches!(c, Component::RootDir) {
            if !out.ends_with('/') {
                out.push('/');
            }
            if matches!(c, Component::RootDir) {
                continue;
            }
        }
        for b in c.as_os_str().to_string_lossy().bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_stay_and_other_schemes_are_never_linked() {
        assert_eq!(
            href(Some("https://a.gov.uk/x?y=1"), "p", None),
            Some("https://a.gov.uk/x?y=1".into())
        );
        assert_eq!(
            href(Some("javascript:alert(1)"), "docs/a.pdf", None),
            Some("docs/a.pdf".into())
        );
        assert_eq!(href(None, "javascript:alert(1)", None), None);
        assert_eq!(href(None, "file:///etc/passwd", None), None);
        assert_eq!(href(None, "", None), None);
        assert_eq!(href(None, "-", None), None);
    }

    #[test]
    fn local_paths_are_relative_to_the_report() {
        let base = LinkBase {
            working_dir: "/home/ann/work".into(),
            report_dir: "/home/ann/work/out".into(),
        };
        assert_eq!(
            href(None, "papers/rot/cpc report.pdf", Some(&base)),
            Some("../papers/rot/cpc%20report.pdf".into())
        );
        assert_eq!(
            href(None, "./out/a#1.html", Some(&base)),
            Some("a%231.html".into())
        );
        assert_eq!(
            href(None, "/srv/papers/x.pdf", Some(&base)),
            Some("../../../../srv/papers/x.pdf".into())
        );
        let same = LinkBase {
            working_dir: "/w".into(),
            report_dir: "/w".into(),
        };
        assert_eq!(href(None, "a/../b.txt", Some(&same)), Some("b.txt".into()));
    }
}
