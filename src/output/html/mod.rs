//! The `compare` report as one self-contained HTML file, fit to send: inline CSS and script,
//! inline SVG charts (the theme heatmap with its colour legend, actions by status per council,
//! recommendations by theme and kind), sortable tables of councils, recurring
//! recommendations, peer challenge chains and documents, what the report was made from and
//! with which settings, print styles, and links back to every source (a web page's URL, else
//! the file relative to the report). Nothing is fetched when it is opened.

pub mod charts;
pub mod links;

use crate::compare::Report;
use crate::compare::chain::{Chain, Stage};
use charts::short;
pub use links::LinkBase;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::io::{self, Write};

const CSS: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("sort.js");

/// What the page says about how it was made, and where its local links start from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// The day the report was made (`YYYY-MM-DD`).
    pub generated: Option<String>,
    /// The `--council-from` rule, as given.
    pub council_from: Option<String>,
    /// Where local paths are resolved from and made relative to; `None` links them as given.
    pub links: Option<LinkBase>,
}

/// Writes the report as HTML.
pub fn write<W: Write>(report: &Report, page: &PageOptions, mut out: W) -> io::Result<()> {
    out.write_all(render(report, page).as_bytes())?;
    out.flush()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The report as one HTML document.
pub fn render(r: &Report, page: &PageOptions) -> String {
    let s = &r.summary;
    let title = format!(
        "Council recommendations compared: {} and {}{}",
        plural(s.councils, "council", "councils"),
        plural(s.documents, "document", "documents"),
        page.generated
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default()
    );
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(format!("councilrecs {}", env!("CARGO_PKG_VERSION")));
                @if let Some(d) = &page.generated { meta name="date" content=(d); }
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { "Council recommendations compared" }
                    p.lede {
                        "Themes, recurring recommendations and progress on actions across "
                        (plural(s.councils, "council", "councils")) ", from "
                        (plural(s.documents, "document", "documents"))
                        @if let Some(d) = &page.generated { ". Made on " time datetime=(d) { (d) } }
                        "."
                    }
                    ul.stats {
                        li { b { (s.councils) } "councils" }
                        li { b { (s.documents) } "documents" }
                        li { b { (s.recommendations) } "recommendations compared" }
                        li { b { (s.actions) } "actions" }
                        li { b { (s.clusters) } "recurring recommendations" }
                        li { b { (s.chains) } "peer challenge chains" }
                    }
                    nav aria-label="Sections" {
                        a href="#themes" { "Themes" }
                        a href="#progress" { "Progress on actions" }
                        a href="#kinds" { "Themes and kinds" }
                        a href="#councils" { "Councils" }
                        a href="#recurring" { "Recurring recommendations" }
                        a href="#chains" { "Peer challenge chains" }
                        a href="#documents" { "Documents" }
                        a href="#about" { "About this report" }
                    }
                }
                main {
                    section #themes {
                        h2 { "Themes by council" }
                        (charts::heatmap(&r.theme_matrix))
                    }
                    section #progress {
                        h2 { "How far each council has got" }
                        (charts::progress(&r.councils))
                    }
                    section #kinds {
                        h2 { "Recommendations by theme and kind" }
                        (charts::themes_by_kind(&r.theme_matrix))
                    }
                    section #councils { h2 { "Councils" } (councils(r)) }
                    section #recurring {
                        h2 { "Recurring recommendations" }
                        p.note {
                            "Recommendations made by " (s.similarity.min_councils) " or more councils in different words: "
                            (s.similarity.method) ", cut at similarity " (format!("{:.2}", s.similarity.min_similarity)) "."
                        }
                        (clusters(r, page))
                    }
                    section #chains {
                        h2 { "Peer challenge chains" }
                        p.note { "Feedback report → action plan → progress review, by date and title." }
                        @if r.chains.is_empty() { p { "No peer challenge documents found." } }
                        @for c in &r.chains { (chain(c, page)) }
                    }
                    section #documents {
                        h2 { "Documents" }
                        (documents(r, page))
                    }
                    section #about { h2 { "About this report" } (about(r, page)) }
                }
                footer {
                    "Made by councilrecs " (env!("CARGO_PKG_VERSION")) " compare"
                    @if let Some(d) = &page.generated { " on " (d) } "."
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    markup.into_string()
}

/// Inputs and settings: enough to make the same report again.
fn about(r: &Report, page: &PageOptions) -> Markup {
    let s = &r.summary;
    let sim = &s.similarity;
    let kinds = if sim.kinds.is_empty() {
        "all".to_string()
    } else {
        sim.kinds
            .iter()
            .map(|k| format!("{k:?}").to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    html! {
        div.about {
            div {
                h3 { "Inputs" }
                @if r.inputs.is_empty() {
                    p { "Records given directly." }
                } @else {
                    ul.inputs {
                        @for i in &r.inputs {
                            li {
                                code { (i.name) } ": " (plural(i.records, "record", "records"))
                                @if i.skipped > 0 { span.warn { ", " (i.skipped) " lines skipped (not records)" } }
                            }
                        }
                    }
                }
                p {
                    (plural(s.documents, "document", "documents"))
                    @if s.duplicate_records > 0 { " (" (s.duplicate_records) " repeated records counted once)" }
                    @if s.documents_without_council == 1 { "; 1 names no council and is listed apart" }
                    @if s.documents_without_council > 1 { "; " (s.documents_without_council) " name no council and are listed apart" }
                    "."
                }
            }
            div {
                h3 { "Settings" }
                table.settings {
                    tbody {
                        tr { th { "Made on" } td { (page.generated.as_deref().unwrap_or("—")) } }
                        tr { th { "Similarity" } td { (sim.method) } }
                        tr { th { "Lowest similarity (--min-similarity)" } td { (format!("{:.2}", sim.min_similarity)) } }
                        tr { th { "Fewest councils for a recurring recommendation (--min-councils)" } td { (sim.min_councils) } }
                        tr { th { "Fewest content words to compare a text" } td { (sim.min_terms) } }
                        tr { th { "Kinds compared (--kind)" } td { (kinds) } }
                        tr { th { "Procedural resolutions" } td {
                            @if sim.include_procedural { "compared (--include-procedural)" }
                            @else { "left out: " (s.procedural_left_out) }
                        } }
                        @if s.other_kinds_left_out > 0 {
                            tr { th { "Other kinds left out" } td { (s.other_kinds_left_out) } }
                        }
                        tr { th { "Council from path (--council-from)" } td { (page.council_from.as_deref().unwrap_or("—")) } }
                    }
                }
            }
        }
    }
}

fn source_link(url: Option<&str>, document: &str, label: &str, page: &PageOptions) -> Markup {
    html! {
        @match links::href(url, document, page.links.as_ref()) {
            Some(h) => a href=(h) title=(document) { (label) },
            None => span title=(document) { (label) },
        }
    }
}

/// What a document is called in the report: its title, else its file name.
fn doc_label(title: Option<&str>, document: &str, n: usize) -> String {
    let name = title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| {
        document
            .trim_end_matches('/')
            .rsplit(['/', '\\'])
            .next()
            .filter(|n| !n.is_empty())
            .unwrap_or(document)
    });
    short(name, n)
}

fn num_td(v: impl std::fmt::Display) -> Markup {
    html! { td.num { (v) } }
}

fn councils(r: &Report) -> Markup {
    html! {
        div.scroll { table.sortable.compact #council-table {
            thead { tr {
                th { "Council" } th.num { "Docu\u{00ad}ments" } th.num { "Recom\u{00ad}men\u{00ad}dations" }
                th.num { "Peer" } th.num { "Officer" } th.num { "Reso\u{00ad}lution" } th.num { "Other" }
                th.num title="Recommendations not compared: procedural, or of kinds left out" { "Left out" }
                th.num { "Actions" } th.num { "Com\u{00ad}pleted" } th.num { "In progress" } th.num { "Remain\u{00ad}ing" }
                th.num { "Un\u{00ad}known" } th { "Share completed" } th.num { "Clus\u{00ad}ters" } th { "Dates" }
            } }
            tbody {
                @for c in &r.councils {
                    tr {
                        td.council title=(format!("grouped by {:?}", c.basis).to_lowercase()) {
                            (c.name) @if let Some(code) = &c.code { " " span.meta { (code) } }
                        }
                        (num_td(c.documents)) (num_td(c.recommendations.total))
                        (num_td(c.recommendations.peer)) (num_td(c.recommendations.officer))
                        (num_td(c.recommendations.resolution)) (num_td(c.recommendations.other))
                        (num_td(c.left_out))
                        (num_td(c.actions.total)) (num_td(c.actions.completed)) (num_td(c.actions.in_progress))
                        (num_td(c.actions.remaining)) (num_td(c.actions.unknown))
                        @match c.share_completed {
                            Some(s) => td.share data-sort=(s) {
                                span.bar style=(format!("width:{}px", (s * 60.0).round())) {}
                                (format!("{:.0}%", s * 100.0))
                            },
                            None => td data-sort="-1" { "—" },
                        }
                        (num_td(c.clusters))
                        td.dates data-sort=(c.first_date.as_deref().unwrap_or("")) {
                            (c.first_date.as_deref().unwrap_or(""))
                            @if c.last_date != c.first_date { " –" br; (c.last_date.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
        } }
    }
}

fn clusters(r: &Report, page: &PageOptions) -> Markup {
    html! {
        @if r.clusters.is_empty() {
            p { "No recommendation was made by several councils at this similarity." }
        } @else {
            table.sortable #cluster-table {
                thead { tr {
                    th.num { "#" } th { "Representative recommendation" } th.num { "Councils" }
                    th.num { "Members" } th.num { "Cohesion" } th { "Made by" }
                } }
                tbody {
                    @for c in &r.clusters {
                        tr {
                            (num_td(c.id))
                            td { (c.representative) }
                            (num_td(c.councils)) (num_td(c.size)) (num_td(format!("{:.2}", c.cohesion)))
                            td {
                                ul.members {
                                    @for m in &c.members {
                                        li {
                                            span.council { (m.council_name) } " — "
                                            (source_link(m.url.as_deref(), &m.document,
                                                &doc_label(m.title.as_deref(), &m.document, 60), page))
                                            @if let Some(d) = &m.date { span.meta { " " (d) } }
                                            @if let Some(id) = &m.id { span.meta { " · rec " (id) } }
                                            br;
                                            (m.text)
                                            span.meta { " (" (format!("{:.2}", m.similarity)) ")" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn stage_badge(s: Stage) -> Markup {
    let class = serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    html! { span class=(format!("stage {class}")) { (s.label()) } }
}

fn chain(c: &Chain, page: &PageOptions) -> Markup {
    html! {
        article.chain {
            h3 { (c.council_name) }
            ol {
                @for d in &c.documents {
                    li {
                        (stage_badge(d.stage)) " "
                        span.meta { (d.date.as_deref().unwrap_or("undated")) } " "
                        (source_link(d.url.as_deref(), &d.document, &doc_label(d.title.as_deref(), &d.document, 90), page))
                        span.meta { " — " (d.recommendations) " recommendations, " (d.actions) " actions, "
                            (d.completed) " completed" }
                    }
                }
            }
            @if !c.recommendations.is_empty() {
                p { (c.reappearing) " of " (c.recommendations.len()) " recommendations reappear later." }
                table.sortable {
                    thead { tr { th { "Id" } th { "Recommendation" } th { "Seen again" } } }
                    tbody {
                        @for f in &c.recommendations {
                            tr {
                                td { (f.id.as_deref().unwrap_or("")) }
                                td { (f.text) }
                                td data-sort=(f.later.len()) {
                                    @if f.later.is_empty() { span.meta { "not seen again" } }
                                    @for s in &f.later {
                                        div {
                                            (stage_badge(s.stage)) " as " (s.r#as)
                                            @if let Some(st) = s.status { " (" (status_words(st)) ")" }
                                            ": " (s.text)
                                            span.meta { " " (s.date.as_deref().unwrap_or("")) " (" (format!("{:.2}", s.similarity)) ")" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !c.completed.is_empty() {
                p { "Actions that moved to completed:" }
                ul {
                    @for m in &c.completed {
                        li {
                            (m.text) span.meta { " — " (status_words(m.from_status)) " on "
                                (m.from_date.as_deref().unwrap_or("?")) ", completed by " (m.to_date.as_deref().unwrap_or("?")) }
                        }
                    }
                }
            }
        }
    }
}

fn status_words(s: crate::model::ActionStatus) -> &'static str {
    use crate::model::ActionStatus::*;
    match s {
        Completed => "completed",
        InProgress => "in progress",
        Remaining => "remaining",
        Unknown => "status unknown",
    }
}

fn documents(r: &Report, page: &PageOptions) -> Markup {
    let (known, unknown): (Vec<_>, Vec<_>) =
        r.documents.iter().partition(|d| !d.council.is_empty());
    html! {
        table.sortable #document-table {
            thead { tr {
                th { "Council" } th { "Date" } th { "Document" } th { "Kind" } th { "Stage" }
                th.num { "Recom\u{00ad}men\u{00ad}dations" } th.num { "Actions" } th.num { "Themes" }
            } }
            tbody {
                @for d in &known {
                    tr {
                        td { (d.council_name) }
                        td.date { (d.date.as_deref().unwrap_or("")) }
                        td.doc {
                            (source_link(d.url.as_deref(), &d.document, &doc_label(d.title.as_deref(), &d.document, 90), page))
                            @if let Some(e) = &d.error { span.meta { " — not read: " (e) } }
                        }
                        td { (format!("{:?}", d.kind).to_lowercase()) }
                        td { @if let Some(s) = d.stage { (stage_badge(s)) } }
                        (num_td(d.recommendations)) (num_td(d.actions)) (num_td(d.themes))
                    }
                }
            }
        }
        @if !unknown.is_empty() {
            h3 #no-council { "Documents with no council" }
            p.note {
                "These name no council, and neither their URL nor a " code { "--council-from" } " rule tells it, so they are left out "
                "of every count, cluster and chain above. A rule such as " code { "--council-from dir" } " names the council from the folder."
            }
            table.sortable #unattributed-table {
                thead { tr {
                    th { "Date" } th { "Document" } th { "Kind" }
                    th.num { "Recom\u{00ad}men\u{00ad}dations" } th.num { "Actions" } th.num { "Themes" }
                } }
                tbody {
                    @for d in &unknown {
                        tr {
                            td.date { (d.date.as_deref().unwrap_or("")) }
                            td.doc {
                                (source_link(d.url.as_deref(), &d.document, &doc_label(d.title.as_deref(), &d.document, 90), page))
                                @if let Some(e) = &d.error { span.meta { " — not read: " (e) } }
                            }
                            td { (format!("{:?}", d.kind).to_lowercase()) }
                            (num_td(d.recommendations)) (num_td(d.actions)) (num_td(d.themes))
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_named_by_title_else_file_name() {
        assert_eq!(
            doc_label(Some("CPC feedback"), "a/b.pdf", 40),
            "CPC feedback"
        );
        assert_eq!(
            doc_label(None, "papers/rot/cpc-2024.pdf", 40),
            "cpc-2024.pdf"
        );
        assert_eq!(doc_label(Some("  "), "x.txt", 40), "x.txt");
        assert_eq!(
            doc_label(None, "https://h.example/ieDecisionDetails.aspx?ID=5", 40),
            "ieDecisionDetails.aspx?ID=5"
        );
    }
}
