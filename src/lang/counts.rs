//! What a declared count catches: a figure that should have been "per
//! request" and was written without it. Finds the figure in the
//! expression that most likely lacks its `/request` and says it with
//! the fix (`did you mean `500 B/request`?`).

use super::ast::{BinOp, Expr, NodeId, Statement, UnitRef};
use super::error::{ExprError, ExprErrorKind};
use crate::quantity::QuantityError;
use crate::quantity::dimension::Dimension;

/// The advice for a value of `have` where `want` was needed, when the two
/// differ only in counts: which count is left over or missing, and the
/// figure of `stmt` rewritten to fix it.
pub(crate) fn hint(
    stmt: &Statement,
    have: Dimension,
    want: Dimension,
    dim_of: Dims<'_>,
) -> Option<String> {
    let gap = have.count_gap(want)?;
    let name = |up: bool, many: bool| {
        gap.counts()
            .filter(|&(_, e)| (e > 0) == up)
            .map(|(id, _)| format!("`{}`", id.name(many)))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let (extra, missing) = (name(true, false), name(false, true));
    let said = match (extra.is_empty(), missing.is_empty()) {
        (false, true) => format!("the count {extra} is left over"),
        (true, false) => format!("no {missing} are counted"),
        _ => format!(
            "this counts {} where {missing} are wanted",
            name(true, true)
        ),
    };
    Some(match rewrite(stmt, gap) {
        Some(fix) => format!("{said}; did you mean `{fix}`?"),
        None => match suspect(stmt, gap, dim_of) {
            Some(name) => format!("{said}; does `{name}` lack `{}`?", fix_units(gap)),
            None => format!("{said}; does a figure lack `{}`?", fix_units(gap)),
        },
    })
}

/// A final value whose counts multiply a size, money or a length
/// (`2 MB*requests/s`) is a "per" dropped somewhere: no estimate means
/// megabyte-requests. The error names the count and the likely fix.
pub(crate) fn check(stmt: &Statement, have: Dimension, dim_of: Dims<'_>) -> Result<(), ExprError> {
    let base = have.uncounted();
    let counted = have.counts().any(|(_, e)| e > 0);
    if !counted || base.is_none() || base == Dimension::RATE {
        return Ok(());
    }
    let error = QuantityError::Counted(format!(
        "this is {have}, a count times {}; if that is meant, wrap it in `uncounted(...)`",
        base.name()
    ));
    let hint = hint(stmt, have, base, dim_of);
    Err(ExprError::new(
        ExprErrorKind::Quantity { error, hint },
        stmt.span(),
    ))
}

/// The counts a question's nouns gave (`bote eval '3 replicas * 5 TB'`)
/// are names the person never declared, so they do not refuse what a
/// declared count would: the dimension of a value that `refused` (by
/// [`check`]) or that counts more than one such noun, without them, but
/// for those a conversion target `named`. `3 replicas * 5 TB` is 15 TB.
/// Two nouns multiplied (`300M users * 2 posts a day`, `1K orders/s * 5
/// items`) leave out a "per" that could stand after either, so the value
/// is said without either (see [`together`]) unless a target names one
/// (`-> posts/s`). The number is the same either way; `None` when there
/// is nothing to read past.
pub(crate) fn read_past(
    counts: &crate::quantity::count::Counts,
    have: Dimension,
    refused: bool,
    named: Option<Dimension>,
) -> Option<Dimension> {
    let guessed = |id| counts.guessed_at(id).is_some();
    let kept = |id| named.is_some_and(|t| t.counts().any(|(n, _)| n == id));
    let all_guessed = have
        .counts()
        .filter(|&(_, e)| e > 0)
        .all(|(id, _)| guessed(id));
    if (refused && all_guessed) || together(counts, have).len() > 1 {
        return Some(have.dropping(&|id| guessed(id) && !kept(id)));
    }
    None
}

/// The nouns a question counts in `have` that it never declared, in the
/// order they came (`users`, `posts`).
pub(crate) fn together(
    counts: &crate::quantity::count::Counts,
    have: Dimension,
) -> Vec<crate::quantity::count::CountId> {
    let mut ids: Vec<_> = have
        .counts()
        .filter(|&(id, e)| e > 0 && counts.guessed_at(id).is_some())
        .map(|(id, _)| id)
        .collect();
    ids.sort_by_key(|&id| counts.guessed_at(id));
    ids
}

/// The dimension of the name at a node, where it is known.
pub(crate) type Dims<'a> = &'a dyn Fn(NodeId) -> Option<Dimension>;

/// The first name of `stmt` that is likely to lack the counts `gap`
/// says: one without counts, a size or a price when a count is left over
/// (`photo_size`), a plain number or rate when counts are missing.
fn suspect<'s>(stmt: &'s Statement, gap: Dimension, dim_of: Dims<'_>) -> Option<&'s str> {
    let left_over = gap.counts().all(|(_, e)| e > 0);
    (0..stmt.nodes.len()).find_map(|id| {
        #[allow(clippy::cast_possible_truncation)] // nodes fit a NodeId
        let id = id as NodeId;
        let dim = dim_of(id)?;
        let fits = !dim.has_counts()
            && if left_over {
                !dim.is_none() && dim != Dimension::RATE && dim != Dimension::TIME
            } else {
                dim.is_none() || dim == Dimension::RATE
            };
        fits.then(|| stmt.text_at(stmt.node(id).span()))
    })
}

/// The units a figure lacks when the value is off by `gap`: `/request`,
/// `requests`, `redirects/url`.
fn fix_units(gap: Dimension) -> String {
    let up: Vec<String> = gap
        .counts()
        .filter(|&(_, e)| e < 0)
        .map(|(id, _)| id.name(true))
        .collect();
    let down: String = gap
        .counts()
        .filter(|&(_, e)| e > 0)
        .map(|(id, _)| format!("/{}", id.name(false)))
        .collect();
    format!("{}{down}", up.join("*"))
}

/// The first figure of `stmt` written without a count (`500 B`, `5 per
/// day`), rewritten to be divided by `gap`: `500 B/request`,
/// `5 requests/user per day`.
fn rewrite(stmt: &Statement, gap: Dimension) -> Option<String> {
    let figure = figures(stmt).into_iter().find(|&id| !has_count(stmt, id))?;
    let text = stmt.text_at(stmt.node(figure).span());
    let number = stmt.text_at(stmt.node(leading_number(stmt, figure)).span());
    let rest = text.get(number.len()..).unwrap_or("");
    // `1 billion requests`, not `1 requests billion`: a magnitude word
    // stays with its number.
    let magnitude = rest
        .split_whitespace()
        .next()
        .filter(|w| crate::units::magnitude_entry(&w.to_ascii_lowercase()).is_some())
        .map_or(0, |w| rest.find(w).unwrap_or(0) + w.len());
    let number = text.get(..number.len() + magnitude).unwrap_or(number);
    let rest = text.get(number.len()..).unwrap_or("");
    let bare = rest.trim().is_empty();
    let up: Vec<String> = gap
        .counts()
        .filter(|&(_, e)| e < 0)
        .map(|(id, _)| id.name(true))
        .collect();
    let down: Vec<String> = gap
        .counts()
        .filter(|&(_, e)| e > 0)
        .map(|(id, _)| id.name(false))
        .collect();
    Some(if up.is_empty() && bare {
        format!("{number} per {}", down.join(" per "))
    } else if up.is_empty() {
        format!("{text}/{}", down.join("/"))
    } else {
        let per: String = down.iter().map(|d| format!("/{d}")).collect();
        format!("{number} {}{per}{rest}", up.join("*"))
    })
}

/// Every figure of `stmt` (a number with the units written after it),
/// outermost only, in the order they are written.
fn figures(stmt: &Statement) -> Vec<NodeId> {
    let n = stmt.nodes.len();
    let mut inner = vec![false; n];
    let mut out = Vec::new();
    for id in (0..n).rev() {
        #[allow(clippy::cast_possible_truncation)] // nodes fit a NodeId
        let id = id as NodeId;
        if inner[id as usize] || !is_figure(stmt, id) {
            continue;
        }
        out.push(id);
        let mut at = id;
        while let Some(next) = figure_inner(stmt, at) {
            inner[next as usize] = true;
            at = next;
        }
    }
    out.sort_by_key(|&id| stmt.node(id).span().start);
    out
}

fn is_figure(stmt: &Statement, id: NodeId) -> bool {
    match stmt.node(id) {
        Expr::Number { .. } => true,
        _ => figure_inner(stmt, id).is_some_and(|inner| is_figure(stmt, inner)),
    }
}

/// The figure a unit is attached to: `500` in `500 B`, `5 per` in `5 per day`.
fn figure_inner(stmt: &Statement, id: NodeId) -> Option<NodeId> {
    match stmt.node(id) {
        Expr::Juxt { lhs, .. } => Some(*lhs),
        Expr::Binary {
            op: BinOp::Div,
            lhs,
            rhs,
            ..
        } if matches!(stmt.node(*rhs), Expr::Unit { .. }) => Some(*lhs),
        _ => None,
    }
}

fn leading_number(stmt: &Statement, id: NodeId) -> NodeId {
    let mut at = id;
    while let Some(inner) = figure_inner(stmt, at) {
        at = inner;
    }
    at
}

/// Does the figure at `id` name a count among its units?
fn has_count(stmt: &Statement, id: NodeId) -> bool {
    let mut at = id;
    loop {
        let unit = match stmt.node(at) {
            Expr::Juxt { unit, .. } => *unit,
            Expr::Binary { rhs, .. } => *rhs,
            _ => return false,
        };
        if matches!(
            stmt.node(unit),
            Expr::Unit {
                unit: UnitRef::Count(..),
                ..
            }
        ) {
            return true;
        }
        match figure_inner(stmt, at) {
            Some(inner) => at = inner,
            None => return false,
        }
    }
}
