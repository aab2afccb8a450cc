//! All integration tests, in one binary so they link once.

mod authoring;
mod bad_input;
mod binding;
mod cases;
mod common;
mod counts;
mod estimates;
mod eval_cli;
mod eval_examples;
mod first_try;
mod fits;
mod hardening;
mod input;
mod limits;
mod notes;
mod notes_random;
mod phrasings;
mod practice;
mod presets;
mod properties;
mod ranges;
mod readme;
mod tiers;
mod verdicts;
mod wrong_numbers;
