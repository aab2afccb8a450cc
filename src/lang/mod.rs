//! The expression language: text to tokens (`lexer`), tokens to a tree
//! (`parser`, `ast`), and the tree to a quantity (`eval`), with the errors
//! of each stage (`error`). [`evaluate`] runs the whole way.

pub(crate) mod ast;
pub(crate) mod counts;
pub(crate) mod env;
pub(crate) mod error;
pub(crate) mod eval;
mod glue;
pub(crate) mod lexer;
pub(crate) mod parser;
pub(crate) mod phrasing;
mod queues;
mod reading;
pub(crate) mod statement;

use crate::quantity::Quantity;
use crate::quantity::count::Counts;
use crate::quantity::sample::Value;
use crate::units::display::{self, Shown, ShownRange};
use env::Env;
use error::ExprError;

/// One evaluated expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The expression as bote read it, magnitudes and units spelled out.
    pub input: String,
    /// The value: exact, or draws of a range.
    pub value: Value,
    /// The value, or an uncertain value's median.
    pub quantity: Quantity,
    /// The value (or median) as printed, in the unit a person would say.
    pub shown: Shown,
    /// An uncertain value's percentiles and 90% range.
    pub range: Option<Box<ShownRange>>,
    /// A doubt about how the expression was written, said beside the
    /// answer: a plain `/ 86400` that converts a day by hand.
    pub warning: Option<String>,
}

/// The most counts one estimate or `--counts` declares: far more than any
/// estimate names, and few enough that looking a word up among them
/// stays a short scan (20,000 took 3.8 s to load).
pub(crate) const MAX_COUNTS: usize = 1_000;

/// Declare the count `word` in `counts` (plural `plural`, by rule when
/// `None`; also spelt as each of `short`). Each spelling must be free: a
/// valid name, not a unit, magnitude, function or keyword, and not a
/// spelling of a count declared before. The error says which is taken
/// (its place among `[word, plural, short...]`) and why.
pub(crate) fn declare_count(
    counts: &mut Counts,
    word: &str,
    plural: Option<&str>,
    short: &[String],
) -> Result<(), (usize, String)> {
    if counts.names().count() >= MAX_COUNTS {
        let max = crate::quantity::grouped(MAX_COUNTS);
        return Err((
            0,
            format!(
                "more than {max} counts are declared; a count is a unit such as `user` or `request`, and an estimate needs a few"
            ),
        ));
    }
    let rule = crate::quantity::count::plural_of(word);
    let spellings = std::iter::once(word)
        .chain(Some(plural.unwrap_or(&rule)))
        .chain(short.iter().map(String::as_str));
    for (i, spelling) in spellings.enumerate() {
        let whose = if i == 1 && plural.is_none() {
            format!(" (`{spelling}` is `{word}`'s plural)")
        } else {
            String::new()
        };
        let problem = parser::name_problem(spelling).map(|p| {
            p.replace("choose another name", "a count needs a name of its own")
                .replace("is not a valid name", "is not a valid count name")
        });
        if let Some(problem) = problem {
            return Err((i, format!("{problem}{whose}")));
        }
        // `5k` is 5,000 whatever is declared: a count spelt `k` could
        // never follow a number.
        if let Some((_, word)) = crate::units::MAGNITUDE_SUFFIXES
            .iter()
            .find(|(suffix, _)| *suffix == spelling)
        {
            return Err((
                i,
                format!(
                    "`{spelling}` is a magnitude (`5{spelling}` is 5 {word}); a count needs a name of its own{whose}"
                ),
            ));
        }
        if counts.lookup(spelling).is_some() && !(i == 1 && spelling == word) {
            return Err((
                i,
                format!("the count `{spelling}` is declared twice{whose}"),
            ));
        }
    }
    counts
        .declare(word, plural, short)
        .map(drop)
        .ok_or((0, "too many counts declared".to_string()))
}

/// Parse and evaluate `src` against `env`, and show the result.
pub fn evaluate(src: &str, env: &Env) -> Result<Answer, ExprError> {
    evaluate_keyed(src, env, "")
}

/// [`evaluate`] where one figure is needed (a calendar's month, a
/// tolerance, a seed): a range is refused, not silently taken at its median.
pub(crate) fn evaluate_exact(src: &str, env: &Env) -> Result<Answer, ExprError> {
    let answer = evaluate(src, env)?;
    if answer.range.is_some() {
        let kind = error::ExprErrorKind::Quantity {
            error: crate::quantity::QuantityError::BadRange(
                "one figure is needed here, not a range".into(),
            ),
            hint: None,
        };
        return Err(ExprError::new(kind, crate::span::Span::new(0, src.len())));
    }
    Ok(answer)
}

/// Refuse a statement whose ranges, with the draws `env`'s names hold,
/// would pass [`MAX_DRAWN`](crate::quantity::sample::MAX_DRAWN), before
/// any is drawn.
fn check_draws(stmt: &ast::Statement, env: &Env) -> Result<(), ExprError> {
    use crate::quantity::grouped;
    use crate::quantity::sample::MAX_DRAWN;
    let samples = env.sampling.samples;
    let ranges = stmt.ranges();
    if env.sampling.point || ranges == 0 {
        return Ok(());
    }
    let held = env.draws_held();
    let need = held.saturating_add(ranges.saturating_mul(samples));
    if need <= MAX_DRAWN {
        return Ok(());
    }
    let fits = (MAX_DRAWN - held.min(MAX_DRAWN)) / ranges;
    let plural = |n: usize, one: &str, many: &str| {
        format!("{} {}", grouped(n), if n == 1 { one } else { many })
    };
    let held_text = if held > 0 {
        format!(
            ", with the {} the names so far hold,",
            plural(held, "draw", "draws")
        )
    } else {
        String::new()
    };
    let advice = if fits >= 2 && fits < samples {
        format!("use --samples {fits} or fewer, or --point for the medians alone")
    } else {
        "use --point for the medians alone, or fewer ranges".to_string()
    };
    let message = format!(
        "{} at {} draws each{held_text} pass the {} draws bote makes at once ({} MB): {advice}",
        plural(ranges, "range", "ranges"),
        grouped(samples),
        grouped(MAX_DRAWN),
        grouped(MAX_DRAWN / 125_000)
    );
    Err(ExprError::new(
        error::ExprErrorKind::Quantity {
            error: crate::quantity::QuantityError::BadRange(message),
            hint: None,
        },
        stmt.span(),
    ))
}

/// [`evaluate`], with its ranges drawing from streams keyed by `key`.
pub(crate) fn evaluate_keyed(src: &str, env: &Env, key: &str) -> Result<Answer, ExprError> {
    let is_name = |w: &str| env.get(w).is_some();
    let stmt = parser::parse_with_names(src, &env.counts, &is_name)
        .map_err(|e| e.name_used_as_unit(src, is_name))?;
    check_draws(&stmt, env)?;
    let mut value = eval::eval_statement(&stmt, env, key)?;
    time_counted_twice(&stmt, value.dim(), &|id| env.dim_of(&stmt, id))?;
    if stmt.target.is_none() {
        squared(&stmt, value.dim())?;
    }
    let mut together = None;
    let mut read_past = false;
    if stmt.target.is_none() {
        (value, read_past) = eval::read_nouns(&stmt, env, value, &|_| false)?;
        together = nouns_together(&env.counts, value.dim());
        let checked = counts::check(&stmt, value.dim(), &|id| env.dim_of(&stmt, id));
        if let Some(dim) = counts::read_past(&env.counts, value.dim(), checked.is_err(), None) {
            read_past = true;
            value = eval::with_dim(&stmt, value, dim)?;
        } else {
            checked?;
        }
    }
    let unit = match &stmt.target {
        Some(t) => Some(eval::display_unit(
            &eval::target_for(t, value.dim()),
            value.at(0),
            env.calendar,
        )?),
        // A percentage written as one stays one: `20%`, not 0.2.
        None if stmt.is_percentage() => Some(display::DisplayUnit::percent()),
        // Nouns read past are not said again (`5 MB photos` is 5 MB; see
        // `nouns_together`).
        None if read_past => None,
        // A figure keeps the units it was written in: `24 bits`, `1 Gbps`.
        None => stmt
            .written_units()
            .and_then(|t| eval::display_unit(&t, value.at(0), env.calendar).ok()),
    };
    let (quantity, shown, range) = display::show_value(&value, unit, env.calendar);
    // A plain number divided by one (`3600 / 60`) is arithmetic, not a unit.
    let warning = match (hand_conversion(&stmt, value.dim()), together) {
        (Some(hand), Some(nouns)) => Some(format!("{hand}; and {nouns}")),
        (hand, nouns) => hand.or(nouns),
    };
    Ok(Answer {
        warning,
        input: stmt.to_string(),
        value,
        quantity,
        shown,
        range,
    })
}

/// Two nouns of a question multiplied (`1K orders/s * 5 items`): the value
/// is said without them, since the "per" left out could stand after
/// either (5,000 items a second, or order-items); said, with the way to
/// name one.
fn nouns_together(
    counts: &crate::quantity::count::Counts,
    dim: crate::quantity::dimension::Dimension,
) -> Option<String> {
    let ids = counts::together(counts, dim);
    if ids.len() < 2 {
        return None;
    }
    let names: Vec<String> = ids
        .iter()
        .map(|id| format!("`{}`", id.name(true)))
        .collect();
    let per = if dim.uncounted() == crate::quantity::dimension::Dimension::RATE {
        "/s"
    } else {
        ""
    };
    let targets: Vec<String> = ids
        .iter()
        .map(|id| format!("`-> {}{per}`", id.name(true)))
        .collect();
    Some(format!(
        "this counts {} together, so it is shown without them; to name what it counts, convert: {}",
        crate::text::and_list(&names),
        crate::text::or_list(&targets)
    ))
}

/// A rate multiplied by more time than it is per: `5M photos per day * 365
/// days * 5 years` counts the days twice and leaves photo-years, which no
/// estimate means. (A count or size times a time alone, `5 servers *
/// 720 h` or `5 TB * 1 month`, is a server-hour or a TB-month, as prices
/// are written, and passes.)
fn time_counted_twice(
    stmt: &ast::Statement,
    dim: crate::quantity::dimension::Dimension,
    dim_of: counts::Dims<'_>,
) -> Result<(), ExprError> {
    if dim.time_power() <= 0 {
        return Ok(());
    }
    // A rate multiplied in: a unit per time (`QPS`, `Gbps`) or a division
    // by a time (`per day`) on the multiplied side of the products. What
    // is divided by (`6 GB / 2 GB/s`) and what `at` pairs (`10 TB at
    // 100 MB/s`) are no slip.
    // `flips` counts the divisions passed on the way down: at 0 a time
    // multiplies the whole (`* 365 days`), at 1 it is a rate's (`per day`).
    let time_node = |id: ast::NodeId| {
        let unit = match stmt.node(id) {
            ast::Expr::Juxt { unit, .. } => stmt.node(*unit),
            other => other,
        };
        matches!(unit, ast::Expr::Unit { unit: ast::UnitRef::Unit(def), power, .. }
            if def.dim == crate::quantity::dimension::Dimension::TIME && *power > 0)
    };
    let mut rate = None;
    let mut durations = 0;
    let mut todo = vec![(stmt.root(), 0u32)];
    while let Some((id, flips)) = todo.pop() {
        match stmt.node(id) {
            ast::Expr::Binary {
                op: ast::BinOp::Mul,
                lhs,
                rhs,
                ..
            } => todo.extend([(*lhs, flips), (*rhs, flips)]),
            ast::Expr::Binary {
                op: ast::BinOp::Div,
                lhs,
                rhs,
                ..
            } => {
                // `5M photos per day`: something per a time is a rate
                // (`1 s per s` is not).
                if flips == 0 && time_node(*rhs) && !time_node(*lhs) {
                    rate = rate.or(Some(stmt.text_at(stmt.node(*rhs).span())));
                }
                todo.extend([(*lhs, flips), (*rhs, flips + 1)]);
            }
            ast::Expr::Juxt { lhs, unit, .. } => todo.extend([(*lhs, flips), (*unit, flips)]),
            ast::Expr::Neg { expr, .. } => todo.push((*expr, flips)),
            // A defined name counts as what it holds: `rate * latency *
            // latency` is a rate times two times.
            node @ ast::Expr::Name { .. } if flips == 0 => {
                let Some(d) = dim_of(id) else { continue };
                if d.time_power() > 0 {
                    durations += 1;
                } else if d.time_power() < 0 {
                    rate = rate.or(Some(stmt.text_at(node.span())));
                }
            }
            node @ ast::Expr::Unit {
                unit: ast::UnitRef::Unit(def),
                power,
                ..
            } => {
                let t = def.dim.time_power() * power;
                match flips {
                    0 if t > 0 => durations += 1,
                    0 if t < 0 => rate = rate.or(Some(stmt.text_at(node.span()))),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if durations < 2 {
        return Ok(());
    }
    let Some(rate) = rate else {
        return Ok(());
    };
    Err(ExprError::new(
        error::ExprErrorKind::Slip {
            what: format!(
                "this multiplies a rate (per `{rate}`) by more time than it is per, leaving {dim}: a time counted twice"
            ),
            hint: "a figure per day times 365 days is already a year's worth: multiply by the number of years (`* 5`), or by one time (`for 5 years`)".into(),
        },
        stmt.span(),
    ))
}

/// Data or time squared (`2 GB * 3 GB`, `1 hour * 2 hours`, `bw / rtt`
/// in B/s^2): no estimate means them, so a line that comes to one is a
/// slip, said with its dimension, unless a conversion asks for it (`->
/// s^2`).
fn squared(
    stmt: &ast::Statement,
    dim: crate::quantity::dimension::Dimension,
) -> Result<(), ExprError> {
    let (data, time) = (dim.data_power(), dim.time_power());
    if data.abs() < 2 && time.abs() < 2 {
        return Ok(());
    }
    let what = if data.abs() >= 2 { "data" } else { "time" };
    Err(ExprError::new(
        error::ExprErrorKind::Slip {
            what: format!("this comes to {dim}, {what} to the power {}: no figure of an estimate is that", if data.abs() >= 2 { data } else { time }),
            hint: "a figure multiplied where it should divide, or divided twice? (`-> s^2` asks for it on purpose)".into(),
        },
        stmt.span(),
    ))
}

/// A division by a plain number that is a time in seconds or minutes
/// (`/ 86400`, `/ 3600`, `/ 60`): a day or an hour converted by hand,
/// which bote, carrying units, would then convert again. `500M reads per
/// day / 86400` is 57,870 reads a day, not a second. Said, not refused:
/// the arithmetic may be meant.
pub(crate) fn hand_conversion(
    stmt: &ast::Statement,
    dim: crate::quantity::dimension::Dimension,
) -> Option<String> {
    const TIMES: [(f64, &str); 9] = [
        (60.0, "a minute in seconds, or an hour in minutes"),
        (1_440.0, "a day in minutes"),
        (3_600.0, "an hour in seconds"),
        (86_400.0, "a day in seconds"),
        (604_800.0, "a week in seconds"),
        (2_592_000.0, "a 30-day month in seconds"),
        (2_628_000.0, "bote's month (a twelfth of a year) in seconds"),
        (31_536_000.0, "a year in seconds"),
        (525_600.0, "a year in minutes"),
    ];
    // Only a rate can have been converted by hand: `1 day / 86400` is a
    // second and `120 GB / 60` a sixtieth of it, both as meant.
    if dim.time_power() >= 0 {
        return None;
    }
    stmt.nodes.iter().find_map(|node| {
        let ast::Expr::Binary {
            op: ast::BinOp::Div,
            rhs,
            ..
        } = node
        else {
            return None;
        };
        let value = plain_number(stmt, *rhs)?;
        let (_, what) = TIMES.iter().find(|(t, _)| (t - value).abs() < 1e-9 * t)?;
        let text = stmt.text_at(stmt.node(*rhs).span());
        let text = if matches!(stmt.node(*rhs), ast::Expr::Binary { .. }) {
            format!("({text})")
        } else {
            text.to_string()
        };
        Some(format!(
            "`/ {text}` divides by a plain number: {what}? bote carries units, so a figure per day or per month is already a rate: write `-> /s` for per second, or divide by a time (`/ 1 day`)"
        ))
    })
}

/// The value of node `id` when it is a plain number or a product or
/// quotient of them (`86400`, `(24 * 3600)`, `(24 * 60 * 60)`).
fn plain_number(stmt: &ast::Statement, id: ast::NodeId) -> Option<f64> {
    match stmt.node(id) {
        ast::Expr::Number {
            value,
            percent: false,
            money: false,
            ..
        } => Some(*value),
        ast::Expr::Binary {
            op: ast::BinOp::Mul,
            lhs,
            rhs,
            ..
        } => Some(plain_number(stmt, *lhs)? * plain_number(stmt, *rhs)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::sheets::{Kind, builtin_sheet};

    /// Every built-in sheet entry's value reads as an expression.
    #[test]
    fn every_builtin_sheet_value_reads() {
        for kind in [Kind::References, Kind::Prices] {
            for e in &builtin_sheet(kind).entries {
                super::evaluate(&e.value, &super::env::Env::default())
                    .unwrap_or_else(|err| panic!("{}: {err}", e.name));
            }
        }
    }
}
