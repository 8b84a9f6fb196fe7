//! The command line: global options, the subcommands, and the mapping of outcomes to exit
//! codes (0 all documents ok, 1 some documents failed, 2 usage or setup error).

use crate::cmd;
use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "councilrecs",
    version,
    about = "Extract recommendations, themes and actions from UK council committee papers",
    long_about = "Reads council committee papers (Modern.Gov and CMIS pages, reports, minutes; \
                  HTML, PDF, DOCX, text, Markdown), locally or fetched politely from council \
                  sites, and writes one JSON record per document with the recommendations, \
                  themes, actions and meeting details found in it, each with the span of text it \
                  came from. Records can be compared across councils.",
    after_help = "Examples:\n  councilrecs extract fixtures/ > records.jsonl\n  councilrecs extract --format json report.pdf\n  councilrecs crawl --council ROT --from 2023-01-01 --to 2023-12-31 --match 'peer challenge' --out rot.jsonl\n  councilrecs compare rot.jsonl other.jsonl --format html --out report.html\n  councilrecs councils --platform cmis"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand accepts.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Minimum seconds between requests to one host.
    #[arg(long, global = true, default_value_t = 1.0, value_name = "SECS")]
    pub delay: f64,
    /// User-Agent header for requests (default names councilrecs and its version).
    #[arg(long, global = true, value_name = "STR")]
    pub user_agent: Option<String>,
    /// Do not obey robots.txt (logged).
    #[arg(long, global = true)]
    pub ignore_robots: bool,
    /// Answer from the store only; make no network requests.
    #[arg(long, global = true)]
    pub offline: bool,
    /// Seconds before a request gives up.
    #[arg(long, global = true, default_value_t = 30.0, value_name = "SECS")]
    pub timeout: f64,
    /// Largest document read, in bytes.
    #[arg(long, global = true, default_value_t = 100 << 20, value_name = "N")]
    pub max_bytes: u64,
    /// Print only errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more about what is happening (repeat for more).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Never draw progress bars.
    #[arg(long, global = true)]
    pub no_progress: bool,
    /// Seconds one document may take to read (PDF and Word files are read in a child process).
    #[arg(long, global = true, default_value_t = 60.0, value_name = "SECS")]
    pub doc_timeout: f64,
    /// Memory, in MiB, that reading one PDF or Word file may use.
    #[arg(long, global = true, default_value_t = 2048, value_name = "MIB")]
    pub doc_memory: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Extract(cmd::extract::ExtractArgs),
    Fetch(cmd::fetch::FetchArgs),
    Crawl(cmd::crawl::CrawlArgs),
    Compare(cmd::compare::CompareArgs),
    Councils(cmd::councils::CouncilsArgs),
    Schema(cmd::schema::SchemaArgs),
    #[command(name = "isolated-record", hide = true)]
    IsolatedRecord(cmd::isolated::IsolatedArgs),
}

/// Parses the command line, runs the subcommand and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let outcome = match &cli.command {
        Command::Extract(a) => cmd::extract::run(a, &cli.global),
        Command::Fetch(a) => cmd::fetch::run(a, &cli.global),
        Command::Crawl(a) => cmd::crawl::run(a, &cli.global),
        Command::Compare(a) => cmd::compare::run(a, &cli.global),
        Command::Councils(a) => cmd::councils::run(a, &cli.global),
        Command::Schema(a) => cmd::schema::run(a, &cli.global),
        Command::IsolatedRecord(a) => cmd::isolated::run(a, &cli.global),
    };
    match outcome {
        Ok(cmd::Outcome::Ok) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::SomeFailed) => ExitCode::from(1),
        Err(e) => {
            eprintln!("councilrecs: {e:#}");
            ExitCode::from(2)
        }
    }
}
