//! Evaluation of a parsed expression against an environment of named
//! quantities, attaching the span of the operation to any error.
//!
//! Does not parse, format, or decide evaluation order between names: the
//! environment already holds every name an expression may use.

use crate::lang::ast::{BinOp, Expr, Func, NodeId, Pos, Statement, Target, UnitRef};
use crate::lang::error::{ExprError, ExprErrorKind};
use crate::quantity::{Quantity, QuantityError};
use crate::span::Span;
use crate::units::display::DisplayUnit;
use crate::units::{self, Calendar};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Named quantities and the calendar that month and year follow. Names
/// are borrowed from whoever defined them (an estimate's items, `--let`),
/// or owned when they were made as the input went (`name = EXPR` lines).
#[derive(Clone, Debug, Default)]
pub struct Env<'a> {
    values: FxHashMap<Cow<'a, str>, Quantity>,
    /// Values by slot, for names an estimate has resolved (see `Expr::Name`).
    slots: Vec<Option<Quantity>>,
    pub(crate) calendar: Calendar,
}

impl<'a> Env<'a> {
    /// An environment with no names, under `calendar`.
    pub fn new(calendar: Calendar) -> Env<'a> {
        Env {
            values: FxHashMap::default(),
            slots: Vec::new(),
            calendar,
        }
    }

    /// An environment for `n` resolved names, set with [`Env::set_slot`].
    pub(crate) fn with_slots(calendar: Calendar, n: usize) -> Env<'a> {
        Env {
            values: FxHashMap::default(),
            slots: vec![None; n],
            calendar,
        }
    }

    pub(crate) fn set_slot(&mut self, slot: usize, q: Quantity) {
        if let Some(s) = self.slots.get_mut(slot) {
            *s = Some(q);
        }
    }

    /// Define `name` (or redefine it) as `q`.
    pub fn set(&mut self, name: impl Into<Cow<'a, str>>, q: Quantity) {
        self.values.insert(name.into(), q);
    }

    /// Every name defined by name (not by slot), sorted, with its value.
    pub(crate) fn names(&self) -> Vec<(&str, Quantity)> {
        let mut all: Vec<(&str, Quantity)> = self.values.iter().map(|(k, &q)| (&**k, q)).collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all
    }

    /// The quantity `name` stands for, if it is defined.
    pub fn get(&self, name: &str) -> Option<Quantity> {
        self.values.get(name).copied()
    }

    fn unknown(&self, name: &str, span: Span) -> ExprError {
        unknown_name(name, self.values.keys().map(|k| &**k), span)
    }
}

/// The error for a name nobody defined, with the closest of `known` (or of
/// the units, if no name is close) as suggestions. `inf` and `NaN` get their own.
pub(crate) fn unknown_name<'a>(
    name: &str,
    known: impl Iterator<Item = &'a str>,
    span: Span,
) -> ExprError {
    if matches!(
        name.to_ascii_lowercase().as_str(),
        "inf" | "infinity" | "nan"
    ) {
        return ExprError::new(ExprErrorKind::NotFinite(name.to_string()), span);
    }
    let mut suggestions: Vec<String> = crate::suggest::closest(name, known)
        .into_iter()
        .map(String::from)
        .collect();
    if suggestions.is_empty() {
        // A name that looks like a unit may be a misspelt unit.
        suggestions = units::suggest_units(name);
    }
    ExprError::new(
        ExprErrorKind::UnknownName {
            name: name.to_string(),
            suggestions,
        },
        span,
    )
}

/// The size of one of `unit` under `calendar`.
pub(crate) fn unit_size(unit: UnitRef, calendar: Calendar) -> Result<Quantity, QuantityError> {
    let (value, dim) = match unit {
        UnitRef::Unit(def) => (calendar.seconds(def.size), def.dim),
        UnitRef::Magnitude(&(_, factor)) => (factor, crate::quantity::dimension::Dimension::NONE),
    };
    Quantity::new(value, dim)
}

/// The size of one of the conversion target: `MB/s` is 1e6 B/s.
pub(crate) fn target_size(target: &Target, calendar: Calendar) -> Result<Quantity, ExprError> {
    if target.percent {
        return Quantity::number(0.01).map_err(|e| ExprError::quantity(e, target.span));
    }
    let mut size = Quantity::number(1.0).map_err(|e| ExprError::quantity(e, target.span))?;
    for &(unit, power) in &target.factors {
        let one = unit_size(unit, calendar).map_err(|e| ExprError::quantity(e, target.span))?;
        let p = Quantity::number(f64::from(power.abs()))
            .map_err(|e| ExprError::quantity(e, target.span))?;
        let raised = one
            .pow(p)
            .map_err(|e| ExprError::quantity(e, target.span))?;
        size = if power < 0 {
            size.checked_div(raised)
        } else {
            size.checked_mul(raised)
        }
        .map_err(|e| ExprError::quantity(e, target.span))?;
    }
    Ok(size)
}

/// The conversion target as a unit to show a quantity in.
pub(crate) fn display_unit(target: &Target, calendar: Calendar) -> Result<DisplayUnit, ExprError> {
    Ok(DisplayUnit {
        label: target.label().into(),
        size: target_size(target, calendar)?.si_value(),
    })
}

/// Evaluate a statement; the result is the quantity, checked against the
/// conversion target's dimension when there is one.
pub(crate) fn eval_statement(stmt: &Statement, env: &Env) -> Result<Quantity, ExprError> {
    let q = eval(stmt, stmt.root(), env)?;
    if let Some(target) = &stmt.target {
        let size = target_size(target, env.calendar)?;
        q.in_unit(size)
            .map_err(|e| conversion_error(stmt, e, stmt.span().to(target.span)))?;
    }
    Ok(q)
}

/// The error for `stmt`'s value not converting to a unit. The classic slip
/// of dividing by a time twice (`/ 24 hours / 3600 seconds`) is named as
/// such rather than answered with "multiply by a time".
pub(crate) fn conversion_error(stmt: &Statement, e: QuantityError, span: Span) -> ExprError {
    let twice = match &e {
        QuantityError::Mismatch { left, right, .. } => right
            .per(crate::quantity::dimension::Dimension::TIME)
            .is_some_and(|d| d == *left),
        _ => false,
    };
    let mut err = ExprError::quantity(e, span);
    let divisors = time_divisors(stmt);
    if twice && divisors.len() >= 2 {
        let named: Vec<String> = divisors.iter().map(|d| format!("`{d}`")).collect();
        if let ExprErrorKind::Quantity { hint, .. } = &mut *err.kind {
            *hint = Some(format!(
                "this divides by a time twice ({}): divide once, as `/ 1 day` or `/ (24 * 3600 seconds)`",
                named.join(" and ")
            ));
        }
    }
    err
}

/// The text of every time that `stmt` divides by directly (`/ 24 hours`).
fn time_divisors(stmt: &Statement) -> Vec<&str> {
    let is_time = |id: NodeId| {
        let unit = match stmt.node(id) {
            Expr::Juxt { unit, .. } => stmt.node(*unit),
            other => other,
        };
        matches!(unit, Expr::Unit { unit: UnitRef::Unit(def), power: 1, .. }
            if def.dim == crate::quantity::dimension::Dimension::TIME)
    };
    stmt.nodes
        .iter()
        .filter_map(|n| match n {
            Expr::Binary {
                op: BinOp::Div,
                rhs,
                ..
            } if is_time(*rhs) => Some(stmt.text_at(stmt.node(*rhs).span())),
            _ => None,
        })
        .collect()
}

/// Evaluate the node `id` of `stmt` and everything under it.
pub(crate) fn eval(stmt: &Statement, id: NodeId, env: &Env) -> Result<Quantity, ExprError> {
    let at = |span: Pos| move |e: QuantityError| ExprError::quantity(e, span.into());
    match stmt.node(id) {
        Expr::Number {
            value, money, span, ..
        } => {
            let dim = if *money {
                crate::quantity::dimension::Dimension::MONEY
            } else {
                crate::quantity::dimension::Dimension::NONE
            };
            Quantity::new(*value, dim).map_err(at(*span))
        }
        Expr::Unit { unit, power, .. } => {
            let at = |e| ExprError::quantity(e, stmt.node(id).span());
            let one = unit_size(*unit, env.calendar).map_err(at)?;
            one.pow(Quantity::number(f64::from(*power)).map_err(at)?)
                .map_err(at)
        }
        Expr::Name { span, slot } => {
            if let Some(&Some(q)) = env.slots.get(*slot as usize) {
                return Ok(q);
            }
            let span = Span::from(*span);
            let name = stmt.text_at(span);
            env.get(name).ok_or_else(|| env.unknown(name, span))
        }
        Expr::Neg { expr, .. } => Ok(eval(stmt, *expr, env)?.negate()),
        Expr::Binary {
            op, lhs, rhs, span, ..
        } => {
            let (l, r) = (eval(stmt, *lhs, env)?, eval(stmt, *rhs, env)?);
            let result = match op {
                BinOp::Add => l.checked_add(r),
                BinOp::Mul => l.checked_mul(r),
                BinOp::Div => l.checked_div(r),
                BinOp::Pow => l.pow(r),
            };
            // Point a division by zero at the divisor, everything else at the operation.
            let span = if matches!(result, Err(QuantityError::DivisionByZero)) {
                stmt.node(*rhs).span()
            } else {
                Span::from(*span)
            };
            result.map_err(|e| ExprError::quantity(e, span))
        }
        Expr::Sum { first, count, .. } => {
            let mut terms = stmt.terms(*first, *count);
            let Some((head, _)) = terms.next() else {
                return Err(ExprError::new(ExprErrorKind::Empty, stmt.node(id).span()));
            };
            let mut total = eval(stmt, head, env)?;
            for (term, subtracted) in terms {
                let q = eval(stmt, term, env)?;
                total = if subtracted {
                    total.checked_sub(q)
                } else {
                    total.checked_add(q)
                }
                // Where `a + b + c` goes wrong at `c`, point at `a + b + c`,
                // as for two terms.
                .map_err(|e| {
                    let span = stmt.node(head).span().to(stmt.node(term).span());
                    ExprError::quantity(e, span)
                })?;
            }
            Ok(total)
        }
        Expr::Juxt {
            lhs, unit, span, ..
        } => eval(stmt, *lhs, env)?
            .checked_mul(eval(stmt, *unit, env)?)
            .map_err(at(*span)),
        Expr::Call {
            func,
            first,
            count,
            span,
        } => call(
            stmt,
            *func,
            stmt.args(*first, *count),
            Span::from(*span),
            env,
        ),
    }
}

fn call(
    stmt: &Statement,
    func: Func,
    args: &[NodeId],
    span: Span,
    env: &Env,
) -> Result<Quantity, ExprError> {
    let variadic = matches!(func, Func::Min | Func::Max);
    let expected = if variadic {
        "two or more arguments"
    } else {
        "one argument"
    };
    if (variadic && args.len() < 2) || (!variadic && args.len() != 1) {
        let kind = ExprErrorKind::Arity {
            func: func.name(),
            expected,
            found: args.len(),
        };
        return Err(ExprError::new(kind, span));
    }
    let at = |e: QuantityError| ExprError::quantity(e, span);
    let first = eval(stmt, args[0], env)?;
    let plain = |q: Quantity| -> Result<f64, ExprError> {
        if q.dim().is_none() {
            Ok(q.si_value())
        } else {
            let kind = ExprErrorKind::Quantity {
                error: QuantityError::BadPower(format!(
                    "`{}` needs a plain number, not {}",
                    func.name(),
                    q.dim()
                )),
                hint: None,
            };
            Err(ExprError::new(kind, stmt.node(args[0]).span()))
        }
    };
    let log = |f: fn(f64) -> f64, q: Quantity| -> Result<Quantity, ExprError> {
        let v = plain(q)?;
        if v <= 0.0 {
            return Err(at(QuantityError::Undefined(
                "the logarithm of zero or a negative number",
            )));
        }
        Quantity::number(f(v)).map_err(at)
    };
    match func {
        Func::Ceil => first.map(f64::ceil).map_err(at),
        Func::Floor => first.map(f64::floor).map_err(at),
        Func::Round => first.map(f64::round).map_err(at),
        Func::Abs => first.map(f64::abs).map_err(at),
        Func::Sqrt => {
            if first.si_value() < 0.0 {
                return Err(at(QuantityError::Undefined(
                    "the square root of a negative number",
                )));
            }
            first.pow(Quantity::number(0.5).map_err(at)?).map_err(at)
        }
        Func::Ln => log(libm::log, first),
        Func::Log10 => log(libm::log10, first),
        Func::Log2 => log(libm::log2, first),
        Func::Min | Func::Max => {
            let mut acc = first;
            for &a in &args[1..] {
                let q = eval(stmt, a, env)?;
                acc = if func == Func::Min {
                    acc.min(q)
                } else {
                    acc.max(q)
                }
                .map_err(|e| ExprError::quantity(e, stmt.node(a).span()))?;
            }
            Ok(acc)
        }
    }
}
