//! Ranges: `LOW to HIGH` and the distributions, through the language, the
//! estimate files, every format and `--why`. Figures are checked against
//! the lognormal worked out by hand here.

use crate::common::bote;
use bote::{Env, Value};
use proptest::prelude::*;

/// The z-score of the 95th percentile of a normal distribution.
const Z95: f64 = 1.644_853_626_951_472;

fn eval(src: &str) -> String {
    let out = bote(&["eval", src], "");
    assert_eq!(out.status, 0, "{src}: {}", out.stderr);
    out.stdout.trim_end().to_string()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = bote(args, "");
    assert_eq!(out.status, 0, "{args:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn error(src: &str) -> String {
    let out = bote(&["eval", src], "");
    assert_eq!(out.status, 1, "{src} should fail: {}", out.stdout);
    out.stderr
}

/// The issue's own example: 100M to 300M items of 2 KB. The lognormal with
/// those 5th and 95th percentiles has its median at sqrt(100M * 300M).
#[test]
fn a_range_prints_its_median_and_90_percent_range() {
    let median_tb = (1e8f64 * 3e8).sqrt() * 2000.0 / 1e12;
    assert_eq!(format!("{median_tb:.3}"), "0.346");
    assert_eq!(
        eval("100M to 300M * 2 KB -> TB"),
        "0.346 TB (90% range 0.2 to 0.6 TB)"
    );
    assert_eq!(eval("1 to 5 ms"), "2.24 ms (90% range 1 to 5 ms)");
    assert_eq!(
        eval("$2000 to $5000 / month"),
        "$3,160/month (90% range $2,000 to $5,000/month)"
    );
}

#[test]
fn percentiles_in_json_match_the_lognormal() {
    let v = json(&["eval", "--format", "json", "100 to 1000"]);
    let (lo, hi) = (100f64, 1000f64);
    let (mu, sigma) = ((lo.ln() + hi.ln()) / 2.0, (hi.ln() - lo.ln()) / (2.0 * Z95));
    let at = |z: f64| (mu + sigma * z).exp();
    let range = &v["range"];
    for (key, z) in [
        ("p5", -Z95),
        ("p25", -0.674_49),
        ("p50", 0.0),
        ("p75", 0.674_49),
        ("p95", Z95),
    ] {
        let got = range[key].as_f64().unwrap();
        let want = at(z);
        assert!((got / want - 1.0).abs() < 0.005, "{key}: {got} vs {want}");
    }
    let mean = (mu + sigma * sigma / 2.0).exp();
    let got = range["mean"].as_f64().unwrap();
    assert!((got / mean - 1.0).abs() < 0.01, "mean {got} vs {mean}");
    assert_eq!(range["samples"], 10_000);
    assert_eq!(range["seed"], 1);
}

/// Each name is one set of draws, read wherever it is used.
#[test]
fn a_name_used_twice_is_the_same_draw() {
    let out = bote(&["eval", "x = 1 to 5; x - x; x / x"], "");
    assert_eq!(out.stdout, "x = 2.24 (90% range 1 to 5)\n0\n1\n");
    let v = json(&[
        "eval",
        "--format",
        "json",
        "--let",
        "a=10 to 100",
        "--let",
        "b=1 to 1000",
        "a / (a + b)",
    ]);
    let r = &v["range"];
    let (p5, p95) = (r["p5"].as_f64().unwrap(), r["p95"].as_f64().unwrap());
    assert!(p5 > 0.0 && p95 < 1.0, "{r}");
}

#[test]
fn ranges_in_every_position_of_the_grammar() {
    for (src, want) in [
        ("ceil(1 to 5)", "3 (90% range 2 to 5)"),
        ("max(1 to 5, 3)", "3 (90% range 3 to 5)"),
        ("1 to 5 GB -> MB", "2,240 MB (90% range 1,000 to 5,000 MB)"),
        (
            "(1 to 5) GB in MB",
            "2,240 MB (90% range 1,000 to 5,000 MB)",
        ),
        ("2 ^ (1 to 3)", "3.32 (90% range 2 to 8)"),
        ("(1 to 2) ^ 2", "2 (90% range 1 to 4)"),
        ("10 to 40 per day * 1 day", "20 (90% range 10 to 40)"),
        (
            "1M to 4M per day -> /s",
            "23.1 /s (90% range 11.6 to 46.3 /s)",
        ),
        ("5 to 10x", "7.07 (90% range 5 to 10)"),
        ("5x to 10x", "7.07 (90% range 5 to 10)"),
        ("10% to 20% of 1 TB", "141 GB (90% range 100 to 200 GB)"),
        ("100 to 300M", "173 million (90% range 100 to 300 million)"),
        ("normal(100, 10) ms", "100 ms (90% range 83.6 to 116 ms)"),
        ("uniform(1 GB, 3 GB)", "2 GB (90% range 1.1 to 2.9 GB)"),
    ] {
        assert_eq!(eval(src), want, "{src}");
    }
}

/// A pert is a Beta on min..max: Beta(13/9, 41/9) on 1..10 here, whose
/// median, 5th and 95th percentiles (integrated numerically) are 2.898,
/// 1.295 and 5.963. Its draws are plain draws sorted into the strata, so
/// they are within sampling error of those (about 1% at 10,000).
#[test]
fn pert_matches_its_beta() {
    let v = json(&["eval", "--format", "json", "pert(1, 2, 10) s"]);
    for (key, want) in [("p50", 2.898), ("p5", 1.295), ("p95", 5.963)] {
        let got = v["range"][key].as_f64().unwrap();
        assert!((got / want - 1.0).abs() < 0.02, "{key}: {got} vs {want}");
    }
    assert_eq!(eval_point("pert(1, 2, 10) s"), "2.898 s");
}

#[test]
fn to_before_a_unit_is_still_a_conversion() {
    assert_eq!(eval("1 GB to MB"), "1,000 MB");
    assert_eq!(eval("100M per month to per second"), "38.05 /s");
    let out = bote(&["eval", "--explain", "1 to 5 ms to us"], "");
    assert_eq!(
        out.stdout,
        "1 millisecond to 5 milliseconds -> µs  =  2,240 µs (90% range 1,000 to 5,000 µs)\n"
    );
}

#[test]
fn range_errors_say_what_to_write() {
    assert!(
        error("0 to 5 ms").contains("both ends of `LOW to HIGH` must be above zero (it is lognormal); for a range through zero use `normal(mean, sd)` or `uniform(low, high)`"),
        "{}",
        error("0 to 5 ms")
    );
    assert!(error("10 to 5").contains("the low end of the range is above the high end"));
    let e = error("1 GB to 2");
    assert!(
        e.contains("cannot make a range of data (B) and number"),
        "{e}"
    );
    assert!(e.contains("as in `1 GB to 2 GB`"), "{e}");
    let e = error("1 GB to 5 s");
    assert!(
        e.contains("cannot make a range of data (B) and time (s)"),
        "{e}"
    );
    // Ambiguous whatever `a` is: shown both ways, never guessed.
    for a in ["2 MB", "0.5"] {
        let e = bote(&["eval", &format!("a = {a}; a to 2 * a")], "").stderr;
        assert!(
            e.contains("`a to 2 * a` can be read two ways: `(a to 2) * a` or `a to (2 * a)`"),
            "{e}"
        );
    }
    assert_eq!(
        eval("x = 3; x to (2 * x)").lines().last(),
        Some("4.24 (90% range 3 to 6)")
    );
    assert!(error("(1 to 5) to 10").contains("the ends of a range must be single figures"));
    assert!(error("normal(10, -1)").contains("must not be negative"));
    assert!(error("pert(1, 10, 5)").contains("needs min <= likely <= max"));
    assert!(error("normal(1, 2, 3)").contains("`normal` takes two arguments"));
    let e = error("sqrt(normal(0, 1))");
    assert!(
        e.contains("the square root of a negative number is undefined in 5,000 of 10,000 draws"),
        "{e}"
    );
    assert!(error("m ^ (1 to 3)").contains("needs a single figure as its exponent"));
}

/// The same file gives the same bytes on every run; another seed, other draws.
#[test]
fn seeded_output_is_byte_identical() {
    let run = |extra: &[&str]| {
        let mut args = vec!["run", "url-shortener", "--format", "json"];
        args.extend_from_slice(extra);
        bote(&args, "").stdout
    };
    let first = run(&[]);
    assert_eq!(first, run(&[]));
    assert_eq!(first, run(&["--seed", "1"]));
    assert_ne!(first, run(&["--seed", "2"]));
    assert_ne!(first, run(&["--samples", "2000"]));
    // A file's `seed:` and `samples:`, and the command line over them.
    let text = "title: t\nseed: 5\nsamples: 2000\nassumptions:\n  a: 1 to 9\n";
    let from_file = bote(&["run", "-", "--format", "json"], text).stdout;
    let flags = bote(
        &[
            "run",
            "-",
            "--format",
            "json",
            "--seed",
            "5",
            "--samples",
            "2000",
        ],
        "title: t\nassumptions:\n  a: 1 to 9\n",
    )
    .stdout
    .replace("\"seed\": 5", "");
    assert_eq!(from_file.replace("\"seed\": 5", ""), flags);
    let v: serde_json::Value = serde_json::from_str(&from_file).unwrap();
    assert_eq!(v["assumptions"][0]["range"]["samples"], 2000);
}

/// Changing one assumption leaves every other range's draws as they were.
#[test]
fn setting_one_assumption_keeps_the_other_draws() {
    let base = json(&["run", "uber-dispatch", "--format", "json"]);
    let set = json(&[
        "run",
        "uber-dispatch",
        "--format",
        "json",
        "--set",
        "global_drivers=6M to 12M",
    ]);
    let interval = |v: &serde_json::Value| v["assumptions"][2]["range"].clone();
    assert_eq!(interval(&base), interval(&set));
}

/// `--point` takes an assumption's `point:` where it has one, the median
/// of its range where not.
#[test]
fn point_collapses_ranges_to_their_points_or_medians() {
    let v = json(&[
        "run",
        "url-shortener",
        "--scenario",
        "base",
        "--point",
        "--format",
        "json",
    ]);
    let read = &v["sections"][0]["quantities"][1];
    assert_eq!(read["name"], "read_qps");
    // 100M a month times the 100:1 the source computes with (`point:`).
    let month = 365.0 / 12.0 * 86_400.0;
    let want = 1e8 / month * 100.0;
    assert!((read["value"].as_f64().unwrap() / want - 1.0).abs() < 1e-12);
    assert!(read["range"].is_null());

    // Without a point, the median: 100M a month times sqrt(100 * 1000).
    let file = "title: t\nassumptions:\n  new: { value: 100M /month }\n  ratio: { value: 100 to 1000 }\n\
                reads:\n  qps: { expr: new * ratio, unit: /s }\n";
    let out = bote(&["run", "-", "--point", "--format", "json"], file);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let qps = v["sections"][0]["quantities"][0]["value"].as_f64().unwrap();
    let want = 1e8 / month * (100f64 * 1000.0).sqrt();
    assert!((qps / want - 1.0).abs() < 1e-12, "{qps} vs {want}");
    assert_eq!(eval_point("1 to 100"), "10");
}

fn eval_point(src: &str) -> String {
    bote(&["eval", "--point", src], "")
        .stdout
        .trim_end()
        .to_string()
}

#[test]
fn published_figures_against_ranges() {
    let file = |expect: &str| {
        format!(
            "title: t\nassumptions:\n  a: 100 to 1000\nq:\n  b: {{ expr: a * 1 s, expect: \"{expect}\" }}\n"
        )
    };
    let check = |expect: &str| bote(&["run", "-", "--format", "json"], &file(expect));
    // Inside the 90% range: passes, at its percentile.
    let v: serde_json::Value = serde_json::from_str(&check("500 s").stdout).unwrap();
    let x = &v["sections"][0]["quantities"][0]["expect"];
    assert_eq!(x["ok"], true);
    let p = x["percentile"].as_f64().unwrap();
    // P(lognormal < 500) = Phi((ln 500 - mu) / sigma).
    let z = (500f64.ln() - 1e5f64.ln() / 2.0) / ((10f64).ln() / (2.0 * Z95));
    assert!((p - 100.0 * normal_cdf(z)).abs() < 0.5, "{p} vs {z}");
    // Outside it, even with the 10% tolerance: fails.
    let out = bote(&["check", "-"], &file("2000 s"));
    assert_eq!(out.status, 1);
    assert!(
        out.stdout
            .contains("the published figure lies at p>99 of the draws, outside the 90% range"),
        "{}",
        out.stdout
    );
    // A published range passes when it overlaps the 90% range.
    assert_eq!(bote(&["check", "-"], &file("900 to 3000 s")).status, 0);
    assert_eq!(bote(&["check", "-"], &file("2000 to 3000 s")).status, 1);
    // An exact value against a published range: inside it.
    let exact = "title: t\nassumptions:\n  a: 4 TB\nq:\n  b: { expr: a, expect: 3 to 5 TB }\n";
    assert_eq!(bote(&["check", "-"], exact).status, 0);
    // In the table, in the quantity's unit (500 s is 8.333 min).
    let table = bote(&["run", "-"], &file("500 s")).stdout;
    assert!(table.contains("8.333 min ✓ at p74"), "{table}");
}

/// The standard normal distribution function, by erf's series (ample here).
fn normal_cdf(z: f64) -> f64 {
    let x = z / std::f64::consts::SQRT_2;
    // Abramowitz and Stegun 7.1.26.
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs());
    let y = 1.0
        - (((((1.061_405_429 * t - 1.453_152_027) * t) + 1.421_413_741) * t - 0.284_496_736) * t
            + 0.254_829_592)
            * t
            * (-x * x).exp();
    0.5 * (1.0 + if x < 0.0 { -y } else { y })
}

#[test]
fn why_shows_what_drives_the_spread() {
    let out = bote(&["run", "url-shortener", "--why", "peak_read_qps"], "");
    assert_eq!(out.status, 0, "{}", out.stderr);
    let text = out.stdout;
    assert!(
        text.starts_with("What drives the spread of peak_read_qps\n"),
        "{text}"
    );
    // read_ratio spans 10x and peak_factor 2x: their shares of the variance of
    // the logarithm are ln(10)^2 : ln(2)^2, about 92% : 8%.
    assert!(text.contains("  read_ratio  "), "{text}");
    let v = json(&[
        "run",
        "url-shortener",
        "--why",
        "peak_read_qps",
        "--format",
        "json",
    ]);
    let drivers = v["drivers"].as_array().unwrap();
    assert_eq!(drivers[0]["name"], "read_ratio");
    let share = drivers[0]["share"].as_f64().unwrap();
    let want = 10f64.ln().powi(2) / (10f64.ln().powi(2) + 2f64.ln().powi(2));
    assert!((share - want).abs() < 0.03, "{share} vs {want}");
    let total: f64 = drivers.iter().map(|d| d["share"].as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-9);
    // An exact quantity, and a name that is not there.
    let exact = bote(&["run", "url-shortener", "--why", "write_qps"], "");
    assert!(exact.stdout.contains("is exact"), "{}", exact.stdout);
    let bad = bote(&["run", "url-shortener", "--why", "read_qsp"], "");
    assert_eq!(bad.status, 1);
    assert!(
        bad.stderr.contains("did you mean `read_qps`?"),
        "{}",
        bad.stderr
    );
}

#[test]
fn files_without_ranges_print_as_before() {
    let csv = bote(&["run", "stripe-payments", "--format", "csv"], "").stdout;
    assert!(csv.starts_with(
        // `expect_off_by`: a published figure more than 1% away.
        "section,name,value,unit,text,si_value,si_unit,expr,expect,expect_ok,note,expect_off_by\n"
    ));
    let table = bote(&["run", "stripe-payments"], "").stdout;
    assert!(!table.contains("90% range"));
    let csv = bote(
        &[
            "run",
            "url-shortener",
            "--scenario",
            "base",
            "--format",
            "csv",
        ],
        "",
    )
    .stdout;
    assert!(csv.starts_with(
        "section,name,value,unit,text,si_value,si_unit,expr,expect,expect_ok,note,expect_off_by,p5,p50,p95\n"
    ));
}

#[test]
fn ranges_in_set_and_let() {
    let out = bote(
        &[
            "run",
            "url-shortener",
            "--scenario",
            "base",
            "--set",
            "read_ratio=50 to 200",
            "--format",
            "csv",
        ],
        "",
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("assumptions,read_ratio,"))
        .unwrap();
    let fields: Vec<&str> = line.split(',').collect();
    // A plain figure takes the counts the file wrote the assumption with.
    assert_eq!(fields[4], "100 redirects/url", "{line}");
    let p5: f64 = fields[fields.len() - 3].parse().unwrap();
    assert!((p5 / 50.0 - 1.0).abs() < 0.001, "{line}");
    let out = bote(&["eval", "--let", "users=1M to 4M", "users * 2"], "");
    assert_eq!(out.stdout, "4 million (90% range 2 to 8 million)\n");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A range whose ends are equal is exactly the point value, in any
    /// expression around it.
    #[test]
    fn equal_ends_are_the_point_value(
        v in 1e-3f64..1e9,
        unit in prop::sample::select(&["", "ms", "GB", "/s", "MB/s", "$"][..]),
        times in 1e-3f64..1e3,
    ) {
        let env = Env::default();
        let lit = if unit == "$" { format!("${v:e}") } else { format!("{v:e} {unit}") };
        let point = bote::evaluate(&format!("{lit} * {times:e}"), &env).unwrap();
        let range = bote::evaluate(&format!("({lit} to {lit}) * {times:e}"), &env).unwrap();
        prop_assert!(matches!(range.value, Value::Exact(_)));
        prop_assert_eq!(point.quantity, range.quantity);
        prop_assert_eq!(point.shown.text, range.shown.text);
        prop_assert!(range.range.is_none());
    }
}

/// A range keeps the unit it is written in, as a single figure does:
/// `20 to 100 views/user per day` is not shown per hour.
#[test]
fn a_range_keeps_its_written_unit() {
    let yaml = "title: t\ncounts: [view, user]\nassumptions:\n  \
        a: 20 to 100 views/user per day\n  b: 20 views/user per day to 100 views/user per day\n  \
        c: normal(10, 20) GB per day\n  e: 5 views/user per day\n";
    let out = crate::common::bote(&["run", "-", "--width", "100"], yaml);
    assert_eq!(out.status, 0, "{}", out.stderr);
    for want in [
        "│ a    ┆ 44.7 views/user/day ┆ 20 to 100 views/user/day │",
        "│ b    ┆ 44.7 views/user/day ┆ 20 to 100 views/user/day │",
        "│ c    ┆           10 GB/day ┆     -22.9 to 42.9 GB/day │",
    ] {
        assert!(out.stdout.contains(want), "{want}\n{}", out.stdout);
    }
    assert!(!out.stdout.contains("/h"), "{}", out.stdout);
}
