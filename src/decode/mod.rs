//! Bytes to normalised text: sniffs the format from the bytes (not only the name), picks the
//! character encoding, and hands over to the decoder for that format.
//!
//! Pure: no decoder starts a process, reads an environment variable or touches the
//! filesystem. The converter programs some formats fall back on are asked for through the
//! [`Converters`] the caller passes in (see [`convert`]).

pub mod convert;
pub mod docx;
pub mod docx_numbering;
pub mod encoding;
pub mod html;
pub mod html_flat;
pub mod legacy_doc;
pub mod normalise;
pub mod pdf;
pub mod pdf_content;
pub mod pdf_layout;
pub mod pdf_pages;
pub mod text;

pub use convert::{Converters, NoConverters, Tool, ToolError};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The formats the tool can tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Xml,
    Text,
    Markdown,
    Pdf,
    Docx,
    /// A zip archive that is not a Word document.
    Zip,
    /// Legacy Word (OLE compound file).
    Doc,
    Binary,
}

impl Format {
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Html => "text/html",
            Format::Xml => "application/xml",
            Format::Text => "text/plain",
            Format::Markdown => "text/markdown",
            Format::Pdf => "application/pdf",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Zip => "application/zip",
            Format::Doc => "application/msword",
            Format::Binary => "application/octet-stream",
        }
    }
}

/// What is known about a document besides its bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hint<'a> {
    /// File name or URL path (its extension is a tie-breaker, never trusted over the bytes).
    pub name: Option<&'a str>,
    /// An HTTP `Content-Type` header value.
    pub content_type: Option<&'a str>,
}

/// A decoded document: the normalised text every span indexes, and facts about its source.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// Byte offsets in `text` where pages 2, 3, … start (empty for unpaged formats).
    pub page_starts: Vec<usize>,
    pub format: Format,
    pub encoding: Option<&'static str>,
    /// A title the markup gives (HTML `<title>`), for metadata when the text has none.
    pub title: Option<String>,
    pub warnings: Vec<String>,
}

impl Decoded {
    /// Number of pages, for paged formats.
    pub fn pages(&self) -> Option<u32> {
        match self.format {
            Format::Pdf | Format::Docx => Some(self.page_starts.len() as u32 + 1),
            _ if !self.page_starts.is_empty() => Some(self.page_starts.len() as u32 + 1),
            _ => None,
        }
    }
}

/// Why a document could not be decoded.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the document is empty")]
    Empty,
    #[error("the document is binary data, not text ({0})")]
    Binary(String),
    #[error("{0} documents are not supported yet")]
    Unsupported(&'static str),
    #[error("the document is too large to decode ({size} bytes; the limit is {limit})")]
    TooLarge { size: usize, limit: usize },
    #[error("the document has no text")]
    NoText,
    #[error("the {format} file is damaged or not what it claims to be: {reason}")]
    Corrupt {
        format: &'static str,
        reason: String,
    },
    #[error("the PDF is encrypted; its text cannot be read without the password")]
    Encrypted,
    #[error("part {part} of the document is too large ({size} bytes; the limit is {limit})")]
    PartTooLarge { part: String, size: u64, limit: u64 },
    #[error(
        "legacy Word (.doc) files are read only with antiword, which is not installed; install \
         antiword, or convert the file to DOCX or PDF (e.g. `libreoffice --headless \
         --convert-to docx FILE`)"
    )]
    LegacyWord,
    #[error("{tool} failed: {message}")]
    Tool { tool: &'static str, message: String },
}

impl DecodeError {
    /// A short machine-readable kind for the record's `error.kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            DecodeError::Empty => "empty",
            DecodeError::Binary(_) => "binary",
            DecodeError::Unsupported(_) => "unsupported",
            DecodeError::TooLarge { .. } => "too_large",
            DecodeError::NoText => "no_text",
            DecodeError::Corrupt { .. } => "corrupt",
            DecodeError::Encrypted => "encrypted",
            DecodeError::PartTooLarge { .. } => "too_large",
            DecodeError::LegacyWord => "unsupported",
            DecodeError::Tool { .. } => "tool_failed",
        }
    }
}

/// Limits on what a decoder will take on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest document decoded at all.
    pub max_bytes: usize,
    /// Largest HTML document parsed into a tree (bigger ones are read as text with tags removed).
    pub max_html_tree_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 100 << 20,
            max_html_tree_bytes: 16 << 20,
        }
    }
}

/// Tells the format from the leading bytes, with the name and content type as tie-breakers.
pub fn sniff(bytes: &[u8], hint: &Hint) -> Format {
    let ext = hint
        .name
        .and_then(|n| n.rsplit(['/', '\\']).next())
        .and_then(|n| n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()));
    let body = strip_bom_and_blanks(bytes);
    if body.starts_with(b"%PDF-")
        || bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let head = &bytes[..bytes.len().min(64 << 10)];
        let is_word = memchr::memmem::find(head, b"word/").is_some()
            || memchr::memmem::find(head, b"[Content_Types].xml").is_some()
                && matches!(ext.as_deref(), Some("docx"));
        return if is_word || matches!(ext.as_deref(), Some("docx")) {
            Format::Docx
        } else {
            Format::Zip
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Doc;
    }
    // Markup is sniffed on decoded text so that UTF-16 pages are recognised too.
    let head = encoding::decode(&bytes[..bytes.len().min(4096)], None)
        .text
        .to_ascii_lowercase();
    // NULs or other control characters before the markup do not hide it.
    let head =
        head.trim_start_matches(|c: char| c.is_whitespace() || c.is_control() || c == '\u{feff}');
    let content_type = hint.content_type.unwrap_or("").to_ascii_lowercase();
    if looks_like_html(head) || content_type.contains("html") {
        return Format::Html;
    }
    if head.starts_with("<?xml") || content_type.contains("xml") {
        return Format::Xml;
    }
    if matches!(ext.as_deref(), Some("md" | "markdown")) || content_type.contains("markdown") {
        return Format::Markdown;
    }
    Format::Text
}

fn strip_bom_and_blanks(bytes: &[u8]) -> &[u8] {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[start..]
}

fn looks_like_html(head: &str) -> bool {
    const OPENERS: &[&str] = &["<!doctype html", "<html", "<head", "<body"];
    if OPENERS.iter().any(|o| head.starts_with(o)) {
        return true;
    }
    if head.starts_with("<?xml") {
        return head.contains("<html") || head.contains("xhtml");
    }
    const TAGS: &[&str] = &[
        "<html", "<body", "<div", "<p>", "<p ", "<table", "<ul", "<ol", "<br",
    ];
    head.starts_with('<') && TAGS.iter().any(|t| head.contains(t))
}

/// Decodes a document of a known format (see [`sniff`]) into normalised text; `tools` are the
/// converters the PDF and legacy Word readers may fall back on.
pub fn decode(
    bytes: &[u8],
    format: Format,
    hint: &Hint,
    limits: &Limits,
    tools: &dyn Converters,
) -> Result<Decoded, DecodeError> {
    if bytes.len() > limits.max_bytes {
        return Err(DecodeError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    match format {
        Format::Pdf => pdf::decode_pdf(bytes, limits, tools),
        Format::Docx => docx::decode_docx(bytes, limits),
        Format::Doc => legacy_doc::decode_doc(bytes, limits, tools),
        Format::Zip => Err(DecodeError::Binary(
            "a zip archive that is not a Word document".into(),
        )),
        Format::Binary => Err(DecodeError::Binary("unrecognised binary format".into())),
        Format::Html | Format::Xml | Format::Text | Format::Markdown => {
            text::decode_text_format(bytes, format, hint, limits)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_bytes_before_extension() {
        let h = Hint {
            name: Some("report.txt"),
            content_type: None,
        };
        assert_eq!(sniff(b"%PDF-1.7\n", &h), Format::Pdf);
        assert_eq!(sniff(b"  <!DOCTYPE html><p>x", &h), Format::Html);
        assert_eq!(sniff(b"RESOLVED: that", &h), Format::Text);
        let md = Hint {
            name: Some("notes.md"),
            content_type: None,
        };
        assert_eq!(sniff(b"# Title", &md), Format::Markdown);
        assert_eq!(
            sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", &h),
            Format::Doc
        );
    }

    #[test]
    fn markup_after_a_run_of_nuls_is_sniffed_as_html() {
        let mut page = vec![0u8; 300];
        page.extend_from_slice(b"\x01<html><body><p>RESOLVED:</p></body></html>");
        assert_eq!(sniff(&page, &Hint::default()), Format::Html);
    }

    #[test]
    fn utf16_html_is_sniffed() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "<html><body><p>Hi</p></body></html>"
                    .encode_utf16()
                    .flat_map(|u| u.to_le_bytes()),
            )
            .collect();
        assert_eq!(sniff(&bytes, &Hint::default()), Format::Html);
    }

    #[test]
    fn blank_input_is_empty() {
        assert_eq!(
            decode(
                b" \n\t ",
                Format::Text,
                &Hint::default(),
                &Limits::default(),
                &NoConverters
            )
            .unwrap_err(),
            DecodeError::Empty
        );
    }
}
