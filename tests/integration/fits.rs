//! Every command fits the terminal: at 60, 80 and 100 columns no line of
//! any command's output is wider than the terminal.

use crate::common::bote_at;
use bote::width;

/// Run bote in-process as at a terminal `columns` wide.
fn at(columns: usize, args: &[&str]) -> (i32, String, String) {
    let out = bote_at(Some(columns), args, b"");
    (out.status, out.stdout, out.stderr)
}

#[test]
fn every_command_fits_60_80_100_columns() {
    let commands: &[&[&str]] = &[
        &["refs"],
        &["prices"],
        &["list"],
        &["check", "url-shortener", "twitter-timeline"],
        &["check", "tests/cases/errors/five-mistakes-at-once.yaml"],
        &["run", "url-shortener", "--explain"],
        &["run", "twitter-timeline", "--why", "cache_memory"],
        &["run", "url-shortener", "--why", "peak_read_qps"],
        &["run", "service-mesh", "--summary"],
        &[
            "eval",
            "--explain",
            "100M new URLs a month at 500 bytes for 5 years",
        ],
        &["eval", "5 gigabites"],
        &["--help"],
        &["run", "--help"],
        &["eval", "--help"],
        &["check", "--help"],
        &["new", "--help"],
        &["notes", "--help"],
        &["notes", "examples/notes.md", "--check"],
        &["practice", "--help"],
        &[
            "practice",
            "--drill",
            "--seed",
            "7",
            "--history",
            "/dev/null",
        ],
        &["practice", "url-shortener", "--history", "/dev/null"],
        &["eval", "--pad", "examples/pad.txt"],
    ];
    let mut wide = Vec::new();
    for &columns in &[60, 80, 100] {
        for args in commands {
            let (_, out, err) = at(columns, args);
            for line in out.lines().chain(err.lines()) {
                if width(line) > columns {
                    wide.push(format!("{columns} {args:?}: {line}"));
                }
            }
        }
    }
    assert!(
        wide.is_empty(),
        "{} lines too wide:\n{}",
        wide.len(),
        wide.join("\n")
    );
}
