//! The converter programs a decoder may ask for (`pdftotext`, `antiword`), as an interface.
//!
//! Decoders never start a process, look at `PATH` or touch the filesystem: they are handed a
//! [`Converters`] and ask it for a program's output. `crate::tools` runs the installed
//! programs; [`NoConverters`] has none, for a reading that uses the built-in readers only.

use thiserror::Error;

/// A converter program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// poppler's `pdftotext`: a PDF to UTF-8 text in reading order, a form feed between pages.
    Pdftotext,
    /// `antiword`: a legacy Word file to UTF-8 text, one line per paragraph.
    Antiword,
}

impl Tool {
    /// The program's name, as on `PATH`.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Pdftotext => "pdftotext",
            Tool::Antiword => "antiword",
        }
    }
}

/// Why a converter gave no output.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ToolError {
    #[error("{0} is not installed")]
    Missing(String),
    #[error("{tool} did not finish within {secs} s")]
    Timeout { tool: String, secs: u64 },
    #[error("{tool} printed more than {limit} bytes")]
    TooMuchOutput { tool: String, limit: usize },
    #[error("{tool} failed: {message}")]
    Failed { tool: String, message: String },
}

/// Runs converter programs on a document's bytes.
pub trait Converters: Sync {
    /// Whether `tool` can be run at all.
    fn has(&self, tool: Tool) -> bool;
    /// What `tool` prints for `input`, at most `max_output` bytes of it.
    fn run(&self, tool: Tool, input: &[u8], max_output: usize) -> Result<Vec<u8>, ToolError>;
}

/// No converters: every reading is the built-in one.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoConverters;

impl Converters for NoConverters {
    fn has(&self, _tool: Tool) -> bool {
        false
    }

    fn run(&self, tool: Tool, _input: &[u8], _max_output: usize) -> Result<Vec<u8>, ToolError> {
        Err(ToolError::Missing(tool.name().to_string()))
    }
}
