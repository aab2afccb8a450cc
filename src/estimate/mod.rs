//! Estimate files: named assumptions and derived quantities, grouped in
//! sections, each derived quantity optionally carrying the published figure
//! it should reproduce.
//!
//! Loading validates the YAML shape (unknown and duplicate keys are errors),
//! parses every expression, orders the quantities by dependency and evaluates
//! them. Every error points at the file, line and column. Rendering the
//! result is `report`'s job.

pub(crate) mod capacity;
mod cost;
mod diff;
mod drivers;
mod evaluate;
mod expect;
mod load;
mod order;
mod overrides;
pub mod presets;
mod scenarios;
mod tiers;

pub(crate) use cost::CostTotal;
pub use diff::{Change, Diff, diff};
pub use drivers::Driver;
pub use load::load;
pub(crate) use load::load_owned;
pub use scenarios::Run;
pub(crate) use scenarios::{Override, Scenario};

use crate::diagnostic::Diagnostic;
use crate::lang::ast::{Statement, Target};
use crate::lang::error::ExprError;
use crate::quantity::Quantity;
use crate::quantity::count::Counts;
use crate::quantity::dimension::Dimension;
use crate::quantity::sample::Sampling;
use crate::sheets;
use crate::span::Span;
use crate::units::Calendar;
use crate::units::display::{Shown, ShownRange};
use rustc_hash::FxHashMap;
use std::fmt::Write as _;

/// The most quantities (assumptions and derived) one file may hold.
pub(crate) const MAX_QUANTITIES: usize = 200_000;

/// Tolerance for `expect` when the file gives none: published figures are rounded.
pub(crate) const DEFAULT_TOLERANCE: f64 = 0.10;

/// An estimate file, loaded and checked but not yet evaluated.
#[derive(Clone, Debug)]
pub struct Estimate {
    /// What the file is called in messages (a path or `preset NAME`).
    pub(crate) origin: String,
    pub(crate) source_text: String,
    pub(crate) title: String,
    pub(crate) about: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) calendar: Calendar,
    /// Whether the file set its own calendar.
    pub(crate) calendar_from_file: bool,
    /// Every quantity, assumptions and derived, in file order.
    pub items: Vec<Item>,
    /// Section names in file order; `items` refer to them by index.
    pub sections: Vec<String>,
    /// How ranges are drawn: the file's `seed:` and `samples:`, then the
    /// command line's.
    pub(crate) sampling: Sampling,
    /// The counts the file declares (`counts:`), read as units.
    pub(crate) counts: Counts,
    /// Where `ref.NAME` and `price.NAME` are looked up.
    pub(crate) sheets: sheets::Sheets,
    /// The quantities a report opens with (`summary:`), with where each
    /// is written; empty for the default.
    pub(crate) summary: Vec<(String, Span)>,
    /// What reading the file found wrong, reported by [`Estimate::evaluate`]
    /// with what evaluating finds.
    pub(crate) load_errors: crate::diagnostic::Diagnostics,
    /// The file's `scenarios:`, in file order (`base` is the file itself).
    pub(crate) scenarios: Vec<Scenario>,
    /// The scenario this estimate is a run of, once its overrides are
    /// applied; `None` for the file as written.
    pub(crate) scenario: Option<String>,
}

/// Where an item sits: among the assumptions or in a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The assumptions.
    Assumption,
    /// The section at this place in the file's order of sections.
    Section(usize),
}

/// One named quantity.
#[derive(Clone, Debug)]
pub struct Item {
    /// The name other quantities use it by.
    pub name: String,
    pub(crate) name_span: Span,
    pub(crate) place: Place,
    /// Where the expression's value sits in the file, and where its text
    /// starts (if it can be pointed into). The text is `stmt.text`.
    pub(crate) expr_at: Span,
    pub(crate) expr_offset: Option<usize>,
    pub(crate) stmt: Statement,
    pub(crate) unit: Option<Box<Target>>,
    /// Boxed: most quantities have none, and items are many.
    pub(crate) expect: Option<Box<Expect>>,
    pub(crate) note: Option<String>,
    pub(crate) source: Option<String>,
    /// Set by `--set`: the value given on the command line replaced the file's.
    pub(crate) overridden: bool,
    /// Set by a scenario of the file rather than on the command line.
    pub(crate) from_scenario: bool,
    /// For an assumption `--set` to a figure without counts: the counts
    /// the file wrote it with (`redirects/url`), which the figure takes.
    pub(crate) counts_from_file: Option<Dimension>,
    /// A quantity of a `capacity:` section: how it is sized into boxes.
    pub(crate) capacity: Option<Box<capacity::Capacity>>,
    /// Reading it failed (its error is reported): it stands in for its
    /// name, and nothing that uses it is evaluated.
    pub(crate) broken: bool,
    /// An uncertain assumption's point (`point:`): the figure its source
    /// computed with, which `--point` takes instead of the median; with
    /// where it is written.
    pub(crate) point: Option<Box<(Statement, Span)>>,
}

impl Item {
    /// A stand-in for a quantity that failed to read, under its name.
    pub(crate) fn broken(name: String, name_span: Span, place: Place, at: Span) -> Item {
        Item {
            name,
            name_span,
            place,
            expr_at: at,
            expr_offset: None,
            stmt: Statement::default(),
            unit: None,
            expect: None,
            note: None,
            source: None,
            overridden: false,
            from_scenario: false,
            counts_from_file: None,
            capacity: None,
            broken: true,
            point: None,
        }
    }

    /// The expression as written.
    pub(crate) fn expr_text(&self) -> &str {
        &self.stmt.text
    }

    /// The expression as a report shows it: as written, and for a capacity
    /// verdict its load over what one box handles (see
    /// [`capacity::Capacity::written`]).
    pub(crate) fn shown_expr(&self) -> std::borrow::Cow<'_, str> {
        match &self.capacity {
            Some(cap) => cap.written().into(),
            None => self.expr_text().into(),
        }
    }

    /// Every name the item uses, with where it is written: its
    /// expression's, then a capacity verdict's utilisation's (marked
    /// `true`, as their spans are in that text).
    pub(crate) fn names(&self) -> impl Iterator<Item = (&str, Span, bool)> {
        let utilisation = self.capacity.iter().flat_map(|c| c.utilisation.names());
        self.stmt
            .names()
            .map(|(n, s)| (n, s, false))
            .chain(utilisation.map(|(n, s)| (n, s, true)))
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Expect {
    pub(crate) stmt: Statement,
    pub(crate) span: Span,
    pub(crate) tolerance: f64,
    pub(crate) note: Option<String>,
}

/// An evaluated quantity.
#[derive(Clone, Debug)]
pub struct Row {
    /// The quantity's place in [`Estimate::items`].
    pub item: usize,
    /// Its value.
    pub quantity: Quantity,
    /// Its value as printed, in the unit chosen for it.
    pub shown: Shown,
    /// An uncertain value's percentiles and 90% range (its median is `quantity`).
    pub range: Option<Box<ShownRange>>,
    pub(crate) expect: Option<Box<Checked>>,
    /// A capacity quantity's verdict: how its count of boxes was reached.
    pub(crate) verdict: Option<String>,
    /// A verdict from ranged inputs: the percentile of its draws' counts
    /// it is sized at (its `quantity`; `range` holds the counts' spread).
    pub(crate) size_at: Option<u8>,
    /// A verdict's arithmetic, for `--explain`: each resource's boxes at
    /// full use (of the draw it is sized at, when ranged), the target
    /// utilisation, the count that makes, and the percentile of the draw
    /// it is of.
    pub(crate) sizing: Option<Box<capacity::Sizing>>,
}

/// A published figure beside the computed one.
#[derive(Clone, Debug)]
pub(crate) struct Checked {
    pub(crate) shown: Shown,
    /// The published figure, or the low end of a published range.
    pub(crate) quantity: Quantity,
    /// The high end of a published range.
    pub(crate) high: Option<Quantity>,
    /// That high end in the unit the figure is shown in.
    pub(crate) high_value: Option<f64>,
    /// Relative difference of an exact value from a published point,
    /// computed against the published one; `None` when that is 0, where
    /// only an exact 0 agrees, and for ranges.
    pub(crate) off_by: Option<f64>,
    /// Where a published point falls among an uncertain value's draws,
    /// as a percentile.
    pub(crate) rank: Option<f64>,
    pub(crate) ok: bool,
}

impl Checked {
    /// How the computed value stands against the published one, in a few
    /// words: `off by +12.5%` (`decimals` after the point), `at p58`,
    /// `outside the range`, or, against a published 0, `not 0`.
    pub(crate) fn off_text(&self, decimals: usize) -> String {
        match (self.off_by, self.rank, self.high) {
            (Some(off), _, _) => format!("off by {:+.*}%", decimals, off * 100.0),
            (None, Some(rank), _) => format!("at p{}", percentile_text(rank)),
            (None, None, Some(_)) if self.ok => String::new(),
            (None, None, Some(_)) => "outside the range".into(),
            (None, None, None) => "not 0".into(),
        }
    }

    /// Reproduced within tolerance, but more than 1% from the published
    /// figure: worth saying by how much.
    pub(crate) fn off_more_than_a_percent(&self) -> bool {
        // As shown, to a tenth of a percent: +1.01% is not said as +1.0%
        // "off by more than 1%".
        self.ok
            && self
                .off_by
                .is_some_and(|off| (off.abs() * 1000.0).round() > 10.0)
    }

    /// How far from the published figure, to a tenth of a percent: `+1.4%`.
    pub(crate) fn off_percent(&self) -> String {
        self.off_by
            .map_or(String::new(), |off| format!("{:+.1}%", off * 100.0))
    }

    /// Why a figure was not reproduced, for `bote check`.
    pub(crate) fn why(&self, tolerance: f64) -> String {
        match (self.off_by, self.rank, self.high) {
            (Some(_), _, _) => format!("{}, tolerance {:.0}%", self.off_text(1), tolerance * 100.0),
            (None, Some(rank), _) => format!(
                "the published figure lies at p{} of the draws, outside the 90% range p5 to p95",
                percentile_text(rank)
            ),
            (None, None, Some(_)) => {
                "the computed value (its 90% range, when uncertain) is outside the published range"
                    .into()
            }
            (None, None, None) => "only an exact 0 matches a published 0".into(),
        }
    }
}

/// A percentile as a whole number, never rounded onto 0 or 100 (which
/// would say "below every draw" when it is not).
fn percentile_text(p: f64) -> String {
    match p.round() {
        r if r < 1.0 && p > 0.0 => "<1".into(),
        r if r >= 100.0 && p < 100.0 => ">99".into(),
        r => format!("{r:.0}"),
    }
}

/// An evaluated estimate: rows in file order.
#[derive(Clone, Debug)]
pub struct Evaluated {
    /// The estimate that was evaluated.
    pub estimate: Estimate,
    /// One row per quantity, in file order.
    pub rows: Vec<Row>,
    /// The reference numbers and prices the estimate used, in order of use.
    pub(crate) used: Vec<Used>,
    /// The items in the order they were computed: each after what it uses.
    pub(crate) order: Vec<usize>,
}

/// A sheet's entry an estimate used, with its value as shown.
#[derive(Clone, Debug)]
pub(crate) struct Used {
    /// As written in the estimate: `ref.nic_25g`.
    pub(crate) name: String,
    pub(crate) kind: sheets::Kind,
    pub(crate) entry: sheets::Entry,
    /// The value as shown: `25 Gbit/s`, `250 to 500 µs`.
    pub(crate) text: String,
    /// Its value, or an uncertain one's median.
    pub(crate) quantity: Quantity,
    /// The volume a price holds for, when its entry says.
    pub(crate) tier: Option<tiers::Tier>,
    /// An uncertain entry's draws (`ref.redis_ops`, 80k to 140k /s): the
    /// very draws the estimate computed with, for `--why`.
    pub(crate) draws: Option<crate::quantity::sample::Draws>,
}

/// A price read longer ago than this is called stale by `bote check`.
pub(crate) const STALE_AFTER_DAYS: i64 = 365;

impl Evaluated {
    /// A warning for each price the estimate used that was read more than
    /// a year before `today` (days since 1970): prices change.
    pub(crate) fn stale_prices(&self, today: i64) -> Vec<String> {
        self.used
            .iter()
            .filter(|u| u.kind == sheets::Kind::Prices)
            .filter_map(|u| {
                let date = u.entry.date.as_deref()?;
                let age = today - sheets::days_from(date)?;
                (age > STALE_AFTER_DAYS).then(|| {
                    format!(
                        "`{}` was read {date}, {} days ago: prices change; check it (`bote prices`) or give a newer one under `prices:`",
                        u.name, age
                    )
                })
            })
            .collect()
    }

    /// Each row's derivation with the values substituted, as said out loud:
    /// `read_qps = write_qps * read_ratio = 38.05 /s * 100 = 3,805 /s`.
    /// Built on request: most reports never show it.
    pub(crate) fn explanations(&self) -> Vec<String> {
        let explainer = self.explainer();
        self.rows.iter().map(|row| explainer.explain(row)).collect()
    }

    /// What says each row's derivation, one row at a time, for a report
    /// that writes each as it goes: all of them at once are as large as
    /// the file (some 40 MB at the largest file bote accepts).
    pub(crate) fn explainer(&self) -> Explainer<'_> {
        let by_name = self
            .rows
            .iter()
            .map(|r| (self.estimate.items[r.item].name.as_str(), r))
            .collect();
        Explainer { ev: self, by_name }
    }

    /// How many quantities carry a published figure.
    pub fn expectations(&self) -> usize {
        self.rows.iter().filter(|r| r.expect.is_some()).count()
    }

    /// How many published figures are reproduced within tolerance but
    /// more than 1% away.
    pub(crate) fn off_by_more_than_a_percent(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| {
                r.expect
                    .as_ref()
                    .is_some_and(|c| c.off_more_than_a_percent())
            })
            .count()
    }

    /// The rows whose published figure the computed value misses.
    pub fn failed_expectations(&self) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(|r| r.expect.as_ref().is_some_and(|c| !c.ok))
    }
}

/// Rows' derivations, one at a time: [`Evaluated::explainer`].
pub(crate) struct Explainer<'e> {
    ev: &'e Evaluated,
    by_name: FxHashMap<&'e str, &'e Row>,
}

impl Explainer<'_> {
    /// `row`'s derivation, as [`Evaluated::explanations`] says it.
    pub(crate) fn explain(&self, row: &Row) -> String {
        let item = &self.ev.estimate.items[row.item];
        let written = item.stmt.expr_string();
        // An uncertain name stands in as its 90% range.
        // As are reference numbers and prices, as their sheet says.
        let substituted = item.stmt.display_with(&|name: &str| {
            self.by_name
                .get(name)
                .map(|r| match &r.range {
                    Some(range) => format!("({})", range.text),
                    None => r.shown.text.clone(),
                })
                .or_else(|| {
                    let u = self.ev.used.iter().find(|u| u.name == name)?;
                    Some(if u.draws.is_some() || u.text.contains(" to ") {
                        format!("({})", u.text)
                    } else {
                        u.text.clone()
                    })
                })
        });
        let mut out = format!("{} = {written}", item.name);
        if substituted != written {
            out.push_str(" = ");
            out.push_str(&substituted);
        }
        if let (Some(cap), Some(sizing)) = (&item.capacity, &row.sizing) {
            out.push_str(" = ");
            out.push_str(&cap.arithmetic(
                &sizing.ratios,
                sizing.utilisation,
                sizing.count,
                sizing.draw_at,
            ));
            out.push_str(" = ");
            out.push_str(&row.shown.text);
            if let (Some(range), Some(_)) = (&row.range, row.size_at) {
                let median = capacity::plain(range.spread.p50, 3);
                let _ = write!(out, " (median {median}; 90% range {})", range.text);
            }
            return out;
        }
        if row.shown.text != written && row.shown.text != substituted {
            out.push_str(" = ");
            out.push_str(&row.shown.text);
        }
        if let Some(range) = &row.range {
            out.push_str(" (median; 90% range ");
            out.push_str(&range.text);
            out.push(')');
        }
        out
    }
}

/// An error in an estimate file, ready to render.
pub type LoadError = Box<Diagnostic>;

fn error_at(est_origin: &str, src: &str, span: Span, message: impl Into<String>) -> LoadError {
    Box::new(Diagnostic::new(message, est_origin, src, span))
}

/// An expression error placed in its file: inside the expression when its text
/// starts at `offset` in `src`, else at the whole value `at`, quoting the expression.
fn placed(
    e: &ExprError,
    origin: &str,
    src: &str,
    offset: Option<usize>,
    at: Span,
    text: &str,
) -> Diagnostic {
    match offset {
        Some(offset) => {
            let mut d = e.diagnostic(origin, src);
            d.span = e.span.shift(offset);
            d
        }
        None => {
            let mut d = Diagnostic::new(e.to_string(), origin, src, at);
            d.label = e.label();
            d.with_note(format!("in the expression `{text}`"))
        }
    }
}

trait TapNote {
    fn tap_note(self, note: impl Into<String>) -> Self;
}

impl TapNote for LoadError {
    fn tap_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

impl Estimate {
    /// [`Estimate::item_error`] for an error in a capacity verdict's
    /// utilisation (`in_utilisation`) or in the item's expression.
    fn name_error(&self, item: &Item, in_utilisation: bool, e: &ExprError) -> LoadError {
        match &item.capacity {
            Some(cap) if in_utilisation => {
                let d = placed(
                    e,
                    &self.origin,
                    &self.source_text,
                    cap.utilisation_offset,
                    cap.utilisation_at,
                    &cap.utilisation.text,
                );
                Box::new(d.with_note(format!("while computing `{}`", item.name)))
            }
            _ => self.item_error(item, e),
        }
    }

    /// A quantity error over `item`'s whole expression, as an error in the file.
    fn quantity_error(&self, item: &Item, error: crate::quantity::QuantityError) -> LoadError {
        let kind = crate::lang::error::ExprErrorKind::Quantity { error, hint: None };
        self.item_error(item, &ExprError::new(kind, item.stmt.span()))
    }

    fn item_error(&self, item: &Item, e: &ExprError) -> LoadError {
        let d = match item.expr_offset {
            None if item.overridden => {
                e.diagnostic(&format!("--set {}", item.name), item.expr_text())
            }
            offset => placed(
                e,
                &self.origin,
                &self.source_text,
                offset,
                item.expr_at,
                item.expr_text(),
            ),
        };
        let mut d = d.with_note(format!("while computing `{}`", item.name));
        // An error downstream of a `--set` may come from the value set.
        if !item.overridden {
            for set in self.items.iter().filter(|i| i.overridden) {
                d = d.with_note(match (&self.scenario, set.from_scenario) {
                    (Some(s), true) => format!(
                        "`{}` is set by scenario `{s}`: {}: {}",
                        set.name,
                        set.name,
                        set.expr_text()
                    ),
                    _ => format!(
                        "`{}` is set on the command line: --set {}={}",
                        set.name,
                        set.name,
                        set.expr_text()
                    ),
                });
            }
        }
        Box::new(d)
    }
}

#[cfg(test)]
mod schema_tests {
    //! The JSON Schema of estimate files (generated from `format.rs`,
    //! printed by `bote schema`) takes what the loader takes.
    use super::*;
    use crate::yaml::{self, Node, Value};

    fn schema() -> serde_json::Value {
        serde_json::from_str(&crate::format::schema()).unwrap()
    }

    /// A YAML tree as the JSON an editor's YAML server sees: scalars that
    /// read as numbers are numbers, the rest text.
    fn json(node: &Node<'_>) -> serde_json::Value {
        match &node.value {
            Value::Text(t) => t
                .parse::<i64>()
                .map(serde_json::Value::from)
                .or_else(|_| t.parse::<f64>().map(serde_json::Value::from))
                .unwrap_or_else(|_| serde_json::Value::from(t.as_ref())),
            Value::Bool => serde_json::Value::Bool(true),
            Value::Null => serde_json::Value::Null,
            Value::Map(entries) => entries
                .iter()
                .map(|(k, v)| (k.text().unwrap_or("").to_string(), json(v)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
            Value::Seq(items) => items.iter().map(json).collect(),
        }
    }

    #[test]
    fn every_preset_and_example_validates() {
        let validator = jsonschema::draft7::new(&schema()).unwrap();
        let examples = [
            "examples/xu-twitter-qps-storage.yaml",
            "examples/grokking-instagram-storage.yaml",
            "examples/handbook-pastebin.yaml",
            "examples/playbook-messenger.yaml",
        ];
        let mut texts: Vec<(String, String)> = presets::PRESETS
            .iter()
            .map(|(n, t)| ((*n).to_string(), (*t).to_string()))
            .collect();
        for path in examples {
            let full = concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + path;
            texts.push((path.to_string(), std::fs::read_to_string(full).unwrap()));
        }
        for (name, text) in &texts {
            let tree = json(&yaml::parse(text).unwrap());
            let errors: Vec<String> = validator
                .iter_errors(&tree)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
        }
    }

    /// An editor reads `{ value: 12,500 QPS }` as a key `500 QPS` with no
    /// value; bote joins it back, so the schema lets it be.
    #[test]
    fn the_schema_lets_a_cut_digit_group_be() {
        let validator = jsonschema::draft7::new(&schema()).unwrap();
        let tree = serde_json::json!({
            "title": "t",
            "assumptions": { "a": { "value": 12, "500 QPS": null, "note": "one", "two": null } }
        });
        assert!(validator.is_valid(&tree));
        let misspelt = serde_json::json!({
            "title": "t",
            "assumptions": { "a": { "value": 12, "uint": "MB" } }
        });
        assert!(!validator.is_valid(&misspelt));
    }

    /// And the schema refuses what the loader refuses: a misspelt key.
    #[test]
    fn the_schema_refuses_an_unknown_key() {
        let validator = jsonschema::draft7::new(&schema()).unwrap();
        let text = "title: t\nassumptions:\n  a: { value: 1, uint: MB }\n";
        let tree = json(&yaml::parse(text).unwrap());
        assert!(!validator.is_valid(&tree));
    }
}

#[cfg(test)]
mod format_tests {
    //! Every key `format.rs` declares is one the loaders read: a key
    //! declared but not handled would be taken for a section, or refused.
    use crate::format::{KEYS, Place};

    fn field(name: &str) -> &'static str {
        match name {
            "counts" => "[user]",
            "summary" => "[b]",
            "calendar" => "{ month: 30 days, year: 360 days }",
            "references" | "prices" => "{ own: { value: 1 GB, what: w, source: s, date: 2026 } }",
            "seed" | "spares" => "1",
            "samples" => "100",
            "zones" => "2",
            "percentile" => "75",
            "utilisation" => "50%",
            "scenarios" => "{ s: { a: 3 GB } }",
            "tolerance" => "5%",
            "unit" => "GB",
            "expr" | "expect" | "load" => "2 GB",
            "per_box" => "1 GB",
            "service" | "wait_p99" => "50 ms",
            "value" | "point" => "2 GB",
            _ => "text",
        }
    }

    #[test]
    fn every_declared_estimate_key_loads() {
        let keys = |place: Place, skip: &[&str]| -> String {
            KEYS.iter()
                .filter(|k| k.place == place && !skip.contains(&k.name))
                .map(|k| format!("{}: {}", k.name, field(k.name)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let top: String = KEYS
            .iter()
            .filter(|k| k.place == Place::Top && k.name != "assumptions")
            .map(|k| format!("{}: {}\n", k.name, field(k.name)))
            .collect();
        // A verdict sized by a wait has `service` in place of `per_box`.
        let text = format!(
            "{top}assumptions:\n  a: {{ {} }}\nqps:\n  b: {{ {} }}\ncapacity:\n  c: {{ {} }}\n  w: {{ {} }}\n",
            keys(Place::Assumption, &[]),
            keys(Place::Derived, &[]),
            keys(Place::Capacity, &["service", "wait_p99"]),
            keys(Place::Capacity, &["per_box"]),
        );
        let est = super::load("every key", &text).unwrap_or_else(|e| panic!("{text}\n{e:?}"));
        assert_eq!(est.sections, ["qps", "capacity"], "{text}");
        assert_eq!(est.items.len(), 4);
    }

    #[test]
    fn every_declared_sheet_key_reads() {
        let entry: Vec<String> = KEYS
            .iter()
            .filter(|k| k.place == Place::Entry)
            .map(|k| match k.name {
                "kind" => "kind: measured".to_string(),
                "date" => "date: 2026-01-02".to_string(),
                n => format!("{n}: {}", field(n)),
            })
            .collect();
        let top: String = KEYS
            .iter()
            .filter(|k| k.place == Place::Sheet && k.name != "entries")
            .map(|k| match k.name {
                "date" => "date: 2026-01-02\n".to_string(),
                n => format!("{n}: text\n"),
            })
            .collect();
        let text = format!("{top}entries:\n  e: {{ {} }}\n", entry.join(", "));
        let sheet = crate::sheets::read("sheet", &text, "test").unwrap();
        assert_eq!(sheet.entries.len(), 1);
        assert_eq!(sheet.entries[0].kind.as_deref(), Some("measured"));
    }
}
