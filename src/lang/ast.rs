//! The expression tree: a statement's nodes in one list, children before
//! parents, with names and numbers as spans of its text. How a tree prints
//! "as read" is `reading`'s job; nothing here evaluates.

use crate::quantity::count::CountId;
use crate::span::Span;
use crate::units::{MAGNITUDE_WORDS, UnitDef};
use std::num::NonZeroU8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BinOp {
    Add,
    Mul,
    Div,
    Pow,
    /// `LOW to HIGH`: a range.
    To,
    /// `A at B`: a size at a rate is the time it takes (`10 TB at 100
    /// MB/s`); otherwise each of what A counts at B (`6 billion URLs at 500
    /// bytes` is 3 TB: B is per URL).
    At,
    /// `A over B` (and `A in B` where B is a figure): an amount over a time
    /// is a rate (`100 GB over 1 hour`), a rate over a time the amount it
    /// comes to (`10 GB per day over 5 years`, `2 Gbps in 10 minutes`);
    /// over a number or a count, each one's share (`1 PB over 100 nodes`
    /// is 10 TB a node, `1 in 1000` is 0.001, and so is `1 out of 1000`);
    /// otherwise as `at` (`1 TB over 1 Gbps` is the time it takes).
    Over,
}

impl BinOp {
    pub(super) fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Pow => "^",
            BinOp::To => "to",
            BinOp::At => "at",
            BinOp::Over => "over",
        }
    }

    pub(super) fn precedence(self) -> u8 {
        match self {
            BinOp::Add => 1,
            BinOp::Mul | BinOp::Div | BinOp::At | BinOp::Over => 2,
            BinOp::To => 3,
            BinOp::Pow => 5,
        }
    }
}

impl UnitRef {
    /// Is it bytes with a decimal prefix (`kB`, `MB`, ..., `EB`)?
    pub(crate) fn is_decimal_bytes(&self) -> bool {
        matches!(self, UnitRef::Unit(d) if matches!(d.symbol, "kB" | "MB" | "GB" | "TB" | "PB" | "EB"))
    }
}

/// A word that stands for a fixed amount: a catalog unit or a magnitude word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum UnitRef {
    Unit(&'static UnitDef),
    /// A magnitude word and its factor (an entry of `units::MAGNITUDE_WORDS`).
    Magnitude(&'static (&'static str, f64)),
    /// A count the estimate declared (`request`), and whether it was
    /// written in the plural.
    Count(CountId, bool),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    Ceil,
    Floor,
    Round,
    Min,
    Max,
    Abs,
    Sqrt,
    Ln,
    Log10,
    Log2,
    Normal,
    Uniform,
    Pert,
    /// The value without its declared counts: the escape hatch.
    Uncounted,
    /// The M/M/c queue (`lang/queues.rs`): the chance an arrival waits.
    ErlangC,
    /// The time in queue: the mean, or at a percentile.
    Wait,
    /// The number waiting: the mean, or the depth at a percentile.
    QueueLength,
    /// The fewest servers keeping the wait within a target.
    ServersFor,
}

impl Func {
    pub(crate) const ALL: [(&'static str, Func); 18] = [
        ("ceil", Func::Ceil),
        ("floor", Func::Floor),
        ("round", Func::Round),
        ("min", Func::Min),
        ("max", Func::Max),
        ("abs", Func::Abs),
        ("sqrt", Func::Sqrt),
        ("ln", Func::Ln),
        ("log10", Func::Log10),
        ("log2", Func::Log2),
        ("normal", Func::Normal),
        ("uniform", Func::Uniform),
        ("pert", Func::Pert),
        ("uncounted", Func::Uncounted),
        ("erlang_c", Func::ErlangC),
        ("wait", Func::Wait),
        ("queue_length", Func::QueueLength),
        ("servers_for", Func::ServersFor),
    ];

    pub(crate) fn from_name(name: &str) -> Option<Func> {
        Func::ALL.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// A function named by an everyday word (`wait`), which may still name
    /// a quantity (`wait: 60 s`): a call needs its parenthesis.
    pub(crate) fn may_name(self) -> bool {
        matches!(self, Func::Wait)
    }

    /// `normal`, `uniform` and `pert` draw a range; units may follow them.
    pub(crate) fn is_distribution(self) -> bool {
        matches!(self, Func::Normal | Func::Uniform | Func::Pert)
    }

    pub(crate) fn name(self) -> &'static str {
        Func::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("?", |(n, _)| n)
    }
}

/// Where a node sits in its statement's list of nodes.
pub(crate) type NodeId = u32;

/// A [`Span`] in half the space, for nodes (expressions are at most
/// 10,000 bytes; large estimates hold hundreds of thousands of nodes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pos(u32, u32);

/// Where a number's digits sit inside its span: so many bytes in, so many
/// long (a number's span also takes in `$`, a magnitude suffix and `%`).
/// Kept this small so a node fits in 24 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Digits {
    pub(crate) offset: u16,
    pub(crate) len: u16,
}

impl Digits {
    /// The digits of `span` at `text` (which lies inside it).
    pub(crate) fn within(span: Span, text: Span) -> Digits {
        let narrow = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        Digits {
            offset: narrow(text.start.saturating_sub(span.start)),
            len: narrow(text.end.saturating_sub(text.start)),
        }
    }

    /// Back to a span of the statement's text.
    pub(crate) fn span(self, of: Pos) -> Span {
        let start = of.0 as usize + usize::from(self.offset);
        Span::new(start, start + usize::from(self.len))
    }
}

impl From<Span> for Pos {
    fn from(span: Span) -> Pos {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Pos(narrow(span.start), narrow(span.end))
    }
}

impl From<Pos> for Span {
    fn from(pos: Pos) -> Span {
        Span::new(pos.0 as usize, pos.1 as usize)
    }
}

/// One node of an expression. Children are [`NodeId`]s into the
/// statement's node list, and names and numbers are spans of its text, so
/// a whole expression is a few allocations however long it is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expr {
    /// A literal: its value with the magnitude applied, the magnitude word
    /// (an entry of `units::MAGNITUDE_WORDS`), flags for `%` and `$`, and
    /// where its digits sit as written (see [`Digits`]).
    Number {
        value: f64,
        magnitude: Option<Magnitude>,
        percent: bool,
        money: bool,
        digits: Digits,
        span: Pos,
    },
    /// A unit or magnitude word standing alone (`/ month`) or raised (`m^2`),
    /// written at byte `at`, `len` bytes long (a span in six bytes, so the
    /// node fits in 24).
    Unit {
        unit: UnitRef,
        power: i8,
        at: u32,
        len: u16,
    },
    /// A name: the statement's text at `span`. An estimate records in
    /// `slot` which of its quantities the name refers to, so evaluation
    /// reads a list rather than hashing the name; until then it is
    /// [`Expr::UNRESOLVED`].
    Name {
        span: Pos,
        slot: u32,
    },
    Neg {
        expr: NodeId,
        span: Pos,
    },
    Binary {
        op: BinOp,
        lhs: NodeId,
        rhs: NodeId,
        span: Pos,
    },
    /// Two or more terms added and subtracted, `a + b - c`, as one node, so
    /// a long sum is neither deep nor a node per operator. Its terms are
    /// `count` entries of the statement's argument list from `first`
    /// (read them with [`Statement::terms`]).
    Sum {
        first: u32,
        count: u16,
        span: Pos,
    },
    /// A number or group followed by a unit (always an [`Expr::Unit`]): `4 s`,
    /// `(a + b) MB`. Binds tighter than `/`.
    Juxt {
        lhs: NodeId,
        unit: NodeId,
        span: Pos,
    },
    /// A function call; its arguments are `count` entries of the
    /// statement's argument list from `first` (see [`Statement::args`]).
    Call {
        func: Func,
        first: u32,
        count: u16,
        span: Pos,
    },
}

/// A magnitude word (`million`) by its place in `units::MAGNITUDE_WORDS`,
/// in one byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Magnitude(NonZeroU8);

impl Magnitude {
    pub(crate) fn of(word: &str) -> Option<Magnitude> {
        let i = MAGNITUDE_WORDS.iter().position(|(w, _)| *w == word)?;
        NonZeroU8::new(u8::try_from(i + 1).ok()?).map(Magnitude)
    }

    pub(crate) fn word(self) -> &'static str {
        MAGNITUDE_WORDS[usize::from(self.0.get()) - 1].0
    }
}

impl Expr {
    /// The slot of a name no estimate has resolved.
    pub(crate) const UNRESOLVED: u32 = u32::MAX;

    /// Marks a subtracted term of an [`Expr::Sum`] in the argument list
    /// (node ids stay far below it: a statement is at most 10,000 bytes).
    pub(crate) const SUBTRACTED: NodeId = 1 << 31;

    /// An entry of the argument list as a node and whether it is a
    /// subtracted term (a call's arguments never are).
    pub(crate) fn term(entry: NodeId) -> (NodeId, bool) {
        (entry & !Expr::SUBTRACTED, entry & Expr::SUBTRACTED != 0)
    }

    /// A unit node written at `span` (which [`Expr::span`] gives back).
    pub(crate) fn unit(unit: UnitRef, power: i8, span: Span) -> Expr {
        let Pos(at, _) = Pos::from(span);
        Expr::Unit {
            unit,
            power,
            at,
            len: u16::try_from(span.end - span.start).unwrap_or(u16::MAX),
        }
    }
}

// Large estimates hold hundreds of thousands of nodes: keep them small.
const _: () = assert!(std::mem::size_of::<Expr>() <= 24);

impl Expr {
    pub(crate) fn span(&self) -> Span {
        match self {
            Expr::Number { span, .. }
            | Expr::Name { span, .. }
            | Expr::Neg { span, .. }
            | Expr::Binary { span, .. }
            | Expr::Sum { span, .. }
            | Expr::Juxt { span, .. }
            | Expr::Call { span, .. } => Span::from(*span),
            Expr::Unit { at, len, .. } => {
                let start = *at as usize;
                Span::new(start, start + usize::from(*len))
            }
        }
    }

    pub(super) fn precedence(&self) -> u8 {
        match self {
            Expr::Binary { op, .. } => op.precedence(),
            Expr::Sum { .. } => BinOp::Add.precedence(),
            Expr::Neg { .. } => 4,
            // "5 million" reads like a number followed by a unit, and a lone
            // unit must not meet a `^` it could take as its own power.
            Expr::Juxt { .. }
            | Expr::Unit { .. }
            | Expr::Number {
                magnitude: Some(_), ..
            } => 6,
            _ => 7,
        }
    }
}

/// The target of `->`: units multiplied and divided, or `%`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Target {
    /// Each factor with its exponent (negative when divided).
    pub(crate) factors: Vec<(UnitRef, i8)>,
    pub(crate) percent: bool,
    pub(crate) span: Span,
}

impl Target {
    /// The target as bote prints it: `MB/s`, `/s`, `%`, `km^2`, `/day`.
    pub(crate) fn label(&self) -> String {
        self.label_for(true)
    }

    /// [`Target::label`], its counts said of many (`urls/s`) or of one
    /// (`url/redirect`).
    /// Does it name bytes with a decimal prefix (`-> GB/s`)?
    pub(crate) fn writes_decimal_bytes(&self) -> bool {
        self.factors.iter().any(|(u, _)| u.is_decimal_bytes())
    }

    pub(crate) fn label_for(&self, many: bool) -> String {
        if self.percent {
            return "%".into();
        }
        // Multiplied units first, joined by `*`, then each divisor after a `/`.
        let mut out = String::with_capacity(8);
        for divided in [false, true] {
            for &(unit, e) in self.factors.iter().filter(|f| (f.1 < 0) == divided) {
                if divided {
                    out.push('/');
                } else if !out.is_empty() {
                    out.push('*');
                }
                match unit {
                    // `30 day` and `/day` read better than `30 d` and `/d`;
                    // `display::show` adds the plural.
                    UnitRef::Unit(d) if d.symbol == "d" => out.push_str("day"),
                    UnitRef::Unit(d) => out.push_str(d.symbol),
                    UnitRef::Magnitude((w, _)) => out.push_str(w),
                    // `requests/s`, `B/request`: as a person says it.
                    UnitRef::Count(id, _) => out.push_str(&id.name(many && !divided)),
                }
                if e.abs() != 1 {
                    out.push('^');
                    out.push_str(&e.abs().to_string());
                }
            }
        }
        out
    }
}

/// One line of input: an expression and an optional conversion. The
/// default is an empty statement, a placeholder until one is parsed.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Statement {
    /// The text the statement was read from; names and numbers point into it.
    pub(crate) text: Box<str>,
    /// Children before their parents; the last node is the root.
    pub(crate) nodes: Box<[Expr]>,
    /// The arguments of every call and the terms of every sum, one
    /// node's after another.
    pub(crate) args: Box<[NodeId]>,
    /// Boxed: most statements have none.
    pub(crate) target: Option<Box<Target>>,
    /// Written after `~` or `≈`: a figure given approximately.
    pub(crate) approximate: bool,
}

impl Statement {
    /// The expression's top node.
    pub(crate) fn root(&self) -> NodeId {
        #[allow(clippy::cast_possible_truncation)] // the parser caps the text at 10,000 bytes
        let last = self.nodes.len().saturating_sub(1) as NodeId;
        last
    }

    pub(crate) fn node(&self, id: NodeId) -> &Expr {
        &self.nodes[id as usize]
    }

    /// A call's arguments.
    pub(crate) fn args(&self, first: u32, count: u16) -> &[NodeId] {
        let first = first as usize;
        self.args
            .get(first..first + usize::from(count))
            .unwrap_or_default()
    }

    /// A sum's terms, each with whether it is subtracted (the first never is).
    pub(crate) fn terms(
        &self,
        first: u32,
        count: u16,
    ) -> impl Iterator<Item = (NodeId, bool)> + '_ {
        self.args(first, count).iter().map(|&t| Expr::term(t))
    }

    /// Whether the statement writes a unit with a decimal prefix of bytes
    /// (`KB`, `MB/s`, `-> GB`), which some books take as powers of 1,024.
    pub(crate) fn writes_decimal_bytes(&self) -> bool {
        let in_nodes = self.nodes.iter().any(|n| match n {
            Expr::Unit { unit, .. } => unit.is_decimal_bytes(),
            _ => false,
        });
        in_nodes
            || self
                .target
                .as_ref()
                .is_some_and(|t| t.writes_decimal_bytes())
    }

    /// Whether the expression at `id` is arithmetic of plain numbers alone:
    /// no name, unit, percentage, money or range.
    fn numbers_only(&self, id: NodeId) -> bool {
        match self.node(id) {
            Expr::Number {
                percent: false,
                money: false,
                ..
            } => true,
            Expr::Neg { expr, .. } => self.numbers_only(*expr),
            // `1 million` is a number too.
            Expr::Juxt { lhs, unit, .. } => {
                matches!(
                    self.node(*unit),
                    Expr::Unit {
                        unit: UnitRef::Magnitude(_),
                        ..
                    }
                ) && self.numbers_only(*lhs)
            }
            Expr::Binary { op, lhs, rhs, .. } => {
                *op != BinOp::To && self.numbers_only(*lhs) && self.numbers_only(*rhs)
            }
            Expr::Sum { first, count, .. } => self
                .terms(*first, *count)
                .all(|(t, _)| self.numbers_only(t)),
            Expr::Call {
                func, first, count, ..
            } => {
                !func.is_distribution()
                    && self
                        .args(*first, *count)
                        .iter()
                        .all(|&a| self.numbers_only(a))
            }
            _ => false,
        }
    }

    /// The span of the expression (without its conversion).
    pub(crate) fn span(&self) -> Span {
        self.nodes.last().map_or(Span::default(), Expr::span)
    }

    /// The text of a span (a name, or a number's digits).
    pub(crate) fn text_at(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// Does the expression write a range or a distribution of its own?
    pub(crate) fn draws(&self) -> bool {
        self.ranges() > 0
    }

    /// How many ranges and distributions it draws from.
    pub(crate) fn ranges(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| match n {
                Expr::Binary { op: BinOp::To, .. } => true,
                Expr::Call { func, .. } => func.is_distribution(),
                _ => false,
            })
            .count()
    }

    /// Is the whole expression one percentage literal, such as `20%`, or a
    /// range of two (`10% to 20%`, `10 to 20%`)?
    pub(crate) fn is_percentage(&self) -> bool {
        let percent = |id: NodeId| matches!(self.node(id), Expr::Number { percent: true, .. });
        match self.nodes.last() {
            Some(Expr::Number { percent: true, .. }) => self.nodes.len() == 1,
            Some(Expr::Binary {
                op: BinOp::To,
                lhs,
                rhs,
                ..
            }) => percent(*lhs) && percent(*rhs),
            _ => false,
        }
    }

    /// The units the expression was written in, when it is one number
    /// followed by catalog units (`100M per day`, `2 GB/s`, `$5/month`,
    /// `1 KiB`): the unit its author chose to say it in. A bare number, a
    /// magnitude word or any arithmetic gives `None`.
    pub(crate) fn written_units(&self) -> Option<Target> {
        self.written_units_at(self.root())
    }

    /// [`Statement::written_units`] of the part of the expression at `id`
    /// (`ceil(0.3 bit)`'s argument is written in bits).
    pub(crate) fn written_units_at(&self, id: NodeId) -> Option<Target> {
        let mut factors = Vec::new();
        let mut id = id;
        loop {
            let is_unit = |n: NodeId| matches!(self.node(n), Expr::Unit { .. });
            let node = self.nodes.get(id as usize)?;
            let step = match node {
                Expr::Juxt { lhs, unit, .. } => Some((*lhs, *unit, 1)),
                // `(1k) s` is a group times a unit: written in seconds too.
                Expr::Binary {
                    op: BinOp::Mul,
                    lhs,
                    rhs,
                    ..
                } if is_unit(*rhs) => Some((*lhs, *rhs, 1)),
                Expr::Binary {
                    op: BinOp::Div,
                    lhs,
                    rhs,
                    ..
                } if is_unit(*rhs) => Some((*lhs, *rhs, -1)),
                _ => None,
            };
            let Some((rest, unit, sign)) = step else {
                // What the units follow: a number, or arithmetic of numbers
                // alone (`10^5 s`, `(24 * 60) min`).
                match node {
                    Expr::Number {
                        percent: false,
                        money: true,
                        ..
                    } => factors.push((UnitRef::Unit(crate::units::lookup("$")?), 1)),
                    Expr::Number { percent: false, .. } => {}
                    _ if !factors.is_empty() && self.numbers_only(id) => {}
                    _ => return None,
                }
                break;
            };
            match self.node(unit) {
                Expr::Unit {
                    unit: unit @ (UnitRef::Unit(_) | UnitRef::Count(..)),
                    power,
                    ..
                } => {
                    factors.push((*unit, sign * power));
                }
                // `1 thousand seconds`: a magnitude word is part of the number.
                Expr::Unit {
                    unit: UnitRef::Magnitude(_),
                    ..
                } if sign == 1 => {}
                _ => return None,
            }
            id = rest;
        }
        if factors.is_empty() {
            return None;
        }
        factors.reverse();
        Some(Target {
            factors,
            percent: false,
            span: self.span(),
        })
    }

    /// Every name the expression refers to, in order of appearance.
    pub(crate) fn names(&self) -> impl Iterator<Item = (&str, Span)> {
        self.nodes.iter().filter_map(|n| match n {
            Expr::Name { span, .. } => {
                let span = Span::from(*span);
                Some((self.text_at(span), span))
            }
            _ => None,
        })
    }

    /// The names the value is proportional to: factors of the top product,
    /// not divided (`total_storage * price.s3_standard` has both; `a / b`
    /// and `a + b` have only `a`, and none).
    pub(crate) fn factor_names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        let mut todo = vec![self.root()];
        while let Some(id) = todo.pop() {
            match self.node(id) {
                Expr::Name { span, .. } => out.push(self.text_at(Span::from(*span))),
                Expr::Binary {
                    op: BinOp::Mul,
                    lhs,
                    rhs,
                    ..
                } => todo.extend([*rhs, *lhs]),
                Expr::Binary {
                    op: BinOp::Div,
                    lhs,
                    ..
                }
                | Expr::Juxt { lhs, .. } => todo.push(*lhs),
                Expr::Neg { expr, .. } => todo.push(*expr),
                _ => {}
            }
        }
        out
    }

    /// Record which quantity each name refers to: `slots` gives one slot
    /// per name, in the order [`Statement::names`] lists them.
    pub(crate) fn resolve(&mut self, slots: impl IntoIterator<Item = u32>) {
        let mut slots = slots.into_iter();
        for node in &mut self.nodes {
            if let Expr::Name { slot, .. } = node {
                *slot = slots.next().unwrap_or(Expr::UNRESOLVED);
            }
        }
    }
}

/// Is `lhs at rhs` a count of things at a rate, `1B requests at 10K QPS`,
/// `8 servers at 500 QPS`: a figure of a noun, at a figure per a time
/// (`10K QPS`, `100 per second`, `100/s`; with `things`, also `10K
/// writes/s`)? Such a line reads two ways (the time to get through them,
/// or what they do together) unless `each` or `how long` says which; the
/// parser asks, and `--explain` writes the `each` it read.
pub(crate) fn count_at_rate<'a>(
    node: &dyn Fn(NodeId) -> &'a Expr,
    lhs: NodeId,
    rhs: NodeId,
    things: bool,
) -> bool {
    use crate::quantity::dimension::Dimension;
    let figure = |id: NodeId| {
        matches!(
            node(id),
            Expr::Number {
                money: false,
                percent: false,
                ..
            }
        )
    };
    let count = |id: NodeId| {
        matches!(node(id), Expr::Juxt { lhs: n, unit, .. }
            if figure(*n) && matches!(node(*unit), Expr::Unit { unit: UnitRef::Count(..), power: 1, .. }))
    };
    let rate_unit = |id: NodeId| {
        matches!(node(id), Expr::Unit { unit: UnitRef::Unit(def), power, .. }
            if def.dim == Dimension::RATE && *power == 1 || def.dim == Dimension::TIME && *power == -1)
    };
    let rate = match node(rhs) {
        Expr::Juxt { lhs: n, unit, .. } => figure(*n) && rate_unit(*unit),
        Expr::Binary {
            op: BinOp::Div,
            lhs: n,
            rhs: t,
            ..
        } => {
            (figure(*n) || things && count(*n))
                && matches!(node(*t), Expr::Unit { unit: UnitRef::Unit(def), power: 1, .. }
                    if def.dim == Dimension::TIME)
        }
        _ => false,
    };
    count(lhs) && rate
}
