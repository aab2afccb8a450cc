//! The leaves of the tree: a number with its magnitude and percent sign,
//! and a word, read as a function call, a unit or a name; and the rule for
//! which words may name a quantity.

use super::*;

/// Why `name` cannot name a quantity, if it cannot: names are letters, digits
/// and `_`, not starting with a digit, and not a unit, magnitude or function.
pub(crate) fn name_problem(name: &str) -> Option<String> {
    if let Some(problem) = crate::text::name_problem(name) {
        Some(problem)
    } else if is_reserved(name) {
        Some(format!(
            "`{name}` is a unit, magnitude or function name; choose another name"
        ))
    } else {
        None
    }
}

/// Is `word` reserved: a unit, magnitude word, function or keyword?
/// Estimate files may not use these as names.
pub(crate) fn is_reserved(word: &str) -> bool {
    units::lookup(word).is_some()
        || units::MAGNITUDE_WORDS.iter().any(|(w, _)| *w == word)
        || Func::from_name(word).is_some_and(|f| !f.may_name())
        || is_keyword(word)
}

/// The words the grammar itself uses: `per` (division), `of` (in `20% of
/// X`), `times` and `for` (multiplication), `at` (see `BinOp::At`), `to`
/// and `in` (conversion), `approximately` (a leading `~` in words), and
/// `between`, `and` and `–` (ranges: `between 1 and 3 TB`, `100–300 ms`).
/// They name nothing.
pub(super) fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "per"
            | "every"
            | "each"
            | "of"
            | "over"
            | "times"
            | "for"
            | "at"
            | "to"
            | "in"
            | "approximately"
            | "between"
            | "and"
            | "–"
    )
}

impl Parser<'_> {
    pub(super) fn number(
        &mut self,
        text: Span,
        value: f64,
        magnitude: Option<&'static str>,
        money: bool,
        span: Span,
    ) -> Result<NodeId, ExprError> {
        let mut span = span;
        // `5k%` is refused (the `%` is left over): a percentage has no magnitude.
        let percent = !money
            && magnitude.is_none()
            && (self.peek_tok() == Some(Tok::Percent)
                || self.word_at(self.pos).is_some_and(|(w, _)| w == "percent"));
        if percent {
            span = span.to(self.next().map_or(span, |t| t.span));
        }
        let value = if percent { value / 100.0 } else { value };
        let magnitude = magnitude.and_then(Magnitude::of);
        let number = Expr::Number {
            value,
            magnitude,
            percent,
            money,
            digits: Digits::within(span, text),
            span: span.into(),
        };
        self.push(number, 0)
    }

    pub(super) fn word(&mut self, word: &str, span: Span) -> Result<NodeId, ExprError> {
        // A defined name means its definition, whatever unit or count is
        // spelt the same (`users`, `qps`).
        if (self.is_name)(word) && self.peek_tok() != Some(Tok::LParen) {
            let name = Expr::Name {
                span: span.into(),
                slot: Expr::UNRESOLVED,
            };
            return self.push(name, 0);
        }
        if self.peek_tok() == Some(Tok::LParen) {
            let Some(func) = Func::from_name(word) else {
                let suggestions = crate::suggest::closest(word, Func::ALL.iter().map(|(n, _)| *n));
                let suggestions = suggestions.into_iter().map(String::from).collect();
                return Err(ExprError::new(
                    ExprErrorKind::UnknownFunction {
                        name: word.to_string(),
                        suggestions,
                    },
                    span,
                ));
            };
            self.pos += 1;
            self.enter()?;
            let base = self.pending.len();
            if !self.eat(Tok::RParen) {
                loop {
                    let arg = self.expr()?;
                    self.pending.push(arg);
                    if self.eat(Tok::RParen) {
                        break;
                    }
                    if !self.eat(Tok::Comma) {
                        return Err(self.expected("`,` or `)` in the argument list"));
                    }
                }
            }
            self.depth -= 1;
            let span = span.to(Span::new(span.start, self.prev_end()));
            let (first, count, below) = self.settle(base);
            let call = Expr::Call {
                func,
                first,
                count,
                span: span.into(),
            };
            return self.push(call, below);
        }
        if is_keyword(word) {
            return Err(ExprError::new(
                ExprErrorKind::Expected {
                    expected: "a number, name or `(`",
                    found: format!("`{word}`"),
                },
                span,
            ));
        }
        if let Some(unit) = self.known_unit(word) {
            let power = self.unit_power_or(false)?;
            let span = span.to(Span::new(span.start, self.prev_end()));
            return self.push(Expr::unit(unit, power, span), 0);
        }
        let name = Expr::Name {
            span: span.into(),
            slot: Expr::UNRESOLVED,
        };
        self.push(name, 0)
    }
}
