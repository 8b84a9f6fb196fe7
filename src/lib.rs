//! councilrecs: fetch UK council committee papers and extract recommendations, themes and
//! actions as structured records.
//!
//! Data flows one way: source → fetch → decode → normalise → extract → model → output.
//! `decode` and `extract` are pure: they take bytes or text and return data.

pub mod batch;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod crawl;
pub mod decode;
pub mod extract;
pub mod fetch;
pub mod isolate;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod registry;
pub mod source;
pub mod store;
