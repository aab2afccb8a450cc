//! Doubts about a computed figure, said beside it: prices used beyond
//! their tier, and a day converted by hand.
//!
//! Prices used beyond their tier. A price sheet's entry may say the volume
//! it holds for (`s3_standard: { value: $0.023 / GB / month, up_to: 50 TB }`).
//! When a quantity is proportional to that price (`total_storage *
//! price.s3_standard`), the volume it prices is the quantity over the
//! price; one outside the tier is said in the report and by `bote check`,
//! with the entry of the same sheet whose tier holds it, when there is one.

use super::{Evaluated, Used};
use crate::lang::env::Env;
use crate::quantity::Quantity;
use crate::quantity::dimension::Dimension;
use crate::sheets::Entry;
use crate::units::display::{self, DisplayUnit};

/// A tier's bounds, read from an entry's `over` and `up_to`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Tier {
    pub(crate) over: Option<Quantity>,
    pub(crate) up_to: Option<Quantity>,
    /// The unit the bounds are written in (`TB/month`), to show a volume in.
    unit: Option<DisplayUnit>,
}

impl Tier {
    /// The bounds of `entry`, none when it has neither; the error says
    /// which bound does not read, and why.
    pub(crate) fn of(entry: &Entry, env: &Env) -> Result<Option<Tier>, String> {
        // Most entries have no tier: then there is nothing to read, and the
        // price itself (perhaps a range of 10,000 draws) is not evaluated again.
        if entry.over.is_none() && entry.up_to.is_none() {
            return Ok(None);
        }
        let mut unit = None;
        let mut bound = |key: &str, text: &Option<String>| -> Result<Option<Quantity>, String> {
            let Some(text) = text else { return Ok(None) };
            let answer = crate::lang::evaluate(text, env)
                .map_err(|e| format!("its `{key}` ({text}) does not read: {e}"))?;
            if answer.range.is_some() {
                return Err(format!(
                    "its `{key}` ({text}) is a range; a tier's bound is one figure"
                ));
            }
            if answer.quantity.si_value() <= 0.0 {
                return Err(format!("its `{key}` ({text}) is not above 0"));
            }
            unit = Some(DisplayUnit {
                size: answer.quantity.si_value() / answer.shown.value,
                label: answer.shown.unit,
            });
            Ok(Some(answer.quantity))
        };
        let over = bound("over", &entry.over)?;
        let up_to = bound("up_to", &entry.up_to)?;
        let tier = Tier { over, up_to, unit };
        if let (Some(lo), Some(hi)) = (tier.over, tier.up_to) {
            if lo.dim() != hi.dim() {
                return Err(format!(
                    "its `over` ({}) and `up_to` ({}) measure different things",
                    entry.over.as_deref().unwrap_or(""),
                    entry.up_to.as_deref().unwrap_or("")
                ));
            }
            if lo.si_value() >= hi.si_value() {
                return Err(format!(
                    "its `over` ({}) is not below its `up_to` ({})",
                    entry.over.as_deref().unwrap_or(""),
                    entry.up_to.as_deref().unwrap_or("")
                ));
            }
        }
        // A bound is a volume the price is paid for: the price times it is
        // money, or money a month (`50 TB` or `10 TB/month` on `$/GB`). One
        // of another kind (`5 s` on `$/GB/month`) could never be checked.
        if let Ok(price) = crate::lang::evaluate(&entry.value, env) {
            let price = price.quantity.dim().uncounted();
            for (key, text, q) in [
                ("over", &entry.over, tier.over),
                ("up_to", &entry.up_to, tier.up_to),
            ] {
                let (Some(q), Some(text)) = (q, text) else {
                    continue;
                };
                let paid = price.times(q.dim().uncounted());
                if !paid.is_some_and(|d| d == Dimension::MONEY || d == Dimension::MONEY_RATE) {
                    return Err(format!(
                        "its `{key}` ({text}) is {}, not a volume its price ({}) is paid for: \
                         the price times a bound is money, or money a month",
                        q.dim(),
                        entry.value
                    ));
                }
            }
        }
        Ok((tier.over.is_some() || tier.up_to.is_some()).then_some(tier))
    }

    /// Does the tier hold `volume`? `None` when it says nothing of its kind
    /// (a volume in bytes against a tier in bytes a month).
    fn holds(&self, volume: Quantity) -> Option<bool> {
        let bound = self.over.or(self.up_to)?;
        if bound.dim() != volume.dim() {
            return None;
        }
        let v = volume.si_value();
        Some(
            self.over.is_none_or(|lo| v >= lo.si_value())
                && self.up_to.is_none_or(|hi| v <= hi.si_value()),
        )
    }
}

impl Tier {
    /// The tier as said, in the unit its bounds are written in: `up to
    /// 50 TB`, `over 10 TB/month up to 50 TB/month`.
    fn text(&self, calendar: crate::units::Calendar) -> String {
        let show = |q: Quantity| display::show(q, self.unit.clone(), calendar).text;
        match (self.over, self.up_to) {
            (Some(lo), Some(hi)) => format!("over {} up to {}", show(lo), show(hi)),
            (Some(lo), None) => format!("over {}", show(lo)),
            (None, Some(hi)) => format!("up to {}", show(hi)),
            (None, None) => String::new(),
        }
    }
}

impl Evaluated {
    /// A warning for each quantity that prices a volume outside its
    /// price's tier: `storage_cost prices 180 TB at price.s3_standard,
    /// which holds up to 50 TB; price.s3_standard_50tb holds 180 TB`.
    pub(crate) fn beyond_tiers(&self) -> Vec<String> {
        let mut out = Vec::new();
        // No price with a tier used: no quantity to look at (a large file
        // read every one's names for nothing).
        if self.used.iter().all(|u| u.tier.is_none()) {
            return out;
        }
        let mut env = None;
        for row in &self.rows {
            let item = &self.estimate.items[row.item];
            let factors = item.stmt.factor_names();
            let mut named: Vec<&str> = item.stmt.names().map(|(n, _)| n).collect();
            named.dedup();
            for name in named {
                let Some(used) = self.used.iter().find(|u| u.name == name) else {
                    continue;
                };
                let Some(tier) = &used.tier else { continue };
                // A factor of the whole product prices the quantity over
                // the price; a price elsewhere (a term of a sum, `storage *
                // price.s3 + egress * price.out`) prices what the value
                // grows by with it.
                let volume = if factors.contains(&name) {
                    row.quantity.checked_div(used.quantity).ok()
                } else {
                    let env = env.get_or_insert_with(|| self.medians());
                    priced_by(env, item.expr_text(), name, used.quantity)
                };
                let Some(volume) = volume else {
                    continue;
                };
                if tier.holds(volume) != Some(false) {
                    continue;
                }
                let unit = tier.unit.clone();
                let shown = display::show(volume, unit, self.estimate.calendar).text;
                let mut line = format!(
                    "`{}` prices {shown} at `{name}`, which holds {}",
                    item.name,
                    tier.text(self.estimate.calendar)
                );
                if let Some(better) = self.tier_holding(used, volume) {
                    line.push_str(&format!("; `{better}` holds {shown}"));
                }
                out.push(line);
            }
        }
        out
    }

    /// Every quantity at its figure (an uncertain one's median) and every
    /// sheet entry used, by name, for [`priced_by`].
    fn medians(&self) -> Env<'static> {
        let point = crate::quantity::sample::Sampling {
            point: true,
            ..self.estimate.sampling()
        };
        let mut env = Env::new(self.estimate.calendar)
            .sampling(point)
            .with_counts(self.estimate.counts.clone());
        for row in &self.rows {
            let name = self.estimate.items[row.item].name.clone();
            env.set(name, crate::quantity::sample::Value::Exact(row.quantity));
        }
        for used in &self.used {
            env.set(
                used.name.clone(),
                crate::quantity::sample::Value::Exact(used.quantity),
            );
        }
        env
    }

    /// A warning for each quantity that divides a figure with units by a
    /// plain number of seconds or minutes (`daily_reads / 86400`): a day
    /// converted by hand, which bote then converts again.
    pub(crate) fn by_hand(&self) -> Vec<String> {
        self.rows
            .iter()
            .filter_map(|row| {
                let item = &self.estimate.items[row.item];
                crate::lang::hand_conversion(&item.stmt, row.quantity.dim())
                    .map(|w| format!("`{}`: {w}", item.name))
            })
            .collect()
    }

    /// Another entry of the same sheet, priced in the same units, whose
    /// tier holds `volume`.
    fn tier_holding(&self, used: &Used, volume: Quantity) -> Option<String> {
        let env = Env::new(self.estimate.calendar);
        let prefix = used.kind.prefix();
        self.estimate
            .sheets
            .entries(used.kind)
            .into_iter()
            .filter(|e| e.name != used.entry.name)
            .find(|e| {
                let Ok(Some(tier)) = Tier::of(e, &env) else {
                    return false;
                };
                let same_units = crate::lang::evaluate(&e.value, &env)
                    .is_ok_and(|a| a.quantity.dim() == used.quantity.dim());
                same_units && tier.holds(volume) == Some(true)
            })
            .map(|e| format!("{prefix}.{}", e.name))
    }
}

/// The volume `expr` prices at `price` (named `name`, its figure in
/// `env`): how much the value grows for each unit of the price, when it
/// grows in proportion (`a * price + b`); `None` when the price is not
/// one a volume is paid at there (divided by, squared, subtracted).
fn priced_by(env: &mut Env<'static>, expr: &str, name: &str, price: Quantity) -> Option<Quantity> {
    let mut at = |k: f64| {
        let scaled = Quantity::new(price.si_value() * k, price.dim()).ok()?;
        env.set(
            name.to_string(),
            crate::quantity::sample::Value::Exact(scaled),
        );
        crate::lang::evaluate(expr, env).ok().map(|a| a.quantity)
    };
    let (one, two, three) = (at(1.0)?, at(2.0)?, at(3.0)?);
    env.set(
        name.to_string(),
        crate::quantity::sample::Value::Exact(price),
    );
    let step = two.checked_sub(one).ok()?;
    let next = three.checked_sub(two).ok()?;
    let (a, b) = (step.si_value(), next.si_value());
    if !(a > 0.0 && (a - b).abs() <= 1e-9 * a) {
        return None;
    }
    step.checked_div(price).ok()
}
