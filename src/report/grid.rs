//! Text laid out in a grid for the terminal: columns measured in display
//! columns, fitted to a width (notes wrap, figures break in two, then
//! notes move under the table, then rows become lists), drawn with
//! rounded box-drawing borders. It knows nothing of estimates.

use crate::text::{self, printable};
use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::io;

/// Where a table is written: a string which, given a sink, hands its text
/// on each time it holds 64 KiB (the first write error is kept and ends
/// the writing).
pub(super) struct Out<'w> {
    pub(super) buf: String,
    sink: Option<&'w mut dyn io::Write>,
    pub(super) err: Option<io::Error>,
}

impl<'w> Out<'w> {
    pub(super) fn new(sink: Option<&'w mut dyn io::Write>) -> Out<'w> {
        Out {
            buf: String::new(),
            sink,
            err: None,
        }
    }

    pub(super) fn push(&mut self, c: char) {
        self.buf.push(c);
    }

    pub(super) fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// Room for `n` more bytes, when the whole text stays in memory.
    pub(super) fn reserve(&mut self, n: usize) {
        if self.sink.is_none() {
            self.buf.reserve(n);
        } else {
            self.buf.reserve(n.min(1 << 17));
        }
    }

    /// Hand the text on if enough has gathered.
    pub(super) fn flush_some(&mut self) {
        if self.buf.len() >= 1 << 16 {
            self.flush();
        }
    }

    pub(super) fn flush(&mut self) {
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

/// [`printable`] of text the caller already owns.
pub(super) fn printable_owned(s: Cow<'_, str>) -> Cow<'_, str> {
    match printable(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => Cow::Owned(o),
    }
}

/// A table column: its heading, alignment, and what it may do when the
/// table is wider than the terminal.
#[derive(Clone, Copy, Debug)]
pub(super) struct Column {
    title: &'static str,
    right: bool,
    fit: Fit,
    /// Left out of a table where every cell of it is empty.
    optional: bool,
}

/// How a column gives way to a narrow terminal. Names never wrap; notes
/// wrap first, then expressions wrap between words, then a figure breaks
/// in two (`3,810 to` over `38,000 /s`, `4,000 /s ✓` over `at p6`), and
/// where that is still too wide the notes move under the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fit {
    Keep,
    Halves,
    Wrap,
    Note,
}

impl Column {
    pub(super) fn keep(title: &'static str, right: bool) -> Column {
        Column {
            title,
            right,
            fit: Fit::Keep,
            optional: false,
        }
    }

    /// A column of figures that may break in two: see [`halves_min`].
    pub(super) fn halves(title: &'static str) -> Column {
        Column {
            title,
            right: true,
            fit: Fit::Halves,
            optional: false,
        }
    }

    pub(super) fn optional(self) -> Column {
        Column {
            optional: true,
            ..self
        }
    }

    pub(super) fn wrap(title: &'static str) -> Column {
        Column {
            title,
            right: false,
            fit: Fit::Wrap,
            optional: false,
        }
    }

    pub(super) fn note() -> Column {
        Column {
            title: "note",
            right: false,
            fit: Fit::Note,
            optional: false,
        }
    }

    /// The narrowest this column is wrapped to.
    pub(super) fn min_width(self) -> usize {
        let min = match self.fit {
            Fit::Keep | Fit::Halves => 0,
            Fit::Wrap => 14,
            Fit::Note => 20,
        };
        min.max(text::width(self.title))
    }
}

/// The narrowest a figure may break to: a range after its `to`
/// (`3,810 to` / `38,000 /s`), a published figure after its mark
/// (`4,000 /s ✓` / `at p6`); anything else whole.
pub(super) fn halves_min(cell: &str) -> usize {
    halves(cell)
        .iter()
        .map(|h| text::width(h))
        .max()
        .unwrap_or(0)
}

/// A figure broken in two where [`halves_min`] says, or whole.
pub(super) fn halves(cell: &str) -> Vec<Cow<'_, str>> {
    // Cells are short: a plain scan, not `str::find`'s searcher set-up
    // (which was 2% of a 10,000-row run).
    let at = cell
        .find(['✓', '✗'])
        .map(|i| i + '✓'.len_utf8())
        .or_else(|| {
            cell.as_bytes()
                .windows(4)
                .position(|w| w == b" to ")
                .map(|i| i + 3)
        });
    let at = at.filter(|&i| i < cell.len()).or_else(|| count_break(cell));
    match at {
        Some(i) => vec![cell[..i].into(), cell[i..].trim().into()],
        None => vec![cell.into()],
    }
}

/// Where a counted figure may break: before its count's name
/// (`2.5 billion` / `reads ✓`), as a range breaks after `to`.
pub(super) fn count_break(cell: &str) -> Option<usize> {
    let i = cell.trim_end_matches([' ', '✓', '✗']).rfind(' ')?;
    let word = cell[i + 1..].split(['/', '*', '^', ' ']).next()?;
    // A capacity verdict's `21 boxes` is one figure.
    let counted = word.starts_with(char::is_alphabetic)
        && !matches!(word, "box" | "boxes")
        && crate::units::lookup(word).is_none()
        && crate::units::magnitude_word(word).is_none();
    counted.then_some(i)
}

/// The columns of a table `N` columns wide take `3 N + 1` for borders and padding.
pub(super) fn overhead(columns: usize) -> usize {
    3 * columns + 1
}

/// The shape a table takes to fit a width, from the roomiest to the
/// narrowest. A report draws every table in one shape, the narrowest any
/// of them needs, so the eye learns it once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Shape {
    /// Columns, the notes among them.
    #[default]
    Columns,
    /// Columns, the notes under the table.
    NotesBelow,
    /// Each row as a few lines.
    List,
}

impl<const N: usize> Layout<N> {
    fn shape(&self) -> Shape {
        match self {
            Layout::Columns(_) => Shape::Columns,
            Layout::NotesBelow(_) => Shape::NotesBelow,
            Layout::List => Shape::List,
        }
    }
}

/// How a table is laid out to fit the terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Layout<const N: usize> {
    /// Columns of these widths (a note column of width 0 is not shown).
    Columns([usize; N]),
    /// Columns without the note, which goes under the table.
    NotesBelow([usize; N]),
    /// Too narrow for columns: each row as a few lines.
    List,
}

/// The layout that fits `limit` columns, from each column's natural width:
/// first the note wraps, then the expression, then the figures break in
/// two, then the notes move under
/// the table, and where even that is too wide the rows become lists.
pub(super) fn fit<const N: usize>(
    (natural, mins): ([usize; N], [usize; N]),
    columns: &[Column; N],
    limit: usize,
    has_notes: bool,
    hidden: usize,
    at_least: Shape,
) -> Layout<N> {
    if at_least == Shape::List {
        return Layout::List;
    }
    let shrink = |widths: &mut [usize; N], over: &mut usize, fit: Fit| {
        for (c, col) in columns.iter().enumerate() {
            if col.fit == fit && *over > 0 {
                let min = mins[c].min(natural[c]);
                let take = (*over).min(widths[c] - min);
                widths[c] -= take;
                *over -= take;
            }
        }
    };
    let note = columns.iter().position(|c| c.fit == Fit::Note);
    if (has_notes || note.is_none()) && at_least == Shape::Columns {
        let total: usize = natural.iter().sum::<usize>() + overhead(N - hidden);
        let mut widths = natural;
        let mut over = total.saturating_sub(limit);
        shrink(&mut widths, &mut over, Fit::Note);
        shrink(&mut widths, &mut over, Fit::Wrap);
        shrink(&mut widths, &mut over, Fit::Halves);
        if over == 0 {
            return Layout::Columns(widths);
        }
    }
    // Without the note column (an empty one gives its room to the others).
    let Some(note) = note else {
        return Layout::List;
    };
    // Without the note column, from the natural widths again.
    let mut widths = natural;
    widths[note] = 0;
    let total = widths.iter().sum::<usize>() + overhead(N - 1 - hidden);
    let mut over = total.saturating_sub(limit);
    shrink(&mut widths, &mut over, Fit::Wrap);
    shrink(&mut widths, &mut over, Fit::Halves);
    if over == 0 {
        Layout::NotesBelow(widths)
    } else {
        Layout::List
    }
}

/// What a table's cells need: each column's natural and least width,
/// whether any row has a note, which columns any row fills, and how many
/// optional columns none does.
struct Measure<const N: usize> {
    natural: [usize; N],
    mins: [usize; N],
    has_notes: bool,
    filled: [bool; N],
    hidden: usize,
}

fn measure<'c, const N: usize>(
    columns: &[Column; N],
    rows: usize,
    cells: &impl Fn(usize) -> [Cow<'c, str>; N],
) -> Measure<N> {
    let mut natural = columns.map(|c| text::width(c.title));
    let mut mins = columns.map(Column::min_width);
    let mut has_notes = false;
    let mut filled = [false; N];
    for i in 0..rows {
        let row = cells(i);
        for (c, (w, cell)) in natural.iter_mut().zip(&row).enumerate() {
            *w = (*w).max(text::width(cell));
            has_notes |= columns[c].fit == Fit::Note && !cell.is_empty();
            filled[c] |= !cell.is_empty();
            match columns[c].fit {
                Fit::Halves => mins[c] = mins[c].max(halves_min(cell)),
                // An expression wraps between words, never inside a name.
                Fit::Wrap => {
                    let word = cell.split(' ').map(text::width).max().unwrap_or(0);
                    mins[c] = mins[c].max(word);
                }
                Fit::Keep | Fit::Note => {}
            }
        }
    }
    let mut hidden = 0;
    for (c, w) in natural.iter_mut().enumerate() {
        if columns[c].optional && !filled[c] {
            *w = 0;
            hidden += 1;
        }
    }
    Measure {
        natural,
        mins,
        has_notes,
        filled,
        hidden,
    }
}

/// The shape the table of `cells` takes on its own at `limit` columns.
pub(super) fn shape<'c, const N: usize>(
    columns: &[Column; N],
    rows: usize,
    cells: impl Fn(usize) -> [Cow<'c, str>; N],
    limit: Option<usize>,
) -> Shape {
    let Some(limit) = limit else {
        return Shape::Columns;
    };
    let m = measure(columns, rows, &cells);
    fit(
        (m.natural, m.mins),
        columns,
        limit,
        m.has_notes,
        m.hidden,
        Shape::Columns,
    )
    .shape()
}

/// A table with rounded box-drawing borders, columns as wide as their
/// widest cell in display columns, fitted to `limit` columns when given,
/// in shape `at_least` or a narrower one (see [`Shape`]). `cells(i)` gives
/// row `i`; it is called twice per row (once for the widths, once to
/// print) rather than keeping every cell of a large table.
pub(super) fn boxed<'c, const N: usize>(
    out: &mut Out<'_>,
    columns: [Column; N],
    rows: usize,
    cells: impl Fn(usize) -> [Cow<'c, str>; N],
    limit: Option<usize>,
    at_least: Shape,
) {
    let m = measure(&columns, rows, &cells);
    let absent = |c: usize| columns[c].optional && !m.filled[c];
    let natural = m.natural;
    let layout = limit.map(|l| {
        fit(
            (natural, m.mins),
            &columns,
            l,
            m.has_notes,
            m.hidden,
            at_least,
        )
    });
    let (widths, notes_below) = match layout {
        None => (natural, false),
        Some(Layout::Columns(widths)) => (widths, false),
        Some(Layout::NotesBelow(widths)) => (widths, true),
        Some(Layout::List) => return list(out, &columns, rows, &cells, limit.unwrap_or(80)),
    };
    let shown: Vec<usize> = (0..N)
        .filter(|&c| !(absent(c) || notes_below && columns[c].fit == Fit::Note))
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
            .map(|&c| match columns[c].fit {
                Fit::Halves if text::width(&row[c]) > widths[c] => halves(&row[c]),
                _ => text::wrap(&row[c], widths[c]),
            })
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
pub(super) fn notes_under<'c, const N: usize>(
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
pub(super) fn list<'c, const N: usize>(
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
            if !matches!(col.fit, Fit::Keep | Fit::Halves) || row[c].is_empty() {
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
                Fit::Keep | Fit::Halves => continue,
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
pub(super) fn repeat(out: &mut Out<'_>, c: char, n: usize) {
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
