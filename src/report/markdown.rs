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

/// The heading and alignment cells of the "90% range" column, or nothing
/// for a table without ranges.
fn range_heading(ranged: bool) -> (&'static str, &'static str) {
    if ranged {
        (" 90% range |", "--:|")
    } else {
        ("", "")
    }
}

pub(super) fn render(ev: &Evaluated, opts: Options) -> String {
    let est = &ev.estimate;
    let mut out = String::new();
    if !opts.no_header {
        let _ = write!(out, "# {}\n\n", md(&est.title));
        for line in [&est.about, &est.source].into_iter().flatten() {
            let _ = writeln!(out, "{}\n", md(line));
        }
        let _ = writeln!(out, "{}.\n", calendar_line(ev));
        if let Some(bytes) = bytes_line(ev) {
            let _ = writeln!(out, "{bytes}.\n");
        }
    }
    // Under each table, with --explain, its derivations as a list.
    let explanations = if opts.explain {
        ev.explanations()
    } else {
        Vec::new()
    };
    let derivations = |out: &mut String, place: Place| {
        if !opts.explain || place == Place::Assumption {
            return;
        }
        out.push('\n');
        for (line, row) in explanations.iter().zip(&ev.rows) {
            if est.items[row.item].place == place {
                let _ = writeln!(out, "- `{}`", line.replace('`', "'"));
            }
        }
    };
    // A blank line between tables, none before the first.
    let mut first = true;
    let mut gap = |out: &mut String| {
        if !std::mem::replace(&mut first, false) {
            out.push('\n');
        }
    };
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
    let (head, rule) = range_heading(ranged);
    if opts.shows(Place::Assumption) {
        gap(&mut out);
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
                md(&item.shown_expr()),
                md(&note_of(ev, row))
            );
        }
        if est.items.iter().any(|i| i.overridden) {
            out.push_str("\n\\* set on the command line\n");
        }
    }
    for (s, section) in est.sections.iter().enumerate() {
        if !opts.shows(Place::Section(s)) {
            continue;
        }
        gap(&mut out);
        let ranged = has_range(Place::Section(s));
        let (head, rule) = range_heading(ranged);
        let _ = write!(
            out,
            "## {}\n\n| name | value |{head} expression | published | note |\n|:--|--:|{rule}:--|--:|:--|\n",
            md(&heading(section))
        );
        for row in rows_in(ev, Place::Section(s)) {
            let item = &est.items[row.item];
            let _ = writeln!(
                out,
                "| {} | {} |{} `{}` | {} | {} |",
                md(&item.name),
                md(&row.shown.text),
                range_cell(row, ranged),
                md(&item.shown_expr()),
                md(&expect_text(row)),
                md(&note_of(ev, row))
            );
        }
        if let Some(total) = cost_total(ev, s) {
            let _ = writeln!(out, "\n**{}**", md(&total));
        }
        derivations(&mut out, Place::Section(s));
    }
    if opts.only.is_none() {
        for (heading, lines) in sources(ev) {
            let _ = writeln!(out, "\n## {}\n", md(&heading));
            for line in lines {
                let _ = writeln!(out, "- {}", md(&line));
            }
        }
    }
    if let Some(s) = summary(ev).filter(|_| opts.only.is_none()) {
        let _ = writeln!(out, "\n{s}");
    }
    out
}
