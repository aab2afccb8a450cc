//! The one colour palette, for reports and errors alike: ANSI escapes when
//! colour is on, empty strings when it is off. Whether it is on is the
//! binary's decision (a terminal, `--color`, `NO_COLOR`).

/// The escapes for each role; all empty when colour is off.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    /// Errors and failed checks: bold red.
    pub(crate) error: &'static str,
    /// Passed checks: green.
    pub(crate) good: &'static str,
    /// Gutters, arrows and second places in a diagnostic: bold blue.
    pub(crate) accent: &'static str,
    /// Titles, headings and messages: bold.
    pub(crate) bold: &'static str,
    /// Back to plain text.
    pub(crate) reset: &'static str,
}

impl Style {
    pub(crate) fn new(color: bool) -> Style {
        if color {
            Style {
                error: "\x1b[1;31m",
                good: "\x1b[32m",
                accent: "\x1b[1;34m",
                bold: "\x1b[1m",
                reset: "\x1b[0m",
            }
        } else {
            Style {
                error: "",
                good: "",
                accent: "",
                bold: "",
                reset: "",
            }
        }
    }
}
