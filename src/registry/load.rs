//! Reading and writing the registry's CSV. The columns are named by the header, in any order:
//! `code`, `name`, `platform` and `base_url` are required; `gss`, `common_name` (defaults to
//! `name`), `nation` (or the older `territory`), `shared_site` and `end_date` may be left out.
//! A council whose `end_date` has passed is left out; a row that cannot be read is an error
//! naming its line, so that a hand-corrected copy fails loudly rather than quietly.

use super::{CouncilEntry, Platform};
use std::collections::HashSet;
use thiserror::Error;

/// Why a registry could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct RegistryError(String);

impl RegistryError {
    pub fn new(msg: impl Into<String>) -> RegistryError {
        RegistryError(msg.into())
    }
}

const COLUMNS: [&str; 9] = [
    "code",
    "gss",
    "name",
    "common_name",
    "nation",
    "platform",
    "base_url",
    "shared_site",
    "end_date",
];

/// Reads a registry; with `today` (`YYYY-MM-DD`), councils that ended before it are left out.
pub fn parse(text: &str, today: Option<&str>) -> Result<Vec<CouncilEntry>, RegistryError> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| RegistryError::new(format!("the header line: {e}")))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let need = |name: &'static str| {
        col(name).ok_or_else(|| RegistryError::new(format!("no `{name}` column")))
    };
    let (code_i, name_i, platform_i, url_i) = (
        need("code")?,
        need("name")?,
        need("platform")?,
        need("base_url")?,
    );
    let (gss_i, common_i, shared_i, end_i) = (
        col("gss"),
        col("common_name"),
        col("shared_site"),
        col("end_date"),
    );
    let nation_i = col("nation").or_else(|| col("territory"));
    let mut out = Vec::new();
    let mut codes = HashSet::new();
    for (i, row) in rdr.records().enumerate() {
        let line = i + 2;
        let row = row.map_err(|e| RegistryError::new(format!("line {line}: {e}")))?;
        let get = |idx: Option<usize>| {
            idx.and_then(|j| row.get(j))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let code = get(Some(code_i));
        if code.is_empty() {
            return Err(RegistryError::new(format!("line {line}: no code")));
        }
        if !codes.insert(code.to_ascii_uppercase()) {
            return Err(RegistryError::new(format!(
                "line {line}: the code {code} is listed twice"
            )));
        }
        let platform = match get(Some(platform_i)).to_ascii_lowercase().as_str() {
            "moderngov" | "modern.gov" => Platform::Moderngov,
            "cmis" => Platform::Cmis,
            "other" | "" => Platform::Other,
            p => {
                return Err(RegistryError::new(format!(
                    "line {line} ({code}): unknown platform {p:?} (moderngov, cmis or other)"
                )));
            }
        };
        let base_url = get(Some(url_i)).trim_end_matches('/').to_string();
        if !base_url.is_empty() && url::Url::parse(&base_url).is_err() {
            return Err(RegistryError::new(format!(
                "line {line} ({code}): base_url {base_url:?} is not a URL"
            )));
        }
        let end_date = get(end_i);
        if let Some(t) = today
            && !end_date.is_empty()
            && end_date.as_str() <= t
        {
            continue;
        }
        let name = get(Some(name_i));
        let common = Some(get(common_i))
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| name.clone());
        out.push(CouncilEntry::new(
            code,
            get(gss_i),
            name,
            common,
            get(nation_i),
            platform,
            base_url,
            get(shared_i),
            end_date,
        ));
    }
    Ok(out)
}

/// A registry as CSV, in the same layout [`parse`] reads (and `data/councils.csv` has).
pub fn render(councils: &[CouncilEntry]) -> Result<String, RegistryError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let fail = |e: csv::Error| RegistryError::new(e.to_string());
    w.write_record(COLUMNS).map_err(fail)?;
    for c in councils {
        w.write_record([
            &c.code,
            &c.gss,
            &c.name,
            &c.common_name,
            &c.nation,
            c.platform.as_str(),
            &c.base_url,
            &c.shared_site,
            &c.end_date,
        ])
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| RegistryError::new(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| RegistryError::new(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_registry_round_trips() {
        let text = super::super::EMBEDDED;
        let councils = parse(text, None).unwrap();
        assert_eq!(render(&councils).unwrap(), text);
    }

    #[test]
    fn a_hand_made_registry_is_read_or_refused_with_the_line() {
        let ok = "code,name,platform,base_url,end_date\nXYZ,Anytown Council,cmis,https://h/cmis/Meetings.aspx/,\nOLD,Gone Council,other,,2020-03-31\n";
        let c = parse(ok, Some("2024-01-01")).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].common_name, "Anytown Council");
        assert_eq!(c[0].short_name(), "Anytown");
        assert_eq!(c[0].base_url, "https://h/cmis/Meetings.aspx");
        assert_eq!(parse(ok, None).unwrap().len(), 2);
        let bad = "code,name,platform,base_url\nXYZ,A,joomla,https://h\n";
        assert_eq!(
            parse(bad, None).unwrap_err().to_string(),
            "line 2 (XYZ): unknown platform \"joomla\" (moderngov, cmis or other)"
        );
        let twice = "code,name,platform,base_url\nXYZ,A,other,\nxyz,B,other,\n";
        assert!(
            parse(twice, None)
                .unwrap_err()
                .to_string()
                .contains("listed twice")
        );
        assert!(
            parse("name,platform\n", None)
                .unwrap_err()
                .to_string()
                .contains("`code`")
        );
    }
}
