//! The integration tests that need no network, in one crate: the commands as a user runs them,
//! hostile input, the office readers, the output formats and their pinned layout, `compare`,
//! and the layering of the source tree. The fixtures against their expectations are
//! `tests/fixtures.rs`; the network tests are `tests/network/`.

#[path = "../expect/mod.rs"]
mod expect;
#[path = "../util/mod.rs"]
mod util;

mod bad_input;
mod cli;
mod compare;
mod compare_paraphrases;
mod compare_similarity;
mod conventions;
mod datasette;
mod isolation;
mod layering;
mod office_fixtures;
mod office_hostile;
mod outputs;
mod pipes;
mod readme;
mod readme_tables;
mod record_format;
mod regex_docs;
mod render;
mod report_html;
mod schema;
mod shards;
mod spans;
