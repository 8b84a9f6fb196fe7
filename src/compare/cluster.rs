//! Recurring recommendations: recommendations that say the same thing in different words,
//! grouped by average-linkage agglomerative clustering (kodama) on TF-IDF cosine distance and
//! cut at `1 - min_similarity`. Only groups that span several councils are reported.
//!
//! Texts are first split into connected components of the "at least `min_similarity`" graph;
//! no cut cluster can cross components, so each component is clustered on its own and the
//! dense distance matrix stays the size of a component, not of the whole collection.

use super::corpus::{Corpus, Item};
use crate::model::RecKind;
use petgraph::unionfind::UnionFind;
use serde::Serialize;
use std::collections::BTreeSet;

/// One member of a cluster.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub council: String,
    pub council_name: String,
    /// The source URL, else its path.
    pub document: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub id: Option<String>,
    pub kind: RecKind,
    pub text: String,
    /// Cosine similarity to the representative.
    pub similarity: f32,
}

/// A recommendation made, in one wording or another, by several councils.
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    pub id: usize,
    /// The member most similar to all the others (the medoid).
    pub representative: String,
    pub councils: usize,
    pub size: usize,
    /// Mean pairwise cosine similarity of the members.
    pub cohesion: f32,
    pub members: Vec<Member>,
}

/// Settings of the clustering.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    pub min_similarity: f32,
    /// Fewer content terms than this and a text is too formulaic to compare.
    pub min_terms: usize,
    pub min_councils: usize,
}

/// Fewest content words of a resolution that only approves a named document (`That the
/// Housing Strategy 2025-2030 be approved.`), whose words are a title, not a recommendation.
const NAMED_APPROVAL_MIN_TERMS: usize = 3;

/// Clusters of recommendations made by at least `min_councils` councils, most widespread first.
pub fn clusters(corpus: &Corpus, opts: &ClusterOptions) -> Vec<Cluster> {
    let eligible: Vec<&Item> = corpus
        .recs
        .iter()
        .filter(|i| comparable(corpus, i, opts.min_terms))
        .collect();
    let vectors: Vec<_> = eligible.iter().map(|i| i.vector.clone()).collect();
    let edges = super::similarity::pairs_at_least(&vectors, opts.min_similarity);
    let mut components = UnionFind::new(eligible.len());
    for (a, b, _) in &edges {
        components.union(*a, *b);
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..eligible.len() {
        groups.entry(components.find_mut(i)).or_default().push(i);
    }
    let council_of = |i: usize| corpus.docs[eligible[i].doc].council;
    let mut out = Vec::new();
    for members in groups.into_values() {
        let councils: BTreeSet<usize> = members.iter().map(|&i| council_of(i)).collect();
        if members.len() < 2 || councils.len() < opts.min_councils {
            continue;
        }
        for cut in cut_average_linkage(&members, &eligible, opts.min_similarity) {
            let councils: BTreeSet<usize> = cut.iter().map(|&i| council_of(i)).collect();
            if councils.len() >= opts.min_councils {
                out.push(make_cluster(corpus, &eligible, &cut, councils.len()));
            }
        }
    }
    out.sort_by(|a, b| {
        b.councils
            .cmp(&a.councils)
            .then(b.size.cmp(&a.size))
            .then(b.cohesion.total_cmp(&a.cohesion))
            .then_with(|| a.representative.cmp(&b.representative))
    });
    for (n, c) in out.iter_mut().enumerate() {
        c.id = n + 1;
    }
    out
}

/// Whether a recommendation has words enough to be compared: `min_terms` content words, one
/// of them more than a word of asking (`Endorse the updated plan` says nothing of what), and
/// more when it only approves a named document.
pub fn comparable(corpus: &Corpus, item: &Item, min_terms: usize) -> bool {
    let n = unique_terms(item);
    n >= min_terms
        && item.terms.iter().any(|t| super::text::weight(t) == 1.0)
        && (n >= NAMED_APPROVAL_MIN_TERMS
            || !super::text::approves_a_named_document(&corpus.rec(item).text))
}

fn unique_terms(i: &Item) -> usize {
    i.terms.iter().collect::<BTreeSet<_>>().len()
}

/// The flat clusters of one component: merges of the average-linkage dendrogram whose
/// distance is at most `1 - min_similarity`.
fn cut_average_linkage(members: &[usize], items: &[&Item], min_similarity: f32) -> Vec<Vec<usize>> {
    let n = members.len();
    let mut condensed = Vec::with_capacity(n * (n - 1) / 2);
    for a in 0..n {
        for b in a + 1..n {
            let s = items[members[a]].vector.cosine(&items[members[b]].vector);
            condensed.push(1.0 - s);
        }
    }
    let dendrogram = kodama::linkage(&mut condensed, n, kodama::Method::Average);
    let cut = 1.0 - min_similarity + 1e-6;
    let mut uf = UnionFind::new(n);
    // Label n + k is the cluster made by step k; remember one observation of each.
    let mut witness: Vec<usize> = Vec::with_capacity(n);
    let obs =
        |label: usize, witness: &Vec<usize>| if label < n { label } else { witness[label - n] };
    for step in dendrogram.steps() {
        let (a, b) = (obs(step.cluster1, &witness), obs(step.cluster2, &witness));
        if step.dissimilarity <= cut {
            uf.union(a, b);
        }
        witness.push(a);
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, &m) in members.iter().enumerate() {
        groups.entry(uf.find_mut(i)).or_default().push(m);
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

fn make_cluster(corpus: &Corpus, items: &[&Item], group: &[usize], councils: usize) -> Cluster {
    let sims: Vec<Vec<f32>> = group
        .iter()
        .map(|&a| {
            group
                .iter()
                .map(|&b| items[a].vector.cosine(&items[b].vector))
                .collect()
        })
        .collect();
    let n = group.len();
    let medoid = (0..n)
        .max_by(|&a, &b| {
            let (sa, sb) = (sims[a].iter().sum::<f32>(), sims[b].iter().sum::<f32>());
            sa.total_cmp(&sb).then(b.cmp(&a))
        })
        .unwrap_or(0);
    let pairs = (n * (n - 1) / 2).max(1) as f32;
    let cohesion = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .map(|(a, b)| sims[a][b])
        .sum::<f32>()
        / pairs;
    let mut members: Vec<Member> = group
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let item = items[i];
            let doc = &corpus.docs[item.doc];
            let council = &corpus.councils[doc.council];
            let rec = corpus.rec(item);
            Member {
                council: council.key.clone(),
                council_name: council.name.clone(),
                document: doc.location(),
                url: doc.url().map(str::to_string),
                title: doc.title().map(str::to_string),
                date: doc.date().map(str::to_string),
                id: rec.id.clone(),
                kind: rec.kind,
                text: rec.text.clone(),
                similarity: round3(sims[medoid][k]),
            }
        })
        .collect();
    let representative = members[medoid].text.clone();
    members.sort_by(|a, b| {
        (a.council_name.to_lowercase(), &a.date, &a.document).cmp(&(
            b.council_name.to_lowercase(),
            &b.date,
            &b.document,
        ))
    });
    Cluster {
        id: 0,
        representative,
        councils,
        size: n,
        cohesion: round3(cohesion),
        members,
    }
}

pub fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}
