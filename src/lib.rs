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
//! `units/` and `sheets/` are the catalogs below the language: units, and
//! the reference numbers and prices that `ref.NAME` and `price.NAME` name.
//! `diagnostic` renders every error.
//!
//! # The house: a core, and a command line on top
//!
//! ```text
//!  cli/  (feature "cli", the default)   args, eval, repl, run, watch, new, notes, practice, ...
//!    │     the only code that knows clap, rustyline, notify, files or the terminal
//!    ▼
//!  notes/, practice/ ─▶ report/ ─▶ estimate/ ─▶ lang/ ─▶ sheets/, units/ ─▶ quantity/
//!    │                     │            │           │         │
//!    └─────────────────────┴────────────┴───────────┴─────────┴──▶ diagnostic, yaml, suggest, text, span, style
//! ```
//!
//! Arrows point at what a folder imports; none runs back up, and nothing
//! below `cli/` touches a file, the terminal, the clock or the process. One
//! package with a default `cli` feature rather than a workspace: the only
//! `cfg` is the one on `mod cli`, the tests drive the command line in
//! process, and `cargo build --lib --no-default-features --target
//! wasm32-unknown-unknown` builds the core alone, as `.ci/run` checks.

#![deny(unreachable_pub)]
#![warn(missing_docs)]
// A few of the core's helpers (`--why`'s chart, the stale-price check,
// did-you-mean for a preset) have only the command line as a caller; the
// core built alone leaves them unused rather than hiding them behind `cfg`.
#![cfg_attr(not(feature = "cli"), allow(dead_code, unused_imports))]

#[cfg(feature = "cli")]
mod cli;
mod diagnostic;
mod estimate;
mod format;
mod lang;
mod notes;
mod practice;
mod quantity;
mod report;
mod sheets;
mod span;
mod style;
mod suggest;
mod text;
mod units;
mod yaml;

// The façade: what the binary, the tests, the benches and the fuzz targets
// use. Everything else is the crate's own.
#[cfg(feature = "cli")]
pub use cli::{EXIT_INPUT, EXIT_USAGE, Io, run};
pub use diagnostic::{Diagnostic, Diagnostics};
pub use estimate::presets::{self, PRESETS};
pub use estimate::{
    Change, Diff, Driver, Estimate, Evaluated, Item, LoadError, Row, Run, diff, load,
};
pub use lang::env::Env;
pub use lang::error::ExprError;
pub use lang::{Answer, evaluate};
pub use quantity::dimension::Dimension;
pub use quantity::sample::{Draws, Sampling, Spread, Value};
pub use quantity::{Quantity, QuantityError};
pub use report::{Format, MIN_WIDTH, Options, Place, render, side_by_side_json, write};
pub use text::width;
pub use units::display::{Shown, ShownRange};
pub use units::{Calendar, spelling_table};

/// One line as `bote eval` takes it: a definition (`dau = 500M users`),
/// which names its value in `env` for the lines after it, or an
/// expression; plain nouns after figures are declared as counts. The name
/// defined, if any, and the answer; or the error, as a diagnostic into the
/// line.
pub fn eval_line(
    src: &str,
    env: &mut Env<'_>,
) -> Result<(Option<String>, Answer), Box<Diagnostic>> {
    lang::statement::run(src, env).map(|done| (done.name, done.answer))
}

/// An answer as `bote eval` prints it: the figure, and an uncertain one's
/// 90% range after it (`12,000 /s (90% range 3,800 to 38,000 /s)`).
pub fn answer_text(answer: &Answer) -> String {
    lang::statement::answer_text(answer)
}

/// Hooks for the fuzz targets; not part of bote's interface.
#[doc(hidden)]
pub mod fuzz {
    pub use crate::yaml::{Node, YamlError, parse_events};

    /// Fill in `note` (a Markdown note's text) twice, with `force` or
    /// without, and check what `bote notes` promises: no panic, no byte
    /// outside bote's regions changed, only whole regions replaced, and a
    /// second run a no-op. Why not, when one is broken.
    pub fn check_note(note: &str, force: bool) -> Result<(), String> {
        crate::notes::check(note, force)
    }

    /// `note` as `bote notes` (with `force` or without) would write it.
    pub fn fill_note(note: &str, force: bool) -> String {
        crate::notes::fill(note, "note.md", force).text
    }
}

/// The built-in reference numbers (`prices` false) or price sheet (`true`)
/// as the Markdown table docs/language.md carries (a test keeps the two the same).
pub fn sheet_table(prices: bool) -> String {
    use sheets::Kind;
    report::sheet::markdown(if prices {
        Kind::Prices
    } else {
        Kind::References
    })
}
