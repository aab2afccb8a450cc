//! The one place that renders errors with a source snippet: a message, the
//! line it happened on, and a caret under the offending part.
//!
//! Works on any text (a one-line expression or a whole estimate file); it
//! does not know what the error was about.

use crate::span::Span;
use crate::style::Style;
use crate::text::{self, printable};
use std::borrow::Cow;
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
    /// A second place that matters, with its label: "first defined here".
    pub(crate) secondary: Option<(Span, String)>,
    /// Whether there is a text to quote (not for "cannot write output").
    pub(crate) snippet: bool,
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
            secondary: None,
            snippet: true,
        }
    }

    /// An error with no text to point into: a file that cannot be read,
    /// output that cannot be written.
    pub fn message(message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::new(message, "", "", Span::default());
        d.snippet = false;
        d
    }

    /// `unknown key `name` in place`, with the closest allowed key and the
    /// list of them: for estimate files and the sheets alike.
    pub(crate) fn unknown_key(
        origin: &str,
        src: &str,
        span: Span,
        name: &str,
        allowed: &[&str],
        place: &str,
    ) -> Diagnostic {
        let hint = crate::suggest::closest(name, allowed.iter().copied());
        let mut d = Diagnostic::new(
            format!("unknown key `{name}` in {place}"),
            origin,
            src,
            span,
        );
        d.label = crate::suggest::label(&hint[..hint.len().min(1)])
            .unwrap_or_else(|| "not a key bote knows".into());
        d.with_note(format!("allowed here: {}", allowed.join(", ")))
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

    /// The error in one line, `error: MESSAGE`, without the quoted text:
    /// for a place with room for one line, such as the notepad's column.
    pub(crate) fn headline(&self) -> String {
        format!("error: {}", self.message)
    }

    /// Render as text; `color` adds ANSI styling.
    pub fn render(&self, color: bool) -> String {
        self.render_fitted(color, None)
    }

    /// [`Diagnostic::render`] fitted to a terminal `width` columns wide:
    /// the message and notes wrap between words, the quoted line is cut
    /// around the spot, and a label with no room beside its carets goes
    /// on the line below them.
    pub fn render_fitted(&self, color: bool, width: Option<usize>) -> String {
        let style = Style::new(color);
        let mut out = String::new();
        // `rest` after `lead` (shown as `styled`), wrapped to `width` with
        // later lines indented as far as `lead` is wide.
        let wrapped = |out: &mut String, (lead, styled): (&str, &str), rest: &str, end: &str| {
            let line = format!("{lead}{rest}");
            let lines = match width {
                Some(w) if text::width(&line) > w => {
                    text::wrap_hanging(&line, w, text::width(lead))
                }
                _ => vec![Cow::Borrowed(line.as_str())],
            };
            for (i, l) in lines.iter().enumerate() {
                match l.strip_prefix(lead).filter(|_| i == 0) {
                    Some(tail) => {
                        let _ = writeln!(out, "{styled}{tail}{end}");
                    }
                    None => {
                        let _ = writeln!(out, "{l}{end}");
                    }
                }
            }
        };
        // What a message quotes of the input (a unit, a key, a path) may
        // hold control characters: none reaches the terminal.
        let error = format!("{}error{}{}: ", style.error, style.reset, style.bold);
        wrapped(
            &mut out,
            ("error: ", &error),
            &printable(&self.message),
            style.reset,
        );
        let notes = |out: &mut String, pad: &str| {
            for note in &self.notes {
                let lead = format!("{pad} = ");
                let styled = format!("{pad} {}={} ", style.accent, style.reset);
                wrapped(out, (&lead, &styled), &printable(note), "");
            }
        };
        if !self.snippet {
            notes(&mut out, " ");
            return out;
        }
        let (line_no, col) = self.line_col();
        let last_line = self
            .secondary
            .as_ref()
            .map_or(line_no, |(span, _)| line_no.max(self.line_of(*span)));
        let gutter = last_line.to_string().len();
        let pad = " ".repeat(gutter);
        if !self.origin.is_empty() {
            let _ = writeln!(
                out,
                "{pad}{}-->{} {}:{line_no}:{col}",
                style.accent,
                style.reset,
                printable(&self.origin)
            );
        }
        let _ = writeln!(out, "{pad} {}|{}", style.accent, style.reset);
        // A second place that matters ("first defined here") comes first
        // when it is earlier in the text, as it usually is.
        let primary = (self.span, self.label.as_str(), '^', style.error);
        let mut marks = vec![primary];
        if let Some((span, label)) = &self.secondary {
            let mark = (*span, label.as_str(), '-', style.accent);
            if span.start < self.span.start {
                marks.insert(0, mark);
            } else {
                marks.push(mark);
            }
        }
        // The quoted line has the width less the gutter and ` | `.
        let room = width.map(|w| w.saturating_sub(gutter + 3).max(20));
        for (span, label, caret, color) in marks {
            let (text, lead, carets) = self.snippet(span, room);
            let line = self.line_of(span);
            let _ = writeln!(
                out,
                "{}{line:>gutter$} |{} {text}",
                style.accent, style.reset
            );
            let label = printable(label);
            let marks = caret.to_string().repeat(carets.min(80));
            let beside = room.is_none_or(|r| lead + carets.min(80) + 1 + text::width(&label) <= r);
            if beside {
                let _ = writeln!(
                    out,
                    "{pad} {}|{} {}{color}{marks} {label}{}",
                    style.accent,
                    style.reset,
                    " ".repeat(lead),
                    style.reset
                );
            } else {
                let _ = writeln!(
                    out,
                    "{pad} {}|{} {}{color}{marks}{}",
                    style.accent,
                    style.reset,
                    " ".repeat(lead),
                    style.reset
                );
                let lead = format!("{pad} | ");
                let styled = format!("{pad} {}|{} ", style.accent, style.reset);
                wrapped(&mut out, (&lead, &styled), &label, "");
            }
        }
        notes(&mut out, &pad);
        out
    }

    /// The 1-based line of the text that `span` starts on.
    fn line_of(&self, span: Span) -> usize {
        let start = floor_char(&self.source, span.start.min(self.source.len()));
        self.source[..start].matches('\n').count() + self.first_line
    }

    /// The line `span` starts on, as shown (control characters escaped, a
    /// very long line cut around the spot), with the display columns before
    /// the span and the span's own width in columns.
    fn snippet(&self, span: Span, room: Option<usize>) -> (String, usize, usize) {
        let start = floor_char(&self.source, span.start.min(self.source.len()));
        let line_start = self.source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.source[start..]
            .find('\n')
            .map_or(self.source.len(), |i| start + i);
        let end = floor_char(&self.source, span.end.clamp(start, line_end));
        let before = printable(&self.source[line_start..start]);
        let inside = printable(&self.source[start..end]);
        let after = printable(self.source[end..line_end].trim_end_matches('\r'));
        let (lead, caret) = (text::width(&before), text::width(&inside).max(1));
        let line = format!("{before}{inside}{after}");
        // Without a width, a line of 120 columns is quoted whole and a
        // longer one cut to 100; at a width, cut to fit it.
        let (whole, keep) = room.map_or((120, 100), |r| (r, r.saturating_sub(2)));
        if text::width(&line) <= whole {
            return (line, lead, caret);
        }
        // Keep the spot in sight: up to 40 columns before it (a third of
        // a narrow terminal), and `keep` in all.
        let skip = lead.saturating_sub(40.min(keep / 3));
        let (mut dropped, mut shown, mut kept) = (0, String::new(), 0);
        for c in line.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if dropped < skip {
                dropped += w;
                continue;
            }
            if kept + w > keep {
                break;
            }
            kept += w;
            shown.push(c);
        }
        let prefix = if dropped > 0 { "…" } else { "" };
        (
            format!("{prefix}{shown}…"),
            lead - dropped + prefix.len().min(1),
            caret,
        )
    }
}

/// The largest char boundary at or before `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Every independent error found in one input, first to last in its
/// text, as a compiler reports them: fixing a file takes one run, not one
/// run per mistake. At most [`Diagnostics::MOST`] are kept; the rest are
/// counted and said to be left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagnostics {
    /// The errors kept, in the order of the text.
    pub list: Vec<Diagnostic>,
    /// How many more there were.
    pub left_out: usize,
}

impl Diagnostics {
    /// The most errors one run shows: a screenful, and far more than a
    /// file with a few slips holds.
    pub const MOST: usize = 20;

    /// Add an error, or count it when [`Diagnostics::MOST`] are kept.
    pub(crate) fn push(&mut self, d: Diagnostic) {
        if self.list.len() < Self::MOST {
            self.list.push(d);
        } else {
            self.left_out += 1;
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The errors put in the order of the text: those in `origin` by where
    /// they are, after those elsewhere (a `--set`, a sheet file).
    pub(crate) fn sort(&mut self, origin: &str) {
        self.list
            .sort_by_key(|d| (d.origin == origin, d.line_col()));
    }

    /// Every error rendered, one after another; with more than one, a last
    /// line says how many (and how many were left out).
    pub fn render(&self, color: bool) -> String {
        self.render_fitted(color, None)
    }

    /// [`Diagnostics::render`], each error fitted to `width` columns.
    pub fn render_fitted(&self, color: bool, width: Option<usize>) -> String {
        // A blank line between errors, as compilers set them apart.
        let out: Vec<String> = self
            .list
            .iter()
            .map(|d| d.render_fitted(color, width))
            .collect();
        let mut out = out.join("\n");
        let total = self.list.len() + self.left_out;
        if total > 1 {
            let style = Style::new(color);
            out.push('\n');
            let _ = write!(
                out,
                "{}error{}{}: {total} errors",
                style.error, style.reset, style.bold
            );
            if self.left_out > 0 {
                let _ = write!(out, "; the first {} are shown", self.list.len());
            }
            let _ = writeln!(out, "{}", style.reset);
        }
        out
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics {
            list: vec![d],
            left_out: 0,
        }
    }
}

impl From<Box<Diagnostic>> for Diagnostics {
    fn from(d: Box<Diagnostic>) -> Diagnostics {
        Diagnostics::from(*d)
    }
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
