//! First try: a file as a reader first writes it runs, and a file with
//! several mistakes shows them all in one run.

use crate::common::bote;

/// Every independent mistake is reported in one run, in file order; what
/// depends on a broken quantity is not reported again.
#[test]
fn every_independent_error_in_one_run() {
    let out = bote(
        &["run", "tests/cases/errors/five-mistakes-at-once.yaml"],
        "",
    );
    assert_eq!(out.status, 1);
    let headlines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(headlines.len(), 6, "{}", out.stderr);
    assert_eq!(headlines[5], "error: 5 errors");
    // In file order: lines 4, 5, 10, 11, 13.
    let lines: Vec<usize> = out
        .stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .map(|at| at.rsplit(':').nth(1).unwrap().parse().unwrap())
        .collect();
    assert_eq!(lines, [4, 5, 10, 11, 13]);
}

/// `--format json` on a file that fails writes its errors to stdout.
#[test]
fn errors_as_json() {
    let out = bote(
        &[
            "run",
            "tests/cases/errors/five-mistakes-at-once.yaml",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(out.status, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 5);
    assert_eq!(
        errors[0]["message"],
        "unknown key `nte` in assumption `per_user`"
    );
    assert_eq!(errors[0]["line"], 4);
    assert_eq!(errors[0]["column"], 34);
    assert_eq!(errors[0]["label"], "did you mean `note`?");
    assert_eq!(v["left_out"], 0);
}

/// A file with many mistakes shows the first twenty and says how many
/// more there were.
#[test]
fn many_errors_are_capped() {
    let mut file = String::from("title: t\nassumptions:\n");
    for i in 0..30 {
        file.push_str(&format!("  a{i}: {i} gigabites\n"));
    }
    let out = bote(&["run", "-"], &file);
    assert_eq!(out.status, 1);
    let shown = out.stderr.matches("unknown unit `gigabites`").count();
    assert_eq!(shown, 20);
    assert!(
        out.stderr
            .ends_with("error: 30 errors; the first 20 are shown\n"),
        "{}",
        out.stderr
    );
}
