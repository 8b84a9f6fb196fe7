//! Runs a job over many documents on rayon and hands the results to a sink in input order,
//! whatever the thread count. Work goes in windows of a bounded size, so memory does not
//! grow with the number of documents: each window's results are written before the next
//! window starts.

use rayon::prelude::*;

/// How many documents each thread takes per window.
const PER_THREAD: usize = 16;

/// Maps `job` over `inputs` in parallel and calls `sink` with each result in input order.
/// Stops early (returning the sink's error) when the sink fails, e.g. on a closed pipe.
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
    let window = (pool.current_num_threads() * PER_THREAD).max(1);
    let mut done = 0usize;
    for chunk in inputs.chunks(window) {
        let results: Vec<T> = pool.install(|| chunk.par_iter().map(&job).collect());
        for r in results {
            sink(done, r)?;
            done += 1;
        }
    }
    Ok(())
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
