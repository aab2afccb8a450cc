//! `bote eval` as a user meets it: output, errors, exit status.

use crate::common::bote;

/// Each bad input, the message it must give, and the marked text.
#[test]
fn errors_name_the_problem_and_point_at_it() {
    let cases = [
        (
            "5 bytes + 3 s",
            "cannot add data (B) and time (s)",
            "left side is data (B), right side is time (s)",
        ),
        // In a longer sum, the terms up to the one that does not fit.
        (
            "1 MB + 2 MB - 3 s + 4 MB",
            "cannot subtract data (B) and time (s)",
            "\n  | ^^^^^^^^^^^^^^^^^ left side is data (B), right side is time (s)",
        ),
        (
            "100 MB -> s",
            "cannot convert between data (B) and time (s)",
            "this is data (B); the target is time (s)",
        ),
        (
            "100 MB/s -> MB",
            "cannot convert between data rate (B/s) and data (B); multiply by a time",
            "multiply by a time",
        ),
        (
            "5 gigabites",
            "unknown unit `gigabites`",
            "did you mean `gigabits`",
        ),
        ("100 mb", "unknown unit `mb`", "did you mean `MB` or `Mb`"),
        ("1/0", "division by zero", "^ the divisor evaluates to zero"),
        (
            "1e308 * 10",
            "the result is too large to represent",
            "^^^^^^^^^^",
        ),
        ("1e-300 * 1e-300", "underflows", "^"),
        ("inf", "`inf` is not a finite number", "^^^"),
        ("NaN + 1", "`NaN` is not a finite number", "^^^"),
        ("5 М", "unexpected character `М` (U+041C)", "^"),
        ("((1)", "expected `)` to close the `(`", "^"),
        (
            "1 +",
            "expected a number, name or `(`, found the end of the expression",
            "^",
        ),
        ("1 * * 2", "expected a number, name or `(`, found `*`", "^"),
        ("foo(1)", "unknown function `foo`", "^^^"),
        (
            "ceil(1, 2)",
            "`ceil` takes one argument, but was given 2",
            "^",
        ),
        ("dau * 2", "unknown name `dau`", "^^^"),
        ("1e400", "the number `1e400` is too large", "^"),
        // Found by fuzzing: its reading did not parse back.
        ("5k%", "expected an operator or the end, found `%`", "^"),
        (
            "0 -> B^0",
            "expected a whole number from 1 to 9 as the unit's power, found the number `0`",
            "^",
        ),
    ];
    for (src, message, marked) in cases {
        let out = bote(&["eval", src], "");
        assert_eq!(out.status, 1, "{src}");
        assert!(out.stdout.is_empty(), "{src}: {}", out.stdout);
        assert!(out.stderr.contains(message), "{src}: {}", out.stderr);
        assert!(out.stderr.contains(marked), "{src}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!("| {src}")),
            "{src} is quoted: {}",
            out.stderr
        );
    }
}

#[test]
fn caret_sits_under_the_offending_part() {
    let out = bote(&["eval", "5 gigabites"], "");
    assert_eq!(
        out.stderr,
        "error: unknown unit `gigabites`\n  |\n1 | 5 gigabites\n  |   ^^^^^^^^^ did you mean `gigabits` or `gigabytes` or `megabits`?\n"
    );
}

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
    let out = bote(&["eval", "--explain", "500B"], "");
    assert_eq!(out.stdout, "500 billion  =  500 billion\n");
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
