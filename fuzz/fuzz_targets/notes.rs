//! `bote notes` on any bytes (as text, invalid UTF-8 replaced): filling a
//! note in never panics, changes no byte outside bote's regions, replaces
//! only whole regions, and a second run is a no-op; with `--force` and
//! without.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let note = String::from_utf8_lossy(data);
    for force in [false, true] {
        if let Err(why) = bote::fuzz::check_note(&note, force) {
            panic!("force {force}: {why}");
        }
    }
});
