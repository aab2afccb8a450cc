//! Tokens to a [`Statement`].
//!
//! The grammar, loosest binding first:
//!
//! ```text
//! statement = expr [ ( "->" | "to" | "in" ) target ] ;
//! expr      = term { ( "+" | "-" ) term } ;
//! term      = range { ( "*" | "/" | "per" ) range } ;
//! range     = unary [ "to" unary ] ;  (* a range when a number, name, `$`, `(`, `-` or call follows `to` *)
//! unary     = ( "-" | "+" ) unary | power ;
//! power     = juxt [ ( "^" | "**" ) exponent { units } ] ;  (* units: base a bare number or group *)
//! exponent  = ( "-" | "+" ) exponent | primary [ ( "^" | "**" ) exponent ] ;
//! juxt      = fraction { units } | primary { units } ;  (* units: only after a number or a group *)
//! fraction  = number "/" number ;                   (* no spaces, and a unit after it *)
//! units     = unit [ "^" integer ]
//!           | ( "/" | "per" ) ( unit [ "^" integer ] | name ) ;  (* "/" without spaces *)
//! primary   = number [ "%" ] | "$" number | unit | name
//!           | function "(" expr { "," expr } ")" | "(" expr ")" ;
//! target    = "%" | [ "/" ] tunit { ( "*" | "/" ) tunit } ;
//! tunit     = unit [ "^" integer ] ;
//! ```
//!
//! A unit written after a number binds tighter than `/`, so `50000 / 4 s` is
//! 12,500 per second, and so does a compound unit: `6 GB / 2 GB/s` is 3 s
//! and `1M / 12500/s` is 80 s. A `/` with spaces around it is ordinary
//! division (`6 GB / 2 GB / s` is 3 /s); `per` always joins. Units are resolved here, against the static catalog;
//! names are left for `eval`.
//!
//! `to` is a range when what follows it is a figure (`100 to 1000`, `1 ms
//! to 5 ms`, `a to b`) and a conversion when it is a unit (`x to MB`). A
//! range binds tighter than `*` and `/`, so `100M to 300M * 2 KB` is a range
//! of counts times 2 KB, and a bare low end takes the high end's units and
//! magnitude: `1 to 5 ms` is 1 ms to 5 ms, `100 to 300M` 100M to 300M.

mod binding;
mod words;

pub(crate) use binding::unit_here;
use words::is_keyword;
pub(crate) use words::{is_reserved as is_reserved_word, name_problem};

use crate::lang::ast::{BinOp, Digits, Expr, Func, Magnitude, NodeId, Statement, Target, UnitRef};
use crate::lang::error::{ExprError, ExprErrorKind};
use crate::lang::lexer::{Tok, Token, lex};
use crate::quantity::count::Counts;
use crate::span::Span;
use crate::units;

/// The deepest nesting of the tree the parser builds.
pub(crate) const MAX_DEPTH: usize = 200;

/// Lists the parser fills for each statement and empties before the next.
/// An estimate parses thousands of statements with one of these rather
/// than allocating and freeing the lists for each one.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    tokens: Vec<Token>,
    nodes: Vec<Expr>,
    heights: Vec<usize>,
    args: Vec<NodeId>,
    /// Arguments of the calls being read; a call inside an argument stacks
    /// its own above them.
    pending: Vec<NodeId>,
}

/// Parse one statement, with the counts `counts` declares as units.
pub(crate) fn parse(src: &str, counts: &Counts) -> Result<Statement, ExprError> {
    parse_in(&mut Scratch::default(), src, counts)
}

/// Parse one statement where the names `is_name` knows are defined: a
/// defined name means its definition wherever it is written, before any
/// unit, magnitude or count of the same spelling (the first step of the
/// reading order in docs/language.md). Estimate files refuse such clashes
/// when they load, so only `bote eval` and its pages need this.
pub(crate) fn parse_with_names(
    src: &str,
    counts: &Counts,
    is_name: &dyn Fn(&str) -> bool,
) -> Result<Statement, ExprError> {
    let mut scratch = Scratch::default();
    lex(src, &mut scratch.tokens)?;
    parse_tokens(&mut scratch, src, counts, is_name)
}

/// Parse one statement, using (and leaving behind) the lists in `scratch`.
pub(crate) fn parse_in(
    scratch: &mut Scratch,
    src: &str,
    counts: &Counts,
) -> Result<Statement, ExprError> {
    lex(src, &mut scratch.tokens)?;
    parse_tokens(scratch, src, counts, &|_| false)
}

/// Parse the tokens `scratch` holds, lexed from `src`.
fn parse_tokens(
    scratch: &mut Scratch,
    src: &str,
    counts: &Counts,
    is_name: &dyn Fn(&str) -> bool,
) -> Result<Statement, ExprError> {
    if scratch.tokens.is_empty() {
        return Err(ExprError::new(
            ExprErrorKind::Empty,
            Span::new(0, src.len()),
        ));
    }
    let mut p = Parser::new(src, scratch, counts);
    p.is_name = is_name;
    // `~3500 QPS`, or in words as `--explain` reads it back: `approximately 3500 QPS`.
    // `approx 100M users`, `about 5 TB`, `roughly 10K QPS`: before a figure.
    let approximate = p.eat(Tok::Approx)
        || p.eat_word("approximately")
        || (p.figure_at(p.pos + 1)
            && p.word_at(p.pos).is_some_and(|(w, _)| {
                matches!(w, "approx" | "about" | "around" | "roughly") && !(p.is_name)(w)
            })
            && p.eat(Tok::Ident));
    if approximate && p.peek().is_none() {
        return Err(p.expected("a figure after `~`, as in `~3500 QPS`"));
    }
    let asked = p.question()?;
    let whole = p.expr()?;
    let (asked, noun) = match asked {
        Asked::Each(each, noun) => {
            // `how many 4 KB pages in 1 GB`: the whole over one of them, in
            // pages unless a conversion says otherwise.
            p.binary(BinOp::Div, whole, each)?;
            (None, noun)
        }
        Asked::ForEach(noun) => {
            // The last `at` of the expression: what each one takes.
            let Expr::Binary {
                op: BinOp::At,
                lhs,
                rhs,
                span,
            } = p.node(whole).clone()
            else {
                return Err(ExprError::new(
                    ExprErrorKind::Expected {
                        expected: "`at` and what each takes, as in `how many servers for 50K QPS at 2K QPS each`",
                        found: format!("`{}`", p.text_of(whole)),
                    },
                    p.span(whole),
                ));
            };
            p.nodes[whole as usize] = Expr::Binary {
                op: BinOp::Div,
                lhs,
                rhs,
                span,
            };
            (None, noun)
        }
        Asked::Target(target) => (Some(target), None),
        Asked::Nothing => (None, None),
    };
    let target = if let Some(asked) = asked {
        Some(Box::new(asked))
    } else if p.eat_conversion() {
        Some(Box::new(p.target()?))
    } else {
        noun.map(Box::new)
    };
    if let Some(t) = p.peek() {
        let expected = if target.is_some() {
            "the end of the expression"
        } else {
            "an operator or the end"
        };
        return Err(ExprError::new(
            ExprErrorKind::Expected {
                expected,
                found: t.describe(src),
            },
            t.span,
        ));
    }
    // Copied out at their exact length: statements live as long as their estimate.
    Ok(Statement {
        text: src.into(),
        nodes: p.nodes.as_slice().into(),
        args: p.args.as_slice().into(),
        target,
        approximate,
    })
}

/// Parse a unit on its own, as in an estimate's `unit:` field (`MB/s`, `%`).
pub(crate) fn parse_target(src: &str, counts: &Counts) -> Result<Target, ExprError> {
    let mut scratch = Scratch::default();
    lex(src, &mut scratch.tokens)?;
    let mut p = Parser::new(src, &mut scratch, counts);
    let target = p.target()?;
    if let Some(t) = p.peek() {
        return Err(ExprError::new(
            ExprErrorKind::Expected {
                expected: "the end of the unit",
                found: t.describe(src),
            },
            t.span,
        ));
    }
    Ok(target)
}

struct Parser<'a> {
    src: &'a str,
    tokens: &'a [Token],
    /// The counts the estimate declared, read as units.
    counts: &'a Counts,
    /// The names defined before this statement, which no unit shadows.
    is_name: &'a dyn Fn(&str) -> bool,
    pos: usize,
    /// How deep the parser has recursed.
    depth: usize,
    /// The tree being built, children first.
    nodes: &'a mut Vec<Expr>,
    /// The arguments of its calls.
    args: &'a mut Vec<NodeId>,
    pending: &'a mut Vec<NodeId>,
    /// How deep the tree under each node goes (a leaf is 1). Left-leaning
    /// chains (`1+1+1…`) grow the tree without recursing in the parser, so
    /// this is counted apart: everything that walks the tree recurses.
    heights: &'a mut Vec<usize>,
    /// Parsing the figure after a word `per` (`10 writes per 100 users per
    /// day`): a later `per` is the sentence's, not the figure's unit's, so
    /// that is (10 writes / 100 users) / day. In parentheses it is theirs.
    per_figure: bool,
    /// The statement asks how long (`how long to ...`): a count at a rate
    /// is the time to get through them.
    asked_long: bool,
}

impl<'a> Parser<'a> {
    /// A parser of `src`, whose tokens `scratch` holds.
    fn new(src: &'a str, scratch: &'a mut Scratch, counts: &'a Counts) -> Parser<'a> {
        let Scratch {
            tokens,
            nodes,
            heights,
            args,
            pending,
        } = scratch;
        nodes.clear();
        heights.clear();
        args.clear();
        pending.clear();
        // At most a node per token (a sum or call takes a few fewer).
        nodes.reserve(tokens.len());
        heights.reserve(tokens.len());
        Parser {
            src,
            counts,
            is_name: &|_| false,
            tokens,
            pos: 0,
            depth: 0,
            nodes,
            args,
            pending,
            heights,
            per_figure: false,
            asked_long: false,
        }
    }

    /// Add a node over children whose tallest is `below` high.
    fn push(&mut self, node: Expr, below: usize) -> Result<NodeId, ExprError> {
        let height = below + 1;
        // A leaf is 1 high, so 200 operations inside one another are 201.
        if height > MAX_DEPTH + 1 {
            return Err(ExprError::new(
                ExprErrorKind::TooTall { max: MAX_DEPTH },
                node.span(),
            ));
        }
        // At most one node per byte of a 10,000-byte text.
        #[allow(clippy::cast_possible_truncation)]
        let id = self.nodes.len() as NodeId;
        self.nodes.push(node);
        self.heights.push(height);
        Ok(id)
    }

    fn node(&self, id: NodeId) -> &Expr {
        &self.nodes[id as usize]
    }

    /// The empty span at the end of the text.
    fn end(&self) -> Span {
        Span::new(self.src.len(), self.src.len())
    }

    fn height(&self, id: NodeId) -> usize {
        self.heights[id as usize]
    }

    fn span(&self, id: NodeId) -> Span {
        self.node(id).span()
    }

    fn peek(&self) -> Option<Token> {
        self.tokens.get(self.pos).copied()
    }

    fn peek_tok(&self) -> Option<Tok> {
        self.peek().map(|t| t.tok)
    }

    /// The word at token `pos`, if that token is a word.
    fn word_at(&self, pos: usize) -> Option<(&'a str, Span)> {
        match self.tokens.get(pos)? {
            t @ Token {
                tok: Tok::Ident, ..
            } => Some((t.text(self.src), t.span)),
            _ => None,
        }
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).copied();
        self.pos += 1;
        t
    }

    /// Consume the next token if it is `tok` (an operator or bracket).
    fn eat(&mut self, tok: Tok) -> bool {
        if self.peek_tok() == Some(tok) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if self.word_at(self.pos).is_some_and(|(w, _)| w == word) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_conversion(&mut self) -> bool {
        self.eat(Tok::Arrow) || self.eat_word("to") || self.eat_word("in")
    }

    /// An error at the current token (or the end of input).
    fn expected(&self, expected: &'static str) -> ExprError {
        match self.peek() {
            Some(t) => ExprError::new(
                ExprErrorKind::Expected {
                    expected,
                    found: t.describe(self.src),
                },
                t.span,
            ),
            None => ExprError::new(
                ExprErrorKind::Expected {
                    expected,
                    found: "the end of the expression".into(),
                },
                self.end(),
            ),
        }
    }

    /// Guard recursion, so deep nesting is an error rather than a stack overflow.
    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let span = self.peek().map_or(self.end(), |t| t.span);
            return Err(ExprError::new(
                ExprErrorKind::TooDeep { max: MAX_DEPTH },
                span,
            ));
        }
        Ok(())
    }

    fn binary(&mut self, op: BinOp, lhs: NodeId, rhs: NodeId) -> Result<NodeId, ExprError> {
        let span = self.span(lhs).to(self.span(rhs));
        let below = self.height(lhs).max(self.height(rhs));
        self.push(
            Expr::Binary {
                op,
                lhs,
                rhs,
                span: span.into(),
            },
            below,
        )
    }

    /// A term, or a sum of terms as one [`Expr::Sum`].
    fn expr(&mut self) -> Result<NodeId, ExprError> {
        let first = self.term()?;
        // The terms wait on the pending list, above any call's arguments
        // being read, and a call inside a term stacks its own above them.
        let base = self.pending.len();
        loop {
            let subtracted = match self.peek_tok() {
                Some(Tok::Plus) => 0,
                Some(Tok::Minus) => Expr::SUBTRACTED,
                _ => break,
            };
            let tight = subtracted != 0 && self.tight(self.pos);
            self.pos += 1;
            let term = self.term()?;
            if tight {
                let last = self.pending.last().map_or(first, |&t| Expr::term(t).0);
                self.range_or_minus(last, term)?;
            }
            if self.pending.len() == base {
                self.pending.push(first);
            }
            self.pending.push(term | subtracted);
        }
        if self.pending.len() == base {
            Ok(first)
        } else {
            self.sum(base)
        }
    }

    /// Is the token at `pos` written with no space on either side (`5-10`)?
    fn tight(&self, pos: usize) -> bool {
        let (Some(before), Some(at), Some(after)) = (
            pos.checked_sub(1).and_then(|p| self.tokens.get(p)),
            self.tokens.get(pos),
            self.tokens.get(pos + 1),
        ) else {
            return false;
        };
        before.span.end == at.span.start && at.span.end == after.span.start
    }

    /// `100-300 ms`, `100ms-300ms`, `3-5x`, `10-20%`: a `-` with no spaces
    /// between figures, one with a unit, a percent sign, a magnitude, money
    /// or a factor's `x`, is how a range is jotted down as well as a
    /// subtraction; refused with both readings (`1000-1` stays arithmetic).
    fn range_or_minus(&self, lhs: NodeId, rhs: NodeId) -> Result<(), ExprError> {
        // Is the node a figure, and is it marked: a unit, a percentage, a
        // magnitude, money, or a factor's `x` (`3-5x`, `10-20%`, `5-10K`)?
        let figure = |id: NodeId| -> Option<bool> {
            let factor = self.src[self.span(id).end..].starts_with('x');
            match self.node(id) {
                Expr::Number {
                    magnitude,
                    percent,
                    money,
                    ..
                } => Some(magnitude.is_some() || *percent || *money || factor),
                Expr::Juxt { lhs, .. } => {
                    matches!(self.node(*lhs), Expr::Number { .. }).then_some(true)
                }
                _ => None,
            }
        };
        // The figure the `-` touches on the right: the first of its term
        // (`10-20 requests per user per day`).
        let mut first = rhs;
        while let Expr::Binary { lhs, .. } = self.node(first) {
            first = *lhs;
        }
        let (Some(l), Some(r)) = (figure(lhs), figure(first)) else {
            return Ok(());
        };
        if !(l || r) {
            return Ok(());
        }
        let said = |id: NodeId| {
            let span = self.span(id);
            let x = usize::from(self.src[span.end..].starts_with('x'));
            &self.src[span.start..span.end + x]
        };
        let (lt, rt) = (said(lhs), said(rhs));
        let end = self.span(rhs).start + rt.len();
        Err(self.two_readings(
            Span::new(self.span(lhs).start, end),
            [format!("{lt} to {rt}"), format!("{lt} - {rt}")],
            "a range is written with `to`, a subtraction with spaces",
        ))
    }

    /// The sum of the terms pending from `base` on.
    fn sum(&mut self, base: usize) -> Result<NodeId, ExprError> {
        let terms = &self.pending[base..];
        let node = |t: Option<&NodeId>| t.map_or(0, |&t| Expr::term(t).0);
        let span = self
            .span(node(terms.first()))
            .to(self.span(node(terms.last())));
        let (first, count, below) = self.settle(base);
        let sum = Expr::Sum {
            first,
            count,
            span: span.into(),
        };
        self.push(sum, below)
    }

    /// Move the entries pending from `base` on (a call's arguments, a sum's
    /// terms) to the statement's argument list: where they start there, how
    /// many they are, and the height of the tallest. They go there only when
    /// complete, so a call or sum inside one does not split them.
    fn settle(&mut self, base: usize) -> (u32, u16, usize) {
        let entries = &self.pending[base..];
        let below = entries
            .iter()
            .map(|&t| self.height(Expr::term(t).0))
            .max()
            .unwrap_or(0);
        // At most one node per byte of text.
        #[allow(clippy::cast_possible_truncation)]
        let (first, count) = (self.args.len() as u32, entries.len() as u16);
        self.args.extend(self.pending.drain(base..));
        (first, count, below)
    }

    fn term(&mut self) -> Result<NodeId, ExprError> {
        let mut lhs = self.range()?;
        let mut of_whole = false;
        loop {
            // How often (`3 times a day`, `once every 5 minutes`): what it
            // divides is the count just before it, not all that went before.
            let mut often = false;
            // `10 GB hourly`, `1M requests daily`: per an hour, a day
            // (before a noun the word describes it: `daily users`).
            if let Some((w, span)) = self.word_at(self.pos)
                && crate::lang::glue::OTHER_ADVERBS.contains(&w)
                && !(self.is_name)(w)
            {
                return Err(ExprError::new(
                    ExprErrorKind::Expected {
                        expected: "how often as a unit, as in `per 3 months` or `every 2 weeks`",
                        found: format!("`{w}`, which bote does not read"),
                    },
                    span,
                ));
            }
            if let Some((unit, span)) = self.per_adverb_at(self.pos) {
                let often = self.after_how_many();
                self.pos += 1;
                let rhs = self.push(Expr::unit(unit, 1, span), 0)?;
                lhs = self.how_often(lhs, rhs, often)?;
                continue;
            }
            let op = match self.peek_tok() {
                Some(Tok::Star) => BinOp::Mul,
                Some(Tok::Slash) => BinOp::Div,
                // `50,000 drivers every 4 seconds`: `every` divides as `per` does.
                Some(Tok::Ident)
                    if self
                        .word_at(self.pos)
                        .is_some_and(|(w, _)| w == "per" || w == "every") =>
                {
                    // `once every 5 minutes`, `5 times per day`.
                    often = self.after_how_many();
                    BinOp::Div
                }
                // `20% of 500 GB`; `3 replicas of 5 TB`, `1M rows of 200
                // bytes`: each of what the count counts (see `BinOp::At`).
                Some(Tok::Ident) if self.word_at(self.pos).is_some_and(|(w, _)| w == "of") => {
                    let percent = matches!(self.node(lhs), Expr::Number { percent: true, .. });
                    // `5% of 20% of 1 TB`: of what follows, whole.
                    of_whole = percent || self.text_of(lhs) == "half";
                    if !percent && self.counted_before() {
                        BinOp::At
                    } else if self.is_fraction(lhs)
                        && (self.figure_at(self.pos + 1)
                            || self.text_of(lhs) == "half" && self.operand_at(self.pos + 1))
                    {
                        // `1/3 of 900 GB`: a fraction of it.
                        BinOp::Mul
                    } else {
                        self.of(lhs)?;
                        BinOp::Mul
                    }
                }
                // `1 TB over 1 Gbps` (a transfer's time), `10 GB per day
                // over 5 years` (so long): as `at` reads them.
                Some(Tok::Ident) if self.word_at(self.pos).is_some_and(|(w, _)| w == "over") => {
                    BinOp::Over
                }
                // `at 5 MB each`, `of 1 KB each`: `each` after a figure says
                // what `at` and `of` say already (the question reader blanks
                // it; an estimate file's expression reads it here).
                Some(Tok::Ident)
                    if self.word_at(self.pos).is_some_and(|(w, _)| w == "each")
                        && !self.operand_at(self.pos + 1)
                        && self
                            .word_at(self.pos + 1)
                            .is_none_or(|(w, _)| self.unit_here(w).is_none()) =>
                {
                    self.pos += 1;
                    continue;
                }
                // `10 requests each second`: each before a unit is per.
                Some(Tok::Ident)
                    if self.word_at(self.pos).is_some_and(|(w, _)| w == "each")
                        && self
                            .word_at(self.pos + 1)
                            .is_some_and(|(w, _)| self.unit_here(w).is_some()) =>
                {
                    BinOp::Div
                }
                // `10 writes per 100 users a day`: `a` before a unit, left
                // by the figure (see `Parser::per_figure`), says per.
                Some(Tok::Ident) if self.article_before_unit(self.pos) => BinOp::Div,
                // `3 x 4 GB`, `100M users x 1 KB`: `x` between figures is times.
                Some(Tok::Ident) if self.times_x(self.pos) => BinOp::Mul,
                // `1 out of 1000`: as `1 in 1000`.
                Some(Tok::Ident)
                    if self.word_at(self.pos).is_some_and(|(w, _)| w == "out")
                        && self.word_at(self.pos + 1).is_some_and(|(w, _)| w == "of")
                        && self.figure_at(self.pos + 2) =>
                {
                    self.pos += 1;
                    BinOp::Over
                }
                // `100 GB in 10 minutes` (a rate), `2 Gbps in 10 minutes`
                // (what it comes to): a figure after `in` reads as `over`.
                // (`in` before a unit alone converts: `in QPS`.)
                Some(Tok::Ident)
                    if self.word_at(self.pos).is_some_and(|(w, _)| w == "in")
                        && self.figure_at(self.pos + 1) =>
                {
                    BinOp::Over
                }
                // `3 times a day`, `5 times per hour`, `2 times every 10
                // minutes`: how often, so per; `3 times 4 GB` multiplies.
                Some(Tok::Ident) if self.word_at(self.pos).is_some_and(|(w, _)| w == "times") => {
                    if self.per_adverb_at(self.pos + 1).is_some() {
                        // `3 times weekly`: the word says per.
                        self.pos += 1;
                        continue;
                    }
                    if self.how_often_at(self.pos + 1) {
                        self.pos += 1;
                        often = true;
                        BinOp::Div
                    } else {
                        BinOp::Mul
                    }
                }
                // `1M users twice a day`: that many times each, then how often.
                Some(Tok::Ident)
                    if self.word_at(self.pos).is_some_and(|(w, _)| {
                        crate::lang::glue::how_many_times(w).is_some() && !(self.is_name)(w)
                    }) && self.how_often_at(self.pos + 1) =>
                {
                    // No operator to step over: `twice` is the operand.
                    self.pos -= 1;
                    BinOp::Mul
                }
                // `twice a day`, `once every 5 minutes`: see `primary`.
                Some(Tok::Ident)
                    if self.pos > 0
                        && self.word_at(self.pos - 1).is_some_and(|(w, _)| {
                            crate::lang::glue::how_many_times(w).is_some()
                        })
                        && self.how_often_at(self.pos) =>
                {
                    often = true;
                    BinOp::Div
                }
                // `30 MB/s for 1 hour`: for so long.
                Some(Tok::Ident) if self.word_at(self.pos).is_some_and(|(w, _)| w == "for") => {
                    BinOp::Mul
                }
                // `6B URLs at 500 bytes`, `10 TB at 100 MB/s`: see `BinOp::At`.
                Some(Tok::Ident) if self.word_at(self.pos).is_some_and(|(w, _)| w == "at") => {
                    BinOp::At
                }
                // `5x` is the factor 5, and `5x avg` five times avg.
                Some(Tok::Ident) if self.multiplier_x(self.pos) => {
                    if self.per_adverb_at(self.pos + 1).is_some() {
                        // `2x daily`.
                        self.pos += 1;
                        continue;
                    }
                    // `3x a day`, `2x per hour`: how often, as `3 times a day`.
                    if self.how_often_at(self.pos + 1) {
                        self.pos += 1;
                        often = true;
                        BinOp::Div
                    } else if !self.operand_at(self.pos + 1) {
                        self.pos += 1;
                        continue;
                    } else {
                        BinOp::Mul
                    }
                }
                _ => break,
            };
            // (`/` is arithmetic: `1B requests / 10K requests per second`
            // divides by the rate.)
            let per_word = op == BinOp::Div
                && self
                    .word_at(self.pos)
                    .is_some_and(|(w, _)| w == "per" || w == "every");
            if op == BinOp::Div && self.peek_tok() == Some(Tok::Slash) {
                self.described_then_per(lhs, self.pos + 1)?;
            }
            self.pos += 1;
            let rhs = if std::mem::take(&mut of_whole) {
                self.term()?
            } else if let Some(unit) = self.unit_after_per(op) {
                unit?
            } else if per_word && self.figure_at(self.pos) {
                let outer = std::mem::replace(&mut self.per_figure, true);
                let rhs = self.range();
                self.per_figure = outer;
                rhs?
            } else {
                self.range()?
            };
            let op = if op == BinOp::At {
                self.count_at_rate(lhs, rhs)?
            } else {
                op
            };
            lhs = if often {
                self.how_often(lhs, rhs, true)?
            } else {
                self.binary(op, lhs, rhs)?
            };
        }
        Ok(lhs)
    }

    /// Was the word before the current token a number of times (`3
    /// times`, `once`, `twice`, `3x`)?
    fn after_how_many(&self) -> bool {
        self.pos > 0
            && (self.word_at(self.pos - 1).is_some_and(|(w, _)| {
                w == "times" || crate::lang::glue::how_many_times(w).is_some()
            }) || self.multiplier_x(self.pos - 1))
    }

    /// `lhs` divided by the time `rhs`: when `often` (a number of times
    /// before it) and `lhs` is something times that number, `1M users * 3
    /// times a day` is 1M users times (3 a day), as `1M users * twice a day`
    /// is: a rate each of them has.
    fn how_often(&mut self, lhs: NodeId, rhs: NodeId, often: bool) -> Result<NodeId, ExprError> {
        if often
            && let Expr::Binary {
                op: BinOp::Mul,
                lhs: each,
                rhs: times,
                ..
            } = *self.node(lhs)
            && matches!(self.node(times), Expr::Number { .. })
        {
            let rate = self.binary(BinOp::Div, times, rhs)?;
            return self.binary(BinOp::Mul, each, rate);
        }
        self.binary(BinOp::Div, lhs, rhs)
    }

    /// `1B requests at 10K QPS` is the time to get through them (so in `how
    /// long to process ...`); `100 servers at 1000 RPS each` is what they
    /// serve together (with `each`). A count at a rate of nothing named,
    /// with neither, reads both ways: refused with both.
    fn count_at_rate(&self, lhs: NodeId, rhs: NodeId) -> Result<BinOp, ExprError> {
        let node = |id: NodeId| self.node(id);
        if self.asked_long && crate::lang::ast::count_at_rate(&node, lhs, rhs, true) {
            return Ok(BinOp::Div);
        }
        if !crate::lang::ast::count_at_rate(&node, lhs, rhs, false) {
            return Ok(BinOp::At);
        }
        if self.word_at(self.pos).is_some_and(|(w, _)| w == "each") {
            return Ok(BinOp::At);
        }
        let (a, b) = (self.text_of(lhs), self.text_of(rhs));
        Err(self.two_readings(
            self.span(lhs).to(self.span(rhs)),
            [format!("{a} at {b} each"), format!("{a} / ({b})")],
            "the first for what they do together, the second for the time to get through them",
        ))
    }

    /// `1 TB / 4 KB pages per day`: after a `/`, a figure with a unit, a
    /// noun it describes and then `per` a unit reads two ways, (1 TB / 4 KB
    /// pages) a day or 1 TB over 4 KB pages a day; refused with both. (A
    /// figure of things alone, `1M users / 1000 users per server`, divides
    /// by the rate: `/` is arithmetic.)
    fn described_then_per(&self, lhs: NodeId, at: usize) -> Result<(), ExprError> {
        let word = |i: usize| self.word_at(at + i).map(|(w, _)| w);
        let counted = |w: &str| {
            units::lookup(w).is_none() && matches!(self.known_unit(w), Some(UnitRef::Count(..)))
        };
        let shape = matches!(self.tokens.get(at).map(|t| t.tok), Some(Tok::Number { .. }))
            && word(1).is_some_and(|w| units::lookup(w).is_some())
            && word(2).is_some_and(counted)
            && word(3).is_some_and(|w| matches!(w, "per" | "every" | "a" | "an" | "each"))
            && word(4).is_some_and(|w| self.unit_here(w).is_some());
        if !shape {
            return Ok(());
        }
        let figure = Span::new(self.tokens[at].span.start, self.tokens[at + 2].span.end);
        let per = Span::new(self.tokens[at + 3].span.start, self.tokens[at + 4].span.end);
        let (a, f, p) = (
            self.text_of(lhs),
            &self.src[figure.start..figure.end],
            &self.src[per.start..per.end],
        );
        Err(self.two_readings(
            self.span(lhs).to(per),
            [format!("({a} / {f}) {p}"), format!("{a} / ({f} {p})")],
            "the first for so many a time, the second to divide by the rate",
        ))
    }

    /// Is the token at `pos` an article (`a`, `an`, no name) before a unit,
    /// which says "per" (`1 billion a day`, `... per 100 users a day`)?
    pub(super) fn article_before_unit(&self, pos: usize) -> bool {
        self.word_at(pos)
            .is_some_and(|(w, _)| matches!(w, "a" | "an") && !(self.is_name)(w))
            && self
                .word_at(pos + 1)
                .is_some_and(|(u, _)| !is_keyword(u) && self.unit_here(u).is_some())
    }

    /// Is the token at `pos` an `x` that says times: a word `x`, no name,
    /// with a space before it and a figure after (`3 x 4 GB`)?
    pub(super) fn times_x(&self, pos: usize) -> bool {
        self.word_at(pos).is_some_and(|(w, _)| w == "x")
            && !(self.is_name)("x")
            && !self.multiplier_x(pos)
            && self.figure_at(pos + 1)
    }

    /// Is the token at `pos` the `x` of a multiplier, written straight
    /// after a number (`5x`)? With a space, `5 x` is a number and a unit.
    pub(super) fn multiplier_x(&self, pos: usize) -> bool {
        let (Some(x), Some(before)) = (
            self.tokens.get(pos),
            pos.checked_sub(1).and_then(|p| self.tokens.get(p)),
        ) else {
            return false;
        };
        x.tok == Tok::Ident
            && x.text(self.src) == "x"
            && matches!(before.tok, Tok::Number { .. })
            && before.span.end == x.span.start
    }

    /// Does an operand start at token `pos`: a number, a name, `$` or `(`?
    pub(super) fn operand_at(&self, pos: usize) -> bool {
        match self.tokens.get(pos).map(|t| t.tok) {
            Some(Tok::Number { .. } | Tok::LParen | Tok::Dollar) => true,
            Some(Tok::Ident) => self.word_at(pos).is_some_and(|(w, _)| !is_keyword(w)),
            _ => false,
        }
    }

    /// Is the word before the current token a count or unit that `of`
    /// gives each of (`3 replicas of`, `1 hour of`)?
    fn counted_before(&self) -> bool {
        self.pos > 0
            && self
                .word_at(self.pos - 1)
                .is_some_and(|(w, _)| !is_keyword(w) && self.known_unit(w).is_some())
            && self.figure_at(self.pos + 1)
    }

    /// Is node `id` a fraction written with a `/` and no spaces (`1/3`)?
    fn is_fraction(&self, id: NodeId) -> bool {
        // `half of 1 TB`.
        if self.text_of(id) == "half" {
            return true;
        }
        let Expr::Binary {
            op: BinOp::Div,
            lhs,
            rhs,
            ..
        } = self.node(id)
        else {
            return false;
        };
        let number = |id: &NodeId| {
            matches!(
                self.node(*id),
                Expr::Number {
                    percent: false,
                    money: false,
                    ..
                }
            )
        };
        number(lhs) && number(rhs) && self.span(*lhs).end + 1 == self.span(*rhs).start
    }

    /// Does a figure start at token `pos`: a number, `$` and a number, or
    /// `a`/`an` before a unit (`a day`)?
    fn figure_at(&self, pos: usize) -> bool {
        match self.tokens.get(pos).map(|t| t.tok) {
            Some(Tok::Number { .. }) => true,
            Some(Tok::Dollar) => matches!(
                self.tokens.get(pos + 1).map(|t| t.tok),
                Some(Tok::Number { .. })
            ),
            Some(Tok::Ident) => {
                self.word_at(pos)
                    .is_some_and(|(w, _)| matches!(w, "a" | "an"))
                    && self
                        .word_at(pos + 1)
                        .is_some_and(|(w, _)| !is_keyword(w) && self.unit_here(w).is_some())
            }
            _ => false,
        }
    }

    /// `k = 3` then `5 k`: a magnitude written after a space (`5 k` is
    /// 5,000) spelt as a defined name reads both ways; refused with both.
    fn spaced_magnitude_or_name(&self, span: Span, digits: Span) -> Result<(), ExprError> {
        let text = &self.src[span.start..span.end];
        let written = &self.src[digits.start..digits.end];
        let Some(suffix) = text.strip_prefix(written).map(str::trim_start) else {
            return Ok(());
        };
        if suffix.len() == text.len() - written.len() || !(self.is_name)(suffix) {
            return Ok(());
        }
        Err(self.two_readings(
            span,
            [
                format!("{written}{suffix}"),
                format!("{written} * {suffix}"),
            ],
            "the first for the magnitude, the second for your name",
        ))
    }

    /// After how often's `a`, `per` or `every` a unit stands, so a unit
    /// in another case is read as one (`3 times a Day`, `PER MINUTE`).
    fn unit_after_per(&mut self, op: BinOp) -> Option<Result<NodeId, ExprError>> {
        let glue = self.word_at(self.pos.checked_sub(1)?)?.0;
        let (word, span) = self.word_at(self.pos)?;
        let folded = op == BinOp::Div
            && matches!(glue, "a" | "an" | "per" | "every" | "each")
            && !(self.is_name)(word)
            && self.known_unit(word).is_none();
        let unit = self.unit_here(word).filter(|_| folded)?;
        self.pos += 1;
        Some(self.push(Expr::unit(unit, 1, span), 0))
    }

    /// The unit of time the word at `pos` says "per" of, as after a figure
    /// (`10 GB hourly`): a word of how often (see [`crate::lang::glue::per_adverb`])
    /// that is no name and is not followed by a noun or figure it describes.
    fn per_adverb_at(&self, pos: usize) -> Option<(UnitRef, Span)> {
        let (word, span) = self.word_at(pos)?;
        let unit = crate::lang::glue::per_adverb(&word.to_ascii_lowercase())
            .filter(|_| !(self.is_name)(word))?;
        if self.operand_at(pos + 1) || self.unit_word_at(pos + 1).is_some() {
            return None;
        }
        Some((UnitRef::Unit(units::lookup(unit)?), span))
    }

    /// `twice = 3`, then `twice a day`: the word's number or your name;
    /// refused with both readings, as a magnitude letter that is a name is.
    fn word_or_name(&self, word: &str, span: Span) -> ExprError {
        // What follows, up to the figure it applies to: `of 1 TB`, `a day`.
        let words = self.tokens[self.pos..]
            .iter()
            .take(3)
            .take_while(|t| matches!(t.tok, Tok::Ident | Tok::Number { .. }))
            .last()
            .map_or(span.end, |t| t.span.end);
        let rest = &self.src[span.end..words];
        // The word's reading, written so it reads one way only.
        let said = match (word, self.word_at(self.pos).map(|(w, _)| w)) {
            ("half", Some("of")) => format!("1/2{rest}"),
            ("half", _) => format!(
                "0.5 {}",
                rest.trim_start()
                    .split_once(' ')
                    .map_or("", |(_, unit)| unit)
            ),
            (w, _) if crate::lang::glue::cardinal(w).is_some() => {
                format!("{}{rest}", crate::lang::glue::cardinal(w).unwrap_or(1.0))
            }
            ("once", _) => format!("1 times{rest}"),
            ("thrice", _) => format!("3 times{rest}"),
            _ => format!("2 times{rest}"),
        };
        self.two_readings(
            Span::new(span.start, words),
            [said, format!("({word}){rest}")],
            "the first for the word, the second for your name",
        )
    }

    /// The text at `span` can be read two ways: refused with both
    /// `readings`, each as it would be written, and `advice` on writing them.
    fn two_readings(&self, span: Span, readings: [String; 2], advice: &'static str) -> ExprError {
        let text = self.src[span.start..span.end].to_string();
        ExprError::new(
            ExprErrorKind::Ambiguous {
                text,
                readings,
                advice,
            },
            span,
        )
    }

    /// A number said as a word (`a`, `half`, `twice`) at `span`.
    fn word_number(&mut self, value: f64, span: Span) -> Result<NodeId, ExprError> {
        let node = Expr::Number {
            value,
            magnitude: None,
            percent: false,
            money: false,
            digits: Digits::within(span, span),
            span: span.into(),
        };
        self.push(node, 0)
    }

    /// The number `word` says when what it counts follows the current
    /// token: `half` before `an hour` or `of 1 TB`, `twice` before how often.
    fn number_word(&self, word: &str) -> Option<f64> {
        match word {
            "half" => self.half_of_what().then_some(0.5),
            // `ten million users`, `two billion`, `five minutes`.
            _ if crate::lang::glue::cardinal(word).is_some() => crate::lang::glue::cardinal(word)
                .filter(|_| {
                    self.word_at(self.pos).is_some_and(|(w, _)| {
                        !is_keyword(w)
                            && (units::magnitude_entry(w).is_some() || self.unit_here(w).is_some())
                    })
                }),
            _ => crate::lang::glue::how_many_times(word).filter(|_| self.how_often_at(self.pos)),
        }
    }

    /// After `half`: `a` or `an` before a unit or magnitude word (`half an
    /// hour`, `half a million`), or `of` before a figure (`half of 1 TB`)?
    fn half_of_what(&self) -> bool {
        match self.word_at(self.pos) {
            Some(("a" | "an", _)) => self.word_at(self.pos + 1).is_some_and(|(w, _)| {
                !is_keyword(w)
                    && (self.unit_here(w).is_some() || units::magnitude_entry(w).is_some())
            }),
            // `half of 1 TB`, `half of half of 1 TB`, `half of users`.
            Some(("of", _)) => {
                self.figure_at(self.pos + 1)
                    || self.word_at(self.pos + 1).is_some_and(|(w, _)| w == "half")
                    || self.name_at(self.pos + 1).is_some()
            }
            _ => false,
        }
    }

    /// Does how often start at token `pos`, as after `3 times`: `a` or
    /// `an` before a unit (`a day`), or `per`, `each` or `every` before a
    /// figure or a unit (`every 10 minutes`, `per hour`)?
    fn how_often_at(&self, pos: usize) -> bool {
        let unit_at = |p: usize| {
            self.word_at(p)
                .is_some_and(|(w, _)| !is_keyword(w) && self.unit_here(w).is_some())
        };
        // `3 times/day`: a `/` written against the unit.
        if self.tokens.get(pos).is_some_and(|t| t.tok == Tok::Slash) {
            return unit_at(pos + 1)
                && self.tokens[pos].span.end == self.tokens[pos + 1].span.start;
        }
        // `twice daily`, `3 times weekly`.
        if self.per_adverb_at(pos).is_some() {
            return true;
        }
        match self.word_at(pos) {
            Some(("a" | "an", _)) => self.figure_at(pos),
            // `every 10 minutes`, `per hour`, `once every half an hour`.
            Some(("per" | "each" | "every", _)) => {
                self.figure_at(pos + 1)
                    || unit_at(pos + 1)
                    || self.word_at(pos + 1).is_some_and(|(w, _)| w == "half")
            }
            _ => false,
        }
    }

    /// `of` follows a percentage: `20% of 500 GB` is 20% times 500 GB.
    fn of(&self, lhs: NodeId) -> Result<(), ExprError> {
        let percent = |id: NodeId| matches!(self.node(id), Expr::Number { percent: true, .. });
        let range_of_percents = matches!(self.node(lhs),
            Expr::Binary { op: BinOp::To, lhs, rhs, .. } if percent(*lhs) && percent(*rhs));
        if percent(lhs) || range_of_percents {
            if self.tokens.get(self.pos + 1).is_none() {
                let kind = ExprErrorKind::Expected {
                    expected: "what the percentage is of, as in `20% of 500 GB`",
                    found: "the end of the expression".into(),
                };
                return Err(ExprError::new(kind, self.end()));
            }
            return Ok(());
        }
        let span = self.peek().map_or(self.end(), |t| t.span);
        let kind = ExprErrorKind::Expected {
            expected: "a percentage before `of`, as in `20% of 500 GB`",
            found: format!("`{}`", self.text_of(lhs)),
        };
        Err(ExprError::new(kind, span))
    }

    /// The source text of node `id`.
    fn text_of(&self, id: NodeId) -> &str {
        let span = self.span(id);
        self.src.get(span.start..span.end).unwrap_or("")
    }

    fn unary(&mut self) -> Result<NodeId, ExprError> {
        let sign = self.peek().and_then(|t| match t.tok {
            Tok::Minus | Tok::Plus => Some((t.tok == Tok::Minus, t.span)),
            _ => None,
        });
        let Some((negative, span)) = sign else {
            return self.power();
        };
        // A sign is a level of nesting: `- - - 5` recurses once per sign.
        self.pos += 1;
        self.enter()?;
        let expr = self.unary()?;
        self.depth -= 1;
        if !negative {
            return Ok(expr);
        }
        self.negate(span, expr)
    }

    /// `-expr`, the sign written at `sign`.
    fn negate(&mut self, sign: Span, expr: NodeId) -> Result<NodeId, ExprError> {
        let span = sign.to(self.span(expr));
        self.push(
            Expr::Neg {
                expr,
                span: span.into(),
            },
            self.height(expr),
        )
    }

    /// A primary with its units, then an optional power. When the base is
    /// a bare number or group, units written after the power apply to the
    /// whole power: `2^30 bytes` is 2^30 bytes, not 2 to the power 30 bytes.
    fn power(&mut self) -> Result<NodeId, ExprError> {
        let primary = self.primary()?;
        if let Some(fraction) = self.fraction(primary)? {
            return self.attach_units(fraction);
        }
        let bare = self.was_group_or_number(primary);
        let base = self.units_after(primary)?;
        if !self.eat(Tok::Caret) {
            return Ok(base);
        }
        let exp = self.exponent()?;
        let pow = self.binary(BinOp::Pow, base, exp)?;
        if bare && base == primary {
            return self.attach_units(pow);
        }
        Ok(pow)
    }

    /// The right side of `^`: a signed primary, or a power of one (powers
    /// chain to the right). Units after it belong to the whole power.
    fn exponent(&mut self) -> Result<NodeId, ExprError> {
        self.enter()?;
        let out = match self.peek_tok() {
            Some(Tok::Minus) => {
                let sign = self.next().map_or(self.end(), |t| t.span);
                let expr = self.exponent()?;
                self.negate(sign, expr)?
            }
            Some(Tok::Plus) => {
                self.pos += 1;
                self.exponent()?
            }
            _ => {
                let base = self.primary()?;
                if self.eat(Tok::Caret) {
                    let exp = self.exponent()?;
                    self.binary(BinOp::Pow, base, exp)?
                } else {
                    base
                }
            }
        };
        self.depth -= 1;
        Ok(out)
    }

    fn primary(&mut self) -> Result<NodeId, ExprError> {
        let Some(token) = self.peek() else {
            return Err(self.expected("a number, name or `(`"));
        };
        self.pos += 1;
        match token.tok {
            Tok::Number {
                value,
                digits,
                magnitude,
            } => {
                let digits = Span::new(token.span.start, token.span.start + usize::from(digits));
                self.spaced_magnitude_or_name(token.span, digits)?;
                self.number(digits, value, magnitude, false, token.span)
            }
            Tok::Dollar => match self.next() {
                Some(Token {
                    tok:
                        Tok::Number {
                            value,
                            digits,
                            magnitude,
                        },
                    span,
                }) => {
                    let digits = Span::new(span.start, span.start + usize::from(digits));
                    self.number(digits, value, magnitude, true, token.span.to(span))
                }
                // `$` alone is the unit: `B * $`, `$ / day`.
                _ => {
                    self.pos -= 1;
                    self.word("$", token.span)
                }
            },
            Tok::LParen => {
                self.enter()?;
                let outer = std::mem::replace(&mut self.per_figure, false);
                let inner = self.expr();
                self.per_figure = outer;
                let inner = inner?;
                if !self.eat(Tok::RParen) {
                    return Err(self.expected("`)` to close the `(`"));
                }
                self.depth -= 1;
                Ok(inner)
            }
            // `a billion requests`, `for a year`: one of what follows.
            Tok::Ident if self.article_one() => self.word_number(1.0, token.span),
            // `a 5 MB photo`, `over a 1 Gbps link`: the figure; the noun
            // after it says what it is (see `Parser::described`).
            Tok::Ident
                if matches!(token.text(self.src), "a" | "an")
                    && !(self.is_name)(token.text(self.src))
                    && self.figure_at(self.pos)
                    && self
                        .tokens
                        .get(self.pos)
                        .is_some_and(|t| t.tok != Tok::Ident) =>
            {
                self.primary()
            }
            // `half an hour`, `half of 1 TB`, `twice a day`, `once every 5
            // minutes`: a number in words where what it counts follows
            // (`twice` alone is no figure); a name spelt so reads both ways.
            Tok::Ident if self.number_word(token.text(self.src)).is_some() => {
                let word = token.text(self.src);
                if (self.is_name)(word) {
                    return Err(self.word_or_name(word, token.span));
                }
                let value = self.number_word(word).unwrap_or(1.0);
                if word == "half"
                    && self
                        .word_at(self.pos)
                        .is_some_and(|(w, _)| matches!(w, "a" | "an"))
                {
                    self.pos += 1;
                }
                self.word_number(value, token.span)
            }
            Tok::Ident => self.word(token.text(self.src), token.span),
            _ => {
                self.pos -= 1;
                Err(self.expected("a number, name or `(`"))
            }
        }
    }

    /// A question in words before the expression, which it consumes:
    /// `how many UNIT in|is|are …` asks for the expression in that unit
    /// (`how many seconds in a month`); `how long to VERB …` and `what is
    /// …` ask for the expression itself (`how long to send 1 TB over 1
    /// Gbps`), which may still be converted (`what is 7 days in seconds`).
    /// The unit asked for, if the question names one.
    fn question(&mut self) -> Result<Asked, ExprError> {
        let word = |p: &Self, i: usize| p.word_at(p.pos + i).map(|(w, _)| w.to_ascii_lowercase());
        match (word(self, 0).as_deref(), word(self, 1).as_deref()) {
            // `how many 4 KB pages in 1 GB`, `how many 4 TB disks for 1 PB`:
            // how many of that figure the rest holds.
            (Some("how"), Some("many")) if self.figure_at(self.pos + 2) => {
                self.pos += 2;
                let each = self.range()?;
                // The noun read past after the figure (`pages`) names the answer.
                let noun = self.word_at(self.pos - 1).and_then(|(w, span)| {
                    let id = self
                        .counts
                        .lookup(w)
                        .filter(|_| units::lookup(w).is_none())?;
                    Some(Target {
                        factors: vec![(UnitRef::Count(id, true), 1)],
                        percent: false,
                        span,
                    })
                });
                // `do I need`, `do we need`: filler before `for`.
                if self.word_at(self.pos).is_some_and(|(w, _)| w == "do")
                    && self.word_at(self.pos + 2).is_some_and(|(w, _)| w == "need")
                {
                    self.pos += 3;
                }
                self.eat_word("fit");
                if !(self.eat_word("in") || self.eat_word("into") || self.eat_word("for")) {
                    return Err(self.expected(
                        "`in` or `for` after what is counted, as in `how many 4 KB pages in 1 GB`",
                    ));
                }
                Ok(Asked::Each(each, noun))
            }
            // `how much storage for ...`, `how much bandwidth is ...`: what
            // is asked is the expression itself.
            (Some("how"), Some("much"))
                if self.word_at(self.pos + 2).is_some_and(|(w, _)| {
                    !is_keyword(w) && !(self.is_name)(w) && self.unit_here(w).is_none()
                }) && self.word_at(self.pos + 3).is_some_and(|(w, _)| {
                    matches!(
                        w,
                        "for" | "is" | "are" | "in" | "at" | "do" | "does" | "would" | "will"
                    )
                }) =>
            {
                self.pos += 4;
                if self
                    .word_at(self.pos - 1)
                    .is_some_and(|(w, _)| matches!(w, "do" | "does" | "would" | "will"))
                {
                    // `how much storage do we need for`, `would it take`.
                    while self.word_at(self.pos).is_some_and(|(w, _)| {
                        matches!(
                            w,
                            "i" | "I" | "we" | "you" | "it" | "need" | "take" | "use" | "be"
                        )
                    }) {
                        self.pos += 1;
                    }
                    self.eat_word("for");
                }
                Ok(Asked::Nothing)
            }
            // `how many servers for 50K QPS at 2K QPS each`: the whole over
            // what each takes.
            (Some("how"), Some("many"))
                if self.word_at(self.pos + 2).is_some_and(|(w, _)| {
                    !is_keyword(w) && self.counts.lookup(w).is_some() && units::lookup(w).is_none()
                }) && self.word_at(self.pos + 3).is_some_and(|(w, _)| w == "for") =>
            {
                let (w, span) = self.word_at(self.pos + 2).unwrap_or(("", self.end()));
                let noun = self.counts.lookup(w).map(|id| Target {
                    factors: vec![(UnitRef::Count(id, true), 1)],
                    percent: false,
                    span,
                });
                self.pos += 4;
                Ok(Asked::ForEach(noun))
            }
            // `what QPS is 1B requests a day`: the expression in that unit.
            (Some("what"), Some(w))
                if !matches!(w, "is" | "are")
                    && self
                        .word_at(self.pos + 1)
                        .is_some_and(|(w, _)| self.unit_here(w).is_some())
                    && self
                        .word_at(self.pos + 2)
                        .is_some_and(|(w, _)| matches!(w, "is" | "are")) =>
            {
                self.pos += 1;
                let target = self.target()?;
                if !(self.eat_word("is") || self.eat_word("are")) {
                    return Err(self.expected(
                        "`is` after the unit asked for, as in `what QPS is 1B requests a day`",
                    ));
                }
                Ok(Asked::Target(target))
            }
            // `how much is 10M users at 2 KB each`: the expression.
            (Some("how"), Some("much"))
                if matches!(word(self, 2).as_deref(), Some("is" | "are")) =>
            {
                self.pos += 3;
                Ok(Asked::Nothing)
            }
            (Some("how"), Some("many" | "much")) => {
                self.pos += 2;
                let target = self.target()?;
                // `how many requests per day at 100 QPS`: at that rate.
                if !(self.eat_word("in")
                    || self.eat_word("is")
                    || self.eat_word("are")
                    || self.eat_word("at"))
                {
                    return Err(self.expected(
                        "`in` or `is` after what is asked, as in `how many seconds in a month`",
                    ));
                }
                Ok(Asked::Target(target))
            }
            (Some("how"), Some("long")) => {
                self.pos += 2;
                // `how long does it take to`, `how long will it take to`.
                if matches!(word(self, 0).as_deref(), Some("does" | "will" | "would"))
                    && word(self, 1).as_deref() == Some("it")
                    && word(self, 2).as_deref() == Some("take")
                {
                    self.pos += 3;
                }
                if !self.eat_word("to") {
                    return Err(self.expected(
                        "`to` and what is done, as in `how long to send 1 TB over 1 Gbps`",
                    ));
                }
                // The verb: `send`, `upload`, `transfer`, `copy`.
                if word(self, 0).is_some_and(|w| units::lookup(&w).is_none()) {
                    self.pos += 1;
                }
                self.asked_long = true;
                Ok(Asked::Nothing)
            }
            (Some("what"), Some("is" | "are")) => {
                self.pos += 2;
                Ok(Asked::Nothing)
            }
            (Some("what's"), _) => {
                self.pos += 1;
                Ok(Asked::Nothing)
            }
            _ => Ok(Asked::Nothing),
        }
    }

    /// Is the word just read `a` or `an` standing for one: before a unit
    /// or a magnitude word (`a day`, `an hour`, `a billion`), where no
    /// name `a` is defined? Before a figure (`a 1 Gbps link`) it says
    /// nothing and is skipped; before a bare count (`a 4K stream`) it is
    /// refused, since `4K` may be a count or a name.
    fn article_one(&mut self) -> bool {
        let Some((word, _)) = self.word_at(self.pos - 1) else {
            return false;
        };
        if !matches!(word, "a" | "an") || (self.is_name)(word) {
            return false;
        }
        match self.tokens.get(self.pos).map(|t| t.tok) {
            Some(Tok::Ident) => self
                .word_at(self.pos)
                .is_some_and(|(w, _)| !is_keyword(w) && self.unit_here(w).is_some()),
            _ => false,
        }
    }
}

/// What a question asks, read before its expression.
enum Asked {
    /// Nothing, or nothing that changes the expression (`what is`).
    Nothing,
    /// A unit to answer in (`how many seconds in a month`).
    Target(Target),
    /// How many of this figure the expression holds (`how many 4 KB pages
    /// in 1 GB`), and the noun that names them, when one does.
    Each(NodeId, Option<Target>),
    /// How many things an expression `A at B each` needs, each taking B:
    /// A over B (`how many servers for 50K QPS at 2K QPS each` is 25
    /// servers), and the noun that names them.
    ForEach(Option<Target>),
}

#[cfg(test)]
mod tests {
    use crate::lang::env::Env;
    use crate::lang::eval::eval_statement;

    /// The value of `src` in base units.
    fn value(src: &str) -> f64 {
        let stmt = super::parse(src, &crate::quantity::count::Counts::default())
            .unwrap_or_else(|e| panic!("{src}: {e}"));
        eval_statement(&stmt, &Env::default(), "")
            .unwrap_or_else(|e| panic!("{src}: {e}"))
            .exact()
            .unwrap_or_else(|| panic!("{src} is exact"))
            .si_value()
    }

    /// Precedence and associativity, loosest first: each case differs from
    /// what another binding would give.
    #[test]
    fn precedence_table() {
        let cases = [
            ("2 + 3 * 4", 14.0),
            ("8 - 4 - 2", 2.0),
            ("8 / 4 / 2", 1.0),
            ("2 * 3 ^ 2", 18.0),
            ("-2 ^ 2", -4.0),
            ("2 ^ 3 ^ 2", 512.0),
            ("2 ^ -1", 0.5),
            ("(2 + 3) * 4", 20.0),
            ("6 per 2", 3.0),
            // A unit after a number binds tighter than `/`: 100 / (4 s).
            ("100 / 4 s", 25.0),
            // A compound unit is one unit; a spaced `/` divides left to right.
            ("6 GB / 2 GB/s", 3.0),
            ("6 GB / 2 GB / s", 3.0),
            ("6 GB / 2 GB per s", 3.0),
            // A power of a number takes the unit after it.
            ("2^10 B", 1024.0),
            // A tight fraction before a unit is one number.
            ("1/2 kB", 500.0),
            ("1 / 2 kB", 0.0005),
            ("50% * 4", 2.0),
        ];
        for (src, want) in cases {
            let got = value(src);
            assert!(
                (got - want).abs() <= 1e-12 * want.abs(),
                "{src}: {got}, want {want}"
            );
        }
    }
}
