//! `councilrecs councils`: print the council registry (code, GSS code, names, nation,
//! platform, base URL, shared-site group, end date). The CSV is the registry's own layout, so
//! it can be corrected by hand and given back with `--registry FILE`.

use super::Outcome;
use crate::cli::{CouncilsArgs, CouncilsFormat};
use crate::config::Config;
use crate::registry;
use std::io::Write;

pub fn run(args: &CouncilsArgs, _config: &Config) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    let rows: Vec<registry::CouncilEntry> = registry::councils()
        .iter()
        .filter(|c| args.platform.is_none_or(|p| c.platform == p))
        .cloned()
        .collect();
    let result = (|| -> anyhow::Result<()> {
        match args.format {
            CouncilsFormat::Csv => out.write_all(registry::render(&rows)?.as_bytes())?,
            CouncilsFormat::Jsonl => {
                for c in &rows {
                    serde_json::to_writer(&mut out, c).map_err(std::io::Error::from)?;
                    out.write_all(b"\n")?;
                }
            }
        }
        out.flush()?;
        Ok(())
    })();
    result?;
    Ok(Outcome::Ok)
}
