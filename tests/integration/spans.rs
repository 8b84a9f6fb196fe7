//! The span invariant over generated documents: every recommendation (and sub-item), theme and
//! action's `quote` is exactly the text at its `span`, counted in Unicode characters, whatever
//! the mix of headings, labels, lead-ins, tables and stray characters around it.

use councilrecs::extract::{Extraction, Input, extract};
use councilrecs::model::Recommendation;
use proptest::prelude::*;

/// Pieces of council papers: headings, lead-ins, labels of every style, status words, and
/// characters that move byte and character offsets apart.
const PIECES: &[&str] = &[
    "RECOMMENDATIONS\n\n",
    "RESOLVED:\n",
    "Cabinet is recommended to:\n",
    "That Cabinet:\n",
    "The peer team recommends that the council:\n",
    "1. ",
    "2. ",
    "10.3 ",
    "(a) ",
    "(ii) ",
    "b) ",
    "• ",
    "- ",
    "That the report be noted.",
    "approve the budget of £120,000 for 2025/26",
    "Action: review the policy – Complete",
    "Status: In progress (Amber)",
    "Leadership, Governance and Culture",
    "Financial planning and management",
    "Minutes of the meeting held on 14 January 2025",
    "| Ref | Action | Owner | Status |\n",
    "| 1 | Update the plan | Director | Completed |\n",
    "é",
    "’",
    "🙂",
    "\u{a0}",
    "\t",
    "\n",
    "\n\n",
    ". ",
    ":",
    ";",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => "\\PC{0,12}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

fn check(text: &str, ex: &Extraction) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let at = |[s, e]: [usize; 2]| -> Option<String> {
        (s <= e && e <= chars.len()).then(|| chars[s..e].iter().collect())
    };
    fn recs(
        list: &[Recommendation],
        at: &dyn Fn([usize; 2]) -> Option<String>,
    ) -> Result<(), TestCaseError> {
        for r in list {
            prop_assert_eq!(
                at(r.span),
                Some(r.quote.clone()),
                "recommendation {:?}",
                r.id
            );
            recs(&r.children, at)?;
        }
        Ok(())
    }
    recs(&ex.recommendations, &at)?;
    for t in &ex.themes {
        prop_assert_eq!(at(t.span), Some(t.quote.clone()), "theme {}", t.text);
    }
    for a in &ex.actions {
        prop_assert_eq!(at(a.span), Some(a.quote.clone()), "action {}", a.text);
    }
    for m in &ex.meetings {
        prop_assert!(at(m.span).is_some(), "meeting span {:?}", m.span);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_quote_is_the_text_at_its_span(text in document(), paged in any::<bool>()) {
        // Page starts at line starts, as the PDF reader gives them.
        let page_starts: Vec<usize> = if paged {
            text.match_indices("\n\n").map(|(i, _)| i + 2).step_by(3).collect()
        } else {
            Vec::new()
        };
        let ex = extract(Input { text: &text, page_starts: &page_starts, title_hint: None, paged });
        check(&text, &ex)?;
    }
}

/// The generator reaches the extractors: generated documents do give items to check.
#[test]
fn generated_documents_hold_items() {
    let text = [PIECES[0], "1. ", PIECES[13], "\n", "2. ", PIECES[14], "\n"].concat();
    let ex = extract(Input {
        text: &text,
        ..Input::default()
    });
    assert_eq!(ex.recommendations.len(), 2, "{:?}", ex.recommendations);
    check(&text, &ex).unwrap();
}
