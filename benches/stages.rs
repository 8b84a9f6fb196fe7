//! Where the time of reading text and HTML goes, stage by stage, in this process: read (the
//! file's bytes), decode (character set), normalise (markup or plain text to the normalised
//! text every span indexes), extract (recommendations, themes, actions, metadata) and output
//! (the JSON Lines record), each summed over a folder of documents, text and HTML apart. Also
//! the in-process time of PDF and Word files, which `extract` reads in child processes.
//!
//! Run with `cargo bench --bench stages -- CORPUS` on a corpus made by `benches/corpus.py`
//! (its `text/`, `html/`, `office/pdf/` and `office/docx/` folders).

use councilrecs::config::Config;
use councilrecs::decode::encoding;
use councilrecs::decode::html::html_to_text;
use councilrecs::decode::normalise::normalise_plain;
use councilrecs::extract::{Input, extract};
use councilrecs::output::{JsonLines, RecordWriter};
use councilrecs::pipeline;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn timed<T>(total: &mut Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    *total += start.elapsed();
    out
}

fn stages(dir: &Path, html: bool) {
    let paths = files(dir);
    let mut t = [Duration::ZERO; 5];
    let mut bytes = 0usize;
    let mut sink = JsonLines::new(std::io::sink());
    let config = Config::default();
    for p in &paths {
        let data = timed(&mut t[0], || std::fs::read(p).expect("read"));
        bytes += data.len();
        let declared = if html {
            encoding::meta_charset(&data)
        } else {
            None
        };
        let decoded = timed(&mut t[1], || encoding::decode(&data, declared));
        let (text, pages, title) = timed(&mut t[2], || {
            if html {
                let h = html_to_text(&decoded.text);
                (h.text, h.page_starts, h.title)
            } else {
                let (t, p) = normalise_plain(&decoded.text.replace("**", ""));
                (t, p, None)
            }
        });
        let found = timed(&mut t[3], || {
            extract(Input {
                text: &text,
                page_starts: &pages,
                title_hint: title.as_deref(),
                paged: false,
            })
        });
        std::hint::black_box(&found);
        // The record as the pipeline makes it, written as `extract` writes it.
        let record = pipeline::read(
            &data,
            &pipeline::DocInfo::file(p.to_string_lossy()),
            &config,
        );
        timed(&mut t[4], || sink.write(&record).expect("write"));
    }
    let all: Duration = t.iter().sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "{:<5} {} documents, {mb:.1} MB: {:.1} MB/s in process",
        if html { "html" } else { "text" },
        paths.len(),
        mb / all.as_secs_f64()
    );
    for (name, d) in ["read", "decode", "normalise", "extract", "output"]
        .iter()
        .zip(t)
    {
        println!(
            "  {name:<10} {:>7.3} s {:>5.1}%  {:>8.1} MB/s",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / all.as_secs_f64(),
            mb / d.as_secs_f64()
        );
    }
}

fn office(dir: &Path) {
    let paths = files(dir);
    let config = Config::default();
    let start = Instant::now();
    let mut pages = 0u32;
    for p in &paths {
        pages += pipeline::read_file(p, &config).source.pages.unwrap_or(0);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{}: {} documents, {pages} pages in process: {secs:.3} s, {:.0} pages/s",
        dir.display(),
        paths.len(),
        f64::from(pages) / secs
    );
}

fn main() {
    // `cargo bench` adds `--bench`; the corpus is the first other argument.
    let Some(corpus) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!("usage: cargo bench --bench stages -- CORPUS (made by benches/corpus.py)");
        std::process::exit(2);
    };
    let corpus = Path::new(&corpus);
    // The patterns are compiled once per process; that is startup, not a stage.
    let _ = extract(Input {
        text: "RESOLVED: 1. That the report be noted.",
        page_starts: &[],
        title_hint: None,
        paged: false,
    });
    stages(&corpus.join("text"), false);
    stages(&corpus.join("html"), true);
    office(&corpus.join("office/pdf"));
    office(&corpus.join("office/docx"));
}
