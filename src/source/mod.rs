//! Democracy-site parsers: saved Modern.Gov and CMIS responses (XML and HTML bytes) to
//! committees, meetings, decisions and document links. Everything here is pure: no network,
//! no clock, no files; links come back as written (relative), for the caller to resolve.

pub mod cmis;
pub mod date;
pub mod moderngov;

use regex::Regex;
use scraper::{ElementRef, Node};
use std::sync::LazyLock;
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

/// The file-size note a site prints after a document's title: `PDF 402 KB`, `(1Mb)`,
/// `[DOCX 35 KB]`, `PDF 1.2 MB`. Matches the end of "Peer challenge report PDF 402 KB" and of
/// "Minutes (1Mb)"; must not match the end of "Report of 12 May" (no size unit).
static FILE_SIZE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[\s,;:-]*[(\[]?\s*(?:(?:pdf|docx?|xlsx?|pptx?|rtf|odt|html?|txt|zip)\b\.?\s*,?\s*\d+(?:[.,]\d+)?\s*(?:[kmg]?b|bytes)|\d+(?:[.,]\d+)?\s*(?:[kmg]b|bytes))\s*[)\]]?\s*$",
    )
    .unwrap_or_else(|_| unreachable!())
});

/// A document or agenda item title without the file-size note after it, whitespace collapsed
/// (`Peer challenge report PDF 402 KB` → `Peer challenge report`).
pub fn clean_title(title: &str) -> String {
    let t = collapse(title);
    let cleaned = FILE_SIZE.replace(&t, "");
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        t
    } else {
        cleaned.to_string()
    }
}

/// Whether a URL names a document whose content never changes once published, so that a
/// stored copy need not be asked for again: Modern.Gov's `documents/s123/…` (and `g123`, `b123`,
/// `i123` attachment folders) and `mgConvert2PDF.aspx?ID=`, CMIS's `Document.ashx?…`.
pub fn is_immutable_document(url: &str) -> bool {
    let Ok(u) = url::Url::parse(url) else {
        return false;
    };
    let path = u.path().to_ascii_lowercase();
    let query = u.query().unwrap_or("");
    let folder = path.split('/').collect::<Vec<_>>();
    let attachment_folder = folder.windows(2).any(|w| {
        w[0] == "documents"
            && w[1].len() > 1
            && matches!(w[1].as_bytes()[0], b's' | b'g' | b'b' | b'i' | b'm' | b'o')
            && w[1][1..].bytes().all(|b| b.is_ascii_digit())
    });
    attachment_folder
        || (path.ends_with("/mgconvert2pdf.aspx")
            && query_param(&format!("?{query}"), "ID").is_some())
        || (path.ends_with("/document.ashx") && !query.is_empty())
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

    #[test]
    fn file_sizes_are_cleaned_from_titles() {
        assert_eq!(
            clean_title("Peer challenge report PDF 402 KB"),
            "Peer challenge report"
        );
        assert_eq!(clean_title("Minutes (1Mb)"), "Minutes");
        assert_eq!(clean_title("Action plan  [DOCX 35 KB]"), "Action plan");
        assert_eq!(clean_title("Appendix A - PDF 1.2 MB"), "Appendix A");
        assert_eq!(clean_title("Report of 12 May"), "Report of 12 May");
        assert_eq!(clean_title("Item 5 (Cabinet)"), "Item 5 (Cabinet)");
        assert_eq!(clean_title("PDF 402 KB"), "PDF 402 KB");
        assert_eq!(clean_title("Appendix 5b"), "Appendix 5b");
    }

    #[test]
    fn documents_that_never_change_are_told_by_their_url() {
        for yes in [
            "https://h/documents/s7942/polc2%20-%2023.09.2015.pdf",
            "https://h/sub/documents/g101/Agenda%20frontsheet.pdf",
            "https://h/mgConvert2PDF.aspx?ID=60860",
            "https://h/birmingham/Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=abc",
        ] {
            assert!(is_immutable_document(yes), "{yes}");
        }
        for no in [
            "https://h/ieListDocuments.aspx?CId=1&MId=2",
            "https://h/mgConvert2PDF.aspx",
            "https://h/documents/latest/report.pdf",
            "https://h/mgWebService.asmx/GetMeeting?lMeetingId=4",
            "not a url",
        ] {
            assert!(!is_immutable_document(no), "{no}");
        }
    }
}
