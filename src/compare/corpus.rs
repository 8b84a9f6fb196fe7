//! The comparison's working set: documents (each once, keyed by sha256 and location), their
//! council groups, and every top-level recommendation and action with its terms and TF-IDF
//! vector (one vocabulary for both, so that a recommendation can be found again as an action).
//! Documents whose council cannot be told are kept apart and compared with nothing; the
//! recommendations the options leave out (other kinds, procedural ones) are counted, not
//! compared.

use super::Options;
use super::group::{Basis, CouncilId, council_of};
use super::similarity::{Vector, tfidf_weighted};
use super::text::{name_words, terms, weight};
use crate::model::{Record, document_key};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// One document taking part in the comparison.
#[derive(Debug)]
pub struct Doc<'a> {
    pub record: &'a Record,
    /// Index into [`Corpus::councils`]; `usize::MAX` for a document in
    /// [`Corpus::unattributed`], which belongs to no council.
    pub council: usize,
}

impl Doc<'_> {
    /// The URL, else the path: what a reader follows back to the source.
    pub fn location(&self) -> String {
        let s = &self.record.source;
        s.url.clone().or_else(|| s.path.clone()).unwrap_or_default()
    }

    pub fn url(&self) -> Option<&str> {
        self.record.source.url.as_deref()
    }

    pub fn title(&self) -> Option<&str> {
        self.record.meta.title.as_deref()
    }

    pub fn date(&self) -> Option<&str> {
        self.record.meta.date.as_deref()
    }
}

/// A recommendation or action text with its terms and vector.
#[derive(Debug)]
pub struct Item {
    pub doc: usize,
    /// Position in the record's `recommendations` or `actions`.
    pub index: usize,
    pub terms: Vec<String>,
    pub vector: Vector,
}

/// Recommendations of councils' documents not compared, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    pub procedural: usize,
    pub kind: usize,
}

#[derive(Debug)]
pub struct Corpus<'a> {
    pub docs: Vec<Doc<'a>>,
    /// Documents whose council could not be told, in input order.
    pub unattributed: Vec<Doc<'a>>,
    pub left_out: LeftOut,
    pub councils: Vec<CouncilId>,
    pub recs: Vec<Item>,
    pub actions: Vec<Item>,
    /// Per document, its items' positions in `recs` and in `actions`.
    pub rec_ranges: Vec<Range<usize>>,
    pub action_ranges: Vec<Range<usize>>,
    /// Records left out because the same document came earlier in the input.
    pub duplicates: usize,
}

impl<'a> Corpus<'a> {
    pub fn build(records: &'a [Record], opts: &Options) -> Corpus<'a> {
        let rule = opts.council_from.as_ref();
        let mut seen = HashSet::new();
        let mut duplicates = 0;
        let mut councils: Vec<CouncilId> = Vec::new();
        let mut council_index: HashMap<String, usize> = HashMap::new();
        let mut docs = Vec::new();
        let mut unattributed = Vec::new();
        for r in records {
            if !seen.insert(document_key(r)) {
                duplicates += 1;
                continue;
            }
            let id = council_of(r, rule);
            if id.basis == Basis::Unknown {
                unattributed.push(Doc {
                    record: r,
                    council: usize::MAX,
                });
                continue;
            }
            let next = councils.len();
            let council = *council_index.entry(id.key.clone()).or_insert_with(|| {
                councils.push(id);
                next
            });
            docs.push(Doc { record: r, council });
        }
        // Councils in name order, so every table lists them the same way.
        let mut order: Vec<usize> = (0..councils.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&councils[a], &councils[b]);
            (a.name.to_lowercase(), &a.key).cmp(&(b.name.to_lowercase(), &b.key))
        });
        let mut remap = vec![0; councils.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new;
        }
        for d in &mut docs {
            d.council = remap[d.council];
        }
        let councils: Vec<CouncilId> = order.iter().map(|&i| councils[i].clone()).collect();

        let mut texts: Vec<Vec<String>> = Vec::new();
        let mut places: Vec<(bool, usize, usize)> = Vec::new();
        let mut left_out = LeftOut::default();
        for (di, d) in docs.iter().enumerate() {
            let exclude = name_words(&councils[d.council].name);
            for (i, r) in d.record.recommendations.iter().enumerate() {
                if !opts.compares(r) {
                    if opts.kinds.is_empty() || opts.kinds.contains(&r.kind) {
                        left_out.procedural += 1;
                    } else {
                        left_out.kind += 1;
                    }
                    continue;
                }
                texts.push(terms(&r.text, &exclude));
                places.push((true, di, i));
            }
            for (i, a) in d.record.actions.iter().enumerate() {
                texts.push(terms(&a.text, &exclude));
                places.push((false, di, i));
            }
        }
        let vectors = tfidf_weighted(&texts, weight);
        let (mut recs, mut actions) = (Vec::new(), Vec::new());
        for (((is_rec, doc, index), terms), vector) in places.into_iter().zip(texts).zip(vectors) {
            let item = Item {
                doc,
                index,
                terms,
                vector,
            };
            if is_rec {
                recs.push(item)
            } else {
                actions.push(item)
            }
        }
        let ranges = |items: &[Item]| {
            let mut out = vec![0..0; docs.len()];
            let mut start = 0;
            while start < items.len() {
                let d = items[start].doc;
                let end = start + items[start..].iter().take_while(|i| i.doc == d).count();
                out[d] = start..end;
                start = end;
            }
            out
        };
        let (rec_ranges, action_ranges) = (ranges(&recs), ranges(&actions));
        Corpus {
            docs,
            unattributed,
            left_out,
            councils,
            recs,
            actions,
            rec_ranges,
            action_ranges,
            duplicates,
        }
    }

    pub fn rec(&self, item: &Item) -> &'a crate::model::Recommendation {
        &self.docs[item.doc].record.recommendations[item.index]
    }

    pub fn action(&self, item: &Item) -> &'a crate::model::Action {
        &self.docs[item.doc].record.actions[item.index]
    }
}
