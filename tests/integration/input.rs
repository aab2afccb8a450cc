//! Input as a new user or an attacker gives it: bad bytes on standard
//! input, negative expressions, closed streams, bindings, files that are
//! nearly estimates. Each checks the message or the number.

use crate::common::{bote, bote_bytes};
use crate::estimates::file;

#[test]
fn a_bad_line_on_stdin_is_reported_by_number_and_the_rest_go_on() {
    let out = bote_bytes(&["eval"], b"1 + 1\n\xff\xfe junk\n\n2 gigabites\n3 * 3\n");
    let (status, stdout, stderr) = (out.status, out.stdout, out.stderr);
    // One output line per expression: errors leave an empty line.
    assert_eq!(stdout, "2\n\n\n9\n");
    assert_eq!(status, 1);
    assert!(
        stderr.starts_with("error: line 2 of standard input is not UTF-8 text; skipped\n"),
        "{stderr}"
    );
    // The snippet carries the real line number (4), not 1.
    assert!(
        stderr.contains(" --> <stdin>:4:3\n  |\n4 | 2 gigabites\n  |   ^^^^^^^^^"),
        "{stderr}"
    );
    let json = bote_bytes(&["eval", "--format", "json"], b"1\n\xff\n2\n").stdout;
    let lines: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("not UTF-8"));
    assert_eq!(lines[2]["text"], "2");
}

#[test]
fn binary_junk_on_stdin() {
    let out = bote_bytes(&["eval"], b"\x00\x9f\x92\x96\n4 / 2\n");
    let (status, err) = (out.status, out.stderr);
    assert_eq!(status, 1);
    assert_eq!(out.stdout, "\n2\n");
    assert!(
        err.contains("line 1 of standard input is not UTF-8"),
        "{err}"
    );
}

#[test]
fn negative_numbers_are_expressions() {
    let out = bote(&["eval", "-5 bytes"], "");
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "-5 B\n"),
        "{}",
        out.stderr
    );
    let out = bote(&["eval", "-5", "bytes", "--explain"], "");
    assert_eq!(out.stdout, "-5 bytes  =  -5 B\n", "{}", out.stderr);
    let out = bote(&["eval", "-(2 + 3) * 2"], "");
    assert_eq!(out.stdout, "-10\n", "{}", out.stderr);
    let out = bote(&["eval", "-2^2"], "");
    assert_eq!(out.stdout, "-4\n", "{}", out.stderr);
    // A flag is still a flag.
    let out = bote(&["eval", "--format", "json", "-3 s"], "");
    assert!(out.stdout.contains("\"text\":\"-3 s\""), "{}", out.stdout);
}

#[test]
fn run_reads_an_estimate_from_stdin() {
    let yaml = bote::presets::get("littles-law").unwrap();
    let out = bote(&["run", "-", "--format", "csv"], yaml);
    let direct = bote(&["run", "littles-law", "--format", "csv"], "");
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(out.stdout, direct.stdout);
    let bad = bote(&["run", "-"], "title: x\nassumptions:\n  a: 5 gigabites\n");
    assert_eq!(bad.status, 1);
    assert!(bad.stderr.contains(" --> <stdin>:3:8"), "{}", bad.stderr);
}

/// Output a script throws away succeeds, however `/dev/null` was opened:
/// write-only by a shell, read-write by Python's `subprocess.DEVNULL` and
/// Go's `os/exec`; a closed stdout (`>&-`) is given `/dev/null` by the
/// runtime and is treated the same. A full disk is still an error.
#[test]
fn discarded_output_succeeds_and_a_full_disk_fails() {
    let bin = env!("CARGO_BIN_EXE_bote");
    let sh = |script: &str| {
        std::process::Command::new("sh")
            .args(["-c", script, bin])
            .output()
            .unwrap()
    };
    for script in [
        "exec \"$0\" check url-shortener >/dev/null",
        "exec \"$0\" check url-shortener 1<>/dev/null",
        "exec \"$0\" eval 1+1 >&-",
    ] {
        let out = sh(script);
        assert_eq!(out.status.code(), Some(0), "{script}: {out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{script}");
    }
    let devnull = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .unwrap();
    let out = std::process::Command::new(bin)
        .args(["run", "url-shortener"])
        .stdout(devnull)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let full = sh("exec \"$0\" eval 1+1 >/dev/full");
    assert_eq!(full.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&full.stderr).contains("cannot write output"));
}

#[test]
fn bindings_follow_one_exit_rule() {
    // Every bad --set or --let is an input error, exit 1.
    for args in [
        &["run", "url-shortener", "--set", "MB=5"][..],
        &["run", "url-shortener", "--set", "nosuch=5"],
        &["run", "url-shortener", "--set", "read_ratio"],
        &["eval", "--let", "MB=5", "1"],
        &["eval", "--let", "x", "1"],
    ] {
        let out = bote(args, "");
        assert_eq!(out.status, 1, "{args:?}: {}", out.stderr);
    }
    let out = bote(&["run", "url-shortener", "--set", "MB=5"], "");
    assert_eq!(
        out.stderr,
        "error: `MB` is a unit, magnitude or function name; choose another name\n \
         --> --set:1:1\n  |\n1 | MB=5\n  | ^^ here\n"
    );
    // An error downstream of a --set says that the value came from --set
    // (a figure without names is checked at the --set itself).
    let out = bote(
        &["run", "url-shortener", "--set", "read_ratio=record_size"],
        "",
    );
    assert!(
        out.stderr
            .contains("= `read_ratio` is set on the command line: --set read_ratio=record_size"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_name_written_as_a_unit_suggests_the_product() {
    // After a figure a word is a noun, never a name: `2 users` is two
    // users, and the other reading is said beside the answer.
    let out = bote(&["eval", "--let", "users=5", "2 users"], "");
    assert_eq!(out.stdout, "2 users\n", "{}", out.stderr);
    assert!(
        out.stderr
            .contains("for your name `users`, write `2 * users`"),
        "{}",
        out.stderr
    );
    let out = bote(&["eval", "--let", "users=5", "usres * 2"], "");
    assert!(
        out.stderr.contains("did you mean `users`?"),
        "{}",
        out.stderr
    );
    let f = file("title: x\nassumptions:\n  users: 5M\nqps:\n  b: 2 users\n");
    let out = bote(&["run", &f.0], "");
    assert!(
        out.stderr.contains("did you mean `2 * users`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn nearly_estimates() {
    let f = file("title: x\n");
    let out = bote(&["run", &f.0], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr
            .starts_with("error: the estimate file has no quantities\n"),
        "{}",
        out.stderr
    );
    let f = file("title: x\nstorage: 12\n");
    let out = bote(&["run", &f.0], "");
    assert!(
        out.stderr
            .starts_with("error: `storage` is a section, which must be a map of quantities\n"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("unknown key"), "{}", out.stderr);
}

#[test]
fn yaml_errors_say_what_bote_expected() {
    let f = file("title: x\nassumptions:\n  a: 5\n    b: 6\n");
    let out = bote(&["run", &f.0], "");
    assert!(
        out.stderr.ends_with(
            "  = bote expected `key: value` lines, each key of one map indented as far as the \
             ones above it (two spaces under `assumptions:` or a section)\n"
        ),
        "{}",
        out.stderr
    );
    let long = format!("title: x\nassumptions:\n  {}: 5\n", "k".repeat(1100));
    let f = file(&long);
    let out = bote(&["run", &f.0], "");
    assert!(
        out.stderr.contains(
            "= this key is 1100 characters long; YAML allows a plain key of at most 1,024"
        ),
        "{}",
        out.stderr
    );
}
