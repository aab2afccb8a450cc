//! Bad input that a case file cannot hold: generated sizes, bytes that are
//! not UTF-8, closed streams. Every other error case is a file under
//! `tests/cases/` (see `cases.rs`).

use crate::common::bote;
use crate::estimates::file;

fn run_file(text: &str) -> (i32, String) {
    let f = file(text);
    let out = bote(&["run", &f.0], "");
    (out.status, out.stderr)
}

#[test]
fn empty_input() {
    let out = bote(&["eval", ""], "");
    assert_eq!(
        (out.status, out.stderr.lines().next()),
        (1, Some("error: the expression is empty"))
    );
}

#[test]
fn a_file_that_is_not_utf8() {
    let f = crate::estimates::tempfile_path::TempPath::new("");
    std::fs::write(&f.0, b"title: t\xff\nassumptions:\n  a: 1\n").unwrap();
    let out = bote(&["run", &f.0], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr
            .contains("is not UTF-8 text (invalid byte at offset 8)"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_yaml_number_is_read_as_written() {
    // A YAML number is read as the text written, so `1e3` and `010` mean what they say.
    let (status, err) = run_file(
        "title: t\nassumptions:\n  a: 010\nqps:\n  b: { expr: a, expect: 10, tolerance: 0% }\n",
    );
    assert_eq!(status, 0, "{err}");
}

#[test]
fn hostile_sizes_are_refused_quickly() {
    // 100,000 parentheses inside a file.
    let deep = format!(
        "title: t\nassumptions:\n  a: \"{}1{}\"\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let (status, err) = run_file(&deep);
    assert_eq!(status, 1);
    assert!(
        err.contains("the expression is 200001 bytes long; the limit is 10000"),
        "{}",
        &err[..err.len().min(300)]
    );
    let nested = format!(
        "title: t\nassumptions:\n  a: \"{}1{}\"\n",
        "(".repeat(500),
        ")".repeat(500)
    );
    let (_, err) = run_file(&nested);
    assert!(
        err.contains("nests more than 200 levels deep (a level is a pair of parentheses"),
        "{}",
        &err[..err.len().min(300)]
    );
    // A very long line is shown cut down around the error.
    let long = format!(
        "title: t\nassumptions:\n  a: 1{}+ 5 gigabites\n",
        " ".repeat(5_000)
    );
    let (_, err) = run_file(&long);
    assert!(
        err.contains("unknown unit `gigabites`"),
        "{}",
        &err[..err.len().min(300)]
    );
    assert!(err.lines().all(|l| l.chars().count() < 200), "{err}");
    // Billion laughs: refused at the first anchor.
    let mut lol = String::from(
        "title: t\nassumptions:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        lol.push_str(&format!("  {}: &{} [{refs}]\n", w[1], w[1]));
    }
    let start = std::time::Instant::now();
    let (status, err) = run_file(&lol);
    assert_eq!(status, 1);
    assert!(
        err.contains("anchors and aliases (`&name`, `*name`) are not supported"),
        "{err}"
    );
    assert!(start.elapsed().as_secs_f64() < 2.0);
}

#[test]
fn a_50_mb_file_is_refused_after_the_limit() {
    let f = crate::estimates::tempfile_path::TempPath::new("");
    let file = std::fs::File::create(&f.0).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let start = std::time::Instant::now();
    let out = bote(&["run", &f.0], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr
            .contains("holds more than 16,777,216 bytes, the most bote reads from a file"),
        "{}",
        out.stderr
    );
    assert!(start.elapsed().as_secs_f64() < 1.0);
}

/// Through the real binary: a full disk is an error, a closed pipe is not.
#[test]
fn write_errors() {
    let bin = env!("CARGO_BIN_EXE_bote");
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let out = std::process::Command::new(bin)
            .args(["run", "url-shortener"])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write output"));
    }
    let mut child = std::process::Command::new(bin)
        .args(["run", "twitter-timeline", "--explain"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
