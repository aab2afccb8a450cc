//! bote: back-of-the-envelope estimates for system design.
//!
//! Text flows through the modules in this order: `lexer` -> `parser` (an
//! `ast`) -> `eval` (over `quantity`, `dimension` and `units`) -> `format`.
//! Estimate files add `estimate` and `presets`; `report` renders them;
//! `diagnostic` renders every error. `cli` is the command line, which the
//! binary calls; only the binary touches the process (exit, terminal).

pub mod cli;
pub mod diagnostic;
pub mod estimate;
pub mod lang;
pub mod quantity;
pub mod report;
pub mod span;
pub mod suggest;
pub mod text;
pub mod units;
pub mod yaml;

pub use lang::{Answer, evaluate};
