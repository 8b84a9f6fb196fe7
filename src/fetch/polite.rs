//! Per-host politeness shared by every thread: at most one request in flight per host, and
//! at least the host's interval from the end of one request to the start of the next. That
//! spaces the starts by at least as much, as the server sees them too (a request reaches the
//! server before its answer ends), whatever the network or thread scheduling does. A
//! server's `Retry-After` (or a backoff) holds the whole host, not just the URL refused.
//!
//! Hosts are keyed by name without the port, so two sites on one machine share one budget.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

const DAY: Duration = Duration::from_secs(86_400);

#[derive(Default)]
struct Slot {
    busy: bool,
    last_end: Option<Instant>,
    hold_until: Option<Instant>,
}

/// The shared scheduler.
#[derive(Default)]
pub struct Politeness {
    hosts: Mutex<HashMap<String, Slot>>,
    cv: Condvar,
}

/// The right to send one request to a host; released on drop.
pub struct Permit<'a> {
    owner: &'a Politeness,
    host: String,
}

impl Politeness {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Slot>> {
        self.hosts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until a request to `host` may start, `interval` after the previous one ended.
    pub fn acquire(&self, host: &str, interval: Duration) -> Permit<'_> {
        let mut map = self.lock();
        loop {
            let now = Instant::now();
            let slot = map.entry(host.to_string()).or_default();
            if slot.busy {
                map = self.cv.wait(map).unwrap_or_else(|e| e.into_inner());
                continue;
            }
            // A huge interval (a typo in --delay) waits a day, never overflows.
            let after = |t: Instant| t.checked_add(interval).unwrap_or(t + DAY);
            let ready = [slot.last_end.map(after), slot.hold_until]
                .into_iter()
                .flatten()
                .max();
            match ready {
                Some(r) if r > now => {
                    map = self
                        .cv
                        .wait_timeout(map, r - now)
                        .unwrap_or_else(|e| e.into_inner())
                        .0;
                }
                _ => {
                    slot.busy = true;
                    return Permit {
                        owner: self,
                        host: host.to_string(),
                    };
                }
            }
        }
    }

    /// Holds every request to `host` until `until`.
    pub fn hold(&self, host: &str, until: Instant) {
        let mut map = self.lock();
        let slot = map.entry(host.to_string()).or_default();
        slot.hold_until = Some(slot.hold_until.map_or(until, |h| h.max(until)));
        self.cv.notify_all();
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut map = self.owner.lock();
        if let Some(slot) = map.get_mut(&self.host) {
            slot.busy = false;
            slot.last_end = Some(Instant::now());
        }
        self.owner.cv.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn starts_are_spaced_across_threads() {
        let p = Arc::new(Politeness::default());
        let starts = Arc::new(Mutex::new(Vec::new()));
        let interval = Duration::from_millis(30);
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let (p, starts) = (p.clone(), starts.clone());
                std::thread::spawn(move || {
                    for _ in 0..3 {
                        let _permit = p.acquire("h", interval);
                        starts.lock().unwrap().push(Instant::now());
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let mut s = starts.lock().unwrap().clone();
        s.sort();
        assert_eq!(s.len(), 12);
        for w in s.windows(2) {
            assert!(w[1] - w[0] >= interval, "{:?}", w[1] - w[0]);
        }
    }

    #[test]
    fn hold_delays_the_next_start() {
        let p = Politeness::default();
        drop(p.acquire("h", Duration::ZERO));
        let t0 = Instant::now();
        p.hold("h", t0 + Duration::from_millis(50));
        drop(p.acquire("h", Duration::ZERO));
        assert!(t0.elapsed() >= Duration::from_millis(50));
        let t1 = Instant::now();
        drop(p.acquire("other", Duration::from_secs(5)));
        assert!(t1.elapsed() < Duration::from_millis(40));
    }
}
