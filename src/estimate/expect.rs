//! The check of a computed figure against the one its source published.

use super::*;
use crate::diagnostic::Diagnostic;
use crate::lang::eval::{self, Env};
use crate::quantity::Quantity;
use crate::units::display::{self, DisplayUnit};

impl Estimate {
    pub(super) fn check(
        &self,
        item: &Item,
        x: &Expect,
        got: Quantity,
        unit: Option<&DisplayUnit>,
        env: &Env,
    ) -> Result<Checked, LoadError> {
        let expected = eval::eval_statement(&x.stmt, &Env::new(env.calendar)).map_err(|e| {
            let mut d = Diagnostic::new(
                format!("in `expect` of `{}`: {e}", item.name),
                &self.origin,
                &self.source_text,
                x.span,
            );
            d.label = e.label();
            Box::new(d)
        })?;
        // A published 0 is zero of whatever the quantity measures.
        let expected = if expected.si_value() == 0.0 && expected.dim().is_none() {
            Quantity::new(0.0, got.dim()).unwrap_or(expected)
        } else {
            expected
        };
        if expected.dim() != got.dim() {
            let message = format!(
                "`{}` is {} but its `expect` is {}",
                item.name,
                got.dim(),
                expected.dim()
            );
            return Err(Box::new(Diagnostic::new(
                message,
                &self.origin,
                &self.source_text,
                x.span,
            )));
        }
        let unit = unit.cloned().or_else(|| {
            x.stmt
                .target
                .as_ref()
                .and_then(|t| eval::display_unit(t, env.calendar).ok())
        });
        let mut shown = display::show(expected, unit, env.calendar);
        // `~3500 /s`: approximately, as the source printed it. It is
        // checked within the same tolerance as any published figure.
        if x.stmt.approximate {
            shown.text.insert(0, '~');
        }
        let (e, g) = (expected.si_value(), got.si_value());
        let off_by = (e != 0.0).then(|| (g - e) / e.abs());
        let ok = match off_by {
            Some(off) => off.abs() <= x.tolerance + 1e-12,
            None => g == 0.0,
        };
        Ok(Checked {
            shown,
            quantity: expected,
            off_by,
            ok,
        })
    }
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
            .map_err(|d| d.message.clone())?;
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
