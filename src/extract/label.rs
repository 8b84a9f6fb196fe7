//! Item labels at the start of a line: `1.`, `(ii)`, `a)`, `A:`, `7.1`, `Recommendation 3:`,
//! `SR (25/26) 01`, and the bullets that may stand before them.
//!
//! A label knows its counter (decimal, letters, roman numerals …), its punctuation and its
//! value, so that a list parser can tell whether the next label continues a list, starts a
//! nested one, or belongs to something else. Single letters that are also roman numerals
//! (`i`, `v`, `x`) carry both readings until the sequence decides.

use super::textutil::re_new;
use regex::Regex;
use std::sync::LazyLock;

/// How a label counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counter {
    Decimal,
    /// `7.1`, `3.6.2`: the number of components.
    Dotted(u8),
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
    /// `Recommendation 3:` / `Rec 3` / `R3`.
    RecWord,
    /// Reference codes such as `SR (25/26) 01`.
    Code,
}

/// The punctuation around a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Punct {
    /// `1.`
    Dot,
    /// `(1)`
    Paren,
    /// `1)`
    Close,
    /// `A:`
    Colon,
    /// `7.1` or a number alone in a table cell.
    Bare,
}

/// A parsed label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Bytes of the label as printed (punctuation included, trailing blanks not).
    pub len: usize,
    /// The id reported for the item: the label without brackets or punctuation.
    pub id: String,
    pub counter: Counter,
    pub punct: Punct,
    /// Value of the last component (`3` for `c)`, `2` for `7.2`).
    pub value: u32,
    /// The dotted prefix (`"7"` for `7.2`), empty otherwise.
    pub prefix: String,
    /// The other reading of an ambiguous letter (`i` as letter 9 or roman 1).
    pub alt: Option<(Counter, u32)>,
}

impl Label {
    /// Whether `next` is the item after `self` in the same list.
    pub fn is_followed_by(&self, next: &Label) -> bool {
        if self.punct != next.punct {
            return false;
        }
        match (self.counter, next.counter) {
            (Counter::Dotted(a), Counter::Dotted(b)) => {
                a == b && self.prefix == next.prefix && next.value == self.value + 1
            }
            (Counter::Code, Counter::Code) => {
                self.prefix == next.prefix && next.value == self.value + 1
            }
            _ => self.readings().iter().any(|&(c, v)| {
                next.readings()
                    .iter()
                    .any(|&(nc, nv)| nc == c && nv == v + 1)
            }),
        }
    }

    /// Whether this label can open a list (`1`, `a`, `i`, `A`, `I`, `x.1`).
    pub fn is_first(&self) -> bool {
        self.readings().iter().any(|&(_, v)| v == 1)
    }

    /// Whether two labels are drawn in the same style (counter and punctuation).
    pub fn same_style(&self, other: &Label) -> bool {
        if self.punct != other.punct {
            return false;
        }
        match (self.counter, other.counter) {
            (Counter::Dotted(a), Counter::Dotted(b)) => a == b && self.prefix == other.prefix,
            _ => self
                .readings()
                .iter()
                .any(|&(c, _)| other.readings().iter().any(|&(oc, _)| oc == c)),
        }
    }

    /// Whether `first` (a list's opening label) is drawn in this label's style, reading an
    /// ambiguous `i` as the numeral that opens a list rather than the ninth letter.
    pub fn first_style_matches(&self, first: &Label) -> bool {
        if self.punct != first.punct {
            return false;
        }
        let opening = first
            .readings()
            .into_iter()
            .find(|&(_, v)| v == 1)
            .map(|(c, _)| c)
            .unwrap_or(first.counter);
        match (self.counter, opening) {
            (Counter::Dotted(a), Counter::Dotted(b)) => a == b && self.prefix == first.prefix,
            (c, o) => c == o,
        }
    }

    /// Settles an ambiguous letter on the reading that `prev` continues.
    pub fn resolve_after(&mut self, prev: &Label) {
        if let Some((alt_c, alt_v)) = self.alt {
            let continues_alt = prev
                .readings()
                .iter()
                .any(|&(c, v)| c == alt_c && v + 1 == alt_v);
            if continues_alt {
                self.alt = Some((self.counter, self.value));
                self.counter = alt_c;
                self.value = alt_v;
            }
        }
    }

    fn readings(&self) -> Vec<(Counter, u32)> {
        let mut r = vec![(self.counter, self.value)];
        if let Some(a) = self.alt {
            r.push(a);
        }
        r
    }

    /// Whether the label is a number in a dotted section scheme under `section` (`7.1` under 7).
    pub fn is_under_section(&self, section: &Label) -> bool {
        match self.counter {
            Counter::Dotted(_) => {
                let own = section_path(section);
                !own.is_empty() && self.prefix == own
            }
            _ => false,
        }
    }
}

fn section_path(l: &Label) -> String {
    match l.counter {
        Counter::Decimal => l.value.to_string(),
        Counter::Dotted(_) => format!("{}.{}", l.prefix, l.value),
        _ => String::new(),
    }
}

/// An item's label at the start of a line: `1.`, `(a)`, `ii)`, `7.1`, `Recommendation 3:`, `R2:`,
/// `SR (25/26) 01`. Not `Members noted the report.`
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?x)^(?:
            (?P<rw>(?i:recommendation|rec\.?)\s{0,3}(?P<rwn>\d{1,3})(?P<rwl>[a-z])?(?:\s{0,3}[:.\-–—)]|\s*$))
          | (?P<rs>R(?P<rsn>\d{1,2})[:.)])
          | (?P<code>(?P<codep>[A-Z]{1,4}\s?\(\d{2}/\d{2}\))\s?(?P<coden>\d{1,3}))
          | \((?P<p>[ivxlcIVXLC]{1,7}|[a-zA-Z]{1,2}|\d{1,3})\)\.?
          | (?P<c>[ivxlcIVXLC]{1,7}|[a-zA-Z]|\d{1,3})\)\.?
          | (?P<dd>\d{1,3}(?:\.\d{1,3}){1,3})\.?
          | (?P<d>\d{1,3})[.:]
          | (?P<a>[ivxlcIVXLC]{1,7}|[a-zA-Z])[.:]
        )",
    )
    .unwrap()
});

/// Which of [`LABEL`]'s alternatives matched, and its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape<'a> {
    /// `Recommendation 3a:`: the number and the letter after it.
    RecWord { n: &'a str, letter: Option<&'a str> },
    /// `R2:`: the number.
    RShort(&'a str),
    /// `SR (25/26) 01`: `SR (25/26)` and `01`.
    Code { prefix: &'a str, n: &'a str },
    /// `(ii)`, `(a)`, `(12)`: the token inside.
    Paren(&'a str),
    /// `ii)`, `a)`, `12)`.
    Close(&'a str),
    /// `7.1`, `3.6.2.` (the dotted number, without a final dot).
    Dotted(&'a str),
    /// `12.`, `12:`.
    Number(&'a str),
    /// `iv.`, `B:`.
    Letter(&'a str),
}

/// A match of [`LABEL`] at the start of a line: where it ends and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found<'a> {
    end: usize,
    shape: Shape<'a>,
}

/// [`LABEL`] matched at the start of `s`, read by hand: the alternatives in the pattern's
/// order, each as the pattern's greedy repeats would take it (none of them can give back a
/// character and then match). The pattern, with its fifteen groups, runs only when a
/// character that `\d` may take and an ASCII test cannot (a digit of another script, `½`)
/// stands among the first 48 characters, where a label could be.
fn read_label(s: &str) -> Option<Found<'_>> {
    let ascii_head = s.as_bytes()[..s.len().min(48)].is_ascii();
    if !ascii_head && s.chars().take(48).any(|c| !c.is_ascii() && c.is_numeric()) {
        return label_by_pattern(s);
    }
    rec_word(s)
        .or_else(|| r_short(s))
        .or_else(|| code(s))
        .or_else(|| paren(s))
        .or_else(|| close(s))
        .or_else(|| dotted(s))
        .or_else(|| number(s))
        .or_else(|| letter(s))
}

/// [`LABEL`] itself, for lines [`read_label`] does not read by hand.
fn label_by_pattern(s: &str) -> Option<Found<'_>> {
    let c = LABEL.captures(s)?;
    let g = |name: &str| c.name(name).map(|m| &s[m.start()..m.end()]);
    let shape = if let Some(n) = g("rwn") {
        Shape::RecWord {
            n,
            letter: g("rwl"),
        }
    } else if let Some(n) = g("rsn") {
        Shape::RShort(n)
    } else if let (Some(prefix), Some(n)) = (g("codep"), g("coden")) {
        Shape::Code { prefix, n }
    } else if let Some(t) = g("p") {
        Shape::Paren(t)
    } else if let Some(t) = g("c") {
        Shape::Close(t)
    } else if let Some(t) = g("dd") {
        Shape::Dotted(t)
    } else if let Some(t) = g("d") {
        Shape::Number(t)
    } else {
        Shape::Letter(g("a")?)
    };
    Some(Found {
        end: c.get(0)?.end(),
        shape,
    })
}

/// The length of the run at the start of `s` of bytes `class` accepts.
fn run(s: &str, class: impl Fn(u8) -> bool) -> usize {
    s.bytes().take_while(|&b| class(b)).count()
}

fn is_roman(b: u8) -> bool {
    matches!(
        b,
        b'i' | b'v' | b'x' | b'l' | b'c' | b'I' | b'V' | b'X' | b'L' | b'C'
    )
}

/// Bytes taken by at most `max` blanks (`\s`, any script's) at the start of `s`, and how many
/// blanks stand there in all.
fn blanks(s: &str, max: usize) -> (usize, usize) {
    let mut bytes = 0;
    let mut count = 0;
    for c in s.chars().take_while(|c| c.is_whitespace()) {
        if count < max {
            bytes += c.len_utf8();
        }
        count += 1;
    }
    (bytes, count)
}

/// `(?i:recommendation|rec\.?)\s{0,3}(\d{1,3})([a-z])?(?:\s{0,3}[:.\-–—)]|\s*$)`
fn rec_word(s: &str) -> Option<Found<'_>> {
    let b = s.as_bytes();
    let starts = |w: &[u8]| b.len() >= w.len() && b[..w.len()].eq_ignore_ascii_case(w);
    let words: [(&[u8], usize); 3] = [(b"recommendation", 14), (b"rec.", 4), (b"rec", 3)];
    words
        .iter()
        .filter(|(w, _)| starts(w))
        .find_map(|&(_, at)| rec_word_rest(s, at))
}

fn rec_word_rest(s: &str, at: usize) -> Option<Found<'_>> {
    let (gap, all) = blanks(&s[at..], 3);
    if all > 3 {
        return None;
    }
    let d = at + gap;
    let digits = run(&s[d..], |b| b.is_ascii_digit());
    if digits == 0 || digits > 3 {
        return None;
    }
    let mut i = d + digits;
    let letter = s
        .as_bytes()
        .get(i)
        .filter(|b| b.is_ascii_lowercase())
        .map(|_| {
            i += 1;
            &s[i - 1..i]
        });
    let shape = Shape::RecWord {
        n: &s[d..d + digits],
        letter,
    };
    let rest = &s[i..];
    let (gap, all) = blanks(rest, 3);
    if all <= 3
        && let Some(p) = rest[gap..]
            .chars()
            .next()
            .filter(|c| matches!(c, ':' | '.' | '-' | '–' | '—' | ')'))
    {
        let end = i + gap + p.len_utf8();
        return Some(Found { end, shape });
    }
    rest.chars().all(char::is_whitespace).then_some(Found {
        end: s.len(),
        shape,
    })
}

/// `R(\d{1,2})[:.)]`
fn r_short(s: &str) -> Option<Found<'_>> {
    let rest = s.strip_prefix('R')?;
    let digits = run(rest, |b| b.is_ascii_digit());
    (1..=2).contains(&digits).then_some(())?;
    matches!(rest.as_bytes().get(digits), Some(b':' | b'.' | b')')).then(|| Found {
        end: 1 + digits + 1,
        shape: Shape::RShort(&rest[..digits]),
    })
}

/// `([A-Z]{1,4}\s?\(\d{2}/\d{2}\))\s?(\d{1,3})`
fn code(s: &str) -> Option<Found<'_>> {
    let caps = run(s, |b| b.is_ascii_uppercase());
    if caps == 0 || caps > 4 {
        return None;
    }
    let mut i = caps + blanks(&s[caps..], 1).0;
    let b = s.as_bytes();
    let shape_ok = b.get(i..i + 7).is_some_and(|w| {
        w[0] == b'('
            && w[1..3].iter().all(u8::is_ascii_digit)
            && w[3] == b'/'
            && w[4..6].iter().all(u8::is_ascii_digit)
            && w[6] == b')'
    });
    if !shape_ok {
        return None;
    }
    i += 7;
    let prefix = &s[..i];
    let d = i + blanks(&s[i..], 1).0;
    let digits = run(&s[d..], |b| b.is_ascii_digit()).min(3);
    (digits > 0).then(|| Found {
        end: d + digits,
        shape: Shape::Code {
            prefix,
            n: &s[d..d + digits],
        },
    })
}

/// A token of `(?:[ivxlcIVXLC]{1,7}|[a-zA-Z]{1,letters}|\d{1,3})` filling `s` up to `)`,
/// and its length.
fn token_before_close(s: &str, letters: usize) -> Option<usize> {
    let roman = run(s, is_roman);
    let alpha = run(s, |b| b.is_ascii_alphabetic());
    let digits = run(s, |b| b.is_ascii_digit());
    let closes = |n: usize| s.as_bytes().get(n) == Some(&b')');
    [(roman, 7), (alpha, letters), (digits, 3)]
        .into_iter()
        .find(|&(n, max)| (1..=max).contains(&n) && closes(n))
        .map(|(n, _)| n)
}

/// `\((?:[ivxlcIVXLC]{1,7}|[a-zA-Z]{1,2}|\d{1,3})\)\.?`
fn paren(s: &str) -> Option<Found<'_>> {
    let inner = s.strip_prefix('(')?;
    let n = token_before_close(inner, 2)?;
    Some(Found {
        end: n + 2 + dot_after(&inner[n + 1..]),
        shape: Shape::Paren(&inner[..n]),
    })
}

/// `(?:[ivxlcIVXLC]{1,7}|[a-zA-Z]|\d{1,3})\)\.?`
fn close(s: &str) -> Option<Found<'_>> {
    let n = token_before_close(s, 1)?;
    Some(Found {
        end: n + 1 + dot_after(&s[n + 1..]),
        shape: Shape::Close(&s[..n]),
    })
}

/// `\.?` after a closing bracket: `ii).` is printed for `ii)` where a list mixes the two.
fn dot_after(s: &str) -> usize {
    usize::from(s.starts_with('.'))
}

/// `(\d{1,3}(?:\.\d{1,3}){1,3})\.?`
fn dotted(s: &str) -> Option<Found<'_>> {
    let b = s.as_bytes();
    let first = run(s, |b| b.is_ascii_digit());
    if first == 0 || first > 3 {
        return None;
    }
    let mut i = first;
    let mut groups = 0;
    while groups < 3 && b.get(i) == Some(&b'.') {
        let digits = run(&s[i + 1..], |b| b.is_ascii_digit()).min(3);
        if digits == 0 {
            break;
        }
        i += 1 + digits;
        groups += 1;
    }
    if groups == 0 {
        return None;
    }
    let end = if b.get(i) == Some(&b'.') { i + 1 } else { i };
    Some(Found {
        end,
        shape: Shape::Dotted(&s[..i]),
    })
}

/// `(\d{1,3})[.:]`
fn number(s: &str) -> Option<Found<'_>> {
    let digits = run(s, |b| b.is_ascii_digit());
    ((1..=3).contains(&digits) && matches!(s.as_bytes().get(digits), Some(b'.' | b':'))).then(
        || Found {
            end: digits + 1,
            shape: Shape::Number(&s[..digits]),
        },
    )
}

/// `([ivxlcIVXLC]{1,7}|[a-zA-Z])[.:]`
fn letter(s: &str) -> Option<Found<'_>> {
    let stop = |n: usize| matches!(s.as_bytes().get(n), Some(b'.' | b':'));
    let roman = run(s, is_roman);
    let n = if (1..=7).contains(&roman) && stop(roman) {
        roman
    } else if s.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) && stop(1) {
        1
    } else {
        return None;
    };
    Some(Found {
        end: n + 1,
        shape: Shape::Letter(&s[..n]),
    })
}

/// A decimal label of four to six digits: `1000. That`, `(1024) That`, `1001) That`. Not
/// `999. That` (three digits are [`LABEL`]'s).
static LONG_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re_new(r"^(?:\((?P<p>\d{4,6})\)|(?P<c>\d{4,6})\)|(?P<d>\d{4,6})[.:])(?:[ \t]|$)").unwrap()
});

/// A label of four or more digits at the start of `s`, taken only as the next item after
/// `prev` (`1000.` after `999.`). On its own such a number is much more often a year or an
/// amount at the start of a wrapped line (`1972. The Local Government Act`) than an item, so
/// [`parse_label`] reads at most three digits and a list reaches 1000 only by counting there.
pub fn parse_long_after(s: &str, prev: &Label) -> Option<Label> {
    if prev.counter != Counter::Decimal {
        return None;
    }
    let caps = LONG_NUMBER.captures(s)?;
    let (m, punct) = if let Some(m) = caps.name("p") {
        (m, Punct::Paren)
    } else if let Some(m) = caps.name("c") {
        (m, Punct::Close)
    } else {
        let m = caps.name("d")?;
        let colon = s[m.end()..].starts_with(':');
        (m, if colon { Punct::Colon } else { Punct::Dot })
    };
    let value: u32 = m.as_str().parse().ok()?;
    let len = caps.get(0)?.as_str().trim_end_matches([' ', '\t']).len();
    let label = simple(len, m.as_str().to_string(), Counter::Decimal, punct, value);
    prev.is_followed_by(&label).then_some(label)
}

/// Whether [`LABEL`] can match at the start of `s`, told from its first characters: a digit,
/// a bracket, `Rec…`, `R1`, a few letters then `)`, `.` or `:`, or up to four capitals then a
/// bracket (`SR (25/26) 01`). Most lines of a page (`The report …`) are none of these, and the
/// label pattern, with its many groups, is not run on them.
fn may_start_label(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    // A non-ASCII first character may be a digit of another script (`\d` is any digit).
    if !first.is_ascii() || first.is_ascii_digit() || first == b'(' {
        return true;
    }
    if !first.is_ascii_alphabetic() {
        return false;
    }
    let run = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let next = b.get(run).copied();
    (b.len() >= 3 && b[..3].eq_ignore_ascii_case(b"rec"))
        || (first == b'R' && run == 1 && next.is_some_and(|c| c.is_ascii_digit()))
        || (run <= 7 && matches!(next, Some(b')' | b'.' | b':')))
        || (run <= 4 && s[run..].trim_start().starts_with('('))
}

/// Parses a label at the very start of `s`. Trailing blanks are not part of the label.
pub fn parse_label(s: &str) -> Option<Label> {
    if let Some(l) = bare_letter(s) {
        return Some(l);
    }
    if !may_start_label(s) {
        return None;
    }
    let found = read_label(s)?;
    let matched = s[..found.end].trim_end_matches([' ', '\t']);
    let len = matched.len();
    // A label ends at a blank or the line's end; `R3:Tighten` and `1.The` are written tight.
    let next = s[found.end..].chars().next();
    let tight_ok = match next {
        None | Some(' ' | '\t') => true,
        Some(c) if c.is_uppercase() => match found.shape {
            Shape::RecWord { .. } | Shape::RShort(_) => true,
            Shape::Number(_) => matched.ends_with('.'),
            _ => false,
        },
        _ => s[..found.end].ends_with([' ', '\t']),
    };
    if !tight_ok {
        return None;
    }
    let colon_or_dot = || {
        if matched.ends_with(':') {
            Punct::Colon
        } else {
            Punct::Dot
        }
    };
    let (tok, punct) = match found.shape {
        Shape::RecWord { n, letter } => {
            let value = n.parse().ok()?;
            let id = format!("{n}{}", letter.unwrap_or(""));
            return Some(simple(len, id, Counter::RecWord, Punct::Colon, value));
        }
        Shape::RShort(n) => {
            let value = n.parse().ok()?;
            return Some(simple(
                len,
                n.to_string(),
                Counter::RecWord,
                Punct::Colon,
                value,
            ));
        }
        Shape::Code { prefix, n } => {
            let value = n.parse().ok()?;
            let mut l = simple(len, matched.to_string(), Counter::Code, Punct::Bare, value);
            l.prefix = prefix.to_string();
            return Some(l);
        }
        Shape::Dotted(dd) => {
            let parts: Vec<&str> = dd.split('.').collect();
            let value = parts.last()?.parse().ok()?;
            let punct = if matched.ends_with('.') {
                Punct::Dot
            } else {
                Punct::Bare
            };
            let mut l = simple(
                len,
                dd.to_string(),
                Counter::Dotted(parts.len() as u8),
                punct,
                value,
            );
            l.prefix = parts[..parts.len() - 1].join(".");
            return Some(l);
        }
        Shape::Paren(t) => (t, Punct::Paren),
        Shape::Close(t) => (t, Punct::Close),
        Shape::Number(t) | Shape::Letter(t) => (t, colon_or_dot()),
    };
    counter_of(tok).map(|(counter, value, alt)| Label {
        len,
        id: tok.to_string(),
        counter,
        punct,
        value,
        prefix: String::new(),
        alt,
    })
}

/// A lower-case letter with no punctuation, set off by a tab or a run of blanks before a
/// capital: `a  Approve the design`, `b\tNote the funding`. Not `a Member asked` (one blank)
/// or `as  Approved` (a word).
///
/// Before `That ` one blank is enough, and the label may also be a capital or a number of one
/// or two digits: `A That the strategy be approved.`, `2 That the fees be agreed.` Not `A
/// Thatcham resident asked …` or `2 That` with no more words.
fn bare_letter(s: &str) -> Option<Label> {
    let b = s.as_bytes();
    let tok_len = match b {
        [d, e, ..] if d.is_ascii_digit() && e.is_ascii_digit() => 2,
        [c, ..] if c.is_ascii_alphanumeric() => 1,
        _ => return None,
    };
    let rest = &s[tok_len..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len();
    let before_that = gap > 0 && rest[gap..].starts_with("That ") && rest.len() > gap + 6;
    let lower = b[0].is_ascii_lowercase() && tok_len == 1;
    if !before_that && !lower {
        return None;
    }
    let spaced = rest.starts_with('\t') || rest[..gap].chars().count() >= 2;
    let next = rest[gap..].chars().next()?;
    if !before_that && (!spaced || !next.is_uppercase()) {
        return None;
    }
    let tok = s[..tok_len].to_string();
    counter_of(&tok).map(|(counter, value, alt)| Label {
        len: tok_len,
        id: tok,
        counter,
        punct: Punct::Bare,
        value,
        prefix: String::new(),
        alt,
    })
}

fn simple(len: usize, id: String, counter: Counter, punct: Punct, value: u32) -> Label {
    Label {
        len,
        id,
        counter,
        punct,
        value,
        prefix: String::new(),
        alt: None,
    }
}

/// Reads a label token (`12`, `c`, `iv`, `B`) as a counter and value.
/// A counter reading: which counter and the value under it.
type Reading = (Counter, u32);

fn counter_of(tok: &str) -> Option<(Counter, u32, Option<Reading>)> {
    if tok.bytes().all(|b| b.is_ascii_digit()) {
        let v: u32 = tok.parse().ok()?;
        return Some((Counter::Decimal, v, None));
    }
    let lower = tok.chars().all(|c| c.is_ascii_lowercase());
    let upper = tok.chars().all(|c| c.is_ascii_uppercase());
    if !lower && !upper {
        return None;
    }
    let roman = roman_value(&tok.to_ascii_lowercase());
    let (alpha_c, roman_c) = if lower {
        (Counter::LowerAlpha, Counter::LowerRoman)
    } else {
        (Counter::UpperAlpha, Counter::UpperRoman)
    };
    if tok.len() == 1 {
        let letter = (tok.as_bytes()[0].to_ascii_lowercase() - b'a' + 1) as u32;
        // `i`, `v` and `x` read as roman numerals first; the sequence may say otherwise.
        return match roman {
            Some(r) if matches!(tok, "i" | "v" | "x" | "I" | "V" | "X") => {
                Some((roman_c, r, Some((alpha_c, letter))))
            }
            _ => Some((alpha_c, letter, None)),
        };
    }
    if let Some(r) = roman {
        return Some((roman_c, r, None));
    }
    // Two-letter labels `aa`, `bb` continue an alphabetical list past `z`.
    let b = tok.as_bytes();
    if tok.len() == 2 && b[0] == b[1] {
        return Some((
            alpha_c,
            26 + (b[0].to_ascii_lowercase() - b'a' + 1) as u32,
            None,
        ));
    }
    None
}

/// Value of a well-formed lower-case roman numeral below 400.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    let digit = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        _ => None,
    };
    let vals: Vec<i64> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, &v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|&n| n > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    let total = u32::try_from(total).ok()?;
    // Accept only the canonical spelling of the value, so `iiv` or `il` are not numerals.
    (to_roman(total) == s).then_some(total)
}

/// Lower-case roman numeral for `n` (1..400).
pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
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

/// Whether `c` is a bullet glyph of its own, as word processors print them (`•`, `·`, `▪`,
/// `➢` …): the bullets that can also mark an item inside a line, where a dash, `*`, `>` or
/// `o` would be part of a sentence.
pub fn is_glyph_bullet(c: char) -> bool {
    !c.is_ascii() && !matches!(c, '–' | '—' | '→') && is_bullet_char(c)
}

/// The characters a bullet can be, before the blank that must follow it.
fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '•' | '·'
            | '●'
            | '○'
            | '◦'
            | '▪'
            | '■'
            | '□'
            | '♦'
            | '➢'
            | '►'
            | '✓'
            | '✔'
            | '→'
            | '∙'
            | '⁃'
            | '‣'
            | '\u{f0b7}'
            | '\u{f0a7}'
            | '\u{f076}'
            | '-'
            | '–'
            | '—'
            | '*'
            | '>'
            | 'o'
    )
}

/// Bullet characters that may stand before an item (or before its label).
pub fn bullet_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, c) = chars.next()?;
    let is_bullet = is_bullet_char(c);
    if !is_bullet {
        return None;
    }
    let after = &s[c.len_utf8()..];
    // A bullet must be followed by a blank (`-2` or `order` are not bullets).
    if !after.starts_with([' ', '\t']) && !after.is_empty() {
        return None;
    }
    if c == 'o'
        && after
            .trim_start()
            .chars()
            .next()
            .is_some_and(|n| n.is_lowercase())
    {
        return None;
    }
    Some(c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that labels are made of, and the characters around them that could trip a
    /// hand reading: blanks of other scripts, dashes, brackets, capitals, a digit of another
    /// script.
    const PIECES: &[&str] = &[
        "1",
        "2",
        "3",
        "0",
        "12",
        "123",
        "1234",
        ".",
        ":",
        ")",
        "(",
        "/",
        "-",
        "–",
        "—",
        " ",
        "  ",
        "\t",
        "\u{a0}",
        "\u{2003}",
        "i",
        "v",
        "x",
        "l",
        "c",
        "I",
        "V",
        "X",
        "L",
        "C",
        "a",
        "b",
        "z",
        "A",
        "B",
        "S",
        "R",
        "Rec",
        "rec",
        "REC",
        "Recommendation",
        "recommendation",
        "RECOMMENDATION",
        "(25/26)",
        "SR",
        "ABCD",
        "ABCDE",
        "The",
        "\u{661}",
        "½",
        "é",
    ];

    /// Runs of one kind of label character, where the counts of the pattern's repeats matter.
    const RUNS: &[&str] = &["i", "v", "x", "C", "a", "1", "9", " ", "."];

    fn label_like() -> impl Strategy<Value = String> {
        let mixed = proptest::collection::vec(proptest::sample::select(PIECES), 0..12);
        let runs = (
            proptest::collection::vec(proptest::sample::select(RUNS), 0..10),
            proptest::sample::select(PIECES),
        )
            .prop_map(|(mut v, last)| {
                v.push(last);
                v
            });
        prop_oneof![mixed, runs].prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn the_hand_reading_agrees_with_the_pattern(s in label_like()) {
            prop_assert_eq!(read_label(&s), label_by_pattern(&s), "{:?}", s);
        }
    }

    #[test]
    fn the_hand_reading_agrees_with_the_pattern_on_written_labels() {
        for s in [
            "Recommendation 3: Do it",
            "Recommendation 3a – Do it",
            "Rec.12b)",
            "rec 1234",
            "REC 4   ",
            "Recommendation    4:",
            "R3: Tighten",
            "R123: x",
            "SR (25/26) 01 Text",
            "SR(25/26)\u{a0}0123",
            "ABCDE (25/26) 01",
            "(iv) That",
            "(ab) That",
            "(abc) That",
            "(ivxlcivx) That",
            "ii) That",
            "ab) That",
            "7.1 That",
            "7.1.2.3.4 That",
            "1.2345",
            "1234.5",
            "12. That",
            "12: That",
            "iv. That",
            "ivxlcivx. That",
            "Ab. That",
            "B: That",
            "1\u{661}. That",
            "The report",
        ] {
            assert_eq!(read_label(s), label_by_pattern(s), "{s:?}");
        }
        assert_eq!(
            read_label("SR (25/26) 01 Text").map(|f| f.shape),
            Some(Shape::Code {
                prefix: "SR (25/26)",
                n: "01"
            })
        );
        assert_eq!(read_label("Rec 3: x").map(|f| f.end), Some(6));
    }

    #[test]
    fn the_cheap_test_passes_every_label_the_pattern_takes() {
        for s in [
            "Recommendation 3: Do it",
            "rec. 12 Do it",
            "REC 4) x",
            "R3: Tighten",
            "SR (25/26) 01 Text",
            "SR(25/26) 01",
            "(iv) That",
            "(a) x",
            "(12) x",
            "iv) x",
            "b) x",
            "12) x",
            "3.1.2 Text",
            "3.1. Text",
            "12. Text",
            "4: Text",
            "iv. Text",
            "XII: Text",
            "a. Text",
            "C: Text",
            "١. Text",
            "３. Text",
            "The report",
            "Members noted",
            "  1. x",
            "",
            "-",
            "Record 4",
        ] {
            assert!(!LABEL.is_match(s) || may_start_label(s), "{s:?}");
        }
        for s in [
            "The report was noted.",
            "Members discussed",
            "- bullet",
            "  1. indented",
        ] {
            assert!(!may_start_label(s), "{s:?}");
        }
    }

    fn l(s: &str) -> Label {
        parse_label(s).unwrap_or_else(|| panic!("no label in {s:?}"))
    }

    #[test]
    fn ids_drop_punctuation() {
        assert_eq!(l("1.    Note").id, "1");
        assert_eq!(l("(ii) approve").id, "ii");
        assert_eq!(l("a) the").id, "a");
        assert_eq!(l("A: That").id, "A");
        assert_eq!(l("7.1 Members").id, "7.1");
        assert_eq!(l("Recommendation 3:  that").id, "3");
        assert_eq!(l("RECOMMENDATION 12 - x").id, "12");
        assert_eq!(l("SR (25/26) 01 That Cabinet").id, "SR (25/26) 01");
        assert_eq!(l("(iv)").id, "iv");
        assert_eq!(l("R2: Develop").id, "2");
        assert_eq!(l("a  Approve the design").id, "a");
        assert_eq!(l("b\tNote the funding").punct, Punct::Bare);
        assert!(parse_label("a Member asked").is_none());
        // Before `That `, one blank and any letter or a short number.
        assert_eq!(l("A That the strategy be approved.").id, "A");
        assert_eq!(l("12 That the fees be agreed.").len, 2);
        assert_eq!(l("b That the plan be noted.").punct, Punct::Bare);
        for s in [
            "A Thatcham resident asked",
            "2 That",
            "123 That the fees be agreed.",
            "A report was noted.",
        ] {
            assert!(parse_label(s).is_none(), "{s}");
        }
    }

    #[test]
    fn label_length_excludes_blanks() {
        assert_eq!(l("(b)\tnote").len, 3);
        assert_eq!(l("Recommendation 1:  that").len, 17);
    }

    #[test]
    fn not_labels() {
        for s in [
            "2023 budget",
            "10.30am",
            "I am",
            "The report",
            "1,000 homes",
            "a.m.",
            "e.g. this",
            "54.1.2.3.4 x",
            "(25/26)",
        ] {
            assert!(parse_label(s).is_none(), "{s:?} parsed as a label");
        }
    }

    #[test]
    fn a_dot_after_a_closing_bracket_belongs_to_the_label() {
        let ii = l("ii). the reserves");
        assert_eq!((ii.id.as_str(), ii.len, ii.punct), ("ii", 4, Punct::Close));
        assert!(ii.is_followed_by(&l("iii) the programme")));
        assert_eq!(l("(b). the second").len, 4);
        assert!(parse_label("ii).the").is_none());
    }

    #[test]
    fn sequences() {
        assert!(l("1. a").is_followed_by(&l("2. b")));
        assert!(!l("1. a").is_followed_by(&l("2) b")));
        assert!(l("(iii) a").is_followed_by(&l("(iv) b")));
        assert!(l("(h) a").is_followed_by(&l("(i) b")));
        assert!(l("7.1 a").is_followed_by(&l("7.2 b")));
        assert!(!l("7.1 a").is_followed_by(&l("8.2 b")));
        assert!(l("SR (25/26) 01 a").is_followed_by(&l("SR (25/26) 02 b")));
        assert!(l("Recommendation 1: a").is_followed_by(&l("Recommendation 2: b")));
        assert!(l("(i) a").is_first() && l("a) x").is_first() && !l("(b) x").is_first());
    }

    #[test]
    fn ambiguous_letters_settle_by_sequence() {
        let h = l("(h) a");
        let mut i = l("(i) b");
        i.resolve_after(&h);
        assert_eq!(i.counter, Counter::LowerAlpha);
        assert_eq!(i.value, 9);
        let mut i2 = l("(i) b");
        i2.resolve_after(&l("(a) z"));
        assert_eq!(i2.counter, Counter::LowerRoman);
    }

    #[test]
    fn roman_values() {
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("xii"), Some(12));
        assert_eq!(roman_value("iiv"), None);
        assert_eq!(roman_value("il"), None);
    }

    #[test]
    fn bullets() {
        assert_eq!(bullet_len("• item"), Some(3));
        assert_eq!(bullet_len("- item"), Some(1));
        assert_eq!(bullet_len("-2 degrees"), None);
        assert_eq!(bullet_len("o Item"), Some(1));
        assert_eq!(bullet_len("or not"), None);
    }

    #[test]
    fn four_digit_numbers_are_labels_only_after_the_number_before() {
        let l999 = l("999. That the last be approved.");
        let long = parse_long_after("1000. That it be approved.", &l999).unwrap();
        assert_eq!((long.id.as_str(), long.value, long.len), ("1000", 1000, 5));
        assert!(l999.is_followed_by(&long));
        let l1000 = parse_long_after("(1000) That", &l("(999) That")).unwrap();
        assert_eq!((l1000.punct, l1000.len), (Punct::Paren, 6));
        assert!(parse_long_after("1001) That", &l("1) That")).is_none());
        // A year at the start of a wrapped line is not the next item.
        assert!(parse_long_after("1972. The report be noted.", &l("1. That")).is_none());
        assert!(parse_long_after("1000. That", &l("999) That")).is_none());
        assert!(parse_long_after("1000. That", &l("a. That")).is_none());
        assert!(parse_label("1000. That it be approved.").is_none());
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] = &[
            (&*super::LABEL, "1.", "Members noted the report."),
            (&*super::LONG_NUMBER, "1000. That", "999. That"),
        ];
        crate::extract::textutil::assert_documented_examples(cases);
    }
}
