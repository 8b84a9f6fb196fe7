//! councilrecs: fetch UK council committee papers and extract recommendations, themes and
//! actions as structured records.
//!
//! Data flows one way: source → fetch → decode → normalise → extract → model → output.
//! `decode`, `extract` and `source` are pure: they take bytes or text and return data, start no
//! process and read no environment variable. `pipeline` is the one road from a document's bytes
//! to its record; `config` is what a run is configured to do, built once by `cmd` from the
//! command line (`cli`), which nothing below `cmd` sees.

pub mod batch;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod config;
pub mod crawl;
pub mod decode;
pub mod extract;
pub mod fetch;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod registry;
pub mod shard;
pub mod source;
pub mod store;
pub mod tools;
