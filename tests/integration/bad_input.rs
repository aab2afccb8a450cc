//! The catalogue of bad input: each case gives a clear message, points at the
//! problem, and exits 1. Cases covered elsewhere: eval_cli (expression errors),
//! estimates (file-shape errors, cycles, --set).

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
    let (status, err) = run_file("");
    assert_eq!(status, 1);
    assert!(err.contains("the estimate file is empty"), "{err}");
    let (_, err) = run_file("   \n# only a comment\n");
    assert!(err.contains("the estimate file has no content"), "{err}");
}

#[test]
fn not_yaml_not_utf8_not_a_map() {
    let (status, err) = run_file("title: t\nassumptions:\n  a: [1\n");
    assert_eq!(status, 1);
    assert!(
        err.contains("unclosed bracket") && err.contains(":3:6"),
        "{err}"
    );
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
    let (_, err) = run_file("title: t\nassumptions:\n  - a: 1\n");
    assert!(
        err.contains("`assumptions` must be a map of `key: value` lines, but this is a list"),
        "{err}"
    );
    let (_, err) = run_file("just some words\n");
    assert!(err.contains("an estimate file must be a map"), "{err}");
}

#[test]
fn wrong_yaml_types() {
    let cases = [
        (
            "title: t\nassumptions:\n  retention: no\n",
            "the value of `retention` `no` reads as a yes/no value in YAML",
        ),
        (
            "title: t\nassumptions:\n  retention:\n",
            "the value of `retention` is missing",
        ),
        (
            "title: t\nassumptions:\n  retention: ~\n",
            "the value of `retention` is missing",
        ),
        (
            "title: t\nassumptions:\n  a: [1, 2]\n",
            "the value of `a` must be an expression, but this is a list",
        ),
        (
            "title: t\nassumptions:\n  a: 1\nqps:\n  b: { expr: a, note: [x] }\n",
            "`note` must be text, but this is a list",
        ),
        ("title: [t]\n", "`title` must be text"),
    ];
    for (text, message) in cases {
        let (status, err) = run_file(text);
        assert_eq!(status, 1, "{text}");
        assert!(err.contains(message), "{text}\n{err}");
    }
    // A YAML number is read as the text written, so `1e3` and `010` mean what they say.
    let (status, err) = run_file(
        "title: t\nassumptions:\n  a: 010\nqps:\n  b: { expr: a, expect: 10, tolerance: 0% }\n",
    );
    assert_eq!(status, 0, "{err}");
}

#[test]
fn expression_errors_inside_a_file() {
    let cases = [
        (
            "  b: { expr: (a + 1 }\n",
            "expected `)` to close the `(`",
            ":5:20",
        ),
        (
            "  b: { expr: a * }\n",
            "expected a number, name or `(`",
            ":5:17",
        ),
        ("  b: { expr: a * / 2 }\n", "found `/`", ":5:18"),
        (
            "  b: { expr: \"floor(a, a)\" }\n",
            "`floor` takes one argument, but was given 2",
            ":5:15",
        ),
        (
            "  b: { expr: floor(a, a) }\n",
            "a comma ends the value: quote an expression",
            ":5:23",
        ),
        (
            "  b: { expr: flor(a) }\n",
            "unknown function `flor`",
            ":5:14",
        ),
        ("  b: { expr: a / 0 }\n", "division by zero", ":5:18"),
        (
            "  b: { expr: 1e308 * 10 * a }\n",
            "too large to represent",
            ":5:14",
        ),
        (
            "  b: { expr: a + NaN }\n",
            "`NaN` is not a finite number",
            ":5:18",
        ),
        (
            "  b: { expr: a -> s }\n",
            "cannot convert between number and time (s)",
            ":5:14",
        ),
        (
            "  b: { expr: 100 mb }\n",
            "did you mean `MB` or `Mb`",
            ":5:18",
        ),
        ("  b: { expr: 5 М }\n", "U+041C", ":5:16"),
    ];
    for (line, message, position) in cases {
        let text = format!("title: t\nassumptions:\n  a: 1\nqps:\n{line}");
        let f = file(&text);
        let out = bote(&["run", &f.0], "");
        assert_eq!(out.status, 1, "{line}");
        assert!(out.stderr.contains(message), "{line}\n{}", out.stderr);
        assert!(
            out.stderr.contains(&format!("{}{position}", f.0)),
            "{line} want {position}\n{}",
            out.stderr
        );
    }
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
fn a_50_mb_file_is_refused_before_reading() {
    let f = crate::estimates::tempfile_path::TempPath::new("");
    let file = std::fs::File::create(&f.0).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let start = std::time::Instant::now();
    let out = bote(&["run", &f.0], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr
            .contains("is 52428800 bytes; bote reads estimate files of at most 16777216 bytes"),
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

#[test]
fn keys_of_the_other_kind_say_where_they_belong() {
    let (_, err) = run_file("title: t\nassumptions:\n  a: { expr: 5 }\n");
    assert!(
        err.contains("unknown key `expr` in assumption `a`"),
        "{err}"
    );
    assert!(err.contains("assumptions take a `value`"), "{err}");
    let (_, err) = run_file("title: t\nqps:\n  b: { value: 5 }\n");
    assert!(err.contains("unknown key `value` in quantity `b`"), "{err}");
    assert!(err.contains("`value` is for assumptions"), "{err}");
}
