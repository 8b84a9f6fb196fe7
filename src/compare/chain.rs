//! The Corporate Peer Challenge chain of each council: feedback report → action plan →
//! progress review, linked by date and by what the titles say. For each chain: which of the
//! first recommendations reappear in later documents (as recommendations or actions), and
//! which actions moved to completed.
//!
//! A document belongs to a chain when it is about a peer challenge: its title or its
//! recommendations name one (or the peer team, or a progress review), or it has peer
//! recommendations. Its stage comes from its title, then from its recommendations' words,
//! then from what it holds (peer recommendations → feedback; actions with a status →
//! progress). A feedback report starts a new chain.

use super::cluster::round3;
use super::corpus::{Corpus, Doc, Item};
use crate::model::{ActionStatus, RecKind};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    FeedbackReport,
    ActionPlan,
    ProgressReview,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::FeedbackReport => "Feedback report",
            Stage::ActionPlan => "Action plan",
            Stage::ProgressReview => "Progress review",
        }
    }
}

static CPC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bpeer[\s-]+(?:challenge|review|team)|\bCPC\b|\bprogress review\b")
        .expect("pattern")
});
static PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bprogress\b|\bupdate\b|\bfollow[\s-]?up\b").expect("pattern")
});
static PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\baction plan\b|\bresponse\b|\bresponding\b|\bimprovement plan\b")
        .expect("pattern")
});
static FEEDBACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bfeedback\b|\bfindings\b|\brecommendations\b|\bletter\b").expect("pattern")
});

/// One document of a chain.
#[derive(Debug, Clone, Serialize)]
pub struct ChainDoc {
    pub stage: Stage,
    pub date: Option<String>,
    pub title: Option<String>,
    pub document: String,
    pub url: Option<String>,
    pub recommendations: usize,
    pub actions: usize,
    pub completed: usize,
}

/// Where a recommendation was seen again.
#[derive(Debug, Clone, Serialize)]
pub struct Sighting {
    pub document: String,
    pub date: Option<String>,
    pub stage: Stage,
    /// `recommendation` or `action`.
    pub r#as: &'static str,
    pub id: Option<String>,
    pub text: String,
    pub status: Option<ActionStatus>,
    pub similarity: f32,
}

/// A recommendation of the chain's first document and its later sightings (empty when it
/// does not reappear).
#[derive(Debug, Clone, Serialize)]
pub struct FollowedRecommendation {
    pub id: Option<String>,
    pub text: String,
    pub document: String,
    pub later: Vec<Sighting>,
}

/// An action not complete in an earlier document and completed in a later one.
#[derive(Debug, Clone, Serialize)]
pub struct Completion {
    pub text: String,
    pub earlier_text: String,
    pub from_status: ActionStatus,
    pub from_document: String,
    pub from_date: Option<String>,
    pub to_document: String,
    pub to_date: Option<String>,
    pub similarity: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chain {
    pub council: String,
    pub council_name: String,
    pub documents: Vec<ChainDoc>,
    pub recommendations: Vec<FollowedRecommendation>,
    /// How many of `recommendations` reappear later.
    pub reappearing: usize,
    pub completed: Vec<Completion>,
}

/// The stage of a document, or `None` when it is not about a peer challenge.
pub fn stage_of(doc: &Doc) -> Option<Stage> {
    let r = doc.record;
    let title = r.meta.title.as_deref().unwrap_or("");
    let rec_text: String = r
        .recommendations
        .iter()
        .map(|x| x.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let has_peer = r.recommendations.iter().any(|x| x.kind == RecKind::Peer);
    if !(CPC.is_match(title) || CPC.is_match(&rec_text) || has_peer) {
        return None;
    }
    let by_words = |t: &str| {
        if PROGRESS.is_match(t) {
            Some(Stage::ProgressReview)
        } else if PLAN.is_match(t) {
            Some(Stage::ActionPlan)
        } else if FEEDBACK.is_match(t) {
            Some(Stage::FeedbackReport)
        } else {
            None
        }
    };
    by_words(title).or_else(|| {
        let known = r.actions.iter().any(|a| a.status != ActionStatus::Unknown);
        if has_peer {
            Some(Stage::FeedbackReport)
        } else if known {
            Some(Stage::ProgressReview)
        } else {
            by_words(&rec_text)
        }
    })
}

/// Every council's chains, councils in corpus order, chains in date order.
pub fn chains(corpus: &Corpus, min_similarity: f32) -> Vec<Chain> {
    let mut out = Vec::new();
    for ci in 0..corpus.councils.len() {
        let mut docs: Vec<(usize, Stage)> = corpus
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.council == ci)
            .filter_map(|(i, d)| stage_of(d).map(|s| (i, s)))
            .collect();
        // Undated documents go last; a feedback report leads a same-day action plan.
        docs.sort_by(|a, b| {
            let (da, db) = (corpus.docs[a.0].date(), corpus.docs[b.0].date());
            (da.is_none(), da, a.1, a.0).cmp(&(db.is_none(), db, b.1, b.0))
        });
        let mut groups: Vec<Vec<(usize, Stage)>> = Vec::new();
        for d in docs {
            let starts_new = |g: &Vec<(usize, Stage)>| {
                d.1 == Stage::FeedbackReport
                    && (g.iter().any(|x| x.1 != Stage::FeedbackReport)
                        || months_between(corpus.docs[g[0].0].date(), corpus.docs[d.0].date())
                            .is_none_or(|m| m > 24))
            };
            match groups.last_mut() {
                Some(g) if !starts_new(g) => g.push(d),
                _ => groups.push(vec![d]),
            }
        }
        for g in groups {
            out.push(build(corpus, ci, &g, min_similarity));
        }
    }
    out
}

fn build(corpus: &Corpus, council: usize, docs: &[(usize, Stage)], min: f32) -> Chain {
    let recs_of = |d: usize| -> Vec<usize> { corpus.rec_ranges[d].clone().collect() };
    let actions_of = |d: usize| -> Vec<usize> { corpus.action_ranges[d].clone().collect() };
    let chain_docs = docs
        .iter()
        .map(|&(d, stage)| {
            let doc = &corpus.docs[d];
            ChainDoc {
                stage,
                date: doc.date().map(str::to_string),
                title: doc.title().map(str::to_string),
                document: doc.location(),
                url: doc.url().map(str::to_string),
                recommendations: doc.record.recommendations.len(),
                actions: doc.record.actions.len(),
                completed: doc
                    .record
                    .actions
                    .iter()
                    .filter(|a| a.status == ActionStatus::Completed)
                    .count(),
            }
        })
        .collect();

    // The recommendations being followed: the first document with any, its peer ones if it has.
    let mut followed = Vec::new();
    if let Some(pos) = docs
        .iter()
        .position(|&(d, _)| !corpus.docs[d].record.recommendations.is_empty())
    {
        let d = docs[pos].0;
        let recs = recs_of(d);
        let peer: Vec<usize> = recs
            .iter()
            .copied()
            .filter(|&i| corpus.rec(&corpus.recs[i]).kind == RecKind::Peer)
            .collect();
        let sources = if peer.is_empty() { recs } else { peer };
        for i in sources {
            let item = &corpus.recs[i];
            let rec = corpus.rec(item);
            let mut later = Vec::new();
            for &(ld, stage) in &docs[pos + 1..] {
                let ldoc = &corpus.docs[ld];
                let best_rec = best(&corpus.recs, &recs_of(ld), item, min);
                let best_act = best(&corpus.actions, &actions_of(ld), item, min);
                if let Some((j, s)) = best_rec {
                    let r = corpus.rec(&corpus.recs[j]);
                    later.push(Sighting {
                        document: ldoc.location(),
                        date: ldoc.date().map(str::to_string),
                        stage,
                        r#as: "recommendation",
                        id: r.id.clone(),
                        text: r.text.clone(),
                        status: None,
                        similarity: round3(s),
                    });
                }
                if let Some((j, s)) = best_act {
                    let a = corpus.action(&corpus.actions[j]);
                    later.push(Sighting {
                        document: ldoc.location(),
                        date: ldoc.date().map(str::to_string),
                        stage,
                        r#as: "action",
                        id: None,
                        text: a.text.clone(),
                        status: Some(a.status),
                        similarity: round3(s),
                    });
                }
            }
            followed.push(FollowedRecommendation {
                id: rec.id.clone(),
                text: rec.text.clone(),
                document: corpus.docs[d].location(),
                later,
            });
        }
    }

    // Actions completed later that were open (or of unknown status) in an earlier document.
    let mut completed = Vec::new();
    for (k, &(ld, _)) in docs.iter().enumerate().skip(1) {
        for j in actions_of(ld) {
            let a = corpus.action(&corpus.actions[j]);
            if a.status != ActionStatus::Completed {
                continue;
            }
            let earlier: Vec<usize> = docs[..k]
                .iter()
                .flat_map(|&(ed, _)| actions_of(ed))
                .collect();
            if let Some((e, s)) = best(&corpus.actions, &earlier, &corpus.actions[j], min) {
                let ea = corpus.action(&corpus.actions[e]);
                if ea.status != ActionStatus::Completed {
                    let (from, to) = (&corpus.docs[corpus.actions[e].doc], &corpus.docs[ld]);
                    completed.push(Completion {
                        text: a.text.clone(),
                        earlier_text: ea.text.clone(),
                        from_status: ea.status,
                        from_document: from.location(),
                        from_date: from.date().map(str::to_string),
                        to_document: to.location(),
                        to_date: to.date().map(str::to_string),
                        similarity: round3(s),
                    });
                }
            }
        }
    }
    let c = &corpus.councils[council];
    Chain {
        council: c.key.clone(),
        council_name: c.name.clone(),
        documents: chain_docs,
        reappearing: followed.iter().filter(|f| !f.later.is_empty()).count(),
        recommendations: followed,
        completed,
    }
}

/// Whole months from one ISO date to another, when both have a year and month.
fn months_between(a: Option<&str>, b: Option<&str>) -> Option<i32> {
    let ym = |d: &str| -> Option<i32> {
        let y: i32 = d.get(0..4)?.parse().ok()?;
        let m: i32 = d.get(5..7)?.parse().ok()?;
        Some(y * 12 + m)
    };
    Some(ym(b?)? - ym(a?)?)
}

/// The most similar of `candidates` to `item`, when at least `min`.
fn best(list: &[Item], candidates: &[usize], item: &Item, min: f32) -> Option<(usize, f32)> {
    candidates
        .iter()
        .map(|&j| (j, list[j].vector.cosine(&item.vector)))
        .filter(|&(_, s)| s >= min)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
}
