//! The expression error: what went wrong and where in the expression.
//!
//! Messages live here, on the kind. Rendering with a source snippet is
//! `diagnostic`'s job, not this module's.

use crate::diagnostic::Diagnostic;
use crate::quantity::QuantityError;
use crate::span::Span;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ExprErrorKind {
    Empty,
    UnexpectedChar(char),
    BadNumber(String),
    NumberTooLarge(String),
    /// A literal too close to zero for a double (`1e-400`).
    NumberTooSmall(String),
    TooLong {
        len: usize,
        max: usize,
    },
    /// More than `max` parentheses, calls or signs inside one another.
    TooDeep {
        max: usize,
    },
    /// More than `max` operations inside one another (`a * b * c …`).
    TooTall {
        max: usize,
    },
    /// The parser wanted one thing and found another.
    Expected {
        expected: &'static str,
        found: String,
    },
    /// Text with two readings a person might mean, each written out.
    Ambiguous {
        text: String,
        readings: [String; 2],
        /// What the caret says: how to write each reading.
        advice: &'static str,
    },
    UnknownUnit {
        word: String,
        suggestions: Vec<String>,
    },
    /// A slip of dimension that no estimate means: a rate multiplied by
    /// more time than it is per (`5M photos per day * 365 days * 5 years`).
    Slip {
        what: String,
        hint: String,
    },
    /// A word that spells more than one unit in some case (`gb`, `mb`):
    /// every reading, none chosen.
    Spellings {
        word: String,
        readings: Vec<String>,
    },
    UnknownName {
        name: String,
        suggestions: Vec<String>,
    },
    UnknownFunction {
        name: String,
        suggestions: Vec<String>,
    },
    Arity {
        func: &'static str,
        expected: &'static str,
        found: usize,
    },
    /// `inf` or `NaN` typed in.
    NotFinite(String),
    Quantity {
        error: QuantityError,
        hint: Option<String>,
    },
    /// A name used before (or while) it is being defined.
    Cycle(String),
}

#[derive(Clone, Debug, PartialEq)]
/// An error in an expression: what went wrong and where in its text.
pub struct ExprError {
    /// Boxed, so that every `Result` the parser and evaluator pass up on
    /// success stays small.
    pub(crate) kind: Box<ExprErrorKind>,
    pub(crate) span: Span,
}

impl ExprError {
    /// A diagnostic for this error in `source`, an expression typed on its
    /// own (a command-line argument, a `--set`), named `origin`.
    pub(crate) fn diagnostic(&self, origin: &str, source: &str) -> Diagnostic {
        let mut d = Diagnostic::new(self.to_string(), origin, source, self.span);
        d.label = self.label();
        d
    }

    pub(crate) fn new(kind: ExprErrorKind, span: Span) -> ExprError {
        ExprError {
            kind: Box::new(kind),
            span,
        }
    }

    pub(crate) fn quantity(error: QuantityError, span: Span) -> ExprError {
        let hint = match &error {
            QuantityError::Mismatch {
                op: "convert between",
                left,
                right,
            } => left.fix_hint(*right),
            QuantityError::Mismatch { left, right, .. } => right
                .fix_hint(*left)
                .map(|h| format!("the right side needs to {h}")),
            QuantityError::DivisionByZero => Some("the divisor evaluates to zero".into()),
            _ => None,
        };
        ExprError::new(ExprErrorKind::Quantity { error, hint }, span)
    }

    /// A short label for the marked spot, shown under the caret.
    /// An unknown unit that is a defined name (`2 users` with `users`
    /// defined) suggests the product: "did you mean `2 * users`?". `src` is
    /// the expression the error points into.
    #[must_use]
    pub(crate) fn name_used_as_unit(
        mut self,
        src: &str,
        is_name: impl Fn(&str) -> bool,
    ) -> ExprError {
        if let ExprErrorKind::UnknownUnit { word, suggestions } = &mut *self.kind
            && is_name(word)
        {
            let before = src.get(..self.span.start).unwrap_or("").trim_end();
            let number = before
                .rsplit(char::is_whitespace)
                .next()
                .filter(|n| !n.is_empty());
            *suggestions = vec![match number {
                Some(n) => format!("{n} * {word}"),
                None => format!("* {word}"),
            }];
        }
        self
    }

    pub(crate) fn label(&self) -> String {
        match &*self.kind {
            ExprErrorKind::UnknownUnit { suggestions, .. }
            | ExprErrorKind::UnknownName { suggestions, .. }
            | ExprErrorKind::UnknownFunction { suggestions, .. }
                if !suggestions.is_empty() =>
            {
                crate::suggest::label(suggestions).unwrap_or_default()
            }
            // A glue word where a unit was expected: no count to declare.
            ExprErrorKind::UnknownUnit { word, .. }
                if crate::lang::glue::is_function_word(word) =>
            {
                "not a unit: a word of the sentence, which bote reads only as `per`, `every`, `a`, `for` or `at`"
                    .into()
            }
            // Nothing close: likely a noun, which bote does not count.
            ExprErrorKind::UnknownUnit { word, .. } => {
                let one = word
                    .strip_suffix('s')
                    .filter(|w| !w.is_empty())
                    .unwrap_or(word);
                format!(
                    "not a unit; a count is a plain number (`2 per day`) unless declared: \
                     `counts: [{one}]` in a file, `--counts {one}` for eval"
                )
            }
            ExprErrorKind::Quantity { hint: Some(h), .. } => h.clone(),
            ExprErrorKind::Ambiguous { advice, .. } => (*advice).to_string(),
            ExprErrorKind::Spellings { .. } => "write the unit in its own case".into(),
            ExprErrorKind::Slip { hint, .. } => hint.clone(),
            ExprErrorKind::Quantity {
                error:
                    QuantityError::Mismatch {
                        op: "convert between",
                        left,
                        right,
                    },
                ..
            } => {
                format!("this is {left}; the target is {right}")
            }
            ExprErrorKind::Quantity {
                error: QuantityError::Mismatch { left, right, .. },
                ..
            } => {
                format!("left side is {left}, right side is {right}")
            }
            _ => "here".into(),
        }
    }
}

impl fmt::Display for ExprErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExprErrorKind::Empty => f.write_str("the expression is empty"),
            ExprErrorKind::UnexpectedChar(c) if c.is_ascii() => {
                write!(f, "unexpected character `{c}`")
            }
            ExprErrorKind::UnexpectedChar(c) => write!(
                f,
                "unexpected character `{c}` (U+{:04X}); names and units use ASCII letters only",
                u32::from(*c)
            ),
            ExprErrorKind::BadNumber(t) => write!(f, "`{t}` is not a number"),
            ExprErrorKind::NumberTooLarge(t) => {
                write!(f, "the number `{t}` is too large to represent")
            }
            ExprErrorKind::NumberTooSmall(t) => write!(
                f,
                "the number `{t}` is too close to zero to represent (it underflows)"
            ),
            ExprErrorKind::TooLong { len, max } => {
                write!(f, "the expression is {len} bytes long; the limit is {max}")
            }
            ExprErrorKind::TooDeep { max } => write!(
                f,
                "the expression nests more than {max} levels deep \
                 (a level is a pair of parentheses, a function call or a sign)"
            ),
            ExprErrorKind::TooTall { max } => write!(
                f,
                "the expression has more than {max} operations inside one another \
                 (each `*`, `/` or `^` in a chain is one); split it into named quantities"
            ),
            ExprErrorKind::Expected { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            ExprErrorKind::Ambiguous { text, readings, .. } => write!(
                f,
                "`{text}` can be read two ways: `{}` or `{}`",
                readings[0], readings[1]
            ),
            ExprErrorKind::UnknownUnit { word, .. } => write!(f, "unknown unit `{word}`"),
            ExprErrorKind::Slip { what, .. } => f.write_str(what),
            ExprErrorKind::Spellings { word, readings } => write!(
                f,
                "`{word}` could be {}: bote will not choose",
                crate::text::or_list(readings)
            ),
            ExprErrorKind::UnknownName { name, .. } => write!(f, "unknown name `{name}`"),
            ExprErrorKind::UnknownFunction { name, .. } => write!(f, "unknown function `{name}`"),
            ExprErrorKind::Arity {
                func,
                expected,
                found,
            } => {
                write!(f, "`{func}` takes {expected}, but was given {found}")
            }
            ExprErrorKind::NotFinite(w) => write!(
                f,
                "`{w}` is not a finite number; bote computes with finite values only"
            ),
            ExprErrorKind::Quantity { error, hint } => match hint {
                Some(h) if !h.starts_with("the") => write!(f, "{error}; {h}"),
                _ => write!(f, "{error}"),
            },
            ExprErrorKind::Cycle(path) => write!(f, "circular definition: {path}"),
        }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl std::error::Error for ExprError {}
