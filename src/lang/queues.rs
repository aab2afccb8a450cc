//! The queueing functions of the language: `erlang_c`, `wait`,
//! `queue_length` and `servers_for` over the M/M/c closed forms in
//! `quantity::queue`. Here: which argument is which, their dimensions
//! (an error names the argument), and the draws, one queue per draw.
//! No maths of its own.

use crate::lang::ast::{Func, NodeId, Statement};
use crate::lang::error::ExprError;
use crate::quantity::dimension::Dimension;
use crate::quantity::queue::{self, QueueError};
use crate::quantity::sample::Value;
use crate::quantity::{Quantity, QuantityError};
use crate::span::Span;

/// The arguments each function takes, in order; a fourth is the
/// percentile.
fn roles(func: Func) -> [&'static str; 3] {
    match func {
        Func::ServersFor => ["arrivals", "service", "max_wait"],
        _ => ["arrivals", "service", "servers"],
    }
}

/// `func` (one of the queueing functions) of its arguments' `values`,
/// written at `args`, the call at `span`.
pub(crate) fn apply(
    stmt: &Statement,
    func: Func,
    values: &[Value],
    args: &[NodeId],
    span: Span,
) -> Result<Value, ExprError> {
    let name = func.name();
    let roles = roles(func);
    let bad = |i: usize, why: String| {
        ExprError::quantity(
            QuantityError::Queue(format!("`{name}`'s {} {why}", role(&roles, i))),
            stmt.node(args[i]).span(),
        )
    };
    let kind = |i: usize, want: Dimension, what: &str, example: &str| {
        let dim = values[i].dim();
        if dim.uncounted() == want {
            Ok(())
        } else {
            let dim = if dim.is_none() {
                "a plain number".to_string()
            } else {
                dim.to_string()
            };
            Err(bad(
                i,
                format!("must be {what}, not {dim}: such as `{example}`"),
            ))
        }
    };
    kind(0, Dimension::RATE, "a rate", "100/s")?;
    kind(1, Dimension::TIME, "a time", "50 ms")?;
    if func == Func::ServersFor {
        kind(2, Dimension::TIME, "a time", "100 ms")?;
    } else {
        kind(2, Dimension::NONE, "a whole number", "6")?;
    }
    if let Some(p) = values.get(3) {
        kind(3, Dimension::NONE, "a percentile", "99%")?;
        if draws(p).any(|q| !(q > 0.0 && q < 1.0)) {
            return Err(bad(
                3,
                "must be above 0% and below 100%, such as `99%`".into(),
            ));
        }
    }
    if draws(&values[0]).any(|x| x < 0.0) {
        return Err(bad(0, "must not be negative".into()));
    }
    if draws(&values[1]).any(|x| x <= 0.0) {
        return Err(bad(1, "must be above zero".into()));
    }
    if func == Func::ServersFor {
        if draws(&values[2]).any(|x| x < 0.0) {
            return Err(bad(2, "must not be negative".into()));
        }
    } else if let Some(q) = values[2].exact() {
        let c = q.si_value();
        if c < 1.0 || c.fract() != 0.0 {
            return Err(bad(
                2,
                format!("must be a whole number, at least 1, not {c}"),
            ));
        }
    } else if draws(&values[2]).any(|c| c.round() < 1.0) {
        return Err(bad(2, "must be at least 1 in every draw".into()));
    }
    // `100 requests/s` waiting 2 s is 200 requests: a count noun stays on.
    let counted = values[0]
        .at(0)
        .checked_mul(values[1].at(0))
        .map_err(|e| ExprError::quantity(e, span))?
        .dim();
    let refs: Vec<&Value> = values.iter().collect();
    Value::map_all(&refs, |q| {
        let (lambda, s) = (q[0].si_value(), q[1].si_value());
        let share = q.get(3).map(|p| p.si_value());
        // A range of servers is drawn as whole servers.
        let c = q[2].si_value().round();
        let (value, dim) = match func {
            Func::ErlangC => (queue::erlang_c(lambda * s, c), Dimension::NONE),
            Func::Wait => (queue::wait(lambda, s, c, share), Dimension::TIME),
            Func::QueueLength => (queue::queue_length(lambda, s, c, share), counted),
            _ => (
                queue::servers_for(lambda, s, q[2].si_value(), share),
                Dimension::NONE,
            ),
        };
        Quantity::new(value.map_err(|e| why(&e, lambda * s))?, dim)
    })
    .map_err(|e| ExprError::quantity(e, span))
}

/// The argument at `i`, said as its role: `arrivals (the first argument)`.
fn role(roles: &[&'static str; 3], i: usize) -> String {
    const PLACE: [&str; 4] = ["first", "second", "third", "fourth"];
    let what = roles.get(i).copied().unwrap_or("percentile");
    format!("{what} (the {} argument)", PLACE[i.min(3)])
}

/// Every figure of `v`: its draws, or its one value.
fn draws(v: &Value) -> impl Iterator<Item = f64> + '_ {
    let (one, many) = match v {
        Value::Exact(q) => (Some(q.si_value()), &[][..]),
        Value::Draws(d) => (None, d.values()),
    };
    one.into_iter().chain(many.iter().copied())
}

/// A queue's error as the user reads it, for `a` Erlangs offered.
fn why(e: &QueueError, a: f64) -> QuantityError {
    QuantityError::Queue(match *e {
        QueueError::Unstable {
            utilisation,
            servers,
        } => format!(
            "the queue is unstable: utilisation is {}, {} Erlangs of work on {} server{} \
             (it needs at least {}), and at or above 100% the queue grows without bound",
            figure(utilisation * 100.0) + "%",
            figure(a),
            figure(servers),
            if servers == 1.0 { "" } else { "s" },
            figure(a.floor() + 1.0),
        ),
        QueueError::TooManyServers => format!(
            "the queue needs more than {} servers, past what bote counts",
            figure(queue::MAX_SERVERS)
        ),
    })
}

/// `x` to four significant figures, without a unit.
fn figure(x: f64) -> String {
    let q = Quantity::number(x).unwrap_or(Quantity::ZERO);
    let unit = crate::units::display::DisplayUnit {
        label: "".into(),
        size: 1.0,
    };
    crate::units::display::show_figures(q, unit, Some(4)).text
}
