//! `bote practice`: a whole session driven from standard input, a drill at
//! a fixed seed, a session at a terminal, the history a killed session
//! leaves, and the README's transcript.

use crate::common::{bin, bote, folder};
use std::io::Write;
use std::process::{Command, Stdio};

/// A whole session of the Little's law preset: a fair answer, a hint, a
/// right one, an answer of the wrong kind, a range that misses, a skip,
/// a good one, and the end of the input; every line of the transcript,
/// and the history it leaves.
#[test]
fn a_session_from_standard_input() {
    let dir = folder("practice-session");
    let history = dir.join("history.jsonl");
    let answers = "200/s\nh\n300/s\n2 MB\n150 to 250\ns\n1000\n";
    let out = bote(
        &[
            "practice",
            "littles-law",
            "--history",
            history.to_str().unwrap(),
        ],
        answers,
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    insta::assert_snapshot!("practice-session", out.stdout);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&history)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let grades: Vec<&str> = lines.iter().map(|l| l["grade"].as_str().unwrap()).collect();
    // The range 150 to 250 misses 100: a range is graded by whether it
    // holds the figure, so at best fair (its near end is 1.5x off).
    assert_eq!(grades, ["fair", "good", "fair", "skipped", "fair"]);
    assert_eq!(lines[0]["kind"], "qps");
    assert_eq!(lines[0]["ratio"], 0.4);
    assert!(lines[3]["ratio"].is_null());
    // And the stats read it back.
    let stats = bote(
        &[
            "practice",
            "--stats",
            "--history",
            history.to_str().unwrap(),
        ],
        "",
    );
    assert!(stats.stdout.starts_with("kind"), "{}", stats.stdout);
    assert!(
        stats.stdout.contains("\nqps          2 "),
        "{}",
        stats.stdout
    );
    assert!(stats.stdout.contains("(+1 skipped)"), "{}", stats.stdout);
}

/// A drill at a fixed seed is the same drill, every time: each kind once.
#[test]
fn a_drill_at_a_fixed_seed() {
    let dir = folder("practice-drill");
    let history = dir.join("history.jsonl");
    let out = bote(
        &[
            "practice",
            "--drill",
            "--seed",
            "7",
            "--history",
            history.to_str().unwrap(),
        ],
        "s\ns\ns\ns\ns\ns\n",
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    insta::assert_snapshot!("practice-drill-seed-7", out.stdout);
}

/// At a terminal the answers are read with the line editor: two questions.
#[test]
fn two_questions_at_a_terminal() {
    let dir = folder("practice-pty");
    let history = dir.join("h.jsonl");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pty/drive.py");
    let mut child = Command::new("python3")
        .arg(script)
        .args(["> ", bin(), "practice", "littles-law", "--history"])
        .arg(&history)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"500/s\n300/s\nq\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let seen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{seen}");
    assert!(
        seen.contains("good: 500 /s; you said 500 /s, right on"),
        "{seen}"
    );
    assert!(
        seen.contains("good: 300 /s; you said 300 /s, right on"),
        "{seen}"
    );
    assert!(
        seen.contains("Score: 2 good, 0 fair of 2 answered"),
        "{seen}"
    );
    // Typed at a prompt, the answers are not echoed twice.
    assert!(!seen.contains("> > "), "{seen}");
    assert_eq!(
        std::fs::read_to_string(&history).unwrap().lines().count(),
        2
    );
}

/// A session killed half way leaves a history whose every line reads.
#[test]
fn a_killed_session_leaves_every_line_whole() {
    let dir = folder("practice-kill");
    let history = dir.join("h.jsonl");
    let mut child = Command::new(bin())
        .args([
            "practice",
            "--drill",
            "--seed",
            "3",
            "--count",
            "50",
            "--history",
        ])
        .arg(&history)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for _ in 0..3 {
        stdin.write_all(b"s\n").unwrap();
    }
    stdin.flush().unwrap();
    // Wait for the three lines, then kill it mid-session.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::fs::read_to_string(&history).map_or(0, |t| t.lines().count()) < 3 {
        assert!(std::time::Instant::now() < deadline, "no history written");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    let _ = child.wait();
    let text = std::fs::read_to_string(&history).unwrap();
    assert!(text.ends_with('\n'));
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["grade"], "skipped");
    }
    // A second session appends to it.
    let out = bote(
        &[
            "practice",
            "--drill",
            "--seed",
            "4",
            "--count",
            "1",
            "--history",
            history.to_str().unwrap(),
        ],
        "s\n",
    );
    assert_eq!(out.status, 0);
    assert_eq!(
        std::fs::read_to_string(&history).unwrap().lines().count(),
        4
    );
}

/// The README's transcript is what bote prints for its answers.
#[test]
fn the_readmes_transcript_is_true() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme
        .split("```text\n$ bote practice ")
        .nth(1)
        .expect("the README's practice transcript");
    let block = &block[..block.find("```").unwrap()];
    let (command, shown) = block.split_once('\n').unwrap();
    let answers: String = shown
        .lines()
        .filter_map(|l| l.strip_prefix("> "))
        .map(|a| format!("{a}\n"))
        .collect();
    let dir = folder("practice-readme");
    let history = dir.join("h.jsonl");
    let mut args = vec!["practice"];
    args.extend(command.split_whitespace());
    args.extend(["--history", history.to_str().unwrap()]);
    let out = bote(&args, &answers);
    // The excerpt is the transcript from its first question on.
    let from = out
        .stdout
        .find(shown.lines().next().unwrap())
        .expect("the first question");
    assert!(
        out.stdout[from..].starts_with(shown),
        "README:\n{shown}\nbote:\n{}",
        &out.stdout[from..]
    );
}

#[test]
fn bad_practice_arguments_say_what_to_do() {
    let out = bote(&["practice"], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr.contains("name a preset or file to practise"),
        "{}",
        out.stderr
    );
    let out = bote(&["practice", "--drill", "--good", "20", "--fair", "10"], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr
            .contains("--good (20) must be above 1 and below --fair (10)"),
        "{}",
        out.stderr
    );
    let out = bote(&["practice", "no-such-preset"], "");
    assert_eq!(out.status, 1);
}

/// url-shortener's practice grades the book's own answers as good, says
/// against what, keeps back the notes that give the answer away, and
/// does not call a range that holds everything "right on".
#[test]
fn practice_grades_against_the_book() {
    let answers = "40/s\n4000/s\n1 to 250000/s\nq\n";
    let history = folder("practice-book").join("history.jsonl");
    let out = bote(
        &[
            "practice",
            "url-shortener",
            "--history",
            history.to_str().unwrap(),
        ],
        answers,
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    let text = out.stdout;
    // The first question does not say "... 38 /s, which the source rounds up to ~40"
    // before the answer; it is said after.
    let first = text.split("[1/15] qps: write_qps\n").nth(1).unwrap();
    assert!(first.starts_with("> 40/s\n  good: 38.05 urls/s"), "{first}");
    assert!(
        first.contains(
            "  note: the source's 100M URLs a month is 38 /s, which the source rounds up to ~40\n"
        ),
        "{first}"
    );
    let second = text.split("[2/15] qps: read_qps\n").nth(1).unwrap();
    assert!(
        second.starts_with("> 4000/s\n  good: 12,000 redirects/s"),
        "{second}"
    );
    assert!(
        second.contains(
            "  graded good: within 2x of the source's 4,000 redirects/s, at read_ratio 100 redirects/url\n"
        ),
        "{second}"
    );
    let third = text.split("[3/15] qps: peak_write_qps\n").nth(1).unwrap();
    assert!(third.starts_with("> 1 to 250000/s\n  missed: "), "{third}");
    assert!(
        third.contains("your range holds it, 250,000x wide"),
        "{third}"
    );
    assert!(!text.contains("right on"), "{text}");
}
