//! Dates as councils write them (`18/09/2023`, `14 November 2023`, `Tuesday, 5th March 2024`,
//! `March 5, 2024`, `2023-09-18`), read into ISO `YYYY-MM-DD`.

use super::textutil::re_new;
use crate::source::date::{Date, month_from_name};
use regex::Regex;
use std::sync::LazyLock;

/// A date with its day: `18/09/2023`, `2023-09-18`, `18th September 2023`, `September 18, 2023`.
/// Not `September 2023` (no day).
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re_new(
        r"(?xi)
        \b(?P<d1>\d{1,2})\s*[/.]\s*(?P<m1>\d{1,2})\s*[/.]\s*(?P<y1>\d{4})\b
      | \b(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})\b
      | \b(?P<d3>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mn3>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(?P<y3>\d{4})\b
      | \b(?P<mn4>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<d4>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{4})\b",
    )
    .unwrap()
});

/// A date found in text: its ISO form and byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub iso: String,
    pub start: usize,
    pub end: usize,
}

/// Every valid date in `s`, in order.
pub fn find_dates(s: &str) -> Vec<FoundDate> {
    DATE.captures_iter(s)
        .filter_map(|c| {
            let m = c.get(0)?;
            let (d, mo, y) = if let Some(d) = c.name("d1") {
                (
                    d.as_str().parse().ok()?,
                    c["m1"].parse().ok()?,
                    c["y1"].parse().ok()?,
                )
            } else if let Some(y) = c.name("y2") {
                (
                    c["d2"].parse().ok()?,
                    c["m2"].parse().ok()?,
                    y.as_str().parse().ok()?,
                )
            } else if let Some(d) = c.name("d3") {
                (
                    d.as_str().parse().ok()?,
                    month(&c["mn3"])?,
                    c["y3"].parse().ok()?,
                )
            } else {
                (
                    c["d4"].parse().ok()?,
                    month(&c["mn4"])?,
                    c["y4"].parse().ok()?,
                )
            };
            iso(y, mo, d).map(|iso| FoundDate {
                iso,
                start: m.start(),
                end: m.end(),
            })
        })
        .collect()
}

/// The first valid date in `s`.
pub fn first_date(s: &str) -> Option<FoundDate> {
    find_dates(s).into_iter().next()
}

fn month(name: &str) -> Option<u32> {
    month_from_name(name)
}

/// ISO form of a plausible meeting date (1900–2100).
fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    Date::new(y as i32, m, d).map(|date| date.iso())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Option<String> {
        first_date(s).map(|d| d.iso)
    }

    #[test]
    fn formats() {
        assert_eq!(
            one("Meeting: 18/09/2023 - Cabinet"),
            Some("2023-09-18".into())
        );
        assert_eq!(
            one("OVERVIEW AND SCRUTINY COMMITTEE – 14 NOVEMBER 2023"),
            Some("2023-11-14".into())
        );
        assert_eq!(
            one("held on Tuesday, 5th March 2024 at 6pm"),
            Some("2024-03-05".into())
        );
        assert_eq!(one("January 22, 2026"), Some("2026-01-22".into()));
        assert_eq!(one("2023-09-18"), Some("2023-09-18".into()));
        assert_eq!(one("22&#47;10&#47;2015"), None);
        assert_eq!(one("31/02/2023"), None);
        assert_eq!(one("the 2023/24 budget"), None);
    }

    /// Each pattern against the examples in its comment: the first must match, the second not.
    #[test]
    fn patterns_match_their_documented_examples() {
        let cases: &[(&regex::Regex, &str, &str)] =
            &[(&*super::DATE, "18/09/2023", "September 2023")];
        crate::extract::textutil::assert_documented_examples(cases);
    }
}
