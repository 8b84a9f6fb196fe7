//! `compare` on `tests/data/paraphrases.jsonl`: eight councils whose recommendations say ten
//! things in other words, some in three or four words ("Strengthen scrutiny.", "Celebrate the
//! council's achievements."), beside unrelated ones sharing a word with them, procedural
//! resolutions every council passes, records that lost their spans, and a document of no
//! council. Each paraphrase group must come out as one cluster holding exactly its members.

use crate::util::{bin, run};
use councilrecs::compare::{Options, Report, compare, input};
use councilrecs::model::Record;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const DATA: &str = "tests/data/paraphrases.jsonl";

fn records() -> Vec<Record> {
    let loaded = input::read_records(std::fs::File::open(DATA).expect("data"), DATA).expect("read");
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    loaded.records
}

fn gold() -> HashMap<String, Option<String>> {
    let text = std::fs::read_to_string("tests/data/paraphrases.gold.json").expect("gold");
    serde_json::from_str(&text).expect("gold json")
}

/// Each cluster as the set of gold labels of its members.
fn labelled(r: &Report, gold: &HashMap<String, Option<String>>) -> Vec<BTreeSet<Option<String>>> {
    r.clusters
        .iter()
        .map(|c| {
            c.members
                .iter()
                .map(|m| {
                    let key = format!("{}#{}", m.document, m.id.as_deref().unwrap_or(""));
                    gold.get(&key)
                        .cloned()
                        .unwrap_or_else(|| panic!("{key} is not labelled"))
                })
                .collect()
        })
        .collect()
}

#[test]
fn each_paraphrase_group_is_one_pure_cluster() {
    let gold = gold();
    let r = compare(&records(), &Options::default());
    let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
    for label in gold.values().flatten().filter(|l| *l != "procedural") {
        *groups.entry(label.as_str()).or_default() += 1;
    }
    assert_eq!(groups.len(), 10);
    let clusters = labelled(&r, &gold);
    for (c, labels) in r.clusters.iter().zip(&clusters) {
        assert_eq!(
            labels.len(),
            1,
            "cluster {} mixes {labels:?}",
            c.representative
        );
        let label = labels.iter().next().cloned().flatten();
        let label =
            label.unwrap_or_else(|| panic!("unrelated items clustered: {}", c.representative));
        assert_eq!(c.size, groups[label.as_str()], "{label}: {:?}", c.members);
    }
    let found: BTreeSet<String> = clusters.iter().flatten().flatten().cloned().collect();
    let want: BTreeSet<String> = groups.keys().map(|s| s.to_string()).collect();
    assert_eq!(found, want, "groups not found as clusters");
    assert_eq!(r.clusters.len(), 10);
    // Short ones too.
    let short = r
        .clusters
        .iter()
        .find(|c| c.members.iter().any(|m| m.text == "Strengthen scrutiny."))
        .expect("the scrutiny cluster");
    assert_eq!(short.councils, 3);
}

#[test]
fn records_without_spans_take_part_and_a_document_of_no_council_does_not() {
    let r = compare(&records(), &Options::default());
    let members: Vec<&str> = r
        .clusters
        .iter()
        .flat_map(|c| c.members.iter().map(|m| m.council.as_str()))
        .collect();
    assert!(members.contains(&"DEV") && members.contains(&"LDS"));
    assert_eq!(r.summary.councils, 8);
    assert_eq!(r.summary.documents_without_council, 1);
    assert!(!members.contains(&""));
    assert!(
        !r.clusters
            .iter()
            .any(|c| c.members.iter().any(|m| m.document.starts_with("inbox/")))
    );
    let stray = r
        .documents
        .iter()
        .find(|d| d.document.starts_with("inbox/"))
        .expect("listed");
    assert_eq!((stray.council.as_str(), stray.recommendations), ("", 1));
}

#[test]
fn procedural_resolutions_stay_out_unless_asked_for() {
    let gold = gold();
    let r = compare(&records(), &Options::default());
    assert_eq!(r.summary.procedural_left_out, 32);
    assert!(r.councils.iter().all(|c| c.left_out == 4));
    let with = compare(
        &records(),
        &Options {
            include_procedural: true,
            ..Options::default()
        },
    );
    let labels = labelled(&with, &gold);
    assert!(
        labels
            .iter()
            .any(|l| l.contains(&Some("procedural".to_string())))
    );
    // Procedural items cluster only with one another.
    for l in &labels {
        assert_eq!(l.len(), 1, "{l:?}");
    }
    assert_eq!(with.summary.procedural_left_out, 0);
}

#[test]
fn kind_keeps_some_kinds() {
    use councilrecs::model::RecKind;
    let r = compare(
        &records(),
        &Options {
            kinds: vec![RecKind::Peer],
            ..Options::default()
        },
    );
    assert_eq!(r.summary.other_kinds_left_out, 32);
    assert_eq!(r.summary.procedural_left_out, 0);
    assert!(
        r.clusters
            .iter()
            .all(|c| c.members.iter().all(|m| m.kind == RecKind::Peer))
    );
    assert_eq!(r.clusters.len(), 10);
    let officers = compare(
        &records(),
        &Options {
            kinds: vec![RecKind::Officer],
            ..Options::default()
        },
    );
    assert_eq!(
        (officers.summary.recommendations, officers.clusters.len()),
        (0, 0)
    );
    // On the command line, repeated or with commas.
    for args in [
        &["--kind", "officer,resolution"][..],
        &["--kind", "officer", "--kind", "resolution"],
    ] {
        let out = run(bin().args(["compare", "-q", DATA]).args(args));
        assert_eq!(out.status.code(), Some(0));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(
            v["summary"]["similarity"]["kinds"],
            serde_json::json!(["officer", "resolution"])
        );
        assert_eq!(v["summary"]["other_kinds_left_out"], 38);
        assert_eq!(v["summary"]["clusters"], 0);
    }
}
