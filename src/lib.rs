//! bote: back-of-the-envelope estimates for system design.
//!
//! Text flows through the modules in this order: `lexer` -> `parser` (an
//! `ast`) -> `eval` (over `quantity`, `dimension` and `units`) -> `format`.
//! Estimate files add `estimate` and `presets`; `report` renders them;
//! `diagnostic` renders every error. `cli` is the command line, which the
//! binary calls; only the binary touches the process (exit, terminal).

pub mod ast;
pub mod cli;
pub mod diagnostic;
pub mod dimension;
pub mod error;
pub mod estimate;
pub mod eval;
pub mod format;
pub mod fxhash;
pub mod lexer;
pub mod parser;
pub mod presets;
pub mod quantity;
pub mod report;
pub mod suggest;
pub mod text;
pub mod units;
pub mod yaml;

use error::ExprError;
use eval::Env;
use format::Shown;
use quantity::Quantity;

/// One evaluated expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The expression as bote read it, magnitudes and units spelled out.
    pub input: String,
    pub quantity: Quantity,
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
    let shown = format::show(quantity, unit, env.calendar);
    Ok(Answer {
        input: stmt.to_string(),
        quantity,
        shown,
    })
}
