//! Every preset reproduces its published figures, and its full output in
//! each format is a snapshot (read by a person before it was accepted).

use crate::common::bote;

const FORMATS: [&str; 4] = ["table", "markdown", "json", "csv"];

#[test]
fn every_preset_passes_check() {
    let out = bote(&["check"], "");
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.stdout.lines().count(), bote::PRESETS.len());
    assert!(
        out.stdout.lines().all(|l| l.starts_with("ok ")),
        "{}",
        out.stdout
    );
}

/// `--point` is the textbook's own arithmetic: with each range at the
/// figure its source computed with (`point:`), or its median, every
/// preset reproduces every published figure.
#[test]
fn every_preset_passes_check_at_its_points() {
    let out = bote(&["check", "--point"], "");
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.lines().all(|l| l.starts_with("ok ")),
        "{}",
        out.stdout
    );
}

#[test]
fn preset_snapshots() {
    for (name, _) in bote::PRESETS {
        for format in FORMATS {
            let out = bote(&["run", name, "--format", format, "--explain"], "");
            assert_eq!(out.status, 0, "{name} {format}: {}", out.stderr);
            insta::assert_snapshot!(format!("{name}.{format}"), out.stdout);
        }
    }
}

#[test]
fn list_and_show() {
    let list = bote(&["list"], "");
    assert!(
        list.stdout
            .lines()
            .next()
            .is_some_and(|l| l.split_whitespace().collect::<Vec<_>>()
                == ["url-shortener", "URL", "shortener"]),
        "{}",
        list.stdout
    );
    let show = bote(&["show", "uber-dispatch"], "");
    assert_eq!(show.stdout, bote::presets::get("uber-dispatch").unwrap());
    let bad = bote(&["show", "uber"], "");
    assert_eq!(bad.status, 1);
    assert!(
        bad.stderr.contains("did you mean `uber-dispatch`?"),
        "{}",
        bad.stderr
    );
}

#[test]
fn json_shape_is_stable() {
    let out = bote(&["run", "stripe-payments", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["title"], "Stripe payments");
    assert_eq!(v["calendar"]["year_s"], 31_536_000.0);
    let first = &v["sections"][0]["quantities"][0];
    for key in [
        "name",
        "section",
        "value",
        "unit",
        "si_value",
        "expr",
        "text",
        "dimension",
    ] {
        assert!(!first[key].is_null(), "missing {key}");
    }
    let spike = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["quantities"].as_array().unwrap())
        .find(|q| q["name"] == "card_in_flight_spike")
        .unwrap();
    assert_eq!(spike["value"], 20000.0);
    assert!(
        spike["expect"].is_null(),
        "no published figure, so no expect"
    );
    let volume = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["quantities"].as_array().unwrap())
        .find(|q| q["name"] == "daily_volume")
        .unwrap();
    assert_eq!(volume["text"], "$5 billion");
    assert_eq!(volume["expect"]["ok"], true);
    assert_eq!(volume["expect"]["si_value"], 5e9);
    assert_eq!(v["expectations"]["failed"], 0);
}

/// The widths a terminal commonly has, narrowest first.
const WIDTHS: [usize; 4] = [60, 80, 100, 140];

#[test]
fn preset_tables_fit_the_terminal() {
    for (name, _) in bote::PRESETS {
        for width in WIDTHS {
            let w = width.to_string();
            let out = bote(&["run", name, "--explain", "--width", &w], "");
            assert_eq!(out.status, 0, "{name} at {width}: {}", out.stderr);
            for line in out.stdout.lines() {
                let shown = bote::width(line);
                assert!(shown <= width, "{name} at {width}: {shown} columns: {line}");
            }
            insta::assert_snapshot!(format!("{name}.width{width}"), out.stdout);
        }
    }
}

/// The answer first: at 80 columns every preset's summary, every line of
/// it, is on the first screen (24 lines), and it names each capacity
/// verdict and the cost where the preset has them.
#[test]
fn every_summary_is_on_the_first_screen() {
    for (name, text) in bote::PRESETS {
        let out = bote(&["run", name, "--width", "80"], "");
        assert_eq!(out.status, 0, "{name}: {}", out.stderr);
        let lines: Vec<&str> = out.stdout.lines().collect();
        // A file with scenarios heads its summary with their names.
        let start = lines
            .iter()
            .position(|l| *l == "Summary" || l.starts_with("Summary  "))
            .expect(name);
        let end = start
            + lines[start..]
                .iter()
                .position(|l| l.is_empty())
                .expect(name);
        assert!(end <= 24, "{name}: the summary ends on line {end}");
        let summary = lines[start..end].join("\n");
        if text.contains("\ncost:") {
            // The total, or the one line of a cost section of one.
            assert!(summary.contains("/month"), "{name}: {summary}");
        }
        if text.contains("per_box:") {
            assert!(
                summary.contains("box") || summary.contains("fits"),
                "{name}: {summary}"
            );
        }
    }
}

/// A note on a derived figure stays true whatever `--point`, `--set` or a
/// scenario does: it quotes no figure of the run ("some 16 TB a month"
/// under a run of 5 TB). A number in such a note is a literal of the row's
/// own definition (`zones: 3`, `256 GB`), or, in a clause naming the
/// source or a price tier, the source's figure or the tier's bounds.
#[test]
fn preset_notes_quote_no_figure_of_the_run() {
    // Every run of digits in the definition (`nic_25g` says 25 too).
    let literals = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .map(|t| t.trim_matches(|c| c == '.' || c == ','))
            .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
            .map(str::to_string)
            .collect()
    };
    // The numbers a note says: words that open with a digit (`16 TB`,
    // `10K/s`, `5-year`), not names with one in them (`L4`, `gp3`).
    let numbers = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == ','))
            .filter(|t| t.starts_with(|c: char| c.is_ascii_digit()))
            .map(|t| {
                let digits = t.trim_end_matches(|c: char| !c.is_ascii_digit());
                digits.to_string()
            })
            .collect()
    };
    let mut wrong = Vec::new();
    for (name, text) in bote::PRESETS {
        let mut section = "";
        for line in text.lines() {
            if !line.starts_with(' ') {
                section = line.trim_end_matches(':');
                continue;
            }
            let Some((definition, note)) = line.split_once("note: ") else {
                continue;
            };
            if section == "assumptions" {
                continue;
            }
            // The note runs to its closing quote, or to the next key.
            let note = match note.strip_prefix('"') {
                Some(q) => q.split_once('"').map_or(q, |(n, _)| n),
                None => note.split([',', '}']).next().unwrap_or(note),
            };
            let own = literals(definition);
            for clause in note.split([';', '(', ')']) {
                let attributed = clause.contains("source") || clause.contains("tier");
                for n in numbers(clause) {
                    if !attributed && !own.contains(&n) {
                        wrong.push(format!("{name}: {}: {n} in \"{note}\"", line.trim()));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
