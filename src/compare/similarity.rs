//! TF-IDF vectors over stemmed terms and their cosine similarity.
//!
//! Weights are sublinear term frequency (`1 + ln tf`) times smoothed inverse document frequency
//! (`ln((1 + n) / (1 + df)) + 1`), so that a term shared by every text still counts a little and
//! small collections (a handful of councils) do not zero out the words they all use.
//! Vectors are L2-normalised: cosine is a dot product.

use std::collections::HashMap;

/// A sparse, L2-normalised vector: (term id, weight), sorted by term id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vector(Vec<(u32, f32)>);

impl Vector {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Cosine similarity with another normalised vector, in `[0, 1]`.
    pub fn cosine(&self, other: &Vector) -> f32 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot.clamp(0.0, 1.0)
    }
}

/// TF-IDF vectors of a collection of term lists, all weighted with the collection's
/// document frequencies.
pub fn tfidf(docs: &[Vec<String>]) -> Vec<Vector> {
    tfidf_weighted(docs, |_| 1.0)
}

/// [`tfidf`] with each term's weight also multiplied by `weight(term)`.
pub fn tfidf_weighted(docs: &[Vec<String>], weight: impl Fn(&str) -> f32) -> Vec<Vector> {
    let mut scale: Vec<f32> = Vec::new();
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let counted: Vec<HashMap<u32, u32>> = docs
        .iter()
        .map(|terms| {
            let mut tf: HashMap<u32, u32> = HashMap::new();
            for t in terms {
                let next = ids.len() as u32;
                let id = *ids.entry(t.as_str()).or_insert_with(|| {
                    scale.push(weight(t));
                    next
                });
                *tf.entry(id).or_default() += 1;
            }
            tf
        })
        .collect();
    let mut df = vec![0u32; ids.len()];
    for tf in &counted {
        for &id in tf.keys() {
            df[id as usize] += 1;
        }
    }
    let n = docs.len() as f32;
    counted
        .into_iter()
        .map(|tf| {
            let mut v: Vec<(u32, f32)> = tf
                .into_iter()
                .map(|(id, c)| {
                    let idf = ((1.0 + n) / (1.0 + df[id as usize] as f32)).ln() + 1.0;
                    (id, (1.0 + (c as f32).ln()) * idf * scale[id as usize])
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut v {
                    *w /= norm;
                }
            }
            v.sort_by_key(|(id, _)| *id);
            Vector(v)
        })
        .collect()
}

/// Every pair `(i, j, similarity)` with `i < j` and similarity at least `min`, found through
/// an inverted index so that texts with no term in common are never compared.
pub fn pairs_at_least(vectors: &[Vector], min: f32) -> Vec<(usize, usize, f32)> {
    let mut postings: HashMap<u32, Vec<(usize, f32)>> = HashMap::new();
    for (i, v) in vectors.iter().enumerate() {
        for &(id, w) in &v.0 {
            postings.entry(id).or_default().push((i, w));
        }
    }
    let mut out = Vec::new();
    let mut dots: HashMap<usize, f32> = HashMap::new();
    for (i, v) in vectors.iter().enumerate() {
        dots.clear();
        for (id, w) in &v.0 {
            for &(j, wj) in postings.get(id).map(Vec::as_slice).unwrap_or(&[]) {
                if j > i {
                    *dots.entry(j).or_default() += w * wj;
                }
            }
        }
        let mut found: Vec<(usize, usize, f32)> = dots
            .iter()
            .filter(|&(_, &d)| d >= min)
            .map(|(&j, &d)| (i, j, d.clamp(0.0, 1.0)))
            .collect();
        found.sort_by_key(|p| p.1);
        out.extend(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(texts: &[&str]) -> Vec<Vec<String>> {
        texts
            .iter()
            .map(|t| t.split_whitespace().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn identical_texts_have_cosine_one_and_disjoint_zero() {
        let v = tfidf(&docs(&["a b c", "a b c", "x y"]));
        assert!((v[0].cosine(&v[1]) - 1.0).abs() < 1e-5);
        assert_eq!(v[0].cosine(&v[2]), 0.0);
    }

    #[test]
    fn rare_shared_terms_weigh_more_than_common_ones() {
        let v = tfidf(&docs(&[
            "plan budget",
            "plan reserves",
            "plan budget gap",
            "plan x",
            "plan y",
        ]));
        assert!(v[0].cosine(&v[2]) > v[0].cosine(&v[1]));
    }

    #[test]
    fn pairs_match_brute_force() {
        let v = tfidf(&docs(&["a b c", "a b d", "c d e", "f g", "a f"]));
        let got = pairs_at_least(&v, 0.1);
        let mut want = Vec::new();
        for i in 0..v.len() {
            for j in i + 1..v.len() {
                let s = v[i].cosine(&v[j]);
                if s >= 0.1 {
                    want.push((i, j, s));
                }
            }
        }
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(&want) {
            assert_eq!((g.0, g.1), (w.0, w.1));
            assert!((g.2 - w.2).abs() < 1e-5);
        }
    }
}
