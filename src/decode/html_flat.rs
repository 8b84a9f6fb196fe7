//! A tree-free HTML reader for markup too large or too deeply nested to build a DOM from.
//!
//! HTML tree construction costs memory per element and, for deeply nested markup, time that
//! grows with the square of the depth (scope checks walk the stack of open elements). This
//! reader runs only the `html5ever` tokenizer, which is linear, and writes text with a line
//! break at every block tag. List ordinals and table structure are not rebuilt.

use super::html::BLOCKS;
use super::normalise::TextBuilder;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// Deepest element nesting the tree builder is trusted with.
pub const MAX_TREE_DEPTH: usize = 512;

/// Estimates the deepest element nesting from the bytes, without parsing.
///
/// Elements whose end tag may be omitted (`p`, `li`, `td` …) and void elements are not counted,
/// so the estimate errs low on sloppy markup and high only on deliberately deep nesting.
pub fn nesting_depth(bytes: &[u8]) -> usize {
    const UNCOUNTED: &[&[u8]] = &[
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"thead",
        b"tbody",
        b"tfoot",
        b"option",
        b"br",
        b"hr",
        b"img",
        b"input",
        b"meta",
        b"link",
        b"col",
        b"area",
        b"base",
        b"wbr",
        b"source",
        b"embed",
        b"param",
        b"track",
        b"html",
        b"head",
        b"body",
        b"colgroup",
        b"optgroup",
        b"rb",
        b"rt",
        b"rp",
    ];
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let len = bytes[start..]
            .iter()
            .take(16)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let name = bytes[start..start + len].to_ascii_lowercase();
        if UNCOUNTED.contains(&name.as_slice()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let self_closing = memchr::memchr(b'>', &bytes[start..])
                .is_some_and(|end| end > 0 && bytes[start + end - 1] == b'/');
            if !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

/// Tags that break a line here: the block elements of the tree reader, plus the rows, items
/// and breaks that the tree reader handles on their own.
fn breaks_line(name: &str) -> bool {
    BLOCKS.contains(&name) || matches!(name, "li" | "table" | "tr" | "br" | "hr")
}
const RAW_TEXT_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "title", "textarea",
];

struct FlatSink {
    out: RefCell<TextBuilder>,
    /// Depth inside elements whose text is not shown.
    hidden: RefCell<usize>,
}

impl TokenSink for FlatSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                if RAW_TEXT_TAGS.contains(&name) {
                    let mut hidden = self.hidden.borrow_mut();
                    match tag.kind {
                        TagKind::StartTag if !tag.self_closing => {
                            *hidden += 1;
                            // Without a tree builder the tokenizer must be told which elements
                            // hold raw text, or `<p>` inside a script would read as a tag.
                            let raw = match name {
                                "script" => RawKind::ScriptData,
                                "title" | "textarea" => RawKind::Rcdata,
                                "template" => return TokenSinkResult::Continue,
                                _ => RawKind::Rawtext,
                            };
                            return TokenSinkResult::RawData(raw);
                        }
                        TagKind::EndTag => *hidden = hidden.saturating_sub(1),
                        _ => {}
                    }
                } else if breaks_line(name) {
                    self.out.borrow_mut().line_break();
                } else if name == "td" || name == "th" {
                    self.out.borrow_mut().soft_space();
                }
            }
            Token::CharacterTokens(t) if *self.hidden.borrow() == 0 => self.text(&t),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl FlatSink {
    fn text(&self, t: &StrTendril) {
        self.out.borrow_mut().push_html_text(t);
    }
}

/// Text of an HTML document with block tags as line breaks and no tree built.
pub fn html_to_text_flat(source: &str) -> (String, Vec<usize>) {
    let sink = FlatSink {
        out: RefCell::new(TextBuilder::with_capacity(source.len() / 2)),
        hidden: RefCell::new(0),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    // Feed in pieces so that the tokenizer never holds a second copy of a huge input.
    const CHUNK: usize = 1 << 20;
    let mut rest = source;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        queue.push_back(StrTendril::from_slice(&rest[..cut]));
        let _ = tokenizer.feed(&queue);
        rest = &rest[cut..];
    }
    tokenizer.end();
    tokenizer.sink.out.into_inner().finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_nesting_not_siblings() {
        assert_eq!(nesting_depth(b"<div><div><span>x</span></div></div>"), 3);
        assert_eq!(nesting_depth(b"<p>a<p>b<p>c<br><img src=x>"), 0);
        assert_eq!(nesting_depth(b"<div/><div></div>"), 1);
        assert_eq!(nesting_depth(&b"<div>".repeat(10_000)), 10_000);
    }

    #[test]
    fn flat_reader_breaks_at_blocks_and_skips_scripts() {
        let (t, _) = html_to_text_flat(
            "<div><script>var a = '<p>';</script><p>RESOLVED:</p><p>That the <b>report</b> be noted.</p></div>",
        );
        assert_eq!(t, "RESOLVED:\nThat the report be noted.");
    }
}
