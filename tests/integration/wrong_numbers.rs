//! Numbers that used to print with confidence and were wrong or misleading:
//! each is now the right figure or a clear error.

use crate::common::bote;
use crate::estimates::file;
use bote::Env;

fn text(src: &str) -> String {
    bote::evaluate(src, &Env::default())
        .unwrap_or_else(|e| panic!("{src}: {e}"))
        .shown
        .text
}

fn error(src: &str) -> String {
    match bote::evaluate(src, &Env::default()) {
        Ok(a) => panic!("{src} gave {}", a.shown.text),
        Err(e) => e.to_string(),
    }
}

#[test]
fn underflow_is_an_error_not_zero() {
    let literal = "is too close to zero to represent (it underflows)";
    assert_eq!(error("1e-400"), format!("the number `1e-400` {literal}"));
    // A subnormal keeps too few digits to be the number written.
    assert_eq!(error("1e-310"), format!("the number `1e-310` {literal}"));
    // Not "division by zero": the divisor was never zero as written.
    assert_eq!(
        error("1 / 1e-400"),
        format!("the number `1e-400` {literal}")
    );
    let result = "the result is too close to zero to represent (it underflows)";
    assert_eq!(error("10^-400"), result);
    assert_eq!(error("2^-10000"), result);
    assert_eq!(error("0.5^2000"), result);
    assert_eq!(error("1e-300 * 1e-300"), result);
    // Zero written as zero is fine, however written.
    assert_eq!(text("0e-500"), "0");
    assert_eq!(text("0.000"), "0");
    assert_eq!(text("0^2"), "0");
    assert_eq!(text("1e-300"), "1e-300");
}

#[test]
fn whole_numbers_under_a_million_keep_every_digit() {
    let cases = [
        ("999999", "999,999"),
        ("999999 / s", "999,999 /s"),
        ("$999999", "$999,999"),
        ("28935", "28,935"),
        ("1000000", "1 million"),
        ("999999999", "1 billion"),
        ("1e12", "1 trillion"),
        ("-1e12", "-1 trillion"),
        ("5e14", "500 trillion"),
        ("1e9 / s", "1 billion /s"),
    ];
    for (src, want) in cases {
        assert_eq!(text(src), want, "{src}");
    }
}

#[test]
fn a_published_zero_is_matched_only_by_zero() {
    let f = file(
        "title: Zero\nassumptions:\n  a: 5\nqps:\n  b: { expr: a * 2, expect: 0 }\n  c: { expr: a - a, expect: 0 }\n",
    );
    let out = bote(&["check", &f.0], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stdout.ends_with(
            ": 1 of 2 published figures not reproduced\n      \
             b: computed 10, published 0 (only an exact 0 matches a published 0)\n"
        ),
        "{}",
        out.stdout
    );
    let table = bote(&["run", &f.0, "--color", "never"], "").stdout;
    assert!(table.contains("0 ✗ not 0"), "{table}");
    assert!(!table.contains("inf"), "{table}");
    let json = bote(&["run", &f.0, "--format", "json"], "").stdout;
    assert!(json.contains("\"off_by\": null"), "{json}");
}

#[test]
fn a_figure_keeps_the_unit_it_was_written_in() {
    let f = file(
        "title: Units\nassumptions:\n  txns: 100M per day\n  link: 1 Gbit/s\n  wait: 60 s\n  \
         block: 1 KiB\n  spend: $2000 / month\n  users: 10M\n  window: 1 month\n\
         qps:\n  tps: { expr: txns }\n  per_min: { expr: txns, unit: /min }\n",
    );
    let out = bote(&["run", &f.0, "--format", "json"], "");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = json["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .chain(json["sections"][0]["quantities"].as_array().unwrap());
    let texts: Vec<(&str, &str)> = rows
        .map(|q| (q["name"].as_str().unwrap(), q["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        texts,
        [
            ("txns", "100 million /day"),
            ("link", "1 Gbit/s"),
            ("wait", "60 s"),
            ("block", "1 KiB"),
            ("spend", "$2,000/month"),
            ("users", "10 million"),
            ("window", "1 month"),
            // A derived rate is said per second; `unit:` still decides.
            ("tps", "1,157 /s"),
            ("per_min", "69,444 /min"),
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn wide_characters_and_control_characters_in_a_table() {
    let f = file(
        "title: \"Dashboard \\e[2J 日本\"\nassumptions:\n  \
         a: { value: 5, note: \"東京リージョンのキャッシュ 🚀 rocket\" }\n  \
         b: { value: 6, note: \"two\\nlines\\tand a tab\" }\n  \
         c: { value: 7, note: \"\\e[31mred\" }\nqps:\n  \
         rate: { expr: a * b / s, note: \"絵文字 ✓ 🎉 and more text to wrap around the edge\" }\n",
    );
    for width in [None, Some("60"), Some("40")] {
        let mut args = vec!["run", &f.0, "--color", "never"];
        if let Some(w) = width {
            args.extend(["--width", w]);
        }
        let out = bote(&args, "");
        assert_eq!(out.status, 0, "{}", out.stderr);
        assert!(!out.stdout.contains('\x1b'), "{}", out.stdout);
        assert!(out.stdout.contains("\\u{1b}[2J"), "{}", out.stdout);
        let limit = width.map_or(usize::MAX, |w| w.parse().unwrap());
        // Every line of a table is as wide as its top border.
        let mut border = None;
        for line in out.stdout.lines() {
            let w = bote::width(line);
            assert!(w <= limit, "{w} > {limit}: {line}\n{}", out.stdout);
            if line.starts_with('╭') {
                border = Some(w);
            }
            if let Some(b) = border {
                assert_eq!(w, b, "misaligned: {line}\n{}", out.stdout);
            }
            if line.starts_with('╰') {
                border = None;
            }
        }
        if width == Some("60") {
            insta::assert_snapshot!("wide_characters_at_60", out.stdout);
        }
    }
    // Notes pasted into Markdown or read as CSV stay one line each, and no
    // escape sequence gets through either.
    for format in ["markdown", "csv"] {
        let out = bote(&["run", &f.0, "--format", format], "");
        assert!(!out.stdout.contains('\x1b'), "{format}: {}", out.stdout);
        assert!(
            out.stdout.contains("two lines and a tab"),
            "{format}: {}",
            out.stdout
        );
    }
    let csv = bote(&["run", &f.0, "--format", "csv"], "").stdout;
    assert_eq!(csv.lines().count(), 5, "{csv}");
}
