//! The one place that renders errors with a source snippet: a message, the
//! line it happened on, and a caret under the offending part.
//!
//! Works on any text (a one-line expression or a whole estimate file); it
//! does not know what the error was about.

use crate::lang::error::ExprError;
use crate::span::Span;
use std::fmt::Write as _;

/// An error ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// What went wrong, in one sentence (the line after `error: `).
    pub message: String,
    /// Said under the caret.
    pub(crate) label: String,
    pub(crate) notes: Vec<String>,
    /// The text the span points into and its name (a path, or empty for a
    /// command-line expression).
    pub(crate) origin: String,
    pub(crate) source: String,
    pub(crate) span: Span,
    /// The line number of the source's first line (1 unless the source is
    /// one line of a longer input, such as line 5 of standard input).
    pub(crate) first_line: usize,
}

impl Diagnostic {
    pub(crate) fn new(
        message: impl Into<String>,
        origin: &str,
        source: &str,
        span: Span,
    ) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            label: "here".into(),
            notes: Vec::new(),
            origin: origin.into(),
            source: source.into(),
            span,
            first_line: 1,
        }
    }

    /// A diagnostic for an error in an expression typed on its own.
    pub(crate) fn from_expr(err: &ExprError, origin: &str, source: &str) -> Diagnostic {
        let mut d = Diagnostic::new(err.to_string(), origin, source, err.span);
        d.label = err.label();
        d
    }

    pub(crate) fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// 1-based line and column (in characters) of the span's start.
    pub(crate) fn line_col(&self) -> (usize, usize) {
        let start = floor_char(&self.source, self.span.start.min(self.source.len()));
        let before = &self.source[..start];
        let line = before.matches('\n').count() + self.first_line;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, self.source[line_start..start].chars().count() + 1)
    }

    /// Render as text; `color` adds ANSI styling.
    pub fn render(&self, color: bool) -> String {
        let (red, blue, bold, reset) = if color {
            ("\x1b[1;31m", "\x1b[1;34m", "\x1b[1m", "\x1b[0m")
        } else {
            ("", "", "", "")
        };
        let mut out = String::new();
        let _ = writeln!(out, "{red}error{reset}{bold}: {}{reset}", self.message);
        let start = floor_char(&self.source, self.span.start.min(self.source.len()));
        let line_start = self.source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.source[start..]
            .find('\n')
            .map_or(self.source.len(), |i| start + i);
        let (line_no, col) = self.line_col();
        let gutter = line_no.to_string().len();
        let pad = " ".repeat(gutter);
        if !self.origin.is_empty() {
            let _ = writeln!(out, "{pad}{blue}-->{reset} {}:{line_no}:{col}", self.origin);
        }
        let line = self.source[line_start..line_end].trim_end_matches('\r');
        // Very long lines are cut around the spot so the caret stays in view.
        let (shown, lead) = window(line, start - line_start);
        let end = floor_char(&self.source, self.span.end.clamp(start, line_end));
        let width = self.source[start..end].chars().count().max(1);
        let _ = writeln!(out, "{pad} {blue}|{reset}");
        let _ = writeln!(out, "{blue}{line_no:>gutter$} |{reset} {shown}");
        let _ = writeln!(
            out,
            "{pad} {blue}|{reset} {}{red}{}{reset} {red}{}{reset}",
            " ".repeat(lead),
            "^".repeat(width.min(80)),
            self.label
        );
        for note in &self.notes {
            let _ = writeln!(out, "{pad} {blue}={reset} {note}");
        }
        out
    }
}

/// The part of `line` to show and how many characters precede the caret in it.
fn window(line: &str, byte_offset: usize) -> (String, usize) {
    let lead = line[..floor_char(line, byte_offset.min(line.len()))]
        .chars()
        .count();
    let total = line.chars().count();
    if total <= 120 {
        return (line.to_string(), lead);
    }
    let from = lead.saturating_sub(40);
    let shown: String = line.chars().skip(from).take(100).collect();
    let prefix = if from > 0 { "…" } else { "" };
    (
        format!("{prefix}{shown}…"),
        lead - from + prefix.chars().count(),
    )
}

/// The largest char boundary at or before `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_span() {
        let d = Diagnostic::new(
            "unknown unit `gigabites`",
            "",
            "5 gigabites",
            Span::new(2, 11),
        );
        let want = "error: unknown unit `gigabites`\n  |\n1 | 5 gigabites\n  |   ^^^^^^^^^ here\n";
        assert_eq!(d.render(false), want);
    }

    #[test]
    fn names_file_line_and_column() {
        let src = "a: 1\nb: { expr: a + x }\n";
        let d = Diagnostic::new("unknown name `x`", "f.yaml", src, Span::new(16, 17));
        assert_eq!(d.line_col(), (2, 12));
        assert!(
            d.render(false).contains(" --> f.yaml:2:12\n"),
            "{}",
            d.render(false)
        );
    }
}
