//! The command line as clap types: the global options, each subcommand's arguments, and the
//! value lists of their options. Nothing here runs anything: `cmd::run` turns a parsed
//! [`Cli`] into a `Config` once and dispatches to the subcommand.

use crate::compare::{self, tables};
use crate::model::RecKind;
use crate::output::Format;
use crate::pipeline::isolate::SUBCOMMAND as ISOLATED;
use crate::registry::Platform;
use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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
    after_help = "Examples:\n  councilrecs extract fixtures/ > records.jsonl\n  councilrecs extract --format json report.pdf\n  councilrecs crawl --council ROT --from 2023-01-01 --to 2023-12-31 --match 'peer challenge' -o rot.jsonl\n  councilrecs compare rot.jsonl other.jsonl --format html -o report.html\n  councilrecs councils --platform cmis\n  councilrecs completions bash > councilrecs.bash"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The network and size options may also come before the command's name.
    #[command(flatten)]
    pub network: NetworkArgs,
    #[command(flatten)]
    pub reading: ReadingArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand accepts.
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalArgs {
    /// The council registry to use instead of the built-in one (a CSV as printed by
    /// `councilrecs councils --format csv`; also $COUNCILRECS_REGISTRY).
    #[arg(long, global = true, value_name = "FILE")]
    pub registry: Option<PathBuf>,
    /// Print only errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more about what is happening (repeat for more).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Never draw progress bars.
    #[arg(long, global = true)]
    pub no_progress: bool,
}

/// How requests are made and how large a document may be: for `extract`, `fetch` and `crawl`.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Network and size (extract, fetch, crawl)")]
pub struct NetworkArgs {
    /// Minimum seconds between requests to one host [default: 1].
    #[arg(long, value_name = "SECS")]
    pub delay: Option<f64>,
    /// User-Agent header for requests (default names councilrecs and its version).
    #[arg(long, value_name = "STR")]
    pub user_agent: Option<String>,
    /// Do not obey robots.txt (logged).
    #[arg(long)]
    pub ignore_robots: bool,
    /// Answer from the store only; make no network requests.
    #[arg(long)]
    pub offline: bool,
    /// Seconds any request may take, body included [default: 60 for pages, 120 for CMIS
    /// pages and documents, 30 for robots.txt]. A request that times out is tried once more.
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
    /// Seconds to wait for a connection to be made; a server that does not answer in time is
    /// reported as unreachable and not asked again in the run [default: 10].
    #[arg(long, value_name = "SECS")]
    pub connect_timeout: Option<f64>,
    /// Also trust the certificates in this PEM file (roots, or the intermediate a server
    /// fails to send); repeatable.
    #[arg(long = "ca-cert", value_name = "FILE")]
    pub ca_certs: Vec<PathBuf>,
    /// Do not verify the TLS certificate of this host (and its subdomains); explicit,
    /// logged, never a default; repeatable.
    #[arg(long = "insecure-host", value_name = "HOST")]
    pub insecure_hosts: Vec<String>,
    /// Reach this host (and its subdomains) through the system's OpenSSL, which still speaks
    /// the older TLS cipher suites some servers need; logged; repeatable.
    #[arg(long = "legacy-tls-host", value_name = "HOST")]
    pub legacy_tls_hosts: Vec<String>,
    /// Largest document read: bytes, or with a unit (500K, 10M, 1G; powers of 1024) [default: 100M].
    #[arg(long, value_name = "SIZE", value_parser = size)]
    pub max_bytes: Option<u64>,
}

/// The limits each document is read under, in a child process: for `extract` and `crawl`.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Reading documents (extract, crawl)")]
pub struct ReadingArgs {
    /// Seconds one document may take to read, whatever its kind: one that overruns gives a
    /// record with error `timeout` and the run goes on (PDF and Word files, and text and HTML
    /// over 64 KiB, are read in child processes, which are killed) [default: 60].
    #[arg(long, value_name = "SECS")]
    pub doc_timeout: Option<f64>,
    /// Memory that reading one document may use, in MiB [default: 2048].
    #[arg(long, value_name = "MIB")]
    pub doc_memory: Option<u64>,
}

/// The network and reading options of commands they do not affect: accepted, as they always
/// were, and not shown.
#[derive(Debug, Clone, Default, Args)]
pub struct UnusedArgs {
    #[arg(long, hide = true, value_name = "SECS")]
    pub delay: Option<f64>,
    #[arg(long, hide = true, value_name = "STR")]
    pub user_agent: Option<String>,
    #[arg(long, hide = true)]
    pub ignore_robots: bool,
    #[arg(long, hide = true)]
    pub offline: bool,
    #[arg(long, hide = true, value_name = "SECS")]
    pub timeout: Option<f64>,
    #[arg(long, hide = true, value_name = "SECS")]
    pub connect_timeout: Option<f64>,
    #[arg(long = "ca-cert", hide = true, value_name = "FILE")]
    pub ca_certs: Vec<PathBuf>,
    #[arg(long = "insecure-host", hide = true, value_name = "HOST")]
    pub insecure_hosts: Vec<String>,
    #[arg(long = "legacy-tls-host", hide = true, value_name = "HOST")]
    pub legacy_tls_hosts: Vec<String>,
    #[arg(long, hide = true, value_name = "SIZE", value_parser = size)]
    pub max_bytes: Option<u64>,
    #[arg(long, hide = true, value_name = "SECS")]
    pub doc_timeout: Option<f64>,
    #[arg(long, hide = true, value_name = "MIB")]
    pub doc_memory: Option<u64>,
}

/// A size in bytes: a whole number, optionally followed by a unit K, M, G or T (powers of
/// 1024; `KB`, `KiB`, `MB`, `MiB` … and lower case are read alike).
pub fn size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let unit = unit.trim().to_ascii_lowercase();
    let shift = match unit.trim_end_matches('b').trim_end_matches('i') {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        _ => return Err(format!("{s:?} is not a size (try 500K, 10M or 1G)")),
    };
    if matches!(unit.as_str(), "i" | "ib") {
        return Err(format!("{s:?} is not a size (try 500K, 10M or 1G)"));
    }
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1u64 << shift))
        .ok_or_else(|| format!("{s:?} is not a size (try 500K, 10M or 1G)"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Extract(ExtractArgs),
    Fetch(FetchArgs),
    Crawl(CrawlArgs),
    Compare(CompareArgs),
    Councils(CouncilsArgs),
    Schema(SchemaArgs),
    Completions(CompletionsArgs),
    Man(ManArgs),
    /// Reads one document for a parent `councilrecs` (a request on standard input).
    #[command(name = ISOLATED, hide = true)]
    IsolatedRecord(IsolatedArgs),
}

#[derive(Debug, Args)]
#[command(
    about = "Extract recommendations, themes and actions from documents",
    long_about = "Reads each file (folders are walked recursively in sorted path order) and writes \
                  one record per document, in input order whatever the thread count. The kind of \
                  each file (HTML, text, Markdown) is sniffed from its bytes. A document that \
                  cannot be read gives a record with `error` and the run goes on; the exit code \
                  is then 1.",
    after_help = "Examples:\n  councilrecs extract fixtures/\n  councilrecs extract minutes.html report.txt --format json -o records.json\n  councilrecs extract -j 1 papers/ | jq '.recommendations[].text'\n  curl -s https://example.gov.uk/minutes.html | councilrecs extract -\n  councilrecs extract papers/ --format csv --excel -o tables/\n  councilrecs extract 'https://democracy.example.gov.uk/ieDecisionDetails.aspx?ID=123'"
)]
pub struct ExtractArgs {
    /// Files or folders to read, http(s) URLs to fetch, or `-` for one document on standard
    /// input.
    #[arg(required = true, value_name = "PATH_OR_URL")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Write records to this file (a folder for CSV tables) instead of standard output.
    #[arg(short = 'o', long, visible_alias = "output", value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Start CSV files with a byte-order mark, so that spreadsheets read them as UTF-8.
    #[arg(long, visible_alias = "excel")]
    pub bom: bool,
    /// Worker threads (0 = one per core).
    #[arg(short = 'j', long = "jobs", default_value_t = 0, value_name = "N")]
    pub jobs: usize,
    /// Add each document's normalised text (`text`), which every `span` indexes.
    #[arg(long)]
    pub emit_text: bool,
    /// The store URLs are fetched into (default: $COUNCILRECS_STORE, else ~/.cache/councilrecs).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Read only part K of N of the documents (1 ≤ K ≤ N), chosen by a hash of each path or
    /// URL: N runs with 1/N … N/N read every document once between them.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::shard::Shard>,
    #[command(flatten)]
    pub network: NetworkArgs,
    #[command(flatten)]
    pub reading: ReadingArgs,
    /// Print where the time went (seconds per stage, child processes started) as one JSON line
    /// on standard error, for the benchmarks.
    #[arg(long, hide = true)]
    pub stats: bool,
    /// Read text and HTML documents of at most this many bytes in this process instead of a
    /// child (0: every document in a child), for the benchmarks.
    #[arg(long, hide = true, value_name = "SIZE", value_parser = size)]
    pub small_text: Option<u64>,
}

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
    #[command(flatten)]
    pub network: NetworkArgs,
    #[command(flatten)]
    pub unused: UnusedReadingArgs,
}

/// The reading options, accepted by `fetch` as they always were, and not shown.
#[derive(Debug, Clone, Default, Args)]
pub struct UnusedReadingArgs {
    #[arg(long, hide = true, value_name = "SECS")]
    pub doc_timeout: Option<f64>,
    #[arg(long, hide = true, value_name = "MIB")]
    pub doc_memory: Option<u64>,
}

#[derive(Debug, Args)]
#[command(
    about = "Find, fetch and extract a council's papers over a date window",
    long_about = "Walks each site — Modern.Gov (web service, meeting pages, decision lists, issue \
                  pages) or CMIS (month calendars, meeting pages) — over the window, downloads the \
                  matching documents into the store and writes one record per document, in a \
                  fixed order. Each record carries source.url, the council, and the crawl's \
                  committee, date and item in meta. Requests are polite: one at a time per host, \
                  --delay apart (or robots.txt's Crawl-delay when larger), robots.txt obeyed, \
                  429/5xx retried after Retry-After. A re-run with the same store asks only \
                  for changes; a killed run resumes. A summary line ends the run on stderr; the \
                  exit code is 1 when some document failed (its record carries error).",
    after_help = "Examples:\n  councilrecs crawl --council ROT --from 2023-01-01 --to 2023-12-31 --match 'peer (challenge|review)'\n  councilrecs crawl --base https://democracy.example.gov.uk --committee '^Cabinet$' --out cabinet.jsonl\n  councilrecs crawl --base https://example.cmis.uk.com/example --store papers/ --delay 2\n  councilrecs crawl --council all --from 2024-01-01 --match 'peer challenge' --sites 8\n  councilrecs crawl --council E08000018 --refresh              (a GSS code; ask again for stored documents)\n  councilrecs --registry reg.csv crawl --council HAR          (a corrected copy of the registry)\n  councilrecs --legacy-tls-host committees.aberdeencity.gov.uk crawl --base https://committees.aberdeencity.gov.uk\n\nTime limits: 10 s to connect (--connect-timeout), then 60 s for pages, 120 s for CMIS pages and\ndocuments (--timeout sets one for all); a timed-out request is tried once more. A bot wall gives\nerror.kind blocked, a server that does not answer unreachable, a failed handshake tls; that server\nis then not asked again in the run. Documents whose URL never changes are not asked for again\nonce stored. Links and redirects to loopback or private addresses are refused unless the crawl\nstarts on one."
)]
pub struct CrawlArgs {
    /// Site to crawl: a democracy site's base URL (host root or sub-path), or a decision,
    /// issue or meeting page (repeatable).
    #[arg(long = "base", value_name = "URL")]
    pub bases: Vec<String>,
    /// Council code from the registry (`councilrecs councils`), or `all` (repeatable).
    #[arg(long = "council", value_name = "CODE")]
    pub councils: Vec<String>,
    /// First day of the window (default: a year before --to).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last day of the window (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    /// Keep agenda items, decisions and documents whose title matches (case-insensitive).
    #[arg(long = "match", value_name = "REGEX")]
    pub matches: Option<String>,
    /// Keep committees whose title matches (case-insensitive).
    #[arg(long, value_name = "REGEX")]
    pub committee: Option<String>,
    /// The store folder (default: $COUNCILRECS_STORE, else ~/.cache/councilrecs).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Write records to this file (replaced when the run ends) instead of standard output.
    #[arg(short = 'o', long, visible_alias = "output", value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Start CSV files with a byte-order mark, so that spreadsheets read them as UTF-8.
    #[arg(long, visible_alias = "excel")]
    pub bom: bool,
    /// Extraction threads (0 = one per core).
    #[arg(short = 'j', long = "jobs", default_value_t = 0, value_name = "N")]
    pub jobs: usize,
    /// Sites crawled at the same time.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub sites: usize,
    /// Crawl only part K of N of the sites (1 ≤ K ≤ N), chosen by a hash of each council's
    /// code (a site shared by several councils is one): N runs with 1/N … N/N crawl every
    /// site once between them.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::shard::Shard>,
    /// Add each document's normalised text (`text`), which every `span` indexes.
    #[arg(long)]
    pub emit_text: bool,
    /// Ask again for documents already in the store whose URL never changes
    /// (`documents/s123/…`, `mgConvert2PDF.aspx?ID=`, `Document.ashx?…`).
    #[arg(long)]
    pub refresh: bool,
    #[command(flatten)]
    pub network: NetworkArgs,
    #[command(flatten)]
    pub reading: ReadingArgs,
}

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
                  --council-from; documents of no known council are listed apart and compared \
                  with nothing. Procedural resolutions (minutes approved, apologies, \
                  appointments, a report noted) are left out unless --include-procedural. The \
                  exit code is 1 when some input line or record could not be read (their count \
                  is printed), 2 when none could.",
    after_help = "Examples:\n  councilrecs extract papers/ > records.jsonl && councilrecs compare records.jsonl\n  councilrecs compare a.jsonl b.jsonl --format html -o report.html\n  councilrecs compare records.jsonl --kind peer --format csv -o tables/\n  councilrecs compare records.jsonl --format csv --table clusters --excel\n  cat records.jsonl | councilrecs compare - --council-from dir --min-similarity 0.4\n\nTables: councils, documents, themes, clusters, chains, chain_recommendations, chain_completions.\n--council-from: dir (the folder a document is in), path:N (the N-th path component), regex:PATTERN (its first capture group or the group named `council`)."
)]
pub struct CompareArgs {
    /// Record files (JSON Lines or a JSON array); `-` reads standard input.
    #[arg(required = true, value_name = "RESULTS")]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Json)]
    pub format: CompareFormat,
    /// Output file (json, html, csv with --table) or folder (csv); standard output if absent.
    #[arg(short = 'o', long, visible_alias = "output", value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Start CSV files with a byte-order mark, so that spreadsheets read them as UTF-8.
    #[arg(long, visible_alias = "excel")]
    pub bom: bool,
    /// Compare only recommendations of these kinds (repeat, or separate with commas).
    #[arg(long = "kind", value_enum, value_delimiter = ',', value_name = "KIND")]
    pub kinds: Vec<RecKind>,
    /// Compare procedural resolutions too (minutes approved, apologies, declarations,
    /// exclusion of the press and public, appointments, a report noted).
    #[arg(long)]
    pub include_procedural: bool,
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
    #[command(flatten)]
    pub unused: UnusedArgs,
}

fn unit_interval(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CouncilsFormat {
    Csv,
    Jsonl,
}

#[derive(Debug, Args)]
#[command(
    about = "List the councils the tool knows: GSS code, platform, base URL, shared site",
    long_about = "Prints the council registry: every current principal council once, with its ONS/GSS \
                  code, nation, the platform and base URL of the site its committee papers are on, \
                  and the group of councils sharing that site (crawled once). The CSV is the \
                  registry's own layout: edit a copy and use it with --registry FILE (or \
                  $COUNCILRECS_REGISTRY) without rebuilding.",
    after_help = "Examples:\n  councilrecs councils\n  councilrecs councils --platform cmis --format jsonl\n  councilrecs councils --format csv > reg.csv && councilrecs --registry reg.csv crawl --council HAR"
)]
pub struct CouncilsArgs {
    /// Only councils on this platform.
    #[arg(long, value_enum)]
    pub platform: Option<Platform>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CouncilsFormat::Csv)]
    pub format: CouncilsFormat,
    #[command(flatten)]
    pub unused: UnusedArgs,
}

impl ValueEnum for Platform {
    fn value_variants<'a>() -> &'a [Self] {
        &[Platform::Moderngov, Platform::Cmis, Platform::Other]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

#[derive(Debug, Args)]
#[command(
    about = "Print the JSON Schema of one output record",
    after_help = "Examples:\n  councilrecs schema > record.schema.json"
)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub unused: UnusedArgs,
}

#[derive(Debug, Args)]
#[command(
    about = "Print a shell completion script",
    after_help = "Examples:\n  councilrecs completions bash > ~/.local/share/bash-completion/completions/councilrecs\n  councilrecs completions zsh > ~/.zfunc/_councilrecs\n  councilrecs completions fish > ~/.config/fish/completions/councilrecs.fish"
)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(
    about = "Print the manual page, or write one page per command into a folder",
    after_help = "Examples:\n  councilrecs man | man -l -\n  councilrecs man -o man/   # councilrecs.1, councilrecs-extract.1, …"
)]
pub struct ManArgs {
    /// Write councilrecs.1 and one page per command into this folder.
    #[arg(short = 'o', long, visible_alias = "output", value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// The hidden subcommand of a child process that reads one document; its request comes on
/// standard input, never as options.
#[derive(Debug, Args)]
pub struct IsolatedArgs {}

impl ValueEnum for RecKind {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            RecKind::Peer,
            RecKind::Officer,
            RecKind::Resolution,
            RecKind::Other,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            RecKind::Peer => PossibleValue::new("peer").help("A peer team's recommendations"),
            RecKind::Officer => {
                PossibleValue::new("officer").help("Officers' recommendations to a committee")
            }
            RecKind::Resolution => {
                PossibleValue::new("resolution").help("What a body resolved or agreed")
            }
            RecKind::Other => PossibleValue::new("other").help("Any other (e.g. a task group's)"),
        })
    }
}

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format::Jsonl, Format::Json, Format::Csv, Format::Sqlite]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Format::Jsonl => PossibleValue::new("jsonl").help("One JSON record per line"),
            Format::Json => PossibleValue::new("json").help("One JSON array of records"),
            Format::Csv => PossibleValue::new("csv").help(
                "CSV tables (documents, recommendations, themes, actions) in the folder given by \
                 `--out`; without `--out`, the recommendations table on standard output",
            ),
            Format::Sqlite => PossibleValue::new("sqlite")
                .help("A SQLite database (`--out FILE.db`), appended to without duplicates"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_units() {
        assert_eq!(size("1000"), Ok(1000));
        assert_eq!(size("10M"), Ok(10 << 20));
        assert_eq!(size("500k"), Ok(500 << 10));
        assert_eq!(size("1GiB"), Ok(1 << 30));
        assert_eq!(size("2 MB"), Ok(2 << 20));
        for bad in [
            "",
            "M",
            "10X",
            "-1",
            "1.5M",
            "10i",
            "99999999999999999999",
            "20000000T",
        ] {
            assert!(size(bad).is_err(), "{bad}");
        }
    }
}
