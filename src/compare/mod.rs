//! Cross-council comparison of extracted records: the theme matrix, recurring recommendations,
//! per-council totals and the peer challenge chains, as one [`Report`].

pub mod chain;
pub mod cluster;
pub mod corpus;
pub mod councils;
pub mod group;
pub mod input;
pub mod similarity;
pub mod tables;
pub mod text;
pub mod themes;

use crate::model::Record;
use serde::Serialize;

/// Default `--min-similarity`: the highest cut that still finds every labelled paraphrase in
/// `tests/data/multi-council.jsonl` (precision and recall 1.0 from 0.25 to 0.35; recall 0.87
/// at 0.40), and the one that groups the fewest unrelated fixture documents within that range
/// (see `tests/compare_similarity.rs` and the README).
pub const DEFAULT_MIN_SIMILARITY: f32 = 0.35;

/// Settings of a comparison.
#[derive(Debug, Clone)]
pub struct Options {
    pub min_similarity: f32,
    pub min_terms: usize,
    pub min_councils: usize,
    pub top_other_themes: usize,
    pub council_from: Option<group::CouncilFrom>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_similarity: DEFAULT_MIN_SIMILARITY,
            min_terms: 3,
            min_councils: 2,
            top_other_themes: 8,
            council_from: None,
        }
    }
}

/// Totals and the settings used.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub documents: usize,
    /// Records dropped because the same document (sha256 and location) came earlier.
    pub duplicate_records: usize,
    pub councils: usize,
    pub recommendations: usize,
    pub actions: usize,
    pub clusters: usize,
    pub clustered_recommendations: usize,
    pub chains: usize,
    pub similarity: SimilaritySettings,
}

#[derive(Debug, Clone, Serialize)]
pub struct SimilaritySettings {
    pub method: &'static str,
    pub min_similarity: f32,
    pub min_terms: usize,
    pub min_councils: usize,
}

/// One document of the comparison, for finding it again.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    pub council: String,
    pub council_name: String,
    pub document: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub kind: crate::model::DocKind,
    pub date: Option<String>,
    pub recommendations: usize,
    pub actions: usize,
    pub themes: usize,
    /// The CPC stage when the document belongs to a peer challenge chain.
    pub stage: Option<chain::Stage>,
    pub error: Option<String>,
}

/// Everything `compare` produces.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub summary: Summary,
    pub councils: Vec<councils::CouncilSummary>,
    pub theme_matrix: themes::ThemeMatrix,
    pub clusters: Vec<cluster::Cluster>,
    pub chains: Vec<chain::Chain>,
    pub documents: Vec<DocumentRow>,
}

/// Compares the records. Pure: the same records and options give the same report.
pub fn compare(records: &[Record], opts: &Options) -> Report {
    let corpus = corpus::Corpus::build(records, opts.council_from.as_ref());
    let clusters = cluster::clusters(
        &corpus,
        &cluster::ClusterOptions {
            min_similarity: opts.min_similarity,
            min_terms: opts.min_terms,
            min_councils: opts.min_councils,
        },
    );
    let councils = councils::summaries(&corpus, &clusters);
    let theme_matrix = themes::theme_matrix(&corpus, opts.top_other_themes);
    let chains = chain::chains(&corpus, opts.min_similarity);
    let mut documents: Vec<DocumentRow> = corpus
        .docs
        .iter()
        .map(|d| {
            let c = &corpus.councils[d.council];
            DocumentRow {
                council: c.key.clone(),
                council_name: c.name.clone(),
                document: d.location(),
                url: d.url().map(str::to_string),
                title: d.title().map(str::to_string),
                kind: d.record.meta.kind,
                date: d.date().map(str::to_string),
                recommendations: d.record.recommendations.len(),
                actions: d.record.actions.len(),
                themes: d.record.themes.len(),
                stage: chain::stage_of(d),
                error: d.record.error.as_ref().map(|e| e.message.clone()),
            }
        })
        .collect();
    // Council order (as every table), then date, then location.
    let order: std::collections::HashMap<&str, usize> = corpus
        .councils
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.as_str(), i))
        .collect();
    documents.sort_by(|a, b| {
        (order.get(a.council.as_str()), &a.date, &a.document).cmp(&(
            order.get(b.council.as_str()),
            &b.date,
            &b.document,
        ))
    });
    Report {
        summary: Summary {
            documents: corpus.docs.len(),
            duplicate_records: corpus.duplicates,
            councils: corpus.councils.len(),
            recommendations: corpus.recs.len(),
            actions: corpus.actions.len(),
            clusters: clusters.len(),
            clustered_recommendations: clusters.iter().map(|c| c.size).sum(),
            chains: chains.len(),
            similarity: SimilaritySettings {
                method: "TF-IDF cosine over stemmed content words; average-linkage clustering",
                min_similarity: opts.min_similarity,
                min_terms: opts.min_terms,
                min_councils: opts.min_councils,
            },
        },
        councils,
        theme_matrix,
        clusters,
        chains,
        documents,
    }
}
