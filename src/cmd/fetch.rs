//! `councilrecs fetch URL...`: download into the store (politely, conditionally) and print
//! one JSON manifest line per URL, in input order.

use super::{Outcome, is_broken_pipe};
use crate::batch;
use crate::cli::GlobalArgs;
use crate::fetch::{FetchConfig, Fetcher};
use crate::store::{self, Store};
use anyhow::Context;
use clap::Args;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(
    about = "Download URLs into the store and print one manifest line per URL",
    long_about = "Downloads each URL into the store (bodies by SHA-256, an SQLite index of URL, \
                  status, validators and times), obeying robots.txt and the per-host delay. A URL \
                  fetched before is asked for conditionally and a 304 keeps the stored body. \
                  Prints one JSON line per URL, in input order: url, final_url, status, outcome \
                  (downloaded, not_modified, stored), changed, sha256, bytes, media_type, \
                  fetched_at, path, error. The exit code is 1 when some URL failed.",
    after_help = "Examples:\n  councilrecs fetch https://democracy.example.gov.uk/mgWebService.asmx/GetCommittees\n  councilrecs fetch --store papers/ --delay 2 URL1 URL2 | jq -r .path\n  councilrecs fetch --offline --store papers/ URL1"
)]
pub struct FetchArgs {
    /// URLs to download (http or https).
    #[arg(required = true, value_name = "URL")]
    pub urls: Vec<String>,
    /// The store folder (default: $COUNCILRECS_STORE, else ~/.cache/councilrecs).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// URLs fetched at the same time (each host still gets one request at a time).
    #[arg(short = 'j', long = "jobs", default_value_t = 4, value_name = "N")]
    pub jobs: usize,
}

/// Opens the store and the client the global options describe.
pub fn fetcher(store_dir: Option<&std::path::Path>, g: &GlobalArgs) -> anyhow::Result<Fetcher> {
    let dir = store_dir.map_or_else(store::default_dir, std::path::Path::to_path_buf);
    let store =
        Store::open(&dir).with_context(|| format!("cannot open the store {}", dir.display()))?;
    Ok(Fetcher::new(FetchConfig::from_global(g), store)?)
}

pub fn run(args: &FetchArgs, g: &GlobalArgs) -> anyhow::Result<Outcome> {
    let fetcher = fetcher(args.store.as_deref(), g)?;
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
                if !g.quiet {
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
    match result.and_then(|_| out.flush()) {
        Err(e) if is_broken_pipe(&e) => return Ok(Outcome::Ok),
        Err(e) => return Err(anyhow::anyhow!("cannot write the manifest: {e}")),
        Ok(()) => {}
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}
