//! Splits normalised text into segments — the units the extractors walk.
//!
//! A segment is usually one line. A line is split further where a second item starts on it:
//! after a lead-in that ends in a colon (`RESOLVED: (1) that …`), and where the label that
//! continues the current item's sequence follows a `.`, `;`, `:` or a run of blanks
//! (`1. Note the report.    2. Approve the plan.`). Each segment knows its indentation, its
//! bullet, its label and where its words start.

use super::label::{
    Counter, Label, Punct, bullet_len, is_glyph_bullet, parse_label, parse_long_after,
};
use super::textutil::re_new;
use regex::Regex;
use std::sync::LazyLock;

/// One unit of text: a line or part of a line.
#[derive(Debug, Clone)]
pub struct Segment {
    /// Byte range in the normalised text (without the line's leading blanks).
    pub start: usize,
    pub end: usize,
    /// Index of the line this segment is on.
    pub line: usize,
    /// Whether an empty line separates this segment from the previous one.
    pub blank_before: bool,
    /// Whether this segment continues a line that an earlier segment started.
    pub inline: bool,
    /// Whether the line before (with no empty line between) looks hard-wrapped into this one:
    /// it stops mid-sentence, or it is about as long as the document's wrapped lines.
    pub soft_break: bool,
    /// Leading blanks of the line, in columns (a tab counts four).
    pub indent: usize,
    /// Whether the segment starts with a bullet (`•`, `-`, `·` …).
    pub bullet: bool,
    /// The bullet character, when there is one (`o` under `•` marks a sub-list).
    pub glyph: Option<char>,
    pub label: Option<Label>,
    /// Absolute offset where the label starts, when there is one.
    pub label_start: usize,
    /// Absolute offset where the words start (after bullet, label and blanks).
    pub body: usize,
    /// Whether the line is a table row (`|` residue or tab-separated cells).
    pub table_row: bool,
    /// A running header or footer: `Page 3 of 12`, a bare page number, or a short line
    /// printed right beside one.
    pub furniture: bool,
}

impl Segment {
    /// Whether the segment starts a paragraph: after an empty line, or after a line that
    /// ended a sentence rather than running on into this one.
    pub fn starts_paragraph(&self) -> bool {
        !self.inline && (self.blank_before || !self.soft_break)
    }

    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    pub fn body_text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.body..self.end]
    }
}

/// A place where a further label may start inside a line: after a stop or a comma and blanks,
/// or after a run of blanks or a tab, perhaps with `and` or `or` between (`noted;  (b)
/// approved`, `noted.  2. That`, `approved, and (c)`; not `noted (b)`, one space and no
/// stop): where the separator starts, and where the label would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Candidate {
    start: usize,
    at: usize,
}

/// The first [`Candidate`] at or after `from`: where `(?:[.;:,]\s+|\s{2,}|\t)(?:and\s+|or\s+)?
/// ([(\w])` (`\s` any blank, `\w` ASCII) would first match. Read by hand because it is
/// asked of every line, and most of a line's commas and full stops start no label.
fn next_candidate(line: &str, from: usize) -> Option<Candidate> {
    let b = line.as_bytes();
    let mut p = from;
    while p < b.len() {
        // Most bytes can start nothing: not a stop, a comma or a blank, nor the first byte of
        // a blank outside ASCII.
        if !MAY_START_CANDIDATE[usize::from(b[p])] {
            p += 1;
            continue;
        }
        // A single space between words, the commonest case, starts nothing.
        let blank = |n: u8| matches!(n, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
        if b[p] == b' ' && b.get(p + 1).is_some_and(|&n| n < 0x80 && !blank(n)) {
            p += 1;
            continue;
        }
        let Some(c) = line[p..].chars().next() else {
            break;
        };
        if matches!(c, '.' | ';' | ':' | ',') {
            let e = blank_run_end(line, p + 1);
            if e > p + 1
                && let Some(at) = label_after_separator(line, e)
            {
                return Some(Candidate { start: p, at });
            }
            p += 1;
        } else if c.is_whitespace() {
            // Any start inside a run of blanks reads the same words after it, so a run that
            // gives no candidate at its start gives none anywhere in it.
            let e = blank_run_end(line, p);
            let two = line[p..e].chars().nth(1).is_some();
            if (two || c == '\t')
                && let Some(at) = label_after_separator(line, e)
            {
                return Some(Candidate { start: p, at });
            }
            p = e;
        } else {
            p += c.len_utf8();
        }
    }
    None
}

/// The bytes a [`Candidate`] may start at: `.;:,`, ASCII blanks, and the first bytes of the
/// blanks outside ASCII (U+0085 and U+00A0 start with `C2`, U+1680 with `E1`, U+2000–U+205F
/// with `E2`, U+3000 with `E3`).
static MAY_START_CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = *b".;:, \t\n\r\x0b\x0c\xc2\xe1\xe2\xe3";
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Every [`Candidate`] of `line` from `from` on, as a search resumed after each would find them.
fn candidates(line: &str, from: usize) -> impl Iterator<Item = Candidate> + '_ {
    let mut pos = from;
    std::iter::from_fn(move || {
        let c = next_candidate(line, pos)?;
        // The label's first character is one byte: `(` or an ASCII word character.
        pos = c.at + 1;
        Some(c)
    })
}

/// Where a run of blanks starting at `at` ends.
fn blank_run_end(line: &str, at: usize) -> usize {
    at + line[at..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>()
}

/// Where a label starts after a separator ending at `at`: past `and ` or `or ` if a label
/// starts after those, else at `at` itself; `None` when no `(` or word character stands there.
fn label_after_separator(line: &str, at: usize) -> Option<usize> {
    let b = line.as_bytes();
    let starts_label = |i: usize| {
        b.get(i)
            .is_some_and(|&x| x == b'(' || x == b'_' || x.is_ascii_alphanumeric())
    };
    for word in ["and", "or"] {
        if line[at..].starts_with(word) {
            let e = blank_run_end(line, at + word.len());
            if e > at + word.len() && starts_label(e) {
                return Some(e);
            }
        }
    }
    starts_label(at).then_some(at)
}

/// The end of a lead-in inside a line, after which a first label may start: `RESOLVED: that`,
/// `agreed that`, `That Cabinet:`. Not `The plan was approved.`
/// Its words are the ends of lead-ins, not `vocab`'s verbs: a first label may follow them on the
/// same line.
static LEADIN_COLON: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?i)(?:\bresolved|\bagreed|\bdecided|\brecommended|\brecommendations?|\basked\s+to|\brequested\s+to|\bthat\s+(?:the\s+)?[\w’' ]{2,40}|\bdecision(?:\s+made)?)(?:\s*[:\-–—]+\s*(?:that\s*(?:[:\-–—]+\s*)?)?|\s+that\s*(?:[:\-–—]+\s*)?|\s*:\s*|\s+that\s+)|\bthat\s*[:\-–—]+\s*",
    )
    .unwrap()
});

/// One line of the text, before it is cut into segments.
struct Line {
    no: usize,
    content_start: usize,
    content_end: usize,
    indent: usize,
    blank_before: bool,
    soft: bool,
}

/// Splits the whole text into segments.
///
/// Lines hard-wrapped out of one paragraph are cut together, so that a list whose items run
/// across the wraps (`were: 1) Develop … that⏎is explicitly …; 2) Agree …`) is found by its
/// labels as it would be on one line.
pub fn segments(text: &str) -> Vec<Segment> {
    let mut lines: Vec<Line> = Vec::new();
    let mut blank = false;
    let mut offset = 0usize;
    let width = wrap_width(text);
    let mut prev_line: Option<&str> = None;
    for (line_no, line) in text.split('\n').enumerate() {
        let start = offset;
        offset += line.len() + 1;
        let (lead, content_len) = content_of(line);
        if content_len == 0 {
            blank = true;
            continue;
        }
        let indent = line[..lead]
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let content_start = start + lead;
        lines.push(Line {
            no: line_no,
            content_start,
            content_end: content_start + content_len,
            indent,
            blank_before: blank,
            soft: !blank && prev_line.is_some_and(|p| wraps_into_next(p, width)),
        });
        blank = false;
        prev_line = Some(line);
    }
    let mut out: Vec<Segment> = Vec::new();
    // The last decimal label seen: a list counts on past 999 from it.
    let mut last_decimal: Option<Label> = None;
    let mut k = 0;
    while k < lines.len() {
        // The lines that one paragraph was hard-wrapped into.
        let mut last = k;
        while last + 1 < lines.len() && joins(text, &lines[last], &lines[last + 1]) {
            last += 1;
        }
        let (pa, pb) = (lines[k].content_start, lines[last].content_end);
        let cuts: Vec<usize> = cut_points(text, pa, pb)
            .into_iter()
            .map(|c| pa + c)
            .collect();
        for l in &lines[k..=last] {
            let mut first = true;
            let inside = cuts
                .iter()
                .copied()
                .filter(|&c| c > l.content_start && c < l.content_end);
            for (s, e) in pieces(text, l.content_start, l.content_end, inside) {
                let mut seg = analyse(text, s, e, l.no, l.blank_before && first, !first, l.indent);
                if seg.label.is_none()
                    && let Some(prev) = &last_decimal
                    && let Some(long) = long_label(text, &seg, prev)
                {
                    seg = analyse_with(text, &seg, long);
                }
                if let Some(label) = seg.label.as_ref().filter(|l| l.counter == Counter::Decimal) {
                    last_decimal = Some(label.clone());
                }
                seg.soft_break = first && l.soft;
                out.push(seg);
                first = false;
            }
        }
        k = last + 1;
    }
    mark_furniture(text, &mut out);
    out
}

/// Whether line `b` continues the paragraph of line `a`: it follows with no empty line, `a`
/// runs on into it, and `b` starts no item and neither is a table row — but for the bar that
/// closes the cell `b` ends (`… be confirmed. |`).
fn joins(text: &str, a: &Line, b: &Line) -> bool {
    let bt = &text[b.content_start..b.content_end];
    let at = &text[a.content_start..a.content_end];
    b.soft
        && !b.blank_before
        && leading_label(bt).is_none()
        && bullet_len(bt).is_none()
        && !at.contains('|')
        && !bt.trim_end().trim_end_matches('|').contains('|')
        && !at.contains('\t')
}

/// Cuts `start..end` at absolute positions `cuts` (in order), trimming blanks at the ends.
fn pieces(
    text: &str,
    start: usize,
    end: usize,
    cuts: impl Iterator<Item = usize>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = start;
    for c in cuts {
        let piece_end = s + text[s..c].trim_end_matches([' ', '\t', '\n', '\r']).len();
        if piece_end > s {
            out.push((s, piece_end));
        }
        s = c;
    }
    out.push((s, end));
    out
}

/// The words of the paragraph that segment `i` ends: earlier lines of it are included when
/// they run on into it (a lead-in hard-wrapped over two lines).
pub fn paragraph_ending_at(text: &str, segs: &[Segment], i: usize) -> String {
    let mut first = i;
    while first > 0 && first + 4 > i {
        let s = &segs[first];
        if s.blank_before || s.label.is_some() || s.bullet || s.inline {
            break;
        }
        first -= 1;
    }
    let parts: Vec<&str> = (first..=i).map(|k| segs[k].body_text(text)).collect();
    parts.join(" ")
}

/// Where a line's words start and how long they run: leading blanks, and the empty cells and
/// bars of table residue (`|      | RESOLVED:      |`), are not part of them.
fn content_of(line: &str) -> (usize, usize) {
    let trimmed = line.trim_start_matches([' ', '\t']);
    let mut lead = line.len() - trimmed.len();
    let mut rest = trimmed.trim_end_matches([' ', '\t']);
    if rest.starts_with('|') {
        // Drop leading bars and empty cells, and the bars closing the row.
        loop {
            let t = rest.trim_start_matches('|').trim_start_matches([' ', '\t']);
            let skipped = rest.len() - t.len();
            if skipped == 0 || !rest.starts_with('|') {
                break;
            }
            lead += skipped;
            rest = t;
        }
        rest = rest.trim_end_matches(['|', ' ', '\t']);
    }
    (lead, rest.len())
}

/// A running page number: `Page 3 of 12`, `- 4 -`, `3/12`, `Item 5 Page 7`. Not `Page 3 sets out
/// the budget.`
static PAGE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)^(?:(?:item\s*:?\s*\d{1,3}[a-z]?\s+)?page\s*:?\s*\d{1,4}(?:\s+of\s+\d{1,4})?|[-–—]?\s*\d{1,4}\s*[-–—]?|\d{1,4}\s*/\s*\d{1,4})$").unwrap()
});

/// Marks running headers and footers: page marks, and short lines printed right beside them.
fn mark_furniture(text: &str, segs: &mut [Segment]) {
    for i in 0..segs.len() {
        let t = segs[i].text(text).trim();
        if !PAGE_MARK.is_match(t) || segs[i].inline {
            continue;
        }
        // A lone number is a page number only when it stands apart from the words around it.
        let is_number = t.chars().all(|c| c.is_ascii_digit() || " -–—".contains(c));
        let apart = segs[i].blank_before || i == 0;
        if is_number && !apart {
            continue;
        }
        segs[i].furniture = true;
        for k in [i.wrapping_sub(1), i + 1] {
            let Some(s) = segs.get(k) else { continue };
            let near = if k > i {
                !s.blank_before
            } else {
                !segs[i].blank_before
            };
            let short = s.text(text).chars().count() < 70 && s.label.is_none() && !s.bullet;
            if near && short && super::dates::first_date(s.text(text)).is_some() {
                segs[k].furniture = true;
            }
        }
    }
}

/// The width at which the text was hard-wrapped: the median length of lines that stop
/// mid-sentence and run on into the next line. `None` when too few lines are wrapped.
fn wrap_width(text: &str) -> Option<usize> {
    let mut lengths: Vec<usize> = Vec::new();
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let next_blank = lines.peek().is_none_or(|n| n.trim().is_empty());
        let t = line.trim_end();
        if next_blank || t.len() < 30 {
            continue;
        }
        if t.ends_with(|c: char| c.is_alphanumeric() || c == ',') {
            lengths.push(t.chars().count());
        }
        if lengths.len() >= 2000 {
            break;
        }
    }
    if lengths.len() < 3 {
        return None;
    }
    lengths.sort_unstable();
    Some(lengths[lengths.len() / 2])
}

/// Whether `prev` runs on into the next line rather than ending a paragraph.
fn wraps_into_next(prev: &str, width: Option<usize>) -> bool {
    // A table row closed by its bar does not run on into the next row; a line boxed in bars
    // on both sides is one line of a cell, whose words may run on.
    let boxed = prev.trim_start().starts_with('|');
    if prev.trim_end().ends_with('|') && !boxed {
        return false;
    }
    let prev = if boxed {
        prev.trim().trim_matches('|').trim()
    } else {
        prev
    };
    let t = prev.trim_end();
    let t = t.trim_end_matches(['”', '"', '’', '\'', ')']);
    if !t.ends_with(['.', ';', ':', '!', '?']) {
        return true;
    }
    let len = prev.trim_end().chars().count();
    width.is_some_and(|w| len * 10 >= w * 8 && len * 10 <= w * 12)
}

/// A label of four or more digits at the start of `seg` that continues `prev` (`1000.` after
/// `999.`).
fn long_label(text: &str, seg: &Segment, prev: &Label) -> Option<Label> {
    let s = &text[seg.start..seg.end];
    let rest = &s[label_start(s)..];
    if !rest.starts_with(|c: char| c.is_ascii_digit() || c == '(') {
        return None;
    }
    parse_long_after(rest, prev)
}

/// `seg` read again with `label` as its label.
fn analyse_with(text: &str, seg: &Segment, label: Label) -> Segment {
    read_segment(
        text,
        seg.start,
        seg.end,
        (seg.line, seg.blank_before, seg.inline, seg.indent),
        Some(label),
    )
}

fn analyse(
    text: &str,
    start: usize,
    end: usize,
    line: usize,
    blank_before: bool,
    inline: bool,
    indent: usize,
) -> Segment {
    read_segment(text, start, end, (line, blank_before, inline, indent), None)
}

/// A segment of `text[start..end]`: its bullet, label (`given`, or the one at its start),
/// and where its words begin.
fn read_segment(
    text: &str,
    start: usize,
    end: usize,
    (line, blank_before, inline, indent): (usize, bool, bool, usize),
    given: Option<Label>,
) -> Segment {
    let s = &text[start..end];
    let mut pos = 0usize;
    let mut table_row = false;
    // Table residue: a leading `|` is not part of the words.
    if s.starts_with('|') {
        table_row = true;
        pos = 1;
        pos += blanks(&s[pos..]);
    }
    let after_label = |from: usize| {
        s[from..].contains(" | ")
            || s[from..].matches('|').count() >= 2
            || s[from..].trim_end().contains('\t')
    };
    let mut bullet = false;
    if let Some(b) = bullet_len(&s[pos..]) {
        // `- 1.1 To update` and `· Recommendation 1:` keep the label after the bullet.
        bullet = true;
        pos += b;
        pos += blanks(&s[pos..]);
    }
    if given.is_none() {
        pos += that_before_label(&s[pos..]);
    }
    let label = given.or_else(|| parse_label(&s[pos..]));
    let label_start = start + pos;
    if let Some(l) = &label {
        pos += l.len;
        pos += blanks(&s[pos..]);
        table_row = table_row || after_label(pos);
        // A label in a table cell is followed by the cell separator.
        if s[pos..].starts_with('|') {
            pos += 1;
            pos += blanks(&s[pos..]);
        }
    }
    if label.is_none() {
        table_row = table_row || after_label(0);
    }
    Segment {
        start,
        end,
        line,
        blank_before,
        inline,
        soft_break: false,
        indent,
        bullet: bullet && label.is_none(),
        glyph: (bullet && label.is_none())
            .then(|| s[..].trim_start_matches('|').trim_start().chars().next())
            .flatten(),
        label,
        label_start,
        body: start + pos,
        table_row,
        furniture: false,
    }
}

fn blanks(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t']).len()
}

/// Finds where further items start on a line (or a hard-wrapped paragraph): the offsets,
/// relative to `start`, where new pieces begin.
fn cut_points(text: &str, start: usize, end: usize) -> Vec<usize> {
    let line = &text[start..end];
    let mut cuts = Vec::new();
    // The label governing the current piece, and the ones it is nested in.
    let mut stack: Vec<Label> = Vec::new();
    if let Some(l) = leading_label(line) {
        stack.push(l);
    } else {
        // `RESOLVED: (1) that …` — a first label right after a lead-in starts an item.
        // Matches may overlap (`recommended that the Committee:(a)`), so search from each one.
        let mut from = 0;
        while let Some(m) = LEADIN_COLON.find_at(line, from) {
            if let Some(l) = parse_label(&line[m.end()..]).filter(|l| l.is_first()) {
                cuts.push(m.end());
                stack.push(l);
                break;
            }
            from = line[m.start()..]
                .char_indices()
                .nth(1)
                .map_or(line.len(), |(k, _)| m.start() + k);
        }
    }
    if stack.is_empty()
        && let Some((at, l)) = first_of_sequence(line)
    {
        // `…, having considered the report: 1. approves …; 2. delegates …` — a list found by
        // its labels wherever it starts on the line.
        cuts.push(at);
        stack.push(l);
    }
    if stack.is_empty() {
        let mut run = bracket_run_after_colon(line);
        if run.is_empty() {
            return inline_bullets(line);
        }
        aside_or_sentence_after(line, &mut run);
        return run;
    }
    let mut from = cuts.last().copied().unwrap_or(0);
    while let Some(m) = next_candidate(line, from) {
        let at = m.at;
        from = at;
        let Some(next) = parse_label(&line[at..]) else {
            continue;
        };
        let sep = &line[m.start..at];
        // `(a) That …, (b) that …, and (c) that …`: a bracketed label after a comma is strong too.
        let bracketed = line[at..].starts_with('(');
        let strong_sep = sep.starts_with([';', ':', '.'])
            || sep.contains("  ")
            || sep.contains('\t')
            || (bracketed && sep.starts_with(','));
        if !strong_sep {
            continue;
        }
        if let Some(depth) = stack.iter().rposition(|l| l.is_followed_by(&next)) {
            stack.truncate(depth);
            cuts.push(at);
            stack.push(next);
        } else if next.is_first()
            && sep.starts_with(':')
            && !stack.iter().any(|l| l.same_style(&next))
        {
            cuts.push(at);
            stack.push(next);
        }
    }
    // `1) Note the report 2) Comment as appropriate`, `i. Note the report ii. Offer any
    // comments`: with no stop or run of blanks before them, labels that go on from the line's
    // own first label, or from the first label after its lead-in (`asked to: (a) Note the
    // report (b) Comment`), still cut it.
    if let [first] = stack.as_slice() {
        let first_at = match cuts.as_slice() {
            [] if leading_label(line).is_some() => Some(label_start(line)),
            [at] => Some(*at),
            _ => None,
        };
        if let Some(at) = first_at
            && line[at..].get(..first.len).is_some_and(|l| {
                l.ends_with(')')
                    || l.ends_with('.')
                        && matches!(
                            first.counter,
                            Counter::LowerAlpha | Counter::LowerRoman | Counter::UpperRoman
                        )
            })
        {
            cuts.extend(inline_run(line, at + first.len, first));
        }
    }
    aside_or_sentence_after(line, &mut cuts);
    cuts
}

/// Cuts off what follows the last item on a line: an aside (`…   Reasons for Decision:   …`),
/// or, after several items, the next sentence of the minutes (`… councils. Members asked …`).
fn aside_or_sentence_after(line: &str, cuts: &mut Vec<usize>) {
    let last = cuts.last().copied().unwrap_or(0);
    if let Some(m) = ASIDE_AFTER_BLANKS.find_at(line, last) {
        let at = m.start() + m.as_str().find(|c: char| c.is_alphabetic()).unwrap_or(0);
        cuts.push(at);
    } else if cuts.len() >= 2
        && let Some(m) = SENTENCE_AFTER_ITEM
            .find_at(line, last + parse_label(&line[last..]).map_or(0, |l| l.len))
    {
        // The last of several items on one line ends with its sentence: `… councils. Members
        // asked whether …` goes on with the minutes.
        let at = m.end() - 1;
        if parse_label(&line[at..]).is_none() {
            cuts.push(at);
        }
    }
}

/// Where the labels after a first label (ending at `from`) start, when each closes as the first
/// does (with a bracket, or with a full stop after a letter or roman numeral), has a single
/// space before it and a capital after it, and goes on from the one before in the same style:
/// `1) Note the report 2) Comment as appropriate` gives the start of `2)`, `i. Note the report
/// ii. Offer comments` that of `ii.`. Not `1) Note section 4) of the report` (not next in
/// sequence, and no capital after it).
fn inline_run(line: &str, from: usize, first: &Label) -> Vec<usize> {
    let b = line.as_bytes();
    let closer = if first.punct == Punct::Dot {
        b'.'
    } else {
        b')'
    };
    let mut out = Vec::new();
    let mut prev = first.clone();
    for close in memchr::memchr_iter(closer, &b[from..]).map(|k| k + from) {
        let Some(at) = closed_label_start(b, close) else {
            continue;
        };
        let spaced_after = b.get(close + 1) == Some(&b' ')
            && b.get(close + 2).is_some_and(|c| c.is_ascii_uppercase());
        if at < 2 || b[at - 1] != b' ' || b[at - 2] == b' ' || !spaced_after {
            continue;
        }
        let Some(next) = parse_label(&line[at..]) else {
            continue;
        };
        if prev.is_followed_by(&next) && prev.same_style(&next) {
            out.push(at);
            prev = next;
        }
    }
    out
}

/// Where bullets run on inside a line after a colon: `Decision: · NOTED the update. · NOTED
/// the pack.` gives the starts of both `·`. The first bullet follows a colon, each later one
/// (the same glyph) a full stop or semicolon, and there are at least two; the glyph is a
/// bullet of its own (`·`, `•`, `▪` …), not a dash. Not `Home · Council · Meetings` (no colon
/// or stop before them), nor `identified: · Action 1 · Action 2 These …` (the second bullet
/// ends no sentence), and other bullets (`Ø`) inside an item stay in it.
fn inline_bullets(line: &str) -> Vec<usize> {
    if line.is_ascii() {
        return Vec::new();
    }
    let b = line.as_bytes();
    // The first bullet: a glyph after a colon and blanks.
    let Some((first, glyph)) = memchr::memchr_iter(b':', b).find_map(|k| {
        let gap = blanks(&line[k + 1..]);
        let at = k + 1 + gap;
        let c = line[at..].chars().next()?;
        (gap > 0 && is_glyph_bullet(c) && bullet_len(&line[at..]).is_some()).then_some((at, c))
    }) else {
        return Vec::new();
    };
    let mut out = vec![first];
    let mut enc = [0u8; 4];
    let g = glyph.encode_utf8(&mut enc).as_bytes();
    for k in memchr::memmem::find_iter(&b[first + g.len()..], g).map(|k| k + first + g.len()) {
        let before = line[..k].trim_end_matches([' ', '\t']);
        if before.len() < k && before.ends_with(['.', ';']) && bullet_len(&line[k..]).is_some() {
            out.push(k);
        }
    }
    if out.len() < 2 {
        return Vec::new();
    }
    out
}

/// Where a label that closes with the bracket at `close` starts: one to four letters or digits
/// before it, and an opening bracket before them if there is one (`4)`, `(iv)`).
fn closed_label_start(b: &[u8], close: usize) -> Option<usize> {
    let word = b[..close]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if word == 0 || word > 4 {
        return None;
    }
    let at = close - word;
    Some(if at > 0 && b[at - 1] == b'(' {
        at - 1
    } else {
        at
    })
}

/// Where the items of a list run on after a colon with only a blank (or `and`) between them,
/// each label closing with a bracket: `were: a) develop a vision b) strengthen the plan and c)
/// review scrutiny` gives the starts of `a)`, `b)` and `c)`. The first label follows the colon,
/// each next one goes on from the one before in the same style, and there are three or more.
/// Not `option b) or c)` (no first label after a colon), nor `recommendations: a) and b)`.
fn bracket_run_after_colon(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    if memchr::memchr(b')', b).is_none() {
        return Vec::new();
    }
    for colon in memchr::memchr_iter(b':', b) {
        let at = colon + 1 + blanks(&line[colon + 1..]);
        if at == colon + 1 {
            continue;
        }
        let Some(first) = parse_label(&line[at..])
            .filter(|l| l.is_first() && matches!(l.punct, Punct::Paren | Punct::Close))
        else {
            continue;
        };
        let mut out = vec![at];
        let mut prev = first;
        let mut from = at + prev.len;
        while let Some(close) = memchr::memchr(b')', &b[from..]).map(|k| from + k) {
            from = close + 1;
            let Some(start) = closed_label_start(b, close) else {
                continue;
            };
            let spaced = start >= 2 && b[start - 1] == b' ' && b[start - 2] != b' ';
            let words_between = line[out[out.len() - 1]..start].split_whitespace().count();
            if !spaced || words_between < 3 || b.get(close + 1) != Some(&b' ') {
                continue;
            }
            let Some(next) = parse_label(&line[start..]) else {
                continue;
            };
            if prev.is_followed_by(&next) && prev.same_style(&next) {
                out.push(start);
                prev = next;
            }
        }
        if out.len() >= 3 {
            return out;
        }
    }
    Vec::new()
}

/// The end of a sentence and the start of the next (a capital after `. `): `councils. Members`.
/// Not `No. 5` or `e.g. The`, which do not end sentences.
static SENTENCE_AFTER_ITEM: LazyLock<Regex> =
    LazyLock::new(|| re_new(r"[a-z0-9)’”][.!?]\s+[A-Z]").unwrap());

/// A run of blanks or a sentence end, then the heading of an aside: `   Reasons for Decision:`,
/// `. Reason for decisions –`, `  Options Considered:`. Not `the reasons for the delay` in a
/// sentence (no sentence end or run of blanks before it, and no colon or dash after it).
static ASIDE_AFTER_BLANKS: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"(?i)(?:\s{2,}|\t|[.;]\s+)(?:reasons?\s+for\s+(?:the\s+)?(?:decisions?|recommendations?)|reasons?|(?:alternative\s+)?options?\s+considered(?:\s+and\s+rejected)?)\s*[:\-–—]").unwrap()
});

/// Where a list starts inside a line that does not start with a label: a first label (`1.`,
/// `(a)`, `i)`) after a colon, semicolon, full stop or run of blanks, confirmed by the label
/// that follows it in sequence later on the line.
fn first_of_sequence(line: &str) -> Option<(usize, Label)> {
    let mut firsts = 0;
    for m in candidates(line, 0) {
        let at = m.at;
        let sep = &line[m.start..at];
        let strong = sep.starts_with([':', ';', '.']) || sep.contains("  ") || sep.contains('\t');
        if !strong {
            continue;
        }
        let Some(first) = parse_label(&line[at..]).filter(|l| l.is_first()) else {
            continue;
        };
        firsts += 1;
        if firsts > 20 {
            return None;
        }
        let mut from = at + first.len;
        while let Some(n) = next_candidate(line, from) {
            let nat = n.at;
            from = nat;
            let nsep = &line[n.start..nat];
            let nstrong = nsep.starts_with([';', '.', ':'])
                || nsep.contains("  ")
                || nsep.contains('\t')
                || (line[nat..].starts_with('(') && nsep.starts_with(','));
            if nstrong && parse_label(&line[nat..]).is_some_and(|next| first.is_followed_by(&next))
            {
                return Some((at, first));
            }
        }
    }
    None
}

fn leading_label(line: &str) -> Option<Label> {
    parse_label(&line[label_start(line)..])
}

/// Where a label would start in `line`: after a table's `|` and a bullet, if any.
fn label_start(line: &str) -> usize {
    let mut pos = 0;
    if let Some(rest) = line.strip_prefix('|') {
        pos = 1 + blanks(rest);
    }
    if let Some(b) = bullet_len(&line[pos..]) {
        pos += b + blanks(&line[pos + b..]);
    }
    pos + that_before_label(&line[pos..])
}

/// The length of a `That ` that stands before a list's first bracketed label, the lead-in's
/// last word printed on the item's line: `That (A) the findings be received, and (B) …` gives
/// 5. Not `That (subject to call-in) the plan …` (no label), nor `That (b) …` (not a first).
fn that_before_label(s: &str) -> usize {
    let Some(rest) = s.strip_prefix("That ") else {
        return 0;
    };
    let first_bracketed = rest.starts_with('(')
        && parse_label(rest).is_some_and(|l| l.is_first() && l.punct == Punct::Paren);
    if first_bracketed { 5 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(t: &str) -> Vec<&str> {
        segments(t).iter().map(|s| s.text(t)).collect()
    }

    #[test]
    fn one_segment_per_line_with_blank_flags() {
        let t = "RESOLVED:\n\n1.    Note the report.\n  2. Approve";
        let s = segments(t);
        assert_eq!(s.len(), 3);
        assert!(s[1].blank_before && !s[2].blank_before);
        assert_eq!(s[1].label.as_ref().unwrap().id, "1");
        assert_eq!(s[1].body_text(t), "Note the report.");
        assert_eq!(s[2].indent, 2);
    }

    #[test]
    fn items_on_one_line_split_at_blank_runs() {
        assert_eq!(
            pieces("1. Note the report.     2. Approve the plan.   3. Delegate authority."),
            vec![
                "1. Note the report.",
                "2. Approve the plan.",
                "3. Delegate authority."
            ]
        );
    }

    #[test]
    fn lead_in_then_inline_items() {
        assert_eq!(
            pieces(
                "That Council: (i) Accepts the findings. (ii) Notes the inclusion of the recommendations."
            ),
            vec![
                "That Council:",
                "(i) Accepts the findings.",
                "(ii) Notes the inclusion of the recommendations."
            ]
        );
    }

    #[test]
    fn bullets_that_run_on_after_a_colon() {
        let t = "Decision: · NOTED the update. · NOTED the pack (Q1 & Q2).";
        assert_eq!(
            pieces(t),
            vec![
                "Decision:",
                "· NOTED the update.",
                "· NOTED the pack (Q1 & Q2)."
            ]
        );
        let segs = segments(t);
        assert!(segs[1].inline && segs[1].bullet && segs[1].glyph == Some('·'));
        // Another glyph inside an item stays in it.
        assert_eq!(
            pieces("It was agreed: • To report on: Ø the costs; Ø the dates. • To circulate it."),
            vec![
                "It was agreed:",
                "• To report on: Ø the costs; Ø the dates.",
                "• To circulate it."
            ]
        );
        // No colon or stop before them, one bullet only, or a dash: one piece.
        for t in [
            "Home · Council · Meetings",
            "A list of actions identified: · Action 1 · Action 2 These are complete.",
            "Noted: · the report.",
            "Members noted: - the report. - the plan.",
        ] {
            assert_eq!(pieces(t), vec![t]);
        }
    }

    #[test]
    fn bracketed_labels_that_run_on_after_a_colon() {
        let t = "The key recommendations were: a) develop a shared vision b) strengthen the financial strategy and c) review scrutiny. Members asked how.";
        assert_eq!(
            pieces(t),
            vec![
                "The key recommendations were:",
                "a) develop a shared vision",
                "b) strengthen the financial strategy and",
                "c) review scrutiny.",
                "Members asked how."
            ]
        );
        // Two labels only, no first label after a colon, or labels with too few words between.
        for t in [
            "The options were: a) to build the school b) to extend the old one.",
            "Members preferred option b) or c) of the report.",
            "Members noted: a) b) and c) of the plan were complete.",
        ] {
            assert_eq!(pieces(t), vec![t]);
        }
    }

    #[test]
    fn that_before_the_first_label_is_the_lead_in_s_last_word() {
        let t = "That (A) the findings be received, and (B) authority be delegated to the Head of Operations.";
        let segs = segments(t);
        let labels: Vec<_> = segs
            .iter()
            .map(|s| (s.label.as_ref().map(|l| l.id.clone()), s.body_text(t)))
            .collect();
        assert_eq!(
            labels,
            vec![
                (Some("A".to_string()), "the findings be received, and"),
                (
                    Some("B".to_string()),
                    "authority be delegated to the Head of Operations."
                )
            ]
        );
        for t in [
            "That (subject to call-in) the plan be approved.",
            "That (b) be deleted.",
        ] {
            let segs = segments(t);
            assert!(segs.len() == 1 && segs[0].label.is_none(), "{t}");
        }
    }

    #[test]
    fn bracketed_labels_in_sequence_after_single_spaces() {
        assert_eq!(
            pieces("1) Note content of the report and briefing 2) Comment as appropriate"),
            vec![
                "1) Note content of the report and briefing",
                "2) Comment as appropriate"
            ]
        );
        // Not next in sequence, or no capital after: the words of one item.
        assert_eq!(
            pieces("1) Note section 4) of the report"),
            vec!["1) Note section 4) of the report"]
        );
        assert_eq!(
            pieces("(a) Agree option (b) as set out"),
            vec!["(a) Agree option (b) as set out"]
        );
        // Letters and roman numerals closed by a full stop run on the same way.
        assert_eq!(
            pieces("i. Note the report ii. Offer any further comments"),
            vec!["i. Note the report", "ii. Offer any further comments"]
        );
        // …but not numbers, whose full stop may end a sentence.
        assert_eq!(
            pieces("1. The total rose by 4. The Council noted it"),
            vec!["1. The total rose by 4. The Council noted it"]
        );
        // After a lead-in's colon, the first label and those that go on from it.
        assert_eq!(
            pieces("Members are asked to: (a) Note the update (b) Endorse the rates"),
            vec![
                "Members are asked to:",
                "(a) Note the update",
                "(b) Endorse the rates"
            ]
        );
    }

    #[test]
    fn nested_inline_items() {
        assert_eq!(
            pieces(
                "1. That Cabinet: (a) note the report; (b) approve the plan.  2. That Council be informed."
            ),
            vec![
                "1. That Cabinet:",
                "(a) note the report;",
                "(b) approve the plan.",
                "2. That Council be informed."
            ]
        );
    }

    #[test]
    fn cross_references_do_not_split() {
        assert_eq!(
            pieces("1. As set out in recommendations 1, 2 and 9 and paragraph 4.6 of the report."),
            vec!["1. As set out in recommendations 1, 2 and 9 and paragraph 4.6 of the report."]
        );
    }

    #[test]
    fn a_list_counts_past_999_but_a_year_starts_no_item() {
        let mut t = String::new();
        for i in 997..=1001 {
            t.push_str(&format!("{i}. That item {i} be approved.\n"));
        }
        t.push_str("Under the Local Government Act\n1972. The report was noted.\n");
        // Hard-wrapped: the item after 999 still starts on its own line.
        t.push_str("998. That the plan be approved as set out in\nthe report and its appendices\n");
        t.push_str("999. That the budget of the service for the year\n");
        t.push_str("1000. That the officers report back in March.\n");
        let ids: Vec<Option<String>> = segments(&t)
            .iter()
            .map(|s| s.label.as_ref().map(|l| l.id.clone()))
            .collect();
        let want = ["997", "998", "999", "1000", "1001"].map(|s| Some(s.to_string()));
        assert_eq!(ids[..5], want);
        assert_eq!(ids[5..7], [None, None]);
        let wrapped = ["998", "", "999", "1000"].map(|s| (!s.is_empty()).then(|| s.to_string()));
        assert_eq!(ids[7..], wrapped);
    }

    #[test]
    fn bullet_then_label() {
        let t = "·       Recommendation 1:  that the Council’s achievements be celebrated.";
        let s = &segments(t)[0];
        assert_eq!(s.label.as_ref().unwrap().id, "1");
        assert!(!s.bullet);
        assert_eq!(
            s.body_text(t),
            "that the Council’s achievements be celebrated."
        );
    }

    #[test]
    fn table_residue() {
        let t = "| 1 | That the plan be adopted | Complete |";
        let s = &segments(t)[0];
        assert!(s.table_row);
        assert!(
            s.label.is_none(),
            "a bare number is not a label outside a list"
        );
    }

    #[test]
    fn a_wrapped_cell_ends_at_its_bar_and_keeps_its_items() {
        let t = "RESOLVED: 1. That the report be approved. 2. That the return for the year ended\n31st March 2026, be signed. 3. That the statement be confirmed. |\n|";
        assert_eq!(
            pieces(t),
            vec![
                "RESOLVED:",
                "1. That the report be approved.",
                "2. That the return for the year ended",
                "31st March 2026, be signed.",
                "3. That the statement be confirmed. |",
            ]
        );
    }

    /// What [`next_candidate`] reads, as a pattern: a stop or comma and blanks, a run of blanks
    /// or a tab, then perhaps `and` or `or`, then a `(` or word character. Matches `noted;  (b)
    /// approved`; must not match `noted (b)`.
    static INLINE_CANDIDATE: LazyLock<Regex> =
        LazyLock::new(|| re_new(r"(?:[.;:,]\s+|\s{2,}|\t)(?:and\s+|or\s+)?([(\w])").unwrap());

    fn candidate_by_pattern(line: &str, from: usize) -> Option<Candidate> {
        let c = INLINE_CANDIDATE.captures_at(line, from)?;
        Some(Candidate {
            start: c.get(0)?.start(),
            at: c.get(1)?.start(),
        })
    }

    const LINE_PIECES: &[&str] = &[
        ".", ";", ":", ",", " ", "  ", "\t", "\u{a0}", "\u{2003}", "\n", "\u{b}", "\u{85}",
        "\u{3000}", "\u{1c}", "and", "or", "andrew", "(", "(b)", "2.", "a", "X", "_", "–", "’",
        "é", "noted", "That",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]
        #[test]
        fn candidates_are_where_the_pattern_finds_them(
            v in proptest::collection::vec(proptest::sample::select(LINE_PIECES), 0..16),
            from in 0usize..40,
        ) {
            let line = v.concat();
            let mut from = from.min(line.len());
            while !line.is_char_boundary(from) {
                from -= 1;
            }
            proptest::prop_assert_eq!(
                next_candidate(&line, from),
                candidate_by_pattern(&line, from),
                "{:?} from {}", line, from
            );
            let all: Vec<_> = candidates(&line, 0).collect();
            let by_pattern: Vec<_> = INLINE_CANDIDATE
                .captures_iter(&line)
                .map(|c| Candidate { start: c.get(0).unwrap().start(), at: c.get(1).unwrap().start() })
                .collect();
            proptest::prop_assert_eq!(all, by_pattern, "{:?}", line);
        }
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[
            (&*INLINE_CANDIDATE, "noted;  (b) approved", "noted (b)"),
            (
                &*super::LEADIN_COLON,
                "RESOLVED: that",
                "The plan was approved.",
            ),
            (
                &*super::PAGE_MARK,
                "Page 3 of 12",
                "Page 3 sets out the budget.",
            ),
            (&*super::SENTENCE_AFTER_ITEM, "councils. Members", "No. 5"),
            (
                &*super::ASIDE_AFTER_BLANKS,
                "   Reasons for Decision:",
                "the reasons for the delay",
            ),
        ];
        crate::extract::textutil::assert_documented_examples(cases);
    }
}
