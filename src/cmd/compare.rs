//! `councilrecs compare RESULTS.jsonl...`: compare records across councils (themes, recurring
//! recommendations, progress on actions, peer challenge chains) as JSON, CSV tables or one
//! HTML page.

use super::{Outcome, is_broken_pipe};
use crate::cli::{CompareArgs, CompareFormat};
use crate::compare::{self, Options, group::CouncilFrom, input, tables};
use crate::config::Config;
use crate::output;
use anyhow::{Context, bail};
use std::io::{self, Write};

pub fn run(args: &CompareArgs, config: &Config) -> anyhow::Result<Outcome> {
    let council_from = args
        .council_from
        .as_deref()
        .map(str::parse::<CouncilFrom>)
        .transpose()?;
    if args.table.is_some() && args.format != CompareFormat::Csv {
        bail!("--table goes with --format csv");
    }
    let mut records = Vec::new();
    for path in &args.inputs {
        let loaded = if path.as_os_str() == "-" {
            input::read_records(io::stdin().lock(), "<stdin>")?
        } else {
            let f = std::fs::File::open(path)
                .with_context(|| format!("cannot open {}", path.display()))?;
            input::read_records(f, &path.display().to_string())?
        };
        if !config.quiet {
            for note in loaded.skipped.iter().take(20) {
                eprintln!("councilrecs: skipped {note}");
            }
            if loaded.skipped.len() > 20 {
                eprintln!(
                    "councilrecs: … and {} more lines skipped",
                    loaded.skipped.len() - 20
                );
            }
        }
        records.extend(loaded.records);
    }
    let opts = Options {
        min_similarity: args.min_similarity,
        min_councils: args.min_councils.max(1),
        top_other_themes: args.top_themes,
        council_from,
        ..Options::default()
    };
    let report = compare::compare(&records, &opts);
    if config.verbose > 0 {
        eprintln!(
            "councilrecs: {} documents, {} councils, {} clusters",
            report.summary.documents, report.summary.councils, report.summary.clusters
        );
    }
    let result = match (args.format, &args.table) {
        (CompareFormat::Csv, None) => match &args.out {
            Some(dir) => write_folder(&report, dir),
            None => bail!("--format csv writes several tables: give --out FOLDER, or --table NAME"),
        },
        (CompareFormat::Csv, Some(name)) => with_output(args, |out| {
            let t = tables::tables(&report)
                .into_iter()
                .find(|t| t.name == name.as_str())
                .context("unknown table")?;
            Ok(output::csv::write_table(out, &t.headers, &t.rows)?)
        }),
        (CompareFormat::Json, _) => with_output(args, |mut out| {
            serde_json::to_writer_pretty(&mut out, &report)?;
            out.write_all(b"\n")?;
            Ok(out.flush()?)
        }),
        (CompareFormat::Html, _) => with_output(args, |out| Ok(output::html::write(&report, out)?)),
    };
    match result {
        Err(e) if e.downcast_ref::<io::Error>().is_some_and(is_broken_pipe) => Ok(Outcome::Ok),
        Err(e) => Err(e),
        Ok(()) => Ok(Outcome::Ok),
    }
}

fn with_output(
    args: &CompareArgs,
    f: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut out = super::open_output(args.out.as_deref())?;
    f(&mut out)
}

fn write_folder(report: &compare::Report, dir: &std::path::Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for t in tables::tables(report) {
        let path = dir.join(format!("{}.csv", t.name));
        let f = std::fs::File::create(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        output::csv::write_table(io::BufWriter::new(f), &t.headers, &t.rows)?;
    }
    Ok(())
}
