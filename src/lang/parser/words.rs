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
        let tight_b = self.src[span.start..span.end].ends_with('B')
            && self.src[..span.end - 1].ends_with(|c: char| c.is_ascii_digit());
        if magnitude == Some("billion") && tight_b && !money {
            self.billions_or_bytes(text, span)?;
        }
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

    /// `100B` is 100 billion as bote reads it, and 100 bytes as a person
    /// may mean it: where what is around it says a size of each thing
    /// (`at 100B each`, `500B/user`, `100B per row`, `64B cache line`) or
    /// nothing does and the figure is 10 or more (`1M tweets/day * 280B`),
    /// refused with both readings. Before a plural noun it counts them
    /// (`100B rows`), and `1B`, `2B` alone are billions.
    fn billions_or_bytes(&self, text: Span, span: Span) -> Result<(), ExprError> {
        let digits = &self.src[text.start..span.end - 1];
        let value: f64 = digits.replace(',', "").parse().unwrap_or(0.0);
        let next = self.word_at(self.pos).map(|(w, _)| w);
        let after_at = self
            .pos
            .checked_sub(2)
            .and_then(|p| self.word_at(p))
            .is_some_and(|(w, _)| w == "at");
        // `/user`, `per row`: per a thing, not per a unit (`1B/day`).
        let noun_at = |p: usize| {
            self.word_at(p)
                .is_some_and(|(w, _)| units::lookup(w).is_none())
        };
        let joined_slash = self.peek_tok() == Some(Tok::Slash)
            && self
                .tokens
                .get(self.pos + 1)
                .is_some_and(|t| t.span.start == self.tokens[self.pos].span.end);
        let slash_word = joined_slash && noun_at(self.pos + 1);
        // The last of the nouns after it (`64B cache line`, `1B page views`).
        let plain = |w: &str| {
            !is_keyword(w) && !crate::lang::glue::is_function_word(w) && units::lookup(w).is_none()
        };
        let mut last = self.pos;
        while self.word_at(last + 1).is_some_and(|(w, _)| plain(w)) && next.is_some_and(plain) {
            last += 1;
        }
        let singular_noun = self.word_at(last).is_some_and(|(w, _)| {
            let (one, many) = crate::lang::phrasing::singular_and_plural(w);
            plain(w) && one == w && many != w
        });
        let bare =
            next.is_none() && !joined_slash && !matches!(self.peek_tok(), Some(Tok::Number { .. }));
        // `100M users * 8B`: multiplied in, a size as often (`* 1B` is
        // a billion: one byte is no figure anyone multiplies by).
        let times = self
            .pos
            .checked_sub(2)
            .and_then(|p| self.tokens.get(p))
            .is_some_and(|t| t.tok == Tok::Star || t.tok == Tok::Ident && t.text(self.src) == "x");
        let each = next == Some("each") || next == Some("per") && noun_at(self.pos + 1);
        if after_at
            || slash_word
            || singular_noun
            || each
            || (bare && (value >= 10.0 || times && value >= 2.0))
        {
            return Err(self.two_readings(
                span,
                [format!("{digits} billion"), format!("{digits} bytes")],
                "the first for billions, the second for bytes: write the word to say which",
            ));
        }
        Ok(())
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
