//! An evaluated estimate rendered as a terminal table, Markdown, JSON or CSV.
//!
//! Pure rendering: takes rows, returns text. The JSON and CSV shapes are
//! documented in docs/json.md and are a stable contract.

mod csv;
mod diff;
mod grid;
pub(crate) mod json;
mod markdown;
mod scenarios;
pub(crate) mod sheet;
mod summary;
mod table;
pub(crate) mod why;

pub use crate::estimate::Place;
use crate::estimate::{Evaluated, Row};
use crate::quantity::dimension::Dimension;
use crate::quantity::sample::Sampling;
use crate::units::display::ShownRange;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

/// The narrowest width tables are fitted to: `--width` refuses less, and
/// a narrower terminal or `COLUMNS` is taken as this.
pub const MIN_WIDTH: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// A report format.
pub enum Format {
    /// Terminal tables with box-drawing borders.
    Table,
    /// GitHub-flavoured Markdown tables.
    Markdown,
    /// One JSON document (its shape is in docs/json.md).
    Json,
    /// One CSV row per quantity (its columns are in docs/json.md).
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
    /// Print only this part's table (table and Markdown formats), to paste
    /// one table alone.
    pub only: Option<Place>,
    /// Leave out the title, about, source and calendar lines (table and
    /// Markdown formats).
    pub no_header: bool,
    /// Print the summary alone: the headline figures and the check (in
    /// JSON, the summary with `assumptions`, `sections` and `references`
    /// empty; in CSV, the headline figures' rows).
    pub summary_only: bool,
    /// The level of the Markdown report's title (1 for `#`, 2 for `##`
    /// to sit under a note's own title); sections are one deeper. 0 is 1.
    pub heading_level: usize,
    /// Leave each ranged figure's `drivers` out of the JSON report: they
    /// are most of its cost, and a caller that re-runs on every keystroke
    /// (the playground) asks [`Evaluated::drivers`] for one figure instead.
    pub no_drivers: bool,
}

impl Options {
    /// Whether the table of `place` is printed.
    fn shows(self, place: Place) -> bool {
        self.only.is_none_or(|only| only == place)
    }
}
/// The report as text.
pub fn render(ev: &Evaluated, format: Format, opts: Options) -> String {
    match format {
        Format::Table => table::render(ev, opts),
        Format::Markdown => markdown::render(ev, opts),
        Format::Json => json::render(ev, opts),
        Format::Csv => csv::render(ev, opts.summary_only),
    }
}

/// The side-by-side report of `runs` (`base` first), one column per run.
pub(crate) fn render_runs(runs: &[crate::estimate::Run], format: Format, opts: Options) -> String {
    scenarios::render(runs, format, opts)
}

/// The side-by-side figures of `runs` (`base` first) as compact JSON, for
/// a page to lay out: each changed figure with its ratio to base, as the
/// side-by-side table shows them: `{"runs": [name], "blocks": [{"key",
/// "lines": [{"name", "cells": [{"text", "range", "ratio", "marked"}]}]}]}`.
pub fn side_by_side_json(runs: &[crate::estimate::Run]) -> String {
    scenarios::blocks_json(runs)
}

/// `bote diff`'s report of `d`, between the runs named `old` and `new`.
pub(crate) fn render_diff(
    d: &crate::estimate::Diff,
    (old, new): (&str, &str),
    format: Format,
    width: Option<usize>,
) -> String {
    diff::render(d, old, new, format, width)
}

/// Write the report to `w`. A table and JSON go out as they are made, in
/// pieces of about 64 KiB, rather than being built whole first.
pub fn write(
    ev: &Evaluated,
    format: Format,
    opts: Options,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::write(ev, opts, w),
        Format::Json => json::write(ev, opts, w),
        _ => w.write_all(render(ev, format, opts).as_bytes()),
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

/// How bote read the file's bytes, when it writes a decimal prefix (`KB`,
/// `GB/s`): a book's KB is often 1,024 bytes, bote's is 1,000.
fn bytes_line(ev: &Evaluated) -> Option<&'static str> {
    let est = &ev.estimate;
    let writes = est.items.iter().any(|i| {
        i.stmt.writes_decimal_bytes()
            || i.unit.as_ref().is_some_and(|t| t.writes_decimal_bytes())
            || i.expect
                .as_ref()
                .is_some_and(|x| x.stmt.writes_decimal_bytes())
    });
    writes.then_some("KB = 1,000 bytes; write KiB for 1,024")
}

/// The published figure and whether the computed value agrees with it.
fn expect_text(row: &Row) -> String {
    match &row.expect {
        None => String::new(),
        Some(c) if c.ok && c.rank.is_some() => format!("{} ✓ {}", c.shown.text, c.off_text(0)),
        // Within tolerance but not to the figure: say by how much, so a
        // reader sees a different month length or a rounding.
        Some(c) if c.ok && c.off_more_than_a_percent() => {
            format!("{} ✓ {}", c.shown.text, c.off_percent())
        }
        Some(c) if c.ok => format!("{} ✓", c.shown.text),
        Some(c) => format!("{} ✗ {}", c.shown.text, c.off_text(0)),
    }
}

/// An uncertain value's 90% range, or nothing for an exact one.
fn range_text(row: &Row) -> &str {
    row.range.as_ref().map_or("", |r| r.text.as_str())
}

/// An assumption as written when it says more than its value does: one
/// that uses a name (`avg_follows * 1 entry/edge`). A figure, a range or
/// arithmetic of figures (`200K reads/s`, `5 to 10x`, `10^5 s`) is what
/// its value and 90% range already show, and a column that repeats them
/// spends width on nothing.
fn as_written<'e>(ev: &'e Evaluated, row: &Row) -> &'e str {
    let item = &ev.estimate.items[row.item];
    if item.overridden || item.stmt.names().next().is_some() {
        item.expr_text()
    } else {
        ""
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
    let slip = divided_twice(ev, row);
    let sized = from_sized(ev, row);
    if item.source.is_none()
        && expect_note.is_none()
        && slip.is_none()
        && row.verdict.is_none()
        && sized.is_none()
    {
        return Cow::Borrowed(item.note.as_deref().unwrap_or(""));
    }
    // A capacity verdict's reasoning comes first: it is what the row says;
    // so is what a figure drawn from a verdict's counts is.
    let mut note = row.verdict.clone().or(sized).unwrap_or_default();
    if let Some(n) = &item.note {
        if !note.is_empty() {
            note.push_str(". ");
        }
        note.push_str(n);
    }
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
    if let Some(slip) = slip {
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str(slip);
    }
    Cow::Owned(note)
}

/// What an uncertain figure computed from a verdict sized at a percentile
/// is. The verdict shows its count at p95 (`36 boxes at p95`), but the
/// figures that use it are computed draw by draw from each draw's count
/// (issue 35), so their median is at the verdict's median: `priced draw by
/// draw from redis_nodes' counts, so at its median 27 boxes; at the 36
/// boxes it is sized at, $2,144/month`. That last figure is given only
/// when it is exact: the figure is the verdict's count times the same
/// factor in every draw.
pub(crate) fn from_sized(ev: &Evaluated, row: &Row) -> Option<String> {
    let range = row.range.as_ref()?;
    if row.verdict.is_some() || !ev.rows.iter().any(|r| r.size_at.is_some()) {
        return None;
    }
    let est = &ev.estimate;
    let by_name: rustc_hash::FxHashMap<&str, &Row> = ev
        .rows
        .iter()
        .map(|r| (est.items[r.item].name.as_str(), r))
        .collect();
    // The sized verdicts the row draws on, through the figures between.
    let mut verdicts: Vec<&Row> = Vec::new();
    let mut seen = rustc_hash::FxHashSet::default();
    seen.insert(row.item);
    let mut todo: Vec<usize> = vec![row.item];
    while let Some(i) = todo.pop() {
        for (name, _, _) in est.items[i].names() {
            let Some(&used) = by_name.get(name) else {
                continue;
            };
            if !seen.insert(used.item) {
                continue;
            }
            if used.verdict.is_some() {
                if used.size_at.is_some() && used.range.is_some() {
                    verdicts.push(used);
                }
            } else {
                todo.push(used.item);
            }
        }
    }
    let verb = match est.items[row.item].place {
        Place::Section(s) if est.sections[s] == "cost" => "priced",
        _ => "figured",
    };
    let [verdict] = verdicts[..] else {
        if verdicts.is_empty() {
            return None;
        }
        let names: Vec<String> = verdicts
            .iter()
            .map(|v| format!("{}'", est.items[v.item].name))
            .collect();
        return Some(format!(
            "{verb} draw by draw from {} counts, not from the counts they are sized at",
            names.join(" and ")
        ));
    };
    let name = &est.items[verdict.item].name;
    let counts = verdict.range.as_ref()?;
    let noun = |n: f64| {
        let nouns = est.items[verdict.item].capacity.as_ref().map(|c| &c.noun);
        let noun = nouns.map_or("", |(one, many)| if n == 1.0 { one } else { many });
        format!("{} {noun}", crate::estimate::capacity::plain(n, 3))
            .trim_end()
            .to_string()
    };
    let sized = verdict.quantity.si_value();
    // The same factor in every draw: the figure is the count times it.
    let (xs, ys) = (counts.draws.values(), range.draws.values());
    let factor = ys.first().zip(xs.first()).map(|(y, x)| y / x);
    let exact = factor.filter(|f| {
        f.is_finite()
            && xs.len() == ys.len()
            && xs
                .iter()
                .zip(ys)
                .all(|(x, y)| (y - f * x).abs() <= 1e-9 * y.abs().max(f64::MIN_POSITIVE))
    });
    let Some(factor) = exact else {
        return Some(format!(
            "{verb} draw by draw from {name}' counts, not from the {} it is sized at",
            noun(sized)
        ));
    };
    let unit = crate::units::display::DisplayUnit {
        label: row.shown.unit.clone(),
        size: range.unit_size,
    };
    let at_sized = crate::quantity::Quantity::new(factor * sized, range.draws.dim()).ok()?;
    Some(format!(
        "{verb} draw by draw from {name}' counts, so at its median {}; at the {} it is sized at, {}",
        noun(counts.spread.p50),
        noun(sized),
        crate::units::display::show_figures(at_sized, unit, None).text
    ))
}

/// A rate in a QPS or bandwidth section that comes out per second squared
/// was almost always divided by a time twice (`/ 24 hours / 3600 seconds`).
fn divided_twice(ev: &Evaluated, row: &Row) -> Option<&'static str> {
    let Place::Section(s) = ev.estimate.items[row.item].place else {
        return None;
    };
    let rate_section = matches!(ev.estimate.sections[s].as_str(), "qps" | "bandwidth");
    let dim = row.quantity.dim();
    let per_s2 = [Dimension::RATE, Dimension::DATA_RATE]
        .iter()
        .any(|d| d.per(Dimension::TIME) == Some(dim));
    (rate_section && per_s2).then_some(
        "(per second squared: is a time divided twice? `/ 1 day`, not `/ 24 h / 3600 s`)",
    )
}

/// The sheets' entries the estimate used, a heading and a line each:
/// "References used" and "Prices (AWS us-east-1 list prices, read
/// 2026-06-17)", then `ref.nic_25g = 25 Gbit/s: what (kind; source, date)`.
fn sources(ev: &Evaluated) -> Vec<(String, Vec<String>)> {
    use crate::sheets::Kind;
    let mut out = Vec::new();
    for kind in [Kind::References, Kind::Prices] {
        let lines: Vec<String> = ev
            .used
            .iter()
            .filter(|u| u.kind == kind)
            .map(|u| {
                let e = &u.entry;
                let mut said: Vec<&str> = Vec::new();
                said.extend(e.kind.as_deref());
                said.extend(e.source.as_deref());
                said.extend(e.date.as_deref());
                let origin = if e.origin == "built-in" {
                    String::new()
                } else {
                    format!(" [from {}]", e.origin)
                };
                let what = e
                    .what
                    .as_deref()
                    .map_or(String::new(), |w| format!(": {w}"));
                let said = if said.is_empty() {
                    " (no source given)".to_string()
                } else {
                    format!(" ({})", said.join("; "))
                };
                format!("{} = {}{what}{said}{origin}", u.name, u.text)
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        let heading = match kind {
            Kind::References => "References used".to_string(),
            Kind::Prices => {
                let said = |sheet: &crate::sheets::Sheet| match &sheet.date {
                    Some(d) => format!("{}, read {d}", sheet.title),
                    None => sheet.title.clone(),
                };
                let builtin = crate::sheets::builtin_price_head();
                match ev.estimate.sheets.price_file() {
                    None => format!("Prices: {}", said(builtin)),
                    Some(own) => format!("Prices: {}; then {}", said(own), said(builtin)),
                }
            }
        };
        out.push((heading, lines));
    }
    out
}

/// A `cost` section's total per month and each line's share of it:
/// `Total: $4,100/month (egress 62%, storage 38%)`; an uncertain one
/// says what its figure is: `Total: $1,410/month, the median of the
/// lines summed draw by draw (90% range $494 to $4,320/month; shares of
/// the mean: egress 96%, storage 4%)`.
fn cost_total(ev: &Evaluated, section: usize) -> Option<String> {
    let total = ev.cost_total(section)?;
    let shares: Vec<String> = total
        .shares
        .iter()
        .map(|(s, n)| {
            if *s < 0.005 {
                format!("{n} <1%")
            } else {
                format!("{n} {:.0}%", s * 100.0)
            }
        })
        .collect();
    Some(match &total.range {
        None => format!("Total: {} ({})", total.shown.text, shares.join(", ")),
        Some(range) => format!(
            "Total: {}, the median of the lines summed draw by draw (90% range {}; shares of the mean: {})",
            total.shown.text,
            range.text,
            shares.join(", ")
        ),
    })
}

/// The line that ends a report: how its published figures fared.
fn check_line(ev: &Evaluated) -> Option<String> {
    let total = ev.expectations();
    if total == 0 {
        return None;
    }
    let failed = ev.failed_expectations().count();
    let off = ev.off_by_more_than_a_percent();
    let off = match off {
        0 => String::new(),
        n => format!(", {n} off by more than 1%"),
    };
    Some(if failed == 0 {
        match total {
            1 => format!("✓ the published figure reproduced (within tolerance){off}"),
            _ => format!("✓ all {total} published figures reproduced (within tolerance){off}"),
        }
    } else {
        format!("✗ {failed} of {total} published figures not reproduced")
    })
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

/// The derivations of the derived quantities (assumptions have none to
/// show) in the tables `opts` prints, each with its row.
fn derivations(ev: &Evaluated, opts: Options) -> impl Iterator<Item = (String, &Row)> + '_ {
    ev.explanations()
        .into_iter()
        .zip(&ev.rows)
        .filter(move |(_, r)| {
            let place = ev.estimate.items[r.item].place;
            place != Place::Assumption && opts.shows(place)
        })
}

/// A value as the machine formats carry it: at most 15 significant digits,
/// so the binary noise of a double (`29.999999999999996`) does not show.
/// Every double round-trips through 15 digits to within one part in 10^15.
pub(crate) fn machine_value(v: f64) -> f64 {
    crate::units::display::round_sig(v, 15)
}

/// An uncertain value's percentiles for the machine formats, in the unit
/// it is shown in, with the draws they come from.
#[derive(serde::Serialize)]
pub(crate) struct JsonRange<'a> {
    p5: f64,
    p25: f64,
    p50: f64,
    p75: f64,
    p95: f64,
    mean: f64,
    text: &'a str,
    samples: usize,
    seed: u64,
}

/// [`JsonRange`] of `r`.
pub(crate) fn range_json(r: &ShownRange, sampling: Sampling) -> JsonRange<'_> {
    let s = &r.spread;
    let v = |x: f64| machine_value(x / r.unit_size);
    JsonRange {
        p5: v(s.p5),
        p25: v(s.p25),
        p50: v(s.p50),
        p75: v(s.p75),
        p95: v(s.p95),
        mean: v(s.mean),
        text: &r.text,
        samples: s.samples,
        seed: sampling.seed,
    }
}
