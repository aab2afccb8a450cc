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

/// A capacity row speaks the source's language: its boxes have a name, it
/// is checked against a published count, and its expression reads as
/// written (Google SRE's worked example: 12,500 QPS at 100 QPS a task is
/// 125 tasks at full use, 179 at 70%).
#[test]
fn capacity_rows_in_the_sources_words() {
    let file = "title: t
assumptions:
  north_america: 12,500 QPS
  task_qps: 100 QPS
capacity:
  tasks: { load: north_america, per_box: task_qps, boxes: tasks, expect: 180 tasks }
  shards: { load: north_america, per_box: task_qps, boxes: shards, expect: 100, utilisation: 100% }
";
    let out = bote(&["run", "-", "--format", "csv"], file);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "capacity,tasks,179,,179 tasks,179,,north_america / task_qps,180 tasks,true,"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "capacity,shards,125,,125 shards,125,,north_america / task_qps,100 shards,false,"
        ),
        "{}",
        out.stdout
    );
    let check = bote(&["check", "-"], file);
    assert_eq!(check.status, 1);
    assert!(
        check
            .stdout
            .contains("shards: computed 125 shards, published 100"),
        "{}",
        check.stdout
    );
}

/// A file that writes a decimal byte prefix is told how bote read it.
#[test]
fn the_header_says_what_a_kb_is() {
    let with = bote(&["run", "-"], "title: t\nassumptions:\n  a: 2 KB\n");
    assert!(
        with.stdout
            .contains("\nKB = 1,000 bytes; write KiB for 1,024\n"),
        "{}",
        with.stdout
    );
    let without = bote(&["run", "-"], "title: t\nassumptions:\n  a: 2 KiB\n");
    assert!(!without.stdout.contains("KB = 1,000"), "{}", without.stdout);
}

/// A digit group cut by a comma is joined back; a key of three digits
/// that has its own colon is a key, and an unknown one.
#[test]
fn a_three_digit_key_is_not_a_digit_group() {
    let joined = bote(
        &["run", "-", "--format", "csv"],
        "title: t\nassumptions:\n  a: { value: 12,500 QPS, note: peak }\n",
    );
    assert!(
        joined.stdout.contains("assumptions,a,12500,QPS,"),
        "{}{}",
        joined.stdout,
        joined.stderr
    );
    let key = bote(
        &["run", "-"],
        "title: t\nassumptions:\n  a: { value: 12, 500: QPS }\n",
    );
    assert_eq!(key.status, 1);
    assert!(
        key.stderr.contains("unknown key `500` in assumption `a`"),
        "{}",
        key.stderr
    );
    assert!(
        !key.stderr.contains("a comma ends the value"),
        "{}",
        key.stderr
    );
}

/// A published figure printed beside its heading, without the heading's
/// unit: `expect: ~23K` under `unit: QPS`, `expect: 150 TB` under `unit:
/// TB per day` (Xu's YouTube: 5M users, 10% upload one 300 MB video a day).
#[test]
fn a_published_figure_in_the_rows_unit() {
    let file = "title: t
assumptions:
  dau: 5,000,000
  upload_share: 10%
  video_size: 300 MB
  messages: 40 per day
qps:
  write_qps: { expr: dau * messages, unit: QPS, expect: ~2,300 }
storage:
  daily: { expr: dau * upload_share * 1 per day * video_size, unit: TB per day, expect: 150 TB }
";
    let out = bote(&["check", "-"], file);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    let table = bote(&["run", "-", "--format", "csv"], file);
    assert!(
        table.stdout.contains(",150 TB/day,true,"),
        "{}",
        table.stdout
    );
    // A published figure of another kind is still refused.
    let wrong = bote(
        &["check", "-"],
        &file.replace("expect: 150 TB", "expect: 150 s"),
    );
    assert_eq!(wrong.status, 1);
    assert!(
        wrong.stderr.contains("but its `expect` is time"),
        "{}",
        wrong.stderr
    );
}

/// Ratios as people write them, and a bare number meant as a time.
#[test]
fn ratios_and_bare_times() {
    let out = bote(&["eval", "--explain", "100:1"], "");
    assert_eq!(out.stdout, "100:1  =  100\n");
    // A ratio binds as one number (issue 33): `1000 / 4:2` is 500.
    let out = bote(&["eval"], "1000 / 4:2\n10:1 ^ 2\n");
    assert_eq!(out.stdout, "500\n100\n", "{}", out.stderr);
    let out = bote(&["eval", "2 TB/day * 365 * 5 -> PB"], "");
    assert!(
        out.stderr.contains("did you mean `365 days`?"),
        "{}",
        out.stderr
    );
}
