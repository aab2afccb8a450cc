//! The check of a computed figure against the one its source published.

use super::*;
use crate::diagnostic::Diagnostic;
use crate::lang::env::Env;
use crate::lang::error::ExprError;
use crate::lang::eval;
use crate::quantity::sample::Value;
use crate::quantity::{Quantity, QuantityError};
use crate::units::display::{self, DisplayUnit, ShownRange};

impl Estimate {
    /// Check the computed value `got` (its median, with its spread when
    /// uncertain) against the published figure `x`. A published point
    /// matches an exact value within the tolerance and an uncertain one
    /// when it lies inside the 90% range; a published range (`1 to 5 TB`)
    /// matches a value inside it, or a 90% range that overlaps it.
    pub(super) fn check(
        &self,
        item: &Item,
        x: &Expect,
        got: (Quantity, Option<&ShownRange>),
        unit: Option<&DisplayUnit>,
        env: &Env,
    ) -> Result<Checked, LoadError> {
        let (got, spread) = got;
        let fail = |e: &ExprError| {
            let mut d = Diagnostic::new(
                format!("in `expect` of `{}`: {e}", item.name),
                &self.origin,
                &self.source_text,
                x.span,
            );
            d.label = e.label();
            Box::new(d)
        };
        let plain = Env::new(env.calendar);
        let (expected, high) = match eval::range_ends(&x.stmt, &plain) {
            Some(ends) => {
                let (lo, hi) = ends.map_err(|e| fail(&e))?;
                (lo, Some(hi))
            }
            None => match eval::eval_statement(&x.stmt, &plain, "").map_err(|e| fail(&e))? {
                Value::Exact(q) => (q, None),
                Value::Draws(_) => {
                    let e = ExprError::new(
                        crate::lang::error::ExprErrorKind::Quantity {
                            error: QuantityError::BadRange(
                                "a published figure is a number or a range `LOW to HIGH`, \
                                 not a distribution"
                                    .into(),
                            ),
                            hint: None,
                        },
                        x.stmt.span(),
                    );
                    return Err(fail(&e));
                }
            },
        };
        // A published 0 is zero of whatever the quantity measures.
        let expected = if expected.si_value() == 0.0 && expected.dim().is_none() {
            Quantity::new(0.0, got.dim()).unwrap_or(expected)
        } else {
            expected
        };
        // Written in the row's unit, as a book prints a figure beside its
        // heading: `expect: ~23K` under `unit: QPS`, `expect: 150 TB` under
        // `unit: TB per day`.
        let (expected, high) = match in_row_unit(item, expected, got, env) {
            Some(per) => (
                expected.checked_mul(per).unwrap_or(expected),
                high.map(|h| h.checked_mul(per).unwrap_or(h)),
            ),
            None => (expected, high),
        };
        // A published count or rate (`2.5 billion`, `30K /s`) may leave
        // out what is counted, as a `unit:` may.
        if !got.dim().converts_to(expected.dim()) {
            let message = format!(
                "`{}` is {} but its `expect` is {}",
                item.name,
                got.dim(),
                expected.dim()
            );
            let d = Diagnostic::new(message, &self.origin, &self.source_text, x.span);
            // Counted in another count: the published figure is written wrong.
            let counted = expected.dim().count_gap(got.dim()).map(|_| {
                let same = Quantity::new(expected.si_value(), got.dim()).unwrap_or(got);
                format!(
                    "write the published figure in the quantity's units, as `{}`",
                    display::show(same, None, env.calendar).text
                )
            });
            return Err(Box::new(match counted {
                Some(h) => d.with_note(h),
                None => d,
            }));
        }
        let unit = unit.cloned().or_else(|| {
            x.stmt
                .target
                .as_ref()
                .and_then(|t| eval::display_unit(t, got, env.calendar).ok())
        });
        let mut shown = display::show(expected, unit.clone(), env.calendar);
        let mut high_value = None;
        if let Some(hi) = high {
            let unit = unit.unwrap_or_else(|| display::auto_unit(hi, env.calendar));
            let hi = display::show(hi, Some(unit.clone()), env.calendar);
            shown = display::show(expected, Some(unit), env.calendar);
            shown.text = display::range_text(&shown, &hi);
            high_value = Some(hi.value);
        }
        // `~3500 /s`: approximately, as the source printed it. It is
        // checked within the same tolerance as any published figure.
        if x.stmt.approximate {
            shown.text.insert(0, '~');
        }
        let (e, g) = (expected.si_value(), got.si_value());
        let mut checked = Checked {
            shown,
            quantity: expected,
            high,
            high_value,
            off_by: None,
            rank: None,
            ok: false,
        };
        match (spread, high) {
            (None, None) => {
                checked.off_by = (e != 0.0).then(|| (g - e) / e.abs());
                checked.ok = match checked.off_by {
                    Some(off) => off.abs() <= x.tolerance + 1e-12,
                    None => g == 0.0,
                };
            }
            (None, Some(hi)) => checked.ok = e <= g && g <= hi.si_value(),
            // The published figure is rounded, so the 90% range is widened
            // by the tolerance at each end.
            (Some(r), None) => {
                checked.rank = Some(r.draws.rank_of(e));
                let (lo, hi) = widened(r.spread.p5, r.spread.p95, x.tolerance);
                checked.ok = lo <= e && e <= hi;
            }
            (Some(r), Some(hi)) => {
                let (lo, top) = widened(r.spread.p5, r.spread.p95, x.tolerance);
                checked.ok = lo <= hi.si_value() && e <= top;
            }
        }
        Ok(checked)
    }
}

/// What to multiply a published figure by to read it in the row's `unit:`
/// when it is written without it: one of the unit for a plain number
/// (`~23K` of QPS), the unit's per-time for a figure without it (`150 TB`
/// of TB per day). `None` when the figure already has the value's
/// dimension, or neither reading gives it.
fn in_row_unit(item: &Item, expected: Quantity, got: Quantity, env: &Env) -> Option<Quantity> {
    let target = item.unit.as_ref()?;
    if got.dim().converts_to(expected.dim()) || target.percent {
        return None;
    }
    let fits = |per: Quantity| {
        expected
            .checked_mul(per)
            .is_ok_and(|q| got.dim().converts_to(q.dim()))
    };
    if expected.dim().is_none() {
        let one = eval::target_size(target, env.calendar).ok()?;
        return fits(one).then_some(one);
    }
    // The unit's divisors that are times: `/day` of `TB per day`.
    let mut per = Quantity::ONE;
    for &(unit, power) in target.factors.iter().filter(|(_, p)| *p < 0) {
        let size = eval::unit_size(unit, env.calendar).ok()?;
        if size.dim() == crate::quantity::dimension::Dimension::TIME {
            for _ in 0..power.unsigned_abs() {
                per = per.checked_div(size).ok()?;
            }
        }
    }
    (per != Quantity::ONE && fits(per)).then_some(per)
}

/// `lo` to `hi` widened by the fraction `tolerance` at each end.
fn widened(lo: f64, hi: f64, tolerance: f64) -> (f64, f64) {
    let t = tolerance + 1e-12;
    (lo - lo.abs() * t, hi + hi.abs() * t)
}

#[cfg(test)]
mod tests {
    /// The check of quantity `b` (computed as `expr`) against `expect`.
    fn check(expr: &str, expect: &str) -> Result<(bool, Option<f64>), String> {
        let text = format!(
            "title: t\nassumptions:\n  a: 100\nq:\n  b: {{ expr: \"{expr}\", expect: \"{expect}\", tolerance: 5% }}\n"
        );
        let ev = super::super::load("t.yaml", &text)
            .and_then(|e| e.evaluate())
            .map_err(|d| d.list[0].message.clone())?;
        let c = ev.rows[1].expect.as_ref().unwrap();
        Ok((c.ok, c.off_by))
    }

    #[test]
    fn within_and_outside_the_tolerance() {
        assert_eq!(check("a", "100").unwrap(), (true, Some(0.0)));
        let (ok, off) = check("a", "104").unwrap();
        assert!(ok && (off.unwrap() + 0.04 / 1.04).abs() < 1e-12);
        let (ok, off) = check("a", "90").unwrap();
        assert!(!ok && (off.unwrap() - 10.0 / 90.0).abs() < 1e-12);
        // The figure is converted before it is compared: 2 kB is 2000 B.
        assert_eq!(check("a * 20 B", "2 kB").unwrap(), (true, Some(0.0)));
    }

    #[test]
    fn a_published_zero() {
        assert_eq!(check("a - a", "0").unwrap(), (true, None));
        assert_eq!(check("a", "0").unwrap(), (false, None));
        // Zero of any dimension.
        assert_eq!(check("(a - a) * 1 MB", "0").unwrap(), (true, None));
    }

    #[test]
    fn another_dimension_is_an_error() {
        assert_eq!(
            check("a / 1 s", "5 MB").unwrap_err(),
            "`b` is rate (/s) but its `expect` is data (B)"
        );
    }
}
