//! How well recurring recommendations are found, measured on `tests/data/multi-council.jsonl`
//! against its hand-labelled topics (`multi-council.gold.json`): pairwise precision and recall
//! of "same cluster" over recommendations from different councils, at a sweep of
//! `--min-similarity` values. Run with `--nocapture` to see the table that the default was
//! chosen from; the test asserts the default's scores and the similarity margins.

use councilrecs::compare::cluster::comparable;
use councilrecs::compare::corpus::Corpus;
use councilrecs::compare::group::CouncilFrom;
use councilrecs::compare::{DEFAULT_MIN_SIMILARITY, Options, compare, input};
use councilrecs::model::Record;
use std::collections::HashMap;

fn records(path: &str) -> Vec<Record> {
    let f = std::fs::File::open(path).expect("test data");
    input::read_records(f, path).expect("records").records
}

fn gold() -> HashMap<String, Option<String>> {
    let text = std::fs::read_to_string("tests/data/multi-council.gold.json").expect("gold");
    serde_json::from_str(&text).expect("gold json")
}

fn dir_rule() -> Option<CouncilFrom> {
    Some("dir".parse().expect("rule"))
}

/// Pairwise (precision, recall) of clustering at `t` over labelled recommendations of
/// different councils.
fn score(recs: &[Record], gold: &HashMap<String, Option<String>>, t: f32) -> (f64, f64) {
    let report = compare(
        recs,
        &Options {
            min_similarity: t,
            council_from: dir_rule(),
            ..Options::default()
        },
    );
    let mut cluster_of: HashMap<String, usize> = HashMap::new();
    let mut council_of: HashMap<String, String> = HashMap::new();
    for c in &report.clusters {
        for m in &c.members {
            let key = format!("{}#{}", m.document, m.id.as_deref().unwrap_or(""));
            cluster_of.insert(key.clone(), c.id);
            council_of.insert(key, m.council.clone());
        }
    }
    // Councils of unclustered items, from the documents table.
    for d in &report.documents {
        for (k, _) in gold
            .iter()
            .filter(|(k, _)| k.starts_with(&format!("{}#", d.document)))
        {
            council_of
                .entry(k.clone())
                .or_insert_with(|| d.council.clone());
        }
    }
    let keys: Vec<&String> = gold.keys().collect();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            if council_of.get(*a) == council_of.get(*b) {
                continue;
            }
            let same_topic = gold[*a].is_some() && gold[*a] == gold[*b];
            let same_cluster =
                cluster_of.contains_key(*a) && cluster_of.get(*a) == cluster_of.get(*b);
            match (same_topic, same_cluster) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                _ => {}
            }
        }
    }
    let p = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    (p, r)
}

#[test]
fn default_min_similarity_separates_paraphrases_from_unrelated() {
    let recs = records("tests/data/multi-council.jsonl");
    let gold = gold();
    println!("min_similarity precision recall F1");
    for step in 2..=14 {
        let t = step as f32 * 0.05;
        let (p, r) = score(&recs, &gold, t);
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!("{t:.2} {p:.3} {r:.3} {f1:.3}");
    }
    let (p, r) = score(&recs, &gold, DEFAULT_MIN_SIMILARITY);
    assert_eq!(p, 1.0, "an unrelated recommendation was clustered");
    assert!(r >= 0.95, "recall {r} at the default");
}

#[test]
fn similarity_of_labelled_pairs() {
    let recs = records("tests/data/multi-council.jsonl");
    let gold = gold();
    let opts = Options {
        council_from: dir_rule(),
        ..Options::default()
    };
    let corpus = Corpus::build(&recs, &opts);
    let labelled: Vec<(usize, &Option<String>)> = corpus
        .recs
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let d = &corpus.docs[item.doc];
            let key = format!(
                "{}#{}",
                d.location(),
                corpus.rec(item).id.as_deref().unwrap_or("")
            );
            gold.get(&key).map(|g| (i, g))
        })
        .collect();
    let (mut pos, mut neg) = (Vec::new(), Vec::new());
    for (k, &(i, gi)) in labelled.iter().enumerate() {
        for &(j, gj) in &labelled[k + 1..] {
            let (a, b) = (&corpus.recs[i], &corpus.recs[j]);
            if corpus.docs[a.doc].council == corpus.docs[b.doc].council {
                continue;
            }
            // Texts too formulaic to compare are never clustered (Options::min_terms).
            let min = Options::default().min_terms;
            if !comparable(&corpus, a, min) || !comparable(&corpus, b, min) {
                continue;
            }
            let s = a.vector.cosine(&b.vector);
            if gi.is_some() && gi == gj {
                pos.push(s)
            } else {
                if s > 0.25 {
                    println!(
                        "unrelated {s:.3}: {} | {}",
                        corpus.rec(a).text,
                        corpus.rec(b).text
                    );
                }
                neg.push(s)
            }
        }
    }
    pos.sort_by(f32::total_cmp);
    neg.sort_by(f32::total_cmp);
    let q = |v: &[f32], f: f64| v[((v.len() - 1) as f64 * f) as usize];
    println!(
        "paraphrase pairs: {} min {:.3} p10 {:.3} median {:.3}; unrelated pairs: {} max {:.3} p99 {:.3}",
        pos.len(),
        pos[0],
        q(&pos, 0.1),
        q(&pos, 0.5),
        neg.len(),
        neg[neg.len() - 1],
        q(&neg, 0.99)
    );
    let top: Vec<f32> = neg.iter().rev().take(5).copied().collect();
    println!("five most similar unrelated pairs: {top:?}");
    // The most similar unrelated pair stays below the default, with room to spare.
    assert!(neg[neg.len() - 1] < DEFAULT_MIN_SIMILARITY);
    assert!(q(&pos, 0.5) > DEFAULT_MIN_SIMILARITY + 0.1);
}
