//! The YAML reader on any text: it never panics (the `estimate` target
//! checks that its errors render inside the text).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let _ = bote::fuzz::parse_events(src);
});
