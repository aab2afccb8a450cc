//! Evaluation of a parsed expression against an environment of named
//! quantities, attaching the span of the operation to any error.
//!
//! Does not parse, format, or decide evaluation order between names: the
//! environment already holds every name an expression may use.

use super::env::Env;
use crate::lang::ast::{BinOp, Expr, Func, NodeId, Pos, Statement, Target, UnitRef};
use crate::lang::error::{ExprError, ExprErrorKind};
use crate::quantity::count::Counts;
use crate::quantity::sample::{self, Sampling, Shape, Value};
use crate::quantity::{Quantity, QuantityError};
use crate::span::Span;
use crate::units::Calendar;
use crate::units::display::{self, DisplayUnit};

/// A built-in sheet's entry (`ref.nic_25g`, `price.egress`) that `env`
/// does not define, evaluated where it is used (`bote eval`). An estimate
/// evaluates the entries it uses up front, its own overrides first.
fn builtin_sheet_value(name: &str, env: &Env, span: Span) -> Option<Result<Value, ExprError>> {
    use crate::sheets::{Kind, Sheets};
    let (kind, _) = Kind::of(name)?;
    let builtin = Sheets::default();
    let Some((_, e)) = builtin.lookup(name) else {
        let known = builtin.names(kind);
        let known = known.iter().map(String::as_str);
        return Some(Err(super::env::unknown_name(
            name,
            known,
            &Counts::default(),
            span,
        )));
    };
    let by = Env::new(env.calendar).sampling(env.sampling);
    Some(
        crate::lang::evaluate_keyed(&e.value, &by, name)
            .map(|a| a.value)
            .map_err(|_| env.unknown(name, "", span)),
    )
}

/// The size of one of `unit` under `calendar`.
pub(crate) fn unit_size(unit: UnitRef, calendar: Calendar) -> Result<Quantity, QuantityError> {
    let (value, dim) = match unit {
        UnitRef::Unit(def) => (calendar.seconds(def.size), def.dim),
        UnitRef::Magnitude(&(_, factor)) => (factor, crate::quantity::dimension::Dimension::NONE),
        UnitRef::Count(id, _) => (1.0, crate::quantity::dimension::Dimension::count(id)),
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

/// The conversion target as a unit to show `q` in: a target that names
/// no count says `q`'s counts too (`-> /s` of requests is `requests/s`).
pub(crate) fn display_unit(
    target: &Target,
    q: Quantity,
    calendar: Calendar,
) -> Result<DisplayUnit, ExprError> {
    let size = target_size(target, calendar)?;
    let one = display::round_sig(q.si_value() / size.si_value(), display::SIG_FIGS) == 1.0;
    let unit = DisplayUnit {
        label: target.label_for(!one).into(),
        size: size.si_value(),
    };
    Ok(if size.dim().has_counts() {
        unit
    } else {
        display::with_counts(unit, q)
    })
}

/// The target to show a value of `dim` in: `-> per month` (or `-> /h`,
/// `-> per GB`) of an amount of money per something is dollars per it
/// (`-> $/month`, `-> $/GB`), as people say "per month" of a salary or a
/// bill and "per GB" of a price; any other target is as written.
pub(crate) fn target_for(
    target: &Target,
    dim: crate::quantity::dimension::Dimension,
) -> std::borrow::Cow<'_, Target> {
    use crate::quantity::dimension::Dimension;
    let per_only =
        !target.percent && !target.factors.is_empty() && target.factors.iter().all(|&(_, p)| p < 0);
    // The dimension of money per the target's units.
    let money_per = || {
        let mut d = Dimension::MONEY;
        for &(u, p) in &target.factors {
            let of = match u {
                UnitRef::Unit(def) => def.dim,
                UnitRef::Count(id, _) => Dimension::count(id),
                UnitRef::Magnitude(_) => Dimension::NONE,
            };
            for _ in 0..p.unsigned_abs() {
                d = d.per(of)?;
            }
        }
        Some(d)
    };
    match crate::units::lookup("$") {
        Some(dollar)
            if per_only && money_per().is_some_and(|m| m == dim || m == dim.uncounted()) =>
        {
            let mut money = target.clone();
            money.factors.insert(0, (UnitRef::Unit(dollar), 1));
            std::borrow::Cow::Owned(money)
        }
        _ => std::borrow::Cow::Borrowed(target),
    }
}

/// Evaluate a statement; the result is the value, checked against the
/// conversion target's dimension when there is one. Its ranges draw from
/// streams keyed by `key` (the quantity's name, or the line's number).
pub(crate) fn eval_statement(stmt: &Statement, env: &Env, key: &str) -> Result<Value, ExprError> {
    let walk = Walk {
        stmt,
        env,
        key,
        end: None,
    };
    let mut v = walk.eval(stmt.root())?;
    if let Some(target) = &stmt.target {
        // The nouns a product says "each" of, unless the target names them.
        let named = |id| {
            target
                .factors
                .iter()
                .any(|&(u, _)| u == UnitRef::Count(id, true) || u == UnitRef::Count(id, false))
        };
        v = read_nouns(stmt, env, v, &named)?.0;
        let target = &*target_for(target, v.dim());
        let size = target_size(target, env.calendar)?;
        // Counts read from a question's nouns, which the target does not
        // name, are read past (see `counts::read_past`).
        let mismatched = v.at(0).in_unit(size).is_err();
        let fits = |d: &crate::quantity::dimension::Dimension| {
            Quantity::new(1.0, *d).is_ok_and(|q| q.in_unit(size).is_ok())
        };
        // `how many requests in a day at 100 QPS`: the nouns asked for, when
        // the question's own (never declared), name what the figure counts.
        let guessed = |d: crate::quantity::dimension::Dimension| {
            d.counts()
                .all(|(id, _)| env.counts.guessed_at(id).is_some())
        };
        let asked_nouns = mismatched
            && size.dim().uncounted() == v.dim().uncounted()
            && guessed(size.dim())
            && guessed(v.dim());
        if asked_nouns {
            v = with_dim(stmt, v, size.dim())?;
        } else if let Some(dim) =
            super::counts::read_past(&env.counts, v.dim(), mismatched, Some(size.dim()))
                .filter(|d| fits(d))
        {
            v = with_dim(stmt, v, dim)?;
        }
        v.at(0)
            .in_unit(size)
            .map_err(|e| conversion_error(stmt, env, e, stmt.span().to(target.span)))?;
    }
    Ok(v)
}

/// The nouns of a question (counts it never declared) that a product
/// of `stmt` says "each" of, so the value is not a count of them:
///
/// - a count of things times a rate of nothing named (`8 servers * 1000
///   RPS`, `1000 QPS each * 8 cores`, `1M users * 2 per day`): each of
///   the things does the rate, so the product is a rate of what they do
///   (8,000 a second), not of the things ("8,000 servers/s" would be
///   servers arriving);
/// - a rate of things over a rate of nothing named (`34722 requests/s /
///   500 QPS` is 69.44, how many servers; not "69.44 requests");
/// - a figure per a thing times a rate of nothing named, or times a
///   bare number of 1,000 or more (`5000 QPS at 2 KB per request`, `1M
///   RPS * 1 KB/request`, `$0.20 per million requests * 1B`): the
///   unnamed things are those things, so 10 MB/s and $200, not "10
///   MB/request/s" and "$200/request".
///
/// A rate written with a percentage (`1M users * 2% per day`, churn) is
/// a share of the things themselves and keeps them.
fn nouns_of_each(stmt: &Statement, env: &Env) -> Vec<crate::quantity::count::CountId> {
    use crate::quantity::dimension::Dimension;
    let mut out = Vec::new();
    if !env.counts.guessed_at_any() {
        return out;
    }
    let walk = Walk::low_ends(stmt, env);
    let dim = |id: NodeId| walk.eval(id).ok().map(|v| v.dim());
    // The things `d` counts, when it counts only a question's nouns.
    let things = |d: Dimension| -> Vec<crate::quantity::count::CountId> {
        let all = d
            .counts()
            .all(|(id, e)| e > 0 && env.counts.guessed_at(id).is_some());
        if all && d.has_counts() {
            d.counts().map(|(id, _)| id).collect()
        } else {
            Vec::new()
        }
    };
    let percent_in = |id: NodeId| {
        let within = stmt.node(id).span();
        stmt.nodes.iter().any(|n| {
            let at = n.span();
            matches!(n, Expr::Number { percent: true, .. })
                && at.start >= within.start
                && at.end <= within.end
        })
    };
    let bare_rate = |id: NodeId| dim(id) == Some(Dimension::RATE) && !percent_in(id);
    // A bare number of 1,000 or more (`1B`, `1 billion`, `100 to 300
    // million`, a name that holds one): a count of the things.
    let many = |id: NodeId| {
        !percent_in(id)
            && walk
                .eval(id)
                .is_ok_and(|v| v.dim().is_none() && v.at(0).si_value() >= 1000.0)
    };
    for n in &stmt.nodes {
        // A rate of things over a rate of nothing named (`34722
        // requests/s / 500 QPS`, how many servers): the same things.
        if let Expr::Binary {
            op: BinOp::Div,
            lhs,
            rhs,
            ..
        } = n
            && bare_rate(*rhs)
            && let Some(d) = dim(*lhs)
            && d.uncounted() == Dimension::RATE
        {
            out.extend(things(d));
        }
        let Expr::Binary {
            op: BinOp::Mul | BinOp::At,
            lhs,
            rhs,
            ..
        } = n
        else {
            continue;
        };
        for (x, y) in [(*lhs, *rhs), (*rhs, *lhs)] {
            let Some(d) = dim(x) else { continue };
            if d.uncounted().is_none() && bare_rate(y) {
                out.extend(things(d));
            }
            // The things a figure is per (`10 writes per user per day`:
            // the user), whatever it counts besides.
            let per: Vec<_> = d
                .counts()
                .filter(|&(_, e)| e < 0)
                .map(|(id, _)| id)
                .collect();
            let all_guessed = per.iter().all(|&id| env.counts.guessed_at(id).is_some());
            if (bare_rate(y) || many(y)) && all_guessed {
                out.extend(per);
            }
        }
    }
    out
}

/// `v`, the value of `stmt`, as a question's nouns say it (counts that
/// `named` keeps stay): counting the things its divisors describe (see
/// [`described_divisors`]: `1 TB / 4 KB pages` is 250 million pages), and
/// without the things a product says "each" of (see [`nouns_of_each`]:
/// `8 servers * 1000 RPS` is 8,000 /s). Whether any "each" was read past.
pub(crate) fn read_nouns(
    stmt: &Statement,
    env: &Env,
    v: Value,
    named: &dyn Fn(crate::quantity::count::CountId) -> bool,
) -> Result<(Value, bool), ExprError> {
    let mut v = v;
    for id in described_divisors(stmt, env) {
        let one = crate::quantity::dimension::Dimension::count(id);
        let dim = v.dim();
        if dim.counts().any(|(c, e)| c == id && e < 0)
            && let Some(flipped) = dim.times(one).and_then(|d| d.times(one))
        {
            v = with_dim(stmt, v, flipped)?;
        }
    }
    let each = nouns_of_each(stmt, env);
    let dropped = each.iter().any(|&id| !named(id));
    if dropped {
        let dim = v.dim().dropping(&|id| each.contains(&id) && !named(id));
        v = with_dim(stmt, v, dim)?;
    }
    Ok((v, dropped))
}

/// `v` said in `dim`: the same figure, its counts read otherwise.
pub(crate) fn with_dim(
    stmt: &Statement,
    v: Value,
    dim: crate::quantity::dimension::Dimension,
) -> Result<Value, ExprError> {
    v.map(|q| Quantity::new(q.si_value(), dim))
        .map_err(|e| ExprError::quantity(e, stmt.span()))
}

/// The nouns of a question that a divisor describes: `1 TB / 4 KB
/// pages` divides by pages of 4 KB each, so it counts pages (250
/// million), where the letter of it is per page. A figure with a unit and
/// then a noun, divided by.
fn described_divisors(stmt: &Statement, env: &Env) -> Vec<crate::quantity::count::CountId> {
    let mut out = Vec::new();
    if !env.counts.guessed_at_any() {
        return out;
    }
    let walk = Walk::low_ends(stmt, env);
    for n in &stmt.nodes {
        let Expr::Binary {
            op: BinOp::Div | BinOp::Over | BinOp::At,
            rhs,
            ..
        } = n
        else {
            continue;
        };
        if !matches!(stmt.node(*rhs), Expr::Juxt { .. }) {
            continue;
        }
        let Ok(d) = walk.eval(*rhs).map(|v| v.dim()) else {
            continue;
        };
        let nouns: Vec<_> = d.counts().collect();
        if let [(id, 1)] = nouns[..]
            && !d.uncounted().is_none()
            && env.counts.guessed_at(id).is_some()
        {
            out.push(id);
        }
    }
    out
}

/// The two sides of `stmt`, whose root divides one by the other (a
/// capacity verdict's `(load) / (per_box)`), each as evaluating the whole
/// statement would give it: the same draws.
pub(crate) fn eval_quotient(
    stmt: &Statement,
    env: &Env,
    key: &str,
) -> Result<(Value, Value), ExprError> {
    let walk = Walk {
        stmt,
        env,
        key,
        end: None,
    };
    match stmt.node(stmt.root()) {
        Expr::Binary {
            op: BinOp::Div,
            lhs,
            rhs,
            ..
        } => Ok((walk.eval(*lhs)?, walk.eval(*rhs)?)),
        _ => Ok((walk.eval(stmt.root())?, Value::Exact(Quantity::ONE))),
    }
}

/// The two ends of a published figure written as a range (`1 to 5 TB`,
/// `10k to 40k /s`), without drawing from it: the expression with every
/// range at its low end, then at its high end. `None` for a statement
/// without a range.
pub(crate) fn range_ends(
    stmt: &Statement,
    env: &Env,
) -> Option<Result<(Quantity, Quantity), ExprError>> {
    let is_range = |n: &Expr| matches!(n, Expr::Binary { op: BinOp::To, .. });
    if !stmt.nodes.iter().any(is_range) {
        return None;
    }
    let end = |high| {
        let walk = Walk {
            stmt,
            env,
            key: "",
            end: Some(high),
        };
        match walk.eval(stmt.root())? {
            Value::Exact(q) => Ok(q),
            Value::Draws(_) => Err(ExprError::new(
                ExprErrorKind::Quantity {
                    error: QuantityError::BadRange(
                        "a published figure is a number or a range `LOW to HIGH`, not a distribution"
                            .into(),
                    ),
                    hint: None,
                },
                stmt.span(),
            )),
        }
    };
    Some((|| {
        let (a, b) = (end(false)?, end(true)?);
        Ok(if a.si_value() <= b.si_value() {
            (a, b)
        } else {
            (b, a)
        })
    })())
}

/// One statement being evaluated: its tree, the names it reads, and the
/// key its ranges draw by.
struct Walk<'s, 'e> {
    stmt: &'s Statement,
    env: &'s Env<'e>,
    key: &'s str,
    /// Read every range as its low (`false`) or high (`true`) end instead
    /// of drawing from it.
    end: Option<bool>,
}

/// The error for `stmt`'s value not converting to a unit. The classic slip
/// of dividing by a time twice (`/ 24 hours / 3600 seconds`) is named as
/// such rather than answered with "multiply by a time".
pub(crate) fn conversion_error(
    stmt: &Statement,
    env: &Env,
    e: QuantityError,
    span: Span,
) -> ExprError {
    let twice = match &e {
        QuantityError::Mismatch { left, right, .. } => right
            .per(crate::quantity::dimension::Dimension::TIME)
            .is_some_and(|d| d == *left),
        _ => false,
    };
    let counted = match &e {
        QuantityError::Mismatch { left, right, .. } => {
            super::counts::hint(stmt, *left, *right, &|id| env.dim_of(stmt, id))
        }
        _ => None,
    };
    let mut err = ExprError::quantity(e, span);
    if let (Some(h), ExprErrorKind::Quantity { hint, .. }) = (counted, &mut *err.kind) {
        *hint = Some(h);
    }
    // `per_day * 365 * 5`: a bare number that a person means as a time.
    let needs_time = match &*err.kind {
        ExprErrorKind::Quantity {
            error: QuantityError::Mismatch { left, right, .. },
            ..
        } => left.times(crate::quantity::dimension::Dimension::TIME) == Some(*right),
        _ => false,
    };
    if needs_time
        && let Some(h) = bare_time(stmt)
        && let ExprErrorKind::Quantity { hint, .. } = &mut *err.kind
    {
        *hint = Some(h);
    }
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
    // `1 TB / day -> per second`: per second of what, said with the unit.
    let per_what = match &*err.kind {
        ExprErrorKind::Quantity {
            error: QuantityError::Mismatch { left, right, .. },
            ..
        } if *right == crate::quantity::dimension::Dimension::RATE => {
            left.times(crate::quantity::dimension::Dimension::TIME)
                == Some(crate::quantity::dimension::Dimension::DATA)
        }
        _ => false,
    };
    if let (true, Some(target), ExprErrorKind::Quantity { hint, .. }) =
        (per_what, &stmt.target, &mut *err.kind)
    {
        *hint = Some(format!(
            "say the unit of the data too, as in `-> GB{}`",
            target.label()
        ));
    }
    err
}

/// A plain number in `stmt` that reads as a count of days, hours or the
/// like (`365`, `24`, `3600`), said as the fix: "did you mean `365 days`?"
fn bare_time(stmt: &Statement) -> Option<String> {
    const TIMES: [(f64, &str); 6] = [
        (365.0, "days"),
        (360.0, "days"),
        (52.0, "weeks"),
        (24.0, "hours"),
        (3600.0, "seconds"),
        (86_400.0, "seconds"),
    ];
    stmt.nodes.iter().find_map(|n| match n {
        Expr::Number {
            value,
            magnitude: None,
            percent: false,
            money: false,
            span,
            ..
        } => TIMES.iter().find(|(v, _)| v == value).map(|(_, unit)| {
            let text = stmt.text_at(Span::from(*span));
            format!("multiply by a time: did you mean `{text} {unit}`?")
        }),
        _ => None,
    })
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

/// A defined name's value, counted as the noun it is spelt as: `users =
/// 5M` is five million users once a line counts `user` (`2 KB/user`), so
/// `users * 2 KB/user` is 10 GB. The value is the definition's; only the
/// count it was missing is added, and only to a plain number.
fn counted_name(name: &str, v: &Value, env: &Env) -> Result<Value, QuantityError> {
    match env.counts.lookup(name) {
        Some(id) if v.dim().is_none() => {
            let dim = crate::quantity::dimension::Dimension::count(id);
            v.map(|q| Quantity::new(q.si_value(), dim))
        }
        _ => Ok(v.clone()),
    }
}

impl<'s, 'e> Walk<'s, 'e> {
    /// A walk that reads each range at its low end, drawing nothing: for
    /// the dimensions of a statement's parts, as the question reader asks.
    fn low_ends(stmt: &'s Statement, env: &'s Env<'e>) -> Self {
        Walk {
            stmt,
            env,
            key: "",
            end: Some(false),
        }
    }
}

impl Walk<'_, '_> {
    /// Evaluate node `id` and everything under it.
    fn eval(&self, id: NodeId) -> Result<Value, ExprError> {
        let (stmt, env) = (self.stmt, self.env);
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
                Quantity::new(*value, dim)
                    .map(Value::Exact)
                    .map_err(at(*span))
            }
            Expr::Unit { unit, power, .. } => {
                let at = |e| ExprError::quantity(e, stmt.node(id).span());
                let one = unit_size(*unit, env.calendar).map_err(at)?;
                one.pow(Quantity::number(f64::from(*power)).map_err(at)?)
                    .map(Value::Exact)
                    .map_err(at)
            }
            Expr::Name { span, slot } => {
                if let Some(v) = env.slot(*slot) {
                    return Ok(v.clone());
                }
                let span = Span::from(*span);
                let name = stmt.text_at(span);
                if let Some(v) = env.get(name) {
                    return counted_name(name, v, env).map_err(|e| ExprError::quantity(e, span));
                }
                builtin_sheet_value(name, env, span)
                    .unwrap_or_else(|| Err(env.unknown(name, &stmt.text, span)))
            }
            Expr::Neg { expr, span } => {
                self.eval(*expr)?.map(|q| Ok(q.negate())).map_err(at(*span))
            }
            Expr::Binary {
                op: BinOp::To,
                lhs,
                rhs,
                span,
            } => {
                let (lo, hi) = (
                    self.exact(*lhs, "the ends of a range")?,
                    self.exact(*rhs, "the ends of a range")?,
                );
                if lo.dim() != hi.dim() {
                    let (l, h) = (
                        stmt.text_at(stmt.node(*lhs).span()),
                        stmt.text_at(stmt.node(*rhs).span()),
                    );
                    let error = QuantityError::Mismatch {
                        op: "make a range of",
                        left: lo.dim(),
                        right: hi.dim(),
                    };
                    let hint =
                        range_hint(stmt, (l, h), (lo.dim(), hi.dim()), stmt.node(*rhs).span());
                    let kind = ExprErrorKind::Quantity { error, hint };
                    return Err(ExprError::new(kind, Span::from(*span)));
                }
                if let Some(high) = self.end {
                    // Checked as any range is (in point mode nothing is drawn).
                    let point = Sampling {
                        point: true,
                        ..env.sampling
                    };
                    Value::draw(Shape::Range, &[lo, hi], point, 0).map_err(at(*span))?;
                    return Ok(Value::Exact(if high { hi } else { lo }));
                }
                Value::draw(Shape::Range, &[lo, hi], env.sampling, self.stream(id))
                    .map_err(at(*span))
            }
            Expr::Binary {
                op, lhs, rhs, span, ..
            } => {
                let (l, r) = (self.eval(*lhs)?, self.eval(*rhs)?);
                let result = match op {
                    BinOp::Add => l.zip(&r, Quantity::checked_add, |a, b| a + b),
                    BinOp::Mul => l.zip(&r, Quantity::checked_mul, |a, b| a * b),
                    BinOp::Div => l.zip(&r, Quantity::checked_div, |a, b| a / b),
                    BinOp::At => each_at(&l, &r),
                    BinOp::Over => over(&l, &r),
                    BinOp::Pow => power(&l, &r),
                    BinOp::To => unreachable!("ranges are evaluated above"),
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
                let mut total = self.eval(head)?;
                for (term, subtracted) in terms {
                    let q = self.eval(term)?;
                    total = if subtracted {
                        total.zip(&q, Quantity::checked_sub, |a, b| a - b)
                    } else {
                        total.zip(&q, Quantity::checked_add, |a, b| a + b)
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
            } => self
                .eval(*lhs)?
                .zip(&self.eval(*unit)?, Quantity::checked_mul, |a, b| a * b)
                .map_err(at(*span)),
            Expr::Call {
                func,
                first,
                count,
                span,
            } => self.call(id, *func, stmt.args(*first, *count), Span::from(*span)),
        }
    }

    /// The stream the range or distribution at node `id` draws from.
    fn stream(&self, id: NodeId) -> u64 {
        sample::stream_key(self.env.sampling.seed, self.key, id)
    }

    /// Node `id` as one exact figure: the parameters of a range or
    /// distribution (`what`) cannot themselves be uncertain.
    fn exact(&self, id: NodeId, what: &str) -> Result<Quantity, ExprError> {
        match self.eval(id)? {
            Value::Exact(q) => Ok(q),
            Value::Draws(_) => {
                let kind = ExprErrorKind::Quantity {
                    error: QuantityError::BadRange(format!(
                        "{what} must be single figures, not ranges"
                    )),
                    hint: None,
                };
                Err(ExprError::new(kind, self.stmt.node(id).span()))
            }
        }
    }

    fn call(
        &self,
        id: NodeId,
        func: Func,
        args: &[NodeId],
        span: Span,
    ) -> Result<Value, ExprError> {
        let (stmt, env) = (self.stmt, self.env);
        let (min, max, expected) = match func {
            Func::Min | Func::Max => (2, usize::MAX, "two or more arguments"),
            Func::Normal | Func::Uniform => (2, 2, "two arguments"),
            Func::Pert => (3, 3, "three arguments"),
            Func::Ceil | Func::Floor | Func::Round => (1, 2, "one or two arguments"),
            Func::ErlangC => (3, 3, "three arguments"),
            Func::Wait | Func::QueueLength | Func::ServersFor => {
                (3, 4, "three arguments, and a percentile")
            }
            _ => (1, 1, "one argument"),
        };
        if args.len() < min || args.len() > max {
            let kind = ExprErrorKind::Arity {
                func: func.name(),
                expected,
                found: args.len(),
            };
            return Err(ExprError::new(kind, span));
        }
        let at = |e: QuantityError| ExprError::quantity(e, span);
        if let Some(shape) = match func {
            Func::Normal => Some(Shape::Normal),
            Func::Uniform => Some(Shape::Uniform),
            Func::Pert => Some(Shape::Pert),
            _ => None,
        } {
            let what = format!("the parameters of `{}`", func.name());
            let params = args
                .iter()
                .map(|&a| self.exact(a, &what))
                .collect::<Result<Vec<_>, _>>()?;
            return Value::draw(shape, &params, env.sampling, self.stream(id)).map_err(at);
        }
        let values = args
            .iter()
            .map(|&a| self.eval(a))
            .collect::<Result<Vec<_>, _>>()?;
        apply(stmt, func, values, args, span, env.calendar)
    }
}

/// `func` applied to its arguments' values. Apart from [`Walk::call`], so
/// the recursion into nested calls does not carry this frame.
fn apply(
    stmt: &Statement,
    func: Func,
    values: Vec<Value>,
    args: &[NodeId],
    span: Span,
    calendar: Calendar,
) -> Result<Value, ExprError> {
    let at = |e: QuantityError| ExprError::quantity(e, span);
    if matches!(
        func,
        Func::ErlangC | Func::Wait | Func::QueueLength | Func::ServersFor
    ) {
        return super::queues::apply(stmt, func, &values, args, span);
    }
    let mut values = values.into_iter();
    let Some(first) = values.next() else {
        return Err(ExprError::new(
            ExprErrorKind::Arity {
                func: func.name(),
                expected: "one argument",
                found: 0,
            },
            span,
        ));
    };
    let plain = |q: Quantity| -> Result<f64, QuantityError> {
        if q.dim().is_none() {
            Ok(q.si_value())
        } else {
            Err(QuantityError::BadPower(format!(
                "`{}` needs a plain number, not {}",
                func.name(),
                q.dim()
            )))
        }
    };
    // A dimension error belongs to the argument, anything else to the call.
    let arg_at = |e: QuantityError| {
        let span = if matches!(e, QuantityError::BadPower(_)) {
            stmt.node(args[0]).span()
        } else {
            span
        };
        ExprError::quantity(e, span)
    };
    let log = |f: fn(f64) -> f64| {
        move |q: Quantity| -> Result<Quantity, QuantityError> {
            let v = plain(q)?;
            if v <= 0.0 {
                return Err(QuantityError::Undefined(
                    "the logarithm of zero or a negative number",
                ));
            }
            Quantity::number(f(v))
        }
    };
    match func {
        Func::Ceil | Func::Floor | Func::Round => {
            let step = values.next().map(|v| (v, stmt.node(args[1]).span()));
            // Written in a unit (`ceil(0.3 bit)`), it rounds in that unit.
            let written = stmt
                .written_units_at(args[0])
                .and_then(|t| target_size(&t, calendar).ok())
                .map(|size| size.si_value());
            round(func, &first, step, written, calendar)
                .map_err(|(e, at)| ExprError::quantity(e, at.unwrap_or(span)))
        }
        Func::Abs => first.map(|q| q.map(f64::abs)).map_err(at),
        Func::Uncounted => first
            .map(|q| Quantity::new(q.si_value(), q.dim().uncounted()))
            .map_err(at),
        Func::Sqrt => first
            .map(|q| {
                if q.si_value() < 0.0 {
                    return Err(QuantityError::Undefined(
                        "the square root of a negative number",
                    ));
                }
                q.pow(Quantity::number(0.5)?)
            })
            .map_err(at),
        Func::Ln => first.map(log(libm::log)).map_err(arg_at),
        Func::Log10 => first.map(log(libm::log10)).map_err(arg_at),
        Func::Log2 => first.map(log(libm::log2)).map_err(arg_at),
        Func::Min | Func::Max => {
            let mut acc = first;
            for (q, &a) in values.zip(&args[1..]) {
                acc = if func == Func::Min {
                    acc.zip(&q, Quantity::min, f64::min)
                } else {
                    acc.zip(&q, Quantity::max, f64::max)
                }
                .map_err(|e| ExprError::quantity(e, stmt.node(a).span()))?;
            }
            Ok(acc)
        }
        Func::Normal | Func::Uniform | Func::Pert => {
            unreachable!("distributions are drawn above")
        }
        Func::ErlangC | Func::Wait | Func::QueueLength | Func::ServersFor => {
            unreachable!("queues are applied above")
        }
    }
}

/// `a over b`: see [`BinOp::Over`].
fn over(a: &Value, b: &Value) -> Result<Value, QuantityError> {
    // `1 PB over 100 nodes`, `1 in 1000`: spread over a number of things,
    // or one in so many, divides; and so does like in like (`1 TB in 100
    // GB chunks`: 10 chunks).
    let like = a.dim().uncounted() == b.dim().uncounted();
    // `1M requests over 100 RPS`: so many over a rate is the time it takes.
    let count_over_rate = a.dim().uncounted().is_none()
        && b.dim().uncounted() == crate::quantity::dimension::Dimension::RATE;
    if b.dim().uncounted().is_none() || like || count_over_rate {
        return a.zip(b, Quantity::checked_div, |x, y| x / y);
    }
    if b.dim() != crate::quantity::dimension::Dimension::TIME {
        return each_at(a, b);
    }
    if a.dim().time_power() < 0 {
        a.zip(b, Quantity::checked_mul, |x, y| x * y)
    } else {
        a.zip(b, Quantity::checked_div, |x, y| x / y)
    }
}

/// `a at b`: a size at a rate is the time it takes, `a / b` (`10 TB at
/// 100 MB/s`); otherwise each of what `a` counts at `b`, `a * b` with `b`
/// taken per one of each count `a` has and `b` lacks (`100M URLs at 500
/// bytes` is 50 TB, not an error about URLs times bytes).
fn each_at(a: &Value, b: &Value) -> Result<Value, QuantityError> {
    use crate::quantity::dimension::Dimension;
    if a.dim().per(b.dim()) == Some(Dimension::TIME) {
        return a.zip(b, Quantity::checked_div, |x, y| x / y);
    }
    // `10K payments/s at 200 ms`: a rate of things, each taking a time, is
    // how many are in the system at once (Little's law): 2,000 payments.
    if a.dim().uncounted() == Dimension::RATE && b.dim() == Dimension::TIME {
        return a.zip(b, Quantity::checked_mul, |x, y| x * y);
    }
    // `1 PB at 2 MB each`, `50K QPS at 2K QPS each`: like at like is how
    // many of the one the other holds (a product would be B^2, /s^2).
    if a.dim() == b.dim() && !a.dim().is_none() {
        return a.zip(b, Quantity::checked_div, |x, y| x / y);
    }
    let mut per = Quantity::ONE;
    for (id, e) in a.dim().counts() {
        let has = b.dim().counts().any(|(other, _)| other == id);
        if e > 0 && !has {
            let one = Quantity::new(1.0, crate::quantity::dimension::Dimension::count(id))?;
            per = per.checked_div(one)?;
        }
    }
    let b = b.map(|q| q.checked_mul(per))?;
    a.zip(&b, Quantity::checked_mul, |x, y| x * y)
}

/// `ceil`, `floor` or `round` of `x`: a plain number as it is; with a
/// `step` (`ceil(x, 1 GB)`, `round(t, 5 min)`), to a whole number of
/// steps; else in the unit `x` is `written` in (`ceil(0.3 bit)` is 1 bit,
/// `ceil(0.5 ms)` 1 ms), else in the unit it is shown in (`ceil(a / b)`
/// of 1.5 hours is 2 h). Never in base units, where `ceil(0.5 ms)` would
/// be a whole second.
fn round(
    func: Func,
    x: &Value,
    step: Option<(Value, Span)>,
    written: Option<f64>,
    calendar: Calendar,
) -> Result<Value, (QuantityError, Option<Span>)> {
    let f: fn(f64) -> f64 = match func {
        Func::Ceil => f64::ceil,
        Func::Floor => f64::floor,
        _ => f64::round,
    };
    let size = match step {
        Some((step, at)) => {
            let bad = |why: String| (QuantityError::BadRange(why), Some(at));
            let Some(q) = step.exact() else {
                return Err(bad(format!(
                    "`{}` rounds to one step, not a range",
                    func.name()
                )));
            };
            if q.dim() != x.dim() {
                return Err(bad(format!(
                    "`{}` rounds {} to a step of the same kind, not {}",
                    func.name(),
                    x.dim(),
                    q.dim()
                )));
            }
            if q.si_value() <= 0.0 || q.si_value().is_nan() {
                return Err(bad(format!("`{}` needs a step above zero", func.name())));
            }
            q.si_value()
        }
        None if x.dim().is_none() => 1.0,
        None if written.is_some() => written.unwrap_or(1.0),
        None => {
            let typical = match x {
                Value::Exact(q) => *q,
                Value::Draws(d) => Quantity::new(d.spread().p50, d.dim()).map_err(|e| (e, None))?,
            };
            display::auto_unit(typical, calendar).size
        }
    };
    // A step's multiple seen through a double's noise (0.0005 / 1e-6 is
    // 500.00000000000006, 100 * 1.1 is 110.00000000000001) is that
    // multiple: ceil of it is 500 or 110, not 501 or 111.
    let whole = move |v: f64| {
        let steps = v / size;
        let near = steps.round();
        let steps = if (steps - near).abs() <= 1e-12 * near.abs().max(1.0) {
            near
        } else {
            steps
        };
        f(steps) * size
    };
    x.map(|q| Quantity::new(whole(q.si_value()), q.dim()))
        .map_err(|e| (e, None))
}

/// What to write when the ends of the range `l to h` disagree: a bare high
/// end needs the low end's unit, and one followed by `*` or `/` was most
/// likely meant to end at the whole product (`a to 2 * a`).
fn range_hint(
    stmt: &Statement,
    (l, h): (&str, &str),
    (lo, hi): (
        crate::quantity::dimension::Dimension,
        crate::quantity::dimension::Dimension,
    ),
    h_span: Span,
) -> Option<String> {
    let rest = stmt.text.get(h_span.end..).unwrap_or("").trim_start();
    if let Some(op) = rest.chars().next().filter(|c| matches!(c, '*' | '/')) {
        let operand: String = rest[1..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
            .collect();
        if !operand.is_empty() {
            return Some(format!(
                "a range ends at the figure right after `to`; to end it at a product, \
                 group it: `{l} to ({h} {op} {operand})`"
            ));
        }
    }
    if !hi.is_none() || lo.is_none() {
        return None;
    }
    let unit = l.trim_start_matches(|c: char| c.is_ascii_digit() || ".,_$".contains(c));
    let both = match unit.trim() {
        _ if l.starts_with('$') => format!("`{l} to ${h}`"),
        u if u.is_empty() || unit.len() == l.len() => return None,
        u => format!("`{l} to {h} {u}`"),
    };
    Some(format!("give the high end its unit too, as in {both}"))
}

/// `base ^ exp`. An uncertain exponent needs a plain base: the dimension
/// of `m ^ x` would change from draw to draw.
fn power(base: &Value, exp: &Value) -> Result<Value, QuantityError> {
    if matches!(exp, Value::Draws(_)) && !base.dim().is_none() {
        return Err(QuantityError::BadPower(format!(
            "a power of {} needs a single figure as its exponent, not a range",
            base.dim()
        )));
    }
    base.zip(exp, Quantity::pow, libm::pow)
}
