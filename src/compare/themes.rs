//! The theme matrix: council × theme, where the themes are the five canonical CPC themes plus
//! the council-specific themes found in most councils. Each cell counts the documents that list
//! the theme and the recommendations and actions that fall under it.
//!
//! Records do not say which theme an item belongs to, so each recommendation and action is
//! assigned by its terms: a council-specific theme listed in its own document when it shares
//! at least half of that theme's terms, else the canonical theme whose vocabulary it shares
//! most (themes listed in the document win ties), else none.

use super::corpus::{Corpus, Item};
use super::councils::ByKind;
use super::text::terms;
use crate::model::CanonicalTheme;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

/// Words by which an item shows it is about a canonical theme (stemmed before use).
fn vocabulary(t: CanonicalTheme) -> &'static str {
    match t {
        CanonicalTheme::LocalPrioritiesAndOutcomes => {
            "priorities priority outcomes outcome vision residents resident insight data \
             performance measures measurable targets needs understanding engagement"
        }
        CanonicalTheme::OrganisationalAndPlaceLeadership => {
            "leadership leaders leading place partners partnership partnerships narrative ambition \
             regeneration town towns centre communities community economy growth stakeholders \
             collaboration relationships influence"
        }
        CanonicalTheme::GovernanceAndCulture => {
            "governance culture scrutiny overview councillors member members constitution conduct \
             audit risk decision decisions delegation delegations protocol standards transparency \
             whistleblowing induction behaviours trust companies oversight"
        }
        CanonicalTheme::FinancialPlanningAndManagement => {
            "financial finance finances budget budgets savings reserves capital revenue funding \
             borrowing fees charges income commercial investment investments treasury money \
             spending costs gap balanced"
        }
        CanonicalTheme::CapacityForImprovement => {
            "capacity workforce recruitment retention recruit staff skills transformation change \
             digital programme project improvement resources resourced vacancies posts \
             organisational development technology training apprenticeships"
        }
        // Only the five CPC themes have a column of their own in the matrix.
        _ => "",
    }
}

static VOCABULARY: LazyLock<Vec<(CanonicalTheme, HashSet<String>)>> = LazyLock::new(|| {
    CanonicalTheme::ALL
        .iter()
        .map(|&t| {
            (
                t,
                terms(vocabulary(t), &HashSet::new()).into_iter().collect(),
            )
        })
        .collect()
});

/// A column of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// The canonical id, or `other:<normalised text>` for a council-specific theme.
    pub id: String,
    pub label: String,
    pub canonical: bool,
    /// Councils with at least one document listing the theme or one item under it.
    pub councils: usize,
    pub documents: usize,
    pub recommendations: usize,
    pub actions: usize,
    /// The column's recommendations by kind, over all councils.
    pub by_kind: ByKind,
}

/// The counts in one cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Documents of the council that list the theme.
    pub documents: usize,
    pub recommendations: usize,
    pub actions: usize,
}

/// One council's row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub council: String,
    pub council_name: String,
    /// In the order of [`ThemeMatrix::columns`].
    pub cells: Vec<Cell>,
    /// Items that fell under no column.
    pub unassigned: Cell,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeMatrix {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Recommendations that fell under no column, by kind, over all councils.
    pub unassigned_by_kind: ByKind,
}

/// A council-specific theme listed in a document, with its terms.
type OtherTheme = (Key, HashSet<String>);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key {
    Canonical(CanonicalTheme),
    Other(String),
}

/// A council-specific theme's identity: lower case, single spaces, no edge punctuation.
fn other_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Builds the matrix with the five canonical themes and up to `top_other` others.
pub fn theme_matrix(corpus: &Corpus, top_other: usize) -> ThemeMatrix {
    let n = corpus.councils.len();
    let mut counts: HashMap<Key, Vec<Cell>> = HashMap::new();
    let mut labels: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
    let mut unassigned = vec![Cell::default(); n];
    let mut kinds: HashMap<Key, ByKind> = HashMap::new();
    let mut unassigned_by_kind = ByKind::default();

    let mut listed_by_doc: Vec<(BTreeSet<Key>, Vec<OtherTheme>)> = Vec::new();
    for doc in &corpus.docs {
        let listed: BTreeSet<Key> = doc
            .record
            .themes
            .iter()
            .filter_map(|t| match t.canonical {
                Some(k) if k.is_cpc() => Some(Key::Canonical(k)),
                // Another framework's theme is compared by its id, whatever its wording.
                Some(k) => {
                    *labels
                        .entry(k.id().to_string())
                        .or_default()
                        .entry(t.text.trim().to_string())
                        .or_default() += 1;
                    Some(Key::Other(k.id().to_string()))
                }
                None => {
                    let k = other_key(&t.text);
                    (!k.is_empty()).then(|| {
                        *labels
                            .entry(k.clone())
                            .or_default()
                            .entry(t.text.trim().to_string())
                            .or_default() += 1;
                        Key::Other(k)
                    })
                }
            })
            .collect();
        for k in &listed {
            cells_of(&mut counts, k.clone(), n)[doc.council].documents += 1;
        }
        let others = listed
            .iter()
            .filter_map(|k| match k {
                Key::Other(text) => Some((
                    k.clone(),
                    terms(text, &HashSet::new()).into_iter().collect(),
                )),
                Key::Canonical(_) => None,
            })
            .collect();
        listed_by_doc.push((listed, others));
    }
    for (list, is_rec) in [(&corpus.recs, true), (&corpus.actions, false)] {
        for item in list {
            let c = corpus.docs[item.doc].council;
            let (listed, others) = &listed_by_doc[item.doc];
            let key = assign(item, listed, others);
            if is_rec {
                let tally = match &key {
                    Some(k) => kinds.entry(k.clone()).or_default(),
                    None => &mut unassigned_by_kind,
                };
                tally.add(corpus.rec(item).kind);
            }
            let cell = match key {
                Some(k) => &mut cells_of(&mut counts, k, n)[c],
                None => &mut unassigned[c],
            };
            if is_rec {
                cell.recommendations += 1;
            } else {
                cell.actions += 1;
            }
        }
    }

    let mut keys: Vec<Key> = CanonicalTheme::ALL
        .iter()
        .map(|&t| Key::Canonical(t))
        .collect();
    let mut others: Vec<(Key, usize, usize, usize)> = counts
        .iter()
        .filter(|(k, _)| matches!(k, Key::Other(_)))
        .map(|(k, cells)| {
            let councils = cells.iter().filter(|c| **c != Cell::default()).count();
            let docs = cells.iter().map(|c| c.documents).sum();
            let items = cells.iter().map(|c| c.recommendations + c.actions).sum();
            (k.clone(), councils, docs, items)
        })
        .collect();
    others.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(b.2.cmp(&a.2))
            .then(b.3.cmp(&a.3))
            .then(a.0.cmp(&b.0))
    });
    keys.extend(others.into_iter().take(top_other).map(|o| o.0));

    let empty = vec![Cell::default(); n];
    let columns = keys
        .iter()
        .map(|k| {
            let cells = counts.get(k).unwrap_or(&empty);
            let (id, label, canonical) = match k {
                Key::Canonical(t) => (t.id().to_string(), canonical_label(*t).to_string(), true),
                Key::Other(text) => {
                    let label = labels
                        .get(text)
                        .and_then(|m| {
                            m.iter()
                                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                                .map(|(l, _)| l.clone())
                        })
                        .unwrap_or_else(|| text.clone());
                    (format!("other:{text}"), label, false)
                }
            };
            Column {
                id,
                label,
                canonical,
                councils: cells.iter().filter(|c| **c != Cell::default()).count(),
                documents: cells.iter().map(|c| c.documents).sum(),
                recommendations: cells.iter().map(|c| c.recommendations).sum(),
                actions: cells.iter().map(|c| c.actions).sum(),
                by_kind: kinds.get(k).copied().unwrap_or_default(),
            }
        })
        .collect();
    let rows = corpus
        .councils
        .iter()
        .enumerate()
        .map(|(c, id)| Row {
            council: id.key.clone(),
            council_name: id.name.clone(),
            cells: keys
                .iter()
                .map(|k| counts.get(k).map_or_else(Cell::default, |v| v[c]))
                .collect(),
            unassigned: unassigned[c],
        })
        .collect();
    ThemeMatrix {
        columns,
        rows,
        unassigned_by_kind,
    }
}

fn cells_of(counts: &mut HashMap<Key, Vec<Cell>>, k: Key, n: usize) -> &mut Vec<Cell> {
    counts.entry(k).or_insert_with(|| vec![Cell::default(); n])
}

/// The human name of a canonical theme.
pub fn canonical_label(t: CanonicalTheme) -> &'static str {
    match t {
        CanonicalTheme::LocalPrioritiesAndOutcomes => "Local priorities and outcomes",
        CanonicalTheme::OrganisationalAndPlaceLeadership => "Organisational and place leadership",
        CanonicalTheme::GovernanceAndCulture => "Governance and culture",
        CanonicalTheme::FinancialPlanningAndManagement => "Financial planning and management",
        CanonicalTheme::CapacityForImprovement => "Capacity for improvement",
        other => other.id(),
    }
}

fn assign(item: &Item, listed: &BTreeSet<Key>, others: &[OtherTheme]) -> Option<Key> {
    let words: HashSet<&str> = item.terms.iter().map(String::as_str).collect();
    let mut best: Option<(usize, usize, Key)> = None;
    for (key, vocab) in others {
        let shared = vocab.iter().filter(|t| words.contains(t.as_str())).count();
        if shared > 0 && shared * 2 >= vocab.len() {
            consider(&mut best, shared, 2, key.clone());
        }
    }
    for (t, vocab) in VOCABULARY.iter() {
        let shared = vocab.iter().filter(|v| words.contains(v.as_str())).count();
        if shared > 0 {
            let key = Key::Canonical(*t);
            let rank = usize::from(listed.contains(&key));
            consider(&mut best, shared, rank, key);
        }
    }
    best.map(|b| b.2)
}

/// Keeps the higher score; on a tie the higher rank, then the earlier candidate.
fn consider(best: &mut Option<(usize, usize, Key)>, score: usize, rank: usize, key: Key) {
    if best.as_ref().is_none_or(|b| (score, rank) > (b.0, b.1)) {
        *best = Some((score, rank, key));
    }
}
