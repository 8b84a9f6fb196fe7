//! PDF reading speed: pages per second of the built-in reader against `pdftotext` on the
//! same files (each file read once a round; `pdftotext` includes starting its process).
//!
//! `cargo bench --bench pdf_speed -- --nocapture` reads `fixtures/pdf`; set
//! `COUNCILRECS_PDF_BENCH` to other files or folders (separated by `:`) and
//! `COUNCILRECS_PDF_ROUNDS` to the number of rounds (default 20).

use councilrecs::decode::pdf::{decode_pdf, decode_with_pdftotext};
use councilrecs::decode::{Converters, Limits, NoConverters, Tool};
use councilrecs::tools::Tools;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn pdfs(args: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for a in args {
        let p = PathBuf::from(a);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p)
                .expect("read dir")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                .collect();
            v.sort();
            out.extend(v);
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn pdf_pages_per_second() {
    let args: Vec<String> = std::env::var("COUNCILRECS_PDF_BENCH")
        .unwrap_or_else(|_| "fixtures/pdf".into())
        .split(':')
        .map(str::to_string)
        .collect();
    let rounds: usize = std::env::var("COUNCILRECS_PDF_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let files: Vec<(PathBuf, Vec<u8>)> = pdfs(&args)
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).expect("read pdf");
            (p, b)
        })
        .collect();
    assert!(!files.is_empty(), "no PDF files in {args:?}");
    let limits = Limits::default();
    let mut pages = 0usize;
    let mut ours = Duration::ZERO;
    for _ in 0..rounds {
        pages = 0;
        for (_, bytes) in &files {
            let start = Instant::now();
            let d = decode_pdf(bytes, &limits, &NoConverters);
            ours += start.elapsed();
            pages += d.map(|d| d.page_starts.len() + 1).unwrap_or(0);
        }
    }
    let mb: f64 = files.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 / 1e6;
    let total_pages = (pages * rounds) as f64;
    println!(
        "{} files, {pages} pages, {mb:.1} MB; {rounds} rounds",
        files.len()
    );
    println!(
        "built-in reader: {:.0} pages/s ({:.2} ms a page)",
        total_pages / ours.as_secs_f64(),
        1e3 * ours.as_secs_f64() / total_pages
    );
    let tools = Tools::installed();
    if !tools.has(Tool::Pdftotext) {
        println!("pdftotext: not installed");
        return;
    }
    let mut theirs = Duration::ZERO;
    for _ in 0..rounds {
        for (_, bytes) in &files {
            let start = Instant::now();
            let _ = decode_with_pdftotext(bytes, &limits, &tools);
            theirs += start.elapsed();
        }
    }
    println!(
        "pdftotext:       {:.0} pages/s ({:.2} ms a page)",
        total_pages / theirs.as_secs_f64(),
        1e3 * theirs.as_secs_f64() / total_pages
    );
}
