//! `councilrecs isolated-record` (hidden): the child side of `isolate` — reads one document on
//! standard input and prints its record as JSON on standard output.

use super::Outcome;
use crate::cli::GlobalArgs;
use crate::decode::{Hint, Limits};
use crate::pipeline::RecordOptions;
use clap::Args;

#[derive(Debug, Args)]
pub struct IsolatedArgs {
    /// The document's file name or URL path (a tie-breaker when sniffing its format).
    #[arg(long)]
    pub name: Option<String>,
    /// The document's HTTP Content-Type.
    #[arg(long)]
    pub content_type: Option<String>,
    /// Include the normalised text in the record.
    #[arg(long)]
    pub emit_text: bool,
}

pub fn run(args: &IsolatedArgs, g: &GlobalArgs) -> anyhow::Result<Outcome> {
    let hint = Hint {
        name: args.name.as_deref(),
        content_type: args.content_type.as_deref(),
    };
    let opts = RecordOptions {
        emit_text: args.emit_text,
        limits: Limits {
            max_bytes: usize::try_from(g.max_bytes).unwrap_or(usize::MAX),
            ..Limits::default()
        },
    };
    crate::isolate::child_main(&hint, &opts)?;
    Ok(Outcome::Ok)
}
