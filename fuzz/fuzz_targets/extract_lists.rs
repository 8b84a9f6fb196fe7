//! Structure-aware: documents built of numbered, lettered, roman, decimal, bulleted, dashed and
//! bare `That …` lists under the lead-ins councils use, nested, restarted, wrapped, on one line
//! or spread over blank lines, between paragraphs of prose; normalised as a decoder would, then
//! extracted with every span checked.
#![no_main]

use councilrecs::decode::normalise::normalise_plain;
use councilrecs_fuzz::Doc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|doc: Doc| {
    let text = doc.render();
    let (t, pages) = normalise_plain(&text);
    councilrecs_fuzz::extract_and_check(&t, &pages, false);
});
