//! `councilrecs councils`: list the council registry (code, name, platform, base URL).

use super::{Outcome, is_broken_pipe};
use crate::cli::GlobalArgs;
use crate::registry::{self, Platform};
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CouncilsFormat {
    Csv,
    Jsonl,
}

#[derive(Debug, Args)]
#[command(
    about = "List the councils the tool knows, with platform and base URL",
    after_help = "Examples:\n  councilrecs councils\n  councilrecs councils --platform cmis --format jsonl"
)]
pub struct CouncilsArgs {
    /// Only councils on this platform.
    #[arg(long, value_enum)]
    pub platform: Option<Platform>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CouncilsFormat::Csv)]
    pub format: CouncilsFormat,
}

impl ValueEnum for Platform {
    fn value_variants<'a>() -> &'a [Self] {
        &[Platform::Moderngov, Platform::Cmis, Platform::Other]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.as_str()))
    }
}

pub fn run(args: &CouncilsArgs, _g: &GlobalArgs) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    let rows = registry::councils()
        .iter()
        .filter(|c| args.platform.is_none_or(|p| c.platform == p));
    let result = (|| -> std::io::Result<()> {
        match args.format {
            CouncilsFormat::Csv => {
                let mut w = csv::Writer::from_writer(&mut out);
                w.write_record([
                    "code",
                    "name",
                    "common_name",
                    "territory",
                    "platform",
                    "base_url",
                ])?;
                for c in rows {
                    w.write_record([
                        &c.code,
                        &c.name,
                        &c.common_name,
                        &c.territory,
                        c.platform.as_str(),
                        &c.base_url,
                    ])?;
                }
                w.flush()?;
            }
            CouncilsFormat::Jsonl => {
                for c in rows {
                    serde_json::to_writer(&mut out, c)?;
                    out.write_all(b"\n")?;
                }
            }
        }
        out.flush()
    })();
    match result {
        Err(e) if is_broken_pipe(&e) => Ok(Outcome::Ok),
        Err(e) => Err(e.into()),
        Ok(()) => Ok(Outcome::Ok),
    }
}
