//! Any text as an estimate file: load, evaluate, render every format. Must
//! never panic; errors must render.
#![no_main]

use bote::{Format, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    match bote::load("fuzz.yaml", src).and_then(|e| e.evaluate()) {
        Ok(ev) => {
            for f in [Format::Table, Format::Markdown, Format::Json, Format::Csv] {
                let opts = Options { explain: true, color: false, width: None, ..Options::default() };
                let _ = bote::render(&ev, f, opts);
            }
            // Tables fitted to a narrow terminal, every layout in turn.
            for width in [20, 40, 80] {
                let opts = Options { explain: true, color: false, width: Some(width), ..Options::default() };
                let _ = bote::render(&ev, Format::Table, opts);
            }
        }
        Err(d) => {
            let _ = d.render(false);
        }
    }
});
