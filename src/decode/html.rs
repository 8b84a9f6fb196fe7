//! HTML to text blocks through `scraper`, keeping the block structure extractors rely on:
//! paragraphs and headings are separated by an empty line, `<br>` ends a line, list items carry
//! their visible ordinal (from `<ol type start>`, `<li value>` and nesting), data-table rows
//! become one line with ` | ` between cells. Scripts, styles, navigation and hidden text are
//! dropped; on Modern.Gov pages only `div#modgov` (or `.mgContent`) is kept.
//!
//! The tree is walked with an explicit edge iterator, never recursively, so deeply nested
//! markup cannot overflow the stack.

use super::normalise::TextBuilder;
use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// Text of an HTML document plus what the page says about itself.
#[derive(Debug)]
pub struct HtmlText {
    pub text: String,
    pub page_starts: Vec<usize>,
    /// The `<title>` element's text.
    pub title: Option<String>,
}

static MODGOV: LazyLock<Selector> = LazyLock::new(|| Selector::parse("div#modgov").unwrap());
static MG_CONTENT: LazyLock<Selector> = LazyLock::new(|| Selector::parse(".mgContent").unwrap());
static BODY: LazyLock<Selector> = LazyLock::new(|| Selector::parse("body").unwrap());
static TITLE: LazyLock<Selector> = LazyLock::new(|| Selector::parse("title").unwrap());

/// Converts an HTML document to normalised text.
pub fn html_to_text(source: &str) -> HtmlText {
    let doc = Html::parse_document(source);
    let title = doc
        .select(&TITLE)
        .next()
        .map(|t| collapse_ws(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let roots: Vec<NodeRef<Node>> = if let Some(m) = doc.select(&MODGOV).next() {
        vec![*m]
    } else {
        let contents: Vec<_> = doc.select(&MG_CONTENT).map(|e| *e).collect();
        if !contents.is_empty() {
            contents
        } else if let Some(b) = doc.select(&BODY).next() {
            vec![*b]
        } else {
            vec![doc.tree.root()]
        }
    };
    let mut w = Walker::new(source.len());
    for root in roots {
        w.walk(root);
        w.out.paragraph_break();
    }
    let (text, page_starts) = w.out.finish();
    HtmlText {
        text,
        page_starts,
        title,
    }
}

fn collapse_ws(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Numbering of one open `<ol>` or `<ul>`.
struct ListCtx {
    ordered: bool,
    style: char,
    next: i64,
}

/// One open `<table>`: whether its rows are flattened into lines, and the cell count so far.
struct TableCtx {
    data: bool,
    cells_in_row: usize,
}

struct Walker {
    out: TextBuilder,
    lists: Vec<ListCtx>,
    tables: Vec<TableCtx>,
    /// The label of a list item, written before the item's first text.
    pending_label: Option<String>,
    pre_depth: usize,
    /// Depth inside data-table cells: block breaks become spaces there.
    cell_depth: usize,
    /// Depth inside list items.
    li_depth: usize,
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "nav", "iframe", "object", "svg",
    "select", "option", "button", "input", "textarea", "map", "canvas", "header", "footer", "img",
    "video", "audio",
];

/// Block elements: each starts and ends a paragraph.
pub(super) const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "aside",
    "address",
    "caption",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "legend",
    "center",
    "details",
    "summary",
];

impl Walker {
    fn new(cap: usize) -> Self {
        Walker {
            out: TextBuilder::with_capacity(cap / 2),
            lists: Vec::new(),
            tables: Vec::new(),
            pending_label: None,
            pre_depth: 0,
            cell_depth: 0,
            li_depth: 0,
        }
    }

    fn walk(&mut self, root: NodeRef<Node>) {
        let mut skip: Option<ego_tree::NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.text(t),
                        Node::Element(_) => {
                            let el = ElementRef::wrap(node).expect("element node");
                            if is_skipped(el) {
                                skip = Some(node.id());
                            } else {
                                self.open(el);
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = skip {
                        if id == node.id() {
                            skip = None;
                        }
                        continue;
                    }
                    if let Some(el) = ElementRef::wrap(node) {
                        self.close(el);
                    }
                }
            }
        }
    }

    fn block_break(&mut self) {
        if self.pending_label.is_some() {
            return;
        }
        if self.cell_depth > 0 {
            self.out.soft_space();
        } else if self.li_depth > 0 {
            // Paragraphs inside one list item stay together: no empty line between them.
            self.out.line_break();
        } else {
            self.out.paragraph_break();
        }
    }

    fn open(&mut self, el: ElementRef) {
        let name = el.value().name();
        match name {
            "br" => {
                if self.cell_depth > 0 {
                    self.out.soft_space();
                } else if self.pending_label.is_none() {
                    self.out.line_break();
                }
            }
            "hr" => self.block_break(),
            "ol" | "ul" => {
                self.block_break();
                let ordered = name == "ol";
                let style = el
                    .value()
                    .attr("type")
                    .and_then(|t| t.trim().chars().next())
                    .filter(|c| matches!(c, '1' | 'a' | 'A' | 'i' | 'I'))
                    .unwrap_or('1');
                let reversed = el.value().attr("reversed").is_some();
                let start = el
                    .value()
                    .attr("start")
                    .and_then(|s| s.trim().parse::<i64>().ok());
                let next = start.unwrap_or(if reversed { count_items(el) } else { 1 });
                self.lists.push(ListCtx {
                    ordered,
                    style,
                    next,
                });
            }
            "li" => {
                self.li_depth += 1;
                self.out.line_break();
                let depth = self.lists.len().max(1);
                let indent = "    ".repeat(depth - 1);
                let label = match self.lists.last_mut() {
                    Some(list) if list.ordered => {
                        if let Some(v) =
                            el.value().attr("value").and_then(|v| v.trim().parse().ok())
                        {
                            list.next = v;
                        }
                        let n = list.next;
                        list.next += 1;
                        format!("{indent}{}. ", ordinal(n, list.style))
                    }
                    _ => format!("{indent}\u{2022} "),
                };
                if self.cell_depth > 0 {
                    self.out.soft_space();
                    self.out.push_str(label.trim_start());
                } else {
                    self.pending_label = Some(label);
                }
            }
            "table" => {
                self.block_break();
                let data = self.cell_depth == 0 && is_data_table(el);
                self.tables.push(TableCtx {
                    data,
                    cells_in_row: 0,
                });
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cells_in_row = 0;
                    if t.data {
                        self.out.line_break();
                    } else {
                        self.block_break();
                    }
                }
            }
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut() {
                    if t.data {
                        if t.cells_in_row > 0 {
                            self.out.separator(" | ");
                        }
                        t.cells_in_row += 1;
                        self.cell_depth += 1;
                    } else {
                        self.block_break();
                    }
                } else {
                    self.block_break();
                }
            }
            "pre" => {
                self.block_break();
                self.pre_depth += 1;
            }
            n if BLOCKS.contains(&n) => self.block_break(),
            _ => {}
        }
    }

    fn close(&mut self, el: ElementRef) {
        let name = el.value().name();
        match name {
            "ol" | "ul" => {
                self.lists.pop();
                self.pending_label = None;
                self.block_break();
            }
            "li" => {
                self.li_depth = self.li_depth.saturating_sub(1);
                self.pending_label = None;
                if self.cell_depth == 0 {
                    self.out.line_break();
                }
            }
            "table" => {
                self.tables.pop();
                self.block_break();
            }
            "tr" if self.tables.last().is_some_and(|t| t.data) => {
                self.out.line_break();
            }
            "td" | "th" => {
                if self.tables.last().is_some_and(|t| t.data) {
                    self.cell_depth = self.cell_depth.saturating_sub(1);
                } else {
                    self.block_break();
                }
            }
            "pre" => {
                self.pre_depth = self.pre_depth.saturating_sub(1);
                self.block_break();
            }
            n if BLOCKS.contains(&n) => self.block_break(),
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.pre_depth > 0 {
            if let Some(label) = self.pending_label.take() {
                self.out.line_break();
                self.out.push_str(&label);
            }
            self.out.push_str(t);
            return;
        }
        if t.bytes().all(|b| b.is_ascii_whitespace()) {
            if !t.is_empty() {
                self.out.soft_space();
            }
            return;
        }
        // A list item's label goes before its first words, on a fresh line.
        if let Some(label) = self.pending_label.take() {
            self.out.line_break();
            self.out.push_str(&label);
            self.out
                .push_html_text(t.trim_start_matches(|c: char| c.is_ascii_whitespace()));
        } else {
            self.out.push_html_text(t);
        }
    }
}

fn is_skipped(el: ElementRef) -> bool {
    let v = el.value();
    if SKIPPED.contains(&v.name()) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("role") == Some("navigation") {
        return true;
    }
    if v.classes()
        .any(|c| c == "mgHide" || c == "hidden" || c == "visually-hidden")
    {
        return true;
    }
    if let Some(style) = v.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// A table whose rows read as records (tracker tables, fields): no nested tables and small
/// cells. Layout tables (a whole page in one cell) are walked as ordinary blocks instead.
fn is_data_table(table: ElementRef) -> bool {
    const SCAN_LIMIT: usize = 20_000;
    // Modern.Gov lays a meeting's items out in a table whose cells hold headed sections
    // (`Decision:`, `Minutes:`): those are paragraphs, not fields of a record.
    if table.value().classes().any(|c| c == "mgItemTable") {
        return false;
    }
    let mut blocks_in_cell = 0usize;
    for (seen, node) in table.descendants().skip(1).enumerate() {
        if seen > SCAN_LIMIT {
            return false;
        }
        if let Some(el) = ElementRef::wrap(node) {
            if el
                .value()
                .classes()
                .any(|c| c == "mgSubItemTitleTxt" || c == "mgWordPara")
            {
                return false;
            }
            match el.value().name() {
                "table" => return false,
                "td" | "th" => blocks_in_cell = 0,
                "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    blocks_in_cell += 1;
                    if blocks_in_cell > 8 {
                        return false;
                    }
                }
                _ => {}
            }
        }
    }
    true
}

fn count_items(list: ElementRef) -> i64 {
    list.children()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "li")
        .count() as i64
}

/// The visible form of list ordinal `n` in a list `type` (`1`, `a`, `A`, `i`, `I`).
pub fn ordinal(n: i64, style: char) -> String {
    match style {
        'a' | 'A' if n >= 1 => {
            let mut n = n;
            let mut s = Vec::new();
            while n > 0 {
                n -= 1;
                s.push(b'a' + (n % 26) as u8);
                n /= 26;
            }
            s.reverse();
            let s = String::from_utf8(s).unwrap_or_default();
            if style == 'A' {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        'i' | 'I' if (1..4000).contains(&n) => {
            let s = roman(n as u32);
            if style == 'I' {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        html_to_text(html).text
    }

    #[test]
    fn paragraphs_and_breaks() {
        assert_eq!(
            text("<body><p>RESOLVED:</p><p>That the report<br>be noted.</p></body>"),
            "RESOLVED:\n\nThat the report\nbe noted."
        );
    }

    #[test]
    fn ordered_list_numbers_are_written() {
        let t = text(
            "<body><p>That Cabinet:</p><ol type=\"a\" start=\"3\"><li>note the report;</li>\
             <li><p>approve</p><ol type=\"i\"><li>the plan</li><li>the budget</li></ol></li></ol></body>",
        );
        assert_eq!(
            t,
            "That Cabinet:\n\nc. note the report;\nd. approve\n    i. the plan\n    ii. the budget"
        );
    }

    #[test]
    fn li_value_and_uppercase_roman() {
        let t = text("<ol type=I><li>one</li><li value=7>seven</li><li>eight</li></ol>");
        assert_eq!(t, "I. one\nVII. seven\nVIII. eight");
    }

    #[test]
    fn data_table_rows_become_lines() {
        let t = text(
            "<table><tr><th>No.</th><th>Action</th><th>Status</th></tr>\
             <tr><td>1</td><td><p>Review the</p><p>constitution</p></td><td>Complete</td></tr></table>",
        );
        assert_eq!(
            t,
            "No. | Action | Status\n1 | Review the constitution | Complete"
        );
    }

    #[test]
    fn modgov_item_tables_keep_their_sections() {
        let t = text(
            "<table class=\"mgItemTable\"><tr><td><p class=\"mgAiTitleTxt\">5.</p></td>\
             <td><p class=\"mgAiTitleTxt\">Parking Charges</p><p class=\"mgSubItemTitleTxt\">Decision:</p>\
             <div class=\"mgWordPara\"><p>That the charges be adopted.</p></div></td></tr></table>",
        );
        assert_eq!(
            t,
            "5.\n\nParking Charges\n\nDecision:\n\nThat the charges be adopted."
        );
    }

    #[test]
    fn scripts_navigation_and_hidden_text_are_dropped() {
        let t = text(
            "<html><head><title>Decision details</title><style>p{}</style></head><body>\
             <nav><a>Home</a></nav><script>var x=1;</script>\
             <p>Title<span class=\"mgHide\"> ref: 12</span></p></body></html>",
        );
        assert_eq!(t, "Title");
    }

    #[test]
    fn modgov_content_only() {
        let t = text(
            "<body><div id=\"banner\">Borough Council menu</div>\
             <div id=\"modgov\"><h2 class=\"mgSubTitleTxt\">Budget</h2><p>Text</p></div></body>",
        );
        assert_eq!(t, "Budget\n\nText");
    }

    #[test]
    fn nbsp_runs_survive_as_spaces() {
        assert_eq!(
            text("<p>1.&nbsp;&nbsp;&nbsp;Note the report.</p>"),
            "1.   Note the report."
        );
    }

    #[test]
    fn inline_whitespace_collapses() {
        assert_eq!(
            text("<p>The   report\n  of the <b>Chief</b> Executive</p>"),
            "The report of the Chief Executive"
        );
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(28, 'a'), "ab");
        assert_eq!(ordinal(4, 'i'), "iv");
        assert_eq!(ordinal(14, 'I'), "XIV");
        assert_eq!(ordinal(3, '1'), "3");
    }
}
