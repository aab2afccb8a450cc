//! bote: back-of-the-envelope estimates for system design.
//!
//! ```
//! use bote::lang::eval::Env;
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
