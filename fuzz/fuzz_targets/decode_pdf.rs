//! PDF of any bytes, read by the built-in reader (no converter): an error or checked text.
#![no_main]

use councilrecs::decode::{self, Format, Hint, Limits, NoConverters};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let hint = Hint { name: Some("report.pdf"), content_type: None };
    if let Ok(d) = decode::decode(data, Format::Pdf, &hint, &Limits::default(), &NoConverters) {
        councilrecs_fuzz::check_decoded(&d);
    }
});
