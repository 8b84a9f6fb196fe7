//! Reads a list from a run of segments: numbered items of one style in sequence, sub-items of
//! another style nested in them, bullet items, hard-wrapped continuation lines, labels alone on
//! their line, and `REASON:` asides between items. It stops at the first segment that fits
//! none of these, so a numbered paragraph that does not continue the sequence ends the list.

use super::label::{Counter, Label};
use super::leadin;
use super::segment::Segment;
use super::textutil::{
    collapse, ends_sentence, ends_with_opener, is_heading_like, is_terminator, opens_narrative,
    starts_lower,
};

/// An item read from a list, with its sub-items.
#[derive(Debug, Clone, Default)]
pub struct ItemDraft {
    pub label: Option<Label>,
    /// Where the item starts (its label, or its first word) and ends.
    pub start: usize,
    pub end: usize,
    /// The item's own words and its sub-items, in text order.
    pub parts: Vec<Part>,
    /// Indentation of the item's first line.
    pub indent: usize,
    pub bullet: bool,
}

#[derive(Debug, Clone)]
pub enum Part {
    Text(usize, usize),
    Child(ItemDraft),
}

impl ItemDraft {
    pub fn from_segment(seg: &Segment) -> ItemDraft {
        let start = if seg.label.is_some() {
            seg.label_start
        } else {
            seg.body
        };
        let mut item = ItemDraft {
            label: seg.label.clone(),
            start,
            end: seg.end,
            parts: Vec::new(),
            indent: seg.indent,
            bullet: seg.bullet,
        };
        if seg.body < seg.end {
            item.parts.push(Part::Text(seg.body, seg.end));
        }
        item
    }

    /// The item's own words so far (without sub-items), whitespace collapsed.
    pub fn own_text(&self, text: &str) -> String {
        let mut s = String::new();
        for p in &self.parts {
            if let Part::Text(a, b) = p {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(&text[*a..*b]);
            }
        }
        collapse(&s)
    }

    /// The item's words with its sub-items, each as `label text`.
    pub fn full_text(&self, text: &str) -> String {
        let mut pieces: Vec<String> = Vec::new();
        for p in &self.parts {
            match p {
                Part::Text(a, b) => pieces.push(text[*a..*b].to_string()),
                Part::Child(c) => {
                    let label = c
                        .label
                        .as_ref()
                        .map(|l| text[c.start..c.start + l.len].to_string())
                        .unwrap_or_default();
                    let body = c.full_text(text);
                    pieces.push(if label.is_empty() {
                        body
                    } else {
                        format!("{label} {body}")
                    });
                }
            }
        }
        collapse(&pieces.join(" "))
    }

    pub fn children(&self) -> impl Iterator<Item = &ItemDraft> {
        self.parts.iter().filter_map(|p| match p {
            Part::Child(c) => Some(c),
            _ => None,
        })
    }

    fn last_text(&self, text: &str) -> String {
        match self.parts.last() {
            Some(Part::Text(a, b)) => text[*a..*b].trim_end().to_string(),
            Some(Part::Child(c)) => c.last_text(text),
            None => String::new(),
        }
    }

    fn extend(&mut self, seg: &Segment) {
        self.parts.push(Part::Text(seg.start, seg.end));
        self.end = seg.end;
    }
}

/// How a list is allowed to grow.
#[derive(Debug, Clone, Copy)]
pub struct ListRules {
    /// Accept `REASON:` asides between items and resume after them.
    pub asides: bool,
    /// Accept nested sub-lists.
    pub nesting: bool,
}

impl Default for ListRules {
    fn default() -> Self {
        ListRules {
            asides: true,
            nesting: true,
        }
    }
}

/// Deepest nesting of sub-lists followed; deeper labels end the list.
const MAX_DEPTH: usize = 6;

struct Level {
    last: Option<Label>,
    bullet: bool,
    glyph: Option<char>,
    items: Vec<ItemDraft>,
    indent: usize,
}

impl Level {
    /// A level whose first item is segment `s` (numbered or bulleted).
    fn opened_by(s: &Segment) -> Level {
        Level {
            last: s.label.clone(),
            bullet: s.bullet,
            glyph: s.glyph,
            items: vec![ItemDraft::from_segment(s)],
            indent: s.indent,
        }
    }
}

/// Reads the list whose first item is `segs[first]`. Returns the items and the index of the
/// first segment after the list.
pub fn read_list(
    text: &str,
    segs: &[Segment],
    first: usize,
    rules: ListRules,
) -> (Vec<ItemDraft>, usize) {
    let f = &segs[first];
    let mut levels = vec![Level::opened_by(f)];
    let mut j = first + 1;
    let mut in_aside = false;
    let mut aside_len = 0;
    while j < segs.len() {
        let s = &segs[j];
        let words = s.body_text(text);
        let whole = s.text(text);
        if s.furniture {
            // A running header or footer between two halves of an item.
            j += 1;
            continue;
        }
        if is_terminator(whole) {
            break;
        }
        if let Some(label) = &s.label {
            let matching: Vec<usize> = (0..levels.len())
                .filter(|&d| {
                    levels[d]
                        .last
                        .as_ref()
                        .is_some_and(|p| p.is_followed_by(label))
                })
                .collect();
            // When a sub-list and its parent both continue, the indentation decides.
            let depth = matching
                .iter()
                .rev()
                .find(|&&d| levels[d].indent == s.indent)
                .or(matching.last())
                .copied();
            // `(ii)` printed twice for `(ii)` and `(iii)`: the list goes on past the misprint.
            let repeat = if depth.is_none() {
                misprinted_repeat(text, segs, j, &levels, label)
            } else {
                None
            };
            // `1.` before every item: numbering lost when the page was converted.
            let unnumbered = depth
                .or(repeat)
                .is_none()
                .then(|| all_first(text, &segs[..j], &levels, label))
                .flatten();
            let depth = depth.or(repeat).or(unnumbered);
            // `3. Adult Social Care Charging Policy` after sentences is the next minute's
            // heading, not the next item.
            // A label mid-line (`…; and 6) Consider the`) is never a heading.
            let heading_after_items = !s.inline
                && is_heading_like(words)
                && depth.is_some_and(|d| {
                    levels[d]
                        .items
                        .iter()
                        .all(|it| is_sentence(&it.own_text(text)))
                });
            if heading_after_items {
                break;
            }
            if let Some(depth) = depth {
                fold_to(&mut levels, depth + 1);
                let mut label = label.clone();
                if let Some(prev) = &levels[depth].last {
                    label.resolve_after(prev);
                }
                let mut item = ItemDraft::from_segment(s);
                item.label = Some(label.clone());
                levels[depth].items.push(item);
                // After a misprint the list counts on from the number it stands for.
                if repeat.is_some() {
                    label = Label {
                        value: label.value + 1,
                        alt: None,
                        ..label
                    };
                }
                levels[depth].last = Some(label);
                in_aside = false;
                j += 1;
                continue;
            }
            if !in_aside
                && rules.nesting
                && levels.len() < MAX_DEPTH
                && (opens_child(text, &levels, s, label)
                    || parent_resumes_after_sub_list(text, segs, j, &levels))
            {
                levels.push(Level::opened_by(s));
                j += 1;
                continue;
            }
            break;
        }
        if in_aside {
            if leadin::find(words).is_some() || s.bullet || aside_len >= 4 {
                break;
            }
            aside_len += 1;
            j += 1;
            continue;
        }
        if rules.asides && leadin::is_aside(words) {
            in_aside = true;
            aside_len = 0;
            j += 1;
            continue;
        }
        if s.bullet {
            let top = levels.last().expect("a level");
            // `•` items with `o` items under them: a new glyph opens a sub-list, a glyph seen
            // before returns to its level.
            let same_glyph = levels
                .iter()
                .rposition(|lv| lv.bullet && lv.glyph == s.glyph);
            if let Some(d) = same_glyph.filter(|&d| d + 1 < levels.len()) {
                fold_to(&mut levels, d + 1);
                levels[d].items.push(ItemDraft::from_segment(s));
                j += 1;
                continue;
            }
            if top.bullet && same_glyph.is_none() && rules.nesting && levels.len() < MAX_DEPTH {
                levels.push(Level::opened_by(s));
                j += 1;
                continue;
            }
            if top.bullet && s.indent + 1 >= top.indent {
                if s.indent > top.indent + 1 && rules.nesting && levels.len() < MAX_DEPTH {
                    levels.push(Level::opened_by(s));
                } else {
                    let lv = levels.last_mut().expect("a level");
                    lv.items.push(ItemDraft::from_segment(s));
                }
                j += 1;
                continue;
            }
            if let Some(d) = levels
                .iter()
                .rposition(|lv| lv.bullet && lv.indent == s.indent)
            {
                fold_to(&mut levels, d + 1);
                levels[d].items.push(ItemDraft::from_segment(s));
                j += 1;
                continue;
            }
            let current = levels
                .last()
                .and_then(|lv| lv.items.last())
                .expect("an item");
            let opener = current.last_text(text);
            if rules.nesting
                && levels.len() < MAX_DEPTH
                && (opener.ends_with(':') || opener.ends_with('-') || s.indent > top.indent)
            {
                levels.push(Level::opened_by(s));
                j += 1;
                continue;
            }
            break;
        }
        if leadin::find(words).is_some() {
            break;
        }
        let prev = &segs[j - 1];
        let current = levels
            .last_mut()
            .and_then(|lv| lv.items.last_mut())
            .expect("an item");
        if continues(text, current, prev, s) {
            current.extend(s);
            j += 1;
            continue;
        }
        // A remark between two items (`Members thanked officers.`): the list goes on when the
        // next label, a paragraph or two later, continues it.
        if rules.asides && resumes_after(text, segs, j, &levels) {
            in_aside = true;
            aside_len = 0;
            j += 1;
            continue;
        }
        break;
    }
    fold_to(&mut levels, 1);
    let items = levels.pop().map(|l| l.items).unwrap_or_default();
    (items, j)
}

/// Whether, within the next two paragraphs after `segs[j]`, a label continues one of the open
/// levels (and is not a heading), with nothing in between that starts something else.
fn resumes_after(text: &str, segs: &[Segment], j: usize, levels: &[Level]) -> bool {
    let mut paragraphs = 0;
    for s in segs.iter().skip(j).take(8) {
        let words = s.body_text(text);
        if let Some(label) = &s.label {
            let continues = levels
                .iter()
                .any(|lv| lv.last.as_ref().is_some_and(|p| p.is_followed_by(label)));
            return continues && !is_heading_like(words);
        }
        if s.blank_before {
            paragraphs += 1;
        }
        if paragraphs > 2
            || s.bullet
            || is_terminator(s.text(text))
            || is_heading_like(words)
            || leadin::find(words).is_some()
        {
            return false;
        }
    }
    false
}

/// The labels of the segments after `segs[j]`, a few lines on at most, up to a line that starts
/// a new part of the page.
fn labels_ahead<'a>(
    text: &'a str,
    segs: &'a [Segment],
    j: usize,
) -> impl Iterator<Item = &'a Label> {
    segs.iter()
        .skip(j + 1)
        .take(16)
        .take_while(move |s| !is_terminator(s.text(text)))
        .filter_map(|s| s.label.as_ref())
}

/// The depth of the list whose last label `segs[j]` repeats (`(i)`, `(ii)`, `(ii)`), when a
/// label two on from it in the same style follows within a few lines (`(iv)`): a misprint
/// that stands for the label between them. Not a repeat the list never goes on from.
fn misprinted_repeat(
    text: &str,
    segs: &[Segment],
    j: usize,
    levels: &[Level],
    label: &Label,
) -> Option<usize> {
    let d = levels
        .iter()
        .rposition(|lv| lv.last.as_ref() == Some(label))?;
    let next = labels_ahead(text, segs, j).find(|l| l.same_style(label))?;
    (next.counter == label.counter && next.value == label.value + 2).then_some(d)
}

/// The depth of the list whose every label so far is the first one that `label` repeats
/// (`1.`, `1.`, `1.`): a list whose numbering was lost, each item printed as the first. Not
/// `1.` after `1.`, `2.` (a new list), nor after a line that opens a list of its own
/// (`Reasons for the decision:`). `before` are the segments before the label's.
fn all_first(text: &str, before: &[Segment], levels: &[Level], label: &Label) -> Option<usize> {
    let opener = before
        .last()
        .is_some_and(|s| ends_with_opener(s.text(text)));
    if !label.is_first() || opener {
        return None;
    }
    let d = levels
        .iter()
        .rposition(|lv| lv.last.as_ref() == Some(label))?;
    let lv = &levels[d];
    lv.items
        .iter()
        .all(|it| it.label.as_ref().is_none_or(|l| l == label))
        .then_some(d)
}

/// Whether the list of another style that starts at `segs[j]` (`(a)`, `(b)` under `(iii)`)
/// is followed, within a few lines, by the next label of a list already open (`(iv)`): the
/// items in between are then sub-items of the last one, whatever their punctuation.
fn parent_resumes_after_sub_list(text: &str, segs: &[Segment], j: usize, levels: &[Level]) -> bool {
    let Some(mut sub_last) = segs[j].label.as_ref().filter(|l| l.is_first()) else {
        return false;
    };
    for l in labels_ahead(text, segs, j) {
        if levels
            .iter()
            .any(|lv| lv.last.as_ref().is_some_and(|p| p.is_followed_by(l)))
        {
            return true;
        }
        if !sub_last.is_followed_by(l) {
            return false;
        }
        sub_last = l;
    }
    false
}

/// Whether `label` opens a list nested in the current item.
fn opens_child(text: &str, levels: &[Level], s: &Segment, label: &Label) -> bool {
    let top = levels.last().expect("a level");
    let Some(current) = top.items.last() else {
        return false;
    };
    // `1.` inside `1.` is a sub-list only when it is indented further.
    let deeper = s.indent > top.indent;
    if !deeper
        && levels.iter().any(|lv| {
            lv.last
                .as_ref()
                .is_some_and(|l| l.first_style_matches(label))
        })
    {
        return false;
    }
    let under_section = current
        .label
        .as_ref()
        .is_some_and(|p| label.is_under_section(p) && label.value == 1);
    let raw_opener = current.last_text(text);
    let raw_opener = raw_opener.trim_end();
    // `:-` and `: –` end an opening line as a plain colon does.
    let opener = raw_opener.trim_end_matches(['-', '–', ' ']);
    // `be amended as follows:` then `18. All unsecured furniture …`: a sub-list that quotes
    // its own numbers.
    if !label.is_first() && !under_section && !opener.ends_with(':') {
        return false;
    }
    // `… amend the Constitution to;` hangs on its `to` whatever punctuation follows it.
    let bare = opener.trim_end_matches([';', ',', ':', ' ']);
    s.indent > top.indent
        || s.inline
        || under_section
        || opener.ends_with(':')
        || raw_opener.ends_with(" -")
        || raw_opener.ends_with('–')
        || bare.ends_with(" to")
        || bare.ends_with(" that")
        || opener.ends_with(',')
        || current.parts.is_empty()
        // `a) the following be issued for consultation (to close on 3 March)` then `i) the
        // draft plan`: words that do not end a sentence run on into a sub-list that starts in
        // lower case.
        || (label.is_first() && !ends_sentence(raw_opener) && starts_lower(s.body_text(text)))
}

/// Whether segment `s` (after `prev`) continues `item`'s words.
pub fn continues(text: &str, item: &ItemDraft, prev: &Segment, s: &Segment) -> bool {
    if s.table_row && !prev.table_row {
        return false;
    }
    let words = s.text(text);
    if is_terminator(words) {
        return false;
    }
    let so_far = item.last_text(text);
    if item.parts.is_empty() || so_far.is_empty() {
        // A label alone on its line: its words follow.
        return !is_heading_like(words) || !s.blank_before;
    }
    if !s.blank_before {
        if is_heading_like(words) && ends_sentence(&so_far) {
            return false;
        }
        // `… are noted.` then `Cabinet considered the report …`: the minutes go on after the
        // last item.
        if ends_sentence(&so_far) && opens_narrative(words) {
            return false;
        }
        // Words cut off after the last item of a list on one line start a new sentence.
        if s.inline && s.label.is_none() && ends_sentence(&so_far) && !starts_lower(words) {
            return false;
        }
        return s.soft_break || s.inline || starts_lower(words) || prev.line == s.line;
    }
    if so_far.ends_with(',') || so_far.ends_with(" and") || so_far.ends_with(" or") {
        return true;
    }
    // `the following be appointed –` then one short line per appointment.
    if item.label.is_some()
        && introduces_lines(text, item)
        && words.len() < 160
        && !ends_sentence(words)
    {
        return true;
    }
    // `(i) That Council resolves Option B:` then the option's words, quoted or as a `That …`
    // paragraph of their own.
    if item.label.is_some()
        && so_far.ends_with(':')
        && (words.starts_with("That ") || words.starts_with(['“', '"', '‘']))
    {
        return true;
    }
    // `Recommendation 1 – Narrative of place` with its words in the next paragraph.
    let titled = item
        .label
        .as_ref()
        .is_some_and(|l| l.counter == Counter::RecWord);
    if titled && item.parts.len() == 1 && is_heading_like(&so_far) && !is_heading_like(words) {
        return true;
    }
    !ends_sentence(&so_far) && !so_far.ends_with(':') && starts_lower(words)
}

/// A full sentence rather than a short title.
fn is_sentence(s: &str) -> bool {
    ends_sentence(s) || s.split_whitespace().count() > 8
}

/// Whether the item's words so far end in a colon or dash followed only by short lines: an
/// item that lists names or places one per line.
fn introduces_lines(text: &str, item: &ItemDraft) -> bool {
    let texts: Vec<&str> = item
        .parts
        .iter()
        .filter_map(|p| match p {
            Part::Text(a, b) => Some(text[*a..*b].trim_end()),
            Part::Child(_) => None,
        })
        .collect();
    let Some(opener) = texts
        .iter()
        .rposition(|t| t.ends_with(':') || t.ends_with('–') || t.ends_with(" -"))
    else {
        return false;
    };
    texts[opener + 1..]
        .iter()
        .all(|t| t.len() < 160 && !ends_sentence(t))
}

/// Folds levels deeper than `keep` into their parents' last items.
fn fold_to(levels: &mut Vec<Level>, keep: usize) {
    while levels.len() > keep.max(1) {
        let lv = levels.pop().expect("a level");
        let parent = levels
            .last_mut()
            .and_then(|p| p.items.last_mut())
            .expect("a parent item");
        for child in lv.items {
            parent.end = parent.end.max(child.end);
            parent.parts.push(Part::Child(child));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::segment::segments;

    /// One item as read: its id, its own words, and each child's id and words.
    type Read = (Option<String>, String, Vec<(Option<String>, String)>);

    /// Reads the list that starts at the first segment of `text`: its items and the index of
    /// the first segment after it.
    fn read(text: &str) -> (Vec<Read>, usize) {
        let segs = segments(text);
        let (items, next) = read_list(text, &segs, 0, ListRules::default());
        let id = |i: &ItemDraft| i.label.as_ref().map(|l| l.id.clone());
        let items = items
            .iter()
            .map(|i| {
                let children = i.children().map(|c| (id(c), c.full_text(text))).collect();
                (id(i), i.own_text(text), children)
            })
            .collect();
        (items, next)
    }

    fn ids(items: &[Read]) -> Vec<&str> {
        items
            .iter()
            .map(|i| i.0.as_deref().unwrap_or("-"))
            .collect()
    }

    fn texts(items: &[Read]) -> Vec<&str> {
        items.iter().map(|i| i.1.as_str()).collect()
    }

    #[test]
    fn numbered_items() {
        let (items, next) = read(
            "1. That the plan be approved.\n2. That the report be noted.\n3. That officers report back in March.\n",
        );
        assert_eq!(ids(&items), ["1", "2", "3"]);
        assert_eq!(
            texts(&items),
            [
                "That the plan be approved.",
                "That the report be noted.",
                "That officers report back in March."
            ]
        );
        assert!(items.iter().all(|i| i.2.is_empty()));
        assert_eq!(next, 3);
    }

    #[test]
    fn lettered_items() {
        let (items, _) = read(
            "(a) note the report;\n(b) approve the revised fees;\n(c) delegate authority to the Director of Place.\n",
        );
        assert_eq!(ids(&items), ["a", "b", "c"]);
        assert_eq!(items[1].1, "approve the revised fees;");
    }

    #[test]
    fn roman_items_after_an_ambiguous_first() {
        // `i.` reads as a letter or a numeral; `ii.` settles it.
        let (items, _) = read(
            "i. note the report;\nii. approve the plan;\niii. agree the budget for 2025/26.\n",
        );
        assert_eq!(ids(&items), ["i", "ii", "iii"]);
        assert_eq!(items[2].1, "agree the budget for 2025/26.");
    }

    #[test]
    fn a_misprinted_repeat_in_a_list() {
        // `(ii)` printed twice, then `(iv)`: one list of four, the ids as printed.
        let text = "(i) noted the work;\n\n(ii) noted the report;\n\n(ii) noted the referrals;\n\n(iv) noted the next report.\n";
        let (items, _) = read(text);
        assert_eq!(ids(&items), ["i", "ii", "ii", "iv"]);
        // A repeat the list does not go on from ends it.
        let text = "(i) noted the work;\n\n(ii) noted the report;\n\n(ii) noted the referrals;\n\n(iii) noted the next report.\n";
        let (items, _) = read(text);
        assert_eq!(ids(&items), ["i", "ii"]);
    }

    #[test]
    fn the_minutes_that_go_on_after_the_last_item_are_not_part_of_it() {
        let text = "(1) the review report is welcomed;\n(2) the action plan updates prepared for the peer team ahead of their visit are noted.\nCabinet considered the report of the Leader of the Council that shared the findings.\n";
        let (items, next) = read(text);
        assert_eq!((ids(&items), next), (vec!["1", "2"], 2));
        // A hard-wrapped item goes on.
        let text = "(1) the review report is welcomed and the Leader of the Council\nthanked for the work on the action plan.\n";
        let (items, next) = read(text);
        assert_eq!((ids(&items), next), (vec!["1"], 2));
    }

    #[test]
    fn a_list_whose_numbering_was_lost_prints_the_first_label_every_time() {
        let text =
            "1. Note the findings;\n\n1. Approve a consultation;\n\n1. Agree the timetable.\n";
        let (items, _) = read(text);
        assert_eq!(ids(&items), ["1", "1", "1"]);
        // After `2.` a `1.` starts another list.
        let text =
            "1. Note the findings;\n\n2. Approve a consultation;\n\n1. Agree the timetable.\n";
        let (items, next) = read(text);
        assert_eq!((ids(&items), next), (vec!["1", "2"], 2));
        // A line that opens a list of its own ends the first.
        let text = "1. Note the findings;\n\n1. Approve a consultation.\n\nReasons for the decision:\n\n1. The fees must recover costs.\n";
        let (items, _) = read(text);
        assert_eq!(ids(&items), ["1", "1"]);
    }

    #[test]
    fn a_sub_list_the_parent_list_resumes_after() {
        let text = "(i) the floods damaged homes;\n\n(ii) the report, published in 2018;\n\n(a) describes the harm;\n\n(b) confirms the target;\n\n(iii) councils have a duty to act.\n";
        let (items, _) = read(text);
        assert_eq!(ids(&items), ["i", "ii", "iii"]);
        assert_eq!(items[1].2.len(), 2);
        // When the first list does not come back, the other style ends it.
        let text = "(i) the floods damaged homes;\n\n(ii) the report was published.\n\n(a) Background\n\n(b) Options\n";
        let (items, next) = read(text);
        assert_eq!(ids(&items), ["i", "ii"]);
        assert!(items[1].2.is_empty());
        assert_eq!(next, 2);
    }

    #[test]
    fn a_sub_list_the_words_run_on_into() {
        // No colon: words that do not end a sentence, then a first label in lower case.
        let text = "a) the following be published (closing on 3 March)\n\ni) the draft plan; and\n\nii) the appraisal\n\nb) authority be delegated.\n";
        let (items, _) = read(text);
        assert_eq!(ids(&items), ["a", "b"]);
        assert_eq!(items[0].2.len(), 2);
        // A heading after an item is not its sub-list: it starts in upper case.
        let text = "a) the plan be noted\n\n1. Background\n";
        let (items, _) = read(text);
        assert_eq!(ids(&items), ["a"]);
        assert!(items[0].2.is_empty());
    }

    #[test]
    fn nested_children() {
        let text = "1. That Cabinet:\n   (a) note the report;\n   (b) approve the plan.\n2. That Council be informed.\n";
        let (items, next) = read(text);
        assert_eq!(ids(&items), ["1", "2"]);
        assert_eq!(items[0].1, "That Cabinet:");
        assert_eq!(
            items[0].2,
            [
                (Some("a".to_string()), "note the report;".to_string()),
                (Some("b".to_string()), "approve the plan.".to_string())
            ]
        );
        assert_eq!(items[1].1, "That Council be informed.");
        assert!(items[1].2.is_empty());
        assert_eq!(next, 4);
        let segs = segments(text);
        let (drafts, _) = read_list(text, &segs, 0, ListRules::default());
        assert_eq!(
            drafts[0].full_text(text),
            "That Cabinet: (a) note the report; (b) approve the plan."
        );
        // Without nesting, the sub-item ends the list.
        let (flat, next) = read_list(
            text,
            &segs,
            0,
            ListRules {
                nesting: false,
                ..ListRules::default()
            },
        );
        assert_eq!((flat.len(), next), (1, 1));
    }

    #[test]
    fn items_across_blank_lines() {
        let (items, next) = read(
            "1. That the plan be approved.\n\n2. That the report be noted.\n\n3. That officers report back.\n",
        );
        assert_eq!(ids(&items), ["1", "2", "3"]);
        assert_eq!(texts(&items)[2], "That officers report back.");
        assert_eq!(next, 3);
    }

    #[test]
    fn an_item_runs_on_into_the_next_paragraph() {
        let (items, _) = read(
            "1. That the plan be approved, subject to\n\nthe comments made by the Committee.\n2. That the report be noted.\n",
        );
        assert_eq!(ids(&items), ["1", "2"]);
        assert_eq!(
            items[0].1,
            "That the plan be approved, subject to the comments made by the Committee."
        );
        assert_eq!(items[1].1, "That the report be noted.");
        // An item that ends in a colon, then the words it introduces as a paragraph.
        let (items, _) = read(
            "(i) That Council resolves Option B:\n\nThat the submission recommends 51 councillors.\n\n(ii) That the cycle be kept.\n",
        );
        assert_eq!(ids(&items), ["i", "ii"]);
        assert_eq!(
            items[0].1,
            "That Council resolves Option B: That the submission recommends 51 councillors."
        );
    }

    #[test]
    fn what_is_not_a_list_ends_it() {
        // A new sentence after a full stop is not part of the item, nor a number out of
        // sequence the next item.
        let (items, next) = read(
            "1. That the plan be approved.\n\nMembers discussed the budget at length.\n\n3. Any other business\n",
        );
        assert_eq!(ids(&items), ["1"]);
        assert_eq!(texts(&items), ["That the plan be approved."]);
        assert_eq!(next, 1);
        let (items, next) = read("1. That the plan be approved.\n3. That the report be noted.\n");
        assert_eq!((ids(&items), next), (vec!["1"], 1));
        // A section label ends the list.
        let (items, next) = read(
            "1. That the plan be approved.\n2. That the report be noted.\nBackground papers\nNone.\n",
        );
        assert_eq!((items.len(), next), (2, 2));
    }
}
