//! The Markdown report: GitHub tables that paste into notes.

use super::*;
use crate::estimate::{Evaluated, Place, Row};
use crate::text::printable;
use std::fmt::Write as _;

/// Markdown table cells may not hold `|` or newlines.
/// A table cell: `|` escaped, and newlines and control characters made
/// safe by [`printable`].
fn md(s: &str) -> String {
    printable(s).replace('|', "\\|")
}

pub(super) fn render(ev: &Evaluated, opts: Options) -> String {
    let est = &ev.estimate;
    let mut out = format!("# {}\n\n", md(&est.title));
    for line in [&est.about, &est.source].into_iter().flatten() {
        let _ = writeln!(out, "{}\n", md(line));
    }
    let _ = writeln!(out, "{}.\n", calendar_line(ev));
    // A "90% range" column in a table where some quantity is a range.
    let has_range = |place| rows_in(ev, place).any(|r| r.range.is_some());
    let range_cell = |row: &Row, on: bool| {
        if on {
            format!(" {} |", md(range_text(row)))
        } else {
            String::new()
        }
    };
    let ranged = has_range(Place::Assumption);
    let (head, rule) = if ranged {
        (" 90% range |", "--:|")
    } else {
        ("", "")
    };
    let _ = write!(
        out,
        "## Assumptions\n\n| name | value |{head} as written | note |\n|:--|--:|{rule}:--|:--|\n"
    );
    for row in rows_in(ev, Place::Assumption) {
        let item = &est.items[row.item];
        let _ = writeln!(
            out,
            "| {} | {} |{} `{}` | {} |",
            md(&assumption_name(ev, row)),
            md(&row.shown.text),
            range_cell(row, ranged),
            md(item.expr_text()),
            md(&note_of(ev, row))
        );
    }
    if est.items.iter().any(|i| i.overridden) {
        out.push_str("\n\\* set on the command line\n");
    }
    for (s, section) in est.sections.iter().enumerate() {
        let ranged = has_range(Place::Section(s));
        let (head, rule) = if ranged {
            (" 90% range |", "--:|")
        } else {
            ("", "")
        };
        let _ = write!(
            out,
            "\n## {}\n\n| name | value |{head} expression | published | note |\n|:--|--:|{rule}:--|--:|:--|\n",
            heading(section)
        );
        for row in rows_in(ev, Place::Section(s)) {
            let item = &est.items[row.item];
            let _ = writeln!(
                out,
                "| {} | {} |{} `{}` | {} | {} |",
                md(&item.name),
                md(&row.shown.text),
                range_cell(row, ranged),
                md(item.expr_text()),
                md(&expect_text(row)),
                md(&note_of(ev, row))
            );
        }
    }
    if opts.explain {
        out.push_str("\n## Derivations\n\n");
        for (line, _) in derivations(ev) {
            let _ = writeln!(out, "- `{line}`");
        }
    }
    if let Some(s) = summary(ev) {
        let _ = writeln!(out, "\n{s}");
    }
    out
}
