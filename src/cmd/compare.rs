//! `councilrecs compare RESULTS.jsonl...`: compare records across councils (themes, recurring
//! recommendations, progress on actions, peer challenge chains) as JSON, CSV tables or one
//! HTML page.
//!
//! Exit codes: 0 when every input line was a record; 1 when some were skipped (their count and
//! the first reasons go to standard error; the report covers the rest); 2 when no record
//! could be read at all, or on a usage error.

use super::Outcome;
use crate::cli::{CompareArgs, CompareFormat};
use crate::compare::{self, InputFile, Options, group::CouncilFrom, input, tables};
use crate::config::Config;
use crate::output::{self, html};
use anyhow::{Context, bail};
use std::io::{self, Write};
use std::path::Path;

/// Notes about skipped lines printed before the count.
const NOTES: usize = 5;

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
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    for path in &args.inputs {
        let (loaded, name) = if path.as_os_str() == "-" {
            let name = "<stdin>".to_string();
            (input::read_records(io::stdin().lock(), &name)?, name)
        } else {
            let f = std::fs::File::open(path)
                .with_context(|| format!("cannot open {}", path.display()))?;
            let name = path.display().to_string();
            (input::read_records(f, &name)?, name)
        };
        inputs.push(InputFile {
            name,
            records: loaded.records.len(),
            skipped: loaded.skipped.len(),
        });
        skipped.extend(loaded.skipped);
        records.extend(loaded.records);
    }
    if !skipped.is_empty() && !config.quiet {
        for note in skipped.iter().take(NOTES) {
            eprintln!("councilrecs: skipped {note}");
        }
    }
    if records.is_empty() {
        bail!(
            "no record could be read from {} ({} lines skipped)",
            names(&inputs),
            skipped.len()
        );
    }
    if !skipped.is_empty() {
        // Said even with -q: the report leaves these out, and the exit code says so.
        eprintln!(
            "councilrecs: compare: {} of {} input lines or records skipped (not records); \
             the report covers the other {}",
            skipped.len(),
            skipped.len() + records.len(),
            records.len()
        );
    }
    let opts = Options {
        min_similarity: args.min_similarity,
        min_councils: args.min_councils.max(1),
        top_other_themes: args.top_themes,
        council_from,
        kinds: args.kinds.clone(),
        include_procedural: args.include_procedural,
        ..Options::default()
    };
    let mut report = compare::compare(&records, &opts);
    report.inputs = inputs;
    if config.verbose > 0 {
        eprintln!(
            "councilrecs: {} documents, {} councils, {} clusters",
            report.summary.documents, report.summary.councils, report.summary.clusters
        );
    }
    if report.summary.documents_without_council > 0 && !config.quiet {
        eprintln!(
            "councilrecs: compare: {} documents name no council and are listed apart \
             (--council-from can name them from their paths)",
            report.summary.documents_without_council
        );
    }
    match (args.format, &args.table) {
        (CompareFormat::Csv, None) => match &args.out {
            Some(dir) => write_folder(&report, dir, args.bom)?,
            None => bail!("--format csv writes several tables: give --out FOLDER, or --table NAME"),
        },
        (CompareFormat::Csv, Some(name)) => with_output(args, |out| {
            let t = tables::tables(&report)
                .into_iter()
                .find(|t| t.name == name.as_str())
                .context("unknown table")?;
            Ok(output::csv::write_table(
                out, &t.headers, &t.rows, args.bom,
            )?)
        })?,
        (CompareFormat::Json, _) => with_output(args, |mut out| {
            serde_json::to_writer_pretty(&mut out, &report)?;
            out.write_all(b"\n")?;
            Ok(out.flush()?)
        })?,
        (CompareFormat::Html, _) => {
            let page = html_options(args)?;
            with_output(args, |out| Ok(html::write(&report, &page, out)?))?
        }
    }
    Ok(if skipped.is_empty() {
        Outcome::Ok
    } else {
        Outcome::SomeFailed
    })
}

fn names(inputs: &[InputFile]) -> String {
    inputs
        .iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the page says about how it was made, and where its links to local files start from:
/// the folder the report is written to (the working folder for standard output).
fn html_options(args: &CompareArgs) -> anyhow::Result<html::PageOptions> {
    let cwd = std::env::current_dir().context("cannot read the working folder")?;
    let report_dir = match &args.out {
        Some(out) => cwd
            .join(out)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| cwd.clone()),
        None => cwd.clone(),
    };
    Ok(html::PageOptions {
        generated: Some(crate::fetch::clock::today().to_string()),
        council_from: args.council_from.clone(),
        links: Some(html::LinkBase {
            working_dir: cwd,
            report_dir,
        }),
    })
}

fn with_output(
    args: &CompareArgs,
    f: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut out = super::open_output(args.out.as_deref())?;
    f(&mut out)
}

fn write_folder(report: &compare::Report, dir: &Path, bom: bool) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for t in tables::tables(report) {
        let path = dir.join(format!("{}.csv", t.name));
        let f = std::fs::File::create(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        output::csv::write_table(io::BufWriter::new(f), &t.headers, &t.rows, bom)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
