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

use crate::model::{RecKind, Record};
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
    /// The kinds of recommendation compared; empty compares every kind.
    pub kinds: Vec<RecKind>,
    /// Compare procedural housekeeping too (minutes approved, apologies, appointments …).
    pub include_procedural: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_similarity: DEFAULT_MIN_SIMILARITY,
            min_terms: 2,
            min_councils: 2,
            top_other_themes: 8,
            council_from: None,
            kinds: Vec::new(),
            include_procedural: false,
        }
    }
}

impl Options {
    /// Whether a recommendation takes part in the comparison. Records written before
    /// `procedural` existed are judged by their text.
    pub fn compares(&self, r: &crate::model::Recommendation) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&r.kind))
            && (self.include_procedural
                || !(r.procedural || crate::extract::procedural::is_procedural(&r.text)))
    }
}

/// Totals and the settings used.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Every document read, with or without a council.
    pub documents: usize,
    /// Documents whose council could not be told (listed apart, compared with nothing).
    pub documents_without_council: usize,
    /// Records dropped because the same document (sha256 and location) came earlier.
    pub duplicate_records: usize,
    pub councils: usize,
    /// Recommendations compared (top level, of councils' documents, after `--kind` and the
    /// procedural filter).
    pub recommendations: usize,
    /// Procedural recommendations left out (unless `--include-procedural`).
    pub procedural_left_out: usize,
    /// Recommendations of kinds that `--kind` leaves out.
    pub other_kinds_left_out: usize,
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
    /// The kinds compared; empty for all.
    pub kinds: Vec<RecKind>,
    pub include_procedural: bool,
}

/// One input file and what was read from it (filled in by the command).
#[derive(Debug, Clone, Serialize)]
pub struct InputFile {
    pub name: String,
    pub records: usize,
    pub skipped: usize,
}

/// One document of the comparison, for finding it again.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    /// The council's key; empty for a document whose council is not known.
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
    /// The files read, when the report was made from files.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputFile>,
    pub summary: Summary,
    pub councils: Vec<councils::CouncilSummary>,
    pub theme_matrix: themes::ThemeMatrix,
    pub clusters: Vec<cluster::Cluster>,
    pub chains: Vec<chain::Chain>,
    pub documents: Vec<DocumentRow>,
}

/// Compares the records. Pure: the same records and options give the same report.
pub fn compare(records: &[Record], opts: &Options) -> Report {
    let corpus = corpus::Corpus::build(records, opts);
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
    let row = |d: &corpus::Doc, council: Option<&group::CouncilId>, stage| DocumentRow {
        council: council.map(|c| c.key.clone()).unwrap_or_default(),
        council_name: council.map(|c| c.name.clone()).unwrap_or_default(),
        document: d.location(),
        url: d.url().map(str::to_string),
        title: d.title().map(str::to_string),
        kind: d.record.meta.kind,
        date: d.date().map(str::to_string),
        recommendations: d.record.recommendations.len(),
        actions: d.record.actions.len(),
        themes: d.record.themes.len(),
        stage,
        error: d.record.error.as_ref().map(|e| e.message.clone()),
    };
    let mut documents: Vec<DocumentRow> = corpus
        .docs
        .iter()
        .map(|d| row(d, Some(&corpus.councils[d.council]), chain::stage_of(d)))
        .collect();
    // Documents of no known council come last, in input order.
    documents.extend(corpus.unattributed.iter().map(|d| row(d, None, None)));
    // Council order (as every table), then date, then location.
    let order: std::collections::HashMap<&str, usize> = corpus
        .councils
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.as_str(), i))
        .collect();
    documents.sort_by(|a, b| {
        let key = |d: &DocumentRow| {
            (
                !order.contains_key(d.council.as_str()),
                order.get(d.council.as_str()),
            )
        };
        (key(a), &a.date, &a.document).cmp(&(key(b), &b.date, &b.document))
    });
    Report {
        inputs: Vec::new(),
        summary: Summary {
            documents: corpus.docs.len() + corpus.unattributed.len(),
            documents_without_council: corpus.unattributed.len(),
            duplicate_records: corpus.duplicates,
            councils: corpus.councils.len(),
            recommendations: corpus.recs.len(),
            procedural_left_out: corpus.left_out.procedural,
            other_kinds_left_out: corpus.left_out.kind,
            actions: corpus.actions.len(),
            clusters: clusters.len(),
            clustered_recommendations: clusters.iter().map(|c| c.size).sum(),
            chains: chains.len(),
            similarity: SimilaritySettings {
                method: "TF-IDF cosine over stemmed content words; average-linkage clustering",
                min_similarity: opts.min_similarity,
                min_terms: opts.min_terms,
                min_councils: opts.min_councils,
                kinds: opts.kinds.clone(),
                include_procedural: opts.include_procedural,
            },
        },
        councils,
        theme_matrix,
        clusters,
        chains,
        documents,
    }
}
