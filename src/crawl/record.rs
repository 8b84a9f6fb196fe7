//! A fetched document to its record: decode the bytes (with the `Content-Type` as a hint),
//! extract, then merge what the crawl knows about the document into `meta`.
//!
//! Merge rule: for a document of one meeting (a report, minutes, a decision) the crawl's
//! committee, date and item win over the text's, because they come from the site's own
//! listing while a report's text often names other meetings; for an issue page, which spans
//! several meetings, the text's facts stand and the crawl only fills gaps. The kind, when the
//! crawl knows it for one meeting (an item's minutes, a decision page), wins too; otherwise
//! the text's kind stands. The title comes from the text first. The council is the registry's when the crawl was given
//! one, else whatever the text names.

use crate::decode::Hint;
use crate::fetch::{Fetched, Fetcher};
use crate::isolate::{self, Isolation};
use crate::model::{Council, DocKind, Record, Source};
use crate::pipeline::{RecordOptions, error_record};
use crate::source::date::Date;

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

/// What turns bytes into a record: the record options, and the child-process isolation
/// that PDF and Word files are read under (as `extract` does).
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    pub opts: &'a RecordOptions,
    pub iso: Option<&'a Isolation>,
}

/// The record of a document whose bytes are at hand.
pub fn build(
    bytes: &[u8],
    url: &str,
    content_type: Option<&str>,
    fetched: Option<&Fetched>,
    facts: &Facts,
    council: Option<&Council>,
    reader: Reader,
) -> Record {
    let source = Source {
        url: Some(url.to_string()),
        fetched_at: fetched.map(|f| f.fetched_at.clone()),
        ..Default::default()
    };
    let name = url_path(fetched.map_or(url, |f| f.final_url.as_str()));
    let hint = Hint {
        name: Some(&name),
        content_type,
    };
    let mut r = isolate::record(bytes, &hint, source, reader.opts, reader.iso);
    let path = url_path(url).to_ascii_lowercase();
    let linked_pdf = path.ends_with(".pdf") || path.ends_with("mgconvert2pdf.aspx");
    if linked_pdf && r.source.media_type.as_deref() == Some("text/html") {
        r.warnings.push(format!(
            "linked as a PDF but the server sent HTML ({})",
            content_type.unwrap_or("no Content-Type")
        ));
    }
    merge(&mut r, facts, council);
    r
}

/// The record of a document that could not be fetched.
pub fn failed(
    url: &str,
    kind: &str,
    message: String,
    facts: &Facts,
    council: Option<&Council>,
) -> Record {
    let source = Source {
        url: Some(url.to_string()),
        ..Default::default()
    };
    let mut r = error_record(source, kind, message);
    merge(&mut r, facts, council);
    r
}

/// Fetches one URL through the polite client and the store and makes its record (the
/// `extract URL` path). Without a client the record says so.
pub fn from_url(fetcher: Option<&Fetcher>, url: &str, reader: Reader) -> Record {
    let none = Facts::default();
    let Some(fetcher) = fetcher else {
        return failed(
            url,
            "network",
            "no HTTP client for URL inputs".into(),
            &none,
            None,
        );
    };
    match fetcher
        .get(url)
        .and_then(|f| fetcher.body(&f).map(|b| (f, b)))
    {
        Ok((f, bytes)) => build(
            &bytes,
            url,
            f.media_type.as_deref(),
            Some(&f),
            &none,
            None,
            reader,
        ),
        Err(e) => failed(url, e.kind(), e.to_string(), &none, None),
    }
}

/// Merges crawl facts into a record's `meta` and sets its council (see the module doc).
pub fn merge(r: &mut Record, f: &Facts, council: Option<&Council>) {
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
    if m.title.is_none() {
        m.title = f.title.clone();
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
    fn html_where_a_pdf_was_linked_is_read_and_noted() {
        let r = build(
            b"<html><body><p>RESOLVED:</p><ol><li>That the plan be approved.</li></ol></body></html>",
            "http://h/documents/s1/Report.pdf",
            Some("text/html; charset=utf-8"),
            None,
            &Facts::default(),
            None,
            Reader {
                opts: &RecordOptions::default(),
                iso: None,
            },
        );
        assert!(r.error.is_none());
        assert_eq!(r.source.media_type.as_deref(), Some("text/html"));
        assert_eq!(
            r.source.url.as_deref(),
            Some("http://h/documents/s1/Report.pdf")
        );
        assert!(r.warnings.iter().any(|w| w.contains("linked as a PDF")));
    }
}
