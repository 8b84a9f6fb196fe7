//! Reading a document in this process: decode, then extract. A decoder's error, or a panic
//! anywhere in the readers, becomes the reading's error, so that one document never stops a
//! batch.

use super::{Content, Reading};
use crate::config::RecordConfig;
use crate::decode::{self, Converters, Format, Hint};
use crate::extract::{self, Input};
use crate::model::RecordError;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Decodes and extracts one document of a sniffed `format`.
pub fn read(
    bytes: &[u8],
    format: Format,
    hint: &Hint,
    config: &RecordConfig,
    tools: &dyn Converters,
) -> Reading {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        decode_and_extract(bytes, format, hint, config, tools)
    }));
    match outcome {
        Ok(Ok(content)) => Ok(content),
        Ok(Err(e)) => Err(RecordError {
            kind: e.kind().to_string(),
            message: e.to_string(),
        }),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(RecordError {
                kind: "internal".into(),
                message: format!("the extractor failed: {msg}"),
            })
        }
    }
}

fn decode_and_extract(
    bytes: &[u8],
    format: Format,
    hint: &Hint,
    config: &RecordConfig,
    tools: &dyn Converters,
) -> Result<Content, decode::DecodeError> {
    let doc = decode::decode(bytes, format, hint, &config.limits, tools)?;
    let ex = extract::extract(Input {
        text: &doc.text,
        page_starts: &doc.page_starts,
        title_hint: doc.title.as_deref(),
        paged: doc.format == Format::Pdf,
    });
    Ok(Content {
        pages: doc.pages(),
        encoding: doc.encoding.map(str::to_string),
        council: ex.council,
        meta: ex.meta,
        meetings: ex.meetings,
        recommendations: ex.recommendations,
        themes: ex.themes,
        actions: ex.actions,
        warnings: doc.warnings,
        text: config.emit_text.then_some(doc.text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::NoConverters;

    #[test]
    fn a_decoder_error_is_the_reading_error() {
        let r = read(
            b"PK\x03\x04 not a word file",
            Format::Zip,
            &Hint::default(),
            &RecordConfig::default(),
            &NoConverters,
        );
        let e = r.unwrap_err();
        assert_eq!(e.kind, "binary");
        assert_eq!(
            e.message,
            "the document is binary data, not text (a zip archive that is not a Word document)"
        );
    }

    #[test]
    fn the_text_is_kept_only_when_asked_for() {
        let bytes = b"RESOLVED:\n\n1. That the report be noted.";
        let plain = RecordConfig::default();
        let with_text = RecordConfig {
            emit_text: true,
            ..plain
        };
        let hint = Hint::default();
        let a = read(bytes, Format::Text, &hint, &plain, &NoConverters).unwrap();
        let b = read(bytes, Format::Text, &hint, &with_text, &NoConverters).unwrap();
        assert_eq!(a.text, None);
        assert_eq!(
            b.text.as_deref(),
            Some("RESOLVED:\n\n1. That the report be noted.")
        );
        assert_eq!(a.recommendations, b.recommendations);
        assert_eq!(a.recommendations[0].text, "That the report be noted.");
    }
}
