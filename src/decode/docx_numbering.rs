//! Word automatic numbering: reads `numbering.xml` and `styles.xml` and works out the label Word
//! draws before each numbered paragraph (`3.6`, `(b)`, `iv.`), counting the way Word counts.
//!
//! A paragraph is numbered through its own `w:numPr` or through its style (and the styles that
//! style is based on). `w:num` instances that restart numbering (`w:startOverride`) count on their
//! own; plain instances of one abstract definition share their counters. Using a level resets the
//! deeper levels unless their `w:lvlRestart` says otherwise.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashMap, HashSet};

const LEVELS: usize = 9;
/// Longest chain of `w:basedOn` or `w:numStyleLink` links followed.
const MAX_LINKS: usize = 16;

/// How a level writes its counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumFmt {
    #[default]
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
}

impl NumFmt {
    fn parse(s: &str) -> NumFmt {
        match s {
            "decimalZero" => NumFmt::DecimalZero,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperRoman" => NumFmt::UpperRoman,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            _ => NumFmt::Decimal,
        }
    }

    /// The counter value as this format prints it.
    pub fn format(self, n: i64) -> String {
        match self {
            NumFmt::Decimal | NumFmt::Bullet => n.to_string(),
            NumFmt::DecimalZero if (0..10).contains(&n) => format!("0{n}"),
            NumFmt::DecimalZero => n.to_string(),
            NumFmt::LowerLetter => word_letters(n),
            NumFmt::UpperLetter => word_letters(n).to_uppercase(),
            NumFmt::LowerRoman => roman(n),
            NumFmt::UpperRoman => roman(n).to_uppercase(),
            NumFmt::None => String::new(),
        }
    }
}

/// Word's letters: a … z, then aa … zz, then aaa (the letter repeated, not base 26).
fn word_letters(n: i64) -> String {
    if n < 1 {
        return n.to_string();
    }
    let n = (n - 1) as usize;
    let letter = (b'a' + (n % 26) as u8) as char;
    std::iter::repeat_n(letter, (n / 26 + 1).min(50)).collect()
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    super::html::ordinal(n, 'i')
}

/// What follows the label: a tab (Word's default), a space or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    fmt: NumFmt,
    text: String,
    /// `w:lvlRestart`: restart after a use of level 1..=n only; 0 never restarts.
    restart: Option<u32>,
    suffix: Suffix,
    legal: bool,
    style: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct AbstractNum {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the definition lives with the numbering of this style.
    style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: [Option<i64>; LEVELS],
    level_overrides: [Option<Level>; LEVELS],
}

impl Num {
    fn restarts(&self) -> bool {
        self.start_overrides.iter().any(Option::is_some)
            || self.level_overrides.iter().any(Option::is_some)
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
}

/// The numbering a paragraph asks for in its own properties.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumPr {
    pub num_id: Option<String>,
    pub ilvl: Option<u8>,
}

/// A label Word draws before a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumLabel {
    pub text: String,
    pub suffix: Suffix,
    /// The list level (0 for the outermost).
    pub level: u8,
}

/// Numbering definitions and the running counters of one document.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
    styles: HashMap<String, Style>,
    default_style: Option<String>,
    counters: HashMap<String, [Option<i64>; LEVELS]>,
    started: HashSet<String>,
}

impl Numbering {
    /// Reads the definitions; either part may be missing or unreadable (no numbering then).
    pub fn new(numbering_xml: Option<&str>, styles_xml: Option<&str>) -> Numbering {
        let mut n = Numbering::default();
        if let Some(x) = numbering_xml {
            n.read_numbering(x);
        }
        if let Some(x) = styles_xml {
            n.read_styles(x);
        }
        n
    }

    fn read_numbering(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut abs: Option<(String, AbstractNum)> = None;
        let mut num: Option<(String, Num)> = None;
        // The level being read: inside an abstract definition or a `w:lvlOverride`.
        let mut lvl: Option<(usize, Level)> = None;
        let mut override_ilvl: Option<usize> = None;
        loop {
            let (e, empty) = match r.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        "lvl" => {
                            if let Some((i, l)) = lvl.take() {
                                if let Some((_, a)) = abs.as_mut() {
                                    a.levels[i] = Some(l);
                                } else if let Some((_, n)) = num.as_mut() {
                                    n.level_overrides[i] = Some(l);
                                }
                            }
                        }
                        "lvlOverride" => override_ilvl = None,
                        "abstractNum" => {
                            if let Some((id, a)) = abs.take() {
                                self.abstracts.entry(id).or_insert(a);
                            }
                        }
                        "num" => {
                            if let Some((id, n)) = num.take() {
                                self.nums.entry(id).or_insert(n);
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            let val = || attr(&e, "val");
            match e.local_name().as_ref() {
                "abstractNum" if !empty => {
                    abs = attr(&e, "abstractNumId").map(|id| (id, AbstractNum::default()));
                }
                "num" if !empty => {
                    num = attr(&e, "numId").map(|id| (id, Num::default()));
                }
                "abstractNumId" => {
                    if let (Some((_, n)), Some(v)) = (num.as_mut(), val()) {
                        n.abstract_id = v;
                    }
                }
                "lvlOverride" => override_ilvl = level_index(attr(&e, "ilvl")),
                "startOverride" => {
                    if let (Some((_, n)), Some(i)) = (num.as_mut(), override_ilvl) {
                        n.start_overrides[i] = val().and_then(|v| v.parse().ok());
                    }
                }
                "lvl" if !empty => {
                    let i = level_index(attr(&e, "ilvl")).or(override_ilvl);
                    lvl = i.map(|i| (i, Level::default()));
                }
                "numStyleLink" => {
                    if let Some((_, a)) = abs.as_mut() {
                        a.style_link = val();
                    }
                }
                name => {
                    if let Some((_, l)) = lvl.as_mut() {
                        match name {
                            "start" => l.start = val().and_then(|v| v.parse().ok()).unwrap_or(0),
                            "numFmt" => l.fmt = NumFmt::parse(&val().unwrap_or_default()),
                            "lvlText" => l.text = val().unwrap_or_default(),
                            "lvlRestart" => l.restart = val().and_then(|v| v.parse().ok()),
                            "isLgl" => l.legal = val().is_none_or(|v| on(&v)),
                            "pStyle" => l.style = val(),
                            "suff" => {
                                l.suffix = match val().as_deref() {
                                    Some("space") => Suffix::Space,
                                    Some("nothing") => Suffix::Nothing,
                                    _ => Suffix::Tab,
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
    }

    fn read_styles(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        loop {
            match r.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                    "style" => {
                        let paragraph = attr(&e, "type").is_none_or(|t| t == "paragraph");
                        current = attr(&e, "styleId")
                            .filter(|_| paragraph)
                            .map(|id| (id, Style::default()));
                        if let Some((id, _)) = &current
                            && attr(&e, "default").is_some_and(|v| on(&v))
                        {
                            self.default_style = Some(id.clone());
                        }
                    }
                    "basedOn" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.based_on = attr(&e, "val");
                        }
                    }
                    "numId" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.num_id = attr(&e, "val");
                        }
                    }
                    "ilvl" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.ilvl = level_index(attr(&e, "val")).map(|i| i as u8);
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) if e.local_name().as_ref() == "style" => {
                    if let Some((id, s)) = current.take() {
                        self.styles.entry(id).or_insert(s);
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }

    /// The numbering a style (or a style it is based on) gives, as (numId, ilvl).
    fn style_numbering(&self, style: &str) -> (Option<String>, Option<u8>) {
        let (mut num_id, mut ilvl) = (None, None);
        let mut id = Some(style.to_string());
        for _ in 0..MAX_LINKS {
            let Some(s) = id.as_deref().and_then(|i| self.styles.get(i)) else {
                break;
            };
            if num_id.is_none() {
                num_id = s.num_id.clone();
            }
            if ilvl.is_none() {
                ilvl = s.ilvl;
            }
            if num_id.is_some() && ilvl.is_some() {
                break;
            }
            id = s.based_on.clone();
        }
        (num_id, ilvl)
    }

    /// The abstract definition behind a `w:num`, following `w:numStyleLink`.
    fn abstract_of(&self, num: &Num) -> Option<&AbstractNum> {
        let mut a = self.abstracts.get(&num.abstract_id)?;
        for _ in 0..MAX_LINKS {
            let Some(link) = &a.style_link else {
                return Some(a);
            };
            let (linked, _) = self.style_numbering(link);
            let next = linked
                .and_then(|id| self.nums.get(&id))
                .and_then(|n| self.abstracts.get(&n.abstract_id))?;
            a = next;
        }
        Some(a)
    }

    /// Counts one more paragraph and returns its label, or `None` when it is not numbered.
    pub fn next_label(&mut self, style: Option<&str>, direct: &NumPr) -> Option<NumLabel> {
        let style = style.or(self.default_style.as_deref()).map(str::to_string);
        let (style_num, style_lvl) = style
            .as_deref()
            .map(|s| self.style_numbering(s))
            .unwrap_or_default();
        let num_id = direct.num_id.clone().or(style_num)?;
        let num = self.nums.get(&num_id)?.clone();
        let abs = self.abstract_of(&num)?.clone();
        let ilvl = direct
            .ilvl
            .or(style_lvl)
            .or_else(|| {
                let s = style.as_deref()?;
                abs.levels
                    .iter()
                    .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(s))
                    .map(|i| i as u8)
            })
            .unwrap_or(0)
            .min(LEVELS as u8 - 1) as usize;
        let level_def = |i: usize| -> Option<Level> {
            let mut l = num.level_overrides[i]
                .clone()
                .or_else(|| abs.levels[i].clone())?;
            if let Some(s) = num.start_overrides[i] {
                l.start = s;
            }
            Some(l)
        };
        let this = level_def(ilvl)?;
        let key = if num.restarts() {
            format!("num:{num_id}")
        } else {
            format!("abs:{}", num.abstract_id)
        };
        let first_use = self.started.insert(key.clone());
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        if first_use {
            *counters = [None; LEVELS];
        }
        counters[ilvl] = Some(match counters[ilvl] {
            Some(n) => n.saturating_add(1),
            None => this.start,
        });
        for (k, c) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let keep = match level_def(k).and_then(|l| l.restart) {
                Some(0) => true,
                Some(r) => ilvl as u32 >= r,
                None => false,
            };
            if !keep {
                *c = None;
            }
        }
        let counters = *counters;
        let text = if this.fmt == NumFmt::Bullet {
            bullet_text(&this.text)
        } else {
            let mut out = String::new();
            let mut chars = this.text.chars().peekable();
            while let Some(c) = chars.next() {
                let digit = chars.peek().and_then(|d| d.to_digit(10));
                match (c, digit) {
                    ('%', Some(d @ 1..=9)) => {
                        chars.next();
                        let k = d as usize - 1;
                        let def = level_def(k).unwrap_or_default();
                        let value = counters[k].unwrap_or(def.start);
                        let fmt = if this.legal && k != ilvl {
                            NumFmt::Decimal
                        } else {
                            def.fmt
                        };
                        out.push_str(&fmt.format(value));
                    }
                    _ => out.push(c),
                }
            }
            out
        };
        if text.trim().is_empty() {
            return None;
        }
        Some(NumLabel {
            text,
            suffix: this.suffix,
            level: ilvl as u8,
        })
    }
}

/// Bullets drawn from symbol fonts sit in the private use area; they print as a bullet.
fn bullet_text(t: &str) -> String {
    t.chars()
        .map(|c| {
            if ('\u{e000}'..='\u{f8ff}').contains(&c) {
                '•'
            } else {
                c
            }
        })
        .collect()
}

fn level_index(v: Option<String>) -> Option<usize> {
    v.and_then(|v| v.parse::<usize>().ok())
        .filter(|&i| i < LEVELS)
}

/// An OOXML on/off value.
pub fn on(v: &str) -> bool {
    !matches!(v, "0" | "false" | "off" | "none")
}

/// The value of an attribute by its local name (`w:val` → `val`), unescaped.
pub fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn numbering(body: &str) -> String {
        format!("<w:numbering {W}>{body}</w:numbering>")
    }

    fn lvl(i: u8, fmt: &str, text: &str, start: i64) -> String {
        format!(
            r#"<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>"#
        )
    }

    fn direct(num: &str, ilvl: u8) -> NumPr {
        NumPr {
            num_id: Some(num.into()),
            ilvl: Some(ilvl),
        }
    }

    fn labels(n: &mut Numbering, seq: &[(&str, u8)]) -> Vec<String> {
        seq.iter()
            .map(|(num, i)| {
                n.next_label(None, &direct(num, *i))
                    .map(|l| l.text)
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn multilevel_decimal_resets_deeper_levels() {
        let xml = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "decimal", "%1.", 1),
            lvl(1, "decimal", "%1.%2", 1),
            lvl(2, "lowerLetter", "(%3)", 1)
        ));
        let mut n = Numbering::new(Some(&xml), None);
        assert_eq!(
            labels(
                &mut n,
                &[
                    ("1", 0),
                    ("1", 1),
                    ("1", 1),
                    ("1", 2),
                    ("1", 2),
                    ("1", 0),
                    ("1", 1),
                    ("1", 2)
                ]
            ),
            ["1.", "1.1", "1.2", "(a)", "(b)", "2.", "2.1", "(a)"]
        );
    }

    #[test]
    fn formats_and_start_values() {
        let xml = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum>
               <w:abstractNum w:abstractNumId="1">{}</w:abstractNum>
               <w:abstractNum w:abstractNumId="2">{}</w:abstractNum>
               <w:abstractNum w:abstractNumId="3">{}</w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
               <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
               <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
               <w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>"#,
            lvl(0, "lowerRoman", "(%1)", 1),
            lvl(0, "upperLetter", "%1)", 3),
            lvl(0, "upperRoman", "%1:", 4),
            lvl(0, "lowerLetter", "%1.", 26),
        ));
        let mut n = Numbering::new(Some(&xml), None);
        assert_eq!(
            labels(
                &mut n,
                &[
                    ("1", 0),
                    ("1", 0),
                    ("1", 0),
                    ("1", 0),
                    ("2", 0),
                    ("2", 0),
                    ("3", 0),
                    ("4", 0),
                    ("4", 0)
                ]
            ),
            [
                "(i)", "(ii)", "(iii)", "(iv)", "C)", "D)", "IV:", "z.", "aa."
            ]
        );
    }

    #[test]
    fn start_override_restarts_and_plain_instances_continue() {
        let xml = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
               <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
               <w:num w:numId="3"><w:abstractNumId w:val="0"/>
                 <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
            lvl(0, "decimal", "%1.", 1)
        ));
        let mut n = Numbering::new(Some(&xml), None);
        assert_eq!(
            labels(&mut n, &[("1", 0), ("1", 0), ("2", 0), ("3", 0), ("3", 0)]),
            ["1.", "2.", "3.", "1.", "2."]
        );
    }

    #[test]
    fn numbering_through_styles_and_level_restart() {
        let xml = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Recommendation %2:"/><w:suff w:val="space"/></w:lvl></w:abstractNum>
               <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "decimal", "%1.", 1)
        ));
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="RecBase"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
               <w:style w:type="paragraph" w:styleId="Rec"><w:basedOn w:val="RecBase"/></w:style>
               <w:style w:type="paragraph" w:styleId="Plain"><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:basedOn w:val="Rec"/></w:style></w:styles>"#
        );
        let mut n = Numbering::new(Some(&xml), Some(&styles));
        let none = NumPr::default();
        let a = n.next_label(Some("Rec"), &none).unwrap();
        assert_eq!(
            (a.text.as_str(), a.suffix, a.level),
            ("Recommendation 1:", Suffix::Space, 1)
        );
        assert_eq!(n.next_label(Some("Plain"), &none), None);
        // A level-0 paragraph in between does not restart level 1 (`w:lvlRestart` 0).
        assert_eq!(n.next_label(None, &direct("5", 0)).unwrap().text, "1.");
        assert_eq!(
            n.next_label(Some("Rec"), &none).unwrap().text,
            "Recommendation 2:"
        );
    }

    #[test]
    fn legal_numbering_and_bullets() {
        let xml = numbering(
            r#"<w:abstractNum w:abstractNumId="0">
                 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
                 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
                 <w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
               </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        );
        let mut n = Numbering::new(Some(&xml), None);
        assert_eq!(
            labels(&mut n, &[("1", 0), ("1", 0), ("1", 1), ("1", 2)]),
            ["I.", "II.", "2.1", "•"]
        );
    }

    #[test]
    fn missing_definitions_give_no_label() {
        let mut n = Numbering::new(Some("<not xml"), Some(""));
        assert_eq!(n.next_label(None, &direct("7", 0)), None);
        assert_eq!(word_letters(53), "aaa");
        assert_eq!(NumFmt::DecimalZero.format(7), "07");
    }
}
