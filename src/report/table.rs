//! The terminal table: rounded box-drawing borders, columns measured in
//! display columns and fitted to the terminal's width.

use super::grid::{self, Column, Out, Shape, boxed, printable_owned};
use super::*;
use crate::estimate::{Evaluated, Place, Row};
use crate::text::{self, printable};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

fn table(ev: &Evaluated, opts: Options, out: &mut Out<'_>) {
    let style = crate::style::Style::new(opts.color);
    let (bold, green, red, reset) = (style.bold, style.good, style.error, style.reset);
    let est = &ev.estimate;
    let prose = |out: &mut Out<'_>, line: &str, style: (&str, &str)| {
        let line = printable(line);
        let lines = match opts.width {
            Some(w) => text::wrap(&line, w),
            None => vec![line],
        };
        for l in lines {
            let _ = writeln!(out, "{}{l}{}", style.0, style.1);
        }
    };
    if !opts.no_header {
        prose(out, &est.title, (bold, reset));
        for line in [&est.about, &est.source].into_iter().flatten() {
            prose(out, line, ("", ""));
        }
        prose(out, &calendar_line(ev), ("", ""));
        if let Some(bytes) = bytes_line(ev) {
            prose(out, bytes, ("", ""));
        }
    }
    // The answer first: the headline figures, before the tables.
    let top = summary::summary(ev);
    if opts.only.is_none() && !top.headlines.is_empty() || opts.summary_only {
        if !opts.no_header {
            out.push('\n');
        }
        let _ = writeln!(out, "{bold}Summary{reset}");
        for line in top.lines(opts.width) {
            let _ = writeln!(out, "{}", printable(&line));
        }
        if opts.summary_only {
            return;
        }
    }
    // One shape for every table: the narrowest any of them needs.
    let shape = report_shape(ev, opts);
    // A blank line between tables, none before the first.
    let mut first = opts.no_header;
    let mut gap = |out: &mut Out<'_>| {
        if !std::mem::replace(&mut first, false) {
            out.push('\n');
        }
    };
    if opts.shows(Place::Assumption) {
        gap(out);
        assumptions(ev, opts, shape, out);
    }
    for (s, section) in est.sections.iter().enumerate() {
        if !opts.shows(Place::Section(s)) {
            continue;
        }
        gap(out);
        let _ = writeln!(out, "{bold}{}{reset}", printable(&heading(section)));
        let rows: Vec<&Row> = rows_in(ev, Place::Section(s)).collect();
        boxed(
            out,
            section_columns(),
            rows.len(),
            section_cells(ev, &rows),
            opts.width,
            shape,
        );
        if let Some(total) = cost_total(ev, s) {
            prose(out, &total, (bold, reset));
        }
    }
    if opts.only.is_none() {
        for (heading, lines) in sources(ev) {
            let _ = writeln!(out, "\n{bold}{heading}{reset}");
            for line in lines {
                match opts.width {
                    Some(w) => {
                        for l in text::wrap_hanging(&format!("  {}", printable(&line)), w, 4) {
                            let _ = writeln!(out, "{l}");
                        }
                    }
                    None => {
                        let _ = writeln!(out, "  {}", printable(&line));
                    }
                }
            }
        }
    }
    if opts.explain {
        let _ = writeln!(out, "\n{bold}Derivations{reset}");
        for (line, row) in derivations(ev, opts) {
            let line = format!("  {}", printable(&line));
            // The spread of an uncertain quantity, seen as well as read.
            let spread = row.range.as_ref().and_then(|r| {
                let (lo, hi) = (r.spread.p5, r.spread.p95);
                let (a, b) = (why::rough(row, r, lo), why::rough(row, r, hi));
                // 24 bins, or as many as the terminal has room for (at least 8).
                let room = opts.width.map_or(24, |w| {
                    w.saturating_sub(8 + text::width(&a) + text::width(&b))
                });
                let bins = room.min(24);
                (bins >= 8).then(|| {
                    format!(
                        "      {a} {} {b}",
                        why::histogram(r.draws.values(), lo, hi, bins)
                    )
                })
            });
            match opts.width {
                Some(w) if text::width(&line) > w => {
                    // One step of the derivation per line: `= ...`.
                    for (i, step) in line.split(" = ").enumerate() {
                        let step = if i == 0 {
                            step.to_string()
                        } else {
                            format!("      = {step}")
                        };
                        for l in text::wrap_hanging(&step, w, 8) {
                            let _ = writeln!(out, "{l}");
                        }
                    }
                }
                _ => {
                    let _ = writeln!(out, "{line}");
                }
            }
            if let Some(spread) = spread {
                let _ = writeln!(out, "{spread}");
            }
        }
    }
    if let Some(s) = check_line(ev).filter(|_| opts.only.is_none()) {
        let color = if ev.failed_expectations().next().is_some() {
            red
        } else {
            green
        };
        let _ = writeln!(out);
        for line in crate::text::wrap_hanging(&s, opts.width.unwrap_or(usize::MAX), 2) {
            let _ = writeln!(out, "{color}{line}{reset}");
        }
    }
}

/// The table of assumptions, and the line saying which were set.
fn assumptions(ev: &Evaluated, opts: Options, shape: Shape, out: &mut Out<'_>) {
    let style = crate::style::Style::new(opts.color);
    let _ = writeln!(out, "{}Assumptions{}", style.bold, style.reset);
    let rows: Vec<&Row> = rows_in(ev, Place::Assumption).collect();
    boxed(
        out,
        assumption_columns(),
        rows.len(),
        assumption_cells(ev, &rows),
        opts.width,
        shape,
    );
    if ev.estimate.items.iter().any(|i| i.overridden) {
        let _ = writeln!(out, "* set on the command line");
    }
}

/// The shape of the report's tables at `opts.width`: the narrowest that
/// any table it prints needs on its own.
fn report_shape(ev: &Evaluated, opts: Options) -> Shape {
    if opts.width.is_none() {
        return Shape::Columns;
    }
    let mut shape = Shape::Columns;
    if opts.shows(Place::Assumption) {
        let rows: Vec<&Row> = rows_in(ev, Place::Assumption).collect();
        let cells = assumption_cells(ev, &rows);
        shape = shape.max(grid::shape(
            &assumption_columns(),
            rows.len(),
            cells,
            opts.width,
        ));
    }
    for s in 0..ev.estimate.sections.len() {
        if opts.shows(Place::Section(s)) {
            let rows: Vec<&Row> = rows_in(ev, Place::Section(s)).collect();
            let cells = section_cells(ev, &rows);
            shape = shape.max(grid::shape(
                &section_columns(),
                rows.len(),
                cells,
                opts.width,
            ));
        }
    }
    shape
}

fn assumption_columns() -> [Column; 5] {
    [
        Column::keep("name", false),
        Column::halves("value"),
        Column::halves("90% range").optional(),
        Column::wrap("as written").optional(),
        Column::note(),
    ]
}

fn assumption_cells<'e, 'r>(
    ev: &'e Evaluated,
    rows: &'r [&'e Row],
) -> impl Fn(usize) -> [Cow<'e, str>; 5] + 'r
where
    'e: 'r,
{
    move |i| {
        let row = rows[i];
        [
            printable_owned(assumption_name(ev, row).into()),
            row.shown.text.as_str().into(),
            range_text(row).into(),
            printable(as_written(ev, row)),
            printable_owned(note_of(ev, row)),
        ]
    }
}

fn section_columns() -> [Column; 6] {
    [
        Column::keep("name", false),
        Column::halves("value"),
        Column::halves("90% range").optional(),
        Column::wrap("expression"),
        Column::halves("published").optional(),
        Column::note(),
    ]
}

fn section_cells<'e, 'r>(
    ev: &'e Evaluated,
    rows: &'r [&'e Row],
) -> impl Fn(usize) -> [Cow<'e, str>; 6] + 'r
where
    'e: 'r,
{
    move |i| {
        let (row, item) = (rows[i], &ev.estimate.items[rows[i].item]);
        [
            printable(&item.name),
            row.shown.text.as_str().into(),
            range_text(row).into(),
            printable_owned(item.shown_expr()),
            expect_text(row).into(),
            printable_owned(note_of(ev, row)),
        ]
    }
}

/// The table as one string.
pub(super) fn render(ev: &Evaluated, opts: Options) -> String {
    let mut out = Out::new(None);
    table(ev, opts, &mut out);
    out.buf
}

/// The table written to `w` in pieces as it is made.
pub(super) fn write(ev: &Evaluated, opts: Options, w: &mut dyn io::Write) -> io::Result<()> {
    let mut out = Out::new(Some(w));
    table(ev, opts, &mut out);
    out.flush();
    out.err.map_or(Ok(()), Err)
}
