//! `councilrecs councils`: list the council registry (code, name, platform, base URL).

use super::Outcome;
use crate::cli::{CouncilsArgs, CouncilsFormat};
use crate::config::Config;
use crate::registry;
use std::io::Write;

pub fn run(args: &CouncilsArgs, _config: &Config) -> anyhow::Result<Outcome> {
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
    result?;
    Ok(Outcome::Ok)
}
