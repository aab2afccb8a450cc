//! How a statement prints "as read": magnitudes and units spelled out, so a
//! misreading (`500B` as 500 billion) shows at a glance. Printing must
//! parse back to the same tree's value; nothing here evaluates.

use super::ast::{BinOp, Expr, NodeId, Statement, UnitRef};
use crate::span::Span;
use std::borrow::Cow;
use std::fmt;

impl Statement {
    /// The expression as read (without its conversion).
    pub(crate) fn expr_string(&self) -> String {
        self.display_with(&|_| None)
    }

    /// The expression as read, with each name replaced by what `subst` gives
    /// for it (names it gives nothing for stay as they are).
    pub(crate) fn display_with(&self, subst: Subst<'_>) -> String {
        struct With<'a>(&'a Statement, Subst<'a>);
        impl fmt::Display for With<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f, self.0.root(), self.1)
            }
        }
        if self.nodes.is_empty() {
            return String::new();
        }
        With(self, subst).to_string()
    }
}

impl fmt::Display for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("approximately ")?;
        }
        if !self.nodes.is_empty() {
            self.write(f, self.root(), &|_| None)?;
        }
        if let Some(t) = &self.target {
            write!(f, " -> {}", t.label())?;
        }
        Ok(())
    }
}

fn unit_name(unit: &UnitRef, plural: bool) -> Cow<'static, str> {
    let def = match unit {
        UnitRef::Unit(d) if d.symbol == "$" => return Cow::Borrowed("USD"),
        UnitRef::Unit(d) => d,
        UnitRef::Magnitude((w, _)) => return Cow::Borrowed(w),
        UnitRef::Count(id, _) => return Cow::Owned(id.name(plural)),
    };
    let name = if plural { def.plural } else { def.singular };
    // "kilobits per second" would not read back as one unit: use a one-word spelling.
    let one_word = |s: &&str| s.chars().all(|c| c.is_alphanumeric() || c == '_');
    Cow::Borrowed(if one_word(&name) {
        name
    } else {
        def.aliases
            .iter()
            .copied()
            .find(one_word)
            .unwrap_or(def.symbol)
    })
}

/// A name substitution for [`Statement::display_with`].
pub(crate) type Subst<'a> = &'a dyn Fn(&str) -> Option<String>;

impl Statement {
    fn write(&self, f: &mut fmt::Formatter<'_>, id: NodeId, subst: Subst<'_>) -> fmt::Result {
        let child = |f: &mut fmt::Formatter<'_>, id: NodeId, min: u8| {
            if self.node(id).precedence() < min {
                f.write_str("(")?;
                self.write(f, id, subst)?;
                f.write_str(")")
            } else {
                self.write(f, id, subst)
            }
        };
        match self.node(id) {
            Expr::Number {
                value,
                magnitude,
                percent,
                money,
                digits,
                span,
            } => {
                if *money {
                    f.write_str("$")?;
                }
                let text = self.text_at(digits.span(*span));
                // `twice`, `half`, `a`, `ten`: the number a word says, which
                // reads the same anywhere (`twice / day`, `(1 ^ a) GB` would not).
                if text.starts_with(|c: char| c.is_alphabetic()) {
                    write!(f, "{value}")?;
                } else {
                    f.write_str(text)?;
                }
                if let Some(m) = magnitude {
                    write!(f, " {}", m.word())?;
                }
                if *percent {
                    f.write_str("%")?;
                }
                Ok(())
            }
            Expr::Unit { unit, power, .. } => {
                f.write_str(&unit_name(unit, false))?;
                if *power != 1 {
                    write!(f, "^{power}")
                } else {
                    Ok(())
                }
            }
            Expr::Name { span, .. } => {
                let name = self.text_at(Span::from(*span));
                match subst(name) {
                    Some(value) => f.write_str(&value),
                    None => f.write_str(name),
                }
            }
            Expr::Neg { expr, .. } => {
                f.write_str("-")?;
                child(f, *expr, 4)
            }
            Expr::Binary { op, lhs, rhs, .. } => {
                let p = op.precedence();
                // Left-associative operators need parentheses on an equal-precedence
                // right side. Around `^` only atoms go bare (`2 m ^ 2`, `5 million ^ 2`
                // and `s ^ 0 billion` would read back differently), except that a
                // power on the right chains as written: `2 ^ 3 ^ 2`.
                let rhs_chains = matches!(self.node(*rhs), Expr::Binary { op: BinOp::Pow, .. });
                let (lmin, rmin) = match op {
                    BinOp::Pow if rhs_chains => (7, p),
                    BinOp::Pow => (7, 7),
                    BinOp::To => (p + 1, p + 1),
                    // A range multiplied reads back alike only in parentheses
                    // when an end is a name (`(a to b) * 2`, `2 * (a to b) * c`):
                    // see the parser's `unambiguous`. They cost nothing where
                    // it is all figures.
                    BinOp::Mul | BinOp::Div | BinOp::At | BinOp::Over => {
                        let is_range = |id: NodeId| {
                            matches!(self.node(id), Expr::Binary { op: BinOp::To, .. })
                        };
                        (
                            if is_range(*lhs) { p + 2 } else { p },
                            if is_range(*rhs) { p + 2 } else { p + 1 },
                        )
                    }
                    _ => (p, p + 1),
                };
                child(f, *lhs, lmin)?;
                write!(f, " {} ", op.symbol())?;
                child(f, *rhs, rmin)?;
                // `8 servers at 500 QPS each`: the `each` that chose the
                // reading (see `ast::count_at_rate`).
                if *op == BinOp::At
                    && super::ast::count_at_rate(&|id| self.node(id), *lhs, *rhs, false)
                {
                    f.write_str(" each")?;
                }
                Ok(())
            }
            Expr::Sum { first, count, .. } => {
                let p = BinOp::Add.precedence();
                for (i, (term, subtracted)) in self.terms(*first, *count).enumerate() {
                    if i > 0 {
                        f.write_str(if subtracted { " - " } else { " + " })?;
                    }
                    // As for `+` and `-` between two terms: a later term
                    // of equal precedence needs parentheses.
                    child(f, term, if i == 0 { p } else { p + 1 })?;
                }
                Ok(())
            }
            Expr::Juxt { lhs, unit, .. } => {
                // A unit follows a number or a group: `(x) months`, not
                // `x months`, which does not read back.
                let grouped = matches!(self.node(*lhs), Expr::Name { .. } | Expr::Unit { .. })
                    || matches!(self.node(*lhs), Expr::Call { func, .. } if !func.is_distribution());
                if grouped {
                    f.write_str("(")?;
                    self.write(f, *lhs, subst)?;
                    f.write_str(")")?;
                } else {
                    child(f, *lhs, 6)?;
                }
                let plural =
                    !matches!(self.node(*lhs), Expr::Number { value, .. } if *value == 1.0);
                match self.node(*unit) {
                    Expr::Unit { unit, power, .. } => {
                        write!(f, " {}", unit_name(unit, plural))?;
                        if *power != 1 {
                            write!(f, "^{power}")
                        } else {
                            Ok(())
                        }
                    }
                    _ => {
                        f.write_str(" ")?;
                        self.write(f, *unit, subst)
                    }
                }
            }
            Expr::Call {
                func, first, count, ..
            } => {
                write!(f, "{}(", func.name())?;
                for (i, &a) in self.args(*first, *count).iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    self.write(f, a, subst)?;
                }
                f.write_str(")")
            }
        }
    }
}
