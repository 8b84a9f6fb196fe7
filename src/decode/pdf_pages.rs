//! Pages of lines to the document's normalised text: running headers and footers removed,
//! paragraphs rebuilt, line-end hyphens joined, items split by a page break joined back, and
//! each page's start recorded.
//!
//! Lines come either with their geometry (the built-in reader) or as plain text (`pdftotext`);
//! without geometry, a blank line or a label starts a paragraph and other lines continue it.

use super::normalise::TextBuilder;
use super::pdf_layout::Line;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// One page's lines in reading order.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    pub lines: Vec<Line>,
    /// Page height, or 0 when the lines carry no geometry.
    pub height: f32,
}

impl PageText {
    fn geometry(&self) -> bool {
        self.height > 0.0
    }
}

/// A label or bullet that starts an item: `1.`, `(ii)`, `a)`, `A:`, `7.1`, `Recommendation 3`,
/// a number followed by a tab, or a bullet.
static ITEM_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            \(\s?(?:\d{1,3}|[ivxlc]{1,6}|[IVXLC]{1,6}|[a-zA-Z])\s?\)
          | (?:\d{1,3}|[ivxlc]{1,6}|[IVXLC]{1,6}|[a-zA-Z])[.):](?:\s|$)
          | \d{1,3}(?:\.\d{1,3})+\.?(?:\s|$)
          | \d{1,3}(?:\t|\s{2,})
          | (?i:recommendation|rec)\s+\d{1,3}\b
          | [•·▪◦‣∙●○■□➢►§]\s*
          | [-–—o]\s
        )",
    )
    .unwrap()
});

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:page\s*)?\#(?:\s*(?:of|/)\s*\#)?
          | [-–—]\s*\#\s*[-–—]
          | \#\s*\|\s*page
          | page\s*\|\s*\#
        )$",
    )
    .unwrap()
});

static PAGE_X_OF_Y: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bpage\s+\d+\s+(?:of|/)\s+\d+\b").unwrap());

static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").unwrap());

/// A line's identity for spotting running headers: case, spacing and numbers aside.
fn furniture_key(s: &str) -> String {
    let lower = s.to_lowercase();
    let hashed = DIGITS.replace_all(&lower, "#");
    hashed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Indices of the lines that may be running headers (`top`) or footers.
fn bands(page: &PageText) -> (Vec<usize>, Vec<usize>) {
    let n = page.lines.len();
    if !page.geometry() {
        return ((0..n.min(2)).collect(), (n.saturating_sub(3)..n).collect());
    }
    let h = page.height;
    let mut by_y: Vec<usize> = (0..n).collect();
    by_y.sort_by(|&a, &b| page.lines[a].baseline.total_cmp(&page.lines[b].baseline));
    let top = by_y
        .iter()
        .copied()
        .enumerate()
        .filter(|&(k, i)| page.lines[i].baseline < 0.1 * h || k == 0)
        .map(|(_, i)| i)
        .take(4)
        .collect();
    let bottom = by_y
        .iter()
        .rev()
        .copied()
        .enumerate()
        .filter(|&(k, i)| page.lines[i].baseline > 0.9 * h || k == 0)
        .map(|(_, i)| i)
        .take(4)
        .collect();
    (top, bottom)
}

/// Removes page numbers and lines repeated at the top or bottom of most pages.
pub fn remove_furniture(pages: &mut [PageText]) {
    let bands: Vec<(Vec<usize>, Vec<usize>)> = pages.iter().map(bands).collect();
    let mut counts: [HashMap<String, usize>; 2] = [HashMap::new(), HashMap::new()];
    for (page, (top, bottom)) in pages.iter().zip(&bands) {
        for (side, idx) in [top, bottom].into_iter().enumerate() {
            let keys: HashSet<String> = idx
                .iter()
                .map(|&i| furniture_key(&page.lines[i].text))
                .collect();
            for k in keys {
                *counts[side].entry(k).or_default() += 1;
            }
        }
    }
    let n = pages.len();
    let repeated = |side: usize, key: &str| {
        counts[side]
            .get(key)
            .is_some_and(|&c| c >= 2 && c * 2 >= n && !key.is_empty())
    };
    for (page, (top, bottom)) in pages.iter_mut().zip(bands) {
        let body = body_size(page);
        let mut drop: HashSet<usize> = HashSet::new();
        for (side, idx) in [top, bottom].into_iter().enumerate() {
            for i in idx {
                let line = &page.lines[i];
                let key = furniture_key(&line.text);
                let short = line.text.chars().count() <= 120;
                if PAGE_NUMBER.is_match(&key)
                    || short && PAGE_X_OF_Y.is_match(&line.text)
                    || short && repeated(side, &key)
                    || short && in_margin(page, i, body)
                {
                    drop.insert(i);
                }
            }
        }
        let mut k = 0;
        page.lines.retain(|_| {
            k += 1;
            !drop.contains(&(k - 1))
        });
    }
}

/// The font size of most of the page's text.
fn body_size(page: &PageText) -> f32 {
    let mut sizes: Vec<f32> = page.lines.iter().map(|l| l.size).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(0.0)
}

/// A line in the top or bottom tenth of the page, set smaller than the body text and well
/// apart from it: a running header or footer even on a page of its own.
fn in_margin(page: &PageText, i: usize, body: f32) -> bool {
    if !page.geometry() {
        return false;
    }
    let line = &page.lines[i];
    let h = page.height;
    let top = line.baseline < 0.1 * h;
    if !(top || line.baseline > 0.9 * h) || line.size >= 0.92 * body {
        return false;
    }
    // The nearest line on the body side of this one.
    let nearest = page
        .lines
        .iter()
        .filter(|o| o.size >= 0.92 * body)
        .map(|o| {
            if top {
                o.baseline - line.baseline
            } else {
                line.baseline - o.baseline
            }
        })
        .filter(|d| *d > 0.0)
        .fold(f32::MAX, f32::min);
    nearest > 2.0 * body
}

/// A bold line after a plain one starts a heading.
fn opens_heading(prev: &Line, line: &Line) -> bool {
    line.bold && !prev.bold
}

fn ends_sentence(s: &str) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    t.ends_with(['.', ':', ';', '!', '?'])
}

fn starts_item(s: &str) -> bool {
    ITEM_START.is_match(s.trim_start())
}

/// Words seen anywhere in the document, to decide whether a line-end hyphen is part of the word.
fn vocabulary(pages: &[PageText]) -> HashSet<String> {
    let mut v = HashSet::new();
    for p in pages {
        for l in &p.lines {
            for w in l.text.split_whitespace() {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                if !w.is_empty() {
                    v.insert(w.to_lowercase());
                }
            }
        }
    }
    v
}

/// Joins the next line to a paragraph, mending a word broken by a line-end hyphen.
fn join_line(para: &mut String, next: &str, vocab: &HashSet<String>) {
    let next = next.trim_start();
    let stem_start = para
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let last_word = &para[stem_start..];
    let head = last_word
        .strip_suffix(['-', '\u{ad}'])
        .filter(|h| h.chars().count() >= 2 && h.chars().last().is_some_and(char::is_alphabetic));
    let broken = head.is_some() && next.chars().next().is_some_and(char::is_lowercase);
    if let (true, Some(head)) = (broken, head) {
        let head = head.to_string();
        let tail: String = next
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        let hyphenated = format!("{}-{}", head, tail).to_lowercase();
        let joined = format!("{head}{tail}").to_lowercase();
        // Office documents break lines at the hyphens of compounds ("medium-term"); a word
        // hyphenated only to fit the line is recognised when it is printed whole elsewhere.
        let keep_hyphen =
            last_word.ends_with('-') && (vocab.contains(&hyphenated) || !vocab.contains(&joined));
        para.truncate(para.len() - last_word.len());
        para.push_str(&head);
        if keep_hyphen {
            para.push('-');
        }
        para.push_str(next);
        return;
    }
    if !para.is_empty() && !para.ends_with(char::is_whitespace) {
        para.push(' ');
    }
    para.push_str(next);
}

/// A paragraph or table row ready to write.
struct Para {
    text: String,
    indent: usize,
    row: bool,
    /// Page breaks that came before this paragraph started.
    pages_before: usize,
}

/// Indentation levels of labelled paragraphs, from how far their labels sit from the margin.
fn indent_levels(pages: &[PageText]) -> Vec<f32> {
    let mut offsets: Vec<f32> = pages
        .iter()
        .filter(|p| p.geometry())
        .flat_map(|p| p.lines.iter())
        .filter(|l| !l.row && starts_item(&l.text))
        .map(|l| l.x0 - l.flow_left)
        .collect();
    offsets.sort_by(f32::total_cmp);
    let mut levels: Vec<f32> = Vec::new();
    for o in offsets {
        if levels.last().is_none_or(|&l| o - l > 6.0) {
            levels.push(o);
        }
    }
    levels
}

/// The usual distance between the baselines of two lines of one paragraph on a page.
fn line_step(page: &PageText) -> f32 {
    let mut deltas: Vec<f32> = page
        .lines
        .windows(2)
        .filter(|w| !w[1].starts_flow && !w[0].row && !w[1].row)
        .map(|w| w[1].baseline - w[0].baseline)
        .filter(|d| *d > 0.0)
        .collect();
    if deltas.is_empty() {
        return 0.0;
    }
    deltas.sort_by(f32::total_cmp);
    deltas[deltas.len() / 4]
}

/// Whether `line` continues the paragraph whose last line is `prev` (on the same page).
fn continues(prev: &Line, line: &Line, para: &str, step: f32, geometry: bool) -> bool {
    if line.row || prev.row || starts_item(&line.text) {
        return false;
    }
    if !geometry {
        return !line.starts_flow;
    }
    if line.starts_flow {
        return !ends_sentence(para) && !opens_heading(prev, line);
    }
    if prev.bold != line.bold || (prev.size - line.size).abs() > 1.0 {
        return false;
    }
    let gap = line.baseline - prev.baseline;
    let step = if step > 0.0 { step } else { 1.25 * line.size };
    if gap <= 0.0 || gap > 1.35 * step {
        return false;
    }
    // A line that stopped short although the next word would have fitted ended its paragraph.
    let room = prev.flow_right - prev.x1;
    room <= line.first_word + 0.35 * line.size
}

/// Builds the text of the document from its pages.
pub fn assemble(mut pages: Vec<PageText>) -> (String, Vec<usize>) {
    remove_furniture(&mut pages);
    let vocab = vocabulary(&pages);
    let levels = indent_levels(&pages);
    let mut paras: Vec<Para> = Vec::new();
    let mut prev: Option<Line> = None;
    let mut pending_pages = 0usize;
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            pending_pages += 1;
        }
        let step = line_step(page);
        for (k, line) in page.lines.iter().enumerate() {
            let text = line.text.trim();
            if text.is_empty() {
                continue;
            }
            let joined = match (&prev, paras.last_mut()) {
                (Some(p), Some(para)) => {
                    let cont = if k == 0 && n > 0 {
                        // Across a page break: an unfinished sentence continues, unless the
                        // next page opens with a label, a heading or a table.
                        pending_pages == 1
                            && !line.row
                            && !p.row
                            && !starts_item(text)
                            && !ends_sentence(&para.text)
                            && !opens_heading(p, line)
                    } else {
                        continues(p, line, &para.text, step, page.geometry())
                    };
                    if cont {
                        join_line(&mut para.text, text, &vocab);
                    }
                    cont
                }
                _ => false,
            };
            if !joined {
                let indent = if !line.row && starts_item(text) && page.geometry() {
                    let off = line.x0 - line.flow_left;
                    levels.iter().rposition(|&l| off + 6.0 > l).unwrap_or(0)
                } else {
                    0
                };
                paras.push(Para {
                    text: text.to_string(),
                    indent,
                    row: line.row,
                    pages_before: std::mem::take(&mut pending_pages),
                });
            }
            prev = Some(line.clone());
        }
    }
    let mut out = TextBuilder::with_capacity(paras.iter().map(|p| p.text.len() + 8).sum());
    let mut prev_row = false;
    for p in &paras {
        for _ in 0..p.pages_before {
            out.page_break();
        }
        if p.row && prev_row && p.pages_before == 0 {
            out.line_break();
        } else {
            out.paragraph_break();
        }
        out.push_str(&"    ".repeat(p.indent));
        out.push_str(&p.text);
        prev_row = p.row;
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, baseline: f32) -> Line {
        Line {
            text: text.into(),
            x0: 72.0,
            x1: 72.0 + 6.0 * text.chars().count() as f32,
            baseline,
            size: 11.0,
            bold: false,
            row: false,
            flow_left: 72.0,
            flow_right: 520.0,
            starts_flow: false,
            first_word: 6.0 * text.split(' ').next().unwrap_or("").chars().count() as f32,
        }
    }

    fn page(lines: Vec<Line>) -> PageText {
        PageText {
            lines,
            height: 842.0,
        }
    }

    #[test]
    fn running_headers_and_page_numbers_go() {
        let mk = |n: usize, body: &str| {
            page(vec![
                line("Cabinet – 13 February 2025", 40.0),
                line(body, 100.0),
                line(&format!("Page {n} of 2"), 800.0),
            ])
        };
        let (text, pages) = assemble(vec![mk(1, "First page text."), mk(2, "Second page text.")]);
        assert_eq!(text, "First page text.\n\nSecond page text.");
        assert_eq!(pages, vec![18]);
    }

    #[test]
    fn item_split_by_a_page_break_is_joined() {
        let p1 = page(vec![
            line("RESOLVED:", 100.0),
            line(
                "1. That the relationship manager be authorised to procure a new relation-",
                130.0,
            ),
            line("Page 1 of 2", 800.0),
        ]);
        let p2 = page(vec![
            line("ship management system.", 90.0),
            line("2. That progress be reported annually.", 120.0),
            line("Page 2 of 2", 800.0),
        ]);
        let (text, pages) = assemble(vec![p1, p2]);
        assert_eq!(
            text,
            "RESOLVED:\n\n1. That the relationship manager be authorised to procure a new \
             relationship management system.\n\n2. That progress be reported annually."
        );
        // Page 2 starts at the first paragraph that begins on it.
        assert_eq!(&text[pages[0]..pages[0] + 2], "2.");
    }

    #[test]
    fn hyphens_of_compounds_stay() {
        let vocab: HashSet<String> = ["recommendation".to_string()].into_iter().collect();
        let mut s = "the medium-".to_string();
        join_line(&mut s, "term plan", &vocab);
        assert_eq!(s, "the medium-term plan");
        let mut s = "the recom-".to_string();
        join_line(&mut s, "mendation", &vocab);
        assert_eq!(s, "the recommendation");
        let mut s = "a soft\u{ad}".to_string();
        join_line(&mut s, "ware fix", &vocab);
        assert_eq!(s, "a software fix");
    }

    #[test]
    fn paragraphs_from_gaps_and_short_lines() {
        let mut a = line(
            "The report set out progress in the second year of the strategy, including",
            100.0,
        );
        a.x1 = 519.0;
        let b = line("the growth of the creative sector.", 114.0);
        let c = line("Summary of report", 140.0);
        let d = line("Decision Made: That", 154.0);
        let (text, _) = assemble(vec![page(vec![a, b, c, d])]);
        assert_eq!(
            text,
            "The report set out progress in the second year of the strategy, including the \
             growth of the creative sector.\n\nSummary of report\n\nDecision Made: That"
        );
    }

    #[test]
    fn plain_text_pages_use_blank_lines() {
        let mut b = line("second block", 0.0);
        b.starts_flow = true;
        let p = PageText {
            lines: vec![line("first line", 0.0), line("goes on", 0.0), b],
            height: 0.0,
        };
        let (text, _) = assemble(vec![p]);
        assert_eq!(text, "first line goes on\n\nsecond block");
    }
}
