//! A case is a file. Each file under `tests/cases/` is run through bote and
//! its whole output is a snapshot, carets included, so a caret one column
//! off fails. Adding a case means adding a file (then read its snapshot
//! before accepting it: `cargo insta review`).

use crate::common::bote;

/// What a run printed, as one text: the status, then each stream.
fn outcome(out: &crate::common::Outcome) -> String {
    format!(
        "status: {}\n--- stdout\n{}--- stderr\n{}",
        out.status, out.stdout, out.stderr
    )
}

/// The path of `path` from the package root, as a user would type it.
fn relative(path: &std::path::Path) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// Estimate files that must fail: exit 1, nothing on stdout, and the
/// diagnostic exactly as snapshotted.
#[test]
fn error_files() {
    insta::glob!("../cases/errors", "*.yaml", |path| {
        let out = bote(&["run", &relative(path)], "");
        assert_eq!(out.status, 1, "{}", outcome(&out));
        assert!(out.stdout.is_empty(), "{}", outcome(&out));
        insta::assert_snapshot!(outcome(&out));
    });
}

/// Expressions that must fail, one per file (its first line).
#[test]
fn error_expressions() {
    insta::glob!("../cases/expr", "*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let expr = text.lines().next().unwrap_or("");
        let out = bote(&["eval", expr], "");
        assert_eq!(out.status, 1, "{}", outcome(&out));
        insta::assert_snapshot!(outcome(&out));
    });
}

/// Working estimates: each reproduces every figure it publishes.
#[test]
fn working_estimates() {
    insta::glob!("../cases/estimates", "*.yaml", |path| {
        let out = bote(&["check", &relative(path)], "");
        assert_eq!(out.status, 0, "{}", outcome(&out));
        assert!(out.stdout.starts_with("ok "), "{}", outcome(&out));
    });
}

/// Every error goes through the one renderer: no other source file writes
/// `error:` by hand.
#[test]
fn only_the_renderer_writes_error() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    for path in files {
        if path.ends_with("diagnostic.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("\"error:") && !text.contains("\"error: "),
            "{} writes `error:` itself; build a Diagnostic instead",
            path.display()
        );
    }
}

/// The textbook problems under `examples/`, written in the books' own
/// notation, reproduce the books' figures.
#[test]
fn textbook_examples() {
    insta::glob!("../../examples", "*.yaml", |path| {
        let out = bote(&["check", &relative(path)], "");
        assert_eq!(out.status, 0, "{}", outcome(&out));
        assert!(out.stdout.starts_with("ok "), "{}", outcome(&out));
    });
}
