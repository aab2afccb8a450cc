//! `bote run FILE --why NAME`: what drives one uncertain quantity's spread,
//! as bars, and its distribution, as a histogram.

use super::*;
use crate::estimate::Driver;
use crate::quantity::grouped;
use crate::quantity::sample::Sampling;
use crate::text;
use crate::units::display::ShownRange;
use rustc_hash::FxHashMap;

/// Width of the longest bar, in columns.
const BAR: usize = 20;

/// The view of row `r` in `format`. An exact row says that nothing in it
/// is uncertain.
/// `width` fits the text view to a terminal.
pub(crate) fn render(ev: &Evaluated, r: usize, format: Format, width: Option<usize>) -> String {
    let sampling = ev.estimate.sampling;
    let row = &ev.rows[r];
    let name = &ev.estimate.items[row.item].name;
    let drivers = ev.drivers(r);
    let Some(range) = &row.range else {
        return match format {
            Format::Json => format!(
                "{}\n",
                serde_json::json!({ "name": name, "text": row.shown.text, "drivers": [] })
            ),
            _ => exact_text(ev, row),
        };
    };
    match format {
        Format::Json => {
            let obj = serde_json::json!({
                "name": name,
                "text": row.shown.text,
                "unit": row.shown.unit,
                "range": serde_json::to_value(range_json(range, sampling)).unwrap_or_default(),
                "drivers": drivers_json(&drivers),
            });
            format!("{obj}\n")
        }
        Format::Csv => {
            let mut out = String::from("driver,correlation,share\n");
            for d in &drivers {
                let _ = writeln!(
                    out,
                    "{},{},{}",
                    d.name,
                    machine_value(d.correlation),
                    machine_value(d.share)
                );
            }
            out
        }
        Format::Table | Format::Markdown => {
            let text = text(ev, row, range, &drivers, sampling, width);
            match width {
                // Lines that run over wrap between words, under their start.
                Some(w) => text
                    .lines()
                    .flat_map(|l| {
                        let indent = l.len() - l.trim_start().len() + 2;
                        text::wrap_hanging(l, w, indent)
                            .into_iter()
                            .map(|l| format!("{l}\n"))
                            .collect::<Vec<_>>()
                    })
                    .collect(),
                None => text,
            }
        }
    }
}

/// Why a row has no spread: nothing it reads is a range, `--point`
/// collapsed the ranges it reads, or every draw gives the same figure.
fn exact_text(ev: &Evaluated, row: &Row) -> String {
    let name = &ev.estimate.items[row.item].name;
    let inputs = ev.ranged_inputs(row.item);
    let list = inputs
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if inputs.is_empty() {
        format!(
            "`{name}` is exact ({}): nothing it depends on is a range\n",
            row.shown.text
        )
    } else if ev.estimate.sampling.point {
        format!(
            "`{name}` is {} at --point: the ranges it reads ({list}) are taken at their point figures or medians; run without --point to see its spread\n",
            row.shown.text
        )
    } else {
        format!(
            "`{name}` is {} in every draw: it reads ranges ({list}), but each draw gives the same figure\n",
            row.shown.text
        )
    }
}

/// The drivers as the JSON report carries them.
pub(crate) fn drivers_json(drivers: &[Driver]) -> serde_json::Value {
    drivers
        .iter()
        .map(|d| {
            serde_json::json!({
                "name": d.name,
                "correlation": machine_value(d.correlation),
                "share": machine_value(d.share),
            })
        })
        .collect()
}

fn text(
    ev: &Evaluated,
    row: &Row,
    range: &ShownRange,
    drivers: &[Driver],
    sampling: Sampling,
    limit: Option<usize>,
) -> String {
    let name = &ev.estimate.items[row.item].name;
    // A verdict's figure is its count at a percentile, not its median.
    let (figure, median) = match row.size_at {
        Some(_) => (
            format!("{}; ", row.shown.text),
            rough(row, range, range.spread.p50),
        ),
        None => (String::new(), row.shown.text.clone()),
    };
    let mut out = format!(
        "What drives the spread of {name}\n  {figure}median {median}, 90% range {} ({} draws, seed {})\n\n",
        range.text,
        grouped(range.spread.samples),
        sampling.seed
    );
    let width = drivers
        .iter()
        .map(|d| text::width(&d.name))
        .max()
        .unwrap_or(0);
    let by_item: FxHashMap<usize, &Row> = ev.rows.iter().map(|r| (r.item, r)).collect();
    for d in drivers {
        let driver = &d.name;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let cells = (d.share * BAR as f64).round() as usize;
        let bar: String = "█".repeat(cells) + &"░".repeat(BAR - cells.min(BAR));
        let way = if d.correlation < 0.0 {
            format!(" ({name} falls as it rises)")
        } else {
            String::new()
        };
        let spread = match d.item {
            Some(item) => by_item
                .get(&item)
                .and_then(|r| r.range.as_ref())
                .map_or(String::new(), |r| r.text.clone()),
            None => ev
                .used
                .iter()
                .find(|u| u.name == d.name)
                .map_or(String::new(), |u| u.text.clone()),
        };
        let pad = width - text::width(driver);
        let _ = writeln!(
            out,
            "  {driver}{} {bar} {:>3.0}%  {spread}{way}",
            " ".repeat(pad),
            d.share * 100.0
        );
    }
    let _ = writeln!(
        out,
        "\n  share: Spearman's rank correlation, squared, over the {} ranges it reads",
        drivers.len()
    );
    let (lo, hi) = (range.spread.p5, range.spread.p95);
    let (a, b) = (rough(row, range, lo), rough(row, range, hi));
    // 24 bins, or as many as the terminal has room for beside the ends;
    // with no room for 8, the ends go on lines of their own.
    let room = limit.map_or(24, |w| {
        w.saturating_sub(4 + text::width(&a) + text::width(&b))
    });
    let _ = writeln!(out, "\nDistribution, 5th to 95th percentile");
    if room >= 8 {
        let bins = histogram(range.draws.values(), lo, hi, room.min(24));
        let _ = writeln!(out, "  {a} {bins} {b}");
    } else {
        let bins = limit.map_or(24, |w| w.saturating_sub(2).min(24));
        let _ = writeln!(
            out,
            "  {a}\n  {}\n  {b}",
            histogram(range.draws.values(), lo, hi, bins)
        );
    }
    out
}

/// `v` (in base units) in the row's unit, to the figures a range's end is shown to.
pub(crate) fn rough(row: &Row, range: &ShownRange, v: f64) -> String {
    let q = crate::quantity::Quantity::new(v, range.draws.dim())
        .unwrap_or(crate::quantity::Quantity::ZERO);
    let unit = crate::units::display::DisplayUnit {
        label: row.shown.unit.clone(),
        size: range.unit_size,
    };
    crate::units::display::show_figures(q, unit, Some(crate::units::display::UNCERTAIN_FIGS)).text
}

/// The draws between `lo` and `hi` in `bins` bins, as block characters
/// from ▁ to █ (a space for none); on a log scale when the range spans
/// more than a factor of 4, as ranges of positive figures usually do.
pub(crate) fn histogram(draws: &[f64], lo: f64, hi: f64, bins: usize) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    if hi <= lo || bins == 0 {
        return String::new();
    }
    let log = lo > 0.0 && hi / lo > 4.0;
    let scale = |v: f64| if log { libm::log(v) } else { v };
    let (a, b) = (scale(lo), scale(hi));
    let mut counts = vec![0usize; bins];
    for &v in draws {
        if v < lo || v > hi {
            continue;
        }
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let i = (((scale(v) - a) / (b - a)) * bins as f64) as usize;
        counts[i.min(bins - 1)] += 1;
    }
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .map(|&c| {
            if c == 0 {
                ' '
            } else {
                #[allow(clippy::cast_precision_loss)]
                let level = (c as f64 / max as f64 * 8.0).ceil() as usize;
                LEVELS[level.clamp(1, 8) - 1]
            }
        })
        .collect()
}
