//! Runs a job over many documents on rayon and hands the results to a sink in input order,
//! whatever the thread count.
//!
//! Each thread takes the next document as soon as it is free, so one slow document holds up
//! only its own thread; the results wait in a reorder buffer until those before them are
//! written. Memory stays flat as the number of documents grows: no thread starts a document
//! more than a window (`PER_THREAD` per thread) ahead of the last one written.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, MutexGuard};

/// How many documents each thread may be ahead of the last one written.
const PER_THREAD: usize = 16;

/// Maps `job` over `inputs` in parallel and calls `sink` with each result in input order.
/// Stops early (returning the sink's error) when the sink fails, e.g. on a closed pipe; a
/// panic in `job` stops the run and is raised again here.
pub fn run_ordered<I, T, E>(
    inputs: &[I],
    pool: &rayon::ThreadPool,
    job: impl Fn(&I) -> T + Sync,
    mut sink: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Sync,
    T: Send,
{
    if inputs.is_empty() {
        return Ok(());
    }
    let threads = pool.current_num_threads().clamp(1, inputs.len());
    let window = threads * PER_THREAD;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results the sink has taken, and a signal when that moves (or the run stops).
    let written = Mutex::new(0usize);
    let moved = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    let halt = || {
        stop.store(true, Ordering::SeqCst);
        let _guard = lock(&written);
        moved.notify_all();
    };
    let work = |tx: mpsc::Sender<(usize, T)>| {
        while !stop.load(Ordering::SeqCst) {
            let i = next.fetch_add(1, Ordering::SeqCst);
            let Some(input) = inputs.get(i) else { break };
            let mut w = lock(&written);
            while i >= *w + window && !stop.load(Ordering::SeqCst) {
                w = moved.wait(w).unwrap_or_else(|e| e.into_inner());
            }
            drop(w);
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(input)));
            match done {
                Ok(r) => {
                    if tx.send((i, r)).is_err() {
                        break;
                    }
                }
                Err(panic) => {
                    halt();
                    std::panic::resume_unwind(panic);
                }
            }
        }
    };
    let mut result = Ok(());
    std::thread::scope(|s| {
        let work = &work;
        s.spawn(move || {
            pool.scope(|ps| {
                for _ in 0..threads {
                    let tx = tx.clone();
                    ps.spawn(move |_| work(tx));
                }
                drop(tx);
            })
        });
        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut done = 0usize;
        'results: for (i, r) in rx.iter() {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&done) {
                if let Err(e) = sink(done, r) {
                    result = Err(e);
                    break 'results;
                }
                done += 1;
                *lock(&written) = done;
                moved.notify_all();
            }
        }
        // The sink failed (or a job panicked): the threads finish what they hold and stop.
        halt();
        drop(rx);
    });
    result
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A thread pool of `threads` workers (0 = one per core).
pub fn pool(threads: usize) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_kept_with_many_threads() {
        let inputs: Vec<u64> = (0..500).collect();
        let p = pool(4).unwrap();
        let mut seen = Vec::new();
        run_ordered(
            &inputs,
            &p,
            |&n| {
                // Uneven work so that results finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 300));
                n * 2
            },
            |i, v| -> Result<(), ()> {
                seen.push((i, v));
                Ok(())
            },
        )
        .unwrap();
        let expected: Vec<(usize, u64)> = (0..500).map(|n| (n as usize, n * 2)).collect();
        assert_eq!(seen, expected);
    }

    /// The jobs done so far, and a signal when one is done; `wait_for` gives up after ten
    /// seconds so that a scheduler that cannot get there fails the test instead of hanging.
    #[derive(Default)]
    struct Done {
        set: Mutex<Vec<usize>>,
        changed: Condvar,
    }

    impl Done {
        fn add(&self, n: usize) {
            lock(&self.set).push(n);
            self.changed.notify_all();
        }

        fn wait_for(&self, n: usize) -> bool {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            let mut set = lock(&self.set);
            while !set.contains(&n) {
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                if left.is_zero() {
                    return false;
                }
                set = self.changed.wait_timeout(set, left).unwrap().0;
            }
            true
        }
    }

    #[test]
    fn a_slow_document_does_not_hold_back_the_next_window() {
        // Document 40 waits until document 70 is done: the other thread must go on past the
        // end of 40's window of 32 while 40 is still being read.
        let inputs: Vec<usize> = (0..100).collect();
        let p = pool(2).unwrap();
        let done = Done::default();
        let mut seen = Vec::new();
        run_ordered(
            &inputs,
            &p,
            |&n| {
                let waited = n != 40 || done.wait_for(70);
                done.add(n);
                (n, waited)
            },
            |i, v| -> Result<(), ()> {
                seen.push((i, v));
                Ok(())
            },
        )
        .unwrap();
        let expected: Vec<(usize, (usize, bool))> = (0..100).map(|n| (n, (n, true))).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn no_document_starts_more_than_a_window_ahead_of_the_output() {
        // Document 3 is held until one 16 places ahead has started; nothing may start 32
        // places (two threads' windows) ahead of the last result written.
        let inputs: Vec<usize> = (0..400).collect();
        let p = pool(2).unwrap();
        let written = AtomicUsize::new(0);
        let ahead = AtomicUsize::new(0);
        let started = Done::default();
        run_ordered(
            &inputs,
            &p,
            |&n| {
                started.add(n);
                ahead.fetch_max(n - written.load(Ordering::SeqCst), Ordering::SeqCst);
                if n == 3 {
                    assert!(started.wait_for(3 + PER_THREAD));
                }
                n
            },
            |i, _| -> Result<(), ()> {
                written.store(i + 1, Ordering::SeqCst);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(written.load(Ordering::SeqCst), 400);
        let lead = ahead.load(Ordering::SeqCst);
        assert!((PER_THREAD..2 * PER_THREAD).contains(&lead), "{lead}");
    }

    #[test]
    fn a_panic_in_a_job_is_raised_again() {
        let inputs: Vec<u32> = (0..50).collect();
        let p = pool(2).unwrap();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_ordered(
                &inputs,
                &p,
                |&n| {
                    assert!(n != 7, "job 7 failed");
                    n
                },
                |_, _| -> Result<(), ()> { Ok(()) },
            )
        }));
        assert!(r.is_err());
    }

    #[test]
    fn sink_error_stops_the_run() {
        let inputs: Vec<u32> = (0..100).collect();
        let p = pool(2).unwrap();
        let mut count = 0;
        let r = run_ordered(
            &inputs,
            &p,
            |&n| n,
            |_, _| {
                count += 1;
                if count == 3 { Err("closed") } else { Ok(()) }
            },
        );
        assert_eq!(r, Err("closed"));
        assert_eq!(count, 3);
    }
}
