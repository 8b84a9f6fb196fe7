//! `councilrecs crawl`: discover a council's papers over a date window, fetch them politely
//! into the store and write one record per document.

use super::Outcome;
use crate::batch;
use crate::cli::CrawlArgs;
use crate::config::Config;
use crate::crawl::{self, CrawlOptions, Filters, Target};
use crate::fetch::{clock, parse_url};
use crate::model::Council;
use crate::output;
use crate::registry::{self, Platform};
use crate::source::date::{Date, Window};
use anyhow::{Context, bail};
use regex::{Regex, RegexBuilder};
use std::sync::atomic::Ordering;
use std::time::Instant;

fn pattern(p: Option<&str>, flag: &str) -> anyhow::Result<Option<Regex>> {
    p.map(|p| {
        RegexBuilder::new(p)
            .case_insensitive(true)
            .build()
            .with_context(|| format!("{flag}: not a valid regular expression"))
    })
    .transpose()
}

fn day(s: Option<&str>, flag: &str) -> anyhow::Result<Option<Date>> {
    s.map(|s| {
        Date::parse_iso(s).with_context(|| format!("{flag} {s}: expected a date as YYYY-MM-DD"))
    })
    .transpose()
}

fn council_of(c: &registry::CouncilEntry) -> Council {
    Council {
        code: Some(c.code.clone()),
        name: c.short_name().to_string(),
    }
}

/// The sites the options name, in the order given. A site that several councils share is
/// crawled once, whichever of them were named.
pub fn targets(args: &CrawlArgs, quiet: bool) -> anyhow::Result<Vec<Target>> {
    let mut out: Vec<Target> = Vec::new();
    let mut sites_seen = std::collections::HashSet::new();
    for code in &args.councils {
        let entries: Vec<&registry::CouncilEntry> = if code.eq_ignore_ascii_case("all") {
            let all = registry::councils();
            let skipped = all.iter().filter(|c| c.platform == Platform::Other).count();
            if skipped > 0 && !quiet {
                eprintln!(
                    "councilrecs: {skipped} councils run neither Modern.Gov nor CMIS and are skipped"
                );
            }
            all.iter()
                .filter(|c| c.platform != Platform::Other)
                .collect()
        } else {
            match registry::by_code(code).or_else(|| registry::by_gss(code)) {
                Some(c) => vec![c],
                None => bail!("--council {code}: no such council (see `councilrecs councils`)"),
            }
        };
        for c in entries {
            if c.base_url.is_empty() {
                bail!(
                    "--council {}: the registry has no URL for {} (correct it in a copy: councilrecs councils > reg.csv; councilrecs --registry reg.csv …)",
                    c.code,
                    c.name
                );
            }
            let base = parse_url(&c.base_url)
                .with_context(|| format!("the registry's URL for {}", c.code))?;
            let group = registry::site_group(&c.code);
            let site_key = if c.shared_site.is_empty() {
                c.code.clone()
            } else {
                c.shared_site.clone()
            };
            if !sites_seen.insert(site_key.clone()) {
                continue;
            }
            let shared = group.len() > 1;
            out.push(Target {
                label: site_key,
                council: (!shared).then(|| council_of(c)),
                site_councils: if shared {
                    group.into_iter().map(council_of).collect()
                } else {
                    Vec::new()
                },
                base,
                platform: Some(c.platform).filter(|p| *p != Platform::Other),
            });
        }
    }
    for b in &args.bases {
        let base = parse_url(b).with_context(|| format!("--base {b}"))?;
        let known = base.host_str().and_then(registry::by_host);
        let group = known
            .map(|c| registry::site_group(&c.code))
            .unwrap_or_default();
        let shared = group.len() > 1;
        out.push(Target {
            label: base.host_str().unwrap_or("?").to_string(),
            council: known.filter(|_| !shared).map(council_of),
            site_councils: if shared {
                group.into_iter().map(council_of).collect()
            } else {
                Vec::new()
            },
            base,
            platform: None,
        });
    }
    if out.is_empty() {
        bail!("nothing to crawl: give --base URL or --council CODE");
    }
    // A site is one target, whether one council or several share it: its label (the
    // council's code, the shared site's name or the host given) picks its shard.
    if let Some(shard) = args.shard {
        out.retain(|t| shard.holds(&t.label));
    }
    Ok(out)
}

pub fn run(args: &CrawlArgs, config: &Config) -> anyhow::Result<Outcome> {
    let to = day(args.to.as_deref(), "--to")?.unwrap_or_else(clock::today);
    let from = day(args.from.as_deref(), "--from")?.unwrap_or_else(|| to.add_days(-365));
    if from > to {
        bail!("--from {from} is after --to {to}");
    }
    let filters = Filters {
        window: Window { from, to },
        matches: pattern(args.matches.as_deref(), "--match")?,
        committee: pattern(args.committee.as_deref(), "--committee")?,
    };
    let targets = targets(args, config.quiet)?;
    let fetcher = super::fetch::fetcher(config)?;
    for t in &targets {
        fetcher.trust_start(t.base.as_str());
    }
    let pool = batch::pool(args.jobs)?;
    let opts = CrawlOptions {
        filters,
        sites: args.sites,
    };
    // A database or a folder of CSV tables is written in place (SQLite has its own
    // transactions); a stream of records goes to a `.partial` file renamed at the end.
    let mut writer = output::open(args.format, args.out.as_deref(), args.bom)?;
    let started = Instant::now();
    let result = crawl::run(&fetcher, &targets, &opts, config, &pool, |r| {
        writer.write(r)
    });
    let finished = result.and_then(|s| writer.finish().map(|_| s));
    drop(writer);
    let summary = finished.context("cannot write records")?;
    if !config.quiet {
        let st = &fetcher.stats;
        eprintln!(
            "councilrecs: crawl: {} documents found, {} fetched, {} unchanged, {} failed \
             ({} sites, {} requests, {} retries, {:.1} s)",
            summary.found,
            summary.fetched,
            summary.unchanged,
            summary.failed,
            summary.sites,
            st.requests.load(Ordering::Relaxed),
            st.retries.load(Ordering::Relaxed),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if summary.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: CrawlArgs,
    }

    fn args(v: &[&str]) -> CrawlArgs {
        Cli::parse_from(std::iter::once("crawl").chain(v.iter().copied())).args
    }

    #[test]
    fn councils_resolve_to_base_urls_and_platforms() {
        let a = args(&[
            "--council",
            "rot",
            "--council",
            "BRA",
            "--base",
            "https://h.example/sub/",
        ]);
        let t = targets(&a, true).unwrap();
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].label, "ROT");
        assert_eq!(t[0].platform, Some(Platform::Moderngov));
        assert_eq!(
            t[0].council.as_ref().map(|c| c.code.as_deref()),
            Some(Some("ROT"))
        );
        assert_eq!(t[1].platform, Some(Platform::Cmis));
        assert_eq!(
            t[1].base.as_str(),
            "http://braintree.cmis.uk.com/braintree/Councillors.aspx"
        );
        assert_eq!(t[2].label, "h.example");
        assert_eq!(t[2].platform, None);
        assert_eq!(t[2].council, None);
        let all = targets(&args(&["--council", "all"]), true).unwrap();
        // A shared site is crawled once, for all its councils.
        let sites: std::collections::HashSet<String> = registry::councils()
            .iter()
            .filter(|c| c.platform != Platform::Other)
            .map(|c| {
                if c.shared_site.is_empty() {
                    c.code.clone()
                } else {
                    c.shared_site.clone()
                }
            })
            .collect();
        assert_eq!(all.len(), sites.len());
        let adur = all
            .iter()
            .find(|t| t.label == "ADU+WOT")
            .expect("Adur and Worthing");
        assert_eq!(adur.council, None);
        let codes: Vec<_> = adur
            .site_councils
            .iter()
            .map(|c| c.code.clone().unwrap_or_default())
            .collect();
        assert_eq!(codes, ["ADU", "WOT"]);
        let both = targets(&args(&["--council", "ADU", "--council", "wot"]), true).unwrap();
        assert_eq!(both.len(), 1);
        let by_gss = targets(&args(&["--council", "E08000018"]), true).unwrap();
        assert_eq!(by_gss[0].label, "ROT");
        assert!(targets(&args(&["--council", "XXX"]), true).is_err());
        assert!(targets(&args(&[]), true).is_err());
        assert!(targets(&args(&["--base", "ftp://h/"]), true).is_err());
    }

    #[test]
    fn bad_dates_and_patterns_are_usage_errors() {
        assert!(day(Some("2023-13-01"), "--from").is_err());
        assert_eq!(
            day(Some("2023-02-28"), "--to").unwrap(),
            Date::new(2023, 2, 28)
        );
        assert!(pattern(Some("peer ("), "--match").is_err());
        let re = pattern(Some("peer (challenge|review)"), "--match")
            .unwrap()
            .unwrap();
        assert!(re.is_match("Corporate PEER Challenge"));
    }

    #[test]
    fn shards_of_all_councils_are_disjoint_and_complete() {
        let labels = |a: &[&str]| -> Vec<String> {
            targets(&args(a), true)
                .unwrap()
                .into_iter()
                .map(|t| t.label)
                .collect()
        };
        let mut all = labels(&["--council", "all"]);
        assert!(all.len() > 300, "{}", all.len());
        let mut union = Vec::new();
        for k in 1..=4 {
            let shard = format!("{k}/4");
            let part = labels(&["--council", "all", "--shard", &shard]);
            assert!(part.len() * 8 > all.len(), "{shard}: {}", part.len());
            union.extend(part);
        }
        union.sort();
        all.sort();
        // Every site once: no label twice (disjoint), none left out (complete).
        assert_eq!(union, all);
        // A shared site is one target, in one shard only.
        let shared: Vec<String> = targets(&args(&["--council", "all"]), true)
            .unwrap()
            .into_iter()
            .filter(|t| !t.site_councils.is_empty())
            .map(|t| t.label)
            .collect();
        assert!(!shared.is_empty());
    }
}
