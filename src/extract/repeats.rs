//! Recommendations printed more than once (decision block and minutes, or once per meeting)
//! are reported once: word for word anywhere, nearly so within one meeting's block under the
//! same label and kind, or cut short under a label already kept.
//!
//! Near repeats are found through an index of the words of the items kept, never by comparing
//! each item with every earlier one, so that a page of a hundred thousand bullets is read in
//! time proportional to its length.

use crate::model::{RecKind, Recommendation};
use std::collections::{BTreeSet, HashMap, HashSet};

/// How many index entries one item may look at before it is taken as new. Real documents
/// never come near it (an item's rarest words are shared with a handful of items at most);
/// it bounds the work on pages of thousands of look-alike items built from a few words.
const LOOK_LIMIT: usize = 2048;

/// The items kept so far, and the indexes that find their repeats.
#[derive(Debug, Default)]
pub struct Repeats {
    /// Comparison keys of every item seen.
    exact: HashSet<String>,
    /// Comparison keys of the items kept, by label, sorted so that the keys a text starts
    /// are found together.
    kept_by_id: HashMap<String, BTreeSet<String>>,
    /// Each distinct lower-case word of the document as a small number.
    words: HashMap<String, u32>,
    /// Items kept, by what a near repeat must share with them: kind, label, meeting and the
    /// words holding digits (minutes of two meetings approved in one breath differ only in
    /// their dates).
    groups: HashMap<GroupKey, Group>,
}

type GroupKey = (RecKind, Option<String>, Option<usize>, Vec<u32>);

/// Items that may be near repeats of each other.
#[derive(Debug, Default)]
struct Group {
    /// The sorted word numbers of each item kept.
    items: Vec<Vec<u32>>,
    /// Items by a word they hold and their size class (see [`size_class`]).
    postings: HashMap<(u32, u32), Vec<u32>>,
    /// Whether an item with no words at all was kept.
    has_empty: bool,
    /// The query each item was last looked at by, so that it is compared once per query.
    seen_by: Vec<u32>,
    queries: u32,
}

impl Repeats {
    /// Whether `r` repeats an item already kept; if not, it is recorded as kept.
    pub fn repeats(&mut self, r: &Recommendation) -> bool {
        let key = dedup_key(&r.text);
        let words = self.word_numbers(&r.text);
        let numbers: Vec<u32> = words
            .iter()
            .filter(|(w, _)| w.chars().any(|c| c.is_ascii_digit()))
            .map(|&(_, n)| n)
            .collect::<BTreeSet<u32>>()
            .into_iter()
            .collect();
        let mut set: Vec<u32> = words.into_iter().map(|(_, n)| n).collect();
        set.sort_unstable();
        set.dedup();
        let group = self
            .groups
            .entry((r.kind, r.id.clone(), r.meeting, numbers))
            .or_default();
        if !self.exact.insert(key.clone()) || group.has_near(&set) {
            return true;
        }
        // A second printing cut short (a page that ends mid-item) repeats the start of an
        // item already kept under the same label.
        if let Some(id) = &r.id {
            let kept = self.kept_by_id.entry(id.clone()).or_default();
            let continues = kept
                .range::<String, _>(&key..)
                .next()
                .is_some_and(|k| k.starts_with(&key));
            if key.len() >= 8 && continues {
                return true;
            }
            kept.insert(key);
        }
        group.keep(set);
        false
    }

    /// The lower-case words of a text with their numbers, new words numbered as they come.
    fn word_numbers(&mut self, s: &str) -> Vec<(String, u32)> {
        word_set(s)
            .into_iter()
            .map(|w| {
                let next = self.words.len() as u32;
                let n = *self.words.entry(w.clone()).or_insert(next);
                (w, n)
            })
            .collect()
    }
}

impl Group {
    /// Whether a kept item shares nearly all its words with `set` (sorted word numbers):
    /// twice the words in common at least 0.8 of the two sizes together.
    ///
    /// Such an item `x` shares at least ⌈2|set|/3⌉ words with `set` and has between
    /// ⌈2|set|/3⌉ and ⌊3|set|/2⌋ words, so it holds one of any |set| − ⌈2|set|/3⌉ + 1 words
    /// of `set`: those with the fewest items of a fitting size are looked up.
    fn has_near(&mut self, set: &[u32]) -> bool {
        let n = set.len();
        if n == 0 {
            return self.has_empty;
        }
        let lo = (2 * n).div_ceil(3);
        let hi = 3 * n / 2;
        let classes = size_class(lo)..=size_class(hi);
        let probes = n - lo + 1;
        let mut by_rarity: Vec<(usize, u32)> = set
            .iter()
            .map(|&w| {
                let len = classes
                    .clone()
                    .filter_map(|c| self.postings.get(&(w, c)))
                    .map(Vec::len)
                    .sum();
                (len, w)
            })
            .collect();
        by_rarity.sort_unstable();
        self.queries += 1;
        let query = self.queries;
        let mut budget = LOOK_LIMIT;
        for &(_, w) in &by_rarity[..probes] {
            for c in classes.clone() {
                let Some(list) = self.postings.get(&(w, c)) else {
                    continue;
                };
                // Newest first: a repeat is most often near what it repeats.
                for &i in list.iter().rev() {
                    if budget == 0 {
                        return false;
                    }
                    budget -= 1;
                    let i = i as usize;
                    if self.seen_by[i] == query {
                        continue;
                    }
                    self.seen_by[i] = query;
                    let x = &self.items[i];
                    if (lo..=hi).contains(&x.len()) && near(x, set) {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn keep(&mut self, set: Vec<u32>) {
        let i = self.items.len() as u32;
        if set.is_empty() {
            self.has_empty = true;
        }
        let class = size_class(set.len());
        for &w in &set {
            self.postings.entry((w, class)).or_default().push(i);
        }
        self.items.push(set);
        self.seen_by.push(0);
    }
}

/// Sizes in classes growing by half: any range from ⌈2n/3⌉ to ⌊3n/2⌋ spans at most four.
fn size_class(n: usize) -> u32 {
    let (mut class, mut top) = (0u32, 1usize);
    while top < n {
        top += top.div_ceil(2);
        class += 1;
    }
    class
}

/// `2·common / (|a| + |b|) ≥ 0.8` over sorted word numbers, in integers.
fn near(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    5 * common >= 2 * (a.len() + b.len())
}

/// Two printings of one item compare equal: case, punctuation and a leading `that`/`to` aside.
fn dedup_key(s: &str) -> String {
    let key = s
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>();
    let words: Vec<&str> = key.split_whitespace().collect();
    let skip = usize::from(matches!(words.first(), Some(&"that" | &"to")));
    words[skip..].join(" ")
}

/// The distinct lower-case words of a text.
fn word_set(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(text: &str, id: Option<&str>) -> Recommendation {
        Recommendation {
            text: text.into(),
            id: id.map(Into::into),
            kind: RecKind::Officer,
            ..Default::default()
        }
    }

    /// The rule before the index: each item against every earlier one kept.
    fn similar_slow(a: &HashSet<String>, b: &HashSet<String>) -> bool {
        if a.is_empty() || b.is_empty() {
            return a == b;
        }
        let numbers = |s: &HashSet<String>| -> Vec<String> {
            let mut v: Vec<String> = s
                .iter()
                .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                .cloned()
                .collect();
            v.sort();
            v
        };
        if numbers(a) != numbers(b) {
            return false;
        }
        let common = a.intersection(b).count() as f64;
        2.0 * common / (a.len() + b.len()) as f64 >= 0.8
    }

    #[test]
    fn near_repeats_are_those_sharing_four_fifths_of_their_words() {
        let mut r = Repeats::default();
        assert!(!r.repeats(&rec(
            "That the council adopts the housing strategy for 2025.",
            None
        )));
        // Word for word, case and punctuation aside.
        assert!(r.repeats(&rec(
            "that the Council adopts the housing strategy for 2025",
            None
        )));
        // One word more (a parenthesis) is still the same item.
        assert!(r.repeats(&rec(
            "That the council adopts the housing strategy (revised) for 2025.",
            None
        )));
        // Another year is another item.
        assert!(!r.repeats(&rec(
            "That the council adopts the housing strategy for 2026.",
            None
        )));
        // Half the words changed is another item.
        assert!(!r.repeats(&rec(
            "That the cabinet notes the transport plan for 2025.",
            None
        )));
        // Word for word is a repeat under any label, nearly so only under the same one.
        assert!(r.repeats(&rec(
            "That the council adopts the housing strategy for 2025.",
            Some("2")
        )));
        assert!(!r.repeats(&rec(
            "That the council adopts the housing strategy (as revised) for 2025.",
            Some("2")
        )));
    }

    #[test]
    fn a_printing_cut_short_under_the_same_label_is_a_repeat() {
        let mut r = Repeats::default();
        assert!(!r.repeats(&rec(
            "The panel reviews the allocation policy by March.",
            Some("3")
        )));
        assert!(r.repeats(&rec("The panel reviews the", Some("3"))));
        assert!(!r.repeats(&rec("The panel reviews", Some("4"))));
        // Too short to tell.
        assert!(!r.repeats(&rec("The", Some("3"))));
    }

    #[test]
    fn items_without_words_repeat_only_each_other() {
        let mut r = Repeats::default();
        assert!(!r.repeats(&rec("—", None)));
        assert!(r.repeats(&rec("•", None)));
        assert!(!r.repeats(&rec("Noted", None)));
    }

    #[test]
    fn size_classes_cover_every_fitting_size() {
        assert_eq!(size_class(1), 0);
        for n in 1..2000usize {
            let (lo, hi) = ((2 * n).div_ceil(3), 3 * n / 2);
            assert!(size_class(hi) - size_class(lo) <= 3, "{n}");
            assert!(size_class(lo) <= size_class(n) && size_class(n) <= size_class(hi));
        }
    }

    /// The index keeps exactly the items the comparison with every earlier item kept,
    /// over items drawn from a small vocabulary so that near repeats are common.
    #[test]
    fn the_index_keeps_what_comparing_with_every_earlier_item_kept() {
        let vocab = [
            "council", "housing", "review", "plan", "budget", "the", "2024", "2025", "notes",
            "adopts", "panel", "report", "of", "and", "schools",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..40 {
            let mut fast = Repeats::default();
            let mut kept: Vec<HashSet<String>> = Vec::new();
            let mut exact = HashSet::new();
            for _ in 0..150 {
                let len = 1 + (next() % 7) as usize;
                let text: Vec<&str> = (0..len)
                    .map(|_| vocab[(next() % vocab.len() as u64) as usize])
                    .collect();
                let text = text.join(" ");
                let words = word_set(&text);
                let slow =
                    !exact.insert(dedup_key(&text)) || kept.iter().any(|w| similar_slow(w, &words));
                if !slow {
                    kept.push(words);
                }
                assert_eq!(fast.repeats(&rec(&text, None)), slow, "{text}");
            }
        }
    }
}
