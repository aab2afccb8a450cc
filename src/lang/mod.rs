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
use crate::units::display::{self, Shown};
use error::ExprError;
use eval::Env;

/// One evaluated expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The expression as bote read it, magnitudes and units spelled out.
    pub input: String,
    /// The value.
    pub quantity: Quantity,
    /// The value as printed, in the unit a person would say.
    pub shown: Shown,
}

/// Parse and evaluate `src` against `env`, and show the result.
pub fn evaluate(src: &str, env: &Env) -> Result<Answer, ExprError> {
    let stmt =
        parser::parse(src).map_err(|e| e.name_used_as_unit(src, |w| env.get(w).is_some()))?;
    let quantity = eval::eval_statement(&stmt, env)?;
    let unit = match &stmt.target {
        Some(t) => Some(eval::display_unit(t, env.calendar)?),
        None => None,
    };
    let shown = display::show(quantity, unit, env.calendar);
    Ok(Answer {
        input: stmt.to_string(),
        quantity,
        shown,
    })
}
