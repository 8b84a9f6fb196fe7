//! Calendar dates as democracy sites write them (`10/02/2026`, `9 Jul 2026`,
//! `Monday, 16th January, 2023`), with the little arithmetic a date window needs.

use std::fmt;

/// A day in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The month (1–12) a name or abbreviation stands for (`Jan`, `June`, `Sept`).
pub fn month_from_name(name: &str) -> Option<u32> {
    let lower = name.trim().trim_end_matches('.').to_ascii_lowercase();
    let key = lower.get(..3)?;
    let i = MONTHS.iter().position(|m| *m == key)?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][i];
    (full.starts_with(&lower) || lower == "sept").then_some(i as u32 + 1)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        Date::new(y, m, d)
    }

    /// `dd/mm/yyyy`, as the Modern.Gov web service and pages write it.
    pub fn parse_dmy(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '/');
        let d = parts.next()?.trim().parse().ok()?;
        let m = parts.next()?.trim().parse().ok()?;
        let y: String = parts
            .next()?
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        Date::new(y.parse().ok()?, m, d)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `dd/mm/yyyy`.
    pub fn dmy(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Every (year, month) from this date's month to `end`'s month, inclusive.
    pub fn months_through(self, end: Date) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let (mut y, mut m) = (self.year, self.month);
        while (y, m) <= (end.year, end.month) {
            out.push((y, m));
            if m == 12 {
                y += 1;
                m = 1;
            } else {
                m += 1;
            }
        }
        out
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: Date,
    pub to: Date,
}

impl Window {
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

/// The first date in `s`: `dd/mm/yyyy`, `d Month yyyy` (with optional weekday, ordinal suffix
/// and comma), or `YYYY-MM-DD`.
pub fn find_date(s: &str) -> Option<Date> {
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    for (i, t) in tokens.iter().enumerate() {
        let t = t.trim_matches(|c: char| matches!(c, '(' | ')' | '-' | '–' | ':' | '.'));
        if t.matches('/').count() == 2
            && let Some(d) = Date::parse_dmy(t)
        {
            return Some(d);
        }
        if t.len() == 10
            && t.as_bytes().get(4) == Some(&b'-')
            && let Some(d) = Date::parse_iso(t)
        {
            return Some(d);
        }
        let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &t[digits.len()..];
        let is_day = !digits.is_empty()
            && digits.len() <= 2
            && digits.chars().all(|c| c.is_ascii_digit())
            && matches!(
                suffix.to_ascii_lowercase().as_str(),
                "" | "st" | "nd" | "rd" | "th"
            );
        if !is_day {
            continue;
        }
        let (Some(mon), Some(year)) = (tokens.get(i + 1), tokens.get(i + 2)) else {
            continue;
        };
        let Some(month) = month_from_name(mon) else {
            continue;
        };
        let year: String = year.chars().take_while(char::is_ascii_digit).collect();
        if year.len() != 4 {
            continue;
        }
        if let (Ok(day), Ok(year)) = (digits.parse(), year.parse())
            && let Some(d) = Date::new(year, month, day)
        {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_site_formats() {
        assert_eq!(Date::parse_dmy("10/02/2026"), Date::new(2026, 2, 10));
        assert_eq!(Date::parse_dmy(" 1/7/2023 "), Date::new(2023, 7, 1));
        assert_eq!(Date::parse_dmy("31/02/2023"), None);
        assert_eq!(
            find_date("9 Jul 2026 11:00 - Planning"),
            Date::new(2026, 7, 9)
        );
        assert_eq!(
            find_date("Cabinet - Monday, 16th January, 2023 10.00 am"),
            Date::new(2023, 1, 16)
        );
        assert_eq!(
            find_date("Meeting: 18/09/2023 - Cabinet (Item 61)"),
            Date::new(2023, 9, 18)
        );
        assert_eq!(find_date("3 Aug 2026 - 10:00"), Date::new(2026, 8, 3));
        assert_eq!(find_date("Item 4 of 12"), None);
        assert_eq!(month_from_name("Sept"), Some(9));
        assert_eq!(month_from_name("Junk"), None);
    }

    #[test]
    fn day_arithmetic_round_trips() {
        let d = Date::new(2024, 2, 29).unwrap();
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(d.add_days(1), Date::new(2024, 3, 1).unwrap());
        assert_eq!(d.add_days(-366), Date::new(2023, 2, 28).unwrap());
        let months = Date::new(2023, 11, 5)
            .unwrap()
            .months_through(Date::new(2024, 2, 1).unwrap());
        assert_eq!(months, [(2023, 11), (2023, 12), (2024, 1), (2024, 2)]);
    }
}
