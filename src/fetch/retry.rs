//! When to try again: which answers are worth retrying, `Retry-After` (seconds or an HTTP
//! date), and exponential backoff with jitter. Every value a server sends is parsed with
//! checked conversions: a `Retry-After` of `1e20`, a twenty-digit number, `-1`, `NaN` or a date
//! in the year 9999 is read as "longer than we wait", never as a panic.

use std::time::{Duration, SystemTime};

/// Statuses that mean "not now" rather than "no".
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// What a `Retry-After` header asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Wait this long (at most the cap), then try again.
    Wait(Duration),
    /// Longer than the cap: give up on this URL rather than wait.
    TooLong,
}

/// Reads a `Retry-After` value (delay-seconds, a decimal, or an HTTP date) against `cap`;
/// `None` when the value means nothing.
pub fn retry_after(value: &str, now: SystemTime, cap: Duration) -> Option<After> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let within = |d: Duration| {
        if d > cap {
            After::TooLong
        } else {
            After::Wait(d)
        }
    };
    if v.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still "a very long time".
        return Some(
            v.parse::<u64>()
                .map_or(After::TooLong, |s| within(Duration::from_secs(s))),
        );
    }
    if let Ok(secs) = v.parse::<f64>() {
        if !secs.is_finite() || secs < 0.0 {
            return None;
        }
        return Some(match Duration::try_from_secs_f64(secs) {
            Ok(d) => within(d),
            Err(_) => After::TooLong,
        });
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(within(at.duration_since(now).unwrap_or(Duration::ZERO)))
}

/// The wait before try number `attempt + 1`: `base · 2^(attempt-1)`, ±25 % jitter, never more
/// than `cap`.
pub fn backoff(attempt: u32, base: Duration, cap: Duration) -> Duration {
    let factor = 1u32 << attempt.saturating_sub(1).min(16);
    let exp = base.checked_mul(factor).unwrap_or(cap).min(cap);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    // A cheap, well-spread number in [0, 1) from the clock's low bits.
    let r = f64::from(nanos.wrapping_mul(2_654_435_761) >> 8) / f64::from(1u32 << 24);
    Duration::try_from_secs_f64(exp.as_secs_f64() * (0.75 + 0.5 * r))
        .unwrap_or(cap)
        .min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAP: Duration = Duration::from_secs(120);

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let wait = |s| retry_after(s, now, CAP);
        assert_eq!(wait("2"), Some(After::Wait(Duration::from_secs(2))));
        assert_eq!(wait(" 0.5 "), Some(After::Wait(Duration::from_millis(500))));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(wait(&later), Some(After::Wait(Duration::from_secs(30))));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(wait(&past), Some(After::Wait(Duration::ZERO)));
        assert_eq!(wait("soon"), None);
        assert_eq!(wait(""), None);
        assert!(is_retryable_status(503) && !is_retryable_status(500));
    }

    #[test]
    fn hostile_retry_after_values_never_panic() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let wait = |s| retry_after(s, now, CAP);
        assert_eq!(wait("1e20"), Some(After::TooLong));
        assert_eq!(wait("1e308"), Some(After::TooLong));
        assert_eq!(wait("99999999999999999999"), Some(After::TooLong));
        assert_eq!(wait("18446744073709551615"), Some(After::TooLong));
        assert_eq!(wait("121"), Some(After::TooLong));
        assert_eq!(wait("-1"), None);
        assert_eq!(wait("NaN"), None);
        assert_eq!(wait("inf"), None);
        assert_eq!(wait("Fri, 31 Dec 9999 23:59:59 GMT"), Some(After::TooLong));
        assert_eq!(wait("\u{0}\u{ff}"), None);
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_capped() {
        let base = Duration::from_millis(100);
        for attempt in 1..4 {
            let b = backoff(attempt, base, CAP);
            let mid = base * (1 << (attempt - 1));
            assert!(b >= mid.mul_f64(0.75) && b <= mid.mul_f64(1.25), "{b:?}");
        }
        assert!(backoff(40, Duration::MAX, CAP) <= CAP);
        assert!(backoff(u32::MAX, Duration::from_secs(1_000_000), CAP) <= CAP);
    }
}
