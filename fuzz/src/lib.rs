//! What every fuzz target checks, and the documents the structure-aware target builds.
//!
//! A decoder must return an error or text that the extractors can index: no carriage returns,
//! no control characters other than line breaks and tabs, page starts in order and on
//! character boundaries. The decoder targets check only that, so that they run as fast as the
//! decoders do; extraction over text of every shape, decoded text included (its starting
//! corpus is the fixtures' decoded text, see `fuzz/seeds/make_seeds.py`), is the work of the
//! `extract_spans` and `extract_lists` targets. `extract` must give items whose `quote` is
//! exactly the text at their `span` (Unicode characters of the text), for recommendations and
//! their children, themes, actions and meetings.

use arbitrary::Arbitrary;
use councilrecs::decode::Decoded;
use councilrecs::extract::{self, Extraction, Input};
use councilrecs::model::Recommendation;

/// Checks a decoder's text: what the extractors rely on.
pub fn check_decoded(d: &Decoded) {
    for (i, c) in d.text.char_indices() {
        assert!(
            !(c.is_control() && c != '\n' && c != '\t'),
            "control character {c:?} at byte {i} of the decoded text"
        );
    }
    let mut last = 0usize;
    for &p in &d.page_starts {
        assert!(p > last || (p == 0 && last == 0), "page starts out of order: {:?}", d.page_starts);
        assert!(p <= d.text.len(), "page start {p} after the end ({})", d.text.len());
        assert!(d.text.is_char_boundary(p), "page start {p} inside a character");
        last = p;
    }
}

/// Extracts from `text` and checks every span.
pub fn extract_and_check(text: &str, page_starts: &[usize], paged: bool) -> Extraction {
    let ex = extract::extract(Input {
        text,
        page_starts,
        title_hint: None,
        paged,
    });
    check_spans(text, &ex);
    ex
}

/// `quote == text[span]` (in characters) for every item of an extraction.
pub fn check_spans(text: &str, ex: &Extraction) {
    let chars: Vec<char> = text.chars().collect();
    let at = |span: [usize; 2], what: &str| -> String {
        let [s, e] = span;
        assert!(s <= e && e <= chars.len(), "{what}: span {span:?} outside the text ({} chars)", chars.len());
        chars[s..e].iter().collect()
    };
    fn recs(list: &[Recommendation], at: &dyn Fn([usize; 2], &str) -> String) {
        for r in list {
            let q = at(r.span, "recommendation");
            assert_eq!(q, r.quote, "recommendation {:?}: quote is not the text at its span {:?}", r.id, r.span);
            recs(&r.children, at);
        }
    }
    recs(&ex.recommendations, &at);
    for t in &ex.themes {
        assert_eq!(at(t.span, "theme"), t.quote, "theme {:?}", t.text);
    }
    for a in &ex.actions {
        assert_eq!(at(a.span, "action"), a.quote, "action {:?}", a.text);
    }
    for m in &ex.meetings {
        at(m.span, "meeting");
    }
}

/// How list items are labelled.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Style {
    /// `1.`
    Dot,
    /// `1)`
    Paren,
    /// `(1)`
    Bracketed,
    /// `(a)`
    BracketedLetter,
    /// `a)`
    Letter,
    /// `A.`
    UpperDot,
    /// `A:`
    UpperColon,
    /// `(i)`
    BracketedRoman,
    /// `i.`
    Roman,
    /// `7.1` with a section number
    Decimal(u8),
    /// `Recommendation 1:`
    Word,
    /// `•`
    Bullet,
    /// `- `
    Dash,
    /// `·`
    MiddleDot,
    /// no label: `That …` paragraphs
    Bare,
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn letters(n: u32) -> String {
    // 1 → a, 26 → z, 27 → aa
    let mut n = n.max(1);
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

impl Style {
    /// The label of the `n`-th item (from 1).
    pub fn label(self, n: u32) -> String {
        match self {
            Style::Dot => format!("{n}."),
            Style::Paren => format!("{n})"),
            Style::Bracketed => format!("({n})"),
            Style::BracketedLetter => format!("({})", letters(n)),
            Style::Letter => format!("{})", letters(n)),
            Style::UpperDot => format!("{}.", letters(n).to_uppercase()),
            Style::UpperColon => format!("{}:", letters(n).to_uppercase()),
            Style::BracketedRoman => format!("({})", roman(n)),
            Style::Roman => format!("{}.", roman(n)),
            Style::Decimal(s) => format!("{}.{n}", s % 20 + 1),
            Style::Word => format!("Recommendation {n}:"),
            Style::Bullet => "•".into(),
            Style::Dash => "-".into(),
            Style::MiddleDot => "·".into(),
            Style::Bare => String::new(),
        }
    }
}

const LEAD_INS: &[&str] = &[
    "RESOLVED:",
    "RESOLVED THAT:",
    "It was RESOLVED that:",
    "Resolved;",
    "Resolved –",
    "R E S O L V E D",
    "Cabinet AGREED",
    "Decision Made: That",
    "RECOMMENDED TO CABINET:",
    "That Council be recommended to:",
    "The Executive Mayor in Cabinet is asked to:",
    "Committee is asked to recommend to Council:",
    "Recommendations:",
    "That Cabinet:",
    "The peer team recommends:",
    "Key recommendations",
    "The remaining areas of focus include:",
    "Themes:",
    "",
];

const PHRASES: &[&str] = &[
    "That the report be noted",
    "approve the budget of £1.2m for 2024/25",
    "delegate authority to the Director of Finance",
    "agree the Council’s response to the consultation",
    "Governance and culture",
    "Financial planning and management",
    "Capacity for improvement",
    "note the findings of the LGA Corporate Peer Challenge",
    "see paragraph 4.6",
    "recommendations 1, 2 and 9",
    "Complete",
    "In progress",
    "Not started",
    "REASON: to meet the statutory duty",
    "Page 3 of 12",
    "|",
    "Meeting: 14/03/2023 - Cabinet (Item 61)",
    "the Mayor’s plan — with “quotes”",
    "2023-09-18",
    "ieIssueDetails",
];

/// One item: a phrase or two, and perhaps a sub-list.
#[derive(Debug, Clone, Arbitrary)]
pub struct Item {
    pub words: Vec<u8>,
    pub end: u8,
    pub sub: Option<Box<List>>,
}

/// A list under a lead-in.
#[derive(Debug, Clone, Arbitrary)]
pub struct List {
    pub lead_in: u8,
    pub style: Style,
    /// The first number (lists restart, or continue from elsewhere).
    pub start: u16,
    /// Skip numbers, repeat them, or count down.
    pub step: i8,
    pub items: Vec<Item>,
    /// 0: one item a line; 1: blank lines between; 2: all on one line, runs of spaces between;
    /// 3: after the lead-in on its line; 4: labels alone on their line; 5: wrapped at 40.
    pub layout: u8,
    pub indent: u8,
}

/// A document: lists between paragraphs of prose, maybe with a page break.
#[derive(Debug, Clone, Arbitrary)]
pub struct Doc {
    pub title: u8,
    pub parts: Vec<(Option<List>, Vec<u8>)>,
    pub form_feed: bool,
}

fn phrase(i: u8) -> &'static str {
    PHRASES[usize::from(i) % PHRASES.len()]
}

impl List {
    fn render(&self, out: &mut String, depth: usize) {
        if depth > 3 {
            return;
        }
        let lead = LEAD_INS[usize::from(self.lead_in) % LEAD_INS.len()];
        let sep = match self.layout % 6 {
            1 => "\n\n",
            2 => "     ",
            _ => "\n",
        };
        if !lead.is_empty() {
            out.push_str(lead);
            out.push_str(if self.layout % 6 == 3 { " " } else { "\n" });
        }
        let indent = " ".repeat(usize::from(self.indent % 8) + depth * 2);
        let mut n = i64::from(self.start % 1200);
        for (k, item) in self.items.iter().take(40).enumerate() {
            if k > 0 {
                out.push_str(sep);
            }
            out.push_str(&indent);
            let label = self.style.label(u32::try_from(n.max(1)).unwrap_or(1));
            out.push_str(&label);
            if !label.is_empty() {
                out.push_str(if self.layout % 6 == 4 { "\n" } else { " " });
            }
            let mut text = String::new();
            if matches!(self.style, Style::Bare) {
                text.push_str("That ");
            }
            for (j, w) in item.words.iter().take(6).enumerate() {
                if j > 0 {
                    text.push(' ');
                }
                text.push_str(phrase(*w));
            }
            text.push_str(match item.end % 4 {
                0 => ".",
                1 => ";",
                2 => "; and",
                _ => "",
            });
            if self.layout % 6 == 5 {
                let mut col = 0;
                for w in text.split(' ') {
                    if col > 40 {
                        out.push('\n');
                        out.push_str(&indent);
                        col = 0;
                    } else if col > 0 {
                        out.push(' ');
                    }
                    out.push_str(w);
                    col += w.chars().count() + 1;
                }
            } else {
                out.push_str(&text);
            }
            if let Some(sub) = &item.sub {
                out.push('\n');
                sub.render(out, depth + 1);
            }
            n += i64::from(self.step.clamp(-2, 3).max(if self.step == 0 { 1 } else { -2 }));
        }
    }
}

impl Doc {
    /// The document's text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str(phrase(self.title));
        out.push_str("\n\n");
        for (i, (list, prose)) in self.parts.iter().take(8).enumerate() {
            if self.form_feed && i == 1 {
                out.push('\u{c}');
            }
            if let Some(l) = list {
                l.render(&mut out, 0);
                out.push_str("\n\n");
            }
            for (j, w) in prose.iter().take(12).enumerate() {
                if j > 0 {
                    out.push(' ');
                }
                out.push_str(phrase(*w));
            }
            out.push_str("\n\n");
        }
        out
    }
}
