//! `compare` on `tests/data/multi-council.jsonl` (eight councils, paraphrased and unrelated
//! peer recommendations, two peer challenge chains): grouping, clusters, totals, chains, the
//! theme matrix, and the command line with its CSV tables.

use crate::util::{Dir, bin, run_with_input};
use councilrecs::compare::{Options, Report, compare, input};
use councilrecs::model::Record;
use std::collections::BTreeSet;

const DATA: &str = "tests/data/multi-council.jsonl";

fn records() -> Vec<Record> {
    let f = std::fs::File::open(DATA).expect("test data");
    let loaded = input::read_records(f, DATA).expect("records");
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    loaded.records
}

fn report() -> Report {
    compare(
        &records(),
        &Options {
            council_from: Some("dir".parse().expect("rule")),
            ..Options::default()
        },
    )
}

fn cluster_with<'a>(r: &'a Report, text_part: &str) -> &'a councilrecs::compare::cluster::Cluster {
    r.clusters
        .iter()
        .find(|c| c.members.iter().any(|m| m.text.contains(text_part)))
        .unwrap_or_else(|| panic!("no cluster holds {text_part:?}"))
}

fn councils_of(c: &councilrecs::compare::cluster::Cluster) -> BTreeSet<&str> {
    c.members.iter().map(|m| m.council.as_str()).collect()
}

#[test]
fn groups_by_record_then_host_then_path_rule() {
    let r = report();
    let keys: Vec<(&str, &str)> = r
        .councils
        .iter()
        .map(|c| (c.council.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("BAE", "Bassetlaw"),
            ("EAT", "Eastleigh"),
            ("GED", "Gedling"),
            ("KIR", "Kirklees"),
            ("LIF", "Lichfield"),
            ("ROT", "Rotherham"),
            ("TAM", "Tameside"),
            ("WRL", "Wirral"),
        ]
    );
    let basis = |k: &str| {
        let c = r.councils.iter().find(|c| c.council == k).expect("council");
        serde_json::to_value(c.basis).expect("basis")
    };
    assert_eq!(basis("ROT"), "record");
    assert_eq!(basis("WRL"), "host");
    assert_eq!(basis("TAM"), "host");
    assert_eq!(basis("BAE"), "path");
    // Without a path rule, Bassetlaw's papers have no council: they are listed apart, and
    // counted nowhere else.
    let plain = compare(&records(), &Options::default());
    assert_eq!(plain.councils.len(), 7);
    assert!(!plain.councils.iter().any(|c| c.council == "BAE"));
    assert_eq!(plain.summary.documents_without_council, 1);
    assert_eq!(plain.summary.documents, 18);
    let apart: Vec<&str> = plain
        .documents
        .iter()
        .filter(|d| d.council.is_empty())
        .map(|d| d.document.as_str())
        .collect();
    assert_eq!(apart, ["papers/bassetlaw/6.pdf"]);
    assert!(
        plain
            .clusters
            .iter()
            .all(|c| c.members.iter().all(|m| !m.council.is_empty()))
    );
    // The record given twice counts once.
    assert_eq!((r.summary.documents, r.summary.duplicate_records), (18, 1));
}

#[test]
fn paraphrases_cluster_across_councils_and_unrelated_stay_apart() {
    let r = report();
    let mtfs = cluster_with(&r, "medium-term financial strategy under regular review");
    assert_eq!(
        councils_of(mtfs),
        BTreeSet::from(["BAE", "KIR", "ROT", "WRL"])
    );
    assert_eq!(mtfs.size, 4);
    assert!(mtfs.members.iter().any(|m| m.text.contains("MTFS")));
    let workforce = cluster_with(&r, "workforce strategy that addresses recruitment");
    assert_eq!(
        councils_of(workforce),
        BTreeSet::from(["GED", "ROT", "TAM"])
    );
    let scrutiny = cluster_with(&r, "role of O&S");
    assert_eq!(councils_of(scrutiny), BTreeSet::from(["KIR", "LIF", "WRL"]));
    let digital = cluster_with(&r, "Move more services online");
    assert_eq!(digital.size, 3);
    // Each labelled topic is one cluster; nothing else is clustered except the notings.
    assert_eq!(r.clusters.len(), 12);
    for unrelated in [
        "fees and charges",
        "scheme of delegation",
        "climate change action plan",
        "housing strategy that increases",
        "asset management plan",
        "procurement strategy",
        "general fund reserves",
        "car parking charges",
        "minutes of the meeting",
    ] {
        assert!(
            !r.clusters
                .iter()
                .any(|c| c.members.iter().any(|m| m.text.contains(unrelated))),
            "{unrelated:?} was clustered"
        );
    }
    // Representatives are member texts; members link back to their documents.
    for c in &r.clusters {
        assert!(c.members.iter().any(|m| m.text == c.representative));
        assert!(c.councils >= 2);
    }
    let wirral = mtfs
        .members
        .iter()
        .find(|m| m.council == "WRL")
        .expect("Wirral member");
    assert_eq!(
        wirral.url.as_deref(),
        Some("https://democracy.wirral.gov.uk/documents/s4/report.pdf")
    );
    assert_eq!(wirral.id.as_deref(), Some("1"));
}

#[test]
fn a_higher_threshold_splits_loose_paraphrases() {
    let strict = compare(
        &records(),
        &Options {
            min_similarity: 0.6,
            council_from: Some("dir".parse().expect("rule")),
            ..Options::default()
        },
    );
    assert!(strict.summary.clustered_recommendations < report().summary.clustered_recommendations);
    // Some recurring recommendation of the default cut no longer holds together.
    let members = |c: &councilrecs::compare::cluster::Cluster| -> BTreeSet<String> {
        c.members
            .iter()
            .map(|m| format!("{}#{}", m.document, m.id.as_deref().unwrap_or("")))
            .collect()
    };
    let strict_sets: Vec<BTreeSet<String>> = strict.clusters.iter().map(members).collect();
    assert!(
        report()
            .clusters
            .iter()
            .any(|c| !strict_sets.iter().any(|s| members(c).is_subset(s)))
    );
}

#[test]
fn per_council_totals() {
    let r = report();
    let rot = r
        .councils
        .iter()
        .find(|c| c.council == "ROT")
        .expect("Rotherham");
    assert_eq!(rot.documents, 5);
    assert_eq!(
        (
            rot.recommendations.total,
            rot.recommendations.peer,
            rot.recommendations.officer,
            rot.recommendations.resolution
        ),
        (10, 6, 2, 2)
    );
    assert_eq!(
        (
            rot.actions.total,
            rot.actions.completed,
            rot.actions.in_progress,
            rot.actions.remaining
        ),
        (8, 3, 2, 3)
    );
    assert_eq!(rot.share_completed, Some(0.375));
    assert_eq!(
        (rot.first_date.as_deref(), rot.last_date.as_deref()),
        (Some("2024-03-12"), Some("2025-04-01"))
    );
    assert_eq!(rot.themes.len(), 5);
    let ged = r
        .councils
        .iter()
        .find(|c| c.council == "GED")
        .expect("Gedling");
    assert_eq!((ged.actions.total, ged.share_completed), (0, None));
}

#[test]
fn rotherham_chain_links_feedback_plan_and_progress() {
    let r = report();
    let chain = r.chains.iter().find(|c| c.council == "ROT").expect("chain");
    let stages: Vec<(String, Option<&str>)> = chain
        .documents
        .iter()
        .map(|d| {
            (
                serde_json::to_value(d.stage)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string(),
                d.date.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        stages,
        [
            ("feedback_report".to_string(), Some("2024-03-12")),
            ("feedback_report".to_string(), Some("2024-03-12")),
            ("action_plan".to_string(), Some("2024-06-18")),
            ("progress_review".to_string(), Some("2025-03-25")),
        ]
    );
    // The six peer recommendations are followed; five come back as actions, the sixth not.
    assert_eq!(chain.recommendations.len(), 6);
    assert_eq!(chain.reappearing, 5);
    let bnb = chain
        .recommendations
        .iter()
        .find(|f| f.text.contains("bed and breakfast"))
        .expect("rec");
    assert!(bnb.later.is_empty());
    let mtfs = chain
        .recommendations
        .iter()
        .find(|f| f.text.contains("medium-term"))
        .expect("rec");
    assert_eq!(mtfs.later.len(), 2);
    assert!(mtfs.later.iter().all(|s| s.r#as == "action"));
    // Two actions moved to completed between the plan and the review.
    let moved: Vec<(&str, String)> = chain
        .completed
        .iter()
        .map(|c| {
            (
                c.to_date.as_deref().unwrap_or(""),
                serde_json::to_value(c.from_status)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        moved,
        [
            ("2025-03-25", "remaining".to_string()),
            ("2025-03-25", "in_progress".to_string())
        ]
    );
    assert!(
        chain.completed[0]
            .text
            .starts_with("Refreshed Council Plan")
    );
    // Kirklees: feedback, then a progress update where two recommendations come back.
    let kir = r.chains.iter().find(|c| c.council == "KIR").expect("chain");
    assert_eq!(kir.reappearing, 2);
    assert_eq!(kir.completed.len(), 0);
}

#[test]
fn theme_matrix_has_canonical_and_council_specific_columns() {
    let r = report();
    let m = &r.theme_matrix;
    let ids: Vec<&str> = m.columns.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "local_priorities_and_outcomes",
            "organisational_and_place_leadership",
            "governance_and_culture",
            "financial_planning_and_management",
            "capacity_for_improvement",
            "other:community wealth building",
        ]
    );
    assert_eq!(m.columns[5].label, "Community wealth building");
    assert_eq!(m.columns[5].documents, 2);
    assert_eq!(m.rows.len(), 8);
    let rot = m.rows.iter().find(|r| r.council == "ROT").expect("row");
    let fin = rot.cells[3];
    // MTFS and fees (recommendations); MTFS twice and the plan's fees action (actions).
    assert_eq!((fin.documents, fin.recommendations, fin.actions), (1, 2, 3));
    let total: usize = m
        .rows
        .iter()
        .map(|r| {
            r.cells.iter().map(|c| c.recommendations).sum::<usize>() + r.unassigned.recommendations
        })
        .sum();
    assert_eq!(total, r.summary.recommendations);
}

#[test]
fn command_line_reads_stdin_and_writes_csv_tables() {
    let data = std::fs::read(DATA).expect("data");
    let out = run_with_input(
        bin().args([
            "compare",
            "-",
            "--council-from",
            "dir",
            "--format",
            "csv",
            "--table",
            "clusters",
        ]),
        &data,
    );
    assert!(out.status.success());
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(rdr.headers().unwrap().get(0), Some("cluster"));
    assert_eq!(
        rdr.records().count(),
        report().summary.clustered_recommendations
    );

    let tmp = Dir::new("compare-csv");
    let dir = tmp.path("report");
    let status = bin()
        .args([
            "compare",
            DATA,
            "--council-from",
            "dir",
            "--format",
            "csv",
            "--out",
        ])
        .arg(&dir)
        .status()
        .expect("run");
    assert!(status.success());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "chain_completions.csv",
            "chain_recommendations.csv",
            "chains.csv",
            "clusters.csv",
            "councils.csv",
            "documents.csv",
            "themes.csv"
        ]
    );
    let councils = csv::Reader::from_path(dir.join("councils.csv"))
        .expect("csv")
        .records()
        .count();
    assert_eq!(councils, 8);

    // Usage errors exit 2; JSON is the default and parses.
    let bad = bin()
        .args(["compare", DATA, "--min-similarity", "2"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    let json = bin().args(["compare", DATA]).output().expect("run");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(
        v["summary"]["similarity"]["min_similarity"]
            .as_f64()
            .map(|x| (x * 100.0).round()),
        Some(35.0)
    );
}
