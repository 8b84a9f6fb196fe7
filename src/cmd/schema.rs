//! `councilrecs schema`: print the JSON Schema of one output record.

use super::Outcome;
use crate::cli::SchemaArgs;
use crate::config::Config;
use crate::model::record_schema;

pub fn run(_args: &SchemaArgs, _config: &Config) -> anyhow::Result<Outcome> {
    let schema = serde_json::to_string_pretty(&record_schema())?;
    println!("{schema}");
    Ok(Outcome::Ok)
}
