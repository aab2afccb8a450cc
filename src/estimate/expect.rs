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
        let shown = display::show(expected, unit, env.calendar);
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
