//! `councilrecs fetch URL...`: download into the store (politely, conditionally) and print
//! one JSON manifest line per URL, in input order.

use super::Outcome;
use crate::batch;
use crate::cli::FetchArgs;
use crate::config::Config;
use crate::fetch::Fetcher;
use crate::store::Store;
use anyhow::Context;
use serde_json::json;
use std::io::Write;

/// Opens the store and the client the configuration describes.
pub fn fetcher(config: &Config) -> anyhow::Result<Fetcher> {
    let dir = &config.store;
    let store =
        Store::open(dir).with_context(|| format!("cannot open the store {}", dir.display()))?;
    if config.fetch.ignore_robots && !config.quiet {
        eprintln!("councilrecs: --ignore-robots: robots.txt is not read, nor obeyed");
    }
    Ok(Fetcher::new(config.fetch.clone(), store)?)
}

pub fn run(args: &FetchArgs, config: &Config) -> anyhow::Result<Outcome> {
    let fetcher = fetcher(config)?;
    for u in &args.urls {
        fetcher.trust_start(u);
    }
    let pool = batch::pool(args.jobs.max(1))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    let result = batch::run_ordered(
        &args.urls,
        &pool,
        |url| match fetcher.get(url) {
            Ok(f) => json!({
                "url": url,
                "final_url": f.final_url,
                "status": f.status,
                "outcome": f.outcome.as_str(),
                "changed": f.changed,
                "sha256": f.sha256,
                "bytes": f.size,
                "media_type": f.media_type,
                "fetched_at": f.fetched_at,
                "path": f.path.to_string_lossy(),
                "error": null,
            }),
            Err(e) => json!({
                "url": url,
                "error": {"kind": e.kind(), "message": e.to_string()},
            }),
        },
        |_, line| {
            if !line["error"].is_null() {
                failed += 1;
                if !config.quiet {
                    eprintln!(
                        "councilrecs: {}",
                        line["error"]["message"].as_str().unwrap_or("")
                    );
                }
            }
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")
        },
    );
    result
        .and_then(|_| out.flush())
        .context("cannot write the manifest")?;
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}
