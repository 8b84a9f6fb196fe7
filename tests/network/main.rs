//! The network tests: a real HTTP server on 127.0.0.1 ([`server`]) serving the Modern.Gov-like
//! and CMIS-like sites of `tests/sites/` ([`sites`]) with faults, against the polite client
//! ([`fetch`]) and the `crawl` command ([`crawl`]).

#[path = "../util/mod.rs"]
mod util;

mod councils;
mod crawl;
mod fetch;
mod hostile;
mod long_run;
mod pipes;
mod server;
mod sites;
mod tls;
