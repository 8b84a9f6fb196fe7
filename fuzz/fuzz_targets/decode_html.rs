//! HTML of any bytes: decoded (charset from `<meta>` or detection, the tree or the flat reader);
//! an error or checked text.
#![no_main]

use councilrecs::decode::{self, Format, Hint, Limits, NoConverters};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A small tree limit sends larger inputs down the flat reader too.
    let limits = Limits {
        max_html_tree_bytes: if data.first().is_some_and(|b| b & 1 == 1) { 512 } else { 1 << 20 },
        ..Limits::default()
    };
    let hint = Hint { name: Some("page.html"), content_type: None };
    if let Ok(d) = decode::decode(data, Format::Html, &hint, &limits, &NoConverters) {
        councilrecs_fuzz::check_decoded(&d);
    }
});
