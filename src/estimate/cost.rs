//! A `cost` section's total: a fact of the evaluation, which every report
//! format, the side-by-side report and `bote diff` read alike.

use super::{Evaluated, Place, Row};
use crate::quantity::Quantity;
use crate::quantity::dimension::Dimension;
use crate::quantity::sample::Value;
use crate::units::display::{Shown, ShownRange, show_value};

/// A `cost` section's total: its lines summed draw by draw, so an
/// uncertain total is a distribution like any other (its figure the
/// median of the sums, not a sum of medians).
pub(crate) struct CostTotal {
    /// The total, or an uncertain one's median.
    pub(crate) quantity: Quantity,
    pub(crate) shown: Shown,
    /// An uncertain total's percentiles and 90% range.
    pub(crate) range: Option<Box<ShownRange>>,
    /// Each line's share of the total (of the mean total, when uncertain:
    /// means add up, medians do not), largest first.
    pub(crate) shares: Vec<(f64, String)>,
}

impl Evaluated {
    /// The total of section `section` when it is the `cost` section and
    /// has two lines or more, all money per time.
    pub(crate) fn cost_total(&self, section: usize) -> Option<CostTotal> {
        if self.estimate.sections.get(section).map(String::as_str) != Some("cost") {
            return None;
        }
        let rows: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| self.estimate.items[r.item].place == Place::Section(section))
            .collect();
        if rows.len() < 2
            || rows
                .iter()
                .any(|r| r.quantity.dim() != Dimension::MONEY_RATE)
        {
            return None;
        }
        let value = |r: &Row| match &r.range {
            Some(range) => Value::Draws(range.draws.clone()),
            None => Value::Exact(r.quantity),
        };
        let mut sum = value(rows[0]);
        for r in &rows[1..] {
            sum = sum
                .zip(&value(r), Quantity::checked_add, |a, b| a + b)
                .ok()?;
        }
        let (quantity, shown, range) = show_value(&sum, None, self.estimate.calendar);
        let part = |r: &Row| match &r.range {
            Some(range) => range.spread.mean,
            None => r.quantity.si_value(),
        };
        let whole: f64 = rows.iter().map(|r| part(r)).sum();
        let mut shares: Vec<(f64, String)> = rows
            .iter()
            .map(|r| (part(r) / whole, self.estimate.items[r.item].name.clone()))
            .collect();
        shares.sort_by(|a, b| b.0.total_cmp(&a.0));
        Some(CostTotal {
            quantity,
            shown,
            range,
            shares,
        })
    }
}
