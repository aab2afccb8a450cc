//! The quick YAML reader against granit's: whenever the quick one reads a
//! text, the tree (spans included) must be the one granit's events give.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    if let Some(quick) = bote::fuzz::parse_plain(src) {
        assert_eq!(Ok(quick), bote::fuzz::parse_events(src), "{src:?}");
    }
});
