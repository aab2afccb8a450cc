//! Any text as an estimate file: load, evaluate, render every format. Must
//! never panic; errors must render.
#![no_main]

use bote::report::{self, Format, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    match bote::estimate::load("fuzz.yaml", src).and_then(|e| e.evaluate()) {
        Ok(ev) => {
            for f in [Format::Table, Format::Markdown, Format::Json, Format::Csv] {
                let _ = report::render(&ev, f, Options { explain: true, color: false });
            }
        }
        Err(d) => {
            let _ = d.render(false);
        }
    }
});
