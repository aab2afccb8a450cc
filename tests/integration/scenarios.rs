//! Scenarios side by side are single runs with the same overrides: every
//! figure of every column, in every format, is what `bote run --set`
//! prints; and `bote diff` is the difference of two JSON reports.

use crate::common::bote;
use serde_json::Value;

/// A file whose scenarios use ranges, an override of an assumption by
/// its own base value, and two overrides at once.
const CHAT: &str = "\
title: Chat
counts: [user]
assumptions:
  dau: 10M users
  msgs: { value: 20 to 60 /user per day, note: per user }
  size: 200 bytes
scenarios:
  year 3: { dau: dau * 1.4^2 }
  viral:  { dau: 50M users, msgs: 40 /user per day }
qps:
  send_qps: { expr: dau * msgs, unit: /s }
storage:
  per_day: { expr: send_qps * size * 1 day, unit: GB }
";

/// Each case: the estimate, and for each scenario the `--set`s a single
/// run is given to match it (an override by its own value written out).
/// An estimate (a preset, or `-` with its text), and each scenario with
/// the `--set`s that match it.
type Case = (
    &'static str,
    &'static str,
    Vec<(&'static str, Vec<&'static str>)>,
);

fn cases() -> Vec<Case> {
    vec![
        (
            "url-shortener",
            "",
            vec![
                ("100:1", vec!["read_ratio=100 redirects/url"]),
                ("1000:1", vec!["read_ratio=1000 redirects/url"]),
            ],
        ),
        (
            "littles-law",
            "",
            vec![
                ("latency spike", vec!["latency=(200 ms) * 2"]),
                ("promised load", vec!["rps=promised_rps"]),
            ],
        ),
        (
            "-",
            CHAT,
            vec![
                ("year 3", vec!["dau=(10M users) * 1.4^2"]),
                ("viral", vec!["dau=50M users", "msgs=40 /user per day"]),
            ],
        ),
    ]
}

fn run(target: &str, stdin: &str, extra: &[&str]) -> String {
    let mut args = vec!["run", target];
    args.extend_from_slice(extra);
    let out = bote(&args, stdin);
    assert_eq!(out.status, 0, "{args:?}: {}", out.stderr);
    out.stdout
}

/// A single run with `sets`, as JSON.
fn single(target: &str, stdin: &str, sets: &[&str]) -> Value {
    let mut extra = vec!["--scenario", "base", "--format", "json"];
    for s in sets {
        extra.extend(["--set", s]);
    }
    serde_json::from_str(&run(target, stdin, &extra)).unwrap()
}

/// Every quantity's figure: name, text, range and value in base units.
fn figures(report: &Value) -> Vec<(String, Value, Value, Value)> {
    let mut rows: Vec<&Value> = report["assumptions"].as_array().unwrap().iter().collect();
    for s in report["sections"].as_array().unwrap() {
        rows.extend(s["quantities"].as_array().unwrap());
    }
    rows.iter()
        .map(|q| {
            (
                q["name"].as_str().unwrap().to_string(),
                q["text"].clone(),
                q["range"]["text"].clone(),
                q["si_value"].clone(),
            )
        })
        .collect()
}

/// Each run of the side by side (base, then each scenario) with its
/// single run's JSON.
fn pairs(target: &str, stdin: &str, scenarios: &[(&str, Vec<&str>)]) -> Vec<(String, Value)> {
    std::iter::once(("base".to_string(), single(target, stdin, &[])))
        .chain(
            scenarios
                .iter()
                .map(|(name, sets)| ((*name).to_string(), single(target, stdin, sets))),
        )
        .collect()
}

#[test]
fn json_columns_are_single_runs() {
    for (target, stdin, scenarios) in cases() {
        let side: Value = serde_json::from_str(&run(target, stdin, &["--format", "json"])).unwrap();
        let runs = side["scenarios"].as_array().unwrap();
        let singles = pairs(target, stdin, &scenarios);
        assert_eq!(runs.len(), singles.len(), "{target}");
        for (r, (name, one)) in runs.iter().zip(&singles) {
            assert_eq!(r["name"], name.as_str(), "{target}");
            assert_eq!(figures(r), figures(one), "{target} {name}");
            assert_eq!(
                r["summary"]["figures"], one["summary"]["figures"],
                "{target} {name}"
            );
            assert_eq!(r["cost"], one["cost"], "{target} {name}");
        }
        // `base` replaces nothing; each scenario lists what it replaces.
        assert_eq!(runs[0]["overrides"], serde_json::json!([]));
        assert!(!runs[1]["overrides"].as_array().unwrap().is_empty());
    }
}

#[test]
fn table_markdown_and_csv_columns_are_single_runs() {
    for (target, stdin, scenarios) in cases() {
        let singles = pairs(target, stdin, &scenarios);
        let table = run(target, stdin, &["--width", "1000"]);
        let markdown = run(target, stdin, &["--format", "markdown"]);
        let csv = run(target, stdin, &["--format", "csv"]);
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let names: Vec<&str> = singles.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(header[3..], names[..], "{target}");
        let all: Vec<Vec<(String, Value, Value, Value)>> =
            singles.iter().map(|(_, one)| figures(one)).collect();
        for (i, (q, ..)) in all[0].iter().enumerate() {
            let texts: Vec<&str> = all.iter().map(|f| f[i].1.as_str().unwrap()).collect();
            // An assumption no scenario replaces is not shown.
            let is_assumption = singles[0].1["assumptions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["name"] == q.as_str());
            if is_assumption && texts.iter().all(|t| *t == texts[0]) {
                continue;
            }
            // Markdown: each cell of the quantity's row opens with the
            // single run's figure.
            let row = markdown
                .lines()
                .rfind(|l| l.starts_with(&format!("| {q} |")))
                .unwrap_or_else(|| panic!("{target}: no row {q} in\n{markdown}"));
            let cells: Vec<&str> = row.split(" | ").skip(1).collect();
            for (k, text) in texts.iter().enumerate() {
                assert!(
                    cells[k].starts_with(text),
                    "{target} {} {q}: {row} does not show {text}",
                    names[k]
                );
            }
            // An uncertain figure's range as the single run says it,
            // magnitude and unit included (`$2.87 million to ...`, never a
            // bare `($2.87 to $11.5)` under `$5.75 million/month`).
            let ranges: Vec<Option<&str>> = all.iter().map(|f| f[i].2.as_str()).collect();
            for (k, range) in ranges.iter().enumerate() {
                if let Some(r) = range {
                    assert!(
                        cells[k].contains(&format!("<br>({r})")),
                        "{target} {} {q}: {row} does not show ({r})",
                        names[k]
                    );
                }
            }
            // The table at full width: the figures in column order.
            let line = table
                .lines()
                .rfind(|l| l.starts_with(&format!("  {q} ")))
                .unwrap_or_else(|| panic!("{target}: no line {q} in\n{table}"));
            let mut from = q.len() + 2;
            for text in &texts {
                let at = line[from..]
                    .find(text)
                    .unwrap_or_else(|| panic!("{target} {q}: {text} not in order in {line}"));
                from += at + text.len();
            }
            // The ranges on the line below, whole and in column order.
            if ranges.iter().any(Option::is_some) {
                let below = table
                    .lines()
                    .skip_while(|l| *l != line)
                    .nth(1)
                    .unwrap_or_default();
                let mut from = 0;
                for r in ranges.iter().flatten() {
                    let r = format!("({r})");
                    let at = below[from..]
                        .find(&r)
                        .unwrap_or_else(|| panic!("{target} {q}: {r} not in order in {below}"));
                    from += at + r.len();
                }
            }
            // CSV: column k is the single run's value in base units.
            let csv_row = csv
                .lines()
                .rfind(|l| l.split(',').nth(1) == Some(q.as_str()))
                .unwrap();
            let values: Vec<f64> = csv_row
                .rsplit(',')
                .take(names.len())
                .map(|v| v.parse().unwrap())
                .collect();
            for (k, v) in values.iter().rev().enumerate() {
                let si = all[k][i].3.as_f64().unwrap();
                assert!(
                    (v - si).abs() <= 1e-9 * si.abs(),
                    "{target} {} {q}: {csv_row} is not {si}",
                    names[k]
                );
            }
        }
    }
}

/// One scenario's ordinary report is the single run with its overrides.
#[test]
fn one_scenario_is_a_single_run() {
    let side = single("url-shortener", "", &["read_ratio=1000 redirects/url"]);
    let one: Value = serde_json::from_str(&run(
        "url-shortener",
        "",
        &["--scenario", "1000:1", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(figures(&one), figures(&side));
    let bad = bote(&["run", "url-shortener", "--scenario", "1000:2"], "");
    assert_eq!(bad.status, 1);
    assert!(
        bad.stderr.contains("did you mean `1000:1`?"),
        "{}",
        bad.stderr
    );
}

/// `--set` applies on top of every scenario.
#[test]
fn set_applies_to_every_scenario() {
    let side: Value = serde_json::from_str(&run(
        "littles-law",
        "",
        &["--set", "rps=1000 /s", "--format", "json"],
    ))
    .unwrap();
    for r in side["scenarios"].as_array().unwrap() {
        let rps = r["assumptions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["name"] == "rps")
            .unwrap();
        assert_eq!(rps["text"], "1,000 /s", "{}", r["name"]);
    }
}

/// `bote diff` is the difference of the two JSON reports: each quantity
/// whose figure differs, with both values, and nothing else.
#[test]
fn diff_is_the_difference_of_two_json_reports() {
    for (old, new) in [
        (
            vec!["url-shortener"],
            vec!["url-shortener", "--set", "read_ratio=1000"],
        ),
        (
            vec!["littles-law"],
            vec!["littles-law", "--set", "latency=400 ms"],
        ),
        (
            vec!["twitter-timeline"],
            vec!["twitter-timeline", "--set", "dau=600M users"],
        ),
    ] {
        let report = |args: &[&str]| -> Value {
            let mut a = vec!["run", args[0], "--scenario", "base", "--format", "json"];
            a.extend_from_slice(&args[1..]);
            serde_json::from_str(&bote(&a, "").stdout).unwrap()
        };
        let (a, b) = (figures(&report(&old)), figures(&report(&new)));
        let mut args = vec!["diff", old[0]];
        args.extend_from_slice(&new);
        args.extend(["--format", "json"]);
        let out = bote(&args, "");
        assert_eq!(out.status, 0, "{}", out.stderr);
        let d: Value = serde_json::from_str(&out.stdout).unwrap();
        let changed: Vec<&Value> = d["changed"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["name"] != "cost total")
            .collect();
        let moved: Vec<_> = a
            .iter()
            .zip(&b)
            .filter(|(x, y)| x.1 != y.1 || x.2 != y.2)
            .collect();
        assert_eq!(changed.len(), moved.len(), "{args:?}: {}", out.stdout);
        for (x, y) in moved {
            let c = changed
                .iter()
                .find(|c| c["name"] == x.0.as_str())
                .unwrap_or_else(|| panic!("{args:?}: {} not in the diff", x.0));
            assert_eq!(c["old"]["text"], x.1);
            assert_eq!(c["new"]["text"], y.1);
            assert_eq!(c["old"]["si_value"], x.3);
            assert_eq!(c["new"]["si_value"], y.3);
        }
        // Biggest change first.
        let sizes: Vec<f64> = changed
            .iter()
            .filter_map(|c| c["ratio"].as_f64())
            .map(|r| r.ln().abs())
            .collect();
        assert!(sizes.windows(2).all(|w| w[0] >= w[1] - 1e-12), "{sizes:?}");
        // --exit-code: 1 when they differ, 0 when they do not.
        let mut args = vec!["diff", old[0]];
        args.extend_from_slice(&new);
        args.push("--exit-code");
        assert_eq!(bote(&args, "").status, 1);
        assert_eq!(bote(&["diff", old[0], old[0], "--exit-code"], "").status, 0);
    }
}

/// The presets with scenarios, side by side in every format, and fitted
/// to the widths a terminal commonly has (as every report is).
#[test]
fn side_by_side_snapshots() {
    for name in ["url-shortener", "littles-law"] {
        for format in ["markdown", "json", "csv"] {
            let out = run(name, "", &["--format", format]);
            insta::assert_snapshot!(format!("{name}.side-by-side.{format}"), out);
        }
        for width in [60, 80, 100, 140] {
            let w = width.to_string();
            let out = run(name, "", &["--width", &w]);
            for line in out.lines() {
                let shown = bote::width(line);
                assert!(shown <= width, "{name} at {width}: {shown} columns: {line}");
            }
            insta::assert_snapshot!(format!("{name}.side-by-side.width{width}"), out);
        }
    }
}

/// Where a figure has no ratio to the other, the report says why, in every
/// format of `bote diff` and in the side-by-side report: a name that now
/// holds another kind of figure (`50 million users` → a plain `300
/// million`) is `unit changed`, not `new` (it is in both), and a figure
/// from 0 is `from 0`.
#[test]
fn a_figure_without_a_ratio_says_why() {
    let dir = crate::common::folder("diff-unit-changed");
    let old = dir.join("old.yaml");
    let new = dir.join("new.yaml");
    std::fs::write(
        &old,
        "title: Old\ncounts: [user]\nassumptions:\n  dau: 50M users\n  z: 0\nqps:\n  w: { expr: (z + 1) / 1 s, unit: /s }\n",
    )
    .unwrap();
    std::fs::write(
        &new,
        "title: New\nassumptions:\n  dau: 300M\n  z: 3\nqps:\n  w: { expr: (z + 1) / 1 s, unit: /s }\n",
    )
    .unwrap();
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let text = bote(&["diff", old, new], "").stdout;
    assert!(
        text.contains("assumptions.dau: 50 million users → 300 million  unit changed\n"),
        "{text}"
    );
    assert!(text.contains("assumptions.z: 0 → 3  from 0\n"), "{text}");
    assert!(!text.contains(" new\n"), "{text}");
    let md = bote(&["diff", old, new, "--format", "markdown"], "").stdout;
    assert!(
        md.contains("| assumptions.dau | 50 million users | 300 million | unit changed |"),
        "{md}"
    );
    assert!(md.contains("| assumptions.z | 0 | 3 | from 0 |"), "{md}");
    let json: Value =
        serde_json::from_str(&bote(&["diff", old, new, "--format", "json"], "").stdout).unwrap();
    let changed = json["changed"].as_array().unwrap();
    let dau = changed.iter().find(|c| c["name"] == "dau").unwrap();
    assert_eq!(dau["ratio"], Value::Null);
    assert_eq!(dau["no_ratio"], "unit changed");
    let z = changed.iter().find(|c| c["name"] == "z").unwrap();
    assert_eq!(z["no_ratio"], "from 0");
    let w = changed.iter().find(|c| c["name"] == "w").unwrap();
    assert!(w["ratio"].is_number() && w.get("no_ratio").is_none(), "{w}");
    // Side by side (where a scenario cannot change a figure's kind): a
    // figure from 0.
    let side = "title: S\nassumptions:\n  z: 0\nscenarios:\n  more: { z: 3 }\nqps:\n  w: { expr: z * 2 }\n";
    let out = bote(&["run", "-", "--width", "200"], side);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.contains("3 from 0"), "{}", out.stdout);
    assert!(!out.stdout.contains(" new"), "{}", out.stdout);
}
