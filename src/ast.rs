//! The expression tree, and how it prints "as read": magnitudes and units
//! spelled out, so a misreading (`500B` as 500 billion) shows at a glance.
//!
//! Printing must parse back to the same tree's value; nothing here evaluates.

use crate::error::Span;
use crate::units::UnitDef;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

impl BinOp {
    fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Pow => "^",
        }
    }

    fn precedence(self) -> u8 {
        match self {
            BinOp::Add | BinOp::Sub => 1,
            BinOp::Mul | BinOp::Div => 2,
            BinOp::Pow => 4,
        }
    }
}

/// A word that stands for a fixed amount: a catalog unit or a magnitude word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum UnitRef {
    Unit(&'static UnitDef),
    Magnitude(&'static str, f64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
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
}

impl Func {
    pub const ALL: [(&'static str, Func); 10] = [
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
    ];

    pub fn from_name(name: &str) -> Option<Func> {
        Func::ALL.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    pub fn name(self) -> &'static str {
        Func::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("?", |(n, _)| n)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A literal: digits as written, value with magnitude, flags for `%` and `$`.
    Number {
        text: String,
        value: f64,
        magnitude: Option<&'static str>,
        percent: bool,
        money: bool,
        span: Span,
    },
    /// A unit or magnitude word standing alone (`/ month`) or raised (`m^2`).
    Unit {
        unit: UnitRef,
        power: i8,
        span: Span,
    },
    Name {
        name: String,
        span: Span,
    },
    Neg {
        expr: Box<Expr>,
        span: Span,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
        depth: usize,
        span: Span,
    },
    /// A number or group followed by a unit: `4 s`, `(a + b) MB`. Binds tighter than `/`.
    Juxt {
        lhs: Box<Expr>,
        unit: Box<Expr>,
        depth: usize,
        span: Span,
    },
    Call {
        func: Func,
        args: Vec<Expr>,
        span: Span,
    },
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Number { span, .. }
            | Expr::Unit { span, .. }
            | Expr::Name { span, .. }
            | Expr::Neg { span, .. }
            | Expr::Binary { span, .. }
            | Expr::Juxt { span, .. }
            | Expr::Call { span, .. } => *span,
        }
    }

    fn precedence(&self) -> u8 {
        match self {
            Expr::Binary { op, .. } => op.precedence(),
            Expr::Neg { .. } => 3,
            // "5 million" reads like a number followed by a unit, and a lone
            // unit must not meet a `^` it could take as its own power.
            Expr::Juxt { .. }
            | Expr::Unit { .. }
            | Expr::Number {
                magnitude: Some(_), ..
            } => 5,
            _ => 6,
        }
    }

    /// How deep the tree goes; cheap, since chains record their depth.
    pub fn depth(&self) -> usize {
        match self {
            Expr::Number { .. } | Expr::Unit { .. } | Expr::Name { .. } => 1,
            Expr::Neg { expr, .. } => 1 + expr.depth(),
            Expr::Binary { depth, .. } | Expr::Juxt { depth, .. } => *depth,
            Expr::Call { args, .. } => 1 + args.iter().map(Expr::depth).max().unwrap_or(0),
        }
    }

    /// Every name the expression refers to, in order of appearance.
    pub fn names<'a>(&'a self, out: &mut Vec<(&'a str, Span)>) {
        match self {
            Expr::Name { name, span } => out.push((name, *span)),
            Expr::Neg { expr, .. } => expr.names(out),
            Expr::Binary { lhs, rhs, .. } => {
                lhs.names(out);
                rhs.names(out);
            }
            Expr::Juxt { lhs, unit, .. } => {
                lhs.names(out);
                unit.names(out);
            }
            Expr::Call { args, .. } => args.iter().for_each(|a| a.names(out)),
            Expr::Number { .. } | Expr::Unit { .. } => {}
        }
    }
}

/// The target of `->`: units multiplied and divided, or `%`.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// Each factor with its exponent (negative when divided).
    pub factors: Vec<(UnitRef, i8)>,
    pub percent: bool,
    pub span: Span,
}

impl Target {
    /// The target as bote prints it: `MB/s`, `/s`, `%`, `km^2`.
    pub fn label(&self) -> String {
        if self.percent {
            return "%".into();
        }
        let sym = |u: &UnitRef, e: i8| {
            let s = match u {
                UnitRef::Unit(d) => d.symbol,
                UnitRef::Magnitude(w, _) => w,
            };
            if e.abs() == 1 {
                s.to_string()
            } else {
                format!("{s}^{}", e.abs())
            }
        };
        let num: Vec<String> = self
            .factors
            .iter()
            .filter(|f| f.1 > 0)
            .map(|(u, e)| sym(u, *e))
            .collect();
        let den: Vec<String> = self
            .factors
            .iter()
            .filter(|f| f.1 < 0)
            .map(|(u, e)| sym(u, *e))
            .collect();
        let mut out = num.join("*");
        for d in den {
            out.push('/');
            out.push_str(&d);
        }
        out
    }
}

/// One line of input: an expression and an optional conversion.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub expr: Expr,
    pub target: Option<Target>,
}

impl fmt::Display for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        if let Some(t) = &self.target {
            write!(f, " -> {}", t.label())?;
        }
        Ok(())
    }
}

fn unit_name(unit: &UnitRef, plural: bool) -> &'static str {
    let def = match unit {
        UnitRef::Unit(d) if d.symbol == "$" => return "USD",
        UnitRef::Unit(d) => d,
        UnitRef::Magnitude(w, _) => return w,
    };
    let name = if plural { def.plural } else { def.singular };
    // "kilobits per second" would not read back as one unit: use a one-word spelling.
    let one_word = |s: &&str| s.chars().all(|c| c.is_alphanumeric() || c == '_');
    if one_word(&name) {
        name
    } else {
        def.aliases
            .iter()
            .copied()
            .find(one_word)
            .unwrap_or(def.symbol)
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, &|_| None)
    }
}

/// A name substitution for [`Expr::display_with`].
type Subst<'a> = &'a dyn Fn(&str) -> Option<String>;

impl Expr {
    /// The expression as read, with each name replaced by what `subst` gives
    /// for it (names it gives nothing for stay as they are).
    pub fn display_with(&self, subst: Subst<'_>) -> String {
        struct With<'a>(&'a Expr, Subst<'a>);
        impl fmt::Display for With<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f, self.1)
            }
        }
        With(self, subst).to_string()
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, subst: Subst<'_>) -> fmt::Result {
        let child = |f: &mut fmt::Formatter<'_>, e: &Expr, min: u8| {
            if e.precedence() < min {
                f.write_str("(")?;
                e.write(f, subst)?;
                f.write_str(")")
            } else {
                e.write(f, subst)
            }
        };
        match self {
            Expr::Number {
                text,
                magnitude,
                percent,
                money,
                ..
            } => {
                if *money {
                    f.write_str("$")?;
                }
                f.write_str(text)?;
                if let Some(m) = magnitude {
                    write!(f, " {m}")?;
                }
                if *percent {
                    f.write_str("%")?;
                }
                Ok(())
            }
            Expr::Unit { unit, power, .. } => {
                f.write_str(unit_name(unit, false))?;
                if *power != 1 {
                    write!(f, "^{power}")
                } else {
                    Ok(())
                }
            }
            Expr::Name { name, .. } => match subst(name) {
                Some(value) => f.write_str(&value),
                None => f.write_str(name),
            },
            Expr::Neg { expr, .. } => {
                f.write_str("-")?;
                child(f, expr, 3)
            }
            Expr::Binary { op, lhs, rhs, .. } => {
                let p = op.precedence();
                // Left-associative operators need parentheses on an equal-precedence
                // right side. Around `^` only atoms go bare (`2 m ^ 2`, `5 million ^ 2`
                // and `s ^ 0 billion` would read back differently), except that a
                // power on the right chains as written: `2 ^ 3 ^ 2`.
                let rhs_chains = matches!(**rhs, Expr::Binary { op: BinOp::Pow, .. });
                let (lmin, rmin) = match op {
                    BinOp::Pow if rhs_chains => (6, p),
                    BinOp::Pow => (6, 6),
                    _ => (p, p + 1),
                };
                child(f, lhs, lmin)?;
                write!(f, " {} ", op.symbol())?;
                child(f, rhs, rmin)
            }
            Expr::Juxt { lhs, unit, .. } => {
                child(f, lhs, 5)?;
                let plural = !matches!(**lhs, Expr::Number { value, .. } if value == 1.0);
                match &**unit {
                    Expr::Unit { unit, power, .. } => {
                        write!(f, " {}", unit_name(unit, plural))?;
                        if *power != 1 {
                            write!(f, "^{power}")
                        } else {
                            Ok(())
                        }
                    }
                    other => {
                        f.write_str(" ")?;
                        other.write(f, subst)
                    }
                }
            }
            Expr::Call { func, args, .. } => {
                write!(f, "{}(", func.name())?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    a.write(f, subst)?;
                }
                f.write_str(")")
            }
        }
    }
}
