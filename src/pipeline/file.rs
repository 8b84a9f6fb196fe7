//! A document on disk to its record: a file over the size limit is refused before it is read,
//! one that cannot be read gives a record with `error`, and the rest go down [`super::read`].

use super::{DocInfo, failed, read, stats};
use crate::config::Config;
use crate::model::Record;
use std::path::Path;

/// The record of the file at `path`.
pub fn read_file(path: &Path, config: &Config) -> Record {
    let info = DocInfo::file(path.to_string_lossy());
    let limit = config.record.limits.max_bytes as u64;
    match std::fs::metadata(path) {
        Ok(m) if m.len() > limit => {
            return failed(
                &info,
                "too_large",
                format!(
                    "{} is {} bytes; the limit is {limit} (--max-bytes)",
                    path.display(),
                    m.len()
                ),
            );
        }
        Err(e) => return failed(&info, "io", format!("{}: {e}", path.display())),
        _ => {}
    }
    let started = std::time::Instant::now();
    let bytes = std::fs::read(path);
    stats::add(stats::Stage::File, started);
    match bytes {
        Ok(bytes) => read(&bytes, &info, config),
        Err(e) => failed(&info, "io", format!("{}: {e}", path.display())),
    }
}
