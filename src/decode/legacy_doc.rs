//! Legacy Word (`.doc`, OLE compound files): read through `antiword` when the converters
//! have it, otherwise refused with an error that names the alternatives.

use super::normalise::normalise_plain;
use super::{Converters, DecodeError, Decoded, Format, Limits, Tool, ToolError};
use unicode_normalization::UnicodeNormalization;

/// Decodes a `.doc` file with `antiword`.
pub fn decode_doc(
    bytes: &[u8],
    limits: &Limits,
    tools: &dyn Converters,
) -> Result<Decoded, DecodeError> {
    if !tools.has(Tool::Antiword) {
        return Err(DecodeError::LegacyWord);
    }
    let out = tools
        .run(Tool::Antiword, bytes, limits.max_bytes.saturating_mul(4))
        .map_err(|e| match e {
            ToolError::Missing(_) => DecodeError::LegacyWord,
            ToolError::Failed { message, .. } => DecodeError::Corrupt {
                format: "Word (.doc)",
                reason: format!("antiword could not read it: {message}"),
            },
            other => DecodeError::Tool {
                tool: "antiword",
                message: other.to_string(),
            },
        })?;
    let text: String = String::from_utf8_lossy(&out).nfkc().collect();
    let (text, page_starts) = normalise_plain(&text);
    if text.trim().is_empty() {
        return Err(DecodeError::NoText);
    }
    Ok(Decoded {
        text,
        page_starts,
        format: Format::Doc,
        encoding: None,
        title: None,
        warnings: vec!["read with antiword".into()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_word_file_is_an_error() {
        let bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 but nothing else";
        let e = decode_doc(bytes, &Limits::default(), &crate::decode::NoConverters).unwrap_err();
        assert_eq!(e, DecodeError::LegacyWord);
        assert!(e.to_string().contains("convert the file to DOCX or PDF"));
    }
}
