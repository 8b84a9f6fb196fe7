//! Per council: how many documents, recommendations by kind, actions by status and the share
//! of actions completed.

use super::corpus::Corpus;
use super::group::Basis;
use crate::model::{ActionStatus, RecKind};
use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ByKind {
    pub total: usize,
    pub peer: usize,
    pub officer: usize,
    pub resolution: usize,
    pub other: usize,
}

impl ByKind {
    /// Counts one recommendation of kind `k`.
    pub fn add(&mut self, k: RecKind) {
        self.total += 1;
        match k {
            RecKind::Peer => self.peer += 1,
            RecKind::Officer => self.officer += 1,
            RecKind::Resolution => self.resolution += 1,
            RecKind::Other => self.other += 1,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ByStatus {
    pub total: usize,
    pub completed: usize,
    pub in_progress: usize,
    pub remaining: usize,
    pub unknown: usize,
}

/// One council's totals.
#[derive(Debug, Clone, Serialize)]
pub struct CouncilSummary {
    pub council: String,
    pub code: Option<String>,
    pub name: String,
    /// How the group was recognised: the record's `council`, the source host, a path rule.
    pub basis: Basis,
    pub documents: usize,
    /// Documents whose record carries `error`.
    pub failed: usize,
    /// The recommendations compared (after `--kind` and the procedural filter), by kind.
    pub recommendations: ByKind,
    /// Top-level recommendations of the council's documents that were not compared.
    pub left_out: usize,
    pub actions: ByStatus,
    /// Completed actions over all actions; `null` when there are none.
    pub share_completed: Option<f64>,
    /// Canonical theme ids listed in any of the council's documents.
    pub themes: Vec<String>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Recurring-recommendation clusters the council appears in.
    pub clusters: usize,
}

/// A summary per council, in the corpus's council order.
pub fn summaries(corpus: &Corpus, clusters: &[super::cluster::Cluster]) -> Vec<CouncilSummary> {
    let mut out: Vec<CouncilSummary> = corpus
        .councils
        .iter()
        .map(|c| CouncilSummary {
            council: c.key.clone(),
            code: c.code.clone(),
            name: c.name.clone(),
            basis: c.basis,
            documents: 0,
            failed: 0,
            recommendations: ByKind::default(),
            left_out: 0,
            actions: ByStatus::default(),
            share_completed: None,
            themes: Vec::new(),
            first_date: None,
            last_date: None,
            clusters: 0,
        })
        .collect();
    for (di, d) in corpus.docs.iter().enumerate() {
        let s = &mut out[d.council];
        s.documents += 1;
        s.failed += usize::from(d.record.error.is_some());
        let compared = &corpus.recs[corpus.rec_ranges[di].clone()];
        s.left_out += d.record.recommendations.len() - compared.len();
        for r in compared.iter().map(|i| corpus.rec(i)) {
            s.recommendations.add(r.kind);
        }
        for a in &d.record.actions {
            let k = &mut s.actions;
            k.total += 1;
            match a.status {
                ActionStatus::Completed => k.completed += 1,
                ActionStatus::InProgress => k.in_progress += 1,
                ActionStatus::Remaining => k.remaining += 1,
                ActionStatus::Unknown => k.unknown += 1,
            }
        }
        for t in d.record.themes.iter().filter_map(|t| t.canonical) {
            if !s.themes.iter().any(|x| x == t.id()) {
                s.themes.push(t.id().to_string());
            }
        }
        if let Some(date) = d.date() {
            if s.first_date.as_deref().is_none_or(|f| date < f) {
                s.first_date = Some(date.to_string());
            }
            if s.last_date.as_deref().is_none_or(|l| date > l) {
                s.last_date = Some(date.to_string());
            }
        }
    }
    for s in &mut out {
        s.themes.sort_by_key(|id| {
            crate::model::CanonicalTheme::ALL
                .iter()
                .position(|t| t.id() == id)
        });
        s.share_completed = (s.actions.total > 0).then(|| {
            (s.actions.completed as f64 / s.actions.total as f64 * 1000.0).round() / 1000.0
        });
        s.clusters = clusters
            .iter()
            .filter(|c| c.members.iter().any(|m| m.council == s.council))
            .count();
    }
    out
}
