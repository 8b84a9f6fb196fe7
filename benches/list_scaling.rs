//! Scaling of `extract` over very long lists: 10k, 30k and 100k items of each list shape
//! (bullets, `- ` dashes, bare `That …` paragraphs, numbers, letters, and lines that are notes
//! in brackets on an agenda item's page), with the time per item at each size. Time per item
//! that stays flat as the list grows is linear work; the last column is the 100k time over ten
//! times the 10k time (1.0 is linear, 10 would be quadratic).
//!
//! Run with `cargo bench --bench list_scaling`.

use councilrecs::extract::{Input, extract};
use std::time::Instant;

const SIZES: [usize; 3] = [10_000, 30_000, 100_000];

/// Words the items are made of: few enough that many items look alike, as in a generated page.
const WORDS: [&str; 21] = [
    "council",
    "housing",
    "review",
    "plan",
    "budget",
    "notes",
    "adopts",
    "panel",
    "report",
    "schools",
    "transport",
    "strategy",
    "policy",
    "the",
    "of",
    "and",
    "to",
    "for",
    "with",
    "be",
    "by",
];

/// A small deterministic generator, so that every run reads the same pages.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }

    fn sentence(&mut self) -> String {
        let n = 6 + self.next() % 6;
        (0..n)
            .map(|_| WORDS[self.next() % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn letters(i: usize) -> String {
    let (mut i, mut s) = (i + 1, Vec::new());
    while i > 0 {
        i -= 1;
        s.push(b'a' + (i % 26) as u8);
        i /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A page of `n` items of one shape under a heading that introduces recommendations.
fn page(shape: &str, n: usize) -> String {
    let mut rng = Xorshift(0x9e37_79b9_7f4a_7c15);
    // Notes in brackets stand on an agenda item's page, where lists with no lead-in are read.
    let mut out = String::from(if shape == "bracketed-notes" {
        "Agenda item\n\n"
    } else {
        "Report to Cabinet\n\nRECOMMENDATIONS\n\nCabinet is recommended to:\n\n"
    });
    for i in 0..n {
        let s = rng.sentence();
        let line = match shape {
            "bullets" => format!("• {s}.\n"),
            "dashes" => format!("- {s}.\n"),
            "that-paragraphs" => format!("That the {s}.\n\n"),
            "numbered" => format!("{}. {s}.\n", i + 1),
            "bracketed-notes" => format!("({s})\n"),
            _ => format!("({}) {s}.\n", letters(i)),
        };
        out.push_str(&line);
    }
    out
}

fn main() {
    println!(
        "{:<16} {:>8} {:>10} {:>10} {:>12} {:>8}",
        "shape", "items", "MB", "seconds", "µs/item", "found"
    );
    for shape in [
        "bullets",
        "dashes",
        "that-paragraphs",
        "numbered",
        "lettered",
        "bracketed-notes",
    ] {
        let mut per_item = Vec::new();
        for n in SIZES {
            let text = page(shape, n);
            let t = Instant::now();
            let x = extract(Input {
                text: &text,
                ..Input::default()
            });
            let secs = t.elapsed().as_secs_f64();
            per_item.push(secs / n as f64);
            println!(
                "{shape:<16} {n:>8} {:>10.2} {secs:>10.2} {:>12.2} {:>8}",
                text.len() as f64 / 1e6,
                secs / n as f64 * 1e6,
                x.recommendations.len()
            );
        }
        println!(
            "{shape:<16} growth 10k→100k: {:.2} × linear",
            per_item[2] / per_item[0]
        );
    }
}
