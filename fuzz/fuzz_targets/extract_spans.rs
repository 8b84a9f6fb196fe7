//! `extract` over any text: as it comes (any valid UTF-8), or first normalised as a decoder
//! would; every item's `quote` must be the text at its `span`.
#![no_main]

use councilrecs::decode::normalise::normalise_plain;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    if mode & 1 == 0 {
        councilrecs_fuzz::extract_and_check(text, &[], false);
    } else {
        let (t, pages) = normalise_plain(text);
        councilrecs_fuzz::extract_and_check(&t, &pages, mode & 2 != 0);
    }
});
