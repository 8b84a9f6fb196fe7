//! `councilrecs compare RESULTS.jsonl...`: compare records across councils (themes, recurring
//! recommendations, progress on actions, peer challenge chains) as JSON, CSV tables or one
//! HTML page.

use super::{Outcome, is_broken_pipe};
use crate::cli::GlobalArgs;
use crate::compare::{self, Options, group::CouncilFrom, input, tables};
use crate::output;
use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// The whole report as one JSON object.
    Json,
    /// One CSV file per table in the `--out` folder, or one `--table` alone.
    Csv,
    /// One self-contained HTML page.
    Html,
}

#[derive(Debug, Args)]
#[command(
    about = "Compare records across councils: themes, recurring recommendations, progress",
    long_about = "Reads records written by `extract` or `crawl` (JSON Lines or a JSON array; `-` \
                  for standard input) and compares them across councils: a council × theme \
                  matrix, recommendations that several councils make in different words, \
                  totals per council, and each council's peer challenge chain (feedback report \
                  → action plan → progress review). A document is grouped by the record's \
                  council, else the council whose website the source URL is on, else by \
                  --council-from, else as unknown.",
    after_help = "Examples:\n  councilrecs extract papers/ > records.jsonl && councilrecs compare records.jsonl\n  councilrecs compare a.jsonl b.jsonl --format html --out report.html\n  councilrecs compare records.jsonl --format csv --out tables/\n  councilrecs compare records.jsonl --format csv --table clusters\n  cat records.jsonl | councilrecs compare - --council-from dir --min-similarity 0.4\n\nTables: councils, documents, themes, clusters, chains, chain_recommendations, chain_completions.\n--council-from: dir (the folder a document is in), path:N (the N-th path component), regex:PATTERN (its first capture group or the group named `council`)."
)]
pub struct CompareArgs {
    /// Record files (JSON Lines or a JSON array); `-` reads standard input.
    #[arg(required = true, value_name = "RESULTS")]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Json)]
    pub format: CompareFormat,
    /// Output file (json, html, csv with --table) or folder (csv); standard output if absent.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// With --format csv: write only this table.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(tables::NAMES))]
    pub table: Option<String>,
    /// Lowest TF-IDF cosine similarity for two recommendations to count as the same (0–1).
    #[arg(long, default_value_t = compare::DEFAULT_MIN_SIMILARITY, value_name = "X", value_parser = unit_interval)]
    pub min_similarity: f32,
    /// Fewest councils a recurring recommendation must come from.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_councils: usize,
    /// Council-specific themes to show beside the five canonical ones.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub top_themes: usize,
    /// How to name the council of a record that has none and no URL: dir, path:N, regex:PATTERN.
    #[arg(long, value_name = "RULE")]
    pub council_from: Option<String>,
}

fn unit_interval(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

pub fn run(args: &CompareArgs, g: &GlobalArgs) -> anyhow::Result<Outcome> {
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
        if !g.quiet {
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
    if g.verbose > 0 {
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
