//! `councilrecs schema`: print the JSON Schema of one output record.

use super::Outcome;
use crate::cli::GlobalArgs;
use crate::model::Record;
use clap::Args;

#[derive(Debug, Args)]
#[command(
    about = "Print the JSON Schema of one output record",
    after_help = "Examples:\n  councilrecs schema > record.schema.json"
)]
pub struct SchemaArgs {}

/// The JSON Schema of [`Record`], derived from the types in `model.rs`.
pub fn record_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Record)).expect("schema serialises")
}

pub fn run(_args: &SchemaArgs, _g: &GlobalArgs) -> anyhow::Result<Outcome> {
    let schema = serde_json::to_string_pretty(&record_schema())?;
    println!("{schema}");
    Ok(Outcome::Ok)
}
