//! `bote eval` as a user meets it: output, errors, exit status.

use crate::common::bote;

#[test]
fn lets_define_names() {
    let out = bote(
        &[
            "eval",
            "--let",
            "dau=500M",
            "--let",
            "reads=dau * 5 / day",
            "reads",
        ],
        "",
    );
    assert_eq!(out.stdout, "28,935 /s\n", "{}", out.stderr);
    let bad = bote(&["eval", "--let", "MB=5", "1"], "");
    assert_eq!(bad.status, 1);
    assert!(bad.stderr.contains("`MB` is a unit"), "{}", bad.stderr);
    let bad = bote(&["eval", "--let", "x=5 gigabites", "x"], "");
    assert_eq!(bad.status, 1);
    assert!(bad.stderr.contains("--let x"), "{}", bad.stderr);
    let similar = bote(&["eval", "--let", "read_ratio=100", "read_ratoi * 2"], "");
    assert!(
        similar.stderr.contains("did you mean `read_ratio`?"),
        "{}",
        similar.stderr
    );
}

#[test]
fn json_output() {
    let out = bote(&["eval", "--format", "json", "100M / month -> /s"], "");
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(v["input"], "100 million / month -> /s");
    assert_eq!(v["unit"], "/s");
    assert_eq!(v["dimension"], "rate");
    assert!((v["value"].as_f64().unwrap() - 38.0518).abs() < 1e-3);
    let plain = bote(&["eval", "--format", "json", "2 + 2"], "");
    let v: serde_json::Value = serde_json::from_str(plain.stdout.trim()).unwrap();
    assert_eq!(v["unit"], "");
    assert_eq!(v["value"], 4.0);
}

#[test]
fn reads_lines_from_stdin() {
    let out = bote(
        &["eval"],
        "1 KiB -> bytes\n\n# a comment\n5 gigabites\n2 * 3\n",
    );
    // The failed line leaves an empty line, so answers stay in step.
    assert_eq!(out.stdout, "1,024 B\n\n6\n");
    assert_eq!(out.status, 1);
    assert!(out.stderr.contains("gigabites"));
    let json = bote(&["eval", "--format", "json"], "1 + 1\n1 +\n");
    assert_eq!(
        json.stdout.lines().count(),
        2,
        "one object per expression, errors included"
    );
    assert!(json.stdout.lines().nth(1).unwrap().contains("\"error\""));
}

#[test]
fn explain_shows_the_reading() {
    let out = bote(&["eval", "--explain", "500B rows"], "");
    assert_eq!(out.stdout, "500 billion rows  =  500 billion rows\n");
}

#[test]
fn usage_errors_exit_2() {
    let out = bote(&["eval", "--format", "xml", "1"], "");
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("xml"));
    assert_eq!(bote(&["frobnicate"], "").status, 2);
    let help = bote(&["eval", "--help"], "");
    assert_eq!(help.status, 0);
    assert!(help.stdout.contains("Magnitudes"));
}

#[test]
fn flags_may_follow_the_expression() {
    let out = bote(&["eval", "1+1", "--format", "json"], "");
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with('{'), "{}", out.stdout);
    assert_eq!(bote(&["eval", "-5", "+", "3"], "").stdout, "-2\n");
    assert_eq!(
        bote(&["eval", "--", "-x", "+", "1"], "")
            .stderr
            .lines()
            .next(),
        Some("error: unknown name `x`")
    );
}

#[test]
fn color_is_chosen_by_flag() {
    let always = bote(&["eval", "5 gigabites", "--color", "always"], "");
    assert!(
        always.stderr.starts_with("\x1b[1;31merror"),
        "{:?}",
        always.stderr
    );
    let never = bote(&["run", "littles-law", "--color", "never"], "");
    assert!(!never.stdout.contains('\x1b'));
    let always = bote(&["run", "littles-law", "--color", "always"], "");
    assert!(
        always.stdout.starts_with("\x1b[1mLittle's law"),
        "{:?}",
        &always.stdout[..40]
    );
}
