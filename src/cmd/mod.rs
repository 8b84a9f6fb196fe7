//! One module per subcommand, each with its arguments, usage text and `run`.

pub mod compare;
pub mod councils;
pub mod crawl;
pub mod extract;
pub mod fetch;
pub mod isolated;
pub mod schema;

use std::io::{self, IsTerminal, Write};

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every document was read.
    Ok,
    /// Some documents failed; their records carry `error`.
    SomeFailed,
}

/// Where records go: a file (`--out`) or standard output, buffered.
pub fn open_output(out: Option<&std::path::Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match out {
        Some(p) => {
            let f = std::fs::File::create(p)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", p.display()))?;
            Box::new(io::BufWriter::new(f))
        }
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    })
}

/// Whether progress may be drawn on standard error.
pub fn progress_allowed(g: &crate::cli::GlobalArgs) -> bool {
    !g.quiet && !g.no_progress && io::stderr().is_terminal()
}

/// A closed pipe downstream (`| head`) ends the run quietly and successfully.
pub fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}
