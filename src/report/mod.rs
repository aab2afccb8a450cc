//! An evaluated estimate rendered as a terminal table, Markdown, JSON or CSV.
//!
//! Pure rendering: takes rows, returns text. The JSON and CSV shapes are
//! documented in the README and are a stable contract.

use crate::estimate::{Evaluated, Place, Row};
use crate::text::{self, printable};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::io;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Csv,
}

/// Options that change what a report shows.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Show each derivation with the numbers substituted.
    pub explain: bool,
    /// ANSI colour for headings and marks (table format only).
    pub color: bool,
    /// The terminal's width, to fit tables to (table format only); `None`
    /// prints every column at its full width.
    pub width: Option<usize>,
}

pub fn render(ev: &Evaluated, format: Format, opts: Options) -> String {
    match format {
        Format::Table => {
            let mut out = Out::new(None);
            table(ev, opts, &mut out);
            out.buf
        }
        Format::Markdown => markdown(ev, opts),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&json(ev)).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Csv => csv(ev),
    }
}

fn calendar_line(ev: &Evaluated) -> String {
    let origin = if ev.estimate.calendar_from_file {
        "set by the file"
    } else {
        "default"
    };
    format!("Calendar: {} ({origin})", ev.estimate.calendar.describe())
}

/// The published figure and whether the computed value agrees with it.
fn expect_text(row: &Row) -> String {
    match &row.expect {
        None => String::new(),
        Some(c) if c.ok => format!("{} ✓", c.shown.text),
        Some(c) => format!("{} ✗ {}", c.shown.text, c.off_text(0)),
    }
}

fn assumption_name(ev: &Evaluated, row: &Row) -> String {
    let item = &ev.estimate.items[row.item];
    if item.overridden {
        format!("{} *", item.name)
    } else {
        item.name.clone()
    }
}

/// The rows of one place (the assumptions or a section), in file order;
/// an exact-size iterator, so tables built from it are allocated once.
fn rows_in(ev: &Evaluated, place: Place) -> std::vec::IntoIter<&Row> {
    let rows: Vec<&Row> = ev
        .rows
        .iter()
        .filter(|r| ev.estimate.items[r.item].place == place)
        .collect();
    rows.into_iter()
}

/// A row's note, its source in brackets, and the note on its published
/// figure. Borrowed when the note is all there is (the common case).
fn note_of<'e>(ev: &'e Evaluated, row: &Row) -> Cow<'e, str> {
    let item = &ev.estimate.items[row.item];
    let expect_note = item.expect.as_ref().and_then(|x| x.note.as_ref());
    if item.source.is_none() && expect_note.is_none() {
        return Cow::Borrowed(item.note.as_deref().unwrap_or(""));
    }
    let mut note = item.note.clone().unwrap_or_default();
    if let Some(src) = &item.source {
        if !note.is_empty() {
            note.push(' ');
        }
        let _ = write!(note, "[{src}]");
    }
    if let Some(x) = expect_note {
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str(x);
    }
    Cow::Owned(note)
}

fn summary(ev: &Evaluated) -> Option<String> {
    let total = ev.expectations();
    if total == 0 {
        return None;
    }
    let failed = ev.failed_expectations().count();
    Some(if failed == 0 {
        format!("✓ all {total} published figures reproduced (within tolerance)")
    } else {
        format!("✗ {failed} of {total} published figures not reproduced")
    })
}

/// Write the report to `w`. A table goes out as it is made, in pieces of
/// about 64 KiB, rather than being built whole first.
pub fn write(
    ev: &Evaluated,
    format: Format,
    opts: Options,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    if format != Format::Table {
        return w.write_all(render(ev, format, opts).as_bytes());
    }
    let mut out = Out::new(Some(w));
    table(ev, opts, &mut out);
    out.flush();
    out.err.map_or(Ok(()), Err)
}

/// Where a table is written: a string which, given a sink, hands its text
/// on each time it holds 64 KiB (the first write error is kept and ends
/// the writing).
struct Out<'w> {
    buf: String,
    sink: Option<&'w mut dyn io::Write>,
    err: Option<io::Error>,
}

impl<'w> Out<'w> {
    fn new(sink: Option<&'w mut dyn io::Write>) -> Out<'w> {
        Out {
            buf: String::new(),
            sink,
            err: None,
        }
    }

    fn push(&mut self, c: char) {
        self.buf.push(c);
    }

    fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// Room for `n` more bytes, when the whole text stays in memory.
    fn reserve(&mut self, n: usize) {
        if self.sink.is_none() {
            self.buf.reserve(n);
        } else {
            self.buf.reserve(n.min(1 << 17));
        }
    }

    /// Hand the text on if enough has gathered.
    fn flush_some(&mut self) {
        if self.buf.len() >= 1 << 16 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if let Some(sink) = &mut self.sink {
            if self.err.is_none()
                && let Err(e) = sink.write_all(self.buf.as_bytes())
            {
                self.err = Some(e);
            }
            self.buf.clear();
        }
    }
}

impl fmt::Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.buf.push_str(s);
        Ok(())
    }
}

fn table(ev: &Evaluated, opts: Options, out: &mut Out<'_>) {
    let (bold, green, red, reset) = if opts.color {
        ("\x1b[1m", "\x1b[32m", "\x1b[31m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
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
    prose(out, &est.title, (bold, reset));
    for line in [&est.about, &est.source].into_iter().flatten() {
        prose(out, line, ("", ""));
    }
    prose(out, &calendar_line(ev), ("", ""));
    let _ = writeln!(out, "\n{bold}Assumptions{reset}");
    let rows: Vec<&Row> = rows_in(ev, Place::Assumption).collect();
    let columns = [
        Column::keep("name", false),
        Column::keep("value", true),
        Column::wrap("as written"),
        Column::note(),
    ];
    boxed(
        out,
        columns,
        rows.len(),
        |i| {
            let (row, item) = (rows[i], &est.items[rows[i].item]);
            [
                printable_owned(assumption_name(ev, row).into()),
                row.shown.text.as_str().into(),
                printable(item.expr_text()),
                printable_owned(note_of(ev, row)),
            ]
        },
        opts.width,
    );
    if est.items.iter().any(|i| i.overridden) {
        let _ = writeln!(out, "* set on the command line");
    }
    for (s, section) in est.sections.iter().enumerate() {
        let _ = writeln!(out, "\n{bold}{}{reset}", printable(&heading(section)));
        let rows: Vec<&Row> = rows_in(ev, Place::Section(s)).collect();
        let cells = |i: usize| {
            let (row, item) = (rows[i], &est.items[rows[i].item]);
            [
                printable(&item.name),
                row.shown.text.as_str().into(),
                printable(item.expr_text()),
                expect_text(row).into(),
                printable_owned(note_of(ev, row)),
            ]
        };
        let columns = [
            Column::keep("name", false),
            Column::keep("value", true),
            Column::wrap("expression"),
            Column::keep("published", true),
            Column::note(),
        ];
        boxed(out, columns, rows.len(), cells, opts.width);
    }
    if opts.explain {
        let _ = writeln!(out, "\n{bold}Derivations{reset}");
        for line in derivations(ev) {
            let line = format!("  {}", printable(&line));
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
        }
    }
    if let Some(s) = summary(ev) {
        let color = if ev.failed_expectations().next().is_some() {
            red
        } else {
            green
        };
        let _ = writeln!(out, "\n{color}{s}{reset}");
    }
}

/// [`printable`] of text the caller already owns.
fn printable_owned(s: Cow<'_, str>) -> Cow<'_, str> {
    match printable(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => Cow::Owned(o),
    }
}

/// A table column: its heading, alignment, and what it may do when the
/// table is wider than the terminal.
#[derive(Clone, Copy, Debug)]
struct Column {
    title: &'static str,
    right: bool,
    fit: Fit,
}

/// How a column gives way to a narrow terminal. Names, values and
/// published figures never wrap; notes wrap first, then expressions, and
/// where that is still too wide the notes move under the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fit {
    Keep,
    Wrap,
    Note,
}

impl Column {
    fn keep(title: &'static str, right: bool) -> Column {
        Column {
            title,
            right,
            fit: Fit::Keep,
        }
    }

    fn wrap(title: &'static str) -> Column {
        Column {
            title,
            right: false,
            fit: Fit::Wrap,
        }
    }

    fn note() -> Column {
        Column {
            title: "note",
            right: false,
            fit: Fit::Note,
        }
    }

    /// The narrowest this column is wrapped to.
    fn min_width(self) -> usize {
        let min = match self.fit {
            Fit::Keep => 0,
            Fit::Wrap => 14,
            Fit::Note => 20,
        };
        min.max(text::width(self.title))
    }
}

/// The columns of a table `N` columns wide take `3 N + 1` for borders and padding.
fn overhead(columns: usize) -> usize {
    3 * columns + 1
}

/// How a table is laid out to fit the terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Layout<const N: usize> {
    /// Columns of these widths (a note column of width 0 is not shown).
    Columns([usize; N]),
    /// Columns without the note, which goes under the table.
    NotesBelow([usize; N]),
    /// Too narrow for columns: each row as a few lines.
    List,
}

/// The layout that fits `limit` columns, from each column's natural width:
/// first the note wraps, then the expression, then the notes move under
/// the table, and where even that is too wide the rows become lists.
fn fit<const N: usize>(natural: [usize; N], columns: &[Column; N], limit: usize) -> Layout<N> {
    let shrink = |widths: &mut [usize; N], over: &mut usize, fit: Fit| {
        for (c, col) in columns.iter().enumerate() {
            if col.fit == fit && *over > 0 {
                let min = col.min_width().min(natural[c]);
                let take = (*over).min(widths[c] - min);
                widths[c] -= take;
                *over -= take;
            }
        }
    };
    let total: usize = natural.iter().sum::<usize>() + overhead(N);
    let mut widths = natural;
    let mut over = total.saturating_sub(limit);
    shrink(&mut widths, &mut over, Fit::Note);
    shrink(&mut widths, &mut over, Fit::Wrap);
    if over == 0 {
        return Layout::Columns(widths);
    }
    let Some(note) = columns.iter().position(|c| c.fit == Fit::Note) else {
        return Layout::List;
    };
    // Without the note column, from the natural widths again.
    let mut widths = natural;
    widths[note] = 0;
    let total = widths.iter().sum::<usize>() + overhead(N - 1);
    let mut over = total.saturating_sub(limit);
    shrink(&mut widths, &mut over, Fit::Wrap);
    if over == 0 {
        Layout::NotesBelow(widths)
    } else {
        Layout::List
    }
}

/// A table with rounded box-drawing borders, columns as wide as their
/// widest cell in display columns, fitted to `limit` columns when given.
/// `cells(i)` gives row `i`; it is called twice per row (once for the
/// widths, once to print) rather than keeping every cell of a large table.
fn boxed<'c, const N: usize>(
    out: &mut Out<'_>,
    columns: [Column; N],
    rows: usize,
    cells: impl Fn(usize) -> [Cow<'c, str>; N],
    limit: Option<usize>,
) {
    let mut natural = columns.map(|c| text::width(c.title));
    for i in 0..rows {
        for (w, cell) in natural.iter_mut().zip(&cells(i)) {
            *w = (*w).max(text::width(cell));
        }
    }
    let (widths, notes_below) = match limit.map(|l| fit(natural, &columns, l)) {
        None => (natural, false),
        Some(Layout::Columns(widths)) => (widths, false),
        Some(Layout::NotesBelow(widths)) => (widths, true),
        Some(Layout::List) => return list(out, &columns, rows, &cells, limit.unwrap_or(80)),
    };
    let shown: Vec<usize> = (0..N)
        .filter(|&c| !(notes_below && columns[c].fit == Fit::Note))
        .collect();
    // Each line: the cells, a space either side, and a 3-byte border before
    // each; the three rules are 3-byte characters throughout; then room for
    // the lines after the table, so the output is never copied to grow.
    let line_bytes = widths.iter().sum::<usize>() + 5 * N + 4;
    out.reserve((rows + 1) * line_bytes + 3 * 3 * line_bytes + 1024);
    let rule = |out: &mut Out<'_>, left: char, fill: char, mid: char, end: char| {
        out.push(left);
        for (i, &c) in shown.iter().enumerate() {
            if i > 0 {
                out.push(mid);
            }
            repeat(out, fill, widths[c] + 2);
        }
        out.push(end);
        out.push('\n');
    };
    // One line of cells, each padded to its column.
    let cells_line = |out: &mut Out<'_>, cell: [&str; N]| {
        out.push('│');
        for (i, &c) in shown.iter().enumerate() {
            if i > 0 {
                out.push('┆');
            }
            let cell = cell[i];
            let pad = widths[c].saturating_sub(text::width(cell));
            out.push(' ');
            if columns[c].right {
                repeat(out, ' ', pad);
                out.push_str(cell);
            } else {
                out.push_str(cell);
                repeat(out, ' ', pad);
            }
            out.push(' ');
        }
        out.push_str("│\n");
    };
    // One row, as many lines as its tallest wrapped cell.
    let line = |out: &mut Out<'_>, row: &[Cow<'_, str>; N]| {
        if shown.iter().all(|&c| text::width(&row[c]) <= widths[c]) {
            let mut cell = [""; N];
            for (i, &c) in shown.iter().enumerate() {
                cell[i] = &row[c];
            }
            return cells_line(out, cell);
        }
        let wrapped: Vec<Vec<Cow<'_, str>>> = shown
            .iter()
            .map(|&c| text::wrap(&row[c], widths[c]))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for l in 0..height {
            let mut cell = [""; N];
            for (i, lines) in wrapped.iter().enumerate() {
                cell[i] = lines.get(l).map_or("", |s| &**s);
            }
            cells_line(out, cell);
        }
    };
    rule(out, '╭', '─', '┬', '╮');
    line(out, &columns.map(|c| Cow::Borrowed(c.title)));
    rule(out, '╞', '═', '╪', '╡');
    for i in 0..rows {
        line(out, &cells(i));
        out.flush_some();
    }
    rule(out, '╰', '─', '┴', '╯');
    if notes_below {
        notes_under(out, &columns, rows, &cells, limit.unwrap_or(80));
    }
}

/// The notes of a table too narrow to hold them, one per row that has
/// one, as `name: note` wrapped to `limit` columns.
fn notes_under<'c, const N: usize>(
    out: &mut Out<'_>,
    columns: &[Column; N],
    rows: usize,
    cells: &impl Fn(usize) -> [Cow<'c, str>; N],
    limit: usize,
) {
    let Some(note) = columns.iter().position(|c| c.fit == Fit::Note) else {
        return;
    };
    for i in 0..rows {
        let row = cells(i);
        if row[note].is_empty() {
            continue;
        }
        let line = format!("  {}: {}", row[0], row[note]);
        for l in text::wrap_hanging(&line, limit, 4) {
            let _ = writeln!(out, "{l}");
        }
    }
}

/// Rows as lists, for a terminal too narrow for columns: the name and the
/// figures that never wrap on one line, then each other cell on its own.
fn list<'c, const N: usize>(
    out: &mut Out<'_>,
    columns: &[Column; N],
    rows: usize,
    cells: &impl Fn(usize) -> [Cow<'c, str>; N],
    limit: usize,
) {
    for i in 0..rows {
        let row = cells(i);
        let mut head = format!("  {}:", row[0]);
        for (c, col) in columns.iter().enumerate().skip(1) {
            if col.fit != Fit::Keep || row[c].is_empty() {
                continue;
            }
            if c > 1 {
                let _ = write!(head, ",  {}", col.title);
            }
            let _ = write!(head, " {}", row[c]);
        }
        let mut lines = text::wrap_hanging(&head, limit, 6);
        for (c, col) in columns.iter().enumerate() {
            let line = match col.fit {
                _ if row[c].is_empty() => continue,
                Fit::Keep => continue,
                Fit::Wrap => format!("      {}: {}", col.title, row[c]),
                Fit::Note => format!("      {}", row[c]),
            };
            lines.extend(
                text::wrap_hanging(&line, limit, 8)
                    .into_iter()
                    .map(|l| Cow::Owned(l.into_owned())),
            );
        }
        for l in lines {
            let _ = writeln!(out, "{l}");
        }
        out.flush_some();
    }
}

/// Push `n` copies of `c`; runs of spaces (every cell's padding) go in
/// slices rather than a char at a time.
fn repeat(out: &mut Out<'_>, c: char, n: usize) {
    const SPACES: &str = "                                ";
    if c == ' ' {
        let mut left = n;
        while left > 0 {
            let take = left.min(SPACES.len());
            out.push_str(&SPACES[..take]);
            left -= take;
        }
    } else {
        out.buf.extend(std::iter::repeat_n(c, n));
    }
}

/// `qps` -> `QPS`, `buffers` -> `Buffers`.
fn heading(section: &str) -> String {
    match section {
        "qps" => "QPS".into(),
        s => {
            let mut c = s.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                .replace('_', " ")
        }
    }
}

/// Markdown table cells may not hold `|` or newlines.
fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn markdown(ev: &Evaluated, opts: Options) -> String {
    let est = &ev.estimate;
    let mut out = format!("# {}\n\n", md(&est.title));
    for line in [&est.about, &est.source].into_iter().flatten() {
        let _ = writeln!(out, "{}\n", md(line));
    }
    let _ = writeln!(out, "{}.\n", calendar_line(ev));
    out.push_str("## Assumptions\n\n| name | value | as written | note |\n|:--|--:|:--|:--|\n");
    for row in rows_in(ev, Place::Assumption) {
        let item = &est.items[row.item];
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} |",
            md(&assumption_name(ev, row)),
            md(&row.shown.text),
            md(item.expr_text()),
            md(&note_of(ev, row))
        );
    }
    if est.items.iter().any(|i| i.overridden) {
        out.push_str("\n\\* set on the command line\n");
    }
    for (s, section) in est.sections.iter().enumerate() {
        let _ = write!(
            out,
            "\n## {}\n\n| name | value | expression | published | note |\n|:--|--:|:--|--:|:--|\n",
            heading(section)
        );
        for row in rows_in(ev, Place::Section(s)) {
            let item = &est.items[row.item];
            let _ = writeln!(
                out,
                "| {} | {} | `{}` | {} | {} |",
                md(&item.name),
                md(&row.shown.text),
                md(item.expr_text()),
                md(&expect_text(row)),
                md(&note_of(ev, row))
            );
        }
    }
    if opts.explain {
        out.push_str("\n## Derivations\n\n");
        for line in derivations(ev) {
            let _ = writeln!(out, "- `{line}`");
        }
    }
    if let Some(s) = summary(ev) {
        let _ = writeln!(out, "\n{s}");
    }
    out
}

/// The derivations of the derived quantities (assumptions have none to show).
fn derivations(ev: &Evaluated) -> impl Iterator<Item = String> + '_ {
    ev.explanations()
        .into_iter()
        .zip(&ev.rows)
        .filter(|(_, r)| ev.estimate.items[r.item].place != Place::Assumption)
        .map(|(line, _)| line)
}

/// One quantity in the JSON report; field names are the documented contract.
#[derive(Serialize)]
struct JsonQuantity<'a> {
    name: &'a str,
    section: &'a str,
    value: f64,
    unit: &'a str,
    text: &'a str,
    si_value: f64,
    si_unit: String,
    dimension: String,
    expr: &'a str,
    explain: String,
    note: Option<&'a str>,
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    overridden: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expect: Option<JsonExpect<'a>>,
}

#[derive(Serialize)]
struct JsonExpect<'a> {
    value: f64,
    unit: &'a str,
    text: &'a str,
    si_value: f64,
    tolerance: f64,
    off_by: Option<f64>,
    ok: bool,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSection<'a> {
    name: &'a str,
    quantities: Vec<JsonQuantity<'a>>,
}

#[derive(Serialize)]
struct JsonCalendar {
    month_s: f64,
    year_s: f64,
    from_file: bool,
    text: String,
}

#[derive(Serialize)]
struct JsonCounts {
    total: usize,
    failed: usize,
}

/// The JSON report; its shape is documented in the README.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    title: &'a str,
    about: Option<&'a str>,
    source: Option<&'a str>,
    calendar: JsonCalendar,
    assumptions: Vec<JsonQuantity<'a>>,
    sections: Vec<JsonSection<'a>>,
    expectations: JsonCounts,
}

fn quantity_json<'a>(ev: &'a Evaluated, row: &'a Row, explain: &mut [String]) -> JsonQuantity<'a> {
    let item = &ev.estimate.items[row.item];
    let section = match item.place {
        Place::Assumption => "assumptions",
        Place::Section(s) => ev.estimate.sections[s].as_str(),
    };
    let expect = match (&row.expect, &item.expect) {
        (Some(c), Some(x)) => Some(JsonExpect {
            value: c.shown.value,
            unit: &c.shown.unit,
            text: &c.shown.text,
            si_value: c.quantity.si_value(),
            tolerance: x.tolerance,
            off_by: c.off_by,
            ok: c.ok,
            note: x.note.as_deref(),
        }),
        _ => None,
    };
    JsonQuantity {
        name: &item.name,
        section,
        value: row.shown.value,
        unit: &row.shown.unit,
        text: &row.shown.text,
        si_value: row.quantity.si_value(),
        si_unit: row.quantity.dim().base_units(),
        dimension: row.quantity.dim().name(),
        expr: item.expr_text(),
        explain: std::mem::take(&mut explain[row.item]),
        note: item.note.as_deref(),
        source: item.source.as_deref(),
        overridden: (item.place == Place::Assumption).then_some(item.overridden),
        expect,
    }
}

/// The JSON report as a value to serialize.
pub fn json(ev: &Evaluated) -> JsonReport<'_> {
    let est = &ev.estimate;
    let mut explain = ev.explanations();
    let assumptions = rows_in(ev, Place::Assumption)
        .map(|r| quantity_json(ev, r, &mut explain))
        .collect();
    let sections = est
        .sections
        .iter()
        .enumerate()
        .map(|(s, name)| JsonSection {
            name,
            quantities: rows_in(ev, Place::Section(s))
                .map(|r| quantity_json(ev, r, &mut explain))
                .collect(),
        })
        .collect();
    JsonReport {
        title: &est.title,
        about: est.about.as_deref(),
        source: est.source.as_deref(),
        calendar: JsonCalendar {
            month_s: est.calendar.month_s,
            year_s: est.calendar.year_s,
            from_file: est.calendar_from_file,
            text: est.calendar.describe(),
        },
        assumptions,
        sections,
        expectations: JsonCounts {
            total: ev.expectations(),
            failed: ev.failed_expectations().count(),
        },
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row per quantity, assumptions first (section `assumptions`).
fn csv(ev: &Evaluated) -> String {
    let mut out =
        String::from("section,name,value,unit,text,si_value,si_unit,expr,expect,expect_ok,note\n");
    let est = &ev.estimate;
    let places =
        std::iter::once(Place::Assumption).chain((0..est.sections.len()).map(Place::Section));
    for place in places {
        for row in rows_in(ev, place) {
            let item = &est.items[row.item];
            let section = match place {
                Place::Assumption => "assumptions",
                Place::Section(s) => &est.sections[s],
            };
            let (expect, ok) = match &row.expect {
                Some(c) => (c.shown.text.clone(), c.ok.to_string()),
                None => (String::new(), String::new()),
            };
            let fields = [
                section.to_string(),
                item.name.clone(),
                row.shown.value.to_string(),
                row.shown.unit.to_string(),
                row.shown.text.clone(),
                row.quantity.si_value().to_string(),
                row.quantity.dim().base_units(),
                item.expr_text().to_string(),
                expect,
                ok,
                note_of(ev, row).into_owned(),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            let _ = writeln!(out, "{}", line.join(","));
        }
    }
    out
}
