//! One page's glyphs to lines in reading order.
//!
//! Glyphs on one baseline form a line; a wide horizontal gap with no space drawn in it splits a
//! line into segments. Two-column text (two wide segments either side of one gutter, line after
//! line) is read column by column. Tables (three or more aligned segments) are read row by row:
//! a line with nothing in the first column continues the row above, so wrapped cells are joined,
//! and the cells of a row are written with ` | ` between them.

use super::pdf_content::{Glyph, PageGlyphs};

/// A gap wider than this many font sizes, with no space drawn in it, separates segments.
const SEGMENT_GAP: f32 = 0.75;
/// A gap wider than this (in font sizes) is a word space even when no space glyph is drawn.
const WORD_GAP: f32 = 0.15;

/// A line of a page, ready for paragraph building.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub baseline: f32,
    pub size: f32,
    pub bold: bool,
    /// A table row: cells joined with ` | `.
    pub row: bool,
    /// Left and right edges of the column (or the page's text) the line belongs to.
    pub flow_left: f32,
    pub flow_right: f32,
    /// The first line of a column or block: the vertical gap before it means nothing.
    pub starts_flow: bool,
    /// Width of the first word, to tell whether it would have fitted on the line before.
    pub first_word: f32,
}

/// A run of glyphs on one line with no wide gap inside.
#[derive(Debug, Clone)]
struct Segment {
    text: String,
    x0: f32,
    x1: f32,
    size: f32,
    bold: bool,
    first_word: f32,
    /// Where each word starts: byte offset in `text` and x position.
    words: Vec<(usize, f32)>,
}

impl Segment {
    /// Splits the segment before the first word that starts at or right of `x`.
    fn split_at(&self, x: f32) -> Option<(Segment, Segment)> {
        let k = self.words.iter().position(|&(_, wx)| wx >= x)?;
        if k == 0 {
            return None;
        }
        let (at, wx) = self.words[k];
        let end_left = self.words[k - 1..].first().map(|_| x.min(wx)).unwrap_or(wx);
        let left = Segment {
            text: self.text[..at].trim_end().to_string(),
            x0: self.x0,
            x1: end_left,
            size: self.size,
            bold: self.bold,
            first_word: self.first_word,
            words: self.words[..k].to_vec(),
        };
        let right = Segment {
            text: self.text[at..].to_string(),
            x0: wx,
            x1: self.x1,
            size: self.size,
            bold: self.bold,
            first_word: 0.0,
            words: self.words[k..].iter().map(|&(o, x)| (o - at, x)).collect(),
        };
        Some((left, right))
    }
}

#[derive(Debug, Clone)]
struct RawLine {
    baseline: f32,
    segs: Vec<Segment>,
}

impl RawLine {
    fn x0(&self) -> f32 {
        self.segs.first().map(|s| s.x0).unwrap_or(0.0)
    }
    fn x1(&self) -> f32 {
        self.segs.iter().map(|s| s.x1).fold(f32::MIN, f32::max)
    }
    fn size(&self) -> f32 {
        self.segs.iter().map(|s| s.size).fold(0.0, f32::max)
    }
}

/// Lays out one page.
pub fn layout(page: &PageGlyphs) -> Vec<Line> {
    let raw = raw_lines(&page.glyphs);
    if raw.is_empty() {
        return Vec::new();
    }
    let left = raw.iter().map(RawLine::x0).fold(f32::MAX, f32::min);
    let right = raw.iter().map(RawLine::x1).fold(f32::MIN, f32::max);
    let zones = column_zones(&raw, left, right);
    let mut out = Vec::new();
    let mut i = 0;
    for &(start, end, gutter) in &zones {
        if i < start {
            out.extend(block(&raw[i..start], left, right));
        }
        for keep_left in [true, false] {
            let side = raw[start..end]
                .iter()
                .flat_map(|l| l.segs.iter())
                .filter(|s| (s.x1 <= gutter) == keep_left);
            let (side_left, side_right) =
                side.fold((f32::MAX, f32::MIN), |(a, b), s| (a.min(s.x0), b.max(s.x1)));
            let mut first = true;
            for l in &raw[start..end] {
                let segs: Vec<Segment> = l
                    .segs
                    .iter()
                    .filter(|s| (s.x1 <= gutter) == keep_left)
                    .cloned()
                    .collect();
                if segs.is_empty() {
                    continue;
                }
                let part = RawLine {
                    baseline: l.baseline,
                    segs,
                };
                out.push(plain_line(&part, side_left, side_right, first));
                first = false;
            }
        }
        i = end;
    }
    if i < raw.len() {
        let mut rest = block(&raw[i..], left, right);
        if let (Some(first), false) = (rest.first_mut(), zones.is_empty()) {
            first.starts_flow = true;
        }
        out.extend(rest);
    }
    out
}

/// Glyphs to lines (by baseline) and lines to segments (by horizontal gaps).
fn raw_lines(glyphs: &[Glyph]) -> Vec<RawLine> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[a].y.total_cmp(&glyphs[b].y));
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut anchor = f32::NAN;
    let mut anchor_size = 0.0f32;
    for &i in &order {
        let g = &glyphs[i];
        let tol = 0.35 * g.size.max(anchor_size).max(1.0);
        if clusters.is_empty() || (g.y - anchor).abs() > tol {
            clusters.push(vec![i]);
            anchor = g.y;
            anchor_size = g.size;
        } else if let Some(c) = clusters.last_mut() {
            c.push(i);
            anchor_size = anchor_size.max(g.size);
        }
    }
    let mut lines = Vec::with_capacity(clusters.len());
    for mut c in clusters {
        c.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x));
        let baseline = {
            let mut ys: Vec<f32> = c.iter().map(|&i| glyphs[i].y).collect();
            ys.sort_by(f32::total_cmp);
            ys[ys.len() / 2]
        };
        let segs = segments(glyphs, &c);
        if !segs.is_empty() {
            lines.push(RawLine { baseline, segs });
        }
    }
    lines
}

fn segments(glyphs: &[Glyph], idx: &[usize]) -> Vec<Segment> {
    let mut segs: Vec<Segment> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    let mut saw_space = false;
    let mut bold_chars = 0usize;
    let mut chars = 0usize;
    let mut in_first_word = true;
    for &i in idx {
        let g = &glyphs[i];
        if g.text.trim().is_empty() {
            saw_space = true;
            continue;
        }
        if let Some(p) = prev {
            // The same glyph drawn twice, a little offset, is fake bold.
            if p.text == g.text && (g.x - p.x).abs() < 0.3 * p.width.max(0.5) {
                continue;
            }
        }
        let size = g.size.max(1.0);
        let new_segment = match prev {
            None => true,
            Some(p) => {
                let gap = g.x - (p.x + p.width);
                gap > SEGMENT_GAP * size && !(saw_space && gap < 3.0 * size)
            }
        };
        if new_segment {
            if let Some(s) = segs.last_mut() {
                s.bold = bold_chars * 2 > chars;
            }
            segs.push(Segment {
                text: String::new(),
                x0: g.x,
                x1: g.x + g.width,
                size: g.size,
                bold: false,
                first_word: 0.0,
                words: vec![(0, g.x)],
            });
            bold_chars = 0;
            chars = 0;
            in_first_word = true;
        } else if let (Some(p), Some(s)) = (prev, segs.last_mut()) {
            let gap = g.x - (p.x + p.width);
            if saw_space || gap > WORD_GAP * size {
                s.text.push(' ');
                s.words.push((s.text.len(), g.x));
                in_first_word = false;
            }
        }
        let Some(s) = segs.last_mut() else {
            continue;
        };
        s.text.push_str(&g.text);
        s.x1 = s.x1.max(g.x + g.width);
        s.size = s.size.max(g.size);
        if in_first_word {
            s.first_word = s.x1 - s.x0;
        }
        chars += 1;
        if g.bold {
            bold_chars += 1;
        }
        saw_space = false;
        prev = Some(g);
    }
    if let Some(s) = segs.last_mut() {
        s.bold = bold_chars * 2 > chars;
    }
    segs
}

/// Runs of lines read as two columns: (first line, end, gutter x).
fn column_zones(lines: &[RawLine], left: f32, right: f32) -> Vec<(usize, usize, f32)> {
    let width = right - left;
    if width <= 0.0 || lines.len() < 6 {
        return Vec::new();
    }
    // Candidate gutters: the middle of each gap between segments in the middle of the page.
    let mut candidates: Vec<f32> = Vec::new();
    for l in lines {
        for w in l.segs.windows(2) {
            let mid = (w[0].x1 + w[1].x0) / 2.0;
            if mid > left + 0.3 * width && mid < left + 0.7 * width {
                candidates.push(mid);
            }
        }
    }
    candidates.sort_by(f32::total_cmp);
    candidates.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    let mut best: Option<(usize, f32)> = None;
    for &x in &candidates {
        let split = lines
            .iter()
            .filter(|l| split_at(l, x) == Split::Both)
            .count();
        if split >= 3 && best.is_none_or(|(n, _)| split > n) {
            best = Some((split, x));
        }
    }
    let Some((_, gutter)) = best else {
        return Vec::new();
    };
    // Widen the gutter to the clear space around it, then find the runs that never cross it.
    let mut zones = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if split_at(&lines[i], gutter) == Split::Crosses {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && split_at(&lines[i], gutter) != Split::Crosses {
            i += 1;
        }
        if is_prose_columns(&lines[start..i], left, gutter, right) {
            zones.push((start, i, gutter));
        }
    }
    zones
}

#[derive(PartialEq, Debug)]
enum Split {
    Both,
    OneSide,
    Crosses,
}

fn split_at(l: &RawLine, x: f32) -> Split {
    if l.segs.iter().any(|s| s.x0 < x && s.x1 > x) {
        return Split::Crosses;
    }
    let has_left = l.segs.iter().any(|s| s.x1 <= x);
    let has_right = l.segs.iter().any(|s| s.x0 >= x);
    if has_left && has_right {
        Split::Both
    } else {
        Split::OneSide
    }
}

/// Two columns of running text, not a table: most lines hold one segment a side, and the
/// segments fill their column.
fn is_prose_columns(lines: &[RawLine], left: f32, gutter: f32, right: f32) -> bool {
    let both = lines
        .iter()
        .filter(|l| split_at(l, gutter) == Split::Both)
        .count();
    if both < 3 || lines.len() < 4 {
        return false;
    }
    let mut simple = 0usize;
    let mut left_widths = Vec::new();
    let mut right_widths = Vec::new();
    for l in lines {
        let (a, b): (Vec<&Segment>, Vec<&Segment>) = l.segs.iter().partition(|s| s.x1 <= gutter);
        if a.len() <= 1 && b.len() <= 1 {
            simple += 1;
        }
        if let (Some(f), Some(last)) = (a.first(), a.last()) {
            left_widths.push(last.x1 - f.x0);
        }
        if let (Some(f), Some(last)) = (b.first(), b.last()) {
            right_widths.push(last.x1 - f.x0);
        }
    }
    let median = |v: &mut Vec<f32>| {
        v.sort_by(f32::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    simple * 10 >= lines.len() * 8
        && left_widths.len() >= 3
        && right_widths.len() >= 3
        && median(&mut left_widths) >= 0.6 * (gutter - left)
        && median(&mut right_widths) >= 0.6 * (right - gutter)
}

/// A line of ordinary text: segments joined by a tab after a label, by two spaces otherwise.
fn plain_line(l: &RawLine, flow_left: f32, flow_right: f32, starts_flow: bool) -> Line {
    let mut text = String::new();
    for (k, s) in l.segs.iter().enumerate() {
        if k > 0 {
            if k == 1 && looks_like_label(&l.segs[0].text) {
                text.push('\t');
            } else {
                text.push_str("  ");
            }
        }
        text.push_str(&s.text);
    }
    let first = &l.segs[0];
    Line {
        text,
        x0: l.x0(),
        x1: l.x1(),
        baseline: l.baseline,
        size: l.size(),
        bold: l.segs.iter().all(|s| s.bold),
        row: false,
        flow_left,
        flow_right,
        starts_flow,
        first_word: first.first_word,
    }
}

/// A short first segment that numbers or bullets the line.
fn looks_like_label(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    (1..=8).contains(&n)
        && (s.chars().any(|c| c.is_ascii_digit())
            || s.ends_with(['.', ')'])
            || n <= 3 && s.ends_with(':')
            || s.starts_with('(')
            || matches!(s, "•" | "·" | "-" | "–" | "▪" | "◦" | "o" | "§"))
}

/// Lines outside two-column zones: tables are found and read row by row, the rest line by line.
fn block(lines: &[RawLine], left: f32, right: f32) -> Vec<Line> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].segs.len() >= 3
            && let Some((rows, next)) = table(lines, i)
        {
            out.extend(rows.into_iter().map(|mut l| {
                l.flow_left = left;
                l.flow_right = right;
                l
            }));
            i = next;
            continue;
        }
        out.push(plain_line(&lines[i], left, right, i == 0));
        i += 1;
    }
    out
}

/// Reads a table whose header (or first row) is `lines[start]`. Returns the rows and the index
/// of the first line after the table, or `None` when the lines do not line up as a table.
fn table(lines: &[RawLine], start: usize) -> Option<(Vec<Line>, usize)> {
    let head = &lines[start];
    let anchors: Vec<f32> = head.segs.iter().map(|s| s.x0).collect();
    let size = head.size().max(1.0);
    let tol = 0.6 * size;
    let column_of = |x: f32| anchors.iter().rposition(|&a| a - tol <= x);
    let fits = |l: &RawLine| {
        l.segs.iter().all(|s| match column_of(s.x0) {
            Some(c) => anchors.get(c + 1).is_none_or(|&next| s.x1 <= next + tol),
            None => false,
        })
    };
    // Cells set close together can run into one segment: split them where a column starts.
    let split = |l: &RawLine| -> RawLine {
        if l.segs.len() < 2 {
            return l.clone();
        }
        let mut segs = Vec::new();
        for s in &l.segs {
            let mut rest = s.clone();
            for &a in &anchors {
                if rest.x0 < a - tol
                    && rest.x1 > a + tol
                    && let Some((left, right)) = rest.split_at(a - tol)
                {
                    segs.push(left);
                    rest = right;
                }
            }
            segs.push(rest);
        }
        RawLine {
            baseline: l.baseline,
            segs,
        }
    };
    let mut rows: Vec<(Vec<String>, RawLine)> = Vec::new();
    let mut aligned = 0usize;
    let mut i = start;
    let mut prev_baseline = head.baseline;
    while i < lines.len() {
        let l = &split(&lines[i]);
        if i > start && (!fits(l) || l.baseline - prev_baseline > 3.0 * size) {
            break;
        }
        let mut cells = vec![String::new(); anchors.len()];
        for s in &l.segs {
            if let Some(c) = column_of(s.x0) {
                if !cells[c].is_empty() {
                    cells[c].push(' ');
                }
                cells[c].push_str(&s.text);
            }
        }
        if l.segs.len() >= 2 {
            aligned += 1;
        }
        let new_row = !cells[0].is_empty() || rows.is_empty();
        if new_row {
            rows.push((cells, l.clone()));
        } else if let Some((row, _)) = rows.last_mut() {
            for (c, t) in cells.into_iter().enumerate() {
                if t.is_empty() {
                    continue;
                }
                if !row[c].is_empty() {
                    row[c].push(' ');
                }
                row[c].push_str(&t);
            }
        }
        prev_baseline = l.baseline;
        i += 1;
    }
    if rows.len() < 2 || aligned < 2 {
        return None;
    }
    let lines_out = rows
        .into_iter()
        .map(|(cells, l)| Line {
            text: join_hyphenated_cells(&cells),
            x0: l.x0(),
            x1: l.x1(),
            baseline: l.baseline,
            size: l.size(),
            bold: l.segs.iter().all(|s| s.bold),
            row: true,
            flow_left: 0.0,
            flow_right: 0.0,
            starts_flow: false,
            first_word: 0.0,
        })
        .collect();
    Some((lines_out, i))
}

fn join_hyphenated_cells(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| c.trim())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x: f32, y: f32) -> Vec<Glyph> {
        let w = 5.0;
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: x + i as f32 * w,
                width: if c == ' ' { 2.5 } else { w },
                y,
                size: 10.0,
                bold: false,
            })
            .collect()
    }

    fn page(glyphs: Vec<Vec<Glyph>>) -> PageGlyphs {
        PageGlyphs {
            glyphs: glyphs.into_iter().flatten().collect(),
            width: 600.0,
            height: 800.0,
        }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn words_and_lines_in_order() {
        // Drawn out of order: the second line first.
        let p = page(vec![
            word("second", 50.0, 120.0),
            word("line", 85.0, 120.0),
            word("first", 50.0, 100.0),
        ]);
        let lines = layout(&p);
        assert_eq!(texts(&lines), ["first", "second line"]);
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut g = Vec::new();
        for k in 0..6 {
            let y = 100.0 + 14.0 * k as f32;
            g.push(word(
                &format!("left column line {k} here and there"),
                50.0,
                y,
            ));
            g.push(word(
                &format!("right column line {k} here and there"),
                320.0,
                y,
            ));
        }
        let lines = layout(&page(g));
        assert_eq!(lines[0].text, "left column line 0 here and there");
        assert_eq!(lines[5].text, "left column line 5 here and there");
        assert_eq!(lines[6].text, "right column line 0 here and there");
        assert!(lines[6].starts_flow);
        assert!(lines[6].flow_left > lines[0].flow_right);
        assert_eq!((lines[0].flow_left, lines[6].flow_left), (50.0, 320.0));
    }

    #[test]
    fn table_rows_join_wrapped_cells() {
        let p = page(vec![
            word("No.", 50.0, 100.0),
            word("Action", 100.0, 100.0),
            word("Status", 300.0, 100.0),
            word("1", 50.0, 114.0),
            word("Publish the", 100.0, 114.0),
            word("Complete", 300.0, 114.0),
            word("plan", 100.0, 128.0),
            word("2", 50.0, 142.0),
            word("Train managers", 100.0, 142.0),
            word("In progress", 300.0, 142.0),
            word(
                "After the table comes a long paragraph that runs across.",
                50.0,
                170.0,
            ),
        ]);
        let lines = layout(&p);
        assert_eq!(
            texts(&lines),
            [
                "No. | Action | Status",
                "1 | Publish the plan | Complete",
                "2 | Train managers | In progress",
                "After the table comes a long paragraph that runs across."
            ]
        );
        assert!(lines[1].row && !lines[3].row);
    }

    #[test]
    fn label_and_text_are_joined_by_a_tab() {
        let p = page(vec![
            word("1.", 50.0, 100.0),
            word("That the plan", 90.0, 100.0),
        ]);
        assert_eq!(texts(&layout(&p)), ["1.\tThat the plan"]);
    }
}
