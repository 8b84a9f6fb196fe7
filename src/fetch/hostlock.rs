//! Politeness between processes that share a store: one lock file per host under
//! `hosts/` in the store, held (an OS file lock) for the length of each request, holding the
//! time the last request to that host ended and any `Retry-After` hold. A second
//! `councilrecs` on the same store waits its turn exactly as a second thread does; a killed
//! process releases its lock with it.

use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The lock files of one store.
pub struct HostLocks {
    dir: PathBuf,
}

/// A host's lock, held until dropped; [`HostTurn::end`] records when the request ended.
pub struct HostTurn {
    file: File,
    hold_until: u128,
}

fn millis(t: SystemTime) -> u128 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis())
}

/// `last_end_ms hold_until_ms` as written in a lock file.
fn read_stamps(file: &mut File) -> (u128, u128) {
    let mut s = String::new();
    let _ = file.seek(SeekFrom::Start(0));
    let _ = file.take(100).read_to_string(&mut s);
    let mut it = s.split_whitespace().map(|w| w.parse::<u128>().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

impl HostLocks {
    pub fn new(store_root: &std::path::Path) -> std::io::Result<HostLocks> {
        let dir = store_root.join("hosts");
        std::fs::create_dir_all(&dir)?;
        Ok(HostLocks { dir })
    }

    /// Waits for the host's lock and then for `interval` after the last request any process
    /// made to it (or its hold) to pass.
    pub fn turn(&self, host: &str, interval: Duration) -> std::io::Result<HostTurn> {
        let digest = Sha256::digest(host.as_bytes());
        let name: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(self.dir.join(name))?;
        file.lock()?;
        let (last_end, hold) = read_stamps(&mut file);
        let ready = (last_end + interval.as_millis()).max(hold);
        let now = millis(SystemTime::now());
        if ready > now {
            // Never more than a day, whatever the file says.
            let wait = u64::try_from(ready - now)
                .unwrap_or(u64::MAX)
                .min(86_400_000);
            std::thread::sleep(Duration::from_millis(wait));
        }
        Ok(HostTurn {
            file,
            hold_until: hold,
        })
    }
}

impl HostTurn {
    /// Holds the host for every process until `until` (a `Retry-After`).
    pub fn hold(&mut self, until: SystemTime) {
        self.hold_until = self.hold_until.max(millis(until));
    }
}

impl Drop for HostTurn {
    fn drop(&mut self) {
        let stamp = format!("{} {}\n", millis(SystemTime::now()), self.hold_until);
        let _ = self.file.set_len(0);
        let _ = self.file.seek(SeekFrom::Start(0));
        let _ = self.file.write_all(stamp.as_bytes());
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_are_spaced_and_holds_kept() {
        let dir = std::env::temp_dir().join(format!("councilrecs-hostlock-{}", std::process::id()));
        let locks = HostLocks::new(&dir).unwrap();
        drop(locks.turn("h", Duration::ZERO).unwrap());
        let t0 = std::time::Instant::now();
        drop(locks.turn("h", Duration::from_millis(60)).unwrap());
        assert!(
            t0.elapsed() >= Duration::from_millis(55),
            "{:?}",
            t0.elapsed()
        );
        let mut t = locks.turn("h", Duration::ZERO).unwrap();
        t.hold(SystemTime::now() + Duration::from_millis(80));
        drop(t);
        let t1 = std::time::Instant::now();
        drop(locks.turn("h", Duration::ZERO).unwrap());
        assert!(
            t1.elapsed() >= Duration::from_millis(70),
            "{:?}",
            t1.elapsed()
        );
        let t2 = std::time::Instant::now();
        drop(locks.turn("other", Duration::from_secs(5)).unwrap());
        assert!(t2.elapsed() < Duration::from_millis(50));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
