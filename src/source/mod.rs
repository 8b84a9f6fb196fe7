//! Democracy-site parsers: saved Modern.Gov and CMIS responses (XML and HTML bytes) to
//! committees, meetings, decisions and document links. Everything here is pure: no network,
//! no clock, no files; links come back as written (relative), for the caller to resolve.

pub mod cmis;
pub mod date;
pub mod moderngov;

use scraper::{ElementRef, Node};
use thiserror::Error;

/// Why a response could not be read as the page or listing it should be.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ParseError {
    #[error("not well-formed XML: {0}")]
    Xml(String),
    #[error("expected <{expected}> but the response has <{found}>")]
    WrongRoot {
        expected: &'static str,
        found: String,
    },
    #[error("the page has no {0}")]
    Missing(&'static str),
}

/// A link to a document (report, minutes, PDF) with its visible title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    pub href: String,
    pub title: String,
}

/// What a Modern.Gov link points at, told from its href.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Document,
    Issue,
    Decision,
    Meeting,
    Other,
}

/// Classifies a Modern.Gov href.
pub fn classify_href(href: &str) -> LinkKind {
    let h = href.trim().to_ascii_lowercase();
    let path = h.split(['?', '#']).next().unwrap_or("");
    if h.starts_with("mailto:") || h.starts_with("javascript:") || h.starts_with('#') {
        LinkKind::Other
    } else if path.ends_with("mgissuehistoryhome.aspx") || path.ends_with("ieissuedetails.aspx") {
        LinkKind::Issue
    } else if path.ends_with("iedecisiondetails.aspx") || path.ends_with("mgdecisiondetails.aspx") {
        LinkKind::Decision
    } else if path.ends_with("ielistdocuments.aspx") {
        LinkKind::Meeting
    } else if path.ends_with("mgconvert2pdf.aspx")
        || path.starts_with("documents/")
        || path.contains("/documents/")
        || [".pdf", ".doc", ".docx", ".rtf", ".odt"]
            .iter()
            .any(|e| path.ends_with(e))
    {
        LinkKind::Document
    } else {
        LinkKind::Other
    }
}

/// The value of a query parameter (case-insensitive name) in an href.
pub fn query_param(href: &str, name: &str) -> Option<String> {
    let query = href.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        let k = k.trim_start_matches("amp;");
        k.eq_ignore_ascii_case(name).then(|| v.to_string())
    })
}

/// Bytes of an HTML page to text, honouring its charset (pages are often windows-1252).
pub(crate) fn html_str(bytes: &[u8]) -> String {
    crate::decode::encoding::decode(bytes, None)
        .text
        .into_owned()
}

/// An element's text with runs of whitespace collapsed, leaving out the text of descendants
/// that carry any of the `skip` classes (e.g. Modern.Gov's hidden `mgHide` and `mgFileSize`).
pub(crate) fn text_of(el: ElementRef, skip: &[&str]) -> String {
    let mut out = String::new();
    collect_text(el, skip, &mut out);
    collapse(&out)
}

fn collect_text(el: ElementRef, skip: &[&str], out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                if e.classes().any(|c| skip.contains(&c)) {
                    continue;
                }
                if let Some(child_el) = ElementRef::wrap(child) {
                    if matches!(e.name(), "br" | "p" | "div" | "li" | "td") {
                        out.push(' ');
                    }
                    collect_text(child_el, skip, out);
                }
            }
            _ => {}
        }
    }
}

/// Collapses whitespace (including non-breaking spaces) to single spaces and trims.
pub(crate) fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn selector(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap_or_else(|_| unreachable!("static selector {css}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_modgov_links() {
        assert_eq!(
            classify_href("documents/s7942/polc2 - 23.09.2015.pdf"),
            LinkKind::Document
        );
        assert_eq!(
            classify_href("https://x/mgConvert2PDF.aspx?ID=60860"),
            LinkKind::Document
        );
        assert_eq!(
            classify_href("mgIssueHistoryHome.aspx?IId=6535&amp;Opt=0"),
            LinkKind::Issue
        );
        assert_eq!(
            classify_href("ieDecisionDetails.aspx?ID=13149"),
            LinkKind::Decision
        );
        assert_eq!(
            classify_href("ieListDocuments.aspx?CId=151&MID=4832"),
            LinkKind::Meeting
        );
        assert_eq!(classify_href("mgUserInfo.aspx?UID=1"), LinkKind::Other);
        assert_eq!(
            query_param("ieListDocuments.aspx?CId=151&amp;MID=4832", "mid"),
            Some("4832".into())
        );
    }
}
