//! The `compare` report as one self-contained HTML file: inline CSS and script, an inline SVG
//! theme heatmap, sortable tables of councils, recurring recommendations, peer challenge
//! chains and documents, and links back to every source. Nothing is fetched when it is opened.

use crate::compare::Report;
use crate::compare::chain::{Chain, Stage};
use crate::compare::themes::ThemeMatrix;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::io::{self, Write};

const CSS: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("sort.js");

/// Writes the report as HTML.
pub fn write<W: Write>(report: &Report, mut out: W) -> io::Result<()> {
    out.write_all(render(report).as_bytes())?;
    out.flush()
}

/// The report as one HTML document.
pub fn render(r: &Report) -> String {
    let s = &r.summary;
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Council recommendations compared" }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { "Council recommendations compared" }
                    p.lede {
                        "Themes, recurring recommendations and progress on actions across "
                        (s.councils) " councils, from " (s.documents) " documents."
                    }
                    ul.stats {
                        li { b { (s.councils) } "councils" }
                        li { b { (s.documents) } "documents" }
                        li { b { (s.recommendations) } "recommendations" }
                        li { b { (s.actions) } "actions" }
                        li { b { (s.clusters) } "recurring recommendations" }
                        li { b { (s.chains) } "peer challenge chains" }
                    }
                    nav {
                        a href="#themes" { "Themes" }
                        a href="#councils" { "Councils" }
                        a href="#recurring" { "Recurring recommendations" }
                        a href="#chains" { "Peer challenge chains" }
                        a href="#documents" { "Documents" }
                    }
                }
                main {
                    section #themes {
                        h2 { "Themes by council" }
                        p.note {
                            "Each cell: recommendations · actions under the theme; the shade grows with both. "
                            "Hover a cell for the number of documents that list the theme."
                        }
                        (heatmap(&r.theme_matrix))
                    }
                    section #councils { h2 { "Councils" } (councils(r)) }
                    section #recurring {
                        h2 { "Recurring recommendations" }
                        p.note {
                            "Recommendations made by " (s.similarity.min_councils) " or more councils in different words: "
                            (s.similarity.method) ", cut at similarity " (format!("{:.2}", s.similarity.min_similarity)) "."
                        }
                        (clusters(r))
                    }
                    section #chains {
                        h2 { "Peer challenge chains" }
                        p.note { "Feedback report → action plan → progress review, by date and title." }
                        @if r.chains.is_empty() { p { "No peer challenge documents found." } }
                        @for c in &r.chains { (chain(c)) }
                    }
                    section #documents { h2 { "Documents" } (documents(r)) }
                }
                footer { "Made by councilrecs " (env!("CARGO_PKG_VERSION")) " compare." }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    page.into_string()
}

/// A link target for a source: http(s) URLs, else a local path; never another scheme.
fn href(url: Option<&str>, document: &str) -> Option<String> {
    if let Some(u) = url.and_then(|u| url::Url::parse(u).ok())
        && matches!(u.scheme(), "http" | "https")
    {
        return Some(u.to_string());
    }
    let has_scheme = url::Url::parse(document).is_ok_and(|u| u.scheme().len() > 1);
    (!document.is_empty() && !has_scheme).then(|| document.to_string())
}

fn source_link(url: Option<&str>, document: &str, label: &str) -> Markup {
    html! {
        @match href(url, document) {
            Some(h) => a href=(h) title=(document) { (label) },
            None => span title=(document) { (label) },
        }
    }
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A light-to-dark blue for `t` in `[0, 1]`.
fn shade(t: f64) -> String {
    const STOPS: [(f64, [f64; 3]); 5] = [
        (0.0, [247.0, 251.0, 255.0]),
        (0.25, [198.0, 219.0, 239.0]),
        (0.5, [107.0, 174.0, 214.0]),
        (0.75, [33.0, 113.0, 181.0]),
        (1.0, [8.0, 48.0, 107.0]),
    ];
    let t = t.clamp(0.0, 1.0);
    let k = STOPS.windows(2).position(|w| t <= w[1].0).unwrap_or(3);
    let ((t0, a), (t1, b)) = (STOPS[k], STOPS[k + 1]);
    let f = if t1 > t0 { (t - t0) / (t1 - t0) } else { 0.0 };
    let c: Vec<u8> = (0..3)
        .map(|i| (a[i] + (b[i] - a[i]) * f).round() as u8)
        .collect();
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// Splits a label into lines of at most `width` characters.
fn wrap(label: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match out.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= width => {
                l.push(' ');
                l.push_str(word);
            }
            _ => out.push(short(word, width)),
        }
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(l) = out.last_mut() {
            *l = short(&format!("{l} …"), width);
        }
    }
    out
}

fn heatmap(m: &ThemeMatrix) -> Markup {
    const LEFT: usize = 220;
    const TOP: usize = 100;
    const ROW: usize = 30;
    // Narrower columns when there are many themes, so that the map fits a laptop screen.
    let col = (1080 / m.columns.len().max(1)).clamp(76, 120);
    let chars = col / 7;
    let width = LEFT + col * m.columns.len() + 10;
    let height = TOP + ROW * m.rows.len() + 10;
    let max = m
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.recommendations + c.actions))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    html! {
        div.heatmap {
            svg width=(width) height=(height) viewBox=(format!("0 0 {width} {height}")) role="img"
                aria-label="Heatmap of recommendations and actions by council and theme" {
                @for (j, column) in m.columns.iter().enumerate() {
                    @let x = LEFT + col * j + col / 2;
                    text x=(x) y=(TOP - 8 - 15 * (wrap(&column.label, chars, 4).len() - 1)) text-anchor="middle"
                        font-size="12" fill=(if column.canonical { "#1b1f24" } else { "#6e4b00" }) {
                        @for (k, line) in wrap(&column.label, chars, 4).iter().enumerate() {
                            tspan x=(x) dy=(if k == 0 { 0 } else { 15 }) { (line) }
                        }
                        title { (column.label) @if !column.canonical { " (council-specific theme)" } }
                    }
                }
                @for (i, row) in m.rows.iter().enumerate() {
                    @let y = TOP + ROW * i;
                    text x=(LEFT - 8) y=(y + ROW / 2 + 4) text-anchor="end" font-size="13" fill="#1b1f24" {
                        (short(&row.council_name, 30))
                        title { (row.council_name) " (" (row.council) ")" }
                    }
                    @for (j, cell) in row.cells.iter().enumerate() {
                        @let v = (cell.recommendations + cell.actions) as f64;
                        @let t = v / max;
                        @let x = LEFT + col * j;
                        g.cell data-council=(row.council) data-theme=(m.columns[j].id) {
                            rect x=(x + 1) y=(y + 1) width=(col - 2) height=(ROW - 2) rx="3"
                                fill=(shade(t)) stroke=(if cell.documents > 0 { "#8c959f" } else { "#eaeef2" }) {}
                            text x=(x + col / 2) y=(y + ROW / 2 + 4) text-anchor="middle" font-size="12"
                                fill=(if t > 0.55 { "#ffffff" } else { "#1b1f24" }) {
                                @if v > 0.0 || cell.documents > 0 { (cell.recommendations) " · " (cell.actions) }
                            }
                            title {
                                (row.council_name) " — " (m.columns[j].label) ": "
                                (cell.recommendations) " recommendations, " (cell.actions) " actions, listed in "
                                (cell.documents) " documents"
                            }
                        }
                    }
                }
            }
        }
        div.legend {
            "fewer" span.swatch {} "more recommendations and actions"
            " · outlined: a document of the council lists the theme · brown headings: council-specific themes"
        }
    }
}

fn num_td(v: impl std::fmt::Display) -> Markup {
    html! { td.num { (v) } }
}

fn councils(r: &Report) -> Markup {
    html! {
        div.scroll { table.sortable #council-table {
            thead { tr {
                th { "Council" } th { "Code" } th.num { "Documents" } th.num { "Recommendations" }
                th.num { "Peer" } th.num { "Officer" } th.num { "Resolution" } th.num { "Other" }
                th.num { "Actions" } th.num { "Completed" } th.num { "In progress" } th.num { "Remaining" }
                th.num { "Unknown" } th { "Share completed" } th.num { "Clusters" } th { "From" } th { "To" }
            } }
            tbody {
                @for c in &r.councils {
                    tr {
                        td.council title=(format!("grouped by {:?}", c.basis).to_lowercase()) { (c.name) }
                        td { (c.code.as_deref().unwrap_or("")) }
                        (num_td(c.documents)) (num_td(c.recommendations.total))
                        (num_td(c.recommendations.peer)) (num_td(c.recommendations.officer))
                        (num_td(c.recommendations.resolution)) (num_td(c.recommendations.other))
                        (num_td(c.actions.total)) (num_td(c.actions.completed)) (num_td(c.actions.in_progress))
                        (num_td(c.actions.remaining)) (num_td(c.actions.unknown))
                        @match c.share_completed {
                            Some(s) => td data-sort=(s) {
                                span.bar style=(format!("width:{}px", (s * 80.0).round())) {}
                                (format!("{:.0}%", s * 100.0))
                            },
                            None => td data-sort="-1" { "—" },
                        }
                        (num_td(c.clusters))
                        td { (c.first_date.as_deref().unwrap_or("")) }
                        td { (c.last_date.as_deref().unwrap_or("")) }
                    }
                }
            }
        } }
    }
}

fn clusters(r: &Report) -> Markup {
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
                                                &short(m.title.as_deref().unwrap_or(&m.document), 60)))
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

fn chain(c: &Chain) -> Markup {
    html! {
        article.chain {
            h3 { (c.council_name) }
            ol {
                @for d in &c.documents {
                    li {
                        (stage_badge(d.stage)) " "
                        span.meta { (d.date.as_deref().unwrap_or("undated")) } " "
                        (source_link(d.url.as_deref(), &d.document, d.title.as_deref().unwrap_or(&d.document)))
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
                                            @if let Some(st) = s.status { " (" (format!("{st:?}").to_lowercase()) ")" }
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
                            (m.text) span.meta { " — " (format!("{:?}", m.from_status).to_lowercase()) " on "
                                (m.from_date.as_deref().unwrap_or("?")) ", completed by " (m.to_date.as_deref().unwrap_or("?")) }
                        }
                    }
                }
            }
        }
    }
}

fn documents(r: &Report) -> Markup {
    html! {
        table.sortable #document-table {
            thead { tr {
                th { "Council" } th { "Date" } th { "Document" } th { "Kind" } th { "Stage" }
                th.num { "Recommendations" } th.num { "Actions" } th.num { "Themes" }
            } }
            tbody {
                @for d in &r.documents {
                    tr {
                        td { (d.council_name) }
                        td { (d.date.as_deref().unwrap_or("")) }
                        td {
                            (source_link(d.url.as_deref(), &d.document, &short(d.title.as_deref().unwrap_or(&d.document), 90)))
                            @if let Some(e) = &d.error { span.meta { " — not read: " (e) } }
                        }
                        td { (format!("{:?}", d.kind).to_lowercase()) }
                        td { @if let Some(s) = d.stage { (stage_badge(s)) } }
                        (num_td(d.recommendations)) (num_td(d.actions)) (num_td(d.themes))
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
    fn links_only_to_web_urls_and_paths() {
        assert_eq!(
            href(Some("https://a.gov.uk/x?y=1"), "p"),
            Some("https://a.gov.uk/x?y=1".into())
        );
        assert_eq!(
            href(Some("javascript:alert(1)"), "docs/a.pdf"),
            Some("docs/a.pdf".into())
        );
        assert_eq!(href(None, "javascript:alert(1)"), None);
        assert_eq!(href(None, ""), None);
    }

    #[test]
    fn shades_run_light_to_dark() {
        assert_eq!(shade(0.0), "#f7fbff");
        assert_eq!(shade(1.0), "#08306b");
        assert_eq!(
            wrap("Financial planning and management", 17, 3),
            ["Financial", "planning and", "management"]
        );
    }
}
