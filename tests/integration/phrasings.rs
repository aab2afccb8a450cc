//! Phrasings a person types first: `20% of X`, conversions spelled in
//! words, names defined as you go, and the prompt at a terminal. Each
//! checks the number and the reading.

use crate::common::bote;

/// The answer and the reading (`--explain`) of one expression.
fn read(src: &str) -> (String, String) {
    let out = bote(&["eval", "--explain", src], "");
    assert_eq!(out.status, 0, "{src}: {}", out.stderr);
    let line = out.stdout.trim_end();
    let (reading, answer) = line.split_once("  =  ").unwrap();
    (answer.to_string(), reading.to_string())
}

#[test]
fn percent_of() {
    assert_eq!(
        read("20% of 500 GB"),
        ("100 GB".into(), "20% * 500 gigabytes".into())
    );
    assert_eq!(
        read("20 percent of 1 TB"),
        ("200 GB".into(), "20% * 1 terabyte".into())
    );
    assert_eq!(
        read("10% of 5M"),
        ("500,000".into(), "10% * 5 million".into())
    );
    let out = bote(&["eval", "20% of"], "");
    assert!(
        out.stderr
            .starts_with("error: expected what the percentage is of, as in `20% of 500 GB`"),
        "{}",
        out.stderr
    );
    let out = bote(&["eval", "5 of 6"], "");
    assert!(
        out.stderr
            .starts_with("error: expected a percentage before `of`, as in `20% of 500 GB`"),
        "{}",
        out.stderr
    );
}

#[test]
fn targets_in_words() {
    let cases = [
        // 1e8 * 12 / 31,536,000 = 38.05
        (
            "100M per month in per second",
            "38.05 /s",
            "100 million / month -> /s",
        ),
        (
            "100M / month -> per hour",
            "136,986 /h",
            "100 million / month -> /h",
        ),
        (
            "1200 per hour to per minute",
            "20 /min",
            "1200 / hour -> /min",
        ),
        ("1 h in minutes", "60 min", "1 hour -> min"),
        (
            "100 MB/s in bytes per second",
            "100 million B/s",
            "100 megabytes / second -> B/s",
        ),
        (
            "1 Gbit/s in MB per second",
            "125 MB/s",
            "1 gigabit / second -> MB/s",
        ),
        ("2 days in hours", "48 h", "2 days -> h"),
    ];
    for (src, answer, reading) in cases {
        assert_eq!(read(src), (answer.into(), reading.into()), "{src}");
    }
}

#[test]
fn names_defined_as_you_go() {
    // On standard input, each definition prints its value.
    let out = bote(&["eval"], "dau = 500 million\ndau * 5 / day\n");
    assert_eq!(
        out.stdout, "dau = 500 million\n28,935 /s\n",
        "{}",
        out.stderr
    );
    // As arguments, and with `;` between statements.
    let out = bote(&["eval", "dau = 500M", "dau * 5 per day in per second"], "");
    assert_eq!(
        out.stdout, "dau = 500 million\n28,935 /s\n",
        "{}",
        out.stderr
    );
    let out = bote(&["eval", "a = 2 GB; b = a * 3; b / 100 MB/s"], "");
    assert_eq!(out.stdout, "a = 2 GB\nb = 6 GB\n1 min\n", "{}", out.stderr);
    let out = bote(&["eval", "--explain", "x = 5 GB"], "");
    assert_eq!(out.stdout, "x = 5 gigabytes  =  5 GB\n");
    let json = bote(&["eval", "--format", "json", "x = 5 GB"], "").stdout;
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(
        (v["name"].as_str(), v["text"].as_str()),
        (Some("x"), Some("5 GB"))
    );
}

#[test]
fn definitions_that_go_wrong() {
    let cases = [
        (
            "x = ",
            "error: `x =` defines a name, but there is no expression after `=`",
        ),
        (
            "MB = 5",
            "error: `MB` is a unit, magnitude or function name; choose another name",
        ),
        ("2 = 3", "error: `2` is not a valid name"),
        (
            "y = 5 gigabites",
            "error: unknown unit `gigabites`\n  |\n1 | y = 5 gigabites\n  |       ^^^^^^^^^",
        ),
    ];
    for (src, want) in cases {
        let out = bote(&["eval", src], "");
        assert_eq!(out.status, 1, "{src}");
        assert!(out.stderr.contains(want), "{src}: {}", out.stderr);
    }
    // A scratchpad is for what-ifs: a name defined again takes its new
    // value for the lines after it, and the answer says so.
    let out = bote(
        &["eval"],
        "dau = 50M
dau = 80M
dau * 2
",
    );
    assert_eq!(
        out.stdout,
        "dau = 50 million
dau = 80 million (redefined)
160 million
",
        "{}",
        out.stderr
    );
    // A failed definition leaves its line empty and the next lines go on.
    let out = bote(&["eval"], "x = 5 gigabites\nx\ny = 2\ny * 2\n");
    assert_eq!(out.stdout, "\n\ny = 2\n4\n", "{}", out.stderr);
}

/// `bote eval` at a terminal, driven through a pseudo-terminal by
/// `tests/pty/drive.py` (each wait bounded at 5 seconds).
#[test]
fn interactive_prompt() {
    use std::io::Write as _;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pty/drive.py");
    let mut child = std::process::Command::new("python3")
        .args([script, "bote> ", env!("CARGO_BIN_EXE_bote"), "eval"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs the pseudo-terminal driver");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"dau = 500M\ndau * 5 per day\n5 gigabites\n:names\n20% of 500 GB\n:help\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    // What a person saw, without the terminal's control sequences.
    let raw = String::from_utf8_lossy(&out.stdout);
    let mut shown = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                if chars.next_if_eq(&'[').is_some() {
                    while chars.next().is_some_and(|c| !c.is_ascii_alphabetic()) {}
                }
            }
            '\r' => {}
            c => shown.push(c),
        }
    }
    // One statement failed, so the session ends with status 1, as piped input would.
    assert_eq!(out.status.code(), Some(1), "{shown}");
    for want in [
        "bote> dau = 500M\ndau = 500 million\n",
        "bote> dau * 5 per day\n28,935 /s\n",
        "bote> 5 gigabites\nerror: unknown unit `gigabites`\n",
        "bote> :names\ndau = 500 million\n",
        "bote> 20% of 500 GB\n100 GB\n",
        "bote> :help\nNumbers:",
    ] {
        assert!(shown.contains(want), "missing {want:?} in:\n{shown}");
    }
}

#[test]
fn multipliers_and_request_rates() {
    let cases = [
        ("5x", "5", "5"),
        ("2x 100 /s", "200 /s", "2 * (100 / second)"),
        ("5 times 3 GB", "15 GB", "5 * 3 gigabytes"),
        ("3x (2 + 1)", "9", "3 * (2 + 1)"),
        ("5x + 1", "6", "5 + 1"),
        // A figure keeps the unit it was written in.
        ("7000 QPS", "7,000 QPS", "7000 QPS"),
        // 1e8 / 86,400 = 1,157.4
        ("100M / day -> QPS", "1,157 QPS", "100 million / day -> QPS"),
        (
            "3 million RPS -> TPS",
            "3 million TPS",
            "3 million RPS -> TPS",
        ),
    ];
    for (src, answer, reading) in cases {
        assert_eq!(read(src), (answer.into(), reading.into()), "{src}");
    }
    let out = bote(&["eval", "--let", "avg=100/s", "5x avg"], "");
    assert_eq!(out.stdout, "500 /s\n", "{}", out.stderr);
    let out = bote(&["eval", "5xx"], "");
    assert!(
        out.stderr.starts_with("error: unknown unit `xx`"),
        "{}",
        out.stderr
    );
}

/// `unit:` and `expect:` take the unit spellings an expression takes.
#[test]
fn units_of_a_file_in_words() {
    let f = crate::estimates::file(
        "title: t\nassumptions:\n  a: 100M per day\nstorage:\n  \
         daily: { expr: a * 300 kB, unit: TB per day, expect: 30 TB per day }\n\
         qps:\n  per_s: { expr: a, unit: per second }\n  thousands: { expr: a, unit: k/s }\n  \
         millions: { expr: a, unit: M/day }\n",
    );
    let out = bote(&["run", &f.0, "--format", "json"], "");
    assert_eq!(out.status, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let texts: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["quantities"].as_array().unwrap())
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "30 TB/day",
            "1,157 /s",
            "1.157 thousand/s",
            "100 million/day"
        ]
    );
}

/// Prices read as prices: per gigabyte and per month, never in scientific
/// notation.
#[test]
fn prices() {
    let cases = [
        ("$0.02 per GB", "$0.02/GB"),
        // A figure keeps the unit it was written in, cents and all...
        ("$0.10 per hour", "$0.10/h"),
        // ...and a computed one is per month: $0.10 an hour over 730 hours.
        ("$0.10 per hour * 1", "$73/month"),
        ("$2000 per month", "$2,000/month"),
        // 30 TB/day * 30.42 days * $0.02/GB = $18,250
        ("$0.02 per GB * 30 TB per day", "$18,250/month"),
    ];
    for (src, want) in cases {
        let out = bote(&["eval", src], "");
        assert_eq!(out.stdout.trim_end(), want, "{src}: {}", out.stderr);
    }
}

/// `~` and `≈` before a figure: approximately, checked within the usual
/// tolerance, and shown as the source printed it.
#[test]
fn approximate_figures() {
    assert_eq!(
        read("~3500 QPS"),
        ("3,500 QPS".into(), "approximately 3500 QPS".into())
    );
    assert_eq!(
        read("≈ 55 PB"),
        ("55 PB".into(), "approximately 55 petabytes".into())
    );
    let out = bote(&["eval", "~"], "");
    assert!(
        out.stderr
            .starts_with("error: expected a figure after `~`, as in `~3500 QPS`"),
        "{}",
        out.stderr
    );
    // 300M a day is 3,472 /s: within 10% of the book's ~3500 QPS.
    let f = crate::estimates::file(
        "title: t\nassumptions:\n  dau: 300M\nqps:\n  \
         q: { expr: dau * 1 per day, unit: QPS, expect: ~3500 QPS }\n",
    );
    let out = bote(&["run", &f.0, "--format", "markdown"], "");
    assert!(
        out.stdout
            .contains("| q | 3,472 QPS | `dau * 1 per day` | ~3,500 QPS ✓ |"),
        "{}",
        out.stdout
    );
}

/// The classic slips get hints that name them.
#[test]
fn hints_for_classic_slips() {
    let out = bote(
        &[
            "eval",
            "300 million * 50% * 2 / 24 hours / 3600 seconds -> /s",
        ],
        "",
    );
    assert!(
        out.stderr.contains(
            "this divides by a time twice (`24 hours` and `3600 seconds`): divide once, \
             as `/ 1 day` or `/ (24 * 3600 seconds)`"
        ),
        "{}",
        out.stderr
    );
    // The right reading of the book's formula: ~3500 QPS.
    let out = bote(&["eval", "300 million * 50% * 2 / (24 * 3600 seconds)"], "");
    assert_eq!(out.stdout, "3,472 /s\n", "{}", out.stderr);
    // A plain noun after a figure is a count in `bote eval`...
    for (src, answer) in [
        ("2 tweets per day", "2 tweets/day\n"),
        ("5 million users", "5 million users\n"),
    ] {
        let out = bote(&["eval", src], "");
        assert_eq!(out.stdout, answer, "{src}: {}", out.stderr);
    }
    // ...but a word that is no noun is not a unit, and gets no far-fetched guess.
    for (src, word) in [("5 x", "x"), ("5 zz", "zz")] {
        let out = bote(&["eval", src], "");
        assert!(
            out.stderr.contains(&format!("unknown unit `{word}`"))
                && out.stderr.contains(
                    "not a unit; a count is a plain number (`2 per day`) unless declared"
                )
                && !out.stderr.contains("did you mean"),
            "{src}: {}",
            out.stderr
        );
    }
    // A comma in a one-line map: a plain value it cut is joined back...
    let f = crate::estimates::file("title: t\nassumptions:\n  a: { value: 5, note: one, two }\n");
    let out = bote(&["run", &f.0, "--format", "csv"], "");
    assert!(
        out.stdout.contains(",\"one, two\""),
        "{}{}",
        out.stdout,
        out.stderr
    );
    // ...and after a quoted one, the error names the field it cut short.
    let f =
        crate::estimates::file("title: t\nassumptions:\n  a: { value: 5, note: \"one\", two }\n");
    let out = bote(&["run", &f.0], "");
    assert!(
        out.stderr.contains(
            "in `{ … }` a comma ends the value: the `note` before this stopped at the comma; \
             quote it if it holds one, as `note: \"one, two\"`"
        ),
        "{}",
        out.stderr
    );
    // In a QPS section, a rate per second squared gets a note saying why.
    let f = crate::estimates::file(
        "title: t\nassumptions:\n  dau: 150M\nqps:\n  q: dau * 2 / 24 hours / 3600 seconds\n",
    );
    let out = bote(&["run", &f.0, "--format", "csv"], "");
    assert!(
        out.stdout
            .contains("per second squared: is a time divided twice?"),
        "{}",
        out.stdout
    );
    // `unit: per` with no unit after it.
    let f = crate::estimates::file(
        "title: t\nassumptions:\n  a: 1\nqps:\n  b: { expr: a / s, unit: per }\n",
    );
    let out = bote(&["run", &f.0], "");
    assert!(
        out.stderr.starts_with(
            "error: expected a unit to convert to, such as `MB`, `/s` or `%`, found the end"
        ),
        "{}",
        out.stderr
    );
}

/// Questions as people type them, answered with the figure and read as
/// `--explain` shows: plain nouns become counts, `a day` is per day, `for`
/// multiplies by a time, `at` is each at (or a size at a rate, a time).
#[test]
fn questions_as_people_type_them() {
    let cases = [
        (
            "1 billion requests per day in QPS",
            "11,574 QPS",
            "1 billion requests / day -> QPS",
        ),
        (
            "1 billion a day in QPS",
            "11,574 QPS",
            "1 billion / day -> QPS",
        ),
        ("3,000 miles", "3,000 mi", "3,000 miles"),
        ("3,000 miles -> km", "4,828 km", "3,000 miles -> km"),
        // 3e9 cycles/s for a millisecond: three million cycles.
        ("3 GHz * 1 ms", "3 million", "3 gigahertz * 1 millisecond"),
        // 500 W for 730 hours.
        (
            "500 W * 1 month -> kWh",
            "365 kWh",
            "500 watts * 1 month -> kWh",
        ),
        (
            "30 MB/s for 1 hour",
            "108 GB",
            "30 megabytes / second * 1 hour",
        ),
        // 1e13 B / 1e8 B/s = 100,000 s.
        (
            "10 TB at 100 MB/s -> h",
            "27.78 h",
            "10 terabytes at (100 megabytes / second) -> h",
        ),
        // 100M a month for 60 months is 6 billion URLs, at 500 bytes each.
        (
            "100M new URLs a month at 500 bytes for 5 years",
            "3 TB",
            "100 million URLs / month at 500 bytes * 5 years",
        ),
    ];
    for (src, answer, reading) in cases {
        assert_eq!(read(src), (answer.into(), reading.into()), "{src}");
    }
    // Two counts read from the question's nouns multiplied leave out a
    // "per" that could stand after either: the figure is said without
    // them, in the unit asked, and a target that names one says it.
    let (answer, reading) = read("150M DAU * 2 posts/day -> /s");
    assert_eq!(reading, "150 million DAUs * (2 posts / day) -> /s");
    assert_eq!(answer, "3,472 /s");
    let (answer, _) = read("150M DAU * 2 posts/day -> posts/s");
    assert_eq!(answer, "3,472 posts/s");
}

/// The near misses stay errors, each with what to write.
#[test]
fn near_misses_stay_errors() {
    for (src, message, label) in [
        (
            "5 gigabites",
            "unknown unit `gigabites`",
            "did you mean `gigabits` or `gigabytes`?",
        ),
        (
            "5 secnods",
            "unknown unit `secnods`",
            "did you mean `seconds`?",
        ),
        ("100 mbs", "unknown unit `mbs`", "did you mean"),
        ("5 the", "unknown unit `the`", "a word of the sentence"),
        ("20 for", "", ""),
    ] {
        let out = bote(&["eval", src], "");
        assert_eq!(out.status, 1, "{src}: {}", out.stdout);
        assert!(out.stderr.contains(message), "{src}: {}", out.stderr);
        assert!(out.stderr.contains(label), "{src}: {}", out.stderr);
        // Never a function word or a misspelling offered as a count.
        for word in ["the", "for", "gigabites", "secnods"] {
            assert!(
                !out.stderr.contains(&format!("counts: [{word}]")),
                "{src}: {}",
                out.stderr
            );
        }
    }
}

/// `every` divides as `per` does, after a figure and between figures, and
/// a verb in -ing after a count is read past: "50,000 drivers updating
/// every 4 seconds" is 12,500 drivers a second (50,000 / 4).
#[test]
fn every_is_per() {
    let cases = [
        (
            "50,000 drivers every 4 seconds",
            "12,500 drivers/s",
            "50,000 drivers / 4 seconds",
        ),
        (
            "50,000 drivers updating every 4 seconds",
            "12,500 drivers/s",
            "50,000 drivers / 4 seconds",
        ),
        // 10 TB / 86,400 s = 115.7 MB/s
        (
            "10 TB every day -> MB/s",
            "115.7 MB/s",
            "10 terabytes / day -> MB/s",
        ),
        ("1 GB every second", "1 GB/s", "1 gigabyte / second"),
    ];
    for (src, answer, reading) in cases {
        assert_eq!(read(src), (answer.into(), reading.into()), "{src}");
    }
    // A keyword now, so never a name.
    let out = bote(&["eval", "every = 3"], "");
    assert_eq!(out.status, 1);
}

/// An error quotes the line as it was typed, the words bote read past
/// included, with the caret at the same place.
#[test]
fn an_error_quotes_the_line_as_typed() {
    let out = bote(&["eval", "300M new users sending 40 messages a day"], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr.contains(
            "1 | 300M new users sending 40 messages a day\n  |                        ^^"
        ),
        "{}",
        out.stderr
    );
}

/// The nouns `bote eval` reads as counts are names the person never
/// declared: they do not refuse a product a declared count would, and a
/// product of two of them, which leaves out a "per" that could stand after
/// either, is said without them and a warning says how to name one. The
/// numbers are the same either way.
#[test]
fn counts_read_from_a_question_are_read_as_meant() {
    let cases = [
        // 3 x 5 TB.
        ("3 replicas * 5 TB", "15 TB"),
        // 5e8 x 300 B / 86,400 s = 1.736 MB/s.
        ("500 million tweets per day * 300 bytes", "1.736 MB/s"),
        // 3e8 x 2 / 86,400 s = 6,944 a second: posts, or user-posts; said
        // without either (the warning says `-> posts/s`).
        ("300M users * 2 posts a day", "6,944 /s"),
        ("300M users * 2 posts a day -> posts/s", "6,944 posts/s"),
        // 1,000 orders/s x 5 = 5,000 a second: items, not orders.
        ("1K orders/s * 5 items", "5,000 /s"),
        ("10K writes/s * 3 replicas", "30,000 /s"),
        ("2 posts/user * 10M users", "20 million posts"),
        // Little's law said with `at`: 1e4 /s x 0.2 s in flight.
        ("10K payments/s at 200 ms", "2,000 payments"),
        ("10K payments/s at 200 ms each", "2,000 payments"),
        ("3 servers at 2 TB each", "6 TB"),
    ];
    for (src, want) in cases {
        let out = bote(&["eval", src], "");
        assert_eq!(out.stdout.trim_end(), want, "{src}: {}", out.stderr);
    }
    // A count declared by hand still catches the dropped "per".
    let out = bote(
        &["eval", "--counts", "request", "4000 requests/s * 500 B"],
        "",
    );
    assert_eq!(out.status, 1);
    assert!(
        out.stderr.contains("did you mean `500 B/request`?"),
        "{}",
        out.stderr
    );
}

/// A day converted to seconds by hand, in a quantity that already carries
/// its units, gives a figure per day where per second was meant: the
/// answer stands (the arithmetic may be meant) and a warning says so.
#[test]
fn a_day_converted_by_hand_is_said() {
    // 5e9 reads a day / 86,400 = 57,870 reads a day = 40.19 a minute.
    let out = bote(&["eval", "500M DAU * 10 reads per day / 86400"], "");
    assert_eq!(out.status, 0);
    assert_eq!(out.stdout, "40.19 /min\n");
    assert!(
        out.stderr
            .starts_with("warning: `/ 86400` divides by a plain number: a day in seconds?"),
        "{}",
        out.stderr
    );
    let json = bote(&["eval", "--format", "json", "1 TB per day / 86400"], "");
    let v: serde_json::Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert!(v["warning"].as_str().unwrap().contains("-> /s"), "{v}");
    // A day written as a product, and bote's own month (issue 33).
    for (src, says) in [
        ("500M reads per day / (24 * 3600)", "`/ (24 * 3600)`"),
        ("500M reads per day / (24 * 60 * 60)", "`/ (24 * 60 * 60)`"),
        ("100M per month / 2628000", "bote's month"),
    ] {
        let out = bote(&["eval", src], "");
        assert!(out.stderr.contains(says), "{src}: {}", out.stderr);
    }
    // Written with its unit, or as plain arithmetic, or where the figure
    // is no rate (a day is 86,400 s; a sixtieth of 120 GB), nothing is said.
    for src in [
        "500M DAU * 10 reads per day -> /s",
        "1 TB / 86400 s",
        "3600 / 60",
        "1 day / 86400",
        "3600 s / 3600",
        "120 GB / 60",
    ] {
        let out = bote(&["eval", src], "");
        assert_eq!(out.stderr, "", "{src}");
    }
}
