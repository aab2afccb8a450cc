//! Estimate files written by hand: a custom file end to end, `--set`, and
//! each loading error with its message and position.

use crate::common::bote;
use std::io::Write as _;

/// Write `text` to a temporary file and return its path (kept until the test ends).
pub fn file(text: &str) -> tempfile_path::TempPath {
    tempfile_path::TempPath::new(text)
}

pub mod tempfile_path {
    use super::*;

    /// A file under the target directory, removed on drop.
    pub struct TempPath(pub String);

    impl TempPath {
        pub fn new(text: &str) -> TempPath {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static N: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join("bote-tests");
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!(
                "{}-{}.yaml",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            std::fs::File::create(&path)
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
            TempPath(path.to_string_lossy().into_owned())
        }
    }

    impl Drop for TempPath {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

const CHAT: &str = "\
title: Chat service
calendar: { month: 30 days }
assumptions:
  users: { value: 10M, note: daily users }
  msgs: 40 per day
  msg_size: 100 bytes
storage:
  per_month: { expr: msg_rate * 1 month * msg_size, unit: GB, expect: 1.2 TB }
qps:
  msg_rate: { expr: users * msgs, unit: /s, expect: 4600 /s, tolerance: 1% }
";

#[test]
fn custom_file_end_to_end() {
    let f = file(CHAT);
    let out = bote(&["run", &f.0, "--format", "csv"], "");
    assert_eq!(out.status, 0, "{}", out.stderr);
    // 10M x 40 / 86,400 s = 4,629.6 /s; x 30 days x 100 B = 1.2 TB.
    assert!(
        out.stdout.contains("qps,msg_rate,4629.629"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("storage,per_month,1200"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(",true,"), "{}", out.stdout);
    // Quantities keep file order even though per_month depends on a later one.
    let storage = out.stdout.find("storage,").unwrap();
    assert!(storage < out.stdout.find("qps,").unwrap());
    let check = bote(&["check", &f.0], "");
    assert_eq!(check.status, 0, "{}", check.stdout);
}

#[test]
fn set_overrides_an_assumption() {
    let f = file(CHAT);
    let out = bote(
        &["run", &f.0, "--set", "users=100M", "--format", "markdown"],
        "",
    );
    assert!(
        out.stdout.contains("| users * | 100 million | `100M` |"),
        "{}",
        out.stdout
    );
    // Ten times the users: 46,296 /s against the published 4,600 /s.
    assert!(
        out.stdout
            .contains("| msg_rate | 46,296 /s | `users * msgs` | 4,600 /s ✗ off by +906% |"),
        "{}",
        out.stdout
    );
    let check = bote(&["check", &f.0], "");
    assert_eq!(check.status, 0);
    let unknown = bote(&["run", &f.0, "--set", "user=5"], "");
    assert_eq!(unknown.status, 1);
    assert!(
        unknown
            .stderr
            .contains("`user` is not an assumption of `Chat service`"),
        "{}",
        unknown.stderr
    );
    assert!(
        unknown.stderr.contains("did you mean `users`?"),
        "{}",
        unknown.stderr
    );
    let derived = bote(&["run", &f.0, "--set", "msg_rate=5"], "");
    assert!(
        derived.stderr.contains("only assumptions can be set"),
        "{}",
        derived.stderr
    );
    let bad = bote(&["run", &f.0, "--set", "users=5 gigabites"], "");
    assert_eq!(bad.status, 1);
    assert!(
        bad.stderr.contains("--set users") && bad.stderr.contains("did you mean `gigabits`"),
        "{}",
        bad.stderr
    );
    // A bad binding is an input error (1), like a bad expression; only
    // what clap rejects is a usage error (2).
    let shape = bote(&["run", &f.0, "--set", "users"], "");
    assert_eq!(shape.status, 1);
    assert!(
        shape.stderr.contains("--set expects NAME=EXPR"),
        "{}",
        shape.stderr
    );
}

#[test]
fn failing_expectation_fails_check() {
    let f = file(&CHAT.replace("expect: 1.2 TB", "expect: 2 TB"));
    let out = bote(&["check", &f.0], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stdout.contains(
            "per_month: computed 1,200 GB, published 2,000 GB (off by -40.0%, tolerance 10%)"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn missing_files_and_directories() {
    let out = bote(&["run", "no-such-file.yaml"], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr
            .contains("no preset or file named `no-such-file.yaml`"),
        "{}",
        out.stderr
    );
    let typo = bote(&["run", "url-shortner"], "");
    assert!(
        typo.stderr
            .contains("did you mean the preset `url-shortener`?"),
        "{}",
        typo.stderr
    );
    let dir = bote(&["run", "."], "");
    assert!(dir.stderr.contains("`.` is a directory"), "{}", dir.stderr);
}

/// A large file's expressions are parsed after reading, on two threads:
/// errors must still come out as if each were parsed where it was read.
#[test]
fn large_files_report_the_first_error_in_file_order() {
    // Quantity i is on line i + 4 (title, assumptions, a, section).
    let file_with = |n: usize, line_of: &dyn Fn(usize) -> Option<String>| {
        let mut text = String::from("title: t\nassumptions:\n  a: 1\nq:\n");
        for i in 0..n {
            let line = line_of(i).unwrap_or_else(|| format!("  q{i}: a * {i}\n"));
            text.push_str(&line);
        }
        text
    };
    let first_error = |text: &str| match bote::load("big.yaml", text) {
        Ok(_) => panic!("loaded"),
        Err(e) => e.render(false),
    };
    for n in [20, 5_000] {
        let bad = |at: usize| move |i: usize| (i == at).then(|| format!("  q{i}: a * (\n"));
        // One error, early or late (in either half when parsed in two).
        for at in [3, n - 3] {
            let err = first_error(&file_with(n, &bad(at)));
            assert!(
                err.contains(&format!("big.yaml:{}:", at + 5)),
                "{n}/{at}: {err}"
            );
        }
        // Two parse errors: the first is reported.
        let two = |i: usize| (i == 3 || i == n - 3).then(|| format!("  q{i}: 1 +\n"));
        let err = first_error(&file_with(n, &two));
        assert!(err.contains(&format!("big.yaml:{}:", 3 + 5)), "{n}: {err}");
        // A parse error before a reading error, and after it.
        let parse_then_key = |i: usize| match i {
            3 => Some(format!("  q{i}: a *\n")),
            10 => Some(format!("  q{i}: {{ expr: a, uint: s }}\n")),
            _ => None,
        };
        let err = first_error(&file_with(n, &parse_then_key));
        assert!(err.contains("big.yaml:8:"), "{n}: {err}");
        let key_then_parse = |i: usize| match i {
            3 => Some(format!("  q{i}: {{ expr: a, uint: s }}\n")),
            10 => Some(format!("  q{i}: a *\n")),
            _ => None,
        };
        let err = first_error(&file_with(n, &key_then_parse));
        assert!(err.contains("unknown key `uint`"), "{n}: {err}");
    }
    // And a good large file loads with every expression in place, the
    // most deeply nested ones too (parsed on the second thread's stack).
    let deep = |i: usize| match i {
        4_990 => Some(format!("  q{i}: {}a{}\n", "(".repeat(200), ")".repeat(200))),
        4_991 => Some(format!("  q{i}: \"{}a\"\n", "- ".repeat(200))),
        4_992 => Some(format!(
            "  q{i}: {}a{}\n",
            "max(".repeat(200),
            ", 1)".repeat(200)
        )),
        _ => None,
    };
    let ok = file_with(5_000, &deep);
    let ev = bote::load("big.yaml", &ok).unwrap().evaluate().unwrap();
    assert_eq!(ev.rows.len(), 5_001);
    let last = ev
        .rows
        .iter()
        .find(|r| ev.estimate.items[r.item].name == "q4999");
    assert_eq!(last.unwrap().quantity.si_value(), 4_999.0);
}

/// A published figure reproduced within tolerance but more than 1% away
/// says by how much, in every format, and the summary counts them.
#[test]
fn a_figure_off_by_more_than_a_percent_says_by_how_much() {
    let yaml = "title: t\nassumptions:\n  size: 26.28 GB\n  rate: 1 MB/s\nq:\n  \
        fill: { expr: size / rate, unit: h, expect: 7.2 h }\n  same: { expr: size, expect: 26.3 GB }\n";
    let out = crate::common::bote(&["run", "-", "--width", "100"], yaml);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.contains("7.2 h ✓ +1.4%"), "{}", out.stdout);
    assert!(out.stdout.contains("26.3 GB ✓ │"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("✓ 2 of 2 published figures within tolerance, 1 off by more than 1%"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "✓ all 2 published figures reproduced (within tolerance), 1 off by more than 1%"
        ),
        "{}",
        out.stdout
    );
    let check = crate::common::bote(&["check", "-"], yaml);
    assert!(
        check
            .stdout
            .contains(": 2 published figures reproduced, 1 off by more than 1%"),
        "{}",
        check.stdout
    );
    let md = crate::common::bote(&["run", "-", "--format", "markdown"], yaml).stdout;
    assert!(md.contains("7.2 h ✓ +1.4%"), "{md}");
    let csv = crate::common::bote(&["run", "-", "--format", "csv"], yaml).stdout;
    assert!(
        csv.lines().next().unwrap().ends_with(",note,expect_off_by"),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with("q,fill,") && l.ends_with(",+1.4%")),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&crate::common::bote(&["run", "-", "--format", "json"], yaml).stdout)
            .unwrap();
    let off = json["sections"][0]["quantities"][0]["expect"]["off_by"]
        .as_f64()
        .unwrap();
    assert!((off - 0.01389).abs() < 1e-4, "{off}");
    assert_eq!(
        json["summary"]["check"],
        "✓ 2 of 2 published figures within tolerance, 1 off by more than 1%"
    );
}
