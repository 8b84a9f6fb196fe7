//! What passes between the parent and the child that reads a document in isolation.
//!
//! The parent writes one [`Request`] as a line of JSON on the child's standard input, then the
//! document's bytes; the child prints one [`Reply`] as JSON on its standard output. Both carry
//! the program's version, and each side refuses the other's message when it differs, so that a
//! child from another build is never trusted to speak the same language.

use super::Reading;
use crate::config::RecordConfig;
use crate::decode::{Format, Hint, Limits};
use crate::tools::Tools;
use serde::{Deserialize, Serialize};

/// The version both sides must share.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The longest request line a child reads.
pub const MAX_REQUEST_LINE: u64 = 64 << 10;

/// What the child is asked to read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The version of the program that sent it.
    pub version: String,
    /// The format the parent sniffed; the child does not sniff again.
    pub format: Format,
    /// The document's file name or URL path.
    pub name: Option<String>,
    /// The document's HTTP `Content-Type`.
    pub content_type: Option<String>,
    /// Include the normalised text in the reading.
    pub emit_text: bool,
    pub limits: Limits,
    /// The converters the readers may run.
    pub tools: Tools,
    /// The length of the document that follows the request line, in bytes.
    pub len: u64,
}

impl Request {
    /// The request for one document.
    pub fn new(
        bytes: &[u8],
        format: Format,
        hint: &Hint,
        record: &RecordConfig,
        tools: &Tools,
    ) -> Request {
        Request {
            version: VERSION.to_string(),
            format,
            name: hint.name.map(str::to_string),
            content_type: hint.content_type.map(str::to_string),
            emit_text: record.emit_text,
            limits: record.limits,
            tools: tools.clone(),
            len: bytes.len() as u64,
        }
    }

    /// The hint the request carries.
    pub fn hint(&self) -> Hint<'_> {
        Hint {
            name: self.name.as_deref(),
            content_type: self.content_type.as_deref(),
        }
    }

    /// What goes into the record.
    pub fn record(&self) -> RecordConfig {
        RecordConfig {
            emit_text: self.emit_text,
            limits: self.limits,
        }
    }
}

/// What the child worked out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// The version of the program that answered.
    pub version: String,
    pub reading: Reading,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_goes_through_json_unchanged() {
        let hint = Hint {
            name: Some("papers/a -b.pdf"),
            content_type: Some("application/pdf"),
        };
        let tools = Tools {
            pdftotext: Some("/usr/bin/pdftotext".into()),
            antiword: None,
        };
        let record = RecordConfig {
            emit_text: true,
            ..RecordConfig::default()
        };
        let req = Request::new(b"%PDF-1.7", Format::Pdf, &hint, &record, &tools);
        let line = serde_json::to_string(&req).unwrap();
        assert!(!line.contains('\n'));
        assert!(line.contains(r#""format":"pdf""#), "{line}");
        let back: Request = serde_json::from_str(&line).unwrap();
        assert_eq!(back, req);
        assert_eq!(back.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(back.len, 8);
        assert_eq!(back.hint().name, Some("papers/a -b.pdf"));
        assert_eq!(back.record(), record);
    }
}
