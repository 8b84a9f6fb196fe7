//! Recommendations and resolutions: lists governed by a lead-in, self-identifying items
//! (`Recommendation 3:`, `SR (25/26) 01`), single unnumbered resolutions after a lead-in, and
//! — when a page dropped its heading — a numbered list whose items read as resolutions.
//!
//! Numbered lists without any of these (themes, report paragraphs, declarations, minute
//! numbers, purposes of a meeting) are left alone: the lead-in is what makes a list count.

use super::label::{Counter, Label, parse_label};
use super::leadin::{self, LeadIn};
use super::list::{ItemDraft, ListRules, continues, read_list};
use super::segment::{Segment, paragraph_ending_at};
use super::table::Table;
use super::textutil::{
    collapse, ends_sentence, ends_with_opener, is_heading_like, is_terminator, opens_like_item,
    reads_like_resolution,
};
use crate::model::RecKind;

/// A recommendation found in the text, before spans are turned into characters.
#[derive(Debug, Clone)]
pub struct FoundRec {
    pub item: ItemDraft,
    pub kind: RecKind,
    pub lead_in: Option<String>,
}

/// Facts about the whole document that decide borderline cases.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocContext {
    /// The document talks about a peer challenge or peer review.
    pub peer: bool,
    /// The document is not an officer's report (a decision, issue, minutes or agenda page, or
    /// one of unknown kind), so a numbered list that reads as resolutions may be a decision
    /// whose heading was lost.
    pub decisions: bool,
}

/// Finds every recommendation in document order.
///
/// `tables` are the document's tables (`table::find_tables`), read once for every extractor.
pub fn find(text: &str, segs: &[Segment], tables: &[Table], ctx: DocContext) -> Vec<FoundRec> {
    let mut out = Vec::new();
    let mut taken = vec![false; segs.len()];
    for table in tables {
        let found = from_tracker(text, table, ctx);
        if !found.is_empty() {
            for t in taken.iter_mut().take(table.next).skip(table.first) {
                *t = true;
            }
            out.extend(found);
        }
    }
    let mut i = 0;
    while i < segs.len() {
        if taken[i] {
            i += 1;
            continue;
        }
        let seg = &segs[i];
        let words = seg.body_text(text);
        // A bulleted `Decisions` is a menu entry, and a numbered `That the following be noted:`
        // an item of its list, not lead-ins of their own.
        let own_item =
            |l: &LeadIn| (seg.bullet && (l.weak || l.heading)) || (seg.label.is_some() && l.sub);
        // A line ending in a colon that speaks of a decision, with a numbered list after it.
        let by_list = || {
            // `Having complied with paragraph 15 of the Rules:` may stand between the line and
            // its list.
            let mut k = i + 1;
            let list_after = |k: usize| {
                segs.get(k)
                    .and_then(|s| s.label.as_ref())
                    .is_some_and(|l| l.is_first())
            };
            if !list_after(k)
                && list_after(k + 1)
                && segs.get(k).is_some_and(|s| s.label.is_none() && !s.bullet)
                && introduces_list(text, segs, k)
            {
                k += 1;
            }
            let next = segs.get(k)?;
            next.label.as_ref().filter(|l| l.is_first())?;
            // A label alone on its line has its words on the next.
            let mut w = next.body_text(text).trim();
            if w.is_empty() {
                w = segs.get(k + 1).map_or("", |s| s.body_text(text));
            }
            let (li, strong) = leadin::opener_with_cue(words).or_else(|| {
                // The lead-in's sentence may start on an earlier, hard-wrapped line.
                let l = wrapped_lead_in(text, segs, i)?;
                Some((
                    LeadIn {
                        end: words.len(),
                        ..l
                    },
                    true,
                ))
            })?;
            let fits = !is_heading_like(w) && (strong || reads_like_resolution(w));
            (fits && seg.label.is_none() && !seg.bullet).then_some(li)
        };
        // `1. the Fire Authority be recommended to:` with its `i)`–`v)`, then `2. the Treasurer
        // be authorised …`: a numbered decision whose sub-items fold into it, in a list of
        // decisions that lost its lead-in (read by `unheaded`).
        let item_of_decisions = |l: &LeadIn| {
            ctx.decisions && seg.label.is_some() && !l.sub && heads_list_of_decisions(text, segs, i)
        };
        if let Some(li) = leadin::find(words)
            .filter(|l| !own_item(l) && !item_of_decisions(l))
            .or_else(by_list)
        {
            let (found, next) = after_lead_in(text, segs, i, li, ctx);
            let outer = found
                .first()
                .and_then(|f| f.item.label.as_ref())
                .is_some_and(|first| continues_outer_list(segs, i, first));
            if !found.is_empty() && !outer {
                for t in taken.iter_mut().take(next).skip(i) {
                    *t = true;
                }
                out.extend(found);
                i = next.max(i + 1);
                continue;
            }
        }
        if seg
            .label
            .as_ref()
            .is_some_and(|l| matches!(l.counter, Counter::RecWord | Counter::Code))
        {
            let kind = match seg.label.as_ref().map(|l| l.counter) {
                Some(Counter::RecWord) if ctx.peer => RecKind::Peer,
                Some(Counter::RecWord) => RecKind::Officer,
                _ => RecKind::Other,
            };
            let (items, next) = read_list(text, segs, i, ListRules::default());
            for t in taken.iter_mut().take(next).skip(i) {
                *t = true;
            }
            out.extend(items.into_iter().map(|item| FoundRec {
                item,
                kind,
                lead_in: None,
            }));
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    out.extend(unheaded(text, segs, &taken, ctx.decisions));
    out.sort_by_key(|r| r.item.start);
    lift_children(text, out)
}

/// Whether a list after the lead-in at `i` goes on from a numbered item the lead-in sits in:
/// `3. Election of Chairman` / `… seconded by Cllr Evans and unanimously agreed.` / `4. Election
/// of Vice Chairman` — the items are the minutes' own, not the lead-in's. Not `RESOLVED:` then
/// `(a)`: a list that opens at its first label.
fn continues_outer_list(segs: &[Segment], i: usize, first: &Label) -> bool {
    !first.is_first()
        && segs[..=i]
            .iter()
            .rev()
            .take(40)
            .find_map(|s| s.label.as_ref().filter(|l| l.same_style(first)))
            .is_some_and(|above| above.is_followed_by(first))
}

/// The last line of a paragraph hard-wrapped from segment `i` (a few lines at most) when it
/// ends in a colon and a list's first label follows: `RESOLVED – to approve to consult on
/// the⏎arrangements for 2027/28, including:` then `1) …`. Not a paragraph that ends a sentence.
fn wrapped_opener(text: &str, segs: &[Segment], i: usize) -> Option<usize> {
    let mut k = i;
    while k < i + 3 {
        let next = segs.get(k + 1)?;
        if next.blank_before
            || next.inline
            || next.label.is_some()
            || next.bullet
            || !next.soft_break
        {
            break;
        }
        k += 1;
    }
    let opens = k > i && super::textutil::ends_with_opener(segs[k].text(text));
    let list = segs
        .get(k + 1)
        .and_then(|s| s.label.as_ref())
        .is_some_and(|l| l.is_first());
    (opens && list).then_some(k)
}

/// Whether the numbered segment `i` is the first item of a list of two or more that nearly all
/// read as resolutions, its own sub-list folded in: `1. the Fire Authority be recommended to:`,
/// `i) …`, `2. the Treasurer be authorised …`. Not `1. Cabinet is recommended to:` with only
/// its lettered items after it.
fn heads_list_of_decisions(text: &str, segs: &[Segment], i: usize) -> bool {
    let Some(label) = segs[i].label.as_ref() else {
        return false;
    };
    if !label.is_first() || matches!(label.counter, Counter::Dotted(_)) {
        return false;
    }
    let (items, _) = read_list(text, segs, i, ListRules::default());
    let resolving = items
        .iter()
        .filter(|it| reads_like_resolution(&it.own_text(text)))
        .count();
    items.len() >= 2 && resolving * 10 >= items.len() * 8
}

/// A lead-in that opens a list and was hard-wrapped so that segment `i` holds only its end
/// (`That Executive approve progress to the next stage of the⏎project, which included:`).
fn wrapped_lead_in(text: &str, segs: &[Segment], i: usize) -> Option<LeadIn> {
    let mut k = i;
    let mut words = segs[i].body_text(text).to_string();
    while k > 0 && i - k < 4 {
        let s = &segs[k];
        if s.blank_before || s.inline || s.label.is_some() || s.bullet || !s.soft_break {
            break;
        }
        k -= 1;
        words = format!("{} {words}", segs[k].body_text(text));
        if let Some(l) = leadin::find(&words).filter(|l| l.rest.is_none()) {
            return Some(l);
        }
    }
    None
}

/// Recommendations written out in a tracker table's `Recommendation` column (its reference
/// column gives the id). A column of bare references (`R1`) is not recommendation text.
fn from_tracker(text: &str, table: &Table, ctx: DocContext) -> Vec<FoundRec> {
    let cols = table.columns(text);
    let Some(rc) = cols.recommendation else {
        return Vec::new();
    };
    // A follow-up table with a status for each recommendation and no action column of its own
    // tracks the recommendations as actions (`Implemented`, `Partially implemented`).
    if cols.status.is_some() && cols.action.is_none() {
        return Vec::new();
    }
    // `Recommendations Approved` in a two-column details table is a value, not a column.
    let (ha, hb) = table.header[rc];
    if !REC_COLUMN.is_match(text[ha..hb].trim()) {
        return Vec::new();
    }
    let sentences = table
        .rows
        .iter()
        .filter(|r| {
            r.get(rc)
                .is_some_and(|&(a, b)| text[a..b].split_whitespace().count() >= 3)
        })
        .count();
    if sentences * 2 < table.rows.len() {
        return Vec::new();
    }
    let kind = if ctx.peer {
        RecKind::Peer
    } else {
        RecKind::Other
    };
    table
        .rows
        .iter()
        .filter_map(|row| {
            let &(a, b) = row.get(rc)?;
            if b <= a {
                return None;
            }
            let label = cols
                .id
                .and_then(|k| row.get(k))
                .and_then(|&(ia, ib)| label_of_cell(&text[ia..ib]));
            let item = ItemDraft {
                label,
                start: a,
                end: b,
                parts: vec![super::list::Part::Text(a, b)],
                indent: 0,
                bullet: false,
            };
            Some(FoundRec {
                item,
                kind,
                lead_in: None,
            })
        })
        .collect()
}

/// The label in a reference cell: `1`, `1.`, `R1`, `SR (25/26) 01`.
fn label_of_cell(cell: &str) -> Option<super::label::Label> {
    let cell = cell.trim();
    if cell.is_empty() || cell.len() > 20 {
        return None;
    }
    parse_label(cell)
        .filter(|l| l.len == cell.len())
        .or_else(|| {
            parse_label(&format!("{cell}.")).map(|mut l| {
                l.len = cell.len();
                l
            })
        })
}

/// Reads what a lead-in at `segs[i]` introduces.
fn after_lead_in(
    text: &str,
    segs: &[Segment],
    i: usize,
    li: LeadIn,
    ctx: DocContext,
) -> (Vec<FoundRec>, usize) {
    let seg = &segs[i];
    let words_at = seg.body;
    let mut kind = li.kind;
    if kind == RecKind::Officer && li.sub && ctx.decisions {
        kind = RecKind::Resolution;
    }
    // `The peer team spent four days on site. … The team made 8 key recommendations:`: the
    // paragraph says whose they are.
    if kind == RecKind::Officer && leadin::mentions_peer(&paragraph_ending_at(text, segs, i)) {
        kind = RecKind::Peer;
    }
    let mut lead_text = collapse(&text[seg.start..words_at + li.end]);
    if li.rest.is_some()
        && let Some(k) = wrapped_opener(text, segs, i)
    {
        // `RESOLVED – to approve to consult on the proposed⏎arrangements, including:` and a
        // list: the words after the label were the start of a lead-in, hard-wrapped.
        let open = LeadIn {
            rest: None,
            end: segs[k].body_text(text).len(),
            ..li
        };
        let (mut found, next) = after_lead_in(text, segs, k, open, ctx);
        let whole = collapse(&text[seg.start..segs[k].end]);
        for f in &mut found {
            f.lead_in = Some(whole.clone());
        }
        return (found, next);
    }
    if let Some(rest) = li.rest {
        // One unnumbered item on the lead-in's own line; more may follow as `That …` paragraphs.
        let first = Segment {
            start: words_at + rest,
            label: None,
            label_start: words_at + rest,
            body: words_at + rest,
            ..seg.clone()
        };
        return unnumbered_items(text, segs, i, first, kind, lead_text);
    }
    // An open lead-in: the list starts at the next segment, perhaps after a `That Cabinet:`.
    let mut j = i + 1;
    while j < segs.len() && j <= i + 4 {
        let s = &segs[j];
        if s.label.is_some() || s.bullet {
            break;
        }
        let words = s.body_text(text).trim();
        match leadin::find(words) {
            Some(sub) if sub.rest.is_none() => {
                if kind == RecKind::Officer && sub.kind != RecKind::Officer && !sub.sub {
                    kind = sub.kind;
                }
                lead_text = collapse(s.text(text));
                j += 1;
            }
            // `Decisions of Cabinet` (a heading), or `The Sub-Committee noted that the following
            // conditions were agreed -` (a sentence introducing the list), before the items.
            _ if introduces_list(text, segs, j) => {
                lead_text = collapse(words);
                j += 1;
            }
            _ => break,
        }
    }
    // `The Cabinet has` or a similar stub line before the numbered items.
    if let (Some(stub), Some(after)) = (segs.get(j), segs.get(j + 1)) {
        let w = stub.body_text(text).trim();
        if stub.label.is_none()
            && !stub.bullet
            && after.label.is_some()
            && w.len() < 60
            && !ends_sentence(w)
            && !is_terminator(w)
        {
            lead_text = collapse(w);
            j += 1;
        }
    }
    let Some(first) = segs.get(j) else {
        return (Vec::new(), j);
    };
    if is_terminator(first.text(text)) {
        return (Vec::new(), j);
    }
    let section = if li.heading { seg.label.clone() } else { None };
    if let Some(label) = &first.label {
        // Under `7. RECOMMENDATIONS` the items are numbered 7.1, 7.2 …; elsewhere any start will do.
        if let Some(sec) = &section
            && matches!(label.counter, Counter::Dotted(_))
            && !label.is_under_section(sec)
        {
            return (Vec::new(), j);
        }
        if matches!(label.counter, Counter::Dotted(_)) && !li.heading && !label.is_first() {
            return (Vec::new(), j);
        }
        if label.counter == Counter::RecWord && ctx.peer {
            kind = RecKind::Peer;
        }
        let (items, next) = read_list(text, segs, j, ListRules::default());
        // Under a bare `Decision:` heading, decimal numbers may be a report's paragraphs (`9.1
        // This report sets out …`): they count only when most of them read as resolutions.
        if matches!(label.counter, Counter::Dotted(_))
            && li.heading
            && section.is_none()
            && !most_decide(text, &items)
        {
            return (Vec::new(), j);
        }
        return (wrap(items, kind, &lead_text), next);
    }
    if first.bullet {
        let (items, next) = read_list(text, segs, j, ListRules::default());
        return (wrap(items, kind, &lead_text), next);
    }
    // `RESOLVED` / `Council` / `NOTED the report.`: the body's name on a line of its own.
    if kind == RecKind::Resolution && !li.heading && first.label.is_none() && !first.bullet {
        let w = first.body_text(text).trim();
        let next = segs.get(j + 1);
        let named =
            w.split_whitespace().count() <= 3 && COMMITTEE_WORD.is_match(w) && !ends_sentence(w);
        if named
            && next.is_some_and(|n| n.label.is_none() && UPPER_VERB.is_match(n.body_text(text)))
        {
            let n = next.expect("next segment");
            let joined = Segment {
                end: n.end,
                ..first.clone()
            };
            let (found, after) = unnumbered_items(text, segs, j + 1, joined, kind, lead_text);
            return (found, after);
        }
    }
    let words = first.body_text(text);
    let asked = li.heading && ASKED_SENTENCE.is_match(words);
    // After `RESOLVED:` the next sentence is the resolution, whatever its wording.
    let resolved_prose = kind == RecKind::Resolution
        && !li.heading
        && j == i + 1
        && !first.table_row
        && !is_heading_like(words)
        && !leadin::is_aside(words)
        && words.split_whitespace().count() >= 4;
    if (opens_like_item(words) && !is_heading_like(words)) || asked || resolved_prose {
        return unnumbered_items(text, segs, j, first.clone(), kind, lead_text);
    }
    // `The Committee is asked to note that the following dates …:` with no list after it:
    // the sentence itself is the recommendation.
    if let Some(c) = ASKED_OPEN.captures(seg.body_text(text)) {
        let at = seg.body + c.name("rest").expect("rest group").start();
        let item = Segment {
            start: at,
            label: None,
            label_start: at,
            body: at,
            ..seg.clone()
        };
        let (mut found, next) = unnumbered_items(text, segs, i, item, kind, String::new());
        for f in &mut found {
            f.lead_in = None;
        }
        return (found, next);
    }
    (Vec::new(), j)
}

/// A request that carries its own item before a colon with no list after it: `The Committee is
/// asked to note the dates of future meetings set out below:`. Not `Cabinet is asked to note the
/// report.` (no colon).
static ASKED_OPEN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(r"(?i)\b(?:is|are)\s+(?:asked|requested|invited)\s+to\s+(?P<rest>(?:note|agree|approve|endorse|consider|confirm)\b.{10,}):\s*$").unwrap()
});

/// A body's name on a line of its own, before `NOTED …`: `The Cabinet`, `Full Council`. Not
/// `Cabinet Member` (more than the body).
static COMMITTEE_WORD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(&format!(
        r"(?i)^(?:the\s+)?(?:full\s+)?{bodies}$",
        bodies = super::vocab::alternation(super::vocab::BODIES)
    ))
    .unwrap()
});

/// A decision verb in capitals opening the words under a body's name: `NOTED the report`,
/// `AGREED`. Not `Noted the report` (not in capitals).
static UPPER_VERB: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(&format!(
        r"^{verbs}\b",
        verbs =
            super::vocab::alternation_of(&super::vocab::printed(super::vocab::DECISION_PAST, true))
    ))
    .unwrap()
});

/// A request to a body in a sentence: `Members are asked to note the update`. Not `Members asked
/// for a briefing`.
static ASKED_SENTENCE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(r"(?i)\b(?:is|are)\s+(?:asked|recommended|requested|invited)\s+to\b")
        .unwrap()
});

/// Whether `segs[j]` is a heading or an introducing sentence standing between a lead-in and
/// its list: the next segment is an item (or another such line) and it ends without a full stop.
fn introduces_list(text: &str, segs: &[Segment], j: usize) -> bool {
    let w = segs[j].body_text(text).trim();
    let Some(next) = segs.get(j + 1) else {
        return false;
    };
    let next_words = next.body_text(text);
    let next_is_item = next.label.is_some()
        || next.bullet
        || leadin::find(next_words).is_some_and(|l| l.rest.is_none());
    let heading = is_heading_like(w) && !is_terminator(w);
    let introduces = w.len() < 300 && w.trim_end_matches([' ', '-', '–', '—']).ends_with(':')
        || w.ends_with(" -")
        || w.ends_with('–')
        || w.ends_with(" to;")
        || w.ends_with(" that;");
    next_is_item && (heading || introduces)
}

/// Unnumbered items: the first at `first` (which may be part of segment `i`), then any
/// following paragraphs that also open like an item.
fn unnumbered_items(
    text: &str,
    segs: &[Segment],
    i: usize,
    first: Segment,
    kind: RecKind,
    lead_text: String,
) -> (Vec<FoundRec>, usize) {
    let mut items = vec![ItemDraft::from_segment(&first)];
    let mut prev = first;
    let mut j = i + 1;
    while j < segs.len() {
        let s = &segs[j];
        if s.label.is_some() || s.bullet {
            // `RESOLVED – That:` followed by numbered items, or `be agreed as follows:` and bullets.
            let cur = items.last().expect("an item");
            let own = cur.own_text(text);
            if ends_with_opener(&own) || leadin::is_body_phrase(&own) {
                let (list, next) = read_list(text, segs, j, ListRules::default());
                let mut parent = items.pop().expect("an item");
                for c in list {
                    parent.end = parent.end.max(c.end);
                    parent.parts.push(super::list::Part::Child(c));
                }
                items.push(parent);
                j = next;
            }
            break;
        }
        let words = s.body_text(text);
        if leadin::find(words).is_some() || leadin::is_aside(words) {
            break;
        }
        let cur = items.last_mut().expect("an item");
        if continues(text, cur, &prev, s) {
            cur.parts.push(super::list::Part::Text(s.start, s.end));
            cur.end = s.end;
        } else if s.blank_before
            && !s.bullet
            && opens_like_item(words)
            && words.trim_start().to_ascii_lowercase().starts_with("that")
        {
            items.push(ItemDraft::from_segment(s));
        } else {
            break;
        }
        prev = s.clone();
        j += 1;
    }
    (wrap(items, kind, &lead_text), j)
}

fn wrap(items: Vec<ItemDraft>, kind: RecKind, lead_text: &str) -> Vec<FoundRec> {
    let lead = (!lead_text.is_empty()).then(|| lead_text.to_string());
    items
        .into_iter()
        .map(|item| FoundRec {
            item,
            kind,
            lead_in: lead.clone(),
        })
        .collect()
}

/// `2.1 It is recommended that the Committee:` with (a)–(d) under it, or an unnumbered `That
/// the Executive:` whose items are numbered: the parent only introduces the list, so its
/// sub-items are the recommendations. An unnumbered resolution with details under it (`That
/// the fees be agreed as follows:` and a bullet per fee) stays one item.
fn lift_children(text: &str, found: Vec<FoundRec>) -> Vec<FoundRec> {
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let own = f.item.own_text(text);
        let has_children = f.item.children().next().is_some();
        let numbered_children = f.item.children().all(|c| c.label.is_some());
        // A report's paragraph number (`2.1 That the Executive:`) heads its list like a lead-in.
        let paragraph_number = f
            .item
            .label
            .as_ref()
            .is_some_and(|l| matches!(l.counter, Counter::Dotted(_)));
        let introduces = !own.is_empty()
            && has_children
            && (leadin::find(&own)
                .is_some_and(|l| l.rest.is_none() && (!l.sub || paragraph_number) && !l.heading)
                || f.item.label.is_none()
                    && numbered_children
                    && !DETAILS.is_match(&own)
                    && (leadin::is_body_phrase(&own)
                        || leadin::find(&own).is_some_and(|l| l.rest.is_none())
                        || ends_with_opener(&own) && children_decide(text, &f.item)));
        if introduces {
            let lead = Some(own);
            out.extend(f.item.children().cloned().map(|item| FoundRec {
                item,
                kind: f.kind,
                lead_in: lead.clone(),
            }));
        } else {
            out.push(f);
        }
    }
    out
}

/// Whether most of an item's sub-items read as decisions in their own right.
/// A resolution whose list holds its details, not decisions of their own: the conditions it is
/// granted on, or the declarations of interest it records: `That the application be APPROVED
/// subject to the following conditions:`, `That it be noted that the following declarations of
/// interest were made:-`. Not `That the following be approved:`.
static DETAILS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(r"(?i)(?:\bsubject\s+to\s+(?:the\s+)?(?:following\s+|these\s+)?(?:\w+\s+)?conditions?\b|\bdeclarations?\s+of\s+(?:\w+\s+)?interests?\b)[^:]{0,60}:\s*[-–]?\s*$").unwrap()
});

fn children_decide(text: &str, item: &ItemDraft) -> bool {
    most_decide(text, item.children())
}

/// Whether there are items and more than half of them read as resolutions.
fn most_decide<'a>(text: &str, items: impl IntoIterator<Item = &'a ItemDraft>) -> bool {
    let (n, deciding) = items.into_iter().fold((0, 0), |(n, d), c| {
        (
            n + 1,
            d + usize::from(reads_like_resolution(&c.own_text(text))),
        )
    });
    n > 0 && deciding * 2 > n
}

/// Numbered lists with no lead-in whose items read as resolutions (a page that dropped its
/// `Decision:` or `RESOLVED:` heading).
fn unheaded(text: &str, segs: &[Segment], taken: &[bool], decisions: bool) -> Vec<FoundRec> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let s = &segs[i];
        let prev = i.checked_sub(1).map(|k| segs[k].text(text).trim_end());
        let governed = prev.is_some_and(|p| p.ends_with(':') && !is_terminator(p));
        if !taken[i]
            && s.label.is_none()
            && !s.bullet
            && !s.table_row
            && s.starts_paragraph()
            && !governed
            && is_standalone(s.body_text(text))
        {
            let (found, next) =
                unnumbered_items(text, segs, i, s.clone(), RecKind::Resolution, String::new());
            let found: Vec<FoundRec> = found
                .into_iter()
                .take(1)
                .map(|mut f| {
                    f.lead_in = None;
                    f
                })
                .collect();
            out.extend(found);
            i = next.max(i + 1);
            continue;
        }
        if !decisions {
            i += 1;
            continue;
        }
        // A list under its own heading (`Alternative options considered`, `Purpose`) belongs
        // to that heading.
        // …except a decision record's own field (`Content:`, `Decision:`), which holds the
        // decision itself.
        // …and a page's list of attachments (`Additional documents:`), whose links are gone
        // from the text, heads nothing.
        // A note in brackets before the list (`(Report attached)`) heads nothing: the line
        // before it does. A few notes at most are passed over, so that a page of nothing but
        // such lines is still read in linear time.
        let prev = (0..i)
            .rev()
            .take(4)
            .map(|k| segs[k].text(text).trim_end())
            .find(|p| !is_bracketed_note(p));
        let headed = prev.is_some_and(|p| {
            !DOCUMENTS_FIELD.is_match(p)
                && ((p.ends_with([':', '-', '–']) && !DECISION_FIELD.is_match(p))
                    || leadin::is_aside(p)
                    || is_terminator(p)
                    || (is_heading_like(p) && BLOCKING_HEADING.is_match(p))
                    // `MATTERS ARISING`, `Outstanding actions`: updates on actions, not decisions.
                    || (is_heading_like(p) && super::action_prose::is_topic(p)))
        });
        // Dotted numbers (`3.1`) are a report's paragraphs unless a heading says otherwise.
        let eligible = !taken[i]
            && s.label.as_ref().is_some_and(|l| {
                l.is_first()
                    && !matches!(
                        l.counter,
                        Counter::RecWord | Counter::Code | Counter::Dotted(_)
                    )
            })
            && !headed;
        if !eligible {
            i += 1;
            continue;
        }
        let (items, next) = read_list(text, segs, i, ListRules::default());
        let resolving = items
            .iter()
            .filter(|it| reads_like_resolution(&it.own_text(text)))
            .count();
        // A `dd/mm/yyyy - Title` line (an issue page's decision) just before is a strong sign.
        let dated = prev.is_some_and(|p| DATED_TITLE.is_match(p));
        // Clauses of one sentence whose `RESOLVED that` was lost (`a) the plan be endorsed;`,
        // `b) the Board oversee its delivery;`) need only half of them to read as resolutions.
        let needed = if dated || clauses_of_one_sentence(text, &items) {
            5
        } else {
            8
        };
        // `(1) That progress … be noted.` alone is a resolution in its own words.
        let single_formula = items.len() == 1 && is_standalone(&items[0].own_text(text));
        let enough = items.len() >= 2 || (dated || single_formula) && items.len() == 1;
        // `(i) To receive and note the minutes … (ii) To consider …` is an agenda's business,
        // even with a bare title among its items (`5. Chair's Announcements`).
        let instructing = items
            .iter()
            .filter(|it| AGENDA_INSTRUCTION.is_match(&it.own_text(text)))
            .count();
        let instructions =
            instructing == items.len() || items.len() >= 4 && instructing * 4 >= items.len() * 3;
        if enough
            && !instructions
            && resolving * 10 >= items.len() * needed
            && (i..next).all(|k| !taken[k])
        {
            out.extend(items.into_iter().map(|item| FoundRec {
                item,
                kind: RecKind::Resolution,
                lead_in: None,
            }));
        }
        i = next.max(i + 1);
    }
    out
}

/// Whether a list's items are the clauses of one sentence: the first starts in lower case and
/// each but the last ends in `;` (perhaps with `and` or `or`): `a) the plan be endorsed;`, `b)
/// the Board oversee its delivery; and`, `c) Board Members play their part.` Not items that
/// are sentences of their own (`1. The plan was endorsed.`).
fn clauses_of_one_sentence(text: &str, items: &[ItemDraft]) -> bool {
    items.len() >= 3
        && items.iter().enumerate().all(|(k, it)| {
            let own = it.own_text(text);
            let t = own.trim();
            let clause_end = t
                .trim_end_matches(" and")
                .trim_end_matches(" or")
                .ends_with(';');
            (k > 0 || t.starts_with(|c: char| c.is_lowercase()))
                && (k + 1 == items.len() || clause_end)
        })
}

/// A line that is wholly a note in brackets: `(Report attached)`, `(Appendices 2 and 3 are not
/// for publication.)`. Not `(1) That the report be noted.` (a label) or `(Note: …) and more`.
fn is_bracketed_note(s: &str) -> bool {
    let t = s.trim();
    let t = t.strip_suffix('.').unwrap_or(t);
    t.len() > 4
        && t.starts_with('(')
        && t.ends_with(')')
        && !t[1..t.len() - 1].contains(['(', ')'])
        && super::label::parse_label(t).is_none()
}

/// A paragraph that is plainly a resolution on its own (`To NOTE …` on an agenda): `That the plan
/// be approved.`, `That progress on the plan be noted.`, `Approved the recommendations of the
/// panel.`, `To NOTE the report`. Not `That the plan was approved.` (a report of it, with no
/// `be`).
static STANDALONE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(r"^(?:That\s+(?:the|a|an|this|Council|Cabinet|[A-Z]\w+|[a-z]+\s+(?:of|on|in|for|to|from|with|at|by))\b[^.]{0,300}?\bbe\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|made|kept|held|set|given|taken)\b|(?:Approved|Agreed|Endorsed|Noted|Accepted|Adopted)\s+(?:the|that|to)\b|To\s+(?:NOTE|AGREE|APPROVE|RESOLVE|RECEIVE|CONSIDER|ENDORSE|ADOPT|RECOMMEND)\b)").unwrap()
});

/// [`STANDALONE`], tried only on text that starts as one of its words does (`That`, `To`, a
/// capital `A`, `E` or `N`): most paragraphs cannot, and the pattern is dear to compile.
fn is_standalone(s: &str) -> bool {
    let b = s.as_bytes();
    if !(b.starts_with(b"That")
        || b.starts_with(b"To")
        || matches!(b.first(), Some(b'A' | b'E' | b'N')))
    {
        return false;
    }
    if STANDALONE.is_match(s) {
        return true;
    }
    // `That the virements totalling £2.4 million be approved`: the point of a number ends no
    // sentence. Read again with such points as commas (rare: the pattern stays simple).
    let decimal = |i: usize| {
        b[i] == b'.'
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    b.starts_with(b"That")
        && (0..b.len()).any(decimal)
        && STANDALONE.is_match(
            &s.char_indices()
                .map(|(i, c)| if c == '.' && decimal(i) { ',' } else { c })
                .collect::<String>(),
        )
}

/// An agenda's description of its business: `To receive and note the minutes …`, `To consider
/// the report of …`, `To agree any comments …`. Not `To NOTE the report` (a recommendation in
/// capitals) or `To approve the budget`.
static AGENDA_INSTRUCTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(r"^To\s+(?:receive|consider|discuss|hear|review|note\s+(?:any|the\s+(?:minutes|report|update))|agree\s+any|raise|answer|deal\s+with|(?:approve|confirm|sign)\s+the\s+minutes)\b").unwrap()
});

/// A page's list of attachments, their links gone from the text: `Additional documents:`,
/// `Supporting documents:`. Not `Documents submitted by the applicant were considered.`
static DOCUMENTS_FIELD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(r"(?i)^(?:additional|supporting|background)\s+documents?\s*:?$")
        .unwrap()
});

/// The field of a decision record that holds the decision: `Content:`, `Decision:`,
/// `Decision details:`, `Resolution:`. Not `Purpose:`.
static DECISION_FIELD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(
        r"(?i)^(?:content|decisions?(?:\s+(?:details|made|taken))?|resolutions?|outcome)\s*:$",
    )
    .unwrap()
});

/// A table column of recommendations: `Recommendation`, `Peer recommendations`, `Recommendations
/// made`. Not `Recommendations Approved` (a value in a two-column details table).
static REC_COLUMN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(r"(?i)^(?:(?:peer|lga|scrutiny|key|audit|agreed)\s+)?recommendations?(?:\s*\(s\))?(?:\s+(?:made|text|detail|description|from\s.{0,40}))?$").unwrap()
});

/// Headings whose numbered lists are never decisions: `Background`, `Reasons for the decision`,
/// `Appendices`. Not `Recommendations`.
static BLOCKING_HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(r"(?i)\b(?:purpose|background|options?|reasons?|declarations?|apologies|implications?|risks?|consultation|papers|appendi(?:x|ces)|attendance|present|summary|introduction|context|discussion|questions?|motions?|petitions?|themes?|findings|key\s+points|membership|terms\s+of\s+reference|agenda|contents)\b").unwrap()
});

/// An Issue page's decision line, just before its numbered decisions: `18/09/2023 - Cabinet`.
/// Not `18 September 2023 - Cabinet`.
static DATED_TITLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::textutil::re_new(r"^\d{1,2}/\d{1,2}/\d{4}\s*[-–]\s*\S").unwrap()
});

#[cfg(test)]
mod tests {
    use crate::extract::{Input, extract};
    use crate::model::RecKind;

    fn recs(t: &str) -> Vec<(Option<String>, String)> {
        extract(Input {
            text: t,
            ..Default::default()
        })
        .recommendations
        .into_iter()
        .map(|r| (r.id, r.text))
        .collect()
    }

    fn ids(t: &str) -> Vec<String> {
        recs(t)
            .into_iter()
            .map(|(id, _)| id.unwrap_or_default())
            .collect()
    }

    #[test]
    fn a_numbered_decision_with_sub_items_in_a_list_that_lost_its_lead_in() {
        let t = "Members discussed the budget and the pay award.\n1. the Fire Authority be recommended to:\ni) agree the budget projections;\nii) increase the Band D precept by 2.9%;\n2. the Treasurer be authorised to adjust the phasing of reserves.\n3. the Chief Fire Officer bring a report on a community safety project to the Committee.\n";
        let got = ids(t);
        assert!(
            got.ends_with(&["2".to_string(), "3".to_string()]),
            "{got:?}"
        );
        // The same lead-in alone, with no sibling after its sub-items, opens its list.
        let t = "Members discussed the budget and the pay award.\n1. the Fire Authority be recommended to:\ni) agree the budget projections;\nii) increase the Band D precept by 2.9%.\n";
        assert_eq!(ids(t), ["i", "ii"]);
    }

    fn kinds(t: &str) -> Vec<RecKind> {
        extract(Input {
            text: t,
            ..Default::default()
        })
        .recommendations
        .iter()
        .map(|r| r.kind)
        .collect()
    }

    #[test]
    fn a_lone_resolution_after_the_list_of_attachments() {
        let t = "Issue - meetings\n\nMeeting: 01/12/2016 - Cabinet (Item 96)\n\nAdditional documents:\n\n(1)       That progress on the Key Action Plan at the end of Quarter 2 be noted.\n\nThe Leader presented the report.\n";
        assert_eq!(ids(t), ["1"]);
    }

    #[test]
    fn report_paragraphs_under_a_decision_heading() {
        let t = "Decision:\n\n9.1 This report sets out the purpose of the review.\n\n9.2 The background is given in section 3.\n";
        assert!(recs(t).is_empty());
        let t = "Decision:\n\n9.1 That the plan be approved.\n\n9.2 That the Director be authorised to act.\n";
        assert_eq!(ids(t), ["9.1", "9.2"]);
    }

    /// The id and the number of children of the one recommendation in `t`.
    fn one_with_children(t: &str) -> (Option<String>, usize) {
        let r = extract(Input {
            text: t,
            ..Default::default()
        })
        .recommendations;
        assert_eq!(r.len(), 1, "{r:?}");
        (r[0].id.clone(), r[0].children.len())
    }

    #[test]
    fn conditions_and_declarations_are_the_resolution_s_details() {
        let t = "RESOLVED: That the application be APPROVED subject to the following conditions:\n1. Development to commence within 3 years.\n2. Development to be carried out in accordance with the approved plans.\n3. Materials as per application.\n";
        assert_eq!(one_with_children(t), (None, 3));
        let t = "RESOLVED – That it be noted that the following declarations of interest were made:-\n\n(1) Councillor A Khan with regard to Minute No. P/147; and\n\n(2) Councillor M Wood with regard to Minute No. P/151.\n";
        assert_eq!(one_with_children(t), (None, 2));
    }

    #[test]
    fn a_condition_between_the_decision_and_its_list() {
        let t = "DECISION MADE: (CAB 24/25 10234)\nOn consideration of the report, Cabinet agreed the following:\nHaving complied with paragraph 15 of the Procedure Rules:\n(i) To approve the admissions policy.\n(ii) To authorise the Director to make changes.\n";
        assert_eq!(ids(t), ["i", "ii"]);
        // The line alone before the list, as before.
        let t = "Cabinet agreed the following:\nHaving complied with the rules:\n(i) To approve the policy.\n(ii) To note the report.\n";
        assert_eq!(ids(t), ["i", "ii"]);
    }

    #[test]
    fn numbered_resolutions() {
        let t = "RESOLVED:\n\n1. That the report be noted.\n\n2. That the plan be approved.\n\n3. Background";
        assert_eq!(
            recs(t),
            [
                (Some("1".into()), "That the report be noted.".into()),
                (Some("2".into()), "That the plan be approved.".into())
            ]
        );
        assert_eq!(kinds(t), [RecKind::Resolution, RecKind::Resolution]);
    }

    #[test]
    fn hard_wrapped_items_with_labels_alone() {
        let t = "That Council:\n(i)\nAccepts the findings of the Local\nGovernment Association review.\n(ii)\nNotes the inclusion of the\nrecommendations in the plan.";
        assert_eq!(
            recs(t),
            [
                (
                    Some("i".into()),
                    "Accepts the findings of the Local Government Association review.".into()
                ),
                (
                    Some("ii".into()),
                    "Notes the inclusion of the recommendations in the plan.".into()
                )
            ]
        );
    }

    #[test]
    fn reasons_and_remarks_between_items() {
        let t = "RESOLVED THAT:\n\n(i) the budget be approved;\n\nREASON: To set a lawful budget.\n\n(ii) the fees be agreed.\n\nMembers thanked the officers.\n\n(iii) the plan be published.";
        assert_eq!(ids(t), ["i", "ii", "iii"]);
    }

    #[test]
    fn sub_items_are_children_in_the_parent_text() {
        let t = "RESOLVED:\n\n1. That Cabinet:\n   a) notes the report; and\n   b) approves the plan.\n2. That the Leader be thanked.";
        let r = extract(Input {
            text: t,
            ..Default::default()
        })
        .recommendations;
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[0].text,
            "That Cabinet: a) notes the report; and b) approves the plan."
        );
        let children: Vec<_> = r[0]
            .children
            .iter()
            .map(|c| (c.id.clone().unwrap(), c.text.clone()))
            .collect();
        assert_eq!(
            children,
            [
                ("a".into(), "notes the report; and".into()),
                ("b".into(), "approves the plan.".into())
            ]
        );
    }

    #[test]
    fn peer_recommendations_label_themselves() {
        let t = "The LGA peer team made these recommendations.\n\n· Recommendation 1: that the Council’s achievements be celebrated.\n· Recommendation 2: that the narrative of place be developed.";
        assert_eq!(ids(t), ["1", "2"]);
        assert_eq!(kinds(t), [RecKind::Peer, RecKind::Peer]);
    }

    #[test]
    fn hard_negatives_are_not_recommendations() {
        for t in [
            "the peer team considered the following five themes:\n\n1) local priorities and outcomes\n2) governance and culture",
            "Declarations of interest\n\n(a) Councillor Smith declared an interest in item 5.\n(b) Councillor Jones declared an interest in item 6.",
            "54. Minutes\n\n54.1 The minutes were agreed.\n54.2 There were no matters arising.",
            "The purpose of the meeting is to: -\na. Update peers on progress.\nb. Consider reflections.",
            "Members noted that recommendations 1, 2 and 9 had been implemented, as had recommendation (iii) above.",
            "Background papers\n\n1. Cabinet report, 4 March 2024\n2. LGA feedback letter",
            "Notices of motion\n\na) By Councillor Smith – School streets\nb) By Councillor Jones – Libraries",
            // An agenda's business, one bare title among its instructions.
            "Authority 18/02/27\n1. To receive apologies for absence\n2. To confirm the minutes of the last meeting\n3. Chair's Announcements\n4. To consider the report of the Planning Committee\n5. To receive an update on the motion",
            // The minutes' own items after a decision recorded inside one of them.
            "3. Election of Chair\nCllr Shaw proposed Cllr Lee, seconded by Cllr Ford and unanimously agreed.\n4. Election of Vice Chair\nCllr Ford was elected unopposed.\n5. To adopt the Grounds Policy\nThe policy was agreed without amendment.",
        ] {
            assert!(recs(t).is_empty(), "{t:?} gave {:?}", recs(t));
        }
    }

    #[test]
    fn single_unnumbered_resolution() {
        assert_eq!(
            recs("RESOLVED – That the minutes of the meeting held on 1 May 2024 be approved."),
            [(
                None,
                "That the minutes of the meeting held on 1 May 2024 be approved.".into()
            )]
        );
        assert_eq!(
            recs("Cabinet AGREED:\n\nA: To adopt the plan.\nB: To publish it."),
            [
                (Some("A".into()), "To adopt the plan.".into()),
                (Some("B".into()), "To publish it.".into())
            ]
        );
    }

    #[test]
    fn decision_page_that_lost_its_heading() {
        let t = "Issue - decisions\n\nBudget\n\n27/10/2023 - Budget\n\n(1) the report be agreed;\n\n(2) the plan be adopted.\n\nReason for Decision: To set a budget.";
        assert_eq!(ids(t), ["1", "2"]);
    }

    #[test]
    fn a_note_in_brackets_heads_no_list() {
        let t = "Agenda item\n\nGarage sites\n\nTo consider an update on the disposals.\n\n(Appendix B is not for publication.)\n\n(Report attached)\n\n1) progress be noted;\n\n2) the sites be declared surplus.";
        assert_eq!(ids(t), ["1", "2"]);
        assert!(super::is_bracketed_note("(Report attached)."));
        assert!(!super::is_bracketed_note("(1) That the report be noted."));
        assert!(!super::is_bracketed_note("(Note: see (a) above) and more"));
    }

    #[test]
    fn clauses_of_a_resolution_whose_heading_was_lost() {
        let t = "Minutes\n\nThe work would be phased.\n\na) the plan be endorsed;\n\nb) the plan be developed further;\n\nc) the Board oversee its delivery;\n\nd) Board Members ensure their organisations take part.";
        assert_eq!(ids(t), ["a", "b", "c", "d"]);
        // Sentences of their own, half of them decisions: not enough.
        let t = "Minutes\n\nThe work would be phased.\n\na) The plan be endorsed.\n\nb) The plan be developed further.\n\nc) The Board oversees its delivery.\n\nd) Board Members ensure their organisations take part.";
        assert!(ids(t).is_empty(), "{:?}", ids(t));
    }

    #[test]
    fn a_minute_headed_by_the_report_it_took() {
        let t = "Fees and Charges - Report of the Head of Leisure\n\nThe Committee considered a report of the Head of Leisure.\n\nMoved by Councillor Lee, Seconded by Councillor Khan and\n\na) That the fees be approved;\n\nb) That the rates be kept.";
        assert_eq!(ids(t), ["a", "b"]);
    }

    #[test]
    fn a_number_s_point_ends_no_resolution() {
        assert!(super::is_standalone(
            "That the virements totalling £2.4 million at Appendix C be approved."
        ));
        assert!(!super::is_standalone(
            "That the budget was £2.4 million. It will be approved."
        ));
        let t = "Minutes\n\n1. That the General Fund virements totalling £2.4 million detailed at Appendix C be approved for;\n";
        assert_eq!(ids(t), ["1"]);
    }

    #[test]
    fn section_heading_lead_in() {
        let t = "6. BACKGROUND PAPERS\n\nNone.\n\n7. RECOMMENDATIONS\n\n7.1 Members to note the content of the report.\n\nReport prepared by: A Smith";
        assert_eq!(
            recs(t),
            [(
                Some("7.1".into()),
                "Members to note the content of the report.".into()
            )]
        );
    }

    #[test]
    fn bracketed_items_after_commas_on_one_line() {
        let t = "Resolved – (a) That the report be noted, (b) that the fee be supported, and (c) that any increase go into the quality scheme.";
        assert_eq!(ids(t), ["a", "b", "c"]);
        assert_eq!(recs(t)[1].1, "that the fee be supported, and");
    }

    #[test]
    fn recommended_to_another_meeting_then_bullets() {
        let t = "The Executive has recommended to the Council Meeting that it\n\n·   adopt the amendments;\n\n·   review Rule 26.";
        assert_eq!(
            recs(t),
            [
                (None, "adopt the amendments;".into()),
                (None, "review Rule 26.".into())
            ]
        );
    }

    #[test]
    fn bullets_under_an_unnumbered_resolution() {
        let t = "RESOLVED: That the fees be agreed as follows:\n· Meals: £5.20\n· Transport: £4.10";
        let r = extract(Input {
            text: t,
            ..Default::default()
        })
        .recommendations;
        assert_eq!(r.len(), 1);
        assert_eq!(
            r[0].text,
            "That the fees be agreed as follows: Meals: £5.20 Transport: £4.10"
        );
        assert_eq!(r[0].children.len(), 2);
    }

    #[test]
    fn a_row_closed_by_its_bar_ends_the_item() {
        let t = "The Committee resolved:- to approve the minute as a correct record. |\nCommittee Business Planner Minutes: The Committee had before it the planner. |";
        assert_eq!(
            recs(t),
            [(None, "to approve the minute as a correct record.".into())]
        );
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[
            (
                &*super::ASKED_OPEN,
                "The Committee is asked to note the dates of future meetings set out below:",
                "Cabinet is asked to note the report.",
            ),
            (&*super::COMMITTEE_WORD, "The Cabinet", "Cabinet Member"),
            (
                &*super::DOCUMENTS_FIELD,
                "Additional documents:",
                "Documents submitted by the applicant were considered.",
            ),
            (
                &*super::DETAILS,
                "That the application be APPROVED subject to the following conditions:",
                "That the following be approved:",
            ),
            (&*super::UPPER_VERB, "NOTED the report", "Noted the report"),
            (
                &*super::ASKED_SENTENCE,
                "Members are asked to note the update",
                "Members asked for a briefing",
            ),
            (
                &*super::STANDALONE,
                "To NOTE …",
                "That the plan was approved.",
            ),
            (
                &*super::AGENDA_INSTRUCTION,
                "To receive and note the minutes …",
                "To NOTE the report",
            ),
            (&*super::DECISION_FIELD, "Content:", "Purpose:"),
            (
                &*super::REC_COLUMN,
                "Recommendation",
                "Recommendations Approved",
            ),
            (&*super::BLOCKING_HEADING, "Background", "Recommendations"),
            (
                &*super::DATED_TITLE,
                "18/09/2023 - Cabinet",
                "18 September 2023 - Cabinet",
            ),
        ];
        crate::extract::textutil::assert_documented_examples(cases);
    }
}
