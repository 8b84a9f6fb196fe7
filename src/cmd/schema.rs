//! `councilrecs schema`: print the JSON Schema of one output record.

use super::Outcome;
use crate::cli::SchemaArgs;
use crate::config::Config;
use crate::model::record_schema;
use std::io::Write;

pub fn run(_args: &SchemaArgs, _config: &Config) -> anyhow::Result<Outcome> {
    let mut schema = serde_json::to_string_pretty(&record_schema())?;
    schema.push('\n');
    let mut out = std::io::stdout().lock();
    out.write_all(schema.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Ok)
}
