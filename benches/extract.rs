//! Throughput of `extract`: MB/s and documents/s on a corpus generated from the fixtures
//! (thousands of documents), on one thread and on all threads, with the peak memory of each
//! run. Each configuration runs in a child process so that its peak memory is its own.
//!
//! Run with `cargo bench --bench extract`.

use councilrecs::batch;
use councilrecs::config::Config;
use councilrecs::output::{JsonLines, RecordWriter};
use councilrecs::pipeline;
use std::path::{Path, PathBuf};
use std::time::Instant;

const DOCS: usize = 4000;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-corpus")
}

/// Writes `DOCS` documents made from the fixtures, each a little different.
fn build_corpus() -> Vec<PathBuf> {
    let dir = corpus_dir();
    let mut fixtures: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_file())
            .collect();
    fixtures.sort();
    let sources: Vec<(String, Vec<u8>)> = fixtures
        .iter()
        .map(|p| {
            (
                p.extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("txt")
                    .to_string(),
                std::fs::read(p).expect("read"),
            )
        })
        .collect();
    std::fs::create_dir_all(&dir).expect("corpus folder");
    let mut out = Vec::with_capacity(DOCS);
    for i in 0..DOCS {
        let (ext, bytes) = &sources[i % sources.len()];
        let path = dir.join(format!("doc{i:05}.{ext}"));
        if !path.exists() {
            let mut b = bytes.clone();
            if ext == "txt" || ext == "md" {
                b.extend_from_slice(format!("\n\nDocument reference {i}.\n").as_bytes());
            }
            std::fs::write(&path, b).expect("write corpus file");
        }
        out.push(path);
    }
    out
}

/// Peak resident memory of this process, in kB.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn child(threads: usize, docs: usize) {
    let inputs: Vec<PathBuf> = build_corpus().into_iter().take(docs).collect();
    let bytes: u64 = inputs
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum();
    let pool = batch::pool(threads).expect("thread pool");
    let config = Config::default();
    let mut writer = JsonLines::new(std::io::sink());
    let mut recs = 0usize;
    let start = Instant::now();
    batch::run_ordered(
        &inputs,
        &pool,
        |p| pipeline::read_file(p, &config),
        |_, r| {
            recs += r.recommendations.len();
            writer.write(&r)
        },
    )
    .expect("run");
    let secs = start.elapsed().as_secs_f64();
    println!(
        "threads={:<2} docs={docs:<5} MB={:<6.1} secs={secs:<6.2} MB/s={:<6.1} docs/s={:<7.0} recommendations={recs} peak_rss_MB={:.1}",
        pool.current_num_threads(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        docs as f64 / secs,
        peak_rss_kb() as f64 / 1024.0
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--child") {
        let threads = args[at + 1].parse().expect("threads");
        let docs = args[at + 2].parse().expect("docs");
        child(threads, docs);
        return;
    }
    build_corpus();
    let exe = std::env::current_exe().expect("bench binary");
    for (threads, docs) in [(1, DOCS), (0, DOCS), (0, DOCS / 4)] {
        let status = std::process::Command::new(&exe)
            .args(["--child", &threads.to_string(), &docs.to_string()])
            .status()
            .expect("run child");
        assert!(status.success());
    }
}
