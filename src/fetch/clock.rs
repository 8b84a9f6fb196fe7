//! Wall-clock times in the forms the store and records use (RFC 3339, HTTP dates) and
//! today's date for default crawl windows. The only clock in the crate besides timers.

use crate::source::date::Date;
use std::time::{SystemTime, UNIX_EPOCH};

/// `2024-03-05T14:07:09Z`.
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let day = Date::from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        day.iso(),
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

pub fn now_rfc3339() -> String {
    rfc3339(SystemTime::now())
}

/// An HTTP date (`Tue, 05 Mar 2024 14:07:09 GMT`).
pub fn http_date(t: SystemTime) -> String {
    httpdate::fmt_http_date(t)
}

/// Today in UTC.
pub fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    Date::from_days(secs.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats() {
        let t = UNIX_EPOCH + Duration::from_secs(1_709_647_629);
        assert_eq!(rfc3339(t), "2024-03-05T14:07:09Z");
        assert_eq!(http_date(t), "Tue, 05 Mar 2024 14:07:09 GMT");
    }
}
