//! The expression language: text to tokens (`lexer`), tokens to a tree
//! (`parser`, `ast`), and the tree to a quantity (`eval`), with the errors
//! of each stage (`error`). [`evaluate`] runs the whole way.

pub(crate) mod ast;
pub(crate) mod error;
pub(crate) mod eval;
pub(crate) mod lexer;
pub(crate) mod parser;
mod reading;

use crate::quantity::Quantity;
use crate::quantity::sample::Value;
use crate::units::display::{self, Shown, ShownRange};
use error::ExprError;
use eval::Env;

/// One evaluated expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The expression as bote read it, magnitudes and units spelled out.
    pub input: String,
    /// The value: exact, or draws of a range.
    pub value: Value,
    /// The value, or an uncertain value's median.
    pub quantity: Quantity,
    /// The value (or median) as printed, in the unit a person would say.
    pub shown: Shown,
    /// An uncertain value's percentiles and 90% range.
    pub range: Option<Box<ShownRange>>,
}

/// Parse and evaluate `src` against `env`, and show the result.
pub fn evaluate(src: &str, env: &Env) -> Result<Answer, ExprError> {
    evaluate_keyed(src, env, "")
}

/// [`evaluate`] where one figure is needed (a calendar's month, a
/// tolerance, a seed): a range is refused, not silently taken at its median.
pub(crate) fn evaluate_exact(src: &str, env: &Env) -> Result<Answer, ExprError> {
    let answer = evaluate(src, env)?;
    if answer.range.is_some() {
        let kind = error::ExprErrorKind::Quantity {
            error: crate::quantity::QuantityError::BadRange(
                "one figure is needed here, not a range".into(),
            ),
            hint: None,
        };
        return Err(ExprError::new(kind, crate::span::Span::new(0, src.len())));
    }
    Ok(answer)
}

/// [`evaluate`], with its ranges drawing from streams keyed by `key`.
pub(crate) fn evaluate_keyed(src: &str, env: &Env, key: &str) -> Result<Answer, ExprError> {
    let stmt =
        parser::parse(src).map_err(|e| e.name_used_as_unit(src, |w| env.get(w).is_some()))?;
    let value = eval::eval_statement(&stmt, env, key)?;
    let unit = match &stmt.target {
        Some(t) => Some(eval::display_unit(t, env.calendar)?),
        // A percentage written as one stays one: `20%`, not 0.2.
        None if stmt.is_percentage() => Some(display::DisplayUnit::percent()),
        None => None,
    };
    let (quantity, shown, range) = display::show_value(&value, unit, env.calendar);
    Ok(Answer {
        input: stmt.to_string(),
        value,
        quantity,
        shown,
        range,
    })
}
