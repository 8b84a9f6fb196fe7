//! The output record's layout, pinned: records that `extract` prints are read back into
//! structs written out here by hand (not the crate's own `model` types), each of which refuses
//! a field it does not know and requires every field the record always carries, so that a
//! field renamed, dropped or added without a change here fails this test. Fields the record
//! carries only sometimes are marked `#[serde(default)]`; enums list every allowed value.

use crate::util::{bin, records, run};
use serde::{Deserialize, Deserializer};

/// A field that must be present, though it may be `null` (serde would otherwise read a
/// missing `Option` as `None`).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

/// A field that may be absent, and when present may be `null`: absent is `None`, `null` is
/// `Some(None)`.
fn optional_nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    schema_version: u32,
    source: Source,
    #[serde(deserialize_with = "nullable")]
    council: Option<Council>,
    meta: Meta,
    meetings: Vec<Meeting>,
    recommendations: Vec<Recommendation>,
    themes: Vec<Theme>,
    actions: Vec<Action>,
    warnings: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    error: Option<RecordError>,
    /// Only with `--emit-text`.
    #[serde(default)]
    text: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    #[serde(deserialize_with = "nullable")]
    path: Option<String>,
    #[serde(deserialize_with = "nullable")]
    url: Option<String>,
    #[serde(deserialize_with = "nullable")]
    sha256: Option<String>,
    #[serde(deserialize_with = "nullable")]
    media_type: Option<String>,
    #[serde(deserialize_with = "nullable")]
    fetched_at: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pages: Option<u32>,
    /// Absent when the document's bytes were never had.
    #[serde(default)]
    bytes: Option<u64>,
    /// Absent for formats without a character encoding (PDF, Word).
    #[serde(default)]
    encoding: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Council {
    #[serde(deserialize_with = "nullable")]
    code: Option<String>,
    name: String,
    /// The ONS/GSS code, when the registry knows the council.
    #[serde(default)]
    gss: Option<String>,
    /// The other councils of a shared site, when there are any.
    #[serde(default)]
    shared_with: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
enum DocKind {
    Issue,
    Decision,
    Minutes,
    Report,
    Agenda,
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    #[serde(deserialize_with = "nullable")]
    title: Option<String>,
    kind: DocKind,
    #[serde(deserialize_with = "nullable")]
    committee: Option<String>,
    #[serde(deserialize_with = "nullable")]
    date: Option<String>,
    #[serde(deserialize_with = "nullable")]
    item: Option<String>,
    /// The document's own title, when a crawl's link title is in `title`.
    #[serde(default)]
    document_title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meeting {
    #[serde(deserialize_with = "nullable")]
    committee: Option<String>,
    #[serde(deserialize_with = "nullable")]
    date: Option<String>,
    #[serde(deserialize_with = "nullable")]
    item: Option<String>,
    span: [usize; 2],
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
enum RecKind {
    Peer,
    Officer,
    Resolution,
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Recommendation {
    #[serde(deserialize_with = "nullable")]
    id: Option<String>,
    text: String,
    kind: RecKind,
    /// Housekeeping (minutes, apologies, declarations, exclusion, appointments, noting);
    /// always written.
    procedural: bool,
    #[serde(deserialize_with = "nullable")]
    lead_in: Option<String>,
    /// Absent when the item has no sub-items.
    #[serde(default)]
    children: Vec<Recommendation>,
    span: [usize; 2],
    #[serde(deserialize_with = "nullable")]
    page: Option<u32>,
    quote: String,
    /// Absent unless the document lists several meetings.
    #[serde(default)]
    meeting: Option<usize>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum CanonicalTheme {
    LocalPrioritiesAndOutcomes,
    OrganisationalAndPlaceLeadership,
    GovernanceAndCulture,
    FinancialPlanningAndManagement,
    CapacityForImprovement,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Theme {
    text: String,
    #[serde(deserialize_with = "nullable")]
    canonical: Option<CanonicalTheme>,
    span: [usize; 2],
    #[serde(deserialize_with = "nullable")]
    page: Option<u32>,
    quote: String,
    /// The review framework the theme belongs to (`cpc`, `lga_governance`, …) or `null`;
    /// optional, so that records written before it existed still read.
    #[serde(default, deserialize_with = "optional_nullable")]
    framework: Option<Option<String>>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum ActionStatus {
    Completed,
    InProgress,
    Remaining,
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Action {
    text: String,
    status: ActionStatus,
    /// Absent when the page prints no status words.
    #[serde(default)]
    status_text: Option<String>,
    span: [usize; 2],
    #[serde(deserialize_with = "nullable")]
    page: Option<u32>,
    quote: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordError {
    kind: String,
    message: String,
}

const FIXTURES: [&str; 4] = [
    "fixtures/issue-meetings-cabinet-two-meetings.txt",
    "fixtures/cpc-feedback-report-nine-recommendations.txt",
    "fixtures/minutes-resolved-dash-numbered-subitems.txt",
    "fixtures/pdf/report-cabinet-auto-numbered-sections-page-break.pdf",
];

/// The JSON records `extract` prints for the fixtures above and a missing file.
fn printed(extra: &[&str]) -> Vec<serde_json::Value> {
    let out = run(bin()
        .arg("extract")
        .args(extra)
        .args(FIXTURES)
        .arg("fixtures/no-such-file.txt"));
    assert_eq!(out.status.code(), Some(1), "the missing file fails the run");
    records(&out)
}

fn pinned(v: &serde_json::Value) -> Result<Record, serde_json::Error> {
    Record::deserialize(v)
}

#[test]
fn printed_records_have_exactly_the_pinned_fields() {
    let values = printed(&["--emit-text"]);
    assert_eq!(values.len(), FIXTURES.len() + 1);
    let recs: Vec<Record> = values
        .iter()
        .map(|v| pinned(v).unwrap_or_else(|e| panic!("{e}: {v}")))
        .collect();
    for (r, path) in recs.iter().zip(FIXTURES) {
        assert_eq!(r.schema_version, 1);
        assert_eq!(r.source.path.as_deref(), Some(path));
        assert_eq!(r.source.url, None);
        assert_eq!(r.source.fetched_at, None);
        assert_eq!(r.source.sha256.as_ref().map(String::len), Some(64));
        assert_eq!(
            r.source.bytes,
            Some(std::fs::metadata(path).expect("fixture").len())
        );
        assert!(r.error.is_none(), "{path}: {:?}", r.error);
        assert!(r.warnings.is_empty(), "{path}: {:?}", r.warnings);
        assert!(r.meta.title.is_some(), "{path}");
        let council = r.council.as_ref().expect("a council");
        assert!(council.code.is_some() && !council.name.is_empty());
        // A council the registry knows carries its ONS/GSS code.
        let gss = council.gss.as_deref().expect("a GSS code");
        assert!(
            gss.len() == 9 && ["E0", "W0", "S1", "N0"].iter().any(|p| gss.starts_with(p)),
            "{gss}"
        );
        assert_eq!(r.meta.document_title, None);
        // `shared_with` is left out rather than empty.
        assert!(council.shared_with.as_ref().is_none_or(|v| !v.is_empty()));
        // Every quote is the emitted text at its span.
        let text = r.text.as_deref().expect("--emit-text");
        let at = |span: [usize; 2]| -> String {
            text.chars().skip(span[0]).take(span[1] - span[0]).collect()
        };
        for x in r
            .recommendations
            .iter()
            .chain(r.recommendations.iter().flat_map(|x| &x.children))
        {
            assert!(!x.text.is_empty());
            assert_eq!(at(x.span), x.quote, "{path}");
        }
        for t in &r.themes {
            assert!(!t.text.is_empty() && t.page.is_none());
            assert_eq!(at(t.span), t.quote, "{path}");
        }
        for a in &r.actions {
            assert!(!a.text.is_empty() && a.page.is_none());
            assert_eq!(at(a.span), a.quote, "{path}");
        }
    }
    let [issue, feedback, minutes, pdf, missing] = &recs[..] else {
        unreachable!()
    };
    assert_eq!(issue.meta.kind, DocKind::Issue);
    assert_eq!(issue.meetings.len(), 2);
    let m = &issue.meetings[0];
    assert_eq!(
        (m.committee.as_deref(), m.date.as_deref(), m.item.as_deref()),
        (Some("Cabinet"), Some("2024-10-14"), Some("58"))
    );
    assert_eq!(
        (
            issue.meta.committee.as_deref(),
            issue.meta.date.as_deref(),
            issue.meta.item.as_deref()
        ),
        (Some("Cabinet"), Some("2024-10-14"), Some("58"))
    );
    assert!(issue.meetings[0].span[1] <= issue.meetings[1].span[0]);
    assert_eq!(issue.recommendations[0].meeting, Some(0));
    assert_eq!(
        issue.recommendations[0].lead_in.as_deref(),
        Some("That Cabinet:")
    );
    assert!(
        issue
            .recommendations
            .iter()
            .all(|x| x.meeting.is_some_and(|m| m < 2))
    );
    assert_eq!(issue.source.encoding.as_deref(), Some("UTF-8"));

    assert_eq!(feedback.meta.kind, DocKind::Report);
    assert_eq!(feedback.recommendations.len(), 9);
    assert!(feedback.recommendations.iter().all(|x| !x.procedural));
    assert!(
        feedback
            .recommendations
            .iter()
            .all(|x| x.kind == RecKind::Peer)
    );
    assert_eq!(feedback.themes.len(), 5);
    assert!(feedback.themes.iter().all(|t| t.canonical.is_some()));
    assert!(
        feedback
            .themes
            .iter()
            .any(|t| t.canonical == Some(CanonicalTheme::GovernanceAndCulture))
    );
    let statuses: Vec<(&ActionStatus, Option<&str>)> = feedback
        .actions
        .iter()
        .map(|a| (&a.status, a.status_text.as_deref()))
        .collect();
    assert_eq!(
        statuses[..3],
        [
            (&ActionStatus::Remaining, Some("Planned")),
            (&ActionStatus::Remaining, Some("Not started")),
            (&ActionStatus::InProgress, Some("In progress")),
        ]
    );

    assert_eq!(minutes.meta.kind, DocKind::Minutes);
    let first = &minutes.recommendations[0];
    assert_eq!(first.kind, RecKind::Resolution);
    let child_ids: Vec<_> = first.children.iter().map(|c| c.id.as_deref()).collect();
    assert_eq!(child_ids, [Some("a"), Some("b")]);
    assert!(first.children.iter().all(|c| c.lead_in.is_none()));

    assert_eq!(pdf.source.media_type.as_deref(), Some("application/pdf"));
    assert_eq!(pdf.source.pages, Some(2));
    assert_eq!(pdf.source.encoding, None);
    let pages: Vec<_> = pdf.recommendations.iter().map(|x| x.page).collect();
    assert_eq!(pages, [Some(1), Some(1), Some(2)]);

    assert_eq!(
        missing.source.path.as_deref(),
        Some("fixtures/no-such-file.txt")
    );
    assert_eq!(
        (missing.source.sha256.as_ref(), missing.source.bytes),
        (None, None)
    );
    let e = missing.error.as_ref().expect("an error");
    assert_eq!(e.kind, "not_found");
    assert!(
        e.message.starts_with("fixtures/no-such-file.txt: "),
        "{}",
        e.message
    );
    assert_eq!(missing.meta.kind, DocKind::Other);
    assert!(missing.recommendations.is_empty() && missing.text.is_none());
}

#[test]
fn a_renamed_dropped_or_unknown_field_is_refused() {
    let values = printed(&[]);
    let issue = &values[0];
    assert!(pinned(issue).is_ok());
    assert!(issue.get("text").is_none(), "text only with --emit-text");

    let renamed = |path: &[&str], from: &str, to: &str| {
        let mut v = issue.clone();
        let mut at = &mut v;
        for key in path {
            at = match key.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*key],
            };
        }
        let obj = at.as_object_mut().expect("an object");
        let value = obj.remove(from).expect("the field");
        if !to.is_empty() {
            obj.insert(to.to_string(), value);
        }
        v
    };
    for (path, from, to) in [
        (&[][..], "recommendations", "items"),
        (&["source"][..], "sha256", "hash"),
        (&["source"][..], "pages", ""),
        (&["meta"][..], "kind", "type"),
        (&["meetings", "0"][..], "span", ""),
        (&["recommendations", "0"][..], "lead_in", "leadin"),
        (&["recommendations", "0"][..], "quote", ""),
        (&["recommendations", "0"][..], "procedural", ""),
        (&["themes", "0"][..], "canonical", ""),
        (&["council"][..], "code", "id"),
        (&[][..], "error", ""),
    ] {
        let v = renamed(path, from, to);
        assert!(
            pinned(&v).is_err(),
            "{path:?}.{from} → {to:?} was not noticed"
        );
    }
    let mut added = issue.clone();
    added["recommendations"][0]["score"] = 1.into();
    assert!(pinned(&added).is_err());
    let mut bad_kind = issue.clone();
    bad_kind["recommendations"][0]["kind"] = "advice".into();
    assert!(pinned(&bad_kind).is_err());
}

#[test]
fn a_theme_may_name_its_framework_or_not() {
    let values = printed(&[]);
    let mut with = values[1].clone();
    assert!(!with["themes"].as_array().expect("themes").is_empty());
    with["themes"][0]["framework"] = "cpc".into();
    with["themes"][1]["framework"] = serde_json::Value::Null;
    let r = pinned(&with).expect("framework is known");
    assert_eq!(r.themes[0].framework, Some(Some("cpc".to_string())));
    assert_eq!(r.themes[1].framework, Some(None));
    let mut without = values[1].clone();
    for t in without["themes"].as_array_mut().expect("themes") {
        t.as_object_mut().expect("a theme").remove("framework");
    }
    assert!(
        pinned(&without).expect("framework is optional").themes[0]
            .framework
            .is_none()
    );
}
