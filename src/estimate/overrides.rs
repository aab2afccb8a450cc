//! `--set NAME=EXPR`: replacing an assumption before evaluation.

use super::*;
use crate::diagnostic::Diagnostic;
use crate::lang::parser;
use crate::span::Span;

impl Estimate {
    /// Draw ranges as `sampling` says (the command line's `--seed`,
    /// `--samples` and `--point` over the file's `seed:` and `samples:`).
    pub fn set_sampling(&mut self, sampling: Sampling) {
        self.sampling = sampling;
    }

    /// How ranges are drawn: the file's `seed:` and `samples:`, or the defaults.
    pub fn sampling(&self) -> Sampling {
        self.sampling
    }

    /// Read `ref.NAME` (or `price.NAME`) from `sheet` before the built-in
    /// sheet, as `--references FILE` and `--prices FILE` do; the file's own
    /// `references:` and `prices:` still come first.
    pub(crate) fn add_sheet(&mut self, kind: sheets::Kind, sheet: sheets::Sheet) {
        self.sheets.files.push((kind, sheet));
    }

    /// Replace an assumption's expression, as `--set name=EXPR` does.
    pub fn set(&mut self, name: &str, expr: &str) -> Result<(), LoadError> {
        self.set_from(name, expr, &format!("--set {name}"))
    }

    /// [`Estimate::set`], with errors said to come from `origin`
    /// (`--set dau`, or `scenario \`viral\`: dau`).
    pub(crate) fn set_from(
        &mut self,
        name: &str,
        expr: &str,
        origin: &str,
    ) -> Result<(), LoadError> {
        let origin = origin.to_string();
        let Some(item) = self.items.iter_mut().find(|i| i.name == name) else {
            let names = self
                .items
                .iter()
                .filter(|i| i.place == Place::Assumption)
                .map(|i| i.name.as_str());
            let hint = crate::suggest::closest(name, names);
            let mut d = Diagnostic::new(
                format!("`{name}` is not an assumption of `{}`", self.title),
                "",
                name,
                Span::new(0, name.len()),
            );
            d.label = crate::suggest::label(&hint).unwrap_or_else(|| "not found".into());
            let all: Vec<&str> = self
                .items
                .iter()
                .filter(|i| i.place == Place::Assumption)
                .map(|i| i.name.as_str())
                .collect();
            return Err(Box::new(
                d.with_note(format!("assumptions: {}", all.join(", "))),
            ));
        };
        if item.place != Place::Assumption {
            let d = Diagnostic::new(
                format!("`{name}` is derived from other quantities; only assumptions can be set"),
                "",
                name,
                Span::new(0, name.len()),
            );
            return Err(Box::new(
                d.with_note(format!("it is computed as `{}`", item.expr_text())),
            ));
        }
        let stmt =
            parser::parse(expr, &self.counts).map_err(|e| Box::new(e.diagnostic(&origin, expr)))?;
        if !item.overridden {
            check_replacement(item, expr, &origin, self.calendar, &self.counts)?;
        }
        // `--set read_ratio=1000` where the file says `100 redirects/url`
        // means 1000 of the same: a figure the file wrote with counts
        // (and no names) lends them to a replacement written without. A
        // second `--set` of the same name still reads the file's figure.
        if !item.overridden {
            let point = Sampling {
                point: true,
                ..self.sampling
            };
            let env = crate::lang::env::Env::new(self.calendar)
                .sampling(point)
                .with_counts(self.counts.clone());
            item.counts_from_file = crate::lang::evaluate(item.expr_text(), &env)
                .ok()
                .map(|a| a.quantity.dim())
                .filter(|d| d.has_counts());
        }
        item.unit = stmt.target.clone();
        item.stmt = stmt;
        // The source's point was for the figure the file wrote.
        item.point = None;
        item.expr_offset = None;
        item.overridden = true;
        Ok(())
    }
}

/// A replacement that names no other quantity is checked against the
/// file's own figure here, so the error points at the `--set`, not at
/// the file's line that uses it: it must measure what the file's figure
/// measures (counts aside: `--set read_ratio=1000` lends the file's), and
/// where the file's figure is a range above zero in every draw (`LOW to
/// HIGH`, lognormal, always is), it must be above zero too.
fn check_replacement(
    item: &Item,
    expr: &str,
    origin: &str,
    calendar: crate::units::Calendar,
    counts: &crate::quantity::count::Counts,
) -> Result<(), LoadError> {
    let env = crate::lang::env::Env::new(calendar).with_counts(counts.clone());
    let (Ok(file), Ok(new)) = (
        crate::lang::evaluate(item.expr_text(), &env),
        crate::lang::evaluate(expr, &env),
    ) else {
        // A figure with names is checked where it is used.
        return Ok(());
    };
    let at = || Span::new(0, expr.len());
    let was = || match &file.range {
        Some(r) => r.text.clone(),
        None => file.shown.text.clone(),
    };
    let (file_dim, new_dim) = (file.quantity.dim(), new.quantity.dim());
    if file_dim.uncounted() != new_dim.uncounted() {
        let d = Diagnostic::new(
            format!(
                "{origin}: `{expr}` is {new_dim}, where the file's `{}` is {file_dim}",
                item.name
            ),
            origin,
            expr,
            at(),
        )
        .with_note(format!("the file gives `{}` as {}", item.name, was()));
        return Err(Box::new(d));
    }
    let positive = |v: &crate::quantity::sample::Value| match v {
        crate::quantity::sample::Value::Exact(q) => q.si_value() > 0.0,
        crate::quantity::sample::Value::Draws(d) => d.values().iter().all(|x| *x > 0.0),
    };
    if file.range.is_some() && positive(&file.value) && !positive(&new.value) {
        let d = Diagnostic::new(
            format!("{origin}: `{expr}` must be above zero, as the file's range for it is"),
            origin,
            expr,
            at(),
        )
        .with_note(format!(
            "the file gives `{}` as {}, a range above zero in every draw; give a figure above zero",
            item.name,
            was()
        ));
        return Err(Box::new(d));
    }
    Ok(())
}
