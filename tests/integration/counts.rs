//! Declared counts (`counts: [user, request]`, `eval --counts`): the same
//! figures as without them, printed with their names, and a dropped "per"
//! caught. The five sections' dropped-"per" errors and the declaration
//! errors are case files under `tests/cases/errors/counts-*.yaml`.

use crate::common::bote;
use serde_json::Value;

/// Every quantity's value in base units, by name, from a run's JSON.
fn si_values(args: &[&str]) -> Vec<(String, f64)> {
    let out = bote(args, "");
    assert_eq!(out.status, 0, "{}", out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    let mut rows: Vec<&Value> = json["assumptions"].as_array().unwrap().iter().collect();
    for s in json["sections"].as_array().unwrap() {
        rows.extend(s["quantities"].as_array().unwrap());
    }
    rows.iter()
        .map(|r| {
            let v = r["si_value"].as_f64().unwrap();
            (r["name"].as_str().unwrap().to_string(), v)
        })
        .collect()
}

/// A counted preset computes what its count-free version did, quantity by
/// quantity (medians, `--point`, so the two draw nothing).
#[test]
fn counted_presets_give_the_uncounted_figures() {
    for preset in ["twitter-timeline", "url-shortener"] {
        let before = format!("tests/fixtures/{preset}-uncounted.yaml");
        let old = si_values(&["run", &before, "--point", "--format", "json"]);
        let new = si_values(&[
            "run",
            preset,
            "--scenario",
            "base",
            "--point",
            "--format",
            "json",
        ]);
        let mut compared = 0;
        for (name, v) in &old {
            let Some((_, w)) = new.iter().find(|(n, _)| n == name) else {
                continue;
            };
            assert!(
                (v - w).abs() <= 1e-12 * v.abs(),
                "{preset} {name}: {v} vs {w}"
            );
            compared += 1;
        }
        assert!(
            compared >= old.len() - 1,
            "{preset}: {compared} of {}",
            old.len()
        );
    }
}

#[test]
fn counts_print_by_name_in_every_format() {
    let eval = |args: &[&str]| {
        let mut all = vec!["eval", "--counts", "user,request,person:people"];
        all.extend_from_slice(args);
        let out = bote(&all, "");
        assert_eq!(out.status, 0, "{}", out.stderr);
        out.stdout
    };
    assert_eq!(
        eval(&["2 requests/user * 10M users"]),
        "20 million requests\n"
    );
    assert_eq!(eval(&["4000 requests/s * 500 B/request"]), "2 MB/s\n");
    assert_eq!(eval(&["1 request"]), "1 request\n");
    assert_eq!(eval(&["3 people + 1 person"]), "4 people\n");
    // A target without a count names the value's counts; one with them, its own.
    assert_eq!(
        eval(&["10M users * 5 requests/user per day -> /s"]),
        "578.7 requests/s\n"
    );
    assert_eq!(eval(&["1 request/s -> requests/min"]), "60 requests/min\n");
    assert_eq!(
        eval(&["$0.01/user * 1M users per month"]),
        "$10,000/month\n"
    );
    let json: Value =
        serde_json::from_str(&eval(&["--format", "json", "2 requests/user * 10M users"])).unwrap();
    assert_eq!(json["unit"], "requests");
    assert_eq!(json["dimension"], "requests");
    assert_eq!(json["si_unit"], "request");
    let csv = bote(&["run", "twitter-timeline", "--format", "csv"], "").stdout;
    assert!(
        csv.contains("qps,read_qps,28935.1851851852,reads/s,\"28,935 reads/s\""),
        "{csv}"
    );
}

#[test]
fn counts_work_with_ranges() {
    let out = bote(
        &[
            "eval",
            "--counts",
            "request",
            "100 to 300 requests/s * 2 KB/request",
        ],
        "",
    );
    assert_eq!(
        out.stdout, "346 kB/s (90% range 200 to 600 kB/s)\n",
        "{}",
        out.stderr
    );
    let out = bote(
        &["eval", "--counts", "request", "10 to 20 requests/s * 100 B"],
        "",
    );
    assert_eq!(out.status, 1);
    assert!(
        out.stderr.contains("did you mean `100 B/request`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_dropped_per_is_caught_and_uncounted_lets_it_through() {
    let run = |expr: &str| bote(&["eval", "--counts", "request", expr], "");
    let out = run("4000 requests/s * 500 B -> MB/s");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr
            .contains("the count `request` is left over; did you mean `500 B/request`?")
    );
    let out = run("4000 requests/s * 500 B");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr.contains("a count times data rate"),
        "{}",
        out.stderr
    );
    let out = run("uncounted(4000 requests/s * 500 B) -> MB/s");
    assert_eq!(out.stdout, "2 MB/s\n", "{}", out.stderr);
    // Without a declaration, `bote eval` reads a plain noun after a figure
    // as a count, but one the person never declared: the question is read
    // as meant (280 bytes a tweet, 2 tweets a day: 560 bytes a day).
    let out = bote(&["eval", "2 tweets per day * 280 bytes -> KB/day"], "");
    assert_eq!(out.stdout, "0.56 kB/day\n", "{}", out.stderr);
}

#[test]
fn eval_refuses_a_bad_declaration() {
    for (counts, says) in [
        ("user,byte", "`byte` is a unit"),
        ("user,user", "declared twice"),
        ("2x", "not a valid count name"),
    ] {
        let out = bote(&["eval", "--counts", counts, "1"], "");
        assert_eq!(out.status, 1, "{counts}");
        assert!(out.stderr.contains(says), "{counts}: {}", out.stderr);
    }
}
