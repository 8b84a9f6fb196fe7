//! What is known about a document besides its bytes: where it was read from (a file, or a URL
//! and when it was fetched), the `Content-Type` it was sent with, and what a crawl knows from
//! where it was linked, merged into the record's `meta` once it is read.
//!
//! Merge rule: for a document of one meeting (a report, minutes, a decision) the crawl's
//! committee, date and item win over the text's, because they come from the site's own
//! listing while a report's text often names other meetings; for an issue page, which spans
//! several meetings, the text's facts stand and the crawl only fills gaps. The kind, when the
//! crawl knows it for one meeting (an item's minutes, a decision page), wins too; otherwise
//! the text's kind stands. The title a crawl found the document under wins, and the
//! document's own title is kept as `meta.document_title`. The council is the registry's when
//! the crawl was given one, else whatever the text names.

use crate::model::{Council, DocKind, Record, Source};
use crate::source::date::Date;

/// Where a document came from and what is known about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocInfo {
    /// The file it was read from.
    pub path: Option<String>,
    /// The URL it was linked at or asked for.
    pub url: Option<String>,
    /// The URL that finally answered, after redirects (its path breaks ties when sniffing).
    pub final_url: Option<String>,
    /// When its body was first downloaded (RFC 3339).
    pub fetched_at: Option<String>,
    /// The HTTP `Content-Type` it came with.
    pub content_type: Option<String>,
    /// What the crawl knows from where it was linked.
    pub facts: Facts,
    /// The council the crawl was asked for (from the registry), which wins over the text's.
    pub council: Option<Council>,
    /// The councils a shared site serves: the record's council is the one of them its text
    /// names, else the first (when [`DocInfo::council`] is not set).
    pub site_councils: Vec<Council>,
    /// Said of how the document was had (e.g. fetched without verifying a certificate); each
    /// becomes a warning of the record.
    pub notes: Vec<String>,
}

/// What a crawl knows about a document from where it was linked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub title: Option<String>,
    pub kind: Option<DocKind>,
    pub committee: Option<String>,
    pub date: Option<Date>,
    pub item: Option<String>,
    /// True when the facts describe exactly one meeting (they then win over the text).
    pub one_meeting: bool,
}

impl DocInfo {
    /// A document read from a file.
    pub fn file(path: impl Into<String>) -> DocInfo {
        DocInfo {
            path: Some(path.into()),
            ..DocInfo::default()
        }
    }

    /// A document at a URL.
    pub fn url(url: impl Into<String>) -> DocInfo {
        DocInfo {
            url: Some(url.into()),
            ..DocInfo::default()
        }
    }

    /// The name whose extension breaks ties when the format is sniffed: the file's path, else
    /// the path of the URL that answered.
    pub fn name(&self) -> Option<String> {
        if let Some(p) = &self.path {
            return Some(p.clone());
        }
        self.final_url
            .as_deref()
            .or(self.url.as_deref())
            .map(url_path)
    }

    /// The record's `source` as far as it is known before the bytes are read.
    pub fn source(&self) -> Source {
        Source {
            path: self.path.clone(),
            url: self.url.clone(),
            fetched_at: self.fetched_at.clone(),
            ..Source::default()
        }
    }

    /// Adds what is known from outside the text to a record: a note when a document linked as
    /// a PDF came as HTML, the crawl's facts and the council.
    pub fn complete(&self, r: &mut Record) {
        if let Some(url) = &self.url {
            let path = url_path(url).to_ascii_lowercase();
            let linked_pdf = path.ends_with(".pdf") || path.ends_with("mgconvert2pdf.aspx");
            if linked_pdf && r.source.media_type.as_deref() == Some("text/html") {
                r.warnings.push(format!(
                    "linked as a PDF but the server sent HTML ({})",
                    self.content_type.as_deref().unwrap_or("no Content-Type")
                ));
            }
        }
        r.warnings.extend(self.notes.iter().cloned());
        merge(r, &self.facts, self.council.as_ref());
        if self.council.is_none()
            && let Some(first) = self.site_councils.first()
        {
            let named = r.council.as_ref().is_some_and(|c| {
                self.site_councils
                    .iter()
                    .any(|s| s.code.is_some() && s.code == c.code)
            });
            if !named {
                r.council = Some(first.clone());
            }
        }
    }
}

/// Merges crawl facts into a record's `meta` and sets its council (see the module doc).
fn merge(r: &mut Record, f: &Facts, council: Option<&Council>) {
    let date = f.date.map(|d| d.iso());
    let m = &mut r.meta;
    if f.one_meeting {
        m.committee = f.committee.clone().or(m.committee.take());
        m.date = date.or(m.date.take());
        m.item = f.item.clone().or(m.item.take());
    } else {
        m.committee = m.committee.take().or_else(|| f.committee.clone());
        m.date = m.date.take().or(date);
        m.item = m.item.take().or_else(|| f.item.clone());
    }
    // The title a crawl found the document under (its link) names it as people saw it; the
    // document's own `<title>` is kept beside it when it says something else.
    if let Some(link) = f.title.as_ref().filter(|t| !t.trim().is_empty()) {
        let own = m.title.take();
        m.document_title = own.filter(|o| o.trim() != link.trim());
        m.title = Some(link.clone());
    }
    if let Some(k) = f.kind
        && (m.kind == DocKind::Other || f.one_meeting)
    {
        m.kind = k;
    }
    if let Some(c) = council {
        r.council = Some(c.clone());
    }
}

/// The path of a URL (the whole string when it does not parse).
fn url_path(url: &str) -> String {
    url::Url::parse(url).map_or_else(|_| url.to_string(), |u| u.path().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crawl_facts_win_for_one_meeting_and_fill_for_issues() {
        let mut r = Record::default();
        r.meta.committee = Some("Scrutiny".into());
        r.meta.date = Some("2020-01-01".into());
        let f = Facts {
            committee: Some("Cabinet".into()),
            date: Date::new(2023, 3, 14),
            item: Some("5".into()),
            kind: Some(DocKind::Minutes),
            one_meeting: true,
            ..Default::default()
        };
        let mut a = r.clone();
        merge(&mut a, &f, None);
        assert_eq!(a.meta.committee.as_deref(), Some("Cabinet"));
        assert_eq!(a.meta.date.as_deref(), Some("2023-03-14"));
        assert_eq!(a.meta.item.as_deref(), Some("5"));
        assert_eq!(a.meta.kind, DocKind::Minutes);
        let mut b = r.clone();
        merge(
            &mut b,
            &Facts {
                one_meeting: false,
                ..f
            },
            Some(&Council {
                code: Some("ROT".into()),
                name: "Rotherham".into(),
            }),
        );
        assert_eq!(b.meta.committee.as_deref(), Some("Scrutiny"));
        assert_eq!(b.meta.date.as_deref(), Some("2020-01-01"));
        assert_eq!(b.meta.item.as_deref(), Some("5"));
        assert_eq!(b.council.map(|c| c.name).as_deref(), Some("Rotherham"));
    }

    #[test]
    fn the_sniffing_name_is_the_path_else_the_answering_url_path() {
        assert_eq!(
            DocInfo::file("papers/a.pdf").name().as_deref(),
            Some("papers/a.pdf")
        );
        let mut info = DocInfo::url("http://h/documents/s1/Report.pdf?x=1");
        assert_eq!(info.name().as_deref(), Some("/documents/s1/Report.pdf"));
        info.final_url = Some("http://h/mgConvert2PDF.aspx?ID=9".into());
        assert_eq!(info.name().as_deref(), Some("/mgConvert2PDF.aspx"));
        assert_eq!(DocInfo::default().name(), None);
    }
}
