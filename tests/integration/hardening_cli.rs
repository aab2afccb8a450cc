//! The third round of hardening, items 7 to 15 of issue 34 (practice
//! history, control characters, the pager, capacity checks, widths, the
//! lesser items and the first hour). Each test here failed before its fix;
//! what a case file can hold is under `tests/cases/`.

use crate::common::{bin, bote, bote_at, folder};

/// Item 7: a session killed mid-line leaves the history without its last
/// newline; the next session's record starts on a line of its own, and
/// `--stats` reads it and says how many lines it could not.
#[test]
fn a_torn_last_line_does_not_eat_the_next_record() {
    let dir = folder("hardening-torn-history");
    let history = dir.join("h.jsonl");
    let whole = r#"{"time":1,"from":"drill","kind":"qps","question":"q","answer":"1/s","figure":"1 /s","ratio":1.0,"grade":"good"}"#;
    std::fs::write(&history, format!("{whole}\n{{\"time\":2,\"from\":\"dr")).unwrap();
    let path = history.to_str().unwrap();
    let args = ["practice", "littles-law", "--count", "1", "--history", path];
    let out = bote(&args, "500/s\n");
    assert_eq!(out.status, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&history).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[1].ends_with("\"dr"), "the torn line is kept: {text}");
    let last: serde_json::Value = serde_json::from_str(lines[2]).unwrap();
    assert_eq!(last["grade"], "good");
    let stats = bote(&["practice", "--stats", "--history", path], "");
    assert_eq!(stats.status, 0, "{}", stats.stderr);
    assert!(stats.stdout.contains("\nqps   2 "), "{}", stats.stdout);
    assert!(
        stats
            .stdout
            .contains("(1 line of the history did not read and was left out)"),
        "{}",
        stats.stdout
    );
}

/// Item 8: `--stats --history /dev/zero` stops at the limit every file is
/// read through, and says so, instead of reading until memory runs out.
#[test]
fn stats_read_the_history_through_the_file_limit() {
    for endless in ["/dev/zero", "/dev/urandom"] {
        let out = bote(&["practice", "--stats", "--history", endless], "");
        assert_eq!(out.status, 1, "{endless}: {}", out.stdout);
        assert!(
            out.stderr
                .contains(&format!("`{endless}` holds more than 16,777,216 bytes")),
            "{endless}: {}",
            out.stderr
        );
    }
    // A history that is not UTF-8 in one line loses that line only.
    let dir = folder("hardening-history-bytes");
    let history = dir.join("h.jsonl");
    let whole = r#"{"time":1,"from":"drill","kind":"qps","question":"q","answer":"1/s","figure":"1 /s","ratio":1.0,"grade":"good"}"#;
    let mut bytes = b"\xff\xfe junk\n".to_vec();
    bytes.extend_from_slice(whole.as_bytes());
    bytes.push(b'\n');
    std::fs::write(&history, bytes).unwrap();
    let out = bote(
        &[
            "practice",
            "--stats",
            "--history",
            history.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.contains("\nqps   1 "), "{}", out.stdout);
    assert!(out.stdout.contains("(1 line of"), "{}", out.stdout);
}

/// Item 10: a control character from a file or from standard input is
/// shown escaped where the docs promise it is: a capacity row's `boxes:`
/// name (table cell, `--explain` Markdown), a history line's `kind` in
/// `--stats`, and a piped practice answer (its echo and its error).
#[test]
fn control_characters_do_not_reach_the_terminal() {
    let file = "title: t\nassumptions:\n  data: 100 GB\ncapacity:\n  n: { load: data, per_box: 10 GB, boxes: \"ta\\e[31msks\" }\n";
    for args in [
        &["run", "-"][..],
        &["run", "-", "--explain"],
        &["run", "-", "--format", "markdown", "--explain"],
        &["run", "-", "--format", "csv"],
    ] {
        let out = bote(args, file);
        assert_eq!(out.status, 0, "{args:?}: {}", out.stderr);
        assert!(!out.stdout.contains('\u{1b}'), "{args:?}: {}", out.stdout);
        assert!(
            out.stdout.contains("15 ta\\u{1b}[31msks"),
            "{args:?}: {}",
            out.stdout
        );
    }
    let dir = folder("hardening-control-history");
    let history = dir.join("h.jsonl");
    std::fs::write(
        &history,
        "{\"time\":1,\"from\":\"drill\",\"kind\":\"q\\u001b]0;owned\\u0007ps\",\"question\":\"q\",\"answer\":\"1/s\",\"figure\":\"1 /s\",\"ratio\":1.0,\"grade\":\"good\"}\n",
    )
    .unwrap();
    let path = history.to_str().unwrap();
    let stats = bote(&["practice", "--stats", "--history", path], "");
    assert_eq!(stats.status, 0, "{}", stats.stderr);
    assert!(
        !stats.stdout.contains(['\u{1b}', '\u{7}']),
        "{}",
        stats.stdout
    );
    assert!(
        stats.stdout.contains("q\\u{1b}]0;owned\\u{7}ps"),
        "{}",
        stats.stdout
    );
    let args = ["practice", "littles-law", "--count", "1", "--history", path];
    let out = bote(&args, "5\u{1b}[31m/s\nq\n");
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    assert!(out.stdout.contains("> 5\\u{1b}[31m/s\n"), "{}", out.stdout);
    assert!(
        out.stdout.contains("unexpected character `\\u{1b}`"),
        "{}",
        out.stdout
    );
}

/// `bote run url-shortener` in a pseudo-terminal 24 rows high, with the
/// environment `env` (TERM=xterm unless it says otherwise): all it showed.
fn at_a_terminal(env: &[(&str, Option<&str>)]) -> String {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pty/pager.py");
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(script)
        .args([
            "24",
            "80",
            bin(),
            "run",
            "url-shortener",
            "--scenario",
            "base",
        ])
        .env("TERM", "xterm")
        .env_remove("BOTE_PAGER")
        .env_remove("PAGER")
        .env_remove("LINES")
        .env_remove("COLUMNS");
    for (k, v) in env {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let out = cmd.output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Item 11: a pager that fails or cannot start does not lose the report;
/// the pager's command is split as a shell splits it; and a terminal
/// without a usable TERM is not paged.
#[test]
fn a_failing_pager_does_not_lose_the_report() {
    let whole =
        |seen: &str| seen.contains("Summary") && seen.contains("published figures reproduced");
    for pager in [
        "false",
        r#"sh -c "exit 3""#,
        "/no/such/pager",
        "no-such-pager --flag",
    ] {
        let seen = at_a_terminal(&[("PAGER", Some(pager))]);
        assert!(whole(&seen), "PAGER={pager}: {seen}");
        assert!(
            seen.contains(&format!("warning: the pager `{pager}`"))
                || seen.contains(&format!("warning: cannot start the pager `{pager}`")),
            "PAGER={pager}: {seen}"
        );
    }
    // Quoted as a shell quotes: one argument with a space in it.
    let seen = at_a_terminal(&[("BOTE_PAGER", Some(r#"sed "s/^/paged: /""#))]);
    assert!(
        seen.lines()
            .all(|l| l.trim().is_empty() || l.starts_with("paged: ")),
        "{seen}"
    );
    assert!(whole(&seen), "{seen}");
    // No usable TERM: printed whole, not paged.
    for term in [Some("dumb"), Some(""), None] {
        let seen = at_a_terminal(&[("TERM", term), ("BOTE_PAGER", Some("sed s/^/paged:/"))]);
        assert!(whole(&seen), "TERM={term:?}: {seen}");
        assert!(!seen.contains("paged:"), "TERM={term:?}: {seen}");
    }
}

/// Item 12: a cost written as a sum is tier-checked term by term.
#[test]
fn a_cost_written_as_a_sum_is_tier_checked() {
    for expr in [
        "stored * price.s3_standard + 100 $/month",
        "stored * price.s3_standard + reads * price.egress_10tb",
    ] {
        let file = format!(
            "title: t\nassumptions:\n  stored: {{ value: 180 TB }}\n  reads: {{ value: 20 TB / month }}\nspend:\n  c: {{ expr: {expr} }}\n"
        );
        let out = bote(&["check", "-"], &file);
        assert_eq!(out.status, 0, "{expr}: {}", out.stderr);
        assert!(
            out.stderr.contains(
                "`c` prices 180 TB at `price.s3_standard`, which holds up to 50 TB; \
                 `price.s3_standard_50tb` holds 180 TB"
            ),
            "{expr}: {}",
            out.stderr
        );
    }
    // Within the tier, or divided by: nothing said.
    for expr in [
        "40 TB * price.s3_standard + 5 $/month",
        "$1000 / month / price.s3_standard * 0.01 $/GB/month + 1 $/month",
    ] {
        let file = format!("title: t\nspend:\n  c: {{ expr: {expr} }}\n");
        let out = bote(&["check", "-"], &file);
        assert_eq!(out.status, 0, "{expr}: {}", out.stderr);
        assert!(!out.stderr.contains("warning"), "{expr}: {}", out.stderr);
    }
}

/// Item 12: `--set` is checked against the file's own figure, and its
/// error points at the `--set`: a figure of another kind, and one not
/// above zero where the file's range (`LOW to HIGH`) must be.
#[test]
fn a_set_is_checked_where_it_is_written() {
    for (set, says) in [
        (
            "read_ratio=-5",
            "--set read_ratio: `-5` must be above zero, as the file's range for it is",
        ),
        ("read_ratio=0", "--set read_ratio: `0` must be above zero"),
        (
            "read_ratio=1 GB",
            "--set read_ratio: `1 GB` is data (B), where the file's `read_ratio` is redirects per url",
        ),
    ] {
        let out = bote(&["run", "url-shortener", "--set", set], "");
        assert_eq!(out.status, 1, "{set}: {}", out.stdout);
        assert!(out.stderr.contains(says), "{set}: {}", out.stderr);
        assert!(
            out.stderr.contains(" --> --set read_ratio:1:1"),
            "{set}: {}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("preset url-shortener:"),
            "{}",
            out.stderr
        );
    }
    // What the file's figure lends still works: a count-free figure, a
    // figure in the file's units, a figure with names.
    for set in [
        "read_ratio=1000",
        "read_ratio=50 redirects/url",
        "read_ratio=2 * 50",
    ] {
        let out = bote(&["run", "url-shortener", "--set", set], "");
        assert_eq!(out.status, 0, "{set}: {}", out.stderr);
    }
}

/// The widest line of `text`, in display columns.
fn widest(text: &str) -> usize {
    text.lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// Item 13: `bote refs`, `prices`, `check` and `practice` take `--width`
/// as `bote run` does, and an explicit COLUMNS is honoured when the
/// output is piped.
#[test]
fn widths_everywhere() {
    for args in [
        &["refs"][..],
        &["prices"],
        &["check", "url-shortener"],
        &["run", "url-shortener"],
    ] {
        let args = args.to_vec();
        let out = std::process::Command::new(bin())
            .args(&args)
            .env("COLUMNS", "60")
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(
            widest(&stdout) <= 60,
            "{args:?} piped, COLUMNS=60:\n{stdout}"
        );
        assert!(
            widest(&stderr) <= 60,
            "{args:?} piped, COLUMNS=60:\n{stderr}"
        );
        let mut wide = args.clone();
        wide.extend(["--width", "60"]);
        let out = bote(&wide, "");
        assert_eq!(out.status, 0, "{wide:?}: {}", out.stderr);
        assert!(widest(&out.stdout) <= 60, "{wide:?}:\n{}", out.stdout);
    }
    // Unfitted, the sheets are wider: the flag did the fitting.
    assert!(widest(&bote(&["refs"], "").stdout) > 60);
    let dir = folder("hardening-practice-width");
    let history = dir.join("h.jsonl");
    let args = [
        "practice",
        "--drill",
        "--seed",
        "3",
        "--history",
        history.to_str().unwrap(),
        "--width",
        "40",
    ];
    let out = bote(&args, "s\ns\ns\ns\ns\ns\n");
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(widest(&out.stdout) <= 40, "{}", out.stdout);
    // And bote_at, a terminal 40 wide, fits the same.
    let at = bote_at(Some(40), &args[..6], b"s\ns\ns\ns\ns\ns\n");
    assert_eq!(at.stdout, out.stdout);
}

/// Item 9: a factor far off is its power of ten (`2e297x`), not three
/// hundred digits, in the answer line, the score card and `--stats`.
#[test]
fn a_factor_far_off_is_a_power_of_ten() {
    let dir = folder("hardening-far-factor");
    let history = dir.join("h.jsonl");
    let path = history.to_str().unwrap();
    let args = ["practice", "littles-law", "--count", "1", "--history", path];
    let out = bote(&args, "1e300/s\n");
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("missed: 500 /s; you said 1e300 /s, 2e297x high, 297.30 orders"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("missed (2e297x high)"),
        "{}",
        out.stdout
    );
    let stats = bote(&["practice", "--stats", "--history", path], "");
    assert!(
        stats.stdout.contains("\nqps   1         2e297x"),
        "{}",
        stats.stdout
    );
    assert!(widest(&out.stdout) < 100 && widest(&stats.stdout) < 100);
}

/// Item 14, the lesser items: `--summary` in JSON and CSV; the `{errors}`
/// object when the file cannot be read; a folder given to `bote notes`;
/// a sheet with `entries: {}`; `bote eval '--5'`; `ceil(0.3 bit)`.
#[test]
fn the_lesser_items() {
    // --summary: JSON keeps its shape, the quantities left out; CSV keeps
    // the headline figures' rows.
    let json = bote(
        &[
            "run",
            "url-shortener",
            "--scenario",
            "base",
            "--summary",
            "--format",
            "json",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["sections"], serde_json::json!([]), "{}", json.stdout);
    assert_eq!(v["assumptions"], serde_json::json!([]));
    assert_eq!(v["summary"]["figures"].as_array().unwrap().len(), 6);
    let csv = bote(
        &[
            "run",
            "url-shortener",
            "--scenario",
            "base",
            "--summary",
            "--format",
            "csv",
        ],
        "",
    );
    let names: Vec<&str> = csv
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "peak_read_qps",
            "total_storage",
            "peak_read_bandwidth",
            "redirects_in_flight",
            "replication_socket_buffer",
            "total"
        ],
        "{}",
        csv.stdout
    );
    // A file that cannot be read, with --format json: the errors object.
    let out = bote(&["run", "no/such/file.yaml", "--format", "json"], "");
    assert_eq!(out.status, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no preset or file named `no/such/file.yaml`"),
        "{}",
        out.stdout
    );
    // A folder given as a note is not asked to be a .yaml: a Markdown note.
    let dir = folder("hardening-lesser");
    let out = bote(&["notes", dir.to_str().unwrap()], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr
            .contains("is a directory; give a Markdown note (FILE.md)"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(".yaml"), "{}", out.stderr);
    // A sheet of no entries.
    let sheet = dir.join("empty.yaml");
    std::fs::write(&sheet, "title: ours\nentries: {}\n").unwrap();
    let out = bote(
        &[
            "run",
            "littles-law",
            "--references",
            sheet.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status, 1, "{}", out.stdout);
    assert!(
        out.stderr.contains("error: `entries` is empty"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("empty.yaml:2:10"), "{}", out.stderr);
    // Minus minus five is five, not a usage error.
    let out = bote(&["eval", "--5"], "");
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "5\n"),
        "{}",
        out.stderr
    );
    let out = bote(&["eval", "---5 B"], "");
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "-5 B\n"),
        "{}",
        out.stderr
    );
    // Less than a byte is said in bits.
    for (expr, want) in [("ceil(0.3 bit)", "1 bit\n"), ("ceil(3 bit)", "3 bits\n")] {
        let out = bote(&["eval", expr], "");
        assert_eq!(out.stdout, want, "{expr}: {}", out.stderr);
    }
}

/// Item 15: the README's install lines, as written, in a new, empty HOME
/// (`.ci/first-hour.sh`, with this build in place of `cargo install`;
/// `.ci/run` runs it with the real `cargo install`): the completion script
/// lands where bash-completion looks, `man bote` and `man bote-run` find
/// their pages, and every page bote.1 names is written.
#[test]
fn the_readmes_install_lines_work_on_a_fresh_machine() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/first-hour.sh");
    let out = std::process::Command::new("bash")
        .arg(script)
        .env("BOTE_BIN", bin())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("first-hour: ok"));
}

/// Item 15: `bote man` names no page it does not write (no `bote-help`),
/// and `--dir` writes one per subcommand it names.
#[test]
fn bote_man_writes_every_page_it_names() {
    let page = bote(&["man"], "");
    assert_eq!(page.status, 0, "{}", page.stderr);
    assert!(!page.stdout.contains("bote\\-help(1)"), "{}", page.stdout);
    let dir = folder("hardening-man").join("man1");
    let out = bote(&["man", "--dir", dir.to_str().unwrap()], "");
    assert_eq!(out.status, 0, "{}", out.stderr);
    let named: Vec<&str> = page
        .stdout
        .split("bote\\-")
        .skip(1)
        .filter_map(|s| s.split_once("(1)").map(|(n, _)| n))
        .filter(|n| n.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    assert!(named.len() >= 12, "{named:?}");
    for name in named {
        let path = dir.join(format!("bote-{name}.1"));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(text.contains(".TH bote-"), "{}", path.display());
    }
    assert!(dir.join("bote.1").exists());
}
