//! How a written unit binds to the number before it, as a person reads it:
//! `4 s` (a unit after a number or group), `2 GB/s` and `2 GB per second`
//! (a compound unit is one unit), `1/2 GB` (a fraction of a unit), `m^2`
//! (a unit's own power), and the units of a conversion target.

use super::*;

impl<'a> Parser<'a> {
    /// `1/2 GB` is half a gigabyte: two numbers with a `/` and no spaces
    /// between them, followed by a unit, are one fraction of that unit.
    /// (Spaced, `1 / 2 GB` divides by 2 GB, as `50000 / 4 s` does.)
    pub(super) fn fraction(&mut self, numerator: NodeId) -> Result<Option<NodeId>, ExprError> {
        let at = self.pos;
        let tight = |a: Option<&Token>, b: Option<&Token>| {
            a.zip(b).is_some_and(|(a, b)| a.span.end == b.span.start)
        };
        let is_fraction = matches!(self.node(numerator), Expr::Number { percent: false, .. })
            && at > 0
            && self.tokens.get(at).is_some_and(|t| t.tok == Tok::Slash)
            && matches!(
                self.tokens.get(at + 1).map(|t| t.tok),
                Some(Tok::Number { .. })
            )
            && tight(self.tokens.get(at - 1), self.tokens.get(at))
            && tight(self.tokens.get(at), self.tokens.get(at + 1))
            && self
                .unit_word_at(at + 2)
                .is_some_and(|(w, _)| self.known_unit(w).is_some());
        if !is_fraction {
            return Ok(None);
        }
        self.pos += 1;
        let denominator = self.primary()?;
        self.binary(BinOp::Div, numerator, denominator).map(Some)
    }

    /// A term that may be a range: `LOW to HIGH`, when a figure follows
    /// `to` (a unit after `to` is a conversion, left for the statement).
    pub(super) fn range(&mut self) -> Result<NodeId, ExprError> {
        // `between 100 and 300 ms`: a range in words.
        if self.word_at(self.pos).is_some_and(|(w, _)| w == "between")
            && self.range_follows(self.pos + 1)
        {
            self.pos += 1;
            let lo = self.unary()?;
            if !self.eat_word("and") {
                return Err(self.expected("`and` and the high end, as in `between 100 and 300 ms`"));
            }
            let hi = self.unary()?;
            self.unambiguous(lo, hi)?;
            let lo = self.share_units(lo, hi)?;
            return self.binary(BinOp::To, lo, hi);
        }
        let lo = self.unary()?;
        // `5x to 10x`: the factor's `x` before a range's `to`.
        let at = if self.multiplier_x(self.pos) {
            self.pos + 1
        } else {
            self.pos
        };
        // `100–300 ms`: an en dash is `to`.
        if !(self.word_at(at).is_some_and(|(w, _)| w == "to" || w == "–")
            && self.range_follows(at + 1))
        {
            return Ok(lo);
        }
        self.pos = at + 1;
        let hi = self.unary()?;
        self.unambiguous(lo, hi)?;
        let lo = self.share_units(lo, hi)?;
        self.binary(BinOp::To, lo, hi)
    }

    /// A range binds tighter than `*` and `/`, which is what a person means
    /// by `100M to 300M * 2 KB`, but not by `a to 2 * a`: when an end is a
    /// name, a call or a group and `*` or `/` follows, both readings are
    /// shown and the writer chooses with parentheses.
    fn unambiguous(&self, lo: NodeId, hi: NodeId) -> Result<(), ExprError> {
        let figure = |id: NodeId| {
            let mut id = id;
            loop {
                match self.node(id) {
                    Expr::Number { .. } => return true,
                    Expr::Neg { expr, .. } => id = *expr,
                    Expr::Juxt { lhs, .. } => id = *lhs,
                    Expr::Binary {
                        op: BinOp::Div,
                        lhs,
                        rhs,
                        ..
                    } if matches!(self.node(*rhs), Expr::Unit { .. }) => id = *lhs,
                    _ => return false,
                }
            }
        };
        // A product written as one (`*`, `times`, `5x b`) or a quotient with
        // `/`; the words that read as phrases (`a to b per day`, `for 5
        // years`, `at 500 bytes`) apply to the whole range.
        // Past a factor's `x` (`$5x * m`): what follows it is what binds.
        let at = if self.multiplier_x(self.pos) && !self.operand_at(self.pos + 1) {
            self.pos + 1
        } else {
            self.pos
        };
        let op = match self.tokens.get(at).map(|t| t.tok) {
            Some(Tok::Star) => "*",
            Some(Tok::Slash) => "/",
            Some(Tok::Ident) if self.multiplier_x(self.pos) && self.operand_at(self.pos + 1) => "x",
            Some(Tok::Ident) if self.word_at(self.pos).is_some_and(|(w, _)| w == "times") => {
                "times"
            }
            _ => return Ok(()),
        };
        if figure(lo) && figure(hi) {
            return Ok(());
        }
        let (l, h) = (self.text_of(lo), self.text_of(hi));
        let next = self.tokens.get(at + 1).map_or("…", |t| t.text(self.src));
        let kind = ExprErrorKind::Ambiguous {
            text: format!("{l} to {h} {op} {next}"),
            readings: [
                format!("({l} to {h}) {op} {next}"),
                format!("{l} to ({h} {op} {next})"),
            ],
            advice: "group the range as you mean it",
        };
        let span = self
            .span(lo)
            .to(self.tokens.get(at + 1).map_or(self.end(), |t| t.span));
        Err(ExprError::new(kind, span))
    }

    /// Does a figure start at token `pos`, making the `to` before it a range?
    fn range_follows(&self, pos: usize) -> bool {
        match self.tokens.get(pos).map(|t| t.tok) {
            Some(Tok::Number { .. } | Tok::LParen | Tok::Minus) => true,
            Some(Tok::Dollar) => matches!(
                self.tokens.get(pos + 1).map(|t| t.tok),
                Some(Tok::Number { .. })
            ),
            Some(Tok::Ident) => {
                let called = self
                    .tokens
                    .get(pos + 1)
                    .is_some_and(|t| t.tok == Tok::LParen);
                called
                    || self
                        .name_at(pos)
                        .is_some_and(|(w, _)| units::magnitude_word(w).is_none())
            }
            _ => false,
        }
    }

    /// A bare low end takes the high end's magnitude and units, as people
    /// say ranges: `1 to 5 ms`, `100 to 300 million`, `2 to 4 KB/request`,
    /// `$0.05 to $0.14 per hour`.
    fn share_units(&mut self, lo: NodeId, hi: NodeId) -> Result<NodeId, ExprError> {
        let Expr::Number {
            value,
            magnitude: lo_magnitude,
            percent: false,
            money,
            digits,
            span,
        } = *self.node(lo)
        else {
            return Ok(lo);
        };
        // `10 to 20%`: a percentage.
        if let Expr::Number { percent: true, .. } = self.node(hi) {
            if money || lo_magnitude.is_some() {
                return Ok(lo);
            }
            let node = Expr::Number {
                value: value / 100.0,
                magnitude: None,
                percent: true,
                money,
                digits,
                span,
            };
            return self.push(node, 0);
        }
        // The high end's units, outermost first, down to its number.
        let mut units = Vec::new();
        let mut id = hi;
        let base = loop {
            match *self.node(id) {
                Expr::Juxt { lhs, unit, .. } => {
                    units.push((BinOp::Mul, unit));
                    id = lhs;
                }
                Expr::Binary {
                    op: BinOp::Div,
                    lhs,
                    rhs,
                    ..
                } if matches!(self.node(rhs), Expr::Unit { .. } | Expr::Name { .. }) => {
                    units.push((BinOp::Div, rhs));
                    id = lhs;
                }
                Expr::Number {
                    magnitude,
                    percent: false,
                    money: base_money,
                    ..
                } if base_money == money => break magnitude,
                _ => return Ok(lo),
            }
        };
        let mut lo = lo;
        if let (Some(m), None) = (base, lo_magnitude) {
            let factor = units::magnitude_word(m.word()).unwrap_or(1.0);
            let node = Expr::Number {
                value: value * factor,
                magnitude: Some(m),
                percent: false,
                money,
                digits,
                span,
            };
            lo = self.push(node, 0)?;
        }
        let lo_span: Span = span.into();
        for (op, unit) in units.into_iter().rev() {
            let node = match op {
                BinOp::Mul => Expr::Juxt {
                    lhs: lo,
                    unit,
                    span: lo_span.into(),
                },
                _ => Expr::Binary {
                    op,
                    lhs: lo,
                    rhs: unit,
                    span: lo_span.into(),
                },
            };
            lo = self.push(node, self.height(lo))?;
        }
        Ok(lo)
    }

    /// The units written after a number or group `lhs`, if it is one.
    ///
    /// A unit multiplies (`4 s`, `(a + b) MB`). A `/` written without spaces
    /// (`GB/s`, `4000/s`, `$5/month`), or `per`, followed by a unit or name,
    /// joins the same quantity, so `6 GB / 2 GB/s` divides by the rate
    /// 2 GB/s, as a person reads it.
    pub(super) fn units_after(&mut self, lhs: NodeId) -> Result<NodeId, ExprError> {
        if self.was_group_or_number(lhs) {
            self.attach_units(lhs)
        } else {
            Ok(lhs)
        }
    }

    /// [`Parser::units_after`] for a node known to take units.
    pub(super) fn attach_units(&mut self, lhs: NodeId) -> Result<NodeId, ExprError> {
        let mut lhs = lhs;
        loop {
            if self.multiplier_x(self.pos) {
                break;
            }
            // `a day` joins as `per day` before `a` could be taken for a unit.
            let joins = self.joins_per();
            if !joins && let Some((word, span)) = self.unit_word_at(self.pos) {
                self.bytes_or_billions(lhs, word, span)?;
                self.minutes_or_metres(lhs, word, span)?;
                self.one_or_many(lhs, word, span)?;
                if self.described(lhs, word) {
                    self.pos += 1;
                    break;
                }
                let (unit, span) = self.spelt_unit(word, span)?;
                let power = self.unit_power()?;
                let uspan = span.to(Span::new(span.start, self.prev_end()));
                let unit = self.push(Expr::unit(unit, power, uspan), 0)?;
                let span = self.span(lhs).to(uspan);
                lhs = self.push(
                    Expr::Juxt {
                        lhs,
                        unit,
                        span: span.into(),
                    },
                    self.height(lhs),
                )?;
                // `GB-month`: the next unit multiplies, as its own word would.
                self.skip_compound_hyphen();
            } else if joins {
                self.pos += 1;
                let Some((word, span)) = self.unit_word_at(self.pos).or(self.name_at(self.pos))
                else {
                    break;
                };
                let rhs = if units::PREFIX_WORDS.contains(&word)
                    || self.unit_here(word).is_some() && !(self.is_name)(word)
                {
                    let (unit, span) = self.spelt_unit(word, span)?;
                    let power = self.unit_power()?;
                    let span = span.to(Span::new(span.start, self.prev_end()));
                    self.push(Expr::unit(unit, power, span), 0)?
                } else {
                    // `node = 64 GB`, then `3 TB per node`: each node, or
                    // 3 TB over your node? Both readings, and no choice.
                    if self.unit_here(word).is_some() {
                        let figure = self.text_of(lhs);
                        return Err(self.two_readings(
                            self.span(lhs).to(span),
                            [
                                format!("{figure} for each {word}"),
                                format!("{figure} / ({word})"),
                            ],
                            "`per` a count, or over your name: rename the name for the first",
                        ));
                    }
                    self.pos += 1;
                    self.push(
                        Expr::Name {
                            span: span.into(),
                            slot: Expr::UNRESOLVED,
                        },
                        0,
                    )?
                };
                lhs = self.binary(BinOp::Div, lhs, rhs)?;
                // `$0.20 per million requests`: per a million of them, so
                // the noun after the magnitude divides too.
                let magnitude = matches!(
                    self.node(rhs),
                    Expr::Unit {
                        unit: UnitRef::Magnitude(_),
                        ..
                    }
                );
                if magnitude
                    && let Some((word, span)) = self.unit_word_at(self.pos)
                    && self
                        .unit_here(word)
                        .is_some_and(|u| !matches!(u, UnitRef::Magnitude(_)))
                {
                    let (unit, span) = self.spelt_unit(word, span)?;
                    let power = self.unit_power()?;
                    let span = span.to(Span::new(span.start, self.prev_end()));
                    let noun = self.push(Expr::unit(unit, power, span), 0)?;
                    lhs = self.binary(BinOp::Div, lhs, noun)?;
                }
                // `$0.023 per GB-month`: per gigabyte per month.
                while self.skip_compound_hyphen() {
                    let Some((word, span)) = self.unit_word_at(self.pos) else {
                        break;
                    };
                    let (unit, span) = self.spelt_unit(word, span)?;
                    let power = self.unit_power()?;
                    let span = span.to(Span::new(span.start, self.prev_end()));
                    let rhs = self.push(Expr::unit(unit, power, span), 0)?;
                    lhs = self.binary(BinOp::Div, lhs, rhs)?;
                }
            } else {
                break;
            }
        }
        Ok(lhs)
    }

    /// `a 5 MB photo`, `a 1 Gbps link`: after a figure with an article
    /// before it, a noun in the singular says what the one thing is, and
    /// is read past (it counts nothing: there is one); so is the noun of
    /// `how many 4 KB pages`.
    fn described(&self, lhs: NodeId, word: &str) -> bool {
        let before = self
            .token_before(lhs)
            .map(|b| self.tokens[b].text(self.src));
        let (singular, plural) = crate::lang::phrasing::singular_and_plural(word);
        // After a figure a word is a unit or a noun, never a name.
        let noun = units::lookup(word).is_none();
        let one = noun && singular == word && plural != word;
        // `32 GB RAM`, `2 ms latency`: a question's noun in the singular
        // after a figure with a unit says what it is of (never a count the
        // estimate declared, which catches a dropped "per").
        let guessed = self
            .counts
            .lookup(word)
            .is_some_and(|id| self.counts.guessed_at(id).is_some());
        // After a unit of the catalog (`32 GB RAM`), not a magnitude word
        // (`10 million PUT requests`) nor another noun.
        let with_unit = matches!(self.node(lhs), Expr::Juxt { unit, .. }
            if matches!(self.node(*unit), Expr::Unit { unit: UnitRef::Unit(_), .. }));
        match before {
            Some("a" | "an") => one,
            // `how many 4 KB pages in 1 GB`: what the figure is of.
            Some(w) if w.eq_ignore_ascii_case("many") => noun,
            _ => one && guessed && with_unit,
        }
    }

    /// `2 B users`, `5m users`: a unit spelt as a magnitude is (`B` bytes
    /// and billions, `m` metres and millions) after a plain number, then a
    /// noun, reads both ways; refused with both readings (`500 B` alone is
    /// bytes, `5 m` metres).
    fn bytes_or_billions(&self, lhs: NodeId, word: &str, span: Span) -> Result<(), ExprError> {
        let plain = matches!(
            self.node(lhs),
            Expr::Number {
                magnitude: None,
                percent: false,
                money: false,
                ..
            }
        );
        let noun = self
            .word_at(self.pos + 1)
            .filter(|(w, _)| !is_keyword(w) && units::lookup(w).is_none());
        let (true, Some((noun, nspan))) = (plain, noun) else {
            return Ok(());
        };
        let number = self.text_of(lhs);
        let (readings, advice) = match word {
            "B" => (
                [
                    format!("{number}B {noun}"),
                    format!(
                        "{number} B/{}",
                        crate::lang::phrasing::singular_and_plural(noun).0
                    ),
                ],
                "the first for billions, the second for bytes each",
            ),
            "m" => (
                [format!("{number}M {noun}"), format!("{number} m * {noun}")],
                "the first for millions, the second for metres",
            ),
            _ => return Ok(()),
        };
        Err(self.two_readings(self.span(lhs).to(span).to(nspan), readings, advice))
    }

    /// The place of the token just before node `id`'s text, if any.
    fn token_before(&self, id: NodeId) -> Option<usize> {
        let start = self.span(id).start;
        self.tokens
            .partition_point(|t| t.span.end <= start)
            .checked_sub(1)
    }

    /// `every 5m`, `per 5m`, `for 10m`: `m` is metres, but where a time
    /// is said (after `every`, `per`, `each`, `for`, `in`, `over`,
    /// `within`, `after`) a person means minutes as often; refused with
    /// both readings.
    fn minutes_or_metres(&self, lhs: NodeId, word: &str, span: Span) -> Result<(), ExprError> {
        // Written straight after the digits (`5m`): `5 m` is metres.
        if word != "m"
            || !matches!(self.node(lhs), Expr::Number { .. })
            || self.span(lhs).end != span.start
        {
            return Ok(());
        }
        let before = self.token_before(lhs);
        // Beside `*` or `/` too: `10 req/s * 5m`, `5m * 1 GB/min`, `1 GB /
        // 5m` are no velocity or bytes a metre anyone means.
        let time_said = self
            .tokens
            .get(self.pos + 1)
            .is_some_and(|t| t.tok == Tok::Star)
            || before.is_some_and(|b| matches!(self.tokens[b].tok, Tok::Star | Tok::Slash))
            || before.and_then(|b| self.word_at(b)).is_some_and(|(w, _)| {
                matches!(
                    w,
                    "every" | "per" | "each" | "for" | "in" | "over" | "within" | "after" | "x"
                )
            });
        if !time_said {
            return Ok(());
        }
        let number = self.text_of(lhs);
        Err(self.two_readings(
            self.span(lhs).to(span),
            [format!("{number} min"), format!("{number} metres")],
            "the first for minutes, the second for metres (`m` alone is metres)",
        ))
    }

    /// `4K video`: a figure with a magnitude, then a noun in the singular,
    /// reads as that many (`4K videos`) and as one thing the figure
    /// describes (a 4K video); refused with both readings.
    fn one_or_many(&self, lhs: NodeId, word: &str, span: Span) -> Result<(), ExprError> {
        let magnitude = matches!(
            self.node(lhs),
            Expr::Number {
                magnitude: Some(_),
                percent: false,
                money: false,
                ..
            }
        );
        if !magnitude
            || units::lookup(word).is_some()
            || self
                .tokens
                .get(self.pos + 1)
                .is_some_and(|t| t.tok == Tok::Slash)
        {
            return Ok(());
        }
        // An acronym (`300M DAU`) counts as written; a word before a noun
        // describes it (`10M push notifications`).
        let acronym = word.chars().any(|c| c.is_ascii_uppercase());
        let before_noun = self
            .word_at(self.pos + 1)
            .is_some_and(|(w, _)| !is_keyword(w) && !crate::lang::glue::is_function_word(w));
        let (singular, plural) = crate::lang::phrasing::singular_and_plural(word);
        if acronym || before_noun || singular != word || plural == word {
            return Ok(());
        }
        let number = self.text_of(lhs);
        Err(self.two_readings(
            self.span(lhs).to(span),
            [format!("{number} {plural}"), format!("1 {word}")],
            "that many are plural; for one, the figure describing it, write `1`",
        ))
    }

    /// The unit spelt by the word at the current token, which it consumes:
    /// a unit, or a prefix written as a word and the unit after it (`kilo
    /// bytes` is kilobytes, `milli seconds` milliseconds). A prefix with no
    /// unit after it is refused: `5 kilo` is not 5,000 of anything.
    fn spelt_unit(&mut self, word: &str, span: Span) -> Result<(UnitRef, Span), ExprError> {
        if units::PREFIX_WORDS.contains(&word) {
            let joined = self
                .word_at(self.pos + 1)
                .and_then(|(next, nspan)| Some((units::lookup(&format!("{word}{next}"))?, nspan)));
            let Some((def, nspan)) = joined else {
                return Err(ExprError::new(
                    ExprErrorKind::Expected {
                        expected: "a unit after a prefix, as in `5 kilo bytes` (kilobytes)",
                        found: self.tokens.get(self.pos + 1).map_or_else(
                            || "the end of the expression".to_string(),
                            |t| t.describe(self.src),
                        ),
                    },
                    self.tokens.get(self.pos + 1).map_or(span, |t| t.span),
                ));
            };
            self.pos += 2;
            return Ok((UnitRef::Unit(def), span.to(nspan)));
        }
        let unit = self.resolve_unit(word, span)?;
        self.pos += 1;
        Ok((unit, span))
    }

    /// Step over the `-` of a compound unit as price sheets write them
    /// (`GB-month`, `GB-s`, `kW-h`): a `-` with no space on either side,
    /// between a unit just read and a catalog unit. True if it did.
    fn skip_compound_hyphen(&mut self) -> bool {
        let (Some(prev), Some(dash), Some(next)) = (
            self.pos.checked_sub(1).and_then(|p| self.tokens.get(p)),
            self.tokens.get(self.pos),
            self.tokens.get(self.pos + 1),
        ) else {
            return false;
        };
        let compound = dash.tok == Tok::Minus
            && prev.tok == Tok::Ident
            && next.tok == Tok::Ident
            && prev.span.end == dash.span.start
            && dash.span.end == next.span.start
            && units::lookup(prev.text(self.src)).is_some()
            && units::lookup(next.text(self.src)).is_some();
        if compound {
            self.pos += 1;
        }
        compound
    }

    /// Is the next token a `/` or `per` that joins what follows to the
    /// quantity before it? A `/` does when a word follows it without a
    /// space (`GB/s`, `38 /s`); `per` always does when followed by a word.
    pub(super) fn joins_per(&self) -> bool {
        // Something must come before it to join to.
        let Some(op) = self.peek().filter(|_| self.pos > 0) else {
            return false;
        };
        let next = self.pos + 1;
        // `once every half an hour`: a figure in words follows, not a unit.
        if self.word_at(next).is_some_and(|(w, _)| w == "half") {
            return false;
        }
        let word_next = self.unit_word_at(next).is_some() || self.name_at(next).is_some();
        let call_next = self
            .tokens
            .get(next + 1)
            .is_some_and(|t| t.tok == Tok::LParen);
        if !word_next || call_next {
            return false;
        }
        // In the figure after a `per`, a `per` after a noun is the
        // sentence's (`10 writes per 100 users per day`, `... a day`; see
        // `Parser::per_figure`); after a unit it is the unit's (`100 GB
        // per 10 MB per second`).
        let after_noun = self.word_at(self.pos - 1).is_some_and(|(w, _)| {
            units::lookup(w).is_none() && matches!(self.known_unit(w), Some(UnitRef::Count(..)))
        });
        if self.per_figure && after_noun {
            return false;
        }
        // `38 /s`, as bote prints rates, joins like `38/s`: what matters is
        // that the unit follows the `/` at once.
        match op.tok {
            Tok::Slash => self
                .tokens
                .get(next)
                .is_some_and(|t| t.span.start == op.span.end),
            Tok::Ident => match op.text(self.src) {
                // `1 GB every second` is `1 GB per second`, and so is
                // `each second`.
                "per" | "every" => true,
                "each" => self
                    .word_at(next)
                    .is_some_and(|(w, _)| self.unit_here(w).is_some()),
                // `1 billion a day`: `a` and `an` before a unit say "per".
                "a" | "an" => self
                    .word_at(next)
                    .is_some_and(|(w, _)| self.unit_here(w).is_some()),
                _ => false,
            },
            _ => false,
        }
    }

    /// The word at token `pos` when it is a name: not a unit, keyword or magnitude.
    pub(super) fn name_at(&self, pos: usize) -> Option<(&'a str, Span)> {
        self.word_at(pos)
            .filter(|(w, _)| !is_keyword(w) && ((self.is_name)(w) || self.known_unit(w).is_none()))
    }

    /// The token at `pos` as a unit word: a word that is a unit (or could
    /// be a misspelt one) and not a keyword or a function being called, or
    /// `$` not followed by an amount (`5 $`, `-> $/day`).
    pub(super) fn unit_word_at(&self, pos: usize) -> Option<(&'a str, Span)> {
        let called = self
            .tokens
            .get(pos + 1)
            .is_some_and(|t| t.tok == Tok::LParen);
        match self.tokens.get(pos)? {
            Token {
                tok: Tok::Ident, ..
            } => self.word_at(pos).filter(|(w, _)| {
                !is_keyword(w)
                    && !called
                    && crate::lang::glue::how_many_times(w).is_none()
                    && (crate::lang::glue::per_adverb(w).is_none()
                        && !crate::lang::glue::OTHER_ADVERBS.contains(w)
                        || (self.is_name)(w))
                    // `3 x 4 GB`
                    && !self.times_x(pos)
                    // `... per 100 users a day`: an article, before a unit
                    && !self.article_before_unit(pos)
                    // `1 out of 1000`
                    && !(*w == "out"
                        && self.word_at(pos + 1).is_some_and(|(o, _)| o == "of")
                        && self.figure_at(pos + 2))
            }),
            Token {
                tok: Tok::Dollar,
                span,
            } if !matches!(
                self.tokens.get(pos + 1),
                Some(Token {
                    tok: Tok::Number { .. },
                    ..
                })
            ) =>
            {
                Some(("$", *span))
            }
            _ => None,
        }
    }

    /// A unit may follow a number literal, a parenthesised group or a
    /// distribution (`normal(100, 10) ms`), but not a name.
    pub(super) fn was_group_or_number(&self, lhs: NodeId) -> bool {
        let closed = self.pos > 0 && self.tokens[self.pos - 1].tok == Tok::RParen;
        match self.node(lhs) {
            Expr::Number { .. } => true,
            Expr::Call { func, .. } if func.is_distribution() => true,
            // primary() returned a compound expression only from parentheses.
            Expr::Binary { .. } | Expr::Sum { .. } | Expr::Neg { .. } | Expr::Juxt { .. } => closed,
            // `(dau) GB`, `(max(a, b)) GB`: a name or call in parentheses of
            // its own, closed after its text ends, is a group.
            _ => closed && self.tokens[self.pos - 1].span.start >= self.span(lhs).end,
        }
    }

    pub(super) fn prev_end(&self) -> usize {
        self.tokens
            .get(self.pos.wrapping_sub(1))
            .map_or(self.src.len(), |t| t.span.end)
    }

    /// An optional `^ integer` after a unit.
    pub(super) fn unit_power(&mut self) -> Result<i8, ExprError> {
        self.unit_power_or(true)
    }

    /// With `strict` false, a `^` not followed by a small whole number is left
    /// for the general power operator (`m ^ 11`, `km ^ x`).
    pub(super) fn unit_power_or(&mut self, strict: bool) -> Result<i8, ExprError> {
        let caret = self.pos;
        if !self.eat(Tok::Caret) {
            return Ok(1);
        }
        let neg = self.eat(Tok::Minus);
        match self.next() {
            Some(Token {
                tok:
                    Tok::Number {
                        value,
                        magnitude: None,
                        ..
                    },
                ..
            }) if value.fract() == 0.0 && (1.0..=9.0).contains(&value) => {
                #[allow(clippy::cast_possible_truncation)]
                let p = value as i8;
                Ok(if neg { -p } else { p })
            }
            _ if !strict => {
                self.pos = caret;
                Ok(1)
            }
            _ => {
                self.pos -= 1;
                Err(self.expected("a whole number from 1 to 9 as the unit's power"))
            }
        }
    }

    pub(super) fn target(&mut self) -> Result<Target, ExprError> {
        let start = self.peek().map_or(self.end(), |t| t.span);
        if self.eat(Tok::Percent) {
            return Ok(Target {
                factors: Vec::new(),
                percent: true,
                span: start,
            });
        }
        let mut factors = Vec::new();
        // `per` is `/` here too: `in per second`, `in bytes per second`.
        let mut sign: i8 = if self.eat(Tok::Slash) || self.eat_word("per") {
            -1
        } else {
            1
        };
        loop {
            match self.unit_word_at(self.pos) {
                Some((word, span)) => {
                    // A magnitude suffix alone is its word here: `unit: k/s`.
                    let unit = match magnitude_suffix(word) {
                        Some(m) if self.known_unit(word).is_none() => m,
                        _ => self.resolve_unit(word, span)?,
                    };
                    self.pos += 1;
                    factors.push((unit, sign * self.unit_power()?));
                    // `-> GB-s`, `-> $/GB-month`: a compound keeps its sign.
                    if self.skip_compound_hyphen() {
                        continue;
                    }
                }
                _ => return Err(self.expected("a unit to convert to, such as `MB`, `/s` or `%`")),
            }
            sign = match self.peek_tok() {
                Some(Tok::Slash) => -1,
                Some(Tok::Star) => 1,
                Some(Tok::Ident) if self.word_at(self.pos).is_some_and(|(w, _)| w == "per") => -1,
                _ => break,
            };
            self.pos += 1;
        }
        let span = start.to(Span::new(start.start, self.prev_end()));
        Ok(Target {
            factors,
            percent: false,
            span,
        })
    }
}

impl Parser<'_> {
    /// See [`known_unit`].
    pub(super) fn known_unit(&self, word: &str) -> Option<UnitRef> {
        known_unit(word, self.counts)
    }

    /// See [`unit_here`].
    pub(super) fn unit_here(&self, word: &str) -> Option<UnitRef> {
        unit_here(word, self.counts)
    }

    /// A word that must be a unit (after a number, or after `->`).
    fn resolve_unit(&self, word: &str, span: Span) -> Result<UnitRef, ExprError> {
        if let Some(unit) = self.unit_here(word) {
            return Ok(unit);
        }
        // `gb`: a gigabyte or a gigabit. Both readings, and no choice.
        if let Some(units::Folded::Many(defs)) = units::lookup_folded(word) {
            let readings = defs
                .iter()
                .map(|d| format!("`{}` ({})", d.symbol, d.plural))
                .collect();
            return Err(ExprError::new(
                ExprErrorKind::Spellings {
                    word: word.to_string(),
                    readings,
                },
                span,
            ));
        }
        Err(crate::lang::env::unknown_unit(word, self.counts, span))
    }
}

/// The magnitude a suffix such as `k` or `M` stands for, as a unit of a
/// conversion target (`-> k/s`, `unit: M/day`).
fn magnitude_suffix(word: &str) -> Option<UnitRef> {
    let (_, name) = crate::units::MAGNITUDE_SUFFIXES
        .iter()
        .find(|(s, _)| *s == word)?;
    crate::units::MAGNITUDE_WORDS
        .iter()
        .find(|(w, _)| w == name)
        .map(UnitRef::Magnitude)
}

/// The unit `word` names: a catalog unit, a declared count, or a
/// magnitude word (`hundred`, `millions`). (Where a name may stand, a
/// defined name comes first: see `Parser::word`.)
pub(crate) fn known_unit(word: &str, counts: &Counts) -> Option<UnitRef> {
    if let Some(def) = units::lookup(word) {
        return Some(UnitRef::Unit(def));
    }
    if let Some(id) = counts.lookup(word) {
        return Some(UnitRef::Count(id, id.name(false) != word));
    }
    units::MAGNITUDE_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(UnitRef::Magnitude)
}

/// [`known_unit`] where only a unit may stand (after a number,
/// after `per`, in a conversion's target): there a unit spelt in
/// another case is that unit when only one unit is spelt so (`Hours`,
/// `qps`), and a magnitude word may be in any case (`5 MILLION`).
/// Never where a name may stand, so an estimate's `rps` stays its own.
pub(crate) fn unit_here(word: &str, counts: &Counts) -> Option<UnitRef> {
    if let Some(unit) = known_unit(word, counts) {
        return Some(unit);
    }
    // `hundreds`, `MILLION`: where a name cannot stand, in the plural
    // and in any case too.
    if let Some(entry) = units::magnitude_entry(&word.to_ascii_lowercase()) {
        return Some(UnitRef::Magnitude(entry));
    }
    match units::lookup_folded(word) {
        Some(units::Folded::One(def)) => Some(UnitRef::Unit(def)),
        _ => None,
    }
}
