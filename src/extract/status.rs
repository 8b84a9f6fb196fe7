//! The status vocabulary: every phrase that says how far an action has got, and the status it
//! gives — in one table, read by tracker cells, list lead-ins and prose alike. The README's
//! table of statuses is this table (a test keeps the two in step).
//!
//! Cells hold a status word or two (`Complete`, `In progress`, `B/Fwd`, `75%`, `Yes`); prose says
//! it in a sentence (`could now be closed`, `was being drafted`, `would remain open`). Colours
//! (`Green`, `Amber`, `Red`) give a status only through a key printed on the page.

use super::textutil::{ascii_words, re_new};
use crate::model::ActionStatus;
use regex::{Regex, RegexSet};
use std::sync::{LazyLock, OnceLock};

use ActionStatus::{Completed, InProgress, Remaining};

/// Where a phrase is read (a phrase may be read in several places).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope(u8);

impl Scope {
    /// At the start of a tracker cell (or a `Status:` field).
    pub const CELL: Scope = Scope(1);
    /// Anywhere in a sentence of prose.
    pub const PROSE: Scope = Scope(2);
    /// In the lead-in of a list whose items all have its status (`The remaining areas of focus
    /// include:`); prose phrases are read there too.
    pub const LEAD_IN: Scope = Scope(4);
    /// Cells and prose.
    pub const BOTH: Scope = Scope(3);
    /// Prose and lead-ins (`The following actions remain outstanding:`).
    pub const PROSE_AND_LEAD_IN: Scope = Scope(6);
    /// Cells, prose and lead-ins.
    pub const ALL: Scope = Scope(7);

    fn has(self, other: Scope) -> bool {
        self.0 & other.0 != 0
    }

    /// Where the phrase is read, in words (for the README's table).
    pub fn describe(self) -> &'static str {
        match self.0 {
            1 => "cell",
            2 => "prose",
            3 => "cell, prose",
            4 => "lead-in",
            6 => "prose, lead-in",
            _ => "cell, prose, lead-in",
        }
    }
}

/// One phrase of the vocabulary: a pattern, the status it gives, where it is read, and an
/// example as printed on a page.
pub struct Phrase {
    pub pattern: &'static str,
    pub status: ActionStatus,
    pub scope: Scope,
    pub example: &'static str,
}

const fn p(
    pattern: &'static str,
    status: ActionStatus,
    scope: Scope,
    example: &'static str,
) -> Phrase {
    Phrase {
        pattern,
        status,
        scope,
        example,
    }
}

/// The vocabulary, most specific first: within one text the first phrase of the table that
/// matches decides, so partial completion comes first (what is partly done is under way whatever
/// is still missing), then negations (`not implemented`, `not yet complete`) before the words
/// they negate.
pub const VOCABULARY: &[Phrase] = &[
    // Partial completion first: `partially implemented … not yet relaunched` is under way.
    p(
        r"partial(?:ly)?(?:\s+(?:complete[d]?|met|achieved|implemented|delivered))?|partly\s+(?:complete[d]?|met|implemented)",
        InProgress,
        Scope::BOTH,
        "Partially implemented",
    ),
    // Remaining: not begun, not done, still open.
    p(
        r"not\s+(?:yet\s+)?(?:fully\s+|completely\s+)?(?:started|begun|commenced|implemented|complete[d]?|progressed|actioned|received|due)",
        Remaining,
        Scope::ALL,
        "Not started",
    ),
    p(
        r"(?:has|have|had)\s+not\s+(?:yet\s+)?been\s+\w+",
        Remaining,
        Scope::PROSE,
        "has not been received",
    ),
    p(
        r"yet\s+to\s+(?:be\s+)?\w+",
        Remaining,
        Scope::BOTH,
        "yet to be agreed",
    ),
    p(
        r"still\s+(?:outstanding|open|to\s+be\s+\w+|awaited|pending)",
        Remaining,
        Scope::PROSE_AND_LEAD_IN,
        "still outstanding",
    ),
    p(
        r"(?:would|will|should)\s+remain\s+(?:open|on\s+the\s+(?:list|log|tracker))",
        Remaining,
        Scope::PROSE,
        "would remain open",
    ),
    p(
        r"remain(?:s|ed)?\s+(?:open|outstanding)",
        Remaining,
        Scope::PROSE_AND_LEAD_IN,
        "remains open",
    ),
    p(
        r"agreed\s+to\s+consider",
        Remaining,
        Scope::PROSE,
        "agreed to consider",
    ),
    p(
        r"(?:is|was|has\s+been|have\s+been|were|are)\s+(?:therefore\s+)?reiterated",
        Remaining,
        Scope::PROSE,
        "the recommendation has been reiterated",
    ),
    p(
        r"(?:deferred|postponed|paused|on\s+hold|b/\s?fwd|brought\s+forward|carried\s+forward)",
        Remaining,
        Scope::BOTH,
        "Deferred",
    ),
    p(
        r"(?:outstanding|overdue|open|planned|pending|to\s+start|not\s+due|due|awaiting\s+\w+|red\s*[-–:]\s*not\s+started)",
        Remaining,
        Scope::CELL,
        "Outstanding",
    ),
    p(
        r"(?:is|was|are|were)\s+due\s+to\s+(?:start|begin|commence|take\s+place)",
        Remaining,
        Scope::PROSE,
        "repairs were due to start",
    ),
    p(
        r"(?:is|was|are|were)\s+(?:now\s+)?overdue",
        Remaining,
        Scope::PROSE,
        "was overdue",
    ),
    // In progress: begun.
    p(
        r"in\s+progress|under\s*way|on-?going|on\s+track|progressing|in\s+hand",
        InProgress,
        Scope::ALL,
        "In progress",
    ),
    p(
        r"(?:is|was|are|were)\s+(?:now\s+|currently\s+|still\s+)?being\s+(?:\w+ed|\w+en|made|held|undertaken|done|set\s+up|followed\s+up|worked\s+on)",
        InProgress,
        Scope::PROSE,
        "was being drafted",
    ),
    p(
        r"(?:is|was|are|were)\s+(?:currently\s+|now\s+)?(?:working|in\s+(?:contact|discussion|talks))\s+(?:with|on)",
        InProgress,
        Scope::PROSE,
        "were in contact with",
    ),
    p(
        r"(?:is|was|are|were)\s+(?:currently\s+|now\s+)?working\s+to\s+\w+|still\s+being\s+\w+",
        InProgress,
        Scope::PROSE,
        "it is still being investigated",
    ),
    p(
        r"(?:is|are|was|were)\s+(?:still\s+)?in\s+draft",
        InProgress,
        Scope::PROSE,
        "the plans were still in draft",
    ),
    p(
        r"(?:started|commenced|begun)",
        InProgress,
        Scope::CELL,
        "Started",
    ),
    p(
        r"being\s+(?:\w+ed|\w+en|worked\s+on|set\s+up|taken\s+forward|done)",
        InProgress,
        Scope::CELL,
        "Being drafted with the agencies",
    ),
    p(
        r"work\s+(?:has|had)\s+(?:started|begun|commenced)",
        InProgress,
        Scope::PROSE,
        "work had started",
    ),
    p(
        r"continu(?:e|es|ed|ing)\s+to\s+(?:progress|develop|work|be\s+\w+ed)",
        InProgress,
        Scope::PROSE,
        "continues to progress",
    ),
    // Completed: done, closed.
    p(
        r"(?:could|can|should|would|will)\s+(?:now\s+)?be\s+(?:closed|removed|signed\s+off|discharged|marked\s+(?:as\s+)?(?:complete[d]?|closed))",
        Completed,
        Scope::PROSE,
        "could now be closed",
    ),
    p(
        r"(?:be|was|were|been)\s+marked\s+(?:as\s+)?(?:complete[d]?|closed|done)",
        Completed,
        Scope::PROSE,
        "requested that the item be marked as complete",
    ),
    p(
        r"(?:complete[d]?|closed|done|achieved|delivered|implemented|finished|resolved|actioned|discharged|superseded|met|circulated|sent|issued|published|provided|submitted)",
        Completed,
        Scope::CELL,
        "Complete",
    ),
    p(
        r"(?:has|have|had)\s+(?:now\s+|already\s+|since\s+)?been\s+(?:completed|closed|implemented|achieved|delivered|resolved|actioned|addressed|done|circulated|sent|issued|provided|published|received|held|paid|submitted|shared|distributed|arranged|updated|finalised|agreed|approved|reported|added|included|undertaken|taken\s+place|advertised|forwarded|installed|fixed|repaired|replaced|removed|painted|cleared|erected|put\s+up|purchased|bought|signed|renewed|refreshed|cleaned|emptied|passed\s+(?:on\s+)?to|advised|contracted|used|written|obtained|appointed|confirmed|recruited|commissioned|launched|introduced|established|set\s+up|resurfaced|cut|trimmed|tested|inspected|checked)|(?:has|have|had)\s+(?:now\s+|already\s+)?gone\s+out|(?:has|have|had)\s+(?:now\s+|already\s+|since\s+)?(?:written\s+to|sent|circulated|provided|submitted|contacted|replied\s+to|obtained|secured|installed|published|met\s+with)\b",
        Completed,
        Scope::PROSE,
        "had been circulated",
    ),
    p(
        r"(?:was|were)\s+(?:now\s+)?(?:complete[d]?|closed|circulated|sent|issued|published|resolved|implemented|in\s+place|installed|passed\s+(?:on\s+)?to)",
        Completed,
        Scope::PROSE,
        "was circulated",
    ),
    p(
        r"action\s+(?:now\s+)?(?:complete[d]?|closed|done)|no\s+further\s+action\s+(?:is\s+)?(?:required|needed)",
        Completed,
        Scope::PROSE,
        "Signed invoice received. Action complete.",
    ),
    p(
        r"(?:fully|now)\s+implemented|implemented\s+in\s+full",
        Completed,
        Scope::PROSE,
        "is assessed as fully implemented",
    ),
    p(
        r"(?:is|are)\s+now\s+(?:complete[d]?|closed|in\s+place|resolved|implemented)",
        Completed,
        Scope::PROSE,
        "is now in place",
    ),
    p(
        r"(?:had|has|have)\s+(?:now\s+)?(?:taken\s+place|concluded|completed|finished)",
        Completed,
        Scope::PROSE,
        "had taken place",
    ),
    // Lead-ins of lists whose items share one status.
    p(
        r"remaining|next\s+steps|what\s+we\s+will\s+do|future\s+(?:work|actions|areas|priorities)|further\s+(?:work|actions)\s+(?:is|are|will)|areas?\s+(?:of|for)\s+(?:further\s+)?(?:focus|development|improvement)|to\s+be\s+(?:completed|delivered|progressed|addressed|implemented)|due\s+to\s+(?:start|begin)|planned",
        Remaining,
        Scope::LEAD_IN,
        "The remaining areas of focus include:",
    ),
    p(
        r"being\s+(?:progressed|developed|implemented|delivered|taken\s+forward|reviewed|addressed)|work\s+(?:has\s+)?(?:started|begun)",
        InProgress,
        Scope::LEAD_IN,
        "Work has started on:",
    ),
    p(
        r"concluded|completed|achieved|delivered|implemented|accomplished|progress\s+(?:made|achieved)\s+(?:includes?|to\s+date|since|so\s+far)|points\s+of\s+progress|what\s+(?:we|the\s+council)\s+(?:have|has)\s+(?:done|achieved|delivered)",
        Completed,
        Scope::LEAD_IN,
        "The team have concluded a number of the actions including:",
    ),
    // Actions agreed at the meeting have not been started; read after the words of
    // progress (`the actions agreed in May have been completed:`).
    p(
        super::vocab::AGREED_ACTIONS,
        Remaining,
        Scope::LEAD_IN,
        "As additional actions it was agreed:",
    ),
    // Remaining: promised for later. Read last so that what has happened wins over a promise.
    p(
        r"(?:would|will|shall)\s+(?:now\s+|also\s+|then\s+)?(?:be\s+)?[a-z]{3,}",
        Remaining,
        Scope::PROSE,
        "would be circulated",
    ),
    p(
        r"undert(?:ook|akes|aken)\s+to|agreed\s+to|(?:was|were)\s+(?:asked|requested)\s+to|requested\s+that|asked\s+that|(?:is|was)\s+due\s+(?:in|by|on|at|for)",
        Remaining,
        Scope::PROSE,
        "undertook to",
    ),
];

/// The vocabulary as a Markdown table (the README's copy is checked against it): each phrase as
/// an example, where it is read, and the status it gives, in the order they are tried.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| example | read in | status | pattern (case ignored) |\n|---|---|---|---|\n",
    );
    for ph in VOCABULARY {
        let st = match ph.status {
            Completed => "completed",
            InProgress => "in_progress",
            Remaining => "remaining",
            ActionStatus::Unknown => "unknown",
        };
        out.push_str(&format!(
            "| {} | {} | `{st}` | `{}` |\n",
            ph.example,
            ph.scope.describe(),
            ph.pattern.replace('|', "\\|")
        ));
    }
    out
}

/// The phrases read in one place, in table order, with a set of all of them so that one
/// pass over the text tells which (if any) can decide; only the first of those is compiled on
/// its own (when first needed) and run again to find where it is.
struct Phrases {
    any: RegexSet,
    each: Vec<(String, OnceLock<Regex>, ActionStatus)>,
}

impl Phrases {
    fn new(patterns: Vec<(String, ActionStatus)>) -> Phrases {
        let any =
            RegexSet::new(patterns.iter().map(|(p, _)| ascii_words(p))).expect("status phrases");
        let each = patterns
            .into_iter()
            .map(|(p, st)| (p, OnceLock::new(), st))
            .collect();
        Phrases { any, each }
    }

    /// The index of the first phrase of the table that `s` contains.
    fn first_index(&self, s: &str) -> Option<usize> {
        self.any.matches(s).iter().next()
    }

    /// The status of the first phrase of the table that `s` contains.
    fn first_status(&self, s: &str) -> Option<ActionStatus> {
        self.first_index(s).map(|i| self.each[i].2)
    }

    /// The first phrase of the table that `s` contains: its regex and its status.
    fn first(&self, s: &str) -> Option<(&Regex, ActionStatus)> {
        let i = self.first_index(s)?;
        Some((self.regex(i), self.each[i].2))
    }

    /// Phrase `i` compiled on its own.
    fn regex(&self, i: usize) -> &Regex {
        let (pattern, re, _) = &self.each[i];
        re.get_or_init(|| re_new(pattern).expect("status phrase"))
    }
}

/// The patterns of `VOCABULARY` read in one place (`Scope::PROSE`, `CELL` or `LEAD_IN`), in
/// table order: in prose and lead-ins anywhere (the `Not started` phrase in `Work has not
/// started.`), in a cell only at its start after any marks (`✓ Not started`). Not `Work has
/// not started.` for that phrase in a cell.
fn phrases(scope: Scope) -> Phrases {
    let patterns = VOCABULARY
        .iter()
        .filter(|ph| ph.scope.has(scope))
        .map(|ph| {
            let p = if scope == Scope::CELL {
                format!(r"(?i)^[\W_]*(?:{})\b", ph.pattern)
            } else {
                format!(r"(?i)\b(?:{})\b", ph.pattern)
            };
            (p, ph.status)
        })
        .collect();
    Phrases::new(patterns)
}

/// Each place's phrases, compiled the first time a document needs them (a page with no table
/// never compiles the cell phrases).
static PROSE: LazyLock<Phrases> = LazyLock::new(|| phrases(Scope::PROSE));
static CELL: LazyLock<Phrases> = LazyLock::new(|| phrases(Scope::CELL));
static LEAD_IN: LazyLock<Phrases> = LazyLock::new(|| phrases(Scope::LEAD_IN));

/// The status a list's lead-in gives all its items (`have concluded … including:`,
/// `The remaining areas of focus include:`).
pub fn of_lead_in(s: &str) -> Option<ActionStatus> {
    LEAD_IN.first_status(s)
}

/// A status read from text, with the words that gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub status: ActionStatus,
    /// Byte range of the deciding phrase in the text read.
    pub at: (usize, usize),
}

/// Reads a tracker cell (`Complete`, `In progress - delayed to May`, `B/Fwd April`, `100%`).
pub fn of_cell(cell: &str) -> Option<ActionStatus> {
    let t = cell.trim();
    if let Some(s) = percentage(t) {
        return Some(s);
    }
    CELL.first_status(t)
}

/// `100%` → completed, `0%` → remaining, anything between → in progress.
fn percentage(t: &str) -> Option<ActionStatus> {
    let digits = t.strip_suffix('%').or_else(|| t.strip_suffix(" %"))?.trim();
    let n: f64 = digits.parse().ok()?;
    Some(if n >= 100.0 {
        Completed
    } else if n <= 0.0 {
        Remaining
    } else {
        InProgress
    })
}

/// Reads the status a sentence or paragraph of prose gives: the first phrase of the table
/// that it contains. A promise for later in the same words as something already done
/// (`had liaised …, and this would be reported`) is work in progress.
pub fn of_prose(s: &str) -> Option<Reading> {
    let (re, status) = PROSE.first(s)?;
    let m = re.find(s)?;
    let mut r = Reading {
        status,
        at: (m.start(), m.end()),
    };
    if r.status == Completed && promises(s) && !closes(s) {
        r.status = InProgress;
    }
    Some(r)
}

/// `would be reported`, `is due in February`: something still to come.
fn promises(s: &str) -> bool {
    /// Something still to come: `would be reported`, `is due in February`, `in due course`. Not
    /// `was completed in March`.
    static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
        re_new(r"(?i)\b(?:would|will)\s+(?:be\s+)?\w+|\b(?:is|was)\s+due\b|\bin\s+due\s+course\b")
            .expect("future")
    });
    FUTURE.is_match(s)
}

/// `could now be closed`, `be marked as complete`: the action is finished whatever comes next.
fn closes(s: &str) -> bool {
    /// The action is finished whatever comes next: `could now be closed`, `be marked as complete`.
    /// Not `was closed` (a report, with no `be`).
    static CLOSE: LazyLock<Regex> = LazyLock::new(|| {
        re_new(r"(?i)\bbe\s+(?:closed|removed|signed\s+off|discharged|marked\s+(?:as\s+)?(?:complete[d]?|closed))\b")
            .expect("close")
    });
    CLOSE.is_match(s)
}

/// Colours of a RAG rating and the status a key on the page gives each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RagKey {
    pub entries: Vec<(String, ActionStatus)>,
}

impl RagKey {
    /// Finds a key such as `Green = complete, Amber = in progress, Red = not started` (or
    /// `Green – on track`) anywhere in the text.
    pub fn find(text: &str) -> RagKey {
        /// One entry of a RAG key: `Green = complete`, `Amber - in progress`, `R: not started`,
        /// or of a key of letters: `IP = In progress`. Not `Green spaces strategy`.
        static KEY: LazyLock<Regex> = LazyLock::new(|| {
            re_new(r"(?i)\b(?P<colour>green|amber|red|blue|grey|gray|yellow|(?-i:[GARB]))\b\s*(?:[:=\-–—]|means|indicates|denotes|is)\s*(?P<what>[^,;\n.]{2,60})|\b(?P<code>(?-i:[A-Z]{1,3}))\s*=\s*(?P<meaning>[^,;\n.=]{2,60})")
                .expect("rag key")
        });
        let mut entries: Vec<(String, ActionStatus)> = Vec::new();
        for c in KEY.captures_iter(text) {
            let Some(name) = c.name("colour").or_else(|| c.name("code")) else {
                continue;
            };
            let colour = name.as_str().to_ascii_lowercase();
            let what = c
                .name("what")
                .or_else(|| c.name("meaning"))
                .map_or("", |m| m.as_str());
            let status = of_cell(what).or_else(|| of_prose(what).map(|r| r.status));
            if let Some(s) = status
                && !entries.iter().any(|(k, _)| *k == colour)
            {
                entries.push((colour, s));
            }
        }
        RagKey { entries }
    }

    /// The status of a cell that is a colour (`Green`, `AMBER`), when the key names it.
    pub fn status_of(&self, cell: &str) -> Option<ActionStatus> {
        let c = cell
            .trim()
            .trim_matches(|ch: char| !ch.is_alphabetic())
            .to_ascii_lowercase();
        self.entries.iter().find(|(k, _)| *k == c).map(|&(_, s)| s)
    }
}

/// Whether a cell is a RAG colour (which says nothing without a key).
pub fn is_colour(cell: &str) -> bool {
    let c = cell
        .trim()
        .trim_matches(|ch: char| !ch.is_alphabetic())
        .to_ascii_lowercase();
    matches!(
        c.as_str(),
        "green" | "amber" | "red" | "blue" | "grey" | "gray" | "yellow" | "g" | "a" | "r"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_reads_as_its_status() {
        for ph in VOCABULARY {
            let got = if ph.scope.has(Scope::PROSE) {
                of_prose(ph.example).map(|r| r.status)
            } else if ph.scope.has(Scope::LEAD_IN) {
                of_lead_in(ph.example)
            } else {
                of_cell(ph.example)
            };
            assert_eq!(got, Some(ph.status), "{:?}", ph.example);
        }
    }

    #[test]
    fn lead_ins() {
        assert_eq!(
            of_lead_in("As further actions it was agreed:"),
            Some(Remaining)
        );
        // Progress on actions agreed earlier is read before their being agreed.
        assert_eq!(
            of_lead_in("The team have concluded a number of the agreed actions including:"),
            Some(Completed)
        );
        assert_eq!(of_lead_in("The action plan was agreed:"), None);
        assert_eq!(
            of_lead_in("The Director described the points of progress made since the inspection."),
            Some(Completed)
        );
    }

    #[test]
    fn cells() {
        assert_eq!(of_cell("Not started"), Some(Remaining));
        assert_eq!(of_cell("Partially complete"), Some(InProgress));
        assert_eq!(of_cell("Completed - March 2024"), Some(Completed));
        assert_eq!(of_cell("On track"), Some(InProgress));
        assert_eq!(of_cell("B/Fwd April 2010"), Some(Remaining));
        assert_eq!(of_cell("100%"), Some(Completed));
        assert_eq!(of_cell("40 %"), Some(InProgress));
        assert_eq!(of_cell("Councillor Smith"), None);
        assert_eq!(of_cell("Green"), None);
    }

    #[test]
    fn prose() {
        let s = |t: &str| of_prose(t).map(|r| r.status);
        assert_eq!(
            s("It was noted that the action had taken place and could now be closed."),
            Some(Completed)
        );
        assert_eq!(
            s("The Town Clerk agreed to consider this for any new recruitment."),
            Some(Remaining)
        );
        assert_eq!(
            s("Members were advised that a strategy was being drafted."),
            Some(InProgress)
        );
        assert_eq!(
            s(
                "The deputy Chairman had liaised with Officers and this would be reported in November."
            ),
            Some(Remaining)
        );
        assert_eq!(
            s("The report had been sent to Cabinet and a report back is due in February."),
            Some(InProgress)
        );
        assert_eq!(s("Recommendation 4 was not implemented."), Some(Remaining));
        assert_eq!(
            s("Recommendation 5 was partially implemented."),
            Some(InProgress)
        );
        assert_eq!(s("The Chair thanked officers."), None);
        // Work done, in the active voice or with a participle of work on the ground.
        assert_eq!(
            s("The Council had written to the lead petitioner to confirm this."),
            Some(Completed)
        );
        assert_eq!(
            s("The mower has been used on the worst areas of the field."),
            Some(Completed)
        );
        assert_eq!(s("The Council had received a petition."), None);
        // Audit follow-ups.
        assert_eq!(
            s("The medium rated recommendation is assessed as fully implemented."),
            Some(Completed)
        );
        assert_eq!(
            s("Not all services have complied, so the recommendation is reiterated."),
            Some(Remaining)
        );
    }

    #[test]
    fn colours_need_a_key() {
        let letters = RagKey::find("RAG key: G = Complete, A = In progress, R = Not started");
        assert_eq!(letters.status_of("A"), Some(InProgress));
        let key = RagKey::find("Key: Green = complete, Amber = in progress, Red = not started");
        assert_eq!(key.status_of("GREEN"), Some(Completed));
        assert_eq!(key.status_of("Amber"), Some(InProgress));
        assert_eq!(key.status_of("Red"), Some(Remaining));
        assert_eq!(RagKey::find("No key here").status_of("Green"), None);
        assert!(is_colour("Amber") && !is_colour("Complete"));
    }

    /// The patterns inside functions, checked through them, and one phrase of the compiled
    /// table in each place it is read.
    #[test]
    fn patterns_inside_functions_and_the_compiled_table_match_their_examples() {
        assert_eq!(
            of_lead_in("The following actions remain outstanding:"),
            Some(Remaining)
        );
        assert!(promises("would be reported") && promises("is due in February"));
        assert!(promises("in due course") && !promises("was completed in March"));
        assert!(closes("could now be closed") && closes("be marked as complete"));
        assert!(!closes("was closed"));
        let key = RagKey::find("Key: Green = complete, Amber - in progress, R: not started");
        assert_eq!(
            key.entries,
            vec![
                ("green".to_string(), Completed),
                ("amber".to_string(), InProgress),
                ("r".to_string(), Remaining)
            ]
        );
        assert!(RagKey::find("Green spaces strategy").entries.is_empty());
        let letters = RagKey::find("Key: C = Complete, IP = In progress, NS = Not started");
        assert_eq!(
            (
                letters.status_of("C"),
                letters.status_of("IP"),
                letters.status_of(" NS ")
            ),
            (Some(Completed), Some(InProgress), Some(Remaining))
        );
        assert!(
            RagKey::find("The HR team = four officers")
                .entries
                .is_empty()
        );
        let phrase = VOCABULARY
            .iter()
            .find(|p| p.example == "Not started")
            .expect("phrase");
        let compiled = |table: &'static Phrases| {
            let i = table
                .each
                .iter()
                .position(|(p, _, _)| p.contains(phrase.pattern))
                .expect("compiled");
            table.regex(i).clone()
        };
        let cell = compiled(&CELL);
        assert!(cell.is_match("✓ Not started") && !cell.is_match("Work has not started."));
        assert!(compiled(&PROSE).is_match("Work has not started."));
        assert!(compiled(&LEAD_IN).is_match("Work has not started."));
    }
}
