//! The JSON report: its shape is documented in docs/json.md and is a stable
//! contract.

use super::*;
use crate::estimate::{Evaluated, Explainer, Place, Row};
use serde::Serialize;

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
    expr: std::borrow::Cow<'a, str>,
    explain: String,
    note: Option<&'a str>,
    /// A capacity quantity's reasoning: `559 + 2 spare; memory binds ...`.
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<&'a str>,
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    overridden: Option<bool>,
    /// An uncertain value's percentiles (`value` is then the median, or,
    /// for a verdict, the count at `size_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<JsonRange<'a>>,
    /// A verdict from ranged inputs: the percentile of its draws' counts
    /// it is sized at.
    #[serde(skip_serializing_if = "Option::is_none")]
    size_at: Option<u8>,
    /// What drives an uncertain value's spread.
    #[serde(skip_serializing_if = "Option::is_none")]
    drivers: Option<serde_json::Value>,
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
    /// The high end of a published range (`value` is its low end).
    #[serde(skip_serializing_if = "Option::is_none")]
    high: Option<f64>,
    /// Where a published figure falls among an uncertain value's draws.
    #[serde(skip_serializing_if = "Option::is_none")]
    percentile: Option<f64>,
    ok: bool,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSection<'a> {
    name: &'a str,
    quantities: Rows<'a>,
}

/// The quantities of one place (the assumptions, or a section), each made
/// as it is written rather than all before the first is: the largest file
/// bote accepts (185,000 quantities) held them all at once and peaked at
/// 337 MiB, over the 300 MiB bound (docs/performance.md).
struct Rows<'a> {
    ev: &'a Evaluated,
    /// `None` for no rows at all (`--summary`).
    place: Option<Place>,
    /// What says each row's derivation as its row is written, and the
    /// rows' drivers.
    by_row: std::rc::Rc<ByRow<'a>>,
}

/// What says each row's derivation (as its row is written, not all of
/// them first) and each row's drivers.
type ByRow<'a> = (Explainer<'a>, Vec<Vec<crate::estimate::Driver>>);

impl Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (explain, drivers) = &*self.by_row;
        let rows = self.place.into_iter().flat_map(|p| rows_in(self.ev, p));
        s.collect_seq(rows.map(|r| quantity_json(self.ev, r, (explain, drivers))))
    }
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

/// A sheet's entry: in a report (what the estimate used, with `text` and
/// `from`) and in `bote refs --format json` (without them).
#[derive(Serialize)]
pub(crate) struct JsonEntry<'a> {
    name: String,
    value: &'a str,
    /// The value as the report showed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    what: Option<&'a str>,
    kind: Option<&'a str>,
    source: Option<&'a str>,
    date: Option<&'a str>,
    conditions: Option<&'a str>,
    /// A price tier's bounds, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    over: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    up_to: Option<&'a str>,
    /// `built-in`, `this estimate` or a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'a str>,
}

impl<'a> JsonEntry<'a> {
    /// The entry `e`, named `name` (`ref.nic_25g`).
    pub(crate) fn new(name: String, e: &'a crate::sheets::Entry) -> JsonEntry<'a> {
        JsonEntry {
            name,
            value: &e.value,
            text: None,
            what: e.what.as_deref(),
            kind: e.kind.as_deref(),
            source: e.source.as_deref(),
            date: e.date.as_deref(),
            conditions: e.conditions.as_deref(),
            over: e.over.as_deref(),
            up_to: e.up_to.as_deref(),
            from: None,
        }
    }
}

/// The JSON report; its shape is documented in docs/json.md.
#[derive(Serialize)]
pub(crate) struct JsonReport<'a> {
    title: &'a str,
    about: Option<&'a str>,
    source: Option<&'a str>,
    calendar: JsonCalendar,
    /// The headline figures a report opens with.
    summary: super::summary::JsonSummary<'a>,
    /// The declared counts' names; absent when the file declares none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    counts: Vec<&'a str>,
    assumptions: Rows<'a>,
    sections: Vec<JsonSection<'a>>,
    /// The reference numbers and prices used; absent when none are.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    references: Vec<JsonEntry<'a>>,
    /// The `cost` section's total per month; absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<JsonCost>,
    expectations: JsonCounts,
}

/// A cost total: its value in `$/month` and in base units (`$/s`).
#[derive(Serialize)]
struct JsonCost {
    total: JsonMoney,
}

#[derive(Serialize)]
struct JsonMoney {
    value: f64,
    unit: String,
    text: String,
    si_value: f64,
    /// An uncertain total's percentiles, of the lines summed draw by draw
    /// (`value` is then their median).
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<serde_json::Value>,
}

/// Each row's quantity, its derivation said by `explain` and its drivers
/// taken from `drivers` (by row, which is by item).
fn quantity_json<'a>(
    ev: &'a Evaluated,
    row: &'a Row,
    (explain, drivers): (&Explainer<'_>, &[Vec<crate::estimate::Driver>]),
) -> JsonQuantity<'a> {
    let item = &ev.estimate.items[row.item];
    let section = match item.place {
        Place::Assumption => "assumptions",
        Place::Section(s) => ev.estimate.sections[s].as_str(),
    };
    let expect = match (&row.expect, &item.expect) {
        (Some(c), Some(x)) => Some(JsonExpect {
            value: machine_value(c.shown.value),
            unit: &c.shown.unit,
            text: &c.shown.text,
            si_value: machine_value(c.quantity.si_value()),
            tolerance: x.tolerance,
            off_by: c.off_by,
            high: c.high_value.map(machine_value),
            percentile: c.rank.map(machine_value),
            ok: c.ok,
            note: x.note.as_deref(),
        }),
        _ => None,
    };
    JsonQuantity {
        name: &item.name,
        section,
        value: machine_value(row.shown.value),
        unit: &row.shown.unit,
        text: &row.shown.text,
        si_value: machine_value(row.quantity.si_value()),
        si_unit: row.quantity.dim().base_units(),
        dimension: row.quantity.dim().name(),
        expr: item.shown_expr(),
        explain: explain.explain(row),
        note: item.note.as_deref(),
        verdict: row.verdict.as_deref(),
        source: item.source.as_deref(),
        overridden: (item.place == Place::Assumption).then_some(item.overridden),
        range: row
            .range
            .as_ref()
            .map(|range| range_json(range, ev.estimate.sampling)),
        size_at: row.size_at,
        drivers: row
            .range
            .as_ref()
            .filter(|_| item.place != Place::Assumption)
            // Rows are in item order: the row of item i is row i; none
            // when they were left out.
            .and_then(|_| drivers.get(row.item))
            .map(|d| super::why::drivers_json(d)),
        expect,
    }
}

/// The JSON report as a value to serialize, with each ranged figure's
/// drivers unless `no_drivers`.
pub(crate) fn json(ev: &Evaluated, no_drivers: bool) -> JsonReport<'_> {
    let est = &ev.estimate;
    let drivers = if no_drivers {
        Vec::new()
    } else {
        ev.every_driver()
    };
    let by_row = std::rc::Rc::new((ev.explainer(), drivers));
    let rows = |place: Place| Rows {
        ev,
        place: Some(place),
        by_row: by_row.clone(),
    };
    let assumptions = rows(Place::Assumption);
    let sections = est
        .sections
        .iter()
        .enumerate()
        .map(|(s, name)| JsonSection {
            name,
            quantities: rows(Place::Section(s)),
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
        summary: super::summary::summary(ev).into_json(),
        counts: est.counts.names().collect(),
        assumptions,
        sections,
        references: ev
            .used
            .iter()
            .map(|u| JsonEntry {
                text: Some(&u.text),
                from: Some(&u.entry.origin),
                ..JsonEntry::new(u.name.clone(), &u.entry)
            })
            .collect(),
        cost: (0..est.sections.len())
            .find_map(|s| ev.cost_total(s))
            .map(|total| {
                let (q, shown) = (total.quantity, total.shown);
                JsonCost {
                    total: JsonMoney {
                        value: machine_value(shown.value),
                        unit: shown.unit.into_owned(),
                        text: shown.text,
                        si_value: machine_value(q.si_value()),
                        range: total.range.map(|r| {
                            serde_json::to_value(range_json(&r, est.sampling)).unwrap_or_default()
                        }),
                    },
                }
            }),
        expectations: JsonCounts {
            total: ev.expectations(),
            failed: ev.failed_expectations().count(),
        },
    }
}

/// One run of a side-by-side report: a single run's report's parts, in
/// its order (docs/json.md, "Scenarios").
#[derive(Serialize)]
pub(crate) struct JsonRun<'a> {
    name: &'a str,
    overrides: Vec<JsonOverride<'a>>,
    summary: super::summary::JsonSummary<'a>,
    assumptions: Rows<'a>,
    sections: Vec<JsonSection<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<JsonCost>,
    expectations: JsonCounts,
}

#[derive(Serialize)]
struct JsonOverride<'a> {
    name: &'a str,
    expr: &'a str,
}

/// A side-by-side report: the base's title lines, each run, base's
/// references.
#[derive(Serialize)]
pub(crate) struct JsonRuns<'a> {
    title: &'a str,
    about: Option<&'a str>,
    source: Option<&'a str>,
    calendar: JsonCalendar,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    counts: Vec<&'a str>,
    scenarios: Vec<JsonRun<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    references: Vec<JsonEntry<'a>>,
}

/// The side-by-side JSON report of `runs`, `base` first.
pub(crate) fn runs_json(runs: &[crate::estimate::Run], summary_only: bool) -> JsonRuns<'_> {
    let mut list = Vec::with_capacity(runs.len());
    let mut base = None;
    for r in runs {
        let j = report(&r.ev, summary_only, false);
        list.push(JsonRun {
            name: &r.name,
            overrides: r
                .overrides
                .iter()
                .map(|(name, expr)| JsonOverride { name, expr })
                .collect(),
            summary: j.summary,
            assumptions: j.assumptions,
            sections: j.sections,
            cost: j.cost,
            expectations: j.expectations,
        });
        if base.is_none() {
            base = Some((
                j.title,
                j.about,
                j.source,
                j.calendar,
                j.counts,
                j.references,
            ));
        }
    }
    let (title, about, source, calendar, counts, references) = base.unwrap_or_else(|| {
        (
            "",
            None,
            None,
            JsonCalendar {
                month_s: 0.0,
                year_s: 0.0,
                from_file: false,
                text: String::new(),
            },
            Vec::new(),
            Vec::new(),
        )
    });
    JsonRuns {
        title,
        about,
        source,
        calendar,
        counts,
        scenarios: list,
        references,
    }
}

/// The JSON report, or with `--summary` the same shape with its
/// assumptions, sections and references left empty: the summary alone.
fn report(ev: &Evaluated, summary_only: bool, no_drivers: bool) -> JsonReport<'_> {
    let mut report = json(ev, no_drivers);
    if summary_only {
        report.assumptions.place = None;
        report.sections.clear();
        report.references.clear();
    }
    report
}

/// The JSON report, pretty-printed, to `w` as it is made: a 10,000-quantity
/// report is some 10 MB, which a growing string copies over and over.
pub(super) fn write(
    ev: &Evaluated,
    opts: Options,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, w);
    let json = report(ev, opts.summary_only, opts.no_drivers);
    serde_json::to_writer_pretty(&mut out, &json)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The JSON report as text, pretty-printed.
pub(super) fn render(ev: &Evaluated, opts: Options) -> String {
    let json = report(ev, opts.summary_only, opts.no_drivers);
    let mut s = serde_json::to_string_pretty(&json).unwrap_or_default();
    s.push('\n');
    s
}

/// One error of a file that does not run, as `--format json` writes it.
#[derive(Serialize)]
struct JsonError<'a> {
    message: &'a str,
    /// The file (or `--set NAME`), when the error points into a text.
    #[serde(skip_serializing_if = "str::is_empty")]
    file: &'a str,
    /// 1-based line and column (in characters) of the spot.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    label: &'a str,
    notes: &'a [String],
}

/// The errors of a file that does not run, as JSON:
/// `{"errors": [{message, file, line, column, label, notes}], "left_out": N}`.
pub(crate) fn errors(all: &crate::diagnostic::Diagnostics) -> String {
    let list: Vec<JsonError> = all
        .list
        .iter()
        .map(|d| {
            let at = d.snippet.then(|| d.line_col());
            JsonError {
                message: &d.message,
                file: &d.origin,
                line: at.map(|(l, _)| l),
                column: at.map(|(_, c)| c),
                label: if d.snippet { &d.label } else { "" },
                notes: &d.notes,
            }
        })
        .collect();
    #[derive(Serialize)]
    struct Errors<'a> {
        errors: Vec<JsonError<'a>>,
        left_out: usize,
    }
    let value = Errors {
        errors: list,
        left_out: all.left_out,
    };
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
