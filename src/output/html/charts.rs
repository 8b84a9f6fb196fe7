//! The report's charts, as inline SVG that scales down to the page's width: the council ×
//! theme heatmap with a stepped colour scale and its legend, actions by status per council
//! (how far each council has got), and recommendations by theme and kind.

use crate::compare::councils::{ByKind, CouncilSummary};
use crate::compare::themes::ThemeMatrix;
use maud::{Markup, html};

/// The heatmap's classes, light to dark; zero has a grey of its own.
pub const CLASSES: [&str; 6] = [
    "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84",
];
/// The fill of a cell with nothing in it.
pub const EMPTY: &str = "#f3f4f6";

/// The class (1 to 6) of `v` on a square-root scale up to `max`, or 0 for nothing, so that
/// small counts are told apart from none and from each other.
pub fn class(v: usize, max: usize) -> usize {
    if v == 0 || max == 0 {
        return 0;
    }
    let t = (v as f64 / max as f64).sqrt();
    ((t * CLASSES.len() as f64).ceil() as usize).clamp(1, CLASSES.len())
}

/// The fill of class `k`.
pub fn fill(k: usize) -> &'static str {
    k.checked_sub(1)
        .and_then(|i| CLASSES.get(i))
        .copied()
        .unwrap_or(EMPTY)
}

/// The values each class holds up to `max`, as `(class, lowest, highest)`, leaving out
/// classes no whole number falls in.
pub fn legend_ranges(max: usize) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for v in 1..=max {
        let k = class(v, max);
        match out.last_mut() {
            Some(last) if last.0 == k => last.2 = v,
            _ => out.push((k, v, v)),
        }
    }
    out
}

/// `s` cut to `n` characters with an ellipsis.
pub fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Longest column heading drawn in full; longer ones are cut, with the whole name on hover.
const HEADING_CHARS: usize = 40;

/// The width of `s` in pixels at 12 px, near enough to lay headings out.
fn text_width(s: &str) -> usize {
    s.chars().count() * 13 / 2
}

/// The council × theme heatmap. Column headings are drawn whole, slanted at 45°, so that long
/// theme names stay readable however many columns there are.
pub fn heatmap(m: &ThemeMatrix) -> Markup {
    const LEFT: usize = 190;
    const ROW: usize = 30;
    let col = (1000usize.saturating_sub(LEFT) / m.columns.len().max(1)).clamp(56, 110);
    let headings: Vec<String> = m
        .columns
        .iter()
        .map(|c| short(&c.label, HEADING_CHARS))
        .collect();
    // A 45° heading rises and reaches right by its length over √2.
    let reach = |s: &String| text_width(s) * 71 / 100;
    let top = 20 + headings.iter().map(reach).max().unwrap_or(0);
    let width = headings
        .iter()
        .enumerate()
        .map(|(j, h)| LEFT + col * j + col / 2 + reach(h) + 12)
        .chain(std::iter::once(LEFT + col * m.columns.len() + 8))
        .max()
        .unwrap_or(LEFT);
    let height = top + ROW * m.rows.len() + 8;
    let max = m
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.recommendations + c.actions))
        .max()
        .unwrap_or(0);
    html! {
        figure.chart #heatmap {
            svg.heatmap width=(width) height=(height) viewBox=(format!("0 0 {width} {height}"))
                style=(format!("max-width:{width}px")) role="img"
                aria-label="Heatmap of recommendations and actions by council and theme" {
                @for (j, column) in m.columns.iter().enumerate() {
                    @let x = LEFT + col * j + col / 2;
                    @let y = top - 8;
                    text.colhead x=(x) y=(y) transform=(format!("rotate(-45 {x} {y})")) font-size="12"
                        fill=(if column.canonical { "#1b1f24" } else { "#7a4f00" }) {
                        (headings[j])
                        title { (column.label) @if !column.canonical { " (council-specific theme)" } }
                    }
                }
                @for (i, row) in m.rows.iter().enumerate() {
                    @let y = top + ROW * i;
                    text.rowhead x=(LEFT - 8) y=(y + ROW / 2 + 4) text-anchor="end" font-size="13" fill="#1b1f24" {
                        (short(&row.council_name, 26))
                        title { (row.council_name) " (" (row.council) ")" }
                    }
                    @for (j, cell) in row.cells.iter().enumerate() {
                        @let v = cell.recommendations + cell.actions;
                        @let k = class(v, max);
                        @let x = LEFT + col * j;
                        g.cell data-council=(row.council) data-theme=(m.columns[j].id) data-class=(k) {
                            rect x=(x + 1) y=(y + 1) width=(col - 2) height=(ROW - 2) rx="3"
                                fill=(fill(k)) stroke=(if cell.documents > 0 { "#57606a" } else { "#e5e7eb" })
                                stroke-width=(if cell.documents > 0 { "1.5" } else { "1" }) {}
                            text x=(x + col / 2) y=(y + ROW / 2 + 4) text-anchor="middle" font-size="12"
                                fill=(if k >= 4 { "#ffffff" } else { "#1b1f24" }) {
                                @if v > 0 || cell.documents > 0 { (cell.recommendations) " · " (cell.actions) }
                            }
                            title {
                                (row.council_name) " — " (m.columns[j].label) ": "
                                (cell.recommendations) " recommendations, " (cell.actions) " actions; listed in "
                                (cell.documents) " of the council's documents"
                            }
                        }
                    }
                }
            }
            figcaption {
                div.legend role="list" aria-label="Colour scale: recommendations and actions in a cell" {
                    span.legend-title { "Recommendations + actions in a cell:" }
                    span.key role="listitem" { span.swatch style=(format!("background:{EMPTY}")) {} "none" }
                    @for (k, lo, hi) in legend_ranges(max) {
                        span.key role="listitem" {
                            span.swatch style=(format!("background:{}", fill(k))) {}
                            @if lo == hi { (lo) } @else { (lo) "–" (hi) }
                        }
                    }
                }
                p.note {
                    "Each cell reads recommendations · actions. A dark outline: one of the council's documents lists the theme. "
                    "Brown headings are council-specific themes. Hover a cell for its counts."
                }
            }
        }
    }
}

/// The colours of action statuses and recommendation kinds in the bar charts.
const STATUS: [(&str, &str); 4] = [
    ("Completed", "#2e7d32"),
    ("In progress", "#f0a30a"),
    ("Remaining", "#c62828"),
    ("Unknown", "#9aa4ae"),
];
const KINDS: [(&str, &str); 4] = [
    ("Peer", "#6a3d9a"),
    ("Officer", "#1f78b4"),
    ("Resolution", "#33a02c"),
    ("Other", "#b2b2b2"),
];

fn legend(items: &[(&str, &str)], label: &str) -> Markup {
    html! {
        div.legend role="list" aria-label=(label) {
            @for (name, colour) in items {
                span.key role="listitem" { span.swatch style=(format!("background:{colour}")) {} (name) }
            }
        }
    }
}

/// One horizontal bar of segments; `scale` is the width of one unit.
struct Bar<'a> {
    label: &'a str,
    segments: [usize; 4],
    note: String,
}

fn bars(
    id: &str,
    aria: &str,
    rows: &[Bar],
    colours: &[(&str, &str); 4],
    proportional: bool,
) -> Markup {
    const LEFT: usize = 250;
    const PLOT: usize = 540;
    const ROW: usize = 26;
    let width = LEFT + PLOT + 210;
    let height = ROW * rows.len().max(1) + 8;
    let max = rows
        .iter()
        .map(|r| r.segments.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    html! {
        svg.bars #(id) width=(width) height=(height) viewBox=(format!("0 0 {width} {height}"))
            style=(format!("max-width:{width}px")) role="img" aria-label=(aria) {
            @for (i, r) in rows.iter().enumerate() {
                @let y = 4 + ROW * i;
                @let total: usize = r.segments.iter().sum();
                @let unit = if proportional { PLOT as f64 / total.max(1) as f64 } else { PLOT as f64 / max as f64 };
                g.bar data-label=(r.label) data-total=(total) {
                    text x=(LEFT - 8) y=(y + 16) text-anchor="end" font-size="12" fill="#1b1f24" {
                        (short(r.label, 34)) title { (r.label) }
                    }
                    @let mut x = LEFT as f64;
                    @for (k, n) in r.segments.iter().enumerate() {
                        @if *n > 0 {
                            @let w = *n as f64 * unit;
                            rect x=(format!("{x:.1}")) y=(y + 3) width=(format!("{w:.1}")) height=(ROW - 8)
                                fill=(colours[k].1) data-part=(colours[k].0) {
                                title { (r.label) " — " (colours[k].0) ": " (n) }
                            }
                            ({ x += w; "" })
                        }
                    }
                    @if total == 0 {
                        rect x=(LEFT) y=(y + 3) width=(PLOT) height=(ROW - 8) fill="none" stroke="#d0d7de" stroke-dasharray="4 3" {}
                    }
                    text x=(format!("{:.1}", if proportional { (LEFT + PLOT) as f64 } else { x }  + 8.0)) y=(y + 16)
                        font-size="12" fill="#57606a" { (r.note) }
                }
            }
        }
    }
}

/// How far each council has got: its actions by status, as shares of a full-width bar.
pub fn progress(councils: &[CouncilSummary]) -> Markup {
    let rows: Vec<Bar> = councils
        .iter()
        .filter(|c| c.actions.total > 0)
        .map(|c| {
            let a = &c.actions;
            Bar {
                label: &c.name,
                segments: [a.completed, a.in_progress, a.remaining, a.unknown],
                note: format!(
                    "{} of {} completed ({:.0}%)",
                    a.completed,
                    a.total,
                    c.share_completed.unwrap_or(0.0) * 100.0
                ),
            }
        })
        .collect();
    let without: Vec<&str> = councils
        .iter()
        .filter(|c| c.actions.total == 0)
        .map(|c| c.name.as_str())
        .collect();
    html! {
        figure.chart #progress-chart {
            @if rows.is_empty() {
                p { "No council's documents list actions." }
            } @else {
                (bars("progress-bars", "Actions by status for each council", &rows, &STATUS, true))
            }
            figcaption {
                (legend(&STATUS, "Action status"))
                p.note {
                    "Each bar is one council's actions, across all its documents, by the status last given. "
                    @if !without.is_empty() { "No actions found for: " (without.join(", ")) "." }
                }
            }
        }
    }
}

/// Recommendations under each theme of the matrix (and under none), by kind.
pub fn themes_by_kind(m: &ThemeMatrix) -> Markup {
    let split = |k: &ByKind| [k.peer, k.officer, k.resolution, k.other];
    let mut rows: Vec<Bar> = m
        .columns
        .iter()
        .map(|c| Bar {
            label: &c.label,
            segments: split(&c.by_kind),
            note: format!("{} from {} councils", c.by_kind.total, c.councils),
        })
        .collect();
    rows.push(Bar {
        label: "No theme",
        segments: split(&m.unassigned_by_kind),
        note: format!("{}", m.unassigned_by_kind.total),
    });
    html! {
        figure.chart #kind-chart {
            (bars("kind-bars", "Recommendations by theme and kind", &rows, &KINDS, false))
            figcaption {
                (legend(&KINDS, "Recommendation kind"))
                p.note {
                    "Recommendations compared, across all councils, under the theme their words fall under; "
                    "\u{201c}from N councils\u{201d} counts the councils with any document or item under the theme."
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_grow_with_the_value_and_zero_stands_apart() {
        assert_eq!(class(0, 10), 0);
        assert_eq!(class(1, 10), 2);
        assert_eq!(class(10, 10), 6);
        assert!(class(3, 10) < class(8, 10));
        assert_eq!(fill(0), EMPTY);
        assert_eq!(fill(6), "#0c2c84");
        assert_eq!(legend_ranges(4), [(3, 1, 1), (5, 2, 2), (6, 3, 4)]);
        assert!(legend_ranges(0).is_empty());
        // Every value up to the maximum is in exactly one range.
        let r = legend_ranges(37);
        assert_eq!(r.first().map(|x| x.1), Some(1));
        assert_eq!(r.last().map(|x| x.2), Some(37));
        assert!(
            r.windows(2)
                .all(|w| w[0].2 + 1 == w[1].1 && w[0].0 < w[1].0)
        );
    }

    #[test]
    fn labels_wrap_and_shorten() {
        assert_eq!(short("Organisational leadership", 10), "Organisat…");
    }
}
