//! `--shard K/N`: the part of a run one of N instances does. Each document (by its path or
//! URL) or each site (by council, a shared site once) falls in exactly one shard, chosen by a
//! hash that is the same on every machine and every run, so that N instances started with
//! `1/N` … `N/N` cover everything once with no coordination.

use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

/// Shard `k` of `n` (1 ≤ k ≤ n).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u64,
    pub n: u64,
}

impl Shard {
    /// Whether the item named `key` (a path, a URL, a council's site) is this shard's.
    pub fn holds(&self, key: &str) -> bool {
        of(key, self.n) == self.k
    }
}

/// The shard, 1 to `n`, that `key` falls in: the first eight bytes of its SHA-256 as a
/// number, modulo `n`, plus one.
pub fn of(key: &str, n: u64) -> u64 {
    let digest = Sha256::digest(key.as_bytes());
    let mut head = [0u8; 8];
    head.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(head) % n.max(1) + 1
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("{s:?} is not K/N with 1 ≤ K ≤ N (for example 2/8)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let k: u64 = k.trim().parse().map_err(|_| bad())?;
        let n: u64 = n.trim().parse().map_err(|_| bad())?;
        if k == 0 || n == 0 || k > n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_disjoint_and_complete() {
        let keys: Vec<String> = (0..3000)
            .map(|i| format!("papers/{}/minutes-{i}.pdf", i % 17))
            .collect();
        for n in 1..=9u64 {
            let shards: Vec<Shard> = (1..=n).map(|k| Shard { k, n }).collect();
            let mut sizes = vec![0usize; n as usize];
            for key in &keys {
                let holders: Vec<&Shard> = shards.iter().filter(|s| s.holds(key)).collect();
                assert_eq!(holders.len(), 1, "{key} in {n} shards");
                sizes[(holders[0].k - 1) as usize] += 1;
            }
            // Even enough that N machines share the work: no shard under half its share.
            let share = keys.len() / n as usize;
            assert!(sizes.iter().all(|&s| s * 2 >= share), "{n}: {sizes:?}");
        }
    }

    #[test]
    fn the_shard_of_a_key_never_changes() {
        // Fixed values: a change here would send documents to other shards than before.
        assert_eq!(
            of(
                "https://democracy.example.gov.uk/mgIssueHistoryHome.aspx?IId=1",
                8
            ),
            2
        );
        assert_eq!(
            of("papers/cabinet-2025-01-14.pdf", 4),
            of("papers/cabinet-2025-01-14.pdf", 4)
        );
        assert_eq!(of("anything", 1), 1);
    }

    #[test]
    fn k_over_n_is_parsed_and_checked() {
        assert_eq!("2/8".parse::<Shard>(), Ok(Shard { k: 2, n: 8 }));
        assert_eq!("1/1".parse::<Shard>().unwrap().to_string(), "1/1");
        for bad in ["0/4", "5/4", "4", "a/b", "1/0", "-1/4", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
