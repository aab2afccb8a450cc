//! bote: back-of-the-envelope estimates for system design.
//!
//! ```
//! use bote::Env;
//! let answer = bote::evaluate("500 GB / 100 MB/s -> min", &Env::default()).unwrap();
//! assert_eq!(answer.shown.text, "83.33 min");
//! ```
//!
//! Text flows through the stages in this order, each in its own folder:
//!
//! ```text
//! expression  lang/lexer ─▶ tokens ─▶ lang/parser ─▶ AST (lang/ast) ─▶ lang/eval ─▶ quantity/
//!                                                                                   │
//!                                         "3 TB", "38.05 /s"  ◀─ units/display ◀───┘
//! estimate    yaml ─▶ nodes ─▶ estimate/load ─▶ Estimate ─▶ estimate/{order,evaluate,expect}
//!                                                                    │
//!                         table, markdown, json, csv  ◀─ report/ ◀───┘
//! ```
//!
//! `units/` is the catalog every stage looks units up in; `diagnostic`
//! renders every error; `cli/` is the command line, which the binary
//! calls. Only the binary touches the process (exit, terminal, colour).

#![deny(unreachable_pub)]
#![warn(missing_docs)]

mod cli;
mod diagnostic;
mod estimate;
mod lang;
mod quantity;
mod report;
mod span;
mod style;
mod suggest;
mod text;
mod units;
mod yaml;

// The façade: what the binary, the tests, the benches and the fuzz targets
// use. Everything else is the crate's own.
pub use cli::{EXIT_INPUT, EXIT_USAGE, Io, run};
pub use diagnostic::Diagnostic;
pub use estimate::presets::{self, PRESETS};
pub use estimate::{Driver, Estimate, Evaluated, Item, LoadError, Row, load};
pub use lang::error::ExprError;
pub use lang::eval::Env;
pub use lang::{Answer, evaluate};
pub use quantity::dimension::Dimension;
pub use quantity::sample::{Draws, Sampling, Spread, Value};
pub use quantity::{Quantity, QuantityError};
pub use report::{Format, Options, Place, render, write};
pub use text::width;
pub use units::display::{Shown, ShownRange};
pub use units::{Calendar, spelling_table};

/// Hooks for the fuzz targets; not part of bote's interface.
#[doc(hidden)]
pub mod fuzz {
    pub use crate::yaml::{Node, YamlError, parse_events};
}

/// The built-in reference numbers (`prices` false) or price sheet (`true`)
/// as the Markdown table the README carries (a test keeps the two the same).
pub fn sheet_table(prices: bool) -> String {
    use estimate::sheets::Kind;
    cli::sheets::markdown(if prices {
        Kind::Prices
    } else {
        Kind::References
    })
}
