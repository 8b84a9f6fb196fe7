//! Builds the normalised text that every extractor reads and every `span` indexes.
//!
//! Normalisation is deliberately light so that quotes stay faithful to the source: line endings
//! become `\n`; non-breaking and other Unicode spaces become plain spaces (runs are kept, since a
//! run of spaces often separates two items on one line); control and zero-width characters are
//! dropped; trailing blanks are trimmed; runs of blank lines collapse to one. Curly quotes and
//! dashes are kept: extractors accept both forms instead of rewriting them.

/// Accumulates text line by line, applying the normalisation rules as it goes.
#[derive(Debug, Default)]
pub struct TextBuilder {
    out: String,
    /// Byte offset where each page after the first starts.
    page_starts: Vec<usize>,
    /// Blank characters seen but not yet written (dropped if the line ends).
    pending_blanks: String,
}

impl TextBuilder {
    pub fn with_capacity(n: usize) -> Self {
        TextBuilder {
            out: String::with_capacity(n),
            ..Default::default()
        }
    }

    /// Appends text, normalising characters; `\n` starts a new line.
    pub fn push_str(&mut self, s: &str) {
        let mut rest = s;
        while !rest.is_empty() {
            let run = rest.bytes().take_while(|&b| is_printable_ascii(b)).count();
            if run > 0 {
                self.push_printable_ascii(&rest[..run]);
                rest = &rest[run..];
                continue;
            }
            let Some(c) = rest.chars().next() else {
                break;
            };
            self.push_char(c);
            rest = &rest[c.len_utf8()..];
        }
    }

    pub fn push_char(&mut self, c: char) {
        match c {
            '\n' => self.newline(),
            '\r' => self.newline(),
            '\t' => self.pending_blanks.push('\t'),
            c if is_space(c) => self.pending_blanks.push(' '),
            c if is_dropped(c) => {}
            c => {
                if !self.pending_blanks.is_empty() {
                    self.out.push_str(&self.pending_blanks);
                    self.pending_blanks.clear();
                }
                self.out.push(c);
            }
        }
    }

    /// Appends printable ASCII (visible characters and spaces, no controls), as `push_char`
    /// would one by one: spaces between words are written, spaces at the end wait.
    pub fn push_printable_ascii(&mut self, run: &str) {
        debug_assert!(run.bytes().all(is_printable_ascii));
        let visible = run.trim_end_matches(' ');
        if !visible.is_empty() {
            if !self.pending_blanks.is_empty() {
                self.out.push_str(&self.pending_blanks);
                self.pending_blanks.clear();
            }
            self.out.push_str(visible);
        }
        self.pending_blanks.push_str(&run[visible.len()..]);
    }

    /// Ends the current line. Blank lines collapse: at most one empty line in a row.
    pub fn newline(&mut self) {
        self.pending_blanks.clear();
        if self.out.is_empty() || self.out.ends_with("\n\n") {
            return;
        }
        self.out.push('\n');
    }

    /// Ends the current paragraph: the next text starts after one empty line.
    pub fn paragraph_break(&mut self) {
        self.newline();
        self.newline();
    }

    /// Ensures the next text starts on a fresh line.
    pub fn line_break(&mut self) {
        self.pending_blanks.clear();
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// Appends markup text the way a browser lays it out: each run of ASCII whitespace is one
    /// space, and a space at either end only separates words (non-breaking spaces are kept).
    pub fn push_html_text(&mut self, t: &str) {
        if t.starts_with(|c: char| c.is_ascii_whitespace()) {
            self.soft_space();
        }
        for (k, w) in t.split_ascii_whitespace().enumerate() {
            if k > 0 {
                self.push_char(' ');
            }
            self.push_str(w);
        }
        if t.ends_with(|c: char| c.is_ascii_whitespace()) {
            self.soft_space();
        }
    }

    /// Writes `sep` (e.g. a table cell separator) in place of any blanks not yet written.
    pub fn separator(&mut self, sep: &str) {
        self.pending_blanks.clear();
        self.push_str(sep);
    }

    /// Whether the current line has no text yet.
    pub fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n')
    }

    /// Adds a single space unless the line is empty or already ends in a blank.
    pub fn soft_space(&mut self) {
        if !self.at_line_start() && self.pending_blanks.is_empty() {
            self.pending_blanks.push(' ');
        }
    }

    /// Starts a new page (after a form feed, or a PDF page boundary).
    pub fn page_break(&mut self) {
        self.paragraph_break();
        self.page_starts.push(self.out.len());
    }

    pub fn len(&self) -> usize {
        self.out.len()
    }

    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// Finishes the text: drops trailing blank lines. Returns the text and the page starts.
    pub fn finish(mut self) -> (String, Vec<usize>) {
        while self.out.ends_with('\n') {
            self.out.pop();
        }
        let end = self.out.len();
        self.page_starts.retain(|&p| p < end);
        self.page_starts.dedup();
        (self.out, self.page_starts)
    }
}

/// A visible ASCII character or a space: what [`TextBuilder::push_printable_ascii`] takes.
fn is_printable_ascii(b: u8) -> bool {
    (b' '..=b'~').contains(&b)
}

/// Characters shown as a blank: non-breaking and typographic spaces.
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{0b}'
    )
}

/// Characters with no visible form: controls, zero-width marks, soft hyphens, byte-order marks.
fn is_dropped(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// Normalises plain text: each form feed starts a new page.
pub fn normalise_plain(s: &str) -> (String, Vec<usize>) {
    let mut b = TextBuilder::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        // Most of a page is runs of printable ASCII, which go into the text as they are.
        let run = bytes[i..]
            .iter()
            .take_while(|&&b| is_printable_ascii(b))
            .count();
        if run > 0 {
            b.push_printable_ascii(&s[i..i + run]);
            i += run;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            '\r' => {
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                b.newline();
            }
            '\u{0c}' => b.page_break(),
            c => b.push_char(c),
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_blank_lines_and_trims_line_ends() {
        let (t, _) = normalise_plain("a  \r\n\r\n\u{a0}\n\n \nb\u{a0}\u{a0}c\t\n");
        assert_eq!(t, "a\n\nb  c");
    }

    #[test]
    fn drops_controls_and_keeps_curly_quotes() {
        let (t, _) = normalise_plain("Council\u{2019}s\u{0}\u{200b} plan \u{2013} 2023");
        assert_eq!(t, "Council\u{2019}s plan \u{2013} 2023");
    }

    #[test]
    fn runs_of_printable_ascii_read_as_the_characters_one_by_one_would() {
        // The character-by-character reading, as the runs of visible ASCII must give.
        fn one_by_one(s: &str) -> (String, Vec<usize>) {
            let mut b = TextBuilder::with_capacity(s.len());
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\r' => {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        b.newline();
                    }
                    '\u{0c}' => b.page_break(),
                    c => b.push_char(c),
                }
            }
            b.finish()
        }
        for s in [
            "RESOLVED:\r\n\r\n1.  That the plan\u{a0}be approved;\t(£2m)\r",
            "a\u{200b}b\u{ad}c \u{0c} d\r\r\ne\u{7f}f\u{85}g  \n\n\n h",
            "Council’s plan – 2023\u{0b}x\u{3000}y\u{feff}",
            "",
            "\r",
            "  two  spaces  \n  then\u{a0} nbsp \t tab  ",
            " ",
            "end of text   ",
            "a \u{200b} b",
        ] {
            assert_eq!(normalise_plain(s), one_by_one(s), "{s:?}");
            let mut whole = TextBuilder::with_capacity(s.len());
            whole.push_str(s);
            let mut each = TextBuilder::with_capacity(s.len());
            s.chars().for_each(|c| each.push_char(c));
            assert_eq!(whole.finish(), each.finish(), "{s:?}");
        }
    }

    #[test]
    fn form_feeds_start_pages() {
        let (t, pages) = normalise_plain("one\u{0c}two\u{0c}three");
        assert_eq!(t, "one\n\ntwo\n\nthree");
        assert_eq!(pages, vec![5, 10]);
    }

    #[test]
    fn leading_indentation_is_kept() {
        let (t, _) = normalise_plain("  - a.\n    b");
        assert_eq!(t, "  - a.\n    b");
    }
}
