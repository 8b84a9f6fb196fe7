//! The HTML report's structure: one self-contained page (no external scripts, styles, images
//! or fonts), an inline SVG heatmap with one cell per council and theme, the sortable tables,
//! and links back to the sources.

use councilrecs::compare::{Options, compare, input};
use councilrecs::output::html;
use scraper::{Html, Selector};

fn page() -> (councilrecs::compare::Report, String) {
    let path = "tests/data/multi-council.jsonl";
    let records = input::read_records(std::fs::File::open(path).expect("data"), path)
        .expect("records")
        .records;
    let report = compare(
        &records,
        &Options {
            council_from: Some("dir".parse().expect("rule")),
            ..Options::default()
        },
    );
    let html = html::render(&report, &html::PageOptions::default());
    (report, html)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

#[test]
fn report_is_self_contained() {
    let (_, text) = page();
    let doc = Html::parse_document(&text);
    assert!(text.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        doc.select(&sel("script[src], link, img, iframe, object, embed"))
            .count(),
        0
    );
    assert_eq!(doc.select(&sel("style")).count(), 1);
    assert_eq!(doc.select(&sel("script")).count(), 1);
    let external: Vec<_> = doc
        .select(&sel("[src], [srcset]"))
        .map(|e| e.value().clone())
        .collect();
    assert!(external.is_empty(), "external resources: {external:?}");
    let css = doc
        .select(&sel("style"))
        .next()
        .expect("style")
        .inner_html();
    assert!(!css.contains("@import") && !css.contains("url("));
    assert_eq!(doc.select(&sel("meta[charset]")).count(), 1);
}

#[test]
fn heatmap_has_a_cell_per_council_and_theme() {
    let (report, text) = page();
    let doc = Html::parse_document(&text);
    let svgs: Vec<_> = doc.select(&sel("#themes svg")).collect();
    assert_eq!(svgs.len(), 1);
    let m = &report.theme_matrix;
    let cells: Vec<_> = doc.select(&sel("#themes svg g.cell")).collect();
    assert_eq!(cells.len(), m.rows.len() * m.columns.len());
    assert_eq!(cells.len(), 8 * 6);
    assert_eq!(
        doc.select(&sel("#themes svg g.cell rect")).count(),
        cells.len()
    );
    // The Rotherham × financial planning cell shows its counts and is shaded darker than white.
    let rot_fin = cells
        .iter()
        .find(|g| {
            g.value().attr("data-council") == Some("ROT")
                && g.value().attr("data-theme") == Some("financial_planning_and_management")
        })
        .expect("cell");
    let label: String = rot_fin
        .select(&sel("text"))
        .next()
        .expect("text")
        .text()
        .collect();
    assert_eq!(label, "2 · 3");
    let fill = rot_fin
        .select(&sel("rect"))
        .next()
        .and_then(|r| r.value().attr("fill"))
        .expect("fill");
    assert_ne!(fill, "#f7fbff");
    // Row and column labels are drawn.
    let svg_text: String = svgs[0].text().collect();
    assert!(svg_text.contains("Rotherham") && svg_text.contains("Community wealth"));
}

#[test]
fn tables_are_sortable_and_link_to_sources() {
    let (report, text) = page();
    let doc = Html::parse_document(&text);
    for id in ["#council-table", "#cluster-table", "#document-table"] {
        let t = doc
            .select(&sel(&format!("table.sortable{id}")))
            .next()
            .unwrap_or_else(|| panic!("{id}"));
        assert!(t.select(&sel("thead th")).count() >= 6, "{id}");
    }
    assert_eq!(
        doc.select(&sel("#council-table tbody tr")).count(),
        report.councils.len()
    );
    assert_eq!(
        doc.select(&sel("#cluster-table tbody tr")).count(),
        report.clusters.len()
    );
    assert_eq!(
        doc.select(&sel("#document-table tbody tr")).count(),
        report.documents.len()
    );
    assert_eq!(
        doc.select(&sel("#cluster-table .members li")).count(),
        report.summary.clustered_recommendations
    );
    let script = doc
        .select(&sel("script"))
        .next()
        .expect("script")
        .inner_html();
    assert!(script.contains("table.sortable") && script.contains("aria-sort"));
    let hrefs: Vec<&str> = doc
        .select(&sel("a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(hrefs.contains(&"https://democracy.wirral.gov.uk/documents/s4/report.pdf"));
    assert!(hrefs.contains(&"papers/rotherham/doc-1.pdf"));
    for h in &hrefs {
        assert!(
            h.starts_with('#') || h.starts_with("https://") || h.starts_with("papers/"),
            "{h}"
        );
    }
    // The chains section names each stage.
    let chains: String = doc
        .select(&sel("#chains"))
        .next()
        .expect("chains")
        .text()
        .collect();
    assert!(
        chains.contains("Feedback report")
            && chains.contains("Action plan")
            && chains.contains("Progress review")
    );
    assert!(chains.contains("5 of 6 recommendations reappear later"));
}
