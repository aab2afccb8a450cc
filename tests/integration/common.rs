//! Helpers shared by the integration tests.

use bote::Env;
use std::ffi::OsString;

/// What a command printed and returned.
pub struct Outcome {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run bote in-process with `args` (without the program name) and `stdin`.
pub fn bote(args: &[&str], stdin: &str) -> Outcome {
    bote_bytes(args, stdin.as_bytes())
}

/// [`bote`] with standard input as raw bytes, which need not be UTF-8.
pub fn bote_bytes(args: &[&str], stdin: &[u8]) -> Outcome {
    bote_at(None, args, stdin)
}

/// [`bote`] as at a terminal `columns` wide (output still captured, so
/// never paged); `None` is a pipe.
pub fn bote_at(columns: Option<usize>, args: &[&str], stdin: &[u8]) -> Outcome {
    let mut input = stdin;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut io = bote::Io {
        stdin: &mut input,
        stdout: &mut out,
        stderr: &mut err,
        color: false,
        color_out: false,
        term_width: columns,
        term_height: None,
        process_ends: false,
        interactive: false,
    };
    let argv = std::iter::once(OsString::from("bote")).chain(args.iter().map(OsString::from));
    let status = bote::run(argv, &mut io);
    Outcome {
        status,
        stdout: String::from_utf8(out).unwrap(),
        stderr: String::from_utf8(err).unwrap(),
    }
}

/// Evaluate with the default calendar; the value in the unit shown.
pub fn value_of(src: &str) -> (f64, String) {
    let a = bote::evaluate(src, &Env::default()).unwrap_or_else(|e| panic!("{src}: {e}"));
    (a.shown.value, a.shown.unit.into_owned())
}

pub fn assert_close(got: f64, want: f64, what: &str) {
    let tol = 1e-9 * want.abs().max(1e-300);
    assert!((got - want).abs() <= tol, "{what}: got {got}, want {want}");
}

/// A fresh, empty folder for one test.
pub fn folder(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bote-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The path of the bote binary this test run built.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_bote")
}
