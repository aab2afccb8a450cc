//! The Markdown report: GitHub tables that paste into notes, under a
//! heading level the note chooses, with no column that no row fills.

use super::*;
use crate::estimate::{Evaluated, Place};
use crate::text::printable;
use std::fmt::Write as _;

/// A table cell: `|` escaped, and newlines and control characters made
/// safe by [`printable`].
pub(super) fn md(s: &str) -> String {
    printable(s).replace('|', "\\|")
}

/// A line of prose with every web address made a link (`<https://...>`),
/// which every Markdown renderer shows as one.
fn linked(s: &str) -> String {
    let text = md(s);
    let mut out = String::with_capacity(text.len() + 4);
    let mut rest = text.as_str();
    while let Some(at) = rest.find("https://").or_else(|| rest.find("http://")) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        // A sentence's own punctuation is not part of the address.
        let url = tail[..end].trim_end_matches(['.', ',', ';', ')', '"', '\'']);
        let _ = write!(out, "<{url}>");
        rest = &tail[url.len()..];
    }
    out.push_str(rest);
    out
}

/// `n` hashes, for a heading at level `n` (at most 6).
fn hashes(n: usize) -> String {
    "#".repeat(n.clamp(1, 6))
}

/// A Markdown table of `columns` (heading, right-aligned) and `rows`,
/// leaving out an optional column no row fills.
fn table(out: &mut String, columns: &[(&str, bool, bool)], rows: &[Vec<String>]) {
    let shown: Vec<usize> = (0..columns.len())
        .filter(|&c| !columns[c].2 || rows.iter().any(|r| !r[c].is_empty()))
        .collect();
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = String>| {
        out.push('|');
        for cell in cells {
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    };
    line(out, &mut shown.iter().map(|&c| columns[c].0.to_string()));
    out.push('|');
    for &c in &shown {
        out.push_str(if columns[c].1 { "--:|" } else { ":--|" });
    }
    out.push('\n');
    for row in rows {
        line(out, &mut shown.iter().map(|&c| row[c].clone()));
    }
}

pub(super) fn render(ev: &Evaluated, opts: Options) -> String {
    let est = &ev.estimate;
    let level = opts.heading_level.max(1);
    let (top, sub) = (hashes(level), hashes(level + 1));
    let mut out = String::new();
    if !opts.no_header {
        let _ = write!(out, "{top} {}\n\n", md(&est.title));
        for line in [&est.about, &est.source].into_iter().flatten() {
            let _ = writeln!(out, "{}\n", linked(line));
        }
        let _ = writeln!(out, "{}.\n", calendar_line(ev));
        if let Some(bytes) = bytes_line(ev) {
            let _ = writeln!(out, "{bytes}.\n");
        }
    }
    // A blank line between parts, none before the first.
    let mut first = true;
    let mut gap = |out: &mut String| {
        if !std::mem::replace(&mut first, false) {
            out.push('\n');
        }
    };
    let top_figures = summary::summary(ev);
    if opts.only.is_none() && !top_figures.headlines.is_empty() || opts.summary_only {
        gap(&mut out);
        let _ = write!(out, "{sub} Summary\n\n");
        for h in &top_figures.headlines {
            let range = h
                .range_words()
                .map_or(String::new(), |r| format!(" ({})", md(&r)));
            let _ = writeln!(out, "- **{}**: {}{range}", md(h.name), md(&h.text));
        }
        if let Some(check) = &top_figures.check {
            let _ = writeln!(out, "- {check}");
        }
        for warning in &top_figures.warnings {
            let _ = writeln!(out, "- **warning**: {}", md(warning));
        }
        if opts.summary_only {
            return out;
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
    let code = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!("`{}`", md(s))
        }
    };
    if opts.shows(Place::Assumption) {
        gap(&mut out);
        let _ = write!(out, "{sub} Assumptions\n\n");
        let rows: Vec<Vec<String>> = rows_in(ev, Place::Assumption)
            .map(|row| {
                vec![
                    md(&assumption_name(ev, row)),
                    md(&row.shown.text),
                    md(range_text(row)),
                    code(as_written(ev, row)),
                    md(&note_of(ev, row)),
                ]
            })
            .collect();
        let columns = [
            ("name", false, false),
            ("value", true, false),
            ("90% range", true, true),
            ("as written", false, true),
            ("note", false, true),
        ];
        table(&mut out, &columns, &rows);
        if est.items.iter().any(|i| i.overridden) {
            out.push_str("\n\\* set on the command line\n");
        }
    }
    for (s, section) in est.sections.iter().enumerate() {
        if !opts.shows(Place::Section(s)) {
            continue;
        }
        gap(&mut out);
        let _ = write!(out, "{sub} {}\n\n", md(&heading(section)));
        let rows: Vec<Vec<String>> = rows_in(ev, Place::Section(s))
            .map(|row| {
                let item = &est.items[row.item];
                vec![
                    md(&item.name),
                    md(&row.shown.text),
                    md(range_text(row)),
                    code(&item.shown_expr()),
                    md(&expect_text(row)),
                    md(&note_of(ev, row)),
                ]
            })
            .collect();
        let columns = [
            ("name", false, false),
            ("value", true, false),
            ("90% range", true, true),
            ("expression", false, false),
            ("published", true, true),
            ("note", false, true),
        ];
        table(&mut out, &columns, &rows);
        if let Some(total) = cost_total(ev, s) {
            let _ = writeln!(out, "\n**{}**", md(&total));
        }
        derivations(&mut out, Place::Section(s));
    }
    if opts.only.is_none() {
        for (heading, lines) in sources(ev) {
            let _ = writeln!(out, "\n{sub} {}\n", md(&heading));
            for line in lines {
                let _ = writeln!(out, "- {}", md(&line));
            }
        }
    }
    if let Some(s) = check_line(ev).filter(|_| opts.only.is_none()) {
        let _ = writeln!(out, "\n{s}");
    }
    out
}
