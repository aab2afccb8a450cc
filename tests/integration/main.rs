//! All integration tests, in one binary so they link once.

mod common;
mod eval_cli;
mod eval_examples;
mod properties;
