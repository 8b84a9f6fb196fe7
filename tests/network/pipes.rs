//! `fetch` and `crawl` in a pipe whose reader goes away (`| head -1`), against the test site:
//! exit code 0 and nothing on standard error, like every other command
//! (`tests/integration/pipes.rs`).

use crate::sites;
use crate::util::{Dir, bin, with_early_close};

#[test]
fn fetch_and_crawl_end_quietly_when_the_reader_goes_away() {
    let srv = sites::moderngov();
    let o = srv.origin();
    for read in [0, 16] {
        let dir = Dir::new("net-pipe");
        let store = dir.join("store");
        let urls: Vec<String> = (0..40)
            .map(|i| format!("{o}/mgWebService.asmx/GetCommittees?copy={i}"))
            .collect();
        let (code, err) = with_early_close(
            bin()
                .args(["fetch", "--delay", "0", "--store"])
                .arg(&store)
                .args(&urls),
            read,
        );
        assert_eq!(code, Some(0), "fetch: {err}");
        assert_eq!(err, "", "fetch");

        let (code, err) = with_early_close(
            bin()
                .args([
                    "crawl",
                    "--base",
                    &o,
                    "--from",
                    "2023-01-01",
                    "--to",
                    "2023-12-31",
                ])
                .args([
                    "--match",
                    "peer (challenge|review)",
                    "--delay",
                    "0.01",
                    "--store",
                ])
                .arg(&store),
            read,
        );
        assert_eq!(code, Some(0), "crawl: {err}");
        assert_eq!(err, "", "crawl");
    }
}
